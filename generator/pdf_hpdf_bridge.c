/* libharu's internals, behind the functions of hpdf_bridge.h. Why each
 * private part is needed:
 *   - the object API (HPDF_Dict_*, HPDF_Array_*, strings, HPDF_Xref_Add,
 *     HPDF_DictStream_New; pdf->mmgr, pdf->xref): our fonts are Type0 /
 *     CIDFontType2 objects we build ourselves (libharu's own take 40 M
 *     instructions per font loaded), and PDF/A adds the XMP metadata, the
 *     output intent and its ICC profile, which libharu offers no public
 *     call for;
 *   - a stream's filter field: a stream is compressed only when it says so;
 *   - the page's content stream (page->attr->stream): text goes in as our
 *     own 2-byte CID strings, which libharu's text calls cannot write;
 *   - a page's own Resources and MediaBox: every page shares one
 *     resources dictionary (the fonts are named once for the document)
 *     and inherits its size from the page tree's root (pdf->root_pages),
 *     which saves libharu some 3 KB a page;
 *   - pdf->pdf_version: PDF/A-1 needs "%PDF-1.4" and libharu writes 1.3;
 *   - pdf->catalog: /Metadata, /OutputIntents and /Lang;
 *   - pdf->trailer: an /ID from the content (libharu's PDF/A code makes
 *     one from the clock, which breaks byte-identical output);
 *   - a page's content stream and its dictionary's write_fn: a finished
 *     page is deflated at once, so that the document holds each page
 *     compressed rather than every page in full until it is saved;
 *   - pdf->stream: saving through our own writer (a callback stream)
 *     rather than into one more copy of the whole file in memory. */
#include "hpdf_bridge.h"

#include <hpdf.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <string.h>
#include <zlib.h>

#include "util.h"

#if HPDF_MAJOR_VERSION != 2 || HPDF_MINOR_VERSION != 3
#error "hpdf_bridge.c relies on the struct layout of libharu 2.3; check it (tests/unit/bridge_test.c) and update"
#endif

_Static_assert(BRIDGE_FILE_IO_ERROR == HPDF_FILE_IO_ERROR, "libharu error code");
_Static_assert(BRIDGE_FILE_OPEN_ERROR == HPDF_FILE_OPEN_ERROR, "libharu error code");
_Static_assert(BRIDGE_INVALID_DATE_TIME == HPDF_INVALID_DATE_TIME, "libharu error code");
_Static_assert(BRIDGE_INVALID_OBJECT == HPDF_INVALID_OBJECT, "libharu error code");
_Static_assert(BRIDGE_PAGE_INVALID_FONT == HPDF_PAGE_INVALID_FONT, "libharu error code");
_Static_assert(BRIDGE_STREAM_EOF == HPDF_STREAM_EOF, "libharu error code");

static HPDF_Doc doc(void *pdf)
{
	return HPDF_HasDoc(pdf) ? pdf : NULL;
}

void *bridge_new_dict(void *pdf, bool indirect)
{
	HPDF_Doc d = doc(pdf);
	if (!d)
		return NULL;
	HPDF_Dict dict = HPDF_Dict_New(d->mmgr);
	if (dict && indirect && HPDF_Xref_Add(d->xref, dict) != HPDF_OK)
		return NULL;  /* libharu freed it */
	return dict;
}

void *bridge_new_array(void *pdf)
{
	HPDF_Doc d = doc(pdf);
	return d ? HPDF_Array_New(d->mmgr) : NULL;
}

void *bridge_new_stream(void *pdf, const void *bytes, size_t n, bool compressed)
{
	HPDF_Doc d = doc(pdf);
	if (!d)
		return NULL;
	if (n > 0x7FFFFFFF) {
		HPDF_RaiseError(&d->error, HPDF_INVALID_PARAMETER, 0);
		return NULL;
	}
	HPDF_Dict s = HPDF_DictStream_New(d->mmgr, d->xref);
	if (!s || HPDF_Stream_Write(s->stream, bytes, (HPDF_UINT)n) != HPDF_OK)
		return NULL;
	s->filter = compressed ? HPDF_STREAM_FILTER_FLATE_DECODE : HPDF_STREAM_FILTER_NONE;
	return s;
}

bool bridge_dict_add(void *dict, const char *key, void *value)
{
	return dict && value && HPDF_Dict_Add(dict, key, value) == HPDF_OK;
}

bool bridge_dict_add_name(void *dict, const char *key, const char *name)
{
	return dict && HPDF_Dict_AddName(dict, key, name) == HPDF_OK;
}

bool bridge_dict_add_int(void *dict, const char *key, int32_t value)
{
	return dict && HPDF_Dict_AddNumber(dict, key, value) == HPDF_OK;
}

