/*
 * The methods paragraph (render/methods.c): counts in, a sentence out.
 * Each expected text is written by hand from the counts (singular and
 * plural, "," and "and", sums), never taken from the code's output.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/buf.h"
#include "render/methods.h"

struct row {
	const char *name;
	struct fieldwork_methods m;
	const char *want;
};

static const struct row rows[] = {
	{ "nothing recorded", { 0 }, "The methods used have not been recorded." },
	{ "records only, one child", { .records_read = 1 },
	    "Inspectors read the records of 1 child." },
	{ "the demo: 60 records, five activities, 47 people",
	    { .records_read = 60,
	        .held = { [ACTIVITY_FOCUS_GROUP] = 1,
	            [ACTIVITY_INTERVIEW] = 1,
	            [ACTIVITY_PARTNERSHIP_DISCUSSION] = 1,
	            [ACTIVITY_CASE_DISCUSSION] = 1,
	            [ACTIVITY_YOUNG_INSPECTORS] = 1 },
	        .people = { 24, 5, 4, 11, 3 } },
	    "Inspectors read the records of 60 children. They held 5 fieldwork activities: 1 focus "
	    "group, 1 one-to-one interview, 1 partnership discussion, 1 case discussion of a "
	    "child's network of support and 1 young inspectors' meeting with children and young "
	    "people. They met 47 people: 24 members of staff, 5 leaders, 4 children, 11 young "
	    "people and 3 parents and carers." },
	{ "activities without records; two kinds; one kind of people",
	    { .held = { [ACTIVITY_FOCUS_GROUP] = 4, [ACTIVITY_OBSERVATION] = 2 },
	        .people = { [PEOPLE_STAFF] = 31 } },
	    "Inspectors held 6 fieldwork activities: 4 focus groups and 2 observations of "
	    "practice. "
	    "They met 31 people: 31 members of staff." },
	{ "one activity, one person",
	    { .records_read = 104,
	        .held = { [ACTIVITY_INTERVIEW] = 1 },
	        .people = { [PEOPLE_PARENTS_CARERS] = 1 } },
	    "Inspectors read the records of 104 children. They held 1 fieldwork activity: 1 "
	    "one-to-one interview. They met 1 person: 1 parent or carer." },
	{ "held activities where nobody was counted",
	    { .held = { [ACTIVITY_CASE_DISCUSSION] = 3 } },
	    "Inspectors held 3 fieldwork activities: 3 case discussions of a child's network of "
	    "support." },
	{ "one of each kind of people",
	    { .held = { [ACTIVITY_YOUNG_INSPECTORS] = 2 }, .people = { 1, 1, 1, 1, 1 } },
	    "Inspectors held 2 fieldwork activities: 2 young inspectors' meetings with children "
	    "and young people. They met 5 people: 1 member of staff, 1 leader, 1 child, 1 young "
	    "person and 1 parent or carer." },
};

static void
test_rows(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct buf b = BUF_INIT;

		methods_prose(&rows[i].m, &b);
		if (strcmp(buf_str(&b), rows[i].want) != 0)
			fail_msg("%s:\n got  %s\n want %s", rows[i].name, buf_str(&b),
			    rows[i].want);
		buf_free(&b);
	}
}

/* Every kind has its words: a blank plural would make a sentence with a
 * gap. */
static void
test_tables_complete(void **state)
{
	(void)state;
	for (int k = 0; k < ACTIVITY__MAX; k++) {
		assert_true(activity_kind_table[k].singular[0] != '\0');
		assert_true(activity_kind_table[k].plural[0] != '\0');
		assert_int_equal(activity_kind_parse(activity_kind_table[k].code), k);
	}
	for (int p = 0; p < PEOPLE__MAX; p++)
		assert_true(people_kind_table[p].plural[0] != '\0');
	assert_int_equal(activity_kind_parse("bogus"), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows),
		cmocka_unit_test(test_tables_complete),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
