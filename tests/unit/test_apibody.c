/* Unit tests for the JSON API body validator (web/apibody.h): each way a
 * body can be refused gives its status and names its field, and a body
 * that keeps the schema is accepted as it was sent. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "web/apibody.h"

/* A schema with one field of every type. */
static const struct api_field fields[] = {
	{ "name", AT_STRING, true, false, 1, 10, 0 },
	{ "count", AT_INTEGER, false, false, 0, 100, 0 },
	{ "flag", AT_BOOLEAN, false, true, 0, 0, 0 },
	{ "level", AT_TEXT_OR_INT, false, false, 1, 6, 0 },
	{ "tags", AT_STRING_ARRAY, false, true, 1, 4, 3 },
	{ "answers", AT_STRING_MAP, false, false, 0, 5, 2 },
};
static const struct api_schema schema = { "TestBody", fields, sizeof(fields) / sizeof(fields[0]) };

/* Checks body s with content type ct; returns the error (status 0 when accepted). */
static struct api_error
check(const char *ct, const char *s)
{
	struct api_error e;
	json_t *v = api_body_check(&schema, ct, s, strlen(s), &e);

	if (v != NULL) {
		assert_true(json_is_object(v));
		json_decref(v);
		e.status = 0;
	} else {
		assert_true(e.message[0] != '\0');
	}
	return e;
}

/* Asserts that body s is refused with status and field. */
static void
refused(const char *s, int status, const char *field)
{
	struct api_error e = check("application/json", s);

	assert_int_equal(e.status, status);
	assert_string_equal(e.field, field);
}

static void
test_accepts_a_body_that_keeps_the_schema(void **state)
{
	const char *s = "{\"name\": \"Lena\", \"count\": 100, \"flag\": null, \"level\": \"good\", "
	                "\"tags\": [\"a\", \"bcd\"], \"answers\": {\"x\": \"yes\", \"y@z\": \"\"}}";
	struct api_error e;
	json_t *v;

	(void)state;
	v = api_body_check(&schema, "application/json; charset=utf-8", s, strlen(s), &e);
	assert_non_null(v);
	assert_string_equal(json_string_value(json_object_get(v, "name")), "Lena");
	assert_int_equal(json_integer_value(json_object_get(v, "count")), 100);
	assert_int_equal(json_array_size(json_object_get(v, "tags")), 2);
	json_decref(v);
	assert_int_equal(check("application/json", "{\"name\": \"x\", \"level\": 6}").status, 0);
}

static void
test_content_type_and_size(void **state)
{
	char *big;
	struct api_error e;

	(void)state;
	assert_int_equal(check(NULL, "{\"name\": \"x\"}").status, 415);
	assert_int_equal(check("text/plain", "{\"name\": \"x\"}").status, 415);
	assert_int_equal(check("application/jsonp", "{\"name\": \"x\"}").status, 415);
	assert_int_equal(check("application/x-www-form-urlencoded", "name=x").status, 415);
	big = calloc(1, API_BODY_MAX + 2);
	assert_non_null(big);
	memset(big, ' ', API_BODY_MAX + 1);
	big[0] = '{';
	big[API_BODY_MAX] = '}';
	e = check("application/json", big);
	assert_int_equal(e.status, 413);
	assert_non_null(strstr(e.message, "65536"));
	big[API_BODY_MAX] = ' ';
	big[API_BODY_MAX - 1] = '}';
	big[API_BODY_MAX] = '\0';
	/* Exactly the limit is read (and refused only for the missing name). */
	refused(big, 400, "name");
	free(big);
}

static void
test_malformed_json(void **state)
{
	(void)state;
	refused("", 400, "");
	refused("{\"name\": \"x\"", 400, "");
	refused("{\"name\": \"x\", \"name\": \"y\"}", 400, "");
	refused("[\"name\"]", 400, "");
	refused("\"name\"", 400, "");
	refused("{\"name\": \"a\\u0000b\"}", 400, "");
	refused("{\"name\": \"\xff\"}", 400, "");
	assert_non_null(strstr(check("application/json", "{,}").message, "not valid JSON"));
}

