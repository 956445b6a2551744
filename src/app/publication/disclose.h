/*
 * Disclosure control: the rules that stop a published output letting a
 * reader identify a child.  Pure functions, no I/O (unit-tested in
 * tests/unit/test_disclose.c).
 *
 * - A count from 1 to threshold-1 is not shown: it reads "fewer than 5"
 *   (primary suppression).  Zero is shown.
 * - Where a suppressed cell could be worked out from a total (it is the
 *   only unknown in a row or column whose total is shown), a complementary
 *   cell is suppressed too (secondary suppression), repeatedly until no
 *   line has exactly one unknown.
 * - No percentage is shown for a group smaller than the threshold.
 * - No public text may contain a child's reference.
 */
#ifndef CAIRN_APP_DISCLOSE_H
#define CAIRN_APP_DISCLOSE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

struct store;

/* The threshold used unless an inspection sets its own. */
#define DISCLOSE_THRESHOLD_DEFAULT 5
/* Thresholds an inspection may set. */
#define DISCLOSE_THRESHOLD_MIN 2
#define DISCLOSE_THRESHOLD_MAX 100

/* Sets *threshold to inspection id's disclosure threshold: its publication
 * setting 'threshold' when it is a whole number from DISCLOSE_THRESHOLD_MIN
 * to DISCLOSE_THRESHOLD_MAX, else DISCLOSE_THRESHOLD_DEFAULT.  The one
 * reading of the setting behind the report (report_settings_load) and the
 * surveys (survey_threshold). */
int disclose_threshold_load(struct store *st, long id, long *threshold, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* What happens to a cell; indexes disclose_state_name. */
enum disclose_state {
	DISCLOSE_SHOWN = 0, /* published as it is */
	DISCLOSE_PRIMARY,   /* below the threshold: "fewer than N" */
	DISCLOSE_SECONDARY, /* hidden so that a primary cell cannot be recovered */
	DISCLOSE_STATE__MAX
};
extern const char *const disclose_state_name[DISCLOSE_STATE__MAX];

/*
 * A table of counts, row-major (nrows * ncols).  When row_totals, the last
 * column holds each row's total; when col_totals, the last row holds each
 * column's total (and, with both, the corner is the grand total).
 */
struct disclose_table {
	size_t nrows;               /* rows, including a totals row */
	size_t ncols;               /* columns, including a totals column */
	const long *counts;         /* borrowed counts, nrows * ncols, each >= 0 */
	bool row_totals;            /* last column is the row totals */
	bool col_totals;            /* last row is the column totals */
	enum disclose_state *state; /* caller's array of nrows * ncols: the result */
};

/* Returns true if a count may be published as a number. */
bool disclose_count_ok(long n, long threshold);
/* Returns true if a percentage of a group of n may be published. */
bool disclose_percent_ok(long n, long threshold);

/* Applies primary and secondary suppression to t (filling t->state);
 * returns the number of cells suppressed. */
size_t disclose_apply(struct disclose_table *t, long threshold);

/* Writes the published text of a count in state s: the number, "fewer
 * than N" or "suppressed".  Returns out. */
const char *disclose_text(long n, enum disclose_state s, long threshold, char *out, size_t outsz);

/* Returns the index of the first of refs[0..n) found in text, or -1.
 * Empty references are ignored. */
long disclose_find_ref(const char *text, size_t len, char *const *refs, size_t n);

#endif
