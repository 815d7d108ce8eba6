#include "yamltree.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "legacy.h"
#include "text.h"

struct loader {
	yaml_parser_t parser;
	struct ydoc *doc;
	struct diags *d;
	size_t nodes;
	bool failed;
	enum legacy legacy;   /* the whole file's; LEGACY_COUNT: not judged yet */
	const struct ystream *stream;   /* or NULL */
	/* duplicate keys in the streamed items, reported when the check of
	 * the whole tree comes to their sequence (as if it held them) */
	struct diags held;
	bool held_failed;
};

static struct pos mark_pos(yaml_mark_t m)
{
	return (struct pos){(int)m.line + 1, (int)m.column + 1};
}

/* Vietnamese for the problems libyaml reports most often. */
static const char *problem_vi(const char *problem)
{
	static const struct {
		const char *en, *vi;
	} known[] = {
		{"mapping values are not allowed in this context",
		 "không được có giá trị ánh xạ ở đây (thiếu dấu cách sau \":\", hoặc cần đặt văn bản trong dấu nháy)"},
		{"did not find expected key", "không thấy khóa như mong đợi (thụt lề sai?)"},
		{"could not find expected ':'", "không thấy dấu \":\" như mong đợi"},
		{"found character that cannot start any token", "có ký tự không thể bắt đầu một mục (dấu @ hoặc ` cần đặt trong dấu nháy)"},
		{"did not find expected node content", "không thấy nội dung như mong đợi"},
		{"found unexpected end of stream", "tệp kết thúc bất ngờ (dấu nháy chưa đóng?)"},
		{"did not find expected ',' or ']'", "thiếu dấu \",\" hoặc \"]\""},
		{"did not find expected ',' or '}'", "thiếu dấu \",\" hoặc \"}\""},
		{"did not find expected '-' indicator", "không thấy dấu \"-\" như mong đợi (thụt lề sai?)"},
		{"found undefined tag handle", "thẻ kiểu không xác định"},
		{"block sequence entries are not allowed in this context", "không được đặt mục danh sách \"-\" ở đây"},
		{"found unknown escape character while parsing a quoted scalar", "ký tự thoát không hợp lệ sau dấu \"\\\" trong dấu nháy kép"},
		{"control characters are not allowed", "không được có ký tự điều khiển"},
	};
	for (size_t i = 0; i < COUNT_OF(known); i++)
		if (problem && strcmp(problem, known[i].en) == 0)
			return known[i].vi;
	return problem ? problem : "?";
}

/* A quoted value that libyaml's message would blame on indentation. */
enum quote_fault { QUOTE_OK, QUOTE_INSIDE, QUOTE_UNCLOSED };

/* True when the quote at i opens a value: after "key:", "- ", "[", "{",
 * "," or the indentation, never inside a plain text such as
 * `topic: Học "Rung" vàng`. */
static bool opens_value(const char *b, size_t i)
{
	size_t j = i;
	while (j > 0 && (b[j - 1] == ' ' || b[j - 1] == '\t'))
		j--;
	if (j == 0 || b[j - 1] == '\n' || b[j - 1] == '\r')
		return true;
	char c = b[j - 1];
	return (c == ':' || c == '-' || c == '[' || c == '{' || c == ',') && j < i;
}

/* The end of the quoted text opened at i (the offset of its closing
 * quote), or len when it never closes. */
static size_t closing_quote(const char *b, size_t len, size_t i)
{
	char q = b[i];
	for (size_t j = i + 1; j < len; j++) {
		if (q == '"' && b[j] == '\\') {
			j++;
		} else if (b[j] == q) {
			if (q == '\'' && j + 1 < len && b[j + 1] == '\'')  /* '' inside '...' */
				j++;
			else
				return j;
		}
	}
	return len;
}

/* True when what follows a closing quote at j is the end of a value: a
 * line end, a comment, ":" (a quoted key) or a flow bracket or comma. */
