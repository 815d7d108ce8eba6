/* os.h on Windows (mingw-w64, msvcrt). Every path is converted from UTF-8
 * to UTF-16 and handed to a wide-character call: the narrow ones would
 * read it in the ANSI code page, where "ộ" does not exist. */
#include "os.h"

#include <errno.h>
#include <io.h>
#include <process.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <windows.h>
#include <shellapi.h>

#include "util.h"

/* the Makefile's -D_FILE_OFFSET_BITS=64 makes struct stat _stat64 */
_Static_assert(sizeof(((struct stat *)0)->st_size) == 8, "build with -D_FILE_OFFSET_BITS=64");

/* ---- UTF-8 and UTF-16 ---- */

/* The UTF-16 form of s (malloc'd); NULL with EINVAL when s is not UTF-8. */
static wchar_t *wide(const char *s)
{
	int n = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, NULL, 0);
	if (n <= 0) {
		errno = EINVAL;
		return NULL;
	}
	wchar_t *w = xcalloc((size_t)n, sizeof *w);
	MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, w, n);
	return w;
}

static char *narrow(const wchar_t *w)
{
	int n = WideCharToMultiByte(CP_UTF8, 0, w, -1, NULL, 0, NULL, NULL);
	if (n <= 0) {
		errno = EINVAL;
		return NULL;
	}
	char *s = xmalloc((size_t)n);
	WideCharToMultiByte(CP_UTF8, 0, w, -1, s, n, NULL, NULL);
	return s;
}

static void forward_slashes(char *s)
{
	for (; *s; s++)
		if (*s == '\\')
			*s = '/';
}

/* errno for the last Windows error */
static int errno_of(DWORD e)
{
	switch (e) {
	case ERROR_FILE_NOT_FOUND:
	case ERROR_PATH_NOT_FOUND:
	case ERROR_INVALID_DRIVE:
	case ERROR_BAD_NETPATH:
	case ERROR_BAD_NET_NAME:
		return ENOENT;
	case ERROR_ACCESS_DENIED:
	case ERROR_SHARING_VIOLATION:
	case ERROR_LOCK_VIOLATION:
	case ERROR_WRITE_PROTECT:
		return EACCES;
	case ERROR_FILE_EXISTS:
	case ERROR_ALREADY_EXISTS:
		return EEXIST;
	case ERROR_DISK_FULL:
	case ERROR_HANDLE_DISK_FULL:
		return ENOSPC;
	case ERROR_NOT_ENOUGH_MEMORY:
	case ERROR_OUTOFMEMORY:
		return ENOMEM;
	case ERROR_DIRECTORY:
		return ENOTDIR;
	case ERROR_DIR_NOT_EMPTY:
		return ENOTEMPTY;
	case ERROR_FILENAME_EXCED_RANGE:
		return ENAMETOOLONG;
	case ERROR_INVALID_NAME:
	case ERROR_INVALID_PARAMETER:
		return EINVAL;
	default:
		return EIO;
	}
}

static void set_errno(void)
{
	errno = errno_of(GetLastError());
}

/* ---- start ---- */

void os_init(int *argc, char ***argv)
{
	SetConsoleOutputCP(CP_UTF8);
	SetConsoleCP(CP_UTF8);
	/* the same bytes as on Linux: "\n" stays "\n", a PDF on "-" stays whole */
	_setmode(_fileno(stdin), _O_BINARY);
	_setmode(_fileno(stdout), _O_BINARY);
	_setmode(_fileno(stderr), _O_BINARY);
	int n;
	wchar_t **w = CommandLineToArgvW(GetCommandLineW(), &n);
	if (!w)
		return;  /* keep the ANSI arguments */
	/* kept to the end of the run, as the C runtime keeps its own */
	char **v = xcalloc((size_t)n + 1, sizeof *v);
	for (int i = 0; i < n; i++) {
		v[i] = narrow(w[i]);
		if (!v[i])
			v[i] = xstrdup("");
	}
	LocalFree(w);
	*argc = n;
	*argv = v;
}

