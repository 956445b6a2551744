/*
 * Retention: removing an inspection's child-level data once its report
 * has been published and the retention period has passed.  What stays:
 * the inspection, its grades, findings and evidence text, the aggregates
 * (population size and strata, the sample's strata and allocation, every
 * reading's answers, so summaries and agreement can still be computed)
 * and every published report.  What goes: see store_purge_child_level().
 */
#ifndef CAIRN_APP_PURGE_H
#define CAIRN_APP_PURGE_H

#include <stdbool.h>
#include <stddef.h>

#include "app/access/audit.h"
#include "core/err.h"
#include "store/purge.h"

struct store;

/* The retention period when none is configured, in days after the first
 * publication. */
#define PURGE_DEFAULT_DAYS 730L

/* What a purge of one inspection would do, or did. */
struct purge_plan {
	long id;                    /* the inspection */
	char published[11];         /* date of its first publication (YYYY-MM-DD) */
	long retention_days;        /* the period in force */
	char due[11];               /* the first day a purge is allowed */
	struct purge_counts counts; /* what is (or was) removed */
	size_t files_deleted;       /* attachment files deleted from disk (after a purge) */
	size_t files_failed;        /* files that could not be deleted (reported, not fatal) */
};

/* Returns the retention period for an inspection (0: the default). */
int app_retention_get(struct store *st, long id, long *days, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Sets the retention period for inspection id (0: the default for all);
 * audited ("retention.set").  days must be 0..36500. */
int app_retention_set(struct store *st, const struct actor *who, long id, long days,
    struct cairn_err *err) __attribute__((warn_unused_result));

/*
 * Checks that inspection id may be purged today and fills plan with what
 * would go; refuses with CAIRN_EDATA naming why: not published, already
 * purged, or the retention period not over (with the date it ends).
 */
int app_purge_plan(struct store *st, long id, struct purge_plan *plan, struct cairn_err *err)
    __attribute__((warn_unused_result));

/*
 * Purges inspection id's child-level data in one transaction with its
 * audit entry ("purge.child-level"), after the checks of app_purge_plan;
 * then deletes the attachment files no other evidence uses.
 */
int app_purge(struct store *st, const struct actor *who, long id, struct purge_plan *plan,
    struct cairn_err *err) __attribute__((warn_unused_result));

#endif
