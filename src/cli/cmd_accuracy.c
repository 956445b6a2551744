/* cairn accuracy draft|list|comment|respond|export: factual accuracy
 * (app/publication/accuracy.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/publication/accuracy.h"
#include "cli/cli.h"
#include "core/buf.h"
#include "core/file.h"
#include "core/mem.h"
#include "core/text.h"

/* Parses the comment number positional argument. */
static int
comment_number(struct cli *c, const char *text, long *number)
{
	if (text_parse_long(text, 1, 1000000, number))
		return CAIRN_OK;
	return cairn_err_field(&c->err, CAIRN_EUSAGE, CAIRN_CODE_INVALID, "comment",
	    "'%s' is not a comment number; the factual accuracy log lists them", text);
}

/* The members of a comment's JSON that name a person by username, each
 * given its "_name" as the API gives it (the CSV log keeps the usernames). */
static const char *const comment_people[] = { "commented_by", "answered_by" };

/* Returns a comment and its answer as JSON. */
static json_t *
comment_json(const struct accuracy_comment *v)
{
	return json_pack("{s:I, s:s, s:I, s:s, s:s, s:s, s:s, s:s, s:s?, s:s?, s:s?, s:s?, s:s?}",
	    "number", (json_int_t)v->number, "section", v->section, "paragraph",
	    (json_int_t)v->paragraph, "passage", v->passage, "comment", v->comment, "commented_by",
	    v->made_by, "commented_at", v->made_at, "response",
	    accuracy_response_table[v->response].code, "before", v->before, "after", v->after,
	    "reason", v->reason, "answered_by", v->responded_by, "answered_at",
	    v->responded_at[0] ? v->responded_at : NULL);
}

