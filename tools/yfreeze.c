/* yfreeze FILE...: writes to stdout the C data of yfrozen.h for each YAML
 * file: its bytes and the tree ydoc_load makes of them, the program's own
 * loader run at build time. A file that draws any diagnostic (an error
 * or a warning) fails the build: a frozen tree must stand for a load
 * that said nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "source.h"
#include "util.h"
#include "yamltree.h"
#include "yfrozen.h"

struct frozen_out {
	struct yfrozen_node *nodes;
	size_t n_nodes, cap_nodes;
	uint32_t *kids;
	size_t n_kids, cap_kids;
	struct buf pool;
};

/* Node n at index at (its slot made by the caller), its children after
 * it, breadth first within each node: a node's kids are contiguous. */
static void freeze(struct frozen_out *o, const struct ynode *n, size_t at)
{
	struct yfrozen_node z = {.kind = (uint8_t)n->kind, .line = (uint32_t)n->at.line, .col = (uint32_t)n->at.col};
	if (n->kind == YNODE_SCALAR) {
		z.quoted = n->quoted;
		z.no_controls = n->no_controls;
		z.a = (uint32_t)o->pool.len;
		z.b = (uint32_t)n->len;
		buf_add(&o->pool, n->str, n->len);
		buf_addc(&o->pool, '\0');
		o->nodes[at] = z;
		return;
	}
	size_t count = n->kind == YNODE_MAP ? 2 * n->n : n->n;
	z.a = (uint32_t)o->n_kids;
	z.b = (uint32_t)count;
	size_t first_node = o->n_nodes;
	for (size_t i = 0; i < count; i++) {
		*VEC_PUSH(o->kids, o->n_kids, o->cap_kids) = (uint32_t)(first_node + i);
		*VEC_PUSH(o->nodes, o->n_nodes, o->cap_nodes) = (struct yfrozen_node){0};
	}
	o->nodes[at] = z;
	for (size_t i = 0; i < count; i++) {
		const struct ynode *c = n->kind == YNODE_MAP ? (i < n->n ? n->keys[i] : n->items[i - n->n]) : n->items[i];
		freeze(o, c, first_node + i);
	}
}

/* s as C string literals, one per source line, octal escapes for bytes
 * that are not printable ASCII (an octal escape ends after three digits,
 * so a digit after it stays a digit). */
static void put_literal(const char *s, size_t n)
{
	fputs("\t\"", stdout);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\\' || c == '"')
			printf("\\%c", c);
		else if (c == '\n')
			fputs(i + 1 < n ? "\\n\"\n\t\"" : "\\n", stdout);
		else if (c >= 0x20 && c < 0x7F && c != '?')  /* no trigraphs */
			putchar(c);
		else
			printf("\\%03o", c);
	}
	fputs("\"", stdout);
}

static bool freeze_file(const char *path, size_t index, struct diags *d)
{
	struct source src;
	struct arena arena = {0};
	if (!source_read(&src, path, LIMIT_YAML_BYTES, d))
		return false;
	struct ydoc doc;
	size_t before = d->errors + d->warnings + d->notes + d->system;
	bool ok = source_check_text(&src, d) && source_check_tabs(&src, d) && ydoc_load(&doc, &src, &arena, d);
	if (ok && d->errors + d->warnings + d->notes + d->system != before)
		ok = false;
	if (ok) {
		struct frozen_out o = {0};
		*VEC_PUSH(o.nodes, o.n_nodes, o.cap_nodes) = (struct yfrozen_node){0};
		freeze(&o, doc.root, 0);
		const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
		printf("\n/* %s */\nstatic const char text_%zu[] =\n", base, index);
		put_literal(src.bytes, src.len);
		printf(";\nstatic const struct yfrozen_node nodes_%zu[] = {\n", index);
		for (size_t i = 0; i < o.n_nodes; i++) {
			const struct yfrozen_node *z = &o.nodes[i];
			printf("\t{%u, %u, %u, %lu, %lu, %lu, %lu},\n", z->kind, z->quoted, z->no_controls,
			       (unsigned long)z->line, (unsigned long)z->col, (unsigned long)z->a, (unsigned long)z->b);
		}
		printf("};\nstatic const uint32_t kids_%zu[] = {", index);
		for (size_t i = 0; i < o.n_kids; i++)
			printf("%s%lu,", i % 16 ? " " : "\n\t", (unsigned long)o.kids[i]);
		printf("%s};\nstatic const char pool_%zu[] =\n", o.n_kids ? "\n" : "0", index);
		put_literal(o.pool.data ? o.pool.data : "", o.pool.len);
		printf(";\n");
		free(o.nodes);
		free(o.kids);
		buf_free(&o.pool);
	}
	arena_free(&arena);
	source_free(&src);
	return ok;
}

int main(int argc, char **argv)
{
	struct diags d;
	diags_init(&d, stderr, false);
	printf("/* Made by tools/yfreeze.c from the templates; do not edit. */\n"
	       "#include \"yfrozen.h\"\n");
	bool ok = argc > 1;
	for (int i = 1; ok && i < argc; i++)
		ok = freeze_file(argv[i], (size_t)i, &d);
	diags_flush(&d);
	diags_finish(&d);
	if (!ok) {
		fprintf(stderr, "yfreeze: %s\n", argc > 1 ? "a template did not load cleanly" : "no file given");
		return 1;
	}
	printf("\nconst struct yfrozen yfrozen_all[] = {\n");
	for (int i = 1; i < argc; i++) {
		const char *base = strrchr(argv[i], '/') ? strrchr(argv[i], '/') + 1 : argv[i];
		printf("\t{\"%s\", text_%d, sizeof text_%d - 1, nodes_%d, sizeof nodes_%d / sizeof nodes_%d[0],\n"
		       "\t kids_%d, sizeof kids_%d / sizeof kids_%d[0], pool_%d},\n",
		       base, i, i, i, i, i, i, i, i, i);
	}
	printf("};\nconst size_t yfrozen_count = %d;\n", argc - 1);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("yfreeze: stdout");
		return 1;
	}
	return 0;
}
