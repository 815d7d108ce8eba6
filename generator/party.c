#include "party.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"

/* The left column of the header is a little narrower than the right. */
#define HEADER_LEFT_SHARE 0.46

const char *party_date_line(struct compose *c, const char *place, struct ymd date)
{
	char d[64];
	date_vietnamese(date, d, sizeof d);
	return place ? arena_printf(c->arena, "%s, %s", place, d) : arena_printf(c->arena, "%s%s", "N", d + 1);
}

const char *party_quarter(struct compose *c, struct ymd date)
{
	return arena_printf(c->arena, "quý %s năm %d", quarter_roman(date_quarter(date)), date.y);
}

const char *party_clock(struct compose *c, int minutes)
{
	return arena_printf(c->arena, "%d giờ %02d", minutes / 60, minutes % 60);
}

const char *party_number_for(struct compose *c, const char *number, const char *from_code, const char *to_code)
{
	if (!number)
		return NULL;
	char *key = arena_printf(c->arena, "-%s/", from_code);
	const char *at = *from_code ? strstr(number, key) : NULL;
	if (!at)
		return number;
	return arena_printf(c->arena, "%.*s-%s/%s", (int)(at - number), number, to_code, at + strlen(key));
}

/* Upper case into the arena. */
static const char *upper(struct compose *c, const char *s)
{
	char *u = text_upper(s);
	const char *copy = arena_strdup(c->arena, u);
	free(u);
	return copy;
}

static struct box *centred(struct compose *c, struct box_list *l, const char *text, enum font_face face, double size)
{
	struct box *b = add_text(c, l, text, face, size, ALIGN_CENTER);
	b->style.leading = 1.15;
	return b;
}

void party_header(struct compose *c, struct box_list *l, const struct party_header *h)
{
	const struct template *t = c->t;
	double left = c->frame_width * HEADER_LEFT_SHARE;
	double widths[2] = {left, c->frame_width - left};
	struct table *table = add_table(c, l, widths, 2, false);
	struct box_list cells[2];
	struct table_row *row = add_row(c, table, cells);

	if (h->superior)
		centred(c, &cells[0], upper(c, h->superior), FACE_REGULAR, t->size.superior);
	if (h->issuer && *h->issuer) {
		centred(c, &cells[0], upper(c, h->issuer), FACE_BOLD, t->size.issuer);
		centred(c, &cells[0], t->separator, FACE_REGULAR, t->size.issuer);
	}
	if (h->number)
		centred(c, &cells[0], arena_printf(c->arena, "Số %s", h->number), FACE_REGULAR, t->size.number);

	struct box *party = centred(c, &cells[1], t->party_line, FACE_BOLD, t->size.party);
	party->style.rule_under = true;
	/* the date line sits level with the issuer's line on the left */
	party->style.space_after = t->size.superior * 1.15 - 2;
	centred(c, &cells[1], party_date_line(c, h->place, h->date), FACE_ITALIC, t->size.date_line);
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
		struct box *label = add_text(c, &r.cells[0], "Nơi nhận:", FACE_BOLD_ITALIC, c->t->size.small, ALIGN_LEFT);
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
