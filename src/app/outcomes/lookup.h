/*
 * What the front ends read of the outcome indicators, through app/ rather
 * than store/ (issue 16).  Indicators and their areas are reference data
 * (published aggregates), open to anyone who can open the database.
 */
#ifndef CAIRN_APP_OUTCOMES_LOOKUP_H
#define CAIRN_APP_OUTCOMES_LOOKUP_H

#include <stdbool.h>
#include <stddef.h>

#include "core/database.h"
#include "core/err.h"
#include "core/outcome.h"

/* Lists the stored indicators by code (free with outcome_indicators_free). */
int app_outcome_indicator_list(struct store *st, struct outcome_indicator **out, size_t *n,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Loads indicator code into *ind (free with outcome_indicator_free);
 * *found false if there is none. */
int app_outcome_indicator_get(struct store *st, const char *code, struct outcome_indicator *ind,
    bool *found, struct cairn_err *err) __attribute__((warn_unused_result));
/* Lists the area codes with data for indicator (free with strv_free). */
int app_outcome_area_codes(struct store *st, const char *indicator, char ***out, size_t *n,
    struct cairn_err *err) __attribute__((warn_unused_result));

#endif
