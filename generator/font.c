/* TrueType reading and subsetting (font.h). Every offset read from the
 * file is checked against the table it lies in before use; tables are
 * checked against the file when the font loads. Loading reads the file
 * once and parses only fixed-size headers and the cmap subtable's header:
 * no work per glyph until a glyph is asked for. */
#include "font.h"

#include "syserr.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "os.h"
#include "text.h"
#include "util.h"

#define FONT_MAX_BYTES (64u << 20)   /* larger than any sane TrueType file */
#define NO_CP UINT32_MAX
#define MAX_COMPONENT_DEPTH 16       /* composite glyphs nest a few levels at most */
#define MAX_GLYPHS 65535             /* maxp.numGlyphs is 16 bits */

struct table {
	uint32_t off, len;
	bool present;
};

struct font {
	uint8_t *data;
	size_t size;
	struct table head, hhea, maxp, hmtx, loca, glyf, cmap, os2, post, name, cvt, fpgm, prep;
	unsigned upem, n_glyphs, n_hmetrics;
	bool long_loca;
	/* the chosen cmap subtable: format 4 or 12, [cmap_off, cmap_end) in the file */
	int cmap_format;
	uint32_t cmap_off, cmap_end, n_segs;
	bool cmap_sorted;         /* segments in order: binary search */
	uint16_t *bmp;            /* gid + 1 per BMP code point looked up; 0 not yet */
	struct font_info info;
	char ps_name[64];
};

static uint16_t be16(const uint8_t *p)
{
	return (uint16_t)((unsigned)p[0] << 8 | p[1]);
}

