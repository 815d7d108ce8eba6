/* hpdf_bridge.c reads and writes libharu's structs; this test fails
 * loudly when the installed libharu's layout is not the one it assumes.
 * Like painter.c it sees libharu's handles as opaque and uses only the
 * public API and the bridge: each check writes through the bridge and
 * finds the bytes in the saved PDF, or has the bridge read back what the
 * public API set. */
#define HPDF_SHARED
#include <hpdf.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "hpdf_bridge.h"
#include "unit.h"
#include "util.h"

struct errors {
	int n;
	unsigned long last;
};

static void on_error(HPDF_STATUS code, HPDF_STATUS detail, void *ctx)
{
	(void)detail;
	struct errors *e = ctx;
	e->n++;
	e->last = code;
}

static char *save(HPDF_Doc pdf, size_t *n)
{
	*n = 0;
	if (HPDF_SaveToStream(pdf) != HPDF_OK)
		return NULL;
	HPDF_UINT32 size = HPDF_GetStreamSize(pdf), got = size;
	char *data = xmalloc(size + 1);
	if (HPDF_ReadFromStream(pdf, (HPDF_BYTE *)data, &got) != HPDF_OK || got != size) {
		free(data);
		return NULL;
	}
	data[size] = '\0';
	*n = size;
	return data;
}

/* needle among the first n bytes of hay (which may hold NULs). */
static const char *find(const char *hay, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	for (size_t i = 0; hay && i + k <= n; i++)
		if (hay[i] == needle[0] && memcmp(hay + i, needle, k) == 0)
			return hay + i;
	return NULL;
}

/* A copy of the object that holds needle, from "obj" to "endobj". */
static char *object_with(const char *pdf, size_t n, const char *needle)
{
	const char *at = find(pdf, n, needle), *start = NULL;
	for (const char *o = pdf; at && (o = find(o, (size_t)(at - o), " obj\n")) != NULL; o++)
		start = o;
	const char *end = start ? find(at, n - (size_t)(at - pdf), "endobj") : NULL;
	if (!end)
		return NULL;
	size_t len = (size_t)(end - start);
	char *copy = xmalloc(len + 1);
	memcpy(copy, start, len);
	copy[len] = '\0';
	return copy;
}

/* Every bridge call on a document, then the saved bytes checked. */
static char *inflated_after(const char *pdf, size_t n, const char *marker, size_t *len);

