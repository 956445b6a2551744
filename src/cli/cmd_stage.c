/* cairn stage ID [show] | stage ID move STAGE --date D, and cairn timeline. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/file.h"
#include "app/setup/stage.h"
#include "app/setup/team.h"
#include "cli/cli.h"
#include "core/mem.h"
#include "core/text.h"

/* Largest holidays file read, in bytes. */
#define HOLIDAYS_MAX ((size_t)1 << 20)

/* The members of the stage's JSON that name a person by username: who
 * made each move, given its "_name" as the API's stage answer gives it. */
static const char *const move_people[] = { "by" };

/* Prints where inspection id is and how it got there, each move's maker
 * named "Name (username)" (one read for them all). */
static int
stage_show(struct cli *c, long id)
{
	struct stage_state s;
	int rc;

	if ((rc = cli_authorise(c, id, ACTION_VIEW_INSPECTION)) != 0 ||
	    (rc = app_stage_state(c->st, id, &s, &c->err)) != 0)
		return rc;
	if (c->json) {
		json_t *moves = stage_moves_json(&s), *stages = json_array();

		for (size_t i = 0; i < s.plan.n; i++)
			json_array_append_new(stages,
			    json_pack("{s:s, s:s, s:b}", "code", s.plan.stages[i].code, "title",
			        s.plan.stages[i].title, "required", s.plan.stages[i].required));
		cli_name_people_json(c, id, ACTION_VIEW_INSPECTION, moves, move_people,
		    sizeof(move_people) / sizeof(move_people[0]));
		cli_print_json(json_pack("{s:I, s:s, s:s?, s:o, s:o}", "inspection", (json_int_t)id,
		    "stage", s.plan.stages[s.current].code, "since", s.since[0] ? s.since : NULL,
		    "stages", stages, "moves", moves));
	} else {
		const char **by = xcalloc(s.nmoves > 0 ? s.nmoves : 1, sizeof(*by));
		struct account *people = NULL;
		size_t npeople = 0;
		char who[300];

		for (size_t i = 0; i < s.nmoves; i++)
			by[i] = s.moves[i].moved_by;
		cli_people_named(c, id, ACTION_VIEW_INSPECTION, by, s.nmoves, &people, &npeople);
		free(by);
		printf("Inspection %ld is at stage %s (%s)%s%s\n", id,
		    s.plan.stages[s.current].code, s.plan.stages[s.current].title,
		    s.since[0] ? " since " : "", s.since);
		for (size_t i = 0; i < s.nmoves; i++)
			printf("  %s  -> %-18s by %s\n", s.moves[i].moved_on, s.moves[i].stage,
			    account_named(people, npeople, s.moves[i].moved_by, who, sizeof(who)));
		accounts_free(people, npeople);
	}
	stage_state_free(&s);
	return CAIRN_OK;
}

int
cmd_stage(struct cli *c, int argc, char **argv)
{
	const char *date = NULL, *pos[3] = { NULL, NULL, NULL };
	const struct cli_opt opts[] = {
		{ "date", &date, NULL, "YYYY-MM-DD  the date of the move" },
		{ NULL, NULL, NULL, NULL },
	};
	long id;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 1, 3, "ID [show] | ID move STAGE --date D",
	         "Show an inspection's stage, or move it to another stage.  The stages and\n"
	         "their rules are the inspection's programme pack's (stages.json): 'cairn stage\n"
	         "ID' lists them.  A forward move may not skip a required stage; a stage may\n"
	         "need every evaluated indicator graded or the panel's standing sign-off\n"
	         "(the programmes with a Quality and Consistency Panel).")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0)
		return rc;
	if (pos[1] != NULL && strcmp(pos[1], "show") != 0 && strcmp(pos[1], "move") != 0)
		return cairn_errf(&c->err, CAIRN_EUSAGE,
		    "unknown stage command '%s'; valid: show, "
		    "move",
		    pos[1]);
	if ((rc = cli_open(c)) != 0)
		return rc;
	if (pos[1] == NULL || strcmp(pos[1], "show") == 0) {
		if (date != NULL)
			return cairn_errf(&c->err, CAIRN_EUSAGE, "--date is only for 'move'");
		return stage_show(c, id);
	}
	if (pos[2] == NULL)
		return cairn_errf(&c->err, CAIRN_EUSAGE,
		    "usage: cairn stage ID move STAGE --date D");
	if ((rc = app_stage_move(c->st, cli_actor(c), id, pos[2], date, &c->err)) != 0)
		return rc;
	{
		/* Name the stage reached ("next" names none). */
		struct stage_state s;
		const char *to = pos[2];

		memset(&s, 0, sizeof(s));
		if (app_stage_state(c->st, id, &s, &c->err) == CAIRN_OK)
			to = s.plan.stages[s.current].code;
		cairn_err_clear(&c->err);
		if (c->json)
			cli_print_json(json_pack("{s:I, s:s, s:s}", "inspection", (json_int_t)id,
			    "stage", to, "date", date));
		else
			printf("inspection %ld: moved to %s on %s\n", id, to, date);
		stage_state_free(&s);
	}
	return CAIRN_OK;
}

