#include "diag.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "util.h"

static const struct {
	const char *name;
	enum diag_level level;
	const char *text[2];
} table[DIAG_COUNT] = {
#define D(code, lvl, vi, en) [DIAG_##code] = {#code, LEVEL_##lvl, {vi, en}},
#include "diag.def"
#undef D
};

#define MAX_ARGS 8

const char *diag_code_name(enum diag_code code)
{
	return table[code].name;
}

enum diag_level diag_code_level(enum diag_code code)
{
	return table[code].level;
}

static void add_control(struct buf *b, unsigned c)
{
	if (c == '\n')
		buf_adds(b, "\\n");
	else if (c == '\r')
		buf_adds(b, "\\r");
	else if (c == '\t')
		buf_adds(b, "\\t");
	else
		buf_printf(b, "\\u%04X", c);
}

/* Appends s[0..n) with its control characters escaped: values come from
 * the input, and a line break or a terminal escape in one must not forge a
 * second diagnostic line or drive the terminal. LF, CR and tab read \n, \r,
 * \t; the other C0 controls, DEL and C1 (U+0080-U+009F) read \u00XX; a
 * byte that is not UTF-8 (a file name can hold any) reads \xFF, so that
 * the JSON output stays valid. The JSON output escapes the backslash
 * again, so its messages are these same one-line texts. */
static void add_escaped(struct buf *b, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = p[i] < 0x80 ? 1 : utf8_decode(s + i, n - i, &cp);
		if (len == 0) {
			buf_printf(b, "\\x%02X", p[i]);
			i++;
		} else if (len == 2 && cp >= 0x80 && cp <= 0x9F) {
			add_control(b, cp);
			i += 2;
		} else if (len == 1 && (p[i] < 0x20 || p[i] == 0x7F)) {
			add_control(b, p[i]);
			i++;
		} else {
			buf_add(b, s + i, len);
			i += len;
		}
	}
}

/* A file name as diagnostics show it: escaped like the arguments. */
static char *escaped_name(const char *s)
{
	struct buf b = {0};
	add_escaped(&b, s, strlen(s));
	buf_grow(&b, 0);
	return b.data;
}

/* An argument "vi\x1Fen" yields its part in language lang. */
static void add_arg(struct buf *b, const char *arg, int lang)
{
	const char *sep = strchr(arg, '\x1F');
	if (!sep)
		add_escaped(b, arg, strlen(arg));
	else if (lang == 0)
		add_escaped(b, arg, (size_t)(sep - arg));
	else
		add_escaped(b, sep + 1, strlen(sep + 1));
}

char *diag_format(enum diag_code code, int lang, const char *const *args, size_t nargs)
{
	struct buf b = {0};
	size_t next = 0;
	for (const char *p = table[code].text[lang]; *p; p++) {
		if (p[0] == '%' && p[1] == 's') {
			add_arg(&b, next < nargs ? args[next] : "", lang);
			next++;
			p++;
		} else {
			buf_addc(&b, *p);
		}
	}
	buf_grow(&b, 0);
	return b.data;
}

void diags_init(struct diags *d, FILE *out, bool json)
{
	*d = (struct diags){.out = out, .json = json, .per_file_limit = 100};
}

/* The notice TOO_MANY_DIAGNOSTICS sits at this line: after all the others
 * of its file. */
#define NOTICE_LINE INT32_MAX

static bool is_notice(const struct diag *x)
{
	return x->at.line == NOTICE_LINE;
}

static int severity(enum diag_level l)
{
	return l == LEVEL_SYSTEM ? 3 : l == LEVEL_ERROR ? 2 : l == LEVEL_WARNING ? 1 : 0;
}

/* Past the per-file limit a diagnostic is only counted. The first one
 * dropped leaves the notice TOO_MANY_DIAGNOSTICS, which stands for all of
 * them: it takes the level of the worst dropped, so that it is a warning
 * when only warnings were dropped (hidden with them under -q) and agrees
 * with the exit status. */