bool bridge_dict_add_real(void *dict, const char *key, float value)
{
	return dict && HPDF_Dict_AddReal(dict, key, value) == HPDF_OK;
}

bool bridge_dict_add_string(void *dict, const char *key, const char *value)
{
	HPDF_Dict d = dict;
	return d && HPDF_Dict_Add(d, key, HPDF_String_New(d->mmgr, value, NULL)) == HPDF_OK;
}

bool bridge_array_add(void *array, void *value)
{
	return array && value && HPDF_Array_Add(array, value) == HPDF_OK;
}

bool bridge_array_add_int(void *array, int32_t value)
{
	return array && HPDF_Array_AddNumber(array, value) == HPDF_OK;
}

bool bridge_array_add_name(void *array, const char *name)
{
	return array && HPDF_Array_AddName(array, name) == HPDF_OK;
}

bool bridge_set_page_size(void *pdf, float width, float height)
{
	HPDF_Doc d = doc(pdf);
	if (!d || HPDF_Dict_GetItem(d->root_pages, "MediaBox", HPDF_OCLASS_ARRAY))
		return false;
	HPDF_Box box = {0, 0, width, height};
	HPDF_Array a = HPDF_Box_Array_New(d->mmgr, box);
	return a && HPDF_Dict_Add(d->root_pages, "MediaBox", a) == HPDF_OK;
}

/* The numbers of two boxes are the same. */
static bool same_box(HPDF_Array a, HPDF_Array b)
{
	for (HPDF_UINT i = 0; i < 4; i++) {
		HPDF_Real x = HPDF_Array_GetItem(a, i, HPDF_OCLASS_REAL), y = HPDF_Array_GetItem(b, i, HPDF_OCLASS_REAL);
		if (!x || !y || x->value != y->value)
			return false;
	}
	return true;
}

bool bridge_page_share(void *page, void *resources)
{
	if (!page || !HPDF_Page_Validate(page) || !resources)
		return false;
	HPDF_Page pg = page;
	HPDF_PageAttr attr = pg->attr;
	HPDF_Dict shared = resources;
	/* libharu's own resources in use (a font, an image, a state) stay */
	if (attr->fonts || attr->xobjects || attr->ext_gstates || !(shared->header.obj_id & HPDF_OTYPE_INDIRECT))
		return false;
	HPDF_Dict_RemoveElement(pg, "Resources");
	if (HPDF_Dict_Add(pg, "Resources", shared) != HPDF_OK)
		return false;
	HPDF_Array own = HPDF_Dict_GetItem(pg, "MediaBox", HPDF_OCLASS_ARRAY);
	HPDF_Array inherited = HPDF_Dict_GetItem(attr->parent, "MediaBox", HPDF_OCLASS_ARRAY);
	if (own && inherited && same_box(own, inherited))
		HPDF_Dict_RemoveElement(pg, "MediaBox");
	return true;
}

bool bridge_page_write(void *page, const void *bytes, size_t n)
{
	if (!page || !HPDF_Page_Validate(page) || n > 0x7FFFFFFF)
		return false;
	HPDF_PageAttr attr = ((HPDF_Page)page)->attr;
	return HPDF_Stream_Write(attr->stream, bytes, (HPDF_UINT)n) == HPDF_OK;
}

/* A deflated content stream says so in its dictionary, written after the
 * other entries; libharu's own /Filter is for streams it deflates itself. */
static HPDF_STATUS write_flate_filter(HPDF_Dict dict, HPDF_Stream stream)
{
	(void)dict;
	return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
}

struct bridge_deflater {
	z_stream z;
	Bytef *out;
	size_t cap;
};

