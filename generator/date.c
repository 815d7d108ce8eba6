#include "date.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

bool is_leap_year(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int days_in_month(int y, int m)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m < 1 || m > 12)
		return 0;
	return m == 2 && is_leap_year(y) ? 29 : days[m - 1];
}

static bool digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}

/* Reads 1 to max digits at *s into *v, advancing *s; false when none. */
static bool read_number(const char **s, int max, int *v)
{
	int n = 0, x = 0;
	while (n < max && isdigit((unsigned char)(*s)[n]))
		x = x * 10 + ((*s)[n++] - '0');
	if (n == 0 || isdigit((unsigned char)(*s)[n]))
		return false;
	*s += n;
	*v = x;
	return true;
}

/* The forms a Vietnamese user types (plan-format.md §1): ISO 2023-03-15,
 * or day first, 15/03/2023, 15/3/2023, 15-03-2023 (and 15.03.2023). */
static bool date_form(const char *s, struct ymd *d)
{
	if (strlen(s) == 10 && digits(s, 4) && s[4] == '-' && digits(s + 5, 2) && s[7] == '-' &&
	    digits(s + 8, 2)) {
		*d = (struct ymd){atoi(s), atoi(s + 5), atoi(s + 8)};
		return true;
	}
	const char *p = s;
	if (!read_number(&p, 2, &d->d) || (*p != '/' && *p != '-' && *p != '.'))
		return false;
	char sep = *p++;
	if (!read_number(&p, 2, &d->m) || *p++ != sep)
		return false;
	const char *year = p;
	return read_number(&p, 4, &d->y) && p - year == 4 && *p == '\0';
}

const char *date_parse(const char *s, struct ymd *out)
{
	struct ymd d;
	if (!date_form(s, &d))
		return BI("cần dạng ngày/tháng/năm (15/03/2023) hoặc năm-tháng-ngày (2023-03-15)",
			  "expected day/month/year (15/03/2023) or year-month-day (2023-03-15)");
	if (d.y < 1900 || d.y > 2999)
		return BI("năm phải từ 1900 đến 2999", "the year must be from 1900 to 2999");
	if (d.m < 1 || d.m > 12)
		return BI("tháng phải từ 1 đến 12", "the month must be from 1 to 12");
	if (d.d < 1 || d.d > days_in_month(d.y, d.m))
		return BI("tháng này không có ngày đó", "that month has no such day");
	*out = d;
	return NULL;
}

int date_cmp(struct ymd a, struct ymd b)
{
	if (a.y != b.y)
		return a.y < b.y ? -1 : 1;
	if (a.m != b.m)
		return a.m < b.m ? -1 : 1;
	return a.d < b.d ? -1 : a.d > b.d;
}

long date_days(struct ymd a)
{
	/* days from civil, proleptic Gregorian */
	long y = a.y - (a.m <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153L * (a.m + (a.m > 2 ? -3 : 9)) + 2) / 5 + a.d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int date_quarter(struct ymd a)
{
	return (a.m - 1) / 3 + 1;
}

void date_iso(struct ymd a, char out[11])
{
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)a.y % 10000u, (unsigned)a.m % 100u, (unsigned)a.d % 100u);
}

static const char *skip_spaces(const char *s)
{
	while (*s == ' ')
		s++;
	return s;
}

/* The word that parts hours from minutes, after the hour: "h", "g" or
 * "giờ" (any case), with spaces around it; NULL when none. */
static const char *hour_word(const char *s)
{
	static const char *const words[] = {"giờ", "Giờ", "GIỜ", "h", "H", "g", "G"};  /* longest first */
	s = skip_spaces(s);
	for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
		size_t n = strlen(words[i]);
		if (strncmp(s, words[i], n) == 0)
			return skip_spaces(s + n);
	}
	return NULL;
}

int clock_parse(const char *s)
{
	int h, m = 0;
	const char *p = s;
	if (!read_number(&p, 2, &h))
		return -1;
	if (*p == ':') {
		/* 14:00, 9:05: always two digits of minutes */
		p++;
		if (!digits(p, 2) || p[2] != '\0')
			return -1;
		m = atoi(p);
	} else {
		/* 14h00, 14h, 14 giờ 30, 14 giờ 30 phút, 14g00 */
		const char *after = hour_word(p);
		if (!after)
			return -1;
		p = after;
		if (*p && read_number(&p, 2, &m)) {
			p = skip_spaces(p);
			if (strncmp(p, "phút", strlen("phút")) == 0)
				p += strlen("phút");
		}
		if (*p != '\0')
			return -1;
	}
	if (h > 23 || m > 59)
		return -1;
	return h * 60 + m;
}

void clock_format(int minutes, char out[6])
{
	snprintf(out, 6, "%02u:%02u", (unsigned)(minutes / 60) % 100u, (unsigned)minutes % 60u);
}

bool source_date_epoch(long long *seconds, bool *set)
{
	const char *env = getenv("SOURCE_DATE_EPOCH");
	*set = env && *env;
	*seconds = 0;
	if (!*set)
		return true;
	size_t n = strlen(env);
	if (n > 12 || !digits(env, n))
		return false;
	long long v = strtoll(env, NULL, 10);
	if (v > 253402300799LL)
		return false;
	*seconds = v;
	return true;
}

void epoch_to_utc(long long seconds, struct ymd *date, int *hour, int *minute, int *second)
{
	long long days = seconds / 86400, rest = seconds % 86400;
	/* civil from days (proleptic Gregorian), the inverse of date_days */
	long long z = days + 719468, era = z / 146097;
	long long doe = z - era * 146097;
	long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long long mp = (5 * doy + 2) / 153;
	int d = (int)(doy - (153 * mp + 2) / 5 + 1), m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*date = (struct ymd){(int)(yoe + era * 400 + (m <= 2)), m, d};
	*hour = (int)(rest / 3600);
	*minute = (int)(rest / 60 % 60);
	*second = (int)(rest % 60);
}

const char *quarter_roman(int q)
{
	static const char *const roman[] = {"I", "II", "III", "IV"};
	return q >= 1 && q <= 4 ? roman[q - 1] : NULL;
}

bool quarter_parse(const char *s, int *year, int *quarter)
{
	if (strlen(s) != 7 || !digits(s, 4) || s[4] != '-' || (s[5] != 'Q' && s[5] != 'q') ||
	    s[6] < '1' || s[6] > '4')
		return false;
	*year = atoi(s);
	*quarter = s[6] - '0';
	return *year >= 1900;
}

void number_vietnamese(long n, char *out, size_t size)
{
	/* from the last digit back, a dot before every third: a report
	 * writes tens of thousands of them */
	char tmp[48], *o = tmp + sizeof tmp;
	unsigned long u = n < 0 ? 0UL - (unsigned long)n : (unsigned long)n;
	int digits = 0;
	do {
		if (digits && digits % 3 == 0)
			*--o = '.';
		*--o = (char)('0' + u % 10);
		u /= 10;
		digits++;
	} while (u);
	if (n < 0)
		*--o = '-';
	if (size) {  /* cut short as snprintf would be */
		size_t len = (size_t)(tmp + sizeof tmp - o), k = len < size - 1 ? len : size - 1;
		memcpy(out, o, k);
		out[k] = '\0';
	}
}

void percent_vietnamese(double pct, char *out, size_t size)
{
	long tenths = lround(pct * 10.0);
	char whole[40];
	number_vietnamese(tenths / 10, whole, sizeof whole);
	if (tenths % 10)
		snprintf(out, size, "%s,%ld%%", whole, labs(tenths % 10));
	else
		snprintf(out, size, "%s%%", whole);
}
