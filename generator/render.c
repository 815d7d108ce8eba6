#include "render.h"

#include <stdio.h>
#include <stdlib.h>

struct page_setup template_page_setup(const struct template *t)
{
	return (struct page_setup){
		.width = MM_TO_PT(t->page.width_mm),
		.height = MM_TO_PT(t->page.height_mm),
		.margin_top = MM_TO_PT(t->page.margin_top_mm),
		.margin_bottom = MM_TO_PT(t->page.margin_bottom_mm),
		.margin_left = MM_TO_PT(t->page.margin_left_mm),
		.margin_right = MM_TO_PT(t->page.margin_right_mm),
		.page_numbers_from = t->page.page_numbers_from,
		.page_number_size = t->size.small,
		.watermark_size = t->size.title,
	};
}

static int pdf_in_memory(struct painter *p, const struct layout *l, const struct doc_info *info,
			 const char *name, struct buf *out, struct diags *d)
{
	char *data;
	size_t n;
	if (!painter_pdf(p, l, info, name, &data, &n, d))
		return EXIT_SYSTEM;
	buf_add(out, data, n);
	free(data);
	return EXIT_OK;
}

int render_document(const struct template *t, const struct text_source *src, size_t n_src,
		    any_builder build, const void *ctx, const struct render_target *to, struct diags *d)
{
	struct painter *painter = painter_new(t, src[0].shown, d);
	if (!painter)
		return EXIT_SYSTEM;
	struct arena arena = {0};
	struct compose c;
	compose_init(&c, &arena, t);
	struct built_doc doc = {0};
	build(&c, ctx, &doc);

	struct page_setup setup = template_page_setup(t);
	setup.watermark = doc.watermark;
	struct layout layout = {0};
	layout_run(&layout, &setup, doc.body.v, doc.body.n, painter_metrics(painter));
	if (to->pages)
		*to->pages = layout.n_pages;

	int status = EXIT_OK;
	if (layout.too_many_pages) {
		char limit[16];
		snprintf(limit, sizeof limit, "%d", LAYOUT_PAGE_LIMIT);
		diag(d, DIAG_PAGE_LIMIT, src[n_src - 1].shown, (struct pos){0, 0}, limit, NULL);
		status = EXIT_INPUT;
	} else if (!painter_check_glyphs(painter, &layout, src, n_src, d))
		status = EXIT_INPUT;
	else if (to->dump)
		layout_dump(&layout, to->dump);
	else if (to->pdf)
		status = pdf_in_memory(painter, &layout, &doc.info, src[0].shown, to->pdf, d);
	else if (!painter_save(painter, &layout, &doc.info, to->output, d))
		status = EXIT_SYSTEM;
	layout_free(&layout);
	arena_free(&arena);
	painter_free(painter);
	return status;
}

struct plan_job {
	doc_builder build;
	const struct loaded_plan *lp;
};

static void build_plan_doc(struct compose *c, const void *ctx, struct built_doc *out)
{
	const struct plan_job *job = ctx;
	job->build(c, job->lp, out);
}

int render_plan(doc_builder build, const struct loaded_plan *lp, const struct render_target *to, struct diags *d)
{
	struct plan_job job = {build, lp};
	struct text_source src[2] = {{lp->plan.path, lp->plan.path}};
	size_t n = 1;
	if (lp->has_draft && lp->draft_path)  /* (a lone draft is the plan's path) */
		src[n++] = (struct text_source){lp->draft_path, lp->draft.path};
	return render_document(lp->tpl, src, n, build_plan_doc, &job, to, d);
}
