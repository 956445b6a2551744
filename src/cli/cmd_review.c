/* cairn review create|progress|grade|decide|report|history|list. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/file.h"
#include "app/followup/review.h"
#include "app/access/role.h"
#include "cli/cli.h"
#include "core/text.h"

/* Parses a review number. */
static int
parse_seq(struct cli *c, const char *text, int *seq)
{
	long v;

	if (!text_parse_long(text, 1, 1000, &v))
		return cairn_errf(&c->err, CAIRN_EUSAGE, "'%s' is not a review number (1, 2, ...)",
		    text);
	*seq = (int)v;
	return CAIRN_OK;
}

static int
review_create(struct cli *c, int argc, char **argv)
{
	const char *date = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ "date", &date, NULL, "DATE  date of the review (YYYY-MM-DD)" },
		{ NULL, NULL, NULL, NULL },
	};
	long id;
	int rc, seq = 0;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 1, 1, "ID --date DATE",
	         "Start the next progress review of an inspection; prints its number.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = app_review_create(c->st, cli_actor(c), id, date, &seq, &c->err)) != 0)
		return rc;
	if (c->json)
		cli_print_json(
		    json_pack("{s:I, s:i}", "inspection", (json_int_t)id, "review", seq));
	else
		printf("%d\n", seq);
	return CAIRN_OK;
}

static int
review_progress(struct cli *c, int argc, char **argv)
{
	const char *finding = NULL, *judgement = NULL, *text = NULL, *evidence = NULL, *pos[2];
	const struct cli_opt opts[] = {
		{ "improvement", &finding, NULL,
		    "N  the area for improvement's number (1, 2, 3 in findings order, as the "
		    "action plan numbers them)" },
		{ "judgement", &judgement, NULL, "significant|some|limited|none" },
		{ "text", &text, NULL, "TEXT  what inspectors found" },
		{ "evidence", &evidence, NULL, "TEXT  what the judgement rests on" },
		{ NULL, NULL, NULL, NULL },
	};
	long id, area = 0;
	int rc, seq = 0;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 2, 2,
	         "ID N --improvement K --judgement significant|some|limited|none --text TEXT "
	         "[--evidence TEXT]",
	         "Record the progress judged at review N on one area for improvement, K being\n"
	         "its number within the inspection (1, 2, 3 in findings order, as the action\n"
	         "plan and the report number them).")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = parse_seq(c, pos[1], &seq)) != 0 ||
	    (rc = cli_open(c)) != 0 ||
	    (rc = app_review_progress(c->st, cli_actor(c), id, seq, finding, judgement, text,
	         evidence, &c->err)) != 0)
		return rc;
	(void)text_parse_long(finding, 1, 2000000000L, &area); /* app/ accepted it */
	if (c->json)
		cli_print_json(json_pack("{s:I, s:i, s:I, s:s}", "inspection", (json_int_t)id,
		    "review", seq, "improvement", (json_int_t)area, "judgement", judgement));
	else
		printf("review %d: progress on area for improvement %ld recorded (%s)\n", seq, area,
		    judgement);
	return CAIRN_OK;
}

static int
review_grade(struct cli *c, int argc, char **argv)
{
	const char *rationale = NULL, *pos[4];
	const struct cli_opt opts[] = {
		{ "rationale", &rationale, NULL, "TEXT  why this grade" },
		{ NULL, NULL, NULL, NULL },
	};
	long id;
	int rc, seq = 0, value = 0;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 4, 4, "ID N QI GRADE [--rationale TEXT]",
	         "Re-evaluate a quality indicator at review N, on the framework's scale (level\n"
	         "number or label, as for 'cairn grade').  The original grade is kept.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = parse_seq(c, pos[1], &seq)) != 0 ||
	    (rc = cli_open(c)) != 0 ||
	    (rc = app_review_grade(c->st, cli_actor(c), id, seq, pos[2], pos[3], rationale, &value,
	         &c->err)) != 0)
		return rc;
	if (c->json)
		cli_print_json(json_pack("{s:I, s:i, s:s, s:i}", "inspection", (json_int_t)id,
		    "review", seq, "qi", pos[2], "grade", value));
	else
		printf("review %d: %s re-evaluated %d\n", seq, pos[2], value);
	return CAIRN_OK;
}

static int
review_decide(struct cli *c, int argc, char **argv)
{
	const char *further = NULL, *text = NULL, *pos[2];
	const struct cli_opt opts[] = {
		{ "further", &further, NULL,
		    "needed|not-needed  whether a further review is needed" },
		{ "text", &text, NULL, "TEXT  the reasons" },
		{ NULL, NULL, NULL, NULL },
	};
	long id;
	int rc, seq = 0;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 2, 2,
	         "ID N --further needed|not-needed "
	         "[--text TEXT]",
	         "Decide review N: whether a further review is needed.  Needs a progress\n"
	         "judgement on every area for improvement; the review is then closed.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = parse_seq(c, pos[1], &seq)) != 0 ||
	    (rc = cli_open(c)) != 0 ||
	    (rc = app_review_decide(c->st, cli_actor(c), id, seq, further, text, &c->err)) != 0)
		return rc;
	if (c->json)
		cli_print_json(json_pack("{s:I, s:i, s:s}", "inspection", (json_int_t)id, "review",
		    seq, "further", further));
	else
		printf("review %d decided: further review %s\n", seq, further);
	return CAIRN_OK;
}

