/*
 * Matters of concern as a procedure (app/records/concern.h, core/concern.h,
 * docs/guide-concerns.md): the steps that may follow each step, who may make
 * each, the due date of the next step and when it is overdue.  Expected values
 * are written out by hand from the guide, never taken from the tables.
 *
 * Dates by hand: 2026-02-26 + 5 days = 2026-03-03 (2026 is not a leap year);
 * 2024-02-26 + 5 days = 2024-03-02 (2024 is); 2026-03-01 to 2026-03-31 is 30
 * days.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/access/role.h"
#include "app/records/concern.h"

/* Every (from, to) the guide allows; anything else is refused. */
static const char *const allowed[][2] = {
	{ "raised", "escalated" },
	{ "raised", "not-escalated" },
	{ "escalated", "passed" },
	{ "not-escalated", "closed" },
	{ "passed", "responded" },
	{ "responded", "closed" },
};

static bool
in_allowed(const char *from, const char *to)
{
	for (size_t i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++)
		if (strcmp(allowed[i][0], from) == 0 && strcmp(allowed[i][1], to) == 0)
			return true;
	return false;
}

static void
test_transitions(void **state)
{
	int n = 0;

	(void)state;
	assert_int_equal(CONCERN_STEP__MAX, 6);
	for (int f = 0; f < CONCERN_STEP__MAX; f++)
		for (int t = 0; t < CONCERN_STEP__MAX; t++) {
			bool want = in_allowed(concern_step_code[f], concern_step_code[t]);

			assert_int_equal(concern_may_follow((enum concern_step)f,
			                     (enum concern_step)t),
			    want);
			n += want;
		}
	assert_int_equal(n, 6);
	/* Skipping the lead's decision, or passing a concern the lead did not
	 * escalate, is refused; nothing follows a close; out of range is no. */
	assert_false(concern_may_follow(CONCERN_RAISED, CONCERN_PASSED));
	assert_false(concern_may_follow(CONCERN_RAISED, CONCERN_CLOSED));
	assert_false(concern_may_follow(CONCERN_NOT_ESCALATED, CONCERN_PASSED));
	assert_false(concern_may_follow(CONCERN_ESCALATED, CONCERN_CLOSED));
	assert_false(concern_may_follow(CONCERN_PASSED, CONCERN_CLOSED));
	assert_int_equal(concern_step_table[CONCERN_CLOSED].next, 0);
	assert_false(concern_may_follow(CONCERN_STEP__MAX, CONCERN_RAISED));
	assert_false(concern_may_follow(CONCERN_RAISED, (enum concern_step) - 1));
}

/* Every step but "closed" reaches "closed" along the table. */
static void
test_every_concern_can_close(void **state)
{
	(void)state;
	for (int s = 0; s < CONCERN_STEP__MAX; s++) {
		unsigned seen = 1u << s, frontier = 1u << s;

		while (frontier != 0) {
			unsigned next = 0;

			for (int f = 0; f < CONCERN_STEP__MAX; f++)
				if (frontier & (1u << f))
					next |= concern_step_table[f].next;
			frontier = next & ~seen;
			seen |= next;
		}
		assert_true(seen & (1u << CONCERN_CLOSED));
	}
}

/* Which roles may make each step (guide-concerns.md, "Who may"): columns
 * L D I S Y P C R A as in tests/unit/test_role.c. */
static void
test_who_may(void **state)
{
	static const struct {
		const char *step;
		const char *roles;
	} want[] = {
		{ "raised", "111100010" },        /* readers: only records assigned to them */
		{ "escalated", "100000000" },     /* the inspection lead decides */
		{ "not-escalated", "100000000" }, /* and only the lead */
		{ "passed", "110000000" },
		{ "responded", "110000000" },
		{ "closed", "110000000" },
	};

	(void)state;
	assert_int_equal(sizeof(want) / sizeof(want[0]), CONCERN_STEP__MAX);
	for (size_t i = 0; i < CONCERN_STEP__MAX; i++) {
		int s = concern_step_parse(want[i].step);

		assert_true(s >= 0);
		for (int r = 0; r < ROLE__MAX; r++)
			assert_int_equal(role_may((enum role)r,
			                     (enum action)concern_step_table[s].action),
			    want[i].roles[r] == '1');
	}
	/* A local reader raises but never decides. */
	assert_false(
	    role_may(ROLE_LOCAL_READER, (enum action)concern_step_table[CONCERN_ESCALATED].action));
	assert_false(role_may(ROLE_INSPECTOR,
	    (enum action)concern_step_table[CONCERN_NOT_ESCALATED].action));
}

/* A concern at step, whose last step was on, raised at raised. */
static struct concern
at(enum concern_step step, const char *on, const char *raised)
{
	struct concern c;

	memset(&c, 0, sizeof(c));
	c.step = step;
	snprintf(c.step_on, sizeof(c.step_on), "%s", on);
	snprintf(c.raised_at, sizeof(c.raised_at), "%s", raised);
	return c;
}

