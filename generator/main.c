/* chuyende — prepares the papers of thematic party-cell meetings (sinh hoạt
 * chi bộ chuyên đề): checks plans, renders agendas, minutes forms, topic
 * papers and quarterly reports as PDFs. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "date.h"
#include "os.h"
#include "output.h"
#include "syserr.h"
#include "util.h"
#include "watch.h"

#ifndef CHUYENDE_VERSION
#define CHUYENDE_VERSION "0.1.0"
#endif

static const struct command {
	const char *name;
	int (*run)(const struct options *o);
	const char *synopsis;
} commands[] = {
	{"check", cmd_check, "check [--json|--watch] FILE...  kiểm tra kế hoạch, bản thảo, sổ đơn vị — validate plans, drafts, registers"},
	{"agenda", cmd_agenda, "agenda PLAN -o OUT.pdf [--watch]  chương trình — the printable programme"},
	{"minutes", cmd_minutes, "minutes PLAN -o OUT.pdf [--watch]  biên bản — the minutes form"},
	{"paper", cmd_paper, "paper PLAN|DRAFT.md -o OUT.pdf [--watch]  đề dẫn — the topic paper"},
	{"report", cmd_report, "report --quarter 2023-Q1|--year 2023 [--units UNITS] PLAN-OR-DIR... -o OUT.pdf  báo cáo quý, năm"},
	{"build", cmd_build, "build DIR -o OUTDIR [-j N]    mọi giấy tờ của một thư mục — every paper of a folder"},
	{"archive", cmd_archive, "archive DIR -o OUTDIR         sổ lưu trữ chuyên đề — the archive register"},
	{"verify", cmd_verify, "verify OUTDIR                 kiểm tra các tệp trong sổ lưu trữ — re-hash the archived files"},
	{"init", cmd_init, "init [DIR]                    tạo kế hoạch và bản thảo mẫu — write a plan and draft to start from"},
	{"schema", cmd_schema, "schema plan|draft|note|units|template [-o FILE]  JSON Schema cho trình soạn thảo — the JSON Schema, for editors"},
	{"convert", cmd_convert, "convert FILE [--from auto|tcvn3|vni|cp1258] -o OUT  chuyển mã cũ sang Unicode — legacy TCVN3, VNI, Windows-1258 text to Unicode"},
};

static void print_help(FILE *out)
{
	fputs("chuyende " CHUYENDE_VERSION " — giấy tờ sinh hoạt chi bộ chuyên đề\n"
	      "papers for thematic party-cell meetings\n\n"
	      "Cách dùng — usage: chuyende COMMAND [OPTIONS] ...\n\n", out);
	for (size_t i = 0; i < COUNT_OF(commands); i++)
		fprintf(out, "  chuyende %s\n", commands[i].synopsis);
	fputs("\nTùy chọn — options:\n"
	      "  -o FILE          tệp kết quả (\"-\": đầu ra chuẩn) — output file (\"-\": standard output)\n"
	      "  --json           (check) in thông báo dạng JSON — diagnostics as JSON\n"
	      "  --watch          (check, agenda, minutes, paper) chạy lại mỗi khi lưu tệp — again on each save\n"
	      "  --dump-layout    in bố cục từng dòng thay cho PDF — print the layout instead of a PDF\n"
	      "  -q, --quiet      không in cảnh báo — do not print warnings\n"
	      "  -j N             (build) số tiến trình — worker count\n"
	      "  -h, --help       --version\n\n"
	      "Mã thoát — exit status: 0 ok (warnings allowed), 1 input errors (nothing written;\n"
	      "report and build leave bad plans out and write the rest),\n"
	      "2 wrong usage, 3 system error (unreadable file, missing font, unwritable output).\n"
	      "Environment: SOURCE_DATE_EPOCH sets the PDF creation date; CHUYENDE_TEMPLATES the templates folder.\n", out);
}

int usage_error(const char *vi, const char *en)
{
	fprintf(stderr, "chuyende: %s — %s\n(chuyende --help)\n", vi, en);
	return EXIT_USAGE;
}

static bool takes_value(const char *arg, const char *name, const char **value, int *i, int argc, char **argv)
{
	size_t n = strlen(name);
	if (strncmp(arg, name, n) == 0 && arg[n] == '=') {
		*value = arg + n + 1;
		return true;
	}
	if (strcmp(arg, name) != 0)
		return false;
	*value = *i + 1 < argc ? argv[++*i] : NULL;
	return true;
}

/* Parses options after the command; -1 on success, else an exit status. */
static int parse_options(int argc, char **argv, struct options *o)
{
	o->args = xcalloc((size_t)argc + 1, sizeof *o->args);
	bool only_args = false;
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i], *v = NULL;
		if (only_args || a[0] != '-' || strcmp(a, "-") == 0) {
			o->args[o->n_args++] = a;
		} else if (strcmp(a, "--") == 0) {
			only_args = true;
		} else if (takes_value(a, "-o", &v, &i, argc, argv) || takes_value(a, "--output", &v, &i, argc, argv)) {
			if (!v || !*v)
				return usage_error("thiếu tên tệp sau -o", "-o needs a file name");
			o->output = v;
		} else if (takes_value(a, "--quarter", &v, &i, argc, argv)) {
			if (!v)
				return usage_error("thiếu quý sau --quarter", "--quarter needs a value like 2023-Q1");
			o->quarter = v;
		} else if (takes_value(a, "--year", &v, &i, argc, argv)) {
			if (!v)
				return usage_error("thiếu năm sau --year", "--year needs a value like 2023");
			o->year = v;
		} else if (takes_value(a, "--units", &v, &i, argc, argv)) {
			if (!v || !*v)
				return usage_error("thiếu tệp sau --units", "--units needs a file");
			o->units = v;
		} else if (takes_value(a, "--from", &v, &i, argc, argv)) {
			if (!v)
				return usage_error("thiếu bảng mã sau --from", "--from needs an encoding");
			o->from = v;
		} else if (takes_value(a, "-j", &v, &i, argc, argv) || takes_value(a, "--jobs", &v, &i, argc, argv)) {
			char *end;
			long n = v ? strtol(v, &end, 10) : 0;
			if (!v || *end || n < 1 || n > 256)
				return usage_error("-j cần một số từ 1 đến 256", "-j needs a number from 1 to 256");
			o->jobs = (int)n;
		} else if (strncmp(a, "-j", 2) == 0 && a[2]) {
			char *end;
			long n = strtol(a + 2, &end, 10);
			if (*end || n < 1 || n > 256)
				return usage_error("-j cần một số từ 1 đến 256", "-j needs a number from 1 to 256");
			o->jobs = (int)n;
		} else if (strcmp(a, "--watch") == 0) {
			if (!watch_supported())
				return usage_error("--watch chỉ dùng được trên Linux (inotify); hãy chạy lại lệnh sau mỗi lần lưu",
						   "--watch works only on Linux (inotify); run the command again after each save");
			o->watch = true;
		} else if (strcmp(a, "--json") == 0) {
			o->json = true;
		} else if (strcmp(a, "--dump-layout") == 0) {
			o->dump_layout = true;
		} else if (strcmp(a, "--force") == 0 || strcmp(a, "-f") == 0) {
			o->force = true;
		} else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
			o->quiet = true;
		} else {
			fprintf(stderr, "chuyende: tùy chọn không xác định — unknown option: %s\n", a);
			return EXIT_USAGE;
		}
	}
	return -1;
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

