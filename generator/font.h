/* TrueType fonts without libharu's font machinery: a reader that checks
 * every offset it follows (a template may name any file, so a broken font
 * gives a reason, never a crash), the metrics layout needs, and subsets of
 * the glyphs a document uses, ready to embed as a CIDFontType2 FontFile2.
 *
 * Widths follow libharu 2.3.0's arithmetic, so layouts are unchanged: a
 * character's width in 1/1000 em is its glyph's advance × 1000 / unitsPerEm,
 * truncated; a string's width is the sum. A character the font lacks has
 * the width of glyph 0 (.notdef). */
#ifndef CHUYENDE_FONT_H
#define CHUYENDE_FONT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "face.h"

struct font;

/* What a PDF font descriptor needs, in 1/1000 em (as PDF wants). */
struct font_info {
	const char *ps_name;      /* PostScript name, reduced to characters safe in a PDF name */
	unsigned units_per_em, n_glyphs;
	int ascent, descent;      /* hhea, scaled as libharu does (descent negative) */
	int cap_height, stem_v;
	int bbox[4];              /* head xMin yMin xMax yMax */
	double italic_angle;      /* post, degrees */
	int flags;                /* PDF font flags: FixedPitch, Serif, Symbolic, Italic */
};

/* Reads and checks the font at path, which must have a Unicode cmap. The
 * same file (same device, inode, size and time, by whatever path) is read
 * once per process: the result is shared and stays loaded until the
 * process ends; never free it. The file stays open: what loading reads
 * is its table directory and small tables (some 30 KB of Liberation
 * Serif's 390 KB); glyph data is read a page at a time as subsets need
 * it, and a file that has changed since is an error then. On failure
 * returns NULL with *why a reason, "vi\x1Fen" or strerror's text (valid until the next call). */
struct font *font_open(const char *path, const char **why);

/* Checks a font held in memory (copied); free it with font_free. Unlike
 * font_open it accepts a font without a cmap table (as our subsets are):
 * it then has no characters, only glyphs. */
struct font *font_parse(const void *data, size_t n, const char **why);
void font_free(struct font *f);

const struct font_info *font_get_info(const struct font *f);

/* The glyph of a code point, 0 when the font has none. Looked-up BMP code
 * points are remembered, so repeated lookups cost an array read. */
unsigned font_glyph(struct font *f, uint32_t cp);
/* Advance width of a glyph in 1/1000 em (a glyph id out of range: glyph 0). */
unsigned font_glyph_width(const struct font *f, unsigned gid);
/* Width of UTF-8 text in 1/1000 em; bytes that are not UTF-8 count nothing. */
uint64_t font_text_width(struct font *f, const char *s, size_t n);
/* The length of the longest start of s[0..n) that is UTF-8 whose every
 * character the font has a glyph for: n when all are there. */
size_t font_glyphs_prefix(struct font *f, const char *s, size_t n);

/* ---- subsets ----
 * Add every code point a document draws, then finish: the subset gets
 * glyph 0 (.notdef), the glyphs of the code points, and the components of
 * composite glyphs; glyphs are numbered compactly in the order of their
 * original ids (or of first use: font_subset_new_ordered), and these new
 * ids are the CIDs the content stream uses
 * (CIDToGIDMap /Identity). A glyph shared by two code points is stored
 * once per code point, so that each CID maps back to exactly one
 * character (ToUnicode). */
struct font_subset;

struct font_subset *font_subset_new(struct font *f);
/* The same, but CIDs keep the order in which code points are first added
 * (components, found when finishing, come last): a character's CID is
 * known as soon as it is added, so text can be written before the last
 * character of the document is seen. The bytes then depend on that order. */
struct font_subset *font_subset_new_ordered(struct font *f);
void font_subset_add(struct font_subset *s, uint32_t cp);
/* Each code point of UTF-8 text s[0..n), in order (bytes that are not
 * UTF-8 add nothing): one call for a line's item. */
void font_subset_add_text(struct font_subset *s, const char *text, size_t n);
/* Builds the TrueType subset: tables head hhea maxp hmtx loca glyf and,
 * with hinting, the font's cvt fpgm prep and each glyph's instructions
 * (without, they are left out: PDF viewers rasterise unhinted, and they
 * are half of Liberation's glyph data). False with *why when the font's
 * glyph data is broken. */
bool font_subset_finish(struct font_subset *s, bool hinting, const char **why);
/* After finishing (an ordered subset: from adding on): */
unsigned font_subset_cid(const struct font_subset *s, uint32_t cp);   /* 0: not added or missing */
/* After finishing: */
unsigned font_subset_count(const struct font_subset *s);              /* glyphs, CIDs 0..count-1 */
unsigned font_subset_width(const struct font_subset *s, unsigned cid); /* 1/1000 em */
/* The code point a CID stands for, or UINT32_MAX (.notdef, components). */
uint32_t font_subset_unicode(const struct font_subset *s, unsigned cid);
const uint8_t *font_subset_data(const struct font_subset *s, size_t *n);
/* Six capital letters from a hash of the glyph set, for "/ABCDEF+Name". */
const char *font_subset_tag(const struct font_subset *s);
void font_subset_free(struct font_subset *s);

/* ---- a document's fonts (font_cache.c) ----
 * One font per face, named as a template names it: a path (absolute, or
 * relative to the working folder), or a file name looked up in the
 * folders given, in order; an empty name is the face's Liberation font.
 * Faces naming the same file share it. */
#define FONT_SYSTEM_DIR "/usr/share/fonts/truetype/liberation2"
#define FONT_DIRS_GIVEN 4
struct font_set;
struct font_metrics;
struct font_names {
	const char *names[FACE_COUNT];   /* NULL or "": the default */
	struct pos at[FACE_COUNT];       /* where each is named, for FONT_FAILED */
	const char *file;                /* the file that names them */
	const char *dirs[FONT_DIRS_GIVEN];  /* the folders looked in, */
	size_t n_dirs;
	const char *searched;            /* and what a "not found" says of them: "vi\x1Fen" */
};
/* Reports FONT_FAILED against names->file and returns NULL on failure. */
struct font_set *font_set_open(const struct font_names *names, struct diags *d);
/* What the layout measures with (and asks has_glyph of). */
const struct font_metrics *font_set_metrics(const struct font_set *fs);
struct font *font_set_font(const struct font_set *fs, enum font_face face);
/* The face's font as it was named (the default's file name). */
const char *font_set_name(const struct font_set *fs, enum font_face face);
/* The file naming the fonts, and where it names the face's. */
const char *font_set_file(const struct font_set *fs);
struct pos font_set_at(const struct font_set *fs, enum font_face face);
void font_set_free(struct font_set *fs);

#endif
