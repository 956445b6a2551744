/* cairn panel review|signoff, and cairn benchmark: the Quality and
 * Consistency Panel. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/publication/panel.h"
#include "app/setup/team.h"
#include "app/followup/history.h"
#include "app/setup/crosswalk.h"
#include "cli/cli.h"

static int
panel_review(struct cli *c, int argc, char **argv)
{
	const char *grade = NULL, *reason = NULL, *view = NULL, *pos[2];
	const struct cli_opt opts[] = {
		{ "view", &view, NULL,
		    "agree|query  agree with the team's grade, or query it with another" },
		{ "grade", &grade, NULL, "GRADE  the panel's grade (level number or label)" },
		{ "reason", &reason, NULL, "TEXT  why" },
		{ NULL, NULL, NULL, NULL },
	};
	long id;
	int rc, value = 0;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 2, 2,
	         "ID QI (--grade GRADE --reason TEXT | --view agree [--reason TEXT] |\n"
	         "       --view query --grade GRADE --reason TEXT)",
	         "Record the panel's view of a grade beside the team's.  The final grade is the\n"
	         "panel's where it differs; both are kept.  Voids a standing sign-off.  With\n"
	         "--view agree the panel gives the team's grade (the reason defaults to \"The\n"
	         "panel agrees with the team's grade.\"); --view query needs a grade other than\n"
	         "the team's and a reason, as on the panel page.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0)
		return rc;
	if (view != NULL)
		rc = app_panel_view(c->st, cli_actor(c), id, pos[1], view, grade, reason, &value,
		    &c->err);
	else
		rc = app_panel_review(c->st, cli_actor(c), id, pos[1], grade, reason, &value,
		    &c->err);
	if (rc != 0)
		return rc;
	if (c->json)
		cli_print_json(json_pack("{s:I, s:s, s:i}", "inspection", (json_int_t)id, "qi",
		    pos[1], "panel_grade", value));
	else
		printf("inspection %ld: the panel grades %s %d\n", id, pos[1], value);
	return CAIRN_OK;
}

static int
panel_signoff(struct cli *c, int argc, char **argv)
{
	const char *pos[1];
	long id;
	int rc;

	if ((rc = cli_parse(c, argc, argv, NULL, pos, 1, 1, "ID",
	         "Sign off the evaluations for the panel.  Refused while an evaluated indicator\n"
	         "is ungraded.  A later change to a grade, a rationale or linked evidence voids\n"
	         "the sign-off until it is signed again.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = app_panel_signoff(c->st, cli_actor(c), id, &c->err)) != 0)
		return rc;
	if (c->json)
		cli_print_json(
		    json_pack("{s:I, s:b}", "inspection", (json_int_t)id, "signed_off", 1));
	else
		printf("inspection %ld: evaluations signed off\n", id);
	return CAIRN_OK;
}

/* Prints the panel's recorded decision on a progress review, naming who
 * recorded it "Name (username)". */
static void
progress_print(struct cli *c, long id, const struct progress_need *p)
{
	const char *by[] = { p->actor };
	struct account *people = NULL;
	size_t npeople = 0;
	char who[300];

	cli_people_named(c, id, ACTION_VIEW_INSPECTION, by, 1, &people, &npeople);
	account_named(people, npeople, p->actor, who, sizeof(who));
	if (p->needed)
		printf("inspection %ld: progress review needed by %s, on: %s (recorded by %s at "
		       "%s)\n",
		    id, p->due, p->focus != NULL ? p->focus : "", who, p->at);
	else
		printf("inspection %ld: progress review not needed (recorded by %s at %s)\n", id,
		    who, p->at);
	accounts_free(people, npeople);
}

