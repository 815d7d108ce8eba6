/* Small shared tools (util.h): the arena, the name index, the file set,
 * the front-coded list. */
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

static const char *nth_name(const void *ctx, size_t i)
{
	const char *const *names = ctx;
	return names[i];
}

static void check_arena(void)
{
	struct arena a = {0};
	char *s = arena_strdup(&a, "abc");
	void *p = arena_alloc(&a, 24);
	CHECK_STR(s, "abc");
	CHECK(((uintptr_t)p % _Alignof(max_align_t)) == 0);  /* objects stay aligned after text */
	char *t = arena_strndup(&a, "xyz!", 3);
	CHECK_STR(t, "xyz");
	CHECK(t >= s + 4 || t + 4 <= s);  /* text is packed, never overlapping */
	char *big = arena_alloc(&a, 200000);  /* larger than a block */
	CHECK(big != NULL);
	CHECK(((uintptr_t)big % _Alignof(max_align_t)) == 0);
	arena_free(&a);
}

/* buf_printf formats into the room the buffer has, and grows it when
 * that is short; arena_printf beyond its stack buffer. */
static void check_printf(void)
{
	struct buf b = {0};
	buf_printf(&b, "%d-%s", 12, "ab");
	CHECK_STR(b.data, "12-ab");
	buf_grow(&b, 64);
	size_t cap = b.cap;
	buf_printf(&b, "/%05d", 42);
	CHECK_STR(b.data, "12-ab/00042");
	CHECK(b.len == 11 && b.cap == cap);  /* it fitted: no growing */
	char long_word[300];
	memset(long_word, 'x', sizeof long_word - 1);
	long_word[sizeof long_word - 1] = '\0';
	buf_printf(&b, "[%s]", long_word);  /* longer than the room left */
	CHECK(b.len == 11 + 301 && b.data[b.len] == '\0' && b.data[11] == '[' && b.data[b.len - 1] == ']');
	CHECK(b.data[12] == 'x' && b.data[b.len - 2] == 'x');
	buf_free(&b);
	char *j = path_join("plans/cell-1", "ke-hoach.yaml");
	CHECK_STR(j, "plans/cell-1/ke-hoach.yaml");
	free(j);
	j = path_join(".", "x.yaml");
	CHECK_STR(j, "x.yaml");
	free(j);
	j = path_join("d", "/abs/x.yaml");
	CHECK_STR(j, "/abs/x.yaml");
	free(j);
	struct arena a = {0};
	CHECK_STR(arena_printf(&a, "%zu.%s", (size_t)7, "q"), "7.q");
	char *p = arena_printf(&a, "<%s>", long_word);
	CHECK(strlen(p) == 301 && p[0] == '<' && p[300] == '>' && p[150] == 'x');
	arena_free(&a);
}

static void check_name_index(void)
{
	enum { N = 5000 };
	char **names = xmalloc(N * sizeof *names);
	struct name_index x = {0};
	int bad = 0;
	for (size_t i = 0; i < N; i++) {
		char b[32];
		snprintf(b, sizeof b, "cell %zu", i);
		names[i] = xstrndup(b, strlen(b));
		bad += name_index_put(&x, names[i], i, nth_name, names) != NAME_NEW;
	}
	CHECK(bad == 0);
	CHECK(x.n == N && 4 * x.n <= 3 * x.cap);
	CHECK(name_index_put(&x, "cell 42", 99999, nth_name, names) == 42);  /* there already */
	CHECK(name_index_get(&x, "cell 4999", nth_name, names) == 4999);
	CHECK(name_index_get(&x, "cell 5000", nth_name, names) == NAME_NEW);
	name_index_free(&x);
	for (size_t i = 0; i < N; i++)
		free(names[i]);
	free(names);
}

