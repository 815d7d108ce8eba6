#include "plan.h"

#include <string.h>

#include "keys.h"
#include "text.h"

static void decode_organization(struct decoder *dc, struct plan *p, struct dmap root)
{
	struct dmap org = dec_map(dc, root, "organization", KEYS(organization), true);
	dec_text(dc, org, "superior", false, &p->org.superior);
	dec_text(dc, org, "name", true, &p->org.name);
	dec_text(dc, org, "place", false, &p->org.place);
	struct dmap members = dec_map(dc, org, "members", KEYS(members), false);
	p->org.members_at = members.node ? members.node->at : org.at;
	dec_count(dc, members, "official", 100000, members.node != NULL, &p->org.official);
	dec_count(dc, members, "probationary", 100000, false, &p->org.probationary);
	dec_count(dc, members, "exempt", 100000, false, &p->org.exempt);
}

static void decode_formats(struct decoder *dc, struct plan *p, struct dmap meeting)
{
	const struct ynode *list = dec_list(dc, meeting, "formats", false);
	if (!list)
		return;
	p->meeting.formats = arena_alloc(dc->arena, (list->n + 1) * sizeof *p->meeting.formats);
	for (size_t i = 0; i < list->n; i++) {
		struct format_use *f = &p->meeting.formats[p->meeting.n_formats];
		if (dec_node_text(dc, list->items[i], "meeting.formats[]", &f->id)) {
			f->index = -1;
			p->meeting.n_formats++;
		}
	}
}

static void decode_meeting(struct decoder *dc, struct plan *p, struct dmap root)
{
	struct dmap m = dec_map(dc, root, "meeting", KEYS(meeting), true);
	p->meeting.at = m.at;
	dec_text(dc, m, "number", false, &p->meeting.number);
	dec_text(dc, m, "topic", true, &p->meeting.topic);
	dec_text(dc, m, "category", true, &p->meeting.category);
	p->meeting.topic_group = -1;
	dec_date(dc, m, "date", true, &p->meeting.date);
	dec_clock(dc, m, "start", false, &p->meeting.start);
	dec_clock(dc, m, "end", false, &p->meeting.end);
	dec_text(dc, m, "location", false, &p->meeting.location);
	int status = STATUS_PLANNED, comb = COMBINED_NONE;
	p->meeting.status_at = m.at;
	/* ids, or the Vietnamese a secretary may type for them (plan-format.md §1) */
	dec_choice_labeled(dc, m, "status", VALUES(meeting_status), false, &status, &p->meeting.status_at);
	dec_choice_labeled(dc, m, "combined_with_regular", VALUES(combined), false, &comb, NULL);
	p->meeting.status = (enum meeting_status)status;
	p->meeting.combined = (enum combined)comb;
	decode_formats(dc, p, m);
}

static void decode_people(struct decoder *dc, struct plan *p, struct dmap root)
{
	struct dmap m = dec_map(dc, root, "people", KEYS(people), true);
	p->people.at = m.at;
	dec_text(dc, m, "chair", true, &p->people.chair);
	dec_text(dc, m, "chair_title", false, &p->people.chair_title);
	dec_text(dc, m, "secretary", true, &p->people.secretary);
	dec_text(dc, m, "presenter", true, &p->people.presenter);

	const struct ynode *list = dec_list(dc, m, "delegates", false);
	if (list) {
		p->people.delegates = arena_alloc(dc->arena, (list->n + 1) * sizeof *p->people.delegates);
		for (size_t i = 0; i < list->n; i++) {
			struct dmap item = dec_item_map(dc, list->items[i], "people.delegates[]",
							KEYS(delegate));
			if (!item.node)
				continue;
			struct delegate *x = &p->people.delegates[p->people.n_delegates++];
			dec_text(dc, item, "name", true, &x->name);
			dec_text(dc, item, "title", false, &x->title);
		}
	}
	list = dec_list(dc, m, "contributions", false);
	if (list) {
		p->people.contributions = arena_alloc(dc->arena, (list->n + 1) * sizeof *p->people.contributions);
		for (size_t i = 0; i < list->n; i++) {
			struct dmap item = dec_item_map(dc, list->items[i], "people.contributions[]",
							KEYS(contribution));
			if (!item.node)
				continue;
			struct contribution *x = &p->people.contributions[p->people.n_contributions++];
			dec_text(dc, item, "member", true, &x->member);
			dec_text(dc, item, "title", false, &x->title);
		}
	}
}

