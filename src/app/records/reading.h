/*
 * Readings of sampled children's records.  A reading is one reader's
 * answers to the inspection's template for one selected record; it starts
 * as a draft and is then submitted, after which it is locked: an answer can
 * change only with a reason, and the old and new answers are kept.  For
 * double-read records, differences between the two readings are listed
 * (compare) and an agreed answer can be recorded (resolve) without changing
 * either reading.
 *
 * Which answer counts for a child: the resolution if there is one, else the
 * answer of the child's first submitted reading (lowest id).  Drafts never
 * count.  Compare and agreement use the first two submitted readings.
 *
 * Who may record (docs/guide-reading.md: "recording readings and raising
 * concerns need read-assigned-records, and a person records only their
 * own readings"), decided here for every front end (the command line with
 * --as, a web session, an API token, every import):
 *   - the actor needs ACTION_READ_ASSIGNED_RECORDS on the inspection
 *     (authz_check; CAIRN_EPERM otherwise);
 *   - a person records only as the reader bearing their name (the reader's
 *     name is the person's, as with a web account's username), and only a
 *     selected record assigned to one of that reader's pairs in either
 *     round.  This holds whatever else their role allows: a lead, depute,
 *     inspector or associate, whose role also sees every child's records
 *     (ACTION_VIEW_CHILD_RECORDS), still records only their own readings
 *     of the records assigned to them.  Refusals are CAIRN_EPERM with the
 *     field "reader" (someone else's reading) or "ref" (a record not
 *     assigned to them);
 *   - the local administrator (a command-line run without a person, who
 *     holds the database file) records for any reader, for example when
 *     typing up readings made on paper; the record must still be selected.
 * An import is checked row by row and is all or nothing: a row that the
 * person may not record is refused with its line and column, and the
 * import then fails with CAIRN_EPERM.
 * Matters of concern (raising one from a reading, and the steps after)
 * are app/records/concern.h.
 */
#ifndef CAIRN_APP_READING_H
#define CAIRN_APP_READING_H

#include <stdbool.h>
#include <stddef.h>

#include "app/access/audit.h"
#include "app/records/reader.h"
#include "app/records/sample.h"
#include "app/records/template.h"
#include "core/csv.h"
#include "core/err.h"

struct store;

/* Longest note, reason or concern text, in bytes. */
#define READING_TEXT_MAX 4000

/* One answer to record; strings borrowed. */
struct reading_entry {
	const char *ref;    /* the sampled record */
	const char *reader; /* reader name */
	const char *item;   /* template item code */
	const char *agency; /* agency code for per-agency items, else NULL */
	const char *answer; /* the answer as typed */
	const char *note;   /* optional */
	const char *reason; /* required when the reading is submitted */
};

/* Everything needed to check and report readings, loaded at once. */
/* The readings in member order (reading.c), for reading_ctx_pair. */
struct reading_index;

