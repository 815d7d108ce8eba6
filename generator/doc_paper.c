/* ĐỀ DẪN: the keynote paper, from the draft's Markdown (cmark) to boxes.
 * Headings, justified paragraphs with a first-line indent, bold, italic
 * and code runs, nested lists with hanging labels, block quotes, hard
 * breaks, thematic breaks. Raw HTML is dropped (check warned of it). */
#include <cmark.h>
#include <stdio.h>
#include <string.h>

#include "documents.h"
#include "markdown.h"
#include "party.h"
#include "source.h"

struct list_level {
	bool ordered;
	int next;                /* the next item's number */
	bool tight;
	double indent;           /* where this list's labels start */
	double hang;             /* label width: the text starts at indent + hang */
};

struct md {
	struct compose *c;
	struct box_list *l;
	struct box *para;        /* the paragraph being filled, or NULL */
	int strong, emph, quote;
	struct list_level lists[LIMIT_MARKDOWN_DEPTH + 2];
	int n_lists;
	const char *label;       /* the label waiting for an item's first paragraph */
	double hang;
	int heading;             /* 1..3 inside a heading */
};

/* Deep nesting stops indenting where the text column would get narrower
 * than this share of the frame: past it, levels still show in their
 * labels and italics, never by text pushed off the page. */
#define MIN_COLUMN_SHARE 0.6

/* Boxes held before they go to the layout: memory is bounded by a few
 * pages, whatever the draft's length. */
#define FLUSH_BOXES 48

static double max_indent(const struct md *m)
{
	return m->c->frame_width * (1 - MIN_COLUMN_SHARE);
}

static double clamp_indent(const struct md *m, double x)
{
	return x < max_indent(m) ? x : max_indent(m);
}

static double quote_indent(const struct md *m)
{
	return clamp_indent(m, m->quote * MM_TO_PT(10));
}

static double base_indent(const struct md *m)
{
	double x = quote_indent(m);
	if (m->n_lists)
		x = m->lists[m->n_lists - 1].indent + m->lists[m->n_lists - 1].hang;
	return clamp_indent(m, x);
}

static enum font_face face_of(const struct md *m)
{
	bool bold = m->strong > 0 || (m->heading > 0 && m->heading < 3);
	bool italic = (m->emph > 0) != (m->quote > 0 || m->heading == 3);
	if (m->heading == 3)
		bold = true;
	return bold ? (italic ? FACE_BOLD_ITALIC : FACE_BOLD) : (italic ? FACE_ITALIC : FACE_REGULAR);
}

static double size_of(const struct md *m)
{
	return m->heading ? m->c->t->size.heading[m->heading - 1] : m->c->t->size.body;
}

static void open_paragraph(struct md *m)
{
	struct compose *c = m->c;
	struct box *b = add_box(c, m->l, BOX_PARA);
	b->style = body_style(c);
	b->style.left = base_indent(m);
	if (m->quote)
		b->style.right = MM_TO_PT(10);
	if (m->n_lists) {
		const struct list_level *lv = &m->lists[m->n_lists - 1];
		b->style.first = 0;
		if (lv->tight)
			b->style.space_after = 2;
	}
	if (m->label) {
		b->style.label = m->label;
		b->style.label_face = FACE_REGULAR;
		b->style.first = -m->hang;
		m->label = NULL;
	}
	m->para = b;
}

static void open_heading(struct md *m, int level)
{
	struct compose *c = m->c;
	m->heading = level > 3 ? 3 : level;
	struct box *b = add_box(c, m->l, BOX_PARA);
	b->style.align = ALIGN_LEFT;
	b->style.left = quote_indent(m);
	b->style.leading = c->t->page.line_spacing;
	b->style.space_before = m->heading == 1 ? 12 : 8;
	b->style.space_after = 6;
	b->style.keep_with_next = true;
	b->style.outline_level = m->heading;
	m->para = b;
}

static void add_text_run(struct md *m, const char *text, enum font_face face)
{
	if (!m->para)
		open_paragraph(m);
	add_run(m->c, m->para, arena_strdup(m->c->arena, text), face, size_of(m));
}

static void list_enter(struct md *m, cmark_node *node)
{
	if (m->n_lists >= LIMIT_MARKDOWN_DEPTH + 1)
		return;
	struct list_level *lv = &m->lists[m->n_lists];
	lv->ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST;
	lv->next = lv->ordered ? cmark_node_get_list_start(node) : 0;
	lv->tight = cmark_node_get_list_tight(node);
	/* the first level starts at the paragraphs' first-line indent */
	lv->indent = m->n_lists ? base_indent(m) : quote_indent(m) + MM_TO_PT(m->c->t->page.first_line_indent_mm);
	lv->hang = m->c->t->size.body * (lv->ordered ? 1.6 : 1.0);
	lv->indent = clamp_indent(m, lv->indent + lv->hang) - lv->hang;
	m->n_lists++;
}

static void item_enter(struct md *m, cmark_node *list)
{
	if (!m->n_lists)
		return;
	struct list_level *lv = &m->lists[m->n_lists - 1];
	static const char *const bullets[] = {"-", "+", "•"};
	if (lv->ordered)
		m->label = arena_printf(m->c->arena, "%d%s", lv->next++,
					cmark_node_get_list_delim(list) == CMARK_PAREN_DELIM ? ")" : ".");
	else
		m->label = bullets[(m->n_lists - 1) % 3];
	m->hang = lv->hang;
}

