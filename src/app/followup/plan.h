/*
 * Joint action plans: after publication the partnership writes actions
 * against each area for improvement; every change to an action is kept;
 * the plan can be marked agreed only when every area for improvement has
 * at least one action that is not dropped.
 *
 * Status rules: planned -> in-progress, done or dropped; in-progress ->
 * done or dropped; done -> in-progress (reopened, with a note); dropped ->
 * planned (reinstated, with a note).  Marking done needs evidence;
 * dropping needs a note giving the reason.  Once the plan is agreed, the
 * last live action of an area for improvement cannot be dropped.
 */
#ifndef CAIRN_APP_PLAN_H
#define CAIRN_APP_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "app/access/audit.h"
#include "core/date.h"
#include "core/err.h"
#include "core/model.h"
#include "store/plan.h"

struct store;

/* A new action; strings borrowed. */
struct action_new {
	const char *improvement; /* the area for improvement's number within the inspection
	                            (1, 2, 3 in findings order), required */
	const char *text;        /* required */
	const char *owner;       /* required */
	const char *due;         /* required, YYYY-MM-DD */
	const char *agency;      /* optional */
};

/* A change to an action; NULL fields are left alone; strings borrowed. */
struct action_change {
	const char *status;   /* planned|in-progress|done|dropped */
	const char *note;     /* a comment; required to drop or reopen */
	const char *evidence; /* what shows it; required to mark done */
	const char *due;      /* a new due date */
};

/* Adds an action to inspection id's plan; sets *number to its number within
 * the plan (1, 2, 3 in the order added: what every front end shows and
 * takes, never the database id). */
int app_action_add(struct store *st, const struct actor *who, long id, const struct action_new *req,
    long *number, struct cairn_err *err) __attribute__((warn_unused_result));

/* Changes action number (its number within inspection id's plan) following
 * the status rules above; a change with only a note is a comment.  At least
 * one field must be given.  A number the plan does not have is CAIRN_EDATA,
 * code unknown, at field "action", naming the valid numbers. */
int app_action_update(struct store *st, const struct actor *who, long id, long number,
    const struct action_change *req, struct cairn_err *err) __attribute__((warn_unused_result));

/* Loads action number of inspection id's plan into *a, its number filled
 * (free with plan_action_free); CAIRN_EDATA, code unknown, at field
 * "action" when the plan has no such action.  Checks no role: callers
 * check who may see the inspection first (app_plan_action_get does). */
int plan_action_find(struct store *st, long id, long number, struct plan_action *a,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* Marks inspection id's plan agreed; CAIRN_EDATA naming the areas for
 * improvement without a live action, or if it is already agreed. */
int app_action_agree(struct store *st, const struct actor *who, long id, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* An inspection's plan, loaded for display.  Owned; free with plan_free. */
struct plan {
	long inspection;
	struct finding *improvements; /* the areas for improvement (kind improvement only) */
	size_t nimprovements;
	struct plan_action *actions; /* by area for improvement, then number */
	size_t nactions;
	struct plan_event *events; /* every change, by action then time */
	size_t nevents;
	bool agreed;        /* the plan was marked agreed */
	char agreed_at[21]; /* when, UTC */
	char *agreed_by;    /* who, or NULL */
};

/* Returns the number of the area for improvement that is finding fid
 * within the plan (1, 2, 3 in findings order: what every front end and the
 * report show), or 0 if fid is not one of its areas. */
long plan_area_number(const struct plan *p, long fid);

/* Loads inspection id's plan, each action's number filled. */
int app_plan_load(struct store *st, long id, struct plan *p, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Loads inspection id's plan for who, as the plan page and the API show it:
 * once who may maintain the plan, comment on it or see the evaluations
 * (CAIRN_EPERM otherwise; someone not on the team gets authz_check's
 * "unknown"). */
int app_plan_view(struct store *st, const struct actor *who, long id, struct plan *p,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Frees the contents of p. */
void plan_free(struct plan *p);

/* Returns true if a is overdue on today: due before today and neither
 * done nor dropped. */
bool plan_action_overdue(const struct plan_action *a, const struct cdate *today);

#endif
