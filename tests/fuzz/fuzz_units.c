/* libFuzzer: units-register bytes → parse and decode. */
#include "fuzz.h"
#include "session.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct source src;
	if (!fuzz_source(&src, "units.yaml", data, size, LIMIT_YAML_BYTES))
		return -1;
	struct diags d;
	diags_init(&d, fuzz_devnull, size % 2);  /* JSON for odd sizes */
	struct session s;
	session_init(&s, &d);
	struct arena arena = {0};
	struct units u;
	session_parse_units(&s, &src, &u, &arena);
	arena_free(&arena);
	session_free(&s);
	diags_flush(&d);
	diags_finish(&d);
	source_free(&src);
	return 0;
}
