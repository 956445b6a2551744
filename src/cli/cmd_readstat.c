/* cairn reading summary and cairn agreement: results of records reading. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/records/readstat.h"
#include "cli/cli.h"

int cmd_reading_summary(struct cli *c, int argc, char **argv);

int
cmd_reading_summary(struct cli *c, int argc, char **argv)
{
	struct reading_ctx x;
	struct item_summary *v = NULL;
	const char *pos[1];
	size_t n = 0;
	long id;
	int rc;

	if ((rc = cli_parse(c, argc, argv, NULL, pos, 1, 1, "ID",
	         "Results per item: number read, distribution of answers, proportion good or\n"
	         "better (levels 4-6; for yes/no items the proportion yes of yes and no) with\n"
	         "its 95% Wilson interval, the population estimate weighted by stratum\n"
	         "(stratified estimator with finite population correction, 95% normal\n"
	         "interval) and the quantifier word the report would use.  A child counts\n"
	         "once: the agreed answer if resolved, else the first submitted reading.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = app_reading_summary_load(c->st, cli_actor(c), id, &x, &v, &n, NULL, &c->err)) !=
	        0)
		return rc;
	if (c->json) {
		cli_print_json(readstat_summary_json(id, x.tpl.code, v, n));
	} else {
		printf("%-22s %-12s %4s  %-24s %-20s %-20s %s\n", "ITEM", "AGENCY", "N",
		    "DISTRIBUTION", "GOOD+ (95% WILSON)", "POPULATION (95%)", "WORD");
		for (size_t i = 0; i < n; i++) {
			const struct item_summary *s = &v[i];
			char dist[128] = "", prop[64] = "", pop[64] = "";
			size_t len = 0;

			for (size_t k = 0; k < s->nvalues && len < sizeof(dist); k++) {
				int w = snprintf(dist + len, sizeof(dist) - len, "%s%s:%ld",
				    k ? " " : "", s->values[k], s->counts[k]);

				if (w < 0)
					break;
				len += (size_t)w;
			}
			if (s->has_prop)
				snprintf(prop, sizeof(prop), "%ld/%ld %.0f%% (%.0f-%.0f)", s->x,
				    s->nprop, 100 * s->wilson.estimate, 100 * s->wilson.lower,
				    100 * s->wilson.upper);
			if (s->has_strat)
				snprintf(pop, sizeof(pop), "%.0f%% (%.0f-%.0f)",
				    100 * s->strat.estimate, 100 * s->strat.lower,
				    100 * s->strat.upper);
			printf("%-22s %-12s %4ld  %-24s %-20s %-20s %s\n", s->item->code,
			    s->agency[0] ? s->agency : "-", s->n, dist, prop, pop, s->quantifier);
		}
	}
	free(v);
	reading_ctx_free(&x);
	return CAIRN_OK;
}

int
cmd_agreement(struct cli *c, int argc, char **argv)
{
	struct reading_ctx x;
	struct item_agreement *v = NULL;
	const char *pos[1];
	size_t n = 0, npoor = 0;
	long id;
	int rc;

	if ((rc = cli_parse(c, argc, argv, NULL, pos, 1, 1, "ID",
	         "Agreement between the two readings of double-read records, per item and\n"
	         "overall (all six-point items pooled): percentage agreement, Cohen's kappa,\n"
	         "weighted kappa (linear and quadratic; weighted_kappa_* use the whole scale\n"
	         "1-6 as levels, weighted_kappa_*_present only the values present, as R's\n"
	         "irr::kappa2), Krippendorff's alpha (ordinal for six-point items,\n"
	         "nominal otherwise) with a 95% bootstrap interval (2000 replicates, fixed\n"
	         "seed).  Agreement is flagged poor when kappa < 0.40 or alpha < 0.667.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = app_agreement_load(c->st, cli_actor(c), id, &x, &v, &n, &c->err)) != 0)
		return rc;
	for (size_t i = 0; i < n; i++)
		npoor += v[i].poor;
	if (c->json) {
		cli_print_json(readstat_agreement_json(id, v, n));
	} else {
		printf("%-22s %-12s %4s %7s %7s %7s %7s %16s\n", "ITEM", "AGENCY", "N", "AGREE%",
		    "KAPPA", "LINEAR", "QUADR", "ALPHA (95% CI)");
		for (size_t i = 0; i < n; i++) {
			const struct item_agreement *g = &v[i];
			char k[16] = "-", l[16] = "-", q[16] = "-", a[40] = "-", p[16] = "-";

			if (!isnan(g->pct))
				snprintf(p, sizeof(p), "%.1f", 100 * g->pct);
			if (g->has_kappa)
				snprintf(k, sizeof(k), "%.3f", g->kappa.kappa);
			if (g->has_linear)
				snprintf(l, sizeof(l), "%.3f", g->linear.kappa);
			if (g->has_quadratic)
				snprintf(q, sizeof(q), "%.3f", g->quadratic.kappa);
			if (g->has_alpha && g->has_boot)
				snprintf(a, sizeof(a), "%.3f (%.2f-%.2f)", g->alpha.alpha,
				    g->boot.lower, g->boot.upper);
			else if (g->has_alpha)
				snprintf(a, sizeof(a), "%.3f", g->alpha.alpha);
			printf("%-22s %-12s %4zu %7s %7s %7s %7s %16s%s\n",
			    g->item ? g->item->code : "(overall)", g->agency[0] ? g->agency : "-",
			    g->n, p, k, l, q, a, g->poor ? "  POOR" : "");
		}
		if (npoor > 0)
			fprintf(stderr,
			    "warning: agreement is poor (kappa < 0.40 or alpha < 0.667) on %zu "
			    "row%s\n",
			    npoor, npoor == 1 ? "" : "s");
	}
	free(v);
	reading_ctx_free(&x);
	return rc;
}
