/* The report's area and its sections: see report_area.h. */
#include "app/publication/report_area.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/publication/disclose.h"
#include "app/outcomes/gap.h"
#include "core/buf.h"
#include "core/mem.h"
#include "core/text.h"
#include "store/outcome.h"

/* Words a partnership's name may end with that an area's name does not. */
static const char *const NAME_SUFFIXES[] = {
	" community planning partnership",
	" community planning",
	" partnership",
	" cpp",
	" council",
	" area",
};

/* The Care Inspectorate's six-point scale, by grade (index 0: not graded). */
static const char *const CARE_GRADE[7] = {
	"Not yet graded",
	"1 Unsatisfactory",
	"2 Weak",
	"3 Adequate",
	"4 Good",
	"5 Very good",
	"6 Excellent",
};

/* Writes "May 2026" for "2026-05" into out (or the input as it is). */
static const char *
month_year(const char *ym, char *out, size_t outsz)
{
	static const char *const months[] = { "January", "February", "March", "April", "May",
		"June", "July", "August", "September", "October", "November", "December" };
	long y, m;
	char year[8];

	text_copy(year, 5, ym);
	if (strlen(ym) == 7 && ym[4] == '-' && text_parse_long(year, 1900, 2999, &y) &&
	    text_parse_long(ym + 5, 1, 12, &m))
		snprintf(out, outsz, "%s %ld", months[m - 1], y);
	else
		snprintf(out, outsz, "%s", ym);
	return out;
}

/* Adds key to the area's keys unless it is empty or already there. */
static void
add_key(struct report_area *a, const char *key)
{
	if (key == NULL || key[0] == '\0' || a->nkeys >= REPORT_AREA_KEYS)
		return;
	for (int i = 0; i < a->nkeys; i++)
		if (text_casecmp(a->keys[i], key) == 0)
			return;
	text_copy(a->keys[a->nkeys++], sizeof(a->keys[0]), key);
}

/* Adds the spellings a partnership's name may stand for: as written,
 * without a bracketed remark, without "The" and without the suffixes. */
static void
name_keys(struct report_area *a, const char *partnership)
{
	char s[128], low[128];
	char *p;
	bool again = true;

	add_key(a, partnership);
	text_copy(s, sizeof(s), partnership);
	if ((p = strchr(s, '(')) != NULL)
		*p = '\0';
	p = text_trim(s);
	if (p != s)
		memmove(s, p, strlen(p) + 1);
	text_lower(s, low, sizeof(low));
	if (strncmp(low, "the ", 4) == 0 && strlen(s) > 4)
		memmove(s, s + 4, strlen(s + 4) + 1);
	while (again) {
		again = false;
		text_lower(s, low, sizeof(low));
		for (size_t i = 0; i < sizeof(NAME_SUFFIXES) / sizeof(NAME_SUFFIXES[0]); i++) {
			size_t n = strlen(low), k = strlen(NAME_SUFFIXES[i]);

			if (n > k && strcmp(low + n - k, NAME_SUFFIXES[i]) == 0) {
				s[n - k] = '\0';
				again = true;
				break;
			}
		}
	}
	add_key(a, text_trim(s));
}

/* Sets a->outcome_area to the first key any indicator has data under. */
static int
find_outcome_area(struct store *st, struct report_area *a, struct cairn_err *err)
{
	struct outcome_indicator *ind = NULL;
	size_t nind = 0;
	int rc;

	if ((rc = store_outcome_indicator_list(st, &ind, &nind, err)) != CAIRN_OK)
		return rc;
	for (int k = 0; k < a->nkeys && a->outcome_area[0] == '\0'; k++) {
		for (size_t i = 0; i < nind && a->outcome_area[0] == '\0'; i++) {
			struct outcome_cell *cells = NULL;
			size_t n = 0;
			char *simd = NULL;

			if ((rc = store_outcome_cells(st, ind[i].code, a->keys[k], &cells, &n,
			         &simd, err)) != CAIRN_OK)
				goto out;
			if (n > 0) {
				text_copy(a->outcome_area, sizeof(a->outcome_area), a->keys[k]);
				if (a->name[0] == '\0')
					text_copy(a->name, sizeof(a->name), cells[0].area_name);
			}
			outcome_cells_free(cells, n);
			free(simd);
		}
	}
out:
	outcome_indicators_free(ind, nind);
	return rc;
}

