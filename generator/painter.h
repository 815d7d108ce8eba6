/* The painter: the only user of libharu. Loads the template's fonts
 * (font.c: read once per process), measures text for layout, draws a
 * finished layout with subsets of exactly the glyphs it uses, and saves
 * the PDF atomically (temporary file beside the target, then rename). */
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
/* Draws every page of l and returns the PDF's bytes in *data (malloc'd),
 * reporting problems against name. */
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
