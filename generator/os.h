/* What differs between the platforms, behind one interface: os_posix.c
 * (Linux) and os_win32.c (Windows, built with mingw-w64). Nothing else in
 * the program includes a platform's own headers for these.
 *
 * Paths are UTF-8 everywhere, with "/" between names; on Windows each call
 * converts them to UTF-16 and uses the wide-character calls, so folders
 * such as "Chi bộ Văn phòng" work whatever the code page. Calls that fail
 * return -1, NULL or false with errno set. */
#ifndef CHUYENDE_OS_H
#define CHUYENDE_OS_H

#include <fcntl.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/types.h>

/* POSIX names Windows lacks; what they ask for has no meaning there. */
#ifndef S_ISLNK
#define S_ISLNK(m) 0
#endif
#ifndef O_CLOEXEC
#define O_CLOEXEC 0
#endif
#ifndef O_NOCTTY
#define O_NOCTTY 0
#endif
#ifndef O_NONBLOCK
#define O_NONBLOCK 0
#endif

/* At the start of main: the arguments as UTF-8 (Windows gives them in
 * the ANSI code page unless asked), the console told to show UTF-8, and
 * the standard streams in binary mode (a PDF on "-" is bytes). */
void os_init(int *argc, char ***argv);
/* Gives the heap's free pages back to the system (glibc keeps those
 * between blocks in use), between the stages of a long run; nothing
 * where the C library does it by itself. */
void os_release_memory(void);

/* ---- files by UTF-8 name ---- */
FILE *os_fopen(const char *path, const char *mode);  /* binary on Windows */
int os_open(const char *path, int flags, int mode);   /* binary on Windows */
/* Up to n bytes at off, wherever the file position is (pread; ReadFile at
 * an offset on Windows): the count read, 0 at the end, or -1. */
ssize_t os_pread(int fd, void *buf, size_t n, int64_t off);
/* The first n bytes of the regular file open as fd, mapped read-only
 * (mmap; a file mapping on Windows), or NULL: read it instead. The mapping
 * outlives fd. On POSIX a file cut shorter while mapped raises SIGBUS when
 * the lost part is touched, which os_cleanup_on_interrupt turns into a
 * system error. */
const void *os_map_file(int fd, size_t n);
void os_unmap_file(const void *p, size_t n);
/* Reads on fd wait again (after opening with O_NONBLOCK, which keeps a
 * FIFO with no writer from hanging the open). */
bool os_blocking(int fd);
int os_stat(const char *path, struct stat *st);
int os_lstat(const char *path, struct stat *st);       /* stat where there are no links */
int os_mkdir(const char *path);
int os_unlink(const char *path);
/* Puts from in place of to in one step, replacing it (Windows:
 * MoveFileExW with MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH). */
int os_replace(const char *from, const char *to);
/* The absolute path with links resolved (malloc'd), "/" between names. */
char *os_realpath(const char *path);
bool os_readable(const char *path);
/* The names in dir but "." and "..", sorted bytewise (malloc'd, each
 * name too), and when kinds is not NULL what each is as the listing
 * tells it (malloc'd), sparing a stat of each; false with errno. */
enum os_kind { OS_KIND_UNKNOWN, OS_KIND_FILE, OS_KIND_DIR, OS_KIND_LINK, OS_KIND_OTHER };
/* The same, only the names that start with prefix (NULL: all), sorted
 * or in the listing's order: a sweep for leftovers in a folder of
 * thousands of papers copies and sorts none of them. */
bool os_list_dir_where(const char *dir, const char *prefix, bool sorted, char ***names, unsigned char **kinds,
		       size_t *n);
static inline bool os_list_dir_kinds(const char *dir, char ***names, unsigned char **kinds, size_t *n)
{
	return os_list_dir_where(dir, NULL, true, names, kinds, n);
}
static inline bool os_list_dir(const char *dir, char ***names, size_t *n)
{
	return os_list_dir_kinds(dir, names, NULL, n);
}
void os_names_free(char **names, size_t n);
/* For os_posix.c and os_win32.c (defined once, in util.c): sorts the
 * entries a listing found and hands them out as os_list_dir_kinds does. */
struct os_entry {
	char *name;
	unsigned char kind;
};
void os_hand_out_entries(struct os_entry *v, size_t count, bool sorted, char ***names, unsigned char **kinds,
			 size_t *n);

/* Identity and version of a file (links followed): volume and file
 * number (device and inode), size, modification time. */
