/* cairn concern raise|decide|pass|respond|close|list|show: matters of
 * concern as the procedure runs (app/records/concern.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/records/concern.h"
#include "app/records/reading.h"
#include "app/setup/lookup.h"
#include "cli/cli.h"
#include "core/mem.h"
#include "core/text.h"

/* The members of a concern's JSON that name a person by username, each
 * given its "_name" as the API gives it. */
static const char *const concern_people[] = { "raised_by", "closed_by", "by" };

/* Parses the concern number argument. */
static int
concern_number(struct cli *c, const char *s, long *cid)
{
	if (!text_parse_long(s, 1, 2000000000L, cid))
		return cairn_errf(&c->err, CAIRN_EUSAGE, "'%s' is not a concern number", s);
	return CAIRN_OK;
}

static int
concern_raise(struct cli *c, int argc, char **argv)
{
	const char *text = NULL, *reader = NULL, *kind = NULL, *pos[2];
	const struct cli_opt opts[] = {
		{ "text", &text, NULL, "TEXT  the concern" },
		{ "kind", &kind, NULL,
		    "KIND  child-protection, child (the default), practice or review (a request "
		    "for a management or learning review)" },
		{ "reader", &reader, NULL, "NAME  the reader raising it" },
		{ NULL, NULL, NULL, NULL },
	};
	long id, cid = 0;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 2, 2,
	         "ID REF --text TEXT [--kind KIND] [--reader NAME]",
	         "Raise a matter of concern about a child; the inspection lead then decides\n"
	         "whether it is escalated.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = app_concern_raise(c->st, cli_actor(c), id, pos[1], reader, kind, text, &cid,
	         &c->err)) != 0)
		return rc;
	if (c->json)
		cli_print_json(json_pack("{s:I, s:s, s:s}", "id", (json_int_t)cid, "ref", pos[1],
		    "step", "raised"));
	else
		printf("concern %ld raised about %s\n", cid, pos[1]);
	return CAIRN_OK;
}

/* Makes one step with req, after parsing "ID CONCERN" into pos. */
static int
concern_do(struct cli *c, const char *const pos[2], struct concern_step_req *req)
{
	enum concern_step to = CONCERN_RAISED;
	long id, cid;
	int rc;

	if ((rc = cli_id(c, pos[0], &id)) != 0 || (rc = concern_number(c, pos[1], &cid)) != 0 ||
	    (rc = cli_open(c)) != 0 ||
	    (rc = app_concern_step(c->st, cli_actor(c), id, cid, req, &to, &c->err)) != 0)
		return rc;
	if (c->json)
		cli_print_json(json_pack("{s:I, s:s, s:b}", "id", (json_int_t)cid, "step",
		    concern_step_code[to], "open", to != CONCERN_CLOSED));
	else
		printf("concern %ld: %s\n", cid, concern_step_code[to]);
	return CAIRN_OK;
}

static int
concern_decide(struct cli *c, int argc, char **argv)
{
	const char *escalate = NULL, *reasons = NULL, *pos[2];
	const struct cli_opt opts[] = {
		{ "escalate", &escalate, NULL, "yes|no  whether the concern is escalated" },
		{ "reasons", &reasons, NULL, "TEXT  the reasons for the decision" },
		{ NULL, NULL, NULL, NULL },
	};
	struct concern_step_req req = { 0 };
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 2, 2,
	         "ID CONCERN --escalate yes|no --reasons TEXT",
	         "The inspection lead decides whether a raised concern is escalated, with\n"
	         "reasons.")) != 0)
		return rc;
	if (escalate == NULL)
		return cairn_err_field(&c->err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "escalate",
		    "say whether the concern is escalated: --escalate yes or --escalate no");
	if (strcmp(escalate, "yes") == 0)
		req.step = "escalated";
	else if (strcmp(escalate, "no") == 0)
		req.step = "not-escalated";
	else
		return cairn_err_field(&c->err, CAIRN_EUSAGE, CAIRN_CODE_INVALID, "escalate",
		    "'%s' is not yes or no", escalate);
	req.text = reasons;
	return concern_do(c, pos, &req);
}

