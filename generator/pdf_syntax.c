/* PDF syntax by hand (pdf_syntax.h). */
#include "pdf_syntax.h"

#include <stdbool.h>

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
