#include "markdown.h"

#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* cmark's allocator interface (calloc, realloc, free) takes no context:
 * the count and the way out live here, for the one parse of this process
 * that is running. Blocks are kept on a list so that an abandoned parse
 * frees every one of them.
 *
 * Small blocks (a node, a short string) come from a pool: slabs cut into
 * sizes of POOL_STEP bytes, each size with a list of the blocks freed.
 * cmark makes and frees some 300,000 of them for a 1,000-page draft, each
 * a calloc and a free of glibc's (400 instructions the pair, as the tree
 * is made whole and freed whole). The slabs go back to the system when
 * the last block is freed: between the parts of a draft, and after it. */
struct block {
	struct block *prev, *next;  /* live: the list of blocks; free: the pool's list */
	size_t size;
};

union head {
	struct block b;
	max_align_t align;  /* keeps the memory handed to cmark aligned */
};

#define POOL_STEP 16u
#define POOL_MAX 512u      /* head and data: larger blocks are glibc's */
#define SLAB_BYTES 65536u

struct slab {
	struct slab *next;
	max_align_t align;    /* the blocks after it aligned */
};

static _Thread_local struct {  /* per thread: build workers are threads on Windows */
	struct block list;     /* sentinel of a circular list */
	size_t live, budget;
	size_t n_live;         /* blocks on the list */
	jmp_buf *out;          /* where an exhausted budget returns, while parsing */
	struct block *free[POOL_MAX / POOL_STEP + 1];  /* by size in steps */
	struct slab *slabs;
	char *carve, *carve_end;  /* the newest slab's part not cut yet */
} md;

static void *to_user(union head *h)
{
	return h + 1;
}

static union head *from_user(void *p)
{
	return (union head *)p - 1;
}

/* The pool's size, in steps, of a block of size bytes; 0 for glibc's. */
static size_t pool_steps(size_t size)
{
	if (size > POOL_MAX - sizeof(union head))
		return 0;
	return (sizeof(union head) + size + POOL_STEP - 1) / POOL_STEP;
}

/* A block of size bytes (uninitialised), from the pool or glibc. */
static union head *block_new(size_t size)
{
	size_t steps = pool_steps(size);
	if (!steps) {
		union head *h = malloc(sizeof *h + size);
		if (!h)
			fatal_oom();
		return h;
	}
	struct block *b = md.free[steps];
	if (b) {
		md.free[steps] = b->next;
		return (union head *)b;
	}
	size_t bytes = steps * POOL_STEP;
	if ((size_t)(md.carve_end - md.carve) < bytes) {
		struct slab *s = xmalloc(SLAB_BYTES);
		s->next = md.slabs;
		md.slabs = s;
		md.carve = (char *)(s + 1);
		md.carve_end = (char *)s + SLAB_BYTES;
	}
	union head *h = (union head *)md.carve;
	md.carve += bytes;
	return h;
}

/* Back to the pool or glibc; the slabs too when no block is live. */
static void block_release(union head *h)
{
	size_t steps = pool_steps(h->b.size);
	if (steps) {
		h->b.next = md.free[steps];
		md.free[steps] = &h->b;
	} else {
		free(h);
	}
	if (md.n_live)
		return;
	while (md.slabs) {
		struct slab *s = md.slabs;
		md.slabs = s->next;
		free(s);
	}
	memset(md.free, 0, sizeof md.free);
	md.carve = md.carve_end = NULL;
}

static void link_block(union head *h, size_t size)
{
	h->b.size = size;
	h->b.next = md.list.next;
	h->b.prev = &md.list;
	md.list.next->prev = &h->b;
	md.list.next = &h->b;
	md.live += size;
	md.n_live++;
}

static void unlink_block(union head *h)
{
	h->b.prev->next = h->b.next;
	h->b.next->prev = h->b.prev;
	md.live -= h->b.size;
	md.n_live--;
}

/* Out of budget while parsing: back to md_parse, which frees everything. */
static void charge(size_t size)
{
	if (md.out && md.live + size > md.budget)
		longjmp(*md.out, 1);
}

static void *md_calloc(size_t n, size_t size)
{
	if (size && n > (SIZE_MAX - sizeof(union head)) / size)
		fatal_oom();
	charge(n * size);
	union head *h = block_new(n * size);
	memset(to_user(h), 0, n * size);
	link_block(h, n * size);
	return to_user(h);
}

