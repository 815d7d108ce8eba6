/* A plan: one thematic meeting as plan-format.md §1 describes it, typed,
 * each value with the position it was read at. */
#ifndef CHUYENDE_PLAN_H
#define CHUYENDE_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "decode.h"

enum meeting_status { STATUS_PLANNED, STATUS_HELD, STATUS_CANCELLED };
enum combined { COMBINED_NONE, COMBINED_BEFORE, COMBINED_AFTER };

struct delegate {
	struct text name, title;
};

struct contribution {
	struct text member, title;
};

struct absentee {
	struct text name, reason;   /* reason.s NULL: absent without reason */
};

struct agenda_item {
	struct text step;           /* the step id as written, or "custom" */
	int index;                  /* template step, -1 for custom; set by check */
	struct text title;          /* custom items; overrides the label otherwise */
	struct text person;         /* overrides who performs it */
	struct clock_field time;
	struct text *items;         /* sub-items printed under the step */
	size_t n_items;
	struct pos at;
};

/* One opinion of the discussion, in the order spoken. */
struct opinion {
	struct text speaker, text;
};

/* The notes of one step: keyed by its step id, or a custom item's title. */
struct step_note {
	struct text step, text;
};

/* What happened at a held meeting (plan-format.md §6). */
struct record {
	bool set;
	struct pos at;
	struct clock_field start, end;
	struct step_note *notes;
	size_t n_notes;
	struct opinion *opinions;
	size_t n_opinions;
	struct text response, conclusion;
	struct {
		bool set;
		struct pos at;
		struct text text;
		struct count_field yes, no, abstain;
	} resolution;
	struct text grade;
	int grade_index;            /* the template's grade; set by check */
};

struct format_use {
	struct text id;
	int index;                  /* template format; set by check */
};

struct plan {
	const char *path;
	struct pos at;              /* the top mapping */
	struct text template_name;

	struct {
		struct text superior, name, place;
		struct count_field official, probationary, exempt;
		struct pos members_at;
	} org;

	struct {
		struct text number, topic, category, location;
		int topic_group;            /* set by check */
		struct date_field date;
		struct clock_field start, end;
		enum meeting_status status;
		struct pos status_at;
		struct format_use *formats;
		size_t n_formats;
		enum combined combined;
		struct pos at;
	} meeting;

	struct {
		struct text chair, chair_title, secretary, presenter;
		struct delegate *delegates;
		size_t n_delegates;
		struct contribution *contributions;
		size_t n_contributions;
		struct pos at;
	} people;

	struct {
		bool set;
		struct date_field topic_agreed, presenter_assigned, draft_approved, draft_sent;
	} preparation;

	struct {
		bool set;
		struct pos at;
		struct count_field present;
		struct absentee *absent;
		size_t n_absent;
	} attendance;

	struct text draft;
	struct record record;

	bool has_agenda;
	struct pos agenda_at;
	struct agenda_item *agenda;
	size_t n_agenda;
};

/* Reads a plan from a parsed document. Returns false when any field is
 * missing or of the wrong kind; cross-field rules are check.c's. */
bool plan_decode(struct plan *p, const struct ydoc *doc, struct arena *arena, struct diags *d);

/* Members expected to attend: official + probationary − exempt. */
long plan_expected(const struct plan *p);
/* The notes recorded for the agenda item keyed key (a step id or a
 * custom item's title), or NULL. */
const struct step_note *record_note(const struct plan *p, const char *key);

#endif
