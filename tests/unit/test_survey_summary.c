/*
 * Survey summaries: shares with "don't know" excluded, their Wilson
 * intervals against Newcombe (1998) Table I (read from the shared test
 * data), suppression at the edges of the disclosure threshold, secondary
 * suppression, differences flagged only where intervals do not overlap,
 * quantifier words and the response rate.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/surveys/rscale.h"
#include "core/text.h"
#include "stats/survey_summary.h"
#include "testcsv.h"

/* agree5: SA, A, N, D, SD, DK. */
#define NL 6

static struct survey_scale scale;
static struct stats_bands bands;

static int
setup(void **state)
{
	(void)state;
	if (stats_bands_default(&bands, NULL) != CAIRN_OK)
		return -1;
	return rscale_load("agree5", &scale, NULL) == CAIRN_OK ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	survey_scale_free(&scale);
	return 0;
}

/* Summarises one statement with no groups from six level counts. */
static void
one(const long n[NL], long threshold, struct survey_summary *sum)
{
	long resp = 0;
	struct survey_counts c;

	for (int l = 0; l < NL; l++)
		resp += n[l];
	c = (struct survey_counts){ 1, 0, NL, n, &resp, 0 };
	assert_true(survey_summarize(&scale, &c, threshold, &bands, sum));
}

static void
test_scale_is_agree5(void **state)
{
	(void)state;
	assert_int_equal(scale.nlevels, NL);
	assert_true(scale.levels[0].positive && scale.levels[1].positive);
	assert_false(
	    scale.levels[2].positive || scale.levels[3].positive || scale.levels[4].positive);
	assert_true(scale.levels[5].dont_know);
	assert_int_equal(survey_scale_dont_know(&scale), 5);
}

/*
 * For each Wilson row of Newcombe (1998) Table I (x agreeing of n), add
 * "don't know" answers on top: the share must still be x/n with the
 * published interval, and the "don't know" answers counted apart.
 */
static void
test_share_excludes_dont_know_newcombe(void **state)
{
	struct testcsv t;
	int rows = 0;

	(void)state;
	assert_int_equal(testcsv_open(&t, "stats/proportion/newcombe1998_tableI.csv"), 0);
	assert_true(testcsv_next(&t) >= 6);
	while (testcsv_next(&t) >= 6) {
		double x = testcsv_num(t.field[0]), n = testcsv_num(t.field[1]);
		double lo = testcsv_num(t.field[4]), hi = testcsv_num(t.field[5]);
		struct survey_summary sum;
		long c[NL];

		if (strcmp(t.field[3], "wilson") != 0)
			continue;
		/* x agreeing split over SA and A; the rest over N, D, SD; 7 don't know. */
		c[0] = (long)x / 2;
		c[1] = (long)x - c[0];
		c[2] = ((long)n - (long)x) / 3;
		c[3] = ((long)n - (long)x) / 3;
		c[4] = (long)n - (long)x - c[2] - c[3];
		c[5] = 7;
		/* threshold 1: the interval is under test here, not disclosure */
		one(c, 1, &sum);
		assert_int_equal(sum.overall[0].suppressed, SURVEY_SHOWN);
		assert_int_equal(sum.overall[0].responses, (long)n + 7);
		assert_int_equal(sum.overall[0].dont_know, 7);
		assert_int_equal(sum.overall[0].base, (long)n);
		assert_int_equal(sum.overall[0].positive, (long)x);
		assert_true(sum.overall[0].has_share);
		assert_true(fabs(sum.overall[0].share.estimate - x / n) < 1e-12);
		assert_true(fabs(sum.overall[0].share.lower - lo) < 0.00006);
		assert_true(fabs(sum.overall[0].share.upper - hi) < 0.00006);
		for (int l = 0; l < NL; l++)
			assert_int_equal(sum.overall[0].dist[l], c[l]);
		survey_summary_free(&sum);
		rows++;
	}
	testcsv_close(&t);
	assert_int_equal(rows, 4);
}

