/*
 * Unit tests for app/surveys/rscale: the six shipped scales against the
 * table of docs/guide-surveys.md ("Response scales": levels in order,
 * agreeing ones in bold, the "don't know" level last), and the rules for a
 * scale file written there and in rscale.h: unknown keys refused, at least
 * one positive level, at least one level neither positive nor "don't
 * know", at most one "don't know", no label or alias used twice (case
 * ignored).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "app/surveys/rscale.h"
#include "core/survey.h"

/*
 * The guide's table: labels separated by '|', a leading '*' marks an
 * agreeing (bold) level, a leading '?' the "don't know" level.
 */
static const struct {
	const char *code;
	const char *levels;
} guide[] = {
	{ "agree5",
	    "*Strongly agree|*Agree|Neither agree nor disagree|Disagree|Strongly "
	    "disagree|?Don't know" },
	{ "agree4", "*Strongly agree|*Agree|Disagree|Strongly disagree|?Don't know" },
	{ "yesno3", "*Yes|No|?Not sure" },
	{ "yesno2", "*Yes|No" },
	{ "frequency5", "*Always|*Most of the time|Sometimes|Hardly ever|Never|?Don't know" },
	{ "satisfied5",
	    "*Very satisfied|*Satisfied|Neither satisfied nor dissatisfied|"
	    "Dissatisfied|Very dissatisfied|?Don't know" },
};

static void
test_shipped_scales_as_documented(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(guide) / sizeof(guide[0]); i++) {
		struct survey_scale s;
		struct cairn_err err = { 0 };
		char want[512];
		const char *p;
		size_t k = 0;

		memset(&s, 0, sizeof(s));
		if (rscale_load(guide[i].code, &s, &err) != CAIRN_OK)
			fail_msg("%s: %s", guide[i].code, err.msg);
		assert_string_equal(s.code, guide[i].code);
		assert_non_null(s.name);
		snprintf(want, sizeof(want), "%s", guide[i].levels);
		p = want;
		while (p != NULL && *p != '\0') {
			const char *bar = strchr(p, '|');
			size_t n = bar != NULL ? (size_t)(bar - p) : strlen(p);
			bool pos = *p == '*', dk = *p == '?';
			char label[64];

			if (pos || dk) {
				p++;
				n--;
			}
			snprintf(label, sizeof(label), "%.*s", (int)n, p);
			if (k >= s.nlevels)
				fail_msg("%s: fewer levels than the guide", guide[i].code);
			assert_string_equal(s.levels[k].label, label);
			if (s.levels[k].positive != pos || s.levels[k].dont_know != dk)
				fail_msg("%s: level %s: positive %d, don't know %d", guide[i].code,
				    label, s.levels[k].positive, s.levels[k].dont_know);
			k++;
			p = bar != NULL ? bar + 1 : NULL;
		}
		assert_int_equal(s.nlevels, k);
		survey_scale_free(&s);
	}
}

static void
test_codes_and_unknown_code(void **state)
{
	char codes[256];
	struct survey_scale s;
	struct cairn_err err = { 0 };

	(void)state;
	rscale_codes(codes, sizeof(codes));
	for (size_t i = 0; i < sizeof(guide) / sizeof(guide[0]); i++)
		assert_non_null(strstr(codes, guide[i].code));
	memset(&s, 0, sizeof(s));
	assert_int_equal(rscale_load("agree7", &s, &err), CAIRN_EDATA);
	/* ... naming the valid codes. */
	assert_non_null(strstr(err.msg, "agree5"));
	assert_non_null(strstr(err.msg, "yesno2"));
	survey_scale_free(&s);
}

/* The guide's own example file parses, with its aliases. */
static void
test_guide_example(void **state)
{
	static const char text[] =
	    "{ \"code\": \"yesno3\", \"name\": \"Yes, no or not sure\",\n"
	    "  \"levels\": [ { \"label\": \"Yes\", \"positive\": true },\n"
	    "              { \"label\": \"No\" },\n"
	    "              { \"label\": \"Not sure\", \"dont_know\": true, \"aliases\": "
	    "[\"Unsure\", \"Don't know\"] } ] }";
	struct survey_scale s;
	struct cairn_err err = { 0 };

	(void)state;
	memset(&s, 0, sizeof(s));
	assert_int_equal(rscale_from_json(text, strlen(text), "ex.json", &s, &err), CAIRN_OK);
	assert_string_equal(s.code, "yesno3");
	assert_string_equal(s.name, "Yes, no or not sure");
	assert_int_equal(s.nlevels, 3);
	assert_true(s.levels[0].positive);
	assert_false(s.levels[1].positive);
	assert_false(s.levels[1].dont_know);
	assert_true(s.levels[2].dont_know);
	assert_int_equal(s.levels[2].naliases, 2);
	assert_string_equal(s.levels[2].aliases[0], "Unsure");
	assert_string_equal(s.levels[2].aliases[1], "Don't know");
	/* Answers match labels or aliases in any case (guide-surveys.md). */
	assert_int_equal(survey_scale_match(&s, "yes"), 0);
	assert_int_equal(survey_scale_match(&s, "UNSURE"), 2);
	assert_true(survey_scale_match(&s, "Maybe") < 0);
	survey_scale_free(&s);
}

