/*
 * cairn user add|passwd|disable|enable|list|token|admin|tokens|revoke: accounts for the web
 * application.  Passwords are read from standard input (one line), never
 * from the command line, where other users could see them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <sodium.h>

#include "app/access/account.h"
#include "app/access/role.h"
#include "app/access/lookup.h"
#include "cli/cli.h"
#include "core/text.h"
#include "core/account.h"

/* Reads one line (the password) from standard input into out, without
 * echo when it is a terminal.  CAIRN_EDATA if it is empty or too long. */
static int
read_password(struct cli *c, char *out, size_t outsz)
{
	struct termios old, quiet;
	bool tty = isatty(STDIN_FILENO) != 0;
	size_t n;

	if (tty) {
		fprintf(stderr, "Password: ");
		if (tcgetattr(STDIN_FILENO, &old) == 0) {
			quiet = old;
			quiet.c_lflag &= ~(tcflag_t)ECHO;
			tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
		} else {
			tty = false;
		}
	}
	if (fgets(out, (int)outsz, stdin) == NULL)
		out[0] = '\0';
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fprintf(stderr, "\n");
	}
	n = strlen(out);
	if (n > 0 && out[n - 1] != '\n' && !feof(stdin))
		return cairn_errf(&c->err, CAIRN_EDATA,
		    "the password is too long; the limit is %d "
		    "bytes",
		    ACCOUNT_PASSWORD_MAX);
	while (n > 0 && (out[n - 1] == '\n' || out[n - 1] == '\r'))
		out[--n] = '\0';
	if (n == 0)
		return cairn_errf(&c->err, CAIRN_EDATA,
		    "no password on standard input; give it as "
		    "one line, e.g. printf '%%s\\n' \"$PW\" | cairn user add NAME");
	return CAIRN_OK;
}

static int
user_add(struct cli *c, int argc, char **argv)
{
	const char *name = NULL, *pos[1];
	bool admin = false;
	const struct cli_opt opts[] = {
		{ "name", &name, NULL, "\"Full Name\"  shown on pages (default: the username)" },
		{ "admin", NULL, &admin, "make the account a global administrator" },
		{ NULL, NULL, NULL, NULL },
	};
	char pw[ACCOUNT_PASSWORD_MAX + 2];
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 1, 1,
	         "USERNAME [--name \"Full Name\"] [--admin]",
	         "Create an account for the web application.  The password is read from\n"
	         "standard input (one line, at least 10 characters).  Add the account to an\n"
	         "inspection's team with 'cairn team add ID USERNAME --role ROLE'.")) != 0 ||
	    (rc = cli_open(c)) != 0 || (rc = read_password(c, pw, sizeof(pw))) != 0)
		goto out;
	if ((rc = app_user_add(c->st, cli_actor(c), pos[0], name, pw, admin, &c->err)) != 0)
		goto out;
	if (c->json)
		cli_print_json(json_pack("{s:s, s:b}", "username", pos[0], "admin", admin));
	else
		printf("account %s created%s\n", pos[0], admin ? " (administrator)" : "");
out:
	sodium_memzero(pw, sizeof(pw));
	return rc;
}

static int
user_passwd(struct cli *c, int argc, char **argv)
{
	const char *pos[1];
	char pw[ACCOUNT_PASSWORD_MAX + 2];
	int rc;

	if ((rc = cli_parse(c, argc, argv, NULL, pos, 1, 1, "USERNAME",
	         "Set a new password (read from standard input) and sign the account out\n"
	         "everywhere.")) != 0 ||
	    (rc = cli_open(c)) != 0 || (rc = read_password(c, pw, sizeof(pw))) != 0 ||
	    (rc = app_user_passwd(c->st, cli_actor(c), pos[0], pw, &c->err)) != 0)
		goto out;
	if (c->json)
		cli_print_json(json_pack("{s:s, s:b}", "username", pos[0], "changed", 1));
	else
		printf("password of %s changed; its sessions were ended\n", pos[0]);
out:
	sodium_memzero(pw, sizeof(pw));
	return rc;
}

