/* BÁO CÁO: the quarterly results of thematic meetings across the cells of
 * a higher committee: a summary, a table per unit, a table and a bar chart
 * per topic group, the formats used, and the cells that held none. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

#include "party.h"
#include "report.h"

static const char *number(struct compose *c, long n)
{
	char s[32];
	number_vietnamese(n, s, sizeof s);
	return arena_strdup(c->arena, s);
}

static const char *rate(struct compose *c, long present, long expected)
{
	if (expected <= 0)
		return say(c, TEXT_NONE, NULL);
	char s[32];
	percent_vietnamese(100.0 * (double)present / (double)expected, s, sizeof s);
	return arena_strdup(c->arena, s);
}

static struct box *para(struct compose *c, struct box_list *l, const char *text)
{
	return add_body(c, l, text, c->t->page.paragraph_space_pt);
}

static void section(struct compose *c, struct box_list *l, const char *title)
{
	add_section(c, l, title, 1);
}

static void cell(struct compose *c, struct box_list *cl, const char *text, enum font_face face, enum align align)
{
	add_cell_text(c, cl, text, face, c->t->size.table, align);
}

static size_t units_without_meeting(const struct report_tally *r)
{
	size_t n = 0;
	for (size_t i = 0; i < r->n_units; i++)
		n += r->units[i].in_register && r->units[i].held == 0;
	return n;
}

static size_t units_with_meeting(const struct report_tally *r)
{
	size_t n = 0;
	for (size_t i = 0; i < r->n_units; i++)
		n += r->units[i].held > 0;
	return n;
}

static void summary(struct compose *c, struct box_list *l, const struct report_tally *r, const char *period)
{
	struct buf b = {0};
	const char *attendance = r->expected > 0
		? say(c, TEXT_RE_ATTENDANCE, "present", number(c, r->present), "expected", number(c, r->expected),
		      "rate", rate(c, r->present, r->expected), NULL)
		: "";
	buf_adds(&b, say(c, TEXT_RE_HELD, "period", period, "units_held", number(c, (long)units_with_meeting(r)),
			 "units", number(c, (long)r->n_units), "held", number(c, r->held), "attendance_part", attendance,
			 NULL));
	if (r->planned || r->cancelled)
		buf_printf(&b, " %s", say(c, TEXT_RE_NOT_HELD, "planned", number(c, r->planned), "cancelled",
					  number(c, r->cancelled), NULL));
	size_t none = units_without_meeting(r);
	if (none)
		buf_printf(&b, " %s", say(c, TEXT_RE_UNITS_NONE, "count", number(c, (long)none), NULL));
	if (r->left_out)
		buf_printf(&b, " %s", say(c, TEXT_RE_LEFT_OUT, "count", number(c, r->left_out), NULL));
	para(c, l, arena_strdup(c->arena, b.data));
	buf_free(&b);
}

static const char *groups_of(struct compose *c, const struct unit_tally *u)
{
	struct buf b = {0};
	for (size_t g = 0; g < c->t->n_topic_groups && g < REPORT_MAX_CHOICES; g++)
		if (u->groups & (1u << g))
			buf_printf(&b, "%s%zu", b.len ? ", " : "", g + 1);
	const char *s = b.len ? arena_strdup(c->arena, b.data) : say(c, TEXT_NONE, NULL);
	buf_free(&b);
	return s;
}

static void units_table(struct compose *c, struct box_list *l, const struct report_tally *r)
{
	double w = c->frame_width;
	double widths[6] = {0.07 * w, 0.39 * w, 0.13 * w, 0.11 * w, 0.15 * w, 0.15 * w};
	struct table *t = add_table(c, l, widths, 6, true);
	const char *heads[6] = {say(c, TEXT_RE_COL_NUMBER, NULL), say(c, TEXT_RE_COL_UNIT, NULL),
				say(c, TEXT_RE_COL_MEMBERS, NULL), say(c, TEXT_RE_COL_MEETINGS, NULL),
				say(c, TEXT_RE_COL_GROUPS, NULL), say(c, TEXT_RE_COL_RATE, NULL)};
	add_header_row(c, t, heads, c->t->size.table);
	struct box_list cells[6];
	struct table_row *row;
	for (size_t i = 0; i < r->n_units; i++) {
		if (i % 32 == 0 && i)  /* pages go out as rows come: memory holds a few, not all */
			t = compose_flush_table(c, l, t);
		const struct unit_tally *u = &r->units[i];
		row = add_row(c, t, cells);
		cell(c, &cells[0], arena_printf(c->arena, "%zu", i + 1), FACE_REGULAR, ALIGN_CENTER);
		cell(c, &cells[1], u->name, u->held ? FACE_REGULAR : FACE_BOLD_ITALIC, ALIGN_LEFT);
		cell(c, &cells[2], u->members ? number(c, u->members) : say(c, TEXT_NONE, NULL), FACE_REGULAR, ALIGN_CENTER);
		cell(c, &cells[3], number(c, u->held), FACE_REGULAR, ALIGN_CENTER);
		cell(c, &cells[4], groups_of(c, u), FACE_REGULAR, ALIGN_CENTER);
		cell(c, &cells[5], rate(c, u->present, u->expected), FACE_REGULAR, ALIGN_CENTER);
		finish_row(t, row, cells);
	}
	struct box *note = add_text(c, l, say(c, TEXT_RE_GROUPS_NOTE, NULL), FACE_ITALIC,
				    c->t->size.small, ALIGN_LEFT);
	note->style.space_before = 3;
	note->style.space_after = 6;
}

