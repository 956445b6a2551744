/*
 * The national overview: for one framework, every published inspection
 * held in the database and every imported published result side by side.
 * For each indicator, the distribution of grades, the partnerships at each
 * level and how many publications lack it; the grades pooled over all
 * indicators (including grades known only as counts); trends by year of
 * publication; and each inspection's grades against the national picture.
 *
 * Data is partial in known ways, and the overview says so: grades known
 * only as counts belong to no indicator (they are in the pooled figures
 * and trends only); some publications name only a few indicators; some
 * grades are inferred; a publication's counts may not sum to the number of
 * indicators the framework evaluates.  Inspections not yet published have
 * a profile but are not part of the national figures.
 */
#ifndef CAIRN_APP_OVERVIEW_H
#define CAIRN_APP_OVERVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "core/err.h"
#include "core/model.h"
#include "render/doc.h"

struct store;

/* One publication: an inspection held here or an imported result. */
struct overview_pub {
	char *partnership;
	char published[11]; /* YYYY, YYYY-MM or YYYY-MM-DD */
	int year;           /* from published */
	bool held;          /* an inspection in this database */
	long inspection;    /* its id when held, else 0 */
	int *grade;         /* per framework indicator: level value, 0 if unknown */
	bool *inferred;     /* per framework indicator: grade inferred */
	long *count_only;   /* per scale level: grades known only as counts */
	long known;         /* grades known (per indicator plus counts) */
	long named;         /* grades whose indicator is known */
};

/* One indicator across publications. */
struct overview_qi {
	const struct qi *qi; /* borrowed from the overview's framework */
	long *counts;        /* per scale level */
	long total;          /* grades known for it */
	long inferred;       /* of which inferred */
	long unknown;        /* publications without a grade for it */
	int median;          /* lower median level value, 0 if none */
	double mean;         /* mean level value */
	long good_or_better; /* grades at or above the threshold level */
};

/* One year of publication. */
struct overview_year {
	int year;
	long publications;
	long *counts; /* per scale level, pooled over indicators and counts */
	long total;
	long good_or_better;
};

/* The overview of one framework.  Owned; free with overview_free(). */
struct overview {
	struct framework fw;       /* the framework */
	int threshold;             /* value of "Good" (good or better), 0 if the scale lacks it */
	size_t nevaluated;         /* indicators the framework evaluates */
	struct overview_pub *pubs; /* by published date, then partnership */
	size_t npubs;
	struct overview_pub *pending; /* held inspections not yet published */
	size_t npending;
	struct overview_qi *qis; /* indicators that are evaluated or have grades */
	size_t nqis;
	long *pooled; /* per level: every grade known */
	long pooled_total;
	long *count_only; /* per level: grades known only as counts */
	long count_only_total;
	struct overview_year *years; /* ascending */
	size_t nyears;
	char **notes; /* sentences saying where data is partial */
	size_t nnotes;
};

/* Builds the overview of framework code. */
int app_overview_build(struct store *st, const char *framework, struct overview *ov,
    struct cairn_err *err) __attribute__((warn_unused_result));
void overview_free(struct overview *ov);

/*
 * Who may see the national overview, from the role table: a person who
 * may see evaluations (ACTION_VIEW_EVALUATION) on at least one inspection
 * they are on; person NULL is the local administrator (the command line
 * without --as), who may.  Returns CAIRN_OK, or CAIRN_EPERM naming the
 * person and the rule.
 */
int app_overview_authorise(struct store *st, const char *person, struct cairn_err *err)
    __attribute__((warn_unused_result));

/*
 * Drops from ov the profiles of inspections not yet published that person
 * may not see the evaluations of (everything stays for person NULL), so
 * that nobody learns another team's draft grades from the overview.  The
 * national figures are made from published results only and do not change.
 */
void overview_keep_visible(struct store *st, const char *person, struct overview *ov);

/*
 * One indicator of a programme against another programme, through the
 * crosswalks (app/setup/crosswalk.h): its counterparts and the relation,
 * the published grades of each side, and a sentence saying whether and
 * how they compare ("not comparable: no successor indicator in
 * at-risk-2021").
 */
struct overview_cmp_row {
	const struct qi *qi; /* borrowed from the first overview's framework */
	bool linked;         /* a chain of crosswalks joins the programmes */
	int rel;             /* enum crosswalk_rel when linked */
	char **codes;        /* counterparts in the second programme */
	size_t ncodes;
	bool comparable;  /* linked and the relation is not "none" */
	char *sentence;   /* for people */
	long n_a, good_a; /* grades known and good or better, first programme */
	long n_b, good_b; /* the same, pooled over the counterparts */
};

/* Two programmes' overviews side by side.  Free with overview_cmp_free(). */
struct overview_cmp {
	struct overview a, b;
	struct overview_cmp_row *rows; /* one per indicator a evaluates or has grades for */
	size_t nrows;
};

/* Compares framework a with framework b indicator by indicator, like with
 * like through the shipped crosswalks, saying where they cannot be. */
int app_overview_compare(struct store *st, const char *a, const char *b, struct overview_cmp *out,
    struct cairn_err *err) __attribute__((warn_unused_result));
void overview_cmp_free(struct overview_cmp *c);
json_t *overview_cmp_json(const struct overview_cmp *c);

/* Returns the overview as JSON (caller owns the reference). */
json_t *overview_json(const struct overview *ov);
/* Builds the overview as a document (tables for XLSX, HTML, Markdown). */
void overview_doc_build(const struct overview *ov, struct doc *out);

#endif
