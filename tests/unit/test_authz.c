/*
 * Unit tests for app/access/authz and app/access/actor, against a real
 * database: every role x action through authz_check, asserted against the
 * table of docs/guide-evidence.md ("What each role may do") with the
 * action-plan rows of docs/guide-followup.md and docs/guide-web.md, written
 * out here independently of app/access/role.c; the appointment rule
 * (authz.h: the lead or an administrator appoints a lead or depute; a
 * depute appoints the other roles; nobody else appoints); the last lead;
 * someone off the team; the local administrator; a global administrator
 * account; an unknown inspection.
 */
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
#include "app/access/authz.h"
#include "app/setup/init.h"
#include "app/setup/inspection.h"
#include "app/setup/team.h"
#include "core/buf.h"
#include "store/store.h"
#include "testdb.h"

static char dir[] = "/tmp/cairn-test-authz.XXXXXX";
static char path[512];
static struct store *st;
static long insp, other;

/* Team role codes in the guide's column order L D I S Y P C R; the person
 * holding each on inspection insp has the same name as the role code,
 * except the young inspector, who is "yi" as in the guide's example. */
static const char *const team_roles[] = {
	"lead",
	"depute",
	"inspector",
	"associate",
	"young-inspector",
	"panel",
	"partnership-coordinator",
	"local-reader",
};
#define NTEAM (sizeof(team_roles) / sizeof(team_roles[0]))

static const char *
person_of(size_t i)
{
	return i == 4 ? "yi" : team_roles[i];
}

/*
 * docs/guide-evidence.md, "What each role may do", columns L D I S Y P C R A
 * ('1' = ticked); the last four rows from docs/guide-followup.md ("the
 * partnership co-ordinator, lead and depute maintain the plan; inspectors
 * may also comment; only the lead or depute mark it agreed"; "lead, depute
 * and inspectors record reviews") and docs/guide-web.md (the plan's
 * comments "also for inspectors").
 */
