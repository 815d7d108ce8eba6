#include "legacy.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "text.h"
#include "util.h"

/* Windows-1252 at 0x80..0x9F (0: a hole): how legacy bytes became mojibake,
 * and the punctuation (Word's quotes and dashes) legacy files hold there. */
static const uint16_t cp1252_c1[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

/* TCVN3 bytes 0x80..0xFF. From 0xA0 this is TCVN 5712:1993 VN1, as glibc's
 * TCVN5712-1; 0x80..0x9F keeps Windows-1252's punctuation, which .VnTime
 * documents hold there, and VN1's letters only in its five holes. */
static const uint16_t tcvn3_high[128] = {
	0x20AC, 0x1EA2, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,  /* 80 */
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x00CC, 0x017D, 0x0128,  /* 88 */
	0x00CD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  /* 90 */
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x00D9, 0x017E, 0x0178,  /* 98 */
	0x00A0, 0x0102, 0x00C2, 0x00CA, 0x00D4, 0x01A0, 0x01AF, 0x0110,  /* A0 */
	0x0103, 0x00E2, 0x00EA, 0x00F4, 0x01A1, 0x01B0, 0x0111, 0x1EB0,  /* A8 */
	0x0300, 0x0309, 0x0303, 0x0301, 0x0323, 0x00E0, 0x1EA3, 0x00E3,  /* B0 */
	0x00E1, 0x1EA1, 0x1EB2, 0x1EB1, 0x1EB3, 0x1EB5, 0x1EAF, 0x1EB4,  /* B8 */
	0x1EAE, 0x1EA6, 0x1EA8, 0x1EAA, 0x1EA4, 0x1EC0, 0x1EB7, 0x1EA7,  /* C0 */
	0x1EA9, 0x1EAB, 0x1EA5, 0x1EAD, 0x00E8, 0x1EC2, 0x1EBB, 0x1EBD,  /* C8 */
	0x00E9, 0x1EB9, 0x1EC1, 0x1EC3, 0x1EC5, 0x1EBF, 0x1EC7, 0x00EC,  /* D0 */
	0x1EC9, 0x1EC4, 0x1EBE, 0x1ED2, 0x0129, 0x00ED, 0x1ECB, 0x00F2,  /* D8 */
	0x1ED4, 0x1ECF, 0x00F5, 0x00F3, 0x1ECD, 0x1ED3, 0x1ED5, 0x1ED7,  /* E0 */
	0x1ED1, 0x1ED9, 0x1EDD, 0x1EDF, 0x1EE1, 0x1EDB, 0x1EE3, 0x00F9,  /* E8 */
	0x1ED6, 0x1EE7, 0x0169, 0x00FA, 0x1EE5, 0x1EEB, 0x1EED, 0x1EEF,  /* F0 */
	0x1EE9, 0x1EF1, 0x1EF3, 0x1EF7, 0x1EF9, 0x00FD, 0x1EF5, 0x1ED0,  /* F8 */
};

/* Bytes only VN1 uses (upper-case toned letters, combining marks): the ABC
 * subset (VN3) that .VnTime fonts follow has none of them. */
static bool tcvn3_rare(unsigned char b)
{
	static const char rare[] = "\x81\x8D\x8F\x90\x9D\xAF\xB0\xB1\xB2\xB3\xB4\xBA\xBF\xC0\xC1\xC2"
		"\xC3\xC4\xC5\xCD\xD9\xDA\xDB\xE0\xF0\xFF";
	return b >= 0x80 && strchr(rare, b) != NULL;
}

/* Windows-1258 bytes 0x80..0xFF (0: undefined), as glibc's CP1258. */
static const uint16_t cp1258_high[128] = {
	0x20AC, 0x0000, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,  /* 80 */
	0x02C6, 0x2030, 0x0000, 0x2039, 0x0152, 0x0000, 0x0000, 0x0000,  /* 88 */
	0x0000, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  /* 90 */
	0x02DC, 0x2122, 0x0000, 0x203A, 0x0153, 0x0000, 0x0000, 0x0178,  /* 98 */
	0x00A0, 0x00A1, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7,  /* A0 */
	0x00A8, 0x00A9, 0x00AA, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF,  /* A8 */
	0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7,  /* B0 */
	0x00B8, 0x00B9, 0x00BA, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x00BF,  /* B8 */
	0x00C0, 0x00C1, 0x00C2, 0x0102, 0x00C4, 0x00C5, 0x00C6, 0x00C7,  /* C0 */
	0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x0300, 0x00CD, 0x00CE, 0x00CF,  /* C8 */
	0x0110, 0x00D1, 0x0309, 0x00D3, 0x00D4, 0x01A0, 0x00D6, 0x00D7,  /* D0 */
	0x00D8, 0x00D9, 0x00DA, 0x00DB, 0x00DC, 0x01AF, 0x0303, 0x00DF,  /* D8 */
	0x00E0, 0x00E1, 0x00E2, 0x0103, 0x00E4, 0x00E5, 0x00E6, 0x00E7,  /* E0 */
	0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x0301, 0x00ED, 0x00EE, 0x00EF,  /* E8 */
	0x0111, 0x00F1, 0x0323, 0x00F3, 0x00F4, 0x01A1, 0x00F6, 0x00F7,  /* F0 */
	0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x01B0, 0x20AB, 0x00FF,  /* F8 */
};

/* Windows-1258's combining tone marks, by tone. */
static const unsigned char cp1258_tone[TONE_COUNT] = {0, 0xCC, 0xEC, 0xD2, 0xDE, 0xF2};

/* VNI Windows: a vowel (a e o u y, or the single bytes of ơ ư) followed by
 * one mark byte that adds a circumflex or a breve and a tone. The
 * lower-case marks are listed; upper-case ones are 0x20 lower. */
enum vni_shape { SHAPE_NONE, SHAPE_CIRCUMFLEX, SHAPE_BREVE };
static const struct vni_mark {
	unsigned char byte;
	unsigned char shape;   /* enum vni_shape */
	unsigned char tone;    /* enum viet_tone */
} vni_marks[] = {
	{0xF8, SHAPE_NONE, TONE_GRAVE}, {0xF9, SHAPE_NONE, TONE_ACUTE}, {0xFB, SHAPE_NONE, TONE_HOOK},
	{0xF5, SHAPE_NONE, TONE_TILDE}, {0xEF, SHAPE_NONE, TONE_DOT},
	{0xE2, SHAPE_CIRCUMFLEX, TONE_NONE}, {0xE0, SHAPE_CIRCUMFLEX, TONE_GRAVE},
	{0xE1, SHAPE_CIRCUMFLEX, TONE_ACUTE}, {0xE5, SHAPE_CIRCUMFLEX, TONE_HOOK},
	{0xE3, SHAPE_CIRCUMFLEX, TONE_TILDE}, {0xE4, SHAPE_CIRCUMFLEX, TONE_DOT},
	{0xEA, SHAPE_BREVE, TONE_NONE}, {0xE8, SHAPE_BREVE, TONE_GRAVE}, {0xE9, SHAPE_BREVE, TONE_ACUTE},
	{0xFA, SHAPE_BREVE, TONE_HOOK}, {0xFC, SHAPE_BREVE, TONE_TILDE}, {0xEB, SHAPE_BREVE, TONE_DOT},
};

/* VNI letters in one byte (lower case; upper case is 0x20 lower). */
static const struct vni_single {
	unsigned char byte;
	unsigned char vowel;   /* enum viet_vowel, or VOWEL_COUNT for đ */
	unsigned char tone;
} vni_singles[] = {
	{0xEC, VOWEL_I, TONE_GRAVE}, {0xED, VOWEL_I, TONE_ACUTE}, {0xE6, VOWEL_I, TONE_HOOK},
	{0xF3, VOWEL_I, TONE_TILDE}, {0xF2, VOWEL_I, TONE_DOT}, {0xEE, VOWEL_Y, TONE_DOT},
	{0xF4, VOWEL_OW, TONE_NONE}, {0xF6, VOWEL_UW, TONE_NONE}, {0xF1, VOWEL_COUNT, TONE_NONE},
};

static const char *const names[LEGACY_COUNT] = {NULL, "tcvn3", "vni", "cp1258"};
static const char *const labels[LEGACY_COUNT] = {"Unicode", "TCVN3 (ABC)", "VNI Windows", "Windows-1258"};

const char *legacy_name(enum legacy e)
{
	return names[e];
}

const char *legacy_label(enum legacy e)
{
	return labels[e];
}

bool legacy_parse(const char *name, enum legacy *e)
{
	for (int i = LEGACY_TCVN3; i < LEGACY_COUNT; i++)
		if (strcmp(name, names[i]) == 0) {
			*e = (enum legacy)i;
			return true;
		}
	return false;
}

/* ---- bytes ---------------------------------------------------------- */

static bool all_ascii(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return false;
	return true;
}

/* The Windows-1252 byte of a character from 0x80 up, or -1. */
static int windows_byte(uint32_t cp)
{
	if (cp >= 0xA0 && cp < 0x100)
		return (int)cp;
	for (int i = 0; i < 32; i++)
		if (cp1252_c1[i] && cp1252_c1[i] == cp)
			return 0x80 + i;
	return -1;
}

/* The byte a code point stands for when Windows-1252 was read into it (or
 * Latin-1, whose C1 controls fill Windows-1252's holes), or -1. */
static int cp1252_byte(uint32_t cp)
{
	return cp < 0x100 ? (int)cp : windows_byte(cp);
}

/* The legacy bytes s stands for: s itself when it is not valid UTF-8, else
 * its code points folded back through Windows-1252 (mojibake). False when
 * a code point has no byte there: real Unicode text. */
static bool legacy_bytes(const char *s, size_t n, struct buf *out)
{
	if (utf8_invalid_at(s, n) < n) {
		buf_add(out, s, n);
		return true;
	}
	for (size_t i = 0; i < n;) {
		uint32_t cp = 0;  /* s is valid UTF-8 here, which the compiler cannot tell */
		size_t len = utf8_decode(s + i, n - i, &cp);
		int b = cp1252_byte(cp);
		if (b < 0)
			return false;
		buf_addc(out, (char)b);
		i += len;
	}
	return true;
}

static void add_cp(struct buf *out, uint32_t cp)
{
	char enc[4];
	buf_add(out, enc, utf8_encode(cp, enc));
}

/* What a decoder makes of a byte its encoding leaves unused when it
 * judges (strict): U+FFFD, which spoils the word it sits in. */
#define UNUSED_BYTE 0xFFFD

/* A byte of none of the encodings' letters read as Windows-1252; a hole
 * is U+FFFD. */
static void add_cp1252(struct buf *out, unsigned char b)
{
	uint32_t cp = b;
	if (b >= 0x80 && b < 0xA0)
		cp = cp1252_c1[b - 0x80];
	add_cp(out, cp ? cp : UNUSED_BYTE);
}

/* ---- TCVN3 ---------------------------------------------------------- */

static bool in_phrase(unsigned char b)
{
	return b == ' ' || (b >= '0' && b <= '9') || ((b | 0x20) >= 'a' && (b | 0x20) <= 'z') || b >= 0xA1;
}

/* Whether the phrase (letters, digits, spaces) at b is in capitals: at
 * least two letters whose case TCVN3 tells, all upper case. *end gets its
 * length. Toned letters have no upper case in ABC: .VnTimeH fonts draw the
 * lower-case bytes as capitals. */
static bool upper_phrase(const unsigned char *b, size_t n, size_t *end)
{
	size_t upper = 0, lower = 0, i;
	for (i = 0; i < n && in_phrase(b[i]); i++) {
		if ((b[i] >= 'A' && b[i] <= 'Z') || (b[i] >= 0xA1 && b[i] <= 0xA7))
			upper++;
		else if ((b[i] >= 'a' && b[i] <= 'z') || (b[i] >= 0xA8 && b[i] <= 0xAE))
			lower++;
	}
	*end = i;
	return upper >= 2 && lower == 0;
}

static void decode_tcvn3(const unsigned char *b, size_t n, struct buf *out, bool strict)
{
	size_t phrase_end = 0;
	bool upper = false;
	for (size_t i = 0; i < n; i++) {
		if (i >= phrase_end) {
			size_t len = 1;
			upper = in_phrase(b[i]) && upper_phrase(b + i, n - i, &len);
			phrase_end = i + len;
		}
		if (b[i] < 0x80) {
			buf_addc(out, (char)b[i]);
			continue;
		}
		uint32_t cp = tcvn3_high[b[i] - 0x80];
		bool rare = tcvn3_rare(b[i]);
		if (rare && strict)
			cp = UNUSED_BYTE;
		else if (upper && b[i] >= 0xB5 && !rare)
			cp = (uint32_t)utf8proc_toupper((utf8proc_int32_t)cp);
		add_cp(out, cp);
	}
}

/* ---- VNI ------------------------------------------------------------ */

static const struct vni_mark *vni_mark_of(unsigned char b, bool *upper)
{
	*upper = b < 0xE0;
	unsigned char lower = b >= 0xC0 ? (unsigned char)(b | 0x20) : 0;
	for (size_t i = 0; i < COUNT_OF(vni_marks); i++)
		if (vni_marks[i].byte == lower)
			return &vni_marks[i];
	return NULL;
}

static const struct vni_single *vni_single_of(unsigned char b, bool *upper)
{
	*upper = b < 0xE0;
	unsigned char lower = b >= 0xC0 ? (unsigned char)(b | 0x20) : 0;
	for (size_t i = 0; i < COUNT_OF(vni_singles); i++)
		if (vni_singles[i].byte == lower)
			return &vni_singles[i];
	return NULL;
}

/* The vowel a VNI byte is, when marks may follow it. */
static bool vni_base(unsigned char b, enum viet_vowel *v, bool *upper)
{
	static const char bases[] = "aeouy";
	static const enum viet_vowel vowels[] = {VOWEL_A, VOWEL_E, VOWEL_O, VOWEL_U, VOWEL_Y};
	const char *at = b < 0x80 && b ? strchr(bases, b | 0x20) : NULL;
	if (at) {
		*v = vowels[at - bases];
		*upper = b < 'a';
		return true;
	}
	const struct vni_single *s = vni_single_of(b, upper);
	if (s && (s->vowel == VOWEL_OW || s->vowel == VOWEL_UW)) {
		*v = (enum viet_vowel)s->vowel;
		return true;
	}
	return false;
}

/* v with a circumflex or a breve added, or VOWEL_COUNT when it takes none. */
static enum viet_vowel with_shape(enum viet_vowel v, enum vni_shape shape)
{
	if (shape == SHAPE_NONE)
		return v;
	if (shape == SHAPE_BREVE)
		return v == VOWEL_A ? VOWEL_AW : VOWEL_COUNT;
	return v == VOWEL_A ? VOWEL_AA : v == VOWEL_E ? VOWEL_EE : v == VOWEL_O ? VOWEL_OO : VOWEL_COUNT;
}

/* The letter a base byte and the mark byte after it make; 0 when they
 * make none (the case of both must agree). */
static uint32_t vni_pair(unsigned char base, unsigned char mark)
{
	enum viet_vowel v;
	bool upper, mark_upper;
	const struct vni_mark *m = vni_mark_of(mark, &mark_upper);
	if (!m || !vni_base(base, &v, &upper) || upper != mark_upper)
		return 0;
	enum viet_vowel shaped = with_shape(v, (enum vni_shape)m->shape);
	return shaped == VOWEL_COUNT ? 0 : viet_letter(shaped, (enum viet_tone)m->tone, upper);
}

static void decode_vni(const unsigned char *b, size_t n, struct buf *out, bool strict)
{
	for (size_t i = 0; i < n; i++) {
		uint32_t pair = i + 1 < n ? vni_pair(b[i], b[i + 1]) : 0;
		bool upper;
		const struct vni_single *s;
		if (pair) {
			add_cp(out, pair);
			i++;
		} else if (b[i] < 0x80) {
			buf_addc(out, (char)b[i]);
		} else if ((s = vni_single_of(b[i], &upper)) != NULL) {
			add_cp(out, s->vowel == VOWEL_COUNT ? (upper ? 0x0110 : 0x0111)
							    : viet_letter((enum viet_vowel)s->vowel, (enum viet_tone)s->tone, upper));
		} else if (strict && vni_mark_of(b[i], &upper)) {
			add_cp(out, UNUSED_BYTE);  /* a mark with no vowel before it */
		} else {
			add_cp1252(out, b[i]);
		}
	}
}

/* ---- Windows-1258 ------------------------------------------------------ */

static void decode_cp1258(const unsigned char *b, size_t n, struct buf *out)
{
	for (size_t i = 0; i < n; i++) {
		uint32_t cp = b[i] < 0x80 ? b[i] : cp1258_high[b[i] - 0x80];
		add_cp(out, cp ? cp : UNUSED_BYTE);
	}
}

/* ---- decoding --------------------------------------------------------- */

/* Decodes bytes into NFC UTF-8; strict marks the bytes e leaves unused
 * (VN1's extras in ABC text, a VNI mark after no vowel) as U+FFFD. */
static char *decode_bytes(enum legacy e, const struct buf *bytes, size_t *out_len, bool strict)
{
	const unsigned char *b = (const unsigned char *)bytes->data;
	struct buf out = {0};
	if (e == LEGACY_TCVN3)
		decode_tcvn3(b, bytes->len, &out, strict);
	else if (e == LEGACY_VNI)
		decode_vni(b, bytes->len, &out, strict);
	else
		decode_cp1258(b, bytes->len, &out);
	/* TCVN3 and Windows-1258 have combining marks */
	char *nfc = text_nfc(out.data ? out.data : "", out.len, out_len);
	buf_free(&out);
	return nfc;
}

static size_t bom_length(const char *s, size_t n)
{
	return n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

char *legacy_decode(enum legacy e, const char *s, size_t n, size_t *out_len)
{
	size_t bom = bom_length(s, n);
	struct buf bytes = {0};
	if (e == LEGACY_NONE || !legacy_bytes(s + bom, n - bom, &bytes)) {
		buf_free(&bytes);
		return NULL;
	}
	size_t len;
	char *text = decode_bytes(e, &bytes, &len, false);
	buf_free(&bytes);
	char *out = xmalloc(bom + len + 1);
	memcpy(out, s, bom);
	memcpy(out + bom, text, len + 1);
	free(text);
	if (out_len)
		*out_len = bom + len;
	return out;
}

/* ---- encoding --------------------------------------------------------- */

/* The byte of table (0x80..0xFF) that is cp, or -1; TCVN3's rare bytes are
 * left out, ABC has no use for them. */
static int byte_in(const uint16_t *table, uint32_t cp, bool tcvn3)
{
	for (int i = 0; i < 128; i++)
		if (table[i] == cp && !(tcvn3 && tcvn3_rare((unsigned char)(0x80 + i))))
			return 0x80 + i;
	return -1;
}

static bool encode_tcvn3(uint32_t cp, struct buf *out)
{
	int b = byte_in(tcvn3_high, cp, true);
	if (b < 0)  /* an upper-case toned letter: ABC writes the lower-case one */
		b = byte_in(tcvn3_high, (uint32_t)utf8proc_tolower((utf8proc_int32_t)cp), true);
	if (b >= 0)
		buf_addc(out, (char)b);
	return b >= 0;
}

/* The VNI byte that carries shape and tone, or 0. */
static unsigned char vni_mark_byte(enum vni_shape shape, enum viet_tone tone, bool upper)
{
	for (size_t i = 0; i < COUNT_OF(vni_marks); i++)
		if (vni_marks[i].shape == shape && vni_marks[i].tone == tone)
			return (unsigned char)(vni_marks[i].byte - (upper ? 0x20 : 0));
	return 0;
}

static bool encode_vni_vowel(enum viet_vowel v, enum viet_tone t, bool upper, struct buf *out)
{
	for (size_t i = 0; i < COUNT_OF(vni_singles); i++)
		if (vni_singles[i].vowel == v && (vni_singles[i].tone == t || v == VOWEL_OW || v == VOWEL_UW)) {
			buf_addc(out, (char)(vni_singles[i].byte - (upper ? 0x20 : 0)));
			if (vni_singles[i].tone != t)
				buf_addc(out, (char)vni_mark_byte(SHAPE_NONE, t, upper));
			return true;
		}
	static const char base[VOWEL_COUNT] = "aaaeeiooouuy";
	enum vni_shape shape = v == VOWEL_AW ? SHAPE_BREVE
		: v == VOWEL_AA || v == VOWEL_EE || v == VOWEL_OO ? SHAPE_CIRCUMFLEX : SHAPE_NONE;
	buf_addc(out, (char)(upper ? base[v] - 0x20 : base[v]));
	if (shape != SHAPE_NONE || t != TONE_NONE)
		buf_addc(out, (char)vni_mark_byte(shape, t, upper));
	return true;
}

/* Bytes VNI gives to letters and marks: no other character may take them. */
static bool vni_used(unsigned char b)
{
	bool upper;
	return vni_mark_of(b, &upper) || vni_single_of(b, &upper);
}

static bool encode_vni(uint32_t cp, struct buf *out)
{
	enum viet_vowel v;
	enum viet_tone t;
	bool upper;
	if (cp == 0x0110 || cp == 0x0111) {
		buf_addc(out, cp == 0x0110 ? '\xD1' : '\xF1');
		return true;
	}
	if (viet_vowel_of(cp, &v, &t, &upper))
		return encode_vni_vowel(v, t, upper, out);
	int b = windows_byte(cp);
	if (b < 0 || vni_used((unsigned char)b))
		return false;
	buf_addc(out, (char)b);
	return true;
}

static bool encode_cp1258(uint32_t cp, struct buf *out)
{
	int b = byte_in(cp1258_high, cp, false);
	enum viet_vowel v;
	enum viet_tone t;
	bool upper;
	if (b < 0 && viet_vowel_of(cp, &v, &t, &upper) && t != TONE_NONE) {
		/* not precomposed in Windows-1258: the base letter, then the tone */
		uint32_t base = viet_letter(v, TONE_NONE, upper);
		int base_byte = base < 0x80 ? (int)base : byte_in(cp1258_high, base, false);
		if (base_byte < 0)
			return false;
		buf_addc(out, (char)base_byte);
		b = cp1258_tone[t];
	}
	if (b > 0)
		buf_addc(out, (char)b);
	return b > 0;
}

char *legacy_encode(enum legacy e, const char *s, size_t n, size_t *out_len)
{
	size_t len;
	char *nfc = text_nfc(s, n, &len);
	struct buf out = {0};
	bool ok = e != LEGACY_NONE;
	for (size_t i = 0; ok && i < len;) {
		uint32_t cp;
		size_t step = utf8_decode(nfc + i, len - i, &cp);
		if (!step)
			ok = false;
		else if (cp < 0x80)
			buf_addc(&out, (char)cp);
		else
			ok = e == LEGACY_TCVN3 ? encode_tcvn3(cp, &out)
			   : e == LEGACY_VNI ? encode_vni(cp, &out) : encode_cp1258(cp, &out);
		i += step;
	}
	free(nfc);
	if (!ok) {
		buf_free(&out);
		return NULL;
	}
	buf_grow(&out, 0);
	if (out_len)
		*out_len = out.len;
	return out.data;
}

/* ---- telling them apart ------------------------------------------------ */

/* Spaces and punctuation end a word; symbols (© ¬ ±) do not: mojibake
 * puts them inside words ("nh©n"). */
static bool separates(uint32_t cp)
{
	if (cp < 0x80)
		return !((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') && !(cp >= '0' && cp <= '9');
	utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
	return (c >= UTF8PROC_CATEGORY_PC && c <= UTF8PROC_CATEGORY_PO) ||
	       (c >= UTF8PROC_CATEGORY_ZS && c <= UTF8PROC_CATEGORY_ZP);
}

/* Letters, marks and digits: what a word is made of, past the symbols at
 * its ends. */
static bool wordlike(uint32_t cp)
{
	utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
	return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_ND);
}

/* Judges the word s[0..n): only a word with non-ASCII characters is
 * evidence, good when it is a Vietnamese syllable; one with a byte the
 * reading leaves unused is bad. */
static void judge_word(const char *s, size_t n, struct legacy_tally *t, enum legacy r)
{
	size_t first = n, last = 0;
	bool unused = false;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = utf8_decode(s + i, n - i, &cp);
		if (!len)  /* never: every reading is valid UTF-8; but no endless loop */
			cp = UNUSED_BYTE, len = 1;
		unused |= cp == UNUSED_BYTE;
		if (wordlike(cp)) {
			if (first == n)
				first = i;
			last = i + len;
		}
		i += len;
	}
	if (unused)
		t->bad[r]++;
	else if (first == n || all_ascii(s + first, last - first))
		return;
	else if (text_is_syllable(s + first, last - first))
		t->good[r]++;
	else
		t->bad[r]++;
}

/* Adds the words of s (valid UTF-8) to the evidence for reading r. */
static void judge_words(const char *s, size_t n, struct legacy_tally *t, enum legacy r)
{
	size_t start = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = utf8_decode(s + i, n - i, &cp);
		if (!len)  /* never, as above */
			cp = UNUSED_BYTE, len = 1;
		if (separates(cp)) {
			judge_word(s + start, i - start, t, r);
			start = i + len;
		}
		i += len;
	}
	judge_word(s + start, n - start, t, r);
}

/* s with its invalid bytes as U+FFFD: the text as it is. Returns how
 * many characters of two bytes or more it has. */
static size_t as_unicode(const char *s, size_t n, struct buf *out)
{
	size_t wide = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = utf8_decode(s + i, n - i, &cp);
		if (!len)
			add_cp(out, UNUSED_BYTE), len = 1;
		else
			buf_add(out, s + i, len);
		wide += len > 1;
		i += len;
	}
	return wide;
}

