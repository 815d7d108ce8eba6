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

static bool walk_dir(const char *dir, void (*fn)(const char *, void *), void *ctx, int depth)
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
			if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode) && depth < 64)
				ok = walk_dir(path, fn, ctx, depth + 1) && ok;
			else if (is_yaml(name) && stat(path, &st) == 0 && S_ISREG(st.st_mode))
				fn(path, ctx);
			free(path);
		}
		free(names[i]);
	}
	free(names);
	return ok;
}

bool walk_yaml_each(const char *path, void (*fn)(const char *path, void *ctx), void *ctx)
{
	if (strcmp(path, "-") != 0 && is_directory(path))
		return walk_dir(path, fn, ctx, 0);
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
