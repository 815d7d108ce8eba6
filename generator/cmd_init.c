/* chuyende init [DIR]: writes a commented plan and draft to start from,
 * copied from templates/starter/ (data, so it can be edited). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "template.h"
#include "walk.h"

static const char *const starter_files[] = {"ke-hoach.yaml", "de-dan.md"};

int cmd_init(const struct options *o)
{
	if (o->n_args > 1)
		return usage_error("init nhận nhiều nhất một thư mục", "init takes at most one folder");
	const char *dir = o->n_args ? o->args[0] : ".";
	if (!is_directory(dir) && mkdir(dir, 0777) != 0) {
		fprintf(stderr, "%s: error: [OUTPUT_FAILED] không tạo được thư mục: %s — cannot create the folder: %s\n",
			dir, strerror(errno), strerror(errno));
		return EXIT_SYSTEM;
	}
	struct arena arena = {0};
	const char *from = templates_dir(&arena);
	int status = EXIT_OK;
	for (size_t i = 0; i < COUNT_OF(starter_files) && status == EXIT_OK; i++) {
		char *dst = path_join(dir, starter_files[i]);
		if (!o->force && access(dst, F_OK) == 0) {
			fprintf(stderr, "%s: error: tệp đã có, không ghi đè (dùng --force) — the file exists; not overwritten (use --force)\n", dst);
			status = EXIT_INPUT;
			free(dst);
			break;
		}
		free(dst);
	}
	for (size_t i = 0; i < COUNT_OF(starter_files) && status == EXIT_OK; i++) {
		char *src = arena_printf(&arena, "%s/starter/%s", from, starter_files[i]);
		char *dst = path_join(dir, starter_files[i]);
		char *bytes;
		size_t len;
		if (read_file(src, 1 << 20, &bytes, &len) != READ_OK) {
			fprintf(stderr, "%s: error: [READ_FAILED] không đọc được tệp mẫu — cannot read the starter file\n", src);
			status = EXIT_SYSTEM;
		} else {
			if (!atomic_write(dst, bytes, len)) {
				fprintf(stderr, "%s: error: [OUTPUT_FAILED] %s\n", dst, strerror(errno));
				status = EXIT_SYSTEM;
			} else {
				printf("%s\n", dst);
			}
			free(bytes);
		}
		free(dst);
	}
	arena_free(&arena);
	return status;
}
