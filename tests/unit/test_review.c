/*
 * Progress reviews (app/followup/review.c): the order of reviews, closing on
 * decision, judgements on every area for improvement, re-evaluations
 * validated on the framework's scale, and the history that shows the
 * original grades and each review's re-evaluations side by side.  The
 * case follows Dumfries and Galloway 2014 (5.2 unsatisfactory; two
 * progress reviews, domain.md 2.7 and 4.2); later grades are made up.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/setup/init.h"
#include "app/setup/inspection.h"
#include "app/followup/review.h"
#include "store/store.h"
#include "testdb.h"

static char dir[] = "/tmp/cairn-test-review.XXXXXX";
static char path[512];
static struct store *st;
static const struct actor who = { "lead", "test", NULL, true };
static long insp, strength, aim1, aim2;

static int
setup(void **state)
{
	struct cairn_err err = { 0 };
	struct inspection_new req = { .partnership = "Dumfries and Galloway",
		.framework = "cyp-2014",
		.published = "2014-04-30" };

	(void)state;
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/t.db", dir);
	if (app_init(path, &st, &err) != CAIRN_OK ||
	    app_inspection_create(st, &who, &req, &insp, &err) != CAIRN_OK ||
	    app_grade(st, &who, insp, "5.2", "unsatisfactory", NULL, NULL, NULL, &err) !=
	        CAIRN_OK ||
	    app_grade(st, &who, insp, "9.4", "weak", NULL, NULL, NULL, &err) != CAIRN_OK ||
	    app_grade(st, &who, insp, "2.1", "adequate", NULL, NULL, NULL, &err) != CAIRN_OK ||
	    app_finding_add(st, &who, insp, "strength", "Staff know children well.", "2.1",
	        &strength, &err) != CAIRN_OK ||
	    app_finding_add(st, &who, insp, "improvement", "Assess risks to children promptly.",
	        "5.2", &aim1, &err) != CAIRN_OK ||
	    app_finding_add(st, &who, insp, "improvement", "Leaders to drive improvement.", "9.4",
	        &aim2, &err) != CAIRN_OK)
		return -1;
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

/* Judges both areas at review seq. */
static void
judge_all(int seq, const char *j1, const char *j2)
{
	struct cairn_err err = { 0 };
	const char *f1 = "1", *f2 = "2"; /* the areas' numbers, not their ids */

	assert_int_equal(app_review_progress(st, &who, insp, seq, f1, j1, "found", NULL, &err),
	    CAIRN_OK);
	assert_int_equal(app_review_progress(st, &who, insp, seq, f2, j2, "found", "minutes", &err),
	    CAIRN_OK);
}

/* Areas for improvement are named by their number within the inspection
 * (1, 2 in findings order, as the action plan numbers them), never by a
 * finding's id: on an inspection of its own, with a strength recorded
 * first, the second area's id is refused naming the valid range. */
