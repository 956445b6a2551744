/*
 * Records reading in the browser beyond the reading form (issue 17): the
 * import of a file of readings, as `reading import` (app_reading_import:
 * all or nothing, each problem with its line and column, each row checked
 * against who may record it), and the results of the readings read so far,
 * as `reading summary` (app_reading_summary_load, the same rows), with
 * whose records were read (readstat_agency_counts).  The results page is
 * aggregate only: counts below the inspection's disclosure threshold are
 * shown as "fewer than N", with secondary suppression and no percentage
 * resting on them, as the published report's records-reading table does
 * (app/publication/disclose.h).  Whose records a reader read for one child
 * is recorded on the reading form (page_read.c, page_reading_agencies).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/access/role.h"
#include "app/publication/disclose.h"
#include "app/records/reading.h"
#include "app/records/readstat.h"
#include "core/buf.h"
#include "core/mem.h"
#include "core/text.h"
#include "web/http.h"
#include "web/pages.h"

/* ---- the import ---- */

/* The problems of a refused file, as the import page shows them. */
struct read_problems {
	const struct csv_errors *ce;      /* the file's problems by line and column, or NULL */
	struct ui_error other;            /* one other error keyed by its input, when msg set */
	char (*msgs)[CSV_ERROR_MSG + 64]; /* "Line L, column C: ..." (malloc'd) */
	char (*ids)[40];                  /* "file-problem-N" (malloc'd) */
	struct ui_error *summary;         /* the error summary (malloc'd) */
	size_t nsummary;
	size_t nlisted; /* problems listed beside the input */
	char head[160]; /* the message beside the input */
};

/* Fills p's summary: each problem of the file by line and column, linking
 * to it in the list beside the input, then the other error. */
static void
problems_build(struct read_problems *p)
{
	size_t shown = p->ce != NULL ? p->ce->nkept : 0;

	if (shown > UPLOAD_ERRORS_SHOWN)
		shown = UPLOAD_ERRORS_SHOWN;
	p->msgs = xcalloc(shown + 1, sizeof(*p->msgs));
	p->ids = xcalloc(shown + 1, sizeof(*p->ids));
	p->summary = xcalloc(shown + 2, sizeof(*p->summary));
	for (size_t i = 0; i < shown; i++) {
		const struct csv_error *e = &p->ce->kept[i];

		snprintf(p->ids[i], sizeof(p->ids[i]), "file-problem-%zu", i + 1);
		if (e->line > 0 && e->column > 0)
			snprintf(p->msgs[i], sizeof(p->msgs[i]), "Line %ld, column %ld: %s",
			    e->line, e->column, e->msg);
		else if (e->line > 0)
			snprintf(p->msgs[i], sizeof(p->msgs[i]), "Line %ld: %s", e->line, e->msg);
		else
			snprintf(p->msgs[i], sizeof(p->msgs[i]), "%s", e->msg);
		p->summary[p->nsummary++] = (struct ui_error){ p->ids[i], p->msgs[i] };
	}
	p->nlisted = shown;
	if (p->ce != NULL && p->ce->total > 0)
		snprintf(p->head, sizeof(p->head),
		    "The file has %ld problem%s; nothing was imported%s", p->ce->total,
		    p->ce->total == 1 ? "" : "s",
		    (size_t)p->ce->total > shown ? " (the first are listed)" : "");
	if (p->other.message != NULL)
		p->summary[p->nsummary++] = p->other;
}

/* Releases what problems_build made. */
static void
problems_free(struct read_problems *p)
{
	free(p->msgs);
	free(p->ids);
	free(p->summary);
}

/* Writes the import page of inspection r->insp; p (may be NULL) holds a
 * refused upload's problems. */
