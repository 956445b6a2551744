/* cairn context AREA: the partnership's context from the shipped open data. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "app/outcomes/context.h"
#include "cli/cli.h"
#include "core/mem.h"

/* Returns v as a JSON real, or null when it is not finite. */
static json_t *
jnum(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

/* A source as JSON, with its year. */
static json_t *
source_json(const struct context_source *s, const char *year)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s}", "publisher", s->publisher, "dataset",
	    s->dataset, "file", s->file, "licence", s->licence, "year", year);
}

/* Returns 100 * part / whole, or NaN. */
static double
pct(long part, long whole)
{
	return whole > 0 ? 100.0 * (double)part / (double)whole : NAN;
}

int
cmd_context(struct cli *c, int argc, char **argv)
{
	const char *dir = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ "data", &dir, NULL,
		    "DIR  the open data folder (default $CAIRN_OPEN_DATA or "
		    "data/scotland)" },
		{ NULL, NULL, NULL, NULL },
	};
	struct context *x;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 1, 1, "AREA [--data DIR] [--json]",
	         "The numbers for a report's context chapter, from the real open data shipped\n"
	         "with Cairn (data/scotland/README.md): children aged 0-17 and their spread\n"
	         "across SIMD 2020 quintiles, the LGBF children's-services indicators for the\n"
	         "area against Scotland over time, and the registered children's care services\n"
	         "with the distribution of their latest grades.  AREA is a council area in any\n"
	         "spelling (South Ayrshire, Argyll & Bute, Na h-Eileanan Siar) or its S12 "
	         "code.")) != 0)
		return rc;
	x = xcalloc(1, sizeof(*x));
	if ((rc = app_context(dir, pos[0], x, &c->err)) != CAIRN_OK) {
		free(x);
		return rc;
	}
	if (c->json) {
		json_t *q = json_array(), *lg = json_array(), *kinds = json_array(),
		       *grades = json_object();
		char year[8];

		for (int i = 0; i < 5; i++)
			json_array_append_new(q,
			    json_pack("{s:i, s:I, s:o, s:o}", "quintile", i + 1, "children",
			        (json_int_t)x->children_quintile[i], "share",
			        jnum(pct(x->children_quintile[i], x->children)), "scotland_share",
			        jnum(pct(x->scotland_quintile[i], x->scotland_children))));
		for (size_t k = 0; k < x->nlgbf; k++) {
			json_t *ys = json_array();

			for (size_t y = 0; y < x->lgbf[k].nyears; y++)
				json_array_append_new(ys,
				    json_pack("{s:s, s:o, s:o}", "year", x->lgbf[k].years[y].year,
				        "value", jnum(x->lgbf[k].years[y].area), "scotland",
				        jnum(x->lgbf[k].years[y].scotland)));
			json_array_append_new(lg,
			    json_pack("{s:s, s:s, s:b, s:o}", "code", x->lgbf[k].code, "title",
			        x->lgbf[k].title, "higher_is_better", x->lgbf[k].higher_is_better,
			        "years", ys));
		}
		for (size_t k = 0; k < x->nkinds; k++)
			json_array_append_new(kinds,
			    json_pack("{s:s, s:I}", "service", x->kinds[k].kind, "count",
			        (json_int_t)x->kinds[k].count));
		for (int g = 6; g >= 1; g--) {
			char key[4];

			snprintf(key, sizeof(key), "%d", g);
			json_object_set_new(grades, key, json_integer(x->min_grade[g]));
		}
		json_object_set_new(grades, "not_graded", json_integer(x->min_grade[0]));
		snprintf(year, sizeof(year), "%d", x->population_year);
		cli_print_json(json_pack("{s:{s:s, s:s}, s:{s:I, s:I, s:o, s:o, s:o}, "
		                         "s:{s:o, s:o}, s:{s:I, s:I, s:o, s:o, s:s, s:o}}",
		    "area", "code", x->area_code, "name", x->area_name, "children", "aged_0_17",
		    (json_int_t)x->children, "scotland_aged_0_17", (json_int_t)x->scotland_children,
		    "by_simd_quintile", q, "source", source_json(&x->population_source, year),
		    "simd_source", source_json(&x->simd_source, "2020"), "benchmarking",
		    "indicators", lg, "source", source_json(&x->lgbf_source, "2010-11 to 2020-21"),
		    "care_services", "active", (json_int_t)x->services, "registered_places",
		    (json_int_t)x->places, "by_service", kinds, "by_lowest_latest_grade", grades,
		    "as_at", x->services_as_at, "source",
		    source_json(&x->services_source, x->services_as_at)));
	} else {
		printf("%s (%s)\n\nChildren aged 0-17: %ld (NRS small area population estimates, "
		       "mid-%d)\n",
		    x->area_name, x->area_code, x->children, x->population_year);
		printf("By SIMD 2020v2 quintile (Scottish Government; 1 = most deprived):\n");
		for (int i = 0; i < 5; i++)
			printf("  quintile %d  %7ld  %5.1f%%   (Scotland %5.1f%%)\n", i + 1,
			    x->children_quintile[i], pct(x->children_quintile[i], x->children),
			    pct(x->scotland_quintile[i], x->scotland_children));
		printf("\nChildren's services benchmarking (Improvement Service, LGBF; area / "
		       "Scotland):\n");
		for (size_t k = 0; k < x->nlgbf; k++) {
			const struct context_lgbf *l = &x->lgbf[k];

			printf("  %s %s%s\n   ", l->code, l->title,
			    l->higher_is_better ? " (higher is better)" : "");
			for (size_t y = 0; y < l->nyears; y++)
				if (isfinite(l->years[y].area) || isfinite(l->years[y].scotland))
					printf(" %s %.1f/%.1f", l->years[y].year, l->years[y].area,
					    l->years[y].scotland);
			printf("\n");
		}
		printf("\nRegistered children's care services, active (Care Inspectorate, %s): "
		       "%ld\n",
		    x->services_as_at, x->services);
		for (size_t k = 0; k < x->nkinds; k++)
			printf("  %-45s %ld\n", x->kinds[k].kind, x->kinds[k].count);
		printf("  Lowest latest grade: ");
		for (int g = 6; g >= 1; g--)
			printf("%d: %ld  ", g, x->min_grade[g]);
		printf("not graded: %ld\n", x->min_grade[0]);
	}
	free(x);
	return CAIRN_OK;
}
