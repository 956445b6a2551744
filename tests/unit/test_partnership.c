/*
 * Unit tests for app/partnership against a real database and the shipped
 * packs: the word count (hand-counted texts), the pack files of every
 * shipped programme parse, bad layouts and templates are refused naming
 * the field, the pre-inspection return is all or nothing with sheet, line
 * and column, the word limit is exact at 5,000 (claims included), document
 * versions are kept, and a claim's test needs evidence and shows only on
 * its indicator.
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
#include "app/partnership/notification.h"
#include "app/partnership/position.h"
#include "app/partnership/preret.h"
#include "app/setup/init.h"
#include "app/setup/inspection.h"
#include "app/setup/team.h"
#include "core/buf.h"
#include "core/embed.h"
#include "core/mem.h"
#include "store/store.h"
#include "testdb.h"

static char dir[] = "/tmp/cairn-test-partnership.XXXXXX";
static char path[512];
static struct store *st;
static long next_partnership;

/* A new at-risk-2021 inspection with lead "lee", inspector "ian" and
 * co-ordinator "col". */
static long
fresh(void)
{
	struct cairn_err err = { 0 };
	struct actor local = actor_cli(NULL);
	char name[32];
	struct inspection_new req = { .partnership = name,
		.framework = "at-risk-2021",
		.notified = "2026-01-05" };
	long id = 0;

	snprintf(name, sizeof(name), "Place %ld", ++next_partnership);
	assert_int_equal(app_inspection_create(st, &local, &req, &id, &err), CAIRN_OK);
	assert_int_equal(app_team_add(st, &local, id, "lee", "lead", NULL, &err), CAIRN_OK);
	assert_int_equal(app_team_add(st, &local, id, "ian", "inspector", NULL, &err), CAIRN_OK);
	assert_int_equal(app_team_add(st, &local, id, "col", "partnership-coordinator", NULL, &err),
	    CAIRN_OK);
	return id;
}

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

/* Words counted by hand. */
static void
test_word_count(void **state)
{
	static const struct {
		const char *s;
		long n;
	} rows[] = {
		{ "", 0 }, { " \t\n ", 0 }, { "one", 1 }, { "Children are safer.", 3 },
		{ "well-being and inter-agency", 3 },
		{ "plans - and reviews", 3 }, /* a dash alone is no word */
		{ "24 hours, 7 days", 4 },
		{ "café  ménage\nàla", 3 },      /* UTF-8 letters are letters */
		{ "(S1) \"quoted\" -- ...", 2 }, /* punctuation alone is no word */
	};

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		assert_int_equal(partnership_word_count(rows[i].s), rows[i].n);
}

/* Every shipped pack's partnership files parse; the at-risk-2021 limit is 5,000. */
static void
test_shipped_packs(void **state)
{
	static const char *const packs[] = { "at-risk-2021", "care-protection-2018", "cso-2025",
		"cyp-2014", "ilacs-2018", "default" };
	struct cairn_err err = { 0 };

	(void)state;
	for (size_t i = 0; i < sizeof(packs) / sizeof(packs[0]); i++) {
		char name[128];
		const struct embed_file *f;
		struct preret_layout rl;
		struct position_layout pl;

		snprintf(name, sizeof(name), "models/%s/notification.json", packs[i]);
		assert_non_null(f = embed_find(name));
		assert_int_equal(notification_template_check(f->data, f->len, name, &err),
		    CAIRN_OK);
		snprintf(name, sizeof(name), "models/%s/return.json", packs[i]);
		assert_non_null(f = embed_find(name));
		assert_int_equal(preret_layout_parse(f->data, f->len, name, &rl, &err), CAIRN_OK);
		assert_true(rl.n >= 1);
		preret_layout_free(&rl);
		snprintf(name, sizeof(name), "models/%s/position.json", packs[i]);
		assert_non_null(f = embed_find(name));
		assert_int_equal(position_layout_parse(f->data, f->len, name, &pl, &err), CAIRN_OK);
		if (strcmp(packs[i], "at-risk-2021") == 0) {
			assert_int_equal(pl.word_limit, 5000);
			assert_int_equal(pl.n, 4); /* the four inspection statements */
		} else {
			assert_int_equal(pl.word_limit, 0);
		}
		position_layout_free(&pl);
	}
}

