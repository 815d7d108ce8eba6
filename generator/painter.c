/* The painter: libharu's only user. Fonts are embedded TrueType subsets in
 * libharu's UTF-8 encoding: the font is Type0 with Identity-H, and the
 * content stream carries each character as its code point in 2 bytes,
 * big-endian (libharu turns anything beyond the BMP into a space). The
 * /ToUnicode stream libharu attaches there is its encoder's CID CMap, which
 * readers reject, so we rewrite it as an identity bfrange CMap. Font
 * definitions load up front; the costly font objects (HPDF_GetFont) only for
 * faces used. libharu's errors are recorded through the handler's context
 * pointer and checked after each step. */
#include "painter.h"

#include <errno.h>
#include <hpdf.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "text.h"
#include "util.h"

#define SYSTEM_FONTS "/usr/share/fonts/truetype/liberation2"
#define WIDTH_CHUNK 60000   /* HPDF_Font_TextWidth refuses strings over 65535 bytes */

static const char *const default_fonts[FACE_COUNT] = {
	"LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf", "LiberationSerif-Italic.ttf",
	"LiberationSerif-BoldItalic.ttf", "LiberationMono-Regular.ttf",
};

struct hpdf_error {
	HPDF_STATUS code, detail;
};

struct face_font {
	const char *given;        /* as the template names it */
	const char *name;         /* libharu's name for the loaded definition */
	HPDF_FontDef def;
	HPDF_Font font;           /* made on first use: HPDF_GetFont is costly */
	uint8_t *has_glyph;       /* bitmap over the BMP, filled as checked */
};

struct painter {
	HPDF_Doc pdf;
	struct hpdf_error err;
	struct arena arena;
	const char *file;         /* the template, for diagnostics */
	struct face_font faces[FACE_COUNT];
	struct font_metrics fm;
	int failed_face;          /* a font that could not be made, or -1 */
	const struct layout *drawn;
	bool broken;              /* drawing failed: the document is incomplete */
};

static void on_error(HPDF_STATUS code, HPDF_STATUS detail, void *ctx)
{
	struct hpdf_error *e = ctx;
	if (!e->code) {
		e->code = code;
		e->detail = detail;
	}
}

static void clear_error(struct painter *p)
{
	p->err.code = p->err.detail = 0;
	HPDF_ResetError(p->pdf);
}

/* The recorded error as a bilingual diagnostic argument. */
static const char *error_reason(struct painter *p)
{
	HPDF_STATUS c = p->err.code, dt = p->err.detail;
	if (c == HPDF_FILE_OPEN_ERROR || c == HPDF_FILE_IO_ERROR)
		return arena_printf(&p->arena, "%s", strerror((int)dt));
	if (c == HPDF_TTF_INVALID_CMAP || c == HPDF_TTF_INVALID_FOMAT || c == HPDF_TTF_MISSING_TABLE ||
	    c == HPDF_INVALID_FONTDEF_DATA || c == HPDF_TTF_CANNOT_EMBEDDING_FONT)
		return arena_printf(&p->arena,
				    "không phải phông TrueType dùng được (libharu 0x%04X)\x1F"
				    "not a usable TrueType font (libharu error 0x%04X)",
				    (unsigned)c, (unsigned)c);
	return arena_printf(&p->arena, "lỗi libharu 0x%04X (%u)\x1Flibharu error 0x%04X (%u)",
			    (unsigned)c, (unsigned)dt, (unsigned)c, (unsigned)dt);
}

/* ---- fonts ---- */

static const char *find_font(struct painter *p, const char *given, const char **why)
{
	if (strchr(given, '/'))
		return given;  /* a path: libharu reports why it cannot open it */
	const char *dir = arena_printf(&p->arena, "%s/../fonts", templates_dir(&p->arena));
	const char *const places[] = {dir, SYSTEM_FONTS};
	for (size_t i = 0; i < COUNT_OF(places); i++) {
		const char *path = arena_printf(&p->arena, "%s/%s", places[i], given);
		if (access(path, R_OK) == 0)
			return path;
	}
	*why = arena_printf(&p->arena, "không tìm thấy trong %s và %s\x1Fnot found in %s or %s", dir,
			    SYSTEM_FONTS, dir, SYSTEM_FONTS);
	return NULL;
}

