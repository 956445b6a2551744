/*
 * Surveys through app/ and a real SQLite database: response scales as
 * data, items files, and imports of malformed files (each error with its
 * line and column, nothing stored), "don't know" and blank answers,
 * --replace, and comment tagging.
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

#include "app/evaluation/evidence.h"
#include "app/setup/init.h"
#include "app/setup/inspection.h"
#include "app/surveys/rscale.h"
#include "app/surveys/survey.h"
#include "store/store.h"

static char dir[] = "/tmp/cairn-test-survey.XXXXXX";
static char path[512];
static struct store *st;
static const struct actor who = { "tester", "test", NULL, true };
static long insp;

/* Writes text to dir/name and returns the path (static buffer). */
static const char *
put_file(const char *name, const char *text)
{
	static char p[600];
	FILE *f;

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	f = fopen(p, "wb");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return p;
}

static int
setup(void **state)
{
	struct cairn_err err = { 0 };
	struct inspection_new req = { .partnership = "Glenmore", .framework = "cyp-2014" };

	(void)state;
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/t.db", dir);
	if (app_init(path, &st, &err) != CAIRN_OK ||
	    app_inspection_create(st, &who, &req, &insp, &err) != CAIRN_OK)
		return -1;
	return 0;
}

static int
teardown(void **state)
{
	char p[700];

	(void)state;
	store_close(st);
	for (const char *const *s = (const char *const[]){ "t.db", "t.db-wal", "t.db-shm",
	         "t.db.key", "t.db.anchor", "items.json", "a.csv", "b.csv", "c.csv", "d.csv",
	         "e.csv", "f.csv", "g.csv", "h.csv", "bad.json", NULL };
	     *s; s++) {
		snprintf(p, sizeof(p), "%s/%s", dir, *s);
		unlink(p);
	}
	rmdir(dir);
	return 0;
}

/* Every shipped scale loads and has what the summaries need. */
static void
test_shipped_scales(void **state)
{
	static const char *const codes[] = { "agree5", "agree4", "yesno3", "yesno2", "frequency5",
		"satisfied5", NULL };
	struct survey_scale s;
	struct cairn_err err = { 0 };

	(void)state;
	for (const char *const *c = codes; *c; c++) {
		assert_int_equal(rscale_load(*c, &s, &err), CAIRN_OK);
		assert_string_equal(s.code, *c);
		assert_true(s.nlevels >= 2);
		survey_scale_free(&s);
	}
	assert_int_equal(rscale_load("agree9", &s, &err), CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "agree5"));
	assert_int_equal(rscale_load("yesno3", &s, &err), CAIRN_OK);
	/* yes / no / not sure: "not sure" is the don't-know level. */
	assert_int_equal(s.nlevels, 3);
	assert_true(s.levels[0].positive);
	assert_int_equal(survey_scale_dont_know(&s), 2);
	survey_scale_free(&s);
}

/* Labels match in any case, around white space, and through aliases. */
static void
test_scale_matching(void **state)
{
	struct survey_scale s;

	(void)state;
	assert_int_equal(rscale_load("agree5", &s, NULL), CAIRN_OK);
	assert_int_equal(survey_scale_match(&s, "Strongly agree"), 0);
	assert_int_equal(survey_scale_match(&s, "  STRONGLY AGREE "), 0);
	assert_int_equal(survey_scale_match(&s, "agree"), 1);
	assert_int_equal(survey_scale_match(&s, "Don\xe2\x80\x99t know"), 5);
	assert_int_equal(survey_scale_match(&s, "dont know"), 5);
	assert_int_equal(survey_scale_match(&s, "Neither agree or disagree"), 2);
	assert_int_equal(survey_scale_match(&s, "Agreed"), -1);
	assert_int_equal(survey_scale_match(&s, ""), -1);
	survey_scale_free(&s);
}

/* A scale file with two "don't know" levels, no positive level or a
 * repeated label is refused, naming the field. */
