#include "schema.h"

#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "text.h"
#include "words.h"

const char *const schema_kinds[] = {"plan", "draft", "note", "units", "template"};
const size_t n_schema_kinds = COUNT_OF(schema_kinds);

/* The forms date_parse and clock_parse take (plan-format.md §1). */
#define DATE_PATTERN "^([0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{1,2}([/.-])[0-9]{1,2}\\\\2[0-9]{4})$"
#define TIME_PATTERN "^[0-9]{1,2}(:[0-9]{2}| *(h|H|g|G|giờ|Giờ|GIỜ) *([0-9]{1,2}( *phút)?)?)$"

static void indent(struct buf *b, int depth)
{
	buf_addc(b, '\n');
	for (int i = 0; i < depth; i++)
		buf_adds(b, "  ");
}

static void string(struct buf *b, const char *s)
{
	buf_addc(b, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			buf_printf(b, "\\%c", *p);
		else if (*p < 0x20)
			buf_printf(b, "\\u%04x", *p);
		else
			buf_addc(b, (char)*p);
	}
	buf_addc(b, '"');
}

/* "name": — a member's name, on a line of its own. */
static void member(struct buf *b, int depth, bool first, const char *name)
{
	if (!first)
		buf_addc(b, ',');
	indent(b, depth);
	string(b, name);
	buf_adds(b, ": ");
}

static const char *const text_types = "[\"string\", \"number\"]";

static void choice(struct buf *b, const struct key_values *v)
{
	bool boolean = false;
	buf_adds(b, "\"enum\": [");
	for (size_t i = 0; i < v->n; i++) {
		buf_adds(b, i ? ", " : "");
		string(b, v->ids[i]);
		boolean |= strcmp(v->ids[i], "true") == 0;
	}
	/* each Vietnamese label a user may type for an id, as it is written,
	 * with a capital and in capitals (check takes any case) */
	for (size_t i = 0; v->labels && i < v->n; i++)
		for (const char *p = v->labels[i]; *p;) {
			size_t n = strcspn(p, "|");
			char *one = xstrndup(p, n);
			char *upper = text_upper(one);
			uint32_t cp;
			size_t first = utf8_decode(one, n, &cp);
			struct buf capital = {0};
			buf_add(&capital, upper, utf8_decode(upper, strlen(upper), &cp));
			buf_adds(&capital, one + first);
			const char *forms[] = {one, capital.data, upper};
			for (size_t f = 0; f < COUNT_OF(forms); f++) {
				buf_adds(b, ", ");
				string(b, forms[f]);
			}
			buf_free(&capital);
			free(upper);
			free(one);
			p += n + (p[n] == '|');
		}
	if (boolean)  /* YAML reads true and false as booleans */
		buf_adds(b, ", true, false");
	buf_addc(b, ']');
}

static void object(struct buf *b, const struct key_set *set, int depth);

/* The template's text: one mapping per section of words.def, each text
 * required. */
static void text_sections(struct buf *b, int depth)
{
	buf_adds(b, "\"type\": \"object\", \"additionalProperties\": false, \"properties\": {");
	bool first_section = true;
	for (int i = 0; i < TEXT_COUNT; i++) {
		const char *key = text_key((enum text_id)i), *dot = strchr(key, '.');
		size_t len = (size_t)(dot - key);
		bool seen = false;
		for (int j = 0; j < i && !seen; j++)
			seen = strncmp(text_key((enum text_id)j), key, len + 1) == 0;
		if (seen)
			continue;
		char *section = xmalloc(len + 1);
		memcpy(section, key, len);
		section[len] = '\0';
		member(b, depth + 1, first_section, section);
		first_section = false;
		buf_adds(b, "{\"type\": \"object\", \"additionalProperties\": false, \"properties\": {");
		struct buf required = {0};
		for (int j = i; j < TEXT_COUNT; j++) {
			const char *k = text_key((enum text_id)j);
			if (strncmp(k, key, len + 1) != 0)
				continue;
			member(b, depth + 2, !required.len, k + len + 1);
			buf_adds(b, "{\"type\": [\"string\", \"null\"]");
			if (*text_fields((enum text_id)j)) {
				buf_adds(b, ", \"description\": ");
				/* "day month year" -> "{day} {month} {year}": what it may use */
				struct buf fields = {0};
				buf_addc(&fields, '{');
				for (const char *f = text_fields((enum text_id)j); *f; f++)
					buf_adds(&fields, *f == ' ' ? "} {" : (char[2]){*f, '\0'});
				buf_addc(&fields, '}');
				string(b, fields.data);
				buf_free(&fields);
			}
			buf_addc(b, '}');
			buf_adds(&required, required.len ? ", " : "");
			buf_addc(&required, '"');
			buf_adds(&required, k + len + 1);
			buf_addc(&required, '"');
		}
		indent(b, depth + 1);
		buf_printf(b, "}, \"required\": [%s]}", required.data);
		buf_free(&required);
		free(section);
	}
	indent(b, depth);
	buf_addc(b, '}');
}

