#include "text.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "util.h"

size_t utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Eight bytes of s from i, for passing runs of ASCII a word at a time. */
static inline uint64_t word_at(const char *s, size_t i)
{
	uint64_t w;
	memcpy(&w, s + i, sizeof w);
	return w;
}

#define HIGH_BITS 0x8080808080808080ULL

size_t utf8_invalid_at(const char *s, size_t n)
{
	size_t i = 0;
	uint32_t cp;
	while (i < n) {
		if (n - i >= 8 && !(word_at(s, i) & HIGH_BITS)) {  /* eight ASCII bytes */
			i += 8;
			continue;
		}
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		size_t len = utf8_decode(s + i, n - i, &cp);
		if (!len)
			return i;
		i += len;
	}
	return n;
}

size_t utf8_length(const char *s, size_t n)
{
	size_t count = 0, i = 0;
	uint32_t cp;
	while (i < n) {
		size_t len = utf8_decode(s + i, n - i, &cp);
		i += len ? len : 1;
		count++;
	}
	return count;
}

size_t text_control_at(const char *str, size_t n, bool allow_cr, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	for (size_t i = 0; i < n; i++) {
		unsigned char b = s[i];
		if ((b < 0x20 && b != '\t' && b != '\n' && !(b == '\r' && allow_cr)) || b == 0x7F) {
			*cp = b;
			return i;
		}
		/* C1 is C2 80..9F in UTF-8; C2 is never a continuation byte, so
		 * this holds even in bytes that are not valid UTF-8 */
		if (b == 0xC2 && i + 1 < n && s[i + 1] >= 0x80 && s[i + 1] <= 0x9F) {
			*cp = s[i + 1];
			return i;
		}
	}
	return n;
}

bool text_is_ascii(const char *s, size_t n)
{
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {  /* eight bytes at a time */
		uint64_t w;
		memcpy(&w, s + i, 8);
		if (w & 0x8080808080808080u)
			return false;
	}
	for (; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return false;
	return true;
}

/* True when the character cp (past ASCII) cannot keep a text from being
 * NFC: a starter that is not excluded from composition (singletons such
 * as U+212B included) and cannot combine with what precedes it; Hangul
 * jamo compose by rule and are left to utf8proc. Precomposed Vietnamese
 * passes; NFD Vietnamese (combining marks) does not. */
static inline bool nfc_safe(uint32_t cp)
{
	if (cp >= 0x1100 && cp <= 0x11FF)
		return false;
	/* Precomposed letters are NFC, but a singleton (U+212B ANGSTROM
	 * SIGN becomes U+00C5) is not; the Latin blocks Vietnamese uses
	 * have no singletons, so only decompositions elsewhere go slow.
	 * Their letters are all starters that combine with nothing
	 * before them (text_test asks utf8proc): no need to look. */
	bool latin = (cp >= 0xC0 && cp <= 0x2FF) || (cp >= 0x1E00 && cp <= 0x1EFF);
	if (latin)
		return true;
	const utf8proc_property_t *p = utf8proc_get_property((utf8proc_int32_t)cp);
	bool second = p->comb_index != UINT16_MAX && p->comb_index >= 0x8000;
	return !(p->combining_class != 0 || p->comp_exclusion || second || p->decomp_seqindex != UINT16_MAX);
}

bool text_known_nfc(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		uint32_t cp;
		size_t len = utf8_decode(s + i, n - i, &cp);
		if (!len || !nfc_safe(cp))
			return false;
		i += len;
	}
	return true;
}

/* What text_scan notes of an ASCII byte: text_control_at's C0 and DEL
 * (SCAN_CONTROL), CR told apart (SCAN_CR); gathered with one OR a byte. */
enum { SCAN_CONTROL = 1, SCAN_CR = 2 };
static const uint8_t ascii_scan[128] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, SCAN_CR, 1, 1,  /* tab and LF are text */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, [0x7F] = SCAN_CONTROL,
};

