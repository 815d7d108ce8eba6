/* Where a plan's draft is: a relative path that stays inside the plan's
 * folder once symlinks are resolved, naming a regular file. The one check
 * that looks at the disk; the rules of check_plan.c look at the model only. */
#include "check.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "os.h"
#include "syserr.h"
#include "util.h"

/* True when rel, taken lexically, climbs out of its folder with "..". */
static bool escapes(const char *rel)
{
	int depth = 0;
	const char *s = rel;
	while (*s) {
		const char *e = strchr(s, '/');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		if (n == 2 && s[0] == '.' && s[1] == '.') {
			if (--depth < 0)
				return true;
		} else if (n > 0 && !(n == 1 && s[0] == '.')) {
			depth++;
		}
		s += n + (e != NULL);
	}
	return false;
}

char *check_draft_path(const struct plan *p, struct diags *d)
{
	const char *rel = p->draft.s;
	struct pos at = p->draft.at;
	if (rel[0] == '/') {
		diag(d, DIAG_DRAFT_ABSOLUTE, p->path, at, rel, NULL);
		return NULL;
	}
	if (escapes(rel)) {
		diag(d, DIAG_DRAFT_OUTSIDE, p->path, at, rel, NULL);
		return NULL;
	}
	char *dir = path_dirname(strcmp(p->path, "-") == 0 ? "./-" : p->path);
	char *joined = path_join(dir, rel);
	char *result = NULL, *real_dir = os_realpath(dir), *real = real_dir ? os_realpath(joined) : NULL;
	if (!real_dir) {
		diag(d, DIAG_READ_FAILED, p->path, at, OP_LIST, sys_cause(errno, NULL), NULL);
	} else if (!real) {
		diag(d, DIAG_DRAFT_MISSING, p->path, at, rel, NULL);
	} else {
		size_t n = strlen(real_dir);
		bool inside = strncmp(real, real_dir, n) == 0 && (real[n] == '/' || strcmp(real_dir, "/") == 0);
		struct stat st;
		if (!inside)
			diag(d, DIAG_DRAFT_OUTSIDE, p->path, at, rel, NULL);
		else if (os_stat(real, &st) != 0 || !S_ISREG(st.st_mode))
			diag(d, DIAG_DRAFT_NOT_FILE, p->path, at, rel, NULL);
		else
			result = xstrdup(real);
	}
	free(real_dir);
	free(real);
	free(dir);
	free(joined);
	return result;
}