int
report_area_find(struct store *st, const char *partnership, const char *explicit_area,
    const char *data_dir, struct report_area *out, struct cairn_err *err)
{
	struct report_area *a = out;
	char tried[REPORT_AREA_KEYS][128];
	int ntried, rc;

	memset(a, 0, sizeof(*a));
	a->explicit_area = explicit_area != NULL;
	if (explicit_area != NULL)
		add_key(a, explicit_area);
	else
		name_keys(a, partnership != NULL ? partnership : "");
	ntried = a->nkeys;
	memcpy(tried, a->keys, sizeof(tried));
	/* The open data's lookup knows every spelling of a council area. */
	a->ctx = xcalloc(1, sizeof(*a->ctx));
	for (int k = 0; k < ntried && !a->has_context; k++) {
		struct cairn_err e;

		memset(&e, 0, sizeof(e));
		rc = app_context(data_dir, tried[k], a->ctx, &e);
		if (rc == CAIRN_OK)
			a->has_context = true;
		else if (rc != CAIRN_EDATA || strncmp(e.msg, "unknown council area", 20) != 0)
			break; /* no open data here (or unreadable): no context */
	}
	if (a->has_context) {
		text_copy(a->name, sizeof(a->name), a->ctx->area_name);
		/* Outcomes may be stored under the code or the name. */
		a->nkeys = 0;
		add_key(a, a->ctx->area_code);
		add_key(a, a->ctx->area_name);
		for (int k = 0; k < ntried; k++)
			add_key(a, tried[k]);
	} else {
		free(a->ctx);
		a->ctx = NULL;
	}
	if ((rc = find_outcome_area(st, a, err)) != CAIRN_OK) {
		report_area_free(a);
		return rc;
	}
	if (a->explicit_area && !a->has_context && a->outcome_area[0] == '\0') {
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_UNKNOWN, "area",
		    "no outcome data and no council area of the open "
		    "data match the area '%s'; give a council area's name or S12 code, or an "
		    "area of the imported outcome data",
		    explicit_area);
		report_area_free(a);
		return rc;
	}
	return CAIRN_OK;
}

void
report_area_free(struct report_area *a)
{
	free(a->ctx);
	memset(a, 0, sizeof(*a));
}

/* Writes 100 * part / whole with one decimal and "%" into out, or "". */
static const char *
share(long part, long whole, char *out, size_t outsz)
{
	if (whole > 0)
		snprintf(out, outsz, "%.1f%%", 100.0 * (double)part / (double)whole);
	else
		snprintf(out, outsz, "not known");
	return out;
}

/* Writes a value with one decimal, or "not available". */
static const char *
num1(double v, char *out, size_t outsz)
{
	if (isfinite(v))
		snprintf(out, outsz, "%.1f", v);
	else
		snprintf(out, outsz, "not available");
	return out;
}

/* Adds a source line: publisher, dataset, year and licence. */
static void
source_para(struct doc_section *s, const struct context_source *src, const char *year)
{
	doc_para(s, "Source: %s, %s (%s; file %s). %s.", src->publisher, src->dataset, year,
	    src->file, src->licence);
}

