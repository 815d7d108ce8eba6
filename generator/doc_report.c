/* BÁO CÁO: the results of thematic meetings across the cells of a higher
 * committee, for a quarter or a year: the figures, a row per cell (its
 * meetings, or its quarters), the topic groups by name with a chart, the
 * formats, the cells short of the rule and why (only against a register),
 * and the committee's own assessment from the report note. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

#include "party.h"
#include "report.h"

/* Rows and lines handed to the renderer at a time: a province's report
 * is written as it is made, never held whole (compose_flush). */
#define FLUSH_EVERY 32

struct report_ctx {
	struct compose *c;
	struct report_tally *r;
	const struct report_header *h;
	struct box_list *l;
	const char *period;
	int sections;            /* numbered so far */
};

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

static const char *roman(struct compose *c, int n)
{
	static const struct {
		int v;
		const char *s;
	} digits[] = {{10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}};
	struct buf b = {0};
	for (size_t i = 0; i < COUNT_OF(digits); i++)
		for (; n >= digits[i].v; n -= digits[i].v)
			buf_adds(&b, digits[i].s);
	const char *s = arena_strdup(c->arena, b.data ? b.data : "");
	buf_free(&b);
	return s;
}

static struct box *para(struct report_ctx *x, const char *text)
{
	return add_body(x->c, x->l, text, x->c->t->page.paragraph_space_pt);
}

static void section(struct report_ctx *x, enum text_id title)
{
	struct compose *c = x->c;
	add_section(c, x->l, say(c, TEXT_RE_SECTION, "number", roman(c, ++x->sections), "title", say(c, title, NULL),
				 NULL), 1);
}

static void cell(struct compose *c, struct box_list *cl, const char *text, enum font_face face, enum align align)
{
	add_cell_text(c, cl, text, face, c->t->size.table, align);
}

static bool counted(const struct report_tally *r, const struct unit_tally *u)
{
	return u->in_register || !r->units;
}

static bool short_of_rule(const struct report_tally *r, const struct unit_tally *u)
{
	if (r->quarter)
		return unit_held(u) == 0;
	for (int q = 0; q < 4; q++)
		if (!u->by_quarter[q])
			return true;
	return false;
}

/* ---- I. the figures ---- */

static const char *attendance_part(struct compose *c, const struct report_tally *r)
{
	if (r->expected <= 0)
		return "";
	return say(c, TEXT_RE_ATTENDANCE, "present", number(c, r->present), "expected", number(c, r->expected), "rate",
		   rate(c, r->present, r->expected), NULL);
}

static void held_sentence(struct report_ctx *x, struct buf *b)
{
	struct compose *c = x->c;
	const struct report_tally *r = x->r;
	long units = 0, with_meeting = 0, full = 0;
	for (size_t i = 0; i < r->n_units; i++) {
		const struct unit_tally *u = &r->units_v[i];
		if (!counted(r, u))
			continue;
		units++;
		with_meeting += unit_held(u) > 0;
		full += unit_held(u) > 0 && !short_of_rule(r, u);
	}
	const char *att = attendance_part(c, r);
	if (r->quarter && r->units)
		buf_adds(b, say(c, TEXT_RE_HELD, "period", x->period, "units_held", number(c, with_meeting), "units",
				number(c, units), "held", number(c, r->held), "attendance_part", att, NULL));
	else if (r->quarter)
		buf_adds(b, say(c, TEXT_RE_HELD_FOUND, "period", x->period, "units_held", number(c, with_meeting),
				"held", number(c, r->held), "attendance_part", att, NULL));
	else
		buf_adds(b, say(c, r->units ? TEXT_RE_YEAR_HELD : TEXT_RE_YEAR_HELD_FOUND, "period", x->period,
				"units_full", number(c, full), "units", number(c, r->units ? units : with_meeting),
				"held", number(c, r->held), "attendance_part", att, NULL));
}

