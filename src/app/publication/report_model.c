/* The report model: see report_model.h. */
#include "app/publication/report_model.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/publication/disclose.h"
#include "app/records/readstat.h"
#include "app/publication/report_area.h"
#include "app/setup/jsonfield.h"
#include "app/surveys/survey.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/embed.h"
#include "core/mem.h"
#include "core/text.h"
#include "render/methods.h"
#include "render/release.h"
#include "store/model.h"
#include "store/publication.h"
#include "store/records.h"
#include "store/work.h"

const char *const report_audience_name[REPORT_AUDIENCE__MAX] = {
	[REPORT_PUBLIC] = "public",
	[REPORT_INTERNAL] = "internal",
};
_Static_assert(sizeof(report_audience_name) / sizeof(report_audience_name[0]) ==
        REPORT_AUDIENCE__MAX,
    "report_audience_name: one entry per value");

const char *const report_version_name[REPORT_VERSION__MAX] = {
	[REPORT_FULL] = "full",
	[REPORT_YOUNG_PEOPLE] = "young-people",
};
_Static_assert(sizeof(report_version_name) / sizeof(report_version_name[0]) == REPORT_VERSION__MAX,
    "report_version_name: one entry per value");

/* The inspectorate named when no setting says otherwise. */
static const char DEFAULT_ORGANISATION[] = "Care Inspectorate";
/* The marking of internal outputs, printed on every page. */
static const char INTERNAL_MARKING[] =
    "NOT FOR PUBLICATION \xE2\x80\x93 internal version for the inspection team";

int
report_name_parse(const char *const *names, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (name != NULL && text_casecmp(names[i], name) == 0)
			return i;
	return -1;
}

int
report_settings_load(struct store *st, long id, struct report_settings *s, struct cairn_err *err)
{
	int rc;

	memset(s, 0, sizeof(*s));
	if ((rc = disclose_threshold_load(st, id, &s->threshold, err)) != CAIRN_OK ||
	    (rc = store_setting_get(st, id, "organisation", &s->organisation, err)) != CAIRN_OK ||
	    (rc = store_setting_get(st, id, "logo", &s->logo, err)) != CAIRN_OK ||
	    (rc = store_setting_get(st, id, "area", &s->area, err)) != CAIRN_OK) {
		report_settings_free(s);
		return rc;
	}
	if (s->organisation == NULL)
		s->organisation = xstrdup(DEFAULT_ORGANISATION);
	return CAIRN_OK;
}

void
report_settings_free(struct report_settings *s)
{
	free(s->organisation);
	free(s->logo);
	free(s->area);
	free(s->open_data);
	memset(s, 0, sizeof(*s));
}

int
report_child_refs(struct store *st, long id, char ***refs, size_t *n, struct cairn_err *err)
{
	/* The population and sample of records reading hold them. */
	return store_child_refs(st, id, refs, n, err);
}

/* ---- building ---- */

/* What every section builder sees. */
struct ctx {
	struct store *st;                  /* the database, for optional sections */
	const struct dossier *d;           /* the inspection */
	const struct report_settings *set; /* threshold, organisation, logo */
	enum report_audience audience;     /* public or internal */
	json_t *tpl;                       /* the template (borrowed) */
	struct doc *doc;                   /* the document being built */
	struct cairn_err *err;             /* where errors go */
	struct report_area area;           /* the partnership's area (context, outcomes) */
	size_t nquestions;                 /* question sections so far (their ids) */
};

/* The caveat under a table listing an indicator the framework marks
 * uncertain (its number or title not confirmed in a published source). */
#define UNCERTAIN_CAVEAT                                                                           \
	"* The number or title of the indicators marked * is not confirmed in the published "      \
	"framework or reports."

/* Builds one kind of section; title is the template's (may be NULL). */
typedef int (*section_fn)(struct ctx *cx, const char *title, json_t *sec);

