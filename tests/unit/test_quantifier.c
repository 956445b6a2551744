/* Quantifier words at the band edges (Education Scotland's bands: almost
 * all > 90%, most 75-90%, majority 50-74%, less than half 15-49%, few
 * < 15%), from the shipped data/quantifiers.json. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "stats/quantifier.h"

static void
test_edges(void **state)
{
	static const struct {
		double x, n;
		const char *word;
	} cases[] = {
		{ 100, 100, "almost all" },
		{ 91, 100, "almost all" },
		{ 901, 1000, "almost all" },
		{ 9, 10, "most" },
		{ 90, 100, "most" },
		{ 75, 100, "most" },
		{ 3, 4, "most" },
		{ 749, 1000, "majority" },
		{ 74, 100, "majority" },
		{ 50, 100, "majority" },
		{ 1, 2, "majority" },
		{ 49, 100, "less than half" },
		{ 499, 1000, "less than half" },
		{ 15, 100, "less than half" },
		{ 3, 20, "less than half" },
		{ 149, 1000, "few" },
		{ 14, 100, "few" },
		{ 1, 100, "few" },
		{ 0, 100, "few" },
	};
	struct stats_bands b;
	struct cairn_err err = { 0 };

	(void)state;
	assert_int_equal(stats_bands_default(&b, &err), CAIRN_OK);
	assert_int_equal(b.n, 5);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *w = stats_quantifier(&b, cases[i].x, cases[i].n);

		if (w == NULL || strcmp(w, cases[i].word) != 0)
			fail_msg("%g/%g: want %s, got %s", cases[i].x, cases[i].n, cases[i].word,
			    w ? w : "NULL");
	}
	assert_string_equal(stats_quantifier_p(&b, 0.9), "most");
	assert_string_equal(stats_quantifier_p(&b, 0.9000001), "almost all");
	assert_string_equal(stats_quantifier_p(&b, 0.75), "most");
	assert_string_equal(stats_quantifier_p(&b, 0.7499), "majority");
	assert_string_equal(stats_quantifier_p(&b, 0.5), "majority");
	assert_string_equal(stats_quantifier_p(&b, 0.15), "less than half");
	assert_string_equal(stats_quantifier_p(&b, 0.1499), "few");
	assert_string_equal(stats_quantifier_p(&b, 0.0), "few");
	assert_null(stats_quantifier_p(&b, 1.01));
	assert_null(stats_quantifier(&b, 3, 2));
	assert_null(stats_quantifier(&b, 0, 0));
}

static void
test_bad_bands(void **state)
{
	static const char *bad[] = {
		"not json",
		"{\"bands\": []}",
		"{\"bands\": [{\"word\": \"some\", \"min\": 0}]}",
		"{\"bands\": [{\"word\": \"\", \"min\": 0, \"min_inclusive\": true}]}",
		"{\"bands\": [{\"word\": \"x\", \"min\": 120, \"min_inclusive\": true}]}",
		"{\"bands\": [{\"word\": \"a\", \"min\": 10, \"min_inclusive\": true},"
		" {\"word\": \"b\", \"min\": 20, \"min_inclusive\": true}]}",
		"{\"bands\": [{\"word\": \"a\", \"min\": 10, \"min_inclusive\": true}]}",
		"{\"bands\": [{\"word\": \"a\", \"min\": 0, \"min_inclusive\": false}]}",
	};
	const char *good = "{\"bands\": [{\"word\": \"half or more\", \"min\": 50, "
	                   "\"min_inclusive\": true}, {\"word\": \"under half\", \"min\": 0, "
	                   "\"min_inclusive\": true}]}";
	struct stats_bands b;
	struct cairn_err err;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		cairn_err_clear(&err);
		assert_int_equal(stats_bands_parse(bad[i], strlen(bad[i]), &b, &err), CAIRN_EDATA);
		assert_int_equal(b.n, 0);
		assert_true(err.msg[0] != '\0');
	}
	assert_int_equal(stats_bands_parse(good, strlen(good), &b, &err), CAIRN_OK);
	assert_string_equal(stats_quantifier(&b, 1, 2), "half or more");
	assert_string_equal(stats_quantifier(&b, 49, 100), "under half");
}

/* A pack's table with "all" (100%) and "none" (0%): "few" starts above 0
 * and "none" at 0 inclusive; 10 of 10 is "all", never "almost all". */
static void
test_all_and_none(void **state)
{
	static const char json[] =
	    "{\"bands\":[{\"word\":\"all\",\"min\":100,\"min_inclusive\":true},"
	    "{\"word\":\"almost all\",\"min\":90,\"min_inclusive\":false},"
	    "{\"word\":\"few\",\"min\":0,\"min_inclusive\":false},"
	    "{\"word\":\"none\",\"min\":0,\"min_inclusive\":true}]}";
	static const char twice[] =
	    "{\"bands\":[{\"word\":\"few\",\"min\":0,\"min_inclusive\":true},"
	    "{\"word\":\"none\",\"min\":0,\"min_inclusive\":true}]}";
	struct stats_bands b;
	struct cairn_err err = { 0 };

	(void)state;
	assert_int_equal(stats_bands_parse(json, strlen(json), &b, &err), CAIRN_OK);
	assert_string_equal(stats_quantifier(&b, 10, 10), "all");
	assert_string_equal(stats_quantifier(&b, 99, 100), "almost all");
	assert_string_equal(stats_quantifier(&b, 1, 100), "few");
	assert_string_equal(stats_quantifier(&b, 0, 10), "none");
	/* Two bands at the same edge only as exclusive then inclusive. */
	assert_int_equal(stats_bands_parse(twice, strlen(twice), &b, &err), CAIRN_EDATA);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_edges),
		cmocka_unit_test(test_bad_bands),
		cmocka_unit_test(test_all_and_none),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
