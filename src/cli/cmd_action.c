/* cairn action add|update|list|agree: the joint action plan. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/followup/plan.h"
#include "app/access/role.h"
#include "app/followup/lookup.h"
#include "cli/cli.h"
#include "core/mem.h"
#include "core/text.h"
#include "core/plan.h"

static int
action_add(struct cli *c, int argc, char **argv)
{
	struct action_new req = { 0 };
	const struct cli_opt opts[] = {
		{ "improvement", &req.improvement, NULL,
		    "N  the area for improvement's number (1, 2, 3 in findings order)" },
		{ "text", &req.text, NULL, "TEXT  what will be done" },
		{ "owner", &req.owner, NULL, "TEXT  who is responsible" },
		{ "due", &req.due, NULL, "DATE  when it is due (YYYY-MM-DD)" },
		{ "agency", &req.agency, NULL, "A  lead agency (optional)" },
		{ NULL, NULL, NULL, NULL },
	};
	const char *pos[1];
	long id, num = 0;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 1, 1,
	         "ID --improvement N --text TEXT --owner TEXT --due DATE [--agency A]",
	         "Add an action to the inspection's joint action plan, against one area for\n"
	         "improvement (its number: 1, 2, 3 in findings order, as 'cairn action list ID'\n"
	         "shows).  Prints the action's number within the plan (1, 2, 3 in the order\n"
	         "added), which 'cairn action update ID N' takes.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = app_action_add(c->st, cli_actor(c), id, &req, &num, &c->err)) != 0)
		return rc;
	if (c->json)
		cli_print_json(json_pack("{s:I, s:I}", "inspection", (json_int_t)id, "number",
		    (json_int_t)num));
	else
		printf("%ld\n", num);
	return CAIRN_OK;
}

static int
action_update(struct cli *c, int argc, char **argv)
{
	struct action_change req = { 0 };
	const struct cli_opt opts[] = {
		{ "status", &req.status, NULL, "planned|in-progress|done|dropped" },
		{ "note", &req.note, NULL,
		    "TEXT  a comment; the reason when dropping or reopening" },
		{ "evidence", &req.evidence, NULL, "TEXT  what shows it (required to mark done)" },
		{ "due", &req.due, NULL, "DATE  a new due date" },
		{ NULL, NULL, NULL, NULL },
	};
	struct plan_action a;
	const char *pos[2] = { NULL, NULL };
	long id, num;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 1, 2,
	         "ID N [--status S] [--note TEXT] [--evidence TEXT] [--due DATE]",
	         "Change action N of inspection ID's plan (its number within the plan, as\n"
	         "'cairn action add' printed it and 'cairn action list ID' shows it): its status\n"
	         "or due date, or comment on it (--note alone).  Done needs --evidence; dropping\n"
	         "or reopening needs --note.  Every change is kept in the action's history.")) != 0)
		return rc;
	/* The old form named an action by its database id alone; a number
	 * within a plan means nothing without its inspection, so it is refused
	 * rather than guessed. */
	if (pos[1] == NULL)
		return cairn_errf(&c->err, CAIRN_EUSAGE,
		    "give the inspection and the action's number within its plan: "
		    "cairn action update ID N (actions are numbered 1, 2, 3 within each "
		    "inspection; 'cairn action list ID' shows them)");
	if ((rc = cli_id(c, pos[0], &id)) != 0)
		return rc;
	if (!text_parse_long(pos[1], 1, 2000000000L, &num))
		return cairn_errf(&c->err, CAIRN_EUSAGE,
		    "'%s' is not an action's number (a positive whole number: 1, 2, 3 within "
		    "the plan)",
		    pos[1]);
	if ((rc = cli_open(c)) != 0 ||
	    (rc = app_action_update(c->st, cli_actor(c), id, num, &req, &c->err)) != 0)
		return rc;
	if ((rc = app_plan_action_get(c->st, cli_actor(c), id, num, &a, &c->err)) != 0)
		return rc;
	if (c->json)
		cli_print_json(json_pack("{s:I, s:I, s:s, s:s}", "inspection", (json_int_t)id,
		    "number", (json_int_t)num, "status", plan_status_code[a.status], "due", a.due));
	else
		printf("inspection %ld, action %ld: %s, due %s\n", id, num,
		    plan_status_code[a.status], a.due);
	plan_action_free(&a);
	return CAIRN_OK;
}

