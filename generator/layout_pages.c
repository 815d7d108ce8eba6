/* Layout: boxes in, positioned lines, rules and rectangles out.
 *
 * Line breaking is total-fit, a simple Knuth-Plass: the break opportunities
 * of a paragraph are its spaces (and, for a word wider than the line, every
 * code-point boundary inside it); dynamic programming over them minimises
 * the sum over lines of r², r being the line's adjustment ratio (r = 1: each
 * space stretched by STRETCH of its width; r = -1: shrunk by SHRINK, justified
 * text only). The last line and lines before a hard break cost nothing. For
 * each breakpoint the backward scan stops at the first line that would be
 * overfull, so the work is linear in the paragraph times words per line.
 *
 * Pagination: boxes are flattened into one list of vertical items (lines,
 * spaces, table rows, rules, graphics), each carrying the level of a page
 * break before it: free, widow/orphan, keep-with-next, inside a group. A page
 * ends at the latest break of the lowest level that lets it fit, so avoidable
 * bad breaks are avoided and unavoidable ones taken. Each item is placed at
 * most once on every page it is tried on, so this too is linear.
 */
#include "layout.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

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

static double dmax(double a, double b)
{
	return a > b ? a : b;
}

static double text_width(const struct layout_engine *e, enum font_face face, double size,
			 const char *s, size_t n)
{
	return n ? e->fm->width(e->fm->ctx, face, size, s, n) : 0;
}

static const char *run_text(const struct run *r)
{
	return r->text ? r->text : "";
}

static double space_width(struct layout_engine *e, struct para *p, size_t run)
{
	if (p->space_w[run] < 0) {
		const struct run *r = &p->b->runs[run];
		p->space_w[run] = text_width(e, r->face, r->size, " ", 1);
	}
	return p->space_w[run];
}

static void push_atom(struct para *p, enum atom_kind kind, size_t run, size_t off, size_t len,
		      double width)
{
	*VEC_PUSH(p->a, p->n, p->cap) = (struct atom){kind, run, off, len, width};
}

/* A tab in a text (pasted, or a YAML "\t") is white space between words
 * like a space: fonts have no glyph for it. */
static bool is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* Runs to atoms; consecutive spaces, even across runs, make one glue. */
static void para_atoms(struct layout_engine *e, struct para *p)
{
	for (size_t r = 0; r < p->b->n_runs; r++) {
		const struct run *run = &p->b->runs[r];
		const char *t = run_text(run);
		size_t n = strlen(t), i = 0;
		while (i < n) {
			if (is_space(t[i])) {
				while (i < n && is_space(t[i]))
					i++;
				if (!p->n || p->a[p->n - 1].kind != A_GLUE)
					push_atom(p, A_GLUE, r, 0, 0, space_width(e, p, r));
			} else if (t[i] == '\n') {
				push_atom(p, A_HARD, r, i++, 1, 0);
			} else {
				size_t j = i;
				while (j < n && !is_space(t[j]) && t[j] != '\n')
					j++;
				push_atom(p, A_FRAG, r, i, j - i,
					  text_width(e, run->face, run->size, t + i, j - i));
				p->has_text = true;
				i = j;
			}
		}
	}
}

/* The running width of a word being cut, and the measure of its line. */
struct cut {
	double acc, limit, rest;
};

/* Cuts one fragment into pieces at code-point boundaries, with SPLIT atoms
 * wherever the running word width would pass the line's measure. */
static void split_fragment(struct layout_engine *e, struct para *p, const struct atom *f, struct cut *c)
{
	const struct run *run = &p->b->runs[f->run];
	const char *t = run_text(run);
	size_t off = f->off, end = f->off + f->len, piece = off;
	double pw = 0;
	while (off < end) {
		uint32_t cp;
		size_t cl = utf8_decode(t + off, end - off, &cp);
		if (!cl)
			cl = 1;
		double cw = text_width(e, run->face, run->size, t + off, cl);
		if (c->acc > 0 && c->acc + cw > c->limit + EPS) {
			if (off > piece)
				push_atom(p, A_FRAG, f->run, piece, off - piece, pw);
			push_atom(p, A_SPLIT, f->run, off, 0, 0);
			c->acc = 0;
			c->limit = c->rest;
			piece = off;
			pw = 0;
		}
		c->acc += cw;
		pw += cw;
		off += cl;
	}
	if (off > piece)
		push_atom(p, A_FRAG, f->run, piece, off - piece, pw);
}

