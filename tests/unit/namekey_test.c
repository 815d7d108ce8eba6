/* text_name_key (text.h): the keys a report matches units by, folded a
 * character at a time where it can be, are the keys utf8proc_map makes. */
#include "text.h"

#include <stdlib.h>
#include <utf8proc.h>

#include "unit.h"
#include "util.h"

/* The key by utf8proc_map over the whole text (no white space in it). */
static char *reference(const char *s, bool bare)
{
	utf8proc_option_t opt = UTF8PROC_STABLE | UTF8PROC_CASEFOLD |
				(bare ? UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK : UTF8PROC_COMPOSE);
	utf8proc_uint8_t *mapped = NULL;
	if (utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)strlen(s), &mapped, opt) < 0)
		return NULL;
	struct buf b = {0};
	for (const char *p = (const char *)mapped; *p; p++) {
		if (bare && (unsigned char)p[0] == 0xC4 && (unsigned char)p[1] == 0x91) {  /* đ */
			buf_addc(&b, 'd');
			p++;
		} else {
			buf_addc(&b, *p);
		}
	}
	free(mapped);
	return b.data ? b.data : xstrdup("");
}

/* Every code point up to U+2FFF that is not white space, a control or a
 * surrogate, between two letters and after a Vietnamese capital, in both
 * kinds of key: the same key as the reference, or the one that differs. */
static void check_every_code_point(void)
{
	int wrong = 0, tried = 0;
	for (uint32_t cp = 0x21; cp < 0x3000 && wrong < 5; cp++) {
		if ((cp >= 0x7F && cp < 0xA0) || (cp >= 0xD800 && cp < 0xE000) ||
		    utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_ZS)
			continue;
		char enc[4], s[32];
		size_t n = utf8_encode(cp, enc);
		snprintf(s, sizeof s, "A%.*s\xE1\xBB\x86%.*sz", (int)n, enc, (int)n, enc);  /* A·Ệ·z */
		for (int bare = 0; bare < 2; bare++) {
			char *got = text_name_key(s, bare), *want = reference(s, bare);
			tried++;
			if (!want || strcmp(got, want) != 0) {
				wrong++;
				fprintf(stderr, "U+%04X bare=%d: got \"%s\", want \"%s\"\n", (unsigned)cp, bare, got,
					want ? want : "(null)");
			}
			free(got);
			free(want);
		}
	}
	CHECK(tried > 20000);
	CHECK(wrong == 0);
}

static void check_names(void)
{
	char *k = text_name_key("  CHI BỘ   Cơ quan\tLIÊN ĐOÀN ", false);
	CHECK_STR(k, "chi bộ cơ quan liên đoàn");
	free(k);
	k = text_name_key("CHI BỘ CƠ QUAN LIÊN ĐOÀN", true);
	CHECK_STR(k, "chi bo co quan lien doan");
	free(k);
	k = text_name_key("Stra\xC3\x9F" "e", false);  /* ß folds to two letters: the whole text is mapped */
	CHECK_STR(k, "strasse");
	free(k);
	k = text_name_key("chi bo\xCC\xA3\xCC\x82", false);  /* NFD marks: composed */
	CHECK_STR(k, "chi bộ");
	free(k);
	k = text_name_key("\xE3\x80\x80" "A\xE2\x80\x83" "B ", false);  /* ideographic and em spaces */
	CHECK_STR(k, "a b");
	free(k);
}

int main(void)
{
	check_every_code_point();
	check_names();
	return unit_done("namekey");
}
