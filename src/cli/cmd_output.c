/* cairn release, cairn report. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/file.h"
#include "app/evaluation/dossier.h"
#include "app/publication/draft.h"
#include "app/publication/publish.h"
#include "app/access/role.h"
#include "cli/cli.h"
#include "core/buf.h"
#include "render/release.h"

int
cmd_release(struct cli *c, int argc, char **argv)
{
	const char *pos[1];
	struct dossier d;
	struct release r;
	long id;
	int rc;

	/* "cairn release check FILE --inspection ID" (cmd_release_check.c) */
	if (argc > 0 && strcmp(argv[0], "check") == 0)
		return cmd_release_check(c, argc - 1, argv + 1);
	if ((rc = cli_parse(c, argc, argv, NULL, pos, 1, 1,
	         "ID [--json]  |  cairn release check FILE --inspection ID",
	         "Write the news release, generated only from the stored grades, findings and\n"
	         "confidence statement.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = app_draft_check(c->st, cli_actor(c), id, &c->err)) != 0 ||
	    (rc = app_dossier_load(c->st, id, &d, &c->err)) != 0)
		return rc;
	if ((rc = release_build(&d, &r, &c->err)) == CAIRN_OK) {
		if (c->json) {
			json_t *counts = json_object();

			for (size_t l = 0; l < r.nlevels; l++)
				if (r.counts[l] > 0)
					json_object_set_new(counts, d.fw.scale.levels[l].label,
					    json_integer((json_int_t)r.counts[l]));
			cli_print_json(json_pack("{s:I, s:o, s:s, s:s}", "indicator_count",
			    (json_int_t)r.indicator_count, "counts", counts, "summary", r.summary,
			    "text", r.text));
		} else {
			fputs(r.text, stdout);
		}
		release_free(&r);
	}
	dossier_free(&d);
	return rc;
}

int
cmd_report(struct cli *c, int argc, char **argv)
{
	const char *format = NULL, *outpath = NULL, *audience = "public", *version = "full";
	const char *area = NULL;
	const char *pos[1];
	const struct cli_opt opts[] = {
		{ "format", &format, NULL, "pdf|html|md|json|xlsx|csv  output format (required)" },
		{ "out", &outpath, NULL,
		    "FILE  write to FILE (default: standard output; pdf and xlsx need it)" },
		{ "audience", &audience, NULL, "public|internal  who it is for (default public)" },
		{ "version", &version, NULL, "full|young-people  which report (default full)" },
		{ "area", &area, NULL,
		    "NAME|CODE  council area for the context and outcomes chapters "
		    "(default: the partnership's name)" },
		{ NULL, NULL, NULL, NULL },
	};
	struct publish_request r;
	struct buf b = BUF_INIT;
	int rc, v;

	memset(&r, 0, sizeof(r));
	if ((rc = cli_parse(c, argc, argv, opts, pos, 1, 1,
	         "ID --format pdf|html|md|json|xlsx|csv [--audience public|internal]\n"
	         "       [--version full|young-people] [--area NAME|CODE] [--out FILE]",
	         "Write the inspection report.  Public outputs have disclosure control applied;\n"
	         "internal ones are marked NOT FOR PUBLICATION on every page and their export is\n"
	         "recorded in the audit log.")) != 0)
		return rc;
	if (format == NULL)
		return cairn_errf(&c->err, CAIRN_EUSAGE,
		    "--format is required; valid: pdf, html, md, json, xlsx, csv");
	if ((v = report_name_parse(publish_format_name, PUB_FORMAT__MAX, format)) < 0)
		return cairn_errf(&c->err, CAIRN_EUSAGE,
		    "unknown format '%s'; valid: pdf, html, md, json, xlsx, csv", format);
	r.format = (enum publish_format)v;
	if ((v = report_name_parse(report_audience_name, REPORT_AUDIENCE__MAX, audience)) < 0)
		return cairn_errf(&c->err, CAIRN_EUSAGE,
		    "unknown audience '%s'; valid: public, internal", audience);
	r.audience = (enum report_audience)v;
	if ((v = report_name_parse(report_version_name, REPORT_VERSION__MAX, version)) < 0)
		return cairn_errf(&c->err, CAIRN_EUSAGE,
		    "unknown version '%s'; valid: full, young-people", version);
	r.version = (enum report_version)v;
	r.area = area;
	if ((r.format == PUB_PDF || r.format == PUB_XLSX) && outpath == NULL)
		return cairn_errf(&c->err, CAIRN_EUSAGE, "--out FILE is required for --format %s",
		    publish_format_name[r.format]);
	if ((rc = cli_id(c, pos[0], &r.id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = (r.audience == REPORT_INTERNAL
	             ? cli_authorise(c, r.id, ACTION_VIEW_DRAFT_REPORT)
	             : app_draft_check(c->st, cli_actor(c), r.id, &c->err))) != 0)
		return rc;
	if ((rc = publish_export(c->st, cli_actor(c), &r, &b, &c->err)) != CAIRN_OK)
		goto out;
	if (outpath != NULL)
		rc = file_write_atomic(outpath, buf_str(&b), b.len, &c->err);
	else
		fwrite(buf_str(&b), 1, b.len, stdout);
	if (rc == CAIRN_OK && outpath != NULL && c->json)
		cli_print_json(json_pack("{s:I, s:s, s:s, s:s, s:s, s:I}", "id", (json_int_t)r.id,
		    "format", publish_format_name[r.format], "audience",
		    report_audience_name[r.audience], "version", report_version_name[r.version],
		    "out", outpath, "bytes", (json_int_t)b.len));
out:
	buf_free(&b);
	return rc;
}
