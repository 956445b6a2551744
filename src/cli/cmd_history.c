/* cairn history import|list: published results of earlier inspections. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/followup/history.h"
#include "app/followup/lookup.h"
#include "app/setup/lookup.h"
#include "cli/cli.h"

static int
history_import(struct cli *c, int argc, char **argv)
{
	struct history_import r;
	const char *pos[1];
	int rc;

	memset(&r, 0, sizeof(r));
	if ((rc = cli_parse(c, argc, argv, NULL, pos, 1, 1, "FILE",
	         "Import published results of earlier inspections from a CSV file with a header\n"
	         "row: partnership,published,framework,qi,grade,count,basis,source.  A row\n"
	         "naming an indicator is one grade; a row with qi empty and a count says how\n"
	         "many indicators were graded at that level when only counts were published.\n"
	         "basis is stated (default) or inferred.  All or nothing: a file with any error\n"
	         "imports nothing (exit 65).  Importing a publication again replaces it.\n"
	         "Only the local administrator imports (not with --as).")) != 0)
		return rc;
	if (c->as != NULL)
		return cairn_errf(&c->err, CAIRN_EPERM,
		    "%s may not import published results: only "
		    "the administrator may; run the command without --as",
		    c->as);
	if ((rc = cli_open(c)) != 0)
		return rc;
	rc = app_history_import(c->st, cli_actor(c), pos[0], &r, &c->err);
	if (rc == CAIRN_EDATA && r.errors.total > 0)
		cli_print_import_errors(c, &r.errors, pos[0]);
	if (rc == CAIRN_OK) {
		if (c->json)
			cli_print_json(json_pack("{s:b, s:I, s:I, s:I, s:I}", "imported", 1,
			    "grades", (json_int_t)r.grades, "counts", (json_int_t)r.counts,
			    "publications", (json_int_t)r.publications, "replaced",
			    (json_int_t)r.replaced));
		else
			printf("imported %zu grades and %zu counts for %zu publications (%ld "
			       "stored rows "
			       "replaced)\n",
			    r.grades, r.counts, r.publications, r.replaced);
	}
	history_import_free(&r);
	return rc;
}

static int
history_list(struct cli *c, int argc, char **argv)
{
	const char *framework = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{ "framework", &framework, NULL, "CODE  only this framework" },
		{ NULL, NULL, NULL, NULL },
	};
	struct history_row *v = NULL;
	size_t n = 0;
	int rc;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 0, 0, "[--framework CODE]",
	         "List the imported published results.")) != 0 ||
	    (rc = cli_open(c)) != 0)
		return rc;
	if (framework != NULL && !app_framework_exists(c->st, framework)) {
		char codes[512];

		app_framework_codes(c->st, codes, sizeof(codes));
		return cairn_errf(&c->err, CAIRN_EUSAGE, "unknown framework '%s'; valid: %s",
		    framework, codes);
	}
	if ((rc = app_history_list(c->st, framework, &v, &n, &c->err)) != 0)
		return rc;
	if (c->json) {
		json_t *a = json_array();

		for (size_t i = 0; i < n; i++)
			json_array_append_new(a,
			    json_pack("{s:s, s:s, s:s, s:s?, s:i, s:I, s:s, s:s}", "partnership",
			        v[i].partnership, "published", v[i].published, "framework",
			        v[i].framework, "qi", v[i].qi, "grade", v[i].grade, "count",
			        (json_int_t)v[i].count, "basis",
			        v[i].inferred ? "inferred" : "stated", "source", v[i].source));
		cli_print_json(a);
	} else {
		printf("%-24s %-10s %-10s %-5s %-5s %-5s %-8s %s\n", "PARTNERSHIP", "PUBLISHED",
		    "FRAMEWORK", "QI", "GRADE", "COUNT", "BASIS", "SOURCE");
		for (size_t i = 0; i < n; i++)
			printf("%-24s %-10s %-10s %-5s %-5d %-5ld %-8s %s\n", v[i].partnership,
			    v[i].published, v[i].framework, v[i].qi != NULL ? v[i].qi : "-",
			    v[i].grade, v[i].count, v[i].inferred ? "inferred" : "stated",
			    v[i].source);
	}
	history_rows_free(v, n);
	return CAIRN_OK;
}

int
cmd_history(struct cli *c, int argc, char **argv)
{
	static const struct cli_command table[] = {
		{ "import", history_import, "import published results from a CSV file" },
		{ "list", history_list, "list the imported published results" },
		{ NULL, NULL, NULL },
	};

	return cli_dispatch(c, "history", table, argc, argv);
}