static void check_document(void)
{
	struct errors err = {0, 0};
	HPDF_Doc pdf = HPDF_New(on_error, &err);
	CHECK(pdf != NULL);
	if (!pdf)
		return;
	CHECK(bridge_set_version(pdf, 4));
	CHECK(!bridge_set_version(pdf, 8));

	/* the page: the document's resources and size, shared */
	HPDF_Page page = HPDF_AddPage(pdf);
	CHECK(bridge_set_page_size(pdf, 500.5f, 700.25f));
	CHECK(!bridge_set_page_size(pdf, 100, 100));  /* once */
	HPDF_Page_SetWidth(page, 500.5f);
	HPDF_Page_SetHeight(page, 700.25f);
	void *res = bridge_new_dict(pdf, true), *fonts = bridge_new_dict(pdf, false), *procs = bridge_new_array(pdf);
	CHECK(bridge_array_add_name(procs, "PDF"));
	CHECK(bridge_dict_add(res, "ProcSet", procs) && bridge_dict_add(res, "Font", fonts));
	HPDF_Dict own_font = bridge_new_dict(pdf, true);
	CHECK(bridge_dict_add_name(own_font, "Type", "Font"));
	CHECK(bridge_dict_add(fonts, "F7", own_font));
	CHECK(!bridge_page_share(page, fonts));  /* not an object of its own */
	CHECK(bridge_page_share(page, res));
	/* (its size is inherited: libharu 2.3.0's HPDF_Page_GetWidth does not
	 * look up the tree, so the saved bytes below say it) */
	/* a page with resources of libharu's (a font) keeps them, and a size of its own */
	HPDF_Page other = HPDF_AddPage(pdf);
	HPDF_Font helvetica = HPDF_GetFont(pdf, "Helvetica", NULL);
	CHECK(HPDF_Page_SetFontAndSize(other, helvetica, 12) == HPDF_OK);
	CHECK(!bridge_page_share(other, res));
	/* bytes written between two public operators land between them */
	HPDF_Page_SetGrayFill(page, 0.5f);
	CHECK(bridge_page_write(page, "% bridge page bytes\n", 20));
	HPDF_Page_SetGrayFill(page, 0.25f);

	/* objects of every kind the bridge makes, hung on the catalog */
	HPDF_SetPageMode(pdf, HPDF_PAGE_MODE_USE_OUTLINE);  /* public: into the catalog */
	void *catalog = bridge_catalog(pdf);
	CHECK(catalog != NULL);
	CHECK(bridge_dict_add_string(catalog, "Lang", "vi"));
	void *probe = bridge_new_dict(pdf, true), *list = bridge_new_array(pdf);
	CHECK(bridge_dict_add_name(probe, "Kind", "Probe"));
	CHECK(bridge_dict_add_int(probe, "Int", -42));
	CHECK(bridge_dict_add_real(probe, "Real", 1.5f));
	CHECK(bridge_dict_add_string(probe, "Str", "abc"));
	CHECK(bridge_array_add_int(list, 7));
	CHECK(bridge_dict_add_raw(probe, "/Raw (\0\1\\))\n", 12));
	CHECK(!bridge_dict_add_raw(probe, "/Again 1\n", 9));  /* once */
	CHECK(bridge_dict_add_int(probe, "Gone", 1) && bridge_dict_remove(probe, "Gone"));
	CHECK(!bridge_dict_remove(probe, "Gone"));
	CHECK(bridge_object_number(page) > 0 && bridge_object_number(list) == 0);
	char page_ref[32];
	snprintf(page_ref, sizeof page_ref, "\n%u 0 obj\n<<\n/Type /Page\n", bridge_object_number(page));
	struct bridge_deflater *z = bridge_deflater_new();
	CHECK(z != NULL);
	CHECK(bridge_array_add(list, bridge_new_stream(pdf, "raw stream bytes", 16, NULL)));
	char squeeze[181] = "";
	for (int i = 0; i < 20; i++)
		strcat(squeeze, "squeezed ");
	CHECK(bridge_array_add(list, bridge_new_stream(pdf, squeeze, 180, z)));
	CHECK(bridge_dict_add(probe, "List", list));
	CHECK(bridge_dict_add(catalog, "Probe", probe));
	const uint8_t id[16] = {0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
				0x88, 0x99, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF};
	CHECK(bridge_trailer_set_id(pdf, id));
	CHECK(err.n == 0);

	size_t n;
	char *out = save(pdf, &n);
	CHECK(out != NULL);
	CHECK(out && n > 15 && memcmp(out, "%PDF-1.4\n%\xB7\xBE\xAD\xAA\n", 15) == 0);
	CHECK(find(out, n, "0.5 g\n% bridge page bytes\n0.25 g\n"));
	char *cat = object_with(out, n, "/Type /Catalog");
	CHECK(cat && strstr(cat, "/PageMode /UseOutlines") && strstr(cat, "/Lang (vi)") && strstr(cat, "/Probe "));
	char *pg = object_with(out, n, "/Type /Page\n");
	CHECK(pg && strstr(pg, "/Parent ") && !strstr(pg, "/Resources") && !strstr(pg, "/MediaBox") &&
	      !strstr(pg, "/ProcSet"));
	char *root = object_with(out, n, "/Type /Pages");
	CHECK(root && strstr(root, "/MediaBox [ 0 0 500.5 700.25 ]") && strstr(root, "/Count 2") &&
	      strstr(root, "/Resources "));
	char *shared = object_with(out, n, "/F7 ");
	CHECK(shared && strstr(shared, "/ProcSet [ /PDF ]"));
	free(pg);
	free(root);
	free(shared);
	char *pr = object_with(out, n, "/Kind /Probe");
	CHECK(pr && strstr(pr, "/Int -42") && strstr(pr, "/Real 1.5") && strstr(pr, "/Str (abc)") &&
	      strstr(pr, "/List [ 7 "));
	CHECK(find(out, n, "/Str (abc)\n/List [ 7 "));
	CHECK(!find(out, n, "/Gone"));
	CHECK(find(out, n, page_ref));  /* the number the page is written as */
	const char *raw = find(out, n, "/Raw (");
	CHECK(raw && memcmp(raw, "/Raw (\0\1\\))\n>>", 14) == 0);  /* last, as it was given */
	CHECK(find(out, n, "stream\r\nraw stream bytes\nendstream"));
	CHECK(!find(out, n, "/Filter [ /FlateDecode ]"));  /* deflated by us, not by libharu */
	size_t squeezed_n = 0;
	char *squeezed = inflated_after(out, n, "/Filter /FlateDecode\n>>", &squeezed_n);
	CHECK(squeezed && squeezed_n == 180 && strncmp(squeezed, "squeezed squeezed ", 18) == 0);
	free(squeezed);
	CHECK(!find(out, n, "squeezed squeezed"));
	const char *trailer = find(out, n, "trailer");
	CHECK(trailer && strstr(trailer, "/ID [ <00112233445566778899AABBCCDDEEFF> <00112233445566778899AABBCCDDEEFF> ]"));
	CHECK(trailer && strstr(trailer, "/Root ") && strstr(trailer, "/Info "));
	if (err.n)
		fprintf(stderr, "libharu error 0x%04lX\n", err.last);
	free(cat);
	free(pr);
	free(out);
	HPDF_Free(pdf);
	bridge_deflater_free(z);
}

