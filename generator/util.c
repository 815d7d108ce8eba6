#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "os.h"

_Noreturn void fatal_oom(void)
{
	fputs("chuyende: hết bộ nhớ — out of memory\n", stderr);
	exit(EXIT_SYSTEM);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		fatal_oom();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		fatal_oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		fatal_oom();
	return p;
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(xmalloc(n), s, n);
}

char *xstrndup(const char *s, size_t n)
{
	char *d = memcpy(xmalloc(n + 1), s, n);
	d[n] = '\0';
	return d;
}

struct arena_block {
	struct arena_block *next;
	size_t used, size;
	max_align_t data[];
};

#define ARENA_BLOCK 65536

/* n bytes at a multiple of align (a power of two) from the block's start,
 * which malloc aligned for any object. */
static void *arena_take(struct arena *a, size_t n, size_t align)
{
	struct arena_block *b = a->head;
	if (b)
		b->used = (b->used + align - 1) & ~(align - 1);
	if (!b || b->used > b->size || b->size - b->used < n) {
		size_t size = n > ARENA_BLOCK ? n : ARENA_BLOCK;
		b = xmalloc(sizeof *b + size);
		b->size = size;
		b->used = 0;
		b->next = a->head;
		a->head = b;
	}
	void *p = (char *)b->data + b->used;
	b->used += n;
	return p;
}

void *arena_alloc(struct arena *a, size_t n)
{
	void *p = arena_take(a, n, _Alignof(max_align_t));
	memset(p, 0, n);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	/* text needs no alignment (names of thousands of cells), nor
	 * zeroing: every byte is written */
	char *p = arena_take(a, n + 1, 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	/* most are numbers and short phrases: formatted once, on the stack */
	char small[128];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n >= 0 && (size_t)n < sizeof small)
		return arena_strndup(a, small, (size_t)n);
	struct buf b = {0};
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	char *p = arena_strndup(a, b.data ? b.data : "", b.len);
	buf_free(&b);
	return p;
}

void *arena_grow(struct arena *a, void *items, size_t n, size_t size)
{
	if (n & (n - 1))
		return items;
	void *v = arena_alloc(a, (n ? 2 * n : 1) * size);
	if (n)
		memcpy(v, items, n * size);
	return v;
}

void arena_free(struct arena *a)
{
	struct arena_block *b = a->head;
	while (b) {
		struct arena_block *next = b->next;
		free(b);
		b = next;
	}
	a->head = NULL;
}

void buf_grow(struct buf *b, size_t extra)
{
	if (b->cap - b->len > extra) {
		b->data[b->len] = '\0';
		return;
	}
	size_t cap = b->cap ? b->cap : 64;
	while (cap - b->len <= extra)
		cap *= 2;
	b->data = xrealloc(b->data, cap);
	b->cap = cap;
	b->data[b->len] = '\0';
}

void buf_add(struct buf *b, const void *p, size_t n)
{
	if (b->cap - b->len <= n)
		buf_grow(b, n);
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	/* into the room the buffer has, which is usually enough: formatted
	 * once; else measured there and formatted again after growing */
	size_t room = b->cap - b->len;
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(room ? b->data + b->len : NULL, room, fmt, ap2);
	va_end(ap2);
	if (n < 0) {
		if (room)
			b->data[b->len] = '\0';  /* whatever was written goes */
		return;
	}
	if ((size_t)n >= room) {
		buf_grow(b, (size_t)n);
		vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	}
	b->len += (size_t)n;
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void buf_free(struct buf *b)
{
	free(b->data);
	*b = (struct buf){0};
}

/* Opens path for reading without ever blocking: a FIFO with no writer
 * reads as empty instead of hanging the run. */
static int open_input(const char *path, struct stat *st)
{
	if (strcmp(path, "-") == 0)
		return fstat(STDIN_FILENO, st) == 0 ? STDIN_FILENO : -1;
	int fd = os_open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0);
	if (fd < 0)
		return -1;
	if (fstat(fd, st) != 0 || (!S_ISREG(st->st_mode) && !os_blocking(fd))) {  /* a file never blocks */
		int saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	if (S_ISDIR(st->st_mode)) {
		close(fd);
		errno = EISDIR;
		return -1;
	}
	return fd;
}

enum read_result read_file(const char *path, size_t cap, char **out, size_t *len)
{
	return read_file_id(path, cap, out, len, NULL, NULL);
}

enum read_result read_file_id(const char *path, size_t cap, char **out, size_t *len, struct file_id *id, bool *known)
{
	struct stat st;
	int fd = open_input(path, &st);
	if (fd < 0)
		return READ_FAILED;
	struct os_file_stamp stamp;
	if (id && fd != STDIN_FILENO && os_fd_stamp(fd, &st, &stamp)) {
		*id = (struct file_id){stamp.dev, stamp.ino};
		*known = true;
	}
	enum read_result r = READ_OK;
	struct buf b = {0};
	if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > cap)
		r = READ_TOO_LARGE;  /* known before reading a byte */
	else if (S_ISREG(st.st_mode)) {  /* its size exactly, and the byte that shows the end */
		b.cap = (size_t)st.st_size + 2;
		b.data = xmalloc(b.cap);
	}
	for (;;) {
		if (r != READ_OK)
			break;
		if (b.cap - b.len < 2)  /* room for a byte and the NUL */
			buf_grow(&b, 65536);
		size_t want = b.cap - b.len - 1;
		ssize_t n = read(fd, b.data + b.len, want);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			r = READ_FAILED;
		else if (n == 0)
			break;
		else if (b.len + (size_t)n > cap)
			r = READ_TOO_LARGE;
		else if ((b.len += (size_t)n, S_ISREG(st.st_mode) && (size_t)n < want && b.len >= (size_t)st.st_size))
			break;  /* all of a file's size, read short: its end, no read to see it */
	}
	int saved = errno;
	if (fd != STDIN_FILENO)
		close(fd);
	errno = saved;
	if (r != READ_OK) {
		buf_free(&b);
		return r;
	}
	b.data[b.len] = '\0';
	*out = b.data;
	*len = b.len;
	return READ_OK;
}

