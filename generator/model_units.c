#include "units.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "text.h"

/* A cell's name key, made again when a hash in the index matches: a
 * register of thousands of cells keeps no key for each. */
static const char *unit_key(const void *ctx, size_t i)
{
	struct units_items *x = (struct units_items *)ctx;  /* units_items_init's, mutable */
	free(x->key);
	x->key = text_name_key(x->v[i].name.s, false);
	return x->key;
}

void units_items_init(struct units_items *x, const char *path, struct arena *arena, struct diags *d)
{
	*x = (struct units_items){.dc = {.path = path, .d = d, .arena = arena}};
}

void units_items_free(struct units_items *x)
{
	free(x->v);
	free(x->key);
	name_index_free(&x->seen);
	diags_discard(&x->held);
	*x = (struct units_items){0};
}

/* One item of the list of units, the i-th. A province registers thousands
 * of cells; two names that differ only in case or spacing are the same
 * cell (plan-format.md §7). */
static void add_item(struct units_items *x, const struct ynode *item)
{
	struct decoder *dc = &x->dc;
	/* what the item's keys suggested concerns only its own mapping,
	 * which is freed when the item is streamed */
	struct key_typo *typos = dc->typos;
	struct dmap m = dec_item_map(dc, item, "units[]", KEYS(unit));
	if (m.node) {
		if (x->n == x->cap) {
			x->cap = x->cap ? 2 * x->cap : 64;
			x->v = xrealloc(x->v, x->cap * sizeof *x->v);
		}
		struct unit *u = &x->v[x->n];
		dec_text(dc, m, "name", true, &u->name);
		dec_count(dc, m, "members", 100000, false, &u->members);
		if (u->name.s) {
			char *key = text_name_key(u->name.s, false);
			size_t first = name_index_put(&x->seen, key, x->n, unit_key, x);
			free(key);
			if (first == NAME_NEW) {
				x->n++;
			} else {
				char line[16];
				snprintf(line, sizeof line, "%d", x->v[first].name.at.line);
				diag(dc->d, DIAG_UNIT_DUPLICATE, dc->path, u->name.at, u->name.s, line, NULL);
				dc->failed = true;
			}
		}
	}
	dc->typos = typos;
}

static void stream_item(void *ctx, const struct ynode *item, size_t i)
{
	(void)i;
	add_item(ctx, item);
}

struct ystream units_stream(struct units_items *x)
{
	/* the items' diagnostics wait until the fields before the list are
	 * decoded, and go when the whole file loaded */
	x->dc.d = &x->held;
	return (struct ystream){"units", stream_item, x};
}

bool units_decode_items(struct units *u, const struct ydoc *doc, struct units_items *x, struct arena *arena,
			struct diags *d)
{
	struct decoder dc = {.path = doc->src->path, .d = d, .arena = arena};
	*u = (struct units){.path = doc->src->path};
	struct dmap root = dec_root(&dc, doc->root, KEYS(units));
	if (!root.node)
		return false;
	dec_text(&dc, root, "superior", false, &u->superior);
	dec_text(&dc, root, "name", true, &u->name);
	dec_text(&dc, root, "place", false, &u->place);
	dec_text(&dc, root, "template", false, &u->template_name);
	dec_text(&dc, root, "secretary", false, &u->secretary);
	dec_text(&dc, root, "secretary_title", false, &u->secretary_title);
	struct text signer = {0};  /* the older name of secretary */
	dec_text(&dc, root, "signer", false, &signer);
	if (!u->secretary.s)
		u->secretary = signer;
	const struct ynode *list = dec_list(&dc, root, "units", true);
	if (!list)
		return false;
	if (list->streamed) {
		diags_append(d, &x->held);
	} else {
		x->dc.d = d;
		for (size_t i = 0; i < list->n; i++)
			add_item(x, list->items[i]);
	}
	u->units = xrealloc(x->v, (x->n + 1) * sizeof *u->units);
	u->n = x->n;
	x->v = NULL;
	x->n = x->cap = 0;
	return !dc.failed && !x->dc.failed;
}

void units_free_cells(struct units *u)
{
	free(u->units);
	u->units = NULL;
}

bool units_decode(struct units *u, const struct ydoc *doc, struct arena *arena, struct diags *d)
{
	struct units_items x;
	units_items_init(&x, doc->src->path, arena, d);
	bool ok = units_decode_items(u, doc, &x, arena, d);
	units_items_free(&x);
	if (u->units) {  /* into the arena, with everything else */
		struct unit *v = arena_alloc(arena, (u->n + 1) * sizeof *v);
		if (u->n)
			memcpy(v, u->units, u->n * sizeof *v);
		units_free_cells(u);
		u->units = v;
	}
	return ok;
}