static void
import_page(struct web_req *r, struct web_resp *w, struct read_problems *p)
{
	struct read_problems none = { 0 };
	static const struct ui_option submit_opts[] = {
		{ "no", "Keep them as drafts" },
		{ "yes", "Submit every reading in the file" },
	};
	struct web_frame fr;
	struct ui_field f = { 0 };
	struct html h;
	char action[96], msg[200];

	if (p == NULL)
		p = &none;
	problems_build(p);
	web_frame_begin(r, w, &h, &fr, r->insp, "Import readings", false);
	if (p->nsummary > 0) {
		w->status = 400;
		ui_error_summary(&h, p->summary, p->nsummary);
	} else if (web_query(r, "imported") != NULL) {
		long a, n, s;

		if (text_parse_long(web_query(r, "answers"), 0, 1000000000L, &a) &&
		    text_parse_long(web_query(r, "readings"), 0, 1000000000L, &n) &&
		    text_parse_long(web_query(r, "submitted"), 0, 1000000000L, &s))
			snprintf(msg, sizeof(msg),
			    "The readings were imported: %ld answer%s in %ld reading%s, %ld "
			    "submitted.",
			    a, a == 1 ? "" : "s", n, n == 1 ? "" : "s", s);
		else
			text_copy(msg, sizeof(msg), "The readings were imported.");
		ui_notification(&h, msg);
	}
	html_elem(&h, HE_P, NULL,
	    "A CSV file with a header row naming the columns ref, reader, item and answer, and "
	    "optionally note and agency (for questions answered for each agency). Six-point "
	    "answers are a level from 1 to 6 or its label; yes-no answers are yes, no or na. "
	    "You can import only your own readings of the records assigned to you; the lead "
	    "and depute likewise. The whole file is checked first: a file with any problem "
	    "imports nothing, and each problem is listed with its line and column. Readings "
	    "are kept as drafts unless you choose to submit them.");
	snprintf(action, sizeof(action), "/inspections/%ld/readings/import", r->insp);
	ui_form_begin(&h, action, r->sess.csrf, true);
	f.id = f.name = "file";
	f.label = "Readings (CSV)";
	f.error = p->ce != NULL && p->ce->total > 0                           ? p->head
	    : p->other.message != NULL && strcmp(p->other.field, "file") == 0 ? p->other.message
	                                                                      : NULL;
	ui_file(&h, &f, ".csv,text/csv");
	if (p->nlisted > 0) {
		html_open(&h, HE_OL, HA_CLASS, "ds_list", HA__MAX);
		for (size_t i = 0; i < p->nlisted; i++) {
			html_open(&h, HE_LI, HA_ID, p->ids[i], HA__MAX);
			html_text(&h, p->msgs[i]);
			html_close(&h);
		}
		html_close(&h);
	}
	memset(&f, 0, sizeof(f));
	f.id = f.name = "submit";
	f.label = "After importing";
	f.value = p->nsummary > 0 && web_form(r, "submit") != NULL ? web_form(r, "submit") : "no";
	f.error = p->other.message != NULL && strcmp(p->other.field, "submit") == 0
	    ? p->other.message
	    : NULL;
	ui_radios(&h, &f, submit_opts, 2);
	ui_button(&h, "Import the readings", UI_BUTTON_PRIMARY);
	ui_form_end(&h);
	snprintf(action, sizeof(action), "/inspections/%ld/reading", r->insp);
	web_para_link(&h, action, "My records to read");
	if (role_may(r->role, ACTION_VIEW_AGGREGATES)) {
		snprintf(action, sizeof(action), "/inspections/%ld/readings/summary", r->insp);
		web_para_link(&h, action, "Results of the readings");
	}
	ui_page_end(&h);
	problems_free(p);
}

/* GET /inspections/{id}/readings/import: the form. */
void
page_readings_import_form(struct web_req *r, struct web_resp *w)
{
	import_page(r, w, NULL);
}

/* POST /inspections/{id}/readings/import: imports the uploaded file
 * (app_reading_import, all or nothing); a refused file is shown again with
 * each problem by line and column beside the file input. */
