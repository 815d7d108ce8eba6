/* chuyende — prepares the papers of thematic party-cell meetings (sinh hoạt
 * chi bộ chuyên đề): checks plans, renders agendas, minutes forms, topic
 * papers and quarterly reports as PDFs.
 *
 * The command line is parsed by getopt_long from the tables of help.c, so
 * "-oFILE", "-qj2", "--output=FILE" and "--" mean what they mean to any
 * GNU tool; an option the command does not take is wrong usage. */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "date.h"
#include "help.h"
#include "os.h"
#include "output.h"
#include "syserr.h"
#include "text.h"
#include "util.h"
#include "watch.h"

#ifndef CHUYENDE_VERSION
#define CHUYENDE_VERSION "0.1.0"
#endif

static const struct {
	const char *name;
	int (*run)(const struct options *o);
} runs[] = {
	{"check", cmd_check},     {"agenda", cmd_agenda}, {"minutes", cmd_minutes}, {"paper", cmd_paper},
	{"report", cmd_report},   {"build", cmd_build},   {"archive", cmd_archive}, {"verify", cmd_verify},
	{"init", cmd_init},       {"schema", cmd_schema}, {"convert", cmd_convert},
};

void diags_for(struct diags *d, FILE *out, const struct options *o)
{
	diags_init(d, out, o->json);
	d->quiet_warnings = o->quiet;
	d->lang = o->lang;
	d->color = out == stdout ? o->color_stdout : out == stderr ? o->color_stderr : false;
	d->log = o->verbose ? stderr : NULL;
}

bool print_to_user(const struct options *o, const char *vi, const char *en)
{
	return print_bi(stdout, o->lang, vi, en);
}


void print_summary(const struct options *o, const char *vi, const char *en)
{
	fprintf(stderr, "chuyende %s: ", o->command);
	print_bi(stderr, o->lang, vi, en);
}

int usage_error(const struct options *o, const char *vi, const char *en)
{
	fputs("chuyende: ", stderr);
	print_bi(stderr, o->lang, vi, en);
	if (o->command && command_find(o->command))
		fprintf(stderr, "(chuyende help %s)\n", o->command);
	else
		fputs("(chuyende --help)\n", stderr);
	return EXIT_USAGE;
}

/* vi_* -> Vietnamese, en_* -> English, anything else -> both; the first
 * of LC_ALL, LC_MESSAGES, LANG that is set decides, as for any program. */
static enum msg_lang locale_lang(void)
{
	static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
	for (size_t i = 0; i < COUNT_OF(vars); i++) {
		const char *v = getenv(vars[i]);
		if (!v || !*v)
			continue;
		bool language = v[0] && v[1] && strchr("_.@", v[2] ? v[2] : '_');
		if (language && strncmp(v, "vi", 2) == 0)
			return LANG_VI;
		if (language && strncmp(v, "en", 2) == 0)
			return LANG_EN;
		return LANG_BOTH;
	}
	return LANG_BOTH;
}

/* --color=always wins over NO_COLOR (https://no-color.org); auto colours
 * a terminal that is not "dumb". */
static bool color_for(enum color_choice c, int fd)
{
	if (c != COLOR_AUTO)
		return c == COLOR_ALWAYS;
	const char *no = getenv("NO_COLOR"), *term = getenv("TERM");
	if ((no && *no) || (term && strcmp(term, "dumb") == 0))
		return false;
	return isatty(fd) == 1;
}

/* The parse: options, the command, what went wrong first. */
struct parse {
	struct options *o;
	unsigned seen;                /* OPT_BIT of each option given */
	const char *spelling[OPT_COUNT];  /* as typed, for messages */
	char *error_vi, *error_en;    /* the first problem, reported after the
	                               * whole line is read (--lang may follow) */
	bool help, version;
};

static void parse_error(struct parse *p, char *vi, char *en)
{
	if (p->error_vi) {
		free(vi);
		free(en);
		return;
	}
	p->error_vi = vi;
	p->error_en = en;
}

