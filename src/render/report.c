/* The report: see report.h. */
#include "render/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/text.h"
#include "render/html.h"
#include "render/release.h"

const char *const report_format_name[REPORT_FORMAT__MAX] = {
	[REPORT_HTML] = "html",
	[REPORT_MD] = "md",
	[REPORT_JSON] = "json",
};

int
report_format_parse(const char *name)
{
	for (int i = 0; i < REPORT_FORMAT__MAX; i++)
		if (text_casecmp(report_format_name[i], name) == 0)
			return i;
	return -1;
}

/* Returns "25 April 2016" for an ISO date (into out), or the input. */
static const char *
long_date(const char *iso, char *out, size_t outsz)
{
	struct cdate d;

	if (!date_parse(iso, &d))
		return iso;
	date_long(&d, out, outsz);
	return out;
}

/* Returns the label of a grade, or "?" if the scale lacks it. */
static const char *
grade_label(const struct dossier *d, int grade)
{
	const struct scale_level *l = scale_level_of(&d->fw.scale, grade);

	return l != NULL ? l->label : "?";
}

/* Writes "between A and B" for the fieldwork dates, or nothing. */
static void
fieldwork_phrase(const struct inspection *in, struct buf *b)
{
	char x[32], y[32];

	if (in->fieldwork_from[0] && in->fieldwork_to[0])
		buf_printf(b, " between %s and %s", long_date(in->fieldwork_from, x, sizeof(x)),
		    long_date(in->fieldwork_to, y, sizeof(y)));
}

/* ---- HTML ---- */

static const char REPORT_CSS[] =
    "body{font-family:'DejaVu Sans',Arial,sans-serif;max-width:50em;margin:2em auto;"
    "padding:0 1em;line-height:1.5;color:#333}"
    "h1,h2,h3{color:#0065bd}table{border-collapse:collapse;width:100%;margin:1em 0}"
    "th,td{border:1px solid #b3b3b3;padding:.4em .6em;text-align:left;vertical-align:top}"
    "thead th{background:#ebebeb}caption{text-align:left;font-weight:bold;padding:.4em 0}"
    ".summary{font-size:1.1em}"
    "@media print{body{max-width:none;margin:0}a{color:inherit}h2{break-after:avoid}"
    "tr{break-inside:avoid}}";

/* Writes a list of findings of one kind, or nothing if there are none. */
static void
html_findings(struct html *h, const struct dossier *d, enum finding_kind kind, const char *title,
    const char *id)
{
	size_t depth = h->depth;
	bool any = false;

	for (size_t i = 0; i < d->nfindings; i++) {
		if (d->findings[i].kind != kind)
			continue;
		if (!any) {
			html_open(h, HE_SECTION, HA_ID, id, HA_ARIA_LABELLEDBY, id, HA__MAX);
			html_elem(h, HE_H2, NULL, title);
			html_open(h, HE_UL, HA__MAX);
			any = true;
		}
		html_elem(h, HE_LI, NULL, d->findings[i].text);
	}
	html_close_to(h, depth);
}

/* Writes the evaluated indicators table grouped by key question. */
static void
html_evaluations(struct html *h, const struct dossier *d)
{
	html_open(h, HE_TABLE, HA_ID, "evaluations", HA__MAX);
	html_elem(h, HE_CAPTION, NULL, "Evaluated quality indicators");
	html_open(h, HE_THEAD, HA__MAX);
	html_open(h, HE_TR, HA__MAX);
	html_open(h, HE_TH, HA_SCOPE, "col", HA__MAX);
	html_text(h, "Quality indicator");
	html_close(h);
	html_open(h, HE_TH, HA_SCOPE, "col", HA__MAX);
	html_text(h, "Title");
	html_close(h);
	html_open(h, HE_TH, HA_SCOPE, "col", HA__MAX);
	html_text(h, "Evaluation");
	html_close(h);
	html_close(h);
	html_close(h);
	for (size_t k = 0; k < d->fw.nkqs; k++) {
		bool any = false;

		for (size_t i = 0; i < d->nevals; i++) {
			const struct qi *q = framework_qi(&d->fw, d->evals[i].qi);
			char grade[64];

			if (q == NULL || strcmp(q->kq, d->fw.kqs[k].code) != 0)
				continue;
			if (!any) {
				html_open(h, HE_TBODY, HA__MAX);
				html_open(h, HE_TR, HA__MAX);
				html_open(h, HE_TH, HA_SCOPE, "colgroup", HA_COLSPAN, "3", HA__MAX);
				html_text(h, d->fw.kqs[k].title);
				html_close(h);
				html_close(h);
				any = true;
			}
			snprintf(grade, sizeof(grade), "%d", d->evals[i].grade);
			html_open(h, HE_TR, HA__MAX);
			html_open(h, HE_TH, HA_SCOPE, "row", HA__MAX);
			html_text(h, q->code);
			html_close(h);
			html_elem(h, HE_TD, NULL, q->title);
			html_open(h, HE_TD, HA__MAX);
			html_textf(h, "%s (%s)", grade_label(d, d->evals[i].grade), grade);
			html_close(h);
			html_close(h);
		}
		if (any)
			html_close(h);
	}
	html_close(h);
}

