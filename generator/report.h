/* The report over a quarter or a year (plan-format.md §3, §7): plans are
 * streamed one at a time into a tally (memory grows with the number of
 * cells, never with the number of plans: each meeting's line for the
 * report waits in a spool file), then the tally is printed as a BÁO CÁO.
 *
 * What the report may say depends on what it knows: compliance (at least
 * one held meeting per cell per quarter) only against a units register;
 * without one it gives the figures and says that it cannot judge. */
#ifndef CHUYENDE_REPORT_H
#define CHUYENDE_REPORT_H

#include <stdio.h>

#include "documents.h"
#include "draft.h"
#include "units.h"

#define REPORT_MAX_CHOICES 32

/* One for each cell of a register of thousands, in 64 bytes: 32-bit
 * counts (members are at most 100,000, meetings a few a quarter). */
struct unit_tally {
	const char *name;        /* the register's spelling, else the first plan's */
	int64_t last;            /* its last meeting in the spool (offset; -1: none), which chains back */
	int32_t members;         /* from the register, else from the plans */
	int32_t planned, cancelled;
	int32_t present, expected;  /* summed over held meetings with attendance */
	int32_t absent_no_reason;   /* at held meetings */
	uint32_t groups;         /* bit i: topic group i held at least once */
	int32_t by_quarter[4];   /* meetings held in each quarter */
	bool in_register;
	bool errors;             /* a plan of it was left out with errors */
};

/* The meetings u held in the period. */
static inline long unit_held(const struct unit_tally *u)
{
	return (long)u->by_quarter[0] + u->by_quarter[1] + u->by_quarter[2] + u->by_quarter[3];
}

struct report_tally {
	struct arena arena;      /* unit names */
	const struct template *tpl;
	const struct units *units;   /* the register, or NULL: no compliance */
	int year, quarter;       /* quarter 0: the whole year */
	struct unit_tally *units_v;  /* the register's cells first */
	size_t n_units, cap_units, n_registered;
	struct name_index index; /* units by their name's key (text_name_key; the register's once needed), */
	struct name_index exact; /* registered units by their name as written: most plans spell it so */
	struct name_index bare_index; /* registered units by their key without marks (once asked): */
	struct unit_keys *key, *bare_key; /* keys are made again when a hash matches */
	bool registered_indexed; /* the register's cells are in index */
	char **keys;             /* registered units' keys, once a name is not found */
	long near_budget;        /* edit-distance comparisons left for "did you mean" */
	FILE *spool;             /* each meeting of the period, chained per unit */
	int64_t spool_len;       /* bytes written to it */
	int64_t spool_at;        /* where the next read starts, -1: to be sought (after writing) */
	bool spool_failed;
	long by_group[REPORT_MAX_CHOICES], by_format[REPORT_MAX_CHOICES];
	long by_grade[REPORT_MAX_CHOICES], ungraded, combined;
	long held, planned, cancelled, left_out;
	long present, expected, absent_no_reason;
	/* the organization.superior the plans share (no register) */
	const char *superior;
	bool superiors_differ;
};

/* units may be NULL. Returns false (errno set) when no spool file can be
 * made. */
bool report_tally_init(struct report_tally *r, const struct template *tpl, int year, int quarter,
		       const struct units *u);
/* Counts one checked plan (its meeting, if in the period); diagnostics
 * about its unit's name go to d. */
void report_tally_plan(struct report_tally *r, const struct loaded_plan *lp, struct diags *d);
/* A plan with errors: left out, and noted against its unit (the cause a
 * cell held none) when its name and date say whose and when. */
void report_tally_failed(struct report_tally *r, const struct loaded_plan *lp);
/* Once every plan is in: frees what finds a plan's cell (indexes, keys),
 * before the report is laid out. No plan may come after. */
void report_tally_close(struct report_tally *r);
void report_tally_free(struct report_tally *r);

/* One meeting, as the spool gives it back. */
struct meeting_line {
	struct ymd date;
	int status, group, grade, combined;
	unsigned formats;
	long present, expected, absent_no_reason;
	char *topic;             /* malloc'd */
};
/* The meetings of u, by date; *n gets their number. Returns NULL when
 * none (or the spool cannot be read: r->spool_failed). Free with
 * report_meetings_free. */
struct meeting_line *report_meetings(struct report_tally *r, const struct unit_tally *u, size_t *n);
void report_meetings_free(struct meeting_line *m, size_t n);

struct report_header {
	const struct units *units;   /* may be NULL */
	const struct draft *note;    /* the report note, or NULL */
	struct ymd date;             /* the report's date */
};
void build_report(struct compose *c, struct report_tally *r, const struct report_header *h,
		  struct built_doc *out);

/* The report over paths for a quarter (or the year when quarter is 0),
 * framed by the register at units_path (or none). Plans in the folders of
 * exclude belong to other registers and are not read. The report note is
 * looked for in note_dir (NULL: the register's folder). Used by `report`
 * and `build`. Plans with errors are reported and left out (then the
 * status is 1). */
struct render_target;
struct session;
struct report_scope {
	const char *units_path;
	const char *const *paths;
	size_t n_paths;
	const char *const *exclude;
	size_t n_exclude;
	const char *note_dir;
	int year, quarter;
	/* threads that read the plans beside the walk; 0 or 1: this thread
	 * alone. More are used only without -v (whose lines say what is read
	 * as it is read). */
	int readers;
};
/* What a report run did, for its summary line. */
struct report_counts {
	long plans, left_out;    /* plans read; those left out with errors */
	bool written;            /* the document was written */
};
/* counts may be NULL. */
int report_over(struct session *s, const struct report_scope *scope, const struct render_target *to,
		struct report_counts *counts);

#endif
