#include "decode.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

const char *dec_field_name(struct decoder *dc, const char *parent, const char *key)
{
	if (!parent || !*parent)
		return key;
	/* the same few names for each item of a list: thousands in a register */
	for (size_t i = 0; i < DEC_NAMES; i++)
		if (dc->names[i].parent == parent && dc->names[i].key == key)
			return dc->names[i].full;
	size_t np = strlen(parent), nk = strlen(key);
	char *full = arena_alloc(dc->arena, np + nk + 2);
	memcpy(full, parent, np);
	full[np] = '.';
	memcpy(full + np + 1, key, nk + 1);
	dc->names[dc->next_name] = (struct dec_name){parent, key, full};
	dc->next_name = (dc->next_name + 1) % DEC_NAMES;
	return full;
}

const char *dec_join(struct decoder *dc, const char *const *words, size_t n)
{
	struct buf b = {0};
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", words[i]);
	buf_grow(&b, 0);
	const char *s = arena_strdup(dc->arena, b.data);
	buf_free(&b);
	return s;
}

const char *dec_suggestion(struct decoder *dc, const char *word, const char *const *candidates, size_t n)
{
	const char *best = did_you_mean(word, candidates, n);
	if (!best)
		return "";
	return arena_printf(dc->arena, "; có phải là \"%s\"?\x1F; did you mean \"%s\"?", best, best);
}

/* Vietnamese names of the keys of plans, drafts, report notes and units
 * registers, kept beside the keys of plan.c, draft.c and units.c. A word
 * may name keys of several mappings ("tên": a cell's name, a draft's
 * title): only the keys of the mapping at hand are offered. */
const struct key_word key_words_vi[] = {
	{"mẫu|mẫu giấy tờ", "template"},
	{"tổ chức|chi bộ|đơn vị|cơ quan", "organization"},
	{"cấp trên|cấp ủy cấp trên|đảng bộ", "superior"},
	{"tên|tên chi bộ|tên đơn vị|họ tên|họ và tên", "name"},
	{"địa danh|nơi|tỉnh", "place"},
	{"đảng viên|số đảng viên|thành viên|số lượng", "members"},
	{"chính thức|đảng viên chính thức", "official"},
	{"dự bị|đảng viên dự bị", "probationary"},
	{"miễn|miễn sinh hoạt", "exempt"},
	{"buổi sinh hoạt|sinh hoạt|cuộc họp|buổi họp", "meeting"},
	{"số|số văn bản|số hiệu|số ký hiệu", "number"},
	{"chuyên đề|chủ đề|tên chuyên đề|nội dung chuyên đề", "topic"},
	{"nhóm|nhóm vấn đề|nhóm chuyên đề|loại|phân loại", "category"},
	{"ngày|ngày sinh hoạt|ngày họp|ngày ban hành", "date"},
	{"bắt đầu|giờ bắt đầu|giờ|từ", "start"},
	{"kết thúc|giờ kết thúc|đến", "end"},
	{"địa điểm|nơi họp|nơi sinh hoạt", "location"},
	{"trạng thái|tình trạng", "status"},
	{"hình thức|hình thức sinh hoạt", "formats"},
	{"kết hợp|sinh hoạt thường kỳ|kết hợp thường kỳ", "combined_with_regular"},
	{"thành phần|người|nhân sự|người tham gia", "people"},
	{"chủ trì|người chủ trì|chủ tọa", "chair"},
	{"chức vụ chủ trì|chức vụ người chủ trì|chức vụ", "chair_title"},
	{"thư ký|người ghi biên bản|bí thư", "secretary"},
	{"chức vụ|chức danh|chức vụ bí thư", "secretary_title"},
	{"trình bày|người trình bày|báo cáo viên|người báo cáo", "presenter"},
	{"đại biểu|khách mời", "delegates"},
	{"tham luận|các tham luận", "contributions"},
	{"đảng viên|người tham luận|người viết", "member"},
	{"chức vụ|chức danh|tiêu đề|tên bài|tên", "title"},
	{"chuẩn bị|các bước chuẩn bị", "preparation"},
	{"thống nhất chuyên đề|chọn chuyên đề|ngày thống nhất", "topic_agreed"},
	{"phân công|ngày phân công", "presenter_assigned"},
	{"duyệt đề dẫn|ngày duyệt|ngày duyệt đề dẫn", "draft_approved"},
	{"gửi đề dẫn|ngày gửi|ngày gửi đề dẫn", "draft_sent"},
	{"dự họp|điểm danh|số dự|tham dự", "attendance"},
	{"có mặt|số có mặt", "present"},
	{"vắng|vắng mặt", "absent"},
	{"lý do", "reason"},
	{"đề dẫn|bản đề dẫn|bản thảo", "draft"},
	{"biên bản|diễn biến|ghi chép", "record"},
	{"các bước|ghi chép các bước", "steps"},
	{"ý kiến|phát biểu|các ý kiến", "opinions"},
	{"người phát biểu|người nói", "speaker"},
	{"nội dung|ý kiến", "text"},
	{"tiếp thu|giải trình|tiếp thu giải trình", "response"},
	{"kết luận", "conclusion"},
	{"nghị quyết|biểu quyết", "resolution"},
	{"tán thành|đồng ý", "for"},
	{"không tán thành|không đồng ý|phản đối", "against"},
	{"không biểu quyết|phiếu trắng", "abstain"},
	{"xếp loại|đánh giá", "grade"},
	{"chương trình|các bước", "agenda"},
	{"bước", "step"},
	{"thời gian|giờ", "time"},
	{"người thực hiện|người phụ trách", "person"},
	{"mục|các mục|nội dung", "items"},
	{"tác giả|người viết", "author"},
	{"người duyệt|duyệt", "approved_by"},
	{"ngày duyệt", "approved_on"},
	{"người ký|ký", "signer"},
	{"đơn vị|các đơn vị|danh sách đơn vị|chi bộ", "units"},
};
const size_t n_key_words_vi = COUNT_OF(key_words_vi);

