/* Unit tests for app/stage: shipped plans, plan errors, holiday weeks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "app/setup/stage.h"

static void
test_shipped_plans_parse(void **state)
{
	/* The Scottish programmes: a joint panel whose sign-off publication needs. */
	static const char *const fws[] = { "cyp-2014", "care-protection-2018", "at-risk-2021",
		"cso-2025" };
	static const char *const order[] = { "notified", "scoping", "records-reading", "fieldwork",
		"analysis", "panel", "factual-accuracy", "published", "follow-up" };
	struct cairn_err err = { 0 };

	(void)state;
	for (size_t i = 0; i < sizeof(fws) / sizeof(fws[0]); i++) {
		struct stage_plan p;
		int pub;

		assert_int_equal(stage_plan_for(fws[i], &p, &err), CAIRN_OK);
		size_t k = 0;

		/* The core stages in order; a pack adds only optional ones between. */
		for (size_t j = 0; j < p.n; j++) {
			if (k < 9 && strcmp(p.stages[j].code, order[k]) == 0)
				k++;
			else
				assert_false(p.stages[j].required);
		}
		assert_int_equal(k, 9);
		pub = stage_plan_find(&p, "published");
		assert_true(pub > 0);
		assert_int_equal(p.stages[pub].checks,
		    STAGE_CHECK_ALL_GRADED | STAGE_CHECK_SIGNOFF);
		assert_int_equal(p.stages[pub].week, p.weeks);
		stage_plan_free(&p);
	}
	/* ILACS (Ofsted alone): no panel stage; publication needs every judgement. */
	{
		static const char *const ilacs[] = { "notified", "fieldwork", "analysis",
			"factual-accuracy", "published", "follow-up" };
		struct stage_plan p;
		int pub;

		assert_int_equal(stage_plan_for("ilacs-2018", &p, &err), CAIRN_OK);
		assert_int_equal(p.n, sizeof(ilacs) / sizeof(ilacs[0]));
		for (size_t j = 0; j < p.n; j++)
			assert_string_equal(p.stages[j].code, ilacs[j]);
		assert_int_equal(stage_plan_find(&p, "panel"), -1);
		pub = stage_plan_find(&p, "published");
		assert_int_equal(p.stages[pub].checks, STAGE_CHECK_ALL_GRADED);
		stage_plan_free(&p);
	}
	/* The published footprints: 22 weeks (2021 model), 21 weeks (2025 CSO). */
	{
		struct stage_plan p;

		assert_int_equal(stage_plan_for("at-risk-2021", &p, &err), CAIRN_OK);
		assert_int_equal(p.weeks, 22);
		stage_plan_free(&p);
		assert_int_equal(stage_plan_for("cso-2025", &p, &err), CAIRN_OK);
		assert_int_equal(p.weeks, 21);
		assert_int_equal(p.stages[stage_plan_find(&p, "panel")].week, 17);
		/* No position statement in the CSO timeline (document return instead). */
		assert_int_equal(stage_plan_find(&p, "position-statement"), -1);
		stage_plan_free(&p);
		/* 2018-2020: 35 weeks in three phases, records reading in week 12 (5205). */
		assert_int_equal(stage_plan_for("care-protection-2018", &p, &err), CAIRN_OK);
		assert_int_equal(p.weeks, 35);
		assert_int_equal(p.stages[stage_plan_find(&p, "records-reading")].week, 12);
		stage_plan_free(&p);
		/* 2012-2017: scoping 1, 2 and 3 and the proportionate phase (handbook). */
		assert_int_equal(stage_plan_for("cyp-2014", &p, &err), CAIRN_OK);
		assert_true(
		    stage_plan_find(&p, "scoping-engagement") > stage_plan_find(&p, "scoping"));
		assert_non_null(
		    strstr(p.stages[stage_plan_find(&p, "records-reading")].title, "Scoping 3"));
		assert_non_null(strstr(p.stages[stage_plan_find(&p, "fieldwork")].title,
		    "Proportionate phase"));
		stage_plan_free(&p);
		/* 2021: the position statement between records reading and the
		 * engagement week. */
		assert_int_equal(stage_plan_for("at-risk-2021", &p, &err), CAIRN_OK);
		assert_true(stage_plan_find(&p, "position-statement") >
		    stage_plan_find(&p, "records-reading"));
		assert_true(
		    stage_plan_find(&p, "position-statement") < stage_plan_find(&p, "fieldwork"));
		stage_plan_free(&p);
	}
}

