/* The keys of every file users write, as one table (keys.def): the
 * decoders take their known keys from it, and the JSON Schemas of
 * schemas/ are written from it (schema.c). */
#ifndef CHUYENDE_KEYS_H
#define CHUYENDE_KEYS_H

#include <stdbool.h>
#include <stddef.h>

enum key_type {
	KT_TEXT, KT_DATE, KT_TIME, KT_COUNT, KT_REAL, KT_FLAG, KT_CHOICE, KT_ID,
	KT_MAP, KT_LIST_MAP, KT_LIST_TEXT, KT_MAP_TEXT, KT_TEXT_SECTIONS, KT_WORDS,
};

/* The values of a CHOICE key, and the Vietnamese a user may type for
 * each ("dự kiến|chưa họp"), or NULL. */
struct key_values {
	const char *const *ids;
	const char *const *labels;
	size_t n;
};

struct key_set;

struct key_spec {
	const char *name;
	enum key_type type;
	bool required;
	const struct key_set *set;        /* MAP, LIST_MAP */
	const struct key_values *values;  /* CHOICE */
	const char *description;
};

struct key_set {
	const char *id;
	const struct key_spec *keys;
	size_t n;
	const char *const *names;         /* the keys' names, for dec_map */
};

#define SET(id) extern const struct key_set keys_##id;
#define KEY(name, type, required, set, values, description)
#define END(id)
#include "keys.def"
#undef SET
#undef KEY
#undef END

extern const struct key_values values_meeting_status, values_combined, values_draft_status, values_weight,
	values_style, values_letter_case, values_flag, values_performer, values_template_flag;

/* The known keys of a set, as dec_map and dec_root take them. */
#define KEYS(id) keys_##id.names, keys_##id.n
/* The ids and labels of a values list, as dec_choice_labeled takes them. */
#define VALUES(id) values_##id.ids, values_##id.labels, values_##id.n

#endif