/* Whether every character of valid UTF-8 s beyond ASCII is a Vietnamese
 * letter (đ, or a vowel with its marks). The mojibake of every legacy
 * encoding brings characters Vietnamese never has (µ ¸ « ® ð ä ø...), so
 * text made only of Vietnamese letters is Vietnamese, misspelt perhaps
 * ("tôt" for "tốt"), never legacy bytes read wrongly. */
static bool only_vietnamese_letters(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = utf8_decode(s + i, n - i, &cp);
		if (!len)
			return false;
		enum viet_vowel v;
		enum viet_tone tone;
		bool upper;
		if (cp >= 0x80 && cp != 0x111 && cp != 0x110 && !viet_vowel_of(cp, &v, &tone, &upper))
			return false;
		i += len;
	}
	return true;
}

/* True when cp has a byte in Windows-1252 (or Latin-1): what cp1252_byte
 * finds, without its search for most characters that have none. The C1
 * table ends at U+2122 and has nothing between U+02DC and U+2013, where
 * the Vietnamese letters of U+1EA0.. are. */
static bool has_cp1252_byte(uint32_t cp)
{
	if (cp < 0x100)
		return true;
	if ((cp > 0x2DC && cp < 0x2013) || cp > 0x2122)
		return false;
	return windows_byte(cp) >= 0;
}

