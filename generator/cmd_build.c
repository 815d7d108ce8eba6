/* chuyende build DIR -o OUTDIR [-j N]: every paper of every plan under DIR
 * (agenda, minutes, paper), a report per quarter found, and the archive
 * register, into a tree that mirrors DIR.
 *
 * The parent checks every plan first and prints all diagnostics in file
 * order; then N forked workers render the jobs (a static share each) and
 * send back, per job, its status, page count and any diagnostics. Output
 * files depend only on their inputs, so any N writes the same bytes. */
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "archive.h"
#include "cli.h"
#include "render.h"
#include "report.h"
#include "walk.h"

enum job_kind { JOB_PLAN, JOB_REPORT };

struct plan_seen {
	const char *path;
	int year, quarter;
};

struct job {
	enum job_kind kind;
	const char *plan;        /* JOB_PLAN: the plan file */
	const char *out_base;    /* JOB_PLAN: OUTDIR/rel/base */
	int year, quarter;       /* JOB_REPORT */
	const char *units;       /* JOB_REPORT: the register, or NULL */
	const char *scope;       /* JOB_REPORT: the folder whose plans it counts */
	const char *out;         /* JOB_REPORT: the PDF */
	/* results */
	int status, paper_pages;
	bool done, final_paper;
	char *diags;
};

struct build {
	const struct options *o;
	const char *in, *out;
	struct file_list files;
	struct job *jobs;
	size_t n_jobs, cap_jobs;
	const char **units;      /* registers found */
	size_t n_units, cap_units;
	struct plan_seen *seen;  /* checked plans, for the reports */
	size_t n_seen, cap_seen;
	struct archive archive;
	struct arena arena;
	bool papers_only;        /* `archive`: final papers and the register only */
};

/* OUTDIR/rel/base for a plan at DIR/rel/base.yaml. */
static const char *out_base(struct build *b, const char *plan)
{
	size_t in_len = strlen(b->in);
	const char *rel = strncmp(plan, b->in, in_len) == 0 ? plan + in_len : plan;
	while (*rel == '/')
		rel++;
	size_t len = strlen(rel);
	if (path_has_suffix(rel, ".yaml"))
		len -= 5;
	else if (path_has_suffix(rel, ".yml"))
		len -= 4;
	return arena_printf(&b->arena, "%s/%.*s", b->out, (int)len, rel);
}

static bool make_dirs(const char *path)
{
	char *p = xstrdup(path);
	bool ok = true;
	for (char *s = p + 1; ok && *s; s++)
		if (*s == '/') {
			*s = '\0';
			ok = mkdir(p, 0777) == 0 || errno == EEXIST;
			*s = '/';
		}
	ok = ok && (mkdir(p, 0777) == 0 || errno == EEXIST);
	free(p);
	return ok;
}

static bool under(const char *path, const char *dir)
{
	size_t n = strlen(dir);
	return strncmp(path, dir, n) == 0 && path[n] == '/';
}

/* Report jobs for the plans under dir (the whole input when units is
 * NULL): one per quarter, into the matching folder of the output. */
static void report_jobs(struct build *b, const char *dir, const char *units)
{
	const char *rel = strcmp(dir, b->in) == 0 ? "" : dir + strlen(b->in) + 1;
	for (size_t i = 0; i < b->n_seen; i++) {
		const struct plan_seen *p = &b->seen[i];
		if (units && !under(p->path, dir))
			continue;
		bool known = false;
		for (size_t j = 0; j < i && !known; j++)
			known = (!units || under(b->seen[j].path, dir)) && b->seen[j].year == p->year &&
				b->seen[j].quarter == p->quarter;
		if (known)
			continue;
		struct job *r = VEC_PUSH(b->jobs, b->n_jobs, b->cap_jobs);
		*r = (struct job){.kind = JOB_REPORT, .year = p->year, .quarter = p->quarter, .units = units};
		r->scope = dir;
		r->out = arena_printf(&b->arena, "%s/%s%sbao-cao-%04d-Q%d.pdf", b->out, rel, *rel ? "/" : "",
				      p->year, p->quarter);
	}
}

static const char *job_out_base(const void *ctx, size_t i)
{
	const struct build *b = ctx;
	return b->jobs[i].out_base;
}

/* Checks every input, printing diagnostics in order; queues the jobs. Two
 * plans whose outputs would have the same name (x.yaml and x.yml) are an
 * error: the second is left out. */