struct text_scan text_scan(const char *s, size_t n)
{
	struct text_scan r = {.valid = true, .ascii = true, .known_nfc = true, .no_controls = true, .no_cr = true};
	unsigned seen = 0;  /* SCAN_* of the ASCII bytes */
	size_t i = 0;
	while (i < n) {
		unsigned char b = (unsigned char)s[i];
		if (b < 0x80) {
			seen |= ascii_scan[b];
			i++;
			continue;
		}
		uint32_t cp;
		size_t len = utf8_decode(s + i, n - i, &cp);
		if (!len)  /* nothing more is known */
			return (struct text_scan){0};
		r.ascii = false;
		if (cp < 0xA0)  /* C1: C2 80..9F, as text_control_at finds it */
			r.no_controls = false;
		if (r.known_nfc && !nfc_safe(cp))
			r.known_nfc = false;
		i += len;
	}
	if (seen & SCAN_CONTROL)
		r.no_controls = false;
	if (seen & SCAN_CR)
		r.no_cr = false;
	return r;
}

char *text_nfc(const char *s, size_t n, size_t *out_len)
{
	if (text_is_ascii(s, n) || text_known_nfc(s, n)) {  /* the common case: nothing to compose */
		char *copy = xstrndup(s, n);
		if (out_len)
			*out_len = n;
		return copy;
	}
	utf8proc_uint8_t *result = NULL;
	utf8proc_ssize_t len = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n,
		&result, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (len < 0) {
		if (len == UTF8PROC_ERROR_NOMEM)
			fatal_oom();
		/* Invalid input was refused earlier; keep the bytes as they are. */
		char *copy = xstrndup(s, n);
		if (out_len)
			*out_len = n;
		return copy;
	}
	if (out_len)
		*out_len = (size_t)len;
	return (char *)result;
}

bool text_is_nfc(const char *s, size_t n)
{
	size_t len;
	char *nfc = text_nfc(s, n, &len);
	bool same = len == n && memcmp(nfc, s, n) == 0;
	free(nfc);
	return same;
}

/* Lower-case vowels by vowel and tone (none, grave, acute, hook, tilde, dot). */
static const uint16_t viet_vowels[VOWEL_COUNT][TONE_COUNT] = {
	{0x0061, 0x00E0, 0x00E1, 0x1EA3, 0x00E3, 0x1EA1},  /* a à á ả ã ạ */
	{0x0103, 0x1EB1, 0x1EAF, 0x1EB3, 0x1EB5, 0x1EB7},  /* ă ằ ắ ẳ ẵ ặ */
	{0x00E2, 0x1EA7, 0x1EA5, 0x1EA9, 0x1EAB, 0x1EAD},  /* â ầ ấ ẩ ẫ ậ */
	{0x0065, 0x00E8, 0x00E9, 0x1EBB, 0x1EBD, 0x1EB9},  /* e è é ẻ ẽ ẹ */
	{0x00EA, 0x1EC1, 0x1EBF, 0x1EC3, 0x1EC5, 0x1EC7},  /* ê ề ế ể ễ ệ */
	{0x0069, 0x00EC, 0x00ED, 0x1EC9, 0x0129, 0x1ECB},  /* i ì í ỉ ĩ ị */
	{0x006F, 0x00F2, 0x00F3, 0x1ECF, 0x00F5, 0x1ECD},  /* o ò ó ỏ õ ọ */
	{0x00F4, 0x1ED3, 0x1ED1, 0x1ED5, 0x1ED7, 0x1ED9},  /* ô ồ ố ổ ỗ ộ */
	{0x01A1, 0x1EDD, 0x1EDB, 0x1EDF, 0x1EE1, 0x1EE3},  /* ơ ờ ớ ở ỡ ợ */
	{0x0075, 0x00F9, 0x00FA, 0x1EE7, 0x0169, 0x1EE5},  /* u ù ú ủ ũ ụ */
	{0x01B0, 0x1EEB, 0x1EE9, 0x1EED, 0x1EEF, 0x1EF1},  /* ư ừ ứ ử ữ ự */
	{0x0079, 0x1EF3, 0x00FD, 0x1EF7, 0x1EF9, 0x1EF5},  /* y ỳ ý ỷ ỹ ỵ */
};

