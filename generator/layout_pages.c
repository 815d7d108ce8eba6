/* Pagination (layout.h): a page ends at the latest break of the lowest
 * level that lets it fit, so avoidable bad breaks are avoided and
 * unavoidable ones taken. Each item is placed at most once on every page
 * it is tried on, so this too is linear. Pages are placed as soon as the
 * items so far decide them and handed to the sink; the API is here. */
#include "layout_engine.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

/* ---- placing on pages ---- */

static struct placed_line *place_line(struct layout_engine *e, int page, double x, double y)
{
	struct layout *l = e->out;
	struct placed_line *pl = VEC_PUSH(l->lines, l->n_lines, l->cap_lines);
	*pl = (struct placed_line){page, x, y, 0, NULL, 0};
	return pl;
}

static void place_rule(struct layout_engine *e, int page, double x1, double y1, double x2, double y2,
		       double lw, bool dotted)
{
	struct layout *l = e->out;
	*VEC_PUSH(l->rules, l->n_rules, l->cap_rules) = (struct placed_rule){page, x1, y1, x2, y2, lw, dotted};
}

static void place_rect(struct layout_engine *e, int page, double x, double y, double w, double h,
		       double gray, bool fill, double lw)
{
	struct layout *l = e->out;
	*VEC_PUSH(l->rects, l->n_rects, l->cap_rects) = (struct placed_rect){page, x, y, w, h, gray, fill, lw};
}

/* A one-item line of text drawn at (x, baseline y). */
static void place_text(struct layout_engine *e, int page, double x, double y, enum font_face face,
		       double size, const char *s, double w)
{
	struct placed_line *pl = place_line(e, page, x, y);
	struct placed_text *t = arena_alloc(&e->out->arena, sizeof *t);
	*t = (struct placed_text){x, face, size, arena_strdup(&e->out->arena, s), false, w};
	pl->items = t;
	pl->n_items = 1;
	pl->width = w;
}

static void emit_vline(struct layout_engine *e, int page, double top, const struct vline *vl, bool repeat)
{
	double y = top - vl->ascent;
	if (vl->n_items) {
		struct placed_line *pl = place_line(e, page, vl->x, y);
		pl->width = vl->width;
		pl->items = vl->items;
		pl->n_items = vl->n_items;
	}
	if (vl->rule_x2 > vl->rule_x1)
		place_rule(e, page, vl->rule_x1, y - vl->rule_drop, vl->rule_x2, y - vl->rule_drop,
			   RULE_WIDTH, false);
	if (vl->title && !repeat) {
		struct layout *l = e->out;
		*VEC_PUSH(l->bookmarks, l->n_bookmarks, l->cap_bookmarks) =
			(struct bookmark){page, vl->outline_level, top, vl->title};
	}
}

/* s with its tabs as spaces (see is_space), in the layout's arena when
 * it had any. */
static const char *tabs_as_spaces(struct layout_engine *e, const char *s)
{
	if (!strchr(s, '\t'))
		return s;
	char *copy = arena_strdup(&e->out->arena, s);
	for (char *c = copy; *c; c++)
		if (*c == '\t')
			*c = ' ';
	return copy;
}

static void emit_graphic(struct layout_engine *e, int page, double top, const struct vitem *it)
{
	const struct box *b = it->box;
	double x0 = it->x, y0 = top - it->height;
	for (size_t i = 0; i < b->n_shapes; i++) {
		const struct shape *s = &b->shapes[i];
		double lw = s->line_width > 0 ? s->line_width : BORDER_WIDTH;
		if (s->kind == SHAPE_LINE) {
			place_rule(e, page, x0 + s->x, y0 + s->y, x0 + s->x + s->w, y0 + s->y + s->h, lw, false);
		} else if (s->kind == SHAPE_RECT) {
			place_rect(e, page, x0 + s->x, y0 + s->y, s->w, s->h, s->gray, s->fill, lw);
		} else if (s->text && *s->text) {
			const char *text = tabs_as_spaces(e, s->text);
			double tw = text_width(e, s->face, s->size, text, strlen(text));
			double x = x0 + s->x;
			if (s->align == ALIGN_CENTER)
				x += (s->w - tw) / 2;
			else if (s->align == ALIGN_RIGHT)
				x += s->w - tw;
			place_text(e, page, x, y0 + s->y, s->face, s->size, text, tw);
		}
	}
}

static void emit_item(struct layout_engine *e, int page, double top, const struct vitem *it, bool repeat,
		      unsigned *prev);

