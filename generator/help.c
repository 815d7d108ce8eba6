#include "help.h"

#include <string.h>

#include "text.h"
#include "util.h"

#ifndef CHUYENDE_VERSION
#define CHUYENDE_VERSION "0.1.0"
#endif

/* Help lines end before this column: 80-column terminals show them whole. */
#define WIDTH 79
/* Where option descriptions start. */
#define DESC_COL 24

const struct option_info option_table[OPT_COUNT] = {
	[OPT_OUTPUT] = {'o', "output", "FILE", "tệp kết quả", "the output file"},
	[OPT_QUARTER] = {0, "quarter", "YYYY-QN", "báo cáo của một quý, ví dụ 2023-Q1",
			 "the report of a quarter, e.g. 2023-Q1"},
	[OPT_YEAR] = {0, "year", "YYYY", "báo cáo của một năm, ví dụ 2023", "the report of a year, e.g. 2023"},
	[OPT_UNITS] = {0, "units", "FILE", "sổ đơn vị: báo cáo đánh giá từng đơn vị theo sổ này",
		       "the units register: the report judges each cell against it"},
	[OPT_JOBS] = {'j', "jobs", "N", "số tiến trình chạy song song (mặc định: số lõi)",
		      "workers run in parallel (default: the number of processors)"},
	[OPT_JSON] = {0, "json", NULL, "in thông báo dạng mảng JSON, đủ cả hai ngôn ngữ",
		      "print diagnostics as a JSON array, in both languages"},
	[OPT_WATCH] = {0, "watch", NULL, "chạy lại mỗi khi một tệp được lưu (Linux); Ctrl-C để dừng",
		       "run again each time a file is saved (Linux); Ctrl-C stops"},
	[OPT_DUMP_LAYOUT] = {0, "dump-layout", NULL, "in bố cục từng dòng ra đầu ra chuẩn thay cho PDF",
			     "print the layout, line by line, to standard output instead of a PDF"},
	[OPT_FORCE] = {'f', "force", NULL, "ghi đè các tệp đã có", "overwrite files that exist"},
	[OPT_TEMPLATE] = {'t', "template", "NAME", "mẫu của tổ chức: chi-bo (mặc định), chi-doan, cong-doan...",
			  "the organisation's template: chi-bo (the default), chi-doan, cong-doan..."},
	[OPT_FROM] = {0, "from", "ENC", "bảng mã: auto (mặc định), tcvn3, vni, cp1258",
		      "the encoding: auto (the default), tcvn3, vni, cp1258"},
	[OPT_QUIET] = {'q', "quiet", NULL, "không in cảnh báo và ghi chú", "print no warnings or notes"},
	[OPT_VERBOSE] = {'v', "verbose", NULL, "nói từng tệp được đọc và được ghi",
			 "say each file read and written"},
	[OPT_COLOR] = {0, "color", "WHEN", "tô màu thông báo: auto (khi là cửa sổ dòng lệnh), always, never",
		       "colour diagnostics: auto (on a terminal), always, never"},
	[OPT_LANG] = {0, "lang", "LANG", "ngôn ngữ thông báo: vi, en, both (mặc định theo LANG)",
		      "message language: vi, en, both (by default from LANG)"},
	[OPT_HELP] = {'h', "help", NULL, "in trợ giúp này", "print this help"},
	[OPT_VERSION] = {'V', "version", NULL, "in phiên bản", "print the version"},
};

#define O(x) OPT_BIT(OPT_##x)

