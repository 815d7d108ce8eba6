/* BIÊN BẢN: the minutes form, pre-filled from the plan, with ruled lines
 * for the secretary to write on during the meeting. */
#include <string.h>

#include "documents.h"
#include "party.h"

static struct box *para(struct compose *c, struct box_list *l, const char *text)
{
	return add_body(c, l, text, 3);
}

/* An entry under a line of the members section (minutes.delegate, ...). */
static void sub_item(struct compose *c, struct box_list *l, const char *text)
{
	para(c, l, text)->style.first = MM_TO_PT(c->t->page.first_line_indent_mm) + 10;
}

static const char *count(struct compose *c, long n)
{
	return arena_printf(c->arena, "%ld", n);
}

static void opening_sentence(struct compose *c, struct box_list *l, const struct plan *p)
{
	const char *date = party_date(c, p->meeting.date.v, false);
	const char *where = p->meeting.location.s
		? say(c, TEXT_MI_LOCATION_PART, "location", p->meeting.location.s, NULL) : "";
	/* the minutes of a held meeting give the time it really started */
	const struct clock_field *start = p->record.start.set ? &p->record.start : &p->meeting.start;
	/* the cell's name already says what kind of body it is */
	if (start->set)
		para(c, l, say(c, TEXT_MI_OPENING_AT, "time", party_clock(c, start->minutes), "date", date,
			       "location_part", where, "org", p->org.name.s, NULL));
	else
		para(c, l, say(c, TEXT_MI_OPENING, "date", date, "location_part", where, "org", p->org.name.s, NULL));
}

static void attendance_lines(struct compose *c, struct box_list *l, const struct plan *p)
{
	double size = c->t->size.body;
	if (!p->attendance.set) {
		add_fill_in(c, l, say(c, TEXT_MI_PRESENT_BLANK, NULL), size);
		add_fill_in(c, l, say(c, TEXT_MI_ABSENT_REASON_BLANK, NULL), size);
		add_fill_in(c, l, say(c, TEXT_MI_ABSENT_NO_REASON_BLANK, NULL), size);
		return;
	}
	size_t with = 0;
	for (size_t i = 0; i < p->attendance.n_absent; i++)
		with += p->attendance.absent[i].reason.s != NULL;
	para(c, l, say(c, TEXT_MI_ATTENDANCE, "present", count(c, p->attendance.present.v), "absent",
		       count(c, (long)p->attendance.n_absent), "with_reason", count(c, (long)with), "without_reason",
		       count(c, (long)(p->attendance.n_absent - with)), NULL));
	for (size_t i = 0; i < p->attendance.n_absent; i++) {
		const struct absentee *a = &p->attendance.absent[i];
		sub_item(c, l, a->reason.s
			? say(c, TEXT_MI_ABSENT_REASON, "name", a->name.s, "reason", a->reason.s, NULL)
			: say(c, TEXT_MI_ABSENT_NO_REASON, "name", a->name.s, NULL));
	}
}

static void delegate_lines(struct compose *c, struct box_list *l, const struct plan *p)
{
	if (!p->people.n_delegates) {
		add_fill_in(c, l, say(c, TEXT_MI_DELEGATES_BLANK, NULL), c->t->size.body);
		return;
	}
	para(c, l, say(c, TEXT_MI_DELEGATES, NULL));
	for (size_t i = 0; i < p->people.n_delegates; i++) {
		const struct delegate *d = &p->people.delegates[i];
		sub_item(c, l, d->title.s
			? say(c, TEXT_MI_DELEGATE_TITLED, "name", d->name.s, "title", d->title.s, NULL)
			: say(c, TEXT_MI_DELEGATE, "name", d->name.s, NULL));
	}
}

static void members_section(struct compose *c, struct box_list *l, const struct loaded_plan *lp)
{
	const struct plan *p = &lp->plan;
	add_section(c, l, say(c, TEXT_MI_SECTION_MEMBERS, NULL), 0);
	const char *title = p->people.chair_title.s
		? say(c, TEXT_MI_TITLE_PART, "title", p->people.chair_title.s, NULL) : "";
	para(c, l, say(c, TEXT_MI_CHAIR, "name", p->people.chair.s, "title_part", title, NULL));
	para(c, l, say(c, TEXT_MI_SECRETARY, "name", p->people.secretary.s, NULL));
	if (p->org.official.set)
		para(c, l, say(c, TEXT_MI_MEMBERS_TOTAL, "total", count(c, p->org.official.v + p->org.probationary.v),
			       "official", count(c, p->org.official.v), "probationary", count(c, p->org.probationary.v),
			       "exempt", count(c, p->org.exempt.v), "expected", count(c, plan_expected(p)), NULL));
	else
		add_fill_in(c, l, say(c, TEXT_MI_MEMBERS_BLANK, NULL), c->t->size.body);
	attendance_lines(c, l, p);
	delegate_lines(c, l, p);
}

