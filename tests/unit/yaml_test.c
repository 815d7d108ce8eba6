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

/* What a streamed sequence handed over: each item's "name" and index. */
struct seen_items {
	char names[8][8];
	size_t index[8], n;
};

static void see_item(void *ctx, const struct ynode *item, size_t i)
{
	struct seen_items *s = ctx;
	const struct ynode *name = ymap_get(item, "name");
	if (s->n < 8) {
		snprintf(s->names[s->n], sizeof s->names[s->n], "%s", name ? name->str : "?");
		s->index[s->n++] = i;
	}
}

static bool load_streamed(const char *text, struct seen_items *seen, struct diags *d, size_t *n_units)
{
	char *bytes = xstrdup(text);
	struct source src = {.path = "t.yaml", .bytes = bytes, .len = strlen(text)};
	struct arena arena = {0};
	struct ystream stream = {"units", see_item, seen};
	struct ydoc doc;
	*seen = (struct seen_items){0};
	bool ok = ydoc_load_streamed(&doc, &src, &arena, &stream, d);
	const struct ynode *units = ok ? ymap_get(doc.root, "units") : NULL;
	*n_units = units && units->streamed && !units->items ? units->n : SIZE_MAX;
	arena_free(&arena);
	free(bytes);
	return ok;
}

/* The top mapping's "units" comes an item at a time, in order, and is
 * not kept; a "units" deeper down stays in the tree. Duplicate keys in a
 * streamed item fail the load as in a tree, reported once. */
static void streamed_sequence(void)
{
	struct diags d;
	diags_init(&d, stderr, false);
	d.only_system = true;  /* the duplicate below is meant */
	struct seen_items seen;
	size_t n;
	CHECK(load_streamed("name: x\nunits:\n  - name: a\n  - {name: b, sub: {units: [1, 2]}}\n  - name: c\nz: 1\n",
			    &seen, &d, &n));
	CHECK(seen.n == 3 && n == 3);
	CHECK_STR(seen.names[0], "a");
	CHECK_STR(seen.names[2], "c");
	CHECK(seen.index[0] == 0 && seen.index[1] == 1 && seen.index[2] == 2);
	CHECK(d.errors == 0);

	CHECK(!load_streamed("units:\n  - name: a\n  - name: b\n    name: c\n", &seen, &d, &n));
	CHECK(d.errors == 1 && d.n == 1 && d.v[0].code == DIAG_DUPLICATE_KEY && d.v[0].at.line == 4);
	diags_flush(&d);

	/* a later syntax error: the duplicate is not reported, as in a tree */
	CHECK(!load_streamed("units:\n  - name: a\n    name: b\nz: [\n", &seen, &d, &n));
	CHECK(d.n == 1 && d.v[0].code == DIAG_YAML_SYNTAX);
	diags_flush(&d);

	/* not a sequence: kept in the tree */
	CHECK(load_streamed("units: {name: a}\n", &seen, &d, &n));
	CHECK(seen.n == 0 && n == SIZE_MAX);
	diags_finish(&d);
}

/* Duplicate keys, in a small mapping (compared pair by pair) and in a
 * large one (sorted), each reported once against the first. */
static void duplicate_keys(void)
{
	struct diags d;
	diags_init(&d, stderr, false);
	d.only_system = true;  /* the duplicates are meant */
	struct buf big = {0};
	for (int i = 0; i < 20; i++)
		buf_printf(&big, "k%d: %d\n", i, i);
	buf_adds(&big, "k3: again\n");
	const char *texts[] = {"a: 1\nb: 2\nc: 3\n", "a: 1\nb: 2\na: 3\n", "m: {x: 1, y: 2, y: 3}\n", big.data};
	const int want[] = {0, 3, 1, 21};
	for (size_t t = 0; t < 4; t++) {
		char *bytes = xstrdup(texts[t]);
		struct source src = {.path = "t.yaml", .bytes = bytes, .len = strlen(bytes)};
		struct arena arena = {0};
		struct ydoc doc;
		bool ok = ydoc_load(&doc, &src, &arena, &d);
		CHECK(ok == (want[t] == 0));
		CHECK(want[t] == 0 ? d.n == 0
				   : d.n == 1 && d.v[0].code == DIAG_DUPLICATE_KEY && d.v[0].at.line == want[t]);
		diags_flush(&d);
		arena_free(&arena);
		free(bytes);
	}
	buf_free(&big);
	diags_finish(&d);
}

int main(void)
{
	lookups_in_any_order();
	frozen_templates();
	streamed_sequence();
	duplicate_keys();
	return unit_done("yaml");
}
