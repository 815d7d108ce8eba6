/* Our TrueType reader and subsetter (font.h):
 * - the character map and widths agree with libharu's (which chuyende used
 *   to measure with, and which the golden layouts were made with) for every
 *   BMP character of the five default fonts;
 * - subsets parse back with our own reader, with the expected glyphs,
 *   widths, renumbered components and (without hinting) no instructions;
 * - a small font built here covers format 12, composite nesting and loops,
 *   and two characters sharing a glyph;
 * - truncated, garbage and damaged fonts fail cleanly (run under ASan by
 *   make test-asan: any read outside the data is an error there);
 * - a font read a part at a time (as font_open reads a file) reads its
 *   small tables and only the glyph data a subset needs, makes the same
 *   subset as the whole file does, and fails cleanly when a read fails
 *   or the file changes under it. */
#include <hpdf.h>
#include <hpdf_fontdef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "font.h"
#include "font_sfnt.h"
#include "os.h"
#include "text.h"
#include "unit.h"
#include "util.h"

#define LIB "/usr/share/fonts/truetype/liberation2/"

static const char *const faces[] = {
	"LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf", "LiberationSerif-Italic.ttf",
	"LiberationSerif-BoldItalic.ttf", "LiberationMono-Regular.ttf",
};

static const char *const samples[] = {
	"ĐẢNG CỘNG SẢN VIỆT NAM",
	"Độc lập - Tự do - Hạnh phúc",
	"Thực hiện Hướng dẫn số 12-HD/BTCTW của Ban Tổ chức Trung ương về nâng cao chất lượng",
	"ă ắ ằ ẳ ẵ ặ â ấ ầ ẩ ẫ ậ đ ê ế ề ể ễ ệ ô ố ồ ổ ỗ ộ ơ ớ ờ ở ỡ ợ ư ứ ừ ử ữ ự",
	"Ă Ắ Ằ Ẳ Ẵ Ặ Â Ấ Ầ Ẩ Ẫ Ậ Đ Ê Ế Ề Ể Ễ Ệ Ô Ố Ồ Ổ Ỗ Ộ Ơ Ớ Ờ Ở Ỡ Ợ Ư Ứ Ừ Ử Ữ Ự",
	"“Nâng cao chất lượng công tác tham mưu” – 05/01/2024 … (1) [2] {3} 100% #4 @ € ©",
	"",
};

