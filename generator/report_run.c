/* The report over a period as a stage of its own, which `report` and
 * `build` both call (report.h, report_over): finds the register and its
 * note, streams every plan under the paths into a tally (each plan is
 * freed before the next is read), then renders the tally. Plans with
 * errors are reported and left out; the report says how many, and the
 * status is then 1. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "os.h"
#include "render.h"
#include "report.h"
#include "syserr.h"
#include "walk.h"

struct report_job {
	struct report_tally *tally;
	const struct report_header *header;
};

static void build_report_doc(struct compose *c, const void *ctx, struct built_doc *out)
{
	const struct report_job *job = ctx;
	build_report(c, job->tally, job->header, out);
}

struct tally_walk {
	struct session *s;
	struct report_tally *r;
	const struct report_scope *scope;
	struct file_id units;    /* the register, read already (when has_units) */
	const struct render_target *to;
	long plans;              /* plan files read */
	bool has_units;
};

/* The report command again, with --units path: the advice of
 * UNITS_NOT_USED, which runs as it stands. */
static char *with_units(const struct tally_walk *w, const char *path)
{
	struct buf b = {0};
	if (w->scope->quarter)
		buf_printf(&b, "chuyende report --quarter %d-Q%d --units ", w->scope->year, w->scope->quarter);
	else
		buf_printf(&b, "chuyende report --year %d --units ", w->scope->year);
	buf_add_shell_word(&b, path);
	for (size_t i = 0; i < w->scope->n_paths; i++) {
		buf_addc(&b, ' ');
		buf_add_shell_word(&b, w->scope->paths[i]);
	}
	if (w->to->output) {
		buf_adds(&b, " -o ");
		buf_add_shell_word(&b, w->to->output);
	} else {
		buf_adds(&b, " --dump-layout");
	}
	buf_grow(&b, 0);
	return b.data;
}

static bool under(const char *path, const char *dir)
{
	size_t n = strlen(dir);
	return strncmp(path, dir, n) == 0 && (path[n] == '/' || (n && dir[n - 1] == '/'));
}

static bool excluded(const struct tally_walk *w, const char *path)
{
	for (size_t i = 0; i < w->scope->n_exclude; i++)
		if (under(path, w->scope->exclude[i]))
			return true;
	return false;
}

static bool is_register(const struct tally_walk *w, bool known, const struct file_id *id)
{
	return w->has_units && known && id->dev == w->units.dev && id->ino == w->units.ino;
}

/* A file loaded (by this process or a reader): a plan is counted. */
static void count_loaded(struct tally_walk *w, const char *path, bool ok, enum input_kind kind,
			 const struct loaded_plan *lp)
{
	if (kind == INPUT_PLAN || kind == INPUT_UNKNOWN) {
		w->plans++;
		if (ok)
			report_tally_plan(w->r, lp, w->s->d);
		else
			report_tally_failed(w->r, lp);
	} else if (kind == INPUT_UNITS && ok && !w->scope->units_path) {
		char *command = with_units(w, path);
		diag(w->s->d, DIAG_UNITS_NOT_USED, path, (struct pos){0, 0}, command, NULL);
		free(command);
	}
}

/* One file found under a path and not excluded: a plan is counted, then
 * freed. The register, often kept beside the plans, is not read a second
 * time. */
static void tally_listed(struct tally_walk *w, const char *path)
{
	struct file_id id;
	bool known = file_id_of(path, &id);
	if (is_register(w, known, &id))
		return;
	if (!session_first_visit_id(w->s, path, known ? &id : NULL)) {
		diags_flush(w->s->d);
		return;
	}
	struct loaded_plan lp;
	enum input_kind kind;
	bool ok = session_load_input(w->s, path, &lp, &kind);
	count_loaded(w, path, ok, kind, &lp);
	loaded_plan_free(&lp);
	diags_flush(w->s->d);
}