static void grades_sentence(struct report_ctx *x, struct buf *b)
{
	struct compose *c = x->c;
	const struct report_tally *r = x->r;
	if (!r->held)
		return;
	struct buf list = {0};
	for (size_t g = 0; g < c->t->n_grades && g < REPORT_MAX_CHOICES; g++)
		if (r->by_grade[g])
			buf_printf(&list, "%s%s", list.len ? "; " : "",
				   say(c, TEXT_RE_GRADE_COUNT, "grade", c->t->grades[g].label, "count",
				       number(c, r->by_grade[g]), NULL));
	if (r->ungraded)
		buf_printf(&list, "%s%s", list.len ? "; " : "",
			   say(c, TEXT_RE_UNGRADED, "count", number(c, r->ungraded), NULL));
	buf_printf(b, " %s", say(c, TEXT_RE_GRADES, "list", list.data, NULL));
	buf_free(&list);
}

static void results(struct report_ctx *x)
{
	struct compose *c = x->c;
	const struct report_tally *r = x->r;
	section(x, TEXT_RE_SECTION_RESULTS);
	struct buf b = {0};
	held_sentence(x, &b);
	if (r->absent_no_reason)
		buf_printf(&b, " %s", say(c, TEXT_RE_ABSENT_NO_REASON, "count", number(c, r->absent_no_reason), NULL));
	grades_sentence(x, &b);
	if (r->planned || r->cancelled)
		buf_printf(&b, " %s", say(c, TEXT_RE_NOT_HELD, "planned", number(c, r->planned), "cancelled",
					  number(c, r->cancelled), NULL));
	if (r->quarter && r->units) {
		long none = 0;
		for (size_t i = 0; i < r->n_units; i++)
			none += r->units_v[i].in_register && unit_held(&r->units_v[i]) == 0;
		if (none)
			buf_printf(&b, " %s", say(c, TEXT_RE_UNITS_NONE, "count", number(c, none), "period", x->period,
						  NULL));
	}
	if (r->left_out)
		buf_printf(&b, " %s", say(c, TEXT_RE_LEFT_OUT, "count", number(c, r->left_out), NULL));
	para(x, arena_strdup(c->arena, b.data));
	buf_free(&b);
	if (!r->units) {
		para(x, say(c, TEXT_RE_NO_REGISTER, NULL));
		if (r->superiors_differ)
			para(x, say(c, TEXT_RE_MIXED_ISSUERS, NULL));
		return;
	}
	bool any = false;
	size_t listed = 0;
	for (size_t i = 0; i < r->n_units; i++) {
		const struct unit_tally *u = &r->units_v[i];
		if (u->in_register)
			continue;
		if (!any)
			para(x, say(c, TEXT_RE_UNLISTED, NULL));
		else if (++listed % FLUSH_EVERY == 0)
			compose_flush(c, x->l);
		any = true;
		para(x, say(c, TEXT_RE_UNLISTED_UNIT, "unit", u->name, "count",
			    number(c, unit_held(u) + u->planned + u->cancelled), NULL));
	}
}

/* ---- II. a row per cell ---- */

static const char *unit_label(struct compose *c, const struct unit_tally *u)
{
	return u->members ? say(c, TEXT_RE_UNIT_MEMBERS, "unit", u->name, "count", number(c, u->members), NULL)
			  : u->name;
}

static const char *short_date(struct compose *c, struct ymd d)
{
	return arena_printf(c->arena, "%02d/%02d/%04d", d.d, d.m, d.y);
}

static const char *formats_of(struct compose *c, unsigned formats)
{
	struct buf b = {0};
	for (size_t f = 0; f < c->t->n_formats && f < REPORT_MAX_CHOICES; f++)
		if (formats & (1u << f))
			buf_printf(&b, "%s%s", b.len ? "; " : "", c->t->formats[f].label);
	const char *s = b.len ? say(c, TEXT_RE_FORMAT_PART, "formats", b.data, NULL) : "";
	buf_free(&b);
	return s;
}