/* cairn user disable|enable USERNAME. */
static int
user_able(struct cli *c, int argc, char **argv, bool enable)
{
	const char *pos[1];
	int rc;

	if ((rc = cli_parse(c, argc, argv, NULL, pos, 1, 1, "USERNAME",
	         enable ? "Let a disabled account sign in again."
	                : "Stop an account from signing in and end its sessions; its history "
	                  "stays.")) != 0 ||
	    (rc = cli_open(c)) != 0 ||
	    (rc = app_user_disable(c->st, cli_actor(c), pos[0], enable, &c->err)) != 0)
		return rc;
	if (c->json)
		cli_print_json(json_pack("{s:s, s:b}", "username", pos[0], "disabled", !enable));
	else
		printf("account %s %s\n", pos[0], enable ? "enabled" : "disabled");
	return CAIRN_OK;
}

static int
user_disable(struct cli *c, int argc, char **argv)
{
	return user_able(c, argc, argv, false);
}

static int
user_enable(struct cli *c, int argc, char **argv)
{
	return user_able(c, argc, argv, true);
}

static int
user_list(struct cli *c, int argc, char **argv)
{
	struct account *v = NULL;
	const char *pos[1];
	size_t n = 0;
	int rc;

	if ((rc = cli_parse(c, argc, argv, NULL, pos, 0, 0, "", "List the accounts.")) != 0 ||
	    (rc = cli_open(c)) != 0 ||
	    (rc = app_account_list(c->st, cli_actor(c), &v, &n, &c->err)) != 0)
		return rc;
	if (c->json) {
		json_t *a = json_array();

		for (size_t i = 0; i < n; i++)
			json_array_append_new(a,
			    json_pack("{s:s, s:s, s:b, s:b, s:s, s:s?}", "username", v[i].username,
			        "name", v[i].full_name, "admin", v[i].admin, "disabled",
			        v[i].disabled, "created_at", v[i].created_at, "last_signin_at",
			        v[i].last_signin_at[0] ? v[i].last_signin_at : NULL));
		cli_print_json(a);
	} else {
		printf("%-24s %-6s %-9s %s\n", "USERNAME", "ADMIN", "STATUS", "NAME");
		for (size_t i = 0; i < n; i++)
			printf("%-24s %-6s %-9s %s\n", v[i].username, v[i].admin ? "yes" : "no",
			    v[i].disabled ? "disabled" : "active", v[i].full_name);
	}
	accounts_free(v, n);
	return CAIRN_OK;
}

static int
user_token(struct cli *c, int argc, char **argv)
{
	const char *label = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ "label", &label, NULL, "TEXT  what the token is for (default \"api\")" },
		{ NULL, NULL, NULL, NULL },
	};
	char token[ACCOUNT_TOKEN_HEX + 1];
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 1, 1, "USERNAME [--label TEXT]",
	         "Make an API token for scripts acting as the account and print it once\n"
	         "(only its hash is kept).  Send it as 'Authorization: Bearer TOKEN'.  The label\n"
	         "names it among the account's tokens in use (default api, api-2, ...).")) != 0 ||
	    (rc = cli_open(c)) != 0 ||
	    (rc = app_token_create(c->st, cli_actor(c), pos[0], label, token, &c->err)) != 0)
		return rc;
	if (c->json)
		cli_print_json(json_pack("{s:s, s:s}", "username", pos[0], "token", token));
	else
		printf("%s\n", token);
	sodium_memzero(token, sizeof(token));
	return CAIRN_OK;
}

/* cairn user admin USERNAME [--remove]. */
static int
user_admin(struct cli *c, int argc, char **argv)
{
	const char *pos[1];
	bool remove = false;
	const struct cli_opt opts[] = {
		{ "remove", NULL, &remove, "take the administrator role away instead" },
		{ NULL, NULL, NULL, NULL },
	};
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 1, 1, "USERNAME [--remove]",
	         "Make an account a global administrator (or, with --remove, no longer one)\n"
	         "and end its sessions.")) != 0 ||
	    (rc = cli_open(c)) != 0 || (rc = cli_authorise(c, 0, ACTION_MANAGE_ACCOUNTS)) != 0 ||
	    (rc = app_user_set_admin(c->st, cli_actor(c), pos[0], !remove, &c->err)) != 0)
		return rc;
	if (c->json)
		cli_print_json(json_pack("{s:s, s:b}", "username", pos[0], "admin", !remove));
	else
		printf("account %s %s\n", pos[0],
		    remove ? "is no longer an administrator" : "is now an administrator");
	return CAIRN_OK;
}

