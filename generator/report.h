/* The quarterly report: plans streamed one at a time into a tally (memory
 * grows with the number of cells, never with the number of plans), then
 * the tally as a BÁO CÁO. */
#ifndef CHUYENDE_REPORT_H
#define CHUYENDE_REPORT_H

#include "documents.h"
#include "units.h"

#define REPORT_MAX_CHOICES 32

struct unit_tally {
	const char *name;
	long members;            /* from the register, else from the plans */
	bool in_register;
	int held, planned, cancelled;
	long present, expected;  /* summed over held meetings with attendance */
	unsigned groups;         /* bit i: topic group i held at least once */
};

struct report_tally {
	struct arena arena;      /* unit names */
	const struct template *tpl;
	int year, quarter;
	struct unit_tally *units;
	size_t n_units, cap_units;
	struct name_index index; /* units by name */
	long by_group[REPORT_MAX_CHOICES], by_format[REPORT_MAX_CHOICES];
	long held, planned, cancelled, left_out, other_quarters;
	long present, expected;
};

void report_tally_init(struct report_tally *r, const struct template *tpl, int year, int quarter,
		       const struct units *u);
/* Counts one checked plan (held meetings of the quarter). */
void report_tally_plan(struct report_tally *r, const struct loaded_plan *lp);
void report_tally_free(struct report_tally *r);

struct report_header {
	const struct units *units;   /* may be NULL */
	struct ymd date;             /* the report's date */
};
void build_report(struct compose *c, const struct report_tally *r, const struct report_header *h,
		  struct built_doc *out);

/* The report over plans and folders for one quarter, framed by the
 * register at units_path (or none): used by `report` and `build`. Plans
 * with errors are reported and left out (then the status is 1). */
struct render_target;
struct session;
int report_over(struct session *s, const char *units_path, const char *const *paths, size_t n_paths,
		int year, int quarter, const struct render_target *to);

#endif
