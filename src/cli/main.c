/*
 * cairn: the command-line front end.  Finds the command group, runs it,
 * and turns the result into an exit status (sysexits.h) and, on failure,
 * one line on standard error.
 */
#include <gsl/gsl_errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/access/db.h"
#include "cairn_config.h"
#include "cli/cli.h"
#include "core/buf.h"

/* Every command group, in the order "cairn --help" lists them. */
static const struct cli_command commands[] = {
	{ "init", cmd_init, "create or upgrade the database and load the shipped frameworks" },
	{ "framework", cmd_framework, "list, show or import quality indicator frameworks" },
	{ "model", cmd_model,
	    "list, validate or import model packs (one per inspection programme)" },
	{ "inspection", cmd_inspection, "create, update, list and show inspections" },
	{ "grade", cmd_grade, "grade a quality indicator: cairn grade ID QI GRADE" },
	{ "finding", cmd_finding, "record a strength or an area for improvement" },
	{ "confidence", cmd_confidence, "record the confidence statement" },
	{ "release", cmd_release, "write the news release from the stored grades" },
	{ "report", cmd_report, "write the inspection report (pdf, html, md, json, xlsx, csv)" },
	{ "publish", cmd_publish, "check and publish the report: freeze its files, or supersede" },
	{ "publication", cmd_publication, "published versions and publication settings" },
	{ "audit", cmd_audit, "verify or list the audit log" },
	{ "team", cmd_team, "add, list and remove the people on an inspection's team" },
	{ "action", cmd_action, "the joint action plan: add, update, list, agree" },
	{ "review", cmd_review, "progress reviews: judgements, re-evaluations, report, history" },
	{ "overview", cmd_overview,
	    "the national picture: grades by indicator, year and inspection" },
	{ "history", cmd_history, "import and list published results of earlier inspections" },
	{ "population", cmd_population,
	    "import the population (sampling frame) for records reading" },
	{ "stage", cmd_stage, "show an inspection's stage or move it: cairn stage ID move STAGE" },
	{ "fieldwork", cmd_fieldwork, "the fieldwork plan: add, list, show, record, cancel" },
	{ "accuracy", cmd_accuracy, "factual accuracy: draft, list, comment, respond, export" },
	{ "embargo", cmd_embargo, "the embargo and the media pack: set, show, media-pack" },
	{ "partnership", cmd_partnership,
	    "the partnership: co-ordinators, notification, return, position statement" },
	{ "timeline", cmd_timeline, "the week plan from notification: due, done, overdue" },
	{ "sample", cmd_sample, "draw, list and replace the records sample" },
	{ "outcomes", cmd_outcomes,
	    "import outcome indicators by deprivation group; outcome gaps" },
	{ "stats", cmd_stats,
	    "statistics: SII/RII, rates, kappa, Fleiss, alpha, agreement, proportions" },
	{ "context", cmd_context, "a council area's context from the shipped open data" },
	{ "reader", cmd_reader, "add readers of records, pair them and assign records" },
	{ "template", cmd_template, "list, show, import and choose reading templates" },
	{ "evidence", cmd_evidence,
	    "the evidence log: add, list, update, show, open uncertainties" },
	{ "reading", cmd_reading, "record, submit, compare, resolve and summarise readings" },
	{ "concern", cmd_concern,
	    "matters of concern: raise, decide, pass, respond, close, list, show" },
	{ "agreement", cmd_agreement, "agreement between double readings (kappa, alpha)" },
	{ "evaluation", cmd_evaluation, "show evaluations with evidence, balance and history" },
	{ "survey", cmd_survey, "staff, children and young people, parents and carers surveys" },
	{ "panel", cmd_panel, "the Quality and Consistency Panel: review grades, sign off" },
	{ "benchmark", cmd_benchmark, "each grade beside the same indicator's grades elsewhere" },
	{ "user", cmd_user, "add, change, disable and list web accounts; API tokens" },
	{ "serve", cmd_serve, "run the web application (cairn serve --listen 127.0.0.1:8080)" },
	{ "purge", cmd_purge, "remove a published inspection's child-level data after retention" },
	{ "backup", cmd_backup, "back up the database and its evidence files with a manifest" },
	{ "restore", cmd_restore,
	    "restore a backup (checked against its manifest) into a new database" },
	{ "demo", cmd_demo, "build a fictional demo inspection and write its outputs" },
	{ NULL, NULL, NULL },
};

static void
usage(FILE *f)
{
	fprintf(f, "Usage: cairn [--db FILE] COMMAND [ARGS...] [--json]\n\nCommands:\n");
	for (const struct cli_command *t = commands; t->name != NULL; t++)
		fprintf(f, "  %-12s %s\n", t->name, t->summary);
	fprintf(f, "\n'cairn COMMAND --help' describes each command.\n");
}

int
main(int argc, char **argv)
{
	static struct cli c; /* outlives main: stdout's escaping reads c.json at exit */
	int i = 1, rc = CAIRN_EUSAGE;
	char prog[64];

	/* GSL's default handler prints and aborts; Cairn checks every status
	 * (and NaN result) itself, in the CLI and the web server alike. */
	gsl_set_error_handler_off();
	memset(&c, 0, sizeof(c));
	cli_term_install(&c);
	c.db_path = getenv("CAIRN_DB");
	if (c.db_path == NULL || c.db_path[0] == '\0')
		c.db_path = "cairn.db";
	/* Global options before the command. */
	while (i < argc && strncmp(argv[i], "--", 2) == 0) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
			c.db_path = argv[i + 1];
			i += 2;
		} else if (strcmp(argv[i], "--json") == 0) {
			c.json = true;
			i++;
		} else if (strcmp(argv[i], "--version") == 0) {
			printf("cairn %s\n", CAIRN_VERSION);
			return 0;
		} else if (strcmp(argv[i], "--help") == 0) {
			usage(stdout);
			return 0;
		} else {
			fprintf(stderr,
			    "cairn: unknown option '%s'; valid before a command: --db FILE, "
			    "--json, --version, --help\n",
			    argv[i]);
			return CAIRN_EUSAGE;
		}
	}
	if (i >= argc) {
		usage(stderr);
		return CAIRN_EUSAGE;
	}
	for (const struct cli_command *t = commands; t->name != NULL; t++) {
		if (strcmp(t->name, argv[i]) == 0) {
			snprintf(prog, sizeof(prog), "cairn %s", t->name);
			c.prog = prog;
			rc = t->fn(&c, argc - i - 1, argv + i + 1);
			goto out;
		}
	}
	if (strcmp(argv[i], "help") == 0) {
		usage(stdout);
		return 0;
	}
	fprintf(stderr, "cairn: unknown command '%s'; 'cairn --help' lists them\n", argv[i]);
	return CAIRN_EUSAGE;
out:
	app_db_close(c.st);
	if (rc < 0)
		return 0; /* --help was printed */
	if (rc != CAIRN_OK) {
		const char *flag = c.err.rc ? cli_err_flag(&c) : NULL;
		const char *msg = c.err.rc ? c.err.msg : cairn_rc_str(rc);
		struct buf shown = BUF_INIT;

		/* the message may quote what was typed: shown safe for a terminal */
		cli_term_escape(&shown, msg, strlen(msg), false);
		fprintf(stderr, "%s: %s%s%s%s\n", c.prog, buf_str(&shown), flag ? " (--" : "",
		    flag ? flag : "", flag ? ")" : "");
		buf_free(&shown);
		return c.err.rc ? c.err.rc : rc;
	}
	return 0;
}
