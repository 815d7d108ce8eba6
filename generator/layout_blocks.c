/* The vertical list (layout.h): boxes flattened into one list of items
 * (lines, spaces, table rows, rules, graphics), each carrying the level of
 * a page break before it; tables cut into rows whose cells are laid out in
 * their columns, groups kept together. */
#include "layout_engine.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

/* ---- the vertical list ---- */

void vpush(struct vlist *vl, struct vitem it)
{
	if (vl->keep_pending) {
		if (it.level < LV_KEEP)
			it.level = LV_KEEP;
		if (it.kind != V_SPACE)
			vl->keep_pending = false;
	}
	*VEC_PUSH(vl->v, vl->n, vl->cap) = it;
	if (it.kind != V_SPACE)
		vl->solid += it.height;
}

void push_space(struct vlist *vl, double h, bool para_space)
{
	if (h > 0)
		vpush(vl, (struct vitem){.kind = V_SPACE, .height = h, .para_space = para_space});
}

/* A label hangs at left + first; the first line's text starts at left, or
 * a space after the label when the label is wider than the hang. */

/* ---- tables ---- */


static double slice_height(struct vslice s)
{
	double h = 0;
	for (size_t i = 0; i < s.n; i++)
		h += s.v[i].height;
	return h;
}

/* A cell's content, without the paragraph spaces at its top and foot. */
static struct vslice cell_content(struct layout_engine *e, const struct table_cell *c, double x, double w,
				  int align)
{
	struct vlist sub = {0};
	flow_boxes(e, &sub, c->boxes, c->n_boxes, x, w, align, false);
	size_t s = 0, n = sub.n;
	while (s < n && sub.v[s].kind == V_SPACE && sub.v[s].para_space)
		s++;
	while (n > s && sub.v[n - 1].kind == V_SPACE && sub.v[n - 1].para_space)
		n--;
	struct vitem *v = arena_alloc(e->mem, (n - s ? n - s : 1) * sizeof *v);
	if (n > s)
		memcpy(v, sub.v + s, (n - s) * sizeof *v);
	free(sub.v);
	return (struct vslice){v, n - s};
}

static double row_height(const struct vrow *row)
{
	double h = 0;
	for (size_t c = 0; c < row->n_cells; c++)
		h = dmax(h, slice_height(row->cells[c]));
	return h + 2 * row->pad;
}

static struct vrow *make_row(struct layout_engine *e, const struct table *t, unsigned id,
			     const struct table_row *tr, double x)
{
	struct vrow *row = arena_alloc(e->mem, sizeof *row);
	double total = 0;
	for (size_t c = 0; c < t->n_cols; c++)
		total += t->widths[c];
	row->table = id;
	row->borders = t->borders;
	row->header = tr->header;
	row->x0 = x;
	row->x1 = x + total;
	row->pad = t->padding;
	row->cells = arena_alloc(e->mem, (tr->n_cells ? tr->n_cells : 1) * sizeof *row->cells);
	row->edges = arena_alloc(e->mem, (tr->n_cells + 2) * sizeof *row->edges);
	row->edges[row->n_edges++] = x;
	double cx = x;
	size_t col = 0;
	for (size_t c = 0; c < tr->n_cells; c++) {
		size_t span = tr->cells[c].colspan > 1 ? (size_t)tr->cells[c].colspan : 1;
		double cw = 0;
		for (size_t k = col; k < col + span && k < t->n_cols; k++)
			cw += t->widths[k];
		int align = t->col_align && col < t->n_cols ? (int)t->col_align[col] : -1;
		row->cells[c] = cell_content(e, &tr->cells[c], cx + t->padding,
					     dmax(cw - 2 * t->padding, 1), align);
		row->n_cells++;
		cx += cw;
		col += span;
		row->edges[row->n_edges++] = cx;
	}
	if (cx < row->x1 - EPS)
		row->edges[row->n_edges++] = row->x1;
	return row;
}

/* A row taller than a page is cut, as a last resort, into rows that fit. */
static void push_split_row(struct layout_engine *e, struct vlist *vl, struct vrow *row, double limit,
			   int level)
{
	size_t *pos = xcalloc(row->n_cells ? row->n_cells : 1, sizeof *pos);
	double room = dmax(limit - 2 * row->pad, 1);
	for (;;) {
		bool more = false;
		for (size_t c = 0; c < row->n_cells; c++)
			more |= pos[c] < row->cells[c].n;
		if (!more)
			break;
		struct vrow *piece = arena_alloc(e->mem, sizeof *piece);
		*piece = *row;
		piece->cells = arena_alloc(e->mem, (row->n_cells ? row->n_cells : 1) * sizeof *piece->cells);
		for (size_t c = 0; c < row->n_cells; c++) {
			const struct vslice *s = &row->cells[c];
			size_t k = pos[c];
			double h = 0;
			while (k < s->n && (k == pos[c] || h + s->v[k].height <= room + EPS))
				h += s->v[k++].height;
			piece->cells[c] = (struct vslice){s->v + pos[c], k - pos[c]};
			pos[c] = k;
		}
		vpush(vl, (struct vitem){.kind = V_ROW, .level = level, .height = row_height(piece), .row = piece});
		level = LV_FREE;
	}
	free(pos);
}

/* Where the header rows of a top-level table are kept, to repeat them
 * on each page it spans, also in a continuation laid out later. */
static struct vtable *table_headers(struct layout_engine *e, bool top)
{
	if (!top)
		return NULL;
	struct vtable *vt = arena_alloc(e->keep, sizeof *vt);
	*vt = (struct vtable){NULL, 0, 0};
	return vt;
}

