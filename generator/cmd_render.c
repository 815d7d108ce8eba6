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

static bool load_for(struct session *s, const char *path, enum tdoc kind, struct loaded_plan *lp)
{
	if (kind == TDOC_PAPER && (path_has_suffix(path, ".md") || path_has_suffix(path, ".markdown")))
		return load_lone_draft(s, path, lp);
	if (!session_load_plan(s, path, lp))
		return false;
	if (kind == TDOC_PAPER && !lp->has_draft) {
		diag(s->d, DIAG_MISSING_FIELD, path, lp->plan.at, "draft", NULL);
		return false;
	}
	return true;
}

static int render_command(const struct options *o, enum tdoc kind)
{
	if (o->n_args != 1)
		return usage_error(o, "cần đúng một kế hoạch", "one plan is needed");
	struct diags d;
	diags_for(&d, stderr, o);
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
	if (!load_for(&s, o->args[0], kind, &lp)) {
		status = diags_exit_status(&d) == EXIT_SYSTEM ? EXIT_SYSTEM : EXIT_INPUT;
	} else {
		struct render_target to = {.output = o->dump_layout ? NULL : o->output, .dump = o->dump_layout ? stdout : NULL};
		status = render_plan(kind, &lp, &to, &d);
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
	enum tdoc kind;
};

static int render_round(void *ctx)
{
	const struct render_watch *w = ctx;
	int status = render_command(w->o, w->kind);
	struct buf vi = {0}, en = {0};
	if (status == EXIT_OK) {
		buf_printf(&vi, "%s: đã in lại", w->o->dump_layout ? "-" : w->o->output);
		buf_printf(&en, "%s: rendered again", w->o->dump_layout ? "-" : w->o->output);
	} else {
		buf_printf(&vi, "%s: chưa in lại, hãy sửa lỗi ở trên (mã %d)", w->o->args[0], status);
		buf_printf(&en, "%s: not rendered, fix the problems above (exit %d)", w->o->args[0], status);
	}
	print_to_user(w->o, vi.data, en.data);
	buf_free(&vi);
	buf_free(&en);
	fflush(stdout);
	return status;
}

/* Without -o, the name build gives: x.yaml -> x.SUFFIX.pdf beside it (a
 * lone draft x.md -> x.de-dan.pdf). */
static char *beside_plan(const char *plan, const char *suffix)
{
	static const char *const exts[] = {".yaml", ".yml", ".md", ".markdown"};
	size_t n = strlen(plan);
	for (size_t i = 0; i < COUNT_OF(exts); i++)
		if (path_has_suffix(plan, exts[i])) {
			n -= strlen(exts[i]);
			break;
		}
	struct buf b = {0};
	buf_printf(&b, "%.*s.%s.pdf", (int)n, plan, suffix);
	return b.data;
}

static int render_or_watch(const struct options *given, enum tdoc kind, const char *suffix)
{
	struct options o = *given;
	char *beside = NULL;
	if (o.n_args == 1 && !o.output && !o.dump_layout)
		o.output = beside = beside_plan(o.args[0], suffix);
	int status;
	if (!o.watch || o.n_args != 1) {
		status = render_command(&o, kind);
	} else {
		struct render_watch w = {&o, kind};
		status = watch_run(o.args, o.n_args, render_round, &w);
	}
	free(beside);
	return status;
}

int cmd_agenda(const struct options *o)
{
	return render_or_watch(o, TDOC_AGENDA, "chuong-trinh");
}

int cmd_minutes(const struct options *o)
{
	return render_or_watch(o, TDOC_MINUTES, "bien-ban");
}

int cmd_paper(const struct options *o)
{
	return render_or_watch(o, TDOC_PAPER, "de-dan");
}