static void *md_realloc(void *p, size_t size)
{
	if (!p)
		return md_calloc(1, size);
	union head *h = from_user(p);
	if (size > h->b.size)
		charge(size - h->b.size);
	if (size > SIZE_MAX - sizeof(union head))
		fatal_oom();
	size_t old = h->b.size, steps = pool_steps(old);
	unlink_block(h);
	union head *g;
	if (steps && pool_steps(size) == steps) {
		g = h;  /* the same size of block holds it */
	} else if (!steps && !pool_steps(size)) {
		g = realloc(h, sizeof *g + size);
		if (!g)
			fatal_oom();
	} else {
		g = block_new(size);
		memcpy(to_user(g), to_user(h), old < size ? old : size);
		link_block(g, size);  /* before h goes: g keeps the slabs */
		block_release(h);
		return to_user(g);
	}
	link_block(g, size);
	return to_user(g);
}

static void md_free_block(void *p)
{
	if (!p)
		return;
	union head *h = from_user(p);
	unlink_block(h);
	block_release(h);
}

static cmark_mem allocator = {md_calloc, md_realloc, md_free_block};

/* Frees the blocks made since older was first: new blocks, reallocated
 * ones too, are always linked in front of it. */
static void free_newer(const struct block *older)
{
	while (md.list.next != older) {
		union head *h = (union head *)md.list.next;
		unlink_block(h);
		block_release(h);
	}
}

cmark_node *md_parse(const char *text, size_t len, int options, size_t budget)
{
	if (!md.list.next)
		md.list.next = md.list.prev = &md.list;
	md.budget = md.live + budget;
	const struct block *older = md.list.next;
	jmp_buf out;
	if (setjmp(out)) {
		md.out = NULL;
		free_newer(older);
		return NULL;
	}
	md.out = &out;
	cmark_parser *parser = cmark_parser_new_with_mem(options, &allocator);
	cmark_parser_feed(parser, text, len);
	cmark_node *doc = cmark_parser_finish(parser);
	cmark_parser_free(parser);
	md.out = NULL;
	return doc;
}

void md_free(cmark_node *doc)
{
	if (doc)
		cmark_node_free(doc);
}

/* ---- parts ---- */

/* Whether splitting text before its headings may change what it parses
 * to. Each mark is looked for with memchr: a draft has few of them. */
static bool may_not_split(const char *s, size_t n)
{
	static const char marks[] = "<`~]\r";
	for (const char *m = marks; *m; m++) {
		for (const char *q = memchr(s, *m, n); q; q = memchr(q + 1, *m, n - (size_t)(q + 1 - s))) {
			size_t i = (size_t)(q - s);
			switch (*m) {
			case '<':
				return true;
			case '`':
			case '~':
				if (i + 2 < n && s[i + 1] == *m && s[i + 2] == *m)
					return true;
				break;
			case ']':
				if (i + 1 < n && s[i + 1] == ':')
					return true;
				break;
			default:  /* a carriage return that ends no line with a line feed */
				if (i + 1 == n || s[i + 1] != '\n')
					return true;
				break;
			}
		}
	}
	return false;
}

/* An ATX heading's marker at s, the start of a line (no indentation). */
static bool atx_heading_at(const char *s, size_t n)
{
	size_t k = 0;
	while (k < n && k < 7 && s[k] == '#')
		k++;
	return k >= 1 && k <= 6 && (k == n || s[k] == ' ' || s[k] == '\t' || s[k] == '\r' || s[k] == '\n');
}

static bool blank_line(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return false;
	return true;
}

void md_parts_start(struct md_parts *p, const char *text, size_t len)
{
	*p = (struct md_parts){.text = text, .len = len, .line = 1,
			       .whole = len <= MD_PART_BYTES || may_not_split(text, len)};
}

bool md_parts_next(struct md_parts *p, const char **part, size_t *len, int *line)
{
	if (p->done)
		return false;
	size_t start = p->at, end = p->len;
	int lines = 0;
	if (!p->whole) {
		bool after_blank = false;
		for (size_t i = start; i < p->len;) {
			const char *nl = memchr(p->text + i, '\n', p->len - i);
			size_t eol = nl ? (size_t)(nl - p->text) + 1 : p->len;
			if (i - start >= MD_PART_BYTES && after_blank && atx_heading_at(p->text + i, p->len - i)) {
				end = i;
				break;
			}
			after_blank = blank_line(p->text + i, eol - i);
			lines += nl != NULL;
			i = eol;
		}
	}
	*part = p->text + start;
	*len = end - start;
	*line = p->line;
	p->line += lines;
	p->at = end;
	p->done = end == p->len;
	return true;
}