/* Children aged 0-17 by SIMD quintile, beside Scotland. */
static void
context_children(const struct context *x, struct doc_section *s, long threshold)
{
	static const char *const heads[] = { "SIMD 2020 quintile", "Children aged 0-17",
		"Share of the area's children", "Share of Scotland's children" };
	static const double widths[] = { 3, 2, 2.2, 2.2 };
	struct doc_table *t;
	char year[16];

	doc_para(s,
	    "In mid-%d, %ld children and young people aged 0 to 17 lived in %s. The "
	    "table shows how they were spread across the quintiles of the Scottish Index of "
	    "Multiple Deprivation (SIMD) 2020, from the most deprived fifth of Scotland's data "
	    "zones (quintile 1) to the least deprived (quintile 5), beside Scotland.",
	    x->population_year, x->children, x->area_name);
	t = doc_table(s, "context-children", "Children aged 0-17 by SIMD 2020 quintile", 4, heads,
	    widths);
	for (int q = 0; q < 5; q++) {
		char label[48], n[32], a[32], b[32];
		bool ok = disclose_count_ok(x->children_quintile[q], threshold);

		snprintf(label, sizeof(label), "%d%s", q + 1,
		    q == 0       ? " (most deprived)"
		        : q == 4 ? " (least deprived)"
		                 : "");
		disclose_text(x->children_quintile[q], ok ? DISCLOSE_SHOWN : DISCLOSE_PRIMARY,
		    threshold, n, sizeof(n));
		{
			const char *row[] = { label, n,
				ok ? share(x->children_quintile[q], x->children, a, sizeof(a))
				   : "not shown",
				share(x->scotland_quintile[q], x->scotland_children, b,
				    sizeof(b)) };

			doc_row(t, DOC_ROW_DATA, row);
		}
	}
	{
		char n[32];
		const char *row[] = { "All", n, "100%", "100%" };

		snprintf(n, sizeof(n), "%ld", x->children);
		doc_row(t, DOC_ROW_TOTAL, row);
	}
	snprintf(year, sizeof(year), "%d", x->population_year);
	source_para(s, &x->population_source, year);
	source_para(s, &x->simd_source, "2020");
}

/* The LGBF children's-services indicators: the latest year with a value
 * for the area, and the first, each beside Scotland. */
static void
context_benchmarking(const struct context *x, struct doc_section *s)
{
	static const char *const heads[] = { "Indicator", "Year", "Area", "Scotland",
		"Earliest year (area, Scotland)" };
	static const double widths[] = { 3.8, 1.6, 1.3, 1.9, 2.6 };
	struct doc_table *t;
	const char *first_year = NULL, *last_year = NULL;

	if (x->nlgbf == 0)
		return;
	doc_para(s,
	    "The Local Government Benchmarking Framework publishes indicators of "
	    "children's services for every council. For each one the table gives %s's latest "
	    "value beside Scotland's, and the earliest published value for comparison.",
	    x->area_name);
	t = doc_table(s, "context-benchmarking", "Children's services benchmarking indicators", 5,
	    heads, widths);
	for (size_t k = 0; k < x->nlgbf; k++) {
		const struct context_lgbf *l = &x->lgbf[k];
		const struct context_year *latest = NULL, *first = NULL;
		char title[256], a[32], b[32], early[96], c[32], d[32];

		for (size_t y = 0; y < l->nyears; y++)
			if (isfinite(l->years[y].area)) {
				if (first == NULL)
					first = &l->years[y];
				latest = &l->years[y];
			}
		if (latest == NULL)
			continue;
		snprintf(title, sizeof(title), "%s (%s)%s", l->title, l->code,
		    l->higher_is_better ? "; higher is better" : "");
		if (first != latest)
			snprintf(early, sizeof(early), "%s: %s, %s", first->year,
			    num1(first->area, c, sizeof(c)), num1(first->scotland, d, sizeof(d)));
		else
			snprintf(early, sizeof(early), "only one year");
		{
			const char *row[] = { title, latest->year, num1(latest->area, a, sizeof(a)),
				num1(latest->scotland, b, sizeof(b)), early };

			doc_row(t, DOC_ROW_DATA, row);
		}
		if (first_year == NULL || strcmp(first->year, first_year) < 0)
			first_year = first->year;
		if (last_year == NULL || strcmp(latest->year, last_year) > 0)
			last_year = latest->year;
	}
	if (first_year != NULL) {
		char years[48];

		snprintf(years, sizeof(years), "%s to %s", first_year, last_year);
		source_para(s, &x->lgbf_source, years);
	}
}

