/* cairn inspection create|update|list|show, grade, finding, confidence. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/evaluation/dossier.h"
#include "app/setup/inspection.h"
#include "app/setup/team.h"
#include "app/setup/lookup.h"
#include "cli/cli.h"
#include "render/dossier.h"

/* The options shared by create and update. */
#define INSPECTION_OPTS(r)                                                                         \
	{ "partnership", &(r).partnership, NULL, "NAME  community planning partnership" },         \
	    { "title", &(r).title, NULL, "TEXT  report title" },                                   \
	    { "notified", &(r).notified, NULL, "DATE  notification date (YYYY-MM-DD)" },           \
	    { "fieldwork", &(r).fieldwork, NULL, "FROM..TO  fieldwork dates" },                    \
	    { "published", &(r).published, NULL, "DATE  publication date" },                       \
	    { "agencies", &(r).agencies, NULL, "\"A,B,...\"  inspectorates taking part" },         \
	    { "methods", &(r).methods, NULL, "\"A;B;...\"  methods used, for the report" },        \
	{                                                                                          \
		"context", &(r).context, NULL, "TEXT  the partnership's context (Markdown)"        \
	}

static int
insp_create(struct cli *c, int argc, char **argv)
{
	struct inspection_new req = { 0 };
	const struct cli_opt opts[] = {
		INSPECTION_OPTS(req),
		{ "framework", &req.framework, NULL, "CODE  framework (cairn framework list)" },
		{ NULL, NULL, NULL, NULL },
	};
	const char *pos[1];
	long id = 0;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 0, 0,
	         "--partnership NAME --framework CODE [--title T] [--notified DATE] "
	         "[--fieldwork FROM..TO] [--published DATE] [--agencies \"A,B\"]",
	         "Create an inspection and print its id.")) != 0 ||
	    (rc = cli_open(c)) != 0 ||
	    (rc = app_inspection_create(c->st, cli_actor(c), &req, &id, &c->err)) != 0)
		return rc;
	if (c->json)
		cli_print_json(json_pack("{s:I}", "id", (json_int_t)id));
	else
		printf("%ld\n", id);
	return CAIRN_OK;
}

static int
insp_update(struct cli *c, int argc, char **argv)
{
	struct inspection_new req = { 0 };
	const struct cli_opt opts[] = {
		INSPECTION_OPTS(req),
		{ NULL, NULL, NULL, NULL },
	};
	const char *pos[1];
	long id;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 1, 1,
	         "ID [--title T] [--fieldwork FROM..TO] ...",
	         "Change fields of an inspection; options not given are left as they are.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = app_inspection_update(c->st, cli_actor(c), id, &req, &c->err)) != 0)
		return rc;
	if (c->json)
		cli_print_json(json_pack("{s:I}", "id", (json_int_t)id));
	else
		printf("inspection %ld updated\n", id);
	return CAIRN_OK;
}

static int
insp_list(struct cli *c, int argc, char **argv)
{
	struct inspection *v = NULL;
	size_t n = 0;
	const char *pos[1];
	int rc;

	if ((rc = cli_parse(c, argc, argv, NULL, pos, 0, 0, "",
	         "List the inspections (with --as,\n"
	         "only those on whose team the person is).")) != 0 ||
	    (rc = cli_open(c)) != 0 || (rc = app_inspection_list(c->st, &v, &n, &c->err)) != 0)
		return rc;
	if ((rc = app_team_visible(c->st, c->as, v, &n, &c->err)) != 0) {
		inspections_free(v, n);
		return rc;
	}
	if (c->json) {
		json_t *a = json_array();

		for (size_t i = 0; i < n; i++)
			json_array_append_new(a,
			    json_pack("{s:I, s:s, s:s, s:s, s:s?, s:s?}", "id", (json_int_t)v[i].id,
			        "partnership", v[i].partnership, "title", v[i].title, "framework",
			        v[i].framework_code, "fieldwork_from",
			        v[i].fieldwork_from[0] ? v[i].fieldwork_from : NULL, "published",
			        v[i].published[0] ? v[i].published : NULL));
		cli_print_json(a);
	} else {
		printf("%-4s %-14s %-24s %-10s %s\n", "ID", "FRAMEWORK", "PARTNERSHIP", "PUBLISHED",
		    "TITLE");
		for (size_t i = 0; i < n; i++)
			printf("%-4ld %-14s %-24s %-10s %s\n", v[i].id, v[i].framework_code,
			    v[i].partnership, v[i].published[0] ? v[i].published : "-", v[i].title);
	}
	inspections_free(v, n);
	return CAIRN_OK;
}

