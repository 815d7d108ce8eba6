/* Layout engine tests with a fake font: every code point is half an em
 * wide, ascent 0.8 em, descent 0.2 em. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "layout.h"
#include "text.h"
#include "unit.h"

static double fake_width(void *ctx, enum font_face face, double size, const char *s, size_t n)
{
	(void)ctx;
	(void)face;
	return 0.5 * size * (double)utf8_length(s, n);
}

static double fake_ascent(void *ctx, enum font_face face, double size)
{
	(void)ctx;
	(void)face;
	return 0.8 * size;
}

static double fake_descent(void *ctx, enum font_face face, double size)
{
	(void)ctx;
	(void)face;
	return 0.2 * size;
}

static const struct font_metrics fm = {NULL, fake_width, fake_ascent, fake_descent, NULL, NULL};

/* 200 × 300 pt, margins 20: a frame 160 wide and 260 tall. At size 10 a
 * line holds 32 characters and is 12 high: 21 lines a page. */
static struct page_setup small_page(void)
{
	return (struct page_setup){200, 300, 20, 20, 20, 20, 0, 10, NULL, 0, 0};
}

static struct run run(enum font_face face, double size, const char *text)
{
	return (struct run){face, size, text, false};
}

static struct box para(struct run *runs, size_t n, enum align align)
{
	struct box b = {.kind = BOX_PARA, .runs = runs, .n_runs = n};
	b.style.align = align;
	return b;
}

/* The text of a line, items joined by a space when apart. */
static char *line_text(const struct placed_line *pl)
{
	struct buf b = {0};
	for (size_t k = 0; k < pl->n_items; k++) {
		const struct placed_text *t = &pl->items[k];
		if (k && t->x - (pl->items[k - 1].x + pl->items[k - 1].width) > 0.01)
			buf_addc(&b, ' ');
		buf_adds(&b, t->text);
	}
	buf_add(&b, "", 0);
	return b.data;
}

static double line_end(const struct placed_line *pl)
{
	const struct placed_text *t = &pl->items[pl->n_items - 1];
	return t->x + t->width;
}

static void test_party_line(void)
{
	struct page_setup s = small_page();
	struct run r = run(FACE_BOLD, 10, "ĐẢNG CỘNG SẢN VIỆT NAM");
	struct box b = para(&r, 1, ALIGN_CENTER);
	b.style.rule_under = true;
	struct layout l;
	layout_run(&l, &s, &b, 1, &fm);
	CHECK(l.n_pages == 1);
	CHECK(l.n_lines == 1);
	CHECK(l.lines[0].n_items == 1);
	CHECK_STR(l.lines[0].items[0].text, "ĐẢNG CỘNG SẢN VIỆT NAM");
	CHECK_NEAR(l.lines[0].width, 110, 1e-9);
	CHECK_NEAR(l.lines[0].x, 20 + (160 - 110) / 2.0, 1e-9);
	/* line height 12, ascent 8, descent 2: baseline 9 below the top */
	CHECK_NEAR(l.lines[0].y, 280 - 9, 1e-9);
	CHECK(l.n_rules == 1);
	CHECK_NEAR(l.rules[0].x1, l.lines[0].x, 1e-9);
	CHECK_NEAR(l.rules[0].x2, l.lines[0].x + 110, 1e-9);
	CHECK(l.rules[0].y1 < l.lines[0].y - 2 - 1 && l.rules[0].y1 > l.lines[0].y - 2 - 2.5);
	CHECK(l.rules[0].y1 == l.rules[0].y2 && !l.rules[0].dotted);
	layout_free(&l);
}

static const char *lorem =
	"Chi bộ tổ chức sinh hoạt chuyên đề mỗi quý ít nhất một lần, nhằm nâng cao chất "
	"lượng sinh hoạt và giáo dục đảng viên về tư tưởng, đạo đức, phong cách Hồ Chí "
	"Minh; đảng viên được phân công chuẩn bị đề dẫn trình bày trước chi bộ.";

static void test_justify(void)
{
	struct page_setup s = small_page();
	struct run r = run(FACE_REGULAR, 10, lorem);
	struct box b = para(&r, 1, ALIGN_JUSTIFY);
	b.style.first = 10;
	struct layout l;
	layout_run(&l, &s, &b, 1, &fm);
	CHECK(l.n_lines > 4);
	CHECK(l.overfull_lines == 0);
	CHECK(l.max_word_gap_ratio >= 0.8 && l.max_word_gap_ratio < 2.5);
	struct buf all = {0};
	for (size_t i = 0; i < l.n_lines; i++) {
		const struct placed_line *pl = &l.lines[i];
		CHECK_NEAR(pl->items[0].x, i == 0 ? 30 : 20, 1e-9);
		if (i + 1 < l.n_lines) {
			CHECK_NEAR(line_end(pl), 180, 1e-6);
			for (size_t k = 0; k < pl->n_items; k++)
				CHECK(strchr(pl->items[k].text, ' ') == NULL);
		} else {
			CHECK(line_end(pl) < 180);
			CHECK(pl->n_items == 1);  /* ragged: one item, spaces included */
		}
		CHECK_NEAR(pl->y, 280 - 9 - 12.0 * (double)i, 1e-9);
		char *t = line_text(pl);
		if (i)
			buf_addc(&all, ' ');
		buf_adds(&all, t);
		free(t);
	}
	CHECK_STR(all.data, lorem);
	buf_free(&all);
	layout_free(&l);
}