void
page_readings_import(struct web_req *r, struct web_resp *w)
{
	const struct form_file *f = web_file(r, "file");
	const char *submit = web_form(r, "submit");
	struct reading_import_result res = { 0 };
	struct csv_errors *ce = xcalloc(1, sizeof(*ce));
	struct cairn_err err = { 0 };
	struct web_upload u = { 0 };
	struct read_problems p = { 0 };
	char loc[200];

	if (f == NULL || f->len == 0) {
		p.other = (struct ui_error){ "file", "Choose a CSV file of readings to import" };
		import_page(r, w, &p);
		goto out;
	}
	if (web_upload_save(f, "readings.csv", &u, &err) != CAIRN_OK) {
		web_internal(r, w, "readings upload", &err);
		goto out;
	}
	if (app_reading_import(r->st, &r->actor, r->insp, u.path,
	        submit != NULL && strcmp(submit, "yes") == 0, &res, ce, &err) != CAIRN_OK) {
		if (ce->total > 0) {
			p.ce = ce;
		} else if (err.rc == CAIRN_EDATA || err.rc == CAIRN_EUSAGE ||
		    err.rc == CAIRN_ENOINPUT || err.rc == CAIRN_EPERM) {
			p.other = (struct ui_error){ web_err_input(&err, "file"), err.msg };
			if (strcmp(p.other.field, "submit") != 0)
				p.other.field = "file";
		} else {
			web_internal(r, w, "readings import", &err);
			goto out;
		}
		import_page(r, w, &p);
		goto out;
	}
	snprintf(loc, sizeof(loc),
	    "/inspections/%ld/readings/import?imported=1&answers=%ld&readings=%ld&submitted=%ld",
	    r->insp, res.rows, res.readings, res.submitted);
	web_redirect(w, loc);
out:
	web_upload_remove(&u);
	free(ce);
}

/* ---- the results ---- */

/* Writes p as a whole per cent ("43%"). */
static const char *
pct(double p, char *out, size_t outsz)
{
	if (isnan(p) || isinf(p))
		text_copy(out, outsz, "");
	else
		snprintf(out, outsz, "%.0f%%", 100 * p);
	return out;
}

/* Writes one row of the results table for s, suppressing counts below
 * threshold as the published report does. */
static void
summary_row(struct html *h, const struct item_summary *s, long threshold)
{
	long dist[READSTAT_VALUES_MAX + 1], total = 0;
	enum disclose_state dst[READSTAT_VALUES_MAX + 1];
	struct disclose_table dt = { 1, s->nvalues + 1, dist, true, false, dst };
	struct buf label = BUF_INIT, d = BUF_INIT;
	char n[48], x[96], p[96], pop[96], t[48];

	for (size_t k = 0; k < s->nvalues; k++) {
		dist[k] = s->counts[k];
		total += s->counts[k];
	}
	dist[s->nvalues] = total;
	disclose_apply(&dt, threshold);
	for (size_t k = 0; k < s->nvalues; k++)
		buf_printf(&d, "%s%s: %s", k ? "; " : "", s->values[k],
		    disclose_text(s->counts[k], dst[k], threshold, t, sizeof(t)));
	disclose_text(s->n, disclose_count_ok(s->n, threshold) ? DISCLOSE_SHOWN : DISCLOSE_PRIMARY,
	    threshold, n, sizeof(n));
	text_copy(x, sizeof(x), "");
	text_copy(p, sizeof(p), "");
	text_copy(pop, sizeof(pop), "");
	if (s->has_prop && s->nprop > 0) {
		long c[3] = { s->x, s->nprop - s->x, s->nprop };
		enum disclose_state st3[3];
		struct disclose_table t3 = { 1, 3, c, true, false, st3 };
		char a[48], b[48], e[16], lo[16], hi[16];

		disclose_apply(&t3, threshold);
		snprintf(x, sizeof(x), "%s of %s",
		    disclose_text(s->x, st3[0], threshold, a, sizeof(a)),
		    disclose_text(s->nprop, st3[2], threshold, b, sizeof(b)));
		if (st3[0] == DISCLOSE_SHOWN && disclose_percent_ok(s->nprop, threshold)) {
			snprintf(p, sizeof(p), "%s (%s to %s)",
			    pct(s->wilson.estimate, e, sizeof(e)),
			    pct(s->wilson.lower, lo, sizeof(lo)),
			    pct(s->wilson.upper, hi, sizeof(hi)));
			if (s->has_strat)
				snprintf(pop, sizeof(pop), "%s (%s to %s)",
				    pct(s->strat.estimate, e, sizeof(e)),
				    pct(s->strat.lower, lo, sizeof(lo)),
				    pct(s->strat.upper, hi, sizeof(hi)));
		} else {
			text_copy(p, sizeof(p), "Not shown (too few)");
		}
	}
	buf_printf(&label, "%s", s->item->text);
	if (s->agency[0])
		buf_printf(&label, " (%s)", s->agency);
	ui_row_begin(h);
	ui_cell(h, buf_str(&label), true);
	ui_cell(h, n, false);
	ui_cell(h, buf_str(&d), false);
	ui_cell(h, s->has_prop ? s->measure : "", false);
	ui_cell(h, x, false);
	ui_cell(h, p, false);
	ui_cell(h, pop, false);
	ui_cell(h, p[0] != '\0' && strncmp(p, "Not", 3) != 0 ? s->quantifier : "", false);
	ui_row_end(h);
	buf_free(&label);
	buf_free(&d);
}

