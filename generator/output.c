#include "output.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "os.h"
#include "syserr.h"
#include "util.h"

/* The temporaries are registered with the interrupt handler (os.h),
 * which removes them on Ctrl-C, SIGTERM and the like. */
void output_install_signals(void)
{
	os_cleanup_on_interrupt();
}

static bool is_terminal_device(const char *path)
{
	int fd = os_open(path, O_WRONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC, 0);
	if (fd < 0)
		return false;
	bool tty = os_is_terminal(fd);
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
		return os_is_terminal(STDOUT_FILENO) ? IS_TERMINAL : NULL;
	struct stat st, lst;
	if (os_stat(path, &st) != 0) {
		if (errno == ENOENT && os_lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode))
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
	buf_printf(&b, "%s/.%.*s.chuyende-%ld-XXXXXX", dir, (int)n, base, os_pid());
	free(dir);
	return b.data;
}

static bool open_temp(struct output *o, mode_t mode, struct diags *d)
{
	o->temp = temp_template(o->target);
	/* a replaced file keeps its permissions */
	o->fd = os_create_temp(o->temp, (unsigned)mode, &o->slot);
	if (o->fd < 0) {
		diag_sys(d, DIAG_OUTPUT_FAILED, o->path, OP_CREATE_TEMP, errno);
		free(o->temp);
		free(o->target);
		return false;
	}
	return true;
}

static bool open_stream(struct output *o, struct diags *d)
{
	o->kind = OUTPUT_STREAM;
	o->fd = os_open(o->path, O_WRONLY | O_NOCTTY | O_CLOEXEC, 0);
	if (o->fd < 0) {
		diag_sys(d, DIAG_OUTPUT_FAILED, o->path, OP_OPEN_OUTPUT, errno);
		return false;
	}
	if (os_is_terminal(o->fd)) {
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
	if (os_stat(path, &st) == 0) {
		if (!S_ISREG(st.st_mode))
			return open_stream(o, d);
		mode = st.st_mode & 07777;
	}
	o->kind = OUTPUT_FILE;
	if (os_lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode)) {
		o->target = os_realpath(path);
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

/* The folder holds the new name only once it is flushed too. */
static void sync_folder(const char *target)
{
	char *dir = path_dirname(target);
	os_sync_folder(dir);
	free(dir);
}

static void release(struct output *o)
{
	os_cleanup_drop(o->slot);
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
	if (o->durable && os_fsync(o->fd) != 0)
		op = OP_SYNC, err = errno;
	if (close(o->fd) != 0 && !op)
		op = OP_WRITE, err = errno;
	o->fd = -1;
	if (!op && os_replace(o->temp, o->target) != 0)
		op = OP_RENAME, err = errno;
	if (op) {
		diag_sys(d, DIAG_OUTPUT_FAILED, o->path, op, err);
		os_unlink(o->temp);
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
		os_unlink(o->temp);
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
	char **names;
	size_t n;
	if (!os_list_dir_where(dir, ".", false, &names, NULL, &n))  /* a temporary's name starts with a dot */
		return;
	time_t day_ago = time(NULL) - 24 * 60 * 60;
	for (size_t i = 0; i < n; i++) {
		long pid = temp_owner(names[i]);
		if (!pid || pid == os_pid())
			continue;
		char *path = path_join(dir, names[i]);
		struct stat st;
		bool gone = !os_process_alive(pid);
		if (os_lstat(path, &st) == 0 && S_ISREG(st.st_mode) && (gone || st.st_mtime < day_ago))
			os_unlink(path);
		free(path);
	}
	os_names_free(names, n);
}

void output_sweep_beside(const char *path)
{
	if (strcmp(path, "-") == 0)
		return;
	char *dir = path_dirname(path);
	output_sweep(dir);
	free(dir);
}
