/* Outcome gaps: see gap.h. */
#include "app/outcomes/gap.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/publication/disclose.h"
#include "core/mem.h"
#include "render/doc.h"
#include "render/svg.h"
#include "stats/proportion.h"
#include "stats/rate.h"

/* Confidence level of group intervals (the SII simulation assumes 95%). */
#define GAP_LEVEL 0.95

/* Frees a series' contents. */
static void
series_free(struct gap_series *s)
{
	free(s->area_code);
	free(s->area_name);
	for (size_t i = 0; i < s->nperiods; i++)
		free(s->periods[i].period);
	free(s->periods);
	memset(s, 0, sizeof(*s));
}

void
gap_result_free(struct gap_result *r)
{
	if (r == NULL)
		return;
	outcome_indicator_free(&r->ind);
	free(r->simd);
	series_free(&r->area);
	series_free(&r->compare);
	memset(r, 0, sizeof(*r));
}

/* Computes a group's value and interval on the display scale. */
static void
group_value(const struct gap_result *r, struct gap_group *g)
{
	if (r->measure == OUTCOME_PROPORTION) {
		struct stats_prop p;

		if (stats_proportion(g->numerator, g->denominator, GAP_LEVEL, STATS_CI_WILSON,
		        &p)) {
			g->value = p.estimate * 100.0;
			g->lower = p.lower * 100.0;
			g->upper = p.upper * 100.0;
		}
		g->method = "wilson";
	} else {
		struct stats_rate rt;

		if (stats_rate(g->numerator, g->denominator, (double)r->ind.per, GAP_LEVEL, &rt)) {
			g->value = rt.value;
			g->lower = rt.lower;
			g->upper = rt.upper;
		}
		g->method = stats_rate_method_name[rt.method];
	}
}

/* Computes the SII family, PAR and ranges of a complete, publishable
 * period. */
static void
period_measures(const struct gap_result *r, const struct gap_req *req, struct gap_period *p)
{
	struct stats_group sg[GAP_GROUPS_MAX];
	struct stats_sii_opts o;
	double se[GAP_GROUPS_MAX];
	double k = r->measure == OUTCOME_PROPORTION ? 100.0 : 1.0, num = 0, den = 0;
	const char *why = NULL;
	bool higher_in_deprived;

	for (int i = 0; i < p->ngroups; i++) {
		const struct gap_group *g = &p->groups[i];

		if (!g->present) {
			p->why = "a deprivation group has no data; the SII needs every group";
			return;
		}
		if (g->suppressed) {
			p->withheld = true;
			p->why =
			    "withheld: a group has fewer events than the disclosure threshold, "
			    "which the SII, RII, PAR, ranges and overall value could reveal";
			return;
		}
		sg[i] = (struct stats_group){ g->group, g->denominator, g->value / k, g->lower / k,
			g->upper / k };
		/* Sampling error of the group's value: binomial or Poisson. */
		se[i] = r->measure == OUTCOME_PROPORTION
		    ? sqrt(sg[i].value * (1.0 - sg[i].value) / g->denominator)
		    : sqrt(g->numerator) / g->denominator * (double)r->ind.per;
		num += g->numerator;
		den += g->denominator;
	}
	stats_sii_defaults(&o);
	o.convention = req->convention;
	o.scale = r->measure == OUTCOME_PROPORTION ? STATS_SCALE_PROPORTION : STATS_SCALE_RATE;
	o.reps = req->reps;
	o.seed = req->seed;
	o.group_se = se;
	if (!stats_sii(sg, (size_t)p->ngroups, &o, &p->sii, &why)) {
		p->why = why;
		return;
	}
	/* Back to the display scale: the SII is in the value's units. */
	p->sii.sii *= k;
	p->sii.sii_lower *= k;
	p->sii.sii_upper *= k;
	p->sii.sim_sii_lower *= k;
	p->sii.sim_sii_upper *= k;
	p->sii.se_sampling *= k;
	p->sii.overall *= k;
	p->sii.intercept *= k;
	for (int i = 0; i < p->ngroups; i++) {
		sg[i].value *= k;
		sg[i].lower *= k;
		sg[i].upper *= k;
	}
	if (!stats_ranges(sg, (size_t)p->ngroups, &p->ranges, &why)) {
		p->why = why;
		return;
	}
	p->overall =
	    r->measure == OUTCOME_PROPORTION ? num / den * 100.0 : num / den * (double)r->ind.per;
	if (req->convention == STATS_SII_PHE && p->sii.simulated) {
		p->interval = "simulation";
		p->sii_lower = p->sii.sim_sii_lower;
		p->sii_upper = p->sii.sim_sii_upper;
		p->rii_lower = p->sii.sim_rii_lower;
		p->rii_upper = p->sii.sim_rii_upper;
	} else {
		p->interval = "analytic";
		p->sii_lower = p->sii.sii_lower;
		p->sii_upper = p->sii.sii_upper;
		p->rii_lower = p->sii.rii_lower;
		p->rii_upper = p->sii.rii_upper;
	}
	higher_in_deprived = req->convention == STATS_SII_SCOTPHO ? p->sii.sii > 0 : p->sii.sii < 0;
	p->deprived_fare_worse = r->polarity == OUTCOME_NO_POLARITY ? -1
	    : r->polarity == OUTCOME_HIGHER_WORSE                   ? higher_in_deprived
	                                                            : !higher_in_deprived;
	p->have_measures = true;
}

