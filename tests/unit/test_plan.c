/*
 * The joint action plan's rules (app/followup/plan.c): actions only against areas
 * for improvement, status transitions, evidence and reasons, history of
 * every change, overdue actions, and agreement only when every area for
 * improvement has a live action.
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

#include "app/setup/init.h"
#include "app/setup/inspection.h"
#include "app/followup/plan.h"
#include "store/store.h"
#include "testdb.h"

static char dir[] = "/tmp/cairn-test-plan.XXXXXX";
static char path[512];
static struct store *st;
static const struct actor who = { "co-ordinator", "test", NULL, true };
static long insp, aim1, aim2, strength;

static int
setup(void **state)
{
	struct cairn_err err = { 0 };
	struct inspection_new req = { .partnership = "South Ayrshire",
		.framework = "cyp-2014",
		.published = "2016-10-04" };

	(void)state;
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/t.db", dir);
	if (app_init(path, &st, &err) != CAIRN_OK ||
	    app_inspection_create(st, &who, &req, &insp, &err) != CAIRN_OK ||
	    app_finding_add(st, &who, insp, "improvement",
	        "Strengthen strategic leadership and direction.", NULL, &aim1, &err) != CAIRN_OK ||
	    app_finding_add(st, &who, insp, "strength", "Frontline responses were good.", NULL,
	        &strength, &err) != CAIRN_OK ||
	    app_finding_add(st, &who, insp, "improvement",
	        "Reduce the number of 11-15 year olds accommodated away from home.", NULL, &aim2,
	        &err) != CAIRN_OK)
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

/* Adds an action for area for improvement number area (1, 2 in findings
 * order: aim1 is area 1, aim2 area 2); returns its number within the plan. */
static long
add(long area, const char *due)
{
	struct cairn_err err = { 0 };
	char fid[32];
	struct action_new req = { .improvement = fid,
		.text = "An action",
		.owner = "Chief officers",
		.due = due };
	long id = 0;

	snprintf(fid, sizeof(fid), "%ld", area);
	assert_int_equal(app_action_add(st, &who, insp, &req, &id, &err), CAIRN_OK);
	return id;
}

/* Returns the number of history entries of action number num. */
static size_t
events_of(long num)
{
	struct plan p;
	struct cairn_err err = { 0 };
	size_t k = 0;
	long id = 0;

	assert_int_equal(app_plan_load(st, insp, &p, &err), CAIRN_OK);
	for (size_t i = 0; i < p.nactions; i++)
		if (p.actions[i].number == num)
			id = p.actions[i].id;
	assert_true(id > 0);
	for (size_t i = 0; i < p.nevents; i++)
		k += p.events[i].action == id;
	plan_free(&p);
	return k;
}

static int
update(long id, const char *status, const char *note, const char *evidence, struct cairn_err *err)
{
	struct action_change c = { .status = status, .note = note, .evidence = evidence };

	cairn_err_clear(err);
	return app_action_update(st, &who, insp, id, &c, err);
}

static void
test_only_areas_for_improvement(void **state)
{
	struct cairn_err err = { 0 };
	char fid[32];
	struct action_new req = { .improvement = fid,
		.text = "x",
		.owner = "y",
		.due = "2017-01-01" };
	long id = 0;

	(void)state;
	/* Issue 17: areas are numbered within the inspection; the strength between
	 * them is not counted, so there are areas 1 and 2 only (their finding ids
	 * are 1 and 3, the strength's 2). */
	assert_int_equal(aim2, 3);
	snprintf(fid, sizeof(fid), "%d", 3);
	assert_int_equal(app_action_add(st, &who, insp, &req, &id, &err), CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "3 is not an area for improvement"));
	assert_non_null(strstr(err.msg, "valid: 1, 2"));
	cairn_err_clear(&err);
	snprintf(fid, sizeof(fid), "%d", 1);
	req.due = "2017-02-30";
	assert_int_equal(app_action_add(st, &who, insp, &req, &id, &err), CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "not a date"));
	cairn_err_clear(&err);
	req.due = "2017-02-28";
	req.owner = "";
	assert_int_equal(app_action_add(st, &who, insp, &req, &id, &err), CAIRN_EDATA);
	assert_int_equal(id, 0);
}

