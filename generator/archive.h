/* The archive register (sổ lưu trữ): every archived document of an output
 * folder — final topic papers — with its kind, date, cell, topic,
 * presenter, pages, SHA-256 and file. so-luu-tru.csv is its memory: each
 * build reads it back and keeps the entries it does not renew, so that a
 * plan with errors never makes its archived paper vanish from the list.
 * so-luu-tru.pdf prints it (doc_register.c). */
#ifndef CHUYENDE_ARCHIVE_H
#define CHUYENDE_ARCHIVE_H

#include "date.h"
#include "diag.h"
#include "util.h"

#define REGISTER_CSV "so-luu-tru.csv"
#define REGISTER_PDF "so-luu-tru.pdf"

/* Why an entry was not renewed by the last build, kept all the same. */
enum entry_state {
	ENTRY_CURRENT,       /* written by this build */
	ENTRY_PLAN_ERRORS,   /* its plan has errors now: the earlier file is kept */
	ENTRY_PLAN_GONE,     /* no plan of the folder makes it any more */
	ENTRY_STATE_COUNT
};

/* The kinds of document archived, as the register's CSV names them. */
#define KIND_PAPER "de-dan"
#define KIND_MINUTES "bien-ban"

struct archive_entry {
	char *kind;              /* KIND_PAPER or KIND_MINUTES */
	char *number;            /* its document number, "" when the plan has none */
	struct ymd date;         /* the meeting's */
	char *cell, *topic;
	char *author;            /* the presenter of a paper, the secretary of minutes */
	char *file;              /* relative to the output folder, "/"-separated */
	int pages;
	char sha256[65];
	enum entry_state state;
};

struct archive {
	struct archive_entry *v;
	size_t n, cap;
};

/* Adds an entry for the file at path (hashed now); copies the strings.
 * False with errno set when the file cannot be read. */
bool archive_add(struct archive *a, const struct archive_entry *e, const char *path);
/* Reads an earlier so-luu-tru.csv. A file that does not exist is an
 * empty register; one that cannot be read or parsed is reported
 * (REGISTER_UNREADABLE) and false is returned. */
bool archive_read(struct archive *a, const char *csv_path, struct diags *d);
/* Entries sorted by date, cell, file. */
void archive_sort(struct archive *a);
/* The register as CSV (RFC 4180; formulas neutralised, README). */
void archive_csv(const struct archive *a, struct buf *out);
/* The machine name of a state in the CSV ("" for current). */
const char *entry_state_name(enum entry_state s);
void archive_free(struct archive *a);

/* SHA-256 of a file as 64 hex digits; false with errno set. */
bool sha256_file(const char *path, char out[65]);

#endif
