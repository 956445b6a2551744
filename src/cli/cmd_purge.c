/* cairn purge: retention of child-level data (app/access/purge.h). */
#include <stdio.h>
#include <string.h>

#include "app/access/purge.h"
#include "app/access/role.h"
#include "cli/cli.h"
#include "core/text.h"

/* Returns the counts of a plan as a JSON object. */
static json_t *
counts_json(const struct purge_counts *k)
{
	return json_pack("{s:I, s:I, s:I, s:I}", "population_rows", (json_int_t)k->population_rows,
	    "sample_references", (json_int_t)k->members, "notes", (json_int_t)k->notes,
	    "attachments", (json_int_t)k->attachments);
}

/* cairn purge retention [ID] [--days N]: show or set the retention period. */
static int
purge_retention(struct cli *c, int argc, char **argv)
{
	const char *days_text = NULL, *pos[1] = { NULL };
	const struct cli_opt opts[] = {
		{ "days", &days_text, NULL, "N  set the period to N days after first publication" },
		{ NULL, NULL, NULL, NULL },
	};
	long id = 0, days;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 0, 1, "retention [ID] [--days N]",
	         "Show or set how many days after its first publication an inspection's\n"
	         "child-level data is kept (default 730).  Without ID: the default for every\n"
	         "inspection (administrators); with ID: that inspection's own period (its "
	         "lead).")) != 0)
		return rc;
	if (pos[0] != NULL && (rc = cli_id(c, pos[0], &id)) != 0)
		return rc;
	if ((rc = cli_open(c)) != 0 ||
	    (rc = cli_authorise(c, id, id == 0 ? ACTION_MANAGE_ACCOUNTS : ACTION_PUBLISH)) != 0)
		return rc;
	if (days_text != NULL) {
		if (!text_parse_long(days_text, 0, 36500, &days))
			return cairn_errf(&c->err, CAIRN_EUSAGE,
			    "--days '%s' is not a number of days; "
			    "give 0 to 36500",
			    days_text);
		if ((rc = app_retention_set(c->st, cli_actor(c), id, days, &c->err)) != 0)
			return rc;
	}
	if ((rc = app_retention_get(c->st, id, &days, &c->err)) != 0)
		return rc;
	if (c->json)
		cli_print_json(json_pack("{s:I, s:I}", "inspection", (json_int_t)id,
		    "retention_days", (json_int_t)days));
	else if (id == 0)
		printf("child-level data is kept %ld days after first publication (default)\n",
		    days);
	else
		printf("inspection %ld: child-level data is kept %ld days after first "
		       "publication\n",
		    id, days);
	return CAIRN_OK;
}

int
cmd_purge(struct cli *c, int argc, char **argv)
{
	const char *pos[1];
	bool child = false, yes = false;
	const struct cli_opt opts[] = {
		{ "child-level", NULL, &child, "remove the child-level data (required)" },
		{ "yes", NULL, &yes, "really remove it; without --yes only show what would go" },
		{ NULL, NULL, NULL, NULL },
	};
	struct purge_plan plan;
	long id;
	int rc;

	if (argc > 0 && strcmp(argv[0], "retention") == 0)
		return purge_retention(c, argc - 1, argv + 1);
	if ((rc = cli_parse(c, argc, argv, opts, pos, 1, 1, "ID --child-level [--yes]",
	         "Remove a published inspection's child-level data once the retention period\n"
	         "after its first publication has passed: the population's rows, the sample\n"
	         "members' references (replaced by purged-N), notes in readings, resolutions,\n"
	         "reassignments and matters of concern, and evidence attachments.  Grades,\n"
	         "findings, evidence text, aggregates (population size, strata, every reading's\n"
	         "answers, so summaries and agreement still compute) and published reports stay.\n"
	         "Recorded in the audit log.  Without --yes, only shows what would be removed.\n"
	         "Also: cairn purge retention [ID] [--days N].")) != 0)
		return rc;
	if (!child)
		return cairn_errf(&c->err, CAIRN_EUSAGE,
		    "say what to purge: --child-level (the only "
		    "kind of purge)");
	if ((rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = cli_authorise(c, id, ACTION_PUBLISH)) != 0)
		return rc;
	rc = yes ? app_purge(c->st, cli_actor(c), id, &plan, &c->err)
	         : app_purge_plan(c->st, id, &plan, &c->err);
	if (rc != 0)
		return rc;
	if (c->json) {
		cli_print_json(json_pack("{s:I, s:b, s:s, s:I, s:s, s:o, s:I, s:I}", "id",
		    (json_int_t)id, "purged", yes, "published", plan.published, "retention_days",
		    (json_int_t)plan.retention_days, "due", plan.due, "removed",
		    counts_json(&plan.counts), "files_deleted", (json_int_t)plan.files_deleted,
		    "files_not_deleted", (json_int_t)plan.files_failed));
	} else {
		printf("inspection %ld (first published %s, kept %ld days, until %s):\n", id,
		    plan.published, plan.retention_days, plan.due);
		printf("  %s %ld population rows, %ld sample references, %ld notes, %ld "
		       "attachments\n",
		    yes ? "removed" : "would remove", plan.counts.population_rows,
		    plan.counts.members, plan.counts.notes, plan.counts.attachments);
		if (!yes)
			printf("  nothing changed; add --yes to purge\n");
		else if (plan.files_failed > 0)
			printf("  %zu attachment file%s could not be deleted from disk\n",
			    plan.files_failed, plan.files_failed == 1 ? "" : "s");
	}
	return CAIRN_OK;
}
