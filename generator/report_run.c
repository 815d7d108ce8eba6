/* The report over a period as a stage of its own, which `report` and
 * `build` both call (report.h, report_over): finds the register and its
 * note, streams every plan under the paths into a tally (each plan is
 * freed before the next is read), then renders the tally. Plans with
 * errors are reported and left out; the report says how many, and the
 * status is then 1. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "os.h"
#include "render.h"
#include "report.h"
#include "syserr.h"
#include "walk.h"

struct report_job {
	struct report_tally *tally;
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
	const struct report_scope *scope;
	struct file_id units;    /* the register, read already (when has_units) */
	const struct render_target *to;
	long plans;              /* plan files read */
	bool has_units;
};

/* The report command again, with --units path: the advice of
 * UNITS_NOT_USED, which runs as it stands. */
static char *with_units(const struct tally_walk *w, const char *path)
{
	struct buf b = {0};
	if (w->scope->quarter)
		buf_printf(&b, "chuyende report --quarter %d-Q%d --units ", w->scope->year, w->scope->quarter);
	else
		buf_printf(&b, "chuyende report --year %d --units ", w->scope->year);
	buf_add_shell_word(&b, path);
	for (size_t i = 0; i < w->scope->n_paths; i++) {
		buf_addc(&b, ' ');
		buf_add_shell_word(&b, w->scope->paths[i]);
	}
	if (w->to->output) {
		buf_adds(&b, " -o ");
		buf_add_shell_word(&b, w->to->output);
	} else {
		buf_adds(&b, " --dump-layout");
	}
	buf_grow(&b, 0);
	return b.data;
}

static bool under(const char *path, const char *dir)
{
	size_t n = strlen(dir);
	return strncmp(path, dir, n) == 0 && (path[n] == '/' || (n && dir[n - 1] == '/'));
}

/* One file found under a path: a plan is counted, then freed. The
 * register, often kept beside the plans, is not read a second time;
 * plans in the folder of another register belong to it. */
static void tally_file(const char *path, void *ctx)
{
	struct tally_walk *w = ctx;
	for (size_t i = 0; i < w->scope->n_exclude; i++)
		if (under(path, w->scope->exclude[i]))
			return;
	struct file_id id;
	bool known = file_id_of(path, &id);
	if (w->has_units && known && id.dev == w->units.dev && id.ino == w->units.ino)
		return;
	if (!session_first_visit_id(w->s, path, known ? &id : NULL)) {
		diags_flush(w->s->d);
		return;
	}
	struct loaded_plan lp;
	enum input_kind kind;
	bool ok = session_load_input(w->s, path, &lp, &kind);
	if (kind == INPUT_PLAN || kind == INPUT_UNKNOWN) {
		w->plans++;
		if (ok)
			report_tally_plan(w->r, &lp, w->s->d);
		else
			report_tally_failed(w->r, &lp);
	} else if (kind == INPUT_UNITS && ok && !w->scope->units_path) {
		char *command = with_units(w, path);
		diag(w->s->d, DIAG_UNITS_NOT_USED, path, (struct pos){0, 0}, command, NULL);
		free(command);
	}
	loaded_plan_free(&lp);
	diags_flush(w->s->d);
}

/* The report note beside the register (or in note_dir): the committee's
 * own number, date, signer and assessment. None is no error. */
static bool read_note(struct session *s, const struct report_scope *scope, struct draft *note, struct arena *arena,
		      bool *found)
{
	*found = false;
	char *dir = scope->note_dir ? strdup(scope->note_dir) : scope->units_path ? path_dirname(scope->units_path) : NULL;
	if (!dir)
		return true;
	char name[32];
	if (scope->quarter)
		snprintf(name, sizeof name, "bao-cao-%04d-Q%d.md", scope->year, scope->quarter);
	else
		snprintf(name, sizeof name, "bao-cao-%04d.md", scope->year);
	char *path = path_join(dir, name);
	free(dir);
	struct stat st;
	bool ok = true;
	if (os_stat(path, &st) == 0) {
		*found = true;
		ok = session_add_input(s, path) && draft_load_note(note, arena_strdup(arena, path), arena, s->d);
	} else if (errno != ENOENT) {
		diag_sys(s->d, DIAG_READ_FAILED, path, OP_READ, errno);
		ok = false;
	}
	free(path);
	return ok;
}

