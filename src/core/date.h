/*
 * Calendar dates (proleptic Gregorian, no time zone), as inspections use
 * them: notification, fieldwork, publication, due dates.
 */
#ifndef CAIRN_CORE_DATE_H
#define CAIRN_CORE_DATE_H

#include <stdbool.h>
#include <stddef.h>

/* A calendar date. */
struct cdate {
	int year;  /* 1..9999 */
	int month; /* 1..12 */
	int day;   /* 1..31, valid for the month */
};

/* Parses an ISO 8601 calendar date "YYYY-MM-DD" exactly; returns false
 * (leaving *d untouched) for anything else, including 2023-02-29. */
bool date_parse(const char *s, struct cdate *d);
/* Parses a date as people write it: "2026-10-12", "12/10/2026" (day
 * first, as in the UK), "12 October 2026", "12 Oct 2026" or "12th
 * October 2026" (month names in any case); surrounding white space is
 * allowed.  Returns false (leaving *d untouched) for anything else or a
 * day that does not exist. */
bool date_parse_written(const char *s, struct cdate *d);
/* Returns true if y-m-d is a real date. */
bool date_valid(int year, int month, int day);
/* Writes "YYYY-MM-DD" into out (at least 11 bytes). */
void date_iso(const struct cdate *d, char out[static 11]);
/* Writes "25 April 2016" into out (at least 24 bytes). */
void date_long(const struct cdate *d, char *out, size_t outsz);
/* Returns the number of days since 1970-01-01 (negative before). */
long date_to_days(const struct cdate *d);
/* Converts a day number from date_to_days() back to a date. */
void date_from_days(long days, struct cdate *d);
/* Returns the day of the week, 0 = Monday .. 6 = Sunday. */
int date_weekday(const struct cdate *d);
/* Returns today's date in UTC (or CAIRN_TODAY=YYYY-MM-DD when set, for
 * reproducible tests and demos). */
void date_today(struct cdate *d);
/* Returns <0, 0, >0 as a is before, equal to, after b. */
int date_cmp(const struct cdate *a, const struct cdate *b);
/* Returns the English name of a month 1..12. */
const char *date_month_name(int month);

#endif
