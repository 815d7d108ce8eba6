/* Writing outputs: the one policy every command follows (README "Outputs").
 *
 *   a new name, or a regular file   written to a temporary file beside it,
 *                                   flushed, renamed into place, the folder
 *                                   flushed: a failure leaves the old file
 *                                   as it was and no temporary behind;
 *   a symbolic link                 followed: the file it points to is
 *                                   replaced as above and the link kept; a
 *                                   link to nothing is refused;
 *   a character device, FIFO, socket written in place, as a stream;
 *   "-"                             standard output;
 *   a folder or a block device      refused, as wrong usage.
 * A terminal never receives a document (a PDF would garble it).
 *
 * Temporary files are named ".NAME.chuyende-PID-XXXXXX". SIGINT, SIGTERM,
 * SIGHUP and SIGPIPE remove the ones a run has open before it dies, and
 * output_sweep removes those that a run which died otherwise left behind. */
#ifndef CHUYENDE_OUTPUT_H
#define CHUYENDE_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "diag.h"

enum output_kind {
	OUTPUT_FILE,     /* made or replaced by renaming a temporary file */
	OUTPUT_STREAM,   /* a device, FIFO or socket: written in place */
	OUTPUT_STDOUT,   /* "-" */
};

struct output {
	const char *path;        /* as given: diagnostics name it */
	enum output_kind kind;
	char *target;            /* OUTPUT_FILE: the file replaced, links resolved */
	char *temp;              /* OUTPUT_FILE: the temporary file while open */
	int fd;
	int slot;                /* in the registry the signal handler reads, or -1 */
	bool failed;
	bool durable;            /* flush to disk before the rename (else the caller syncs: os_sync_tree) */
};

/* Checks before any work that path can receive a document. Reports
 * OUTPUT_NOT_FILE (a folder, a block device, a terminal, a link to
 * nothing) and returns EXIT_USAGE; EXIT_OK otherwise. */
int output_check(const char *path, struct diags *d);

/* Starts writing path. On failure reports OUTPUT_FAILED (or
 * OUTPUT_NOT_FILE) and returns false; o needs no cleanup then. */
bool output_open(struct output *o, const char *path, struct diags *d);
bool output_write(struct output *o, const void *bytes, size_t n, struct diags *d);
/* Puts the document in place (rename), or closes the stream. Reports and
 * returns false on failure, leaving the old file untouched. */
bool output_commit(struct output *o, struct diags *d);
/* Gives up: the temporary file is removed, the old file stays. */
void output_abort(struct output *o);

/* The whole document at once: open, write, commit. */
bool output_file(const char *path, const void *bytes, size_t n, struct diags *d);

/* Removes temporary files of our naming in dir that no running process
 * owns (their process is gone, or they are a day old). */
void output_sweep(const char *dir);
/* The same in the folder of the file path. */
void output_sweep_beside(const char *path);

/* Installs the handlers that remove open temporary files on SIGINT,
 * SIGTERM, SIGHUP and SIGPIPE (Ctrl-C on Windows), then die of the
 * signal as before. */
void output_install_signals(void);

#endif