char *path_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

char *path_join(const char *dir, const char *rel)
{
	if (rel[0] == '/' || strcmp(dir, ".") == 0)
		return xstrdup(rel);
	size_t n = strlen(dir), m = strlen(rel);  /* a walk joins one for every entry */
	char *p = xmalloc(n + 1 + m + 1);
	memcpy(p, dir, n);
	p[n] = '/';
	memcpy(p + n + 1, rel, m + 1);
	return p;
}

bool path_has_suffix(const char *path, const char *suffix)
{
	size_t n = strlen(path), m = strlen(suffix);
	return n >= m && strcmp(path + n - m, suffix) == 0;
}

bool write_all(int fd, const void *bytes, size_t len)
{
	const char *p = bytes;
	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return false;
		}
		p += n;
		len -= (size_t)n;
	}
	return true;
}

static uint32_t name_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;  /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return (uint32_t)(h ^ (h >> 32));
}

static void name_index_grow(struct name_index *x)
{
	size_t cap = x->cap ? x->cap * 2 : 64;
	struct name_slot *slots = xcalloc(cap, sizeof *slots);
	for (size_t i = 0; i < x->cap; i++) {
		if (!x->slots[i].item)
			continue;
		size_t k = x->slots[i].hash & (cap - 1);
		while (slots[k].item)
			k = (k + 1) & (cap - 1);
		slots[k] = x->slots[i];
	}
	free(x->slots);
	x->slots = slots;
	x->cap = cap;
}

/* The slot of s in x: the one holding it, or the empty one it would go to. */
static size_t name_slot_of(const struct name_index *x, const char *s, uint32_t h, name_of_fn name, const void *ctx)
{
	size_t k = h & (x->cap - 1);
	for (; x->slots[k].item; k = (k + 1) & (x->cap - 1))
		if (x->slots[k].hash == h && strcmp(name(ctx, x->slots[k].item - 1), s) == 0)
			break;
	return k;
}

size_t name_index_put(struct name_index *x, const char *s, size_t next, name_of_fn name, const void *ctx)
{
	if (next >= UINT32_MAX)
		fatal_oom();  /* four thousand million names do not fit in memory anyway */
	if (4 * (x->n + 1) > 3 * x->cap)  /* at most three quarters full */
		name_index_grow(x);
	uint32_t h = name_hash(s);
	size_t k = name_slot_of(x, s, h, name, ctx);
	if (x->slots[k].item)
		return x->slots[k].item - 1;
	x->slots[k] = (struct name_slot){(uint32_t)next + 1, h};
	x->n++;
	return NAME_NEW;
}

size_t name_index_get(const struct name_index *x, const char *s, name_of_fn name, const void *ctx)
{
	if (!x->cap)
		return NAME_NEW;
	size_t k = name_slot_of(x, s, name_hash(s), name, ctx);
	return x->slots[k].item ? x->slots[k].item - 1 : NAME_NEW;
}

void name_index_free(struct name_index *x)
{
	free(x->slots);
	*x = (struct name_index){0};
}

size_t front_list_add(struct front_list *l, const char *s)
{
	size_t shared = 0;
	if (l->n % FRONT_SYNC == 0) {
		l->syncs = xrealloc(l->syncs, (l->n / FRONT_SYNC + 1) * sizeof *l->syncs);
		l->syncs[l->n / FRONT_SYNC] = l->bytes.len;
	} else {
		while (shared < 255 && shared < l->prev.len && s[shared] == l->prev.data[shared])
			shared++;
	}
	buf_addc(&l->bytes, (char)shared);
	buf_add(&l->bytes, s + shared, strlen(s + shared) + 1);
	l->prev.len = 0;
	buf_adds(&l->prev, s);
	return l->n++;
}