/* Fits the trend of the SII over the periods that have one, on the
 * periods' dates, weighted by each SII's sampling error. */
static void
series_trend(struct gap_series *s)
{
	double *t = xcalloc(s->nperiods + 1, sizeof(double));
	double *y = xcalloc(s->nperiods + 1, sizeof(double));
	double *se = xcalloc(s->nperiods + 1, sizeof(double));
	size_t n = 0;
	const char *why = NULL;

	s->have_trend = false;
	for (size_t i = 0; i < s->nperiods; i++) {
		const struct gap_period *p = &s->periods[i];

		if (!p->have_measures)
			continue;
		if (!stats_period_year(p->period, &t[n])) {
			s->trend_why = "the trend needs periods named by year (2019, 2019/20 or "
			               "2017-2019)";
			goto out;
		}
		y[n] = p->sii.sii;
		se[n] = p->sii.se_sampling;
		n++;
	}
	s->have_trend = stats_sii_trend(t, y, se, n, GAP_LEVEL, &s->trend, &why);
	s->trend_why = why;
out:
	free(t);
	free(y);
	free(se);
}

/* Returns count x as a long for disclosure control without undefined
 * behaviour: truncated towards zero, NaN and negatives as 0, anything
 * beyond a long as LONG_MAX (the import refuses counts over 10^12). */
static long
count_of(double x)
{
	if (!(x > 0))
		return 0;
	if (x >= (double)LONG_MAX)
		return LONG_MAX;
	return (long)x;
}

/* Loads and computes one area's series. */
static int
build_series(struct store *st, struct gap_result *r, const struct gap_req *req, const char *area,
    struct gap_series *s, struct cairn_err *err)
{
	struct outcome_cell *cells = NULL;
	size_t n = 0, n5 = 0, n10 = 0;
	char *simd = NULL;
	int rc, ng;

	if ((rc = store_outcome_cells(st, r->ind.code, area, &cells, &n, &simd, err)) != CAIRN_OK)
		return rc;
	if (n == 0) {
		char names[1024];

		free(simd);
		store_outcome_area_names(st, r->ind.code, names, sizeof(names));
		return cairn_errf(err, CAIRN_EDATA,
		    "no data for indicator '%s' in area '%s'; areas "
		    "with data: %s",
		    r->ind.code, area, names[0] ? names : "none");
	}
	if (r->simd == NULL)
		r->simd = simd;
	else
		free(simd);
	for (size_t i = 0; i < n; i++)
		cells[i].ngroups == 10 ? n10++ : n5++;
	ng = n10 > n5 ? 10 : 5;
	s->area_code = xstrdup(cells[0].area_code);
	s->area_name = xstrdup(cells[0].area_name);
	s->periods = xcalloc(n, sizeof(*s->periods));
	for (size_t i = 0; i < n; i++) {
		const struct outcome_cell *c = &cells[i];
		struct gap_period *p;
		struct gap_group *g;

		if (c->ngroups != ng || c->grp < 1 || c->grp > ng)
			continue;
		if (s->nperiods == 0 ||
		    strcmp(s->periods[s->nperiods - 1].period, c->period) != 0) {
			p = &s->periods[s->nperiods++];
			p->period = xstrdup(c->period);
			p->ngroups = ng;
			p->deprived_fare_worse = -1;
			for (int k = 0; k < ng; k++) {
				p->groups[k].group = k + 1;
				p->groups[k].value = p->groups[k].lower = p->groups[k].upper = NAN;
			}
		}
		p = &s->periods[s->nperiods - 1];
		g = &p->groups[c->grp - 1];
		g->present = true;
		g->numerator = c->numerator;
		g->denominator = c->denominator;
		g->suppressed = !disclose_count_ok(count_of(c->numerator), r->threshold) ||
		    !disclose_percent_ok(count_of(c->denominator), r->threshold);
		group_value(r, g);
	}
	outcome_cells_free(cells, n);
	for (size_t i = 0; i < s->nperiods; i++)
		period_measures(r, req, &s->periods[i]);
	series_trend(s);
	return CAIRN_OK;
}

