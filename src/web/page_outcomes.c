/*
 * Outcomes in the browser: for the area the inspection's partnership
 * stands for (app/publication/report_area.h, as the report finds it), the outcome
 * indicators with data, and per indicator the gap page: values by
 * deprivation group with intervals, the SII and RII with intervals, the
 * trend verdict and the two SVG charts -- the same tables and charts as
 * the report's outcomes chapter and `cairn outcomes gap` (app/outcomes/gap.h).
 * Small numbers are suppressed there, and every measure that could reveal
 * them withheld.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/publication/report_area.h"
#include "app/publication/report_model.h"
#include "app/setup/lookup.h"
#include "core/text.h"
#include "render/doc.h"
#include "render/docfmt.h"
#include "core/database.h"
#include "core/model.h"
#include "web/http.h"
#include "web/pages.h"

/* Writes the outcomes page: every indicator (code NULL) or one. */
static void
outcomes_page(struct web_req *r, struct web_resp *w, long id, const char *code)
{
	struct inspection in;
	struct report_settings set;
	struct report_area a;
	struct doc doc;
	struct cairn_err err = { 0 };
	struct web_frame fr;
	struct html h;
	char list[80], want[160], title[200];
	bool have_set = false, have_area = false, have_doc = false;
	size_t match = 0, nind = 0;

	memset(&doc, 0, sizeof(doc));
	memset(&a, 0, sizeof(a));
	if (app_inspection_get(r->st, &r->actor, id, &in, NULL) != CAIRN_OK) {
		web_error_page(r, w, 404, "Page not found", "There is no page at this address.");
		return;
	}
	have_set = report_settings_load(r->st, id, &set, &err) == CAIRN_OK;
	have_area = have_set &&
	    report_area_find(r->st, in.partnership, set.area, set.open_data, &a, &err) == CAIRN_OK;
	if (have_area && a.outcome_area[0] != '\0')
		have_doc = report_area_outcomes(r->st, &a, &doc, "Outcomes", set.threshold, &err) ==
		    CAIRN_OK;
	snprintf(want, sizeof(want), "outcome-%s", code != NULL ? code : "");
	for (size_t s = 0; have_doc && s < doc.nsections; s++) {
		if (doc.sections[s].level < 2)
			continue;
		nind++;
		if (code != NULL && strcmp(doc.sections[s].id, want) == 0)
			match = s + 1;
	}
	snprintf(list, sizeof(list), "/inspections/%ld/outcomes", id);
	if (code != NULL && match == 0) {
		/* No such indicator for this area: the normal not-found page. */
		web_error_page(r, w, 404, "Page not found", "There is no page at this address.");
		goto out;
	}
	if (match > 0)
		snprintf(title, sizeof(title), "%s", doc.sections[match - 1].title);
	else
		snprintf(title, sizeof(title), "Outcomes in %s",
		    a.name[0] ? a.name : in.partnership);
	web_frame_init(&fr, id, in.partnership, title, true);
	if (match > 0)
		web_frame_crumb(&fr, list, "Outcomes");
	fr.p.label = in.title;
	web_frame_start(r, w, &h, &fr);
	if (!have_area || a.outcome_area[0] == '\0' || nind == 0) {
		html_elem(&h, HE_P, NULL,
		    "There are no outcome data for this partnership's area. They "
		    "are imported by an administrator; the area is the council area the "
		    "partnership's name matches (or the report's area setting).");
	} else if (match == 0) {
		html_elem(&h, HE_P, NULL,
		    "Outcome indicators with data for the area, each with the "
		    "values by deprivation group, the slope and relative indices of inequality "
		    "with "
		    "their intervals, and whether the gap is narrowing or widening.");
		html_open(&h, HE_UL, HA__MAX);
		for (size_t s = 0; s < doc.nsections; s++) {
			char href[200];

			if (doc.sections[s].level < 2 ||
			    strncmp(doc.sections[s].id, "outcome-", 8) != 0)
				continue;
			snprintf(href, sizeof(href), "/inspections/%ld/outcomes/%s", id,
			    doc.sections[s].id + 8);
			html_open(&h, HE_LI, HA__MAX);
			ui_link(&h, href, doc.sections[s].title);
			html_close(&h);
		}
		html_close(&h);
	} else {
		/* Show only the indicator's own section of the outcomes chapter. */
		struct doc one = doc;

		one.sections = &doc.sections[match - 1];
		one.nsections = 1;
		one.sections[0].level = 1;
		html_open(&h, HE_DIV, HA_CLASS, "cairn-preview", HA__MAX);
		docfmt_html_sections(&one, &h);
		html_close(&h);
		one.sections[0].level = 2;
	}
	ui_page_end(&h);
out:
	if (have_doc)
		doc_free(&doc);
	if (have_area)
		report_area_free(&a);
	if (have_set)
		report_settings_free(&set);
	inspection_free(&in);
}

void
page_outcomes(struct web_req *r, struct web_resp *w)
{
	long id;

	id = r->insp;
	outcomes_page(r, w, id, NULL);
}

void
page_outcome_gap(struct web_req *r, struct web_resp *w)
{
	long id;

	id = r->insp;
	outcomes_page(r, w, id, r->args[1]);
}
