/* chuyende init [DIR]: writes a commented plan and draft to start from,
 * copied from templates/starter/ (data, so it can be edited). The plan's
 * first line names its JSON Schema for editors (VS Code's YAML extension:
 * completion, hover help, checks as one types). */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "datadir.h"
#include "os.h"
#include "output.h"
#include "session.h"
#include "syserr.h"
#include "template.h"
#include "walk.h"

static const char *const starter_files[] = {"ke-hoach.yaml", "de-dan.md"};

/* Without --force an existing file is never replaced: reports each. */
static bool none_exists(const char *dir, struct diags *d)
{
	bool ok = true;
	for (size_t i = 0; i < COUNT_OF(starter_files); i++) {
		char *dst = path_join(dir, starter_files[i]);
		struct stat st;
		if (os_lstat(dst, &st) == 0) {
			diag(d, DIAG_INIT_EXISTS, dst, (struct pos){0, 0}, NULL);
			ok = false;
		}
		free(dst);
	}
	return ok;
}

/* The modeline of yaml-language-server naming the installed plan schema
 * (schemas/ beside templates/), or "" when there is none. */
static const char *schema_line(struct arena *arena)
{
	char *path = arena_printf(arena, "%s/schemas/plan.schema.json", data_dir(arena));
	char *real = os_realpath(path);
	if (!real)
		return "";
	const char *line = arena_printf(arena, "# yaml-language-server: $schema=%s\n", real);
	free(real);
	return line;
}

/* starter/ in the first templates folder that has one (datadir.h). */
static const char *starter_dir(struct arena *arena)
{
	const char *dirs[TEMPLATE_DIRS_MAX];
	size_t n = template_dirs(arena, dirs);
	for (size_t i = 0; i < n; i++) {
		const char *dir = arena_printf(arena, "%s/starter", dirs[i]);
		if (is_directory(dir))
			return dir;
	}
	return arena_printf(arena, "%s/starter", dirs[n - 1]);
}

/* bytes with the value of its top-level "template:" line made name. */
static void add_with_template(struct buf *b, const char *bytes, size_t len, const char *name)
{
	const char *end = bytes + len, *at = NULL;
	for (const char *p = bytes; p < end && !at; p = memchr(p, '\n', (size_t)(end - p)), p = p ? p + 1 : end)
		if ((size_t)(end - p) > 9 && memcmp(p, "template:", 9) == 0)
			at = p + 9;
	if (!at) {
		buf_add(b, bytes, len);
		return;
	}
	while (at < end && *at == ' ')
		at++;
	const char *rest = at;
	while (rest < end && *rest != ' ' && *rest != '\t' && *rest != '\n' && *rest != '#')
		rest++;
	buf_add(b, bytes, (size_t)(at - bytes));
	buf_adds(b, name);
	buf_add(b, rest, (size_t)(end - rest));
}

static bool copy_starter(const char *from, const char *dir, const char *name, const char *first_line,
			 const char *template_name, struct diags *d)
{
	char *src = path_join(from, name), *dst = path_join(dir, name);
	char *bytes;
	size_t len;
	bool ok = false;
	if (read_file(src, 1 << 20, &bytes, &len) != READ_OK) {
		diag_sys(d, DIAG_READ_FAILED, src, OP_READ, errno);
	} else {
		struct buf b = {0};
		buf_adds(&b, first_line);
		if (template_name)
			add_with_template(&b, bytes, len, template_name);
		else
			buf_add(&b, bytes, len);
		ok = output_file(dst, b.data, b.len, d);
		buf_free(&b);
		free(bytes);
	}
	if (ok && printf("%s\n", dst) < 0)
		ok = false;
	free(src);
	free(dst);
	return ok;
}

/* --template NAME names a template there is (none: the starter's own);
 * UNKNOWN_TEMPLATE, naming the folders searched, otherwise. */
static bool known_template(const char *name, struct diags *d)
{
	if (!name)
		return true;
	struct session s;
	session_init(&s, d);
	bool ok = session_template(&s, name, "--template", (struct pos){0, 0}) != NULL;
	session_free(&s);
	return ok;
}

int cmd_init(const struct options *o)
{
	if (o->n_args > 1)
		return usage_error(o, "init nhận nhiều nhất một thư mục", "init takes at most one folder");
	const char *dir = o->n_args ? o->args[0] : ".";
	struct diags d;
	diags_for(&d, stderr, o);
	int status = EXIT_OK;
	if (!known_template(o->template_name, &d)) {
		/* reported: nothing is made */
	} else if (!make_dirs(dir)) {
		diag_sys(&d, DIAG_OUTPUT_FAILED, dir, OP_MKDIR, errno);
	} else if (o->force || none_exists(dir, &d)) {
		struct arena arena = {0};
		const char *from = starter_dir(&arena);
		const char *schema = schema_line(&arena);
		for (size_t i = 0; i < COUNT_OF(starter_files); i++)
			if (!copy_starter(from, dir, starter_files[i], i == 0 ? schema : "", i == 0 ? o->template_name : NULL,
					  &d))
				break;
		arena_free(&arena);
	}
	status = diags_exit_status(&d);
	diags_finish(&d);
	return status;
}
