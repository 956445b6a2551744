/*
 * The published outputs of an inspection: rendering the report in every
 * format for an audience, recording exports of internal versions, the
 * checks a report must pass before it is published, and freezing a
 * published version (its files, their SHA-256 and the time), which is
 * never changed afterwards, only superseded with a reason.
 */
#ifndef CAIRN_APP_PUBLISH_H
#define CAIRN_APP_PUBLISH_H

#include <stddef.h>

#include "app/audit.h"
#include "app/report_model.h"
#include "core/buf.h"
#include "core/err.h"

struct store;

/* Output formats; indexes publish_format_name. */
enum publish_format {
	PUB_PDF = 0,  /* A4 PDF (cairo, Pango) */
	PUB_HTML,     /* one self-contained accessible HTML file */
	PUB_MD,       /* Markdown */
	PUB_JSON,     /* the data: inspection, evaluations, findings */
	PUB_XLSX,     /* spreadsheet: the evaluations and every table behind a chart */
	PUB_CSV,      /* the evaluations as CSV */
	PUB_FORMAT__MAX
};
extern const char *const publish_format_name[PUB_FORMAT__MAX];

/* What to render. */
struct publish_request {
	long id;                          /* inspection */
	enum publish_format format;       /* output format */
	enum report_audience audience;    /* public or internal */
	enum report_version version;      /* full or young people's */
};

/*
 * Renders one output of an inspection into out.  An internal output is
 * recorded in the audit log as an export (action "report.export").
 */
int publish_export(struct store *st, const struct actor *who, const struct publish_request *r,
    struct buf *out, struct cairn_err *err) __attribute__((warn_unused_result));

/* Renders one output from a loaded dossier, without auditing. */
int publish_render(struct store *st, const struct dossier *d, const struct publish_request *r,
    struct buf *out, struct cairn_err *err) __attribute__((warn_unused_result));

#endif