/* False when the line s is no evidence, as tally_line would find after
 * copying it: ASCII, or valid UTF-8 with a character Windows-1252 has no
 * byte for (real Unicode text: a Vietnamese letter, most often). One pass
 * and no copy: most lines of a file, and most scalars, stop here. */
static bool may_be_legacy(const char *s, size_t n)
{
	bool high = false, wide = false;
	for (size_t i = 0; i < n;) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		uint32_t cp;
		size_t len = utf8_decode(s + i, n - i, &cp);
		if (!len)
			return true;  /* not UTF-8: legacy bytes, perhaps */
		high = true;
		wide = wide || !has_cp1252_byte(cp);
		i += len;
	}
	return high && !wide;
}

/* Evidence of the line s[0..n) (its byte-order mark set aside) that
 * may_be_legacy let through, for every reading; false when it has none. */
static bool tally_bytes(struct legacy_tally *t, const char *s, size_t n)
{
	struct buf bytes = {0};
	if (!legacy_bytes(s, n, &bytes)) {
		buf_free(&bytes);
		return false;
	}
	bool raw = utf8_invalid_at(s, n) < n;
	t->strong |= raw || !only_vietnamese_letters(s, n);
	struct buf as_is = {0};
	size_t wide = as_unicode(s, n, &as_is);
	judge_words(as_is.data, as_is.len, t, LEGACY_NONE);
	buf_free(&as_is);
	/* UTF-8 characters among invalid bytes tell of damaged UTF-8 rather
	 * than legacy text, where they are rare ("ề”" in TCVN3 makes one):
	 * each weighs against every legacy reading like two bad words */
	int utf8_chars = raw ? 2 * (int)wide : 0;
	for (int r = LEGACY_TCVN3; r < LEGACY_COUNT; r++) {
		size_t len;
		char *text = decode_bytes((enum legacy)r, &bytes, &len, true);
		judge_words(text, len, t, (enum legacy)r);
		t->bad[r] += utf8_chars;
		free(text);
	}
	buf_free(&bytes);
	return true;
}

