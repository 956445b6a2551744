/*
 * An inspection's dossier (the inspection, its framework, grades and
 * findings) as JSON: what `cairn inspection show --json`, the JSON API and
 * the published bundle's data file give.  The report itself is made by
 * app/report_model and render/docfmt.
 */
#ifndef CAIRN_RENDER_DOSSIER_H
#define CAIRN_RENDER_DOSSIER_H

#include <jansson.h>

#include "core/model.h"

/* Returns a new JSON object describing the dossier: the inspection, its
 * framework, an "evaluations" array of {qi, title, key_question, grade,
 * label, rationale} and a "findings" array.  The caller owns the reference. */
json_t *dossier_json(const struct dossier *d);

#endif
