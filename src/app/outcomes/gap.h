/*
 * Outcome gaps: for one indicator and area, per period, the value of each
 * deprivation group with its interval, the SII and RII with intervals,
 * PAR and the ranges; the trend of the SII across periods with a plain
 * verdict; the same for a comparison area; and the charts (SVG).  Small
 * numbers are suppressed (app/publication/disclose.h): a group count from 1 to 4 is
 * not shown, and every measure that could reveal it (the period's SII,
 * RII, PAR, ranges and overall value) is withheld.
 */
#ifndef CAIRN_APP_GAP_H
#define CAIRN_APP_GAP_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "app/outcomes/outcome.h"
#include "core/buf.h"
#include "core/err.h"
#include "stats/inequality.h"
#include "store/outcome.h"

struct store;

/* Most groups in a period (deciles). */
#define GAP_GROUPS_MAX 10

/* One deprivation group in one period. */
struct gap_group {
	int group;          /* 1 = most deprived */
	bool present;       /* the group has data */
	bool suppressed;    /* count below the disclosure threshold: not published */
	double numerator;   /* events (not published when suppressed) */
	double denominator; /* population */
	double value;       /* % for proportions, per N for rates */
	double lower;       /* 95% limits on the same scale */
	double upper;
	const char *method; /* "wilson", "exact" or "byars" */
};

/* One period of one area. */
struct gap_period {
	char *period; /* e.g. "2019/20" (owned) */
	int ngroups;  /* 5 or 10 */
	struct gap_group groups[GAP_GROUPS_MAX];
	bool withheld;               /* measures withheld (suppression) */
	bool have_measures;          /* SII, RII, PAR and ranges computed */
	const char *why;             /* static reason when not */
	double overall;              /* total numerator / denominator (display scale) */
	struct stats_sii sii;        /* SII family on the display scale */
	double sii_lower, sii_upper; /* the convention's interval (ScotPHO analytic,
	                                          PHE simulated when available) */
	double rii_lower, rii_upper;
	const char *interval;       /* "analytic" or "simulation" */
	struct stats_ranges ranges; /* PAR and ranges */
	int deprived_fare_worse;    /* 1, 0, or -1 when unknown (no polarity) */
};

/* All periods of one area. */
struct gap_series {
	char *area_code;            /* owned */
	char *area_name;            /* owned */
	struct gap_period *periods; /* in period order (owned) */
	size_t nperiods;
	bool have_trend;          /* trend computed */
	const char *trend_why;    /* static reason when not */
	struct stats_trend trend; /* change in SII per period */
};

/* What to compute; strings borrowed. */
struct gap_req {
	const char *indicator;                /* indicator code (required) */
	const char *area;                     /* area name (any case) or code (required) */
	const char *compare;                  /* comparison area, or NULL */
	enum stats_sii_convention convention; /* SII convention */
	long reps;                            /* simulation repetitions (0 = none) */
	uint64_t seed;                        /* simulation seed */
	long threshold; /* disclosure threshold (0: DISCLOSE_THRESHOLD_DEFAULT) */
};

/* The answer; free with gap_result_free. */
struct gap_result {
	struct outcome_indicator ind; /* the indicator (owned) */
	enum outcome_measure measure;
	enum outcome_polarity polarity;
	enum stats_sii_convention convention;
	char unit[32];          /* "%" or "per 1000" */
	char *simd;             /* SIMD version of the data (owned) */
	long reps;              /* simulation repetitions used */
	uint64_t seed;          /* and their seed */
	long threshold;         /* disclosure threshold applied */
	struct gap_series area; /* the area */
	bool has_compare;
	struct gap_series compare; /* the comparison area */
};

/* Computes the gap; CAIRN_EDATA naming what is valid when the indicator
 * or an area is unknown. */
int app_outcome_gap(struct store *st, const struct gap_req *req, struct gap_result *out,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Returns the result as JSON, the object `cairn outcomes gap --json` prints
 * and GET /api/v1/inspections/{id}/outcomes/{indicator} answers: suppressed
 * counts and withheld measures are null (caller owns the reference). */
json_t *gap_result_json(const struct gap_result *r);
/* Frees a result; no-op on a zeroed one. */
void gap_result_free(struct gap_result *r);

/* Appends the chart of group values by period (an SVG element). */
void gap_chart_groups(const struct gap_result *r, struct buf *out);
/* Appends the chart of the SII over time with its intervals. */
void gap_chart_sii(const struct gap_result *r, struct buf *out);

struct doc_section;
struct doc_chart;
/* Adds the chart of the area's group values by period to a document
 * section (the same chart gap_chart_groups draws); returns it (owned by
 * the section). */
struct doc_chart *gap_doc_groups(const struct gap_result *r, struct doc_section *s);
/* Adds the chart of the area's SII over time to a document section. */
struct doc_chart *gap_doc_sii(const struct gap_result *r, struct doc_section *s);

#endif
