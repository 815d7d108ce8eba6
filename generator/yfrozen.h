/* The templates that ship, parsed at build time. A template file is some
 * 16 KB of YAML that libyaml takes 3 M instructions to read, a fifth of
 * what a one-page command costs; tools/yfreeze.c runs ydoc_load on each
 * file of templates/ when the program is built and writes its tree as
 * data (build/gen/yfrozen_data.c). When a template read at run time is
 * byte for byte one of them, its tree is thawed from that data instead
 * of parsed: the same nodes, positions and strings, since they are what
 * ydoc_load made of the same bytes. Any other file, an edited copy
 * included, is parsed as before. */
#ifndef CHUYENDE_YFROZEN_H
#define CHUYENDE_YFROZEN_H

#include <stddef.h>
#include <stdint.h>

#include "source.h"
#include "yamltree.h"

/* A node; its children are b entries of kids[] from a (a mapping's keys,
 * then its values). No pointers: the data needs no relocation at
 * start-up. */
struct yfrozen_node {
	uint8_t kind;             /* enum ynode_kind */
	uint8_t quoted, no_controls;
	uint32_t line, col;
	uint32_t a, b;            /* scalar: offset in pool, length; else: first in kids, count of kids */
};

struct yfrozen {
	const char *name;         /* the file's name, for tests */
	const char *text;         /* the file's bytes */
	size_t text_len;
	const struct yfrozen_node *nodes;  /* nodes[0] is the root */
	size_t n_nodes;
	const uint32_t *kids;
	size_t n_kids;
	const char *pool;         /* each scalar's bytes, then a NUL */
};

extern const struct yfrozen yfrozen_all[];
extern const size_t yfrozen_count;

/* The frozen file whose bytes are these, or NULL. */
const struct yfrozen *yfrozen_find(const char *bytes, size_t len);
/* doc as ydoc_load makes it of f's bytes (src holds them), its nodes in
 * arena. */
void ydoc_thaw(struct ydoc *doc, const struct source *src, const struct yfrozen *f, struct arena *arena);

#endif