static bool load_face(struct painter *p, struct face_font *f, struct diags *d)
{
	for (struct face_font *o = p->faces; o < f; o++) {
		if (strcmp(o->given, f->given) == 0) {
			f->name = o->name;
			f->def = o->def;
			return true;
		}
	}
	const char *why = NULL, *path = find_font(p, f->given, &why);
	if (path) {
		clear_error(p);
		f->name = HPDF_LoadTTFontFromFile(p->pdf, path, HPDF_TRUE);
		f->def = f->name ? HPDF_GetFontDef(p->pdf, f->name) : NULL;
		if (!f->def)
			why = error_reason(p);
	}
	if (!f->def) {
		diag(d, DIAG_FONT_FAILED, p->file, (struct pos){0, 0}, path ? path : f->given, why, NULL);
		return false;
	}
	return true;
}

/* An identity map from the 2-byte codes to UTF-16, surrogates left out;
 * at most 100 ranges a block, as the CMap format asks. */
static void write_bfranges(HPDF_Stream s)
{
	size_t n = 0;
	char line[64];
	for (unsigned hi = 0; hi < 256; hi++) {
		if (hi >= 0xD8 && hi <= 0xDF)
			continue;
		if (n % 100 == 0) {
			if (n)
				HPDF_Stream_WriteStr(s, "endbfrange\n");
			unsigned left = 248 - (unsigned)n;
			snprintf(line, sizeof line, "%u beginbfrange\n", left < 100 ? left : 100);
			HPDF_Stream_WriteStr(s, line);
		}
		snprintf(line, sizeof line, "<%02X00> <%02XFF> <%02X00>\n", hi, hi, hi);
		HPDF_Stream_WriteStr(s, line);
		n++;
	}
	HPDF_Stream_WriteStr(s, "endbfrange\n");
}

/* Replaces the contents of the font's /ToUnicode stream (libharu's encoder
 * CMap) with a real ToUnicode CMap; the object stays where libharu put it. */
