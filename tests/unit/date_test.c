/* Dates, clock times, quarters and Vietnamese number formats (date.h). */
#include "date.h"

#include <limits.h>

#include "diag.h"
#include "unit.h"

static bool parses(const char *s)
{
	struct ymd d = {-1, -1, -1};
	return date_parse(s, &d) == NULL;
}

static const char *viet_number(long n)
{
	static char out[64];
	number_vietnamese(n, out, sizeof out);
	return out;
}

static const char *viet_percent(double p)
{
	static char out[64];
	percent_vietnamese(p, out, sizeof out);
	return out;
}

int main(void)
{
	/* leap years: every 4th, not every 100th, but every 400th */
	CHECK(!is_leap_year(1900));
	CHECK(is_leap_year(2000));
	CHECK(is_leap_year(2024));
	CHECK(!is_leap_year(2023));
	CHECK(!is_leap_year(2100));

	CHECK(days_in_month(2024, 2) == 29);
	CHECK(days_in_month(2023, 2) == 28);
	CHECK(days_in_month(1900, 2) == 28);
	CHECK(days_in_month(2000, 2) == 29);
	CHECK(days_in_month(2023, 1) == 31);
	CHECK(days_in_month(2023, 4) == 30);
	CHECK(days_in_month(2023, 12) == 31);
	CHECK(days_in_month(2023, 0) == 0);
	CHECK(days_in_month(2023, 13) == 0);

	/* date_parse */
	struct ymd d = {0, 0, 0};
	CHECK(date_parse("2024-02-29", &d) == NULL);
	CHECK(d.y == 2024 && d.m == 2 && d.d == 29);
	CHECK(date_parse("2023-03-15", &d) == NULL);
	CHECK(d.y == 2023 && d.m == 3 && d.d == 15);
	CHECK(!parses("2023-02-29"));
	CHECK(!parses("2023-13-01"));
	CHECK(!parses("0000-00-00"));
	CHECK(!parses("2023-3-5"));
	CHECK(!parses(""));
	CHECK(!parses("2023-04-31"));
	CHECK(!parses("2023-01-00"));
	/* the forms a Vietnamese user types, day first (plan-format.md §1) */
	CHECK(date_parse("15/03/2023", &d) == NULL);
	CHECK(d.y == 2023 && d.m == 3 && d.d == 15);
	CHECK(date_parse("5/1/2024", &d) == NULL);
	CHECK(d.y == 2024 && d.m == 1 && d.d == 5);
	CHECK(date_parse("03/04/2023", &d) == NULL);
	CHECK(d.y == 2023 && d.m == 4 && d.d == 3);   /* 3 April, never 4 March */
	CHECK(date_parse("20-03-2025", &d) == NULL);
	CHECK(d.y == 2025 && d.m == 3 && d.d == 20);
	CHECK(date_parse("20.3.2025", &d) == NULL);
	CHECK(d.y == 2025 && d.m == 3 && d.d == 20);
	CHECK(date_parse("29/2/2024", &d) == NULL);
	CHECK(!parses("29/2/2023"));
	CHECK(!parses("31/4/2023"));
	CHECK(!parses("15/13/2023"));
	CHECK(!parses("15/03-2023"));
	CHECK(!parses("15/03/23"));
	CHECK(!parses("15/03/02023"));
	CHECK(!parses("015/03/2023"));
	CHECK(!parses("15//2023"));
	CHECK(!parses("/03/2023"));
	CHECK(!parses("15/03/2023 "));
	CHECK(!parses("2023/03/15"));
	CHECK(!parses("15 03 2023"));
	CHECK(!parses("2023-03-15T10:00"));
	CHECK(!parses(" 2023-03-15"));
	CHECK(parses("2023-12-31"));
	/* a refused date leaves the output alone and explains in both languages */
	d = (struct ymd){7, 7, 7};
	const char *why = date_parse("2023-02-29", &d);
	CHECK(why != NULL && strchr(why, '\x1F') != NULL);
	CHECK(d.y == 7 && d.m == 7 && d.d == 7);

	/* date_cmp */
	struct ymd a = {2023, 3, 15}, b = {2023, 3, 16}, c = {2024, 1, 1}, e = {2023, 4, 1};
	CHECK(date_cmp(a, b) < 0);
	CHECK(date_cmp(b, a) > 0);
	CHECK(date_cmp(a, a) == 0);
	CHECK(date_cmp(a, c) < 0);
	CHECK(date_cmp(c, e) > 0);
	CHECK(date_cmp(e, b) > 0);

	/* date_days */
	CHECK(date_days((struct ymd){1970, 1, 1}) == 0);
	CHECK(date_days((struct ymd){2024, 3, 1}) - date_days((struct ymd){2024, 2, 28}) == 2);
	CHECK(date_days((struct ymd){2023, 3, 1}) - date_days((struct ymd){2023, 2, 28}) == 1);

	/* date_quarter */
	CHECK(date_quarter((struct ymd){2023, 1, 1}) == 1);
	CHECK(date_quarter((struct ymd){2023, 3, 31}) == 1);
	CHECK(date_quarter((struct ymd){2023, 4, 1}) == 2);
	CHECK(date_quarter((struct ymd){2023, 9, 30}) == 3);
	CHECK(date_quarter((struct ymd){2023, 10, 1}) == 4);
	CHECK(date_quarter((struct ymd){2023, 12, 31}) == 4);

	/* date_iso */
	char iso[11];
	date_iso((struct ymd){2024, 2, 9}, iso);
	CHECK_STR(iso, "2024-02-09");

	/* clock_parse */
	CHECK(clock_parse("14:00") == 840);
	CHECK(clock_parse("9:05") == 545);
	CHECK(clock_parse("09:05") == 545);
	CHECK(clock_parse("00:00") == 0);
	CHECK(clock_parse("23:59") == 1439);
	CHECK(clock_parse("25:61") == -1);
	CHECK(clock_parse("24:00") == -1);
	CHECK(clock_parse("12:60") == -1);
	CHECK(clock_parse("1400") == -1);
	CHECK(clock_parse("") == -1);
	CHECK(clock_parse("14:0") == -1);
	/* the forms a Vietnamese user types (plan-format.md §1) */
	CHECK(clock_parse("14h00") == 840);
	CHECK(clock_parse("14h") == 840);
	CHECK(clock_parse("14H30") == 870);
	CHECK(clock_parse("7h05") == 425);
	CHECK(clock_parse("14g00") == 840);
	CHECK(clock_parse("14 giờ 00") == 840);
	CHECK(clock_parse("14 giờ 30") == 870);
	CHECK(clock_parse("14 giờ") == 840);
	CHECK(clock_parse("14 giờ 30 phút") == 870);
	CHECK(clock_parse("14giờ30") == 870);
	CHECK(clock_parse("14 h 30") == 870);
	CHECK(clock_parse("24h00") == -1);
	CHECK(clock_parse("14h60") == -1);
	CHECK(clock_parse("14h000") == -1);
	CHECK(clock_parse("14x00") == -1);
	CHECK(clock_parse("14h00 sáng") == -1);
	CHECK(clock_parse("h00") == -1);
	CHECK(clock_parse("144h") == -1);
	CHECK(clock_parse("14 phút") == -1);
	CHECK(clock_parse("-1:00") == -1);

	char hm[6];
	clock_format(545, hm);
	CHECK_STR(hm, "09:05");
	clock_format(1439, hm);
	CHECK_STR(hm, "23:59");

	/* quarters */
	CHECK_STR(quarter_roman(1), "I");
	CHECK_STR(quarter_roman(2), "II");
	CHECK_STR(quarter_roman(3), "III");
	CHECK_STR(quarter_roman(4), "IV");
	CHECK(quarter_roman(0) == NULL);
	CHECK(quarter_roman(5) == NULL);

	int y = 0, q = 0;
	CHECK(quarter_parse("2023-Q1", &y, &q));
	CHECK(y == 2023 && q == 1);
	CHECK(quarter_parse("2024-q4", &y, &q));
	CHECK(y == 2024 && q == 4);
	CHECK(!quarter_parse("2023-Q5", &y, &q));
	CHECK(!quarter_parse("2023-Q0", &y, &q));
	CHECK(!quarter_parse("2023Q1", &y, &q));
	CHECK(!quarter_parse("23-Q1", &y, &q));
	CHECK(!quarter_parse("", &y, &q));

	/* numbers: "." for thousands, "," for decimals */
	CHECK_STR(viet_number(1344306), "1.344.306");
	CHECK_STR(viet_number(0), "0");
	CHECK_STR(viet_number(999), "999");
	CHECK_STR(viet_number(1000), "1.000");
	CHECK_STR(viet_number(-1234), "-1.234");
	CHECK_STR(viet_number(100000), "100.000");
	CHECK_STR(viet_number(1000000), "1.000.000");
	CHECK_STR(viet_number(-7), "-7");
	CHECK_STR(viet_number(-999999), "-999.999");
	CHECK_STR(viet_number(12345678901L), "12.345.678.901");
#if LONG_MAX == 9223372036854775807L
	CHECK_STR(viet_number(LONG_MIN), "-9.223.372.036.854.775.808");
#endif
	char cut[6];
	number_vietnamese(1234567, cut, sizeof cut);  /* cut short as snprintf is */
	CHECK_STR(cut, "1.234");
	number_vietnamese(5, cut, 1);
	CHECK_STR(cut, "");

	CHECK_STR(viet_percent(90.5), "90,5%");
	CHECK_STR(viet_percent(92), "92%");
	CHECK_STR(viet_percent(88.888), "88,9%");
	CHECK_STR(viet_percent(100), "100%");
	CHECK_STR(viet_percent(0), "0%");
	CHECK_STR(viet_percent(86.66666), "86,7%");
	CHECK_STR(viet_percent(99.96), "100%");

	return unit_done("date");
}