/* Bad layouts and templates name the file and field. */
static void
test_bad_pack_files(void **state)
{
	struct cairn_err err = { 0 };
	struct preret_layout rl;
	struct position_layout pl;

	(void)state;
	assert_int_equal(preret_layout_parse("{\"title\":\"R\",\"sheets\":[{\"name\":\"a\","
	                                     "\"title\":\"A\",\"columns\":[{\"name\":\"n\","
	                                     "\"title\":\"N\",\"type\":\"money\"}]}]}",
	                     strlen("{\"title\":\"R\",\"sheets\":[{\"name\":\"a\",\"title\":\"A\","
	                            "\"columns\":[{\"name\":\"n\",\"title\":\"N\",\"type\":"
	                            "\"money\"}]}]}"),
	                     "r.json", &rl, &err),
	    CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "r.json: field sheets[0].columns[0].type"));
	cairn_err_clear(&err);
	assert_int_equal(position_layout_parse("{\"title\":\"P\",\"word_limit\":0,\"sections\":[{"
	                                       "\"code\":\"A\",\"title\":\"a\"}]}",
	                     strlen(
	                         "{\"title\":\"P\",\"word_limit\":0,\"sections\":[{\"code\":\"A\","
	                         "\"title\":\"a\"}]}"),
	                     "p.json", &pl, &err),
	    CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "p.json: field word_limit"));
	cairn_err_clear(&err);
	assert_int_equal(
	    notification_template_check("{\"title\":\"T\",\"recipients\":[\"{mayor}\"],"
	                                "\"paragraphs\":[\"x\"]}",
	        strlen("{\"title\":\"T\",\"recipients\":[\"{mayor}\"],\"paragraphs\":[\"x"
	               "\"]}"),
	        "n.json", &err),
	    CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "n.json: field recipients[0]: unknown placeholder"));
}

/* All or nothing, each problem with its sheet, line and column; the override. */
static void
test_return(void **state)
{
	struct actor col = actor_cli("col"), ian = actor_cli("ian");
	struct cairn_err err = { 0 };
	struct preret_result *res = xcalloc(1, sizeof(*res));
	struct preret_status s;
	const char *bad_children = "category,number,census_date,dob\nA,x,2026-01-31,1\nB,3,,\n";
	const char *services = "service,agency,posts\nSocial work,0131 496 0000,2\n";
	struct preret_file files[2] = {
		{ "children", NULL, bad_children, strlen(bad_children) },
		{ "services", NULL, services, strlen(services) },
	};
	long id = fresh();

	(void)state;
	assert_int_equal(app_preret_return(st, &col, id, files, 2, NULL, res, &err), CAIRN_EDATA);
	/* dob (header), x (number), B's census date (required), the phone number */
	assert_int_equal(res->total, 4);
	assert_int_equal(res->nerrors, 2);
	assert_string_equal(res->errors[0].sheet, "children");
	assert_int_equal(res->errors[0].e.kept[0].line, 1);
	assert_int_equal(res->errors[0].e.kept[0].column, 4);
	assert_non_null(strstr(res->errors[0].e.kept[0].msg, "date of birth"));
	assert_int_equal(res->errors[0].e.kept[1].line, 2);
	assert_int_equal(res->errors[0].e.kept[1].column, 2);
	assert_int_equal(res->errors[0].e.kept[2].line, 3);
	assert_int_equal(res->errors[0].e.kept[2].column, 3);
	assert_string_equal(res->errors[1].sheet, "services");
	assert_int_equal(res->errors[1].e.kept[0].line, 2);
	assert_int_equal(res->errors[1].e.kept[0].column, 2);
	assert_int_equal(res->version, 0);
	assert_int_equal(app_preret_status(st, &col, id, &s, &err), CAIRN_OK);
	assert_int_equal(s.ret.version, 0);       /* nothing stored */
	assert_string_equal(s.due, "2026-02-23"); /* week 8 from 2026-01-05 */
	preret_status_free(&s);
	/* The panel's and an inspector's refusal. */
	cairn_err_clear(&err);
	assert_int_equal(app_preret_return(st, &ian, id, files, 2, NULL, res, &err), CAIRN_EPERM);
	/* Clean children; the phone-like agency allowed. */
	files[0].data = "category,number,census_date\nA,3,2026-01-31\n";
	files[0].len = strlen(files[0].data);
	cairn_err_clear(&err);
	assert_int_equal(app_preret_return(st, &col, id, files, 2, "agency", res, &err), CAIRN_OK);
	assert_int_equal(res->version, 1);
	assert_int_equal(res->rows, 2);
	assert_int_equal(app_preret_status(st, &col, id, &s, &err), CAIRN_OK);
	assert_int_equal(s.ret.version, 1);
	assert_string_equal(s.ret.allowed, "agency");
	assert_false(s.overdue);
	preret_status_free(&s);
	free(res);
}

/* Writes n words into a malloc'd string. */
static char *
words(long n)
{
	struct buf b = BUF_INIT;

	for (long i = 0; i < n; i++)
		buf_puts(&b, i ? " w" : "w");
	return buf_take(&b);
}

/* The limit is exact: 5,000 words pass, 5,001 are refused with the count;
 * claims count too. */
