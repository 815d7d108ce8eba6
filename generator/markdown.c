#include "markdown.h"

#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* cmark's allocator interface (calloc, realloc, free) takes no context:
 * the count and the way out live here, for the one parse of this process
 * that is running. Blocks are kept on a list so that an abandoned parse
 * frees every one of them. */
struct block {
	struct block *prev, *next;
	size_t size;
};

union head {
	struct block b;
	max_align_t align;  /* keeps the memory handed to cmark aligned */
};

static struct {
	struct block list;     /* sentinel of a circular list */
	size_t live, budget;
	jmp_buf *out;          /* where an exhausted budget returns, while parsing */
} md;

static void *to_user(union head *h)
{
	return h + 1;
}

static union head *from_user(void *p)
{
	return (union head *)p - 1;
}

static void link_block(union head *h, size_t size)
{
	h->b.size = size;
	h->b.next = md.list.next;
	h->b.prev = &md.list;
	md.list.next->prev = &h->b;
	md.list.next = &h->b;
	md.live += size;
}

static void unlink_block(union head *h)
{
	h->b.prev->next = h->b.next;
	h->b.next->prev = h->b.prev;
	md.live -= h->b.size;
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
	union head *h = calloc(1, sizeof *h + n * size);
	if (!h)
		fatal_oom();
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
	unlink_block(h);
	union head *g = realloc(h, sizeof *g + size);
	if (!g)
		fatal_oom();
	link_block(g, size);
	return to_user(g);
}

static void md_free_block(void *p)
{
	if (!p)
		return;
	union head *h = from_user(p);
	unlink_block(h);
	free(h);
}

static cmark_mem allocator = {md_calloc, md_realloc, md_free_block};

/* Frees the blocks made since older was first: new blocks, reallocated
 * ones too, are always linked in front of it. */
static void free_newer(const struct block *older)
{
	while (md.list.next != older) {
		union head *h = (union head *)md.list.next;
		unlink_block(h);
		free(h);
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
