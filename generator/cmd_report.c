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
#include "os.h"
#include "output.h"
#include "render.h"
#include "report.h"
#include "syserr.h"
#include "walk.h"

/* "wrote OUT; N plans read, M left out with errors; T s" */
static void report_summary(const struct options *o, const struct report_counts *c, double seconds)
{
	const char *out = o->dump_layout ? "-" : o->output;
	struct buf vi = {0}, en = {0};
	if (c->written) {
		buf_printf(&vi, "đã ghi %s; ", out);
		buf_printf(&en, "wrote %s; ", out);
	} else {
		buf_printf(&vi, "không ghi %s; ", out);
		buf_printf(&en, "%s not written; ", out);
	}
	buf_printf(&vi, "đã đọc %ld kế hoạch, %ld kế hoạch có lỗi bị bỏ ra; %.1f giây", c->plans, c->left_out, seconds);
	buf_printf(&en, "%ld plan%s read, %ld left out with errors; %.1f s", c->plans, c->plans == 1 ? "" : "s",
		   c->left_out, seconds);
	print_summary(o, vi.data, en.data);
	buf_free(&vi);
	buf_free(&en);
}

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
		return usage_error(o, "chỉ dùng một trong --quarter và --year", "give --quarter or --year, not both");
	if (o->year ? !year_parse(o->year, &year) : !o->quarter || !quarter_parse(o->quarter, &year, &quarter))
		return usage_error(o, "cần --quarter dạng 2023-Q1 hoặc --year dạng 2023",
				   "--quarter like 2023-Q1 or --year like 2023 is required");
	struct stat st;
	bool one_dir = o->n_args == 1 && os_stat(o->args[0], &st) == 0 && S_ISDIR(st.st_mode);
	if (o->n_args == 0 || (!o->output && !o->dump_layout && !one_dir))
		return usage_error(o, "cách dùng: chuyende report --quarter 2023-Q1|--year 2023 [--units UNITS] KẾ-HOẠCH-HOẶC-THƯ-MỤC... -o OUT.pdf "
				      "(-o có thể bỏ khi chỉ có một thư mục)",
				   "usage: chuyende report --quarter 2023-Q1|--year 2023 [--units UNITS] PLAN-OR-DIR... -o OUT.pdf "
				   "(-o may be left out when one folder is given)");
	/* without -o, the name build gives it, in the one folder given */
	struct options with_output = *o;
	struct buf named = {0};
	if (!o->output && !o->dump_layout) {
		if (quarter)
			buf_printf(&named, "%s/bao-cao-%04d-Q%d.pdf", o->args[0], year, quarter);
		else
			buf_printf(&named, "%s/bao-cao-%04d.pdf", o->args[0], year);
		with_output.output = named.data;
		o = &with_output;
	}
	struct diags d;
	diags_for(&d, stderr, o);
	if (!o->dump_layout && output_check(o->output, &d) != EXIT_OK) {
		diags_finish(&d);
		buf_free(&named);
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
	const char *note_dir = !o->units && one_dir ? o->args[0] : NULL;
	struct report_scope scope = {.units_path = o->units, .paths = o->args, .n_paths = o->n_args,
				     .note_dir = note_dir, .year = year, .quarter = quarter,
				     .readers = os_cpu_count() > 1 ? 2 : 1};
	double started = os_seconds();
	struct report_counts counts = {0};
	int status = report_over(&s, &scope, &to, &counts);
	diags_finish(&d);
	session_free(&s);
	if (status != EXIT_USAGE)
		report_summary(o, &counts, os_seconds() - started);
	buf_free(&named);
	return status;
}
