/*
 * The core pages: home (the inspections the person is part of), one
 * inspection's overview (the dossier: evaluations, findings, confidence),
 * the grade form for one indicator and the audit log (accounts: page_accounts.c).
 * Every page that concerns an inspection first asks the role table
 * (app/access/role.h) through web_allow(); someone not on an inspection's team
 * gets "Page not found", as if it did not exist.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/evaluation/dossier.h"
#include "app/records/concern.h"
#include "app/setup/inspection.h"
#include "app/access/role.h"
#include "app/setup/stage.h"
#include "app/setup/team.h"
#include "app/access/audit.h"
#include "app/access/checkpoint.h"
#include "app/access/lookup.h"
#include "app/setup/lookup.h"
#include "app/setup/model.h"
#include "app/publication/draft.h"
#include "app/publication/embargo.h"
#include "app/publication/lookup.h"
#include "core/audit.h"
#include "core/publication.h"
#include "core/buf.h"
#include "core/mem.h"
#include "core/text.h"
#include "core/account.h"
#include "core/database.h"
#include "core/model.h"
#include "core/work.h"
#include "web/http.h"
#include "web/pages.h"

/* Longest rationale accepted from the grade form, in bytes. */
#define RATIONALE_MAX 20000

/* Writes the current stage of inspection id into out ("" if none yet). */
static void
current_stage(struct store *st, long id, char *out, size_t outsz)
{
	struct stage_state s;

	out[0] = '\0';
	if (app_stage_state(st, id, &s, NULL) != CAIRN_OK)
		return;
	if (s.current < s.plan.n)
		text_copy(out, outsz, s.plan.stages[s.current].title);
	stage_state_free(&s);
}

/* Lists, for an administrator, the n inspections v they are not on with
 * what the role table lets them see of one (ACTION_VIEW_TEAM: its name,
 * stage and team, never child-level data): a link to its team, where they
 * appoint its lead, and to its audit log. */
static void
other_inspections(struct web_req *r, struct html *h, const struct inspection *v, size_t n)
{
	static const char *const cols[] = { "Inspection", "Stage", "Open" };
	size_t shown = 0;

	for (size_t i = 0; i < n; i++) {
		enum role role;
		char stage[64], team[64], audit[64];

		if (app_team_role(r->st, v[i].id, r->sess.who.username, &role, NULL) == CAIRN_OK)
			continue;
		if (shown++ == 0) {
			html_elem(h, HE_H2, NULL, "Every inspection");
			html_elem(h, HE_P, NULL,
			    "As an administrator you see each inspection's team, to appoint its "
			    "lead, "
			    "and its audit log; its records are for its team.");
			ui_table_begin(h, "Inspections you are not part of", cols, 3);
		}
		current_stage(r->st, v[i].id, stage, sizeof(stage));
		snprintf(team, sizeof(team), "/inspections/%ld/team", v[i].id);
		snprintf(audit, sizeof(audit), "/inspections/%ld/audit", v[i].id);
		ui_row_begin(h);
		ui_cell(h, v[i].title, true);
		ui_cell(h, stage[0] ? stage : "Not started", false);
		html_open(h, HE_TD, HA__MAX);
		ui_link(h, team, "Team");
		html_text(h, " ");
		if (role_may(ROLE_ADMIN, ACTION_VIEW_AUDIT))
			ui_link(h, audit, "Audit log");
		html_close(h);
		ui_row_end(h);
	}
	if (shown > 0)
		ui_table_end(h);
}

