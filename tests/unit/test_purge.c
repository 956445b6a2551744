/*
 * Retention (app/access/purge.c), against docs/guide-retention.md: a purge
 * needs a published report and the retention period (730 days unless
 * set; 0..36500) after the first publication to have passed; it happens
 * once.  What goes: evidence attachments, the file on disk too unless
 * another inspection's evidence uses it.  What stays: the evidence text,
 * its indicators and status, grades, findings.  (The population, sample
 * and reading rows are covered end to end by tests/e2e/purge.sh.)
 *
 * Dates by hand: 2016-08-30 + 730 days = 2018-08-30 (neither 2017 nor
 * 2018 is a leap year); 2016-08-30 + 30 days = 2016-09-29.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/access/purge.h"
#include "app/evaluation/dossier.h"
#include "app/evaluation/evidence.h"
#include "app/setup/init.h"
#include "app/setup/inspection.h"
#include "core/buf.h"
#include "store/publication.h"
#include "store/work.h"
#include "store/store.h"
#include "testdb.h"

static char dir[] = "/tmp/cairn-test-purge.XXXXXX";
static char path[512], attach[512];
static struct store *st;
static const struct actor who = { "lead", "test", NULL, true };

static int
setup(void **state)
{
	struct cairn_err err = { 0 };

	(void)state;
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/t.db", dir);
	snprintf(attach, sizeof(attach), "%s/case-notes.txt", dir);
	return app_init(path, &st, &err) == CAIRN_OK ? 0 : -1;
}

static int
teardown(void **state)
{
	struct buf b = BUF_INIT;
	struct dirent *e;
	DIR *d;

	(void)state;
	app_evidence_dir(st, &b);
	store_close(st);
	testdb_remove(path);
	unlink(attach);
	/* Angus's and Moray's files are never purged: remove what is left. */
	if ((d = opendir(buf_str(&b))) != NULL) {
		while ((e = readdir(d)) != NULL) {
			char p[1024];

			snprintf(p, sizeof(p), "%s/%s", buf_str(&b), e->d_name);
			if (e->d_name[0] != '.')
				unlink(p);
		}
		closedir(d);
	}
	rmdir(buf_str(&b));
	buf_free(&b);
	rmdir(dir);
	return 0;
}

/* Creates an inspection with a grade, a finding and evidence 1 with a
 * file holding content attached; sets sha to its hash and returns the
 * id. */
static long
inspection(const char *partnership, const char *content, char sha[static 65])
{
	struct cairn_err err = { 0 };
	struct inspection_new req = { .partnership = partnership, .framework = "cyp-2014" };
	struct evidence_req ev = { .source = "document",
		.text = "Case file audit",
		.qis = "5.2",
		.status = "concern",
		.file = attach };
	long id = 0, num = 0;
	FILE *f = fopen(attach, "w");

	assert_non_null(f);
	fputs(content, f);
	fclose(f);
	assert_int_equal(app_inspection_create(st, &who, &req, &id, &err), CAIRN_OK);
	assert_int_equal(app_evidence_add(st, &who, id, &ev, &num, sha, &err), CAIRN_OK);
	assert_int_equal(num, 1);
	assert_int_equal(app_grade(st, &who, id, "5.2", "weak", NULL, NULL, NULL, &err), CAIRN_OK);
	assert_int_equal(app_finding_add(st, &who, id, "improvement", "Assess risk.", "5.2", NULL,
	                     &err),
	    CAIRN_OK);
	return id;
}

/* Records a first publication of id at time at (the report itself is
 * not needed for retention). */
static void
publish(long id, const char *at)
{
	struct cairn_err err = { 0 };
	struct publication p = { .inspection = id, .version = 1, .actor = (char *)"lead" };

	snprintf(p.at, sizeof(p.at), "%s", at);
	assert_int_equal(store_publication_insert(st, &p, &err), CAIRN_OK);
}

/* Returns true if the attachment with hash sha is on disk. */
static bool
on_disk(const char *sha)
{
	struct buf b = BUF_INIT;
	struct stat sb;
	bool there;

	app_evidence_dir(st, &b);
	buf_printf(&b, "/%s", sha);
	there = stat(buf_str(&b), &sb) == 0;
	buf_free(&b);
	return there;
}

/* The retention period: 730 days by default; 0..36500 days may be set,
 * for one inspection or (inspection 0) as the default for all. */
