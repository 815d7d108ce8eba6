/* TrueType reading (font.h): the table directory, the metrics a PDF
 * font descriptor and the layout need, characters through the cmap, and
 * the glyph data subsets copy. Every offset read from the file is checked
 * against the table it lies in before use; tables are checked against the
 * file when the font loads. Loading parses only fixed-size headers and the
 * cmap subtable's header: no work per glyph until a glyph is asked for. */
#include "font_sfnt.h"

#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "text.h"
#include "util.h"

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
			struct sfnt_table *t = (struct sfnt_table *)((char *)f + wanted[k].at);
			if (wanted[k].tag != tag || t->present)
				continue;
			if ((uint64_t)off + len > f->size)
				return E_TRUNCATED;
			*t = (struct sfnt_table){off, len, true};
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

static struct font *parsed(struct font *f, bool need_cmap, const char *err, const char **why)
{
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

/* Takes data (malloc'd) whatever the outcome. */
struct font *font_parse_owned(uint8_t *data, size_t n, bool need_cmap, const char **why)
{
	struct font *f = xcalloc(1, sizeof *f);
	f->data = data;
	f->size = n;
	return parsed(f, need_cmap, n > FONT_MAX_BYTES ? BI("tệp phông quá lớn", "the font file is too large") : find_tables(f),
		      why);
}

/* The tables loading reads whole: all found but glyf (read a page at a
 * time as glyphs are asked for) and post (only its header is used). */
static const char *read_tables(struct font *f)
{
	const struct sfnt_table *whole[] = {&f->head, &f->hhea, &f->maxp, &f->hmtx, &f->loca, &f->cmap,
					    &f->os2,  &f->name, &f->cvt,  &f->fpgm, &f->prep};
	const char *err = NULL;
	for (size_t i = 0; !err && i < COUNT_OF(whole); i++)
		if (whole[i]->present && whole[i]->len)
			err = f->reader.read(f->reader.ctx, f->data + whole[i]->off, whole[i]->off, whole[i]->len);
	if (!err && f->post.present && f->post.len)
		err = f->reader.read(f->reader.ctx, f->data + f->post.off, f->post.off, f->post.len < 32 ? f->post.len : 32);
	if (!err)
		f->glyf_read = xcalloc(f->glyf.len / GLYF_PAGE + 1, 1);
	return err;
}

struct font *font_parse_reader(size_t size, struct font_reader reader, bool need_cmap, const char **why)
{
	struct font *f = xcalloc(1, sizeof *f);
	f->reader = reader;
	f->size = size;
	const char *err = NULL;
	if (size > FONT_MAX_BYTES) {
		err = BI("tệp phông quá lớn", "the font file is too large");
	} else {
		/* zeroed: a part not read yet is never looked at, and is not
		 * touched (large blocks come as fresh pages) */
		f->data = xcalloc(size ? size : 1, 1);
		err = size < 12 ? E_TRUNCATED : reader.read(reader.ctx, f->data, 0, 12);
		size_t dir = err ? 0 : 12 + 16 * (size_t)be16(f->data + 4);
		if (!err && dir <= size)
			err = reader.read(reader.ctx, f->data + 12, 12, (uint32_t)(dir - 12));
		if (!err)
			err = find_tables(f);
		if (!err)
			err = read_tables(f);
	}
	return parsed(f, need_cmap, err, why);
}

struct font *font_parse_mapped(const uint8_t *data, size_t size, struct font_reader reader, bool need_cmap,
			       const char **why)
{
	struct font *f = xcalloc(1, sizeof *f);
	f->data = (uint8_t *)data;  /* only read: glyf_read stays NULL, nothing is read into it */
	f->mapped = true;
	f->size = size;
	f->reader = reader;
	return parsed(f, need_cmap, size > FONT_MAX_BYTES ? BI("tệp phông quá lớn", "the font file is too large") : find_tables(f),
		      why);
}

const char *font_changed(const struct font *f)
{
	return f->reader.changed ? f->reader.changed(f->reader.ctx) : NULL;
}

struct font *font_parse(const void *data, size_t n, const char **why)
{
	uint8_t *copy = xmalloc(n ? n : 1);
	if (n)
		memcpy(copy, data, n);
	return font_parse_owned(copy, n, false, why);
}

void font_free(struct font *f)
{
	if (!f)
		return;
	if (!f->mapped)
		free(f->data);
	cp_table_free(&f->bmp);
	free(f->widths);
	free(f->glyf_read);
	if (f->reader.close)
		f->reader.close(f->reader.ctx);
	free(f);
}

/* The whole file, checked: a regular file, not too large, read in full. */
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
	unsigned known = cp_table_get(&f->bmp, cp);
	if (known)
		return known - 1u;
	unsigned gid = f->cmap_format == 4 ? lookup4(f, cp) : f->cmap_format == 12 ? lookup12(f, cp) : 0;
	if (gid >= f->n_glyphs)
		gid = 0;
	if (cp < CP_TABLE_END)
		cp_table_set(&f->bmp, cp, (uint16_t)(gid + 1));
	return gid;
}

