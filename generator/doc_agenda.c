/* CHƯƠNG TRÌNH: the printable programme of the meeting. */
#include <string.h>

#include "documents.h"
#include "party.h"

const char *meeting_subtitle(struct compose *c, const struct loaded_plan *lp)
{
	struct ymd d = lp->plan.meeting.date.v;
	return say(c, TEXT_SUBTITLE, "period", party_quarter(c, d.y, date_quarter(d)), NULL);
}

const struct agenda_item *plan_agenda(struct compose *c, const struct loaded_plan *lp, size_t *n)
{
	if (lp->plan.has_agenda) {
		*n = lp->plan.n_agenda;
		return lp->plan.agenda;
	}
	const struct template *t = lp->tpl;
	struct agenda_item *v = arena_alloc(c->arena, (t->n_steps + 1) * sizeof *v);
	for (size_t i = 0; i < t->n_steps; i++) {
		v[i].step.s = t->steps[i].id;
		v[i].index = (int)i;
	}
	*n = t->n_steps;
	return v;
}

const char *step_label(const struct loaded_plan *lp, const struct agenda_item *item)
{
	if (item->title.s)
		return item->title.s;
	if (item->index < 0)
		return item->step.s;
	const struct template_step *s = &lp->tpl->steps[item->index];
	/* the step's short label (no "introduce the delegates") when none is invited */
	if (s->label_short && lp->plan.people.n_delegates == 0)
		return s->label_short;
	return s->label;
}

static const char *comrade(struct compose *c, const char *name)
{
	return name ? say(c, TEXT_COMRADE_SHORT, "name", name, NULL) : NULL;
}

const char *step_performer(struct compose *c, const struct loaded_plan *lp, const struct agenda_item *item)
{
	if (item->person.s)
		return item->person.s;
	if (item->index < 0)
		return NULL;
	const struct plan *p = &lp->plan;
	switch (lp->tpl->steps[item->index].performer) {
	case PERFORMER_CHAIR:
		return comrade(c, p->people.chair.s);
	case PERFORMER_SECRETARY:
		return comrade(c, p->people.secretary.s);
	case PERFORMER_PRESENTER:
		return comrade(c, p->people.presenter.s);
	case PERFORMER_MEMBERS:
		return say(c, TEXT_AG_MEMBERS_PERFORM, NULL);
	default:
		return NULL;
	}
}

const char *person_line(struct compose *c, const char *name, const char *title)
{
	return title ? say(c, TEXT_PERSON_TITLED, "name", name, "title", title, NULL)
		     : say(c, TEXT_PERSON, "name", name, NULL);
}

/* "- Label: value" with the label in bold. */
static void info_line(struct compose *c, struct box_list *l, enum text_id label, const char *value)
{
	double size = c->t->size.body;
	struct box *b = add_text(c, l, arena_printf(c->arena, "- %s: ", say(c, label, NULL)), FACE_BOLD, size,
				 ALIGN_JUSTIFY);
	add_run(c, b, value, FACE_REGULAR, size);
	b->style.first = MM_TO_PT(c->t->page.first_line_indent_mm);
	b->style.space_after = 3;
}

static const char *time_span(struct compose *c, const struct plan *p)
{
	const char *date = party_date(c, p->meeting.date.v, false);
	if (p->meeting.start.set && p->meeting.end.set)
		return say(c, TEXT_AG_FROM_TO, "start", party_clock(c, p->meeting.start.minutes), "end",
			   party_clock(c, p->meeting.end.minutes), "date", date, NULL);
	if (p->meeting.start.set)
		return say(c, TEXT_AG_FROM, "start", party_clock(c, p->meeting.start.minutes), "date", date, NULL);
	return party_date(c, p->meeting.date.v, true);
}

static const char *members_text(struct compose *c, const struct plan *p)
{
	const char *prob = "", *exempt = "";
	if (p->org.probationary.v)
		prob = say(c, TEXT_AG_MEMBERS_PROBATIONARY, "probationary",
			   arena_printf(c->arena, "%ld", p->org.probationary.v), NULL);
	if (p->org.exempt.v)
		exempt = say(c, TEXT_AG_MEMBERS_EXEMPT, "exempt", arena_printf(c->arena, "%ld", p->org.exempt.v), NULL);
	return say(c, TEXT_AG_MEMBERS_ALL, "official", arena_printf(c->arena, "%ld", p->org.official.v),
		   "probationary_part", prob, "exempt_part", exempt, NULL);
}

static void meeting_facts(struct compose *c, struct box_list *l, const struct loaded_plan *lp)
{
	const struct plan *p = &lp->plan;
	info_line(c, l, TEXT_AG_TIME, time_span(c, p));
	if (p->meeting.location.s)
		info_line(c, l, TEXT_AG_LOCATION, p->meeting.location.s);
	info_line(c, l, TEXT_AG_CHAIR, person_line(c, p->people.chair.s, p->people.chair_title.s));
	info_line(c, l, TEXT_AG_SECRETARY, person_line(c, p->people.secretary.s, NULL));
	if (p->org.official.set)
		info_line(c, l, TEXT_AG_MEMBERS, members_text(c, p));
	for (size_t i = 0; i < p->people.n_delegates; i++) {
		const struct delegate *d = &p->people.delegates[i];
		info_line(c, l, TEXT_AG_DELEGATE, person_line(c, d->name.s, d->title.s));
	}
	if (p->meeting.n_formats) {
		struct buf b = {0};
		for (size_t i = 0; i < p->meeting.n_formats; i++)
			buf_printf(&b, "%s%s", i ? "; " : "", lp->tpl->formats[p->meeting.formats[i].index].label);
		info_line(c, l, TEXT_AG_FORMATS, arena_strdup(c->arena, b.data));
		buf_free(&b);
	}
	if (p->meeting.combined == COMBINED_BEFORE)
		info_line(c, l, TEXT_AG_NOTE, say(c, TEXT_AG_REGULAR_BEFORE, NULL));
	else if (p->meeting.combined == COMBINED_AFTER)
		info_line(c, l, TEXT_AG_NOTE, say(c, TEXT_AG_REGULAR_AFTER, NULL));
}

