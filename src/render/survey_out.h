/*
 * Survey summaries as output: stable JSON, plain text for the terminal,
 * and an SVG chart of the share agreeing with its interval (with a text
 * alternative).  Suppressed cells are written as suppressed, never as a
 * number; a withheld share takes its counts with it.  A difference between
 * two groups is one whose Newcombe (1998, method 10) interval for the
 * difference of their shares excludes 0: at 95%, or (adjust) at the
 * Bonferroni level for the number of comparisons made, which every output
 * states.  Free-text comments are never part of these outputs.
 */
#ifndef CAIRN_RENDER_SURVEY_OUT_H
#define CAIRN_RENDER_SURVEY_OUT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/survey.h"
#include "stats/survey_summary.h"

/* What a summary output shows; everything borrowed. */
struct survey_view {
	const struct survey *sv;          /* the survey */
	const struct survey_summary *sum; /* its summary */
	const char *by;                   /* attribute broken down by, or NULL */
	char *const *groups;              /* sum->ngroups group names ("" = not stated) */
	bool adjust; /* judge differences on the Bonferroni-adjusted intervals */
};

/* Returns the name of group g as every output writes it ("(not stated)"
 * for an empty one); borrowed from v. */
const char *survey_out_group(const struct survey_view *v, size_t g);
/* Returns the summary as a new JSON object (the caller owns it). */
json_t *survey_out_json(const struct survey_view *v);
/* Appends the summary as plain text. */
void survey_out_text(const struct survey_view *v, struct buf *out);
/* Appends an SVG chart of the share agreeing for each statement (for each
 * group when broken down), with 95% intervals and a text alternative. */
void survey_out_svg(const struct survey_view *v, struct buf *out);

#endif
