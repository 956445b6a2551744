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
#include "core/review.h"

struct store;

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
