/* A keynote draft (plan-format.md §2): Markdown with optional YAML front
 * matter. Loading cuts the front matter off (keeping line numbers), reads
 * its fields, and checks the Markdown for what the PDF will drop. */
#ifndef CHUYENDE_DRAFT_H
#define CHUYENDE_DRAFT_H

#include "decode.h"
#include "source.h"

enum draft_status { DRAFT_STATUS_DRAFT, DRAFT_STATUS_APPROVED, DRAFT_STATUS_FINAL };

struct draft {
	const char *path;
	bool has_front_matter;
	struct text title, author, approved_by;
	enum draft_status status;
	struct pos status_at;
	struct date_field approved_on;
	/* A report note (plan-format.md §3), read by the same rules: its
	 * front matter is number, date and signer instead. */
	bool note;
	struct text number, signer;
	struct date_field date;
	char *markdown;          /* NFC; front matter lines blanked; arena-owned */
	size_t markdown_len;
	char *front_matter;      /* the file's bytes up to the end of the front matter, as read */
	size_t front_matter_len;
};

/* Reads and checks the draft at path, naming it `name` in diagnostics.
 * Returns false with diagnostics on any error (warnings alone return true). */
bool draft_load(struct draft *dr, const char *path, const char *name, struct arena *arena, struct diags *d);
/* The same from bytes already read (src->path names the draft); the
 * front matter is blanked in src->bytes. */
bool draft_parse(struct draft *dr, struct source *src, struct arena *arena, struct diags *d);
/* A report note (bao-cao-2023-Q1.md) at path. */
bool draft_load_note(struct draft *dr, const char *path, struct arena *arena, struct diags *d);
const char *draft_status_name(enum draft_status s);

#endif