/* True when bare (a key as text_name_key(, true) makes it) is one of the
 * "|"-parted words of list, made the same way. */
static bool names_key(const char *bare, const char *list)
{
	size_t n = strlen(bare);
	for (const char *p = list; *p;) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);
		if (len == n && memcmp(p, bare, n) == 0)
			return true;
		p += len + (bar != NULL);
	}
	return false;
}

const char *key_from_vietnamese(struct decoder *dc, const char *word, const char *const *known, size_t nknown)
{
	/* English keys are ASCII words: only other words can be Vietnamese */
	bool plain = true;
	for (const char *p = word; *p && plain; p++)
		plain = (*p >= 'a' && *p <= 'z') || *p == '_';
	if (plain && !strchr(word, ' ') && nknown && did_you_mean(word, known, nknown))
		return NULL;
	if (!dc->key_words_bare) {
		/* the table without marks, made once per decoder: a file of many
		 * unknown keys costs one comparison per word */
		dc->key_words_bare = arena_alloc(dc->arena, n_key_words_vi * sizeof *dc->key_words_bare);
		for (size_t i = 0; i < n_key_words_vi; i++) {
			char *k = text_name_key(key_words_vi[i].vi, true);
			dc->key_words_bare[i] = arena_strdup(dc->arena, k);
			free(k);
		}
	}
	char *bare = text_name_key(word, true);
	const char *found = NULL;
	for (size_t i = 0; i < n_key_words_vi && !found && *bare; i++) {
		if (!names_key(bare, dc->key_words_bare[i]))
			continue;
		for (size_t j = 0; j < nknown && !found; j++)
			if (strcmp(known[j], key_words_vi[i].key) == 0)
				found = known[j];
	}
	free(bare);
	return found;
}

static void note_typo(struct decoder *dc, const struct ynode *map, const char *meant)
{
	struct key_typo *t = arena_alloc(dc->arena, sizeof *t);
	*t = (struct key_typo){map, meant, dc->typos};
	dc->typos = t;
}

/* True when an unknown key of map was taken for key (and reported so). */
static bool typo_of(const struct decoder *dc, const struct ynode *map, const char *key)
{
	for (const struct key_typo *t = dc->typos; t; t = t->next)
		if (t->map == map && strcmp(t->meant, key) == 0)
			return true;
	return false;
}

static void wrong_type(struct decoder *dc, const struct ynode *n, const char *name, const char *expected)
{
	diag(dc->d, DIAG_WRONG_TYPE, dc->path, n->at, name, expected, NULL);
	dc->failed = true;
}

void dec_known_keys(struct decoder *dc, const struct ynode *map, const char *name,
		    const char *const *known, size_t nknown)
{
	size_t next = 0;
	for (size_t i = 0; i < map->n; i++) {
		const struct ynode *k = map->keys[i];
		if (k->kind != YNODE_SCALAR) {
			wrong_type(dc, k, name[0] ? name : "key", BI("một khóa dạng chữ", "a plain key"));
			continue;
		}
		/* keys mostly come in the order they are known: the search
		 * starts after the last one found and goes round */
		bool found = false;
		for (size_t j = 0; j < nknown && !found; j++) {
			size_t at = next + j < nknown ? next + j : next + j - nknown;
			found = strcmp(k->str, known[at]) == 0;
			if (found)
				next = at + 1;
		}
		if (!found) {
			const char *full = dec_field_name(dc, name, k->str);
			const char *vi = key_from_vietnamese(dc, k->str, known, nknown);
			const char *meant = vi ? vi : did_you_mean(k->str, known, nknown);
			const char *hint = vi ? arena_printf(dc->arena, "; có phải là \"%s\"? Khóa viết bằng tiếng Anh"
							    "\x1F; did you mean \"%s\"? Keys are written in English", vi, vi)
				       : meant ? arena_printf(dc->arena, "; có phải là \"%s\"?\x1F; did you mean \"%s\"?", meant, meant)
					       : "";
			diag(dc->d, DIAG_UNKNOWN_KEY, dc->path, k->at, full, hint, NULL);
			if (meant && !ymap_get(map, meant))
				note_typo(dc, map, meant);
			dc->failed = true;
		}
	}
}

