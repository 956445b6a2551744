/* The report model: see report_model.h. */
#include "app/report_model.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/disclose.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/embed.h"
#include "core/mem.h"
#include "core/text.h"
#include "render/release.h"
#include "store/publication.h"

const char *const report_audience_name[REPORT_AUDIENCE__MAX] = {
	[REPORT_PUBLIC] = "public",
	[REPORT_INTERNAL] = "internal",
};

const char *const report_version_name[REPORT_VERSION__MAX] = {
	[REPORT_FULL] = "full",
	[REPORT_YOUNG_PEOPLE] = "young-people",
};

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
report_settings_load(struct store *st, long id, struct report_settings *s,
    struct cairn_err *err)
{
	char *threshold = NULL;
	int rc;

	memset(s, 0, sizeof(*s));
	s->threshold = DISCLOSE_THRESHOLD_DEFAULT;
	if ((rc = store_setting_get(st, id, "organisation", &s->organisation, err)) != CAIRN_OK ||
	    (rc = store_setting_get(st, id, "logo", &s->logo, err)) != CAIRN_OK ||
	    (rc = store_setting_get(st, id, "threshold", &threshold, err)) != CAIRN_OK) {
		report_settings_free(s);
		return rc;
	}
	if (threshold != NULL && !text_parse_long(threshold, DISCLOSE_THRESHOLD_MIN,
	        DISCLOSE_THRESHOLD_MAX, &s->threshold))
		s->threshold = DISCLOSE_THRESHOLD_DEFAULT;
	if (s->organisation == NULL)
		s->organisation = xstrdup(DEFAULT_ORGANISATION);
	free(threshold);
	return CAIRN_OK;
}

void
report_settings_free(struct report_settings *s)
{
	free(s->organisation);
	free(s->logo);
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
};

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
	const char *remit = tstr(cx->tpl, "remit");
	char a[32], b[32];

	(void)sec;
	if (remit != NULL) {
		char *t = fill(cx, remit);

		doc_para(s, "%s", t);
		free(t);
	}
	if (in->fieldwork_from[0] && in->fieldwork_to[0])
		doc_para(s, "This report sets out the findings of a joint inspection of services for "
		    "children and young people in the %s community planning partnership area, "
		    "carried out between %s and %s. Inspectors evaluated quality indicators from "
		    "the framework \"%s\" on the %s.", in->partnership,
		    long_date(in->fieldwork_from, a, sizeof(a)), long_date(in->fieldwork_to, b,
		    sizeof(b)), cx->d->fw.title, cx->d->fw.scale.name);
	else
		doc_para(s, "This report sets out the findings of a joint inspection of services for "
		    "children and young people in the %s community planning partnership area. "
		    "Inspectors evaluated quality indicators from the framework \"%s\" on the %s.",
		    in->partnership, cx->d->fw.title, cx->d->fw.scale.name);
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
	if (in->nmethods > 0) {
		struct doc_block *l;

		doc_para(s, "To find out how well services were working, we:");
		l = doc_list(s, DOC_LIST);
		for (size_t i = 0; i < in->nmethods; i++)
			doc_item(l, in->methods[i]);
	} else {
		doc_para(s, "The methods used have not been recorded.");
	}
	/* Volumes from records reading and surveys are added here by their
	 * sections' data when it exists (see sec_records_reading). */
	if (note != NULL)
		doc_para(s, "%s", note);
	return CAIRN_OK;
}

