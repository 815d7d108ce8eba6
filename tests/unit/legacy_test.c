/* Legacy encodings (legacy.h): the tables, every Vietnamese letter through
 * each encoding and back, glibc's iconv as a second opinion on TCVN3 and
 * Windows-1258, and the detection matrix: genuine Vietnamese encoded by
 * our own tables, raw and as mojibake, long and short, against UTF-8 that
 * merely looks odd. */
#include "legacy.h"

#include <stdlib.h>

#include "text.h"
#include "unit.h"
#include "util.h"

#ifdef __GLIBC__
#include <iconv.h>
#endif

#define S(lit) (lit), (sizeof(lit) - 1)

static const enum legacy encodings[] = {LEGACY_TCVN3, LEGACY_VNI, LEGACY_CP1258};

/* Windows-1252 0x80..0x9F; its holes read as the C1 controls, as Windows
 * itself reads them. */
static const uint16_t cp1252_c1[32] = {
	0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
	0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
};

/* Legacy bytes as a Windows-1252 program saves them in UTF-8: mojibake. */
static char *mojibake(const char *bytes, size_t n)
{
	struct buf b = {0};
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)bytes[i];
		uint32_t cp = c >= 0x80 && c < 0xA0 ? cp1252_c1[c - 0x80] : c;
		char enc[4];
		buf_add(&b, enc, utf8_encode(cp, enc));
	}
	buf_grow(&b, 0);
	return b.data;
}

static char *decode(enum legacy e, const char *s, size_t n)
{
	return legacy_decode(e, s, n, NULL);
}

static char *encode(enum legacy e, const char *s)
{
	return legacy_encode(e, s, strlen(s), NULL);
}

static enum legacy guess(const char *s)
{
	return legacy_guess(s, strlen(s));
}

/* The 146 letters: 12 vowels x 6 tones x 2 cases, and đ Đ. */
static size_t all_letters(char out[][5])
{
	size_t n = 0;
	for (int v = 0; v < VOWEL_COUNT; v++)
		for (int t = 0; t < TONE_COUNT; t++)
			for (int up = 0; up < 2; up++) {
				size_t len = utf8_encode(viet_letter((enum viet_vowel)v, (enum viet_tone)t, up), out[n]);
				out[n++][len] = '\0';
			}
	strcpy(out[n++], "đ");
	strcpy(out[n++], "Đ");
	return n;
}

/* An upper-case letter with a tone: ABC has no bytes for it. */
static bool upper_toned(const char *letter)
{
	uint32_t cp;
	enum viet_vowel v;
	enum viet_tone t;
	bool up;
	return utf8_decode(letter, strlen(letter), &cp) && viet_vowel_of(cp, &v, &t, &up) && up && t != TONE_NONE;
}

/* Every letter through each encoding and back, raw and as mojibake. ABC
 * writes an upper-case toned letter with the lower-case byte: it comes
 * back upper case among capitals ("VI" + letter). */
static void round_trips(void)
{
	char letters[160][5];
	size_t n = all_letters(letters);
	CHECK(n == 146);
	for (size_t k = 0; k < COUNT_OF(encodings); k++) {
		enum legacy e = encodings[k];
		for (size_t i = 0; i < n; i++) {
			char word[16];
			bool capitals = e == LEGACY_TCVN3 && upper_toned(letters[i]);
			strcpy(word, capitals ? "VI" : "");
			strcat(word, letters[i]);
			size_t len;
			char *bytes = legacy_encode(e, word, strlen(word), &len);
			char *raw = bytes ? decode(e, bytes, len) : NULL;
			char *moji = bytes ? mojibake(bytes, len) : NULL;
			char *back = moji ? decode(e, moji, strlen(moji)) : NULL;
			bool same = raw && back && strcmp(raw, word) == 0 && strcmp(back, word) == 0;
			if (!same)
				fprintf(stderr, "%s: %s does not round-trip (%s, %s)\n", legacy_name(e), word,
					raw ? raw : "-", back ? back : "-");
			CHECK(same);
			free(bytes);
			free(raw);
			free(moji);
			free(back);
		}
	}
}

/* Bytes from the published layouts (VNI Windows as Unikey's VNI-WIN table,
 * TCVN3 as TCVN 5712:1993, Windows-1258 as Microsoft's). */
