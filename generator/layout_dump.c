/* The layout as text (--dump-layout, layout.h): what the golden files in
 * tests/layout and tests/render/layout hold, so that a change in where
 * anything lands shows in a diff a person can read. */
#include "layout.h"

#include <math.h>
#include <stdio.h>
#include <string.h>


/* Two decimals, and never "-0.00", so golden files stay stable. */
static const char *num(char *b, double v)
{
	snprintf(b, 32, "%.2f", v);
	if (strcmp(b, "-0.00") == 0)
		strcpy(b, "0.00");
	return b;
}

static const char *size_str(char *b, double v)
{
	num(b, v);
	char *dot = strchr(b, '.');
	if (dot) {
		char *end = b + strlen(b);
		while (end > dot + 1 && end[-1] == '0')
			*--end = '\0';
		if (end == dot + 1)
			*dot = '\0';
	}
	return b;
}

static void dump_quoted_text(FILE *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', out);
		fputc(*s, out);
	}
}

static bool same_item_style(const struct placed_text *a, const struct placed_text *b)
{
	return a->face == b->face && a->size == b->size && a->underline == b->underline;
}

/* Items of one style join into one quoted string; "+" marks a style change
 * with no space between (a bold word and its comma). */
static void dump_items(FILE *out, const struct placed_line *pl)
{
	static const char faces[FACE_COUNT] = {'R', 'B', 'I', 'J', 'M'};
	char b[32];
	for (size_t k = 0; k < pl->n_items; k++) {
		const struct placed_text *t = &pl->items[k], *p = k ? &pl->items[k - 1] : NULL;
		bool adjacent = p && fabs(t->x - (p->x + p->width)) < 0.005;
		if (!p || !same_item_style(p, t)) {
			if (p)
				fputc('"', out);
			fputs(adjacent ? "+" : " ", out);
			fprintf(out, "%c%s%s \"", t->face < FACE_COUNT ? faces[t->face] : '?',
				size_str(b, t->size), t->underline ? "u" : "");
		} else if (!adjacent) {
			fputc(' ', out);
		}
		dump_quoted_text(out, t->text);
	}
	if (pl->n_items)
		fputc('"', out);
}

struct dump_cursor {
	size_t line, rule, rect, bookmark;
};

/* The arrays are in page order, so one pass over each prints them all. */
static void dump_page(const struct layout *l, FILE *out, int page, struct dump_cursor *c)
{
	char a[32], b[32], d[32], e[32];
	for (; c->line < l->n_lines && l->lines[c->line].page <= page; c->line++) {
		const struct placed_line *pl = &l->lines[c->line];
		fprintf(out, "p%d y=%s x=%s w=%s", pl->page, num(a, pl->y), num(b, pl->x), num(d, pl->width));
		dump_items(out, pl);
		fputc('\n', out);
	}
	for (; c->rule < l->n_rules && l->rules[c->rule].page <= page; c->rule++) {
		const struct placed_rule *r = &l->rules[c->rule];
		fprintf(out, "p%d rule %s,%s %s,%s", r->page, num(a, r->x1), num(b, r->y1), num(d, r->x2), num(e, r->y2));
		fprintf(out, " lw=%s%s\n", num(a, r->line_width), r->dotted ? " dotted" : "");
	}
	for (; c->rect < l->n_rects && l->rects[c->rect].page <= page; c->rect++) {
		const struct placed_rect *r = &l->rects[c->rect];
		fprintf(out, "p%d rect x=%s y=%s w=%s h=%s", r->page, num(a, r->x), num(b, r->y), num(d, r->w), num(e, r->h));
		fprintf(out, " gray=%s %s lw=%s\n", num(a, r->gray), r->fill ? "fill" : "stroke", num(b, r->line_width));
	}
	for (; c->bookmark < l->n_bookmarks && l->bookmarks[c->bookmark].page <= page; c->bookmark++) {
		const struct bookmark *bm = &l->bookmarks[c->bookmark];
		fprintf(out, "p%d bookmark %d y=%s \"", bm->page, bm->level, num(a, bm->y));
		dump_quoted_text(out, bm->title);
		fputs("\"\n", out);
	}
}

void layout_dump_count(int n_pages, FILE *out)
{
	fprintf(out, "pages %d\n", n_pages);
}

void layout_dump_page(const struct layout *l, int page, FILE *out)
{
	struct dump_cursor c = {0, 0, 0, 0};
	dump_page(l, out, page, &c);
}

void layout_dump(const struct layout *l, FILE *out)
{
	struct dump_cursor c = {0, 0, 0, 0};
	layout_dump_count(l->n_pages, out);
	for (int p = 1; p <= l->n_pages; p++)
		dump_page(l, out, p, &c);
}