static bool fix_to_unicode(struct painter *p, HPDF_Font font)
{
	HPDF_Dict cmap = HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT);
	if (!cmap || !cmap->stream || p->err.code)
		return false;
	const char *const keys[] = {"Type", "CMapName", "CIDSystemInfo", "WMode"};
	for (size_t i = 0; i < COUNT_OF(keys); i++)
		HPDF_Dict_RemoveElement(cmap, keys[i]);
	HPDF_Stream s = cmap->stream;
	HPDF_MemStream_FreeData(s);
	HPDF_Stream_WriteStr(s, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
			     "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
			     "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
			     "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	write_bfranges(s);
	HPDF_Stream_WriteStr(s, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
	return p->err.code == 0;
}

static HPDF_Font face_font(struct painter *p, enum font_face face)
{
	if ((unsigned)face >= FACE_COUNT)
		face = FACE_REGULAR;
	struct face_font *f = &p->faces[face];
	if (f->font || p->failed_face >= 0 || !f->def)
		return f->font;
	for (struct face_font *o = p->faces; o < p->faces + FACE_COUNT; o++) {
		if (o->font && o->def == f->def) {
			f->font = o->font;
			return f->font;
		}
	}
	f->font = HPDF_GetFont(p->pdf, f->name, "UTF-8");
	if (!f->font || !fix_to_unicode(p, f->font)) {
		f->font = NULL;
		p->failed_face = (int)face;
	}
	return f->font;
}

/* ---- metrics ---- */

static double metric_width(void *ctx, enum font_face face, double size, const char *s, size_t n)
{
	struct painter *p = ctx;
	HPDF_Font font = face_font(p, face);
	if (!font)
		return 0;
	double units = 0;
	while (n > 0) {
		size_t k = n;
		if (k > WIDTH_CHUNK) {
			k = WIDTH_CHUNK;
			while (k > 1 && ((unsigned char)s[k] & 0xC0) == 0x80)
				k--;  /* never cut a UTF-8 sequence */
		}
		HPDF_TextWidth tw = HPDF_Font_TextWidth(font, (const HPDF_BYTE *)s, (HPDF_UINT)k);
		units += tw.width;
		s += k;
		n -= k;
	}
	return units * size / 1000;
}

static double metric_ascent(void *ctx, enum font_face face, double size)
{
	HPDF_Font font = face_font(ctx, face);
	return font ? HPDF_Font_GetAscent(font) * size / 1000 : 0.8 * size;
}

static double metric_descent(void *ctx, enum font_face face, double size)
{
	HPDF_Font font = face_font(ctx, face);
	return font ? -HPDF_Font_GetDescent(font) * size / 1000 : 0.2 * size;
}

struct painter *painter_new(const struct template *t, const char *file, struct diags *d)
{
	struct painter *p = xcalloc(1, sizeof *p);
	p->failed_face = -1;
	p->file = arena_strdup(&p->arena, file ? file : "");
	p->pdf = HPDF_New(on_error, &p->err);
	if (!p->pdf)
		fatal_oom();
	/* Without zlib libharu refuses compression: write uncompressed then. */
	if (HPDF_SetCompressionMode(p->pdf, HPDF_COMP_ALL) != HPDF_OK)
		clear_error(p);
	bool ok = HPDF_UseUTFEncodings(p->pdf) == HPDF_OK &&
		  HPDF_SetCurrentEncoder(p->pdf, "UTF-8") == HPDF_OK;
	if (!ok)
		diag(d, DIAG_FONT_FAILED, p->file, (struct pos){0, 0}, "UTF-8", error_reason(p), NULL);
	for (int i = 0; ok && i < FACE_COUNT; i++) {
		p->faces[i].given = t && t->fonts[i] && *t->fonts[i] ? t->fonts[i] : default_fonts[i];
		ok = load_face(p, &p->faces[i], d);
	}
	if (!ok) {
		painter_free(p);
		return NULL;
	}
	p->fm = (struct font_metrics){p, metric_width, metric_ascent, metric_descent};
	return p;
}

const struct font_metrics *painter_metrics(struct painter *p)
{
	return &p->fm;
}

void painter_free(struct painter *p)
{
	if (!p)
		return;
	if (p->pdf)
		HPDF_Free(p->pdf);
	arena_free(&p->arena);
	free(p);
}

/* ---- glyphs ---- */

static bool face_has(struct painter *p, struct face_font *f, uint32_t cp)
{
	if (cp > 0xFFFF)
		return false;  /* libharu draws these as a space */
	if (!f->has_glyph)
		f->has_glyph = arena_alloc(&p->arena, 0x10000 / 8);
	if (f->has_glyph[cp >> 3] & (1u << (cp & 7)))
		return true;
	if (HPDF_TTFontDef_GetGlyphid(f->def, (HPDF_UINT16)cp) == 0)
		return false;
	f->has_glyph[cp >> 3] |= (uint8_t)(1u << (cp & 7));
	return true;
}

static void report_missing(struct diags *d, const char *file, const struct face_font *f, uint32_t cp)
{
	char ch[5], hex[16];
	ch[utf8_encode(cp, ch)] = '\0';
	snprintf(hex, sizeof hex, "%04X", (unsigned)cp);
	diag(d, DIAG_MISSING_GLYPH, file, (struct pos){0, 0}, f->given, ch, hex, NULL);
}

bool painter_check_glyphs(struct painter *p, const struct layout *l, const char *file, struct diags *d)
{
	uint8_t *reported = xcalloc(0x110000 / 8, 1);
	bool ok = true;
	for (size_t i = 0; i < l->n_lines; i++) {
		for (size_t k = 0; k < l->lines[i].n_items; k++) {
			const struct placed_text *t = &l->lines[i].items[k];
			struct face_font *f = &p->faces[(unsigned)t->face < FACE_COUNT ? t->face : FACE_REGULAR];
			size_t n = strlen(t->text), len;
			uint32_t cp;
			for (size_t o = 0; o < n; o += len ? len : 1) {
				len = utf8_decode(t->text + o, n - o, &cp);
				if (!len || face_has(p, f, cp) || reported[cp >> 3] & (1u << (cp & 7)))
					continue;
				reported[cp >> 3] |= (uint8_t)(1u << (cp & 7));
				report_missing(d, file, f, cp);
				ok = false;
			}
		}
	}
	free(reported);
	return ok;
}

/* ---- drawing ---- */

struct cursor {
	size_t line, rule, rect;
};

static void draw_rects(HPDF_Page pg, const struct layout *l, int page, struct cursor *c)
{
	for (; c->rect < l->n_rects && l->rects[c->rect].page <= page; c->rect++) {
		const struct placed_rect *r = &l->rects[c->rect];
		if (r->fill) {
			HPDF_Page_SetGrayFill(pg, (HPDF_REAL)r->gray);
			HPDF_Page_Rectangle(pg, (HPDF_REAL)r->x, (HPDF_REAL)r->y, (HPDF_REAL)r->w, (HPDF_REAL)r->h);
			HPDF_Page_Fill(pg);
			HPDF_Page_SetGrayFill(pg, 0);
		} else {
			HPDF_Page_SetGrayStroke(pg, (HPDF_REAL)r->gray);
			HPDF_Page_SetLineWidth(pg, (HPDF_REAL)r->line_width);
			HPDF_Page_Rectangle(pg, (HPDF_REAL)r->x, (HPDF_REAL)r->y, (HPDF_REAL)r->w, (HPDF_REAL)r->h);
			HPDF_Page_Stroke(pg);
			HPDF_Page_SetGrayStroke(pg, 0);
		}
	}
}

static void stroke_line(HPDF_Page pg, double x1, double y1, double x2, double y2, double lw, bool dotted)
{
	static const HPDF_UINT16 dots[] = {1, 2};
	HPDF_Page_SetLineWidth(pg, (HPDF_REAL)lw);
	if (dotted)
		HPDF_Page_SetDash(pg, dots, 2, 0);
	HPDF_Page_MoveTo(pg, (HPDF_REAL)x1, (HPDF_REAL)y1);
	HPDF_Page_LineTo(pg, (HPDF_REAL)x2, (HPDF_REAL)y2);
	HPDF_Page_Stroke(pg);
	if (dotted)
		HPDF_Page_SetDash(pg, NULL, 0, 0);
}

static void draw_rules(HPDF_Page pg, const struct layout *l, int page, struct cursor *c)
{
	for (; c->rule < l->n_rules && l->rules[c->rule].page <= page; c->rule++) {
		const struct placed_rule *r = &l->rules[c->rule];
		stroke_line(pg, r->x1, r->y1, r->x2, r->y2, r->line_width, r->dotted);
	}
}

static void draw_text(struct painter *p, HPDF_Page pg, const struct layout *l, size_t from, size_t to)
{
	HPDF_Font cur = NULL;
	double cur_size = 0;
	HPDF_Page_BeginText(pg);
	for (size_t i = from; i < to; i++) {
		const struct placed_line *pl = &l->lines[i];
		for (size_t k = 0; k < pl->n_items; k++) {
			const struct placed_text *t = &pl->items[k];
			HPDF_Font font = face_font(p, t->face);
			if (!font || !*t->text || !(t->size > 0))
				continue;
			if (font != cur || t->size != cur_size)
				HPDF_Page_SetFontAndSize(pg, font, (HPDF_REAL)t->size);
			cur = font;
			cur_size = t->size;
			/* Absolute text matrices: no drift from relative moves. */
			HPDF_Page_SetTextMatrix(pg, 1, 0, 0, 1, (HPDF_REAL)t->x, (HPDF_REAL)pl->y);
			HPDF_Page_ShowText(pg, t->text);
		}
	}
	HPDF_Page_EndText(pg);
}

static void draw_underlines(HPDF_Page pg, const struct layout *l, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++) {
		const struct placed_line *pl = &l->lines[i];
		for (size_t k = 0; k < pl->n_items; k++) {
			const struct placed_text *t = &pl->items[k];
			double y = pl->y - 0.12 * t->size;
			if (t->underline)
				stroke_line(pg, t->x, y, t->x + t->width, y, 0.05 * t->size, false);
		}
	}
}