void
page_home(struct web_req *r, struct web_resp *w)
{
	static const char *const cols[] = { "Inspection", "Your role", "Stage", "Fieldwork" };
	struct inspection *v = NULL;
	struct cairn_err err = { 0 };
	struct web_frame fr;
	struct html h;
	size_t n = 0, shown = 0;

	if (app_inspection_list(r->st, &v, &n, &err) != CAIRN_OK) {
		web_error_page(r, w, 500, "Sorry, there is a problem",
		    "The inspections could not "
		    "be listed.");
		return;
	}
	web_frame_begin(r, w, &h, &fr, -1, "Your inspections", true);
	for (size_t i = 0; i < n && web_query(r, "created") != NULL; i++) {
		char line[400];

		if (strcmp(web_query(r, "created"), "") == 0 ||
		    v[i].id != strtol(web_query(r, "created"), NULL, 10))
			continue;
		snprintf(line, sizeof(line),
		    "%s was created. Its lead is on its team and adds the rest of the team.",
		    v[i].title);
		ui_notification(&h, line);
	}
	for (size_t i = 0; i < n; i++) {
		enum role role;
		char stage[64], href[64];

		if (app_team_role(r->st, v[i].id, r->sess.who.username, &role, NULL) != CAIRN_OK)
			continue;
		if (shown++ == 0)
			ui_table_begin(&h, "Inspections you are part of", cols, 4);
		current_stage(r->st, v[i].id, stage, sizeof(stage));
		snprintf(href, sizeof(href), "/inspections/%ld", v[i].id);
		ui_row_begin(&h);
		html_open(&h, HE_TD, HA__MAX);
		ui_link(&h, href, v[i].title);
		html_close(&h);
		ui_cell(&h, role_table[role].label, false);
		ui_cell(&h, stage[0] ? stage : "Not started", false);
		if (v[i].fieldwork_from[0])
			ui_cell_date(&h, v[i].fieldwork_from, v[i].fieldwork_to);
		else
			ui_cell(&h, "Not set", false);
		ui_row_end(&h);
	}
	if (shown > 0)
		ui_table_end(&h);
	else
		html_elem(&h, HE_P, NULL,
		    "You are not part of any inspection yet. The inspection "
		    "lead adds people to an inspection's team.");
	if (r->sess.who.admin && role_may(ROLE_ADMIN, ACTION_VIEW_TEAM))
		other_inspections(r, &h, v, n);
	page_overview_link(r, &h);
	if (r->sess.who.admin) {
		html_elem(&h, HE_H2, NULL, "Administration");
		html_open(&h, HE_UL, HA_CLASS, "ds_no-bullets", HA__MAX);
		html_open(&h, HE_LI, HA__MAX);
		ui_link(&h, "/new-inspection", "Create an inspection");
		html_close(&h);
		html_open(&h, HE_LI, HA__MAX);
		ui_link(&h, "/accounts", "Accounts");
		html_close(&h);
		html_open(&h, HE_LI, HA__MAX);
		ui_link(&h, "/audit", "Audit log");
		html_close(&h);
		html_open(&h, HE_LI, HA__MAX);
		ui_link(&h, "/history", "Published results of earlier inspections");
		html_close(&h);
		html_open(&h, HE_LI, HA__MAX);
		ui_link(&h, "/outcome-indicators", "Outcome indicators");
		html_close(&h);
		html_open(&h, HE_LI, HA__MAX);
		ui_link(&h, "/models", "Model packs");
		html_close(&h);
		html_open(&h, HE_LI, HA__MAX);
		ui_link(&h, "/frameworks", "Frameworks");
		html_close(&h);
		html_open(&h, HE_LI, HA__MAX);
		ui_link(&h, "/templates", "Reading templates");
		html_close(&h);
		html_open(&h, HE_LI, HA__MAX);
		ui_link(&h, "/crosswalks", "Crosswalks between model packs");
		html_close(&h);
		html_close(&h);
	}
	ui_page_end(&h);
	inspections_free(v, n);
}

/* Writes the label of a grade ("5 Very good") into out. */
static void
grade_label(const struct dossier *d, int grade, char *out, size_t outsz)
{
	const struct scale_level *l = scale_level_of(&d->fw.scale, grade);

	snprintf(out, outsz, "%d %s", grade, l != NULL ? l->label : "");
}

/* Tells the lead and depute how many matters of concern are overdue
 * (app/records/concern.h), linking to the list; nothing when none. */
static void
overdue_concerns(struct web_req *r, struct html *h, long id, enum role role)
{
	struct concern *v = NULL;
	struct cairn_err err = { 0 };
	size_t n = 0, over = 0;
	char href[80], text[96];

	if (!role_may(role, ACTION_FOLLOW_CONCERN) ||
	    app_concern_list(r->st, &r->actor, id, &v, &n, &err) != CAIRN_OK)
		return;
	for (size_t i = 0; i < n; i++)
		over += v[i].overdue;
	concerns_free(v, n);
	if (over == 0)
		return;
	snprintf(href, sizeof(href), "/inspections/%ld/concerns", id);
	snprintf(text, sizeof(text), "%zu %s overdue", over,
	    over == 1 ? "matter of concern is" : "matters of concern are");
	html_open(h, HE_P, HA_ID, "concerns-overdue", HA__MAX);
	ui_tag(h, "Overdue", "red");
	html_text(h, " ");
	ui_link(h, href, text);
	html_close(h);
}

/* Writes the published report's links when the report is published and
 * app/ lets the person see it now (app_embargo_check: its embargo has
 * lifted, or they may see it embargoed): the news release page and each
 * frozen file of the current version, for every role. */
static void
published_links(struct web_req *r, struct html *h, long id)
{
	struct publication *pubs = NULL;
	struct publication_file *files = NULL;
	size_t npubs = 0, nfiles = 0;
	const struct publication *cur;
	char href[160];

	if (app_publication_list(r->st, &r->actor, id, &pubs, &npubs, NULL) != CAIRN_OK ||
	    npubs == 0 || app_embargo_check(r->st, &r->actor, id, NULL) != CAIRN_OK)
		goto out;
	cur = &pubs[npubs - 1];
	if (app_publication_files(r->st, &r->actor, id, cur->id, false, &files, &nfiles, NULL) !=
	    CAIRN_OK)
		goto out;
	html_elem(h, HE_H2, NULL, "Published report");
	html_open(h, HE_P, HA__MAX);
	html_textf(h, "Version %ld, published ", cur->version);
	ui_date(h, cur->at);
	html_text(h, ".");
	html_close(h);
	html_open(h, HE_UL, HA_CLASS, "ds_no-bullets", HA__MAX);
	snprintf(href, sizeof(href), "/inspections/%ld/release", id);
	html_open(h, HE_LI, HA__MAX);
	ui_link(h, href, "News release");
	html_close(h);
	for (size_t i = 0; i < nfiles; i++) {
		char label[160];

		snprintf(href, sizeof(href), "/inspections/%ld/published/%ld/%s", id, cur->version,
		    files[i].name);
		snprintf(label, sizeof(label), "Download %s", files[i].name);
		html_open(h, HE_LI, HA__MAX);
		ui_link(h, href, label);
		html_close(h);
	}
	html_close(h);
out:
	publication_files_free(files, nfiles);
	publications_free(pubs, npubs);
}