static void
test_timing(void **state)
{
	struct concern c;

	(void)state;
	/* Raised during fieldwork: the decision is due the next day. */
	c = at(CONCERN_RAISED, "2026-03-05", "2026-03-05T10:00:00Z");
	concern_timing(&c, "2026-04-24", "2026-03-06");
	assert_string_equal(c.due_on, "2026-03-06");
	assert_false(c.overdue);
	assert_int_equal(c.age_days, 1);
	concern_timing(&c, "2026-04-24", "2026-03-07");
	assert_true(c.overdue);
	/* Raised on the last day of fieldwork: due that day, not after. */
	c = at(CONCERN_RAISED, "2026-04-24", "2026-04-24T10:00:00Z");
	concern_timing(&c, "2026-04-24", "2026-04-24");
	assert_string_equal(c.due_on, "2026-04-24");
	assert_false(c.overdue);
	concern_timing(&c, "2026-04-24", "2026-04-25");
	assert_true(c.overdue);
	/* Raised after fieldwork (an inspection's dates do not shorten it to
	 * before the step itself): the next day. */
	c = at(CONCERN_ESCALATED, "2026-05-01", "2026-05-01T10:00:00Z");
	concern_timing(&c, "2026-04-24", "2026-05-01");
	assert_string_equal(c.due_on, "2026-05-02");
	/* No fieldwork dates: the plain interval. */
	concern_timing(&c, "", "2026-05-01");
	assert_string_equal(c.due_on, "2026-05-02");
	/* The partnership's response: five days, across the end of February. */
	c = at(CONCERN_PASSED, "2026-02-26", "2026-02-20T09:00:00Z");
	concern_timing(&c, "2026-04-24", "2026-03-03");
	assert_string_equal(c.due_on, "2026-03-03");
	assert_false(c.overdue);
	assert_int_equal(c.age_days, 11);
	concern_timing(&c, "2026-04-24", "2026-03-04");
	assert_true(c.overdue);
	c = at(CONCERN_PASSED, "2024-02-26", "2024-02-26T09:00:00Z");
	concern_timing(&c, NULL, "2024-03-01");
	assert_string_equal(c.due_on, "2024-03-02");
	/* Closing after a response or a decision not to escalate: two days. */
	c = at(CONCERN_RESPONDED, "2026-03-10", "2026-03-01T09:00:00Z");
	concern_timing(&c, "2026-04-24", "2026-03-31");
	assert_string_equal(c.due_on, "2026-03-12");
	assert_true(c.overdue);
	assert_int_equal(c.age_days, 30);
	c = at(CONCERN_NOT_ESCALATED, "2026-03-10", "2026-03-09T09:00:00Z");
	concern_timing(&c, "2026-03-10", "2026-03-12");
	assert_string_equal(c.due_on, "2026-03-12");
	assert_false(c.overdue);
	/* Closed: nothing is due, never overdue. */
	c = at(CONCERN_CLOSED, "2026-03-10", "2026-01-01T09:00:00Z");
	concern_timing(&c, "2026-04-24", "2027-01-01");
	assert_string_equal(c.due_on, "");
	assert_false(c.overdue);
}

static void
test_kinds(void **state)
{
	(void)state;
	assert_int_equal(concern_kind_parse("child-protection"), CONCERN_KIND_CHILD_PROTECTION);
	assert_int_equal(concern_kind_parse("child"), CONCERN_KIND_CHILD);
	assert_int_equal(concern_kind_parse("practice"), CONCERN_KIND_PRACTICE);
	assert_int_equal(concern_kind_parse("review"), CONCERN_KIND_REVIEW);
	assert_int_equal(concern_kind_parse("Child"), -1);
	assert_int_equal(concern_kind_parse(NULL), -1);
	/* A review request runs its own procedure, under its own names. */
	assert_int_equal(concern_kind_table[CONCERN_KIND_REVIEW].proc, CONCERN_PROC_REVIEW);
	assert_int_equal(concern_kind_table[CONCERN_KIND_CHILD_PROTECTION].proc,
	    CONCERN_PROC_CONCERN);
	assert_string_equal(concern_step_table[CONCERN_RAISED].label[CONCERN_PROC_REVIEW],
	    "Review requested");
	for (int s = 0; s < CONCERN_STEP__MAX; s++) {
		assert_int_equal(concern_step_parse(concern_step_code[s]), s);
		for (int p = 0; p < CONCERN_PROC__MAX; p++) {
			assert_non_null(concern_step_table[s].label[p]);
			assert_non_null(concern_step_table[s].then[p]);
		}
	}
	assert_int_equal(concern_step_parse("decided"), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_transitions),
		cmocka_unit_test(test_every_concern_can_close),
		cmocka_unit_test(test_who_may),
		cmocka_unit_test(test_timing),
		cmocka_unit_test(test_kinds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