static void
test_bad_scales(void **state)
{
	static const char *const bad[][2] = {
		{ "{\"code\":\"x\",\"name\":\"x\",\"levels\":[{\"label\":\"A\",\"positive\":true},"
		  "{\"label\":\"D\"},{\"label\":\"B\",\"dont_know\":true},"
		  "{\"label\":\"C\",\"dont_know\":true}]}",
		    "at most one" },
		{ "{\"code\":\"x\",\"name\":\"x\",\"levels\":[{\"label\":\"A\"},{\"label\":\"B\"}]"
		  "}",
		    "positive" },
		{ "{\"code\":\"x\",\"name\":\"x\",\"levels\":[{\"label\":\"A\",\"positive\":true},"
		  "{\"label\":\"a\"}]}",
		    "already used" },
		{ "{\"code\":\"x\",\"name\":\"x\",\"levels\":[{\"label\":\"A\",\"positive\":true},"
		  "{\"label\":\"B\",\"colour\":\"red\"}]}",
		    "levels[1].colour: unknown field" },
		{ "{\"code\":\"x\",\"name\":\"x\",\"levels\":[{\"label\":\"A\",\"positive\":true,"
		  "\"dont_know\":true},{\"label\":\"B\"}]}",
		    "both" },
	};
	struct survey_scale s;
	struct cairn_err err;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(&err, 0, sizeof(err));
		assert_int_equal(rscale_from_json(bad[i][0], strlen(bad[i][0]), "t.json", &s, &err),
		    CAIRN_EDATA);
		if (strstr(err.msg, bad[i][1]) == NULL)
			fail_msg("case %zu: '%s' lacks '%s'", i, err.msg, bad[i][1]);
		assert_null(s.levels);
	}
}

/* Creating a survey: an unknown indicator in the items is refused and
 * nothing is stored; a good one is stored with its mapping. */
static void
test_create_with_items(void **state)
{
	struct survey_new req = { .name = "staff",
		.kind = "staff",
		.scale = "agree5",
		.invited = "40" };
	struct cairn_err err = { 0 };
	struct survey sv;
	long sid = 0;

	(void)state;
	req.items = put_file("bad.json",
	    "{\"statements\":[{\"code\":\"S1\",\"text\":\"Help is "
	    "early\",\"qis\":[\"5.1\",\"12.9\"]}]}");
	assert_int_equal(app_survey_create(st, &who, insp, &req, &sid, &err), CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "12.9"));
	assert_int_equal(app_survey_load(st, insp, "staff", &sv, &err), CAIRN_EDATA);
	req.items = put_file("items.json",
	    "{\"statements\":["
	    "{\"code\":\"S1\",\"text\":\"Help is early\",\"qis\":[\"5.1\"]},"
	    "{\"code\":\"S2\",\"text\":\"I feel valued\",\"qis\":[\"9.3\",\"4.1\"]}],"
	    "\"attributes\":[\"agency\"]}");
	memset(&err, 0, sizeof(err));
	assert_int_equal(app_survey_create(st, &who, insp, &req, &sid, &err), CAIRN_OK);
	assert_true(sid > 0);
	assert_int_equal(app_survey_create(st, &who, insp, &req, &sid, &err), CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "already has a survey"));
	assert_int_equal(app_survey_load(st, insp, "staff", &sv, &err), CAIRN_OK);
	assert_int_equal(sv.nstatements, 2);
	assert_int_equal(sv.statements[1].nqis, 2);
	assert_int_equal(sv.invited, 40);
	assert_int_equal(sv.nattributes, 1);
	assert_int_equal(sv.scale.nlevels, 6);
	survey_free(&sv);
	req.kind = "boss";
	req.name = "other";
	assert_int_equal(app_survey_create(st, &who, insp, &req, &sid, &err), CAIRN_EUSAGE);
}

/* Returns true if the import's errors hold one at line and column whose
 * message contains text. */
static bool
has_error(const struct survey_import_result *r, long line, long column, const char *text)
{
	for (size_t i = 0; i < r->errors.nkept; i++)
		if (r->errors.kept[i].line == line && r->errors.kept[i].column == column &&
		    strstr(r->errors.kept[i].msg, text) != NULL)
			return true;
	return false;
}

/* Returns the survey's respondent count. */
static long
respondents(const char *name)
{
	struct survey sv;
	long n;

	assert_int_equal(app_survey_load(st, insp, name, &sv, NULL), CAIRN_OK);
	n = sv.nrespondents;
	survey_free(&sv);
	return n;
}

/* Each kind of error is reported with its line and column, all of them in
 * one pass, and nothing is imported. */