/* Words wider than their line are broken rather than left to overflow.
 * Only the paragraph's first word can sit on the first line alone. */
static void split_long_words(struct layout_engine *e, struct para *p)
{
	bool any = false;
	double w = 0;
	for (size_t i = 0; i < p->n && !any; i++) {
		w = p->a[i].kind == A_FRAG ? w + p->a[i].width : 0;
		any = w > (p->l_first < p->l_rest ? p->l_first : p->l_rest) + EPS;
	}
	if (!any)
		return;
	struct atom *old = p->a;
	size_t n = p->n, s = 0;
	p->a = NULL;
	p->n = p->cap = 0;
	bool first = true;
	while (s < n) {
		if (old[s].kind != A_FRAG) {
			first &= old[s].kind == A_GLUE;
			*VEC_PUSH(p->a, p->n, p->cap) = old[s++];
			continue;
		}
		size_t t = s;
		w = 0;
		while (t < n && old[t].kind == A_FRAG)
			w += old[t++].width;
		struct cut c = {0, first ? p->l_first : p->l_rest, p->l_rest};
		bool cut = w > c.limit + EPS;
		first = false;
		for (; s < t; s++) {
			if (cut)
				split_fragment(e, p, &old[s], &c);
			else
				*VEC_PUSH(p->a, p->n, p->cap) = old[s];
		}
	}
	free(old);
}

/* The cost of a line of natural width w with glue g in measure L, or
 * INFINITY when it cannot be made to fit. */
static double line_cost(const struct para *p, double w, double g, double L, bool last,
			double *ratio)
{
	double st = g * STRETCH, sh = p->justify ? g * SHRINK : 0;
	*ratio = 0;
	if (w - sh > L + EPS)
		return INFINITY;
	if (w > L + EPS) {
		*ratio = (L - w) / sh;
		return *ratio * *ratio + LINE_PENALTY;
	}
	if (last)
		return LINE_PENALTY;
	/* Ragged text does not stretch its spaces: only the slack matters. */
	if (!p->justify || g <= 0) {
		double slack = (L - w) / (L > 0 ? L : 1) * 10;
		return slack * slack + LINE_PENALTY;
	}
	if (g > 0) {
		*ratio = (L - w) / st;
		return *ratio * *ratio + LINE_PENALTY;
	}
	/* One word alone on a line: the slack in tenths of the measure. */
	double slack = (L - w) / (L > 0 ? L : 1) * 10;
	return slack * slack + LINE_PENALTY;
}

struct dp {
	size_t *cand;             /* atom index of each breakpoint; cand[0] is the start */
	double *wsum, *gsum;      /* prefix sums over atoms from the segment's start */
	double *cost, *ratio;
	size_t *prev;
	bool *over;
};

static void dp_free(struct dp *d)
{
	free(d->cand);
	free(d->wsum);
	free(d->gsum);
	free(d->cost);
	free(d->ratio);
	free(d->prev);
	free(d->over);
}

/* Best previous breakpoint for breakpoint j. */
static void dp_step(const struct para *p, struct dp *d, size_t s, size_t j, bool first_seg, bool last)
{
	bool hang = first_seg && p->l_first > p->l_rest + EPS;
	d->cost[j] = INFINITY;
	for (size_t i = j; i-- > 0;) {
		size_t from = i ? d->cand[i] + 1 : s;
		double L = i == 0 && first_seg ? p->l_first : p->l_rest;
		double w = d->wsum[d->cand[j] - s] - d->wsum[from - s];
		double g = d->gsum[d->cand[j] - s] - d->gsum[from - s];
		double r, c = line_cost(p, w, g, L, last, &r);
		if (c == INFINITY) {
			if (i == j - 1) {
				d->cost[j] = d->cost[i] + OVERFULL_COST + (w - L);
				d->ratio[j] = p->justify && g > 0 ? -1 : 0;
				d->prev[j] = i;
				d->over[j] = true;
			}
			if (i > 0 && hang) {
				i = 1;  /* the wider first line may still hold it all */
				continue;
			}
			break;
		}
		if (d->cost[i] + c < d->cost[j]) {
			d->cost[j] = d->cost[i] + c;
			d->ratio[j] = r;
			d->prev[j] = i;
			d->over[j] = false;
		}
	}
}

