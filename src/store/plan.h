/*
 * Joint action plans: actions against areas for improvement, the history
 * of every change to an action, and the plan's agreement.
 */
#ifndef CAIRN_STORE_PLAN_H
#define CAIRN_STORE_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"
#include "core/plan.h"

struct store;

/* Stores a new action (caller's transaction); sets a->id. */
int store_plan_action_insert(struct store *st, struct plan_action *a, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Stores the status, due date and updated_at of an action. */
int store_plan_action_update(struct store *st, const struct plan_action *a, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Loads action id; CAIRN_EDATA if there is none. */
int store_plan_action_load(struct store *st, long id, struct plan_action *a, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Lists an inspection's actions by finding, then id. */
int store_plan_action_list(struct store *st, long inspection, struct plan_action **out, size_t *n,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Appends an event. */
int store_plan_event_add(struct store *st, const struct plan_event *e, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Lists the events of an inspection's actions, by action then time. */
int store_plan_event_list(struct store *st, long inspection, struct plan_event **out, size_t *n,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Reads the plan's agreement: *agreed false if not agreed; otherwise at
 * and *by (malloc'd, caller frees) are set. */
int store_plan_agreement(struct store *st, long inspection, bool *agreed, char at[static 21],
    char **by, struct cairn_err *err) __attribute__((warn_unused_result));
/* Records the agreement (caller's transaction). */
int store_plan_agree(struct store *st, long inspection, const char *by, struct cairn_err *err)
    __attribute__((warn_unused_result));

#endif
