/* Vietnamese text: UTF-8 validity, NFC, letters and syllables, and the
 * "did you mean" distance. Pure functions, no I/O. */
#ifndef CHUYENDE_TEXT_H
#define CHUYENDE_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decodes one code point at s (n bytes left). Returns its length, or 0 for
 * an invalid or overlong sequence, a surrogate or a value past U+10FFFF.
 * Inline: every loop over text calls it once a character. */
static inline size_t utf8_decode(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	if (n == 0)
		return 0;
	unsigned char b = s[0];
	if (b < 0x80) {
		*cp = b;
		return 1;
	}
	/* by length, each with its own checks: 80..C1 never start a
	 * character (C0 and C1 only an overlong one), F5.. are past U+10FFFF */
	if (b < 0xC2)
		return 0;
	if (b < 0xE0) {
		if (n < 2 || (s[1] & 0xC0) != 0x80)
			return 0;
		*cp = (uint32_t)(b & 0x1F) << 6 | (uint32_t)(s[1] & 0x3F);
		return 2;
	}
	if (b < 0xF0) {
		if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
			return 0;
		uint32_t c = (uint32_t)(b & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 | (uint32_t)(s[2] & 0x3F);
		if (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF))  /* overlong, or a surrogate */
			return 0;
		*cp = c;
		return 3;
	}
	if (b > 0xF4 || n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
		return 0;
	uint32_t c = (uint32_t)(b & 0x07) << 18 | (uint32_t)(s[1] & 0x3F) << 12 | (uint32_t)(s[2] & 0x3F) << 6 |
		     (uint32_t)(s[3] & 0x3F);
	if (c < 0x10000 || c > 0x10FFFF)
		return 0;
	*cp = c;
	return 4;
}

/* Encodes cp into out (4 bytes at most); returns the length. */
size_t utf8_encode(uint32_t cp, char *out);
/* cp as UTF-16 code units in u: itself, or a surrogate pair past U+FFFF;
 * returns how many. */
static inline int utf16_encode(uint32_t cp, uint16_t u[2])
{
	if (cp < 0x10000) {
		u[0] = (uint16_t)cp;
		return 1;
	}
	cp -= 0x10000;
	u[0] = (uint16_t)(0xD800 + (cp >> 10));
	u[1] = (uint16_t)(0xDC00 + (cp & 0x3FF));
	return 2;
}
/* Offset of the first invalid byte, or n when s is valid UTF-8. */
size_t utf8_invalid_at(const char *s, size_t n);
/* Number of code points in s[0..n) (invalid bytes count one each). */
size_t utf8_length(const char *s, size_t n);
/* Offset of the first control character that text may not hold, or n when
 * s[0..n) has none; *cp gets its code point. Refused: the C0 controls but
 * tab and line feed (and carriage return when allow_cr: a file's line
 * ends), DEL (U+007F) and the C1 controls (U+0080-U+009F). */
size_t text_control_at(const char *s, size_t n, bool allow_cr, uint32_t *cp);

/* s normalised to NFC, as a new malloc'd string (s must be valid UTF-8). */
char *text_nfc(const char *s, size_t n, size_t *out_len);
/* True when s[0..n) is valid UTF-8 that is certainly NFC already, told
 * without utf8proc's mapping: text_nfc would copy it unchanged. False
 * says only that it may not be (NFD Vietnamese is not). */
bool text_known_nfc(const char *s, size_t n);
/* True when s[0..n) is ASCII. */
bool text_is_ascii(const char *s, size_t n);
/* What one pass over s[0..n) tells, each true only when it holds: */
struct text_scan {
	bool valid;         /* UTF-8 (utf8_invalid_at finds nothing); when
			     * false, so is every other field */
	bool ascii;         /* no byte past ASCII */
	bool known_nfc;     /* as text_known_nfc */
	bool no_controls;   /* text_control_at finds none when CR is allowed */
	bool no_cr;         /* no CR: with no_controls, none when it is not */
};
struct text_scan text_scan(const char *s, size_t n);
bool text_is_nfc(const char *s, size_t n);

/* Vietnamese letters: twelve vowels, each with one of six tones. */
enum viet_vowel { VOWEL_A, VOWEL_AW, VOWEL_AA, VOWEL_E, VOWEL_EE, VOWEL_I,   /* a ă â e ê i */
		  VOWEL_O, VOWEL_OO, VOWEL_OW, VOWEL_U, VOWEL_UW, VOWEL_Y,  /* o ô ơ u ư y */
		  VOWEL_COUNT };
enum viet_tone { TONE_NONE, TONE_GRAVE, TONE_ACUTE, TONE_HOOK, TONE_TILDE, TONE_DOT, TONE_COUNT };
/* The code point of a vowel with a tone, upper case when upper. */
uint32_t viet_letter(enum viet_vowel v, enum viet_tone t, bool upper);
/* Splits a Vietnamese vowel letter (precomposed) into its parts; false for
 * any other code point. */
bool viet_vowel_of(uint32_t cp, enum viet_vowel *v, enum viet_tone *t, bool *upper);
/* True when s[0..n) (NFC) spells one Vietnamese syllable: an initial
 * consonant, a rhyme Vietnamese has, at most one tone (sắc or nặng after
 * -c, -ch, -p, -t), in lower, Title or UPPER case. */
bool text_is_syllable(const char *s, size_t n);

/* Levenshtein distance over code points, capped at cap+1. */
size_t edit_distance(const char *a, const char *b, size_t cap);
/* The candidate closest to word, when close enough to be a likely typo. */
const char *did_you_mean(const char *word, const char *const *candidates, size_t n);

/* Copies s upper-cased (Vietnamese letters included) into a new string. */
char *text_upper(const char *s);
/* The key a unit's name is matched by (plan-format.md §7): NFC, case
 * folded, white space collapsed; bare also without marks, đ as d. malloc'd. */
char *text_name_key(const char *s, bool bare);
/* True when a and b are the same words once NFC, case and white space
 * are set aside ("Đã  họp" and "đã họp"): a label typed for an id. */
bool text_same_label(const char *a, const char *b);
/* True when label, a list of labels parted by "|", has one that is s. */
bool text_is_one_of_labels(const char *s, const char *labels);
/* A copy of s with its first letter lower-cased ("Sinh hoạt" -> "sinh hoạt"). */
char *text_lower_first(const char *s);
/* True when s has no characters other than spaces. */
bool text_blank(const char *s);

#endif