void os_release_memory(void)
{
	/* the Windows heap decommits free pages itself */
}

/* ---- files ---- */

FILE *os_fopen(const char *path, const char *mode)
{
	wchar_t *w = wide(path);
	if (!w)
		return NULL;
	wchar_t m[8];
	size_t i = 0;
	for (; mode[i] && i < 5; i++)
		m[i] = (wchar_t)(unsigned char)mode[i];
	if (!strchr(mode, 'b'))
		m[i++] = L'b';
	m[i] = 0;
	FILE *f = _wfopen(w, m);
	free(w);
	return f;
}

int os_open(const char *path, int flags, int mode)
{
	wchar_t *w = wide(path);
	if (!w)
		return -1;
	int fd = _wopen(w, flags | _O_BINARY, mode);
	free(w);
	return fd;
}

ssize_t os_pread(int fd, void *buf, size_t n, int64_t off)
{
	HANDLE h = (HANDLE)_get_osfhandle(fd);
	if (h == INVALID_HANDLE_VALUE) {
		errno = EBADF;
		return -1;
	}
	OVERLAPPED at = {0};
	at.Offset = (DWORD)((uint64_t)off & 0xFFFFFFFFu);
	at.OffsetHigh = (DWORD)((uint64_t)off >> 32);
	DWORD got = 0;
	if (!ReadFile(h, buf, n > 0x40000000u ? 0x40000000u : (DWORD)n, &got, &at)) {
		if (GetLastError() == ERROR_HANDLE_EOF)
			return 0;
		errno = EIO;
		return -1;
	}
	return (ssize_t)got;
}

/* Windows refuses to shorten a file while a view of it is mapped. */
const void *os_map_file(int fd, size_t n)
{
	HANDLE h = (HANDLE)_get_osfhandle(fd);
	if (n == 0 || h == INVALID_HANDLE_VALUE)
		return NULL;
	HANDLE m = CreateFileMappingW(h, NULL, PAGE_READONLY, 0, 0, NULL);
	if (!m)
		return NULL;
	const void *p = MapViewOfFile(m, FILE_MAP_READ, 0, 0, n);
	CloseHandle(m);  /* the view keeps the mapping */
	return p;
}

void os_unmap_file(const void *p, size_t n)
{
	(void)n;
	if (p)
		UnmapViewOfFile(p);
}

bool os_blocking(int fd)
{
	(void)fd;  /* files never block here */
	return true;
}

/* msvcrt's stat refuses "dir/": the name without its trailing slashes */
static wchar_t *stat_name(const char *path)
{
	wchar_t *w = wide(path);
	if (!w)
		return NULL;
	size_t n = wcslen(w);
	while (n > 1 && (w[n - 1] == L'/' || w[n - 1] == L'\\') && w[n - 2] != L':')
		w[--n] = 0;
	return w;
}

int os_stat(const char *path, struct stat *st)
{
	wchar_t *w = stat_name(path);
	if (!w)
		return -1;
	int r = _wstat64(w, st);
	free(w);
	return r;
}

int os_lstat(const char *path, struct stat *st)
{
	return os_stat(path, st);
}

int os_mkdir(const char *path)
{
	wchar_t *w = wide(path);
	if (!w)
		return -1;
	int r = _wmkdir(w);
	free(w);
	return r;
}

int os_unlink(const char *path)
{
	wchar_t *w = wide(path);
	if (!w)
		return -1;
	int r = _wunlink(w);
	free(w);
	return r;
}

int os_replace(const char *from, const char *to)
{
	wchar_t *wf = wide(from), *wt = wf ? wide(to) : NULL;
	int r = -1;
	if (wt) {
		if (MoveFileExW(wf, wt, MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH))
			r = 0;
		else
			set_errno();
	}
	free(wf);
	free(wt);
	return r;
}