static void decode_preparation(struct decoder *dc, struct plan *p, struct dmap root)
{
	struct dmap m = dec_map(dc, root, "preparation", KEYS(preparation), false);
	if (!m.node)
		return;
	p->preparation.set = true;
	dec_date(dc, m, "topic_agreed", false, &p->preparation.topic_agreed);
	dec_date(dc, m, "presenter_assigned", false, &p->preparation.presenter_assigned);
	dec_date(dc, m, "draft_approved", false, &p->preparation.draft_approved);
	dec_date(dc, m, "draft_sent", false, &p->preparation.draft_sent);
}

static void decode_attendance(struct decoder *dc, struct plan *p, struct dmap root)
{
	struct dmap m = dec_map(dc, root, "attendance", KEYS(attendance), false);
	if (!m.node)
		return;
	p->attendance.set = true;
	p->attendance.at = m.at;
	dec_count(dc, m, "present", 100000, true, &p->attendance.present);
	const struct ynode *list = dec_list(dc, m, "absent", false);
	if (!list)
		return;
	p->attendance.absent = arena_alloc(dc->arena, (list->n + 1) * sizeof *p->attendance.absent);
	for (size_t i = 0; i < list->n; i++) {
		struct dmap item = dec_item_map(dc, list->items[i], "attendance.absent[]", KEYS(absentee));
		if (!item.node)
			continue;
		struct absentee *x = &p->attendance.absent[p->attendance.n_absent++];
		dec_text(dc, item, "name", true, &x->name);
		/* An empty reason is allowed: it means absent without reason. */
		const struct ynode *reason = ymap_get(item.node, "reason");
		if (reason && reason->kind == YNODE_SCALAR && text_blank(reason->str))
			continue;
		dec_text(dc, item, "reason", false, &x->reason);
	}
}

static void decode_notes(struct decoder *dc, struct plan *p, struct dmap m)
{
	const struct ynode *map = ymap_get(m.node, "steps");
	if (!map || ynode_is_null(map))
		return;
	if (map->kind != YNODE_MAP) {
		diag(dc->d, DIAG_WRONG_TYPE, dc->path, map->at, "record.steps",
		     BI("một ánh xạ (bước: ghi chép)", "a mapping (step: notes)"), NULL);
		dc->failed = true;
		return;
	}
	struct record *r = &p->record;
	r->notes = arena_alloc(dc->arena, (map->n + 1) * sizeof *r->notes);
	for (size_t i = 0; i < map->n; i++) {
		struct step_note *n = &r->notes[r->n_notes];
		const struct ynode *key = map->keys[i];
		if (!dec_node_text(dc, key, "record.steps", &n->step) ||
		    !dec_field_text(dc, map->items[i], "record.steps", key->str, &n->text))
			continue;
		r->n_notes++;
	}
}

static void decode_opinions(struct decoder *dc, struct plan *p, struct dmap m)
{
	const struct ynode *list = dec_list(dc, m, "opinions", false);
	if (!list)
		return;
	struct record *r = &p->record;
	r->opinions = arena_alloc(dc->arena, (list->n + 1) * sizeof *r->opinions);
	for (size_t i = 0; i < list->n; i++) {
		struct dmap item = dec_item_map(dc, list->items[i], "record.opinions[]", KEYS(opinion));
		if (!item.node)
			continue;
		struct opinion *o = &r->opinions[r->n_opinions++];
		dec_text(dc, item, "speaker", true, &o->speaker);
		dec_text(dc, item, "text", true, &o->text);
	}
}

