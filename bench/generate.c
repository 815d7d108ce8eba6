/* generate N DIR [QUARTER]: writes N realistic, distinct plans with their
 * drafts (DIR/cell-NNNNN/ke-hoach.yaml, de-dan.md) and a units register
 * (DIR/units.yaml) listing every cell. Deterministic: the same arguments
 * give the same files. Cells, topics, people, dates across 2023's
 * quarters, statuses, formats and draft lengths (one to four pages) all
 * vary; with QUARTER (1 to 4) every meeting falls in that quarter of 2023,
 * the rest unchanged. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

static unsigned long long state = 0x9E3779B97F4A7C15ULL;

static unsigned pick(unsigned n)
{
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return (unsigned)(state % n);
}

static const char *const agencies[] = {
	"VĂN PHÒNG", "BAN TỔ CHỨC", "BAN TUYÊN GIÁO", "ỦY BAN KIỂM TRA", "SỞ TÀI CHÍNH", "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
	"SỞ Y TẾ", "SỞ NỘI VỤ", "SỞ TƯ PHÁP", "SỞ XÂY DỰNG", "BẢO HIỂM XÃ HỘI", "KHO BẠC NHÀ NƯỚC",
	"TRƯỜNG THPT CHUYÊN", "BỆNH VIỆN ĐA KHOA", "ĐIỆN LỰC", "CÔNG AN PHƯỜNG", "LIÊN ĐOÀN LAO ĐỘNG", "TỈNH ĐOÀN",
};
static const char *const places[] = {"Lạng Sơn", "Quảng Ninh", "Vĩnh Phúc", "Hà Tĩnh", "Thái Nguyên", "Nghệ An",
				     "Bắc Giang", "Phú Thọ", "Hòa Bình", "Cao Bằng"};
static const char *const family[] = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ",
				     "Ngô", "Dương", "Lý", "Nông", "Lương"};
static const char *const middle[] = {"Văn", "Thị", "Minh", "Thu", "Quốc", "Thanh", "Đức", "Ngọc", "Hữu", "Thị Thu"};
static const char *const given[] = {"An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hường", "Khải", "Lan", "Long",
				    "Mai", "Nam", "Ngân", "Phúc", "Quý", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Việt", "Yến"};
static const struct {
	const char *category, *topic;
} topics[] = {
	{"ho-chi-minh", "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về tinh thần trách nhiệm, nêu gương"},
	{"ho-chi-minh", "Làm theo lời Bác dạy về cần, kiệm, liêm, chính, chí công vô tư trong thực thi công vụ"},
	{"anti-degradation", "Thường xuyên tự soi, tự sửa, phòng ngừa suy thoái về tư tưởng chính trị, đạo đức, lối sống"},
	{"party-building", "Nâng cao chất lượng sinh hoạt chi bộ, xây dựng tổ chức đảng trong sạch, vững mạnh"},
	{"capacity", "Nâng cao năng lực chuyên môn, kỹ năng số của cán bộ, đảng viên trong chuyển đổi số"},
	{"implementation", "Quán triệt và triển khai thực hiện nghị quyết của cấp ủy cấp trên về cải cách hành chính"},
	{"political-task", "Nâng cao chất lượng, hiệu quả thực hiện nhiệm vụ chính trị năm 2023 của cơ quan"},
	{"tradition", "Giáo dục truyền thống cách mạng, truyền thống vẻ vang của cơ quan, đơn vị"},
};
static const char *const sentences[] = {
	"Chi bộ đã quán triệt đầy đủ, kịp thời các chỉ thị, nghị quyết của Đảng đến toàn thể đảng viên.",
	"Mỗi đảng viên xây dựng kế hoạch cá nhân, gắn với nhiệm vụ chuyên môn được giao và cam kết thực hiện.",
	"Việc tự soi, tự sửa được tiến hành thường xuyên, thẳng thắn, với tinh thần xây dựng và trách nhiệm cao.",
	"Công tác kiểm tra, giám sát được tăng cường, kịp thời nhắc nhở những biểu hiện chưa đúng chuẩn mực.",
	"Một số đảng viên còn ngại va chạm, chưa mạnh dạn đề xuất giải pháp đổi mới trong công việc.",
	"Nội dung sinh hoạt có lúc còn chung chung, chưa gắn chặt với tình hình thực tế của cơ quan, đơn vị.",
	"Chi bộ đề ra các giải pháp cụ thể, phân công rõ người, rõ việc, rõ thời gian hoàn thành và kết quả.",
	"Người đứng đầu phải gương mẫu trước, cán bộ, đảng viên noi theo, tạo sức lan tỏa trong tập thể.",
	"Ứng dụng công nghệ thông tin được đẩy mạnh, giúp giảm thời gian xử lý hồ sơ và nâng cao hiệu quả.",
	"Quan hệ phối hợp với các tổ chức đoàn thể được duy trì chặt chẽ, thống nhất trong lãnh đạo, chỉ đạo.",
	"Kết quả đánh giá, xếp loại đảng viên hằng năm được gắn với việc thực hiện cam kết rèn luyện.",
	"Những kinh nghiệm tốt được nhân rộng, những hạn chế được chỉ rõ nguyên nhân và hướng khắc phục.",
};

static void name_of(char *out, size_t n)
{
	snprintf(out, n, "%s %s %s", family[pick(N_OF(family))], middle[pick(N_OF(middle))], given[pick(N_OF(given))]);
}

static void paragraph(FILE *f, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		fprintf(f, "%s%s", i ? " " : "", sentences[pick(N_OF(sentences))]);
	fputs("\n\n", f);
}

static int write_draft(const char *dir, const char *title, const char *author, int final, unsigned pages)
{
	char path[4200];
	snprintf(path, sizeof path, "%s/de-dan.md", dir);
	FILE *f = fopen(path, "w");
	if (!f)
		return 0;
	fprintf(f, "---\ntitle: \"%s\"\nauthor: \"%s\"\nstatus: %s\n---\n", title, author, final ? "final" : "draft");
	static const char *const parts[] = {"Phần I. Nhận thức chung", "Phần II. Thực trạng tại chi bộ",
					    "Phần III. Giải pháp", "Phần IV. Đề nghị thảo luận"};
	for (unsigned p = 0; p < pages + 1 && p < N_OF(parts); p++) {
		fprintf(f, "# %s\n\n", parts[p]);
		for (unsigned k = 0; k < 3; k++)
			paragraph(f, 4 + pick(4));
		if (p == 1) {
			fputs("Chi bộ xác định các nhiệm vụ trọng tâm:\n\n", f);
			for (unsigned k = 0; k < 3; k++)
				fprintf(f, "- %s\n", sentences[pick(N_OF(sentences))]);
			fputs("\n> Đảng viên đi trước, làng nước theo sau.\n\n", f);
		}
	}
	return fclose(f) == 0;
}

static int write_plan(const char *dir, unsigned i, const char *cell, unsigned members, unsigned fixed_quarter)
{
	char path[4200], chair[64], secretary[64], presenter[64], member[64];
	name_of(chair, sizeof chair);
	do
		name_of(secretary, sizeof secretary);
	while (strcmp(secretary, chair) == 0);
	name_of(presenter, sizeof presenter);
	name_of(member, sizeof member);
	unsigned t = pick(N_OF(topics)), quarter = pick(4);
	if (fixed_quarter)
		quarter = fixed_quarter - 1;
	unsigned month = quarter * 3 + 1 + pick(3), day = 10 + pick(18);
	unsigned status = pick(10);   /* 0: planned, 1: cancelled, else held */
	snprintf(path, sizeof path, "%s/ke-hoach.yaml", dir);
	FILE *f = fopen(path, "w");
	if (!f)
		return 0;
	fprintf(f, "# Kế hoạch sinh hoạt chuyên đề (sinh tự động cho đo hiệu năng)\n"
		"organization:\n  superior: \"ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH\"\n  name: \"%s\"\n  place: \"%s\"\n"
		"  members:\n    official: %u\n    probationary: %u\n",
		cell, places[i % N_OF(places)], members - 1, 1u);
	fprintf(f, "meeting:\n  number: \"%02u-CTr/CB\"\n  topic: \"%s\"\n  category: %s\n  date: 2023-%02u-%02u\n"
		"  start: \"14:00\"\n  end: \"16:30\"\n  location: \"Phòng họp tầng %u\"\n  status: %s\n",
		1 + i % 30, topics[t].topic, topics[t].category, month, day, 1 + pick(5),
		status == 0 ? "planned" : status == 1 ? "cancelled" : "held");
	if (pick(3) == 0)
		fputs("  formats: [staged, quiz]\n", f);
	fprintf(f, "people:\n  chair: \"%s\"\n  chair_title: \"Bí thư chi bộ\"\n  secretary: \"%s\"\n  presenter: \"%s\"\n"
		"  contributions:\n    - member: \"%s\"\n      title: \"Liên hệ thực tiễn tại đơn vị\"\n",
		chair, secretary, presenter, member);
	fprintf(f, "preparation:\n  topic_agreed: 2023-%02u-01\n  draft_sent: 2023-%02u-05\n", month - 1 ? month - 1 : 1,
		month - 1 ? month - 1 : 1);
	if (status >= 2) {
		unsigned absent = pick(3);
		fprintf(f, "attendance:\n  present: %u\n", members - absent);
		if (absent) {
			fputs("  absent:\n", f);
			for (unsigned k = 0; k < absent; k++)
				fprintf(f, "    - name: \"Đảng viên vắng %u\"\n      reason: \"Đi công tác\"\n", k + 1);
		}
	}
	fputs("draft: de-dan.md\n", f);
	if (fclose(f) != 0)
		return 0;
	return write_draft(dir, topics[t].topic, presenter, status >= 2, 1 + pick(3));
}

