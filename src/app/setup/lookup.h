/*
 * What the front ends read of an inspection's setup and of the frameworks,
 * through app/ rather than store/ (issue 16).  Reads about one inspection
 * take the actor and check the role table (authz_check) first; the
 * frameworks are reference data that anyone who can open the database
 * may read.
 */
#ifndef CAIRN_APP_SETUP_LOOKUP_H
#define CAIRN_APP_SETUP_LOOKUP_H

#include <stdbool.h>
#include <stddef.h>

#include "app/access/actor.h"
#include "core/database.h"
#include "core/err.h"
#include "core/model.h"
#include "core/work.h"

/* Lists every inspection (id order) into a malloc'd array (free with
 * inspections_free).  Callers show each only where the actor has a role
 * (app_team_role in app/setup/team.h). */
int app_inspection_list(struct store *st, struct inspection **out, size_t *n, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Loads inspection id into *in (free with inspection_free) once who may
 * see it (ACTION_VIEW_INSPECTION); CAIRN_EDATA if there is none. */
int app_inspection_get(struct store *st, const struct actor *who, long id, struct inspection *in,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Lists inspection id's stage moves, oldest first (free with
 * stage_moves_free), once who may see it (ACTION_VIEW_INSPECTION). */
int app_stage_list(struct store *st, const struct actor *who, long id, struct stage_move **out,
    size_t *n, struct cairn_err *err) __attribute__((warn_unused_result));

/* Lists every framework by code (free with framework_summaries_free). */
int app_framework_list(struct store *st, struct framework_summary **out, size_t *n,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Returns true if a framework with this code is stored. */
bool app_framework_exists(struct store *st, const char *code);
/* Writes the comma-separated framework codes into buf (for errors). */
void app_framework_codes(struct store *st, char *buf, size_t bufsz);
/* Loads the framework with this code (free with framework_free);
 * CAIRN_EDATA naming the valid codes if unknown. */
int app_framework_get(struct store *st, const char *code, struct framework *f,
    struct cairn_err *err) __attribute__((warn_unused_result));

#endif