/* Evidence of one line for every reading; false when it has none (ASCII,
 * or real Unicode text). */
static bool tally_line(struct legacy_tally *t, const char *s, size_t n)
{
	size_t bom = bom_length(s, n);
	return may_be_legacy(s + bom, n - bom) && tally_bytes(t, s + bom, n - bom);
}

/* The length of the line at s[0..n), up to its LF or CR (or n), found in
 * the pass that tells whether it may be legacy, as may_be_legacy would
 * past a leading byte-order mark. A character cannot run past the line's
 * end: its continuation bytes are never LF or CR. */
static size_t scan_line(const char *s, size_t n, bool utf8, bool *maybe)
{
	bool high = false, wide = false, invalid = false;
	size_t i = bom_length(s, n);
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			if (c == '\n' || c == '\r')
				break;
			i++;
			continue;
		}
		uint32_t cp;
		size_t len = utf8_decode(s + i, n - i, &cp);
		if (!len) {  /* not UTF-8: legacy bytes, perhaps */
			invalid = true;
			i++;
			continue;
		}
		high = true;
		wide = wide || !has_cp1252_byte(cp);
		i += len;
		if (wide && utf8) {
			/* no evidence, and no invalid byte to come that would
			 * make it so: only the line's end is left to find */
			const char *lf = memchr(s + i, '\n', n - i);
			size_t end = lf ? (size_t)(lf - s) : n;
			const char *cr = memchr(s + i, '\r', end - i);
			i = cr ? (size_t)(cr - s) : end;
			break;
		}
	}
	*maybe = invalid || (high && !wide);
	return i;
}

