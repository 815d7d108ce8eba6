/* Markdown parsed by cmark within a memory budget. cmark keeps the whole
 * tree of a draft in memory, and some inputs far under the size limit
 * make trees a hundred times their size ("*a* " 2 million times: 1.4 GB):
 * every block cmark allocates is counted, and a parse that needs more than
 * the budget is abandoned, its memory freed, before it can exhaust the
 * machine. */
#ifndef CHUYENDE_MARKDOWN_H
#define CHUYENDE_MARKDOWN_H

#include <cmark.h>
#include <stdbool.h>
#include <stddef.h>

/* README "Limits": the most memory one draft's Markdown tree may take. */
#define LIMIT_MARKDOWN_MEMORY (48u << 20)

/* README "Limits": the "[" of one paragraph. cmark 0.30.2 scans its stack
 * of open brackets once per link it closes (CVE-2023-22486, fixed in
 * 0.31), so brackets in one paragraph cost their square. */
#define LIMIT_MARKDOWN_BRACKETS 2000

/* What the scan before parsing found. */
struct md_scan {
	enum { MD_SCAN_OK, MD_SCAN_TOO_DEEP, MD_SCAN_TOO_MANY_BRACKETS } problem;
	int line, col;             /* 1-based: the marker past the depth limit, or the paragraph's first line */
	size_t brackets;           /* MD_SCAN_TOO_MANY_BRACKETS: how many */
};

/* One pass over the lines before any parsing: quotes and lists nested
 * deeper than depth_limit (by markers on one line or by indentation: cmark
 * 0.30.2 walks every open container for each line, so depth times lines
 * is its cost), and paragraphs with more "[" than the bracket limit. The
 * nesting is modelled from below: the real depth never exceeds it, and
 * the parse's own check stays exact. */
struct md_scan md_prescan(const char *text, size_t len, int depth_limit);

/* The document tree of text[0..len), or NULL when it needs more than
 * budget bytes. Free it with md_free. */
cmark_node *md_parse(const char *text, size_t len, int options, size_t budget);
void md_free(cmark_node *doc);

/* A long draft in parts that parse to the same blocks as the whole, so
 * that only one part's tree is held at a time (cmark's tree of a draft is
 * some four times its size). A part ends, once it has MD_PART_BYTES, before
 * an ATX heading at the start of a line after a blank line: such a
 * heading ends every open block and belongs to none. Drafts where that is
 * not sure are one part: those with a fence (``` or ~~~), which the
 * heading may sit in, with "<", which may open an HTML block that
 * blank lines do not end, with "]:", which may define a link for the whole
 * document, or with a carriage return that ends no line on its own (cmark
 * counts it as a line end). */
#define MD_PART_BYTES (64u << 10)

struct md_parts {
	const char *text;
	size_t len, at;
	int line;                  /* of the draft, where the next part begins */
	bool whole, done;
};

void md_parts_start(struct md_parts *p, const char *text, size_t len);
/* The next part and the line of text it begins on (1-based); false after
 * the last. An empty text is one empty part. */
bool md_parts_next(struct md_parts *p, const char **part, size_t *len, int *line);

#endif
