/*
 * Importing published results of earlier inspections (cairn history
 * import).  The file is CSV with a header row naming its columns, in any
 * order:
 *   partnership  required  community planning partnership
 *   published    required  YYYY, YYYY-MM or YYYY-MM-DD, as precise as known
 *   framework    required  framework code, e.g. cyp-2014
 *   qi           optional  indicator code; empty for a row of counts
 *   grade        required  level number or label ("4", "Very good")
 *   count        optional  with qi empty: how many indicators were graded at
 *                          this level, indicators not known; with qi: empty or 1
 *   basis        optional  stated (default) or inferred (grade deduced)
 *   source       required  where it was published
 * The file is read by the streaming RFC 4180 reader of core/csv.h (quoted
 * cells, embedded commas and newlines, a byte-order mark; cells are
 * trimmed).  The import is all or nothing: every error is collected with
 * its line and column and a file with any error stores nothing; importing
 * a publication (partnership, published, framework) again replaces what
 * was stored for it.
 */
#ifndef CAIRN_APP_HISTORY_H
#define CAIRN_APP_HISTORY_H

#include <stddef.h>

#include "app/access/audit.h"
#include "core/buf.h"
#include "core/csv.h"
#include "core/err.h"
#include "store/history.h"

struct store;

/* What an import did. */
struct history_import {
	size_t grades;            /* indicator rows stored */
	size_t counts;            /* count rows stored */
	size_t publications;      /* distinct publications in the file */
	long replaced;            /* rows deleted because the file imports them again */
	struct csv_errors errors; /* the errors found, with line and column (the first
	                             CSV_ERRORS_KEPT kept, all counted); nothing is stored
	                             when errors.total is non-zero */
};

/* Frees the contents of r. */
void history_import_free(struct history_import *r);

/*
 * Parses and validates CSV text (len bytes) into rows without storing them;
 * every error goes to r->errors.  Returns CAIRN_OK or CAIRN_EDATA (with err
 * the one-line summary "NAME has N errors; nothing was imported"); *rows is
 * set only on success (caller frees with history_rows_free).
 */
int history_parse(struct store *st, const char *text, size_t len, const char *name,
    struct history_row **rows, size_t *nrows, struct history_import *r, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Reads, validates and stores the file at path in one transaction with its
 * audit entry.  r must be zeroed; free it with history_import_free. */
int app_history_import(struct store *st, const struct actor *who, const char *path,
    struct history_import *r, struct cairn_err *err) __attribute__((warn_unused_result));

/* Returns true if s is "YYYY", "YYYY-MM" or a valid "YYYY-MM-DD". */
bool history_date_valid(const char *s);

/*
 * One indicator's published results in another programme, through the
 * crosswalks (app/setup/crosswalk.h): the relation, a sentence for people
 * ("the same indicator as 2.1 in care-protection-2018", "not comparable: no
 * successor indicator in at-risk-2021") and, where comparable (a chain of
 * crosswalks, the same scale), the imported published grades of the
 * counterparts against grade (0: not graded).
 */
struct history_across {
	char *framework; /* the other programme */
	int rel;         /* enum crosswalk_rel */
	bool comparable;
	char *sentence;
	long n;                  /* published grades of the counterparts */
	long below, same, above; /* against grade */
};

/* Lists, for indicator qi of framework, every other programme a chain of
 * crosswalks joins it to (free with history_across_free). */
int app_history_across(struct store *st, const char *framework, const char *qi, int grade,
    struct history_across **out, size_t *n, struct cairn_err *err)
    __attribute__((warn_unused_result));
void history_across_free(struct history_across *v, size_t n);

#endif
