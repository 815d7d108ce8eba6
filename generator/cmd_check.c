/* chuyende check FILE...: validates plans (and their drafts), drafts,
 * units registers and templates; folders are searched for YAML files. */
#include <errno.h>
#include <string.h>

#include "cli.h"
#include "session.h"
#include "walk.h"

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
		struct file_list files = {0};
		if (!walk_yaml(o->args[i], &files))
			diag(&d, DIAG_READ_FAILED, o->args[i], (struct pos){0, 0}, strerror(errno), NULL);
		for (size_t f = 0; f < files.n; f++) {
			enum input_kind kind;
			struct loaded_plan lp;
			session_load_input(&s, files.paths[f], &lp, &kind);
			loaded_plan_free(&lp);
			diags_flush(&d);
		}
		file_list_free(&files);
		diags_flush(&d);
	}
	int status = diags_exit_status(&d);
	diags_finish(&d);
	session_free(&s);
	return status;
}
