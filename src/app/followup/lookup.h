/*
 * What the front ends read of the follow-up, through app/ rather than
 * store/ (issue 16): an action of an action plan (checked against the
 * role table) and the published results of earlier inspections
 * (reference data, open to anyone who can open the database).
 */
#ifndef CAIRN_APP_FOLLOWUP_LOOKUP_H
#define CAIRN_APP_FOLLOWUP_LOOKUP_H

#include <stddef.h>

#include "app/access/actor.h"
#include "core/database.h"
#include "core/err.h"
#include "core/history.h"
#include "core/plan.h"

/* Loads action number (its number within inspection id's plan) into *a
 * (free with plan_action_free) once who may see the inspection
 * (ACTION_VIEW_INSPECTION); CAIRN_EDATA, code unknown, at field "action"
 * if the plan has no such action. */
int app_plan_action_get(struct store *st, const struct actor *who, long id, long number,
    struct plan_action *a, struct cairn_err *err) __attribute__((warn_unused_result));
/* Lists the stored results of earlier inspections on framework (NULL:
 * every framework), free with history_rows_free. */
int app_history_list(struct store *st, const char *framework, struct history_row **out, size_t *n,
    struct cairn_err *err) __attribute__((warn_unused_result));

#endif