static const struct {
	const char *action;
	const char *cols; /* L D I S Y P C R A */
} doc_table[] = {
	{ "view-inspection", "111111110" },
	{ "create-inspection", "000000001" },
	{ "edit-inspection", "110000000" },
	{ "move-stage", "110000000" },
	{ "view-evaluation", "111111000" },
	{ "grade", "111000000" },
	{ "view-evidence", "111111000" },
	{ "add-evidence", "111110000" },
	{ "update-evidence", "111000000" },
	{ "update-own-evidence", "111110000" },
	{ "view-aggregates", "111111000" },
	{ "view-child-records", "111100000" },
	{ "read-assigned-records", "111100010" },
	{ "manage-readers", "110000000" },
	{ "import-population", "110000100" },
	{ "draw-sample", "110000000" },
	{ "upload-position-statement", "110000100" },
	{ "import-survey", "111000000" },
	{ "panel-review", "000001000" },
	{ "panel-signoff", "000001000" },
	{ "view-draft-report", "111101000" },
	{ "factual-accuracy", "110000100" },
	{ "publish", "100000000" },
	{ "manage-team", "110000001" },
	{ "manage-accounts", "000000001" },
	{ "view-audit", "100000001" },
	{ "export", "110000000" },
	{ "maintain-action-plan", "110000100" },
	{ "comment-action-plan", "111000100" },
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
#define NROWS (sizeof(doc_table) / sizeof(doc_table[0]))

static int
setup(void **state)
{
	struct cairn_err err = { 0 };
	struct actor local = actor_cli(NULL);
	struct inspection_new req = { .partnership = "Highland", .framework = "cyp-2014" };
	struct inspection_new req2 = { .partnership = "Fife", .framework = "cyp-2014" };

	(void)state;
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/t.db", dir);
	if (app_init(path, &st, &err) != CAIRN_OK ||
	    app_inspection_create(st, &local, &req, &insp, &err) != CAIRN_OK ||
	    app_inspection_create(st, &local, &req2, &other, &err) != CAIRN_OK)
		return -1;
	for (size_t i = 0; i < NTEAM; i++)
		if (app_team_add(st, &local, insp, person_of(i), team_roles[i], NULL, &err) !=
		    CAIRN_OK)
			return -1;
	/* A second lead on the other inspection only. */
	if (app_team_add(st, &local, other, "olead", "lead", NULL, &err) != CAIRN_OK)
		return -1;
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	store_close(st);
	testdb_remove(path);
	rmdir(dir);
	return 0;
}

static void
test_actor_constructors(void **state)
{
	struct actor local = actor_cli(NULL);
	struct actor as = actor_cli("Ann Lead");
	struct actor web = actor_account("rory", false, "192.0.2.7");
	struct actor sys = actor_system("cairn init", "cli");

	(void)state;
	/* guide-evidence.md: without --as the audit log records "admin (local)". */
	assert_string_equal(local.name, "admin (local)");
	assert_string_equal(local.origin, "cli");
	assert_null(local.person);
	assert_true(actor_is_local(&local));
	/* With --as the audit log records the person. */
	assert_string_equal(as.name, "Ann Lead");
	assert_string_equal(as.person, "Ann Lead");
	assert_string_equal(as.origin, "cli");
	assert_false(as.admin);
	assert_false(actor_is_local(&as));
	/* A web account: its username, flag and address. */
	assert_string_equal(web.name, "rory");
	assert_string_equal(web.person, "rory");
	assert_string_equal(web.origin, "192.0.2.7");
	assert_false(web.admin);
	assert_false(actor_is_local(&web));
	assert_true(actor_account("root", true, "::1").admin);
	/* What Cairn does itself may do everything. */
	assert_string_equal(sys.name, "cairn init");
	assert_true(actor_is_local(&sys));
	assert_false(actor_is_local(NULL));
}

/* Every team role x every action on the inspection, and an administrator
 * account on no team for column A. */
static void
test_every_role_and_action(void **state)
{
	struct actor admin = actor_account("adm", true, "192.0.2.1");

	(void)state;
	assert_int_equal(NROWS, ACTION__MAX);
	for (size_t i = 0; i < NROWS; i++) {
		enum action a;

		assert_true(action_parse(doc_table[i].action, &a));
		assert_int_equal(strlen(doc_table[i].cols), NTEAM + 1);
		for (size_t j = 0; j <= NTEAM; j++) {
			struct cairn_err err = { 0 };
			struct actor who = j < NTEAM ? actor_cli(person_of(j)) : admin;
			bool want = doc_table[i].cols[j] == '1';
			enum role as = ROLE__MAX;
			int rc = authz_check(st, &who, insp, a, &as, &err);

			if ((rc == CAIRN_OK) != want)
				fail_msg("%s, %s: expected %s, got %d (%s)", who.name,
				    doc_table[i].action, want ? "allowed" : "refused", rc, err.msg);
			if (!want) {
				assert_int_equal(rc, CAIRN_EPERM);
				continue;
			}
			/* The role the action is done in: the team role, or
			 * the administrator's. */
			if (j < NTEAM) {
				enum role r;

				assert_true(role_parse(team_roles[j], &r));
				assert_int_equal(as, r);
			} else {
				assert_int_equal(as, ROLE_ADMIN);
			}
		}
	}
}

/* The refusal's sentence and code, as guide-evidence.md shows them. */
static void
test_refusal_messages(void **state)
{
	struct cairn_err err = { 0 };
	struct actor yi = actor_cli("yi");
	struct actor stranger = actor_cli("stranger");
	struct actor olead = actor_cli("olead");
	char want[200];

	(void)state;
	assert_int_equal(authz_check(st, &yi, insp, ACTION_GRADE, NULL, &err), CAIRN_EPERM);
	assert_string_equal(err.msg,
	    "you are a young inspector on this inspection and may not grade indicators and "
	    "record findings: only an inspection lead, a depute inspection lead or an inspector "
	    "may");
	assert_int_equal(err.code, CAIRN_CODE_FORBIDDEN);
	assert_string_equal(err.field, "");
	/* One role that may: no list; and the Panel keeps its capitals. */
	cairn_err_clear(&err);
	assert_int_equal(authz_check(st, &yi, insp, ACTION_PUBLISH, NULL, &err), CAIRN_EPERM);
	assert_string_equal(err.msg,
	    "you are a young inspector on this inspection and may not publish the report: only "
	    "an inspection lead may");
	cairn_err_clear(&err);
	assert_int_equal(authz_check(st, &yi, insp, ACTION_PANEL_REVIEW, NULL, &err), CAIRN_EPERM);
	assert_string_equal(err.msg,
	    "you are a young inspector on this inspection and may not record the panel's view "
	    "of a grade: only a Quality and Consistency Panel member may");
	/* Two: joined by "or". */
	cairn_err_clear(&err);
	assert_int_equal(authz_check(st, &yi, insp, ACTION_VIEW_AUDIT, NULL, &err), CAIRN_EPERM);
	assert_string_equal(err.msg,
	    "you are a young inspector on this inspection and may not read the audit log: only "
	    "an inspection lead or an administrator may");

	/* Someone not on the team: EPERM, code "unknown", for any action,
	 * even one every team role may do. */
	for (int a = 0; a < ACTION__MAX; a++) {
		cairn_err_clear(&err);
		assert_int_equal(authz_check(st, &stranger, insp, (enum action)a, NULL, &err),
		    CAIRN_EPERM);
		assert_int_equal(err.code, CAIRN_CODE_UNKNOWN);
		snprintf(want, sizeof(want), "you are not on the team of inspection %ld", insp);
		assert_string_equal(err.msg, want);
	}
	assert_string_equal(cairn_err_code(&err), "unknown");
	/* A lead on another inspection is a stranger here. */
	cairn_err_clear(&err);
	assert_int_equal(authz_check(st, &olead, insp, ACTION_VIEW_INSPECTION, NULL, &err),
	    CAIRN_EPERM);
	assert_int_equal(err.code, CAIRN_CODE_UNKNOWN);
	cairn_err_clear(&err);
	assert_int_equal(authz_check(st, &olead, other, ACTION_PUBLISH, NULL, &err), CAIRN_OK);
	/* Nobody by an empty name may act. */
	cairn_err_clear(&err);
	assert_int_equal(authz_check(st, &(struct actor){ "", "cli", "", false }, insp,
	                     ACTION_VIEW_INSPECTION, NULL, &err),
	    CAIRN_EPERM);
}

/* Actions on no inspection (id 0): only the administrator may. */
static void
test_global_actions(void **state)
{
	struct actor admin = actor_account("adm", true, "192.0.2.1");
	struct actor notadmin = actor_account("lead", false, "192.0.2.2");
	struct actor local = actor_cli(NULL);
	struct cairn_err err = { 0 };
	enum role as = ROLE__MAX;

	(void)state;
	assert_int_equal(authz_check(st, &admin, 0, ACTION_CREATE_INSPECTION, &as, &err), CAIRN_OK);
	assert_int_equal(as, ROLE_ADMIN);
	assert_int_equal(authz_check(st, &admin, 0, ACTION_MANAGE_ACCOUNTS, NULL, &err), CAIRN_OK);
	/* guide-evidence.md: "you may not create an inspection: only an
	 * administrator may", whatever P's roles on inspections. */
	assert_int_equal(authz_check(st, &notadmin, 0, ACTION_CREATE_INSPECTION, NULL, &err),
	    CAIRN_EPERM);
	assert_string_equal(err.msg, "you may not create an inspection: only an administrator may");
	assert_int_equal(err.code, CAIRN_CODE_FORBIDDEN);
	cairn_err_clear(&err);
	assert_int_equal(authz_check(st, &notadmin, 0, ACTION_MANAGE_ACCOUNTS, NULL, &err),
	    CAIRN_EPERM);
	cairn_err_clear(&err);
	/* The administrator reads no child's records and grades nothing. */
	assert_int_equal(authz_check(st, &admin, 0, ACTION_GRADE, NULL, &err), CAIRN_EPERM);
	cairn_err_clear(&err);
	assert_int_equal(authz_check(st, &admin, 0, ACTION_VIEW_CHILD_RECORDS, NULL, &err),
	    CAIRN_EPERM);
	cairn_err_clear(&err);
	/* The local administrator may do everything, on no inspection too. */
	for (int a = 0; a < ACTION__MAX; a++) {
		as = ROLE__MAX;
		assert_int_equal(authz_check(st, &local, 0, (enum action)a, &as, &err), CAIRN_OK);
		assert_int_equal(as, ROLE_ADMIN);
	}
}

/* The local administrator may do everything on any inspection; a global
 * administrator account the admin actions on any inspection, on no team. */
static void
test_administrators_on_any_inspection(void **state)
{
	struct actor local = actor_cli(NULL);
	struct actor admin = actor_account("adm", true, "192.0.2.1");
	struct cairn_err err = { 0 };
	const long ids[] = { insp, other };

	(void)state;
	for (size_t k = 0; k < 2; k++) {
		for (int a = 0; a < ACTION__MAX; a++) {
			enum role as = ROLE__MAX;

			assert_int_equal(authz_check(st, &local, ids[k], (enum action)a, &as, &err),
			    CAIRN_OK);
			assert_int_equal(as, ROLE_ADMIN);
		}
		assert_int_equal(authz_check(st, &admin, ids[k], ACTION_MANAGE_TEAM, NULL, &err),
		    CAIRN_OK);
		assert_int_equal(authz_check(st, &admin, ids[k], ACTION_VIEW_AUDIT, NULL, &err),
		    CAIRN_OK);
		/* ... but sees no inspection unless on its team. */
		assert_int_equal(authz_check(st, &admin, ids[k], ACTION_VIEW_INSPECTION, NULL,
		                     &err),
		    CAIRN_EPERM);
		cairn_err_clear(&err);
		assert_int_equal(authz_check(st, &admin, ids[k], ACTION_VIEW_CHILD_RECORDS, NULL,
		                     &err),
		    CAIRN_EPERM);
		cairn_err_clear(&err);
	}
}

/* An administrator account who is also on a team acts in the team role
 * where that role may. */
static void
test_admin_account_on_team(void **state)
{
	struct actor admin_lead = actor_account("olead", true, "192.0.2.3");
	struct cairn_err err = { 0 };
	enum role as = ROLE__MAX;

	(void)state;
	assert_int_equal(authz_check(st, &admin_lead, other, ACTION_PUBLISH, &as, &err), CAIRN_OK);
	assert_int_equal(as, ROLE_LEAD);
	assert_int_equal(authz_check(st, &admin_lead, other, ACTION_VIEW_INSPECTION, &as, &err),
	    CAIRN_OK);
	assert_int_equal(as, ROLE_LEAD);
}

static void
test_unknown_inspection(void **state)
{
	struct actor local = actor_cli(NULL);
	struct actor lead = actor_cli("lead");
	struct actor admin = actor_account("adm", true, "192.0.2.1");
	struct cairn_err err = { 0 };
	long missing = other + 1000;

	(void)state;
	/* docs/guide-reading.md: an unknown inspection is refused with exit
	 * 65; tests/e2e/cli_errors.sh: "no inspection with id N".  Before the
	 * role table: not a refusal (77), for anyone. */
	assert_int_equal(authz_check(st, &lead, missing, ACTION_VIEW_INSPECTION, NULL, &err),
	    CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "no inspection with id"));
	cairn_err_clear(&err);
	assert_int_equal(authz_check(st, &local, missing, ACTION_VIEW_INSPECTION, NULL, &err),
	    CAIRN_EDATA);
	cairn_err_clear(&err);
	assert_int_equal(authz_check(st, &admin, missing, ACTION_MANAGE_TEAM, NULL, &err),
	    CAIRN_EDATA);
	cairn_err_clear(&err);
	assert_int_equal(authz_team_change(st, &lead, missing, ROLE_INSPECTOR, false, 1, &err),
	    CAIRN_EDATA);
}