static int plan_jobs(struct build *b, struct session *s)
{
	int status = EXIT_OK;
	struct name_index outs = {0};
	for (size_t i = 0; i < b->files.n; i++) {
		const char *path = b->files.paths[i];
		struct loaded_plan lp;
		enum input_kind kind;
		bool ok = session_load_input(s, path, &lp, &kind);
		if (!ok)
			status = diags_exit_status(s->d) > status ? diags_exit_status(s->d) : EXIT_INPUT;
		if (ok && kind == INPUT_UNITS)
			*VEC_PUSH(b->units, b->n_units, b->cap_units) = path;
		bool final = ok && lp.has_draft && lp.draft.status == DRAFT_STATUS_FINAL;
		bool wanted = ok && kind == INPUT_PLAN && (final || !b->papers_only);
		const char *base = wanted ? out_base(b, path) : NULL;
		size_t first = base ? name_index_put(&outs, base, b->n_jobs, job_out_base, b) : NAME_NEW;
		if (first != NAME_NEW) {
			diag(s->d, DIAG_OUTPUT_CLASH, path, (struct pos){0, 0}, b->jobs[first].plan, base, NULL);
			if (status < EXIT_INPUT)
				status = EXIT_INPUT;
		} else if (wanted) {
			struct job *j = VEC_PUSH(b->jobs, b->n_jobs, b->cap_jobs);
			*j = (struct job){.kind = JOB_PLAN, .plan = path, .out_base = base};
			j->final_paper = lp.has_draft && lp.draft.status == DRAFT_STATUS_FINAL;
			struct ymd d = lp.plan.meeting.date.v;
			*VEC_PUSH(b->seen, b->n_seen, b->cap_seen) = (struct plan_seen){path, d.y, date_quarter(d)};
		}
		loaded_plan_free(&lp);
		diags_flush(s->d);
	}
	name_index_free(&outs);
	if (b->papers_only)
		return status;
	/* A register frames the reports of its own folder; the whole input
	 * gets reports too, framed by a register at its top if there is one. */
	const char *top = NULL;
	for (size_t i = 0; i < b->n_units; i++) {
		char *dir = path_dirname(b->units[i]);
		const char *scope = arena_strdup(&b->arena, dir);
		free(dir);
		if (strcmp(scope, b->in) == 0)
			top = b->units[i];
		else
			report_jobs(b, scope, b->units[i]);
	}
	report_jobs(b, b->in, top);
	return status;
}

static int run_plan_job(struct session *s, struct job *j, bool papers_only)
{
	struct loaded_plan lp;
	int status = EXIT_OK;
	char *dir = path_dirname(j->out_base);
	if (!make_dirs(dir)) {
		diag(s->d, DIAG_OUTPUT_FAILED, dir, (struct pos){0, 0}, strerror(errno), NULL);
		free(dir);
		return EXIT_SYSTEM;
	}
	free(dir);
	if (!session_load_plan(s, j->plan, &lp)) {
		loaded_plan_free(&lp);
		return EXIT_INPUT;
	}
	static const struct {
		doc_builder build;
		const char *suffix;
	} docs[] = {{build_agenda, "chuong-trinh"}, {build_minutes, "bien-ban"}, {build_paper, "de-dan"}};
	for (size_t i = 0; i < COUNT_OF(docs) && status == EXIT_OK; i++) {
		if (docs[i].build == build_paper && !lp.has_draft)
			break;
		if (papers_only && docs[i].build != build_paper)
			continue;
		char *out = arena_printf(&lp.arena, "%s.%s.pdf", j->out_base, docs[i].suffix);
		int pages = 0;
		struct render_target to = {.output = out, .pages = &pages};
		status = render_plan(docs[i].build, &lp, &to, s->d);
		if (docs[i].build == build_paper)
			j->paper_pages = pages;
	}
	loaded_plan_free(&lp);
	return status;
}

static int run_job(struct build *b, struct session *s, struct job *j)
{
	if (j->kind == JOB_PLAN)
		return run_plan_job(s, j, b->papers_only);
	const char *paths[] = {j->scope};
	struct render_target to = {.output = j->out};
	int status = report_over(s, j->units, paths, 1, j->year, j->quarter, &to);
	/* plans left out were reported by the parent already */
	return status == EXIT_INPUT ? EXIT_OK : status;
}

