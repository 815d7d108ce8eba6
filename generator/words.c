#include "words.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "keys.h"
#include "text.h"
#include "util.h"

static const struct {
	const char *key, *fields;
} texts[TEXT_COUNT] = {
#define T(id, key, fields) [TEXT_##id] = {key, fields},
#include "words.def"
#undef T
};

const char *text_key(enum text_id id)
{
	return texts[id].key;
}

const char *text_fields(enum text_id id)
{
	return texts[id].fields;
}

/* ---- fields in a pattern ---- */

/* The next "{name}" in s from *at: its name's offset and length; "{{" and
 * "}}" are literal braces. False at the end; *bad set on a brace that
 * opens nothing or closes nothing. */
static bool next_field(const char *s, size_t *at, size_t *name, size_t *len, bool *bad)
{
	for (size_t i = *at; s[i]; i++) {
		const char *brace = strpbrk(s + i, "{}");  /* the rest of the text is plain */
		if (!brace)
			return false;
		i = (size_t)(brace - s);
		if ((s[i] == '{' && s[i + 1] == '{') || (s[i] == '}' && s[i + 1] == '}')) {
			i++;
			continue;
		}
		if (s[i] == '}') {
			*bad = true;
			return false;
		}
		if (s[i] != '{')
			continue;
		size_t k = i + 1;
		while ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= '0' && s[k] <= '9') || s[k] == '_')
			k++;
		if (s[k] != '}' || k == i + 1) {
			*bad = true;
			return false;
		}
		*name = i + 1;
		*len = k - i - 1;
		*at = k + 1;
		return true;
	}
	return false;
}

/* Whether name[0..len) is one of the space-separated words of list. */
static bool in_list(const char *list, const char *name, size_t len)
{
	for (const char *p = list; *p;) {
		while (*p == ' ')
			p++;
		size_t n = strcspn(p, " ");
		if (n == len && memcmp(p, name, len) == 0)
			return true;
		p += n;
	}
	return false;
}

static bool is_word(const struct template_words *w, const char *name, size_t len)
{
	for (size_t i = 0; i < w->n; i++)
		if (strlen(w->names[i]) == len && memcmp(w->names[i], name, len) == 0)
			return true;
	return false;
}

/* "day, month, year" and the template's words: what a pattern may use. */
static const char *usable(struct decoder *dc, const struct template_words *w, const char *fields)
{
	struct buf b = {0};
	for (const char *p = fields; *p;) {
		while (*p == ' ')
			p++;
		size_t n = strcspn(p, " ");
		if (n)
			buf_printf(&b, "%s{%.*s}", b.len ? ", " : "", (int)n, p);
		p += n;
	}
	for (size_t i = 0; i < w->n; i++)
		buf_printf(&b, "%s{%s}", b.len ? ", " : "", w->names[i]);
	const char *s = arena_strdup(dc->arena, b.len ? b.data : BI("không có", "none"));
	buf_free(&b);
	return s;
}

/* Checks every {field} of text, named parent.key in messages, against
 * fields and the words. */
static void check_pattern(struct decoder *dc, const struct template_words *w, const char *parent,
			  const char *key, const struct text *t, const char *fields)
{
	size_t at = 0, start, len;
	bool bad = false;
	while (next_field(t->s, &at, &start, &len, &bad)) {
		if (in_list(fields, t->s + start, len) || is_word(w, t->s + start, len))
			continue;
		const char *field = arena_strndup(dc->arena, t->s + start, len);
		diag(dc->d, DIAG_TEMPLATE_UNKNOWN_FIELD, dc->path, t->at, field, dec_field_name(dc, parent, key),
		     usable(dc, w, fields), NULL);
		dc->failed = true;
	}
	if (bad) {
		diag(dc->d, DIAG_TEMPLATE_BRACES, dc->path, t->at, dec_field_name(dc, parent, key), NULL);
		dc->failed = true;
	}
}

/* ---- reading ---- */

static bool valid_word_name(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return false;
	return true;
}

static void decode_word_list(struct template_words *w, struct decoder *dc, struct dmap root)
{
	const struct ynode *m = ymap_get(root.node, "words");
	if (!m || ynode_is_null(m))
		return;
	if (m->kind != YNODE_MAP) {
		diag(dc->d, DIAG_WRONG_TYPE, dc->path, m->at, "words", BI("một ánh xạ (khóa: giá trị)", "a mapping (key: value)"), NULL);
		dc->failed = true;
		return;
	}
	w->names = arena_alloc(dc->arena, (m->n + 1) * sizeof *w->names);
	w->values = arena_alloc(dc->arena, (m->n + 1) * sizeof *w->values);
	for (size_t i = 0; i < m->n; i++) {
		const struct ynode *k = m->keys[i];
		struct text v;
		if (k->kind != YNODE_SCALAR || !valid_word_name(k->str)) {
			diag(dc->d, DIAG_TEMPLATE_INVALID, dc->path, k->at,
			     BI("tên một từ trong \"words\" chỉ gồm chữ thường không dấu, chữ số và \"_\"",
				"a name in \"words\" is made of lower-case ASCII letters, digits and \"_\""), NULL);
			dc->failed = true;
			continue;
		}
		if (!dec_field_text(dc, m->items[i], "words", k->str, &v))
			continue;
		w->names[w->n] = k->str;
		w->values[w->n++] = v.s;
	}
}

