/* cairn reading import|add|agencies|submit|compare|resolve (cairn concern: cmd_concern.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/records/compare.h"
#include "app/records/reading.h"
#include "app/records/lookup.h"
#include "app/setup/lookup.h"
#include "cli/cli.h"
#include "core/mem.h"
#include "core/text.h"

/* The members of the comparison's JSON that name a person by username
 * (each reading's reader), each given its "_name" as the API gives it. */
static const char *const compare_people[] = { "reader" };

/* Writes how the listing names reader (a username, or a name the command
 * line was given) of inspection id into out: "Name (username)" once the
 * person the command acts for may see the inspection; returns out. */
static const char *
reader_named(struct cli *c, long id, const char *reader, char *out, size_t outsz)
{
	struct account *people = NULL;
	size_t npeople = 0;

	cli_people_named(c, id, ACTION_VIEW_INSPECTION, &reader, 1, &people, &npeople);
	account_named(people, npeople, reader, out, outsz);
	accounts_free(people, npeople);
	return out;
}

static int
rd_import(struct cli *c, int argc, char **argv)
{
	bool submit = false;
	const struct cli_opt opts[] = {
		{ "submit", NULL, &submit, "submit every reading in the file after importing it" },
		{ NULL, NULL, NULL, NULL },
	};
	struct reading_import_result res;
	struct csv_errors *errs = xcalloc(1, sizeof(*errs));
	const char *pos[2];
	long id;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 2, 2, "ID FILE [--submit]",
	         "Import answers from CSV with columns ref, reader, item, answer and optionally\n"
	         "note and agency (for items answered per agency).  All or nothing: any error\n"
	         "imports nothing and the errors are listed with line and column.  Readings\n"
	         "are created as drafts; --submit submits them.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0)
		goto out;
	if ((rc = app_reading_import(c->st, cli_actor(c), id, pos[1], submit, &res, errs,
	         &c->err)) != 0) {
		cli_print_import_errors(c, errs, pos[1]);
		goto out;
	}
	if (c->json)
		cli_print_json(json_pack("{s:I, s:I, s:I}", "answers", (json_int_t)res.rows,
		    "readings", (json_int_t)res.readings, "submitted", (json_int_t)res.submitted));
	else
		printf("imported %ld answers in %ld readings%s\n", res.rows, res.readings,
		    submit ? " and submitted them" : "");
out:
	free(errs);
	return rc;
}

static int
rd_add(struct cli *c, int argc, char **argv)
{
	struct reading_entry e = { 0 };
	const char *pos[5];
	const struct cli_opt opts[] = {
		{ "agency", &e.agency, NULL, "CODE  the agency, for items answered per agency" },
		{ "note", &e.note, NULL, "TEXT  a note on the answer" },
		{ "reason", &e.reason, NULL, "TEXT  why a submitted reading is changed" },
		{ NULL, NULL, NULL, NULL },
	};
	bool changed = false;
	char who[300];
	long id;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 5, 5,
	         "ID REF READER ITEM ANSWER [--agency CODE] [--note TEXT] [--reason TEXT]",
	         "Record one answer of a reading (a draft reading is started if needed).\n"
	         "Six-point answers are a level (1-6) or its label; yes-no-na answers are yes,\n"
	         "no or na.  A submitted reading is locked: a change needs --reason and is kept\n"
	         "in its history.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0)
		return rc;
	e.ref = pos[1];
	e.reader = pos[2];
	e.item = pos[3];
	e.answer = pos[4];
	if ((rc = app_reading_answer(c->st, cli_actor(c), id, &e, &changed, &c->err)) != 0)
		return rc;
	if (c->json)
		cli_print_json(json_pack("{s:s, s:s, s:s, s:s?, s:b}", "ref", e.ref, "reader",
		    e.reader, "item", e.item, "agency", e.agency, "changed", changed));
	else
		printf("%s by %s: %s%s%s recorded\n", e.ref,
		    reader_named(c, id, e.reader, who, sizeof(who)), e.item, e.agency ? "@" : "",
		    e.agency ? e.agency : "");
	return CAIRN_OK;
}

/* Most answers one correction changes. */
#define CORRECT_MAX 64

