#include "check.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "syserr.h"
#include "text.h"

struct checker {
	struct plan *p;
	const struct template *t;
	struct arena *arena;
	struct diags *d;
	bool failed;
};

#define REPORT(c, code, at, ...) \
	do { \
		diag((c)->d, DIAG_##code, (c)->p->path, (at), __VA_ARGS__, NULL); \
		if (diag_code_level(DIAG_##code) == LEVEL_ERROR) \
			(c)->failed = true; \
	} while (0)

static const char *num(struct checker *c, long v)
{
	return arena_printf(c->arena, "%ld", v);
}

static const char *iso(struct checker *c, struct ymd v)
{
	char s[11];
	date_iso(v, s);
	return arena_strdup(c->arena, s);
}

static const char *clock_text(struct checker *c, int minutes)
{
	char s[6];
	clock_format(minutes, s);
	return arena_strdup(c->arena, s);
}

/* ---- the topic group and formats ---- */

static const char **choice_ids(struct checker *c, const struct template_choice *v, size_t n)
{
	const char **ids = arena_alloc(c->arena, (n + 1) * sizeof *ids);
	for (size_t i = 0; i < n; i++)
		ids[i] = v[i].id;
	return ids;
}

static void check_choices(struct checker *c)
{
	struct plan *p = c->p;
	const struct template *t = c->t;
	struct decoder dc = {.path = p->path, .d = c->d, .arena = c->arena};
	if (p->meeting.category.s) {
		p->meeting.topic_group = template_topic_group(t, p->meeting.category.s);
		if (p->meeting.topic_group >= 0)  /* a label typed for the id reads as the id */
			p->meeting.category.s = t->topic_groups[p->meeting.topic_group].id;
		else {
			const char **ids = choice_ids(c, t->topic_groups, t->n_topic_groups);
			REPORT(c, UNKNOWN_CATEGORY, p->meeting.category.at, p->meeting.category.s,
			       dec_suggestion(&dc, p->meeting.category.s, ids, t->n_topic_groups),
			       dec_join(&dc, ids, t->n_topic_groups));
		}
	}
	const char **ids = choice_ids(c, t->formats, t->n_formats);
	/* formats seen so far: a repeat is reported once, not against each
	 * earlier listing (a list may repeat one format thousands of times) */
	bool *seen = xcalloc(t->n_formats, sizeof *seen);
	for (size_t i = 0; i < p->meeting.n_formats; i++) {
		struct format_use *f = &p->meeting.formats[i];
		f->index = template_format(t, f->id.s);
		if (f->index >= 0)
			f->id.s = t->formats[f->index].id;
		if (f->index < 0) {
			REPORT(c, UNKNOWN_FORMAT, f->id.at, f->id.s, dec_suggestion(&dc, f->id.s, ids, t->n_formats),
			       dec_join(&dc, ids, t->n_formats));
			continue;
		}
		if (seen[f->index])
			REPORT(c, DUPLICATE_FORMAT, f->id.at, f->id.s);
		seen[f->index] = true;
	}
	free(seen);
}

/* ---- the agenda ---- */

static const char *step_id(const struct checker *c, int index)
{
	return c->t->steps[index].id;
}

/* Marks in keep[] the items that form the longest run in prescribed order:
 * every other step is the one out of place. Only resolved items take part
 * (index >= 0), and there are at most as many as the template has steps. */
static void longest_in_order(const int *index, size_t n, bool *keep)
{
	size_t m = 0;
	size_t *at = xcalloc(n, sizeof *at);
	for (size_t i = 0; i < n; i++)
		if (index[i] >= 0)
			at[m++] = i;
	size_t *len = xcalloc(m, sizeof *len), *prev = xcalloc(m, sizeof *prev);
	size_t best = SIZE_MAX;
	for (size_t i = 0; i < m; i++) {
		len[i] = 1;
		prev[i] = SIZE_MAX;
		for (size_t j = 0; j < i; j++)
			if (index[at[j]] < index[at[i]] && len[j] + 1 > len[i]) {
				len[i] = len[j] + 1;
				prev[i] = j;
			}
		if (best == SIZE_MAX || len[i] > len[best])
			best = i;
	}
	for (size_t i = best; i != SIZE_MAX; i = prev[i])
		keep[at[i]] = true;
	free(at);
	free(len);
	free(prev);
}

/* The step present in the agenda that should come just before template
 * step `index`, or -1 when it should come first. */
static int present_before(const bool *present, int index)
{
	for (int i = index - 1; i >= 0; i--)
		if (present[i])
			return i;
	return -1;
}

static const char *placement(struct checker *c, const bool *present, int index)
{
	int before = present_before(present, index);
	if (before >= 0)
		return arena_printf(c->arena, "phải đứng sau bước \"%s\"\x1Fit should follow step \"%s\"",
				    step_id(c, before), step_id(c, before));
	for (size_t i = (size_t)index + 1; i < c->t->n_steps; i++)
		if (present[i])
			return arena_printf(c->arena, "phải đứng đầu, trước bước \"%s\"\x1Fit should come first, before step \"%s\"",
					    step_id(c, (int)i), step_id(c, (int)i));
	return BI("phải đứng đầu", "it should come first");
}

static const char *custom_slots(struct checker *c)
{
	struct buf b = {0}, e = {0};
	if (c->t->custom_at_start) {
		buf_adds(&b, "ở đầu chương trình");
		buf_adds(&e, "at the start");
	}
	for (size_t i = 0; i < c->t->n_steps; i++)
		if (c->t->steps[i].custom_after) {
			buf_printf(&b, "%ssau bước \"%s\"", b.len ? ", " : "", c->t->steps[i].id);
			buf_printf(&e, "%safter step \"%s\"", e.len ? ", " : "", c->t->steps[i].id);
		}
	if (!b.len) {
		buf_adds(&b, "ở không vị trí nào");
		buf_adds(&e, "nowhere");
	}
	const char *s = arena_printf(c->arena, "%s\x1F%s", b.data, e.data);
	buf_free(&b);
	buf_free(&e);
	return s;
}

static void check_custom_item(struct checker *c, size_t i)
{
	const struct agenda_item *it = &c->p->agenda[i];
	int last = -1;
	for (size_t j = i; j-- > 0;)
		if (c->p->agenda[j].index >= 0) {
			last = c->p->agenda[j].index;
			break;
		}
	bool allowed = last < 0 ? c->t->custom_at_start : c->t->steps[last].custom_after;
	if (!allowed)
		REPORT(c, CUSTOM_NOT_ALLOWED, it->at, it->title.s ? it->title.s : "custom", c->t->name,
		       custom_slots(c));
}

static void check_agenda_times(struct checker *c)
{
	const struct plan *p = c->p;
	int prev = -1;
	for (size_t i = 0; i < p->n_agenda; i++) {
		const struct agenda_item *it = &p->agenda[i];
		if (!it->time.set)
			continue;
		const char *name = it->index >= 0 ? step_id(c, it->index) : (it->title.s ? it->title.s : "custom");
		if (prev >= 0 && it->time.minutes < prev)
			REPORT(c, STEP_TIME_ORDER, it->time.at, name, clock_text(c, it->time.minutes), clock_text(c, prev));
		if ((p->meeting.start.set && it->time.minutes < p->meeting.start.minutes) ||
		    (p->meeting.end.set && it->time.minutes > p->meeting.end.minutes)) {
			const char *span = arena_printf(c->arena, "%s–%s",
				p->meeting.start.set ? clock_text(c, p->meeting.start.minutes) : "",
				p->meeting.end.set ? clock_text(c, p->meeting.end.minutes) : "");
			REPORT(c, STEP_TIME_OUTSIDE, it->time.at, name, clock_text(c, it->time.minutes), span);
		}
		prev = it->time.minutes;
	}
}

static void check_agenda(struct checker *c)
{
	struct plan *p = c->p;
	const struct template *t = c->t;
	if (!p->has_agenda)
		return;
	if (p->n_agenda == 0) {
		REPORT(c, EMPTY_AGENDA, p->agenda_at, NULL);
		return;
	}
	struct decoder dc = {.path = p->path, .d = c->d, .arena = c->arena};
	const char **ids = arena_alloc(c->arena, (t->n_steps + 2) * sizeof *ids);
	for (size_t i = 0; i < t->n_steps; i++)
		ids[i] = t->steps[i].id;
	ids[t->n_steps] = "custom";

	int *index = xcalloc(p->n_agenda, sizeof *index);
	size_t *first_at = xcalloc(t->n_steps, sizeof *first_at);
	bool *present = xcalloc(t->n_steps, sizeof *present);
	bool *keep = xcalloc(p->n_agenda, sizeof *keep);
	bool *typo_of = xcalloc(t->n_steps, sizeof *typo_of);
	bool ok = true;
	for (size_t i = 0; i < p->n_agenda; i++) {
		struct agenda_item *it = &p->agenda[i];
		index[i] = -1;
		if (strcmp(it->step.s, "custom") == 0 || !it->step.s[0])
			continue;
		int k = template_step_index(t, it->step.s);
		if (k >= 0)
			it->step.s = t->steps[k].id;
		if (k < 0) {
			/* a typo of a step: do not also call that step missing */
			const char *meant = did_you_mean(it->step.s, ids, t->n_steps);
			int m = meant ? template_step_index(t, meant) : -1;
			if (m >= 0)
				typo_of[m] = true;
			REPORT(c, UNKNOWN_STEP, it->step.at, it->step.s,
			       dec_suggestion(&dc, it->step.s, ids, t->n_steps + 1), t->name,
			       dec_join(&dc, ids, t->n_steps + 1));
			ok = false;
			continue;
		}
		if (present[k]) {
			REPORT(c, STEP_DUPLICATE, it->step.at, it->step.s,
			       num(c, p->agenda[first_at[k]].step.at.line));
			ok = false;
			continue;
		}
		present[k] = true;
		first_at[k] = i;
		index[i] = k;
		it->index = k;
	}

	longest_in_order(index, p->n_agenda, keep);
	for (size_t i = 0; i < p->n_agenda; i++)
		if (index[i] >= 0 && !keep[i]) {
			/* what it should follow, among the steps kept in order */
			bool *kept = xcalloc(t->n_steps, sizeof *kept);
			for (size_t j = 0; j < p->n_agenda; j++)
				if (keep[j])
					kept[index[j]] = true;
			REPORT(c, STEP_OUT_OF_ORDER, p->agenda[i].step.at, p->agenda[i].step.s,
			       placement(c, kept, index[i]));
			free(kept);
			ok = false;
		}
	for (size_t k = 0; k < t->n_steps; k++)
		if (t->steps[k].required && !present[k] && !typo_of[k])
			REPORT(c, STEP_MISSING, p->agenda_at, t->steps[k].id, t->steps[k].label,
			       placement(c, present, (int)k));
	for (size_t i = 0; i < p->n_agenda; i++)
		if (strcmp(p->agenda[i].step.s, "custom") == 0 && ok)
			check_custom_item(c, i);
	if (ok)
		check_agenda_times(c);
	free(index);
	free(first_at);
	free(present);
	free(keep);
	free(typo_of);
}

/* ---- preparation, time, attendance, roles ---- */

static void check_preparation(struct checker *c)
{
	const struct plan *p = c->p;
	const struct {
		const char *name;
		const struct date_field *f;
	} steps[] = {
		{"preparation.topic_agreed", &p->preparation.topic_agreed},
		{"preparation.presenter_assigned", &p->preparation.presenter_assigned},
		{"preparation.draft_approved", &p->preparation.draft_approved},
		{"preparation.draft_sent", &p->preparation.draft_sent},
	};
	const char *prev_name = NULL;
	const struct date_field *prev = NULL;
	for (size_t i = 0; i < COUNT_OF(steps); i++) {
		const struct date_field *f = steps[i].f;
		if (!f->set)
			continue;
		if (prev && date_cmp(f->v, prev->v) < 0)
			REPORT(c, PREPARATION_ORDER, f->at, steps[i].name, iso(c, f->v), prev_name, iso(c, prev->v));
		if (p->meeting.date.set && date_cmp(f->v, p->meeting.date.v) >= 0)
			REPORT(c, PREPARATION_AFTER_MEETING, f->at, steps[i].name, iso(c, f->v),
			       iso(c, p->meeting.date.v));
		prev = f;
		prev_name = steps[i].name;
	}
}

static bool same_person(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

static const char *absentee_name(const void *ctx, size_t i)
{
	const struct absentee *absent = ctx;
	return absent[i].name.s;
}

/* Each absentee against the roles, and against those listed before: a
 * repeat is reported once (a hash index, as a list may be long). */
static void check_absentees(struct checker *c)
{
	const struct plan *p = c->p;
	const struct {
		const char *role;
		const struct text *who;
	} roles[] = {
		{BI("người chủ trì", "chair"), &p->people.chair},
		{BI("thư ký", "secretary"), &p->people.secretary},
		{BI("người trình bày đề dẫn", "presenter"), &p->people.presenter},
	};
	const struct absentee *absent = p->attendance.absent;
	struct name_index seen = {0};
	for (size_t i = 0; i < p->attendance.n_absent; i++) {
		const struct absentee *a = &absent[i];
		if (!a->name.s)
			continue;
		if (name_index_put(&seen, a->name.s, i, absentee_name, absent) != NAME_NEW)
			REPORT(c, ABSENT_DUPLICATE, a->name.at, a->name.s);
		for (size_t r = 0; r < COUNT_OF(roles); r++)
			if (same_person(a->name.s, roles[r].who->s))
				REPORT(c, ROLE_ABSENT, a->name.at, roles[r].role, a->name.s);
	}
	name_index_free(&seen);
}

static void check_attendance(struct checker *c)
{
	const struct plan *p = c->p;
	if (p->org.official.invalid || p->org.probationary.invalid || p->org.exempt.invalid ||
	    p->attendance.present.invalid)
		return;
	long all = p->org.official.v + p->org.probationary.v;
	if (p->org.exempt.v > all)
		REPORT(c, MEMBERS_EXEMPT_EXCEED, p->org.exempt.at, num(c, p->org.exempt.v), num(c, all));
	if (p->meeting.status == STATUS_HELD && !p->attendance.set)
		REPORT(c, ATTENDANCE_MISSING, p->meeting.status_at, NULL);
	if (!p->attendance.set || !p->attendance.present.set || !p->org.official.set)
		return;
	long expected = plan_expected(p);
	long present = p->attendance.present.v, absent = (long)p->attendance.n_absent;
	struct pos at = p->attendance.present.at;
	if (present > expected)
		REPORT(c, PRESENT_EXCEEDS, at, num(c, present), num(c, expected));
	else if (present + absent > expected)
		REPORT(c, ATTENDANCE_EXCEEDS, p->attendance.at, num(c, present), num(c, absent),
		       num(c, present + absent), num(c, expected));
	else if (present + absent < expected)
		REPORT(c, ATTENDANCE_UNACCOUNTED, p->attendance.at, num(c, present), num(c, absent),
		       num(c, present + absent), num(c, expected), num(c, expected - present - absent));
	if (expected > 0 && present <= expected && p->meeting.status != STATUS_CANCELLED) {
		double rate = 100.0 * (double)present / (double)expected;
		if (rate < c->t->attendance_warning_percent) {
			char r[32], th[32];
			percent_vietnamese(rate, r, sizeof r);
			percent_vietnamese(c->t->attendance_warning_percent, th, sizeof th);
			REPORT(c, ATTENDANCE_LOW, at, arena_strdup(c->arena, r), arena_strdup(c->arena, th));
		}
	}
	check_absentees(c);
}

static void check_times_and_roles(struct checker *c)
{
	const struct plan *p = c->p;
	if (p->meeting.start.set && p->meeting.end.set && p->meeting.end.minutes <= p->meeting.start.minutes)
		REPORT(c, TIME_ORDER, p->meeting.end.at, clock_text(c, p->meeting.end.minutes),
		       clock_text(c, p->meeting.start.minutes));
	if (same_person(p->people.chair.s, p->people.secretary.s))
		REPORT(c, SECRETARY_IS_CHAIR, p->people.secretary.at, p->people.secretary.s);
}

/* ---- the record ---- */

/* The keys a note of record.steps may have: the agenda's step ids and
 * custom titles (the template's steps when the plan has no agenda). */
static const char **note_keys(struct checker *c, size_t *n)
{
	const struct plan *p = c->p;
	size_t cap = p->has_agenda ? p->n_agenda : c->t->n_steps;
	const char **keys = arena_alloc(c->arena, (cap + 1) * sizeof *keys);
	*n = 0;
	if (!p->has_agenda) {
		for (size_t i = 0; i < c->t->n_steps; i++)
			keys[(*n)++] = c->t->steps[i].id;
		return keys;
	}
	for (size_t i = 0; i < p->n_agenda; i++) {
		const struct agenda_item *it = &p->agenda[i];
		if (it->index >= 0)
			keys[(*n)++] = step_id(c, it->index);
		else if (it->title.s)
			keys[(*n)++] = it->title.s;
	}
	return keys;
}

static void check_notes(struct checker *c)
{
	struct record *r = &c->p->record;
	struct decoder dc = {.path = c->p->path, .d = c->d, .arena = c->arena};
	size_t n;
	const char **keys = note_keys(c, &n);
	for (size_t i = 0; i < r->n_notes; i++) {
		struct text *key = &r->notes[i].step;
		int step = template_step_index(c->t, key->s);
		if (step >= 0)  /* a step's label typed for its id */
			key->s = step_id(c, step);
		bool known = false;
		for (size_t k = 0; k < n && !known; k++)
			known = strcmp(keys[k], key->s) == 0;
		if (!known)
			REPORT(c, RECORD_UNKNOWN_STEP, key->at, key->s, dec_suggestion(&dc, key->s, keys, n),
			       dec_join(&dc, keys, n));
	}
}

static void check_vote(struct checker *c)
{
	const struct plan *p = c->p;
	const struct record *r = &p->record;
	if (!r->resolution.set || !r->resolution.yes.set || r->resolution.no.invalid || r->resolution.abstain.invalid ||
	    !p->attendance.set || !p->attendance.present.set)
		return;
	long votes = r->resolution.yes.v + r->resolution.no.v + r->resolution.abstain.v;
	long present = p->attendance.present.v;
	if (votes > present)
		REPORT(c, VOTE_EXCEEDS, r->resolution.at, num(c, votes), num(c, present));
	else if (votes < present)
		REPORT(c, VOTE_INCOMPLETE, r->resolution.at, num(c, votes), num(c, present), num(c, present - votes));
}

static void check_grade(struct checker *c)
{
	struct record *r = &c->p->record;
	if (!r->grade.s)
		return;
	r->grade_index = template_grade(c->t, r->grade.s);
	if (r->grade_index >= 0) {
		r->grade.s = c->t->grades[r->grade_index].id;
		return;
	}
	struct decoder dc = {.path = c->p->path, .d = c->d, .arena = c->arena};
	const char **ids = choice_ids(c, c->t->grades, c->t->n_grades);
	REPORT(c, UNKNOWN_GRADE, r->grade.at, r->grade.s, dec_suggestion(&dc, r->grade.s, ids, c->t->n_grades),
	       c->t->name, dec_join(&dc, ids, c->t->n_grades));
}

static void check_record(struct checker *c)
{
	const struct plan *p = c->p;
	const struct record *r = &p->record;
	if (!r->set)
		return;
	if (p->meeting.status != STATUS_HELD)
		REPORT(c, RECORD_NOT_HELD, r->at, NULL);
	if (r->start.set && r->end.set) {
		int minutes = r->end.minutes - r->start.minutes;
		if (minutes <= 0)
			REPORT(c, TIME_ORDER, r->end.at, clock_text(c, r->end.minutes), clock_text(c, r->start.minutes));
		else if (minutes < c->t->meeting_minimum_minutes)
			REPORT(c, MEETING_SHORT, r->end.at, num(c, minutes), num(c, c->t->meeting_minimum_minutes));
	}
	check_notes(c);
	check_vote(c);
	check_grade(c);
}

/* Absences without reason are what a higher committee looks for. */
static void check_absent_reasons(struct checker *c)
{
	const struct plan *p = c->p;
	if (!c->t->warn_absent_without_reason || p->meeting.status != STATUS_HELD)
		return;
	for (size_t i = 0; i < p->attendance.n_absent; i++) {
		const struct absentee *a = &p->attendance.absent[i];
		if (a->name.s && !a->reason.s)
			REPORT(c, ABSENT_WITHOUT_REASON, a->name.at, a->name.s);
	}
}

/* ---- text left from init, text typed without a Vietnamese keyboard ---- */

/* The names and texts templates/starter/ke-hoach.yaml and de-dan.md hold
 * for the user to replace (the rest of its placeholders end in "...").
 * tests/suites/forms.sh checks that init's files warn at each of them. */
static const char *const starter_placeholders[] = {
	"Nguyễn Văn A", "Trần Thị B", "Lê Văn C", "Phạm Thị D", "Vũ Văn E",
	"Tên bản đề dẫn", "Nội dung ý kiến phát biểu.",
};

static bool ends_with(const char *s, size_t n, const char *tail)
{
	size_t m = strlen(tail);
	return n >= m && memcmp(s + n - m, tail, m) == 0;
}

/* Asked of every text of every plan (fifteen a plan): the first byte
 * rules out most placeholders before they are compared. */
static bool is_placeholder(const char *s)
{
	size_t n = strlen(s);
	if (ends_with(s, n, "...") || ends_with(s, n, "…"))
		return true;
	for (size_t i = 0; i < COUNT_OF(starter_placeholders); i++)
		if (s[0] == starter_placeholders[i][0] && strcmp(s, starter_placeholders[i]) == 0)
			return true;
	return false;
}

/* Two words or more of Latin letters and not one Vietnamese mark:
 * "CHI BO CO QUAN", typed without a Vietnamese keyboard. Marks are the
 * only bytes past ASCII such a text would have. */
static bool lacks_diacritics(const char *s)
{
	int words = 0;
	bool in_word = false;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p >= 0x80)
			return false;
		bool letter = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z');
		if (letter && !in_word)
			words++;
		in_word = letter;
	}
	return words >= 2;
}

void check_typing(const struct text *t, const char *name, const char *file, const struct template *tpl,
		  struct diags *d)
{
	if (!t->s)
		return;
	if (is_placeholder(t->s)) {
		if (tpl->warn_placeholders)
			diag(d, DIAG_PLACEHOLDER_LEFT, file, t->at, name, t->s, NULL);
	} else if (tpl->warn_no_diacritics && lacks_diacritics(t->s)) {
		diag(d, DIAG_NO_DIACRITICS, file, t->at, name, t->s, NULL);
	}
}

/* The plan's own Vietnamese texts: names, titles, places, what was said.
 * Ids, numbers, dates and paths are not among them. */
static void check_texts(struct checker *c)
{
	const struct plan *p = c->p;
	const struct {
		const char *name;
		const struct text *t;
	} one[] = {
		{"organization.superior", &p->org.superior}, {"organization.name", &p->org.name},
		{"organization.place", &p->org.place}, {"meeting.topic", &p->meeting.topic},
		{"meeting.location", &p->meeting.location}, {"people.chair", &p->people.chair},
		{"people.chair_title", &p->people.chair_title}, {"people.secretary", &p->people.secretary},
		{"people.presenter", &p->people.presenter}, {"record.response", &p->record.response},
		{"record.conclusion", &p->record.conclusion}, {"record.resolution.text", &p->record.resolution.text},
	};
	for (size_t i = 0; i < COUNT_OF(one); i++)
		check_typing(one[i].t, one[i].name, p->path, c->t, c->d);
	for (size_t i = 0; i < p->people.n_delegates; i++) {
		check_typing(&p->people.delegates[i].name, "people.delegates[].name", p->path, c->t, c->d);
		check_typing(&p->people.delegates[i].title, "people.delegates[].title", p->path, c->t, c->d);
	}
	for (size_t i = 0; i < p->people.n_contributions; i++) {
		check_typing(&p->people.contributions[i].member, "people.contributions[].member", p->path, c->t, c->d);
		check_typing(&p->people.contributions[i].title, "people.contributions[].title", p->path, c->t, c->d);
	}
	for (size_t i = 0; i < p->attendance.n_absent; i++) {
		check_typing(&p->attendance.absent[i].name, "attendance.absent[].name", p->path, c->t, c->d);
		check_typing(&p->attendance.absent[i].reason, "attendance.absent[].reason", p->path, c->t, c->d);
	}
	for (size_t i = 0; i < p->record.n_opinions; i++) {
		check_typing(&p->record.opinions[i].speaker, "record.opinions[].speaker", p->path, c->t, c->d);
		check_typing(&p->record.opinions[i].text, "record.opinions[].text", p->path, c->t, c->d);
	}
	for (size_t i = 0; i < p->record.n_notes; i++)
		check_typing(&p->record.notes[i].text, "record.steps", p->path, c->t, c->d);
	for (size_t i = 0; i < p->n_agenda; i++) {
		const struct agenda_item *it = &p->agenda[i];
		check_typing(&it->title, "agenda[].title", p->path, c->t, c->d);
		check_typing(&it->person, "agenda[].person", p->path, c->t, c->d);
		for (size_t j = 0; j < it->n_items; j++)
			check_typing(&it->items[j], "agenda[].items[]", p->path, c->t, c->d);
	}
}

bool check_plan(struct plan *p, const struct template *t, struct arena *arena, struct diags *d)
{
	struct checker c = {p, t, arena, d, false};
	check_choices(&c);
	check_agenda(&c);
	check_preparation(&c);
	check_times_and_roles(&c);
	check_attendance(&c);
	check_absent_reasons(&c);
	check_record(&c);
	check_texts(&c);
	return !c.failed;
}

void check_plan_draft(const struct plan *p, const struct draft *dr, const struct template *t, struct diags *d)
{
	check_typing(&dr->title, "title", dr->path, t, d);
	check_typing(&dr->author, "author", dr->path, t, d);
	check_typing(&dr->approved_by, "approved_by", dr->path, t, d);
	if (dr->author.s && p->people.presenter.s && strcmp(dr->author.s, p->people.presenter.s) != 0)
		diag(d, DIAG_DRAFT_AUTHOR_MISMATCH, dr->path, dr->author.at, dr->author.s, p->people.presenter.s, NULL);
	if (dr->approved_on.set && p->meeting.date.set && date_cmp(dr->approved_on.v, p->meeting.date.v) > 0) {
		char a[11], m[11];
		date_iso(dr->approved_on.v, a);
		date_iso(p->meeting.date.v, m);
		diag(d, DIAG_DRAFT_APPROVED_LATE, dr->path, dr->approved_on.at, a, m, NULL);
	}
	if (p->meeting.status == STATUS_HELD && dr->status == DRAFT_STATUS_DRAFT)
		diag(d, DIAG_DRAFT_NOT_APPROVED, dr->path, dr->status_at, draft_status_name(dr->status), NULL);
}