/* A step's heading and who performs it, kept with what follows. */
static void step_heading(struct compose *c, struct box_list *l, const struct loaded_plan *lp,
			 const struct agenda_item *it, size_t i)
{
	double size = c->t->size.body;
	struct box *head = add_text(c, l, say(c, TEXT_MI_STEP, "number", arena_printf(c->arena, "%zu", i + 1),
					      "label", step_label(lp, it), NULL),
				    FACE_BOLD, size, ALIGN_JUSTIFY);
	head->style.keep_with_next = true;
	head->style.space_before = 4;
	head->style.leading = c->t->page.line_spacing;
	const char *who = step_performer(c, lp, it);
	if (who) {
		struct box *b = add_text(c, l, say(c, TEXT_MI_STEP_PERFORMER, "who", who, NULL), FACE_ITALIC,
					 size, ALIGN_LEFT);
		b->style.keep_with_next = true;
	}
}

/* The form: each step with dotted lines to write on. */
static void blank_proceedings(struct compose *c, struct box_list *l, const struct loaded_plan *lp)
{
	size_t n;
	const struct agenda_item *items = plan_agenda(c, lp, &n);
	double size = c->t->size.body;
	for (size_t i = 0; i < n; i++) {
		const struct agenda_item *it = &items[i];
		step_heading(c, l, lp, it, i);
		for (size_t k = 0; k < it->n_items; k++) {
			struct box *b = add_fill_in(c, l, arena_printf(c->arena, "- %s: ", it->items[k].s), size);
			b->style.keep_with_next = true;
		}
		int lines = it->index >= 0 ? lp->tpl->steps[it->index].minutes_lines : 2;
		add_writing_lines(c, l, lines, size);
	}
}

/* ---- the minutes as held ---- */

/* What of the record is printed already: what no step of the agenda
 * carried goes after the last step. */
struct held {
	bool opinions, response, conclusion;
};

static const char *step_key(const struct loaded_plan *lp, const struct agenda_item *it)
{
	return it->index >= 0 ? lp->tpl->steps[it->index].id : it->title.s;
}

static bool is_step(const struct loaded_plan *lp, const struct agenda_item *it, const char *id)
{
	return it->index >= 0 && strcmp(lp->tpl->steps[it->index].id, id) == 0;
}

static const char *share(struct compose *c, long part, long whole)
{
	char s[32];
	percent_vietnamese(whole > 0 ? 100.0 * (double)part / (double)whole : 0, s, sizeof s);
	return arena_strdup(c->arena, s);
}

static void opinions(struct compose *c, struct box_list *l, const struct record *r)
{
	for (size_t i = 0; i < r->n_opinions; i++) {
		const struct opinion *o = &r->opinions[i];
		const char *label = say(c, TEXT_MI_OPINION, "number", arena_printf(c->arena, "%zu", i + 1),
					"speaker", o->speaker.s, NULL);
		add_paragraphs(c, l, o->text.s, label, FACE_BOLD, 3);
	}
}

static void resolution_and_grade(struct compose *c, struct box_list *l, const struct loaded_plan *lp)
{
	const struct plan *p = &lp->plan;
	const struct record *r = &p->record;
	if (r->resolution.set && r->resolution.text.s) {
		add_paragraphs(c, l, r->resolution.text.s, say(c, TEXT_MI_RESOLUTION, NULL), FACE_BOLD, 3);
		long present = p->attendance.present.v;
		long yes = r->resolution.yes.v, no = r->resolution.no.v, abstain = r->resolution.abstain.v;
		para(c, l, say(c, TEXT_MI_VOTE, "for", count(c, yes), "against", count(c, no), "abstain", count(c, abstain),
			       "present", count(c, present), "for_rate", share(c, yes, present), "against_rate",
			       share(c, no, present), "abstain_rate", share(c, abstain, present), NULL));
	}
	if (r->grade_index >= 0)
		para(c, l, say(c, TEXT_MI_GRADE, "grade", lp->tpl->grades[r->grade_index].label, NULL));
}

static void held_step(struct compose *c, struct box_list *l, const struct loaded_plan *lp,
		      const struct agenda_item *it, size_t i, struct held *done)
{
	const struct record *r = &lp->plan.record;
	size_t heading_start = l->n;
	step_heading(c, l, lp, it, i);
	size_t heading_end = l->n;
	for (size_t k = 0; k < it->n_items; k++)
		para(c, l, arena_printf(c->arena, "- %s", it->items[k].s));
	const struct step_note *note = record_note(&lp->plan, step_key(lp, it));
	if (note)
		add_paragraphs(c, l, note->text.s, NULL, FACE_REGULAR, 3);
	if (is_step(lp, it, "discussion")) {
		opinions(c, l, r);
		done->opinions = true;
	}
	if (is_step(lp, it, "response") && r->response.s) {
		add_paragraphs(c, l, r->response.s, NULL, FACE_REGULAR, 3);
		done->response = true;
	}
	if (is_step(lp, it, "conclusion")) {
		add_paragraphs(c, l, r->conclusion.s, NULL, FACE_REGULAR, 3);
		resolution_and_grade(c, l, lp);
		done->conclusion = true;
	}
	/* a step the record says nothing of ends with its performer's line,
	 * a whole item: it is kept with nothing, else such steps chain into
	 * a block that leaves a page half empty (a lone heading stays kept) */
	if (l->n == heading_end && heading_end - heading_start == 2)
		l->v[l->n - 1].style.keep_with_next = false;
}

