/* From a checked plan to a PDF (or a layout dump): build the document's
 * boxes, lay them out, check the glyphs, paint and save atomically. The
 * builder may hand its boxes over in chunks (compose_flush): each page is
 * painted as soon as the layout has finished it, so memory holds a page
 * and the compressed PDF so far, not the document. Nothing is written
 * when the document runs past the page limit or a font lacks a glyph. */
#ifndef CHUYENDE_RENDER_H
#define CHUYENDE_RENDER_H

#include <stdio.h>

#include "documents.h"

enum doc_kind { DOC_AGENDA, DOC_MINUTES, DOC_PAPER };

typedef void (*doc_builder)(struct compose *c, const struct loaded_plan *lp, struct built_doc *out);

struct render_target {
	const char *output;      /* PDF path, or NULL with dump set */
	FILE *dump;              /* --dump-layout: write the layout here instead */
	struct buf *pdf;         /* or keep the PDF here, in memory */
	int *pages;              /* optional: receives the page count */
};

/* Any document: build(c, ctx, out) makes its boxes. Reports problems to d
 * against src[0] (a character no font has: where it first appears in the
 * sources). Returns an exit status (0, 1 or 3). */
typedef void (*any_builder)(struct compose *c, const void *ctx, struct built_doc *out);
int render_document(const struct template *t, const struct text_source *src, size_t n_src,
		    any_builder build, const void *ctx, const struct render_target *to, struct diags *d);
/* One plan's document. */
int render_plan(doc_builder build, const struct loaded_plan *lp, const struct render_target *to, struct diags *d);
/* Page geometry from a template. */
struct page_setup template_page_setup(const struct template *t);

#endif
