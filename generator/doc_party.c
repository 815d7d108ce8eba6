#include "party.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

const char *party_date(struct compose *c, struct ymd date, bool capital)
{
	/* a leading zero for days under 10 and for months 1 and 2 (Hướng dẫn 36) */
	char day[16], month[16], year[16];
	snprintf(day, sizeof day, "%02d", date.d);
	snprintf(month, sizeof month, date.m <= 2 ? "%02d" : "%d", date.m);
	snprintf(year, sizeof year, "%d", date.y);
	return say(c, capital ? TEXT_DATE_START : TEXT_DATE, "day", day, "month", month, "year", year, NULL);
}

const char *party_date_line(struct compose *c, const char *place, struct ymd date)
{
	if (!place)
		return party_date(c, date, true);
	return say(c, TEXT_PLACE_DATE, "place", place, "date", party_date(c, date, false), NULL);
}

const char *party_quarter(struct compose *c, int year, int quarter)
{
	char y[16];
	snprintf(y, sizeof y, "%d", year);
	return say(c, TEXT_QUARTER, "quarter", quarter_roman(quarter), "year", y, NULL);
}

const char *party_clock(struct compose *c, int minutes)
{
	char h[16], m[16];
	snprintf(h, sizeof h, "%d", minutes / 60);
	snprintf(m, sizeof m, "%02d", minutes % 60);
	return say(c, TEXT_CLOCK, "hour", h, "minute", m, NULL);
}

static bool number_separator(char ch)
{
	return ch == '-' || ch == '/' || ch == '\0';
}

const char *party_number_for(struct arena *a, const char *number, const char *from_code, const char *to_code)
{
	if (!number)
		return NULL;
	size_t n = strlen(from_code);
	for (const char *at = n ? strstr(number, from_code) : NULL; at; at = strstr(at + 1, from_code)) {
		bool starts = at == number || number_separator(at[-1]);
		if (starts && number_separator(at[n]) && at != number)
			return arena_printf(a, "%.*s%s%s", (int)(at - number), number, to_code, at + n);
	}
	return number;
}

static struct box *centred(struct compose *c, struct box_list *l, const char *text, enum font_face face, double size)
{
	struct box *b = add_text(c, l, text, face, size, ALIGN_CENTER);
	b->style.leading = 1.15;
	return b;
}

static enum font_face face_of(const struct header_line *line)
{
	if (line->bold)
		return line->italic ? FACE_BOLD_ITALIC : FACE_BOLD;
	return line->italic ? FACE_ITALIC : FACE_REGULAR;
}

static void header_side(struct compose *c, struct box_list *cell, enum header_side side, const char *const *fields,
			size_t n_fields)
{
	const struct template_words *w = &c->t->w;
	for (size_t i = 0; i < w->n_header[side]; i++) {
		const struct header_line *line = &w->header[side][i];
		if (header_line_empty(w, line, fields, n_fields))
			continue;
		const char *text = words_fill(c->arena, w, line->text, fields, n_fields);
		if (line->upper) {
			char *u = text_upper(text);
			text = arena_strdup(c->arena, u);
			free(u);
		}
		struct box *b = centred(c, cell, text, face_of(line), line->size);
		b->style.rule_under = line->rule;
		b->style.space_before = line->space_before;
	}
}

void party_header(struct compose *c, struct box_list *l, const struct party_header *h)
{
	const char *fields[] = {"superior", h->superior, "issuer", h->issuer, "number", h->number,
				"place_date", party_date_line(c, h->place, h->date)};
	double left = c->frame_width * c->t->w.header_left_share;
	double widths[2] = {left, c->frame_width - left};
	struct table *table = add_table(c, l, widths, 2, false);
	struct box_list cells[2];
	struct table_row *row = add_row(c, table, cells);
	header_side(c, &cells[0], HEADER_LEFT, fields, COUNT_OF(fields) / 2);
	header_side(c, &cells[1], HEADER_RIGHT, fields, COUNT_OF(fields) / 2);
	finish_row(table, row, cells);
	add_space(c, l, 18);
}

void party_title(struct compose *c, struct box_list *l, const char *title, const char *const *subtitles,
		 size_t n_subtitles)
{
	struct box *b = centred(c, l, title, FACE_BOLD, c->t->size.title);
	b->style.keep_with_next = true;
	for (size_t i = 0; i < n_subtitles; i++) {
		b = centred(c, l, subtitles[i], FACE_BOLD, c->t->size.subtitle);
		b->style.keep_with_next = true;
	}
	add_rule(c, l, MM_TO_PT(35), 14);
}

/* One signature: role lines in bold upper case, a gap to sign in, the name. */
static void signature_cell(struct compose *c, struct box_list *cell, const char *on_behalf, const char *role,
			   const char *name)
{
	double size = c->t->size.body;
	if (on_behalf)
		centred(c, cell, on_behalf, FACE_BOLD, size);
	centred(c, cell, role, FACE_BOLD, size);
	add_space(c, cell, 62);
	centred(c, cell, name ? name : "", FACE_BOLD, size);
}

/* A two-column row at the foot, kept on one page; fill cells, then
 * call finish_signature_row. */
struct signature_row {
	struct box *group;
	struct box_list inner, cells[2];
	struct table *table;
	struct table_row *row;
};

static void open_signature_row(struct compose *c, struct box_list *l, struct signature_row *r)
{
	*r = (struct signature_row){.group = add_box(c, l, BOX_GROUP)};
	add_space(c, &r->inner, 10);
	double widths[2] = {c->frame_width * 0.5, c->frame_width * 0.5};
	r->table = add_table(c, &r->inner, widths, 2, false);
	r->row = add_row(c, r->table, r->cells);
}

static void finish_signature_row(struct signature_row *r)
{
	finish_row(r->table, r->row, r->cells);
	r->group->children = box_array(&r->inner, &r->group->n_children);
}

void party_signature(struct compose *c, struct box_list *l, const char *on_behalf, const char *role,
		     const char *name, const char *const *recipients, size_t n_recipients)
{
	struct signature_row r;
	open_signature_row(c, l, &r);
	if (n_recipients) {
		struct box *label = add_text(c, &r.cells[0], say(c, TEXT_RECIPIENTS_LABEL, NULL), FACE_BOLD_ITALIC,
					     c->t->size.small, ALIGN_LEFT);
		label->runs[0].underline = true;
		/* each recipient ends with a comma, the last with a full stop */
		for (size_t i = 0; i < n_recipients; i++)
			add_text(c, &r.cells[0], arena_printf(c->arena, "- %s%s", recipients[i],
				 i + 1 < n_recipients ? "," : "."), FACE_REGULAR, c->t->size.small, ALIGN_LEFT);
	}
	signature_cell(c, &r.cells[1], on_behalf, role, name);
	finish_signature_row(&r);
}

void party_signatures_pair(struct compose *c, struct box_list *l, const char *left_role, const char *left_name,
			   const char *right_role, const char *right_name)
{
	struct signature_row r;
	open_signature_row(c, l, &r);
	signature_cell(c, &r.cells[0], NULL, left_role, left_name);
	signature_cell(c, &r.cells[1], NULL, right_role, right_name);
	finish_signature_row(&r);
}