/* Writes text as paragraphs split at blank lines. */
static void
html_paragraphs(struct html *h, const char *text)
{
	const char *p = text;

	while (p != NULL && *p != '\0') {
		const char *end = strstr(p, "\n\n");
		size_t n = end != NULL ? (size_t)(end - p) : strlen(p);
		char *para = strndup(p, n);

		if (para != NULL && *text_trim(para) != '\0')
			html_elem(h, HE_P, NULL, text_trim(para));
		free(para);
		p = end != NULL ? end + 2 : NULL;
	}
}

static void
report_html(const struct dossier *d, struct buf *out)
{
	const struct inspection *in = &d->in;
	struct html h;
	char *summary = release_summary(d);
	struct buf tmp = BUF_INIT;
	char date[32];

	html_init(&h, out);
	html_doctype(&h);
	html_open(&h, HE_HTML, HA_LANG, "en-GB", HA__MAX);
	html_open(&h, HE_HEAD, HA__MAX);
	html_open(&h, HE_META, HA_CHARSET, "utf-8", HA__MAX);
	html_open(&h, HE_META, HA_NAME, "viewport", HA_CONTENT, "width=device-width, initial-scale=1",
	    HA__MAX);
	html_elem(&h, HE_TITLE, NULL, in->title);
	html_open(&h, HE_STYLE, HA__MAX);
	html_lit_(&h, REPORT_CSS, sizeof(REPORT_CSS) - 1);
	html_close(&h);
	html_close(&h);
	html_open(&h, HE_BODY, HA__MAX);
	html_open(&h, HE_MAIN, HA__MAX);
	html_elem(&h, HE_H1, NULL, in->title);
	if (in->published[0]) {
		html_open(&h, HE_P, HA__MAX);
		html_textf(&h, "Published %s", long_date(in->published, date, sizeof(date)));
		html_close(&h);
	}
	html_elem(&h, HE_P, "summary", summary);

	html_open(&h, HE_SECTION, HA_ID, "introduction", HA__MAX);
	html_elem(&h, HE_H2, NULL, "Introduction");
	buf_printf(&tmp, "This report sets out the findings of a joint inspection of services for "
	    "children and young people in the %s community planning partnership area", in->partnership);
	fieldwork_phrase(in, &tmp);
	buf_printf(&tmp, ". Inspectors evaluated quality indicators from the framework \"%s\" on "
	    "the %s.", d->fw.title, d->fw.scale.name);
	html_elem(&h, HE_P, NULL, buf_str(&tmp));
	if (in->nagencies > 0) {
		html_elem(&h, HE_P, NULL, "The inspection was carried out jointly by:");
		html_open(&h, HE_UL, HA__MAX);
		for (size_t i = 0; i < in->nagencies; i++)
			html_elem(&h, HE_LI, NULL, in->agencies[i]);
		html_close(&h);
	}
	html_close(&h);

	html_open(&h, HE_SECTION, HA_ID, "conduct", HA__MAX);
	html_elem(&h, HE_H2, NULL, "How we conducted the inspection");
	if (in->nmethods > 0) {
		html_open(&h, HE_UL, HA__MAX);
		for (size_t i = 0; i < in->nmethods; i++)
			html_elem(&h, HE_LI, NULL, in->methods[i]);
		html_close(&h);
	} else {
		html_elem(&h, HE_P, NULL, "The methods used have not been recorded.");
	}
	html_close(&h);

	if (in->context != NULL) {
		html_open(&h, HE_SECTION, HA_ID, "context", HA__MAX);
		html_elem(&h, HE_H2, NULL, "The partnership and its context");
		html_paragraphs(&h, in->context);
		html_close(&h);
	}

	html_open(&h, HE_SECTION, HA_ID, "evaluations-section", HA__MAX);
	html_elem(&h, HE_H2, NULL, "Evaluations");
	if (d->nevals > 0)
		html_evaluations(&h, d);
	else
		html_elem(&h, HE_P, NULL, "No quality indicators have been evaluated yet.");
	html_close(&h);

	html_findings(&h, d, FINDING_STRENGTH, "Particular strengths", "strengths");
	html_findings(&h, d, FINDING_IMPROVEMENT, "Areas for improvement", "improvements");

	html_open(&h, HE_SECTION, HA_ID, "confidence", HA__MAX);
	html_elem(&h, HE_H2, NULL, "Confidence statement");
	if (in->confidence != CONFIDENCE_NONE) {
		html_open(&h, HE_P, HA__MAX);
		html_open(&h, HE_STRONG, HA__MAX);
		html_text(&h, confidence_table[in->confidence].label);
		html_close(&h);
		if (in->confidence_text != NULL) {
			html_text(&h, ". ");
			html_text(&h, in->confidence_text);
		}
		html_close(&h);
	} else {
		html_elem(&h, HE_P, NULL, "The confidence statement has not been made yet.");
	}
	html_close(&h);
	html_close_to(&h, 0);
	free(summary);
	buf_free(&tmp);
}

