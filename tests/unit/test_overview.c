/*
 * The national overview (app/followup/overview.c, stats/grades.c), checked against
 * tables computed by hand from the published 2012-2017 results in
 * domain.md section 4 (the shipped data/history file): the pooled
 * distribution, one indicator's distribution and partnerships, a year's
 * trend row, an inspection's profile, and the notes on partial data.
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
#include <unistd.h>

#include "app/followup/history.h"
#include "app/setup/init.h"
#include "app/setup/inspection.h"
#include "app/followup/overview.h"
#include "stats/grades.h"
#include "store/store.h"
#include "testdb.h"

static char dir[] = "/tmp/cairn-test-overview.XXXXXX";
static char path[512];
static struct store *st;
static const struct actor who = { "analyst", "test", NULL, true };

static int
setup(void **state)
{
	struct cairn_err err = { 0 };
	struct history_import r;
	char file[1024];

	(void)state;
	if (mkdtemp(dir) == NULL || getenv("CAIRN_SRCDIR") == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/t.db", dir);
	snprintf(file, sizeof(file), "%s/data/history/cyp-2014-published.csv",
	    getenv("CAIRN_SRCDIR"));
	memset(&r, 0, sizeof(r));
	if (app_init(path, &st, &err) != CAIRN_OK ||
	    app_history_import(st, &who, file, &r, &err) != CAIRN_OK)
		return -1;
	history_import_free(&r);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	store_close(st);
	testdb_remove(path);
	rmdir(dir);
	return 0;
}

static void
test_grades_summary(void **state)
{
	static const int values[] = { 6, 5, 4, 3, 2, 1 };
	/* 5.2 in the published results: good 1, adequate 2, weak 1, unsatisfactory 1. */
	static const long c52[] = { 0, 0, 1, 2, 1, 1 };
	static const long even[] = { 0, 1, 1, 0, 0, 0 };
	struct grades_summary s;
	long above, same, below;

	(void)state;
	assert_true(grades_summarise(values, c52, 6, 4, &s));
	assert_int_equal(s.total, 5);
	assert_int_equal(s.median, 3);
	assert_true(fabs(s.mean - 13.0 / 5.0) < 1e-12);
	assert_int_equal(s.at_least, 1);
	assert_true(grades_summarise(values, even, 6, 4, &s));
	assert_int_equal(s.median, 4); /* the lower median of 4 and 5 */
	grades_compare(values, c52, 6, 3, &above, &same, &below);
	assert_int_equal(above, 1);
	assert_int_equal(same, 2);
	assert_int_equal(below, 2);
	assert_true(grades_summarise(values, (const long[]){ 0, 0, 0, 0, 0, 0 }, 6, 4, &s));
	assert_int_equal(s.total, 0);
	assert_int_equal(s.median, 0);
	assert_false(grades_summarise(values, (const long[]){ 0, -1, 0, 0, 0, 0 }, 6, 4, &s));
}

/* Returns the overview indicator with this code, or fails. */
static const struct overview_qi *
find_qi(const struct overview *ov, const char *code)
{
	for (size_t i = 0; i < ov->nqis; i++)
		if (strcmp(ov->qis[i].qi->code, code) == 0)
			return &ov->qis[i];
	fail_msg("indicator %s missing", code);
	return NULL;
}

/* Returns true if some note contains text. */
static bool
has_note(const struct overview *ov, const char *text)
{
	for (size_t i = 0; i < ov->nnotes; i++)
		if (strstr(ov->notes[i], text) != NULL)
			return true;
	return false;
}

