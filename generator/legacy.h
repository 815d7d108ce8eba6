/* Legacy Vietnamese 8-bit encodings, by tables of our own (the Windows
 * build has no iconv): TCVN3 (TCVN 5712:1993, ABC, .VnTime fonts), VNI
 * Windows (VNI-Times fonts) and Windows-1258 (the "ANSI" code page of
 * Vietnamese Windows). Text comes either as raw bytes (not valid UTF-8) or
 * as mojibake: those bytes read as Windows-1252 and saved as UTF-8
 * ("Uû ban nh©n d©n"). Telling them apart is scoring how much of the text
 * each reading turns into Vietnamese syllables. */
#ifndef CHUYENDE_LEGACY_H
#define CHUYENDE_LEGACY_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

/* LEGACY_NONE also stands for reading the text as it is. */
enum legacy { LEGACY_NONE, LEGACY_TCVN3, LEGACY_VNI, LEGACY_CP1258, LEGACY_COUNT };

/* The --from name ("tcvn3", "vni", "cp1258"); NULL for LEGACY_NONE. */
const char *legacy_name(enum legacy e);
/* The name people know it by ("TCVN3 (ABC)", ...). */
const char *legacy_label(enum legacy e);
/* Parses a --from name; false when it is none of legacy_name's. */
bool legacy_parse(const char *name, enum legacy *e);

/* Evidence for each reading (indexed by enum legacy): words that read as
 * Vietnamese syllables, and words or bytes that do not. */
struct legacy_tally {
	int good[LEGACY_COUNT], bad[LEGACY_COUNT];
	bool strong;   /* some line had raw bytes or characters Vietnamese never has */
};
/* Adds the evidence of s[0..n), line by line. */
void legacy_tally_add(struct legacy_tally *t, const char *s, size_t n);
/* The encoding clearly ahead of the others and of the text as it is, or
 * LEGACY_NONE. */
enum legacy legacy_pick(const struct legacy_tally *t);
/* legacy_pick over the lines of s[0..n). */
enum legacy legacy_guess(const char *s, size_t n);
/* legacy_guess of s[0..n) known to be valid UTF-8: a line with a
 * character Windows-1252 has no byte for is read no further. */
enum legacy legacy_guess_utf8(const char *s, size_t n);
/* True when no line of s[0..n) is evidence for any reading, so that
 * legacy_guess is LEGACY_NONE without judging a word: each line is ASCII
 * (past a byte-order mark), or valid UTF-8 with a character Windows-1252
 * has no byte for (real Unicode text, "Việt"). */
bool legacy_no_evidence(const char *s, size_t n);
/* Whether the line s[0..n) should be converted from e: it is not valid
 * UTF-8, or it reads better in e than as it is. */
bool legacy_line_wants(enum legacy e, const char *s, size_t n);

/* s[0..n) read in e, as NFC UTF-8 (a new string); NULL when s is valid
 * UTF-8 that no 8-bit reading explains (real Unicode text such as "ạ").
 * A leading UTF-8 byte-order mark is kept. */
char *legacy_decode(enum legacy e, const char *s, size_t n, size_t *out_len);
/* UTF-8 s[0..n) written in e (ABC has no upper-case toned letters: they
 * take the lower-case bytes, as .VnTimeH fonts draw them); NULL when a
 * character has no bytes in e. */
char *legacy_encode(enum legacy e, const char *s, size_t n, size_t *out_len);

/* The command that converts the file at path from e into a new file
 * beside it ("ke-hoach.yaml" -> "ke-hoach.unicode.yaml"), quoted for the
 * shell where it needs to be. */
char *legacy_advice(enum legacy e, const char *path);
/* Reports LEGACY_TCVN3, LEGACY_VNI or LEGACY_CP1258 at a position of path:
 * s[0..n) as it reads in e, and the command that converts the file. */
void legacy_report(struct diags *d, const char *path, struct pos at, enum legacy e, const char *s, size_t n);

#endif