static bool to_buf(void *ctx, const void *bytes, size_t n)
{
	buf_add(ctx, bytes, n);
	return true;
}

static bool fail_late(void *ctx, const void *bytes, size_t n)
{
	(void)bytes;
	size_t *total = ctx;
	*total += n;
	return *total < 100;
}

/* The deflated content of the first stream after marker. */
static char *inflated_after(const char *pdf, size_t n, const char *marker, size_t *len)
{
	const char *m = find(pdf, n, marker), *start = m ? find(m, n - (size_t)(m - pdf), "stream\r\n") : NULL;
	const char *end = start ? find(start, n - (size_t)(start - pdf), "\nendstream") : NULL;
	if (!end)
		return NULL;
	start += 8;
	uLongf out_n = 4096;
	char *out = xmalloc(out_n + 1);
	if (uncompress((Bytef *)out, &out_n, (const Bytef *)start, (uLong)(end - start)) != Z_OK) {
		free(out);
		return NULL;
	}
	out[out_n] = '\0';
	*len = out_n;
	return out;
}

/* The content of the which-th page's stream (1 first), inflated. */
static char *inflated_big(const char *pdf, size_t n, int which, size_t *len)
{
	const char *m = pdf;
	for (int i = 0; i < which && m; i++) {
		m = find(m, n - (size_t)(m - pdf), "/Filter /FlateDecode\n>>");
		if (m && i + 1 < which)
			m++;
	}
	const char *start = m ? find(m, n - (size_t)(m - pdf), "stream\r\n") : NULL;
	const char *end = start ? find(start, n - (size_t)(start - pdf), "\nendstream") : NULL;
	if (!end)
		return NULL;
	start += 8;
	uLongf out_n = 400000;
	char *out = xmalloc(out_n);
	if (uncompress((Bytef *)out, &out_n, (const Bytef *)start, (uLong)(end - start)) != Z_OK) {
		free(out);
		return NULL;
	}
	*len = out_n;
	return out;
}

