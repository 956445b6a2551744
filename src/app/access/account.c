/* Accounts and sign-in: see account.h. */
#include "app/access/authz.h"
#include "app/access/account.h"
#include "app/access/authz.h"

#include <pthread.h>
#include <stdlib.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/text.h"
#include "store/store.h"

const struct session_limits session_limits_default = { 30 * 60, 12 * 60 * 60 };

/* A valid Argon2id hash of a random password, checked when the account
 * does not exist so that a missing account takes as long as a wrong
 * password.  Computed once on first use. */
static char dummy_hash[crypto_pwhash_STRBYTES];

void
session_free(struct session *s)
{
	if (s == NULL)
		return;
	account_free(&s->who);
	sodium_memzero(s, sizeof(*s));
}

void
app_random_token(char out[static ACCOUNT_TOKEN_HEX + 1])
{
	unsigned char raw[32];

	if (sodium_init() < 0)
		out[0] = '\0';
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(out, ACCOUNT_TOKEN_HEX + 1, raw, sizeof(raw));
	sodium_memzero(raw, sizeof(raw));
}

void
app_token_hash(const char *token, char out[static ACCOUNT_TOKEN_HEX + 1])
{
	unsigned char digest[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(digest, (const unsigned char *)token, strlen(token));
	sodium_bin2hex(out, ACCOUNT_TOKEN_HEX + 1, digest, sizeof(digest));
}

/* Returns true if token is exactly 64 lower-case hex digits. */
static bool
token_well_formed(const char *token)
{
	size_t n = 0;

	if (token == NULL)
		return false;
	for (; token[n] != '\0'; n++)
		if (!((token[n] >= '0' && token[n] <= '9') || (token[n] >= 'a' && token[n] <= 'f')))
			return false;
	return n == ACCOUNT_TOKEN_HEX;
}

int
app_full_name_check(const char *full_name, struct cairn_err *err)
{
	if (full_name != NULL &&
	    (strlen(full_name) > 200 || !text_utf8_valid(full_name, strlen(full_name))))
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "name",
		    "the full name must be valid UTF-8 of at most 200 bytes");
	return CAIRN_OK;
}

int
app_username_check(const char *username, struct cairn_err *err)
{
	size_t n = username != NULL ? strlen(username) : 0;

	if (n < 2 || n > 64 || !(username[0] >= 'a' && username[0] <= 'z'))
		goto bad;
	for (size_t i = 0; i < n; i++) {
		char c = username[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
		        c == '-'))
			goto bad;
	}
	return CAIRN_OK;
bad:
	return cairn_errf(err, CAIRN_EDATA,
	    "'%s' is not a valid username; use 2 to 64 of a-z, "
	    "0-9, '.', '_' or '-', starting with a letter",
	    username != NULL ? username : "");
}

/* Checks a new password's length and encoding. */
static int
password_check(const char *password, struct cairn_err *err)
{
	size_t n = password != NULL ? strlen(password) : 0;

	if (n < ACCOUNT_PASSWORD_MIN)
		return cairn_errf(err, CAIRN_EDATA,
		    "the password is too short (%zu bytes); use at "
		    "least %d characters",
		    n, ACCOUNT_PASSWORD_MIN);
	if (n > ACCOUNT_PASSWORD_MAX)
		return cairn_errf(err, CAIRN_EDATA,
		    "the password is too long (%zu bytes); the limit "
		    "is %d",
		    n, ACCOUNT_PASSWORD_MAX);
	if (!text_utf8_valid(password, n))
		return cairn_errf(err, CAIRN_EDATA, "the password is not valid UTF-8");
	return CAIRN_OK;
}