static int
concern_pass(struct cli *c, int argc, char **argv)
{
	const char *officer = NULL, *date = NULL, *note = NULL, *pos[2];
	const struct cli_opt opts[] = {
		{ "officer", &officer, NULL,
		    "NAME  the partnership's designated senior officer (name and post)" },
		{ "date", &date, NULL, "YYYY-MM-DD  when it was passed" },
		{ "note", &note, NULL, "TEXT  what was passed on" },
		{ NULL, NULL, NULL, NULL },
	};
	struct concern_step_req req = { 0 };
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 2, 2,
	         "ID CONCERN --officer NAME --date YYYY-MM-DD --note TEXT",
	         "Record that an escalated concern was passed to the partnership's designated\n"
	         "senior officer.")) != 0)
		return rc;
	req.step = "passed";
	req.officer = officer;
	req.date = date;
	req.text = note;
	return concern_do(c, pos, &req);
}

static int
concern_respond(struct cli *c, int argc, char **argv)
{
	const char *response = NULL, *date = NULL, *referral = NULL, *pos[2];
	const struct cli_opt opts[] = {
		{ "response", &response, NULL, "TEXT  the partnership's response" },
		{ "date", &date, NULL, "YYYY-MM-DD  when the partnership responded" },
		{ "referral", &referral, NULL, "YYYY-MM-DD  when the local referral was made" },
		{ NULL, NULL, NULL, NULL },
	};
	struct concern_step_req req = { 0 };
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 2, 2,
	         "ID CONCERN --response TEXT --date YYYY-MM-DD [--referral YYYY-MM-DD]",
	         "Record the partnership's response to a concern passed to it, and the local\n"
	         "referral's date.")) != 0)
		return rc;
	req.step = "responded";
	req.text = response;
	req.date = date;
	req.referral = referral;
	return concern_do(c, pos, &req);
}

static int
concern_close(struct cli *c, int argc, char **argv)
{
	const char *note = NULL, *pos[2];
	const struct cli_opt opts[] = {
		{ "note", &note, NULL, "TEXT  what was done" },
		{ NULL, NULL, NULL, NULL },
	};
	struct concern_step_req req = { 0 };
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 2, 2, "ID CONCERN --note TEXT",
	         "Close a matter of concern, saying what was done (after the partnership's\n"
	         "response, or after a decision not to escalate).")) != 0)
		return rc;
	req.step = "closed";
	req.text = note;
	return concern_do(c, pos, &req);
}

/* Opens the database, checks the inspection and audits the view. */
static int
concern_view(struct cli *c, long id, const char *subject)
{
	struct inspection in = { 0 };
	int rc;

	if ((rc = cli_open(c)) != 0 ||
	    (rc = cli_authorise(c, id, ACTION_VIEW_CHILD_RECORDS)) != 0 ||
	    (rc = app_inspection_get(c->st, cli_actor(c), id, &in, &c->err)) != 0 ||
	    (rc = app_reading_viewed(c->st, cli_actor(c), id, "concern.view", subject, &c->err)) !=
	        0) {
		inspection_free(&in);
		return rc;
	}
	inspection_free(&in);
	return CAIRN_OK;
}

static int
concern_list(struct cli *c, int argc, char **argv)
{
	bool all = false, overdue = false;
	const struct cli_opt opts[] = {
		{ "all", NULL, &all, "include closed concerns" },
		{ "overdue", NULL, &overdue, "only those whose next step is overdue" },
		{ NULL, NULL, NULL, NULL },
	};
	struct concern *v = NULL;
	const char *pos[1];
	size_t n = 0;
	long id;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 1, 1, "ID [--all] [--overdue]",
	         "List open matters of concern with their step, age and due date (--all:\n"
	         "closed ones too; --overdue: only those overdue).")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = concern_view(c, id, NULL)) != 0 ||
	    (rc = app_concern_list(c->st, cli_actor(c), id, &v, &n, &c->err)) != 0)
		return rc;
	if (c->json) {
		json_t *a = json_array();

		for (size_t i = 0; i < n; i++) {
			json_t *o;

			if ((!all && v[i].step == CONCERN_CLOSED) || (overdue && !v[i].overdue))
				continue;
			o = concern_json(&v[i], false);
			/* Kept from the first version of this command. */
			json_object_set_new(o, "closed_by",
			    v[i].closed_by ? json_string(v[i].closed_by) : json_null());
			json_object_set_new(o, "note",
			    v[i].close_note ? json_string(v[i].close_note) : json_null());
			json_array_append_new(a, o);
		}
		cli_name_people_json(c, id, ACTION_VIEW_CHILD_RECORDS, a, concern_people,
		    sizeof(concern_people) / sizeof(concern_people[0]));
		cli_print_json(a);
	} else {
		for (size_t i = 0; i < n; i++) {
			enum concern_proc proc = concern_kind_table[v[i].kind].proc;

			if ((!all && v[i].step == CONCERN_CLOSED) || (overdue && !v[i].overdue))
				continue;
			printf("%-4ld %-12s %-16s %-14s %3ld days  %s%s%s\n", v[i].id, v[i].ref,
			    concern_kind_table[v[i].kind].code, concern_step_code[v[i].step],
			    v[i].age_days, concern_step_table[v[i].step].label[proc],
			    v[i].due_on[0] ? (v[i].overdue ? "  OVERDUE since " : "  due ") : "",
			    v[i].due_on);
		}
	}
	concerns_free(v, n);
	return CAIRN_OK;
}

