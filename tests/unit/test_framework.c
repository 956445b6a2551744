/* Unit tests for app/framework: the shipped frameworks and JSON errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "app/setup/framework.h"
#include "core/embed.h"

/* Loads a shipped framework by code. */
static void
load(const char *code, struct framework *f)
{
	char name[128];
	const struct embed_file *e;
	struct cairn_err err = { 0 };

	snprintf(name, sizeof(name), "models/%s/framework.json", code);
	e = embed_find(name);
	assert_non_null(e);
	assert_int_equal(framework_from_json(e->data, e->len, name, f, &err), CAIRN_OK);
}

static void
test_cyp2014_has_the_nine_evaluated_indicators(void **state)
{
	static const char *const nine[] = { "1.1", "2.1", "3.1", "5.1", "5.2", "5.3", "6.2", "6.3",
		"9.4" };
	struct framework f;

	(void)state;
	load("cyp-2014", &f);
	assert_int_equal(framework_evaluated_count(&f), 9);
	for (size_t i = 0; i < 9; i++) {
		const struct qi *q = framework_qi(&f, nine[i]);

		assert_non_null(q);
		assert_true(q->evaluated);
		assert_false(q->uncertain);
	}
	assert_string_equal(framework_qi(&f, "5.2")->title,
	    "Assessing and responding to risks and needs");
	assert_string_equal(framework_qi(&f, "9.4")->title, "Leadership of improvement and change");
	assert_true(framework_qi(&f, "8.3")->uncertain);
	/* Grouped by the framework's EFQM-based questions; capacity for
	 * improvement is the confidence statement, not an indicator. */
	assert_null(framework_qi(&f, "10.1"));
	assert_string_equal(framework_qi(&f, "1.1")->kq, "D1");
	assert_string_equal(framework_qi(&f, "3.1")->kq, "D2");
	assert_string_equal(framework_qi(&f, "5.2")->kq, "D3");
	assert_string_equal(framework_qi(&f, "8.3")->kq, "D4");
	assert_string_equal(framework_qi(&f, "9.4")->kq, "D5");
	assert_string_equal(framework_kq(&f, "D2")->title,
	    "How well do we meet the needs of our stakeholders?");
	assert_int_equal(f.scale.nlevels, 6);
	assert_int_equal(scale_top(&f.scale), 6);
	assert_string_equal(scale_level_of(&f.scale, 3)->label, "Adequate");
	framework_free(&f);
}

static void
test_later_programmes_and_ilacs(void **state)
{
	struct framework f;
	int v = 0;

	(void)state;
	load("at-risk-2021", &f);
	assert_int_equal(f.nqis, 1);
	assert_string_equal(framework_qi(&f, "2.1")->title, "Impact on children and young people");
	/* 2.1 is an impact indicator, not a key outcome; the four inspection
	 * statements (East Dunbartonshire technical note 153-22). */
	assert_string_equal(framework_qi(&f, "2.1")->kq, "IMPACT");
	assert_non_null(strstr(framework_kq(&f, "S1")->title, "risks have been identified early"));
	assert_non_null(
	    strstr(framework_kq(&f, "S4")->title, "Collaborative strategic leadership"));
	framework_free(&f);
	load("care-protection-2018", &f);
	assert_int_equal(f.nkqs, 5);
	assert_int_equal(framework_evaluated_count(&f), 4);
	assert_string_equal(framework_kq(&f, "Q5")->title, "How good is collaborative leadership?");
	assert_non_null(framework_qi(&f, "2.2"));
	assert_string_equal(framework_qi(&f, "2.2")->title, "Impact on families");
	framework_free(&f);
	load("cso-2025", &f);
	assert_int_equal(framework_evaluated_count(&f), 4);
	assert_string_equal(framework_qi(&f, "5.3")->title,
	    "Care planning, managing risk and effective intervention");
	assert_string_equal(framework_qi(&f, "5.4")->title,
	    "Involving individual children, young people and families");
	assert_string_equal(framework_qi(&f, "9.2")->title, "Leadership of strategy and direction");
	/* The three published key lines of enquiry (Care Inspectorate 8248). */
	assert_int_equal(f.nkqs, 3);
	assert_non_null(
	    strstr(framework_kq(&f, "L1")->title, "well supported to live with their families"));
	assert_string_equal(framework_qi(&f, "9.2")->kq, "L3");
	framework_free(&f);
	load("ilacs-2018", &f);
	assert_int_equal(f.scale.nlevels, 4);
	assert_true(scale_parse(&f.scale, "requires IMPROVEMENT to be good", &v));
	assert_int_equal(v, 2);
	assert_false(scale_parse(&f.scale, "5", &v));
	assert_false(scale_parse(&f.scale, "very good", &v));
	framework_free(&f);
}