/* Plans in the folder of another register belong to it. */
static void tally_file(const char *path, void *ctx)
{
	struct tally_walk *w = ctx;
	if (!excluded(w, path))
		tally_listed(w, path);
}

/* ---- the plans read by reader threads ----
 *
 * A walking thread lists the files found under the paths, starting while
 * this one still loads the register and the template. Once the list holds
 * MIN_BLOCKS blocks of BLOCK files and the template is in, reader threads
 * start; each takes the next block as soon as the list has filled it,
 * loads its files into a session of its own (the templates are this
 * one's, read only) and diagnostics of its own, and leaves per file what
 * the tally takes of the plan and what was reported, packed in one
 * message per block. This thread takes the blocks in order, so that the
 * diagnostics (the walk's among them, each before the file it preceded),
 * the tally and the spool are those of reading the files one by one,
 * whatever order the threads finish in. The walk, a few system calls per
 * folder, so runs beside the register's loading and the reading instead
 * of before them. */

#define BLOCK 32          /* files a message carries */
#define MIN_BLOCKS 2      /* fewer files are read here: a thread costs more than it saves */
#define MAX_READERS 8
#define AHEAD 16          /* blocks read and not yet taken, at most: memory stays bounded */

struct wire {              /* a message being read */
	const unsigned char *p, *end;
	bool bad;
};

static void put_u32(struct buf *b, uint32_t v)
{
	buf_add(b, &v, sizeof v);
}

static void put_i64(struct buf *b, int64_t v)
{
	buf_add(b, &v, sizeof v);
}

static void put_str(struct buf *b, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	put_u32(b, s ? (uint32_t)n : UINT32_MAX);
	if (s)
		buf_add(b, s, n);
}

static void put_pos(struct buf *b, struct pos at)
{
	put_u32(b, (uint32_t)at.line);
	put_u32(b, (uint32_t)at.col);
}

static void put_text(struct buf *b, struct text t)
{
	put_str(b, t.s);
	put_pos(b, t.at);
}

static void put_count(struct buf *b, struct count_field c)
{
	put_i64(b, c.v);
	put_u32(b, (uint32_t)c.set | (uint32_t)c.invalid << 1);
}

static void take(struct wire *in, void *v, size_t n)
{
	if (in->bad || (size_t)(in->end - in->p) < n) {
		in->bad = true;
		memset(v, 0, n);
		return;
	}
	memcpy(v, in->p, n);
	in->p += n;
}

static uint32_t get_u32(struct wire *in)
{
	uint32_t v;
	take(in, &v, sizeof v);
	return v;
}

static int64_t get_i64(struct wire *in)
{
	int64_t v;
	take(in, &v, sizeof v);
	return v;
}

/* A string in arena (NULL when it was NULL); malloc'd when arena is NULL. */
static char *get_str(struct wire *in, struct arena *arena)
{
	uint32_t n = get_u32(in);
	if (n == UINT32_MAX || in->bad)
		return NULL;
	if ((size_t)(in->end - in->p) < n) {
		in->bad = true;
		return NULL;
	}
	char *s = arena ? arena_strndup(arena, (const char *)in->p, n) : xstrndup((const char *)in->p, n);
	in->p += n;
	return s;
}

static struct pos get_pos(struct wire *in)
{
	struct pos at;
	at.line = (int)get_u32(in);
	at.col = (int)get_u32(in);
	return at;
}

static struct text get_text(struct wire *in, struct arena *arena)
{
	struct text t;
	t.s = get_str(in, arena);
	t.at = get_pos(in);
	return t;
}

static struct count_field get_count(struct wire *in)
{
	struct count_field c = {0};
	c.v = (long)get_i64(in);
	uint32_t f = get_u32(in);
	c.set = f & 1;
	c.invalid = f >> 1 & 1;
	return c;
}