struct result_head {
	uint32_t job;
	int32_t status, pages;
	uint32_t len;
};

static bool read_full(int fd, void *p, size_t n)
{
	char *c = p;
	while (n) {
		ssize_t r = read(fd, c, n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return false;
		c += r;
		n -= (size_t)r;
	}
	return true;
}

/* A worker: jobs k, k+n, k+2n...; each result goes back on fd. */
static _Noreturn void worker(struct build *b, size_t k, size_t n, int fd)
{
	for (size_t i = k; i < b->n_jobs; i += n) {
		char *text = NULL;
		size_t len = 0;
		FILE *mem = open_memstream(&text, &len);
		if (!mem)
			fatal_oom();
		struct diags d;
		diags_init(&d, mem, false);
		d.quiet_warnings = true;  /* the parent printed them already */
		/* a report reloads every plan: their errors were printed once */
		d.only_system = b->jobs[i].kind == JOB_REPORT;
		struct session s;
		session_init(&s, &d);
		s.skip_drafts = b->jobs[i].kind == JOB_REPORT;
		int status = run_job(b, &s, &b->jobs[i]);
		diags_finish(&d);
		session_free(&s);
		fclose(mem);
		struct result_head h = {(uint32_t)i, status, b->jobs[i].paper_pages, (uint32_t)len};
		if (!write_all(fd, &h, sizeof h) || !write_all(fd, text, len))
			_exit(EXIT_SYSTEM);
		free(text);
	}
	_exit(EXIT_OK);
}

static void progress(const struct build *b, size_t done, double started)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	double elapsed = (double)now.tv_sec + (double)now.tv_nsec / 1e9 - started;
	double rate = elapsed > 0 ? (double)done / elapsed : 0;
	double left = rate > 0 ? (double)(b->n_jobs - done) / rate : 0;
	int width = 30, filled = b->n_jobs ? (int)((double)width * (double)done / (double)b->n_jobs) : width;
	fprintf(stderr, "\r[%.*s%*s] %zu/%zu  %.1f/s  còn %.0fs ", filled,
		"==============================", width - filled, "", done, b->n_jobs, rate, left);
	fflush(stderr);
}

static int run_workers(struct build *b, int jobs)
{
	size_t n = (size_t)jobs < b->n_jobs ? (size_t)jobs : b->n_jobs;
	if (n == 0)
		return EXIT_OK;
	struct pollfd *fds = xcalloc(n, sizeof *fds);
	pid_t *pids = xcalloc(n, sizeof *pids);
	fflush(NULL);
	size_t spawned = 0;
	for (size_t k = 0; k < n; k++) {
		int p[2];
		if (pipe(p) != 0)
			break;
		pids[k] = fork();
		if (pids[k] < 0) {
			close(p[0]);
			close(p[1]);
			break;
		}
		if (pids[k] == 0) {
			for (size_t o = 0; o < k; o++)
				close(fds[o].fd);
			free(fds);
			free(pids);
			close(p[0]);
			worker(b, k, n, p[1]);
		}
		close(p[1]);
		fds[k] = (struct pollfd){p[0], POLLIN, 0};
		spawned++;
	}
	if (spawned < n)  /* the jobs of the workers not started stay undone */
		fprintf(stderr, "chuyende: không tạo được tiến trình con — cannot start a worker: %s\n",
			strerror(errno));
	n = spawned;
	bool tty = isatty(STDERR_FILENO);
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	double started = (double)t0.tv_sec + (double)t0.tv_nsec / 1e9;
	size_t done = 0, printed = 0, open = n;
	int status = EXIT_OK;
	while (open > 0) {
		if (poll(fds, n, -1) < 0 && errno != EINTR)
			break;
		for (size_t k = 0; k < n; k++) {
			if (fds[k].fd < 0 || !(fds[k].revents & (POLLIN | POLLHUP)))
				continue;
			struct result_head h;
			if (!read_full(fds[k].fd, &h, sizeof h) || h.job >= b->n_jobs) {
				close(fds[k].fd);
				fds[k].fd = -1;
				open--;
				continue;
			}
			struct job *j = &b->jobs[h.job];
			j->diags = xmalloc(h.len + 1);
			if (!read_full(fds[k].fd, j->diags, h.len))
				h.len = 0;
			j->diags[h.len] = '\0';
			j->status = h.status;
			j->paper_pages = h.pages;
			j->done = true;
			done++;
		}
		/* diagnostics in job order, whatever order the workers finish in */
		while (printed < b->n_jobs && b->jobs[printed].done) {
			if (tty && b->jobs[printed].diags[0])
				fputs("\r\033[K", stderr);
			fputs(b->jobs[printed].diags, stderr);
			if (b->jobs[printed].status > status)
				status = b->jobs[printed].status;
			printed++;
		}
		if (tty)
			progress(b, done, started);
	}
	if (tty)
		fputs("\n", stderr);
	for (size_t k = 0; k < n; k++) {
		int ws;
		waitpid(pids[k], &ws, 0);
		if (!WIFEXITED(ws) || WEXITSTATUS(ws) != 0)
			status = EXIT_SYSTEM;
	}
	if (printed < b->n_jobs)
		status = EXIT_SYSTEM;
	free(fds);
	free(pids);
	return status;
}