int
app_outcome_gap(struct store *st, const struct gap_req *req, struct gap_result *out,
    struct cairn_err *err)
{
	bool found = false;
	int rc, m, p;

	memset(out, 0, sizeof(*out));
	if (req->indicator == NULL || req->area == NULL)
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED,
		    req->indicator == NULL ? "indicator" : "area", "%s is required",
		    req->indicator == NULL ? "the indicator's code" : "the area's name");
	if ((rc = store_outcome_indicator_get(st, req->indicator, &out->ind, &found, err)) != 0)
		return rc;
	if (!found) {
		struct outcome_indicator *v = NULL;
		size_t n = 0;
		struct buf codes = BUF_INIT;

		if (store_outcome_indicator_list(st, &v, &n, NULL) == CAIRN_OK)
			for (size_t i = 0; i < n; i++)
				buf_printf(&codes, "%s%s", i ? ", " : "", v[i].code);
		outcome_indicators_free(v, n);
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_UNKNOWN, "indicator",
		    "unknown indicator '%s'; known: %s", req->indicator,
		    codes.len ? buf_str(&codes) : "none (import outcome data first)");
		buf_free(&codes);
		return rc;
	}
	m = outcome_measure_parse(out->ind.measure);
	p = outcome_polarity_parse(out->ind.polarity);
	out->measure = m < 0 ? OUTCOME_PROPORTION : (enum outcome_measure)m;
	out->polarity = p < 0 ? OUTCOME_NO_POLARITY : (enum outcome_polarity)p;
	out->convention = req->convention;
	out->reps = req->reps;
	out->seed = req->seed;
	out->threshold = req->threshold > 0 ? req->threshold : DISCLOSE_THRESHOLD_DEFAULT;
	if (out->measure == OUTCOME_PROPORTION)
		snprintf(out->unit, sizeof(out->unit), "%%");
	else
		snprintf(out->unit, sizeof(out->unit), "per %ld", out->ind.per);
	if ((rc = build_series(st, out, req, req->area, &out->area, err)) != CAIRN_OK)
		goto fail;
	if (req->compare != NULL) {
		if ((rc = build_series(st, out, req, req->compare, &out->compare, err)) != CAIRN_OK)
			goto fail;
		out->has_compare = true;
	}
	return CAIRN_OK;
fail:
	gap_result_free(out);
	return rc;
}

/* Adds about five round ticks from lo to hi. */
static void
add_ticks(struct doc_chart *c, const char *unit)
{
	double span = c->max - c->min, step = pow(10, floor(log10(span > 0 ? span : 1)));
	char label[32];

	if (span / step < 3)
		step /= 2;
	if (span / step > 8)
		step *= 2;
	for (double v = ceil(c->min / step) * step; v <= c->max + step * 1e-9; v += step) {
		snprintf(label, sizeof(label), "%g%s", fabs(v) < step * 1e-9 ? 0.0 : v,
		    strcmp(unit, "%") == 0 ? "%" : "");
		doc_chart_tick(c, v, label);
	}
}

