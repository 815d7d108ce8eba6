/* The tally behind a report: plans stream in, one at a time; per cell it
 * keeps counts, and each meeting's line for the report goes to a spool
 * file, chained per cell from its last meeting back (the file is only
 * appended to), so that memory does not grow with the plans. */
#include "os.h"
#include "report.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "source.h"
#include "text.h"

/* A cell's name key, made again when a hash in an index matches: a
 * register of thousands of cells keeps no key for each. */
struct unit_keys {
	const struct report_tally *r;
	bool bare;  /* without marks */
	char *key;  /* the last one made */
};

static const char *unit_key(const void *ctx, size_t i)
{
	struct unit_keys *k = (struct unit_keys *)ctx;  /* report_tally_init's, mutable */
	free(k->key);
	k->key = text_name_key(k->r->units_v[i].name, k->bare);
	return k->key;
}

static const char *unit_name(const void *ctx, size_t i)
{
	const struct report_tally *r = ctx;
	return r->units_v[i].name;
}

/* A new cell, called name (kept, when in_register, else copied), under
 * key when given (the register's go under theirs in index_registered). */
static struct unit_tally *new_unit(struct report_tally *r, const char *name, const char *key, bool in_register)
{
	struct unit_tally *u = VEC_PUSH(r->units_v, r->n_units, r->cap_units);
	*u = (struct unit_tally){.name = in_register ? name : arena_strdup(&r->arena, name), .in_register = in_register,
				 .last = -1};
	if (key)
		name_index_put(&r->index, key, r->n_units - 1, unit_key, r->key);
	return u;
}

/* The register's cells under their keys, made at the first name not
 * found as written (most plans spell theirs as the register does), and
 * before any cell of no register. */
static void index_registered(struct report_tally *r)
{
	if (r->registered_indexed)
		return;
	r->registered_indexed = true;
	for (size_t i = 0; i < r->n_registered; i++) {
		char *key = text_name_key(r->units_v[i].name, false);
		name_index_put(&r->index, key, i, unit_key, r->key);
		free(key);
	}
}

bool report_tally_init(struct report_tally *r, const struct template *tpl, int year, int quarter,
		       const struct units *u)
{
	*r = (struct report_tally){.tpl = tpl, .units = u, .year = year, .quarter = quarter,
				   .near_budget = 20000000, .spool_at = -1};
	r->spool = quarter ? os_tmpfile() : NULL;
	if (quarter && !r->spool)
		return false;
	r->key = xcalloc(1, sizeof *r->key);
	r->bare_key = xcalloc(1, sizeof *r->bare_key);
	*r->key = (struct unit_keys){r, false, NULL};
	*r->bare_key = (struct unit_keys){r, true, NULL};
	if (u && u->n) {  /* the register's cells, and a few plans of none, without regrowing */
		r->cap_units = u->n + 8;
		r->units_v = xmalloc(r->cap_units * sizeof *r->units_v);
	}
	r->n_registered = u ? u->n : 0;
	for (size_t i = 0; u && i < u->n; i++) {
		struct unit_tally *t = new_unit(r, u->units[i].name.s, NULL, true);
		t->members = u->units[i].members.v;
		name_index_put(&r->exact, t->name, i, unit_name, r);
	}
	return true;
}

/* A registered unit whose name is close to key: the same letters without
 * marks, or a few letters apart. Edit distances are counted against a
 * budget, so that thousands of unlisted plans against thousands of cells
 * stay fast; past it only the first test is made. */
static const struct unit_tally *near_unit(struct report_tally *r, const char *name)
{
	if (!r->bare_index.cap)  /* the keys without marks, made once a name is not found */
		for (size_t k = 0; k < r->n_registered; k++) {
			char *b = text_name_key(r->units_v[k].name, true);
			name_index_put(&r->bare_index, b, k, unit_key, r->bare_key);
			free(b);
		}
	char *bare = text_name_key(name, true);
	size_t i = name_index_get(&r->bare_index, bare, unit_key, r->bare_key);
	free(bare);
	if (i != NAME_NEW)
		return &r->units_v[i];
	char *key = text_name_key(name, false);
	size_t len = utf8_length(key, strlen(key));
	size_t cap = len < 12 ? 1 : len < 40 ? 2 : 3;
	const struct unit_tally *best = NULL;
	size_t best_d = cap + 1;
	if (!r->keys) {  /* the registered cells' keys, made once a name is not found */
		r->keys = xmalloc((r->n_registered + 1) * sizeof *r->keys);
		for (size_t k = 0; k < r->n_registered; k++)
			r->keys[k] = text_name_key(r->units_v[k].name, false);
	}
	for (size_t k = 0; k < r->n_registered && r->near_budget > 0; k++) {
		size_t klen = utf8_length(r->keys[k], strlen(r->keys[k]));
		if ((klen > len ? klen - len : len - klen) > cap)
			continue;
		r->near_budget -= (long)(len * klen);
		size_t d = edit_distance(key, r->keys[k], cap);
		if (d < best_d) {
			best_d = d;
			best = &r->units_v[k];
		}
	}
	free(key);
	return best;
}