void
page_inspection(struct web_req *r, struct web_resp *w)
{
	static const char *const cols[] = { "Indicator", "Title", "Grade", "Action" };
	struct dossier d;
	struct cairn_err err = { 0 };
	struct web_frame fr;
	struct html h;
	enum role role;
	char stage[64], buf[256];
	const char *graded = web_query(r, "graded");
	bool may_grade, may_eval, draft;
	long id;

	id = r->insp;
	role = r->role;
	if (app_dossier_load(r->st, id, &d, &err) != CAIRN_OK) {
		web_error_page(r, w, 404, "Page not found", "There is no page at this address.");
		return;
	}
	may_grade = role_may(role, ACTION_GRADE);
	may_eval = role_may(role, ACTION_VIEW_EVALUATION);
	/* The draft's pages are offered only when app/ would open them. */
	draft = app_draft_check(r->st, &r->actor, id, NULL) == CAIRN_OK;
	web_frame_init(&fr, 0, NULL, d.in.title, true);
	fr.p.label = d.in.partnership;
	web_frame_start(r, w, &h, &fr);
	if (graded != NULL && framework_qi(&d.fw, graded) != NULL) {
		snprintf(buf, sizeof(buf), "Quality indicator %s graded.", graded);
		ui_notification(&h, buf);
	}
	current_stage(r->st, id, stage, sizeof(stage));
	html_elem(&h, HE_H2, NULL, "Overview");
	ui_summary_begin(&h);
	ui_summary_row(&h, "Your role", role_table[role].label);
	ui_summary_row(&h, "Stage", stage[0] ? stage : "Not started");
	ui_summary_row(&h, "Framework", d.fw.title);
	{
		char *pack = NULL, *version = NULL, line[600];
		struct cairn_err merr = { 0 };
		struct pack_info *packs = NULL;
		size_t npacks = 0;

		if (app_model_of_inspection(r->st, &r->actor, id, &pack, &version, &merr) ==
		        CAIRN_OK &&
		    pack != NULL) {
			/* The programme by its title, not its code. */
			const char *title = pack;

			if (app_model_list(r->st, &packs, &npacks, &merr) != CAIRN_OK)
				cairn_err_clear(&merr);
			for (size_t k = 0; k < npacks; k++)
				if (strcmp(packs[k].code, pack) == 0 && packs[k].title != NULL)
					title = packs[k].title;
			snprintf(line, sizeof(line), "%s (version %s)", title, version);
			ui_summary_row(&h, "Model pack", line);
		}
		pack_infos_free(packs, npacks);
		free(pack);
		free(version);
	}
	ui_summary_row_date(&h, "Notified", d.in.notified, NULL);
	ui_summary_row_date(&h, "Fieldwork", d.in.fieldwork_from, d.in.fieldwork_to);
	ui_summary_row_date(&h, "Published", d.in.published, NULL);
	ui_summary_end(&h);
	if (role_may(role, ACTION_VIEW_EVIDENCE) || role_may(role, ACTION_VIEW_DRAFT_REPORT) ||
	    role_may(role, ACTION_FACTUAL_ACCURACY) || role_may(role, ACTION_VIEW_CHILD_RECORDS) ||
	    role_may(role, ACTION_READ_ASSIGNED_RECORDS)) {
		html_open(&h, HE_UL, HA_CLASS, "ds_no-bullets", HA__MAX);
		if (role_may(role, ACTION_VIEW_EVIDENCE)) {
			snprintf(buf, sizeof(buf), "/inspections/%ld/evidence", id);
			html_open(&h, HE_LI, HA__MAX);
			ui_link(&h, buf, "Evidence log");
			html_close(&h);
		}
		if (role_may(role, ACTION_VIEW_CHILD_RECORDS)) {
			snprintf(buf, sizeof(buf), "/inspections/%ld/sample", id);
			html_open(&h, HE_LI, HA__MAX);
			ui_link(&h, buf, "Records sample");
			html_close(&h);
		}
		if (role_may(role, ACTION_READ_ASSIGNED_RECORDS)) {
			snprintf(buf, sizeof(buf), "/inspections/%ld/reading", id);
			html_open(&h, HE_LI, HA__MAX);
			ui_link(&h, buf, "My records to read");
			html_close(&h);
		}
		{
			/* The records-reading workflow (page_records.c), by role. */
			static const struct {
				enum action a;
				const char *path, *label;
			} flow[] = {
				{ ACTION_VIEW_INSPECTION, "team", "Team" },
				{ ACTION_VIEW_INSPECTION, "stage", "Stage and week plan" },
				{ ACTION_VIEW_INSPECTION, "findings", "Findings and confidence" },
				{ ACTION_IMPORT_POPULATION, "population", "Population" },
				{ ACTION_MANAGE_READERS, "readers", "Readers" },
				{ ACTION_VIEW_CHILD_RECORDS, "compare", "Paired readings" },
				{ ACTION_VIEW_AGGREGATES, "agreement",
				    "Agreement between readers" },
				{ ACTION_MANAGE_READERS, "correct", "Correct a submitted reading" },
				{ ACTION_VIEW_CHILD_RECORDS, "concerns", "Matters of concern" },
				{ ACTION_VIEW_ACCURACY, "accuracy", "Factual accuracy" },
				{ ACTION_VIEW_INSPECTION, "embargo", "Embargo and media pack" },
				{ ACTION_VIEW_PARTNERSHIP, "partnership",
				    "Partnership: notification, return, position statement" },
				{ ACTION_VIEW_AGGREGATES, "readings/summary",
				    "Results of the readings" },
				{ ACTION_READ_ASSIGNED_RECORDS, "readings/import",
				    "Import readings" },
				{ ACTION_VIEW_AGGREGATES, "surveys", "Surveys" },
				{ ACTION_VIEW_FIELDWORK, "fieldwork", "Fieldwork plan" },
			};
			for (size_t k = 0; k < sizeof(flow) / sizeof(flow[0]); k++) {
				if (!role_may(role, flow[k].a))
					continue;
				snprintf(buf, sizeof(buf), "/inspections/%ld/%s", id, flow[k].path);
				html_open(&h, HE_LI, HA__MAX);
				ui_link(&h, buf, flow[k].label);
				html_close(&h);
			}
		}
		if (role_may(role, ACTION_VIEW_AUDIT)) {
			snprintf(buf, sizeof(buf), "/inspections/%ld/audit", id);
			html_open(&h, HE_LI, HA__MAX);
			ui_link(&h, buf, "Audit log of this inspection");
			html_close(&h);
		}
		if (draft) {
			snprintf(buf, sizeof(buf), "/inspections/%ld/report", id);
			html_open(&h, HE_LI, HA__MAX);
			ui_link(&h, buf, "Report and downloads");
			html_close(&h);
		}
		html_close(&h);
	}
	overdue_concerns(r, &h, id, role);
	page_panel_links(&h, id, role, draft);
	published_links(r, &h, id);
	if (may_eval) {
		html_elem(&h, HE_H2, NULL, "Evaluations");
		ui_table_begin(&h, "Grades by quality indicator", cols, may_grade ? 4 : 3);
		for (size_t i = 0; i < d.fw.nqis; i++) {
			const struct qi *q = &d.fw.qis[i];
			const struct evaluation *e = dossier_grade(&d, q->code);
			char href[128], label[160];

			if (e == NULL && !q->evaluated)
				continue;
			ui_row_begin(&h);
			ui_cell(&h, q->code, true);
			ui_cell(&h, q->title, false);
			if (e != NULL)
				grade_label(&d, e->grade, buf, sizeof(buf));
			ui_cell(&h, e != NULL ? buf : "Not graded", false);
			if (may_grade) {
				snprintf(href, sizeof(href), "/inspections/%ld/grade/%s", id,
				    q->code);
				snprintf(label, sizeof(label), "Grade %s", q->code);
				html_open(&h, HE_TD, HA__MAX);
				html_open(&h, HE_A, HA_HREF, href, HA_CLASS, "ds_link", HA__MAX);
				html_text(&h, e != NULL ? "Change" : "Grade");
				html_open(&h, HE_SPAN, HA_CLASS, "visually-hidden", HA__MAX);
				html_textf(&h, " quality indicator %s", q->code);
				html_close(&h);
				html_close(&h);
				html_close(&h);
			}
			ui_row_end(&h);
		}
		ui_table_end(&h);
		html_elem(&h, HE_H2, NULL, "Findings");
		if (d.nfindings == 0)
			html_elem(&h, HE_P, NULL,
			    "No strengths or areas for improvement recorded yet.");
		for (int kind = 0; kind < FINDING__MAX; kind++) {
			size_t count = 0;

			for (size_t i = 0; i < d.nfindings; i++) {
				if ((int)d.findings[i].kind != kind)
					continue;
				if (count++ == 0) {
					html_elem(&h, HE_H3, NULL,
					    kind == FINDING_STRENGTH ? "Strengths"
					                             : "Areas for improvement");
					html_open(&h, HE_UL, HA__MAX);
				}
				html_elem(&h, HE_LI, NULL, d.findings[i].text);
			}
			if (count > 0)
				html_close(&h);
		}
		html_elem(&h, HE_H2, NULL, "Confidence");
		html_elem(&h, HE_P, NULL,
		    d.in.confidence != CONFIDENCE_NONE ? confidence_table[d.in.confidence].label
		                                       : "No confidence statement yet.");
		if (d.in.confidence_text != NULL)
			html_elem(&h, HE_P, NULL, d.in.confidence_text);
	}
	ui_page_end(&h);
	dossier_free(&d);
}

