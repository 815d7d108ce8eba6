#include "units.h"

#include <stdio.h>
#include <string.h>

static const char *unit_name(const void *ctx, size_t i)
{
	const struct units *u = ctx;
	return u->units[i].name.s;
}

bool units_decode(struct units *u, const struct ydoc *doc, struct arena *arena, struct diags *d)
{
	static const char *const keys[] = {"superior", "name", "place", "template", "signer", "units"};
	static const char *const unit_keys[] = {"name", "members"};
	struct decoder dc = {doc->src->path, d, arena, false};
	*u = (struct units){.path = doc->src->path};
	struct dmap root = dec_root(&dc, doc->root, keys, COUNT_OF(keys));
	if (!root.node)
		return false;
	dec_text(&dc, root, "superior", false, &u->superior);
	dec_text(&dc, root, "name", true, &u->name);
	dec_text(&dc, root, "place", false, &u->place);
	dec_text(&dc, root, "template", false, &u->template_name);
	dec_text(&dc, root, "signer", false, &u->signer);
	const struct ynode *list = dec_list(&dc, root, "units", true);
	if (!list)
		return false;
	u->units = arena_alloc(arena, (list->n + 1) * sizeof *u->units);
	struct name_index seen = {0};  /* a province registers thousands of cells */
	for (size_t i = 0; i < list->n; i++) {
		struct dmap m = dec_item_map(&dc, list->items[i], "units[]", unit_keys, COUNT_OF(unit_keys));
		if (!m.node)
			continue;
		struct unit *x = &u->units[u->n];
		dec_text(&dc, m, "name", true, &x->name);
		dec_count(&dc, m, "members", 100000, false, &x->members);
		if (!x->name.s)
			continue;
		size_t first = name_index_put(&seen, x->name.s, u->n, unit_name, u);
		if (first != NAME_NEW) {
			char line[16];
			snprintf(line, sizeof line, "%d", u->units[first].name.at.line);
			diag(d, DIAG_UNIT_DUPLICATE, dc.path, x->name.at, x->name.s, line, NULL);
			dc.failed = true;
			continue;
		}
		u->n++;
	}
	name_index_free(&seen);
	return !dc.failed;
}