/* Hashes a password with Argon2id into out. */
static int
password_hash(const char *password, char out[static crypto_pwhash_STRBYTES], struct cairn_err *err)
{
	if (sodium_init() < 0 ||
	    crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
	        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return cairn_errf(err, CAIRN_ESOFTWARE, "cannot hash the password (out of memory)");
	return CAIRN_OK;
}

/* Runs fn's change and its audit entry in one transaction. */
static int
finish(struct store *st, int rc, struct cairn_err *err)
{
	if (rc == CAIRN_OK)
		rc = store_commit(st, err);
	if (rc != CAIRN_OK)
		store_rollback(st);
	return rc;
}

/* Refuses a change that would leave no administrator able to sign in: a
 * (loaded in the caller's transaction) is an active administrator who
 * would be disabled or lose the role.  field names the input refused. */
static int
last_admin_guard(struct store *st, const struct account *a, const char *field,
    struct cairn_err *err)
{
	long admins = 0;
	int rc;

	if (!a->admin || a->disabled)
		return CAIRN_OK;
	if ((rc = store_account_admins(st, &admins, err)) != CAIRN_OK)
		return rc;
	if (admins <= 1)
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_CONFLICT, field,
		    "%s is the last administrator who can sign in; make another account an "
		    "administrator first",
		    a->username);
	return CAIRN_OK;
}

int
app_user_add(struct store *st, const struct actor *who, const char *username, const char *full_name,
    const char *password, bool admin, struct cairn_err *err)
{
	char hash[crypto_pwhash_STRBYTES];
	long id = 0;
	int rc;

	if ((rc = authz_check(st, who, 0, ACTION_MANAGE_ACCOUNTS, NULL, err)) != CAIRN_OK)
		return rc;

	if (full_name == NULL || full_name[0] == '\0')
		full_name = username;
	if ((rc = authz_check(st, who, 0, ACTION_MANAGE_ACCOUNTS, NULL, err)) != CAIRN_OK ||
	    (rc = app_username_check(username, err)) != CAIRN_OK ||
	    (rc = password_check(password, err)) != CAIRN_OK)
		return rc;
	if ((rc = app_full_name_check(full_name, err)) != CAIRN_OK)
		return rc;
	if ((rc = password_hash(password, hash, err)) != CAIRN_OK ||
	    (rc = store_begin(st, err)) != CAIRN_OK)
		return rc;
	rc = store_account_insert(st, username, full_name, hash, admin, &id, err);
	if (rc == CAIRN_OK)
		rc = audit_record(st, who, "account.add", 0, username,
		    admin ? "administrator" : NULL, err);
	sodium_memzero(hash, sizeof(hash));
	return finish(st, rc, err);
}

int
app_user_passwd(struct store *st, const struct actor *who, const char *username,
    const char *password, struct cairn_err *err)
{
	char hash[crypto_pwhash_STRBYTES];
	struct account a;
	int rc;

	if ((rc = authz_check(st, who, 0, ACTION_MANAGE_ACCOUNTS, NULL, err)) != CAIRN_OK)
		return rc;

	memset(&a, 0, sizeof(a));
	if ((rc = authz_check(st, who, 0, ACTION_MANAGE_ACCOUNTS, NULL, err)) != CAIRN_OK ||
	    (rc = password_check(password, err)) != CAIRN_OK ||
	    (rc = password_hash(password, hash, err)) != CAIRN_OK)
		return rc;
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		return rc;
	rc = store_account_get(st, username, &a, err);
	if (rc == CAIRN_OK)
		rc = store_account_set_password(st, a.id, hash, err);
	if (rc == CAIRN_OK)
		rc = store_session_delete_account(st, a.id, err);
	if (rc == CAIRN_OK)
		rc = audit_record(st, who, "account.passwd", 0, username, NULL, err);
	sodium_memzero(hash, sizeof(hash));
	account_free(&a);
	return finish(st, rc, err);
}

int
app_user_disable(struct store *st, const struct actor *who, const char *username, bool enable,
    struct cairn_err *err)
{
	struct account a;
	int rc;

	if ((rc = authz_check(st, who, 0, ACTION_MANAGE_ACCOUNTS, NULL, err)) != CAIRN_OK)
		return rc;

	memset(&a, 0, sizeof(a));
	if ((rc = authz_check(st, who, 0, ACTION_MANAGE_ACCOUNTS, NULL, err)) != CAIRN_OK)
		return rc;
	if (!enable && who->person != NULL && strcmp(who->person, username) == 0)
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_CONFLICT, "username",
		    "you cannot disable your own account; ask another administrator");
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		return rc;
	rc = store_account_get(st, username, &a, err);
	if (rc == CAIRN_OK && !enable)
		rc = last_admin_guard(st, &a, "username", err);
	if (rc == CAIRN_OK)
		rc = store_account_set_disabled(st, a.id, !enable, err);
	if (rc == CAIRN_OK && !enable)
		rc = store_session_delete_account(st, a.id, err);
	if (rc == CAIRN_OK)
		rc = audit_record(st, who, enable ? "account.enable" : "account.disable", 0,
		    username, NULL, err);
	account_free(&a);
	return finish(st, rc, err);
}

