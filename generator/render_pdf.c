/* The painter as the page_writer of render_doc.c: the one place where a
 * document meets libharu. */
#include "render.h"

#include "painter.h"

static void *open_painter(const struct font_set *fonts, struct diags *d)
{
	return painter_new(fonts, d);
}

static void draw_page(void *w, const struct layout *l, int page)
{
	painter_draw_page(w, l, page);
}

static bool write_pdf(void *w, const struct doc_info *info, const struct render_target *to, const char *name,
		      struct diags *d)
{
	if (to->pdf)
		return painter_write_pdf(w, info, name, to->pdf, d);
	return painter_write_file(w, info, to->output, !to->sync_later, d);
}

static void close_painter(void *w)
{
	painter_free(w);
}

static const struct page_writer pdf_writer = {open_painter, draw_page, write_pdf, close_painter};

int render_document(const struct template *t, const struct text_source *src, size_t n_src,
		    any_builder build, const void *ctx, const struct render_target *to, struct diags *d)
{
	return render_with(&pdf_writer, t, src, n_src, build, ctx, to, d);
}

int render_plan(enum tdoc kind, const struct loaded_plan *lp, const struct render_target *to, struct diags *d)
{
	return render_plan_with(&pdf_writer, kind, lp, to, d);
}