/* Whether atom k is a standalone dash ("-", "–", "—" between spaces). */
static bool lone_dash(const struct para *p, size_t k)
{
	if (k >= p->n || p->a[k].kind != A_FRAG)
		return false;
	const struct atom *a = &p->a[k];
	const char *t = run_text(&p->b->runs[a->run]) + a->off;
	bool dash = (a->len == 1 && t[0] == '-') ||
		    (a->len == 3 && (memcmp(t, "\u2013", 3) == 0 || memcmp(t, "\u2014", 3) == 0));
	return dash && (k == 0 || p->a[k - 1].kind != A_FRAG) && (k + 1 >= p->n || p->a[k + 1].kind != A_FRAG);
}

/* A space beside a standalone dash never breaks: "2023 - 2028" stays on
 * one line (a dash ending a line reads as a hyphen to text extractors). */
static bool binds_dash(const struct para *p, size_t k)
{
	return (k > 0 && lone_dash(p, k - 1) && k - 1 > 0) || lone_dash(p, k + 1);
}

/* Breakpoints of atoms [s, e) and prefix sums of their widths. */
static size_t dp_init(const struct para *p, struct dp *d, size_t s, size_t e)
{
	size_t m = 1;
	d->cand = xmalloc((e - s + 2) * sizeof *d->cand);
	d->wsum = xmalloc((e - s + 1) * sizeof *d->wsum);
	d->gsum = xmalloc((e - s + 1) * sizeof *d->gsum);
	d->cand[0] = s;
	d->wsum[0] = d->gsum[0] = 0;
	for (size_t k = s; k < e; k++) {
		const struct atom *a = &p->a[k];
		if (k > s && (a->kind == A_SPLIT || (a->kind == A_GLUE && !binds_dash(p, k))))
			d->cand[m++] = k;
		d->wsum[k - s + 1] = d->wsum[k - s] + a->width;
		d->gsum[k - s + 1] = d->gsum[k - s] + (a->kind == A_GLUE ? a->width : 0);
	}
	d->cand[m++] = e;
	d->cost = xmalloc(m * sizeof *d->cost);
	d->ratio = xcalloc(m, sizeof *d->ratio);
	d->prev = xcalloc(m, sizeof *d->prev);
	d->over = xcalloc(m, sizeof *d->over);
	d->cost[0] = 0;
	return m;
}

/* Appends the best lines ending at breakpoint m - 1, in order. */
static void dp_lines(const struct dp *d, size_t s, size_t m, bool first_seg, struct plines *out)
{
	size_t first = out->n, j = m - 1;
	while (j > 0) {
		size_t i = d->prev[j];
		*VEC_PUSH(out->v, out->n, out->cap) = (struct pline){
			i ? d->cand[i] + 1 : s, d->cand[j], d->ratio[j], i == 0 && first_seg, j == m - 1,
			d->over[j]};
		j = i;
	}
	for (size_t a = first, b = out->n - 1; a < b; a++, b--) {
		struct pline t = out->v[a];
		out->v[a] = out->v[b];
		out->v[b] = t;
	}
}

/* Breaks atoms [s, e), a segment without hard breaks, into lines. */
static void break_segment(const struct para *p, size_t s, size_t e, bool first_seg,
			  struct plines *out)
{
	while (s < e && p->a[s].kind == A_GLUE)
		s++;
	while (e > s && p->a[e - 1].kind == A_GLUE)
		e--;
	if (s == e) {
		*VEC_PUSH(out->v, out->n, out->cap) = (struct pline){s, s, 0, first_seg, true, false};
		return;
	}
	struct dp d;
	size_t m = dp_init(p, &d, s, e);
	for (size_t j = 1; j < m; j++)
		dp_step(p, &d, s, j, first_seg, j == m - 1);
	dp_lines(&d, s, m, first_seg, out);
	dp_free(&d);
}

/* ---- building a line's items ---- */

static bool same_style(const struct placed_text *t, const struct run *r)
{
	return t->face == r->face && t->size == r->size && t->underline == r->underline;
}

struct item_builder {
	struct placed_text cur;
	bool open;
};

static void item_close(struct layout_engine *e, struct item_builder *ib)
{
	if (!ib->open)
		return;
	ib->cur.text = arena_strndup(e->mem, e->text.data ? e->text.data : "", e->text.len);
	*VEC_PUSH(e->items, e->n_items, e->cap_items) = ib->cur;
	e->text.len = 0;
	ib->open = false;
}

static void item_add(struct layout_engine *e, struct item_builder *ib, const struct run *r, double x,
		     const char *s, size_t n, double w)
{
	if (ib->open && !same_style(&ib->cur, r))
		item_close(e, ib);
	if (!ib->open) {
		ib->cur = (struct placed_text){x, r->face, r->size, NULL, r->underline, 0};
		ib->open = true;
	}
	buf_add(&e->text, s, n);
	ib->cur.width += w;
}