/* The registered children's care services and their latest grades. */
static void
context_services(const struct context *x, struct doc_section *s)
{
	static const char *const kheads[] = { "Type of service", "Active services" };
	static const char *const gheads[] = { "Lowest latest grade", "Services" };
	static const double widths[] = { 5, 2 };
	struct doc_table *t;
	char n[32], when[32];

	if (x->services <= 0)
		return;
	doc_para(s,
	    "In %s, %ld registered care services for children were active in %s, with "
	    "%ld registered places where a number is given. The tables show the kinds of service "
	    "and, for each service, the lowest of its latest grades on the Care Inspectorate's "
	    "six-point scale.",
	    month_year(x->services_as_at, when, sizeof(when)), x->services, x->area_name,
	    x->places);
	t = doc_table(s, "context-care-services", "Registered children's care services by type", 2,
	    kheads, widths);
	for (size_t k = 0; k < x->nkinds; k++) {
		const char *row[] = { x->kinds[k].kind, n };

		snprintf(n, sizeof(n), "%ld", x->kinds[k].count);
		doc_row(t, DOC_ROW_DATA, row);
	}
	t = doc_table(s, "context-care-grades",
	    "Registered children's care services by their "
	    "lowest latest grade",
	    2, gheads, widths);
	for (int g = 6; g >= 0; g--) {
		const char *row[] = { CARE_GRADE[g], n };

		snprintf(n, sizeof(n), "%ld", x->min_grade[g]);
		doc_row(t, DOC_ROW_DATA, row);
	}
	source_para(s, &x->services_source, x->services_as_at);
}

void
report_area_context(const struct report_area *a, struct doc_section *s, long threshold)
{
	if (!a->has_context)
		return;
	context_children(a->ctx, s, threshold);
	context_benchmarking(a->ctx, s);
	context_services(a->ctx, s);
}

/* ---- outcomes ---- */

/* Writes a value with its unit ("12.3%" or "4.5 per 1000"). */
static const char *
with_unit(const struct gap_result *r, double v, char *out, size_t outsz)
{
	if (strcmp(r->unit, "%") == 0)
		snprintf(out, outsz, "%.1f%%", v);
	else
		snprintf(out, outsz, "%.1f %s", v, r->unit);
	return out;
}

/* Replaces a chart's id with "what-CODE" (short: a sheet name of the
 * spreadsheet is cut at 24 characters) and its title with title (taken:
 * the sub-section's heading names the indicator). */
static void
chart_id(struct doc_chart *c, const char *code, const char *what, char *title)
{
	free(c->id);
	c->id = xasprintf("%s-%s", what, code);
	free(c->title);
	c->title = title;
}

/* The table of group values by period. */
static void
groups_table(const struct gap_result *r, struct doc_section *s)
{
	static const char *const heads[] = { "Period", "Deprivation group", "Population",
		"Value (95% interval)" };
	static const double widths[] = { 1.4, 2.8, 1.4, 3.6 };
	char id[160], cap[400];
	struct doc_table *t;

	snprintf(id, sizeof(id), "values-%s", r->ind.code);
	snprintf(cap, sizeof(cap), "%s by deprivation group and period", r->ind.title);
	t = doc_table(s, id, cap, 4, heads, widths);
	for (size_t i = 0; i < r->area.nperiods; i++) {
		const struct gap_period *p = &r->area.periods[i];

		for (int g = 0; g < p->ngroups; g++) {
			const struct gap_group *gg = &p->groups[g];
			char grp[48], pop[32], val[96], a[32], b[32], c[32];
			bool pop_ok =
			    gg->present && disclose_count_ok((long)gg->denominator, r->threshold);

			snprintf(grp, sizeof(grp), "%d%s", gg->group,
			    gg->group == 1                ? " (most deprived)"
			        : gg->group == p->ngroups ? " (least deprived)"
			                                  : "");
			if (!gg->present)
				snprintf(pop, sizeof(pop), "no data");
			else
				disclose_text((long)gg->denominator,
				    pop_ok ? DISCLOSE_SHOWN : DISCLOSE_PRIMARY, r->threshold, pop,
				    sizeof(pop));
			if (!gg->present)
				snprintf(val, sizeof(val), "no data");
			else if (gg->suppressed)
				snprintf(val, sizeof(val), "not shown (fewer than %ld)",
				    r->threshold);
			else if (!isfinite(gg->value))
				snprintf(val, sizeof(val), "not computed");
			else
				snprintf(val, sizeof(val), "%s (%s to %s)",
				    with_unit(r, gg->value, a, sizeof(a)),
				    num1(gg->lower, b, sizeof(b)), num1(gg->upper, c, sizeof(c)));
			{
				const char *row[] = { p->period, grp, pop, val };

				doc_row(t, DOC_ROW_DATA, row);
			}
		}
	}
}

