/* cairn team add|list|remove: who takes part in an inspection, in which role. */
#include <stdio.h>
#include <stdlib.h>

#include "app/setup/team.h"
#include "cli/cli.h"
#include "core/mem.h"

static int
team_add(struct cli *c, int argc, char **argv)
{
	const char *role = NULL, *agency = NULL, *pos[2];
	const struct cli_opt opts[] = {
		{ "role", &role, NULL,
		    "ROLE  lead, depute, inspector, associate, young-inspector, "
		    "panel, partnership-coordinator, local-reader" },
		{ "agency", &agency, NULL, "NAME  the person's agency" },
		{ NULL, NULL, NULL, NULL },
	};
	long id;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 2, 2, "ID PERSON --role ROLE [--agency A]",
	         "Add a person to an inspection's team in a role.  The role decides what they\n"
	         "may do (docs/guide-evidence.md has the table).")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = app_team_add(c->st, cli_actor(c), id, pos[1], role, agency, &c->err)) != 0)
		return rc;
	if (c->json)
		cli_print_json(json_pack("{s:I, s:s, s:s, s:s?}", "inspection", (json_int_t)id,
		    "person", pos[1], "role", role, "agency", agency));
	else
		printf("inspection %ld: %s added as %s\n", id, pos[1], role);
	return CAIRN_OK;
}

static int
team_remove(struct cli *c, int argc, char **argv)
{
	const char *pos[2];
	long id;
	int rc;

	if ((rc = cli_parse(c, argc, argv, NULL, pos, 2, 2, "ID PERSON",
	         "Remove a person from an inspection's team.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = app_team_remove(c->st, cli_actor(c), id, pos[1], &c->err)) != 0)
		return rc;
	if (c->json)
		cli_print_json(
		    json_pack("{s:I, s:s}", "inspection", (json_int_t)id, "removed", pos[1]));
	else
		printf("inspection %ld: %s removed\n", id, pos[1]);
	return CAIRN_OK;
}

/* The members of the team's JSON that name a person by username: who
 * added each member, given its "_name" as the API's team answer gives it. */
static const char *const team_people[] = { "added_by" };

static int
team_list(struct cli *c, int argc, char **argv)
{
	struct team_member *v = NULL;
	const char *pos[1];
	size_t n = 0;
	long id;
	int rc;

	if ((rc = cli_parse(c, argc, argv, NULL, pos, 1, 1, "ID",
	         "List an inspection's team with roles and agencies.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = cli_authorise(c, id, ACTION_VIEW_INSPECTION)) != 0 ||
	    (rc = app_team_list(c->st, id, &v, &n, &c->err)) != 0)
		return rc;
	if (c->json) {
		json_t *a = json_array();

		for (size_t i = 0; i < n; i++)
			json_array_append_new(a,
			    json_pack("{s:s, s:s, s:s?, s:s, s:s}", "person", v[i].person, "role",
			        v[i].role, "agency", v[i].agency, "added_at", v[i].added_at,
			        "added_by", v[i].added_by));
		cli_name_people_json(c, id, ACTION_VIEW_INSPECTION, a, team_people,
		    sizeof(team_people) / sizeof(team_people[0]));
		cli_print_json(a);
	} else {
		const char **by = xcalloc(n > 0 ? n : 1, sizeof(*by));
		struct account *people = NULL;
		size_t npeople = 0;
		char who[300];

		for (size_t i = 0; i < n; i++)
			by[i] = v[i].person;
		cli_people_named(c, id, ACTION_VIEW_INSPECTION, by, n, &people, &npeople);
		printf("%-28s %-36s %s\n", "PERSON", "ROLE", "AGENCY");
		/* Each role by its label ("Young inspector"), as the team page. */
		for (size_t i = 0; i < n; i++) {
			enum role role;

			printf("%-28s %-36s %s\n",
			    account_named(people, npeople, v[i].person, who, sizeof(who)),
			    role_parse(v[i].role, &role) ? role_table[role].label : v[i].role,
			    v[i].agency != NULL ? v[i].agency : "-");
		}
		accounts_free(people, npeople);
		free(by);
	}
	team_members_free(v, n);
	return CAIRN_OK;
}

int
cmd_team(struct cli *c, int argc, char **argv)
{
	static const struct cli_command table[] = {
		{ "add", team_add, "add a person to the team in a role" },
		{ "list", team_list, "list the team" },
		{ "remove", team_remove, "remove a person from the team" },
		{ NULL, NULL, NULL },
	};

	return cli_dispatch(c, "team", table, argc, argv);
}
