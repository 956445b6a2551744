/*
 * An inspection's team: who takes part and in which role, and the check
 * every command acting for a person makes against the role table
 * (app/access/role.h) before it acts.
 */
#ifndef CAIRN_APP_TEAM_H
#define CAIRN_APP_TEAM_H

#include <stdbool.h>
#include <stddef.h>

#include "app/access/audit.h"
#include "app/access/role.h"
#include "core/err.h"
#include "store/work.h"

struct store;

/* Adds person to inspection id's team in role (a team role code) with an
 * optional agency, if who may (authz_team_change: the lead or an
 * administrator appoints a lead or depute, either lead the other roles;
 * CAIRN_EPERM otherwise).  Refuses unknown roles, the global admin role
 * and a person already on the team; errors name the input ("role",
 * "person", "agency"). */
int app_team_add(struct store *st, const struct actor *who, long id, const char *person,
    const char *role, const char *agency, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Removes person from the team, if who may remove the role they hold
 * (as for appointing; CAIRN_EPERM otherwise).  CAIRN_EDATA if they are
 * not on it, or if they are the last lead (an inspection always has a
 * lead); CAIRN_EDATA with code conflict at "person" when who removes
 * themselves (the web, the API and the CLI's --as alike). */
int app_team_remove(struct store *st, const struct actor *who, long id, const char *person,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* Returns whether who, holding role as on the inspection (ROLE_ADMIN for an
 * administrator), is offered removing person, who holds target: the rule
 * app_team_remove applies before it reads the team (as may appoint
 * target, and person is not who), so that no page offers a removal it
 * would refuse.  The last lead is still refused by app_team_remove. */
bool app_team_removable(const struct actor *who, enum role as, const char *person,
    enum role target);

/* Lists the team of inspection id (caller frees with team_members_free). */
int app_team_list(struct store *st, long id, struct team_member **out, size_t *n,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* Sets *role to person's role on inspection id; CAIRN_EPERM with a
 * one-line reason if they are not on its team. */
int app_team_role(struct store *st, long id, const char *person, enum role *role,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* Keeps in v (n entries, compacted in place) only the inspections person
 * may see: those on whose team they are.  person NULL (the local
 * administrator) keeps every one.  The entries dropped are freed. */
int app_team_visible(struct store *st, const char *person, struct inspection *v, size_t *n,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* Validates a person's name: non-empty UTF-8, at most 200 bytes, no
 * control characters. */
int app_person_check(const char *person, struct cairn_err *err) __attribute__((warn_unused_result));

#endif