static bool clean_after(const char *b, size_t len, size_t j)
{
	size_t k = j + 1;
	while (k < len && (b[k] == ' ' || b[k] == '\t'))
		k++;
	return k >= len || b[k] == '\n' || b[k] == '\r' || b[k] == ',' || b[k] == ']' || b[k] == '}' ||
	       b[k] == ':' || (b[k] == '#' && k > j + 1);
}

/* Finds the first quoted value, up to offset limit, that a straight
 * quote ends early (QUOTE_INSIDE: *inner is the offset of that quote) or
 * that is never closed on its line and runs into what follows
 * (QUOTE_UNCLOSED); *open is the offset of its opening quote. */
static enum quote_fault find_quote_fault(const char *b, size_t len, size_t limit, size_t *open, size_t *inner)
{
	bool comment = false;
	for (size_t i = 0; i < len && i <= limit; i++) {
		if (b[i] == '\n' || b[i] == '\r') {
			comment = false;
			continue;
		}
		if (comment)
			continue;
		if (b[i] == '#' && (i == 0 || b[i - 1] == ' ' || b[i - 1] == '\t' || b[i - 1] == '\n')) {
			comment = true;
			continue;
		}
		if ((b[i] != '"' && b[i] != '\'') || !opens_value(b, i))
			continue;
		size_t j = closing_quote(b, len, i);
		const char *nl = memchr(b + i, '\n', (j < len ? j : len) - i);
		if (j < len && clean_after(b, len, j)) {
			i = j;
			continue;
		}
		*open = i;
		*inner = j;
		return nl || j >= len || b[i] == '\'' ? QUOTE_UNCLOSED : QUOTE_INSIDE;
	}
	return QUOTE_OK;
}

/* libyaml says "did not find expected key (wrong indentation?)" when a
 * quoted text ends early or never ends: names the real cause, at the line
 * where the text started. */
static bool quote_error(struct loader *L, struct pos problem)
{
	const struct source *src = L->doc->src;
	size_t limit = src->len;
	for (size_t i = 0, line = 1; i < src->len; i++)  /* the end of the problem's line */
		if (src->bytes[i] == '\n' && (int)++line > problem.line) {
			limit = i;
			break;
		}
	size_t open, inner;
	enum quote_fault f = find_quote_fault(src->bytes, src->len, limit, &open, &inner);
	if (f == QUOTE_OK)
		return false;
	struct pos at = source_pos(src, open);
	if (f == QUOTE_INSIDE) {
		char col[16];
		snprintf(col, sizeof col, "%d", source_pos(src, inner).col);
		diag(L->d, DIAG_YAML_QUOTE_INSIDE, src->path, at, col, NULL);
	} else {
		char q[2] = {src->bytes[open], '\0'};
		diag(L->d, DIAG_YAML_QUOTE_UNCLOSED, src->path, at, q, q, NULL);
	}
	L->failed = true;
	return true;
}

static void syntax_error(struct loader *L)
{
	yaml_parser_t *p = &L->parser;
	if (p->error != YAML_READER_ERROR && p->error != YAML_MEMORY_ERROR &&
	    quote_error(L, mark_pos(p->problem_mark)))
		return;
	struct pos at = mark_pos(p->problem_mark);
	if (p->error == YAML_READER_ERROR)
		at = source_pos(L->doc->src, p->problem_offset);
	else if (p->context && p->problem && strstr(p->problem, "end of stream"))
		at = mark_pos(p->context_mark);  /* where the unclosed quote or bracket opened */
	const char *problem = p->problem ? p->problem : "unknown error";
	char *arg = arena_printf(L->doc->arena, "%s\x1F%s", problem_vi(problem), problem);
	diag(L->d, DIAG_YAML_SYNTAX, L->doc->src->path, at, arg, NULL);
	L->failed = true;
}

