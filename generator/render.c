#include "render.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "os.h"
#include "syserr.h"

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

/* A document on its way: the builder's chunks go to the layout, whose
 * finished pages go to the painter (or the dump) one by one. */
struct render_run {
	const struct template *t;
	struct painter *painter;
	const struct built_doc *doc;
	struct layout layout;
	bool opened;
	FILE *dump;               /* --dump-layout: the pages, until their count is known */
};

static void take_page(void *ctx, const struct layout *l, int page)
{
	struct render_run *r = ctx;
	painter_check_page(r->painter, l);
	if (r->dump)
		layout_dump_page(l, page, r->dump);
	else
		painter_draw_page(r->painter, l, page);
}

/* compose_flush's hook, and the end of the document: the layout opens at
 * the first chunk, when the builder has said whether there is a watermark. */
static void take_boxes(void *ctx, const struct box *boxes, size_t n)
{
	struct render_run *r = ctx;
	if (!r->opened) {
		struct page_setup setup = template_page_setup(r->t);
		setup.watermark = r->doc->watermark;
		const struct layout_sink sink = {take_page, r};
		layout_open(&r->layout, &setup, painter_metrics(r->painter), &sink);
		r->opened = true;
	}
	layout_add(&r->layout, boxes, n);
}

/* The dump: its first line says how many pages follow. */
static int copy_dump(const struct render_run *r, FILE *out, struct diags *d)
{
	layout_dump_count(r->layout.n_pages, out);
	char block[8192];
	size_t n;
	if (fflush(r->dump) != 0 || fseek(r->dump, 0, SEEK_SET) != 0) {
		diag_sys(d, DIAG_OUTPUT_FAILED, "-", OP_SCRATCH, errno);
		return EXIT_SYSTEM;
	}
	while ((n = fread(block, 1, sizeof block, r->dump)) > 0)
		fwrite(block, 1, n, out);  /* standard output: checked when it is closed */
	if (ferror(r->dump)) {
		diag_sys(d, DIAG_OUTPUT_FAILED, "-", OP_SCRATCH, errno);
		return EXIT_SYSTEM;
	}
	return EXIT_OK;
}

int render_document(const struct template *t, const struct text_source *src, size_t n_src,
		    any_builder build, const void *ctx, const struct render_target *to, struct diags *d)
{
	struct painter *painter = painter_new(t, src[0].shown, d);
	if (!painter)
		return EXIT_SYSTEM;
	struct built_doc doc = {0};
	struct render_run run = {.t = t, .painter = painter, .doc = &doc};
	if (to->dump && !(run.dump = os_tmpfile())) {
		diag_sys(d, DIAG_OUTPUT_FAILED, "-", OP_SCRATCH, errno);
		painter_free(painter);
		return EXIT_SYSTEM;
	}
	struct arena arena = {0};
	struct compose c;
	compose_init(&c, &arena, t);
	c.flush = take_boxes;
	c.flush_ctx = &run;
	build(&c, ctx, &doc);
	take_boxes(&run, doc.body.v, doc.body.n);  /* the rest (doc.info may point into it) */
	layout_close(&run.layout);
	if (to->pages)
		*to->pages = run.layout.n_pages;

	int status = EXIT_OK;
	if (run.layout.too_many_pages) {
		char limit[16];
		snprintf(limit, sizeof limit, "%d", LAYOUT_PAGE_LIMIT);
		diag(d, DIAG_PAGE_LIMIT, src[n_src - 1].shown, (struct pos){0, 0}, limit, NULL);
		status = EXIT_INPUT;
	} else if (!painter_report_missing(painter, src, n_src, d))
		status = EXIT_INPUT;
	else if (to->dump)
		status = copy_dump(&run, to->dump, d);
	else if (to->pdf)
		status = painter_write_pdf(painter, &doc.info, src[0].shown, to->pdf, d) ? EXIT_OK : EXIT_SYSTEM;
	else if (!painter_write_file(painter, &doc.info, to->output, d))
		status = EXIT_SYSTEM;
	if (run.dump)
		fclose(run.dump);
	layout_free(&run.layout);
	compose_free(&c);
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
