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

#include "app/access/audit.h"
#include "app/access/checkpoint.h"
#include "app/publication/report_model.h"
#include "core/buf.h"
#include "core/err.h"

struct store;

/* Output formats; indexes publish_format_name. */
enum publish_format {
	PUB_PDF = 0, /* A4 PDF (cairo, Pango) */
	PUB_HTML,    /* one self-contained accessible HTML file */
	PUB_MD,      /* Markdown */
	PUB_JSON,    /* the data: inspection, evaluations, findings */
	PUB_XLSX,    /* spreadsheet: the evaluations and every table behind a chart */
	PUB_CSV,     /* the evaluations as CSV */
	PUB_FORMAT__MAX
};
extern const char *const publish_format_name[PUB_FORMAT__MAX];

/* What to render. */
struct publish_request {
	long id;                       /* inspection */
	enum publish_format format;    /* output format */
	enum report_audience audience; /* public or internal */
	enum report_version version;   /* full or young people's */
	const char *area;              /* area for the context and outcomes chapters, or
	                                     NULL to match the partnership (borrowed) */
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

/* Writes any document as an XLSX workbook into out (through a temporary
 * file, as the library writes only to files); for the web's exports. */
struct doc;
int publish_xlsx_bytes(const struct doc *doc, struct buf *out, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* One file of a frozen version. */
struct publish_file {
	char *name;      /* e.g. "report.pdf" */
	char sha256[65]; /* hex SHA-256 of its bytes */
	size_t size;     /* bytes */
};

/* What publishing did. */
struct publish_result {
	long version;               /* the new version number */
	char at[21];                /* when it was frozen (UTC) */
	long supersedes;            /* version it replaced, 0 for the first */
	struct publish_file *files; /* the files frozen */
	size_t nfiles;
	char checkpoint[CHECKPOINT_LINE_MAX]; /* the signed checkpoint taken after it ("" if
	                                         none) */
	char checkpoint_error[CAIRN_ERR_MSG]; /* why none was taken ("" if it was) */
};
/* Frees the contents of a result. */
void publish_result_free(struct publish_result *r);

/*
 * Runs every check a report must pass before publication on inspection
 * id; appends one line per failure to failures and sets *nfail.  Returns
 * CAIRN_OK when the checks could be run (whatever they found).
 */
int publish_check(struct store *st, long id, struct buf *failures, size_t *nfail,
    struct cairn_err *err) __attribute__((warn_unused_result));

/*
 * Publishes inspection id: runs publish_check and refuses (CAIRN_EDATA,
 * failures listed) if anything failed; otherwise renders the bundle (the
 * public report as PDF, HTML, XLSX, CSV and JSON, the young people's
 * version as PDF and HTML, and the news release), and in one transaction
 * records the version, every file with its SHA-256 and contents, and the
 * audit entry.  A published inspection is only published again with
 * supersede_reason (the reason for the new version); without one it is
 * refused.  Once committed, a signed checkpoint of the audit log is taken
 * (res->checkpoint); its failure does not undo the publication: it is
 * recorded in the log and in res->checkpoint_error.  When outdir is not
 * NULL the files and a SHA256SUMS manifest are written there too.
 */
int publish_freeze(struct store *st, const struct actor *who, long id, const char *supersede_reason,
    const char *outdir, struct publish_result *res, struct buf *failures, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Writes the files of version `version` of inspection id into outdir. */
int publish_extract(struct store *st, long id, long version, const char *outdir,
    struct publish_result *res, struct cairn_err *err) __attribute__((warn_unused_result));

/* Sets a publication setting for inspection id (0: every inspection):
 * "organisation" (the inspectorate's name), "logo" (a PNG file; its
 * absolute path is kept) or "threshold" (disclosure threshold, 2-100). */
int publish_setting_set(struct store *st, const struct actor *who, long id, const char *name,
    const char *value, struct cairn_err *err) __attribute__((warn_unused_result));

/* Largest logo accepted, in bytes. */
#define PUBLISH_LOGO_MAX (1L << 20)

/* An inspection's report settings, as the settings page and the API show
 * them. */
struct publish_settings {
	char published[11]; /* publication date YYYY-MM-DD, or "" */
	char *organisation; /* the inspectorate's name(s) on every output, or NULL for
	                        the default (malloc'd) */
	char *logo;         /* path of the stored logo, or NULL (malloc'd) */
	char *area;         /* the area code the partnership matches, or NULL to match
	                        by the partnership's name (malloc'd) */
	char *area_name;    /* that area's name, or NULL (malloc'd) */
	char *quote;        /* the news release's quote, or NULL (malloc'd) */
	char *quote_by;     /* who is quoted ("NAME, ROLE"), or NULL (malloc'd) */
	char *report_url;   /* the published report's address, or NULL (malloc'd) */
};
/* Frees a settings struct's contents. */
void publish_settings_free(struct publish_settings *s);

/* Loads inspection id's report settings (view-inspection). */
int app_publish_settings_get(struct store *st, const struct actor *who, long id,
    struct publish_settings *s, struct cairn_err *err) __attribute__((warn_unused_result));

/* A change to the report settings; NULL members are left alone. */
struct publish_settings_req {
	const char *published;    /* YYYY-MM-DD; "" clears it */
	const char *organisation; /* 1-200 bytes of UTF-8; "" returns to the default */
	const char *area;         /* a known area's code (publish_area_list); "" matches the
	                             partnership's name */
	const char *logo;         /* the logo's bytes: a PNG or JPEG of at most
	                             PUBLISH_LOGO_MAX bytes (NULL: no change) */
	size_t logo_len;
	bool logo_remove;       /* remove the logo */
	const char *quote;      /* the news release's quote; "" clears it */
	const char *quote_by;   /* who is quoted, "NAME, ROLE"; a quote needs it */
	const char *report_url; /* the report's address, https://... or http://...; "" clears */
};

/*
 * Changes inspection id's report settings (edit-inspection: the lead or
 * depute; the news release's quote, its attribution and the report's
 * address also need publish, the lead, as app_release_text_set does).
 * Every field is checked before anything is stored, and each error names
 * its field (published, organisation, area, logo, quote, quote-by,
 * report-url); the changes and their audit entries are one transaction.  A logo is kept in
 * the files directory beside the database, by its SHA-256, like an
 * evidence attachment (and so in backups).
 */
int app_publish_settings_set(struct store *st, const struct actor *who, long id,
    const struct publish_settings_req *req, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Checks every field of a change without storing anything (what
 * app_publish_settings_set checks first), so a form can show every error
 * at once: fills errs (at most max, one per field, each naming its field)
 * and returns how many there are. */
size_t app_publish_settings_check(const struct publish_settings_req *req, struct cairn_err *errs,
    size_t max);

/* One area a partnership can match: a council area of the open data. */
struct publish_area {
	char code[16]; /* e.g. "S12000005" */
	char name[64]; /* e.g. "Clackmannanshire" */
};
/* Lists the known areas (the open data's council areas, by name) into a
 * malloc'd array. */
int publish_area_list(struct publish_area **out, size_t *n, struct cairn_err *err)
    __attribute__((warn_unused_result));

#endif