static void known_bytes(void)
{
	char *b = encode(LEGACY_VNI, "Việt Nam Đảng Cộng sản ƯỚC ơn ĩ ỵ Ỵ quả ỷ");
	CHECK_STR(b, "Vie\xE4t Nam \xD1" "a\xFBng Co\xE4ng sa\xFBn \xD6\xD4\xD9" "C \xF4n \xF3 \xEE \xCE qua\xFB y\xFB");
	free(b);
	b = encode(LEGACY_VNI, "ă ằ ắ ẳ ẵ ặ â ầ ấ ẩ ẫ ậ");
	CHECK_STR(b, "a\xEA a\xE8 a\xE9 a\xFA a\xFC a\xEB a\xE2 a\xE0 a\xE1 a\xE5 a\xE3 a\xE4");
	free(b);
	b = encode(LEGACY_TCVN3, "Uỷ ban nhân dân tỉnh Lạng Sơn");
	CHECK_STR(b, "U\xFB ban nh\xA9n d\xA9n t\xD8nh L\xB9ng S\xACn");
	free(b);
	b = encode(LEGACY_CP1258, "Việt Nam Đảng à ạ");
	CHECK_STR(b, "Vi\xEA\xF2t Nam \xD0" "a\xD2ng \xE0 a\xF2");
	free(b);
	/* characters an encoding has no bytes for */
	CHECK(encode(LEGACY_TCVN3, "©") == NULL);
	CHECK(encode(LEGACY_VNI, "ö") == NULL);  /* ö is VNI's ư */
	b = encode(LEGACY_CP1258, "€ ₫");
	CHECK_STR(b, "\x80 \xFE");
	free(b);
	CHECK(encode(LEGACY_CP1258, "Ж") == NULL);
	/* decoding: raw bytes and mojibake alike; real Unicode has no legacy reading */
	char *u = decode(LEGACY_TCVN3, S("U\xFB ban nh\xA9n d\xA9n"));
	CHECK_STR(u, "Uỷ ban nhân dân");
	free(u);
	u = decode(LEGACY_TCVN3, S("Uû ban nh©n d©n"));
	CHECK_STR(u, "Uỷ ban nhân dân");
	free(u);
	CHECK(decode(LEGACY_TCVN3, S("Ủy ban")) == NULL);
	u = decode(LEGACY_VNI, S("Vieät Nam"));
	CHECK_STR(u, "Việt Nam");
	free(u);
	/* Word's curly quotes and dashes in .VnTime text stay punctuation */
	u = decode(LEGACY_TCVN3, S("\x93Rung chu\xABng v\xB5ng\x94 \x96 \x85"));
	CHECK_STR(u, "“Rung chuông vàng” – …");
	free(u);
	/* ABC capitals: lower-case toned bytes among upper-case letters */
	u = decode(LEGACY_TCVN3, S("CHI B\xE9 V\xA1N PH\xDFNG, \xA7\xB6NG B\xE9 T\xD8NH"));
	CHECK_STR(u, "CHI BỘ VĂN PHÒNG, ĐẢNG BỘ TỈNH");
	free(u);
	u = decode(LEGACY_TCVN3, S("B\xE9 Ch\xDDnh tr\xDE, \xA7\xB6ng"));
	CHECK_STR(u, "Bộ Chính trị, Đảng");
	free(u);
	/* a UTF-8 byte-order mark stays */
	u = decode(LEGACY_TCVN3, S("\xEF\xBB\xBFL\xB9ng"));
	CHECK_STR(u, "\xEF\xBB\xBFLạng");
	free(u);
	/* a VNI mark with no vowel before it is left as it reads in Windows-1252 */
	u = decode(LEGACY_VNI, S("x\xF9"));
	CHECK_STR(u, "xù");
	free(u);
	/* Windows-1258 bytes it leaves undefined */
	u = decode(LEGACY_CP1258, S("a\x8A"));
	CHECK_STR(u, "a\xEF\xBF\xBD");
	free(u);
}

