/* The vocabulary: see model.h. */
#include "core/model.h"

#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include <string.h>

#include "core/text.h"

const struct confidence_info confidence_table[CONFIDENCE__MAX] = {
	[CONFIDENCE_NONE] = { "none", "Not stated", "not stated" },
	[CONFIDENCE_HIGH] = { "high-confidence", "High level of confidence", "highly confident" },
	[CONFIDENCE_CONFIDENT] = { "confident", "Confident", "confident" },
	[CONFIDENCE_PARTIAL] = { "partially-confident", "Partially confident",
	    "partially confident" },
	[CONFIDENCE_NOT] = { "not-confident", "Not confident", "not confident" },
};
_Static_assert(sizeof(confidence_table) / sizeof(confidence_table[0]) == CONFIDENCE__MAX,
    "confidence_table: one entry per value");

const char *const finding_kind_code[FINDING__MAX] = {
	[FINDING_STRENGTH] = "strength",
	[FINDING_IMPROVEMENT] = "improvement",
};
_Static_assert(sizeof(finding_kind_code) / sizeof(finding_kind_code[0]) == FINDING__MAX,
    "finding_kind_code: one entry per value");

void
strv_free(char **v, size_t n)
{
	for (size_t i = 0; i < n && v != NULL; i++)
		free(v[i]);
	free(v);
}

const char *
partnership_area(const char *name, char *out, size_t outsz)
{
	size_t n = strlen(name);
	bool named = (n >= 11 && strcasecmp(name + n - 11, "partnership") == 0) ||
	    (n >= 4 && strcasecmp(name + n - 4, " cpp") == 0);

	snprintf(out, outsz, "%s %sarea", name, named ? "" : "community planning partnership ");
	return out;
}

void
framework_free(struct framework *f)
{
	if (f == NULL)
		return;
	free(f->code);
	free(f->title);
	free(f->programme);
	free(f->note);
	free(f->scale.code);
	free(f->scale.name);
	for (size_t i = 0; i < f->scale.nlevels; i++) {
		free(f->scale.levels[i].label);
		free(f->scale.levels[i].short_desc);
		free(f->scale.levels[i].description);
	}
	free(f->scale.levels);
	for (size_t i = 0; i < f->nkqs; i++) {
		free(f->kqs[i].code);
		free(f->kqs[i].title);
	}
	free(f->kqs);
	for (size_t i = 0; i < f->nqis; i++) {
		free(f->qis[i].code);
		free(f->qis[i].title);
		free(f->qis[i].kq);
		free(f->qis[i].note);
	}
	free(f->qis);
	memset(f, 0, sizeof(*f));
}

const struct qi *
framework_qi(const struct framework *f, const char *code)
{
	for (size_t i = 0; i < f->nqis; i++)
		if (strcmp(f->qis[i].code, code) == 0)
			return &f->qis[i];
	return NULL;
}

const struct key_question *
framework_kq(const struct framework *f, const char *code)
{
	for (size_t i = 0; i < f->nkqs; i++)
		if (strcmp(f->kqs[i].code, code) == 0)
			return &f->kqs[i];
	return NULL;
}

size_t
framework_evaluated_count(const struct framework *f)
{
	size_t n = 0;

	for (size_t i = 0; i < f->nqis; i++)
		n += f->qis[i].evaluated;
	return n;
}

const struct scale_level *
scale_level_of(const struct scale *s, int value)
{
	for (size_t i = 0; i < s->nlevels; i++)
		if (s->levels[i].value == value)
			return &s->levels[i];
	return NULL;
}

bool
scale_parse(const struct scale *s, const char *text, int *value)
{
	long v;

	if (text == NULL)
		return false;
	if (text_parse_long(text, -1000000, 1000000, &v)) {
		if (scale_level_of(s, (int)v) == NULL)
			return false;
		*value = (int)v;
		return true;
	}
	for (size_t i = 0; i < s->nlevels; i++) {
		if (text_casecmp(s->levels[i].label, text) == 0) {
			*value = s->levels[i].value;
			return true;
		}
	}
	return false;
}

int
scale_top(const struct scale *s)
{
	return s->levels[0].value;
}

int
scale_bottom(const struct scale *s)
{
	return s->levels[s->nlevels - 1].value;
}

enum confidence
confidence_parse(const char *code)
{
	for (int i = CONFIDENCE_NONE + 1; i < CONFIDENCE__MAX; i++)
		if (text_casecmp(confidence_table[i].code, code) == 0)
			return (enum confidence)i;
	return CONFIDENCE_NONE;
}

int
finding_kind_parse(const char *code)
{
	for (int i = 0; i < FINDING__MAX; i++)
		if (strcmp(finding_kind_code[i], code) == 0)
			return i;
	return -1;
}

void
inspection_free(struct inspection *in)
{
	if (in == NULL)
		return;
	free(in->partnership);
	free(in->title);
	free(in->framework_code);
	strv_free(in->agencies, in->nagencies);
	strv_free(in->methods, in->nmethods);
	free(in->context);
	free(in->confidence_text);
	memset(in, 0, sizeof(*in));
}

void
evaluations_free(struct evaluation *v, size_t n)
{
	for (size_t i = 0; i < n && v != NULL; i++) {
		free(v[i].qi);
		free(v[i].rationale);
	}
	free(v);
}

bool
finding_evidence_withdrawn(const struct finding *f, size_t i)
{
	return f->evidence_withdrawn != NULL && i < f->nevidence && f->evidence_withdrawn[i];
}

void
findings_free(struct finding *v, size_t n)
{
	for (size_t i = 0; i < n && v != NULL; i++) {
		free(v[i].text);
		strv_free(v[i].qis, v[i].nqis);
		free(v[i].evidence);
		free(v[i].evidence_withdrawn);
	}
	free(v);
}

void
dossier_free(struct dossier *d)
{
	if (d == NULL)
		return;
	inspection_free(&d->in);
	framework_free(&d->fw);
	evaluations_free(d->evals, d->nevals);
	findings_free(d->findings, d->nfindings);
	free(d->quote);
	free(d->quote_by);
	free(d->report_url);
	free(d->release_template);
	free(d->embargo_line);
	free(d->media_contact);
	memset(d, 0, sizeof(*d));
}

const struct evaluation *
dossier_grade(const struct dossier *d, const char *qi)
{
	for (size_t i = 0; i < d->nevals; i++)
		if (strcmp(d->evals[i].qi, qi) == 0)
			return &d->evals[i];
	return NULL;
}

void
framework_summaries_free(struct framework_summary *v, size_t n)
{
	for (size_t i = 0; i < n && v != NULL; i++) {
		free(v[i].code);
		free(v[i].title);
		free(v[i].programme);
		free(v[i].scale_name);
	}
	free(v);
}

void
inspections_free(struct inspection *v, size_t n)
{
	for (size_t i = 0; i < n && v != NULL; i++)
		inspection_free(&v[i]);
	free(v);
}
