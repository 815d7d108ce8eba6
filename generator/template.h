/* A template: everything an organisation kind prints and prescribes —
 * header lines, document titles, the steps of the meeting in their
 * prescribed order, topic groups, signature labels, page geometry, fonts
 * and sizes. Read from templates/NAME.yaml at run time. */
#ifndef CHUYENDE_TEMPLATE_H
#define CHUYENDE_TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>

#include "decode.h"
#include "face.h"
#include "words.h"

/* Who performs a step, as printed in the agenda. */
enum performer { PERFORMER_CHAIR, PERFORMER_SECRETARY, PERFORMER_PRESENTER, PERFORMER_MEMBERS, PERFORMER_NONE };

struct template_step {
	const char *id;
	struct pos at;              /* of the id, for diagnostics */
	const char *label;          /* printed */
	const char *label_short;    /* printed when the step's optional part does not apply */
	bool required;
	bool custom_after;          /* custom items may follow this step */
	enum performer performer;
	int minutes_lines;          /* ruled lines for it in the minutes */
};

struct template_choice {
	const char *id, *label;
	struct pos at;
};

struct template_document {
	const char *title;   /* "BIÊN BẢN" */
	const char *code;    /* "BB", used in numbers */
};

enum tdoc { TDOC_AGENDA, TDOC_MINUTES, TDOC_PAPER, TDOC_REPORT, TDOC_ARCHIVE, TDOC_COUNT };

struct template_sizes {
	double title, subtitle, body, small, table;
	double heading[3];
};

struct template_page {
	double width_mm, height_mm;
	double margin_top_mm, margin_bottom_mm, margin_left_mm, margin_right_mm;
	int page_numbers_from;
	double first_line_indent_mm, paragraph_space_pt, line_spacing;
};

struct template {
	const char *name;            /* "chi-bo" */
	const char *path;            /* the file it was read from */
	struct file_id file;         /* that file's identity, when file_known: the */
	bool file_known;             /* same file asked for again needs no stat */
	struct template_words w;     /* every text it prints, and the header */
	struct template_document docs[TDOC_COUNT];
	const char *sign_on_behalf, *sign_role, *sign_chair, *sign_secretary;
	const char *report_on_behalf, *report_role;
	const char **recipients, **report_recipients;
	size_t n_recipients, n_report_recipients;
	struct template_step *steps;
	size_t n_steps;
	struct pos steps_at;
	bool custom_at_start;
	struct template_choice *topic_groups, *formats, *grades;
	size_t n_topic_groups, n_formats, n_grades;
	double attendance_warning_percent;
	long meeting_minimum_minutes;    /* a held meeting shorter than this is a warning */
	bool warn_absent_without_reason; /* each absence without reason is a warning */
	bool warn_placeholders;          /* text left from init is a warning */
	bool warn_no_diacritics;         /* text without one Vietnamese mark is a warning */
	struct template_page page;
	const char *fonts[FACE_COUNT];   /* file names or paths */
	struct pos font_at[FACE_COUNT];  /* where each is named, for FONT_FAILED */
	struct template_sizes size;
};

/* Reads a template from a parsed document. Returns false with
 * diagnostics when it is incomplete. */
bool template_decode(struct template *t, const struct ydoc *doc, struct arena *arena, struct diags *d);

/* Index of a step, topic group, format or grade given by its id or by
 * its printed label (any case, spacing, NFC or NFD); -1 when unknown. */
int template_step_index(const struct template *t, const char *id);
int template_topic_group(const struct template *t, const char *id);
int template_format(const struct template *t, const char *id);
int template_grade(const struct template *t, const char *id);

/* The template of a plan, register or lone draft that names none. */
#define TEMPLATE_DEFAULT "chi-bo"

/* Loads the named template ("chi-bo") from the first folder of
 * template_dirs (datadir.h) that has it. Reports UNKNOWN_TEMPLATE, naming
 * the folders searched, against (file, at) when none has. */
bool template_load(struct template *t, const char *name, const char *file, struct pos at,
		   struct arena *arena, struct diags *d);

#endif