struct dmap dec_root(struct decoder *dc, const struct ynode *root, const char *const *known, size_t nknown)
{
	struct dmap m = {NULL, "", root->at};
	if (root->kind != YNODE_MAP) {
		wrong_type(dc, root, BI("tệp", "the file"), ynode_kind_name(&(struct ynode){.kind = YNODE_MAP}));
		return m;
	}
	dec_known_keys(dc, root, "", known, nknown);
	m.node = root;
	return m;
}

/* The value under key; reports a missing required field. */
static const struct ynode *field(struct decoder *dc, struct dmap m, const char *key, bool required)
{
	const struct ynode *n = m.node ? ymap_get(m.node, key) : NULL;
	if (n && ynode_is_null(n))
		n = NULL;
	/* a misspelt key was reported as unknown, with this one suggested */
	if (!n && required && (m.node || !m.name[0]) && !(m.node && typo_of(dc, m.node, key))) {
		diag(dc->d, DIAG_MISSING_FIELD, dc->path, m.at, dec_field_name(dc, m.name, key), NULL);
		dc->failed = true;
	}
	return n;
}

struct dmap dec_item_map(struct decoder *dc, const struct ynode *node, const char *name,
			 const char *const *known, size_t nknown)
{
	struct dmap m = {NULL, name, node->at};
	if (node->kind != YNODE_MAP) {
		wrong_type(dc, node, name, BI("một ánh xạ (khóa: giá trị)", "a mapping (key: value)"));
		return m;
	}
	dec_known_keys(dc, node, name, known, nknown);
	m.node = node;
	return m;
}

struct dmap dec_map(struct decoder *dc, struct dmap parent, const char *key,
		    const char *const *known, size_t nknown, bool required)
{
	const char *name = dec_field_name(dc, parent.name, key);
	const struct ynode *n = field(dc, parent, key, required);
	if (!n)
		return (struct dmap){NULL, name, parent.at};
	return dec_item_map(dc, n, name, known, nknown);
}

const struct ynode *dec_list(struct decoder *dc, struct dmap m, const char *key, bool required)
{
	const struct ynode *n = field(dc, m, key, required);
	if (n && n->kind != YNODE_SEQ) {
		wrong_type(dc, n, dec_field_name(dc, m.name, key), BI("một danh sách", "a list"));
		return NULL;
	}
	return n;
}

bool dec_field_text(struct decoder *dc, const struct ynode *n, const char *parent, const char *key,
		    struct text *out)
{
	if (n->kind != YNODE_SCALAR) {
		wrong_type(dc, n, dec_field_name(dc, parent, key), BI("văn bản", "text"));
		return false;
	}
	/* Leading and trailing spaces never mean anything in these papers. */
	const char *s = n->str, *e = n->str + n->len;
	while (s < e && (*s == ' ' || *s == '\n' || *s == '\t'))
		s++;
	while (e > s && (e[-1] == ' ' || e[-1] == '\n' || e[-1] == '\t'))
		e--;
	if (s == e) {
		diag(dc->d, DIAG_EMPTY_VALUE, dc->path, n->at, dec_field_name(dc, parent, key), NULL);
		dc->failed = true;
		return false;
	}
	/* Escapes let any character in ("\x1b", "\u009b", "\x7f"); a text may
	 * hold line breaks and tabs (printed as spaces), no other control. */
	uint32_t cp;
	if (!n->no_controls && text_control_at(s, (size_t)(e - s), false, &cp) < (size_t)(e - s)) {
		char hex[16];
		snprintf(hex, sizeof hex, "%04X", (unsigned)cp);
		diag(dc->d, DIAG_CONTROL_CHAR, dc->path, n->at, hex, NULL);
		dc->failed = true;
		return false;
	}
	out->s = arena_strndup(dc->arena, s, (size_t)(e - s));
	out->at = n->at;
	return true;
}

bool dec_node_text(struct decoder *dc, const struct ynode *n, const char *name, struct text *out)
{
	return dec_field_text(dc, n, NULL, name, out);
}

void dec_text(struct decoder *dc, struct dmap m, const char *key, bool required, struct text *out)
{
	*out = (struct text){0};
	const struct ynode *n = field(dc, m, key, required);
	if (n)
		dec_field_text(dc, n, m.name, key, out);
}

