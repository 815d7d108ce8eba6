/* Inside the font stage: the parsed TrueType file and the readers that
 * font_sfnt.c (reading, characters, widths), font_subset.c (subsets) and
 * font_cache.c (files read once per process) share. Not for other stages:
 * they use font.h. */
#ifndef CHUYENDE_FONT_SFNT_H
#define CHUYENDE_FONT_SFNT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "font.h"
#include "util.h"

#define FONT_MAX_BYTES (64u << 20)   /* larger than any sane TrueType file */
#define NO_CP UINT32_MAX
#define MAX_COMPONENT_DEPTH 16       /* composite glyphs nest a few levels at most */
#define MAX_GLYPHS 65535             /* maxp.numGlyphs is 16 bits */

struct sfnt_table {
	uint32_t off, len;
	bool present;
};

/* Where the bytes of a font file come from (font_open). read puts [off,
 * off + len) of the file at into: NULL, or why not; it is NULL for a
 * mapped file, whose bytes are all there. changed (may be NULL): NULL, or
 * why the file is no longer as it was opened. close lets go of the file. */
struct font_reader {
	const char *(*read)(void *ctx, uint8_t *into, uint32_t off, uint32_t len);
	const char *(*changed)(void *ctx);
	void (*close)(void *ctx);
	void *ctx;
};

#define GLYF_PAGE 4096u

struct font {
	uint8_t *data;            /* the file, or (read a part at a time) as much of it as is read */
	bool mapped;              /* data is the file mapped, which reader.close lets go of */
	size_t size;
	struct font_reader reader;
	uint8_t *glyf_read;       /* per GLYF_PAGE of glyf: read yet; NULL: all of data is there */
	struct sfnt_table head, hhea, maxp, hmtx, loca, glyf, cmap, os2, post, name, cvt, fpgm, prep;
	unsigned upem, n_glyphs, n_hmetrics;
	bool long_loca;
	/* the chosen cmap subtable: format 4 or 12, [cmap_off, cmap_end) in the file */
	int cmap_format;
	uint32_t cmap_off, cmap_end, n_segs;
	bool cmap_sorted;         /* segments in order: binary search */
	struct cp_table bmp;      /* gid + 1 per code point below CP_TABLE_END looked up; 0 not yet */
	uint32_t *widths;         /* font_glyph_width of each glyph, once text is measured */
	struct font_info info;
	char ps_name[64];
};

static inline uint16_t be16(const uint8_t *p)
{
	return (uint16_t)((unsigned)p[0] << 8 | p[1]);
}

static inline int16_t be16s(const uint8_t *p)
{
	return (int16_t)be16(p);
}

static inline uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static inline void put16(uint8_t *p, unsigned v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static inline void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

#define TAG(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))

#define E_GLYPH BI("dữ liệu nét chữ của phông hỏng", "the font's glyph data is damaged")

/* Checks data (malloc'd, taken whatever the outcome) as a font; need_cmap:
 * it must map Unicode. NULL with *why on failure. */
struct font *font_parse_owned(uint8_t *data, size_t n, bool need_cmap, const char **why);
/* Advance width and left side bearing of a glyph, in font units. */
unsigned font_advance(const struct font *f, unsigned gid);
int font_lsb(const struct font *f, unsigned gid);
/* Reads and checks a font of size bytes a part at a time through reader
 * (taken whatever the outcome): its table directory and the tables
 * loading needs now; glyph data waits until font_glyph_range asks for it. */
struct font *font_parse_reader(size_t size, struct font_reader reader, bool need_cmap, const char **why);
/* Checks the size bytes at data, a mapped file that reader (taken whatever
 * the outcome) lets go of, as a font. */
struct font *font_parse_mapped(const uint8_t *data, size_t size, struct font_reader reader, bool need_cmap,
			       const char **why);
/* NULL, or why the file f was read from changed since it was opened: a
 * document made from a font that changed under it is not written. */
const char *font_changed(const struct font *f);
/* The bytes of glyph gid in data, read first when they are not yet; NULL,
 * or why not (loca points outside glyf, or the file cannot be read). */
const char *font_glyph_range(struct font *f, unsigned gid, uint32_t *off, uint32_t *len);
/* Calls visit(ctx, gid, at) for each component of a composite glyph, at
 * being the offset of the component's flags within the glyph; *end (when
 * not NULL) is where the components end and any instructions begin. */
const char *font_each_component(const struct font *f, const uint8_t *g, uint32_t len,
				bool (*visit)(void *ctx, unsigned gid, uint32_t at), void *ctx, uint32_t *end);

#endif