/* What report_tally_plan and report_tally_failed take of a plan. */
static void put_plan(struct buf *b, const struct plan *p)
{
	put_str(b, p->path);
	put_text(b, p->org.superior);
	put_text(b, p->org.name);
	put_count(b, p->org.official);
	put_count(b, p->org.probationary);
	put_count(b, p->org.exempt);
	put_u32(b, (uint32_t)p->meeting.date.set);
	put_u32(b, (uint32_t)p->meeting.date.v.y);
	put_u32(b, (uint32_t)p->meeting.date.v.m);
	put_u32(b, (uint32_t)p->meeting.date.v.d);
	put_text(b, p->meeting.topic);
	put_text(b, p->meeting.category);
	put_u32(b, (uint32_t)p->meeting.status);
	put_u32(b, (uint32_t)p->meeting.combined);
	put_u32(b, (uint32_t)p->meeting.n_formats);
	for (size_t i = 0; i < p->meeting.n_formats; i++)
		put_text(b, p->meeting.formats[i].id);
	put_u32(b, (uint32_t)p->attendance.set);
	put_count(b, p->attendance.present);
	put_u32(b, (uint32_t)p->attendance.n_absent);
	for (size_t i = 0; i < p->attendance.n_absent; i++)
		put_u32(b, p->attendance.absent[i].reason.s != NULL);
	put_u32(b, (uint32_t)p->record.set);
	put_text(b, p->record.grade);
}

static void get_plan(struct wire *in, struct plan *p, struct arena *arena)
{
	*p = (struct plan){0};
	p->path = get_str(in, arena);
	p->org.superior = get_text(in, arena);
	p->org.name = get_text(in, arena);
	p->org.official = get_count(in);
	p->org.probationary = get_count(in);
	p->org.exempt = get_count(in);
	p->meeting.date.set = get_u32(in);
	p->meeting.date.v.y = (int)get_u32(in);
	p->meeting.date.v.m = (int)get_u32(in);
	p->meeting.date.v.d = (int)get_u32(in);
	p->meeting.topic = get_text(in, arena);
	p->meeting.category = get_text(in, arena);
	p->meeting.status = (enum meeting_status)get_u32(in);
	p->meeting.combined = (enum combined)get_u32(in);
	size_t n = get_u32(in);
	if (n > (size_t)(in->end - in->p) / 4) {  /* no more than the message holds */
		in->bad = true;
		return;
	}
	p->meeting.formats = arena_alloc(arena, (n ? n : 1) * sizeof *p->meeting.formats);
	for (size_t i = 0; i < n && !in->bad; i++)
		p->meeting.formats[i] = (struct format_use){get_text(in, arena), -1};
	p->meeting.n_formats = n;
	p->attendance.set = get_u32(in);
	p->attendance.present = get_count(in);
	n = get_u32(in);
	if (n > (size_t)(in->end - in->p) / 4) {
		in->bad = true;
		return;
	}
	p->attendance.absent = arena_alloc(arena, (n ? n : 1) * sizeof *p->attendance.absent);
	for (size_t i = 0; i < n; i++)
		p->attendance.absent[i].reason.s = get_u32(in) ? "" : NULL;
	p->attendance.n_absent = n;
	p->record.set = get_u32(in);
	p->record.grade = get_text(in, arena);
}

/* What d holds, in the order reported; d is then emptied. */
static void put_diags(struct buf *b, struct diags *d)
{
	put_u32(b, (uint32_t)d->n);
	for (size_t i = 0; i < d->n; i++) {
		const struct diag *x = &d->v[i];
		put_u32(b, (uint32_t)x->code);
		put_pos(b, x->at);
		put_str(b, x->file);
		put_str(b, x->vi);
		put_str(b, x->en);
	}
	diags_discard(d);
}

