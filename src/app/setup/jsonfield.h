/*
 * Members of a JSON object read from a data file (frameworks, scales,
 * survey definitions, stage plans, templates), with errors in one form:
 *
 *   NAME: field PATHKEY: what is wrong
 *
 * where NAME names the file and PATH locates the object ("" at the top,
 * "levels[2]." inside an array).  Each function returns CAIRN_OK or
 * CAIRN_EDATA with err set.
 */
#ifndef CAIRN_APP_JSONFIELD_H
#define CAIRN_APP_JSONFIELD_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "core/err.h"

/* Refuses any member of obj not named in allowed (NULL-terminated). */
int jsonfield_only(json_t *obj, const char *const *allowed, const char *name, const char *path,
    struct cairn_err *err) __attribute__((warn_unused_result));

/*
 * Reads the string member key of obj (1 to max bytes) into *out, a malloc'd
 * copy the caller frees.  Absent or null: an error when required, else
 * *out = NULL.
 */
int jsonfield_str(json_t *obj, const char *key, bool required, size_t max, const char *name,
    const char *path, char **out, struct cairn_err *err) __attribute__((warn_unused_result));

/* Checks the value v (NULL when absent) of the member or element PATHKEY
 * is a string of 1 to max bytes and sets *out to a malloc'd copy. */
int jsonfield_text(json_t *v, size_t max, const char *name, const char *path, const char *key,
    char **out, struct cairn_err *err) __attribute__((warn_unused_result));

/* Reads the boolean member key of obj into *out; absent gives def, or an
 * error when required. */
int jsonfield_bool(json_t *obj, const char *key, bool required, bool def, const char *name,
    const char *path, bool *out, struct cairn_err *err) __attribute__((warn_unused_result));

#endif