struct os_file_stamp {
	uint64_t dev, ino, size;
	int64_t mtime_ns;
};
bool os_file_stamp(const char *path, struct os_file_stamp *s);
/* The same of an open file, whose fstat is st (POSIX: no call more). */
bool os_fd_stamp(int fd, const struct stat *st, struct os_file_stamp *s);

/* mkstemp: creates a new file from tmpl, whose last six characters are
 * "XXXXXX" (replaced), readable and writable, with the permissions mode
 * (POSIX); its descriptor, or -1. The file is registered for removal on
 * interruption (os_cleanup_on_interrupt) in the same step, so that no
 * interruption finds it made but not registered: *slot is for
 * os_cleanup_drop (-1 when the registry is full: the file is then still
 * removed on failure, not on interruption). */
int os_create_temp(char *tmpl, unsigned mode, int *slot);
/* The file's bytes, then (best effort) the folder's entry, on the disk. */
int os_fsync(int fd);
void os_sync_folder(const char *dir);
/* Every file written under dir, and the folders, on the disk (a build
 * syncs once at the end rather than each of its thousands of files):
 * syncfs on Linux, each file flushed on Windows. 0, or -1 with errno. */
int os_sync_tree(const char *dir);
/* A scratch file removed when closed (tmpfile, which fails on Windows
 * where the root of the drive is not writable). */
FILE *os_tmpfile(void);
/* A stream whose bytes are handed over at the end (open_memstream). */
struct os_membuf {
	FILE *f;
	char **text;
	size_t *len;
};
FILE *os_memstream(struct os_membuf *m, char **text, size_t *len);
/* Closes the stream; *text (NUL-terminated) and *len hold what was written. */
bool os_memstream_close(struct os_membuf *m);

/* ---- the program and its processes ---- */
/* The folder of the running program (malloc'd), or NULL. */
char *os_exe_dir(void);
long os_cpu_count(void);
long os_pid(void);
bool os_process_alive(long pid);
double os_seconds(void);  /* monotonic */
bool os_is_terminal(int fd);

/* Interruption (SIGINT, SIGTERM, SIGHUP, SIGPIPE; Ctrl-C, Ctrl-Break and
 * closing the console on Windows): the files registered are removed, the
 * workers stopped, then the process dies as it would have. The registry
 * is the one state of its own a handler forces on us. A SIGBUS (a mapped
 * font cut shorter, see os_map_file) removes them too, and ends the run
 * with status 3 and a message on standard error. */
void os_cleanup_on_interrupt(void);
/* No longer to be removed: the slot os_create_temp gave. */
void os_cleanup_drop(int slot);

/* ---- helper threads ----
 * Threads beside the caller's, sharing its memory (a page deflated while
 * the next is drawn; a report's plans read while the folders are
 * walked), and a lock with one condition to hand work between them.
 * NULL when one cannot be made: then do the work in line. */
struct os_thread;
struct os_thread *os_thread_start(void (*fn)(void *ctx), void *ctx);
/* Waits for the thread to end and frees it. */
void os_thread_join(struct os_thread *t);
struct os_lock;
struct os_lock *os_lock_new(void);
void os_lock_free(struct os_lock *l);
void os_lock(struct os_lock *l);
void os_unlock(struct os_lock *l);
/* Held: lets go of the lock until os_lock_wake, then holds it again
 * (it may also return without one: check what is waited for). */
void os_lock_wait(struct os_lock *l);
/* Wakes every thread in os_lock_wait on l. */
void os_lock_wake(struct os_lock *l);

/* ---- parallel work ---- */
struct os_channel;
/* One worker's share: k of n. Returns false on a failure that makes the
 * worker's results incomplete. */
typedef bool os_work_fn(void *ctx, size_t k, size_t n, struct os_channel *ch);
/* Hands one message to the caller's receive function, whole. */
bool os_channel_send(struct os_channel *ch, const void *msg, size_t len);
/* Each message, in the caller's thread, in the order each worker sent it. */
typedef void os_receive_fn(void *ctx, const void *msg, size_t len);
/* Runs n workers at once: processes on POSIX (fork), threads on Windows.
 * Returns how many started (the shares of those that did not stay
 * undone; errno says why); *failed is set when one did not end well. */
size_t os_run_workers(size_t n, os_work_fn *work, os_receive_fn *receive, void *ctx, bool *failed);

#endif