/* Files that break a rule: each refused with an error naming the file. */
static void
test_rules_refused(void **state)
{
	static const char *const bad[] = {
		/* no positive level */
		"{\"code\":\"x\",\"name\":\"X\",\"levels\":[{\"label\":\"A\"},{\"label\":\"B\"}]}",
		/* every level positive or don't know */
		"{\"code\":\"x\",\"name\":\"X\",\"levels\":[{\"label\":\"A\",\"positive\":true},"
		"{\"label\":\"B\",\"dont_know\":true}]}",
		/* two don't know levels */
		"{\"code\":\"x\",\"name\":\"X\",\"levels\":[{\"label\":\"A\",\"positive\":true},"
		"{\"label\":\"B\"},{\"label\":\"C\",\"dont_know\":true},"
		"{\"label\":\"D\",\"dont_know\":true}]}",
		/* a label repeated, ignoring case */
		"{\"code\":\"x\",\"name\":\"X\",\"levels\":[{\"label\":\"Yes\",\"positive\":true},"
		"{\"label\":\"No\"},{\"label\":\"YES\"}]}",
		/* an alias repeating another level's label */
		"{\"code\":\"x\",\"name\":\"X\",\"levels\":[{\"label\":\"Yes\",\"positive\":true},"
		"{\"label\":\"No\",\"aliases\":[\"yes\"]}]}",
		/* an alias repeated across levels */
		"{\"code\":\"x\",\"name\":\"X\",\"levels\":[{\"label\":\"Yes\",\"positive\":true,"
		"\"aliases\":[\"Y\"]},{\"label\":\"No\",\"aliases\":[\"y\"]}]}",
		/* an unknown key at the top */
		"{\"code\":\"x\",\"name\":\"X\",\"colour\":\"red\",\"levels\":[{\"label\":\"Yes\","
		"\"positive\":true},{\"label\":\"No\"}]}",
		/* an unknown key in a level */
		"{\"code\":\"x\",\"name\":\"X\",\"levels\":[{\"label\":\"Yes\",\"positive\":true,"
		"\"score\":1},{\"label\":\"No\"}]}",
		/* no code */
		"{\"name\":\"X\",\"levels\":[{\"label\":\"Yes\",\"positive\":true},{\"label\":"
		"\"No\"}]}",
		/* a level without a label */
		"{\"code\":\"x\",\"name\":\"X\",\"levels\":[{\"positive\":true},{\"label\":\"No\"}]"
		"}",
		/* positive not a boolean */
		"{\"code\":\"x\",\"name\":\"X\",\"levels\":[{\"label\":\"Yes\",\"positive\":1},"
		"{\"label\":\"No\"}]}",
		/* levels not an array */
		"{\"code\":\"x\",\"name\":\"X\",\"levels\":{}}",
		/* not JSON */
		"{\"code\":\"x\",",
		/* not an object */
		"[]",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct survey_scale s;
		struct cairn_err err = { 0 };

		memset(&s, 0, sizeof(s));
		if (rscale_from_json(bad[i], strlen(bad[i]), "bad.json", &s, &err) != CAIRN_EDATA)
			fail_msg("accepted: %s", bad[i]);
		if (strstr(err.msg, "bad.json") == NULL)
			fail_msg("error does not name the file: %s", err.msg);
		survey_scale_free(&s);
	}
}

/* The smallest valid scale: one positive level, one plain level. */
static void
test_smallest_valid(void **state)
{
	static const char text[] =
	    "{\"code\":\"x\",\"name\":\"X\",\"levels\":[{\"label\":\"Yes\",\"positive\":true},"
	    "{\"label\":\"No\"}]}";
	struct survey_scale s;
	struct cairn_err err = { 0 };

	(void)state;
	memset(&s, 0, sizeof(s));
	assert_int_equal(rscale_from_json(text, strlen(text), "ok.json", &s, &err), CAIRN_OK);
	assert_int_equal(s.nlevels, 2);
	assert_false(s.levels[1].dont_know);
	survey_scale_free(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shipped_scales_as_documented),
		cmocka_unit_test(test_codes_and_unknown_code),
		cmocka_unit_test(test_guide_example),
		cmocka_unit_test(test_rules_refused),
		cmocka_unit_test(test_smallest_valid),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
