/*
 * Factual accuracy and the embargo (app/publication/accuracy.c, embargo.c,
 * core/clock.c), against a real SQLite database.
 *
 * The instants below were worked out apart from the code, with GNU date:
 *   date -u -d "2026-03-03T00:01:00Z" +%s  -> 1772496060 (a Tuesday, GMT)
 *   date -u -d "2026-06-30T23:01:00Z" +%s  -> 1782860460 (00:01 BST on 1 July)
 *   date -u -d "2026-10-25T00:30:00Z" +%s  -> 1792888200 (01:30 BST, before the clocks go back)
 *   date -u -d "2026-03-29T00:59:00Z" +%s  -> 1774745940 (the last GMT minute of winter)
 * and the UK rule (BST from 01:00 UTC on the last Sunday of March to 01:00
 * UTC on the last Sunday of October; 29 March and 25 October 2026 are
 * Sundays).
 *
 * The rules (docs/guide-report.md, "Factual accuracy"): the co-ordinator
 * comments only at the factual-accuracy stage, on a passage found in the
 * section and paragraph named; the lead or depute answers once, accepted
 * with the text after (different from before) or not accepted with a
 * reason; the log downloads as CSV with formulas neutralised.
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
#include "app/publication/accuracy.h"
#include "app/publication/embargo.h"
#include "app/publication/panel.h"
#include "app/setup/init.h"
#include "app/setup/inspection.h"
#include "app/setup/stage.h"
#include "app/setup/team.h"
#include "core/clock.h"
#include "render/release.h"
#include "store/store.h"
#include "testdb.h"

/* The error record, cleared (an error record keeps its first error). */
#define E (memset(&err, 0, sizeof(err)), &err)

static char dir[] = "/tmp/cairn-test-accuracy.XXXXXX";
static char path[512];
static struct store *st;
static long insp;

static const struct actor local = { ACTOR_LOCAL_ADMIN, "cli", NULL, false };
static const struct actor lead = { "lee", "test", "lee", false };
static const struct actor coord = { "cora", "test", "cora", false };
static const struct actor inspector = { "ian", "test", "ian", false };

static int
setup(void **state)
{
	struct cairn_err err = { 0 };
	struct inspection_new req = { .partnership = "Fife", .framework = "cso-2025" };
	static const char *const team[][2] = { { "lee", "lead" },
		{ "cora", "partnership-coordinator" }, { "ian", "inspector" } };
	static const char *const qis[] = { "2.1", "5.3", "5.4", "9.2" };

	(void)state;
	unsetenv("CAIRN_NOW");
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/t.db", dir);
	if (app_init(path, &st, E) != CAIRN_OK ||
	    app_inspection_create(st, &local, &req, &insp, E) != CAIRN_OK)
		return -1;
	for (size_t i = 0; i < 3; i++)
		if (app_team_add(st, &local, insp, team[i][0], team[i][1], NULL, E) != CAIRN_OK)
			return -1;
	for (size_t i = 0; i < 4; i++)
		if (app_grade(st, &local, insp, qis[i], "good", "Staff know children well.", NULL,
		        NULL, E) != CAIRN_OK ||
		    app_panel_review(st, &local, insp, qis[i], "good", "Agreed.", NULL, E) !=
		        CAIRN_OK)
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
	unsetenv("CAIRN_NOW");
	return 0;
}

/* ISO 8601 instants, with and without seconds and zones; CAIRN_NOW. */
static void
test_clock_parse(void **state)
{
	long long t = 0;

	(void)state;
	assert_true(clock_parse_iso("2026-03-03T00:01:00Z", &t));
	assert_int_equal(t, 1772496060LL);
	assert_true(clock_parse_iso("2026-03-03T00:01", &t));
	assert_int_equal(t, 1772496060LL);
	assert_true(clock_parse_iso("2026-07-01T00:01+01:00", &t));
	assert_int_equal(t, 1782860460LL);
	assert_false(clock_parse_iso("2026-02-30T00:01Z", &t));
	assert_false(clock_parse_iso("2026-03-03 00:01", &t));
	assert_false(clock_parse_iso("2026-03-03T24:00Z", &t));
	assert_false(clock_parse_iso("2026-03-03T00:01Zjunk", &t));
	setenv("CAIRN_NOW", "2026-03-03T00:00:59Z", 1);
	assert_int_equal(clock_now(), 1772496059LL);
	setenv("CAIRN_NOW", "not a time", 1);
	assert_true(clock_now() > 1700000000LL); /* falls back to the system clock */
	unsetenv("CAIRN_NOW");
}

