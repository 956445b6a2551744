/*
 * The news release's opening summary for grade profiles, several taken
 * from real published inspections (domain.md section 4).  Expected texts
 * are written by hand from the published counts.
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
#include "core/buf.h"
#include "core/embed.h"
#include "core/mem.h"
#include "render/release.h"

/* One row of the table: a framework, grades as "QI=GRADE" pairs, and the
 * exact summary expected. */
struct profile {
	const char *name;
	const char *framework;
	const char *grades[12];
	size_t counts[6]; /* expected counts by level, highest level first */
	const char *summary;
};

static const struct profile profiles[] = {
	{ "South Ayrshire 2016: three good, four adequate, two weak", "cyp-2014",
	    { "1.1=3", "2.1=4", "3.1=4", "5.1=3", "5.2=4", "5.3=3", "6.2=2", "6.3=3", "9.4=2" },
	    { 0, 0, 3, 4, 2, 0 },
	    "Across nine quality indicators, inspectors found three were \"good\" while four were "
	    "\"adequate\" and two were \"weak\". The indicators evaluated as \"weak\" were "
	    "\"Planning and improving services\" (6.2) and \"Leadership of improvement and "
	    "change\" "
	    "(9.4)." },
	{ "Aberdeen 2014: six good, three adequate", "cyp-2014",
	    { "1.1=4", "2.1=4", "3.1=4", "5.1=4", "5.2=3", "5.3=3", "6.2=4", "6.3=4", "9.4=3" },
	    { 0, 0, 6, 3, 0, 0 },
	    "Across nine quality indicators, inspectors found six were \"good\" while three were "
	    "\"adequate\"." },
	{ "all nine good", "cyp-2014",
	    { "1.1=4", "2.1=4", "3.1=4", "5.1=4", "5.2=4", "5.3=4", "6.2=4", "6.3=4", "9.4=4" },
	    { 0, 0, 9, 0, 0, 0 },
	    "Across nine quality indicators, inspectors found all nine were \"good\"." },
	{ "every level present", "cyp-2014",
	    { "1.1=6", "2.1=5", "3.1=4", "5.1=3", "5.2=2", "5.3=1", "6.2=4", "6.3=5", "9.4=3" },
	    { 1, 2, 2, 2, 1, 1 },
	    "Across nine quality indicators, inspectors found one was \"excellent\" while two were "
	    "\"very good\", two were \"good\", two were \"adequate\", one was \"weak\" and one was "
	    "\"unsatisfactory\". The indicator evaluated as \"excellent\" was \"Improvements in "
	    "the "
	    "wellbeing of children and young people\" (1.1). The indicator evaluated as \"weak\" "
	    "was "
	    "\"Assessing and responding to risks and needs\" (5.2). The indicator evaluated as "
	    "\"unsatisfactory\" was \"Planning for individual children and young people\" (5.3)." },
	{ "a single indicator (East Lothian 2024)", "at-risk-2021", { "2.1=very good" },
	    { 0, 1, 0, 0, 0, 0 },
	    "Inspectors evaluated one quality indicator, \"Impact on children and young people\" "
	    "(2.1), as \"very good\"." },
	{ "ten indicators (North Lanarkshire 2014): seven very good, three good", "cyp-2014",
	    { "1.1=5", "2.1=5", "3.1=5", "5.1=5", "5.2=4", "5.3=4", "6.2=5", "6.3=5", "9.4=5",
	        "9.2=4" },
	    { 0, 7, 3, 0, 0, 0 },
	    "Across ten quality indicators, inspectors found seven were \"very good\" while three "
	    "were \"good\"." },
	{ "Inverclyde 2017: one excellent, five very good, two good, one adequate", "cyp-2014",
	    { "1.1=5", "2.1=5", "3.1=5", "5.1=5", "5.2=3", "5.3=4", "6.2=4", "6.3=6", "9.4=5" },
	    { 1, 5, 2, 1, 0, 0 },
	    "Across nine quality indicators, inspectors found one was \"excellent\" while five "
	    "were "
	    "\"very good\", two were \"good\" and one was \"adequate\". The indicator evaluated as "
	    "\"excellent\" was \"Participation of children, young people, families and other "
	    "stakeholders\" (6.3)." },
	{ "a four-point framework (ILACS)", "ilacs-2018",
	    { "OE=requires improvement to be good", "L=2", "HP=3", "CIC=3", "CL=inadequate" },
	    { 0, 2, 2, 1 },
	    "Across five quality indicators, inspectors found two were \"good\" while two were "
	    "\"requires improvement to be good\" and one was \"inadequate\". The indicators "
	    "evaluated "
	    "as \"requires improvement to be good\" were \"Overall effectiveness\" (OE) and \"The "
	    "impact of leaders on social work practice with children and families\" (L). The "
	    "indicator evaluated as \"inadequate\" was \"The experiences and progress of care "
	    "leavers\" (CL)." },
	{ "two indicators both weak", "cso-2025", { "2.1=2", "9.2=weak" }, { 0, 0, 0, 0, 2, 0 },
	    "Across two quality indicators, inspectors found both were \"weak\". The indicators "
	    "evaluated as \"weak\" were \"Impact on children and young people\" (2.1) and "
	    "\"Leadership of strategy and direction\" (9.2)." },
};

