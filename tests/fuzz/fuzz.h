/* Shared by the libFuzzer harnesses: a scratch folder to run in, a sink for
 * diagnostics, and a source made from the fuzzer's bytes. libFuzzer calls
 * the harness again and again in one process, so what is set up once lives
 * in statics here (the only mutable globals in the project). */
#ifndef CHUYENDE_FUZZ_H
#define CHUYENDE_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "source.h"
#include "util.h"

#ifndef SOURCE_ROOT
#error "build with -DSOURCE_ROOT=\"/path/to/the/checkout\""
#endif

/* The draft a fuzzed plan may name (draft: de-dan.md). */
static const char fuzz_draft_fixture[] =
	"---\ntitle: Học tập và làm theo tư tưởng Hồ Chí Minh\nstatus: draft\n---\n"
	"# Đặt vấn đề\n\nChi bộ **tổ chức** sinh hoạt chuyên đề.\n\n- Một\n- Hai\n";

static FILE *fuzz_devnull;

/* Runs once: templates from the checkout, a scratch folder with the draft
 * fixture as the working folder, diagnostics to /dev/null. */
static void fuzz_setup(void)
{
	setenv("CHUYENDE_TEMPLATES", SOURCE_ROOT "/templates", 0);
	char dir[] = "/tmp/chuyende-fuzz-XXXXXX";
	FILE *f;
	if (!mkdtemp(dir) || chdir(dir) != 0 || !(f = fopen("de-dan.md", "w")) ||
	    fputs(fuzz_draft_fixture, f) == EOF || fclose(f) != 0 ||
	    !(fuzz_devnull = fopen("/dev/null", "w"))) {
		perror("fuzz setup");
		abort();
	}
}

/* libFuzzer's entry points; each harness defines the second. */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_setup();
	return 0;
}

/* The fuzzer's bytes as a source named name: NUL-terminated and owned, as
 * source_read makes them. Inputs past the cap are what source_read would
 * refuse, so the harness skips them (returns false). */
static bool fuzz_source(struct source *src, const char *name, const uint8_t *data, size_t size,
			size_t cap)
{
	if (size > cap)
		return false;
	char *bytes = xmalloc(size + 1);
	if (size)
		memcpy(bytes, data, size);
	bytes[size] = '\0';
	*src = (struct source){.path = name, .bytes = bytes, .len = size};
	return true;
}

#endif