static void
test_fields(void **state)
{
	(void)state;
	refused("{\"name\": \"x\", \"colour\": \"red\"}", 400, "colour");
	refused("{\"count\": 1}", 400, "name");
	refused("{\"name\": null}", 400, "name");
	refused("{\"name\": 7}", 400, "name");
	refused("{\"name\": \"x\", \"count\": \"7\"}", 400, "count");
	refused("{\"name\": \"x\", \"count\": 7.5}", 400, "count");
	refused("{\"name\": \"x\", \"flag\": 1}", 400, "flag");
	refused("{\"name\": \"x\", \"level\": [4]}", 400, "level");
	refused("{\"name\": \"x\", \"tags\": \"a\"}", 400, "tags");
	refused("{\"name\": \"x\", \"tags\": [1]}", 400, "tags");
	refused("{\"name\": \"x\", \"answers\": [\"a\"]}", 400, "answers");
	refused("{\"name\": \"x\", \"answers\": {\"a\": 4}}", 400, "answers");
	refused("{\"name\": \"x\", \"answers\": null}", 400, "answers");
}

static void
test_limits(void **state)
{
	(void)state;
	refused("{\"name\": \"\"}", 422, "name");
	refused("{\"name\": \"12345678901\"}", 422, "name");
	assert_int_equal(check("application/json", "{\"name\": \"1234567890\"}").status, 0);
	refused("{\"name\": \"x\", \"count\": 101}", 422, "count");
	refused("{\"name\": \"x\", \"count\": -1}", 422, "count");
	refused("{\"name\": \"x\", \"level\": 7}", 422, "level");
	refused("{\"name\": \"x\", \"level\": \"1234567\"}", 422, "level");
	refused("{\"name\": \"x\", \"tags\": [\"a\", \"b\", \"c\", \"d\"]}", 422, "tags");
	refused("{\"name\": \"x\", \"tags\": [\"abcde\"]}", 422, "tags");
	refused("{\"name\": \"x\", \"tags\": [\"\"]}", 422, "tags");
	refused("{\"name\": \"x\", \"answers\": {\"a\": \"1\", \"b\": \"2\", \"c\": \"3\"}}", 422,
	    "answers");
	refused("{\"name\": \"x\", \"answers\": {\"a\": \"123456\"}}", 422, "answers");
}

/* A key cut to the message's place ("%.60s") or to field[] in the middle
 * of a character still gives a message and field in valid UTF-8 (a JSON
 * error cannot hold anything else: the server sent an empty 400). */
static void
test_cut_key_stays_utf8(void **state)
{
	static const char *const keys[] = {
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\xc3\xa9",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		"\xc3\xa9",
		"\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80"
		"\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80"
		"\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80"
		"\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80"
		"\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80",
	};
	char body[512];

	(void)state;
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		struct api_error e;

		snprintf(body, sizeof(body), "{\"%s\": 1}", keys[i]);
		e = check("application/json", body);
		assert_int_equal(e.status, 400);
		assert_true(text_utf8_valid(e.message, strlen(e.message)));
		assert_true(text_utf8_valid(e.field, strlen(e.field)));
		assert_true(e.field[0] != '\0');
		snprintf(body, sizeof(body), "{\"answers\": {\"%s\": 1}}", keys[i]);
		e = check("application/json", body);
		assert_int_equal(e.status, 400);
		assert_string_equal(e.field, "answers");
		assert_true(text_utf8_valid(e.message, strlen(e.message)));
	}
}

static void
test_schema_json(void **state)
{
	json_t *j = api_schema_json(&schema);
	json_t *f;

	(void)state;
	assert_string_equal(json_string_value(json_object_get(j, "name")), "TestBody");
	f = json_array_get(json_object_get(j, "fields"), 4);
	assert_string_equal(json_string_value(json_object_get(f, "name")), "tags");
	assert_string_equal(json_string_value(json_object_get(f, "type")), "array of strings");
	assert_int_equal(json_integer_value(json_object_get(f, "max_items")), 3);
	assert_true(json_is_true(json_object_get(f, "nullable")));
	json_decref(j);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_accepts_a_body_that_keeps_the_schema),
		cmocka_unit_test(test_content_type_and_size),
		cmocka_unit_test(test_malformed_json),
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_schema_json),
		cmocka_unit_test(test_cut_key_stays_utf8),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
