/* Shared command-line helpers: see cli.h. */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/access/authz.h"
#include "app/setup/inspection.h"
#include "app/setup/team.h"
#include "app/access/db.h"

static void
print_help(const struct cli *c, const struct cli_opt *opts, const char *usage, const char *about)
{
	printf("Usage: %s %s\n\n%s\n", c->prog, usage, about);
	printf("\nOptions:\n");
	for (const struct cli_opt *o = opts; o != NULL && o->name != NULL; o++)
		printf("  --%-22s %s\n", o->name, o->help != NULL ? o->help : "");
	printf("  --%-22s %s\n", "json", "print machine-readable JSON");
	printf("  --%-22s %s\n", "as PERSON", "act for a team member (their role decides)");
	printf("  --%-22s %s\n", "db FILE", "database file (default $CAIRN_DB or ./cairn.db)");
	printf("  --%-22s %s\n", "help", "show this help");
}

/* Returns the option called name (length n) in opts, or NULL. */
static const struct cli_opt *
find_opt(const struct cli_opt *opts, const char *name, size_t n)
{
	for (const struct cli_opt *o = opts; o != NULL && o->name != NULL; o++)
		if (strlen(o->name) == n && strncmp(o->name, name, n) == 0)
			return o;
	return NULL;
}

/* Flags named otherwise than the app/ field they set: the command, the
 * field, the flag.  Any other field is set by the flag of its own name. */
static const struct {
	const char *command, *field, *flag;
} field_flags[] = {
	{ "sample", "min-per", "min-per-stratum" },
	{ "inspection", "fieldwork-from", "fieldwork" },
	{ "inspection", "fieldwork-to", "fieldwork" },
	{ "evidence", "qis", "qi" },
	{ "finding", "qis", "qi" },
};

/* Returns whether the options last parsed include name. */
static bool
has_opt(const struct cli *c, const char *name)
{
	char key[CAIRN_ERR_FIELD + 2];

	snprintf(key, sizeof(key), ",%s,", name);
	return strstr(c->optnames, key) != NULL;
}

const char *
cli_err_flag(const struct cli *c)
{
	const char *cmd = c->prog != NULL && strncmp(c->prog, "cairn ", 6) == 0 ? c->prog + 6 : "";
	size_t n = strcspn(cmd, " ");

	if (c->err.field[0] == '\0')
		return NULL;
	for (size_t i = 0; i < sizeof(field_flags) / sizeof(field_flags[0]); i++)
		if (strlen(field_flags[i].command) == n &&
		    strncmp(field_flags[i].command, cmd, n) == 0 &&
		    strcmp(field_flags[i].field, c->err.field) == 0 &&
		    has_opt(c, field_flags[i].flag))
			return field_flags[i].flag;
	return has_opt(c, c->err.field) ? c->err.field : NULL;
}

