/*
 * Progress reviews of an inspection: each review's date and decision, the
 * progress judged on each area for improvement, and re-evaluations of
 * indicators on the framework's scale.
 */
#ifndef CAIRN_STORE_REVIEW_H
#define CAIRN_STORE_REVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

struct store;

/* The decision on further review; indexes review_further_code. */
enum review_further {
	FURTHER_UNDECIDED = 0, /* not yet decided */
	FURTHER_NEEDED,        /* a further review is needed */
	FURTHER_NOT_NEEDED,    /* no further review is needed */
	FURTHER__MAX
};
/* Codes stored and shown ("", "needed", "not-needed"), by enum. */
extern const char *const review_further_code[FURTHER__MAX];

/* A progress review.  Strings malloc'd, owned by the struct. */
struct review {
	long id;                     /* database id */
	long inspection;             /* inspection id */
	int seq;                     /* 1, 2, ... within the inspection */
	char date[11];               /* YYYY-MM-DD */
	enum review_further further; /* the decision */
	char *decision_text;         /* why, may be NULL */
};

/* The progress judged on one area for improvement at a review. */
struct review_progress {
	long review;     /* review id */
	long finding;    /* area for improvement (finding id) */
	char *judgement; /* significant|some|limited|none */
	char *text;      /* what was found */
	char *evidence;  /* what it rests on, may be NULL */
};

/* A re-evaluation at a review. */
struct review_grade {
	long review;     /* review id */
	char *qi;        /* indicator code */
	int grade;       /* scale level value */
	char *rationale; /* may be NULL */
};

void review_free(struct review *r);
void reviews_free(struct review *v, size_t n);
void review_progress_free(struct review_progress *v, size_t n);
void review_grades_free(struct review_grade *v, size_t n);

/* Creates a review with the next seq of its inspection (caller's
 * transaction); sets r->id and r->seq. */
int store_review_insert(struct store *st, struct review *r, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Lists an inspection's reviews by seq. */
int store_review_list(struct store *st, long inspection, struct review **out, size_t *n,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Stores the decision of review id. */
int store_review_decide(struct store *st, long id, enum review_further further, const char *text,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Sets (replaces) the progress on one area for improvement. */
int store_review_progress_set(struct store *st, const struct review_progress *p,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Lists the progress judged at review id, by finding. */
int store_review_progress_list(struct store *st, long review, struct review_progress **out,
    size_t *n, struct cairn_err *err) __attribute__((warn_unused_result));
/* Sets (replaces) a re-evaluation. */
int store_review_grade_set(struct store *st, const struct review_grade *g, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Lists the re-evaluations of every review of an inspection, by review
 * seq then indicator code. */
int store_review_grade_list(struct store *st, long inspection, struct review_grade **out, size_t *n,
    struct cairn_err *err) __attribute__((warn_unused_result));

#endif