/* ---- Markdown ---- */

/* Writes text with Markdown's special characters escaped. */
static void
md_text(struct buf *b, const char *s)
{
	for (; s != NULL && *s; s++) {
		if (strchr("\\`*_[]<>#|", *s) != NULL)
			buf_putc(b, '\\');
		buf_putc(b, *s);
	}
}

static void
md_findings(struct buf *b, const struct dossier *d, enum finding_kind kind, const char *title)
{
	bool any = false;

	for (size_t i = 0; i < d->nfindings; i++) {
		if (d->findings[i].kind != kind)
			continue;
		if (!any)
			buf_printf(b, "\n## %s\n\n", title);
		any = true;
		buf_puts(b, "- ");
		md_text(b, d->findings[i].text);
		buf_putc(b, '\n');
	}
}

static void
report_md(const struct dossier *d, struct buf *b)
{
	const struct inspection *in = &d->in;
	char *summary = release_summary(d);
	char date[32];

	buf_puts(b, "# ");
	md_text(b, in->title);
	buf_puts(b, "\n\n");
	if (in->published[0])
		buf_printf(b, "Published %s\n\n", long_date(in->published, date, sizeof(date)));
	md_text(b, summary);
	buf_puts(b, "\n\n## Introduction\n\n");
	buf_puts(b, "This report sets out the findings of a joint inspection of services for "
	    "children and young people in the ");
	md_text(b, in->partnership);
	buf_puts(b, " community planning partnership area");
	fieldwork_phrase(in, b);
	buf_puts(b, ". Inspectors evaluated quality indicators from the framework \"");
	md_text(b, d->fw.title);
	buf_printf(b, "\" on the %s.\n", d->fw.scale.name);
	if (in->nagencies > 0) {
		buf_puts(b, "\nThe inspection was carried out jointly by:\n\n");
		for (size_t i = 0; i < in->nagencies; i++) {
			buf_puts(b, "- ");
			md_text(b, in->agencies[i]);
			buf_putc(b, '\n');
		}
	}
	buf_puts(b, "\n## How we conducted the inspection\n\n");
	if (in->nmethods == 0)
		buf_puts(b, "The methods used have not been recorded.\n");
	for (size_t i = 0; i < in->nmethods; i++) {
		buf_puts(b, "- ");
		md_text(b, in->methods[i]);
		buf_putc(b, '\n');
	}
	if (in->context != NULL) {
		buf_puts(b, "\n## The partnership and its context\n\n");
		md_text(b, in->context);
		buf_putc(b, '\n');
	}
	buf_puts(b, "\n## Evaluations\n");
	if (d->nevals == 0)
		buf_puts(b, "\nNo quality indicators have been evaluated yet.\n");
	for (size_t k = 0; k < d->fw.nkqs; k++) {
		bool any = false;

		for (size_t i = 0; i < d->nevals; i++) {
			const struct qi *q = framework_qi(&d->fw, d->evals[i].qi);

			if (q == NULL || strcmp(q->kq, d->fw.kqs[k].code) != 0)
				continue;
			if (!any) {
				buf_puts(b, "\n### ");
				md_text(b, d->fw.kqs[k].title);
				buf_puts(b, "\n\n| Quality indicator | Title | Evaluation |\n|---|---|---|\n");
				any = true;
			}
			buf_printf(b, "| %s | ", q->code);
			md_text(b, q->title);
			buf_printf(b, " | %s (%d) |\n", grade_label(d, d->evals[i].grade), d->evals[i].grade);
		}
	}
	md_findings(b, d, FINDING_STRENGTH, "Particular strengths");
	md_findings(b, d, FINDING_IMPROVEMENT, "Areas for improvement");
	buf_puts(b, "\n## Confidence statement\n\n");
	if (in->confidence == CONFIDENCE_NONE) {
		buf_puts(b, "The confidence statement has not been made yet.\n");
	} else {
		buf_printf(b, "**%s**", confidence_table[in->confidence].label);
		if (in->confidence_text != NULL) {
			buf_puts(b, ". ");
			md_text(b, in->confidence_text);
		}
		buf_putc(b, '\n');
	}
	free(summary);
}

