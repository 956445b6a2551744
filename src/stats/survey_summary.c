/* Survey summaries: see survey_summary.h. */
#include "stats/survey_summary.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"

const char *const survey_suppress_code[SURVEY_SUPPRESS__MAX] = {
	[SURVEY_SHOWN] = "shown",
	[SURVEY_SUPPRESS_SMALL] = "below-threshold",
	[SURVEY_SUPPRESS_SECONDARY] = "secondary",
};
_Static_assert(sizeof(survey_suppress_code) / sizeof(survey_suppress_code[0]) ==
        SURVEY_SUPPRESS__MAX,
    "survey_suppress_code: one entry per value");

/*
 * Fills one cell from the counts of its levels (nlevels of them at n),
 * suppressing it when fewer than threshold answers were given.
 */
static void
fill_cell(const struct survey_scale *scale, const long *n, long threshold,
    const struct stats_bands *bands, struct survey_cell *cell)
{
	memset(cell, 0, sizeof(*cell));
	for (size_t l = 0; l < scale->nlevels; l++) {
		cell->responses += n[l];
		if (scale->levels[l].dont_know)
			cell->dont_know += n[l];
		else if (scale->levels[l].positive)
			cell->positive += n[l];
	}
	cell->base = cell->responses - cell->dont_know;
	if (cell->responses < threshold) {
		cell->suppressed = SURVEY_SUPPRESS_SMALL;
		return;
	}
	/* The share is withheld, with the counts behind it (agree, base and
	 * the distribution), unless the agreeing and the other answers could
	 * each be shown as counts: 6 of 7 agreeing tells that one did not
	 * (issue 18; records reading protects the complement the same way). */
	if (cell->base < threshold || (cell->positive > 0 && cell->positive < threshold) ||
	    (cell->base - cell->positive > 0 && cell->base - cell->positive < threshold))
		return;
	cell->dist = xcalloc(scale->nlevels, sizeof(long));
	memcpy(cell->dist, n, scale->nlevels * sizeof(long));
	if (stats_proportion((double)cell->positive, (double)cell->base, SURVEY_CI_LEVEL,
	        STATS_CI_WILSON, &cell->share)) {
		const char *w = bands != NULL
		    ? stats_quantifier(bands, (double)cell->positive, (double)cell->base)
		    : NULL;

		cell->has_share = true;
		if (w != NULL)
			snprintf(cell->quantifier, sizeof(cell->quantifier), "%s", w);
	}
}

/* Hides a shown cell as secondary suppression. */
static void
hide_cell(struct survey_cell *cell)
{
	cell->suppressed = SURVEY_SUPPRESS_SECONDARY;
	cell->has_share = false;
	free(cell->dist);
	cell->dist = NULL;
}

/*
 * Secondary suppression over the groups of one statement: when exactly
 * one group is below the threshold its numbers would follow from the
 * overall figure minus the others, so the smallest shown group is hidden
 * too.  cells are the ngroups cells of the statement, stride apart.
 */
static void
suppress_secondary(struct survey_cell *cells, size_t ngroups)
{
	size_t small = 0, pick = ngroups;

	for (size_t g = 0; g < ngroups; g++) {
		if (cells[g].suppressed != SURVEY_SHOWN)
			small++;
		else if (pick == ngroups || cells[g].responses < cells[pick].responses)
			pick = g;
	}
	if (small == 1 && pick < ngroups)
		hide_cell(&cells[pick]);
}

/* The same rule for the respondent counts of the groups. */
static void
suppress_groups(const long *respondents, size_t ngroups, long threshold, enum survey_suppress *out)
{
	size_t small = 0, pick = ngroups;

	for (size_t g = 0; g < ngroups; g++) {
		out[g] = respondents[g] < threshold ? SURVEY_SUPPRESS_SMALL : SURVEY_SHOWN;
		if (out[g] != SURVEY_SHOWN)
			small++;
		else if (pick == ngroups || respondents[g] < respondents[pick])
			pick = g;
	}
	if (small == 1 && pick < ngroups)
		out[pick] = SURVEY_SUPPRESS_SECONDARY;
}

/* Appends the pairs of groups of statement s whose intervals do not overlap. */
static void
find_diffs(struct survey_summary *sum, size_t s, size_t *cap)
{
	const struct survey_cell *c = &sum->groups[s * sum->ngroups];

	for (size_t a = 0; a < sum->ngroups; a++) {
		for (size_t b = 0; b < sum->ngroups; b++) {
			if (a == b || !c[a].has_share || !c[b].has_share ||
			    !(c[a].share.lower > c[b].share.upper))
				continue;
			if (sum->ndiffs == *cap) {
				*cap = *cap ? *cap * 2 : 8;
				sum->diffs = xreallocarray(sum->diffs, *cap, sizeof(*sum->diffs));
			}
			sum->diffs[sum->ndiffs++] = (struct survey_diff){ s, a, b };
		}
	}
}

/* Fills sum->pairs: every pair of groups with a share on a statement,
 * with Newcombe's interval at 95% and at the Bonferroni level. */
