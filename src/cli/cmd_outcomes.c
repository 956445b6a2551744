/* cairn outcomes import|gap|indicators: outcome indicators and their gaps. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/file.h"
#include "app/outcomes/gap.h"
#include "app/outcomes/outcome.h"
#include "app/outcomes/lookup.h"
#include "cli/cli.h"
#include "core/buf.h"
#include "core/mem.h"
#include "core/text.h"
#include "core/outcome.h"

static int
outcomes_import(struct cli *c, int argc, char **argv)
{
	struct outcome_import_req req = { 0 };
	bool child = false;
	const struct cli_opt opts[] = {
		{ "indicators", &req.indicators, NULL,
		    "META.csv  indicator metadata (code, title, "
		    "measure, polarity, source[, per])" },
		{ "q1", &req.q1, NULL,
		    "most-deprived|least-deprived  how group 1 is coded (required)" },
		{ "simd", &req.simd, NULL, "2016|2020  SIMD version of the groups (required)" },
		{ "child-level", NULL, &child,
		    "one row per child: aggregate 0/1 indicator columns" },
		{ NULL, NULL, NULL, NULL },
	};
	struct outcome_import_result res;
	struct csv_errors errs;
	const char *pos[1], *errs_file = NULL;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 1, 1,
	         "FILE [--indicators META.csv] --q1 most-deprived|least-deprived --simd 2016|2020 "
	         "[--child-level]",
	         "Import outcome indicators by deprivation group (SIMD quintile 1-5 or decile\n"
	         "1-10).  FILE has the columns indicator, area_code, area_name, period, group,\n"
	         "numerator, denominator; with --child-level one row per child with area_code,\n"
	         "area_name, period, group and a 0/1 column per indicator (empty = not\n"
	         "recorded), aggregated in one pass.  All or nothing: a file with any error\n"
	         "imports nothing and the first 20 errors are listed with line and column.\n"
	         "A plain child-level file (ASCII, no quotes) is counted by a fast path into a\n"
	         "dense table; any other file, and every error, goes through the general\n"
	         "reader, with the same results (--json: \"reader\": \"fast\" or \"general\").")) !=
	    0)
		return rc;
	req.path = pos[0];
	req.child_level = child;
	if ((rc = cli_open(c)) != 0)
		return rc;
	rc = app_outcome_import(c->st, cli_actor(c), &req, &res, &errs, &errs_file, &c->err);
	if (rc != CAIRN_OK) {
		if (errs.total > 0)
			cli_print_import_errors(c, &errs, errs_file);
		return rc;
	}
	if (c->json)
		cli_print_json(json_pack("{s:I, s:s, s:I, s:I, s:I, s:i, s:s, s:s, s:s}", "import",
		    (json_int_t)res.import_id, "kind", child ? "child-level" : "aggregate", "rows",
		    (json_int_t)res.rows, "cells", (json_int_t)res.cells, "indicators",
		    (json_int_t)res.indicators, "groups", res.ngroups, "q1", req.q1, "simd",
		    req.simd, "reader", res.fast ? "fast" : "general"));
	else
		printf("imported %ld cells from %ld rows (%s; %s; group 1 = %s; SIMD %s)\n",
		    res.cells, res.rows, child ? "child-level" : "aggregate",
		    res.ngroups == 10 ? "deciles" : "quintiles", req.q1, req.simd);
	return CAIRN_OK;
}

static int
outcomes_indicators(struct cli *c, int argc, char **argv)
{
	struct outcome_indicator *v = NULL;
	const char *pos[1];
	size_t n = 0;
	int rc;

	if ((rc = cli_parse(c, argc, argv, NULL, pos, 0, 0, "", "List the outcome indicators.")) !=
	        0 ||
	    (rc = cli_open(c)) != 0 ||
	    (rc = app_outcome_indicator_list(c->st, &v, &n, &c->err)) != 0)
		return rc;
	if (c->json) {
		json_t *a = json_array();

		for (size_t i = 0; i < n; i++)
			json_array_append_new(a,
			    json_pack("{s:s, s:s, s:s, s:I, s:s, s:s?}", "code", v[i].code, "title",
			        v[i].title, "measure", v[i].measure, "per", (json_int_t)v[i].per,
			        "polarity", v[i].polarity, "source", v[i].source));
		cli_print_json(a);
	} else {
		for (size_t i = 0; i < n; i++)
			printf("%-24s %-10s %-13s %s\n", v[i].code, v[i].measure, v[i].polarity,
			    v[i].title);
	}
	outcome_indicators_free(v, n);
	return CAIRN_OK;
}

/* Prints one area's series as text. */
static void
series_text(const struct gap_result *r, const struct gap_series *s)
{
	printf("\n%s (%s)\n", s->area_name, s->area_code);
	for (size_t i = 0; i < s->nperiods; i++) {
		const struct gap_period *p = &s->periods[i];

		printf("  %s\n", p->period);
		for (int g = 0; g < p->ngroups; g++) {
			const struct gap_group *gg = &p->groups[g];

			if (!gg->present)
				printf("    group %-2d  no data\n", gg->group);
			else if (gg->suppressed)
				printf("    group %-2d  fewer than %d (suppressed)\n", gg->group,
				    OUTCOME_DISCLOSURE_MIN);
			else
				printf("    group %-2d  %8.2f  (%.2f to %.2f)  %g / %g\n",
				    gg->group, gg->value, gg->lower, gg->upper, gg->numerator,
				    gg->denominator);
		}
		if (p->have_measures)
			printf("    SII %.3f (%.3f to %.3f, %s); RII %.3f (%.3f to %.3f); PAR "
			       "%.1f%%; "
			       "range %.3f (x%.2f)%s\n",
			    p->sii.sii, p->sii_lower, p->sii_upper, p->interval, p->sii.rii,
			    p->rii_lower, p->rii_upper, p->ranges.par, p->ranges.abs_range,
			    p->ranges.rel_range,
			    p->deprived_fare_worse == 1       ? "; the deprived fare worse"
			        : p->deprived_fare_worse == 0 ? "; the deprived fare better"
			                                      : "");
		else
			printf("    SII not given: %s\n", p->why ? p->why : "not computed");
	}
	if (s->have_trend)
		printf("  Trend: %s (change in SII per year %.3f, %.3f to %.3f)\n",
		    stats_trend_verdict_name[s->trend.verdict], s->trend.change, s->trend.lower,
		    s->trend.upper);
	else
		printf("  Trend: not given (%s)\n", s->trend_why);
	(void)r;
}