static void meetings_cell(struct compose *c, struct box_list *cl, const struct meeting_line *m, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *date = short_date(c, m[i].date);
		if (m[i].status == STATUS_PLANNED || m[i].status == STATUS_CANCELLED) {
			enum text_id id = m[i].status == STATUS_PLANNED ? TEXT_RE_MEETING_PLANNED : TEXT_RE_MEETING_CANCELLED;
			cell(c, cl, say(c, id, "date", date, "topic", m[i].topic, NULL), FACE_ITALIC, ALIGN_LEFT);
			continue;
		}
		cell(c, cl, say(c, TEXT_RE_MEETING, "date", date, "topic", m[i].topic, NULL), FACE_REGULAR, ALIGN_LEFT);
		const char *group = m[i].group >= 0 && (size_t)m[i].group < c->t->n_topic_groups
			? c->t->topic_groups[m[i].group].label : say(c, TEXT_NONE, NULL);
		cell(c, cl, say(c, TEXT_RE_MEETING_DETAILS, "group", group, "format_part", formats_of(c, m[i].formats),
				"combined_part", m[i].combined ? say(c, TEXT_RE_COMBINED_PART, NULL) : "", NULL),
		     FACE_ITALIC, ALIGN_LEFT);
	}
}

static const char *grades_of(struct compose *c, const struct meeting_line *m, size_t n)
{
	struct buf b = {0};
	for (size_t i = 0; i < n; i++)
		if (m[i].status == STATUS_HELD && m[i].grade >= 0 && (size_t)m[i].grade < c->t->n_grades)
			buf_printf(&b, "%s%s", b.len ? ", " : "", c->t->grades[m[i].grade].label);
	const char *s = b.len ? arena_strdup(c->arena, b.data) : say(c, TEXT_NONE, NULL);
	buf_free(&b);
	return s;
}

static void quarter_row(struct report_ctx *x, struct table *t, size_t number_shown, struct unit_tally *u)
{
	struct compose *c = x->c;
	struct box_list cells[5];
	struct table_row *row = add_row(c, t, cells);
	cell(c, &cells[0], arena_printf(c->arena, "%zu", number_shown), FACE_REGULAR, ALIGN_CENTER);
	cell(c, &cells[1], unit_label(c, u), unit_held(u) ? FACE_REGULAR : FACE_BOLD_ITALIC, ALIGN_LEFT);
	size_t n;
	struct meeting_line *m = report_meetings(x->r, u, &n);
	if (n)
		meetings_cell(c, &cells[2], m, n);
	else
		cell(c, &cells[2], say(c, TEXT_RE_NONE_HELD, NULL), FACE_ITALIC, ALIGN_LEFT);
	if (u->expected > 0) {
		cell(c, &cells[3], say(c, TEXT_RE_ATTENDANCE_CELL, "present", number(c, u->present), "expected",
				       number(c, u->expected), NULL), FACE_REGULAR, ALIGN_CENTER);
		cell(c, &cells[3], rate(c, u->present, u->expected), FACE_REGULAR, ALIGN_CENTER);
	} else {
		cell(c, &cells[3], say(c, TEXT_NONE, NULL), FACE_REGULAR, ALIGN_CENTER);
	}
	if (u->absent_no_reason)
		cell(c, &cells[3], say(c, TEXT_RE_ABSENT_CELL, "count", number(c, u->absent_no_reason), NULL),
		     FACE_ITALIC, ALIGN_CENTER);
	cell(c, &cells[4], grades_of(c, m, n), FACE_REGULAR, ALIGN_CENTER);
	report_meetings_free(m, n);
	finish_row(t, row, cells);
}