static HANDLE open_any(const wchar_t *w)
{
	/* BACKUP_SEMANTICS opens a folder too; no access asked, only its identity */
	return CreateFileW(w, FILE_READ_ATTRIBUTES, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
			   OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, NULL);
}

char *os_realpath(const char *path)
{
	wchar_t *w = wide(path);
	if (!w)
		return NULL;
	HANDLE h = open_any(w);
	free(w);
	if (h == INVALID_HANDLE_VALUE) {
		set_errno();
		return NULL;
	}
	DWORD n = GetFinalPathNameByHandleW(h, NULL, 0, FILE_NAME_NORMALIZED | VOLUME_NAME_DOS);
	wchar_t *full = n ? xcalloc(n + 1, sizeof *full) : NULL;
	if (!full || GetFinalPathNameByHandleW(h, full, n + 1, FILE_NAME_NORMALIZED | VOLUME_NAME_DOS) == 0) {
		set_errno();
		CloseHandle(h);
		free(full);
		return NULL;
	}
	CloseHandle(h);
	const wchar_t *p = full;
	if (wcsncmp(p, L"\\\\?\\UNC\\", 8) == 0)
		p += 6;  /* "\\server\share" */
	else if (wcsncmp(p, L"\\\\?\\", 4) == 0)
		p += 4;
	char *s = narrow(p);
	if (s && p != full && p[0] == L'\\')
		s[0] = s[1] = '\\';
	free(full);
	if (s)
		forward_slashes(s);
	return s;
}

bool os_readable(const char *path)
{
	wchar_t *w = wide(path);
	if (!w)
		return false;
	bool ok = _waccess(w, 4) == 0;
	free(w);
	return ok;
}


bool os_list_dir_where(const char *dir, const char *prefix, bool sorted, char ***names, unsigned char **kinds,
		       size_t *n)
{
	size_t plen = prefix ? strlen(prefix) : 0;
	char *pattern = xmalloc(strlen(dir) + 3);
	strcpy(pattern, dir);
	strcat(pattern, "/*");
	wchar_t *w = wide(pattern);
	free(pattern);
	if (!w)
		return false;
	WIN32_FIND_DATAW fd;
	HANDLE h = FindFirstFileW(w, &fd);
	free(w);
	if (h == INVALID_HANDLE_VALUE) {
		DWORD e = GetLastError();
		errno = e == ERROR_FILE_NOT_FOUND ? ENOENT : e == ERROR_DIRECTORY ? ENOTDIR : errno_of(e);
		return false;
	}
	struct os_entry *v = NULL;
	size_t count = 0, cap = 0;
	do {
		if (wcscmp(fd.cFileName, L".") == 0 || wcscmp(fd.cFileName, L"..") == 0)
			continue;
		char *name = narrow(fd.cFileName);
		if (name && prefix && strncmp(name, prefix, plen) != 0) {
			free(name);
			continue;
		}
		/* a reparse point (link, junction) is left to stat, as before */
		unsigned char kind = fd.dwFileAttributes & FILE_ATTRIBUTE_REPARSE_POINT ? OS_KIND_UNKNOWN
				     : fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY   ? OS_KIND_DIR
											: OS_KIND_FILE;
		if (name)
			*VEC_PUSH(v, count, cap) = (struct os_entry){name, kind};
	} while (FindNextFileW(h, &fd));
	DWORD e = GetLastError();
	FindClose(h);
	if (e != ERROR_NO_MORE_FILES) {
		for (size_t k = 0; k < count; k++)
			free(v[k].name);
		free(v);
		errno = errno_of(e);
		return false;
	}
	os_hand_out_entries(v, count, sorted, names, kinds, n);
	return true;
}

