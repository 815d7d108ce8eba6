/* Where the program's data is: templates/ (with starter/), schemas/ and
 * fonts/. The folder is fixed when the program is built (the source tree
 * for build/chuyende, $(DATADIR)/chuyende for the installed program) and
 * CHUYENDE_DATA replaces it; templates are looked for first in
 * CHUYENDE_TEMPLATES. Nothing is guessed from the program's own path, so
 * a copied binary finds the same data as the original. */
#ifndef CHUYENDE_DATADIR_H
#define CHUYENDE_DATADIR_H

#include <stddef.h>

#include "util.h"

/* The data folder: $CHUYENDE_DATA when set and not empty, else the one
 * built in, or the program's own folder when the build names none (the
 * Windows zip). */
const char *data_dir(struct arena *arena);

/* The folders searched for templates, in order: $CHUYENDE_TEMPLATES when
 * set, then the data folder's templates/. Returns how many (1 or 2). */
#define TEMPLATE_DIRS_MAX 2
size_t template_dirs(struct arena *arena, const char *dirs[TEMPLATE_DIRS_MAX]);

/* The folders searched for a font named by its file: fonts/ beside
 * $CHUYENDE_TEMPLATES when set, the data folder's fonts/, then system.
 * Returns how many. */
#define FONT_DIRS_MAX 3
size_t font_dirs(struct arena *arena, const char *system, const char *dirs[FONT_DIRS_MAX]);

/* "A (CHUYENDE_TEMPLATES) and B (...)", for "not found in" messages: the
 * folders searched, each with what named it, as one bilingual diagnostic
 * argument. */
const char *searched_folders(struct arena *arena, const char *const *dirs, size_t n);

#endif
