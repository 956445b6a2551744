/*
 * The inspection report written from a dossier, as HTML (one accessible,
 * self-contained file), Markdown or JSON.  Every format is made from the
 * same dossier as the news release.
 */
#ifndef CAIRN_RENDER_REPORT_H
#define CAIRN_RENDER_REPORT_H

#include <jansson.h>

#include "core/buf.h"
#include "core/model.h"

/* Output formats; indexes report_format_name. */
enum report_format {
	REPORT_HTML = 0,
	REPORT_MD,
	REPORT_JSON,
	REPORT_FORMAT__MAX
};
extern const char *const report_format_name[REPORT_FORMAT__MAX];
/* Returns the format called name, or -1. */
int report_format_parse(const char *name);

/* Appends the report for d in the given format to out. */
void report_write(const struct dossier *d, enum report_format fmt, struct buf *out);

/* Returns a new JSON object describing the dossier: the inspection, its
 * framework and an "evaluations" array of {qi, title, grade, label}.  The
 * caller owns the reference. */
json_t *dossier_json(const struct dossier *d);

#endif
