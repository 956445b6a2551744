/*
 * Authorisation: the one place where Cairn decides whether an actor may do
 * an action.  Every front end (the command line with --as, a web session,
 * an API token, every import) reaches it through the app/ call it makes;
 * no front end decides.
 *
 * The rules, each a table in app/access/role.c:
 *   - what each role may do on an inspection (role_may);
 *   - which roles each role may appoint to or remove from a team
 *     (role_may_appoint): the lead or an administrator appoints a lead or
 *     depute; a depute appoints the other roles;
 *   - the global administrator's actions (no inspection, or managing a
 *     team without being on it).
 * and the rules that depend on data:
 *   - nobody sees or acts on an inspection whose team they are not on;
 *   - an inspection always keeps at least one lead (authz_team_change);
 *   - a records reader acts only on the records assigned to them (decided
 *     in app/records/, which knows the assignments, through
 *     authz_check's role).
 * The local administrator (whoever holds the database file, a command-line
 * run without --as) may do everything and is recorded as such.
 */
#ifndef CAIRN_APP_AUTHZ_H
#define CAIRN_APP_AUTHZ_H

#include <stdbool.h>

#include "app/access/actor.h"
#include "app/access/role.h"
#include "core/err.h"

struct buf;
struct store;

/*
 * Decides whether who may do action on inspection id (0: on no inspection,
 * such as creating one or managing accounts).  On success sets *role (may
 * be NULL) to the role the action is done in: the team role, or ROLE_ADMIN
 * for an administrator acting as one.  Returns CAIRN_OK; CAIRN_EDATA ("no
 * inspection with id N", exit 65 as everywhere) for an inspection that does
 * not exist; CAIRN_EPERM with a sentence in plain words addressed to the
 * person, naming their role and the roles that may ("you are a young
 * inspector on this inspection and may not grade indicators and record
 * findings: only an inspection lead, a depute inspection lead or an
 * inspector may"; code CAIRN_CODE_UNKNOWN, "you are not on the team of
 * inspection N", when they are not on the inspection's team, so that a
 * front end can answer as if it did not exist); CAIRN_ESOFTWARE when the
 * database cannot say (never a silent yes).
 */
int authz_check(struct store *st, const struct actor *who, long id, enum action action,
    enum role *role, struct cairn_err *err) __attribute__((warn_unused_result));

/*
 * Decides whether who may put a member into role target (adding them) or
 * take a member holding target off the team (removing, with leads_left the
 * number of leads the team would keep).  Checks ACTION_MANAGE_TEAM first.
 * CAIRN_EPERM at field "role" naming who may appoint that role ("you are a
 * depute inspection lead on this inspection and may not remove an
 * inspection lead: only an inspection lead or an administrator may");
 * CAIRN_EDATA when the change would leave the inspection without a lead.
 */
int authz_team_change(struct store *st, const struct actor *who, long id, enum role target,
    bool removing, long leads_left, struct cairn_err *err) __attribute__((warn_unused_result));

/*
 * Appends to b the roles that may do action, in the words of every
 * refusal: "an inspection lead, a depute inspection lead or an inspector"
 * (each role by role_table's phrase, the last after "or"); returns how
 * many (none: nothing written).
 */
int authz_roles_may(enum action action, struct buf *b);

#endif
