/* Typed reading of a YAML tree: each helper reads one field, reports what
 * is wrong with it (unknown key, wrong type, bad date...) at the node's
 * position, and records where the value came from. */
#ifndef CHUYENDE_DECODE_H
#define CHUYENDE_DECODE_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"
#include "diag.h"
#include "yamltree.h"

/* Values with the position they were read at; `set` false when absent. */
struct text {
	const char *s;    /* NULL when absent */
	struct pos at;
};
struct date_field {
	struct ymd v;
	struct pos at;
	bool set;
};
struct clock_field {
	int minutes;
	struct pos at;
	bool set;
};
struct count_field {
	long v;
	struct pos at;
	bool set;
	bool invalid;            /* present but refused: rules using it are skipped */
};

/* An unknown key whose suggestion is a known key of the same mapping:
 * that key, when required and missing, is not reported again. */
struct key_typo {
	const struct ynode *map;
	const char *meant;
	struct key_typo *next;
};

enum { DEC_NAMES = 8 };

struct decoder {
	const char *path;
	struct diags *d;
	struct arena *arena;
	bool failed;
	struct key_typo *typos;    /* in the arena */
	const char **key_words_bare; /* key_words_vi without marks, made on first use */
	/* dec_field_name's last names, by the addresses of their parts (which
	 * live as long as the decoder: literals, or strings in the arena) */
	struct dec_name {
		const char *parent, *key, *full;
	} names[DEC_NAMES];
	size_t next_name;
};

/* The Vietnamese words a secretary may type for a key ("ngày" for
 * "date"): keys are English, and these only earn a "did you mean". */
struct key_word {
	const char *vi;     /* words parted by "|", as text_is_one_of_labels reads them */
	const char *key;
};
extern const struct key_word key_words_vi[];
extern const size_t n_key_words_vi;
/* The known key that word names in Vietnamese, or NULL. Marks may be left
 * out ("ngay", "chu tri"). */
const char *key_from_vietnamese(struct decoder *dc, const char *word, const char *const *known, size_t nknown);

/* A mapping being read, with its dotted name for messages ("meeting"). */
struct dmap {
	const struct ynode *node;  /* NULL when absent */
	const char *name;          /* "" at the top */
	struct pos at;             /* where a missing key is reported */
};

/* The top mapping of a document. Reports WRONG_TYPE when it is not one. */
struct dmap dec_root(struct decoder *dc, const struct ynode *root, const char *const *known, size_t nknown);
/* A nested mapping under key; reports unknown keys inside it. */
struct dmap dec_map(struct decoder *dc, struct dmap parent, const char *key,
		    const char *const *known, size_t nknown, bool required);
/* A mapping that is an element of a list. */
struct dmap dec_item_map(struct decoder *dc, const struct ynode *node, const char *name,
			 const char *const *known, size_t nknown);
/* Checks the keys of node against known; reports unknown ones with a
 * suggestion. */
void dec_known_keys(struct decoder *dc, const struct ynode *map, const char *name,
		    const char *const *known, size_t nknown);

/* The list under key: its node when present and a sequence, else NULL. */
const struct ynode *dec_list(struct decoder *dc, struct dmap m, const char *key, bool required);

void dec_text(struct decoder *dc, struct dmap m, const char *key, bool required, struct text *out);
void dec_date(struct decoder *dc, struct dmap m, const char *key, bool required, struct date_field *out);
void dec_clock(struct decoder *dc, struct dmap m, const char *key, bool required, struct clock_field *out);
void dec_count(struct decoder *dc, struct dmap m, const char *key, long max, bool required, struct count_field *out);
/* One of values; out gets its index. Unknown values get a suggestion. */
void dec_choice(struct decoder *dc, struct dmap m, const char *key, const char *const *values,
		size_t nvalues, bool required, int *out, struct pos *at);
/* The same, also taking labels[i] (Vietnamese words parted by "|", as
 * text_is_one_of_labels reads them) for values[i]. */
void dec_choice_labeled(struct decoder *dc, struct dmap m, const char *key, const char *const *values,
			const char *const *labels, size_t nvalues, bool required, int *out, struct pos *at);
/* A number with a fraction ("1.15"). */
bool dec_real(struct decoder *dc, struct dmap m, const char *key, double lo, double hi, bool required, double *out);

/* A scalar node read as text (for list items). */
bool dec_node_text(struct decoder *dc, const struct ynode *n, const char *name, struct text *out);
/* The same, named parent.key in messages: the name is made only for one. */
bool dec_field_text(struct decoder *dc, const struct ynode *n, const char *parent, const char *key,
		    struct text *out);

/* "meeting.date" from "meeting" and "date"; key alone when parent is NULL
 * or "". Made for messages only: callers ask for it on the error path. */
const char *dec_field_name(struct decoder *dc, const char *parent, const char *key);
/* "a, b, c" */
const char *dec_join(struct decoder *dc, const char *const *words, size_t n);
/* The "did you mean" clause for diagnostics, or "" */
const char *dec_suggestion(struct decoder *dc, const char *word, const char *const *candidates, size_t n);

#endif