static bool next_event(struct loader *L, yaml_event_t *ev)
{
	if (!yaml_parser_parse(&L->parser, ev)) {
		syntax_error(L);
		return false;
	}
	return true;
}

/* Refuses anchors and tags on any node; standard YAML tags are tolerated. */
static bool node_props_ok(struct loader *L, const yaml_event_t *ev,
			  const yaml_char_t *anchor, const yaml_char_t *tag)
{
	if (anchor) {
		diag(L->d, DIAG_YAML_ALIAS, L->doc->src->path, mark_pos(ev->start_mark), NULL);
		L->failed = true;
		return false;
	}
	if (tag && strncmp((const char *)tag, "tag:yaml.org,2002:", 18) != 0) {
		diag(L->d, DIAG_YAML_TAG, L->doc->src->path, mark_pos(ev->start_mark),
		     (const char *)tag, NULL);
		L->failed = true;
		return false;
	}
	return true;
}

static struct ynode *new_node(struct loader *L, enum ynode_kind kind, yaml_mark_t m)
{
	struct ynode *n = arena_alloc(L->doc->arena, sizeof *n);
	n->kind = kind;
	n->at = mark_pos(m);
	L->nodes++;
	return n;
}

/* Reports a scalar that reads as legacy text (mojibake: libyaml took only
 * valid UTF-8), in the encoding of the whole file when it has one, so that
 * every report gives the one command that converts the file. */
static void report_legacy(struct loader *L, const struct ynode *n, enum legacy own)
{
	const struct source *src = L->doc->src;
	if (L->legacy == LEGACY_COUNT)
		L->legacy = legacy_guess(src->bytes, src->len);
	enum legacy e = L->legacy != LEGACY_NONE ? L->legacy : own;
	legacy_report(L->d, src->path, n->at, e, n->str, n->len);
	L->failed = true;
}

static struct ynode *load_scalar(struct loader *L, yaml_event_t *ev)
{
	if (!node_props_ok(L, ev, ev->data.scalar.anchor, ev->data.scalar.tag))
		return NULL;
	struct ynode *n = new_node(L, YNODE_SCALAR, ev->start_mark);
	const char *s = (const char *)ev->data.scalar.value;
	size_t len = ev->data.scalar.length;
	n->quoted = ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
	/* One pass: most scalars are ASCII (keys, numbers, ids) or
	 * precomposed text, with no control character; libyaml passes only
	 * valid UTF-8. */
	struct text_scan scan = text_scan(s, len);
	if (scan.known_nfc) {
		n->str = arena_strndup(L->doc->arena, s, len);
		n->len = len;
	} else {
		size_t nfc_len;
		char *nfc = text_nfc(s, len, &nfc_len);
		n->str = arena_strndup(L->doc->arena, nfc, nfc_len);
		n->len = nfc_len;
		free(nfc);
	}
	/* the decoders ask again of a text; not of one this pass cleared */
	n->no_controls = scan.known_nfc && scan.no_controls && scan.no_cr;
	/* "\0" escapes in quoted scalars; NUL is a control */
	if (!(scan.valid && scan.no_controls) && memchr(n->str, '\0', n->len)) {
		diag(L->d, DIAG_CONTROL_CHAR, L->doc->src->path, n->at, "0000", NULL);
		L->failed = true;
	}
	/* ASCII is no evidence of a legacy encoding (legacy_no_evidence) */
	enum legacy guess = scan.ascii ? LEGACY_NONE
			  : scan.valid ? legacy_guess_utf8(n->str, n->len) : legacy_guess(n->str, n->len);
	if (guess != LEGACY_NONE)
		report_legacy(L, n, guess);
	return n;
}

static struct ynode *load_node(struct loader *L, yaml_event_t *ev, int depth);
static struct ynode *load_streamed(struct loader *L, yaml_event_t *ev, int depth);
static void check_duplicates(struct loader *L, const struct ynode *n);