/* Reports to d what a reader reported, as if reported here now. */
static void get_diags(struct wire *in, struct diags *d)
{
	struct diags from = {0};
	size_t n = get_u32(in);
	for (size_t i = 0; i < n && !in->bad; i++) {
		struct diag x = {0};
		x.code = (enum diag_code)get_u32(in);
		x.at = get_pos(in);
		x.file = get_str(in, NULL);
		x.vi = get_str(in, NULL);
		x.en = get_str(in, NULL);
		if (in->bad || x.code >= DIAG_COUNT || !x.file || !x.vi || !x.en) {
			in->bad = true;
			free(x.file);
			free(x.vi);
			free(x.en);
			break;
		}
		x.level = diag_code_level(x.code);
		*VEC_PUSH(from.v, from.n, from.cap) = x;
	}
	diags_append(d, &from);
	diags_discard(&from);
}

/* What the walk reported before file `file` was found: its diagnostics
 * up to `upto` (those are printed with that file's, as when reading the
 * files as they are found). */
struct walk_mark {
	size_t file, upto;
};

struct block_msg {
	char *msg;               /* NULL until its reader is done */
	size_t len;
};

struct readers {
	struct tally_walk *w;
	struct os_lock *lock;
	struct os_thread *walker;
	struct diags walk_own;   /* the walking thread's own, moved to walk at each file */
	/* this thread's alone */
	size_t walk_given;       /* of walk.v, passed on */
	size_t next_mark;
	size_t wanted;           /* reader threads to start */
	struct os_thread *threads[MAX_READERS];
	bool bad;                /* a message did not read back */
	/* under lock (the walking thread writes them) */
	struct diags walk;       /* what the walk reported, not yet passed on */
	struct walk_mark *marks;
	size_t n_marks, cap_marks;
	struct buf paths;        /* the files found, each ending in a NUL */
	size_t *at;              /* where each starts in paths */
	size_t n, cap;
	bool walked;             /* the list is complete */
	bool ready;              /* the template is in: readers may start */
	bool tried;              /* readers were started (n_threads of them) */
	size_t n_threads;
	bool stop;               /* no more blocks to take: readers end */
	struct block_msg *blocks; /* one per block a reader took */
	size_t claimed, cap_blocks;
	size_t next;             /* the next block this thread takes */
};

static void start_readers(struct readers *R);

/* What the walking thread reported since the last file, to R->walk. Held. */
static void move_walk_diags(struct readers *R)
{
	for (size_t i = 0; i < R->walk_own.n; i++)
		*VEC_PUSH(R->walk.v, R->walk.n, R->walk.cap) = R->walk_own.v[i];  /* with the strings */
	R->walk_own.n = 0;
}

static void list_file(const char *path, void *ctx)
{
	struct readers *R = ctx;
	if (excluded(R->w, path))
		return;
	os_lock(R->lock);
	move_walk_diags(R);
	size_t upto = R->n_marks ? R->marks[R->n_marks - 1].upto : 0;
	if (R->walk.n > upto)
		*VEC_PUSH(R->marks, R->n_marks, R->cap_marks) = (struct walk_mark){R->n, R->walk.n};
	*VEC_PUSH(R->at, R->n, R->cap) = R->paths.len;
	buf_add(&R->paths, path, strlen(path) + 1);
	if (R->ready && !R->tried && R->n == MIN_BLOCKS * BLOCK)
		start_readers(R);
	if (R->n % BLOCK == 0)
		os_lock_wake(R->lock);  /* a block is full */
	os_unlock(R->lock);
}

static void walk_paths(void *ctx)
{
	struct readers *R = ctx;
	const struct report_scope *scope = R->w->scope;
	for (size_t i = 0; i < scope->n_paths; i++)
		walk_yaml_each(scope->paths[i], list_file, R, &R->walk_own);
	os_lock(R->lock);
	move_walk_diags(R);
	R->walked = true;
	os_lock_wake(R->lock);
	os_unlock(R->lock);
}

/* Passes on what the walk reported before file i (all of it, for i
 * past the last file). */
