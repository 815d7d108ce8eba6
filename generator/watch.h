/* --watch: run a command's round again each time a file under the given
 * paths is saved (inotify, Linux). */
#ifndef CHUYENDE_WATCH_H
#define CHUYENDE_WATCH_H

#include <stdbool.h>
#include <stddef.h>

/* One run of the watched command; its exit status. */
typedef int (*watch_round)(void *ctx);

/* True where --watch works (Linux); else the caller refuses it. */
bool watch_supported(void);

/* Runs round once, then again after each save under paths (a file: its
 * folder, and the folders under it, where a plan's draft lives), until a
 * signal ends the process or, with CHUYENDE_WATCH_ROUNDS=N set (tests),
 * after N rounds. Returns the last round's status, or EXIT_SYSTEM when
 * the paths cannot be watched. */
int watch_run(const char *const *paths, size_t n, watch_round round, void *ctx);

#endif
