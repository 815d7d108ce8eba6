/* Font subsets (font.h): the glyphs a document draws, with the parts of
 * composite glyphs, renumbered and written as a TrueType file of their
 * own, ready to embed as a CIDFontType2 FontFile2. */
#include "font_sfnt.h"

#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "text.h"
#include "util.h"

/* ---- subsets ---- */

struct slot {
	uint32_t cp;              /* NO_CP: .notdef or a component */
	uint16_t gid;             /* in the font */
	uint16_t cid;             /* in the subset */
	uint8_t depth;            /* component nesting */
};

struct font_subset {
	struct font *f;
	struct slot *slots;
	size_t n, cap;
	int32_t *first;           /* per font glyph: its first slot, or -1 */
	uint32_t *keys, *vals;    /* code point + 1 → slot; open addressing */
	size_t hcap, hn;
	/* the same as a table for the code points below CP_TABLE_END (Latin
	 * with Vietnamese, punctuation): slot + 1 of each added, 0 for the
	 * others (slots are below MAX_GLYPHS). A page's every character is
	 * added, then drawn: a table read rather than a hash probe each time. */
	struct cp_table direct;
	uint16_t *by_cid;         /* slot of each CID */
	uint8_t *data;
	size_t size;
	char tag[7];
	bool ordered;             /* CIDs in the order of first use */
	bool finished;
	const char *error;        /* why finishing failed */
};


struct font_subset *font_subset_new(struct font *f)
{
	struct font_subset *s = xcalloc(1, sizeof *s);
	s->f = f;
	s->first = xmalloc(f->n_glyphs * sizeof *s->first);
	for (unsigned i = 0; i < f->n_glyphs; i++)
		s->first[i] = -1;
	s->hcap = 256;
	s->keys = xcalloc(s->hcap, sizeof *s->keys);
	s->vals = xcalloc(s->hcap, sizeof *s->vals);
	*VEC_PUSH(s->slots, s->n, s->cap) = (struct slot){NO_CP, 0, 0, 0};
	s->first[0] = 0;
	return s;
}

struct font_subset *font_subset_new_ordered(struct font *f)
{
	struct font_subset *s = font_subset_new(f);
	s->ordered = true;
	return s;
}

static size_t hash_at(const struct font_subset *s, uint32_t cp)
{
	size_t mask = s->hcap - 1, i = (size_t)((cp * 2654435761u) >> 8) & mask;
	while (s->keys[i] && s->keys[i] != cp + 1)
		i = (i + 1) & mask;
	return i;
}

static void hash_put(struct font_subset *s, uint32_t cp, uint32_t slot)
{
	if (2 * (s->hn + 1) > s->hcap) {
		uint32_t *keys = s->keys, *vals = s->vals;
		size_t old = s->hcap;
		s->hcap *= 2;
		s->keys = xcalloc(s->hcap, sizeof *s->keys);
		s->vals = xcalloc(s->hcap, sizeof *s->vals);
		for (size_t i = 0; i < old; i++) {
			if (keys[i]) {
				size_t k = hash_at(s, keys[i] - 1);
				s->keys[k] = keys[i];
				s->vals[k] = vals[i];
			}
		}
		free(keys);
		free(vals);
	}
	size_t i = hash_at(s, cp);
	s->hn += !s->keys[i];
	s->keys[i] = cp + 1;
	s->vals[i] = slot;
	if (cp < CP_TABLE_END)
		cp_table_set(&s->direct, cp, (uint16_t)(slot + 1));
}

void font_subset_add(struct font_subset *s, uint32_t cp)
{
	if (cp_table_get(&s->direct, cp) || s->finished || cp > 0x10FFFF || s->keys[hash_at(s, cp)])
		return;
	unsigned gid = font_glyph(s->f, cp);
	uint32_t slot = 0;  /* a missing character draws .notdef */
	if (gid && s->n < MAX_GLYPHS) {
		slot = (uint32_t)s->n;
		if (s->first[gid] < 0)
			s->first[gid] = (int32_t)slot;
		*VEC_PUSH(s->slots, s->n, s->cap) = (struct slot){cp, (uint16_t)gid, (uint16_t)slot, 0};
	} else if (gid && s->first[gid] >= 0) {
		slot = (uint32_t)s->first[gid];  /* no room for another copy: share it */
	}
	hash_put(s, cp, slot);
}

