/* BIÊN BẢN: the minutes form, pre-filled from the plan, with ruled lines
 * for the secretary to write on during the meeting. */
#include <string.h>

#include "documents.h"
#include "party.h"

static struct box *para(struct compose *c, struct box_list *l, const char *text)
{
	return add_body(c, l, text, 3);
}

/* "+ Đồng chí ...": an entry under a line of the members section. */
static void sub_item(struct compose *c, struct box_list *l, const char *text)
{
	para(c, l, text)->style.first = MM_TO_PT(c->t->page.first_line_indent_mm) + 10;
}

static void opening_sentence(struct compose *c, struct box_list *l, const struct plan *p, const char *body)
{
	char date[64];
	date_vietnamese(p->meeting.date.v, date, sizeof date);
	const char *when = p->meeting.start.set
		? arena_printf(c->arena, "Hôm nay, vào lúc %s, %s", party_clock(c, p->meeting.start.minutes), date)
		: arena_printf(c->arena, "Hôm nay, %s", date);
	const char *where = p->meeting.location.s ? arena_printf(c->arena, ", tại %s", p->meeting.location.s) : "";
	/* the cell's name already says what it is ("CHI BỘ ...") */
	(void)body;
	para(c, l, arena_printf(c->arena, "%s%s, %s tổ chức sinh hoạt chuyên đề.", when, where, p->org.name.s));
}

static void members_section(struct compose *c, struct box_list *l, const struct loaded_plan *lp)
{
	const struct plan *p = &lp->plan;
	double size = c->t->size.body;
	add_section(c, l, "I. THÀNH PHẦN", 0);
	para(c, l, arena_printf(c->arena, "- Chủ trì: đồng chí %s%s%s.", p->people.chair.s,
				p->people.chair_title.s ? ", " : "", p->people.chair_title.s ? p->people.chair_title.s : ""));
	para(c, l, arena_printf(c->arena, "- Thư ký: đồng chí %s.", p->people.secretary.s));
	if (p->org.official.set)
		para(c, l, arena_printf(c->arena,
			"- Tổng số đảng viên của %s: %ld (chính thức: %ld; dự bị: %ld); miễn sinh hoạt: %ld; số đảng viên phải dự: %ld.",
			lp->tpl->body_name, p->org.official.v + p->org.probationary.v, p->org.official.v,
			p->org.probationary.v, p->org.exempt.v, plan_expected(p)));
	else
		add_fill_in(c, l, "- Tổng số đảng viên: ", size);

	if (p->attendance.set) {
		size_t with = 0;
		for (size_t i = 0; i < p->attendance.n_absent; i++)
			with += p->attendance.absent[i].reason.s != NULL;
		para(c, l, arena_printf(c->arena, "- Có mặt: %ld đồng chí; vắng mặt: %zu đồng chí (có lý do: %zu; không có lý do: %zu).",
					p->attendance.present.v, p->attendance.n_absent, with, p->attendance.n_absent - with));
		for (size_t i = 0; i < p->attendance.n_absent; i++) {
			const struct absentee *a = &p->attendance.absent[i];
			sub_item(c, l, a->reason.s
				? arena_printf(c->arena, "+ Đồng chí %s: vắng có lý do (%s).", a->name.s, a->reason.s)
				: arena_printf(c->arena, "+ Đồng chí %s: vắng không có lý do.", a->name.s));
		}
	} else {
		add_fill_in(c, l, "- Có mặt: ", size);
		add_fill_in(c, l, "- Vắng mặt có lý do (họ tên, lý do): ", size);
		add_fill_in(c, l, "- Vắng mặt không có lý do: ", size);
	}
	if (p->people.n_delegates) {
		para(c, l, "- Đại biểu mời:");
		for (size_t i = 0; i < p->people.n_delegates; i++) {
			const struct delegate *d = &p->people.delegates[i];
			sub_item(c, l, d->title.s
				? arena_printf(c->arena, "+ Đồng chí %s, %s.", d->name.s, d->title.s)
				: arena_printf(c->arena, "+ Đồng chí %s.", d->name.s));
		}
	} else {
		add_fill_in(c, l, "- Đại biểu mời (nếu có): ", size);
	}
}

static void proceedings(struct compose *c, struct box_list *l, const struct loaded_plan *lp)
{
	add_section(c, l, "II. NỘI DUNG SINH HOẠT", 0);
	size_t n;
	const struct agenda_item *items = plan_agenda(c, lp, &n);
	double size = c->t->size.body;
	for (size_t i = 0; i < n; i++) {
		const struct agenda_item *it = &items[i];
		struct box *head = add_text(c, l, arena_printf(c->arena, "%zu. %s", i + 1, step_label(lp, it)),
					    FACE_BOLD, size, ALIGN_JUSTIFY);
		head->style.keep_with_next = true;
		head->style.space_before = 4;
		head->style.leading = c->t->page.line_spacing;
		const char *who = step_performer(c, lp, it);
		if (who) {
			struct box *b = add_text(c, l, arena_printf(c->arena, "Người thực hiện: %s", who), FACE_ITALIC,
						 size, ALIGN_LEFT);
			b->style.keep_with_next = true;
		}
		for (size_t k = 0; k < it->n_items; k++) {
			struct box *b = add_fill_in(c, l, arena_printf(c->arena, "- %s: ", it->items[k].s), size);
			b->style.keep_with_next = true;
		}
		int lines = it->index >= 0 ? lp->tpl->steps[it->index].minutes_lines : 2;
		add_writing_lines(c, l, lines, size);
	}
}

void build_minutes(struct compose *c, const struct loaded_plan *lp, struct built_doc *out)
{
	const struct plan *p = &lp->plan;
	const struct template *t = lp->tpl;
	struct box_list *l = &out->body;
	const char *subtitle = plan_heading(c, lp, TDOC_MINUTES, l);

	opening_sentence(c, l, p, t->body_name);
	members_section(c, l, lp);
	proceedings(c, l, lp);

	add_section(c, l, "III. KẾT THÚC", 0);
	para(c, l, "Buổi sinh hoạt kết thúc vào lúc ...... giờ ...... cùng ngày.");
	add_fill_in(c, l, "Ý kiến khác (nếu có): ", t->size.body);
	para(c, l, "Biên bản đã được đọc lại cho các đồng chí dự sinh hoạt cùng nghe và nhất trí thông qua.");
	party_signatures_pair(c, l, t->sign_secretary, p->people.secretary.s, t->sign_chair, p->people.chair.s);

	out->info = (struct doc_info){
		.title = arena_printf(c->arena, "%s %s", t->docs[TDOC_MINUTES].title, subtitle),
		.author = p->people.secretary.s, .subject = p->meeting.topic.s,
		.keywords = t->topic_groups[p->meeting.topic_group].label,
	};
}
