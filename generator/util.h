/* Small shared tools: an arena for the lifetime of one input, a growable
 * byte buffer, and reading whole files with a size cap. */
#ifndef CHUYENDE_UTIL_H
#define CHUYENDE_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* Format checks as the C library formats: on Windows, mingw's C99 printf
 * (__USE_MINGW_ANSI_STDIO), where plain "printf" would mean msvcrt's. */
#ifdef __MINGW_PRINTF_FORMAT
#define PRINTF_LIKE(fmt, first) __attribute__((format(__MINGW_PRINTF_FORMAT, fmt, first)))
#else
#define PRINTF_LIKE(fmt, first) __attribute__((format(printf, fmt, first)))
#endif

/* Exit statuses of plan-format.md §4. */
enum exit_status { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2, EXIT_SYSTEM = 3 };

/* Out of memory is a system error: print it and exit 3. Allocation
 * helpers below call it, so callers never see NULL. */
_Noreturn void fatal_oom(void);
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
/* The first n bytes of s, NUL-terminated. */
char *xstrndup(const char *s, size_t n);

/* Everything read from one file lives in one arena, freed at once. */
struct arena_block;
struct arena {
	struct arena_block *head;
};
void *arena_alloc(struct arena *a, size_t n);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_printf(struct arena *a, const char *fmt, ...)
	PRINTF_LIKE(2, 3);
void arena_free(struct arena *a);
/* Room for item n of an arena array holding n items of size bytes: the
 * same array, or a copy twice as large when n is 0 or a power of two (the
 * old block stays in the arena). Lets arrays grow without a capacity field. */
void *arena_grow(struct arena *a, void *items, size_t n, size_t size);

/* A growable byte buffer, always NUL-terminated. */
struct buf {
	char *data;
	size_t len, cap;
};
/* Room for extra more bytes and the NUL after them. */
void buf_grow(struct buf *b, size_t extra);
void buf_add(struct buf *b, const void *p, size_t n);
void buf_adds(struct buf *b, const char *s);
/* One byte: inline, for the loops that write a character at a time
 * (a page's glyph codes), with buf_add when the buffer is full. */
static inline void buf_addc(struct buf *b, char c)
{
	if (b->cap - b->len > 1) {
		b->data[b->len++] = c;
		b->data[b->len] = '\0';
	} else {
		buf_add(b, &c, 1);
	}
}
void buf_printf(struct buf *b, const char *fmt, ...)
	PRINTF_LIKE(2, 3);
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
void buf_free(struct buf *b);
/* Appends path as one shell word, quoted when a shell would read it
 * otherwise: advice a user pastes runs as it stands. */
void buf_add_shell_word(struct buf *b, const char *path);

/* Names to numbers: an open-addressing hash index over names kept
 * elsewhere; name(ctx, i) gives the name numbered i. */
struct name_index {
	struct name_slot {
		uint32_t item;   /* number + 1; 0 is empty */
		uint32_t hash;   /* of its name: names are compared only when it matches */
	} *slots;
	size_t cap, n;   /* cap a power of two, at most three quarters full */
};
typedef const char *(*name_of_fn)(const void *ctx, size_t i);
/* The number already under s, or NAME_NEW after storing next (below
 * 2^32 - 1) under s. */
#define NAME_NEW SIZE_MAX
size_t name_index_put(struct name_index *x, const char *s, size_t next, name_of_fn name, const void *ctx);
/* The number under s, or NAME_NEW when there is none. */
size_t name_index_get(const struct name_index *x, const char *s, name_of_fn name, const void *ctx);
void name_index_free(struct name_index *x);

/* A list of strings, front-coded: each keeps only what differs from the
 * one before it (paths from a folder walk share most of their bytes), with
 * a whole one every FRONT_SYNC so that reading one back is quick. */
#define FRONT_SYNC 64
struct front_list {
	struct buf bytes;   /* per string: shared length (one byte), the rest, NUL */
	size_t *syncs;      /* offset of every FRONT_SYNC-th string */
	size_t n;
	struct buf prev;    /* the last string added */
};
/* Appends s; its number. */
size_t front_list_add(struct front_list *l, const char *s);
/* String i, into out (emptied first). */
void front_list_get(const struct front_list *l, size_t i, struct buf *out);
void front_list_free(struct front_list *l);

/* Files by identity (device and inode): the same file reached by two
 * paths, a symlink or a hard link, is one file. */
struct file_id {
	uint64_t dev, ino;
};
struct id_set {
	struct file_id *slots;
	uint32_t *values;        /* value + 1 per slot; 0: empty */
	size_t cap, n;
};
/* The identity of the file at path (symlinks followed); false with errno. */
bool file_id_of(const char *path, struct file_id *id);
/* Adds id with value; when id is there already, returns its value and
 * adds nothing, else returns SIZE_MAX. */
size_t id_set_put(struct id_set *s, struct file_id id, size_t value);
bool id_set_has(const struct id_set *s, struct file_id id);
/* Sets the value of an id in the set (nothing when it is not). */
void id_set_update(struct id_set *s, struct file_id id, size_t value);
void id_set_free(struct id_set *s);

/* A dynamic array of fixed-size items, grown by doubling. */
#define VEC_PUSH(arr, n, cap) \
	(((n) == (cap) ? ((cap) = (cap) ? 2 * (cap) : 8, \
	  (arr) = xrealloc((arr), (cap) * sizeof *(arr))) : 0), &(arr)[(n)++])

enum read_result { READ_OK, READ_FAILED, READ_TOO_LARGE };
/* Reads a whole file ("-" is standard input) into a NUL-terminated buffer.
 * On READ_FAILED errno says why. */
enum read_result read_file(const char *path, size_t cap, char **out, size_t *len);
/* The same, and (when id is not NULL and path is not "-") the identity of
 * the file read, from the descriptor read: *known says whether it is. */
enum read_result read_file_id(const char *path, size_t cap, char **out, size_t *len, struct file_id *id, bool *known);

/* Directory part of a path ("." when none), as a new string. */
char *path_dirname(const char *path);
/* Joins dir and rel unless rel is absolute. */
char *path_join(const char *dir, const char *rel);
bool path_has_suffix(const char *path, const char *suffix);



/* Writes all of bytes to fd, going on after EINTR; false with errno set. */
bool write_all(int fd, const void *bytes, size_t len);
/* A 16-bit value per code point below CP_TABLE_END (Latin with
 * Vietnamese, U+1E00..U+1EFF, and the punctuation of U+2000..U+21FF), 0
 * until set. Made 256 code points at a time as they are first set: a text
 * in Vietnamese touches six blocks of 512 bytes, where one array of the
 * range was 17 KB to clear and page in. */
#define CP_TABLE_END 0x2200u
struct cp_table {
	uint16_t *block[CP_TABLE_END >> 8];
};

static inline unsigned cp_table_get(const struct cp_table *t, uint32_t cp)
{
	const uint16_t *b = cp < CP_TABLE_END ? t->block[cp >> 8] : NULL;
	return b ? b[cp & 0xFF] : 0;
}

/* cp below CP_TABLE_END. */
void cp_table_set(struct cp_table *t, uint32_t cp, uint16_t v);
void cp_table_free(struct cp_table *t);

#endif