static uint16_t rd16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t rd32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void wr16(uint8_t *p, unsigned v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void wr32(uint8_t *p, uint32_t v)
{
	wr16(p, v >> 16);
	wr16(p + 2, v & 0xFFFF);
}

/* A table of a font file: its offset and length, or false. */
static bool find_table(const uint8_t *d, size_t n, const char *tag, uint32_t *off, uint32_t *len)
{
	if (n < 12)
		return false;
	unsigned k = rd16(d + 4);
	for (unsigned i = 0; i < k && 12 + 16 * (size_t)i + 16 <= n; i++) {
		const uint8_t *r = d + 12 + 16 * i;
		if (memcmp(r, tag, 4) == 0) {
			*off = rd32(r + 8);
			*len = rd32(r + 12);
			return true;
		}
	}
	return false;
}

/* Glyph g's offset in glyf from a subset's loca, short or long as its
 * head says (indexToLocFormat). */
static uint32_t loca_at(const uint8_t *d, size_t n, uint32_t loca, unsigned g)
{
	uint32_t head = 0, head_len = 0;
	if (!find_table(d, n, "head", &head, &head_len) || head_len < 54)
		return 0;
	return rd16(d + head + 50) ? rd32(d + loca + 4 * g) : 2u * rd16(d + loca + 2 * g);
}

static uint8_t *slurp(const char *path, size_t *n)
{
	char *data = NULL;
	if (read_file(path, 1 << 26, &data, n) != READ_OK)
		return NULL;
	return (uint8_t *)data;
}

static unsigned glyph_of(struct font *f, const char *utf8)
{
	uint32_t cp = 0;
	utf8_decode(utf8, strlen(utf8), &cp);
	return font_glyph(f, cp);
}

/* ---- against libharu ---- */

static void hpdf_quiet(HPDF_STATUS code, HPDF_STATUS detail, void *ctx)
{
	(void)code;
	(void)detail;
	(void)ctx;
}

static void check_against_libharu(void)
{
	HPDF_Doc pdf = HPDF_New(hpdf_quiet, NULL);
	CHECK(pdf != NULL);
	if (!pdf)
		return;
	HPDF_UseUTFEncodings(pdf);
	HPDF_SetCurrentEncoder(pdf, "UTF-8");
	for (size_t i = 0; i < COUNT_OF(faces); i++) {
		char path[256];
		snprintf(path, sizeof path, LIB "%s", faces[i]);
		const char *why = NULL;
		struct font *f = font_open(path, &why);
		CHECK(f != NULL);
		const char *name = HPDF_LoadTTFontFromFile(pdf, path, HPDF_TRUE);
		HPDF_FontDef def = name ? HPDF_GetFontDef(pdf, name) : NULL;
		HPDF_Font hf = name ? HPDF_GetFont(pdf, name, "UTF-8") : NULL;
		CHECK(def && hf);
		if (!f || !def || !hf)
			continue;
		CHECK(font_open(path, &why) == f);  /* read once per process */
		const struct font_info *in = font_get_info(f);
		CHECK(in->ascent == HPDF_Font_GetAscent(hf));
		CHECK(in->descent == HPDF_Font_GetDescent(hf));
		/* every BMP character: the same glyph, and one character's width */
		int glyph_diff = 0, width_diff = 0, mapped = 0;
		for (uint32_t cp = 1; cp < 0x10000; cp++) {
			if (cp >= 0xD800 && cp <= 0xDFFF)
				continue;
			unsigned theirs = HPDF_TTFontDef_GetGlyphid(def, (HPDF_UINT16)cp);
			if (theirs >= in->n_glyphs)
				theirs = 0;
			unsigned ours = font_glyph(f, cp);
			glyph_diff += ours != theirs;
			if (!ours)
				continue;
			mapped++;
			char s[5];
			size_t len = utf8_encode(cp, s);
			HPDF_TextWidth tw = HPDF_Font_TextWidth(hf, (const HPDF_BYTE *)s, (HPDF_UINT)len);
			width_diff += tw.width != font_text_width(f, s, len);
		}
		CHECK(glyph_diff == 0);
		CHECK(width_diff == 0);
		CHECK(mapped > 2000);
		for (size_t k = 0; k < COUNT_OF(samples); k++) {
			size_t len = strlen(samples[k]);
			HPDF_TextWidth tw = HPDF_Font_TextWidth(hf, (const HPDF_BYTE *)samples[k], (HPDF_UINT)len);
			CHECK(tw.width == font_text_width(f, samples[k], len));
		}
	}
	HPDF_Free(pdf);
}

/* ---- Liberation: lookups, widths, subsets ---- */

/* Adds every character of text to s. */
static void subset_add_text(struct font_subset *s, const char *text)
{
	size_t n = strlen(text), len;
	uint32_t cp;
	for (size_t o = 0; o < n; o += len ? len : 1)
		if ((len = utf8_decode(text + o, n - o, &cp)))
			font_subset_add(s, cp);
}

/* The subset parsed back: glyph count, widths of the CIDs, and the
 * composite glyphs' components within the subset. */
static void check_subset_roundtrip(struct font *f, const char *text, bool hinting, unsigned want_count)
{
	struct font_subset *s = font_subset_new(f);
	subset_add_text(s, text);
	const char *why = NULL;
	CHECK(font_subset_finish(s, hinting, &why));
	unsigned count = font_subset_count(s);
	if (want_count)
		CHECK(count == want_count);
	size_t size;
	const uint8_t *data = font_subset_data(s, &size);
	struct font *sub = data ? font_parse(data, size, &why) : NULL;
	CHECK(sub != NULL);
	if (!sub) {
		font_subset_free(s);
		return;
	}
	CHECK(font_get_info(sub)->n_glyphs == count);
	CHECK(font_get_info(sub)->units_per_em == font_get_info(f)->units_per_em);
	size_t n = strlen(text), len;
	uint32_t cp;
	for (size_t o = 0; o < n; o += len ? len : 1) {
		if (!(len = utf8_decode(text + o, n - o, &cp)))
			continue;
		unsigned cid = font_subset_cid(s, cp);
		CHECK(cid > 0 && cid < count);
		CHECK(font_subset_unicode(s, cid) == cp);
		CHECK(font_subset_width(s, cid) == font_glyph_width(f, font_glyph(f, cp)));
		CHECK(font_glyph_width(sub, cid) == font_glyph_width(f, font_glyph(f, cp)));
	}
	CHECK(font_subset_unicode(s, 0) == UINT32_MAX);
	uint32_t glyf = 0, glyf_len = 0, loca = 0, loca_len = 0, fpgm = 0, fpgm_len = 0;
	CHECK(find_table(data, size, "glyf", &glyf, &glyf_len) && find_table(data, size, "loca", &loca, &loca_len));
	CHECK(find_table(data, size, "fpgm", &fpgm, &fpgm_len) == hinting);
	CHECK(loca_len == 2 * (count + 1));  /* short: a small subset's glyphs fit */
	int composites = 0, bad = 0, instructions = 0;
	for (unsigned g = 0; g < count && loca_len == 2 * (count + 1); g++) {
		uint32_t a = loca_at(data, size, loca, g), b = loca_at(data, size, loca, g + 1);
		if (a == b)
			continue;
		const uint8_t *p = data + glyf + a;
		int16_t contours = (int16_t)rd16(p);
		if (contours >= 0) {
			instructions += rd16(p + 10 + 2 * contours);
			continue;
		}
		composites++;
		uint32_t pos = 10;
		unsigned flags;
		do {
			flags = rd16(p + pos);
			bad += rd16(p + pos + 2) >= count;
			instructions += (flags & 0x100) != 0;
			pos += 4 + (flags & 1 ? 4 : 2) + (flags & 8 ? 2 : flags & 0x40 ? 4 : flags & 0x80 ? 8 : 0);
		} while (flags & 0x20);
	}
	CHECK(bad == 0);
	CHECK(hinting ? instructions > 0 : instructions == 0);
	if (strstr(text, "ệ"))
		CHECK(composites > 0);
	/* the same glyph set gives the same tag */
	struct font_subset *again = font_subset_new(f);
	for (size_t o = n; o > 0;) {  /* added in reverse order */
		size_t start = o - 1;
		while (start > 0 && ((unsigned char)text[start] & 0xC0) == 0x80)
			start--;
		if (utf8_decode(text + start, o - start, &cp))
			font_subset_add(again, cp);
		o = start;
	}
	CHECK(font_subset_finish(again, hinting, &why));
	CHECK_STR(font_subset_tag(again), font_subset_tag(s));
	size_t size2;
	const uint8_t *data2 = font_subset_data(again, &size2);
	CHECK(data2 && size2 == size && memcmp(data, data2, size) == 0);
	font_subset_free(again);
	font_free(sub);
	font_subset_free(s);
}

/* An ordered subset: CIDs in the order of first use, known from the
 * first add, the same after finishing; a valid font. */
static void check_ordered(struct font *f)
{
	const char *text = "Đảng viên chi bộ ữ Aa";
	struct font_subset *s = font_subset_new_ordered(f);
	size_t n = strlen(text), len;
	uint32_t cp;
	unsigned next = 1, cids[64], k = 0;
	for (size_t o = 0; o < n; o += len ? len : 1) {
		if (!(len = utf8_decode(text + o, n - o, &cp)))
			continue;
		unsigned before = font_subset_cid(s, cp);
		font_subset_add(s, cp);
		unsigned cid = font_subset_cid(s, cp);
		CHECK(before ? cid == before : cid == next++);
		cids[k++] = cid;
	}
	const char *why = NULL;
	CHECK(font_subset_finish(s, false, &why));
	CHECK(font_subset_count(s) >= next);
	k = 0;
	for (size_t o = 0; o < n; o += len ? len : 1) {
		if (!(len = utf8_decode(text + o, n - o, &cp)))
			continue;
		CHECK(font_subset_cid(s, cp) == cids[k++]);
		CHECK(font_subset_unicode(s, font_subset_cid(s, cp)) == cp);
	}
	size_t size;
	const uint8_t *data = font_subset_data(s, &size);
	struct font *sub = data ? font_parse(data, size, &why) : NULL;
	CHECK(sub && font_get_info(sub)->n_glyphs == font_subset_count(s));
	CHECK(sub && font_glyph_width(sub, font_subset_cid(s, 'A')) == font_glyph_width(f, font_glyph(f, 'A')));
	font_free(sub);
	font_subset_free(s);
}

/* Code points on both sides of the subset's array of common ones (below
 * U+2200: Latin, Vietnamese, punctuation; past it a hash): each CID maps
 * back to its character, in either kind of subset, before and after the
 * finish; a character the font lacks draws .notdef (CID 0). */
static void check_subset_lookups(struct font *f)
{
	const uint32_t has[] = {'A', 0x1EC7 /* ệ */, 0x2013 /* – */, 0x2264 /* ≤ */, 0x221A /* √ */, 'z'};
	const uint32_t lacks[] = {0x4E00, 0x1F600};
	for (size_t i = 0; i < COUNT_OF(has); i++)
		CHECK(font_glyph(f, has[i]) != 0);
	for (size_t i = 0; i < COUNT_OF(lacks); i++)
		CHECK(font_glyph(f, lacks[i]) == 0);
	for (int ordered = 0; ordered < 2; ordered++) {
		struct font_subset *s = ordered ? font_subset_new_ordered(f) : font_subset_new(f);
		unsigned cid[COUNT_OF(has)];
		for (int pass = 0; pass < 2; pass++) {  /* added twice: the same CIDs */
			for (size_t i = 0; i < COUNT_OF(has); i++) {
				font_subset_add(s, has[i]);
				if (ordered && !pass)
					cid[i] = font_subset_cid(s, has[i]);
				CHECK(!ordered || (cid[i] == i + 1 && font_subset_cid(s, has[i]) == cid[i]));
			}
			for (size_t i = 0; i < COUNT_OF(lacks); i++) {
				font_subset_add(s, lacks[i]);
				CHECK(font_subset_cid(s, lacks[i]) == 0);
			}
		}
		const char *why = NULL;
		CHECK(font_subset_finish(s, false, &why));
		CHECK(font_subset_count(s) >= COUNT_OF(has) + 1);  /* with .notdef and components */
		for (size_t i = 0; i < COUNT_OF(has); i++) {
			unsigned c = font_subset_cid(s, has[i]);
			CHECK(c > 0 && font_subset_unicode(s, c) == has[i]);
			CHECK(!ordered || c == cid[i]);
		}
		for (size_t i = 0; i < COUNT_OF(lacks); i++)
			CHECK(font_subset_cid(s, lacks[i]) == 0);
		font_subset_free(s);
	}
}

/* A text added at once makes the same subset as its characters one by
 * one: the same CIDs in the same order, the same bytes. */
static void check_subset_add_text(struct font *f)
{
	const char text[] = "Đảng ≤ A\xFF" "b😀 ệ – 一 Aa\xE1\xBB";  /* a stray byte, a cut character */
	struct font_subset *whole = font_subset_new_ordered(f), *each = font_subset_new_ordered(f);
	font_subset_add_text(whole, text, sizeof text - 1);
	font_subset_add_text(whole, text, 0);
	size_t n = sizeof text - 1, len;
	uint32_t cp;
	for (size_t o = 0; o < n; o += len ? len : 1)
		if ((len = utf8_decode(text + o, n - o, &cp)) != 0)
			font_subset_add(each, cp);
	bool same = true;
	for (size_t o = 0; o < n; o += len ? len : 1)
		if ((len = utf8_decode(text + o, n - o, &cp)) != 0)
			same &= font_subset_cid(whole, cp) == font_subset_cid(each, cp);
	CHECK(same && font_subset_cid(whole, 0x1EC7) > 0 && font_subset_cid(whole, 0x4E00) == 0);
	const char *why = NULL;
	CHECK(font_subset_finish(whole, false, &why) && font_subset_finish(each, false, &why));
	size_t a, b;
	const uint8_t *da = font_subset_data(whole, &a), *db = font_subset_data(each, &b);
	CHECK(da && db && a == b && memcmp(da, db, a) == 0);
	font_subset_free(whole);
	font_subset_free(each);
}

/* A subset whose glyphs pass 128 KB (every character of the font, with
 * hinting) keeps a long loca; parsed back, its glyphs are where it says. */
static void check_long_loca(struct font *f)
{
	struct font_subset *s = font_subset_new(f);
	for (uint32_t cp = 0x20; cp < 0x10000; cp++)
		if (font_glyph(f, cp))
			font_subset_add(s, cp);
	const char *why = NULL;
	CHECK(font_subset_finish(s, true, &why));
	unsigned count = font_subset_count(s);
	size_t size;
	const uint8_t *data = font_subset_data(s, &size);
	uint32_t glyf = 0, glyf_len = 0, loca = 0, loca_len = 0;
	CHECK(data && find_table(data, size, "glyf", &glyf, &glyf_len) && find_table(data, size, "loca", &loca, &loca_len));
	CHECK(glyf_len > 0x1FFFE && loca_len == 4 * (count + 1));
	CHECK(data && loca_len == 4 * (count + 1) && loca_at(data, size, loca, count) == glyf_len);
	struct font *sub = data ? font_parse(data, size, &why) : NULL;
	CHECK(sub && font_get_info(sub)->n_glyphs == count);
	CHECK(sub && font_glyph_width(sub, font_subset_cid(s, 0x1EC7)) == font_glyph_width(f, font_glyph(f, 0x1EC7)));
	font_free(sub);
	font_subset_free(s);
}

static void check_liberation(void)
{
	const char *why = NULL;
	struct font *f = font_open(LIB "LiberationSerif-Regular.ttf", &why);
	CHECK(f != NULL);
	if (!f)
		return;
	/* The glyph ids of Liberation Serif 2.1 (ttx -t cmap). */
	CHECK(glyph_of(f, "A") == 36);
	CHECK(glyph_of(f, "a") == 68);
	CHECK(glyph_of(f, " ") == 3);
	CHECK(glyph_of(f, "Đ") == 210);
	CHECK(glyph_of(f, "ơ") == 355);
	CHECK(glyph_of(f, "ư") == 370);
	CHECK(glyph_of(f, "ệ") == 1713);
	CHECK(glyph_of(f, "ữ") == 1753);
	CHECK(glyph_of(f, "😀") == 0);  /* no emoji */
	CHECK(font_glyph(f, 0x10FFFF) == 0);
	CHECK(font_glyph(f, 0xFFFF) == 0);
	const struct font_info *in = font_get_info(f);
	CHECK(in->units_per_em == 2048);
	CHECK(in->ascent == 891 && in->descent == -216);
	CHECK_STR(in->ps_name, "LiberationSerif");
	CHECK(in->flags & 2);      /* serif */
	CHECK(!(in->flags & 64));  /* upright */
	/* Widths in 1/1000 em: advance × 1000 / 2048, truncated, then summed. */
	CHECK(font_glyph_width(f, 36) == 722);
	CHECK(font_text_width(f, "A", 1) == 722);
	CHECK(font_text_width(f, "AA", 2) == 1444);
	CHECK(font_text_width(f, "", 0) == 0);
	CHECK(font_text_width(f, "A\xFF" "A", 3) == 1444);  /* not UTF-8: nothing */
	CHECK(font_glyph_width(f, 1u << 20) == font_glyph_width(f, 0));
	/* a text's width is its glyphs' widths summed, whatever it holds */
	const char *mixed = "Đảng ữ A😀\xFFệ";
	uint64_t sum = 0;
	for (size_t o = 0, n = strlen(mixed), len; o < n; o += len ? len : 1) {
		uint32_t cp;
		if ((len = utf8_decode(mixed + o, n - o, &cp)) != 0)
			sum += font_glyph_width(f, font_glyph(f, cp));
	}
	CHECK(sum > 0 && font_text_width(f, mixed, strlen(mixed)) == sum);
	/* the glyphs present: up to the first character without one, or a byte that is not UTF-8 */
	CHECK(font_glyphs_prefix(f, "Đảng ữ", strlen("Đảng ữ")) == strlen("Đảng ữ"));
	CHECK(font_glyphs_prefix(f, "Aệ😀B", strlen("Aệ😀B")) == strlen("Aệ"));
	CHECK(font_glyphs_prefix(f, "ab\xFF" "c", 4) == 2);
	CHECK(font_glyphs_prefix(f, "ab", 0) == 0);

	check_subset_roundtrip(f, "Hello", false, 5);  /* .notdef H e l o */
	check_subset_roundtrip(f, "Hello", true, 5);
	check_long_loca(f);
	check_subset_roundtrip(f, samples[3], false, 0);
	check_subset_roundtrip(f, samples[4], true, 0);
	check_subset_roundtrip(f, samples[2], false, 0);
	check_ordered(f);
	check_subset_lookups(f);
	check_subset_add_text(f);

	/* A subset of nothing: .notdef alone, still a font. */
	struct font_subset *s = font_subset_new(f);
	font_subset_add(s, 0x1F600);  /* missing: drawn as .notdef, no glyph added */
	CHECK(font_subset_finish(s, false, &why));
	CHECK(font_subset_count(s) == 1);
	CHECK(font_subset_cid(s, 0x1F600) == 0);
	CHECK(font_subset_cid(s, 'A') == 0);
	size_t n;
	const uint8_t *data = font_subset_data(s, &n);
	struct font *sub = font_parse(data, n, &why);
	CHECK(sub && font_get_info(sub)->n_glyphs == 1);
	font_free(sub);
	font_subset_free(s);

	/* Italic and mono descriptors. */
	struct font *it = font_open(LIB "LiberationSerif-Italic.ttf", &why);
	CHECK(it && font_get_info(it)->italic_angle < 0 && (font_get_info(it)->flags & 64));
	struct font *mono = font_open(LIB "LiberationMono-Regular.ttf", &why);
	CHECK(mono && (font_get_info(mono)->flags & 1));
	CHECK(mono && font_text_width(mono, "iiii", 4) == font_text_width(mono, "MMMM", 4));
}

/* ---- a font made here ---- */

struct table_src {
	const char *tag;
	const uint8_t *data;
	size_t len;
};

static uint8_t *make_font(const struct table_src *t, size_t k, size_t *out)
{
	size_t size = 12 + 16 * k;
	for (size_t i = 0; i < k; i++)
		size += (t[i].len + 3) & ~(size_t)3;
	uint8_t *d = calloc(1, size);
	wr32(d, 0x00010000);
	wr16(d + 4, (unsigned)k);
	size_t pos = 12 + 16 * k;
	for (size_t i = 0; i < k; i++) {
		uint8_t *r = d + 12 + 16 * i;
		memcpy(r, t[i].tag, 4);
		wr32(r + 8, (uint32_t)pos);
		wr32(r + 12, (uint32_t)t[i].len);
		memcpy(d + pos, t[i].data, t[i].len);
		pos += (t[i].len + 3) & ~(size_t)3;
	}
	*out = size;
	return d;
}

/* Glyphs: 0 .notdef and 1 simple (3 instruction bytes); 2 = [1] with
 * instructions; 3 = [2, 1]; 4 = [4] (itself); 5 simple for U+1F600;
 * 6..6+chain-1 a chain of composites each holding the next, ending at 1.
 * Characters: A→1 B→2 C→3 D→4 E→6 😀→5, and Z→1 too (a shared glyph). */
#define MINI_GLYPHS(chain) (6 + (chain))

static size_t simple_glyph(uint8_t *p)
{
	static const uint8_t g[] = {0, 1, 0, 0, 0, 0, 0, 100, 0, 100,  /* 1 contour, bbox */
				    0, 2,                              /* endPts: 3 points */
				    0, 3, 0xB0, 0x01, 0x2A,            /* 3 instruction bytes */
				    1, 1, 1,                           /* flags: on curve, 16-bit coords */
				    0, 0, 0, 100, 0, 0,                /* x */
				    0, 0, 0, 0, 0, 100};               /* y */
	memcpy(p, g, sizeof g);
	return sizeof g;
}

static size_t composite_glyph(uint8_t *p, const unsigned *parts, size_t n, bool instructions)
{
	static const uint8_t head[] = {0xFF, 0xFF, 0, 0, 0, 0, 0, 100, 0, 100};
	memcpy(p, head, sizeof head);
	size_t o = sizeof head;
	for (size_t i = 0; i < n; i++) {
		unsigned flags = 0x0003 | (i + 1 < n ? 0x20 : 0) | (instructions && i + 1 == n ? 0x100 : 0);
		wr16(p + o, flags);
		wr16(p + o + 2, parts[i]);
		wr16(p + o + 4, 0);
		wr16(p + o + 6, 0);
		o += 8;
	}
	if (instructions) {
		wr16(p + o, 2);
		p[o + 2] = 0xB0;
		p[o + 3] = 0x00;
		o += 4;
	}
	return o;
}

static uint8_t *mini_font(unsigned chain, uint16_t fs_type, bool format12, size_t *size)
{
	unsigned n = MINI_GLYPHS(chain);
	uint8_t glyf[64 * 80], loca[4 * 90], hmtx[4 * 90];
	size_t at = 0;
	for (unsigned g = 0; g < n; g++) {
		wr32(loca + 4 * g, (uint32_t)at);
		wr16(hmtx + 4 * g, 100 + 10 * g);  /* advances 100, 110, 120, ... in 1000 units */
		wr16(hmtx + 4 * g + 2, 0);
		unsigned one = 1, two_one[2] = {2, 1}, self = 4, next = g + 1 < n ? g + 1 : 1;
		if (g == 0 || g == 1 || g == 5)
			at += simple_glyph(glyf + at);
		else if (g == 2)
			at += composite_glyph(glyf + at, &one, 1, true);
		else if (g == 3)
			at += composite_glyph(glyf + at, two_one, 2, false);
		else if (g == 4)
			at += composite_glyph(glyf + at, &self, 1, false);
		else
			at += composite_glyph(glyf + at, &next, 1, false);
		if (at % 2)
			glyf[at++] = 0;
	}
	wr32(loca + 4 * n, (uint32_t)at);
	uint8_t head[54] = {0};
	wr32(head, 0x00010000);
	wr32(head + 12, 0x5F0F3CF5);
	wr16(head + 18, 1000);
	wr16(head + 42, 100);
	wr16(head + 50, 1);
	uint8_t hhea[36] = {0};
	wr32(hhea, 0x00010000);
	wr16(hhea + 4, 800);
	wr16(hhea + 6, (unsigned)-200 & 0xFFFF);
	wr16(hhea + 34, n);
	uint8_t maxp[6] = {0, 0, 0x50, 0};
	wr16(maxp + 4, n);
	uint8_t os2[96] = {0};
	wr16(os2 + 4, 400);
	wr16(os2 + 8, fs_type);
	/* cmap: (3,1) format 4 with a glyph id array, and (3,10) format 12 */
	static const uint32_t map[][2] = {{'A', 1}, {'B', 2}, {'C', 3}, {'D', 4}, {'E', 6}, {'Z', 1}, {0x1F600, 5}};
	uint8_t cmap[256] = {0};
	wr16(cmap + 2, format12 ? 2 : 1);
	wr16(cmap + 4, 3), wr16(cmap + 6, 1), wr32(cmap + 8, 20);
	wr16(cmap + 12, 3), wr16(cmap + 14, 10), wr32(cmap + 16, 20 + 64);
	uint8_t *f4 = cmap + 20;
	/* segments: 'A'..'E' through the glyph id array, 'Z' by delta, 0xFFFF */
	wr16(f4, 4), wr16(f4 + 2, 64), wr16(f4 + 6, 6);
	wr16(f4 + 14, 'E'), wr16(f4 + 16, 'Z'), wr16(f4 + 18, 0xFFFF);
	wr16(f4 + 22, 'A'), wr16(f4 + 24, 'Z'), wr16(f4 + 26, 0xFFFF);
	wr16(f4 + 28, 0), wr16(f4 + 30, (1u - 'Z') & 0xFFFF), wr16(f4 + 32, 1);
	wr16(f4 + 34, 6), wr16(f4 + 36, 0), wr16(f4 + 38, 0);  /* 6: from entry 0 to the array */
	for (unsigned i = 0; i < 5; i++)
		wr16(f4 + 40 + 2 * i, map[i][1]);
	uint8_t *f12 = cmap + 20 + 64;
	wr16(f12, 12), wr32(f12 + 4, 16 + 12 * 7), wr32(f12 + 12, 7);
	for (unsigned i = 0; i < 7; i++) {  /* groups sorted by code point */
		static const unsigned order[] = {0, 1, 2, 3, 4, 5, 6};
		wr32(f12 + 16 + 12 * i, map[order[i]][0]);
		wr32(f12 + 20 + 12 * i, map[order[i]][0]);
		wr32(f12 + 24 + 12 * i, map[order[i]][1]);
	}
	const struct table_src t[] = {
		{"OS/2", os2, sizeof os2},      {"cmap", cmap, 20 + 64 + 16 + 12 * 7},
		{"glyf", glyf, at},             {"head", head, sizeof head},
		{"hhea", hhea, sizeof hhea},    {"hmtx", hmtx, 4 * (size_t)n},
		{"loca", loca, 4 * (size_t)n + 4}, {"maxp", maxp, sizeof maxp},
	};
	return make_font(t, COUNT_OF(t), size);
}

static void check_mini(void)
{
	size_t n;
	uint8_t *data = mini_font(3, 0, true, &n);
	const char *why = NULL;
	struct font *f = font_parse(data, n, &why);
	CHECK(f != NULL);
	if (!f) {
		fprintf(stderr, "mini font: %s\n", why);
		free(data);
		return;
	}
	CHECK(font_glyph(f, 'A') == 1 && font_glyph(f, 'B') == 2 && font_glyph(f, 'E') == 6);
	CHECK(font_glyph(f, 'Z') == 1);
	CHECK(font_glyph(f, 0x1F600) == 5);  /* beyond the BMP, from format 12 */
	CHECK(font_glyph(f, 'F') == 0);
	CHECK(font_text_width(f, "AB😀", strlen("AB😀")) == 110 + 120 + 150);
	CHECK_STR(font_get_info(f)->ps_name, "TrueType");  /* no name table */

	/* Nested components and a glyph that holds itself. */
	struct font_subset *s = font_subset_new(f);
	font_subset_add(s, 'C');   /* 3 = [2, 1], 2 = [1] */
	font_subset_add(s, 'D');   /* 4 = [4] */
	font_subset_add(s, 'E');   /* 6 → 7 → 8 → 1 */
	font_subset_add(s, 0x1F600);
	CHECK(font_subset_finish(s, false, &why));
	CHECK(font_subset_count(s) == 9);  /* 0 1 2 3 4 5 6 7 8 */
	CHECK(font_subset_cid(s, 0x1F600) == 5);
	size_t size;
	const uint8_t *sd = font_subset_data(s, &size);
	struct font *sub = font_parse(sd, size, &why);
	CHECK(sub && font_get_info(sub)->n_glyphs == 9);
	font_free(sub);
	font_subset_free(s);

	/* Two characters, one glyph: two CIDs, each with its own character. */
	s = font_subset_new(f);
	font_subset_add(s, 'Z');
	font_subset_add(s, 'A');
	font_subset_add(s, 'B');
	CHECK(font_subset_finish(s, true, &why));
	CHECK(font_subset_count(s) == 4);  /* .notdef, 1 (A), 1 (Z), 2 */
	unsigned a = font_subset_cid(s, 'A'), z = font_subset_cid(s, 'Z');
	CHECK(a == 1 && z == 2);
	CHECK(font_subset_unicode(s, a) == 'A' && font_subset_unicode(s, z) == 'Z');
	CHECK(font_subset_width(s, z) == 110);
	/* with hinting the glyphs are copied as they are, components renumbered */
	uint32_t glyf = 0, glyf_len = 0;
	sd = font_subset_data(s, &size);
	CHECK(find_table(sd, size, "glyf", &glyf, &glyf_len));
	uint8_t simple[64];
	size_t simple_len = simple_glyph(simple);
	CHECK(glyf_len > simple_len && memcmp(sd + glyf, simple, simple_len) == 0);
	font_subset_free(s);

	/* Without hinting: no instructions, shorter glyphs. */
	s = font_subset_new(f);
	font_subset_add(s, 'B');
	CHECK(font_subset_finish(s, false, &why));
	sd = font_subset_data(s, &size);
	uint32_t loca = 0, loca_len = 0;
	CHECK(find_table(sd, size, "glyf", &glyf, &glyf_len) && find_table(sd, size, "loca", &loca, &loca_len));
	CHECK(loca_len == 2 * (3 + 1));
	uint32_t at1 = loca_at(sd, size, loca, 1), at2 = loca_at(sd, size, loca, 2), at3 = loca_at(sd, size, loca, 3);
	const uint8_t *g1 = sd + glyf + at1, *g2 = sd + glyf + at2;
	CHECK(rd16(g1 + 12) == 0);                      /* simple: instructionLength 0 */
	CHECK(at2 - at1 == ((simple_len - 3 + 3) & ~3u));  /* 3 bytes less, padded */
	CHECK(rd16(g2 + 10) == 0x0003 && rd16(g2 + 12) == 1);  /* no WE_HAVE_INSTRUCTIONS, gid 1 */
	CHECK(at3 - at2 == 20);
	font_subset_free(s);
	font_free(f);
	free(data);

	/* Composites nested past the limit: a clean failure. */
	data = mini_font(40, 0, true, &n);
	f = font_parse(data, n, &why);
	CHECK(f != NULL);
	if (f) {
		s = font_subset_new(f);
		font_subset_add(s, 'E');
		why = NULL;
		CHECK(!font_subset_finish(s, false, &why));
		CHECK(why && strstr(why, "nested"));
		CHECK(font_subset_count(s) == 0 && font_subset_cid(s, 'E') == 0);
		font_subset_free(s);
		font_free(f);
	}
	free(data);

	/* Format 4 alone: the glyph id array, a delta, nothing beyond the BMP. */
	data = mini_font(1, 0, false, &n);
	f = font_parse(data, n, &why);
	CHECK(f != NULL);
	if (f) {
		CHECK(font_glyph(f, 'A') == 1 && font_glyph(f, 'C') == 3 && font_glyph(f, 'E') == 6);
		CHECK(font_glyph(f, 'Z') == 1 && font_glyph(f, 'Y') == 0 && font_glyph(f, '@') == 0);
		CHECK(font_glyph(f, 0x1F600) == 0 && font_glyph(f, 0xFFFF) == 0);
		font_free(f);
	}
	free(data);

	/* A licence that forbids embedding. */
	data = mini_font(1, 0x0002, true, &n);
	why = NULL;
	CHECK(font_parse(data, n, &why) == NULL);
	CHECK(why && strstr(why, "embedding"));
	free(data);
}

/* ---- broken fonts ---- */

static uint32_t rng = 12345;
static uint32_t next_random(void)
{
	rng = rng * 1103515245u + 12345u;
	return rng >> 8;
}

/* Whatever the bytes, parsing either fails with a reason or gives a font
 * whose lookups and subsets work or fail with a reason. */
static bool exercise(const uint8_t *data, size_t n)
{
	const char *why = NULL;
	struct font *f = font_parse(data, n, &why);
	if (!f)
		return why != NULL && *why;
	static const char text[] = "Aa Đảng ệ ữ Đ ơ ư ẫ 😀 “”";
	struct font_subset *s = font_subset_new(f);
	subset_add_text(s, text);
	font_text_width(f, text, sizeof text - 1);
	bool ok = true;
	why = NULL;
	if (font_subset_finish(s, false, &why)) {
		size_t size;
		const uint8_t *sd = font_subset_data(s, &size);
		struct font *back = font_parse(sd, size, &why);
		font_free(back);
	} else {
		ok = why != NULL;
	}
	font_subset_free(s);
	font_free(f);
	return ok;
}

static void check_broken(void)
{
	size_t n;
	uint8_t *font = slurp(LIB "LiberationSerif-Regular.ttf", &n);
	CHECK(font != NULL);
	if (!font)
		return;
	const char *why = NULL;
	/* truncated anywhere */
	int bad = 0, loaded = 0;
	static const size_t cuts[] = {0, 1, 4, 11, 12, 27, 28, 200, 400, 500, 4000, 11000, 16000, 26556, 30000};
	for (size_t i = 0; i < COUNT_OF(cuts); i++)
		bad += !exercise(font, cuts[i]);
	for (size_t cut = 0; cut < n; cut += 9973) {
		struct font *f = font_parse(font, cut, &why);
		loaded += f != NULL;
		font_free(f);
		bad += !exercise(font, cut);
	}
	CHECK(bad == 0);
	CHECK(loaded > 0);  /* cut past every table used, it still loads */
	CHECK(font_parse(font, 100, &why) == NULL && strstr(why, "truncated"));

	/* garbage */
	uint8_t *junk = malloc(1 << 16);
	for (int round = 0; round < 200; round++) {
		size_t len = next_random() % (1 << 16);
		for (size_t i = 0; i < len; i++)
			junk[i] = (uint8_t)next_random();
		if (round % 2) {  /* a plausible header over the junk */
			wr32(junk, 0x00010000);
			wr16(junk + 4, 1 + next_random() % 20);
		}
		bad += !exercise(junk, len < 12 && round % 2 ? 12 : len);
	}
	free(junk);
	CHECK(bad == 0);
	CHECK(font_parse("OTTO\0\0\0\0\0\0\0\0", 12, &why) == NULL && strstr(why, "CFF"));
	CHECK(font_parse("ttcf\0\0\0\0\0\0\0\0", 12, &why) == NULL && strstr(why, "collections"));
	CHECK(font_parse("GIF89a\0\0\0\0\0\0", 12, &why) == NULL && strstr(why, "TrueType"));

	/* bad offsets: a table past the end, glyph offsets going backwards, a
	 * component that does not exist, a cmap segment count too large */
	uint8_t *copy = malloc(n);
	uint32_t off = 0, len = 0;
	memcpy(copy, font, n);
	for (unsigned i = 0; i < rd16(copy + 4); i++)
		if (memcmp(copy + 12 + 16 * i, "cmap", 4) == 0)
			wr32(copy + 12 + 16 * i + 8, (uint32_t)n - 10);
	CHECK(font_parse(copy, n, &why) == NULL && strstr(why, "truncated"));

	memcpy(copy, font, n);
	struct font *f = font_parse(copy, n, &why);
	unsigned e_gid = f ? glyph_of(f, "ệ") : 0, a_gid = f ? glyph_of(f, "a") : 0;
	font_free(f);
	uint32_t head = 0, head_len = 0;
	CHECK(find_table(copy, n, "head", &head, &head_len) && find_table(copy, n, "loca", &off, &len));
	bool long_loca = rd16(copy + head + 50) == 1;
	if (long_loca)
		wr32(copy + off + 4 * a_gid, 0x7FFFFFF0);  /* 'a' starts past its end */
	else
		wr16(copy + off + 2 * a_gid, 0xFFFF);
	f = font_parse(copy, n, &why);
	CHECK(f != NULL);
	if (f) {
		struct font_subset *s = font_subset_new(f);
		font_subset_add(s, 'a');
		why = NULL;
		CHECK(!font_subset_finish(s, false, &why) && why && strstr(why, "glyph data"));
		font_subset_free(s);
		font_free(f);
	}

	memcpy(copy, font, n);
	uint32_t glyf = 0, glyf_len = 0;
	CHECK(find_table(copy, n, "glyf", &glyf, &glyf_len));
	uint32_t e_at = glyf + (long_loca ? rd32(copy + off + 4 * e_gid) : 2u * rd16(copy + off + 2 * e_gid));
	CHECK((int16_t)rd16(copy + e_at) < 0);        /* ệ is composite in Liberation */
	wr16(copy + e_at + 12, 0xFFF0);                /* its first component: no such glyph */
	f = font_parse(copy, n, &why);
	CHECK(f != NULL);  /* glyph data is read when a subset asks for it */
	if (f) {
		struct font_subset *s = font_subset_new(f);
		font_subset_add(s, 0x1EC7);
		CHECK(!font_subset_finish(s, true, &why));
		font_subset_free(s);
		font_free(f);
	}
	wr16(copy + e_at + 12, e_gid);                 /* ...itself: a loop, which ends */
	f = font_parse(copy, n, &why);
	CHECK(f != NULL);
	if (f) {
		struct font_subset *s = font_subset_new(f);
		font_subset_add(s, 0x1EC7);
		CHECK(font_subset_finish(s, true, &why));
		font_subset_free(s);
		font_free(f);
	}

	memcpy(copy, font, n);
	CHECK(find_table(copy, n, "cmap", &off, &len));
	for (unsigned i = 0; i < rd16(copy + off + 2); i++) {
		uint32_t sub = off + rd32(copy + off + 8 + 8 * i);
		if (rd16(copy + sub) == 4)
			wr16(copy + sub + 6, 0xFFFE);
	}
	CHECK(font_parse(copy, n, &why) == NULL && strstr(why, "cmap"));

	/* random damage to the first 30 KB: directory, head, hhea, maxp, OS/2,
	 * hmtx, cmap, loca and the first glyphs */
	for (int round = 0; round < 300; round++) {
		memcpy(copy, font, n);
		int flips = 1 + (int)(next_random() % 8);
		for (int k = 0; k < flips; k++)
			copy[next_random() % 30000] = (uint8_t)next_random();
		bad += !exercise(copy, n);
	}
	CHECK(bad == 0);
	free(copy);
	free(font);

	/* files */
	CHECK(font_open("/nonexistent/x.ttf", &why) == NULL && strstr(why, "no such file"));
	CHECK(font_open("/tmp", &why) == NULL && strstr(why, "regular file"));
}

/* A file in memory handed out a part at a time, counting what is read. */
struct parts {
	const uint8_t *data;
	size_t size, read, reads;
	size_t fail_from;  /* a read reaching past this fails */
};

static const char *parts_read(void *ctx, uint8_t *into, uint32_t off, uint32_t len)
{
	struct parts *p = ctx;
	CHECK((uint64_t)off + len <= p->size);
	if ((uint64_t)off + len > p->size || off + len > p->fail_from)
		return "cannot read";
	memcpy(into, p->data + off, len);
	p->read += len;
	p->reads++;
	return NULL;
}

static uint8_t *subset_of(struct font *f, const char *text, size_t *size, const char **why)
{
	struct font_subset *s = font_subset_new(f);
	subset_add_text(s, text);
	uint8_t *copy = NULL;
	if (font_subset_finish(s, false, why)) {
		const uint8_t *data = font_subset_data(s, size);
		copy = xmalloc(*size);
		memcpy(copy, data, *size);
	}
	font_subset_free(s);
	return copy;
}

static void check_read_in_parts(void)
{
	size_t n = 0;
	uint8_t *file = slurp(LIB "LiberationSerif-Regular.ttf", &n);
	CHECK(file != NULL);
	if (!file)
		return;
	const char *why = NULL, *text = samples[2];
	struct font *whole = font_parse(file, n, &why);
	size_t want_size = 0, got_size = 0;
	uint8_t *want = whole ? subset_of(whole, text, &want_size, &why) : NULL;
	CHECK(want != NULL);

	struct parts p = {file, n, 0, 0, SIZE_MAX};
	struct font *f = font_parse_reader(n, (struct font_reader){parts_read, NULL, NULL, &p}, true, &why);
	CHECK(f != NULL);
	size_t at_open = p.read;
	CHECK(at_open > 0 && at_open < n / 8);  /* not the glyph data, nor GPOS, kern or post */
	uint8_t *got = f ? subset_of(f, text, &got_size, &why) : NULL;
	CHECK(got && got_size == want_size && memcmp(got, want, want_size) == 0);
	CHECK(p.read > at_open && p.read < n / 4);  /* the pages of the glyphs used */
	size_t again = p.read;
	free(got);
	got = f ? subset_of(f, text, &got_size, &why) : NULL;
	CHECK(got && p.read == again);  /* pages are read once */
	free(got);
	font_free(f);

	/* reads of glyph data failing, at glyf's first page or in its
	 * middle: the subset fails with the reader's reason */
	for (uint32_t cut = 0; cut < 2; cut++) {
		p = (struct parts){file, n, 0, 0, SIZE_MAX};
		f = font_parse_reader(n, (struct font_reader){parts_read, NULL, NULL, &p}, true, &why);
		CHECK(f != NULL);
		if (!f)
			break;
		p.fail_from = f->glyf.off + (cut ? f->glyf.len / 2 : 0);
		why = NULL;
		got = subset_of(f, text, &got_size, &why);
		CHECK(got == NULL && why && strcmp(why, "cannot read") == 0);
		font_free(f);
	}

	/* a file that changes after it is opened: its glyphs are not taken */
	char path[] = "/tmp/chuyende-font-XXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	if (fd >= 0) {
		CHECK(write(fd, file, n) == (ssize_t)n);
		CHECK(close(fd) == 0);
		f = font_open(path, &why);
		CHECK(f != NULL && f->mapped);  /* read where the kernel holds it */
		FILE *w = fopen(path, "ab");
		CHECK(w && fputs("more", w) >= 0 && fclose(w) == 0);
		why = NULL;
		got = f ? subset_of(f, text, &got_size, &why) : NULL;
		CHECK(got == NULL && why && strstr(why, "changed"));
		free(got);
		unlink(path);
	}
	free(want);
	font_free(whole);
	free(file);
}

