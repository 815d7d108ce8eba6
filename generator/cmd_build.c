/* chuyende build DIR -o OUTDIR [-j N]: every paper of every plan under DIR
 * (agenda, minutes, paper), a report per quarter found, and the archive
 * register, into a tree that mirrors DIR.
 *
 * Nothing is written over a file the build reads (a plan, a draft, a
 * register, a template): such a clash stops the build before it writes
 * anything. OUTDIR is DIR itself or outside it, never a folder inside it.
 * The archive register is rewritten only by a build that did not fail
 * (exit 0 or 1), and keeps the entries of plans that now have errors.
 *
 * The parent checks every plan first and prints all diagnostics in file
 * order; then N workers (os.h: processes, or threads on Windows) render
 * the jobs (a static share each) and send back, per job, its status, page
 * count and any diagnostics. Output files depend only on their inputs, so
 * any N writes the same bytes. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "archive.h"
#include "cli.h"
#include "os.h"
#include "output.h"
#include "party.h"
#include "render.h"
#include "report.h"
#include "syserr.h"
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
	int year, quarter;       /* JOB_REPORT (quarter 0: the year) */
	const char *units;       /* JOB_REPORT: the register, or NULL */
	const char *scope;       /* JOB_REPORT: the folder whose plans it counts */
	const char **exclude;    /* JOB_REPORT: folders of other registers in it */
	size_t n_exclude;
	const char *out;         /* JOB_REPORT: the PDF */
	/* results */
	int status, paper_pages, minutes_pages;
	int written;             /* documents written */
	bool done, final_paper, has_draft, has_record;
	char *diags;
};

/* Every plan file found, with or without errors: which archived files
 * its outputs are, for the register. */
struct plan_base {
	const char *base;        /* OUTDIR/rel/base */
	bool ok;
};

