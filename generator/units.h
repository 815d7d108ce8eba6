/* The units register (plan-format.md §3): the cells a higher committee
 * oversees, for the quarterly report. */
#ifndef CHUYENDE_UNITS_H
#define CHUYENDE_UNITS_H

#include "decode.h"
#include "source.h"

struct unit {
	struct text name;
	struct count_field members;
};

struct units {
	const char *path;
	struct text superior, name, place, template_name;
	struct text secretary, secretary_title;   /* who signs its reports ("signer" too) */
	struct unit *units;      /* NULL once a report took them (units_free_cells) */
	size_t n;
	/* where each character of the register first occurs, for MISSING_GLYPH
	 * (after loading through a session; the text itself is not kept) */
	struct char_place *places;
	size_t n_places;
};

bool units_decode(struct units *u, const struct ydoc *doc, struct arena *arena, struct diags *d);

/* The cells of a register as they are decoded, for units_decode_items:
 * from the tree, or as the loader streams them (units_stream), so that a
 * province's register of thousands of cells is never held as a tree. */
struct units_items {
	struct decoder dc;       /* for the items; its arena keeps their names */
	struct diags held;       /* the streamed items' diagnostics, reported by units_decode_items */
	struct unit *v;
	size_t n, cap;
	struct name_index seen;  /* by name key (text_name_key) */
	char *key;               /* the last key made again for the index */
};
/* path: the register's; arena: the one units_decode_items is given. */
void units_items_init(struct units_items *x, const char *path, struct arena *arena, struct diags *d);
void units_items_free(struct units_items *x);
/* For ydoc_load_streamed: the list "units" decoded into x as it is read. */
struct ystream units_stream(struct units_items *x);
/* units_decode over a tree loaded with units_stream(x) (or a whole tree),
 * except that u->units is malloc'd (units_free_cells): a report frees the
 * cells once it has taken them, before its pages are laid out. */
bool units_decode_items(struct units *u, const struct ydoc *doc, struct units_items *x, struct arena *arena,
			struct diags *d);
/* Frees u->units of units_decode_items (NULL after); n stays. */
void units_free_cells(struct units *u);

#endif