/* cairn user tokens: the API tokens, never the tokens themselves. */
static int
user_tokens(struct cli *c, int argc, char **argv)
{
	struct api_token *v = NULL;
	const char *pos[1];
	size_t n = 0;
	int rc;

	if ((rc = cli_parse(c, argc, argv, NULL, pos, 0, 0, "",
	         "List the API tokens (their numbers, accounts and labels).")) != 0 ||
	    (rc = cli_open(c)) != 0 || (rc = cli_authorise(c, 0, ACTION_MANAGE_ACCOUNTS)) != 0 ||
	    (rc = app_token_list(c->st, cli_actor(c), &v, &n, &c->err)) != 0)
		return rc;
	if (c->json) {
		json_t *a = json_array();

		for (size_t i = 0; i < n; i++)
			json_array_append_new(a,
			    json_pack("{s:I, s:s, s:s, s:s, s:b, s:s?}", "id", (json_int_t)v[i].id,
			        "username", v[i].username, "label", v[i].label, "created_at",
			        v[i].created_at, "revoked", v[i].revoked, "last_used_at",
			        v[i].last_used_at[0] ? v[i].last_used_at : NULL));
		cli_print_json(a);
	} else {
		printf("%-6s %-24s %-8s %-20s %s\n", "ID", "USERNAME", "STATUS", "CREATED",
		    "LABEL");
		for (size_t i = 0; i < n; i++)
			printf("%-6ld %-24s %-8s %-20s %s\n", v[i].id, v[i].username,
			    v[i].revoked ? "revoked" : "active", v[i].created_at, v[i].label);
	}
	api_tokens_free(v, n);
	return CAIRN_OK;
}

/* cairn user revoke TOKEN-ID. */
static int
user_revoke(struct cli *c, int argc, char **argv)
{
	const char *pos[1];
	long id;
	int rc;

	if ((rc = cli_parse(c, argc, argv, NULL, pos, 1, 1, "TOKEN-ID",
	         "Revoke an API token by the number 'cairn user tokens' shows.")) != 0)
		return rc;
	if (!text_parse_long(pos[0], 1, 2147483647L, &id))
		return cairn_errf(&c->err, CAIRN_EUSAGE,
		    "'%s' is not a token number; see cairn user tokens", pos[0]);
	if ((rc = cli_open(c)) != 0 || (rc = cli_authorise(c, 0, ACTION_MANAGE_ACCOUNTS)) != 0 ||
	    (rc = app_token_revoke(c->st, cli_actor(c), id, &c->err)) != 0)
		return rc;
	if (c->json)
		cli_print_json(json_pack("{s:I, s:b}", "id", (json_int_t)id, "revoked", 1));
	else
		printf("API token %ld revoked\n", id);
	return CAIRN_OK;
}

int
cmd_user(struct cli *c, int argc, char **argv)
{
	static const struct cli_command table[] = {
		{ "add", user_add, "create an account (password on standard input)" },
		{ "passwd", user_passwd, "set a new password (on standard input)" },
		{ "disable", user_disable, "stop an account signing in" },
		{ "enable", user_enable, "let a disabled account sign in again" },
		{ "list", user_list, "list the accounts" },
		{ "token", user_token, "make an API token for an account" },
		{ "admin", user_admin, "make an account an administrator (or not)" },
		{ "tokens", user_tokens, "list the API tokens" },
		{ "revoke", user_revoke, "revoke an API token" },
		{ NULL, NULL, NULL },
	};

	return cli_dispatch(c, "user", table, argc, argv);
}