static void collect(void *ctx, const void *bytes, size_t n)
{
	buf_add(ctx, bytes, n);
}

/* A page deflated as soon as it is drawn, and the document saved through
 * a writer: the same bytes as saved in memory, the content inflates back. */
static void check_deflate_and_save(void)
{
	struct errors err = {0, 0};
	HPDF_Doc pdf = HPDF_New(on_error, &err);
	CHECK(pdf != NULL);
	if (!pdf)
		return;
	struct bridge_deflater *z = bridge_deflater_new();
	CHECK(z != NULL);
	HPDF_Page page = bridge_add_page(pdf, z);  /* its /Length written directly */
	void *res = bridge_new_dict(pdf, true);
	CHECK(bridge_set_page_size(pdf, 595, 842));
	HPDF_Page_SetWidth(page, 595);
	HPDF_Page_SetHeight(page, 842);
	CHECK(bridge_page_share(page, res));
	HPDF_Page_SetGrayFill(page, 0.5f);
	CHECK(bridge_page_write(page, "% bridge page bytes\n", 20));
	HPDF_Page_SetGrayFill(page, 0.25f);
	CHECK(bridge_page_deflate(page, z));
	CHECK(!bridge_page_deflate(page, z));  /* once */
	HPDF_Page second = HPDF_AddPage(pdf);
	HPDF_Page_BeginText(second);
	CHECK(!bridge_page_deflate(second, z));  /* a text object open */
	HPDF_Page_EndText(second);
	CHECK(bridge_page_deflate(second, z));
	CHECK(!bridge_page_deflate(second, NULL));
	/* a third page past the spool's memory: its content goes to a file */
	HPDF_Page third = bridge_add_page(pdf, NULL);  /* into libharu's memory stream */
	HPDF_Page_SetWidth(third, 595);
	HPDF_Page_SetHeight(third, 842);
	CHECK(bridge_page_share(third, res));
	uint32_t x = 1;
	for (int i = 0; i < 40000; i++) {  /* 360 KB that do not deflate */
		char hex[10];
		x = x * 1103515245u + 12345u;
		snprintf(hex, sizeof hex, "%08X ", (unsigned)x);
		bridge_page_write(third, hex, 9);
	}
	bridge_page_write(third, "% third page\n", 13);
	CHECK(bridge_page_deflate(third, z));
	CHECK(err.n == 0);
	/* the spool read back, from its file, whole and the same each time */
	struct buf spooled = {0}, again = {0};
	CHECK(bridge_deflater_each(z, collect, &spooled) && bridge_deflater_each(z, collect, &again));
	CHECK(spooled.len > 100000 && spooled.len == again.len && memcmp(spooled.data, again.data, spooled.len) == 0);
	CHECK(spooled.len > 2 && (unsigned char)spooled.data[0] == 0x78);  /* a zlib stream first */
	buf_free(&spooled);
	buf_free(&again);

	size_t n;
	char *in_memory = save(pdf, &n);
	struct buf written = {0};
	CHECK(bridge_save(pdf, NULL, to_buf, &written));
	CHECK(in_memory && written.len == n && memcmp(written.data, in_memory, n) == 0);
	/* the page's content a zlib stream (level 1 may store so few bytes as they are) */
	CHECK(find(in_memory, n, "/Filter /FlateDecode\n>>\nstream\r\nx"));
	size_t len = 0;
	char *content = inflated_after(in_memory, n, "/Filter /FlateDecode\n>>", &len);
	CHECK_STR(content, "0.5 g\n% bridge page bytes\n0.25 g\n");
	CHECK(!find(in_memory, n, "/Filter [ /FlateDecode ]"));
	free(content);
	/* a page of bridge_add_page: its content's length a number; one of
	 * HPDF_AddPage: an object, which says the same */
	const char *direct = find(in_memory, n, "obj\n<<\n/Length ");
	char *after = NULL;
	unsigned long dlen = direct ? strtoul(direct + 15, &after, 10) : 0;
	const char *data = after && strncmp(after, "\n/Filter /FlateDecode\n>>\nstream\r\n", 33) == 0 ? after + 33 : NULL;
	CHECK(data && dlen > 0 && dlen < n - (size_t)(data - in_memory) && strncmp(data + dlen, "\nendstream", 10) == 0);
	CHECK(find(in_memory, n, " 0 R\n/Filter /FlateDecode\n>>\nstream\r\n"));
	/* each page's dictionary as libharu writes one, from its pointers */
	char *page1 = object_with(in_memory, n, "/Type /Page\n");
	CHECK(page1 && strstr(page1, "/Contents ") && strstr(page1, " 0 R\n/Parent ") && !strstr(page1, "/Resources"));
	free(page1);
	/* the second page has its own resources and box: written as libharu keeps it */
	char *page2 = object_with(in_memory, n, "/Type /Page\n/MediaBox");
	CHECK(page2 && strstr(page2, "/Resources ") && strstr(page2, "/Parent "));
	free(page2);
	char *big = inflated_big(in_memory, n, 3, &len);
	CHECK(big && len == 360013 && memcmp(big + len - 13, "% third page\n", 13) == 0);
	free(big);
	free(in_memory);
	buf_free(&written);

	/* a writer that gives up: the save fails, libharu is told */
	size_t total = 0;
	CHECK(!bridge_save(pdf, NULL, fail_late, &total));
	CHECK(err.n > 0 && err.last == 0x1016);
	HPDF_Free(pdf);
	bridge_deflater_free(z);  /* the spool outlives the saves */
}