/* Computes dummy_hash (once, under pthread_once). */
static void
dummy_init(void)
{
	static const char pw[] = "cairn: no such account, constant-time check";

	if (crypto_pwhash_str(dummy_hash, pw, sizeof(pw) - 1, crypto_pwhash_OPSLIMIT_INTERACTIVE,
	        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		dummy_hash[0] = '\0';
}

/* Returns a hash that verifies nothing a user could type, for timing. */
static const char *
dummy(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, dummy_init);
	return dummy_hash;
}

long
account_address_delay(long failures)
{
	long d = 1;

	if (failures < ACCOUNT_DELAY_ADDRESS)
		return 0;
	for (long k = ACCOUNT_DELAY_ADDRESS; k < failures && d < ACCOUNT_DELAY_MAX; k++)
		d *= 2;
	return d < ACCOUNT_DELAY_MAX ? d : ACCOUNT_DELAY_MAX;
}

/* Records a failed sign-in and its audit entry. */
static enum signin_result
signin_failed(struct store *st, const char *username, const char *address, enum signin_result res,
    struct cairn_err *err)
{
	struct actor a = actor_account(username, false, address);
	int rc;

	if (store_begin(st, err) != CAIRN_OK)
		return SIGNIN_ERROR;
	rc = store_signin_failure_add(st, username, address, (long long)time(NULL), err);
	if (rc == CAIRN_OK)
		rc = audit_record(st, &a, res == SIGNIN_BAD ? "signin.fail" : "signin.throttled", 0,
		    username, NULL, err);
	if (finish(st, rc, err) != CAIRN_OK)
		return SIGNIN_ERROR;
	return res;
}

enum signin_result
app_signin(struct store *st, const char *username, const char *password, const char *address,
    const char *old_token, char token[static ACCOUNT_TOKEN_HEX + 1], struct cairn_err *err)
{
	struct account a;
	struct actor act = actor_account(username, false, address);
	char id_hash[ACCOUNT_TOKEN_HEX + 1], csrf[ACCOUNT_TOKEN_HEX + 1];
	struct cairn_err lookup = { 0 };
	long by_user = 0, by_addr = 0;
	long long now = (long long)time(NULL);
	bool found, good;
	int rc;

	token[0] = '\0';
	memset(&a, 0, sizeof(a));
	if (sodium_init() < 0)
		return SIGNIN_ERROR;
	if (username == NULL || password == NULL || username[0] == '\0' || strlen(username) > 64 ||
	    strlen(password) > ACCOUNT_PASSWORD_MAX)
		return signin_failed(st,
		    username != NULL && strlen(username) <= 64 ? username : "?", address,
		    SIGNIN_BAD, err);
	if (store_signin_failure_count(st, username, address, now - ACCOUNT_THROTTLE_WINDOW,
	        &by_user, &by_addr, err) != CAIRN_OK)
		return SIGNIN_ERROR;
	if (by_user >= ACCOUNT_THROTTLE_USER)
		return signin_failed(st, username, address, SIGNIN_THROTTLED, err);
	/* The address's progressive delay, only for an account with recent
	 * failures (account.h); fails closed on a database error. */
	if (by_user > 0 && by_addr >= ACCOUNT_DELAY_ADDRESS) {
		long long last = 0;

		if (store_signin_failure_last(st, address, now - ACCOUNT_THROTTLE_WINDOW, &last,
		        err) != CAIRN_OK)
			return SIGNIN_ERROR;
		if (now < last + account_address_delay(by_addr))
			return signin_failed(st, username, address, SIGNIN_SLOWED, err);
	}
	/* No such account is SIGNIN_BAD; an account that cannot be read is an
	 * error, so a failing database never answers either way. */
	rc = store_account_get(st, username, &a, &lookup);
	if (rc != CAIRN_OK && rc != CAIRN_EDATA) {
		cairn_errf(err, rc, "%s", lookup.msg);
		goto fail;
	}
	found = rc == CAIRN_OK;
	good = crypto_pwhash_str_verify(found ? a.password_hash : dummy(), password,
	           strlen(password)) == 0;
	if (!found || !good || a.disabled) {
		account_free(&a);
		return signin_failed(st, username, address, SIGNIN_BAD, err);
	}
	app_random_token(token);
	app_random_token(csrf);
	app_token_hash(token, id_hash);
	if (store_begin(st, err) != CAIRN_OK)
		goto fail;
	rc = CAIRN_OK;
	/* Rotation: whatever session the client had is ended. */
	if (token_well_formed(old_token)) {
		char old_hash[ACCOUNT_TOKEN_HEX + 1];

		app_token_hash(old_token, old_hash);
		rc = store_session_delete(st, old_hash, err);
	}
	if (rc == CAIRN_OK)
		rc = store_session_insert(st, id_hash, a.id, csrf, now, address, err);
	if (rc == CAIRN_OK)
		rc = store_signin_failure_clear(st, username, err);
	if (rc == CAIRN_OK)
		rc = store_account_signed_in(st, a.id, err);
	if (rc == CAIRN_OK)
		rc = audit_record(st, &act, "signin", 0, username, NULL, err);
	if (finish(st, rc, err) != CAIRN_OK)
		goto fail;
	account_free(&a);
	return SIGNIN_OK;
fail:
	account_free(&a);
	sodium_memzero(token, ACCOUNT_TOKEN_HEX + 1);
	return SIGNIN_ERROR;
}

bool
app_session_find(struct store *st, const char *token, const struct session_limits *lim,
    struct session *out)
{
	struct session_row row;
	long long now = (long long)time(NULL);

	memset(out, 0, sizeof(*out));
	if (!token_well_formed(token))
		return false;
	app_token_hash(token, out->id_hash);
	if (store_session_get(st, out->id_hash, &row, NULL) != CAIRN_OK)
		return false;
	if (now - row.created >= lim->absolute || now - row.last_seen >= lim->idle) {
		if (store_session_delete(st, out->id_hash, NULL) != CAIRN_OK) {
			/* Not fatal: the next request or start-up tries again. */
		}
		return false;
	}
	if (store_account_get_id(st, row.account_id, &out->who, NULL) != CAIRN_OK ||
	    out->who.disabled) {
		session_free(out);
		return false;
	}
	out->created = row.created;
	out->last_seen = row.last_seen;
	/* Write the time of use at most once a minute, not on every request. */
	if (now - row.last_seen >= APP_SESSION_TOUCH_EVERY &&
	    store_session_touch(st, out->id_hash, now, NULL) == CAIRN_OK)
		out->last_seen = now;
	text_copy(out->csrf, sizeof(out->csrf), row.csrf);
	return true;
}

int
app_signout(struct store *st, const struct session *s, const char *address, struct cairn_err *err)
{
	struct actor act = actor_account(s->who.username, s->who.admin, address);
	int rc;

	if ((rc = store_begin(st, err)) != CAIRN_OK)
		return rc;
	rc = store_session_delete(st, s->id_hash, err);
	if (rc == CAIRN_OK)
		rc = audit_record(st, &act, "signout", 0, s->who.username, NULL, err);
	return finish(st, rc, err);
}

bool
app_csrf_ok(const struct session *s, const char *submitted)
{
	if (submitted == NULL || strlen(submitted) != ACCOUNT_TOKEN_HEX ||
	    strlen(s->csrf) != ACCOUNT_TOKEN_HEX)
		return false;
	return sodium_memcmp(s->csrf, submitted, ACCOUNT_TOKEN_HEX) == 0;
}

int
app_token_may(struct store *st, const struct actor *who, const char *username,
    struct cairn_err *err)
{
	if (who->person != NULL && username != NULL && strcmp(who->person, username) == 0)
		return CAIRN_OK;
	return authz_check(st, who, 0, ACTION_MANAGE_ACCOUNTS, NULL, err);
}

/* Longest API token label, in bytes. */
#define TOKEN_LABEL_MAX 200

/* Chooses the label of a new token of account_id into out: label when
 * given (refused when one of the account's live tokens has it), else
 * "api", "api-2", ... the first not in use. */
static int
token_label(struct store *st, long account_id, const char *label, char *out, size_t outsz,
    struct cairn_err *err)
{
	long found = 0;
	int rc;

	if (label != NULL && label[0] != '\0') {
		if (strlen(label) > TOKEN_LABEL_MAX || !text_utf8_valid(label, strlen(label)))
			return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "label",
			    "the token label must be valid UTF-8 of at most %d bytes",
			    TOKEN_LABEL_MAX);
		if ((rc = store_token_by_label(st, account_id, label, &found, err)) != CAIRN_OK)
			return rc;
		if (found != 0)
			return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_CONFLICT, "label",
			    "the account already has an API token labelled '%s'; choose another "
			    "label or revoke that token first",
			    label);
		text_copy(out, outsz, label);
		return CAIRN_OK;
	}
	for (int k = 1; k < 10000; k++) {
		if (k == 1)
			text_copy(out, outsz, "api");
		else
			snprintf(out, outsz, "api-%d", k);
		if ((rc = store_token_by_label(st, account_id, out, &found, err)) != CAIRN_OK)
			return rc;
		if (found == 0)
			return CAIRN_OK;
	}
	return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_CONFLICT, "label",
	    "the account has too many API tokens; revoke some first");
}