static bool valid_pieces(const struct layout *l, double width, struct buf *joined)
{
	bool ok = true;
	for (size_t i = 0; i < l->n_lines; i++) {
		const struct placed_line *pl = &l->lines[i];
		for (size_t k = 0; k < pl->n_items; k++) {
			const char *t = pl->items[k].text;
			ok &= utf8_invalid_at(t, strlen(t)) == strlen(t);
			buf_adds(joined, t);
		}
		ok &= pl->width <= width + 1e-6;
	}
	return ok;
}

static void test_long_word(void)
{
	struct page_setup s = small_page();
	struct buf word = {0};
	for (int i = 0; i < 30; i++)
		buf_adds(&word, "ỘỘĐ");  /* 90 code points, 3 bytes or 2 each */
	struct run r = run(FACE_REGULAR, 10, word.data);
	struct box b = para(&r, 1, ALIGN_JUSTIFY);
	struct layout l;
	layout_run(&l, &s, &b, 1, &fm);
	CHECK(l.n_lines == 3);  /* 32 + 32 + 26 */
	CHECK(l.overfull_lines == 0);
	struct buf joined = {0};
	CHECK(valid_pieces(&l, 160, &joined));
	CHECK_STR(joined.data, word.data);
	CHECK(l.n_lines && utf8_length(l.lines[0].items[0].text, strlen(l.lines[0].items[0].text)) == 32);
	buf_free(&joined);
	buf_free(&word);
	layout_free(&l);
}

/* With a first-line indent, a word that fits a full line is not cut; the
 * paragraph's first word is cut to the first line's measure. */
