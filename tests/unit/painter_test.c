/* The painter with the real fonts: Vietnamese text must come back exactly
 * from pdftotext, with no warning from poppler; saves are reproducible and
 * atomic. Set PAINTER_TEST_KEEP=1 to keep the PDF and print its folder. */
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "layout.h"
#include "output.h"
#include "painter.h"
#include "pdf_syntax.h"
#include "check.h"
#include "font.h"
#include "unit.h"

static const char *party = "ĐẢNG CỘNG SẢN VIỆT NAM";
static const char *place_date = "Ủy ban nhân dân tỉnh Lạng Sơn, ngày 05 tháng 01 năm 2024";
static const char *letters_lower =
	"ă ắ ằ ẳ ẵ ặ â ấ ầ ẩ ẫ ậ đ ê ế ề ể ễ ệ ô ố ồ ổ ỗ ộ ơ ớ ờ ở ỡ ợ ư ứ ừ ử ữ ự "
	"á à ả ã ạ é è ẻ ẽ ẹ í ì ỉ ĩ ị ó ò ỏ õ ọ ú ù ủ ũ ụ ý ỳ ỷ ỹ ỵ";
static const char *letters_upper =
	"Ă Ắ Ằ Ẳ Ẵ Ặ Â Ấ Ầ Ẩ Ẫ Ậ Đ Ê Ế Ề Ể Ễ Ệ Ô Ố Ồ Ổ Ỗ Ộ Ơ Ớ Ờ Ở Ỡ Ợ Ư Ứ Ừ Ử Ữ Ự "
	"Á À Ả Ã Ạ É È Ẻ Ẽ Ẹ Í Ì Ỉ Ĩ Ị Ó Ò Ỏ Õ Ọ Ú Ù Ủ Ũ Ụ Ý Ỳ Ỷ Ỹ Ỵ";
static const char *body =
	"Thực hiện Hướng dẫn số 12-HD/BTCTW của Ban Tổ chức Trung ương về nâng cao chất lượng "
	"sinh hoạt chi bộ, chi bộ tổ chức sinh hoạt chuyên đề quý I năm 2024 với chủ đề học tập "
	"và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh; đảng viên được phân công chuẩn "
	"bị đề dẫn, các đồng chí khác nghiên cứu trước để tham gia ý kiến thảo luận.";

static struct box para(struct run *r, size_t n, enum align align, double space_after)
{
	struct box b = {.kind = BOX_PARA, .runs = r, .n_runs = n};
	b.style.align = align;
	b.style.space_after = space_after;
	return b;
}

struct doc {
	struct run runs[16];
	struct box head_left[3], head_right[2], boxes[12], cells[6];
	struct table_cell head_cells[2], tcells[6];
	struct table_row head_rows[1], trows[3];
	struct table head, grid;
	double head_w[2], grid_w[2];
};

/* A page like the papers: a two-column header, a title, a justified
 * paragraph, the letters, a bordered table and lines to fill in by hand. */
