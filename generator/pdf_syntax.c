/* PDF syntax by hand (pdf_syntax.h). */
#include "pdf_syntax.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "text.h"

void pdf_add_int(struct buf *b, long long v)
{
	pdf_add_fixed(b, v, 0);
}

/* The digits of u, fraction first, backwards from o. */
static char *digits64(char *o, unsigned long long u, int decimals)
{
	bool digits = false;  /* a fraction digit kept: the rest are kept too */
	for (int i = 0; i < decimals; i++, u /= 10) {
		if (u % 10 || digits) {
			*--o = (char)('0' + u % 10);
			digits = true;
		}
	}
	if (digits)
		*--o = '.';
	do {
		*--o = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	return o;
}

static const char digit_pairs[201] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
				     "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
				     "8081828384858687888990919293949596979899";

/* The same for u that fits 32 bits (a page's coordinates do) and at most
 * 9 decimals: the fraction at once, its trailing zeros dropped, and the
 * integer two digits at a time, some 40 instructions a number less. */
static char *digits32(char *o, uint32_t u, int decimals)
{
	static const uint32_t pow10[10] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000,
					   1000000000};
	uint32_t frac = u % pow10[decimals];
	u /= pow10[decimals];
	if (frac) {
		int n = decimals;
		while (frac % 10 == 0) {
			frac /= 10;
			n--;
		}
		for (; n > 0; n--, frac /= 10)
			*--o = (char)('0' + frac % 10);
		*--o = '.';
	}
	while (u >= 100) {
		o -= 2;
		memcpy(o, digit_pairs + 2 * (u % 100), 2);
		u /= 100;
	}
	if (u >= 10) {
		o -= 2;
		memcpy(o, digit_pairs + 2 * u, 2);
	} else {
		*--o = (char)('0' + u);
	}
	return o;
}

/* A number is written at most NUMBER_MAX bytes long: 20 digits, the
 * point and the sign. It is copied as NUMBER_MAX bytes at once, which the
 * compiler does in a few moves rather than a call to memcpy; the buffer
 * keeps only the number's own. */
#define NUMBER_MAX 24

void pdf_add_fixed(struct buf *b, long long v, int decimals)
{
	char tmp[2 * NUMBER_MAX] = {0}, *end = tmp + NUMBER_MAX, *o = end;
	unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
	if (decimals > 19)
		decimals = 19;  /* more would divide nothing: only zeros */
	o = u <= UINT32_MAX && decimals <= 9 ? digits32(o, (uint32_t)u, decimals < 0 ? 0 : decimals)
					     : digits64(o, u, decimals);
	if (v < 0)
		*--o = '-';
	size_t n = (size_t)(end - o);
	if (b->cap - b->len <= NUMBER_MAX)
		buf_grow(b, NUMBER_MAX);
	memcpy(b->data + b->len, o, NUMBER_MAX);
	b->len += n;
	b->data[b->len] = '\0';
}

static const char hex_digits[] = "0123456789ABCDEF";

char *pdf_put_hex4(char *o, unsigned v)
{
	o[0] = hex_digits[v >> 12 & 15];
	o[1] = hex_digits[v >> 8 & 15];
	o[2] = hex_digits[v >> 4 & 15];
	o[3] = hex_digits[v & 15];
	return o + 4;
}

/* One byte of a literal string: the delimiters and the backslash escaped,
 * and CR, which a reader would take for an end of line and read as LF. */
static void add_string_byte(struct buf *b, unsigned char c)
{
	if (c == '(' || c == ')' || c == '\\') {
		char e[2] = {'\\', (char)c};
		buf_add(b, e, 2);
	} else if (c == '\r') {
		buf_add(b, "\\r", 2);
	} else {
		buf_addc(b, (char)c);
	}
}

void pdf_add_text_string(struct buf *b, const char *utf8)
{
	size_t n = strlen(utf8);
	bool ascii = true;  /* printable ASCII only: the same bytes in PDFDocEncoding */
	for (size_t i = 0; i < n && ascii; i++)
		ascii = utf8[i] >= 0x20 && utf8[i] < 0x7F;
	buf_addc(b, '(');
	if (ascii) {
		for (size_t i = 0; i < n; i++)
			add_string_byte(b, (unsigned char)utf8[i]);
		buf_addc(b, ')');
		return;
	}
	buf_add(b, "\xFE\xFF", 2);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = utf8_decode(utf8 + i, n - i, &cp);
		if (!len) {
			len = 1;
			cp = 0xFFFD;
		}
		i += len;
		uint16_t units[2];
		int k = utf16_encode(cp, units);
		for (int j = 0; j < k; j++) {
			add_string_byte(b, (unsigned char)(units[j] >> 8));
			add_string_byte(b, (unsigned char)(units[j] & 0xFF));
		}
	}
	buf_addc(b, ')');
}

/* The length of the run of equal widths at w[i]. */
static size_t equal_run(const unsigned *w, size_t n, size_t i)
{
	size_t j = i;
	while (j < n && w[j] == w[i])
		j++;
	return j - i;
}

void pdf_add_widths(struct buf *b, const unsigned *w, size_t n, unsigned dw)
{
	buf_addc(b, '[');
	bool first = true;  /* no space before the first item */
	for (size_t i = 0; i < n;) {
		if (w[i] == dw) {
			i++;
			continue;
		}
		size_t r = equal_run(w, n, i);
		if (!first)
			buf_addc(b, ' ');
		first = false;
		pdf_add_int(b, (long long)i);
		if (r >= 3) {  /* "c1 c2 w" */
			buf_addc(b, ' ');
			pdf_add_int(b, (long long)(i + r - 1));
			buf_addc(b, ' ');
			pdf_add_int(b, (long long)w[i]);
			i += r;
			continue;
		}
		/* "c [w1 w2 ...]" up to a run of four or more equal widths,
		 * which a range says in fewer bytes, or two of the default
		 * width in a row; one default width between others costs less
		 * inside than a new list after */
		buf_addc(b, '[');
		for (bool any = false; i < n; i++, any = true) {
			if (w[i] == dw && (i + 1 == n || w[i + 1] == dw))
				break;
			if (w[i] != dw && any && equal_run(w, n, i) >= 4)
				break;
			if (any)
				buf_addc(b, ' ');
			pdf_add_int(b, (long long)w[i]);
		}
		buf_addc(b, ']');
		first = true;  /* "]" ends the item: the next needs no space */
	}
	buf_addc(b, ']');
}
