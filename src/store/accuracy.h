/*
 * Factual accuracy comments with their answers, and each inspection's
 * embargo with its media contact (data/sql/018_accuracy_embargo.sql).
 */
#ifndef CAIRN_STORE_ACCURACY_H
#define CAIRN_STORE_ACCURACY_H

#include <stddef.h>

#include "core/accuracy.h"
#include "core/err.h"

struct store;

/* Stores a new comment (caller's transaction): sets c->id, c->number (the
 * next within its inspection) and c->made_at. */
int store_accuracy_insert(struct store *st, struct accuracy_comment *c, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Stores a comment's answer (response, before, after, reason, who, when;
 * caller's transaction); sets c->responded_at. */
int store_accuracy_respond(struct store *st, struct accuracy_comment *c, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Loads comment number of an inspection; CAIRN_EDATA (field "comment",
 * code unknown) if there is none. */
int store_accuracy_get(struct store *st, long inspection, long number, struct accuracy_comment *c,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Lists an inspection's comments by number (free with accuracy_comments_free). */
int store_accuracy_list(struct store *st, long inspection, struct accuracy_comment **out, size_t *n,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* Loads an inspection's embargo; e->set is false when there is none. */
int store_embargo_get(struct store *st, long inspection, struct embargo *e, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Stores an inspection's embargo (caller's transaction); sets e->updated_at. */
int store_embargo_put(struct store *st, long inspection, struct embargo *e, struct cairn_err *err)
    __attribute__((warn_unused_result));

#endif