/* The cell a plan is about. With a register, only a registered cell is
 * one: a plan whose unit is not in it is tallied under its own name but
 * listed apart (in_register false); the warnings say why. */
static struct unit_tally *unit_of(struct report_tally *r, const struct plan *p, struct diags *d)
{
	const char *name = p->org.name.s;
	size_t i = name_index_get(&r->exact, name, unit_name, r);
	if (i != NAME_NEW)  /* spelt as the register spells it: its key is the same */
		return &r->units_v[i];
	index_registered(r);
	char *key = text_name_key(name, false);
	i = name_index_get(&r->index, key, unit_key, r->key);
	if (i != NAME_NEW) {
		free(key);
		struct unit_tally *u = &r->units_v[i];
		if (d && u->in_register && strcmp(u->name, name) != 0)
			diag(d, DIAG_UNIT_NAME_FOLDED, p->path, p->org.name.at, name, u->name, r->units->path, NULL);
		return u;
	}
	if (d && r->units) {
		const struct unit_tally *near = near_unit(r, name);
		if (near)
			diag(d, DIAG_UNIT_NAME_NEAR, p->path, p->org.name.at, name, r->units->path, near->name, NULL);
		else
			diag(d, DIAG_UNIT_NOT_LISTED, p->path, p->org.name.at, name, r->units->path, NULL);
	}
	struct unit_tally *u = new_unit(r, name, key, false);
	free(key);
	return u;
}

static bool in_period(const struct report_tally *r, struct ymd d)
{
	return d.y == r->year && (r->quarter == 0 || date_quarter(d) == r->quarter);
}

/* The spool record of one meeting; the topic's bytes follow it. */
struct spooled {
	int64_t prev;            /* the unit's meeting before it, -1: none */
	int32_t y, m, d, status, group, grade, combined;
	uint32_t formats, topic_len;
	int64_t present, expected, absent_no_reason;
};

static void spool_meeting(struct report_tally *r, struct unit_tally *u, const struct plan *p, int group,
			  unsigned formats, long absent_no_reason)
{
	if (!r->spool || r->spool_failed)
		return;
	const char *topic = p->meeting.topic.s ? p->meeting.topic.s : "";
	struct spooled s;
	memset(&s, 0, sizeof s);  /* its padding goes to the file too */
	s.prev = u->last;
	s.y = p->meeting.date.v.y;
	s.m = p->meeting.date.v.m;
	s.d = p->meeting.date.v.d;
	s.status = (int32_t)p->meeting.status;
	s.group = group;
	s.grade = p->record.set && p->record.grade.s ? template_grade(r->tpl, p->record.grade.s) : -1;
	s.combined = (int32_t)p->meeting.combined;
	s.formats = formats;
	s.topic_len = (uint32_t)strlen(topic);
	s.present = p->attendance.set ? p->attendance.present.v : -1;
	s.expected = p->attendance.set && p->org.official.set ? plan_expected(p) : -1;
	s.absent_no_reason = absent_no_reason;
	/* appended only, through stdio's buffer: no seek until it is read */
	int64_t at = r->spool_len;
	if (fwrite(&s, sizeof s, 1, r->spool) != 1 || (s.topic_len && fwrite(topic, s.topic_len, 1, r->spool) != 1) ||
	    r->spool_len > LONG_MAX - (int64_t)(sizeof s + s.topic_len)) {  /* fseek takes a long */
		r->spool_failed = true;
		return;
	}
	r->spool_len += (int64_t)(sizeof s + s.topic_len);
	r->spool_at = -1;
	u->last = at;
}