struct bridge_deflater *bridge_deflater_new(void)
{
	struct bridge_deflater *d = xcalloc(1, sizeof *d);
	/* compress2's parameters: the same bytes on every run */
	if (deflateInit2(&d->z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
		free(d);
		return NULL;
	}
	return d;
}

void bridge_deflater_free(struct bridge_deflater *d)
{
	if (!d)
		return;
	deflateEnd(&d->z);
	free(d->out);
	free(d);
}

/* The memory stream's bytes, buffer by buffer, deflated into d->out;
 * their length, or 0 on failure. */
static size_t deflate_stream(struct bridge_deflater *d, HPDF_Stream s)
{
	if (deflateReset(&d->z) != Z_OK)
		return 0;
	size_t bound = deflateBound(&d->z, s->size);
	if (bound > d->cap) {
		free(d->out);
		d->out = xmalloc(bound);
		d->cap = bound;
	}
	d->z.next_out = d->out;
	d->z.avail_out = (uInt)bound;
	HPDF_UINT count = HPDF_MemStream_GetBufCount(s), total = 0;
	int ret = Z_OK;
	for (HPDF_UINT i = 0; i <= count && ret == Z_OK; i++) {
		HPDF_UINT len = 0;
		HPDF_BYTE *p = i < count ? HPDF_MemStream_GetBufPtr(s, i, &len) : NULL;
		if (i < count && !p)
			return 0;
		total += len;
		d->z.next_in = p;
		d->z.avail_in = len;
		ret = deflate(&d->z, i < count ? Z_NO_FLUSH : Z_FINISH);
		if (d->z.avail_in)
			return 0;  /* the bound leaves room for all */
	}
	return ret == Z_STREAM_END && total == s->size ? bound - d->z.avail_out : 0;
}

bool bridge_page_deflate(void *page, struct bridge_deflater *d)
{
	if (!page || !d || !HPDF_Page_Validate(page))
		return false;
	HPDF_Page pg = page;
	HPDF_PageAttr attr = pg->attr;
	HPDF_Dict contents = attr->contents;
	HPDF_Stream plain = attr->stream;
	/* libharu closes an open object or graphics state at save time by
	 * writing to the stream: it would then write into deflated bytes */
	if (attr->gmode != HPDF_GMODE_PAGE_DESCRIPTION || (attr->gstate && attr->gstate->prev) || !contents ||
	    contents->stream != plain || !plain || plain->type != HPDF_STREAM_MEMORY || contents->write_fn ||
	    plain->size > 0x7FFFFFFF)
		return false;
	size_t n = deflate_stream(d, plain);
	/* one block of exactly the deflated size */
	HPDF_Stream deflated = n ? HPDF_MemStream_New(pg->mmgr, (HPDF_UINT)n) : NULL;
	if (!deflated || HPDF_Stream_Write(deflated, d->out, (HPDF_UINT)n) != HPDF_OK) {
		if (deflated)
			HPDF_Stream_Free(deflated);
		return false;
	}
	HPDF_Stream_Free(plain);
	contents->stream = attr->stream = deflated;
	contents->filter = HPDF_STREAM_FILTER_NONE;
	contents->write_fn = write_flate_filter;
	return true;
}

struct save_writer {
	bool (*write)(void *ctx, const void *bytes, size_t n);
	void *ctx;
	bool failed;
};

static HPDF_STATUS write_out(HPDF_Stream stream, const HPDF_BYTE *bytes, HPDF_UINT n)
{
	struct save_writer *w = stream->attr;
	if (!w->failed && w->write(w->ctx, bytes, n))
		return HPDF_OK;
	w->failed = true;
	return HPDF_SetError(stream->error, HPDF_FILE_IO_ERROR, 0);
}

bool bridge_save(void *pdf, bool (*write)(void *ctx, const void *bytes, size_t n), void *ctx)
{
	HPDF_Doc d = doc(pdf);
	if (!d)
		return false;
	struct save_writer w = {write, ctx, false};
	HPDF_Stream out = HPDF_CallbackWriter_New(d->mmgr, write_out, &w);
	if (!out)
		return false;
	HPDF_Stream own = d->stream;
	d->stream = out;  /* HPDF_SaveToStream writes to pdf->stream; it leaves a non-memory one as it is */
	HPDF_STATUS st = HPDF_SaveToStream(d);
	d->stream = own;
	HPDF_Stream_Free(out);
	return st == HPDF_OK && !w.failed;
}

bool bridge_set_version(void *pdf, int minor)
{
	static const HPDF_PDFVer versions[] = {HPDF_VER_12, HPDF_VER_13, HPDF_VER_14,
					       HPDF_VER_15, HPDF_VER_16, HPDF_VER_17};
	HPDF_Doc d = doc(pdf);
	if (!d || minor < 2 || minor > 7)
		return false;
	d->pdf_version = versions[minor - 2];
	return true;
}

void *bridge_catalog(void *pdf)
{
	HPDF_Doc d = doc(pdf);
	return d ? d->catalog : NULL;
}

bool bridge_trailer_set_id(void *pdf, const uint8_t id[16])
{
	HPDF_Doc d = doc(pdf);
	if (!d)
		return false;
	HPDF_BYTE copy[16];  /* HPDF_Binary_New copies, but takes a non-const pointer */
	for (int i = 0; i < 16; i++)
		copy[i] = id[i];
	HPDF_Array pair = HPDF_Array_New(d->mmgr);
	return pair && HPDF_Array_Add(pair, HPDF_Binary_New(d->mmgr, copy, 16)) == HPDF_OK &&
	       HPDF_Array_Add(pair, HPDF_Binary_New(d->mmgr, copy, 16)) == HPDF_OK &&
	       HPDF_Dict_Add(d->trailer, "ID", pair) == HPDF_OK;
}
