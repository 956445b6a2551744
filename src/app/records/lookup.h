/*
 * What the front ends read of records reading, through app/ rather than
 * store/ (issue 16).  Each takes the actor and checks the role table
 * (authz_check) first.
 */
#ifndef CAIRN_APP_RECORDS_LOOKUP_H
#define CAIRN_APP_RECORDS_LOOKUP_H

#include <stddef.h>

#include "app/access/actor.h"
#include "app/records/concern.h"
#include "core/database.h"
#include "core/err.h"
#include "core/records.h"

/* Loads the headline of inspection id's population (free with
 * population_info_free) once who may see the inspection
 * (ACTION_VIEW_INSPECTION); CAIRN_EDATA if it has none. */
int app_population_info(struct store *st, const struct actor *who, long id,
    struct population_info *out, struct cairn_err *err) __attribute__((warn_unused_result));
/* The matters of concern (app_concern_list, app_concern_get) are in
 * app/records/concern.h, included here for the front ends. */
/* Lists the changes made to reading reading_id of inspection id after it
 * was submitted, oldest first (free with answer_changes_free), once who
 * may see child-level records (ACTION_VIEW_CHILD_RECORDS). */
int app_answer_change_list(struct store *st, const struct actor *who, long id, long reading_id,
    struct answer_change **out, size_t *n, struct cairn_err *err)
    __attribute__((warn_unused_result));

#endif
