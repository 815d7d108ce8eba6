#include "session.h"

#include <stdlib.h>
#include <string.h>

void session_init(struct session *s, struct diags *d)
{
	*s = (struct session){.d = d};
}

void session_set_output(struct session *s, const char *path)
{
	if (!path || strcmp(path, "-") == 0 || !file_id_of(path, &s->output_id))
		return;  /* a file that does not exist yet is no input */
	s->output = path;
}

/* True (after reporting) when the file of identity id is the file the run will write. */
static bool is_output_id(struct session *s, struct file_id id)
{
	if (!s->output || id.dev != s->output_id.dev || id.ino != s->output_id.ino)
		return false;
	diag(s->d, DIAG_OUTPUT_IS_INPUT, s->output, (struct pos){0, 0}, NULL);
	s->output_read = true;
	return true;
}

/* True (after reporting) when path is the file the run will write. */
static bool is_output(struct session *s, const char *path)
{
	struct file_id id;
	if (!s->output || !path || !file_id_of(path, &id))
		return false;
	return is_output_id(s, id);
}

void session_free(struct session *s)
{
	free(s->templates);
	front_list_free(&s->visited);
	id_set_free(&s->files);
	arena_free(&s->arena);
}

void session_forget_files(struct session *s)
{
	front_list_free(&s->visited);
	id_set_free(&s->files);
}

static void record_input(struct session *s, const char *path)
{
	struct file_id id;
	if (file_id_of(path, &id))
		id_set_put(&s->files, id, 0);
}

bool session_add_input(struct session *s, const char *path)
{
	if (is_output(s, path))
		return false;
	record_input(s, path);
	return true;
}

bool session_read_file(const struct session *s, const char *path)
{
	struct file_id id;
	return file_id_of(path, &id) && id_set_has(&s->files, id);
}

bool session_first_visit(struct session *s, const char *path)
{
	struct file_id id;
	return session_first_visit_id(s, path, file_id_of(path, &id) ? &id : NULL);
}

bool session_first_visit_id(struct session *s, const char *path, const struct file_id *known)
{
	if (!known)
		return true;  /* unreadable: loading it says why */
	struct file_id id = *known;
	size_t n = s->visited.n;
	size_t first = id_set_put(&s->files, id, n + 1);
	if (first == SIZE_MAX || first == 0) {  /* new, or read before as a template or draft */
		if (first == 0)
			id_set_update(&s->files, id, n + 1);
		front_list_add(&s->visited, path);
		return true;
	}
	struct buf was = {0};
	front_list_get(&s->visited, first - 1, &was);
	diag(s->d, DIAG_DUPLICATE_INPUT, path, (struct pos){0, 0}, was.data, NULL);
	buf_free(&was);
	return false;
}

/* A template's file is an input like any other, known by the identity
 * it was read with: every plan of a report asks for the shared template,
 * and two stats of its path for each were a tenth of the readers' system
 * calls. */
static bool template_is_output(struct session *s, const struct template *t)
{
	return t->file_known ? is_output_id(s, t->file) : is_output(s, t->path);
}

static void record_template(struct session *s, const struct template *t)
{
	if (t->file_known)
		id_set_put(&s->files, t->file, 0);
	else
		record_input(s, t->path);
}

const struct template *session_template(struct session *s, const char *name, const char *file, struct pos at)
{
	for (size_t i = 0; i < s->n_templates; i++)
		if (strcmp(s->templates[i]->name, name) == 0)
			return s->templates[i];
	for (size_t i = 0; s->shared && i < s->shared->n_templates; i++) {
		const struct template *t = s->shared->templates[i];
		if (strcmp(t->name, name) == 0 && !template_is_output(s, t)) {
			record_template(s, t);
			return t;
		}
	}
	struct template *t = arena_alloc(&s->arena, sizeof *t);
	if (!template_load(t, name, file, at, &s->arena, s->d) || template_is_output(s, t))
		return NULL;
	record_template(s, t);
	t->name = arena_strdup(&s->arena, name);  /* the name it is asked by */
	*VEC_PUSH(s->templates, s->n_templates, s->cap_templates) = t;
	return t;
}

/* Checks a YAML input read into src and parses it as far as its tree,
 * streaming what stream asks for (may be NULL). */
static bool parse_tree(struct session *s, const struct source *src, struct ydoc *doc, struct arena *arena,
		       const struct ystream *stream)
{
	return source_check_text(src, s->d) && source_check_tabs(src, s->d) &&
	       ydoc_load_streamed(doc, src, arena, stream, s->d);
}

/* Reads a YAML input as far as its tree. */
static bool load_tree(struct session *s, const char *path, struct source *src, struct ydoc *doc,
		      struct arena *arena, const struct ystream *stream)
{
	if (!source_read(src, path, LIMIT_YAML_BYTES, s->d))
		return false;
	if (!src->known) {  /* standard input */
		record_input(s, path);
	} else if (is_output_id(s, src->id)) {
		source_free(src);
		return false;
	} else {
		id_set_put(&s->files, src->id, 0);
	}
	return parse_tree(s, src, doc, arena, stream);
}