static double glue_width(const struct atom *a, double ratio)
{
	if (ratio > 0)
		return a->width * (1 + ratio * STRETCH);
	return a->width * (1 + dmax(ratio, -1) * SHRINK);
}

/* Places the atoms of ln; justified lines get one item per word. */
static void line_items(struct layout_engine *e, struct para *p, const struct pline *ln, double x0,
		       bool justify)
{
	struct item_builder ib = {.open = false};
	double x = x0;
	for (size_t k = ln->start; k < ln->end; k++) {
		const struct atom *a = &p->a[k];
		const struct run *r = &p->b->runs[a->run];
		if (a->kind == A_FRAG) {
			item_add(e, &ib, r, x, run_text(r) + a->off, a->len, a->width);
			x += a->width;
		} else if (a->kind == A_GLUE) {
			double gw = justify ? glue_width(a, ln->ratio) : a->width;
			const struct atom *next = k + 1 < ln->end ? &p->a[k + 1] : NULL;
			/* A space joins an item only between words of its own style. */
			if (!justify && ib.open && same_style(&ib.cur, r) && next &&
			    next->kind == A_FRAG && same_style(&ib.cur, &p->b->runs[next->run]))
				item_add(e, &ib, r, x, " ", 1, gw);
			else
				item_close(e, &ib);
			x += gw;
		}
	}
	item_close(e, &ib);
}

static double natural_width(const struct para *p, const struct pline *ln, double *glue)
{
	double w = 0;
	*glue = 0;
	for (size_t k = ln->start; k < ln->end; k++) {
		w += p->a[k].width;
		if (p->a[k].kind == A_GLUE)
			*glue += p->a[k].width;
	}
	return w;
}

static void add_leader(struct layout_engine *e, struct para *p, const struct run *last_run)
{
	const char *leader = p->b->style.leader;
	double size = last_run ? last_run->size : DEFAULT_SIZE;
	double lw = text_width(e, FACE_REGULAR, size, leader, strlen(leader));
	if (lw <= EPS)
		return;
	double end = p->left, gap = 0;
	if (e->n_items) {
		const struct placed_text *t = &e->items[e->n_items - 1];
		end = t->x + t->width;
		gap = text_width(e, FACE_REGULAR, size, " ", 1);
	}
	double fit = floor((p->right - end - gap) / lw + EPS);
	if (fit < 1)
		return;
	size_t count = fit > MAX_LEADER ? MAX_LEADER : (size_t)fit;
	for (size_t i = 0; i < count; i++)
		buf_adds(&e->text, leader);
	struct item_builder ib = {
		{p->right - (double)count * lw, FACE_REGULAR, size, NULL, false, (double)count * lw}, true};
	item_close(e, &ib);
}

/* Height, baseline and extent of the line from its items. */
static void line_metrics(struct layout_engine *e, struct vline *vl, const struct para *p, double size,
			 double *height, double *descent)
{
	double A = 0, D = 0, big = 0;
	for (size_t i = 0; i < vl->n_items; i++) {
		const struct placed_text *t = &vl->items[i];
		A = dmax(A, e->fm->ascent(e->fm->ctx, t->face, t->size));
		D = dmax(D, e->fm->descent(e->fm->ctx, t->face, t->size));
		big = dmax(big, t->size);
	}
	if (!vl->n_items) {
		A = e->fm->ascent(e->fm->ctx, FACE_REGULAR, size);
		D = e->fm->descent(e->fm->ctx, FACE_REGULAR, size);
		big = size;
	}
	double leading = p->b->style.leading > 0 ? p->b->style.leading : 1.2;
	*height = leading * big;
	*descent = D;
	vl->ascent = A + (*height - A - D) / 2;
	if (vl->n_items) {
		const struct placed_text *last = &vl->items[vl->n_items - 1];
		vl->x = vl->items[0].x;
		vl->width = last->x + last->width - vl->x;
	}
}

/* The size of an empty line: that of the run it sits in. */
static double line_size(const struct para *p, const struct pline *ln)
{
	if (ln->start < p->n)
		return p->b->runs[p->a[ln->start].run].size;
	if (p->n)
		return p->b->runs[p->a[p->n - 1].run].size;
	return p->b->n_runs ? p->b->runs[0].size : DEFAULT_SIZE;
}

