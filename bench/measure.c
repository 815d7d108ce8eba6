/* measure [-w WARMUPS] RUNS -- COMMAND ARGS...: runs COMMAND WARMUPS times
 * (2 by default) to warm up, then RUNS times, and prints its median, fastest
 * and slowest wall time and the peak resident set of the child (max over the
 * runs):
 *   median_ms=12.34 min_ms=11.90 max_ms=13.02 peak_rss_kb=5120
 * `measure -w 0 1 -- ...` is one run alone, for callers that interleave
 * commands (bench/peers.sh). The command's standard output goes to
 * /dev/null. Exits 1 if any run fails. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* One run: wall time in ms, peak RSS in KiB; false when the command fails. */
static int run(char **argv, double *ms, long *rss_kb)
{
	double start = now_ms();
	pid_t pid = fork();
	if (pid < 0)
		return 0;
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		if (null >= 0)
			dup2(null, STDOUT_FILENO);
		execvp(argv[0], argv);
		_exit(127);
	}
	int status;
	struct rusage ru;
	if (wait4(pid, &status, 0, &ru) < 0)
		return 0;
	*ms = now_ms() - start;
	*rss_kb = ru.ru_maxrss;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	int warmups = 2;
	if (argc > 2 && strcmp(argv[1], "-w") == 0) {
		char *end;
		long w = strtol(argv[2], &end, 10);
		if (*argv[2] == '\0' || *end != '\0' || w < 0 || w > 1000) {
			fputs("measure: WARMUPS must be from 0 to 1000\n", stderr);
			return 2;
		}
		warmups = (int)w;
		argc -= 2;
		argv += 2;
	}
	if (argc < 4 || strcmp(argv[2], "--") != 0) {
		fputs("usage: measure [-w WARMUPS] RUNS -- COMMAND ARGS...\n", stderr);
		return 2;
	}
	int runs = atoi(argv[1]);
	if (runs < 1 || runs > 100000) {
		fputs("measure: RUNS must be from 1 to 100000\n", stderr);
		return 2;
	}
	double *ms = calloc((size_t)runs, sizeof *ms), warm;
	if (!ms)
		return 1;
	long peak = 0, rss;
	for (int i = 0; i < warmups; i++)
		if (!run(argv + 3, &warm, &rss)) {
			fprintf(stderr, "measure: %s failed\n", argv[3]);
			return 1;
		}
	for (int i = 0; i < runs; i++) {
		if (!run(argv + 3, &ms[i], &rss)) {
			fprintf(stderr, "measure: %s failed\n", argv[3]);
			return 1;
		}
		if (rss > peak)
			peak = rss;
	}
	qsort(ms, (size_t)runs, sizeof *ms, by_value);
	double median = runs % 2 ? ms[runs / 2] : (ms[runs / 2 - 1] + ms[runs / 2]) / 2;
	printf("median_ms=%.2f min_ms=%.2f max_ms=%.2f peak_rss_kb=%ld\n", median, ms[0], ms[runs - 1], peak);
	free(ms);
	return 0;
}