static bool load_draft(struct session *s, struct loaded_plan *lp)
{
	lp->draft_path = check_draft_path(&lp->plan, s->d);
	if (!lp->draft_path || is_output(s, lp->draft_path))
		return false;
	/* Diagnostics name the draft as the plan names it, from the plan's folder. */
	char *dir = path_dirname(lp->plan.path);
	char *shown = path_join(dir, lp->plan.draft.s);
	const char *name = arena_strdup(&lp->arena, shown);
	free(dir);
	free(shown);
	bool ok = draft_load(&lp->draft, lp->draft_path, name, &lp->arena, s->d);
	record_input(s, lp->draft_path);
	if (!ok)
		return false;
	lp->has_draft = true;
	check_plan_draft(&lp->plan, &lp->draft, lp->tpl, s->d);
	return true;
}

/* The rest of loading a plan once its tree is in lp's arena. */
static bool plan_from_tree(struct session *s, const struct ydoc *doc, struct loaded_plan *lp)
{
	/* Cross-field rules run even when some field was wrong, so that one
	 * run shows every problem; they skip values that did not decode. */
	bool ok = plan_decode(&lp->plan, doc, &lp->arena, s->d);
	lp->text = arena_strndup(&lp->arena, doc->src->bytes, doc->src->len);
	lp->text_len = doc->src->len;
	const char *name = lp->plan.template_name.s ? lp->plan.template_name.s : TEMPLATE_DEFAULT;
	struct pos at = lp->plan.template_name.s ? lp->plan.template_name.at : (struct pos){0, 0};
	lp->tpl = session_template(s, name, lp->plan.path, at);
	if (!lp->tpl)
		return false;
	ok = check_plan(&lp->plan, lp->tpl, &lp->arena, s->d) && ok;
	if (lp->plan.draft.s && !s->skip_drafts)
		ok = load_draft(s, lp) && ok;
	return ok;
}

bool session_load_plan(struct session *s, const char *path, struct loaded_plan *lp)
{
	*lp = (struct loaded_plan){0};
	struct source src;
	struct ydoc doc;
	bool ok = load_tree(s, path, &src, &doc, &lp->arena, NULL) && plan_from_tree(s, &doc, lp);
	source_free(&src);
	return ok;
}

bool session_parse_plan(struct session *s, const struct source *src, struct loaded_plan *lp)
{
	*lp = (struct loaded_plan){0};
	struct ydoc doc;
	return parse_tree(s, src, &doc, &lp->arena, NULL) && plan_from_tree(s, &doc, lp);
}

void loaded_plan_free(struct loaded_plan *lp)
{
	free(lp->draft_path);
	arena_free(&lp->arena);
	*lp = (struct loaded_plan){0};
}

/* Where each character of the register first occurs stays with it: a
 * report's missing glyph is found there (a province's register is too
 * large to keep as text for that). */
static void units_keep_text(struct units *u, const struct source *src, struct arena *arena)
{
	u->n_places = source_first_places(src, arena, &u->places);
}

bool session_load_units(struct session *s, const char *path, struct units *u, struct arena *arena)
{
	/* a province's register is large and read once: its cells are
	 * decoded as they are read, never held as a tree, and the rest of
	 * the tree goes before the report is made */
	struct arena tree = {0};
	struct source src;
	struct ydoc doc;
	struct units_items items;
	units_items_init(&items, path, arena, s->d);
	struct ystream stream = units_stream(&items);
	*u = (struct units){0};
	bool ok = load_tree(s, path, &src, &doc, &tree, &stream) && units_decode_items(u, &doc, &items, arena, s->d);
	units_items_free(&items);
	if (ok)
		units_keep_text(u, &src, arena);
	else
		units_free_cells(u);
	source_free(&src);
	arena_free(&tree);
	return ok;
}

bool session_parse_units(struct session *s, const struct source *src, struct units *u, struct arena *arena)
{
	struct ydoc doc;
	bool ok = parse_tree(s, src, &doc, arena, NULL) && units_decode(u, &doc, arena, s->d);
	if (ok)
		units_keep_text(u, src, arena);
	return ok;
}

static enum input_kind kind_of(const struct ynode *root)
{
	if (ymap_get(root, "meeting"))
		return INPUT_PLAN;
	if (ymap_get(root, "units"))
		return INPUT_UNITS;
	if (ymap_get(root, "steps"))
		return INPUT_TEMPLATE;
	return INPUT_UNKNOWN;
}

bool session_load_input(struct session *s, const char *path, struct loaded_plan *lp, enum input_kind *kind)
{
	*kind = INPUT_UNKNOWN;
	*lp = (struct loaded_plan){0};
	if (path_has_suffix(path, ".md") || path_has_suffix(path, ".markdown")) {
		*kind = INPUT_DRAFT;
		if (is_output(s, path))
			return false;
		lp->has_draft = draft_load(&lp->draft, path, path, &lp->arena, s->d);
		record_input(s, path);
		return lp->has_draft;
	}
	struct source src;
	struct ydoc doc;
	bool ok = load_tree(s, path, &src, &doc, &lp->arena, NULL);
	if (ok) {
		*kind = kind_of(doc.root);
		switch (*kind) {
		case INPUT_PLAN:
			ok = plan_from_tree(s, &doc, lp);
			break;
		case INPUT_UNITS: {
			struct units u;
			ok = units_decode(&u, &doc, &lp->arena, s->d);
			/* the template its report will use must exist */
			if (ok && u.template_name.s)
				ok = session_template(s, u.template_name.s, path, u.template_name.at) != NULL;
			break;
		}
		case INPUT_TEMPLATE: {
			struct template t;
			ok = template_decode(&t, &doc, &lp->arena, s->d);
			break;
		}
		default:
			diag(s->d, DIAG_UNKNOWN_KIND, path, doc.root->at, NULL);
			ok = false;
		}
	}
	source_free(&src);
	return ok;
}