static void emit_row(struct layout_engine *e, int page, double top, const struct vrow *row, double h,
		     bool repeat, bool top_border)
{
	for (size_t c = 0; c < row->n_cells; c++) {
		unsigned prev = 0;
		double y = top - row->pad;
		for (size_t k = 0; k < row->cells[c].n; k++) {
			emit_item(e, page, y, &row->cells[c].v[k], repeat, &prev);
			y -= row->cells[c].v[k].height;
		}
	}
	if (!row->borders)
		return;
	if (top_border)
		place_rule(e, page, row->x0, top, row->x1, top, BORDER_WIDTH, false);
	place_rule(e, page, row->x0, top - h, row->x1, top - h, BORDER_WIDTH, false);
	for (size_t k = 0; k < row->n_edges; k++)
		place_rule(e, page, row->edges[k], top, row->edges[k], top - h, BORDER_WIDTH, false);
}

static void emit_item(struct layout_engine *e, int page, double top, const struct vitem *it, bool repeat,
		      unsigned *prev)
{
	unsigned t = 0;
	switch (it->kind) {
	case V_LINE:
		emit_vline(e, page, top, it->line, repeat);
		break;
	case V_RULE: {
		double y = top - it->height / 2;
		place_rule(e, page, it->x, y, it->x + it->width, y, it->line_width, false);
		break;
	}
	case V_GRAPHIC:
		emit_graphic(e, page, top, it);
		break;
	case V_ROW:
		t = it->row->table;
		emit_row(e, page, top, it->row, it->height, repeat, *prev != t);
		break;
	case V_SPACE:
	case V_BREAK:
		break;
	}
	*prev = t;
}

static void page_number(struct layout_engine *e, int page)
{
	const struct page_setup *s = e->setup;
	double size = s->page_number_size > 0 ? s->page_number_size : DEFAULT_SIZE;
	char num[16];
	snprintf(num, sizeof num, "%d", page);
	double w = text_width(e, FACE_REGULAR, size, num, strlen(num));
	double a = e->fm->ascent(e->fm->ctx, FACE_REGULAR, size);
	double d = e->fm->descent(e->fm->ctx, FACE_REGULAR, size);
	double y = s->height - s->margin_top / 2 - (a - d) / 2;
	place_text(e, page, e->frame_x + (e->frame_w - w) / 2, y, FACE_REGULAR, size, num, w);
}

/* The Vietnamese convention: a boxed "DỰ THẢO" at the top right, inside
 * the top margin, so it never covers the text. */
static void watermark(struct layout_engine *e, int page)
{
	const struct page_setup *s = e->setup;
	const double pad = 3;
	double size = s->watermark_size > 0 ? s->watermark_size : 14;
	double a = e->fm->ascent(e->fm->ctx, FACE_BOLD, size);
	double d = e->fm->descent(e->fm->ctx, FACE_BOLD, size);
	double room = s->margin_top - 4;
	if (a + d + 2 * pad > room && a + d > 0) {
		double scale = dmax(room - 2 * pad, 4) / (a + d);
		size *= scale;
		a *= scale;
		d *= scale;
	}
	const char *text = s->watermark;
	double w = text_width(e, FACE_BOLD, size, text, strlen(text));
	double bw = w + 2 * pad, bh = a + d + 2 * pad;
	double bx = e->frame_x + e->frame_w - bw, by = s->height - s->margin_top / 2 - bh / 2;
	place_rect(e, page, bx, by, bw, bh, 0, false, 1);
	place_text(e, page, bx + pad, by + pad + d, FACE_BOLD, size, text, w);
}

static int open_page(struct layout_engine *e)
{
	int page = ++e->out->n_pages;
	e->page_first_line = e->out->n_lines;
	const struct page_setup *s = e->setup;
	if (s->page_numbers_from > 0 && page >= s->page_numbers_from)
		page_number(e, page);
	if (s->watermark && *s->watermark)
		watermark(e, page);
	return page;
}

/* The header rows to repeat when a page starts at item s inside a table. */
static const struct vtable *continued_table(const struct vlist *vl, size_t s)
{
	if (s == 0 || vl->v[s].kind != V_ROW || vl->v[s - 1].kind != V_ROW)
		return NULL;
	const struct vrow *row = vl->v[s].row, *before = vl->v[s - 1].row;
	if (!row->vt || row->header || before->table != row->table || !row->vt->n_headers)
		return NULL;
	return row->vt;
}