static void names(void)
{
	enum legacy e = LEGACY_NONE;
	CHECK(legacy_parse("tcvn3", &e) && e == LEGACY_TCVN3);
	CHECK(legacy_parse("vni", &e) && e == LEGACY_VNI);
	CHECK(legacy_parse("cp1258", &e) && e == LEGACY_CP1258);
	CHECK(!legacy_parse("auto", &e));
	CHECK(!legacy_parse("TCVN3", &e));
	CHECK(legacy_name(LEGACY_NONE) == NULL);
	CHECK_STR(legacy_label(LEGACY_CP1258), "Windows-1258");
}

static void advice(void)
{
	char *a = legacy_advice(LEGACY_TCVN3, "ke-hoach.yaml");
	CHECK_STR(a, "chuyende convert ke-hoach.yaml --from tcvn3 -o ke-hoach.unicode.yaml");
	free(a);
	a = legacy_advice(LEGACY_VNI, "a.b/ke hoach.v2.yaml");
	CHECK_STR(a, "chuyende convert 'a.b/ke hoach.v2.yaml' --from vni -o 'a.b/ke hoach.v2.unicode.yaml'");
	free(a);
	a = legacy_advice(LEGACY_CP1258, "it's/notes");
	CHECK_STR(a, "chuyende convert 'it'\\''s/notes' --from cp1258 -o 'it'\\''s/notes.unicode'");
	free(a);
	a = legacy_advice(LEGACY_TCVN3, "-plan.yaml");
	CHECK_STR(a, "chuyende convert ./-plan.yaml --from tcvn3 -o ./-plan.unicode.yaml");
	free(a);
	a = legacy_advice(LEGACY_TCVN3, "dir.d/.hidden");
	CHECK_STR(a, "chuyende convert dir.d/.hidden --from tcvn3 -o dir.d/.hidden.unicode");
	free(a);
	a = legacy_advice(LEGACY_TCVN3, "-");
	CHECK_STR(a, "chuyende convert - --from tcvn3 -o -");
	free(a);
	a = legacy_advice(LEGACY_VNI, "kế hoạch/\"quý I\".yaml");
	CHECK_STR(a, "chuyende convert 'kế hoạch/\"quý I\".yaml' --from vni -o 'kế hoạch/\"quý I\".unicode.yaml'");
	free(a);
}

/* Genuine Vietnamese (sentences of the seed articles, plan values). */
static const char *const vietnamese[] = {
	("Trong năm 2023, Đảng ủy Tỉnh đoàn chú trọng đổi mới nội dung, hình thức và nâng cao chất lượng "
	"sinh hoạt chi bộ, đoàn thể trực thuộc và đặc biệt là tổ chức sinh hoạt chuyên đề trong toàn Đảng bộ. "
	"Đây là giải pháp góp phần nâng cao hiệu quả công tác tuyên truyền gắn với nhiệm vụ chính trị tại đơn vị."),
	("Chi bộ cơ quan Liên đoàn Lao động tỉnh hiện có 30 đảng viên sinh hoạt tại 4 tổ Đảng. Xác định rõ tầm "
	"quan trọng của sinh hoạt chuyên đề trong việc nâng cao chất lượng sinh hoạt chi bộ, ngay từ đầu năm "
	"chi bộ đã xây dựng kế hoạch sinh hoạt chuyên đề."),
	("Bên cạnh việc lựa chọn nội dung phù hợp, chi bộ đã chú trọng đến việc đổi mới hình thức tổ chức, "
	"trong năm qua đã tổ chức được hai kỳ sinh hoạt chuyên đề theo hình thức sân khấu hóa như tổ chức "
	"cuộc thi “Rung chuông vàng - Tìm hiểu lịch sử 90 năm vẻ vang của Đảng Cộng sản Việt Nam”."),
	("Sinh hoạt chuyên đề là loại hình sinh hoạt chi bộ chuyên sâu về một hoặc một vài nội dung có liên quan "
	"được chi bộ thực hiện ít nhất mỗi quý một lần và không thay thế cho sinh hoạt định kỳ hằng tháng."),
	"  name: \"CHI BỘ VĂN PHÒNG\"",
	"  superior: \"ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH\"",
	"  place: \"Lạng Sơn\"",
	"  chair: \"Nguyễn Văn An\"",
	"  topic: \"Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh\"",
	"      reason: \"Nghỉ ốm\"",
	"# Kế hoạch gốc",
	"Uỷ ban nhân dân tỉnh",
	"Việt Nam, Lạng Sơn",
	"Đảng viên gương mẫu.",
	"ĐẢNG CỘNG SẢN VIỆT NAM",
	"Lạng Sơn, ngày 15 tháng 3 năm 2023",
};