static HPDF_Page draw_page(struct painter *p, const struct layout *l, int page, struct cursor *c)
{
	HPDF_Page pg = HPDF_AddPage(p->pdf);
	if (!pg)
		return NULL;
	HPDF_Page_SetWidth(pg, (HPDF_REAL)l->setup.width);
	HPDF_Page_SetHeight(pg, (HPDF_REAL)l->setup.height);
	draw_rects(pg, l, page, c);
	draw_rules(pg, l, page, c);
	size_t from = c->line;
	while (c->line < l->n_lines && l->lines[c->line].page <= page)
		c->line++;
	draw_text(p, pg, l, from, c->line);
	draw_underlines(pg, l, from, c->line);
	return pg;
}

static void add_outlines(struct painter *p, const struct layout *l, HPDF_Page *pages)
{
	HPDF_Outline parents[4] = {NULL, NULL, NULL, NULL};
	HPDF_Encoder enc = HPDF_GetEncoder(p->pdf, "UTF-8");
	for (size_t i = 0; i < l->n_bookmarks; i++) {
		const struct bookmark *b = &l->bookmarks[i];
		if (b->page < 1 || b->page > l->n_pages || b->level < 1 || b->level > 3 || !b->title)
			continue;
		HPDF_Outline parent = NULL;
		for (int k = b->level - 1; k >= 1 && !parent; k--)
			parent = parents[k];
		HPDF_Outline o = HPDF_CreateOutline(p->pdf, parent, b->title, enc);
		if (!o)
			return;
		HPDF_Destination dst = HPDF_Page_CreateDestination(pages[b->page - 1]);
		HPDF_Destination_SetXYZ(dst, 0, (HPDF_REAL)b->y, 1);
		HPDF_Outline_SetDestination(o, dst);
		HPDF_Outline_SetOpened(o, HPDF_TRUE);
		parents[b->level] = o;
		for (int k = b->level + 1; k <= 3; k++)
			parents[k] = NULL;
	}
	if (l->n_bookmarks)
		HPDF_SetPageMode(p->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
}

/* SOURCE_DATE_EPOCH, when set to a number, dates the document (UTC). */
static void set_dates(struct painter *p)
{
	const char *env = getenv("SOURCE_DATE_EPOCH");
	if (!env || !*env || strspn(env, "0123456789") != strlen(env))
		return;
	time_t t = (time_t)strtoll(env, NULL, 10);
	struct tm tm;
	if (!gmtime_r(&t, &tm))
		return;
	HPDF_Date date = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
			  tm.tm_sec, 'Z', 0, 0};
	HPDF_SetInfoDateAttr(p->pdf, HPDF_INFO_CREATION_DATE, date);
	HPDF_SetInfoDateAttr(p->pdf, HPDF_INFO_MOD_DATE, date);
}

