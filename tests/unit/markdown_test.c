/* A long draft in parts (markdown.h): the parts cover the draft, begin on
 * the lines they say, and parse to the same blocks as the whole. */
#include "markdown.h"

#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "util.h"

/* Some of every kind of block a draft has, under its own heading, until
 * the text has at least min bytes. */
static char *long_draft(size_t min)
{
	struct buf b = {0};
	for (int i = 1; b.len < min; i++) {
		buf_printf(&b, "# Phần %d. Nhận thức chung\n\n", i);
		buf_printf(&b, "Đoạn %d: \"trích dẫn\" -- *nghiêng*, **đậm**, `mã`,\nmột dòng tiếp theo.  \nNgắt dòng cứng.\n\n", i);
		buf_adds(&b, "## Mục 1\n\n- Ý thứ nhất\n- Ý thứ hai\n\n  còn tiếp của ý hai\n\n  1. lồng một\n  2. lồng hai\n\n");
		buf_adds(&b, "> Trích lời Bác:\n> Cán bộ là cái gốc của mọi công việc.\nDòng lười tiếp theo.\n\n");
		buf_adds(&b, "Tiêu đề kiểu setext\n---\n\n    mã thụt lề\n\n    còn mã\n\n***\n\n");
		buf_adds(&b, "#không phải tiêu đề\n\nĐoạn cuối\n# Tiêu đề ngay sau đoạn, không có dòng trống\n\n");
		buf_adds(&b, "- mục danh sách\n\n#### Tiêu đề cấp bốn sau danh sách\n\n####### bảy dấu thăng\n\n");
	}
	return b.data;
}

static char *html_of(const char *text, size_t len)
{
	/* cmark's own allocator, whose strings free() takes (md_parse's
	 * blocks carry a header) */
	cmark_node *doc = cmark_parse_document(text, len, CMARK_OPT_SMART);
	if (!doc)
		return NULL;
	char *html = cmark_render_html(doc, CMARK_OPT_SMART);
	cmark_node_free(doc);
	return html;
}

static size_t lines_before(const char *text, size_t at)
{
	size_t n = 0;
	for (size_t i = 0; i < at; i++)
		n += text[i] == '\n';
	return n;
}

static void check_long(void)
{
	char *text = long_draft(5 * MD_PART_BYTES);
	size_t len = strlen(text);
	struct md_parts p;
	md_parts_start(&p, text, len);
	const char *part;
	size_t n, at = 0, count = 0;
	int line;
	struct buf joined = {0};
	bool contiguous = true, lines_ok = true, starts_ok = true;
	while (md_parts_next(&p, &part, &n, &line)) {
		contiguous &= part == text + at;
		lines_ok &= (size_t)line == 1 + lines_before(text, at);
		/* after the first: at an ATX heading, after a blank line, past the size */
		if (count)
			starts_ok &= part[0] == '#' && at >= 2 && text[at - 1] == '\n' && text[at - 2] == '\n';
		starts_ok &= n >= MD_PART_BYTES || at + n == len;
		char *html = html_of(part, n);
		CHECK(html != NULL);
		if (html)
			buf_adds(&joined, html);
		free(html);
		at += n;
		count++;
	}
	CHECK(count >= 4);
	CHECK(at == len);
	CHECK(contiguous);
	CHECK(lines_ok);
	CHECK(starts_ok);
	char *whole = html_of(text, len);
	CHECK(whole && joined.data && strcmp(whole, joined.data) == 0);
	free(whole);
	buf_free(&joined);
	free(text);
}

static size_t count_parts(const char *text, size_t len)
{
	struct md_parts p;
	md_parts_start(&p, text, len);
	const char *part;
	size_t n, count = 0;
	int line;
	while (md_parts_next(&p, &part, &n, &line))
		count++;
	return count;
}

/* What may join blocks across a heading keeps the draft whole: a fence the
 * heading may sit in, HTML, a link definition, a lone carriage return. */