/* UTF-8 that is no legacy text, however odd it looks. */
static const char *const not_legacy[] = {
	"Café ©2023 ±5 «»",
	"“Rung chuông vàng” — phần thi sân khấu hóa…",
	"Hélène Dupont, Zoë Müller, Ångström",
	"São Paulo, Côte d’Ivoire, Curaçao",
	"déjà vu à la carte, naïve façade",
	"François Mitterrand à Hà Nội",
	"½ × 3 ÷ 4 ≈ 5 µm, 20°C, 10 € – 5 £",
	"Tô Hà",
	"Lê Thị Hà",
	"Hồ Chí Minh",
	"Ærøskøbing Åland Øresund",
	"señor niño, São João",
	"Ñandú, Þór, ðæ",
	"¿Qué? ¡Olé!",
	"Tôi là Hà — tháng 3",
	"tôt",           /* a typo for "tốt": made of Vietnamese letters, one word */
	"Việt Nam",      /* one word of Vietnamese letters says too little */
	"Bé",
	"Ô",
	"à",
	"ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH",
	"plain ASCII, nothing else",
	"",
};

/* The matrix: each sample in each encoding, raw and as mojibake, is taken
 * for that encoding and converts back to the sample. */
static void detection(void)
{
	for (size_t i = 0; i < COUNT_OF(vietnamese); i++)
		for (size_t k = 0; k < COUNT_OF(encodings); k++) {
			enum legacy e = encodings[k];
			size_t len;
			char *bytes = legacy_encode(e, vietnamese[i], strlen(vietnamese[i]), &len);
			char *moji = bytes ? mojibake(bytes, len) : NULL;
			CHECK(bytes != NULL);
			for (int form = 0; bytes && form < 2; form++) {
				const char *s = form ? moji : bytes;
				size_t n = form ? strlen(moji) : len;
				enum legacy g = legacy_guess(s, n);
				char *back = decode(e, s, n);
				bool ok = g == e && back && strcmp(back, vietnamese[i]) == 0;
				if (!ok)
					fprintf(stderr, "%s %s: guessed %s, read \"%s\" for \"%s\"\n", legacy_name(e),
						form ? "mojibake" : "raw", g ? legacy_name(g) : "none", back ? back : "-",
						vietnamese[i]);
				CHECK(ok);
				free(back);
			}
			free(bytes);
			free(moji);
		}
	for (size_t i = 0; i < COUNT_OF(not_legacy); i++) {
		enum legacy g = guess(not_legacy[i]);
		if (g != LEGACY_NONE)
			fprintf(stderr, "\"%s\" taken for %s\n", not_legacy[i], legacy_name(g));
		CHECK(g == LEGACY_NONE);
	}
	/* Unicode Vietnamese itself, every sample */
	for (size_t i = 0; i < COUNT_OF(vietnamese); i++)
		CHECK(guess(vietnamese[i]) == LEGACY_NONE);
	/* invalid UTF-8 that is no legacy text either: a sequence cut short */
	CHECK(guess("  name: \"CHI BỘ V\xE1\xBAN PHÒNG\"") == LEGACY_NONE);
	CHECK(guess("L\xFF\xFEng S\xFF") == LEGACY_NONE);
}

/* A file half retyped: lines in Unicode stay, legacy lines convert. */
static void lines(void)
{
	CHECK(legacy_line_wants(LEGACY_TCVN3, S("U\xFB ban")));                /* not UTF-8 */
	CHECK(legacy_line_wants(LEGACY_TCVN3, S("Uû ban nh©n d©n")));          /* mojibake */
	CHECK(!legacy_line_wants(LEGACY_TCVN3, S("Ủy ban nhân dân")));         /* Unicode */
	CHECK(!legacy_line_wants(LEGACY_TCVN3, S("Tô Hà")));                   /* reads well as it is */
	CHECK(!legacy_line_wants(LEGACY_VNI, S("plain")));
	struct legacy_tally t = {{0}, {0}, false};
	legacy_tally_add(&t, S("Uû ban nh©n d©n\nỦy ban nhân dân\nL¹ng S¬n\n"));
	CHECK(legacy_pick(&t) == LEGACY_TCVN3);
	CHECK(t.good[LEGACY_TCVN3] == 5);
}