/* Where the page that starts at s ends: the latest break of the weakest
 * level among those the page can hold. *whole is false when the items
 * ran out first: more may come that belong on this page. */
static size_t page_end(const struct layout_engine *e, const struct vlist *vl, size_t s, double used, bool *whole)
{
	size_t last[LV_COUNT];
	for (int k = 0; k < LV_COUNT; k++)
		last[k] = SIZE_MAX;
	*whole = true;
	for (size_t i = s; i < vl->n; i++) {
		const struct vitem *it = &vl->v[i];
		if (i > s)
			last[it->level] = i;
		if (it->kind == V_BREAK)
			return i;
		if (i > s && used + it->height > e->frame_h + EPS) {
			for (int k = 0; k < LV_COUNT; k++)
				if (last[k] != SIZE_MAX)
					return last[k];
		}
		used += it->height;
	}
	*whole = false;
	return vl->n;
}

/* True when face's font has cp, asked of fm once for each of the BMP
 * (pages of a long document repeat the same few hundred characters). */
static bool has_glyph(const struct font_metrics *fm, struct layout *l, enum font_face face, uint32_t cp)
{
	if (cp >= 0x10000)
		return fm->has_glyph(fm->ctx, face, cp);
	if (!l->present_seen)
		l->present_seen = xcalloc((size_t)FACE_COUNT * 0x10000 / 8, 1);
	size_t bit = (size_t)face * 0x10000 + cp;
	if (l->present_seen[bit >> 3] & (1u << (bit & 7)))
		return true;
	if (!fm->has_glyph(fm->ctx, face, cp))
		return false;
	l->present_seen[bit >> 3] |= (uint8_t)(1u << (bit & 7));
	return true;
}

/* Notes the characters of the lines from the first that no font has. */
static void note_missing(const struct font_metrics *fm, struct layout *l, size_t first)
{
	for (size_t i = first; fm->has_glyph && i < l->n_lines; i++) {
		for (size_t k = 0; k < l->lines[i].n_items; k++) {
			const struct placed_text *t = &l->lines[i].items[k];
			enum font_face face = (unsigned)t->face < FACE_COUNT ? t->face : FACE_REGULAR;
			size_t n = strlen(t->text), len;
			uint32_t cp;
			size_t o = fm->glyphs_prefix ? fm->glyphs_prefix(fm->ctx, face, t->text, n) : 0;
			for (; o < n; o += len ? len : 1) {
				len = utf8_decode(t->text + o, n - o, &cp);
				if (!len || has_glyph(fm, l, face, cp))
					continue;
				if (!l->missing_seen)
					l->missing_seen = xcalloc(0x110000 / 8, 1);
				if (l->missing_seen[cp >> 3] & (1u << (cp & 7)))
					continue;
				l->missing_seen[cp >> 3] |= (uint8_t)(1u << (cp & 7));
				*VEC_PUSH(l->missing, l->n_missing, l->cap_missing) = (struct layout_missing){face, cp};
			}
		}
	}
}

/* A placed page goes to the sink; then its items are freed. */
static void deliver_page(struct layout_engine *e, int page)
{
	struct layout *l = e->out;
	note_missing(e->fm, l, e->page_first_line);
	if (!e->sink.page)
		return;
	e->sink.page(e->sink.ctx, l, page);
	l->n_lines = l->n_rules = l->n_rects = l->n_bookmarks = 0;
	arena_free(&l->arena);
}

/* Places the pages that are complete, from e->next on: those whose end
 * the items so far decide, and with final the last one too. */
static void paginate(struct layout_engine *e, bool final)
{
	const struct vlist *vl = &e->vl;
	for (;;) {
		size_t s = e->next;
		while (s < vl->n && (vl->v[s].kind == V_SPACE || vl->v[s].kind == V_BREAK))
			s++;
		e->next = s;
		if (s >= vl->n)
			break;
		if (e->out->n_pages >= e->page_limit || e->out->too_many_pages) {
			e->out->too_many_pages = true;
			break;
		}
		const struct vtable *vt = continued_table(vl, s);
		bool whole;
		size_t end = page_end(e, vl, s, vt ? vt->height : 0, &whole);
		if (!whole && !final)
			break;
		int page = open_page(e);
		double y = e->frame_top;
		unsigned prev = 0;
		for (size_t h = 0; vt && h < vt->n_headers; h++) {
			emit_item(e, page, y, &vt->headers[h], true, &prev);
			y -= vt->headers[h].height;
		}
		for (size_t k = s; k < end; k++) {
			emit_item(e, page, y, &vl->v[k], false, &prev);
			y -= vl->v[k].height;
		}
		e->next = end;
		deliver_page(e, page);
	}
	if (final && !e->out->n_pages)
		deliver_page(e, open_page(e));
}

