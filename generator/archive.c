#include "archive.h"

#include <errno.h>
#include <nettle/sha2.h>
#include <stdlib.h>
#include <string.h>

#include "party.h"
#include "render.h"

static bool sha256_file(const char *path, char out[65])
{
	char *bytes;
	size_t len;
	if (read_file(path, (size_t)1 << 30, &bytes, &len) != READ_OK)
		return false;
	struct sha256_ctx ctx;
	uint8_t digest[SHA256_DIGEST_SIZE];
	sha256_init(&ctx);
	sha256_update(&ctx, len, (const uint8_t *)bytes);
	sha256_digest(&ctx, SHA256_DIGEST_SIZE, digest);
	free(bytes);
	for (int i = 0; i < SHA256_DIGEST_SIZE; i++)
		snprintf(out + 2 * i, 3, "%02x", digest[i]);
	return true;
}

bool archive_add(struct archive *a, const struct loaded_plan *lp, const char *pdf_path, const char *rel, int pages)
{
	struct archive_entry e = {.date = lp->plan.meeting.date.v, .pages = pages};
	if (!sha256_file(pdf_path, e.sha256))
		return false;
	const char *presenter = lp->draft.author.s ? lp->draft.author.s : lp->plan.people.presenter.s;
	e.cell = xstrdup(lp->plan.org.name.s);
	e.topic = xstrdup(lp->draft.title.s ? lp->draft.title.s : lp->plan.meeting.topic.s);
	e.presenter = xstrdup(presenter ? presenter : "");
	e.file = xstrdup(rel);
	if (!a->tpl)
		a->tpl = lp->tpl;
	*VEC_PUSH(a->v, a->n, a->cap) = e;
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

/* RFC 4180: quote every field, double the quotes inside. */
static void csv_field(struct buf *b, const char *s, bool last)
{
	buf_addc(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			buf_addc(b, '"');
		buf_addc(b, *s);
	}
	buf_adds(b, last ? "\"\r\n" : "\",");
}

static void write_csv(const struct archive *a, struct buf *b)
{
	static const char *const heads[] = {"ngay", "chi_bo", "chuyen_de", "nguoi_trinh_bay", "so_trang", "sha256", "tep"};
	for (size_t i = 0; i < COUNT_OF(heads); i++)
		csv_field(b, heads[i], i + 1 == COUNT_OF(heads));
	for (size_t i = 0; i < a->n; i++) {
		const struct archive_entry *e = &a->v[i];
		char date[11], pages[16];
		date_iso(e->date, date);
		snprintf(pages, sizeof pages, "%d", e->pages);
		csv_field(b, date, false);
		csv_field(b, e->cell, false);
		csv_field(b, e->topic, false);
		csv_field(b, e->presenter, false);
		csv_field(b, pages, false);
		csv_field(b, e->sha256, false);
		csv_field(b, e->file, true);
	}
}

static void build_register(struct compose *c, const void *ctx, struct built_doc *out)
{
	const struct archive *a = ctx;
	struct box_list *l = &out->body;
	const struct template *t = c->t;
	party_title(c, l, t->docs[TDOC_ARCHIVE].title, NULL, 0);
	double w = c->frame_width, size = t->size.small - 1;
	double widths[6] = {0.06 * w, 0.13 * w, 0.2 * w, 0.39 * w, 0.14 * w, 0.08 * w};
	struct table *table = add_table(c, l, widths, 6, true);
	table->padding = 3;
	static const char *const heads[6] = {"STT", "Ngày", "Chi bộ", "Chuyên đề (SHA-256 của tệp PDF)",
					     "Người trình bày", "Số trang"};
	add_header_row(c, table, heads, size);
	struct box_list cells[6];
	struct table_row *row;
	for (size_t i = 0; i < a->n; i++) {
		const struct archive_entry *e = &a->v[i];
		char date[16];
		snprintf(date, sizeof date, "%02d/%02d/%04d", e->date.d, e->date.m, e->date.y);
		row = add_row(c, table, cells);
		add_cell_text(c, &cells[0], arena_printf(c->arena, "%zu", i + 1), FACE_REGULAR, size, ALIGN_CENTER);
		add_cell_text(c, &cells[1], arena_strdup(c->arena, date), FACE_REGULAR, size, ALIGN_CENTER);
		add_cell_text(c, &cells[2], e->cell, FACE_REGULAR, size, ALIGN_LEFT);
		add_cell_text(c, &cells[3], e->topic, FACE_REGULAR, size, ALIGN_LEFT);
		add_cell_text(c, &cells[3], e->sha256, FACE_MONO, size - 3, ALIGN_LEFT);
		add_cell_text(c, &cells[4], e->presenter, FACE_REGULAR, size, ALIGN_LEFT);
		add_cell_text(c, &cells[5], arena_printf(c->arena, "%d", e->pages), FACE_REGULAR, size, ALIGN_CENTER);
		finish_row(table, row, cells);
	}
	if (a->n == 0)
		add_text(c, l, "Chưa có bản đề dẫn nào ở trạng thái cuối cùng (status: final).", FACE_ITALIC,
			 t->size.body, ALIGN_CENTER);
	/* the register is archived too; it is as new as its latest paper */
	struct ymd latest = {0, 0, 0};
	for (size_t i = 0; i < a->n; i++)
		if (date_cmp(a->v[i].date, latest) > 0)
			latest = a->v[i].date;
	out->info = (struct doc_info){.title = t->docs[TDOC_ARCHIVE].title, .subject = t->docs[TDOC_ARCHIVE].title,
				      .archival = true, .date = latest};
}

int archive_write(struct archive *a, struct session *s, const char *outdir, struct diags *d)
{
	if (a->n)
		qsort(a->v, a->n, sizeof *a->v, by_date);
	struct buf csv = {0};
	write_csv(a, &csv);
	char *csv_path = path_join(outdir, "so-luu-tru.csv");
	int status = EXIT_OK;
	if (!atomic_write(csv_path, csv.data, csv.len)) {
		diag(d, DIAG_OUTPUT_FAILED, csv_path, (struct pos){0, 0}, strerror(errno), NULL);
		status = EXIT_SYSTEM;
	}
	free(csv_path);
	buf_free(&csv);
	const struct template *t = a->tpl ? a->tpl : session_template(s, "chi-bo", outdir, (struct pos){0, 0});
	if (status == EXIT_OK && t) {
		char *pdf = path_join(outdir, "so-luu-tru.pdf");
		struct render_target to = {.output = pdf};
		const struct text_source src = {NULL, pdf};  /* its text comes from many plans */
		status = render_document(t, &src, 1, build_register, a, &to, d);
		free(pdf);
	}
	return t ? status : EXIT_SYSTEM;
}

void archive_free(struct archive *a)
{
	for (size_t i = 0; i < a->n; i++) {
		free(a->v[i].cell);
		free(a->v[i].topic);
		free(a->v[i].presenter);
		free(a->v[i].file);
	}
	free(a->v);
	*a = (struct archive){0};
}
