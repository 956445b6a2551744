/*
 * The rows of account that the front ends and app/ share: moved from
 * store/account.h (issue 16), which includes this header.  Depends only on libc.
 */
#ifndef CAIRN_CORE_ACCOUNT_H
#define CAIRN_CORE_ACCOUNT_H

#include <stdbool.h>
#include <stddef.h>

/* One account as stored.  Strings are malloc'd and owned by the struct;
 * free with account_free(). */
struct account {
	long id;                 /* database id */
	char *username;          /* sign-in name, unique */
	char *full_name;         /* shown on pages */
	char *password_hash;     /* libsodium Argon2id string */
	bool admin;              /* global administrator (manages accounts) */
	bool disabled;           /* may not sign in */
	char created_at[21];     /* UTC, YYYY-MM-DDTHH:MM:SSZ */
	char last_signin_at[21]; /* UTC, as created_at; "" when never (migration 025) */
};

/* Releases the contents of an account; no-op on a zeroed struct. */
void account_free(struct account *a);
/* Frees an array of n accounts and the array. */
void accounts_free(struct account *v, size_t n);
/* Writes how every front end names account a into out ("Ada Lovelace
 * (ada)", or the username alone when the full name is empty or the
 * username) and returns out. */
const char *account_label(const struct account *a, char *out, size_t outsz);
/* Writes how every front end names username into out: as account_label
 * for its account among the n accounts v, or the username alone when it
 * is not there (no account: deleted, or a name given to the command
 * line); returns out. */
const char *account_named(const struct account *v, size_t n, const char *username, char *out,
    size_t outsz);

/* One API token as listed (never the token itself: only its hash is kept).
 * Strings are malloc'd and owned; free with api_tokens_free(). */
struct api_token {
	long id;               /* database id (what revoking names) */
	char *username;        /* the account it acts as */
	char *label;           /* what it is for */
	char created_at[21];   /* UTC, YYYY-MM-DDTHH:MM:SSZ */
	bool revoked;          /* no longer accepted */
	char last_used_at[21]; /* UTC, as created_at; "" when never used (migration 025) */
};

/* Frees an array of n API tokens and the array. */
void api_tokens_free(struct api_token *v, size_t n);

/* A web session as stored (the client holds the token; we hold its hash). */
struct session_row {
	long account_id;     /* who is signed in */
	char csrf[65];       /* hex CSRF token bound to the session */
	long long created;   /* Unix seconds when signed in */
	long long last_seen; /* Unix seconds of the last request */
};

#endif