static int
sec_context(struct ctx *cx, const char *title, json_t *sec)
{
	(void)sec;
	if (cx->d->in.context == NULL || cx->d->in.context[0] == '\0')
		return CAIRN_OK;
	doc_markdown(doc_section(cx->doc, "context", title, 1, false), cx->d->in.context);
	return CAIRN_OK;
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
	buf_printf(&desc, "Bar chart of the evaluations of %zu quality indicators on the %s, "
	    "where %d is %s and %d is %s: ", d->nevals, sc->name, scale_bottom(sc),
	    grade_label(d, scale_bottom(sc)), scale_top(sc), grade_label(d, scale_top(sc)));
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
	size_t n = 0;

	for (size_t i = 0; i < cx->d->nfindings; i++) {
		const struct finding *f = &cx->d->findings[i];
		bool match = qi == NULL;

		if (f->kind != kind)
			continue;
		for (size_t k = 0; !match && k < f->nqis; k++)
			match = strcmp(f->qis[k], qi) == 0;
		if (!match)
			continue;
		if (l == NULL) {
			if (lead != NULL)
				doc_para(s, "%s", lead);
			l = doc_list(s, DOC_LIST);
		}
		doc_item(l, f->text);
		n++;
	}
	return n;
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
			char id[64], g[64], *h;

			if (q == NULL || strcmp(q->kq, d->fw.kqs[k].code) != 0)
				continue;
			if (s == NULL) {
				snprintf(id, sizeof(id), "kq-%s", d->fw.kqs[k].code);
				doc_section(cx->doc, id, d->fw.kqs[k].title, 1, false);
			}
			snprintf(id, sizeof(id), "qi-%s", q->code);
			h = xasprintf("Quality indicator %s: %s", q->code, q->title);
			s = doc_section(cx->doc, id, h, 2, false);
			free(h);
			doc_para(s, "Evaluation: %s. %s", grade_text(d, d->evals[i].grade, g, sizeof(g)),
			    scale_level_of(&d->fw.scale, d->evals[i].grade) != NULL ?
			    scale_level_of(&d->fw.scale, d->evals[i].grade)->short_desc : "");
			if (d->evals[i].rationale != NULL && d->evals[i].rationale[0])
				doc_markdown(s, d->evals[i].rationale);
			findings_list(cx, s, FINDING_STRENGTH, q->code, "Strengths we found:");
			findings_list(cx, s, FINDING_IMPROVEMENT, q->code, "What needs to improve:");
		}
	}
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

static int
sec_findings(struct ctx *cx, const char *title, json_t *sec, enum finding_kind kind,
    const char *id)
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