/* The stream of the object at off: its dictionary (from "<<" to
 * "stream"), and its bytes inflated; false when it is no such object. */
static bool stream_at(const char *pdf, size_t n, size_t off, unsigned number, char **dict, struct buf *data)
{
	char top[32];
	snprintf(top, sizeof top, "%u 0 obj\n<<\n", number);
	const char *o = pdf + off, *s = off < n ? find(o, n - off, "\nstream\r\n") : NULL;
	const char *l = s ? find(o, (size_t)(s - o), "/Length ") : NULL;
	if (!l || strncmp(o, top, strlen(top)) != 0)
		return false;
	size_t len = strtoul(l + 8, NULL, 10);
	s += 9;
	if (len > n - (size_t)(s - pdf) || memcmp(s + len, "\nendstream\nendobj\n", 18) != 0)
		return false;
	*dict = xmalloc((size_t)(s - o) + 1);
	memcpy(*dict, o, (size_t)(s - o));
	(*dict)[s - o] = '\0';
	uLongf out_n = 1 << 20;
	buf_grow(data, out_n);
	data->len = 0;
	if (uncompress((Bytef *)data->data, &out_n, (const Bytef *)s, (uLong)len) != Z_OK) {
		free(*dict);
		return false;
	}
	data->len = out_n;
	return true;
}

static unsigned long field(const unsigned char *p, unsigned w)
{
	unsigned long v = 0;
	while (w--)
		v = v << 8 | *p++;
	return v;
}

/* Saved packed (PDF 1.5): every dictionary that is no stream in an
 * object stream of at most 200, the streams at the offsets the
 * cross-reference stream gives, that stream's dictionary the trailer's;
 * and read back that way, every object is where it says. */