static void year_row(struct report_ctx *x, struct table *t, size_t number_shown, const struct unit_tally *u)
{
	struct compose *c = x->c;
	struct box_list cells[8];
	struct table_row *row = add_row(c, t, cells);
	cell(c, &cells[0], arena_printf(c->arena, "%zu", number_shown), FACE_REGULAR, ALIGN_CENTER);
	cell(c, &cells[1], unit_label(c, u), short_of_rule(x->r, u) ? FACE_BOLD_ITALIC : FACE_REGULAR, ALIGN_LEFT);
	long met = 0;
	for (int q = 0; q < 4; q++) {
		met += u->by_quarter[q] > 0;
		cell(c, &cells[2 + q], number(c, u->by_quarter[q]), FACE_REGULAR, ALIGN_CENTER);
	}
	cell(c, &cells[6], say(c, TEXT_RE_QUARTERS_CELL, "count", number(c, met), NULL), FACE_REGULAR, ALIGN_CENTER);
	cell(c, &cells[7], rate(c, u->present, u->expected), FACE_REGULAR, ALIGN_CENTER);
	finish_row(t, row, cells);
}

static void units_table(struct report_ctx *x)
{
	struct compose *c = x->c;
	struct report_tally *r = x->r;
	section(x, TEXT_RE_SECTION_UNITS);
	double w = c->frame_width;
	struct table *t;
	if (r->quarter) {
		double widths[5] = {0.07 * w, 0.27 * w, 0.40 * w, 0.14 * w, 0.12 * w};
		t = add_table(c, x->l, widths, 5, true);
		const char *heads[5] = {say(c, TEXT_RE_COL_NUMBER, NULL), say(c, TEXT_RE_COL_UNIT, NULL),
					say(c, TEXT_RE_COL_MEETINGS, NULL), say(c, TEXT_RE_COL_ATTENDANCE, NULL),
					say(c, TEXT_RE_COL_GRADE, NULL)};
		add_header_row(c, t, heads, c->t->size.table);
	} else {
		double widths[8] = {0.07 * w, 0.25 * w, 0.11 * w, 0.11 * w, 0.11 * w, 0.11 * w, 0.12 * w, 0.12 * w};
		t = add_table(c, x->l, widths, 8, true);
		const char *heads[8] = {say(c, TEXT_RE_COL_NUMBER, NULL), say(c, TEXT_RE_COL_UNIT, NULL),
					say(c, TEXT_RE_COL_QUARTER, "quarter", "I", NULL),
					say(c, TEXT_RE_COL_QUARTER, "quarter", "II", NULL),
					say(c, TEXT_RE_COL_QUARTER, "quarter", "III", NULL),
					say(c, TEXT_RE_COL_QUARTER, "quarter", "IV", NULL),
					say(c, TEXT_RE_COL_QUARTERS, NULL), say(c, TEXT_RE_COL_RATE, NULL)};
		add_header_row(c, t, heads, c->t->size.table);
	}
	size_t shown = 0;
	for (size_t i = 0; i < r->n_units; i++) {
		struct unit_tally *u = &r->units_v[i];
		if (!counted(r, u))
			continue;
		if (shown && shown % FLUSH_EVERY == 0)  /* pages go out as rows come */
			t = compose_flush_table(c, x->l, t);
		if (r->quarter)
			quarter_row(x, t, ++shown, u);
		else
			year_row(x, t, ++shown, u);
	}
}

/* ---- III. topic groups, by name ---- */

static struct shape *add_shape(struct compose *c, struct box *b)
{
	b->shapes = arena_grow(c->arena, b->shapes, b->n_shapes, sizeof *b->shapes);
	struct shape *s = &b->shapes[b->n_shapes++];
	memset(s, 0, sizeof *s);
	return s;
}

static size_t n_groups(const struct compose *c)
{
	return c->t->n_topic_groups < REPORT_MAX_CHOICES ? c->t->n_topic_groups : REPORT_MAX_CHOICES;
}

