/* MISSING_GLYPH: a character the pages would print that no font has. The
 * layout finds them (font_metrics.has_glyph); this places each at its
 * first occurrence in the texts the model keeps, so that the painter
 * never looks at the input and no file is read twice. */
#include "check.h"

#include <stdio.h>
#include <string.h>

#include "source.h"
#include "text.h"

static struct pos find_char(const struct text_source *t, const char *needle, size_t n, bool *found)
{
	*found = false;
	if (!t->text && t->places) {
		uint32_t cp;
		const struct char_place *at = utf8_decode(needle, n, &cp) ? char_place_find(t->places, t->n_places, cp) : NULL;
		*found = at != NULL;
		return at ? at->at : (struct pos){0, 0};
	}
	if (!t->text || !n || t->len < n)
		return (struct pos){0, 0};
	for (const char *p = t->text, *end = t->text + t->len - n + 1; p < end; p++) {
		p = memchr(p, needle[0], (size_t)(end - p));
		if (!p)
			break;
		if (memcmp(p, needle, n) == 0) {
			struct source src = {.path = t->shown, .bytes = (char *)t->text, .len = t->len};
			*found = true;
			return source_pos(&src, (size_t)(p - t->text));
		}
	}
	return (struct pos){0, 0};
}

bool check_glyphs(const struct glyph_gap *gaps, size_t n, const struct text_source *src, size_t n_src,
		  struct diags *d)
{
	for (size_t g = 0; g < n; g++) {
		char ch[5], hex[16];
		size_t len = utf8_encode(gaps[g].cp, ch);
		ch[len] = '\0';
		snprintf(hex, sizeof hex, "%04X", (unsigned)gaps[g].cp);
		struct pos at = {0, 0};
		bool found = false;
		size_t i = 0;
		while (i < n_src && !found)
			at = find_char(&src[i++], ch, len, &found);
		const char *file = found ? src[i - 1].shown : n_src ? src[0].shown : "";
		diag(d, DIAG_MISSING_GLYPH, file, at, gaps[g].font, ch, hex, NULL);
	}
	return n == 0;
}

size_t draft_text_sources(const struct draft *dr, struct text_source out[2])
{
	size_t n = 0;
	if (dr->front_matter)
		out[n++] = (struct text_source){.text = dr->front_matter, .shown = dr->path, .len = dr->front_matter_len};
	out[n++] = (struct text_source){.text = dr->markdown, .shown = dr->path, .len = dr->markdown_len};
	return n;
}