/* The members of the plan's JSON that name a person by username, each
 * given its "_name" as the API gives it. */
static const char *const plan_people[] = { "agreed_by", "actor" };

/* Returns a JSON array of the history of action id. */
static json_t *
events_json(const struct plan *p, long id)
{
	json_t *a = json_array();

	for (size_t i = 0; i < p->nevents; i++) {
		const struct plan_event *e = &p->events[i];

		if (e->action != id)
			continue;
		json_array_append_new(a,
		    json_pack("{s:s, s:s, s:s, s:s, s:s, s:s?, s:s?}", "at", e->at, "actor",
		        e->actor, "change", e->change, "status", plan_status_code[e->status], "due",
		        e->due, "note", e->note, "evidence", e->evidence));
	}
	return a;
}

/* Returns one action as JSON. */
static json_t *
action_json(const struct plan *p, const struct plan_action *a, const struct cdate *today,
    bool history)
{
	json_t *o = json_pack("{s:I, s:I, s:s, s:s, s:s?, s:s, s:s, s:b}", "number",
	    (json_int_t)a->number, "improvement", (json_int_t)plan_area_number(p, a->finding),
	    "text", a->text, "owner", a->owner, "agency", a->agency, "due", a->due, "status",
	    plan_status_code[a->status], "overdue", plan_action_overdue(a, today));

	if (history)
		json_object_set_new(o, "history", events_json(p, a->id));
	return o;
}

/* Prints one action as text, the people of its history named by the n
 * accounts people. */
static void
action_print(const struct plan *p, const struct plan_action *a, const struct cdate *today,
    bool history, const struct account *people, size_t npeople)
{
	char who[300];

	printf("  action %ld [%s] due %s%s; owner %s%s%s%s\n    %s\n", a->number,
	    plan_status_code[a->status], a->due, plan_action_overdue(a, today) ? " OVERDUE" : "",
	    a->owner, a->agency ? " (" : "", a->agency ? a->agency : "", a->agency ? ")" : "",
	    a->text);
	for (size_t i = 0; history && i < p->nevents; i++) {
		const struct plan_event *e = &p->events[i];

		if (e->action != a->id)
			continue;
		printf("      %s %s: %s%s%s%s%s\n", e->at,
		    account_named(people, npeople, e->actor, who, sizeof(who)), e->change,
		    e->note ? "; note: " : "", e->note ? e->note : "",
		    e->evidence ? "; evidence: " : "", e->evidence ? e->evidence : "");
	}
}