static void check_packed_save(void)
{
	struct errors err = {0, 0};
	HPDF_Doc pdf = HPDF_New(on_error, &err);
	struct bridge_deflater *z = bridge_deflater_new();
	CHECK(pdf && z);
	if (!pdf || !z)
		return;
	HPDF_Page page = bridge_add_page(pdf, z);
	CHECK(bridge_page_write(page, "% packed page\n", 14) && bridge_page_deflate(page, z));
	void *catalog = bridge_catalog(pdf), *list = bridge_new_array(pdf);
	CHECK(bridge_array_add(list, bridge_new_stream(pdf, "raw stream bytes", 16, z)));
	for (int i = 0; i < 450; i++) {
		void *d = bridge_new_dict(pdf, true);
		CHECK(bridge_dict_add_int(d, "Probe", i) && bridge_array_add(list, d));
	}
	CHECK(bridge_dict_add(catalog, "Probes", list));
	CHECK(bridge_dict_add_raw(bridge_info(pdf), "/Creator (packed)\n", 18));
	CHECK(bridge_trailer_set_id(pdf, (const uint8_t[16]){1, 2, 3}));

	struct buf f = {0}, again = {0}, rows = {0}, objs = {0};
	CHECK(bridge_save(pdf, z, to_buf, &f) && bridge_save(pdf, z, to_buf, &again));
	CHECK(f.len == again.len && memcmp(f.data, again.data, f.len) == 0);  /* the same twice */
	CHECK(f.len > 15 && memcmp(f.data, "%PDF-1.5\n%\xB7\xBE\xAD\xAA\n", 15) == 0);
	CHECK(!find(f.data, f.len, "/Probe "));  /* no dictionary in the clear */
	const char *sx = find(f.data, f.len, "startxref\n");
	size_t xref_at = sx ? strtoul(sx + 10, NULL, 10) : 0;
	CHECK(sx && strcmp(sx + 10 + strcspn(sx + 10, "\n"), "\n%%EOF\n") == 0);
	unsigned xref_number = xref_at < f.len ? (unsigned)strtoul(f.data + xref_at, NULL, 10) : 0;
	char *dict = NULL;
	bool read = stream_at(f.data, f.len, xref_at, xref_number, &dict, &rows);
	CHECK(read);
	unsigned size = 0, w[3] = {0, 0, 0};
	if (read) {
		CHECK(strstr(dict, "/Type /XRef\n") && strstr(dict, "/Root 1 0 R\n") && strstr(dict, "/Info ") &&
		      strstr(dict, "/ID [ <01020300"));
		const char *sz = strstr(dict, "/Size "), *ws = strstr(dict, "/W [");
		CHECK(sz && ws && sscanf(sz, "/Size %u", &size) == 1 && sscanf(ws, "/W [%u %u %u]", &w[0], &w[1], &w[2]) == 3);
		free(dict);
	}
	unsigned row = w[0] + w[1] + w[2], in_streams = 0, streams = 0, bad = 0;
	CHECK(size == xref_number + 1 && w[0] == 1 && row && rows.len == (size_t)size * row);
	for (unsigned i = 0; row && i < size && (size_t)(i + 1) * row <= rows.len; i++) {
		const unsigned char *r = (const unsigned char *)rows.data + (size_t)i * row;
		unsigned long type = field(r, w[0]), f2 = field(r + w[0], w[1]), f3 = field(r + w[0] + w[1], w[2]);
		char top[32];
		snprintf(top, sizeof top, "%u 0 obj\n", i);
		if (type == 0) {
			bad += i != 0 || f3 != 0xFFFF;
		} else if (type == 1) {
			bad += f2 >= f.len || strncmp(f.data + f2, top, strlen(top)) != 0;
		} else if (type == 2 && f2 < size) {
			/* the object stream holding it, at its offset; the index-th pair names i */
			const unsigned char *s = (const unsigned char *)rows.data + f2 * row;
			unsigned long at = field(s + 1, w[1]);
			char *sd = NULL;
			unsigned first = 0, count = 0;
			if (field(s, 1) != 1 || !stream_at(f.data, f.len, at, (unsigned)f2, &sd, &objs)) {
				bad++;
				continue;
			}
			const char *fs = strstr(sd, "/First "), *ns = strstr(sd, "/N ");
			bad += !strstr(sd, "/Type /ObjStm\n") || !fs || !ns || sscanf(fs, "/First %u", &first) != 1 ||
			       sscanf(ns, "/N %u", &count) != 1 || count > 200 || f3 >= count;
			free(sd);
			buf_addc(&objs, '\0');
			const char *p = objs.data;
			unsigned number = 0;
			size_t off = 0;
			for (unsigned k = 0; k <= f3 && p; k++) {
				char *e;
				number = (unsigned)strtoul(p, &e, 10);
				off = strtoul(e, &e, 10);
				p = e;
			}
			bad += number != i || first + off >= objs.len || strncmp(objs.data + first + off, "<<\n", 3) != 0;
			in_streams++;
			streams += f3 == 0;
		} else {
			bad++;
		}
	}
	CHECK(bad == 0);
	CHECK(in_streams >= 450 && streams == 3);  /* the probes, the catalog, page tree, page, info */
	CHECK(err.n == 0);
	buf_free(&f);
	buf_free(&again);
	buf_free(&rows);
	buf_free(&objs);
	HPDF_Free(pdf);
	bridge_deflater_free(z);
}