/* Returns the comparison area's period called name, or NULL. */
static const struct gap_period *
compare_period(const struct gap_result *r, const char *name)
{
	if (!r->has_compare)
		return NULL;
	for (size_t i = 0; i < r->compare.nperiods; i++)
		if (strcmp(r->compare.periods[i].period, name) == 0)
			return &r->compare.periods[i];
	return NULL;
}

/* The table of the SII and RII by period (and the comparison's SII). */
static void
sii_table(const struct gap_result *r, struct doc_section *s)
{
	static const char *const heads[] = { "Period", "SII (95% interval)", "RII (95% interval)",
		"Overall", "Scotland's SII" };
	static const double widths[] = { 1.5, 2.7, 2.4, 1.6, 2.2 };
	char id[160], cap[400];
	struct doc_table *t;
	size_t ncols = r->has_compare ? 5 : 4;

	snprintf(id, sizeof(id), "measures-%s", r->ind.code);
	snprintf(cap, sizeof(cap), "%s: slope and relative indices of inequality by period",
	    r->ind.title);
	t = doc_table(s, id, cap, ncols, heads, widths);
	for (size_t i = 0; i < r->area.nperiods; i++) {
		const struct gap_period *p = &r->area.periods[i],
		                        *cp = compare_period(r, p->period);
		char sii[96], rii[96], all[48], cmp[96];

		if (p->have_measures) {
			snprintf(sii, sizeof(sii), "%.2f (%.2f to %.2f)", p->sii.sii, p->sii_lower,
			    p->sii_upper);
			snprintf(rii, sizeof(rii), "%.2f (%.2f to %.2f)", p->sii.rii, p->rii_lower,
			    p->rii_upper);
			with_unit(r, p->overall, all, sizeof(all));
		} else {
			snprintf(sii, sizeof(sii), "%s",
			    p->withheld ? "withheld (small numbers)" : "not computed");
			snprintf(rii, sizeof(rii), "%s", sii);
			snprintf(all, sizeof(all), "%s", p->withheld ? "withheld" : "not computed");
		}
		if (cp != NULL && cp->have_measures)
			snprintf(cmp, sizeof(cmp), "%.2f (%.2f to %.2f)", cp->sii.sii,
			    cp->sii_lower, cp->sii_upper);
		else
			snprintf(cmp, sizeof(cmp), "not available");
		{
			const char *row[] = { p->period, sii, rii, all, cmp };

			doc_row(t, DOC_ROW_DATA, row);
		}
	}
}

/* The sentence on the trend of the gap. */
static void
trend_para(const struct gap_result *r, const struct gap_series *s, struct doc_section *sec,
    const char *who)
{
	if (!s->have_trend) {
		doc_para(sec, "Trend in %s: cannot be judged (%s).", who,
		    s->trend_why != NULL ? s->trend_why : "not enough periods");
		return;
	}
	doc_para(sec,
	    "Trend in %s: over %zu periods the SII changed by %.2f a year (95%% "
	    "interval %.2f to %.2f): %s.%s",
	    who, s->trend.n, s->trend.change, s->trend.lower, s->trend.upper,
	    stats_trend_verdict_name[s->trend.verdict],
	    s->trend.verdict == STATS_TREND_NO_CLEAR_CHANGE
	        ? " The interval includes zero, so "
	          "the data do not show the gap narrowing or widening."
	        : "");
	(void)r;
}

