/* libharu's internals, behind the functions of hpdf_bridge.h. Why each
 * private part is needed:
 *   - the object API (HPDF_Dict_*, HPDF_Array_*, strings, HPDF_Xref_Add,
 *     HPDF_DictStream_New; pdf->mmgr, pdf->xref): our fonts are Type0 /
 *     CIDFontType2 objects we build ourselves (libharu's own take 40 M
 *     instructions per font loaded), and PDF/A adds the XMP metadata, the
 *     output intent and its ICC profile, which libharu offers no public
 *     call for;
 *   - a dictionary's write_fn and after_write_fn: entries libharu cannot
 *     write (literal strings of binary bytes, compact arrays), and the
 *     streams we make written by us, /Length a number in the dictionary
 *     (libharu makes each stream's length an object of its own, some 40
 *     bytes with its cross-reference entry);
 *   - the cross-reference table (pdf->xref): a new page's content length,
 *     the last object HPDF_AddPage adds, taken out again;
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
 *     page is deflated at once into a spool (written from there when the
 *     content dictionary is, see struct raw), and its dictionary written
 *     from its pointers, its element list emptied (hpdf_list.h), so that
 *     the document holds a few hundred bytes a page rather than every
 *     page until it is saved;
 *   - pdf->info: the Info dictionary made for its text entries, which
 *     the painter writes as literal strings (bridge_dict_add_raw),
 *     without libharu's encoders (1.4 M instructions to set up);
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

/* Parts of an object that the bridge writes itself, after libharu has
 * written the dictionary's own entries (write_fn) and its ">>"
 * (after_write_fn): entries libharu cannot express (literal strings of
 * binary bytes, compact arrays), and a stream's /Length, /Filter and
 * bytes, so that the length is a number in the dictionary rather than an
 * object of its own (libharu's streams take one, 40 bytes each with its
 * cross-reference entry), and the bytes go out in one piece. */
struct raw {
	HPDF_Stream out;          /* where the dictionary is being written */
	struct bridge_deflater *spool; /* a page's content, in the spool at off */
	size_t off;
	size_t n_entries, n_data; /* bytes[]: the entries, then the stream's data */
	bool stream, flate;
	bool direct_length;       /* else libharu writes the /Length element */
	HPDF_Stream shared;       /* the pages' placeholder stream, which this one frees */
	unsigned char bytes[];
};

static HPDF_STATUS write_raw_entries(HPDF_Dict dict, HPDF_Stream out)
{
	struct raw *r = dict->attr;
	HPDF_STATUS ret = r->n_entries ? HPDF_Stream_Write(out, r->bytes, (HPDF_UINT)r->n_entries) : HPDF_OK;
	if (ret == HPDF_OK && r->stream && r->direct_length) {
		char len[32];
		snprintf(len, sizeof len, "/Length %zu\012", r->n_data);
		ret = HPDF_Stream_WriteStr(out, len);
	}
	if (ret == HPDF_OK && r->flate)
		ret = HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
	r->out = out;
	return ret;
}

static HPDF_STATUS write_spooled(struct raw *r);

static HPDF_STATUS write_raw_data(HPDF_Dict dict)
{
	struct raw *r = dict->attr;
	HPDF_Stream out = r->out;
	r->out = NULL;
	if (!r->stream)
		return HPDF_OK;
	if (!out)
		return HPDF_SetError(dict->error, HPDF_INVALID_OBJECT, 0);
	/* as libharu writes a stream: CR LF after "stream", for Acrobat */
	HPDF_STATUS ret = HPDF_Stream_WriteStr(out, "\012stream\015\012");
	if (ret == HPDF_OK && r->n_data) {
		r->out = out;
		ret = r->spool ? write_spooled(r)
			       : HPDF_Stream_Write(out, r->bytes + r->n_entries, (HPDF_UINT)r->n_data);
		r->out = NULL;
	}
	return ret == HPDF_OK ? HPDF_Stream_WriteStr(out, "\012endstream") : ret;
}

static void free_raw(HPDF_Dict dict)
{
	struct raw *r = dict->attr;
	if (r && r->shared)
		HPDF_Stream_Free(r->shared);
	HPDF_FreeMem(dict->mmgr, r);
	dict->attr = NULL;
}