static void
find_pairs(struct survey_summary *sum)
{
	size_t n = 0;

	for (size_t s = 0; s < sum->nstatements; s++)
		for (size_t a = 0; a < sum->ngroups; a++)
			for (size_t b = a + 1; b < sum->ngroups; b++)
				n += sum->groups[s * sum->ngroups + a].has_share &&
				    sum->groups[s * sum->ngroups + b].has_share;
	sum->pair_level = 1.0 - (1.0 - SURVEY_CI_LEVEL) / (double)(n ? n : 1);
	if (n == 0)
		return;
	sum->pairs = xcalloc(n, sizeof(*sum->pairs));
	for (size_t s = 0; s < sum->nstatements; s++) {
		for (size_t a = 0; a < sum->ngroups; a++) {
			for (size_t b = a + 1; b < sum->ngroups; b++) {
				const struct survey_cell *ca = &sum->groups[s * sum->ngroups + a];
				const struct survey_cell *cb = &sum->groups[s * sum->ngroups + b];
				struct survey_pair *p = &sum->pairs[sum->npairs];

				if (!ca->has_share || !cb->has_share)
					continue;
				*p = (struct survey_pair){ .statement = s, .a = a, .b = b };
				if (!stats_proportion_diff((double)ca->positive, (double)ca->base,
				        (double)cb->positive, (double)cb->base, SURVEY_CI_LEVEL,
				        &p->d) ||
				    !stats_proportion_diff((double)ca->positive, (double)ca->base,
				        (double)cb->positive, (double)cb->base, sum->pair_level,
				        &p->d_adj))
					continue;
				p->differs = p->d.lower > 0 || p->d.upper < 0;
				p->differs_adj = p->d_adj.lower > 0 || p->d_adj.upper < 0;
				sum->npairs++;
			}
		}
	}
}

bool
survey_summarize(const struct survey_scale *scale, const struct survey_counts *c, long threshold,
    const struct stats_bands *bands, struct survey_summary *out)
{
	size_t ng = c->ngroups, nl = c->nlevels, cap = 0;
	long *total;

	memset(out, 0, sizeof(*out));
	if (scale == NULL || nl != scale->nlevels || nl == 0 || threshold < 1 ||
	    (c->nstatements > 0 && c->n == NULL) || (ng > 0 && c->respondents == NULL) ||
	    c->invited < 0)
		return false;
	for (size_t i = 0; i < c->nstatements * (ng ? ng : 1) * nl; i++)
		if (c->n[i] < 0)
			return false;
	for (size_t g = 0; g < ng; g++)
		if (c->respondents[g] < 0)
			return false;
	out->nstatements = c->nstatements;
	out->ngroups = ng;
	out->nlevels = nl;
	out->threshold = threshold;
	out->invited = c->invited;
	out->overall = xcalloc(c->nstatements ? c->nstatements : 1, sizeof(*out->overall));
	if (ng > 0) {
		out->groups = xcalloc(c->nstatements * ng + 1, sizeof(*out->groups));
		out->group_suppressed = xcalloc(ng, sizeof(*out->group_suppressed));
		out->group_respondents = xcalloc(ng, sizeof(long));
		memcpy(out->group_respondents, c->respondents, ng * sizeof(long));
		for (size_t g = 0; g < ng; g++)
			out->respondents += c->respondents[g];
		suppress_groups(c->respondents, ng, threshold, out->group_suppressed);
	} else if (c->respondents != NULL) {
		out->respondents = c->respondents[0];
	}
	total = xcalloc(nl, sizeof(long));
	for (size_t s = 0; s < c->nstatements; s++) {
		memset(total, 0, nl * sizeof(long));
		for (size_t g = 0; g < (ng ? ng : 1); g++) {
			const long *n = &c->n[(s * (ng ? ng : 1) + g) * nl];

			for (size_t l = 0; l < nl; l++)
				total[l] += n[l];
			if (ng > 0)
				fill_cell(scale, n, threshold, bands, &out->groups[s * ng + g]);
		}
		fill_cell(scale, total, threshold, bands, &out->overall[s]);
		if (ng > 0) {
			suppress_secondary(&out->groups[s * ng], ng);
			find_diffs(out, s, &cap);
		}
	}
	free(total);
	if (ng > 1)
		find_pairs(out);
	if (c->invited > 0) {
		out->has_rate = true;
		out->rate = (double)out->respondents / (double)c->invited;
	}
	return true;
}

void
survey_summary_free(struct survey_summary *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; s->overall != NULL && i < s->nstatements; i++)
		free(s->overall[i].dist);
	for (size_t i = 0; s->groups != NULL && i < s->nstatements * s->ngroups; i++)
		free(s->groups[i].dist);
	free(s->overall);
	free(s->groups);
	free(s->group_suppressed);
	free(s->group_respondents);
	free(s->diffs);
	free(s->pairs);
	memset(s, 0, sizeof(*s));
}

const struct survey_cell *
survey_summary_cell(const struct survey_summary *sum, size_t s, size_t g)
{
	return &sum->groups[s * sum->ngroups + g];
}