/* 4 answers are suppressed, 5 are shown: the edge of the threshold. */
static void
test_suppression_at_threshold_edge(void **state)
{
	const long four[NL] = { 1, 1, 1, 1, 0, 0 };
	const long five[NL] = { 1, 1, 1, 1, 1, 0 };
	const long ten[NL] = { 2, 2, 2, 2, 2, 0 };
	const long fourdk[NL] = { 0, 0, 0, 0, 0, 4 };
	struct survey_summary sum;

	(void)state;
	one(four, 5, &sum);
	assert_int_equal(sum.overall[0].suppressed, SURVEY_SUPPRESS_SMALL);
	assert_null(sum.overall[0].dist);
	assert_false(sum.overall[0].has_share);
	survey_summary_free(&sum);

	/* 5 answers are shown as a count, but 2 agreeing and 3 not are each
	 * under the threshold: no share, no distribution (issue 18) */
	one(five, 5, &sum);
	assert_int_equal(sum.overall[0].suppressed, SURVEY_SHOWN);
	assert_int_equal(sum.overall[0].responses, 5);
	assert_null(sum.overall[0].dist);
	assert_false(sum.overall[0].has_share);
	survey_summary_free(&sum);
	/* at threshold 4, 4 agreeing of 10 and 6 not may both be shown */
	one(ten, 4, &sum);
	assert_int_equal(sum.overall[0].suppressed, SURVEY_SHOWN);
	assert_non_null(sum.overall[0].dist);
	assert_true(sum.overall[0].has_share);
	assert_true(fabs(sum.overall[0].share.estimate - 0.4) < 1e-12);
	assert_string_equal(sum.overall[0].quantifier, "less than half");
	survey_summary_free(&sum);

	/* "Don't know" answers count towards the group's size... */
	one(fourdk, 4, &sum);
	assert_int_equal(sum.overall[0].suppressed, SURVEY_SHOWN);
	assert_int_equal(sum.overall[0].dont_know, 4);
	assert_int_equal(sum.overall[0].base, 0);
	/* ...but a share needs a base of answers other than "don't know". */
	assert_false(sum.overall[0].has_share);
	survey_summary_free(&sum);

	/* The threshold is a parameter: at 10, nine answers are hidden. */
	{
		const long nine[NL] = { 3, 3, 1, 1, 1, 0 };

		one(nine, 10, &sum);
		assert_int_equal(sum.overall[0].suppressed, SURVEY_SUPPRESS_SMALL);
		survey_summary_free(&sum);
	}
}

/* A share rests on answers other than "don't know": base 4 is not enough. */
static void
test_share_needs_base_at_threshold(void **state)
{
	const long base4[NL] = { 2, 1, 1, 0, 0, 2 };
	const long base5[NL] = { 2, 1, 1, 1, 0, 2 };
	const long base12[NL] = { 3, 3, 2, 2, 2, 2 };
	struct survey_summary sum;

	(void)state;
	one(base4, 5, &sum);
	assert_int_equal(sum.overall[0].suppressed, SURVEY_SHOWN);
	assert_int_equal(sum.overall[0].responses, 6);
	assert_int_equal(sum.overall[0].base, 4);
	assert_false(sum.overall[0].has_share);
	survey_summary_free(&sum);
	/* base 5 is enough for the base, but 3 agreeing and 2 not are not */
	one(base5, 5, &sum);
	assert_false(sum.overall[0].has_share);
	survey_summary_free(&sum);
	one(base12, 5, &sum);
	assert_int_equal(sum.overall[0].base, 12);
	assert_true(sum.overall[0].has_share);
	assert_true(fabs(sum.overall[0].share.estimate - 0.5) < 1e-12);
	survey_summary_free(&sum);
}

/* Groups of 4, 12 and 30 for one statement. */
static void
test_secondary_suppression(void **state)
{
	const long n[3 * NL] = {
		2, 1, 1, 0, 0, 0,   /* 4: below the threshold */
		5, 3, 1, 1, 1, 1,   /* 12: hidden so the 4 cannot be derived */
		10, 10, 5, 2, 1, 2, /* 30 */
	};
	const long resp[3] = { 4, 12, 30 };
	struct survey_counts c = { 1, 3, NL, n, resp, 0 };
	struct survey_summary sum;

	(void)state;
	assert_true(survey_summarize(&scale, &c, 5, &bands, &sum));
	assert_int_equal(survey_summary_cell(&sum, 0, 0)->suppressed, SURVEY_SUPPRESS_SMALL);
	assert_int_equal(survey_summary_cell(&sum, 0, 1)->suppressed, SURVEY_SUPPRESS_SECONDARY);
	assert_null(survey_summary_cell(&sum, 0, 1)->dist);
	assert_false(survey_summary_cell(&sum, 0, 1)->has_share);
	assert_int_equal(survey_summary_cell(&sum, 0, 2)->suppressed, SURVEY_SHOWN);
	assert_int_equal(sum.group_suppressed[0], SURVEY_SUPPRESS_SMALL);
	assert_int_equal(sum.group_suppressed[1], SURVEY_SUPPRESS_SECONDARY);
	assert_int_equal(sum.group_suppressed[2], SURVEY_SHOWN);
	/* The overall figure is every group together. */
	assert_int_equal(sum.overall[0].responses, 46);
	assert_int_equal(sum.overall[0].positive, 31);
	assert_int_equal(sum.respondents, 46);
	survey_summary_free(&sum);
}

