#include "units.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "text.h"

struct unit_keys {
	char **keys;
};

static const char *unit_key(const void *ctx, size_t i)
{
	const struct unit_keys *k = ctx;
	return k->keys[i];
}

bool units_decode(struct units *u, const struct ydoc *doc, struct arena *arena, struct diags *d)
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
	u->units = arena_alloc(arena, (list->n + 1) * sizeof *u->units);
	/* a province registers thousands of cells; two names that differ only
	 * in case or spacing are the same cell (plan-format.md §7) */
	struct name_index seen = {0};
	struct unit_keys k = {calloc(list->n + 1, sizeof *k.keys)};
	if (!k.keys)
		fatal_oom();
	for (size_t i = 0; i < list->n; i++) {
		struct dmap m = dec_item_map(&dc, list->items[i], "units[]", KEYS(unit));
		if (!m.node)
			continue;
		struct unit *x = &u->units[u->n];
		dec_text(&dc, m, "name", true, &x->name);
		dec_count(&dc, m, "members", 100000, false, &x->members);
		if (!x->name.s)
			continue;
		k.keys[u->n] = text_name_key(x->name.s, false);
		size_t first = name_index_put(&seen, k.keys[u->n], u->n, unit_key, &k);
		if (first != NAME_NEW) {
			char line[16];
			snprintf(line, sizeof line, "%d", u->units[first].name.at.line);
			diag(d, DIAG_UNIT_DUPLICATE, dc.path, x->name.at, x->name.s, line, NULL);
			dc.failed = true;
			free(k.keys[u->n]);
			k.keys[u->n] = NULL;
			continue;
		}
		u->n++;
	}
	for (size_t i = 0; i < u->n; i++)
		free(k.keys[i]);
	free(k.keys);
	name_index_free(&seen);
	return !dc.failed;
}