/* UK wall-clock time to an instant, across both changes of the clocks. */
static void
test_uk_time(void **state)
{
	struct cdate winter = { 2026, 3, 3 }, summer = { 2026, 7, 1 }, spring = { 2026, 3, 29 },
	             autumn = { 2026, 10, 25 };
	long long t = 0;
	char text[64];

	(void)state;
	assert_true(clock_uk_to_instant(&winter, 0, 1, &t));
	assert_int_equal(t, 1772496060LL);
	assert_true(clock_uk_to_instant(&summer, 0, 1, &t));
	assert_int_equal(t, 1782860460LL);
	assert_false(clock_uk_to_instant(&spring, 1, 30, &t)); /* skipped */
	assert_true(clock_uk_to_instant(&spring, 0, 59, &t));
	assert_int_equal(t, 1774745940LL);
	assert_true(clock_uk_to_instant(&autumn, 1, 30, &t)); /* twice: BST first */
	assert_int_equal(t, 1792888200LL);
	assert_int_equal(clock_uk_offset(1774745940LL), 0);
	assert_int_equal(clock_uk_offset(1774745940LL + 61), 3600);
	clock_uk_text(1772496060LL, text, sizeof(text));
	assert_string_equal(text, "00:01 Tuesday 3 March 2026");
	clock_uk_text(1782860460LL, text, sizeof(text));
	assert_string_equal(text, "00:01 Wednesday 1 July 2026");
}

/* The embargo: parsing, the line, and lifting to the second. */
static void
test_embargo_logic(void **state)
{
	struct embargo e = { 0 };
	struct cairn_err err = { 0 };
	char line[64];

	(void)state;
	assert_true(embargo_lifted(&e, 0)); /* none set */
	assert_int_equal(embargo_parse("2026-03-03", NULL, &e, E), CAIRN_OK);
	e.set = true;
	assert_string_equal(e.lifts_local, "2026-03-03T00:01");
	assert_int_equal(e.lifts_at, 1772496060LL);
	embargo_line(&e, line, sizeof(line));
	assert_string_equal(line, "Embargoed until 00:01 Tuesday 3 March 2026");
	assert_false(embargo_lifted(&e, 1772496059LL));
	assert_true(embargo_lifted(&e, 1772496060LL));
	assert_int_equal(embargo_parse("2026-03-03", "25:00", &e, E), CAIRN_EDATA);
	assert_string_equal(err.field, "time");
	assert_int_equal(embargo_parse("2026-03-29", "01:30", &e, E), CAIRN_EDATA);
	assert_string_equal(err.field, "time");
	assert_int_equal(embargo_parse("3 March", "00:01", &e, E), CAIRN_EDATA);
	assert_string_equal(err.field, "date");
	assert_int_equal(embargo_parse(NULL, "00:01", &e, E), CAIRN_EUSAGE);
	assert_string_equal(err.field, "date");
}

/* Moves the inspection to stage on date. */
static void
move(const char *stage, const char *date)
{
	struct cairn_err err = { 0 };

	if (app_stage_move(st, &local, insp, stage, date, E) != CAIRN_OK)
		fail_msg("moving to %s: %s", stage, err.msg);
}

/* Finds a plain paragraph of the draft: its section, number and text. */
static void
a_paragraph(const struct actor *who, char *section, size_t secsz, long *para, char *passage,
    size_t passz)
{
	struct doc doc;
	struct cairn_err err = { 0 };

	assert_int_equal(app_accuracy_draft(st, who, insp, &doc, E), CAIRN_OK);
	for (size_t s = 0; s < doc.nsections; s++) {
		for (size_t b = 0; b < doc.sections[s].nblocks; b++) {
			const struct doc_block *k = &doc.sections[s].blocks[b];

			if (k->kind == DOC_PARA && k->text != NULL && strlen(k->text) > 30) {
				snprintf(section, secsz, "%s", doc.sections[s].id);
				*para = (long)b + 1;
				snprintf(passage, passz, "%.*s", 24, k->text);
				doc_free(&doc);
				return;
			}
		}
	}
	doc_free(&doc);
	fail_msg("the draft has no paragraph");
}