static void build(struct doc *d)
{
	memset(d, 0, sizeof *d);
	struct run *r = d->runs;
	r[0] = (struct run){FACE_REGULAR, 13, "ĐẢNG BỘ TỈNH LẠNG SƠN", false};
	r[1] = (struct run){FACE_BOLD, 13, "CHI BỘ CƠ QUAN", false};
	r[2] = (struct run){FACE_REGULAR, 13, "*", false};
	r[3] = (struct run){FACE_BOLD, 14, party, false};
	r[4] = (struct run){FACE_ITALIC, 12, place_date, false};
	r[5] = (struct run){FACE_BOLD, 16, "BIÊN BẢN", false};
	r[6] = (struct run){FACE_REGULAR, 13, body, false};
	r[7] = (struct run){FACE_REGULAR, 13, letters_lower, false};
	r[8] = (struct run){FACE_REGULAR, 13, letters_upper, false};
	r[9] = (struct run){FACE_BOLD, 13, "Đảng", false};
	r[10] = (struct run){FACE_REGULAR, 13, ", nhân dân và Nhà nước.", false};
	r[11] = (struct run){FACE_BOLD, 13, "Họ và tên:", false};
	r[12] = (struct run){FACE_REGULAR, 13, "", false};
	r[13] = (struct run){FACE_BOLD, 12, "Nơi nhận:", true};
	r[14] = (struct run){FACE_MONO, 11, "mã số: CB-05", false};
	for (int i = 0; i < 3; i++)
		d->head_left[i] = para(&r[i], 1, ALIGN_CENTER, 0);
	d->head_right[0] = para(&r[3], 1, ALIGN_CENTER, 6);
	d->head_right[0].style.rule_under = true;
	d->head_right[1] = para(&r[4], 1, ALIGN_CENTER, 0);
	d->head_cells[0] = (struct table_cell){d->head_left, 3, 1};
	d->head_cells[1] = (struct table_cell){d->head_right, 2, 1};
	d->head_rows[0] = (struct table_row){d->head_cells, 2, false};
	d->head_w[0] = 170;
	d->head_w[1] = 280;
	d->head = (struct table){d->head_w, 2, d->head_rows, 1, false, 0, NULL, false};

	static const char *const texts[6] = {"TT", "Nội dung thảo luận", "1", "Ý kiến về đề dẫn",
					     "2", "Tiếp thu, giải trình"};
	static struct run trun[6];
	for (int i = 0; i < 6; i++) {
		trun[i] = (struct run){i < 2 ? FACE_BOLD : FACE_REGULAR, 12, texts[i], false};
		d->cells[i] = para(&trun[i], 1, i % 2 ? ALIGN_LEFT : ALIGN_CENTER, 0);
		d->tcells[i] = (struct table_cell){&d->cells[i], 1, 1};
	}
	for (int i = 0; i < 3; i++)
		d->trows[i] = (struct table_row){&d->tcells[2 * i], 2, i == 0};
	d->grid_w[0] = 40;
	d->grid_w[1] = 300;
	d->grid = (struct table){d->grid_w, 2, d->trows, 3, true, 4, NULL, false};

	struct box *b = d->boxes;
	b[0] = (struct box){.kind = BOX_TABLE, .table = &d->head};
	b[1] = para(&r[5], 1, ALIGN_CENTER, 12);
	b[1].style.space_before = 18;
	b[1].style.outline_level = 1;
	b[2] = para(&r[6], 1, ALIGN_JUSTIFY, 6);
	b[2].style.first = 28;
	b[3] = para(&r[7], 1, ALIGN_JUSTIFY, 6);
	b[4] = para(&r[8], 1, ALIGN_JUSTIFY, 6);
	b[5] = para(&r[9], 2, ALIGN_LEFT, 6);
	b[5].style.outline_level = 2;
	b[6] = (struct box){.kind = BOX_TABLE, .table = &d->grid};
	b[7] = (struct box){.kind = BOX_SPACE, .height = 12};
	b[8] = para(&r[11], 1, ALIGN_LEFT, 0);
	b[8].style.leader = ".";
	b[9] = para(&r[12], 1, ALIGN_LEFT, 0);
	b[9].style.leader = ".";
	b[10] = para(&r[13], 1, ALIGN_LEFT, 6);
	b[11] = para(&r[14], 1, ALIGN_LEFT, 0);
}

static struct font_names fonts_template(void)
{
	struct font_names t;
	memset(&t, 0, sizeof t);
	t.names[FACE_REGULAR] = "LiberationSerif-Regular.ttf";
	t.names[FACE_BOLD] = "LiberationSerif-Bold.ttf";
	t.names[FACE_ITALIC] = "LiberationSerif-Italic.ttf";
	t.names[FACE_BOLD_ITALIC] = "LiberationSerif-BoldItalic.ttf";
	t.names[FACE_MONO] = "LiberationMono-Regular.ttf";
	t.file = "test.yaml";
	t.dirs[0] = "fonts";
	t.dirs[1] = FONT_SYSTEM_DIR;
	t.n_dirs = 2;
	t.searched = "fonts và " FONT_SYSTEM_DIR "\x1F" "fonts and " FONT_SYSTEM_DIR;
	return t;
}

