/* chuyende agenda|minutes PLAN -o OUT.pdf: one document from one plan.
 * Nothing is written when the plan has errors. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "output.h"
#include "render.h"
#include "watch.h"

/* A lone draft stands for a plan with nothing but its draft; its front
 * matter must at least give the title. */
static bool load_lone_draft(struct session *s, const char *path, struct loaded_plan *lp)
{
	enum input_kind kind;
	bool ok = session_load_input(s, path, lp, &kind);
	lp->plan.path = path;
	lp->plan.meeting.topic_group = -1;
	if (!ok)
		return false;
	if (!lp->draft.title.s) {
		diag(s->d, DIAG_MISSING_FIELD, path, (struct pos){1, 1}, "title", NULL);
		return false;
	}
	lp->tpl = session_template(s, TEMPLATE_DEFAULT, path, (struct pos){0, 0});
	return lp->tpl != NULL;
}

static bool load_for(struct session *s, const char *path, doc_builder build, struct loaded_plan *lp)
{
	if (build == build_paper && (path_has_suffix(path, ".md") || path_has_suffix(path, ".markdown")))
		return load_lone_draft(s, path, lp);
	if (!session_load_plan(s, path, lp))
		return false;
	if (build == build_paper && !lp->has_draft) {
		diag(s->d, DIAG_MISSING_FIELD, path, lp->plan.at, "draft", NULL);
		return false;
	}
	return true;
}

static int render_command(const struct options *o, doc_builder build, const char *name)
{
	if (o->n_args != 1 || (!o->output && !o->dump_layout)) {
		fprintf(stderr, "chuyende: cách dùng — usage: chuyende %s PLAN -o OUT.pdf\n", name);
		return EXIT_USAGE;
	}
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
	if (!o->dump_layout)
		session_set_output(&s, o->output);
	struct loaded_plan lp;
	int status = EXIT_OK;
	if (!load_for(&s, o->args[0], build, &lp)) {
		status = diags_exit_status(&d) == EXIT_SYSTEM ? EXIT_SYSTEM : EXIT_INPUT;
	} else {
		struct render_target to = {.output = o->dump_layout ? NULL : o->output, .dump = o->dump_layout ? stdout : NULL};
		status = render_plan(build, &lp, &to, &d);
	}
	loaded_plan_free(&lp);
	diags_finish(&d);
	session_free(&s);
	return status;
}

/* --watch: the document again on each save, for a PDF viewer that
 * reloads; each round says in one line what it did. */
struct render_watch {
	const struct options *o;
	doc_builder build;
	const char *name;
};

static int render_round(void *ctx)
{
	const struct render_watch *w = ctx;
	int status = render_command(w->o, w->build, w->name);
	if (status == EXIT_OK)
		printf("%s: đã in lại — rendered again\n", w->o->dump_layout ? "-" : w->o->output);
	else
		printf("%s: chưa in lại, hãy sửa lỗi ở trên (mã %d) — not rendered, fix the problems above (exit %d)\n",
		       w->o->args[0], status, status);
	fflush(stdout);
	return status;
}

static int render_or_watch(const struct options *o, doc_builder build, const char *name)
{
	if (!o->watch || o->n_args != 1 || (!o->output && !o->dump_layout))
		return render_command(o, build, name);
	struct render_watch w = {o, build, name};
	return watch_run(o->args, o->n_args, render_round, &w);
}

int cmd_agenda(const struct options *o)
{
	return render_or_watch(o, build_agenda, "agenda");
}

int cmd_minutes(const struct options *o)
{
	return render_or_watch(o, build_minutes, "minutes");
}

int cmd_paper(const struct options *o)
{
	return render_or_watch(o, build_paper, "paper");
}
