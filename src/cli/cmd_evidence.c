/* cairn evidence add|list|update|show|open|withdraw|reinstate: the evidence log. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/evaluation/evidence.h"
#include "app/setup/team.h"
#include "cli/cli.h"
#include "core/mem.h"
#include "core/model.h"
#include "core/text.h"

/* The options shared by add and update. */
#define EVIDENCE_OPTS(r)                                                                           \
	{ "source", &(r).source, NULL,                                                             \
		"SOURCE  position-statement, document, interview, "                                \
		"focus-group, observation, professional-discussion, staff-survey, cyp-survey, "    \
		"parent-carer-survey, records-reading, data, young-inspectors" },                  \
	    { "text", &(r).text, NULL, "TEXT  what was found" },                                   \
	    { "qi", &(r).qis, NULL, "CODE,...  quality indicators it informs" },                   \
	    { "status", &(r).status, NULL,                                                         \
		    "no-concern|uncertainty|concern|strength|improvement" },                       \
	    { "participants", &(r).participants, NULL, "TEXT  who took part" },                    \
	    { "date", &(r).date, NULL, "YYYY-MM-DD  when it was gathered" },                       \
	{                                                                                          \
		"file", &(r).file, NULL, "PATH  attach a file (stored once by its SHA-256)"        \
	}

/* The members of an item's JSON that name a person by username (who
 * recorded it, who withdrew it, who made each change), each given its
 * "_name" as the API gives it. */
static const char *const item_people[] = { "recorded_by", "by" };

/* Returns the JSON form of one item. */
static json_t *
item_json(const struct evidence_item *e)
{
	json_t *qis = json_array(), *file = json_null();

	for (size_t i = 0; i < e->nqis; i++)
		json_array_append_new(qis, json_string(e->qis[i]));
	if (e->file_sha256[0])
		file = json_pack("{s:s, s:s?, s:I}", "sha256", e->file_sha256, "name", e->file_name,
		    "size", (json_int_t)e->file_size);
	json_t *o =
	    json_pack("{s:I, s:s, s:s, s:s, s:o, s:s?, s:s?, s:s, s:b, s:o, s:b, s:s, s:s, s:b}",
	        "number", (json_int_t)e->number, "source", e->source, "status", e->status, "text",
	        e->text, "qis", qis, "participants", e->participants, "date",
	        e->gathered_on[0] ? e->gathered_on : NULL, "recorded_by", e->recorded_by,
	        "young_inspector", e->young_inspector, "file", file, "linked_to_grade", e->linked,
	        "created_at", e->created_at, "updated_at", e->updated_at, "withdrawn",
	        e->withdrawn_at[0] != '\0');

	if (e->withdrawn_at[0] != '\0')
		json_object_set_new(o, "withdrawal",
		    json_pack("{s:s, s:s?, s:s?}", "at", e->withdrawn_at, "by", e->withdrawn_by,
		        "reason", e->withdrawn_reason));
	return o;
}

static int
ev_add(struct cli *c, int argc, char **argv)
{
	struct evidence_req req = { 0 };
	const struct cli_opt opts[] = {
		EVIDENCE_OPTS(req),
		{ "by", &req.by, NULL, "PERSON  who gathered it (a team member; default --as)" },
		{ NULL, NULL, NULL, NULL },
	};
	const char *pos[1];
	char sha[65];
	long id, number = 0;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 1, 1,
	         "ID --source SOURCE --text TEXT [--qi CODE,...] [--status S] [--participants T] "
	         "[--date D] [--by PERSON] [--file PATH]",
	         "Add evidence to the log and print its number (and the attached file's SHA-256).\n"
	         "Evidence gathered by a young inspector is marked as theirs.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0)
		return rc;
	if (req.by == NULL)
		req.by = c->as;
	if ((rc = app_evidence_add(c->st, cli_actor(c), id, &req, &number, sha, &c->err)) != 0)
		return rc;
	if (c->json)
		cli_print_json(json_pack("{s:I, s:I, s:s?}", "inspection", (json_int_t)id, "number",
		    (json_int_t)number, "sha256", sha[0] ? sha : NULL));
	else if (sha[0])
		printf("%ld\nsha256 %s\n", number, sha);
	else
		printf("%ld\n", number);
	return CAIRN_OK;
}

