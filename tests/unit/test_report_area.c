/*
 * The report's area (app/publication/report_area.c) and the report sections made from
 * it: the partnership's name is matched to a council area of the shipped
 * open data and to the areas of imported outcome indicators; the context
 * chapter carries the open-data figures with their sources; the outcomes
 * chapter has, per indicator, the values by deprivation group (small
 * counts suppressed at the inspection's threshold), the SII per period
 * (withheld where a group is suppressed) and the charts, which are
 * well-formed SVG with a title.  Real SQLite, the real open data
 * (data/scotland) and the e2e outcome file (tests/e2e/data).
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
#include "app/evaluation/dossier.h"
#include "app/setup/inspection.h"
#include "app/outcomes/outcome.h"
#include "app/publication/report_area.h"
#include "app/publication/report_model.h"
#include "core/csv.h"
#include "render/svg.h"
#include "store/store.h"

#include "xmlcheck.h"
#include "testdb.h"

static char dir[] = "/tmp/cairn-test-report-area.XXXXXX";
static char path[512], opendata[1024], outcomes[1024], meta[1024];
static struct store *st;
static const struct actor who = { "lead", "test", NULL, true };
static long insp;

static int
setup(void **state)
{
	struct cairn_err err = { 0 };
	struct inspection_new req = { .partnership =
		                          "South Ayrshire Community Planning Partnership",
		.framework = "cyp-2014" };
	struct outcome_import_req imp = { 0 };
	struct outcome_import_result res;
	struct csv_errors errs;
	const char *errs_file = NULL, *src = getenv("CAIRN_SRCDIR");

	(void)state;
	if (src == NULL || mkdtemp(dir) == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/t.db", dir);
	snprintf(opendata, sizeof(opendata), "%s/data/scotland", src);
	snprintf(outcomes, sizeof(outcomes), "%s/tests/e2e/data/outcomes_agg.csv", src);
	snprintf(meta, sizeof(meta), "%s/tests/e2e/data/outcomes_meta.csv", src);
	imp.path = outcomes;
	imp.indicators = meta;
	imp.q1 = "most-deprived";
	imp.simd = "2020";
	memset(&res, 0, sizeof(res));
	memset(&errs, 0, sizeof(errs));
	if (app_init(path, &st, &err) != CAIRN_OK ||
	    app_inspection_create(st, &who, &req, &insp, &err) != CAIRN_OK ||
	    app_grade(st, &who, insp, "5.2", "good", NULL, NULL, NULL, &err) != CAIRN_OK ||
	    app_outcome_import(st, &who, &imp, &res, &errs, &errs_file, &err) != CAIRN_OK) {
		fprintf(stderr, "setup: %s\n", err.msg);
		return -1;
	}
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

/* "South Ayrshire Community Planning Partnership" is South Ayrshire
 * (S12000028, its code in the NRS lookup) in the open data and in the
 * outcome data. */
static void
test_match_by_partnership(void **state)
{
	struct cairn_err err = { 0 };
	struct report_area a;

	(void)state;
	assert_int_equal(report_area_find(st, "South Ayrshire Community Planning Partnership", NULL,
	                     opendata, &a, &err),
	    CAIRN_OK);
	assert_true(a.has_context);
	assert_string_equal(a.ctx->area_code, "S12000028");
	assert_string_equal(a.ctx->area_name, "South Ayrshire");
	/* The README's published check: Scotland's children aged 0-17, mid-2021. */
	assert_int_equal(a.ctx->scotland_children, 1024981);
	assert_string_not_equal(a.outcome_area, "");
	report_area_free(&a);
	/* "The ... Partnership (note)" and other case. */
	assert_int_equal(report_area_find(st, "the south ayrshire partnership (2026)", NULL,
	                     opendata, &a, &err),
	    CAIRN_OK);
	assert_true(a.has_context);
	assert_string_equal(a.ctx->area_code, "S12000028");
	report_area_free(&a);
}

/* A made-up partnership matches nothing, and that is not an error. */
static void
test_no_match(void **state)
{
	struct cairn_err err = { 0 };
	struct report_area a;

	(void)state;
	assert_int_equal(report_area_find(st, "Glenmoor", NULL, opendata, &a, &err), CAIRN_OK);
	assert_false(a.has_context);
	assert_null(a.ctx);
	assert_string_equal(a.outcome_area, "");
	report_area_free(&a);
}