void report_tally_plan(struct report_tally *r, const struct loaded_plan *lp, struct diags *d)
{
	const struct plan *p = &lp->plan;
	if (!in_period(r, p->meeting.date.v))
		return;
	/* no register: the header names the superior all plans share */
	const char *superior = p->org.superior.s;
	if (!r->superiors_differ && superior) {
		if (!r->superior)
			r->superior = arena_strdup(&r->arena, superior);
		else if (strcmp(r->superior, superior) != 0)
			r->superiors_differ = true;
	} else if (!superior && r->superior) {
		r->superiors_differ = true;
	}
	struct unit_tally *u = unit_of(r, p, d);
	if (!u->in_register && p->org.official.set)
		u->members = p->org.official.v + p->org.probationary.v;
	/* groups, formats and grades are matched by id: a plan may use
	 * another template than the report's */
	int g = template_topic_group(r->tpl, p->meeting.category.s);
	unsigned formats = 0;
	for (size_t i = 0; i < p->meeting.n_formats; i++) {
		int f = template_format(r->tpl, p->meeting.formats[i].id.s);
		if (f >= 0 && f < REPORT_MAX_CHOICES)
			formats |= 1u << f;
	}
	long no_reason = 0;
	for (size_t i = 0; p->attendance.set && i < p->attendance.n_absent; i++)
		no_reason += p->attendance.absent[i].reason.s == NULL;
	spool_meeting(r, u, p, g, formats, no_reason);
	bool counts = u->in_register || !r->units;  /* unlisted plans are listed apart */
	if (p->meeting.status == STATUS_PLANNED) {
		u->planned++;
		r->planned += counts;
		return;
	}
	if (p->meeting.status == STATUS_CANCELLED) {
		u->cancelled++;
		r->cancelled += counts;
		return;
	}
	u->by_quarter[date_quarter(p->meeting.date.v) - 1]++;
	if (g >= 0 && g < REPORT_MAX_CHOICES)
		u->groups |= 1u << g;
	long expected = p->attendance.set && p->org.official.set ? plan_expected(p) : 0;
	if (expected) {
		u->present += p->attendance.present.v;
		u->expected += expected;
	}
	u->absent_no_reason += no_reason;
	if (!counts)
		return;
	r->held++;
	if (g >= 0 && g < REPORT_MAX_CHOICES)
		r->by_group[g]++;
	for (int f = 0; f < REPORT_MAX_CHOICES; f++)
		r->by_format[f] += (formats >> f) & 1;
	r->combined += p->meeting.combined != COMBINED_NONE;
	int grade = -1;
	if (p->record.set && p->record.grade.s)
		grade = template_grade(r->tpl, p->record.grade.s);
	if (grade >= 0 && grade < REPORT_MAX_CHOICES)
		r->by_grade[grade]++;
	else
		r->ungraded++;
	if (expected) {
		r->present += p->attendance.present.v;
		r->expected += expected;
	}
	r->absent_no_reason += no_reason;
}

void report_tally_failed(struct report_tally *r, const struct loaded_plan *lp)
{
	r->left_out++;
	const struct plan *p = &lp->plan;
	if (!r->units || !p->org.name.s)
		return;
	if (p->meeting.date.set && !in_period(r, p->meeting.date.v))
		return;
	size_t i = name_index_get(&r->exact, p->org.name.s, unit_name, r);
	if (i == NAME_NEW) {
		index_registered(r);
		char *key = text_name_key(p->org.name.s, false);
		i = name_index_get(&r->index, key, unit_key, r->key);
		free(key);
	}
	if (i != NAME_NEW && r->units_v[i].in_register)
		r->units_v[i].errors = true;
}

static int by_date(const void *a, const void *b)
{
	const struct meeting_line *x = a, *y = b;
	int c = date_cmp(x->date, y->date);
	return c ? c : strcmp(x->topic, y->topic);
}

struct meeting_line *report_meetings(struct report_tally *r, const struct unit_tally *u, size_t *n)
{
	*n = 0;
	struct meeting_line *v = NULL;
	size_t cap = 0;
	for (int64_t at = u->last; at >= 0 && r->spool && !r->spool_failed;) {
		struct spooled s;
		/* cells in the order their plans came read on without a seek,
		 * which would empty stdio's buffer */
		if ((at != r->spool_at && fseek(r->spool, (long)at, SEEK_SET) != 0) ||
		    fread(&s, sizeof s, 1, r->spool) != 1 || s.topic_len > LIMIT_YAML_BYTES) {
			r->spool_failed = true;
			break;
		}
		char *topic = malloc((size_t)s.topic_len + 1);
		if (!topic)
			fatal_oom();
		if (s.topic_len && fread(topic, s.topic_len, 1, r->spool) != 1) {
			free(topic);
			r->spool_failed = true;
			break;
		}
		topic[s.topic_len] = '\0';
		r->spool_at = at + (int64_t)sizeof s + s.topic_len;
		*VEC_PUSH(v, *n, cap) = (struct meeting_line){
			.date = {s.y, s.m, s.d}, .status = s.status, .group = s.group, .grade = s.grade,
			.combined = s.combined, .formats = s.formats, .present = (long)s.present,
			.expected = (long)s.expected, .absent_no_reason = (long)s.absent_no_reason, .topic = topic};
		at = s.prev;
	}
	for (size_t i = 0; i < *n / 2; i++) {  /* in the order they came, as qsort had them */
		struct meeting_line t = v[i];
		v[i] = v[*n - 1 - i];
		v[*n - 1 - i] = t;
	}
	if (*n > 1)
		qsort(v, *n, sizeof *v, by_date);
	return v;
}

void report_meetings_free(struct meeting_line *m, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(m[i].topic);
	free(m);
}

void report_tally_close(struct report_tally *r)
{
	for (size_t i = 0; r->keys && i < r->n_registered; i++)
		free(r->keys[i]);
	free(r->keys);
	r->keys = NULL;
	for (struct unit_keys **k = (struct unit_keys *[]){r->key, r->bare_key, NULL}; *k; k++) {
		free((*k)->key);
		free(*k);
	}
	r->key = r->bare_key = NULL;
	name_index_free(&r->index);
	name_index_free(&r->exact);
	name_index_free(&r->bare_index);
}

void report_tally_free(struct report_tally *r)
{
	report_tally_close(r);
	free(r->units_v);
	if (r->spool)
		fclose(r->spool);
	arena_free(&r->arena);
}
