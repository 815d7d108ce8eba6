#include "render.h"

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

int render_document(const struct template *t, const char *file, any_builder build, const void *ctx,
		    const struct render_target *to, struct diags *d)
{
	struct painter *painter = painter_new(t, file, d);
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
	if (!painter_check_glyphs(painter, &layout, file, d))
		status = EXIT_INPUT;
	else if (to->dump)
		layout_dump(&layout, to->dump);
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
	return render_document(lp->tpl, lp->plan.path, build_plan_doc, &job, to, d);
}