static int
ev_update(struct cli *c, int argc, char **argv)
{
	struct evidence_req req = { 0 };
	const struct cli_opt opts[] = {
		EVIDENCE_OPTS(req),
		{ NULL, NULL, NULL, NULL },
	};
	const char *pos[2];
	char sha[65];
	long id, number;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 2, 2,
	         "ID N [--status S] [--text T] [--source S] [--qi CODE,...] [--participants T] "
	         "[--date D] [--file PATH]",
	         "Change evidence N; every change is kept in its history (who, when, old -> new).\n"
	         "An uncertainty is resolved into strength, improvement or no-concern.  Changing\n"
	         "evidence linked to a grade voids the panel's sign-off.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0)
		return rc;
	if (!text_parse_long(pos[1], 1, 2000000000L, &number))
		return cairn_errf(&c->err, CAIRN_EUSAGE, "'%s' is not an evidence number", pos[1]);
	if ((rc = cli_open(c)) != 0 ||
	    (rc = app_evidence_authorise(c->st, id, number, c->as, &c->err)) != 0 ||
	    (rc = app_evidence_update(c->st, cli_actor(c), id, number, &req, sha, &c->err)) != 0)
		return rc;
	if (c->json)
		cli_print_json(json_pack("{s:I, s:I, s:s?}", "inspection", (json_int_t)id, "number",
		    (json_int_t)number, "sha256", sha[0] ? sha : NULL));
	else
		printf("inspection %ld: evidence %ld updated%s%s\n", id, number,
		    sha[0] ? "; sha256 " : "", sha);
	return CAIRN_OK;
}

/* Prints one item as a line of the list, who recorded it named as among
 * the npeople accounts people. */
static void
item_line(const struct evidence_item *e, const struct account *people, size_t npeople)
{
	char who[300];
	char qis[64] = "";
	size_t len = 0;

	for (size_t i = 0; i < e->nqis; i++) {
		int w = snprintf(qis + len, sizeof(qis) - len, "%s%s", i ? "," : "", e->qis[i]);

		if (w < 0 || (size_t)w >= sizeof(qis) - len)
			break;
		len += (size_t)w;
	}
	printf("%-4ld %-12s %-24s %-10s %-16s %s%s\n", e->number,
	    e->withdrawn_at[0] != '\0' ? "WITHDRAWN" : e->status, e->source, qis[0] ? qis : "-",
	    account_named(people, npeople, e->recorded_by, who, sizeof(who)),
	    e->young_inspector ? "[young inspector] " : "", e->text);
}

static int
ev_list(struct cli *c, int argc, char **argv)
{
	const char *qi = NULL, *status = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ "qi", &qi, NULL, "CODE  only evidence informing this indicator" },
		{ "status", &status, NULL, "S  only evidence with this status" },
		{ NULL, NULL, NULL, NULL },
	};
	struct evidence_item *v = NULL;
	size_t n = 0;
	long id;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 1, 1, "ID [--qi CODE] [--status S]",
	         "List the evidence log.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = cli_authorise(c, id, ACTION_VIEW_EVIDENCE)) != 0 ||
	    (rc = app_evidence_list(c->st, id, qi, status, &v, &n, &c->err)) != 0)
		return rc;
	if (c->json) {
		json_t *a = json_array();

		for (size_t i = 0; i < n; i++)
			json_array_append_new(a, item_json(&v[i]));
		cli_name_people_json(c, id, ACTION_VIEW_EVIDENCE, a, item_people,
		    sizeof(item_people) / sizeof(item_people[0]));
		cli_print_json(a);
	} else {
		const char **by = xcalloc(n > 0 ? n : 1, sizeof(*by));
		struct account *people = NULL;
		size_t npeople = 0;

		/* Who recorded each item, "Name (username)": one read for them all. */
		for (size_t i = 0; i < n; i++)
			by[i] = v[i].recorded_by;
		cli_people_named(c, id, ACTION_VIEW_EVIDENCE, by, n, &people, &npeople);
		printf("%-4s %-12s %-24s %-10s %-16s %s\n", "N", "STATUS", "SOURCE", "QI", "BY",
		    "TEXT");
		for (size_t i = 0; i < n; i++)
			item_line(&v[i], people, npeople);
		accounts_free(people, npeople);
		free(by);
	}
	evidence_items_free(v, n);
	return CAIRN_OK;
}

