/* chuyende check FILE...: validates plans (and their drafts), drafts,
 * units registers and templates; folders are searched for YAML files. A
 * file reached twice (a folder given twice, a symlink) is checked once.
 * With --watch, checks again on each save and prints only what changed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "os.h"
#include "session.h"
#include "walk.h"
#include "watch.h"

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

/* One check of every argument, its diagnostics printed to out. */
static int check_all(const struct options *o, FILE *out, size_t *errors, size_t *warnings)
{
	struct diags d;
	diags_for(&d, out, o);
	struct session s;
	session_init(&s, &d);
	for (size_t i = 0; i < o->n_args; i++) {
		walk_yaml_each(o->args[i], check_file, &s, &d);
		diags_flush(&d);
	}
	int status = diags_exit_status(&d);
	*errors = d.errors;
	*warnings = d.warnings;
	diags_finish(&d);
	session_free(&s);
	return status;
}

/* What --watch remembers of the last round: its diagnostic lines. */
struct check_watch {
	const struct options *o;
	char *last;       /* the lines, malloc'd; NULL before the first round */
};

/* A diagnostic without its "FILE:LINE:COL: " (a problem that moved with
 * the lines above it has not changed). */
static const char *without_position(const char *line)
{
	const char *level = strstr(line, ": error: ");
	const char *w = strstr(line, ": warning: "), *n = strstr(line, ": note: ");
	if (!level || (w && w < level))
		level = w;
	if (!level || (n && n < level))
		level = n;
	return level ? level + 2 : line;
}

/* True when text (lines) holds a line equal to line without positions. */
static bool has_line(const char *text, const char *line, size_t len)
{
	const char *key = without_position(line);
	size_t key_len = len - (size_t)(key - line);
	for (const char *p = text; p && *p;) {
		const char *end = strchr(p, '\n');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		char *copy = xstrndup(p, n);
		const char *k = without_position(copy);
		bool same = strlen(k) == key_len && memcmp(k, key, key_len) == 0;
		free(copy);
		if (same)
			return true;
		p = end ? end + 1 : NULL;
	}
	return false;
}

/* Prints the lines of text not in other, each after prefix. */
static size_t print_missing(const char *text, const char *other, const char *prefix)
{
	size_t printed = 0;
	for (const char *p = text; p && *p;) {
		const char *end = strchr(p, '\n');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		if (!has_line(other, p, n)) {
			printf("%s%.*s\n", prefix, (int)n, p);
			printed++;
		}
		p = end ? end + 1 : NULL;
	}
	return printed;
}

static int check_round(void *ctx)
{
	struct check_watch *w = ctx;
	char *text = NULL;
	size_t len = 0, errors = 0, warnings = 0;
	struct os_membuf mb;
	FILE *m = os_memstream(&mb, &text, &len);
	if (!m)
		fatal_oom();
	int status = check_all(w->o, m, &errors, &warnings);
	if (!os_memstream_close(&mb))
		fatal_oom();
	/* new problems as check prints them; solved ones marked so */
	size_t changed = print_missing(text, w->last ? w->last : "", "");
	if (w->last)
		changed += print_missing(w->last, text, w->o->lang == LANG_VI ? "đã sửa: "
							: w->o->lang == LANG_EN ? "fixed: " : "đã sửa — fixed: ");
	if (changed || !w->last) {
		struct buf vi = {0}, en = {0};
		buf_printf(&vi, "%zu lỗi, %zu cảnh báo; đang chờ lần lưu sau (Ctrl-C để dừng)", errors, warnings);
		buf_printf(&en, "%zu error%s, %zu warning%s; waiting for the next save (Ctrl-C to stop)", errors,
			   errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
		fputs("-- ", stdout);
		print_to_user(w->o, vi.data, en.data);
		buf_free(&vi);
		buf_free(&en);
	}
	fflush(stdout);
	free(w->last);
	w->last = text;
	return status;
}

int cmd_check(const struct options *o)
{
	if (o->n_args == 0)
		return usage_error(o, "cần ít nhất một tệp để kiểm tra", "check needs at least one file");
	if (o->watch && o->json)
		return usage_error(o, "--watch không đi cùng --json", "--watch does not go with --json");
	if (o->watch) {
		struct check_watch w = {o, NULL};
		int status = watch_run(o->args, o->n_args, check_round, &w);
		free(w.last);
		return status;
	}
	size_t errors, warnings;
	return check_all(o, stdout, &errors, &warnings);
}
