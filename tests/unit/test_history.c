/*
 * Importing published results (app/followup/history.c, store/history.c): the CSV
 * rules, all-or-nothing, replacement on re-import, and the shipped file of
 * 2012-2017 results checked against the counts published in the sources
 * (domain.md section 4.2, typed in by hand here).
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

#include "core/file.h"
#include "app/followup/history.h"
#include "app/setup/init.h"
#include "store/store.h"
#include "testdb.h"

static char dir[] = "/tmp/cairn-test-history.XXXXXX";
static char path[512];
static struct store *st;
static const struct actor who = { "tester", "test", NULL, true };

static int
setup(void **state)
{
	struct cairn_err err = { 0 };

	(void)state;
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/t.db", dir);
	return app_init(path, &st, &err) == CAIRN_OK ? 0 : -1;
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

/* Writes text to a file next to the database and imports it. */
static int
import_text(const char *text, struct history_import *r, struct cairn_err *err)
{
	char p[600];
	int rc;

	snprintf(p, sizeof(p), "%s-csv", path);
	assert_int_equal(file_write_atomic(p, text, strlen(text), err), CAIRN_OK);
	memset(r, 0, sizeof(*r));
	rc = app_history_import(st, &who, p, r, err);
	return rc;
}

/* Returns the errors of an import as text, one per line: "line L, column
 * C: message" (core/csv's format); caller frees. */
static char *
errors_text(const struct history_import *r)
{
	struct buf b = BUF_INIT;

	csv_errors_format(&r->errors, NULL, &b);
	return buf_take(&b);
}

/* Returns the number of stored rows (of either kind). */
static size_t
stored_rows(void)
{
	struct history_row *v = NULL;
	size_t n = 0;
	struct cairn_err err = { 0 };

	assert_int_equal(store_history_list(st, NULL, &v, &n, &err), CAIRN_OK);
	history_rows_free(v, n);
	return n;
}

static void
test_dates(void **state)
{
	(void)state;
	assert_true(history_date_valid("2016"));
	assert_true(history_date_valid("2016-10"));
	assert_true(history_date_valid("2016-10-04"));
	assert_false(history_date_valid("2016-13"));
	assert_false(history_date_valid("2016-02-30"));
	assert_false(history_date_valid("16-10"));
	assert_false(history_date_valid("2016/10"));
	assert_false(history_date_valid(""));
}

static void
test_errors_import_nothing(void **state)
{
	struct history_import r;
	struct cairn_err err = { 0 };
	char *s;

	(void)state;
	assert_int_equal(import_text("partnership,published,framework,qi,grade,count,basis,source\n"
	                             "Fife,2016-03-23,cyp-2014,5.3,Adequate,,stated,Fife Today\n"
	                             "Fife,2016-02-30,cyp-2014,5.2,Good,,stated,x\n"
	                             "Fife,2016,cyp-2014,7.7,good,,stated,x\n"
	                             "Fife,2016,cyp-2014,,good,,stated,x\n"
	                             "Fife,2016,cyp-2014,,good,2,inferred,x\n"
	                             "Fife,2016,cyp-2014,1.1,brilliant,,stated,x\n"
	                             "Fife,2016,cyp-2014,1.1,good,3,stated,x\n"
	                             "Fife,2016-03-23,cyp-2014,5.3,Good,,stated,again\n",
	                     &r, &err),
	    CAIRN_EDATA);
	s = errors_text(&r);
	assert_int_equal(r.errors.total, 7);
	assert_non_null(strstr(s, "line 3, column 2: published '2016-02-30' is not a date"));
	assert_non_null(strstr(s, "line 4, column 4: unknown quality indicator '7.7'"));
	assert_non_null(strstr(s, "line 5, column 4: a row without an indicator needs a count"));
	assert_non_null(strstr(s, "line 6, column 7: a count cannot be inferred"));
	assert_non_null(strstr(s, "line 7, column 5: unknown grade 'brilliant'"));
	assert_non_null(strstr(s, "line 8, column 6: count '3' on a row naming indicator 1.1"));
	assert_non_null(strstr(s,
	    "line 9, column 4: indicator 5.3 of Fife (2016-03-23) is already "
	    "on line 2"));
	free(s);
	assert_non_null(strstr(err.msg, "7 errors; nothing was imported"));
	assert_int_equal(stored_rows(), 0);
	history_import_free(&r);
}