/* Comments: only the co-ordinator, only at factual accuracy, only on a
 * passage that is where it is said to be; answers once, with the change
 * or the reason; the log as CSV. */
static void
test_comments(void **state)
{
	struct cairn_err err = { 0 };
	struct accuracy_comment_req c = { 0 };
	struct accuracy_response_req r = { 0 };
	struct accuracy_comment *v = NULL;
	struct doc doc;
	struct buf csv = BUF_INIT;
	char section[80], passage[64], para[24];
	long number = 0, p = 0;
	size_t n = 0;

	(void)state;
	move("scoping", "2026-01-05");
	move("records-reading", "2026-01-12");
	move("fieldwork", "2026-01-19");
	move("analysis", "2026-01-26");
	move("panel", "2026-02-02");
	/* Before the stage: no draft for the co-ordinator, no comment. */
	assert_int_equal(app_accuracy_draft(st, &coord, insp, &doc, E), CAIRN_EPERM);
	assert_non_null(strstr(err.msg, "only while the inspection is at the factual accuracy"));
	a_paragraph(&lead, section, sizeof(section), &p, passage, sizeof(passage));
	snprintf(para, sizeof(para), "%ld", p);
	c = (struct accuracy_comment_req){ section, para, passage, "The date is wrong." };
	assert_int_equal(app_accuracy_comment(st, &coord, insp, &c, &number, E), CAIRN_EDATA);
	assert_string_equal(err.field, "stage");
	assert_int_equal(err.code, CAIRN_CODE_CONFLICT);

	assert_int_equal(app_panel_signoff(st, &local, insp, E), CAIRN_OK);
	move("factual-accuracy", "2026-02-09");
	/* An inspector may not comment; the co-ordinator may. */
	assert_int_equal(app_accuracy_comment(st, &inspector, insp, &c, &number, E), CAIRN_EPERM);
	assert_int_equal(app_accuracy_comment(st, &coord, insp, &c, &number, E), CAIRN_OK);
	assert_int_equal(number, 1);
	/* The reference must hold. */
	c.section = "no-such-section";
	assert_int_equal(app_accuracy_comment(st, &coord, insp, &c, &number, E), CAIRN_EDATA);
	assert_string_equal(err.field, "section");
	c.section = section;
	c.paragraph = "999";
	assert_int_equal(app_accuracy_comment(st, &coord, insp, &c, &number, E), CAIRN_EDATA);
	assert_string_equal(err.field, "paragraph");
	c.paragraph = para;
	c.passage = "words that are nowhere in the draft";
	assert_int_equal(app_accuracy_comment(st, &coord, insp, &c, &number, E), CAIRN_EDATA);
	assert_string_equal(err.field, "passage");
	c.passage = passage;
	c.comment = "=HYPERLINK(\"http://x\")";
	assert_int_equal(app_accuracy_comment(st, &coord, insp, &c, &number, E), CAIRN_OK);
	assert_int_equal(number, 2);

	/* Answers: the co-ordinator may not; accepted needs a changed text. */
	r = (struct accuracy_response_req){ "accepted", NULL, "The corrected words.", NULL };
	assert_int_equal(app_accuracy_respond(st, &coord, insp, 1, &r, E), CAIRN_EPERM);
	r.after = NULL;
	assert_int_equal(app_accuracy_respond(st, &lead, insp, 1, &r, E), CAIRN_EUSAGE);
	assert_string_equal(err.field, "after");
	r.after = passage; /* the same as before (the passage) */
	assert_int_equal(app_accuracy_respond(st, &lead, insp, 1, &r, E), CAIRN_EDATA);
	assert_string_equal(err.field, "after");
	r.after = "The corrected words.";
	assert_int_equal(app_accuracy_respond(st, &lead, insp, 1, &r, E), CAIRN_OK);
	assert_int_equal(app_accuracy_respond(st, &lead, insp, 1, &r, E), CAIRN_EDATA);
	assert_int_equal(err.code, CAIRN_CODE_CONFLICT);
	r = (struct accuracy_response_req){ "not-accepted", NULL, NULL, NULL };
	assert_int_equal(app_accuracy_respond(st, &lead, insp, 2, &r, E), CAIRN_EUSAGE);
	assert_string_equal(err.field, "reason");
	r.response = "maybe";
	assert_int_equal(app_accuracy_respond(st, &lead, insp, 2, &r, E), CAIRN_EDATA);
	assert_string_equal(err.field, "response");
	r = (struct accuracy_response_req){ "not-accepted", NULL, NULL,
		"The evidence supports the text." };
	assert_int_equal(app_accuracy_respond(st, &lead, insp, 2, &r, E), CAIRN_OK);
	assert_int_equal(app_accuracy_respond(st, &lead, insp, 3, &r, E), CAIRN_EDATA);
	assert_string_equal(err.field, "comment");

	/* The log, as the co-ordinator reads it. */
	assert_int_equal(app_accuracy_list(st, &coord, insp, &v, &n, E), CAIRN_OK);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].response, ACCURACY_ACCEPTED);
	assert_string_equal(v[0].before, passage);
	assert_string_equal(v[0].after, "The corrected words.");
	assert_string_equal(v[0].made_by, "cora");
	assert_string_equal(v[0].responded_by, "lee");
	assert_int_equal(v[1].response, ACCURACY_NOT_ACCEPTED);
	assert_string_equal(v[1].reason, "The evidence supports the text.");
	assert_null(v[1].after);
	accuracy_comments_free(v, n);
	assert_int_equal(app_accuracy_export(st, &coord, insp, &csv, E), CAIRN_OK);
	assert_non_null(strstr(buf_str(&csv),
	    "number,section,paragraph,passage,comment,commented_by,commented_at,response,"
	    "before,after,reason,answered_by,answered_at\r\n1,"));
	assert_non_null(strstr(buf_str(&csv), ",The corrected words.,"));
	assert_non_null(strstr(buf_str(&csv), "\"'=HYPERLINK(\"\"http://x\"\")\""));
	assert_null(strstr(buf_str(&csv), ",=HYPERLINK"));
	buf_free(&csv);
}