/* The scalar under key, or NULL (reporting a wrong type). */
static const struct ynode *scalar(struct decoder *dc, struct dmap m, const char *key, bool required,
				  const char *expected)
{
	const struct ynode *n = field(dc, m, key, required);
	if (n && n->kind != YNODE_SCALAR) {
		wrong_type(dc, n, dec_field_name(dc, m.name, key), expected);
		return NULL;
	}
	return n;
}

void dec_date(struct decoder *dc, struct dmap m, const char *key, bool required, struct date_field *out)
{
	*out = (struct date_field){0};
	const struct ynode *n = scalar(dc, m, key, required, BI("một ngày (YYYY-MM-DD)", "a date (YYYY-MM-DD)"));
	if (!n)
		return;
	const char *why = date_parse(n->str, &out->v);
	if (why) {
		diag(dc->d, DIAG_INVALID_DATE, dc->path, n->at, n->str, why, NULL);
		dc->failed = true;
		return;
	}
	out->at = n->at;
	out->set = true;
}

void dec_clock(struct decoder *dc, struct dmap m, const char *key, bool required, struct clock_field *out)
{
	*out = (struct clock_field){0};
	const struct ynode *n = scalar(dc, m, key, required, BI("giờ dạng \"HH:MM\"", "a time \"HH:MM\""));
	if (!n)
		return;
	int minutes = clock_parse(n->str);
	if (minutes < 0) {
		diag(dc->d, DIAG_INVALID_TIME, dc->path, n->at, n->str, NULL);
		dc->failed = true;
		return;
	}
	*out = (struct clock_field){minutes, n->at, true};
}

void dec_count(struct decoder *dc, struct dmap m, const char *key, long max, bool required, struct count_field *out)
{
	*out = (struct count_field){0};
	const struct ynode *n = scalar(dc, m, key, required, BI("một số nguyên", "a whole number"));
	if (!n) {
		out->invalid = ymap_get(m.node, key) != NULL;
		return;
	}
	bool ok = n->len > 0 && n->len <= 18;
	for (size_t i = 0; ok && i < n->len; i++)
		ok = n->str[i] >= '0' && n->str[i] <= '9';
	long v = ok ? strtol(n->str, NULL, 10) : -1;
	if (!ok || v > max) {
		char maxs[32];
		snprintf(maxs, sizeof maxs, "%ld", max);
		diag(dc->d, DIAG_INVALID_NUMBER, dc->path, n->at, dec_field_name(dc, m.name, key), maxs, n->str, NULL);
		dc->failed = true;
		out->invalid = true;
		return;
	}
	*out = (struct count_field){v, n->at, true, false};
}

void dec_choice(struct decoder *dc, struct dmap m, const char *key, const char *const *values,
		size_t nvalues, bool required, int *out, struct pos *at)
{
	dec_choice_labeled(dc, m, key, values, NULL, nvalues, required, out, at);
}

void dec_choice_labeled(struct decoder *dc, struct dmap m, const char *key, const char *const *values,
			const char *const *labels, size_t nvalues, bool required, int *out, struct pos *at)
{
	const struct ynode *n = scalar(dc, m, key, required, BI("một giá trị đơn", "a single value"));
	if (!n)
		return;
	/* the ids first: a label is folded and compared only when no id matches */
	for (int pass = 0; pass < (labels ? 2 : 1); pass++)
		for (size_t i = 0; i < nvalues; i++)
			if (pass == 0 ? strcmp(n->str, values[i]) == 0 : text_is_one_of_labels(n->str, labels[i])) {
				*out = (int)i;
				if (at)
					*at = n->at;
				return;
			}
	diag(dc->d, DIAG_INVALID_VALUE, dc->path, n->at, n->str, dec_field_name(dc, m.name, key),
	     dec_suggestion(dc, n->str, values, nvalues), dec_join(dc, values, nvalues), NULL);
	dc->failed = true;
}

bool dec_real(struct decoder *dc, struct dmap m, const char *key, double lo, double hi, bool required, double *out)
{
	const struct ynode *n = scalar(dc, m, key, required, BI("một số", "a number"));
	if (!n)
		return false;
	char *end;
	errno = 0;
	double v = strtod(n->str, &end);
	if (errno || end == n->str || *end || !(v >= lo && v <= hi)) {
		char from[32], to[32];
		snprintf(from, sizeof from, "%g", lo);
		snprintf(to, sizeof to, "%g", hi);
		diag(dc->d, DIAG_NUMBER_OUT_OF_RANGE, dc->path, n->at, dec_field_name(dc, m.name, key), from, to,
		     n->str, NULL);
		dc->failed = true;
		return false;
	}
	*out = v;
	return true;
}
