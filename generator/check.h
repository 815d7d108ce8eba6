/* Validation as a stage of its own: the rules of plan-format.md §1 that
 * span fields (agenda order against the template, preparation dates,
 * attendance, roles, the draft's place), after decoding succeeded. */
#ifndef CHUYENDE_CHECK_H
#define CHUYENDE_CHECK_H

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

#endif