/*
 * Who may appoint whom (authz.h): the lead or an administrator appoints a
 * lead or depute; a depute appoints only the other team roles; nobody else
 * appoints; the global admin role is never held on one inspection.
 * Columns: target L D I S Y P C R; rows: the appointer.
 */
static void
test_appointment_rule(void **state)
{
	static const struct {
		int who; /* index into team_roles, or -1 for the administrator account */
		const char *targets; /* L D I S Y P C R */
	} rule[] = {
		{ 0, "11111111" },  /* lead */
		{ 1, "00111111" },  /* depute */
		{ 2, "00000000" },  /* inspector */
		{ 3, "00000000" },  /* associate */
		{ 4, "00000000" },  /* young inspector */
		{ 5, "00000000" },  /* panel */
		{ 6, "00000000" },  /* co-ordinator */
		{ 7, "00000000" },  /* local reader */
		{ -1, "11111111" }, /* administrator account, on no team */
	};
	struct actor admin = actor_account("adm", true, "192.0.2.1");

	(void)state;
	for (size_t i = 0; i < sizeof(rule) / sizeof(rule[0]); i++) {
		struct actor who =
		    rule[i].who < 0 ? admin : actor_cli(person_of((size_t)rule[i].who));

		for (size_t t = 0; t < NTEAM; t++) {
			enum role target;
			bool want = rule[i].targets[t] == '1';

			assert_true(role_parse(team_roles[t], &target));
			for (int removing = 0; removing < 2; removing++) {
				struct cairn_err err = { 0 };
				int rc =
				    authz_team_change(st, &who, insp, target, removing, 1, &err);

				if ((rc == CAIRN_OK) != want)
					fail_msg("%s %s %s: expected %s, got %d (%s)", who.name,
					    removing ? "removes" : "appoints", team_roles[t],
					    want ? "allowed" : "refused", rc, err.msg);
				if (!want)
					assert_int_equal(rc, CAIRN_EPERM);
			}
		}
	}
	/* Someone off the team appoints nobody, and is answered as if the
	 * inspection did not exist. */
	{
		struct actor stranger = actor_cli("stranger");
		struct cairn_err err = { 0 };

		assert_int_equal(authz_team_change(st, &stranger, insp, ROLE_LOCAL_READER, false, 1,
		                     &err),
		    CAIRN_EPERM);
		assert_int_equal(err.code, CAIRN_CODE_UNKNOWN);
	}
	/* The admin role is global: no lead puts it on a team. */
	{
		struct actor lead = actor_cli("lead");
		struct cairn_err err = { 0 };

		assert_int_equal(authz_team_change(st, &lead, insp, ROLE_ADMIN, false, 1, &err),
		    CAIRN_EPERM);
	}
	/* The local administrator may appoint anyone. */
	{
		struct actor local = actor_cli(NULL);
		struct cairn_err err = { 0 };

		for (size_t t = 0; t < NTEAM; t++) {
			enum role target;

			assert_true(role_parse(team_roles[t], &target));
			assert_int_equal(authz_team_change(st, &local, insp, target, false, 1,
			                     &err),
			    CAIRN_OK);
		}
	}
}

