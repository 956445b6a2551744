/* cairn init, cairn demo. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/file.h"
#include "app/setup/init.h"
#include "app/evaluation/dossier.h"
#include "app/publication/publish.h"
#include "app/access/db.h"
#include "app/access/checkpoint.h"
#include "cli/cli.h"
#include "core/buf.h"
#include "render/release.h"

int
cmd_init(struct cli *c, int argc, char **argv)
{
	const char *pos[1];
	char pub[CHECKPOINT_PUB_HEX];
	bool created = false;
	int rc;

	if ((rc = cli_parse(c, argc, argv, NULL, pos, 0, 0, "",
	         "Create the database (or upgrade it to the current schema) and load the\n"
	         "frameworks shipped with Cairn.  Running it again changes nothing.  A new\n"
	         "database gets its audit signing key pair (DATABASE.sign, mode 0600, and\n"
	         "DATABASE.sign.pub); the public key is printed once: keep it off the server.")) !=
	    0)
		return rc;
	if ((rc = app_init(c->db_path, &c->st, &c->err)) != CAIRN_OK)
		return rc;
	if ((rc = audit_sign_init(c->st, &created, pub, &c->err)) != CAIRN_OK)
		return rc;
	if (c->json) {
		cli_print_json(
		    json_pack("{s:s, s:i, s:s?}", "database", c->db_path, "schema_version",
		        app_db_version(c->st), "new_public_key", created ? pub : NULL));
	} else {
		printf("database %s ready (schema version %d)\n", c->db_path,
		    app_db_version(c->st));
		if (created)
			printf("audit signing public key (keep a copy off the server; also in "
			       "%s.sign.pub):\n%s\n",
			    c->db_path, pub);
	}
	return CAIRN_OK;
}

/* Writes one output of the demo into dir/name. */
static int
write_output(struct cli *c, const char *dir, const char *name, const struct buf *b)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (buf_failed(b))
		return cairn_errf(&c->err, CAIRN_ESOFTWARE, "%s is too large", path);
	if (file_write_atomic(path, buf_str(b), b->len, &c->err) != CAIRN_OK)
		return CAIRN_ECANTCREAT;
	if (!c->json)
		printf("  %s\n", path);
	return CAIRN_OK;
}

/* The outputs cairn demo writes besides the news release. */
static const struct {
	const char *name;            /* file name in the output directory */
	enum publish_format format;  /* its format */
	enum report_version version; /* full or young people's */
} demo_outputs[] = {
	{ "report.html", PUB_HTML, REPORT_FULL },
	{ "report.md", PUB_MD, REPORT_FULL },
	{ "report.json", PUB_JSON, REPORT_FULL },
	{ "report.pdf", PUB_PDF, REPORT_FULL },
	{ "report.xlsx", PUB_XLSX, REPORT_FULL },
	{ "report.csv", PUB_CSV, REPORT_FULL },
	{ "young-people.pdf", PUB_PDF, REPORT_YOUNG_PEOPLE },
	{ "young-people.html", PUB_HTML, REPORT_YOUNG_PEOPLE },
};

int
cmd_demo(struct cli *c, int argc, char **argv)
{
	const char *out = "demo-output", *pos[1];
	const struct cli_opt opts[] = {
		{ "out", &out, NULL, "DIR  directory for the outputs (default demo-output)" },
		{ NULL, NULL, NULL, NULL },
	};
	struct dossier d;
	struct release r;
	struct buf b = BUF_INIT;
	long id = 0;
	int rc;

	memset(&d, 0, sizeof(d));
	memset(&r, 0, sizeof(r));
	if ((rc = cli_parse(c, argc, argv, opts, pos, 0, 0, "[--db FILE] [--out DIR]",
	         "Build a complete fictional demo inspection (a made-up partnership; never real\n"
	         "children) in the database, and write its report and news release.")) != 0)
		return rc;
	if (mkdir(out, 0755) != 0 && errno != EEXIST)
		return cairn_errf(&c->err, CAIRN_ECANTCREAT, "cannot create %s: %s", out,
		    strerror(errno));
	if ((rc = app_init(c->db_path, &c->st, &c->err)) != CAIRN_OK ||
	    (rc = app_demo_build(c->st, &id, &c->err)) != CAIRN_OK ||
	    (rc = app_dossier_load(c->st, id, &d, &c->err)) != CAIRN_OK ||
	    (rc = release_build(&d, &r, &c->err)) != CAIRN_OK)
		goto out;
	if (!c->json)
		printf("demo inspection %ld created in %s; outputs:\n", id, c->db_path);
	buf_reset(&b);
	buf_puts(&b, r.text);
	if ((rc = write_output(c, out, "release.txt", &b)) != CAIRN_OK)
		goto out;
	/* The report in every format, the young people's version and the
	 * spreadsheet, all public (disclosure control applied). */
	for (size_t i = 0; i < sizeof(demo_outputs) / sizeof(demo_outputs[0]); i++) {
		struct publish_request req = { id, demo_outputs[i].format, REPORT_PUBLIC,
			demo_outputs[i].version, NULL };

		buf_reset(&b);
		if ((rc = publish_render(c->st, &d, &req, &b, &c->err)) != CAIRN_OK ||
		    (rc = write_output(c, out, demo_outputs[i].name, &b)) != CAIRN_OK)
			goto out;
	}
	if (c->json)
		cli_print_json(json_pack("{s:I, s:s, s:s}", "id", (json_int_t)id, "database",
		    c->db_path, "out", out));
out:
	buf_free(&b);
	release_free(&r);
	dossier_free(&d);
	return rc;
}