/* The embargo: who sets it, who sees the published report before it
 * lifts, and the release's embargo line and media contact. */
static void
test_embargo(void **state)
{
	struct cairn_err err = { 0 };
	struct embargo_req req = { "2026-03-03", NULL, "Press office, 0131 000 0000" };
	struct dossier d;
	struct release rel;

	(void)state;
	assert_int_equal(app_embargo_check(st, &coord, insp, E), CAIRN_OK); /* none yet */
	assert_int_equal(app_embargo_set(st, &coord, insp, &req, E), CAIRN_EPERM);
	assert_int_equal(app_embargo_set(st, &lead, insp, &req, E), CAIRN_OK);
	setenv("CAIRN_NOW", "2026-03-03T00:00:59Z", 1);
	assert_int_equal(app_embargo_check(st, &coord, insp, E), CAIRN_EPERM);
	assert_string_equal(err.field, "embargo");
	assert_non_null(strstr(err.msg, "embargoed until 00:01 Tuesday 3 March 2026"));
	assert_int_equal(app_embargo_check(st, &inspector, insp, E), CAIRN_OK);
	setenv("CAIRN_NOW", "2026-03-03T00:01:00Z", 1);
	assert_int_equal(app_embargo_check(st, &coord, insp, E), CAIRN_OK);
	unsetenv("CAIRN_NOW");
	assert_int_equal(app_dossier_load(st, insp, &d, E), CAIRN_OK);
	assert_int_equal(release_build(&d, &rel, E), CAIRN_OK);
	assert_int_equal(strncmp(rel.text, "Embargoed until 00:01 Tuesday 3 March 2026\n", 43), 0);
	assert_non_null(strstr(rel.text, "Media enquiries: Press office, 0131 000 0000\n"));
	release_free(&rel);
	dossier_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clock_parse),
		cmocka_unit_test(test_uk_time),
		cmocka_unit_test(test_embargo_logic),
		cmocka_unit_test(test_comments),
		cmocka_unit_test(test_embargo),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