static bool stamp_of(HANDLE h, struct os_file_stamp *s)
{
	BY_HANDLE_FILE_INFORMATION info;
	if (h == INVALID_HANDLE_VALUE || !GetFileInformationByHandle(h, &info)) {
		set_errno();
		return false;
	}
	uint64_t t = (uint64_t)info.ftLastWriteTime.dwHighDateTime << 32 | info.ftLastWriteTime.dwLowDateTime;
	*s = (struct os_file_stamp){info.dwVolumeSerialNumber,
				    (uint64_t)info.nFileIndexHigh << 32 | info.nFileIndexLow,
				    (uint64_t)info.nFileSizeHigh << 32 | info.nFileSizeLow, (int64_t)(t * 100)};
	return true;
}

bool os_file_stamp(const char *path, struct os_file_stamp *s)
{
	wchar_t *w = wide(path);
	if (!w)
		return false;
	HANDLE h = open_any(w);
	free(w);
	bool ok = stamp_of(h, s);
	if (h != INVALID_HANDLE_VALUE)
		CloseHandle(h);
	return ok;
}

bool os_fd_stamp(int fd, const struct stat *st, struct os_file_stamp *s)
{
	(void)st;  /* msvcrt's fstat has no file number */
	return stamp_of((HANDLE)_get_osfhandle(fd), s);
}

/* Six characters that no other call in this process has had. */
static void fill_unique(char *x)
{
	static volatile LONG counter;  /* shared by the worker threads: atomic */
	LARGE_INTEGER now;
	QueryPerformanceCounter(&now);
	uint64_t v = (uint64_t)InterlockedIncrement(&counter) * 0x9E3779B97F4A7C15ULL ^ (uint64_t)now.QuadPart ^
		     (uint64_t)GetCurrentThreadId() << 20;
	static const char digits[] = "abcdefghijklmnopqrstuvwxyz0123456789";
	for (int i = 0; i < 6; i++, v /= 36)
		x[i] = digits[v % 36];
}

/* A new file named from tmpl; FILE_SHARE_DELETE lets the interrupt
 * handler remove it while another thread still writes it. */
static HANDLE create_unique(char *tmpl, DWORD flags)
{
	size_t n = strlen(tmpl);
	if (n < 6 || strcmp(tmpl + n - 6, "XXXXXX") != 0) {
		SetLastError(ERROR_INVALID_PARAMETER);
		return INVALID_HANDLE_VALUE;
	}
	for (int tries = 0; tries < 100; tries++) {
		fill_unique(tmpl + n - 6);
		wchar_t *w = wide(tmpl);
		if (!w) {
			SetLastError(ERROR_INVALID_NAME);
			return INVALID_HANDLE_VALUE;
		}
		HANDLE h = CreateFileW(w, GENERIC_READ | GENERIC_WRITE,
				       FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL, CREATE_NEW, flags,
				       NULL);
		free(w);
		if (h != INVALID_HANDLE_VALUE || GetLastError() != ERROR_FILE_EXISTS)
			return h;
	}
	return INVALID_HANDLE_VALUE;
}

static int fd_of(HANDLE h)
{
	if (h == INVALID_HANDLE_VALUE) {
		set_errno();
		return -1;
	}
	int fd = _open_osfhandle((intptr_t)h, _O_RDWR | _O_BINARY);
	if (fd < 0)
		CloseHandle(h);
	return fd;
}

int os_fsync(int fd)
{
	return _commit(fd);
}

void os_sync_folder(const char *dir)
{
	(void)dir;  /* MOVEFILE_WRITE_THROUGH returns once the new name is on disk */
}

/* Windows has no syncfs: each file under dir is flushed (renames were
 * written through already). */