/* Each step with what the record says of it: its notes, the opinions
 * under the discussion, the response, the conclusion with the resolution
 * and the grade. */
static void held_proceedings(struct compose *c, struct box_list *l, const struct loaded_plan *lp)
{
	const struct record *r = &lp->plan.record;
	struct held done = {false, false, false};
	size_t n;
	const struct agenda_item *items = plan_agenda(c, lp, &n);
	for (size_t i = 0; i < n; i++) {
		held_step(c, l, lp, &items[i], i, &done);
		/* a response with no step of its own follows the discussion */
		if (done.opinions && !done.response && r->response.s && !(i + 1 < n && is_step(lp, &items[i + 1], "response"))) {
			add_paragraphs(c, l, r->response.s, NULL, FACE_REGULAR, 3);
			done.response = true;
		}
	}
	if (!done.opinions)
		opinions(c, l, r);
	if (!done.conclusion) {
		add_paragraphs(c, l, r->conclusion.s, NULL, FACE_REGULAR, 3);
		resolution_and_grade(c, l, lp);
	}
}

static void proceedings(struct compose *c, struct box_list *l, const struct loaded_plan *lp)
{
	add_section(c, l, say(c, TEXT_MI_SECTION_PROCEEDINGS, NULL), 0);
	if (lp->plan.record.set)
		held_proceedings(c, l, lp);
	else
		blank_proceedings(c, l, lp);
}

/* The end of the minutes as held: the time it ended and the reading
 * back, kept on one page with the signatures, so that the signatures
 * never stand alone. */
static void held_closing(struct compose *c, struct box_list *l, const struct loaded_plan *lp)
{
	const struct plan *p = &lp->plan;
	const struct template *t = lp->tpl;
	struct box *group = add_box(c, l, BOX_GROUP);
	struct box_list inner = {0};
	add_section(c, &inner, say(c, TEXT_MI_SECTION_CLOSING, NULL), 0);
	const struct clock_field *end = p->record.end.set ? &p->record.end : &p->meeting.end;
	if (end->set)
		para(c, &inner, say(c, TEXT_MI_CLOSING_AT, "time", party_clock(c, end->minutes), NULL));
	para(c, &inner, say(c, TEXT_MI_READ_BACK_HELD, NULL));
	party_signatures_pair(c, &inner, t->sign_secretary, p->people.secretary.s, t->sign_chair, p->people.chair.s);
	group->children = box_array(&inner, &group->n_children);
}

void build_minutes(struct compose *c, const struct loaded_plan *lp, struct built_doc *out)
{
	const struct plan *p = &lp->plan;
	const struct template *t = lp->tpl;
	struct box_list *l = &out->body;
	const char *subtitle = plan_heading(c, lp, TDOC_MINUTES, l);

	opening_sentence(c, l, p);
	members_section(c, l, lp);
	proceedings(c, l, lp);

	if (p->record.set) {
		held_closing(c, l, lp);
	} else {
		add_section(c, l, say(c, TEXT_MI_SECTION_CLOSING, NULL), 0);
		para(c, l, say(c, TEXT_MI_CLOSING_BLANK, NULL));
		add_fill_in(c, l, say(c, TEXT_MI_OTHER_BLANK, NULL), t->size.body);
		/* the reading back stays on the page of the signatures */
		struct box *group = add_box(c, l, BOX_GROUP);
		struct box_list inner = {0};
		para(c, &inner, say(c, TEXT_MI_READ_BACK, NULL));
		party_signatures_pair(c, &inner, t->sign_secretary, p->people.secretary.s, t->sign_chair,
				      p->people.chair.s);
		group->children = box_array(&inner, &group->n_children);
	}

	/* the minutes of a held meeting are archived (PDF/A), dated by it */
	out->info = (struct doc_info){
		.title = arena_printf(c->arena, "%s %s", t->docs[TDOC_MINUTES].title, subtitle),
		.author = p->people.secretary.s, .subject = p->meeting.topic.s,
		.keywords = t->topic_groups[p->meeting.topic_group].label,
		.archival = p->record.set, .date = p->meeting.date.v,
	};
}
