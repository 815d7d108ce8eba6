#include "template.h"

#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "datadir.h"
#include "keys.h"
#include "os.h"
#include "text.h"
#include "yfrozen.h"

static bool dec_flag(struct decoder *dc, struct dmap m, const char *key, bool dflt)
{
	int v = dflt;
	dec_choice(dc, m, key, values_template_flag.ids, values_template_flag.n, false, &v, NULL);
	return v % 2;
}

static const char *req_text(struct decoder *dc, struct dmap m, const char *key)
{
	struct text t;
	dec_text(dc, m, key, true, &t);
	return t.s ? t.s : "";
}

static const char *opt_text(struct decoder *dc, struct dmap m, const char *key)
{
	struct text t;
	dec_text(dc, m, key, false, &t);
	return t.s;
}

static void decode_documents(struct decoder *dc, struct template *t, struct dmap root)
{
	/* the keys of documents are the documents, in enum tdoc's order */
	struct dmap docs = dec_map(dc, root, "documents", KEYS(documents), true);
	for (int i = 0; i < TDOC_COUNT; i++) {
		struct dmap m = dec_map(dc, docs, keys_documents.names[i], KEYS(document), true);
		t->docs[i].title = req_text(dc, m, "title");
		t->docs[i].code = opt_text(dc, m, "code");
		if (!t->docs[i].code)
			t->docs[i].code = "";
	}
}

static void decode_steps(struct decoder *dc, struct template *t, struct dmap root)
{
	const struct ynode *list = dec_list(dc, root, "steps", true);
	if (!list)
		return;
	t->steps_at = list->at;
	t->steps = arena_alloc(dc->arena, (list->n + 1) * sizeof *t->steps);
	for (size_t i = 0; i < list->n; i++) {
		struct dmap m = dec_item_map(dc, list->items[i], "steps[]", KEYS(template_step));
		if (!m.node)
			continue;
		struct template_step *s = &t->steps[t->n_steps++];
		struct text id;
		dec_text(dc, m, "id", true, &id);
		s->id = id.s ? id.s : "";
		s->at = id.s ? id.at : m.at;
		s->label = req_text(dc, m, "label");
		s->label_short = opt_text(dc, m, "label_short");
		s->required = dec_flag(dc, m, "required", true);
		s->custom_after = dec_flag(dc, m, "custom_after", false);
		int p = PERFORMER_NONE;
		dec_choice(dc, m, "performer", values_performer.ids, values_performer.n, false, &p, NULL);
		s->performer = (enum performer)p;
		struct count_field lines;
		dec_count(dc, m, "minutes_lines", 100, false, &lines);
		s->minutes_lines = lines.set ? (int)lines.v : 3;
	}
}

static struct template_choice *decode_choices(struct decoder *dc, struct dmap root, const char *key, size_t *n)
{
	const struct ynode *list = dec_list(dc, root, key, true);
	*n = 0;
	if (!list)
		return NULL;
	struct template_choice *v = arena_alloc(dc->arena, (list->n + 1) * sizeof *v);
	const char *name = dec_field_name(dc, key, "[]");
	for (size_t i = 0; i < list->n; i++) {
		struct dmap m = dec_item_map(dc, list->items[i], name, KEYS(choice));
		if (!m.node)
			continue;
		struct text id;
		dec_text(dc, m, "id", true, &id);
		v[*n].id = id.s ? id.s : "";
		v[*n].at = id.s ? id.at : m.at;
		v[*n].label = req_text(dc, m, "label");
		++*n;
	}
	return v;
}

static double req_real(struct decoder *dc, struct dmap m, const char *key, double lo, double hi)
{
	double v = 0;
	dec_real(dc, m, key, lo, hi, true, &v);
	return v;
}

/* The smallest text column that still sets a paper: about the width of a
 * table of five columns, and a few lines high. */
#define MIN_COLUMN_MM 80
#define MIN_TEXT_HEIGHT_MM 80

static struct pos key_pos(struct dmap m, const char *key)
{
	const struct ynode *n = ymap_get(m.node, key);
	return n ? n->at : m.at;
}