/* A painter over the fonts of t, which *fonts keeps (free both). */
static struct painter *painter_over(const struct font_names *t, struct font_set **fonts, struct diags *d)
{
	*fonts = font_set_open(t, d);
	struct painter *p = *fonts ? painter_new(*fonts, d) : NULL;
	if (!p) {
		font_set_free(*fonts);
		*fonts = NULL;
	}
	return p;
}

static const struct doc_info info = {.title = "Biên bản sinh hoạt chi bộ chuyên đề quý I năm 2024",
				     .author = "Chi bộ Cơ quan", .subject = "Sinh hoạt chuyên đề",
				     .keywords = "chi bộ, chuyên đề"};

static struct page_setup a4(void)
{
	return (struct page_setup){595.28, 841.89, MM_TO_PT(20), MM_TO_PT(20), MM_TO_PT(30),
				   MM_TO_PT(15), 2, 13, "DỰ THẢO", 13, 0};
}

/* Lays the document out and saves it with info i; false when any step fails. */
static bool render_as(const char *path, const struct doc_info *i, struct diags *d)
{
	struct font_names t = fonts_template();
	struct font_set *fonts;
	struct painter *p = painter_over(&t, &fonts, d);
	if (!p)
		return false;
	struct doc doc;
	build(&doc);
	struct page_setup s = a4();
	struct layout l;
	layout_run(&l, &s, doc.boxes, 12, font_set_metrics(fonts));
	bool ok = l.overfull_lines == 0 && l.n_missing == 0 && painter_save(p, &l, i, path, d);
	layout_free(&l);
	painter_free(p);
	font_set_free(fonts);
	return ok;
}

static bool render(const char *path, struct diags *d)
{
	return render_as(path, &info, d);
}

static char *slurp(const char *path, size_t *n)
{
	char *data = NULL;
	*n = 0;
	if (read_file(path, 1 << 26, &data, n) != READ_OK)
		return NULL;
	return data;
}

/* Runs a shell command built like printf; its output, or NULL when it fails. */
static char *shell(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *shell(const char *fmt, ...)
{
	struct buf cmd = {0}, out = {0};
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&cmd, fmt, ap);
	va_end(ap);
	FILE *f = popen(cmd.data, "r");
	buf_free(&cmd);
	if (!f)
		return NULL;
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&out, chunk, n);
	buf_add(&out, "", 0);
	if (pclose(f) != 0) {
		buf_free(&out);
		return NULL;
	}
	return out.data;
}

/* Whitespace runs to one space, so that line ends compare as spaces. */
static void squeeze(char *s)
{
	char *o = s;
	bool space = false;
	for (; *s; s++) {
		if (*s == ' ' || *s == '\n' || *s == '\f' || *s == '\r' || *s == '\t') {
			space = true;
			continue;
		}
		if (space && o != s)
			*o++ = ' ';
		space = false;
		*o++ = *s;
	}
	*o = '\0';
}

static void check_text(const char *dir, const char *pdf)
{
	char *text = shell("pdftotext -raw -enc UTF-8 '%s' - 2>'%s/pdftotext.err'", pdf, dir);
	CHECK(text != NULL);
	if (!text)
		return;
	squeeze(text);
	const char *want[] = {party, place_date, "ĐẢNG BỘ TỈNH LẠNG SƠN", "CHI BỘ CƠ QUAN",
			      "BIÊN BẢN", body, letters_lower, letters_upper,
			      "Đảng, nhân dân và Nhà nước.", "Nội dung thảo luận",
			      "Tiếp thu, giải trình", "Nơi nhận:", "mã số: CB-05", "DỰ THẢO"};
	for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
		if (!strstr(text, want[i]))
			fprintf(stderr, "pdftotext lacks: %s\n", want[i]);
		CHECK(strstr(text, want[i]) != NULL);
	}
	free(text);
	size_t n;
	char *err = shell("cat '%s/pdftotext.err'", dir);
	n = err ? strlen(err) : 0;
	CHECK(err && n == 0);  /* no warning from poppler */
	if (err && n)
		fprintf(stderr, "poppler says: %s", err);
	free(err);
}

