#include "source.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "legacy.h"
#include "syserr.h"
#include "text.h"
#include "util.h"

bool source_read(struct source *src, const char *path, size_t cap, struct diags *d)
{
	*src = (struct source){.path = path};
	switch (read_file_id(path, cap, &src->bytes, &src->len, &src->id, &src->known)) {
	case READ_OK:
		diag_log(d, "đọc", "reading", path);
		return true;
	case READ_TOO_LARGE: {
		char limit[32];
		snprintf(limit, sizeof limit, "%zu", cap);
		diag(d, DIAG_FILE_TOO_LARGE, path, (struct pos){0, 0}, limit, NULL);
		return false;
	}
	case READ_FAILED:
		break;
	}
	diag_sys(d, DIAG_READ_FAILED, path, OP_READ, errno);
	return false;
}

/* True when byte i ends a line: LF, or a CR not followed by LF (old Mac
 * files), as libyaml and cmark count lines; CR LF is one end, the LF. */
static bool ends_line(const struct source *src, size_t i)
{
	const char *b = src->bytes;
	return b[i] == '\n' || (b[i] == '\r' && (i + 1 >= src->len || b[i + 1] != '\n'));
}

/* Offset of the next line after offset, or src->len. */
static size_t next_line(const struct source *src, size_t offset)
{
	for (size_t i = offset; i < src->len; i++)
		if (ends_line(src, i))
			return i + 1;
	return src->len;
}

struct pos source_pos(const struct source *src, size_t offset)
{
	struct pos p = {1, 1};
	size_t line_start = 0;
	for (size_t i = 0; i < offset && i < src->len; i++)
		if (ends_line(src, i)) {
			p.line++;
			line_start = i + 1;
		}
	/* a UTF-8 byte-order mark is not a column (libyaml skips it too) */
	if (line_start == 0 && src->len >= 3 && memcmp(src->bytes, "\xEF\xBB\xBF", 3) == 0 && offset >= 3)
		line_start = 3;
	p.col = (int)utf8_length(src->bytes + line_start, offset - line_start) + 1;
	return p;
}

static int by_cp(const void *a, const void *b)
{
	uint32_t x = ((const struct char_place *)a)->cp, y = ((const struct char_place *)b)->cp;
	return (x > y) - (x < y);
}

size_t source_first_places(const struct source *src, struct arena *arena, struct char_place **out)
{
	struct char_place *v = NULL;
	size_t n = 0, cap = 0;
	uint8_t seen[0x10000 / 8] = {0};  /* the Basic Multilingual Plane; beyond it, the list is searched */
	struct pos at = {1, 1};
	size_t i = src->len >= 3 && memcmp(src->bytes, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	while (i < src->len) {
		uint32_t cp;
		size_t len = utf8_decode(src->bytes + i, src->len - i, &cp);
		if (!len) {  /* not UTF-8 (a checked input never is): one column */
			len = 1;
			cp = 0xFFFD;
		}
		bool first = cp < 0x10000 ? !(seen[cp / 8] & (1u << (cp % 8))) : true;
		for (size_t k = 0; first && cp >= 0x10000 && k < n; k++)
			first = v[k].cp != cp;
		if (first) {
			if (cp < 0x10000)
				seen[cp / 8] |= (uint8_t)(1u << (cp % 8));
			*VEC_PUSH(v, n, cap) = (struct char_place){cp, at};
		}
		if (ends_line(src, i + len - 1) && len == 1) {
			at.line++;
			at.col = 1;
		} else {
			at.col++;
		}
		i += len;
	}
	qsort(v, n, sizeof *v, by_cp);
	*out = n ? arena_alloc(arena, n * sizeof *v) : NULL;
	if (n)
		memcpy(*out, v, n * sizeof *v);
	free(v);
	return n;
}

const struct char_place *char_place_find(const struct char_place *places, size_t n, uint32_t cp)
{
	struct char_place key = {cp, {0, 0}};
	return n ? bsearch(&key, places, n, sizeof *places, by_cp) : NULL;
}

/* The line around offset, for showing what the legacy text looks like. */
static void line_bounds(const struct source *src, size_t offset, size_t *start, size_t *end)
{
	size_t s = offset, e = offset;
	while (s > 0 && src->bytes[s - 1] != '\n' && src->bytes[s - 1] != '\r')
		s--;
	while (e < src->len && src->bytes[e] != '\n' && src->bytes[e] != '\r')
		e++;
	*start = s;
	*end = e;
}

/* Reports the invalid byte at offset at: as legacy text when the file
 * reads as a legacy encoding (e, judged on the whole file), showing its
 * line converted; else as invalid UTF-8. */
static void report_invalid(const struct source *src, size_t at, enum legacy e, struct diags *d)
{
	size_t s, end;
	line_bounds(src, at, &s, &end);
	struct pos p = source_pos(src, at);
	if (e != LEGACY_NONE) {
		legacy_report(d, src->path, p, e, src->bytes + s, end - s);
		return;
	}
	char hex[4];
	snprintf(hex, sizeof hex, "%02X", (unsigned char)src->bytes[at]);
	diag(d, DIAG_INVALID_UTF8, src->path, p, hex, NULL);
}

bool source_check_text(const struct source *src, struct diags *d)
{
	const unsigned char *b = (const unsigned char *)src->bytes;
	if (src->len >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF))) {
		diag(d, DIAG_UTF16, src->path, (struct pos){1, 1}, NULL);
		return false;
	}
	const char *nul = memchr(src->bytes, '\0', src->len);
	if (nul) {
		diag(d, DIAG_NUL_BYTE, src->path, source_pos(src, (size_t)(nul - src->bytes)), NULL);
		return false;
	}
	/* One report per line, at most a few lines: the rest is the same story. */
	bool ok = true;
	int reported = 0;
	size_t at = 0;
	enum legacy e = LEGACY_NONE;
	while (at < src->len && reported < 5) {
		size_t bad = at + utf8_invalid_at(src->bytes + at, src->len - at);
		if (bad >= src->len)
			break;
		if (ok)  /* the encoding is the whole file's, so that one command converts it */
			e = legacy_guess(src->bytes, src->len);
		ok = false;
		report_invalid(src, bad, e, d);
		reported++;
		/* the rest of this line is the same story: go on at the next one */
		at = next_line(src, bad);
	}
	return ok;
}

