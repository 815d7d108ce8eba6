/* chuyende check FILE...: validates plans (and their drafts), drafts,
 * units registers and templates; folders are searched for YAML files. A
 * file reached twice (a folder given twice, a symlink) is checked once. */
#include "cli.h"
#include "session.h"
#include "walk.h"

static void check_file(const char *path, void *ctx)
{
	struct session *s = ctx;
	if (session_first_visit(s, path)) {
		enum input_kind kind;
		struct loaded_plan lp;
		session_load_input(s, path, &lp, &kind);
		loaded_plan_free(&lp);
	}
	diags_flush(s->d);
}

int cmd_check(const struct options *o)
{
	if (o->n_args == 0)
		return usage_error("cần ít nhất một tệp để kiểm tra", "check needs at least one file");
	struct diags d;
	diags_init(&d, stdout, o->json);
	d.quiet_warnings = o->quiet;
	struct session s;
	session_init(&s, &d);
	for (size_t i = 0; i < o->n_args; i++) {
		walk_yaml_each(o->args[i], check_file, &s, &d);
		diags_flush(&d);
	}
	int status = diags_exit_status(&d);
	diags_finish(&d);
	session_free(&s);
	return status;
}