/* The sections of `text:` ("common", "agenda" ...), in table order, and
 * the section of each text (an index into names). */
static size_t sections(const char **names, unsigned char *section_of)
{
	size_t n = 0;
	for (int i = 0; i < TEXT_COUNT; i++) {
		size_t len = strcspn(texts[i].key, ".");
		size_t k = 0;
		while (k < n && !(strcspn(names[k], ".") == len && memcmp(names[k], texts[i].key, len) == 0))
			k++;
		if (k == n)
			names[n++] = texts[i].key;  /* compared by prefix length */
		section_of[i] = (unsigned char)k;
	}
	return n;
}

/* A text as written: unlike the plan's values, a template's texts keep
 * their spaces ("Có mặt: " is followed by dots to fill in) and may be
 * empty. */
static void raw_text(struct decoder *dc, struct dmap m, const char *key, size_t *next, struct text *out)
{
	*out = (struct text){0};
	const struct ynode *n = m.node ? ymap_get_next(m.node, key, next) : NULL;
	if (!n) {
		if (m.node) {
			diag(dc->d, DIAG_MISSING_FIELD, dc->path, m.at, dec_field_name(dc, m.name, key), NULL);
			dc->failed = true;
		}
		return;
	}
	if (n->kind != YNODE_SCALAR) {
		diag(dc->d, DIAG_WRONG_TYPE, dc->path, n->at, dec_field_name(dc, m.name, key), BI("văn bản", "text"),
		     NULL);
		dc->failed = true;
		return;
	}
	uint32_t cp;
	if (!n->no_controls && text_control_at(n->str, n->len, false, &cp) < n->len) {
		char hex[16];
		snprintf(hex, sizeof hex, "%04X", (unsigned)cp);
		diag(dc->d, DIAG_CONTROL_CHAR, dc->path, n->at, hex, NULL);
		dc->failed = true;
		return;
	}
	*out = (struct text){ynode_is_null(n) ? "" : n->str, n->at};
}

/* The texts of section (its name name[0..len)), in table order. */
static void decode_section(struct template_words *w, struct decoder *dc, struct dmap text, const char *key,
			   size_t len, const unsigned char *section_of, size_t section)
{
	const char *name = arena_strndup(dc->arena, key, len);
	const char **keys = arena_alloc(dc->arena, TEXT_COUNT * sizeof *keys);
	size_t n = 0;
	for (int i = 0; i < TEXT_COUNT; i++)
		if (section_of[i] == section)
			keys[n++] = texts[i].key + len + 1;
	struct dmap m = dec_map(dc, text, name, keys, n, true);
	size_t next = 0;  /* templates list the texts in table order */
	for (int i = 0; i < TEXT_COUNT; i++) {
		if (section_of[i] != section)
			continue;
		struct text t;
		raw_text(dc, m, texts[i].key + len + 1, &next, &t);
		w->text[i] = t.s ? t.s : "";
		w->text_at[i] = t.s ? t.at : m.at;
		if (t.s)
			check_pattern(dc, w, "text", texts[i].key, &t, texts[i].fields);
	}
}

static void decode_texts(struct template_words *w, struct decoder *dc, struct dmap root)
{
	const char *names[TEXT_COUNT] = {0}, *keys[TEXT_COUNT] = {0};
	unsigned char section_of[TEXT_COUNT];
	size_t n = sections(names, section_of);
	for (size_t i = 0; i < n; i++)
		keys[i] = arena_strndup(dc->arena, names[i], strcspn(names[i], "."));
	struct dmap text = dec_map(dc, root, "text", keys, n, true);
	for (size_t i = 0; i < n; i++)
		decode_section(w, dc, text, keys[i], strlen(keys[i]), section_of, i);
}

static bool decode_flag(struct decoder *dc, struct dmap m, const char *key, const char *no, const char *yes)
{
	const char *values[] = {no, yes};
	int v = 0;
	dec_choice(dc, m, key, values, 2, false, &v, NULL);
	return v == 1;
}

