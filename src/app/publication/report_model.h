/*
 * The published report as a document (render/doc.h), built from a dossier,
 * the programme's report template (data/models/NAME/report.json: which
 * sections, in which order, with which titles and standard wording) and
 * whatever optional data exists for the inspection (records reading,
 * evidence, surveys, outcomes: each section appears only when its data
 * does).  Disclosure control is applied here, so every renderer gets
 * numbers that are already safe for the audience.
 *
 * To plug in a new section: add a builder to section_kinds[] in
 * report_model.c and name its kind in the template.
 */
#ifndef CAIRN_APP_REPORT_MODEL_H
#define CAIRN_APP_REPORT_MODEL_H

#include "core/err.h"
#include "core/model.h"
#include "render/doc.h"

struct store;

/* Who an output is for; indexes report_audience_name. */
enum report_audience {
	REPORT_PUBLIC = 0, /* published: disclosure control applied */
	REPORT_INTERNAL,   /* the inspection team: marked not for publication */
	REPORT_AUDIENCE__MAX
};
extern const char *const report_audience_name[REPORT_AUDIENCE__MAX];

/* Which version of the report; indexes report_version_name. */
enum report_version {
	REPORT_FULL = 0,     /* the full report */
	REPORT_YOUNG_PEOPLE, /* short, plain words, for children and young people */
	REPORT_VERSION__MAX
};
extern const char *const report_version_name[REPORT_VERSION__MAX];

/* Returns the value called name in a table of n names, or -1. */
int report_name_parse(const char *const *names, int n, const char *name);

/* Settings for an inspection's outputs (publication_setting). */
struct report_settings {
	long threshold;     /* disclosure threshold (default 5) */
	char *organisation; /* the inspectorate's name */
	char *logo;         /* path of a PNG logo, or NULL */
	char *area;         /* council or outcomes area for the context and outcomes
	                        chapters, or NULL to match the partnership's name
	                        (the inspection's "area" setting, or set by the caller;
	                        app/publication/report_area.h) */
	char *open_data;    /* folder of the open data, or NULL for the default
	                        (context_data_dir) */
};
/* Loads the settings for inspection id (defaults where unset). */
int report_settings_load(struct store *st, long id, struct report_settings *s,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Frees the contents of settings. */
void report_settings_free(struct report_settings *s);

/* Builds the document for d into *out (caller frees with doc_free).
 * CAIRN_ESOFTWARE if the template cannot be read. */
int report_model_build(struct store *st, const struct dossier *d, const struct report_settings *s,
    enum report_audience audience, enum report_version version, struct doc *out,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* Returns the children's references known for inspection id (malloc'd
 * array of malloc'd strings; free with strv_free), which no public output
 * may contain. */
int report_child_refs(struct store *st, long id, char ***refs, size_t *n, struct cairn_err *err)
    __attribute__((warn_unused_result));

/*
 * Checks a report template (a pack's report.json) of length len: JSON, the
 * known members, non-empty "sections" (and "appendices", and
 * "young_people.sections") of known kinds, "remit" and "sample_note".
 * name (the file) prefixes errors: "NAME: field sections[2].kind: ...".
 */
int report_template_check(const char *text, size_t len, const char *name, struct cairn_err *err)
    __attribute__((warn_unused_result));

#endif
