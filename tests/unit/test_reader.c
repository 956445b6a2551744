/*
 * Unit tests for the records reading rules of app/records/reading.h and
 * app/records/compare.h against a real database, each as
 * docs/guide-reading.md states it:
 *   - readers and pairs: pairs = max(inspectors, local readers), pair p
 *     joins the p-th inspector and the p-th local reader ("Readers and
 *     pairs");
 *   - "a person records only their own readings" of the records assigned
 *     to them, whatever their role; the local administrator records for
 *     any reader; someone off the team or without read-assigned-records
 *     records nothing ("Who records what");
 *   - imports by a person are checked row by row, all or nothing, naming
 *     line and column, exit 77;
 *   - submitting refuses an incomplete reading, naming each item missing
 *     (every item but free text); each invalid answer is named;
 *   - the comparison lists, for double-read records with two submitted
 *     readings, the items that differ and the agreed answer.
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

#include "app/access/actor.h"
#include "app/records/compare.h"
#include "app/records/population.h"
#include "app/records/reader.h"
#include "app/records/reading.h"
#include "app/records/sample.h"
#include "app/records/template.h"
#include "app/setup/init.h"
#include "app/setup/inspection.h"
#include "app/setup/team.h"
#include "store/store.h"
#include "testdb.h"

static char dir[] = "/tmp/cairn-test-reader.XXXXXX";
static char path[512], csvpath[600];
static struct store *st;
static long insp;
/* A selected single-read record assigned to cat's pair, one assigned to
 * another pair only, and a double-read record. */
static char mine[64], ours[64], theirs[64], twice[64];

