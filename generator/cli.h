/* The command line: each command is a function over parsed options. */
#ifndef CHUYENDE_CLI_H
#define CHUYENDE_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "diag.h"

enum color_choice { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

struct options {
	const char *command;      /* "check", "agenda"... */
	const char *output;       /* -o */
	const char *quarter;      /* --quarter 2023-Q1 */
	const char *year;         /* --year 2023 */
	const char *units;        /* --units FILE */
	const char *template_name; /* init --template NAME */
	int jobs;                 /* -j N; 0: the number of cores */
	bool json;                /* --json */
	bool dump_layout;         /* --dump-layout: print the layout instead of writing a PDF */
	bool force;               /* init: overwrite */
	bool quiet;               /* no warnings */
	bool watch;               /* --watch: again on each save (inotify) */
	bool verbose;             /* -v: say what is read and written */
	const char *from;         /* convert --from auto|tcvn3|vni|cp1258 */
	enum msg_lang lang;       /* --lang, else the locale */
	enum color_choice color;  /* --color, NO_COLOR */
	bool color_stdout, color_stderr;  /* color resolved for each stream */
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

/* diags_init for a command: its language, colour (for out), -q and -v. */
void diags_for(struct diags *d, FILE *out, const struct options *o);

/* Prints "chuyende: vi — en" (or one language) to stderr and a pointer to
 * the command's help; returns EXIT_USAGE. */
int usage_error(const struct options *o, const char *vi, const char *en);
/* Prints vi and en to stdout as o->lang asks; false when the write failed. */
bool print_to_user(const struct options *o, const char *vi, const char *en);

/* The last line of build and report, on stderr: "chuyende CMD: vi — en". */
void print_summary(const struct options *o, const char *vi, const char *en);

#endif
