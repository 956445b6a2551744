/*
 * The fieldwork plan's activities (migration 17), the link from evidence
 * to the activity it was recorded from, and the counts the methods
 * paragraph is written from (records read, activities held, people met).
 */
#ifndef CAIRN_STORE_ACTIVITY_H
#define CAIRN_STORE_ACTIVITY_H

#include <stddef.h>

#include "core/err.h"
#include "core/fieldwork.h"

struct store;

/* Stores a new activity (caller's transaction): sets a->id, a->number
 * (the next within its inspection) and the timestamps. */
int store_activity_insert(struct store *st, struct activity *a, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Stores an activity's status, people counts, cancel reason and updated_at. */
int store_activity_update(struct store *st, const struct activity *a, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Loads activity number of an inspection; CAIRN_EDATA (field "activity",
 * code unknown) if there is none. */
int store_activity_get(struct store *st, long inspection, long number, struct activity *a,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Lists an inspection's activities by date, then number. */
int store_activity_list(struct store *st, long inspection, struct activity **out, size_t *n,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Records that evidence evidence_id was recorded from activity activity_id
 * (caller's transaction). */
int store_evidence_set_activity(struct store *st, long evidence_id, long activity_id,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Counts the evidence recorded from activity activity_id by status:
 * counts[i] for the status code codes[i]. */
int store_activity_status_counts(struct store *st, long activity_id, const char *const *codes,
    size_t ncodes, long *counts, struct cairn_err *err) __attribute__((warn_unused_result));
/* Lists the numbers of the evidence recorded from activity activity_id
 * (caller frees *out). */
int store_activity_evidence_numbers(struct store *st, long activity_id, long **out, size_t *n,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Loads the counts of the methods paragraph for an inspection. */
int store_methods_load(struct store *st, long inspection, struct fieldwork_methods *m,
    struct cairn_err *err) __attribute__((warn_unused_result));

#endif
