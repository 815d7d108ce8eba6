/* chuyende report --quarter 2023-Q1 | --year 2023 [--units UNITS]
 * PLAN-OR-DIR... -o OUT: streams every plan into a tally (each plan is
 * freed before the next is read), then renders the tally. Plans with
 * errors are reported and left out; the report says how many, and the
 * exit status is then 1. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "output.h"
#include "render.h"
#include "report.h"
#include "syserr.h"
#include "walk.h"

static bool year_parse(const char *s, int *year)
{
	if (!s || strlen(s) != 4)
		return false;
	for (int i = 0; i < 4; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	*year = atoi(s);
	return *year >= 1930;
}

int cmd_report(const struct options *o)
{
	int year = 0, quarter = 0;
	if (o->quarter && o->year)
		return usage_error("chỉ dùng một trong --quarter và --year", "give --quarter or --year, not both");
	if (o->year ? !year_parse(o->year, &year) : !o->quarter || !quarter_parse(o->quarter, &year, &quarter))
		return usage_error("cần --quarter dạng 2023-Q1 hoặc --year dạng 2023",
				   "--quarter like 2023-Q1 or --year like 2023 is required");
	if (o->n_args == 0 || (!o->output && !o->dump_layout))
		return usage_error("cách dùng: chuyende report --quarter 2023-Q1|--year 2023 [--units UNITS] KẾ-HOẠCH-HOẶC-THƯ-MỤC... -o OUT.pdf",
				   "usage: chuyende report --quarter 2023-Q1|--year 2023 [--units UNITS] PLAN-OR-DIR... -o OUT.pdf");
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
	/* without a register, a note may sit in the one folder given */
	struct stat st;
	const char *note_dir = !o->units && o->n_args == 1 && stat(o->args[0], &st) == 0 && S_ISDIR(st.st_mode)
		? o->args[0] : NULL;
	struct report_scope scope = {.units_path = o->units, .paths = o->args, .n_paths = o->n_args,
				     .note_dir = note_dir, .year = year, .quarter = quarter};
	int status = report_over(&s, &scope, &to);
	diags_finish(&d);
	session_free(&s);
	return status;
}