/* Writes the table of whose records were read, suppressed as above. */
static void
agencies_table(struct html *h, const struct reading_ctx *x, long threshold)
{
	static const char *const cols[] = { "Agency", "Children whose records of it were read" };
	long *counts, children;
	char t[48], line[200];

	if (x->tpl.nagencies == 0)
		return;
	counts = xcalloc(x->tpl.nagencies, sizeof(*counts));
	readstat_agency_counts(x, counts, &children);
	html_elem(h, HE_H2, NULL, "Whose records were read");
	snprintf(line, sizeof(line),
	    "Of the %s children with a submitted reading, how many had each agency's records "
	    "read (from the reading that counts for the child).",
	    disclose_text(children,
	        disclose_count_ok(children, threshold) ? DISCLOSE_SHOWN : DISCLOSE_PRIMARY,
	        threshold, t, sizeof(t)));
	html_elem(h, HE_P, NULL, line);
	ui_table_begin(h, "Children whose records were read, by agency", cols, 2);
	for (size_t a = 0; a < x->tpl.nagencies; a++) {
		ui_row_begin(h);
		ui_cell(h, x->tpl.agencies[a].name, true);
		ui_cell(h,
		    disclose_text(counts[a],
		        disclose_count_ok(counts[a], threshold) ? DISCLOSE_SHOWN : DISCLOSE_PRIMARY,
		        threshold, t, sizeof(t)),
		    false);
		ui_row_end(h);
	}
	ui_table_end(h);
	free(counts);
}

/* GET /inspections/{id}/readings/summary: the results per item, as `reading
 * summary` computes them, and whose records were read; aggregates only. */
void
page_readings_summary(struct web_req *r, struct web_resp *w)
{
	static const char *const cols[] = { "Question", "Records answered", "Answers", "Measure",
		"Records meeting it", "Share (95% interval)", "Population estimate (95% interval)",
		"Word the report uses" };
	struct item_summary *v = NULL;
	struct reading_ctx x;
	struct cairn_err err = { 0 };
	struct web_frame fr;
	struct html h;
	size_t n = 0;
	long threshold = DISCLOSE_THRESHOLD_DEFAULT;
	char line[800], href[96];

	if (app_reading_summary_load(r->st, &r->actor, r->insp, &x, &v, &n, &threshold, &err) !=
	    CAIRN_OK) {
		if (err.rc != CAIRN_EDATA) {
			web_internal(r, w, "readings summary", &err);
			return;
		}
		web_frame_begin(r, w, &h, &fr, r->insp, "Results of the readings", false);
		html_elem(&h, HE_P, NULL,
		    "There are no results yet: no sample has been drawn or no reading template "
		    "chosen.");
		web_para_link(&h, fr.back, "Back to the inspection");
		ui_page_end(&h);
		return;
	}
	web_frame_begin(r, w, &h, &fr, r->insp, "Results of the readings", true);
	snprintf(line, sizeof(line),
	    "For each question of the template: how many records were answered, the answers "
	    "given, and the share meeting the measure (good or better, levels 4 to 6; or yes) "
	    "with its 95%% Wilson interval and the estimate for the whole population weighted "
	    "by stratum. A child counts once: the agreed answer if there is one, else the first "
	    "submitted reading. To protect children's privacy, numbers below %ld are shown as "
	    "\"fewer than %ld\" and no share is given where it would reveal one.",
	    threshold, threshold);
	html_elem(&h, HE_P, NULL, line);
	ui_table_begin(&h, "Results per question of the reading template", cols,
	    sizeof(cols) / sizeof(cols[0]));
	for (size_t i = 0; i < n; i++)
		summary_row(&h, &v[i], threshold);
	ui_table_end(&h);
	agencies_table(&h, &x, threshold);
	snprintf(href, sizeof(href), "/inspections/%ld/agreement", r->insp);
	web_para_link(&h, href, "Agreement between readers");
	web_para_link(&h, fr.back, "Back to the inspection");
	ui_page_end(&h);
	free(v);
	reading_ctx_free(&x);
}