static void
test_agree_needs_every_area_covered(void **state)
{
	struct cairn_err err = { 0 };
	struct plan p;
	long a1, a2, a3;

	(void)state;
	assert_int_equal(app_action_agree(st, &who, insp, &err), CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "areas for improvement"));
	a1 = add(1, "2017-03-31");
	cairn_err_clear(&err);
	assert_int_equal(app_action_agree(st, &who, insp, &err), CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "area for improvement 2 has no action"));
	/* A dropped action does not count. */
	a2 = add(2, "2017-06-30");
	assert_int_equal(update(a2, "dropped", "superseded", NULL, &err), CAIRN_OK);
	assert_int_equal(app_action_agree(st, &who, insp, &err), CAIRN_EDATA);
	a3 = add(2, "2017-09-30");
	cairn_err_clear(&err);
	assert_int_equal(app_action_agree(st, &who, insp, &err), CAIRN_OK);
	assert_int_equal(app_action_agree(st, &who, insp, &err), CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "already agreed"));
	assert_int_equal(app_plan_load(st, insp, &p, &err), CAIRN_OK);
	assert_true(p.agreed);
	assert_string_equal(p.agreed_by, "co-ordinator");
	assert_int_equal(p.nimprovements, 2);
	assert_int_equal(p.nactions, 3);
	/* Area 2 is the second area's finding (id 3), numbered 2 again. */
	for (size_t i = 0; i < p.nactions; i++)
		if (p.actions[i].id == a3)
			assert_int_equal(p.actions[i].finding, aim2);
	assert_int_equal(plan_area_number(&p, aim2), 2);
	assert_int_equal(plan_area_number(&p, strength), 0);
	plan_free(&p);
	/* Once agreed, the last live action of an area cannot be dropped... */
	assert_int_equal(update(a3, "dropped", "no money", NULL, &err), CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "last live action"));
	assert_non_null(strstr(err.msg, "area for improvement 2 of an agreed plan"));
	assert_int_equal(events_of(a3), 1);
	/* ... until another is added (reinstating the dropped one). */
	assert_int_equal(update(a2, "planned", "back in", NULL, &err), CAIRN_OK);
	assert_int_equal(update(a3, "dropped", "no money", NULL, &err), CAIRN_OK);
	(void)a1;
}

static void
test_status_rules_and_history(void **state)
{
	struct cairn_err err = { 0 };
	struct plan p;
	long a = add(1, "2017-03-31");
	const struct plan_event *last = NULL;

	(void)state;
	assert_int_equal(update(a, "finished", NULL, NULL, &err), CAIRN_EUSAGE);
	assert_int_equal(update(a, "done", NULL, NULL, &err), CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "needs evidence"));
	assert_int_equal(update(a, "planned", NULL, NULL, &err), CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "already planned"));
	assert_int_equal(update(a, NULL, NULL, NULL, &err), CAIRN_EUSAGE);
	assert_int_equal(events_of(a), 1);
	assert_int_equal(update(a, "in-progress", NULL, NULL, &err), CAIRN_OK);
	assert_int_equal(update(a, "planned", "oops", NULL, &err), CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "valid: done, dropped"));
	assert_int_equal(update(a, "done", NULL, "Minutes of the COG, 12 May 2017", &err),
	    CAIRN_OK);
	assert_int_equal(update(a, "in-progress", NULL, NULL, &err), CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "reopening"));
	assert_int_equal(update(a, NULL, "Inspectors: the minutes show agreement only", NULL, &err),
	    CAIRN_OK);
	assert_int_equal(update(a, "in-progress", "reopened after comment", NULL, &err), CAIRN_OK);
	assert_int_equal(events_of(a), 5);
	assert_int_equal(app_plan_load(st, insp, &p, &err), CAIRN_OK);
	for (size_t i = 0; i < p.nevents; i++) {
		const struct plan_event *e = &p.events[i];

		if (e->action != a)
			continue;
		if (strcmp(e->change, "status in-progress -> done") == 0)
			assert_string_equal(e->evidence, "Minutes of the COG, 12 May 2017");
		if (strcmp(e->change, "comment") == 0)
			assert_int_equal(e->status, PLAN_DONE);
		last = e;
	}
	if (last == NULL) {
		plan_free(&p);
		fail_msg("action %ld has no history", a);
		return;
	}
	assert_string_equal(last->change, "status done -> in-progress");
	assert_string_equal(last->note, "reopened after comment");
	plan_free(&p);
}

