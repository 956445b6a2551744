/* cairn survey create|import|summary|list|invited|comments|comment. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/file.h"
#include "app/surveys/survey.h"
#include "cli/cli.h"
#include "core/buf.h"
#include "render/survey_out.h"

static int
survey_create(struct cli *c, int argc, char **argv)
{
	struct survey_new req = { 0 };
	const struct cli_opt opts[] = {
		{ "name", &req.name, NULL, "NAME  unique within the inspection, e.g. staff" },
		{ "kind", &req.kind, NULL, "staff|cyp|parents  who is asked" },
		{ "scale", &req.scale, NULL,
		    "SCALE  agree5, agree4, yesno3, yesno2, frequency5, "
		    "satisfied5" },
		{ "items", &req.items, NULL,
		    "FILE  JSON statements (code, text, qis) and attributes" },
		{ "invited", &req.invited, NULL, "N  number of people invited" },
		{ NULL, NULL, NULL, NULL },
	};
	const char *pos[1];
	long id, sid = 0;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 1, 1,
	         "ID --name NAME --kind staff|cyp|parents --scale SCALE [--items FILE] "
	         "[--invited N]",
	         "Create a survey of an inspection.  Without --items the statements are taken\n"
	         "from the header of the first import.  docs/guide-surveys.md describes the\n"
	         "items file.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = app_survey_create(c->st, cli_actor(c), id, &req, &sid, &c->err)) != 0)
		return rc;
	if (c->json)
		cli_print_json(json_pack("{s:I, s:I, s:s}", "inspection", (json_int_t)id, "id",
		    (json_int_t)sid, "name", req.name));
	else
		printf("inspection %ld: survey '%s' created\n", id, req.name);
	return CAIRN_OK;
}

static int
survey_import(struct cli *c, int argc, char **argv)
{
	struct survey_import_opts o = { 0 };
	struct survey_import_result r;
	const struct cli_opt opts[] = {
		{ "id-column", &o.id_column, NULL,
		    "C  respondent id column (default: id, response id, "
		    "respondent id or respondent)" },
		{ "attribute-columns", &o.attribute_columns, NULL,
		    "A,B  columns to break down by" },
		{ "comment-columns", &o.comment_columns, NULL,
		    "C,D  free-text columns (internal only)" },
		{ "replace", NULL, &o.replace, "replace the responses imported before" },
		{ "allow-column", &o.allow, NULL,
		    "NAME[,NAME]  keep columns that only look like identifiers" },
		{ NULL, NULL, NULL, NULL },
	};
	const char *pos[3];
	long id;
	int rc;

	memset(&r, 0, sizeof(r));
	if ((rc = cli_parse(c, argc, argv, opts, pos, 3, 3,
	         "ID NAME FILE [--id-column C] [--attribute-columns A,B] [--comment-columns C] "
	         "[--replace] [--allow-column NAME[,NAME...]]",
	         "Import responses exported from a survey tool: CSV, one row per respondent,\n"
	         "a header row.  Statement columns are found by code or text; answers match the\n"
	         "scale's labels in any case.  Any error imports nothing (exit 65) and lists\n"
	         "the first 20 errors with line and column.  Attribute columns that look like\n"
	         "personal identifiers, and ids or attribute values that look like a CHI number,\n"
	         "postcode, email address or phone number, are refused unless allowed.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0)
		return rc;
	rc = app_survey_import(c->st, cli_actor(c), id, pos[1], pos[2], &o, &r, &c->err);
	if (rc != CAIRN_OK) {
		if (r.errors.total > 0)
			cli_print_import_errors(c, &r.errors, pos[2]);
		survey_import_result_free(&r);
		return rc;
	}
	if (c->json) {
		json_t *ign = json_array();

		for (size_t i = 0; i < r.nignored; i++)
			json_array_append_new(ign, json_string(r.ignored[i]));
		cli_print_json(json_pack("{s:I, s:s, s:I, s:I, s:I, s:I, s:I, s:o}", "inspection",
		    (json_int_t)id, "survey", pos[1], "respondents", (json_int_t)r.respondents,
		    "answers", (json_int_t)r.answers, "comments", (json_int_t)r.comments,
		    "new_statements", (json_int_t)r.new_statements, "new_attributes",
		    (json_int_t)r.new_attributes, "ignored_columns", ign));
	} else {
		printf("survey '%s': %ld respondents, %ld answers, %ld comments imported\n", pos[1],
		    r.respondents, r.answers, r.comments);
		if (r.new_statements > 0)
			printf("%ld statements taken from the header (no --items were given)\n",
			    r.new_statements);
		for (size_t i = 0; i < r.nignored; i++)
			printf("column ignored: %s\n", r.ignored[i]);
	}
	survey_import_result_free(&r);
	return CAIRN_OK;
}

static int
survey_summary(struct cli *c, int argc, char **argv)
{
	const char *by = NULL, *chart = NULL, *adjust = NULL, *pos[2];
	const struct cli_opt opts[] = {
		{ "by", &by, NULL, "ATTR  break down by an attribute, e.g. agency" },
		{ "chart", &chart, NULL,
		    "FILE  also write an SVG chart of agreement with intervals" },
		{ "adjust", &adjust, NULL,
		    "none|bonferroni  adjust the differences for the number of comparisons "
		    "(default none)" },
		{ NULL, NULL, NULL, NULL },
	};
	struct survey_report rep;
	struct survey_view v;
	long id;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 2, 2,
	         "ID NAME [--by ATTR] [--chart FILE] [--adjust none|bonferroni]",
	         "Summarise a survey: for each statement the responses, the distribution, the\n"
	         "share agreeing (\"don't know\" left out and counted apart) with its 95% Wilson\n"
	         "interval; groups below the disclosure threshold are suppressed, and no share\n"
	         "is given where it would reveal a small number agreeing or not.  Two groups\n"
	         "differ where Newcombe's interval for the difference of their shares (1998,\n"
	         "method 10) leaves out 0; --adjust bonferroni widens every interval for the\n"
	         "number of comparisons made.")) != 0)
		return rc;
	if (adjust != NULL && strcmp(adjust, "none") != 0 && strcmp(adjust, "bonferroni") != 0)
		return cairn_errf(&c->err, CAIRN_EUSAGE,
		    "unknown adjustment '%s'; valid: none, bonferroni (--adjust)", adjust);
	if ((rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = cli_authorise(c, id, ACTION_VIEW_AGGREGATES)) != 0 ||
	    (rc = app_survey_summary(c->st, id, pos[1], by, &rep, &c->err)) != 0)
		return rc;
	v = (struct survey_view){ &rep.sv, &rep.sum, rep.by >= 0 ? rep.sv.attributes[rep.by] : NULL,
		rep.groups, adjust != NULL && strcmp(adjust, "bonferroni") == 0 };
	if (chart != NULL) {
		struct buf b = BUF_INIT;

		survey_out_svg(&v, &b);
		rc = buf_failed(&b) ? cairn_errf(&c->err, CAIRN_ESOFTWARE, "the chart is too large")
		                    : file_write_atomic(chart, buf_str(&b), b.len, &c->err);
		buf_free(&b);
	}
	if (rc == CAIRN_OK) {
		if (c->json) {
			cli_print_json(survey_out_json(&v));
		} else {
			struct buf b = BUF_INIT;

			survey_out_text(&v, &b);
			fputs(buf_str(&b), stdout);
			buf_free(&b);
		}
	}
	survey_report_free(&rep);
	return rc;
}

static int
survey_list(struct cli *c, int argc, char **argv)
{
	struct survey *v = NULL;
	const char *pos[1];
	size_t n = 0;
	long id;
	int rc;

	if ((rc = cli_parse(c, argc, argv, NULL, pos, 1, 1, "ID",
	         "List an inspection's surveys.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = cli_authorise(c, id, ACTION_VIEW_INSPECTION)) != 0 ||
	    (rc = app_survey_list(c->st, id, &v, &n, &c->err)) != 0)
		return rc;
	if (c->json) {
		json_t *a = json_array();

		for (size_t i = 0; i < n; i++) {
			json_t *st = json_array(), *at = json_array();

			for (size_t s = 0; s < v[i].nstatements; s++) {
				json_t *q = json_array();

				for (size_t k = 0; k < v[i].statements[s].nqis; k++)
					json_array_append_new(q,
					    json_string(v[i].statements[s].qis[k]));
				json_array_append_new(st,
				    json_pack("{s:s, s:s, s:o}", "code", v[i].statements[s].code,
				        "text", v[i].statements[s].text, "qis", q));
			}
			for (size_t k = 0; k < v[i].nattributes; k++)
				json_array_append_new(at, json_string(v[i].attributes[k]));
			json_array_append_new(a,
			    json_pack("{s:s, s:s, s:s, s:o, s:I, s:I, s:o, s:o}", "name", v[i].name,
			        "kind", survey_kind_table[v[i].kind].code, "scale", v[i].scale.code,
			        "invited",
			        v[i].invited > 0 ? json_integer(v[i].invited) : json_null(),
			        "respondents", (json_int_t)v[i].nrespondents, "comments",
			        (json_int_t)v[i].ncomments, "statements", st, "attributes", at));
		}
		cli_print_json(a);
	} else {
		printf("%-16s %-8s %-11s %10s %8s %10s %s\n", "NAME", "KIND", "SCALE", "STATEMENTS",
		    "INVITED", "RESPONSES", "ATTRIBUTES");
		for (size_t i = 0; i < n; i++) {
			char inv[32] = "-";

			if (v[i].invited > 0)
				snprintf(inv, sizeof(inv), "%ld", v[i].invited);
			printf("%-16s %-8s %-11s %10zu %8s %10ld ", v[i].name,
			    survey_kind_table[v[i].kind].code, v[i].scale.code, v[i].nstatements,
			    inv, v[i].nrespondents);
			for (size_t k = 0; k < v[i].nattributes; k++)
				printf("%s%s", k ? "," : "", v[i].attributes[k]);
			printf("%s\n", v[i].nattributes ? "" : "-");
		}
	}
	surveys_free(v, n);
	return CAIRN_OK;
}

static int
survey_invited(struct cli *c, int argc, char **argv)
{
	const char *pos[3];
	long id;
	int rc;

	if ((rc = cli_parse(c, argc, argv, NULL, pos, 3, 3, "ID NAME N",
	         "Record how many people were invited, for the response rate.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = app_survey_set_invited(c->st, cli_actor(c), id, pos[1], pos[2], &c->err)) != 0)
		return rc;
	if (c->json)
		cli_print_json(json_pack("{s:I, s:s, s:s}", "inspection", (json_int_t)id, "survey",
		    pos[1], "invited", pos[2]));
	else
		printf("survey '%s': %s invited\n", pos[1], pos[2]);
	return CAIRN_OK;
}

static int
survey_comments(struct cli *c, int argc, char **argv)
{
	struct survey_comment *v = NULL;
	const char *pos[2];
	size_t n = 0;
	long id;
	int rc;

	if ((rc = cli_parse(c, argc, argv, NULL, pos, 2, 2, "ID NAME",
	         "List a survey's free-text comments with their tags.  Comments are internal:\n"
	         "they are never published, and each listing is recorded in the audit log.")) !=
	        0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = cli_authorise(c, id, ACTION_VIEW_EVIDENCE)) != 0 ||
	    (rc = app_survey_comments(c->st, cli_actor(c), id, pos[1], &v, &n, &c->err)) != 0)
		return rc;
	if (c->json) {
		json_t *a = json_array();

		for (size_t i = 0; i < n; i++) {
			json_t *q = json_array();

			for (size_t k = 0; k < v[i].nqis; k++)
				json_array_append_new(q, json_string(v[i].qis[k]));
			json_array_append_new(a,
			    json_pack("{s:I, s:s, s:s, s:s, s:s?, s:o, s:o}", "number",
			        (json_int_t)v[i].number, "respondent", v[i].respondent, "question",
			        v[i].question, "text", v[i].text, "evidence",
			        v[i].kind >= 0 ? finding_kind_code[v[i].kind] : NULL, "qis", q,
			        "evidence_number",
			        v[i].evidence > 0 ? json_integer(v[i].evidence) : json_null()));
		}
		cli_print_json(a);
	} else {
		for (size_t i = 0; i < n; i++) {
			printf("%ld. [%s] %s\n", v[i].number, v[i].question, v[i].text);
			if (v[i].kind >= 0 || v[i].nqis > 0) {
				printf("    tagged: %s",
				    v[i].kind >= 0 ? finding_kind_code[v[i].kind] : "-");
				for (size_t k = 0; k < v[i].nqis; k++)
					printf("%s%s", k ? ", " : "; QI ", v[i].qis[k]);
				if (v[i].evidence > 0)
					printf("; evidence %ld", v[i].evidence);
				printf("\n");
			}
		}
	}
	survey_comments_free(v, n);
	return CAIRN_OK;
}

static int
survey_comment(struct cli *c, int argc, char **argv)
{
	const char *qis = NULL, *kind = NULL, *pos[3];
	const struct cli_opt opts[] = {
		{ "qi", &qis, NULL, "CODE,...  indicators the comment is evidence for" },
		{ "as-evidence", &kind, NULL, "strength|improvement" },
		{ NULL, NULL, NULL, NULL },
	};
	long id, ev = 0;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 3, 3,
	         "ID NAME N [--qi CODE,...] [--as-evidence strength|improvement]",
	         "Tag comment N of a survey to indicators and as a strength or an area for\n"
	         "improvement.  Tagging again replaces what is given.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = cli_authorise(c, id, ACTION_ADD_EVIDENCE)) != 0 ||
	    (rc = app_survey_comment_tag(c->st, cli_actor(c), id, pos[1], pos[2], qis, kind, &ev,
	         &c->err)) != 0)
		return rc;
	if (c->json)
		cli_print_json(json_pack("{s:I, s:s, s:s, s:s?, s:o}", "inspection", (json_int_t)id,
		    "survey", pos[1], "comment", pos[2], "qis", qis, "evidence_number",
		    ev > 0 ? json_integer(ev) : json_null()));
	else if (ev > 0)
		printf("survey '%s': comment %s tagged; it is evidence %ld in the evidence log\n",
		    pos[1], pos[2], ev);
	else
		printf("survey '%s': comment %s tagged\n", pos[1], pos[2]);
	return CAIRN_OK;
}

int
cmd_survey(struct cli *c, int argc, char **argv)
{
	static const struct cli_command table[] = {
		{ "create", survey_create, "create a survey (kind, scale, statements)" },
		{ "import", survey_import, "import responses from a CSV export" },
		{ "summary", survey_summary,
		    "summarise with intervals, by attribute, with a chart" },
		{ "list", survey_list, "list an inspection's surveys" },
		{ "invited", survey_invited, "record the number invited" },
		{ "comments", survey_comments, "list the free-text comments (internal)" },
		{ "comment", survey_comment,
		    "tag a comment to indicators, strength or improvement" },
		{ NULL, NULL, NULL },
	};

	return cli_dispatch(c, "survey", table, argc, argv);
}
