/* Survey summaries as output: see survey_out.h. */
#include "render/survey_out.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/mem.h"
#include "render/doc.h"
#include "render/svg.h"

/* The name shown for a group without a value. */
#define NOT_STATED "(not stated)"

/* Returns the display name of group g. */
static const char *
group_name(const struct survey_view *v, size_t g)
{
	assert(v != NULL && g < v->sum->ngroups);
	return v->groups[g][0] != '\0' ? v->groups[g] : NOT_STATED;
}

/* Returns a rounded whole percentage of p in [0, 1]. */
static long
pct(double p)
{
	return lround(p * 100.0);
}

/* Whether pair p counts as a difference in this view. */
static bool
pair_differs(const struct survey_view *v, const struct survey_pair *p)
{
	return v->adjust ? p->differs_adj : p->differs;
}

/* The interval of pair p this view judges by. */
static const struct stats_prop_diff *
pair_interval(const struct survey_view *v, const struct survey_pair *p)
{
	return v->adjust ? &p->d_adj : &p->d;
}

/* The confidence level of the intervals differences are judged by. */
static double
pair_level(const struct survey_view *v)
{
	return v->adjust ? v->sum->pair_level : SURVEY_CI_LEVEL;
}

/* The comparisons as JSON: method, how many, the adjustment and level. */
static json_t *
comparisons_json(const struct survey_view *v)
{
	return json_pack("{s:s, s:I, s:s, s:f}", "method", "newcombe-hybrid-score", "comparisons",
	    (json_int_t)v->sum->npairs, "adjustment", v->adjust ? "bonferroni" : "none", "level",
	    pair_level(v));
}

/* One cell as JSON: only "suppressed" when it is suppressed. */
static json_t *
cell_json(const struct survey_view *v, const struct survey_cell *c)
{
	json_t *o = json_object(), *dist;

	json_object_set_new(o, "suppressed", json_string(survey_suppress_code[c->suppressed]));
	if (c->suppressed != SURVEY_SHOWN)
		return o;
	json_object_set_new(o, "responses", json_integer(c->responses));
	json_object_set_new(o, "dont_know", json_integer(c->dont_know));
	if (c->has_share && c->dist != NULL) {
		/* a withheld share takes its counts with it (no agree, base or
		 * distribution), or they would give it away */
		json_object_set_new(o, "base", json_integer(c->base));
		json_object_set_new(o, "agree", json_integer(c->positive));
		dist = json_array();
		for (size_t l = 0; l < v->sv->scale.nlevels; l++)
			json_array_append_new(dist,
			    json_pack("{s:s, s:I}", "label", v->sv->scale.levels[l].label, "count",
			        (json_int_t)c->dist[l]));
		json_object_set_new(o, "distribution", dist);
	}
	if (c->has_share) {
		json_object_set_new(o, "share",
		    json_pack("{s:f, s:f, s:f}", "estimate", c->share.estimate, "lower",
		        c->share.lower, "upper", c->share.upper));
		json_object_set_new(o, "quantifier",
		    c->quantifier[0] ? json_string(c->quantifier) : json_null());
	} else {
		json_object_set_new(o, "share", json_null());
		json_object_set_new(o, "quantifier", json_null());
	}
	return o;
}

/* The scale as JSON. */
static json_t *
scale_json(const struct survey_scale *s)
{
	json_t *levels = json_array();

	for (size_t l = 0; l < s->nlevels; l++)
		json_array_append_new(levels,
		    json_pack("{s:s, s:b, s:b}", "label", s->levels[l].label, "positive",
		        s->levels[l].positive, "dont_know", s->levels[l].dont_know));
	return json_pack("{s:s, s:s, s:o}", "code", s->code, "name", s->name, "levels", levels);
}

const char *
survey_out_group(const struct survey_view *v, size_t g)
{
	return group_name(v, g);
}