#ifdef __GLIBC__
/* glibc's reading of bytes in code, as UTF-8 (NULL when it refuses). */
static char *iconv_to_utf8(const char *code, const char *in, size_t n)
{
	iconv_t cd = iconv_open("UTF-8", code);
	if (cd == (iconv_t)-1)
		return NULL;
	char *out = xcalloc(n * 4 + 16, 1), *o = out, *i = (char *)in;
	size_t left = n * 4 + 15;
	size_t r = iconv(cd, &i, &n, &o, &left);
	if (r != (size_t)-1)
		r = iconv(cd, NULL, NULL, &o, &left);  /* TCVN holds a letter back, waiting for a mark */
	iconv_close(cd);
	if (r == (size_t)-1) {
		free(out);
		return NULL;
	}
	return out;
}

/* glibc's bytes for UTF-8 s in code (NULL when it has none). */
static char *iconv_from_utf8(const char *code, const char *s)
{
	iconv_t cd = iconv_open(code, "UTF-8");
	if (cd == (iconv_t)-1)
		return NULL;
	size_t n = strlen(s), left = 64;
	char *out = xcalloc(65, 1), *o = out, *i = (char *)s;
	size_t r = iconv(cd, &i, &n, &o, &left);
	iconv_close(cd);
	if (r == (size_t)-1 || r > 0) {
		free(out);
		return NULL;
	}
	return out;
}

/* Our byte tables against glibc's TCVN5712-1 and CP1258, byte by byte. */
static void glibc_bytes(void)
{
	int same_tcvn = 0, same_cp1258 = 0, c0_letters = 0;
	for (int b = 1; b < 256; b++) {
		char in[1] = {(char)b};
		char *ours = decode(LEGACY_TCVN3, in, 1), *theirs = iconv_to_utf8("TCVN5712-1", in, 1);
		uint32_t cp = 0;
		utf8_decode(theirs, strlen(theirs), &cp);
		if (b < 0x80 && cp != (uint32_t)b)
			c0_letters++;  /* VN1 letters in C0: text files keep these bytes controls */
		else if (b >= 0x80 && b < 0xA0 && cp1252_c1[b - 0x80] >= 0x100)
			same_tcvn += strcmp(ours, theirs) != 0;  /* Windows-1252 punctuation, not VN1 */
		else if (strcmp(ours, theirs) == 0)
			same_tcvn++;
		else
			fprintf(stderr, "TCVN3 0x%02X: ours %s, glibc %s\n", b, ours, theirs);
		free(ours);
		free(theirs);
		ours = decode(LEGACY_CP1258, in, 1);
		theirs = iconv_to_utf8("CP1258", in, 1);
		bool same = theirs ? strcmp(ours, theirs) == 0 : strcmp(ours, "\xEF\xBF\xBD") == 0;
		if (!same)
			fprintf(stderr, "CP1258 0x%02X: ours %s, glibc %s\n", b, ours, theirs ? theirs : "-");
		same_cp1258 += same;
		free(ours);
		free(theirs);
	}
	CHECK(c0_letters == 12);           /* 0x01 0x02 0x04-0x06 0x11-0x17 */
	CHECK(same_tcvn == 255 - 12);
	CHECK(same_cp1258 == 255);
}

/* Every letter: glibc's bytes read back by our tables, and our bytes equal
 * to glibc's where ABC and VN1 agree (everything but the toned capitals). */