/* ---- the scan before parsing ---- */

enum container_kind { C_QUOTE, C_ITEM };

struct container {
	enum container_kind kind;
	int content;               /* C_ITEM: the column its content starts at */
};

struct scanner {
	const char *s;             /* the line */
	size_t n, i;               /* its length, the position */
	int col;                   /* the visual column of i (tabs to the next multiple of 4) */
	struct container *stack;
	int depth, limit;
	bool fenced, prev_blank, para_open;
	char fence;
	size_t fence_len;
};

static int col_after(int col, char c)
{
	return c == '\t' ? (col / 4 + 1) * 4 : col + 1;
}

/* The column of the first character at or after i that is not a space. */
static int indent_col(const struct scanner *sc, size_t *at)
{
	size_t i = sc->i;
	int col = sc->col;
	while (i < sc->n && (sc->s[i] == ' ' || sc->s[i] == '\t'))
		col = col_after(col, sc->s[i++]);
	if (at)
		*at = i;
	return col;
}

static void advance(struct scanner *sc, size_t to)
{
	while (sc->i < to)
		sc->col = col_after(sc->col, sc->s[sc->i++]);
}

/* Moves over spaces up to column col (not past a non-space). */
static void advance_to_col(struct scanner *sc, int col)
{
	while (sc->i < sc->n && sc->col < col && (sc->s[sc->i] == ' ' || sc->s[sc->i] == '\t'))
		sc->col = col_after(sc->col, sc->s[sc->i++]);
}

/* Whether the open container k continues on this line. */
static bool continues(struct scanner *sc, const struct container *c)
{
	size_t at;
	int col = indent_col(sc, &at);
	if (c->kind == C_ITEM) {
		if (col < c->content)
			return false;
		advance_to_col(sc, c->content);
		return true;
	}
	if (col - sc->col > 3 || at >= sc->n || sc->s[at] != '>')
		return false;
	advance(sc, at + 1);
	if (sc->i < sc->n && (sc->s[sc->i] == ' ' || sc->s[sc->i] == '\t'))
		advance(sc, sc->i + 1);
	return true;
}

/* A line of three or more of one of "-*_" and spaces from i on. */
static bool thematic_break_from(const char *s, size_t i, size_t n)
{
	char c = 0;
	int count = 0;
	for (; i < n; i++) {
		if (s[i] == ' ' || s[i] == '\t')
			continue;
		if ((s[i] != '-' && s[i] != '*' && s[i] != '_') || (c && s[i] != c))
			return false;
		c = s[i];
		count++;
	}
	return count >= 3;
}

/* The width of a list marker at s[i] ("-", "+", "*", "12." or "3)" then
 * a space, a tab or the end), 0 when there is none. */
static size_t marker_at(const char *s, size_t i, size_t n)
{
	size_t k = i;
	if (k < n && (s[k] == '-' || s[k] == '+' || s[k] == '*')) {
		k++;
	} else {
		while (k < n && k - i < 9 && s[k] >= '0' && s[k] <= '9')
			k++;
		if (k == i || k >= n || (s[k] != '.' && s[k] != ')'))
			return 0;
		k++;
	}
	return k == n || s[k] == ' ' || s[k] == '\t' ? k - i : 0;
}

/* Opens the containers whose markers start the rest of the line; false
 * when one goes past the limit (*col gets its column). */
static bool open_containers(struct scanner *sc, int matched, int *col)
{
	bool opened = false;
	for (;;) {
		size_t at;
		int c = indent_col(sc, &at);
		if (c - sc->col >= 4 || at >= sc->n)
			break;  /* indented code, or nothing left */
		bool quote = sc->s[at] == '>';
		size_t w = quote ? 1 : marker_at(sc->s, at, sc->n);
		if (!w || (!quote && thematic_break_from(sc->s, at, sc->n)))
			break;
		if (!opened)
			sc->depth = matched;  /* a new container closes the ones not continued */
		opened = true;
		if (sc->depth >= sc->limit) {
			*col = (int)at + 1;
			return false;
		}
		advance(sc, at + w);
		struct container *k = &sc->stack[sc->depth++];
		k->kind = quote ? C_QUOTE : C_ITEM;
		size_t after;
		int content = indent_col(sc, &after);
		if (quote) {
			if (sc->i < sc->n && (sc->s[sc->i] == ' ' || sc->s[sc->i] == '\t'))
				advance(sc, sc->i + 1);
		} else {
			/* content one column after the marker when spaces run to 5 or more */
			k->content = after >= sc->n || content - sc->col >= 5 ? sc->col + 1 : content;
			advance_to_col(sc, k->content);
		}
	}
	if (!opened && matched < sc->depth && (sc->prev_blank || !sc->para_open))
		sc->depth = matched;  /* no paragraph to continue lazily */
	return true;
}