static int write_archive(struct build *b, struct diags *d)
{
	/* the plans were checked and reported already: reload them quietly */
	struct diags quiet;
	diags_init(&quiet, stderr, false);
	quiet.quiet_warnings = true;
	struct session s;
	session_init(&s, &quiet);
	int status = EXIT_OK;
	for (size_t i = 0; i < b->n_jobs; i++) {
		struct job *j = &b->jobs[i];
		if (j->kind != JOB_PLAN || !j->final_paper || j->status != EXIT_OK)
			continue;
		struct loaded_plan lp;
		if (session_load_plan(&s, j->plan, &lp)) {
			char *pdf = arena_printf(&lp.arena, "%s.de-dan.pdf", j->out_base);
			const char *rel = pdf + strlen(b->out) + 1;
			if (!archive_add(&b->archive, &lp, pdf, rel, j->paper_pages))
				status = EXIT_SYSTEM;
		}
		loaded_plan_free(&lp);
	}
	if (status == EXIT_OK)
		status = archive_write(&b->archive, &s, b->out, d);
	session_free(&s);
	diags_finish(&quiet);
	return status;
}

static int build_command(const struct options *o, bool papers_only)
{
	if (o->n_args != 1 || !o->output)
		return usage_error("cách dùng: chuyende build|archive THƯ-MỤC -o THƯ-MỤC-KẾT-QUẢ [-j N]",
				   "usage: chuyende build|archive DIR -o OUTDIR [-j N]");
	struct build b = {.o = o, .out = o->output, .papers_only = papers_only};
	/* "samples/" and "samples" are one folder: paths below it are compared */
	char *in = xstrdup(o->args[0]);
	for (size_t n = strlen(in); n > 1 && in[n - 1] == '/'; n--)
		in[n - 1] = '\0';
	b.in = in;
	struct diags d;
	diags_init(&d, stderr, false);
	d.quiet_warnings = o->quiet;
	struct session s;
	session_init(&s, &d);
	if (!is_directory(b.in) || !walk_yaml(b.in, &b.files)) {
		diag(&d, DIAG_READ_FAILED, b.in, (struct pos){0, 0}, strerror(errno ? errno : ENOTDIR), NULL);
		diags_finish(&d);
		session_free(&s);
		return EXIT_SYSTEM;
	}
	int status = plan_jobs(&b, &s);
	diags_flush(&d);
	if (!make_dirs(b.out)) {
		diag(&d, DIAG_OUTPUT_FAILED, b.out, (struct pos){0, 0}, strerror(errno), NULL);
		status = EXIT_SYSTEM;
	} else {
		long cores = sysconf(_SC_NPROCESSORS_ONLN);
		int jobs = o->jobs ? o->jobs : (int)(cores > 0 ? cores : 1);
		int run = run_workers(&b, jobs);
		if (run > status)
			status = run;
		int arch = write_archive(&b, &d);
		if (arch > status)
			status = arch;
	}
	for (size_t i = 0; i < b.n_jobs; i++)
		free(b.jobs[i].diags);
	free(b.jobs);
	free(b.units);
	free(b.seen);
	archive_free(&b.archive);
	file_list_free(&b.files);
	arena_free(&b.arena);
	free(in);
	diags_finish(&d);
	session_free(&s);
	return status;
}

int cmd_build(const struct options *o)
{
	return build_command(o, false);
}

int cmd_archive(const struct options *o)
{
	return build_command(o, true);
}