/* Returns a template string member, or NULL. */
static const char *
tstr(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* Returns text with every "{partnership}" replaced; caller frees. */
static char *
fill(const struct ctx *cx, const char *text)
{
	static const char key[] = "{partnership}";
	struct buf b = BUF_INIT;
	const char *p = text, *q;

	while ((q = strstr(p, key)) != NULL) {
		buf_append(&b, p, (size_t)(q - p));
		buf_puts(&b, cx->d->in.partnership);
		p = q + sizeof(key) - 1;
	}
	buf_puts(&b, p);
	return buf_take(&b);
}

/* Returns "25 April 2016" for an ISO date in out (or the input). */
static const char *
long_date(const char *iso, char *out, size_t outsz)
{
	struct cdate d;

	if (!date_parse(iso, &d))
		return iso;
	date_long(&d, out, outsz);
	return out;
}

/* Returns the label of a grade, or "not known". */
static const char *
grade_label(const struct dossier *d, int grade)
{
	const struct scale_level *l = scale_level_of(&d->fw.scale, grade);

	return l != NULL ? l->label : "not known";
}

/* Writes "Good (4)" for a grade into out. */
static const char *
grade_text(const struct dossier *d, int grade, char *out, size_t outsz)
{
	snprintf(out, outsz, "%s (%d)", grade_label(d, grade), grade);
	return out;
}

static int
sec_introduction(struct ctx *cx, const char *title, json_t *sec)
{
	const struct inspection *in = &cx->d->in;
	struct doc_section *s = doc_section(cx->doc, "introduction", title, 1, false);
	const char *remit = tstr(cx->tpl, "remit"), *scope = tstr(cx->tpl, "scope");
	char a[32], b[32], area[PARTNERSHIP_AREA_MAX];

	(void)sec;
	if (remit != NULL) {
		char *t = fill(cx, remit);

		doc_para(s, "%s", t);
		free(t);
	}
	if (in->fieldwork_from[0] && in->fieldwork_to[0])
		doc_para(s,
		    "This report sets out the findings of a joint inspection of %s in the %s, "
		    "carried out between %s and %s. "
		    "Inspectors evaluated quality indicators from the framework \"%s\" on the %s.",
		    scope != NULL ? scope : "services for children and young people",
		    partnership_area(in->partnership, area, sizeof(area)),
		    long_date(in->fieldwork_from, a, sizeof(a)),
		    long_date(in->fieldwork_to, b, sizeof(b)), cx->d->fw.title,
		    cx->d->fw.scale.name);
	else
		doc_para(s,
		    "This report sets out the findings of a joint inspection of %s in the %s. "
		    "Inspectors evaluated quality indicators from the framework \"%s\" on the %s.",
		    scope != NULL ? scope : "services for children and young people",
		    partnership_area(in->partnership, area, sizeof(area)), cx->d->fw.title,
		    cx->d->fw.scale.name);
	if (in->nagencies > 0) {
		struct doc_block *l;

		doc_para(s, "The inspection was carried out jointly by:");
		l = doc_list(s, DOC_LIST);
		for (size_t i = 0; i < in->nagencies; i++)
			doc_item(l, in->agencies[i]);
	}
	return CAIRN_OK;
}

static int
sec_conduct(struct ctx *cx, const char *title, json_t *sec)
{
	const struct inspection *in = &cx->d->in;
	struct doc_section *s = doc_section(cx->doc, "conduct", title, 1, false);
	const char *note = tstr(cx->tpl, "sample_note");

	(void)sec;
	/* The methods from the data (render/methods.c, as the release says it);
	 * a typed list only as extra free text. */
	{
		struct buf mb = BUF_INIT;

		methods_prose(&cx->d->methods, &mb);
		doc_para(s, "%s", buf_str(&mb));
		buf_free(&mb);
	}
	if (in->nmethods > 0) {
		struct doc_block *l;

		doc_para(s, "Inspectors also:");
		l = doc_list(s, DOC_LIST);
		for (size_t i = 0; i < in->nmethods; i++)
			doc_item(l, in->methods[i]);
	}
	/* Volumes: survey responses, with disclosure control on small counts. */
	{
		struct survey *list = NULL;
		size_t n = 0;
		struct doc_block *l = NULL;
		int rc = app_survey_list(cx->st, cx->d->in.id, &list, &n, cx->err);

		if (rc != CAIRN_OK)
			return rc;
		for (size_t k = 0; k < n; k++) {
			char num[32];

			if (list[k].nrespondents <= 0)
				continue;
			if (l == NULL) {
				doc_para(s, "Surveys:");
				l = doc_list(s, DOC_LIST);
			}
			disclose_text(list[k].nrespondents,
			    cx->audience == REPORT_INTERNAL ||
			            disclose_count_ok(list[k].nrespondents, cx->set->threshold)
			        ? DISCLOSE_SHOWN
			        : DISCLOSE_PRIMARY,
			    cx->set->threshold, num, sizeof(num));
			{
				char *item = xasprintf("%s people responded to the survey \"%s\"",
				    num, list[k].name);

				doc_item(l, item);
				free(item);
			}
		}
		surveys_free(list, n);
	}
	if (note != NULL)
		doc_para(s, "%s", note);
	return CAIRN_OK;
}

/* The partnership's context: the inspectors' narrative, then the figures
 * of the open data for the partnership's council area (when it matches
 * one); left out when there is neither. */
static int
sec_context(struct ctx *cx, const char *title, json_t *sec)
{
	bool narrative = cx->d->in.context != NULL && cx->d->in.context[0] != '\0';
	struct doc_section *s;

	(void)sec;
	if (!narrative && !cx->area.has_context)
		return CAIRN_OK;
	s = doc_section(cx->doc, "context", title, 1, false);
	if (narrative)
		doc_markdown(s, cx->d->in.context);
	report_area_context(&cx->area, s, cx->set->threshold);
	return CAIRN_OK;
}

/* Outcome gaps of the partnership's area, per indicator with data. */
static int
sec_outcomes(struct ctx *cx, const char *title, json_t *sec)
{
	(void)sec;
	return report_area_outcomes(cx->st, &cx->area, cx->doc, title, cx->set->threshold, cx->err);
}

/* Adds the grade profile chart of the evaluated indicators to s. */
static void
grade_chart(struct ctx *cx, struct doc_section *s)
{
	const struct dossier *d = cx->d;
	const struct scale *sc = &d->fw.scale;
	struct doc_chart *c = doc_chart(s, "grade-profile", "Evaluations of the quality indicators",
	    d->nevals, false);
	struct buf desc = BUF_INIT;
	char g[64];

	c->min = 0;
	c->max = scale_top(sc);
	buf_printf(&desc,
	    "Bar chart of the evaluations of %zu quality indicators on the %s, "
	    "where %d is %s and %d is %s: ",
	    d->nevals, sc->name, scale_bottom(sc), grade_label(d, scale_bottom(sc)), scale_top(sc),
	    grade_label(d, scale_top(sc)));
	for (size_t i = 0; i < d->nevals; i++) {
		const struct qi *q = framework_qi(&d->fw, d->evals[i].qi);
		char *label = xasprintf("%s %s", d->evals[i].qi, q != NULL ? q->title : "");

		doc_chart_bar(c, i, label, d->evals[i].grade, NAN, NAN,
		    grade_text(d, d->evals[i].grade, g, sizeof(g)));
		buf_printf(&desc, "%s%s %s, %s", i ? "; " : "", d->evals[i].qi,
		    q != NULL ? q->title : "", g);
		free(label);
	}
	buf_puts(&desc, ".");
	c->desc = buf_take(&desc);
	c->axis = xasprintf("Evaluation (%d = %s, %d = %s)", scale_bottom(sc),
	    grade_label(d, scale_bottom(sc)), scale_top(sc), grade_label(d, scale_top(sc)));
	for (int v = scale_bottom(sc); v <= scale_top(sc); v++) {
		snprintf(g, sizeof(g), "%d", v);
		doc_chart_tick(c, v, g);
	}
}

static int
sec_profile(struct ctx *cx, const char *title, json_t *sec)
{
	struct doc_section *s;
	char *summary;

	(void)sec;
	if (cx->d->nevals == 0)
		return CAIRN_OK;
	s = doc_section(cx->doc, "profile", title, 1, false);
	summary = release_summary(cx->d);
	doc_para(s, "%s", summary);
	free(summary);
	grade_chart(cx, s);
	return CAIRN_OK;
}

/* Adds a list of the findings of one kind linked to indicator qi (or all
 * findings of the kind when qi is NULL); returns how many. */
static size_t
findings_list(struct ctx *cx, struct doc_section *s, enum finding_kind kind, const char *qi,
    const char *lead)
{
	struct doc_block *l = NULL;
	size_t n = 0, num = 0;

	for (size_t i = 0; i < cx->d->nfindings; i++) {
		const struct finding *f = &cx->d->findings[i];
		bool match = qi == NULL;

		if (f->kind != kind)
			continue;
		num++; /* the area's number within the inspection, as the action plan's */
		for (size_t k = 0; !match && k < f->nqis; k++)
			match = strcmp(f->qis[k], qi) == 0;
		if (!match)
			continue;
		if (l == NULL) {
			if (lead != NULL)
				doc_para(s, "%s", lead);
			l = doc_list(s, DOC_LIST);
		}
		if (kind == FINDING_IMPROVEMENT && qi == NULL) {
			/* The whole list numbers the areas as the action plan does (1, 2, 3
			 * in findings order). */
			struct buf b = BUF_INIT;

			buf_printf(&b, "%zu. %s", num, f->text);
			doc_item(l, buf_str(&b));
			buf_free(&b);
		} else {
			doc_item(l, f->text);
		}
		n++;
	}
	return n;
}

/* Adds one graded indicator's subsection: its evaluation, rationale and
 * findings. */
static struct doc_section *
qi_block(struct ctx *cx, const struct qi *q, const struct evaluation *e)
{
	const struct dossier *d = cx->d;
	struct doc_section *s;
	char id[64], g[64], *h;

	snprintf(id, sizeof(id), "qi-%s", q->code);
	h = xasprintf("Quality indicator %s: %s", q->code, q->title);
	s = doc_section(cx->doc, id, h, 2, false);
	free(h);
	doc_para(s, "Evaluation: %s. %s", grade_text(d, e->grade, g, sizeof(g)),
	    scale_level_of(&d->fw.scale, e->grade) != NULL
	        ? scale_level_of(&d->fw.scale, e->grade)->short_desc
	        : "");
	if (e->rationale != NULL && e->rationale[0])
		doc_markdown(s, e->rationale);
	findings_list(cx, s, FINDING_STRENGTH, q->code, "Strengths we found:");
	findings_list(cx, s, FINDING_IMPROVEMENT, q->code, "What needs to improve:");
	return s;
}

static int
sec_key_questions(struct ctx *cx, const char *title, json_t *sec)
{
	const struct dossier *d = cx->d;

	(void)title;
	(void)sec;
	for (size_t k = 0; k < d->fw.nkqs; k++) {
		struct doc_section *s = NULL;

		for (size_t i = 0; i < d->nevals; i++) {
			const struct qi *q = framework_qi(&d->fw, d->evals[i].qi);
			char id[64];

			if (q == NULL || strcmp(q->kq, d->fw.kqs[k].code) != 0)
				continue;
			if (s == NULL) {
				snprintf(id, sizeof(id), "kq-%s", d->fw.kqs[k].code);
				doc_section(cx->doc, id, d->fw.kqs[k].title, 1, false);
			}
			s = qi_block(cx, q, &d->evals[i]);
		}
	}
	return CAIRN_OK;
}

/* One of the report's questions, as the real reports arrange their
 * chapters ("4. How well are the lives of children, young people and
 * families improving?"): the indicators listed in "qis", in that order. */
static int
sec_question(struct ctx *cx, const char *title, json_t *sec)
{
	const struct dossier *d = cx->d;
	json_t *qis = json_object_get(sec, "qis"), *v;
	char id[32];
	size_t i;

	snprintf(id, sizeof(id), "question-%zu", ++cx->nquestions);
	doc_section(cx->doc, id, title, 1, false);
	json_array_foreach(qis, i, v)
	{
		const struct evaluation *e = dossier_grade(d, json_string_value(v));
		const struct qi *q = framework_qi(&d->fw, json_string_value(v));

		if (e != NULL && q != NULL)
			qi_block(cx, q, e);
	}
	return CAIRN_OK;
}

static void confidence_para(struct ctx *cx, struct doc_section *s);

/* The conclusion as the 2012-2017 reports carry it: areas of particular
 * strength, areas for improvement, and the confidence statement. */
static int
sec_conclusion(struct ctx *cx, const char *title, json_t *sec)
{
	const struct inspection *in = &cx->d->in;
	struct doc_section *s = doc_section(cx->doc, "conclusion", title, 1, false), *sub;

	(void)sec;
	sub = doc_section(cx->doc, "strengths", "Areas of particular strength", 2, false);
	findings_list(cx, sub, FINDING_STRENGTH, NULL, NULL);
	sub = doc_section(cx->doc, "improvements", "Areas for improvement", 2, false);
	findings_list(cx, sub, FINDING_IMPROVEMENT, NULL, NULL);
	if (in->confidence != CONFIDENCE_NONE)
		confidence_para(cx,
		    doc_section(cx->doc, "confidence",
		        "Our confidence in the partnership's capacity to improve", 2, false));
	(void)s;
	return CAIRN_OK;
}

/* Records reading, evidence, surveys and outcomes: the sections appear
 * when their data exists.  Their engineers' modules provide the data; the
 * builders below add nothing until then (see docs/guide-report.md). */
static int
sec_optional(struct ctx *cx, const char *title, json_t *sec)
{
	(void)cx;
	(void)title;
	(void)sec;
	return CAIRN_OK;
}

/* Returns a percentage with one decimal, e.g. "72.5%". */
static const char *
pct(double p, char *out, size_t outsz)
{
	snprintf(out, outsz, "%.1f%%", 100.0 * p);
	return out;
}

/*
 * Records reading: one row per template item that gives a proportion
 * (good or better, or yes), with the Wilson interval and the quantifier.
 * The count is protected with its complement: [good, not good | total]
 * goes through disclose_apply, and no percentage is shown unless the
 * count itself may be.
 */
static int
sec_records_reading(struct ctx *cx, const char *title, json_t *sec)
{
	static const char *const heads[] = { "What we looked at", "Records", "Good or better",
		"Per cent (95% interval)", "In words" };
	static const double widths[] = { 4.2, 1.7, 1.6, 2.4, 1.5 };
	struct reading_ctx rx;
	struct item_summary *sum = NULL;
	size_t nsum = 0, rows = 0;
	bool exists = false;
	struct doc_section *s;
	struct doc_table *t;
	struct doc_chart *c;
	long threshold = cx->set->threshold;
	int rc;

	(void)sec;
	memset(&rx, 0, sizeof(rx));
	if ((rc = store_sample_exists(cx->st, cx->d->in.id, &exists, cx->err)) != CAIRN_OK)
		return rc;
	if (!exists)
		return CAIRN_OK;
	if ((rc = app_reading_ctx(cx->st, cx->d->in.id, &rx, cx->err)) != CAIRN_OK)
		return rc;
	if ((rc = app_reading_summary(&rx, &sum, &nsum, cx->err)) != CAIRN_OK)
		goto out;
	for (size_t i = 0; i < nsum; i++)
		rows += sum[i].has_prop && sum[i].nprop > 0;
	if (rows == 0)
		goto out;
	s = doc_section(cx->doc, "records-reading", title, 1, false);
	doc_para(s,
	    "Inspectors and local readers read a sample of children's records using a "
	    "template. For each question the table gives how many records were %s, with a 95%% "
	    "confidence interval. To protect children's privacy, numbers below %ld are shown as "
	    "\"fewer than %ld\" and no percentage is given where it would reveal one.",
	    "good or better (or answered yes)", threshold, threshold);
	t = doc_table(s, "records-reading", "Results of reading children's records", 5, heads,
	    widths);
	c = doc_chart(s, "records-reading-chart", "Records good or better, with 95% intervals",
	    rows, true);
	c->min = 0;
	c->max = 100;
	c->axis = xstrdup("Per cent of records read");
	for (int v = 0; v <= 100; v += 25) {
		char tick[16];

		snprintf(tick, sizeof(tick), "%d", v);
		doc_chart_tick(c, v, tick);
	}
	{
		struct buf desc = BUF_INIT;
		size_t bar = 0;

		buf_puts(&desc,
		    "Bar chart of the percentage of records read that were good or better "
		    "for each question, with 95% confidence intervals: ");
		for (size_t i = 0; i < nsum; i++) {
			const struct item_summary *it = &sum[i];
			long counts[3] = { it->x, it->nprop - it->x, it->nprop };
			enum disclose_state st3[3];
			struct disclose_table dt = { 1, 3, counts, true, false, st3 };
			char n[32], x[32], p[64], label[512];
			bool internal = cx->audience == REPORT_INTERNAL, show_pct;

			if (!it->has_prop || it->nprop <= 0)
				continue;
			disclose_apply(&dt, threshold);
			if (internal)
				st3[0] = st3[1] = st3[2] = DISCLOSE_SHOWN;
			show_pct = st3[0] == DISCLOSE_SHOWN &&
			    (internal || disclose_percent_ok(it->nprop, threshold));
			snprintf(label, sizeof(label), "%s%s%s", it->item->text,
			    it->agency[0] ? " - " : "", it->agency);
			disclose_text(it->nprop, st3[2], threshold, n, sizeof(n));
			disclose_text(it->x, st3[0], threshold, x, sizeof(x));
			if (show_pct) {
				char a[16], b[16], e[16];

				snprintf(p, sizeof(p), "%s (%s to %s)",
				    pct(it->wilson.estimate, e, sizeof(e)),
				    pct(it->wilson.lower, a, sizeof(a)),
				    pct(it->wilson.upper, b, sizeof(b)));
			} else {
				snprintf(p, sizeof(p), "not shown");
			}
			{
				const char *row[] = { label, n, x, p,
					show_pct ? it->quantifier : "" };

				doc_row(t, DOC_ROW_DATA, row);
			}
			doc_chart_bar(c, bar++, label, show_pct ? 100 * it->wilson.estimate : NAN,
			    show_pct ? 100 * it->wilson.lower : NAN,
			    show_pct ? 100 * it->wilson.upper : NAN, show_pct ? p : "not shown");
			buf_printf(&desc, "%s%s: %s", bar > 1 ? "; " : "", label, p);
		}
		buf_puts(&desc, ".");
		c->desc = buf_take(&desc);
	}
out:
	free(sum);
	reading_ctx_free(&rx);
	return rc;
}

/* Surveys: for each survey, the share agreeing with each statement (the
 * survey module has already suppressed small groups and shares). */
static int
sec_surveys(struct ctx *cx, const char *title, json_t *sec)
{
	static const char *const heads[] = { "Statement", "Responses", "Agreeing (95% interval)",
		"In words" };
	static const double widths[] = { 5, 1.5, 2.8, 1.6 };
	struct survey *list = NULL;
	size_t n = 0;
	struct doc_section *s = NULL;
	int rc;

	(void)sec;
	if ((rc = app_survey_list(cx->st, cx->d->in.id, &list, &n, cx->err)) != CAIRN_OK)
		return rc;
	for (size_t k = 0; k < n && rc == CAIRN_OK; k++) {
		struct survey_report r;
		struct doc_table *t;
		struct doc_chart *c;
		struct buf desc = BUF_INIT;
		char id[96], cap[256], resp[32];

		if (list[k].nrespondents <= 0)
			continue;
		memset(&r, 0, sizeof(r));
		if ((rc = app_survey_summary(cx->st, cx->d->in.id, list[k].name, NULL, &r,
		         cx->err)) != CAIRN_OK)
			break;
		if (s == NULL) {
			s = doc_section(cx->doc, "surveys", title, 1, false);
			doc_para(s,
			    "We asked people to tell us what they thought in surveys. The tables "
			    "give the share of those who answered (not counting \"don't know\") "
			    "who "
			    "agreed with each statement, with a 95%% confidence interval. Results "
			    "for "
			    "fewer than %ld people are not shown.",
			    r.sum.threshold);
		}
		disclose_text(r.sum.respondents,
		    disclose_count_ok(r.sum.respondents, r.sum.threshold) ? DISCLOSE_SHOWN
		                                                          : DISCLOSE_PRIMARY,
		    r.sum.threshold, resp, sizeof(resp));
		if (r.sum.has_rate)
			doc_para(s, "Survey \"%s\": %s people responded (%.0f%% of those invited).",
			    list[k].name, resp, 100.0 * r.sum.rate);
		else
			doc_para(s, "Survey \"%s\": %s people responded.", list[k].name, resp);
		snprintf(id, sizeof(id), "survey-%s", list[k].name);
		snprintf(cap, sizeof(cap), "Survey \"%s\": agreement with each statement",
		    list[k].name);
		t = doc_table(s, id, cap, 4, heads, widths);
		snprintf(id, sizeof(id), "survey-%s-chart", list[k].name);
		c = doc_chart(s, id, cap, r.sum.nstatements, true);
		c->min = 0;
		c->max = 100;
		c->axis = xstrdup("Per cent agreeing");
		for (int v = 0; v <= 100; v += 25) {
			char tick[16];

			snprintf(tick, sizeof(tick), "%d", v);
			doc_chart_tick(c, v, tick);
		}
		buf_printf(&desc,
		    "Bar chart of the percentage agreeing with each statement of the "
		    "survey \"%s\", with 95%% confidence intervals: ",
		    list[k].name);
		for (size_t i = 0; i < r.sum.nstatements; i++) {
			const struct survey_cell *cell = &r.sum.overall[i];
			const char *text = r.sv.statements[i].text;
			char nr[32], p[96], a[16], b[16], e[16];

			if (cell->suppressed == SURVEY_SUPPRESS_SMALL)
				snprintf(nr, sizeof(nr), "fewer than %ld", r.sum.threshold);
			else if (cell->suppressed != SURVEY_SHOWN)
				snprintf(nr, sizeof(nr), "suppressed");
			else
				snprintf(nr, sizeof(nr), "%ld", cell->responses);
			if (cell->suppressed == SURVEY_SHOWN && cell->has_share)
				snprintf(p, sizeof(p), "%s (%s to %s)",
				    pct(cell->share.estimate, e, sizeof(e)),
				    pct(cell->share.lower, a, sizeof(a)),
				    pct(cell->share.upper, b, sizeof(b)));
			else
				snprintf(p, sizeof(p), "not shown");
			{
				const char *row[] = { text, nr, p,
					cell->has_share ? cell->quantifier : "" };

				doc_row(t, DOC_ROW_DATA, row);
			}
			doc_chart_bar(c, i, text,
			    cell->has_share ? 100 * cell->share.estimate : NAN,
			    cell->has_share ? 100 * cell->share.lower : NAN,
			    cell->has_share ? 100 * cell->share.upper : NAN, p);
			buf_printf(&desc, "%s%s: %s", i ? "; " : "", text, p);
		}
		buf_puts(&desc, ".");
		c->desc = buf_take(&desc);
		survey_report_free(&r);
	}
	surveys_free(list, n);
	return rc;
}

static int
sec_findings(struct ctx *cx, const char *title, json_t *sec, enum finding_kind kind, const char *id)
{
	struct doc_section *s;
	bool any = false;

	(void)sec;
	for (size_t i = 0; i < cx->d->nfindings; i++)
		any |= cx->d->findings[i].kind == kind;
	if (!any)
		return CAIRN_OK;
	s = doc_section(cx->doc, id, title, 1, false);
	findings_list(cx, s, kind, NULL, NULL);
	return CAIRN_OK;
}

static int
sec_strengths(struct ctx *cx, const char *title, json_t *sec)
{
	return sec_findings(cx, title, sec, FINDING_STRENGTH, "strengths");
}

static int
sec_improvements(struct ctx *cx, const char *title, json_t *sec)
{
	return sec_findings(cx, title, sec, FINDING_IMPROVEMENT, "improvements");
}

/* Writes the confidence statement into s: the programme's sentence for
 * the level (the template's "confidence", as its reports word it), else the
 * level's name; then the team's text. */
static void
confidence_para(struct ctx *cx, struct doc_section *s)
{
	const struct inspection *in = &cx->d->in;
	const char *sentence =
	    tstr(json_object_get(cx->tpl, "confidence"), confidence_table[in->confidence].code);

	if (in->confidence == CONFIDENCE_NONE) {
		doc_para(s, "The confidence statement has not been made yet.");
		return;
	}
	if (sentence != NULL) {
		char *t = fill(cx, sentence);

		doc_para(s, "%s", t);
		free(t);
	} else {
		doc_para(s, "%s.", confidence_table[in->confidence].label);
	}
	if (in->confidence_text != NULL && in->confidence_text[0])
		doc_markdown(s, in->confidence_text);
}

static int
sec_confidence(struct ctx *cx, const char *title, json_t *sec)
{
	(void)sec;
	confidence_para(cx, doc_section(cx->doc, "confidence", title, 1, false));
	return CAIRN_OK;
}

static int
sec_text(struct ctx *cx, const char *title, json_t *sec)
{
	const char *text = tstr(sec, "text"), *kind = tstr(sec, "kind");
	struct doc_section *s;
	char *t;

	if (text == NULL)
		return CAIRN_OK;
	s = doc_section(cx->doc, kind, title, 1, false);
	t = fill(cx, text);
	doc_para(s, "%s", t);
	free(t);
	return CAIRN_OK;
}

/* The panel's decision on a progress review (app/publication/panel.h),
 * when it has recorded one: whether one is needed, by when and on what.
 * The template's "text", if any, comes first. */
static int
sec_progress(struct ctx *cx, const char *title, json_t *sec)
{
	struct progress_need p;
	struct doc_section *s;
	const char *text = tstr(sec, "text");
	int rc;

	if ((rc = store_progress_need_get(cx->st, cx->d->in.id, &p, cx->err)) != CAIRN_OK)
		return rc;
	if (!p.recorded)
		return CAIRN_OK;
	s = doc_section(cx->doc, "progress-review", title, 1, false);
	if (text != NULL) {
		char *t = fill(cx, text);

		doc_para(s, "%s", t);
		free(t);
	}
	if (p.needed) {
		struct cdate d;
		char when[40];

		if (date_parse(p.due, &d))
			date_long(&d, when, sizeof(when));
		else
			text_copy(when, sizeof(when), p.due);
		doc_para(s,
		    "The Quality and Consistency Panel decided that a progress review is needed. "
		    "It will take place by %s and will look at: %s",
		    when, p.focus != NULL ? p.focus : "");
	} else {
		doc_para(s,
		    "The Quality and Consistency Panel decided that no progress review is "
		    "needed.");
	}
	progress_need_free(&p);
	return CAIRN_OK;
}

static int
sec_evaluations(struct ctx *cx, const char *title, json_t *sec)
{
	static const char *const heads[] = { "Quality indicator", "Title", "Evaluation" };
	static const double widths[] = { 1.9, 5, 2 };
	const struct dossier *d = cx->d;
	struct doc_section *s = doc_section(cx->doc, "evaluations", title, 1, true);
	struct doc_table *t;
	bool uncertain = false;

	(void)sec;
	if (d->nevals == 0) {
		doc_para(s, "No quality indicators have been evaluated yet.");
		return CAIRN_OK;
	}
	doc_para(s,
	    "The quality indicators evaluated in this inspection, grouped by key "
	    "question, with their evaluations on the %s.",
	    d->fw.scale.name);
	t = doc_table(s, "evaluations", "Evaluated quality indicators", 3, heads, widths);
	for (size_t k = 0; k < d->fw.nkqs; k++) {
		bool any = false;

		for (size_t i = 0; i < d->nevals; i++) {
			const struct qi *q = framework_qi(&d->fw, d->evals[i].qi);
			char g[64];

			if (q == NULL || strcmp(q->kq, d->fw.kqs[k].code) != 0)
				continue;
			if (!any) {
				const char *row[] = { d->fw.kqs[k].title, NULL, NULL };

				doc_row(t, DOC_ROW_GROUP, row);
				any = true;
			}
			{
				char *code = xasprintf("%s%s", q->code, q->uncertain ? "*" : "");
				const char *row[] = { code, q->title,
					grade_text(d, d->evals[i].grade, g, sizeof(g)) };

				doc_row(t, DOC_ROW_DATA, row);
				free(code);
				uncertain = uncertain || q->uncertain;
			}
		}
	}
	if (uncertain)
		doc_para(s, "%s", UNCERTAIN_CAVEAT);
	return CAIRN_OK;
}

/* Returns the definition of a band from data/quantifiers.json: bands are
 * tried from the top, a proportion gets the first band whose min it passes
 * (> min, or >= min when min_inclusive); the band above bounds it. */
static char *
band_definition(double min, bool incl, bool top, double upper, bool upper_incl)
{
	if (incl && min >= 100) /* "all" */
		return xstrdup("100 per cent");
	if (incl && min <= 0 && !top && upper <= 0) /* "none", below "few" from above 0 */
		return xstrdup("0 per cent");
	if (top)
		return incl ? xasprintf("%g per cent or more", min)
		            : xasprintf("more than %g per cent", min);
	if (min <= 0 && incl)
		return upper_incl ? xasprintf("below %g per cent", upper)
		                  : xasprintf("up to and including %g per cent", upper);
	return xasprintf("%s %g %s %g per cent", incl ? "from" : "more than", min,
	    upper_incl ? "to below" : "up to and including", upper);
}

/*
 * Adds the quantifier words to a terms list: from the pack's
 * data/models/FRAMEWORK/quantifiers.json, else data/quantifiers.json
 * (the stats module's bands: {word, min, min_inclusive}, highest first)
 * when it is built in, else from the template's {word, from, to}.
 */
static void
quantifier_terms(struct ctx *cx, struct doc_block *terms)
{
	const struct embed_file *f;
	json_t *root = NULL, *bands, *b;
	double upper = 0;
	bool upper_incl = false;
	char name[128];
	size_t i;

	/* The programme's own words (its pack), else the shipped default. */
	snprintf(name, sizeof(name), "models/%s/quantifiers.json", cx->d->fw.code);
	if ((f = embed_find(name)) == NULL)
		f = embed_find("quantifiers.json");

	if (f != NULL && (root = json_loadb(f->data, f->len, 0, NULL)) != NULL &&
	    json_is_array(bands = json_object_get(root, "bands")) && json_array_size(bands) > 0) {
		json_array_foreach(bands, i, b)
		{
			const char *word = tstr(b, "word");
			json_t *min = json_object_get(b, "min");
			bool incl = json_is_true(json_object_get(b, "min_inclusive"));
			char *def;

			if (word == NULL || !json_is_number(min))
				continue;
			def = band_definition(json_number_value(min), incl, i == 0, upper,
			    upper_incl);
			doc_item(terms, word);
			doc_item(terms, def);
			free(def);
			upper = json_number_value(min);
			upper_incl = incl;
		}
		json_decref(root);
		return;
	}
	json_decref(root);
	json_array_foreach(json_object_get(cx->tpl, "quantifiers"), i, b)
	{
		const char *word = tstr(b, "word");
		json_t *from = json_object_get(b, "from"), *to = json_object_get(b, "to");
		char *def;

		if (word == NULL || !json_is_number(from) || !json_is_number(to))
			continue;
		def =
		    xasprintf("%g to %g per cent", json_number_value(from), json_number_value(to));
		doc_item(terms, word);
		doc_item(terms, def);
		free(def);
	}
}

static int
sec_terms(struct ctx *cx, const char *title, json_t *sec)
{
	const struct scale *sc = &cx->d->fw.scale;
	struct doc_section *s = doc_section(cx->doc, "terms", title, 1, true);
	struct doc_block *t;

	(void)sec;
	doc_para(s, "We use the %s to evaluate each quality indicator:", sc->name);
	t = doc_list(s, DOC_TERMS);
	for (size_t i = 0; i < sc->nlevels; i++) {
		char *term = xasprintf("%d: %s", sc->levels[i].value, sc->levels[i].label);
		char *def =
		    xasprintf("%s. %s", sc->levels[i].short_desc, sc->levels[i].description);

		doc_item(t, term);
		doc_item(t, def);
		free(term);
		free(def);
	}
	doc_para(s,
	    "When we describe how many children, records or people something applies "
	    "to, we use these words:");
	quantifier_terms(cx, doc_list(s, DOC_TERMS));
	doc_para(s,
	    "To protect children's privacy, numbers below %ld are shown as \"fewer than "
	    "%ld\", and no percentage is given for a group of fewer than %ld.",
	    cx->set->threshold, cx->set->threshold, cx->set->threshold);
	return CAIRN_OK;
}

static int
sec_framework(struct ctx *cx, const char *title, json_t *sec)
{
	static const char *const heads[] = { "Indicator", "Title", "Evaluated in this inspection" };
	static const double widths[] = { 1.9, 5, 2 };
	const struct framework *fw = &cx->d->fw;
	struct doc_section *s = doc_section(cx->doc, "framework", title, 1, true);
	struct doc_table *t;
	bool uncertain = false;

	(void)sec;
	doc_para(s, "%s (%s).", fw->title, fw->programme);
	t = doc_table(s, "framework", "The quality indicator framework", 3, heads, widths);
	for (size_t k = 0; k < fw->nkqs; k++) {
		const char *grp[] = { fw->kqs[k].title, NULL, NULL };

		doc_row(t, DOC_ROW_GROUP, grp);
		for (size_t i = 0; i < fw->nqis; i++) {
			const struct qi *q = &fw->qis[i];
			const struct evaluation *e;
			char g[64];

			if (strcmp(q->kq, fw->kqs[k].code) != 0)
				continue;
			e = dossier_grade(cx->d, q->code);
			{
				char *code = xasprintf("%s%s", q->code, q->uncertain ? "*" : "");
				const char *row[] = { code, q->title,
					e != NULL ? grade_text(cx->d, e->grade, g, sizeof(g))
					          : "No" };

				doc_row(t, DOC_ROW_DATA, row);
				free(code);
				uncertain = uncertain || q->uncertain;
			}
		}
	}
	if (uncertain)
		doc_para(s, "%s", UNCERTAIN_CAVEAT);
	return CAIRN_OK;
}

/* ---- the young people's version ---- */

/* Returns the plain-words grade from the template, or the label. */
static char *
grade_words(struct ctx *cx, int grade)
{
	json_t *yp = json_object_get(cx->tpl, "young_people");
	char key[16];
	const char *w;

	snprintf(key, sizeof(key), "%d", grade);
	w = tstr(json_object_get(yp, "grade_words"), key);
	if (w != NULL)
		return xstrdup(w);
	{
		char low[64];

		text_lower(grade_label(cx->d, grade), low, sizeof(low));
		return xstrdup(low);
	}
}

static int
sec_yp_found(struct ctx *cx, const char *title, json_t *sec)
{
	const struct dossier *d = cx->d;
	struct doc_section *s = doc_section(cx->doc, "yp-found", title, 1, false);
	struct doc_block *l;
	char n[32];

	(void)sec;
	if (d->nevals == 0) {
		doc_para(s, "We have not finished deciding how good things are yet.");
		return CAIRN_OK;
	}
	doc_para(s,
	    "We looked closely at %s important things. This is what we decided about "
	    "each one:",
	    text_number_word((long)d->nevals, n, sizeof(n)));
	l = doc_list(s, DOC_LIST);
	for (size_t i = 0; i < d->nevals; i++) {
		const struct qi *q = framework_qi(&d->fw, d->evals[i].qi);
		char *w = grade_words(cx, d->evals[i].grade);
		char *item = xasprintf("%s: %s", q != NULL ? q->title : d->evals[i].qi, w);

		doc_item(l, item);
		free(item);
		free(w);
	}
	return CAIRN_OK;
}

static int
sec_yp_good(struct ctx *cx, const char *title, json_t *sec)
{
	return sec_findings(cx, title, sec, FINDING_STRENGTH, "yp-good");
}

static int
sec_yp_better(struct ctx *cx, const char *title, json_t *sec)
{
	return sec_findings(cx, title, sec, FINDING_IMPROVEMENT, "yp-better");
}

/* A kind of section the template may name, and its builder. */
struct section_kind {
	const char *kind; /* the template's "kind" */
	section_fn build; /* adds the section (or nothing, without data) */
};

/* Every kind of section, for the full report and the young people's. */
static const struct section_kind section_kinds[] = {
	{ "introduction", sec_introduction },
	{ "conduct", sec_conduct },
	{ "context", sec_context },
	{ "profile", sec_profile },
	{ "key-questions", sec_key_questions },
	{ "question", sec_question },
	{ "conclusion", sec_conclusion },
	{ "records-reading", sec_records_reading },
	{ "evidence", sec_optional },
	{ "surveys", sec_surveys },
	{ "outcomes", sec_outcomes },
	{ "strengths", sec_strengths },
	{ "improvements", sec_improvements },
	{ "confidence", sec_confidence },
	{ "next", sec_text },
	{ "progress-review", sec_progress },
	{ "evaluations", sec_evaluations },
	{ "terms", sec_terms },
	{ "framework", sec_framework },
	{ "yp-why", sec_text },
	{ "yp-found", sec_yp_found },
	{ "yp-good", sec_yp_good },
	{ "yp-better", sec_yp_better },
	{ "yp-next", sec_text },
};

/* Checks a template array of sections: objects with a known "kind" and
 * optional string "title" and "text". */
static int
check_list(json_t *list, const char *name, const char *key, struct cairn_err *err)
{
	static const char *const keys[] = { "kind", "title", "text", "qis", NULL };
	size_t i;
	json_t *sec;

	if (!json_is_array(list) || json_array_size(list) == 0)
		return cairn_errf(err, CAIRN_EDATA, "%s: field %s: must be a non-empty array", name,
		    key);
	json_array_foreach(list, i, sec)
	{
		const char *kind = tstr(sec, "kind");
		char path[96];
		bool known = false;
		char *tmp = NULL;

		snprintf(path, sizeof(path), "%s[%zu].", key, i);
		if (!json_is_object(sec))
			return cairn_errf(err, CAIRN_EDATA, "%s: field %s: must be an object", name,
			    path);
		if (jsonfield_only(sec, keys, name, path, err) ||
		    jsonfield_str(sec, "kind", true, 64, name, path, &tmp, err))
			return CAIRN_EDATA;
		free(tmp);
		for (size_t k = 0; k < sizeof(section_kinds) / sizeof(section_kinds[0]); k++)
			known = known || strcmp(kind, section_kinds[k].kind) == 0;
		if (!known)
			return cairn_errf(err, CAIRN_EDATA,
			    "%s: field %skind: '%s' is not a kind of section (valid: introduction, "
			    "conduct, context, profile, key-questions, question, conclusion, "
			    "records-reading, surveys, "
			    "outcomes, strengths, improvements, confidence, next, evaluations, "
			    "terms, "
			    "framework; for the young people's version yp-why, yp-found, yp-good, "
			    "yp-better, yp-next)",
			    name, path, kind);
		tmp = NULL;
		if (jsonfield_str(sec, "title", false, 400, name, path, &tmp, err))
			return CAIRN_EDATA;
		free(tmp);
		tmp = NULL;
		if (jsonfield_str(sec, "text", false, 8000, name, path, &tmp, err))
			return CAIRN_EDATA;
		free(tmp);
		if (strcmp(kind, "question") == 0) {
			json_t *qis = json_object_get(sec, "qis"), *v;
			size_t k;

			if (!json_is_array(qis) || json_array_size(qis) == 0)
				return cairn_errf(err, CAIRN_EDATA,
				    "%s: field %sqis: a question lists its indicators, e.g. "
				    "[\"1.1\", \"2.1\"]",
				    name, path);
			json_array_foreach(qis, k, v) if (!json_is_string(v)) return cairn_errf(err,
			    CAIRN_EDATA, "%s: field %sqis[%zu]: must be an indicator code", name,
			    path, k);
		} else if (json_object_get(sec, "qis") != NULL) {
			return cairn_errf(err, CAIRN_EDATA,
			    "%s: field %sqis: only a section of kind question lists indicators",
			    name, path);
		}
	}
	return CAIRN_OK;
}

int
report_template_check(const char *text, size_t len, const char *name, struct cairn_err *err)
{
	static const char *const keys[] = { "name", "note", "title", "scope", "remit",
		"sample_note", "sections", "appendices", "young_people", "confidence", NULL };
	static const char *const ykeys[] = { "title", "sections", "grade_words", NULL };
	static const char *const strs[] = { "name", "note", "title", "scope", "remit",
		"sample_note" };
	json_error_t jerr;
	json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr), *yp;
	int rc = CAIRN_EDATA;

	if (root == NULL)
		return cairn_errf(err, CAIRN_EDATA, "%s: line %d column %d: %s", name, jerr.line,
		    jerr.column, jerr.text);
	if (!json_is_object(root)) {
		cairn_errf(err, CAIRN_EDATA, "%s: the top level must be an object", name);
		goto out;
	}
	if (jsonfield_only(root, keys, name, "", err))
		goto out;
	for (size_t i = 0; i < sizeof(strs) / sizeof(strs[0]); i++) {
		char *tmp = NULL;

		if (jsonfield_str(root, strs[i], i >= 4, 8000, name, "", &tmp, err))
			goto out;
		free(tmp);
	}
	if (check_list(json_object_get(root, "sections"), name, "sections", err) ||
	    (json_object_get(root, "appendices") != NULL &&
	        check_list(json_object_get(root, "appendices"), name, "appendices", err)))
		goto out;
	if (json_object_get(root, "confidence") != NULL) {
		static const char *const ckeys[] = { "high-confidence", "confident",
			"partially-confident", "not-confident", NULL };
		json_t *conf = json_object_get(root, "confidence");

		if (!json_is_object(conf)) {
			cairn_errf(err, CAIRN_EDATA,
			    "%s: field confidence: must be an object of sentences by level", name);
			goto out;
		}
		if (jsonfield_only(conf, ckeys, name, "confidence.", err))
			goto out;
		for (size_t i = 0; ckeys[i] != NULL; i++) {
			char *tmp = NULL;

			if (jsonfield_str(conf, ckeys[i], false, 2000, name, "confidence.", &tmp,
			        err))
				goto out;
			free(tmp);
		}
	}
	yp = json_object_get(root, "young_people");
	if (yp == NULL) {
		cairn_errf(err, CAIRN_EDATA, "%s: field young_people: required", name);
		goto out;
	}
	if (!json_is_object(yp)) {
		cairn_errf(err, CAIRN_EDATA, "%s: field young_people: must be an object", name);
		goto out;
	}
	if (jsonfield_only(yp, ykeys, name, "young_people.", err) ||
	    check_list(json_object_get(yp, "sections"), name, "young_people.sections", err))
		goto out;
	rc = CAIRN_OK;
out:
	json_decref(root);
	return rc;
}