static int
ev_show(struct cli *c, int argc, char **argv)
{
	struct evidence_item e;
	struct evidence_change *h = NULL;
	const char *pos[2];
	size_t nh = 0;
	long id, number;
	int rc;

	if ((rc = cli_parse(c, argc, argv, NULL, pos, 2, 2, "ID N",
	         "Show evidence N with its history.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0)
		return rc;
	if (!text_parse_long(pos[1], 1, 2000000000L, &number))
		return cairn_errf(&c->err, CAIRN_EUSAGE, "'%s' is not an evidence number", pos[1]);
	if ((rc = cli_open(c)) != 0 || (rc = cli_authorise(c, id, ACTION_VIEW_EVIDENCE)) != 0 ||
	    (rc = app_evidence_get(c->st, id, number, &e, &h, &nh, &c->err)) != 0)
		return rc;
	if (c->json) {
		json_t *o = item_json(&e), *a = json_array();

		for (size_t i = 0; i < nh; i++)
			json_array_append_new(a,
			    json_pack("{s:s, s:s, s:s, s:s?, s:s?}", "at", h[i].at, "by",
			        h[i].actor, "field", h[i].field, "old", h[i].old_value, "new",
			        h[i].new_value));
		json_object_set_new(o, "history", a);
		cli_name_people_json(c, id, ACTION_VIEW_EVIDENCE, o, item_people,
		    sizeof(item_people) / sizeof(item_people[0]));
		cli_print_json(o);
	} else {
		const char **by = xcalloc(nh + 2, sizeof(*by));
		struct account *people = NULL;
		size_t npeople = 0;
		char who[300];

		/* Who recorded, withdrew and changed it, "Name (username)": one read. */
		by[0] = e.recorded_by;
		by[1] = e.withdrawn_by;
		for (size_t i = 0; i < nh; i++)
			by[i + 2] = h[i].actor;
		cli_people_named(c, id, ACTION_VIEW_EVIDENCE, by, nh + 2, &people, &npeople);
		printf("Evidence %ld (%s, %s)%s\n%s\n", e.number, e.source, e.status,
		    e.young_inspector ? " [young inspector]" : "", e.text);
		printf("Gathered by %s%s%s\n",
		    account_named(people, npeople, e.recorded_by, who, sizeof(who)),
		    e.gathered_on[0] ? " on " : "", e.gathered_on);
		if (e.withdrawn_at[0] != '\0')
			printf("Withdrawn %s by %s: %s\n", e.withdrawn_at,
			    e.withdrawn_by != NULL
			        ? account_named(people, npeople, e.withdrawn_by, who, sizeof(who))
			        : "",
			    e.withdrawn_reason != NULL ? e.withdrawn_reason : "");
		if (e.participants != NULL)
			printf("Participants: %s\n", e.participants);
		for (size_t i = 0; i < e.nqis; i++)
			printf("%s%s", i ? ", " : "Indicators: ", e.qis[i]);
		if (e.nqis > 0)
			printf("\n");
		if (e.file_sha256[0])
			printf("File: sha256 %s (%ld bytes; uploaded as \"%s\")\n", e.file_sha256,
			    e.file_size, e.file_name != NULL ? e.file_name : "");
		printf("History:\n");
		for (size_t i = 0; i < nh; i++)
			printf("  %s  %-16s %-12s %s -> %s\n", h[i].at,
			    account_named(people, npeople, h[i].actor, who, sizeof(who)),
			    h[i].field, h[i].old_value ? h[i].old_value : "(none)",
			    h[i].new_value ? h[i].new_value : "(none)");
		accounts_free(people, npeople);
		free(by);
	}
	evidence_changes_free(h, nh);
	evidence_item_free(&e);
	return CAIRN_OK;
}

static int
ev_open(struct cli *c, int argc, char **argv)
{
	struct evidence_item *v = NULL;
	struct seen_qis {
		char **codes;
		size_t n;
	} seen = { NULL, 0 };
	const char *pos[1];
	size_t n = 0;
	long id;
	int rc;
	json_t *o;

	if ((rc = cli_parse(c, argc, argv, NULL, pos, 1, 1, "ID",
	         "List the open areas of uncertainty per quality indicator.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = cli_authorise(c, id, ACTION_VIEW_EVIDENCE)) != 0 ||
	    (rc = app_evidence_open(c->st, id, &v, &n, &c->err)) != 0)
		return rc;
	o = json_object();
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j <= v[i].nqis; j++) {
			const char *qi = j < v[i].nqis ? v[i].qis[j] : (v[i].nqis ? NULL : "none");
			json_t *a;

			if (qi == NULL)
				continue;
			if ((a = json_object_get(o, qi)) == NULL) {
				a = json_array();
				json_object_set_new(o, qi, a);
				seen.codes = xreallocarray(seen.codes, seen.n + 1, sizeof(char *));
				seen.codes[seen.n++] = xstrdup(qi);
			}
			json_array_append_new(a, json_integer(v[i].number));
		}
	}
	if (c->json) {
		cli_print_json(o);
	} else {
		printf("%zu open uncertaint%s\n", n, n == 1 ? "y" : "ies");
		for (size_t i = 0; i < seen.n; i++) {
			json_t *a = json_object_get(o, seen.codes[i]);

			printf("  %-8s",
			    strcmp(seen.codes[i], "none") == 0 ? "(no QI)" : seen.codes[i]);
			for (size_t j = 0; j < json_array_size(a); j++)
				printf(" %lld",
				    (long long)json_integer_value(json_array_get(a, j)));
			printf("\n");
		}
		json_decref(o);
	}
	strv_free(seen.codes, seen.n);
	evidence_items_free(v, n);
	return CAIRN_OK;
}

/* cairn evidence withdraw|reinstate ID N [--reason TEXT]. */
static int
ev_withdrawal(struct cli *c, int argc, char **argv, bool withdraw)
{
	const char *reason = NULL, *pos[2];
	const struct cli_opt opts[] = {
		{ "reason", &reason, NULL,
		    withdraw ? "TEXT  why it is withdrawn (required)"
		             : "TEXT  why it is reinstated (optional)" },
		{ NULL, NULL, NULL, NULL },
	};
	long id, number;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 2, 2,
	         withdraw ? "ID N --reason TEXT" : "ID N [--reason TEXT]",
	         withdraw
	             ? "Withdraw evidence N: it stays in the log, marked with who withdrew it, "
	               "when\n"
	               "and why, but counts nowhere (the evidence balance, grades, reports) until\n"
	               "it is reinstated.  Withdrawing evidence linked to a grade voids the "
	               "panel's\n"
	               "sign-off."
	             : "Reinstate withdrawn evidence N: it counts again.  The withdrawal stays in\n"
	               "its history.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0)
		return rc;
	if (!text_parse_long(pos[1], 1, 2000000000L, &number))
		return cairn_errf(&c->err, CAIRN_EUSAGE, "'%s' is not an evidence number", pos[1]);
	if ((rc = cli_open(c)) != 0)
		return rc;
	rc = withdraw ? app_evidence_withdraw(c->st, cli_actor(c), id, number, reason, &c->err)
	              : app_evidence_reinstate(c->st, cli_actor(c), id, number, reason, &c->err);
	if (rc != 0)
		return rc;
	if (c->json)
		cli_print_json(json_pack("{s:I, s:I, s:b}", "inspection", (json_int_t)id, "number",
		    (json_int_t)number, "withdrawn", withdraw));
	else
		printf("inspection %ld: evidence %ld %s\n", id, number,
		    withdraw ? "withdrawn" : "reinstated");
	return CAIRN_OK;
}

static int
ev_withdraw(struct cli *c, int argc, char **argv)
{
	return ev_withdrawal(c, argc, argv, true);
}

static int
ev_reinstate(struct cli *c, int argc, char **argv)
{
	return ev_withdrawal(c, argc, argv, false);
}

int
cmd_evidence(struct cli *c, int argc, char **argv)
{
	static const struct cli_command table[] = {
		{ "add", ev_add, "add evidence to the log" },
		{ "list", ev_list, "list the evidence log" },
		{ "update", ev_update, "change evidence, keeping its history" },
		{ "show", ev_show, "show one piece of evidence with its history" },
		{ "open", ev_open, "list open areas of uncertainty per indicator" },
		{ "withdraw", ev_withdraw, "withdraw evidence with a reason, keeping its history" },
		{ "reinstate", ev_reinstate, "reinstate withdrawn evidence" },
		{ NULL, NULL, NULL },
	};

	return cli_dispatch(c, "evidence", table, argc, argv);
}