int
app_token_create(struct store *st, const struct actor *who, const char *username, const char *label,
    char token[static ACCOUNT_TOKEN_HEX + 1], struct cairn_err *err)
{
	char chosen[TOKEN_LABEL_MAX + 1];

	return app_token_create_labelled(st, who, username, label, token, chosen, sizeof(chosen),
	    err);
}

int
app_token_create_labelled(struct store *st, const struct actor *who, const char *username,
    const char *label, char token[static ACCOUNT_TOKEN_HEX + 1], char *chosen, size_t chosensz,
    struct cairn_err *err)
{
	struct account a;
	char hash[ACCOUNT_TOKEN_HEX + 1], given[TOKEN_LABEL_MAX + 1];
	int rc;

	memset(&a, 0, sizeof(a));
	token[0] = '\0';
	given[0] = '\0';
	if (chosensz > 0)
		chosen[0] = '\0';
	if ((rc = app_token_may(st, who, username, err)) != CAIRN_OK)
		return rc;
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		return rc;
	rc = store_account_get(st, username, &a, err);
	if (rc == CAIRN_OK)
		rc = token_label(st, a.id, label, given, sizeof(given), err);
	if (rc == CAIRN_OK) {
		app_random_token(token);
		app_token_hash(token, hash);
		rc = store_token_insert(st, hash, a.id, given, err);
	}
	if (rc == CAIRN_OK)
		rc = audit_record(st, who, "token.create", 0, username, given, err);
	account_free(&a);
	rc = finish(st, rc, err);
	if (rc != CAIRN_OK)
		sodium_memzero(token, ACCOUNT_TOKEN_HEX + 1);
	else if (chosensz > 0)
		text_copy(chosen, chosensz, given);
	return rc;
}

