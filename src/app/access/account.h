/*
 * Accounts and sign-in: the rules for usernames and passwords, password
 * hashing (libsodium Argon2id), sessions (32 random bytes, stored hashed,
 * new at every sign-in, idle and absolute time-outs), CSRF tokens bound to
 * a session, sign-in throttling per account and per address, and API
 * tokens.  Every change and every sign-in is audited.
 */
#ifndef CAIRN_APP_ACCOUNT_H
#define CAIRN_APP_ACCOUNT_H

#include <stdbool.h>
#include <stddef.h>

#include "app/access/audit.h"
#include "core/err.h"
#include "store/account.h"

struct store;

/* Shortest and longest password accepted, in bytes. */
#define ACCOUNT_PASSWORD_MIN 10
#define ACCOUNT_PASSWORD_MAX 1024
/* Hex length of session, CSRF and API tokens (32 random bytes). */
#define ACCOUNT_TOKEN_HEX 64

/*
 * Sign-in throttling, over the failures of the last ACCOUNT_THROTTLE_WINDOW
 * seconds.  Per account: ACCOUNT_THROTTLE_USER failures and the account is
 * locked for the rest of the window.  Per client address (behind a proxy,
 * the address it forwards: web/web.h's trusted_proxies): after
 * ACCOUNT_DELAY_ADDRESS failures, each further attempt from the address
 * must come at least 2^(k - ACCOUNT_DELAY_ADDRESS) seconds (at most
 * ACCOUNT_DELAY_MAX) after its latest failure, k the failures so far; an
 * earlier one is SIGNIN_SLOWED.  The delay never applies to an account
 * without recent failures, so a shared address (a whole office behind
 * one proxy) never locks out a correct password.
 */
#define ACCOUNT_THROTTLE_USER   5
#define ACCOUNT_DELAY_ADDRESS   10
#define ACCOUNT_DELAY_MAX       300
#define ACCOUNT_THROTTLE_WINDOW (15 * 60)

/* Seconds an attempt from an address with `failures` recent failures must
 * wait after the latest of them (0: none). */
long account_address_delay(long failures);

/* Session time-outs, in seconds. */
struct session_limits {
	long idle;     /* signed out after this long without a request */
	long absolute; /* signed out this long after signing in, whatever */
};

/* Seconds between writes of a session's time of last use. */
#define APP_SESSION_TOUCH_EVERY 60

/* The default time-outs: 30 minutes idle, 12 hours absolute. */
extern const struct session_limits session_limits_default;

/* A signed-in session as the web layer sees it. */
struct session {
	struct account who;                  /* the account (owned; account_free) */
	char csrf[ACCOUNT_TOKEN_HEX + 1];    /* CSRF token for forms */
	char id_hash[ACCOUNT_TOKEN_HEX + 1]; /* hash of the cookie's token */
	long long created;                   /* when it was signed in (Unix seconds) */
	long long last_seen; /* last recorded use (Unix seconds; written at most once a minute) */
};

/* Releases the contents of a session. */
void session_free(struct session *s);

/* Checks a username: 2-64 bytes of a-z, 0-9, '.', '_' or '-', starting
 * with a letter.  CAIRN_EDATA naming what is valid. */
int app_username_check(const char *username, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Checks an account's full name (NULL or "" allowed: the username is
 * used): valid UTF-8 of at most 200 bytes.  CAIRN_EDATA at field "name". */