static int
insp_show(struct cli *c, int argc, char **argv)
{
	struct dossier d;
	const char *pos[1];
	long id;
	int rc;

	if ((rc = cli_parse(c, argc, argv, NULL, pos, 1, 1, "ID",
	         "Show an inspection with its evaluations and findings.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = cli_authorise(c, id, ACTION_VIEW_EVALUATION)) != 0 ||
	    (rc = app_dossier_load(c->st, id, &d, &c->err)) != 0)
		return rc;
	if (c->json) {
		cli_print_json(dossier_json(&d));
	} else {
		const struct inspection *in = &d.in;

		printf("Inspection %ld: %s\n", in->id, in->title);
		printf("Partnership: %s\nFramework:   %s (%s)\n", in->partnership, d.fw.code,
		    d.fw.title);
		if (in->notified[0])
			printf("Notified:    %s\n", in->notified);
		if (in->fieldwork_from[0])
			printf("Fieldwork:   %s to %s\n", in->fieldwork_from, in->fieldwork_to);
		if (in->published[0])
			printf("Published:   %s\n", in->published);
		for (size_t i = 0; i < in->nagencies; i++)
			printf("%s %s\n", i ? "            " : "Agencies:   ", in->agencies[i]);
		printf("\nEvaluations (%zu of %zu evaluated indicators graded):\n", d.nevals,
		    framework_evaluated_count(&d.fw));
		for (size_t i = 0; i < d.fw.nqis; i++) {
			const struct qi *q = &d.fw.qis[i];
			const struct evaluation *e = dossier_grade(&d, q->code);
			const struct scale_level *l =
			    e != NULL ? scale_level_of(&d.fw.scale, e->grade) : NULL;

			if (e == NULL && !q->evaluated)
				continue;
			printf("  %-6s %-70s %s\n", q->code, q->title,
			    l != NULL ? l->label : "(not graded)");
		}
		for (size_t i = 0; i < d.nfindings; i++)
			printf("%s %s\n",
			    d.findings[i].kind == FINDING_STRENGTH ? "  strength:   "
			                                           : "  improvement:",
			    d.findings[i].text);
		if (in->confidence != CONFIDENCE_NONE)
			printf("\nConfidence: %s%s%s\n", confidence_table[in->confidence].label,
			    in->confidence_text ? ". " : "",
			    in->confidence_text ? in->confidence_text : "");
	}
	dossier_free(&d);
	return CAIRN_OK;
}

static int
insp_release(struct cli *c, int argc, char **argv)
{
	const char *quote = NULL, *by = NULL, *url = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ "quote", &quote, NULL, "TEXT  the quote for the news release (\"\" clears)" },
		{ "quote-by", &by, NULL,
		    "\"NAME, ROLE\"  who is quoted, e.g. the inspectorate's chief executive" },
		{ "report-url", &url, NULL, "URL  where the published report will be" },
		{ NULL, NULL, NULL, NULL },
	};
	char *q = NULL, *qb = NULL, *u = NULL;
	long id;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 1, 1,
	         "ID [--quote TEXT --quote-by \"NAME, ROLE\"] [--report-url URL]",
	         "Record the news release's quote, who said it, and the report's address;\n"
	         "with no option, show them.  The release quotes them as typed.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0)
		return rc;
	if ((quote != NULL || by != NULL || url != NULL) &&
	    (rc = app_release_text_set(c->st, cli_actor(c), id, quote, by, url, &c->err)) != 0)
		return rc;
	if ((rc = app_release_text_get(c->st, cli_actor(c), id, &q, &qb, &u, &c->err)) != 0)
		return rc;
	if (c->json)
		cli_print_json(json_pack("{s:I, s:s?, s:s?, s:s?}", "id", (json_int_t)id, "quote",
		    q, "quote_by", qb, "report_url", u));
	else
		printf("inspection %ld: quote %s%s%s%s; report address %s\n", id, q ? "\"" : "none",
		    q ? q : "", q ? "\" - " : "", qb ? qb : "", u ? u : "none");
	free(q);
	free(qb);
	free(u);
	return CAIRN_OK;
}

