/* Building, laying out and checking a document (render.h); the pages go
 * to a page_writer or a --dump-layout. Nothing here knows PDF. */
#include "render.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "datadir.h"
#include "font.h"
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
	const struct page_writer *writer;
	void *w;                  /* the writer's, or NULL */
	const struct font_metrics *fm;
	const struct built_doc *doc;
	struct layout layout;
	bool opened;
	FILE *dump;               /* --dump-layout: the pages, until their count is known */
};

static void take_page(void *ctx, const struct layout *l, int page)
{
	struct render_run *r = ctx;
	if (r->dump)
		layout_dump_page(l, page, r->dump);
	else if (r->w && !l->n_missing)  /* the document will not be written */
		r->writer->page(r->w, l, page);
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
		layout_open(&r->layout, &setup, r->fm, &sink);
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

/* The template's fonts, found beside its folder or the system's. */
static struct font_set *open_fonts(const struct template *t, const char *file, struct diags *d)
{
	struct arena a = {0};
	struct font_names names = {
		/* font problems are the template's, at the line that names the font */
		.file = t->path ? t->path : file,
	};
	_Static_assert(FONT_DIRS_MAX <= FONT_DIRS_GIVEN, "font_names holds every folder font_dirs gives");
	const char *dirs[FONT_DIRS_MAX];
	names.n_dirs = font_dirs(&a, FONT_SYSTEM_DIR, dirs);
	for (size_t i = 0; i < names.n_dirs; i++)
		names.dirs[i] = dirs[i];
	names.searched = searched_folders(&a, dirs, names.n_dirs);
	for (int i = 0; i < FACE_COUNT; i++) {
		names.names[i] = t->fonts[i];
		if (t->path)
			names.at[i] = t->font_at[i];
	}
	struct font_set *fonts = font_set_open(&names, d);
	arena_free(&a);
	return fonts;
}

/* MISSING_GLYPH for what the layout found, each with its font's name. */
static bool glyphs_ok(const struct layout *l, const struct font_set *fonts, const struct text_source *src,
		      size_t n_src, struct diags *d)
{
	if (!l->n_missing)
		return true;
	struct glyph_gap *gaps = xmalloc(l->n_missing * sizeof *gaps);
	for (size_t i = 0; i < l->n_missing; i++)
		gaps[i] = (struct glyph_gap){l->missing[i].cp, font_set_name(fonts, l->missing[i].face)};
	bool ok = check_glyphs(gaps, l->n_missing, src, n_src, d);
	free(gaps);
	return ok;
}

int render_with(const struct page_writer *writer, const struct template *t, const struct text_source *src,
		size_t n_src, any_builder build, const void *ctx, const struct render_target *to,
		struct diags *d)
{
	struct font_set *fonts = open_fonts(t, src[0].shown, d);
	if (!fonts)
		return EXIT_SYSTEM;
	struct built_doc doc = {0};
	struct render_run run = {.t = t, .writer = writer, .fm = font_set_metrics(fonts), .doc = &doc};
	if (!to->dump && (!writer || !(run.w = writer->open(fonts, d)))) {
		font_set_free(fonts);
		return EXIT_SYSTEM;
	}
	if (to->dump && !(run.dump = os_tmpfile())) {
		diag_sys(d, DIAG_OUTPUT_FAILED, "-", OP_SCRATCH, errno);
		font_set_free(fonts);
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
	} else if (!glyphs_ok(&run.layout, fonts, src, n_src, d))
		status = EXIT_INPUT;
	else if (to->dump)
		status = copy_dump(&run, to->dump, d);
	else
		status = writer->write(run.w, &doc.info, to, src[0].shown, d) ? EXIT_OK : EXIT_SYSTEM;
	if (run.dump)
		fclose(run.dump);
	layout_free(&run.layout);
	compose_free(&c);
	arena_free(&arena);
	if (run.w)
		writer->close(run.w);
	font_set_free(fonts);
	return status;
}

typedef void (*doc_builder)(struct compose *c, const struct loaded_plan *lp, struct built_doc *out);

/* The builder of each document made from one plan: the one place a kind
 * of document meets the function that builds it. */
static const doc_builder plan_builders[TDOC_COUNT] = {
	[TDOC_AGENDA] = build_agenda, [TDOC_MINUTES] = build_minutes, [TDOC_PAPER] = build_paper};

struct plan_job {
	doc_builder build;
	const struct loaded_plan *lp;
};

static void build_plan_doc(struct compose *c, const void *ctx, struct built_doc *out)
{
	const struct plan_job *job = ctx;
	job->build(c, job->lp, out);
}

int render_plan_with(const struct page_writer *writer, enum tdoc kind, const struct loaded_plan *lp,
		     const struct render_target *to, struct diags *d)
{
	if ((unsigned)kind >= TDOC_COUNT || !plan_builders[kind])
		abort();  /* a caller's mistake: reports and the register are not made from a plan */
	struct plan_job job = {plan_builders[kind], lp};
	/* a lone draft has no plan text: the plan's path is the draft's */
	struct text_source src[3] = {{.text = lp->text, .shown = lp->plan.path, .len = lp->text_len}};
	size_t n = 1;
	if (lp->has_draft)
		n += draft_text_sources(&lp->draft, src + 1);
	return render_with(writer, lp->tpl, src, n, build_plan_doc, &job, to, d);
}