/* Writes an SVG chart to path. */
static int
write_chart(struct cli *c, const struct gap_result *r, const char *prefix, const char *suffix,
    void (*draw)(const struct gap_result *, struct buf *))
{
	struct buf b = BUF_INIT;
	char path[4096];
	int rc;

	snprintf(path, sizeof(path), "%s-%s.svg", prefix, suffix);
	draw(r, &b);
	rc = buf_failed(&b) ? cairn_errf(&c->err, CAIRN_ESOFTWARE, "chart too large")
	                    : file_write_atomic(path, b.data, b.len, &c->err);
	buf_free(&b);
	return rc;
}

/* Prints one gap result as text. */
static void
gap_text(const struct gap_result *r)
{
	printf("%s (%s, %s; %s)\nSIMD %s, group 1 = most deprived; SII convention: %s\n",
	    r->ind.title, r->ind.code, r->unit, r->ind.polarity, r->simd ? r->simd : "?",
	    stats_sii_convention_table[r->convention].label);
	series_text(r, &r->area);
	if (r->has_compare)
		series_text(r, &r->compare);
}

/*
 * `outcomes gap --all`: the gap of every area (and every indicator, or the
 * one given) in one run, from one open database, as one JSON document
 * {"count", "gaps": [the object of `outcomes gap --json`, ...]} or as text.
 */
static int
gap_all(struct cli *c, struct gap_req *req)
{
	struct outcome_indicator *inds = NULL;
	size_t nind = 0, count = 0;
	json_t *gaps = c->json ? json_array() : NULL;
	int rc;

	if (req->indicator != NULL) {
		bool found = false;

		inds = xcalloc(1, sizeof(*inds));
		if ((rc = app_outcome_indicator_get(c->st, req->indicator, inds, &found,
		         &c->err)) != CAIRN_OK)
			goto out;
		if (!found) {
			rc = cairn_errf(&c->err, CAIRN_EDATA,
			    "indicator '%s' is not known; see cairn "
			    "outcomes indicators",
			    req->indicator);
			goto out;
		}
		nind = 1;
	} else if ((rc = app_outcome_indicator_list(c->st, &inds, &nind, &c->err)) != CAIRN_OK) {
		goto out;
	}
	for (size_t i = 0; rc == CAIRN_OK && i < nind; i++) {
		char **areas = NULL;
		size_t narea = 0;

		if ((rc = app_outcome_area_codes(c->st, inds[i].code, &areas, &narea, &c->err)) !=
		    CAIRN_OK)
			goto out;
		for (size_t a = 0; rc == CAIRN_OK && a < narea; a++) {
			struct gap_result r;
			struct gap_req one = *req;

			one.indicator = inds[i].code;
			one.area = areas[a];
			if ((rc = app_outcome_gap(c->st, &one, &r, &c->err)) != CAIRN_OK)
				break;
			if (gaps != NULL)
				json_array_append_new(gaps, gap_result_json(&r));
			else {
				if (count > 0)
					printf("\n");
				gap_text(&r);
			}
			count++;
			gap_result_free(&r);
		}
		for (size_t a = 0; a < narea; a++)
			free(areas[a]);
		free(areas);
	}
	if (rc == CAIRN_OK && gaps != NULL) {
		cli_print_json(json_pack("{s:I, s:o}", "count", (json_int_t)count, "gaps", gaps));
		gaps = NULL;
	}
out:
	json_decref(gaps);
	outcome_indicators_free(inds, nind ? nind : (inds != NULL ? 1 : 0));
	return rc;
}

