/* The painter: libharu's only user. libharu writes the document
 * structure, pages, graphics, outlines and the info dictionary; fonts are
 * ours (font.c): measured from our own TrueType reader, embedded as
 * subsets of exactly the glyphs the layout uses, and described by font
 * objects made through libharu's object API:
 *   Type0 /Identity-H → CIDFontType2 (/CIDToGIDMap /Identity, /W) →
 *   FontDescriptor → FontFile2 (the subset), plus a /ToUnicode CMap that
 *   maps each CID back to its character.
 * CIDs are the subset's glyph ids; text goes into the page content stream
 * as strings of 2-byte CIDs, between libharu's BT and ET. libharu's errors
 * are recorded through the handler's context pointer and checked after
 * each step.
 *
 * Pages are drawn one by one as the layout finishes them, and each is
 * deflated at once: the document holds compressed pages, not the layout.
 * So a character gets its CID when a page first draws it (ordered
 * subsets), and the Type0 font object a page names is filled in, with the
 * subset of every glyph of every page, when the document is finished.
 *
 * An archival document (doc_info.archival) is PDF/A-1b: see "PDF/A"
 * below for what that adds. Others stay plain PDF 1.3.
 *
 * libharu's handles are opaque here (HPDF_SHARED): what its public API
 * does not offer goes through hpdf_bridge.c, the one file that knows its
 * structs. */
#include "painter.h"

#include <errno.h>
#define HPDF_SHARED
#include <hpdf.h>
#include <math.h>
#include <nettle/sha2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "date.h"
#include "font.h"
#include "hpdf_bridge.h"
#include "output.h"
#include "pdf_syntax.h"
#include "syserr.h"
#include "text.h"
#include "util.h"

#define NO_CP UINT32_MAX
/* TrueType hinting (cvt, fpgm, prep and each glyph's instructions) is half
 * of Liberation's glyph data, and PDF viewers draw unhinted (poppler by
 * default, Acrobat, pdf.js): embedding it would double the fonts' size. */
#define EMBED_HINTING false

struct hpdf_error {
	HPDF_STATUS code, detail;
};

/* A font the document draws with: one per font file, whatever faces share it. */
struct used_font {
	struct font *font;
	struct font_subset *subset;
	HPDF_Dict dict;           /* the Type0 font */
	int face;                 /* the first face that uses it, for diagnostics */
	char name[16];            /* in the pages' resources: "F1" */
};

/* The Info dictionary's /Creator and XMP's xmp:CreatorTool. */
#define CREATOR "chuyende"

struct painter {
	HPDF_Doc pdf;
	struct hpdf_error err;
	struct arena arena;
	const char *file;         /* the template, for diagnostics */
	const struct font_set *font_set;
	int used_of[FACE_COUNT];  /* each face's index in used, or -1 */
	struct used_font used[FACE_COUNT];
	int n_used;
	bool compress;            /* our streams too: libharu compresses its own */
	struct bridge_deflater *deflater;  /* pages, as they are drawn */
	int failed_face;          /* a font that could not be embedded, or -1 */
	const char *font_why;     /* and why, when font.c said */
	int pages;                /* drawn so far */
	HPDF_Dict resources;      /* one for every page: the fonts by name */
	HPDF_Dict fonts;
	const struct layout *drawn; /* a whole layout drawn by painter_pdf or painter_save */
	HPDF_Outline parents[4];  /* the last bookmark of each level: the next one's parent */
	bool finished;            /* fonts, info and PDF/A parts made: ready to save */
	bool broken;              /* drawing failed: the document is incomplete */
	bool archival;            /* PDF/A-1b */
	struct sha256_ctx id_hash; /* of what the document holds: its /ID */
	const char *info_text[4]; /* Info's Title, Author, Subject, Keywords as set: XMP says the same */
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
	if (c == BRIDGE_FILE_OPEN_ERROR || c == BRIDGE_FILE_IO_ERROR)
		return sys_cause((int)dt, NULL);
	return arena_printf(&p->arena, "lỗi libharu 0x%04X (%u)\x1Flibharu error 0x%04X (%u)",
			    (unsigned)c, (unsigned)dt, (unsigned)c, (unsigned)dt);
}

/* The resources every page shares (a page of its own would cost libharu
 * some 3 KB): the fonts, named as they are first used. No /ProcSet, which
 * PDF 1.4 made obsolete and readers ignore. */
static bool make_resources(struct painter *p)
{
	p->resources = bridge_new_dict(p->pdf, true);
	p->fonts = bridge_new_dict(p->pdf, false);
	return p->resources && p->fonts && bridge_dict_add(p->resources, "Font", p->fonts);
}

struct painter *painter_new(const struct font_set *fonts, struct diags *d)
{
	struct painter *p = xcalloc(1, sizeof *p);
	p->failed_face = -1;
	p->font_set = fonts;
	/* font problems are the template's, at the line that names the font */
	p->file = font_set_file(fonts);
	for (int i = 0; i < FACE_COUNT; i++)
		p->used_of[i] = -1;
	p->pdf = HPDF_New(on_error, &p->err);
	if (!p->pdf)
		fatal_oom();
	/* Without zlib libharu refuses compression: write uncompressed then
	 * (our own streams are deflated by libdeflate, not by libharu). */
	if (HPDF_SetCompressionMode(p->pdf, HPDF_COMP_ALL) == HPDF_OK)
		p->compress = (p->deflater = bridge_deflater_new()) != NULL;
	else
		clear_error(p);
	sha256_init(&p->id_hash);
	if (!make_resources(p)) {
		diag(d, DIAG_FONT_FAILED, p->file, (struct pos){0, 0}, "PDF", error_reason(p), NULL);
		painter_free(p);
		return NULL;
	}
	return p;
}