static void groups_table(struct report_ctx *x)
{
	struct compose *c = x->c;
	double w = c->frame_width;
	double widths[3] = {0.08 * w, 0.74 * w, 0.18 * w};
	struct table *t = add_table(c, x->l, widths, 3, true);
	const char *heads[3] = {say(c, TEXT_RE_COL_NUMBER, NULL), say(c, TEXT_RE_COL_GROUP, NULL),
				say(c, TEXT_RE_COL_COUNT, NULL)};
	add_header_row(c, t, heads, c->t->size.table);
	struct box_list cells[3];
	for (size_t g = 0; g < n_groups(c); g++) {
		struct table_row *row = add_row(c, t, cells);
		cell(c, &cells[0], arena_printf(c->arena, "%zu", g + 1), FACE_REGULAR, ALIGN_CENTER);
		cell(c, &cells[1], c->t->topic_groups[g].label, FACE_REGULAR, ALIGN_LEFT);
		cell(c, &cells[2], number(c, x->r->by_group[g]), FACE_REGULAR, ALIGN_CENTER);
		finish_row(t, row, cells);
	}
}

/* Meetings per topic group as bars, each under the group's name, so that
 * the chart reads without the table; kept on one page. */
static void bar_chart(struct report_ctx *x)
{
	struct compose *c = x->c;
	const struct report_tally *r = x->r;
	const double bar = 10, value_w = 40;
	double plot_w = c->frame_width - value_w;
	long max = 1;
	for (size_t g = 0; g < n_groups(c); g++)
		if (r->by_group[g] > max)
			max = r->by_group[g];
	struct box *chart = add_box(c, x->l, BOX_GROUP);
	struct box_list inner = {0};
	for (size_t g = 0; g < n_groups(c); g++) {
		struct box *name = add_text(c, &inner, c->t->topic_groups[g].label, FACE_REGULAR, c->t->size.small,
					    ALIGN_LEFT);
		name->style.space_before = 4;
		name->style.keep_with_next = true;
		struct box *b = add_box(c, &inner, BOX_GRAPHIC);
		b->height = bar + 2;
		double len = plot_w * (double)r->by_group[g] / (double)max;
		if (len > 0) {
			struct shape *rect = add_shape(c, b);
			*rect = (struct shape){.kind = SHAPE_RECT, .x = 0, .y = 1, .w = len, .h = bar, .fill = true,
					       .gray = 0.45};
		}
		struct shape *value = add_shape(c, b);
		*value = (struct shape){.kind = SHAPE_TEXT, .x = len + 4, .y = 3, .w = value_w - 4, .face = FACE_BOLD,
					.size = c->t->size.small, .align = ALIGN_LEFT,
					.text = number(c, r->by_group[g])};
	}
	struct box *caption = add_text(c, &inner, say(c, TEXT_RE_CHART_CAPTION, NULL), FACE_ITALIC, c->t->size.small,
				       ALIGN_CENTER);
	caption->style.space_before = 6;
	caption->style.space_after = 6;
	chart->children = box_array(&inner, &chart->n_children);
}

/* ---- IV. formats ---- */

static void formats_section(struct report_ctx *x)
{
	struct compose *c = x->c;
	const struct report_tally *r = x->r;
	section(x, TEXT_RE_SECTION_FORMATS);
	bool any = false;
	for (size_t f = 0; f < c->t->n_formats && f < REPORT_MAX_CHOICES; f++) {
		if (!r->by_format[f])
			continue;
		para(x, say(c, TEXT_RE_FORMAT_LINE, "format", c->t->formats[f].label, "count", number(c, r->by_format[f]),
			    NULL));
		any = true;
	}
	if (r->combined) {
		para(x, say(c, TEXT_RE_COMBINED_LINE, "count", number(c, r->combined), NULL));
		any = true;
	}
	if (!any)
		para(x, say(c, TEXT_RE_FORMATS_NONE, "period", x->period, NULL));
}

/* ---- V. cells short of the rule, and why ---- */

