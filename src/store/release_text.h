/* The news release's stored text: the attributed quote and the report's
 * address (data/sql/020_release_text.sql). */
#ifndef CAIRN_STORE_RELEASE_TEXT_H
#define CAIRN_STORE_RELEASE_TEXT_H

#include "core/err.h"

struct store;

/* Reads inspection insp's quote, its attribution and the report's address
 * (each malloc'd, or NULL when not recorded). */
int store_release_text_get(struct store *st, long insp, char **quote, char **quote_by,
    char **report_url, struct cairn_err *err) __attribute__((warn_unused_result));

/* Records them (NULL clears one), replacing what was there. */
int store_release_text_put(struct store *st, long insp, const char *quote, const char *quote_by,
    const char *report_url, struct cairn_err *err) __attribute__((warn_unused_result));

#endif