/* Two small groups protect each other: no secondary suppression. */
static void
test_two_small_groups_need_no_secondary(void **state)
{
	const long n[3 * NL] = {
		2,
		1,
		0,
		0,
		0,
		0,
		1,
		1,
		1,
		0,
		0,
		1,
		10,
		10,
		5,
		2,
		1,
		2,
	};
	const long resp[3] = { 3, 4, 30 };
	struct survey_counts c = { 1, 3, NL, n, resp, 0 };
	struct survey_summary sum;

	(void)state;
	assert_true(survey_summarize(&scale, &c, 5, &bands, &sum));
	assert_int_equal(survey_summary_cell(&sum, 0, 0)->suppressed, SURVEY_SUPPRESS_SMALL);
	assert_int_equal(survey_summary_cell(&sum, 0, 1)->suppressed, SURVEY_SUPPRESS_SMALL);
	assert_int_equal(survey_summary_cell(&sum, 0, 2)->suppressed, SURVEY_SHOWN);
	survey_summary_free(&sum);
}

/* 90/100 against 20/100 differ; 50/100 against 55/100 do not. */
static void
test_differences_only_without_overlap(void **state)
{
	const long n[2 * 4 * NL] = {
		/* statement 0: groups A, B, C, D */
		45,
		45,
		5,
		5,
		0,
		3,
		10,
		10,
		40,
		40,
		0,
		0,
		25,
		25,
		25,
		25,
		0,
		0,
		30,
		25,
		20,
		25,
		0,
		9,
		/* statement 1: everyone alike */
		25,
		25,
		25,
		25,
		0,
		0,
		25,
		25,
		25,
		25,
		0,
		0,
		25,
		25,
		25,
		25,
		0,
		0,
		25,
		25,
		25,
		25,
		0,
		0,
	};
	const long resp[4] = { 103, 100, 100, 109 };
	struct survey_counts c = { 2, 4, NL, n, resp, 0 };
	struct survey_summary sum;
	bool ab = false;

	(void)state;
	assert_true(survey_summarize(&scale, &c, 5, &bands, &sum));
	for (size_t i = 0; i < sum.ndiffs; i++) {
		const struct survey_diff *d = &sum.diffs[i];
		const struct survey_cell *h = survey_summary_cell(&sum, d->statement, d->higher);
		const struct survey_cell *l = survey_summary_cell(&sum, d->statement, d->lower);

		/* Every flag is a real gap between the intervals. */
		assert_true(h->share.lower > l->share.upper);
		assert_int_equal(d->statement, 0);
		ab |= d->higher == 0 && d->lower == 1;
		/* C (50%) and D (55%) overlap: never flagged against each other. */
		assert_false(
		    (d->higher == 3 && d->lower == 2) || (d->higher == 2 && d->lower == 3));
	}
	assert_true(ab);
	/* A > B, A > C, A > D, C > B, D > B. */
	assert_int_equal(sum.ndiffs, 5);
	survey_summary_free(&sum);
}

/*
 * Issue 19's example: Social work 25 of 28 agree, Health 25 of 38, and a
 * third group 30 of 40.  Social work and Health overlap (not flagged) but
 * Newcombe's interval for their difference, 0.025 to 0.409, excludes 0;
 * adjusted for the 3 comparisons (Bonferroni, 98.3%) it does not.  The
 * intervals against R (stats/proportion/prop_diff_R.csv, the last six
 * rows, made by R/prop_diff.R), to 1e-12.
 */