static const char *para_title(struct layout_engine *e, const struct box *b)
{
	struct buf t = {0};
	for (size_t r = 0; r < b->n_runs; r++)
		buf_adds(&t, run_text(&b->runs[r]));
	size_t s = 0, n = t.len;
	for (size_t i = 0; i < n; i++)
		if (t.data[i] == '\n' || t.data[i] == '\t')
			t.data[i] = ' ';
	while (s < n && t.data[s] == ' ')
		s++;
	while (n > s && t.data[n - 1] == ' ')
		n--;
	const char *title = n > s ? arena_strndup(e->mem, t.data + s, n - s) : NULL;
	buf_free(&t);
	return title;
}

static struct vline *make_line(struct layout_engine *e, struct para *p, const struct pline *ln,
			       bool para_last, double *height)
{
	const struct para_style *st = &p->b->style;
	double L = ln->first ? p->l_first : p->l_rest;
	double x0 = ln->first && (p->has_text || st->label) ? p->first_x : p->left;
	double glue, w = natural_width(p, ln, &glue);
	bool leader = para_last && st->leader && *st->leader;
	enum align al = leader && p->align != ALIGN_JUSTIFY ? ALIGN_LEFT : p->align;
	/* A last line is justified only when its spaces had to shrink to fit. */
	bool justify = al == ALIGN_JUSTIFY && glue > 0 && (!ln->last || ln->ratio < 0);
	if (al == ALIGN_CENTER && w < L)
		x0 += (L - w) / 2;
	else if (al == ALIGN_RIGHT && w < L)
		x0 += L - w;
	if (justify) {
		double gap = ln->ratio > 0 ? 1 + ln->ratio * STRETCH : 1 + dmax(ln->ratio, -1) * SHRINK;
		e->out->max_word_gap_ratio = dmax(e->out->max_word_gap_ratio, gap);
	}
	if (ln->overfull)
		e->out->overfull_lines++;
	e->n_items = 0;
	if (ln->first && st->label && *st->label) {
		buf_adds(&e->text, st->label);
		struct item_builder lb = {
			{p->label_x, st->label_face, p->label_size, NULL, false, p->label_w}, true};
		item_close(e, &lb);
	}
	line_items(e, p, ln, x0, justify);
	size_t n_text = e->n_items;
	if (leader)
		add_leader(e, p, p->b->n_runs ? &p->b->runs[p->b->n_runs - 1] : NULL);
	struct vline *vl = arena_alloc(e->mem, sizeof *vl);
	vl->n_items = e->n_items;
	vl->items = arena_alloc(e->mem, (e->n_items ? e->n_items : 1) * sizeof *vl->items);
	if (e->n_items)
		memcpy(vl->items, e->items, e->n_items * sizeof *vl->items);
	vl->x = x0;
	double descent;
	line_metrics(e, vl, p, line_size(p, ln), height, &descent);
	if (para_last && st->rule_under && n_text) {
		const struct placed_text *t = &vl->items[n_text - 1];
		vl->rule_x1 = vl->items[0].x;
		vl->rule_x2 = t->x + t->width;
		vl->rule_drop = descent + RULE_GAP + RULE_WIDTH / 2;
		double below = *height - vl->ascent, need = vl->rule_drop + RULE_WIDTH / 2;
		if (need > below)
			*height += need - below;
	}
	return vl;
}

/* ---- the vertical list ---- */

static void vpush(struct vlist *vl, struct vitem it)
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

static void push_space(struct vlist *vl, double h, bool para_space)
{
	if (h > 0)
		vpush(vl, (struct vitem){.kind = V_SPACE, .height = h, .para_space = para_space});
}

/* A label hangs at left + first; the first line's text starts at left, or
 * a space after the label when the label is wider than the hang. */
static void para_label(struct layout_engine *e, struct para *p)
{
	const struct para_style *st = &p->b->style;
	const struct run *r = p->b->n_runs ? &p->b->runs[0] : NULL;
	p->label_size = r ? r->size : DEFAULT_SIZE;
	p->label_x = p->first_x;
	p->label_w = text_width(e, st->label_face, p->label_size, st->label, strlen(st->label));
	double gap = text_width(e, st->label_face, p->label_size, " ", 1);
	p->first_x = dmax(p->left, p->label_x + p->label_w + gap);
}

