/* Unit tests for store/ through app/: migrations, round trips, rules. */
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
#include "app/evaluation/dossier.h"
#include "app/setup/inspection.h"
#include "store/store.h"
#include "testdb.h"

static char dir[] = "/tmp/cairn-test-store.XXXXXX";
static char path[512];

static int
setup(void **state)
{
	(void)state;
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/t.db", dir);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	testdb_remove(path);
	rmdir(dir);
	return 0;
}

static void
test_open_missing_without_create_fails(void **state)
{
	struct store *st = NULL;
	struct cairn_err err = { 0 };

	(void)state;
	assert_int_equal(store_open(path, STORE_EXISTING, &st, &err), CAIRN_ENOINPUT);
	assert_null(st);
	assert_non_null(strstr(err.msg, "cairn init"));
	assert_int_not_equal(access(path, F_OK), 0);
}

static void
test_init_is_idempotent(void **state)
{
	struct store *st = NULL;
	struct framework_summary *v = NULL;
	struct cairn_err err = { 0 };
	size_t n = 0;
	int version;

	(void)state;
	assert_int_equal(app_init(path, &st, &err), CAIRN_OK);
	version = store_schema_version(st);
	assert_true(version >= 1);
	store_close(st);
	assert_int_equal(app_init(path, &st, &err), CAIRN_OK);
	assert_int_equal(store_schema_version(st), version);
	assert_int_equal(store_framework_list(st, &v, &n, &err), CAIRN_OK);
	assert_int_equal(n, 5); /* one per shipped model pack */
	assert_string_equal(v[0].code, "at-risk-2021");
	framework_summaries_free(v, n);
	store_close(st);
}

static void
test_inspection_round_trip_and_grade_rules(void **state)
{
	struct store *st = NULL;
	struct cairn_err err = { 0 };
	struct inspection_new req = {
		.partnership = "Testshire",
		.framework = "cyp-2014",
		.fieldwork = "2016-04-25..2016-06-10",
		.agencies = "Care Inspectorate, Education Scotland",
	};
	struct dossier d;
	struct actor who = { "tester", "test", NULL, true };
	long id = 0, n = 0;
	int v = 0;

	(void)state;
	assert_int_equal(app_init(path, &st, &err), CAIRN_OK);
	assert_int_equal(app_inspection_create(st, &who, &req, &id, &err), CAIRN_OK);
	assert_true(id > 0);
	assert_int_equal(app_grade(st, &who, id, "5.2", "Very GOOD", NULL, NULL, &v, &err),
	    CAIRN_OK);
	assert_int_equal(v, 5);
	assert_int_equal(app_grade(st, &who, id, "5.2", "3", "re-graded", NULL, &v, &err),
	    CAIRN_OK);
	assert_int_equal(v, 3);

	cairn_err_clear(&err);
	assert_int_equal(app_grade(st, &who, id, "7.7", "good", NULL, NULL, NULL, &err),
	    CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "unknown quality indicator '7.7'"));
	assert_non_null(strstr(err.msg, "9.4"));
	cairn_err_clear(&err);
	assert_int_equal(app_grade(st, &who, id, "5.2", "brilliant", NULL, NULL, NULL, &err),
	    CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "6 Excellent"));
	cairn_err_clear(&err);
	assert_int_equal(app_grade(st, &who, id, "5.2", "7", NULL, NULL, NULL, &err), CAIRN_EDATA);
	cairn_err_clear(&err);
	req.fieldwork = "2016-06-10..2016-04-25";
	assert_int_equal(app_inspection_create(st, &who, &req, &id, &err), CAIRN_EDATA);

	assert_int_equal(app_dossier_load(st, 1, &d, &err), CAIRN_OK);
	assert_int_equal(d.nevals, 1);
	assert_string_equal(d.evals[0].qi, "5.2");
	assert_int_equal(d.evals[0].grade, 3);
	assert_string_equal(d.evals[0].rationale, "re-graded");
	assert_int_equal(d.in.nagencies, 2);
	assert_string_equal(d.in.agencies[1], "Education Scotland");
	assert_string_equal(d.in.fieldwork_to, "2016-06-10");
	dossier_free(&d);
	/* One create and two grades succeeded; the refused ones left no entry
	 * (the other ten: init's five frameworks and five model packs). */
	assert_int_equal(audit_verify(st, &n, &err), CAIRN_OK);
	assert_int_equal(n, 3 + 5 + 5);
	store_close(st);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_missing_without_create_fails),
		cmocka_unit_test(test_init_is_idempotent),
		cmocka_unit_test(test_inspection_round_trip_and_grade_rules),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