static int
action_list(struct cli *c, int argc, char **argv)
{
	bool overdue = false, history = false;
	const struct cli_opt opts[] = {
		{ "overdue", NULL, &overdue, "only actions past their due date and not done" },
		{ "history", NULL, &history, "show every change to each action" },
		{ NULL, NULL, NULL, NULL },
	};
	const char *pos[1];
	struct plan p;
	struct cdate today;
	char iso[11];
	long id;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 1, 1, "ID [--overdue] [--history]",
	         "List the inspection's action plan by area for improvement.  Today is the UTC\n"
	         "date, or CAIRN_TODAY=YYYY-MM-DD when set.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = cli_authorise(c, id, ACTION_VIEW_INSPECTION)) != 0 ||
	    (rc = app_plan_load(c->st, id, &p, &c->err)) != 0)
		return rc;
	date_today(&today);
	date_iso(&today, iso);
	if (c->json) {
		json_t *o = json_pack("{s:I, s:s, s:b, s:s?, s:s?}", "inspection", (json_int_t)id,
		    "today", iso, "agreed", p.agreed, "agreed_at", p.agreed ? p.agreed_at : NULL,
		    "agreed_by", p.agreed_by);
		json_t *list = json_array();

		if (overdue) {
			for (size_t i = 0; i < p.nactions; i++)
				if (plan_action_overdue(&p.actions[i], &today))
					json_array_append_new(list,
					    action_json(&p, &p.actions[i], &today, history));
			json_object_set_new(o, "overdue", list);
		} else {
			for (size_t f = 0; f < p.nimprovements; f++) {
				json_t *acts = json_array();

				for (size_t i = 0; i < p.nactions; i++)
					if (p.actions[i].finding == p.improvements[f].id)
						json_array_append_new(acts,
						    action_json(&p, &p.actions[i], &today,
						        history));
				json_array_append_new(list,
				    json_pack("{s:I, s:I, s:s, s:o}", "number", (json_int_t)(f + 1),
				        "id", (json_int_t)p.improvements[f].id, "text",
				        p.improvements[f].text, "actions", acts));
			}
			json_object_set_new(o, "improvements", list);
		}
		/* "agreed_by_name" and "actor_name" beside them, as the API's plan. */
		cli_name_people_json(c, id, ACTION_VIEW_INSPECTION, o, plan_people,
		    sizeof(plan_people) / sizeof(plan_people[0]));
		cli_print_json(o);
	} else {
		const char **by = xcalloc(p.nevents + 1, sizeof(*by));
		struct account *people = NULL;
		size_t npeople = 0;
		char who[300];

		for (size_t i = 0; i < p.nevents; i++)
			by[i] = p.events[i].actor;
		by[p.nevents] = p.agreed_by;
		cli_people_named(c, id, ACTION_VIEW_INSPECTION, by, p.nevents + 1, &people,
		    &npeople);
		printf("Action plan of inspection %ld: %s%s%s%s\n", id,
		    p.agreed ? "agreed " : "not yet agreed", p.agreed ? p.agreed_at : "",
		    p.agreed ? " by " : "",
		    p.agreed && p.agreed_by
		        ? account_named(people, npeople, p.agreed_by, who, sizeof(who))
		        : "");
		if (overdue)
			printf("Overdue on %s:\n", iso);
		for (size_t f = 0; f < p.nimprovements; f++) {
			bool any = false;

			if (!overdue)
				printf("\nArea for improvement %zu: %s\n", f + 1,
				    p.improvements[f].text);
			for (size_t i = 0; i < p.nactions; i++) {
				if (p.actions[i].finding != p.improvements[f].id)
					continue;
				if (overdue && !plan_action_overdue(&p.actions[i], &today))
					continue;
				any = true;
				action_print(&p, &p.actions[i], &today, history, people, npeople);
			}
			if (!any && !overdue)
				printf("  (no action yet)\n");
		}
		accounts_free(people, npeople);
		free(by);
	}
	plan_free(&p);
	return CAIRN_OK;
}

static int
action_agree(struct cli *c, int argc, char **argv)
{
	const char *pos[1];
	long id;
	int rc;

	if ((rc = cli_parse(c, argc, argv, NULL, pos, 1, 1, "ID",
	         "Mark the action plan agreed.  Refused unless every area for improvement has\n"
	         "at least one action that is not dropped.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = app_action_agree(c->st, cli_actor(c), id, &c->err)) != 0)
		return rc;
	if (c->json)
		cli_print_json(json_pack("{s:I, s:b}", "inspection", (json_int_t)id, "agreed", 1));
	else
		printf("inspection %ld: action plan agreed\n", id);
	return CAIRN_OK;
}

int
cmd_action(struct cli *c, int argc, char **argv)
{
	static const struct cli_command table[] = {
		{ "add", action_add, "add an action against an area for improvement" },
		{ "update", action_update, "change an action's status or due date, or comment" },
		{ "list", action_list, "list the action plan (--overdue, --history)" },
		{ "agree", action_agree, "mark the action plan agreed" },
		{ NULL, NULL, NULL },
	};

	return cli_dispatch(c, "action", table, argc, argv);
}