void front_list_get(const struct front_list *l, size_t i, struct buf *out)
{
	out->len = 0;
	size_t at = l->syncs[i / FRONT_SYNC];
	for (size_t k = i / FRONT_SYNC * FRONT_SYNC; k <= i; k++) {
		size_t shared = (unsigned char)l->bytes.data[at];
		const char *rest = l->bytes.data + at + 1;
		out->len = shared;
		buf_adds(out, rest);
		at += 1 + strlen(rest) + 1;
	}
}

void front_list_free(struct front_list *l)
{
	buf_free(&l->bytes);
	buf_free(&l->prev);
	free(l->syncs);
	*l = (struct front_list){0};
}

bool file_id_of(const char *path, struct file_id *id)
{
	struct os_file_stamp st;
	if (!os_file_stamp(path, &st))
		return false;
	*id = (struct file_id){st.dev, st.ino};
	return true;
}

static size_t id_slot(const struct id_set *s, struct file_id id)
{
	uint64_t h = (id.dev * 1099511628211ULL) ^ (id.ino * 0x9E3779B97F4A7C15ULL);
	size_t k = (size_t)(h ^ (h >> 29)) & (s->cap - 1);
	while (s->values[k] && (s->slots[k].dev != id.dev || s->slots[k].ino != id.ino))
		k = (k + 1) & (s->cap - 1);
	return k;
}

bool id_set_has(const struct id_set *s, struct file_id id)
{
	return s->cap && s->values[id_slot(s, id)];
}

size_t id_set_put(struct id_set *s, struct file_id id, size_t value)
{
	if (4 * (s->n + 1) > 3 * s->cap) {  /* at most three quarters full */
		size_t cap = s->cap ? 2 * s->cap : 64;
		struct id_set bigger = {xcalloc(cap, sizeof *s->slots), xcalloc(cap, sizeof *s->values), cap, s->n};
		for (size_t i = 0; i < s->cap; i++)
			if (s->values[i]) {
				size_t k = id_slot(&bigger, s->slots[i]);
				bigger.slots[k] = s->slots[i];
				bigger.values[k] = s->values[i];
			}
		id_set_free(s);
		*s = bigger;
	}
	size_t k = id_slot(s, id);
	if (s->values[k])
		return s->values[k] - 1;
	if (value >= UINT32_MAX - 1)
		fatal_oom();  /* four thousand million files are not read in one run */
	s->slots[k] = id;
	s->values[k] = (uint32_t)value + 1;
	s->n++;
	return SIZE_MAX;
}

void id_set_update(struct id_set *s, struct file_id id, size_t value)
{
	size_t k = s->cap ? id_slot(s, id) : 0;
	if (s->cap && s->values[k] && value < UINT32_MAX - 1)
		s->values[k] = (uint32_t)value + 1;
}

void id_set_free(struct id_set *s)
{
	free(s->slots);
	free(s->values);
	*s = (struct id_set){0};
}

/* Appends path as one shell word: as it is when nothing in it is special
 * to a shell, else quoted; "./" before a name that reads as an option. */
void buf_add_shell_word(struct buf *b, const char *path)
{
	if (path[0] == '-' && path[1] != '\0')
		buf_adds(b, "./");
	bool plain = path[0] != '\0';
	for (const unsigned char *p = (const unsigned char *)path; *p; p++)
		if (*p < 0x80 && !((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z') && !(*p >= '0' && *p <= '9') &&
		    !strchr("_@%+=:,./-", *p))
			plain = false;
	if (plain) {
		buf_adds(b, path);
		return;
	}
#ifdef _WIN32
	buf_printf(b, "\"%s\"", path);  /* cmd.exe; a Windows name cannot hold a double quote */
#else
	buf_addc(b, '\'');
	for (const char *p = path; *p; p++)
		if (*p == '\'')
			buf_adds(b, "'\\''");
		else
			buf_addc(b, *p);
	buf_addc(b, '\'');
#endif
}

/* ---- folder listings (os.h), the same on every platform ---- */

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct os_entry *)a)->name, ((const struct os_entry *)b)->name);
}

void os_hand_out_entries(struct os_entry *v, size_t count, bool sorted, char ***names, unsigned char **kinds,
			 size_t *n)
{
	if (count && sorted)
		qsort(v, count, sizeof *v, by_name);
	char **out = xmalloc((count ? count : 1) * sizeof *out);
	unsigned char *k = kinds ? xmalloc(count ? count : 1) : NULL;
	for (size_t i = 0; i < count; i++) {
		out[i] = v[i].name;
		if (k)
			k[i] = v[i].kind;
	}
	free(v);
	*names = out;
	if (kinds)
		*kinds = k;
	*n = count;
}

void os_names_free(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

void cp_table_set(struct cp_table *t, uint32_t cp, uint16_t v)
{
	uint16_t **b = &t->block[cp >> 8];
	if (!*b)
		*b = xcalloc(256, sizeof **b);
	(*b)[cp & 0xFF] = v;
}

void cp_table_free(struct cp_table *t)
{
	for (size_t i = 0; i < sizeof t->block / sizeof t->block[0]; i++)
		free(t->block[i]);
	memset(t, 0, sizeof *t);
}