static void
test_header_rules(void **state)
{
	struct history_import r;
	struct cairn_err err = { 0 };
	char *s;

	(void)state;
	assert_int_equal(import_text("partnership,published,framework,grade,colour\n", &r, &err),
	    CAIRN_EDATA);
	s = errors_text(&r);
	assert_non_null(strstr(s, "line 1, column 5: unknown column 'colour'"));
	assert_non_null(strstr(s, "lacks the required column 'source'"));
	assert_non_null(strstr(s, "needs a 'qi' column, a 'count' column"));
	free(s);
	history_import_free(&r);
	cairn_err_clear(&err);
	assert_int_equal(import_text("", &r, &err), CAIRN_EDATA);
	s = errors_text(&r);
	assert_non_null(strstr(s, "the file is empty"));
	free(s);
	history_import_free(&r);
	cairn_err_clear(&err);
	/* An unterminated quote: the RFC 4180 reader names its line and column. */
	assert_int_equal(import_text("qi,grade,partnership,published,framework,source\n"
	                             "1.1,4,\"Shetland Islands\",2015,cyp-2014,\"a, b\"\n\"x\n",
	                     &r, &err),
	    CAIRN_EDATA);
	s = errors_text(&r);
	assert_non_null(strstr(s, "line 3, column 1: a quoted cell is never closed"));
	free(s);
	assert_int_equal(stored_rows(), 0);
	history_import_free(&r);
	history_import_free(&r);
}

/* A row with a cell too many: one error at its line and column, nothing
 * stored. */
static void
test_ragged_row(void **state)
{
	struct history_import r;
	struct cairn_err err = { 0 };
	size_t before = stored_rows();
	char *s;

	(void)state;
	assert_int_equal(import_text("partnership,published,framework,qi,grade,source\n"
	                             "Moray,2015,cyp-2014,1.1,good,s\n"
	                             "Moray,2015,cyp-2014,1.2,good,s,extra\n",
	                     &r, &err),
	    CAIRN_EDATA);
	assert_int_equal(r.errors.total, 1);
	assert_int_equal(r.errors.kept[0].line, 3);
	assert_int_equal(r.errors.kept[0].column, 7);
	s = errors_text(&r);
	assert_non_null(strstr(s, "the row has 7 cells; the header has 6"));
	free(s);
	assert_int_equal(stored_rows(), before);
	history_import_free(&r);
}

static void
test_twenty_errors_listed_and_all_counted(void **state)
{
	struct history_import r;
	struct cairn_err err = { 0 };
	struct buf b = BUF_INIT;
	size_t lines = 0;

	(void)state;
	buf_puts(&b, "partnership,published,framework,qi,grade,source\n");
	for (int i = 0; i < 25; i++)
		buf_printf(&b, "P%d,2015,cyp-2014,1.1,superb,s\n", i);
	assert_int_equal(import_text(buf_str(&b), &r, &err), CAIRN_EDATA);
	assert_int_equal(r.errors.total, 25);
	assert_int_equal(r.errors.nkept, CSV_ERRORS_KEPT);
	{
		char *s = errors_text(&r);

		for (const char *q = s; *q; q++)
			lines += *q == '\n';
		free(s);
	}
	/* 20 listed, then "... and 5 more errors". */
	assert_int_equal(lines, CSV_ERRORS_KEPT + 1);
	assert_non_null(strstr(err.msg, "25 errors"));
	buf_free(&b);
	history_import_free(&r);
}

static void
test_reimport_replaces_publication(void **state)
{
	struct history_import r;
	struct cairn_err err = { 0 };

	(void)state;
	assert_int_equal(import_text("partnership,published,framework,qi,grade,count,source\n"
	                             "Fife,2016-03-23,cyp-2014,5.3,Adequate,,Fife Today\n"
	                             "Fife,2016-03-23,cyp-2014,,Very good,3,Fife Today\n"
	                             "Fife,2016-03-23,cyp-2014,,Good,5,Fife Today\n",
	                     &r, &err),
	    CAIRN_OK);
	assert_int_equal(r.grades, 1);
	assert_int_equal(r.counts, 2);
	assert_int_equal(r.publications, 1);
	assert_int_equal(r.replaced, 0);
	history_import_free(&r);
	assert_int_equal(import_text("partnership,published,framework,qi,grade,count,source\n"
	                             "Fife,2016-03-23,cyp-2014,5.3,Adequate,,corrected\n"
	                             "Fife,2016-03-23,cyp-2014,,Good,8,corrected\n",
	                     &r, &err),
	    CAIRN_OK);
	assert_int_equal(r.replaced, 3);
	assert_int_equal(stored_rows(), 2);
	history_import_free(&r);
}

/* Totals by level (highest first) of one publication in the shipped file. */
static void
totals(const struct history_row *v, size_t n, const char *partnership, long out[6], long *inferred)
{
	memset(out, 0, 6 * sizeof(long));
	*inferred = 0;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(v[i].partnership, partnership) != 0)
			continue;
		assert_true(v[i].grade >= 1 && v[i].grade <= 6);
		out[6 - v[i].grade] += v[i].count;
		*inferred += v[i].inferred;
	}
}

