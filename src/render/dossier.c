/* A dossier as JSON: see dossier.h. */
#include "render/dossier.h"

/* Returns the label of a grade, or "?" if the scale lacks it. */
static const char *
grade_label(const struct dossier *d, int grade)
{
	const struct scale_level *l = scale_level_of(&d->fw.scale, grade);

	return l != NULL ? l->label : "?";
}

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
	json_object_set_new(o, "confidence",
	    in->confidence == CONFIDENCE_NONE ? json_null()
	                                      : json_string(confidence_table[in->confidence].code));
	json_object_set_new(o, "confidence_text", str_or_null(in->confidence_text));
	for (size_t i = 0; i < d->nevals; i++) {
		const struct qi *q = framework_qi(&d->fw, d->evals[i].qi);

		json_array_append_new(evals,
		    json_pack("{s:s, s:s, s:s?, s:i, s:s, s:s?}", "qi", d->evals[i].qi, "title",
		        q != NULL ? q->title : d->evals[i].qi, "key_question",
		        q != NULL ? q->kq : NULL, "grade", d->evals[i].grade, "label",
		        grade_label(d, d->evals[i].grade), "rationale", d->evals[i].rationale));
	}
	json_object_set_new(o, "evaluations", evals);
	for (size_t i = 0; i < d->nfindings; i++) {
		const struct finding *f = &d->findings[i];

		json_array_append_new(findings,
		    json_pack("{s:I, s:s, s:s, s:o}", "id", (json_int_t)f->id, "kind",
		        finding_kind_code[f->kind], "text", f->text, "qis",
		        str_array(f->qis, f->nqis)));
	}
	json_object_set_new(o, "findings", findings);
	return o;
}
