#include "walk.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "os.h"
#include "syserr.h"
#include "util.h"

bool is_directory(const char *path)
{
	struct stat st;
	return os_stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Makes path and its parents; errno says why not. An existing name that
 * is not a folder is ENOTDIR. */
bool make_dirs(const char *path)
{
	char *p = xstrdup(path);
	bool ok = true;
	for (char *s = p + 1; ok && *s; s++)
		if (*s == '/') {
			*s = '\0';
			ok = os_mkdir(p) == 0 || (errno == EEXIST && is_directory(p)) || (errno = ENOTDIR, false);
			*s = '/';
		}
	ok = ok && (os_mkdir(p) == 0 || (errno == EEXIST && is_directory(p)) || (errno = ENOTDIR, false));
	free(p);
	return ok;
}

static bool is_yaml(const char *name)
{
	return path_has_suffix(name, ".yaml") || path_has_suffix(name, ".yml");
}

struct walk {
	void (*fn)(const char *path, void *ctx);
	void *ctx;
	struct diags *d;
	char *root;  /* the real path of the folder walked */
};

/* A symlinked file is taken only when its target is a regular file inside
 * the folder walked: a folder of plans never leads the program out. */
static bool link_inside(const struct walk *w, const char *path)
{
	char *real = os_realpath(path);
	size_t n = strlen(w->root);
	struct stat st;
	bool ok = real && strncmp(real, w->root, n) == 0 && (real[n] == '/' || w->root[n - 1] == '/') &&
		  os_stat(real, &st) == 0 && S_ISREG(st.st_mode);
	free(real);
	return ok;
}

static bool walk_dir(const struct walk *w, const char *dir, int depth);

static bool walk_entry(const struct walk *w, const char *dir, const char *name, unsigned char kind, int depth)
{
	char *path = path_join(dir, name);
	struct stat st;
	bool ok = true;
	if (kind == OS_KIND_UNKNOWN) {  /* the listing does not say: ask */
		if (os_lstat(path, &st) != 0) {
			if (errno != ENOENT) {  /* ENOENT: gone since the listing */
				diag_sys(w->d, DIAG_READ_FAILED, path, OP_STAT, errno);
				ok = false;
			}
			kind = OS_KIND_OTHER;
		} else {
			kind = S_ISDIR(st.st_mode)   ? OS_KIND_DIR
			       : S_ISREG(st.st_mode) ? OS_KIND_FILE
			       : S_ISLNK(st.st_mode) ? OS_KIND_LINK
						     : OS_KIND_OTHER;
		}
	}
	if (kind == OS_KIND_DIR && depth < 64)
		ok = walk_dir(w, path, depth + 1);
	else if (is_yaml(name) && (kind == OS_KIND_FILE || (kind == OS_KIND_LINK && link_inside(w, path))))
		w->fn(path, w->ctx);
	free(path);
	return ok;
}

static bool walk_dir(const struct walk *w, const char *dir, int depth)
{
	char **names;
	unsigned char *kinds;
	size_t n;
	if (!os_list_dir_kinds(dir, &names, &kinds, &n)) {
		diag_sys(w->d, DIAG_READ_FAILED, dir, OP_LIST, errno);
		return false;
	}
	bool ok = true;
	for (size_t i = 0; i < n; i++)
		if (names[i][0] != '.')
			ok = walk_entry(w, dir, names[i], kinds[i], depth) && ok;
	os_names_free(names, n);
	free(kinds);
	return ok;
}

bool walk_yaml_each(const char *path, void (*fn)(const char *path, void *ctx), void *ctx, struct diags *d)
{
	if (strcmp(path, "-") != 0 && is_directory(path)) {
		struct walk w = {fn, ctx, d, os_realpath(path)};
		if (!w.root) {
			diag_sys(d, DIAG_READ_FAILED, path, OP_LIST, errno);
			return false;
		}
		bool ok = walk_dir(&w, path, 0);
		free(w.root);
		return ok;
	}
	fn(path, ctx);
	return true;
}

static void collect(const char *path, void *ctx)
{
	struct file_list *out = ctx;
	*VEC_PUSH(out->paths, out->n, out->cap) = xstrdup(path);
}

bool walk_yaml(const char *path, struct file_list *out, struct diags *d)
{
	return walk_yaml_each(path, collect, out, d);
}

void file_list_free(struct file_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->paths[i]);
	free(l->paths);
	*l = (struct file_list){0};
}