static void
test_import_malformed(void **state)
{
	struct survey_import_opts o = { .comment_columns = "Comment" };
	struct survey_import_result r;
	struct cairn_err err = { 0 };
	const char *p;

	(void)state;
	p = put_file("a.csv",
	    "id,agency,S1,I feel valued,Comment\n"    /* line 1 */
	    "1,Health,Agree,agree,fine\n"             /* 2: good */
	    "2,Health,Agreed,agree,\n"                /* 3: unknown label, column 3 */
	    "1,Police,agree,agree,\n"                 /* 4: duplicate of line 2, column 1 */
	    "3,Health,agree\n"                        /* 5: ragged */
	    "4,Health,agree,\"Strongly\n agreed\",\n" /* 6-7: unknown label, column 4 */
	    "5,Health,agree,agree,x,extra\n"          /* 8: ragged */
	    ",Health,agree,agree,\n");                /* 9: empty id, column 1 */
	assert_int_equal(app_survey_import(st, &who, insp, "staff", p, &o, &r, &err), CAIRN_EDATA);
	assert_true(has_error(&r, 3, 3, "unknown answer 'Agreed' to S1"));
	assert_true(has_error(&r, 4, 1, "duplicate respondent id '1' (also on line 2)"));
	assert_true(has_error(&r, 5, 4, "the row has 3 cells; the header has 5"));
	assert_true(has_error(&r, 6, 4, "unknown answer 'Strongly  agreed' to S2"));
	assert_true(has_error(&r, 8, 6, "the row has 6 cells"));
	assert_true(has_error(&r, 9, 1, "respondent id"));
	assert_int_equal(r.errors.total, 6);
	assert_non_null(strstr(err.msg, "6 errors"));
	assert_non_null(strstr(err.msg, "nothing was imported"));
	assert_int_equal(respondents("staff"), 0);
	survey_import_result_free(&r);

	/* The header: no id column, a statement without a column. */
	p = put_file("b.csv", "who,agency,S1\nx,Health,agree\n");
	memset(&err, 0, sizeof(err));
	assert_int_equal(app_survey_import(st, &who, insp, "staff", p, &o, &r, &err), CAIRN_EDATA);
	assert_true(has_error(&r, 1, 0, "no respondent id column"));
	assert_true(has_error(&r, 1, 0, "no column for statement S2"));
	assert_true(has_error(&r, 1, 0, "no comment column 'Comment'"));
	assert_int_equal(respondents("staff"), 0);
	survey_import_result_free(&r);

	/* Invalid UTF-8 in a cell; a header and no responses. */
	p = put_file("c.csv", "id,agency,S1,S2\n1,Heal\xff,agree,agree\n");
	o.comment_columns = NULL;
	assert_int_equal(app_survey_import(st, &who, insp, "staff", p, &o, &r, &err), CAIRN_EDATA);
	assert_true(r.errors.total >= 1);
	assert_int_equal(r.errors.kept[0].line, 2);
	survey_import_result_free(&r);
	p = put_file("d.csv", "id,agency,S1,S2\n");
	assert_int_equal(app_survey_import(st, &who, insp, "staff", p, &o, &r, &err), CAIRN_EDATA);
	assert_true(has_error(&r, 0, 0, "no responses"));
	survey_import_result_free(&r);

	/* More than 20 errors: 20 are kept, all are counted. */
	{
		char big[4096] = "id,agency,S1,S2\n";
		size_t len = strlen(big);

		for (int i = 0; i < 25; i++)
			len += (size_t)snprintf(big + len, sizeof(big) - len,
			    "r%d,Health,nope,agree\n", i);
		p = put_file("e.csv", big);
		assert_int_equal(app_survey_import(st, &who, insp, "staff", p, &o, &r, &err),
		    CAIRN_EDATA);
		assert_int_equal(r.errors.nkept, 20);
		assert_int_equal(r.errors.total, 25);
		assert_true(has_error(&r, 21, 3, "unknown answer 'nope'"));
		survey_import_result_free(&r);
	}
	/* A missing file is "no input", not bad data. */
	assert_int_equal(app_survey_import(st, &who, insp, "staff", "/nonexistent/x.csv", &o, &r,
	                     &err),
	    CAIRN_ENOINPUT);
	survey_import_result_free(&r);
}