static void glibc_letters(void)
{
	char letters[160][5];
	size_t n = all_letters(letters);
	int tcvn_read = 0, tcvn_written = 0, cp_read = 0, cp_written = 0, toned_capitals = 0;
	for (size_t i = 0; i < n; i++) {
		char *theirs = iconv_from_utf8("TCVN5712-1", letters[i]);
		char *ours = encode(LEGACY_TCVN3, letters[i]);
		unsigned char b = theirs ? (unsigned char)theirs[0] : 0;
		if (upper_toned(letters[i])) {
			toned_capitals++;
			char *back = b >= 0xA0 ? decode(LEGACY_TCVN3, theirs, strlen(theirs)) : NULL;
			tcvn_read += b < 0xA0 || (back && strcmp(back, letters[i]) == 0);
			free(back);
		} else {
			tcvn_written += theirs && ours && strcmp(ours, theirs) == 0;
			tcvn_read++;
		}
		free(theirs);
		free(ours);
		theirs = iconv_from_utf8("CP1258", letters[i]);
		ours = encode(LEGACY_CP1258, letters[i]);
		cp_written += theirs && ours && strcmp(ours, theirs) == 0;
		if (theirs && ours && strcmp(ours, theirs) != 0)
			fprintf(stderr, "CP1258 %s: ours %s, glibc %s\n", letters[i], ours, theirs);
		char *back = theirs ? decode(LEGACY_CP1258, theirs, strlen(theirs)) : NULL;
		cp_read += back && strcmp(back, letters[i]) == 0;
		free(back);
		free(theirs);
		free(ours);
	}
	CHECK(toned_capitals == 60);
	CHECK(tcvn_read == (int)n);
	CHECK(tcvn_written == (int)n - 60);
	CHECK(cp_read == (int)n);
	CHECK(cp_written == (int)n);
}
#endif

/* ---- the quick verdict: legacy_no_evidence against its definition ---- */

/* Whether cp has a Windows-1252 byte (or a Latin-1 one, whose C1
 * controls fill Windows-1252's holes): mojibake could have made it. */
static bool has_byte(uint32_t cp)
{
	if (cp < 0x100)
		return true;
	for (int i = 0; i < 32; i++)
		if (cp1252_c1[i] == cp)
			return true;
	return false;
}

/* The rule as tally_line first applies it, the slow way: a line (cut at
 * every LF and CR, a leading byte-order mark set aside) is evidence when it
 * is past ASCII and either not UTF-8 or made only of characters that have
 * a byte. */