/* A line "```" or "~~~" (three or more) opening or closing fenced code. */
static bool fence_line(struct scanner *sc, bool closing)
{
	size_t at;
	int c = indent_col(sc, &at);
	if (c - sc->col > 3 || at >= sc->n || (sc->s[at] != '`' && sc->s[at] != '~'))
		return false;
	size_t k = at;
	while (k < sc->n && sc->s[k] == sc->s[at])
		k++;
	if (k - at < 3 || (closing && (sc->s[at] != sc->fence || k - at < sc->fence_len)))
		return false;
	if (!closing) {
		sc->fence = sc->s[at];
		sc->fence_len = k - at;
	}
	return true;
}

static bool blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return false;
	return true;
}

/* "[" that inlines will parse: a link reference definition ("[x]: url")
 * is read as a block, never as brackets of a link. */
static size_t count_brackets(const char *s, size_t n)
{
	size_t k = 0, lead = 0;
	while (lead < n && lead < 3 && s[lead] == ' ')
		lead++;
	if (lead < n && s[lead] == '[') {
		const char *close = memchr(s + lead, ']', n - lead);
		if (close && close + 1 < s + n && close[1] == ':')
			return 0;
	}
	for (const char *p = s; (p = memchr(p, '[', (size_t)(s + n - p))) != NULL; p++)
		k++;
	return k;
}

struct md_scan md_prescan(const char *text, size_t len, int depth_limit)
{
	struct container *stack = xcalloc((size_t)depth_limit + 1, sizeof *stack);
	struct scanner sc = {.stack = stack, .limit = depth_limit, .prev_blank = true};
	struct md_scan r = {MD_SCAN_OK, 0, 0, 0};
	size_t brackets = 0, at = 0;
	int chunk = 0;
	for (int line = 1; at <= len && r.problem == MD_SCAN_OK; line++) {
		/* the line runs to its LF, or to a CR before it (memchr, not a
		 * byte at a time: a paragraph is one long line) */
		const char *lf = at < len ? memchr(text + at, '\n', len - at) : NULL;
		size_t n = lf ? (size_t)(lf - (text + at)) : len - at;
		const char *cr = n ? memchr(text + at, '\r', n) : NULL;
		if (cr)
			n = (size_t)(cr - (text + at));
		sc.s = text + at;
		sc.n = n;
		sc.i = 0;
		sc.col = 0;
		if (blank(sc.s, n)) {
			if (brackets > LIMIT_MARKDOWN_BRACKETS)
				r = (struct md_scan){MD_SCAN_TOO_MANY_BRACKETS, chunk, 1, brackets};
			brackets = 0;
			sc.prev_blank = true;
			sc.para_open = false;
		} else {
			if (!brackets)
				chunk = line;
			int matched = 0;
			while (matched < sc.depth && continues(&sc, &sc.stack[matched]))
				matched++;
			int col = 0;
			if (sc.fenced) {
				if (fence_line(&sc, true))
					sc.fenced = false;
			} else if (!open_containers(&sc, matched, &col)) {
				r = (struct md_scan){MD_SCAN_TOO_DEEP, line, col, 0};
			} else if (fence_line(&sc, false)) {
				sc.fenced = true;
				sc.para_open = false;
			} else {
				brackets += count_brackets(sc.s + sc.i, n - sc.i);
				sc.para_open = true;
			}
			sc.prev_blank = false;
		}
		if (at + n >= len)
			break;
		at += n + (text[at + n] == '\r' && at + n + 1 < len && text[at + n + 1] == '\n' ? 2 : 1);
	}
	if (r.problem == MD_SCAN_OK && brackets > LIMIT_MARKDOWN_BRACKETS)
		r = (struct md_scan){MD_SCAN_TOO_MANY_BRACKETS, chunk, 1, brackets};
	free(stack);
	return r;
}
