/* The parts every document shares (Hướng dẫn 36-HD/VPTW; domain.md): the
 * two-column header (the template's lines of data), the title and
 * subtitle, the signature blocks, the recipients; and dates, quarters and
 * times in the template's words. Written once; each document kind calls
 * them. */
#ifndef CHUYENDE_PARTY_H
#define CHUYENDE_PARTY_H

#include "compose.h"
#include "date.h"

struct party_header {
	const char *superior;    /* "ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH", may be NULL */
	const char *issuer;      /* "CHI BỘ CƠ QUAN ...", may be NULL or "" */
	const char *number;      /* "05-BB/CB", may be NULL */
	const char *place;       /* "Lạng Sơn", may be NULL */
	struct ymd date;
};

/* The template's header: its left and right lines, each left out when
 * the fields it shows are empty. */
void party_header(struct compose *c, struct box_list *l, const struct party_header *h);
/* "CHƯƠNG TRÌNH" centred, then each subtitle line centred and bold; a short
 * rule under them. */
void party_title(struct compose *c, struct box_list *l, const char *title, const char *const *subtitles,
		 size_t n_subtitles);
/* The recipients on the left (under the template's label), the signature
 * on the right: on-behalf line, role, a gap, the name; kept on one page. */
void party_signature(struct compose *c, struct box_list *l, const char *on_behalf, const char *role,
		     const char *name, const char *const *recipients, size_t n_recipients);
/* Two signatures side by side (minutes: THƯ KÝ and CHỦ TRÌ). */
void party_signatures_pair(struct compose *c, struct box_list *l, const char *left_role, const char *left_name,
			   const char *right_role, const char *right_name);

/* "ngày 15 tháng 3 năm 2023"; capital: as a sentence starts ("Ngày ..."). */
const char *party_date(struct compose *c, struct ymd date, bool capital);
/* "Lạng Sơn, ngày 15 tháng 3 năm 2023", or the date alone, capitalised. */
const char *party_date_line(struct compose *c, const char *place, struct ymd date);
/* "quý I năm 2023" */
const char *party_quarter(struct compose *c, int year, int quarter);
/* "14 giờ 00" */
const char *party_clock(struct compose *c, int minutes);
/* A document number for another kind: the plan's number is the agenda's,
 * and the agenda's code in it (a token between "-", "/" or the ends:
 * "05-CTr/CB", "12/CTr-CĐCS") becomes to_code; other shapes are kept. */
const char *party_number_for(struct arena *a, const char *number, const char *from_code, const char *to_code);

#endif