int
cmd_inspection(struct cli *c, int argc, char **argv)
{
	static const struct cli_command table[] = {
		{ "create", insp_create, "create an inspection and print its id" },
		{ "update", insp_update, "change an inspection's fields" },
		{ "list", insp_list, "list the inspections" },
		{ "show", insp_show, "show an inspection with its evaluations" },
		{ "release", insp_release,
		    "the news release's quote and the report's address: cairn inspection release "
		    "ID" },
		{ NULL, NULL, NULL },
	};

	return cli_dispatch(c, "inspection", table, argc, argv);
}

int
cmd_grade(struct cli *c, int argc, char **argv)
{
	const char *rationale = NULL, *evidence = NULL, *pos[3];
	const struct cli_opt opts[] = {
		{ "rationale", &rationale, NULL, "TEXT  why this grade" },
		{ "evidence", &evidence, NULL, "N,...  evidence the grade rests on (\"\" clears)" },
		{ NULL, NULL, NULL, NULL },
	};
	struct evaluation_view v;
	const struct evidence_counts *bal;
	static const struct evidence_counts none;
	int rc, value = 0;
	long id;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 3, 3,
	         "ID QI GRADE [--rationale TEXT] [--evidence N,...]",
	         "Grade a quality indicator.  GRADE is the level number or its label in any\n"
	         "case: 4, good, \"Very good\".  Grading again replaces the grade (the history\n"
	         "keeps every grade).  --evidence links the evidence the grade rests on; each\n"
	         "must inform the indicator.  A change voids the panel's sign-off.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = app_grade(c->st, cli_actor(c), id, pos[1], pos[2], rationale, evidence, &value,
	         &c->err)) != 0)
		return rc;
	/* Show the grade with the evidence balance for the indicator. */
	if ((rc = app_evaluation_load(c->st, id, pos[1], &v, &c->err)) != 0)
		return rc;
	bal = v.n == 1 ? &v.items[0].total : &none;
	if (c->json) {
		json_t *links = json_array();

		for (size_t i = 0; v.n == 1 && i < v.items[0].nlinks; i++)
			json_array_append_new(links, json_integer(v.items[0].links[i]));
		cli_print_json(json_pack("{s:I, s:s, s:i, s:o, s:{s:i, s:i, s:i, s:i}}",
		    "inspection", (json_int_t)id, "qi", pos[1], "grade", value, "evidence", links,
		    "balance", "strength", bal->strength, "improvement", bal->improvement,
		    "uncertainty", bal->uncertainty, "concern", bal->concern));
	} else {
		printf("inspection %ld: %s graded %d\n", id, pos[1], value);
		printf("evidence balance for %s: %d strength%s, %d area%s for improvement, %d open "
		       "uncertaint%s\n",
		    pos[1], bal->strength, bal->strength == 1 ? "" : "s", bal->improvement,
		    bal->improvement == 1 ? "" : "s", bal->uncertainty,
		    bal->uncertainty == 1 ? "y" : "ies");
	}
	evaluation_view_free(&v);
	return CAIRN_OK;
}

static int
finding_add(struct cli *c, int argc, char **argv)
{
	const char *kind = NULL, *text = NULL, *qis = NULL, *evidence = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ "kind", &kind, NULL, "strength|improvement" },
		{ "text", &text, NULL, "TEXT  the finding" },
		{ "qi", &qis, NULL, "CODE,...  indicators it relates to" },
		{ "evidence", &evidence, NULL, "N,...  numbers of the evidence it rests on" },
		{ NULL, NULL, NULL, NULL },
	};
	long id, fid = 0;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 1, 1,
	         "ID --kind strength|improvement --text TEXT [--qi CODE,...] [--evidence N,...]",
	         "Record a particular strength or an area for improvement.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = app_finding_add_linked(c->st, cli_actor(c), id, kind, text, qis, evidence, &fid,
	         &c->err)) != 0)
		return rc;
	if (c->json)
		cli_print_json(json_pack("{s:I}", "id", (json_int_t)fid));
	else
		printf("%ld\n", fid);
	return CAIRN_OK;
}