int app_full_name_check(const char *full_name, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Creates an account.  full_name may be NULL (the username is used). */
int app_user_add(struct store *st, const struct actor *who, const char *username,
    const char *full_name, const char *password, bool admin, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Sets a new password and ends every session of the account. */
int app_user_passwd(struct store *st, const struct actor *who, const char *username,
    const char *password, struct cairn_err *err) __attribute__((warn_unused_result));
/* Disables (or with enable, re-enables) an account; ends its sessions.
 * Nobody disables their own account, nor the last administrator who can
 * sign in (code conflict at "username"). */
int app_user_disable(struct store *st, const struct actor *who, const char *username, bool enable,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Makes an account a global administrator (admin) or takes the role away;
 * ends its sessions.  Nobody takes their own role away, nor the last
 * administrator's who can sign in (code conflict at "username"). */
int app_user_set_admin(struct store *st, const struct actor *who, const char *username, bool admin,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* A change of one account (app_user_update); strings are borrowed. */
struct account_change {
	const char *full_name; /* new name shown on pages; NULL: unchanged, "": the username */
	bool set_disabled;     /* change whether it is disabled ... */
	bool disabled;         /* ... to this */
	bool set_admin;        /* change whether it is an administrator ... */
	bool admin;            /* ... to this */
};

/*
 * Changes an account's name, whether it is disabled and whether it is an
 * administrator, all or nothing in one transaction with an audit entry for
 * each field that changes (a field set to what it already is changes
 * nothing).  Disabling or a change of role ends the account's sessions.
 * Refused (code conflict, at the field "disabled" or "admin"): disabling
 * oneself, taking away one's own role, and leaving no administrator able to
 * sign in.  An unknown account is code unknown at "username".
 */
int app_user_update(struct store *st, const struct actor *who, const char *username,
    const struct account_change *ch, struct cairn_err *err) __attribute__((warn_unused_result));

/* Length of a password Cairn makes (app_user_reset_password). */
#define ACCOUNT_GENERATED_PASSWORD 16
/* Writes a random password of ACCOUNT_GENERATED_PASSWORD letters and
 * digits (no look-alikes) into out. */
int app_password_generate(char out[static ACCOUNT_GENERATED_PASSWORD + 1], struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Sets a new random password (written to password, to be shown once and
 * never stored) and ends every session of the account. */
int app_user_reset_password(struct store *st, const struct actor *who, const char *username,
    char password[static ACCOUNT_GENERATED_PASSWORD + 1], struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Outcome of a sign-in attempt. */
enum signin_result {
	SIGNIN_OK = 0,    /* signed in: token and csrf are set */
	SIGNIN_BAD,       /* wrong username or password (the same answer for both) */
	SIGNIN_THROTTLED, /* too many recent failures of the account; try later */
	SIGNIN_SLOWED,    /* too soon after failures from the address; try shortly */
	SIGNIN_ERROR,     /* internal error: see err */
};

/*
 * Signs in: checks throttling, then the password in constant time (a
 * missing or disabled account costs the same), then ends the session the
 * client presented (old_token, may be NULL) and starts a new one.  Writes
 * the new cookie value (64 hex digits) to token.  Audits success and
 * failure with the client's address.
 */
enum signin_result app_signin(struct store *st, const char *username, const char *password,
    const char *address, const char *old_token, char token[static ACCOUNT_TOKEN_HEX + 1],
    struct cairn_err *err);

/*
 * Looks up the session for a cookie's token and checks the time-outs;
 * on success fills *out (caller frees with session_free) and returns true.
 * An expired session is deleted.  Disabled accounts have no session.
 */
bool app_session_find(struct store *st, const char *token, const struct session_limits *lim,
    struct session *out);

/* Ends the session of a cookie's token (audited as a sign-out). */
int app_signout(struct store *st, const struct session *s, const char *address,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* Compares a submitted CSRF token with the session's in constant time. */
bool app_csrf_ok(const struct session *s, const char *submitted);

/* Decides whether who may see and change the API tokens of username: their
 * own, or anyone's for an administrator (ACTION_MANAGE_ACCOUNTS);
 * CAIRN_EPERM otherwise.  Every app_token_* call below asks it first. */
int app_token_may(struct store *st, const struct actor *who, const char *username,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Creates an API token for an account (one's own, or anyone's for an
 * administrator); writes it (64 hex digits) to token; only its hash is
 * stored.  label names it among the account's live tokens (refused, code
 * conflict at "label", when taken); NULL or "" gives "api", "api-2", ...
 * Audited. */
int app_token_create(struct store *st, const struct actor *who, const char *username,
    const char *label, char token[static ACCOUNT_TOKEN_HEX + 1], struct cairn_err *err)
    __attribute__((warn_unused_result));
/* As app_token_create, also writing the label given to the token into
 * chosen (chosensz bytes, truncated to fit: 201 hold any). */
int app_token_create_labelled(struct store *st, const struct actor *who, const char *username,
    const char *label, char token[static ACCOUNT_TOKEN_HEX + 1], char *chosen, size_t chosensz,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Lists the API tokens of one account (never the tokens themselves),
 * newest first, with when each was last used: one's own, or anyone's for
 * an administrator.  Free with api_tokens_free. */
int app_token_list_account(struct store *st, const struct actor *who, const char *username,
    struct api_token **out, size_t *n, struct cairn_err *err) __attribute__((warn_unused_result));
/* Revokes the live API token of username labelled label (one's own, or
 * anyone's for an administrator); code unknown at "label" when there is
 * none.  Audited. */
int app_token_revoke_label(struct store *st, const struct actor *who, const char *username,
    const char *label, struct cairn_err *err) __attribute__((warn_unused_result));
/* Lists every API token (never the tokens themselves), newest first;
 * free with api_tokens_free. */
int app_token_list(struct store *st, const struct actor *who, struct api_token **out, size_t *n,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Revokes API token token_id (as app_token_list numbers it).  Audited. */
int app_token_revoke(struct store *st, const struct actor *who, long token_id,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Finds the enabled account of an API token and records the token's use
 * (at most once a minute); fills *out on success. */
bool app_token_find(struct store *st, const char *token, struct account *out);

/* Records one event that changes nothing else (a view of child-level
 * data, a download) with its own transaction.  subject may be NULL. */
int app_audit_event(struct store *st, const struct actor *who, const char *action, long id,
    const char *subject, struct cairn_err *err) __attribute__((warn_unused_result));

/* Writes 32 random bytes as 64 hex digits into out. */
void app_random_token(char out[static ACCOUNT_TOKEN_HEX + 1]);
/* Writes the hex SHA-256 of a token into out. */
void app_token_hash(const char *token, char out[static ACCOUNT_TOKEN_HEX + 1]);

#endif
