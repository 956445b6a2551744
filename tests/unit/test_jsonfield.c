/*
 * Unit tests for app/setup/jsonfield: the one form of a data file's errors
 * (jsonfield.h: "NAME: field PATHKEY: what is wrong", CAIRN_EDATA), unknown
 * members refused, strings of 1 to max bytes, booleans with defaults.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "app/setup/jsonfield.h"

static json_t *
parse(const char *text)
{
	json_error_t je;
	json_t *v = json_loads(text, JSON_ALLOW_NUL, &je);

	if (v == NULL)
		fail_msg("bad test JSON: %s", je.text);
	return v;
}

static void
test_only_allowed_members(void **state)
{
	static const char *const allowed[] = { "code", "name", NULL };
	json_t *ok = parse("{\"code\":\"a\",\"name\":\"b\"}");
	json_t *some = parse("{\"name\":\"b\"}");
	json_t *extra = parse("{\"code\":\"a\",\"colour\":\"red\"}");
	struct cairn_err err = { 0 };

	(void)state;
	assert_int_equal(jsonfield_only(ok, allowed, "f.json", "", &err), CAIRN_OK);
	assert_int_equal(jsonfield_only(some, allowed, "f.json", "", &err), CAIRN_OK);
	assert_int_equal(jsonfield_only(extra, allowed, "f.json", "levels[2].", &err), CAIRN_EDATA);
	/* NAME: field PATHKEY: what is wrong */
	assert_non_null(strstr(err.msg, "f.json: field levels[2].colour: "));
	json_decref(ok);
	json_decref(some);
	json_decref(extra);
}

static void
test_strings(void **state)
{
	json_t *o = parse("{\"a\":\"abc\",\"empty\":\"\",\"num\":3,\"nul\":null,"
	                  "\"long\":\"abcdef\",\"zero\":\"a\\u0000b\"}");
	struct cairn_err err = { 0 };
	char *s = (char *)1;

	(void)state;
	assert_int_equal(jsonfield_str(o, "a", true, 3, "f.json", "", &s, &err), CAIRN_OK);
	assert_string_equal(s, "abc");
	free(s);
	/* Longer than max (6 > 5 bytes). */
	assert_int_equal(jsonfield_str(o, "long", true, 5, "f.json", "", &s, &err), CAIRN_EDATA);
	assert_null(s);
	assert_non_null(strstr(err.msg, "f.json: field long: "));
	assert_non_null(strstr(err.msg, "1 to 5 bytes"));
	cairn_err_clear(&err);
	/* Empty: under the minimum of 1 byte. */
	assert_int_equal(jsonfield_str(o, "empty", false, 5, "f.json", "", &s, &err), CAIRN_EDATA);
	cairn_err_clear(&err);
	/* Not a string. */
	assert_int_equal(jsonfield_str(o, "num", true, 5, "f.json", "x.", &s, &err), CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "f.json: field x.num: "));
	cairn_err_clear(&err);
	/* A NUL inside is not a C string of that length. */
	assert_int_equal(jsonfield_str(o, "zero", true, 5, "f.json", "", &s, &err), CAIRN_EDATA);
	cairn_err_clear(&err);
	/* Absent or null: an error when required, else NULL. */
	assert_int_equal(jsonfield_str(o, "missing", true, 5, "f.json", "", &s, &err), CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "f.json: field missing: required"));
	cairn_err_clear(&err);
	assert_int_equal(jsonfield_str(o, "nul", true, 5, "f.json", "", &s, &err), CAIRN_EDATA);
	cairn_err_clear(&err);
	s = (char *)1;
	assert_int_equal(jsonfield_str(o, "missing", false, 5, "f.json", "", &s, &err), CAIRN_OK);
	assert_null(s);
	s = (char *)1;
	assert_int_equal(jsonfield_str(o, "nul", false, 5, "f.json", "", &s, &err), CAIRN_OK);
	assert_null(s);
	/* jsonfield_text: absent value, and an array element's path. */
	assert_int_equal(jsonfield_text(NULL, 5, "f.json", "levels[0].", "label", &s, &err),
	    CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "f.json: field levels[0].label: required"));
	cairn_err_clear(&err);
	assert_int_equal(jsonfield_text(json_object_get(o, "a"), 3, "f.json", "", "a", &s, &err),
	    CAIRN_OK);
	assert_string_equal(s, "abc");
	free(s);
	json_decref(o);
}

static void
test_booleans(void **state)
{
	json_t *o = parse("{\"t\":true,\"f\":false,\"s\":\"true\",\"n\":1,\"nul\":null}");
	struct cairn_err err = { 0 };
	bool b;

	(void)state;
	assert_int_equal(jsonfield_bool(o, "t", true, false, "f.json", "", &b, &err), CAIRN_OK);
	assert_true(b);
	assert_int_equal(jsonfield_bool(o, "f", true, true, "f.json", "", &b, &err), CAIRN_OK);
	assert_false(b);
	/* Absent: the default, or an error when required. */
	assert_int_equal(jsonfield_bool(o, "x", false, true, "f.json", "", &b, &err), CAIRN_OK);
	assert_true(b);
	assert_int_equal(jsonfield_bool(o, "x", false, false, "f.json", "", &b, &err), CAIRN_OK);
	assert_false(b);
	assert_int_equal(jsonfield_bool(o, "x", true, false, "f.json", "p.", &b, &err),
	    CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "f.json: field p.x: required"));
	/* Only true and false are booleans. */
	for (const char *const *k = (const char *const[]){ "s", "n", "nul", NULL }; *k; k++) {
		cairn_err_clear(&err);
		assert_int_equal(jsonfield_bool(o, *k, false, false, "f.json", "", &b, &err),
		    CAIRN_EDATA);
		assert_non_null(strstr(err.msg, "must be true or false"));
	}
	json_decref(o);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_only_allowed_members),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_booleans),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
