/* Thawing a template tree frozen at build time (yfrozen.h). */
#include "yfrozen.h"

#include <string.h>

const struct yfrozen *yfrozen_find(const char *bytes, size_t len)
{
	for (size_t i = 0; i < yfrozen_count; i++) {
		const struct yfrozen *f = &yfrozen_all[i];
		if (f->text_len == len && memcmp(f->text, bytes, len) == 0)
			return f;
	}
	return NULL;
}

void ydoc_thaw(struct ydoc *doc, const struct source *src, const struct yfrozen *f, struct arena *arena)
{
	*doc = (struct ydoc){.src = src, .arena = arena};
	/* all nodes in one block, all child pointers in another */
	struct ynode *nodes = arena_alloc(arena, f->n_nodes * sizeof *nodes);
	struct ynode **refs = arena_alloc(arena, (f->n_kids ? f->n_kids : 1) * sizeof *refs);
	for (size_t i = 0; i < f->n_kids; i++)
		refs[i] = &nodes[f->kids[i]];
	for (size_t i = 0; i < f->n_nodes; i++) {
		const struct yfrozen_node *z = &f->nodes[i];
		struct ynode *n = &nodes[i];
		*n = (struct ynode){.kind = (enum ynode_kind)z->kind, .at = {(int)z->line, (int)z->col}};
		if (n->kind == YNODE_SCALAR) {
			n->str = f->pool + z->a;
			n->len = z->b;
			n->quoted = z->quoted;
			n->no_controls = z->no_controls;
		} else if (n->kind == YNODE_MAP) {
			n->n = z->b / 2;
			n->keys = refs + z->a;
			n->items = refs + z->a + n->n;
		} else {
			n->n = z->b;
			n->items = refs + z->a;
		}
	}
	doc->root = f->n_nodes ? &nodes[0] : NULL;
}