static void set_info(struct painter *p, const struct doc_info *info)
{
	HPDF_SetCurrentEncoder(p->pdf, "UTF-8");  /* else Vietnamese titles are garbled */
	HPDF_SetInfoAttr(p->pdf, HPDF_INFO_CREATOR, "chuyende");
	if (info) {
		const struct {
			HPDF_InfoType type;
			const char *value;
		} attrs[] = {{HPDF_INFO_TITLE, info->title},
			     {HPDF_INFO_AUTHOR, info->author},
			     {HPDF_INFO_SUBJECT, info->subject},
			     {HPDF_INFO_KEYWORDS, info->keywords}};
		for (size_t i = 0; i < COUNT_OF(attrs); i++)
			if (attrs[i].value && *attrs[i].value)
				HPDF_SetInfoAttr(p->pdf, attrs[i].type, attrs[i].value);
	}
	set_dates(p);
}

static bool draw(struct painter *p, const struct layout *l, const struct doc_info *info)
{
	struct cursor c = {0, 0, 0};
	int n = l->n_pages > 0 ? l->n_pages : 1;
	HPDF_Page *pages = xcalloc((size_t)n, sizeof *pages);
	for (int i = 0; i < n && !p->err.code; i++)
		pages[i] = draw_page(p, l, i + 1, &c);
	if (!p->err.code && p->failed_face < 0)
		add_outlines(p, l, pages);
	free(pages);
	if (!p->err.code)
		set_info(p, info);
	return !p->err.code && p->failed_face < 0;
}

/* ---- saving ---- */

/* The saved document's bytes, read back from libharu's memory stream. */
static char *saved_bytes(struct painter *p, size_t *n)
{
	if (HPDF_SaveToStream(p->pdf) != HPDF_OK)
		return NULL;
	HPDF_UINT32 size = HPDF_GetStreamSize(p->pdf), got = size;
	char *data = xmalloc(size ? size : 1);
	if (!size || HPDF_ReadFromStream(p->pdf, (HPDF_BYTE *)data, &got) != HPDF_OK || got != size) {
		free(data);
		if (!p->err.code)
			p->err.code = HPDF_STREAM_EOF;
		return NULL;
	}
	*n = size;
	return data;
}

bool painter_save(struct painter *p, const struct layout *l, const struct doc_info *info,
		  const char *out_path, struct diags *d)
{
	const struct pos at = {0, 0};
	if ((p->drawn && p->drawn != l) || p->broken) {
		diag(d, DIAG_OUTPUT_FAILED, out_path, at,
		     BI("bộ vẽ chỉ vẽ một bố cục, một lần", "a painter draws one layout, once"), NULL);
		return false;
	}
	if (!p->drawn) {
		clear_error(p);
		bool ok = draw(p, l, info);
		p->drawn = l;
		p->broken = !ok;
		if (p->failed_face >= 0) {
			diag(d, DIAG_FONT_FAILED, p->file, at, p->faces[p->failed_face].given,
			     p->err.code ? error_reason(p) : "?", NULL);
			return false;
		}
		if (!ok) {
			diag(d, DIAG_OUTPUT_FAILED, out_path, at, error_reason(p), NULL);
			return false;
		}
	}
	clear_error(p);
	size_t n = 0;
	char *data = saved_bytes(p, &n);
	if (!data) {
		diag(d, DIAG_OUTPUT_FAILED, out_path, at, error_reason(p), NULL);
		return false;
	}
	fflush(stdout);
	bool ok = atomic_write(out_path, data, n);
	if (!ok)
		diag(d, DIAG_OUTPUT_FAILED, out_path, at, strerror(errno), NULL);
	free(data);
	return ok;
}
