/* md_prescan (markdown.h): lines cut at LF, CR or CR LF alike. */
#include "markdown.h"

#include <stdlib.h>

#include "source.h"
#include "unit.h"
#include "util.h"

/* A paragraph of too many brackets after two short lines and a blank
 * one, written with line ends end: it is reported at its first line. */
static struct md_scan brackets_after(const char *end)
{
	struct buf b = {0};
	buf_printf(&b, "# T%s[a] b%s%s", end, end, end);
	for (int i = 0; i < LIMIT_MARKDOWN_BRACKETS / 2 + 1; i++)
		buf_printf(&b, "[x][y] %s", i % 50 == 49 ? end : "");
	struct md_scan r = md_prescan(b.data, b.len, LIMIT_MARKDOWN_DEPTH);
	buf_free(&b);
	return r;
}

int main(void)
{
	static const char *const ends[] = {"\n", "\r", "\r\n"};
	for (size_t e = 0; e < sizeof ends / sizeof *ends; e++) {
		struct md_scan r = brackets_after(ends[e]);
		CHECK(r.problem == MD_SCAN_TOO_MANY_BRACKETS);
		CHECK(r.line == 4);
		CHECK(r.brackets == 2 * (LIMIT_MARKDOWN_BRACKETS / 2 + 1));
	}
	/* a blank line ends the count; a link definition is no bracket */
	const char *ok = "[a]: http://x\n\n[b] [c]\r\n\r[d]";
	struct md_scan r = md_prescan(ok, strlen(ok), LIMIT_MARKDOWN_DEPTH);
	CHECK(r.problem == MD_SCAN_OK);
	CHECK(md_prescan("", 0, LIMIT_MARKDOWN_DEPTH).problem == MD_SCAN_OK);
	/* quotes nested past the limit, on the third line of each kind */
	for (size_t e = 0; e < sizeof ends / sizeof *ends; e++) {
		struct buf b = {0};
		buf_printf(&b, "a%sb%s", ends[e], ends[e]);
		for (int i = 0; i <= LIMIT_MARKDOWN_DEPTH; i++)
			buf_adds(&b, "> ");
		buf_adds(&b, "deep");
		struct md_scan d = md_prescan(b.data, b.len, LIMIT_MARKDOWN_DEPTH);
		CHECK(d.problem == MD_SCAN_TOO_DEEP && d.line == 3);
		buf_free(&b);
	}
	return unit_done("prescan");
}