static bool slow_no_evidence(const char *s, size_t n)
{
	for (size_t at = 0; at <= n;) {
		size_t end = at;
		while (end < n && s[end] != '\n' && s[end] != '\r')
			end++;
		size_t i = at + (end - at >= 3 && memcmp(s + at, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0);
		bool ascii = true, valid = true, all_bytes = true;
		while (i < end) {
			uint32_t cp = (unsigned char)s[i];
			size_t len = 1;
			if (cp >= 0x80) {
				ascii = false;
				len = utf8_decode(s + i, end - i, &cp);
				if (!len) {
					valid = false;
					break;
				}
				all_bytes = all_bytes && has_byte(cp);
			}
			i += len;
		}
		if (!ascii && (!valid || all_bytes))
			return false;
		at = end + 1;
	}
	return true;
}

/* The tally legacy_guess skips must be empty, and its verdict the one
 * the whole tally gives. */
static void check_quick(const char *s, size_t n)
{
	bool quick = legacy_no_evidence(s, n);
	CHECK(quick == slow_no_evidence(s, n));
	struct legacy_tally t = {{0}, {0}, false};
	legacy_tally_add(&t, s, n);
	bool empty = !t.strong;
	for (int r = 0; r < LEGACY_COUNT; r++)
		empty = empty && !t.good[r] && !t.bad[r];
	if (quick)
		CHECK(empty);
	CHECK(legacy_guess(s, n) == legacy_pick(&t));
	if (utf8_invalid_at(s, n) == n)
		CHECK(legacy_guess_utf8(s, n) == legacy_guess(s, n));
	if (quick != slow_no_evidence(s, n))
		fprintf(stderr, "legacy_no_evidence wrong on \"%.*s\"\n", (int)n, s);
}

static void quick_verdicts(void)
{
	static const char *const tricky[] = {
		"", "title", "  id: \t'x'\n", "Việt Nam", "Đảng bộ", "Chi b\xE1\xBB\x99",
		"Vie\xCC\xA3\xCC\x82t Nam",                      /* NFD: combining marks */
		"Kh\xC3\xA1", "T\xC3\xAAn", "B\xC3\x81O C\xC3\x81O", "Trung b\xC3\xACnh",  /* Latin-1 letters only */
		"Uû ban nh©n d©n", "§¶ng bé", "Ch\xC6\xAF\xC6\xA1ng",  /* TCVN3 mojibake; real ư ơ */
		"Ñaûng boä", "Vieät Nam",                           /* VNI mojibake */
		"\xA7\xB6ng b\xE9", "Vi\xD6t",                      /* raw legacy bytes */
		"\xE1\xBB", "Vi\xE1\xBB\x87t \xE1\xBB",             /* cut short */
		"\xEF\xBB\xBF" "Kh\xC3\xA1", "\xEF\xBB\xBF" "Vi\xE1\xBB\x87t", "\xEF\xBB\xBF",
		"a\n\xEF\xBB\xBF" "Kh\xC3\xA1", "\xEF\xBB\xBF\xEF\xBB\xBF" "Kh\xC3\xA1",
		"Vi\xE1\xBB\x87t\nKh\xC3\xA1", "Kh\xC3\xA1\nVi\xE1\xBB\x87t",  /* one line of each */
		"Kh\xC3\xA1 Vi\xE1\xBB\x87t", "Vi\xE1\xBB\x87t\rKh\xC3\xA1", "Vi\xE1\xBB\x87t\r\nKh\xC3\xA1",
		"\xE2\x80\x9CVi\xE1\xBB\x87t\xE2\x80\x9D", "\xE2\x80\x9C" "abc" "\xE2\x80\x9D",  /* curly quotes */
		"a \xE2\x80\x93 b", "\xE2\x84\xA2", "\xE2\x84\xA3", "\xCB\x9C", "\xCB\x9D", "\xE2\x80\x92",
		"\xC5\xA0\xC5\xBD\xC5\x92\xC6\x92", "\xE2\x82\xAC" "5",          /* Š Ž Œ ƒ, € */
		"tab\there", "ctl\x01\x7F", "c1 \xC2\x85\xC2\x9B", "\xC2\xA0nbsp", "emoji \xF0\x9F\x98\x80",
		"\xE6\x97\xA5\xE6\x9C\xAC", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xC0\xAF",
	};
	for (size_t i = 0; i < COUNT_OF(tricky); i++)
		check_quick(tricky[i], strlen(tricky[i]));
	/* lines are cut in the pass that finds the evidence: two lines tally
	 * as each alone, whatever ends the first */
	static const char *const ends[] = {"\n", "\r", "\r\n"};
	int split_wrong = 0;
	for (size_t i = 0; i < COUNT_OF(tricky); i++)
		for (size_t k = 0; k < COUNT_OF(tricky); k++)
			for (size_t e = 0; e < COUNT_OF(ends); e++) {
				char joined[128];
				int len = snprintf(joined, sizeof joined, "%s%s%s", tricky[i], ends[e], tricky[k]);
				struct legacy_tally both = {{0}, {0}, false}, apart = {{0}, {0}, false};
				legacy_tally_add(&both, joined, (size_t)len);
				legacy_tally_add(&apart, tricky[i], strlen(tricky[i]));
				legacy_tally_add(&apart, tricky[k], strlen(tricky[k]));
				bool same = len < (int)sizeof joined && both.strong == apart.strong;
				for (int r = 0; r < LEGACY_COUNT; r++)
					same = same && both.good[r] == apart.good[r] && both.bad[r] == apart.bad[r];
				split_wrong += !same;
				if (utf8_invalid_at(joined, (size_t)len) == (size_t)len)
					split_wrong += legacy_guess_utf8(joined, (size_t)len) != legacy_guess(joined, (size_t)len);
			}
	CHECK(split_wrong == 0);
	/* every character alone, after ASCII and before a line of Latin-1 */
	int wrong = 0;
	for (uint32_t cp = 0x80; cp <= 0x10FFFF; cp++) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		char s[16] = "x";
		size_t n = 1 + utf8_encode(cp, s + 1);
		bool want = !has_byte(cp);
		wrong += legacy_no_evidence(s, n) != want;
		memcpy(s + n, "\n\xC3\xA1", 3);
		wrong += legacy_no_evidence(s, n + 3);
	}
	CHECK(wrong == 0);
}

int main(void)
{
	names();
	known_bytes();
	round_trips();
	advice();
	detection();
	lines();
	quick_verdicts();
#ifdef __GLIBC__
	glibc_bytes();
	glibc_letters();
#endif
	return unit_done("legacy");
}