static void code_block(struct md *m, cmark_node *node)
{
	struct compose *c = m->c;
	struct box *b = add_box(c, m->l, BOX_PARA);
	b->style.align = ALIGN_LEFT;
	b->style.left = base_indent(m) + MM_TO_PT(5);
	b->style.leading = 1.15;
	b->style.space_after = 6;
	const char *code = cmark_node_get_literal(node);
	size_t len = code ? strlen(code) : 0;
	while (len && code[len - 1] == '\n')
		len--;
	add_run(c, b, arena_strndup(c->arena, code ? code : "", len), FACE_MONO, c->t->size.small);
}

/* One top-level block of the draft, root, into boxes. */
static void walk(struct md *m, cmark_node *root)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		bool enter = ev == CMARK_EVENT_ENTER;
		switch (cmark_node_get_type(node)) {
		case CMARK_NODE_PARAGRAPH:
			if (enter)
				open_paragraph(m);
			else
				m->para = NULL;
			break;
		case CMARK_NODE_HEADING:
			if (enter) {
				open_heading(m, cmark_node_get_heading_level(node));
			} else {
				m->para = NULL;
				m->heading = 0;
			}
			break;
		case CMARK_NODE_TEXT:
			add_text_run(m, cmark_node_get_literal(node), face_of(m));
			break;
		case CMARK_NODE_CODE:
			add_text_run(m, cmark_node_get_literal(node), FACE_MONO);
			break;
		case CMARK_NODE_SOFTBREAK:
			add_text_run(m, " ", face_of(m));
			break;
		case CMARK_NODE_LINEBREAK:
			add_text_run(m, "\n", face_of(m));
			break;
		case CMARK_NODE_STRONG:
			m->strong += enter ? 1 : -1;
			break;
		case CMARK_NODE_EMPH:
			m->emph += enter ? 1 : -1;
			break;
		case CMARK_NODE_BLOCK_QUOTE:
			m->quote += enter ? 1 : -1;
			break;
		case CMARK_NODE_LIST:
			if (enter)
				list_enter(m, node);
			else if (m->n_lists)
				m->n_lists--;
			break;
		case CMARK_NODE_ITEM:
			if (enter)
				item_enter(m, cmark_node_parent(node));
			else
				m->label = NULL;
			break;
		case CMARK_NODE_CODE_BLOCK:
			code_block(m, node);
			break;
		case CMARK_NODE_THEMATIC_BREAK:
			add_rule(m->c, m->l, MM_TO_PT(40), 16);
			break;
		default:  /* document, raw HTML (dropped), links and images (their text comes through) */
			break;
		}
		/* a long draft goes to the layout a few dozen blocks at a time,
		 * between top-level blocks that keep with nothing after them */
		if (!enter && node == root && m->l->n >= FLUSH_BOXES &&
		    !m->l->v[m->l->n - 1].keep_with_next)
			compose_flush(m->c, m->l);
	}
	cmark_iter_free(it);
}

void paper_body(struct compose *c, struct box_list *l, const char *markdown, size_t len)
{
	struct md m = {.c = c, .l = l};
	struct md_parts parts;
	md_parts_start(&parts, markdown, len);
	const char *text;
	size_t n;
	int first;
	while (md_parts_next(&parts, &text, &n, &first)) {
		/* each part was parsed within the same budget when it was checked */
		cmark_node *doc = md_parse(text, n, CMARK_OPT_SMART, LIMIT_MARKDOWN_MEMORY);
		if (!doc)
			return;
		/* block by block, each freed once it is boxes: of a long draft's
		 * tree only what is left to lay out is held */
		for (cmark_node *block = cmark_node_first_child(doc), *next; block; block = next) {
			next = cmark_node_next(block);
			walk(&m, block);
			cmark_node_free(block);
		}
		md_free(doc);
	}
}

void build_paper(struct compose *c, const struct loaded_plan *lp, struct built_doc *out)
{
	const struct plan *p = &lp->plan;
	const struct draft *dr = &lp->draft;
	const struct template *t = lp->tpl;
	struct box_list *l = &out->body;
	if (p->org.name.s) {
		struct party_header h = {p->org.superior.s, p->org.name.s, NULL, p->org.place.s, p->meeting.date.v};
		party_header(c, l, &h);
	}
	const char *title = dr->title.s ? dr->title.s : p->meeting.topic.s;
	const char *subtitles[2];
	size_t n = 0;
	if (p->meeting.date.set)
		subtitles[n++] = meeting_subtitle(c, lp);
	if (title)
		subtitles[n++] = say(c, TEXT_PA_TITLE, "title", title, NULL);
	party_title(c, l, t->docs[TDOC_PAPER].title, subtitles, n);
	const char *presenter = dr->author.s ? dr->author.s : p->people.presenter.s;
	if (presenter) {
		struct box *b = add_text(c, l, say(c, TEXT_PA_PRESENTER, "name", presenter, NULL),
					 FACE_ITALIC, t->size.body, ALIGN_CENTER);
		b->style.space_after = 12;
	}
	paper_body(c, l, dr->markdown, dr->markdown_len);
	if (dr->status != DRAFT_STATUS_FINAL)
		out->watermark = say(c, TEXT_DRAFT_MARK, NULL);
	const char *group = p->meeting.topic_group >= 0 && t->n_topic_groups
		? t->topic_groups[p->meeting.topic_group].label : NULL;
	out->info = (struct doc_info){.title = title, .author = presenter,
				      .subject = p->meeting.topic.s ? p->meeting.topic.s : title, .keywords = group,
				      .archival = dr->status == DRAFT_STATUS_FINAL,  /* the paper kept on file */
				      .date = p->meeting.date.set ? p->meeting.date.v : (struct ymd){0, 0, 0}};
}
