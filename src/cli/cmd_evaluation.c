/* cairn evaluation show: each evaluated indicator with its grade (team,
 * panel, final), rationale, linked evidence, evidence balance and history. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/evaluation/dossier.h"
#include "app/setup/team.h"
#include "cli/cli.h"

/* Returns the label of a grade on the view's scale, or "". */
static const char *
label(const struct evaluation_view *v, int grade)
{
	const struct scale_level *l = scale_level_of(&v->d.fw.scale, grade);

	return l != NULL ? l->label : "";
}

/* Returns counts as a JSON object. */
static json_t *
counts_json(const struct evidence_counts *c)
{
	return json_pack("{s:i, s:i, s:i, s:i, s:i}", "strength", c->strength, "improvement",
	    c->improvement, "uncertainty", c->uncertainty, "concern", c->concern, "no_concern",
	    c->no_concern);
}

/* Returns the evidence balance of one item as JSON: totals and by source. */
static json_t *
balance_json(const struct qi_evaluation *it)
{
	json_t *by = json_object();

	for (int s = 0; s < SOURCE__MAX; s++) {
		const struct evidence_counts *c = &it->by_source[s];

		if (c->strength + c->improvement + c->uncertainty + c->concern + c->no_concern > 0)
			json_object_set_new(by, evidence_source_table[s].code, counts_json(c));
	}
	return json_pack("{s:o, s:o}", "total", counts_json(&it->total), "by_source", by);
}

/* Returns the records-reading results of one item as JSON (null when the
 * inspection has no records reading). */
static json_t *
reading_json(const struct evaluation_view *v, const struct qi_evaluation *it)
{
	json_t *a;

	if (!v->has_reading)
		return json_null();
	a = json_array();
	for (size_t i = 0; i < it->nreading; i++) {
		const struct reading_result *r = &it->reading[i];
		json_t *o = json_pack("{s:s, s:s, s:s?, s:I}", "item", r->item, "question", r->text,
		    "agency", r->agency[0] ? r->agency : NULL, "n", (json_int_t)r->n);

		if (r->has_prop) {
			json_object_set_new(o, "measure", json_string(r->measure));
			json_object_set_new(o, "x", json_integer(r->x));
			json_object_set_new(o, "of", json_integer(r->nprop));
			json_object_set_new(o, "proportion", json_real(r->estimate));
			json_object_set_new(o, "lower", json_real(r->lower));
			json_object_set_new(o, "upper", json_real(r->upper));
			json_object_set_new(o, "quantifier", json_string(r->quantifier));
		}
		json_array_append_new(a, o);
	}
	return a;
}

/* Returns one item as JSON. */
static json_t *
item_json(const struct evaluation_view *v, const struct qi_evaluation *it)
{
	json_t *ev = json_array(), *hist = json_array(), *panel = json_null();

	for (size_t i = 0; i < it->nlinks; i++) {
		const struct evidence_item *e = evaluation_evidence(v, it->links[i]);

		if (e != NULL)
			json_array_append_new(ev,
			    json_pack("{s:I, s:s, s:s, s:s, s:b}", "number", (json_int_t)e->number,
			        "source", e->source, "status", e->status, "text", e->text,
			        "young_inspector", e->young_inspector));
	}
	for (size_t i = 0; i < it->nhistory; i++) {
		const struct grade_event *h = it->history[i];

		json_array_append_new(hist,
		    json_pack("{s:s, s:i, s:s?, s:s?, s:s, s:s}", "kind", h->kind, "grade",
		        h->grade, "rationale", h->rationale, "evidence", h->evidence, "by",
		        h->actor, "at", h->at));
	}
	if (it->panel != NULL)
		panel = json_pack("{s:i, s:s, s:s, s:s, s:s}", "grade", it->panel->grade, "label",
		    label(v, it->panel->grade), "reason", it->panel->reason, "by",
		    it->panel->reviewer, "at", it->panel->reviewed_at);
	return json_pack("{s:s, s:s, s:b, s:o, s:s?, s:o, s:o, s:o, s:o, s:o, s:o}", "qi",
	    it->qi->code, "title", it->qi->title, "evaluated", it->qi->evaluated, "team_grade",
	    it->team_grade ? json_integer(it->team_grade) : json_null(), "rationale", it->rationale,
	    "panel", panel, "final_grade",
	    it->final_grade ? json_pack("{s:i, s:s}", "grade", it->final_grade, "label",
	                          label(v, it->final_grade))
	                    : json_null(),
	    "evidence", ev, "balance", balance_json(it), "records_reading", reading_json(v, it),
	    "history", hist);
}