/* dict's raw parts, room for n bytes after them; NULL when dict has
 * functions or parts of its own (libharu's, or raw ones already). */
static struct raw *new_raw(HPDF_Dict dict, size_t n)
{
	if (dict->write_fn || dict->after_write_fn || dict->free_fn || dict->attr || n > 0x7FFFFFFF)
		return NULL;
	struct raw *r = HPDF_GetMem(dict->mmgr, sizeof *r + n);
	if (!r)
		return NULL;
	memset(r, 0, sizeof *r);
	dict->attr = r;
	dict->write_fn = write_raw_entries;
	dict->after_write_fn = write_raw_data;
	dict->free_fn = free_raw;
	return r;
}

bool bridge_dict_add_raw(void *dict, const void *entries, size_t n)
{
	struct raw *r = dict ? new_raw(dict, n) : NULL;
	if (!r)
		return false;
	memcpy(r->bytes, entries, n);
	r->n_entries = n;
	return true;
}

struct bridge_deflater;
static size_t deflate_bytes(struct bridge_deflater *d, const void *bytes, size_t n, const void **out);
static bool deflater_wait(struct bridge_deflater *d);

static void *raw_stream(HPDF_Doc d, const void *bytes, size_t n, bool flate)
{
	HPDF_Dict s = HPDF_Dict_New(d->mmgr);
	if (!s)
		return NULL;
	struct raw *r = new_raw(s, n);
	if (!r) {
		HPDF_Dict_Free(s);
		return NULL;
	}
	*r = (struct raw){.n_data = n, .stream = true, .flate = flate, .direct_length = true};
	memcpy(r->bytes, bytes, n);
	return HPDF_Xref_Add(d->xref, s) == HPDF_OK ? s : NULL;  /* libharu frees it on failure */
}

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
		size_t len = deflater_wait(deflater) ? deflate_bytes(deflater, bytes, n, &bytes) : 0;
		if (!len) {
			HPDF_RaiseError(&d->error, HPDF_INVALID_PARAMETER, 0);
			return NULL;
		}
		n = len;
	}
	return raw_stream(d, bytes, n, deflater != NULL);
}