/* The day after the period, the usual date of its report. */
static struct ymd day_after(int year, int quarter)
{
	int month = quarter ? quarter * 3 : 12;
	return month == 12 ? (struct ymd){year + 1, 1, 1} : (struct ymd){year, month + 1, 1};
}

int report_over(struct session *s, const struct report_scope *scope, const struct render_target *to,
		struct report_counts *counts)
{
	struct arena arena = {0};
	struct units units = {0};
	const struct units *u = NULL;
	int status = EXIT_OK;
	if (scope->units_path) {
		if (session_load_units(s, scope->units_path, &units, &arena))
			u = &units;
		else
			status = diags_exit_status(s->d) == EXIT_SYSTEM ? EXIT_SYSTEM : EXIT_INPUT;
	}
	struct draft note;
	bool has_note = false;
	if (status == EXIT_OK && !read_note(s, scope, &note, &arena, &has_note))
		status = diags_exit_status(s->d) == EXIT_SYSTEM ? EXIT_SYSTEM : EXIT_INPUT;
	const char *first = scope->units_path ? scope->units_path : scope->paths[0];
	const struct template *t = NULL;
	if (status == EXIT_OK) {
		bool named = u && u->template_name.s;
		t = session_template(s, named ? u->template_name.s : TEMPLATE_DEFAULT, first,
				     named ? u->template_name.at : (struct pos){0, 0});
		if (!t)
			status = diags_exit_status(s->d);
	}
	diags_flush(s->d);
	if (status == EXIT_OK) {
		struct report_tally tally;
		if (!report_tally_init(&tally, t, scope->year, scope->quarter, u)) {
			diag_sys(s->d, DIAG_OUTPUT_FAILED, to->output ? to->output : first, OP_CREATE_TEMP, errno);
			status = EXIT_SYSTEM;
		}
		units_free_cells(&units);  /* the tally has them */
		struct tally_walk w = {s, &tally, scope, {0, 0}, to, 0, false};
		w.has_units = scope->units_path && file_id_of(scope->units_path, &w.units);
		for (size_t i = 0; status == EXIT_OK && i < scope->n_paths; i++)
			walk_yaml_each(scope->paths[i], tally_file, &w, s->d);
		report_tally_close(&tally);
		session_forget_files(s);  /* the caller's session ends with the report */
		os_release_memory();  /* what the plans and the indexes held, before the pages */
		if (status != EXIT_OK) {
			;
		} else if (s->output_read) {  /* one of the plans is the output: write nothing */
			status = EXIT_INPUT;
		} else {
			struct ymd date = has_note && note.date.set ? note.date.v : day_after(scope->year, scope->quarter);
			struct report_header header = {u, has_note ? &note : NULL, date};
			struct report_job job = {&tally, &header};
			struct text_source src[3] = {{.shown = first, .places = u ? u->places : NULL,
						      .n_places = u ? u->n_places : 0}};
			size_t n_src = 1;
			if (has_note)
				n_src += draft_text_sources(&note, src + 1);
			status = render_document(t, src, n_src, build_report_doc, &job, to, s->d);
			if (status == EXIT_OK && tally.spool_failed) {
				diag_sys(s->d, DIAG_OUTPUT_FAILED, to->output ? to->output : first, OP_CREATE_TEMP,
					 errno ? errno : EIO);
				status = EXIT_SYSTEM;
			}
			if (counts)
				counts->written = status == EXIT_OK;
			if (status == EXIT_OK && tally.left_out)
				status = EXIT_INPUT;
		}
		if (counts) {
			counts->plans = w.plans;
			counts->left_out = tally.left_out;
		}
		report_tally_free(&tally);
	}
	units_free_cells(&units);
	arena_free(&arena);
	return status;
}