int
app_token_list_account(struct store *st, const struct actor *who, const char *username,
    struct api_token **out, size_t *n, struct cairn_err *err)
{
	struct account a;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = app_token_may(st, who, username, err)) != CAIRN_OK ||
	    (rc = store_account_get(st, username, &a, err)) != CAIRN_OK)
		return rc;
	rc = store_token_list_account(st, a.id, out, n, err);
	account_free(&a);
	return rc;
}

int
app_token_revoke_label(struct store *st, const struct actor *who, const char *username,
    const char *label, struct cairn_err *err)
{
	struct account a;
	char *owner = NULL;
	long id = 0;
	int rc;

	memset(&a, 0, sizeof(a));
	if ((rc = app_token_may(st, who, username, err)) != CAIRN_OK)
		return rc;
	if (label == NULL || label[0] == '\0' || strlen(label) > TOKEN_LABEL_MAX)
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "label",
		    "a token label is 1 to %d bytes", TOKEN_LABEL_MAX);
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		return rc;
	rc = store_account_get(st, username, &a, err);
	if (rc == CAIRN_OK)
		rc = store_token_by_label(st, a.id, label, &id, err);
	if (rc == CAIRN_OK && id == 0)
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_UNKNOWN, "label",
		    "%s has no API token labelled '%s' in use; it may have been revoked already",
		    username, label);
	if (rc == CAIRN_OK)
		rc = store_token_revoke(st, id, &owner, err);
	if (rc == CAIRN_OK) {
		char subject[32];

		snprintf(subject, sizeof(subject), "token %ld", id);
		rc = audit_record(st, who, "token.revoke", 0, username, subject, err);
	}
	free(owner);
	account_free(&a);
	return finish(st, rc, err);
}