/* The zlib stream at *at of the n bytes of spool, inflated, and *at moved
 * past it; NULL when there is none. */
static char *inflate_next(const char *spool, size_t n, size_t *at, size_t *len)
{
	z_stream zs = {0};
	static char out[1 << 17];
	if (*at >= n || inflateInit(&zs) != Z_OK)
		return NULL;
	zs.next_in = (Bytef *)(spool + *at);
	zs.avail_in = (uInt)(n - *at);
	zs.next_out = (Bytef *)out;
	zs.avail_out = sizeof out - 1;
	int r = inflate(&zs, Z_FINISH);
	*at += zs.total_in;
	*len = zs.total_out;
	inflateEnd(&zs);
	if (r != Z_STREAM_END)
		return NULL;
	out[*len] = '\0';
	return out;
}

/* Pages of bridge_add_page with a deflater write into its buffer, one at
 * a time: each is deflated before the next such page, and a page of
 * libharu's own memory stream waits too. The spool holds each page's
 * bytes in the order written, libharu's operators among ours. */
static void check_page_buffer(void)
{
	struct errors err = {0, 0};
	HPDF_Doc pdf = HPDF_New(on_error, &err);
	struct bridge_deflater *z = bridge_deflater_new();
	CHECK(pdf && z);
	if (!pdf || !z)
		return;
	HPDF_Page a = bridge_add_page(pdf, z);
	CHECK(a != NULL);
	HPDF_Page_SetGrayFill(a, 0.5f);
	CHECK(bridge_page_write(a, "% a\n", 4));
	CHECK(bridge_add_page(pdf, z) == NULL && err.n == 1);  /* a is not deflated yet */
	HPDF_ResetError(pdf);
	HPDF_Page m = HPDF_AddPage(pdf);
	CHECK(bridge_page_write(m, "% m\n", 4));
	CHECK(!bridge_page_deflate(m, z));  /* the buffer holds a */
	HPDF_Page_SetGrayFill(a, 0.25f);
	CHECK(bridge_page_deflate(a, z));
	CHECK(!bridge_page_deflate(a, z));  /* once */
	HPDF_Page b = bridge_add_page(pdf, z);
	CHECK(b != NULL);
	/* more than the buffer's first 64 KB */
	bool written = true;
	for (int i = 0; i < 9000; i++)
		written &= bridge_page_write(b, "% b line\n", 9);
	CHECK(written);
	CHECK(bridge_page_deflate(b, z));
	CHECK(bridge_page_deflate(m, z));
	CHECK(err.n == 1);
	struct buf spool = {0};
	CHECK(bridge_deflater_each(z, collect, &spool));
	size_t at = 0, len = 0;
	const char *page = inflate_next(spool.data, spool.len, &at, &len);
	CHECK_STR(page, "0.5 g\n% a\n0.25 g\n");
	page = inflate_next(spool.data, spool.len, &at, &len);
	CHECK(page && len == 81000 && memcmp(page, "% b line\n% b line\n", 18) == 0);
	page = inflate_next(spool.data, spool.len, &at, &len);
	CHECK_STR(page, "% m\n");
	CHECK(at == spool.len);
	buf_free(&spool);
	HPDF_Free(pdf);
	bridge_deflater_free(z);
}

