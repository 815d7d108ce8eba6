/* libFuzzer: draft bytes → parse (front matter and Markdown), build the
 * paper, lay it out and make the PDF in memory. */
#include "fuzz.h"
#include "render.h"
#include "session.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct source src;
	if (!fuzz_source(&src, "draft.md", data, size, LIMIT_DRAFT_BYTES))
		return -1;
	struct diags d;
	diags_init(&d, fuzz_devnull, false);
	struct session s;
	session_init(&s, &d);
	/* as `chuyende paper DRAFT.md` does with a lone draft */
	struct loaded_plan lp = {0};
	lp.plan.path = src.path;
	lp.plan.meeting.topic_group = -1;
	lp.has_draft = draft_parse(&lp.draft, &src, &lp.arena, &d);
	if (lp.has_draft) {
		if (!lp.draft.title.s)
			lp.draft.title.s = "Chuyên đề";
		lp.tpl = session_template(&s, TEMPLATE_DEFAULT, src.path, (struct pos){0, 0});
		struct buf pdf = {0};
		struct render_target to = {.pdf = &pdf};
		if (lp.tpl && render_plan(TDOC_PAPER, &lp, &to, &d) == EXIT_OK &&
		    (pdf.len < 8 || memcmp(pdf.data, "%PDF-", 5) != 0))
			abort();  /* success must mean a PDF */
		buf_free(&pdf);
	}
	loaded_plan_free(&lp);
	session_free(&s);
	diags_finish(&d);
	source_free(&src);
	return 0;
}
