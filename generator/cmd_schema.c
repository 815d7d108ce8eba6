/* chuyende schema KIND [-o FILE]: the JSON Schema of a plan, a draft's
 * front matter, a report note's, a units register or a template, made
 * from the tables the decoders read (keys.def), for editors. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "output.h"
#include "schema.h"

int cmd_schema(const struct options *o)
{
	if (o->n_args != 1)
		return usage_error(o, "cần đúng một loại: plan, draft, note, units hoặc template",
				   "schema needs one kind: plan, draft, note, units or template");
	struct buf out = {0};
	if (!schema_write(o->args[0], &out)) {
		buf_free(&out);
		return usage_error(o, "loại không xác định; các loại: plan, draft, note, units, template",
				   "unknown kind; the kinds are: plan, draft, note, units, template");
	}
	struct diags d;
	diags_for(&d, stderr, o);
	if (o->output && strcmp(o->output, "-") != 0)
		output_file(o->output, out.data, out.len, &d);
	else if (fwrite(out.data, 1, out.len, stdout) != out.len)
		d.system++;  /* main reports the failed write to standard output */
	buf_free(&out);
	int status = diags_exit_status(&d);
	diags_finish(&d);
	return status;
}
