/* The layout's golden files (tests/layout/, as lowdown's regress/): each
 * small plan NAME.yaml, with the draft it names, laid out as the document
 * its name begins with (agenda-, minutes-, paper-), must dump exactly as
 * NAME.dump beside it. This binary is linked without libharu or zlib
 * (Makefile): the layout is tested with no PDF writer at all, so a change
 * to the painter cannot break these tests, and a layout that reached for
 * it would not link. UPDATE=1 rewrites the dumps (review them in the diff). */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "unit.h"

#define CASES "tests/layout"

/* The document a case's name begins with; TDOC_COUNT for none. */
static enum tdoc kind_of(const char *name)
{
	static const struct {
		const char *prefix;
		enum tdoc kind;
	} kinds[] = {{"agenda-", TDOC_AGENDA}, {"minutes-", TDOC_MINUTES}, {"paper-", TDOC_PAPER}};
	for (size_t i = 0; i < COUNT_OF(kinds); i++)
		if (strncmp(name, kinds[i].prefix, strlen(kinds[i].prefix)) == 0)
			return kinds[i].kind;
	return TDOC_COUNT;
}

/* The dump of one case into *out (malloc'd); false when it did not render. */
static bool dump_case(const char *path, enum tdoc kind, char **out, size_t *n)
{
	struct diags d;
	diags_init(&d, stderr, false);
	struct session s;
	session_init(&s, &d);
	struct loaded_plan lp;
	bool ok = session_load_plan(&s, path, &lp);
	FILE *f = tmpfile();
	ok = ok && f;
	struct render_target to = {.dump = f};
	/* no page_writer: only a dump can be made */
	ok = ok && render_plan_with(NULL, kind, &lp, &to, &d) == EXIT_OK;
	diags_flush(&d);
	*out = NULL;
	*n = 0;
	if (ok && fflush(f) == 0 && fseek(f, 0, SEEK_END) == 0) {
		long size = ftell(f);
		ok = size >= 0 && fseek(f, 0, SEEK_SET) == 0;
		*out = xmalloc((size_t)(size > 0 ? size : 1));
		ok = ok && fread(*out, 1, (size_t)size, f) == (size_t)size;
		*n = (size_t)size;
	}
	if (f)
		fclose(f);
	loaded_plan_free(&lp);
	session_free(&s);
	diags_finish(&d);
	return ok;
}

static void check_case(const char *name)
{
	char path[1024], golden[1024];
	snprintf(path, sizeof path, "%s/%s", CASES, name);
	snprintf(golden, sizeof golden, "%s/%.*s.dump", CASES, (int)(strlen(name) - 5), name);
	enum tdoc kind = kind_of(name);
	CHECK(kind != TDOC_COUNT);
	if (kind == TDOC_COUNT) {
		fprintf(stderr, "%s: the name does not say agenda-, minutes- or paper-\n", path);
		return;
	}
	char *got, *want = NULL;
	size_t n, n_want = 0;
	bool ok = dump_case(path, kind, &got, &n);
	CHECK(ok);
	if (ok && getenv("UPDATE")) {
		FILE *f = fopen(golden, "wb");
		CHECK(f && fwrite(got, 1, n, f) == n && fclose(f) == 0);
	} else if (ok) {
		bool read = read_file(golden, 1 << 26, &want, &n_want) == READ_OK;
		bool same = read && n == n_want && memcmp(got, want, n) == 0;
		CHECK(same);
		if (!same)
			fprintf(stderr, "%s: the layout differs from %s (UPDATE=1 %s rewrites it)\n", path, golden,
				"build/tests/dump_test");
	}
	free(got);
	free(want);
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int is_case(const struct dirent *e)
{
	size_t n = strlen(e->d_name);
	return n > 5 && strcmp(e->d_name + n - 5, ".yaml") == 0;
}

int main(void)
{
	/* run from the source root (tests/run.sh): its templates and fonts */
	setenv("CHUYENDE_TEMPLATES", "templates", 0);
	struct dirent **names;
	int n = scandir(CASES, &names, is_case, by_name);
	CHECK(n >= 6);  /* a folder gone or emptied is a failure, not a pass */
	for (int i = 0; i < n; i++) {
		check_case(names[i]->d_name);
		free(names[i]);
	}
	if (n >= 0)
		free(names);
	return unit_done("dump");
}
