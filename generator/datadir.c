#include "datadir.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "os.h"

#ifndef CHUYENDE_DATADIR
#error "CHUYENDE_DATADIR must name the data folder (the Makefile sets it)"
#endif

const char *data_dir(struct arena *arena)
{
	const char *env = getenv("CHUYENDE_DATA");
	if (env && *env)
		return env;
	if (*CHUYENDE_DATADIR)
		return CHUYENDE_DATADIR;
	/* a build that names none (Windows, unzipped anywhere): the program's folder */
	char *exe = os_exe_dir();
	const char *dir = arena_strdup(arena, exe ? exe : ".");
	free(exe);
	return dir;
}

size_t template_dirs(struct arena *arena, const char *dirs[TEMPLATE_DIRS_MAX])
{
	size_t n = 0;
	const char *env = getenv("CHUYENDE_TEMPLATES");
	if (env && *env)
		dirs[n++] = arena_strdup(arena, env);
	dirs[n++] = arena_printf(arena, "%s/templates", data_dir(arena));
	return n;
}

size_t font_dirs(struct arena *arena, const char *system, const char *dirs[FONT_DIRS_MAX])
{
	size_t n = 0;
	const char *env = getenv("CHUYENDE_TEMPLATES");
	if (env && *env)
		dirs[n++] = arena_printf(arena, "%s/../fonts", env);
	dirs[n++] = arena_printf(arena, "%s/fonts", data_dir(arena));
	dirs[n++] = system;
	return n;
}

/* dir is prefix, or a folder under it. */
static bool within(const char *dir, const char *prefix)
{
	size_t n = prefix ? strlen(prefix) : 0;
	return n && strncmp(dir, prefix, n) == 0 && (dir[n] == '\0' || dir[n] == '/');
}

/* Why a folder is searched: the variable that named it, or the build. */
static void add_origin(struct buf *vi, struct buf *en, const char *dir, struct arena *arena)
{
	const char *tpl = getenv("CHUYENDE_TEMPLATES"), *data = getenv("CHUYENDE_DATA");
	if (tpl && *tpl && within(dir, tpl)) {
		buf_adds(vi, " (CHUYENDE_TEMPLATES)");
		buf_adds(en, " (CHUYENDE_TEMPLATES)");
	} else if (data && *data && within(dir, data)) {
		buf_adds(vi, " (CHUYENDE_DATA)");
		buf_adds(en, " (CHUYENDE_DATA)");
	} else if (within(dir, CHUYENDE_DATADIR)) {
		buf_adds(vi, " (thư mục dữ liệu định sẵn khi dựng; CHUYENDE_DATA thay được)");
		buf_adds(en, " (the data folder set at build time; CHUYENDE_DATA overrides it)");
	} else if (!*CHUYENDE_DATADIR && within(dir, data_dir(arena))) {
		buf_adds(vi, " (thư mục của chương trình; CHUYENDE_DATA thay được)");
		buf_adds(en, " (the program's folder; CHUYENDE_DATA overrides it)");
	}
}

const char *searched_folders(struct arena *arena, const char *const *dirs, size_t n)
{
	struct buf vi = {0}, en = {0};
	for (size_t i = 0; i < n; i++) {
		if (i) {
			buf_adds(&vi, i + 1 == n ? " và " : ", ");
			buf_adds(&en, i + 1 == n ? " and " : ", ");
		}
		buf_adds(&vi, dirs[i]);
		buf_adds(&en, dirs[i]);
		add_origin(&vi, &en, dirs[i], arena);
	}
	const char *s = arena_printf(arena, "%s\x1F%s", vi.data ? vi.data : "", en.data ? en.data : "");
	buf_free(&vi);
	buf_free(&en);
	return s;
}
