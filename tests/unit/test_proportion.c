/* Wilson intervals against Newcombe (1998), Table I, method 3. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>

#include "stats/proportion.h"

static void
test_newcombe_1998_wilson(void **state)
{
	/* x, n, published lower and upper (4 decimals). */
	static const double cases[][4] = {
		{81, 263, 0.2553, 0.3662},
		{15, 148, 0.0624, 0.1605},
		{0, 20, 0.0000, 0.1611},
		{1, 29, 0.0061, 0.1718},
	};
	struct stats_prop p;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_true(stats_proportion(cases[i][0], cases[i][1], 0.95, STATS_CI_WILSON, &p));
		assert_true(fabs(p.lower - cases[i][2]) < 0.00006);
		assert_true(fabs(p.upper - cases[i][3]) < 0.00006);
	}
	assert_false(stats_proportion(3, 2, 0.95, STATS_CI_WILSON, &p));
	assert_false(stats_proportion(1, 0, 0.95, STATS_CI_WILSON, &p));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_newcombe_1998_wilson),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
