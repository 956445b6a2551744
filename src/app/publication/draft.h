/*
 * Who may see an inspection's draft report now: the one rule every door to
 * the draft asks (the report, preview and publish pages, the draft
 * downloads, the draft news release, factual accuracy's passages, the
 * report API and `cairn report`), and the inspection overview asks before
 * it offers a link to any of them.  Roles with view-draft-report see it at
 * any stage; roles with factual-accuracy only (the partnership's
 * co-ordinator) only while the inspection is at the factual accuracy stage.
 */
#ifndef CAIRN_APP_DRAFT_H
#define CAIRN_APP_DRAFT_H

#include "app/access/actor.h"
#include "core/database.h"
#include "core/err.h"

/* The stage during which the draft is shared with the partnership. */
#define DRAFT_SHARED_STAGE "factual-accuracy"

/*
 * Decides whether who may see inspection id's draft report now.  Returns
 * CAIRN_OK; or CAIRN_EPERM with code forbidden at field "stage" (the
 * message names the stage the inspection is at) for a role that sees the
 * draft only at factual accuracy, code forbidden without a field for a
 * role that does not include the draft report, code unknown for someone
 * not on the team; or the failure reading the stage.  err may be NULL.
 */
int app_draft_check(struct store *st, const struct actor *who, long id, struct cairn_err *err)
    __attribute__((warn_unused_result));

#endif
