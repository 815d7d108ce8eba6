/* Calendar dates, clock times, quarters, and how party documents print them
 * ("ngày 05 tháng 01 năm 2024", "quý I năm 2023", "1.344.306", "90,5%"). */
#ifndef CHUYENDE_DATE_H
#define CHUYENDE_DATE_H

#include <stdbool.h>
#include <stddef.h>

struct ymd {
	int y, m, d;
};

bool is_leap_year(int y);
int days_in_month(int y, int m);
/* Parses "YYYY-MM-DD", or day first "15/03/2023", "15/3/2023",
 * "15-03-2023", "15.03.2023". Returns NULL on success, else a reason as
 * BI("vi", "en"). */
const char *date_parse(const char *s, struct ymd *out);
/* Negative, zero or positive as a is before, equal to or after b. */
int date_cmp(struct ymd a, struct ymd b);
/* Days since 1970-01-01. */
long date_days(struct ymd a);
int date_quarter(struct ymd a);
/* "2023-03-15" */
void date_iso(struct ymd a, char out[11]);

/* Minutes since midnight from "HH:MM" (also "H:MM"), "14h00", "14h",
 * "14g00", "14 giờ 30", "14 giờ 30 phút"; -1 when invalid. */
int clock_parse(const char *s);
void clock_format(int minutes, char out[6]);

/* SOURCE_DATE_EPOCH (reproducible-builds.org): *set false when it is not
 * set or empty; false when it is set but not a whole number of seconds
 * from 0 to 253402300799 (the last second of the year 9999). */
bool source_date_epoch(long long *seconds, bool *set);
/* Seconds since 1970 (UTC) as a date and a time of day. */
void epoch_to_utc(long long seconds, struct ymd *date, int *hour, int *minute, int *second);

/* "I".."IV"; NULL outside 1..4. */
const char *quarter_roman(int q);
/* Parses "2023-Q1" (also "2023-q1"). */
bool quarter_parse(const char *s, int *year, int *quarter);

/* 1234567 -> "1.234.567" */
void number_vietnamese(long n, char *out, size_t size);
/* 90.5 -> "90,5%"; 92 -> "92%" (one decimal, dropped when zero). */
void percent_vietnamese(double pct, char *out, size_t size);

#endif
