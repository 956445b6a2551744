/* Unit tests for app/disclose: primary and secondary suppression, worked
 * by hand on small tables with totals. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "app/publication/disclose.h"

#define S DISCLOSE_SHOWN
#define P DISCLOSE_PRIMARY
#define X DISCLOSE_SECONDARY

/* Applies suppression to a table and compares every cell's state. */
static void
check(const long *counts, size_t nrows, size_t ncols, bool rt, bool ct, long threshold,
    const enum disclose_state *want, size_t want_suppressed)
{
	enum disclose_state state[64];
	struct disclose_table t = { nrows, ncols, counts, rt, ct, state };

	assert_int_equal(disclose_apply(&t, threshold), want_suppressed);
	for (size_t i = 0; i < nrows * ncols; i++) {
		if (state[i] != want[i])
			print_error("cell %zu: got %s, want %s\n", i, disclose_state_name[state[i]],
			    disclose_state_name[want[i]]);
		assert_int_equal(state[i], want[i]);
	}
}

static void
test_primary_only_below_threshold(void **state)
{
	const long c[] = { 0, 1, 4, 5, 12 };
	const enum disclose_state w[] = { S, P, P, S, S };

	(void)state;
	check(c, 1, 5, false, false, 5, w, 2);
	assert_true(disclose_count_ok(0, 5));
	assert_false(disclose_count_ok(4, 5));
	assert_true(disclose_count_ok(5, 5));
}

static void
test_text_of_cells(void **state)
{
	char out[32];

	(void)state;
	assert_string_equal(disclose_text(3, P, 5, out, sizeof(out)), "fewer than 5");
	assert_string_equal(disclose_text(3, P, 10, out, sizeof(out)), "fewer than 10");
	assert_string_equal(disclose_text(40, X, 5, out, sizeof(out)), "suppressed");
	assert_string_equal(disclose_text(40, S, 5, out, sizeof(out)), "40");
}

/* 3 + 10 + 12 = 25: the 3 could be recovered from the total, so the
 * smallest other cell (10) is suppressed as well. */
static void
test_secondary_in_a_row_with_total(void **state)
{
	const long c[] = { 3, 10, 12, 25 };
	const enum disclose_state w[] = { P, X, S, S };

	(void)state;
	check(c, 1, 4, true, false, 5, w, 2);
}

/* Complementary cell is a non-zero one: suppressing a 0 hides nothing. */
static void
test_secondary_prefers_non_zero(void **state)
{
	const long c[] = { 3, 0, 9, 12 };
	const enum disclose_state w[] = { P, S, X, S };

	(void)state;
	check(c, 1, 4, true, false, 5, w, 2);
}

/*
 *        A   B   C | total
 *  r1    2   8   9 |  19
 *  r2    6   7  10 |  23
 *  total 8  15  19 |  42
 * The 2 is primary.  Row r1 then has one unknown: suppress 8.  Column A has
 * one unknown (2): suppress 6.  Column B has one unknown (8): suppress 7.
 * Now every row and column has two unknowns or none.
 */
static void
test_secondary_on_a_two_way_table(void **state)
{
	const long c[] = { 2, 8, 9, 19, 6, 7, 10, 23, 8, 15, 19, 42 };
	const enum disclose_state w[] = { P, X, S, S, X, X, S, S, S, S, S, S };

	(void)state;
	check(c, 3, 4, true, true, 5, w, 4);
}

/* A total that is itself small is suppressed; with its small member that
 * makes two unknowns, so nothing more is needed. */
static void
test_small_total(void **state)
{
	const long c[] = { 0, 0, 3, 3 };
	const enum disclose_state w[] = { S, S, P, P };

	(void)state;
	check(c, 1, 4, true, false, 5, w, 2);
}

/* Without totals there is nothing to recover a cell from. */
static void
test_no_totals_no_secondary(void **state)
{
	const long c[] = { 3, 10, 12, 25 };
	const enum disclose_state w[] = { P, S, S, S };

	(void)state;
	check(c, 1, 4, false, false, 5, w, 1);
}

/* The threshold is the inspection's: at 10, a 7 is suppressed. */
static void
test_threshold_configurable(void **state)
{
	const long c[] = { 7, 12, 19 };
	const enum disclose_state w[] = { P, X, S };

	(void)state;
	check(c, 1, 3, true, false, 10, w, 2);
}

static void
test_percentages_need_a_large_enough_group(void **state)
{
	(void)state;
	assert_false(disclose_percent_ok(0, 5));
	assert_false(disclose_percent_ok(4, 5));
	assert_true(disclose_percent_ok(5, 5));
	assert_false(disclose_percent_ok(9, 10));
}

static void
test_child_references_are_found(void **state)
{
	char *refs[] = { "", "GM-0042", "GM-1007" };
	const char *text = "Record GM-1007 was read twice.";

	(void)state;
	assert_int_equal(disclose_find_ref(text, strlen(text), refs, 3), 2);
	assert_int_equal(disclose_find_ref("nothing here", 12, refs, 3), -1);
	assert_int_equal(disclose_find_ref(text, strlen(text), refs, 0), -1);
}

/* The hashed search gives what one search per reference gives, on 3,000
 * references of lengths 4 to 12 (duplicates included) over texts holding
 * none, one or several of them. */
static void
test_child_references_many(void **state)
{
	enum { N = 3000 };
	static char buf[N][16];
	static char *refs[N];
	char text[4096];
	uint64_t x = 12345;
	int found = 0, late = 0;

	(void)state;
	for (size_t i = 0; i < N; i++) {
		size_t len = 4 + i % 9;

		for (size_t k = 0; k < len; k++) {
			x = x * 6364136223846793005ULL + 1442695040888963407ULL;
			buf[i][k] = (char)('a' + (x >> 59) % 8);
		}
		buf[i][len] = '\0';
		refs[i] = buf[i];
	}
	refs[17] = refs[2900]; /* a duplicate: the lower index is the answer */
	for (int t = 0; t < 40; t++) {
		long want = -1;
		size_t len = 0;

		for (size_t k = 0; k < (size_t)(50 + t * 60); k++) {
			x = x * 6364136223846793005ULL + 1442695040888963407ULL;
			text[len++] = (char)('a' + (x >> 59) % (t % 2 ? 8 : 20));
		}
		for (size_t i = 0; i < N; i++)
			if (strlen(refs[i]) <= len &&
			    memmem(text, len, refs[i], strlen(refs[i])) != NULL) {
				want = (long)i;
				break;
			}
		assert_int_equal(disclose_find_ref(text, len, refs, N), want);
		found += want >= 0;
		late += want > 100;
	}
	assert_true(found > 10 && found < 40); /* some texts hold none */
	assert_true(late > 3);                 /* the answer is not always an early one */
	assert_int_equal(disclose_find_ref("zzzz", 4, refs + 12, 1), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_primary_only_below_threshold),
		cmocka_unit_test(test_text_of_cells),
		cmocka_unit_test(test_secondary_in_a_row_with_total),
		cmocka_unit_test(test_secondary_prefers_non_zero),
		cmocka_unit_test(test_secondary_on_a_two_way_table),
		cmocka_unit_test(test_small_total),
		cmocka_unit_test(test_no_totals_no_secondary),
		cmocka_unit_test(test_threshold_configurable),
		cmocka_unit_test(test_percentages_need_a_large_enough_group),
		cmocka_unit_test(test_child_references_are_found),
		cmocka_unit_test(test_child_references_many),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