static int
concern_show(struct cli *c, int argc, char **argv)
{
	const struct cli_opt opts[] = { { NULL, NULL, NULL, NULL } };
	struct concern k = { 0 };
	enum concern_proc proc;
	const char *pos[2];
	const char **by;
	struct account *people = NULL;
	size_t npeople = 0;
	char subject[32], who[300];
	long id, cid;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 2, 2, "ID CONCERN",
	         "Show one matter of concern with every step it has made.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = concern_number(c, pos[1], &cid)) != 0)
		return rc;
	snprintf(subject, sizeof(subject), "concern %ld", cid);
	if ((rc = concern_view(c, id, subject)) != 0 ||
	    (rc = app_concern_get(c->st, cli_actor(c), id, cid, &k, &c->err)) != 0)
		return rc;
	if (c->json) {
		json_t *o = concern_json(&k, true);

		cli_name_people_json(c, id, ACTION_VIEW_CHILD_RECORDS, o, concern_people,
		    sizeof(concern_people) / sizeof(concern_people[0]));
		cli_print_json(o);
		concern_free(&k);
		return CAIRN_OK;
	}
	proc = concern_kind_table[k.kind].proc;
	printf("concern %ld about %s: %s\n", k.id, k.ref, concern_kind_table[k.kind].label);
	printf("  %s\n", k.text);
	printf("now: %s (%s)", concern_step_table[k.step].label[proc], k.step_on);
	if (k.due_on[0])
		printf("; next step %s %s", k.overdue ? "overdue since" : "due", k.due_on);
	printf("\n");
	by = xcalloc(k.nevents > 0 ? k.nevents : 1, sizeof(*by));
	for (size_t i = 0; i < k.nevents; i++)
		by[i] = k.events[i].actor;
	cli_people_named(c, id, ACTION_VIEW_CHILD_RECORDS, by, k.nevents, &people, &npeople);
	for (size_t i = 0; i < k.nevents; i++) {
		const struct concern_event *e = &k.events[i];

		printf("%s  %-44s %s", e->on, concern_step_table[e->step].label[proc],
		    account_named(people, npeople, e->actor, who, sizeof(who)));
		if (e->officer != NULL)
			printf(", to %s", e->officer);
		if (e->referral_on[0])
			printf(", local referral %s", e->referral_on);
		printf("\n");
		if (e->text != NULL)
			printf("            %s\n", e->text);
	}
	accounts_free(people, npeople);
	free(by);
	concern_free(&k);
	return CAIRN_OK;
}

int
cmd_concern(struct cli *c, int argc, char **argv)
{
	static const struct cli_command table[] = {
		{ "raise", concern_raise, "raise a matter of concern about a child" },
		{ "decide", concern_decide, "the lead decides whether it is escalated" },
		{ "pass", concern_pass, "record that it was passed to the senior officer" },
		{ "respond", concern_respond, "record the partnership's response and referral" },
		{ "close", concern_close, "close a matter of concern" },
		{ "list", concern_list, "list matters of concern with step, age, due date" },
		{ "show", concern_show, "show one concern and its steps" },
		{ NULL, NULL, NULL },
	};

	return cli_dispatch(c, "concern", table, argc, argv);
}
