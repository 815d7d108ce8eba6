/* Inside the layout: the vertical list and the paragraph structures that
 * layout_lines.c (line breaking), layout_blocks.c (the vertical list,
 * tables, groups) and layout_pages.c (pagination, placing, the API)
 * share. Not for other stages: they use layout.h. */
#ifndef CHUYENDE_LAYOUT_ENGINE_H
#define CHUYENDE_LAYOUT_ENGINE_H

#include "layout.h"

#define EPS 1e-6
#define STRETCH 0.5        /* ratio 1: a justified space grows by half its width */
#define SHRINK 0.2         /* ratio -1: it shrinks by a fifth */
#define LINE_PENALTY 1e-3  /* among equal fits, fewer lines */
#define OVERFULL_COST 1e6
#define RULE_GAP 1.5       /* between the descent and a rule under a line */
#define RULE_WIDTH 0.6
#define BORDER_WIDTH 0.5
#define DEFAULT_SIZE 12.0
#define MAX_LEADER 10000

/* ---- vertical items ---- */

enum vkind { V_LINE, V_SPACE, V_RULE, V_GRAPHIC, V_ROW, V_BREAK };

/* Page-break levels, weakest first: a page ends at the weakest it can. */
enum { LV_FREE, LV_WIDOW, LV_KEEP, LV_GROUP, LV_COUNT };

struct vline {
	double x, width;          /* extent of the items */
	double ascent;            /* baseline below the line's top */
	struct placed_text *items;
	size_t n_items;
	double rule_x1, rule_x2;  /* a rule under the line when rule_x2 > rule_x1 */
	double rule_drop;         /* below the baseline */
	int outline_level;
	const char *title;
};

struct vitem;

struct vslice {
	const struct vitem *v;
	size_t n;
};

struct vtable {
	struct vitem *headers;    /* copies of the header rows, repeated on new pages */
	size_t n_headers;
	double height;
};

struct vrow {
	unsigned table;           /* which table, counted from 1; a continued table keeps its number */
	bool borders;
	const struct vtable *vt;  /* NULL: nothing to repeat */
	bool header;
	double x0, x1, pad;
	double *edges;            /* x of the vertical borders */
	size_t n_edges;
	struct vslice *cells;
	size_t n_cells;
};

struct vitem {
	enum vkind kind;
	int level;                /* of a page break before this item */
	bool para_space;          /* space before or after a paragraph */
	double height;
	double x, width;          /* rule and graphic frames */
	double line_width;        /* rule */
	const struct box *box;    /* graphic: a copy, in the layout's memory */
	struct vline *line;
	struct vrow *row;
};

struct vlist {
	struct vitem *v;
	size_t n, cap;
	double solid;             /* height of all items but spaces (pages may drop those) */
	bool keep_pending;        /* the previous box keeps with the next */
};

/* The items of one layout_add and the memory they point to, freed when
 * every page that shows them has gone to the sink. */
struct chunk {
	struct arena arena;
	size_t end;               /* number of the item after its last */
	struct chunk *next;
};

/* The top-level table laid out last, which the next box may continue. */
struct table_flow {
	bool open;
	unsigned id;
	struct vtable *vt;
	size_t rows;
	bool after_header;
};

struct layout_engine {
	struct layout *out;
	const struct font_metrics *fm;
	const struct page_setup *setup;
	double frame_x, frame_w, frame_top, frame_h;
	int page_limit;
	struct buf text;          /* scratch for an item's text */
	struct placed_text *items;
	size_t n_items, cap_items;
	struct atom *atoms;       /* the last paragraph's atoms: room for the next one's */
	size_t cap_atoms;
	struct layout_sink sink;  /* page NULL: every page kept in out */
	struct arena *mem;        /* what items point to: the chunk's arena, or out's */
	struct arena *keep;       /* till the end: header rows, the watermark */
	struct arena keep_store;
	struct chunk *chunks, *last_chunk;
	struct vlist vl;          /* items not yet placed, and the one before them */
	size_t base;              /* number of vl.v[0] in the whole document */
	size_t next;              /* in vl: where the next page starts */
	unsigned n_tables;
	struct table_flow table;
	size_t page_first_line;   /* in out->lines: the open page's first */
};

/* ---- paragraphs ---- */

enum atom_kind { A_FRAG, A_GLUE, A_SPLIT, A_HARD };

/* A piece of one run's text (FRAG), a space (GLUE), a break inside an
 * over-long word (SPLIT) or a hard line break. */
struct atom {
	enum atom_kind kind;
	size_t run;
	size_t off, len;
	double width;
};

struct para {
	const struct box *b;
	enum align align;
	struct atom *a;
	size_t n, cap;
	double *space_w;          /* per run, < 0 until measured */
	double left, right, first_x, l_first, l_rest;
	double label_x, label_w, label_size;  /* a list label on the first line */
	bool justify, has_text;
};

struct pline {
	size_t start, end;        /* atoms [start, end) */
	double ratio;
	bool first, last;         /* of the paragraph; of its segment (before a hard break) */
	bool overfull;
};

struct plines {
	struct pline *v;
	size_t n, cap;
};


static inline double dmax(double a, double b)
{
	return a > b ? a : b;
}

static inline double text_width(const struct layout_engine *e, enum font_face face, double size,
				const char *s, size_t n)
{
	return n ? e->fm->width(e->fm->ctx, face, size, s, n) : 0;
}

/* layout_lines.c: a paragraph box broken into lines, pushed onto vl. */
void flow_para(struct layout_engine *e, struct vlist *vl, const struct box *b, double x, double w,
	       int align);
/* layout_blocks.c: the vertical list, and any boxes flattened onto it. */
void vpush(struct vlist *vl, struct vitem it);
void push_space(struct vlist *vl, double h, bool para_space);
void flow_boxes(struct layout_engine *e, struct vlist *vl, const struct box *boxes, size_t n, double x,
		double w, int align, bool top);

#endif