static void value(struct buf *b, const struct key_spec *k, int depth)
{
	buf_addc(b, '{');
	switch (k->type) {
	case KT_TEXT:
		buf_printf(b, "\"type\": %s", text_types);
		break;
	case KT_ID:
		buf_adds(b, "\"type\": \"string\"");
		break;
	case KT_DATE:
		buf_adds(b, "\"type\": \"string\", \"pattern\": \"" DATE_PATTERN "\"");
		break;
	case KT_TIME:
		buf_adds(b, "\"type\": \"string\", \"pattern\": \"" TIME_PATTERN "\"");
		break;
	case KT_COUNT:
		buf_adds(b, "\"type\": \"integer\", \"minimum\": 0");
		break;
	case KT_REAL:
		buf_adds(b, "\"type\": \"number\"");
		break;
	case KT_FLAG:
		buf_adds(b, "\"enum\": [true, false, \"true\", \"false\", \"yes\", \"no\"]");
		break;
	case KT_CHOICE:
		choice(b, k->values);
		break;
	case KT_MAP:
		object(b, k->set, depth);
		break;
	case KT_LIST_MAP:
		buf_adds(b, "\"type\": \"array\", \"items\": {");
		object(b, k->set, depth + 1);
		buf_addc(b, '}');
		break;
	case KT_LIST_TEXT:
		buf_printf(b, "\"type\": \"array\", \"items\": {\"type\": %s}", text_types);
		break;
	case KT_MAP_TEXT:
		buf_printf(b, "\"type\": \"object\", \"additionalProperties\": {\"type\": %s}", text_types);
		break;
	case KT_WORDS:
		buf_adds(b, "\"type\": \"object\", \"propertyNames\": {\"pattern\": \"^[a-z0-9_]+$\"}, "
			    "\"additionalProperties\": {\"type\": \"string\"}");
		break;
	case KT_TEXT_SECTIONS:
		text_sections(b, depth);
		break;
	}
	buf_adds(b, ", \"description\": ");
	string(b, k->description);
	buf_addc(b, '}');
}

/* The members of a mapping's schema: its keys, none other, the required. */
static void object(struct buf *b, const struct key_set *set, int depth)
{
	buf_adds(b, "\"type\": \"object\", \"additionalProperties\": false, \"properties\": {");
	for (size_t i = 0; i < set->n; i++) {
		member(b, depth + 1, i == 0, set->keys[i].name);
		value(b, &set->keys[i], depth + 1);
	}
	indent(b, depth);
	buf_adds(b, "}, \"required\": [");
	bool first = true;
	for (size_t i = 0; i < set->n; i++)
		if (set->keys[i].required) {
			buf_adds(b, first ? "" : ", ");
			string(b, set->keys[i].name);
			first = false;
		}
	buf_addc(b, ']');
}

bool schema_write(const char *kind, struct buf *out)
{
	static const struct {
		const char *kind, *title;
		const struct key_set *set;
	} roots[] = {
		{"plan", "Kế hoạch sinh hoạt chuyên đề (chuyende) — a chuyende meeting plan", &keys_plan},
		{"draft", "Thông tin đầu bản đề dẫn (chuyende) — a chuyende draft's front matter", &keys_draft},
		{"note", "Thông tin đầu ghi chú báo cáo (chuyende) — a chuyende report note's front matter", &keys_note},
		{"units", "Danh sách đơn vị (chuyende) — a chuyende units register", &keys_units},
		{"template", "Mẫu giấy tờ (chuyende) — a chuyende template", &keys_template},
	};
	for (size_t i = 0; i < COUNT_OF(roots); i++) {
		if (strcmp(kind, roots[i].kind) != 0)
			continue;
		buf_adds(out, "{");
		indent(out, 1);
		buf_adds(out, "\"$schema\": \"http://json-schema.org/draft-07/schema#\",");
		indent(out, 1);
		buf_adds(out, "\"title\": ");
		string(out, roots[i].title);
		buf_adds(out, ",");
		indent(out, 1);
		object(out, roots[i].set, 1);
		buf_adds(out, "\n}\n");
		return true;
	}
	return false;
}