static void cell_text(struct compose *c, struct box_list *cell, const char *text, enum font_face face, enum align align)
{
	add_cell_text(c, cell, text, face, c->t->size.table, align);
}

static void agenda_table(struct compose *c, struct box_list *l, const struct loaded_plan *lp)
{
	double w = c->frame_width;
	double widths[4] = {0.07 * w, 0.50 * w, 0.31 * w, 0.12 * w};
	struct table *table = add_table(c, l, widths, 4, true);
	const char *heads[4] = {say(c, TEXT_AG_COL_NUMBER, NULL), say(c, TEXT_AG_COL_CONTENT, NULL),
				say(c, TEXT_AG_COL_PERSON, NULL), say(c, TEXT_AG_COL_TIME, NULL)};
	add_header_row(c, table, heads, c->t->size.table);
	struct box_list cells[4];
	struct table_row *row;

	size_t n;
	const struct agenda_item *items = plan_agenda(c, lp, &n);
	for (size_t i = 0; i < n; i++) {
		const struct agenda_item *it = &items[i];
		row = add_row(c, table, cells);
		cell_text(c, &cells[0], arena_printf(c->arena, "%zu", i + 1), FACE_REGULAR, ALIGN_CENTER);
		cell_text(c, &cells[1], step_label(lp, it), FACE_REGULAR, ALIGN_LEFT);
		for (size_t k = 0; k < it->n_items; k++)
			cell_text(c, &cells[1], arena_printf(c->arena, "- %s", it->items[k].s), FACE_ITALIC, ALIGN_LEFT);
		const char *who = step_performer(c, lp, it);
		if (who)
			cell_text(c, &cells[2], who, FACE_REGULAR, ALIGN_LEFT);
		bool discussion = it->index >= 0 && lp->tpl->steps[it->index].performer == PERFORMER_MEMBERS;
		for (size_t k = 0; discussion && k < lp->plan.people.n_contributions; k++)
			cell_text(c, &cells[2], say(c, TEXT_AG_CONTRIBUTION, "name",
				  lp->plan.people.contributions[k].member.s, NULL), FACE_REGULAR, ALIGN_LEFT);
		char clock[6] = "";
		if (it->time.set)
			clock_format(it->time.minutes, clock);
		cell_text(c, &cells[3], arena_strdup(c->arena, clock), FACE_REGULAR, ALIGN_CENTER);
		finish_row(table, row, cells);
	}
}

const char *plan_heading(struct compose *c, const struct loaded_plan *lp, enum tdoc kind, struct box_list *l)
{
	const struct plan *p = &lp->plan;
	const struct template *t = lp->tpl;
	/* the plan's number is the agenda's; other papers take their own code */
	struct party_header h = {p->org.superior.s, p->org.name.s,
		party_number_for(c->arena, p->meeting.number.s, t->docs[TDOC_AGENDA].code, t->docs[kind].code),
		p->org.place.s, p->meeting.date.v};
	party_header(c, l, &h);
	const char *subtitle = meeting_subtitle(c, lp);
	party_title(c, l, t->docs[kind].title, &subtitle, 1);
	struct box *topic = add_text(c, l, say(c, TEXT_TOPIC_LABEL, NULL), FACE_BOLD, t->size.body, ALIGN_CENTER);
	add_run(c, topic, say(c, TEXT_TOPIC_VALUE, "topic", p->meeting.topic.s, NULL), FACE_BOLD_ITALIC,
		t->size.body);
	topic->style.space_after = 10;
	topic->style.leading = 1.2;
	return subtitle;
}

void build_agenda(struct compose *c, const struct loaded_plan *lp, struct built_doc *out)
{
	const struct plan *p = &lp->plan;
	const struct template *t = lp->tpl;
	struct box_list *l = &out->body;
	const char *subtitle = plan_heading(c, lp, TDOC_AGENDA, l);

	meeting_facts(c, l, lp);
	add_space(c, l, 8);
	struct box *head = add_text(c, l, say(c, TEXT_AG_HEADING, NULL), FACE_BOLD, t->size.body, ALIGN_CENTER);
	head->style.keep_with_next = true;
	head->style.space_after = 6;
	agenda_table(c, l, lp);
	party_signature(c, l, t->sign_on_behalf, t->sign_role, p->people.chair.s,
			t->recipients, t->n_recipients);

	out->info = (struct doc_info){
		.title = arena_printf(c->arena, "%s %s", t->docs[TDOC_AGENDA].title, subtitle),
		.author = p->org.name.s,
		.subject = p->meeting.topic.s,
		.keywords = t->topic_groups[p->meeting.topic_group].label,
	};
}