/* Enough evidence to decide: a long file is judged on its first pages. */
#define LEGACY_ENOUGH 4000

/* legacy_tally_add; utf8: s is known to be valid UTF-8. */
static void tally_add(struct legacy_tally *t, const char *s, size_t n, bool utf8)
{
	size_t seen = 0;
	for (size_t at = 0; at < n && seen < LEGACY_ENOUGH;) {
		bool maybe;
		size_t end = at + scan_line(s + at, n - at, utf8, &maybe);
		/* most lines are no evidence: found so in the one pass */
		if (maybe) {
			size_t bom = bom_length(s + at, end - at);
			tally_bytes(t, s + at + bom, end - at - bom);
			seen = 0;
			for (int r = 0; r < LEGACY_COUNT; r++)
				seen += (size_t)(t->good[r] + t->bad[r]);
		}
		at = end + 1;
	}
}

void legacy_tally_add(struct legacy_tally *t, const char *s, size_t n)
{
	tally_add(t, s, n, false);
}

static int score(const struct legacy_tally *t, int r)
{
	return t->good[r] - t->bad[r];
}

enum legacy legacy_pick(const struct legacy_tally *t)
{
	int best = LEGACY_TCVN3;
	for (int r = LEGACY_VNI; r < LEGACY_COUNT; r++)
		if (score(t, r) > score(t, best))
			best = r;
	int runner_up = score(t, LEGACY_NONE);
	for (int r = LEGACY_TCVN3; r < LEGACY_COUNT; r++)
		if (r != best && score(t, r) > runner_up)
			runner_up = score(t, r);
	/* most of its words Vietnamese, and ahead of every other reading;
	 * text of Vietnamese letters only needs two words to say so, since
	 * one ("tôt" for "tốt") may be a typo that another reading mends */
	int needed = t->strong ? 1 : 2;
	bool clear = t->good[best] >= needed && t->good[best] >= 2 * t->bad[best] && score(t, best) > runner_up;
	return clear ? (enum legacy)best : LEGACY_NONE;
}

