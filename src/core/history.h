/*
 * The rows of history that the front ends and app/ share: moved from
 * store/history.h (issue 16), which includes this header.  Depends only on libc.
 */
#ifndef CAIRN_CORE_HISTORY_H
#define CAIRN_CORE_HISTORY_H

#include <stdbool.h>
#include <stddef.h>

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

#endif