/* An inspection always keeps at least one lead: removing the last is
 * refused for everyone, the local administrator too. */
static void
test_last_lead(void **state)
{
	struct actor lead = actor_cli("lead");
	struct actor local = actor_cli(NULL);
	struct actor admin = actor_account("adm", true, "192.0.2.1");
	struct cairn_err err = { 0 };

	(void)state;
	assert_int_equal(authz_team_change(st, &lead, insp, ROLE_LEAD, true, 0, &err), CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "lead"));
	cairn_err_clear(&err);
	assert_int_equal(authz_team_change(st, &admin, insp, ROLE_LEAD, true, 0, &err),
	    CAIRN_EDATA);
	cairn_err_clear(&err);
	assert_int_equal(authz_team_change(st, &local, insp, ROLE_LEAD, true, 0, &err),
	    CAIRN_EDATA);
	cairn_err_clear(&err);
	/* With another lead left, the lead may go. */
	assert_int_equal(authz_team_change(st, &lead, insp, ROLE_LEAD, true, 1, &err), CAIRN_OK);
	assert_int_equal(authz_team_change(st, &local, insp, ROLE_LEAD, true, 2, &err), CAIRN_OK);
	/* The rule is about leads: the last depute may be removed. */
	assert_int_equal(authz_team_change(st, &lead, insp, ROLE_DEPUTE, true, 0, &err), CAIRN_OK);
	/* Appointing is never refused for the number of leads. */
	assert_int_equal(authz_team_change(st, &lead, insp, ROLE_LEAD, false, 0, &err), CAIRN_OK);
}