bool legacy_no_evidence(const char *s, size_t n)
{
	for (size_t at = 0; at < n;) {
		bool maybe;
		at += scan_line(s + at, n - at, false, &maybe) + 1;
		if (maybe)
			return false;
	}
	return true;
}

enum legacy legacy_guess(const char *s, size_t n)
{
	/* lines that are no evidence leave the tally empty, and an empty
	 * tally picks LEGACY_NONE: no pass of its own for them */
	struct legacy_tally t = {{0}, {0}, false};
	tally_add(&t, s, n, false);
	return legacy_pick(&t);
}

enum legacy legacy_guess_utf8(const char *s, size_t n)
{
	struct legacy_tally t = {{0}, {0}, false};
	tally_add(&t, s, n, true);
	return legacy_pick(&t);
}

bool legacy_line_wants(enum legacy e, const char *s, size_t n)
{
	if (utf8_invalid_at(s, n) < n)
		return true;
	struct legacy_tally t = {{0}, {0}, false};
	return tally_line(&t, s, n) && score(&t, e) > score(&t, LEGACY_NONE);
}

/* ---- advice ----------------------------------------------------------- */


/* path with ".unicode" before its extension: "a/ke-hoach.yaml" ->
 * "a/ke-hoach.unicode.yaml"; "-" (standard input) -> "-". */
