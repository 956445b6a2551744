/*
 * Shared by the command-line front end: option parsing, opening the
 * database, and printing results and errors.  Commands are thin: they
 * parse arguments into app/ calls and print what comes back.
 */
#ifndef CAIRN_CLI_CLI_H
#define CAIRN_CLI_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "app/access/audit.h"
#include "app/access/role.h"
#include "core/account.h"
#include "core/err.h"
#include "core/database.h"
#include "core/model.h"

/* State for one invocation. */
struct cli {
	const char *db_path;  /* --db, $CAIRN_DB or "./cairn.db" */
	bool json;            /* --json: machine-readable output */
	const char *as;       /* --as PERSON: who the command acts for (or NULL) */
	const char *prog;     /* command name for messages, e.g. "cairn grade" */
	struct store *st;     /* open database, or NULL; closed by main */
	struct cairn_err err; /* the error to report, if any */
	char optnames[1024];  /* ",name,...," of the options last parsed, for cli_err_flag */
	struct actor actor;   /* filled by cli_actor() */
};

/* Returns who the command acts for (--as PERSON or the local
 * administrator), for app/ calls and the audit log. */
const struct actor *cli_actor(struct cli *c);

/* One option of a command.  Exactly one of value and flag is set. */
struct cli_opt {
	const char *name;   /* long name without "--" */
	const char **value; /* receives the argument, for options taking one */
	bool *flag;         /* set true, for options without an argument */
	const char *help;   /* one line for --help, e.g. "FILE  write to FILE" */
};

/*
 * Parses argv (after the command words) against opts (ending with a NULL
 * name) plus the common --json, --db and --help.  Positional arguments go
 * to pos (at most maxpos, at least minpos).  Returns CAIRN_OK; CAIRN_EUSAGE
 * with c->err set on a bad option; or -1 after printing help for --help.
 * usage is the synopsis line, e.g. "ID QI GRADE [--rationale TEXT]".
 */
int cli_parse(struct cli *c, int argc, char **argv, const struct cli_opt *opts, const char **pos,
    size_t minpos, size_t maxpos, const char *usage, const char *about);

/*
 * Returns the flag (without "--") that sets the input c->err names, among the
 * options the command parsed: the field's own name, or the one a table maps
 * it to ("min-per" is --min-per-stratum); NULL when there is none.
 */
const char *cli_err_flag(const struct cli *c);

/*
 * Terminal safety.  Text Cairn prints may hold what people typed (evidence,
 * names, file names, refs); printed raw, ESC ] 0 ; ... BEL retitles the
 * terminal and ESC [ 2 J clears it, and U+202E turns a name around.
 * cli_term_escape appends s to out with every control character shown:
 * C0 controls other than TAB and LF (and CR before LF), and DEL, as \xHH;
 * C1 controls (U+0080 to U+009F) and the bidirectional controls (U+061C,
 * U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069) as <U+XXXX>; with
 * json set, all of these as \uXXXX (they only occur inside JSON strings,
 * where that is the same text).
 */
struct buf;
void cli_term_escape(struct buf *out, const char *s, size_t n, bool json);
/* Routes stdout through cli_term_escape (json following c->json), so that
 * every command's output is safe on a terminal.  Called once by main. */
void cli_term_install(struct cli *c);

/* Opens c->db_path (an existing database) into c->st. */
int cli_open(struct cli *c) __attribute__((warn_unused_result));

/* Prints a JSON value to stdout (indented, keys in insertion order) and
 * drops the reference. */
void cli_print_json(json_t *v);

/* Parses an inspection id positional argument. */
int cli_id(struct cli *c, const char *text, long *id) __attribute__((warn_unused_result));

/* A command group: "cairn NAME ..." runs fn. */
struct cli_command {
	const char *name;                                /* e.g. "inspection" */
	int (*fn)(struct cli *c, int argc, char **argv); /* returns an exit status */
	const char *summary;                             /* one line for "cairn --help" */
};

/* Command functions, one per group (cmd_*.c). */
int cmd_init(struct cli *c, int argc, char **argv);
int cmd_demo(struct cli *c, int argc, char **argv);
int cmd_framework(struct cli *c, int argc, char **argv);
int cmd_model(struct cli *c, int argc, char **argv);
int cmd_inspection(struct cli *c, int argc, char **argv);
int cmd_grade(struct cli *c, int argc, char **argv);
int cmd_finding(struct cli *c, int argc, char **argv);
int cmd_confidence(struct cli *c, int argc, char **argv);
int cmd_release(struct cli *c, int argc, char **argv);
int cmd_report(struct cli *c, int argc, char **argv);
int cmd_publish(struct cli *c, int argc, char **argv);
int cmd_publication(struct cli *c, int argc, char **argv);
int cmd_audit(struct cli *c, int argc, char **argv);
int cmd_team(struct cli *c, int argc, char **argv);
int cmd_history(struct cli *c, int argc, char **argv);
int cmd_population(struct cli *c, int argc, char **argv);
int cmd_survey(struct cli *c, int argc, char **argv);
int cmd_sample(struct cli *c, int argc, char **argv);
int cmd_reader(struct cli *c, int argc, char **argv);
int cmd_template(struct cli *c, int argc, char **argv);
int cmd_reading(struct cli *c, int argc, char **argv);
int cmd_concern(struct cli *c, int argc, char **argv);
int cmd_agreement(struct cli *c, int argc, char **argv);

