#include "diag.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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

/* An argument "vi\x1Fen" yields its part in language lang. */
static void add_arg(struct buf *b, const char *arg, int lang)
{
	const char *sep = strchr(arg, '\x1F');
	if (!sep)
		buf_adds(b, arg);
	else if (lang == 0)
		buf_add(b, arg, (size_t)(sep - arg));
	else
		buf_adds(b, sep + 1);
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

	enum diag_level level = table[code].level;
	if (level == LEVEL_SYSTEM)
		d->system++;
	else if (level == LEVEL_ERROR)
		d->errors++;
	else
		d->warnings++;

	if (d->per_file_limit && d->in_file >= d->per_file_limit) {
		if (d->in_file++ == d->per_file_limit) {
			char limit[32];
			snprintf(limit, sizeof limit, "%zu", d->per_file_limit);
			const char *a[] = {limit};
			struct diag *x = VEC_PUSH(d->v, d->n, d->cap);
			*x = (struct diag){DIAG_TOO_MANY_DIAGNOSTICS, xstrdup(file), {INT32_MAX, 0},
				diag_format(DIAG_TOO_MANY_DIAGNOSTICS, 0, a, 1),
				diag_format(DIAG_TOO_MANY_DIAGNOSTICS, 1, a, 1), d->n};
		}
		return;
	}
	d->in_file++;
	struct diag *x = VEC_PUSH(d->v, d->n, d->cap);
	*x = (struct diag){code, xstrdup(file), at, diag_format(code, 0, args, nargs),
		diag_format(code, 1, args, nargs), d->n};
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
	return l == LEVEL_WARNING ? "warning" : "error";
}

static void print_text(FILE *out, const struct diag *x)
{
	if (x->at.line > 0 && x->at.line != INT32_MAX)
		fprintf(out, "%s:%d:%d: ", x->file, x->at.line, x->at.col);
	else
		fprintf(out, "%s: ", x->file);
	fprintf(out, "%s: [%s] %s — %s\n", level_name(table[x->code].level),
		table[x->code].name, x->vi, x->en);
}

static void print_json(struct diags *d, const struct diag *x)
{
	FILE *out = d->out;
	fputs(d->json_started ? ",\n  {" : "[\n  {", out);
	d->json_started = true;
	fputs("\"file\": ", out);
	json_string(out, x->file);
	int line = x->at.line == INT32_MAX ? 0 : x->at.line;
	fprintf(out, ", \"line\": %d, \"column\": %d, \"level\": \"%s\", \"code\": \"%s\", ",
		line, x->at.col, level_name(table[x->code].level), table[x->code].name);
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
		enum diag_level level = table[x->code].level;
		bool shown = !(d->quiet_warnings && level == LEVEL_WARNING) &&
			     !(d->only_system && level != LEVEL_SYSTEM);
		if (shown) {
			if (d->json)
				print_json(d, x);
			else
				print_text(d->out, x);
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