static void check_fonts_and_info(const char *pdf)
{
	char *fonts = shell("pdffonts '%s' 2>&1", pdf);
	CHECK(fonts != NULL);
	int n = 0;
	for (char *line = fonts ? strchr(fonts, '\n') : NULL; line && line[1]; line = strchr(line + 1, '\n')) {
		if (strncmp(line + 1, "----", 4) == 0)
			continue;
		n++;
		CHECK(strstr(line, "yes yes") != NULL);  /* embedded, subset */
	}
	CHECK(n == 4);  /* the faces the page uses (no bold italic), each once */
	free(fonts);
	char *pinfo = shell("pdfinfo -enc UTF-8 '%s' 2>&1", pdf);
	CHECK(pinfo && strstr(pinfo, "Biên bản sinh hoạt chi bộ chuyên đề quý I năm 2024"));
	CHECK(pinfo && strstr(pinfo, "Creator:         chuyende"));
	CHECK(pinfo && strstr(pinfo, "Pages:           1"));
	free(pinfo);
}

static bool same_file(const char *a, const char *b)
{
	size_t na, nb;
	char *x = slurp(a, &na), *y = slurp(b, &nb);
	bool same = x && y && na == nb && memcmp(x, y, na) == 0;
	free(x);
	free(y);
	return same;
}

/* No ".NAME.XXXXXX" temporary file left behind. */
static int hidden_files(const char *dir)
{
	DIR *dp = opendir(dir);
	int n = 0;
	for (struct dirent *e; dp && (e = readdir(dp));)
		n += e->d_name[0] == '.' && strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	if (dp)
		closedir(dp);
	return n;
}

static bool last_is(const struct diags *d, enum diag_code code)
{
	return d->n && d->v[d->n - 1].code == code;
}

static void check_failures(const char *dir, const char *good, struct diags *d)
{
	char path[1024];
	/* A folder that does not exist. */
	snprintf(path, sizeof path, "%s/no-such-folder/x.pdf", dir);
	CHECK(!render(path, d));
	CHECK(last_is(d, DIAG_OUTPUT_FAILED));
	/* A write that fails half-way leaves the old file as it was. */
	snprintf(path, sizeof path, "%s/keep.pdf", dir);
	CHECK(render(path, d));
	struct rlimit old, lim;
	getrlimit(RLIMIT_FSIZE, &old);
	lim = old;
	lim.rlim_cur = 4096;
	signal(SIGXFSZ, SIG_IGN);
	setrlimit(RLIMIT_FSIZE, &lim);
	CHECK(!render(path, d));
	setrlimit(RLIMIT_FSIZE, &old);
	CHECK(last_is(d, DIAG_OUTPUT_FAILED));
	CHECK(same_file(path, good));
	CHECK(hidden_files(dir) == 0);
	/* An unwritable folder (root may write anyway). */
	if (geteuid() != 0) {
		snprintf(path, sizeof path, "%s/ro", dir);
		mkdir(path, 0755);
		snprintf(path, sizeof path, "%s/ro/x.pdf", dir);
		CHECK(render(path, d));
		snprintf(path, sizeof path, "%s/ro", dir);
		chmod(path, 0555);
		snprintf(path, sizeof path, "%s/ro/x.pdf", dir);
		CHECK(!render(path, d));
		CHECK(same_file(path, good));
		snprintf(path, sizeof path, "%s/ro", dir);
		chmod(path, 0755);
	}
	/* A missing font. */
	struct font_names t = fonts_template();
	struct font_set *fonts;
	t.names[FACE_ITALIC] = "no-such-font.ttf";
	CHECK(painter_over(&t, &fonts, d) == NULL);
	CHECK(last_is(d, DIAG_FONT_FAILED));
	t.names[FACE_ITALIC] = "/nonexistent/LiberationSerif-Italic.ttf";
	CHECK(painter_over(&t, &fonts, d) == NULL);
	CHECK(last_is(d, DIAG_FONT_FAILED));
	CHECK(strstr(d->v[d->n - 1].en, "no such file"));
	/* A file that is not a font, and one cut short: refused with a reason. */
	char *font = NULL;
	size_t n = 0;
	CHECK(read_file("/usr/share/fonts/truetype/liberation2/LiberationSerif-Italic.ttf", 1 << 24, &font, &n) ==
	      READ_OK);
	snprintf(path, sizeof path, "%s/cut.ttf", dir);
	CHECK(font && output_file(path, font, n / 2, d));
	free(font);
	t.names[FACE_ITALIC] = path;
	CHECK(painter_over(&t, &fonts, d) == NULL);
	CHECK(last_is(d, DIAG_FONT_FAILED));
	CHECK(strstr(d->v[d->n - 1].en, "truncated"));
	snprintf(path, sizeof path, "%s/keep.pdf", dir);
	t.names[FACE_ITALIC] = path;
	CHECK(painter_over(&t, &fonts, d) == NULL);
	CHECK(last_is(d, DIAG_FONT_FAILED));
	CHECK(strstr(d->v[d->n - 1].en, "not a TrueType font"));
}

