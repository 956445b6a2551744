/* cairn audit verify|list|checkpoint. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/access/audit.h"
#include "app/access/checkpoint.h"
#include "cli/cli.h"

static int
audit_verify_cmd(struct cli *c, int argc, char **argv)
{
	const char *pos[1], *pub = NULL, *line = NULL;
	bool since = false;
	const struct cli_opt opts[] = {
		{ "public-key", &pub, NULL,
		    "FILE|HEX  also check the signed checkpoints with this public key" },
		{ "checkpoint", &line, NULL,
		    "LINE  also check this checkpoint line, kept off the server" },
		{ "since-last", NULL, &since,
		    "  check only the entries added since the last check (the audit page's)" },
		{ NULL, NULL, NULL, NULL },
	};
	struct audit_check ck;
	long n = 0, k = 0;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 0, 0,
	         "[--public-key FILE|HEX [--checkpoint LINE]] [--since-last]",
	         "Recompute the audit log's keyed hash chain (key: DATABASE.key) and check it\n"
	         "against the anchor file (DATABASE.anchor); report the first entry that was\n"
	         "edited, inserted or deleted, the newest ones included.  With --public-key,\n"
	         "first check every signed checkpoint (DATABASE.checkpoints, and the\n"
	         "--checkpoint line) with the public key you hold apart from the server:\n"
	         "its signature, and that the log still holds the entry it signed\n"
	         "(docs/reliability.md).  With --since-last, go on from where the last check\n"
	         "(this one's or the audit page's) stopped, reading only the entries added\n"
	         "since.")) != 0 ||
	    (rc = cli_open(c)) != 0)
		return rc;
	if (since && (pub != NULL || line != NULL))
		return cairn_errf(&c->err, CAIRN_EUSAGE,
		    "--since-last checks the chain only, without --public-key or --checkpoint");
	if (pub != NULL || line != NULL)
		rc = audit_checkpoint_verify(c->st, pub, line, &k, &n, &c->err);
	else if (since) {
		/* The audit page's steps, run until the newest entry is checked. */
		do
			rc = audit_check_step(c->st, false, 0, 0, &ck, &c->err);
		while (rc == CAIRN_OK && !ck.done);
		n = rc == CAIRN_OK ? ck.checked : 0;
	} else if (!since)
		rc = audit_verify(c->st, &n, &c->err);
	if (c->json)
		cli_print_json(json_pack("{s:b, s:I, s:I, s:s?}", "ok", rc == CAIRN_OK, "entries",
		    (json_int_t)n, "checkpoints", (json_int_t)k, "error",
		    rc == CAIRN_OK ? NULL : c->err.msg));
	else if (rc == CAIRN_OK && (pub != NULL || line != NULL))
		printf("audit log intact: %ld signed checkpoint%s and %ld entries verified\n", k,
		    k == 1 ? "" : "s", n);
	else if (rc == CAIRN_OK)
		printf("audit log intact: %ld entries verified\n", n);
	return rc;
}

static int
audit_checkpoint_cmd(struct cli *c, int argc, char **argv)
{
	char line[CHECKPOINT_LINE_MAX], pub[CHECKPOINT_PUB_HEX];
	const char *pos[1];
	bool created = false;
	int rc;

	if ((rc = cli_parse(c, argc, argv, NULL, pos, 0, 0, "",
	         "Sign a checkpoint of the audit log (its newest entry, that entry's hash and\n"
	         "the number of entries) with the database's signing key (DATABASE.sign,\n"
	         "made on first use), append it to DATABASE.checkpoints and print it.  Keep\n"
	         "the printed line, and the public key, off the server: cairn audit verify\n"
	         "--public-key KEY --checkpoint LINE then proves the log up to it.")) != 0 ||
	    (rc = cli_open(c)) != 0)
		return rc;
	if ((rc = audit_checkpoint(c->st, cli_actor(c), line, &created, pub, &c->err)) != CAIRN_OK)
		return rc;
	if (c->json)
		cli_print_json(json_pack("{s:s, s:s?}", "checkpoint", line, "new_public_key",
		    created ? pub : NULL));
	else {
		if (created)
			printf("new signing key; its public key (keep it off the server, with the "
			       "checkpoints):\n%s\n",
			    pub);
		printf("%s\n", line);
	}
	return CAIRN_OK;
}

/* What audit list prints. */
struct list_ctx {
	long inspection;        /* only this inspection, or 0 for all */
	json_t *arr;            /* collects entries for --json, else NULL */
	struct account *people; /* every account, to name people (not for --json) */
	size_t npeople;
};

/* Prints one entry (callback of audit_list). */
static int
print_entry(const struct audit_entry *e, void *arg)
{
	struct list_ctx *a = arg;
	char who[300];

	if (a->inspection != 0 && e->inspection != a->inspection)
		return 0;
	if (a->arr != NULL)
		json_array_append_new(a->arr,
		    json_pack("{s:I, s:s, s:s, s:s, s:s, s:I, s:s?, s:s?, s:b}", "id",
		        (json_int_t)e->id, "at", e->at, "actor", e->actor, "origin", e->origin,
		        "action", e->action, "inspection", (json_int_t)e->inspection, "subject",
		        e->subject, "detail", e->detail, "redacted", e->redacted != 0));
	else
		printf("%-6ld %s %-20s %-8s %-20s %-4ld %s%s%s\n", e->id, e->at,
		    account_named(a->people, a->npeople, e->actor, who, sizeof(who)), e->origin,
		    e->action, e->inspection, e->subject ? e->subject : "", e->detail ? ": " : "",
		    e->detail         ? e->detail
		        : e->redacted ? "(text purged)"
		                      : "");
	return 0;
}

static int
audit_list_cmd(struct cli *c, int argc, char **argv)
{
	const char *insp = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ "inspection", &insp, NULL, "ID  only entries about this inspection" },
		{ NULL, NULL, NULL, NULL },
	};
	struct list_ctx a = { 0, NULL, NULL, 0 };
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 0, 0, "[--inspection ID]",
	         "List the audit log, oldest first.")) != 0)
		return rc;
	if (insp != NULL && (rc = cli_id(c, insp, &a.inspection)) != 0)
		return rc;
	if ((rc = cli_open(c)) != 0)
		return rc;
	if (c->json)
		a.arr = json_array();
	else /* Every account, read once: the entries are printed as they are read. */
		cli_people_named(c, a.inspection, ACTION_VIEW_AUDIT, NULL, 0, &a.people,
		    &a.npeople);
	rc = audit_list(c->st, print_entry, &a, &c->err);
	if (a.arr != NULL)
		cli_print_json(a.arr);
	accounts_free(a.people, a.npeople);
	return rc;
}

int
cmd_audit(struct cli *c, int argc, char **argv)
{
	static const struct cli_command table[] = {
		{ "verify", audit_verify_cmd, "check the audit log's hash chain" },
		{ "list", audit_list_cmd, "list audit entries" },
		{ "checkpoint", audit_checkpoint_cmd, "sign a checkpoint of the audit log" },
		{ NULL, NULL, NULL },
	};

	return cli_dispatch(c, "audit", table, argc, argv);
}
