#define _GNU_SOURCE  /* syncfs */
/* os.h on POSIX systems (Linux). */
#include "os.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "util.h"

void os_init(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;  /* already UTF-8 bytes, as the terminal typed them */
#ifdef __GLIBC__
	/* glibc raises its mmap threshold to the size of each large block
	 * freed (a register's text, read once), and keeps twice that free at
	 * the top of the heap: after that, the arrays of a report over
	 * thousands of cells and the pages of libharu come from the heap and
	 * stay in it. Fixed thresholds keep such blocks apart and give them
	 * back when freed. */
	if (!mallopt(M_MMAP_THRESHOLD, 128 * 1024) || !mallopt(M_TRIM_THRESHOLD, 128 * 1024))
		return;  /* only a matter of memory use */
#endif
}

void os_release_memory(void)
{
#ifdef __GLIBC__
	malloc_trim(0);
#endif
}

FILE *os_fopen(const char *path, const char *mode)
{
	return fopen(path, mode);
}

int os_open(const char *path, int flags, int mode)
{
	return open(path, flags, mode);
}

ssize_t os_pread(int fd, void *buf, size_t n, int64_t off)
{
	return pread(fd, buf, n, (off_t)off);
}

const void *os_map_file(int fd, size_t n)
{
	if (n == 0)
		return NULL;
	void *p = mmap(NULL, n, PROT_READ, MAP_PRIVATE, fd, 0);
	return p == MAP_FAILED ? NULL : p;
}

void os_unmap_file(const void *p, size_t n)
{
	if (p)
		munmap((void *)p, n);
}

bool os_blocking(int fd)
{
	int flags = fcntl(fd, F_GETFL);
	return flags >= 0 && fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) == 0;
}

int os_stat(const char *path, struct stat *st)
{
	return stat(path, st);
}

int os_lstat(const char *path, struct stat *st)
{
	return lstat(path, st);
}

int os_mkdir(const char *path)
{
	return mkdir(path, 0777);
}

int os_unlink(const char *path)
{
	return unlink(path);
}

int os_replace(const char *from, const char *to)
{
	return rename(from, to);
}

char *os_realpath(const char *path)
{
	return realpath(path, NULL);
}

bool os_readable(const char *path)
{
	return access(path, R_OK) == 0;
}


static unsigned char kind_of(const struct dirent *e)
{
	switch (e->d_type) {
	case DT_REG: return OS_KIND_FILE;
	case DT_DIR: return OS_KIND_DIR;
	case DT_LNK: return OS_KIND_LINK;
	case DT_UNKNOWN: return OS_KIND_UNKNOWN;  /* the file system does not say */
	default: return OS_KIND_OTHER;
	}
}

bool os_list_dir_where(const char *dir, const char *prefix, bool sorted, char ***names, unsigned char **kinds,
		       size_t *n)
{
	size_t plen = prefix ? strlen(prefix) : 0;
	DIR *dp = opendir(dir);
	if (!dp)
		return false;
	struct os_entry *v = NULL;
	size_t count = 0, cap = 0;
	struct dirent *e;
	errno = 0;
	while ((e = readdir(dp)) != NULL) {
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0 &&
		    (!prefix || strncmp(e->d_name, prefix, plen) == 0))
			*VEC_PUSH(v, count, cap) = (struct os_entry){xstrdup(e->d_name), kind_of(e)};
		errno = 0;
	}
	int err = errno;
	closedir(dp);
	if (err) {
		for (size_t k = 0; k < count; k++)
			free(v[k].name);
		free(v);
		errno = err;
		return false;
	}
	os_hand_out_entries(v, count, sorted, names, kinds, n);
	return true;
}

bool os_fd_stamp(int fd, const struct stat *st, struct os_file_stamp *s)
{
	(void)fd;
	*s = (struct os_file_stamp){(uint64_t)st->st_dev, (uint64_t)st->st_ino, (uint64_t)st->st_size,
				    (int64_t)st->st_mtim.tv_sec * 1000000000 + st->st_mtim.tv_nsec};
	return true;
}

bool os_file_stamp(const char *path, struct os_file_stamp *s)
{
	struct stat st;
	return stat(path, &st) == 0 && os_fd_stamp(-1, &st, s);
}

int os_fsync(int fd)
{
	return fsync(fd);
}

int os_sync_tree(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int r = syncfs(fd);  /* the file system holding dir: one call for the whole tree */
	int err = errno;
	close(fd);
	errno = err;
	return r;
}

/* The folder holds a new name only once it is flushed too. Best effort:
 * some file systems cannot flush a folder. */