void font_subset_add_text(struct font_subset *s, const char *text, size_t n)
{
	size_t len;
	uint32_t cp;
	for (size_t o = 0; o < n; o += len ? len : 1) {
		if ((unsigned char)text[o] < 0x80) {
			cp = (unsigned char)text[o];
			len = 1;
		} else if (!(len = utf8_decode(text + o, n - o, &cp))) {
			continue;
		}
		if (!cp_table_get(&s->direct, cp))  /* else added already */
			font_subset_add(s, cp);
	}
}

struct component_walk {
	struct font_subset *s;
	unsigned depth;
	bool full;
};

static bool add_component(void *ctx, unsigned gid, uint32_t at)
{
	(void)at;
	struct component_walk *w = ctx;
	struct font_subset *s = w->s;
	if (w->depth > MAX_COMPONENT_DEPTH)
		return false;
	if (s->first[gid] >= 0)
		return true;
	if (s->n >= MAX_GLYPHS) {
		w->full = true;
		return true;
	}
	s->first[gid] = (int32_t)s->n;
	*VEC_PUSH(s->slots, s->n, s->cap) = (struct slot){NO_CP, (uint16_t)gid, (uint16_t)s->n, (uint8_t)w->depth};
	return true;
}

struct renumber {
	const struct font_subset *s;
	uint8_t *glyph;           /* the copy being written */
	bool hinting;
};

static bool set_component(void *ctx, unsigned gid, uint32_t at)
{
	struct renumber *r = ctx;
	put16(r->glyph + at + 2, r->s->slots[r->s->first[gid]].cid);
	if (!r->hinting)  /* WE_HAVE_INSTRUCTIONS off: they are left out */
		put16(r->glyph + at, be16(r->glyph + at) & ~0x100u);
	return true;
}

/* Copies glyph src[0..len) to dst with its components renumbered and,
 * without hinting, its instructions left out; *out is the copy's length. */
static const char *copy_glyph(const struct font_subset *s, const uint8_t *src, uint32_t len, uint8_t *dst,
			      bool hinting, uint32_t *out)
{
	*out = len;
	if (len >= 10 && be16s(src) >= 0 && !hinting) {
		uint32_t at = 10 + 2 * (uint32_t)be16s(src);  /* after endPtsOfContours */
		if (at + 2 > len || at + 2 + be16(src + at) > len)
			return E_GLYPH;
		uint32_t skip = be16(src + at);
		memcpy(dst, src, at);
		put16(dst + at, 0);
		memcpy(dst + at + 2, src + at + 2 + skip, len - at - 2 - skip);
		*out = len - skip;
		return NULL;
	}
	memcpy(dst, src, len);
	struct renumber r = {s, dst, hinting};
	uint32_t end;
	const char *err = font_each_component(s->f, dst, len, set_component, &r, &end);
	if (!err && !hinting)
		*out = end;
	return err;
}

static int by_gid_cp(const void *a, const void *b)
{
	const struct slot *x = a, *y = b;
	if (x->gid != y->gid)
		return x->gid < y->gid ? -1 : 1;
	return x->cp < y->cp ? -1 : x->cp > y->cp;
}

/* The sum of the big-endian words of p[0..n), the last one padded with
 * zeros: a table's checksum. */
static uint32_t checksum(const uint8_t *p, size_t n)
{
	uint32_t sum = 0;
	size_t whole = n & ~(size_t)3;
	for (size_t i = 0; i < whole; i += 4)
		sum += be32(p + i);
	if (whole < n) {
		uint8_t w[4] = {0, 0, 0, 0};
		memcpy(w, p + whole, n - whole);
		sum += be32(w);
	}
	return sum;
}

struct out_table {
	uint32_t tag;
	const uint8_t *data;
	size_t len;
};