static int
finding_edit(struct cli *c, int argc, char **argv)
{
	const char *kind = NULL, *text = NULL, *qis = NULL, *evidence = NULL, *pos[2];
	const struct cli_opt opts[] = {
		{ "kind", &kind, NULL, "strength|improvement" },
		{ "text", &text, NULL, "TEXT  the finding" },
		{ "qi", &qis, NULL, "CODE,...  indicators it relates to (none if left out)" },
		{ "evidence", &evidence, NULL, "N,...  evidence it rests on (none if left out)" },
		{ NULL, NULL, NULL, NULL },
	};
	long id, fid;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 2, 2,
	         "ID FINDING --kind strength|improvement --text TEXT [--qi CODE,...] "
	         "[--evidence N,...]",
	         "Replace a finding's kind, text, indicators and evidence.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_id(c, pos[1], &fid)) != 0 ||
	    (rc = cli_open(c)) != 0 || (rc = cli_authorise(c, id, ACTION_GRADE)) != 0 ||
	    (rc = app_finding_update(c->st, cli_actor(c), id, fid, kind, text, qis, evidence,
	         &c->err)) != 0)
		return rc;
	printf("finding %ld changed\n", fid);
	return CAIRN_OK;
}

static int
finding_remove(struct cli *c, int argc, char **argv)
{
	const char *pos[2];
	const struct cli_opt opts[] = { { NULL, NULL, NULL, NULL } };
	long id, fid;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 2, 2, "ID FINDING", "Remove a finding.")) !=
	        0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_id(c, pos[1], &fid)) != 0 ||
	    (rc = cli_open(c)) != 0 || (rc = cli_authorise(c, id, ACTION_GRADE)) != 0 ||
	    (rc = app_finding_remove(c->st, cli_actor(c), id, fid, &c->err)) != 0)
		return rc;
	printf("finding %ld removed\n", fid);
	return CAIRN_OK;
}

static int
finding_move(struct cli *c, int argc, char **argv)
{
	const char *dir = NULL, *pos[2];
	const struct cli_opt opts[] = {
		{ "direction", &dir, NULL, "up|down  one place among the findings of its kind" },
		{ NULL, NULL, NULL, NULL },
	};
	long id, fid;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 2, 2, "ID FINDING --direction up|down",
	         "Move a finding one place up or down.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_id(c, pos[1], &fid)) != 0 ||
	    (rc = cli_open(c)) != 0 || (rc = cli_authorise(c, id, ACTION_GRADE)) != 0 ||
	    (rc = app_finding_move(c->st, cli_actor(c), id, fid,
	         dir != NULL && strcmp(dir, "up") == 0         ? -1
	             : dir != NULL && strcmp(dir, "down") == 0 ? 1
	                                                       : 0,
	         &c->err)) != 0)
		return rc;
	printf("finding %ld moved %s\n", fid, dir);
	return CAIRN_OK;
}

int
cmd_finding(struct cli *c, int argc, char **argv)
{
	static const struct cli_command table[] = {
		{ "add", finding_add, "record a strength or an area for improvement" },
		{ "edit", finding_edit, "replace a finding's text, indicators and evidence" },
		{ "remove", finding_remove, "remove a finding" },
		{ "move", finding_move, "move a finding up or down among those of its kind" },
		{ NULL, NULL, NULL },
	};

	return cli_dispatch(c, "finding", table, argc, argv);
}

int
cmd_confidence(struct cli *c, int argc, char **argv)
{
	const char *level = NULL, *text = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ "level", &level, NULL,
		    "confident|partially-confident|not-confident|high-confidence" },
		{ "text", &text, NULL, "TEXT  the statement" },
		{ NULL, NULL, NULL, NULL },
	};
	long id;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 1, 1, "ID --level LEVEL [--text TEXT]",
	         "Record the confidence statement.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = app_confidence_set(c->st, cli_actor(c), id, level, text, &c->err)) != 0)
		return rc;
	if (c->json)
		cli_print_json(
		    json_pack("{s:I, s:s}", "inspection", (json_int_t)id, "level", level));
	else
		printf("inspection %ld: confidence recorded\n", id);
	return CAIRN_OK;
}