/* Margins that leave no room for text are refused where they are set. */
static void check_text_area(struct decoder *dc, struct dmap m, const struct template_page *p)
{
	double w = p->width_mm - p->margin_left_mm - p->margin_right_mm;
	double h = p->height_mm - p->margin_top_mm - p->margin_bottom_mm;
	const char *what = NULL;
	struct pos at = m.at;
	if (w < MIN_COLUMN_MM) {
		at = key_pos(m, p->margin_left_mm >= p->margin_right_mm ? "margin_left_mm" : "margin_right_mm");
		what = arena_printf(dc->arena, "cột chữ chỉ rộng %g mm (width_mm %g trừ lề trái %g và lề phải %g); cần ít nhất %d mm"
				    "\x1Fthe text column is only %g mm wide (width_mm %g less the left margin %g and the right margin %g); it must be at least %d mm",
				    w, p->width_mm, p->margin_left_mm, p->margin_right_mm, MIN_COLUMN_MM,
				    w, p->width_mm, p->margin_left_mm, p->margin_right_mm, MIN_COLUMN_MM);
	} else if (h < MIN_TEXT_HEIGHT_MM) {
		at = key_pos(m, p->margin_top_mm >= p->margin_bottom_mm ? "margin_top_mm" : "margin_bottom_mm");
		what = arena_printf(dc->arena, "vùng chữ chỉ cao %g mm (height_mm %g trừ lề trên %g và lề dưới %g); cần ít nhất %d mm"
				    "\x1Fthe text area is only %g mm high (height_mm %g less the top margin %g and the bottom margin %g); it must be at least %d mm",
				    h, p->height_mm, p->margin_top_mm, p->margin_bottom_mm, MIN_TEXT_HEIGHT_MM,
				    h, p->height_mm, p->margin_top_mm, p->margin_bottom_mm, MIN_TEXT_HEIGHT_MM);
	} else if (p->first_line_indent_mm > w / 3) {
		at = key_pos(m, "first_line_indent_mm");
		what = arena_printf(dc->arena, "thụt đầu dòng %g mm quá một phần ba cột chữ (%g mm)"
				    "\x1Fthe first-line indent of %g mm is over a third of the text column (%g mm)",
				    p->first_line_indent_mm, w, p->first_line_indent_mm, w);
	}
	if (what) {
		diag(dc->d, DIAG_TEMPLATE_INVALID, dc->path, at, what, NULL);
		dc->failed = true;
	}
}

static void decode_page(struct decoder *dc, struct template *t, struct dmap root)
{
	struct dmap m = dec_map(dc, root, "page", KEYS(page), true);
	struct template_page *p = &t->page;
	p->width_mm = req_real(dc, m, "width_mm", 50, 2000);
	p->height_mm = req_real(dc, m, "height_mm", 50, 2000);
	p->margin_top_mm = req_real(dc, m, "margin_top_mm", 0, 200);
	p->margin_bottom_mm = req_real(dc, m, "margin_bottom_mm", 0, 200);
	p->margin_left_mm = req_real(dc, m, "margin_left_mm", 0, 200);
	p->margin_right_mm = req_real(dc, m, "margin_right_mm", 0, 200);
	struct count_field from;
	dec_count(dc, m, "page_numbers_from", 1000, false, &from);
	p->page_numbers_from = from.set ? (int)from.v : 2;
	p->first_line_indent_mm = req_real(dc, m, "first_line_indent_mm", 0, 100);
	p->paragraph_space_pt = req_real(dc, m, "paragraph_space_pt", 0, 100);
	p->line_spacing = req_real(dc, m, "line_spacing", 0.8, 3);
	if (!dc->failed)
		check_text_area(dc, m, p);
}

static void decode_fonts(struct decoder *dc, struct template *t, struct dmap root)
{
	/* the keys of fonts are the faces, in enum font_face's order */
	struct dmap m = dec_map(dc, root, "fonts", KEYS(fonts), true);
	for (int i = 0; i < FACE_COUNT; i++) {
		struct text f;
		dec_text(dc, m, keys_fonts.names[i], true, &f);
		t->fonts[i] = f.s ? f.s : "";
		t->font_at[i] = f.s ? f.at : m.at;
	}
}

static void decode_sizes(struct decoder *dc, struct template *t, struct dmap root)
{
	struct dmap m = dec_map(dc, root, "sizes", KEYS(sizes), true);
	double *fields[] = {&t->size.title, &t->size.subtitle, &t->size.body, &t->size.small, &t->size.table,
			    &t->size.heading[0], &t->size.heading[1], &t->size.heading[2]};
	for (size_t i = 0; i < COUNT_OF(fields) && i < keys_sizes.n; i++)
		*fields[i] = req_real(dc, m, keys_sizes.names[i], 4, 72);
}

static void decode_signature(struct decoder *dc, struct template *t, struct dmap root)
{
	struct dmap m = dec_map(dc, root, "signature", KEYS(signature), true);
	t->sign_on_behalf = req_text(dc, m, "on_behalf");
	t->sign_role = req_text(dc, m, "role");
	t->sign_chair = req_text(dc, m, "chair");
	t->sign_secretary = req_text(dc, m, "secretary");
	t->report_on_behalf = req_text(dc, m, "report_on_behalf");
	t->report_role = req_text(dc, m, "report_role");
}