/* A mapped font cut shorter while in use: the SIGBUS of touching the lost
 * part ends the run as a system error (status 3, the reason on standard
 * error), the run's temporary files removed. */
static void check_cut_short(void)
{
	size_t n = 0;
	uint8_t *file = slurp(LIB "LiberationSerif-Regular.ttf", &n);
	char dir[] = "/tmp/chuyende-cut-XXXXXX";
	CHECK(file != NULL && mkdtemp(dir) != NULL);
	char font[sizeof dir + 16], temp[sizeof dir + 16];
	snprintf(font, sizeof font, "%s/f.ttf", dir);
	FILE *w = fopen(font, "wb");
	CHECK(w && fwrite(file, 1, n, w) == n && fclose(w) == 0);
	free(file);  /* before the fork: the child ends in _exit, and valgrind counts what it still holds */
	int err[2];
	CHECK(pipe(err) == 0);
	fflush(NULL);
	pid_t pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		dup2(err[1], 2);
		os_cleanup_on_interrupt();
		snprintf(temp, sizeof temp, "%s/.out-XXXXXX", dir);
		int slot = -1, fd = os_create_temp(temp, 0644, &slot);
		const char *why = NULL;
		struct font *f = font_open(font, &why);
		if (fd < 0 || !f || !f->mapped || truncate(font, 4096) != 0)
			_exit(2);
		size_t size = 0;
		subset_of(f, samples[2], &size, &why);  /* touches glyf, now past the end */
		_exit(0);
	}
	close(err[1]);
	char said[512] = "";
	size_t got = 0;
	for (ssize_t r; got < sizeof said - 1 && (r = read(err[0], said + got, sizeof said - 1 - got)) > 0;)
		got += (size_t)r;
	said[got] = '\0';
	close(err[0]);
	int status = 0;
	CHECK(waitpid(pid, &status, 0) == pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 3);
	CHECK(strstr(said, "[FONT_FAILED]") && strstr(said, "a font file was cut short while being read"));
	CHECK(unlink(font) == 0);
	CHECK(rmdir(dir) == 0);  /* empty: the temporary file is gone */
}

int main(void)
{
	check_against_libharu();
	check_liberation();
	check_mini();
	check_broken();
	check_read_in_parts();
	check_cut_short();
	return unit_done("font");
}
