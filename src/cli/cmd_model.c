/* cairn model list|validate|import|inspection: model packs (app/setup/model.h). */
#include <stdio.h>
#include <stdlib.h>

#include "app/setup/crosswalk.h"
#include "app/setup/model.h"
#include "cli/cli.h"

static int
model_list(struct cli *c, int argc, char **argv)
{
	struct pack_info *v = NULL;
	size_t n = 0;
	const char *pos[1];
	int rc;

	if ((rc = cli_parse(c, argc, argv, NULL, pos, 0, 0, "",
	         "List the model packs loaded: code, version, whether shipped, inspections.")) !=
	        0 ||
	    (rc = cli_open(c)) != 0 || (rc = app_model_list(c->st, &v, &n, &c->err)) != 0)
		return rc;
	if (c->json) {
		json_t *a = json_array();

		for (size_t i = 0; i < n; i++)
			json_array_append_new(a,
			    json_pack("{s:s, s:s, s:s, s:b, s:i}", "code", v[i].code, "version",
			        v[i].version, "title", v[i].title, "builtin", v[i].builtin,
			        "inspections", v[i].inspections));
		cli_print_json(a);
	} else {
		printf("%-22s %-8s %-8s %-11s %s\n", "CODE", "VERSION", "SHIPPED", "INSPECTIONS",
		    "TITLE");
		for (size_t i = 0; i < n; i++)
			printf("%-22s %-8s %-8s %-11d %s\n", v[i].code, v[i].version,
			    v[i].builtin ? "yes" : "no", v[i].inspections, v[i].title);
	}
	pack_infos_free(v, n);
	return CAIRN_OK;
}

static int
model_validate_cmd(struct cli *c, int argc, char **argv)
{
	struct pack_info p;
	const char *pos[1];
	int rc;

	if ((rc = cli_parse(c, argc, argv, NULL, pos, 1, 1, "DIR",
	         "Check the model pack in folder DIR (pack.json, framework.json and the\n"
	         "optional stages.json, report.json, quantifiers.json, records.json).\n"
	         "The first problem is named with its file and field; nothing is stored.")) != 0 ||
	    (rc = app_model_validate_dir(pos[0], &p, &c->err)) != 0)
		return rc;
	if (c->json)
		cli_print_json(json_pack("{s:s, s:s, s:s, s:b}", "code", p.code, "version",
		    p.version, "title", p.title, "valid", 1));
	else
		printf("model pack %s version %s is valid\n", p.code, p.version);
	pack_info_free(&p);
	return CAIRN_OK;
}

static int
model_import(struct cli *c, int argc, char **argv)
{
	struct pack_info p;
	const char *pos[1];
	int rc;

	if ((rc = cli_parse(c, argc, argv, NULL, pos, 1, 1, "DIR",
	         "Import the model pack in folder DIR: its framework, reading template and\n"
	         "files, with its version. A pack that does not validate changes nothing.")) != 0 ||
	    (rc = cli_open(c)) != 0 ||
	    (rc = app_model_import(c->st, cli_actor(c), pos[0], &p, &c->err)) != 0)
		return rc;
	if (c->json)
		cli_print_json(json_pack("{s:s, s:s}", "code", p.code, "version", p.version));
	else
		printf("model pack %s version %s imported\n", p.code, p.version);
	pack_info_free(&p);
	return CAIRN_OK;
}

static int
model_inspection(struct cli *c, int argc, char **argv)
{
	const char *pos[1];
	char *pack = NULL, *version = NULL;
	long id;
	int rc;

	if ((rc = cli_parse(c, argc, argv, NULL, pos, 1, 1, "ID",
	         "Show the model pack and version an inspection was created under.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = app_model_of_inspection(c->st, cli_actor(c), id, &pack, &version, &c->err)) != 0)
		return rc;
	if (c->json)
		cli_print_json(json_pack("{s:I, s:s?, s:s?}", "inspection", (json_int_t)id, "pack",
		    pack, "version", version));
	else if (pack != NULL)
		printf("inspection %ld: model pack %s version %s\n", id, pack, version);
	else
		printf("inspection %ld: no model pack recorded\n", id);
	free(pack);
	free(version);
	return CAIRN_OK;
}

static int
model_crosswalk(struct cli *c, int argc, char **argv)
{
	struct crosswalk cw;
	const char *pos[1];
	int rc;

	if ((rc = cli_parse(c, argc, argv, NULL, pos, 1, 1, "FILE",
	         "Check a crosswalk between two loaded packs (data/models/crosswalks/): every\n"
	         "indicator code, every relation (same, split, merged, none), and that each\n"
	         "indicator the earlier pack evaluates has a link.  The first problem is\n"
	         "named with its file and field; nothing is stored.")) != 0 ||
	    (rc = cli_open(c)) != 0 ||
	    (rc = app_crosswalk_validate_file(c->st, pos[0], &cw, &c->err)) != 0)
		return rc;
	if (c->json)
		cli_print_json(json_pack("{s:s, s:s, s:I, s:b}", "from", cw.from, "to", cw.to,
		    "links", (json_int_t)cw.nlinks, "valid", 1));
	else
		printf("crosswalk %s to %s is valid (%zu links)\n", cw.from, cw.to, cw.nlinks);
	crosswalk_free(&cw);
	return CAIRN_OK;
}

int
cmd_model(struct cli *c, int argc, char **argv)
{
	static const struct cli_command table[] = {
		{ "list", model_list, "list the model packs loaded" },
		{ "validate", model_validate_cmd,
		    "check a model pack's folder: cairn model validate DIR" },
		{ "crosswalk", model_crosswalk,
		    "check a crosswalk between two packs: cairn model crosswalk FILE" },
		{ "import", model_import, "import a model pack's folder: cairn model import DIR" },
		{ "inspection", model_inspection,
		    "the pack an inspection was created under: cairn model inspection ID" },
		{ NULL, NULL, NULL },
	};

	return cli_dispatch(c, "model", table, argc, argv);
}
