/* cairn release, cairn report. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/file.h"
#include "app/inspection.h"
#include "cli/cli.h"
#include "core/buf.h"
#include "render/release.h"
#include "render/report.h"

int
cmd_release(struct cli *c, int argc, char **argv)
{
	const char *pos[1];
	struct dossier d;
	struct release r;
	long id;
	int rc;

	if ((rc = cli_parse(c, argc, argv, NULL, pos, 1, 1, "ID [--json]",
	         "Write the news release, generated only from the stored grades, findings and\n"
	         "confidence statement.")) != 0 ||
	    (rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
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
			    (json_int_t)r.indicator_count, "counts", counts, "summary", r.summary, "text",
			    r.text));
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
	const char *format = NULL, *outpath = NULL, *pos[1];
	const struct cli_opt opts[] = {
		{"format", &format, NULL, "html|md|json"},
		{"out", &outpath, NULL, "FILE  write to FILE (default: standard output)"},
		{NULL, NULL, NULL, NULL},
	};
	struct dossier d;
	struct buf b = BUF_INIT;
	long id;
	int rc, fmt;

	if ((rc = cli_parse(c, argc, argv, opts, pos, 1, 1, "ID --format html|md|json [--out FILE]",
	         "Write the inspection report.")) != 0)
		return rc;
	if (format == NULL)
		return cairn_errf(&c->err, CAIRN_EUSAGE, "--format is required; valid: html, md, json");
	if ((fmt = report_format_parse(format)) < 0)
		return cairn_errf(&c->err, CAIRN_EUSAGE, "unknown format '%s'; valid: html, md, json",
		    format);
	if ((rc = cli_id(c, pos[0], &id)) != 0 || (rc = cli_open(c)) != 0 ||
	    (rc = app_dossier_load(c->st, id, &d, &c->err)) != 0)
		return rc;
	report_write(&d, (enum report_format)fmt, &b);
	if (buf_failed(&b))
		rc = cairn_errf(&c->err, CAIRN_ESOFTWARE, "the report is too large");
	else if (outpath != NULL)
		rc = file_write_atomic(outpath, buf_str(&b), b.len, &c->err);
	else
		fwrite(buf_str(&b), 1, b.len, stdout);
	buf_free(&b);
	dossier_free(&d);
	return rc;
}
