#include "report.h"

#include <stdlib.h>
#include <string.h>

static size_t name_hash(const char *s)
{
	size_t h = 1469598103934665603ULL;  /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static void index_grow(struct report_tally *r)
{
	size_t cap = r->index_cap ? r->index_cap * 2 : 64;
	size_t *index = xcalloc(cap, sizeof *index);
	for (size_t i = 0; i < r->n_units; i++) {
		size_t k = name_hash(r->units[i].name) & (cap - 1);
		while (index[k])
			k = (k + 1) & (cap - 1);
		index[k] = i + 1;
	}
	free(r->index);
	r->index = index;
	r->index_cap = cap;
}

/* The tally of the cell called name, made on first sight. Cells are found
 * by hash: a province reports on thousands of them. */
static struct unit_tally *unit_of(struct report_tally *r, const char *name)
{
	if (2 * (r->n_units + 1) > r->index_cap)
		index_grow(r);
	size_t k = name_hash(name) & (r->index_cap - 1);
	for (; r->index[k]; k = (k + 1) & (r->index_cap - 1))
		if (strcmp(r->units[r->index[k] - 1].name, name) == 0)
			return &r->units[r->index[k] - 1];
	struct unit_tally *u = VEC_PUSH(r->units, r->n_units, r->cap_units);
	*u = (struct unit_tally){.name = arena_strdup(&r->arena, name)};
	r->index[k] = r->n_units;
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
	free(r->index);
	arena_free(&r->arena);
}