static void walk_diags_before(struct readers *R, size_t i)
{
	os_lock(R->lock);
	size_t upto = R->walk_given;
	while (R->next_mark < R->n_marks && R->marks[R->next_mark].file <= i)
		upto = R->marks[R->next_mark++].upto;
	if (i >= R->n && R->walked)
		upto = R->walk.n;
	if (upto > R->walk_given) {
		struct diags part = {.v = R->walk.v + R->walk_given, .n = upto - R->walk_given};
		diags_append(R->w->s->d, &part);  /* takes the strings */
		R->walk_given = upto;
	}
	os_unlock(R->lock);
}

enum { ITEM_REGISTER = 1, ITEM_KNOWN = 2, ITEM_OK = 4, ITEM_OUTPUT_READ = 8 };

/* Files [first, first + n) of the list into names, each starting at
 * starts[i]. Held. */
static void copy_paths(const struct readers *R, size_t first, size_t n, struct buf *names, size_t *starts)
{
	names->len = 0;
	for (size_t i = 0; i < n; i++) {
		starts[i] = names->len;
		const char *path = R->paths.data + R->at[first + i];
		buf_add(names, path, strlen(path) + 1);
	}
}

/* The files of one block, loaded in session s, packed into b. */
static void read_block(const struct readers *R, struct session *s, size_t block, const char *names,
		       const size_t *starts, size_t n, struct buf *b)
{
	const struct tally_walk *w = R->w;
	struct diags *d = s->d;
	b->len = 0;
	put_u32(b, (uint32_t)block);
	for (size_t i = 0; i < n; i++) {
		const char *path = names + starts[i];
		struct file_id id = {0, 0};
		bool known = file_id_of(path, &id);
		uint32_t flags = known ? ITEM_KNOWN : 0;
		if (is_register(w, known, &id)) {
			put_u32(b, flags | ITEM_REGISTER);
			continue;
		}
		struct loaded_plan lp;
		enum input_kind kind;
		bool ok = session_load_input(s, path, &lp, &kind);
		flags |= (ok ? ITEM_OK : 0) | (s->output_read ? ITEM_OUTPUT_READ : 0);
		s->output_read = false;
		put_u32(b, flags);
		put_i64(b, (int64_t)id.dev);
		put_i64(b, (int64_t)id.ino);
		put_u32(b, (uint32_t)kind);
		put_diags(b, d);
		if (kind == INPUT_PLAN || kind == INPUT_UNKNOWN)
			put_plan(b, &lp.plan);
		loaded_plan_free(&lp);
		session_forget_files(s);  /* each file is met once; the walking thread knows the rest */
	}
}

/* A reader thread: the next block the list has filled, while any is left. */
static void read_plans(void *ctx)
{
	struct readers *R = ctx;
	struct diags d;
	diags_init(&d, NULL, false);
	d.per_file_limit = 0;  /* the limit is the walking thread's, applied as it takes them */
	struct session s;
	session_init(&s, &d);
	s.shared = R->w->s;
	s.skip_drafts = true;
	s.output = R->w->s->output;
	s.output_id = R->w->s->output_id;
	struct buf names = {0}, msg = {0};
	size_t starts[BLOCK];
	os_lock(R->lock);
	for (;;) {
		size_t block = R->claimed, first = block * BLOCK;
		if (R->stop || (R->walked && R->n <= first))
			break;
		if ((R->n < first + BLOCK && !R->walked) || block >= R->next + AHEAD) {
			os_lock_wait(R->lock);  /* for the list to fill it, or for room */
			continue;
		}
		if (block >= R->cap_blocks) {
			size_t cap = R->cap_blocks ? 2 * R->cap_blocks : 64;
			R->blocks = xrealloc(R->blocks, cap * sizeof *R->blocks);
			memset(R->blocks + R->cap_blocks, 0, (cap - R->cap_blocks) * sizeof *R->blocks);
			R->cap_blocks = cap;
		}
		R->claimed++;
		size_t n = R->n - first < BLOCK ? R->n - first : BLOCK;
		copy_paths(R, first, n, &names, starts);  /* the list may move once unlocked */
		os_unlock(R->lock);
		read_block(R, &s, block, names.data, starts, n, &msg);
		os_lock(R->lock);
		R->blocks[block] = (struct block_msg){msg.data, msg.len};
		msg = (struct buf){0};
		os_lock_wake(R->lock);
	}
	os_unlock(R->lock);
	buf_free(&names);
	session_free(&s);
	diags_finish(&d);
}

