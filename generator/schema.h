/* JSON Schemas of the files users write, made from keys.def (the tables
 * the decoders read) and words.def: `chuyende schema KIND` prints one,
 * schemas/ holds them for editors, and a test keeps the two the same. */
#ifndef CHUYENDE_SCHEMA_H
#define CHUYENDE_SCHEMA_H

#include <stdbool.h>

#include "util.h"

/* "plan", "draft", "note", "units", "template" */
extern const char *const schema_kinds[];
extern const size_t n_schema_kinds;

/* Appends the schema of kind to out; false when kind is none of them. */
bool schema_write(const char *kind, struct buf *out);

#endif
