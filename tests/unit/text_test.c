/* Vietnamese text: UTF-8, NFC, letters and syllables, "did you mean", upper case (text.h). */
#include "text.h"

#include <stdlib.h>
#include <utf8proc.h>

#include "unit.h"
#include "util.h"

#define S(lit) (lit), (sizeof(lit) - 1)

/* decodes the whole of lit as one code point: its length, or 0 */
static size_t decode1(const char *s, size_t n, uint32_t *cp)
{
	*cp = 0xFFFFFFFF;
	return utf8_decode(s, n, cp);
}

static bool syllable(const char *s)
{
	return text_is_syllable(s, strlen(s));
}

static char *nfc(const char *s)
{
	size_t n;
	char *r = text_nfc(s, strlen(s), &n);
	return r;
}

/* utf8_decode as it was first written, a loop over the continuation
 * bytes: the faster one must agree with it on every input. */
static size_t plain_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	if (n == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	size_t len;
	uint32_t c, min;
	if ((s[0] & 0xE0) == 0xC0)
		len = 2, c = s[0] & 0x1F, min = 0x80;
	else if ((s[0] & 0xF0) == 0xE0)
		len = 3, c = s[0] & 0x0F, min = 0x800;
	else if ((s[0] & 0xF8) == 0xF0)
		len = 4, c = s[0] & 0x07, min = 0x10000;
	else
		return 0;
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

/* Both decoders on b[0..n): same length, same code point. */
static bool same_decode(const unsigned char *b, size_t n)
{
	uint32_t x = 0xFFFFFFFF, y = 0xFFFFFFFF;
	size_t a = utf8_decode((const char *)b, n, &x), p = plain_decode(b, n, &y);
	return a == p && (a == 0 || x == y);
}

/* Every sequence of up to three bytes, each cut short too, and four bytes
 * from every lead byte on with continuation bytes and others. */
static void decode_all(void)
{
	static const unsigned char some[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF};
	long wrong = 0;
	unsigned char b[4];
	for (unsigned x = 0; x < 0x1000000; x++) {
		b[0] = (unsigned char)(x >> 16), b[1] = (unsigned char)(x >> 8), b[2] = (unsigned char)x;
		wrong += !same_decode(b, 3);
		if ((x & 0xFF) == 0)
			wrong += !same_decode(b, 2) + !same_decode(b, 1);
	}
	for (unsigned lead = 0xF0; lead <= 0xFF; lead++)
		for (unsigned c1 = 0; c1 < 256; c1++)
			for (size_t k = 0; k < sizeof some; k++)
				for (unsigned c3 = 0; c3 < 256; c3++) {
					b[0] = (unsigned char)lead, b[1] = (unsigned char)c1;
					b[2] = some[k], b[3] = (unsigned char)c3;
					wrong += !same_decode(b, 4) + !same_decode(b, 3);
				}
	CHECK(wrong == 0);
}

/* ---- text_known_nfc against utf8proc ---- */

/* What utf8proc makes of s: NFC, or NULL when it refuses it. */
static char *utf8proc_nfc(const char *s, size_t n, size_t *len)
{
	utf8proc_uint8_t *out = NULL;
	utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &out,
					  UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (r < 0)
		return NULL;
	*len = (size_t)r;
	return (char *)out;
}

/* The test the quick one stands for, asked of utf8proc for every
 * character: a starter, not excluded from composition, never the second
 * of a pair, and without a decomposition outside the Latin blocks
 * (U+00C0..U+02FF, U+1E00..U+1EFF), whose decompositions are canonical
 * pairs that compose back, or compatibility ones that NFC keeps. */
static bool slow_known_nfc(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = utf8_decode(s + i, n - i, &cp);
		if (!len)
			return false;
		i += len;
		if (cp < 0x80)
			continue;
		if (cp >= 0x1100 && cp <= 0x11FF)
			return false;
		const utf8proc_property_t *p = utf8proc_get_property((utf8proc_int32_t)cp);
		bool second = p->comb_index != UINT16_MAX && p->comb_index >= 0x8000;
		bool latin = (cp >= 0xC0 && cp <= 0x2FF) || (cp >= 0x1E00 && cp <= 0x1EFF);
		if (p->combining_class != 0 || p->comp_exclusion || second ||
		    (p->decomp_seqindex != UINT16_MAX && !latin))
			return false;
	}
	return true;
}

