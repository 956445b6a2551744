/*
 * Outcome indicators by deprivation group: the only code that knows their
 * SQL (tables outcome_indicator, outcome_import, outcome_value; migration
 * 005).  Writes run inside the caller's transaction.
 */
#ifndef CAIRN_STORE_OUTCOME_H
#define CAIRN_STORE_OUTCOME_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"
#include "core/outcome.h"

struct store;

/* Inserts or replaces an indicator's metadata. */
int store_outcome_indicator_put(struct store *st, const struct outcome_indicator *ind,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Loads an indicator; sets *found (false leaves *ind zeroed). */
int store_outcome_indicator_get(struct store *st, const char *code, struct outcome_indicator *ind,
    bool *found, struct cairn_err *err) __attribute__((warn_unused_result));
/* Lists every indicator by code into a malloc'd array. */
int store_outcome_indicator_list(struct store *st, struct outcome_indicator **out, size_t *n,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Records an import and sets *id. */
int store_outcome_import_insert(struct store *st, const struct outcome_import_rec *rec, long *id,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Inserts or replaces one cell, from import id. */
int store_outcome_cell_put(struct store *st, const struct outcome_cell *c, long import_id,
    struct cairn_err *err) __attribute__((warn_unused_result));
/*
 * Loads the cells of an indicator for an area given by name (any case) or
 * code, ordered by period, number of groups and group.  *simd (malloc'd,
 * NULL when nothing is found) is the SIMD version of the first cell's
 * import.
 */
int store_outcome_cells(struct store *st, const char *indicator, const char *area,
    struct outcome_cell **out, size_t *n, char **simd, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Lists the distinct area codes stored for an indicator, in code order,
 * into a malloc'd array of malloc'd strings (the caller frees both). */
int store_outcome_area_codes(struct store *st, const char *indicator, char ***out, size_t *n,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Writes a comma-separated list of the area names stored for an
 * indicator into buf (for error messages). */
void store_outcome_area_names(struct store *st, const char *indicator, char *buf, size_t bufsz);

#endif