/* Up to R->wanted readers (none when no thread can be had: then this
 * thread reads every file itself). Held. */
static void start_readers(struct readers *R)
{
	R->tried = true;
	for (size_t k = 0; k < R->wanted && k < MAX_READERS; k++) {
		struct os_thread *t = os_thread_start(read_plans, R);
		if (!t)
			break;
		R->threads[R->n_threads++] = t;
	}
	os_lock_wake(R->lock);  /* this thread waits to know */
}

/* Block msg, the next to take, of the n files in names (at starts):
 * each file as tally_file would count it. */
static void take_block(struct readers *R, const char *msg, size_t len, const char *names, const size_t *starts,
		       size_t n)
{
	struct tally_walk *w = R->w;
	struct wire in = {(const unsigned char *)msg, (const unsigned char *)msg + len, false};
	size_t block = get_u32(&in);
	if (block != R->next)
		in.bad = true;
	for (size_t k = 0; !in.bad && k < n; k++) {
		const char *path = names + starts[k];
		walk_diags_before(R, block * BLOCK + k);
		uint32_t flags = get_u32(&in);
		if (flags & ITEM_REGISTER)
			continue;
		struct file_id id;
		id.dev = (uint64_t)get_i64(&in);
		id.ino = (uint64_t)get_i64(&in);
		enum input_kind kind = (enum input_kind)get_u32(&in);
		if (in.bad)
			break;
		/* a file met a second time was read for nothing: only the
		 * first visit counts, as when reading one by one */
		if (!session_first_visit_id(w->s, path, flags & ITEM_KNOWN ? &id : NULL)) {
			struct diags dropped = {0};
			get_diags(&in, &dropped);
			diags_discard(&dropped);
			if (kind == INPUT_PLAN || kind == INPUT_UNKNOWN) {
				struct arena scratch = {0};
				struct plan p;
				get_plan(&in, &p, &scratch);
				arena_free(&scratch);
			}
			diags_flush(w->s->d);
			continue;
		}
		get_diags(&in, w->s->d);
		if (flags & ITEM_OUTPUT_READ)
			w->s->output_read = true;
		struct loaded_plan lp = {0};
		if (kind == INPUT_PLAN || kind == INPUT_UNKNOWN)
			get_plan(&in, &lp.plan, &lp.arena);
		if (!in.bad)
			count_loaded(w, path, flags & ITEM_OK, kind, &lp);
		loaded_plan_free(&lp);
		diags_flush(w->s->d);
	}
	if (in.bad || in.p != in.end)
		R->bad = true;
}

/* Starts the walk in a thread of its own, the readers to follow once
 * readers_tally says the template is in; NULL when no thread can be had
 * (then walk and read here, one by one). */
static struct readers *readers_begin(struct tally_walk *w, size_t readers)
{
	struct readers *R = xcalloc(1, sizeof *R);
	R->w = w;
	R->wanted = readers;
	diags_init(&R->walk_own, NULL, false);
	R->walk_own.per_file_limit = 0;
	if ((R->lock = os_lock_new()) && (R->walker = os_thread_start(walk_paths, R)))
		return R;
	os_lock_free(R->lock);
	free(R);
	return NULL;
}

/* Takes the blocks in order as the readers leave them; false when one did
 * not read back. Held on entry and on return. */
