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
/* v / 10^decimals (decimals at most 19), fixed point, trailing zeros
 * dropped ("12.5", "-3", "0.25"): no locale, no float printing. */
void pdf_add_fixed(struct buf *b, long long v, int decimals);
/* Four upper-case hex digits of v (0..0xFFFF), as CMaps write codes, at
 * o; returns the end. */
char *pdf_put_hex4(char *o, unsigned v);
/* A text string (an outline's title, an Info entry) as a literal string:
 * its bytes when it is printable ASCII (PDFDocEncoding says the same),
 * else UTF-16BE after a byte-order mark, half the size of libharu's hex
 * strings; the parentheses and the backslash escaped, and CR, which a
 * reader would take for LF. Bytes that are not UTF-8 become U+FFFD. */
void pdf_add_text_string(struct buf *b, const char *utf8);
/* A CID font's /W array for the widths w[0..n) of CIDs 0..n-1, those of
 * width dw (the font's /DW) left out: "c1 c2 w" for three or more equal
 * widths in a row, "c [w1 w2 ...]" for the others, a lone dw among them
 * kept in the list; no space where PDF needs none. */
void pdf_add_widths(struct buf *b, const unsigned *w, size_t n, unsigned dw);

#endif
