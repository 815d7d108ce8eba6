/* PDF's own syntax, written by hand into a buffer: numbers, hex codes,
 * strings and the compact forms of a CID font's widths. Pure functions,
 * no libharu: what the painter writes without libharu's objects, which
 * format through vsnprintf and write strings as hex. */
#ifndef CHUYENDE_PDF_SYNTAX_H
#define CHUYENDE_PDF_SYNTAX_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* A decimal integer. */
void pdf_add_int(struct buf *b, long long v);
/* v / 10^decimals, fixed point, trailing zeros dropped ("12.5", "-3",
 * "0.25"): no locale, no float printing. */
void pdf_add_fixed(struct buf *b, long long v, int decimals);
/* Four upper-case hex digits of v (0..0xFFFF), as CMaps write codes, at
 * o; returns the end. */
char *pdf_put_hex4(char *o, unsigned v);

#endif
