/*
 * Summaries of a distribution of grades on an ordinal scale, given as a
 * count per level.  Pure functions.  Levels are given highest first, as
 * scales store them; values are the levels' numbers (6 = Excellent ...).
 */
#ifndef CAIRN_STATS_GRADES_H
#define CAIRN_STATS_GRADES_H

#include <stdbool.h>
#include <stddef.h>

/* A summary of counts over n levels. */
struct grades_summary {
	long total;    /* grades counted */
	double mean;   /* mean level value; 0 when total is 0 */
	int median;    /* the lower median's level value; 0 when total is 0 */
	long at_least; /* grades at or above the threshold value */
};

/*
 * Summarises counts[i] grades at level values[i] (i < n, any order of
 * values), counting grades with value >= threshold in at_least.  Returns
 * false for a negative count.
 */
bool grades_summarise(const int *values, const long *counts, size_t n, int threshold,
    struct grades_summary *out);

/* Counts the grades above, equal to and below value. */
void grades_compare(const int *values, const long *counts, size_t n, int value, long *above,
    long *same, long *below);

#endif
