/* SỔ LƯU TRỮ: the archive register as a document, one row per archived
 * file with its SHA-256, and what became of entries a build kept. */
#include <string.h>

#include "archive.h"
#include "documents.h"
#include "party.h"

static const char *state_note(struct compose *c, enum entry_state s)
{
	switch (s) {
	case ENTRY_PLAN_ERRORS:
		return say(c, TEXT_RG_PLAN_ERRORS, NULL);
	case ENTRY_PLAN_GONE:
		return say(c, TEXT_RG_PLAN_GONE, NULL);
	default:
		return NULL;
	}
}

/* The kind of document over its number (register.kind_*, register.number). */
static void document_cell(struct compose *c, struct box_list *cell, const struct archive_entry *e, double size)
{
	bool minutes = strcmp(e->kind, KIND_MINUTES) == 0;
	add_cell_text(c, cell, say(c, minutes ? TEXT_RG_KIND_MINUTES : TEXT_RG_KIND_PAPER, NULL), FACE_BOLD, size,
		      ALIGN_LEFT);
	if (*e->number)
		add_cell_text(c, cell, say(c, TEXT_RG_NUMBER, "number", e->number, NULL), FACE_REGULAR, size, ALIGN_LEFT);
}

static void register_row(struct compose *c, struct table *table, const struct archive_entry *e, size_t i,
			 double size)
{
	struct box_list cells[7];
	struct table_row *row = add_row(c, table, cells);
	char date[16];
	snprintf(date, sizeof date, "%02d/%02d/%04d", e->date.d, e->date.m, e->date.y);
	add_cell_text(c, &cells[0], arena_printf(c->arena, "%zu", i + 1), FACE_REGULAR, size, ALIGN_CENTER);
	add_cell_text(c, &cells[1], arena_strdup(c->arena, date), FACE_REGULAR, size, ALIGN_CENTER);
	document_cell(c, &cells[2], e, size);
	add_cell_text(c, &cells[3], e->cell, FACE_REGULAR, size, ALIGN_LEFT);
	add_cell_text(c, &cells[4], e->topic, FACE_REGULAR, size, ALIGN_LEFT);
	add_cell_text(c, &cells[4], e->sha256, FACE_MONO, size - 3, ALIGN_LEFT);
	const char *note = state_note(c, e->state);
	if (note)
		add_cell_text(c, &cells[4], note, FACE_ITALIC, size - 1, ALIGN_LEFT);
	add_cell_text(c, &cells[5], e->author, FACE_REGULAR, size, ALIGN_LEFT);
	add_cell_text(c, &cells[6], arena_printf(c->arena, "%d", e->pages), FACE_REGULAR, size, ALIGN_CENTER);
	finish_row(table, row, cells);
}

void build_register(struct compose *c, const struct archive *a, struct built_doc *out)
{
	struct box_list *l = &out->body;
	const struct template *t = c->t;
	party_title(c, l, t->docs[TDOC_ARCHIVE].title, NULL, 0);
	double w = c->frame_width, size = t->size.small - 1;
	double widths[7] = {0.06 * w, 0.13 * w, 0.13 * w, 0.16 * w, 0.32 * w, 0.13 * w, 0.07 * w};
	struct table *table = add_table(c, l, widths, 7, true);
	table->padding = 3;
	const char *heads[7] = {say(c, TEXT_RG_COL_NUMBER, NULL), say(c, TEXT_RG_COL_DATE, NULL),
				say(c, TEXT_RG_COL_DOCUMENT, NULL), say(c, TEXT_RG_COL_UNIT, NULL),
				say(c, TEXT_RG_COL_TOPIC, NULL), say(c, TEXT_RG_COL_PRESENTER, NULL),
				say(c, TEXT_RG_COL_PAGES, NULL)};
	add_header_row(c, table, heads, size);
	for (size_t i = 0; i < a->n; i++)
		register_row(c, table, &a->v[i], i, size);
	if (a->n == 0)
		add_text(c, l, say(c, TEXT_RG_EMPTY, NULL), FACE_ITALIC,
			 t->size.body, ALIGN_CENTER);
	/* the register is archived too; it is as new as its latest paper */
	struct ymd latest = {0, 0, 0};
	for (size_t i = 0; i < a->n; i++)
		if (date_cmp(a->v[i].date, latest) > 0)
			latest = a->v[i].date;
	out->info = (struct doc_info){.title = t->docs[TDOC_ARCHIVE].title, .subject = t->docs[TDOC_ARCHIVE].title,
				      .archival = true, .date = latest};
}
