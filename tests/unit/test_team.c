/*
 * Unit tests for app/setup/team against a real database, each rule as
 * docs/guide-evidence.md ("The team and roles", "Who appoints whom")
 * states it: a lead or depute is appointed or removed only by a lead or
 * an administrator; a depute appoints and removes the other roles; nobody
 * removes the last lead, not even an administrator; only lead, depute
 * and administrator manage the team; refusals change nothing; errors name
 * the input they concern.
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
#include "app/setup/init.h"
#include "app/setup/inspection.h"
#include "app/setup/team.h"
#include "store/store.h"
#include "testdb.h"

static char dir[] = "/tmp/cairn-test-team.XXXXXX";
static char path[512];
static struct store *st;
static long next_partnership;

/* A new inspection with lead "lee", depute "dee" and inspector "ian". */
static long
fresh(void)
{
	struct cairn_err err = { 0 };
	struct actor local = actor_cli(NULL);
	char name[32];
	struct inspection_new req = { .partnership = name, .framework = "cyp-2014" };
	long id = 0;

	snprintf(name, sizeof(name), "Place %ld", ++next_partnership);
	assert_int_equal(app_inspection_create(st, &local, &req, &id, &err), CAIRN_OK);
	assert_int_equal(app_team_add(st, &local, id, "lee", "lead", NULL, &err), CAIRN_OK);
	assert_int_equal(app_team_add(st, &local, id, "dee", "depute", NULL, &err), CAIRN_OK);
	assert_int_equal(app_team_add(st, &local, id, "ian", "inspector", NULL, &err), CAIRN_OK);
	return id;
}

/* Returns the role code person holds on id, or "" (static buffer). */
static const char *
role_of(long id, const char *person)
{
	static char code[32];
	struct team_member *v = NULL;
	size_t n = 0;
	struct cairn_err err = { 0 };

	code[0] = '\0';
	assert_int_equal(app_team_list(st, id, &v, &n, &err), CAIRN_OK);
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].person, person) == 0)
			snprintf(code, sizeof(code), "%s", v[i].role);
	team_members_free(v, n);
	return code;
}

static long
leads(long id)
{
	struct team_member *v = NULL;
	size_t n = 0;
	long k = 0;
	struct cairn_err err = { 0 };

	assert_int_equal(app_team_list(st, id, &v, &n, &err), CAIRN_OK);
	for (size_t i = 0; i < n; i++)
		k += strcmp(v[i].role, "lead") == 0;
	team_members_free(v, n);
	return k;
}

static int
setup(void **state)
{
	struct cairn_err err = { 0 };

	(void)state;
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/t.db", dir);
	return app_init(path, &st, &err) == CAIRN_OK ? 0 : -1;
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

/* "a lead or depute is appointed or removed only by a lead or an
 * administrator" */
static void
test_depute_appoints_no_lead_or_depute(void **state)
{
	struct actor dee = actor_cli("dee");
	struct cairn_err err = { 0 };
	long id = fresh();

	(void)state;
	assert_int_equal(app_team_add(st, &dee, id, "newlead", "lead", NULL, &err), CAIRN_EPERM);
	assert_string_equal(err.field, "role");
	assert_string_equal(err.msg,
	    "you are a depute inspection lead on this inspection and may not appoint an "
	    "inspection lead: only an inspection lead or an administrator may");
	assert_string_equal(role_of(id, "newlead"), "");
	cairn_err_clear(&err);
	assert_int_equal(app_team_add(st, &dee, id, "dee2", "depute", NULL, &err), CAIRN_EPERM);
	assert_string_equal(role_of(id, "dee2"), "");
	cairn_err_clear(&err);
	assert_int_equal(app_team_remove(st, &dee, id, "lee", &err), CAIRN_EPERM);
	assert_string_equal(err.msg,
	    "you are a depute inspection lead on this inspection and may not remove an "
	    "inspection lead: only an inspection lead or an administrator may");
	assert_string_equal(role_of(id, "lee"), "lead");
}

/* "a depute appoints and removes the other roles" */
static void
test_depute_appoints_other_roles(void **state)
{
	static const char *const others[] = { "inspector", "associate", "young-inspector", "panel",
		"partnership-coordinator", "local-reader" };
	struct actor dee = actor_cli("dee");
	struct cairn_err err = { 0 };
	long id = fresh();

	(void)state;
	for (size_t i = 0; i < sizeof(others) / sizeof(others[0]); i++) {
		char who[32];

		snprintf(who, sizeof(who), "p%zu", i);
		assert_int_equal(app_team_add(st, &dee, id, who, others[i], NULL, &err), CAIRN_OK);
		assert_string_equal(role_of(id, who), others[i]);
		assert_int_equal(app_team_remove(st, &dee, id, who, &err), CAIRN_OK);
		assert_string_equal(role_of(id, who), "");
	}
}

/* The lead and an administrator appoint a lead or depute. */
static void
test_lead_and_admin_appoint_leads(void **state)
{
	struct actor lee = actor_cli("lee"), local = actor_cli(NULL);
	struct actor acct = actor_account("root", true, "127.0.0.1");
	struct cairn_err err = { 0 };
	long id = fresh();

	(void)state;
	assert_int_equal(app_team_add(st, &lee, id, "l2", "lead", NULL, &err), CAIRN_OK);
	assert_int_equal(app_team_add(st, &lee, id, "d2", "depute", NULL, &err), CAIRN_OK);
	assert_int_equal(app_team_add(st, &local, id, "l3", "lead", NULL, &err), CAIRN_OK);
	assert_int_equal(app_team_add(st, &acct, id, "d3", "depute", NULL, &err), CAIRN_OK);
	assert_int_equal(app_team_remove(st, &acct, id, "l3", &err), CAIRN_OK);
	assert_int_equal(app_team_remove(st, &lee, id, "d2", &err), CAIRN_OK);
	assert_int_equal(leads(id), 2);
}

/* "nobody removes the last lead, not even an administrator" */
static void
test_last_lead(void **state)
{
	struct actor lee = actor_cli("lee"), local = actor_cli(NULL);
	struct actor acct = actor_account("root", true, "127.0.0.1");
	struct cairn_err err = { 0 };
	long id = fresh();

	(void)state;
	assert_int_equal(app_team_remove(st, &local, id, "lee", &err), CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "always has a lead"));
	cairn_err_clear(&err);
	assert_int_equal(app_team_remove(st, &acct, id, "lee", &err), CAIRN_EDATA);
	cairn_err_clear(&err);
	assert_int_equal(app_team_remove(st, &lee, id, "lee", &err), CAIRN_EDATA);
	assert_int_equal(leads(id), 1);
	/* With a second lead either may go (removed by the other: nobody
	 * removes themselves), and then the other is the last. */
	assert_int_equal(app_team_add(st, &lee, id, "lena", "lead", NULL, &err), CAIRN_OK);
	cairn_err_clear(&err);
	assert_int_equal(app_team_remove(st, &lee, id, "lee", &err), CAIRN_EDATA);
	assert_string_equal(err.field, "person");
	assert_int_equal(err.code, CAIRN_CODE_CONFLICT);
	assert_non_null(strstr(err.msg, "cannot remove yourself"));
	assert_int_equal(leads(id), 2);
	{
		struct actor lena = actor_cli("lena");

		assert_int_equal(app_team_remove(st, &lena, id, "lee", &err), CAIRN_OK);
	}
	assert_int_equal(app_team_remove(st, &local, id, "lena", &err), CAIRN_EDATA);
	assert_int_equal(leads(id), 1);
}