int os_sync_tree(const char *dir)
{
	char **names;
	size_t n;
	if (!os_list_dir(dir, &names, &n))
		return -1;
	int r = 0;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(names[i], ".") == 0 || strcmp(names[i], "..") == 0)
			continue;
		size_t len = strlen(dir) + 1 + strlen(names[i]) + 1;
		char *path = xmalloc(len);
		snprintf(path, len, "%s/%s", dir, names[i]);
		struct stat st;
		if (os_lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			if (os_sync_tree(path) != 0)
				r = -1;
		} else {
			wchar_t *w = wide(path);
			HANDLE h = w ? CreateFileW(w, GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING,
						   FILE_ATTRIBUTE_NORMAL, NULL)
				     : INVALID_HANDLE_VALUE;
			free(w);
			if (h == INVALID_HANDLE_VALUE || !FlushFileBuffers(h)) {
				set_errno();
				r = -1;
			}
			if (h != INVALID_HANDLE_VALUE)
				CloseHandle(h);
		}
		free(path);
	}
	os_names_free(names, n);
	return r;
}

FILE *os_tmpfile(void)
{
	wchar_t dir[MAX_PATH + 1];
	DWORD n = GetTempPathW(MAX_PATH + 1, dir);
	if (n == 0 || n > MAX_PATH) {
		set_errno();
		return NULL;
	}
	char *d = narrow(dir);
	if (!d)
		return NULL;
	struct buf b = {0};
	buf_printf(&b, "%s/chuyende-%ld-XXXXXX.tmp", d, os_pid());
	free(d);
	/* the name ends in ".tmp": the template's X's are before it */
	size_t len = strlen(b.data);
	char *tmpl = xstrndup(b.data, len - 4);
	buf_free(&b);
	HANDLE h = create_unique(tmpl, FILE_ATTRIBUTE_TEMPORARY | FILE_FLAG_DELETE_ON_CLOSE);
	free(tmpl);
	int fd = fd_of(h);
	if (fd < 0)
		return NULL;
	FILE *f = _fdopen(fd, "w+b");
	if (!f)
		_close(fd);
	return f;
}

FILE *os_memstream(struct os_membuf *m, char **text, size_t *len)
{
	*m = (struct os_membuf){os_tmpfile(), text, len};
	*text = NULL;
	*len = 0;
	return m->f;
}

bool os_memstream_close(struct os_membuf *m)
{
	FILE *f = m->f;
	bool ok = fflush(f) == 0 && fseeko(f, 0, SEEK_END) == 0;
	off_t end = ok ? ftello(f) : -1;
	ok = ok && end >= 0 && (uint64_t)end < SIZE_MAX && fseeko(f, 0, SEEK_SET) == 0;
	size_t n = ok ? (size_t)end : 0;
	char *s = xmalloc(n + 1);
	ok = ok && fread(s, 1, n, f) == n;
	s[ok ? n : 0] = '\0';
	ok = fclose(f) == 0 && ok;
	*m->text = s;
	*m->len = ok ? n : 0;
	return ok;
}

/* ---- the program and its processes ---- */

char *os_exe_dir(void)
{
	for (DWORD cap = MAX_PATH;; cap *= 2) {
		wchar_t *w = xcalloc(cap, sizeof *w);
		DWORD n = GetModuleFileNameW(NULL, w, cap);
		if (n == 0) {
			free(w);
			return NULL;
		}
		if (n < cap) {
			char *s = narrow(w);
			free(w);
			if (!s)
				return NULL;
			forward_slashes(s);
			char *slash = strrchr(s, '/');
			if (slash)
				*slash = '\0';
			return s;
		}
		free(w);
		if (cap > 32768)
			return NULL;
	}
}

long os_cpu_count(void)
{
	SYSTEM_INFO si;
	GetSystemInfo(&si);
	return si.dwNumberOfProcessors > 0 ? (long)si.dwNumberOfProcessors : 1;
}

long os_pid(void)
{
	return (long)GetCurrentProcessId();
}

bool os_process_alive(long pid)
{
	HANDLE h = OpenProcess(SYNCHRONIZE, FALSE, (DWORD)pid);
	if (!h)
		return GetLastError() != ERROR_INVALID_PARAMETER;  /* no such process */
	bool alive = WaitForSingleObject(h, 0) == WAIT_TIMEOUT;
	CloseHandle(h);
	return alive;
}