/* The decision follows the team as stored: off the team, no rights. */
static void
test_follows_team_changes(void **state)
{
	struct actor local = actor_cli(NULL);
	struct actor p = actor_cli("temp");
	struct cairn_err err = { 0 };
	enum role as;

	(void)state;
	assert_int_equal(authz_check(st, &p, insp, ACTION_VIEW_INSPECTION, NULL, &err),
	    CAIRN_EPERM);
	cairn_err_clear(&err);
	assert_int_equal(app_team_add(st, &local, insp, "temp", "inspector", NULL, &err), CAIRN_OK);
	assert_int_equal(authz_check(st, &p, insp, ACTION_GRADE, &as, &err), CAIRN_OK);
	assert_int_equal(as, ROLE_INSPECTOR);
	assert_int_equal(app_team_remove(st, &local, insp, "temp", &err), CAIRN_OK);
	assert_int_equal(authz_check(st, &p, insp, ACTION_VIEW_INSPECTION, NULL, &err),
	    CAIRN_EPERM);
	assert_int_equal(err.code, CAIRN_CODE_UNKNOWN);
}

/* Fails unless msg is a refusal in plain words: it starts "you ", says
 * who may at its end ("... may"), names no role by its code, holds no
 * parenthesis, semicolon or doubled space, and each "a" or "an" goes with
 * the sound of the word after it. */