/* True when the value after key, in a mapping at depth, is the sequence
 * L->stream asks for. */
static bool streams(const struct loader *L, const struct ynode *key, const yaml_event_t *ev, int depth)
{
	return L->stream && depth == 0 && ev->type == YAML_SEQUENCE_START_EVENT && key->kind == YNODE_SCALAR &&
	       key->len == strlen(L->stream->key) && memcmp(key->str, L->stream->key, key->len) == 0;
}

/* Items of a mapping or a sequence until the matching end event. */
static bool load_children(struct loader *L, struct ynode *n, int depth)
{
	size_t cap = 0;
	bool is_map = n->kind == YNODE_MAP;
	for (;;) {
		yaml_event_t ev;
		if (!next_event(L, &ev))
			return false;
		if (ev.type == YAML_SEQUENCE_END_EVENT || ev.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&ev);
			return true;
		}
		struct ynode *key = NULL, *value;
		if (is_map) {
			key = load_node(L, &ev, depth + 1);
			yaml_event_delete(&ev);
			if (!key)
				return false;
			if (!next_event(L, &ev))
				return false;
		}
		value = key && streams(L, key, &ev, depth) ? load_streamed(L, &ev, depth + 1)
							   : load_node(L, &ev, depth + 1);
		yaml_event_delete(&ev);
		if (!value)
			return false;
		if (n->n == cap) {
			size_t ncap = cap ? cap * 2 : 2;  /* most maps hold a few keys */
			struct ynode **items = arena_alloc(L->doc->arena, ncap * sizeof *items);
			if (n->n)  /* memcpy from NULL is undefined even for 0 bytes */
				memcpy(items, n->items, n->n * sizeof *items);
			n->items = items;
			if (is_map) {
				struct ynode **keys = arena_alloc(L->doc->arena, ncap * sizeof *keys);
				if (n->n)
					memcpy(keys, n->keys, n->n * sizeof *keys);
				n->keys = keys;
			}
			cap = ncap;
		}
		if (is_map)
			n->keys[n->n] = key;
		n->items[n->n++] = value;
	}
}

/* The node of a mapping or a sequence starting at ev, or NULL (reported)
 * when it may not be one. */
static struct ynode *new_container(struct loader *L, const yaml_event_t *ev, int depth)
{
	bool is_map = ev->type == YAML_MAPPING_START_EVENT;
	const yaml_char_t *anchor = is_map ? ev->data.mapping_start.anchor : ev->data.sequence_start.anchor;
	const yaml_char_t *tag = is_map ? ev->data.mapping_start.tag : ev->data.sequence_start.tag;
	if (!node_props_ok(L, ev, anchor, tag))
		return NULL;
	if (depth >= LIMIT_YAML_DEPTH) {
		char limit[16];
		snprintf(limit, sizeof limit, "%d", LIMIT_YAML_DEPTH);
		diag(L->d, DIAG_YAML_TOO_DEEP, L->doc->src->path, mark_pos(ev->start_mark), limit, NULL);
		L->failed = true;
		return NULL;
	}
	return new_node(L, is_map ? YNODE_MAP : YNODE_SEQ, ev->start_mark);
}

static bool too_many_nodes(struct loader *L, const yaml_event_t *ev)
{
	if (L->nodes < LIMIT_YAML_NODES)
		return false;
	char limit[32];
	snprintf(limit, sizeof limit, "%d", LIMIT_YAML_NODES);
	diag(L->d, DIAG_YAML_TOO_MANY_NODES, L->doc->src->path, mark_pos(ev->start_mark), limit, NULL);
	L->failed = true;
	return true;
}

/* The sequence L->stream asks for: each item is loaded into an arena of
 * its own, checked for duplicate keys, handed over, and freed. The node
 * keeps the count of its items, not the items. */