static int
outcomes_gap(struct cli *c, int argc, char **argv)
{
	struct gap_req req = { 0 };
	const char *conv = NULL, *reps = NULL, *seed = NULL, *svg = NULL, *pos[1];
	bool all = false;
	const struct cli_opt opts[] = {
		{ "indicator", &req.indicator, NULL,
		    "CODE  the indicator (cairn outcomes indicators)" },
		{ "area", &req.area, NULL, "NAME  area name (any case) or code" },
		{ "all", NULL, &all,
		    "every area (of --indicator, or of every indicator) in one run" },
		{ "compare", &req.compare, NULL, "NAME  comparison area, e.g. Scotland" },
		{ "convention", &conv, NULL, "scotpho|phe  SII convention (default scotpho)" },
		{ "reps", &reps, NULL, "N  simulation repetitions (default 100000; 0 for none)" },
		{ "seed", &seed, NULL, "S  simulation seed (default 1)" },
		{ "svg", &svg, NULL, "PREFIX  write PREFIX-groups.svg and PREFIX-sii.svg" },
		{ NULL, NULL, NULL, NULL },
	};
	struct gap_result r;
	long v;
	int rc, k;

	req.reps = 100000;
	req.seed = 1;
	if ((rc = cli_parse(c, argc, argv, opts, pos, 0, 0,
	         "--indicator CODE --area NAME [--compare Scotland] [--convention scotpho|phe] "
	         "[--svg PREFIX]  |  --all [--indicator CODE] [--reps 0]",
	         "Outcome gap for an indicator and area, per period: each deprivation group's\n"
	         "value with its interval, SII and RII with intervals, PAR, absolute and\n"
	         "relative range; the trend of the SII with a verdict (narrowing, widening or\n"
	         "no clear change, which speaks only when the interval excludes zero); the\n"
	         "comparison area beside it.  Counts below 5 are suppressed and the measures\n"
	         "that could reveal them withheld.  --all does this for every area of every\n"
	         "indicator (or of --indicator) in one run: --json prints {\"count\", \"gaps\"}\n"
	         "with one object as above for each, in indicator and area code order.")) != 0)
		return rc;
	if (all && (req.area != NULL || svg != NULL))
		return cairn_errf(&c->err, CAIRN_EUSAGE,
		    "--all computes every area: leave out "
		    "--area and --svg (or leave out --all)");
	if (!all && (req.indicator == NULL || req.area == NULL))
		return cairn_errf(&c->err, CAIRN_EUSAGE,
		    "--indicator CODE and --area NAME are "
		    "required (or --all for every area)");
	req.convention = STATS_SII_SCOTPHO;
	if (conv != NULL) {
		if ((k = stats_sii_convention_parse(conv)) < 0)
			return cairn_errf(&c->err, CAIRN_EUSAGE,
			    "--convention '%s' is not known; use "
			    "scotpho or phe",
			    conv);
		req.convention = (enum stats_sii_convention)k;
	}
	if (reps != NULL) {
		if (!text_parse_long(reps, 0, 10000000L, &v) || (v > 0 && v < 1000))
			return cairn_errf(&c->err, CAIRN_EUSAGE,
			    "--reps '%s' must be 0 or 1000 to "
			    "10000000",
			    reps);
		req.reps = v;
	}
	if (seed != NULL) {
		if (!text_parse_long(seed, 0, 2000000000L, &v))
			return cairn_errf(&c->err, CAIRN_EUSAGE,
			    "--seed '%s' is not a whole number", seed);
		req.seed = (uint64_t)v;
	}
	if ((rc = cli_open(c)) != 0)
		return rc;
	if (all)
		return gap_all(c, &req);
	if ((rc = app_outcome_gap(c->st, &req, &r, &c->err)) != 0)
		return rc;
	if (svg != NULL &&
	    ((rc = write_chart(c, &r, svg, "groups", gap_chart_groups)) != 0 ||
	        (rc = write_chart(c, &r, svg, "sii", gap_chart_sii)) != 0)) {
		gap_result_free(&r);
		return rc;
	}
	if (c->json)
		cli_print_json(gap_result_json(&r));
	else
		gap_text(&r);
	gap_result_free(&r);
	return CAIRN_OK;
}

int
cmd_outcomes(struct cli *c, int argc, char **argv)
{
	static const struct cli_command table[] = {
		{ "import", outcomes_import,
		    "import indicators by deprivation group (all or nothing)" },
		{ "indicators", outcomes_indicators, "list the outcome indicators" },
		{ "gap", outcomes_gap,
		    "the gap by deprivation per period, with SII trend and verdict" },
		{ NULL, NULL, NULL },
	};

	return cli_dispatch(c, "outcomes", table, argc, argv);
}