/* Reads a holidays file into *h, printing every error to stderr. */
static int
read_holidays(struct cli *c, const char *path, struct holidays *h)
{
	struct csv_errors errs;
	char *text = NULL;
	size_t len = 0;
	int rc;

	if ((rc = file_read_all(path, HOLIDAYS_MAX, &text, &len, &c->err)) != 0)
		return rc;
	if ((rc = holidays_parse(text, len, h, &errs)) != 0) {
		struct buf b = BUF_INIT;

		csv_errors_format(&errs, path, &b);
		fputs(buf_str(&b), stderr);
		buf_free(&b);
		rc = cairn_errf(&c->err, CAIRN_EDATA,
		    "%s has %ld error%s; use one YYYY-MM-DD or "
		    "YYYY-MM-DD..YYYY-MM-DD per line",
		    path, errs.total, errs.total == 1 ? "" : "s");
	}
	free(text);
	return rc;
}

int
cmd_timeline(struct cli *c, int argc, char **argv)
{
	const char *weeks_s = NULL, *holidays = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ "weeks", &weeks_s, NULL,
		    "N  plan length in working weeks (default: the programme's)" },
		{ "holidays", &holidays, NULL,
		    "FILE  school holidays, one date or FROM..TO a line" },
		{ NULL, NULL, NULL, NULL },
	};
	struct holidays h = { 0 };
	struct timeline t;
	long id, weeks = 0;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 1, 1,
	         "ID [--weeks 22|35|...] [--holidays FILE]",
	         "Lay out the week plan from the notification date, with school-holiday weeks\n"
	         "not counted, and show what is done, due and overdue (today is CAIRN_TODAY\n"
	         "when set).  A week is a holiday week when 3 or more of its weekdays are.")) !=
	        0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0)
		return rc;
	if (weeks_s != NULL && !text_parse_long(weeks_s, 2, 260, &weeks))
		return cairn_errf(&c->err, CAIRN_EUSAGE,
		    "--weeks '%s' is not a whole number 2 to 260", weeks_s);
	if ((rc = cli_open(c)) != 0 || (rc = cli_authorise(c, id, ACTION_VIEW_INSPECTION)) != 0)
		return rc;
	if (holidays != NULL && (rc = read_holidays(c, holidays, &h)) != 0)
		return rc;
	rc = app_timeline(c->st, id, (int)weeks, &h, &t, &c->err);
	holidays_free(&h);
	if (rc != 0)
		return rc;
	if (c->json) {
		cli_print_json(timeline_json(id, &t));
	} else {
		printf("Inspection %ld: %d working weeks from notification on %s to %s", id,
		    t.weeks, t.state.notified, t.end);
		if (t.holiday_weeks > 0)
			printf(" (%ld holiday week%s not counted)", t.holiday_weeks,
			    t.holiday_weeks == 1 ? "" : "s");
		printf("; today is %s\n\n%-5s %-11s %-32s %-11s %s\n", t.today, "WEEK", "DUE",
		    "STAGE", "DONE", "STATUS");
		for (size_t i = 0; i < t.n; i++) {
			char wk[16] = "-";

			if (t.rows[i].week > 0)
				snprintf(wk, sizeof(wk), "%d", t.rows[i].week);
			printf("%-5s %-11s %-32s %-11s %s\n", wk,
			    t.rows[i].due[0] ? t.rows[i].due : "-", t.rows[i].stage->title,
			    t.rows[i].done[0] ? t.rows[i].done : "-",
			    timeline_status_code[t.rows[i].status]);
		}
	}
	timeline_free(&t);
	return CAIRN_OK;
}