static struct ynode *load_streamed(struct loader *L, yaml_event_t *ev, int depth)
{
	if (too_many_nodes(L, ev))
		return NULL;
	struct ynode *n = new_container(L, ev, depth);
	if (!n)
		return NULL;
	n->streamed = true;
	struct arena *doc_arena = L->doc->arena;
	for (;;) {
		yaml_event_t item_ev;
		if (!next_event(L, &item_ev))
			return NULL;
		if (item_ev.type == YAML_SEQUENCE_END_EVENT) {
			yaml_event_delete(&item_ev);
			return n;
		}
		struct arena item_arena = {0};
		L->doc->arena = &item_arena;
		struct ynode *item = load_node(L, &item_ev, depth + 1);
		yaml_event_delete(&item_ev);
		if (item) {
			struct diags *d = L->d;
			bool failed = L->failed;
			L->d = &L->held;  /* duplicate keys wait for the check of the whole tree */
			L->failed = false;
			check_duplicates(L, item);
			L->held_failed |= L->failed;
			L->failed = failed;
			L->d = d;
			if (!L->failed)
				L->stream->item(L->stream->ctx, item, n->n);
			n->n++;
		}
		L->doc->arena = doc_arena;
		arena_free(&item_arena);
		if (!item)
			return NULL;
	}
}

static struct ynode *load_node(struct loader *L, yaml_event_t *ev, int depth)
{
	if (too_many_nodes(L, ev))
		return NULL;
	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		diag(L->d, DIAG_YAML_ALIAS, L->doc->src->path, mark_pos(ev->start_mark), NULL);
		L->failed = true;
		return NULL;
	case YAML_SCALAR_EVENT:
		return load_scalar(L, ev);
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT: {
		struct ynode *n = new_container(L, ev, depth);
		return n && load_children(L, n, depth) ? n : NULL;
	}
	default:
		syntax_error(L);
		return NULL;
	}
}

/* Keys compared for the duplicate check, by content then position. */
static int key_order(const void *pa, const void *pb)
{
	const struct ynode *a = *(struct ynode *const *)pa, *b = *(struct ynode *const *)pb;
	int c = a->len != b->len ? (a->len < b->len ? -1 : 1) : memcmp(a->str, b->str, a->len);
	if (c)
		return c;
	if (a->at.line != b->at.line)
		return a->at.line < b->at.line ? -1 : 1;
	return a->at.col - b->at.col;
}

static bool same_key(const struct ynode *a, const struct ynode *b)
{
	return a->kind == YNODE_SCALAR && b->kind == YNODE_SCALAR && a->len == b->len &&
	       memcmp(a->str, b->str, a->len) == 0;
}

/* True when some scalar key of map n is there twice. Most mappings hold a
 * few keys: compared pair by pair, without the sort that reports them. */
static bool has_duplicate(const struct ynode *n)
{
	if (n->n > 16)
		return true;  /* the sort answers */
	for (size_t i = 1; i < n->n; i++)
		for (size_t j = 0; j < i; j++)
			if (same_key(n->keys[i], n->keys[j]))
				return true;
	return false;
}

static void check_duplicates(struct loader *L, const struct ynode *n)
{
	if (n->kind == YNODE_SCALAR)
		return;
	if (n->streamed) {  /* its items were checked as they came */
		diags_append(L->d, &L->held);
		L->failed |= L->held_failed;
		return;
	}
	for (size_t i = 0; i < n->n; i++)
		check_duplicates(L, n->items[i]);
	if (n->kind != YNODE_MAP || n->n < 2 || !has_duplicate(n))
		return;
	struct ynode **keys = xmalloc(n->n * sizeof *keys);
	size_t k = 0;
	for (size_t i = 0; i < n->n; i++)
		if (n->keys[i]->kind == YNODE_SCALAR)
			keys[k++] = n->keys[i];
	qsort(keys, k, sizeof *keys, key_order);
	size_t first = 0;
	for (size_t i = 1; i < k; i++) {
		if (keys[i]->len == keys[first]->len && memcmp(keys[i]->str, keys[first]->str, keys[i]->len) == 0) {
			char line[16];
			snprintf(line, sizeof line, "%d", keys[first]->at.line);
			diag(L->d, DIAG_DUPLICATE_KEY, L->doc->src->path, keys[i]->at, keys[i]->str, line, NULL);
			L->failed = true;
		} else {
			first = i;
		}
	}
	free(keys);
}