/* Adds one indicator's sub-section. */
static void
indicator_section(struct doc *doc, const struct gap_result *r)
{
	struct doc_section *s;
	char id[160], *h;
	struct doc_chart *c;

	snprintf(id, sizeof(id), "outcome-%s", r->ind.code);
	h = xasprintf("Outcome gap: %s", r->ind.title);
	s = doc_section(doc, id, h, 2, false);
	free(h);
	doc_para(s, "%s in %s, %s, by SIMD %s deprivation group (1 = most deprived)%s%s. %s",
	    r->ind.title, r->area.area_name,
	    r->measure == OUTCOME_PROPORTION ? "per cent" : r->unit, r->simd != NULL ? r->simd : "",
	    r->ind.source != NULL ? "; source: " : "", r->ind.source != NULL ? r->ind.source : "",
	    r->polarity == OUTCOME_HIGHER_WORSE        ? "A higher value is worse."
	        : r->polarity == OUTCOME_HIGHER_BETTER ? "A higher value is better."
	                                               : "");
	doc_para(s,
	    "The slope index of inequality (SII, %s convention: %s) is the gap between "
	    "the most and least deprived ends of the population; the relative index (RII) "
	    "compares it with the overall value. Groups with fewer than %ld events are not "
	    "shown, and the measures of a period that could reveal them are withheld.",
	    stats_sii_convention_table[r->convention].code,
	    stats_sii_convention_table[r->convention].sii_meaning, r->threshold);
	trend_para(r, &r->area, s, r->area.area_name);
	if (r->has_compare)
		trend_para(r, &r->compare, s, r->compare.area_name);
	groups_table(r, s);
	c = gap_doc_groups(r, s);
	chart_id(c, r->ind.code, "groups",
	    xasprintf("%s: by deprivation group and period", r->area.area_name));
	sii_table(r, s);
	c = gap_doc_sii(r, s);
	chart_id(c, r->ind.code, "sii",
	    xasprintf("%s: slope index of inequality over time", r->area.area_name));
}

int
report_area_gap(struct store *st, const struct report_area *a, const char *indicator,
    long threshold, struct gap_result *out, struct cairn_err *err)
{
	struct gap_req req;
	int rc;

	memset(&req, 0, sizeof(req));
	memset(out, 0, sizeof(*out));
	if (a->outcome_area[0] == '\0')
		return cairn_errf(err, CAIRN_EDATA,
		    "there are no outcome data for this partnership's area");
	req.indicator = indicator;
	req.area = a->outcome_area;
	req.compare = text_casecmp(a->name, "Scotland") != 0 ? "Scotland" : NULL;
	req.convention = STATS_SII_SCOTPHO;
	req.threshold = threshold;
	req.seed = 1; /* the CLI's default; no simulation (reps 0) uses it */
	rc = app_outcome_gap(st, &req, out, err);
	if (rc == CAIRN_EDATA && req.compare != NULL) {
		/* No data for Scotland (or none for the area): without comparison. */
		req.compare = NULL;
		memset(err, 0, sizeof(*err));
		rc = app_outcome_gap(st, &req, out, err);
	}
	return rc;
}

int
report_area_outcomes(struct store *st, const struct report_area *a, struct doc *doc,
    const char *title, long threshold, struct cairn_err *err)
{
	struct outcome_indicator *ind = NULL;
	size_t nind = 0;
	bool any = false;
	int rc;

	if (a->outcome_area[0] == '\0')
		return CAIRN_OK;
	if ((rc = store_outcome_indicator_list(st, &ind, &nind, err)) != CAIRN_OK)
		return rc;
	for (size_t i = 0; i < nind; i++) {
		struct gap_result r;
		struct cairn_err e;

		memset(&e, 0, sizeof(e));
		rc = report_area_gap(st, a, ind[i].code, threshold, &r, &e);
		if (rc == CAIRN_EDATA)
			continue; /* this indicator has no data for the area */
		if (rc != CAIRN_OK) {
			cairn_errf(err, rc, "%s", e.msg);
			goto out;
		}
		if (!any) {
			struct doc_section *s = doc_section(doc, "outcomes", title, 1, false);

			doc_para(s,
			    "Are the gaps in outcomes between children growing up in more and "
			    "less deprived communities narrowing? For each indicator with data for "
			    "%s, "
			    "this chapter gives the value in each deprivation group, the slope "
			    "index of "
			    "inequality (SII) for each period with its 95%% confidence interval, "
			    "and a "
			    "verdict on its trend, which speaks only when the interval of the "
			    "change "
			    "excludes zero.",
			    a->name[0] ? a->name : a->outcome_area);
			any = true;
		}
		indicator_section(doc, &r);
		gap_result_free(&r);
	}
	rc = CAIRN_OK;
out:
	outcome_indicators_free(ind, nind);
	return rc;
}
