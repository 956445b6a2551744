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

#include <stdbool.h>
#include <stddef.h>

#include "app/access/audit.h"
#include "core/err.h"
#include "core/model.h"
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

/* One file of a pack as a front end has it: its name ("framework.json"; of
 * a path, only the last part counts) and its bytes, both borrowed. */
struct model_upload {
	const char *name; /* the file's name */
	const char *data; /* its bytes (need not be NUL-terminated) */
	size_t len;       /* their number */
};

/*
 * Validates the pack made of the n files and loads it as app_model_import
 * does (the one import every front end reaches: the command line reads a
 * folder into files, the web takes them uploaded or in a JSON body).
 * where (may be NULL) prefixes the files' names in errors, e.g. the
 * folder.  A file that is not one of a pack's, given twice or too large is
 * refused; every error names the file and the field, with err->field
 * "files"; nothing is stored on error.  Needs ACTION_MANAGE_REFERENCE.
 */
int app_model_import_files(struct store *st, const struct actor *who, const char *where,
    const struct model_upload *files, size_t n, struct pack_info *out, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Most problems one check of a pack reports. */
#define MODEL_PROBLEMS_MAX 50

/* What checking a pack found (free with model_check_free). */
struct model_check {
	struct pack_info info; /* code, version, title: only when the pack is valid */
	char **problems;       /* every problem, each naming its file and field (malloc'd) */
	size_t nproblems;      /* 0 when the pack is valid */
};

/* Frees a check's contents; a no-op on a zeroed struct. */
void model_check_free(struct model_check *c);

/*
 * Checks the pack made of the n files without storing anything (the
 * command line's folder check and the web's "check only" upload): each
 * file on its own, then against each other, noting every problem (at most
 * MODEL_PROBLEMS_MAX) in *out rather than stopping at the first.  Returns
 * CAIRN_OK with out->info filled when the pack is valid, else CAIRN_EDATA
 * with out->problems and err the first problem (field "files").  where
 * (may be NULL) prefixes the files' names.  Reads no database: anyone may
 * check a pack.
 */
int app_model_check_files(const char *where, const struct model_upload *files, size_t n,
    struct model_check *out, struct cairn_err *err) __attribute__((warn_unused_result));

/* One stage of a pack's plan, as shown. */
struct model_stage {
	char *code;    /* malloc'd */
	char *title;   /* malloc'd */
	int week;      /* working week due, 0 when not planned */
	bool required; /* a forward move may not skip it */
};

/* A pack as its pages show it (free with model_detail_free). */
struct model_detail {
	struct pack_info info; /* code, version, title, builtin, inspections */
	char *years;           /* e.g. "2021-2024"; malloc'd */
	char *ages;            /* the age definition; malloc'd */
	char **partners;       /* the partners' names as at the time; malloc'd */
	size_t npartners;
	char **sources; /* where each part came from; malloc'd */
	size_t nsources;
	bool present[MODEL_FILE__MAX]; /* which of the files the pack has */
	struct framework fw;           /* its framework: key questions and indicators */
	struct model_stage *stages;    /* its stage plan, in order; malloc'd */
	size_t nstages;
	int weeks;           /* the plan's standard length in weeks */
	bool stages_default; /* the plan is the default one (no stages.json) */
	char **sections;     /* the report's section titles in order; malloc'd */
	size_t nsections;
	bool report_default; /* the report template is the default (no report.json) */
};

/* Frees a detail's contents; a no-op on a zeroed struct. */
void model_detail_free(struct model_detail *d);

/*
 * Reads the loaded pack code with its files in readable form into *out
 * (caller frees with model_detail_free).  Reference data: no actor.
 * CAIRN_ENOINPUT (code "unknown", field "code") when no such pack is
 * loaded.
 */
int app_model_get(struct store *st, const char *code, struct model_detail *out,
    struct cairn_err *err) __attribute__((warn_unused_result));

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
