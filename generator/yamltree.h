/* A YAML file as a tree of scalars, mappings and sequences, every node with
 * its 1-based line:column. Anchors, aliases, tags, duplicate keys, deep
 * nesting and several documents are refused with diagnostics. Scalars are
 * NFC. */
#ifndef CHUYENDE_YAMLTREE_H
#define CHUYENDE_YAMLTREE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "source.h"
#include "util.h"

enum ynode_kind { YNODE_SCALAR, YNODE_MAP, YNODE_SEQ };

struct ynode {
	enum ynode_kind kind;
	struct pos at;
	/* scalar */
	const char *str;
	size_t len;
	bool quoted;
	bool no_controls;   /* known to hold no control, CR included (text_control_at) */
	bool streamed;      /* a sequence whose items were handed over (ystream): n counts them, items is NULL */
	/* map: keys[i] -> items[i]; sequence: items[i] */
	struct ynode **keys, **items;
	size_t n;
};

struct ydoc {
	const struct source *src;
	struct ynode *root;    /* NULL when the file did not load */
	struct arena *arena;   /* owns the nodes */
};

/* Parses src (already text-checked) into doc. Returns false, with
 * diagnostics, when the file is not acceptable YAML. */
bool ydoc_load(struct ydoc *doc, const struct source *src, struct arena *arena, struct diags *d);

/* A sequence under one key of the top mapping handed over an item at a
 * time instead of kept (a province's register of thousands of cells):
 * each item is loaded, checked, given to item() with its index, then
 * freed. Duplicate keys in the items are reported as ydoc_load reports
 * them. What item() makes of them is to be dropped when the load fails. */
struct ystream {
	const char *key;
	void (*item)(void *ctx, const struct ynode *item, size_t i);
	void *ctx;
};
/* ydoc_load, streaming the sequence stream asks for (NULL: none). */
bool ydoc_load_streamed(struct ydoc *doc, const struct source *src, struct arena *arena,
			const struct ystream *stream, struct diags *d);

/* The value under key in a mapping, or NULL. */
const struct ynode *ymap_get(const struct ynode *map, const char *key);
/* ymap_get for keys asked in the order the map is likely to hold them:
 * the search starts at *next (where the last one was found, plus one)
 * and goes round. The answer is ymap_get's: a loaded map has no key
 * twice. */
const struct ynode *ymap_get_next(const struct ynode *map, const char *key, size_t *next);
/* True for a scalar that stands for nothing: empty, "~" or "null" unquoted. */
bool ynode_is_null(const struct ynode *n);
const char *ynode_kind_name(const struct ynode *n);

#endif
