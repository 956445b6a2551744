/*
 * The dossier: everything about an inspection that an output or a page
 * shows, loaded in one place.  app_dossier_load() gives the inspection,
 * its framework, findings and final grades (the panel's where it
 * reviewed); app_evaluation_load() adds, per indicator, the team's and
 * the panel's grades, the linked evidence, the evidence balance by source,
 * each grade's history, the sign-offs and the records-reading results.
 * It only reads: the writes are the evidence log's (evidence.h), the
 * grades' (evaluation.h, setup/inspection.h) and the panel's
 * (publication/panel.h), each of which may sit above or beside it.
 */
#ifndef CAIRN_APP_DOSSIER_H
#define CAIRN_APP_DOSSIER_H

#include <stdbool.h>
#include <stddef.h>

#include "app/evaluation/evidence.h"
#include "core/err.h"
#include "core/model.h"
#include "store/work.h"

struct store;

/* Loads everything about inspection id into *d (caller frees with
 * dossier_free); evaluations come in framework order. */
int app_dossier_load(struct store *st, long id, struct dossier *d, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Counts of evidence informing one indicator, by status. */
struct evidence_counts {
	int strength;    /* strengths */
	int improvement; /* areas for improvement */
	int uncertainty; /* open areas of uncertainty */
	int concern;     /* concerns */
	int no_concern;  /* no concern */
};

/* One records-reading result that informs an indicator (a template item
 * whose "qis" name it), from app_reading_summary(). */
struct reading_result {
	char *item;      /* template item code, malloc'd */
	char *text;      /* the question, malloc'd */
	char *agency;    /* agency code for per-agency items, or "", malloc'd */
	long n;          /* children with an answer */
	bool has_prop;   /* a proportion applies (six-point or yes/no items) */
	char *measure;   /* "good or better" or "yes", malloc'd, NULL without a proportion */
	long x;          /* children counted by the measure */
	long nprop;      /* answers the proportion is out of */
	double estimate; /* x / nprop */
	double lower;    /* 95% Wilson interval */
	double upper;
	char *quantifier; /* "most", "the majority", ... malloc'd, may be "" */
};

/* The evaluation of one indicator. */
struct qi_evaluation {
	const struct qi *qi;              /* borrowed from the view's framework */
	int team_grade;                   /* 0 if not graded */
	char *rationale;                  /* malloc'd, may be NULL */
	const struct panel_review *panel; /* borrowed from the view, or NULL */
	int final_grade;                  /* the panel's where it reviewed, else the team's */
	long *links;                      /* linked evidence numbers, malloc'd */
	size_t nlinks;
	struct evidence_counts total;                  /* balance over every source */
	struct evidence_counts by_source[SOURCE__MAX]; /* balance by source */
	const struct grade_event **history;            /* borrowed from the view, malloc'd array */
	size_t nhistory;
	struct reading_result *reading; /* records-reading results informing it, malloc'd */
	size_t nreading;
};

/* Everything about an inspection's evaluation. */
struct evaluation_view {
	struct dossier d;            /* the inspection (final grades in d.evals) */
	struct qi_evaluation *items; /* evaluated or graded indicators, framework order */
	size_t n;
	struct evidence_item *evidence; /* the items the grades link to, each once, less
	                                   withdrawn ones */
	size_t nevidence;
	struct panel_review *reviews; /* the panel's reviews */
	size_t nreviews;
	struct grade_event *events; /* every grade given */
	size_t nevents;
	struct panel_signoff *signoffs; /* every sign-off, oldest first */
	size_t nsignoffs;
	bool signed_off;  /* the last sign-off stands */
	bool has_reading; /* records reading exists (a sample was drawn) */
};

/* Releases a view's contents. */
void evaluation_view_free(struct evaluation_view *v);

/* Loads inspection id's evaluation; qi (NULL for all) restricts the items
 * to one indicator, which must be in the framework. */
int app_evaluation_load(struct store *st, long id, const char *qi, struct evaluation_view *v,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* The parts of an evaluation view beyond the grades, panel reviews, grade
 * history and sign-offs, which are always loaded: a page asks only for what
 * it shows (issue 17: the panel page shows no linked evidence nor reading). */
enum evaluation_part {
	EVAL_PART_BALANCE = 1 << 0, /* the evidence balance by source and status */
	EVAL_PART_LINKED = 1 << 1,  /* the evidence items each grade links to */
	EVAL_PART_READING = 1 << 2, /* the records-reading results */
	EVAL_PART_ALL = EVAL_PART_BALANCE | EVAL_PART_LINKED | EVAL_PART_READING
};

/* As app_evaluation_load, loading only the parts named in parts (a set of
 * enum evaluation_part); the others stay empty (zero counts, no reading). */
int app_evaluation_load_parts(struct store *st, long id, const char *qi, unsigned parts,
    struct evaluation_view *v, struct cairn_err *err) __attribute__((warn_unused_result));

/* Returns the evidence item with number, or NULL. */
const struct evidence_item *evaluation_evidence(const struct evaluation_view *v, long number);

/*
 * Replaces the grades in a loaded dossier by the final grades: the
 * panel's where it reviewed an indicator.  Used by app_dossier_load() so
 * that every output shows the final grade.
 */
int evaluation_apply_final(struct store *st, struct dossier *d, struct cairn_err *err)
    __attribute__((warn_unused_result));

#endif
