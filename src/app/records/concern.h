/*
 * Matters of concern as the procedure runs (docs/guide-concerns.md).  A
 * concern is raised about a sampled child, with its kind
 * (core/concern.h); the inspection lead decides whether it is escalated,
 * with reasons; an escalated concern is passed to the partnership's
 * designated senior officer (who, on what date); the partnership's
 * response and the local referral are recorded (their dates); then it is
 * closed.  A concern the lead does not escalate is closed after the
 * decision.  A request for a management or learning review runs the same
 * steps under its own names.
 *
 * The procedure is the step table below: for each step, who may make it
 * (an action of the role table), which steps may follow it, what it needs
 * and how many days the next step may take.  app_concern_step() is the one
 * function that moves a concern, only along the table, in one transaction
 * with its audit entry.  The audit entry's detail names the step and its
 * dates, never the text (concern, reasons, response, note), which is
 * child-level and removed by a purge (app/access/purge.c).
 *
 * Due dates: the next step is due due_days after the date of the last
 * step; for the lead's decision and for passing an escalated concern, no
 * later than the last day of the inspection's fieldwork (while the team is
 * there).  A concern whose next step is past its due date is overdue.
 */
#ifndef CAIRN_APP_RECORDS_CONCERN_H
#define CAIRN_APP_RECORDS_CONCERN_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "app/access/actor.h"
#include "core/concern.h"
#include "core/err.h"

struct store;

/* Longest concern text, reasons, response or note, in bytes. */
#define CONCERN_TEXT_MAX 4000
/* Longest senior officer's name and post, in bytes. */
#define CONCERN_OFFICER_MAX 200

/* What a step needs besides the actor (bits of concern_step_info.needs). */
enum {
	CONCERN_NEEDS_TEXT = 1u << 0,    /* the text: concern, reasons, response or note */
	CONCERN_NEEDS_OFFICER = 1u << 1, /* the senior officer it was passed to */
	CONCERN_NEEDS_DATE = 1u << 2,    /* the date it happened, YYYY-MM-DD */
	CONCERN_MAY_REFERRAL = 1u << 3   /* optionally the local referral's date */
};

/* One step of the procedure, by enum concern_step. */
struct concern_step_info {
	const char *verb;                     /* the command that makes it: raise, decide... */
	const char *label[CONCERN_PROC__MAX]; /* the step as it reads, per procedure */
	const char *text_label;               /* what its text is: "Reasons", "Response"... */
	const char *text_what;                /* the same in a sentence: "the reasons" */
	const char *then[CONCERN_PROC__MAX];  /* what comes next, in plain words */
	int action;                           /* the enum action that may make it */
	unsigned next;                        /* the steps that may follow (bits by enum) */
	unsigned needs;                       /* CONCERN_NEEDS_* */
	int due_days;                         /* days within which the next step is due */
	bool by_fieldwork_end;                /* the next step is due by fieldwork's end */
};
extern const struct concern_step_info concern_step_table[CONCERN_STEP__MAX];
/* Returns true if step to may follow step from. */
bool concern_may_follow(enum concern_step from, enum concern_step to);

/* Raises a concern of kind (a kind code; NULL or "" for "child") about the
 * sampled child ref of inspection insp, as reader (NULL: the actor); sets
 * *id.  Needs ACTION_READ_ASSIGNED_RECORDS; a person whose role does not
 * see every child's records raises one only as themselves about a record
 * assigned to them. */
int app_concern_raise(struct store *st, const struct actor *who, long insp, const char *ref,
    const char *reader, const char *kind, const char *text, long *id, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* A step to make; strings borrowed. */
struct concern_step_req {
	const char *step;     /* the step's code: escalated, not-escalated, passed, responded,
	                         closed */
	const char *text;     /* reasons, response or note (required) */
	const char *officer;  /* passed: the designated senior officer */
	const char *date;     /* passed, responded: when, YYYY-MM-DD */
	const char *referral; /* responded: the local referral's date, optional */
};

/* Makes step req of concern id of inspection insp: checks who may (the
 * step's action), that it may follow the concern's last step (a skipped or
 * repeated step is CAIRN_EDATA, code conflict, saying what comes next),
 * and its inputs (field named); records it with its audit entry in one
 * transaction.  Sets *to to the step made (may be NULL). */
int app_concern_step(struct store *st, const struct actor *who, long insp, long id,
    const struct concern_step_req *req, enum concern_step *to, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Closes concern id with a note: app_concern_step with "closed". */
int app_concern_close(struct store *st, const struct actor *who, long insp, long id,
    const char *note, struct cairn_err *err) __attribute__((warn_unused_result));

/* Lists inspection insp's concerns with their age, due date and overdue
 * flag (free with concerns_free) once who may see child-level records
 * (ACTION_VIEW_CHILD_RECORDS). */
int app_concern_list(struct store *st, const struct actor *who, long insp, struct concern **out,
    size_t *n, struct cairn_err *err) __attribute__((warn_unused_result));

/* Loads concern id with its steps, age, due date and overdue flag (free
 * with concern_free), as app_concern_list; CAIRN_EDATA (field "concern",
 * code unknown) if there is none. */
int app_concern_get(struct store *st, const struct actor *who, long insp, long id,
    struct concern *c, struct cairn_err *err) __attribute__((warn_unused_result));

/* Sets c's due_on, overdue and age_days from the step table, the last day
 * of fieldwork (YYYY-MM-DD or "") and today (YYYY-MM-DD). */
void concern_timing(struct concern *c, const char *fieldwork_to, const char *today);

/* Returns concern c as JSON (new reference): number, ref, kind, step and
 * its label, text, raised by and at, step date, due date, age, overdue,
 * open, and, when with_steps, its steps.  The same for the command line
 * and the API. */
json_t *concern_json(const struct concern *c, bool with_steps);

/* Returns true if who's role on insp may make step (for showing forms). */
bool app_concern_may(struct store *st, const struct actor *who, long insp, enum concern_step step);

#endif
