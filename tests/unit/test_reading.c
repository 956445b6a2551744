/* Unit tests for app/population, app/template: identifier headers,
 * JSON escaping, template parsing errors and answer checking. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/records/population.h"
#include "app/records/template.h"
#include "core/buf.h"
#include "core/embed.h"

static void
test_identifier_headers(void **state)
{
	static const char *const refused[] = {
		"name",
		"Name",
		"NAME",
		"forename",
		"Forenames",
		"surname",
		"First Name",
		"last_name",
		"Child's name",
		"dob",
		"D.O.B.",
		"date of birth",
		"Date_of-Birth",
		"birth date",
		"CHI",
		"chi number",
		"CHI No",
		"address",
		"Home Address",
		"postcode",
		"Post Code",
		"phone",
		"Phone number",
		"telephone",
		"mobile",
		"email",
		"E-mail",
		"e_mail address",
		"NHS number",
		"nhs_no",
	};
	static const char *const allowed[] = {
		"ref",
		"category",
		"age",
		"sex",
		"locality",
		"simd_quintile",
		"school stage",
		"team",
		"chief",
		"placement",
		"ethnicity",
		"disability",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		if (population_identifier_like(refused[i]) == NULL)
			fail_msg("'%s' should be refused", refused[i]);
	}
	for (size_t i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++) {
		if (population_identifier_like(allowed[i]) != NULL)
			fail_msg("'%s' should be allowed", allowed[i]);
	}
	assert_string_equal(population_identifier_like("Date of Birth"), "date of birth");
	assert_string_equal(population_identifier_like("CHI"), "CHI number");
}

static void
test_json_string(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	population_json_string(&b,
	    "a\"b\\c\nd\x01"
	    "e\xc3\xa9",
	    11);
	assert_string_equal(buf_str(&b), "\"a\\\"b\\\\c\\nd\\u0001e\xc3\xa9\"");
	buf_free(&b);
}

/* Parses json, expecting failure with a message containing want. */
static void
parse_fails(const char *json, const char *want)
{
	struct template t;
	struct cairn_err err = { 0 };

	assert_int_equal(template_parse(json, strlen(json), NULL, &t, &err), CAIRN_EDATA);
	if (strstr(err.msg, want) == NULL)
		fail_msg("error '%s' lacks '%s'", err.msg, want);
}

static void
test_template_errors(void **state)
{
	(void)state;
	parse_fails("[]", "must be a JSON object");
	parse_fails("{\"framework\": \"cyp-2014\", \"items\": []}", "code: missing");
	parse_fails("{\"code\": \"Bad Code\", \"framework\": \"x\", \"title\": \"T\", \"items\": "
	            "[]}",
	    "code: 'Bad Code' is not a code");
	parse_fails("{\"code\": \"t\", \"framework\": \"x\", \"title\": \"T\", \"items\": []}",
	    "items: must be a non-empty list");
	parse_fails("{\"code\": \"t\", \"framework\": \"x\", \"title\": \"T\", \"items\": "
	            "[{\"code\": \"a\", \"text\": \"A\", "
	            "\"answer\": \"list\", \"choices\": [\"x\"], \"qis\": []}]}",
	    "items[0].choices: a list item needs at least two");
	/* Issue 18: duplicate choices (answers match ignoring case) are refused. */
	parse_fails("{\"code\": \"t\", \"framework\": \"x\", \"title\": \"T\", \"items\": "
	            "[{\"code\": \"a\", \"text\": \"A\", "
	            "\"answer\": \"list\", \"choices\": [\"same\", \"better\", \"Same\"], "
	            "\"qis\": []}]}",
	    "items[0].choices[2]: 'Same' is also choice 0");
	parse_fails("{\"code\": \"t\", \"framework\": \"x\", \"title\": \"T\", \"items\": "
	            "[{\"code\": \"a\", \"text\": \"A\", "
	            "\"answer\": \"text\", \"qis\": [], \"per_agency\": true}]}",
	    "items[0].per_agency: the template lists no agencies");
	parse_fails("{\"code\": \"t\", \"framework\": \"x\", \"title\": \"T\", \"items\": "
	            "[{\"code\": \"a\", \"text\": \"A\", "
	            "\"answer\": \"text\", \"qis\": []}, {\"code\": \"a\", \"text\": \"B\", "
	            "\"answer\": \"text\", "
	            "\"qis\": []}]}",
	    "items[1].code: 'a' is used twice");
	parse_fails("{\"code\": \"t\", \"framework\": \"x\", \"title\": \"T\", \"items\": "
	            "[{\"code\": \"a\", \"text\": \"A\", "
	            "\"answer\": \"text\"}]}",
	    "items[0].qis: missing");
	parse_fails("{\"code\": \"t\",", "line 1");
}

static void
test_shipped_template_and_answers(void **state)
{
	const struct embed_file *f = embed_find("models/cyp-2014/records.json");
	struct template t;
	struct cairn_err err = { 0 };
	struct scale_level lv[6] = {
		{ 6, "Excellent", "", "" },
		{ 5, "Very good", "", "" },
		{ 4, "Good", "", "" },
		{ 3, "Adequate", "", "" },
		{ 2, "Weak", "", "" },
		{ 1, "Unsatisfactory", "", "" },
	};
	struct scale sc = { "six-point", "Six-point scale", lv, 6 };
	char out[64];
	const struct template_item *it;

	(void)state;
	assert_non_null(f);
	assert_int_equal(template_parse(f->data, f->len, NULL, &t, &err), CAIRN_OK);
	assert_int_equal(t.nagencies, 5);
	assert_non_null(template_agency(&t, "Social-Work"));
	it = template_item(&t, "child-plan");
	assert_non_null(it);
	assert_int_equal(template_answer(it, &sc, "very good", out, sizeof(out), &err), CAIRN_OK);
	assert_string_equal(out, "5");
	assert_int_equal(template_answer(it, &sc, "0", out, sizeof(out), &err), CAIRN_EDATA);
	it = template_item(&t, "chronology-present");
	assert_int_equal(template_answer(it, &sc, "N/A", out, sizeof(out), &err), CAIRN_OK);
	assert_string_equal(out, "na");
	it = template_item(&t, "wellbeing-change");
	assert_int_equal(template_answer(it, &sc, "WORSE", out, sizeof(out), &err), CAIRN_OK);
	assert_string_equal(out, "worse");
	cairn_err_clear(&err);
	assert_int_equal(template_answer(it, &sc, "better", out, sizeof(out), &err), CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "valid: improved, same, worse"));
	template_free(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_identifier_headers),
		cmocka_unit_test(test_json_string),
		cmocka_unit_test(test_template_errors),
		cmocka_unit_test(test_shipped_template_and_answers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