static void groups_table(struct compose *c, struct box_list *l, const struct report_tally *r)
{
	double w = c->frame_width;
	double widths[3] = {0.08 * w, 0.74 * w, 0.18 * w};
	struct table *t = add_table(c, l, widths, 3, true);
	const char *heads[3] = {say(c, TEXT_RE_COL_NUMBER, NULL), say(c, TEXT_RE_COL_GROUP, NULL),
				say(c, TEXT_RE_COL_MEETINGS, NULL)};
	add_header_row(c, t, heads, c->t->size.table);
	struct box_list cells[3];
	struct table_row *row;
	for (size_t g = 0; g < c->t->n_topic_groups && g < REPORT_MAX_CHOICES; g++) {
		row = add_row(c, t, cells);
		cell(c, &cells[0], arena_printf(c->arena, "%zu", g + 1), FACE_REGULAR, ALIGN_CENTER);
		cell(c, &cells[1], c->t->topic_groups[g].label, FACE_REGULAR, ALIGN_LEFT);
		cell(c, &cells[2], number(c, r->by_group[g]), FACE_REGULAR, ALIGN_CENTER);
		finish_row(t, row, cells);
	}
}

static struct shape *add_shape(struct compose *c, struct box *b)
{
	b->shapes = arena_grow(c->arena, b->shapes, b->n_shapes, sizeof *b->shapes);
	struct shape *s = &b->shapes[b->n_shapes++];
	memset(s, 0, sizeof *s);
	return s;
}