/* A table's rows, each a vertical item; a continuation (table->continues
 * after a top-level table) goes on where that one stopped. */
static void flow_table(struct layout_engine *e, struct vlist *vl, const struct box *b, double x, bool top)
{
	const struct table *t = b->table;
	if (!t)
		return;
	struct table_flow tf = {true, ++e->n_tables, table_headers(e, top), 0, false};
	if (top && t->continues && e->table.open) {
		e->n_tables--;
		tf = e->table;
	}
	struct vtable *vt = tf.vt;
	for (size_t r = 0; r < t->n_rows; r++, tf.rows++) {
		/* header rows outlive the chunk: pages repeat them */
		struct arena *mem = e->mem;
		if (vt && t->rows[r].header)
			e->mem = e->keep;
		struct vrow *row = make_row(e, t, tf.id, &t->rows[r], x);
		e->mem = mem;
		double h = row_height(row);
		int level = tf.rows == 0 ? LV_FREE : tf.after_header ? LV_KEEP : LV_FREE;
		tf.after_header = row->header;
		if (vt && row->header) {
			row->vt = vt;
			struct vitem it = {.kind = V_ROW, .height = h, .row = row};
			vt->headers = arena_grow(e->keep, vt->headers, vt->n_headers, sizeof *vt->headers);
			vt->headers[vt->n_headers++] = it;
			vt->height += h;
		} else if (vt && vt->height <= e->frame_h / 2) {
			row->vt = vt;
		}
		double limit = e->frame_h - (row->vt && !row->header ? vt->height : 0);
		if (top && h > limit + EPS)
			push_split_row(e, vl, row, limit, level);
		else
			vpush(vl, (struct vitem){.kind = V_ROW, .level = level, .height = h, .row = row});
	}
	if (top)
		e->table = tf;
	if (b->keep_with_next)
		vl->keep_pending = true;
}

/* ---- flattening boxes ---- */

static void flow_group(struct layout_engine *e, struct vlist *vl, const struct box *b, double x, double w,
		       int align, bool top)
{
	size_t start = vl->n;
	flow_boxes(e, vl, b->children, b->n_children, x, w, align, top);
	double h = 0;
	for (size_t k = start; k < vl->n; k++)
		h += vl->v[k].height;
	if (top && h <= e->frame_h + EPS)
		for (size_t k = start + 1; k < vl->n; k++)
			if (vl->v[k].level < LV_GROUP)
				vl->v[k].level = LV_GROUP;
	if (b->keep_with_next)
		vl->keep_pending = true;
}

/* A graphic is drawn when its page is placed, maybe after its box is
 * gone (layout_add): the layout keeps its own copy of the shapes. */
static const struct box *copy_graphic(struct layout_engine *e, const struct box *b)
{
	struct box *copy = arena_alloc(e->mem, sizeof *copy);
	*copy = (struct box){.kind = BOX_GRAPHIC, .height = b->height, .n_shapes = b->n_shapes};
	copy->shapes = arena_alloc(e->mem, (b->n_shapes ? b->n_shapes : 1) * sizeof *copy->shapes);
	for (size_t i = 0; i < b->n_shapes; i++) {
		copy->shapes[i] = b->shapes[i];
		if (b->shapes[i].text)
			copy->shapes[i].text = arena_strdup(e->mem, b->shapes[i].text);
	}
	return copy;
}

static void flow_box(struct layout_engine *e, struct vlist *vl, const struct box *b, double x, double w,
		     int align, bool top)
{
	switch (b->kind) {
	case BOX_PARA:
		flow_para(e, vl, b, x, w, align);
		return;
	case BOX_SPACE:
		push_space(vl, b->height, false);
		break;
	case BOX_RULE: {
		double rw = b->width > 0 && b->width < w ? b->width : w;
		double h = b->height > 0 ? b->height : dmax(b->line_width, BORDER_WIDTH);
		vpush(vl, (struct vitem){.kind = V_RULE, .height = h, .x = x + (w - rw) / 2, .width = rw,
					 .line_width = b->line_width > 0 ? b->line_width : BORDER_WIDTH});
		break;
	}
	case BOX_TABLE:
		flow_table(e, vl, b, x, top);
		return;
	case BOX_GROUP:
		flow_group(e, vl, b, x, w, align, top);
		return;
	case BOX_PAGE_BREAK:
		if (top)
			vpush(vl, (struct vitem){.kind = V_BREAK});
		return;
	case BOX_GRAPHIC:
		vpush(vl, (struct vitem){.kind = V_GRAPHIC, .height = b->height, .x = x, .width = w,
					 .box = copy_graphic(e, b)});
		break;
	}
	if (b->keep_with_next)
		vl->keep_pending = true;
}

void flow_boxes(struct layout_engine *e, struct vlist *vl, const struct box *boxes, size_t n,
		double x, double w, int align, bool top)
{
	/* Past the page limit the rest cannot be printed: stop early, so that
	 * neither time nor memory grows with what lies beyond. Text taller
	 * than limit + 1 pages cannot fit in limit pages whatever the breaks. */
	double enough = (e->page_limit + 1) * e->frame_h;
	for (size_t i = 0; i < n; i++) {
		if (top && vl->solid > enough) {
			e->out->too_many_pages = true;
			return;
		}
		flow_box(e, vl, &boxes[i], x, w, align, top);
		if (top && boxes[i].kind != BOX_TABLE)
			e->table.open = false;  /* only a table directly before can be continued */
	}
}