/* The same vowels without tone, as the syllable tables spell them. */
static const char *const vowel_spelling[VOWEL_COUNT] = {
	"a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y",
};

uint32_t viet_letter(enum viet_vowel v, enum viet_tone t, bool upper)
{
	uint32_t cp = viet_vowels[v][t];
	return upper ? (uint32_t)utf8proc_toupper((utf8proc_int32_t)cp) : cp;
}

bool viet_vowel_of(uint32_t cp, enum viet_vowel *v, enum viet_tone *t, bool *upper)
{
	if (cp < 0x80) {  /* the table's ASCII: a e i o u y without tone */
		uint32_t l = cp >= 'A' && cp <= 'Z' ? cp | 0x20 : cp;
		static const char plain[] = "aeiouy";
		static const enum viet_vowel plain_vowel[] = {VOWEL_A, VOWEL_E, VOWEL_I, VOWEL_O, VOWEL_U, VOWEL_Y};
		for (int i = 0; i < 6; i++)
			if (l == (uint32_t)plain[i]) {
				*v = plain_vowel[i];
				*t = TONE_NONE;
				*upper = l != cp;
				return true;
			}
		return false;
	}
	uint32_t lower = (uint32_t)utf8proc_tolower((utf8proc_int32_t)cp);
	for (int i = 0; i < VOWEL_COUNT; i++)
		for (int j = 0; j < TONE_COUNT; j++)
			if (viet_vowels[i][j] == lower) {
				*v = (enum viet_vowel)i;
				*t = (enum viet_tone)j;
				*upper = lower != cp;
				return true;
			}
	return false;
}

/* A word taken apart: its letters lower-cased without tone, its tone. */
struct spelled {
	char s[48];
	size_t len;
	enum viet_tone tone;
};

/* Appends one letter of a word to w; false when it is no Vietnamese letter
 * or a second tone. *upper tells its case. */
static bool add_letter(struct spelled *w, uint32_t cp, bool *upper)
{
	const char *part;
	char ascii[2] = {0, 0};
	enum viet_vowel v;
	enum viet_tone t;
	if (cp == 0x0110 || cp == 0x0111) {
		part = "đ";
		*upper = cp == 0x0110;
	} else if (viet_vowel_of(cp, &v, &t, upper)) {
		if (t != TONE_NONE && w->tone != TONE_NONE)
			return false;
		if (t != TONE_NONE)
			w->tone = t;
		part = vowel_spelling[v];
	} else if (cp < 0x80 && ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') && !strchr("fjwzFJWZ", (int)cp)) {
		ascii[0] = (char)(cp | 0x20);
		part = ascii;
		*upper = cp < 'a';
	} else {
		return false;
	}
	size_t n = strlen(part);
	if (w->len + n >= sizeof w->s)
		return false;
	memcpy(w->s + w->len, part, n + 1);
	w->len += n;
	return true;
}

static bool has_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Rhymes with no final consonant. */
static const char *const open_rhymes[] = {
	"a", "ai", "ao", "au", "ay", "âu", "ây", "e", "eo", "ê", "êu", "i", "ia", "iu",
	"iêu", "yêu", "o", "oa", "oai", "oao", "oay", "oe", "oeo", "oi", "ô", "ôi", "ơ",
	"ơi", "u", "ua", "uây", "uê", "ui", "uôi", "uơ", "uy", "uya", "uyu", "ư", "ưa",
	"ưi", "ưu", "ươi", "ươu", "y",
};