static void drop(struct diags *d, enum diag_code code, const char *file)
{
	enum diag_level level = table[code].level;
	if (d->in_file++ > d->per_file_limit) {
		struct diag *notice = &d->v[d->n - 1];  /* nothing is kept after it */
		if (severity(level) > severity(notice->level))
			notice->level = level;
		return;
	}
	char limit[32];
	snprintf(limit, sizeof limit, "%zu", d->per_file_limit);
	const char *a[] = {limit};
	struct diag *x = VEC_PUSH(d->v, d->n, d->cap);
	*x = (struct diag){DIAG_TOO_MANY_DIAGNOSTICS, level, escaped_name(file), {NOTICE_LINE, 0},
		diag_format(DIAG_TOO_MANY_DIAGNOSTICS, 0, a, 1),
		diag_format(DIAG_TOO_MANY_DIAGNOSTICS, 1, a, 1), d->n};
}

/* Counts one diagnostic of code; false when it is past the per-file
 * limit (then dropped, counted only). */
static bool count(struct diags *d, enum diag_code code, const char *file)
{
	enum diag_level level = table[code].level;
	if (level == LEVEL_SYSTEM)
		d->system++;
	else if (level == LEVEL_ERROR)
		d->errors++;
	else if (level == LEVEL_WARNING)
		d->warnings++;
	else
		d->notes++;

	if (d->per_file_limit && d->in_file >= d->per_file_limit) {
		drop(d, code, file);
		return false;
	}
	d->in_file++;
	return true;
}

void diag(struct diags *d, enum diag_code code, const char *file, struct pos at, ...)
{
	const char *args[MAX_ARGS];
	size_t nargs = 0;
	va_list ap;
	va_start(ap, at);
	for (const char *a; (a = va_arg(ap, const char *)) != NULL;)
		if (nargs < MAX_ARGS)
			args[nargs++] = a;
	va_end(ap);

	if (!count(d, code, file))
		return;
	struct diag *x = VEC_PUSH(d->v, d->n, d->cap);
	*x = (struct diag){code, table[code].level, escaped_name(file), at, diag_format(code, 0, args, nargs),
		diag_format(code, 1, args, nargs), d->n};
}

void diags_append(struct diags *d, struct diags *from)
{
	for (size_t i = 0; i < from->n; i++) {
		struct diag *x = &from->v[i];
		/* the file is escaped already: escaping it again changes nothing */
		if (count(d, x->code, x->file)) {
			struct diag *y = VEC_PUSH(d->v, d->n, d->cap);
			*y = *x;
			y->seq = d->n;
		} else {
			free(x->file);
			free(x->vi);
			free(x->en);
		}
	}
	from->n = 0;
	from->in_file = 0;
}

void diags_discard(struct diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].vi);
		free(d->v[i].en);
	}
	free(d->v);
	d->v = NULL;
	d->n = d->cap = 0;
	d->in_file = 0;
}

static int by_position(const void *pa, const void *pb)
{
	const struct diag *a = pa, *b = pb;
	int c = strcmp(a->file, b->file);
	if (c)
		return c;
	if (a->at.line != b->at.line)
		return a->at.line < b->at.line ? -1 : 1;
	if (a->at.col != b->at.col)
		return a->at.col < b->at.col ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void json_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(out, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", out);
		else if (*p < 0x20)
			fprintf(out, "\\u%04x", *p);
		else
			fputc(*p, out);
	}
	fputc('"', out);
}

static const char *level_name(enum diag_level l)
{
	return l == LEVEL_WARNING ? "warning" : l == LEVEL_NOTE ? "note" : "error";
}

/* SGR colours as compilers use them: the position bold, the level in its
 * colour, the code dim. */
#define SGR_BOLD "\033[1m"
#define SGR_DIM "\033[2m"
#define SGR_OFF "\033[0m"

