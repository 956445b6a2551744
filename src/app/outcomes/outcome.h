/*
 * Outcome indicators by deprivation group: importing them (group-level
 * CSV, or one row per child aggregated in one streaming pass), and the
 * group CSV behind `cairn stats sii`.  Every import is all-or-nothing: a
 * file with any error imports nothing and the errors (line and column)
 * are left in the caller's collector.
 */
#ifndef CAIRN_APP_OUTCOME_H
#define CAIRN_APP_OUTCOME_H

#include <stdbool.h>
#include <stddef.h>

#include "app/access/audit.h"
#include "core/csv.h"
#include "core/err.h"
#include "stats/inequality.h"

struct store;

/* Disclosure threshold: group counts below this are suppressed in every
 * public output (domain.md 5.3: "fewer than 5"). */
#define OUTCOME_DISCLOSURE_MIN 5

/* How group 1 is coded in a file; indexes outcome_q1_code. */
enum outcome_q1 {
	OUTCOME_Q1_MOST = 0, /* group 1 = most deprived (ScotPHO, Scottish Government) */
	OUTCOME_Q1_LEAST,    /* group 1 = least deprived (some PHS open data) */
	OUTCOME_Q1__MAX
};
/* "most-deprived", "least-deprived", by enum. */
extern const char *const outcome_q1_code[OUTCOME_Q1__MAX];

/* What an indicator measures; indexes outcome_measure_code. */
enum outcome_measure {
	OUTCOME_PROPORTION = 0, /* numerator / denominator, shown as a percentage, Wilson */
	OUTCOME_RATE,           /* numerator / denominator * per, Byar's or exact Poisson */
	OUTCOME_COUNT,          /* a count of events in a population: treated as a rate per N */
	OUTCOME_MEASURE__MAX
};
/* "proportion", "rate", "count", by enum. */
extern const char *const outcome_measure_code[OUTCOME_MEASURE__MAX];
/* Returns the measure for a code, or -1. */
int outcome_measure_parse(const char *code);

/* Which way is better; indexes outcome_polarity_code. */
enum outcome_polarity {
	OUTCOME_HIGHER_BETTER = 0, /* e.g. % meeting developmental milestones */
	OUTCOME_HIGHER_WORSE,      /* e.g. % with a developmental concern */
	OUTCOME_NO_POLARITY,
	OUTCOME_POLARITY__MAX
};
/* "higher-better", "higher-worse", "none", by enum. */
extern const char *const outcome_polarity_code[OUTCOME_POLARITY__MAX];
/* Returns the polarity for a code (also "higher is better" etc.), or -1. */
int outcome_polarity_parse(const char *code);

/* An import request; strings borrowed. */
struct outcome_import_req {
	const char *path;       /* the data file */
	const char *indicators; /* optional indicator metadata CSV (code, title, measure,
	                           polarity, source, optional per) */
	const char *q1;         /* "most-deprived" or "least-deprived" (required) */
	const char *simd;       /* "2016" or "2020" (required) */
	bool child_level;       /* one row per child: aggregate before storing */
	bool general_reader; /* child-level: never take the fast path (app/outcomes/outcome_fast.h);
	                           the results are the same, only slower (for tests) */
};

/* What an import stored. */
struct outcome_import_result {
	long import_id;  /* id of the import record */
	long rows;       /* data rows read */
	long cells;      /* group cells stored */
	long indicators; /* indicators defined by the metadata file */
	int ngroups;     /* 5 or 10 */
	bool fast;       /* the child-level fast path read the file */
};

/*
 * Imports a file.  Errors in the data are collected in errs (the first
 * CSV_ERRORS_KEPT with line and column, and a total) for the metadata
 * file and then the data file, and the function returns CAIRN_EDATA with
 * a one-line summary in err; nothing is stored.  CAIRN_EUSAGE for a
 * missing or bad --q1/--simd, CAIRN_ENOINPUT for an unreadable file.
 * *errs_file is set to the file the errors are about.
 */
int app_outcome_import(struct store *st, const struct actor *who,
    const struct outcome_import_req *req, struct outcome_import_result *res,
    struct csv_errors *errs, const char **errs_file, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* What `cairn stats sii FILE` computes. */
struct outcome_sii_file {
	struct stats_group groups[STATS_GROUPS_MAX]; /* as read, group order */
	size_t ngroups;
	bool have_limits;           /* every group had lower and upper */
	struct stats_sii sii;       /* SII and RII */
	struct stats_ranges ranges; /* PAR and ranges */
};

/*
 * Reads a CSV with the columns group (1 = most deprived), population,
 * value and optionally lower and upper, and computes the SII with opts.
 * CAIRN_EDATA with errors in errs for a bad file; CAIRN_EDATA with the
 * reason in err when the SII cannot be computed (e.g. a group is missing).
 */
int app_sii_file(const char *path, const struct stats_sii_opts *opts, struct outcome_sii_file *out,
    struct csv_errors *errs, struct cairn_err *err) __attribute__((warn_unused_result));

#endif
