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

struct store;

/* Bytes of a published date: "YYYY", "YYYY-MM" or "YYYY-MM-DD" and NUL. */
#define HISTORY_DATE_LEN 11

/* One imported result.  Strings are malloc'd and owned by the row. */
struct history_row {
	char *partnership;                /* community planning partnership */
	char published[HISTORY_DATE_LEN]; /* as precise as the source allows */
	char *framework;                  /* framework code, e.g. "cyp-2014" */
	char *qi;                         /* indicator code; NULL for a count row */
	int grade;                        /* scale level value */
	long count;                       /* indicators at this level: 1 for a qi row */
	bool inferred;                    /* grade deduced, not read in the source */
	char *source;                     /* where the result was published */
	long line;                        /* line of the import file (0 when loaded) */
};

/* Frees an array of rows and the array; NULL is a no-op. */
void history_rows_free(struct history_row *v, size_t n);

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