/* Faces that name the same file share one embedded font. */
static void check_shared_font(const char *dir, struct diags *d)
{
	struct font_names t = fonts_template();
	struct font_set *fonts;
	t.names[FACE_BOLD] = t.names[FACE_REGULAR];
	t.names[FACE_ITALIC] = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf";
	struct painter *p = painter_over(&t, &fonts, d);
	CHECK(p != NULL);
	if (!p)
		return;
	struct doc doc;
	build(&doc);
	struct page_setup s = a4();
	struct layout l;
	layout_run(&l, &s, doc.boxes, 12, font_set_metrics(fonts));
	char path[1024];
	snprintf(path, sizeof path, "%s/shared.pdf", dir);
	CHECK(painter_save(p, &l, &info, path, d));
	layout_free(&l);
	painter_free(p);
	font_set_free(fonts);
	char *embedded = shell("pdffonts '%s' 2>&1 | tail -n +3 | wc -l", path);
	CHECK(embedded && atoi(embedded) == 2);  /* Liberation Serif and Mono */
	free(embedded);
	char *text = shell("pdftotext -raw -enc UTF-8 '%s' - 2>&1", path);
	CHECK(text && strstr(text, "CHI BỘ CƠ QUAN"));
	free(text);
}

/* The layout notes the characters no font has (has_glyph), once each;
 * the check places each at its first place in the texts the model keeps. */
