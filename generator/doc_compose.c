#include "compose.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void compose_init(struct compose *c, struct arena *arena, const struct template *t)
{
	*c = (struct compose){.arena = arena, .keep = arena, .t = t,
		.frame_width = MM_TO_PT(t->page.width_mm - t->page.margin_left_mm - t->page.margin_right_mm)};
}

void compose_free(struct compose *c)
{
	arena_free(&c->chunk);
	c->arena = c->keep;
}

void compose_flush(struct compose *c, struct box_list *l)
{
	if (!c->flush)
		return;
	c->flush(c->flush_ctx, l->v, l->n);
	*l = (struct box_list){0};
	/* the first flush leaves what came before in c->keep */
	if (c->arena == &c->chunk)
		arena_free(&c->chunk);
	c->arena = &c->chunk;
}

struct table *compose_flush_table(struct compose *c, struct box_list *l, struct table *t)
{
	if (!c->flush || !l->n || l->v[l->n - 1].table != t)
		return t;
	/* t is freed with the chunk: its columns first */
	struct table cols = *t;
	cols.widths = xmalloc(t->n_cols * sizeof *cols.widths);
	memcpy(cols.widths, t->widths, t->n_cols * sizeof *cols.widths);
	if (t->col_align) {
		cols.col_align = xmalloc(t->n_cols * sizeof *cols.col_align);
		memcpy(cols.col_align, t->col_align, t->n_cols * sizeof *cols.col_align);
	}
	compose_flush(c, l);
	struct table *next = add_table(c, l, cols.widths, cols.n_cols, cols.borders);
	next->padding = cols.padding;
	if (cols.col_align) {
		next->col_align = arena_alloc(c->arena, cols.n_cols * sizeof *next->col_align);
		memcpy(next->col_align, cols.col_align, cols.n_cols * sizeof *next->col_align);
	}
	next->continues = true;
	free(cols.widths);
	free(cols.col_align);
	return next;
}

#define MAX_FIELDS 12

/* The fields words.def declares for id must all be given: a builder that
 * forgets one would print a hole. A programming error, stopped loudly. */
static void check_given(enum text_id id, const char *const *fields, size_t n)
{
	const char *p = text_fields(id);
	while (*p) {
		while (*p == ' ')
			p++;
		size_t len = strcspn(p, " ");
		bool given = false;
		for (size_t i = 0; i < n && !given && len; i++)
			given = strlen(fields[2 * i]) == len && memcmp(fields[2 * i], p, len) == 0;
		if (len && !given) {
			fprintf(stderr, "chuyende: internal error: text %s needs field {%.*s}\n", text_key(id), (int)len, p);
			abort();
		}
		p += len;
	}
}

const char *say(struct compose *c, enum text_id id, ...)
{
	const char *fields[2 * MAX_FIELDS];
	size_t n = 0;
	va_list ap;
	va_start(ap, id);
	for (const char *name; (name = va_arg(ap, const char *)) != NULL && n < MAX_FIELDS; n++) {
		fields[2 * n] = name;
		fields[2 * n + 1] = va_arg(ap, const char *);
	}
	va_end(ap);
	check_given(id, fields, n);
	return words_fill(c->arena, &c->t->w, c->t->w.text[id], fields, n);
}

