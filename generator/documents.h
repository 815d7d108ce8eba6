/* The documents: each kind is one file (doc_*.c) that turns a checked
 * plan into boxes and says what the document is (doc_info). The render
 * stage lays them out and paints them; builders see neither. */
#ifndef CHUYENDE_DOCUMENTS_H
#define CHUYENDE_DOCUMENTS_H

#include "compose.h"
#include "doc_info.h"
#include "session.h"

/* What a builder produces besides its boxes. */
struct built_doc {
	struct box_list body;
	struct doc_info info;
	const char *watermark;   /* "DỰ THẢO" on drafts, else NULL */
};

void build_agenda(struct compose *c, const struct loaded_plan *lp, struct built_doc *out);
void build_minutes(struct compose *c, const struct loaded_plan *lp, struct built_doc *out);
void build_paper(struct compose *c, const struct loaded_plan *lp, struct built_doc *out);
struct archive;
void build_register(struct compose *c, const struct archive *a, struct built_doc *out);
/* The draft's Markdown as boxes (the paper's body). */
void paper_body(struct compose *c, struct box_list *l, const char *markdown, size_t len);

/* Shared by agenda and minutes: the person who performs a step, as printed
 * ("Đ/c Nguyễn Văn An"), or NULL. */
const char *step_performer(struct compose *c, const struct loaded_plan *lp, const struct agenda_item *item);
/* The printed label of an agenda item. */
const char *step_label(const struct loaded_plan *lp, const struct agenda_item *item);
/* The plan's agenda, or the template's prescribed order when it has none. */
const struct agenda_item *plan_agenda(struct compose *c, const struct loaded_plan *lp, size_t *n);
/* The header, title, subtitle and topic line of a paper about one meeting
 * (agenda, minutes); returns the subtitle. */
const char *plan_heading(struct compose *c, const struct loaded_plan *lp, enum tdoc kind, struct box_list *l);
/* "Đồng chí Nguyễn Văn An, Bí thư chi bộ" (title may be NULL) */
const char *person_line(struct compose *c, const char *name, const char *title);
/* "Sinh hoạt chi bộ chuyên đề quý I năm 2023" */
const char *meeting_subtitle(struct compose *c, const struct loaded_plan *lp);

#endif
