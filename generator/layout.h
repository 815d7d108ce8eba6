/* Layout: a document of boxes in, pages of positioned lines out. Knows
 * nothing of PDF; it measures text through struct font_metrics, so it is
 * tested by dumping lines as text (--dump-layout) with no PDF involved.
 *
 * Units are PDF points (1/72 inch); y grows upwards from the page's foot as
 * in PDF. All text is NFC UTF-8. */
#ifndef CHUYENDE_LAYOUT_H
#define CHUYENDE_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "face.h"
#include "util.h"

#define MM_TO_PT(mm) ((mm) * 72.0 / 25.4)

/* The font-metrics interface: the painter implements it with the real
 * fonts; tests may use a fake. */
struct font_metrics {
	void *ctx;
	/* Advance width in points of s[0..n) in face at size. */
	double (*width)(void *ctx, enum font_face face, double size, const char *s, size_t n);
	/* Ascent and descent (positive, below the baseline) in points at size. */
	double (*ascent)(void *ctx, enum font_face face, double size);
	double (*descent)(void *ctx, enum font_face face, double size);
	/* Whether the face's font has a glyph for code point cp (NULL: all
	 * have); the layout notes the characters placed that one lacks. */
	bool (*has_glyph)(void *ctx, enum font_face face, uint32_t cp);
	/* Optional, with has_glyph: how long a start of s[0..n) is UTF-8 with
	 * every character in the face's font, so that has_glyph is asked only
	 * from the first that may not be (a page's text is one call a line
	 * item rather than one a character). */
	size_t (*glyphs_prefix)(void *ctx, enum font_face face, const char *s, size_t n);
};

enum align { ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT, ALIGN_JUSTIFY };

/* A piece of text in one style. "\n" inside text is a hard line break. */
struct run {
	enum font_face face;
	double size;
	const char *text;
	bool underline;
};

struct para_style {
	enum align align;
	double left, right;      /* indents from the frame's edges */
	double first;            /* first line's extra indent (negative: hanging) */
	double space_before, space_after;
	double leading;          /* line height = leading × the line's largest size; 0 means 1.2 */
	bool keep_with_next;     /* no page break between this and the next box */
	bool rule_under;         /* a rule under the last line, as long as its text */
	const char *leader;      /* fill the rest of the last line with this, e.g. "." */
	int outline_level;       /* 1..3: a bookmark to this paragraph; 0 none */
	const char *label;       /* list label ("1.", "–") set at left + first on the first
	                          * line, whose text then starts at left (hanging indent) */
	enum font_face label_face;
};

enum box_kind { BOX_PARA, BOX_SPACE, BOX_RULE, BOX_TABLE, BOX_GROUP, BOX_PAGE_BREAK, BOX_GRAPHIC };

struct box;

struct table_cell {
	struct box *boxes;       /* the cell's content, laid out in the cell's width */
	size_t n_boxes;
	int colspan;             /* 0 or 1: one column */
};

struct table_row {
	struct table_cell *cells;
	size_t n_cells;
	bool header;             /* repeated at the top of each page the table spans */
};

struct table {
	double *widths;          /* column widths in points; they sum to the frame width or less */
	size_t n_cols;
	struct table_row *rows;
	size_t n_rows;
	bool borders;            /* grid lines around every cell */
	double padding;          /* inside each cell, all sides */
	enum align *col_align;   /* optional: default alignment per column (NULL: as the paragraphs say) */
	/* More rows of the table box just before, given to a later layout_add
	 * (a document built in chunks, compose_flush): laid out as if they
	 * were in that box. The layout remembers the header rows to repeat;
	 * the continuation has the same columns and no header rows of its own. */
	bool continues;
};

/* Vector graphics in a box of fixed height (the report's bar chart). */
enum shape_kind { SHAPE_LINE, SHAPE_RECT, SHAPE_TEXT };
struct shape {
	enum shape_kind kind;
	double x, y, w, h;       /* relative to the box's bottom-left; line: (x,y)-(x+w,y+h) */
	double line_width;
	double gray;             /* fill or stroke gray, 0 black .. 1 white */
	bool fill;
	enum font_face face;     /* text: baseline at (x, y), aligned by align within w */
	double size;
	enum align align;
	const char *text;
};

struct box {
	enum box_kind kind;
	/* BOX_PARA */
	struct run *runs;
	size_t n_runs;
	struct para_style style;
	/* BOX_SPACE: height; BOX_RULE: a horizontal rule of width (0: the
	 * frame), centred, line_width thick, space above and below included
	 * in height */
	double height, width, line_width;
	/* BOX_TABLE */
	struct table *table;
	/* BOX_GROUP: kept on one page when it fits on one */
	struct box *children;
	size_t n_children;
	bool keep_with_next;
	/* BOX_GRAPHIC */
	struct shape *shapes;
	size_t n_shapes;
};