/* The quick answer is the slow one, and a text it calls NFC is. */
static bool known_nfc_right(const char *s, size_t n)
{
	bool quick = text_known_nfc(s, n);
	if (quick != slow_known_nfc(s, n))
		return false;
	if (!quick)
		return true;
	size_t len = 0;
	char *out = utf8proc_nfc(s, n, &len);
	bool same = out && len == n && memcmp(out, s, n) == 0;
	free(out);
	return same;
}

/* text_scan is each of the checks it stands for, where it says it knows. */
static bool scan_right(const char *s, size_t n)
{
	struct text_scan r = text_scan(s, n);
	uint32_t cp;
	bool valid = utf8_invalid_at(s, n) == n;
	if (r.valid != valid)
		return false;
	if (!valid)
		return !r.ascii && !r.known_nfc && !r.no_controls && !r.no_cr;
	return r.ascii == text_is_ascii(s, n) && r.known_nfc == text_known_nfc(s, n) &&
	       r.no_controls == (text_control_at(s, n, true, &cp) == n) &&
	       (r.no_controls && r.no_cr) == (text_control_at(s, n, false, &cp) == n) &&
	       r.no_cr == !memchr(s, '\r', n);
}

/* utf8_invalid_at a character at a time, as it was before it passed
 * runs of ASCII a word at a time. */
static size_t invalid_at_slowly(const char *s, size_t n)
{
	uint32_t cp;
	for (size_t i = 0; i < n;) {
		size_t len = utf8_decode(s + i, n - i, &cp);
		if (!len)
			return i;
		i += len;
	}
	return n;
}

/* utf8_invalid_at where it takes eight bytes at once, and text_scan with
 * it: every byte, and every byte after a lead byte, at every place of a
 * text longer than a word. */
static void scan_by_words(void)
{
	int wrong = 0;
	for (size_t at = 0; at < 23; at++)
		for (int a = 0; a < 256; a++)
			for (int lead = 0; lead < 3; lead++) {
				char t[24];
				memcpy(t, "The quick brown fox jum", 24);
				size_t i = at;
				if (lead)
					t[i++] = lead == 1 ? (char)0xC3 : (char)0xE1;
				t[i] = (char)a;
				wrong += !scan_right(t, 23) + (utf8_invalid_at(t, 23) != invalid_at_slowly(t, 23));
			}
	CHECK(wrong == 0);
	CHECK(!text_scan(S("twelve bytes\x7Fmore text")).no_controls);
	CHECK(text_scan(S("twelve bytes~ more text")).no_controls);
	CHECK(!text_scan(S("twelve bytes\rmore text")).no_cr);
	CHECK(utf8_invalid_at(S("sixteen bytes...\xFF")) == 16);
}

