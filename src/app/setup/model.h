/*
 * Model packs: everything that differs between inspection programmes, as
 * data in one folder per programme (data/models/CODE/, shipped in the
 * binary; or any folder, imported).  A pack holds:
 *
 *   pack.json        required: { "code", "version", "title", "years",
 *                    "ages" (the age definition), "partners": [names as
 *                    at the time], "sources": [where each part came from] }
 *   framework.json   required: the framework (app/setup/framework.h); its
 *                    code is the pack's code
 *   stages.json      the stage plan (app/setup/stage.h)
 *   report.json      the report template and the young people's version
 *                    (app/publication/report_model.h)
 *   quantifiers.json the proportion words (stats/quantifier.h)
 *   records.json     the records-reading template (app/records/template.h),
 *                    known as CODE-records
 *   release.json     the news release template (render/release.h)
 *   notification.json the notification letter (app/partnership/notification.h)
 *   return.json      the pre-inspection return's layout (app/partnership/preret.h)
 *   position.json    the position statement's sections and word limit
 *                    (app/partnership/position.h)
 *
 * Every error names the file and the field: "DIR/FILE: field PATH: reason"
 * (app/setup/jsonfield.h).  An inspection records the pack and its version
 * when it is created.
 */
#ifndef CAIRN_APP_MODEL_H
#define CAIRN_APP_MODEL_H

#include <stddef.h>

#include "app/access/audit.h"
#include "core/err.h"
#include "core/pack.h"

struct store;

/* The files of a pack. */
enum model_file {
	MODEL_PACK = 0,
	MODEL_FRAMEWORK,
	MODEL_STAGES,
	MODEL_REPORT,
	MODEL_QUANTIFIERS,
	MODEL_RECORDS,
	MODEL_RELEASE,
	MODEL_NOTIFICATION,
	MODEL_RETURN,
	MODEL_POSITION,
	MODEL_FILE__MAX
};

/* Each file's name, e.g. "framework.json". */
extern const char *const model_file_name[MODEL_FILE__MAX];

/* A pack's files as text; NULL where a file is absent. */
struct model_texts {
	const char *text[MODEL_FILE__MAX];
	size_t len[MODEL_FILE__MAX];
};

/*
 * Checks a pack's files (dir names the folder in errors) and, unless out
 * is NULL, fills *out (code, version, title; caller frees with
 * pack_info_free).  CAIRN_EDATA naming the file and field of the first
 * problem.
 */
int model_validate(const char *dir, const struct model_texts *t, struct pack_info *out,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* Reads the shipped pack code's files (pointers into the binary). */
int model_builtin_texts(const char *code, struct model_texts *t, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Reads and validates the pack in folder dir; fills *out as above. */
int app_model_validate_dir(const char *dir, struct pack_info *out, struct cairn_err *err)
    __attribute__((warn_unused_result));

/*
 * Validates the pack in folder dir and loads it in one transaction with
 * its audit entry: its framework, its reading template, its files and
 * its version.  A pack or framework with the same code is refused.
 */
int app_model_import(struct store *st, const struct actor *who, const char *dir,
    struct pack_info *out, struct cairn_err *err) __attribute__((warn_unused_result));

/* Lists the packs loaded (shipped and imported), by code. */
int app_model_list(struct store *st, struct pack_info **out, size_t *n, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Reads the pack and version inspection insp was created under (both
 * malloc'd, or NULL when it predates packs and none was recorded); who
 * must be able to see the inspection. */
int app_model_of_inspection(struct store *st, const struct actor *who, long insp, char **pack,
    char **version, struct cairn_err *err) __attribute__((warn_unused_result));

/* Records every shipped pack not yet loaded (by cairn init). */
int app_model_load_builtin(struct store *st, struct cairn_err *err)
    __attribute__((warn_unused_result));

#endif
