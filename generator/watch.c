#include "watch.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util.h"

#ifdef __linux__
#include <dirent.h>
#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

bool watch_supported(void)
{
	return true;
}

/* Folders watched at most: a plan's folder tree is a handful. */
#define MAX_WATCHES 256
/* An editor saves in bursts (a temporary, a rename, a chmod): the round
 * runs once the folder has been quiet this long. */
#define QUIET_MS 150

/* Watches dir and the folders under it (not hidden ones); *count grows. */
static void watch_tree(int fd, const char *dir, int depth, int *count)
{
	if (*count >= MAX_WATCHES || depth > 4)
		return;
	if (inotify_add_watch(fd, dir, IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE | IN_MOVED_FROM) < 0)
		return;
	++*count;
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		char *sub = path_join(dir, e->d_name);
		struct stat st;
		if (stat(sub, &st) == 0 && S_ISDIR(st.st_mode))
			watch_tree(fd, sub, depth + 1, count);
		free(sub);
	}
	closedir(d);
}

/* True for the files a round reads: plans, registers, templates
 * (.yaml, .yml) and drafts, notes (.md); never the PDFs a round writes,
 * its temporaries (".NAME.chuyende-…") or an editor's swap files. */
static bool ends_with(const char *name, size_t n, const char *tail)
{
	size_t m = strlen(tail);
	return n > m && strcmp(name + n - m, tail) == 0;
}

static bool is_input_name(const char *name)
{
	size_t n = strlen(name);
	return name[0] != '.' && (ends_with(name, n, ".yaml") || ends_with(name, n, ".yml") || ends_with(name, n, ".md"));
}

/* True when the events in buf[0..len) touch an input. */
static bool touches_input(const char *buf, ssize_t len)
{
	bool hit = false;
	for (ssize_t at = 0; at + (ssize_t)sizeof(struct inotify_event) <= len;) {
		struct inotify_event e;
		memcpy(&e, buf + at, sizeof e);
		if (e.len && is_input_name(buf + at + sizeof e))
			hit = true;
		at += (ssize_t)(sizeof e + e.len);
	}
	return hit;
}

/* Waits for a change to an input, then for the burst it starts to end. */
static bool wait_for_change(int fd)
{
	_Alignas(struct inotify_event) char events[4096];
	struct pollfd p = {fd, POLLIN, 0};
	bool changed = false;
	while (!changed) {
		if (poll(&p, 1, -1) < 0 && errno != EINTR)
			return false;
		do {
			ssize_t len = read(fd, events, sizeof events);
			if (len < 0 && errno != EAGAIN && errno != EINTR)
				return false;
			if (len > 0 && touches_input(events, len))
				changed = true;
		} while (poll(&p, 1, QUIET_MS) > 0);
	}
	return true;
}

int watch_run(const char *const *paths, size_t n, watch_round round, void *ctx)
{
	const char *limit = getenv("CHUYENDE_WATCH_ROUNDS");
	long rounds = limit && *limit ? strtol(limit, NULL, 10) : 0;
	int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "chuyende: không theo dõi được thay đổi (inotify): %s — cannot watch for changes (inotify): %s\n",
			strerror(errno), strerror(errno));
		return EXIT_SYSTEM;
	}
	int count = 0;
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		char *dir = stat(paths[i], &st) == 0 && S_ISDIR(st.st_mode) ? xstrdup(paths[i]) : path_dirname(paths[i]);
		watch_tree(fd, dir, 0, &count);
		free(dir);
	}
	if (count == 0) {
		fprintf(stderr, "chuyende: không theo dõi được thư mục nào — no folder could be watched\n");
		close(fd);
		return EXIT_SYSTEM;
	}
	int status = round(ctx);
	for (long done = 1; rounds == 0 || done < rounds; done++) {
		fflush(stdout);
		if (!wait_for_change(fd))
			break;
		status = round(ctx);
	}
	close(fd);
	return status;
}

#else

bool watch_supported(void)
{
	return false;
}

int watch_run(const char *const *paths, size_t n, watch_round round, void *ctx)
{
	(void)paths;
	(void)n;
	(void)round;
	(void)ctx;
	return EXIT_USAGE;
}

#endif
