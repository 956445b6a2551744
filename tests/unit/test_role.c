/* Unit tests for app/role: the whole roles x actions table, asserted cell
 * by cell against the rules written out here independently, and the name
 * tables. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "app/access/role.h"

/*
 * The expected table, written from the issues' rules.  Columns, in order:
 * lead, depute, inspector, associate, young-inspector, panel,
 * partnership-coordinator, local-reader, admin.  '1' = may, '0' = may not.
 * Rows are looked up by action code, so a renumbered enum cannot hide a
 * change.
 */
static const struct {
	const char *action;
	const char *roles; /* 9 characters: L D I S Y P C R A */
} expected[] = {
	/*                                   L D I S Y P C R A */
	{ "view-inspection", "111111110" }, /* nobody outside the team; not the admin */
	{ "create-inspection", "000000001" },
	{ "edit-inspection", "110000000" },
	{ "move-stage", "110000000" },
	{ "view-evaluation", "111111000" },
	{ "grade", "111000000" },
	{ "view-evidence", "111111000" },
	{ "add-evidence", "111110000" }, /* young inspectors add their own */
	{ "update-evidence", "111000000" },
	{ "update-own-evidence", "111110000" },
	{ "view-aggregates", "111111000" },       /* young inspectors see aggregates */
	{ "view-child-records", "111100000" },    /* not young inspectors, readers, admin */
	{ "read-assigned-records", "111100010" }, /* local readers: assigned only */
	{ "manage-readers", "110000000" },
	{ "import-population", "110000100" }, /* the co-ordinator uploads it */
	{ "draw-sample", "110000000" },
	{ "upload-position-statement", "110000100" },
	{ "import-survey", "111000000" },
	{ "panel-review", "000001000" }, /* panel only */
	{ "panel-signoff", "000001000" },
	{ "view-draft-report", "111101000" }, /* not the co-ordinator, outside FA */
	{ "factual-accuracy", "110000100" },  /* the co-ordinator, during FA */
	{ "publish", "100000000" },
	{ "manage-team", "110000001" },
	{ "manage-accounts", "000000001" }, /* the admin manages accounts */
	{ "view-audit", "100000001" },
	{ "export", "110000000" },
	{ "maintain-action-plan", "110000100" }, /* the co-ordinator maintains the plan */
	{ "comment-action-plan", "111000100" },  /* inspectors comment */
	{ "agree-action-plan", "110000000" },
	{ "review-progress", "111000000" },
	{ "manage-reference", "000000001" },
	{ "view-fieldwork", "111111100" },
	{ "plan-fieldwork", "111000000" },
	{ "record-fieldwork", "111010000" },
	{ "view-accuracy", "111101100" },
	{ "comment-accuracy", "000000100" },
	{ "respond-accuracy", "110000000" },
	{ "set-embargo", "110000000" },
	{ "view-embargoed", "111111000" },
	{ "view-partnership", "111101100" },
	{ "notify", "110000000" },
	{ "return-preinspection", "110000100" },
	{ "test-claim", "111000000" },
	{ "decide-concern", "100000000" },
	{ "follow-concern", "110000000" },
	{ "progress-review-need", "000001000" },
	{ "audit-checkpoint", "000000001" },
	{ "view-team", "111111111" },
};

static const char *const role_order[] = {
	"lead",
	"depute",
	"inspector",
	"associate",
	"young-inspector",
	"panel",
	"partnership-coordinator",
	"local-reader",
	"admin",
};

static void
test_every_cell(void **state)
{
	size_t n = sizeof(expected) / sizeof(expected[0]);

	(void)state;
	assert_int_equal(n, ACTION__MAX);
	assert_int_equal(sizeof(role_order) / sizeof(role_order[0]), ROLE__MAX);
	for (size_t i = 0; i < n; i++) {
		enum action a;
		const char *row = expected[i].roles;

		assert_true(action_parse(expected[i].action, &a));
		assert_int_equal(strlen(row), ROLE__MAX);
		for (size_t j = 0; j < ROLE__MAX; j++) {
			enum role r;
			bool want = row[j] == '1';

			assert_true(role_parse(role_order[j], &r));
			if (role_may(r, a) != want)
				fail_msg("role %s, action %s: expected %s", role_order[j],
				    expected[i].action, want ? "allowed" : "refused");
		}
	}
}