/* The members of the sign-off's JSON that name a person by username (who
 * signed off, who voided it), each given its "_name" as the API's panel
 * answer gives its "by" and "voided_by". */
static const char *const signoff_people[] = { "signed_by", "voided_by" };

/* Returns the sign-off state as JSON. */
static json_t *
signoff_json(const struct evaluation_view *v)
{
	json_t *all = json_array();

	for (size_t i = 0; i < v->nsignoffs; i++) {
		const struct panel_signoff *o = &v->signoffs[i];

		json_array_append_new(all,
		    json_pack("{s:s, s:s, s:s?, s:s?, s:s?}", "signed_by", o->signed_by,
		        "signed_at", o->signed_at, "voided_at",
		        o->voided_at[0] ? o->voided_at : NULL, "voided_by", o->voided_by,
		        "void_reason", o->void_reason));
	}
	return json_pack("{s:b, s:o}", "standing", v->signed_off, "history", all);
}

/* Prints "N strengths, N areas for improvement, N open uncertainties". */
static void
print_counts(const struct evidence_counts *c)
{
	printf("%d strength%s, %d area%s for improvement, %d open uncertaint%s", c->strength,
	    c->strength == 1 ? "" : "s", c->improvement, c->improvement == 1 ? "" : "s",
	    c->uncertainty, c->uncertainty == 1 ? "y" : "ies");
	if (c->concern > 0)
		printf(", %d concern%s", c->concern, c->concern == 1 ? "" : "s");
}

/* Prints the evidence balance of one item, in total and by source. */
static void
print_balance(const struct qi_evaluation *it)
{
	printf("  Evidence balance: ");
	print_counts(&it->total);
	printf("\n");
	for (int s = 0; s < SOURCE__MAX; s++) {
		const struct evidence_counts *c = &it->by_source[s];

		if (c->strength + c->improvement + c->uncertainty + c->concern == 0)
			continue;
		printf("    %-26s ", evidence_source_table[s].label);
		print_counts(c);
		printf("\n");
	}
}

/* Prints one item as text. */
static void
print_item(const struct evaluation_view *v, const struct qi_evaluation *it)
{
	printf("\n%s  %s\n", it->qi->code, it->qi->title);
	if (it->team_grade == 0) {
		printf("  Not graded%s\n", it->qi->evaluated ? " (an evaluated indicator)" : "");
	} else {
		printf("  Team grade:  %d %s\n", it->team_grade, label(v, it->team_grade));
		if (it->rationale != NULL)
			printf("  Rationale:   %s\n", it->rationale);
		if (it->panel != NULL)
			printf("  Panel grade: %d %s (%s: %s)\n", it->panel->grade,
			    label(v, it->panel->grade), it->panel->reviewer, it->panel->reason);
		printf("  Final grade: %d %s\n", it->final_grade, label(v, it->final_grade));
	}
	for (size_t i = 0; i < it->nlinks; i++) {
		const struct evidence_item *e = evaluation_evidence(v, it->links[i]);

		if (e != NULL)
			printf("  %s %ld (%s, %s%s) %s\n", i ? "         " : "Evidence:", e->number,
			    e->source, e->status, e->young_inspector ? ", young inspector" : "",
			    e->text);
	}
	print_balance(it);
	for (size_t i = 0; i < it->nreading; i++) {
		const struct reading_result *r = &it->reading[i];

		printf("  %s %s%s%s: ", i ? "               " : "Records reading:", r->item,
		    r->agency[0] ? " / " : "", r->agency);
		if (r->has_prop)
			printf("%ld of %ld %s (%.0f%%%s%s)\n", r->x, r->nprop, r->measure,
			    100.0 * r->estimate, r->quantifier[0] ? ", " : "", r->quantifier);
		else
			printf("%ld answered\n", r->n);
	}
	if (it->nhistory > 0)
		printf("  History:\n");
	for (size_t i = 0; i < it->nhistory; i++) {
		const struct grade_event *h = it->history[i];

		printf("    %s  %-5s %d %-10s by %s%s%s%s%s\n", h->at, h->kind, h->grade,
		    label(v, h->grade), h->actor, h->evidence ? "; evidence " : "",
		    h->evidence ? h->evidence : "", h->rationale ? "; " : "",
		    h->rationale ? h->rationale : "");
	}
}

