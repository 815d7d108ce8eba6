/* The command line: each command is a function over parsed options. */
#ifndef CHUYENDE_CLI_H
#define CHUYENDE_CLI_H

#include <stdbool.h>
#include <stddef.h>

struct options {
	const char *output;       /* -o */
	const char *quarter;      /* --quarter 2023-Q1 */
	const char *year;         /* --year 2023 */
	const char *units;        /* --units FILE */
	int jobs;                 /* -j N; 0: the number of cores */
	bool json;                /* --json */
	bool dump_layout;         /* --dump-layout: print the layout instead of writing a PDF */
	bool force;               /* init: overwrite */
	bool quiet;               /* no warnings */
	bool watch;               /* --watch: again on each save (inotify) */
	const char *from;         /* convert --from auto|tcvn3|vni|cp1258 */
	const char **args;        /* positional arguments */
	size_t n_args;
};

int cmd_check(const struct options *o);
int cmd_init(const struct options *o);
int cmd_convert(const struct options *o);
int cmd_agenda(const struct options *o);
int cmd_minutes(const struct options *o);
int cmd_paper(const struct options *o);
int cmd_report(const struct options *o);
int cmd_build(const struct options *o);
int cmd_archive(const struct options *o);
int cmd_verify(const struct options *o);
int cmd_schema(const struct options *o);

/* Prints "chuyende: message — english" to stderr and returns EXIT_USAGE. */
int usage_error(const char *vi, const char *en);

#endif
