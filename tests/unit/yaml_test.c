/* The YAML tree (yamltree.h): lookups in a loaded mapping; the trees of
 * the templates that ship, frozen at build time (yfrozen.h), against what
 * the loader makes of the same bytes now. */
#include "yamltree.h"

#include <stdlib.h>
#include <string.h>

#include "yfrozen.h"

#include "unit.h"
#include "util.h"

/* ymap_get_next answers as ymap_get whatever the order of the questions
 * and wherever the search starts. */
static void lookups_in_any_order(void)
{
	char text[] = "a: 1\nbb: 2\nc: 3\n? [x]\n: 4\nd: 5\ne: 6\n";
	static const char *const asked[] = {"a", "bb", "c", "d", "e", "b", "x", "", "ee", "[x]"};
	struct source src = {.path = "t.yaml", .bytes = text, .len = sizeof text - 1};
	struct arena arena = {0};
	struct diags d;
	diags_init(&d, stderr, false);
	struct ydoc doc;
	CHECK(ydoc_load(&doc, &src, &arena, &d));
	int wrong = 0;
	size_t n_asked = sizeof asked / sizeof *asked;
	for (size_t start = 0; start <= doc.root->n + 1; start++)
		for (size_t step = 1; step < n_asked; step++) {
			size_t next = start;
			for (size_t k = 0; k < n_asked; k++) {
				const char *key = asked[(k * step) % n_asked];
				wrong += ymap_get_next(doc.root, key, &next) != ymap_get(doc.root, key);
			}
		}
	CHECK(wrong == 0);
	size_t next = 0;
	CHECK(ymap_get_next(doc.root, "e", &next) != NULL && next == doc.root->n);
	CHECK(ymap_get_next(doc.root, "a", &next) == ymap_get(doc.root, "a") && next == 1);
	CHECK(ymap_get_next(doc.root->items[0], "a", &next) == NULL);  /* a scalar is no map */
	diags_finish(&d);
	arena_free(&arena);
}

/* Two trees the same: kinds, positions, strings, flags, children. */
static bool same_tree(const struct ynode *a, const struct ynode *b)
{
	if (a->kind != b->kind || a->at.line != b->at.line || a->at.col != b->at.col || a->n != b->n)
		return false;
	if (a->kind == YNODE_SCALAR)
		return a->len == b->len && memcmp(a->str, b->str, a->len) == 0 && b->str[b->len] == '\0' &&
		       a->quoted == b->quoted && a->no_controls == b->no_controls;
	for (size_t i = 0; i < a->n; i++)
		if ((a->kind == YNODE_MAP && !same_tree(a->keys[i], b->keys[i])) || !same_tree(a->items[i], b->items[i]))
			return false;
	return true;
}

static size_t count_nodes(const struct ynode *n)
{
	size_t c = 1;
	for (size_t i = 0; n->kind != YNODE_SCALAR && i < n->n; i++)
		c += (n->kind == YNODE_MAP ? count_nodes(n->keys[i]) : 0) + count_nodes(n->items[i]);
	return c;
}

/* Each frozen template thaws into the tree ydoc_load makes of its bytes;
 * it is the file of templates/ of its name as it is now (the build is
 * not stale); one byte changed, it is found no more. */
static void frozen_templates(void)
{
	CHECK(yfrozen_count >= 3);
	for (size_t i = 0; i < yfrozen_count; i++) {
		const struct yfrozen *f = &yfrozen_all[i];
		struct source src = {.path = f->name, .bytes = (char *)f->text, .len = f->text_len};
		struct arena arena = {0};
		struct diags d;
		diags_init(&d, stderr, false);
		struct ydoc loaded, thawed;
		CHECK(ydoc_load(&loaded, &src, &arena, &d) && d.errors + d.warnings == 0);
		CHECK(yfrozen_find(f->text, f->text_len) == f);
		ydoc_thaw(&thawed, &src, f, &arena);
		CHECK(thawed.root && loaded.root && same_tree(loaded.root, thawed.root));
		CHECK(thawed.root && count_nodes(thawed.root) == f->n_nodes && f->n_nodes > 500);
		/* the file it was made from, unchanged since */
		char path[256];
		snprintf(path, sizeof path, "templates/%s", f->name);
		struct source now;
		CHECK(source_read(&now, path, LIMIT_YAML_BYTES, &d) && yfrozen_find(now.bytes, now.len) == f);
		/* one byte changed, anywhere: not the frozen file */
		char *copy = xmalloc(f->text_len);
		memcpy(copy, f->text, f->text_len);
		copy[f->text_len / 2] ^= 0x20;
		CHECK(yfrozen_find(copy, f->text_len) == NULL && yfrozen_find(f->text, f->text_len - 1) == NULL);
		free(copy);
		source_free(&now);
		diags_finish(&d);
		arena_free(&arena);
	}
}

int main(void)
{
	lookups_in_any_order();
	frozen_templates();
	return unit_done("yaml");
}
