/* The parts every party document shares (Hướng dẫn 36-HD/VPTW; domain.md):
 * the two-column header, the title and subtitle, the signature blocks, the
 * recipients. Written once; each document kind calls them. */
#ifndef CHUYENDE_PARTY_H
#define CHUYENDE_PARTY_H

#include "compose.h"
#include "date.h"

struct party_header {
	const char *superior;    /* "ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH", may be NULL */
	const char *issuer;      /* "CHI BỘ CƠ QUAN ..." */
	const char *number;      /* "05-BB/CB", may be NULL */
	const char *place;       /* "Lạng Sơn", may be NULL */
	struct ymd date;
};

/* Left: superior, issuer (bold), "*", "Số ..."; right: the party line with
 * its rule, then the italic place-and-date line. */
void party_header(struct compose *c, struct box_list *l, const struct party_header *h);
/* "CHƯƠNG TRÌNH" centred, then each subtitle line centred and bold; a short
 * rule under them. */
void party_title(struct compose *c, struct box_list *l, const char *title, const char *const *subtitles,
		 size_t n_subtitles);
/* "Nơi nhận:" with recipients on the left, "T/M CHI BỘ / BÍ THƯ / name"
 * on the right, kept on one page. */
void party_signature(struct compose *c, struct box_list *l, const char *on_behalf, const char *role,
		     const char *name, const char *const *recipients, size_t n_recipients);
/* Two signatures side by side (minutes: THƯ KÝ and CHỦ TRÌ). */
void party_signatures_pair(struct compose *c, struct box_list *l, const char *left_role, const char *left_name,
			   const char *right_role, const char *right_name);

/* "Lạng Sơn, ngày 15 tháng 3 năm 2023" into the arena. */
const char *party_date_line(struct compose *c, const char *place, struct ymd date);
/* "quý I năm 2023" */
const char *party_quarter(struct compose *c, struct ymd date);
/* "14 giờ 00" */
const char *party_clock(struct compose *c, int minutes);
/* A document number for another kind: "05-CTr/CB" with code CTr becomes
 * "05-BB/CB" for code BB; other shapes are kept. */
const char *party_number_for(struct compose *c, const char *number, const char *from_code, const char *to_code);

#endif