static const char *missing_quarters(struct compose *c, const struct unit_tally *u)
{
	struct buf b = {0};
	for (int q = 0; q < 4; q++)
		if (!u->by_quarter[q])
			buf_printf(&b, "%s%s", b.len ? ", " : "", quarter_roman(q + 1));
	const char *s = arena_strdup(c->arena, b.data ? b.data : "");
	buf_free(&b);
	return s;
}

static void missing_section(struct report_ctx *x)
{
	struct compose *c = x->c;
	const struct report_tally *r = x->r;
	section(x, TEXT_RE_SECTION_MISSING);
	bool any = false;
	size_t listed = 0;
	for (size_t i = 0; i < r->n_units; i++) {
		const struct unit_tally *u = &r->units_v[i];
		if (!u->in_register || !short_of_rule(r, u))
			continue;
		if (!any)
			para(x, say(c, r->quarter ? TEXT_RE_MISSING : TEXT_RE_YEAR_MISSING, "period", x->period, NULL));
		else if (++listed % FLUSH_EVERY == 0)
			compose_flush(c, x->l);
		any = true;
		if (!r->quarter) {
			long met = 0;
			for (int q = 0; q < 4; q++)
				met += u->by_quarter[q] > 0;
			para(x, say(c, TEXT_RE_YEAR_MISSING_UNIT, "unit", u->name, "count", number(c, met), "quarters",
				    missing_quarters(c, u), NULL));
			continue;
		}
		enum text_id why = u->cancelled ? TEXT_RE_MISSING_CANCELLED
			: u->errors             ? TEXT_RE_MISSING_ERRORS
			: u->planned            ? TEXT_RE_MISSING_PLANNED
						: TEXT_RE_MISSING_UNIT;
		para(x, say(c, why, "unit", u->name, NULL));
	}
	if (!any)
		para(x, say(c, r->quarter ? TEXT_RE_ALL_HELD : TEXT_RE_YEAR_ALL_HELD, "period", x->period, NULL));
}

void build_report(struct compose *c, struct report_tally *r, const struct report_header *h, struct built_doc *out)
{
	const struct template *t = c->t;
	const struct units *u = h->units;
	const struct draft *note = h->note;
	struct report_ctx x = {c, r, h, &out->body, NULL, 0};
	/* the issuing body: the register's; without one, the superior every
	 * plan names, or none when they differ (the report then says so) */
	struct party_header ph = {u ? u->superior.s : NULL, u ? u->name.s : r->superiors_differ ? NULL : r->superior,
				  note && note->number.s ? note->number.s : NULL, u ? u->place.s : NULL, h->date};
	party_header(c, x.l, &ph);
	x.period = r->quarter ? party_quarter(c, r->year, r->quarter)
			      : say(c, TEXT_YEAR, "year", arena_printf(c->arena, "%d", r->year), NULL);
	const char *subtitle = say(c, TEXT_RE_SUBTITLE, "period", x.period, NULL);
	party_title(c, x.l, t->docs[TDOC_REPORT].title, &subtitle, 1);

	results(&x);
	units_table(&x);
	section(&x, TEXT_RE_SECTION_GROUPS);
	groups_table(&x);
	bar_chart(&x);
	formats_section(&x);
	if (u)
		missing_section(&x);
	if (note && note->markdown) {
		section(&x, TEXT_RE_SECTION_ASSESSMENT);
		paper_body(c, x.l, note->markdown, note->markdown_len);
	}
	const char *role = u && u->secretary_title.s ? u->secretary_title.s : t->report_role;
	const char *signer = note && note->signer.s ? note->signer.s : u && u->secretary.s ? u->secretary.s : "";
	party_signature(c, x.l, t->report_on_behalf, role, signer, t->report_recipients, t->n_report_recipients);
	out->info = (struct doc_info){.title = arena_printf(c->keep, "%s %s", t->docs[TDOC_REPORT].title, subtitle),
				      .author = ph.issuer, .subject = subtitle, .keywords = x.period};
}