static int
eval_show(struct cli *c, int argc, char **argv)
{
	struct evaluation_view v;
	const char *pos[2] = { NULL, NULL };
	long id;
	int rc;

	if ((rc = cli_parse(c, argc, argv, NULL, pos, 1, 2, "ID [QI]",
	         "Show each evaluated indicator (or one): the team's grade, the panel's, the\n"
	         "final grade, the rationale, the linked evidence, the evidence balance (by\n"
	         "source) and the history; with the panel's sign-off and the confidence\n"
	         "statement.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = cli_authorise(c, id, ACTION_VIEW_EVALUATION)) != 0 ||
	    (rc = app_evaluation_load(c->st, id, pos[1], &v, &c->err)) != 0)
		return rc;
	if (c->json) {
		json_t *items = json_array();
		const struct inspection *in = &v.d.in;

		for (size_t i = 0; i < v.n; i++)
			json_array_append_new(items, item_json(&v, &v.items[i]));
		json_t *so = signoff_json(&v);

		cli_name_people_json(c, id, ACTION_VIEW_EVALUATION, so, signoff_people,
		    sizeof(signoff_people) / sizeof(signoff_people[0]));
		cli_print_json(json_pack("{s:I, s:s, s:s, s:o, s:o, s:o}", "inspection",
		    (json_int_t)in->id, "framework", v.d.fw.code, "scale", v.d.fw.scale.code,
		    "signoff", so, "confidence",
		    in->confidence != CONFIDENCE_NONE
		        ? json_pack("{s:s, s:s?}", "level", confidence_table[in->confidence].code,
		              "text", in->confidence_text)
		        : json_null(),
		    "evaluations", items));
	} else {
		const struct panel_signoff *last =
		    v.nsignoffs ? &v.signoffs[v.nsignoffs - 1] : NULL;
		const char *by[2] = { last ? last->signed_by : NULL,
			last ? last->voided_by : NULL };
		struct account *people = NULL;
		size_t npeople = 0;
		char who[300];

		/* Who signed off and who voided it "Name (username)", one read. */
		if (last != NULL)
			cli_people_named(c, id, ACTION_VIEW_EVALUATION, by, 2, &people, &npeople);
		printf("Inspection %ld: %s\nFramework %s, %s\n", v.d.in.id, v.d.in.title,
		    v.d.fw.code, v.d.fw.scale.name);
		if (last == NULL)
			printf("Panel sign-off: not signed off\n");
		else if (v.signed_off)
			printf("Panel sign-off: signed off by %s at %s\n",
			    account_named(people, npeople, last->signed_by, who, sizeof(who)),
			    last->signed_at);
		else
			printf("Panel sign-off: VOID since %s (%s, by %s); sign off again\n",
			    last->voided_at, last->void_reason ? last->void_reason : "",
			    last->voided_by
			        ? account_named(people, npeople, last->voided_by, who, sizeof(who))
			        : "");
		accounts_free(people, npeople);
		if (v.d.in.confidence != CONFIDENCE_NONE)
			printf("Confidence: %s%s%s\n", confidence_table[v.d.in.confidence].label,
			    v.d.in.confidence_text ? ". " : "",
			    v.d.in.confidence_text ? v.d.in.confidence_text : "");
		for (size_t i = 0; i < v.n; i++)
			print_item(&v, &v.items[i]);
	}
	evaluation_view_free(&v);
	return CAIRN_OK;
}

int
cmd_evaluation(struct cli *c, int argc, char **argv)
{
	static const struct cli_command table[] = {
		{ "show", eval_show, "show the evaluations with evidence, balance and history" },
		{ NULL, NULL, NULL },
	};

	return cli_dispatch(c, "evaluation", table, argc, argv);
}
