/* The one place that uses libharu's private headers (hpdf_doc.h,
 * hpdf_objects.h, hpdf_pages.h, hpdf_streams.h). They tie the program to
 * the struct layout of one libharu build; everything else, painter.c
 * included, sees libharu's handles as opaque (HPDF_SHARED) and calls only
 * the public API of hpdf.h and these functions.
 *
 * Handles pass as void *: painter.c's HPDF_Doc, HPDF_Page and HPDF_Dict
 * are void * there, and this file converts them to libharu's structs.
 * tests/unit/bridge_test.c fails loudly if the layout assumed here is not
 * the installed library's.
 *
 * Objects made here belong to the document's memory manager and are freed
 * with it. Failures go to the document's error handler, as libharu's own
 * do; functions also return NULL or false then. */
#ifndef CHUYENDE_HPDF_BRIDGE_H
#define CHUYENDE_HPDF_BRIDGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* libharu's error codes that painter.c tells apart or reports; hpdf_error.h
 * cannot be included where the handles are opaque. hpdf_bridge.c checks
 * each against the header when it is compiled. */
enum {
	BRIDGE_FILE_IO_ERROR = 0x1016,
	BRIDGE_FILE_OPEN_ERROR = 0x1017,
	BRIDGE_INVALID_DATE_TIME = 0x1022,
	BRIDGE_INVALID_OBJECT = 0x1033,
	BRIDGE_PAGE_INVALID_FONT = 0x104F,
	BRIDGE_STREAM_EOF = 0x1058,
};

/* A dictionary; indirect ones get an object number of their own. */
void *bridge_new_dict(void *pdf, bool indirect);
void *bridge_new_array(void *pdf);
/* A stream object holding a copy of bytes, deflated now by deflater
 * (written with /Filter /FlateDecode), or as they are when it is NULL;
 * its /Length is a number in its dictionary, not an object. Entries
 * added to it are written before /Length. */
struct bridge_deflater;
void *bridge_new_stream(void *pdf, const void *bytes, size_t n, struct bridge_deflater *deflater);
/* The same for bytes deflated already (the zlib format /FlateDecode reads). */
void *bridge_new_deflated_stream(void *pdf, const void *zlib, size_t n);
/* Entries written as they are after dict's own (whole "/Key value" pairs:
 * what libharu's objects cannot say, such as literal strings of binary
 * bytes). Once per dictionary, and not on one libharu gave functions of
 * its own (a page, the page tree, a stream): false then. */
bool bridge_dict_add_raw(void *dict, const void *entries, size_t n);

bool bridge_dict_add(void *dict, const char *key, void *value);
bool bridge_dict_add_name(void *dict, const char *key, const char *name);
bool bridge_dict_add_int(void *dict, const char *key, int32_t value);
/* libharu formats the real itself (the same bytes on every platform). */
bool bridge_dict_add_real(void *dict, const char *key, float value);
/* A literal string of bytes (no encoder: ASCII text such as names of
 * profiles, or a language tag). */
bool bridge_dict_add_string(void *dict, const char *key, const char *value);
bool bridge_array_add(void *array, void *value);
bool bridge_array_add_int(void *array, int32_t value);

bool bridge_array_add_name(void *array, const char *name);

/* The page size of the document, on the root of its page tree, which
 * pages inherit (once; false when it is set). */
bool bridge_set_page_size(void *pdf, float width, float height);
/* Makes a new page inherit resources, an indirect dictionary the
 * document's pages share (set on the page tree's root by the first call),
 * instead of a dictionary of its own, and inherit its size when it is the
 * one bridge_set_page_size gave. Content that names resources must use
 * the shared dictionary's names. False when libharu put resources of its
 * own on the page already (a font, an image, a graphics state), resources
 * is not indirect, or the root has other resources. */
bool bridge_page_share(void *page, void *resources);
/* A new page (HPDF_AddPage) whose content's /Length is written as a
 * number when bridge_page_deflate deflates it, rather than as an object
 * of its own: the page must be deflated before the document is saved.
 * With a deflater, the content is written straight into its buffer, and
 * the page must be deflated by it before the next such page is added (NULL
 * until then). */
void *bridge_add_page(void *pdf, struct bridge_deflater *deflater);
/* Appends bytes to the page's content stream as they are. */
bool bridge_page_write(void *page, const void *bytes, size_t n);
/* libdeflate's compressor, kept from page to page (each new one takes
 * some hundreds of kilobytes of fresh memory), and the spool that holds the deflated
 * pages until the document is saved: in memory while small, then in a
 * temporary file. One document's: it must outlive its saves. NULL when
 * libdeflate cannot start. */
struct bridge_deflater *bridge_deflater_new(void);
/* Waits for the pages handed to the deflater's helper thread to be
 * deflated and spooled: before the document is saved or freed (its
 * content dictionaries are told where their bytes are). False when one
 * could not be (an I/O error of the spool). */
bool bridge_deflater_wait(struct bridge_deflater *d);
void bridge_deflater_free(struct bridge_deflater *d);
/* Hands every byte spooled so far to fn, in order, in pieces; false on
 * a read error of the spool file. */
bool bridge_deflater_each(struct bridge_deflater *d, void (*fn)(void *ctx, const void *bytes, size_t n), void *ctx);
/* Deflates the page's content stream now (libdeflate, level 6: the same
 * bytes on every run) into d's spool, from where it is written with
 * /Filter /FlateDecode when libharu writes the page's content object.
 * The page then keeps no graphics state, and its /Type, /Contents and
 * /Parent are written from its pointers rather than held as libharu's
 * elements. Nothing may be drawn on the page after. False, the page unchanged, when it has a text
 * or path object or a saved graphics state open (libharu would close them
 * by writing into the stream when saving), or was deflated already; false
 * after an I/O error of the spool (reported to the error handler). */
bool bridge_page_deflate(void *page, struct bridge_deflater *d);

/* The header's version, "%PDF-1.<minor>" (libharu knows 1.2 to 1.7). */
bool bridge_set_version(void *pdf, int minor);
/* Takes key's entry out of dict; false when it has none. */
bool bridge_dict_remove(void *dict, const char *key);
/* An indirect object's number ("N 0 R"), 0 for a direct one. */
unsigned bridge_object_number(const void *obj);
/* The document information dictionary, made when there is none. */
void *bridge_info(void *pdf);
/* The document catalog, to add entries to. */
void *bridge_catalog(void *pdf);
/* The trailer's /ID: both elements the same 16 bytes (a new document). */
bool bridge_trailer_set_id(void *pdf, const uint8_t id[16]);
/* Saves the document, handing its bytes to write(ctx, bytes, n) piece by
 * piece as libharu makes them; write returns false to stop, and the save
 * then fails (HPDF_FILE_IO_ERROR to the error handler). With a deflater,
 * as PDF 1.5: the dictionaries in deflated object streams, the
 * cross-reference table a deflated stream (not for PDF/A-1); else as
 * libharu saves, with its version and a cross-reference table. */
bool bridge_save(void *pdf, struct bridge_deflater *packed, bool (*write)(void *ctx, const void *bytes, size_t n),
		 void *ctx);

#endif