/* plan-format.md §7: one document is at most this many pages. */
#define LAYOUT_PAGE_LIMIT 2000

struct page_setup {
	double width, height;                      /* points */
	double margin_top, margin_bottom, margin_left, margin_right;
	int page_numbers_from;                     /* 0: no page numbers */
	double page_number_size;                   /* centred in the top margin */
	const char *watermark;                     /* e.g. "DỰ THẢO" on every page, or NULL */
	double watermark_size;
	int page_limit;                            /* 0: LAYOUT_PAGE_LIMIT */
};

/* ---- the result ---- */

/* One word or run segment drawn at a position. */
struct placed_text {
	double x;                /* left edge */
	enum font_face face;
	double size;
	const char *text;        /* NUL-terminated, owned by the layout's arena */
	bool underline;
	double width;            /* advance width of text in points, as measured */
};

struct placed_line {
	int page;                /* 1-based */
	double x, y, width;      /* y: baseline; width: from x to the end of the last item */
	struct placed_text *items;
	size_t n_items;
};

struct placed_rule {
	int page;
	double x1, y1, x2, y2, line_width;
	bool dotted;
};

struct placed_rect {
	int page;
	double x, y, w, h, gray;
	bool fill;
	double line_width;
};

struct bookmark {
	int page, level;
	double y;
	const char *title;
};

/* A character placed in a face whose font has no glyph for it. */
struct layout_missing {
	enum font_face face;
	uint32_t cp;
};

struct layout_engine;

struct layout {
	struct arena arena;
	struct page_setup setup;
	int n_pages;
	struct placed_line *lines;
	size_t n_lines, cap_lines;
	struct placed_rule *rules;
	size_t n_rules, cap_rules;
	struct placed_rect *rects;
	size_t n_rects, cap_rects;
	struct bookmark *bookmarks;
	size_t n_bookmarks, cap_bookmarks;
	/* Quality figures, for tests and docs. */
	double max_word_gap_ratio;   /* widest justified gap / natural space */
	int overfull_lines;          /* lines wider than their measure (must stay 0) */
	bool too_many_pages;         /* the document runs past the page limit: laid out
	                              * only that far, and not to be printed */
	/* Characters placed on the pages that their face's font lacks
	 * (font_metrics.has_glyph), once each, in the order placed: the
	 * document is not to be printed; the checks say where each comes
	 * from (check_glyphs). Kept whole, with or without a sink. */
	struct layout_missing *missing;
	size_t n_missing, cap_missing;
	uint8_t *missing_seen;       /* a bit per code point, made at the first */
	uint8_t *present_seen;       /* a bit per face and code point of the BMP its font has, once asked */
	struct layout_engine *engine;  /* between layout_open and layout_close */
};

/* Lays boxes out on pages. Page numbers and the watermark are placed as
 * lines too, so that dumps and painting see everything. */
void layout_run(struct layout *out, const struct page_setup *setup, const struct box *boxes,
		size_t n_boxes, const struct font_metrics *fm);
void layout_free(struct layout *l);

/* ---- in chunks ----
 * layout_open, layout_add for each run of top-level boxes, layout_close:
 * the same pages as layout_run over all the boxes at once, whatever the
 * cuts (a page ends where the items up to the first that does not fit
 * say, so keeps, widows and groups hold across them too). The boxes
 * given to layout_add may be freed as soon as it returns.
 *
 * With a sink, each page is handed to sink->page as soon as it is
 * complete: the layout then holds that page's lines, rules, rectangles
 * and bookmarks only (n_pages is its number), and frees them when page()
 * returns, with every item of the pages before. So memory holds the open
 * page and the last chunk, not the document. Without a sink every page
 * stays in the layout, as layout_run leaves it. After layout_close,
 * n_pages, too_many_pages and the quality figures are the document's. */
struct layout_sink {
	void (*page)(void *ctx, const struct layout *l, int page);
	void *ctx;
};
void layout_open(struct layout *out, const struct page_setup *setup, const struct font_metrics *fm,
		 const struct layout_sink *sink);
void layout_add(struct layout *l, const struct box *boxes, size_t n_boxes);
void layout_close(struct layout *l);

/* Writes a text dump: one line per placed line
 *   p1 y=770.00 x=85.04 w=120.30 B15 "ĐẢNG CỘNG SẢN VIỆT NAM"
 * (face letter R B I J M, size) and one per rule and rectangle. Numbers
 * with two decimals, so golden files are stable. */
void layout_dump(const struct layout *l, FILE *out);
/* The same in pieces: the first line, "pages N", then each page's lines
 * (those of l on page), e.g. from a sink. */
void layout_dump_count(int n_pages, FILE *out);
void layout_dump_page(const struct layout *l, int page, FILE *out);

#endif
