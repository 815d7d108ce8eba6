/* zembed NAME FILE: writes to stdout a C file that defines NAME_zlib, the
 * bytes of FILE deflated (zlib format, libdeflate's strongest level), and
 * NAME_zlib_size, their count: data the program writes into PDFs as a
 * /FlateDecode stream, deflated once when it is built rather than by
 * every run. Any platform's build can compile the result. */
#include <libdeflate.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	if (argc != 3) {
		fputs("usage: zembed NAME FILE\n", stderr);
		return 2;
	}
	FILE *f = fopen(argv[2], "rb");
	if (!f) {
		perror(argv[2]);
		return 1;
	}
	size_t cap = 1 << 16, n = 0;
	unsigned char *in = malloc(cap);
	for (size_t got; in && (got = fread(in + n, 1, cap - n, f)) > 0;) {
		n += got;
		if (n == cap) {
			unsigned char *more = realloc(in, cap *= 2);
			if (!more)
				free(in);
			in = more;
		}
	}
	if (!in || ferror(f) || fclose(f) != 0 || n == 0) {
		fprintf(stderr, "zembed: %s: %s\n", argv[2], in ? "cannot read it, or it is empty" : "out of memory");
		free(in);
		return 1;
	}
	struct libdeflate_compressor *c = libdeflate_alloc_compressor(12);
	size_t bound = c ? libdeflate_zlib_compress_bound(c, n) : 0;
	unsigned char *out = bound ? malloc(bound) : NULL;
	size_t len = out ? libdeflate_zlib_compress(c, in, n, out, bound) : 0;
	if (!len) {
		fputs("zembed: cannot deflate\n", stderr);
		return 1;
	}
	printf("/* Made by tools/zembed.c from %s (%zu bytes), deflated; do not edit. */\n#include <stddef.h>\n\n",
	       argv[2], n);
	printf("const unsigned char %s_zlib[] = {", argv[1]);
	for (size_t i = 0; i < len; i++)
		printf("%s0x%02x,", i % 12 ? " " : "\n\t", out[i]);
	printf("\n};\nconst size_t %s_zlib_size = sizeof %s_zlib;\n", argv[1], argv[1]);
	libdeflate_free_compressor(c);
	free(in);
	free(out);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("zembed: stdout");
		return 1;
	}
	return 0;
}