/* Writes the evaluation of indicator q for the grade page: the balance of
 * the evidence informing it and the records-reading results of the
 * template items mapped to it (as 'cairn evaluation show'). */
static void
grade_evaluation(struct web_req *r, struct html *h, const struct dossier *d, const struct qi *q)
{
	static const char *const cols[] = { "Question", "Children", "Result", "95% interval",
		"Quantifier" };
	struct evaluation_view v;
	struct cairn_err err = { 0 };
	const struct qi_evaluation *e;
	char num[64], href[128];

	memset(&v, 0, sizeof(v));
	if (app_evaluation_load(r->st, d->in.id, q->code, &v, &err) != CAIRN_OK) {
		fprintf(stderr, "cairn serve: evaluation: %s\n", err.msg);
		return;
	}
	e = v.n > 0 ? &v.items[0] : NULL;
	html_elem(h, HE_H2, NULL, "Evidence for this indicator");
	if (e == NULL) {
		html_elem(h, HE_P, NULL, "No evidence informs this indicator yet.");
	} else {
		ui_summary_begin(h);
		snprintf(num, sizeof(num), "%d", e->total.strength);
		ui_summary_row(h, "Strengths", num);
		snprintf(num, sizeof(num), "%d", e->total.improvement);
		ui_summary_row(h, "Areas for improvement", num);
		snprintf(num, sizeof(num), "%d", e->total.uncertainty);
		ui_summary_row(h, "Open areas of uncertainty", num);
		snprintf(num, sizeof(num), "%d", e->total.concern);
		ui_summary_row(h, "Concerns", num);
		snprintf(num, sizeof(num), "%d", e->total.no_concern);
		ui_summary_row(h, "No concern", num);
		ui_summary_end(h);
		{
			/* The balance by source (fieldwork activities each show their own). */
			static const char *const bcols[] = { "Source", "Strengths",
				"Areas for improvement", "Uncertainties", "Concerns",
				"No concern" };

			ui_table_begin(h, "The evidence balance by source", bcols, 6);
			for (int s = 0; s < SOURCE__MAX; s++) {
				const struct evidence_counts *c = &e->by_source[s];
				const int vals[] = { c->strength, c->improvement, c->uncertainty,
					c->concern, c->no_concern };

				if (vals[0] + vals[1] + vals[2] + vals[3] + vals[4] == 0)
					continue;
				ui_row_begin(h);
				ui_cell(h, evidence_source_table[s].label, true);
				for (int k = 0; k < 5; k++) {
					snprintf(num, sizeof(num), "%d", vals[k]);
					ui_cell(h, num, false);
				}
				ui_row_end(h);
			}
			ui_table_end(h);
		}
	}
	snprintf(href, sizeof(href), "/inspections/%ld/evidence?qi=%s", d->in.id, q->code);
	html_open(h, HE_P, HA__MAX);
	ui_link(h, href, "The evidence log for this indicator");
	html_close(h);
	html_elem(h, HE_H2, NULL, "Records reading");
	if (e == NULL || e->nreading == 0) {
		html_elem(h, HE_P, NULL,
		    v.has_reading ? "No question of the reading template informs "
		                    "this indicator, or no reading has been submitted yet."
		                  : "No records sample has been drawn for this inspection.");
		goto out;
	}
	ui_table_begin(h,
	    "Results of the records reading for the questions mapped to this "
	    "indicator",
	    cols, 5);
	for (size_t i = 0; i < e->nreading; i++) {
		const struct reading_result *rr = &e->reading[i];
		struct buf qtext = BUF_INIT, res = BUF_INIT, ci = BUF_INIT;

		buf_printf(&qtext, "%s%s%s%s", rr->text, rr->agency[0] ? " (" : "", rr->agency,
		    rr->agency[0] ? ")" : "");
		snprintf(num, sizeof(num), "%ld", rr->n);
		if (rr->has_prop && rr->nprop > 0) {
			buf_printf(&res, "%ld of %ld %s (%.0f%%)", rr->x, rr->nprop,
			    rr->measure != NULL ? rr->measure : "", 100.0 * rr->estimate);
			buf_printf(&ci, "%.0f%% to %.0f%%", 100.0 * rr->lower, 100.0 * rr->upper);
		}
		ui_row_begin(h);
		ui_cell(h, buf_str(&qtext), true);
		ui_cell(h, num, false);
		ui_cell(h, res.len ? buf_str(&res) : "No proportion", false);
		ui_cell(h, buf_str(&ci), false);
		ui_cell(h, rr->quantifier != NULL ? rr->quantifier : "", false);
		ui_row_end(h);
		buf_free(&qtext);
		buf_free(&res);
		buf_free(&ci);
	}
	ui_table_end(h);
out:
	evaluation_view_free(&v);
}

