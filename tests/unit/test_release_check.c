/*
 * The release consistency check (app/publication/release_check.c): every release that
 * 'cairn release' generates for real published profiles agrees with its
 * grades; texts worded as the Care Inspectorate's releases agree; the
 * Inverclyde 2017 council release (four very good, two good, one excellent
 * and one adequate: eight, for nine indicators; domain.md 4.2) and other
 * faulty texts fail with the specific disagreements.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/setup/framework.h"
#include "app/publication/release_check.h"
#include "core/embed.h"
#include "core/mem.h"
#include "render/release.h"

/* Builds a dossier from "QI=GRADE" pairs (NULL-terminated). */
static void
make_dossier(const char *framework, const char *const *grades, struct dossier *d)
{
	char name[128];
	const struct embed_file *e;
	struct cairn_err err = { 0 };
	size_t n = 0;

	memset(d, 0, sizeof(*d));
	snprintf(name, sizeof(name), "models/%s/framework.json", framework);
	e = embed_find(name);
	assert_non_null(e);
	assert_int_equal(framework_from_json(e->data, e->len, name, &d->fw, &err), CAIRN_OK);
	while (grades[n] != NULL)
		n++;
	d->evals = xcalloc(n + 1, sizeof(*d->evals));
	for (size_t i = 0; i < n; i++) {
		const char *eq = strchr(grades[i], '=');

		d->evals[i].qi = xstrndup(grades[i], (size_t)(eq - grades[i]));
		assert_true(scale_parse(&d->fw.scale, eq + 1, &d->evals[i].grade));
	}
	d->nevals = n;
	d->in.id = 1;
	d->in.title = xstrdup("Joint inspection of services for children and young people");
	d->in.partnership = xstrdup("Testshire");
	d->in.framework_code = xstrdup(framework);
}

/* Inverclyde 2017 as the Care Inspectorate published it: participation
 * (6.3) excellent, 5.2 adequate, five very good and two good.  Which
 * indicators were very good and which good is not published; the split
 * below is arbitrary. */
static const char *const inverclyde[] = { "1.1=5", "2.1=5", "3.1=5", "5.1=5", "5.2=3", "5.3=4",
	"6.2=4", "6.3=6", "9.4=5", NULL };
/* South Ayrshire 2016 (CI news 3404; the four adequate inferred). */
static const char *const south_ayrshire[] = { "1.1=3", "2.1=4", "3.1=4", "5.1=3", "5.2=4", "5.3=3",
	"6.2=2", "6.3=3", "9.4=2", NULL };

/* Runs the check and returns the number of disagreements; out receives
 * the issues joined by newlines. */
static size_t
check(const struct dossier *d, const char *text, struct release_check *r)
{
	struct cairn_err err = { 0 };

	assert_int_equal(release_check_text(d, text, strlen(text), r, &err), CAIRN_OK);
	return r->nissues;
}

/* Returns true if some issue contains s. */
static bool
has_issue(const struct release_check *r, const char *s)
{
	for (size_t i = 0; i < r->nissues; i++)
		if (strstr(r->issues[i], s) != NULL)
			return true;
	return false;
}

static void
test_generated_releases_agree(void **state)
{
	static const struct {
		const char *framework;
		const char *grades[12];
	} cases[] = {
		{ "cyp-2014",
		    { "1.1=3", "2.1=4", "3.1=4", "5.1=3", "5.2=4", "5.3=3", "6.2=2", "6.3=3",
		        "9.4=2", NULL } },
		{ "cyp-2014",
		    { "1.1=5", "2.1=5", "3.1=5", "5.1=5", "5.2=3", "5.3=4", "6.2=4", "6.3=6",
		        "9.4=5", NULL } },
		{ "cyp-2014",
		    { "1.1=5", "2.1=5", "3.1=5", "5.1=5", "5.2=4", "5.3=4", "6.2=5", "6.3=5",
		        "9.4=5", "9.2=4", NULL } },
		{ "cyp-2014",
		    { "1.1=4", "2.1=4", "3.1=4", "5.1=4", "5.2=4", "5.3=4", "6.2=4", "6.3=4",
		        "9.4=4", NULL } },
		{ "cyp-2014",
		    { "1.1=6", "2.1=5", "3.1=4", "5.1=3", "5.2=2", "5.3=1", "6.2=4", "6.3=5",
		        "9.4=3", NULL } },
		{ "ilacs-2018",
		    { "OE=requires improvement to be good", "L=2", "HP=3", "CIC=3", "CL=inadequate",
		        NULL } },
		{ "cso-2025", { "2.1=2", "9.2=weak", NULL } },
		{ "at-risk-2021", { "2.1=very good", NULL } },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct dossier d;
		struct release rel;
		struct release_check r;
		struct cairn_err err = { 0 };

		make_dossier(cases[i].framework, cases[i].grades, &d);
		assert_int_equal(release_build(&d, &rel, &err), CAIRN_OK);
		if (check(&d, rel.text, &r) != 0)
			fail_msg("case %zu: %s\n%s", i, r.issues[0], rel.text);
		assert_int_equal(r.total, (long)d.nevals);
		release_check_free(&r);
		release_free(&rel);
		dossier_free(&d);
	}
}

