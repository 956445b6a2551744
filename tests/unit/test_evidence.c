/* Unit tests for app/evidence: the status rules cell by cell, the source
 * and status names, and withdrawing and reinstating evidence against a
 * real SQLite database (who may, the reason, what a withdrawn item still
 * shows and where it no longer counts, the history, the audit entries,
 * and a purge removing the reason). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/access/actor.h"
#include "app/access/audit.h"
#include "core/audit.h"
#include "app/evaluation/dossier.h"
#include "app/evaluation/evidence.h"
#include "app/setup/init.h"
#include "app/setup/inspection.h"
#include "app/setup/team.h"
#include "store/store.h"
#include "testdb.h"

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

/* ---- withdrawing evidence, against a real database ---- */

static char wdir[] = "/tmp/cairn-test-withdraw.XXXXXX";
static char wpath[512];

/* Opens a new database with one inspection (id 1) whose team is ian
 * (inspector), yi (young inspector) and pat (panel). */
static int
withdraw_setup(void **state)
{
	struct actor local = actor_cli(NULL);
	struct cairn_err err = { 0 };
	struct inspection_new req = { .partnership = "Glenmoor", .framework = "cyp-2014" };
	struct store *st = NULL;
	long insp = 0;

	if (mkdtemp(wdir) == NULL)
		return -1;
	snprintf(wpath, sizeof(wpath), "%s/t.db", wdir);
	if (app_init(wpath, &st, &err) != CAIRN_OK ||
	    app_inspection_create(st, &local, &req, &insp, &err) != CAIRN_OK || insp != 1 ||
	    app_team_add(st, &local, insp, "ian", "inspector", NULL, &err) != CAIRN_OK ||
	    app_team_add(st, &local, insp, "yi", "young-inspector", NULL, &err) != CAIRN_OK ||
	    app_team_add(st, &local, insp, "pat", "panel", NULL, &err) != CAIRN_OK) {
		fprintf(stderr, "setup: %s\n", err.msg);
		return -1;
	}
	*state = st;
	return 0;
}

static int
withdraw_teardown(void **state)
{
	store_close(*state);
	testdb_remove(wpath);
	rmdir(wdir);
	return 0;
}

/* Adds a strength for 2.1 recorded by person; returns its number. */
static long
add_strength(struct store *st, const char *person, const char *text)
{
	struct actor who = actor_cli(person);
	struct evidence_req req = { .source = "interview",
		.text = text,
		.qis = "2.1",
		.status = "strength" };
	struct cairn_err err = { 0 };
	char sha[65];
	long n = 0;

	if (app_evidence_add(st, &who, 1, &req, &n, sha, &err) != CAIRN_OK)
		fail_msg("add: %s", err.msg);
	return n;
}

/* Returns the strengths counted for 2.1 in the evidence balance. */
static int
strengths(struct store *st)
{
	struct evaluation_view v;
	struct cairn_err err = { 0 };
	int n;

	if (app_evaluation_load(st, 1, "2.1", &v, &err) != CAIRN_OK)
		fail_msg("evaluation: %s", err.msg);
	assert_int_equal(v.n, 1);
	n = v.items[0].total.strength;
	evaluation_view_free(&v);
	return n;
}

/* What count_action counts: entries with action. */
struct action_count {
	const char *action;
	long n;
};

/* audit_list callback: counts the entries with the action sought. */
static int
count_action(const struct audit_entry *e, void *arg)
{
	struct action_count *c = arg;

	c->n += strcmp(e->action, c->action) == 0;
	return 0;
}

/* Returns how many audit entries have action. */
static long
audited(struct store *st, const char *action)
{
	struct action_count c = { action, 0 };
	struct cairn_err err = { 0 };

	if (audit_list(st, count_action, &c, &err) != CAIRN_OK)
		fail_msg("audit: %s", err.msg);
	return c.n;
}

