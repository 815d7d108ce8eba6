#include "draft.h"

#include <cmark.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "markdown.h"
#include "text.h"

/* Length of the line at s (without its end), and of its end: LF, CR LF
 * or a lone CR (old Mac files), as cmark and libyaml count lines. */
static size_t line_len(const char *s, size_t n, size_t *eol)
{
	size_t i = 0;
	while (i < n && s[i] != '\n' && s[i] != '\r')
		i++;
	if (i == n)
		*eol = 0;
	else
		*eol = s[i] == '\r' && i + 1 < n && s[i + 1] == '\n' ? 2 : 1;
	return i;
}

static bool is_fence(const char *s, size_t len)
{
	while (len > 3 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	return len == 3 && (memcmp(s, "---", 3) == 0 || memcmp(s, "...", 3) == 0);
}

/* A UTF-8 byte-order mark, which Windows editors put first, is skipped. */
static size_t bom_len(const char *s, size_t n)
{
	return n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

/* "---" alone on its line; trailing spaces and tabs are invisible in an
 * editor, so they are allowed. */
static bool is_opening(const char *s, size_t len)
{
	while (len > 3 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	return len == 3 && memcmp(s, "---", 3) == 0;
}

/* Finds the front matter: returns the offset just past its closing line,
 * 0 when there is none, (size_t)-1 when it is not closed. *yaml_start and
 * *yaml_len get the part libyaml reads (from the opening "---", after a
 * byte-order mark, to the closing line, exclusive), so that its line
 * numbers are the file's. */
static size_t front_matter_end(const char *s, size_t n, size_t *yaml_start, size_t *yaml_len)
{
	size_t at = bom_len(s, n), eol, len = line_len(s + at, n - at, &eol);
	if (!is_opening(s + at, len))
		return 0;
	*yaml_start = at;
	at += len + eol;
	while (at < n) {
		size_t l = line_len(s + at, n - at, &eol);
		if (is_fence(s + at, l)) {
			*yaml_len = at - *yaml_start;
			return at + l + eol;
		}
		at += l + eol;
	}
	return (size_t)-1;
}

/* True when the line at s reads "key:" for a key of the front matter. */
static bool front_matter_key(const char *s, size_t len)
{
	static const char *const keys[] = {"title", "author", "status", "approved_by", "approved_on"};
	for (size_t i = 0; i < COUNT_OF(keys); i++) {
		size_t k = strlen(keys[i]);
		if (len > k && memcmp(s, keys[i], k) == 0 && s[k] == ':')
			return true;
	}
	return false;
}

/* Text at the top that looks like front matter but is not read as such —
 * a "---" block after blank lines, or "title: ..." lines without the
 * "---" around them — would print as text and leave the paper a draft:
 * say so at its line. */
static void warn_unread_front_matter(const struct source *src, struct diags *d)
{
	const char *s = src->bytes;
	size_t n = src->len, at = bom_len(s, n), eol;
	int line = 1;
	for (;;) {
		size_t len = line_len(s + at, n - at, &eol);
		bool blank = true;
		for (size_t i = 0; i < len && blank; i++)
			blank = s[at + i] == ' ' || s[at + i] == '\t';
		if (!blank || !eol)
			break;
		at += len + eol;
		line++;
	}
	size_t len = line_len(s + at, n - at, &eol);
	struct pos pos = {line, 1};
	size_t yaml_start, yaml_len;
	if (line > 1 && is_opening(s + at, len) &&
	    front_matter_end(s + at, n - at, &yaml_start, &yaml_len) != (size_t)-1)
		diag(d, DIAG_FRONT_MATTER_NOT_AT_TOP, src->path, pos, NULL);
	else if (front_matter_key(s + at, len))
		diag(d, DIAG_FRONT_MATTER_NO_FENCES, src->path, pos, NULL);
}

static void decode_front_matter(struct draft *dr, const struct ydoc *doc, struct arena *arena,
				struct diags *d, bool *failed)
{
	struct decoder dc = {.path = dr->path, .d = d, .arena = arena};
	struct dmap root = dr->note ? dec_root(&dc, doc->root, KEYS(note)) : dec_root(&dc, doc->root, KEYS(draft));
	if (root.node && dr->note) {
		dec_text(&dc, root, "number", false, &dr->number);
		dec_date(&dc, root, "date", false, &dr->date);
		dec_text(&dc, root, "signer", false, &dr->signer);
	} else if (root.node) {
		dec_text(&dc, root, "title", false, &dr->title);
		dec_text(&dc, root, "author", false, &dr->author);
		dec_text(&dc, root, "approved_by", false, &dr->approved_by);
		dec_date(&dc, root, "approved_on", false, &dr->approved_on);
		int status = DRAFT_STATUS_DRAFT;
		dr->status_at = root.at;
		dec_choice_labeled(&dc, root, "status", VALUES(draft_status), false, &status, &dr->status_at);
		dr->status = (enum draft_status)status;
	}
	*failed |= dc.failed;
}

/* The last position char_pos found. cmark gives positions in document
 * order, so each is counted on from the one before: a line holding
 * thousands of tags is not rescanned from its start for each. */
struct char_cursor {
	int line;        /* 1-based */
	size_t start;    /* offset of that line in the markdown */
	size_t bytes;    /* bytes of the line counted so far */
	size_t chars;    /* the characters they hold */
};

/* cmark's columns count bytes; diagnostics count characters. */
static struct pos char_pos(const struct draft *dr, struct char_cursor *c, int line, int byte_col)
{
	const char *m = dr->markdown;
	size_t len = dr->markdown_len;
	size_t n = byte_col > 1 ? (size_t)(byte_col - 1) : 0;
	if (line < c->line || (line == c->line && n < c->bytes))
		*c = (struct char_cursor){1, 0, 0, 0};  /* behind the cursor: count from the top */
	while (c->line < line) {
		size_t eol, body = line_len(m + c->start, len - c->start, &eol);
		c->start += body + eol;
		c->line++;
		c->bytes = c->chars = 0;
	}
	if (n > len - c->start)
		n = len - c->start;
	c->chars += utf8_length(m + c->start + c->bytes, n - c->bytes);
	c->bytes = n;
	return (struct pos){line, (int)c->chars + 1};
}

/* Refuses, before any parsing, what would make the parser slow: nesting
 * past the limit, too many brackets in one paragraph. */
static bool check_early(const struct draft *dr, struct diags *d)
{
	struct md_scan scan = md_prescan(dr->markdown, dr->markdown_len, LIMIT_MARKDOWN_DEPTH);
	char limit[16], count[32];
	switch (scan.problem) {
	case MD_SCAN_TOO_DEEP:
		snprintf(limit, sizeof limit, "%d", LIMIT_MARKDOWN_DEPTH);
		diag(d, DIAG_MARKDOWN_TOO_DEEP, dr->path, (struct pos){scan.line, scan.col}, limit, NULL);
		return false;
	case MD_SCAN_TOO_MANY_BRACKETS:
		snprintf(limit, sizeof limit, "%d", LIMIT_MARKDOWN_BRACKETS);
		snprintf(count, sizeof count, "%zu", scan.brackets);
		diag(d, DIAG_MARKDOWN_TOO_MANY_BRACKETS, dr->path, (struct pos){scan.line, scan.col}, count, limit, NULL);
		return false;
	default:
		return true;
	}
}

static void too_complex(const struct draft *dr, struct diags *d)
{
	char limit[16];
	snprintf(limit, sizeof limit, "%u", LIMIT_MARKDOWN_MEMORY >> 20);
	diag(d, DIAG_MARKDOWN_TOO_COMPLEX, dr->path, (struct pos){0, 0}, limit, NULL);
}

/* One part of the draft, whose first line is the draft's line first:
 * 1 when it passes, 0 when it has errors, -1 when it is past the memory
 * budget (the check stops there). */
static int check_part(struct draft *dr, const char *text, size_t len, int first, struct char_cursor *cursor,
		       struct diags *d)
{
	cmark_node *doc = md_parse(text, len, CMARK_OPT_SMART, LIMIT_MARKDOWN_MEMORY);
	if (!doc) {
		too_complex(dr, d);
		return -1;
	}
	int ok = 1;
	int depth = 0;
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		cmark_node_type type = cmark_node_get_type(node);
		bool container = type == CMARK_NODE_BLOCK_QUOTE || type == CMARK_NODE_LIST;
		bool html = type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE;
		if (!container && !html)
			continue;  /* the text of a draft: nothing to check */
		struct pos at = {cmark_node_get_start_line(node) + first - 1, cmark_node_get_start_column(node)};
		if (html || (container && ev == CMARK_EVENT_ENTER && depth == LIMIT_MARKDOWN_DEPTH))
			at = char_pos(dr, cursor, at.line, at.col);
		if (container && ev == CMARK_EVENT_ENTER && ++depth == LIMIT_MARKDOWN_DEPTH + 1) {
			char limit[16];
			snprintf(limit, sizeof limit, "%d", LIMIT_MARKDOWN_DEPTH);
			diag(d, DIAG_MARKDOWN_TOO_DEEP, dr->path, at, limit, NULL);
			ok = 0;
		} else if (container && ev == CMARK_EVENT_EXIT) {
			depth--;
		}
		if (html && ev == CMARK_EVENT_ENTER)
			diag(d, DIAG_RAW_HTML, dr->path, at, NULL);
	}
	cmark_iter_free(it);
	md_free(doc);
	return ok;
}

/* Raw HTML is dropped from the PDF; nesting past the limit is refused. */
static bool check_markdown(struct draft *dr, struct diags *d)
{
	if (!check_early(dr, d))
		return false;
	struct char_cursor cursor = {1, 0, 0, 0};
	struct md_parts parts;
	md_parts_start(&parts, dr->markdown, dr->markdown_len);
	const char *text;
	size_t len;
	int first;
	int ok = 1;
	while (ok >= 0 && md_parts_next(&parts, &text, &len, &first)) {
		int part = check_part(dr, text, len, first, &cursor, d);
		if (part < ok)
			ok = part;
	}
	return ok > 0;
}

bool draft_load(struct draft *dr, const char *path, const char *name, struct arena *arena, struct diags *d)
{
	*dr = (struct draft){.path = name};
	struct source src;
	if (!source_read(&src, path, LIMIT_DRAFT_BYTES, d))
		return false;
	src.path = name;
	bool ok = draft_parse(dr, &src, arena, d);
	source_free(&src);
	return ok;
}

bool draft_load_note(struct draft *dr, const char *path, struct arena *arena, struct diags *d)
{
	*dr = (struct draft){.path = path, .note = true};
	struct source src;
	if (!source_read(&src, path, LIMIT_DRAFT_BYTES, d))
		return false;
	bool ok = draft_parse(dr, &src, arena, d);
	source_free(&src);
	return ok;
}

bool draft_parse(struct draft *dr, struct source *src_in, struct arena *arena, struct diags *d)
{
	struct source src = *src_in;  /* the handle; the bytes are shared */
	*dr = (struct draft){.path = src.path, .note = dr->note};
	/* One pass tells what the first two checks find in most drafts,
	 * nothing; they run for their reports when it does not say so. */
	struct text_scan scan = text_scan(src.bytes, src.len);
	bool clean = scan.valid && scan.no_controls;
	bool failed = (!clean && (!source_check_text(&src, d) || !source_check_controls(&src, d))) ||
		      !source_check_legacy(&src, d);
	size_t yaml_start = 0, yaml_len = 0;
	size_t end = failed ? 0 : front_matter_end(src.bytes, src.len, &yaml_start, &yaml_len);
	if (end == (size_t)-1) {
		diag(d, DIAG_FRONT_MATTER_UNCLOSED, src.path, (struct pos){1, 1}, NULL);
		failed = true;
		end = 0;
	}
	if (end == 0 && !failed)
		warn_unread_front_matter(&src, d);
	if (end > 0) {
		dr->has_front_matter = true;
		/* from the opening "---", so that libyaml reads the file's line numbers */
		struct source fm = {.path = src.path, .bytes = src.bytes + yaml_start, .len = yaml_len};
		struct ydoc doc;
		size_t first_eol;
		size_t first = yaml_start + line_len(src.bytes + yaml_start, src.len - yaml_start, &first_eol) + first_eol;
		bool blank = true;  /* "---" then "---": front matter with nothing in it */
		for (size_t i = first; i < yaml_start + yaml_len && blank; i++)
			blank = src.bytes[i] == ' ' || src.bytes[i] == '\n' || src.bytes[i] == '\r';
		if (blank)
			;
		else if (source_check_tabs(&fm, d) && ydoc_load(&doc, &fm, arena, d))
			decode_front_matter(dr, &doc, arena, d, &failed);
		else
			failed = true;
		dr->front_matter = arena_strndup(arena, src.bytes, end);
		dr->front_matter_len = end;
		/* Blank the front matter, keeping its line ends, so cmark's line
		 * numbers are the file's. */
		for (size_t i = 0; i < end; i++)
			if (src.bytes[i] != '\n' && src.bytes[i] != '\r')
				src.bytes[i] = ' ';
	}
	if (!failed && scan.known_nfc) {
		/* NFC already: blanking the front matter (to ASCII, whole
		 * lines) keeps it so, and one copy is enough */
		dr->markdown = arena_strndup(arena, src.bytes, src.len);
		dr->markdown_len = src.len;
		failed = !check_markdown(dr, d);
	} else if (!failed) {
		size_t len;
		char *nfc = text_nfc(src.bytes, src.len, &len);
		dr->markdown = arena_strndup(arena, nfc, len);
		dr->markdown_len = len;
		free(nfc);
		failed = !check_markdown(dr, d);
	}
	return !failed;
}

const char *draft_status_name(enum draft_status s)
{
	static const char *const names[] = {"draft", "approved", "final"};
	return names[s];
}
