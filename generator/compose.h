/* Building a document as boxes for the layout engine: paragraphs of runs,
 * tables, groups, spaces. Every builder (agenda, minutes, paper, report)
 * uses these; memory is in c->arena.
 *
 * A long document may hand its boxes over in chunks (compose_flush): the
 * renderer lays them out and paints every page they complete, then the
 * chunk's memory is freed. What a builder needs after a flush (strings
 * for doc_info, its watermark) goes in c->keep, which lives until the
 * document is written; what it made before its first flush is there
 * already (c->arena is c->keep until then). */
#ifndef CHUYENDE_COMPOSE_H
#define CHUYENDE_COMPOSE_H

#include "layout.h"
#include "template.h"

/* A growing list of boxes: a document's body, a table cell, a group. */
struct box_list {
	struct box *v;
	size_t n;
};

struct compose {
	struct arena *arena;     /* boxes and their text: freed by the next flush */
	struct arena *keep;      /* until the document is written */
	const struct template *t;
	double frame_width;      /* text width of the page, points */
	/* The renderer's: where compose_flush hands the boxes (NULL: nowhere,
	 * they stay in the list, e.g. in unit tests). */
	void (*flush)(void *ctx, const struct box *boxes, size_t n);
	void *flush_ctx;
	struct arena chunk;      /* c->arena after the first flush */
};

/* arena is c->keep, and c->arena until the first flush. */
void compose_init(struct compose *c, struct arena *arena, const struct template *t);
/* Frees the memory of the last chunk. */
void compose_free(struct compose *c);

/* Hands the top-level boxes of l so far to the renderer, which lays them
 * out and paints the pages they complete; then frees them and the rest of
 * c->arena since the last flush, and empties l. Call it between top-level
 * boxes only, never inside a keep_with_next chain (they still hold across
 * it, but the boxes are gone). Does nothing without a hook. */
void compose_flush(struct compose *c, struct box_list *l);
/* The same when the last box of l is table t, which goes on: returns the
 * table that continues it, a new box in the emptied l with t's columns,
 * to add the next rows to (t itself when nothing is flushed). The header
 * rows are repeated on new pages as for one table: do not add them again.
 * A keep_with_next on the table belongs on its last part only. */
struct table *compose_flush_table(struct compose *c, struct box_list *l, struct table *t);

/* The template's text id (words.def) with its fields filled: the
 * arguments are name, value pairs of const char *, ended by NULL; a value
 * may be NULL (empty). Every field the text may use must be given. */
const char *say(struct compose *c, enum text_id id, ...);

struct box *add_box(struct compose *c, struct box_list *l, enum box_kind kind);
/* A paragraph of one run. */
struct box *add_text(struct compose *c, struct box_list *l, const char *text, enum font_face face,
		     double size, enum align align);
/* Appends a run to a paragraph. */
struct run *add_run(struct compose *c, struct box *para, const char *text, enum font_face face, double size);
void add_space(struct compose *c, struct box_list *l, double height);
/* A centred horizontal rule of width (0: the frame). */
void add_rule(struct compose *c, struct box_list *l, double width, double height);
/* n dotted lines to write on by hand, in size. */
void add_writing_lines(struct compose *c, struct box_list *l, int n, double size);
/* A paragraph ending in a dotted leader to fill in: "Có mặt: ........". */
struct box *add_fill_in(struct compose *c, struct box_list *l, const char *label, double size);

/* A table of n_cols columns with widths in points. */
struct table *add_table(struct compose *c, struct box_list *l, const double *widths, size_t n_cols,
			bool borders);
/* A new row; its cells' box lists are returned in cells[] (n_cols of them). */
struct table_row *add_row(struct compose *c, struct table *t, struct box_list *cells);
/* After filling cells, stores the lists into the row. */
void finish_row(struct table *t, struct table_row *row, struct box_list *cells);

/* The finished list, as an array. */
struct box *box_array(struct box_list *l, size_t *n);

/* Body paragraph style from the template: justified, first-line indent. */
struct para_style body_style(const struct compose *c);
/* A body paragraph in that style, with space_after between paragraphs. */
struct box *add_body(struct compose *c, struct box_list *l, const char *text, double space_after);
/* Text that may hold several paragraphs (blank lines between them; a
 * single line end is a space) as body paragraphs; label, when given, is
 * set in face before the first one. Returns the first paragraph's box. */
struct box *add_paragraphs(struct compose *c, struct box_list *l, const char *text, const char *label,
			   enum font_face label_face, double space_after);
/* A bold section heading ("I. THÀNH PHẦN") kept with what follows; a
 * bookmark when outline_level is 1..3. */
void add_section(struct compose *c, struct box_list *l, const char *title, int outline_level);
/* A paragraph in a table cell, at size, a little tighter than body text. */
void add_cell_text(struct compose *c, struct box_list *cell, const char *text, enum font_face face, double size,
		   enum align align);
/* A header row of bold centred titles, repeated on each page. */
void add_header_row(struct compose *c, struct table *t, const char *const *titles, double size);

#endif
