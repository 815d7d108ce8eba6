/* PDF syntax by hand (pdf_syntax.h). */
#include "pdf_syntax.h"

#include <stdbool.h>
#include <string.h>

#include "text.h"

void pdf_add_int(struct buf *b, long long v)
{
	pdf_add_fixed(b, v, 0);
}

void pdf_add_fixed(struct buf *b, long long v, int decimals)
{
	char tmp[48], *end = tmp + sizeof tmp, *o = end;
	unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
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
	if (v < 0)
		*--o = '-';
	buf_add(b, o, (size_t)(end - o));
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
