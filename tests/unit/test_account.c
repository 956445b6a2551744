/*
 * Unit tests for app/access/account against the rules of docs/guide-web.md:
 * usernames are 2 to 64 of a-z 0-9 . _ - starting with a letter; passwords
 * at least 10 characters; after 5 wrong passwords for an account in 15
 * minutes, or 20 from one address, signing in is refused for the rest of
 * the window, with the right password too; a session is 32 random bytes of
 * which the database keeps only the SHA-256; signing in always starts a new
 * session, ending the one the browser presented; disabling ends sessions;
 * API tokens are printed once and only their hash is kept.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/access/account.h"
#include "app/access/lookup.h"
#include "app/setup/init.h"
#include "store/store.h"
#include "testdb.h"

static char dir[] = "/tmp/cairn-test-account.XXXXXX";
static char path[512];
static struct store *st;
static struct actor local;

static const char PW[] = "correct horse battery";

static int
setup(void **state)
{
	struct cairn_err err = { 0 };

	(void)state;
	local = actor_cli(NULL);
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/t.db", dir);
	if (app_init(path, &st, &err) != CAIRN_OK)
		return -1;
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	store_close(st);
	testdb_remove(path);
	rmdir(dir);
	return 0;
}

static bool
is_lower_hex(const char *s, size_t n)
{
	if (strlen(s) != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

static void
add_user(const char *name)
{
	struct cairn_err err = { 0 };

	if (app_user_add(st, &local, name, NULL, PW, false, &err) != CAIRN_OK)
		fail_msg("adding %s: %s", name, err.msg);
}

static void
test_username_rules(void **state)
{
	static const char *const good[] = { "ab", "a1", "rory", "a.b_c-d9", "z-", "x.", "a_" };
	static const char *const bad[] = {
		"",
		"a",
		"Ab",
		"aB",
		"1ab",
		".ab",
		"_ab",
		"-ab",
		"a b",
		"ann@x",
		"ann/x",
		"é1",
		"ab\n",
		"a+b",
	};
	char longest[66];
	struct cairn_err err = { 0 };

	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		if (app_username_check(good[i], &err) != CAIRN_OK)
			fail_msg("'%s' refused: %s", good[i], err.msg);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		cairn_err_clear(&err);
		if (app_username_check(bad[i], &err) != CAIRN_EDATA)
			fail_msg("'%s' accepted", bad[i]);
		/* The message names what is valid. */
		assert_non_null(strstr(err.msg, "starting with a letter"));
	}
	cairn_err_clear(&err);
	assert_int_equal(app_username_check(NULL, &err), CAIRN_EDATA);
	/* 64 bytes is the longest. */
	memset(longest, 'a', 64);
	longest[64] = '\0';
	assert_int_equal(app_username_check(longest, &err), CAIRN_OK);
	longest[64] = 'a';
	longest[65] = '\0';
	cairn_err_clear(&err);
	assert_int_equal(app_username_check(longest, &err), CAIRN_EDATA);
	/* A bad username creates no account. */
	cairn_err_clear(&err);
	assert_int_equal(app_user_add(st, &local, "Rory", NULL, PW, false, &err), CAIRN_EDATA);
}