static void
test_progress_by_area_number(void **state)
{
	struct cairn_err err = { 0 };
	struct inspection_new req = { .partnership = "Orkney",
		.framework = "cyp-2014",
		.published = "2014-10-01" };
	struct followup f;
	long in2 = 0, str2 = 0, a1 = 0, a2 = 0;
	char id2[32], want[80];
	json_t *j;
	int seq = 0;

	(void)state;
	assert_int_equal(app_inspection_create(st, &who, &req, &in2, &err), CAIRN_OK);
	assert_int_equal(app_finding_add(st, &who, in2, "strength", "Strong partnership.", "2.1",
	                     &str2, &err),
	    CAIRN_OK);
	assert_int_equal(app_finding_add(st, &who, in2, "improvement", "Plan better.", "9.4", &a1,
	                     &err),
	    CAIRN_OK);
	assert_int_equal(app_finding_add(st, &who, in2, "improvement", "Assess risk.", "5.2", &a2,
	                     &err),
	    CAIRN_OK);
	assert_true(a2 > 2);
	assert_int_equal(app_review_create(st, &who, in2, "2015-06-01", &seq, &err), CAIRN_OK);
	snprintf(id2, sizeof(id2), "%ld", a2);
	assert_int_equal(app_review_progress(st, &who, in2, seq, id2, "some", "x", NULL, &err),
	    CAIRN_EDATA);
	assert_string_equal(err.field, "improvement");
	snprintf(want, sizeof(want), "no area for improvement %ld; valid: 1 to 2", a2);
	assert_non_null(strstr(err.msg, want));
	cairn_err_clear(&err);
	assert_int_equal(app_review_progress(st, &who, in2, seq, "0", "some", "x", NULL, &err),
	    CAIRN_EUSAGE);
	assert_string_equal(err.field, "improvement");
	cairn_err_clear(&err);
	assert_int_equal(app_review_progress(st, &who, in2, seq, "2nd", "some", "x", NULL, &err),
	    CAIRN_EUSAGE);
	cairn_err_clear(&err);
	/* "2" is the second area, stored against its finding. */
	assert_int_equal(app_review_progress(st, &who, in2, seq, "2", "limited", "y", NULL, &err),
	    CAIRN_OK);
	assert_int_equal(app_followup_load(st, in2, &f, &err), CAIRN_OK);
	assert_int_equal(f.nprogress[0], 1);
	assert_int_equal(f.progress[0][0].finding, a2);
	assert_int_equal(followup_area_number(&f, a2), 2);
	assert_int_equal(followup_area_number(&f, a1), 1);
	assert_int_equal(followup_area_number(&f, str2), 0);
	j = review_json(&f, 0);
	assert_int_equal(json_integer_value(
	                     json_object_get(json_array_get(json_object_get(j, "progress"), 1),
	                         "improvement")),
	    2);
	assert_string_equal(json_string_value(
	                        json_object_get(json_array_get(json_object_get(j, "progress"), 1),
	                            "judgement")),
	    "limited");
	json_decref(j);
	followup_free(&f);
	/* Deciding names the area still to judge by its number. */
	assert_int_equal(app_review_decide(st, &who, in2, seq, "needed", NULL, &err), CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "no progress judged on area for improvement 1;"));
	cairn_err_clear(&err);
}

static void
test_reviews_in_order_and_closed_on_decision(void **state)
{
	struct cairn_err err = { 0 };
	int seq = 0, v = 0;
	const char *f1 = "1";

	(void)state;
	assert_int_equal(app_review_create(st, &who, insp, "2014-04-30", &seq, &err), CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "not after the report's publication"));
	cairn_err_clear(&err);
	assert_int_equal(app_review_create(st, &who, insp, "2015-05-12", &seq, &err), CAIRN_OK);
	assert_int_equal(seq, 1);
	assert_int_equal(app_review_create(st, &who, insp, "2016-05-10", &seq, &err), CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "review 1 is not decided"));
	cairn_err_clear(&err);
	/* Judgements and grades are validated. */
	assert_int_equal(app_review_progress(st, &who, insp, 1, f1, "great", "x", NULL, &err),
	    CAIRN_EUSAGE);
	cairn_err_clear(&err);
	assert_int_equal(app_review_progress(st, &who, insp, 2, f1, "some", "x", NULL, &err),
	    CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "no review 2"));
	cairn_err_clear(&err);
	assert_int_equal(app_review_grade(st, &who, insp, 1, "5.2", "7", NULL, &v, &err),
	    CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "unknown grade '7'"));
	cairn_err_clear(&err);
	assert_int_equal(app_review_grade(st, &who, insp, 1, "5.2", "Weak", NULL, &v, &err),
	    CAIRN_OK);
	assert_int_equal(v, 2);
	/* Deciding needs a judgement on every area for improvement. */
	assert_int_equal(app_review_progress(st, &who, insp, 1, f1, "some", "x", NULL, &err),
	    CAIRN_OK);
	assert_int_equal(app_review_decide(st, &who, insp, 1, "needed", NULL, &err), CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "no progress judged"));
	judge_all(1, "some", "limited");
	cairn_err_clear(&err);
	assert_int_equal(app_review_decide(st, &who, insp, 1, "maybe", NULL, &err), CAIRN_EUSAGE);
	cairn_err_clear(&err);
	assert_int_equal(app_review_decide(st, &who, insp, 1, "needed", "More to do", &err),
	    CAIRN_OK);
	/* A decided review is closed. */
	assert_int_equal(app_review_grade(st, &who, insp, 1, "5.2", "Good", NULL, &v, &err),
	    CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "closed"));
	cairn_err_clear(&err);
	assert_int_equal(app_review_create(st, &who, insp, "2015-05-12", &seq, &err), CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "not after review 1"));
	cairn_err_clear(&err);
	assert_int_equal(app_review_create(st, &who, insp, "2016-05-10", &seq, &err), CAIRN_OK);
	assert_int_equal(seq, 2);
	assert_int_equal(app_review_grade(st, &who, insp, 2, "5.2", "adequate", NULL, &v, &err),
	    CAIRN_OK);
	assert_int_equal(app_review_grade(st, &who, insp, 2, "9.4", "good", "new leadership", &v,
	                     &err),
	    CAIRN_OK);
	/* Grading again at the same review replaces the re-evaluation. */
	assert_int_equal(app_review_grade(st, &who, insp, 2, "9.4", "adequate", "on reflection", &v,
	                     &err),
	    CAIRN_OK);
	judge_all(2, "significant", "significant");
	assert_int_equal(app_review_decide(st, &who, insp, 2, "not-needed", NULL, &err), CAIRN_OK);
	assert_int_equal(app_review_create(st, &who, insp, "2017-05-10", &seq, &err), CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "no further review is needed"));
}