bool
app_token_find(struct store *st, const char *token, struct account *out)
{
	char hash[ACCOUNT_TOKEN_HEX + 1];
	long id = 0;

	memset(out, 0, sizeof(*out));
	if (!token_well_formed(token))
		return false;
	app_token_hash(token, hash);
	if (store_token_account(st, hash, &id, NULL) != CAIRN_OK ||
	    store_account_get_id(st, id, out, NULL) != CAIRN_OK)
		return false;
	if (out->disabled) {
		account_free(out);
		return false;
	}
	/* Not fatal: a database that cannot be written still answers reads. */
	if (store_token_use(st, hash, true, NULL) != CAIRN_OK) {
		/* the time of use is written again at the next request */
	}
	return true;
}

int
app_audit_event(struct store *st, const struct actor *who, const char *action, long id,
    const char *subject, struct cairn_err *err)
{
	int rc;

	if ((rc = store_begin(st, err)) != CAIRN_OK)
		return rc;
	rc = audit_record(st, who, action, id, subject, NULL, err);
	return finish(st, rc, err);
}

int
app_user_set_admin(struct store *st, const struct actor *who, const char *username, bool admin,
    struct cairn_err *err)
{
	struct account a;
	int rc;

	memset(&a, 0, sizeof(a));
	if ((rc = authz_check(st, who, 0, ACTION_MANAGE_ACCOUNTS, NULL, err)) != CAIRN_OK)
		return rc;
	if (!admin && who->person != NULL && strcmp(who->person, username) == 0)
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_CONFLICT, "username",
		    "you cannot take away your own administrator role; ask another "
		    "administrator");
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		return rc;
	rc = store_account_get(st, username, &a, err);
	if (rc == CAIRN_OK && a.admin == admin)
		rc = cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_CONFLICT, "username",
		    admin ? "%s is already an administrator" : "%s is not an administrator",
		    username);
	if (rc == CAIRN_OK && !admin)
		rc = last_admin_guard(st, &a, "username", err);
	if (rc == CAIRN_OK)
		rc = store_account_set_admin(st, a.id, admin, err);
	/* A change of role takes effect at the next sign-in: end the sessions. */
	if (rc == CAIRN_OK)
		rc = store_session_delete_account(st, a.id, err);
	if (rc == CAIRN_OK)
		rc = audit_record(st, who, admin ? "account.admin" : "account.unadmin", 0, username,
		    NULL, err);
	account_free(&a);
	return finish(st, rc, err);
}

int
app_password_generate(char out[static ACCOUNT_GENERATED_PASSWORD + 1], struct cairn_err *err)
{
	/* No look-alikes (0/O, 1/l/I), so that it can be read out or copied by hand. */
	static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

	out[0] = '\0';
	if (sodium_init() < 0)
		return cairn_errf(err, CAIRN_ESOFTWARE, "cannot make a random password");
	for (size_t i = 0; i < ACCOUNT_GENERATED_PASSWORD; i++)
		out[i] = alphabet[randombytes_uniform((uint32_t)(sizeof(alphabet) - 1))];
	out[ACCOUNT_GENERATED_PASSWORD] = '\0';
	return CAIRN_OK;
}

int
app_user_reset_password(struct store *st, const struct actor *who, const char *username,
    char password[static ACCOUNT_GENERATED_PASSWORD + 1], struct cairn_err *err)
{
	int rc;

	password[0] = '\0';
	if ((rc = authz_check(st, who, 0, ACTION_MANAGE_ACCOUNTS, NULL, err)) != CAIRN_OK ||
	    (rc = app_password_generate(password, err)) != CAIRN_OK)
		return rc;
	rc = app_user_passwd(st, who, username, password, err);
	if (rc != CAIRN_OK)
		sodium_memzero(password, ACCOUNT_GENERATED_PASSWORD + 1);
	return rc;
}