static void check_missing_glyph(struct diags *d)
{
	struct font_names t = fonts_template();
	struct font_set *fonts = font_set_open(&t, d);
	CHECK(fonts != NULL);
	if (!fonts)
		return;
	struct run r = {FACE_REGULAR, 12, "Chào 😀 và ☃☃", false};
	struct box b = para(&r, 1, ALIGN_LEFT, 0);
	struct page_setup s = a4();
	struct layout l;
	layout_run(&l, &s, &b, 1, font_set_metrics(fonts));
	CHECK(l.n_missing == 2);  /* 😀 and ☃, once each */
	/* the texts: a name only, and one with 😀 on line 2 (not ☃) */
	const char text[] = "title: x\nplace: \"Chào 😀\"\n";
	const struct text_source src[] = {{.shown = "none.yaml"}, {.text = text, .shown = "plan.yaml", .len = sizeof text - 1}};
	struct glyph_gap gaps[2];
	for (size_t i = 0; i < 2 && i < l.n_missing; i++)
		gaps[i] = (struct glyph_gap){l.missing[i].cp, font_set_name(fonts, l.missing[i].face)};
	size_t before = d->n;
	CHECK(l.n_missing == 2 && !check_glyphs(gaps, 2, src, 2, d));
	CHECK(d->n == before + 2);
	if (d->n == before + 2) {
		const struct diag *smile = &d->v[before], *snow = &d->v[before + 1];
		CHECK(smile->code == DIAG_MISSING_GLYPH && strstr(smile->en, "1F600"));
		CHECK(strstr(smile->en, "LiberationSerif-Regular.ttf") != NULL);
		/* where it first appears: plan.yaml, line 2, after 'place: "Chào ' */
		CHECK(strcmp(smile->file, "plan.yaml") == 0 && smile->at.line == 2 && smile->at.col == 14);
		/* in no text (template text): the first source, no line */
		CHECK(strcmp(snow->file, "none.yaml") == 0 && snow->at.line == 0);
	}
	/* a register keeps only where each character first is: the same place */
	struct arena a = {0};
	struct source text_src = {.path = "units.yaml", .bytes = (char *)text, .len = sizeof text - 1};
	struct char_place *places;
	size_t n_places = source_first_places(&text_src, &a, &places);
	CHECK(n_places == 17);  /* t i l e : ␠ x ␊ p a c " C h à o 😀: each once */
	const struct text_source kept[] = {{.shown = "units.yaml", .places = places, .n_places = n_places}};
	before = d->n;
	CHECK(!check_glyphs(gaps, 1, kept, 1, d) && d->n == before + 1);
	CHECK(d->n == before + 1 && d->v[before].at.line == 2 && d->v[before].at.col == 14 &&
	      strcmp(d->v[before].file, "units.yaml") == 0);
	CHECK(char_place_find(places, n_places, 'Q') == NULL);
	const struct char_place *colon = char_place_find(places, n_places, ':');
	CHECK(colon && colon->at.line == 1 && colon->at.col == 6);
	arena_free(&a);
	layout_free(&l);
	font_set_free(fonts);
}

/* An archival document passes tests/suites/pdfa_check.py (run from the
 * source root, as tests/run.sh does), even with Info text that XML or
 * libharu's UTF-16 cannot carry as it is: a tab, a control character, a
 * character past the BMP, XML's specials, a title past the clip length.
 * Its date is its day; two saves are the same bytes. */
static void check_archival(const char *dir, struct diags *d)
{
	struct buf title = {0};
	buf_adds(&title, "Tab\there, bell\a, smile \xF0\x9F\x98\x80, <b> & \"q\" 'a' ");
	while (title.len < 5000)
		buf_adds(&title, "Đảng viên ");
	struct doc_info a = info;
	a.title = title.data;
	a.archival = true;
	a.date = (struct ymd){2024, 1, 5};
	char path[1024], again[1024];
	snprintf(path, sizeof path, "%s/archival.pdf", dir);
	snprintf(again, sizeof again, "%s/archival2.pdf", dir);
	CHECK(render_as(path, &a, d) && render_as(again, &a, d));
	CHECK(same_file(path, again));
	buf_free(&title);
	char *out = shell("python3 tests/suites/pdfa_check.py '%s' archival 2>&1", path);
	CHECK(out && strstr(out, "ok archival: dc:title = Info Title") && !strstr(out, "FAIL"));
	if (out && strstr(out, "FAIL"))
		fprintf(stderr, "%s", out);
	free(out);
	char *pinfo = shell("pdfinfo -isodates '%s' 2>&1", path);
	CHECK(pinfo && strstr(pinfo, "CreationDate:    2024-01-05T00:00:00Z") && strstr(pinfo, "PDF version:     1.4"));
	free(pinfo);
}

static void check_stdout(const char *dir, const char *good, struct diags *d)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/stdout.pdf", dir);
	fflush(stdout);
	int saved = dup(1), fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	CHECK(saved >= 0 && fd >= 0);
	dup2(fd, 1);
	close(fd);
	bool ok = render("-", d);
	fflush(stdout);
	dup2(saved, 1);
	close(saved);
	CHECK(ok);
	CHECK(same_file(path, good));
}

static void paint_page(void *ctx, const struct layout *l, int page)
{
	painter_draw_page(ctx, l, page);
}

