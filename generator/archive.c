#include "archive.h"

#include <errno.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "os.h"
#include "phrases.h"
#include "syserr.h"

bool sha256_file(const char *path, char out[65])
{
	FILE *f = os_fopen(path, "rb");
	if (!f)
		return false;
	struct sha256_ctx ctx;
	sha256_init(&ctx);
	uint8_t chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		sha256_update(&ctx, n, chunk);
	int err = ferror(f) ? errno : 0;
	fclose(f);
	if (err) {
		errno = err;
		return false;
	}
	uint8_t digest[SHA256_DIGEST_SIZE];
	sha256_digest(&ctx, SHA256_DIGEST_SIZE, digest);
	for (int i = 0; i < SHA256_DIGEST_SIZE; i++)
		snprintf(out + 2 * i, 3, "%02x", digest[i]);
	return true;
}

static void push(struct archive *a, const struct archive_entry *e)
{
	struct archive_entry *x = VEC_PUSH(a->v, a->n, a->cap);
	*x = *e;
	x->kind = xstrdup(e->kind ? e->kind : "");
	x->number = xstrdup(e->number ? e->number : "");
	x->cell = xstrdup(e->cell ? e->cell : "");
	x->topic = xstrdup(e->topic ? e->topic : "");
	x->author = xstrdup(e->author ? e->author : "");
	x->file = xstrdup(e->file ? e->file : "");
}

bool archive_add(struct archive *a, const struct archive_entry *e, const char *path)
{
	struct archive_entry x = *e;
	if (!sha256_file(path, x.sha256))
		return false;
	x.state = ENTRY_CURRENT;
	push(a, &x);
	return true;
}

static int by_date(const void *pa, const void *pb)
{
	const struct archive_entry *x = pa, *y = pb;
	int c = date_cmp(x->date, y->date);
	if (!c)
		c = strcmp(x->cell, y->cell);
	return c ? c : strcmp(x->file, y->file);
}

void archive_sort(struct archive *a)
{
	if (a->n)
		qsort(a->v, a->n, sizeof *a->v, by_date);
}

/* ---- CSV ---- */

static const char *const columns[] = {"loai", "so", "ngay", "don_vi", "chuyen_de", "nguoi_lap", "so_trang",
				      "sha256", "tep", "tinh_trang"};
enum column { COL_KIND, COL_NUMBER, COL_DATE, COL_CELL, COL_TOPIC, COL_AUTHOR, COL_PAGES, COL_SHA, COL_FILE,
	      COL_STATE, COL_COUNT };
/* Earlier names of columns, read as the new ones. */
static const struct {
	enum column col;
	const char *name;
} old_columns[] = {{COL_CELL, "chi_bo"}, {COL_AUTHOR, "nguoi_trinh_bay"}};

static const char *const state_names[ENTRY_STATE_COUNT] = {"", "ke-hoach-co-loi", "khong-con-ke-hoach"};

const char *entry_state_name(enum entry_state s)
{
	return state_names[s];
}

/* A spreadsheet takes a cell starting with = + - @ (or a tab or CR) for a
 * formula: such a value is written after an apostrophe, and a value that
 * starts with an apostrophe gets a second one, so reading back is exact. */
static bool needs_guard(const char *s)
{
	return *s && strchr("=+-@\t\r'", *s);
}

/* RFC 4180: every field quoted, quotes doubled. */
static void csv_field(struct buf *b, const char *s, bool last)
{
	buf_addc(b, '"');
	if (needs_guard(s))
		buf_addc(b, '\'');
	for (; *s; s++) {
		if (*s == '"')
			buf_addc(b, '"');
		buf_addc(b, *s);
	}
	buf_adds(b, last ? "\"\r\n" : "\",");
}

void archive_csv(const struct archive *a, struct buf *b)
{
	buf_grow(b, 0);
	for (size_t i = 0; i < COL_COUNT; i++)
		csv_field(b, columns[i], i + 1 == COL_COUNT);
	for (size_t i = 0; i < a->n; i++) {
		const struct archive_entry *e = &a->v[i];
		char date[11], pages[16];
		date_iso(e->date, date);
		snprintf(pages, sizeof pages, "%d", e->pages);
		const char *fields[COL_COUNT] = {e->kind, e->number, date, e->cell, e->topic, e->author, pages,
						 e->sha256, e->file, state_names[e->state]};
		for (size_t k = 0; k < COL_COUNT; k++)
			csv_field(b, fields[k], k + 1 == COL_COUNT);
	}
}

/* One field at *p (quoted or not) into out; *p moves past its comma or
 * line end, and *eol says whether the record ended. False on a quote that
 * does not close. */
static bool csv_read_field(const char **p, const char *end, struct buf *out, bool *eol)
{
	const char *s = *p;
	out->len = 0;
	buf_grow(out, 0);
	if (s < end && *s == '"') {
		for (s++;; s++) {
			if (s >= end)
				return false;
			if (*s == '"' && s + 1 < end && s[1] == '"')
				buf_addc(out, *s++);
			else if (*s == '"')
				break;
			else
				buf_addc(out, *s);
		}
		s++;
	} else {
		while (s < end && *s != ',' && *s != '\r' && *s != '\n')
			buf_addc(out, *s++);
	}
	*eol = s >= end || *s != ',';
	if (s < end && *s == ',')
		s++;
	else if (s < end && *s == '\r')
		s += s + 1 < end && s[1] == '\n' ? 2 : 1;
	else if (s < end && *s == '\n')
		s++;
	*p = s;
	return true;
}