static void
test_pairs_newcombe(void **state)
{
	/* agree5 counts: SA, A, N, D, SD, DK */
	const long n[3 * NL] = { 20, 5, 2, 1, 0, 0, 15, 10, 8, 5, 0, 0, 20, 10, 5, 5, 0, 0 };
	const long resp[3] = { 28, 38, 40 };
	struct survey_counts c = { 1, 3, NL, n, resp, 0 };
	struct survey_summary sum;
	struct testcsv t;
	size_t checked = 0;

	(void)state;
	/* threshold 3: Social work's 3 not agreeing may be shown (at 5 its
	 * share is withheld, tested in test_complement_protected) */
	assert_true(survey_summarize(&scale, &c, 3, &bands, &sum));
	assert_int_equal(sum.ndiffs, 0);
	assert_int_equal(sum.npairs, 3);
	assert_true(fabs(sum.pair_level - (1 - 0.05 / 3)) < 1e-15);
	assert_true(sum.pairs[0].a == 0 && sum.pairs[0].b == 1);
	assert_true(sum.pairs[0].differs && !sum.pairs[0].differs_adj);
	assert_true(!sum.pairs[1].differs && !sum.pairs[2].differs);
	assert_int_equal(testcsv_open(&t, "stats/proportion/prop_diff_R.csv"), 0);
	while (testcsv_next(&t) > 0) {
		double v[8];

		if (t.nfield != 8 || t.field[0][0] < '0' || t.field[0][0] > '9')
			continue;
		for (int k = 0; k < 8; k++)
			assert_true(text_parse_double(t.field[k], &v[k]));
		for (size_t i = 0; i < sum.npairs; i++) {
			const struct survey_pair *p = &sum.pairs[i];
			const struct survey_cell *a = survey_summary_cell(&sum, 0, p->a);
			const struct survey_cell *b = survey_summary_cell(&sum, 0, p->b);
			const struct stats_prop_diff *d =
			    fabs(v[4] - 0.95) < 1e-12 ? &p->d : &p->d_adj;

			if (a->positive != (long)v[0] || a->base != (long)v[1] ||
			    b->positive != (long)v[2] || b->base != (long)v[3] ||
			    (fabs(v[4] - 0.95) > 1e-12 && fabs(v[4] - sum.pair_level) > 1e-12))
				continue;
			assert_true(fabs(d->diff - v[5]) < 1e-12);
			assert_true(fabs(d->lower - v[6]) < 1e-12);
			assert_true(fabs(d->upper - v[7]) < 1e-12);
			checked++;
		}
	}
	testcsv_close(&t);
	/* 6 rows of the last block, and 25/28 - 25/38 at 95% once more above it */
	assert_int_equal(checked, 7);
	survey_summary_free(&sum);
}

/*
 * Issue 18: "7 responded, 85.7% agree" tells that one did not agree.  At
 * threshold 5 a share is given only where the agreeing and the other
 * answers are each 0 or at least 5; otherwise the cell keeps its
 * response count but no share, no distribution; and a withheld share is
 * in no comparison between groups.
 */
static void
test_complement_protected(void **state)
{
	const long six7[NL] = { 3, 3, 1, 0, 0, 0 };
	const long one7[NL] = { 1, 0, 3, 3, 0, 0 };
	const long all7[NL] = { 4, 3, 0, 0, 0, 0 };
	const long five10[NL] = { 3, 2, 2, 2, 1, 0 };
	/* Social work 25 of 28 (3 not), Health 25 of 38, a third 30 of 40 */
	const long n[3 * NL] = { 20, 5, 2, 1, 0, 0, 15, 10, 8, 5, 0, 0, 20, 10, 5, 5, 0, 0 };
	const long resp[3] = { 28, 38, 40 };
	struct survey_counts c = { 1, 3, NL, n, resp, 0 };
	struct survey_summary sum;

	(void)state;
	one(six7, 5, &sum);
	assert_int_equal(sum.overall[0].suppressed, SURVEY_SHOWN);
	assert_int_equal(sum.overall[0].responses, 7);
	assert_false(sum.overall[0].has_share);
	assert_null(sum.overall[0].dist);
	survey_summary_free(&sum);
	one(one7, 5, &sum);
	assert_false(sum.overall[0].has_share);
	survey_summary_free(&sum);
	/* all 7 agreeing: 0 not agreeing is shown, as a count of 0 is */
	one(all7, 5, &sum);
	assert_true(sum.overall[0].has_share);
	assert_true(sum.overall[0].share.estimate == 1.0);
	survey_summary_free(&sum);
	one(five10, 5, &sum);
	assert_true(sum.overall[0].has_share);
	assert_true(fabs(sum.overall[0].share.estimate - 0.5) < 1e-12);
	survey_summary_free(&sum);

	assert_true(survey_summarize(&scale, &c, 5, &bands, &sum));
	assert_false(survey_summary_cell(&sum, 0, 0)->has_share);
	assert_null(survey_summary_cell(&sum, 0, 0)->dist);
	assert_true(survey_summary_cell(&sum, 0, 1)->has_share);
	/* only Health against the third group is compared */
	assert_int_equal(sum.npairs, 1);
	assert_true(sum.pairs[0].a == 1 && sum.pairs[0].b == 2);
	survey_summary_free(&sum);
}