enum { FIN_C = 1, FIN_CH = 2, FIN_M = 4, FIN_N = 8, FIN_NG = 16, FIN_NH = 32, FIN_P = 64, FIN_T = 128 };
static const struct {
	const char *s;
	int bit;
} finals[] = {
	{"ch", FIN_CH}, {"nh", FIN_NH}, {"ng", FIN_NG}, {"c", FIN_C}, {"m", FIN_M},
	{"n", FIN_N}, {"p", FIN_P}, {"t", FIN_T},
};

/* Vowel groups before a final consonant, and the finals each takes. */
#define FIN_COMMON (FIN_C | FIN_M | FIN_N | FIN_NG | FIN_P | FIN_T)
static const struct {
	const char *s;
	int finals;
} closed_rhymes[] = {
	{"a", FIN_COMMON | FIN_CH | FIN_NH}, {"ă", FIN_COMMON}, {"â", FIN_COMMON},
	{"e", FIN_COMMON}, {"ê", FIN_CH | FIN_M | FIN_N | FIN_NH | FIN_P | FIN_T},
	{"i", FIN_CH | FIN_M | FIN_N | FIN_NH | FIN_P | FIN_T}, {"o", FIN_COMMON},
	{"oo", FIN_C | FIN_NG}, {"ô", FIN_COMMON}, {"ơ", FIN_M | FIN_N | FIN_P | FIN_T},
	{"u", FIN_COMMON}, {"ư", FIN_C | FIN_M | FIN_N | FIN_NG | FIN_T}, {"iê", FIN_COMMON},
	{"yê", FIN_COMMON}, {"uô", FIN_C | FIN_M | FIN_N | FIN_NG | FIN_T}, {"ươ", FIN_COMMON},
	{"oa", FIN_COMMON | FIN_CH | FIN_NH}, {"oă", FIN_C | FIN_M | FIN_N | FIN_NG | FIN_T},
	{"oe", FIN_M | FIN_N | FIN_T}, {"uâ", FIN_N | FIN_NG | FIN_T},
	{"uê", FIN_CH | FIN_N | FIN_NH}, {"uy", FIN_CH | FIN_N | FIN_NH | FIN_P | FIN_T},
	{"uyê", FIN_N | FIN_T},
};

static bool closed_rhyme(const char *r, size_t len, enum viet_tone tone)
{
	for (size_t i = 0; i < COUNT_OF(finals); i++) {
		size_t f = strlen(finals[i].s);
		if (len <= f || strcmp(r + len - f, finals[i].s) != 0)
			continue;
		/* a syllable ending in a stop takes only the sắc or nặng tone */
		bool stop = finals[i].bit & (FIN_C | FIN_CH | FIN_P | FIN_T);
		if (stop && tone != TONE_ACUTE && tone != TONE_DOT)
			return false;
		for (size_t j = 0; j < COUNT_OF(closed_rhymes); j++)
			if (strlen(closed_rhymes[j].s) == len - f && strncmp(r, closed_rhymes[j].s, len - f) == 0)
				return (closed_rhymes[j].finals & finals[i].bit) != 0;
		return false;
	}
	return false;
}

static bool rhyme_ok(const char *r, enum viet_tone tone)
{
	for (size_t i = 0; i < COUNT_OF(open_rhymes); i++)  /* the first byte, before a call */
		if (r[0] == open_rhymes[i][0] && strcmp(r, open_rhymes[i]) == 0)
			return true;
	return closed_rhyme(r, strlen(r), tone);
}

/* Initial consonants, longest first so that "ngh" is tried before "ng". */
static const char *const initials[] = {
	"ngh", "ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr", "b", "c",
	"d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
};

/* c, g-less ng before e ê i y, and k, gh, ngh before anything else, are
 * spellings Vietnamese does not use. */
static bool initial_fits(const char *initial, const char *rhyme)
{
	bool front = rhyme[0] == 'e' || rhyme[0] == 'i' || rhyme[0] == 'y' || has_prefix(rhyme, "ê");
	if (strcmp(initial, "c") == 0 || strcmp(initial, "ng") == 0)
		return !front;
	if (strcmp(initial, "k") == 0 || strcmp(initial, "gh") == 0 || strcmp(initial, "ngh") == 0)
		return front;
	return true;
}

