/* Calendar dates: see date.h. */
#include "core/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const month_names[12] = {
	"January",
	"February",
	"March",
	"April",
	"May",
	"June",
	"July",
	"August",
	"September",
	"October",
	"November",
	"December",
};

static bool
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

bool
date_valid(int year, int month, int day)
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1)
		return false;
	return day <= mdays[month - 1] + (month == 2 && leap(year));
}

/* Reads exactly n decimal digits from s into *v. */
static bool
digits(const char *s, int n, int *v)
{
	int x = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		x = x * 10 + (s[i] - '0');
	}
	*v = x;
	return true;
}

/* Sets *d to y-m-dd if that is a date of the calendar; false (d
 * untouched) if not. */
static bool
date_set(struct cdate *d, int y, int m, int dd)
{
	if (!date_valid(y, m, dd))
		return false;
	d->year = y;
	d->month = m;
	d->day = dd;
	return true;
}

bool
date_parse(const char *s, struct cdate *d)
{
	int y, m, dd;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	if (!digits(s, 4, &y) || !digits(s + 5, 2, &m) || !digits(s + 8, 2, &dd))
		return false;
	return date_set(d, y, m, dd);
}

/* Reads 1 to max decimal digits at *s into *v, advancing *s; false if
 * there is none. */
static bool
number(const char **s, int max, int *v)
{
	int x = 0, n = 0;

	while (n < max && **s >= '0' && **s <= '9') {
		x = x * 10 + (**s - '0');
		(*s)++;
		n++;
	}
	*v = x;
	return n > 0 && !(**s >= '0' && **s <= '9');
}

/* Returns the month 1..12 a word of len letters names (its full English
 * name, its first three letters or "Sept"), 0 if none. */
static int
month_word(const char *w, size_t len)
{
	for (int m = 0; m < 12; m++) {
		const char *name = month_names[m];

		if ((len == strlen(name) || len == 3 || (m == 8 && len == 4)) &&
		    len <= strlen(name)) {
			size_t i = 0;

			while (i < len && (w[i] | 0x20) == (name[i] | 0x20))
				i++;
			if (i == len)
				return m + 1;
		}
	}
	return 0;
}

bool
date_parse_written(const char *s, struct cdate *d)
{
	const char *p;
	char iso[11];
	int y, m, dd;
	size_t len;

	if (s == NULL)
		return false;
	while (*s == ' ' || *s == '\t')
		s++;
	len = strlen(s);
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (len == 10) {
		memcpy(iso, s, 10);
		iso[10] = '\0';
		if (date_parse(iso, d))
			return true;
	}
	p = s;
	if (!number(&p, 2, &dd))
		return false;
	if (*p == '/') {
		p++;
		if (!number(&p, 2, &m) || *p++ != '/')
			return false;
	} else {
		const char *w;

		/* An ordinal's letters: 1st, 2nd, 3rd, 12th. */
		if ((strncmp(p, "st", 2) == 0 || strncmp(p, "nd", 2) == 0 ||
		        strncmp(p, "rd", 2) == 0 || strncmp(p, "th", 2) == 0) &&
		    p[2] == ' ')
			p += 2;
		if (*p != ' ')
			return false;
		while (*p == ' ')
			p++;
		w = p;
		while (((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z'))
			p++;
		if ((m = month_word(w, (size_t)(p - w))) == 0)
			return false;
		if (*p == '.' || *p == ',')
			p++;
		if (*p != ' ')
			return false;
		while (*p == ' ')
			p++;
	}
	/* The year in full: four digits, then nothing. */
	if (!number(&p, 4, &y) || y < 1000 || p - s != (long)len)
		return false;
	return date_set(d, y, m, dd);
}

void
date_iso(const struct cdate *d, char out[static 11])
{
	unsigned y = (unsigned)d->year % 10000u, m = (unsigned)d->month % 13u,
	         dd = (unsigned)d->day % 32u;

	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + dd / 10);
	out[9] = (char)('0' + dd % 10);
	out[10] = '\0';
}

const char *
date_month_name(int month)
{
	return month >= 1 && month <= 12 ? month_names[month - 1] : "?";
}

void
date_long(const struct cdate *d, char *out, size_t outsz)
{
	snprintf(out, outsz, "%d %s %d", d->day, date_month_name(d->month), d->year);
}

/* Days from civil, after Howard Hinnant's public description of the
 * algorithm (era of 400 years, March-based year). */
long
date_to_days(const struct cdate *d)
{
	long y = d->year - (d->month <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long mp = (d->month + 9) % 12;
	long doy = (153 * mp + 2) / 5 + d->day - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

void
date_from_days(long z, struct cdate *d)
{
	long era, doe, yoe, y, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d->day = (int)(doy - (153 * mp + 2) / 5 + 1);
	d->month = (int)(mp < 10 ? mp + 3 : mp - 9);
	d->year = (int)(y + (d->month <= 2));
}

int
date_weekday(const struct cdate *d)
{
	long z = date_to_days(d); /* 1970-01-01 was a Thursday (3) */
	long w = (z + 3) % 7;

	return (int)(w < 0 ? w + 7 : w);
}

void
date_today(struct cdate *d)
{
	const char *fixed = getenv("CAIRN_TODAY");
	time_t t;
	struct tm tm;

	if (fixed != NULL && date_parse(fixed, d))
		return;
	t = time(NULL);
	gmtime_r(&t, &tm);
	d->year = tm.tm_year + 1900;
	d->month = tm.tm_mon + 1;
	d->day = tm.tm_mday;
}

int
date_cmp(const struct cdate *a, const struct cdate *b)
{
	long x = date_to_days(a), y = date_to_days(b);

	return (x > y) - (x < y);
}
