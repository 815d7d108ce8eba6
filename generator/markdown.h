/* Markdown parsed by cmark within a memory budget. cmark keeps the whole
 * tree of a draft in memory, and some inputs far under the size limit
 * make trees a hundred times their size ("*a* " 2 million times: 1.4 GB):
 * every block cmark allocates is counted, and a parse that needs more than
 * the budget is abandoned, its memory freed, before it can exhaust the
 * machine. */
#ifndef CHUYENDE_MARKDOWN_H
#define CHUYENDE_MARKDOWN_H

#include <cmark.h>
#include <stddef.h>

/* README "Limits": the most memory one draft's Markdown tree may take. */
#define LIMIT_MARKDOWN_MEMORY (48u << 20)

/* The document tree of text[0..len), or NULL when it needs more than
 * budget bytes. Free it with md_free. */
cmark_node *md_parse(const char *text, size_t len, int options, size_t budget);
void md_free(cmark_node *doc);

#endif
