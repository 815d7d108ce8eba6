/* Line breaking (layout.h): a paragraph's runs cut into atoms (words,
 * spaces, hard breaks), broken into lines by total fit, a simple
 * Knuth-Plass: the break opportunities of a paragraph are its spaces (and,
 * for a word wider than the line, every code-point boundary inside it);
 * dynamic programming over them minimises the sum over lines of r², r
 * being the line's adjustment ratio (r = 1: each space stretched by STRETCH
 * of its width; r = -1: shrunk by SHRINK, justified text only). The last
 * line and lines before a hard break cost nothing. For each breakpoint the
 * backward scan stops at the first line that would be overfull, so the work
 * is linear in the paragraph times words per line. Each line becomes a
 * vertical item with its words placed. */
#include "layout_engine.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

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

/* A segment's arrays, all in one allocation (dp_init): one malloc a
 * segment rather than eight. */
struct dp {
	size_t *cand;             /* atom index of each breakpoint; cand[0] is the start */
	double *wsum, *gsum;      /* prefix sums over atoms from the segment's start */
	/* per breakpoint, the prefix sums where a line from it starts and
	 * where a line to it ends: dp_step reads them without indirection */
	double *w_from, *g_from, *w_to, *g_to;
	double *cost, *ratio;
	size_t *prev;
	bool *over;
};

static void dp_free(struct dp *d)
{
	free(d->wsum);
}

/* Best previous breakpoint for breakpoint j. The best so far is kept in
 * locals and stored once: stores to d's arrays inside the scan would make
 * the compiler reload every array through d at each candidate. */
static void dp_step(const struct para *p, struct dp *d, size_t j, bool first_seg, bool last)
{
	bool hang = first_seg && p->l_first > p->l_rest + EPS;
	const double *w_from = d->w_from, *g_from = d->g_from, *cost = d->cost;
	const double wj = d->w_to[j], gj = d->g_to[j], l_first = p->l_first, l_rest = p->l_rest;
	double best = INFINITY, best_ratio = 0;
	size_t best_prev = 0;
	bool best_over = false;
	for (size_t i = j; i-- > 0;) {
		double L = i == 0 && first_seg ? l_first : l_rest;
		double w = wj - w_from[i];
		double g = gj - g_from[i];
		double r, c = line_cost(p, w, g, L, last, &r);
		if (c == INFINITY) {
			if (i == j - 1) {
				best = cost[i] + OVERFULL_COST + (w - L);
				best_ratio = p->justify && g > 0 ? -1 : 0;
				best_prev = i;
				best_over = true;
			}
			if (i > 0 && hang) {
				i = 1;  /* the wider first line may still hold it all */
				continue;
			}
			break;
		}
		if (cost[i] + c < best) {
			best = cost[i] + c;
			best_ratio = r;
			best_prev = i;
			best_over = false;
		}
	}
	d->cost[j] = best;
	d->ratio[j] = best_ratio;
	d->prev[j] = best_prev;
	d->over[j] = best_over;
}

/* Whether atom k is a standalone dash ("-", "–", "—" between spaces). */
static bool lone_dash(const struct para *p, size_t k)
{
	if (k >= p->n || p->a[k].kind != A_FRAG || (p->a[k].len != 1 && p->a[k].len != 3))
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
	/* at most e - s + 1 breakpoints; e - s + 1 prefix sums of each kind;
	 * the doubles first, then the sizes and flags, each aligned */
	size_t n = e - s + 1, m = 1;
	double *block = xmalloc(n * (8 * sizeof(double) + 2 * sizeof(size_t) + sizeof(bool)));
	d->wsum = block;
	d->gsum = d->wsum + n;
	d->w_from = d->gsum + n;
	d->g_from = d->w_from + n;
	d->w_to = d->g_from + n;
	d->g_to = d->w_to + n;
	d->cost = d->g_to + n;
	d->ratio = d->cost + n;
	d->cand = (size_t *)(d->ratio + n);
	d->prev = d->cand + n;
	d->over = (bool *)(d->prev + n);
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
	for (size_t i = 0; i < m; i++) {
		/* no line starts after the last breakpoint, at e */
		size_t from = i == m - 1 ? e : i ? d->cand[i] + 1 : s;
		d->w_from[i] = d->wsum[from - s];
		d->g_from[i] = d->gsum[from - s];
		d->w_to[i] = d->wsum[d->cand[i] - s];
		d->g_to[i] = d->gsum[d->cand[i] - s];
	}
	memset(d->ratio, 0, m * sizeof *d->ratio);
	memset(d->prev, 0, m * sizeof *d->prev);
	memset(d->over, 0, m * sizeof *d->over);
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
	/* A segment that fits its measure at natural width is one line: the
	 * search would find it too (a last line costs LINE_PENALTY alone, any
	 * break adds another), after making its arrays; a table's cells are
	 * mostly such. The sum is the search's prefix sum, added in the same
	 * order. */
	double w = 0;
	for (size_t k = s; k < e; k++)
		w += p->a[k].width;
	if (w <= (first_seg ? p->l_first : p->l_rest) + EPS) {
		*VEC_PUSH(out->v, out->n, out->cap) = (struct pline){s, e, 0, first_seg, true, false};
		return;
	}
	struct dp d;
	size_t m = dp_init(p, &d, s, e);
	for (size_t j = 1; j < m; j++)
		dp_step(p, &d, j, first_seg, j == m - 1);
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
		/* a justified line's words share their face and size: asked once */
		if (i && t->face == vl->items[i - 1].face && t->size == vl->items[i - 1].size)
			continue;
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

void flow_para(struct layout_engine *e, struct vlist *vl, const struct box *b, double x, double w,
	       int align)
{
	/* the atoms go where the last paragraph's were: growing each
	 * paragraph's array from nothing cost 31 M instructions of realloc
	 * for a 1,000-page paper */
	struct para p = {.a = e->atoms, .cap = e->cap_atoms};
	struct plines lines = {0};
	e->atoms = NULL;
	e->cap_atoms = 0;
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
	e->atoms = p.a;
	e->cap_atoms = p.cap;
	free(p.space_w);
	free(lines.v);
}
