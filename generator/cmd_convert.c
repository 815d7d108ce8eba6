/* chuyende convert FILE [--from auto|tcvn3|vni|cp1258] -o NEW-FILE: turns
 * legacy 8-bit Vietnamese text (TCVN3, VNI, Windows-1258; raw bytes or
 * mojibake) into NFC Unicode, line by line: lines already in Unicode stay
 * as they are, so a file half retyped converts cleanly. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "legacy.h"
#include "os.h"
#include "output.h"
#include "source.h"
#include "text.h"
#include "util.h"

#define CONVERT_MAX_BYTES (64u << 20)

/* True (after reporting) when output is the input file by any name: the
 * same file (device and inode; volume and file index on Windows), through
 * a symlink or a hard link. */
static bool output_is_input(const char *path, const char *output, struct diags *d)
{
	struct file_id in, out;
	if (strcmp(path, "-") == 0 || strcmp(output, "-") == 0 || !file_id_of(path, &in) ||
	    !file_id_of(output, &out))
		return false;
	bool same = in.dev == out.dev && in.ino == out.ino;
	if (same)
		diag(d, DIAG_OUTPUT_IS_INPUT, output, (struct pos){0, 0}, NULL);
	return same;
}

struct conversion {
	size_t lines, converted;
};

/* Appends the line s[0..n) converted from e when it wants to be, else as
 * it is. */
static void convert_line(enum legacy e, const char *s, size_t n, struct buf *out, struct conversion *c)
{
	size_t len;
	char *text = legacy_line_wants(e, s, n) ? legacy_decode(e, s, n, &len) : NULL;
	if (text) {
		buf_add(out, text, len);
		c->converted++;
		free(text);
	} else {
		buf_add(out, s, n);
	}
	c->lines++;
}

/* Converts every line of src; line ends (LF, CR LF, CR) are kept. */
static void convert_lines(enum legacy e, const struct source *src, struct buf *out, struct conversion *c)
{
	for (size_t at = 0; at < src->len;) {
		size_t end = at;
		while (end < src->len && src->bytes[end] != '\n' && src->bytes[end] != '\r')
			end++;
		convert_line(e, src->bytes + at, end - at, out, c);
		size_t next = end;
		if (next < src->len)
			next += src->bytes[next] == '\r' && next + 1 < src->len && src->bytes[next + 1] == '\n' ? 2 : 1;
		buf_add(out, src->bytes + end, next - end);
		at = next;
	}
}

static bool write_output(const char *output, const struct buf *out, struct diags *d)
{
	return output_file(output, out->data ? out->data : "", out->len, d);
}

/* Converts path from e (LEGACY_NONE: the encoding found in it) into output. */
static void convert_file(const char *path, const char *output, enum legacy from, struct diags *d)
{
	struct source src;
	if (output_is_input(path, output, d) || !source_read(&src, path, CONVERT_MAX_BYTES, d))
		return;
	bool given = from != LEGACY_NONE;
	enum legacy e = given ? from : legacy_guess(src.bytes, src.len);
	size_t bad = utf8_invalid_at(src.bytes, src.len);
	struct buf out = {0};
	struct conversion c = {0, 0};
	if (e == LEGACY_NONE && bad < src.len) {
		/* each advice a command that runs as it stands on this file */
		char *tcvn3 = legacy_advice(LEGACY_TCVN3, path), *vni = legacy_advice(LEGACY_VNI, path);
		char *cp1258 = legacy_advice(LEGACY_CP1258, path);
		diag(d, DIAG_LEGACY_UNKNOWN, path, source_pos(&src, bad), tcvn3, vni, cp1258, NULL);
		free(tcvn3);
		free(vni);
		free(cp1258);
	} else if (e == LEGACY_NONE) {
		buf_add(&out, src.bytes, src.len);
		if (write_output(output, &out, d)) {
			fprintf(stderr, "%s: ", path);
			print_bi(stderr, d->lang, "không thấy văn bản mã cũ; tệp được chép nguyên",
				 "no legacy text found; copied as it is");
		}
	} else {
		convert_lines(e, &src, &out, &c);
		if (write_output(output, &out, d)) {
			struct buf vi = {0}, en = {0};
			buf_printf(&vi, "%s bảng mã %s; đã chuyển %zu/%zu dòng sang Unicode", given ? "đọc theo" : "nhận ra",
				   legacy_label(e), c.converted, c.lines);
			buf_printf(&en, "%s %s; %zu of %zu lines converted to Unicode", given ? "read as" : "found",
				   legacy_label(e), c.converted, c.lines);
			fprintf(stderr, "%s: ", path);
			print_bi(stderr, d->lang, vi.data, en.data);
			buf_free(&vi);
			buf_free(&en);
		}
	}
	buf_free(&out);
	source_free(&src);
}

int cmd_convert(const struct options *o)
{
	if (o->n_args != 1 || !o->output)
		return usage_error(o, "cách dùng: chuyende convert TỆP [--from auto|tcvn3|vni|cp1258] -o TỆP-MỚI",
				   "usage: chuyende convert FILE [--from auto|tcvn3|vni|cp1258] -o NEW-FILE");
	enum legacy from = LEGACY_NONE;
	if (o->from && strcmp(o->from, "auto") != 0 && !legacy_parse(o->from, &from))
		return usage_error(o, "--from chỉ nhận: auto (mặc định), tcvn3, vni, cp1258",
				   "--from takes: auto (the default), tcvn3, vni, cp1258");
	struct diags d;
	diags_for(&d, stderr, o);
	convert_file(o->args[0], o->output, from, &d);
	int status = diags_exit_status(&d);
	diags_finish(&d);
	return status;
}