static const char *level_color(enum diag_level l)
{
	return l == LEVEL_WARNING ? "\033[1;35m" : l == LEVEL_NOTE ? "\033[1;36m" : "\033[1;31m";
}

static void print_text(const struct diags *d, const struct diag *x)
{
	FILE *out = d->out;
	const char *bold = d->color ? SGR_BOLD : "", *off = d->color ? SGR_OFF : "";
	if (x->at.line > 0 && !is_notice(x))
		fprintf(out, "%s%s:%d:%d:%s ", bold, x->file, x->at.line, x->at.col, off);
	else
		fprintf(out, "%s%s:%s ", bold, x->file, off);
	fprintf(out, "%s%s:%s %s[%s]%s ", d->color ? level_color(x->level) : "", level_name(x->level), off,
		d->color ? SGR_DIM : "", table[x->code].name, off);
	print_bi(out, d->lang, x->vi, x->en);
}

bool print_bi(FILE *out, enum msg_lang lang, const char *vi, const char *en)
{
	int n = lang == LANG_VI ? fprintf(out, "%s\n", vi)
		: lang == LANG_EN ? fprintf(out, "%s\n", en)
		: fprintf(out, "%s — %s\n", vi, en);
	return n >= 0;
}

void diag_log(const struct diags *d, const char *verb_vi, const char *verb_en, const char *path)
{
	if (!d->log)
		return;
	char *name = escaped_name(path);
	fputs("chuyende: ", d->log);
	if (d->lang == LANG_VI)
		fprintf(d->log, "%s: %s\n", verb_vi, name);
	else if (d->lang == LANG_EN)
		fprintf(d->log, "%s: %s\n", verb_en, name);
	else
		fprintf(d->log, "%s — %s: %s\n", verb_vi, verb_en, name);
	free(name);
}

static void print_json(struct diags *d, const struct diag *x)
{
	FILE *out = d->out;
	fputs(d->json_started ? ",\n  {" : "[\n  {", out);
	d->json_started = true;
	fputs("\"file\": ", out);
	json_string(out, x->file);
	int line = is_notice(x) ? 0 : x->at.line;
	fprintf(out, ", \"line\": %d, \"column\": %d, \"level\": \"%s\", \"code\": \"%s\", ",
		line, x->at.col, level_name(x->level), table[x->code].name);
	fputs("\"message_vi\": ", out);
	json_string(out, x->vi);
	fputs(", \"message_en\": ", out);
	json_string(out, x->en);
	fputc('}', out);
}

void diags_flush(struct diags *d)
{
	if (d->n)  /* qsort of NULL is undefined even for 0 items */
		qsort(d->v, d->n, sizeof *d->v, by_position);
	for (size_t i = 0; i < d->n; i++) {
		struct diag *x = &d->v[i];
		enum diag_level level = x->level;
		bool of_report = x->code == DIAG_UNIT_NAME_FOLDED || x->code == DIAG_UNIT_NAME_NEAR ||
				 x->code == DIAG_UNIT_NOT_LISTED;
		bool shown = (d->report_only && of_report) ||
			     (!(d->quiet_warnings && (level == LEVEL_WARNING || level == LEVEL_NOTE)) &&
			      !(d->only_system && level != LEVEL_SYSTEM));
		if (shown) {
			if (d->json)
				print_json(d, x);
			else
				print_text(d, x);
		}
		free(x->file);
		free(x->vi);
		free(x->en);
	}
	d->n = 0;
	d->in_file = 0;
	fflush(d->out);
}

void diags_finish(struct diags *d)
{
	diags_flush(d);
	if (d->json)
		fputs(d->json_started ? "\n]\n" : "[]\n", d->out);
	free(d->v);
	d->v = NULL;
	d->cap = 0;
}

int diags_exit_status(const struct diags *d)
{
	if (d->system)
		return EXIT_SYSTEM;
	return d->errors ? EXIT_INPUT : EXIT_OK;
}