double os_seconds(void)
{
	LARGE_INTEGER f, t;
	QueryPerformanceFrequency(&f);
	QueryPerformanceCounter(&t);
	return (double)t.QuadPart / (double)f.QuadPart;
}

bool os_is_terminal(int fd)
{
	/* _isatty is true for NUL too: only a console is a terminal */
	DWORD mode;
	HANDLE h = (HANDLE)_get_osfhandle(fd);
	return h != INVALID_HANDLE_VALUE && GetConsoleMode(h, &mode);
}

/* ---- interruption ----
 *
 * The console runs the handler in a thread of its own while the workers
 * go on: the registry is guarded by a lock that needs no initialising.
 * Paths are kept in UTF-16, ready for DeleteFileW. */
#define MAX_TEMPS 512
static SRWLOCK temps_lock = SRWLOCK_INIT;
static wchar_t *temps[MAX_TEMPS];

static BOOL WINAPI on_console_event(DWORD event)
{
	(void)event;
	AcquireSRWLockExclusive(&temps_lock);
	for (int i = 0; i < MAX_TEMPS; i++)
		if (temps[i])
			DeleteFileW(temps[i]);  /* removed once the last handle closes */
	/* keeps the lock: no worker registers a file after this. Not
	 * ExitProcess: its clean-up could wait on a lock a killed thread held */
	TerminateProcess(GetCurrentProcess(), STATUS_CONTROL_C_EXIT);
	return TRUE;
}

void os_cleanup_on_interrupt(void)
{
	SetConsoleCtrlHandler(on_console_event, TRUE);
}

/* With temps_lock held. */
static int cleanup_add(const char *path)
{
	wchar_t *w = wide(path);
	if (!w)
		return -1;
	int slot = -1;
	for (int i = 0; i < MAX_TEMPS && slot < 0; i++)
		if (!temps[i])
			temps[slot = i] = w;
	if (slot < 0)
		free(w);
	return slot;
}

int os_create_temp(char *tmpl, unsigned mode, int *slot)
{
	(void)mode;  /* a new file takes the folder's permissions */
	/* the console's handler waits for the lock: it finds the file
	 * registered, or not yet made */
	AcquireSRWLockExclusive(&temps_lock);
	int fd = fd_of(create_unique(tmpl, FILE_ATTRIBUTE_NORMAL));
	int err = errno;
	*slot = fd >= 0 ? cleanup_add(tmpl) : -1;
	ReleaseSRWLockExclusive(&temps_lock);
	errno = err;
	return fd;
}

void os_cleanup_drop(int slot)
{
	if (slot < 0 || slot >= MAX_TEMPS)
		return;
	AcquireSRWLockExclusive(&temps_lock);
	free(temps[slot]);
	temps[slot] = NULL;
	ReleaseSRWLockExclusive(&temps_lock);
}

/* ---- workers: threads, messages through a queue ---- */

struct message {
	struct message *next;
	size_t len;
	char bytes[];
};

struct pool {
	SRWLOCK lock;
	CONDITION_VARIABLE ready;
	struct message *head, **tail;
	size_t running;
	bool failed;
	os_work_fn *work;
	void *ctx;
	size_t n;
};

struct os_channel {
	struct pool *pool;
	size_t k;
};

bool os_channel_send(struct os_channel *ch, const void *msg, size_t len)
{
	struct message *m = malloc(sizeof *m + len);
	if (!m)
		return false;
	m->next = NULL;
	m->len = len;
	memcpy(m->bytes, msg, len);
	struct pool *p = ch->pool;
	AcquireSRWLockExclusive(&p->lock);
	*p->tail = m;
	p->tail = &m->next;
	ReleaseSRWLockExclusive(&p->lock);
	WakeConditionVariable(&p->ready);
	return true;
}