void painter_free(struct painter *p)
{
	if (!p)
		return;
	for (int i = 0; i < p->n_used; i++)
		font_subset_free(p->used[i].subset);
	if (p->deflater)
		bridge_deflater_wait(p->deflater);  /* its helper writes into the document's objects */
	if (p->pdf)
		HPDF_Free(p->pdf);
	bridge_deflater_free(p->deflater);
	arena_free(&p->arena);
	free(p);
}

static HPDF_Dict new_object(struct painter *p)
{
	return bridge_new_dict(p->pdf, true);
}

static HPDF_Dict new_stream(struct painter *p, const void *data, size_t n)
{
	return bridge_new_stream(p->pdf, data, n, p->compress ? p->deflater : NULL);
}

/* ---- font objects ---- */

static struct used_font *use_face(struct painter *p, enum font_face face)
{
	if ((unsigned)face >= FACE_COUNT)
		face = FACE_REGULAR;
	int *used = &p->used_of[face];
	if (*used >= 0)
		return &p->used[*used];
	struct font *font = font_set_font(p->font_set, face);
	for (int i = 0; i < p->n_used; i++) {
		if (p->used[i].font == font) {
			*used = i;
			return &p->used[i];
		}
	}
	*used = p->n_used++;
	/* the Type0 object a page names now, filled when the document is finished */
	struct used_font *u = &p->used[*used];
	*u = (struct used_font){font, font_subset_new_ordered(font), new_object(p), (int)face, ""};
	snprintf(u->name, sizeof u->name, "F%d", *used + 1);
	if (!bridge_dict_add(p->fonts, u->name, u->dict) && !p->err.code)
		p->err.code = BRIDGE_INVALID_OBJECT;
	return u;
}

static bool drawable(const struct placed_text *t)
{
	return *t->text && t->size > 0;
}

/* Every character of lines [from, to), into its font's subset: a new one
 * gets its CID. */
static void collect_glyphs(struct painter *p, const struct layout *l, size_t from, size_t to)
{
	struct font_subset *s = NULL;
	enum font_face face = FACE_REGULAR;  /* s's: items in a row share it */
	for (size_t i = from; i < to; i++) {
		for (size_t k = 0; k < l->lines[i].n_items; k++) {
			const struct placed_text *t = &l->lines[i].items[k];
			if (!drawable(t))
				continue;
			if (!s || t->face != face) {
				s = use_face(p, t->face)->subset;
				face = t->face;
			}
			font_subset_add_text(s, t->text, strlen(t->text));
		}
	}
}

static int cmp_unsigned(const void *a, const void *b)
{
	unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
	return x < y ? -1 : x > y;
}

/* /DW, the commonest width, and /W for the others (pdf_add_widths),
 * written by us: libharu spaces every bracket. */
static void add_widths(struct painter *p, HPDF_Dict cid_font, const struct font_subset *s)
{
	unsigned n = font_subset_count(s);
	unsigned *w = xmalloc(n * sizeof *w), *sorted = xmalloc(n * sizeof *sorted);
	for (unsigned c = 0; c < n; c++)
		w[c] = sorted[c] = font_subset_width(s, c);
	qsort(sorted, n, sizeof *sorted, cmp_unsigned);
	unsigned dw = sorted[0], best = 0;
	for (unsigned i = 0, j; i < n; i = j) {
		for (j = i; j < n && sorted[j] == sorted[i]; j++)
			;
		if (j - i > best) {
			best = j - i;
			dw = sorted[i];
		}
	}
	free(sorted);
	bridge_dict_add_int(cid_font, "DW", (int32_t)dw);
	struct buf e = {0};
	buf_adds(&e, "/W ");
	pdf_add_widths(&e, w, n, dw);
	buf_addc(&e, '\n');
	free(w);
	if (!bridge_dict_add_raw(cid_font, e.data, e.len) && !p->err.code)
		p->err.code = BRIDGE_INVALID_OBJECT;
	buf_free(&e);
}

struct cmap_entry {
	unsigned cid, n;          /* n CIDs from cid map to n code points from cp */
	uint32_t cp;
};

/* "<cid> <utf-16>" or "<first> <last> <utf-16>", a line of a bf block:
 * each code in four hex digits. */
static void add_cmap_line(struct buf *b, const struct cmap_entry *e, bool range)
{
	char line[40], *o = line;
	*o++ = '<';
	o = pdf_put_hex4(o, e->cid);
	if (range) {
		memcpy(o, "> <", 3);
		o += 3;
		o = pdf_put_hex4(o, e->cid + e->n - 1);
	}
	memcpy(o, "> <", 3);
	o += 3;
	uint16_t units[2];
	for (int j = 0, k = utf16_encode(e->cp, units); j < k; j++)
		o = pdf_put_hex4(o, units[j]);
	*o++ = '>';
	*o++ = '\n';
	buf_add(b, line, (size_t)(o - line));
}

static void write_entries(struct buf *b, const struct cmap_entry *e, size_t n, bool ranges)
{
	const char *kind = ranges ? "bfrange\n" : "bfchar\n";
	for (size_t i = 0; i < n; i += 100) {
		size_t k = n - i < 100 ? n - i : 100;
		pdf_add_int(b, (long long)k);
		buf_adds(b, " begin");
		buf_adds(b, kind);
		for (size_t j = i; j < i + k; j++)
			add_cmap_line(b, &e[j], ranges);
		buf_adds(b, "end");
		buf_adds(b, kind);
	}
}

/* A ToUnicode CMap for exactly the subset's CIDs; runs of consecutive CIDs
 * standing for consecutive characters become ranges (within one last
 * byte, as the format asks). */