static void
test_word_limit(void **state)
{
	struct actor col = actor_cli("col");
	struct cairn_err err = { 0 };
	char *w4999 = words(4999), *w5000 = words(5000);
	struct position_text secs[2] = { { "S1", w5000 }, { "S3", "One more" } };
	long id = fresh(), version = 0, n = 0, claim = 0;

	(void)state;
	assert_int_equal(app_position_submit(st, &col, id, secs, 2, &version, &n, &err),
	    CAIRN_EDATA);
	assert_int_equal(n, 5002);
	assert_string_equal(err.field, "statement");
	assert_non_null(strstr(err.msg, "5002 words"));
	assert_int_equal(version, 0);
	cairn_err_clear(&err);
	assert_int_equal(app_position_submit(st, &col, id, secs, 1, &version, &n, &err), CAIRN_OK);
	assert_int_equal(n, 5000);
	assert_int_equal(version, 1);
	/* A claim of one word would take it to 5,001. */
	assert_int_equal(app_position_claim(st, &col, id, "S1", "Safer", NULL, &claim, &err),
	    CAIRN_EDATA);
	assert_string_equal(err.field, "text");
	assert_non_null(strstr(err.msg, "5001 words"));
	cairn_err_clear(&err);
	secs[0].text = w4999;
	assert_int_equal(app_position_submit(st, &col, id, secs, 1, &version, &n, &err), CAIRN_OK);
	assert_int_equal(version, 2);
	assert_int_equal(app_position_claim(st, &col, id, "S1", "Safer", NULL, &claim, &err),
	    CAIRN_OK);
	assert_int_equal(claim, 1);
	free(w4999);
	free(w5000);
}

/* Document versions are kept; a test needs evidence or a note; claims show
 * only on their indicator. */
static void
test_documents_and_tests(void **state)
{
	struct actor col = actor_cli("col"), ian = actor_cli("ian");
	struct cairn_err err = { 0 };
	struct position_state s;
	struct claim_for_qi *v = NULL;
	char *data = NULL, *name = NULL;
	size_t len = 0, n = 0;
	long id = fresh(), number = 0, version = 0, claim = 0;

	(void)state;
	assert_int_equal(app_position_document(st, &col, id, &number, "Audit", "a.txt", "one", 3,
	                     &version, &err),
	    CAIRN_OK);
	assert_int_equal(number, 1);
	assert_int_equal(app_position_document(st, &col, id, &number, NULL, "b.txt", "two!", 4,
	                     &version, &err),
	    CAIRN_OK);
	assert_int_equal(version, 2);
	assert_int_equal(app_position_document_get(st, &col, id, 1, 1, &data, &len, &name, &err),
	    CAIRN_OK);
	assert_int_equal(len, 3);
	assert_memory_equal(data, "one", 3);
	assert_string_equal(name, "a.txt");
	free(data);
	free(name);
	assert_int_equal(app_position_document_get(st, &col, id, 1, 0, &data, &len, &name, &err),
	    CAIRN_OK);
	assert_memory_equal(data, "two!", 4);
	free(data);
	free(name);
	assert_int_equal(app_position_claim(st, &col, id, "S2", "Plans are reviewed", "1, 1",
	                     &claim, &err),
	    CAIRN_OK);
	assert_int_equal(app_position_test(st, &ian, id, claim, "2.1", "confirmed", NULL, NULL,
	                     &err),
	    CAIRN_EUSAGE);
	assert_string_equal(err.field, "evidence");
	cairn_err_clear(&err);
	assert_int_equal(app_position_test(st, &col, id, claim, "2.1", NULL, NULL, NULL, &err),
	    CAIRN_EPERM);
	cairn_err_clear(&err);
	assert_int_equal(app_position_test(st, &ian, id, claim, "2.1", "qualified", NULL,
	                     "seen in six of eight plans", &err),
	    CAIRN_OK);
	assert_int_equal(app_position_claims_for(st, &ian, id, "2.1", &v, &n, &err), CAIRN_OK);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].verdict, VERDICT_QUALIFIED);
	assert_string_equal(v[0].note, "seen in six of eight plans");
	claims_for_qi_free(v, n);
	assert_int_equal(app_position_claims_for(st, &ian, id, "9.9", &v, &n, &err), CAIRN_OK);
	assert_int_equal(n, 0);
	assert_int_equal(app_position_state(st, &col, id, &s, &err), CAIRN_OK);
	assert_int_equal(s.ndocs, 1);
	assert_int_equal(s.docs[0].version, 2);
	assert_int_equal(s.nclaims, 1);
	assert_int_equal(s.claims[0].ndocuments, 1); /* cited twice, linked once */
	position_state_free(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_word_count),
		cmocka_unit_test(test_shipped_packs),
		cmocka_unit_test(test_bad_pack_files),
		cmocka_unit_test(test_return),
		cmocka_unit_test(test_word_limit),
		cmocka_unit_test(test_documents_and_tests),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
