/* Loading inputs for any command: a plan with its template and draft, a
 * units register, a template, a lone draft. Each load reads, text-checks,
 * parses, decodes and validates, reporting to one diagnostics sink.
 * Templates are loaded once per session and shared by the plans. */
#ifndef CHUYENDE_SESSION_H
#define CHUYENDE_SESSION_H

#include <sys/types.h>

#include "check.h"
#include "draft.h"
#include "plan.h"
#include "template.h"
#include "units.h"

struct session {
	struct diags *d;
	const char *output;          /* the file this run will write, if it exists */
	struct file_id output_id;
	bool output_read;            /* an input was the output: nothing may be written */
	struct arena arena;          /* templates live here */
	struct template **templates;
	size_t n_templates, cap_templates;
	/* a session whose templates this one uses, read only, before loading
	 * its own (a build's jobs: a template is parsed once, not per paper) */
	const struct session *shared;
	bool skip_drafts;            /* the report counts meetings: drafts are not read */
	/* every file read or met, by identity: plans, drafts, registers,
	 * templates; the value of a plan or register met is its index in
	 * visited plus one (each counts once), of others 0 */
	struct id_set files;
	struct front_list visited;  /* the path each plan or register was first met by */
};

/* One plan and what hangs off it; everything is in its own arena. */
struct loaded_plan {
	struct arena arena;
	struct plan plan;
	const struct template *tpl;
	bool has_draft;
	struct draft draft;
	char *draft_path;            /* resolved, inside the plan's folder */
	const char *text;            /* the plan as read: later stages place what they find in it */
	size_t text_len;
};

enum input_kind { INPUT_PLAN, INPUT_UNITS, INPUT_TEMPLATE, INPUT_DRAFT, INPUT_UNKNOWN };

void session_init(struct session *s, struct diags *d);
/* Names the file the run will write. From then on an input that is that
 * same file (plan, draft, register or template, whatever its name) is
 * refused with OUTPUT_IS_INPUT and output_read is set. */
void session_set_output(struct session *s, const char *path);
void session_free(struct session *s);
/* True the first time the file at path is met in this run; met again by
 * another path (a folder given twice, a symlink), it is reported as
 * DUPLICATE_INPUT, a note, and false is returned: it counts once. */
bool session_first_visit(struct session *s, const char *path);
/* The same for a file whose identity is known (NULL: it cannot be read). */
bool session_first_visit_id(struct session *s, const char *path, const struct file_id *id);
/* True when path is a file this session has read. */
bool session_read_file(const struct session *s, const char *path);
/* Frees the record of the files met and read (a province's thousands of
 * plans), when the session will read no more: a report's, once its plans
 * are in, before its pages are laid out. After it every file is new to
 * the session, and session_read_file says false. */
void session_forget_files(struct session *s);
/* Notes a file read by other means (a report note) as an input; false
 * (after OUTPUT_IS_INPUT) when it is the file the run will write. */
bool session_add_input(struct session *s, const char *path);

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