static const char *build(struct font_subset *s, bool hinting)
{
	struct font *f = s->f;
	size_t n = s->n;
	/* glyf and loca */
	size_t glyf_len = 0;
	for (size_t c = 0; c < n; c++) {
		uint32_t off, len;
		font_glyph_range(f, s->slots[s->by_cid[c]].gid, &off, &len);  /* checked before */
		glyf_len += (len + 3) & ~(size_t)3;
	}
	uint8_t *glyf = xcalloc(glyf_len ? glyf_len : 1, 1), *loca = xmalloc(4 * (n + 1));
	uint8_t *hmtx = xmalloc(4 * n);
	size_t at = 0;
	const char *err = NULL;
	for (size_t c = 0; c < n; c++) {
		unsigned gid = s->slots[s->by_cid[c]].gid;
		uint32_t off, len;
		font_glyph_range(f, gid, &off, &len);
		put32(loca + 4 * c, (uint32_t)at);
		uint32_t out = 0;
		if (!err)
			err = copy_glyph(s, f->data + off, len, glyf + at, hinting, &out);
		at += (out + 3) & ~(size_t)3;
		put16(hmtx + 4 * c, font_advance(f, gid));
		put16(hmtx + 4 * c + 2, (unsigned)font_lsb(f, gid) & 0xFFFF);
	}
	put32(loca + 4 * n, (uint32_t)at);
	/* short loca (offset / 2 in 16 bits) when the glyphs allow it: half
	 * the table; glyphs are padded to 4 bytes, so every offset is even.
	 * In place: entry c is read before entry c / 2's bytes are written. */
	bool short_loca = at <= 0x1FFFE;
	if (short_loca)
		for (size_t c = 0; c <= n; c++)
			put16(loca + 2 * c, be32(loca + 4 * c) / 2);
	size_t loca_len = (short_loca ? 2 : 4) * (n + 1);
	uint8_t head[54], hhea[36], maxp[32];
	size_t maxp_len = f->maxp.len < sizeof maxp ? f->maxp.len : sizeof maxp;
	memcpy(head, f->data + f->head.off, sizeof head);
	memcpy(hhea, f->data + f->hhea.off, sizeof hhea);
	memcpy(maxp, f->data + f->maxp.off, maxp_len);
	put32(head + 8, 0);     /* checkSumAdjustment, set below */
	put16(head + 50, short_loca ? 0 : 1);  /* indexToLocFormat */
	put16(hhea + 34, (unsigned)n);
	put16(maxp + 4, (unsigned)n);
	struct out_table t[9];
	size_t k = 0;
	if (hinting && f->cvt.present)
		t[k++] = (struct out_table){TAG('c', 'v', 't', ' '), f->data + f->cvt.off, f->cvt.len};
	if (hinting && f->fpgm.present)
		t[k++] = (struct out_table){TAG('f', 'p', 'g', 'm'), f->data + f->fpgm.off, f->fpgm.len};
	t[k++] = (struct out_table){TAG('g', 'l', 'y', 'f'), glyf, at};
	t[k++] = (struct out_table){TAG('h', 'e', 'a', 'd'), head, sizeof head};
	t[k++] = (struct out_table){TAG('h', 'h', 'e', 'a'), hhea, sizeof hhea};
	t[k++] = (struct out_table){TAG('h', 'm', 't', 'x'), hmtx, 4 * n};
	t[k++] = (struct out_table){TAG('l', 'o', 'c', 'a'), loca, loca_len};
	t[k++] = (struct out_table){TAG('m', 'a', 'x', 'p'), maxp, maxp_len};
	if (hinting && f->prep.present)
		t[k++] = (struct out_table){TAG('p', 'r', 'e', 'p'), f->data + f->prep.off, f->prep.len};
	size_t size = 12 + 16 * k;
	for (size_t i = 0; i < k; i++)
		size += (t[i].len + 3) & ~(size_t)3;
	uint8_t *out = xcalloc(size, 1);
	unsigned lg = 0;  /* floor(log2(k)) */
	while ((2u << lg) <= k)
		lg++;
	put32(out, 0x00010000);
	put16(out + 4, (unsigned)k);
	put16(out + 6, 16u << lg);
	put16(out + 8, lg);
	put16(out + 10, (unsigned)(16 * k - (16u << lg)));
	size_t pos = 12 + 16 * k, head_at = 0;
	uint32_t file_sum = 0;  /* the whole file's: the directory's and each table's, all padded to words */
	for (size_t i = 0; i < k; i++) {
		uint8_t *rec = out + 12 + 16 * i;
		uint32_t sum = checksum(t[i].data, t[i].len);
		file_sum += sum;
		put32(rec, t[i].tag);
		put32(rec + 4, sum);
		put32(rec + 8, (uint32_t)pos);
		put32(rec + 12, (uint32_t)t[i].len);
		if (t[i].len)
			memcpy(out + pos, t[i].data, t[i].len);
		if (t[i].tag == TAG('h', 'e', 'a', 'd'))
			head_at = pos;
		pos += (t[i].len + 3) & ~(size_t)3;
	}
	file_sum += checksum(out, 12 + 16 * k);
	put32(out + head_at + 8, 0xB1B0AFBAu - file_sum);
	free(glyf);
	free(loca);
	free(hmtx);
	if (err) {
		free(out);
		return err;
	}
	s->data = out;
	s->size = size;
	return NULL;
}