static void
test_retention(void **state)
{
	struct cairn_err err = { 0 };
	char sha[65];
	long id = inspection("Angus", "Angus notes\n", sha), days = 0;

	(void)state;
	assert_int_equal(PURGE_DEFAULT_DAYS, 730);
	assert_int_equal(app_retention_get(st, id, &days, &err), CAIRN_OK);
	assert_int_equal(days, 730);
	assert_int_not_equal(app_retention_set(st, &who, id, 36501, &err), CAIRN_OK);
	memset(&err, 0, sizeof(err));
	assert_int_not_equal(app_retention_set(st, &who, id, -1, &err), CAIRN_OK);
	memset(&err, 0, sizeof(err));
	assert_int_equal(app_retention_get(st, id, &days, &err), CAIRN_OK);
	assert_int_equal(days, 730); /* the refused values changed nothing */
	assert_int_equal(app_retention_set(st, &who, id, 36500, &err), CAIRN_OK);
	assert_int_equal(app_retention_get(st, id, &days, &err), CAIRN_OK);
	assert_int_equal(days, 36500);
	/* Inspection 0 is the default for all: it changes the default, not an
	 * inspection's own period. */
	assert_int_equal(app_retention_set(st, &who, 0, 1000, &err), CAIRN_OK);
	assert_int_equal(app_retention_get(st, id, &days, &err), CAIRN_OK);
	assert_int_equal(days, 36500);
	assert_int_equal(app_retention_get(st, 0, &days, &err), CAIRN_OK);
	assert_int_equal(days, 1000);
	assert_int_equal(app_retention_set(st, &who, 0, 730, &err), CAIRN_OK);
}

/* Not before publication, not before the period ends, and the day it
 * ends is the first day allowed. */
static void
test_plan_dates(void **state)
{
	struct cairn_err err = { 0 };
	struct purge_plan plan;
	char sha[65];
	long id = inspection("Moray", "Moray notes\n", sha);

	(void)state;
	setenv("CAIRN_TODAY", "2030-01-01", 1);
	assert_int_equal(app_purge_plan(st, id, &plan, &err), CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "not been published"));

	publish(id, "2016-08-30T10:00:00Z");
	setenv("CAIRN_TODAY", "2018-08-29", 1);
	memset(&err, 0, sizeof(err));
	assert_int_equal(app_purge_plan(st, id, &plan, &err), CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "2018-08-30"));
	setenv("CAIRN_TODAY", "2018-08-30", 1);
	memset(&err, 0, sizeof(err));
	assert_int_equal(app_purge_plan(st, id, &plan, &err), CAIRN_OK);
	assert_string_equal(plan.published, "2016-08-30");
	assert_string_equal(plan.due, "2018-08-30");
	assert_int_equal(plan.retention_days, 730);
	assert_int_equal(plan.counts.attachments, 1);

	assert_int_equal(app_retention_set(st, &who, id, 30, &err), CAIRN_OK);
	setenv("CAIRN_TODAY", "2016-09-28", 1);
	assert_int_equal(app_purge_plan(st, id, &plan, &err), CAIRN_EDATA);
	setenv("CAIRN_TODAY", "2016-09-29", 1);
	memset(&err, 0, sizeof(err));
	assert_int_equal(app_purge_plan(st, id, &plan, &err), CAIRN_OK);
	assert_string_equal(plan.due, "2016-09-29");
	unsetenv("CAIRN_TODAY");
}

/* What goes and what stays; the shared file stays on disk while another
 * inspection's evidence uses it; a second purge is refused. */
static void
test_purge(void **state)
{
	struct cairn_err err = { 0 };
	struct purge_plan plan;
	struct dossier d;
	struct evidence_item e;
	struct evidence_change *ch = NULL;
	size_t nch = 0;
	char sha[65], sha2[65];
	long id = inspection("Fife", "Child A: seen at home.\n", sha),
	     other = inspection("Falkirk", "Child A: seen at home.\n", sha2);

	(void)state;
	assert_string_equal(sha, sha2); /* the same file, stored once */
	assert_true(on_disk(sha));
	publish(id, "2016-08-30T10:00:00Z");
	setenv("CAIRN_TODAY", "2019-01-01", 1);
	assert_int_equal(app_purge(st, &who, id, &plan, &err), CAIRN_OK);
	assert_int_equal(plan.counts.attachments, 1);
	assert_int_equal(plan.files_deleted, 0); /* Falkirk's evidence still uses it */
	assert_true(on_disk(sha));

	assert_int_equal(app_evidence_get(st, id, 1, &e, &ch, &nch, &err), CAIRN_OK);
	assert_string_equal(e.text, "Case file audit");
	assert_string_equal(e.status, "concern");
	assert_int_equal(e.nqis, 1);
	assert_string_equal(e.qis[0], "5.2");
	assert_string_equal(e.file_sha256, "");
	evidence_item_free(&e);
	evidence_changes_free(ch, nch);
	assert_int_equal(app_dossier_load(st, id, &d, &err), CAIRN_OK);
	assert_int_equal(dossier_grade(&d, "5.2")->grade, 2);
	assert_int_equal(d.nfindings, 1);
	dossier_free(&d);

	memset(&err, 0, sizeof(err));
	assert_int_equal(app_purge(st, &who, id, &plan, &err), CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "already"));

	/* Falkirk purged too: now no evidence uses the file, so it goes. */
	publish(other, "2016-08-30T10:00:00Z");
	memset(&err, 0, sizeof(err));
	assert_int_equal(app_purge(st, &who, other, &plan, &err), CAIRN_OK);
	assert_int_equal(plan.files_deleted, 1);
	assert_false(on_disk(sha));
	unsetenv("CAIRN_TODAY");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_retention),
		cmocka_unit_test(test_plan_dates),
		cmocka_unit_test(test_purge),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