struct csv_errors;
/* Prints the collected errors of a failed import (cmd_population.c): to
 * stderr as "FILE: line L, column C: message" lines, or as JSON
 * {"file","total","errors":[{"line","column","message"}]} on stdout with --json. */
void cli_print_import_errors(struct cli *c, const struct csv_errors *errs, const char *file);
int cmd_stage(struct cli *c, int argc, char **argv);
int cmd_fieldwork(struct cli *c, int argc, char **argv);
int cmd_accuracy(struct cli *c, int argc, char **argv);
int cmd_embargo(struct cli *c, int argc, char **argv);
int cmd_partnership(struct cli *c, int argc, char **argv);
int cmd_timeline(struct cli *c, int argc, char **argv);
int cmd_action(struct cli *c, int argc, char **argv);
int cmd_stats(struct cli *c, int argc, char **argv);
int cmd_outcomes(struct cli *c, int argc, char **argv);
int cmd_context(struct cli *c, int argc, char **argv);
/* Agreement statistics, intervals and sample size (cmd_stats_agree.c),
 * listed in the tables of cmd_stats.c ("cairn stats ...") and cmd_sample.c
 * ("cairn sample size"). */
int cmd_stats_kappa(struct cli *c, int argc, char **argv);
int cmd_stats_fleiss(struct cli *c, int argc, char **argv);
int cmd_stats_alpha(struct cli *c, int argc, char **argv);
int cmd_stats_agree(struct cli *c, int argc, char **argv);
int cmd_stats_agreement(struct cli *c, int argc, char **argv);
int cmd_stats_proportion(struct cli *c, int argc, char **argv);
int cmd_sample_size(struct cli *c, int argc, char **argv);
/* Indirectly standardised ratios and rates (cmd_stats_isr.c), listed in
 * the table of cmd_stats.c ("cairn stats isr"). */
int cmd_stats_isr(struct cli *c, int argc, char **argv);
int cmd_review(struct cli *c, int argc, char **argv);
int cmd_evidence(struct cli *c, int argc, char **argv);
int cmd_evaluation(struct cli *c, int argc, char **argv);
int cmd_panel(struct cli *c, int argc, char **argv);
int cmd_benchmark(struct cli *c, int argc, char **argv);
int cmd_user(struct cli *c, int argc, char **argv);
int cmd_serve(struct cli *c, int argc, char **argv);
int cmd_backup(struct cli *c, int argc, char **argv);
int cmd_restore(struct cli *c, int argc, char **argv);
int cmd_purge(struct cli *c, int argc, char **argv);
int cmd_overview(struct cli *c, int argc, char **argv);
/* cairn release check FILE --inspection ID: called by cmd_release. */
int cmd_release_check(struct cli *c, int argc, char **argv);

/* Runs the sub-command named argv[0] from a table (ending with a NULL
 * name), or prints the group's help; group is e.g. "framework". */
int cli_dispatch(struct cli *c, const char *group, const struct cli_command *table, int argc,
    char **argv);

/* Checks that the person the command acts for (--as, or the local
 * administrator without it) may do action on inspection id (0: none);
 * fills c->err and returns CAIRN_EPERM (77) with the reason if not. */
int cli_authorise(struct cli *c, long id, enum action action) __attribute__((warn_unused_result));

/*
 * Loads the accounts of the n usernames a listing shows (app_person_names,
 * the web pages' call: one read however many rows; usernames NULL: every
 * account) into *out, once the person the command acts for may do action
 * on inspection id (0: none), for account_named ("Ada Lovelace (ada)");
 * none when refused or unreadable, so the listing shows the usernames alone
 * (a failure other than a refusal is one warning line on stderr).  Only for
 * the human-readable listings: --json and CSV keep the usernames.  Free
 * with accounts_free.
 */
void cli_people_named(struct cli *c, long id, enum action action, const char *const *usernames,
    size_t n, struct account **out, size_t *nout);
/* Adds key + "_name" beside every member of v named one of the nkeys keys,
 * as the JSON API answers the same thing (app_person_names_json: the full
 * name, or null when there is no account or the person the command acts
 * for may not do action on inspection id); the usernames stay. */
void cli_name_people_json(struct cli *c, long id, enum action action, json_t *v,
    const char *const *keys, size_t nkeys);

#endif
