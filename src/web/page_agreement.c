/*
 * Agreement between the two readings of double-read records, for the
 * inspection overall and per item: percentage agreement, Cohen's kappa,
 * weighted kappa (linear and quadratic, on the six-point scale's levels)
 * and Krippendorff's alpha with its bootstrap interval.  The numbers are
 * app_agreement_load's (app/records/readstat.h), the same call as
 * 'agreement' on the command line and GET /api/v1/inspections/{id}/agreement,
 * so the three never disagree.  Aggregates only: no child's record shows.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/records/readstat.h"
#include "core/buf.h"
#include "core/text.h"
#include "web/http.h"
#include "web/pages.h"

/* Writes v with three decimals, "-0.006", or "" when missing. */
static void
fmt3(char *out, size_t outsz, bool has, double v)
{
	if (!has || isnan(v) || isinf(v))
		text_copy(out, outsz, "");
	else
		snprintf(out, outsz, "%.3f", v);
}

/* Writes "0.146 (-0.21 to 0.50)" for a kappa and its 95% interval. */
static void
fmt_kappa(char *out, size_t outsz, bool has, const struct stats_kappa *k)
{
	if (!has || isnan(k->kappa))
		text_copy(out, outsz, "Not computed");
	else if (isnan(k->ci_low) || isnan(k->ci_high))
		snprintf(out, outsz, "%.3f", k->kappa);
	else
		snprintf(out, outsz, "%.3f (%.3f to %.3f)", k->kappa, k->ci_low, k->ci_high);
}

/* Writes one row of the table. */
static void
agreement_row(struct html *h, const struct item_agreement *g)
{
	char n[32], pct[32], k[80], l[80], q[80], a[120];

	snprintf(n, sizeof(n), "%zu", g->n);
	if (isnan(g->pct))
		text_copy(pct, sizeof(pct), "");
	else
		snprintf(pct, sizeof(pct), "%.1f%%", 100 * g->pct);
	fmt_kappa(k, sizeof(k), g->has_kappa, &g->kappa);
	fmt_kappa(l, sizeof(l), g->has_linear, &g->linear);
	fmt_kappa(q, sizeof(q), g->has_quadratic, &g->quadratic);
	if (!g->has_alpha) {
		text_copy(a, sizeof(a), "Not computed");
	} else {
		char v[32], lo[32], hi[32];

		fmt3(v, sizeof(v), true, g->alpha.alpha);
		fmt3(lo, sizeof(lo), g->has_boot, g->boot.lower);
		fmt3(hi, sizeof(hi), g->has_boot, g->boot.upper);
		if (g->has_boot)
			snprintf(a, sizeof(a), "%s (%s to %s)", v, lo, hi);
		else
			snprintf(a, sizeof(a), "%s", v);
	}
	ui_row_begin(h);
	if (g->item == NULL) {
		ui_cell(h, "All six-point items", true);
	} else {
		struct buf label = BUF_INIT;

		buf_printf(&label, "%s", g->item->text);
		if (g->agency[0])
			buf_printf(&label, " (%s)", g->agency);
		ui_cell(h, buf_str(&label), true);
		buf_free(&label);
	}
	ui_cell(h, n, false);
	ui_cell(h, pct, false);
	ui_cell(h, k, false);
	ui_cell(h, l, false);
	ui_cell(h, q, false);
	ui_cell(h, a, false);
	html_open(h, HE_TD, HA__MAX);
	if (g->poor)
		ui_tag(h, "Poor", "red");
	else if (g->has_kappa || g->has_alpha)
		ui_tag(h, "Acceptable", "green");
	if (g->why[0])
		html_elem(h, HE_P, NULL, g->why);
	html_close(h);
	ui_row_end(h);
}

void
page_agreement(struct web_req *r, struct web_resp *w)
{
	static const char *const cols[] = { "Item", "Records read twice", "Exact agreement",
		"Cohen's kappa (95% interval)", "Weighted kappa, linear",
		"Weighted kappa, quadratic", "Krippendorff's alpha (95% bootstrap interval)",
		"Agreement" };
	struct item_agreement *v = NULL;
	struct reading_ctx x;
	struct cairn_err err = { 0 };
	struct web_frame fr;
	struct html h;
	size_t n = 0, npoor = 0;

	if (app_agreement_load(r->st, &r->actor, r->insp, &x, &v, &n, &err) != CAIRN_OK) {
		if (err.rc != CAIRN_EDATA) {
			web_internal(r, w, "agreement", &err);
			return;
		}
		web_frame_begin(r, w, &h, &fr, r->insp, "Agreement between readers", false);
		html_elem(&h, HE_P, NULL,
		    "There is nothing to measure yet: no sample has been drawn or no reading "
		    "template chosen.");
		web_para_link(&h, fr.back, "Back to the inspection");
		ui_page_end(&h);
		return;
	}
	for (size_t i = 0; i < n; i++)
		npoor += v[i].poor;
	web_frame_begin(r, w, &h, &fr, r->insp, "Agreement between readers", true);
	html_elem(&h, HE_P, NULL,
	    "How far the two submitted readings of each double-read record agree, item by item "
	    "and for all six-point items together. Kappa and alpha of 1 mean full agreement "
	    "and 0 no more than chance. Weighted kappa counts near misses on the six-point "
	    "scale as partial agreement (levels 1 to 6). Alpha is ordinal for six-point items "
	    "and nominal otherwise; its interval comes from 2,000 bootstrap samples.");
	if (npoor > 0) {
		char msg[200];

		snprintf(msg, sizeof(msg),
		    "Agreement is poor on %zu row%s (kappa below 0.40 or alpha below 0.667): "
		    "discuss the differences at moderation before relying on these items.",
		    npoor, npoor == 1 ? "" : "s");
		ui_warning(&h, msg);
	}
	ui_table_begin(&h, "Agreement between the two readings of double-read records", cols,
	    sizeof(cols) / sizeof(cols[0]));
	for (size_t i = 0; i < n; i++)
		if (v[i].item == NULL)
			agreement_row(&h, &v[i]);
	for (size_t i = 0; i < n; i++)
		if (v[i].item != NULL)
			agreement_row(&h, &v[i]);
	ui_table_end(&h);
	{
		char href[96];

		snprintf(href, sizeof(href), "/inspections/%ld/readings/summary", r->insp);
		web_para_link(&h, href, "Results of the readings");
	}
	web_para_link(&h, fr.back, "Back to the inspection");
	ui_page_end(&h);
	free(v);
	reading_ctx_free(&x);
}

void
api_agreement(struct web_req *r, struct web_resp *w)
{
	struct item_agreement *v = NULL;
	struct reading_ctx x;
	struct cairn_err err = { 0 };
	size_t n = 0;

	if (app_agreement_load(r->st, &r->actor, r->insp, &x, &v, &n, &err) != CAIRN_OK) {
		if (err.rc == CAIRN_EDATA)
			web_json_err(w, 404, &err, NULL);
		else
			web_json_error(w, 500, "the agreement could not be computed", NULL);
		return;
	}
	web_send_json(w, 200, readstat_agreement_json(r->insp, v, n));
	free(v);
	reading_ctx_free(&x);
}