/* Many pages through the deflater's helper thread, each handed over while
 * the next is written: spooled in order, each whole, and the document
 * saved the same twice (once the deflater has waited for the last). */
static void check_many_pages(void)
{
	struct errors err = {0, 0};
	HPDF_Doc pdf = HPDF_New(on_error, &err);
	struct bridge_deflater *z = bridge_deflater_new();
	CHECK(pdf && z);
	if (!pdf || !z)
		return;
	enum { PAGES = 300 };
	bool ok = true;
	for (int i = 0; i < PAGES; i++) {
		HPDF_Page page = bridge_add_page(pdf, z);
		ok &= page != NULL;
		char line[32];
		int len = snprintf(line, sizeof line, "%% page %d\n", i);
		for (int k = 0; k <= i % 7 * 300; k++)  /* some past the buffer's first size */
			ok &= bridge_page_write(page, line, (size_t)len);
		ok &= bridge_page_deflate(page, z);
	}
	CHECK(ok && bridge_deflater_wait(z) && err.n == 0);
	struct buf spool = {0};
	CHECK(bridge_deflater_each(z, collect, &spool));
	size_t at = 0;
	for (int i = 0; i < PAGES && ok; i++) {
		char line[32];
		int len = snprintf(line, sizeof line, "%% page %d\n", i);
		size_t n = 0;
		const char *page = inflate_next(spool.data, spool.len, &at, &n);
		ok &= page && n == (size_t)len * (size_t)(i % 7 * 300 + 1) && memcmp(page, line, (size_t)len) == 0 &&
		      memcmp(page + n - (size_t)len, line, (size_t)len) == 0;
	}
	CHECK(ok && at == spool.len);
	buf_free(&spool);
	size_t n1;
	char *a = save(pdf, &n1);
	struct buf b = {0};
	CHECK(bridge_save(pdf, NULL, to_buf, &b));
	CHECK(a && n1 == b.len && memcmp(a, b.data, n1) == 0 && find(a, n1, "/Length "));
	free(a);
	buf_free(&b);
	HPDF_Free(pdf);
	bridge_deflater_free(z);
}

/* Calls on nothing fail without touching memory. */
static void check_null(void)
{
	CHECK(bridge_new_dict(NULL, true) == NULL);
	CHECK(bridge_new_array(NULL) == NULL);
	CHECK(bridge_new_stream(NULL, "x", 1, NULL) == NULL);
	CHECK(!bridge_dict_add_name(NULL, "A", "B"));
	CHECK(!bridge_page_write(NULL, "x", 1));
	CHECK(!bridge_page_share(NULL, NULL));
	CHECK(!bridge_set_page_size(NULL, 1, 1));
	CHECK(!bridge_set_version(NULL, 4));
	CHECK(bridge_catalog(NULL) == NULL);
	CHECK(!bridge_trailer_set_id(NULL, (const uint8_t[16]){0}));
	CHECK(!bridge_page_deflate(NULL, NULL));
	CHECK(bridge_add_page(NULL, NULL) == NULL);
	CHECK(!bridge_save(NULL, NULL, to_buf, NULL));
}

int main(void)
{
	/* the library loaded is the one whose headers the bridge was built against */
	CHECK_STR(HPDF_GetVersion(), HPDF_VERSION_TEXT);
	check_document();
	check_deflate_and_save();
	check_packed_save();
	check_page_buffer();
	check_many_pages();
	check_null();
	return unit_done("bridge");
}
