/*
 * The evidence log: what the team found, from which source, about which
 * quality indicators, and its status, from an area of uncertainty to a
 * strength, an area for improvement or no concern.  Every change is kept
 * (who, when, old -> new).  An attached file is stored once by its SHA-256
 * in a content-addressed directory beside the database (DB.files/HASH);
 * its original name is kept as metadata only and never used as a path.
 */
#ifndef CAIRN_APP_EVIDENCE_H
#define CAIRN_APP_EVIDENCE_H

#include <stdbool.h>
#include <stddef.h>

#include "app/access/audit.h"
#include "core/buf.h"
#include "core/err.h"
#include "store/work.h"

struct store;

/* Where evidence came from. */
enum evidence_source {
	SOURCE_POSITION_STATEMENT = 0,
	SOURCE_DOCUMENT,
	SOURCE_INTERVIEW,
	SOURCE_FOCUS_GROUP,
	SOURCE_OBSERVATION,
	SOURCE_PROFESSIONAL_DISCUSSION,
	SOURCE_STAFF_SURVEY,
	SOURCE_CYP_SURVEY,          /* children and young people survey */
	SOURCE_PARENT_CARER_SURVEY, /* parent and carer survey */
	SOURCE_RECORDS_READING,
	SOURCE_DATA,
	SOURCE_YOUNG_INSPECTORS, /* young inspectors' activities and write-ups (app/fieldwork) */
	SOURCE__MAX
};
/* Names of a source, by enum. */
struct evidence_source_info {
	const char *code;  /* e.g. "focus-group" */
	const char *label; /* e.g. "Focus group" */
};
extern const struct evidence_source_info evidence_source_table[SOURCE__MAX];
/* Returns the source for a code, or -1. */
int evidence_source_parse(const char *code);

/* What the evidence shows. */
enum evidence_status {
	STATUS_NO_CONCERN = 0, /* no significant concern */
	STATUS_UNCERTAINTY,    /* an area of uncertainty: open until resolved */
	STATUS_CONCERN,        /* a concern needing action */
	STATUS_STRENGTH,       /* a strength */
	STATUS_IMPROVEMENT,    /* an area for improvement */
	STATUS__MAX
};
/* Codes of the statuses ("no-concern", ...), by enum. */
extern const char *const evidence_status_code[STATUS__MAX];
/* What a person reads for each status ("Area for improvement"), by enum. */
extern const char *const evidence_status_label[STATUS__MAX];
/* Returns the status for a code, or -1. */
int evidence_status_parse(const char *code);
/* Returns true if a piece of evidence may change from status a to b.
 * An uncertainty may be resolved into anything; a concern becomes an
 * area for improvement or is reopened as an uncertainty; no concern may
 * turn out a strength, an uncertainty or a concern; a strength or an area
 * for improvement is only reopened as an uncertainty. */
bool evidence_status_may_change(enum evidence_status a, enum evidence_status b);

/* A new piece of evidence, or the changes to one (NULL: unchanged);
 * strings borrowed. */
struct evidence_req {
	const char *source;       /* source code; required for add */
	const char *text;         /* required for add */
	const char *qis;          /* comma-separated indicator codes; "" clears */
	const char *status;       /* status code; default no-concern */
	const char *participants; /* who took part; "" clears */
	const char *date;         /* YYYY-MM-DD gathered; "" clears */
	const char *by;           /* who gathered it: a team member (add only) */
	const char *file;         /* path of a file to attach */
	const char *file_name;    /* name to keep for it (metadata only, e.g. the name a browser
	                             uploaded it under); NULL: the path's base name */
	/* add only: a further write in the evidence's own transaction, given its id
	 * (app/fieldwork links the activity it came from), or NULL */
	int (*also)(struct store *st, long evidence_id, void *arg, struct cairn_err *err);
	void *also_arg;
};

/* Adds evidence to inspection id; sets *number and, when a file was
 * attached, sha256 (65 bytes, else ""). */
