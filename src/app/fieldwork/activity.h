/*
 * The fieldwork plan: the engagement week and the fieldwork weeks as
 * scheduled activities (core/fieldwork.h), each with its date, place, the
 * team member who leads it, the agencies and roles taking part and how
 * many people of each kind (never names: text that looks like a personal
 * identifier is refused).  Recording an activity's notes makes a piece of
 * evidence tagged to indicators, from that activity (its source follows
 * the kind; a young inspectors' meeting is source "young-inspectors"), and
 * marks it held; only held activities count in the methods paragraph.
 *
 * Roles (app/access/role.c): view-fieldwork sees the plan (the
 * partnership co-ordinator too, but not the notes, which are evidence);
 * plan-fieldwork adds and cancels; record-fieldwork records, a young
 * inspector only the activities they lead.
 */
#ifndef CAIRN_APP_FIELDWORK_ACTIVITY_H
#define CAIRN_APP_FIELDWORK_ACTIVITY_H

#include <stddef.h>

#include "app/access/actor.h"
#include "app/evaluation/evidence.h"
#include "core/err.h"
#include "core/fieldwork.h"

struct store;

/* Longest place, agencies or roles text, in bytes. */
#define ACTIVITY_TEXT_MAX 300

/* A new activity; strings borrowed. */
struct activity_req {
	const char *kind;                /* kind code, required */
	const char *date;                /* YYYY-MM-DD, required */
	const char *place;               /* required */
	const char *lead;                /* a team member, required */
	const char *agencies;            /* optional */
	const char *roles;               /* optional */
	const char *people[PEOPLE__MAX]; /* counts as text, by people_kind_table code; NULL: 0 */
};

/* Adds an activity (planned) to inspection id; sets *number. */
int app_activity_add(struct store *st, const struct actor *who, long id,
    const struct activity_req *req, long *number, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Lists inspection id's activities by date (caller frees with
 * activity_list_free). */
int app_activity_list(struct store *st, const struct actor *who, long id, struct activity **out,
    size_t *n, struct cairn_err *err) __attribute__((warn_unused_result));

/* Loads activity number (caller frees with activity_free). */
int app_activity_get(struct store *st, const struct actor *who, long id, long number,
    struct activity *a, struct cairn_err *err) __attribute__((warn_unused_result));

/* Recording an activity's notes; strings borrowed. */
struct activity_record_req {
	const char *notes;               /* the write-up, required: becomes evidence */
	const char *qis;                 /* comma-separated indicator codes */
	const char *status;              /* evidence status code; default no-concern */
	const char *people[PEOPLE__MAX]; /* how many took part; NULL: as planned */
};

/* Records notes from activity number as evidence and marks it held, in
 * one transaction with its audit entries; sets *evidence to the evidence
 * number.  A cancelled activity is CAIRN_EDATA (conflict). */
int app_activity_record(struct store *st, const struct actor *who, long id, long number,
    const struct activity_record_req *req, long *evidence, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Cancels activity number with a reason; a held activity is not
 * cancelled (conflict). */
int app_activity_cancel(struct store *st, const struct actor *who, long id, long number,
    const char *reason, struct cairn_err *err) __attribute__((warn_unused_result));

/* The evidence recorded from one activity and its balance by status. */
struct activity_evidence {
	struct evidence_item *items; /* owned */
	size_t n;
	long counts[STATUS__MAX]; /* by enum evidence_status */
};
/* Frees it; a no-op on a zeroed struct. */
void activity_evidence_free(struct activity_evidence *e);

/* Loads the evidence recorded from activity number (needs view-evidence:
 * the notes are evidence). */
int app_activity_evidence(struct store *st, const struct actor *who, long id, long number,
    struct activity_evidence *out, struct cairn_err *err) __attribute__((warn_unused_result));

/* Checks free text for something that looks like a personal identifier
 * (core/identify.c: a CHI number, postcode, email address or phone
 * number, in the whole text or any word of it): CAIRN_EDATA naming field. */
int activity_check_identifiers(const char *field, const char *what, const char *s,
    struct cairn_err *err) __attribute__((warn_unused_result));

#endif