static void check_front_list(void)
{
	struct front_list l = {0};
	enum { N = 300 };
	char want[N][64];
	for (int i = 0; i < N; i++) {
		/* paths of a walk, a long one past 255 shared bytes, an empty one */
		if (i == 150)
			snprintf(want[i], sizeof want[i], "%s", "");
		else
			snprintf(want[i], sizeof want[i], "/srv/plans/%s/cell-%05d/ke-hoach.yaml", i < 200 ? "2023" : "2024", i);
		CHECK(front_list_add(&l, want[i]) == (size_t)i);
	}
	/* front coding stores much less than the strings themselves (40 bytes) */
	CHECK(l.bytes.len < (size_t)N * 20);
	char longer[600];
	memset(longer, 'a', sizeof longer - 1);
	longer[sizeof longer - 1] = '\0';
	front_list_add(&l, longer);
	longer[598] = 'b';
	front_list_add(&l, longer);
	struct buf got = {0};
	int bad = 0;
	for (int i = N - 1; i >= 0; i--) {
		front_list_get(&l, (size_t)i, &got);
		bad += strcmp(got.data, want[i]) != 0;
	}
	CHECK(bad == 0);
	front_list_get(&l, N + 1, &got);
	CHECK(got.len == 599 && got.data[598] == 'b' && got.data[597] == 'a');
	front_list_get(&l, N, &got);
	CHECK(got.len == 599 && got.data[598] == 'a');
	buf_free(&got);
	front_list_free(&l);
}

static void check_id_set(void)
{
	struct id_set s = {0};
	int bad = 0;
	for (uint64_t i = 1; i <= 1000; i++)
		bad += id_set_put(&s, (struct file_id){7, i}, (size_t)i * 2) != SIZE_MAX;
	CHECK(bad == 0);
	CHECK(id_set_put(&s, (struct file_id){7, 500}, 1) == 1000);  /* the first value stays */
	id_set_update(&s, (struct file_id){7, 500}, 3);
	CHECK(id_set_put(&s, (struct file_id){7, 500}, 1) == 3);
	CHECK(id_set_has(&s, (struct file_id){7, 1}) && !id_set_has(&s, (struct file_id){8, 1}));
	id_set_update(&s, (struct file_id){8, 1}, 3);  /* not there: nothing */
	CHECK(!id_set_has(&s, (struct file_id){8, 1}));
	id_set_free(&s);
}

static void check_cp_table(void)
{
	struct cp_table t = {0};
	CHECK(cp_table_get(&t, 'a') == 0);
	/* the ends of a block, either side of one, and the last code point */
	const uint32_t cps[] = {0, 0xFF, 0x100, 0x1EA0, 0x1EF9, 0x1EFF, 0x1F00, CP_TABLE_END - 1};
	for (size_t i = 0; i < sizeof cps / sizeof cps[0]; i++)
		cp_table_set(&t, cps[i], (uint16_t)(i + 1));
	int bad = 0;
	for (size_t i = 0; i < sizeof cps / sizeof cps[0]; i++)
		bad += cp_table_get(&t, cps[i]) != i + 1;
	CHECK(bad == 0);
	CHECK(cp_table_get(&t, 0xFE) == 0 && cp_table_get(&t, 0x101) == 0 && cp_table_get(&t, 0x1EFA) == 0);
	CHECK(cp_table_get(&t, CP_TABLE_END) == 0 && cp_table_get(&t, 0x10FFFF) == 0);
	/* only the blocks set are made: blocks 0x00, 0x01, 0x1E, 0x1F and 0x21 */
	size_t made = 0;
	for (size_t i = 0; i < sizeof t.block / sizeof t.block[0]; i++)
		made += t.block[i] != NULL;
	CHECK(made == 5);
	cp_table_set(&t, 0x1EA0, 0xFFFF);
	CHECK(cp_table_get(&t, 0x1EA0) == 0xFFFF);
	cp_table_free(&t);
	CHECK(t.block[0] == NULL && cp_table_get(&t, 0) == 0);
}

int main(void)
{
	check_arena();
	check_printf();
	check_name_index();
	check_front_list();
	check_id_set();
	check_cp_table();
	return unit_done("util");
}