/* An explicit area: a code or another spelling; an unknown one is bad data. */
static void
test_explicit(void **state)
{
	struct cairn_err err = { 0 };
	struct report_area a;

	(void)state;
	assert_int_equal(report_area_find(st, "Glenmoor", "S12000023", opendata, &a, &err),
	    CAIRN_OK);
	assert_true(a.has_context);
	assert_string_equal(a.ctx->area_name, "Orkney Islands");
	assert_string_not_equal(a.outcome_area, "");
	report_area_free(&a);
	assert_int_equal(report_area_find(st, "Glenmoor", "Atlantis", opendata, &a, &err),
	    CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "Atlantis"));
}

/* Without the open data the outcomes are still found by the name. */
static void
test_no_open_data(void **state)
{
	struct cairn_err err = { 0 };
	struct report_area a;
	char nowhere[600];

	(void)state;
	snprintf(nowhere, sizeof(nowhere), "%s/nowhere", dir);
	assert_int_equal(report_area_find(st, "South Ayrshire Partnership", NULL, nowhere, &a,
	                     &err),
	    CAIRN_OK);
	assert_false(a.has_context);
	assert_string_equal(a.outcome_area, "South Ayrshire");
	report_area_free(&a);
}

/* Returns the section with id, or NULL. */
static const struct doc_section *
section(const struct doc *d, const char *id)
{
	for (size_t s = 0; s < d->nsections; s++)
		if (strcmp(d->sections[s].id, id) == 0)
			return &d->sections[s];
	return NULL;
}

/* Returns the table with id in section s, or NULL. */
static const struct doc_table *
table(const struct doc_section *s, const char *id)
{
	for (size_t b = 0; s != NULL && b < s->nblocks; b++)
		if (s->blocks[b].kind == DOC_TABLE && strcmp(s->blocks[b].table->id, id) == 0)
			return s->blocks[b].table;
	return NULL;
}

/* Returns the row of table t whose cells c0 (or "" for a continuation
 * row, matched through the period above) and c1 match, or -1. */
static long
row_of(const struct doc_table *t, const char *period, const char *group)
{
	const char *cur = "";

	for (size_t r = 0; r < t->nrows; r++) {
		const char *p = doc_cell(t, r, 0);

		if (p != NULL && p[0] != '\0')
			cur = p;
		if (strcmp(cur, period) == 0 &&
		    strncmp(doc_cell(t, r, 1), group, strlen(group)) == 0)
			return (long)r;
	}
	return -1;
}

/* Builds the public full report with a threshold. */
static void
build(long threshold, struct doc *doc)
{
	struct cairn_err err = { 0 };
	struct report_settings set;
	struct dossier d;

	assert_int_equal(report_settings_load(st, insp, &set, &err), CAIRN_OK);
	set.threshold = threshold;
	set.open_data = strdup(opendata);
	assert_int_equal(app_dossier_load(st, insp, &d, &err), CAIRN_OK);
	assert_int_equal(report_model_build(st, &d, &set, REPORT_PUBLIC, REPORT_FULL, doc, &err),
	    CAIRN_OK);
	dossier_free(&d);
	report_settings_free(&set);
}

/* The context chapter has the open-data tables and their sources. */
static void
test_context_section(void **state)
{
	struct doc doc;
	const struct doc_section *s;
	const struct doc_table *t;
	bool source = false;

	(void)state;
	build(5, &doc);
	s = section(&doc, "context");
	assert_non_null(s);
	if (s == NULL)
		return;
	assert_non_null(t = table(s, "context-children"));
	assert_int_equal(t->nrows, 6);
	assert_non_null(table(s, "context-benchmarking"));
	assert_non_null(table(s, "context-care-services"));
	assert_non_null(t = table(s, "context-care-grades"));
	assert_int_equal(t->nrows, 7);
	for (size_t b = 0; b < s->nblocks; b++)
		if (s->blocks[b].kind == DOC_PARA &&
		    strstr(s->blocks[b].text, "Source: National Records of Scotland") != NULL &&
		    strstr(s->blocks[b].text, "Open Government Licence") != NULL)
			source = true;
	assert_true(source);
	doc_free(&doc);
}

/* Outcomes: values by hand (early-dev 2015/16 group 1: 168 of 600 =
 * 28.0%), suppression at the threshold, withheld SII, charts. */