struct box *add_box(struct compose *c, struct box_list *l, enum box_kind kind)
{
	l->v = arena_grow(c->arena, l->v, l->n, sizeof *l->v);
	struct box *b = &l->v[l->n++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	return b;
}

struct run *add_run(struct compose *c, struct box *para, const char *text, enum font_face face, double size)
{
	para->runs = arena_grow(c->arena, para->runs, para->n_runs, sizeof *para->runs);
	struct run *r = &para->runs[para->n_runs++];
	*r = (struct run){face, size, text, false};
	return r;
}

struct box *add_text(struct compose *c, struct box_list *l, const char *text, enum font_face face,
		     double size, enum align align)
{
	struct box *b = add_box(c, l, BOX_PARA);
	b->style.align = align;
	b->style.leading = c->t->page.line_spacing;
	add_run(c, b, text, face, size);
	return b;
}

void add_space(struct compose *c, struct box_list *l, double height)
{
	add_box(c, l, BOX_SPACE)->height = height;
}

void add_rule(struct compose *c, struct box_list *l, double width, double height)
{
	struct box *b = add_box(c, l, BOX_RULE);
	b->width = width;
	b->height = height;
	b->line_width = 0.6;
}

void add_writing_lines(struct compose *c, struct box_list *l, int n, double size)
{
	for (int i = 0; i < n; i++) {
		struct box *b = add_text(c, l, "", FACE_REGULAR, size, ALIGN_LEFT);
		b->style.leader = ".";
		b->style.leading = 1.5;
	}
}

struct box *add_fill_in(struct compose *c, struct box_list *l, const char *label, double size)
{
	struct box *b = add_text(c, l, label, FACE_REGULAR, size, ALIGN_LEFT);
	b->style.leader = ".";
	b->style.leading = 1.5;
	return b;
}

struct table *add_table(struct compose *c, struct box_list *l, const double *widths, size_t n_cols,
			bool borders)
{
	struct box *b = add_box(c, l, BOX_TABLE);
	struct table *t = arena_alloc(c->arena, sizeof *t);
	t->widths = arena_alloc(c->arena, n_cols * sizeof *t->widths);
	memcpy(t->widths, widths, n_cols * sizeof *widths);
	t->n_cols = n_cols;
	t->borders = borders;
	t->padding = borders ? 4 : 0;
	b->table = t;
	return t;
}

struct table_row *add_row(struct compose *c, struct table *t, struct box_list *cells)
{
	t->rows = arena_grow(c->arena, t->rows, t->n_rows, sizeof *t->rows);
	struct table_row *row = &t->rows[t->n_rows++];
	memset(row, 0, sizeof *row);
	row->cells = arena_alloc(c->arena, t->n_cols * sizeof *row->cells);
	row->n_cells = t->n_cols;
	for (size_t i = 0; i < t->n_cols; i++)
		cells[i] = (struct box_list){0};
	return row;
}

void finish_row(struct table *t, struct table_row *row, struct box_list *cells)
{
	for (size_t i = 0; i < t->n_cols; i++) {
		row->cells[i].boxes = cells[i].v;
		row->cells[i].n_boxes = cells[i].n;
	}
}

struct box *box_array(struct box_list *l, size_t *n)
{
	*n = l->n;
	return l->v;
}

struct para_style body_style(const struct compose *c)
{
	return (struct para_style){
		.align = ALIGN_JUSTIFY,
		.first = MM_TO_PT(c->t->page.first_line_indent_mm),
		.space_after = c->t->page.paragraph_space_pt,
		.leading = c->t->page.line_spacing,
	};
}

struct box *add_body(struct compose *c, struct box_list *l, const char *text, double space_after)
{
	struct box *b = add_text(c, l, text, FACE_REGULAR, c->t->size.body, ALIGN_JUSTIFY);
	b->style = body_style(c);
	b->style.space_after = space_after;
	return b;
}

/* The next paragraph of text from *at: its length in *n, line ends
 * inside it made spaces by the caller; NULL at the end. */
static const char *next_paragraph(const char *text, size_t *at, size_t *n)
{
	const char *s = text + *at;
	while (*s == '\n' || *s == ' ' || *s == '\r')
		s++;
	if (!*s)
		return NULL;
	const char *e = s;
	for (;;) {
		const char *nl = strchr(e, '\n');
		if (!nl) {
			e += strlen(e);
			break;
		}
		const char *next = nl + 1;
		while (*next == ' ' || *next == '\t' || *next == '\r')
			next++;
		if (*next == '\n' || !*next) {
			e = nl;
			break;
		}
		e = next;
	}
	*n = (size_t)(e - s);
	*at = (size_t)(e - text);
	return s;
}

struct box *add_paragraphs(struct compose *c, struct box_list *l, const char *text, const char *label,
			   enum font_face label_face, double space_after)
{
	struct box *first = NULL;
	size_t at = 0, n;
	for (const char *p; (p = next_paragraph(text, &at, &n)) != NULL;) {
		char *para = arena_strndup(c->arena, p, n);
		for (char *q = para; *q; q++)
			if (*q == '\n' || *q == '\r')
				*q = ' ';
		struct box *b;
		if (!first && label) {
			b = add_text(c, l, label, label_face, c->t->size.body, ALIGN_JUSTIFY);
			b->style = body_style(c);
			add_run(c, b, para, FACE_REGULAR, c->t->size.body);
		} else {
			b = add_body(c, l, para, space_after);
		}
		b->style.space_after = space_after;
		if (!first)
			first = b;
	}
	if (!first && label) {
		first = add_text(c, l, label, label_face, c->t->size.body, ALIGN_JUSTIFY);
		first->style = body_style(c);
		first->style.space_after = space_after;
	}
	return first;
}

void add_section(struct compose *c, struct box_list *l, const char *title, int outline_level)
{
	struct box *b = add_text(c, l, title, FACE_BOLD, c->t->size.body, ALIGN_LEFT);
	b->style.space_before = 8;
	b->style.space_after = 5;
	b->style.keep_with_next = true;
	b->style.outline_level = outline_level;
}

void add_cell_text(struct compose *c, struct box_list *cell, const char *text, enum font_face face, double size,
		   enum align align)
{
	add_text(c, cell, text, face, size, align)->style.leading = 1.15;
}

void add_header_row(struct compose *c, struct table *t, const char *const *titles, double size)
{
	struct box_list *cells = arena_alloc(c->arena, t->n_cols * sizeof *cells);
	struct table_row *row = add_row(c, t, cells);
	row->header = true;
	for (size_t i = 0; i < t->n_cols; i++)
		add_cell_text(c, &cells[i], titles[i], FACE_BOLD, size, ALIGN_CENTER);
	finish_row(t, row, cells);
}