/* Builds the sections listed in a template array. */
static int
build_list(struct ctx *cx, json_t *list)
{
	size_t i;
	json_t *sec;
	int rc;

	json_array_foreach(list, i, sec)
	{
		const char *kind = tstr(sec, "kind"), *title = tstr(sec, "title");
		size_t k;

		for (k = 0; k < sizeof(section_kinds) / sizeof(section_kinds[0]); k++)
			if (kind != NULL && strcmp(kind, section_kinds[k].kind) == 0)
				break;
		if (k == sizeof(section_kinds) / sizeof(section_kinds[0]))
			return cairn_errf(cx->err, CAIRN_ESOFTWARE,
			    "report template: unknown section kind '%s'", kind ? kind : "");
		if ((rc = section_kinds[k].build(cx, title != NULL ? title : kind, sec)) !=
		    CAIRN_OK)
			return rc;
	}
	return CAIRN_OK;
}

/* Loads the template for a framework (or the default) into *out. */
static int
template_load(struct store *st, const char *framework, json_t **out, struct cairn_err *err)
{
	char name[128], *body = NULL;
	const struct embed_file *f;
	json_error_t jerr;
	int rc;

	/* An imported pack's report template is stored with the pack. */
	if ((rc = store_model_file_get(st, framework, "report.json", &body, err)) != CAIRN_OK)
		return rc;
	if (body != NULL) {
		*out = json_loads(body, JSON_REJECT_DUPLICATES, &jerr);
		free(body);
		if (*out == NULL || !json_is_array(json_object_get(*out, "sections"))) {
			json_decref(*out);
			*out = NULL;
			return cairn_errf(err, CAIRN_ESOFTWARE,
			    "the report template of pack %s cannot be read", framework);
		}
		return CAIRN_OK;
	}
	snprintf(name, sizeof(name), "models/%s/report.json", framework);
	if ((f = embed_find(name)) == NULL)
		f = embed_find("models/default/report.json");
	if (f == NULL)
		return cairn_errf(err, CAIRN_ESOFTWARE, "no report template is built in");
	if ((*out = json_loadb(f->data, f->len, JSON_REJECT_DUPLICATES, &jerr)) == NULL ||
	    !json_is_array(json_object_get(*out, "sections"))) {
		json_decref(*out);
		*out = NULL;
		return cairn_errf(err, CAIRN_ESOFTWARE, "report template %s: line %d: %s", f->name,
		    jerr.line, jerr.text);
	}
	return CAIRN_OK;
}