/* Parses text and checks the error message contains want. */
static void
expect_error(const char *text, const char *want)
{
	struct framework f;
	struct cairn_err err = { 0 };

	assert_int_equal(framework_from_json(text, strlen(text), "x.json", &f, &err), CAIRN_EDATA);
	if (strstr(err.msg, want) == NULL)
		fail_msg("error '%s' lacks '%s'", err.msg, want);
}

#define SCALE                                                                                      \
	"\"scale\":{\"code\":\"s\",\"name\":\"S\",\"levels\":["                                    \
	"{\"value\":2,\"label\":\"Hi\",\"short\":\"h\",\"description\":\"h\"},"                    \
	"{\"value\":1,\"label\":\"Lo\",\"short\":\"l\",\"description\":\"l\"}]}"
#define KQS "\"key_questions\":[{\"code\":\"K\",\"title\":\"K\"}]"

static void
test_malformed_frameworks_name_field_and_reason(void **state)
{
	(void)state;
	expect_error("{", "x.json: line 1");
	expect_error("[]", "top level must be an object");
	expect_error("{\"title\":\"t\"}", "field code: required");
	expect_error("{\"code\":\"A B\",\"title\":\"t\",\"programme\":\"p\"}", "field code: use");
	expect_error("{\"code\":\"a\",\"title\":\"t\",\"programme\":\"p\",\"extra\":1}",
	    "field extra: unknown field");
	expect_error("{\"code\":\"a\",\"title\":\"t\",\"programme\":\"p\"," KQS ","
	             "\"indicators\":[{\"code\":\"1\",\"title\":\"t\",\"key_question\":\"K\","
	             "\"evaluated\":true}]}",
	    "field scale: required");
	expect_error("{\"code\":\"a\",\"title\":\"t\",\"programme\":\"p\"," SCALE "," KQS ","
	             "\"indicators\":[{\"code\":\"1\",\"title\":\"t\",\"key_question\":\"Z\","
	             "\"evaluated\":true}]}",
	    "field indicators[0].key_question: 'Z' is not one of");
	expect_error("{\"code\":\"a\",\"title\":\"t\",\"programme\":\"p\"," SCALE "," KQS ","
	             "\"indicators\":[{\"code\":\"1\",\"title\":\"t\",\"key_question\":\"K\","
	             "\"evaluated\":1}]}",
	    "field indicators[0].evaluated: must be true or false");
	expect_error("{\"code\":\"a\",\"title\":\"t\",\"programme\":\"p\"," SCALE "," KQS ","
	             "\"indicators\":[{\"code\":\"1\",\"title\":\"t\",\"key_question\":\"K\","
	             "\"evaluated\":true},"
	             "{\"code\":\"1\",\"title\":\"u\",\"key_question\":\"K\",\"evaluated\":true}]}",
	    "field indicators[1].code: duplicate code '1'");
	expect_error("{\"code\":\"a\",\"title\":\"t\",\"programme\":\"p\",\"scale\":{\"code\":"
	             "\"s\","
	             "\"name\":\"S\",\"levels\":[{\"value\":1,\"label\":\"Lo\",\"short\":\"l\","
	             "\"description\":\"l\"},"
	             "{\"value\":2,\"label\":\"Hi\",\"short\":\"h\",\"description\":\"h\"}]}}",
	    "field scale.levels[1].value: levels must be listed from highest to lowest");
	expect_error("{\"code\":\"a\",\"code\":\"b\"}", "duplicate object key");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cyp2014_has_the_nine_evaluated_indicators),
		cmocka_unit_test(test_later_programmes_and_ilacs),
		cmocka_unit_test(test_malformed_frameworks_name_field_and_reason),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
