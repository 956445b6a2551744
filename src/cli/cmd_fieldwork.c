/* cairn fieldwork add|list|show|record|cancel: the fieldwork plan. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/fieldwork/activity.h"
#include "cli/cli.h"
#include "core/mem.h"
#include "core/text.h"

/* The people-count options, in people_kind_table order. */
#define PEOPLE_OPTS(v)                                                                             \
	{ "staff", &(v)[PEOPLE_STAFF], NULL, "N  how many staff" },                                \
	    { "leaders", &(v)[PEOPLE_LEADERS], NULL, "N  how many leaders" },                      \
	    { "children", &(v)[PEOPLE_CHILDREN], NULL, "N  how many children" },                   \
	    { "young-people", &(v)[PEOPLE_YOUNG_PEOPLE], NULL, "N  how many young people" },       \
	{                                                                                          \
		"parents-carers", &(v)[PEOPLE_PARENTS_CARERS], NULL,                               \
		    "N  how many parents and carers"                                               \
	}

/* Parses the activity number positional argument. */
static int
activity_number(struct cli *c, const char *text, long *number)
{
	if (text_parse_long(text, 1, 1000000, number))
		return CAIRN_OK;
	return cairn_err_field(&c->err, CAIRN_EUSAGE, CAIRN_CODE_INVALID, "activity",
	    "'%s' is not an activity number; the fieldwork plan lists them", text);
}

/* Returns an activity as JSON. */
static json_t *
activity_json(const struct activity *a)
{
	json_t *people = json_object();

	for (int p = 0; p < PEOPLE__MAX; p++)
		json_object_set_new(people, people_kind_table[p].code, json_integer(a->people[p]));
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s?, s:s?, s:o, s:s, s:s?, s:I}",
	    "number", (json_int_t)a->number, "kind", activity_kind_table[a->kind].code,
	    "kind_label", activity_kind_table[a->kind].label, "date", a->date, "place", a->place,
	    "lead", a->lead, "agencies", a->agencies, "roles", a->roles, "people", people, "status",
	    activity_status_code[a->status], "cancel_reason", a->cancel_reason, "evidence",
	    (json_int_t)a->nevidence);
}

static int
fw_add(struct cli *c, int argc, char **argv)
{
	struct activity_req req;
	const char *pos[1];
	long id, number = 0;
	int rc;

	memset(&req, 0, sizeof(req));
	{
		const struct cli_opt opts[] = {
			{ "kind", &req.kind, NULL,
			    "KIND  focus-group, interview, partnership-discussion, observation, "
			    "case-discussion, young-inspectors" },
			{ "date", &req.date, NULL, "YYYY-MM-DD  when" },
			{ "place", &req.place, NULL, "TEXT  where (never a home address)" },
			{ "lead", &req.lead, NULL, "PERSON  the team member who leads it" },
			{ "agencies", &req.agencies, NULL, "TEXT  agencies taking part" },
			{ "roles", &req.roles, NULL, "TEXT  roles taking part" },
			PEOPLE_OPTS(req.people),
			{ NULL, NULL, NULL, NULL },
		};

		if ((rc = cli_parse(c, argc, argv, opts, pos, 1, 1,
		         "ID --kind KIND --date D --place P --lead PERSON [--agencies A] [--roles "
		         "R] "
		         "[--staff N ...]",
		         "Plan a fieldwork activity: how many people of each kind take part, "
		         "never\n"
		         "their names.")) != 0 ||
		    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
		    (rc = app_activity_add(c->st, cli_actor(c), id, &req, &number, &c->err)) != 0)
			return rc;
	}
	if (c->json)
		cli_print_json(json_pack("{s:I, s:I, s:s}", "inspection", (json_int_t)id, "number",
		    (json_int_t)number, "status", "planned"));
	else
		printf("inspection %ld: activity %ld planned\n", id, number);
	return CAIRN_OK;
}

