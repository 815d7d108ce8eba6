#include "walk.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util.h"

bool is_directory(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool is_yaml(const char *name)
{
	return path_has_suffix(name, ".yaml") || path_has_suffix(name, ".yml");
}

struct walk {
	void (*fn)(const char *path, void *ctx);
	void *ctx;
	char *root;  /* the real path of the folder walked */
};

/* A symlinked file is taken only when its target is a regular file inside
 * the folder walked: a folder of plans never leads the program out. */
static bool link_inside(const struct walk *w, const char *path)
{
	char *real = realpath(path, NULL);
	size_t n = strlen(w->root);
	struct stat st;
	bool ok = real && strncmp(real, w->root, n) == 0 && (real[n] == '/' || w->root[n - 1] == '/') &&
		  stat(real, &st) == 0 && S_ISREG(st.st_mode);
	free(real);
	return ok;
}

static bool walk_dir(const struct walk *w, const char *dir, int depth)
{
	struct dirent **names;
	int n = scandir(dir, &names, NULL, alphasort);
	if (n < 0)
		return false;
	bool ok = true;
	for (int i = 0; i < n; i++) {
		const char *name = names[i]->d_name;
		if (name[0] != '.') {
			char *path = path_join(dir, name);
			struct stat st;
			if (lstat(path, &st) != 0)
				;  /* gone since the listing */
			else if (S_ISDIR(st.st_mode) && depth < 64)
				ok = walk_dir(w, path, depth + 1) && ok;
			else if (is_yaml(name) && (S_ISREG(st.st_mode) || (S_ISLNK(st.st_mode) && link_inside(w, path))))
				w->fn(path, w->ctx);
			free(path);
		}
		free(names[i]);
	}
	free(names);
	return ok;
}

bool walk_yaml_each(const char *path, void (*fn)(const char *path, void *ctx), void *ctx)
{
	if (strcmp(path, "-") != 0 && is_directory(path)) {
		struct walk w = {fn, ctx, realpath(path, NULL)};
		bool ok = w.root && walk_dir(&w, path, 0);
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

bool walk_yaml(const char *path, struct file_list *out)
{
	return walk_yaml_each(path, collect, out);
}

void file_list_free(struct file_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->paths[i]);
	free(l->paths);
	*l = (struct file_list){0};
}