static int16_t be16s(const uint8_t *p)
{
	return (int16_t)be16(p);
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void put16(uint8_t *p, unsigned v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

#define TAG(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))

/* ---- loading ---- */

#define E_TRUNCATED BI("tệp phông bị cụt hoặc hỏng (bảng thư mục)", "the font file is truncated or damaged (table directory)")
#define E_NOT_TTF BI("không phải phông TrueType", "not a TrueType font")

static const char *find_tables(struct font *f)
{
	if (f->size < 12)
		return E_TRUNCATED;
	uint32_t version = be32(f->data);
	if (version == TAG('t', 't', 'c', 'f'))
		return BI("tệp gộp nhiều phông (.ttc) chưa được hỗ trợ", "font collections (.ttc) are not supported");
	if (version == TAG('O', 'T', 'T', 'O'))
		return BI("phông OpenType dạng CFF chưa được hỗ trợ; cần phông TrueType",
			  "CFF-based OpenType fonts are not supported; a TrueType font is needed");
	if (version != 0x00010000 && version != TAG('t', 'r', 'u', 'e'))
		return E_NOT_TTF;
	unsigned n = be16(f->data + 4);
	if (n == 0 || 12 + 16 * (size_t)n > f->size)
		return E_TRUNCATED;
	static const struct {
		uint32_t tag;
		size_t at;
	} wanted[] = {
		{TAG('h', 'e', 'a', 'd'), offsetof(struct font, head)}, {TAG('h', 'h', 'e', 'a'), offsetof(struct font, hhea)},
		{TAG('m', 'a', 'x', 'p'), offsetof(struct font, maxp)}, {TAG('h', 'm', 't', 'x'), offsetof(struct font, hmtx)},
		{TAG('l', 'o', 'c', 'a'), offsetof(struct font, loca)}, {TAG('g', 'l', 'y', 'f'), offsetof(struct font, glyf)},
		{TAG('c', 'm', 'a', 'p'), offsetof(struct font, cmap)}, {TAG('O', 'S', '/', '2'), offsetof(struct font, os2)},
		{TAG('p', 'o', 's', 't'), offsetof(struct font, post)}, {TAG('n', 'a', 'm', 'e'), offsetof(struct font, name)},
		{TAG('c', 'v', 't', ' '), offsetof(struct font, cvt)},  {TAG('f', 'p', 'g', 'm'), offsetof(struct font, fpgm)},
		{TAG('p', 'r', 'e', 'p'), offsetof(struct font, prep)},
	};
	for (unsigned i = 0; i < n; i++) {
		const uint8_t *rec = f->data + 12 + 16 * (size_t)i;
		uint32_t tag = be32(rec), off = be32(rec + 8), len = be32(rec + 12);
		for (size_t k = 0; k < COUNT_OF(wanted); k++) {
			struct table *t = (struct table *)((char *)f + wanted[k].at);
			if (wanted[k].tag != tag || t->present)
				continue;
			if ((uint64_t)off + len > f->size)
				return E_TRUNCATED;
			*t = (struct table){off, len, true};
		}
	}
	return NULL;
}

/* The best Unicode cmap subtable: format 12 (all planes) before format 4
 * (the BMP); Windows Unicode before Unicode platform. */
static const char *pick_cmap(struct font *f)
{
	const uint8_t *t = f->data + f->cmap.off;
	uint32_t len = f->cmap.len;
	const char *bad = BI("bảng cmap hỏng", "the cmap table is damaged");
	if (len < 4)
		return bad;
	unsigned n = be16(t + 2);
	if (4 + 8 * (size_t)n > len)
		return bad;
	int best = 0;
	uint32_t best_off = 0;
	for (unsigned i = 0; i < n; i++) {
		unsigned platform = be16(t + 4 + 8 * i), encoding = be16(t + 6 + 8 * i);
		uint32_t off = be32(t + 8 + 8 * i);
		if ((uint64_t)off + 2 > len)
			continue;
		unsigned format = be16(t + off);
		int score = 0;
		if (format == 12 && ((platform == 3 && encoding == 10) || (platform == 0 && encoding >= 4)))
			score = 4;
		else if (format == 4 && platform == 3 && encoding == 1)
			score = 3;
		else if (format == 4 && platform == 0)
			score = 2;
		if (score > best) {
			best = score;
			best_off = off;
		}
	}
	if (!best)
		return BI("phông không có bảng mã Unicode (cmap 3/1 hoặc 3/10)",
			  "the font has no Unicode character map (cmap 3/1 or 3/10)");
	f->cmap_off = f->cmap.off + best_off;
	f->cmap_end = f->cmap.off + len;
	const uint8_t *s = f->data + f->cmap_off;
	uint32_t avail = len - best_off;
	f->cmap_format = be16(s);
	f->cmap_sorted = true;
	if (f->cmap_format == 4) {
		if (avail < 14)
			return bad;
		unsigned segx2 = be16(s + 6);
		if (segx2 == 0 || segx2 % 2 || 16 + 4 * (size_t)segx2 > avail)
			return bad;
		f->n_segs = segx2 / 2;
		for (uint32_t i = 1; i < f->n_segs; i++)
			if (be16(s + 14 + 2 * i) <= be16(s + 14 + 2 * (i - 1)))
				f->cmap_sorted = false;
	} else {
		if (avail < 16)
			return bad;
		uint32_t groups = be32(s + 12);
		if (groups > (avail - 16) / 12)
			return bad;
		f->n_segs = groups;
		for (uint32_t i = 0; i < groups; i++) {
			const uint8_t *g = s + 16 + 12 * (size_t)i;
			if (be32(g) > be32(g + 4) || (i && be32(g) <= be32(g - 8)))
				f->cmap_sorted = false;
		}
	}
	return NULL;
}

/* nameID 6 from the name table, kept to the characters a PDF name can
 * carry without escapes; "" when there is none. */
static void read_ps_name(struct font *f)
{
	f->ps_name[0] = '\0';
	if (!f->name.present || f->name.len < 6)
		return;
	const uint8_t *t = f->data + f->name.off;
	uint32_t len = f->name.len;
	unsigned count = be16(t + 2), strings = be16(t + 4);
	if (6 + 12 * (size_t)count > len)
		return;
	int best = 0;
	const uint8_t *str = NULL;
	unsigned str_len = 0;
	bool wide = false;
	for (unsigned i = 0; i < count; i++) {
		const uint8_t *r = t + 6 + 12 * (size_t)i;
		unsigned platform = be16(r), encoding = be16(r + 2), id = be16(r + 6);
		unsigned n = be16(r + 8), off = be16(r + 10);
		if (id != 6 || (size_t)strings + off + n > len)
			continue;
		int score = platform == 3 && (encoding == 1 || encoding == 0) ? 2
			    : platform == 1 && encoding == 0                   ? 1
										: 0;
		if (score > best) {
			best = score;
			str = t + strings + off;
			str_len = n;
			wide = platform == 3;
		}
	}
	size_t o = 0;
	for (unsigned i = 0; str && i < str_len && o + 1 < sizeof f->ps_name; i += wide ? 2 : 1) {
		unsigned c = wide ? (i + 1 < str_len ? be16(str + i) : 0x100) : str[i];
		if (c > 0x20 && c < 0x7F && !strchr("[](){}<>/%#", (int)c))
			f->ps_name[o++] = (char)c;
	}
	f->ps_name[o] = '\0';
}

static void read_info(struct font *f)
{
	struct font_info *in = &f->info;
	const uint8_t *head = f->data + f->head.off, *hhea = f->data + f->hhea.off;
	int upem = (int)f->upem;
	in->units_per_em = f->upem;
	in->n_glyphs = f->n_glyphs;
	in->ascent = (int16_t)((int32_t)be16s(hhea + 4) * 1000 / upem);
	in->descent = (int16_t)((int32_t)be16s(hhea + 6) * 1000 / upem);
	for (int i = 0; i < 4; i++)
		in->bbox[i] = (int32_t)be16s(head + 36 + 2 * i) * 1000 / upem;
	unsigned mac_style = be16(head + 44), weight = 400;
	int family = 0;
	in->cap_height = in->ascent;
	if (f->os2.present) {
		const uint8_t *os2 = f->data + f->os2.off;
		if (f->os2.len >= 6)
			weight = be16(os2 + 4);
		if (f->os2.len >= 32)
			family = os2[30];
		if (f->os2.len >= 90 && be16(os2) >= 2 && be16s(os2 + 88) > 0)
			in->cap_height = (int32_t)be16s(os2 + 88) * 1000 / upem;
	}
	bool fixed = false;
	in->italic_angle = 0;
	if (f->post.present && f->post.len >= 16) {
		const uint8_t *post = f->data + f->post.off;
		in->italic_angle = (double)(int32_t)be32(post + 4) / 65536.0;
		fixed = be32(post + 12) != 0;
	}
	if (weight < 100 || weight > 1000)
		weight = 400;
	/* A usual estimate from the weight class: 400 gives 88, 700 gives 166. */
	in->stem_v = 50 + (int)((double)weight * weight / (65.0 * 65.0));
	in->flags = 4;  /* Symbolic: glyphs beyond the standard Latin set */
	if (fixed)
		in->flags |= 1;
	if ((family >= 1 && family <= 5) || family == 7)
		in->flags |= 2;
	if (in->italic_angle != 0 || (mac_style & 2))
		in->flags |= 64;
	read_ps_name(f);
	in->ps_name = f->ps_name[0] ? f->ps_name : "TrueType";
}

static const char *check_tables(struct font *f, bool need_cmap)
{
	const char *missing = NULL;
	if (!f->head.present)
		missing = BI("thiếu bảng head", "the head table is missing");
	else if (!f->hhea.present)
		missing = BI("thiếu bảng hhea", "the hhea table is missing");
	else if (!f->maxp.present)
		missing = BI("thiếu bảng maxp", "the maxp table is missing");
	else if (!f->hmtx.present)
		missing = BI("thiếu bảng hmtx", "the hmtx table is missing");
	else if (!f->loca.present || !f->glyf.present)
		missing = BI("thiếu bảng loca hoặc glyf (không phải phông TrueType có nét)",
			     "the loca or glyf table is missing (not a TrueType outline font)");
	else if (!f->cmap.present && need_cmap)
		missing = BI("thiếu bảng cmap", "the cmap table is missing");
	if (missing)
		return missing;
	const uint8_t *head = f->data + f->head.off;
	if (f->head.len < 54 || be32(head + 12) != 0x5F0F3CF5)
		return BI("bảng head hỏng", "the head table is damaged");
	f->upem = be16(head + 18);
	int loca_format = be16s(head + 50);
	if (f->upem < 16 || f->upem > 16384 || (loca_format != 0 && loca_format != 1))
		return BI("bảng head hỏng", "the head table is damaged");
	f->long_loca = loca_format == 1;
	if (f->maxp.len < 6 || be16(f->data + f->maxp.off + 4) == 0)
		return BI("bảng maxp hỏng", "the maxp table is damaged");
	f->n_glyphs = be16(f->data + f->maxp.off + 4);
	if (f->hhea.len < 36 || be16(f->data + f->hhea.off + 34) == 0)
		return BI("bảng hhea hỏng", "the hhea table is damaged");
	f->n_hmetrics = be16(f->data + f->hhea.off + 34);
	if (f->n_hmetrics > f->n_glyphs)
		f->n_hmetrics = f->n_glyphs;
	if (f->hmtx.len < 4 * (size_t)f->n_hmetrics)
		return BI("bảng hmtx bị cụt", "the hmtx table is truncated");
	if (f->loca.len < ((size_t)f->n_glyphs + 1) * (f->long_loca ? 4 : 2))
		return BI("bảng loca bị cụt", "the loca table is truncated");
	if (f->os2.present && f->os2.len >= 10 && (be16(f->data + f->os2.off + 8) & (0x0002 | 0x0100 | 0x0200)))
		return BI("giấy phép của phông không cho nhúng vào tài liệu", "the font's licence does not allow embedding");
	return f->cmap.present ? pick_cmap(f) : NULL;
}

/* Takes data (malloc'd) whatever the outcome. */
static struct font *parse_owned(uint8_t *data, size_t n, bool need_cmap, const char **why)
{
	struct font *f = xcalloc(1, sizeof *f);
	f->data = data;
	f->size = n;
	const char *err = n > FONT_MAX_BYTES ? BI("tệp phông quá lớn", "the font file is too large") : find_tables(f);
	if (!err)
		err = check_tables(f, need_cmap);
	if (err) {
		*why = err;
		font_free(f);
		return NULL;
	}
	read_info(f);
	return f;
}

struct font *font_parse(const void *data, size_t n, const char **why)
{
	uint8_t *copy = xmalloc(n ? n : 1);
	if (n)
		memcpy(copy, data, n);
	return parse_owned(copy, n, false, why);
}

void font_free(struct font *f)
{
	if (!f)
		return;
	free(f->data);
	free(f->bmp);
	free(f);
}

/* The whole file, checked: a regular file, not too large, read in full. */
static uint8_t *read_font_file(const char *path, struct stat *st, size_t *n, const char **why)
{
	int fd = os_open(path, O_RDONLY | O_CLOEXEC, 0);
	if (fd < 0) {
		*why = sys_cause(errno, NULL);
		return NULL;
	}
	uint8_t *data = NULL;
	if (fstat(fd, st) != 0) {
		*why = sys_cause(errno, NULL);
	} else if (!S_ISREG(st->st_mode)) {
		*why = BI("không phải tệp thường", "not a regular file");
	} else if ((uint64_t)st->st_size > FONT_MAX_BYTES) {
		*why = BI("tệp phông quá lớn", "the font file is too large");
	} else {
		size_t size = (size_t)st->st_size, got = 0;
		data = xmalloc(size ? size : 1);
		while (got < size) {
			ssize_t r = read(fd, data + got, size - got);
			if (r < 0 && errno == EINTR)
				continue;
			if (r <= 0) {
				*why = r < 0 ? sys_cause(errno, NULL) : BI("tệp phông bị cụt khi đọc", "the font file shrank while being read");
				free(data);
				data = NULL;
				break;
			}
			got += (size_t)r;
		}
		*n = size;
	}
	close(fd);
	return data;
}

/* Fonts read by this thread (each build worker on Windows is one), by
 * file identity and version; kept to the end. */
struct cached_font {
	struct os_file_stamp file;
	bool known;              /* file holds the stamp */
	struct font *font;
};
static _Thread_local struct cached_font *cache;
static _Thread_local size_t n_cache, cap_cache;

struct font *font_open(const char *path, const char **why)
{
	struct os_file_stamp now = {0};
	bool known = os_file_stamp(path, &now);  /* else read again each time */
	for (size_t i = n_cache; known && i-- > 0;) {
		const struct os_file_stamp *c = &cache[i].file;
		if (cache[i].known && c->dev == now.dev && c->ino == now.ino && c->size == now.size && c->mtime_ns == now.mtime_ns)
			return cache[i].font;
	}
	struct stat st;
	size_t n = 0;
	uint8_t *data = read_font_file(path, &st, &n, why);
	if (!data)
		return NULL;
	struct font *f = parse_owned(data, n, true, why);
	if (!f)
		return NULL;
	/* An entry for an older version of the file stays: a painter may still use it. */
	*VEC_PUSH(cache, n_cache, cap_cache) = (struct cached_font){now, known, f};
	return f;
}

const struct font_info *font_get_info(const struct font *f)
{
	return &f->info;
}

/* ---- characters and widths ---- */

static unsigned lookup4(const struct font *f, uint32_t cp)
{
	if (cp > 0xFFFF)
		return 0;
	const uint8_t *s = f->data + f->cmap_off;
	uint32_t n = f->n_segs, segx2 = 2 * n, i;
	const uint8_t *ends = s + 14;
	if (f->cmap_sorted) {
		uint32_t lo = 0, hi = n;  /* the first segment whose end >= cp */
		while (lo < hi) {
			uint32_t mid = lo + (hi - lo) / 2;
			if (be16(ends + 2 * mid) < cp)
				lo = mid + 1;
			else
				hi = mid;
		}
		i = lo;
	} else {
		for (i = 0; i < n && be16(ends + 2 * i) < cp; i++)
			;
	}
	if (i >= n)
		return 0;
	unsigned start = be16(s + 16 + segx2 + 2 * i), delta = be16(s + 16 + 2 * segx2 + 2 * i);
	uint32_t range_at = f->cmap_off + 16 + 3 * segx2 + 2 * i;
	unsigned range = be16(f->data + range_at);
	if (cp < start)
		return 0;
	if (range == 0)
		return (cp + delta) & 0xFFFF;
	uint64_t at = (uint64_t)range_at + range + 2 * (uint64_t)(cp - start);
	if (at + 2 > f->cmap_end)
		return 0;
	unsigned g = be16(f->data + at);
	return g ? (g + delta) & 0xFFFF : 0;
}

static unsigned lookup12(const struct font *f, uint32_t cp)
{
	const uint8_t *groups = f->data + f->cmap_off + 16;
	uint32_t n = f->n_segs;
	const uint8_t *g = NULL;
	if (f->cmap_sorted) {
		uint32_t lo = 0, hi = n;
		while (lo < hi) {
			uint32_t mid = lo + (hi - lo) / 2;
			if (be32(groups + 12 * (size_t)mid + 4) < cp)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < n)
			g = groups + 12 * (size_t)lo;
	} else {
		for (uint32_t i = 0; i < n && !g; i++)
			if (be32(groups + 12 * (size_t)i) <= cp && cp <= be32(groups + 12 * (size_t)i + 4))
				g = groups + 12 * (size_t)i;
	}
	if (!g || cp < be32(g) || cp > be32(g + 4))
		return 0;
	uint64_t gid = (uint64_t)be32(g + 8) + (cp - be32(g));
	return gid <= 0xFFFF ? (unsigned)gid : 0;
}

unsigned font_glyph(struct font *f, uint32_t cp)
{
	if (cp < 0x10000 && f->bmp && f->bmp[cp])
		return f->bmp[cp] - 1u;
	unsigned gid = f->cmap_format == 4 ? lookup4(f, cp) : f->cmap_format == 12 ? lookup12(f, cp) : 0;
	if (gid >= f->n_glyphs)
		gid = 0;
	if (cp < 0x10000) {
		if (!f->bmp)
			f->bmp = xcalloc(0x10000, sizeof *f->bmp);
		f->bmp[cp] = (uint16_t)(gid + 1);
	}
	return gid;
}

static unsigned advance(const struct font *f, unsigned gid)
{
	unsigned i = gid < f->n_hmetrics ? gid : f->n_hmetrics - 1;
	return be16(f->data + f->hmtx.off + 4 * (size_t)i);
}

static int lsb(const struct font *f, unsigned gid)
{
	size_t at = gid < f->n_hmetrics ? 4 * (size_t)gid + 2
					: 4 * (size_t)f->n_hmetrics + 2 * (size_t)(gid - f->n_hmetrics);
	return at + 2 <= f->hmtx.len ? be16s(f->data + f->hmtx.off + at) : 0;
}

unsigned font_glyph_width(const struct font *f, unsigned gid)
{
	if (gid >= f->n_glyphs)
		gid = 0;
	return advance(f, gid) * 1000u / f->upem;
}

uint64_t font_text_width(struct font *f, const char *s, size_t n)
{
	uint64_t w = 0;
	for (size_t o = 0; o < n;) {
		uint32_t cp;
		size_t len = utf8_decode(s + o, n - o, &cp);
		if (!len) {
			o++;
			continue;
		}
		w += font_glyph_width(f, font_glyph(f, cp));
		o += len;
	}
	return w;
}

/* ---- glyph data ---- */

/* The bytes of glyph gid within glyf, or false when loca points outside. */
static bool glyph_range(const struct font *f, unsigned gid, uint32_t *off, uint32_t *len)
{
	const uint8_t *loca = f->data + f->loca.off;
	uint32_t a, b;
	if (f->long_loca) {
		a = be32(loca + 4 * (size_t)gid);
		b = be32(loca + 4 * (size_t)gid + 4);
	} else {
		a = 2u * be16(loca + 2 * (size_t)gid);
		b = 2u * be16(loca + 2 * (size_t)gid + 2);
	}
	if (a > b || b > f->glyf.len)
		return false;
	*off = f->glyf.off + a;
	*len = b - a;
	return true;
}

#define E_GLYPH BI("dữ liệu nét chữ của phông hỏng", "the font's glyph data is damaged")

/* Calls visit(ctx, gid, at) for each component of a composite glyph, at
 * being the offset of the component's flags within the glyph; *end (when
 * not NULL) is where the components end and any instructions begin. */
static const char *each_component(const struct font *f, const uint8_t *g, uint32_t len,
				  bool (*visit)(void *ctx, unsigned gid, uint32_t at), void *ctx, uint32_t *end)
{
	if (end)
		*end = len;
	if (len == 0)
		return NULL;  /* an empty glyph, like the space */
	if (len < 10)
		return E_GLYPH;
	if (be16s(g) >= 0)
		return NULL;  /* a simple glyph */
	uint32_t pos = 10;
	unsigned flags;
	do {
		if (pos + 4 > len)
			return E_GLYPH;
		flags = be16(g + pos);
		unsigned gid = be16(g + pos + 2);
		if (gid >= f->n_glyphs)
			return E_GLYPH;
		if (!visit(ctx, gid, pos))
			return BI("nét chữ ghép lồng nhau quá sâu", "composite glyphs are nested too deeply");
		pos += 4 + (flags & 1 ? 4 : 2);
		pos += flags & 8 ? 2 : flags & 0x40 ? 4 : flags & 0x80 ? 8 : 0;
		if (pos > len)
			return E_GLYPH;
	} while (flags & 0x20);
	if (end)
		*end = pos;
	return NULL;
}

/* ---- subsets ---- */

struct slot {
	uint32_t cp;              /* NO_CP: .notdef or a component */
	uint16_t gid;             /* in the font */
	uint16_t cid;             /* in the subset */
	uint8_t depth;            /* component nesting */
};

struct font_subset {
	struct font *f;
	struct slot *slots;
	size_t n, cap;
	int32_t *first;           /* per font glyph: its first slot, or -1 */
	uint32_t *keys, *vals;    /* code point + 1 → slot; open addressing */
	size_t hcap, hn;
	uint16_t *by_cid;         /* slot of each CID */
	uint8_t *data;
	size_t size;
	char tag[7];
	bool ordered;             /* CIDs in the order of first use */
	bool finished;
	const char *error;        /* why finishing failed */
};

struct font_subset *font_subset_new(struct font *f)
{
	struct font_subset *s = xcalloc(1, sizeof *s);
	s->f = f;
	s->first = xmalloc(f->n_glyphs * sizeof *s->first);
	for (unsigned i = 0; i < f->n_glyphs; i++)
		s->first[i] = -1;
	s->hcap = 256;
	s->keys = xcalloc(s->hcap, sizeof *s->keys);
	s->vals = xcalloc(s->hcap, sizeof *s->vals);
	*VEC_PUSH(s->slots, s->n, s->cap) = (struct slot){NO_CP, 0, 0, 0};
	s->first[0] = 0;
	return s;
}

struct font_subset *font_subset_new_ordered(struct font *f)
{
	struct font_subset *s = font_subset_new(f);
	s->ordered = true;
	return s;
}

static size_t hash_at(const struct font_subset *s, uint32_t cp)
{
	size_t mask = s->hcap - 1, i = (size_t)((cp * 2654435761u) >> 8) & mask;
	while (s->keys[i] && s->keys[i] != cp + 1)
		i = (i + 1) & mask;
	return i;
}

static void hash_put(struct font_subset *s, uint32_t cp, uint32_t slot)
{
	if (2 * (s->hn + 1) > s->hcap) {
		uint32_t *keys = s->keys, *vals = s->vals;
		size_t old = s->hcap;
		s->hcap *= 2;
		s->keys = xcalloc(s->hcap, sizeof *s->keys);
		s->vals = xcalloc(s->hcap, sizeof *s->vals);
		for (size_t i = 0; i < old; i++) {
			if (keys[i]) {
				size_t k = hash_at(s, keys[i] - 1);
				s->keys[k] = keys[i];
				s->vals[k] = vals[i];
			}
		}
		free(keys);
		free(vals);
	}
	size_t i = hash_at(s, cp);
	s->hn += !s->keys[i];
	s->keys[i] = cp + 1;
	s->vals[i] = slot;
}

void font_subset_add(struct font_subset *s, uint32_t cp)
{
	if (s->finished || cp > 0x10FFFF || s->keys[hash_at(s, cp)])
		return;
	unsigned gid = font_glyph(s->f, cp);
	uint32_t slot = 0;  /* a missing character draws .notdef */
	if (gid && s->n < MAX_GLYPHS) {
		slot = (uint32_t)s->n;
		if (s->first[gid] < 0)
			s->first[gid] = (int32_t)slot;
		*VEC_PUSH(s->slots, s->n, s->cap) = (struct slot){cp, (uint16_t)gid, (uint16_t)slot, 0};
	} else if (gid && s->first[gid] >= 0) {
		slot = (uint32_t)s->first[gid];  /* no room for another copy: share it */
	}
	hash_put(s, cp, slot);
}

struct component_walk {
	struct font_subset *s;
	unsigned depth;
	bool full;
};

static bool add_component(void *ctx, unsigned gid, uint32_t at)
{
	(void)at;
	struct component_walk *w = ctx;
	struct font_subset *s = w->s;
	if (w->depth > MAX_COMPONENT_DEPTH)
		return false;
	if (s->first[gid] >= 0)
		return true;
	if (s->n >= MAX_GLYPHS) {
		w->full = true;
		return true;
	}
	s->first[gid] = (int32_t)s->n;
	*VEC_PUSH(s->slots, s->n, s->cap) = (struct slot){NO_CP, (uint16_t)gid, (uint16_t)s->n, (uint8_t)w->depth};
	return true;
}

struct renumber {
	const struct font_subset *s;
	uint8_t *glyph;           /* the copy being written */
	bool hinting;
};

static bool set_component(void *ctx, unsigned gid, uint32_t at)
{
	struct renumber *r = ctx;
	put16(r->glyph + at + 2, r->s->slots[r->s->first[gid]].cid);
	if (!r->hinting)  /* WE_HAVE_INSTRUCTIONS off: they are left out */
		put16(r->glyph + at, be16(r->glyph + at) & ~0x100u);
	return true;
}

/* Copies glyph src[0..len) to dst with its components renumbered and,
 * without hinting, its instructions left out; *out is the copy's length. */
static const char *copy_glyph(const struct font_subset *s, const uint8_t *src, uint32_t len, uint8_t *dst,
			      bool hinting, uint32_t *out)
{
	*out = len;
	if (len >= 10 && be16s(src) >= 0 && !hinting) {
		uint32_t at = 10 + 2 * (uint32_t)be16s(src);  /* after endPtsOfContours */
		if (at + 2 > len || at + 2 + be16(src + at) > len)
			return E_GLYPH;
		uint32_t skip = be16(src + at);
		memcpy(dst, src, at);
		put16(dst + at, 0);
		memcpy(dst + at + 2, src + at + 2 + skip, len - at - 2 - skip);
		*out = len - skip;
		return NULL;
	}
	memcpy(dst, src, len);
	struct renumber r = {s, dst, hinting};
	uint32_t end;
	const char *err = each_component(s->f, dst, len, set_component, &r, &end);
	if (!err && !hinting)
		*out = end;
	return err;
}

static int by_gid_cp(const void *a, const void *b)
{
	const struct slot *x = a, *y = b;
	if (x->gid != y->gid)
		return x->gid < y->gid ? -1 : 1;
	return x->cp < y->cp ? -1 : x->cp > y->cp;
}

static uint32_t checksum(const uint8_t *p, size_t n)
{
	uint32_t sum = 0;
	for (size_t i = 0; i < n; i += 4) {
		uint8_t w[4] = {0, 0, 0, 0};
		memcpy(w, p + i, n - i < 4 ? n - i : 4);
		sum += be32(w);
	}
	return sum;
}

struct out_table {
	uint32_t tag;
	const uint8_t *data;
	size_t len;
};

static const char *build(struct font_subset *s, bool hinting)
{
	const struct font *f = s->f;
	size_t n = s->n;
	/* glyf and loca */
	size_t glyf_len = 0;
	for (size_t c = 0; c < n; c++) {
		uint32_t off, len;
		glyph_range(f, s->slots[s->by_cid[c]].gid, &off, &len);  /* checked before */
		glyf_len += (len + 3) & ~(size_t)3;
	}
	uint8_t *glyf = xcalloc(glyf_len ? glyf_len : 1, 1), *loca = xmalloc(4 * (n + 1));
	uint8_t *hmtx = xmalloc(4 * n);
	size_t at = 0;
	const char *err = NULL;
	for (size_t c = 0; c < n; c++) {
		unsigned gid = s->slots[s->by_cid[c]].gid;
		uint32_t off, len;
		glyph_range(f, gid, &off, &len);
		put32(loca + 4 * c, (uint32_t)at);
		uint32_t out = 0;
		if (!err)
			err = copy_glyph(s, f->data + off, len, glyf + at, hinting, &out);
		at += (out + 3) & ~(size_t)3;
		put16(hmtx + 4 * c, advance(f, gid));
		put16(hmtx + 4 * c + 2, (unsigned)lsb(f, gid) & 0xFFFF);
	}
	put32(loca + 4 * n, (uint32_t)at);
	uint8_t head[54], hhea[36], maxp[32];
	size_t maxp_len = f->maxp.len < sizeof maxp ? f->maxp.len : sizeof maxp;
	memcpy(head, f->data + f->head.off, sizeof head);
	memcpy(hhea, f->data + f->hhea.off, sizeof hhea);
	memcpy(maxp, f->data + f->maxp.off, maxp_len);
	put32(head + 8, 0);     /* checkSumAdjustment, set below */
	put16(head + 50, 1);    /* long loca */
	put16(hhea + 34, (unsigned)n);
	put16(maxp + 4, (unsigned)n);
	struct out_table t[9];
	size_t k = 0;
	if (hinting && f->cvt.present)
		t[k++] = (struct out_table){TAG('c', 'v', 't', ' '), f->data + f->cvt.off, f->cvt.len};
	if (hinting && f->fpgm.present)
		t[k++] = (struct out_table){TAG('f', 'p', 'g', 'm'), f->data + f->fpgm.off, f->fpgm.len};
	t[k++] = (struct out_table){TAG('g', 'l', 'y', 'f'), glyf, at};
	t[k++] = (struct out_table){TAG('h', 'e', 'a', 'd'), head, sizeof head};
	t[k++] = (struct out_table){TAG('h', 'h', 'e', 'a'), hhea, sizeof hhea};
	t[k++] = (struct out_table){TAG('h', 'm', 't', 'x'), hmtx, 4 * n};
	t[k++] = (struct out_table){TAG('l', 'o', 'c', 'a'), loca, 4 * (n + 1)};
	t[k++] = (struct out_table){TAG('m', 'a', 'x', 'p'), maxp, maxp_len};
	if (hinting && f->prep.present)
		t[k++] = (struct out_table){TAG('p', 'r', 'e', 'p'), f->data + f->prep.off, f->prep.len};
	size_t size = 12 + 16 * k;
	for (size_t i = 0; i < k; i++)
		size += (t[i].len + 3) & ~(size_t)3;
	uint8_t *out = xcalloc(size, 1);
	unsigned lg = 0;  /* floor(log2(k)) */
	while ((2u << lg) <= k)
		lg++;
	put32(out, 0x00010000);
	put16(out + 4, (unsigned)k);
	put16(out + 6, 16u << lg);
	put16(out + 8, lg);
	put16(out + 10, (unsigned)(16 * k - (16u << lg)));
	size_t pos = 12 + 16 * k, head_at = 0;
	for (size_t i = 0; i < k; i++) {
		uint8_t *rec = out + 12 + 16 * i;
		put32(rec, t[i].tag);
		put32(rec + 4, checksum(t[i].data, t[i].len));
		put32(rec + 8, (uint32_t)pos);
		put32(rec + 12, (uint32_t)t[i].len);
		if (t[i].len)
			memcpy(out + pos, t[i].data, t[i].len);
		if (t[i].tag == TAG('h', 'e', 'a', 'd'))
			head_at = pos;
		pos += (t[i].len + 3) & ~(size_t)3;
	}
	put32(out + head_at + 8, 0xB1B0AFBAu - checksum(out, size));
	free(glyf);
	free(loca);
	free(hmtx);
	if (err) {
		free(out);
		return err;
	}
	s->data = out;
	s->size = size;
	return NULL;
}

static uint64_t fnv1a(uint64_t h, uint32_t v)
{
	for (int i = 24; i >= 0; i -= 8)
		h = (h ^ ((v >> i) & 0xFF)) * 0x100000001b3u;
	return h;
}

static const char *finish(struct font_subset *s, bool hinting)
{
	const struct font *f = s->f;
	/* Components, breadth first: new slots are visited as the loop reaches them. */
	for (size_t i = 0; i < s->n; i++) {
		const struct slot sl = s->slots[i];
		uint32_t off, len;
		if (!glyph_range(f, sl.gid, &off, &len))
			return E_GLYPH;
		if (s->first[sl.gid] != (int32_t)i)
			continue;  /* a copy: its components are the first's */
		struct component_walk w = {s, sl.depth + 1u, false};
		const char *err = each_component(f, f->data + off, len, add_component, &w, NULL);
		if (err)
			return err;
		if (w.full)
			return BI("phông có quá nhiều nét chữ", "too many glyphs");
	}
	/* Number the glyphs in the order of their ids in the font (.notdef
	 * stays first), unless they keep the order they came in; a sorted
	 * copy keeps each slot's index in its cid. */
	struct slot *sorted = xmalloc(s->n * sizeof *sorted);
	memcpy(sorted, s->slots, s->n * sizeof *sorted);
	for (size_t i = 0; i < s->n; i++)
		sorted[i].cid = (uint16_t)i;
	if (!s->ordered)
		qsort(sorted + 1, s->n - 1, sizeof *sorted, by_gid_cp);
	s->by_cid = xmalloc(s->n * sizeof *s->by_cid);
	uint64_t h = 0xcbf29ce484222325u;
	for (size_t c = 0; c < s->n; c++) {
		s->by_cid[c] = sorted[c].cid;
		s->slots[sorted[c].cid].cid = (uint16_t)c;
		h = fnv1a(fnv1a(h, sorted[c].gid), sorted[c].cp);
	}
	free(sorted);
	for (const char *c = f->ps_name; *c; c++)
		h = fnv1a(h, (uint8_t)*c);
	for (int i = 0; i < 6; i++) {
		s->tag[i] = (char)('A' + h % 26);
		h /= 26;
	}
	s->tag[6] = '\0';
	return build(s, hinting);
}

bool font_subset_finish(struct font_subset *s, bool hinting, const char **why)
{
	if (!s->finished) {
		s->finished = true;
		s->error = finish(s, hinting);
	}
	if (s->error)
		*why = s->error;
	return !s->error;
}

unsigned font_subset_cid(const struct font_subset *s, uint32_t cp)
{
	bool known = s->data || (s->ordered && !s->finished);
	if (!known || cp > 0x10FFFF)
		return 0;
	size_t i = hash_at(s, cp);
	return s->keys[i] ? s->slots[s->vals[i]].cid : 0;
}

unsigned font_subset_count(const struct font_subset *s)
{
	return s->data ? (unsigned)s->n : 0;
}

unsigned font_subset_width(const struct font_subset *s, unsigned cid)
{
	return font_glyph_width(s->f, s->data && cid < s->n ? s->slots[s->by_cid[cid]].gid : 0);
}

uint32_t font_subset_unicode(const struct font_subset *s, unsigned cid)
{
	return s->data && cid < s->n ? s->slots[s->by_cid[cid]].cp : NO_CP;
}

const uint8_t *font_subset_data(const struct font_subset *s, size_t *n)
{
	*n = s->size;
	return s->data;
}

const char *font_subset_tag(const struct font_subset *s)
{
	return s->tag;
}

void font_subset_free(struct font_subset *s)
{
	if (!s)
		return;
	free(s->slots);
	free(s->first);
	free(s->keys);
	free(s->vals);
	free(s->by_cid);
	free(s->data);
	free(s);
}