/* Page by page as the layout hands them over, in chunks of three boxes:
 * the same bytes as the whole layout painted at once. */
static void check_streamed(const char *dir, const char *whole, struct diags *d)
{
	struct font_names t = fonts_template();
	struct font_set *fonts;
	struct painter *p = painter_over(&t, &fonts, d);
	CHECK(p != NULL);
	if (!p)
		return;
	struct doc doc;
	build(&doc);
	struct page_setup s = a4();
	struct layout l;
	const struct layout_sink sink = {paint_page, p};
	layout_open(&l, &s, font_set_metrics(fonts), &sink);
	for (size_t i = 0; i < 12; i += 3)
		layout_add(&l, doc.boxes + i, 3);
	layout_close(&l);
	char path[1024];
	snprintf(path, sizeof path, "%s/streamed.pdf", dir);
	CHECK(l.n_pages >= 1 && l.n_missing == 0);
	CHECK(painter_write_file(p, &info, path, true, d));
	CHECK(same_file(path, whole));
	layout_free(&l);
	painter_free(p);
	font_set_free(fonts);
}

/* A literal text string: bytes as given when printable ASCII, else
 * UTF-16BE after a byte-order mark; delimiters, backslash and CR escaped. */
static bool text_string_is(const char *utf8, const char *want, size_t want_n)
{
	struct buf b = {0};
	pdf_add_text_string(&b, utf8);
	bool same = b.len == want_n && memcmp(b.data, want, want_n) == 0;
	buf_free(&b);
	return same;
}

static void check_text_strings(void)
{
	CHECK(text_string_is("chuyende", "(chuyende)", 10));
	CHECK(text_string_is("a (b) \\ c", "(a \\(b\\) \\\\ c)", 14));
	CHECK(text_string_is("", "()", 2));
	/* "Đ(" : U+0110 U+0028; CR as \r, a tab kept as its byte */
	CHECK(text_string_is("\xC4\x90(\r\t", "(\xFE\xFF\x01\x10\0\\(\0\\r\0\t)", 14));
	/* a character past U+FFFF as a surrogate pair; a stray byte as U+FFFD */
	CHECK(text_string_is("\xF0\x9F\x98\x80\xFF", "(\xFE\xFF\xD8\x3D\xDE\x00\xFF\xFD)", 10));
}

static bool widths_are(const unsigned *w, size_t n, unsigned dw, const char *want)
{
	struct buf b = {0};
	pdf_add_widths(&b, w, n, dw);
	buf_addc(&b, '\0');
	bool same = strcmp(b.data, want) == 0;
	if (!same)
		fprintf(stderr, "widths: got %s, want %s\n", b.data, want);
	buf_free(&b);
	return same;
}

/* /W: ranges for three or more equal widths, lists for the rest, the
 * default width left out but for one between others in a list. */
static void check_widths(void)
{
	const unsigned all_default[] = {500, 500, 500};
	CHECK(widths_are(all_default, 3, 500, "[]"));
	const unsigned mixed[] = {777, 722, 500, 250, 500, 500, 443, 443, 443, 443, 500, 0, 0, 0};
	CHECK(widths_are(mixed, 14, 500, "[0[777 722 500 250]6 9 443 11 13 0]"));
	const unsigned inner[] = {300, 301, 302, 302, 302, 302, 303};
	CHECK(widths_are(inner, 7, 500, "[0[300 301]2 5 302 6[303]]"));
	CHECK(widths_are(NULL, 0, 500, "[]"));
}

/* The reference pdf_add_fixed must agree with, by another way than
 * either of its own: the integer part and the fraction by printf, then
 * the fraction's trailing zeros (and a point left bare) dropped. */
static void fixed_reference(char *out, long long v, int decimals)
{
	unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v, scale = 1;
	for (int i = 0; i < decimals; i++)
		scale *= 10;
	int n = sprintf(out, "%s%llu", v < 0 ? "-" : "", u / scale);
	if (decimals > 0) {
		n += sprintf(out + n, ".%0*llu", decimals, u % scale);
		while (out[n - 1] == '0')
			out[--n] = '\0';
		if (out[n - 1] == '.')
			out[--n] = '\0';
	}
}