static bool spelled_ok(const struct spelled *w)
{
	for (size_t i = 0; i < COUNT_OF(initials); i++) {
		/* the first byte, before a call ("" is every word's) */
		if ((initials[i][0] && initials[i][0] != w->s[0]) || !has_prefix(w->s, initials[i]))
			continue;
		const char *rhyme = w->s + strlen(initials[i]);
		if (*rhyme && initial_fits(initials[i], rhyme) && rhyme_ok(rhyme, w->tone))
			return true;
	}
	return false;
}

bool text_is_syllable(const char *s, size_t n)
{
	struct spelled w = {.tone = TONE_NONE};
	size_t letters = 0, uppers = 0, i = 0;
	bool first_upper = false;
	while (i < n) {
		uint32_t cp;
		size_t len = utf8_decode(s + i, n - i, &cp);
		bool upper = false;
		if (!len || !add_letter(&w, cp, &upper))
			return false;
		if (letters++ == 0)
			first_upper = upper;
		uppers += upper;
		i += len;
	}
	bool cased = uppers == 0 || (uppers == 1 && first_upper) || uppers == letters;
	return letters > 0 && cased && spelled_ok(&w);
}

size_t edit_distance(const char *a, const char *b, size_t cap)
{
	uint32_t ca[64], cb[64];
	size_t na = 0, nb = 0, i = 0, len;
	size_t la = strlen(a), lb = strlen(b);
	while (i < la && na < 64 && (len = utf8_decode(a + i, la - i, &ca[na])))
		i += len, na++;
	for (i = 0; i < lb && nb < 64 && (len = utf8_decode(b + i, lb - i, &cb[nb]));)
		i += len, nb++;
	size_t row[65];
	for (size_t j = 0; j <= nb; j++)
		row[j] = j;
	for (size_t x = 1; x <= na; x++) {
		size_t diag = row[0], best = row[0] = x;
		for (size_t y = 1; y <= nb; y++) {
			size_t up = row[y];
			size_t cost = diag + (ca[x - 1] != cb[y - 1]);
			size_t v = up + 1 < row[y - 1] + 1 ? up + 1 : row[y - 1] + 1;
			row[y] = cost < v ? cost : v;
			diag = up;
			if (row[y] < best)
				best = row[y];
		}
		if (best > cap)
			return cap + 1;
	}
	return row[nb] > cap ? cap + 1 : row[nb];
}

const char *did_you_mean(const char *word, const char *const *candidates, size_t n)
{
	size_t wlen = utf8_length(word, strlen(word));
	size_t cap = wlen <= 3 ? 1 : wlen <= 6 ? 2 : 3;
	const char *best = NULL;
	size_t best_d = cap + 1;
	for (size_t i = 0; i < n; i++) {
		size_t d = edit_distance(word, candidates[i], cap);
		if (d < best_d) {
			best_d = d;
			best = candidates[i];
		}
	}
	return best;
}

char *text_upper(const char *s)
{
	struct buf b = {0};
	size_t n = strlen(s), i = 0;
	while (i < n) {
		uint32_t cp;
		size_t len = utf8_decode(s + i, n - i, &cp);
		if (!len) {
			buf_addc(&b, s[i++]);
			continue;
		}
		char enc[4];
		buf_add(&b, enc, utf8_encode((uint32_t)utf8proc_toupper((utf8proc_int32_t)cp), enc));
		i += len;
	}
	buf_grow(&b, 0);
	return b.data;
}

bool text_blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return false;
	return true;
}