static void
test_password_rules(void **state)
{
	struct cairn_err err = { 0 };
	char *huge;

	(void)state;
	/* At least 10 characters (9 refused, 10 accepted). */
	assert_int_equal(app_user_add(st, &local, "pw-short", NULL, "123456789", false, &err),
	    CAIRN_EDATA);
	assert_non_null(strstr(err.msg, "10"));
	cairn_err_clear(&err);
	assert_int_equal(app_user_add(st, &local, "pw-short", NULL, "", false, &err), CAIRN_EDATA);
	cairn_err_clear(&err);
	assert_int_equal(app_user_add(st, &local, "pw-ten", NULL, "1234567890", false, &err),
	    CAIRN_OK);
	/* The longest accepted is ACCOUNT_PASSWORD_MAX bytes. */
	huge = malloc(ACCOUNT_PASSWORD_MAX + 2);
	assert_non_null(huge);
	memset(huge, 'p', ACCOUNT_PASSWORD_MAX + 1);
	huge[ACCOUNT_PASSWORD_MAX + 1] = '\0';
	assert_int_equal(app_user_add(st, &local, "pw-huge", NULL, huge, false, &err), CAIRN_EDATA);
	cairn_err_clear(&err);
	free(huge);
	/* Not UTF-8. */
	assert_int_equal(app_user_add(st, &local, "pw-bytes", NULL, "abcdefghi\xff", false, &err),
	    CAIRN_EDATA);
	cairn_err_clear(&err);
	/* A taken username is refused. */
	assert_int_equal(app_user_add(st, &local, "pw-ten", NULL, "0987654321", false, &err),
	    CAIRN_EDATA);
	cairn_err_clear(&err);
	/* The same rules for a new password. */
	assert_int_equal(app_user_passwd(st, &local, "pw-ten", "short", &err), CAIRN_EDATA);
	cairn_err_clear(&err);
	/* The ten-character password signs in; the refused ones made no
	 * account. */
	{
		char tok[ACCOUNT_TOKEN_HEX + 1];

		assert_int_equal(app_signin(st, "pw-ten", "1234567890", "192.0.2.50", NULL, tok,
		                     &err),
		    SIGNIN_OK);
		assert_int_equal(app_signin(st, "pw-short", "123456789", "192.0.2.50", NULL, tok,
		                     &err),
		    SIGNIN_BAD);
	}
}

static void
test_signin_and_session(void **state)
{
	struct cairn_err err = { 0 };
	char t1[ACCOUNT_TOKEN_HEX + 1], t2[ACCOUNT_TOKEN_HEX + 1], hash[ACCOUNT_TOKEN_HEX + 1];
	struct session s;

	(void)state;
	add_user("sess");
	assert_int_equal(app_signin(st, "sess", PW, "192.0.2.1", NULL, t1, &err), SIGNIN_OK);
	/* 32 random bytes as 64 hex digits. */
	assert_true(is_lower_hex(t1, ACCOUNT_TOKEN_HEX));
	assert_true(app_session_find(st, t1, &session_limits_default, &s));
	assert_string_equal(s.who.username, "sess");
	assert_false(s.who.admin);
	/* The database keeps the SHA-256 of the cookie's token. */
	app_token_hash(t1, hash);
	assert_string_equal(s.id_hash, hash);
	assert_true(is_lower_hex(s.csrf, ACCOUNT_TOKEN_HEX));
	assert_string_not_equal(s.csrf, t1);
	/* The CSRF token: the session's own, exactly. */
	assert_true(app_csrf_ok(&s, s.csrf));
	{
		char other[ACCOUNT_TOKEN_HEX + 1];

		memcpy(other, s.csrf, sizeof(other));
		other[0] = other[0] == '0' ? '1' : '0';
		assert_false(app_csrf_ok(&s, other));
		other[0] = s.csrf[0];
		other[ACCOUNT_TOKEN_HEX - 1] = '\0';
		assert_false(app_csrf_ok(&s, other));
	}
	assert_false(app_csrf_ok(&s, ""));
	assert_false(app_csrf_ok(&s, NULL));
	assert_false(app_csrf_ok(&s, t1));
	session_free(&s);
	/* Signing in again starts a new session and ends the one presented. */
	assert_int_equal(app_signin(st, "sess", PW, "192.0.2.1", t1, t2, &err), SIGNIN_OK);
	assert_string_not_equal(t1, t2);
	assert_false(app_session_find(st, t1, &session_limits_default, &s));
	assert_true(app_session_find(st, t2, &session_limits_default, &s));
	/* Signing out ends it. */
	assert_int_equal(app_signout(st, &s, "192.0.2.1", &err), CAIRN_OK);
	session_free(&s);
	assert_false(app_session_find(st, t2, &session_limits_default, &s));
	/* Tokens not made by Cairn find nothing. */
	assert_false(app_session_find(st, "", &session_limits_default, &s));
	assert_false(app_session_find(st, NULL, &session_limits_default, &s));
	assert_false(app_session_find(st, "zz", &session_limits_default, &s));
}