static char *xprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *xprintf(const char *fmt, ...)
{
	struct buf b = {0};
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	buf_grow(&b, 0);
	return b.data;
}

static const char *const color_words[] = {"auto", "always", "never"};
static const char *const lang_words[] = {"both", "vi", "en"};

static int word_index(const char *v, const char *const *words, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v, words[i]) == 0)
			return (int)i;
	return -1;
}

/* Takes the value of option id. */
static void take(struct parse *p, enum opt_id id, const char *v)
{
	struct options *o = p->o;
	switch (id) {
	case OPT_OUTPUT:
		if (!*v)
			parse_error(p, xprintf("-o cần một tên tệp"), xprintf("-o needs a file name"));
		o->output = v;
		break;
	case OPT_QUARTER: o->quarter = v; break;
	case OPT_YEAR: o->year = v; break;
	case OPT_UNITS: o->units = v; break;
	case OPT_TEMPLATE: o->template_name = v; break;
	case OPT_FROM: o->from = v; break;
	case OPT_JOBS: {
		char *end;
		long n = strtol(v, &end, 10);
		if (!*v || *end || n < 1 || n > 256)
			parse_error(p, xprintf("-j cần một số từ 1 đến 256, không phải \"%s\"", v),
				    xprintf("-j needs a number from 1 to 256, not \"%s\"", v));
		else
			o->jobs = (int)n;
		break;
	}
	case OPT_COLOR: {
		int i = word_index(v, color_words, COUNT_OF(color_words));
		if (i < 0)
			parse_error(p, xprintf("--color nhận auto, always hoặc never, không phải \"%s\"", v),
				    xprintf("--color takes auto, always or never, not \"%s\"", v));
		else
			o->color = (enum color_choice)i;
		break;
	}
	case OPT_LANG: {
		int i = word_index(v, lang_words, COUNT_OF(lang_words));
		if (i < 0)
			parse_error(p, xprintf("--lang nhận vi, en hoặc both, không phải \"%s\"", v),
				    xprintf("--lang takes vi, en or both, not \"%s\"", v));
		else
			o->lang = (enum msg_lang)i;
		break;
	}
	case OPT_JSON: o->json = true; break;
	case OPT_WATCH: o->watch = true; break;
	case OPT_DUMP_LAYOUT: o->dump_layout = true; break;
	case OPT_FORCE: o->force = true; break;
	case OPT_QUIET: o->quiet = true; break;
	case OPT_VERBOSE: o->verbose = true; break;
	case OPT_HELP: p->help = true; break;
	case OPT_VERSION: p->version = true; break;
	case OPT_COUNT: break;
	}
}

/* The option named by what getopt_long could not take: "--jsn", "-x". */
static void unknown_option(struct parse *p, const char *typed, int optopt_value)
{
	if (optopt_value >= 256) {  /* a flag given a value: --json=yes */
		const char *name = option_table[optopt_value - 256].long_name;
		parse_error(p, xprintf("--%s không nhận giá trị", name), xprintf("--%s takes no value", name));
		return;
	}
	if (optopt_value > 0) {
		parse_error(p, xprintf("tùy chọn không xác định -%c", optopt_value),
			    xprintf("unknown option -%c", optopt_value));
		return;
	}
	size_t n = strcspn(typed, "=");
	char *word = xstrndup(typed, n);
	const char *names[OPT_COUNT];
	for (int i = 0; i < OPT_COUNT; i++)
		names[i] = option_table[i].long_name;
	const char *near = n > 2 ? did_you_mean(word + 2, names, OPT_COUNT) : NULL;
	if (near)
		parse_error(p, xprintf("tùy chọn không xác định %s; có phải là --%s?", word, near),
			    xprintf("unknown option %s; did you mean --%s?", word, near));
	else
		parse_error(p, xprintf("tùy chọn không xác định %s", word), xprintf("unknown option %s", word));
	free(word);
}