/* Builds a dossier in memory for a profile. */
static void
make_dossier(const struct profile *p, struct dossier *d)
{
	char name[128];
	const struct embed_file *e;
	struct cairn_err err = { 0 };
	size_t n = 0;

	memset(d, 0, sizeof(*d));
	snprintf(name, sizeof(name), "models/%s/framework.json", p->framework);
	e = embed_find(name);
	assert_non_null(e);
	assert_int_equal(framework_from_json(e->data, e->len, name, &d->fw, &err), CAIRN_OK);
	while (n < 12 && p->grades[n] != NULL)
		n++;
	d->evals = xcalloc(n, sizeof(*d->evals));
	for (size_t i = 0; i < n; i++) {
		const char *eq = strchr(p->grades[i], '=');

		d->evals[i].qi = xstrndup(p->grades[i], (size_t)(eq - p->grades[i]));
		assert_true(scale_parse(&d->fw.scale, eq + 1, &d->evals[i].grade));
	}
	d->nevals = n;
	d->in.id = 1;
	d->in.title = xstrdup("Test inspection");
	d->in.partnership = xstrdup("Testshire");
	d->in.framework_code = xstrdup(p->framework);
}

static void
test_profiles(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(profiles) / sizeof(profiles[0]); i++) {
		const struct profile *p = &profiles[i];
		struct dossier d;
		struct release r;
		struct cairn_err err = { 0 };

		make_dossier(p, &d);
		assert_int_equal(release_build(&d, &r, &err), CAIRN_OK);
		if (strcmp(r.summary, p->summary) != 0)
			fail_msg("%s:\n got:  %s\n want: %s", p->name, r.summary, p->summary);
		assert_int_equal(r.indicator_count, d.nevals);
		for (size_t l = 0; l < r.nlevels; l++)
			if (r.counts[l] != p->counts[l])
				fail_msg("%s: level %zu count %zu, want %zu", p->name, l,
				    r.counts[l], p->counts[l]);
		assert_non_null(strstr(r.text, p->summary));
		assert_null(strstr(r.summary, "zero"));
		release_free(&r);
		dossier_free(&d);
	}
}

static void
test_nothing_graded_is_an_error(void **state)
{
	struct profile p = { "none", "cyp-2014", { NULL }, { 0 }, "" };
	struct dossier d;
	struct release r;
	struct cairn_err err = { 0 };

	(void)state;
	make_dossier(&p, &d);
	assert_int_equal(release_build(&d, &r, &err), CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "no graded indicators"));
	dossier_free(&d);
}

static void
test_release_text_carries_the_facts(void **state)
{
	struct dossier d;
	struct release r;
	struct cairn_err err = { 0 };

	(void)state;
	make_dossier(&profiles[0], &d);
	d.in.agencies = xcalloc(2, sizeof(char *));
	d.in.agencies[0] = xstrdup("Care Inspectorate");
	d.in.agencies[1] = xstrdup("Education Scotland");
	d.in.nagencies = 2;
	snprintf(d.in.fieldwork_from, sizeof(d.in.fieldwork_from), "2016-04-25");
	snprintf(d.in.fieldwork_to, sizeof(d.in.fieldwork_to), "2016-06-10");
	d.in.confidence = CONFIDENCE_NOT;
	assert_int_equal(release_build(&d, &r, &err), CAIRN_OK);
	/* As Care Inspectorate news 3404 words it: "The inspection was carried out
	 * by the Care Inspectorate with ... between 25 April and 10 June 2016." */
	assert_non_null(strstr(r.text,
	    "The inspection was carried out by the Care Inspectorate "
	    "with Education Scotland between 25 April and 10 June "
	    "2016."));
	assert_non_null(strstr(r.text, "These are among the key findings of a joint inspection"));
	assert_non_null(strstr(r.text, "Confidence statement: Not confident."));
	/* No methods recorded: the release says so rather than inventing any. */
	assert_non_null(strstr(r.text, "The methods used have not been recorded."));
	release_free(&r);
	/* The methods paragraph from the counts, written out by hand. */
	d.methods.records_read = 42;
	d.methods.held[ACTIVITY_FOCUS_GROUP] = 2;
	d.methods.people[PEOPLE_STAFF] = 15;
	assert_int_equal(release_build(&d, &r, &err), CAIRN_OK);
	assert_non_null(strstr(r.text,
	    "Inspectors read the records of 42 children. They held 2 fieldwork activities: 2 focus "
	    "groups. They met 15 people: 15 members of staff."));
	release_free(&r);
	dossier_free(&d);
}

/* A release text is cut into its embargo line, title and paragraphs, and
 * written as Markdown with its special characters escaped. */
static void
test_parts_and_markdown(void **state)
{
	static const char text[] = "EMBARGOED: until 00:01\n\nJoint inspection of *Glenmoor*\n\n"
	                           "First paragraph.\nSame one.\n\n  \n\nSecond [link].\n";
	struct release_parts p;
	struct buf md = BUF_INIT;

	(void)state;
	release_parts_read(text, strlen(text), &p);
	assert_string_equal(p.embargo, "EMBARGOED: until 00:01");
	assert_string_equal(p.title, "Joint inspection of *Glenmoor*");
	assert_int_equal(p.nparas, 2);
	assert_string_equal(p.paras[0], "First paragraph.\nSame one.");
	assert_string_equal(p.paras[1], "Second [link].");
	release_parts_md(&p, &md);
	assert_string_equal(buf_str(&md),
	    "**EMBARGOED: until 00:01**\n\n# Joint inspection of \\*Glenmoor\\*\n\n"
	    "First paragraph.\nSame one.\n\nSecond \\[link\\].\n\n");
	buf_free(&md);
	release_parts_free(&p);
	release_parts_free(&p); /* a no-op on a zeroed struct */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_profiles),
		cmocka_unit_test(test_nothing_graded_is_an_error),
		cmocka_unit_test(test_release_text_carries_the_facts),
		cmocka_unit_test(test_parts_and_markdown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