/* Forgets what the pages placed no longer need: the items before the
 * last one placed (kept: a page that starts inside a table looks at the
 * row before) and the chunks that hold nothing else. */
static void release(struct layout_engine *e)
{
	if (!e->sink.page || e->next < 2)
		return;
	size_t drop = e->next - 1;
	struct vlist *vl = &e->vl;
	memmove(vl->v, vl->v + drop, (vl->n - drop) * sizeof *vl->v);
	vl->n -= drop;
	e->next -= drop;
	e->base += drop;
	while (e->chunks && e->chunks->end <= e->base) {
		struct chunk *c = e->chunks;
		e->chunks = c->next;
		if (!e->chunks)
			e->last_chunk = NULL;
		arena_free(&c->arena);
		free(c);
	}
}

void layout_open(struct layout *out, const struct page_setup *setup, const struct font_metrics *fm,
		 const struct layout_sink *sink)
{
	memset(out, 0, sizeof *out);
	out->setup = *setup;
	out->max_word_gap_ratio = 1;
	struct layout_engine *e = xcalloc(1, sizeof *e);
	out->engine = e;
	*e = (struct layout_engine){.out = out, .fm = fm, .setup = &out->setup};
	if (sink)
		e->sink = *sink;
	e->keep = e->sink.page ? &e->keep_store : &out->arena;
	e->mem = &out->arena;
	if (setup->watermark)
		out->setup.watermark = arena_strdup(e->keep, setup->watermark);
	e->frame_x = setup->margin_left;
	e->frame_w = dmax(setup->width - setup->margin_left - setup->margin_right, 1);
	e->frame_top = setup->height - setup->margin_top;
	e->frame_h = dmax(setup->height - setup->margin_top - setup->margin_bottom, 1);
	e->page_limit = setup->page_limit > 0 ? setup->page_limit : LAYOUT_PAGE_LIMIT;
}

/* Top-level boxes laid out before the pages they finish go out: a long
 * run of them (hundreds of paragraphs in one layout_add) does not pile up. */
#define CHUNK_BOXES 32

void layout_add(struct layout *l, const struct box *boxes, size_t n_boxes)
{
	struct layout_engine *e = l->engine;
	if (!e)
		return;
	if (!e->sink.page) {
		flow_boxes(e, &e->vl, boxes, n_boxes, e->frame_x, e->frame_w, -1, true);
		return;
	}
	for (size_t i = 0; i < n_boxes && !l->too_many_pages; i += CHUNK_BOXES) {
		struct chunk *c = xcalloc(1, sizeof *c);
		if (e->last_chunk)
			e->last_chunk->next = c;
		else
			e->chunks = c;
		e->last_chunk = c;
		e->mem = &c->arena;
		size_t n = n_boxes - i < CHUNK_BOXES ? n_boxes - i : CHUNK_BOXES;
		flow_boxes(e, &e->vl, boxes + i, n, e->frame_x, e->frame_w, -1, true);
		c->end = e->base + e->vl.n;
		paginate(e, false);
		release(e);
	}
}

static void engine_free(struct layout_engine *e)
{
	while (e->chunks) {
		struct chunk *c = e->chunks;
		e->chunks = c->next;
		arena_free(&c->arena);
		free(c);
	}
	arena_free(&e->keep_store);
	free(e->vl.v);
	free(e->items);
	free(e->atoms);
	buf_free(&e->text);
	free(e);
}

void layout_close(struct layout *l)
{
	struct layout_engine *e = l->engine;
	if (!e)
		return;
	paginate(e, true);
	if (e->sink.page)
		l->setup.watermark = NULL;  /* it was in the engine's memory */
	engine_free(e);
	l->engine = NULL;
}

void layout_run(struct layout *out, const struct page_setup *setup, const struct box *boxes,
		size_t n_boxes, const struct font_metrics *fm)
{
	layout_open(out, setup, fm, NULL);
	layout_add(out, boxes, n_boxes);
	layout_close(out);
}

void layout_free(struct layout *l)
{
	if (l->engine)
		engine_free(l->engine);
	free(l->lines);
	free(l->rules);
	free(l->rects);
	free(l->bookmarks);
	free(l->missing);
	free(l->missing_seen);
	free(l->present_seen);
	arena_free(&l->arena);
	memset(l, 0, sizeof *l);
}