static void
test_outcomes_section(void **state)
{
	struct doc doc;
	const struct doc_section *s;
	const struct doc_table *t;
	long r;
	size_t charts = 0;

	(void)state;
	build(5, &doc);
	assert_non_null(section(&doc, "outcomes"));
	s = section(&doc, "outcome-early-dev");
	assert_non_null(s);
	if (s == NULL)
		return;
	assert_int_equal(s->level, 2);
	assert_non_null(t = table(s, "values-early-dev"));
	assert_int_equal(t->nrows, 25);
	assert_true((r = row_of(t, "2015/16", "1")) >= 0);
	assert_non_null(strstr(doc_cell(t, (size_t)r, 3), "28.0%"));
	/* acc-11-15 2015/16: group 4 has 4 events, group 5 one: not shown, and
	 * the period's SII withheld. */
	s = section(&doc, "outcome-acc-11-15");
	assert_non_null(s);
	t = table(s, "values-acc-11-15");
	assert_true((r = row_of(t, "2015/16", "4")) >= 0);
	assert_string_equal(doc_cell(t, (size_t)r, 3), "not shown (fewer than 5)");
	assert_null(strstr(doc_cell(t, (size_t)r, 3), "6.7"));
	/* Group 1 has 9 events: 9 / 600 * 1000 = 15.0 per 1000. */
	assert_true((r = row_of(t, "2015/16", "1")) >= 0);
	assert_non_null(strstr(doc_cell(t, (size_t)r, 3), "15.0 per 1000"));
	t = table(s, "measures-acc-11-15");
	assert_non_null(t);
	assert_string_equal(doc_cell(t, 0, 0), "2015/16");
	assert_non_null(strstr(doc_cell(t, 0, 1), "withheld"));
	/* Every chart of the outcomes is well-formed SVG with a title and a
	 * text alternative. */
	for (size_t i = 0; i < doc.nsections; i++) {
		const struct doc_section *x = &doc.sections[i];

		for (size_t b = 0; b < x->nblocks; b++) {
			struct buf svg = BUF_INIT;

			if (x->blocks[b].kind != DOC_CHART ||
			    (strncmp(x->blocks[b].chart->id, "groups-", 7) != 0 &&
			        strncmp(x->blocks[b].chart->id, "sii-", 4) != 0))
				continue;
			svg_chart(x->blocks[b].chart, &svg);
			assert_null(xml_check(buf_str(&svg)));
			assert_non_null(strstr(buf_str(&svg), "<title"));
			assert_non_null(strstr(buf_str(&svg), "<desc"));
			buf_free(&svg);
			charts++;
		}
	}
	assert_int_equal(charts, 4);
	doc_free(&doc);
}

/* With a threshold of 10, acc-11-15 2015/16 group 1 (9 events) is not shown. */
static void
test_threshold(void **state)
{
	struct doc doc;
	const struct doc_table *t;
	long r;

	(void)state;
	build(10, &doc);
	t = table(section(&doc, "outcome-acc-11-15"), "values-acc-11-15");
	assert_non_null(t);
	assert_true((r = row_of(t, "2015/16", "1")) >= 0);
	assert_string_equal(doc_cell(t, (size_t)r, 3), "not shown (fewer than 10)");
	doc_free(&doc);
}

/* The young people's version has neither chapter. */
static void
test_young_people(void **state)
{
	struct cairn_err err = { 0 };
	struct report_settings set;
	struct dossier d;
	struct doc doc;

	(void)state;
	assert_int_equal(report_settings_load(st, insp, &set, &err), CAIRN_OK);
	set.open_data = strdup(opendata);
	assert_int_equal(app_dossier_load(st, insp, &d, &err), CAIRN_OK);
	assert_int_equal(report_model_build(st, &d, &set, REPORT_PUBLIC, REPORT_YOUNG_PEOPLE, &doc,
	                     &err),
	    CAIRN_OK);
	assert_null(section(&doc, "outcomes"));
	assert_null(section(&doc, "context"));
	doc_free(&doc);
	dossier_free(&d);
	report_settings_free(&set);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_match_by_partnership),
		cmocka_unit_test(test_no_match),
		cmocka_unit_test(test_explicit),
		cmocka_unit_test(test_no_open_data),
		cmocka_unit_test(test_context_section),
		cmocka_unit_test(test_outcomes_section),
		cmocka_unit_test(test_threshold),
		cmocka_unit_test(test_young_people),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
