/*
 * The report model (app/publication/report_model.c), against
 * docs/guide-report.md ("The template") and the shipped template
 * data/report-templates/default.json: the sections in the template's
 * order with its titles, a section whose data does not exist left out
 * (records reading, surveys, outcomes here), the appendices marked as
 * such, the internal version marked not for publication, and the young
 * people's version giving each grade in the template's plain words.
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

#include "app/evaluation/dossier.h"
#include "app/publication/report_model.h"
#include "app/setup/init.h"
#include "app/setup/inspection.h"
#include "store/store.h"
#include "testdb.h"

static char dir[] = "/tmp/cairn-test-report-model.XXXXXX";
static char path[512];
static struct store *st;
static const struct actor who = { "lead", "test", NULL, true };
static long insp;

static int
setup(void **state)
{
	struct cairn_err err = { 0 };
	struct inspection_new req = { .partnership = "Northshire",
		.framework = "cyp-2014",
		.fieldwork = "2016-04-25..2016-06-10",
		.published = "2016-08-30",
		.agencies = "Care Inspectorate,Education Scotland",
		.methods = "read 104 records;met 60 staff",
		.context = "Northshire is a small rural partnership." };

	(void)state;
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/t.db", dir);
	if (app_init(path, &st, &err) != CAIRN_OK ||
	    app_inspection_create(st, &who, &req, &insp, &err) != CAIRN_OK ||
	    app_grade(st, &who, insp, "5.2", "good", "Sound plans", NULL, NULL, &err) != CAIRN_OK ||
	    app_grade(st, &who, insp, "2.1", "weak", NULL, NULL, NULL, &err) != CAIRN_OK ||
	    app_finding_add(st, &who, insp, "strength", "Staff know children well.", "5.2", NULL,
	        &err) != CAIRN_OK ||
	    app_finding_add(st, &who, insp, "improvement", "Assess risk promptly.", "2.1", NULL,
	        &err) != CAIRN_OK ||
	    app_confidence_set(st, &who, insp, "confident", "We are confident.", &err) != CAIRN_OK)
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

/* Builds the report for audience and version into *doc. */
static void
build(enum report_audience audience, enum report_version version, struct doc *doc)
{
	struct cairn_err err = { 0 };
	struct report_settings set;
	struct dossier d;

	assert_int_equal(report_settings_load(st, insp, &set, &err), CAIRN_OK);
	assert_int_equal(app_dossier_load(st, insp, &d, &err), CAIRN_OK);
	assert_int_equal(report_model_build(st, &d, &set, audience, version, doc, &err), CAIRN_OK);
	dossier_free(&d);
	report_settings_free(&set);
}

/* Returns the index of the level-1 section titled title, or -1. */
static long
chapter(const struct doc *doc, const char *title)
{
	for (size_t i = 0; i < doc->nsections; i++)
		if (doc->sections[i].level == 1 && strcmp(doc->sections[i].title, title) == 0)
			return (long)i;
	return -1;
}

/* Returns true if some paragraph, Markdown or list item of doc holds s. */
static bool
says(const struct doc *doc, const char *s)
{
	for (size_t i = 0; i < doc->nsections; i++)
		for (size_t j = 0; j < doc->sections[i].nblocks; j++) {
			const struct doc_block *b = &doc->sections[i].blocks[j];

			if (b->text != NULL && strstr(b->text, s) != NULL)
				return true;
			for (size_t k = 0; k < b->nitems; k++)
				if (strstr(b->items[k], s) != NULL)
					return true;
		}
	return false;
}

/* The full public report: the template's chapters in its order, those
 * without data left out, the appendices last and marked. */
static void
test_sections(void **state)
{
	/* The cyp-2014 pack's template: the 2015-2017 reports' headings
	 * (Dundee 2016, Angus 2016, West Lothian 2017; domain.md 3.1). */
	static const char *const in_order[] = { "1. Introduction",
		"2. How we conducted the inspection",
		"3. The community planning partnership and context for the delivery of services to "
		"children, young people and families",
		"Our evaluations at a glance",
		"4. How well are the lives of children, young people and families improving?",
		"5. How well are partners working together to improve the lives of children, young "
		"people and families?",
		"6. How good is the leadership and direction of services for children and young "
		"people?",
		"7. Conclusion, areas of particular strength and areas for improvement",
		"8. What happens next?", "Appendix 1: Evaluated indicators of quality",
		"Appendix 2: The terms we use in this report",
		"Appendix 3: The quality indicator framework" };
	struct doc doc;
	long last = -1;

	(void)state;
	build(REPORT_PUBLIC, REPORT_FULL, &doc);
	for (size_t i = 0; i < sizeof(in_order) / sizeof(in_order[0]); i++) {
		long at = chapter(&doc, in_order[i]);

		if (at < 0)
			fail_msg("no chapter '%s'", in_order[i]);
		assert_true(at > last);
		last = at;
		assert_int_equal(doc.sections[at].appendix,
		    strncmp(in_order[i], "Appendix", 8) == 0);
	}
	assert_int_equal(chapter(&doc, "What we found from reading children's records"), -1);
	assert_int_equal(chapter(&doc, "What people told us in our surveys"), -1);
	assert_int_equal(chapter(&doc, "Outcomes for children and young people"), -1);
	assert_null(doc.marking);
	assert_true(says(&doc, "Northshire is a small rural partnership."));
	assert_true(says(&doc, "Staff know children well."));
	assert_true(says(&doc, "Assess risk promptly."));
	doc_free(&doc);
}

/* The internal version is marked on every page as not for publication. */
static void
test_internal(void **state)
{
	struct doc doc;

	(void)state;
	build(REPORT_INTERNAL, REPORT_FULL, &doc);
	assert_non_null(doc.marking);
	assert_non_null(strstr(doc.marking, "NOT FOR PUBLICATION"));
	doc_free(&doc);
}

/* The young people's version: the grades in the template's plain words
 * (grade_words: 4 "good: more strengths than things to improve", 2
 * "weak: important things need to get better soon"), and no word for a
 * grade nobody gave. */
static void
test_young_people(void **state)
{
	struct doc doc;

	(void)state;
	build(REPORT_PUBLIC, REPORT_YOUNG_PEOPLE, &doc);
	assert_true(says(&doc, "good: more strengths than things to improve"));
	assert_true(says(&doc, "weak: important things need to get better soon"));
	assert_false(says(&doc, "excellent: one of the best we have seen"));
	assert_false(says(&doc, "unsatisfactory: things need to get better straight away"));
	assert_int_equal(chapter(&doc, "Appendix 3: The quality indicator framework"), -1);
	doc_free(&doc);
}

/* Audience and version names, in any case. */
static void
test_names(void **state)
{
	(void)state;
	assert_int_equal(report_name_parse(report_audience_name, REPORT_AUDIENCE__MAX, "public"),
	    REPORT_PUBLIC);
	assert_int_equal(report_name_parse(report_audience_name, REPORT_AUDIENCE__MAX, "Internal"),
	    REPORT_INTERNAL);
	assert_int_equal(report_name_parse(report_version_name, REPORT_VERSION__MAX,
	                     "young-people"),
	    REPORT_YOUNG_PEOPLE);
	assert_int_equal(report_name_parse(report_version_name, REPORT_VERSION__MAX, "short"), -1);
	assert_int_equal(report_name_parse(report_version_name, REPORT_VERSION__MAX, NULL), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sections),
		cmocka_unit_test(test_internal),
		cmocka_unit_test(test_young_people),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
