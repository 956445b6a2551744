/* cairn framework list|show|import. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/setup/framework.h"
#include "app/setup/lookup.h"
#include "cli/cli.h"

static int
fw_list(struct cli *c, int argc, char **argv)
{
	struct framework_summary *v = NULL;
	size_t n = 0;
	const char *pos[1];
	int rc;

	if ((rc = cli_parse(c, argc, argv, NULL, pos, 0, 0, "", "List the frameworks.")) != 0 ||
	    (rc = cli_open(c)) != 0 || (rc = app_framework_list(c->st, &v, &n, &c->err)) != 0)
		return rc;
	if (c->json) {
		cli_print_json(framework_summaries_json(v, n));
	} else {
		printf("%-16s %-6s %-9s %s\n", "CODE", "LEVELS", "EVALUATED", "TITLE");
		for (size_t i = 0; i < n; i++)
			printf("%-16s %-6d %d of %-4d %s\n", v[i].code, v[i].nlevels,
			    v[i].nevaluated, v[i].nqis, v[i].title);
	}
	framework_summaries_free(v, n);
	return CAIRN_OK;
}

static int
fw_show(struct cli *c, int argc, char **argv)
{
	struct framework f;
	const char *pos[1];
	int rc;

	if ((rc = cli_parse(c, argc, argv, NULL, pos, 1, 1, "CODE",
	         "Show a framework: its scale, key questions and indicators.")) != 0 ||
	    (rc = cli_open(c)) != 0 || (rc = app_framework_get(c->st, pos[0], &f, &c->err)) != 0)
		return rc;
	if (c->json) {
		cli_print_json(framework_json(&f));
	} else {
		printf("%s: %s\n", f.code, f.title);
		printf("Programme: %s\n", f.programme);
		if (f.note != NULL)
			printf("Note: %s\n", f.note);
		printf("\n%s:\n", f.scale.name);
		for (size_t i = 0; i < f.scale.nlevels; i++)
			printf("  %d %-34s %s\n", f.scale.levels[i].value, f.scale.levels[i].label,
			    f.scale.levels[i].short_desc);
		for (size_t k = 0; k < f.nkqs; k++) {
			printf("\n%s\n", f.kqs[k].title);
			for (size_t i = 0; i < f.nqis; i++)
				if (strcmp(f.qis[i].kq, f.kqs[k].code) == 0)
					printf("  %-6s %s%s%s\n", f.qis[i].code, f.qis[i].title,
					    f.qis[i].evaluated ? "  [evaluated]" : "",
					    f.qis[i].uncertain ? "  [unconfirmed]" : "");
		}
	}
	framework_free(&f);
	return CAIRN_OK;
}

static int
fw_import(struct cli *c, int argc, char **argv)
{
	const char *pos[1];
	char *code = NULL;
	int rc;

	if ((rc = cli_parse(c, argc, argv, NULL, pos, 1, 1, "FILE",
	         "Import a framework from a JSON file (see docs/user-guide.md for the format).\n"
	         "A malformed file is refused with the field and reason; nothing changes.")) != 0 ||
	    (rc = cli_open(c)) != 0 ||
	    (rc = app_framework_import(c->st, cli_actor(c), pos[0], &code, &c->err)) != 0)
		return rc;
	if (c->json)
		cli_print_json(json_pack("{s:s}", "code", code));
	else
		printf("framework %s imported\n", code);
	free(code);
	return CAIRN_OK;
}

int
cmd_framework(struct cli *c, int argc, char **argv)
{
	static const struct cli_command table[] = {
		{ "list", fw_list, "list the frameworks" },
		{ "show", fw_show, "show one framework: cairn framework show CODE" },
		{ "import", fw_import,
		    "import a framework from JSON: cairn framework import FILE" },
		{ NULL, NULL, NULL },
	};

	return cli_dispatch(c, "framework", table, argc, argv);
}