static void para_setup(struct layout_engine *e, struct para *p, const struct box *b, double x, double w,
		       int align)
{
	const struct para_style *st = &b->style;
	p->b = b;
	p->align = align >= 0 && st->align == ALIGN_LEFT ? (enum align)align : st->align;
	p->justify = p->align == ALIGN_JUSTIFY;
	p->left = x + st->left;
	p->right = x + w - st->right;
	p->l_rest = dmax(p->right - p->left, 1);
	p->first_x = p->left + st->first;
	if (st->label && *st->label)
		para_label(e, p);
	p->l_first = dmax(p->right - p->first_x, 1);
	p->space_w = xmalloc((b->n_runs ? b->n_runs : 1) * sizeof *p->space_w);
	for (size_t r = 0; r < b->n_runs; r++)
		p->space_w[r] = -1;
}

static void para_lines(struct para *p, struct plines *lines)
{
	size_t s = 0;
	bool first = true;
	for (size_t k = 0; k <= p->n; k++) {
		if (k < p->n && p->a[k].kind != A_HARD)
			continue;
		break_segment(p, s, k, first, lines);
		first = false;
		s = k + 1;
	}
}

static bool fits_in(const struct plines *l, size_t n)
{
	if (l->n != n)
		return false;
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].overfull)
			return false;
	return true;
}

/* Centred text is balanced: the narrowest measure that keeps the same
 * number of lines, so "ĐẢNG BỘ KHỐI CÁC CƠ QUAN / TỈNH" becomes two even
 * lines. The lines are then centred in the real measure. */
static void balance_lines(struct para *p, struct plines *lines)
{
	double first = p->l_first, rest = p->l_rest;
	double lo = 0.3, hi = 1.0;
	struct plines trial = {0};
	for (int i = 0; i < 10; i++) {
		double mid = (lo + hi) / 2;
		p->l_first = first * mid;
		p->l_rest = rest * mid;
		trial.n = 0;
		para_lines(p, &trial);
		if (fits_in(&trial, lines->n))
			hi = mid;
		else
			lo = mid;
	}
	p->l_first = first * hi;
	p->l_rest = rest * hi;
	trial.n = 0;
	para_lines(p, &trial);
	if (fits_in(&trial, lines->n)) {
		free(lines->v);
		*lines = trial;
	} else {
		free(trial.v);
	}
	p->l_first = first;
	p->l_rest = rest;
}

static void flow_para(struct layout_engine *e, struct vlist *vl, const struct box *b, double x, double w,
		      int align)
{
	struct para p = {0};
	struct plines lines = {0};
	para_setup(e, &p, b, x, w, align);
	para_atoms(e, &p);
	split_long_words(e, &p);
	para_lines(&p, &lines);
	if (p.align == ALIGN_CENTER && lines.n >= 2)
		balance_lines(&p, &lines);
	push_space(vl, b->style.space_before, true);
	for (size_t k = 0; k < lines.n; k++) {
		double h;
		struct vline *line = make_line(e, &p, &lines.v[k], k == lines.n - 1, &h);
		if (k == 0 && b->style.outline_level >= 1 && b->style.outline_level <= 3) {
			line->outline_level = b->style.outline_level;
			line->title = para_title(e, b);
		}
		int level = k > 0 && (k == 1 || k == lines.n - 1) ? LV_WIDOW : LV_FREE;
		vpush(vl, (struct vitem){.kind = V_LINE, .level = level, .height = h, .line = line});
	}
	if (b->style.keep_with_next || b->keep_with_next)
		vl->keep_pending = true;
	push_space(vl, b->style.space_after, true);
	free(p.a);
	free(p.space_w);
	free(lines.v);
}

/* ---- tables ---- */

static void flow_boxes(struct layout_engine *e, struct vlist *vl, const struct box *boxes, size_t n,
		       double x, double w, int align, bool top);

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

static void flow_boxes(struct layout_engine *e, struct vlist *vl, const struct box *boxes, size_t n,
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

/* Notes the characters of the lines from the first that no font has. */
static void note_missing(const struct font_metrics *fm, struct layout *l, size_t first)
{
	for (size_t i = first; fm->has_glyph && i < l->n_lines; i++) {
		for (size_t k = 0; k < l->lines[i].n_items; k++) {
			const struct placed_text *t = &l->lines[i].items[k];
			enum font_face face = (unsigned)t->face < FACE_COUNT ? t->face : FACE_REGULAR;
			size_t n = strlen(t->text), len;
			uint32_t cp;
			for (size_t o = 0; o < n; o += len ? len : 1) {
				len = utf8_decode(t->text + o, n - o, &cp);
				if (!len || fm->has_glyph(fm->ctx, face, cp))
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
	arena_free(&l->arena);
	memset(l, 0, sizeof *l);
}