static int
rd_correct(struct cli *c, int argc, char **argv)
{
	const char *reason = NULL, *pos[3 + CORRECT_MAX] = { 0 };
	const struct cli_opt opts[] = {
		{ "reason", &reason, NULL,
		    "TEXT  why the submitted reading is corrected (required)" },
		{ NULL, NULL, NULL, NULL },
	};
	struct reading_entry e[CORRECT_MAX];
	char *copies[CORRECT_MAX] = { 0 }, who[300];
	size_t n = 0;
	long id, changed = 0;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 4, 3 + CORRECT_MAX,
	         "ID REF READER ITEM[@AGENCY]=ANSWER... --reason TEXT",
	         "Correct a submitted reading (the lead or depute), giving a reason.  Each\n"
	         "ITEM=ANSWER gives an item's corrected answer (ITEM@AGENCY=ANSWER for items\n"
	         "answered per agency).  The old answers are kept in the reading's history\n"
	         "with the reason; the reading stays its reader's.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0)
		return rc;
	for (size_t i = 3; i < 3 + CORRECT_MAX && pos[i] != NULL; i++) {
		char *eq, *at;

		copies[n] = xstrdup(pos[i]);
		memset(&e[n], 0, sizeof(e[n]));
		if ((eq = strchr(copies[n], '=')) == NULL) {
			rc = cairn_err_field(&c->err, CAIRN_EUSAGE, CAIRN_CODE_INVALID, "answer",
			    "'%s' is not ITEM=ANSWER", pos[i]);
			n++;
			goto out;
		}
		*eq = '\0';
		if ((at = strchr(copies[n], '@')) != NULL)
			*at++ = '\0';
		e[n].ref = pos[1];
		e[n].reader = pos[2];
		e[n].item = copies[n];
		e[n].agency = at;
		e[n].answer = eq + 1;
		n++;
	}
	if ((rc = cli_open(c)) != 0 ||
	    (rc = app_reading_correct(c->st, cli_actor(c), id, pos[1], pos[2], e, n, reason,
	         &changed, &c->err)) != 0)
		goto out;
	if (c->json)
		cli_print_json(json_pack("{s:s, s:s, s:I, s:s}", "ref", pos[1], "reader", pos[2],
		    "changed", (json_int_t)changed, "status", "submitted"));
	else
		printf("reading of %s by %s corrected: %ld answer%s changed\n", pos[1],
		    reader_named(c, id, pos[2], who, sizeof(who)), changed,
		    changed == 1 ? "" : "s");
out:
	for (size_t i = 0; i < n; i++)
		free(copies[i]);
	return rc;
}

static int
rd_agencies(struct cli *c, int argc, char **argv)
{
	const char *pos[4];
	long id;
	int rc;

	char who[300];

	if ((rc = cli_parse(c, argc, argv, NULL, pos, 4, 4, "ID REF READER CODE[,CODE...]",
	         "Record which agencies' records were read for a child (e.g. "
	         "social-work,health).")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = app_reading_agencies(c->st, cli_actor(c), id, pos[1], pos[2], pos[3], &c->err)) !=
	        0)
		return rc;
	if (c->json)
		cli_print_json(json_pack("{s:s, s:s, s:s}", "ref", pos[1], "reader", pos[2],
		    "agencies", pos[3]));
	else
		printf("%s by %s: agencies %s\n", pos[1],
		    reader_named(c, id, pos[2], who, sizeof(who)), pos[3]);
	return CAIRN_OK;
}

static int
rd_submit(struct cli *c, int argc, char **argv)
{
	const char *pos[3];
	long id;
	int rc;

	char who[300];

	if ((rc = cli_parse(c, argc, argv, NULL, pos, 3, 3, "ID REF READER",
	         "Submit a reading; it is then locked.  Every item but free text must be\n"
	         "answered (per-agency items for each agency recorded as read).")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = app_reading_submit(c->st, cli_actor(c), id, pos[1], pos[2], &c->err)) != 0)
		return rc;
	if (c->json)
		cli_print_json(json_pack("{s:s, s:s, s:s}", "ref", pos[1], "reader", pos[2],
		    "status", "submitted"));
	else
		printf("reading of %s by %s submitted\n", pos[1],
		    reader_named(c, id, pos[2], who, sizeof(who)));
	return CAIRN_OK;
}

