/* What a document says of itself besides its pages: the PDF's title,
 * author, subject and keywords, and whether it is archived. A builder
 * (doc_*.c) fills it; the painter writes it. */
#ifndef CHUYENDE_DOC_INFO_H
#define CHUYENDE_DOC_INFO_H

#include <stdbool.h>

#include "date.h"

struct doc_info {
	const char *title, *author, *subject, *keywords;
	/* An archived document (a final paper, the archive register): the
	 * PDF is PDF/A-1b (see pdf_painter.c); otherwise plain PDF 1.3,
	 * without metadata or colour profile. */
	bool archival;
	/* The day an archival document stands for (its meeting; the register's
	 * latest entry), year 0 when none: its creation date at 00:00 UTC
	 * unless SOURCE_DATE_EPOCH is set. Ignored for other documents. */
	struct ymd date;
};

#endif
