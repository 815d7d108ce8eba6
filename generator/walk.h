/* Finding input files under folders, in a stable (sorted) order. */
#ifndef CHUYENDE_WALK_H
#define CHUYENDE_WALK_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

struct file_list {
	char **paths;
	size_t n, cap;
};

/* Hands fn path itself when it is not a folder, else every *.yaml / *.yml
 * below it, as each is found (nothing is kept per file): hidden entries
 * skipped, symlinked folders not followed, a symlinked file taken only
 * when it resolves to a regular file inside path, folders entered 64
 * deep. A folder that cannot be listed or an entry that cannot be looked
 * up (a path too long, say) is reported as READ_FAILED, and false
 * returned; the walk goes on. */
bool walk_yaml_each(const char *path, void (*fn)(const char *path, void *ctx), void *ctx, struct diags *d);
/* The same files, collected. */
bool walk_yaml(const char *path, struct file_list *out, struct diags *d);
bool is_directory(const char *path);
/* Makes path and its parents, as mkdir -p; errno says why not. An
 * existing name that is not a folder is ENOTDIR. */
bool make_dirs(const char *path);
void file_list_free(struct file_list *l);

#endif