static uint64_t fnv1a(uint64_t h, uint32_t v)
{
	for (int i = 24; i >= 0; i -= 8)
		h = (h ^ ((v >> i) & 0xFF)) * 0x100000001b3u;
	return h;
}

static const char *finish(struct font_subset *s, bool hinting)
{
	struct font *f = s->f;
	/* Components, breadth first: new slots are visited as the loop reaches them. */
	for (size_t i = 0; i < s->n; i++) {
		const struct slot sl = s->slots[i];
		uint32_t off, len;
		const char *bad = font_glyph_range(f, sl.gid, &off, &len);
		if (bad)
			return bad;
		if (s->first[sl.gid] != (int32_t)i)
			continue;  /* a copy: its components are the first's */
		struct component_walk w = {s, sl.depth + 1u, false};
		const char *err = font_each_component(f, f->data + off, len, add_component, &w, NULL);
		if (err)
			return err;
		if (w.full)
			return BI("phông có quá nhiều nét chữ", "too many glyphs");
	}
	/* Number the glyphs in the order of their ids in the font (.notdef
	 * stays first), unless they keep the order they came in; a sorted
	 * copy keeps each slot's index in its cid. */
	struct slot *sorted = xmalloc(s->n * sizeof *sorted);
	memcpy(sorted, s->slots, s->n * sizeof *sorted);
	for (size_t i = 0; i < s->n; i++)
		sorted[i].cid = (uint16_t)i;
	if (!s->ordered)
		qsort(sorted + 1, s->n - 1, sizeof *sorted, by_gid_cp);
	s->by_cid = xmalloc(s->n * sizeof *s->by_cid);
	uint64_t h = 0xcbf29ce484222325u;
	for (size_t c = 0; c < s->n; c++) {
		s->by_cid[c] = sorted[c].cid;
		s->slots[sorted[c].cid].cid = (uint16_t)c;
		h = fnv1a(fnv1a(h, sorted[c].gid), sorted[c].cp);
	}
	free(sorted);
	for (const char *c = f->ps_name; *c; c++)
		h = fnv1a(h, (uint8_t)*c);
	for (int i = 0; i < 6; i++) {
		s->tag[i] = (char)('A' + h % 26);
		h /= 26;
	}
	s->tag[6] = '\0';
	const char *err = build(s, hinting);
	return err ? err : font_changed(f);
}

bool font_subset_finish(struct font_subset *s, bool hinting, const char **why)
{
	if (!s->finished) {
		s->finished = true;
		s->error = finish(s, hinting);
	}
	if (s->error)
		*why = s->error;
	return !s->error;
}

unsigned font_subset_cid(const struct font_subset *s, uint32_t cp)
{
	bool known = s->data || (s->ordered && !s->finished);
	if (!known || cp > 0x10FFFF)
		return 0;
	if (cp < CP_TABLE_END) {
		unsigned slot = cp_table_get(&s->direct, cp);
		return slot ? s->slots[slot - 1].cid : 0;
	}
	size_t i = hash_at(s, cp);
	return s->keys[i] ? s->slots[s->vals[i]].cid : 0;
}

unsigned font_subset_count(const struct font_subset *s)
{
	return s->data ? (unsigned)s->n : 0;
}

unsigned font_subset_width(const struct font_subset *s, unsigned cid)
{
	return font_glyph_width(s->f, s->data && cid < s->n ? s->slots[s->by_cid[cid]].gid : 0);
}

uint32_t font_subset_unicode(const struct font_subset *s, unsigned cid)
{
	return s->data && cid < s->n ? s->slots[s->by_cid[cid]].cp : NO_CP;
}

const uint8_t *font_subset_data(const struct font_subset *s, size_t *n)
{
	*n = s->size;
	return s->data;
}

const char *font_subset_tag(const struct font_subset *s)
{
	return s->tag;
}

void font_subset_free(struct font_subset *s)
{
	if (!s)
		return;
	free(s->slots);
	free(s->first);
	free(s->keys);
	free(s->vals);
	cp_table_free(&s->direct);
	free(s->by_cid);
	free(s->data);
	free(s);
}