static void check_whole(void)
{
	static const char *const markers[] = {"```", "~~~", "<div>", "[a]: /url", "a\rb"};
	char *text = long_draft(3 * MD_PART_BYTES);
	size_t len = strlen(text);
	CHECK(count_parts(text, len) > 1);
	for (size_t k = 0; k < sizeof markers / sizeof markers[0]; k++) {
		struct buf b = {0};
		buf_add(&b, text, len / 2);
		buf_printf(&b, "\n%s\n", markers[k]);
		buf_adds(&b, text + len / 2);
		CHECK(count_parts(b.data, b.len) == 1);
		buf_free(&b);
	}
	/* a line ending CR LF is not a lone carriage return */
	struct buf crlf = {0};
	for (const char *s = text; *s; s++) {
		if (*s == '\n')
			buf_addc(&crlf, '\r');
		buf_addc(&crlf, *s);
	}
	CHECK(count_parts(crlf.data, crlf.len) > 1);
	buf_free(&crlf);
	CHECK(count_parts(text, MD_PART_BYTES) == 1);  /* short: one part */
	CHECK(count_parts("", 0) == 1);                 /* empty: one empty part */
	free(text);
}

/* Whether two trees have the same nodes, texts and lines, in order. */
static bool same_tree(cmark_node *a, cmark_node *b)
{
	cmark_iter *x = cmark_iter_new(a), *y = cmark_iter_new(b);
	bool same = true;
	cmark_event_type ex, ey;
	do {
		ex = cmark_iter_next(x);
		ey = cmark_iter_next(y);
		cmark_node *m = cmark_iter_get_node(x), *n = cmark_iter_get_node(y);
		const char *lm = m ? cmark_node_get_literal(m) : NULL, *ln = n ? cmark_node_get_literal(n) : NULL;
		same = ex == ey && (!m) == (!n) &&
		       (!m || (cmark_node_get_type(m) == cmark_node_get_type(n) &&
			       cmark_node_get_start_line(m) == cmark_node_get_start_line(n) && (!lm) == (!ln) &&
			       (!lm || strcmp(lm, ln) == 0)));
	} while (same && ex != CMARK_EVENT_DONE);
	cmark_iter_free(x);
	cmark_iter_free(y);
	return same;
}

/* md_parse's blocks (small ones from its pool, larger ones glibc's, texts
 * that grow from one to the other): trees the same as cmark's own
 * allocator makes, one freed while another lives on and after a parse
 * given up past its budget, and again once every block was freed. */
static void check_pool(void)
{
	struct buf b = {0};
	char *draft = long_draft(100000);
	buf_adds(&b, draft);
	free(draft);
	buf_adds(&b, "\n\nMột đoạn rất dài");
	for (int i = 0; i < 300; i++)
		buf_adds(&b, " và tiếp tục");  /* a text past the pool's sizes */
	buf_adds(&b, ".\n\n`");
	for (int i = 0; i < 100; i++)
		buf_adds(&b, "x");
	buf_adds(&b, "`\n");
	cmark_node *want = cmark_parse_document(b.data, b.len, CMARK_OPT_SMART);
	cmark_node *first = md_parse(b.data, b.len, CMARK_OPT_SMART, LIMIT_MARKDOWN_MEMORY);
	CHECK(want && first && same_tree(first, want));
	cmark_node *second = md_parse(b.data, b.len, CMARK_OPT_SMART, LIMIT_MARKDOWN_MEMORY);
	CHECK(md_parse(b.data, b.len, CMARK_OPT_SMART, 4096) == NULL);  /* past its budget */
	md_free(first);
	CHECK(second && same_tree(second, want));
	md_free(second);
	cmark_node *again = md_parse(b.data, b.len, CMARK_OPT_SMART, LIMIT_MARKDOWN_MEMORY);
	CHECK(again && same_tree(again, want));
	md_free(again);
	cmark_node_free(want);
	buf_free(&b);
}

int main(void)
{
	check_long();
	check_whole();
	check_pool();
	return unit_done("markdown");
}
