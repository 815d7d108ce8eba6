/* chuyende convert FILE -o OUT: turns legacy TCVN3 (ABC) text into NFC
 * Unicode, line by line: lines already in Unicode are kept as they are,
 * so a file half retyped converts cleanly. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "diag.h"
#include "output.h"
#include "text.h"
#include "util.h"

/* Converts one line into out; returns false when it is VNI. */
static bool convert_line(const char *s, size_t n, bool force, struct buf *out, bool *changed)
{
	enum legacy guess = legacy_guess(s, n);
	if (guess == LEGACY_VNI && !force)
		return false;
	char *converted = NULL;
	size_t len = 0;
	if (guess != LEGACY_NONE || force)
		converted = legacy_tcvn3_to_utf8(s, n, &len);
	if (converted) {
		buf_add(out, converted, len);
		*changed |= len != n || memcmp(converted, s, n) != 0;
		free(converted);
	} else {
		buf_add(out, s, n);
	}
	return true;
}

int cmd_convert(const struct options *o)
{
	if (o->n_args != 1 || !o->output)
		return usage_error("cách dùng: chuyende convert TỆP -o TỆP-MỚI", "usage: chuyende convert FILE -o NEW-FILE");
	bool force = false;
	if (o->from) {
		if (strcmp(o->from, "tcvn3") != 0)
			return usage_error("--from chỉ nhận tcvn3 (VNI: dùng Unikey)", "--from takes only tcvn3 (VNI: use Unikey)");
		force = true;
	}
	const char *path = o->args[0];
	char *bytes;
	size_t len;
	if (read_file(path, 64u << 20, &bytes, &len) != READ_OK) {
		fprintf(stderr, "%s: error: [READ_FAILED] %s\n", path, strerror(errno));
		return EXIT_SYSTEM;
	}
	struct buf out = {0};
	bool changed = false, vni = false;
	int line = 1;
	for (size_t at = 0; at < len;) {
		const char *nl = memchr(bytes + at, '\n', len - at);
		size_t n = nl ? (size_t)(nl - (bytes + at)) : len - at;
		if (!convert_line(bytes + at, n, force, &out, &changed) && !vni) {
			fprintf(stderr, "%s:%d: error: [LEGACY_VNI] bảng mã VNI chưa được hỗ trợ; hãy dùng Unikey — VNI is not supported; use Unikey\n", path, line);
			vni = true;
		}
		if (nl)
			buf_addc(&out, '\n');
		at += n + (nl != NULL);
		line++;
	}
	int status = EXIT_OK;
	if (vni) {
		status = EXIT_INPUT;
	} else {
		struct diags d;
		diags_init(&d, stderr, false);
		output_file(o->output, out.data ? out.data : "", out.len, &d);
		status = diags_exit_status(&d);
		diags_finish(&d);
	}
	if (status == EXIT_OK && !changed) {
		fprintf(stderr, "%s: không thấy văn bản mã cũ; tệp được chép nguyên — no legacy text found; copied as it is\n", path);
	}
	buf_free(&out);
	free(bytes);
	return status;
}