static void
test_withdraw(void **state)
{
	struct store *st = *state;
	struct actor ian = actor_cli("ian"), yi = actor_cli("yi"), pat = actor_cli("pat");
	struct cairn_err err = { 0 };
	struct evidence_item e, *v = NULL;
	struct evidence_change *ch = NULL;
	size_t nch = 0, n = 0;
	long a = add_strength(st, "ian", "Plans were reviewed on time");
	long b = add_strength(st, "ian", "Said twice");
	long c = add_strength(st, "yi", "Young people felt listened to");

	assert_int_equal(strengths(st), 3);

	/* The reason is required and must say something. */
	assert_int_equal(app_evidence_withdraw(st, &ian, 1, b, NULL, &err), CAIRN_EUSAGE);
	assert_string_equal(err.field, "reason");
	cairn_err_clear(&err);
	assert_int_equal(app_evidence_withdraw(st, &ian, 1, b, " \t", &err), CAIRN_EDATA);
	assert_string_equal(err.field, "reason");
	cairn_err_clear(&err);
	/* Only who may change the item: a young inspector their own, the panel none. */
	assert_int_equal(app_evidence_withdraw(st, &yi, 1, b, "not mine", &err), CAIRN_EPERM);
	cairn_err_clear(&err);
	assert_int_equal(app_evidence_withdraw(st, &pat, 1, b, "no", &err), CAIRN_EPERM);
	cairn_err_clear(&err);
	assert_int_equal(app_evidence_withdraw(st, &ian, 1, 99, "x", &err), CAIRN_EDATA);
	assert_int_equal(err.code, CAIRN_CODE_UNKNOWN);
	cairn_err_clear(&err);
	assert_int_equal(strengths(st), 3);
	assert_int_equal(audited(st, "evidence.withdraw"), 0);

	assert_int_equal(app_evidence_withdraw(st, &ian, 1, b, "Said twice in one interview", &err),
	    CAIRN_OK);
	assert_int_equal(app_evidence_withdraw(st, &yi, 1, c, "Duplicate", &err), CAIRN_OK);
	assert_int_equal(strengths(st), 1);
	assert_int_equal(app_evidence_withdraw(st, &ian, 1, b, "again", &err), CAIRN_EDATA);
	assert_int_equal(err.code, CAIRN_CODE_CONFLICT);
	cairn_err_clear(&err);

	/* Still in the log, marked with who and why; its history says so. */
	assert_int_equal(app_evidence_get(st, 1, b, &e, &ch, &nch, &err), CAIRN_OK);
	assert_true(e.withdrawn_at[0] != '\0');
	assert_string_equal(e.withdrawn_by, "ian");
	assert_string_equal(e.withdrawn_reason, "Said twice in one interview");
	assert_true(nch >= 2);
	assert_string_equal(ch[nch - 1].field, "withdrawn");
	assert_string_equal(ch[nch - 1].new_value, "Said twice in one interview");
	evidence_changes_free(ch, nch);
	evidence_item_free(&e);
	assert_int_equal(app_evidence_list(st, 1, NULL, NULL, &v, &n, &err), CAIRN_OK);
	assert_int_equal(n, 3);
	evidence_items_free(v, n);

	/* A withdrawn item is not changed, and nothing new rests on it. */
	{
		struct evidence_req req = { .status = "uncertainty" };
		char sha[65], list[32];

		assert_int_equal(app_evidence_update(st, &ian, 1, b, &req, sha, &err), CAIRN_EDATA);
		assert_int_equal(err.code, CAIRN_CODE_CONFLICT);
		cairn_err_clear(&err);
		snprintf(list, sizeof(list), "%ld", b);
		assert_int_equal(app_grade(st, &ian, 1, "2.1", "4", NULL, list, NULL, &err),
		    CAIRN_EDATA);
		assert_string_equal(err.field, "evidence");
		cairn_err_clear(&err);
		assert_int_equal(app_finding_add_linked(st, &ian, 1, "strength", "Plans", NULL,
		                     list, NULL, &err),
		    CAIRN_EDATA);
		assert_string_equal(err.field, "evidence");
		cairn_err_clear(&err);
	}

	/* Reinstated, it counts again; both changes are kept and audited. */
	assert_int_equal(app_evidence_reinstate(st, &ian, 1, a, NULL, &err), CAIRN_EDATA);
	assert_int_equal(err.code, CAIRN_CODE_CONFLICT);
	cairn_err_clear(&err);
	assert_int_equal(app_evidence_reinstate(st, &ian, 1, b, "", &err), CAIRN_OK);
	assert_int_equal(strengths(st), 2);
	assert_int_equal(app_evidence_get(st, 1, b, &e, &ch, &nch, &err), CAIRN_OK);
	assert_true(e.withdrawn_at[0] == '\0');
	assert_null(e.withdrawn_by);
	assert_null(e.withdrawn_reason);
	assert_string_equal(ch[nch - 1].field, "reinstated");
	assert_null(ch[nch - 1].new_value);
	evidence_changes_free(ch, nch);
	evidence_item_free(&e);
	assert_int_equal(audited(st, "evidence.withdraw"), 2);
	assert_int_equal(audited(st, "evidence.reinstate"), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_status_rules),
		cmocka_unit_test(test_names),
		cmocka_unit_test_setup_teardown(test_withdraw, withdraw_setup, withdraw_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