int
cli_parse(struct cli *c, int argc, char **argv, const struct cli_opt *opts, const char **pos,
    size_t minpos, size_t maxpos, const char *usage, const char *about)
{
	size_t npos = 0;
	bool only_pos = false;

	snprintf(c->optnames, sizeof(c->optnames), ",");
	for (const struct cli_opt *o = opts; o != NULL && o->name != NULL; o++)
		snprintf(c->optnames + strlen(c->optnames),
		    sizeof(c->optnames) - strlen(c->optnames), "%s,", o->name);
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i], *eq, *name, *val = NULL;
		const struct cli_opt *o;
		size_t n;

		if (only_pos || a[0] != '-' || a[1] != '-' || strcmp(a, "-") == 0) {
			if (npos == maxpos)
				return cairn_errf(&c->err, CAIRN_EUSAGE,
				    "unexpected argument '%s'; usage: %s %s", a, c->prog, usage);
			pos[npos++] = a;
			continue;
		}
		if (a[2] == '\0') {
			only_pos = true;
			continue;
		}
		name = a + 2;
		eq = strchr(name, '=');
		n = eq != NULL ? (size_t)(eq - name) : strlen(name);
		if (n == 4 && strncmp(name, "help", 4) == 0) {
			print_help(c, opts, usage, about);
			return -1;
		}
		if (n == 4 && strncmp(name, "json", 4) == 0 && eq == NULL) {
			c->json = true;
			continue;
		}
		o = find_opt(opts, name, n);
		if (o == NULL && !(n == 2 && strncmp(name, "db", 2) == 0) &&
		    !(n == 2 && strncmp(name, "as", 2) == 0)) {
			char valid[1024] = "";
			size_t len = 0;

			for (const struct cli_opt *p = opts; p != NULL && p->name != NULL; p++) {
				int w =
				    snprintf(valid + len, sizeof(valid) - len, "--%s, ", p->name);

				if (w < 0 || (size_t)w >= sizeof(valid) - len)
					break;
				len += (size_t)w;
			}
			return cairn_errf(&c->err, CAIRN_EUSAGE,
			    "unknown option '--%.*s'; valid: %s--json, --db, --help", (int)n, name,
			    valid);
		}
		if (o != NULL && o->flag != NULL) {
			if (eq != NULL)
				return cairn_errf(&c->err, CAIRN_EUSAGE,
				    "option --%s takes no value", o->name);
			*o->flag = true;
			continue;
		}
		if (eq != NULL) {
			val = eq + 1;
		} else if (i + 1 < argc) {
			val = argv[++i];
		} else {
			return cairn_errf(&c->err, CAIRN_EUSAGE, "option --%.*s needs a value",
			    (int)n, name);
		}
		if (o == NULL && n == 2 && strncmp(name, "db", 2) == 0)
			c->db_path = val;
		else if (o == NULL)
			c->as = val;
		else
			*o->value = val;
	}
	if (npos < minpos)
		return cairn_errf(&c->err, CAIRN_EUSAGE, "missing arguments; usage: %s %s", c->prog,
		    usage);
	return CAIRN_OK;
}

int
cli_open(struct cli *c)
{
	if (c->st != NULL)
		return CAIRN_OK;
	return app_db_open(c->db_path, STORE_EXISTING, &c->st, &c->err);
}

void
cli_print_json(json_t *v)
{
	char *s = json_dumps(v, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY);

	if (s != NULL) {
		puts(s);
		free(s);
	}
	json_decref(v);
}

int
cli_id(struct cli *c, const char *text, long *id)
{
	return app_parse_id(text, id, &c->err);
}

int
cli_dispatch(struct cli *c, const char *group, const struct cli_command *table, int argc,
    char **argv)
{
	static char prog[128]; /* outlives the call: main prints errors with it */

	if (argc < 1 || strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "help") == 0) {
		printf("Usage: cairn %s COMMAND ...\n\nCommands:\n", group);
		for (const struct cli_command *t = table; t->name != NULL; t++)
			printf("  %-12s %s\n", t->name, t->summary);
		return argc < 1 ? CAIRN_EUSAGE : CAIRN_OK;
	}
	for (const struct cli_command *t = table; t->name != NULL; t++) {
		if (strcmp(t->name, argv[0]) == 0) {
			snprintf(prog, sizeof(prog), "cairn %s %s", group, t->name);
			c->prog = prog;
			return t->fn(c, argc - 1, argv + 1);
		}
	}
	{
		char valid[512] = "";
		size_t len = 0;

		for (const struct cli_command *t = table; t->name != NULL; t++) {
			int w = snprintf(valid + len, sizeof(valid) - len, "%s%s", len ? ", " : "",
			    t->name);

			if (w < 0 || (size_t)w >= sizeof(valid) - len)
				break;
			len += (size_t)w;
		}
		return cairn_errf(&c->err, CAIRN_EUSAGE, "unknown command '%s %s'; valid: %s",
		    group, argv[0], valid);
	}
}

const struct actor *
cli_actor(struct cli *c)
{
	c->actor = actor_cli(c->as);
	return &c->actor;
}

int
cli_authorise(struct cli *c, long id, enum action action)
{
	return authz_check(c->st, cli_actor(c), id, action, NULL, &c->err);
}
