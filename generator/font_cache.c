/* Font files read once per process (font_open): a template's fonts are
 * read by the first document that names them and shared by every later
 * one, across a build's plans. */
#include "font_sfnt.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "layout.h"
#include "os.h"
#include "syserr.h"
#include "util.h"

/* A font file, mapped or kept open to be read a part at a time; it must
 * not change while in use. */
struct font_file {
	int fd;
	const void *map;         /* the file mapped, or NULL: read with os_pread */
	struct stat at_open;
};

static const char *file_changed(void *ctx)
{
	struct font_file *ff = ctx;
	struct stat now;
	if (fstat(ff->fd, &now) != 0)
		return sys_cause(errno, NULL);
	if (now.st_size != ff->at_open.st_size || now.st_mtime != ff->at_open.st_mtime)
		return BI("tệp phông bị thay đổi khi đang đọc", "the font file changed while being read");
	return NULL;
}

static const char *file_read(void *ctx, uint8_t *into, uint32_t off, uint32_t len)
{
	struct font_file *ff = ctx;
	const char *err = file_changed(ff);
	if (err)
		return err;
	for (uint32_t got = 0; got < len;) {
		ssize_t r = os_pread(ff->fd, into + got, len - got, (int64_t)off + got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return r < 0 ? sys_cause(errno, NULL) : BI("tệp phông bị cụt khi đọc", "the font file shrank while being read");
		got += (uint32_t)r;
	}
	return NULL;
}

static void file_close(void *ctx)
{
	struct font_file *ff = ctx;
	os_unmap_file(ff->map, (size_t)ff->at_open.st_size);
	close(ff->fd);
	free(ff);
}

/* Opens the file at path as a font: mapped where the system can (pages
 * the kernel already holds, no copy), else read a part at a time, the
 * table directory and the small tables now, glyph data when a subset
 * needs it. */
static struct font *open_font_file(const char *path, const char **why)
{
	int fd = os_open(path, O_RDONLY | O_CLOEXEC, 0);
	if (fd < 0) {
		*why = sys_cause(errno, NULL);
		return NULL;
	}
	struct stat st;
	if (fstat(fd, &st) != 0) {
		*why = sys_cause(errno, NULL);
	} else if (!S_ISREG(st.st_mode)) {
		*why = BI("không phải tệp thường", "not a regular file");
	} else if ((uint64_t)st.st_size > FONT_MAX_BYTES) {
		*why = BI("tệp phông quá lớn", "the font file is too large");
	} else {
		struct font_file *ff = xmalloc(sizeof *ff);
		*ff = (struct font_file){fd, os_map_file(fd, (size_t)st.st_size), st};
		if (ff->map)
			return font_parse_mapped(ff->map, (size_t)st.st_size,
						 (struct font_reader){NULL, file_changed, file_close, ff}, true, why);
		return font_parse_reader((size_t)st.st_size, (struct font_reader){file_read, file_changed, file_close, ff},
					 true, why);
	}
	close(fd);
	return NULL;
}

/* Fonts read by this thread (each build worker on Windows is one), by
 * file identity and version; kept to the end. */
struct cached_font {
	struct os_file_stamp file;
	bool known;              /* file holds the stamp */
	struct font *font;
};
static _Thread_local struct cached_font *cache;
static _Thread_local size_t n_cache, cap_cache;

struct font *font_open(const char *path, const char **why)
{
	struct os_file_stamp now = {0};
	bool known = os_file_stamp(path, &now);  /* else read again each time */
	for (size_t i = n_cache; known && i-- > 0;) {
		const struct os_file_stamp *c = &cache[i].file;
		if (cache[i].known && c->dev == now.dev && c->ino == now.ino && c->size == now.size &&
		    c->mtime_ns == now.mtime_ns)
			return cache[i].font;
	}
	struct font *f = open_font_file(path, why);
	if (!f)
		return NULL;
	/* An entry for an older version of the file stays: a painter may still use it. */
	*VEC_PUSH(cache, n_cache, cap_cache) = (struct cached_font){now, known, f};
	return f;
}

/* ---- a document's fonts ---- */

static const char *const default_fonts[FACE_COUNT] = {
	"LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf", "LiberationSerif-Italic.ttf",
	"LiberationSerif-BoldItalic.ttf", "LiberationMono-Regular.ttf",
};

struct font_set {
	struct arena arena;
	const char *file;
	const char *given[FACE_COUNT];
	struct pos at[FACE_COUNT];
	struct font *font[FACE_COUNT];
	struct font_metrics fm;
};

static const char *find_font(struct font_set *fs, const char *given, const struct font_names *names,
			     const char **why)
{
	if (strchr(given, '/'))
		return given;  /* a path: opening it says why it cannot be read */
	for (size_t i = 0; i < names->n_dirs && i < FONT_DIRS_GIVEN; i++) {
		const char *path = arena_printf(&fs->arena, "%s/%s", names->dirs[i], given);
		if (os_readable(path))
			return path;
	}
	const char *searched = names->searched ? names->searched : "\x1F", *en = strchr(searched, '\x1F');
	*why = en ? arena_printf(&fs->arena, "không tìm thấy; đã tìm trong %.*s\x1Fnot found; searched %s",
				 (int)(en - searched), searched, en + 1)
		  : arena_printf(&fs->arena, "không tìm thấy\x1Fnot found");
	return NULL;
}

static bool load_face(struct font_set *fs, int face, const struct font_names *names, struct diags *d)
{
	for (int o = 0; o < face; o++) {
		if (strcmp(fs->given[o], fs->given[face]) == 0) {
			fs->font[face] = fs->font[o];
			return true;
		}
	}
	const char *why = NULL, *path = find_font(fs, fs->given[face], names, &why);
	if (path) {
		fs->font[face] = font_open(path, &why);
		if (!fs->font[face])
			why = arena_strdup(&fs->arena, why);
	}
	if (!fs->font[face]) {
		diag(d, DIAG_FONT_FAILED, fs->file, fs->at[face], path ? path : fs->given[face], why, NULL);
		return false;
	}
	return true;
}

struct font *font_set_font(const struct font_set *fs, enum font_face face)
{
	return fs->font[(unsigned)face < FACE_COUNT ? face : FACE_REGULAR];
}

static double metric_width(void *ctx, enum font_face face, double size, const char *s, size_t n)
{
	struct font *f = font_set_font(ctx, face);
	return f ? (double)font_text_width(f, s, n) * size / 1000 : 0;
}

static double metric_ascent(void *ctx, enum font_face face, double size)
{
	struct font *f = font_set_font(ctx, face);
	return f ? font_get_info(f)->ascent * size / 1000 : 0.8 * size;
}

static double metric_descent(void *ctx, enum font_face face, double size)
{
	struct font *f = font_set_font(ctx, face);
	return f ? -font_get_info(f)->descent * size / 1000 : 0.2 * size;
}

static bool metric_has_glyph(void *ctx, enum font_face face, uint32_t cp)
{
	struct font *f = font_set_font(ctx, face);
	return f && font_glyph(f, cp) != 0;
}

static size_t metric_glyphs_prefix(void *ctx, enum font_face face, const char *s, size_t n)
{
	struct font *f = font_set_font(ctx, face);
	return f ? font_glyphs_prefix(f, s, n) : 0;
}

struct font_set *font_set_open(const struct font_names *names, struct diags *d)
{
	struct font_set *fs = xcalloc(1, sizeof *fs);
	fs->file = arena_strdup(&fs->arena, names->file ? names->file : "");
	bool ok = true;
	for (int i = 0; ok && i < FACE_COUNT; i++) {
		const char *n = names->names[i];
		fs->given[i] = arena_strdup(&fs->arena, n && *n ? n : default_fonts[i]);
		fs->at[i] = names->at[i];
		ok = load_face(fs, i, names, d);
	}
	if (!ok) {
		font_set_free(fs);
		return NULL;
	}
	fs->fm = (struct font_metrics){fs, metric_width, metric_ascent, metric_descent, metric_has_glyph,
				       metric_glyphs_prefix};
	return fs;
}

const struct font_metrics *font_set_metrics(const struct font_set *fs)
{
	return &fs->fm;
}

const char *font_set_name(const struct font_set *fs, enum font_face face)
{
	return fs->given[(unsigned)face < FACE_COUNT ? face : FACE_REGULAR];
}

const char *font_set_file(const struct font_set *fs)
{
	return fs->file;
}

struct pos font_set_at(const struct font_set *fs, enum font_face face)
{
	return fs->at[(unsigned)face < FACE_COUNT ? face : FACE_REGULAR];
}

void font_set_free(struct font_set *fs)
{
	if (!fs)
		return;
	arena_free(&fs->arena);
	free(fs);
}