/* A good file: blanks are no answer, "don't know" is kept; importing the
 * same ids again is refused unless replacing; tagging a comment. */
static void
test_import_and_tag(void **state)
{
	struct survey_import_opts o = { .comment_columns = "Comment" };
	struct survey_import_result r;
	struct survey_report rep;
	struct survey_comment *cv = NULL;
	struct evidence_item *items = NULL;
	struct cairn_err err = { 0 };
	size_t nc = 0, nitems = 0;
	long ev = 0, ev2 = 0;
	const char *p;

	(void)state;
	p = put_file("f.csv",
	    "Response ID,Agency,S1,I feel valued,Comment,Date submitted\r\n"
	    "1,Health,Agree,strongly agree,Good joint training,2016-05-01\r\n"
	    "2,Health,agree,Disagree,,2016-05-02\r\n"
	    "3,Police,Don't know,Agree,Too much paperwork,2016-05-02\r\n"
	    "4,Health,Strongly agree,,,2016-05-03\r\n"
	    "5,Social work,disagree,agree,,2016-05-03\r\n"
	    "6,Social work,Agree,Agree,,2016-05-04\r\n"
	    "7,,agree,DON\xe2\x80\x99T KNOW,,2016-05-04\r\n");
	assert_int_equal(app_survey_import(st, &who, insp, "staff", p, &o, &r, &err), CAIRN_OK);
	assert_int_equal(r.respondents, 7);
	assert_int_equal(r.answers, 13);
	assert_int_equal(r.comments, 2);
	assert_int_equal(r.nignored, 1);
	assert_string_equal(r.ignored[0], "Date submitted");
	survey_import_result_free(&r);

	assert_int_equal(app_survey_summary(st, insp, "staff", NULL, &rep, &err), CAIRN_OK);
	/* S1: 7 answers, 1 don't know, 5 of 6 agree. */
	assert_int_equal(rep.sum.overall[0].responses, 7);
	assert_int_equal(rep.sum.overall[0].dont_know, 1);
	assert_int_equal(rep.sum.overall[0].base, 6);
	assert_int_equal(rep.sum.overall[0].positive, 5);
	/* S2: one blank, so 6 answers; 1 don't know; 4 of 5 agree. */
	assert_int_equal(rep.sum.overall[1].responses, 6);
	assert_int_equal(rep.sum.overall[1].dont_know, 1);
	assert_int_equal(rep.sum.overall[1].positive, 4);
	assert_true(rep.sum.has_rate);
	survey_report_free(&rep);

	/* By agency: the blank agency is its own group; every group is small. */
	assert_int_equal(app_survey_summary(st, insp, "staff", "AGENCY", &rep, &err), CAIRN_OK);
	assert_int_equal(rep.ngroups, 4);
	assert_string_equal(rep.groups[0], "");
	for (size_t g = 0; g < rep.ngroups; g++)
		assert_int_not_equal(survey_summary_cell(&rep.sum, 0, g)->suppressed, SURVEY_SHOWN);
	survey_report_free(&rep);
	assert_int_equal(app_survey_summary(st, insp, "staff", "role", &rep, &err), CAIRN_EDATA);

	/* The same ids again: refused with line and column, unless --replace. */
	assert_int_equal(app_survey_import(st, &who, insp, "staff", p, &o, &r, &err), CAIRN_EDATA);
	assert_true(has_error(&r, 2, 1, "imported before"));
	survey_import_result_free(&r);
	o.replace = true;
	assert_int_equal(app_survey_import(st, &who, insp, "staff", p, &o, &r, &err), CAIRN_OK);
	assert_int_equal(respondents("staff"), 7);
	survey_import_result_free(&r);

	/* Tag comment 2 as an area for improvement for 7.2: it becomes an item
	 * of the evidence log; then only its QIs, which updates that item. */
	assert_int_equal(app_survey_comment_tag(st, &who, insp, "staff", "2", "7.2", "improvement",
	                     &ev, &err),
	    CAIRN_OK);
	assert_true(ev > 0);
	assert_int_equal(app_survey_comment_tag(st, &who, insp, "staff", "2", "7.2,4.1", NULL, &ev2,
	                     &err),
	    CAIRN_OK);
	assert_int_equal(ev2, ev);
	assert_int_equal(app_evidence_list(st, insp, NULL, NULL, &items, &nitems, &err), CAIRN_OK);
	assert_int_equal(nitems, 1);
	assert_string_equal(items[0].source, "staff-survey");
	assert_string_equal(items[0].status, "improvement");
	assert_int_equal(items[0].nqis, 2);
	assert_non_null(strstr(items[0].text, "Too much paperwork"));
	evidence_items_free(items, nitems);
	/* An area for improvement cannot become a strength directly. */
	cairn_err_clear(&err);
	assert_int_equal(app_survey_comment_tag(st, &who, insp, "staff", "2", NULL, "strength",
	                     NULL, &err),
	    CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "cannot become strength"));
	/* QIs alone make no evidence. */
	assert_int_equal(app_survey_comment_tag(st, &who, insp, "staff", "1", "5.1", NULL, &ev2,
	                     &err),
	    CAIRN_OK);
	assert_int_equal(ev2, 0);
	assert_int_equal(app_survey_comment_tag(st, &who, insp, "staff", "3", "7.2", NULL, NULL,
	                     &err),
	    CAIRN_EDATA);
	assert_int_equal(app_survey_comment_tag(st, &who, insp, "staff", "1", "77.7", NULL, NULL,
	                     &err),
	    CAIRN_EDATA);
	assert_int_equal(app_survey_comment_tag(st, &who, insp, "staff", "1", NULL, "great", NULL,
	                     &err),
	    CAIRN_EUSAGE);
	assert_int_equal(app_survey_comments(st, &who, insp, "staff", &cv, &nc, &err), CAIRN_OK);
	assert_int_equal(nc, 2);
	assert_string_equal(cv[1].text, "Too much paperwork");
	assert_string_equal(cv[1].respondent, "3");
	assert_int_equal(cv[1].kind, FINDING_IMPROVEMENT);
	assert_int_equal(cv[1].nqis, 2);
	assert_int_equal(cv[1].evidence, ev);
	assert_int_equal(cv[0].kind, -1);
	assert_int_equal(cv[0].evidence, 0);
	survey_comments_free(cv, nc);
}