static bool take_blocks(struct readers *R)
{
	struct buf names = {0};
	size_t starts[BLOCK];
	while (!R->bad) {
		if (R->next < R->claimed && R->blocks[R->next].msg) {
			struct block_msg m = R->blocks[R->next];
			R->blocks[R->next].msg = NULL;
			size_t first = R->next * BLOCK, n = R->n - first < BLOCK ? R->n - first : BLOCK;
			copy_paths(R, first, n, &names, starts);
			os_unlock(R->lock);
			take_block(R, m.msg, m.len, names.data, starts, n);
			free(m.msg);
			os_lock(R->lock);
			R->next++;
			os_lock_wake(R->lock);  /* a reader waiting for room */
		} else if (R->walked && R->next * BLOCK >= R->n) {
			break;
		} else {
			os_lock_wait(R->lock);
		}
	}
	buf_free(&names);
	return !R->bad;
}

/* The plans the walk finds, into the tally (whose template is in); false
 * when a reader's message did not read back (then nothing is tallied past
 * where it stopped, and the run fails as on a system error). */
static bool readers_tally(struct readers *R)
{
	bool ok = true;
	os_lock(R->lock);
	R->ready = true;
	if (!R->tried && R->n >= MIN_BLOCKS * BLOCK)
		start_readers(R);
	while (!R->walked && !R->tried)
		os_lock_wait(R->lock);
	if (R->n_threads) {
		ok = take_blocks(R);
		os_unlock(R->lock);
	} else {  /* few files, or no thread to be had */
		os_unlock(R->lock);
		os_thread_join(R->walker);
		R->walker = NULL;
		for (size_t i = 0; i < R->n; i++) {
			walk_diags_before(R, i);
			tally_listed(R->w, R->paths.data + R->at[i]);
		}
	}
	if (ok)
		walk_diags_before(R, R->n);
	return ok;
}

/* Stops the walk and the readers (when the register or the template
 * failed, what they found is dropped) and frees R. */
static void readers_end(struct readers *R)
{
	os_lock(R->lock);
	R->stop = true;
	os_lock_wake(R->lock);
	os_unlock(R->lock);
	os_thread_join(R->walker);
	for (size_t k = 0; k < R->n_threads; k++)
		os_thread_join(R->threads[k]);
	os_lock_free(R->lock);
	for (size_t i = R->next; i < R->claimed; i++)
		free(R->blocks[i].msg);
	free(R->blocks);
	move_walk_diags(R);
	for (size_t i = R->walk_given; i < R->walk.n; i++) {  /* not passed on: reading stopped */
		free(R->walk.v[i].file);
		free(R->walk.v[i].vi);
		free(R->walk.v[i].en);
	}
	free(R->walk.v);
	free(R->walk_own.v);
	buf_free(&R->paths);
	free(R->at);
	free(R->marks);
	free(R);
}

/* The report note beside the register (or in note_dir): the committee's
 * own number, date, signer and assessment. None is no error. */
static bool read_note(struct session *s, const struct report_scope *scope, struct draft *note, struct arena *arena,
		      bool *found)
{
	*found = false;
	char *dir = scope->note_dir ? strdup(scope->note_dir) : scope->units_path ? path_dirname(scope->units_path) : NULL;
	if (!dir)
		return true;
	char name[32];
	if (scope->quarter)
		snprintf(name, sizeof name, "bao-cao-%04d-Q%d.md", scope->year, scope->quarter);
	else
		snprintf(name, sizeof name, "bao-cao-%04d.md", scope->year);
	char *path = path_join(dir, name);
	free(dir);
	struct stat st;
	bool ok = true;
	if (os_stat(path, &st) == 0) {
		*found = true;
		ok = session_add_input(s, path) && draft_load_note(note, arena_strdup(arena, path), arena, s->d);
	} else if (errno != ENOENT) {
		diag_sys(s->d, DIAG_READ_FAILED, path, OP_READ, errno);
		ok = false;
	}
	free(path);
	return ok;
}

/* The day after the period, the usual date of its report. */
static struct ymd day_after(int year, int quarter)
{
	int month = quarter ? quarter * 3 : 12;
	return month == 12 ? (struct ymd){year + 1, 1, 1} : (struct ymd){year, month + 1, 1};
}

