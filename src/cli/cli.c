/* Shared command-line helpers: see cli.h. */
#include "cli/cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/access/authz.h"
#include "app/access/lookup.h"
#include "app/setup/inspection.h"
#include "app/setup/team.h"
#include "app/access/db.h"
#include "core/buf.h"
#include "core/mem.h"
#include "core/text.h"

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
	{ "concern", "text", "reasons" },
	{ "concern", "text", "response" },
	{ "concern", "text", "note" },
	{ "concern", "step", "escalate" },
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

void
cli_people_named(struct cli *c, long id, enum action action, const char *const *usernames, size_t n,
    struct account **out, size_t *nout)
{
	struct cairn_err err = { 0 };

	*out = NULL;
	*nout = 0;
	if (app_person_names(c->st, cli_actor(c), id, action, usernames, n, out, nout, &err) !=
	    CAIRN_OK) {
		/* A refusal only means no names; a failure is worth a line. */
		if (err.rc != CAIRN_EPERM && err.rc != CAIRN_EDATA)
			fprintf(stderr, "%s: warning: names of people: %s\n", c->prog, err.msg);
		cairn_err_clear(&err);
	}
}

void
cli_name_people_json(struct cli *c, long id, enum action action, json_t *v, const char *const *keys,
    size_t nkeys)
{
	struct cairn_err err = { 0 };

	if (app_person_names_json(c->st, cli_actor(c), id, action, v, keys, nkeys, &err) !=
	    CAIRN_OK) {
		if (err.rc != CAIRN_EPERM && err.rc != CAIRN_EDATA)
			fprintf(stderr, "%s: warning: names of people: %s\n", c->prog, err.msg);
		cairn_err_clear(&err);
	}
}

/* Returns the code point of the bidirectional or C1 control that the
 * UTF-8 sequence at s (n bytes available) starts with, and its length in
 * *len; 0 if it starts with none. */
static unsigned
term_control(const unsigned char *s, size_t n, size_t *len)
{
	unsigned cp;

	if (n >= 2 && s[0] == 0xC2 && s[1] >= 0x80 && s[1] <= 0x9F) {
		*len = 2;
		return s[1];
	}
	if ((*len = text_bidi_control((const char *)s, n, &cp)) > 0)
		return cp;
	*len = 1;
	return 0;
}

void
cli_term_escape(struct buf *out, const char *text, size_t n, bool json)
{
	const unsigned char *s = (const unsigned char *)text;

	for (size_t i = 0; i < n;) {
		size_t len = 1;
		unsigned cp;

		if (s[i] == '\t' || s[i] == '\n' ||
		    (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n')) {
			buf_putc(out, (char)s[i]);
		} else if (s[i] < 0x20 || s[i] == 0x7F) {
			buf_printf(out, json ? "\\u%04x" : "\\x%02x", s[i]);
		} else if ((cp = term_control(s + i, n - i, &len)) != 0) {
			buf_printf(out, json ? "\\u%04x" : "<U+%04X>", cp);
		} else {
			buf_putc(out, (char)s[i]);
		}
		i += len;
	}
}

/* The state behind the escaped stdout. */
struct term_stream {
	struct cli *c;         /* for c->json (borrowed) */
	int fd;                /* where the escaped text goes */
	unsigned char hold[4]; /* an unfinished UTF-8 sequence or CR, carried over */
	size_t nhold;
};

/* Writes all of p to fd; false on an error. */
static bool
write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		p += w;
		n -= (size_t)w;
	}
	return true;
}

/* The number of bytes at the end of s[0..n) to carry over to the next
 * write: a CR (its LF may follow) or an incomplete UTF-8 sequence. */
static size_t
term_tail(const unsigned char *s, size_t n)
{
	for (size_t k = 1; k <= 3 && k <= n; k++) {
		unsigned char b = s[n - k];

		if (k == 1 && b == '\r')
			return 1;
		if ((b & 0xC0) == 0xC0) {
			size_t need = (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : 4;

			return need > k ? k : 0;
		}
		if ((b & 0xC0) != 0x80)
			return 0;
	}
	return 0;
}

static ssize_t
term_write(void *cookie, const char *data, size_t size)
{
	struct term_stream *ts = cookie;
	struct buf in = BUF_INIT, out = BUF_INIT;
	size_t keep;
	bool ok;

	buf_append(&in, ts->hold, ts->nhold);
	buf_append(&in, data, size);
	keep = term_tail((const unsigned char *)buf_str(&in), in.len);
	cli_term_escape(&out, buf_str(&in), in.len - keep, ts->c->json);
	memcpy(ts->hold, buf_str(&in) + in.len - keep, keep);
	ts->nhold = keep;
	ok = !buf_failed(&out) && write_all(ts->fd, buf_str(&out), out.len);
	buf_free(&in);
	buf_free(&out);
	return ok ? (ssize_t)size : -1;
}

static int
term_close(void *cookie)
{
	struct term_stream *ts = cookie;
	struct buf out = BUF_INIT;

	cli_term_escape(&out, (const char *)ts->hold, ts->nhold, ts->c->json);
	write_all(ts->fd, buf_str(&out), out.len);
	buf_free(&out);
	ts->nhold = 0;
	return 0;
}

void
cli_term_install(struct cli *c)
{
	static const cookie_io_functions_t io = { .write = term_write, .close = term_close };
	/* One per process, for as long as stdout lives: never freed. */
	static struct term_stream stream;
	struct term_stream *ts = &stream;
	FILE *f;

	fflush(stdout);
	ts->c = c;
	ts->fd = STDOUT_FILENO;
	if ((f = fopencookie(ts, "w", io)) == NULL)
		return; /* stdout stays as it was */
	/* as the terminal's stdout was: a line at a time on a terminal */
	if (isatty(STDOUT_FILENO))
		setvbuf(f, NULL, _IOLBF, BUFSIZ);
	stdout = f;
}