/* The named rules, spelled out once more as single assertions. */
static void
test_named_rules(void **state)
{
	(void)state;
	/* A local reader sees only records assigned to them. */
	assert_true(role_may(ROLE_LOCAL_READER, ACTION_READ_ASSIGNED_RECORDS));
	assert_false(role_may(ROLE_LOCAL_READER, ACTION_VIEW_CHILD_RECORDS));
	assert_false(role_may(ROLE_LOCAL_READER, ACTION_VIEW_AGGREGATES));
	assert_false(role_may(ROLE_LOCAL_READER, ACTION_VIEW_EVALUATION));
	/* A young inspector adds evidence, sees aggregates, no child records. */
	assert_true(role_may(ROLE_YOUNG_INSPECTOR, ACTION_ADD_EVIDENCE));
	assert_true(role_may(ROLE_YOUNG_INSPECTOR, ACTION_VIEW_AGGREGATES));
	assert_false(role_may(ROLE_YOUNG_INSPECTOR, ACTION_VIEW_CHILD_RECORDS));
	assert_false(role_may(ROLE_YOUNG_INSPECTOR, ACTION_READ_ASSIGNED_RECORDS));
	assert_false(role_may(ROLE_YOUNG_INSPECTOR, ACTION_UPDATE_EVIDENCE));
	/* The co-ordinator uploads the population and position statement and
	 * sees the draft only during factual accuracy. */
	assert_true(role_may(ROLE_PARTNERSHIP_COORDINATOR, ACTION_IMPORT_POPULATION));
	assert_true(role_may(ROLE_PARTNERSHIP_COORDINATOR, ACTION_UPLOAD_POSITION_STATEMENT));
	assert_true(role_may(ROLE_PARTNERSHIP_COORDINATOR, ACTION_FACTUAL_ACCURACY));
	assert_false(role_may(ROLE_PARTNERSHIP_COORDINATOR, ACTION_VIEW_DRAFT_REPORT));
	assert_false(role_may(ROLE_PARTNERSHIP_COORDINATOR, ACTION_VIEW_EVALUATION));
	/* The administrator manages accounts but reads no child's records. */
	assert_true(role_may(ROLE_ADMIN, ACTION_MANAGE_ACCOUNTS));
	assert_false(role_may(ROLE_ADMIN, ACTION_VIEW_CHILD_RECORDS));
	assert_false(role_may(ROLE_ADMIN, ACTION_READ_ASSIGNED_RECORDS));
	assert_false(role_may(ROLE_ADMIN, ACTION_VIEW_INSPECTION));
	assert_false(role_may(ROLE_ADMIN, ACTION_GRADE));
	/* Only the panel reviews and signs off. */
	for (int r = 0; r < ROLE__MAX; r++) {
		assert_int_equal(role_may((enum role)r, ACTION_PANEL_REVIEW), r == ROLE_PANEL);
		assert_int_equal(role_may((enum role)r, ACTION_PANEL_SIGNOFF), r == ROLE_PANEL);
	}
}

static void
test_out_of_range_is_refused(void **state)
{
	(void)state;
	assert_false(role_may(ROLE__MAX, ACTION_VIEW_INSPECTION));
	assert_false(role_may(ROLE_LEAD, ACTION__MAX));
	assert_false(role_may((enum role) - 1, ACTION_VIEW_INSPECTION));
}

static void
test_names_parse_and_round_trip(void **state)
{
	enum role r;
	enum action a;
	char codes[256];

	(void)state;
	for (int i = 0; i < ROLE__MAX; i++) {
		assert_non_null(role_table[i].code);
		assert_non_null(role_table[i].label);
		assert_true(role_parse(role_table[i].code, &r));
		assert_int_equal(r, i);
	}
	for (int i = 0; i < ACTION__MAX; i++) {
		assert_non_null(action_table[i].code);
		assert_non_null(action_table[i].label);
		assert_true(action_parse(action_table[i].code, &a));
		assert_int_equal(a, i);
	}
	assert_false(role_parse("Lead", &r));
	assert_false(role_parse("", &r));
	assert_false(role_parse(NULL, &r));
	assert_false(action_parse("fly", &a));
	assert_true(role_table[ROLE_ADMIN].team == false);
	assert_true(role_table[ROLE_LEAD].team);
	role_team_codes(codes, sizeof(codes));
	assert_string_equal(codes,
	    "lead, depute, inspector, associate, young-inspector, panel, "
	    "partnership-coordinator, local-reader");
	role_team_codes(codes, 10);
	assert_true(strlen(codes) < 10);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_cell),
		cmocka_unit_test(test_named_rules),
		cmocka_unit_test(test_out_of_range_is_refused),
		cmocka_unit_test(test_names_parse_and_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
