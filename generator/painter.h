/* The painter: the only user of libharu. Loads the template's fonts
 * (font.c: read once per process), measures text for layout, draws the
 * pages of a layout with subsets of exactly the glyphs they use, and
 * saves the PDF atomically (temporary file beside the target, then
 * rename). Pages may come one by one, as the layout finishes them. */
#ifndef CHUYENDE_PAINTER_H
#define CHUYENDE_PAINTER_H

#include <stdbool.h>

#include "date.h"
#include "diag.h"
#include "layout.h"
#include "template.h"

struct painter;

struct doc_info {
	const char *title, *author, *subject, *keywords;
	/* An archived document (a final paper, the archive register): the
	 * PDF is PDF/A-1b (see painter.c); otherwise plain PDF 1.3, without
	 * metadata or colour profile. */
	bool archival;
	/* The day an archival document stands for (its meeting; the register's
	 * latest entry), year 0 when none: its creation date at 00:00 UTC
	 * unless SOURCE_DATE_EPOCH is set. Ignored for other documents. */
	struct ymd date;
};

/* Font files: each name of template->fonts is a path (absolute, or relative
 * to the working folder) or a file name looked up in the fonts/ folder
 * beside templates/ and then in /usr/share/fonts/truetype/liberation2.
 * Reports FONT_FAILED against file and returns NULL on failure. */
struct painter *painter_new(const struct template *t, const char *file, struct diags *d);
const struct font_metrics *painter_metrics(struct painter *p);
/* A file a document's text comes from (path NULL: not one to search), as
 * diagnostics name it. */
struct text_source {
	const char *path, *shown;
};
/* Reports MISSING_GLYPH for each character of the layout a font lacks
 * (once per character), at its first place in the sources, searched in
 * order (else against the first, with no line: text of the template);
 * returns false if any. */
bool painter_check_glyphs(struct painter *p, const struct layout *l, const struct text_source *src,
			  size_t n_src, struct diags *d);

/* ---- a document page by page ----
 * For each page as the layout hands it over (l holding that page, see
 * layout_sink): painter_check_page, then painter_draw_page; at the end
 * painter_report_missing, then painter_write_file or painter_write_pdf.
 * A page is drawn, its glyphs added to the fonts' subsets and its content
 * deflated at once, so the painter holds compressed pages only. */
/* Notes the characters of l's lines that no font has. */
void painter_check_page(struct painter *p, const struct layout *l);
/* Reports MISSING_GLYPH for each of them, as painter_check_glyphs does;
 * returns false if any. */
bool painter_report_missing(struct painter *p, const struct text_source *src, size_t n_src, struct diags *d);
/* Draws the items of l on page as the next page of the document. Does
 * nothing once a character was found missing or drawing failed (the
 * document will not be written; writing it says why). */
void painter_draw_page(struct painter *p, const struct layout *l, int page);
/* Finishes the document (fonts, info, PDF/A) and appends its bytes to
 * out, or writes it to out_path atomically (see painter_save). Reports
 * problems against name (out_path) and returns false then. */
bool painter_write_pdf(struct painter *p, const struct doc_info *info, const char *name, struct buf *out,
		       struct diags *d);
bool painter_write_file(struct painter *p, const struct doc_info *info, const char *out_path, struct diags *d);

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
