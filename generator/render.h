/* From a checked plan to a PDF (or a layout dump): build the document's
 * boxes, lay them out, check the glyphs, paint and save atomically. The
 * builder may hand its boxes over in chunks (compose_flush): each page is
 * painted as soon as the layout has finished it, so memory holds a page
 * and the compressed PDF so far, not the document. Nothing is written
 * when the document runs past the page limit or a font lacks a glyph.
 *
 * render_doc.c does all but the painting and knows no PDF: it hands the
 * pages to a struct page_writer. render_pdf.c gives it the painter's;
 * without one (render_dump) only a --dump-layout can be made, and nothing
 * of libharu is linked. */
#ifndef CHUYENDE_RENDER_H
#define CHUYENDE_RENDER_H

#include <stdio.h>

#include "documents.h"

struct render_target {
	const char *output;      /* PDF path, or NULL with dump set */
	FILE *dump;              /* --dump-layout: write the layout here instead */
	struct buf *pdf;         /* or keep the PDF here, in memory */
	int *pages;              /* optional: receives the page count */
	bool sync_later;         /* not flushed to disk: the caller syncs the tree (build) */
};

/* Any document: build(c, ctx, out) makes its boxes. Reports problems to d
 * against src[0] (a character no font has: where it first appears in the
 * texts of src). Returns an exit status (0, 1 or 3). */
typedef void (*any_builder)(struct compose *c, const void *ctx, struct built_doc *out);
int render_document(const struct template *t, const struct text_source *src, size_t n_src,
		    any_builder build, const void *ctx, const struct render_target *to, struct diags *d);
/* One plan's document: TDOC_AGENDA, TDOC_MINUTES or TDOC_PAPER. */
int render_plan(enum tdoc kind, const struct loaded_plan *lp, const struct render_target *to, struct diags *d);

/* What takes the pages as the layout finishes them, and the document at
 * its end: the painter (render_pdf.c). */
struct font_set;
struct page_writer {
	void *(*open)(const struct font_set *fonts, struct diags *d);   /* NULL: failed, reported */
	void (*page)(void *w, const struct layout *l, int page);
	/* to->pdf or to->output; false after a diagnostic against name */
	bool (*write)(void *w, const struct doc_info *info, const struct render_target *to, const char *name,
		      struct diags *d);
	void (*close)(void *w);
};
/* render_document with the pages going to writer (NULL: to->dump only). */
int render_with(const struct page_writer *writer, const struct template *t, const struct text_source *src,
		size_t n_src, any_builder build, const void *ctx, const struct render_target *to,
		struct diags *d);
/* render_plan with writer. */
int render_plan_with(const struct page_writer *writer, enum tdoc kind, const struct loaded_plan *lp,
		     const struct render_target *to, struct diags *d);
/* Page geometry from a template. */
struct page_setup template_page_setup(const struct template *t);

#endif