int main(int argc, char **argv)
{
	unsigned quarter = argc == 4 ? (unsigned)strtoul(argv[3], NULL, 10) : 0;
	if ((argc != 3 && argc != 4) || (argc == 4 && (quarter < 1 || quarter > 4))) {
		fputs("usage: generate N DIR [QUARTER]\n", stderr);
		return 2;
	}
	unsigned n = (unsigned)strtoul(argv[1], NULL, 10);
	const char *root = argv[2];
	if (strlen(root) > 3900) {
		fputs("generate: DIR is too long\n", stderr);
		return 2;
	}
	if (mkdir(root, 0777) != 0 && errno != EEXIST) {
		perror(root);
		return 1;
	}
	char path[4096];
	snprintf(path, sizeof path, "%s/units.yaml", root);
	FILE *units = fopen(path, "w");
	if (!units) {
		perror(path);
		return 1;
	}
	fputs("superior: \"ĐẢNG BỘ TỈNH\"\nname: \"ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH\"\nplace: \"Lạng Sơn\"\nunits:\n", units);
	for (unsigned i = 0; i < n; i++) {
		char dir[4000], cell[256];
		snprintf(cell, sizeof cell, "CHI BỘ %s SỐ %u", agencies[i % N_OF(agencies)], (unsigned)(i / N_OF(agencies) + 1));
		unsigned members = 8 + pick(60);
		fprintf(units, "  - name: \"%s\"\n    members: %u\n", cell, members);
		snprintf(dir, sizeof dir, "%s/cell-%05u", root, i);
		if ((mkdir(dir, 0777) != 0 && errno != EEXIST) || !write_plan(dir, i, cell, members, quarter)) {
			perror(dir);
			return 1;
		}
	}
	return fclose(units) == 0 ? 0 : 1;
}