/* Writes the grade form for indicator q of dossier d with its errors. */
static void
grade_page(struct web_req *r, struct web_resp *w, const struct dossier *d, const struct qi *q,
    const char *grade, const char *rationale, const struct ui_error *errors, size_t nerr)
{
	struct ui_option *opts = calloc(d->fw.scale.nlevels, sizeof(*opts));
	char(*labels)[200] = calloc(d->fw.scale.nlevels, sizeof(*labels));
	char(*values)[16] = calloc(d->fw.scale.nlevels, sizeof(*values));
	char action[128], title[200];
	struct ui_field gf = { 0 }, rf = { 0 };
	struct web_frame fr;
	struct html h;

	if (opts == NULL || labels == NULL || values == NULL)
		goto out;
	for (size_t i = 0; i < d->fw.scale.nlevels; i++) {
		const struct scale_level *l = &d->fw.scale.levels[i];

		snprintf(values[i], sizeof(values[i]), "%d", l->value);
		snprintf(labels[i], sizeof(labels[i]), "%d %s: %s", l->value, l->label,
		    l->short_desc);
		opts[i].value = values[i];
		opts[i].label = labels[i];
	}
	snprintf(action, sizeof(action), "/inspections/%ld/grade/%s", d->in.id, q->code);
	snprintf(title, sizeof(title), "Grade quality indicator %s", q->code);
	web_frame_init(&fr, d->in.id, d->in.partnership, title, false);
	fr.p.label = q->title;
	web_frame_start(r, w, &h, &fr);
	if (nerr > 0)
		w->status = 400;
	ui_error_summary(&h, errors, nerr);
	grade_evaluation(r, &h, d, q);
	web_grade_claims(r, &h, d->in.id, q->code);
	html_elem(&h, HE_H2, NULL, "Grade");
	ui_form_begin(&h, action, r->sess.csrf, false);
	gf.id = "grade";
	gf.name = "grade";
	gf.label = "Grade";
	gf.hint = "The evaluation on the framework's scale, using the quality illustrations.";
	gf.value = grade;
	gf.error = ui_error_for(errors, nerr, "grade");
	ui_radios(&h, &gf, opts, d->fw.scale.nlevels);
	rf.id = "rationale";
	rf.name = "rationale";
	rf.label = "Rationale (optional)";
	rf.hint = "Why this grade: the evidence that decided it.";
	rf.value = rationale;
	rf.error = ui_error_for(errors, nerr, "rationale");
	ui_textarea(&h, &rf, 6);
	ui_button(&h, "Save grade", UI_BUTTON_PRIMARY);
	ui_form_end(&h);
	html_open(&h, HE_P, HA__MAX);
	ui_link(&h, fr.back, "Back to the inspection");
	html_close(&h);
	ui_page_end(&h);
out:
	free(opts);
	free(labels);
	free(values);
}