static char *unicode_name(const char *path)
{
	if (strcmp(path, "-") == 0)
		return xstrdup("-");
	const char *base = strrchr(path, '/');
#ifdef _WIN32
	const char *back = strrchr(path, '\\');
	if (back && (!base || back > base))
		base = back;
#endif
	base = base ? base + 1 : path;
	const char *dot = strrchr(base, '.');
	size_t stem = dot && dot > base ? (size_t)(dot - path) : strlen(path);
	struct buf b = {0};
	buf_add(&b, path, stem);
	buf_adds(&b, ".unicode");
	buf_adds(&b, path + stem);
	return b.data;
}

char *legacy_advice(enum legacy e, const char *path)
{
	struct buf b = {0};
	char *out = unicode_name(path);
	buf_adds(&b, "chuyende convert ");
	buf_add_shell_word(&b, path);
	buf_printf(&b, " --from %s -o ", legacy_name(e));
	buf_add_shell_word(&b, out);
	free(out);
	return b.data;
}

/* The start of text, at most max code points, "…" when cut. */
static char *shortened(const char *text, size_t len, size_t max)
{
	while (len && (*text == ' ' || *text == '\t'))
		text++, len--;
	size_t i = 0, count = 0;
	uint32_t cp;
	while (i < len && count < max) {
		size_t step = utf8_decode(text + i, len - i, &cp);
		i += step ? step : 1;
		count++;
	}
	struct buf b = {0};
	buf_add(&b, text, i);
	if (i < len)
		buf_adds(&b, "…");
	buf_grow(&b, 0);
	return b.data;
}

void legacy_report(struct diags *d, const char *path, struct pos at, enum legacy e, const char *s, size_t n)
{
	static const enum diag_code codes[LEGACY_COUNT] = {
		[LEGACY_TCVN3] = DIAG_LEGACY_TCVN3, [LEGACY_VNI] = DIAG_LEGACY_VNI,
		[LEGACY_CP1258] = DIAG_LEGACY_CP1258,
	};
	size_t len;
	char *text = legacy_decode(e, s, n, &len);
	char *shown = text ? shortened(text, len, 60) : xstrdup("…");
	char *advice = legacy_advice(e, path);
	diag(d, codes[e], path, at, shown, advice, NULL);
	free(advice);
	free(shown);
	free(text);
}