json_t *
survey_out_json(const struct survey_view *v)
{
	const struct survey *sv = v->sv;
	const struct survey_summary *sum = v->sum;
	json_t *root = json_object(), *stmts = json_array();

	json_object_set_new(root, "inspection", json_integer(sv->inspection));
	json_object_set_new(root, "survey", json_string(sv->name));
	json_object_set_new(root, "kind", json_string(survey_kind_table[sv->kind].code));
	json_object_set_new(root, "scale", scale_json(&sv->scale));
	json_object_set_new(root, "respondents",
	    sum->respondents >= sum->threshold ? json_integer(sum->respondents) : json_null());
	json_object_set_new(root, "invited",
	    sv->invited > 0 ? json_integer(sv->invited) : json_null());
	json_object_set_new(root, "response_rate",
	    sum->has_rate && sum->respondents >= sum->threshold ? json_real(sum->rate)
	                                                        : json_null());
	json_object_set_new(root, "threshold", json_integer(sum->threshold));
	json_object_set_new(root, "confidence", json_real(SURVEY_CI_LEVEL));
	json_object_set_new(root, "method", json_string(stats_ci_method_name[STATS_CI_WILSON]));
	json_object_set_new(root, "by", v->by != NULL ? json_string(v->by) : json_null());
	if (v->by != NULL) {
		json_t *groups = json_array();

		for (size_t g = 0; g < sum->ngroups; g++) {
			json_t *o = json_pack("{s:s, s:s}", "name", group_name(v, g), "suppressed",
			    survey_suppress_code[sum->group_suppressed[g]]);

			if (sum->group_suppressed[g] == SURVEY_SHOWN)
				json_object_set_new(o, "respondents",
				    json_integer(sum->group_respondents[g]));
			json_array_append_new(groups, o);
		}
		json_object_set_new(root, "groups", groups);
		json_object_set_new(root, "comparison", comparisons_json(v));
	}
	for (size_t s = 0; s < sum->nstatements; s++) {
		const struct survey_statement *t = &sv->statements[s];
		json_t *o = json_pack("{s:s, s:s}", "code", t->code, "text", t->text);
		json_t *qis = json_array();

		for (size_t k = 0; k < t->nqis; k++)
			json_array_append_new(qis, json_string(t->qis[k]));
		json_object_set_new(o, "qis", qis);
		json_object_set_new(o, "overall", cell_json(v, &sum->overall[s]));
		if (v->by != NULL) {
			json_t *cells = json_array(), *diffs = json_array(), *pairs = json_array();

			for (size_t g = 0; g < sum->ngroups; g++) {
				json_t *c = cell_json(v, survey_summary_cell(sum, s, g));

				json_object_set_new(c, "group", json_string(group_name(v, g)));
				json_array_append_new(cells, c);
			}
			for (size_t i = 0; i < sum->npairs; i++) {
				const struct survey_pair *p = &sum->pairs[i];
				const struct stats_prop_diff *d = pair_interval(v, p);
				bool a_high = d->diff >= 0;
				json_t *one;

				if (p->statement != s)
					continue;
				/* every comparison, a - b, with its interval */
				one = json_pack("{s:s, s:s, s:f, s:f, s:f, s:b}", "a",
				    group_name(v, p->a), "b", group_name(v, p->b), "difference",
				    d->diff, "lower", d->lower, "upper", d->upper, "differs",
				    pair_differs(v, p));
				json_array_append_new(pairs, one);
				if (pair_differs(v, p))
					json_array_append_new(diffs,
					    json_pack("{s:s, s:s, s:f, s:f, s:f}", "higher",
					        group_name(v, a_high ? p->a : p->b), "lower",
					        group_name(v, a_high ? p->b : p->a), "difference",
					        a_high ? d->diff : -d->diff, "lower_ci",
					        a_high ? d->lower : -d->upper, "upper_ci",
					        a_high ? d->upper : -d->lower));
			}
			json_object_set_new(o, "groups", cells);
			json_object_set_new(o, "pairs", pairs);
			json_object_set_new(o, "differences", diffs);
		}
		json_array_append_new(stmts, o);
	}
	json_object_set_new(root, "statements", stmts);
	return root;
}

/* Appends one cell as a line of text, after its name. */
static void
cell_text(const struct survey_view *v, const struct survey_cell *c, const char *name,
    struct buf *out)
{
	buf_printf(out, "    %-24s ", name);
	if (c->suppressed == SURVEY_SUPPRESS_SMALL) {
		buf_printf(out, "suppressed (fewer than %ld responses)\n", v->sum->threshold);
		return;
	}
	if (c->suppressed == SURVEY_SUPPRESS_SECONDARY) {
		buf_puts(out, "suppressed (so that a smaller group cannot be worked out)\n");
		return;
	}
	buf_printf(out, "%ld responses", c->responses);
	if (c->dont_know > 0)
		buf_printf(out, " (%ld don't know)", c->dont_know);
	if (c->has_share)
		buf_printf(out, "; agree %ld of %ld = %.1f%% (95%% CI %.1f%% to %.1f%%), %s",
		    c->positive, c->base, c->share.estimate * 100.0, c->share.lower * 100.0,
		    c->share.upper * 100.0, c->quantifier);
	else
		buf_printf(out,
		    "; share withheld (too few answers other than \"don't know\", or too few "
		    "agreeing or not agreeing, to show)");
	buf_puts(out, "\n");
}

