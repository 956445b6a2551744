/*
 * Inspections (app/setup/inspection.c), against docs/user-guide.md
 * ("Inspections", "Grades, findings and the confidence statement"): a new
 * inspection needs a partnership and a framework; dates are YYYY-MM-DD and
 * must be real days; fieldwork is FROM..TO and cannot end before it
 * starts; agencies are comma-separated and methods ';'-separated; a
 * refused create stores nothing and a refused update changes nothing.  A
 * grade is a level number or its label in any case; an indicator the
 * framework lacks or a level its scale lacks is refused.
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
#include "store/store.h"
#include "store/work.h"
#include "testdb.h"

static char dir[] = "/tmp/cairn-test-inspection.XXXXXX";
static char path[512];
static struct store *st;
static const struct actor who = { "lead", "test", NULL, true };

static int
setup(void **state)
{
	struct cairn_err err = { 0 };

	(void)state;
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/t.db", dir);
	return app_init(path, &st, &err) == CAIRN_OK ? 0 : -1;
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

/* Returns the number of inspections held. */
static size_t
count(void)
{
	struct cairn_err err = { 0 };
	struct inspection *v = NULL;
	size_t n = 0;

	assert_int_equal(store_inspection_list(st, &v, &n, &err), CAIRN_OK);
	inspections_free(v, n);
	return n;
}

/* Creates with req; returns the result code (the id in *id). */
static int
create(const struct inspection_new *req, long *id, struct cairn_err *err)
{
	*id = 0;
	memset(err, 0, sizeof(*err)); /* the first error recorded is kept */
	return app_inspection_create(st, &who, req, id, err);
}

/* Partnership and framework are all a new inspection needs; the title
 * has a default naming the partnership and no date is set. */
static void
test_create_minimal(void **state)
{
	struct cairn_err err = { 0 };
	struct inspection_new req = { .partnership = "Fife", .framework = "cyp-2014" };
	struct inspection in;
	long id;
	size_t before = count();

	(void)state;
	assert_int_equal(create(&req, &id, &err), CAIRN_OK);
	assert_true(id > 0);
	assert_int_equal(count(), before + 1);
	assert_int_equal(store_inspection_load(st, id, &in, &err), CAIRN_OK);
	assert_string_equal(in.partnership, "Fife");
	assert_string_equal(in.framework_code, "cyp-2014");
	assert_non_null(strstr(in.title, "Fife"));
	assert_string_equal(in.notified, "");
	assert_string_equal(in.fieldwork_from, "");
	assert_string_equal(in.published, "");
	assert_int_equal(in.nagencies, 0);
	inspection_free(&in);
}

/* Without a partnership or a framework: a usage error, the latter
 * naming the frameworks there are; an unknown framework, an empty or
 * invalid partnership are refused too.  Nothing is stored. */
static void
test_create_required(void **state)
{
	struct cairn_err err = { 0 };
	struct inspection_new req = { .framework = "cyp-2014" };
	long id;
	size_t before = count();

	(void)state;
	assert_int_equal(create(&req, &id, &err), CAIRN_EUSAGE);
	req = (struct inspection_new){ .partnership = "Fife" };
	memset(&err, 0, sizeof(err));
	assert_int_equal(create(&req, &id, &err), CAIRN_EUSAGE);
	assert_non_null(strstr(err.msg, "cyp-2014"));
	assert_non_null(strstr(err.msg, "ilacs-2018"));
	req.framework = "cyp-2099";
	assert_int_not_equal(create(&req, &id, &err), CAIRN_OK);
	req = (struct inspection_new){ .partnership = "", .framework = "cyp-2014" };
	assert_int_equal(create(&req, &id, &err), CAIRN_EDATA);
	req.partnership = "Fife\xff";
	assert_int_equal(create(&req, &id, &err), CAIRN_EDATA);
	assert_int_equal(count(), before);
}