static int
setup(void **state)
{
	struct cairn_err err = { 0 };
	struct actor local = actor_cli(NULL);
	struct inspection_new req = { .partnership = "Angus", .framework = "cyp-2014" };
	struct population_import pi = { 0 };
	struct population_result pres;
	struct sample_request sr = { .size = "12",
		.strata = "category",
		.seed = "7",
		.double_read = "50" };
	struct sample s;
	struct reading_plan p;
	struct csv_errors *errs = calloc(1, sizeof(*errs));
	static const char *const team[][2] = { { "lee", "lead" }, { "ann", "inspector" },
		{ "bob", "inspector" }, { "cat", "local-reader" }, { "dan", "local-reader" },
		{ "yi", "young-inspector" } };
	static const char *const readers[][2] = { { "ann", "inspector" }, { "bob", "inspector" },
		{ "cat", "local" }, { "dan", "local" } };
	FILE *f;

	(void)state;
	if (errs == NULL || mkdtemp(dir) == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/t.db", dir);
	snprintf(csvpath, sizeof(csvpath), "%s/pop.csv", dir);
	if ((f = fopen(csvpath, "w")) == NULL)
		return -1;
	fputs("ref,category\n", f);
	for (int i = 1; i <= 40; i++)
		fprintf(f, "R%03d,%s\n", i, i % 2 ? "A" : "B");
	fclose(f);
	pi.path = csvpath;
	if (app_init(path, &st, &err) != CAIRN_OK ||
	    app_inspection_create(st, &local, &req, &insp, &err) != CAIRN_OK ||
	    app_population_import(st, &local, insp, &pi, &pres, errs, &err) != CAIRN_OK ||
	    app_sample_draw(st, &local, insp, &sr, &s, &err) != CAIRN_OK) {
		fprintf(stderr, "setup: %s\n", err.msg);
		return -1;
	}
	sample_free(&s);
	free(errs);
	for (size_t i = 0; i < sizeof(team) / sizeof(team[0]); i++)
		if (app_team_add(st, &local, insp, team[i][0], team[i][1], NULL, &err) != CAIRN_OK)
			return -1;
	for (size_t i = 0; i < sizeof(readers) / sizeof(readers[0]); i++) {
		long id;

		if (app_reader_add(st, &local, insp, readers[i][0], readers[i][1], NULL, &id,
		        &err) != CAIRN_OK)
			return -1;
	}
	if (app_reader_assign(st, &local, insp, &p, &err) != CAIRN_OK ||
	    app_sample_load(st, insp, &s, &err) != CAIRN_OK)
		return -1;
	{
		const struct reader *cat = reading_plan_reader_named(&p, "cat");

		for (size_t i = 0; cat != NULL && i < s.nmembers; i++) {
			const struct sample_member *m = &s.members[i];

			if (m->status != SAMPLE_SELECTED)
				continue;
			if (m->double_read && twice[0] == '\0')
				snprintf(twice, sizeof(twice), "%s", m->ref);
			if (m->double_read)
				continue;
			if (reading_plan_assigned(&p, m->id, cat->id) && mine[0] != '\0' &&
			    ours[0] == '\0')
				snprintf(ours, sizeof(ours), "%s", m->ref);
			if (reading_plan_assigned(&p, m->id, cat->id) && mine[0] == '\0')
				snprintf(mine, sizeof(mine), "%s", m->ref);
			if (!reading_plan_assigned(&p, m->id, cat->id) && theirs[0] == '\0')
				snprintf(theirs, sizeof(theirs), "%s", m->ref);
		}
	}
	reading_plan_free(&p);
	sample_free(&s);
	return mine[0] && ours[0] && theirs[0] && twice[0] ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	store_close(st);
	testdb_remove(path);
	unlink(csvpath);
	rmdir(dir);
	return 0;
}

/* Returns the stored answer of (ref, reader, item), or NULL (static copy). */
static const char *
stored(const char *ref, const char *reader, const char *item)
{
	static char out[64];
	struct reading_ctx x;
	struct cairn_err err = { 0 };
	const struct sample_member *m;
	const char *a = NULL;

	assert_int_equal(app_reading_ctx(st, insp, &x, &err), CAIRN_OK);
	m = sample_find(&x.sample, ref);
	assert_non_null(m);
	for (size_t i = 0; i < x.nreadings; i++)
		if (x.readings[i].member_id == m->id &&
		    strcmp(reading_ctx_reader(&x, &x.readings[i]), reader) == 0)
			a = reading_ctx_answer(&x, x.readings[i].id, item, "");
	if (a != NULL)
		snprintf(out, sizeof(out), "%s", a);
	reading_ctx_free(&x);
	return a != NULL ? out : NULL;
}

/* Returns the note on the stored answer of (ref, reader, item), or NULL. */
static const char *
stored_note(const char *ref, const char *reader, const char *item)
{
	static char out[64];
	struct reading_ctx x;
	struct cairn_err err = { 0 };
	const struct sample_member *m;
	const char *a = NULL;

	assert_int_equal(app_reading_ctx(st, insp, &x, &err), CAIRN_OK);
	m = sample_find(&x.sample, ref);
	assert_non_null(m);
	for (size_t i = 0; i < x.nreadings; i++) {
		if (x.readings[i].member_id != m->id ||
		    strcmp(reading_ctx_reader(&x, &x.readings[i]), reader) != 0)
			continue;
		for (size_t k = 0; k < x.nanswers; k++)
			if (x.answers[k].reading_id == x.readings[i].id &&
			    strcmp(x.answers[k].item, item) == 0 && x.answers[k].note != NULL)
				a = x.answers[k].note;
	}
	if (a != NULL)
		snprintf(out, sizeof(out), "%s", a);
	reading_ctx_free(&x);
	return a != NULL ? out : NULL;
}

/* "pairs = max(inspectors, local readers); pair p joins the p-th
 * inspector and the p-th local reader" */
static void
test_pairs(void **state)
{
	struct reading_plan p;
	struct cairn_err err = { 0 };

	(void)state;
	assert_int_equal(app_reader_plan(st, insp, &p, &err), CAIRN_OK);
	assert_int_equal(p.npairs, 2);
	for (size_t i = 0; i < p.npairs; i++) {
		const struct reader *in = reading_plan_reader(&p, p.pairs[i].inspector_id);
		const struct reader *lo = reading_plan_reader(&p, p.pairs[i].local_id);

		assert_string_equal(in->name, p.pairs[i].position == 1 ? "ann" : "bob");
		assert_string_equal(lo->name, p.pairs[i].position == 1 ? "cat" : "dan");
	}
	reading_plan_free(&p);
}

/* "a person records only their own readings of the records assigned to
 * them" */
static void
test_person_records_only_assigned(void **state)
{
	struct actor cat = actor_cli("cat");
	struct reading_entry e = { .reader = "cat", .item = "child-plan", .answer = "4" };
	struct cairn_err err = { 0 };
	bool changed;

	(void)state;
	e.ref = theirs;
	assert_int_equal(app_reading_answer(st, &cat, insp, &e, &changed, &err), CAIRN_EPERM);
	assert_string_equal(err.field, "ref");
	assert_non_null(strstr(err.msg, "not assigned to cat"));
	assert_null(stored(theirs, "cat", "child-plan"));
	cairn_err_clear(&err);
	assert_int_equal(app_reading_agencies(st, &cat, insp, theirs, "cat", "health", &err),
	    CAIRN_EPERM);
	cairn_err_clear(&err);
	assert_int_equal(app_reading_submit(st, &cat, insp, theirs, "cat", &err), CAIRN_EPERM);
	cairn_err_clear(&err);
	/* Another reader's reading of their own record. */
	e.ref = mine;
	e.reader = "ann";
	assert_int_equal(app_reading_answer(st, &cat, insp, &e, &changed, &err), CAIRN_EPERM);
	assert_string_equal(err.field, "reader");
	assert_non_null(strstr(err.msg, "only their own readings"));
	assert_null(stored(mine, "ann", "child-plan"));
	cairn_err_clear(&err);
	/* Their own reading of a record assigned to them. */
	e.reader = "cat";
	assert_int_equal(app_reading_answer(st, &cat, insp, &e, &changed, &err), CAIRN_OK);
	assert_string_equal(stored(mine, "cat", "child-plan"), "4");
}

/* The rule holds whatever else the role allows: an inspector (who sees
 * every child's records) records only as themselves, for their records;
 * a lead who is not a reader records nothing. */
static void
test_roles_that_see_every_record(void **state)
{
	struct actor ann = actor_cli("ann"), lee = actor_cli("lee");
	struct reading_entry e = { .reader = "ann", .item = "child-plan", .answer = "5" };
	struct cairn_err err = { 0 };
	bool changed;

	(void)state;
	e.ref = theirs;
	assert_int_equal(app_reading_answer(st, &ann, insp, &e, &changed, &err), CAIRN_EPERM);
	cairn_err_clear(&err);
	e.ref = ours; /* ann and cat are pair 1 */
	assert_int_equal(app_reading_answer(st, &ann, insp, &e, &changed, &err), CAIRN_OK);
	e.reader = "cat";
	assert_int_equal(app_reading_answer(st, &lee, insp, &e, &changed, &err), CAIRN_EPERM);
	assert_string_equal(err.field, "reader");
}

/* Someone off the team, or whose role may not read assigned records,
 * records nothing; the local administrator records for any reader. */
static void
test_who_may_at_all(void **state)
{
	struct actor stranger = actor_cli("stranger"), yi = actor_cli("yi"),
	             local = actor_cli(NULL);
	struct reading_entry e = { .reader = "dan", .item = "child-plan", .answer = "3" };
	struct cairn_err err = { 0 };
	bool changed;

	(void)state;
	e.ref = theirs; /* not yet read by anyone */
	assert_int_equal(app_reading_answer(st, &stranger, insp, &e, &changed, &err), CAIRN_EPERM);
	assert_int_equal(err.code, CAIRN_CODE_UNKNOWN);
	cairn_err_clear(&err);
	assert_int_equal(app_reading_answer(st, &yi, insp, &e, &changed, &err), CAIRN_EPERM);
	assert_null(stored(theirs, "dan", "child-plan"));
	cairn_err_clear(&err);
	assert_int_equal(app_reading_answer(st, &local, insp, &e, &changed, &err), CAIRN_OK);
	assert_string_equal(stored(theirs, "dan", "child-plan"), "3");
}

/* An import by a person is checked row by row, all or nothing, naming
 * line and column; the refusal is a permission refusal. */
static void
test_import_rows(void **state)
{
	struct actor cat = actor_cli("cat");
	struct reading_import_result res;
	struct csv_errors *errs = calloc(1, sizeof(*errs));
	struct cairn_err err = { 0 };
	char file[700];
	FILE *f;

	(void)state;
	assert_non_null(errs);
	snprintf(file, sizeof(file), "%s/r.csv", dir);
	f = fopen(file, "w");
	assert_non_null(f);
	fprintf(f,
	    "ref,reader,item,answer\n%s,cat,child-views,5\n%s,cat,child-views,5\n"
	    "%s,dan,child-views,5\n",
	    mine, theirs, mine);
	fclose(f);
	assert_int_equal(app_reading_import(st, &cat, insp, file, false, &res, errs, &err),
	    CAIRN_EPERM);
	assert_int_equal(errs->total, 2);
	assert_int_equal(errs->kept[0].line, 3);
	assert_int_equal(errs->kept[0].column, 1);
	assert_non_null(strstr(errs->kept[0].msg, "not assigned to cat"));
	assert_int_equal(errs->kept[1].line, 4);
	assert_int_equal(errs->kept[1].column, 2);
	assert_null(stored(mine, "cat", "child-views"));
	assert_int_equal(res.rows, 0);
	unlink(file);
	free(errs);
}

/* Saving names each invalid answer; submitting names each item missing
 * (every item but free text), and changes nothing. */
static void
test_save_problems(void **state)
{
	struct actor cat = actor_cli("cat");
	struct reading_entry e[2] = {
		{ .reader = "cat", .item = "child-views", .answer = "9" },
		{ .reader = "cat", .item = "risk-assessment", .answer = "4" },
	};
	struct reading_problems pr = { 0 };
	struct reading_ctx x;
	struct cairn_err err = { 0 };
	size_t want = 0;

	(void)state;
	e[0].ref = e[1].ref = mine;
	assert_int_equal(app_reading_save(st, &cat, insp, mine, "cat", e, 2, false, &pr, &err),
	    CAIRN_EDATA);
	assert_int_equal(pr.n, 1);
	assert_int_equal(pr.v[0].entry, 0);
	assert_string_equal(pr.v[0].item, "child-views");
	assert_int_equal(pr.v[0].code, CAIRN_CODE_INVALID);
	assert_string_equal(err.field, "child-views");
	assert_null(stored(mine, "cat", "risk-assessment"));
	reading_problems_free(&pr);
	cairn_err_clear(&err);
	/* Submit with only child-plan answered (earlier test): every other item
	 * but free text is missing. */
	assert_int_equal(app_reading_ctx(st, insp, &x, &err), CAIRN_OK);
	for (size_t i = 0; i < x.tpl.nitems; i++)
		want += x.tpl.items[i].answer != ANSWER_TEXT && !x.tpl.items[i].per_agency &&
		    strcmp(x.tpl.items[i].code, "child-plan") != 0;
	reading_ctx_free(&x);
	assert_int_equal(app_reading_save(st, &cat, insp, mine, "cat", NULL, 0, true, &pr, &err),
	    CAIRN_EDATA);
	assert_int_equal(pr.n, want);
	for (size_t i = 0; i < pr.n; i++) {
		assert_int_equal(pr.v[i].code, CAIRN_CODE_REQUIRED);
		assert_int_equal(pr.v[i].entry, SIZE_MAX);
		assert_string_not_equal(pr.v[i].item, "child-plan");
	}
	assert_int_equal(err.code, CAIRN_CODE_REQUIRED);
	reading_problems_free(&pr);
}

/* Answers every item but free text of x's template into e (answers of
 * the kind each item takes; differ changes the first six-point one). */
static size_t
full_answers(const struct reading_ctx *x, const char *ref, const char *reader, bool differ,
    struct reading_entry *e, size_t max)
{
	size_t n = 0;
	bool changed = false;

	for (size_t i = 0; i < x->tpl.nitems && n < max; i++) {
		const struct template_item *it = &x->tpl.items[i];

		if (it->answer == ANSWER_TEXT || it->per_agency)
			continue;
		e[n] = (struct reading_entry){ .ref = ref, .reader = reader, .item = it->code };
		if (it->answer == ANSWER_SIX_POINT) {
			e[n].answer = differ && !changed ? "2" : "4";
			changed = true;
		} else if (it->answer == ANSWER_YES_NO_NA) {
			e[n].answer = "yes";
		} else {
			e[n].answer = it->choices[0];
		}
		n++;
	}
	return n;
}

/* "lists, for double-read records with two submitted readings, every
 * item where the two differ, side by side, with the agreed answer" */
static void
test_compare(void **state)
{
	struct actor local = actor_cli(NULL);
	struct reading_entry e[64];
	struct reading_ctx x;
	struct comparison c;
	struct cairn_err err = { 0 };
	char first_item[80] = "";
	size_t n;

	(void)state;
	assert_int_equal(app_reading_ctx(st, insp, &x, &err), CAIRN_OK);
	n = full_answers(&x, twice, "ann", false, e, 64);
	assert_int_equal(app_reading_save(st, &local, insp, twice, "ann", e, n, true, NULL, &err),
	    CAIRN_OK);
	n = full_answers(&x, twice, "dan", true, e, 64);
	for (size_t i = 0; i < n; i++)
		if (strcmp(e[i].answer, "2") == 0)
			snprintf(first_item, sizeof(first_item), "%s", e[i].item);
	assert_string_not_equal(first_item, "");
	assert_int_equal(app_reading_save(st, &local, insp, twice, "dan", e, n, true, NULL, &err),
	    CAIRN_OK);
	reading_ctx_free(&x);

	assert_int_equal(app_reading_ctx(st, insp, &x, &err), CAIRN_OK);
	reading_compare(&x, NULL, &c);
	assert_true(c.nrecords >= 1);
	assert_int_equal(c.compared, 1);
	assert_int_equal(c.awaiting, c.nrecords - 1);
	assert_int_equal(c.differences, 1);
	comparison_free(&c);
	reading_compare(&x, twice, &c);
	assert_int_equal(c.nrecords, 1);
	assert_string_equal(c.records[0].reader[0], "ann");
	assert_string_equal(c.records[0].reader[1], "dan");
	assert_int_equal(c.records[0].ndiff, 1);
	assert_int_equal(c.records[0].nresolved, 0);
	for (size_t i = 0; i < c.records[0].nitems; i++) {
		const struct compare_item *ci = &c.records[0].items[i];

		assert_int_equal(ci->differ, strcmp(ci->item->code, first_item) == 0);
		if (ci->differ) {
			assert_string_equal(ci->first, "4");
			assert_string_equal(ci->second, "2");
		}
	}
	comparison_free(&c);
	reading_compare(&x, mine, &c);
	assert_int_equal(c.nrecords, 0);
	comparison_free(&c);
	reading_ctx_free(&x);

	assert_int_equal(app_reading_resolve(st, &local, insp, twice, first_item, NULL, "3",
	                     "agreed at moderation", &err),
	    CAIRN_OK);
	assert_int_equal(app_reading_ctx(st, insp, &x, &err), CAIRN_OK);
	reading_compare(&x, twice, &c);
	assert_int_equal(c.records[0].nresolved, 1);
	comparison_free(&c);
	reading_ctx_free(&x);
}

/* "A second reading of a record sampled for single reading is refused,
 * naming the field": ann has begun ours; cat, her partner, may not. */
static void
test_single_read_refused(void **state)
{
	struct actor cat = actor_cli("cat"), local = actor_cli(NULL);
	struct reading_entry e = { .reader = "cat", .item = "child-plan", .answer = "2" };
	struct cairn_err err = { 0 };
	bool changed;

	(void)state;
	e.ref = ours;
	assert_int_equal(app_reading_answer(st, &cat, insp, &e, &changed, &err), CAIRN_EDATA);
	assert_string_equal(err.field, "ref");
	assert_int_equal(err.code, CAIRN_CODE_CONFLICT);
	assert_non_null(strstr(err.msg, "single reading"));
	cairn_err_clear(&err);
	/* nor for the local administrator typing up paper readings */
	assert_int_equal(app_reading_answer(st, &local, insp, &e, &changed, &err), CAIRN_EDATA);
	assert_null(stored(ours, "cat", "child-plan"));
	assert_string_equal(stored(ours, "ann", "child-plan"), "5");
}

/* Returns the code of the template's first six-point item. */
static const char *
first_six_point(void)
{
	static char code[80];
	struct reading_ctx x;
	struct cairn_err err = { 0 };

	code[0] = '\0';
	assert_int_equal(app_reading_ctx(st, insp, &x, &err), CAIRN_OK);
	for (size_t i = 0; i < x.tpl.nitems && code[0] == '\0'; i++)
		if (x.tpl.items[i].answer == ANSWER_SIX_POINT && !x.tpl.items[i].per_agency)
			snprintf(code, sizeof(code), "%s", x.tpl.items[i].code);
	reading_ctx_free(&x);
	assert_string_not_equal(code, "");
	return code;
}

/* "The lead corrects a submitted reading, giving a reason": the lead
 * only, a reason required, a submitted reading only, a real change only;
 * the reading stays its reader's. */
static void
test_correct(void **state)
{
	struct actor lee = actor_cli("lee"), ann = actor_cli("ann"), yi = actor_cli("yi");
	const char *item = first_six_point();
	struct reading_entry e = { .item = item, .answer = "5" };
	struct cairn_err err = { 0 };
	long changed = -1;

	(void)state;
	/* ann's reading of twice was submitted with 4 (test_compare) */
	assert_string_equal(stored(twice, "ann", item), "4");
	assert_int_equal(app_reading_correct(st, &ann, insp, twice, "ann", &e, 1, "misread",
	                     &changed, &err),
	    CAIRN_EPERM);
	cairn_err_clear(&err);
	assert_int_equal(app_reading_correct(st, &yi, insp, twice, "ann", &e, 1, "misread",
	                     &changed, &err),
	    CAIRN_EPERM);
	cairn_err_clear(&err);
	assert_int_equal(app_reading_correct(st, &lee, insp, twice, "ann", &e, 1, "  ", &changed,
	                     &err),
	    CAIRN_EUSAGE);
	assert_string_equal(err.field, "reason");
	cairn_err_clear(&err);
	e.answer = "4";
	assert_int_equal(app_reading_correct(st, &lee, insp, twice, "ann", &e, 1, "no change",
	                     &changed, &err),
	    CAIRN_EDATA);
	assert_string_equal(err.field, "answer");
	cairn_err_clear(&err);
	e.answer = "7";
	assert_int_equal(app_reading_correct(st, &lee, insp, twice, "ann", &e, 1, "typo", &changed,
	                     &err),
	    CAIRN_EDATA);
	assert_string_equal(err.field, item);
	cairn_err_clear(&err);
	/* ann's reading of ours is a draft: her own to change */
	e.answer = "3";
	assert_int_equal(app_reading_correct(st, &lee, insp, ours, "ann", &e, 1, "typo", &changed,
	                     &err),
	    CAIRN_EDATA);
	assert_string_equal(err.field, "reader");
	assert_int_equal(err.code, CAIRN_CODE_CONFLICT);
	cairn_err_clear(&err);
	assert_string_equal(stored(twice, "ann", item), "4");
	/* ann's note on the answer (added with a reason) survives the correction */
	{
		struct actor local = actor_cli(NULL);
		struct reading_entry n = { .ref = twice,
			.reader = "ann",
			.item = item,
			.answer = "4",
			.note = "NOTE-KEPT",
			.reason = "note added" };
		bool ch;

		assert_int_equal(app_reading_answer(st, &local, insp, &n, &ch, &err), CAIRN_OK);
	}
	e.answer = "5";
	assert_int_equal(app_reading_correct(st, &lee, insp, twice, "ann", &e, 1,
	                     "the plan's review date was misread", &changed, &err),
	    CAIRN_OK);
	assert_int_equal(changed, 1);
	assert_string_equal(stored(twice, "ann", item), "5");
	assert_string_equal(stored_note(twice, "ann", item), "NOTE-KEPT");
}

/* "A reader can be removed; their unread records are reassigned to
 * another reader; removal that would leave records unassigned is
 * refused; submitted readings stay, attributed." */
static void
test_remove(void **state)
{
	struct actor lee = actor_cli("lee"), local = actor_cli(NULL);
	struct reader_remove_result res;
	struct reading_plan p;
	struct reading_ctx x;
	struct comparison c;
	struct reading_entry e = { .reader = "bob", .item = "child-plan", .answer = "3" };
	const struct reader *bob, *ann;
	struct cairn_err err = { 0 };
	bool changed;
	long bobs = 0;

	(void)state;
	assert_int_equal(app_reader_plan(st, insp, &p, &err), CAIRN_OK);
	bob = reading_plan_reader_named(&p, "bob");
	for (size_t i = 0; i < p.nassigns; i++) {
		const struct reader_pair *pr = reading_plan_pair(&p, p.assigns[i].pair_id);

		bobs += pr->inspector_id == bob->id || pr->local_id == bob->id;
	}
	reading_plan_free(&p);
	assert_true(bobs > 0);
	assert_int_equal(app_reader_remove(st, &lee, insp, "bob", NULL, &res, &err), CAIRN_EDATA);
	assert_string_equal(err.field, "to");
	assert_int_equal(err.code, CAIRN_CODE_REQUIRED);
	cairn_err_clear(&err);
	assert_int_equal(app_reader_remove(st, &lee, insp, "bob", "cat", &res, &err), CAIRN_EDATA);
	assert_string_equal(err.field, "to");
	cairn_err_clear(&err);
	assert_int_equal(app_reader_remove(st, &lee, insp, "bob", "ghost", &res, &err),
	    CAIRN_EDATA);
	assert_int_equal(err.code, CAIRN_CODE_UNKNOWN);
	cairn_err_clear(&err);
	assert_int_equal(app_reader_remove(st, &lee, insp, "bob", "ann", &res, &err), CAIRN_OK);
	assert_int_equal(res.outstanding, bobs);
	assert_int_equal(app_reader_plan(st, insp, &p, &err), CAIRN_OK);
	bob = reading_plan_reader_named(&p, "bob");
	ann = reading_plan_reader_named(&p, "ann");
	assert_true(bob->removed);
	for (size_t i = 0; i < p.npairs; i++)
		assert_true(p.pairs[i].inspector_id == ann->id);
	reading_plan_free(&p);
	/* bob records nothing more, even typed up by the local administrator */
	e.ref = theirs;
	assert_int_equal(app_reading_answer(st, &local, insp, &e, &changed, &err), CAIRN_EPERM);
	assert_string_equal(err.field, "reader");
	cairn_err_clear(&err);
	/* dan submitted a reading of twice: removing dan keeps it, as dan's */
	assert_int_equal(app_reader_remove(st, &lee, insp, "dan", "cat", &res, &err), CAIRN_OK);
	assert_true(res.submitted >= 1);
	assert_int_equal(app_reader_remove(st, &lee, insp, "dan", "cat", &res, &err), CAIRN_EDATA);
	assert_string_equal(err.field, "reader");
	cairn_err_clear(&err);
	assert_int_equal(app_reading_ctx(st, insp, &x, &err), CAIRN_OK);
	reading_compare(&x, twice, &c);
	assert_int_equal(c.nrecords, 1);
	assert_string_equal(c.records[0].reader[1], "dan");
	comparison_free(&c);
	reading_ctx_free(&x);
}

/* The reading template is chosen among its framework's templates, offered
 * by title (what the browser and the API show): the shipped one to start
 * with, then an imported one; only who manages readers chooses; an
 * unknown or missing template is an error of the input "template". */
static void
test_template_choice(void **state)
{
	struct cairn_err err = { 0 };
	struct actor local = actor_cli(NULL), lee = actor_cli("lee"), ann = actor_cli("ann");
	struct template_choice *v = NULL;
	char tpl[600], *code = NULL;
	size_t n = 0;
	FILE *f;

	(void)state;
	assert_int_equal(app_template_choices(st, &ann, insp, &v, &n, &err), CAIRN_OK);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].code, "cyp-2014-records");
	assert_true(v[0].builtin && v[0].current);
	assert_true(strlen(v[0].title) > 0 && strcmp(v[0].title, v[0].code) != 0);
	template_choices_free(v, n);
	snprintf(tpl, sizeof(tpl), "%s/tpl.json", dir);
	assert_non_null(f = fopen(tpl, "w"));
	fputs("{\"code\": \"angus-records\", \"framework\": \"cyp-2014\", \"title\": "
	      "\"Angus short reading\", \"agencies\": [{\"code\": \"health\", \"name\": "
	      "\"Health\"}], \"items\": [{\"code\": \"plan\", \"text\": \"Plan?\", "
	      "\"answer\": \"six-point\", \"qis\": [\"5.3\"]}]}",
	    f);
	fclose(f);
	assert_int_equal(app_template_import(st, &local, tpl, &code, &err), CAIRN_OK);
	free(code);
	assert_int_equal(app_template_use(st, &ann, insp, "angus-records", &err), CAIRN_EPERM);
	cairn_err_clear(&err);
	assert_int_equal(app_template_use(st, &lee, insp, NULL, &err), CAIRN_EUSAGE);
	assert_string_equal(err.field, "template");
	assert_int_equal(err.code, CAIRN_CODE_REQUIRED);
	cairn_err_clear(&err);
	assert_int_equal(app_template_use(st, &lee, insp, "nope", &err), CAIRN_EDATA);
	assert_string_equal(err.field, "template");
	assert_int_equal(err.code, CAIRN_CODE_UNKNOWN);
	cairn_err_clear(&err);
	assert_int_equal(app_template_use(st, &lee, insp, "angus-records", &err), CAIRN_OK);
	assert_int_equal(app_template_choices(st, &lee, insp, &v, &n, &err), CAIRN_OK);
	assert_int_equal(n, 2);
	assert_string_equal(v[1].code, "angus-records");
	assert_string_equal(v[1].title, "Angus short reading");
	assert_true(v[1].current && !v[1].builtin && !v[0].current);
	template_choices_free(v, n);
	unlink(tpl);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pairs),
		cmocka_unit_test(test_person_records_only_assigned),
		cmocka_unit_test(test_roles_that_see_every_record),
		cmocka_unit_test(test_who_may_at_all),
		cmocka_unit_test(test_single_read_refused),
		cmocka_unit_test(test_import_rows),
		cmocka_unit_test(test_save_problems),
		cmocka_unit_test(test_compare),
		cmocka_unit_test(test_correct),
		cmocka_unit_test(test_remove),
		cmocka_unit_test(test_template_choice),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
