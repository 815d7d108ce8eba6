/* Validation as a stage of its own: the rules of plan-format.md §1 that
 * span fields (agenda order against the template, preparation dates,
 * attendance, roles, the draft's place), after decoding succeeded. */
#ifndef CHUYENDE_CHECK_H
#define CHUYENDE_CHECK_H

#include <stdint.h>

#include "draft.h"
#include "plan.h"
#include "template.h"

/* Checks p against t, resolving step, topic-group and format indexes in p.
 * Returns false when an error was reported. */
bool check_plan(struct plan *p, const struct template *t, struct arena *arena, struct diags *d);

/* Resolves the plan's draft path inside the plan's folder (symlinks
 * resolved): the real path, or NULL after reporting why not. */
char *check_draft_path(const struct plan *p, struct diags *d);

/* Rules between a plan and its draft (author, approval), and the draft's
 * texts as check_typing reads them. */
void check_plan_draft(const struct plan *p, const struct draft *dr, const struct template *t, struct diags *d);
/* Warns, as the template asks, when t is a placeholder left from init
 * (PLACEHOLDER_LEFT) or Vietnamese typed without marks (NO_DIACRITICS). */
void check_typing(const struct text *t, const char *name, const char *file, const struct template *tpl,
		  struct diags *d);

/* A text the model keeps as it was read (a plan's source, a draft's front
 * matter and Markdown, a register's source), to place what a later stage
 * finds in what the documents print. */
struct text_source {
	const char *text;        /* NULL: not one to search, a name only, */
	const char *shown;       /* the file, as diagnostics name it */
	size_t len;
	const struct char_place *places;  /* or where each character first is */
	size_t n_places;
};
/* A character a document would print that its font lacks (font: the
 * font's name as the template gives it). */
struct glyph_gap {
	uint32_t cp;
	const char *font;
};
/* Reports MISSING_GLYPH for each gap, at the character's first place in
 * the texts, searched in order (else against the first, with no line:
 * text of the template). Returns false if there is any. */
bool check_glyphs(const struct glyph_gap *gaps, size_t n, const struct text_source *src, size_t n_src,
		  struct diags *d);
/* A draft's texts, front matter then Markdown, into out[0..2); returns
 * how many. */
size_t draft_text_sources(const struct draft *dr, struct text_source out[2]);

#endif