static void known_nfc(void)
{
	static const char *const tricky[] = {
		"", "plain ASCII, tab\there", "Việt Nam", "ĐẢNG BỘ", "Chương trình",
		"Vie\xCC\xA3\xCC\x82t",            /* NFD: combining marks */
		"a\xCC\x81", "\xCC\x81\x61",       /* a mark after a letter, and first */
		"\xE2\x84\xAB", "\xE2\x84\xA6",    /* singletons: ANGSTROM SIGN, OHM SIGN */
		"\xE0\xA5\x98",                    /* U+0958, excluded from composition */
		"\xE1\x84\x80\xE1\x85\xA1",        /* Hangul jamo */
		"\xEA\xB0\x80",                    /* a Hangul syllable */
		"\xC2\xA0", "\xEF\xAC\x81",        /* compatibility: NBSP, the fi ligature */
		"\xE0\xA6\xBE", "\xE0\xB3\x95",    /* seconds of pairs that are not marks */
		"\xF0\x9F\x98\x80", "ctl\x01\x7F\xC2\x85", "\xE1\xBB", "\xFF",
	};
	for (size_t i = 0; i < sizeof tricky / sizeof *tricky; i++) {
		bool right = known_nfc_right(tricky[i], strlen(tricky[i])) && scan_right(tricky[i], strlen(tricky[i]));
		CHECK(right);
		if (!right)
			fprintf(stderr, "text_known_nfc wrong on \"%s\"\n", tricky[i]);
	}
	CHECK(text_known_nfc(S("Việt Nam")));
	CHECK(!text_known_nfc(S("Vie\xCC\xA3\xCC\x82t")));
	/* every character, alone and after a letter it might compose with */
	int wrong = 0;
	for (uint32_t cp = 0x80; cp <= 0x10FFFF; cp++) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		char s[8] = "a";
		size_t n = 1 + utf8_encode(cp, s + 1);
		wrong += !known_nfc_right(s + 1, n - 1) + !known_nfc_right(s, n);
		wrong += !scan_right(s + 1, n - 1) + !scan_right(s, n);
	}
	CHECK(wrong == 0);
	/* text_scan on every pair of bytes (controls, CR, C1, sequences cut
	 * short or invalid), between letters */
	int scan_wrong = 0;
	for (int a = 0; a < 256; a++)
		for (int b = 0; b < 256; b++) {
			char pair[4] = {'x', (char)a, (char)b, 'y'};
			scan_wrong += !scan_right(pair, 4) + !scan_right(pair + 1, 2);
		}
	CHECK(scan_wrong == 0);
	/* text_is_ascii: eight bytes at a time, and the rest */
	const char *t = "0123456789abcdefghij";
	for (size_t n = 0; n <= strlen(t); n++) {
		CHECK(text_is_ascii(t, n));
		for (size_t at = 0; at < n; at++) {
			char b[24];
			memcpy(b, t, n);
			b[at] = (char)0xC3;
			CHECK(!text_is_ascii(b, n));
		}
	}
}