void
survey_out_text(const struct survey_view *v, struct buf *out)
{
	const struct survey *sv = v->sv;
	const struct survey_summary *sum = v->sum;

	buf_printf(out, "%s survey '%s' of inspection %ld: ", survey_kind_table[sv->kind].label,
	    sv->name, sv->inspection);
	if (sum->respondents < sum->threshold)
		buf_printf(out, "fewer than %ld respondents", sum->threshold);
	else
		buf_printf(out, "%ld respondents", sum->respondents);
	if (sum->has_rate && sum->respondents >= sum->threshold)
		buf_printf(out, " of %ld invited (response rate %.1f%%)", sv->invited,
		    sum->rate * 100.0);
	buf_printf(out, "\nScale: %s.  Agreeing: ", sv->scale.name);
	for (size_t l = 0, k = 0; l < sv->scale.nlevels; l++)
		if (sv->scale.levels[l].positive)
			buf_printf(out, "%s%s", k++ ? " + " : "", sv->scale.levels[l].label);
	buf_printf(out,
	    "; \"don't know\" is left out of the share and counted apart.\n"
	    "Intervals are 95%% Wilson intervals; groups under %ld are suppressed.\n",
	    sum->threshold);
	for (size_t s = 0; s < sum->nstatements; s++) {
		const struct survey_statement *t = &sv->statements[s];
		const struct survey_cell *c = &sum->overall[s];

		buf_printf(out, "\n%s", t->code);
		if (strcmp(t->code, t->text) != 0)
			buf_printf(out, "  %s", t->text);
		if (t->nqis > 0) {
			buf_puts(out, "  [QI");
			for (size_t k = 0; k < t->nqis; k++)
				buf_printf(out, "%s %s", k ? "," : "", t->qis[k]);
			buf_puts(out, "]");
		}
		buf_puts(out, "\n");
		cell_text(v, c, "all", out);
		if (c->suppressed == SURVEY_SHOWN && c->has_share && c->dist != NULL) {
			buf_puts(out, "    ");
			for (size_t l = 0; l < sv->scale.nlevels; l++)
				buf_printf(out, "%s%s %ld", l ? " | " : "",
				    sv->scale.levels[l].label, c->dist[l]);
			buf_puts(out, "\n");
		}
		if (v->by == NULL)
			continue;
		buf_printf(out, "  by %s:\n", v->by);
		for (size_t g = 0; g < sum->ngroups; g++)
			cell_text(v, survey_summary_cell(sum, s, g), group_name(v, g), out);
		for (size_t i = 0; i < sum->npairs; i++) {
			const struct survey_pair *p = &sum->pairs[i];
			const struct stats_prop_diff *d = pair_interval(v, p);
			bool a_high = d->diff >= 0;

			if (p->statement != s || !pair_differs(v, p))
				continue;
			buf_printf(out,
			    "  difference: %s higher than %s by %.1f points (%.1f%% interval "
			    "%.1f to %.1f)\n",
			    group_name(v, a_high ? p->a : p->b),
			    group_name(v, a_high ? p->b : p->a), 100.0 * fabs(d->diff),
			    100.0 * pair_level(v), 100.0 * (a_high ? d->lower : -d->upper),
			    100.0 * (a_high ? d->upper : -d->lower));
		}
	}
	if (v->by != NULL)
		buf_printf(out,
		    "\nDifferences between groups: %zu comparisons of two groups' shares, each "
		    "judged by Newcombe's interval for the difference (1998, method 10) at "
		    "%.1f%%%s; a difference is shown where that interval leaves out 0.\n",
		    sum->npairs, 100.0 * pair_level(v),
		    v->adjust ? " (Bonferroni-adjusted for the number of comparisons)"
		              : " (not adjusted for the number of comparisons)");
}

/* Longest bar label on the chart, in bytes (the label column is narrow). */
#define CHART_LABEL_MAX 40