/* The offset of the first byte past ASCII in s[0..n), or n. */
static size_t first_high(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && (unsigned char)s[i] < 0x80)
		i++;
	return i;
}

bool source_check_legacy(const struct source *src, struct diags *d)
{
	enum legacy e = legacy_guess_utf8(src->bytes, src->len);  /* valid UTF-8, as source.h says */
	if (e == LEGACY_NONE)
		return true;
	int reported = 0;
	for (size_t at = 0; at < src->len && reported < 5;) {
		size_t s, end;
		line_bounds(src, at, &s, &end);
		if (legacy_line_wants(e, src->bytes + s, end - s)) {
			struct pos p = source_pos(src, s + first_high(src->bytes + s, end - s));
			legacy_report(d, src->path, p, e, src->bytes + s, end - s);
			reported++;
		}
		at = next_line(src, end);
	}
	return false;
}

bool source_check_controls(const struct source *src, struct diags *d)
{
	bool ok = true;
	int reported = 0;
	size_t at = 0;
	while (at < src->len && reported < 5) {
		uint32_t cp = 0;  /* set whenever a control is found; gcc -O3 -flto cannot tell */
		size_t bad = at + text_control_at(src->bytes + at, src->len - at, true, &cp);
		if (bad >= src->len)
			break;
		char hex[16];
		snprintf(hex, sizeof hex, "%04X", (unsigned)cp);
		diag(d, DIAG_CONTROL_CHAR, src->path, source_pos(src, bad), hex, NULL);
		ok = false;
		reported++;
		/* as with invalid bytes: once a line, on a few lines */
		at = next_line(src, bad);
	}
	return ok;
}

/* A run of tab-indented lines: where it starts, its last line. */
struct tab_run {
	struct pos first;
	int last;
};

/* One report for a run: a file indented with tabs has them on every line,
 * and one line per line would drown the other problems. */
static void report_tabs(const struct source *src, const struct tab_run *run, struct diags *d)
{
	if (run->first.line == 0)
		return;
	if (run->last == run->first.line) {
		diag(d, DIAG_TAB_INDENT, src->path, run->first, "", NULL);
		return;
	}
	char *lines = xmalloc(128);
	snprintf(lines, 128, " ở các dòng %d–%d\x1F on lines %d–%d", run->first.line, run->last, run->first.line,
		 run->last);
	diag(d, DIAG_TAB_INDENT, src->path, run->first, lines, NULL);
	free(lines);
}

bool source_check_tabs(const struct source *src, struct diags *d)
{
	/* most files have no tab at all: nothing to find line by line */
	if (src->len == 0 || !memchr(src->bytes, '\t', src->len))
		return true;
	bool ok = true;
	int line = 1;
	bool at_start = true;
	int col = 1;
	struct tab_run run = {{0, 0}, 0};
	for (size_t i = 0; i <= src->len; i++) {
		if (i == src->len || ends_line(src, i)) {
			line++;
			at_start = true;
			col = 1;
			continue;
		}
		char c = src->bytes[i];
		if (!at_start)
			continue;
		if (c == '\t') {
			if (run.first.line == 0)
				run.first = (struct pos){line, col};
			run.last = line;
			ok = false;
			at_start = false;
		} else if (c == ' ') {
			col++;
		} else {
			/* a line indented with spaces ends the run; a blank one does not */
			at_start = false;
			if (run.last != line && c != '\r') {
				report_tabs(src, &run, d);
				run = (struct tab_run){{0, 0}, 0};
			}
		}
	}
	report_tabs(src, &run, d);
	return ok;
}

void source_free(struct source *src)
{
	free(src->bytes);
	src->bytes = NULL;
	src->len = 0;
}
