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

struct store;

/* An indicator's metadata; strings owned (free with outcome_indicator_free). */
struct outcome_indicator {
	char *code;     /* e.g. "early-dev-concern" */
	char *title;    /* e.g. "Children with a concern at the 27-30 month review" */
	char *measure;  /* "proportion", "rate" or "count" */
	long per;       /* rate per N (1 when not a rate) */
	char *polarity; /* "higher-better", "higher-worse" or "none" */
	char *source;   /* may be NULL */
};
/* Frees the strings of an indicator; no-op on a zeroed struct. */
void outcome_indicator_free(struct outcome_indicator *ind);
/* Frees an array of indicators and the array. */
void outcome_indicators_free(struct outcome_indicator *v, size_t n);

/* One import, as recorded; strings borrowed. */
struct outcome_import_rec {
	const char *file_name; /* the file's name as given */
	const char *kind;      /* "aggregate" or "child-level" */
	const char *q1;        /* "most-deprived" or "least-deprived" */
	const char *simd;      /* "2016" or "2020" */
	long rows;             /* data rows read */
	const char *by;        /* who imported it */
};

/* One cell: numerator and denominator of one group; strings borrowed on
 * writing, owned on reading (free with outcome_cells_free). */
struct outcome_cell {
	char *indicator;    /* indicator code */
	char *area_code;    /* e.g. "S12000028" */
	char *area_name;    /* e.g. "South Ayrshire" */
	char *period;       /* e.g. "2019/20" */
	int ngroups;        /* 5 or 10 */
	int grp;            /* 1 = most deprived */
	int grp_given;      /* as coded in the file */
	double numerator;   /* events or people with the outcome */
	double denominator; /* population */
};
/* Frees an array of cells read by store_outcome_cells and the array. */
void outcome_cells_free(struct outcome_cell *v, size_t n);

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