static void decode_header_line(struct template_words *w, struct decoder *dc, const struct ynode *node,
			       const char *name, struct header_line *line)
{
	static const char *const header_fields = "superior issuer number place_date";
	struct dmap m = dec_item_map(dc, node, name, KEYS(header_line));
	*line = (struct header_line){.text = "", .size = 14};
	if (!m.node)
		return;
	struct text t;
	dec_text(dc, m, "text", true, &t);
	if (t.s) {
		line->text = t.s;
		check_pattern(dc, w, name, "text", &t, header_fields);
	}
	dec_real(dc, m, "size", 4, 72, true, &line->size);
	dec_real(dc, m, "space_before", 0, 200, false, &line->space_before);
	line->bold = decode_flag(dc, m, "weight", "regular", "bold");
	line->italic = decode_flag(dc, m, "style", "normal", "italic");
	line->upper = decode_flag(dc, m, "case", "as-written", "upper");
	line->rule = decode_flag(dc, m, "rule", "false", "true");
	struct text when;
	dec_text(dc, m, "when", false, &when);
	if (when.s && !in_list(header_fields, when.s, strlen(when.s))) {
		diag(dc->d, DIAG_TEMPLATE_UNKNOWN_FIELD, dc->path, when.at, when.s, dec_field_name(dc, name, "when"),
		     usable(dc, &(struct template_words){0}, header_fields), NULL);
		dc->failed = true;
	}
	line->when = when.s;
}

/* The left side's share of the column when the template does not say: a
 * little narrower than the right, which holds the party's title line. */
#define HEADER_LEFT_PERCENT 46

static void decode_header(struct template_words *w, struct decoder *dc, struct dmap root)
{
	static const char *const sides[HEADER_SIDES] = {"left", "right"};
	struct dmap header = dec_map(dc, root, "header", KEYS(header), true);
	/* a state heading at 13 pt needs a wider right side (cong-doan) */
	double percent = HEADER_LEFT_PERCENT;
	dec_real(dc, header, "left_percent", 20, 80, false, &percent);
	w->header_left_share = percent / 100;
	for (int s = 0; s < HEADER_SIDES; s++) {
		const struct ynode *list = dec_list(dc, header, sides[s], true);
		if (!list)
			continue;
		w->header[s] = arena_alloc(dc->arena, (list->n + 1) * sizeof *w->header[s]);
		const char *name = arena_printf(dc->arena, "header.%s[]", sides[s]);
		for (size_t i = 0; i < list->n; i++)
			decode_header_line(w, dc, list->items[i], name, &w->header[s][w->n_header[s]++]);
	}
}

void words_decode(struct template_words *w, struct decoder *dc, struct dmap root)
{
	*w = (struct template_words){0};
	if (!root.node)
		return;
	decode_word_list(w, dc, root);
	decode_texts(w, dc, root);
	decode_header(w, dc, root);
}

/* ---- filling ---- */

static const char *value_of(const struct template_words *w, const char *name, size_t len,
			    const char *const *fields, size_t n_fields)
{
	for (size_t i = 0; i + 1 < 2 * n_fields; i += 2)
		if (strlen(fields[i]) == len && memcmp(fields[i], name, len) == 0)
			return fields[i + 1] ? fields[i + 1] : "";
	for (size_t i = 0; i < w->n; i++)
		if (strlen(w->names[i]) == len && memcmp(w->names[i], name, len) == 0)
			return w->values[i];
	return NULL;
}

char *words_fill(struct arena *a, const struct template_words *w, const char *pattern,
		 const char *const *fields, size_t n_fields)
{
	struct buf b = {0};
	for (const char *p = pattern; *p; p++) {
		if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
			buf_addc(&b, *p++);
			continue;
		}
		size_t len = p[0] == '{' ? strcspn(p + 1, "}") : 0;
		const char *v = len ? value_of(w, p + 1, len, fields, n_fields) : NULL;
		if (!v) {
			buf_addc(&b, *p);
			continue;
		}
		buf_adds(&b, v);
		p += len + 1;
	}
	char *s = arena_strndup(a, b.data ? b.data : "", b.len);
	buf_free(&b);
	return s;
}

bool header_line_empty(const struct template_words *w, const struct header_line *line,
		       const char *const *fields, size_t n_fields)
{
	if (line->when) {
		const char *v = value_of(w, line->when, strlen(line->when), fields, n_fields);
		if (!v || !*v)
			return true;
	}
	size_t at = 0, start, len;
	bool bad = false, any = false;
	while (next_field(line->text, &at, &start, &len, &bad)) {
		if (is_word(w, line->text + start, len))
			continue;
		any = true;
		const char *v = value_of(w, line->text + start, len, fields, n_fields);
		if (v && *v)
			return false;
	}
	return any;
}