/* A session past a time-out is gone, and stays gone (deleted). */
static void
test_session_timeouts(void **state)
{
	struct cairn_err err = { 0 };
	char t[ACCOUNT_TOKEN_HEX + 1];
	struct session s;
	const struct session_limits no_idle = { 0, 12 * 3600 };
	const struct session_limits no_life = { 30 * 60, 0 };

	(void)state;
	/* The defaults: 30 minutes idle, 12 hours absolute. */
	assert_int_equal(session_limits_default.idle, 30 * 60);
	assert_int_equal(session_limits_default.absolute, 12 * 3600);
	add_user("timed");
	assert_int_equal(app_signin(st, "timed", PW, "192.0.2.2", NULL, t, &err), SIGNIN_OK);
	assert_false(app_session_find(st, t, &no_idle, &s));
	assert_false(app_session_find(st, t, &session_limits_default, &s));
	assert_int_equal(app_signin(st, "timed", PW, "192.0.2.2", NULL, t, &err), SIGNIN_OK);
	assert_false(app_session_find(st, t, &no_life, &s));
	assert_false(app_session_find(st, t, &session_limits_default, &s));
}

static void
test_wrong_password_and_unknown_account(void **state)
{
	struct cairn_err err = { 0 };
	char t[ACCOUNT_TOKEN_HEX + 1];

	(void)state;
	add_user("wrong");
	/* The same answer for a wrong password and for no such account. */
	assert_int_equal(app_signin(st, "wrong", "not the password", "192.0.2.3", NULL, t, &err),
	    SIGNIN_BAD);
	assert_string_equal(t, "");
	assert_int_equal(app_signin(st, "nobody", PW, "192.0.2.3", NULL, t, &err), SIGNIN_BAD);
	assert_int_equal(app_signin(st, "wrong", "", "192.0.2.3", NULL, t, &err), SIGNIN_BAD);
	assert_int_equal(app_signin(st, "", PW, "192.0.2.3", NULL, t, &err), SIGNIN_BAD);
	/* Passwords are compared exactly. */
	assert_int_equal(app_signin(st, "wrong", "Correct horse battery", "192.0.2.3", NULL, t,
	                     &err),
	    SIGNIN_BAD);
	assert_int_equal(app_signin(st, "wrong", PW, "192.0.2.3", NULL, t, &err), SIGNIN_OK);
}

/* 5 wrong passwords for an account: refused for the rest of the window,
 * with the right password too, from any address; 4 are not enough. */
static void
test_throttle_per_account(void **state)
{
	struct cairn_err err = { 0 };
	char t[ACCOUNT_TOKEN_HEX + 1];

	(void)state;
	add_user("four");
	add_user("five");
	for (int i = 0; i < 4; i++)
		assert_int_equal(app_signin(st, "four", "wrong password", "192.0.2.10", NULL, t,
		                     &err),
		    SIGNIN_BAD);
	assert_int_equal(app_signin(st, "four", PW, "192.0.2.10", NULL, t, &err), SIGNIN_OK);
	for (int i = 0; i < 5; i++)
		assert_int_equal(app_signin(st, "five", "wrong password", "192.0.2.11", NULL, t,
		                     &err),
		    SIGNIN_BAD);
	assert_int_equal(app_signin(st, "five", PW, "192.0.2.11", NULL, t, &err), SIGNIN_THROTTLED);
	assert_string_equal(t, "");
	assert_int_equal(app_signin(st, "five", PW, "192.0.2.12", NULL, t, &err), SIGNIN_THROTTLED);
	/* Other accounts from the same address are not affected. */
	assert_int_equal(app_signin(st, "four", PW, "192.0.2.11", NULL, t, &err), SIGNIN_OK);
}

/*
 * Issue 18: behind a proxy everyone shares an address, so failures from
 * one address never lock out a correct password for an account without
 * recent failures; they slow the guesser instead.  After 10 failures from
 * the address, an account that has failed must wait 2^(k-10) seconds
 * (k failures so far, at most 300) after the address's latest failure.
 */