/* Returns the history entry of qi, or fails. */
static json_t *
history_qi(json_t *h, const char *qi)
{
	json_t *qis = json_object_get(h, "indicators");

	for (size_t i = 0; i < json_array_size(qis); i++) {
		json_t *q = json_array_get(qis, i);

		if (strcmp(json_string_value(json_object_get(q, "qi")), qi) == 0)
			return q;
	}
	fail_msg("indicator %s is not in the history", qi);
	return NULL;
}

static void
test_history_side_by_side(void **state)
{
	struct cairn_err err = { 0 };
	struct followup f;
	json_t *h, *q, *re;
	struct doc doc;
	const struct doc_table *t = NULL;

	(void)state;
	assert_int_equal(app_followup_load(st, insp, &f, &err), CAIRN_OK);
	assert_int_equal(f.nreviews, 2);
	h = followup_history_json(&f);
	assert_string_equal(json_string_value(json_object_get(h, "published")), "2014-04-30");
	/* 5.2: unsatisfactory (2014), weak (review 1), adequate (review 2). */
	q = history_qi(h, "5.2");
	assert_int_equal(json_integer_value(
	                     json_object_get(json_object_get(q, "original"), "grade")),
	    1);
	re = json_object_get(q, "re_evaluations");
	assert_int_equal(json_array_size(re), 2);
	assert_string_equal(json_string_value(json_object_get(json_array_get(re, 0), "date")),
	    "2015-05-12");
	assert_int_equal(json_integer_value(json_object_get(json_array_get(re, 0), "grade")), 2);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(re, 1), "grade")), 3);
	assert_int_equal(json_integer_value(json_object_get(q, "current")), 3);
	/* 9.4: weak, then adequate at review 2 (the replaced grade is gone). */
	q = history_qi(h, "9.4");
	re = json_object_get(q, "re_evaluations");
	assert_int_equal(json_array_size(re), 1);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(re, 0), "review")), 2);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(re, 0), "grade")), 3);
	/* 2.1 was never re-evaluated: the original stands. */
	q = history_qi(h, "2.1");
	assert_int_equal(json_array_size(json_object_get(q, "re_evaluations")), 0);
	assert_int_equal(json_integer_value(json_object_get(q, "current")), 3);
	json_decref(h);
	/* The original grades are untouched. */
	assert_int_equal(dossier_grade(&f.d, "5.2")->grade, 1);
	/* Review 2's report compares with the grade in force before it. */
	review_doc_build(&f, 1, NULL, &doc);
	for (size_t s = 0; s < doc.nsections; s++)
		for (size_t b = 0; b < doc.sections[s].nblocks; b++)
			if (doc.sections[s].blocks[b].kind == DOC_TABLE &&
			    strcmp(doc.sections[s].blocks[b].table->id, "re-evaluations") == 0)
				t = doc.sections[s].blocks[b].table;
	if (t == NULL) {
		fail_msg("no re-evaluations table");
		return;
	}
	assert_int_equal(t->nrows, 2);
	assert_string_equal(doc_cell(t, 0, 1), "Weak (2)");
	assert_string_equal(doc_cell(t, 0, 2), "Adequate (3)");
	assert_string_equal(doc_cell(t, 1, 1), "Weak (2)");
	doc_free(&doc);
	followup_free(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reviews_in_order_and_closed_on_decision),
		cmocka_unit_test(test_history_side_by_side),
		cmocka_unit_test(test_progress_by_area_number),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
