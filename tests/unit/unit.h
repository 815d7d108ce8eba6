/* A minimal unit-test harness: CHECK records a failure with its line and
 * goes on; unit_done prints "unit NAME: N passed, M failed" for tests/run.sh
 * and returns the exit status. */
#ifndef CHUYENDE_UNIT_H
#define CHUYENDE_UNIT_H

#include <math.h>
#include <stdio.h>
#include <string.h>

struct unit_counts {
	int passed, failed;
};
static struct unit_counts unit_counts;

#define CHECK(cond)                                                              \
	do {                                                                     \
		if (cond) {                                                      \
			unit_counts.passed++;                                    \
		} else {                                                         \
			unit_counts.failed++;                                    \
			fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
		}                                                                \
	} while (0)

#define CHECK_STR(got, want)                                                     \
	do {                                                                     \
		const char *g_ = (got), *w_ = (want);                            \
		if (g_ && w_ && strcmp(g_, w_) == 0) {                           \
			unit_counts.passed++;                                    \
		} else {                                                         \
			unit_counts.failed++;                                    \
			fprintf(stderr, "%s:%d: got \"%s\", want \"%s\"\n", __FILE__, __LINE__, \
				g_ ? g_ : "(null)", w_ ? w_ : "(null)");         \
		}                                                                \
	} while (0)

#define CHECK_NEAR(got, want, eps) CHECK(fabs((double)(got) - (double)(want)) <= (eps))

static inline int unit_done(const char *name)
{
	printf("unit %s: %d passed, %d failed\n", name, unit_counts.passed, unit_counts.failed);
	return unit_counts.failed ? 1 : 0;
}

#endif