static const struct command_info commands[] = {
	{"check", O(JSON) | O(WATCH) | O(QUIET), "[--json | --watch] [-q] FILE...",
	 "kiểm tra kế hoạch, bản thảo, sổ đơn vị, mẫu", "validate plans, drafts, registers, templates",
	 "Kiểm tra kế hoạch (cùng bản thảo chúng trỏ tới), bản thảo, sổ đơn vị và mẫu; một thư mục được tìm các "
	 "tệp *.yaml bên trong. Mỗi vấn đề một dòng, có tệp:dòng:cột.",
	 "Validates plans (and the drafts they name), drafts, units registers and templates; a folder is "
	 "searched for *.yaml files. One line per problem, with file:line:col.",
	 NULL, NULL, "chuyende check samples/ldld-lang-son", "kiểm tra mọi tệp của một thư mục",
	 "check every file of a folder"},
	{"agenda", O(OUTPUT) | O(WATCH) | O(DUMP_LAYOUT) | O(QUIET), "[-o OUT.pdf] [--watch] [-q] PLAN",
	 "chương trình buổi sinh hoạt", "the programme of the meeting",
	 "In chương trình buổi sinh hoạt mà kế hoạch PLAN mô tả. Không ghi gì khi kế hoạch có lỗi.",
	 "Prints the programme (chương trình) of the meeting that PLAN describes. Nothing is written when "
	 "the plan has errors.",
	 "tệp PDF (\"-\": đầu ra chuẩn, không phải cửa sổ dòng lệnh); mặc định: X.chuong-trinh.pdf cạnh kế "
	 "hoạch X.yaml",
	 "the PDF (\"-\": standard output, never a terminal); by default X.chuong-trinh.pdf beside the plan "
	 "X.yaml",
	 "chuyende agenda my-cell/ke-hoach.yaml", "ghi my-cell/ke-hoach.chuong-trinh.pdf",
	 "writes my-cell/ke-hoach.chuong-trinh.pdf"},
	{"minutes", O(OUTPUT) | O(WATCH) | O(DUMP_LAYOUT) | O(QUIET), "[-o OUT.pdf] [--watch] [-q] PLAN",
	 "biên bản: mẫu ghi tay, hoặc biên bản đã họp", "the minutes: the form, or as held",
	 "In biên bản: mẫu kẻ dòng để ghi tay, hoặc biên bản đã họp khi kế hoạch có khối record:.",
	 "Prints the minutes (biên bản): the ruled form to fill in by hand, or the minutes as held when the "
	 "plan has a record: block.",
	 "tệp PDF (\"-\": đầu ra chuẩn, không phải cửa sổ dòng lệnh); mặc định: X.bien-ban.pdf cạnh kế hoạch "
	 "X.yaml",
	 "the PDF (\"-\": standard output, never a terminal); by default X.bien-ban.pdf beside the plan X.yaml",
	 "chuyende minutes ke-hoach.yaml -o - | lp", "in thẳng ra máy in", "send it straight to the printer"},
	{"paper", O(OUTPUT) | O(WATCH) | O(DUMP_LAYOUT) | O(QUIET), "[-o OUT.pdf] [--watch] [-q] PLAN|DRAFT.md",
	 "đề dẫn, từ bản thảo của kế hoạch", "the topic paper, from the plan's draft",
	 "In đề dẫn từ bản thảo mà kế hoạch trỏ tới (hoặc từ một bản thảo .md riêng); bản có status: final được "
	 "ghi dạng PDF/A-1b để lưu trữ.",
	 "Prints the topic paper (đề dẫn) from the draft the plan names (or from a lone .md draft); a draft "
	 "with status: final is written as PDF/A-1b, for the archive.",
	 "tệp PDF (\"-\": đầu ra chuẩn, không phải cửa sổ dòng lệnh); mặc định: X.de-dan.pdf cạnh X.yaml "
	 "(hoặc X.md)",
	 "the PDF (\"-\": standard output, never a terminal); by default X.de-dan.pdf beside X.yaml (or X.md)",
	 "chuyende paper ke-hoach.yaml --watch", "in lại mỗi khi lưu kế hoạch hoặc bản thảo",
	 "print again each time the plan or the draft is saved"},
	{"report", O(OUTPUT) | O(QUARTER) | O(YEAR) | O(UNITS) | O(DUMP_LAYOUT) | O(QUIET),
	 "--quarter YYYY-QN | --year YYYY [--units UNITS] [-q] [-o OUT.pdf] PLAN-OR-DIR...",
	 "báo cáo quý hoặc năm", "the quarterly or yearly report",
	 "Báo cáo quý hoặc năm về các buổi sinh hoạt chuyên đề của những kế hoạch tìm thấy; với sổ đơn vị, báo "
	 "cáo đánh giá từng đơn vị. Kế hoạch có lỗi bị bỏ ra (mã thoát 1); dòng cuối cho biết tổng số.",
	 "The quarterly or yearly report over the plans found; against a units register it judges each "
	 "cell. Plans with errors are left out (exit 1); a last line gives the totals.",
	 "tệp PDF (\"-\": đầu ra chuẩn, không phải cửa sổ dòng lệnh); mặc định, khi chỉ có một thư mục DIR: "
	 "DIR/bao-cao-YYYY-QN.pdf (hoặc bao-cao-YYYY.pdf), tên build dùng",
	 "the PDF (\"-\": standard output, never a terminal); by default, when one folder DIR is given, "
	 "DIR/bao-cao-YYYY-QN.pdf (or bao-cao-YYYY.pdf), build's name",
	 "chuyende report --quarter 2023-Q1 --units units.yaml . -o bao-cao.pdf",
	 "báo cáo quý 1 năm 2023 theo sổ đơn vị", "the report of 2023's first quarter, against the register"},
	{"build", O(OUTPUT) | O(JOBS) | O(QUIET), "[-j N] [-q] -o OUTDIR DIR",
	 "mọi giấy tờ của một thư mục", "every paper of a folder",
	 "Mọi giấy tờ của mọi kế hoạch trong DIR, báo cáo từng quý, sổ lưu trữ; OUTDIR theo cấu trúc của DIR. "
	 "Kế hoạch có lỗi bị bỏ ra (mã thoát 1); dòng cuối cho biết tổng số.",
	 "Every paper of every plan under DIR, a report per quarter, the archive register, in OUTDIR "
	 "mirroring DIR. Plans with errors are left out (exit 1); a last line gives the totals.",
	 "thư mục kết quả (bắt buộc)", "the output folder (required)",
	 "chuyende build samples -o out -j 2", "dựng mọi mẫu vào out/", "build every sample into out/"},
	{"archive", O(OUTPUT) | O(JOBS) | O(QUIET), "[-j N] [-q] -o OUTDIR DIR",
	 "chỉ giấy tờ lưu trữ và sổ lưu trữ", "only the archived papers and the register",
	 "Như build, nhưng chỉ các giấy tờ được lưu trữ (đề dẫn final, biên bản đã họp) và sổ lưu trữ.",
	 "As build, but only what is archived (final papers, minutes as held) and the archive register.",
	 "thư mục kết quả (bắt buộc)", "the output folder (required)",
	 "chuyende archive samples -o out", "ghi out/so-luu-tru.csv và out/so-luu-tru.pdf",
	 "writes out/so-luu-tru.csv and out/so-luu-tru.pdf"},
	{"verify", 0, "OUTDIR",
	 "kiểm tra các tệp trong sổ lưu trữ", "re-hash the archived files",
	 "Tính lại SHA-256 của mọi tệp trong sổ lưu trữ OUTDIR/so-luu-tru.csv: tệp thiếu hoặc đã đổi là lỗi.",
	 "Re-hashes every file the archive register OUTDIR/so-luu-tru.csv lists: a missing or changed file "
	 "is an error.",
	 NULL, NULL, "chuyende verify out", "mọi tệp đã lưu còn nguyên vẹn?", "is every archived file intact?"},
	{"init", O(FORCE) | O(TEMPLATE), "[-f] [-t NAME] [DIR]",
	 "tạo kế hoạch và bản thảo mẫu", "write a plan and a draft to start from",
	 "Ghi DIR/ke-hoach.yaml và DIR/de-dan.md có chú thích (DIR mặc định là thư mục hiện tại), theo mẫu "
	 "của tổ chức NAME khi có -t; không ghi đè tệp đã có nếu không có -f.",
	 "Writes a commented DIR/ke-hoach.yaml and DIR/de-dan.md (DIR: the current folder by default), for "
	 "the organisation's template NAME with -t; files that exist are kept unless -f is given.",
	 NULL, NULL, "chuyende init -t chi-doan my-branch", "kế hoạch mới của một chi đoàn",
	 "a new plan for a Youth Union branch"},
	{"schema", O(OUTPUT), "[-o FILE] plan|draft|note|units|template",
	 "JSON Schema cho trình soạn thảo", "the JSON Schema, for editors",
	 "In JSON Schema của kế hoạch, phần đầu bản thảo, ghi chú báo cáo, sổ đơn vị hoặc mẫu, cho trình soạn "
	 "thảo (gợi ý, kiểm tra khi gõ).",
	 "Prints the JSON Schema of a plan, a draft's front matter, a report note, a units register or a "
	 "template, for editors (completion, checks as one types).",
	 "tệp kết quả (mặc định: đầu ra chuẩn)", "the output file (default: standard output)",
	 "chuyende schema plan -o plan.schema.json", "lược đồ của kế hoạch", "the schema of a plan"},
	{"convert", O(OUTPUT) | O(FROM), "[--from ENC] -o OUT FILE",
	 "chuyển văn bản mã cũ sang Unicode", "legacy-encoded text to Unicode",
	 "Chuyển văn bản tiếng Việt mã cũ (TCVN3/ABC, VNI, Windows-1258) sang Unicode NFC, từng dòng; dòng đã là "
	 "Unicode được giữ nguyên.",
	 "Converts legacy Vietnamese text (TCVN3/ABC, VNI, Windows-1258) to NFC Unicode, line by line; lines "
	 "already in Unicode stay as they are.",
	 "tệp mới (bắt buộc; không được là FILE)", "the new file (required; never FILE itself)",
	 "chuyende convert cu.txt -o moi.txt", "nhận ra bảng mã và chuyển", "finds the encoding and converts"},
	{"help", 0, "[COMMAND]",
	 "trợ giúp của một lệnh", "a command's help",
	 "In trợ giúp của COMMAND, hoặc danh sách các lệnh.", "Prints the help of COMMAND, or the list of commands.",
	 NULL, NULL, "chuyende help report", "các tùy chọn của report", "the options of report"},
};