static void
test_throttle_per_address(void **state)
{
	struct cairn_err err = { 0 };
	char t[ACCOUNT_TOKEN_HEX + 1];
	char name[16];

	(void)state;
	add_user("victim");
	/* 25 failures, at most 2 per account name (no account is locked). */
	for (int i = 0; i < 25; i++) {
		snprintf(name, sizeof(name), "guess%d", i / 2);
		assert_int_equal(app_signin(st, name, "wrong password", "198.51.100.7", NULL, t,
		                     &err),
		    i < 11 || i % 2 == 0 ? SIGNIN_BAD : SIGNIN_SLOWED);
	}
	/* The right password of an account without failures gets in. */
	assert_int_equal(app_signin(st, "victim", PW, "198.51.100.7", NULL, t, &err), SIGNIN_OK);
	assert_true(strlen(t) == ACCOUNT_TOKEN_HEX);
	/* A name that has failed, again at once from the address: slowed,
	 * whatever the password, and nothing checked. */
	assert_int_equal(app_signin(st, "guess0", "wrong password", "198.51.100.7", NULL, t, &err),
	    SIGNIN_SLOWED);
	assert_string_equal(t, "");
	/* From another address it is only a wrong password. */
	assert_int_equal(app_signin(st, "guess0", "wrong password", "198.51.100.8", NULL, t, &err),
	    SIGNIN_BAD);
}

/* The delay doubles from 1 second at 10 failures, up to 300 (by hand). */
static void
test_address_delay(void **state)
{
	(void)state;
	assert_int_equal(account_address_delay(0), 0);
	assert_int_equal(account_address_delay(9), 0);
	assert_int_equal(account_address_delay(10), 1);
	assert_int_equal(account_address_delay(11), 2);
	assert_int_equal(account_address_delay(12), 4);
	assert_int_equal(account_address_delay(18), 256);
	assert_int_equal(account_address_delay(19), 300);
	assert_int_equal(account_address_delay(1000), 300);
}

static void
test_disabled_account(void **state)
{
	struct cairn_err err = { 0 };
	char t[ACCOUNT_TOKEN_HEX + 1], api[ACCOUNT_TOKEN_HEX + 1];
	struct session s;
	struct account a;

	(void)state;
	add_user("dis");
	assert_int_equal(app_signin(st, "dis", PW, "192.0.2.20", NULL, t, &err), SIGNIN_OK);
	assert_int_equal(app_token_create(st, &local, "dis", "script", api, &err), CAIRN_OK);
	assert_int_equal(app_user_disable(st, &local, "dis", false, &err), CAIRN_OK);
	/* Its session ended, its token finds nothing, signing in is refused
	 * with the answer a wrong password gets. */
	assert_false(app_session_find(st, t, &session_limits_default, &s));
	assert_false(app_token_find(st, api, &a));
	assert_int_equal(app_signin(st, "dis", PW, "192.0.2.20", NULL, t, &err), SIGNIN_BAD);
	/* Enabled again: signs in; the token works again. */
	assert_int_equal(app_user_disable(st, &local, "dis", true, &err), CAIRN_OK);
	assert_int_equal(app_signin(st, "dis", PW, "192.0.2.20", NULL, t, &err), SIGNIN_OK);
	assert_true(app_token_find(st, api, &a));
	assert_string_equal(a.username, "dis");
	account_free(&a);
	/* Disabling an unknown account is an error. */
	assert_int_not_equal(app_user_disable(st, &local, "nobody", false, &err), CAIRN_OK);
}

/* A new password ends every session; the old password no longer works. */
static void
test_password_change(void **state)
{
	struct cairn_err err = { 0 };
	char t[ACCOUNT_TOKEN_HEX + 1];
	struct session s;

	(void)state;
	add_user("chg");
	assert_int_equal(app_signin(st, "chg", PW, "192.0.2.30", NULL, t, &err), SIGNIN_OK);
	assert_int_equal(app_user_passwd(st, &local, "chg", "a new password", &err), CAIRN_OK);
	assert_false(app_session_find(st, t, &session_limits_default, &s));
	assert_int_equal(app_signin(st, "chg", PW, "192.0.2.30", NULL, t, &err), SIGNIN_BAD);
	assert_int_equal(app_signin(st, "chg", "a new password", "192.0.2.30", NULL, t, &err),
	    SIGNIN_OK);
	assert_int_not_equal(app_user_passwd(st, &local, "nobody", "a new password", &err),
	    CAIRN_OK);
}