bool ydoc_load(struct ydoc *doc, const struct source *src, struct arena *arena, struct diags *d)
{
	return ydoc_load_streamed(doc, src, arena, NULL, d);
}

bool ydoc_load_streamed(struct ydoc *doc, const struct source *src, struct arena *arena,
			const struct ystream *stream, struct diags *d)
{
	*doc = (struct ydoc){.src = src, .arena = arena};
	struct loader L = {.doc = doc, .d = d, .legacy = LEGACY_COUNT, .stream = stream};
	if (!yaml_parser_initialize(&L.parser))
		fatal_oom();
	yaml_parser_set_input_string(&L.parser, (const unsigned char *)src->bytes, src->len);

	yaml_event_t ev;
	struct ynode *root = NULL;
	bool done = false;
	int documents = 0;
	while (!done && !L.failed && next_event(&L, &ev)) {
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++documents > 1) {
				diag(d, DIAG_YAML_MULTIPLE_DOCUMENTS, src->path, mark_pos(ev.start_mark), NULL);
				L.failed = true;
			}
			break;
		case YAML_STREAM_START_EVENT:
		case YAML_DOCUMENT_END_EVENT:
			break;
		default:
			root = load_node(&L, &ev, 0);
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&L.parser);
	bool ok = !L.failed;
	if (ok && (!root || ynode_is_null(root))) {
		diag(d, DIAG_EMPTY_DOCUMENT, src->path, (struct pos){1, 1}, NULL);
		ok = false;
	}
	if (ok)
		check_duplicates(&L, root);
	diags_discard(&L.held);  /* empty unless the load failed first */
	if (!ok || L.failed)
		return false;
	doc->root = root;
	return true;
}

const struct ynode *ymap_get(const struct ynode *map, const char *key)
{
	if (!map || map->kind != YNODE_MAP)
		return NULL;
	size_t len = strlen(key);
	for (size_t i = 0; i < map->n; i++) {
		const struct ynode *k = map->keys[i];
		if (k->kind == YNODE_SCALAR && k->len == len && memcmp(k->str, key, len) == 0)
			return map->items[i];
	}
	return NULL;
}

const struct ynode *ymap_get_next(const struct ynode *map, const char *key, size_t *next)
{
	if (!map || map->kind != YNODE_MAP)
		return NULL;
	size_t len = strlen(key);
	size_t start = *next < map->n ? *next : 0;
	for (size_t k = 0; k < map->n; k++) {
		size_t i = start + k < map->n ? start + k : start + k - map->n;
		const struct ynode *kn = map->keys[i];
		if (kn->kind == YNODE_SCALAR && kn->len == len && memcmp(kn->str, key, len) == 0) {
			*next = i + 1;
			return map->items[i];
		}
	}
	return NULL;
}

bool ynode_is_null(const struct ynode *n)
{
	if (!n || n->kind != YNODE_SCALAR || n->quoted)
		return false;
	return n->len == 0 || strcmp(n->str, "~") == 0 || strcmp(n->str, "null") == 0 ||
	       strcmp(n->str, "Null") == 0 || strcmp(n->str, "NULL") == 0;
}

const char *ynode_kind_name(const struct ynode *n)
{
	switch (n->kind) {
	case YNODE_MAP:
		return BI("một ánh xạ (khóa: giá trị)", "a mapping (key: value)");
	case YNODE_SEQ:
		return BI("một danh sách", "a list");
	default:
		return BI("một giá trị đơn", "a single value");
	}
}