/* Dates: YYYY-MM-DD and a real day (2016 is a leap year, 2015 is not). */
static void
test_create_dates(void **state)
{
	static const char *const bad[] = { "2015-02-29", "2016-02-30", "2016-13-01", "30/04/2016",
		"2016-4-30x", "yesterday" };
	struct cairn_err err = { 0 };
	struct inspection_new req = { .partnership = "Fife", .framework = "cyp-2014" };
	struct inspection in;
	long id;
	size_t before = count();

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		req.notified = bad[i];
		assert_int_equal(create(&req, &id, &err), CAIRN_EDATA);
		assert_non_null(strstr(err.msg, bad[i]));
		req.notified = NULL;
		req.published = bad[i];
		assert_int_equal(create(&req, &id, &err), CAIRN_EDATA);
		req.published = NULL;
	}
	assert_int_equal(count(), before);
	req.notified = "2016-02-29";
	req.published = "2016-08-30";
	assert_int_equal(create(&req, &id, &err), CAIRN_OK);
	assert_int_equal(store_inspection_load(st, id, &in, &err), CAIRN_OK);
	assert_string_equal(in.notified, "2016-02-29");
	assert_string_equal(in.published, "2016-08-30");
	inspection_free(&in);
}

/* Fieldwork is FROM..TO; a single day is a range; the end may not come
 * before the start; each end must be a date. */
static void
test_create_fieldwork(void **state)
{
	static const char *const bad[] = { "2016-04-25", "2016-04-25-2016-06-10",
		"2016-06-10..2016-04-25", "2016-04-25..", "..2016-06-10", "2016-04-25..2016-06-31",
		"2016-04-25..2016-06-10..2016-06-11", ".." };
	struct cairn_err err = { 0 };
	struct inspection_new req = { .partnership = "Fife", .framework = "cyp-2014" };
	struct inspection in;
	long id;
	size_t before = count();

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		req.fieldwork = bad[i];
		assert_int_equal(create(&req, &id, &err), CAIRN_EDATA);
		/* The message quotes what was given, or the end that is wrong. */
		assert_true(strstr(err.msg, bad[i]) != NULL || strstr(err.msg, "2016-0") != NULL);
	}
	assert_int_equal(count(), before);
	req.fieldwork = "2016-04-25..2016-06-10";
	assert_int_equal(create(&req, &id, &err), CAIRN_OK);
	assert_int_equal(store_inspection_load(st, id, &in, &err), CAIRN_OK);
	assert_string_equal(in.fieldwork_from, "2016-04-25");
	assert_string_equal(in.fieldwork_to, "2016-06-10");
	inspection_free(&in);
	req.fieldwork = "2016-04-25..2016-04-25";
	assert_int_equal(create(&req, &id, &err), CAIRN_OK);
}

/* Agencies split at commas, methods at semicolons, trimmed, empty items
 * dropped. */
static void
test_create_lists(void **state)
{
	struct cairn_err err = { 0 };
	struct inspection_new req = { .partnership = "Fife",
		.framework = "cyp-2014",
		.agencies = " Care Inspectorate, Education Scotland,,HMICS ",
		.methods = "read 104 records; met 60 staff, in 8 groups;" };
	struct inspection in;
	long id;

	(void)state;
	assert_int_equal(create(&req, &id, &err), CAIRN_OK);
	assert_int_equal(store_inspection_load(st, id, &in, &err), CAIRN_OK);
	assert_int_equal(in.nagencies, 3);
	assert_string_equal(in.agencies[0], "Care Inspectorate");
	assert_string_equal(in.agencies[1], "Education Scotland");
	assert_string_equal(in.agencies[2], "HMICS");
	assert_int_equal(in.nmethods, 2);
	assert_string_equal(in.methods[0], "read 104 records");
	assert_string_equal(in.methods[1], "met 60 staff, in 8 groups");
	inspection_free(&in);
}

/* An update changes only the fields given; a refused one changes
 * nothing. */
