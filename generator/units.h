/* The units register (plan-format.md §3): the cells a higher committee
 * oversees, for the quarterly report. */
#ifndef CHUYENDE_UNITS_H
#define CHUYENDE_UNITS_H

#include "decode.h"

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
	const char *text;    /* the register as read (after loading through a session) */
	size_t text_len;
};

bool units_decode(struct units *u, const struct ydoc *doc, struct arena *arena, struct diags *d);

#endif
