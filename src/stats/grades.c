/* Grade distributions: see grades.h. */
#include "stats/grades.h"

bool
grades_summarise(const int *values, const long *counts, size_t n, int threshold,
    struct grades_summary *out)
{
	double sum = 0;
	long total = 0, seen = 0, half;
	int lo = 0;
	bool have_lo = false;

	out->total = 0;
	out->mean = 0;
	out->median = 0;
	out->at_least = 0;
	for (size_t i = 0; i < n; i++) {
		if (counts[i] < 0)
			return false;
		total += counts[i];
		sum += (double)values[i] * (double)counts[i];
		if (values[i] >= threshold)
			out->at_least += counts[i];
	}
	out->total = total;
	if (total == 0)
		return true;
	out->mean = sum / (double)total;
	/* The lower median: the smallest value v with at least half of the
	 * grades at or below v (for an odd total, the middle grade). */
	half = (total + 1) / 2;
	for (;;) {
		int best = 0;
		bool found = false;

		/* next value above lo, in ascending order */
		for (size_t i = 0; i < n; i++)
			if (counts[i] > 0 && (!have_lo || values[i] > lo) &&
			    (!found || values[i] < best)) {
				best = values[i];
				found = true;
			}
		if (!found)
			break;
		for (size_t i = 0; i < n; i++)
			if (values[i] == best)
				seen += counts[i];
		lo = best;
		have_lo = true;
		if (seen >= half)
			break;
	}
	out->median = lo;
	return true;
}

void
grades_compare(const int *values, const long *counts, size_t n, int value, long *above, long *same,
    long *below)
{
	*above = *same = *below = 0;
	for (size_t i = 0; i < n; i++) {
		if (values[i] > value)
			*above += counts[i];
		else if (values[i] == value)
			*same += counts[i];
		else
			*below += counts[i];
	}
}
