/* cairn outcomes import|gap|indicators: outcome indicators and their gaps. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/outcome.h"
#include "cli/cli.h"
#include "core/buf.h"
#include "store/outcome.h"

/* Prints an import's error list: text to stderr, or JSON to stdout. */
static void
print_errors(struct cli *c, const struct csv_errors *errs, const char *file)
{
	if (c->json) {
		json_t *a = json_array();

		for (size_t i = 0; i < errs->nkept; i++)
			json_array_append_new(a, json_pack("{s:I, s:I, s:s}", "line",
			    (json_int_t)errs->kept[i].line, "column", (json_int_t)errs->kept[i].column,
			    "message", errs->kept[i].msg));
		cli_print_json(json_pack("{s:s, s:o, s:I}", "file", file, "errors", a, "total",
		    (json_int_t)errs->total));
	} else {
		struct buf b = BUF_INIT;

		csv_errors_format(errs, file, &b);
		fputs(buf_str(&b), stderr);
		buf_free(&b);
	}
}

static int
outcomes_import(struct cli *c, int argc, char **argv)
{
	struct outcome_import_req req = {0};
	bool child = false;
	const struct cli_opt opts[] = {
		{"indicators", &req.indicators, NULL, "META.csv  indicator metadata (code, title, "
		    "measure, polarity, source[, per])"},
		{"q1", &req.q1, NULL, "most-deprived|least-deprived  how group 1 is coded (required)"},
		{"simd", &req.simd, NULL, "2016|2020  SIMD version of the groups (required)"},
		{"child-level", NULL, &child, "one row per child: aggregate 0/1 indicator columns"},
		{NULL, NULL, NULL, NULL},
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
	         "imports nothing and the first 20 errors are listed with line and column.")) != 0)
		return rc;
	req.path = pos[0];
	req.child_level = child;
	if ((rc = cli_open(c)) != 0)
		return rc;
	rc = app_outcome_import(c->st, cli_actor(c), &req, &res, &errs, &errs_file, &c->err);
	if (rc != CAIRN_OK) {
		if (errs.total > 0)
			print_errors(c, &errs, errs_file);
		return rc;
	}
	if (c->json)
		cli_print_json(json_pack("{s:I, s:s, s:I, s:I, s:I, s:i, s:s, s:s}", "import",
		    (json_int_t)res.import_id, "kind", child ? "child-level" : "aggregate", "rows",
		    (json_int_t)res.rows, "cells", (json_int_t)res.cells, "indicators",
		    (json_int_t)res.indicators, "groups", res.ngroups, "q1", req.q1, "simd", req.simd));
	else
		printf("imported %ld cells from %ld rows (%s; %s; group 1 = %s; SIMD %s)\n", res.cells,
		    res.rows, child ? "child-level" : "aggregate", res.ngroups == 10 ? "deciles" :
		    "quintiles", req.q1, req.simd);
	return CAIRN_OK;
}

static int
outcomes_indicators(struct cli *c, int argc, char **argv)
{
	struct outcome_indicator *v = NULL;
	const char *pos[1];
	size_t n = 0;
	int rc;

	if ((rc = cli_parse(c, argc, argv, NULL, pos, 0, 0, "", "List the outcome indicators.")) != 0 ||
	    (rc = cli_open(c)) != 0 || (rc = store_outcome_indicator_list(c->st, &v, &n, &c->err)) != 0)
		return rc;
	if (c->json) {
		json_t *a = json_array();

		for (size_t i = 0; i < n; i++)
			json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:I, s:s, s:s?}", "code",
			    v[i].code, "title", v[i].title, "measure", v[i].measure, "per",
			    (json_int_t)v[i].per, "polarity", v[i].polarity, "source", v[i].source));
		cli_print_json(a);
	} else {
		for (size_t i = 0; i < n; i++)
			printf("%-24s %-10s %-13s %s\n", v[i].code, v[i].measure, v[i].polarity,
			    v[i].title);
	}
	outcome_indicators_free(v, n);
	return CAIRN_OK;
}

int
cmd_outcomes(struct cli *c, int argc, char **argv)
{
	static const struct cli_command table[] = {
		{"import", outcomes_import, "import indicators by deprivation group (all or nothing)"},
		{"indicators", outcomes_indicators, "list the outcome indicators"},
		{NULL, NULL, NULL},
	};

	return cli_dispatch(c, "outcomes", table, argc, argv);
}
