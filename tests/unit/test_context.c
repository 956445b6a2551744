/*
 * The partnership's context from the shipped open data
 * (app/outcomes/context.c), against data/scotland computed by hand with
 * awk (docs/guide-report.md, "The partnership's area"):
 *
 * Children aged 0-17, mid-2021 (columns "Age 0".."Age 17" of
 * nrs_sape_2021_datazone_children_0_17.csv), by SIMD 2020v2 quintile
 * (column SIMD2020v2_Quintile of simd2020v2_datazone_ranks_indicators.csv,
 * joined on the data zone code).  Some data zone names hold quoted commas,
 * so plain awk -F, miscounts; with Python's csv module:
 *   q = {r["Data_Zone"]: r["SIMD2020v2_Quintile"] for r in csv.DictReader(simd)}
 *   for r in csv.DictReader(sape): n = sum(int(r["Age %d" % i]) for i in range(18))
 *     ... summed by q[r["Data zone code"]], for "Orkney Islands" and for all
 *   Orkney Islands: 4004 = 0 + 579 + 727 + 2499 + 199 (quintile 1 = most deprived)
 *   Scotland: 1024981 = 221807 + 196914 + 186900 + 211821 + 207539
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/outcomes/context.h"

static char dir[512];

static int
setup(void **state)
{
	const char *src = getenv("CAIRN_SRCDIR");

	(void)state;
	snprintf(dir, sizeof(dir), "%s/data/scotland", src != NULL ? src : "../../..");
	return 0;
}

/* Orkney's children, by quintile, beside Scotland's. */
static void
test_children(void **state)
{
	static const long orkney[5] = { 0, 579, 727, 2499, 199 };
	static const long scotland[5] = { 221807, 196914, 186900, 211821, 207539 };
	struct cairn_err err = { 0 };
	struct context *c = calloc(1, sizeof(*c));
	long sum = 0;

	(void)state;
	assert_non_null(c);
	assert_int_equal(app_context(dir, "Orkney Islands", c, &err), CAIRN_OK);
	assert_string_equal(c->area_name, "Orkney Islands");
	assert_int_equal(strncmp(c->area_code, "S12", 3), 0);
	assert_int_equal(c->population_year, 2021);
	assert_int_equal(c->children, 4004);
	for (int q = 0; q < 5; q++) {
		assert_int_equal(c->children_quintile[q], orkney[q]);
		assert_int_equal(c->scotland_quintile[q], scotland[q]);
		sum += c->scotland_quintile[q];
	}
	assert_int_equal(c->scotland_children, 1024981);
	assert_int_equal(sum, c->scotland_children);
	free(c);
}

/* An area that is not a council area of the data is refused. */
static void
test_unknown_area(void **state)
{
	struct cairn_err err = { 0 };
	struct context *c = calloc(1, sizeof(*c));

	(void)state;
	assert_non_null(c);
	assert_int_not_equal(app_context(dir, "Atlantis", c, &err), CAIRN_OK);
	assert_true(err.msg[0] != '\0');
	free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_children),
		cmocka_unit_test(test_unknown_area),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