static void
test_shipped_file_matches_published_counts(void **state)
{
	/* The counts published for each partnership (domain.md section 4.2),
	 * highest level first: excellent, very good, good, adequate, weak,
	 * unsatisfactory. */
	static const struct {
		const char *partnership;
		long levels[6];
		long inferred;
	} published[] = {
		{ "Highland", { 0, 7, 2, 0, 0, 0 }, 0 },
		{ "Dumfries and Galloway", { 0, 0, 0, 5, 3, 1 }, 0 },
		{ "South Lanarkshire", { 0, 1, 4, 4, 0, 0 }, 0 },
		{ "Aberdeen City", { 0, 0, 6, 3, 0, 0 }, 0 },
		{ "North Lanarkshire", { 0, 7, 3, 0, 0, 0 }, 0 },
		{ "Renfrewshire", { 0, 6, 2, 1, 0, 0 }, 0 },
		{ "Shetland Islands", { 0, 0, 6, 2, 1, 0 }, 0 },
		{ "Fife", { 0, 3, 5, 1, 0, 0 }, 0 },
		{ "Scottish Borders", { 0, 1, 4, 4, 0, 0 }, 0 },
		{ "South Ayrshire", { 0, 0, 3, 4, 2, 0 }, 4 },
		{ "West Lothian", { 0, 3, 5, 1, 0, 0 }, 0 },
		{ "Inverclyde", { 1, 5, 2, 1, 0, 0 }, 0 },
		{ "East Ayrshire", { 2, 5, 2, 0, 0, 0 }, 0 },
		{ "Aberdeenshire", { 0, 0, 0, 1, 1, 0 }, 0 },
		{ "Argyll and Bute", { 0, 1, 0, 0, 0, 0 }, 0 },
	};
	struct history_import r;
	struct cairn_err err = { 0 };
	struct history_row *v = NULL;
	size_t n = 0;
	char file[1024];
	const char *src = getenv("CAIRN_SRCDIR");

	(void)state;
	assert_non_null(src);
	snprintf(file, sizeof(file), "%s/data/history/cyp-2014-published.csv", src);
	memset(&r, 0, sizeof(r));
	assert_int_equal(app_history_import(st, &who, file, &r, &err), CAIRN_OK);
	assert_int_equal(r.publications, sizeof(published) / sizeof(published[0]));
	assert_int_equal(store_history_list(st, "cyp-2014", &v, &n, &err), CAIRN_OK);
	for (size_t p = 0; p < sizeof(published) / sizeof(published[0]); p++) {
		long got[6], inferred;

		totals(v, n, published[p].partnership, got, &inferred);
		for (int l = 0; l < 6; l++)
			if (got[l] != published[p].levels[l])
				fail_msg("%s level %d: %ld in the file, %ld published",
				    published[p].partnership, 6 - l, got[l],
				    published[p].levels[l]);
		assert_int_equal(inferred, published[p].inferred);
	}
	/* Named indicators that the sources state. */
	for (size_t i = 0; i < n; i++) {
		if (v[i].qi == NULL)
			continue;
		if (strcmp(v[i].partnership, "Dumfries and Galloway") == 0)
			assert_true(strcmp(v[i].qi, "5.2") == 0 && v[i].grade == 1);
		if (strcmp(v[i].partnership, "Inverclyde") == 0 && v[i].grade == 6)
			assert_string_equal(v[i].qi, "6.3");
		if (strcmp(v[i].partnership, "South Ayrshire") == 0 && v[i].grade == 3)
			assert_true(v[i].inferred);
		if (strcmp(v[i].partnership, "South Ayrshire") == 0 && v[i].grade != 3)
			assert_false(v[i].inferred);
	}
	history_rows_free(v, n);
	history_import_free(&r);
}

/* Quoted cells with commas and a doubled quote, CRLF line ends and a
 * byte-order mark are read as RFC 4180 says (run last: it stores a row). */
static void
test_rfc4180_cells(void **state)
{
	struct history_import r;
	struct cairn_err err = { 0 };

	(void)state;
	assert_int_equal(
	    import_text("\xEF\xBB\xBFqi,grade,partnership,published,framework,source\r\n"
	                "1.1,4,\"Shetland Islands\",2015,cyp-2014,\"Report, \"\"p. 3\"\"\"\r\n",
	        &r, &err),
	    CAIRN_OK);
	{
		struct history_row *v = NULL;
		size_t n = 0;
		bool found = false;

		assert_int_equal(store_history_list(st, NULL, &v, &n, &err), CAIRN_OK);
		for (size_t i = 0; i < n; i++)
			found |= strcmp(v[i].source, "Report, \"p. 3\"") == 0 &&
			    strcmp(v[i].partnership, "Shetland Islands") == 0;
		assert_true(found);
		history_rows_free(v, n);
	}
	history_import_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_errors_import_nothing),
		cmocka_unit_test(test_header_rules),
		cmocka_unit_test(test_twenty_errors_listed_and_all_counted),
		cmocka_unit_test(test_ragged_row),
		cmocka_unit_test(test_reimport_replaces_publication),
		cmocka_unit_test(test_shipped_file_matches_published_counts),
		cmocka_unit_test(test_rfc4180_cells),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