char *text_lower_first(const char *s)
{
	size_t n = strlen(s);
	uint32_t cp;
	size_t len = utf8_decode(s, n, &cp);
	if (!len)
		return xstrdup(s);
	char enc[4];
	size_t m = utf8_encode((uint32_t)utf8proc_tolower((utf8proc_int32_t)cp), enc);
	char *out = xmalloc(n - len + m + 1);
	memcpy(out, enc, m);
	memcpy(out + m, s + len, n - len + 1);
	return out;
}

/* cp case folded (and, when bare, without its marks) when that is one
 * code point that utf8proc_map would give for it in any text: ASCII, and
 * the precomposed Latin letters, Vietnamese ones among them, which no
 * neighbour composes with; 0 for anything else (a combining mark, a fold
 * of two code points such as ß), and the caller then maps the whole text. */
static uint32_t fold_alone(uint32_t cp, bool bare)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp;
	if (!((cp >= 0xC0 && cp < 0x250) || (cp >= 0x1E00 && cp < 0x1F00)))
		return 0;
	utf8proc_int32_t out[4];
	int boundclass = 0;
	utf8proc_option_t opt = UTF8PROC_STABLE | UTF8PROC_CASEFOLD | (bare ? UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK : 0);
	return utf8proc_decompose_char((utf8proc_int32_t)cp, out, 4, opt, &boundclass) == 1 ? (uint32_t)out[0] : 0;
}

/* Appends the key of text[0..n) to b, folding each character with
 * fold_alone when fold is set (else it is folded already); false when
 * some character needs more than that. */
static bool add_name_key(struct buf *b, const char *text, size_t n, bool bare, bool fold)
{
	bool space = false;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = utf8_decode(text + i, n - i, &cp);
		if (!len)
			return !fold;  /* mapped text is UTF-8: never */
		i += len;
		if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
		    (cp >= 0x80 && utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_ZS)) {
			space = b->len > 0;
			continue;
		}
		if (fold && !(cp = fold_alone(cp, bare)))
			return false;
		if (space)
			buf_addc(b, ' ');
		space = false;
		if (bare && cp == 0x0111)  /* đ */
			cp = 'd';
		char enc[4];
		buf_add(b, enc, utf8_encode(cp, enc));
	}
	return true;
}

/* The key two names of a unit are compared by: NFC, case folded, runs of
 * white space one space, none at the ends. bare also drops tone and vowel
 * marks and writes đ as d, for names typed without them. A name of
 * letters that fold alone (nearly all) is folded character by character;
 * others go through utf8proc_map, some twenty times the work. */
char *text_name_key(const char *s, bool bare)
{
	size_t n = strlen(s);
	struct buf b = {0};
	if (!add_name_key(&b, s, n, bare, true)) {
		b.len = 0;
		utf8proc_option_t opt = UTF8PROC_STABLE | UTF8PROC_CASEFOLD |
					(bare ? UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK : UTF8PROC_COMPOSE);
		utf8proc_uint8_t *mapped = NULL;
		utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &mapped, opt);
		if (m < 0)  /* not UTF-8: the text as it is (checked input never is) */
			buf_adds(&b, s);
		else
			add_name_key(&b, (const char *)mapped, (size_t)m, bare, false);
		free(mapped);
	}
	/* exact size: a report keeps two keys for each of thousands of cells */
	char *key = realloc(b.data, b.len + 1);
	if (!key)
		fatal_oom();
	key[b.len] = '\0';
	return key;
}

bool text_same_label(const char *a, const char *b)
{
	char *ka = text_name_key(a, false), *kb = text_name_key(b, false);
	bool same = *ka && strcmp(ka, kb) == 0;
	free(ka);
	free(kb);
	return same;
}

bool text_is_one_of_labels(const char *s, const char *labels)
{
	for (const char *p = labels; p && *p;) {
		const char *bar = strchr(p, '|');
		size_t n = bar ? (size_t)(bar - p) : strlen(p);
		char *one = xstrndup(p, n);
		bool same = text_same_label(s, one);
		free(one);
		if (same)
			return true;
		p += n + (bar != NULL);
	}
	return false;
}
