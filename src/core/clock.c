/* Instants in time and UK time: see clock.h. */
#include "core/clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Seconds in a day. */
#define DAY 86400LL

/* Returns the value of n decimal digits at s, or -1 if any is not a digit. */
static int
digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

bool
clock_parse_iso(const char *s, long long *t)
{
	struct cdate d;
	char day[11];
	int hh, mm, ss = 0, off = 0;
	const char *p;

	if (s == NULL || strlen(s) < 16 || s[10] != 'T' || s[13] != ':')
		return false;
	memcpy(day, s, 10);
	day[10] = '\0';
	if (!date_parse(day, &d) || (hh = digits(s + 11, 2)) < 0 || hh > 23 ||
	    (mm = digits(s + 14, 2)) < 0 || mm > 59)
		return false;
	p = s + 16;
	if (*p == ':') {
		if ((ss = digits(p + 1, 2)) < 0 || ss > 59)
			return false;
		p += 3;
	}
	if (*p == 'Z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		int oh = digits(p + 1, 2), om;

		if (oh < 0 || oh > 14 || p[3] != ':' || (om = digits(p + 4, 2)) < 0 || om > 59)
			return false;
		off = (oh * 3600 + om * 60) * (*p == '-' ? -1 : 1);
		p += 6;
	}
	if (*p != '\0')
		return false;
	*t = (long long)date_to_days(&d) * DAY + hh * 3600LL + mm * 60LL + ss - off;
	return true;
}

long long
clock_now(void)
{
	const char *fixed = getenv("CAIRN_NOW");
	long long t;

	if (fixed != NULL && clock_parse_iso(fixed, &t))
		return t;
	return (long long)time(NULL);
}

/* Returns the day number of the last Sunday of month (1..12) in year. */
static long
last_sunday(int year, int month)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	struct cdate d = { year, month, mdays[month - 1] };

	return date_to_days(&d) - (date_weekday(&d) + 1) % 7;
}

int
clock_uk_offset(long long t)
{
	struct cdate d;
	long long start, end;
	long day = (long)(t >= 0 ? t / DAY : (t - DAY + 1) / DAY);

	date_from_days(day, &d);
	start = (long long)last_sunday(d.year, 3) * DAY + 3600;
	end = (long long)last_sunday(d.year, 10) * DAY + 3600;
	return t >= start && t < end ? 3600 : 0;
}

bool
clock_uk_to_instant(const struct cdate *d, int hour, int minute, long long *t)
{
	long long local;

	if (hour < 0 || hour > 23 || minute < 0 || minute > 59 ||
	    !date_valid(d->year, d->month, d->day))
		return false;
	local = (long long)date_to_days(d) * DAY + hour * 3600LL + minute * 60LL;
	/* Try BST first (the earlier of an hour that happens twice), then GMT. */
	if (clock_uk_offset(local - 3600) == 3600) {
		*t = local - 3600;
		return true;
	}
	if (clock_uk_offset(local) == 0) {
		*t = local;
		return true;
	}
	return false; /* the hour the clocks skip */
}

void
clock_uk_text(long long t, char *out, size_t outsz)
{
	static const char *const wd[] = { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
		"Saturday", "Sunday" };
	long long local = t + clock_uk_offset(t);
	long day = (long)(local >= 0 ? local / DAY : (local - DAY + 1) / DAY);
	long secs = (long)(local - (long long)day * DAY);
	struct cdate d;
	char when[24];

	date_from_days(day, &d);
	date_long(&d, when, sizeof(when));
	snprintf(out, outsz, "%02ld:%02ld %s %s", secs / 3600, secs % 3600 / 60,
	    wd[date_weekday(&d)], when);
}

void
clock_iso(long long t, char *out, size_t outsz)
{
	long day = (long)(t >= 0 ? t / DAY : (t - DAY + 1) / DAY);
	long secs = (long)(t - (long long)day * DAY);
	struct cdate d;
	char iso[11];

	date_from_days(day, &d);
	date_iso(&d, iso);
	snprintf(out, outsz, "%sT%02ld:%02ld:%02ldZ", iso, secs / 3600, secs % 3600 / 60,
	    secs % 60);
}