int
app_token_list(struct store *st, const struct actor *who, struct api_token **out, size_t *n,
    struct cairn_err *err)
{
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = authz_check(st, who, 0, ACTION_MANAGE_ACCOUNTS, NULL, err)) != CAIRN_OK)
		return rc;
	return store_token_list(st, out, n, err);
}

int
app_token_revoke(struct store *st, const struct actor *who, long token_id, struct cairn_err *err)
{
	char *username = NULL;
	int rc;

	if ((rc = authz_check(st, who, 0, ACTION_MANAGE_ACCOUNTS, NULL, err)) != CAIRN_OK ||
	    (rc = store_begin(st, err)) != CAIRN_OK)
		return rc;
	rc = store_token_revoke(st, token_id, &username, err);
	if (rc == CAIRN_OK) {
		char subject[32];

		snprintf(subject, sizeof(subject), "token %ld", token_id);
		rc = audit_record(st, who, "token.revoke", 0, username, subject, err);
	}
	free(username);
	return finish(st, rc, err);
}

int
app_user_update(struct store *st, const struct actor *who, const char *username,
    const struct account_change *ch, struct cairn_err *err)
{
	struct account a;
	const char *name = ch->full_name;
	bool self = who->person != NULL && strcmp(who->person, username) == 0;
	bool end_sessions = false;
	int rc;

	memset(&a, 0, sizeof(a));
	if ((rc = authz_check(st, who, 0, ACTION_MANAGE_ACCOUNTS, NULL, err)) != CAIRN_OK)
		return rc;
	if (name == NULL && !ch->set_disabled && !ch->set_admin)
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, NULL,
		    "nothing to change: give the name, whether the account is disabled, or "
		    "whether it is an administrator");
	if (name != NULL && name[0] == '\0')
		name = username;
	if (name != NULL && (strlen(name) > 200 || !text_utf8_valid(name, strlen(name))))
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_INVALID, "name",
		    "the full name must be valid UTF-8 of at most 200 bytes");
	if (self && ch->set_disabled && ch->disabled)
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_CONFLICT, "disabled",
		    "you cannot disable your own account; ask another administrator");
	if (self && ch->set_admin && !ch->admin)
		return cairn_err_field(err, CAIRN_EDATA, CAIRN_CODE_CONFLICT, "admin",
		    "you cannot take away your own administrator role; ask another "
		    "administrator");
	if ((rc = store_begin(st, err)) != CAIRN_OK)
		return rc;
	rc = store_account_get(st, username, &a, err);
	/* An active administrator stays one only if neither change ends it. */
	if (rc == CAIRN_OK && ch->set_disabled && ch->disabled && !a.disabled)
		rc = last_admin_guard(st, &a, "disabled", err);
	if (rc == CAIRN_OK && ch->set_admin && !ch->admin && a.admin &&
	    !(ch->set_disabled && ch->disabled))
		rc = last_admin_guard(st, &a, "admin", err);
	if (rc == CAIRN_OK && name != NULL && strcmp(name, a.full_name) != 0) {
		rc = store_account_set_name(st, a.id, name, err);
		if (rc == CAIRN_OK)
			rc = audit_record(st, who, "account.name", 0, username, name, err);
	}
	if (rc == CAIRN_OK && ch->set_disabled && ch->disabled != a.disabled) {
		rc = store_account_set_disabled(st, a.id, ch->disabled, err);
		end_sessions = ch->disabled;
		if (rc == CAIRN_OK)
			rc = audit_record(st, who,
			    ch->disabled ? "account.disable" : "account.enable", 0, username, NULL,
			    err);
	}
	if (rc == CAIRN_OK && ch->set_admin && ch->admin != a.admin) {
		rc = store_account_set_admin(st, a.id, ch->admin, err);
		end_sessions = true;
		if (rc == CAIRN_OK)
			rc = audit_record(st, who, ch->admin ? "account.admin" : "account.unadmin",
			    0, username, NULL, err);
	}
	/* As disabling and a change of role do elsewhere: sign the account out. */
	if (rc == CAIRN_OK && end_sessions)
		rc = store_session_delete_account(st, a.id, err);
	account_free(&a);
	return finish(st, rc, err);
}
