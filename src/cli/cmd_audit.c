/* cairn audit verify|list. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/access/audit.h"
#include "cli/cli.h"

static int
audit_verify_cmd(struct cli *c, int argc, char **argv)
{
	const char *pos[1];
	long n = 0;
	int rc;

	if ((rc = cli_parse(c, argc, argv, NULL, pos, 0, 0, "",
	         "Recompute the audit log's keyed hash chain (key: DATABASE.key) and check it\n"
	         "against the anchor file (DATABASE.anchor); report the first entry that was\n"
	         "edited, inserted or deleted, the newest ones included (docs/reliability.md).")) !=
	        0 ||
	    (rc = cli_open(c)) != 0)
		return rc;
	rc = audit_verify(c->st, &n, &c->err);
	if (c->json)
		cli_print_json(json_pack("{s:b, s:I, s:s?}", "ok", rc == CAIRN_OK, "entries",
		    (json_int_t)n, "error", rc == CAIRN_OK ? NULL : c->err.msg));
	else if (rc == CAIRN_OK)
		printf("audit log intact: %ld entries verified\n", n);
	return rc;
}

/* What audit list prints. */
struct list_ctx {
	long inspection; /* only this inspection, or 0 for all */
	json_t *arr;     /* collects entries for --json, else NULL */
};

/* Prints one entry (callback of audit_list). */
static int
print_entry(const struct audit_entry *e, void *arg)
{
	struct list_ctx *a = arg;

	if (a->inspection != 0 && e->inspection != a->inspection)
		return 0;
	if (a->arr != NULL)
		json_array_append_new(a->arr,
		    json_pack("{s:I, s:s, s:s, s:s, s:s, s:I, s:s?, s:s?, s:b}", "id",
		        (json_int_t)e->id, "at", e->at, "actor", e->actor, "origin", e->origin,
		        "action", e->action, "inspection", (json_int_t)e->inspection, "subject",
		        e->subject, "detail", e->detail, "redacted", e->redacted != 0));
	else
		printf("%-6ld %s %-20s %-8s %-20s %-4ld %s%s%s\n", e->id, e->at, e->actor,
		    e->origin, e->action, e->inspection, e->subject ? e->subject : "",
		    e->detail ? ": " : "",
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
	struct list_ctx a = { 0, NULL };
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
	rc = audit_list(c->st, print_entry, &a, &c->err);
	if (a.arr != NULL)
		cli_print_json(a.arr);
	return rc;
}

int
cmd_audit(struct cli *c, int argc, char **argv)
{
	static const struct cli_command table[] = {
		{ "verify", audit_verify_cmd, "check the audit log's hash chain" },
		{ "list", audit_list_cmd, "list audit entries" },
		{ NULL, NULL, NULL },
	};

	return cli_dispatch(c, "audit", table, argc, argv);
}