static int
rd_compare(struct cli *c, int argc, char **argv)
{
	struct reading_ctx x;
	struct comparison cmp;
	struct account *people = NULL;
	const char *pos[1], **by;
	size_t npeople = 0;
	char first[300], second[300];
	long id;
	int rc;

	if ((rc = cli_parse(c, argc, argv, NULL, pos, 1, 1, "ID",
	         "For double-read records, list every item where the two submitted readings\n"
	         "differ, side by side, with the agreed answer where one is recorded.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = cli_authorise(c, id, ACTION_VIEW_CHILD_RECORDS)) != 0 ||
	    (rc = app_reading_viewed(c->st, cli_actor(c), id, "reading.compare.view", NULL,
	         &c->err)) != 0 ||
	    (rc = app_reading_ctx(c->st, id, &x, &c->err)) != 0)
		return rc;
	reading_compare(&x, NULL, &cmp);
	if (c->json) {
		json_t *o = comparison_json(&cmp);

		cli_name_people_json(c, id, ACTION_VIEW_CHILD_RECORDS, o, compare_people,
		    sizeof(compare_people) / sizeof(compare_people[0]));
		cli_print_json(o);
		goto out;
	}
	/* The readers, "Name (username)": one read for them all. */
	by = xcalloc(x.plan.nreaders > 0 ? x.plan.nreaders : 1, sizeof(*by));
	for (size_t i = 0; i < x.plan.nreaders; i++)
		by[i] = x.plan.readers[i].name;
	cli_people_named(c, id, ACTION_VIEW_CHILD_RECORDS, by, x.plan.nreaders, &people, &npeople);
	free(by);
	printf("%-12s %-22s %-12s %-28s %-8s %-28s %-8s %s\n", "REF", "ITEM", "AGENCY", "FIRST",
	    "ANSWER", "SECOND", "ANSWER", "RESOLVED");
	for (size_t i = 0; i < cmp.nrecords; i++) {
		const struct compare_record *r = &cmp.records[i];

		for (size_t k = 0; k < r->nitems; k++) {
			const struct compare_item *ci = &r->items[k];
			const char *res = ci->resolution != NULL ? ci->resolution->answer : NULL;

			if (ci->differ)
				printf("%-12s %-22s %-12s %-28s %-8s %-28s %-8s %s\n",
				    r->member->ref, ci->item->code,
				    ci->agency != NULL ? ci->agency_code : "-",
				    account_named(people, npeople, r->reader[0], first,
				        sizeof(first)),
				    ci->first ? ci->first : "-",
				    account_named(people, npeople, r->reader[1], second,
				        sizeof(second)),
				    ci->second ? ci->second : "-", res ? res : "");
		}
	}
	printf("%zu difference%s in %zu double-read record%s (%zu awaiting a second "
	       "reading)\n",
	    cmp.differences, cmp.differences == 1 ? "" : "s", cmp.compared,
	    cmp.compared == 1 ? "" : "s", cmp.awaiting);
out:
	accounts_free(people, npeople);
	comparison_free(&cmp);
	reading_ctx_free(&x);
	return CAIRN_OK;
}

static int
rd_resolve(struct cli *c, int argc, char **argv)
{
	const char *agency = NULL, *note = NULL, *pos[4];
	const struct cli_opt opts[] = {
		{ "agency", &agency, NULL, "CODE  the agency, for items answered per agency" },
		{ "note", &note, NULL, "TEXT  how the readers agreed" },
		{ NULL, NULL, NULL, NULL },
	};
	long id;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 4, 4,
	         "ID REF ITEM ANSWER --note TEXT [--agency CODE]",
	         "Record the agreed answer for an item of a double-read record; neither\n"
	         "reading is changed.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = app_reading_resolve(c->st, cli_actor(c), id, pos[1], pos[2], agency, pos[3], note,
	         &c->err)) != 0)
		return rc;
	if (c->json)
		cli_print_json(json_pack("{s:s, s:s, s:s?, s:s}", "ref", pos[1], "item", pos[2],
		    "agency", agency, "answer", pos[3]));
	else
		printf("%s %s resolved as %s\n", pos[1], pos[2], pos[3]);
	return CAIRN_OK;
}