static void
test_inspectorate_wording_agrees(void **state)
{
	struct dossier d;
	struct release_check r;

	(void)state;
	make_dossier("cyp-2014", south_ayrshire, &d);
	assert_int_equal(check(&d,
	                     "Inspectors evaluated services across nine quality indicators: "
	                     "three good, four adequate and two weak. Leadership of improvement "
	                     "and change was "
	                     "evaluated as weak.",
	                     &r),
	    0);
	assert_int_equal(r.total, 9);
	assert_int_equal(r.counts[2], 3);
	assert_int_equal(r.counts[3], 4);
	assert_int_equal(r.counts[4], 2);
	assert_int_equal(r.nclaims, 1);
	assert_string_equal(r.claims[0].qi, "9.4");
	release_check_free(&r);
	dossier_free(&d);
	make_dossier("cyp-2014", inverclyde, &d);
	assert_int_equal(check(&d,
	                     "Across nine quality indicators, five were evaluated as very "
	                     "good, two as good and one as adequate. Participation of children, "
	                     "young people, "
	                     "families and other stakeholders was evaluated as excellent, the "
	                     "first in Scotland.",
	                     &r),
	    0);
	release_check_free(&r);
	dossier_free(&d);
}

static void
test_inverclyde_council_release_fails(void **state)
{
	struct dossier d;
	struct release_check r;

	(void)state;
	make_dossier("cyp-2014", inverclyde, &d);
	assert_int_equal(check(&d,
	                     "Inverclyde's services for children and young people have "
	                     "been rated among the best in Scotland. Across nine quality "
	                     "indicators, inspectors "
	                     "rated 4 as very good, 2 as good, 1 as excellent and 1 as adequate.",
	                     &r),
	    2);
	assert_int_equal(r.total, 9);
	assert_int_equal(r.counts[1], 4);
	assert_true(has_issue(&r,
	    "the counts by level add up to eight, not the nine indicators "
	    "the text states"));
	assert_true(has_issue(&r, "the text says four \"Very good\"; five are stored"));
	release_check_free(&r);
	dossier_free(&d);
}

static void
test_other_faults(void **state)
{
	struct dossier d;
	struct release_check r;

	(void)state;
	make_dossier("cyp-2014", south_ayrshire, &d);
	/* a wrong total, a missing level and a misnamed indicator */
	assert_int_equal(check(&d,
	                     "Across ten quality indicators, three were good and four were "
	                     "adequate. The indicator evaluated as \"adequate\" was \"Leadership "
	                     "of improvement and "
	                     "change\" (9.4).",
	                     &r),
	    4);
	assert_true(has_issue(&r, "the text counts ten quality indicators; nine are graded"));
	assert_true(has_issue(&r, "add up to seven, not the ten"));
	assert_true(has_issue(&r, "the text gives no count for \"Weak\"; two are stored"));
	assert_true(has_issue(&r, "the text names 9.4 as \"Adequate\"; it is graded \"Weak\""));
	release_check_free(&r);
	/* a text that states nothing about grades */
	assert_int_equal(check(&d, "Services were inspected in 2016.", &r), 1);
	assert_true(has_issue(&r, "states no grades"));
	release_check_free(&r);
	/* the scale legend is not read as counts */
	assert_int_equal(check(&d,
	                     "Three were good, four adequate and two weak. Notes: the grades "
	                     "use the six-point scale (6 Excellent, 5 Very good, 4 Good, 3 "
	                     "Adequate).",
	                     &r),
	    0);
	release_check_free(&r);
	dossier_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_generated_releases_agree),
		cmocka_unit_test(test_inspectorate_wording_agrees),
		cmocka_unit_test(test_inverclyde_council_release_fails),
		cmocka_unit_test(test_other_faults),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