static int run(int argc, char **argv);

int main(int argc, char **argv)
{
	os_init(&argc, &argv);
	output_install_signals();
	return close_stdout(run(argc, argv));
}

static int run(int argc, char **argv)
{
	if (argc < 2) {
		print_help(stderr);
		return EXIT_USAGE;
	}
	const char *cmd = argv[1];
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
		print_help(stdout);
		return EXIT_OK;
	}
	if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
		puts("chuyende " CHUYENDE_VERSION);
		return EXIT_OK;
	}
	for (size_t i = 0; i < COUNT_OF(commands); i++) {
		if (strcmp(cmd, commands[i].name) != 0)
			continue;
		for (int a = 2; a < argc; a++)
			if (strcmp(argv[a], "--help") == 0 || strcmp(argv[a], "-h") == 0) {
				printf("chuyende %s\n", commands[i].synopsis);
				return EXIT_OK;
			}
		long long epoch;
		bool set;
		if (!source_date_epoch(&epoch, &set))
			return usage_error("SOURCE_DATE_EPOCH phải là số giây kể từ 1970, từ 0 đến 253402300799",
					   "SOURCE_DATE_EPOCH must be a number of seconds since 1970, from 0 to 253402300799");
		struct options o = {0};
		int status = parse_options(argc, argv, &o);
		if (status < 0)
			status = commands[i].run(&o);
		free(o.args);
		return status;
	}
	fprintf(stderr, "chuyende: lệnh không xác định — unknown command: %s\n", cmd);
	print_help(stderr);
	return EXIT_USAGE;
}