/* Shows every reading of one record with its answers and changes. */
static int
rd_show(struct cli *c, int argc, char **argv)
{
	struct reading_ctx x;
	const struct sample_member *m;
	const char *pos[2];
	json_t *arr = json_array();
	struct account *people = NULL;
	size_t npeople = 0;
	char who[300];
	long id;
	int rc;

	if ((rc = cli_parse(c, argc, argv, NULL, pos, 2, 2, "ID REF",
	         "Show the readings of one sampled record: reader, status, agencies read,\n"
	         "answers, and every change made after submission with its reason.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = cli_authorise(c, id, ACTION_VIEW_CHILD_RECORDS)) != 0 ||
	    (rc = app_reading_viewed(c->st, cli_actor(c), id, "reading.view", pos[1], &c->err)) !=
	        0 ||
	    (rc = app_reading_ctx(c->st, id, &x, &c->err)) != 0) {
		json_decref(arr);
		return rc;
	}
	if ((m = sample_find(&x.sample, pos[1])) == NULL) {
		rc = cairn_errf(&c->err, CAIRN_EDATA, "'%s' is not in the sample of inspection %ld",
		    pos[1], id);
		goto out;
	}
	/* Readers and who changed their readings, "Name (username)": one read of
	 * every account's name (the changes are read reading by reading). */
	if (!c->json)
		cli_people_named(c, id, ACTION_VIEW_CHILD_RECORDS, NULL, 0, &people, &npeople);
	for (size_t i = 0; i < x.nreadings; i++) {
		const struct reading *r = &x.readings[i];
		struct answer_change *ch = NULL;
		size_t nch = 0;
		json_t *answers, *changes;

		if (r->member_id != m->id)
			continue;
		answers = json_array();
		changes = json_array();
		if ((rc = app_answer_change_list(c->st, cli_actor(c), id, r->id, &ch, &nch,
		         &c->err)) != 0) {
			json_decref(answers);
			json_decref(changes);
			goto out;
		}
		if (!c->json)
			printf("%s by %s: %s%s%s\n", m->ref,
			    account_named(people, npeople, reading_ctx_reader(&x, r), who,
			        sizeof(who)),
			    r->submitted ? "submitted" : "draft", r->agencies ? "; agencies " : "",
			    r->agencies ? r->agencies : "");
		for (size_t k = 0; k < x.nanswers; k++) {
			const struct reading_answer *a = &x.answers[k];

			if (a->reading_id != r->id)
				continue;
			json_array_append_new(answers,
			    json_pack("{s:s, s:s?, s:s, s:s?}", "item", a->item, "agency",
			        a->agency[0] ? a->agency : NULL, "answer", a->answer, "note",
			        a->note));
			if (!c->json)
				printf("  %-22s %-12s %s%s%s\n", a->item,
				    a->agency[0] ? a->agency : "-", a->answer,
				    a->note ? "  # " : "", a->note ? a->note : "");
		}
		for (size_t k = 0; k < nch; k++) {
			json_array_append_new(changes,
			    json_pack("{s:s, s:s?, s:s?, s:s, s:s, s:s, s:s}", "item", ch[k].item,
			        "agency", ch[k].agency[0] ? ch[k].agency : NULL, "old",
			        ch[k].old_answer, "new", ch[k].new_answer, "reason", ch[k].reason,
			        "by", ch[k].actor, "at", ch[k].at));
			if (!c->json)
				printf("  changed %s %s: %s -> %s (%s, %s): %s\n", ch[k].at,
				    ch[k].item, ch[k].old_answer ? ch[k].old_answer : "-",
				    ch[k].new_answer,
				    account_named(people, npeople, ch[k].actor, who, sizeof(who)),
				    ch[k].agency, ch[k].reason);
		}
		json_array_append_new(arr,
		    json_pack("{s:s, s:s, s:s?, s:o, s:o}", "reader", reading_ctx_reader(&x, r),
		        "status", r->submitted ? "submitted" : "draft", "agencies", r->agencies,
		        "answers", answers, "changes", changes));
		answer_changes_free(ch, nch);
	}
	if (c->json) {
		cli_print_json(json_pack("{s:s, s:b, s:o}", "ref", m->ref, "double_read",
		    m->double_read, "readings", arr));
		arr = NULL;
	}
out:
	accounts_free(people, npeople);
	json_decref(arr);
	reading_ctx_free(&x);
	return rc;
}

int cmd_reading_summary(struct cli *c, int argc, char **argv);

int
cmd_reading(struct cli *c, int argc, char **argv)
{
	static const struct cli_command table[] = {
		{ "import", rd_import, "import answers from CSV (all or nothing)" },
		{ "add", rd_add, "record one answer" },
		{ "agencies", rd_agencies, "record which agencies' records were read" },
		{ "submit", rd_submit, "submit (lock) a reading" },
		{ "correct", rd_correct, "correct a submitted reading, with a reason (the lead)" },
		{ "show", rd_show, "show the readings of one record with their history" },
		{ "compare", rd_compare, "list differences between double readings" },
		{ "resolve", rd_resolve, "record the agreed answer for a difference" },
		{ "summary", cmd_reading_summary, "results per item with intervals and estimates" },
		{ NULL, NULL, NULL },
	};

	return cli_dispatch(c, "reading", table, argc, argv);
}
