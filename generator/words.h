/* The words of a template: every text a document prints that is not the
 * user's own (words.def), the header as lines of data, and the template's
 * own named words. Texts are patterns with {fields}; each is checked when
 * the template is read, so that an unknown field is an error at the
 * template's line, never a hole in a paper. */
#ifndef CHUYENDE_WORDS_H
#define CHUYENDE_WORDS_H

#include <stdbool.h>
#include <stddef.h>

#include "decode.h"

enum text_id {
#define T(id, key, fields) TEXT_##id,
#include "words.def"
#undef T
	TEXT_COUNT
};

/* One line of the header: its text may use {superior}, {issuer},
 * {number}, {place_date} and the template's words; a line whose fields
 * are all empty is left out, and so is a line whose `when` field is. */
struct header_line {
	const char *text;
	const char *when;          /* NULL: always */
	double size, space_before;
	bool bold, italic, upper, rule;
};

enum header_side { HEADER_LEFT, HEADER_RIGHT, HEADER_SIDES };

struct template_words {
	const char *text[TEXT_COUNT];
	struct pos text_at[TEXT_COUNT];
	const char **names, **values;   /* the `words:` section, usable in every text */
	size_t n;
	struct header_line *header[HEADER_SIDES];
	size_t n_header[HEADER_SIDES];
	double header_left_share;       /* of the text column; the right side has the rest */
};

/* Reads `words:`, `text:` and `header:` under root, checking every
 * pattern's fields. Failures are reported and set dc->failed. */
void words_decode(struct template_words *w, struct decoder *dc, struct dmap root);

/* The pattern text filled: fields are name, value pairs (n_fields of
 * them); a field not given is looked for among the template's words. */
char *words_fill(struct arena *a, const struct template_words *w, const char *pattern,
		 const char *const *fields, size_t n_fields);

/* Whether a header line's fields (and its `when`) are all empty. */
bool header_line_empty(const struct template_words *w, const struct header_line *line,
		       const char *const *fields, size_t n_fields);

/* "common.date": the key of a text, for messages and schemas. */
const char *text_key(enum text_id id);
/* "day month year": the fields a text may use. */
const char *text_fields(enum text_id id);

#endif