static void
test_published_results_by_hand(void **state)
{
	/* Hand-computed from domain.md 4.2, excellent first. */
	static const long pooled[] = { 3, 39, 44, 27, 7, 1 };
	static const long counts_only[] = { 2, 38, 41, 19, 3, 0 };
	static const long q52[] = { 0, 0, 1, 2, 1, 1 };
	static const long y2014[] = { 0, 7, 2, 5, 3, 1 }; /* Highland and Dumfries and Galloway */
	struct overview ov;
	struct cairn_err err = { 0 };
	const struct overview_qi *q;
	json_t *j, *names;

	(void)state;
	assert_int_equal(app_overview_build(st, "cyp-2014", &ov, &err), CAIRN_OK);
	assert_int_equal(ov.npubs, 15);
	assert_int_equal(ov.nevaluated, 9);
	assert_int_equal(ov.threshold, 4);
	assert_int_equal(ov.pooled_total, 121);
	for (int l = 0; l < 6; l++) {
		assert_int_equal(ov.pooled[l], pooled[l]);
		assert_int_equal(ov.count_only[l], counts_only[l]);
	}
	assert_int_equal(ov.nqis, 9);
	q = find_qi(&ov, "5.2");
	if (q == NULL)
		return;
	for (int l = 0; l < 6; l++)
		assert_int_equal(q->counts[l], q52[l]);
	assert_int_equal(q->total, 5);
	assert_int_equal(q->unknown, 10);
	assert_int_equal(q->median, 3);
	q = find_qi(&ov, "1.1");
	if (q == NULL)
		return;
	assert_int_equal(q->total, 1);
	assert_int_equal(q->inferred, 1);
	assert_int_equal(ov.nyears, 6);
	assert_int_equal(ov.years[0].year, 2013);
	assert_int_equal(ov.years[1].year, 2014);
	assert_int_equal(ov.years[1].publications, 2);
	assert_int_equal(ov.years[1].total, 18);
	assert_int_equal(ov.years[1].good_or_better, 9);
	for (int l = 0; l < 6; l++)
		assert_int_equal(ov.years[1].counts[l], y2014[l]);
	assert_int_equal(ov.years[5].year, 2018);
	assert_int_equal(ov.years[5].counts[0], 2); /* East Ayrshire: two excellent */
	/* Partial data is stated. */
	assert_true(has_note(&ov, "North Lanarkshire (2015): the published grades number 10"));
	assert_true(has_note(&ov, "Aberdeenshire (2015): only 2 of the 9"));
	assert_true(has_note(&ov, "South Ayrshire (2016-10-04): 4 grades are inferred"));
	assert_true(has_note(&ov, "103 grades from 12 publications are known only as counts"));
	/* The partnerships at each level of 6.2. */
	j = overview_json(&ov);
	for (size_t i = 0; i < json_array_size(json_object_get(j, "indicators")); i++) {
		json_t *e = json_array_get(json_object_get(j, "indicators"), i);

		if (strcmp(json_string_value(json_object_get(e, "qi")), "6.2") != 0)
			continue;
		names = json_object_get(json_object_get(e, "partnerships"), "Weak");
		assert_int_equal(json_array_size(names), 2);
		assert_string_equal(json_string_value(
		                        json_object_get(json_array_get(names, 0), "partnership")),
		    "Aberdeenshire");
		assert_string_equal(json_string_value(
		                        json_object_get(json_array_get(names, 1), "partnership")),
		    "South Ayrshire");
	}
	json_decref(j);
	overview_free(&ov);
}

static void
test_held_inspection_replaces_import_and_profile(void **state)
{
	struct inspection_new req = { .partnership = "South Ayrshire",
		.framework = "cyp-2014",
		.published = "2016-10-04" };
	struct inspection_new req2 = { .partnership = "Glenmoor", .framework = "cyp-2014" };
	static const char *const grades[][2] = { { "1.1", "3" }, { "2.1", "4" }, { "3.1", "4" },
		{ "5.1", "3" }, { "5.2", "4" }, { "5.3", "3" }, { "6.2", "2" }, { "6.3", "3" },
		{ "9.4", "2" } };
	struct overview ov;
	struct cairn_err err = { 0 };
	json_t *j, *prof = NULL;
	long id = 0, id2 = 0;

	(void)state;
	assert_int_equal(app_inspection_create(st, &who, &req, &id, &err), CAIRN_OK);
	for (size_t i = 0; i < 9; i++)
		assert_int_equal(app_grade(st, &who, id, grades[i][0], grades[i][1], NULL, NULL,
		                     NULL, &err),
		    CAIRN_OK);
	assert_int_equal(app_inspection_create(st, &who, &req2, &id2, &err), CAIRN_OK);
	assert_int_equal(app_grade(st, &who, id2, "5.2", "very good", NULL, NULL, NULL, &err),
	    CAIRN_OK);
	assert_int_equal(app_overview_build(st, "cyp-2014", &ov, &err), CAIRN_OK);
	/* Still 15 publications: the held South Ayrshire replaces the import,
	 * and the unpublished Glenmoor is not counted. */
	assert_int_equal(ov.npubs, 15);
	assert_int_equal(ov.npending, 1);
	assert_int_equal(ov.pooled_total, 121);
	assert_true(has_note(&ov, "inspection 1 held here replaces the imported result"));
	assert_false(has_note(&ov, "grades are inferred"));
	assert_int_equal(find_qi(&ov, "1.1")->inferred, 0);
	/* Glenmoor's 5.2 (very good) against the five published: all lower. */
	j = overview_json(&ov);
	for (size_t i = 0; i < json_array_size(json_object_get(j, "profiles")); i++) {
		json_t *p = json_array_get(json_object_get(j, "profiles"), i);

		if (json_integer_value(json_object_get(p, "inspection")) == id2)
			prof = json_array_get(json_object_get(p, "indicators"), 0);
	}
	assert_non_null(prof);
	assert_string_equal(json_string_value(json_object_get(prof, "qi")), "5.2");
	assert_int_equal(json_integer_value(json_object_get(prof, "national_n")), 5);
	assert_string_equal(json_string_value(json_object_get(prof, "national_median")),
	    "Adequate");
	assert_int_equal(json_integer_value(json_object_get(prof, "lower")), 5);
	assert_int_equal(json_integer_value(json_object_get(prof, "higher")), 0);
	json_decref(j);
	overview_free(&ov);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grades_summary),
		cmocka_unit_test(test_published_results_by_hand),
		cmocka_unit_test(test_held_inspection_replaces_import_and_profile),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