/* Only lead, depute and administrator manage the team at all. */
static void
test_manage_team_needed(void **state)
{
	struct actor ian = actor_cli("ian"), stranger = actor_cli("stranger");
	struct cairn_err err = { 0 };
	long id = fresh();

	(void)state;
	assert_int_equal(app_team_add(st, &ian, id, "x", "inspector", NULL, &err), CAIRN_EPERM);
	cairn_err_clear(&err);
	assert_int_equal(app_team_remove(st, &ian, id, "dee", &err), CAIRN_EPERM);
	cairn_err_clear(&err);
	assert_int_equal(app_team_add(st, &stranger, id, "x", "inspector", NULL, &err),
	    CAIRN_EPERM);
	assert_int_equal(err.code, CAIRN_CODE_UNKNOWN);
	assert_string_equal(role_of(id, "x"), "");
	assert_string_equal(role_of(id, "dee"), "depute");
}

/* Bad input is refused naming the input, and worded for a person. */
static void
test_input_errors(void **state)
{
	struct actor local = actor_cli(NULL);
	struct cairn_err err = { 0 };
	long id = fresh();

	(void)state;
	assert_int_equal(app_team_add(st, &local, id, "x", NULL, NULL, &err), CAIRN_EUSAGE);
	assert_string_equal(err.field, "role");
	assert_null(strstr(err.msg, "--"));
	cairn_err_clear(&err);
	assert_int_equal(app_team_add(st, &local, id, "x", "wizard", NULL, &err), CAIRN_EDATA);
	assert_string_equal(err.field, "role");
	cairn_err_clear(&err);
	assert_int_equal(app_team_add(st, &local, id, "x", "admin", NULL, &err), CAIRN_EDATA);
	assert_string_equal(err.field, "role");
	cairn_err_clear(&err);
	assert_int_equal(app_team_add(st, &local, id, "", "inspector", NULL, &err), CAIRN_EUSAGE);
	assert_string_equal(err.field, "person");
	cairn_err_clear(&err);
	assert_int_equal(app_team_add(st, &local, id, "x", "inspector", " ", &err), CAIRN_EDATA);
	assert_string_equal(err.field, "agency");
	cairn_err_clear(&err);
	assert_int_equal(app_team_remove(st, &local, id, "nobody", &err), CAIRN_EDATA);
	assert_string_equal(err.field, "person");
	assert_null(strstr(err.msg, "cairn "));
	cairn_err_clear(&err);
	assert_int_equal(app_team_add(st, &local, 999, "x", "inspector", NULL, &err), CAIRN_EDATA);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_depute_appoints_no_lead_or_depute),
		cmocka_unit_test(test_depute_appoints_other_roles),
		cmocka_unit_test(test_lead_and_admin_appoint_leads),
		cmocka_unit_test(test_last_lead),
		cmocka_unit_test(test_manage_team_needed),
		cmocka_unit_test(test_input_errors),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
