/*
 * The area's context on a page (issue 17: `cairn context` in the browser):
 * the open data of the council area the report uses (report_area_find, as
 * the report's context chapter and GET /api/v1/inspections/{id}/context):
 * children aged 0-17 by SIMD quintile beside Scotland, the latest year of
 * each LGBF children's-services indicator beside Scotland and the
 * registered children's care services, each with its source.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/outcomes/context.h"
#include "app/publication/report_area.h"
#include "app/publication/report_model.h"
#include "app/setup/lookup.h"
#include "core/model.h"
#include "web/http.h"
#include "web/pages.h"

/* Writes "n.n%" of part in whole (or "not available") into out. */
static const char *
share(long part, long whole, char *out, size_t outsz)
{
	if (whole <= 0)
		snprintf(out, outsz, "not available");
	else
		snprintf(out, outsz, "%.1f%%", 100.0 * (double)part / (double)whole);
	return out;
}

/* Writes v with one decimal (or "not available") into out. */
static const char *
value(double v, char *out, size_t outsz)
{
	if (isfinite(v))
		snprintf(out, outsz, "%.1f", v);
	else
		snprintf(out, outsz, "not available");
	return out;
}

/* Writes a source line: publisher, dataset, licence. */
static void
source(struct html *h, const struct context_source *s)
{
	html_open(h, HE_P, HA__MAX);
	html_textf(h, "Source: %s, %s (%s).", s->publisher, s->dataset, s->licence);
	html_close(h);
}

/* Writes the context's tables. */
static void
context_body(struct html *h, const struct context *x)
{
	static const char *const qh[] = { "SIMD quintile", "Children", "Share",
		"Scotland's share" };
	static const char *const lh[] = { "Indicator", "Year", "Area", "Scotland" };
	static const char *const sh[] = { "Kind of service", "Active services" };
	char a[64], b[64], c[64], t[260];

	html_open(h, HE_P, HA__MAX);
	html_textf(h, "Children aged 0 to 17 in %s (%s): %ld, mid-%d.", x->area_name, x->area_code,
	    x->children, x->population_year);
	html_close(h);
	ui_table_begin(h, "Children by SIMD 2020 quintile (1 = most deprived)", qh, 4);
	for (int i = 0; i < 5; i++) {
		snprintf(a, sizeof(a), "%d", i + 1);
		snprintf(b, sizeof(b), "%ld", x->children_quintile[i]);
		ui_row_begin(h);
		ui_cell(h, a, true);
		ui_cell(h, b, false);
		ui_cell(h, share(x->children_quintile[i], x->children, c, sizeof(c)), false);
		ui_cell(h, share(x->scotland_quintile[i], x->scotland_children, c, sizeof(c)),
		    false);
		ui_row_end(h);
	}
	ui_table_end(h);
	source(h, &x->population_source);
	source(h, &x->simd_source);
	ui_table_begin(h, "Children's services benchmarking, latest year", lh, 4);
	for (size_t k = 0; k < x->nlgbf; k++) {
		const struct context_lgbf *l = &x->lgbf[k];
		const struct context_year *y = l->nyears > 0 ? &l->years[l->nyears - 1] : NULL;

		snprintf(t, sizeof(t), "%s %s%s", l->code, l->title,
		    l->higher_is_better ? " (higher is better)" : "");
		ui_row_begin(h);
		ui_cell(h, t, true);
		ui_cell(h, y != NULL ? y->year : "none", false);
		ui_cell(h, value(y != NULL ? y->area : NAN, b, sizeof(b)), false);
		ui_cell(h, value(y != NULL ? y->scotland : NAN, c, sizeof(c)), false);
		ui_row_end(h);
	}
	ui_table_end(h);
	source(h, &x->lgbf_source);
	html_open(h, HE_P, HA__MAX);
	html_textf(h, "Registered children's care services, active as at %s: %ld.",
	    x->services_as_at, x->services);
	html_close(h);
	ui_table_begin(h, "Registered children's care services by kind", sh, 2);
	for (size_t k = 0; k < x->nkinds; k++) {
		snprintf(a, sizeof(a), "%ld", x->kinds[k].count);
		ui_row_begin(h);
		ui_cell(h, x->kinds[k].kind, true);
		ui_cell(h, a, false);
		ui_row_end(h);
	}
	ui_table_end(h);
	source(h, &x->services_source);
}

void
page_context(struct web_req *r, struct web_resp *w)
{
	struct inspection in;
	struct report_settings set;
	struct report_area a;
	struct cairn_err err = { 0 };
	struct web_frame fr;
	struct html h;
	bool have;

	memset(&set, 0, sizeof(set));
	memset(&a, 0, sizeof(a));
	if (app_inspection_get(r->st, &r->actor, r->insp, &in, NULL) != CAIRN_OK) {
		web_error_page(r, w, 404, "Page not found", "There is no page at this address.");
		return;
	}
	have = report_settings_load(r->st, r->insp, &set, &err) == CAIRN_OK &&
	    report_area_find(r->st, in.partnership, set.area, set.open_data, &a, &err) ==
	        CAIRN_OK &&
	    a.has_context;
	web_frame_init(&fr, r->insp, in.partnership, "The area's context", true);
	fr.p.label = in.title;
	web_frame_start(r, w, &h, &fr);
	if (have)
		context_body(&h, a.ctx);
	else
		html_elem(&h, HE_P, NULL,
		    "There is no open-data context for this partnership's area: its name matches "
		    "no council area, and the report's settings name none.");
	ui_page_end(&h);
	report_area_free(&a);
	report_settings_free(&set);
	inspection_free(&in);
}