/* Meetings per topic group as horizontal bars, drawn as vector shapes. */
static void bar_chart(struct compose *c, struct box_list *l, const struct report_tally *r)
{
	size_t n = c->t->n_topic_groups < REPORT_MAX_CHOICES ? c->t->n_topic_groups : REPORT_MAX_CHOICES;
	const double bar = 14, gap = 6, label_w = 34, axis_pad = 18;
	double width = c->frame_width, plot_w = width - label_w - 40;
	long max = 1;
	for (size_t g = 0; g < n; g++)
		if (r->by_group[g] > max)
			max = r->by_group[g];
	struct box *b = add_box(c, l, BOX_GRAPHIC);
	b->height = (double)n * (bar + gap) + axis_pad + 6;
	double top = b->height - 4;
	for (size_t g = 0; g < n; g++) {
		double y = top - (double)(g + 1) * (bar + gap) + gap;
		struct shape *label = add_shape(c, b);
		*label = (struct shape){.kind = SHAPE_TEXT, .x = 0, .y = y + 3.5, .w = label_w - 6, .face = FACE_REGULAR,
					.size = c->t->size.small, .align = ALIGN_RIGHT,
					.text = arena_printf(c->arena, "%zu", g + 1)};
		double len = plot_w * (double)r->by_group[g] / (double)max;
		if (len > 0) {
			struct shape *rect = add_shape(c, b);
			*rect = (struct shape){.kind = SHAPE_RECT, .x = label_w, .y = y, .w = len, .h = bar,
					       .fill = true, .gray = 0.45};
		}
		struct shape *value = add_shape(c, b);
		*value = (struct shape){.kind = SHAPE_TEXT, .x = label_w + len + 4, .y = y + 3.5, .w = 36,
					.face = FACE_BOLD, .size = c->t->size.small, .align = ALIGN_LEFT,
					.text = number(c, r->by_group[g])};
	}
	struct shape *axis = add_shape(c, b);
	*axis = (struct shape){.kind = SHAPE_LINE, .x = label_w, .y = axis_pad - 4, .w = 0,
			       .h = top - axis_pad + 4, .line_width = 0.8};
	struct shape *caption = add_shape(c, b);
	*caption = (struct shape){.kind = SHAPE_TEXT, .x = 0, .y = 2, .w = width, .face = FACE_ITALIC,
				  .size = c->t->size.small, .align = ALIGN_CENTER,
				  .text = say(c, TEXT_RE_CHART_CAPTION, NULL)};
}

static void formats_section(struct compose *c, struct box_list *l, const struct report_tally *r)
{
	bool any = false;
	for (size_t f = 0; f < c->t->n_formats && f < REPORT_MAX_CHOICES; f++) {
		if (!r->by_format[f])
			continue;
		para(c, l, say(c, TEXT_RE_FORMAT_LINE, "format", c->t->formats[f].label, "count",
			       number(c, r->by_format[f]), NULL));
		any = true;
	}
	if (!any)
		para(c, l, say(c, TEXT_RE_FORMATS_NONE, NULL));
}

static void missing_section(struct compose *c, struct box_list *l, const struct report_tally *r)
{
	size_t none = units_without_meeting(r);
	if (!none) {
		para(c, l, say(c, TEXT_RE_ALL_HELD, NULL));
		return;
	}
	para(c, l, say(c, TEXT_RE_MISSING, NULL));
	for (size_t i = 0; i < r->n_units; i++)
		if (r->units[i].in_register && r->units[i].held == 0)
			para(c, l, say(c, TEXT_RE_MISSING_UNIT, "unit", r->units[i].name, NULL));
}

void build_report(struct compose *c, const struct report_tally *r, const struct report_header *h,
		  struct built_doc *out)
{
	const struct template *t = c->t;
	struct box_list *l = &out->body;
	const struct units *u = h->units;
	struct party_header ph = {u ? u->superior.s : NULL, u && u->name.s ? u->name.s : "",
				  NULL, u ? u->place.s : NULL, h->date};
	party_header(c, l, &ph);
	const char *quarter = party_quarter(c, r->year, r->quarter);
	const char *subtitle = say(c, TEXT_RE_SUBTITLE, "period", quarter, NULL);
	party_title(c, l, t->docs[TDOC_REPORT].title, &subtitle, 1);

	section(c, l, say(c, TEXT_RE_SECTION_RESULTS, NULL));
	summary(c, l, r, quarter);
	units_table(c, l, r);
	section(c, l, say(c, TEXT_RE_SECTION_GROUPS, NULL));
	groups_table(c, l, r);
	add_space(c, l, 8);
	bar_chart(c, l, r);
	section(c, l, say(c, TEXT_RE_SECTION_FORMATS, NULL));
	formats_section(c, l, r);
	section(c, l, say(c, TEXT_RE_SECTION_MISSING, NULL));
	missing_section(c, l, r);
	party_signature(c, l, t->report_on_behalf, t->report_role, u && u->signer.s ? u->signer.s : "",
			t->report_recipients, t->n_report_recipients);
	out->info = (struct doc_info){.title = arena_printf(c->arena, "%s %s", t->docs[TDOC_REPORT].title, subtitle),
				      .author = u && u->name.s ? u->name.s : NULL,
				      .subject = subtitle, .keywords = quarter};
}