/* Loads the dossier and indicator for a grade route; false (page
 * written) if the person may not grade or the indicator is unknown. */
static bool
grade_target(struct web_req *r, struct web_resp *w, struct dossier *d, const struct qi **q)
{
	struct cairn_err err = { 0 };
	long id;

	memset(d, 0, sizeof(*d));
	id = r->insp;
	if (app_dossier_load(r->st, id, d, &err) != CAIRN_OK ||
	    (*q = framework_qi(&d->fw, r->args[1])) == NULL) {
		dossier_free(d);
		web_error_page(r, w, 404, "Page not found",
		    "There is no such quality indicator in "
		    "this inspection's framework.");
		return false;
	}
	return true;
}

void
page_grade_form(struct web_req *r, struct web_resp *w)
{
	struct dossier d;
	const struct qi *q = NULL;
	const struct evaluation *e;
	char value[16] = "";

	if (!grade_target(r, w, &d, &q))
		return;
	if ((e = dossier_grade(&d, q->code)) != NULL)
		snprintf(value, sizeof(value), "%d", e->grade);
	grade_page(r, w, &d, q, value[0] ? value : NULL, e != NULL ? e->rationale : NULL, NULL, 0);
	dossier_free(&d);
}

void
page_grade(struct web_req *r, struct web_resp *w)
{
	struct dossier d;
	const struct qi *q = NULL;
	const char *grade = web_form(r, "grade"), *rationale = web_form(r, "rationale");
	struct ui_error errors[2];
	struct cairn_err err = { 0 };
	size_t nerr = 0;
	long value;
	int stored = 0;
	char loc[160];

	if (!grade_target(r, w, &d, &q))
		return;
	if (grade == NULL || grade[0] == '\0')
		errors[nerr++] = (struct ui_error){ "grade", "Choose a grade" };
	else if (!text_parse_long(grade, 1, 100, &value) ||
	    scale_level_of(&d.fw.scale, (int)value) == NULL)
		errors[nerr++] = (struct ui_error){ "grade", "Choose one of the grades listed" };
	if (rationale != NULL && strlen(rationale) > RATIONALE_MAX)
		errors[nerr++] = (struct ui_error){ "rationale",
			"The rationale must be 20,000 characters or fewer" };
	if (nerr == 0 &&
	    app_grade(r->st, &r->actor, d.in.id, q->code, grade,
	        rationale != NULL && rationale[0] != '\0' ? rationale : NULL, NULL, &stored,
	        &err) != CAIRN_OK) {
		if (err.rc == CAIRN_EDATA) {
			errors[nerr++] = (struct ui_error){ "grade", err.msg };
		} else {
			fprintf(stderr, "cairn serve: grade: %s\n", err.msg);
			dossier_free(&d);
			web_error_page(r, w, 500, "Sorry, there is a problem",
			    "The grade could not be "
			    "saved. Nothing was changed.");
			return;
		}
	}
	if (nerr > 0) {
		grade_page(r, w, &d, q, grade, rationale, errors, nerr);
		dossier_free(&d);
		return;
	}
	snprintf(loc, sizeof(loc), "/inspections/%ld?graded=%s", d.in.id, q->code);
	web_redirect(w, loc);
	dossier_free(&d);
}

/* Entries shown on one page of the audit log. */
#define AUDIT_SHOWN 200

/* One audit entry as the page shows it (its strings malloc'd). */
struct audit_shown {
	long id;
	char at[21];
	char *actor;
	char *origin;
	const char *action; /* audit_action_label's static text */
	long inspection;
	char *subject; /* may be NULL */
};

/* State for one page of audit entries: read first, then written, so that
 * the people are named with one read for the whole page. */
struct audit_rows {
	struct audit_shown *v; /* entries read, newest first */
	size_t n;              /* entries read */
	long oldest;           /* the id of the oldest entry read */
};