static void decode_resolution(struct decoder *dc, struct plan *p, struct dmap m)
{
	struct dmap res = dec_map(dc, m, "resolution", KEYS(resolution), false);
	if (!res.node)
		return;
	struct record *r = &p->record;
	r->resolution.set = true;
	r->resolution.at = res.at;
	dec_text(dc, res, "text", true, &r->resolution.text);
	dec_count(dc, res, "for", 100000, true, &r->resolution.yes);
	dec_count(dc, res, "against", 100000, false, &r->resolution.no);
	dec_count(dc, res, "abstain", 100000, false, &r->resolution.abstain);
}

static void decode_record(struct decoder *dc, struct plan *p, struct dmap root)
{
	struct dmap m = dec_map(dc, root, "record", KEYS(record), false);
	if (!m.node)
		return;
	struct record *r = &p->record;
	r->set = true;
	r->at = m.at;
	r->grade_index = -1;
	dec_clock(dc, m, "start", false, &r->start);
	dec_clock(dc, m, "end", false, &r->end);
	decode_notes(dc, p, m);
	decode_opinions(dc, p, m);
	dec_text(dc, m, "response", false, &r->response);
	dec_text(dc, m, "conclusion", true, &r->conclusion);
	decode_resolution(dc, p, m);
	dec_text(dc, m, "grade", false, &r->grade);
}

static void decode_agenda(struct decoder *dc, struct plan *p, struct dmap root)
{
	const struct ynode *list = dec_list(dc, root, "agenda", false);
	if (!list)
		return;
	p->has_agenda = true;
	p->agenda_at = list->at;
	p->agenda = arena_alloc(dc->arena, (list->n + 1) * sizeof *p->agenda);
	for (size_t i = 0; i < list->n; i++) {
		struct dmap m = dec_item_map(dc, list->items[i], "agenda[]", KEYS(agenda_item));
		if (!m.node)
			continue;
		struct agenda_item *it = &p->agenda[p->n_agenda++];
		it->at = m.at;
		it->index = -1;
		dec_text(dc, m, "step", true, &it->step);
		if (!it->step.s)
			it->step = (struct text){"", m.at};
		dec_text(dc, m, "title", strcmp(it->step.s, "custom") == 0, &it->title);
		dec_text(dc, m, "person", false, &it->person);
		dec_clock(dc, m, "time", false, &it->time);
		const struct ynode *items = dec_list(dc, m, "items", false);
		if (!items)
			continue;
		it->items = arena_alloc(dc->arena, (items->n + 1) * sizeof *it->items);
		for (size_t j = 0; j < items->n; j++)
			if (dec_node_text(dc, items->items[j], "agenda[].items[]", &it->items[it->n_items]))
				it->n_items++;
	}
}

bool plan_decode(struct plan *p, const struct ydoc *doc, struct arena *arena, struct diags *d)
{
	struct decoder dc = {.path = doc->src->path, .d = d, .arena = arena};
	*p = (struct plan){.path = doc->src->path, .at = doc->root->at};
	struct dmap root = dec_root(&dc, doc->root, KEYS(plan));
	if (!root.node)
		return false;
	dec_text(&dc, root, "template", false, &p->template_name);
	decode_organization(&dc, p, root);
	decode_meeting(&dc, p, root);
	decode_people(&dc, p, root);
	decode_preparation(&dc, p, root);
	decode_attendance(&dc, p, root);
	dec_text(&dc, root, "draft", false, &p->draft);
	decode_record(&dc, p, root);
	decode_agenda(&dc, p, root);
	return !dc.failed;
}

long plan_expected(const struct plan *p)
{
	return p->org.official.v + p->org.probationary.v - p->org.exempt.v;
}

const struct step_note *record_note(const struct plan *p, const char *key)
{
	for (size_t i = 0; key && i < p->record.n_notes; i++)
		if (strcmp(p->record.notes[i].step.s, key) == 0)
			return &p->record.notes[i];
	return NULL;
}
