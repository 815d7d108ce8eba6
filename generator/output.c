#include "output.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "syserr.h"
#include "util.h"

/* The temporary files open now and the workers of this run. A signal
 * handler can reach nothing else, so this is the one place with state of
 * its own: each process (a build worker too) records what it creates. */
#define MAX_TEMPS 8
#define MAX_CHILDREN 256
static struct {
	volatile sig_atomic_t used;
	char path[PATH_MAX];
} temps[MAX_TEMPS];
static pid_t children[MAX_CHILDREN];
static volatile sig_atomic_t n_children;

static void on_signal(int sig)
{
	for (int i = 0; i < MAX_TEMPS; i++)
		if (temps[i].used)
			unlink(temps[i].path);
	for (sig_atomic_t i = 0; i < n_children; i++)
		kill(children[i], sig);
	/* the workers remove their own temporaries: wait for them, so that
	 * when this process is gone, so are they and their files */
	for (sig_atomic_t i = 0; i < n_children; i++)
		while (waitpid(children[i], NULL, 0) < 0 && errno == EINTR)
			;
	signal(sig, SIG_DFL);
	raise(sig);
}

void output_install_signals(void)
{
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE};
	for (size_t i = 0; i < COUNT_OF(sigs); i++) {
		struct sigaction old, sa = {0};
		/* a signal the caller ignores (nohup, a shell's background job) stays ignored */
		if (sigaction(sigs[i], NULL, &old) != 0 || old.sa_handler == SIG_IGN)
			continue;
		sa.sa_handler = on_signal;
		sigemptyset(&sa.sa_mask);
		for (size_t k = 0; k < COUNT_OF(sigs); k++)
			sigaddset(&sa.sa_mask, sigs[k]);
		sigaction(sigs[i], &sa, NULL);
	}
}

void output_add_child(pid_t pid)
{
	if (n_children < MAX_CHILDREN) {
		children[n_children] = pid;
		n_children = n_children + 1;
	}
}

void output_remove_children(void)
{
	n_children = 0;
}

static int register_temp(const char *path)
{
	if (strlen(path) >= PATH_MAX)
		return -1;
	for (int i = 0; i < MAX_TEMPS; i++) {
		if (temps[i].used)
			continue;
		memcpy(temps[i].path, path, strlen(path) + 1);
		temps[i].used = 1;
		return i;
	}
	return -1;  /* not removed on a signal, but still removed on failure */
}

static void unregister_temp(int slot)
{
	if (slot >= 0)
		temps[slot].used = 0;
}

static bool is_terminal_device(const char *path)
{
	int fd = open(path, O_WRONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return false;
	bool tty = isatty(fd);
	close(fd);
	return tty;
}

static void not_a_file(struct diags *d, const char *path, const char *what)
{
	diag(d, DIAG_OUTPUT_NOT_FILE, path, (struct pos){0, 0}, what, NULL);
}

#define IS_FOLDER BI("một thư mục", "a folder")
#define IS_BLOCK_DEVICE BI("một thiết bị lưu trữ (ổ đĩa)", "a block device (a disk)")
#define IS_TERMINAL BI("cửa sổ dòng lệnh", "the terminal")
#define IS_DANGLING BI("một liên kết tượng trưng không trỏ tới tệp nào", "a symbolic link to nothing")

/* What path is, for the checks: 0 when it can receive a document, else
 * the bilingual words for what it is. */
static const char *refusal(const char *path)
{
	if (strcmp(path, "-") == 0)
		return isatty(STDOUT_FILENO) ? IS_TERMINAL : NULL;
	struct stat st, lst;
	if (stat(path, &st) != 0) {
		if (errno == ENOENT && lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode))
			return IS_DANGLING;
		return NULL;  /* a new file; a bad folder is a system error, found on opening */
	}
	if (S_ISDIR(st.st_mode))
		return IS_FOLDER;
	if (S_ISBLK(st.st_mode))
		return IS_BLOCK_DEVICE;
	if (S_ISCHR(st.st_mode) && is_terminal_device(path))
		return IS_TERMINAL;
	return NULL;
}

int output_check(const char *path, struct diags *d)
{
	const char *what = refusal(path);
	if (!what)
		return EXIT_OK;
	not_a_file(d, path, what);
	return EXIT_USAGE;
}

/* ".NAME.chuyende-PID-XXXXXX" in the folder of target; NAME is cut so that
 * the temporary name stays under NAME_MAX when the target's name is long. */
static char *temp_template(const char *target)
{
	char *dir = path_dirname(target);
	const char *base = strrchr(target, '/') ? strrchr(target, '/') + 1 : target;
	size_t n = strlen(base);
	if (n > 160) {
		n = 160;
		while (n > 0 && ((unsigned char)base[n] & 0xC0) == 0x80)
			n--;
	}
	struct buf b = {0};
	buf_printf(&b, "%s/.%.*s.chuyende-%ld-XXXXXX", dir, (int)n, base, (long)getpid());
	free(dir);
	return b.data;
}

static bool open_temp(struct output *o, mode_t mode, struct diags *d)
{
	o->temp = temp_template(o->target);
	o->fd = mkstemp(o->temp);
	if (o->fd < 0) {
		diag_sys(d, DIAG_OUTPUT_FAILED, o->path, OP_CREATE_TEMP, errno);
		free(o->temp);
		free(o->target);
		return false;
	}
	o->slot = register_temp(o->temp);
	/* mkstemp makes 0600; a replaced file keeps its permissions */
	if (fchmod(o->fd, mode) != 0) {
		diag_sys(d, DIAG_OUTPUT_FAILED, o->path, OP_CREATE_TEMP, errno);
		output_abort(o);
		return false;
	}
	return true;
}

