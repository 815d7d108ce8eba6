/* chuyende report --quarter 2023-Q1 [--units UNITS] PLAN-OR-DIR... -o OUT:
 * streams every plan into a tally (each plan is freed before the next is
 * read), then renders the tally. Plans with errors are reported and left
 * out; the report says how many, and the exit status is then 1. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "output.h"
#include "render.h"
#include "report.h"
#include "walk.h"

struct report_job {
	const struct report_tally *tally;
	const struct report_header *header;
};

static void build_report_doc(struct compose *c, const void *ctx, struct built_doc *out)
{
	const struct report_job *job = ctx;
	build_report(c, job->tally, job->header, out);
}

struct tally_walk {
	struct session *s;
	struct report_tally *r;
	struct stat units;       /* the register, read already (st_ino 0: none) */
};

/* One file found under a path: a plan is counted, then freed. The
 * register, often kept beside the plans, is not read a second time. */
static void tally_file(const char *path, void *ctx)
{
	struct tally_walk *w = ctx;
	struct stat st;
	if (w->units.st_ino && stat(path, &st) == 0 && st.st_dev == w->units.st_dev &&
	    st.st_ino == w->units.st_ino)
		return;
	if (!session_first_visit(w->s, path)) {
		diags_flush(w->s->d);
		return;
	}
	struct loaded_plan lp;
	enum input_kind kind;
	bool ok = session_load_input(w->s, path, &lp, &kind);
	if (kind == INPUT_PLAN || kind == INPUT_UNKNOWN) {
		if (ok)
			report_tally_plan(w->r, &lp);
		else
			w->r->left_out++;
	}
	loaded_plan_free(&lp);
	diags_flush(w->s->d);
}

/* Adds every plan under path to the tally, streaming: nothing is kept
 * per plan, so memory does not grow with their number. */
static void tally_path(struct session *s, struct report_tally *r, const char *path, const char *units_path)
{
	struct tally_walk w = {s, r, {0}};
	if (units_path && stat(units_path, &w.units) != 0)
		w.units.st_ino = 0;
	walk_yaml_each(path, tally_file, &w, s->d);
}

/* The report over paths for one quarter, framed by the register at
 * units_path (or none). Used by `report` and by `build`. */
int report_over(struct session *s, const char *units_path, const char *const *paths, size_t n_paths,
		int year, int quarter, const struct render_target *to)
{
	struct arena arena = {0};
	struct units units = {0};
	const struct units *u = NULL;
	int status = EXIT_OK;
	if (units_path) {
		if (session_load_units(s, units_path, &units, &arena))
			u = &units;
		else
			status = diags_exit_status(s->d) == EXIT_SYSTEM ? EXIT_SYSTEM : EXIT_INPUT;
	}
	const struct template *t = NULL;
	if (status == EXIT_OK) {
		bool named = u && u->template_name.s;
		t = session_template(s, named ? u->template_name.s : "chi-bo", units_path ? units_path : paths[0],
				     named ? u->template_name.at : (struct pos){0, 0});
		if (!t)
			status = diags_exit_status(s->d);
	}
	if (status == EXIT_OK) {
		struct report_tally tally;
		report_tally_init(&tally, t, year, quarter, u);
		for (size_t i = 0; i < n_paths; i++)
			tally_path(s, &tally, paths[i], units_path);
		if (s->output_read) {  /* one of the plans is the output: write nothing */
			status = EXIT_INPUT;
		} else {
			/* dated the last day of the quarter, so that output follows input */
			struct ymd date = {year, quarter * 3, days_in_month(year, quarter * 3)};
			struct report_header header = {u, date};
			struct report_job job = {&tally, &header};
			const struct text_source src = {units_path, units_path ? units_path : paths[0]};
			status = render_document(t, &src, 1, build_report_doc, &job, to, s->d);
			if (status == EXIT_OK && tally.left_out)
				status = EXIT_INPUT;
		}
		report_tally_free(&tally);
	}
	arena_free(&arena);
	return status;
}

int cmd_report(const struct options *o)
{
	int year, quarter;
	if (!o->quarter || !quarter_parse(o->quarter, &year, &quarter))
		return usage_error("cần --quarter dạng 2023-Q1", "--quarter 2023-Q1 is required");
	if (o->n_args == 0 || (!o->output && !o->dump_layout))
		return usage_error("cách dùng: chuyende report --quarter 2023-Q1 [--units UNITS] KẾ-HOẠCH-HOẶC-THƯ-MỤC... -o OUT.pdf",
				   "usage: chuyende report --quarter 2023-Q1 [--units UNITS] PLAN-OR-DIR... -o OUT.pdf");
	struct diags d;
	diags_init(&d, stderr, false);
	d.quiet_warnings = o->quiet;
	if (!o->dump_layout && output_check(o->output, &d) != EXIT_OK) {
		diags_finish(&d);
		return EXIT_USAGE;
	}
	if (!o->dump_layout)
		output_sweep_beside(o->output);
	struct session s;
	session_init(&s, &d);
	s.skip_drafts = true;
	if (!o->dump_layout)
		session_set_output(&s, o->output);
	struct render_target to = {.output = o->dump_layout ? NULL : o->output, .dump = o->dump_layout ? stdout : NULL};
	int status = report_over(&s, o->units, o->args, o->n_args, year, quarter, &to);
	diags_finish(&d);
	session_free(&s);
	return status;
}
