/* The archive register (SỔ LƯU TRỮ CHUYÊN ĐỀ): every final topic paper of
 * a build — date, cell, topic, presenter, pages, SHA-256 of its PDF — as
 * CSV and as a PDF. */
#ifndef CHUYENDE_ARCHIVE_H
#define CHUYENDE_ARCHIVE_H

#include "session.h"

struct archive_entry {
	struct ymd date;
	char *cell, *topic, *presenter, *file;
	int pages;
	char sha256[65];
};

struct archive {
	struct archive_entry *v;
	size_t n, cap;
	const struct template *tpl;   /* of the first entry: for the PDF's look */
};

/* Adds a rendered final paper (hashes pdf_path). False when it cannot be read. */
bool archive_add(struct archive *a, const struct loaded_plan *lp, const char *pdf_path, const char *rel, int pages);
/* Writes OUTDIR/so-luu-tru.csv and OUTDIR/so-luu-tru.pdf (entries sorted by
 * date, then cell). Returns an exit status. */
int archive_write(struct archive *a, struct session *s, const char *outdir, struct diags *d);
void archive_free(struct archive *a);

#endif