/* A survey made without items takes its statements from the header. */
static void
test_statements_from_header(void **state)
{
	struct survey_new req = { .name = "cyp", .kind = "cyp", .scale = "yesno3" };
	struct survey_import_opts o = { .id_column = "Ref", .attribute_columns = "Age group" };
	struct survey_import_result r;
	struct cairn_err err = { 0 };
	struct survey sv;
	const char *p;

	(void)state;
	assert_int_equal(app_survey_create(st, &who, insp, &req, NULL, &err), CAIRN_OK);
	p = put_file("g.csv",
	    "Ref,Age group,I feel safe at home,Someone listens to me\n"
	    "a,12-15,Yes,yes\nb,16-17,No,Not sure\nc,12-15,unsure,YES\n");
	assert_int_equal(app_survey_import(st, &who, insp, "cyp", p, &o, &r, &err), CAIRN_OK);
	assert_int_equal(r.new_statements, 2);
	assert_int_equal(r.new_attributes, 1);
	survey_import_result_free(&r);
	assert_int_equal(app_survey_load(st, insp, "cyp", &sv, &err), CAIRN_OK);
	assert_int_equal(sv.nstatements, 2);
	assert_string_equal(sv.statements[0].text, "I feel safe at home");
	assert_string_equal(sv.attributes[0], "Age group");
	survey_free(&sv);
	/* A second file must give the same attribute. */
	o.attribute_columns = "Gender";
	p = put_file("h.csv", "Ref,Gender,I feel safe at home,Someone listens to me\nd,x,Yes,No\n");
	assert_int_equal(app_survey_import(st, &who, insp, "cyp", p, &o, &r, &err), CAIRN_EDATA);
	assert_true(has_error(&r, 1, 0, "not an attribute"));
	survey_import_result_free(&r);
	assert_int_equal(respondents("cyp"), 3);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shipped_scales),
		cmocka_unit_test(test_scale_matching),
		cmocka_unit_test(test_bad_scales),
		cmocka_unit_test(test_create_with_items),
		cmocka_unit_test(test_import_malformed),
		cmocka_unit_test(test_import_and_tag),
		cmocka_unit_test(test_statements_from_header),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