struct reading_ctx {
	long insp;                /* the inspection */
	struct framework fw;      /* its framework (for the scale) */
	struct template tpl;      /* the template it reads with */
	struct sample sample;     /* the sample */
	struct reading_plan plan; /* readers, pairs, assignments */
	struct reading *readings; /* every reading, by id */
	size_t nreadings;
	struct reading_answer *answers; /* every answer, by reading id */
	size_t nanswers;
	struct resolution *resolutions; /* agreed answers */
	size_t nresolutions;
	struct reading_index *by_member; /* readings by member, built by app_reading_ctx and
	                                    rebuilt when readings change; owned; may be NULL */
};
void reading_ctx_free(struct reading_ctx *x);
int app_reading_ctx(struct store *st, long insp, struct reading_ctx *out, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Returns the answer of reading r to (item, agency), or NULL. */
const char *reading_ctx_answer(const struct reading_ctx *x, long reading, const char *item,
    const char *agency);
/* Returns the first two submitted readings of a member in r[0], r[1]
 * (NULL when missing). */
void reading_ctx_pair(const struct reading_ctx *x, long member, const struct reading *r[2]);
/* Returns the reader name of a reading ("?" if unknown). */
const char *reading_ctx_reader(const struct reading_ctx *x, const struct reading *r);

/*
 * The record ref as the reader who is opens it (to view or record): loads
 * x and sets *me to who's reader and *m to the record.  CAIRN_EPERM with
 * code CAIRN_CODE_UNKNOWN when who is not a reader of the inspection or
 * the record is not a selected record assigned to them, so that a front
 * end can answer as if it did not exist; the authz_check refusal when who
 * may not read assigned records; CAIRN_EDATA when the inspection has no
 * sample or template.  On success the caller frees x.
 */
int app_reading_target(struct store *st, const struct actor *who, long insp, const char *ref,
    struct reading_ctx *x, const struct reader **me, const struct sample_member **m,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* Records one answer (creating a draft reading when needed). */
int app_reading_answer(struct store *st, const struct actor *who, long insp,
    const struct reading_entry *e, bool *changed, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Records which agencies' records were seen (comma-separated codes). */
int app_reading_agencies(struct store *st, const struct actor *who, long insp, const char *ref,
    const char *reader, const char *agencies, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Submits a draft reading; refuses a second submission and unanswered items. */
int app_reading_submit(struct store *st, const struct actor *who, long insp, const char *ref,
    const char *reader, struct cairn_err *err) __attribute__((warn_unused_result));

/* Bytes kept of a problem's message. */
#define READING_PROBLEM_MSG 320

/* One answer refused, or one item missing when a reading is submitted. */
struct reading_problem {
	size_t entry;                  /* index of the answer refused; SIZE_MAX: missing */
	char item[80];                 /* template item code */
	char agency[80];               /* agency code, "" for items answered once */
	enum cairn_code code;          /* CAIRN_CODE_INVALID or CAIRN_CODE_REQUIRED */
	char msg[READING_PROBLEM_MSG]; /* one sentence for a person */
};

/* The problems of one save, in the order of the answers, then the
 * template's order for missing items. */
struct reading_problems {
	struct reading_problem *v; /* malloc'd */
	size_t n;
};
void reading_problems_free(struct reading_problems *pr);

/*
 * Saves the answers e[0..n) of one reading (of ref by reader) in one
 * transaction, creating the draft when needed, with one audit entry per
 * answer; with submit, then submits it in the same transaction, refusing
 * an incomplete reading.  Every answer is checked first: each bad one is
 * listed in pr (may be NULL; the caller frees it) and nothing changes;
 * err is the first, with the item's code as its field.  On submit, every
 * item still unanswered (every item but free text; per-agency items for
 * each agency recorded as read) is listed in pr with CAIRN_CODE_REQUIRED.
 * A submitted reading is refused (CAIRN_EDATA).  Who may: see above.
 */
int app_reading_save(struct store *st, const struct actor *who, long insp, const char *ref,
    const char *reader, const struct reading_entry *e, size_t n, bool submit,
    struct reading_problems *pr, struct cairn_err *err) __attribute__((warn_unused_result));

/* What an import did. */
struct reading_import_result {
	long rows;      /* answers stored */
	long readings;  /* readings touched */
	long submitted; /* readings submitted (with submit) */
};
/* Imports answers from CSV (columns ref, reader, item, answer, and
 * optionally note and agency), all or nothing; submit submits every
 * reading in the file afterwards.  Every row is checked against who may
 * record it (see above): a row refused for that is listed with its line
 * and column like any other bad row, and the import then fails with
 * CAIRN_EPERM instead of CAIRN_EDATA. */
int app_reading_import(struct store *st, const struct actor *who, long insp, const char *path,
    bool submit, struct reading_import_result *res, struct csv_errors *errs, struct cairn_err *err)
    __attribute__((warn_unused_result));

/*
 * Corrects a submitted reading of ref by reader (needs
 * ACTION_MANAGE_READERS: the lead or depute): each of e[0..n) gives an
 * item (agency for per-agency items) and its corrected answer; reason is
 * required.  Every changed answer keeps its old value in the reading's
 * history (with the reason and who corrected it); the reading stays
 * submitted and its reader stays its author.  All answers are checked
 * first, and everything is one transaction with one audit entry
 * ("reading.correct", child-level: a purge removes its detail, and the
 * reasons in the history).  Refused (field "reader", CAIRN_CODE_CONFLICT)
 * when the reading is not submitted; field "answer" when nothing changes.
 * *changed is the number of answers changed.
 */
int app_reading_correct(struct store *st, const struct actor *who, long insp, const char *ref,
    const char *reader, const struct reading_entry *e, size_t n, const char *reason, long *changed,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* Records the agreed answer to a double-read item (needs
 * ACTION_VIEW_CHILD_RECORDS). */
int app_reading_resolve(struct store *st, const struct actor *who, long insp, const char *ref,
    const char *item, const char *agency, const char *answer, const char *note,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* Records in the audit log that child-level reading data was viewed or
 * exported (action e.g. "sample.view", "sample.export"). */
int app_reading_viewed(struct store *st, const struct actor *who, long insp, const char *action,
    const char *subject, struct cairn_err *err) __attribute__((warn_unused_result));

/* Matters of concern: app/records/concern.h. */

#endif