static void
test_api_tokens(void **state)
{
	struct cairn_err err = { 0 };
	char t1[ACCOUNT_TOKEN_HEX + 1], t2[ACCOUNT_TOKEN_HEX + 1];
	char forged[ACCOUNT_TOKEN_HEX + 1];
	struct account a;

	(void)state;
	assert_int_equal(app_user_add(st, &local, "bot", "Nightly job", PW, true, &err), CAIRN_OK);
	assert_int_equal(app_token_create(st, &local, "bot", NULL, t1, &err), CAIRN_OK);
	assert_int_equal(app_token_create(st, &local, "bot", "second", t2, &err), CAIRN_OK);
	assert_true(is_lower_hex(t1, ACCOUNT_TOKEN_HEX));
	assert_string_not_equal(t1, t2);
	assert_true(app_token_find(st, t1, &a));
	assert_string_equal(a.username, "bot");
	assert_string_equal(a.full_name, "Nightly job");
	assert_true(a.admin);
	account_free(&a);
	assert_true(app_token_find(st, t2, &a));
	account_free(&a);
	/* A token differing in one digit, or the stored hash presented as a
	 * token, finds nothing. */
	memcpy(forged, t1, sizeof(forged));
	forged[10] = forged[10] == 'a' ? 'b' : 'a';
	assert_false(app_token_find(st, forged, &a));
	app_token_hash(t1, forged);
	assert_false(app_token_find(st, forged, &a));
	assert_false(app_token_find(st, "", &a));
	/* No token for an account that does not exist. */
	assert_int_not_equal(app_token_create(st, &local, "ghost", NULL, t1, &err), CAIRN_OK);
	/* A session token is not an API token. */
	{
		char s[ACCOUNT_TOKEN_HEX + 1];

		assert_int_equal(app_signin(st, "bot", PW, "192.0.2.40", NULL, s, &err), SIGNIN_OK);
		assert_false(app_token_find(st, s, &a));
	}
}

/* The last administrator who can sign in is never disabled nor loses the
 * role, whoever asks (the local administrator of the command line too);
 * with a second one, the first may be. */
static void
test_last_administrator(void **state)
{
	struct cairn_err err = { 0 };
	struct account_change ch = { 0 };
	struct account *v = NULL;
	size_t n = 0;

	(void)state;
	assert_int_equal(app_user_add(st, &local, "chief", NULL, PW, true, &err), CAIRN_OK);
	assert_int_equal(app_account_list(st, &local, &v, &n, &err), CAIRN_OK);
	for (size_t i = 0; i < n; i++)
		if (v[i].admin && !v[i].disabled && strcmp(v[i].username, "chief") != 0)
			assert_int_equal(app_user_set_admin(st, &local, v[i].username, false, &err),
			    CAIRN_OK);
	accounts_free(v, n);
	cairn_err_clear(&err);
	assert_int_equal(app_user_disable(st, &local, "chief", false, &err), CAIRN_EDATA);
	assert_int_equal(err.code, CAIRN_CODE_CONFLICT);
	assert_string_equal(err.field, "username");
	cairn_err_clear(&err);
	assert_int_equal(app_user_set_admin(st, &local, "chief", false, &err), CAIRN_EDATA);
	assert_int_equal(err.code, CAIRN_CODE_CONFLICT);
	cairn_err_clear(&err);
	ch.set_disabled = ch.disabled = true;
	assert_int_equal(app_user_update(st, &local, "chief", &ch, &err), CAIRN_EDATA);
	assert_string_equal(err.field, "disabled");
	cairn_err_clear(&err);
	ch = (struct account_change){ .set_admin = true, .admin = false, .full_name = "Chief" };
	assert_int_equal(app_user_update(st, &local, "chief", &ch, &err), CAIRN_EDATA);
	assert_string_equal(err.field, "admin");
	/* All or nothing: the name sent with the refused change is not kept. */
	{
		struct account a;

		assert_int_equal(store_account_get(st, "chief", &a, &err), CAIRN_OK);
		assert_string_equal(a.full_name, "chief");
		assert_true(a.admin && !a.disabled);
		account_free(&a);
	}
	assert_int_equal(app_user_add(st, &local, "chief2", NULL, PW, true, &err), CAIRN_OK);
	ch = (struct account_change){ .set_disabled = true, .disabled = true };
	assert_int_equal(app_user_update(st, &local, "chief", &ch, &err), CAIRN_OK);
	ch.disabled = false;
	assert_int_equal(app_user_update(st, &local, "chief", &ch, &err), CAIRN_OK);
}

