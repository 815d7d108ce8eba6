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
 *     page is deflated at once into a spool (read back at save through a
 *     callback stream that the content dictionary selects before it is
 *     written), and its dictionary written from its pointers, its element
 *     list emptied (hpdf_list.h), so that the document holds a few
 *     hundred bytes a page rather than every page until it is saved;
 *   - pdf->info: the Info dictionary's text entries as UTF-16 strings we
 *     make, without libharu's encoders (1.4 M instructions to set up);
 *   - pdf->stream: saving through our own writer (a callback stream)
 *     rather than into one more copy of the whole file in memory. */
#include "hpdf_bridge.h"

#include <hpdf.h>
#include <hpdf_list.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <stdio.h>
#include <string.h>
#include <libdeflate.h>

#include "os.h"
#include "text.h"
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

/* A stream we deflated says so in its dictionary, written after the
 * other entries; libharu's own /Filter is for streams it deflates itself. */
static HPDF_STATUS write_flate_filter(HPDF_Dict dict, HPDF_Stream stream)
{
	(void)dict;
	return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
}

struct bridge_deflater;
static size_t deflate_bytes(struct bridge_deflater *d, const void *bytes, size_t n, const void **out);

void *bridge_new_stream(void *pdf, const void *bytes, size_t n, struct bridge_deflater *deflater)
{
	HPDF_Doc d = doc(pdf);
	if (!d)
		return NULL;
	if (n > 0x7FFFFFFF) {
		HPDF_RaiseError(&d->error, HPDF_INVALID_PARAMETER, 0);
		return NULL;
	}
	if (deflater) {
		size_t len = deflate_bytes(deflater, bytes, n, &bytes);
		if (!len) {
			HPDF_RaiseError(&d->error, HPDF_INVALID_PARAMETER, 0);
			return NULL;
		}
		n = len;
	}
	HPDF_Dict s = HPDF_DictStream_New(d->mmgr, d->xref);
	if (!s || HPDF_Stream_Write(s->stream, bytes, (HPDF_UINT)n) != HPDF_OK)
		return NULL;
	s->filter = HPDF_STREAM_FILTER_NONE;
	if (deflater)
		s->write_fn = write_flate_filter;
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
	HPDF_Dict root = attr->parent;
	HPDF_Dict inherited = HPDF_Dict_GetItem(root, "Resources", HPDF_OCLASS_DICT);
	if (inherited != shared &&
	    (inherited || HPDF_Dict_Add(root, "Resources", shared) != HPDF_OK))
		return false;
	HPDF_Dict_RemoveElement(pg, "Resources");
	HPDF_Array own = HPDF_Dict_GetItem(pg, "MediaBox", HPDF_OCLASS_ARRAY);
	HPDF_Array box = HPDF_Dict_GetItem(root, "MediaBox", HPDF_OCLASS_ARRAY);
	if (own && box && same_box(own, box))
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

/* Where finished pages' deflated content waits for the save: memory up
 * to SPOOL_IN_MEMORY bytes, then a temporary file, so that a long
 * document holds no page's content in memory. */
enum { SPOOL_IN_MEMORY = 256 * 1024 };

struct bridge_deflater {
	struct libdeflate_compressor *c;
	unsigned char *in, *out;  /* a page's content made contiguous; what it deflates to */
	size_t in_cap, out_cap;
	unsigned char *mem;  /* the spool while it is small */
	size_t len;          /* bytes spooled, in memory or in file */
	FILE *file;          /* the spool once it is not */
	HPDF_Stream shared;  /* the one callback stream all pages read through */
};

/* One page's content in the spool, which libharu reads back through the
 * shared callback stream when it saves. */
struct spooled {
	struct bridge_deflater *spool;
	size_t off, len, pos;
	bool owner;  /* its dictionary frees the shared stream */
};

struct bridge_deflater *bridge_deflater_new(void)
{
	struct bridge_deflater *d = xcalloc(1, sizeof *d);
	/* level 6, zlib's default: the same bytes on every run and platform
	 * for one libdeflate version */
	d->c = libdeflate_alloc_compressor(6);
	if (!d->c) {
		free(d);
		return NULL;
	}
	return d;
}

void bridge_deflater_free(struct bridge_deflater *d)
{
	if (!d)
		return;
	libdeflate_free_compressor(d->c);
	free(d->in);
	free(d->out);
	free(d->mem);
	if (d->file)
		fclose(d->file);
	free(d);
}

bool bridge_deflater_each(struct bridge_deflater *d, void (*fn)(void *ctx, const void *bytes, size_t n), void *ctx)
{
	if (!d->file) {
		if (d->len)
			fn(ctx, d->mem, d->len);
		return true;
	}
	if (fflush(d->file) != 0 || fseek(d->file, 0, SEEK_SET) != 0)
		return false;
	unsigned char piece[65536];
	size_t left = d->len;
	while (left) {
		size_t n = fread(piece, 1, left < sizeof piece ? left : sizeof piece, d->file);
		if (!n)
			return false;
		fn(ctx, piece, n);
		left -= n;
	}
	/* the next page is appended at the end */
	return fseek(d->file, 0, SEEK_END) == 0;
}

/* n bytes deflated (zlib format, as /FlateDecode reads) into d->out,
 * which *out then points to; their length, or 0 on failure. */
static size_t deflate_bytes(struct bridge_deflater *d, const void *bytes, size_t n, const void **out)
{
	*out = NULL;
	size_t bound = libdeflate_zlib_compress_bound(d->c, n);
	if (bound > d->out_cap) {
		free(d->out);
		d->out = xmalloc(bound);
		d->out_cap = bound;
	}
	*out = d->out;
	return libdeflate_zlib_compress(d->c, bytes, n, d->out, bound);
}

/* The memory stream's bytes, made contiguous, deflated into d->out; their
 * length, or 0 on failure. */
static size_t deflate_stream(struct bridge_deflater *d, HPDF_Stream s)
{
	if (s->size > d->in_cap) {
		free(d->in);
		d->in = xmalloc(s->size);
		d->in_cap = s->size;
	}
	HPDF_UINT count = HPDF_MemStream_GetBufCount(s);
	size_t total = 0;
	for (HPDF_UINT i = 0; i < count; i++) {
		HPDF_UINT len = 0;
		HPDF_BYTE *p = HPDF_MemStream_GetBufPtr(s, i, &len);
		if (!p || len > s->size - total)
			return 0;
		memcpy(d->in + total, p, len);
		total += len;
	}
	const void *out;
	return total == s->size ? deflate_bytes(d, d->in, total, &out) : 0;
}

/* Appends n bytes to the spool; false on a write error. */
static bool spool_add(struct bridge_deflater *d, const void *bytes, size_t n)
{
	if (!d->file && d->len + n > SPOOL_IN_MEMORY) {
		d->file = os_tmpfile();
		if (!d->file || (d->len && fwrite(d->mem, 1, d->len, d->file) != d->len))
			return false;
		free(d->mem);
		d->mem = NULL;
	}
	if (d->file) {
		if (fwrite(bytes, 1, n, d->file) != n)
			return false;
	} else {
		if (!d->mem)
			d->mem = xmalloc(SPOOL_IN_MEMORY);
		memcpy(d->mem + d->len, bytes, n);
	}
	d->len += n;
	return true;
}

static HPDF_STATUS spooled_read(HPDF_Stream stream, HPDF_BYTE *ptr, HPDF_UINT *size)
{
	struct spooled *s = stream->attr;
	struct bridge_deflater *d = s->spool;
	size_t n = s->len - s->pos < *size ? s->len - s->pos : *size;
	if (d->file) {
		if (n && (fseek(d->file, (long)(s->off + s->pos), SEEK_SET) != 0 || fread(ptr, 1, n, d->file) != n))
			return HPDF_SetError(stream->error, HPDF_FILE_IO_ERROR, 0);
	} else {
		memcpy(ptr, d->mem + s->off + s->pos, n);
	}
	s->pos += n;
	*size = (HPDF_UINT)n;
	return s->pos == s->len ? HPDF_STREAM_EOF : HPDF_OK;
}

static HPDF_STATUS spooled_seek(HPDF_Stream stream, HPDF_INT pos, HPDF_WhenceMode mode)
{
	struct spooled *s = stream->attr;
	if (mode != HPDF_SEEK_SET || pos < 0 || (size_t)pos > s->len)
		return HPDF_SetError(stream->error, HPDF_STREAM_EOF, 0);
	s->pos = (size_t)pos;
	return HPDF_OK;
}

static HPDF_INT32 spooled_tell(HPDF_Stream stream)
{
	return (HPDF_INT32)((struct spooled *)stream->attr)->pos;
}

static HPDF_UINT32 spooled_size(HPDF_Stream stream)
{
	return (HPDF_UINT32)((struct spooled *)stream->attr)->len;
}

/* Before a page's content is written: the shared stream reads its bytes. */
static HPDF_STATUS spooled_select(HPDF_Dict contents)
{
	struct spooled *s = contents->attr;
	s->pos = 0;
	contents->stream->attr = s;
	return HPDF_OK;
}

/* When the document is freed: every content dictionary but the first
 * lets go of the shared stream, which the first frees. */
static void spooled_release(HPDF_Dict contents)
{
	struct spooled *s = contents->attr;
	if (!s->owner)
		contents->stream = NULL;
	HPDF_FreeMem(contents->mmgr, s);
	contents->attr = NULL;
}

/* A list holding its items and no more room: libharu gives every
 * dictionary a block of 20 pointers, which a finished page's content
 * dictionary (its /Length only) keeps to the end otherwise. */
static void list_fit(HPDF_List list)
{
	if (!list->count || list->count >= list->block_siz)
		return;
	void **fit = HPDF_GetMem(list->mmgr, list->count * sizeof *fit);
	if (!fit)
		return;  /* libharu's error handler heard of it */
	memcpy(fit, list->obj, list->count * sizeof *fit);
	HPDF_FreeMem(list->mmgr, list->obj);
	list->obj = fit;
	list->block_siz = list->count;
}

/* Makes contents read the n bytes just spooled, through d's shared
 * stream (a stream object of libharu's is some 100 bytes a page). */
static bool attach_spooled(HPDF_Dict contents, struct bridge_deflater *d, size_t n)
{
	struct spooled *s = HPDF_GetMem(contents->mmgr, sizeof *s);
	if (!s)
		return false;
	*s = (struct spooled){d, d->len - n, n, 0, !d->shared};
	if (!d->shared) {
		d->shared = HPDF_CallbackReader_New(contents->mmgr, spooled_read, spooled_seek, spooled_tell, spooled_size, s);
		if (!d->shared) {
			HPDF_FreeMem(contents->mmgr, s);
			return false;
		}
	}
	contents->stream = d->shared;
	contents->attr = s;
	contents->before_write_fn = spooled_select;
	contents->free_fn = spooled_release;
	list_fit(contents->list);
	return true;
}

/* The element at i of dict: key, and the indirect object it refers to
 * (NULL when it is a direct value). */
static HPDF_DictElement element_at(HPDF_Dict dict, HPDF_UINT i, const char *key)
{
	HPDF_DictElement e = HPDF_List_ItemAt(dict->list, i);
	return e && strcmp(e->key, key) == 0 ? e : NULL;
}

static void *referred(HPDF_DictElement e)
{
	HPDF_Obj_Header *h = e ? e->value : NULL;
	return h && h->obj_class == HPDF_OCLASS_PROXY ? ((HPDF_Proxy)e->value)->obj : NULL;
}

static HPDF_STATUS write_ref(HPDF_Stream out, const char *key, void *obj)
{
	HPDF_Obj_Header *h = obj;
	char buf[64];
	snprintf(buf, sizeof buf, "/%s %u %u R\012", key, (unsigned)(h->obj_id & 0x00FFFFFF), (unsigned)h->gen_no);
	return HPDF_Stream_WriteStr(out, buf);
}

/* A stripped page's entries, as libharu wrote them from its elements. */
static HPDF_STATUS write_page_entries(HPDF_Dict page, HPDF_Stream out)
{
	HPDF_PageAttr attr = page->attr;
	HPDF_STATUS ret = HPDF_Stream_WriteStr(out, "/Type /Page\012");
	if (ret == HPDF_OK)
		ret = write_ref(out, "Contents", attr->contents);
	return ret == HPDF_OK ? write_ref(out, "Parent", attr->parent) : ret;
}

/* A finished page keeps only what is written: its graphics state goes,
 * and its three entries (/Type, /Contents, /Parent, each some 150 bytes
 * in libharu) are written from the page's own pointers, so that a long
 * document holds a few hundred bytes a page. A page with other entries
 * (a link, its own box) stays as it is. */
static void page_strip(HPDF_Page pg)
{
	HPDF_PageAttr attr = pg->attr;
	HPDF_DictElement type = element_at(pg, 0, "Type");
	HPDF_Name name = type ? type->value : NULL;
	if (pg->list->count != 3 || pg->write_fn || !name || name->header.obj_class != HPDF_OCLASS_NAME ||
	    strcmp(name->value, "Page") != 0 || referred(element_at(pg, 1, "Contents")) != attr->contents ||
	    referred(element_at(pg, 2, "Parent")) != attr->parent || !attr->contents || !attr->parent)
		return;
	if (attr->gstate) {
		HPDF_GState_Free(pg->mmgr, attr->gstate);
		attr->gstate = NULL;
	}
	HPDF_Dict_RemoveElement(pg, "Type");
	HPDF_Dict_RemoveElement(pg, "Contents");
	HPDF_Dict_RemoveElement(pg, "Parent");
	HPDF_List_Clear(pg->list);  /* its block of element pointers too */
	pg->write_fn = write_page_entries;
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
	if (!n)
		return false;
	if (!spool_add(d, d->out, n)) {
		HPDF_RaiseError(pg->error, HPDF_FILE_IO_ERROR, 0);
		return false;
	}
	if (contents->attr || contents->before_write_fn || contents->free_fn || !attach_spooled(contents, d, n))
		return false;
	HPDF_Stream_Free(plain);
	attr->stream = contents->stream;
	contents->filter = HPDF_STREAM_FILTER_NONE;
	contents->write_fn = write_flate_filter;
	page_strip(pg);
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

void *bridge_new_text(void *pdf, const char *utf8)
{
	HPDF_Doc d = doc(pdf);
	if (!d || !utf8)
		return NULL;
	struct buf b = {0};
	buf_add(&b, "\xFE\xFF", 2);
	for (size_t i = 0, n = strlen(utf8); i < n;) {
		uint32_t cp;
		size_t len = utf8_decode(utf8 + i, n - i, &cp);
		if (!len) {
			len = 1;
			cp = 0xFFFD;
		}
		i += len;
		uint16_t units[2] = {(uint16_t)cp, 0};
		int k = 1;
		if (cp >= 0x10000) {
			cp -= 0x10000;
			units[0] = (uint16_t)(0xD800 + (cp >> 10));
			units[1] = (uint16_t)(0xDC00 + (cp & 0x3FF));
			k = 2;
		}
		for (int j = 0; j < k; j++) {
			char be[2] = {(char)(units[j] >> 8), (char)(units[j] & 0xFF)};
			buf_add(&b, be, 2);
		}
	}
	HPDF_Binary s = b.len <= HPDF_LIMIT_MAX_STRING_LEN ? HPDF_Binary_New(d->mmgr, (HPDF_BYTE *)b.data, (HPDF_UINT)b.len)
							  : NULL;
	buf_free(&b);
	return s;
}

void *bridge_info(void *pdf)
{
	HPDF_Doc d = doc(pdf);
	if (!d)
		return NULL;
	if (!d->info) {
		d->info = HPDF_Dict_New(d->mmgr);
		if (!d->info || HPDF_Xref_Add(d->xref, d->info) != HPDF_OK)
			return d->info = NULL;  /* libharu freed it */
	}
	return d->info;
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