struct build {
	const struct options *o;
	const char *in, *out;
	struct file_list files;
	struct plan_base *bases;
	size_t n_bases, cap_bases;
	struct name_index base_index;
	struct job *jobs;
	size_t n_jobs, cap_jobs;
	const char **units;      /* registers found */
	size_t n_units, cap_units;
	struct plan_seen *seen;  /* checked plans, for the reports */
	size_t n_seen, cap_seen;
	struct archive archive;
	struct arena arena;
	bool papers_only;        /* `archive`: final papers and the register only */
	long left_out;           /* plan files left out with errors */
	long written;            /* documents written, the register's two files included */
	const struct session *planned;  /* the checks' session: its templates, parsed once, serve every job */
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

static bool under(const char *path, const char *dir)
{
	size_t n = strlen(dir);
	return strncmp(path, dir, n) == 0 && path[n] == '/';
}

/* Whether plan p belongs to the report over dir that leaves out the
 * folders of exclude (the registers nearer to their plans). */
static bool belongs(const struct build *b, const char *path, const char *dir, const char **exclude, size_t n)
{
	if (strcmp(dir, b->in) != 0 && !under(path, dir))
		return false;
	for (size_t i = 0; i < n; i++)
		if (under(path, exclude[i]))
			return false;
	return true;
}

static void add_report_job(struct build *b, const char *dir, const char *units, const char **exclude, size_t n_ex,
			   int year, int quarter)
{
	/* a register's reports in the mirror of its folder; the reports of
	 * plans under no register in the output folder itself */
	const char *rel = !units || strcmp(dir, b->in) == 0 ? "" : dir + strlen(b->in) + 1;
	struct job *r = VEC_PUSH(b->jobs, b->n_jobs, b->cap_jobs);
	*r = (struct job){.kind = JOB_REPORT, .year = year, .quarter = quarter, .units = units};
	r->scope = dir;
	r->exclude = exclude;
	r->n_exclude = n_ex;
	r->out = quarter ? arena_printf(&b->arena, "%s/%s%sbao-cao-%04d-Q%d.pdf", b->out, rel, *rel ? "/" : "", year,
					quarter)
			 : arena_printf(&b->arena, "%s/%s%sbao-cao-%04d.pdf", b->out, rel, *rel ? "/" : "", year);
}

/* The reports of one register (or of the plans under none): one per
 * quarter its plans fall in, and one per year they cover whole. */
static void report_jobs(struct build *b, const char *dir, const char *units, const char **exclude, size_t n_ex)
{
	size_t first_job = b->n_jobs;
	for (size_t i = 0; i < b->n_seen; i++) {
		const struct plan_seen *p = &b->seen[i];
		if (!belongs(b, p->path, dir, exclude, n_ex))
			continue;
		bool known = false;
		for (size_t j = first_job; j < b->n_jobs && !known; j++)
			known = b->jobs[j].year == p->year && b->jobs[j].quarter == p->quarter;
		if (!known)
			add_report_job(b, dir, units, exclude, n_ex, p->year, p->quarter);
	}
	size_t last_job = b->n_jobs;
	for (size_t j = first_job; j < last_job; j++) {
		unsigned quarters = 0;
		bool earlier = false;
		for (size_t k = first_job; k < last_job; k++)
			if (b->jobs[k].year == b->jobs[j].year) {
				quarters |= 1u << (b->jobs[k].quarter - 1);
				earlier |= k < j;
			}
		if (quarters == 0xF && !earlier)
			add_report_job(b, dir, units, exclude, n_ex, b->jobs[j].year, 0);
	}
}

/* One report per register over the plans nearest to it, and one over the
 * plans under none: no report mixes two registers. */
static void plan_report_jobs(struct build *b)
{
	const char **dirs = arena_alloc(&b->arena, (b->n_units + 1) * sizeof *dirs);
	bool top = false;
	for (size_t i = 0; i < b->n_units; i++) {
		char *dir = path_dirname(b->units[i]);
		dirs[i] = arena_strdup(&b->arena, dir);
		free(dir);
		top |= strcmp(dirs[i], b->in) == 0;
	}
	for (size_t i = 0; i < b->n_units; i++) {
		const char **ex = arena_alloc(&b->arena, (b->n_units + 1) * sizeof *ex);
		size_t n_ex = 0;
		for (size_t j = 0; j < b->n_units; j++)
			if (strcmp(dirs[i], b->in) == 0 ? strcmp(dirs[j], b->in) != 0 : under(dirs[j], dirs[i]))
				ex[n_ex++] = dirs[j];
		report_jobs(b, dirs[i], b->units[i], ex, n_ex);
	}
	if (!top)
		report_jobs(b, b->in, NULL, dirs, b->n_units);
}

static const char *job_out_base(const void *ctx, size_t i)
{
	const struct build *b = ctx;
	return b->jobs[i].out_base;
}

/* Checks every input, printing diagnostics in order; queues the jobs. Two
 * plans whose outputs would have the same name (x.yaml and x.yml) are an
 * error: the second is left out. */
static const char *plan_base_name(const void *ctx, size_t i)
{
	const struct build *b = ctx;
	return b->bases[i].base;
}

/* Notes where a plan file's outputs would go, ok or not. */
static void note_base(struct build *b, const char *path, bool ok)
{
	const char *base = out_base(b, path);
	size_t i = name_index_put(&b->base_index, base, b->n_bases, plan_base_name, b);
	if (i == NAME_NEW)
		*VEC_PUSH(b->bases, b->n_bases, b->cap_bases) = (struct plan_base){base, ok};
	else
		b->bases[i].ok = b->bases[i].ok && ok;
}

static int plan_jobs(struct build *b, struct session *s)
{
	int status = EXIT_OK;
	struct name_index outs = {0};
	for (size_t i = 0; i < b->files.n; i++) {
		const char *path = b->files.paths[i];
		if (!session_first_visit(s, path)) {
			diags_flush(s->d);
			continue;
		}
		struct loaded_plan lp;
		enum input_kind kind;
		bool ok = session_load_input(s, path, &lp, &kind);
		if (!ok)
			status = diags_exit_status(s->d) > status ? diags_exit_status(s->d) : EXIT_INPUT;
		if (!ok && (kind == INPUT_PLAN || kind == INPUT_UNKNOWN))
			b->left_out++;
		if (ok && kind == INPUT_UNITS)
			*VEC_PUSH(b->units, b->n_units, b->cap_units) = path;
		if (kind == INPUT_PLAN || kind == INPUT_UNKNOWN)
			note_base(b, path, ok);
		bool final = ok && lp.has_draft && lp.draft.status == DRAFT_STATUS_FINAL;
		bool record = ok && lp.plan.record.set;
		bool wanted = ok && kind == INPUT_PLAN && (final || record || !b->papers_only);
		const char *base = wanted ? out_base(b, path) : NULL;
		size_t first = base ? name_index_put(&outs, base, b->n_jobs, job_out_base, b) : NAME_NEW;
		if (first != NAME_NEW) {
			diag(s->d, DIAG_OUTPUT_CLASH, path, (struct pos){0, 0}, b->jobs[first].plan, base, NULL);
			b->left_out++;
			if (status < EXIT_INPUT)
				status = EXIT_INPUT;
		} else if (wanted) {
			struct job *j = VEC_PUSH(b->jobs, b->n_jobs, b->cap_jobs);
			*j = (struct job){.kind = JOB_PLAN, .plan = path, .out_base = base};
			j->final_paper = final;
			j->has_draft = lp.has_draft;
			j->has_record = record;
			struct ymd d = lp.plan.meeting.date.v;
			*VEC_PUSH(b->seen, b->n_seen, b->cap_seen) = (struct plan_seen){path, d.y, date_quarter(d)};
		}
		loaded_plan_free(&lp);
		diags_flush(s->d);
	}
	name_index_free(&outs);
	if (b->papers_only)
		return status;
	plan_report_jobs(b);
	return status;
}

/* The papers of one plan, in the order they are written. */
static const struct {
	enum tdoc kind;
	const char *suffix;
} plan_docs[] = {{TDOC_AGENDA, "chuong-trinh"}, {TDOC_MINUTES, "bien-ban"}, {TDOC_PAPER, "de-dan"}};

/* `archive` writes only what is archived: final papers, minutes as held. */
static bool job_writes(const struct job *j, size_t doc, bool papers_only)
{
	if (plan_docs[doc].kind == TDOC_PAPER)
		return papers_only ? j->final_paper : j->has_draft;
	if (plan_docs[doc].kind == TDOC_MINUTES)
		return !papers_only || j->has_record;
	return !papers_only;
}

static int run_plan_job(struct session *s, struct job *j, bool papers_only)
{
	struct loaded_plan lp;
	int status = EXIT_OK;
	if (!session_load_plan(s, j->plan, &lp)) {
		loaded_plan_free(&lp);
		return EXIT_INPUT;
	}
	for (size_t i = 0; i < COUNT_OF(plan_docs) && status == EXIT_OK; i++) {
		if (!job_writes(j, i, papers_only))
			continue;
		char *out = arena_printf(&lp.arena, "%s.%s.pdf", j->out_base, plan_docs[i].suffix);
		int pages = 0;
		struct render_target to = {.output = out, .pages = &pages, .sync_later = true};
		status = render_plan(plan_docs[i].kind, &lp, &to, s->d);
		j->written += status == EXIT_OK;
		if (plan_docs[i].kind == TDOC_PAPER)
			j->paper_pages = pages;
		if (plan_docs[i].kind == TDOC_MINUTES)
			j->minutes_pages = pages;
	}
	loaded_plan_free(&lp);
	return status;
}

static int run_job(struct build *b, struct session *s, struct job *j)
{
	if (j->kind == JOB_PLAN)
		return run_plan_job(s, j, b->papers_only);
	const char *paths[] = {j->scope};
	struct render_target to = {.output = j->out, .sync_later = true};
	struct report_scope scope = {.units_path = j->units, .paths = paths, .n_paths = 1,
				     .exclude = j->exclude, .n_exclude = j->n_exclude,
				     .note_dir = j->units ? NULL : j->scope, .year = j->year, .quarter = j->quarter};
	struct report_counts counts = {0};
	int status = report_over(s, &scope, &to, &counts);
	j->written = counts.written;
	/* plans left out were reported by the parent already */
	return status == EXIT_INPUT ? EXIT_OK : status;
}

struct result_head {
	uint32_t job;
	int32_t status, paper_pages, minutes_pages, written;
	uint32_t len;
};

struct collect {
	struct build *b;
	size_t done, printed;
	int status;
	bool tty;
	double started;
};

/* A worker: jobs k, k+n, k+2n...; each result goes back on ch. */
static bool worker(void *ctx, size_t k, size_t n, struct os_channel *ch)
{
	struct build *b = ((struct collect *)ctx)->b;
	for (size_t i = k; i < b->n_jobs; i += n) {
		char *text = NULL;
		size_t len = 0;
		struct os_membuf mb;
		FILE *mem = os_memstream(&mb, &text, &len);
		if (!mem)
			return false;
		struct diags d;
		diags_for(&d, mem, b->o);
		d.color = b->o->color_stderr;  /* the parent copies the text to stderr */
		d.log = b->o->verbose ? mem : NULL;
		d.quiet_warnings = true;  /* the parent printed them already */
		/* a report reloads every plan: their errors were printed once */
		d.only_system = b->jobs[i].kind == JOB_REPORT;
		/* but not how its units matched, which only a quarter's report
		 * says (the year's would say it again) */
		d.report_only = b->jobs[i].kind == JOB_REPORT && b->jobs[i].quarter && !b->o->quiet;
		struct session s;
		session_init(&s, &d);
		s.shared = b->planned;
		s.skip_drafts = b->jobs[i].kind == JOB_REPORT;
		int status = run_job(b, &s, &b->jobs[i]);
		diags_finish(&d);
		session_free(&s);
		if (!os_memstream_close(&mb))
			status = EXIT_SYSTEM;
		struct result_head h = {(uint32_t)i, status, b->jobs[i].paper_pages, b->jobs[i].minutes_pages,
					b->jobs[i].written, (uint32_t)len};
		char *msg = xmalloc(sizeof h + len);
		memcpy(msg, &h, sizeof h);
		memcpy(msg + sizeof h, text, len);
		bool sent = os_channel_send(ch, msg, sizeof h + len);
		free(msg);
		free(text);
		if (!sent)
			return false;
	}
	return true;
}

static void progress(const struct build *b, size_t done, double started)
{
	double elapsed = os_seconds() - started;
	double rate = elapsed > 0 ? (double)done / elapsed : 0;
	double left = rate > 0 ? (double)(b->n_jobs - done) / rate : 0;
	int width = 30, filled = b->n_jobs ? (int)((double)width * (double)done / (double)b->n_jobs) : width;
	fprintf(stderr, "\r[%.*s%*s] %zu/%zu  %.1f/s  còn %.0fs ", filled,
		"==============================", width - filled, "", done, b->n_jobs, rate, left);
	fflush(stderr);
}

/* One job's result, from whichever worker; diagnostics are printed in
 * job order, whatever order the workers finish in. */
static void receive(void *ctx, const void *msg, size_t len)
{
	struct collect *c = ctx;
	struct build *b = c->b;
	struct result_head h;
	if (len < sizeof h)
		return;
	memcpy(&h, msg, sizeof h);
	if (h.job >= b->n_jobs || b->jobs[h.job].done || h.len != len - sizeof h)
		return;
	struct job *j = &b->jobs[h.job];
	j->diags = xmalloc(h.len + 1);
	memcpy(j->diags, (const char *)msg + sizeof h, h.len);
	j->diags[h.len] = '\0';
	j->status = h.status;
	j->paper_pages = h.paper_pages;
	j->minutes_pages = h.minutes_pages;
	j->written = h.written;
	b->written += h.written;
	j->done = true;
	c->done++;
	while (c->printed < b->n_jobs && b->jobs[c->printed].done) {
		if (c->tty && b->jobs[c->printed].diags[0])
			fputs("\r\033[K", stderr);
		fputs(b->jobs[c->printed].diags, stderr);
		if (b->jobs[c->printed].status > c->status)
			c->status = b->jobs[c->printed].status;
		c->printed++;
	}
	if (c->tty)
		progress(b, c->done, c->started);
}

static int run_workers(struct build *b, int jobs)
{
	size_t n = (size_t)jobs < b->n_jobs ? (size_t)jobs : b->n_jobs;
	if (n == 0)
		return EXIT_OK;
	struct collect c = {b, 0, 0, EXIT_OK, os_is_terminal(STDERR_FILENO), os_seconds()};
	bool failed = false;
	size_t started = os_run_workers(n, worker, receive, &c, &failed);
	if (started < n) {  /* the jobs of the workers not started stay undone */
		struct cause_buf cb;
		const char *cause = sys_cause(errno, &cb);
		fprintf(stderr, "chuyende: không tạo được tiến trình con — cannot start a worker: %s\n",
			strchr(cause, '\x1F') + 1);
	}
	if (c.tty)
		fputs("\n", stderr);
	if (failed || c.printed < b->n_jobs)
		c.status = EXIT_SYSTEM;
	return c.status;
}

/* ---- before writing: the outputs against the inputs ---- */

/* Every file the build will write, handed to fn. */
static bool each_output(const struct build *b, bool (*fn)(const char *path, void *ctx), void *ctx)
{
	bool ok = true;
	struct arena tmp = {0};
	for (size_t i = 0; i < b->n_jobs; i++) {
		const struct job *j = &b->jobs[i];
		if (j->kind == JOB_REPORT) {
			ok = fn(j->out, ctx) && ok;
			continue;
		}
		for (size_t k = 0; k < COUNT_OF(plan_docs); k++)
			if (job_writes(j, k, b->papers_only))
				ok = fn(arena_printf(&tmp, "%s.%s.pdf", j->out_base, plan_docs[k].suffix), ctx) && ok;
	}
	ok = fn(arena_printf(&tmp, "%s/%s", b->out, REGISTER_CSV), ctx) && ok;
	ok = fn(arena_printf(&tmp, "%s/%s", b->out, REGISTER_PDF), ctx) && ok;
	arena_free(&tmp);
	return ok;
}

static bool not_an_input(const char *path, void *ctx)
{
	struct session *s = ctx;
	if (!session_read_file(s, path))
		return true;
	diag(s->d, DIAG_OUTPUT_IS_INPUT, path, (struct pos){0, 0}, NULL);
	return false;
}

struct made_dirs {
	struct build *b;
	struct diags *d;
	struct name_index index;
	const char **dirs;
	size_t n;
};

static const char *made_dir_name(const void *ctx, size_t i)
{
	const struct made_dirs *m = ctx;
	return m->dirs[i];
}

/* The folder of an output, made once, and swept of temporaries that an
 * interrupted run left there. */
static bool make_output_dir(const char *path, void *ctx)
{
	struct made_dirs *m = ctx;
	char *dir = path_dirname(path);
	const char *name = arena_strdup(&m->b->arena, dir);
	free(dir);
	if (name_index_put(&m->index, name, m->n, made_dir_name, m) != NAME_NEW)
		return true;
	m->dirs = xrealloc(m->dirs, (m->n + 1) * sizeof *m->dirs);
	m->dirs[m->n++] = name;
	if (!make_dirs(name)) {
		diag_sys(m->d, DIAG_OUTPUT_FAILED, name, OP_MKDIR, errno);
		return false;
	}
	output_sweep(name);
	return true;
}

static bool make_output_dirs(struct build *b, struct diags *d)
{
	struct made_dirs m = {b, d, {0}, NULL, 0};
	bool ok = each_output(b, make_output_dir, &m);
	name_index_free(&m.index);
	free(m.dirs);
	return ok;
}

/* ---- the archive register ---- */

/* The plan whose outputs include file (relative to OUTDIR), or NULL. */
static const struct plan_base *base_of(struct build *b, const char *file)
{
	const char *dot = strrchr(file, '/') ? strrchr(file, '/') : file;
	for (size_t k = 0; k < COUNT_OF(plan_docs); k++) {
		char *suffix = arena_printf(&b->arena, ".%s.pdf", plan_docs[k].suffix);
		if (!path_has_suffix(dot, suffix))
			continue;
		char *base = arena_printf(&b->arena, "%s/%.*s", b->out, (int)(strlen(file) - strlen(suffix)), file);
		size_t i = name_index_get(&b->base_index, base, plan_base_name, b);
		return i != NAME_NEW ? &b->bases[i] : NULL;
	}
	return NULL;
}

/* Keeps from old what this build did not renew: entries of plans that now
 * have errors, and of files no plan makes any more. */
static const char *entry_file(const void *ctx, size_t i)
{
	const struct archive *a = ctx;
	return a->v[i].file;
}

static void keep_old_entries(struct build *b, struct archive *now, const struct archive *old)
{
	struct name_index files = {0};
	for (size_t i = 0; i < now->n; i++)
		name_index_put(&files, now->v[i].file, i, entry_file, now);
	for (size_t i = 0; i < old->n; i++) {
		const struct archive_entry *e = &old->v[i];
		if (name_index_get(&files, e->file, entry_file, now) != NAME_NEW)
			continue;  /* renewed by this build */
		const struct plan_base *p = base_of(b, e->file);
		if (p && p->ok)
			continue;  /* its plan is fine and no longer archives it */
		struct archive_entry kept = *e;
		kept.state = p ? ENTRY_PLAN_ERRORS : ENTRY_PLAN_GONE;
		*VEC_PUSH(now->v, now->n, now->cap) = kept;
		struct archive_entry *x = &now->v[now->n - 1];
		x->kind = xstrdup(e->kind);
		x->number = xstrdup(e->number);
		x->cell = xstrdup(e->cell);
		x->topic = xstrdup(e->topic);
		x->author = xstrdup(e->author);
		x->file = xstrdup(e->file);
	}
	name_index_free(&files);
}

/* Adds the entry for the file out_base.suffix.pdf; false (after a
 * diagnostic) when it cannot be read back. */
static bool add_entry(struct build *b, struct archive *a, struct archive_entry *e, const char *out_base,
		      const char *suffix, struct arena *arena, struct diags *d)
{
	const char *pdf = arena_printf(arena, "%s.%s.pdf", out_base, suffix);
	e->file = (char *)pdf + strlen(b->out) + 1;
	if (archive_add(a, e, pdf))
		return true;
	diag_sys(d, DIAG_READ_FAILED, pdf, OP_READ, errno);
	return false;
}

/* The archived documents of one plan rendered by this build: its final
 * paper, the minutes of its meeting as held. */
static int plan_entries(struct build *b, struct archive *a, const struct job *j, const struct loaded_plan *lp,
			struct arena *arena, struct diags *d)
{
	const struct plan *p = &lp->plan;
	const struct template *t = lp->tpl;
	int status = EXIT_OK;
	struct archive_entry e = {.date = p->meeting.date.v, .cell = (char *)p->org.name.s};
	if (j->final_paper) {
		e.kind = KIND_PAPER;
		e.number = (char *)party_number_for(arena, p->meeting.number.s, t->docs[TDOC_AGENDA].code,
						    t->docs[TDOC_PAPER].code);
		e.topic = (char *)(lp->draft.title.s ? lp->draft.title.s : p->meeting.topic.s);
		e.author = (char *)(lp->draft.author.s ? lp->draft.author.s : p->people.presenter.s);
		e.pages = j->paper_pages;
		if (!add_entry(b, a, &e, j->out_base, "de-dan", arena, d))
			status = EXIT_SYSTEM;
	}
	if (j->has_record) {
		e.kind = KIND_MINUTES;
		e.number = (char *)party_number_for(arena, p->meeting.number.s, t->docs[TDOC_AGENDA].code,
						    t->docs[TDOC_MINUTES].code);
		e.topic = (char *)p->meeting.topic.s;
		e.author = (char *)p->people.secretary.s;
		e.pages = j->minutes_pages;
		if (!add_entry(b, a, &e, j->out_base, "bien-ban", arena, d))
			status = EXIT_SYSTEM;
	}
	return status;
}

/* This build's archived documents, from the jobs that succeeded. */
static int renewed_entries(struct build *b, struct archive *a)
{
	/* the plans were checked and reported already: reload them quietly */
	struct diags quiet;
	diags_for(&quiet, stderr, b->o);
	quiet.quiet_warnings = true;
	quiet.log = NULL;
	struct session s;
	session_init(&s, &quiet);
	int status = EXIT_OK;
	for (size_t i = 0; i < b->n_jobs; i++) {
		struct job *j = &b->jobs[i];
		if (j->kind != JOB_PLAN || !(j->final_paper || j->has_record) || j->status != EXIT_OK)
			continue;
		struct loaded_plan lp;
		s.skip_drafts = !j->final_paper;
		if (session_load_plan(&s, j->plan, &lp)) {
			int st = plan_entries(b, a, j, &lp, &lp.arena, &quiet);
			if (st > status)
				status = st;
		}
		loaded_plan_free(&lp);
	}
	session_free(&s);
	diags_finish(&quiet);
	return status;
}

struct register_doc {
	const struct archive *a;
};

static void build_register_doc(struct compose *c, const void *ctx, struct built_doc *out)
{
	build_register(c, ctx, out);
}

/* Rewrites the register from this build and the one before: the CSV, then
 * its PDF. Called only when the build did not fail. */
static int update_register(struct build *b, struct diags *d)
{
	struct archive old = {0}, now = {0};
	char *csv_path = path_join(b->out, REGISTER_CSV), *pdf = path_join(b->out, REGISTER_PDF);
	int status = archive_read(&old, csv_path, d) ? renewed_entries(b, &now) : EXIT_INPUT;
	if (status == EXIT_OK) {
		keep_old_entries(b, &now, &old);
		archive_sort(&now);
		struct buf csv = {0};
		archive_csv(&now, &csv);
		if (!output_file(csv_path, csv.data, csv.len, d))
			status = EXIT_SYSTEM;
		buf_free(&csv);
	}
	if (status == EXIT_OK) {
		struct session s;
		session_init(&s, d);
		const struct template *t = session_template(&s, TEMPLATE_DEFAULT, pdf, (struct pos){0, 0});
		struct render_target to = {.output = pdf};
		const struct text_source src = {.shown = pdf};  /* its text comes from many plans */
		status = t ? render_document(t, &src, 1, build_register_doc, &now, &to, d) : EXIT_SYSTEM;
		session_free(&s);
	}
	archive_free(&old);
	archive_free(&now);
	free(csv_path);
	free(pdf);
	return status;
}

/* ---- the command ---- */

/* path made absolute and real as far as it exists, the rest appended. */
static char *planned_real_path(const char *path)
{
	char *real = os_realpath(path);
	if (real)
		return real;
	char *dir = path_dirname(path);
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	char *parent = strcmp(dir, path) == 0 ? NULL : planned_real_path(dir);
	free(dir);
	if (!parent)
		return NULL;
	char *joined = path_join(parent, base);
	free(parent);
	return joined;
}

/* OUTDIR strictly inside DIR: the next build would read its outputs. */
static bool inside_input(const char *in, const char *out)
{
	char *ri = planned_real_path(in), *ro = planned_real_path(out);
	size_t n = ri ? strlen(ri) : 0;
	bool inside = ri && ro && strncmp(ro, ri, n) == 0 && ro[n] == '/';
	free(ri);
	free(ro);
	return inside;
}

static int check_folders(const char *in, const char *out, struct diags *d)
{
	struct stat st;
	if (os_stat(in, &st) != 0) {
		diag_sys(d, DIAG_READ_FAILED, in, OP_LIST, errno);
		return EXIT_SYSTEM;
	}
	if (!S_ISDIR(st.st_mode)) {
		diag(d, DIAG_BUILD_NOT_FOLDER, in, (struct pos){0, 0}, BI("thư mục đầu vào", "the input"), NULL);
		return EXIT_USAGE;
	}
	if (os_stat(out, &st) == 0 && !S_ISDIR(st.st_mode)) {
		diag(d, DIAG_BUILD_NOT_FOLDER, out, (struct pos){0, 0}, BI("thư mục kết quả (-o)", "the output (-o)"), NULL);
		return EXIT_USAGE;
	}
	if (inside_input(in, out)) {
		diag(d, DIAG_BUILD_OUTPUT_INSIDE, out, (struct pos){0, 0}, in, NULL);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

static void build_free(struct build *b)
{
	for (size_t i = 0; i < b->n_jobs; i++)
		free(b->jobs[i].diags);
	free(b->jobs);
	free(b->units);
	free(b->seen);
	free(b->bases);
	name_index_free(&b->base_index);
	file_list_free(&b->files);
	arena_free(&b->arena);
}

/* Checks, then writes: papers and reports by the workers, then the register. */
static int build_run(struct build *b, struct session *s, struct diags *d)
{
	walk_yaml(b->in, &b->files, d);
	int status = diags_exit_status(d);
	int checked = plan_jobs(b, s);
	if (checked > status)
		status = checked;
	diags_flush(d);
	if (!each_output(b, not_an_input, s))
		return EXIT_INPUT;  /* nothing is written */
	if (!make_output_dirs(b, d))
		return EXIT_SYSTEM;
	int jobs = b->o->jobs ? b->o->jobs : (int)os_cpu_count();
	b->planned = s;
	int run = run_workers(b, jobs);
	/* the documents reach the disk in one sync, before the register names them */
	if (b->written && os_sync_tree(b->out) != 0) {
		diag_sys(d, DIAG_OUTPUT_FAILED, b->out, OP_SYNC, errno);
		run = EXIT_SYSTEM;
	}
	if (run > status)
		status = run;
	/* a build that failed leaves the register as it was */
	if (status <= EXIT_INPUT) {
		int reg = update_register(b, d);
		if (reg == EXIT_OK)
			b->written += 2;
		if (reg > status)
			status = reg;
	}
	return status;
}

/* "N documents written, M plans left out with errors, T s" */
static void build_summary(const struct options *o, const struct build *b, double seconds)
{
	struct buf vi = {0}, en = {0};
	buf_printf(&vi, "đã ghi %ld tệp vào %s, %ld kế hoạch có lỗi bị bỏ ra; %.1f giây", b->written, b->out,
		   b->left_out, seconds);
	buf_printf(&en, "%ld document%s written in %s, %ld plan%s left out with errors; %.1f s", b->written,
		   b->written == 1 ? "" : "s", b->out, b->left_out, b->left_out == 1 ? "" : "s", seconds);
	print_summary(o, vi.data, en.data);
	buf_free(&vi);
	buf_free(&en);
}

static int build_command(const struct options *o, bool papers_only)
{
	if (o->n_args != 1 || !o->output)
		return usage_error(o, "cách dùng: chuyende build|archive THƯ-MỤC -o THƯ-MỤC-KẾT-QUẢ [-j N]",
				   "usage: chuyende build|archive DIR -o OUTDIR [-j N]");
	struct build b = {.o = o, .out = o->output, .papers_only = papers_only};
	/* "samples/" and "samples" are one folder: paths below it are compared */
	char *in = xstrdup(o->args[0]);
	for (size_t n = strlen(in); n > 1 && in[n - 1] == '/'; n--)
		in[n - 1] = '\0';
	b.in = in;
	struct diags d;
	diags_for(&d, stderr, o);
	struct session s;
	session_init(&s, &d);
	double started = os_seconds();
	int status = check_folders(b.in, b.out, &d);
	if (status == EXIT_OK)
		status = build_run(&b, &s, &d);
	diags_finish(&d);
	if (status != EXIT_USAGE)
		build_summary(o, &b, os_seconds() - started);
	build_free(&b);
	free(in);
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