const struct command_info *command_find(const char *name)
{
	for (size_t i = 0; i < COUNT_OF(commands); i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

const char *command_suggest(const char *name)
{
	const char *names[COUNT_OF(commands)];
	for (size_t i = 0; i < COUNT_OF(commands); i++)
		names[i] = commands[i].name;
	return did_you_mean(name, names, COUNT_OF(names));
}

/* Columns s takes on a terminal: one per code point (the texts are NFC). */
static size_t columns(const char *s, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

static void spaces(FILE *out, size_t n)
{
	fprintf(out, "%*s", (int)n, "");
}

/* Prints text word-wrapped before column WIDTH: from column at on the
 * current line, the next lines indented by indent. Ends the line. */
static void wrap(FILE *out, size_t at, size_t indent, const char *text)
{
	size_t col = at;
	bool first = true;
	for (const char *p = text; *p;) {
		size_t len = strcspn(p, " ");
		size_t w = columns(p, len);
		if (!first && col + 1 + w > WIDTH) {
			fputc('\n', out);
			spaces(out, indent);
			col = indent;
		} else if (!first) {
			fputc(' ', out);
			col++;
		}
		fwrite(p, 1, len, out);
		col += w;
		first = false;
		p += len;
		while (*p == ' ')
			p++;
	}
	fputc('\n', out);
}

/* "vi — en", or one of them, for headings. */
static void heading(FILE *out, enum msg_lang lang, const char *vi, const char *en)
{
	if (lang == LANG_VI)
		fprintf(out, "%s:\n", vi);
	else if (lang == LANG_EN)
		fprintf(out, "%s:\n", en);
	else
		fprintf(out, "%s — %s:\n", vi, en);
}

/* A description in the language asked, from column at; in both, the
 * English on its own lines under the Vietnamese. */
static void describe(FILE *out, enum msg_lang lang, size_t at, size_t indent, const char *vi, const char *en)
{
	if (lang != LANG_EN)
		wrap(out, at, indent, vi);
	if (lang == LANG_BOTH)
		spaces(out, at = indent);
	if (lang != LANG_VI)
		wrap(out, at, indent, en);
}

/* "  -o, --output=FILE" then its description from DESC_COL. */
static void option_line(FILE *out, enum msg_lang lang, enum opt_id id, const char *vi, const char *en)
{
	const struct option_info *o = &option_table[id];
	char label[64];
	int n = o->short_name ? snprintf(label, sizeof label, "  -%c, --%s", o->short_name, o->long_name)
			      : snprintf(label, sizeof label, "      --%s", o->long_name);
	if (o->arg && n > 0 && (size_t)n < sizeof label)
		snprintf(label + n, sizeof label - (size_t)n, "=%s", o->arg);
	fputs(label, out);
	size_t w = columns(label, strlen(label));
	if (w + 2 > DESC_COL) {
		fputc('\n', out);
		w = 0;
	}
	spaces(out, DESC_COL - w);
	describe(out, lang, DESC_COL, DESC_COL, vi ? vi : o->vi, en ? en : o->en);
}

bool help_command(FILE *out, const struct command_info *c, enum msg_lang lang)
{
	heading(out, lang, "Cách dùng", "Usage");
	fprintf(out, "  chuyende %s ", c->name);
	wrap(out, 11 + strlen(c->name), 4, c->usage);
	fputc('\n', out);
	describe(out, lang, 0, 0, c->vi, c->en);
	fputc('\n', out);
	unsigned opts = c->opts;
	if (opts) {
		heading(out, lang, "Tùy chọn", "Options");
		for (int id = 0; id < OPT_COUNT; id++)
			if (opts & OPT_BIT(id)) {
				bool out_opt = id == OPT_OUTPUT;
				option_line(out, lang, (enum opt_id)id, out_opt ? c->output_vi : NULL,
					    out_opt ? c->output_en : NULL);
			}
	}
	describe(out, lang, 0, 0, "Chung: -v, --color=WHEN, --lang=LANG, -h (chuyende --help, man chuyende).",
		 "Common: -v, --color=WHEN, --lang=LANG, -h (chuyende --help, man chuyende).");
	fputc('\n', out);
	heading(out, lang, "Ví dụ", "Example");
	fprintf(out, "  %s\n", c->example);
	spaces(out, 4);
	describe(out, lang, 4, 4, c->example_vi, c->example_en);
	return fflush(out) == 0 && !ferror(out);
}

bool help_main(FILE *out, enum msg_lang lang)
{
	fputs("chuyende " CHUYENDE_VERSION "\n", out);
	describe(out, lang, 0, 0, "giấy tờ sinh hoạt chi bộ chuyên đề: kế hoạch YAML và bản thảo Markdown thành PDF",
		 "papers for thematic party-cell meetings: YAML plans and Markdown drafts to PDF");
	fputc('\n', out);
	heading(out, lang, "Cách dùng", "Usage");
	fputs("  chuyende [-v] [--color=WHEN] [--lang=LANG] COMMAND [OPTIONS] ARGS...\n\n", out);
	heading(out, lang, "Lệnh", "Commands");
	for (size_t i = 0; i < COUNT_OF(commands); i++) {
		fprintf(out, "  %-9s ", commands[i].name);
		describe(out, lang, 12, 12, commands[i].short_vi, commands[i].short_en);
	}
	fputc('\n', out);
	heading(out, lang, "Tùy chọn chung", "Common options");
	static const enum opt_id common[] = {OPT_VERBOSE, OPT_COLOR, OPT_LANG, OPT_HELP, OPT_VERSION};
	for (size_t i = 0; i < COUNT_OF(common); i++)
		option_line(out, lang, common[i], NULL, NULL);
	fputc('\n', out);
	describe(out, lang, 0, 0,
		 "Mã thoát: 0 thành công (có thể có cảnh báo), 1 đầu vào có lỗi, 2 dùng sai lệnh, 3 lỗi hệ thống.",
		 "Exit status: 0 success (warnings allowed), 1 the input has errors, 2 wrong usage, 3 a system "
		 "error.");
	describe(out, lang, 0, 0, "Trợ giúp của một lệnh: chuyende help COMMAND; đầy đủ: man chuyende.",
		 "A command's help: chuyende help COMMAND; all of it: man chuyende.");
	return fflush(out) == 0 && !ferror(out);
}
