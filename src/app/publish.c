/* Published outputs: see publish.h. */
#include "app/publish.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/file.h"
#include "app/inspection.h"
#include "core/mem.h"
#include "render/doc.h"
#include "render/docfmt.h"
#include "render/pdf.h"
#include "render/report.h"
#include "render/xlsx.h"
#include "store/store.h"

const char *const publish_format_name[PUB_FORMAT__MAX] = {
	[PUB_PDF] = "pdf",
	[PUB_HTML] = "html",
	[PUB_MD] = "md",
	[PUB_JSON] = "json",
	[PUB_XLSX] = "xlsx",
	[PUB_CSV] = "csv",
};

/* Writes the workbook of doc into out, through a temporary file (the
 * library writes only to files). */
static int
xlsx_bytes(const struct doc *doc, struct buf *out, struct cairn_err *err)
{
	const char *tmp = getenv("TMPDIR");
	char path[4096], *data = NULL;
	size_t len = 0;
	int fd, rc;

	snprintf(path, sizeof(path), "%s/cairn-xlsx.XXXXXX", tmp != NULL && tmp[0] ? tmp : "/tmp");
	if ((fd = mkstemp(path)) < 0)
		return cairn_errf(err, CAIRN_ECANTCREAT, "cannot create a temporary file in %s: %s",
		    tmp != NULL && tmp[0] ? tmp : "/tmp", strerror(errno));
	close(fd);
	if ((rc = xlsx_write(doc, path, err)) == CAIRN_OK &&
	    (rc = file_read_all(path, BUF_DEFAULT_MAX, &data, &len, err)) == CAIRN_OK)
		buf_append(out, data, len);
	free(data);
	unlink(path);
	return rc;
}

int
publish_render(struct store *st, const struct dossier *d, const struct publish_request *r,
    struct buf *out, struct cairn_err *err)
{
	struct report_settings set;
	struct doc doc;
	int rc;

	memset(&doc, 0, sizeof(doc));
	if ((rc = report_settings_load(st, d->in.id, &set, err)) != CAIRN_OK)
		return rc;
	if ((rc = report_model_build(st, d, &set, r->audience, r->version, &doc, err)) != CAIRN_OK)
		goto out;
	switch (r->format) {
	case PUB_PDF:
		rc = pdf_write(&doc, out, err);
		break;
	case PUB_HTML:
		docfmt_html(&doc, out);
		break;
	case PUB_MD:
		docfmt_md(&doc, out);
		break;
	case PUB_JSON:
		report_write(d, REPORT_JSON, out);
		break;
	case PUB_XLSX:
		rc = xlsx_bytes(&doc, out, err);
		break;
	case PUB_CSV:
		docfmt_csv(&doc, out);
		break;
	case PUB_FORMAT__MAX:
		break;
	}
	if (rc == CAIRN_OK && buf_failed(out))
		rc = cairn_errf(err, CAIRN_ESOFTWARE, "the %s output is too large",
		    publish_format_name[r->format]);
out:
	doc_free(&doc);
	report_settings_free(&set);
	return rc;
}

int
publish_export(struct store *st, const struct actor *who, const struct publish_request *r,
    struct buf *out, struct cairn_err *err)
{
	struct dossier d;
	int rc;

	if ((rc = app_dossier_load(st, r->id, &d, err)) != CAIRN_OK)
		return rc;
	if ((rc = publish_render(st, &d, r, out, err)) != CAIRN_OK)
		goto out;
	if (r->audience == REPORT_INTERNAL) {
		char detail[128];

		snprintf(detail, sizeof(detail), "%s %s %s", publish_format_name[r->format],
		    report_audience_name[r->audience], report_version_name[r->version]);
		if ((rc = store_begin(st, err)) != CAIRN_OK)
			goto out;
		rc = audit_record(st, who, "report.export", r->id, "internal report", detail, err);
		if (rc == CAIRN_OK)
			rc = store_commit(st, err);
		else
			store_rollback(st);
	}
out:
	dossier_free(&d);
	return rc;
}
