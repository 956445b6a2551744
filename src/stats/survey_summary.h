/*
 * Survey summaries: from counts of answers to what may be shown.  For each
 * statement (overall and, when asked, for each group of an attribute):
 * the responses, the distribution over the scale, "don't know" counted
 * apart and excluded from the share, the share agreeing with its 95%
 * Wilson interval and quantifier word (from the shipped bands), groups below the disclosure
 * threshold suppressed (with secondary suppression so that a suppressed
 * group cannot be recovered by subtraction), and differences between groups
 * flagged only where their intervals do not overlap (the output says so);
 * and, for every pair of groups, Newcombe's interval for the difference,
 * unadjusted and Bonferroni-adjusted for the number of comparisons, for
 * callers to show instead (issue 19).
 *
 * Pure: numbers in, numbers out, no I/O.
 */
#ifndef CAIRN_STATS_SURVEY_SUMMARY_H
#define CAIRN_STATS_SURVEY_SUMMARY_H

#include <stdbool.h>
#include <stddef.h>

#include "core/survey.h"
#include "stats/proportion.h"
#include "stats/quantifier.h"

/* The confidence level of every interval in a summary. */
#define SURVEY_CI_LEVEL 0.95

/* Why a cell is not shown; indexes survey_suppress_code. */
enum survey_suppress {
	SURVEY_SHOWN = 0,          /* not suppressed */
	SURVEY_SUPPRESS_SMALL,     /* fewer responses than the threshold */
	SURVEY_SUPPRESS_SECONDARY, /* hidden so that a small group cannot be derived */
	SURVEY_SUPPRESS__MAX
};
/* JSON codes: "shown", "below-threshold", "secondary". */
extern const char *const survey_suppress_code[SURVEY_SUPPRESS__MAX];

/* Counts of answers: the input of a summary.  The caller owns the arrays. */
struct survey_counts {
	size_t nstatements;      /* statements */
	size_t ngroups;          /* groups (1 when not broken down) */
	size_t nlevels;          /* levels of the scale */
	const long *n;           /* answers: n[(s * ngroups + g) * nlevels + l] */
	const long *respondents; /* respondents in each group: respondents[g]; with
	                           no groups, respondents[0] is everyone (may be NULL) */
	long invited;            /* number invited, 0 when not recorded */
};

/* One statement for one group (or overall). */
struct survey_cell {
	enum survey_suppress suppressed; /* SURVEY_SHOWN, or why nothing below is shown */
	long responses;                  /* answers given, "don't know" included */
	long dont_know;                  /* "don't know" answers */
	long base;                       /* responses - dont_know: the share's denominator */
	long positive;                   /* agreeing answers (strongly agree + agree, yes) */
	long *dist;              /* answers per level (nlevels); owned; NULL when suppressed or
	               when the share is withheld */
	bool has_share;          /* share is set: shown and base >= threshold */
	struct stats_prop share; /* positive / base with its 95% Wilson interval */
	char quantifier[STATS_BAND_WORD]; /* word for the share ("most"), "" without one */
};

/* A difference between two groups on one statement: the intervals of
 * the shares do not overlap. */
struct survey_diff {
	size_t statement; /* statement index */
	size_t higher;    /* group with the higher share */
	size_t lower;     /* group with the lower share */
};

/* One pair of groups compared on one statement, with Newcombe's (1998,
 * method 10) interval for the difference of their shares (see
 * stats_proportion_diff): at 95%, and at the Bonferroni level for all the
 * pairs compared in the summary. */
struct survey_pair {
	size_t statement;             /* statement index */
	size_t a, b;                  /* groups, a < b (both with a share) */
	struct stats_prop_diff d;     /* share a - share b, 95% interval */
	struct stats_prop_diff d_adj; /* the same at pair_level */
	bool differs;                 /* d excludes 0 */
	bool differs_adj;             /* d_adj excludes 0 */
};

/* A whole summary; free with survey_summary_free. */
struct survey_summary {
	size_t nstatements, ngroups, nlevels;
	long threshold;                         /* the disclosure threshold applied */
	long respondents;                       /* all respondents */
	long invited;                           /* as given, 0 when not recorded */
	bool has_rate;                          /* invited is recorded */
	double rate;                            /* respondents / invited */
	struct survey_cell *overall;            /* [s]: every group together */
	struct survey_cell *groups;             /* [s * ngroups + g]; NULL when ngroups is 0 */
	enum survey_suppress *group_suppressed; /* [g]: each group's respondent count */
	long *group_respondents;                /* [g] respondents in each group (owned copy) */
	struct survey_diff *diffs;              /* owned */
	size_t ndiffs;
	struct survey_pair *pairs; /* every pair compared, by statement then a, b (owned) */
	size_t npairs;             /* the number of comparisons made */
	double pair_level;         /* Bonferroni level: 1 - 0.05 / npairs (0.95 for one) */
};

/*
 * Summarises counts on scale with the given disclosure threshold (at least
 * 1; app/surveys/survey.h holds the one in force): a cell with fewer answers than
 * the threshold is suppressed, and a share resting on fewer answers
 * (other than "don't know") than the threshold is not given.  bands give
 * the quantifier words (stats/quantifier.h); NULL for none.  ngroups 0 gives only the overall cells.
 * Returns false (and leaves *out zeroed) when counts and scale disagree
 * in size or a count is negative.
 */
bool survey_summarize(const struct survey_scale *scale, const struct survey_counts *c,
    long threshold, const struct stats_bands *bands, struct survey_summary *out);

/* Releases the contents of a summary; a no-op on a zeroed struct. */
void survey_summary_free(struct survey_summary *s);

/* Returns the cell of statement s for group g (g < ngroups). */
const struct survey_cell *survey_summary_cell(const struct survey_summary *sum, size_t s, size_t g);

#endif
