/* Loading inputs for any command: a plan with its template and draft, a
 * units register, a template, a lone draft. Each load reads, text-checks,
 * parses, decodes and validates, reporting to one diagnostics sink.
 * Templates are loaded once per session and shared by the plans. */
#ifndef CHUYENDE_SESSION_H
#define CHUYENDE_SESSION_H

#include "check.h"
#include "draft.h"
#include "plan.h"
#include "template.h"
#include "units.h"

struct session {
	struct diags *d;
	struct arena arena;          /* templates live here */
	struct template **templates;
	size_t n_templates, cap_templates;
	bool skip_drafts;            /* the report counts meetings: drafts are not read */
};

/* One plan and what hangs off it; everything is in its own arena. */
struct loaded_plan {
	struct arena arena;
	struct plan plan;
	const struct template *tpl;
	bool has_draft;
	struct draft draft;
	char *draft_path;            /* resolved, inside the plan's folder */
};

enum input_kind { INPUT_PLAN, INPUT_UNITS, INPUT_TEMPLATE, INPUT_DRAFT, INPUT_UNKNOWN };

void session_init(struct session *s, struct diags *d);
void session_free(struct session *s);

/* The template called name (loaded on first use), or NULL after a
 * diagnostic against (file, at). */
const struct template *session_template(struct session *s, const char *name, const char *file, struct pos at);

/* Loads and checks a plan (and its draft). Returns false when an error was
 * reported; lp must be released with loaded_plan_free either way. */
bool session_load_plan(struct session *s, const char *path, struct loaded_plan *lp);
/* The same for a plan already read into src (src->path names it; its
 * draft is looked for beside that path). */
bool session_parse_plan(struct session *s, const struct source *src, struct loaded_plan *lp);
void loaded_plan_free(struct loaded_plan *lp);

/* Loads a units register into arena. */
bool session_load_units(struct session *s, const char *path, struct units *u, struct arena *arena);
bool session_parse_units(struct session *s, const struct source *src, struct units *u, struct arena *arena);

/* Loads and checks any input file, telling its kind from its name and
 * content; a plan (or a lone draft) stays in lp, which the caller frees
 * with loaded_plan_free. */
bool session_load_input(struct session *s, const char *path, struct loaded_plan *lp, enum input_kind *kind);

#endif