static char *unguard(const char *s)
{
	return xstrdup(s[0] == '\'' && needs_guard(s + 1) ? s + 1 : s);
}

/* Fills e from the fields of one record, by the header's column order. */
static bool entry_from(struct archive_entry *e, char **fields, const int *col_of)
{
	const char *f[COL_COUNT];
	for (int k = 0; k < COL_COUNT; k++)
		f[k] = col_of[k] >= 0 && fields[col_of[k]] ? fields[col_of[k]] : "";
	*e = (struct archive_entry){0};
	if (strlen(f[COL_SHA]) != 64 || !*f[COL_FILE] || date_parse(f[COL_DATE], &e->date))
		return false;
	memcpy(e->sha256, f[COL_SHA], 65);
	e->pages = atoi(f[COL_PAGES]);
	e->state = ENTRY_CURRENT;
	for (int s = 1; s < ENTRY_STATE_COUNT; s++)
		if (strcmp(f[COL_STATE], state_names[s]) == 0)
			e->state = (enum entry_state)s;
	e->kind = *f[COL_KIND] ? unguard(f[COL_KIND]) : xstrdup(KIND_PAPER);
	e->number = unguard(f[COL_NUMBER]);
	e->cell = unguard(f[COL_CELL]);
	e->topic = unguard(f[COL_TOPIC]);
	e->author = unguard(f[COL_AUTHOR]);
	e->file = unguard(f[COL_FILE]);
	return true;
}

#define MAX_FIELDS 32

struct csv_reader {
	const char *p, *end;
	int line;
	struct buf field;
	char *fields[MAX_FIELDS];
	int n;
};

/* The next record's fields; false at the end or on a broken quote
 * (r->line then names the line). */
static bool next_record(struct csv_reader *r, bool *broken)
{
	for (int i = 0; i < r->n; i++)
		free(r->fields[i]);
	r->n = 0;
	*broken = false;
	if (r->p >= r->end)
		return false;
	r->line++;
	bool eol = false;
	while (!eol) {
		const char *start = r->p;
		if (!csv_read_field(&r->p, r->end, &r->field, &eol)) {
			*broken = true;
			return false;
		}
		for (const char *c = start; c < r->p; c++)
			r->line += *c == '\n' && c + 1 < r->p;
		if (r->n < MAX_FIELDS)
			r->fields[r->n++] = xstrdup(r->field.data);
	}
	return true;
}

static void unreadable(struct diags *d, const char *path, int line, const char *why)
{
	diag(d, DIAG_REGISTER_UNREADABLE, path, (struct pos){line, 1}, why, NULL);
}

bool archive_read(struct archive *a, const char *csv_path, struct diags *d)
{
	char *bytes;
	size_t len;
	switch (read_file(csv_path, 256u << 20, &bytes, &len)) {
	case READ_OK:
		break;
	case READ_TOO_LARGE:
		unreadable(d, csv_path, 0, PH_FILE_TOO_LARGE);
		return false;
	default:
		if (errno == ENOENT)
			return true;
		diag_sys(d, DIAG_READ_FAILED, csv_path, OP_READ, errno);
		return false;
	}
	struct csv_reader r = {.p = bytes, .end = bytes + len};
	int col_of[COL_COUNT];
	bool broken, ok = next_record(&r, &broken);
	for (int k = 0; k < COL_COUNT; k++) {
		col_of[k] = -1;
		for (int i = 0; ok && i < r.n; i++) {
			bool old = false;
			for (size_t o = 0; o < COUNT_OF(old_columns); o++)
				old |= old_columns[o].col == (enum column)k && strcmp(r.fields[i], old_columns[o].name) == 0;
			if (strcmp(r.fields[i], columns[k]) == 0 || old)
				col_of[k] = i;
		}
	}
	if (!ok || col_of[COL_SHA] < 0 || col_of[COL_FILE] < 0 || col_of[COL_DATE] < 0) {
		unreadable(d, csv_path, 1, PH_REGISTER_NO_HEADER);
		ok = false;
	}
	while (ok && next_record(&r, &broken)) {
		struct archive_entry e;
		if (r.n == 1 && !*r.fields[0])
			continue;  /* a blank line */
		if (!entry_from(&e, r.fields, col_of)) {
			unreadable(d, csv_path, r.line, PH_LINE_MALFORMED);
			ok = false;
			break;
		}
		*VEC_PUSH(a->v, a->n, a->cap) = e;
	}
	if (ok && broken) {
		unreadable(d, csv_path, r.line, PH_QUOTE_NOT_CLOSED);
		ok = false;
	}
	bool dummy;
	r.p = r.end;
	next_record(&r, &dummy);
	buf_free(&r.field);
	free(bytes);
	return ok;
}

void archive_free(struct archive *a)
{
	for (size_t i = 0; i < a->n; i++) {
		free(a->v[i].kind);
		free(a->v[i].number);
		free(a->v[i].cell);
		free(a->v[i].topic);
		free(a->v[i].author);
		free(a->v[i].file);
	}
	free(a->v);
	*a = (struct archive){0};
}