struct doc_chart *
gap_doc_groups(const struct gap_result *r, struct doc_section *sec)
{
	const struct gap_series *s = &r->area;
	struct doc_chart *c;
	size_t n = 0, k = 0;
	double hi = 0;
	char title[512], label[96], text[64], desc[512];

	for (size_t i = 0; i < s->nperiods; i++)
		n += (size_t)s->periods[i].ngroups;
	snprintf(title, sizeof(title), "%s, %s: by deprivation group (1 = most deprived)",
	    r->ind.title, s->area_name);
	c = doc_chart(sec, "outcome-groups", title, n, true);
	for (size_t i = 0; i < s->nperiods; i++) {
		const struct gap_period *p = &s->periods[i];

		for (int g = 0; g < p->ngroups; g++, k++) {
			const struct gap_group *gg = &p->groups[g];
			bool show = gg->present && !gg->suppressed;

			snprintf(label, sizeof(label), "%s group %d%s", p->period, gg->group,
			    gg->group == 1                ? " (most deprived)"
			        : gg->group == p->ngroups ? " (least deprived)"
			                                  : "");
			if (!gg->present)
				snprintf(text, sizeof(text), "no data");
			else if (gg->suppressed)
				snprintf(text, sizeof(text), "fewer than %ld", r->threshold);
			else
				snprintf(text, sizeof(text), "%.1f%s", gg->value,
				    strcmp(r->unit, "%") == 0 ? "%" : "");
			doc_chart_bar(c, k, label, show ? gg->value : NAN, show ? gg->lower : NAN,
			    show ? gg->upper : NAN, text);
			if (show && gg->upper > hi)
				hi = gg->upper;
		}
	}
	c->min = 0;
	c->max = hi > 0 ? hi * 1.05 : 1;
	snprintf(desc, sizeof(desc),
	    "Values of %s in %s for each deprivation group and period, "
	    "with 95%% confidence intervals; counts below %ld are not shown.",
	    r->ind.title, s->area_name, r->threshold);
	c->desc = xstrdup(desc);
	c->axis = xstrdup(r->unit);
	add_ticks(c, r->unit);
	return c;
}

void
gap_chart_groups(const struct gap_result *r, struct buf *out)
{
	struct doc d;

	memset(&d, 0, sizeof(d));
	svg_chart(gap_doc_groups(r, doc_section(&d, "gap", "gap", 1, false)), out);
	doc_free(&d);
}

struct doc_chart *
gap_doc_sii(const struct gap_result *r, struct doc_section *sec)
{
	const struct gap_series *s = &r->area;
	struct doc_chart *c;
	double lo = 0, hi = 0;
	char title[512], text[64], desc[600], axis[96];

	snprintf(title, sizeof(title), "%s, %s: slope index of inequality (%s) over time",
	    r->ind.title, s->area_name, stats_sii_convention_table[r->convention].code);
	c = doc_chart(sec, "outcome-sii", title, s->nperiods, true);
	for (size_t i = 0; i < s->nperiods; i++) {
		const struct gap_period *p = &s->periods[i];

		if (p->have_measures) {
			snprintf(text, sizeof(text), "%.2f", p->sii.sii);
			if (p->sii_lower < lo)
				lo = p->sii_lower;
			if (p->sii_upper > hi)
				hi = p->sii_upper;
		} else {
			snprintf(text, sizeof(text), "%s",
			    p->withheld ? "withheld" : "not computed");
		}
		doc_chart_bar(c, i, p->period, p->have_measures ? p->sii.sii : NAN,
		    p->have_measures ? p->sii_lower : NAN, p->have_measures ? p->sii_upper : NAN,
		    text);
	}
	c->min = lo;
	c->max = hi > lo ? hi * 1.05 : lo + 1;
	snprintf(desc, sizeof(desc),
	    "Slope index of inequality of %s in %s by period with 95%% "
	    "intervals (%s convention: %s). Trend: %s.",
	    r->ind.title, s->area_name, stats_sii_convention_table[r->convention].code,
	    stats_sii_convention_table[r->convention].sii_meaning,
	    s->have_trend ? stats_trend_verdict_name[s->trend.verdict] : "not enough periods");
	c->desc = xstrdup(desc);
	snprintf(axis, sizeof(axis), "SII (%s)",
	    strcmp(r->unit, "%") == 0 ? "percentage points" : r->unit);
	c->axis = xstrdup(axis);
	add_ticks(c, "");
	return c;
}

void
gap_chart_sii(const struct gap_result *r, struct buf *out)
{
	struct doc d;

	memset(&d, 0, sizeof(d));
	svg_chart(gap_doc_sii(r, doc_section(&d, "gap", "gap", 1, false)), out);
	doc_free(&d);
}