static int
fa_draft(struct cli *c, int argc, char **argv)
{
	struct doc doc;
	const char *pos[1];
	long id;
	int rc;

	if ((rc = cli_parse(c, argc, argv, NULL, pos, 1, 1, "ID",
	         "List the draft report's passages with their references (SECTION and\n"
	         "PARAGRAPH), as comments name them.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = app_accuracy_draft(c->st, cli_actor(c), id, &doc, &c->err)) != 0)
		return rc;
	for (size_t s = 0; s < doc.nsections; s++) {
		const struct doc_section *sec = &doc.sections[s];

		printf("== %s: %s\n", sec->id, sec->title);
		for (size_t b = 0; b < sec->nblocks; b++) {
			const struct doc_block *k = &sec->blocks[b];
			const char *text = k->text != NULL                  ? k->text
			    : k->nitems > 0                                 ? k->items[0]
			    : k->table != NULL && k->table->caption != NULL ? k->table->caption
			    : k->chart != NULL                              ? k->chart->title
			                                                    : "";

			printf("%s %zu [%s] %.100s%s\n", sec->id, b + 1, doc_block_name[k->kind],
			    text, strlen(text) > 100 ? "..." : "");
		}
	}
	doc_free(&doc);
	return CAIRN_OK;
}

static int
fa_list(struct cli *c, int argc, char **argv)
{
	struct accuracy_comment *v = NULL;
	const char *pos[1];
	size_t n = 0;
	long id;
	int rc;

	if ((rc = cli_parse(c, argc, argv, NULL, pos, 1, 1, "ID",
	         "List the factual accuracy comments and the team's answers.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = app_accuracy_list(c->st, cli_actor(c), id, &v, &n, &c->err)) != 0)
		return rc;
	if (c->json) {
		json_t *a = json_array();

		for (size_t i = 0; i < n; i++)
			json_array_append_new(a, comment_json(&v[i]));
		cli_name_people_json(c, id, ACTION_VIEW_ACCURACY, a, comment_people,
		    sizeof(comment_people) / sizeof(comment_people[0]));
		cli_print_json(a);
	} else {
		const char **by = xcalloc(n > 0 ? 2 * n : 1, sizeof(*by));
		struct account *people = NULL;
		size_t npeople = 0;
		char who[300], ans[300];

		/* Who commented and who answered, "Name (username)": one read. */
		for (size_t i = 0; i < n; i++) {
			by[2 * i] = v[i].made_by;
			by[2 * i + 1] = v[i].responded_by;
		}
		cli_people_named(c, id, ACTION_VIEW_ACCURACY, by, 2 * n, &people, &npeople);
		for (size_t i = 0; i < n; i++) {
			printf("%ld  %s paragraph %ld, by %s: \"%s\"\n    %s\n    %s", v[i].number,
			    v[i].section, v[i].paragraph,
			    account_named(people, npeople, v[i].made_by, who, sizeof(who)),
			    v[i].passage, v[i].comment,
			    accuracy_response_table[v[i].response].label);
			account_named(people, npeople, v[i].responded_by, ans, sizeof(ans));
			if (v[i].response == ACCURACY_ACCEPTED)
				printf(" by %s: \"%s\" -> \"%s\"", ans, v[i].before, v[i].after);
			else if (v[i].response == ACCURACY_NOT_ACCEPTED)
				printf(" by %s: %s", ans, v[i].reason);
			printf("\n");
		}
		accounts_free(people, npeople);
		free(by);
	}
	accuracy_comments_free(v, n);
	return CAIRN_OK;
}

static int
fa_comment(struct cli *c, int argc, char **argv)
{
	struct accuracy_comment_req req;
	const char *pos[1];
	long id, number = 0;
	int rc;

	memset(&req, 0, sizeof(req));
	{
		const struct cli_opt opts[] = {
			{ "section", &req.section, NULL,
			    "ID  the section of the draft (accuracy draft)" },
			{ "paragraph", &req.paragraph, NULL,
			    "N  the paragraph in that section, from 1" },
			{ "passage", &req.passage, NULL, "TEXT  the passage, quoted exactly" },
			{ "comment", &req.comment, NULL, "TEXT  the comment" },
			{ NULL, NULL, NULL, NULL },
		};

		if ((rc = cli_parse(c, argc, argv, opts, pos, 1, 1,
		         "ID --section ID --paragraph N --passage TEXT --comment TEXT",
		         "Comment on a passage of the draft report (the partnership's "
		         "co-ordinator,\n"
		         "while the inspection is at the factual accuracy stage).")) != 0 ||
		    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
		    (rc = app_accuracy_comment(c->st, cli_actor(c), id, &req, &number, &c->err)) !=
		        0)
			return rc;
	}
	if (c->json)
		cli_print_json(json_pack("{s:I, s:I, s:s}", "inspection", (json_int_t)id, "number",
		    (json_int_t)number, "response", "open"));
	else
		printf("inspection %ld: comment %ld recorded\n", id, number);
	return CAIRN_OK;
}

static int
fa_respond(struct cli *c, int argc, char **argv)
{
	struct accuracy_response_req req;
	const char *pos[2];
	long id, number;
	int rc;

	memset(&req, 0, sizeof(req));
	{
		const struct cli_opt opts[] = {
			{ "response", &req.response, NULL, "ANSWER  accepted or not-accepted" },
			{ "before", &req.before, NULL,
			    "TEXT  accepted: the text before (default: the passage)" },
			{ "after", &req.after, NULL, "TEXT  accepted: the text as changed" },
			{ "reason", &req.reason, NULL, "TEXT  not accepted: why" },
			{ NULL, NULL, NULL, NULL },
		};

		if ((rc = cli_parse(c, argc, argv, opts, pos, 2, 2,
		         "ID NUMBER --response accepted --after TEXT [--before TEXT] | "
		         "--response not-accepted --reason TEXT",
		         "Answer a factual accuracy comment (the lead or depute): accepted with "
		         "the\n"
		         "change, or not accepted with the reason.")) != 0 ||
		    (rc = cli_id(c, pos[0], &id)) != 0 ||
		    (rc = comment_number(c, pos[1], &number)) != 0 || (rc = cli_open(c)) != 0 ||
		    (rc = app_accuracy_respond(c->st, cli_actor(c), id, number, &req, &c->err)) !=
		        0)
			return rc;
	}
	if (c->json)
		cli_print_json(json_pack("{s:I, s:I, s:s}", "inspection", (json_int_t)id, "number",
		    (json_int_t)number, "response", req.response));
	else
		printf("inspection %ld: comment %ld answered (%s)\n", id, number, req.response);
	return CAIRN_OK;
}

static int
fa_export(struct cli *c, int argc, char **argv)
{
	struct buf b = BUF_INIT;
	const char *pos[1], *outpath = NULL;
	const struct cli_opt opts[] = {
		{ "output", &outpath, NULL,
		    "FILE  write the CSV to FILE (default: standard output)" },
		{ NULL, NULL, NULL, NULL },
	};
	long id;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 1, 1, "ID [--output FILE]",
	         "Write the factual accuracy log (comments and answers) as CSV.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = app_accuracy_export(c->st, cli_actor(c), id, &b, &c->err)) != 0) {
		buf_free(&b);
		return rc;
	}
	if (outpath != NULL)
		rc = file_write_atomic(outpath, buf_str(&b), b.len, &c->err);
	else
		fwrite(buf_str(&b), 1, b.len, stdout);
	buf_free(&b);
	return rc;
}

int
cmd_accuracy(struct cli *c, int argc, char **argv)
{
	static const struct cli_command table[] = {
		{ "draft", fa_draft, "the draft's passages and their references" },
		{ "list", fa_list, "the comments and the team's answers" },
		{ "comment", fa_comment, "comment on a passage (the co-ordinator)" },
		{ "respond", fa_respond, "answer a comment (the lead or depute)" },
		{ "export", fa_export, "the log as CSV" },
		{ NULL, NULL, NULL },
	};

	return cli_dispatch(c, "accuracy", table, argc, argv);
}