static bool open_stream(struct output *o, struct diags *d)
{
	o->kind = OUTPUT_STREAM;
	o->fd = open(o->path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
	if (o->fd < 0) {
		diag_sys(d, DIAG_OUTPUT_FAILED, o->path, OP_OPEN_OUTPUT, errno);
		return false;
	}
	if (isatty(o->fd)) {
		close(o->fd);
		not_a_file(d, o->path, IS_TERMINAL);
		return false;
	}
	return true;
}

bool output_open(struct output *o, const char *path, struct diags *d)
{
	*o = (struct output){.path = path, .fd = -1, .slot = -1, .durable = true};
	const char *what = refusal(path);
	if (what) {
		not_a_file(d, path, what);
		return false;
	}
	if (strcmp(path, "-") == 0) {
		o->kind = OUTPUT_STDOUT;
		o->fd = STDOUT_FILENO;
		fflush(stdout);
		return true;
	}
	struct stat st, lst;
	mode_t mask = umask(0);
	umask(mask);
	mode_t mode = 0666 & ~mask;
	if (stat(path, &st) == 0) {
		if (!S_ISREG(st.st_mode))
			return open_stream(o, d);
		mode = st.st_mode & 07777;
	}
	o->kind = OUTPUT_FILE;
	if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode)) {
		o->target = realpath(path, NULL);
		if (!o->target) {
			diag_sys(d, DIAG_OUTPUT_FAILED, path, OP_RESOLVE, errno);
			return false;
		}
	} else {
		o->target = xstrdup(path);
	}
	return open_temp(o, mode, d);
}

bool output_write(struct output *o, const void *bytes, size_t n, struct diags *d)
{
	if (o->failed)
		return false;
	if (!write_all(o->fd, bytes, n)) {
		diag_sys(d, DIAG_OUTPUT_FAILED, o->path, OP_WRITE, errno);
		o->failed = true;
		return false;
	}
	return true;
}

/* The folder holds the new name only once it is flushed too. Best effort:
 * some file systems cannot flush a folder, and the file is in place. */
static void sync_folder(const char *target)
{
	char *dir = path_dirname(target);
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

static void release(struct output *o)
{
	unregister_temp(o->slot);
	free(o->temp);
	free(o->target);
	o->temp = o->target = NULL;
	o->slot = -1;
	o->fd = -1;
}

bool output_commit(struct output *o, struct diags *d)
{
	if (o->failed) {
		output_abort(o);
		return false;
	}
	diag_log(d, "ghi", "writing", o->path);
	if (o->kind == OUTPUT_STDOUT)
		return true;
	if (o->kind == OUTPUT_STREAM) {
		bool ok = close(o->fd) == 0;
		if (!ok)
			diag_sys(d, DIAG_OUTPUT_FAILED, o->path, OP_WRITE, errno);
		o->fd = -1;
		return ok;
	}
	const char *op = NULL;
	int err = 0;
	if (o->durable && fsync(o->fd) != 0)
		op = OP_SYNC, err = errno;
	if (close(o->fd) != 0 && !op)
		op = OP_WRITE, err = errno;
	o->fd = -1;
	if (!op && rename(o->temp, o->target) != 0)
		op = OP_RENAME, err = errno;
	if (op) {
		diag_sys(d, DIAG_OUTPUT_FAILED, o->path, op, err);
		unlink(o->temp);
		release(o);
		return false;
	}
	if (o->durable)
		sync_folder(o->target);
	release(o);
	return true;
}

void output_abort(struct output *o)
{
	if (o->kind == OUTPUT_FILE && o->temp) {
		if (o->fd >= 0)
			close(o->fd);
		unlink(o->temp);
	} else if (o->kind == OUTPUT_STREAM && o->fd >= 0) {
		close(o->fd);
	}
	release(o);
}

bool output_file(const char *path, const void *bytes, size_t n, struct diags *d)
{
	struct output o;
	if (!output_open(&o, path, d))
		return false;
	if (!output_write(&o, bytes, n, d)) {
		output_abort(&o);
		return false;
	}
	return output_commit(&o, d);
}

/* The process id in a name of our temporaries, or 0 when it is not one. */
static long temp_owner(const char *name)
{
	const char *at = NULL;
	for (const char *p = strstr(name, ".chuyende-"); p; p = strstr(p + 1, ".chuyende-"))
		at = p;
	if (name[0] != '.' || !at)
		return 0;
	const char *s = at + strlen(".chuyende-");
	char *end;
	long pid = strtol(s, &end, 10);
	if (end == s || *end != '-' || strlen(end + 1) != 6 || pid <= 0)
		return 0;
	return pid;
}

void output_sweep(const char *dir)
{
	DIR *dp = opendir(dir);
	if (!dp)
		return;
	time_t day_ago = time(NULL) - 24 * 60 * 60;
	struct dirent *e;
	while ((e = readdir(dp)) != NULL) {
		long pid = temp_owner(e->d_name);
		if (!pid || pid == (long)getpid())
			continue;
		char *path = path_join(dir, e->d_name);
		struct stat st;
		bool gone = kill((pid_t)pid, 0) != 0 && errno == ESRCH;
		if (lstat(path, &st) == 0 && S_ISREG(st.st_mode) && (gone || st.st_mtime < day_ago))
			unlink(path);
		free(path);
	}
	closedir(dp);
}

void output_sweep_beside(const char *path)
{
	if (strcmp(path, "-") == 0)
		return;
	char *dir = path_dirname(path);
	output_sweep(dir);
	free(dir);
}