void os_sync_folder(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

FILE *os_tmpfile(void)
{
	return tmpfile();
}

FILE *os_memstream(struct os_membuf *m, char **text, size_t *len)
{
	*m = (struct os_membuf){open_memstream(text, len), text, len};
	return m->f;
}

bool os_memstream_close(struct os_membuf *m)
{
	return fclose(m->f) == 0;
}

char *os_exe_dir(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	return slash ? xstrndup(exe, (size_t)(slash - exe)) : NULL;
}

long os_cpu_count(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? n : 1;
}

long os_pid(void)
{
	return (long)getpid();
}

bool os_process_alive(long pid)
{
	return !(kill((pid_t)pid, 0) != 0 && errno == ESRCH);
}

double os_seconds(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

bool os_is_terminal(int fd)
{
	return isatty(fd);
}

/* ---- interruption ---- */

/* The temporary files open now and the workers of this run: a signal
 * handler can reach nothing else. Each process (a worker too) records
 * what it creates. */
#define MAX_TEMPS 8
#define MAX_CHILDREN 256
static struct {
	volatile sig_atomic_t used;
	char path[PATH_MAX];
} temps[MAX_TEMPS];
static pid_t children[MAX_CHILDREN];
static volatile sig_atomic_t n_children;
static const int interrupt_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE};

/* Removes this process's temporary files and stops its workers with
 * sig; the workers remove their own temporaries: wait for them, so that
 * when this process is gone, so are they and their files. */
static void remove_temps(int sig)
{
	for (int i = 0; i < MAX_TEMPS; i++)
		if (temps[i].used)
			unlink(temps[i].path);
	for (sig_atomic_t i = 0; i < n_children; i++)
		kill(children[i], sig);
	for (sig_atomic_t i = 0; i < n_children; i++)
		while (waitpid(children[i], NULL, 0) < 0 && errno == EINTR)
			;
}

static void on_signal(int sig)
{
	remove_temps(sig);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* The only files mapped are fonts (os_map_file): a SIGBUS is one cut
 * shorter while being read. The run ends as on any other system error,
 * in both languages (which one was asked for is not known here). */
static void on_bus(int sig)
{
	static const char msg[] = "chuyende: error: [FONT_FAILED] một tệp phông bị cắt ngắn khi đang đọc — "
				   "a font file was cut short while being read\n";
	(void)sig;
	remove_temps(SIGTERM);
	ssize_t w = write(2, msg, sizeof msg - 1);
	(void)w;
	_exit(3);
}

void os_cleanup_on_interrupt(void)
{
	const int *sigs = interrupt_signals;
	for (size_t i = 0; i < COUNT_OF(interrupt_signals); i++) {
		struct sigaction old, sa = {0};
		/* a signal the caller ignores (nohup, a shell's background job) stays ignored */
		if (sigaction(sigs[i], NULL, &old) != 0 || old.sa_handler == SIG_IGN)
			continue;
		sa.sa_handler = on_signal;
		sigemptyset(&sa.sa_mask);
		for (size_t k = 0; k < COUNT_OF(interrupt_signals); k++)
			sigaddset(&sa.sa_mask, sigs[k]);
		sigaction(sigs[i], &sa, NULL);
	}
	struct sigaction bus = {0};
	bus.sa_handler = on_bus;
	sigfillset(&bus.sa_mask);
	sigaction(SIGBUS, &bus, NULL);
}

static int cleanup_add(const char *path)
{
	size_t n = strlen(path);
	if (n >= PATH_MAX)
		return -1;
	for (int i = 0; i < MAX_TEMPS; i++) {
		if (temps[i].used)
			continue;
		memcpy(temps[i].path, path, n + 1);
		temps[i].used = 1;
		return i;
	}
	return -1;
}

void os_cleanup_drop(int slot)
{
	if (slot >= 0 && slot < MAX_TEMPS)
		temps[slot].used = 0;
}

int os_create_temp(char *tmpl, unsigned mode, int *slot)
{
	/* a signal delivered as mkstemp's open returns would find the file
	 * not yet registered, and leave it (a build interrupted on a slow
	 * file system did): both happen with the signals held */
	sigset_t held, before;
	sigemptyset(&held);
	for (size_t i = 0; i < COUNT_OF(interrupt_signals); i++)
		sigaddset(&held, interrupt_signals[i]);
	sigprocmask(SIG_BLOCK, &held, &before);
	int fd = mkstemp(tmpl);
	int err = errno;
	*slot = fd >= 0 ? cleanup_add(tmpl) : -1;
	sigprocmask(SIG_SETMASK, &before, NULL);
	/* mkstemp makes 0600; a replaced file keeps its permissions */
	if (fd >= 0 && fchmod(fd, (mode_t)mode) != 0) {
		err = errno;
		close(fd);
		unlink(tmpl);
		os_cleanup_drop(*slot);
		*slot = -1;
		fd = -1;
	}
	errno = err;
	return fd;
}

/* ---- workers ----
 *
 * Here the workers are forked processes, not threads: each gives back all
 * its memory when it ends, a worker that crashes on a hostile input ends
 * alone (the build reports it) instead of taking the others with it, and
 * the signal handling above already stops them cleanly. Windows, which
 * cannot fork, runs threads (os_win32.c). */

struct os_channel {
	int fd;
};

bool os_channel_send(struct os_channel *ch, const void *msg, size_t len)
{
	uint32_t n = (uint32_t)len;
	return len <= UINT32_MAX && write_all(ch->fd, &n, sizeof n) && write_all(ch->fd, msg, len);
}

static bool read_full(int fd, void *p, size_t n)
{
	char *c = p;
	while (n) {
		ssize_t r = read(fd, c, n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return false;
		c += (size_t)r;
		n -= (size_t)r;
	}
	return true;
}

/* Forks n workers, each with a pipe back; returns how many started. */
static size_t spawn(size_t n, os_work_fn *work, void *ctx, struct pollfd *fds, pid_t *pids)
{
	fflush(NULL);
	for (size_t k = 0; k < n; k++) {
		int p[2];
		if (pipe(p) != 0)
			return k;
		pids[k] = fork();
		if (pids[k] < 0) {
			int err = errno;
			close(p[0]);
			close(p[1]);
			errno = err;
			return k;
		}
		if (pids[k] == 0) {
			n_children = 0;
			for (size_t o = 0; o < k; o++)
				close(fds[o].fd);
			free(fds);
			free(pids);
			close(p[0]);
			struct os_channel ch = {p[1]};
			_exit(work(ctx, k, n, &ch) ? 0 : 1);
		}
		if (n_children < MAX_CHILDREN) {
			children[n_children] = pids[k];
			n_children = n_children + 1;
		}
		close(p[1]);
		fds[k] = (struct pollfd){p[0], POLLIN, 0};
	}
	return n;
}

size_t os_run_workers(size_t n, os_work_fn *work, os_receive_fn *receive, void *ctx, bool *failed)
{
	struct pollfd *fds = xcalloc(n, sizeof *fds);
	pid_t *pids = xcalloc(n, sizeof *pids);
	size_t started = spawn(n, work, ctx, fds, pids);
	int spawn_err = errno;
	size_t open = started;
	char *msg = NULL;
	size_t cap = 0;
	while (open > 0) {
		if (poll(fds, started, -1) < 0) {
			if (errno == EINTR)
				continue;
			*failed = true;
			break;
		}
		for (size_t k = 0; k < started; k++) {
			if (fds[k].fd < 0 || !(fds[k].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			uint32_t len;
			bool ok = read_full(fds[k].fd, &len, sizeof len);
			if (ok && len + 1 > cap) {
				free(msg);
				cap = (size_t)len + 1;
				msg = xmalloc(cap);
			}
			if (!ok || !read_full(fds[k].fd, msg, len)) {
				close(fds[k].fd);
				fds[k].fd = -1;
				open--;
				continue;
			}
			receive(ctx, msg, len);
		}
	}
	for (size_t k = 0; k < started; k++) {
		int ws;
		if (fds[k].fd >= 0)
			close(fds[k].fd);
		if (waitpid(pids[k], &ws, 0) < 0 || !WIFEXITED(ws) || WEXITSTATUS(ws) != 0)
			*failed = true;
	}
	n_children = 0;
	free(msg);
	free(fds);
	free(pids);
	errno = spawn_err;
	return started;
}

/* ---- a helper thread ---- */

struct os_thread {
	pthread_t id;
	void (*fn)(void *ctx);
	void *ctx;
};

static void *thread_main(void *arg)
{
	struct os_thread *t = arg;
	t->fn(t->ctx);
	return NULL;
}

struct os_thread *os_thread_start(void (*fn)(void *ctx), void *ctx)
{
	struct os_thread *t = xmalloc(sizeof *t);
	*t = (struct os_thread){.fn = fn, .ctx = ctx};
	if (pthread_create(&t->id, NULL, thread_main, t) != 0) {
		free(t);
		return NULL;
	}
	return t;
}

void os_thread_join(struct os_thread *t)
{
	if (!t)
		return;
	pthread_join(t->id, NULL);
	free(t);
}

struct os_lock {
	pthread_mutex_t mutex;
	pthread_cond_t cond;
};

struct os_lock *os_lock_new(void)
{
	struct os_lock *l = xmalloc(sizeof *l);
	if (pthread_mutex_init(&l->mutex, NULL) != 0) {
		free(l);
		return NULL;
	}
	if (pthread_cond_init(&l->cond, NULL) != 0) {
		pthread_mutex_destroy(&l->mutex);
		free(l);
		return NULL;
	}
	return l;
}

void os_lock_free(struct os_lock *l)
{
	if (!l)
		return;
	pthread_cond_destroy(&l->cond);
	pthread_mutex_destroy(&l->mutex);
	free(l);
}

void os_lock(struct os_lock *l)
{
	pthread_mutex_lock(&l->mutex);
}

void os_unlock(struct os_lock *l)
{
	pthread_mutex_unlock(&l->mutex);
}

void os_lock_wait(struct os_lock *l)
{
	pthread_cond_wait(&l->cond, &l->mutex);
}

void os_lock_wake(struct os_lock *l)
{
	pthread_cond_broadcast(&l->cond);
}