static const char **decode_list(struct decoder *dc, struct dmap root, const char *key, size_t *n)
{
	const struct ynode *list = dec_list(dc, root, key, false);
	*n = 0;
	if (!list)
		return NULL;
	const char **v = arena_alloc(dc->arena, (list->n + 1) * sizeof *v);
	for (size_t i = 0; i < list->n; i++) {
		struct text x;
		if (dec_field_text(dc, list->items[i], key, "[]", &x))
			v[(*n)++] = x.s;
	}
	return v;
}

/* Ids must be unique for lookups to mean anything: reports the second. */
static void check_unique_ids(struct decoder *dc, const char *what, const void *base, size_t n, size_t stride,
			     size_t id_offset, size_t at_offset)
{
	for (size_t i = 0; i < n; i++) {
		const char *item = (const char *)base + i * stride;
		const char *id = *(const char *const *)(item + id_offset);
		for (size_t j = 0; j < i; j++) {
			const char *other = (const char *)base + j * stride;
			if (strcmp(id, *(const char *const *)(other + id_offset)) != 0)
				continue;
			const struct pos *at = (const struct pos *)(item + at_offset);
			char *msg = arena_printf(dc->arena, "%s: \"%s\" hai lần\x1F%s: \"%s\" twice", what, id, what, id);
			diag(dc->d, DIAG_TEMPLATE_INVALID, dc->path, *at, msg, NULL);
			dc->failed = true;
			break;
		}
	}
}

bool template_decode(struct template *t, const struct ydoc *doc, struct arena *arena, struct diags *d)
{
	struct decoder dc = {.path = doc->src->path, .d = d, .arena = arena};
	*t = (struct template){.path = doc->src->path};
	struct dmap root = dec_root(&dc, doc->root, KEYS(template));
	if (!root.node)
		return false;
	t->name = req_text(&dc, root, "name");
	words_decode(&t->w, &dc, root);
	decode_documents(&dc, t, root);
	decode_signature(&dc, t, root);
	t->recipients = decode_list(&dc, root, "recipients", &t->n_recipients);
	t->report_recipients = decode_list(&dc, root, "report_recipients", &t->n_report_recipients);
	decode_steps(&dc, t, root);
	t->custom_at_start = dec_flag(&dc, root, "custom_at_start", false);
	t->topic_groups = decode_choices(&dc, root, "topic_groups", &t->n_topic_groups);
	t->formats = decode_choices(&dc, root, "formats", &t->n_formats);
	t->grades = decode_choices(&dc, root, "grades", &t->n_grades);
	t->attendance_warning_percent = 90;
	dec_real(&dc, root, "attendance_warning_percent", 0, 100, false, &t->attendance_warning_percent);
	struct count_field minimum;
	dec_count(&dc, root, "meeting_minimum_minutes", 24 * 60, false, &minimum);
	t->meeting_minimum_minutes = minimum.set ? minimum.v : 90;
	t->warn_absent_without_reason = dec_flag(&dc, root, "warn_absent_without_reason", true);
	t->warn_placeholders = dec_flag(&dc, root, "warn_placeholders", true);
	t->warn_no_diacritics = dec_flag(&dc, root, "warn_no_diacritics", true);
	decode_page(&dc, t, root);
	decode_fonts(&dc, t, root);
	decode_sizes(&dc, t, root);
	if (dc.failed)
		return false;

	check_unique_ids(&dc, "steps", t->steps, t->n_steps, sizeof *t->steps,
			 offsetof(struct template_step, id), offsetof(struct template_step, at));
	check_unique_ids(&dc, "topic_groups", t->topic_groups, t->n_topic_groups, sizeof *t->topic_groups,
			 offsetof(struct template_choice, id), offsetof(struct template_choice, at));
	check_unique_ids(&dc, "formats", t->formats, t->n_formats, sizeof *t->formats,
			 offsetof(struct template_choice, id), offsetof(struct template_choice, at));
	check_unique_ids(&dc, "grades", t->grades, t->n_grades, sizeof *t->grades,
			 offsetof(struct template_choice, id), offsetof(struct template_choice, at));
	if (t->n_steps == 0) {
		diag(d, DIAG_TEMPLATE_INVALID, dc.path, t->steps_at, BI("không có bước nào", "no steps"), NULL);
		dc.failed = true;
	}
	return !dc.failed;
}

