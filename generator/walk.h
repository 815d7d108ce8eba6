/* Finding input files under folders, in a stable (sorted) order. */
#ifndef CHUYENDE_WALK_H
#define CHUYENDE_WALK_H

#include <stdbool.h>
#include <stddef.h>

struct file_list {
	char **paths;
	size_t n, cap;
};

/* Adds path itself when it is a file, else every *.yaml / *.yml below it:
 * hidden entries skipped, symlinked folders not followed, a symlinked file
 * taken only when it resolves to a regular file inside path, folders
 * entered 64 deep. Returns false when path cannot be read. */
bool walk_yaml(const char *path, struct file_list *out);
/* The same files in the same order, each handed to fn as it is found, so
 * that nothing is kept per file. */
bool walk_yaml_each(const char *path, void (*fn)(const char *path, void *ctx), void *ctx);
bool is_directory(const char *path);
void file_list_free(struct file_list *l);

#endif