/* Writes into out (outsz bytes) a label of at most CHART_LABEL_MAX bytes,
 * cut at a character boundary and marked with "..." when cut. */
static void
chart_label(char *out, size_t outsz, const char *indent, const char *a, const char *b)
{
	int n =
	    snprintf(out, outsz, "%s%s%s%s", indent, a, b != NULL ? " " : "", b != NULL ? b : "");

	if (n > CHART_LABEL_MAX && outsz > CHART_LABEL_MAX) {
		size_t cut = CHART_LABEL_MAX - 3;

		while (cut > 0 && ((unsigned char)out[cut] & 0xC0) == 0x80)
			cut--;
		memcpy(out + cut, "...", 4);
	}
}

/* Sets bar i from a cell and adds its sentence to the text alternative. */
static void
chart_bar(const struct survey_view *v, struct doc_chart *ch, size_t i, const char *label,
    const char *who, const struct survey_cell *c, struct buf *desc)
{
	char value[64];

	if (!c->has_share) {
		const char *why = c->suppressed != SURVEY_SHOWN ? "suppressed" : "too few answers";

		doc_chart_bar(ch, i, label, NAN, NAN, NAN, why);
		buf_printf(desc, " %s: %s.", who,
		    c->suppressed != SURVEY_SHOWN ? "suppressed (too few responses to show)"
		                                  : "share withheld (too few answers to show "
		                                    "it safely)");
		return;
	}
	snprintf(value, sizeof(value), "%ld%% (%ld-%ld%%)", pct(c->share.estimate),
	    pct(c->share.lower), pct(c->share.upper));
	doc_chart_bar(ch, i, label, c->share.estimate * 100.0, c->share.lower * 100.0,
	    c->share.upper * 100.0, value);
	buf_printf(desc, " %s: %ld%% agree (95%% interval %ld%% to %ld%%) of %ld answers%s%s.", who,
	    pct(c->share.estimate), pct(c->share.lower), pct(c->share.upper), c->base,
	    c->quantifier[0] ? ", " : "", c->quantifier);
	(void)v;
}

void
survey_out_svg(const struct survey_view *v, struct buf *out)
{
	const struct survey_summary *sum = v->sum;
	size_t per = 1 + (v->by != NULL ? sum->ngroups : 0), i = 0;
	struct doc d = { 0 };
	struct doc_section *sec = doc_section(&d, "survey", v->sv->name, 1, false);
	struct doc_chart *ch;
	struct buf desc = BUF_INIT;
	char title[256];

	snprintf(title, sizeof(title), "%s survey '%s': agreeing with each statement%s%s",
	    survey_kind_table[v->sv->kind].label, v->sv->name, v->by != NULL ? ", by " : "",
	    v->by != NULL ? v->by : "");
	ch = doc_chart(sec, "survey-agreement", title, sum->nstatements * per, true);
	ch->axis = xstrdup("Per cent agreeing");
	ch->min = 0.0;
	ch->max = 100.0;
	for (int t = 0; t <= 100; t += 25) {
		char tick[8];

		snprintf(tick, sizeof(tick), "%d%%", t);
		doc_chart_tick(ch, (double)t, tick);
	}
	buf_printf(&desc,
	    "Per cent of answers agreeing, leaving out \"don't know\", with 95%% "
	    "Wilson intervals; groups of fewer than %ld are suppressed.",
	    sum->threshold);
	for (size_t s = 0; s < sum->nstatements; s++) {
		const struct survey_statement *t = &v->sv->statements[s];
		char label[CHART_LABEL_MAX + 8], who[600];

		chart_label(label, sizeof(label), "", t->code, t->text);
		snprintf(who, sizeof(who), "%s %s", t->code, t->text);
		chart_bar(v, ch, i++, label, who, &sum->overall[s], &desc);
		if (v->by == NULL)
			continue;
		for (size_t g = 0; g < sum->ngroups; g++) {
			chart_label(label, sizeof(label), "- ", group_name(v, g), NULL);
			snprintf(who, sizeof(who), "%s, %s %s", t->code, v->by, group_name(v, g));
			chart_bar(v, ch, i++, label, who, survey_summary_cell(sum, s, g), &desc);
		}
	}
	ch->desc = buf_take(&desc);
	buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	svg_chart(ch, out);
	doc_free(&d);
}
