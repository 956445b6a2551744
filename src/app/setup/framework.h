/*
 * Frameworks as data: reading a framework from JSON with precise errors,
 * importing it, and loading the frameworks shipped with Cairn.
 *
 * The JSON shape (every key required unless marked optional; unknown keys
 * are refused):
 *   { "code": "cyp-2014", "title": "...", "programme": "...",
 *     "note": "..." (optional),
 *     "scale": { "code": "six-point", "name": "...",
 *                "levels": [ { "value": 6, "label": "Excellent",
 *                              "short": "...", "description": "..." }, ... ] },
 *     "key_questions": [ { "code": "KQ1", "title": "..." }, ... ],
 *     "indicators": [ { "code": "1.1", "title": "...", "key_question": "KQ1",
 *                       "evaluated": true, "uncertain": false (optional),
 *                       "note": "..." (optional) }, ... ] }
 */
#ifndef CAIRN_APP_FRAMEWORK_H
#define CAIRN_APP_FRAMEWORK_H

#include <stddef.h>

#include <jansson.h>

#include "app/access/audit.h"
#include "core/err.h"
#include "core/model.h"

struct store;

/*
 * Parses and validates a framework from JSON text of length len.  name
 * (a file name) prefixes every error: "FILE: field indicators[3].code:
 * reason".  On success *f is filled (caller frees with framework_free).
 */
int framework_from_json(const char *text, size_t len, const char *name, struct framework *f,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* The frameworks v[0..n) as a JSON array, one object per framework (code,
 * title, programme, scale, levels, indicators, evaluated, builtin): the one
 * builder of `cairn framework list --json` and GET /api/v1/frameworks.
 * The caller owns the reference. */
json_t *framework_summaries_json(const struct framework_summary *v, size_t n);

/* Framework f as JSON (code, title, programme, note, scale with its levels,
 * key_questions, indicators): the one builder of `cairn framework show
 * --json` and GET /api/v1/frameworks/{code}.  The caller owns it. */
json_t *framework_json(const struct framework *f);

/* Reads a framework file and stores it in one transaction; a framework
 * with the same code is refused.  Sets *code_out (malloc'd) if not NULL. */
int app_framework_import(struct store *st, const struct actor *who, const char *path,
    char **code_out, struct cairn_err *err) __attribute__((warn_unused_result));

/*
 * Imports the framework in text (len bytes; name, the file's name, prefixes
 * every error) as app_framework_import does: the one import every front
 * end reaches (the command line reads the file, the web takes it uploaded
 * or in a JSON body).  A malformed file is CAIRN_EDATA naming the line
 * and column (JSON syntax) or the field, with err->field "file"; nothing
 * is stored on error.  Needs ACTION_MANAGE_REFERENCE.  Sets *code_out
 * (malloc'd, caller frees) if not NULL.
 */
int app_framework_import_text(struct store *st, const struct actor *who, const char *name,
    const char *text, size_t len, char **code_out, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Stores every shipped framework (data/models/PACK/framework.json) not yet present. */
int app_framework_load_builtin(struct store *st, struct cairn_err *err)
    __attribute__((warn_unused_result));

#endif