unsigned font_advance(const struct font *f, unsigned gid)
{
	unsigned i = gid < f->n_hmetrics ? gid : f->n_hmetrics - 1;
	return be16(f->data + f->hmtx.off + 4 * (size_t)i);
}

int font_lsb(const struct font *f, unsigned gid)
{
	size_t at = gid < f->n_hmetrics ? 4 * (size_t)gid + 2
					: 4 * (size_t)f->n_hmetrics + 2 * (size_t)(gid - f->n_hmetrics);
	return at + 2 <= f->hmtx.len ? be16s(f->data + f->hmtx.off + at) : 0;
}

unsigned font_glyph_width(const struct font *f, unsigned gid)
{
	if (gid >= f->n_glyphs)
		gid = 0;
	return font_advance(f, gid) * 1000u / f->upem;
}

/* font_glyph, with the remembered BMP code points read inline. */
static inline unsigned glyph_of(struct font *f, uint32_t cp)
{
	unsigned known = cp_table_get(&f->bmp, cp);
	return known ? known - 1u : font_glyph(f, cp);
}

/* The next code point of s[0..n), n > 0: its length, 0 when not UTF-8;
 * ASCII without a call. */
static inline size_t next_cp(const char *s, size_t n, uint32_t *cp)
{
	if ((unsigned char)*s < 0x80) {
		*cp = (unsigned char)*s;
		return 1;
	}
	return utf8_decode(s, n, cp);
}

uint64_t font_text_width(struct font *f, const char *s, size_t n)
{
	/* every glyph's width at once: a division by the em each otherwise */
	if (!f->widths) {
		unsigned count = f->n_glyphs ? f->n_glyphs : 1;
		f->widths = xmalloc(count * sizeof *f->widths);
		for (unsigned g = 0; g < count; g++)
			f->widths[g] = font_glyph_width(f, g);
	}
	uint64_t w = 0;
	for (size_t o = 0; o < n;) {
		uint32_t cp;
		size_t len = next_cp(s + o, n - o, &cp);
		if (!len) {
			o++;
			continue;
		}
		w += f->widths[glyph_of(f, cp)];  /* font_glyph gives glyphs below n_glyphs */
		o += len;
	}
	return w;
}

size_t font_glyphs_prefix(struct font *f, const char *s, size_t n)
{
	size_t o = 0;
	while (o < n) {
		uint32_t cp;
		size_t len = next_cp(s + o, n - o, &cp);
		if (!len || !glyph_of(f, cp))
			break;
		o += len;
	}
	return o;
}

/* ---- glyph data ---- */

/* Reads the pages of glyf that [a, b) lies on and that are not read yet. */
static const char *read_glyf(struct font *f, uint32_t a, uint32_t b)
{
	if (!f->glyf_read || a == b)
		return NULL;
	for (uint32_t p = a / GLYF_PAGE, last = (b - 1) / GLYF_PAGE; p <= last; p++) {
		if (f->glyf_read[p])
			continue;
		uint32_t q = p;  /* a run of pages not read, read at once */
		while (q < last && !f->glyf_read[q + 1])
			q++;
		uint32_t from = p * GLYF_PAGE, to = (q + 1) * GLYF_PAGE < f->glyf.len ? (q + 1) * GLYF_PAGE : f->glyf.len;
		const char *err = f->reader.read(f->reader.ctx, f->data + f->glyf.off + from, f->glyf.off + from, to - from);
		if (err)
			return err;
		memset(f->glyf_read + p, 1, q - p + 1);
		p = q;
	}
	return NULL;
}

const char *font_glyph_range(struct font *f, unsigned gid, uint32_t *off, uint32_t *len)
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
		return E_GLYPH;
	*off = f->glyf.off + a;
	*len = b - a;
	return read_glyf(f, a, b);
}

const char *font_each_component(const struct font *f, const uint8_t *g, uint32_t len,
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

