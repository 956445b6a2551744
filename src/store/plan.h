/*
 * Joint action plans: actions against areas for improvement, the history
 * of every change to an action, and the plan's agreement.
 */
#ifndef CAIRN_STORE_PLAN_H
#define CAIRN_STORE_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

struct store;

/* The status of an action; indexes plan_status_code. */
enum plan_status {
	PLAN_PLANNED = 0, /* agreed but not started */
	PLAN_IN_PROGRESS, /* under way */
	PLAN_DONE,        /* completed, with evidence */
	PLAN_DROPPED,     /* abandoned, with a reason */
	PLAN_STATUS__MAX
};
/* Codes of the statuses ("planned", "in-progress", "done", "dropped"). */
extern const char *const plan_status_code[PLAN_STATUS__MAX];
/* Returns the status for a code, or -1. */
int plan_status_parse(const char *code);

/* One action.  Strings are malloc'd and owned by the struct. */
struct plan_action {
	long id;         /* database id (the N of 'cairn action update N') */
	long inspection; /* inspection id */
	long finding;    /* id of the area for improvement it answers */
	char *text;      /* what will be done */
	char *owner;     /* who is responsible */
	char *agency;    /* lead agency, may be NULL */
	char due[11];    /* YYYY-MM-DD */
	enum plan_status status;
	char created_at[21]; /* UTC time stamps */
	char updated_at[21];
};

/* One change to an action.  Strings are malloc'd and owned by the struct. */
struct plan_event {
	long action;             /* the action's id */
	char at[21];             /* UTC time */
	char *actor;             /* who made the change */
	enum plan_status status; /* status after the change */
	char due[11];            /* due date after the change */
	char *change;            /* what changed, e.g. "status planned -> done" */
	char *note;              /* may be NULL */
	char *evidence;          /* may be NULL */
};

/* Frees the contents of one action / arrays of actions and events. */
void plan_action_free(struct plan_action *a);
void plan_actions_free(struct plan_action *v, size_t n);
void plan_events_free(struct plan_event *v, size_t n);

/* Stores a new action (caller's transaction); sets a->id. */
int store_plan_action_insert(struct store *st, struct plan_action *a, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Stores the status, due date and updated_at of an action. */
int store_plan_action_update(struct store *st, const struct plan_action *a, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Loads action id; CAIRN_EDATA if there is none. */
int store_plan_action_load(struct store *st, long id, struct plan_action *a, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Lists an inspection's actions by finding, then id. */
int store_plan_action_list(struct store *st, long inspection, struct plan_action **out, size_t *n,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Appends an event. */
int store_plan_event_add(struct store *st, const struct plan_event *e, struct cairn_err *err)
    __attribute__((warn_unused_result));
/* Lists the events of an inspection's actions, by action then time. */
int store_plan_event_list(struct store *st, long inspection, struct plan_event **out, size_t *n,
    struct cairn_err *err) __attribute__((warn_unused_result));
/* Reads the plan's agreement: *agreed false if not agreed; otherwise at
 * and *by (malloc'd, caller frees) are set. */
int store_plan_agreement(struct store *st, long inspection, bool *agreed, char at[static 21],
    char **by, struct cairn_err *err) __attribute__((warn_unused_result));
/* Records the agreement (caller's transaction). */
int store_plan_agree(struct store *st, long inspection, const char *by, struct cairn_err *err)
    __attribute__((warn_unused_result));

#endif
