/* The YAML tree (yamltree.h): lookups in a loaded mapping. */
#include "yamltree.h"

#include <stdlib.h>

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

int main(void)
{
	lookups_in_any_order();
	return unit_done("yaml");
}