/* Returns v as a JSON real, or null when it is not finite. */
static json_t *
jnum(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

/* One period as JSON; suppressed counts and withheld measures are null. */
static json_t *
period_json(const struct gap_period *p)
{
	json_t *groups = json_array(), *o;

	for (int i = 0; i < p->ngroups; i++) {
		const struct gap_group *g = &p->groups[i];
		bool show = g->present && !g->suppressed;

		json_array_append_new(groups,
		    json_pack("{s:i, s:b, s:b, s:o, s:o, s:o, s:o, s:o, s:s?}", "group", g->group,
		        "present", g->present, "suppressed", g->suppressed, "numerator",
		        show ? json_real(g->numerator) : json_null(), "denominator",
		        g->present ? json_real(g->denominator) : json_null(), "value",
		        jnum(show ? g->value : NAN), "lower", jnum(show ? g->lower : NAN), "upper",
		        jnum(show ? g->upper : NAN), "method", g->present ? g->method : NULL));
	}
	o = json_pack("{s:s, s:i, s:o}", "period", p->period, "groups", p->ngroups, "values",
	    groups);
	if (p->have_measures) {
		json_object_set_new(o, "sii", jnum(p->sii.sii));
		json_object_set_new(o, "sii_lower", jnum(p->sii_lower));
		json_object_set_new(o, "sii_upper", jnum(p->sii_upper));
		json_object_set_new(o, "rii", jnum(p->sii.rii));
		json_object_set_new(o, "rii_lower", jnum(p->rii_lower));
		json_object_set_new(o, "rii_upper", jnum(p->rii_upper));
		json_object_set_new(o, "interval", json_string(p->interval));
		json_object_set_new(o, "par", jnum(p->ranges.par));
		json_object_set_new(o, "abs_range", jnum(p->ranges.abs_range));
		json_object_set_new(o, "rel_range", jnum(p->ranges.rel_range));
		json_object_set_new(o, "overall", jnum(p->overall));
		json_object_set_new(o, "deprived_fare_worse",
		    p->deprived_fare_worse < 0 ? json_null()
		                               : json_boolean(p->deprived_fare_worse));
	} else {
		json_object_set_new(o, "sii", json_null());
		json_object_set_new(o, "withheld", json_boolean(p->withheld));
		json_object_set_new(o, "note", json_string(p->why ? p->why : "not computed"));
	}
	return o;
}

/* One area's series as JSON. */
static json_t *
series_json(const struct gap_series *s)
{
	json_t *periods = json_array(), *trend = json_null();

	for (size_t i = 0; i < s->nperiods; i++)
		json_array_append_new(periods, period_json(&s->periods[i]));
	if (s->have_trend)
		trend = json_pack("{s:o, s:o, s:o, s:s, s:I, s:s}", "change_per_year",
		    jnum(s->trend.change), "lower", jnum(s->trend.lower), "upper",
		    jnum(s->trend.upper), "verdict", stats_trend_verdict_name[s->trend.verdict],
		    "periods", (json_int_t)s->trend.n, "method",
		    s->trend.weighted
		        ? "regression of the SII on the period's date weighted by each period's "
		          "sampling error (normal interval, widened when the periods scatter more "
		          "than sampling explains)"
		        : "least squares regression of the SII on the period's date (t interval)");
	return json_pack("{s:s, s:s, s:o, s:o, s:s?}", "area_code", s->area_code, "area_name",
	    s->area_name, "periods", periods, "trend", trend, "trend_note",
	    s->have_trend ? NULL : s->trend_why);
}

json_t *
gap_result_json(const struct gap_result *r)
{
	const struct stats_sii_convention_info *ci = &stats_sii_convention_table[r->convention];

	return json_pack("{s:{s:s, s:s, s:s, s:I, s:s, s:s?}, s:s, s:s?, "
	                 "s:{s:s, s:s, s:s, s:s}, s:i, s:I, s:I, s:o, s:o}",
	    "indicator", "code", r->ind.code, "title", r->ind.title, "measure", r->ind.measure,
	    "per", (json_int_t)r->ind.per, "polarity", r->ind.polarity, "source", r->ind.source,
	    "unit", r->unit, "simd", r->simd, "convention", "code", ci->code, "label", ci->label,
	    "sii_meaning", ci->sii_meaning, "rii_meaning", ci->rii_meaning, "disclosure_threshold",
	    OUTCOME_DISCLOSURE_MIN, "reps", (json_int_t)r->reps, "seed", (json_int_t)r->seed,
	    "area", series_json(&r->area), "compare",
	    r->has_compare ? series_json(&r->compare) : json_null());
}