static void test_long_word_indent(void)
{
	struct page_setup s = small_page();
	struct run r = run(FACE_REGULAR, 10, "một aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa hai");  /* 30 a's */
	struct box b = para(&r, 1, ALIGN_LEFT);
	b.style.first = 20;  /* 28 characters on the first line, 32 after */
	struct layout l;
	layout_run(&l, &s, &b, 1, &fm);
	CHECK(l.n_lines == 3);
	CHECK(l.n_lines == 3 && strcmp(l.lines[1].items[0].text, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa") == 0);
	layout_free(&l);
	r.text = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";  /* 60 */
	layout_run(&l, &s, &b, 1, &fm);
	CHECK(l.n_lines == 2 && strlen(l.lines[0].items[0].text) == 28);
	CHECK(l.n_lines == 2 && strlen(l.lines[1].items[0].text) == 32);
	CHECK(l.overfull_lines == 0);
	layout_free(&l);
}

/* "**Đảng**," — a bold word and a regular comma stay together. */
static void test_mixed_runs(void)
{
	struct page_setup s = small_page();
	struct run r[] = {
		run(FACE_REGULAR, 10, "Sự lãnh đạo toàn diện của "),
		run(FACE_BOLD, 10, "Đảng"),
		run(FACE_REGULAR, 10, ", nhân dân và cả hệ thống chính trị cùng tham gia."),
	};
	/* "Sự lãnh đạo toàn diện của Đảng," is 31 characters: it just fits. */
	struct box b = para(r, 3, ALIGN_JUSTIFY);
	struct layout l;
	layout_run(&l, &s, &b, 1, &fm);
	CHECK(l.n_lines >= 2);
	bool found = false;
	for (size_t i = 0; i < l.n_lines; i++) {
		const struct placed_line *pl = &l.lines[i];
		CHECK(pl->items[0].text[0] != ',');
		for (size_t k = 0; k + 1 < pl->n_items; k++) {
			if (strcmp(pl->items[k].text, "Đảng") == 0) {
				found = true;
				CHECK(pl->items[k].face == FACE_BOLD);
				CHECK(pl->items[k + 1].text[0] == ',');
				CHECK(pl->items[k + 1].face == FACE_REGULAR);
				CHECK_NEAR(pl->items[k + 1].x, pl->items[k].x + pl->items[k].width, 1e-9);
			}
		}
	}
	CHECK(found);
	/* Now at a measure where the comma does not fit after the word. */
	s.margin_right = 20 + 5;  /* 31 characters a line */
	layout_free(&l);
	layout_run(&l, &s, &b, 1, &fm);
	for (size_t i = 0; i < l.n_lines; i++)
		CHECK(l.lines[i].items[0].text[0] != ',');
	layout_free(&l);
}

static void test_sizes_and_breaks(void)
{
	struct page_setup s = small_page();
	struct run r[] = {run(FACE_REGULAR, 10, "một\nhai "), run(FACE_BOLD, 20, "BA")};
	struct box b = para(r, 2, ALIGN_JUSTIFY);
	b.style.leading = 1.5;
	struct layout l;
	layout_run(&l, &s, &b, 1, &fm);
	CHECK(l.n_lines == 2);
	if (l.n_lines == 2) {
		CHECK_STR(l.lines[0].items[0].text, "một");
		CHECK_NEAR(l.lines[0].x, 20, 1e-9);  /* before a hard break: left */
		/* 15 high: baseline at 15 - 8 - 2 = 5 / 2 + 8 below the top */
		CHECK_NEAR(l.lines[0].y, 280 - 10.5, 1e-9);
		/* mixed sizes: 1.5 × 20 = 30 high, ascent 16, descent 4 */
		CHECK_NEAR(l.lines[1].y, 280 - 15 - 21, 1e-9);
		CHECK(l.lines[1].n_items == 2);
		CHECK_STR(l.lines[1].items[0].text, "hai");
		CHECK_STR(l.lines[1].items[1].text, "BA");
		CHECK(l.lines[1].items[1].size == 20);
	}
	layout_free(&l);
}

static void test_indents(void)
{
	struct page_setup s = small_page();
	struct run r = run(FACE_REGULAR, 10, lorem);
	struct box b = para(&r, 1, ALIGN_LEFT);
	b.style.left = 20;
	b.style.first = -10;  /* hanging */
	b.style.right = 10;
	struct layout l;
	layout_run(&l, &s, &b, 1, &fm);
	CHECK(l.n_lines > 3);
	for (size_t i = 0; i < l.n_lines; i++) {
		CHECK_NEAR(l.lines[i].x, i ? 40 : 30, 1e-9);
		CHECK(line_end(&l.lines[i]) <= 170 + 1e-9);
	}
	layout_free(&l);
	b.style.align = ALIGN_RIGHT;
	layout_run(&l, &s, &b, 1, &fm);
	for (size_t i = 0; i < l.n_lines; i++)
		CHECK_NEAR(line_end(&l.lines[i]), 170, 1e-9);
	layout_free(&l);
}

/* A list item: the label hangs at left + first, the text starts at left. */
static void test_label(void)
{
	struct page_setup s = small_page();
	struct run r = run(FACE_REGULAR, 10, lorem);
	struct box b = para(&r, 1, ALIGN_JUSTIFY);
	b.style.left = 30;
	b.style.first = -20;
	b.style.label = "1.";
	b.style.label_face = FACE_BOLD;
	struct layout l;
	layout_run(&l, &s, &b, 1, &fm);
	CHECK(l.n_lines > 2);
	CHECK(l.n_lines > 2 && l.lines[0].n_items > 1);
	if (l.n_lines > 2) {
		const struct placed_text *t = l.lines[0].items;
		CHECK_STR(t[0].text, "1.");
		CHECK(t[0].face == FACE_BOLD);
		CHECK_NEAR(t[0].x, 30, 1e-9);
		CHECK_NEAR(t[1].x, 50, 1e-9);
		CHECK_NEAR(line_end(&l.lines[0]), 180, 1e-6);
		CHECK_NEAR(l.lines[1].items[0].x, 50, 1e-9);
	}
	layout_free(&l);
	b.style.label = "iii.";  /* wider than the hang: a space after it */
	layout_run(&l, &s, &b, 1, &fm);
	CHECK(l.n_lines > 2 && l.lines[0].n_items > 1 && fabs(l.lines[0].items[1].x - 55) < 1e-9);
	layout_free(&l);
}

static void test_leaders(void)
{
	struct page_setup s = small_page();
	struct run r[] = {run(FACE_BOLD, 10, "Họ và tên:"), run(FACE_REGULAR, 10, "")};
	struct box b[2] = {para(&r[0], 1, ALIGN_LEFT), para(&r[1], 1, ALIGN_JUSTIFY)};
	b[0].style.leader = ".";
	b[1].style.leader = ".";
	b[1].style.first = 10;
	struct layout l;
	layout_run(&l, &s, b, 2, &fm);
	CHECK(l.n_lines == 2);
	if (l.n_lines == 2) {
		const struct placed_line *a = &l.lines[0], *e = &l.lines[1];
		CHECK(a->n_items == 2);
		CHECK_STR(a->items[0].text, "Họ và tên:");
		CHECK(a->items[1].face == FACE_REGULAR);
		CHECK(strspn(a->items[1].text, ".") == strlen(a->items[1].text));
		CHECK_NEAR(line_end(a), 180, 1e-9);
		CHECK(a->items[1].x >= 20 + 50 + 5 - 1e-9);
		CHECK(e->n_items == 1);
		CHECK(strlen(e->items[0].text) == 32);  /* a full dotted line */
		CHECK_NEAR(e->items[0].x, 20, 1e-9);
		CHECK_NEAR(e->y, a->y - 12, 1e-9);
	}
	layout_free(&l);
}

/* n paragraphs of one short line each. */
static struct box *short_paras(struct run *r, size_t n)
{
	struct box *b = calloc(n, sizeof *b);
	for (size_t i = 0; i < n; i++)
		b[i] = para(r, 1, ALIGN_LEFT);
	return b;
}

/* A font without 'q', and without the snowman in bold, that counts what
 * it is asked. */
struct glyph_asks {
	int ascii[FACE_COUNT][128];
};

static bool fake_has_glyph(void *ctx, enum font_face face, uint32_t cp)
{
	struct glyph_asks *a = ctx;
	if (cp < 128)
		a->ascii[face][cp]++;
	return cp != 'q' && !(cp == 0x2603 && face == FACE_BOLD);
}

/* The characters no font has are noted once each, however many pages
 * place them; one a face has is asked of it once. */
static void test_missing_glyphs(void)
{
	struct glyph_asks asks = {0};
	const struct font_metrics m = {&asks, fake_width, fake_ascent, fake_descent, fake_has_glyph, NULL};
	struct page_setup s = small_page();
	struct run r[2] = {run(FACE_REGULAR, 10, "aq \xE2\x98\x83"), run(FACE_BOLD, 10, " a\xE2\x98\x83")};
	struct box *b = calloc(50, sizeof *b);
	for (size_t i = 0; i < 50; i++)
		b[i] = para(r, 2, ALIGN_LEFT);
	struct layout l;
	layout_run(&l, &s, b, 50, &m);
	CHECK(l.n_pages == 3);
	CHECK(l.n_missing == 2);
	CHECK(l.n_missing == 2 && l.missing[0].cp == 'q' && l.missing[0].face == FACE_REGULAR &&
	      l.missing[1].cp == 0x2603 && l.missing[1].face == FACE_BOLD);
	CHECK(asks.ascii[FACE_REGULAR]['a'] == 1 && asks.ascii[FACE_BOLD]['a'] == 1);
	CHECK(asks.ascii[FACE_REGULAR]['q'] == 50);  /* a missing one is asked again */
	layout_free(&l);
	free(b);
}

static void test_pages(void)
{
	struct page_setup s = small_page();
	s.page_numbers_from = 2;
	s.watermark = "DỰ THẢO";
	s.watermark_size = 8;
	struct run r = run(FACE_REGULAR, 10, "dòng");
	struct box *b = short_paras(&r, 50);
	b[0].style.space_before = 30;  /* suppressed at the top of a page */
	struct layout l;
	layout_run(&l, &s, b, 50, &fm);
	CHECK(l.n_pages == 3);  /* 21 + 21 + 8 */
	int body = 0, numbers = 0, marks = 0;
	for (size_t i = 0; i < l.n_lines; i++) {
		const struct placed_line *pl = &l.lines[i];
		if (strcmp(pl->items[0].text, "dòng") == 0) {
			body++;
			CHECK(pl->y > 20 && pl->y < 280);
		} else if (strcmp(pl->items[0].text, "DỰ THẢO") == 0) {
			marks++;
			CHECK(pl->items[0].face == FACE_BOLD);
			CHECK(pl->y > 280 && pl->y < 300);
			CHECK_NEAR(line_end(pl) + 3, 180, 1e-9);
		} else {
			numbers++;
			CHECK(pl->page >= 2);
			CHECK(atoi(pl->items[0].text) == pl->page);
			CHECK_NEAR(pl->x + pl->width / 2, 100, 1e-9);
			CHECK(pl->y > 280);
		}
	}
	CHECK(body == 50 && marks == 3 && numbers == 2);
	CHECK(l.n_rects == 3);
	CHECK(l.n_rects && l.rects[0].y > 280 && l.rects[0].y + l.rects[0].h < 300 && !l.rects[0].fill);
	CHECK(l.lines[0].items[0].face == FACE_BOLD);  /* the watermark first */
	CHECK_NEAR(l.lines[1].y, 271, 1e-9);
	free(b);
	layout_free(&l);
}

/* Returns the page of the first line whose first item is text. */
static int page_of(const struct layout *l, const char *text)
{
	for (size_t i = 0; i < l->n_lines; i++)
		if (strcmp(l->lines[i].items[0].text, text) == 0)
			return l->lines[i].page;
	return 0;
}

static void test_widows_and_keeps(void)
{
	struct page_setup s = small_page();
	struct run one = run(FACE_REGULAR, 10, "dòng");
	/* Three lines of 32: "aaa… bbb… ccc…" */
	struct run three = run(FACE_REGULAR, 10,
			       "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb "
			       "ccccccccccccccccccccccccccccccc");
	struct box b[22];
	for (int i = 0; i < 20; i++)
		b[i] = para(&one, 1, ALIGN_LEFT);
	b[20] = para(&three, 1, ALIGN_LEFT);
	struct layout l;
	/* 20 lines + 3: one line would be left alone at the foot. */
	layout_run(&l, &s, b, 21, &fm);
	CHECK(page_of(&l, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa") == 2);
	CHECK(page_of(&l, "ccccccccccccccccccccccccccccccc") == 2);
	layout_free(&l);
	/* 19 lines + 3: two fit, the last would be a widow; all move. */
	layout_run(&l, &s, b + 1, 20, &fm);
	CHECK(page_of(&l, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa") == 2);
	layout_free(&l);
	/* A heading with keep_with_next at the foot moves with its text. */
	struct run head = run(FACE_BOLD, 10, "MỤC I");
	for (int i = 0; i < 20; i++)
		b[i] = para(&one, 1, ALIGN_LEFT);
	b[20] = para(&head, 1, ALIGN_CENTER);
	b[20].style.keep_with_next = true;
	b[21] = para(&one, 1, ALIGN_LEFT);
	b[21].runs = &three;
	layout_run(&l, &s, b, 22, &fm);
	CHECK(page_of(&l, "MỤC I") == 2);
	layout_free(&l);
}

static void test_group_and_break(void)
{
	struct page_setup s = small_page();
	struct run one = run(FACE_REGULAR, 10, "dòng");
	struct run sig[] = {run(FACE_BOLD, 10, "T/M CHI BỘ"), run(FACE_REGULAR, 10, "BÍ THƯ"),
			    run(FACE_BOLD, 10, "Nguyễn Văn An")};
	struct box kids[4] = {para(&sig[0], 1, ALIGN_CENTER), para(&sig[1], 1, ALIGN_CENTER),
			      {.kind = BOX_SPACE, .height = 40}, para(&sig[2], 1, ALIGN_CENTER)};
	struct box b[20];
	for (int i = 0; i < 17; i++)
		b[i] = para(&one, 1, ALIGN_LEFT);
	b[17] = (struct box){.kind = BOX_GROUP, .children = kids, .n_children = 4};
	b[18] = (struct box){.kind = BOX_PAGE_BREAK};
	b[19] = para(&one, 1, ALIGN_LEFT);
	struct layout l;
	layout_run(&l, &s, b, 20, &fm);
	CHECK(l.n_pages == 3);
	CHECK(page_of(&l, "T/M CHI BỘ") == 2);
	CHECK(page_of(&l, "Nguyễn Văn An") == 2);
	CHECK(l.n_lines && l.lines[l.n_lines - 1].page == 3);
	layout_free(&l);
}

static struct table_cell cell(struct box *b)
{
	return (struct table_cell){b, 1, 0};
}

static void test_table(void)
{
	struct page_setup s = small_page();
	double widths[] = {40, 120};
	struct run hr[] = {run(FACE_BOLD, 10, "TT"), run(FACE_BOLD, 10, "Nội dung")};
	struct run num = run(FACE_REGULAR, 10, "1");
	struct run body = run(FACE_REGULAR, 10, "Thảo luận của đảng viên trong chi bộ");
	struct box hb[2] = {para(&hr[0], 1, ALIGN_CENTER), para(&hr[1], 1, ALIGN_CENTER)};
	struct box bb[2] = {para(&num, 1, ALIGN_CENTER), para(&body, 1, ALIGN_LEFT)};
	struct table_cell hc[2] = {cell(&hb[0]), cell(&hb[1])};
	struct table_cell bc[2] = {cell(&bb[0]), cell(&bb[1])};
	struct table_row rows[12];
	rows[0] = (struct table_row){hc, 2, true};
	for (int i = 1; i < 12; i++)
		rows[i] = (struct table_row){bc, 2, false};
	struct table t = {widths, 2, rows, 12, true, 2, NULL, false};
	struct box b = {.kind = BOX_TABLE, .table = &t};
	struct layout l;
	layout_run(&l, &s, &b, 1, &fm);
	/* header 16 high; a body row holds 2 lines of 23: 28 high; 8 rows a page */
	CHECK(l.n_pages == 2);
	int headers = 0;
	for (size_t i = 0; i < l.n_lines; i++) {
		if (strcmp(l.lines[i].items[0].text, "Nội dung") == 0) {
			headers++;
			CHECK_NEAR(l.lines[i].y, 280 - 2 - 9, 1e-9);
		}
		CHECK(l.lines[i].x >= 20 && line_end(&l.lines[i]) <= 180 + 1e-9);
	}
	CHECK(headers == 2);
	/* Every row: bottom + 3 verticals; first row on each page: top. */
	CHECK(l.n_rules == 12 * 4 + 2 + 4);  /* the repeated header adds 4 */
	for (size_t i = 0; i < l.n_rules; i++)
		CHECK(l.rules[i].x1 >= 20 - 1e-9 && l.rules[i].x2 <= 180 + 1e-9);
	layout_free(&l);
}

static void test_tall_row(void)
{
	struct page_setup s = small_page();
	double widths[] = {160};
	struct run one = run(FACE_REGULAR, 10, "dòng");
	struct box kids[40];
	for (int i = 0; i < 40; i++)
		kids[i] = para(&one, 1, ALIGN_LEFT);
	struct table_cell c = {kids, 40, 0};
	struct table_row row = {&c, 1, false};
	struct table t = {widths, 1, &row, 1, true, 0, NULL, false};
	struct box b = {.kind = BOX_TABLE, .table = &t};
	struct layout l;
	layout_run(&l, &s, &b, 1, &fm);
	CHECK(l.n_pages == 2);
	CHECK(l.n_lines == 40);
	for (size_t i = 0; i < l.n_lines; i++)
		CHECK(l.lines[i].y > 20 && l.lines[i].y < 280);
	layout_free(&l);
}

static void test_misc_boxes(void)
{
	struct page_setup s = small_page();
	struct run h1 = run(FACE_BOLD, 10, "I. MỤC ĐÍCH");
	struct shape shapes[] = {
		{SHAPE_RECT, 10, 0, 20, 30, 0, 0.5, true, FACE_REGULAR, 0, ALIGN_LEFT, NULL},
		{SHAPE_LINE, 0, 0, 100, 0, 1, 0, false, FACE_REGULAR, 0, ALIGN_LEFT, NULL},
		{SHAPE_TEXT, 10, 32, 20, 0, 0, 0, false, FACE_REGULAR, 10, ALIGN_CENTER, "7"},
	};
	struct box b[3] = {para(&h1, 1, ALIGN_LEFT),
			   {.kind = BOX_RULE, .height = 10, .width = 60, .line_width = 1},
			   {.kind = BOX_GRAPHIC, .height = 50, .shapes = shapes, .n_shapes = 3}};
	b[0].style.outline_level = 1;
	struct layout l;
	layout_run(&l, &s, b, 3, &fm);
	CHECK(l.n_bookmarks == 1);
	if (l.n_bookmarks) {
		CHECK_STR(l.bookmarks[0].title, "I. MỤC ĐÍCH");
		CHECK(l.bookmarks[0].level == 1 && l.bookmarks[0].page == 1);
		CHECK_NEAR(l.bookmarks[0].y, 280, 1e-9);
	}
	CHECK(l.n_rules == 2);
	if (l.n_rules == 2) {
		CHECK_NEAR(l.rules[0].x1, 70, 1e-9);
		CHECK_NEAR(l.rules[0].x2, 130, 1e-9);
		CHECK_NEAR(l.rules[0].y1, 280 - 12 - 5, 1e-9);
		CHECK_NEAR(l.rules[1].y1, 280 - 22 - 50, 1e-9);
	}
	CHECK(l.n_rects == 1 && l.rects[0].fill);
	CHECK(l.n_lines == 2);
	if (l.n_lines == 2) {
		CHECK_STR(l.lines[1].items[0].text, "7");
		CHECK_NEAR(l.lines[1].x, 20 + 10 + 7.5, 1e-9);
		CHECK_NEAR(l.lines[1].y, 280 - 72 + 32, 1e-9);
	}
	layout_free(&l);
}

static void test_dump(void)
{
	struct page_setup s = small_page();
	struct run r[] = {run(FACE_REGULAR, 10, "Của "), run(FACE_BOLD, 10, "Đảng"),
			  run(FACE_REGULAR, 10, ", \"dân\"")};
	struct box b = para(r, 3, ALIGN_LEFT);
	b.style.rule_under = true;
	struct layout l;
	layout_run(&l, &s, &b, 1, &fm);
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	layout_dump(&l, f);
	fclose(f);
	CHECK_STR(text, "pages 1\n"
			"p1 y=271.00 x=20.00 w=75.00 R10 \"Của\" B10 \"Đảng\"+R10 \", \\\"dân\\\"\"\n"
			"p1 rule 20.00,267.20 95.00,267.20 lw=0.60\n");
	free(text);
	layout_free(&l);
}

/* 1 MB paragraphs, with and without spaces, in well under a second each. */
static void test_large(void)
{
	struct page_setup s = small_page();
	struct buf spaced = {0}, solid = {0};
	while (spaced.len < 1000000)
		buf_adds(&spaced, "Đảng viên ");
	while (solid.len < 1000000)
		buf_adds(&solid, "ĐảngViên");
	const char *texts[] = {spaced.data, solid.data};
	for (int i = 0; i < 2; i++) {
		struct run r = run(FACE_REGULAR, 10, texts[i]);
		struct box b = para(&r, 1, ALIGN_JUSTIFY);
		struct layout l;
		clock_t t0 = clock();
		layout_run(&l, &s, &b, 1, &fm);
		double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
		CHECK(secs < 3);
		CHECK(l.overfull_lines == 0);
		CHECK(l.n_pages > 900);
		struct buf joined = {0};
		CHECK(valid_pieces(&l, 160, &joined));
		if (i == 1)
			CHECK(joined.len == solid.len);
		buf_free(&joined);
		layout_free(&l);
	}
	buf_free(&spaced);
	buf_free(&solid);
}

/* ---- in chunks ---- */

static void dump_page_to(void *ctx, const struct layout *l, int page)
{
	layout_dump_page(l, page, ctx);
}

static char *whole_dump(const struct page_setup *s, const struct box *b, size_t n)
{
	struct layout l;
	layout_run(&l, s, b, n, &fm);
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	layout_dump(&l, f);
	fclose(f);
	layout_free(&l);
	return text;
}

/* A document handed over in chunks: next(ctx, k, &arena, &n) gives chunk
 * k's boxes (NULL after the last), in memory that is freed as soon as
 * layout_add returns; each page is dumped by the sink as it comes. */
typedef struct box *(*chunk_fn)(void *ctx, size_t k, struct arena *a, size_t *n);

static char *chunked_dump(const struct page_setup *s, chunk_fn next, void *ctx, bool *too_many)
{
	char *pages = NULL, *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&pages, &len);
	struct layout l;
	struct layout_sink sink = {dump_page_to, f};
	layout_open(&l, s, &fm, &sink);
	struct box *b;
	size_t n;
	for (size_t k = 0;; k++) {
		struct arena a = {0};
		if (!(b = next(ctx, k, &a, &n))) {
			arena_free(&a);
			break;
		}
		layout_add(&l, b, n);
		memset(b, 0xA5, n * sizeof *b);  /* what the layout kept of them shows */
		arena_free(&a);
	}
	layout_close(&l);
	CHECK(l.n_lines == 0 && l.n_rules == 0 && l.engine == NULL);
	fclose(f);
	f = open_memstream(&text, &len);
	layout_dump_count(l.n_pages, f);
	fputs(pages ? pages : "", f);
	fclose(f);
	free(pages);
	if (too_many)
		*too_many = l.too_many_pages;
	layout_free(&l);
	return text;
}

/* Deep copies, so that a chunk's boxes are its own. */
static struct run *copy_runs(struct arena *a, const struct run *r, size_t n)
{
	struct run *c = arena_alloc(a, (n ? n : 1) * sizeof *c);
	for (size_t i = 0; i < n; i++) {
		c[i] = r[i];
		c[i].text = arena_strdup(a, r[i].text);
	}
	return c;
}

static struct box *copy_boxes(struct arena *a, const struct box *b, size_t n);

static struct table *copy_table(struct arena *a, const struct table *t, size_t from, size_t to)
{
	struct table *c = arena_alloc(a, sizeof *c);
	*c = *t;
	c->widths = arena_alloc(a, t->n_cols * sizeof *c->widths);
	memcpy(c->widths, t->widths, t->n_cols * sizeof *c->widths);
	c->n_rows = to - from;
	c->rows = arena_alloc(a, (c->n_rows ? c->n_rows : 1) * sizeof *c->rows);
	for (size_t r = from; r < to; r++) {
		struct table_row *row = &c->rows[r - from];
		*row = t->rows[r];
		row->cells = arena_alloc(a, row->n_cells * sizeof *row->cells);
		for (size_t k = 0; k < row->n_cells; k++) {
			row->cells[k] = t->rows[r].cells[k];
			row->cells[k].boxes = copy_boxes(a, t->rows[r].cells[k].boxes, t->rows[r].cells[k].n_boxes);
		}
	}
	return c;
}

static struct box *copy_boxes(struct arena *a, const struct box *b, size_t n)
{
	struct box *c = arena_alloc(a, (n ? n : 1) * sizeof *c);
	for (size_t i = 0; i < n; i++) {
		c[i] = b[i];
		c[i].runs = copy_runs(a, b[i].runs, b[i].n_runs);
		if (b[i].table)
			c[i].table = copy_table(a, b[i].table, 0, b[i].table->n_rows);
		if (b[i].n_children)
			c[i].children = copy_boxes(a, b[i].children, b[i].n_children);
		if (b[i].n_shapes) {
			c[i].shapes = arena_alloc(a, b[i].n_shapes * sizeof *c[i].shapes);
			for (size_t k = 0; k < b[i].n_shapes; k++) {
				c[i].shapes[k] = b[i].shapes[k];
				if (b[i].shapes[k].text)
					c[i].shapes[k].text = arena_strdup(a, b[i].shapes[k].text);
			}
		}
	}
	return c;
}

struct cuts {
	const struct box *b;
	size_t n, every;
};

/* Chunks of `every` top-level boxes. */
static struct box *every_boxes(void *ctx, size_t k, struct arena *a, size_t *n)
{
	const struct cuts *c = ctx;
	if (k * c->every >= c->n)
		return NULL;
	size_t from = k * c->every;
	*n = c->n - from < c->every ? c->n - from : c->every;
	return copy_boxes(a, c->b + from, *n);
}

/* Any cut between top-level boxes gives the same pages: keeps, widows,
 * groups, page breaks, rules, graphics, bookmarks, numbers, watermark. */
static void test_chunks(void)
{
	struct page_setup s = small_page();
	s.page_numbers_from = 2;
	s.watermark = "DỰ THẢO";
	struct run one = run(FACE_REGULAR, 10, "dòng");
	struct run three = run(FACE_REGULAR, 10, lorem);
	struct run head = run(FACE_BOLD, 10, "MỤC I");
	struct run sig[] = {run(FACE_BOLD, 10, "T/M CHI BỘ"), run(FACE_REGULAR, 10, "BÍ THƯ")};
	struct box kids[3] = {para(&sig[0], 1, ALIGN_CENTER), {.kind = BOX_SPACE, .height = 40},
			      para(&sig[1], 1, ALIGN_CENTER)};
	struct shape shapes[] = {
		{SHAPE_RECT, 10, 0, 20, 30, 0, 0.5, true, FACE_REGULAR, 0, ALIGN_LEFT, NULL},
		{SHAPE_TEXT, 10, 32, 20, 0, 0, 0, false, FACE_REGULAR, 10, ALIGN_CENTER, "7\tx"},
	};
	struct box b[60];
	size_t n = 0;
	for (int i = 0; i < 15; i++)
		b[n++] = para(&one, 1, ALIGN_LEFT);
	b[n] = para(&head, 1, ALIGN_CENTER);
	b[n].style.keep_with_next = true;
	b[n++].style.outline_level = 1;
	b[n++] = para(&three, 1, ALIGN_JUSTIFY);
	b[n++] = (struct box){.kind = BOX_GROUP, .children = kids, .n_children = 3};
	b[n++] = (struct box){.kind = BOX_RULE, .height = 10, .width = 60, .line_width = 1};
	b[n++] = (struct box){.kind = BOX_GRAPHIC, .height = 50, .shapes = shapes, .n_shapes = 2};
	b[n++] = (struct box){.kind = BOX_PAGE_BREAK};
	for (int i = 0; i < 20; i++) {
		b[n] = para(i % 3 ? &one : &three, 1, ALIGN_JUSTIFY);
		b[n].style.space_before = 4;
		b[n++].style.keep_with_next = i % 5 == 4;
	}
	char *whole = whole_dump(&s, b, n);
	for (size_t every = 1; every <= n; every++) {
		struct cuts c = {b, n, every};
		char *parts = chunked_dump(&s, every_boxes, &c, NULL);
		CHECK_STR(parts, whole);
		free(parts);
	}
	free(whole);

	/* past the page limit: stopped, in chunks too */
	s.page_limit = 2;
	struct cuts c = {b, n, 3};
	bool too_many = false;
	free(chunked_dump(&s, every_boxes, &c, &too_many));
	CHECK(too_many);
}

struct table_cuts {
	const struct box *b;     /* a heading, the table, a note */
	size_t every;            /* rows a chunk */
};

/* The heading and the table's first rows, then `every` rows a chunk in
 * tables that continue it, the note with the last. */
static struct box *table_rows(void *ctx, size_t k, struct arena *a, size_t *n)
{
	const struct table_cuts *c = ctx;
	const struct table *t = c->b[1].table;
	size_t from = k * c->every;
	if (from >= t->n_rows)
		return NULL;
	size_t to = t->n_rows - from < c->every ? t->n_rows : from + c->every;
	struct box *b = arena_alloc(a, 3 * sizeof *b);
	*n = 0;
	if (k == 0)
		b[(*n)++] = copy_boxes(a, &c->b[0], 1)[0];
	b[*n] = c->b[1];
	b[*n].table = copy_table(a, t, from, to);
	b[(*n)++].table->continues = k > 0;
	if (to == t->n_rows)
		b[(*n)++] = copy_boxes(a, &c->b[2], 1)[0];
	return b;
}

/* A table cut into chunks lays out as the table whole: rows kept after
 * the header, the header repeated at the top of each page only, borders
 * closed at page ends, tall rows cut. */
static void test_table_chunks(void)
{
	struct page_setup s = small_page();
	double widths[] = {40, 120};
	struct run hr[] = {run(FACE_BOLD, 10, "TT"), run(FACE_BOLD, 10, "Nội dung")};
	struct run num = run(FACE_REGULAR, 10, "1");
	struct run short_text = run(FACE_REGULAR, 10, "Thảo luận");
	struct run long_text = run(FACE_REGULAR, 10, lorem);
	struct box hb[2] = {para(&hr[0], 1, ALIGN_CENTER), para(&hr[1], 1, ALIGN_CENTER)};
	struct box bb[3] = {para(&num, 1, ALIGN_CENTER), para(&short_text, 1, ALIGN_LEFT),
			    para(&long_text, 1, ALIGN_JUSTIFY)};
	struct box tall[30];
	for (int i = 0; i < 30; i++)
		tall[i] = para(&short_text, 1, ALIGN_LEFT);
	struct table_cell hc[2] = {cell(&hb[0]), cell(&hb[1])};
	struct table_cell short_row[2] = {cell(&bb[0]), cell(&bb[1])};
	struct table_cell long_row[2] = {cell(&bb[0]), cell(&bb[2])};
	struct table_cell tall_row[2] = {cell(&bb[0]), {tall, 30, 0}};
	struct table_row rows[61];
	rows[0] = (struct table_row){hc, 2, true};
	for (int i = 1; i < 61; i++)
		rows[i] = (struct table_row){i % 7 == 3 ? long_row : i == 40 ? tall_row : short_row, 2, false};
	struct table t = {widths, 2, rows, 61, true, 2, NULL, false};
	struct run head = run(FACE_BOLD, 10, "II. KẾT QUẢ");
	struct run note = run(FACE_ITALIC, 8, "Ghi chú");
	struct box b[3] = {para(&head, 1, ALIGN_LEFT), {.kind = BOX_TABLE, .table = &t}, para(&note, 1, ALIGN_LEFT)};
	b[0].style.keep_with_next = true;
	b[2].style.space_before = 3;
	char *whole = whole_dump(&s, b, 3);
	CHECK(strstr(whole, "pages 1\n") == NULL);
	for (size_t every = 1; every <= 62; every++) {
		struct table_cuts c = {b, every};
		char *parts = chunked_dump(&s, table_rows, &c, NULL);
		CHECK_STR(parts, whole);
		free(parts);
	}
	free(whole);
}

int main(void)
{
	test_party_line();
	test_justify();
	test_long_word();
	test_long_word_indent();
	test_mixed_runs();
	test_sizes_and_breaks();
	test_indents();
	test_label();
	test_leaders();
	test_pages();
	test_missing_glyphs();
	test_widows_and_keeps();
	test_group_and_break();
	test_table();
	test_tall_row();
	test_misc_boxes();
	test_dump();
	test_large();
	test_chunks();
	test_table_chunks();
	return unit_done("layout");
}