static int
review_report(struct cli *c, int argc, char **argv)
{
	const char *format = NULL, *outpath = NULL, *pos[2];
	const struct cli_opt opts[] = {
		{ "format", &format, NULL, "pdf|html|md|json  output format (required)" },
		{ "out", &outpath, NULL,
		    "FILE  write to FILE (default: standard output; pdf needs it)" },
		{ NULL, NULL, NULL, NULL },
	};
	struct buf b = BUF_INIT;
	long id;
	int rc, seq = 0, fmt;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 2, 2,
	         "ID N --format pdf|html|md|json [--out FILE]",
	         "Write the report of progress review N.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = parse_seq(c, pos[1], &seq)) != 0)
		return rc;
	if ((fmt = review_format_parse(format)) < 0)
		return cairn_errf(&c->err, CAIRN_EUSAGE, "%s%s%s; valid: pdf, html, md, json",
		    format ? "unknown format '" : "--format is required", format ? format : "",
		    format ? "'" : "");
	if (fmt == REVIEW_PDF && outpath == NULL)
		return cairn_errf(&c->err, CAIRN_EUSAGE, "--out FILE is required for --format pdf");
	if ((rc = cli_open(c)) != 0 || (rc = cli_authorise(c, id, ACTION_VIEW_EVALUATION)) != 0)
		return rc;
	rc = app_review_report(c->st, id, seq, (enum review_format)fmt, &b, &c->err);
	if (rc == CAIRN_OK && outpath != NULL)
		rc = file_write_atomic(outpath, buf_str(&b), b.len, &c->err);
	else if (rc == CAIRN_OK)
		fwrite(buf_str(&b), 1, b.len, stdout);
	buf_free(&b);
	return rc;
}

static int
review_history(struct cli *c, int argc, char **argv)
{
	const char *pos[1];
	struct followup f;
	json_t *h;
	long id;
	int rc;

	if ((rc = cli_parse(c, argc, argv, NULL, pos, 1, 1, "ID",
	         "Show the inspection's original grades and every review's re-evaluations and\n"
	         "progress judgements side by side, with their dates.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = cli_authorise(c, id, ACTION_VIEW_EVALUATION)) != 0 ||
	    (rc = app_followup_load(c->st, id, &f, &c->err)) != 0)
		return rc;
	if (c->json) {
		cli_print_json(followup_history_json(&f));
		followup_free(&f);
		return CAIRN_OK;
	}
	h = followup_history_json(&f);
	printf("Inspection %ld: %s, published %s\n\n", id, f.d.in.partnership,
	    f.d.in.published[0] ? f.d.in.published : "(not recorded)");
	printf("%-6s %-16s", "QI", "ORIGINAL");
	for (size_t r = 0; r < f.nreviews; r++) {
		char head[48];

		snprintf(head, sizeof(head), "REVIEW %d %s", f.reviews[r].seq, f.reviews[r].date);
		printf(" %-22s", head);
	}
	printf(" %s\n", "NOW");
	for (size_t i = 0; i < json_array_size(json_object_get(h, "indicators")); i++) {
		json_t *q = json_array_get(json_object_get(h, "indicators"), i);
		json_t *orig = json_object_get(q, "original");
		json_t *re = json_object_get(q, "re_evaluations");
		const struct scale_level *now = scale_level_of(&f.d.fw.scale,
		    (int)json_integer_value(json_object_get(q, "current")));

		printf("%-6s %-16s", json_string_value(json_object_get(q, "qi")),
		    json_is_object(orig) ? json_string_value(json_object_get(orig, "label")) : "-");
		for (size_t r = 0; r < f.nreviews; r++) {
			const char *cell = "-";

			for (size_t k = 0; k < json_array_size(re); k++) {
				json_t *e = json_array_get(re, k);

				if (json_integer_value(json_object_get(e, "review")) ==
				    f.reviews[r].seq)
					cell = json_string_value(json_object_get(e, "label"));
			}
			printf(" %-22s", cell);
		}
		printf(" %s\n", now != NULL ? now->label : "-");
	}
	for (size_t r = 0; r < f.nreviews; r++) {
		printf("\nReview %d (%s): %s\n", f.reviews[r].seq, f.reviews[r].date,
		    f.reviews[r].further == FURTHER_NEEDED           ? "further review needed"
		        : f.reviews[r].further == FURTHER_NOT_NEEDED ? "no further review needed"
		                                                     : "not yet decided");
		for (size_t k = 0; k < f.nprogress[r]; k++) {
			int j = progress_parse(f.progress[r][k].judgement);

			printf("  area for improvement %ld: %s\n",
			    followup_area_number(&f, f.progress[r][k].finding),
			    j >= 0 ? progress_table[j].label : f.progress[r][k].judgement);
		}
	}
	json_decref(h);
	followup_free(&f);
	return CAIRN_OK;
}

int
cmd_review(struct cli *c, int argc, char **argv)
{
	static const struct cli_command table[] = {
		{ "create", review_create, "start the next progress review: ID --date DATE" },
		{ "progress", review_progress, "judge progress on an area for improvement" },
		{ "grade", review_grade, "re-evaluate a quality indicator at a review" },
		{ "decide", review_decide, "decide whether a further review is needed" },
		{ "report", review_report, "write a review's report (pdf, html, md, json)" },
		{ "history", review_history, "original grades and re-evaluations side by side" },
		{ NULL, NULL, NULL },
	};

	return cli_dispatch(c, "review", table, argc, argv);
}