/* Keeps one audit entry for the page (callback of audit_list_page). */
static int
audit_row(const struct audit_entry *e, void *arg)
{
	struct audit_rows *t = arg;
	struct audit_shown *a;

	if (t->n == AUDIT_SHOWN)
		return 0;
	a = &t->v[t->n++];
	a->id = e->id;
	text_copy(a->at, sizeof(a->at), e->at);
	a->actor = xstrdup(e->actor != NULL ? e->actor : "");
	a->origin = xstrdup(e->origin != NULL ? e->origin : "");
	a->action = audit_action_label(e->action);
	a->inspection = e->inspection;
	a->subject = e->subject != NULL ? xstrdup(e->subject) : NULL;
	t->oldest = e->id;
	return 0;
}

/* Writes the page's entries as table rows into h, each "Who" named
 * "Name (username)" (web_people_named: one read for the page, as who may
 * read the log of inspection id, 0 the whole log), and frees them. */
static void
audit_rows_write(struct web_req *r, struct html *h, long id, struct audit_rows *t)
{
	struct account *people = NULL;
	size_t npeople = 0;
	const char **by = xcalloc(t->n > 0 ? t->n : 1, sizeof(*by));

	for (size_t i = 0; i < t->n; i++)
		by[i] = t->v[i].actor;
	web_people_named(r, id, ACTION_VIEW_AUDIT, by, t->n, &people, &npeople);
	free(by);
	for (size_t i = 0; i < t->n; i++) {
		struct audit_shown *a = &t->v[i];
		char num[24], insp[24], who[300];

		snprintf(num, sizeof(num), "%ld", a->id);
		snprintf(insp, sizeof(insp), "%ld", a->inspection);
		ui_row_begin(h);
		ui_cell(h, num, true);
		ui_cell_date(h, a->at, NULL);
		ui_cell(h, web_person_named(people, npeople, a->actor, who, sizeof(who)), false);
		ui_cell(h, a->origin, false);
		ui_cell(h, a->action, false);
		ui_cell(h, a->inspection > 0 ? insp : "", false);
		ui_cell(h, a->subject != NULL ? a->subject : "", false);
		ui_row_end(h);
		free(a->actor);
		free(a->origin);
		free(a->subject);
	}
	accounts_free(people, npeople);
	free(t->v);
	t->v = NULL;
}

/*
 * Writes the signed checkpoints' section of the global audit page: the
 * public key's fingerprint, the newest checkpoint line and, for whom
 * app/ allows, the button that signs one (failed: why the last try failed).
 */
static void
checkpoint_section(struct web_req *r, struct html *h, const char *failed)
{
	struct checkpoint_status cs;
	struct cairn_err err = { 0 };
	char count[48];

	html_elem(h, HE_H2, "ds_!_margin-top--4", "Signed checkpoints");
	if (failed != NULL)
		ui_warning(h, failed);
	else if (web_query(r, "checkpoint") != NULL)
		ui_notification(h,
		    "A signed checkpoint was added. Copy the latest checkpoint line "
		    "below and keep it off this server, with the public key.");
	if (audit_checkpoint_status(r->st, &r->actor, &cs, &err) != CAIRN_OK) {
		ui_warning(h, err.msg);
		return;
	}
	html_elem(h, HE_P, NULL,
	    "A checkpoint is signed with this server's signing key. Kept off the server with "
	    "the public key, it proves the audit log up to it even against someone who can "
	    "change the database, its audit key and its anchor.");
	ui_summary_begin(h);
	ui_summary_row(h, "Public key fingerprint",
	    cs.have_key ? cs.fingerprint : "No signing key yet: the first checkpoint makes one");
	if (cs.have_key)
		ui_summary_row(h, "Public key", cs.pub);
	ui_summary_row(h, "Checkpoints signed",
	    ui_plural(count, sizeof(count), cs.count, "checkpoint", "checkpoints"));
	ui_summary_row(h, "Latest checkpoint", cs.latest[0] != '\0' ? cs.latest : "None yet");
	ui_summary_end(h);
	if (cs.may_sign) {
		ui_form_begin(h, "/audit/checkpoint", r->sess.csrf, false);
		ui_button(h, "Sign a checkpoint now", UI_BUTTON_SECONDARY);
		ui_form_end(h);
	}
}

/* Longest step of the chain's check in one request, in milliseconds. */
#define AUDIT_STEP_MS 150

/* Writes the GET form that asks for a check of the chain (verify: "1" to
 * go on from the last position, "full" to start from the first entry). */
static void
audit_check_form(struct html *h, const char *path, const char *verify, const char *label)
{
	html_open(h, HE_FORM, HA_METHOD, "get", HA_ACTION, path, HA__MAX);
	ui_button_named(h, label, UI_BUTTON_SECONDARY, "verify", verify);
	html_close(h);
}

/*
 * Writes the audit page: every entry (id 0, administrators) or one
 * inspection's entries (the lead), 200 at a time, newest first, from the
 * entry before ?before= (issue 17: a page reads only its own entries).  The
 * whole chain is verified only when asked (?verify=1, the "Check the chain"
 * button), since that reads every entry of the log.  failed: why signing a
 * checkpoint failed (the global page only).
 */