static void missing_value(struct parse *p, const char *typed, int optopt_value)
{
	const struct option_info *info = NULL;
	for (int i = 0; i < OPT_COUNT; i++)
		if (optopt_value == 256 + i || (optopt_value && optopt_value == option_table[i].short_name))
			info = &option_table[i];
	const char *arg = info && info->arg ? info->arg : "?";
	parse_error(p, xprintf("%s cần một giá trị (%s)", typed, arg), xprintf("%s needs a value (%s)", typed, arg));
}

/* Reads every option and argument of argv; the first argument is the
 * command. getopt_long's optind and optarg are the C library's own state. */
static void parse_line(int argc, char **argv, struct parse *p)
{
	struct option longs[OPT_COUNT + 1];
	char shorts[2 * OPT_COUNT + 2] = ":";
	size_t ns = 1;
	for (int i = 0; i < OPT_COUNT; i++) {
		const struct option_info *info = &option_table[i];
		longs[i] = (struct option){info->long_name, info->arg ? required_argument : no_argument, NULL, 256 + i};
		if (info->short_name) {
			shorts[ns++] = info->short_name;
			if (info->arg)
				shorts[ns++] = ':';
		}
	}
	shorts[ns] = '\0';
	longs[OPT_COUNT] = (struct option){0};
	opterr = 0;
	optind = 0;  /* a full reset, in glibc and musl */
	int c;
	while ((c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
		const char *typed = argv[optind - 1];
		if (c == '?') {
			unknown_option(p, typed, optopt);
			continue;
		}
		if (c == ':') {
			missing_value(p, typed, optopt);
			continue;
		}
		int id = -1;
		for (int i = 0; i < OPT_COUNT && id < 0; i++)
			if (c == 256 + i || c == option_table[i].short_name)
				id = i;
		if (id < 0)
			continue;
		if (!(p->seen & OPT_BIT(id)))
			p->spelling[id] = c >= 256 ? option_table[id].long_name : NULL;
		p->seen |= OPT_BIT(id);
		take(p, (enum opt_id)id, optarg ? optarg : "");
	}
	struct options *o = p->o;
	o->args = xcalloc((size_t)argc + 1, sizeof *o->args);
	for (int i = optind; i < argc; i++)
		o->args[o->n_args++] = argv[i];
}

/* Options given that the command does not take: one usage error naming
 * them all. */
static int check_applies(const struct parse *p, const struct command_info *c)
{
	unsigned extra = p->seen & ~(c->opts | OPTS_COMMON);
	if (!extra)
		return -1;
	struct buf names = {0};
	for (int i = 0; i < OPT_COUNT; i++) {
		if (!(extra & OPT_BIT(i)))
			continue;
		const struct option_info *info = &option_table[i];
		if (names.len)
			buf_adds(&names, ", ");
		if (p->spelling[i] || !info->short_name)
			buf_printf(&names, "--%s", info->long_name);
		else
			buf_printf(&names, "-%c", info->short_name);
	}
	bool one = (extra & (extra - 1)) == 0;
	char *vi = xprintf("%s %s không dùng cho lệnh %s", one ? "tùy chọn" : "các tùy chọn", names.data, c->name);
	char *en = xprintf("%s %s %s not apply to %s", one ? "option" : "options", names.data, one ? "does" : "do",
			   c->name);
	int status = usage_error(p->o, vi, en);
	free(vi);
	free(en);
	buf_free(&names);
	return status;
}

/* chuyende help [COMMAND] */
static int run_help(const struct options *o)
{
	if (o->n_args == 1)
		return help_main(stdout, o->lang) ? EXIT_OK : EXIT_SYSTEM;
	if (o->n_args > 2)
		return usage_error(o, "help nhận nhiều nhất một lệnh", "help takes at most one command");
	const struct command_info *c = command_find(o->args[1]);
	if (c)
		return help_command(stdout, c, o->lang) ? EXIT_OK : EXIT_SYSTEM;
	const char *near = command_suggest(o->args[1]);
	char *vi = near ? xprintf("lệnh không xác định \"%s\"; có phải là \"%s\"?", o->args[1], near)
			: xprintf("lệnh không xác định \"%s\"", o->args[1]);
	char *en = near ? xprintf("unknown command \"%s\"; did you mean \"%s\"?", o->args[1], near)
			: xprintf("unknown command \"%s\"", o->args[1]);
	int status = usage_error(o, vi, en);
	free(vi);
	free(en);
	return status;
}

/* Runs the command line parsed into p. */
static int dispatch(struct parse *p)
{
	struct options *o = p->o;
	o->command = o->n_args ? o->args[0] : NULL;
	const struct command_info *c = o->command ? command_find(o->command) : NULL;
	if (p->error_vi)
		return usage_error(o, p->error_vi, p->error_en);
	if (p->version && !o->command)
		return printf("chuyende " CHUYENDE_VERSION "\n") < 0 ? EXIT_SYSTEM : EXIT_OK;
	if (!o->command) {
		if (p->help)
			return help_main(stdout, o->lang) ? EXIT_OK : EXIT_SYSTEM;
		help_main(stderr, o->lang);
		return EXIT_USAGE;
	}
	if (!c) {
		const char *near = command_suggest(o->command);
		char *vi = near ? xprintf("lệnh không xác định \"%s\"; có phải là \"%s\"?", o->command, near)
				: xprintf("lệnh không xác định \"%s\"", o->command);
		char *en = near ? xprintf("unknown command \"%s\"; did you mean \"%s\"?", o->command, near)
				: xprintf("unknown command \"%s\"", o->command);
		int status = usage_error(o, vi, en);
		free(vi);
		free(en);
		return status;
	}
	if (p->help)
		return help_command(stdout, c, o->lang) ? EXIT_OK : EXIT_SYSTEM;
	int status = check_applies(p, c);
	if (status >= 0)
		return status;
	if (strcmp(c->name, "help") == 0)
		return run_help(o);
	if (o->watch && !watch_supported())
		return usage_error(o, "--watch chỉ dùng được trên Linux (inotify); hãy chạy lại lệnh sau mỗi lần lưu",
				   "--watch works only on Linux (inotify); run the command again after each save");
	long long epoch;
	bool set;
	if (!source_date_epoch(&epoch, &set))
		return usage_error(o, "SOURCE_DATE_EPOCH phải là số giây kể từ 1970, từ 0 đến 253402300799",
				   "SOURCE_DATE_EPOCH must be a number of seconds since 1970, from 0 to 253402300799");
	/* the command sees its own arguments only */
	o->args++;
	o->n_args--;
	for (size_t i = 0; i < COUNT_OF(runs); i++)
		if (strcmp(runs[i].name, c->name) == 0)
			return runs[i].run(o);
	return EXIT_USAGE;
}

/* What was printed must have reached standard output: a full disk or a
 * closed pipe is a system error (3), never a silent success. */
static int close_stdout(int status)
{
	int err = 0;
	if (fflush(stdout) != 0 || ferror(stdout))
		err = errno ? errno : EIO;
	if (fclose(stdout) != 0 && !err)
		err = errno;
	if (!err)
		return status;
	struct cause_buf b;
	const char *cause = sys_cause(err, &b), *en = strchr(cause, '\x1F');
	fprintf(stderr, "chuyende: không ghi được ra đầu ra chuẩn: %.*s — cannot write to standard output: %s\n",
		(int)(en - cause), cause, en + 1);
	return EXIT_SYSTEM;
}

int main(int argc, char **argv)
{
	os_init(&argc, &argv);
	output_install_signals();
	struct options o = {.lang = locale_lang()};
	struct parse p = {.o = &o};
	parse_line(argc, argv, &p);
	o.color_stdout = color_for(o.color, STDOUT_FILENO);
	o.color_stderr = color_for(o.color, STDERR_FILENO);
	const char **args = o.args;
	int status = dispatch(&p);
	free(args);
	free(p.error_vi);
	free(p.error_en);
	return close_stdout(status);
}