static unsigned __stdcall worker_thread(void *arg)
{
	struct os_channel *ch = arg;
	struct pool *p = ch->pool;
	bool ok = p->work(p->ctx, ch->k, p->n, ch);
	AcquireSRWLockExclusive(&p->lock);
	p->running--;
	if (!ok)
		p->failed = true;
	ReleaseSRWLockExclusive(&p->lock);
	WakeConditionVariable(&p->ready);
	return 0;
}

/* as deep as the main thread's stack (the Makefile's --stack) */
#define WORKER_STACK (8u << 20)

size_t os_run_workers(size_t n, os_work_fn *work, os_receive_fn *receive, void *ctx, bool *failed)
{
	struct pool p = {SRWLOCK_INIT, CONDITION_VARIABLE_INIT, NULL, NULL, 0, false, work, ctx, n};
	p.tail = &p.head;
	struct os_channel *chs = xcalloc(n, sizeof *chs);
	HANDLE *threads = xcalloc(n, sizeof *threads);
	size_t started = 0;
	int spawn_err = 0;
	fflush(NULL);
	AcquireSRWLockExclusive(&p.lock);
	for (; started < n; started++) {
		chs[started] = (struct os_channel){&p, started};
		uintptr_t t = _beginthreadex(NULL, WORKER_STACK, worker_thread, &chs[started], 0, NULL);
		if (!t) {
			spawn_err = errno;
			break;
		}
		threads[started] = (HANDLE)t;
		p.running++;
	}
	/* each message handed on outside the lock, so workers never wait on receive */
	for (;;) {
		while (!p.head && p.running > 0)
			SleepConditionVariableSRW(&p.ready, &p.lock, INFINITE, 0);
		struct message *m = p.head;
		if (!m)
			break;
		p.head = m->next;
		if (!p.head)
			p.tail = &p.head;
		ReleaseSRWLockExclusive(&p.lock);
		receive(ctx, m->bytes, m->len);
		free(m);
		AcquireSRWLockExclusive(&p.lock);
	}
	ReleaseSRWLockExclusive(&p.lock);
	for (size_t k = 0; k < started; k++) {
		WaitForSingleObject(threads[k], INFINITE);
		CloseHandle(threads[k]);
	}
	if (p.failed)
		*failed = true;
	free(threads);
	free(chs);
	errno = spawn_err;
	return started;
}

/* ---- a helper thread ---- */

struct os_thread {
	HANDLE handle;
	void (*fn)(void *ctx);
	void *ctx;
};

static unsigned __stdcall helper_main(void *arg)
{
	struct os_thread *t = arg;
	t->fn(t->ctx);
	return 0;
}

struct os_thread *os_thread_start(void (*fn)(void *ctx), void *ctx)
{
	struct os_thread *t = xmalloc(sizeof *t);
	*t = (struct os_thread){.fn = fn, .ctx = ctx};
	uintptr_t h = _beginthreadex(NULL, 0, helper_main, t, 0, NULL);
	if (!h) {
		free(t);
		return NULL;
	}
	t->handle = (HANDLE)h;
	return t;
}

void os_thread_join(struct os_thread *t)
{
	if (!t)
		return;
	WaitForSingleObject(t->handle, INFINITE);
	CloseHandle(t->handle);
	free(t);
}

struct os_lock {
	SRWLOCK lock;
	CONDITION_VARIABLE cond;
};

struct os_lock *os_lock_new(void)
{
	struct os_lock *l = xmalloc(sizeof *l);
	InitializeSRWLock(&l->lock);
	InitializeConditionVariable(&l->cond);
	return l;
}

void os_lock_free(struct os_lock *l)
{
	free(l);
}

void os_lock(struct os_lock *l)
{
	AcquireSRWLockExclusive(&l->lock);
}

void os_unlock(struct os_lock *l)
{
	ReleaseSRWLockExclusive(&l->lock);
}

void os_lock_wait(struct os_lock *l)
{
	SleepConditionVariableSRW(&l->cond, &l->lock, INFINITE, 0);
}

void os_lock_wake(struct os_lock *l)
{
	WakeAllConditionVariable(&l->cond);
}
