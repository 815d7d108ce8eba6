/* The units register (plan-format.md §3): the cells a higher committee
 * oversees, for the quarterly report. */
#ifndef CHUYENDE_UNITS_H
#define CHUYENDE_UNITS_H

#include "decode.h"
#include "source.h"

struct unit {
	struct text name;
	struct count_field members;
};

struct units {
	const char *path;
	struct text superior, name, place, template_name;
	struct text secretary, secretary_title;   /* who signs its reports ("signer" too) */
	struct unit *units;
	size_t n;
	/* where each character of the register first occurs, for MISSING_GLYPH
	 * (after loading through a session; the text itself is not kept) */
	struct char_place *places;
	size_t n_places;
};

bool units_decode(struct units *u, const struct ydoc *doc, struct arena *arena, struct diags *d);

#endif