/* The words come from the shipped bands (data/quantifiers.json), with
 * exact edges: 9 of 10 is 90%, "most"; 3 of 4 is 75%, "most". */
static void
test_quantifier_words(void **state)
{
	const long nine[NL] = { 5, 4, 1, 0, 0, 3 };
	const long three4[NL] = { 2, 1, 1, 0, 0, 0 };
	const long ten[NL] = { 5, 5, 0, 0, 0, 1 };
	const long none[NL] = { 0, 0, 2, 2, 2, 0 };
	struct survey_summary sum;

	(void)state;
	/* threshold 1: the words are under test here, not disclosure */
	one(nine, 1, &sum);
	assert_string_equal(sum.overall[0].quantifier, "most");
	survey_summary_free(&sum);
	one(three4, 1, &sum);
	assert_string_equal(sum.overall[0].quantifier, "most");
	survey_summary_free(&sum);
	one(ten, 1, &sum);
	assert_string_equal(sum.overall[0].quantifier, "almost all");
	survey_summary_free(&sum);
	one(none, 5, &sum);
	assert_string_equal(sum.overall[0].quantifier, "few");
	assert_true(sum.overall[0].has_share);
	assert_true(sum.overall[0].share.estimate == 0.0);
	survey_summary_free(&sum);
	/* Without bands there is no word, but the share is there. */
	{
		long resp = 6;
		struct survey_counts c = { 1, 0, NL, none, &resp, 0 };

		assert_true(survey_summarize(&scale, &c, 5, NULL, &sum));
		assert_true(sum.overall[0].has_share);
		assert_string_equal(sum.overall[0].quantifier, "");
		survey_summary_free(&sum);
	}
}

static void
test_response_rate_and_bad_input(void **state)
{
	const long n[NL] = { 10, 10, 5, 5, 0, 2 };
	const long bad[NL] = { 10, -1, 5, 5, 0, 2 };
	long resp = 32;
	struct survey_counts c = { 1, 0, NL, n, &resp, 128 };
	struct survey_summary sum;

	(void)state;
	assert_true(survey_summarize(&scale, &c, 5, &bands, &sum));
	assert_true(sum.has_rate);
	assert_true(fabs(sum.rate - 0.25) < 1e-12);
	survey_summary_free(&sum);
	c.invited = 0;
	assert_true(survey_summarize(&scale, &c, 5, &bands, &sum));
	assert_false(sum.has_rate);
	survey_summary_free(&sum);
	c.n = bad;
	assert_false(survey_summarize(&scale, &c, 5, &bands, &sum));
	c.n = n;
	c.nlevels = NL - 1;
	assert_false(survey_summarize(&scale, &c, 5, &bands, &sum));
	c.nlevels = NL;
	assert_false(survey_summarize(&scale, &c, 0, &bands, &sum));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scale_is_agree5),
		cmocka_unit_test(test_share_excludes_dont_know_newcombe),
		cmocka_unit_test(test_suppression_at_threshold_edge),
		cmocka_unit_test(test_share_needs_base_at_threshold),
		cmocka_unit_test(test_secondary_suppression),
		cmocka_unit_test(test_two_small_groups_need_no_secondary),
		cmocka_unit_test(test_differences_only_without_overlap),
		cmocka_unit_test(test_pairs_newcombe),
		cmocka_unit_test(test_quantifier_words),
		cmocka_unit_test(test_complement_protected),
		cmocka_unit_test(test_response_rate_and_bad_input),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