static bool fixed_is(long long v, int decimals)
{
	char want[64];
	fixed_reference(want, v, decimals);
	struct buf b = {0};
	buf_adds(&b, "x");  /* appended after what is there */
	pdf_add_fixed(&b, v, decimals);
	bool same = b.len == 1 + strlen(want) && strcmp(b.data + 1, want) == 0;
	if (!same)
		fprintf(stderr, "pdf_add_fixed(%lld, %d): got %s, want %s\n", v, decimals, b.data + 1, want);
	buf_free(&b);
	return same;
}

/* Numbers in both of pdf_add_fixed's ways (32 and 64 bits), with and
 * without fraction digits, trailing zeros, signs and the extremes. */
static void check_fixed(void)
{
	CHECK(fixed_is(12345, 2) && fixed_is(-12300, 2) && fixed_is(5, 3) && fixed_is(0, 2) && fixed_is(-7, 0));
	struct buf b = {0};
	pdf_add_fixed(&b, 12050, 2);
	buf_addc(&b, ' ');
	pdf_add_fixed(&b, -250, 3);
	CHECK_STR(b.data, "120.5 -0.25");
	buf_free(&b);
	static const long long edges[] = {0, 1, 9, 10, 99, 100, 101, 4294967295LL, 4294967296LL, 1000000000LL,
					  999999999999LL, 9223372036854775807LL, -9223372036854775807LL - 1};
	bool all = true;
	for (size_t i = 0; i < COUNT_OF(edges); i++)
		for (int d = 0; d <= 12; d++)
			all &= fixed_is(edges[i], d) && fixed_is(edges[i] < 0 ? edges[i] : -edges[i], d);
	uint64_t x = 88172645463325252ull;
	for (int i = 0; i < 20000; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		long long v = (long long)(x >> (i % 40 + 1)) * (i & 1 ? -1 : 1);
		all &= fixed_is(v, i % 4) && fixed_is(v / 1000 * 1000, (i >> 2) % 11);
	}
	CHECK(all);
}

int main(void)
{
	char dir[] = "/tmp/painter_test.XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	FILE *devnull = fopen("/dev/null", "w");
	struct diags d;
	diags_init(&d, devnull, false);
	d.per_file_limit = 0;
	char a[1024], b[1024];
	snprintf(a, sizeof a, "%s/a.pdf", dir);
	snprintf(b, sizeof b, "%s/b.pdf", dir);
	check_text_strings();
	check_widths();
	check_fixed();
	unsetenv("SOURCE_DATE_EPOCH");
	CHECK(render(a, &d));
	CHECK(render(b, &d));
	CHECK(same_file(a, b));
	struct stat st;
	CHECK(stat(a, &st) == 0 && (st.st_mode & 0777) == 0644);
	CHECK(d.n == 0);
	check_text(dir, a);
	check_fonts_and_info(a);
	setenv("SOURCE_DATE_EPOCH", "1704412800", 1);  /* 2024-01-05 00:00:00 UTC */
	CHECK(render(b, &d));
	unsetenv("SOURCE_DATE_EPOCH");
	char *pinfo = shell("TZ=UTC pdfinfo -isodates '%s' 2>&1", b);
	CHECK(pinfo && strstr(pinfo, "2024-01-05T00:00:00"));
	free(pinfo);
	check_streamed(dir, a, &d);
	check_failures(dir, a, &d);
	check_missing_glyph(&d);
	check_shared_font(dir, &d);
	check_stdout(dir, a, &d);
	check_archival(dir, &d);
	if (getenv("PAINTER_TEST_KEEP")) {
		printf("painter test output in %s\n", dir);
	} else {
		free(shell("rm -rf '%s'", dir));
	}
	diags_finish(&d);
	fclose(devnull);
	return unit_done("painter");
}
