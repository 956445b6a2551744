/* Unit tests for app/evidence: the status rules cell by cell, and the
 * source and status names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "app/evaluation/evidence.h"

/* The rules written out from the issue: an uncertainty stays open until
 * resolved into a strength, an area for improvement or no concern.  Rows
 * are "from", columns "to", in the order no-concern, uncertainty, concern,
 * strength, improvement; '1' = allowed. */
static const struct {
	const char *from;
	const char *to; /* 5 characters */
} rules[] = {
	{ "no-concern", "01110" },
	{ "uncertainty", "10111" },
	{ "concern", "01001" },
	{ "strength", "01000" },
	{ "improvement", "01000" },
};
static const char *const order[] = { "no-concern", "uncertainty", "concern", "strength",
	"improvement" };

static void
test_status_rules(void **state)
{
	(void)state;
	assert_int_equal(sizeof(rules) / sizeof(rules[0]), STATUS__MAX);
	for (size_t i = 0; i < STATUS__MAX; i++) {
		int a = evidence_status_parse(rules[i].from);

		assert_true(a >= 0);
		for (size_t j = 0; j < STATUS__MAX; j++) {
			int b = evidence_status_parse(order[j]);
			bool want = rules[i].to[j] == '1';

			assert_true(b >= 0);
			if (evidence_status_may_change((enum evidence_status)a,
			        (enum evidence_status)b) != want)
				fail_msg("%s -> %s: expected %s", rules[i].from, order[j],
				    want ? "allowed" : "refused");
		}
	}
	assert_false(evidence_status_may_change(STATUS__MAX, STATUS_UNCERTAINTY));
}

static void
test_names(void **state)
{
	static const char *const sources[] = { "position-statement", "document", "interview",
		"focus-group", "observation", "professional-discussion", "staff-survey",
		"cyp-survey", "parent-carer-survey", "records-reading", "data",
		"young-inspectors" };

	(void)state;
	assert_int_equal(sizeof(sources) / sizeof(sources[0]), SOURCE__MAX);
	for (size_t i = 0; i < SOURCE__MAX; i++) {
		assert_int_equal(evidence_source_parse(sources[i]), (int)i);
		assert_non_null(evidence_source_table[i].label);
	}
	assert_int_equal(evidence_source_parse("Interview"), -1);
	assert_int_equal(evidence_source_parse(NULL), -1);
	assert_int_equal(evidence_status_parse("open"), -1);
	for (int i = 0; i < STATUS__MAX; i++)
		assert_int_equal(evidence_status_parse(evidence_status_code[i]), i);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_status_rules),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