static void
test_overdue(void **state)
{
	struct plan_action a = { .status = PLAN_PLANNED };
	struct cdate today = { 2017, 4, 1 };

	(void)state;
	memcpy(a.due, "2017-03-31", 11);
	assert_true(plan_action_overdue(&a, &today));
	memcpy(a.due, "2017-04-01", 11);
	assert_false(plan_action_overdue(&a, &today)); /* due today is not overdue */
	memcpy(a.due, "2017-01-01", 11);
	a.status = PLAN_IN_PROGRESS;
	assert_true(plan_action_overdue(&a, &today));
	a.status = PLAN_DONE;
	assert_false(plan_action_overdue(&a, &today));
	a.status = PLAN_DROPPED;
	assert_false(plan_action_overdue(&a, &today));
}

static void
test_due_change_is_recorded(void **state)
{
	struct cairn_err err = { 0 };
	struct action_change c = { .due = "2017-12-31", .note = "delayed by the restructure" };
	struct plan_action a;
	long id = add(2, "2017-06-30");

	(void)state;
	assert_int_equal(app_action_update(st, &who, insp, id, &c, &err), CAIRN_OK);
	assert_int_equal(plan_action_find(st, insp, id, &a, &err), CAIRN_OK);
	assert_int_equal(a.number, id);
	assert_string_equal(a.due, "2017-12-31");
	assert_int_equal(a.status, PLAN_PLANNED);
	plan_action_free(&a);
	assert_int_equal(events_of(id), 2);
}

/* Actions are numbered within their inspection: another inspection's first
 * action is its action 1, whatever its database id; an unknown number is
 * refused at the field "action". */
static void
test_numbers_within_the_inspection(void **state)
{
	struct cairn_err err = { 0 };
	struct inspection_new req = { .partnership = "Testshire", .framework = "cyp-2014" };
	struct action_new an = { .improvement = "1",
		.text = "T",
		.owner = "O",
		.due = "2027-01-31" };
	struct action_change c = { .note = "a comment" };
	struct plan_action a;
	long other = 0, fid = 0, num = 0, mine = add(1, "2017-03-31");

	(void)state;
	assert_true(mine > 1);
	assert_int_equal(app_inspection_create(st, &who, &req, &other, &err), CAIRN_OK);
	assert_int_equal(app_finding_add(st, &who, other, "improvement", "Do better.", NULL, &fid,
	                     &err),
	    CAIRN_OK);
	assert_int_equal(app_action_add(st, &who, other, &an, &num, &err), CAIRN_OK);
	assert_int_equal(num, 1);
	assert_int_equal(plan_action_find(st, other, 1, &a, &err), CAIRN_OK);
	assert_int_equal(a.inspection, other);
	assert_true(a.id > mine);
	plan_action_free(&a);
	assert_int_equal(app_action_update(st, &who, other, 2, &c, &err), CAIRN_EDATA);
	assert_int_equal(err.code, CAIRN_CODE_UNKNOWN);
	assert_string_equal(err.field, "action");
	assert_non_null(strstr(err.msg, "valid: 1"));
	cairn_err_clear(&err);
	assert_int_equal(app_action_update(st, &who, other, 1, &c, &err), CAIRN_OK);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_only_areas_for_improvement),
		cmocka_unit_test(test_agree_needs_every_area_covered),
		cmocka_unit_test(test_status_rules_and_history),
		cmocka_unit_test(test_overdue),
		cmocka_unit_test(test_due_change_is_recorded),
		cmocka_unit_test(test_numbers_within_the_inspection),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
