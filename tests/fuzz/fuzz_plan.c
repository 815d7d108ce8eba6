/* libFuzzer: plan bytes → parse, decode and check (with the draft it names,
 * when that is the fixture beside it). */
#include "fuzz.h"
#include "session.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct source src;
	if (!fuzz_source(&src, "plan.yaml", data, size, LIMIT_YAML_BYTES))
		return -1;
	struct diags d;
	diags_init(&d, fuzz_devnull, size % 2);  /* JSON for odd sizes */
	struct session s;
	session_init(&s, &d);
	struct loaded_plan lp;
	session_parse_plan(&s, &src, &lp);
	loaded_plan_free(&lp);
	session_free(&s);
	diags_flush(&d);
	diags_finish(&d);
	source_free(&src);
	return 0;
}
