/*
 * The rows of outcome that the front ends and app/ share: moved from
 * store/outcome.h (issue 16), which includes this header.  Depends only on libc.
 */
#ifndef CAIRN_CORE_OUTCOME_H
#define CAIRN_CORE_OUTCOME_H

#include <stdbool.h>
#include <stddef.h>

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

#endif
