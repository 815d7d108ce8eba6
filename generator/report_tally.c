#include "report.h"

#include <stdlib.h>
#include <string.h>

static const char *unit_name(const void *ctx, size_t i)
{
	const struct report_tally *r = ctx;
	return r->units[i].name;
}

/* The tally of the cell called name, made on first sight. Cells are found
 * by hash: a province reports on thousands of them. */
static struct unit_tally *unit_of(struct report_tally *r, const char *name)
{
	size_t i = name_index_put(&r->index, name, r->n_units, unit_name, r);
	if (i != NAME_NEW)
		return &r->units[i];
	struct unit_tally *u = VEC_PUSH(r->units, r->n_units, r->cap_units);
	*u = (struct unit_tally){.name = arena_strdup(&r->arena, name)};
	return u;
}

void report_tally_init(struct report_tally *r, const struct template *tpl, int year, int quarter,
		       const struct units *u)
{
	*r = (struct report_tally){.tpl = tpl, .year = year, .quarter = quarter};
	for (size_t i = 0; u && i < u->n; i++) {
		struct unit_tally *t = unit_of(r, u->units[i].name.s);
		t->in_register = true;
		t->members = u->units[i].members.v;
	}
}

void report_tally_plan(struct report_tally *r, const struct loaded_plan *lp)
{
	const struct plan *p = &lp->plan;
	struct ymd d = p->meeting.date.v;
	if (d.y != r->year || date_quarter(d) != r->quarter) {
		r->other_quarters++;
		return;
	}
	struct unit_tally *u = unit_of(r, p->org.name.s);
	if (!u->in_register && p->org.official.set)
		u->members = p->org.official.v + p->org.probationary.v;
	if (p->meeting.status == STATUS_PLANNED) {
		u->planned++;
		r->planned++;
		return;
	}
	if (p->meeting.status == STATUS_CANCELLED) {
		u->cancelled++;
		r->cancelled++;
		return;
	}
	u->held++;
	r->held++;
	/* groups are matched by id: a plan may use another template */
	int g = template_topic_group(r->tpl, p->meeting.category.s);
	if (g >= 0 && g < REPORT_MAX_CHOICES) {
		r->by_group[g]++;
		u->groups |= 1u << g;
	}
	for (size_t i = 0; i < p->meeting.n_formats; i++) {
		int f = template_format(r->tpl, p->meeting.formats[i].id.s);
		if (f >= 0 && f < REPORT_MAX_CHOICES)
			r->by_format[f]++;
	}
	if (p->attendance.set && p->org.official.set) {
		u->present += p->attendance.present.v;
		u->expected += plan_expected(p);
		r->present += p->attendance.present.v;
		r->expected += plan_expected(p);
	}
}

void report_tally_free(struct report_tally *r)
{
	free(r->units);
	name_index_free(&r->index);
	arena_free(&r->arena);
}