static void
test_plan_errors(void **state)
{
	struct stage_plan p;
	struct cairn_err err = { 0 };
	const char *dup = "{\"framework\":\"x\",\"title\":\"t\",\"weeks\":5,\"stages\":["
	                  "{\"code\":\"a\",\"title\":\"A\",\"required\":true},"
	                  "{\"code\":\"a\",\"title\":\"B\",\"required\":true}]}";
	const char *late = "{\"framework\":\"x\",\"title\":\"t\",\"weeks\":5,\"stages\":["
	                   "{\"code\":\"a\",\"title\":\"A\",\"week\":6,\"required\":true},"
	                   "{\"code\":\"b\",\"title\":\"B\",\"required\":true}]}";
	const char *check =
	    "{\"framework\":\"x\",\"title\":\"t\",\"weeks\":5,\"stages\":["
	    "{\"code\":\"a\",\"title\":\"A\",\"required\":true,\"requires\":[\"magic\"]},"
	    "{\"code\":\"b\",\"title\":\"B\",\"required\":true}]}";

	(void)state;
	assert_int_equal(stage_plan_parse(dup, strlen(dup), "d.json", &p, &err), CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "'a' appears twice"));
	cairn_err_clear(&err);
	assert_int_equal(stage_plan_parse(late, strlen(late), "l.json", &p, &err), CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "after the plan's 5 weeks"));
	cairn_err_clear(&err);
	assert_int_equal(stage_plan_parse(check, strlen(check), "c.json", &p, &err), CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "unknown check"));
	assert_null(p.stages);
}

static void
test_holiday_weeks(void **state)
{
	struct holidays h;
	struct csv_errors errs;
	struct cdate mon;
	/* 2026-02-16 is a Monday. Three weekdays make a holiday week, two do not. */
	const char *three = "2026-02-18..2026-02-20\n";
	const char *two = "2026-02-19..2026-02-22\n";

	(void)state;
	assert_true(date_parse("2026-02-16", &mon));
	assert_int_equal(holidays_parse(three, strlen(three), &h, &errs), CAIRN_OK);
	assert_true(holidays_week(&h, date_to_days(&mon)));
	assert_false(holidays_week(&h, date_to_days(&mon) + 7));
	holidays_free(&h);
	assert_int_equal(holidays_parse(two, strlen(two), &h, &errs), CAIRN_OK);
	assert_false(holidays_week(&h, date_to_days(&mon)));
	/* Weekend days never count: Thu..Sun is only two weekdays. */
	holidays_free(&h);
	assert_false(holidays_week(NULL, date_to_days(&mon)));
}

/* The stage page's holidays: as people write them, the same ranges as the
 * file's lines; a bad date named; nothing kept on an error. */
static void
test_holidays_written(void **state)
{
	const char *file = "2026-02-09..2026-02-13\n2026-04-06..2026-04-17\n2026-05-04\n";
	const char *written = " 9 February 2026 to 13 February 2026\n6/4/2026 - 17/4/2026 ,"
	                      "\n\n4th May 2026\n";
	struct holidays a, b;
	struct csv_errors errs;
	struct cairn_err err = { 0 };

	(void)state;
	assert_int_equal(holidays_parse(file, strlen(file), &a, &errs), CAIRN_OK);
	assert_int_equal(holidays_parse_written(written, &b, &err), CAIRN_OK);
	assert_int_equal(a.n, 3);
	assert_int_equal(b.n, 3);
	for (size_t i = 0; i < a.n; i++) {
		assert_int_equal(date_cmp(&a.from[i], &b.from[i]), 0);
		assert_int_equal(date_cmp(&a.to[i], &b.to[i]), 0);
	}
	holidays_free(&b);
	/* The API's text reads the same. */
	assert_int_equal(holidays_parse_written("2026-02-09..2026-02-13,2026-04-06..2026-04-17,"
	                                        "2026-05-04",
	                     &b, &err),
	    CAIRN_OK);
	assert_int_equal(b.n, 3);
	assert_int_equal(date_cmp(&a.to[1], &b.to[1]), 0);
	holidays_free(&b);
	holidays_free(&a);
	assert_int_equal(holidays_parse_written("", &b, &err), CAIRN_OK);
	assert_int_equal(b.n, 0);
	assert_int_equal(holidays_parse_written("9 February 2026\n31 February 2026", &b, &err),
	    CAIRN_EDATA);
	assert_string_equal(err.field, "holidays");
	assert_non_null(strstr(err.msg, "'31 February 2026' is not a date"));
	assert_null(b.from);
	assert_int_equal(b.n, 0);
	cairn_err_clear(&err);
	assert_int_equal(holidays_parse_written("1/3/2026 to soon", &b, &err), CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "'soon' is not a date"));
	cairn_err_clear(&err);
	assert_int_equal(holidays_parse_written("23/10/2026 to 12/10/2026", &b, &err), CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "from 23 October 2026 to 12 October 2026 ends before"));
	cairn_err_clear(&err);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shipped_plans_parse),
		cmocka_unit_test(test_plan_errors),
		cmocka_unit_test(test_holiday_weeks),
		cmocka_unit_test(test_holidays_written),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
