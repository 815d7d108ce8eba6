/* What the command line offers, as data: every option, every command with
 * the options it takes, and the help printed from them (chuyende --help,
 * chuyende help CMD, CMD --help). main.c parses with these tables; the
 * man pages and shell completions say the same in their own files. */
#ifndef CHUYENDE_HELP_H
#define CHUYENDE_HELP_H

#include <stdbool.h>
#include <stdio.h>

#include "diag.h"

enum opt_id {
	OPT_OUTPUT, OPT_QUARTER, OPT_YEAR, OPT_UNITS, OPT_JOBS, OPT_JSON, OPT_WATCH, OPT_DUMP_LAYOUT,
	OPT_FORCE, OPT_TEMPLATE, OPT_FROM, OPT_QUIET, OPT_VERBOSE, OPT_COLOR, OPT_LANG, OPT_HELP, OPT_VERSION,
	OPT_COUNT
};
#define OPT_BIT(id) (1u << (id))
/* Options every command takes. */
#define OPTS_COMMON (OPT_BIT(OPT_VERBOSE) | OPT_BIT(OPT_COLOR) | OPT_BIT(OPT_LANG) | OPT_BIT(OPT_HELP))

struct option_info {
	char short_name;          /* 0: long only */
	const char *long_name;
	const char *arg;          /* "FILE", or NULL for a flag */
	const char *vi, *en;
};
extern const struct option_info option_table[OPT_COUNT];

struct command_info {
	const char *name;
	unsigned opts;            /* OPT_BIT of each option it takes besides OPTS_COMMON */
	const char *usage;        /* what follows "chuyende NAME" */
	const char *short_vi, *short_en;  /* for the list of commands */
	const char *vi, *en;      /* what it does */
	const char *output_vi, *output_en;  /* what -o names here, when it takes -o */
	const char *example;
	const char *example_vi, *example_en;
};

/* The command called name, or NULL. */
const struct command_info *command_find(const char *name);
/* A command close to name ("chek" -> "check"), or NULL. */
const char *command_suggest(const char *name);

/* chuyende --help; false when the write failed. */
bool help_main(FILE *out, enum msg_lang lang);
/* chuyende help CMD: usage, what it does, its options, one example. */
bool help_command(FILE *out, const struct command_info *c, enum msg_lang lang);

#endif