/* The item whose id is id, else the first whose label (at label_offset,
 * and at short_offset when not 0) is id as a user types it: any case,
 * spacing, NFC or NFD (plan-format.md §1). */
static int find_id(const char *id, const void *base, size_t n, size_t stride, size_t label_offset,
		   size_t short_offset)
{
	for (size_t i = 0; i < n; i++) {
		const char *const *p = (const char *const *)((const char *)base + i * stride);
		if (strcmp(*p, id) == 0)
			return (int)i;
	}
	for (size_t i = 0; i < n; i++) {
		const char *item = (const char *)base + i * stride;
		const char *label = *(const char *const *)(item + label_offset);
		const char *label_short = short_offset ? *(const char *const *)(item + short_offset) : NULL;
		if ((label && text_same_label(id, label)) || (label_short && text_same_label(id, label_short)))
			return (int)i;
	}
	return -1;
}

int template_step_index(const struct template *t, const char *id)
{
	return find_id(id, t->steps, t->n_steps, sizeof *t->steps, offsetof(struct template_step, label),
		       offsetof(struct template_step, label_short));
}

static int find_choice(const char *id, const struct template_choice *v, size_t n)
{
	return find_id(id, v, n, sizeof *v, offsetof(struct template_choice, label), 0);
}

int template_topic_group(const struct template *t, const char *id)
{
	return find_choice(id, t->topic_groups, t->n_topic_groups);
}

int template_format(const struct template *t, const char *id)
{
	return find_choice(id, t->formats, t->n_formats);
}

int template_grade(const struct template *t, const char *id)
{
	return find_choice(id, t->grades, t->n_grades);
}

/* Template names are plain words: they never name a path. */
static bool valid_name(const char *name)
{
	if (!*name)
		return false;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
			return false;
	return true;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* "chi-bo, chi-doan": the templates in the folders, for the message. */
static const char *available(struct arena *arena, const char *const *dirs, size_t n_dirs)
{
	const char **names = NULL;
	size_t n = 0, cap = 0;
	for (size_t k = 0; k < n_dirs; k++) {
		char **entries;
		size_t count;
		if (!os_list_dir(dirs[k], &entries, &count))
			continue;
		for (size_t i = 0; i < count; i++) {
			const char *s = entries[i];
			size_t len = strlen(s);
			if (s[0] != '.' && len > 5 && strcmp(s + len - 5, ".yaml") == 0)
				*VEC_PUSH(names, n, cap) = arena_strndup(arena, s, len - 5);
		}
		os_names_free(entries, count);
	}
	if (n)
		qsort(names, n, sizeof *names, by_name);
	struct buf b = {0};
	for (size_t i = 0; i < n; i++)
		if (i == 0 || strcmp(names[i], names[i - 1]) != 0)
			buf_printf(&b, "%s%s", b.len ? ", " : "", names[i]);
	free(names);
	const char *list = arena_strdup(arena, b.len ? b.data : BI("không có mẫu nào", "none"));
	buf_free(&b);
	return list;
}

/* The first folder that has the template, or NULL. */
static const char *template_path(struct arena *arena, const char *name, const char *const *dirs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *path = arena_printf(arena, "%s/%s.yaml", dirs[i], name);
		struct stat st;
		if (os_stat(path, &st) == 0)
			return path;
	}
	return NULL;
}

bool template_load(struct template *t, const char *name, const char *file, struct pos at,
		   struct arena *arena, struct diags *d)
{
	const char *dirs[TEMPLATE_DIRS_MAX];
	size_t n = template_dirs(arena, dirs);
	const char *path = valid_name(name) ? template_path(arena, name, dirs, n) : NULL;
	if (!path) {
		diag(d, DIAG_UNKNOWN_TEMPLATE, file, at, name, searched_folders(arena, dirs, n),
		     available(arena, dirs, n), NULL);
		return false;
	}
	struct source src;
	if (!source_read(&src, path, LIMIT_YAML_BYTES, d))
		return false;
	/* a template that ships, unedited: its tree as the build parsed it */
	const struct yfrozen *frozen = yfrozen_find(src.bytes, src.len);
	struct ydoc doc;
	bool ok;
	if (frozen) {
		ydoc_thaw(&doc, &src, frozen, arena);
		ok = template_decode(t, &doc, arena, d);
	} else {
		ok = source_check_text(&src, d) && source_check_tabs(&src, d) && ydoc_load(&doc, &src, arena, d) &&
		     template_decode(t, &doc, arena, d);
	}
	t->file = src.id;
	t->file_known = src.known;
	/* The source's bytes are not referenced by the tree: scalars are copies. */
	src.path = path;
	source_free(&src);
	return ok;
}