int report_over(struct session *s, const struct report_scope *scope, const struct render_target *to,
		struct report_counts *counts)
{
	struct arena arena = {0};
	struct units units = {0};
	const struct units *u = NULL;
	int status = EXIT_OK;
	struct tally_walk w = {s, NULL, scope, {0, 0}, to, 0, false};
	w.has_units = scope->units_path && file_id_of(scope->units_path, &w.units);
	/* the walk starts at once, beside the loading of the register */
	struct readers *R = scope->readers > 1 && !s->d->log ? readers_begin(&w, (size_t)scope->readers) : NULL;
	if (scope->units_path) {
		if (session_load_units(s, scope->units_path, &units, &arena))
			u = &units;
		else
			status = diags_exit_status(s->d) == EXIT_SYSTEM ? EXIT_SYSTEM : EXIT_INPUT;
	}
	struct draft note;
	bool has_note = false;
	if (status == EXIT_OK && !read_note(s, scope, &note, &arena, &has_note))
		status = diags_exit_status(s->d) == EXIT_SYSTEM ? EXIT_SYSTEM : EXIT_INPUT;
	const char *first = scope->units_path ? scope->units_path : scope->paths[0];
	const struct template *t = NULL;
	if (status == EXIT_OK) {
		bool named = u && u->template_name.s;
		t = session_template(s, named ? u->template_name.s : TEMPLATE_DEFAULT, first,
				     named ? u->template_name.at : (struct pos){0, 0});
		if (!t)
			status = diags_exit_status(s->d);
	}
	diags_flush(s->d);
	if (status == EXIT_OK) {
		struct report_tally tally;
		if (!report_tally_init(&tally, t, scope->year, scope->quarter, u)) {
			diag_sys(s->d, DIAG_OUTPUT_FAILED, to->output ? to->output : first, OP_CREATE_TEMP, errno);
			status = EXIT_SYSTEM;
		}
		units_free_cells(&units);  /* the tally has them */
		w.r = &tally;
		if (status == EXIT_OK && R && !readers_tally(R)) {
			diag_sys(s->d, DIAG_READ_FAILED, first, OP_READ, errno ? errno : EIO);
			status = EXIT_SYSTEM;
		}
		for (size_t i = 0; status == EXIT_OK && !R && i < scope->n_paths; i++)
			walk_yaml_each(scope->paths[i], tally_file, &w, s->d);
		if (R)
			readers_end(R);
		R = NULL;
		report_tally_close(&tally);
		session_forget_files(s);  /* the caller's session ends with the report */
		os_release_memory();  /* what the plans and the indexes held, before the pages */
		if (status != EXIT_OK) {
			;
		} else if (s->output_read) {  /* one of the plans is the output: write nothing */
			status = EXIT_INPUT;
		} else {
			struct ymd date = has_note && note.date.set ? note.date.v : day_after(scope->year, scope->quarter);
			struct report_header header = {u, has_note ? &note : NULL, date};
			struct report_job job = {&tally, &header};
			struct text_source src[3] = {{.shown = first, .places = u ? u->places : NULL,
						      .n_places = u ? u->n_places : 0}};
			size_t n_src = 1;
			if (has_note)
				n_src += draft_text_sources(&note, src + 1);
			status = render_document(t, src, n_src, build_report_doc, &job, to, s->d);
			if (status == EXIT_OK && tally.spool_failed) {
				diag_sys(s->d, DIAG_OUTPUT_FAILED, to->output ? to->output : first, OP_CREATE_TEMP,
					 errno ? errno : EIO);
				status = EXIT_SYSTEM;
			}
			if (counts)
				counts->written = status == EXIT_OK;
			if (status == EXIT_OK && tally.left_out)
				status = EXIT_INPUT;
		}
		if (counts) {
			counts->plans = w.plans;
			counts->left_out = tally.left_out;
		}
		report_tally_free(&tally);
	}
	if (R)
		readers_end(R);  /* the register or the template failed */
	units_free_cells(&units);
	arena_free(&arena);
	return status;
}