void *bridge_new_deflated_stream(void *pdf, const void *zlib, size_t n)
{
	HPDF_Doc d = doc(pdf);
	if (!d || n > 0x7FFFFFFF)
		return NULL;
	return raw_stream(d, zlib, n, true);
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

/* A page handed to the helper thread: its content, and where to say
 * where it is spooled and how long it is (its /Length). */
struct page_job {
	unsigned char *in;
	size_t len, cap;
	struct raw *r;
	HPDF_Number length;       /* NULL: the /Length is written directly */
};

/* Pages of bridge_add_page are deflated and spooled by a helper thread
 * (os_thread_start) while the caller draws the next ones: a page's
 * deflating is a third of a long paper's time. Finished pages wait in a
 * ring of QUEUED jobs, each slot keeping its buffer for a later page;
 * the helper, once idle, is woken when WAKE_AT pages wait (or the caller
 * waits for it), so that it takes them several at a time rather than
 * being put to sleep and woken for each. The helper owns the compressor,
 * out and the spool while jobs are queued; the caller waits for the
 * queue to empty (deflater_wait) before it touches them itself. The
 * first INLINE_PAGES pages the caller deflates itself, at once, and the
 * helper starts with the next: a short document does not pay for a
 * thread (a third of a millisecond). Without a thread, every page is
 * deflated so. */
enum { QUEUED = 8, WAKE_AT = 4, INLINE_PAGES = 8 };

struct bridge_deflater {
	struct libdeflate_compressor *c;
	unsigned char *in, *out;  /* a page's content, contiguous; what it deflates to */
	size_t in_len, in_cap, out_cap;
	HPDF_Stream open;         /* the stream of the page of bridge_add_page writing into in */
	unsigned char *mem;  /* the spool while it is small */
	size_t len;          /* bytes spooled, in memory or in file */
	FILE *file;          /* the spool once it is not */
	HPDF_Stream shared;  /* the deflated pages' stream: it takes no more drawing */
	struct os_thread *helper;
	struct os_lock *lock;     /* over the ring, idle, stop and failed */
	struct page_job ring[QUEUED];  /* [first, first + queued): pages to deflate, in order */
	size_t first, queued;     /* a page stays queued until it is spooled */
	bool idle;                /* the helper waits for work */
	bool stop;
	bool no_helper;           /* none could be started: pages are deflated in line */
	size_t inline_pages;      /* deflated in line so far */
	bool failed;              /* a job could not be deflated or spooled */
};

static size_t deflate_bytes(struct bridge_deflater *d, const void *bytes, size_t n, const void **out);
static bool spool_add(struct bridge_deflater *d, const void *bytes, size_t n);

/* Deflates and spools a page, then says where (in the caller's thread
 * or the helper's, which holds the lock only to report). */
static bool run_job(struct bridge_deflater *d, const struct page_job *job, size_t *off, size_t *n)
{
	const void *out;
	*n = deflate_bytes(d, job->in, job->len, &out);
	*off = d->len;
	return *n && spool_add(d, out, *n);
}

/* A page's stream r is the n bytes at off in the spool; length, its
 * /Length object or NULL (written directly). */
static void place_spooled(struct raw *r, HPDF_Number length, size_t off, size_t n)
{
	r->off = off;
	r->n_data = n;
	if (length)
		length->value = (HPDF_UINT32)n;
}

static void report_job(struct bridge_deflater *d, const struct page_job *job, bool ok, size_t off, size_t n)
{
	if (!ok)
		d->failed = true;
	else
		place_spooled(job->r, job->length, off, n);
}

static void helper_main(void *ctx)
{
	struct bridge_deflater *d = ctx;
	os_lock(d->lock);
	for (;;) {
		while (!d->queued && !d->stop) {
			d->idle = true;
			os_lock_wait(d->lock);
		}
		d->idle = false;
		if (!d->queued)
			break;
		struct page_job job = d->ring[d->first];
		os_unlock(d->lock);
		size_t off = 0, n = 0;
		bool ok = run_job(d, &job, &off, &n);
		os_lock(d->lock);
		report_job(d, &job, ok, off, n);
		d->first = (d->first + 1) % QUEUED;
		d->queued--;
		os_lock_wake(d->lock);  /* a caller waiting for room or for the end */
	}
	os_unlock(d->lock);
}

bool bridge_deflater_wait(struct bridge_deflater *d)
{
	return deflater_wait(d);
}

/* Until the helper has spooled every page queued; false when one failed. */
static bool deflater_wait(struct bridge_deflater *d)
{
	if (!d->helper)
		return !d->failed;
	os_lock(d->lock);
	if (d->queued)
		os_lock_wake(d->lock);
	while (d->queued)
		os_lock_wait(d->lock);
	bool ok = !d->failed;
	os_unlock(d->lock);
	return ok;
}

/* Queues a finished page for the helper; the page's buffer goes with it,
 * and the slot's buffer, from an earlier page, takes the next page. */
static void queue_job(struct bridge_deflater *d, struct page_job job)
{
	os_lock(d->lock);
	while (d->queued == QUEUED) {  /* no room: the helper is behind */
		os_lock_wake(d->lock);
		os_lock_wait(d->lock);
	}
	struct page_job *slot = &d->ring[(d->first + d->queued) % QUEUED];
	d->in = slot->in;
	d->in_cap = slot->cap;
	*slot = job;
	d->queued++;
	if (d->idle && d->queued >= WAKE_AT)
		os_lock_wake(d->lock);
	os_unlock(d->lock);
}

struct bridge_deflater *bridge_deflater_new(void)
{
	struct bridge_deflater *d = xcalloc(1, sizeof *d);
	/* level 1: the same bytes on every run and platform for one
	 * libdeflate version. Against level 6 (zlib's default) it takes 2.0 M
	 * of a 3-page paper's 16.7 M instructions and a tenth of a 1,000-page
	 * paper's, for 4% more bytes (26,035 -> 27,013); levels 2 to 5 save
	 * less than half of that. */
	d->c = libdeflate_alloc_compressor(1);
	if (!d->c) {
		free(d);
		return NULL;
	}
	return d;
}

/* The helper thread, with the caller's pages from now on; false when it
 * cannot be started (then no more tries). */
static bool start_helper(struct bridge_deflater *d)
{
	if (!d->helper && !d->no_helper) {
		if ((d->lock = os_lock_new()) != NULL && !(d->helper = os_thread_start(helper_main, d))) {
			os_lock_free(d->lock);
			d->lock = NULL;
		}
		d->no_helper = !d->helper;
	}
	return d->helper != NULL;
}

void bridge_deflater_free(struct bridge_deflater *d)
{
	if (!d)
		return;
	if (d->helper) {
		os_lock(d->lock);
		d->stop = true;
		os_lock_wake(d->lock);
		os_unlock(d->lock);
		os_thread_join(d->helper);  /* after the page in hand */
		os_lock_free(d->lock);
	}
	libdeflate_free_compressor(d->c);
	free(d->in);
	for (size_t i = 0; i < QUEUED; i++)
		free(d->ring[i].in);
	free(d->out);
	free(d->mem);
	if (d->file)
		fclose(d->file);
	free(d);
}

bool bridge_deflater_each(struct bridge_deflater *d, void (*fn)(void *ctx, const void *bytes, size_t n), void *ctx)
{
	if (!deflater_wait(d))
		return false;
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
 * length, or 0 on failure (or while a page of bridge_add_page, whose
 * content is in d->in, is open). */
static size_t deflate_stream(struct bridge_deflater *d, HPDF_Stream s)
{
	if (d->open)
		return 0;
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

/* Writes a page's content from the spool, where it is at r->off. */
static HPDF_STATUS write_spooled(struct raw *r)
{
	struct bridge_deflater *d = r->spool;
	if (!d->file)
		return HPDF_Stream_Write(r->out, d->mem + r->off, (HPDF_UINT)r->n_data);
	if (fseek(d->file, (long)r->off, SEEK_SET) != 0)
		return HPDF_SetError(r->out->error, HPDF_FILE_IO_ERROR, 0);
	unsigned char piece[16384];
	HPDF_STATUS ret = HPDF_OK;
	for (size_t left = r->n_data; left && ret == HPDF_OK;) {
		size_t n = left < sizeof piece ? left : sizeof piece;
		if (fread(piece, 1, n, d->file) != n)
			return HPDF_SetError(r->out->error, HPDF_FILE_IO_ERROR, 0);
		ret = HPDF_Stream_Write(r->out, piece, (HPDF_UINT)n);
		left -= n;
	}
	/* the next page is appended at the end */
	if (ret == HPDF_OK && fseek(d->file, 0, SEEK_END) != 0)
		return HPDF_SetError(r->out->error, HPDF_FILE_IO_ERROR, 0);
	return ret;
}

/* Makes contents, a page's content dictionary, write its bytes in the
 * spool as its stream, and the page's stream a placeholder that takes no
 * drawing (one for all pages: a stream of libharu's is some 100 bytes a
 * page). Where and how long they are is filled in once they are spooled
 * (attach_spooled, or the helper thread's report_job); nothing of the
 * spool is read now. The /Length is written directly when
 * bridge_add_page took it out of the cross-reference table, else
 * libharu writes it, as an object whose value is set then. */
static struct raw *attach_spooled_later(HPDF_Dict contents, struct bridge_deflater *d, HPDF_Number *out_length)
{
	HPDF_Number length = HPDF_Dict_GetItem(contents, "Length", HPDF_OCLASS_NUMBER);
	*out_length = length;
	if (length && !(length->header.obj_id & HPDF_OTYPE_INDIRECT))
		return NULL;
	HPDF_Stream shared = d->shared;
	if (!shared && !(shared = HPDF_CallbackReader_New(contents->mmgr, NULL, NULL, NULL, NULL, NULL)))
		return NULL;
	struct raw *r = new_raw(contents, 0);
	if (!r) {
		if (!d->shared)
			HPDF_Stream_Free(shared);
		return NULL;
	}
	*r = (struct raw){.spool = d, .stream = true, .flate = true, .direct_length = !length,
			  .shared = d->shared ? NULL : shared};
	d->shared = shared;
	list_fit(contents->list);
	return r;
}

/* The same for the n bytes just spooled. */
static struct raw *attach_spooled(HPDF_Dict contents, struct bridge_deflater *d, size_t n, HPDF_Number *out_length)
{
	struct raw *r = attach_spooled_later(contents, d, out_length);
	if (r)
		place_spooled(r, *out_length, d->len - n, n);
	return r;
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

/* A page's content as it is written, straight into the deflater's
 * buffer: libharu's memory stream copies byte by byte (HPDF_MemCpy) into
 * blocks of 4 KB, which bridge_page_deflate then had to copy again into
 * one piece, some 120 M instructions for a 1,000-page paper. */
static HPDF_STATUS write_page_bytes(HPDF_Stream s, const HPDF_BYTE *bytes, HPDF_UINT n)
{
	struct bridge_deflater *z = s->attr;
	if (n > z->in_cap - z->in_len) {
		size_t cap = z->in_cap ? 2 * z->in_cap : 65536;
		while (cap - z->in_len < n)
			cap *= 2;
		z->in = xrealloc(z->in, cap);
		z->in_cap = cap;
	}
	memcpy(z->in + z->in_len, bytes, n);
	z->in_len += n;
	return HPDF_OK;
}

void *bridge_add_page(void *pdf, struct bridge_deflater *z)
{
	HPDF_Doc d = doc(pdf);
	if (d && z && z->open) {  /* its buffer holds the last page, not deflated yet */
		HPDF_RaiseError(&d->error, HPDF_INVALID_OPERATION, 0);
		return NULL;
	}
	HPDF_Page pg = d ? HPDF_AddPage(d) : NULL;
	if (!pg)
		return NULL;
	HPDF_PageAttr attr = pg->attr;
	if (z && attr->contents && attr->contents->stream == attr->stream) {
		HPDF_Stream w = HPDF_CallbackWriter_New(d->mmgr, write_page_bytes, z);
		if (!w)
			return NULL;  /* libharu's error handler heard of it */
		HPDF_Stream_Free(attr->stream);
		attr->contents->stream = attr->stream = w;
		z->open = w;
		z->in_len = 0;
	}
	/* HPDF_Page_New adds the content's length to the cross-reference
	 * table last: taken out again, nothing refers to its number */
	HPDF_Dict contents = ((HPDF_PageAttr)pg->attr)->contents;
	HPDF_Number length = contents ? HPDF_Dict_GetItem(contents, "Length", HPDF_OCLASS_NUMBER) : NULL;
	HPDF_List entries = d->xref->entries;
	HPDF_XrefEntry last = entries->count ? HPDF_List_ItemAt(entries, entries->count - 1) : NULL;
	/* by index: HPDF_List_Remove looks for it from the first entry, some
	 * 18 M instructions over a 1,000-page document's growing table */
	if (length && last && last->obj == length && HPDF_List_RemoveByIndex(entries, entries->count - 1) == last) {
		HPDF_FreeMem(d->mmgr, last);
		HPDF_Dict_RemoveElement(contents, "Length");
		HPDF_Obj_ForceFree(d->mmgr, length);
	}
	return pg;
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
	    contents->stream != plain || !plain || (plain->type != HPDF_STREAM_MEMORY && plain != d->open) ||
	    contents->write_fn || contents->after_write_fn || contents->before_write_fn || contents->free_fn ||
	    contents->attr || plain->size > 0x7FFFFFFF)
		return false;
	HPDF_Number length;
	if (plain == d->open) {
		struct raw *r = attach_spooled_later(contents, d, &length);
		if (!r)
			return false;
		struct page_job job = {d->in, d->in_len, d->in_cap, r, length};
		d->open = NULL;
		d->in_len = 0;
		if (d->inline_pages >= INLINE_PAGES && start_helper(d)) {
			queue_job(d, job);  /* a failure is told when the deflater is waited for */
		} else {
			d->inline_pages++;
			size_t off, n;
			bool ok = run_job(d, &job, &off, &n);
			report_job(d, &job, ok, off, n);
			if (!ok) {
				HPDF_RaiseError(pg->error, HPDF_FILE_IO_ERROR, 0);
				return false;
			}
		}
	} else {
		size_t n = deflater_wait(d) ? deflate_stream(d, plain) : 0;
		if (!n)
			return false;
		if (!spool_add(d, d->out, n)) {
			HPDF_RaiseError(pg->error, HPDF_FILE_IO_ERROR, 0);
			return false;
		}
		if (!attach_spooled(contents, d, n, &length))
			return false;
	}
	HPDF_Stream_Free(plain);
	contents->stream = NULL;  /* a dictionary to libharu: write_raw_data writes the stream */
	attr->stream = d->shared;
	contents->filter = HPDF_STREAM_FILTER_NONE;
	page_strip(pg);
	return true;
}

struct save_writer {
	bool (*write)(void *ctx, const void *bytes, size_t n);
	void *ctx;
	bool failed;
	size_t at;                /* bytes written so far */
};

static HPDF_STATUS write_out(HPDF_Stream stream, const HPDF_BYTE *bytes, HPDF_UINT n)
{
	struct save_writer *w = stream->attr;
	if (!w->failed && w->write(w->ctx, bytes, n)) {
		w->at += n;
		return HPDF_OK;
	}
	w->failed = true;
	return HPDF_SetError(stream->error, HPDF_FILE_IO_ERROR, 0);
}

static HPDF_STATUS write_buf(HPDF_Stream stream, const HPDF_BYTE *bytes, HPDF_UINT n)
{
	buf_add(stream->attr, bytes, n);
	return HPDF_OK;
}

/* ---- Object streams ----
 * A document not archived (PDF/A-1 is PDF 1.4, which has none) is saved
 * as PDF 1.5: every dictionary that is not a stream (the catalog, page
 * tree, pages, fonts, outline, info) goes into object streams, deflated,
 * and the cross-reference table becomes a deflated cross-reference
 * stream. A 3-page paper's 40 objects: some 8 KB of dictionaries and a
 * 20-byte line each in the table, which deflate to 2 KB. Objects go out
 * in the order libharu would write them (its before-write functions
 * count a page tree's kids and an outline's open items), streams as
 * objects of their own at once, the other dictionaries serialized into
 * the current object stream, which is written when it holds
 * OBJECTS_PER_STREAM of them (a reader inflates a whole object stream to
 * read one object in it) and at the end. */
enum { OBJECTS_PER_STREAM = 200 };

struct xref_slot {
	unsigned char type;       /* 0 free, 1 at an offset, 2 in an object stream */
	uint32_t field2;          /* the offset, or the object stream's number */
	uint32_t field3;          /* the generation, or the index in the object stream */
};

struct packer {
	HPDF_Stream out;          /* the file */
	struct save_writer *w;
	struct bridge_deflater *deflater;
	struct xref_slot *slots;  /* by object number, the object streams and the xref stream too */
	size_t n_slots, cap;
	struct buf head, body;    /* the current object stream: "number offset" pairs; objects */
	HPDF_Stream to_body;
	unsigned in_stream, stream_number;
};

static struct xref_slot *slot(struct packer *k, size_t number)
{
	while (number >= k->cap) {
		k->cap = k->cap ? 2 * k->cap : 64;
		k->slots = xrealloc(k->slots, k->cap * sizeof *k->slots);
	}
	if (number >= k->n_slots) {
		memset(k->slots + k->n_slots, 0, (number + 1 - k->n_slots) * sizeof *k->slots);
		k->n_slots = number + 1;
	}
	return &k->slots[number];
}

/* A dictionary that is no stream: one that can go into an object stream. */
static bool packable(void *obj)
{
	const HPDF_Obj_Header *h = obj;
	if ((h->obj_class & HPDF_OCLASS_ANY) != HPDF_OCLASS_DICT)
		return false;
	HPDF_Dict dict = obj;
	if (dict->stream || dict->header.obj_class == (HPDF_OCLASS_DICT | HPDF_OSUBCLASS_ENCRYPT))
		return false;
	return dict->write_fn != write_raw_entries || !((struct raw *)dict->attr)->stream;
}

/* "number 0 obj\n<<\n" dict ">>\nstream\r\n" bytes "\nendstream\nendobj\n",
 * deflated; dict's entries end with a line end. */
static HPDF_STATUS write_packed_stream(struct packer *k, unsigned number, const char *dict, const void *bytes,
				       size_t n)
{
	const void *z;
	size_t len = deflate_bytes(k->deflater, bytes, n, &z);
	if (!len)
		return HPDF_SetError(k->out->error, HPDF_INVALID_OBJECT, 0);
	*slot(k, number) = (struct xref_slot){1, (uint32_t)k->w->at, 0};
	char top[64], tail[64];
	snprintf(top, sizeof top, "%u 0 obj\012<<\012", number);
	snprintf(tail, sizeof tail, "/Length %zu\012/Filter /FlateDecode\012>>\012stream\015\012", len);
	HPDF_STATUS ret = HPDF_Stream_WriteStr(k->out, top);
	if (ret == HPDF_OK)
		ret = HPDF_Stream_WriteStr(k->out, dict);
	if (ret == HPDF_OK)
		ret = HPDF_Stream_WriteStr(k->out, tail);
	if (ret == HPDF_OK)
		ret = HPDF_Stream_Write(k->out, z, (HPDF_UINT)len);
	return ret == HPDF_OK ? HPDF_Stream_WriteStr(k->out, "\012endstream\012endobj\012") : ret;
}

static HPDF_STATUS flush_objects(struct packer *k)
{
	if (!k->in_stream)
		return HPDF_OK;
	char dict[96];
	snprintf(dict, sizeof dict, "/Type /ObjStm\012/N %u\012/First %zu\012", k->in_stream, k->head.len);
	buf_add(&k->head, k->body.data, k->body.len);
	HPDF_STATUS ret = write_packed_stream(k, k->stream_number, dict, k->head.data, k->head.len);
	k->head.len = k->body.len = 0;
	k->in_stream = 0;
	return ret;
}

/* Object `number`, into the current object stream or as one of its own. */
static HPDF_STATUS pack_object(struct packer *k, unsigned number, HPDF_XrefEntry entry, unsigned *next_number)
{
	if (!packable(entry->obj) || entry->gen_no) {
		*slot(k, number) = (struct xref_slot){1, (uint32_t)k->w->at, entry->gen_no};
		char top[32];
		snprintf(top, sizeof top, "%u %u obj\012", number, (unsigned)entry->gen_no);
		HPDF_STATUS ret = HPDF_Stream_WriteStr(k->out, top);
		if (ret == HPDF_OK)
			ret = HPDF_Obj_WriteValue(entry->obj, k->out, NULL);
		return ret == HPDF_OK ? HPDF_Stream_WriteStr(k->out, "\012endobj\012") : ret;
	}
	if (!k->in_stream)
		k->stream_number = (*next_number)++;
	*slot(k, number) = (struct xref_slot){2, k->stream_number, k->in_stream++};
	buf_printf(&k->head, "%u %zu ", number, k->body.len);
	HPDF_STATUS ret = HPDF_Obj_WriteValue(entry->obj, k->to_body, NULL);
	buf_addc(&k->body, '\012');
	return ret != HPDF_OK || k->in_stream < OBJECTS_PER_STREAM ? ret : flush_objects(k);
}

static unsigned bytes_for(uint32_t v)
{
	unsigned n = 1;
	while (v >>= 8)
		n++;
	return n;
}

/* The cross-reference stream, object `number`, the trailer's entries in
 * its dictionary, and the file's end. */
static HPDF_STATUS write_xref_stream(struct packer *k, HPDF_Dict trailer, unsigned number)
{
	*slot(k, number) = (struct xref_slot){1, (uint32_t)k->w->at, 0};
	uint32_t max2 = 0, max3 = 0;
	for (size_t i = 0; i < k->n_slots; i++) {
		max2 = k->slots[i].field2 > max2 ? k->slots[i].field2 : max2;
		max3 = k->slots[i].field3 > max3 ? k->slots[i].field3 : max3;
	}
	unsigned w2 = bytes_for(max2), w3 = bytes_for(max3);
	struct buf rows = {0}, dict = {0};
	for (size_t i = 0; i < k->n_slots; i++) {
		const struct xref_slot *s = &k->slots[i];
		buf_addc(&rows, (char)s->type);
		for (unsigned b = w2; b-- > 0;)
			buf_addc(&rows, (char)(s->field2 >> (8 * b)));
		for (unsigned b = w3; b-- > 0;)
			buf_addc(&rows, (char)(s->field3 >> (8 * b)));
	}
	/* the trailer's own entries (/Root, /Info, /ID), as libharu writes them */
	HPDF_Stream to_dict = HPDF_CallbackWriter_New(trailer->mmgr, write_buf, &dict);
	HPDF_STATUS ret = to_dict ? HPDF_Dict_Write(trailer, to_dict, NULL) : HPDF_Error_GetCode(trailer->error);
	if (to_dict)
		HPDF_Stream_Free(to_dict);
	if (ret == HPDF_OK && (dict.len < 5 || memcmp(dict.data, "<<\012", 3) != 0))
		ret = HPDF_SetError(trailer->error, HPDF_INVALID_OBJECT, 0);
	if (ret == HPDF_OK) {
		struct buf d = {0};
		buf_printf(&d, "/Type /XRef\012/Size %zu\012/W [1 %u %u]\012%.*s", k->n_slots, w2, w3, (int)(dict.len - 5),
			   dict.data + 3);
		size_t at = k->w->at;
		ret = write_packed_stream(k, number, d.data, rows.data, rows.len);
		buf_free(&d);
		char end[48];
		snprintf(end, sizeof end, "startxref\012%zu\012%%%%EOF\012", at);
		if (ret == HPDF_OK)
			ret = HPDF_Stream_WriteStr(k->out, end);
	}
	buf_free(&rows);
	buf_free(&dict);
	return ret;
}

static HPDF_STATUS save_packed(HPDF_Doc d, HPDF_Stream out, struct save_writer *w, struct bridge_deflater *deflater)
{
	/* libharu's header, version 1.5 */
	static const char header[] = "%PDF-1.5\012%\267\276\255\252\012";
	HPDF_STATUS ret = HPDF_Stream_Write(out, (const HPDF_BYTE *)header, sizeof header - 1);
	if (ret == HPDF_OK)
		ret = HPDF_Dict_Add(d->trailer, "Root", d->catalog);
	if (ret == HPDF_OK && d->info)
		ret = HPDF_Dict_Add(d->trailer, "Info", d->info);
	if (ret != HPDF_OK)
		return ret;
	struct packer k = {.out = out, .w = w, .deflater = deflater};
	HPDF_List entries = d->xref->entries;
	unsigned next_number = (unsigned)entries->count;
	*slot(&k, 0) = (struct xref_slot){0, 0, 0xFFFF};
	k.to_body = HPDF_CallbackWriter_New(d->mmgr, write_buf, &k.body);
	if (!k.to_body)
		ret = HPDF_Error_GetCode(&d->error);
	for (HPDF_UINT i = 1; ret == HPDF_OK && i < entries->count; i++)
		ret = pack_object(&k, i, HPDF_List_ItemAt(entries, i), &next_number);
	if (ret == HPDF_OK)
		ret = flush_objects(&k);
	if (ret == HPDF_OK)
		ret = write_xref_stream(&k, d->trailer, next_number);
	if (k.to_body)
		HPDF_Stream_Free(k.to_body);
	free(k.slots);
	buf_free(&k.head);
	buf_free(&k.body);
	return ret;
}

bool bridge_save(void *pdf, struct bridge_deflater *packed, bool (*write)(void *ctx, const void *bytes, size_t n),
		 void *ctx)
{
	HPDF_Doc d = doc(pdf);
	if (!d)
		return false;
	struct save_writer w = {write, ctx, false, 0};
	HPDF_Stream out = HPDF_CallbackWriter_New(d->mmgr, write_out, &w);
	if (!out)
		return false;
	HPDF_STATUS st;
	if (packed) {
		st = save_packed(d, out, &w, packed);
		if (st != HPDF_OK && !d->error.error_no)
			HPDF_RaiseError(&d->error, st, 0);
	} else {
		HPDF_Stream own = d->stream;
		d->stream = out;  /* HPDF_SaveToStream writes to pdf->stream; it leaves a non-memory one as it is */
		st = HPDF_SaveToStream(d);
		d->stream = own;
	}
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

bool bridge_dict_remove(void *dict, const char *key)
{
	return dict && HPDF_Dict_RemoveElement(dict, key) == HPDF_OK;
}

unsigned bridge_object_number(const void *obj)
{
	const HPDF_Obj_Header *h = obj;
	return h && (h->obj_id & HPDF_OTYPE_INDIRECT) ? (unsigned)(h->obj_id & 0x00FFFFFF) : 0;
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