int main(void)
{
	uint32_t cp;

	decode_all();
	known_nfc();
	scan_by_words();

	/* utf8_decode: valid sequences of each length */
	CHECK(decode1(S("A"), &cp) == 1 && cp == 'A');
	CHECK(decode1(S("\xC3\xA9"), &cp) == 2 && cp == 0xE9);           /* é */
	CHECK(decode1(S("\xE1\xBB\x87"), &cp) == 3 && cp == 0x1EC7);     /* ệ */
	CHECK(decode1(S("\xF0\x9F\x98\x80"), &cp) == 4 && cp == 0x1F600);
	CHECK(decode1(S("\xF4\x8F\xBF\xBF"), &cp) == 4 && cp == 0x10FFFF);
	/* refused: overlong, surrogates, past U+10FFFF, truncated, stray bytes */
	CHECK(decode1(S("\xC0\x80"), &cp) == 0);
	CHECK(decode1(S("\xC1\xBF"), &cp) == 0);
	CHECK(decode1(S("\xE0\x80\x80"), &cp) == 0);
	CHECK(decode1(S("\xF0\x80\x80\x80"), &cp) == 0);
	CHECK(decode1(S("\xED\xA0\x80"), &cp) == 0);
	CHECK(decode1(S("\xED\xBF\xBF"), &cp) == 0);
	CHECK(decode1(S("\xF4\x90\x80\x80"), &cp) == 0);
	CHECK(decode1(S("\xF5\x80\x80\x80"), &cp) == 0);
	CHECK(decode1(S("\xE1\xBB"), &cp) == 0);
	CHECK(decode1(S("\xC3"), &cp) == 0);
	CHECK(decode1(S("\x80"), &cp) == 0);
	CHECK(decode1(S("\xFF"), &cp) == 0);
	CHECK(decode1(S("\xC3\x41"), &cp) == 0);
	CHECK(utf8_decode("", 0, &cp) == 0);

	/* utf8_encode round trip */
	char enc[4];
	CHECK(utf8_encode(0x1EC7, enc) == 3 && memcmp(enc, "\xE1\xBB\x87", 3) == 0);
	CHECK(utf8_encode(0x110, enc) == 2 && memcmp(enc, "\xC4\x90", 2) == 0);  /* Đ */
	CHECK(utf8_encode(0x1F600, enc) == 4 && memcmp(enc, "\xF0\x9F\x98\x80", 4) == 0);

	/* utf8_invalid_at: offset of the first bad byte, or n */
	CHECK(utf8_invalid_at(S("Việt Nam")) == strlen("Việt Nam"));
	CHECK(utf8_invalid_at(S("abc\xFF" "def")) == 3);
	CHECK(utf8_invalid_at(S("Việt\xC0\x80")) == strlen("Việt"));
	CHECK(utf8_invalid_at(S("Đảng \xED\xA0\x80")) == strlen("Đảng "));
	CHECK(utf8_invalid_at(S("tr\xE1\xBB")) == 2);
	CHECK(utf8_invalid_at("", 0) == 0);

	/* utf8_length counts code points */
	CHECK(utf8_length(S("Việt Nam")) == 8);
	CHECK(utf8_length(S("Đảng")) == 4);
	CHECK(utf8_length(S("a\xFF" "b")) == 3);

	/* text_control_at: C0 (but tab, LF; CR when allowed), DEL, C1 */
	CHECK(text_control_at(S("Lạng Sơn\tđó\nđây"), false, &cp) == strlen("Lạng Sơn\tđó\nđây"));
	CHECK(text_control_at(S("ab\x1B[31m"), false, &cp) == 2 && cp == 0x1B);
	CHECK(text_control_at(S("a\x01"), true, &cp) == 1 && cp == 0x01);
	CHECK(text_control_at(S("dòng\r\n"), false, &cp) == strlen("dòng") && cp == '\r');
	CHECK(text_control_at(S("dòng\r\n"), true, &cp) == strlen("dòng\r\n"));
	CHECK(text_control_at(S("L\x7F"), false, &cp) == 1 && cp == 0x7F);
	CHECK(text_control_at(S("L\xC2\x9B" "x"), false, &cp) == 1 && cp == 0x9B);  /* U+009B CSI */
	CHECK(text_control_at(S("\xC2\x80"), false, &cp) == 0 && cp == 0x80);
	CHECK(text_control_at(S("\xC2\x85"), true, &cp) == 0 && cp == 0x85);          /* NEL */
	CHECK(text_control_at(S("\xC2\xA0\xC2\xA9"), false, &cp) == 4);             /* NBSP, © */
	CHECK(text_control_at(S("\xC3\x9B"), false, &cp) == 2);                     /* Û: 9B as a continuation */
	CHECK(text_control_at(S("\xC2"), false, &cp) == 1);                         /* cut short: not C1 */
	CHECK(text_control_at("", 0, false, &cp) == 0);

	/* text_nfc */
	char *r = nfc("Vie\xCC\x82\xCC\xA3t");  /* e + combining circumflex + combining dot below */
	CHECK_STR(r, "Việt");
	free(r);
	r = nfc("Vie\xCC\xA3\xCC\x82t");  /* the marks in the other order */
	CHECK_STR(r, "Việt");
	free(r);
	r = nfc("Hoa\xCC\x80ng Va\xCC\x86n Qu\xC3\xBD");  /* mixed NFD and NFC */
	CHECK_STR(r, "Hoàng Văn Quý");
	free(r);
	r = nfc("Đảng Cộng sản Việt Nam");
	CHECK_STR(r, "Đảng Cộng sản Việt Nam");
	free(r);
	r = nfc("plain ascii");
	CHECK_STR(r, "plain ascii");
	free(r);
	size_t n = 99;
	r = text_nfc(S("Vie\xCC\x82\xCC\xA3t"), &n);
	CHECK(n == strlen("Việt"));
	free(r);

	CHECK(text_is_nfc(S("Việt Nam")));
	CHECK(text_is_nfc(S("ascii")));
	CHECK(!text_is_nfc(S("Vie\xCC\x82\xCC\xA3t")));
	CHECK(!text_is_nfc(S("a\xCC\x80")));

	/* viet_letter, viet_vowel_of: every vowel with every tone, both cases */
	int letters_ok = 0;
	for (int v = 0; v < VOWEL_COUNT; v++)
		for (int t = 0; t < TONE_COUNT; t++)
			for (int up = 0; up < 2; up++) {
				uint32_t letter = viet_letter((enum viet_vowel)v, (enum viet_tone)t, up);
				enum viet_vowel v2;
				enum viet_tone t2;
				bool up2;
				letters_ok += viet_vowel_of(letter, &v2, &t2, &up2) && (int)v2 == v && (int)t2 == t && up2 == up;
			}
	CHECK(letters_ok == VOWEL_COUNT * TONE_COUNT * 2);
	CHECK(viet_letter(VOWEL_EE, TONE_DOT, false) == 0x1EC7);   /* ệ */
	CHECK(viet_letter(VOWEL_UW, TONE_GRAVE, true) == 0x1EEA);  /* Ừ */
	CHECK(viet_letter(VOWEL_AW, TONE_NONE, true) == 0x0102);   /* Ă */
	enum viet_vowel vv;
	enum viet_tone vt;
	bool vu;
	CHECK(!viet_vowel_of('b', &vv, &vt, &vu));
	CHECK(!viet_vowel_of(0x0111, &vv, &vt, &vu));              /* đ is no vowel */
	CHECK(!viet_vowel_of(0x00E4, &vv, &vt, &vu));              /* ä */

	/* viet_vowel_of, its ASCII answered without the table: the same
	 * answers as the table, lower-cased by utf8proc, gives */
	int vowels_wrong = 0;
	for (uint32_t c = 0; c < 0x2000; c++) {
		enum viet_vowel v = VOWEL_COUNT, want_v = VOWEL_COUNT;
		enum viet_tone t = TONE_COUNT, want_t = TONE_COUNT;
		bool up = false, want_up = false, found = false;
		uint32_t lower = (uint32_t)utf8proc_tolower((utf8proc_int32_t)c);
		for (int i = 0; i < VOWEL_COUNT && !found; i++)
			for (int j = 0; j < TONE_COUNT && !found; j++)
				if (viet_letter((enum viet_vowel)i, (enum viet_tone)j, false) == lower) {
					found = true;
					want_v = (enum viet_vowel)i;
					want_t = (enum viet_tone)j;
					want_up = lower != c;
				}
		bool got = viet_vowel_of(c, &v, &t, &up);
		vowels_wrong += got != found || (found && (v != want_v || t != want_t || up != want_up));
	}
	CHECK(vowels_wrong == 0);

	/* text_is_syllable */
	static const char *const syllables[] = {
		"Việt", "Nam", "Uỷ", "Ủy", "nhân", "dân", "tỉnh", "người", "trường", "nghiêng", "khuya",
		"quốc", "quyết", "Nguyễn", "giữ", "gì", "hoạch", "khuỷu", "thuở", "ĐẢNG", "Đảng", "BỘ",
		"chuyên", "đề", "ngoặt", "oanh", "yêu", "ý", "à", "xuân", "boong", "huệ", "hoà", "hòa",
	};
	int syllables_ok = 0;
	for (size_t i = 0; i < COUNT_OF(syllables); i++) {
		syllables_ok += syllable(syllables[i]);
		if (!syllable(syllables[i]))
			fprintf(stderr, "not a syllable: %s\n", syllables[i]);
	}
	CHECK(syllables_ok == (int)COUNT_OF(syllables));
	static const char *const not_syllables[] = {
		"Café", "Hélène", "Cafộ", "Uû", "nh©n", "tØnh", "Vieät", "Vieọt", "PHòNG", "bÔ",
		"ViỆt", "cê", "ka", "ngi", "việc̀", "tấn1", "áó", "ẳt", "", "naïve", "ốy",
	};
	int rejected = 0;
	for (size_t i = 0; i < COUNT_OF(not_syllables); i++) {
		rejected += !syllable(not_syllables[i]);
		if (syllable(not_syllables[i]))
			fprintf(stderr, "taken for a syllable: %s\n", not_syllables[i]);
	}
	CHECK(rejected == (int)COUNT_OF(not_syllables));

	/* edit_distance, capped */
	CHECK(edit_distance("topic", "topic", 3) == 0);
	CHECK(edit_distance("topc", "topic", 3) == 1);
	CHECK(edit_distance("categroy", "category", 3) == 2);
	CHECK(edit_distance("kitten", "sitting", 5) == 3);
	CHECK(edit_distance("", "abc", 5) == 3);
	CHECK(edit_distance("abcdef", "uvwxyz", 2) == 3);  /* cap + 1 */
	CHECK(edit_distance("Việt", "Viet", 3) == 1);      /* code points, not bytes */

	static const char *const keys[] = {"template", "organization", "meeting", "people",
					   "preparation", "attendance", "draft", "agenda",
					   "topic", "category", "date", "start", "end", "location"};
	const size_t nkeys = sizeof keys / sizeof *keys;
	CHECK_STR(did_you_mean("topc", keys, nkeys), "topic");
	CHECK_STR(did_you_mean("categroy", keys, nkeys), "category");
	CHECK_STR(did_you_mean("preperation", keys, nkeys), "preparation");
	CHECK_STR(did_you_mean("agnda", keys, nkeys), "agenda");
	CHECK(did_you_mean("xyz", keys, nkeys) == NULL);
	CHECK(did_you_mean("summary", keys, nkeys) == NULL);
	CHECK(did_you_mean("anything", keys, 0) == NULL);

	/* text_upper: Vietnamese letters included */
	char *up = text_upper("Nguyễn Văn An");
	CHECK_STR(up, "NGUYỄN VĂN AN");
	free(up);
	up = text_upper("đảng");
	CHECK_STR(up, "ĐẢNG");
	free(up);
	up = text_upper("chi bộ cơ quan liên đoàn lao động tỉnh");
	CHECK_STR(up, "CHI BỘ CƠ QUAN LIÊN ĐOÀN LAO ĐỘNG TỈNH");
	free(up);
	up = text_upper("ư ơ ă â ê ô ỹ 05-CTr/CB");
	CHECK_STR(up, "Ư Ơ Ă Â Ê Ô Ỹ 05-CTR/CB");
	free(up);

	CHECK(text_blank(""));
	CHECK(text_blank("  \t\n"));
	CHECK(!text_blank(" a "));

	/* NFC: what the quick check must not wave through */
	{
		size_t nfc_len;
		char *x = text_nfc("\xE2\x84\xAB", 3, &nfc_len);             /* U+212B ANGSTROM SIGN, a singleton */
		CHECK_STR(x, "\xC3\x85");                                /* U+00C5 */
		free(x);
		x = text_nfc("Vie\xCC\x82\xCC\xA3t", 8, &nfc_len);          /* e + U+0302 + U+0323 */
		CHECK_STR(x, "Việt");
		free(x);
		x = text_nfc("\xE1\x84\x80\xE1\x85\xA1", 6, &nfc_len);    /* Hangul L + V jamo */
		CHECK_STR(x, "\xEA\xB0\x80");                           /* U+AC00 */
		free(x);
		x = text_nfc("\xE0\xAD\x87\xE0\xAC\xBE", 6, &nfc_len);    /* Oriya U+0B47 U+0B3E: a starter that composes */
		CHECK_STR(x, "\xE0\xAD\x8B");                           /* U+0B4B */
		free(x);
		const char *vi = "Đảng Cộng sản Việt Nam quang vinh muôn năm — “Ủy ban nhân dân”";
		x = text_nfc(vi, strlen(vi), &nfc_len);
		CHECK_STR(x, vi);
		free(x);
	}

	/* labels typed for ids: NFC/NFD, case and spacing set aside */
	CHECK(text_same_label("đã họp", "Đã họp"));
	CHECK(text_same_label("  ĐÃ   HỌP ", "đã họp"));
	CHECK(text_same_label("da\xCC\x83" " ho\xCC\xA3" "p", "dã họp"));   /* NFD */
	CHECK(!text_same_label("da hop", "đã họp"));                               /* marks count */
	CHECK(!text_same_label("", ""));
	CHECK(text_is_one_of_labels("bị hoãn", "hoãn|đã hoãn|bị hoãn"));
	CHECK(text_is_one_of_labels("Hoãn", "hoãn|đã hoãn"));
	CHECK(!text_is_one_of_labels("hoãn lại", "hoãn|đã hoãn"));
	CHECK(!text_is_one_of_labels("hoãn", NULL));
	return unit_done("text");
}
