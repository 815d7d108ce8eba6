/* The painter: the only user of libharu. Takes a laid-out document and
 * the fonts it was measured with, draws its pages with subsets of exactly
 * the glyphs they use, and saves the PDF atomically (temporary file beside
 * the target, then rename). Pages may come one by one, as the layout
 * finishes them. It never sees the input: what the pages say was checked
 * before (a character no font has is the checks' to report). */
#ifndef CHUYENDE_PAINTER_H
#define CHUYENDE_PAINTER_H

#include <stdbool.h>

#include "diag.h"
#include "doc_info.h"
#include "layout.h"

struct painter;
struct font_set;

/* Draws with fonts (font_cache.c), which must outlive the painter; font
 * problems are reported against the file that names them. Returns NULL
 * after a diagnostic when libharu cannot start. */
struct painter *painter_new(const struct font_set *fonts, struct diags *d);

/* ---- a document page by page ----
 * For each page as the layout hands it over (l holding that page, see
 * layout_sink): painter_draw_page; at the end painter_write_file or
 * painter_write_pdf.
 * A page is drawn, its glyphs added to the fonts' subsets and its content
 * deflated at once, so the painter holds compressed pages only. */
/* Draws the items of l on page as the next page of the document. Does
 * nothing once drawing failed (the document will not be written; writing
 * it says why). */
void painter_draw_page(struct painter *p, const struct layout *l, int page);
/* Finishes the document (fonts, info, PDF/A) and appends its bytes to
 * out, or writes it to out_path atomically (see painter_save). Reports
 * problems against name (out_path) and returns false then. */
bool painter_write_pdf(struct painter *p, const struct doc_info *info, const char *name, struct buf *out,
		       struct diags *d);
/* durable: flushed to disk before it replaces out_path (else the caller
 * syncs later, as a build does once for all its files). */
bool painter_write_file(struct painter *p, const struct doc_info *info, const char *out_path, bool durable,
			struct diags *d);

/* Draws every page of a whole layout l and returns the PDF's bytes in
 * *data (malloc'd), reporting problems against name. */
bool painter_pdf(struct painter *p, const struct layout *l, const struct doc_info *info, const char *name,
		 char **data, size_t *n, struct diags *d);
/* Draws every page of l and writes the PDF to out_path atomically.
 * SOURCE_DATE_EPOCH, when set, is the creation date; nothing else varies
 * (an archival document's /ID comes from its content, never the clock).
 * Reports OUTPUT_FAILED (FONT_FAILED when the glyph data of a font is
 * damaged) and leaves out_path untouched on failure. */
bool painter_save(struct painter *p, const struct layout *l, const struct doc_info *info,
		  const char *out_path, struct diags *d);
void painter_free(struct painter *p);

#endif
