/*
 * Accounts, web sessions, sign-in failures and API tokens (migration 006),
 * and the online backup of the whole database.  SQL only; the rules
 * (password policy, time-outs, throttling) are in app/access/account.c.
 * Every function returns an enum cairn_rc and fills in err on failure.
 */
#ifndef CAIRN_STORE_ACCOUNT_H
#define CAIRN_STORE_ACCOUNT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"
#include "core/account.h"

struct store;

/* Inserts an account (within the caller's transaction); sets *id.
 * CAIRN_EDATA if the username is taken. */
int store_account_insert(struct store *st, const char *username, const char *full_name,
    const char *hash, bool admin, long *id, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Loads the account called username into *a; CAIRN_EDATA if none. */
int store_account_get(struct store *st, const char *username, struct account *a,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Loads the account with this id into *a; CAIRN_EDATA if none. */
int store_account_get_id(struct store *st, long id, struct account *a, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Lists every account by username into a malloc'd array. */
int store_account_list(struct store *st, struct account **out, size_t *n, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Replaces an account's password hash. */
int store_account_set_password(struct store *st, long id, const char *hash, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Sets or clears an account's disabled flag. */
int store_account_set_disabled(struct store *st, long id, bool disabled, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Stores a new session. */
int store_session_insert(struct store *st, const char *id_hash, long account_id, const char *csrf,
    long long now, const char *address, struct cairn_err *err) __attribute__((warn_unused_result));
/* Loads the session with this hash; CAIRN_EDATA if there is none. */
int store_session_get(struct store *st, const char *id_hash, struct session_row *out,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Records the time of the latest request of a session. */
int store_session_touch(struct store *st, const char *id_hash, long long now, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Deletes one session (no error if it is already gone). */
int store_session_delete(struct store *st, const char *id_hash, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Deletes every session of an account (password change, disabling). */
int store_session_delete_account(struct store *st, long account_id, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Deletes sessions created before created_before or idle since idle_before. */
int store_session_purge(struct store *st, long long created_before, long long idle_before,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* Records a failed sign-in for throttling. */
int store_signin_failure_add(struct store *st, const char *username, const char *address,
    long long now, struct cairn_err *err) __attribute__((warn_unused_result));
/* Counts failures since `since` for the username and for the address. */
int store_signin_failure_count(struct store *st, const char *username, const char *address,
    long long since, long *by_user, long *by_address, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Sets *last to the time of the address's latest failure since `since`
 * (0 when there is none). */
int store_signin_failure_last(struct store *st, const char *address, long long since,
    long long *last, struct cairn_err *err) __attribute__((warn_unused_result));
/* Forgets the failures of a username (after a successful sign-in). */
int store_signin_failure_clear(struct store *st, const char *username, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Stores an API token's hash for an account. */
int store_token_insert(struct store *st, const char *token_hash, long account_id, const char *label,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Returns the account id of a live (unrevoked) token; CAIRN_EDATA if none. */
int store_token_account(struct store *st, const char *token_hash, long *account_id,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* Copies the whole database to a new file at path with SQLite's online
 * backup API while others keep using it.  CAIRN_ECANTCREAT on failure. */
int store_backup(struct store *st, const char *path, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Makes an account an administrator or not. */
int store_account_set_admin(struct store *st, long id, bool admin, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Lists every API token, newest first (free with api_tokens_free). */
int store_token_list(struct store *st, struct api_token **out, size_t *n, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Revokes API token id; CAIRN_EDATA (field "token") when there is no such
 * token or it is already revoked; *username (malloc'd) names its account. */
int store_token_revoke(struct store *st, long id, char **username, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Lists the API tokens of one account, newest first (free with
 * api_tokens_free). */
int store_token_list_account(struct store *st, long account_id, struct api_token **out, size_t *n,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Sets *id to the live (unrevoked) token of the account labelled label,
 * the oldest if several; 0 when there is none. */
int store_token_by_label(struct store *st, long account_id, const char *label, long *id,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Records the use of a live token (its last_used_at, migration 025),
 * written at most once per clock minute when per_minute; CAIRN_EDATA for
 * an unknown or revoked token. */
int store_token_use(struct store *st, const char *token_hash, bool per_minute,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Records that account id signed in now (its last_signin_at). */
int store_account_signed_in(struct store *st, long id, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Replaces an account's full name (shown on pages). */
int store_account_set_name(struct store *st, long id, const char *full_name, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Counts the administrators that may sign in (is_admin and not disabled). */
int store_account_admins(struct store *st, long *n, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Lists every account's id, username, full name and flags (no
 * password hash, no dates), by username, into a malloc'd array: one
 * statement however many people a page names (free with accounts_free). */
int store_account_names(struct store *st, struct account **out, size_t *n, struct cairn_err *err)
    __attribute__((warn_unused_result));

#endif
