/*
 * Instants in time, for the rules that depend on the hour and not only the
 * day (an embargo lifts at 00:01 UK time).  An instant is a count of
 * seconds since 1970-01-01T00:00:00Z.
 *
 * clock_now() is the one source of "now" for those rules: it honours the
 * environment variable CAIRN_NOW (ISO 8601, e.g. "2026-03-03T00:00:59Z"),
 * so tests and demos can stand before or after an embargo.
 *
 * UK time is GMT in winter and BST (GMT+1) from 01:00 UTC on the last
 * Sunday of March to 01:00 UTC on the last Sunday of October (the rule
 * since 1998), computed here without the system's time zone files.
 */
#ifndef CAIRN_CORE_CLOCK_H
#define CAIRN_CORE_CLOCK_H

#include <stdbool.h>
#include <stddef.h>

#include "core/date.h"

/*
 * Parses an ISO 8601 date and time "YYYY-MM-DDTHH:MM[:SS]" followed by
 * "Z", "+HH:MM", "-HH:MM" or nothing (taken as UTC) into *t.  Returns
 * false (leaving *t untouched) for anything else.
 */
bool clock_parse_iso(const char *s, long long *t);

/* Returns the current instant: CAIRN_NOW when it is set and parses, else
 * the system clock. */
long long clock_now(void);

/* Returns the UK's offset from UTC at instant t, in seconds: 3600 in
 * British Summer Time, else 0. */
int clock_uk_offset(long long t);

/*
 * Converts a UK wall-clock time (date d, hour 0..23, minute 0..59) into
 * the instant *t.  Returns false for a time that does not exist (the hour
 * skipped when the clocks go forward) or out of range; a time that
 * happens twice (when the clocks go back) is the first, in BST.
 */
bool clock_uk_to_instant(const struct cdate *d, int hour, int minute, long long *t);

/* Writes instant t in UK time as "00:01 Tuesday 3 March 2026" into out
 * (at least 40 bytes). */
void clock_uk_text(long long t, char *out, size_t outsz);

/* Writes instant t as "2026-03-03T00:01:00Z" into out (at least 21 bytes). */
void clock_iso(long long t, char *out, size_t outsz);

#endif