static void
assert_plain(const char *msg)
{
	char copy[600];
	char *save = NULL, *prev = NULL;
	size_t n = strlen(msg);

	if (strncmp(msg, "you ", 4) != 0 || n < 4 || strcmp(msg + n - 4, " may") != 0)
		fail_msg("not a refusal in plain words: \"%s\"", msg);
	if (strpbrk(msg, "();") != NULL || strstr(msg, "  ") != NULL ||
	    strstr(msg, "roles that may") != NULL)
		fail_msg("not plain: \"%s\"", msg);
	for (int r = 0; r < ROLE__MAX; r++) {
		const char *code = role_table[r].code;
		const char *at = strstr(msg, code);

		/* A code is allowed only as the plain word it also is
		 * ("an inspector", "an inspection lead", "a depute"). */
		if (strchr(code, '-') != NULL && at != NULL)
			fail_msg("role code '%s' in \"%s\"", code, msg);
	}
	for (const char *at = strstr(msg, "admin"); at != NULL; at = strstr(at + 1, "admin"))
		if (strncmp(at, "administrator", 13) != 0)
			fail_msg("role code 'admin' in \"%s\"", msg);
	assert_true(n < sizeof(copy));
	memcpy(copy, msg, n + 1);
	for (char *w = strtok_r(copy, " ,:", &save); w != NULL; w = strtok_r(NULL, " ,:", &save)) {
		if (prev != NULL && (strcmp(prev, "a") == 0 || strcmp(prev, "an") == 0)) {
			bool vowel = strchr("aeiouAEIOU", w[0]) != NULL;

			if (vowel != (strcmp(prev, "an") == 0))
				fail_msg("\"%s %s\" in \"%s\"", prev, w, msg);
		}
		prev = w;
	}
}

/* Appends who may do action as the refusal should list it, written out
 * here from role_may: "only X may", "only X or Y may", "only X, Y or Z
 * may". */
static void
want_who(char *out, size_t outsz, bool (*may)(int r, int arg), int arg)
{
	int total = 0, k = 0;
	size_t len = strlen(out);

	for (int r = 0; r < ROLE__MAX; r++)
		total += may(r, arg);
	if (total == 0) {
		snprintf(out + len, outsz - len, "nobody may");
		return;
	}
	len += (size_t)snprintf(out + len, outsz - len, "only ");
	for (int r = 0; r < ROLE__MAX; r++) {
		if (!may(r, arg))
			continue;
		if (k > 0)
			len += (size_t)snprintf(out + len, outsz - len, "%s",
			    k == total - 1 ? " or " : ", ");
		len += (size_t)snprintf(out + len, outsz - len, "%s", role_table[r].phrase);
		k++;
	}
	snprintf(out + len, outsz - len, " may");
}

static bool
may_do(int r, int a)
{
	return role_may((enum role)r, (enum action)a);
}

static bool
may_appoint(int r, int target)
{
	return role_may_appoint((enum role)r, (enum role)target);
}

