/*
 * Published results of inspections held outside this database (earlier
 * programmes), imported by 'cairn history import' and read by the
 * national overview and the panel benchmark.  A grade whose indicator is
 * known is one row with qi set; grades published only as counts are rows
 * with qi NULL and count > 0 (never spread over indicators by guessing).
 */
#ifndef CAIRN_STORE_HISTORY_H
#define CAIRN_STORE_HISTORY_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"
#include "core/history.h"

struct store;

/*
 * Stores rows (within the caller's transaction), first deleting whatever
 * was stored for each publication (partnership, published, framework) the
 * rows name, so that importing a file again replaces it.  Sets *replaced to
 * the number of rows deleted.  CAIRN_EDATA for an unknown framework.
 */
int store_history_replace(struct store *st, const struct history_row *v, size_t n, long *replaced,
    struct cairn_err *err) __attribute__((warn_unused_result));

/*
 * Loads every stored row of the framework with this code (every framework
 * when code is NULL) into a malloc'd array, ordered by framework, published,
 * partnership, then indicator rows before count rows.
 */
int store_history_list(struct store *st, const char *framework, struct history_row **out, size_t *n,
    struct cairn_err *err) __attribute__((warn_unused_result));

#endif