static void
audit_page(struct web_req *r, struct web_resp *w, long id, const char *failed)
{
	static const char *const cols[] = { "Entry", "When", "Who", "From", "What", "Inspection",
		"Subject" };
	const char *bq = web_query(r, "before");
	const char *vq = web_query(r, "verify");
	bool verify = vq != NULL;
	struct audit_rows t = { 0 };
	struct cairn_err err = { 0 };
	struct web_frame fr;
	struct html h;
	char path[64], href[128];
	long before = 0;

	if (bq != NULL && bq[0] != '\0' && !text_parse_long(bq, 1, LONG_MAX, &before)) {
		web_error_page(r, w, 404, "Page not found", "There is no page at this address.");
		return;
	}
	if (id > 0)
		snprintf(path, sizeof(path), "/inspections/%ld/audit", id);
	else
		snprintf(path, sizeof(path), "/audit");
	web_frame_init(&fr, id, NULL, id > 0 ? "Audit log of this inspection" : "Audit log", true);
	/* An administrator on no team reads its log but may not open the
	 * inspection's page: no breadcrumb to it. */
	if (id > 0 && !role_may(r->role, ACTION_VIEW_INSPECTION))
		fr.p.ncrumbs = 1;
	web_frame_start(r, w, &h, &fr);
	if (verify) {
		struct audit_check c;
		char msg[240], many[48];

		bool full = strcmp(vq, "full") == 0;

		/* One bounded step (issue 17): no worker is busy for long; who may
		 * check is app/'s (app_audit_check, as the API asks). */
		if (app_audit_check(r->st, &r->actor, id, full, AUDIT_STEP_MS, &c, &err) !=
		    CAIRN_OK) {
			ui_warning(&h, err.msg);
			audit_check_form(&h, path, "full", "Check the whole chain again");
		} else if (c.done) {
			snprintf(msg, sizeof(msg), "The chain of %s is intact.%s",
			    ui_plural(many, sizeof(many), c.checked, "entry", "entries"),
			    c.resumed
			        ? " This check read only the entries added since the last one."
			        : "");
			html_open(&h, HE_P, HA_ID, "audit-check", HA__MAX);
			html_text(&h, msg);
			html_close(&h);
			audit_check_form(&h, path, "full", "Check the whole chain again");
		} else {
			snprintf(msg, sizeof(msg),
			    "Checked %ld of %s so far: the chain is intact up to there. The check "
			    "goes on a part at a time; continue it to check the rest.",
			    c.checked, ui_plural(many, sizeof(many), c.total, "entry", "entries"));
			html_open(&h, HE_P, HA_ID, "audit-check", HA__MAX);
			html_text(&h, msg);
			html_close(&h);
			audit_check_form(&h, path, "1", "Continue checking");
		}
	} else {
		html_elem(&h, HE_P, NULL,
		    "Every entry is chained to the one before it, so that an entry changed or "
		    "removed afterwards is found. Checking the chain reads the entries added since "
		    "the last check, a part at a time; checking the whole chain again reads every "
		    "entry.");
		audit_check_form(&h, path, "1", "Check the chain");
		audit_check_form(&h, path, "full", "Check the whole chain again");
	}
	if (id == 0)
		checkpoint_section(r, &h, failed);
	ui_table_begin(&h, "The latest entries, newest first", cols, 7);
	t.v = xcalloc(AUDIT_SHOWN, sizeof(*t.v));
	if (audit_list_page(r->st, id, before, AUDIT_SHOWN, audit_row, &t, &err) != CAIRN_OK)
		fprintf(stderr, "cairn serve: audit page: %s\n", err.msg);
	audit_rows_write(r, &h, id, &t);
	ui_table_end(&h);
	if (t.n == 0)
		html_elem(&h, HE_P, NULL, "No entries.");
	if (t.n == AUDIT_SHOWN && t.oldest > 1) {
		snprintf(href, sizeof(href), "%s?before=%ld", path, t.oldest);
		html_open(&h, HE_P, HA__MAX);
		ui_link(&h, href, "Older entries");
		html_close(&h);
	}
	if (before > 0) {
		html_open(&h, HE_P, HA__MAX);
		ui_link(&h, path, "The newest entries");
		html_close(&h);
	}
	ui_page_end(&h);
}

void
page_audit(struct web_req *r, struct web_resp *w)
{
	audit_page(r, w, 0, NULL);
}

void
page_audit_checkpoint(struct web_req *r, struct web_resp *w)
{
	char line[CHECKPOINT_LINE_MAX], pub[CHECKPOINT_PUB_HEX];
	struct cairn_err err = { 0 };
	bool created;

	if (audit_checkpoint(r->st, &r->actor, line, &created, pub, &err) != CAIRN_OK) {
		if (err.rc != CAIRN_EDATA && err.rc != CAIRN_EPERM && err.rc != CAIRN_ECANTCREAT &&
		    err.rc != CAIRN_EIO) {
			web_internal(r, w, "checkpoint", &err);
			return;
		}
		audit_page(r, w, 0, err.msg);
		w->status = err.rc == CAIRN_EPERM ? 403 : err.rc == CAIRN_EDATA ? 409 : 500;
		return;
	}
	web_redirect(w, "/audit?checkpoint=signed");
}

void
page_inspection_audit(struct web_req *r, struct web_resp *w)
{
	long id;

	id = r->insp;
	audit_page(r, w, id, NULL);
}