/* A person makes, lists and revokes their own API tokens and nobody
 * else's; labels are unique among an account's live tokens. */
static void
test_own_tokens(void **state)
{
	struct actor own = actor_account("own1", false, "192.0.2.9");
	struct cairn_err err = { 0 };
	char t1[ACCOUNT_TOKEN_HEX + 1], t2[ACCOUNT_TOKEN_HEX + 1], label[64];
	struct api_token *v = NULL;
	struct account a;
	size_t n = 0;

	(void)state;
	add_user("own1");
	add_user("own2");
	assert_int_equal(app_token_create_labelled(st, &own, "own1", NULL, t1, label, sizeof(label),
	                     &err),
	    CAIRN_OK);
	assert_string_equal(label, "api");
	assert_int_equal(app_token_create_labelled(st, &own, "own1", "", t2, label, sizeof(label),
	                     &err),
	    CAIRN_OK);
	assert_string_equal(label, "api-2");
	assert_int_equal(app_token_create(st, &own, "own1", "api", t2, &err), CAIRN_EDATA);
	assert_int_equal(err.code, CAIRN_CODE_CONFLICT);
	assert_string_equal(err.field, "label");
	cairn_err_clear(&err);
	assert_int_equal(app_token_create(st, &own, "own2", "x", t2, &err), CAIRN_EPERM);
	assert_int_equal(app_token_list_account(st, &own, "own2", &v, &n, &err), CAIRN_EPERM);
	assert_int_equal(app_token_revoke_label(st, &own, "own2", "api", &err), CAIRN_EPERM);
	assert_int_equal(app_token_list_account(st, &own, "own1", &v, &n, &err), CAIRN_OK);
	assert_int_equal(n, 2);
	api_tokens_free(v, n);
	assert_true(app_token_find(st, t1, &a));
	account_free(&a);
	assert_int_equal(app_token_revoke_label(st, &own, "own1", "api", &err), CAIRN_OK);
	assert_false(app_token_find(st, t1, &a));
	cairn_err_clear(&err);
	assert_int_equal(app_token_revoke_label(st, &own, "own1", "api", &err), CAIRN_EDATA);
	assert_int_equal(err.code, CAIRN_CODE_UNKNOWN);
	/* Once revoked, its label may be given again. */
	assert_int_equal(app_token_create(st, &own, "own1", "api", t2, &err), CAIRN_OK);
}

/* The hash is the hex SHA-256 of the token (FIPS 180-2 test vectors). */
static void
test_token_hash_is_sha256(void **state)
{
	char out[ACCOUNT_TOKEN_HEX + 1];

	(void)state;
	app_token_hash("abc", out);
	assert_string_equal(out,
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	app_token_hash("", out);
	assert_string_equal(out,
	    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void
test_random_tokens(void **state)
{
	char a[ACCOUNT_TOKEN_HEX + 1], b[ACCOUNT_TOKEN_HEX + 1];

	(void)state;
	app_random_token(a);
	app_random_token(b);
	assert_true(is_lower_hex(a, ACCOUNT_TOKEN_HEX));
	assert_true(is_lower_hex(b, ACCOUNT_TOKEN_HEX));
	assert_string_not_equal(a, b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_username_rules),
		cmocka_unit_test(test_password_rules),
		cmocka_unit_test(test_signin_and_session),
		cmocka_unit_test(test_session_timeouts),
		cmocka_unit_test(test_wrong_password_and_unknown_account),
		cmocka_unit_test(test_throttle_per_account),
		cmocka_unit_test(test_throttle_per_address),
		cmocka_unit_test(test_address_delay),
		cmocka_unit_test(test_disabled_account),
		cmocka_unit_test(test_password_change),
		cmocka_unit_test(test_api_tokens),
		cmocka_unit_test(test_token_hash_is_sha256),
		cmocka_unit_test(test_random_tokens),
		cmocka_unit_test(test_last_administrator),
		cmocka_unit_test(test_own_tokens),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