int app_evidence_add(struct store *st, const struct actor *who, long id,
    const struct evidence_req *req, long *number, char sha256[static 65], struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Changes evidence number of inspection id (once app_evidence_authorise
 * allows who), recording each changed field in its history; a change to evidence linked to a grade voids a standing
 * panel sign-off.  Sets sha256 as app_evidence_add does. */
int app_evidence_update(struct store *st, const struct actor *who, long id, long number,
    const struct evidence_req *req, char sha256[static 65], struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Longest reason for withdrawing or reinstating evidence, in bytes. */
#define EVIDENCE_REASON_MAX 2000

/*
 * Withdraws evidence number of inspection id, with reason (required): the
 * item stays in the log, marked with who withdrew it, when and why, but
 * counts nowhere (the balance, the grade pages and every output leave it
 * out, and no grade or finding can newly rest on it).  Who may: as
 * app_evidence_update.  The change joins the item's history and the audit
 * log in one transaction; withdrawing evidence linked to a grade voids a
 * standing panel sign-off.  Refused (conflict) when the item is already
 * withdrawn; an item that does not exist is unknown on field "number".
 */
int app_evidence_withdraw(struct store *st, const struct actor *who, long id, long number,
    const char *reason, struct cairn_err *err) __attribute__((warn_unused_result));

/* Reinstates withdrawn evidence number (reason optional, NULL or "" for
 * none): it counts again everywhere.  Same rules and records as
 * app_evidence_withdraw; refused when the item is not withdrawn. */
int app_evidence_reinstate(struct store *st, const struct actor *who, long id, long number,
    const char *reason, struct cairn_err *err) __attribute__((warn_unused_result));

/* Lists inspection id's open areas of uncertainty: items with status
 * uncertainty that are not withdrawn, by number (free with
 * evidence_items_free). */
int app_evidence_open(struct store *st, long id, struct evidence_item **out, size_t *n,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* Checks that person (NULL: the local administrator) may change evidence
 * number: anyone's with update-evidence, their own with
 * update-own-evidence.  CAIRN_EPERM with the reason otherwise. */
int app_evidence_authorise(struct store *st, long id, long number, const char *person,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* Lists inspection id's evidence, optionally only that informing qi
 * and/or with status (codes, validated; NULL for all).  Withdrawn items
 * are listed too, marked by their withdrawn_at (it is the log). */
int app_evidence_list(struct store *st, long id, const char *qi, const char *status,
    struct evidence_item **out, size_t *n, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Items on one page of the web evidence log. */
#define EVIDENCE_PAGE_SIZE 50

/* One page of the evidence log, newest first. */
struct evidence_page {
	struct evidence_item *items; /* the page's items, owned; free with evidence_page_free */
	size_t n;                    /* number of items */
	long total;                  /* items matching the filter, on all pages */
	long page;                   /* the page shown, from 1 */
	long pages;                  /* number of pages, at least 1 (an empty log has one) */
};
/* Releases a page's items; a no-op on a zeroed page. */
void evidence_page_free(struct evidence_page *p);

/* Loads page number page (from 1) of size per inspection id's evidence
 * matching f (codes are validated: an unknown indicator, status or source
 * is CAIRN_EDATA naming the valid ones).  A page before the first or after
 * the last is CAIRN_EUSAGE naming the pages there are (an empty log has
 * page 1 only). */
int app_evidence_page(struct store *st, long id, const struct evidence_filter *f, long page,
    long per, struct evidence_page *out, struct cairn_err *err) __attribute__((warn_unused_result));

/* The most items one call of app_evidence_after gives (the API's largest
 * limit); a caller may ask for one more to learn whether more follow. */
#define EVIDENCE_AFTER_MAX 1000

/* Loads up to limit (1 to EVIDENCE_AFTER_MAX + 1) of inspection id's items
 * matching f with a number above after, in number order: the API's pages,
 * from a cursor, each reading only its own items (issue 17).  Codes are
 * validated as by app_evidence_page.  Caller frees with evidence_items_free. */
int app_evidence_after(struct store *st, long id, const struct evidence_filter *f, long after,
    long limit, struct evidence_item **out, size_t *n, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Loads one item and its history. */
int app_evidence_get(struct store *st, long id, long number, struct evidence_item *e,
    struct evidence_change **changes, size_t *nchanges, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Writes the path of the files directory beside the database into b. */
void app_evidence_dir(struct store *st, struct buf *b);

/* An evidence item's attached file, opened for sending. */
struct evidence_file {
	int fd;          /* the file, open read-only; the caller closes it (or hands it on) */
	size_t size;     /* its size in bytes, as recorded and as on disk */
	char sha256[65]; /* its hex SHA-256, from the database */
	char *name;      /* the name it was attached under (metadata only), malloc'd */
};
/* Closes the file (when still open) and frees the name; a no-op on a
 * zeroed struct whose fd is -1. */
void evidence_file_free(struct evidence_file *f);

/*
 * Opens the file attached to evidence number of inspection id.  The hash
 * is read from the database (the item must belong to the inspection), so
 * no name from a request ever becomes a path.  CAIRN_EDATA if there is no
 * such item, CAIRN_ENOINPUT if it has no file or the stored file is
 * missing or not the size recorded (the message says which).
 */
int app_evidence_file(struct store *st, long id, long number, struct evidence_file *out,
    struct cairn_err *err) __attribute__((warn_unused_result));

#endif