static int
sec_confidence(struct ctx *cx, const char *title, json_t *sec)
{
	const struct inspection *in = &cx->d->in;
	struct doc_section *s = doc_section(cx->doc, "confidence", title, 1, false);

	(void)sec;
	if (in->confidence == CONFIDENCE_NONE) {
		doc_para(s, "The confidence statement has not been made yet.");
		return CAIRN_OK;
	}
	doc_para(s, "%s.", confidence_table[in->confidence].label);
	if (in->confidence_text != NULL && in->confidence_text[0])
		doc_markdown(s, in->confidence_text);
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

static int
sec_evaluations(struct ctx *cx, const char *title, json_t *sec)
{
	static const char *const heads[] = {"Quality indicator", "Title", "Evaluation"};
	static const double widths[] = {1.9, 5, 2};
	const struct dossier *d = cx->d;
	struct doc_section *s = doc_section(cx->doc, "evaluations", title, 1, true);
	struct doc_table *t;

	(void)sec;
	if (d->nevals == 0) {
		doc_para(s, "No quality indicators have been evaluated yet.");
		return CAIRN_OK;
	}
	doc_para(s, "The quality indicators evaluated in this inspection, grouped by key "
	    "question, with their evaluations on the %s.", d->fw.scale.name);
	t = doc_table(s, "evaluations", "Evaluated quality indicators", 3, heads, widths);
	for (size_t k = 0; k < d->fw.nkqs; k++) {
		bool any = false;

		for (size_t i = 0; i < d->nevals; i++) {
			const struct qi *q = framework_qi(&d->fw, d->evals[i].qi);
			char g[64];

			if (q == NULL || strcmp(q->kq, d->fw.kqs[k].code) != 0)
				continue;
			if (!any) {
				const char *row[] = {d->fw.kqs[k].title, NULL, NULL};

				doc_row(t, DOC_ROW_GROUP, row);
				any = true;
			}
			{
				const char *row[] = {q->code, q->title,
				    grade_text(d, d->evals[i].grade, g, sizeof(g))};

				doc_row(t, DOC_ROW_DATA, row);
			}
		}
	}
	return CAIRN_OK;
}

/* Returns the definition of a band from data/quantifiers.json: bands are
 * tried from the top, a proportion gets the first band whose min it passes
 * (> min, or >= min when min_inclusive); the band above bounds it. */
static char *
band_definition(double min, bool incl, bool top, double upper, bool upper_incl)
{
	if (top)
		return incl ? xasprintf("%g per cent or more", min) : xasprintf("more than %g per cent",
		    min);
	if (min <= 0 && incl)
		return upper_incl ? xasprintf("below %g per cent", upper)
		    : xasprintf("up to and including %g per cent", upper);
	return xasprintf("%s %g %s %g per cent", incl ? "from" : "more than", min,
	    upper_incl ? "to below" : "up to and including", upper);
}

/*
 * Adds the quantifier words to a terms list: from data/quantifiers.json
 * (the stats module's bands: {word, min, min_inclusive}, highest first)
 * when it is built in, else from the template's {word, from, to}.
 */
static void
quantifier_terms(struct ctx *cx, struct doc_block *terms)
{
	const struct embed_file *f = embed_find("quantifiers.json");
	json_t *root = NULL, *bands, *b;
	double upper = 0;
	bool upper_incl = false;
	size_t i;

	if (f != NULL && (root = json_loadb(f->data, f->len, 0, NULL)) != NULL &&
	    json_is_array(bands = json_object_get(root, "bands")) && json_array_size(bands) > 0) {
		json_array_foreach(bands, i, b) {
			const char *word = tstr(b, "word");
			json_t *min = json_object_get(b, "min");
			bool incl = json_is_true(json_object_get(b, "min_inclusive"));
			char *def;

			if (word == NULL || !json_is_number(min))
				continue;
			def = band_definition(json_number_value(min), incl, i == 0, upper, upper_incl);
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
	json_array_foreach(json_object_get(cx->tpl, "quantifiers"), i, b) {
		const char *word = tstr(b, "word");
		json_t *from = json_object_get(b, "from"), *to = json_object_get(b, "to");
		char *def;

		if (word == NULL || !json_is_number(from) || !json_is_number(to))
			continue;
		def = xasprintf("%g to %g per cent", json_number_value(from), json_number_value(to));
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
		char *def = xasprintf("%s. %s", sc->levels[i].short_desc, sc->levels[i].description);

		doc_item(t, term);
		doc_item(t, def);
		free(term);
		free(def);
	}
	doc_para(s, "When we describe how many children, records or people something applies "
	    "to, we use these words:");
	quantifier_terms(cx, doc_list(s, DOC_TERMS));
	doc_para(s, "To protect children's privacy, numbers below %ld are shown as \"fewer than "
	    "%ld\", and no percentage is given for a group of fewer than %ld.", cx->set->threshold,
	    cx->set->threshold, cx->set->threshold);
	return CAIRN_OK;
}

static int
sec_framework(struct ctx *cx, const char *title, json_t *sec)
{
	static const char *const heads[] = {"Indicator", "Title", "Evaluated in this inspection"};
	static const double widths[] = {1.9, 5, 2};
	const struct framework *fw = &cx->d->fw;
	struct doc_section *s = doc_section(cx->doc, "framework", title, 1, true);
	struct doc_table *t;

	(void)sec;
	doc_para(s, "%s (%s).", fw->title, fw->programme);
	t = doc_table(s, "framework", "The quality indicator framework", 3, heads, widths);
	for (size_t k = 0; k < fw->nkqs; k++) {
		const char *grp[] = {fw->kqs[k].title, NULL, NULL};

		doc_row(t, DOC_ROW_GROUP, grp);
		for (size_t i = 0; i < fw->nqis; i++) {
			const struct qi *q = &fw->qis[i];
			const struct evaluation *e;
			char g[64];

			if (strcmp(q->kq, fw->kqs[k].code) != 0)
				continue;
			e = dossier_grade(cx->d, q->code);
			{
				const char *row[] = {q->code, q->title,
				    e != NULL ? grade_text(cx->d, e->grade, g, sizeof(g)) : "No"};

				doc_row(t, DOC_ROW_DATA, row);
			}
		}
	}
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
	doc_para(s, "We looked closely at %s important things. This is what we decided about "
	    "each one:", text_number_word((long)d->nevals, n, sizeof(n)));
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
	const char *kind;  /* the template's "kind" */
	section_fn build;  /* adds the section (or nothing, without data) */
};

/* Every kind of section, for the full report and the young people's. */
static const struct section_kind section_kinds[] = {
	{"introduction", sec_introduction},
	{"conduct", sec_conduct},
	{"context", sec_context},
	{"profile", sec_profile},
	{"key-questions", sec_key_questions},
	{"records-reading", sec_optional},
	{"evidence", sec_optional},
	{"surveys", sec_optional},
	{"outcomes", sec_optional},
	{"strengths", sec_strengths},
	{"improvements", sec_improvements},
	{"confidence", sec_confidence},
	{"next", sec_text},
	{"evaluations", sec_evaluations},
	{"terms", sec_terms},
	{"framework", sec_framework},
	{"yp-why", sec_text},
	{"yp-found", sec_yp_found},
	{"yp-good", sec_yp_good},
	{"yp-better", sec_yp_better},
	{"yp-next", sec_text},
};

/* Builds the sections listed in a template array. */
static int
build_list(struct ctx *cx, json_t *list)
{
	size_t i;
	json_t *sec;
	int rc;

	json_array_foreach(list, i, sec) {
		const char *kind = tstr(sec, "kind"), *title = tstr(sec, "title");
		size_t k;

		for (k = 0; k < sizeof(section_kinds) / sizeof(section_kinds[0]); k++)
			if (kind != NULL && strcmp(kind, section_kinds[k].kind) == 0)
				break;
		if (k == sizeof(section_kinds) / sizeof(section_kinds[0]))
			return cairn_errf(cx->err, CAIRN_ESOFTWARE,
			    "report template: unknown section kind '%s'", kind ? kind : "");
		if ((rc = section_kinds[k].build(cx, title != NULL ? title : kind, sec)) != CAIRN_OK)
			return rc;
	}
	return CAIRN_OK;
}

/* Loads the template for a framework (or the default) into *out. */
static int
template_load(const char *framework, json_t **out, struct cairn_err *err)
{
	char name[128];
	const struct embed_file *f;
	json_error_t jerr;

	snprintf(name, sizeof(name), "report-templates/%s.json", framework);
	if ((f = embed_find(name)) == NULL)
		f = embed_find("report-templates/default.json");
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
	struct ctx cx = {st, d, s, audience, NULL, out, err};
	char date[32];
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = template_load(d->fw.code, &cx.tpl, err)) != CAIRN_OK)
		return rc;
	out->organisation = xstrdup(s->organisation);
	out->logo_path = xstrdup(s->logo);
	if (audience == REPORT_INTERNAL)
		out->marking = xstrdup(INTERNAL_MARKING);
	if (d->in.published[0])
		out->subtitle = xasprintf("Published %s", long_date(d->in.published, date,
		    sizeof(date)));
	if (version == REPORT_YOUNG_PEOPLE) {
		json_t *yp = json_object_get(cx.tpl, "young_people");
		const char *t = tstr(yp, "title");

		out->title = t != NULL ? fill(&cx, t) : xstrdup(d->in.title);
		rc = build_list(&cx, json_object_get(yp, "sections"));
	} else {
		out->title = xstrdup(d->in.title);
		out->summary = d->nevals > 0 ? release_summary(d) : NULL;
		if ((rc = build_list(&cx, json_object_get(cx.tpl, "sections"))) == CAIRN_OK)
			rc = build_list(&cx, json_object_get(cx.tpl, "appendices"));
	}
	json_decref(cx.tpl);
	if (rc != CAIRN_OK)
		doc_free(out);
	return rc;
}
