/* Diagnostics: one table (diag.def), collected per run, printed as
 * "file:line:col: error: [CODE] vi — en" or as JSON. */
#ifndef CHUYENDE_DIAG_H
#define CHUYENDE_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* A 1-based source position; line 0 means "the whole file". */
struct pos {
	int line, col;
};

enum diag_level { LEVEL_ERROR, LEVEL_WARNING, LEVEL_NOTE, LEVEL_SYSTEM };

/* The language of messages: both (Vietnamese " — " English), or one.
 * JSON always carries both. */
enum msg_lang { LANG_BOTH, LANG_VI, LANG_EN };

enum diag_code {
#define D(code, level, vi, en) DIAG_##code,
#include "diag.def"
#undef D
	DIAG_COUNT
};

/* Joins a Vietnamese and an English wording into one diagnostic argument. */
#define BI(vi, en) vi "\x1F" en

struct diag {
	enum diag_code code;
	enum diag_level level;   /* the code's, but see TOO_MANY_DIAGNOSTICS */
	char *file;
	struct pos at;
	char *vi, *en;
	size_t seq;
};

struct diags {
	struct diag *v;
	size_t n, cap;
	size_t errors, warnings, notes, system;  /* totals since the start */
	size_t per_file_limit;            /* 0: no limit */
	size_t in_file;                   /* reported for the current file */
	bool json, json_started, quiet_warnings;
	bool only_system;                 /* print system errors only (inputs were reported already) */
	bool report_only;                 /* with only_system: print the report's own warnings too
	                                   * (a unit name matched or not), which no check gave */
	enum msg_lang lang;               /* of the text lines (--lang, the locale) */
	bool color;                       /* colour the text lines (a terminal, --color) */
	FILE *log;                        /* -v: each file read and written, or NULL */
	FILE *out;
};

void diags_init(struct diags *d, FILE *out, bool json);
/* Reports one diagnostic; the variadic arguments are const char *,
 * terminated by NULL. */
void diag(struct diags *d, enum diag_code code, const char *file, struct pos at, ...);
/* Moves what from holds (reported there with no per-file limit) into d,
 * in the order it was reported, as if reported to d now. */
void diags_append(struct diags *d, struct diags *from);
/* Frees what d holds, printing nothing. */
void diags_discard(struct diags *d);
/* Sorts what was reported since the last flush by position and prints it. */
void diags_flush(struct diags *d);
/* Closes the JSON array, frees everything. */
void diags_finish(struct diags *d);

const char *diag_code_name(enum diag_code code);
enum diag_level diag_code_level(enum diag_code code);
/* Formats code's text in one language (0 Vietnamese, 1 English). */
char *diag_format(enum diag_code code, int lang, const char *const *args, size_t nargs);
/* Writes s as a JSON string literal. */
void json_string(FILE *out, const char *s);

/* Prints vi and en as lang asks: "vi — en", "vi" or "en", then a line
 * end. False when the write failed. */
bool print_bi(FILE *out, enum msg_lang lang, const char *vi, const char *en);
/* -v: "chuyende: verb_vi — verb_en: path" on d->log, when set. */
void diag_log(const struct diags *d, const char *verb_vi, const char *verb_en, const char *path);

/* Exit status for what was reported: 3 system, 1 errors, 0 otherwise. */
int diags_exit_status(const struct diags *d);

#endif