static void write_to_unicode(struct buf *b, const struct font_subset *s)
{
	unsigned n = font_subset_count(s);
	struct cmap_entry *chars = xmalloc((n + 1) * sizeof *chars), *ranges = xmalloc((n + 1) * sizeof *ranges);
	size_t n_chars = 0, n_ranges = 0;
	for (unsigned c = 0; c < n;) {
		uint32_t cp = font_subset_unicode(s, c);
		if (cp == NO_CP) {
			c++;
			continue;
		}
		unsigned k = 1;
		while (c + k < n && cp < 0x10000 && cp + k < 0x10000 && font_subset_unicode(s, c + k) == cp + k &&
		       (c + k) >> 8 == c >> 8 && (cp + k) >> 8 == cp >> 8)
			k++;
		if (k > 1)
			ranges[n_ranges++] = (struct cmap_entry){c, k, cp};
		else
			chars[n_chars++] = (struct cmap_entry){c, 1, cp};
		c += k;
	}
	buf_adds(b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
		    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
		    "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
		    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	write_entries(b, chars, n_chars, false);
	write_entries(b, ranges, n_ranges, true);
	buf_adds(b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
	free(chars);
	free(ranges);
}

/* PDF/A-1 wants each CID font subset to say which CIDs its font program
 * holds: one bit per CID, CID 0 the high bit of the first byte. A subset
 * holds CIDs 0 to count - 1. */
static HPDF_Dict cid_set(struct painter *p, const struct font_subset *s)
{
	unsigned n = font_subset_count(s);
	size_t len = (n + 7) / 8;
	uint8_t *bits = xcalloc(len ? len : 1, 1);
	for (unsigned c = 0; c < n; c++)
		bits[c >> 3] |= (uint8_t)(0x80u >> (c & 7));
	HPDF_Dict set = new_stream(p, bits, len);
	free(bits);
	return set;
}

/* The FontDescriptor of a subset, with its FontFile2 (and CIDSet). */
static HPDF_Dict font_descriptor(struct painter *p, const struct used_font *u, const char *base)
{
	const struct font_info *in = font_get_info(u->font);
	size_t size;
	const uint8_t *data = font_subset_data(u->subset, &size);
	if (!data || size > 0x7FFFFFFF)
		return NULL;
	HPDF_Dict file = new_stream(p, data, size);
	if (!file)
		return NULL;
	bridge_dict_add_int(file, "Length1", (int32_t)size);

	HPDF_Dict desc = new_object(p);
	void *bbox = bridge_new_array(p->pdf);
	if (!desc || !bbox)
		return NULL;
	bridge_dict_add_name(desc, "Type", "FontDescriptor");
	bridge_dict_add_name(desc, "FontName", base);
	bridge_dict_add_int(desc, "Flags", in->flags);
	for (int i = 0; i < 4; i++)
		bridge_array_add_int(bbox, in->bbox[i]);
	bridge_dict_add(desc, "FontBBox", bbox);
	bridge_dict_add_real(desc, "ItalicAngle", (float)in->italic_angle);
	bridge_dict_add_int(desc, "Ascent", in->ascent);
	bridge_dict_add_int(desc, "Descent", in->descent);
	bridge_dict_add_int(desc, "CapHeight", in->cap_height);
	bridge_dict_add_int(desc, "StemV", in->stem_v);
	bridge_dict_add(desc, "FontFile2", file);
	/* the /ID: the subset by its tagged name (the tag hashes its glyphs)
	 * and size; its bytes follow from them and the font file, and hashing
	 * them cost a paper some 1.5 M instructions */
	char length[24];
	snprintf(length, sizeof length, " %zu", size);
	sha256_update(&p->id_hash, strlen(base), (const uint8_t *)base);
	sha256_update(&p->id_hash, strlen(length), (const uint8_t *)length);
	if (p->archival && !bridge_dict_add(desc, "CIDSet", cid_set(p, u->subset)))
		return NULL;
	return desc;
}

static HPDF_Dict cid_font(struct painter *p, const struct used_font *u, const char *base, HPDF_Dict desc)
{
	HPDF_Dict cid = new_object(p), sys = bridge_new_dict(p->pdf, false);
	if (!cid || !sys)
		return NULL;
	bridge_dict_add_name(cid, "Type", "Font");
	bridge_dict_add_name(cid, "Subtype", "CIDFontType2");
	bridge_dict_add_name(cid, "BaseFont", base);
	bridge_dict_add_string(sys, "Registry", "Adobe");
	bridge_dict_add_string(sys, "Ordering", "Identity");
	bridge_dict_add_int(sys, "Supplement", 0);
	bridge_dict_add(cid, "CIDSystemInfo", sys);
	bridge_dict_add(cid, "FontDescriptor", desc);
	add_widths(p, cid, u->subset);
	bridge_dict_add_name(cid, "CIDToGIDMap", "Identity");
	return cid;
}

/* The Type0 font, its CIDFontType2, descriptor, FontFile2 and ToUnicode. */
static bool add_font_objects(struct painter *p, struct used_font *u)
{
	const char *base = arena_printf(&p->arena, "%s+%s", font_subset_tag(u->subset),
					font_get_info(u->font)->ps_name);
	HPDF_Dict desc = font_descriptor(p, u, base);
	HPDF_Dict cid = desc ? cid_font(p, u, base, desc) : NULL;
	if (!cid)
		return false;

	struct buf cmap = {0};
	write_to_unicode(&cmap, u->subset);
	HPDF_Dict to_unicode = new_stream(p, cmap.data, cmap.len);
	buf_free(&cmap);

	HPDF_Dict type0 = u->dict;
	void *descendants = bridge_new_array(p->pdf);
	if (!to_unicode || !type0 || !descendants)
		return false;
	bridge_dict_add_name(type0, "Type", "Font");
	bridge_dict_add_name(type0, "Subtype", "Type0");
	bridge_dict_add_name(type0, "BaseFont", base);
	bridge_dict_add_name(type0, "Encoding", "Identity-H");
	bridge_array_add(descendants, cid);
	bridge_dict_add(type0, "DescendantFonts", descendants);
	bridge_dict_add(type0, "ToUnicode", to_unicode);
	return !p->err.code;
}

/* Subsets and font objects for every font the pages drew with. */
static bool make_fonts(struct painter *p)
{
	for (int i = 0; i < p->n_used; i++) {
		struct used_font *u = &p->used[i];
		const char *why = NULL;
		if (!font_subset_finish(u->subset, EMBED_HINTING, &why)) {
			p->failed_face = u->face;
			p->font_why = why;
			return false;
		}
		if (!add_font_objects(p, u)) {
			p->failed_face = u->face;
			return false;
		}
	}
	return true;
}

/* ---- drawing ---- */

/* Where the next page's items start in a layout's arrays. */
struct cursor {
	size_t line, rule, rect, bookmark;
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

static long long hundredths(double v)
{
	return v >= 0 ? (long long)(v * 100 + 0.5) : -(long long)(-v * 100 + 0.5);
}

/* A rule, in our own operators: its width, its dash when dotted, the
 * path, stroked (libharu's MoveTo and LineTo clear a 512-byte buffer at
 * each call, 4% of a long report's instructions). */
static void add_rule(struct buf *b, double x1, double y1, double x2, double y2, double lw, bool dotted)
{
	pdf_add_fixed(b, hundredths(lw), 2);
	buf_adds(b, dotted ? " w\n[1 2] 0 d\n" : " w\n");
	const double xy[4] = {x1, y1, x2, y2};
	for (int i = 0; i < 4; i++) {
		pdf_add_fixed(b, hundredths(xy[i]), 2);
		buf_adds(b, i == 1 ? " m\n" : i == 3 ? " l\nS\n" : " ");
	}
	if (dotted)
		buf_adds(b, "[] 0 d\n");
}

static void stroke_line(HPDF_Page pg, double x1, double y1, double x2, double y2, double lw, bool dotted)
{
	struct buf b = {0};
	add_rule(&b, x1, y1, x2, y2, lw, dotted);
	bridge_page_write(pg, b.data, b.len);
	buf_free(&b);
}

static void draw_rules(HPDF_Page pg, const struct layout *l, int page, struct cursor *c)
{
	struct buf b = {0};
	for (; c->rule < l->n_rules && l->rules[c->rule].page <= page; c->rule++) {
		const struct placed_rule *r = &l->rules[c->rule];
		add_rule(&b, r->x1, r->y1, r->x2, r->y2, r->line_width, r->dotted);
	}
	if (b.len)
		bridge_page_write(pg, b.data, b.len);
	buf_free(&b);
}

/* A byte of a literal string: the delimiters and the backslash escaped,
 * and line ends, which readers would otherwise normalise. */
static void add_code_byte(struct buf *b, unsigned c)
{
	static const char esc[] = {['(' ] = '(', [')'] = ')', ['\\'] = '\\', ['\r'] = 'r', ['\n'] = 'n'};
	if (c < sizeof esc && esc[c]) {
		char e[2] = {'\\', esc[c]};
		buf_add(b, e, 2);
	} else {
		buf_addc(b, (char)c);
	}
}

/* The next item of a line that draws, from k on; n_items if none. */
static size_t next_drawable(const struct placed_line *pl, size_t k)
{
	while (k < pl->n_items && !drawable(&pl->items[k]))
		k++;
	return k;
}

static void add_codes(struct buf *b, const struct used_font *u, const char *text)
{
	size_t n = strlen(text), len;
	uint32_t cp;
	buf_addc(b, '(');
	for (size_t o = 0; o < n; o += len ? len : 1) {
		if (!(len = utf8_decode(text + o, n - o, &cp)))
			continue;
		unsigned cid = font_subset_cid(u->subset, cp);
		add_code_byte(b, cid >> 8);
		add_code_byte(b, cid & 0xFF);
	}
	buf_addc(b, ')');
}

/* The page's text as one BT..ET block: "/Fn size Tf" when the font or
 * size changes, a Td move to the first item of each line (in whole
 * hundredths of a point from the last, so positions never drift), and
 * the items' CIDs as strings (binary: a third smaller than hex before
 * compression). The items of a line in one font and size, the words of
 * a justified line, are one TJ array: between two strings, the gap in
 * thousandths of the size, rounded from where a reader's pen stands
 * after the widths of /W, so the roundings never add up. (A Td and a Tj
 * for each word made the paper's pages a fifth larger.) */
static bool draw_text(struct painter *p, HPDF_Page pg, const struct layout *l, size_t from, size_t to)
{
	struct buf b = {0};
	const struct used_font *cur = NULL;
	double cur_size = 0;
	long long ox = 0, oy = 0;
	for (size_t i = from; i < to; i++) {
		const struct placed_line *pl = &l->lines[i];
		bool open = false;     /* inside a TJ array */
		double pen = 0;        /* where the pen stands, in points */
		for (size_t k = next_drawable(pl, 0); k < pl->n_items; k = next_drawable(pl, k + 1)) {
			const struct placed_text *t = &pl->items[k];
			const struct used_font *u = use_face(p, t->face);
			if (open && (u != cur || t->size != cur_size)) {
				buf_adds(&b, "]TJ\n");
				open = false;
			}
			if (u != cur || t->size != cur_size) {
				buf_printf(&b, "/%s ", u->name);
				pdf_add_fixed(&b, (long long)(t->size * 1000 + 0.5), 3);
				buf_adds(&b, " Tf\n");
				cur = u;
				cur_size = t->size;
			}
			size_t next = next_drawable(pl, k + 1);
			bool joins = next < pl->n_items && use_face(p, pl->items[next].face) == u &&
				     pl->items[next].size == t->size;
			if (open) {
				long long gap = llround((t->x - pen) * 1000 / t->size);
				if (gap) {
					pdf_add_fixed(&b, -gap, 0);
					pen += (double)gap * t->size / 1000;
				}
			} else {
				long long x = hundredths(t->x), y = hundredths(pl->y);
				pdf_add_fixed(&b, x - ox, 2);
				buf_addc(&b, ' ');
				pdf_add_fixed(&b, y - oy, 2);
				buf_adds(&b, joins ? " Td\n[" : " Td\n");
				ox = x;
				oy = y;
				open = joins;
				pen = (double)x / 100;
			}
			add_codes(&b, u, t->text);
			if (open)
				/* the layout measured the item in the /W widths' units:
				 * its width is their sum times the size */
				pen += (double)llround(t->width * 1000 / t->size) * t->size / 1000;
			else
				buf_adds(&b, "Tj\n");
		}
		if (open)
			buf_adds(&b, "]TJ\n");
	}
	bool ok = true;
	if (b.len) {
		if (!p->compress)  /* else the /ID hashes the deflated pages, and only an archival one's */
			sha256_update(&p->id_hash, b.len, (const uint8_t *)b.data);
		ok = HPDF_Page_BeginText(pg) == HPDF_OK && bridge_page_write(pg, b.data, b.len) &&
		     HPDF_Page_EndText(pg) == HPDF_OK;
	}
	buf_free(&b);
	if (!ok && !p->err.code)
		p->err.code = BRIDGE_PAGE_INVALID_FONT;
	return ok;
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

/* libharu refuses strings over 65,535 bytes; a bookmark or a title that
 * long is no use anyway: cut at a character, with an ellipsis. */
#define MAX_PDF_TEXT 4000

static const char *clip(struct painter *p, const char *s)
{
	size_t n = strlen(s);
	if (n <= MAX_PDF_TEXT)
		return s;
	n = MAX_PDF_TEXT - 3;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return arena_printf(&p->arena, "%.*s…", (int)n, s);
}

/* The page's bookmarks as outline entries, under the last entry of a
 * higher level drawn before (on this page or an earlier one). */
static void add_outlines(struct painter *p, HPDF_Page pg, const struct layout *l, int page, struct cursor *c)
{
	for (; c->bookmark < l->n_bookmarks && l->bookmarks[c->bookmark].page <= page; c->bookmark++) {
		const struct bookmark *b = &l->bookmarks[c->bookmark];
		HPDF_SetPageMode(p->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
		if (b->page != page || b->level < 1 || b->level > 3 || !b->title)
			continue;
		HPDF_Outline parent = NULL;
		for (int k = b->level - 1; k >= 1 && !parent; k--)
			parent = p->parents[k];
		/* its title a literal string written by us (libharu's encoders
		 * cost 1.4 M instructions to set up, its binary strings are
		 * hex), and its destination a direct array, not an object of
		 * its own as HPDF_Page_CreateDestination's */
		HPDF_Outline o = HPDF_CreateOutline(p->pdf, parent, "", NULL);
		struct buf e = {0};
		buf_adds(&e, "/Title ");
		pdf_add_text_string(&e, clip(p, b->title));
		buf_adds(&e, "\n/Dest [");
		pdf_add_int(&e, bridge_object_number(pg));
		buf_adds(&e, " 0 R /XYZ 0 ");
		pdf_add_fixed(&e, hundredths(b->y), 2);
		buf_adds(&e, " 1]\n");
		bool ok = o && bridge_dict_remove(o, "Title") && bridge_dict_add_raw(o, e.data, e.len);
		buf_free(&e);
		if (!ok)
			return;
		HPDF_Outline_SetOpened(o, HPDF_TRUE);
		p->parents[b->level] = o;
		for (int k = b->level + 1; k <= 3; k++)
			p->parents[k] = NULL;
	}
}

/* Page `page` of l, from cursor c on: its glyphs into the subsets, then
 * its drawing, its bookmarks, and its content deflated. */
static void draw_page(struct painter *p, const struct layout *l, int page, struct cursor *c)
{
	size_t from = c->line, to = from;
	while (to < l->n_lines && l->lines[to].page <= page)
		to++;
	collect_glyphs(p, l, from, to);
	/* a page that will be deflated has its /Length written directly */
	HPDF_Page pg = p->compress ? bridge_add_page(p->pdf, p->deflater) : HPDF_AddPage(p->pdf);
	if (!pg)
		return;
	if (!p->pages++)
		bridge_set_page_size(p->pdf, (float)l->setup.width, (float)l->setup.height);
	HPDF_Page_SetWidth(pg, (HPDF_REAL)l->setup.width);
	HPDF_Page_SetHeight(pg, (HPDF_REAL)l->setup.height);
	if (!bridge_page_share(pg, p->resources) && !p->err.code)
		p->err.code = BRIDGE_INVALID_OBJECT;
	draw_rects(pg, l, page, c);
	draw_rules(pg, l, page, c);
	c->line = to;
	draw_text(p, pg, l, from, to);
	draw_underlines(pg, l, from, to);
	add_outlines(p, pg, l, page, c);
	if (p->compress && !p->err.code && !bridge_page_deflate(pg, p->deflater) && !p->err.code)
		p->err.code = BRIDGE_INVALID_OBJECT;
}

void painter_draw_page(struct painter *p, const struct layout *l, int page)
{
	/* a page that cannot be printed stops the drawing */
	if (p->err.code || p->finished || p->drawn)
		return;
	struct cursor c = {0, 0, 0, 0};
	draw_page(p, l, page, &c);
}

/* SOURCE_DATE_EPOCH, when set, dates the document (UTC); main refused a
 * malformed one before any work. Else an archival document is dated by
 * its day, at 00:00 UTC: PDF/A wants the same date in the Info dictionary
 * and in XMP, and the clock would make two runs differ. Other documents
 * then have no date. */
static void set_dates(struct painter *p, const struct doc_info *info)
{
	HPDF_Date date = {0, 0, 0, 0, 0, 0, 'Z', 0, 0};
	long long t;
	bool set;
	if (source_date_epoch(&t, &set) && set) {
		struct ymd day;
		int h, m, sec;
		epoch_to_utc(t, &day, &h, &m, &sec);
		date = (HPDF_Date){day.y, day.m, day.d, h, m, sec, 'Z', 0, 0};
	} else if (p->archival && info && info->date.y > 0) {
		date.year = info->date.y;
		date.month = info->date.m;
		date.day = info->date.d;
	} else {
		return;
	}
	HPDF_SetInfoDateAttr(p->pdf, HPDF_INFO_CREATION_DATE, date);
	HPDF_SetInfoDateAttr(p->pdf, HPDF_INFO_MOD_DATE, date);
}

/* Info text of an archival document, such that XMP can say exactly the
 * same: libharu writes each character as one UTF-16 unit, and XML 1.0
 * has no control characters (and XML readers turn CR into LF). Those
 * characters, and bytes that are not UTF-8, become spaces in both. */
static const char *archival_text(struct painter *p, const char *s)
{
	s = clip(p, s);
	struct buf b = {0};
	size_t n = strlen(s), len;
	uint32_t cp;
	buf_add(&b, "", 0);
	for (size_t o = 0; o < n; o += len ? len : 1) {
		len = utf8_decode(s + o, n - o, &cp);
		if (!len || cp < 0x20 || cp > 0xFFFD)
			buf_addc(&b, ' ');
		else
			buf_add(&b, s + o, len);
	}
	const char *out = arena_strdup(&p->arena, b.data);
	buf_free(&b);
	return out;
}

static void set_info(struct painter *p, const struct doc_info *info)
{
	/* text entries as literal strings written by us: no libharu encoder */
	struct buf e = {0};
	buf_adds(&e, "/Creator ");
	pdf_add_text_string(&e, CREATOR);
	buf_addc(&e, '\n');
	if (info) {
		const struct {
			const char *key, *value;
		} attrs[] = {{"Title", info->title},
			     {"Author", info->author},
			     {"Subject", info->subject},
			     {"Keywords", info->keywords}};
		_Static_assert(COUNT_OF(attrs) == COUNT_OF(p->info_text), "one text for each entry");
		for (size_t i = 0; i < COUNT_OF(attrs); i++) {
			const char *v = attrs[i].value;
			if (!v || !*v)
				continue;
			p->info_text[i] = p->archival ? archival_text(p, v) : clip(p, v);
			buf_printf(&e, "/%s ", attrs[i].key);
			pdf_add_text_string(&e, p->info_text[i]);
			buf_addc(&e, '\n');
		}
	}
	if (!bridge_dict_add_raw(bridge_info(p->pdf), e.data, e.len) && !p->err.code)
		p->err.code = BRIDGE_INVALID_OBJECT;
	buf_free(&e);
	set_dates(p, info);
}

/* ---- PDF/A ----
 * PDF/A-1b (ISO 19005-1, level B) needs, besides what every document
 * has (embedded fonts; no transparency, encryption, JavaScript, LZW or
 * embedded files, none of which we or libharu write):
 *   - the header %PDF-1.4 (libharu writes 1.3; its binary comment line
 *     follows either way);
 *   - XMP metadata, an uncompressed stream in the catalog, saying the same
 *     as the Info dictionary, read back from it;
 *   - an output intent (GTS_PDFA1) with an ICC profile: sRGB, compiled in;
 *   - a CIDSet in each CID font's descriptor (cid_set);
 *   - an /ID in the trailer, here from the content;
 * and /Lang, for readers and indexing. libharu's own PDF/A code
 * (HPDF_PDFA_SetPDFAConformance) does not escape XML, writes /SubType for
 * /Subtype, cannot convert the dates it writes itself ("Z00'00'") and
 * takes its /ID from the clock: it is not used. */

/* build/gen/srgb_icc.c, made by the Makefile from icc-profiles-free's
 * sRGB.icc, deflated when the program is built (tools/zembed.c). */
extern const unsigned char srgb_icc_zlib[];
extern const size_t srgb_icc_zlib_size;
#define SRGB_NAME "sRGB IEC61966-2.1"

static void xml_escaped(struct buf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': buf_adds(b, "&amp;"); break;
		case '<': buf_adds(b, "&lt;"); break;
		case '>': buf_adds(b, "&gt;"); break;
		case '"': buf_adds(b, "&quot;"); break;
		case '\'': buf_adds(b, "&apos;"); break;
		default: buf_addc(b, *s); break;
		}
	}
}

/* <name>value</name>, the value inside an rdf container when there is
 * one ("Alt" with the default language, "Seq", "Bag"); nothing when the
 * Info dictionary has no such entry. */
static void xmp_property(struct buf *b, const char *name, const char *container, const char *value)
{
	if (!value)
		return;
	buf_printf(b, "   <%s>", name);
	if (container)
		buf_printf(b, "<rdf:%s><rdf:li%s>", container,
			   strcmp(container, "Alt") ? "" : " xml:lang=\"x-default\"");
	xml_escaped(b, value);
	if (container)
		buf_printf(b, "</rdf:li></rdf:%s>", container);
	buf_printf(b, "</%s>\n", name);
}

/* An Info date as libharu writes it, "D:20240105000000Z00'00'", as an XMP
 * property, "2024-01-05T00:00:00Z"; false when it has another form. */
static bool xmp_date(struct buf *b, const char *name, const char *d)
{
	if (!d)
		return true;
	if (strncmp(d, "D:", 2) != 0 || strspn(d + 2, "0123456789") < 14)
		return false;
	const char *zone = d + 16;
	char tz[8];
	if (*zone == 'Z')
		strcpy(tz, "Z");
	else if ((*zone == '+' || *zone == '-') && strspn(zone + 1, "0123456789") == 2 && zone[3] == '\'' &&
		 strspn(zone + 4, "0123456789") == 2)
		snprintf(tz, sizeof tz, "%c%.2s:%.2s", *zone, zone + 1, zone + 4);
	else if (!*zone)
		tz[0] = '\0';  /* local time, unknown zone: so in XMP too */
	else
		return false;
	buf_printf(b, "   <%s>%.4s-%.2s-%.2sT%.2s:%.2s:%.2s%s</%s>\n", name, d + 2, d + 6, d + 8, d + 10,
		   d + 12, d + 14, tz, name);
	return true;
}

/* The XMP packet: PDF/A-1 part and level, and every entry of the Info
 * dictionary under its XMP name (the texts as set_info set them, the rest
 * read back), plus the language. */
static bool write_xmp(struct painter *p, struct buf *b)
{
	HPDF_Doc pdf = p->pdf;
	buf_adds(b, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
		    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
		    " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
		    "  <rdf:Description rdf:about=\"\"\n"
		    "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
		    "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
		    "    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"\n"
		    "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n"
		    "   <pdfaid:part>1</pdfaid:part>\n"
		    "   <pdfaid:conformance>B</pdfaid:conformance>\n"
		    "   <dc:format>application/pdf</dc:format>\n");
	xmp_property(b, "dc:title", "Alt", p->info_text[0]);
	xmp_property(b, "dc:creator", "Seq", p->info_text[1]);
	xmp_property(b, "dc:description", "Alt", p->info_text[2]);
	xmp_property(b, "dc:language", "Bag", "vi");
	xmp_property(b, "pdf:Keywords", NULL, p->info_text[3]);
	xmp_property(b, "pdf:Producer", NULL, HPDF_GetInfoAttr(pdf, HPDF_INFO_PRODUCER));
	xmp_property(b, "xmp:CreatorTool", NULL, CREATOR);
	bool ok = xmp_date(b, "xmp:CreateDate", HPDF_GetInfoAttr(pdf, HPDF_INFO_CREATION_DATE)) &&
		  xmp_date(b, "xmp:ModifyDate", HPDF_GetInfoAttr(pdf, HPDF_INFO_MOD_DATE));
	buf_adds(b, "  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
	return ok;
}

static bool add_metadata(struct painter *p, const struct buf *xmp)
{
	/* PDF/A-1 allows no filter on the metadata stream */
	HPDF_Dict meta = bridge_new_stream(p->pdf, xmp->data, xmp->len, NULL);
	return bridge_dict_add_name(meta, "Type", "Metadata") && bridge_dict_add_name(meta, "Subtype", "XML") &&
	       bridge_dict_add(bridge_catalog(p->pdf), "Metadata", meta);
}

static bool add_output_intent(struct painter *p)
{
	HPDF_Dict icc = bridge_new_deflated_stream(p->pdf, srgb_icc_zlib, srgb_icc_zlib_size), intent = new_object(p);
	void *intents = bridge_new_array(p->pdf);
	return bridge_dict_add_int(icc, "N", 3) && bridge_dict_add_name(intent, "Type", "OutputIntent") &&
	       bridge_dict_add_name(intent, "S", "GTS_PDFA1") &&
	       bridge_dict_add_string(intent, "OutputConditionIdentifier", SRGB_NAME) &&
	       bridge_dict_add_string(intent, "RegistryName", "http://www.color.org") &&
	       bridge_dict_add_string(intent, "Info", SRGB_NAME) &&
	       bridge_dict_add(intent, "DestOutputProfile", icc) && bridge_array_add(intents, intent) &&
	       bridge_dict_add(bridge_catalog(p->pdf), "OutputIntents", intents);
}

/* The trailer's /ID from what the document holds: SHA-256 over its font
 * subsets, its pages' text, its page count and its metadata, cut to 16
 * bytes. The same input gives the same file, and two documents that
 * differ in any of these get different IDs. */
static void hash_piece(void *ctx, const void *bytes, size_t n)
{
	sha256_update(ctx, n, bytes);
}

static bool set_document_id(struct painter *p, const struct buf *xmp, int pages)
{
	/* the pages as deflated: hashed here, once, for the one kind of
	 * document that has an /ID (hashing every page as drawn cost a long
	 * report 30 M instructions for nothing) */
	if (p->compress && !bridge_deflater_each(p->deflater, hash_piece, &p->id_hash))
		return false;
	char count[16];
	snprintf(count, sizeof count, "%d", pages);
	sha256_update(&p->id_hash, strlen(count), (const uint8_t *)count);
	sha256_update(&p->id_hash, xmp->len, (const uint8_t *)xmp->data);
	uint8_t digest[SHA256_DIGEST_SIZE];
	sha256_digest(&p->id_hash, SHA256_DIGEST_SIZE, digest);
	return bridge_trailer_set_id(p->pdf, digest);
}

static bool make_pdfa(struct painter *p, int pages)
{
	struct buf xmp = {0};
	bool ok = write_xmp(p, &xmp);
	if (!ok && !p->err.code)
		p->err.code = BRIDGE_INVALID_DATE_TIME;
	ok = ok && bridge_set_version(p->pdf, 4) && add_metadata(p, &xmp) && add_output_intent(p) &&
	     bridge_dict_add_string(bridge_catalog(p->pdf), "Lang", "vi") && set_document_id(p, &xmp, pages);
	buf_free(&xmp);
	return ok;
}

/* What a document needs besides its pages, once: its fonts, info and,
 * archival, the PDF/A parts. Reports failures against name. */
static bool finish(struct painter *p, const struct doc_info *info, const char *name, struct diags *d)
{
	const struct pos at = {0, 0};
	if (!p->finished) {
		p->finished = true;
		p->archival = info && info->archival;
		/* the last pages deflated and spooled, or the spool failed */
		if (p->compress && !bridge_deflater_wait(p->deflater) && !p->err.code)
			p->err.code = BRIDGE_FILE_IO_ERROR;
		bool ok = !p->err.code && make_fonts(p);
		if (ok)
			set_info(p, info);
		if (ok && !p->err.code && p->archival && !make_pdfa(p, p->pages ? p->pages : 1) && !p->err.code)
			p->err.code = BRIDGE_INVALID_OBJECT;
		p->broken = !ok || p->err.code || p->failed_face >= 0;
		if (p->failed_face >= 0) {
			enum font_face face = (enum font_face)p->failed_face;
			diag(d, DIAG_FONT_FAILED, p->file, font_set_at(p->font_set, face), font_set_name(p->font_set, face),
			     p->font_why ? p->font_why : p->err.code ? error_reason(p) : "?", NULL);
			return false;
		}
		if (p->broken) {
			diag(d, DIAG_OUTPUT_FAILED, name, at, OP_MAKE_PDF, error_reason(p), NULL);
			return false;
		}
	}
	if (p->broken) {
		diag(d, DIAG_OUTPUT_FAILED, name, at, OP_MAKE_PDF,
		     BI("bộ vẽ chỉ vẽ một bố cục, một lần", "a painter draws one layout, once"), NULL);
		return false;
	}
	clear_error(p);
	return true;
}

/* The deflater that packs a document's dictionaries into object streams
 * when saving, or NULL: PDF/A-1 has no object streams. */
static struct bridge_deflater *packed(const struct painter *p)
{
	return p->compress && !p->archival ? p->deflater : NULL;
}

static bool to_buf(void *ctx, const void *bytes, size_t n)
{
	buf_add(ctx, bytes, n);
	return true;
}

bool painter_write_pdf(struct painter *p, const struct doc_info *info, const char *name, struct buf *out,
		       struct diags *d)
{
	if (!finish(p, info, name, d))
		return false;
	size_t start = out->len;
	if (bridge_save(p->pdf, packed(p), to_buf, out))
		return true;
	out->len = start;
	diag(d, DIAG_OUTPUT_FAILED, name, (struct pos){0, 0}, OP_MAKE_PDF, error_reason(p), NULL);
	return false;
}

/* The saved bytes to the output, in pieces of OUTPUT_PIECE: libharu
 * writes a few bytes at a time. */
#define OUTPUT_PIECE 65536

struct file_writer {
	struct output *o;
	struct diags *d;
	struct buf b;
	bool failed;              /* output_write said why */
};

static bool write_piece(void *ctx, const void *bytes, size_t n)
{
	struct file_writer *w = ctx;
	buf_add(&w->b, bytes, n);
	if (w->b.len < OUTPUT_PIECE)
		return true;
	w->failed = !output_write(w->o, w->b.data, w->b.len, w->d);
	w->b.len = 0;
	return !w->failed;
}

bool painter_write_file(struct painter *p, const struct doc_info *info, const char *out_path, bool durable,
			struct diags *d)
{
	struct output o;
	if (!finish(p, info, out_path, d) || !output_open(&o, out_path, d))
		return false;
	o.durable = durable;
	struct file_writer w = {&o, d, {0}, false};
	bool ok = bridge_save(p->pdf, packed(p), write_piece, &w);
	if (!ok && !w.failed)
		diag(d, DIAG_OUTPUT_FAILED, out_path, (struct pos){0, 0}, OP_MAKE_PDF, error_reason(p), NULL);
	ok = ok && output_write(&o, w.b.data ? w.b.data : "", w.b.len, d);
	buf_free(&w.b);
	if (!ok) {
		output_abort(&o);
		return false;
	}
	return output_commit(&o, d);
}

/* Every page of a whole layout, once. */
static bool draw_layout(struct painter *p, const struct layout *l, const char *name, struct diags *d)
{
	if (p->drawn == l)
		return true;
	if (p->drawn || p->pages || p->finished) {
		diag(d, DIAG_OUTPUT_FAILED, name, (struct pos){0, 0}, OP_MAKE_PDF,
		     BI("bộ vẽ chỉ vẽ một bố cục, một lần", "a painter draws one layout, once"), NULL);
		return false;
	}
	clear_error(p);
	struct cursor c = {0, 0, 0, 0};
	int n = l->n_pages > 0 ? l->n_pages : 1;
	for (int i = 1; i <= n && !p->err.code; i++)
		draw_page(p, l, i, &c);
	p->drawn = l;
	return true;
}

bool painter_pdf(struct painter *p, const struct layout *l, const struct doc_info *info, const char *name,
		 char **data, size_t *n, struct diags *d)
{
	struct buf out = {0};
	if (!draw_layout(p, l, name, d) || !painter_write_pdf(p, info, name, &out, d)) {
		buf_free(&out);
		return false;
	}
	*n = out.len;
	*data = out.data ? out.data : xmalloc(1);
	return true;
}

bool painter_save(struct painter *p, const struct layout *l, const struct doc_info *info,
		  const char *out_path, struct diags *d)
{
	return draw_layout(p, l, out_path, d) && painter_write_file(p, info, out_path, true, d);
}