static int
panel_progress(struct cli *c, int argc, char **argv)
{
	const char *needed = NULL, *due = NULL, *focus = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ "needed", &needed, NULL, "yes|no  whether a progress review is needed" },
		{ "due", &due, NULL, "YYYY-MM-DD  by when (when needed)" },
		{ "focus", &focus, NULL, "TEXT  what it will look at (when needed)" },
		{ NULL, NULL, NULL, NULL },
	};
	struct progress_need p;
	long id;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 1, 1,
	         "ID [--needed yes|no [--due YYYY-MM-DD --focus TEXT]]",
	         "Record the panel's decision on whether a progress review is needed, and\n"
	         "when it is, by when and on what; the report states it.  Without\n"
	         "--needed, --due or --focus, show the decision recorded.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0)
		return rc;
	if (needed == NULL && due == NULL && focus == NULL) {
		if ((rc = app_progress_need_get(c->st, cli_actor(c), id, &p, &c->err)) != 0)
			return rc;
		if (c->json) {
			static const char *const by[] = { "recorded_by" };
			json_t *o = progress_need_json(id, &p);

			/* "recorded_by_name" beside it, as the API's answer. */
			cli_name_people_json(c, id, ACTION_VIEW_INSPECTION, o, by, 1);
			cli_print_json(o);
		} else if (!p.recorded)
			printf("inspection %ld: the panel has not recorded whether a progress "
			       "review "
			       "is needed\n",
			    id);
		else
			progress_print(c, id, &p);
		progress_need_free(&p);
		return CAIRN_OK;
	}
	if ((rc = app_progress_need_set(c->st, cli_actor(c), id, needed, due, focus, &c->err)) != 0)
		return rc;
	if (c->json)
		cli_print_json(json_pack("{s:I, s:b}", "inspection", (json_int_t)id, "needed",
		    strcmp(needed, "yes") == 0));
	else
		printf("inspection %ld: progress review %s\n", id,
		    strcmp(needed, "yes") == 0 ? "needed" : "not needed");
	return CAIRN_OK;
}

int
cmd_panel(struct cli *c, int argc, char **argv)
{
	static const struct cli_command table[] = {
		{ "review", panel_review, "record the panel's grade for an indicator" },
		{ "signoff", panel_signoff, "sign off the evaluations" },
		{ "progress-review", panel_progress, "record whether a progress review is needed" },
		{ NULL, NULL, NULL },
	};

	return cli_dispatch(c, "panel", table, argc, argv);
}

/* Each graded indicator in the other programmes the crosswalks join this
 * one's to (app_history_across), as text; errors are left out. */
static void
across_print(struct cli *c, const struct benchmark *b)
{
	bool head = false;

	for (size_t i = 0; i < b->n; i++) {
		struct history_across *v = NULL;
		size_t n = 0;
		struct cairn_err e = { 0 };

		if (app_history_across(c->st, b->d.fw.code, b->items[i].qi->code, b->items[i].grade,
		        &v, &n, &e) != CAIRN_OK)
			continue;
		for (size_t k = 0; k < n; k++) {
			if (!head)
				printf("\nAcross programmes (published results, through the "
				       "crosswalks):\n");
			head = true;
			printf("  %-6s %s: %s", b->items[i].qi->code, v[k].framework,
			    v[k].sentence);
			if (v[k].comparable)
				printf("; %ld published, %ld below/%ld same/%ld above", v[k].n,
				    v[k].below, v[k].same, v[k].above);
			printf("\n");
		}
		history_across_free(v, n);
	}
}

int
cmd_benchmark(struct cli *c, int argc, char **argv)
{
	struct benchmark b;
	const char *pos[1];
	const struct scale *s;
	long id;
	int rc;

	if ((rc = cli_parse(c, argc, argv, NULL, pos, 1, 1, "ID",
	         "Set each grade beside the distribution of grades for the same indicator in\n"
	         "every other inspection held on the same framework and in imported published\n"
	         "results (cairn history import).")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = cli_authorise(c, id, ACTION_VIEW_EVALUATION)) != 0 ||
	    (rc = app_benchmark(c->st, id, &b, &c->err)) != 0)
		return rc;
	s = &b.d.fw.scale;
	if (c->json) {
		cli_print_json(benchmark_json(c->st, id, &b));
	} else {
		printf("Inspection %ld (%s): each final grade beside the same indicator "
		       "elsewhere\n\n",
		    id, b.d.fw.code);
		printf("%-6s %-6s", "QI", "GRADE");
		for (size_t l = 0; l < s->nlevels; l++)
			printf(" %3d", s->levels[l].value);
		printf("  %5s %5s %5s  %s\n", "N", "HELD", "PUBL", "BELOW/SAME/ABOVE");
		for (size_t i = 0; i < b.n; i++) {
			const struct benchmark_item *it = &b.items[i];
			char g[8] = "-";

			if (it->grade)
				snprintf(g, sizeof(g), "%d", it->grade);
			printf("%-6s %-6s", it->qi->code, g);
			for (size_t l = 0; l < s->nlevels; l++)
				printf(" %3d", it->counts[l]);
			printf("  %5d %5d %5d", it->held + it->published, it->held, it->published);
			if (it->grade)
				printf("  %d/%d/%d", it->below, it->same, it->above);
			printf("\n");
		}
		across_print(c, &b);
	}
	benchmark_free(&b);
	return CAIRN_OK;
}