/*
 * Every refusal, in plain words: each team role x each action it may not
 * do on the inspection, an account on no inspection for each global
 * action it may not do, and each appointment or removal a lead or depute
 * may not make.  Each message is the exact sentence, and a well-formed
 * one (assert_plain).
 */
static void
test_refusals_in_plain_words(void **state)
{
	struct actor notadmin = actor_account("lead", false, "192.0.2.2");
	char want[600];
	int refused = 0;

	(void)state;
	for (size_t j = 0; j < NTEAM; j++) {
		struct actor who = actor_cli(person_of(j));
		enum role held;

		assert_true(role_parse(team_roles[j], &held));
		for (int a = 0; a < ACTION__MAX; a++) {
			struct cairn_err err = { 0 };

			if (role_may(held, (enum action)a))
				continue;
			assert_int_equal(authz_check(st, &who, insp, (enum action)a, NULL, &err),
			    CAIRN_EPERM);
			assert_int_equal(err.code, CAIRN_CODE_FORBIDDEN);
			snprintf(want, sizeof(want),
			    "you are %s on this inspection and may not %s: ",
			    role_table[held].phrase, action_table[a].label);
			want_who(want, sizeof(want), may_do, a);
			assert_string_equal(err.msg, want);
			assert_plain(err.msg);
			refused++;
		}
	}
	/* Every team role is refused something. */
	assert_true(refused > (int)NTEAM);
	for (int a = 0; a < ACTION__MAX; a++) {
		struct cairn_err err = { 0 };

		if (authz_check(st, &notadmin, 0, (enum action)a, NULL, &err) == CAIRN_OK)
			continue;
		snprintf(want, sizeof(want), "you may not %s: ", action_table[a].label);
		want_who(want, sizeof(want), may_do, a);
		assert_string_equal(err.msg, want);
		assert_plain(err.msg);
	}
	/* The lead (0) and depute (1) manage the team; what they may not
	 * appoint or remove is refused at the role. */
	for (size_t j = 0; j < 2; j++) {
		struct actor who = actor_cli(person_of(j));
		enum role held;

		assert_true(role_parse(team_roles[j], &held));
		for (int t = 0; t < ROLE__MAX; t++) {
			for (int removing = 0; removing < 2; removing++) {
				struct cairn_err err = { 0 };

				if (role_may_appoint(held, (enum role)t))
					continue;
				assert_int_equal(authz_team_change(st, &who, insp, (enum role)t,
				                     removing, 1, &err),
				    CAIRN_EPERM);
				assert_string_equal(err.field, "role");
				snprintf(want, sizeof(want),
				    "you are %s on this inspection and may not %s %s: ",
				    role_table[held].phrase, removing ? "remove" : "appoint",
				    role_table[t].phrase);
				want_who(want, sizeof(want), may_appoint, t);
				assert_string_equal(err.msg, want);
				assert_plain(err.msg);
			}
		}
	}
	/* The depute's, word for word. */
	{
		struct actor depute = actor_cli("depute");
		struct cairn_err err = { 0 };

		assert_int_equal(authz_team_change(st, &depute, insp, ROLE_LEAD, true, 1, &err),
		    CAIRN_EPERM);
		assert_string_equal(err.msg,
		    "you are a depute inspection lead on this inspection and may not remove an "
		    "inspection lead: only an inspection lead or an administrator may");
	}
	/* The list as other refusals take it (the national overview). */
	{
		struct buf b = BUF_INIT;

		assert_int_equal(authz_roles_may(ACTION_MANAGE_TEAM, &b), 3);
		assert_string_equal(buf_str(&b),
		    "an inspection lead, a depute inspection lead or an administrator");
		buf_free(&b);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_actor_constructors),
		cmocka_unit_test(test_every_role_and_action),
		cmocka_unit_test(test_refusal_messages),
		cmocka_unit_test(test_global_actions),
		cmocka_unit_test(test_administrators_on_any_inspection),
		cmocka_unit_test(test_admin_account_on_team),
		cmocka_unit_test(test_unknown_inspection),
		cmocka_unit_test(test_appointment_rule),
		cmocka_unit_test(test_last_lead),
		cmocka_unit_test(test_follows_team_changes),
		cmocka_unit_test(test_refusals_in_plain_words),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