static int
fw_list(struct cli *c, int argc, char **argv)
{
	struct activity *v = NULL;
	const char *pos[1];
	size_t n = 0;
	long id;
	int rc;

	if ((rc = cli_parse(c, argc, argv, NULL, pos, 1, 1, "ID",
	         "List the fieldwork plan by date.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = app_activity_list(c->st, cli_actor(c), id, &v, &n, &c->err)) != 0)
		return rc;
	if (c->json) {
		json_t *a = json_array();

		for (size_t i = 0; i < n; i++)
			json_array_append_new(a, activity_json(&v[i]));
		cli_print_json(a);
	} else {
		const char **by = xcalloc(n > 0 ? n : 1, sizeof(*by));
		struct account *people = NULL;
		size_t npeople = 0;
		char who[300];

		for (size_t i = 0; i < n; i++)
			by[i] = v[i].lead;
		cli_people_named(c, id, ACTION_VIEW_FIELDWORK, by, n, &people, &npeople);
		printf("%-4s %-10s %-10s %-24s %-20s %s\n", "NO", "DATE", "STATUS", "KIND", "LEAD",
		    "PLACE");
		for (size_t i = 0; i < n; i++)
			printf("%-4ld %-10s %-10s %-24s %-20s %s\n", v[i].number, v[i].date,
			    activity_status_code[v[i].status], activity_kind_table[v[i].kind].code,
			    account_named(people, npeople, v[i].lead, who, sizeof(who)),
			    v[i].place);
		accounts_free(people, npeople);
		free(by);
	}
	activity_list_free(v, n);
	return CAIRN_OK;
}

static int
fw_show(struct cli *c, int argc, char **argv)
{
	struct activity a;
	struct activity_evidence ev;
	const char *pos[2];
	long id, number;
	int rc;
	bool notes;

	memset(&ev, 0, sizeof(ev));
	if ((rc = cli_parse(c, argc, argv, NULL, pos, 2, 2, "ID NUMBER",
	         "Show one activity; with the evidence recorded from it and its balance, for\n"
	         "those who may see the evidence.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = activity_number(c, pos[1], &number)) != 0 ||
	    (rc = cli_open(c)) != 0 ||
	    (rc = app_activity_get(c->st, cli_actor(c), id, number, &a, &c->err)) != 0)
		return rc;
	rc = app_activity_evidence(c->st, cli_actor(c), id, number, &ev, &c->err);
	if (rc != CAIRN_OK && rc != CAIRN_EPERM) {
		activity_free(&a);
		return rc;
	}
	notes = rc == CAIRN_OK;
	if (c->json) {
		json_t *o = activity_json(&a);

		if (notes) {
			json_t *items = json_array(), *bal = json_object();

			for (size_t i = 0; i < ev.n; i++)
				json_array_append_new(items,
				    json_pack("{s:I, s:s, s:s, s:s}", "number",
				        (json_int_t)ev.items[i].number, "source",
				        ev.items[i].source, "status", ev.items[i].status, "text",
				        ev.items[i].text));
			for (int s = 0; s < STATUS__MAX; s++)
				json_object_set_new(bal, evidence_status_code[s],
				    json_integer(ev.counts[s]));
			json_object_set_new(o, "evidence_items", items);
			json_object_set_new(o, "balance", bal);
		}
		cli_print_json(o);
	} else {
		const char *by[] = { a.lead };
		struct account *people = NULL;
		size_t npeople = 0;
		char who[300];

		cli_people_named(c, id, ACTION_VIEW_FIELDWORK, by, 1, &people, &npeople);
		printf("Activity %ld: %s\n", a.number, activity_kind_table[a.kind].label);
		printf("  Date:     %s\n  Place:    %s\n  Led by:   %s\n  Status:   %s\n", a.date,
		    a.place, account_named(people, npeople, a.lead, who, sizeof(who)),
		    activity_status_code[a.status]);
		accounts_free(people, npeople);
		if (a.cancel_reason != NULL)
			printf("  Cancelled because: %s\n", a.cancel_reason);
		printf("  Agencies: %s\n  Roles:    %s\n", a.agencies != NULL ? a.agencies : "-",
		    a.roles != NULL ? a.roles : "-");
		for (int p = 0; p < PEOPLE__MAX; p++)
			printf("  %-19s %ld\n", people_kind_table[p].label, a.people[p]);
		if (notes) {
			printf("  Evidence balance:");
			for (int s = 0; s < STATUS__MAX; s++)
				printf("%s %ld %s", s ? "," : "", ev.counts[s],
				    evidence_status_code[s]);
			printf("\n");
			for (size_t i = 0; i < ev.n; i++)
				printf("  Evidence %ld (%s, %s): %s\n", ev.items[i].number,
				    ev.items[i].source, ev.items[i].status, ev.items[i].text);
		}
	}
	activity_evidence_free(&ev);
	activity_free(&a);
	return CAIRN_OK;
}

static int
fw_record(struct cli *c, int argc, char **argv)
{
	struct activity_record_req req;
	const char *pos[2];
	long id, number, evidence = 0;
	int rc;

	memset(&req, 0, sizeof(req));
	{
		const struct cli_opt opts[] = {
			{ "notes", &req.notes, NULL, "TEXT  the write-up: becomes evidence" },
			{ "qi", &req.qis, NULL,
			    "QIS  indicator codes it informs, comma-separated" },
			{ "status", &req.status, NULL,
			    "S  no-concern, uncertainty, concern, strength, improvement" },
			PEOPLE_OPTS(req.people),
			{ NULL, NULL, NULL, NULL },
		};

		if ((rc = cli_parse(c, argc, argv, opts, pos, 2, 2,
		         "ID NUMBER --notes TEXT [--qi QIS] [--status S] [--staff N ...]",
		         "Record an activity's notes as evidence from it, and mark it held with "
		         "how\n"
		         "many people of each kind took part (as planned unless given).")) != 0 ||
		    (rc = cli_id(c, pos[0], &id)) != 0 ||
		    (rc = activity_number(c, pos[1], &number)) != 0 || (rc = cli_open(c)) != 0 ||
		    (rc = app_activity_record(c->st, cli_actor(c), id, number, &req, &evidence,
		         &c->err)) != 0)
			return rc;
	}
	if (c->json)
		cli_print_json(
		    json_pack("{s:I, s:I, s:s, s:I}", "inspection", (json_int_t)id, "number",
		        (json_int_t)number, "status", "held", "evidence", (json_int_t)evidence));
	else
		printf("inspection %ld: activity %ld held; its notes are evidence %ld\n", id,
		    number, evidence);
	return CAIRN_OK;
}

static int
fw_cancel(struct cli *c, int argc, char **argv)
{
	const char *reason = NULL, *pos[2];
	const struct cli_opt opts[] = {
		{ "reason", &reason, NULL, "TEXT  why it was cancelled" },
		{ NULL, NULL, NULL, NULL },
	};
	long id, number;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 2, 2, "ID NUMBER --reason TEXT",
	         "Cancel a planned activity, with the reason.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = activity_number(c, pos[1], &number)) != 0 ||
	    (rc = cli_open(c)) != 0 ||
	    (rc = app_activity_cancel(c->st, cli_actor(c), id, number, reason, &c->err)) != 0)
		return rc;
	if (c->json)
		cli_print_json(json_pack("{s:I, s:I, s:s}", "inspection", (json_int_t)id, "number",
		    (json_int_t)number, "status", "cancelled"));
	else
		printf("inspection %ld: activity %ld cancelled\n", id, number);
	return CAIRN_OK;
}

int
cmd_fieldwork(struct cli *c, int argc, char **argv)
{
	static const struct cli_command table[] = {
		{ "add", fw_add, "plan an activity" },
		{ "list", fw_list, "list the fieldwork plan" },
		{ "show", fw_show, "show an activity and the evidence from it" },
		{ "record", fw_record, "record an activity's notes as evidence; mark it held" },
		{ "cancel", fw_cancel, "cancel a planned activity" },
		{ NULL, NULL, NULL },
	};

	return cli_dispatch(c, "fieldwork", table, argc, argv);
}