static void
test_update(void **state)
{
	struct cairn_err err = { 0 };
	struct inspection_new req = { .partnership = "Angus",
		.framework = "cyp-2014",
		.fieldwork = "2016-04-25..2016-06-10",
		.published = "2016-08-30" };
	struct inspection_new up = { .fieldwork = "2016-05-02..2016-06-17" };
	struct inspection in;
	long id;

	(void)state;
	assert_int_equal(create(&req, &id, &err), CAIRN_OK);
	assert_int_equal(app_inspection_update(st, &who, id, &up, &err), CAIRN_OK);
	up = (struct inspection_new){ .published = "2016-09-31", .title = "Changed" };
	assert_int_equal(app_inspection_update(st, &who, id, &up, &err), CAIRN_EDATA);
	assert_int_equal(store_inspection_load(st, id, &in, &err), CAIRN_OK);
	assert_string_equal(in.partnership, "Angus");
	assert_string_equal(in.fieldwork_from, "2016-05-02");
	assert_string_equal(in.fieldwork_to, "2016-06-17");
	assert_string_equal(in.published, "2016-08-30");
	assert_string_not_equal(in.title, "Changed");
	inspection_free(&in);
}

/* A grade is a level number or a label in any case, on the six-point
 * scale (6 Excellent, 5 Very good, 4 Good, 3 Adequate, 2 Weak, 1
 * Unsatisfactory); anything else is refused with the valid choices. */
static void
test_grade(void **state)
{
	struct cairn_err err = { 0 };
	struct inspection_new req = { .partnership = "Fife", .framework = "cyp-2014" };
	long id;
	int v = 0;

	(void)state;
	assert_int_equal(create(&req, &id, &err), CAIRN_OK);
	assert_int_equal(app_grade(st, &who, id, "5.2", "VERY GOOD", NULL, NULL, &v, &err),
	    CAIRN_OK);
	assert_int_equal(v, 5);
	assert_int_equal(app_grade(st, &who, id, "5.2", "unsatisfactory", NULL, NULL, &v, &err),
	    CAIRN_OK);
	assert_int_equal(v, 1);
	assert_int_equal(app_grade(st, &who, id, "2.1", "4", NULL, NULL, &v, &err), CAIRN_OK);
	assert_int_equal(v, 4);
	memset(&err, 0, sizeof(err));
	assert_int_equal(app_grade(st, &who, id, "2.1", "7", NULL, NULL, &v, &err), CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "Excellent"));
	assert_int_equal(app_grade(st, &who, id, "2.1", "0", NULL, NULL, &v, &err), CAIRN_EDATA);
	assert_int_equal(app_grade(st, &who, id, "2.1", "outstanding", NULL, NULL, &v, &err),
	    CAIRN_EDATA);
	memset(&err, 0, sizeof(err));
	assert_int_equal(app_grade(st, &who, id, "11.1", "good", NULL, NULL, &v, &err),
	    CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "9.4"));
}

/* Ids on a command line or in a URL: positive whole numbers. */
static void
test_parse_id(void **state)
{
	struct cairn_err err = { 0 };
	long id = 0;

	(void)state;
	assert_int_equal(app_parse_id("12", &id, &err), CAIRN_OK);
	assert_int_equal(id, 12);
	assert_int_equal(app_parse_id("0", &id, &err), CAIRN_EUSAGE);
	assert_int_equal(app_parse_id("-3", &id, &err), CAIRN_EUSAGE);
	assert_int_equal(app_parse_id("12a", &id, &err), CAIRN_EUSAGE);
	assert_int_equal(app_parse_id("", &id, &err), CAIRN_EUSAGE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_create_minimal),
		cmocka_unit_test(test_create_required),
		cmocka_unit_test(test_create_dates),
		cmocka_unit_test(test_create_fieldwork),
		cmocka_unit_test(test_create_lists),
		cmocka_unit_test(test_update),
		cmocka_unit_test(test_grade),
		cmocka_unit_test(test_parse_id),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
