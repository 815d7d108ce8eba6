/* An input file read whole and checked as text before any parser sees it:
 * size cap, NUL bytes, UTF-16, invalid UTF-8 (with the line it is on and a
 * guess at a legacy encoding). */
#ifndef CHUYENDE_SOURCE_H
#define CHUYENDE_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "util.h"

/* Documented limits (README "Limits"). */
#define LIMIT_YAML_BYTES   (1u << 20)   /* 1 MiB for a plan, register, template */
#define LIMIT_DRAFT_BYTES  (8u << 20)   /* 8 MiB for a Markdown draft */
#define LIMIT_YAML_DEPTH   32
#define LIMIT_YAML_NODES   250000
#define LIMIT_MARKDOWN_DEPTH 32

struct source {
	const char *path;   /* as given; used in diagnostics */
	char *bytes;        /* NUL-terminated; owned */
	size_t len;
	struct file_id id;  /* of the file read, when known */
	bool known;
};

/* Reads path (or "-"). Reports READ_FAILED (system) or FILE_TOO_LARGE and
 * returns false on failure. */
bool source_read(struct source *src, const char *path, size_t cap, struct diags *d);
/* Checks that the bytes are text: no NUL, not UTF-16, valid UTF-8. Reports
 * each problem at its line and column; returns false on any. */
bool source_check_text(const struct source *src, struct diags *d);
/* Checks that the text holds no control character (ESC, SOH, DEL, C1...):
 * they have no glyph and drive terminals. Tabs and line ends are allowed.
 * For drafts; libyaml refuses them in YAML files, decode.c in escapes. */
bool source_check_controls(const struct source *src, struct diags *d);
/* Checks that valid UTF-8 text is no mojibake: legacy bytes read as
 * Windows-1252, as text pasted from a .VnTime document arrives. Reports
 * the first few lines to convert. For drafts; a plan's values are checked
 * one by one as they load. */
bool source_check_legacy(const struct source *src, struct diags *d);
/* Checks that no line is indented with a tab (YAML). */
bool source_check_tabs(const struct source *src, struct diags *d);
/* The 1-based line and column (in code points) of a byte offset. Lines end
 * at LF, CR LF or a lone CR, as libyaml and cmark count them. */
struct pos source_pos(const struct source *src, size_t offset);
/* Where each code point of src first occurs, sorted by code point: what a
 * missing-glyph check needs of a large file, in a few hundred entries
 * rather than the whole text (positions as source_pos gives them). */
struct char_place {
	uint32_t cp;
	struct pos at;
};
size_t source_first_places(const struct source *src, struct arena *arena, struct char_place **out);
/* The first place of cp among n places, or NULL. */
const struct char_place *char_place_find(const struct char_place *places, size_t n, uint32_t cp);
void source_free(struct source *src);

#endif
