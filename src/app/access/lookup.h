/*
 * What the front ends read of the accounts, through app/ rather than
 * store/ (issue 16).  Each takes the actor and checks the role table
 * (authz_check) first.
 */
#ifndef CAIRN_APP_ACCESS_LOOKUP_H
#define CAIRN_APP_ACCESS_LOOKUP_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "app/access/actor.h"
#include "app/access/audit.h"
#include "app/access/role.h"
#include "core/account.h"
#include "core/audit.h"
#include "core/database.h"
#include "core/err.h"

/* Lists every account (free with accounts_free) once who may manage
 * accounts (ACTION_MANAGE_ACCOUNTS). */
int app_account_list(struct store *st, const struct actor *who, struct account **out, size_t *n,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Refuses, at field, appointing person (to a team, as a reader, as a lead)
 * when an account of that username exists and is disabled: the pickers
 * offer only accounts that can sign in, and every door refuses the same.
 * A name with no account (the command line may record one) passes. */
int app_person_appointable(struct store *st, const char *person, const char *field,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Loads the account username into *a (free with account_free) for a
 * form of inspection id (0: none) that does action (e.g. ACTION_MANAGE_TEAM
 * to add a member), once who may do it; CAIRN_EDATA if there is none. */
int app_account_lookup(struct store *st, const struct actor *who, long id, enum action action,
    const char *username, struct account *a, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Lists the accounts that may sign in (usernames and names; no password
 * hashes), for choosing a person, once who may do action on inspection id
 * (appointing a team member, adding a reader).  Free with accounts_free. */
int app_account_choices(struct store *st, const struct actor *who, long id, enum action action,
    struct account **out, size_t *n, struct cairn_err *err) __attribute__((warn_unused_result));

/* Lists the accounts that may sign in, as app_account_choices, for
 * choosing a person on inspection id for role: "reader" (adding a records
 * reader, ACTION_MANAGE_READERS), a team role code (appointing someone in
 * that role: who must be allowed to appoint it, authz_team_change), or
 * NULL or "" (the team, ACTION_MANAGE_TEAM).  Any other role is code
 * invalid at "role".  Free with accounts_free. */
int app_people_choices(struct store *st, const struct actor *who, long id, const char *role,
    struct account **out, size_t *n, struct cairn_err *err) __attribute__((warn_unused_result));

/* Lists the members of inspection id's team whose accounts may sign in
 * (usernames and names; no password hashes), in the team's order, for
 * choosing one of them (the lead of a fieldwork activity), once who may do
 * action on the inspection.  Members without an account that signs in are
 * left out.  Free with accounts_free. */
int app_team_choices(struct store *st, const struct actor *who, long id, enum action action,
    struct account **out, size_t *n, struct cairn_err *err) __attribute__((warn_unused_result));
/* Calls fn for one page of the audit log, newest first (up to limit
 * entries with an id below before, 0: from the newest), only inspection
 * id's when id is above 0, once who may read that log
 * (ACTION_VIEW_AUDIT: the whole log an administrator, one inspection's
 * its lead too).  CAIRN_EPERM, or code unknown for an inspection who is
 * not on, otherwise. */
int app_audit_page(struct store *st, const struct actor *who, long id, long before, long limit,
    int (*fn)(const struct audit_entry *e, void *arg), void *arg, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Runs one bounded step of the check of the whole audit chain
 * (audit_check_step: about max_ms milliseconds, 0 no limit; from the first
 * entry again when full is set) once who may read the audit log of
 * inspection id (ACTION_VIEW_AUDIT: its lead), or the whole log when id is
 * 0 (an administrator): the chain is one, whichever log it is checked
 * from.  Both audit pages and POST /api/v1/audit/check call it.
 * CAIRN_EPERM, or CAIRN_EDATA with out->bad the first broken entry. */
int app_audit_check(struct store *st, const struct actor *who, long id, bool full, long max_ms,
    struct audit_check *out, struct cairn_err *err) __attribute__((warn_unused_result));

/* Names the people a page shows, batched: the accounts (username, full
 * name, disabled; no password hash) of those among the n usernames (NULLs
 * and repeats are fine) that have one, once who may do action on
 * inspection id (0: none; the audit log's ACTION_VIEW_AUDIT, a page's
 * ACTION_VIEW_INSPECTION).  One read of the accounts however many rows the
 * page lists; a username with no account (deleted, or recorded by the
 * command line) is simply absent, so web_person_named shows it alone, and a
 * disabled account keeps its name.  usernames NULL: every account (the
 * command line's audit listing, which prints entries as it reads them).
 * Free *out with accounts_free. */
int app_person_names(struct store *st, const struct actor *who, long id, enum action action,
    const char *const *usernames, size_t n, struct account **out, size_t *nout,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* Names the people a JSON answer carries, for the API and the command
 * line's --json alike: beside every string member of v (at any depth) named
 * one of the nkeys keys (a username, e.g. "by"), sets key + "_name" to that
 * account's full name ("full_name" for the key "name"), or null when there
 * is no account; the accounts read
 * once by app_person_names.  When that is refused (CAIRN_EPERM, CAIRN_EDATA)
 * or fails, every "_name" is null and its code is returned with err filled;
 * the answer is still whole. */
int app_person_names_json(struct store *st, const struct actor *who, long id, enum action action,
    json_t *v, const char *const *keys, size_t nkeys, struct cairn_err *err);

#endif