/* ---- JSON ---- */

/* Returns a JSON array of strings. */
static json_t *
str_array(char **v, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_string(v[i]));
	return a;
}

/* Returns a string, or null for an empty or NULL value. */
static json_t *
str_or_null(const char *s)
{
	return s != NULL && s[0] ? json_string(s) : json_null();
}

json_t *
dossier_json(const struct dossier *d)
{
	const struct inspection *in = &d->in;
	json_t *o = json_object(), *evals = json_array(), *findings = json_array();

	json_object_set_new(o, "id", json_integer(in->id));
	json_object_set_new(o, "partnership", json_string(in->partnership));
	json_object_set_new(o, "title", json_string(in->title));
	json_object_set_new(o, "framework", json_string(d->fw.code));
	json_object_set_new(o, "framework_title", json_string(d->fw.title));
	json_object_set_new(o, "scale", json_string(d->fw.scale.name));
	json_object_set_new(o, "notified", str_or_null(in->notified));
	json_object_set_new(o, "fieldwork_from", str_or_null(in->fieldwork_from));
	json_object_set_new(o, "fieldwork_to", str_or_null(in->fieldwork_to));
	json_object_set_new(o, "published", str_or_null(in->published));
	json_object_set_new(o, "agencies", str_array(in->agencies, in->nagencies));
	json_object_set_new(o, "methods", str_array(in->methods, in->nmethods));
	json_object_set_new(o, "context", str_or_null(in->context));
	json_object_set_new(o, "confidence", in->confidence == CONFIDENCE_NONE ? json_null()
	    : json_string(confidence_table[in->confidence].code));
	json_object_set_new(o, "confidence_text", str_or_null(in->confidence_text));
	for (size_t i = 0; i < d->nevals; i++) {
		const struct qi *q = framework_qi(&d->fw, d->evals[i].qi);

		json_array_append_new(evals, json_pack("{s:s, s:s, s:s?, s:i, s:s, s:s?}",
		    "qi", d->evals[i].qi, "title", q != NULL ? q->title : d->evals[i].qi,
		    "key_question", q != NULL ? q->kq : NULL, "grade", d->evals[i].grade,
		    "label", grade_label(d, d->evals[i].grade), "rationale", d->evals[i].rationale));
	}
	json_object_set_new(o, "evaluations", evals);
	for (size_t i = 0; i < d->nfindings; i++) {
		const struct finding *f = &d->findings[i];

		json_array_append_new(findings, json_pack("{s:I, s:s, s:s, s:o}", "id",
		    (json_int_t)f->id, "kind", finding_kind_code[f->kind], "text", f->text, "qis",
		    str_array(f->qis, f->nqis)));
	}
	json_object_set_new(o, "findings", findings);
	return o;
}

void
report_write(const struct dossier *d, enum report_format fmt, struct buf *out)
{
	switch (fmt) {
	case REPORT_HTML:
		report_html(d, out);
		break;
	case REPORT_MD:
		report_md(d, out);
		break;
	case REPORT_JSON: {
		json_t *o = dossier_json(d);
		char *s = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

		buf_puts(out, s);
		buf_putc(out, '\n');
		free(s);
		json_decref(o);
		break;
	}
	case REPORT_FORMAT__MAX:
		break;
	}
}