int
report_model_build(struct store *st, const struct dossier *d, const struct report_settings *s,
    enum report_audience audience, enum report_version version, struct doc *out,
    struct cairn_err *err)
{
	struct ctx cx = { st, d, s, audience, NULL, out, err, { 0 }, 0 };
	char date[32];
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = template_load(st, d->fw.code, &cx.tpl, err)) != CAIRN_OK)
		return rc;
	if (version == REPORT_FULL &&
	    (rc = report_area_find(st, d->in.partnership, s->area, s->open_data, &cx.area, err)) !=
	        CAIRN_OK) {
		json_decref(cx.tpl);
		return rc;
	}
	out->organisation = xstrdup(s->organisation);
	out->logo_path = xstrdup(s->logo);
	if (audience == REPORT_INTERNAL)
		out->marking = xstrdup(INTERNAL_MARKING);
	if (d->in.published[0])
		out->subtitle =
		    xasprintf("Published %s", long_date(d->in.published, date, sizeof(date)));
	if (version == REPORT_YOUNG_PEOPLE) {
		json_t *yp = json_object_get(cx.tpl, "young_people");
		const char *t = tstr(yp, "title");

		out->title = t != NULL ? fill(&cx, t) : xstrdup(d->in.title);
		rc = build_list(&cx, json_object_get(yp, "sections"));
	} else {
		const char *t = tstr(cx.tpl, "title");

		/* The programme's title style, e.g. "Services for children and young
		 * people in {partnership}: report of a joint inspection". */
		out->title = t != NULL ? fill(&cx, t) : xstrdup(d->in.title);
		out->summary = d->nevals > 0 ? release_summary(d) : NULL;
		if ((rc = build_list(&cx, json_object_get(cx.tpl, "sections"))) == CAIRN_OK)
			rc = build_list(&cx, json_object_get(cx.tpl, "appendices"));
	}
	json_decref(cx.tpl);
	report_area_free(&cx.area);
	if (rc != CAIRN_OK)
		doc_free(out);
	return rc;
}
