/* cairn context AREA: the partnership's context from the shipped open data. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "app/outcomes/context.h"
#include "cli/cli.h"
#include "core/mem.h"

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
		cli_print_json(context_json(x));
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
