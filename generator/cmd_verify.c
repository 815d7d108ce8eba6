/* chuyende verify OUTDIR: re-hashes every file the archive register
 * (OUTDIR/so-luu-tru.csv) lists. A file missing or changed since it was
 * archived is an error naming it (exit 1); when all are intact, one line
 * says so. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archive.h"
#include "cli.h"
#include "os.h"
#include "syserr.h"

/* A register's file names are relative, "/"-separated and stay inside
 * the folder: a tampered register must not make verify read elsewhere. */
static bool inside(const char *file)
{
	if (!*file || file[0] == '/')
		return false;
	for (const char *s = file; *s;) {
		size_t n = strcspn(s, "/");
		if (n == 2 && s[0] == '.' && s[1] == '.')
			return false;
		s += n + (s[n] == '/');
	}
	return true;
}

/* Checks one entry; false after reporting what is wrong with it. */
static bool verify_entry(const char *dir, const struct archive_entry *e, struct diags *d)
{
	char *path = path_join(dir, e->file);
	char sha[65];
	bool ok = false;
	if (!inside(e->file))
		diag(d, DIAG_VERIFY_OUTSIDE, path, (struct pos){0, 0}, NULL);
	else if (!sha256_file(path, sha))
		errno == ENOENT ? diag(d, DIAG_VERIFY_MISSING, path, (struct pos){0, 0}, NULL)
				: diag_sys(d, DIAG_READ_FAILED, path, OP_READ, errno);
	else if (strcmp(sha, e->sha256) != 0)
		diag(d, DIAG_VERIFY_CHANGED, path, (struct pos){0, 0}, sha, e->sha256, NULL);
	else
		ok = true;
	free(path);
	return ok;
}

int cmd_verify(const struct options *o)
{
	if (o->n_args != 1)
		return usage_error(o, "cách dùng: chuyende verify THƯ-MỤC-KẾT-QUẢ", "usage: chuyende verify OUTDIR");
	const char *dir = o->args[0];
	char *csv = path_join(dir, REGISTER_CSV);
	struct diags d;
	diags_for(&d, stderr, o);
	struct archive a = {0};
	FILE *probe = os_fopen(csv, "rb");
	if (!probe && errno == ENOENT)
		diag(&d, DIAG_VERIFY_NO_REGISTER, csv, (struct pos){0, 0}, NULL);
	if (probe)
		fclose(probe);
	size_t intact = 0;
	if (!d.errors && archive_read(&a, csv, &d))
		for (size_t i = 0; i < a.n; i++)
			intact += verify_entry(dir, &a.v[i], &d);
	int status = diags_exit_status(&d);
	if (status == EXIT_OK) {
		struct buf vi = {0}, en = {0};
		buf_printf(&vi, "%s: %zu tệp, tất cả nguyên vẹn", csv, intact);
		buf_printf(&en, "%s: %zu files, all intact", csv, intact);
		if (!print_to_user(o, vi.data, en.data))
			status = EXIT_SYSTEM;
		buf_free(&vi);
		buf_free(&en);
	}
	archive_free(&a);
	diags_finish(&d);
	free(csv);
	return status;
}
