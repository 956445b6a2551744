/*
 * The rows of plan that the front ends and app/ share: moved from
 * store/plan.h (issue 16), which includes this header.  Depends only on libc.
 */
#ifndef CAIRN_CORE_PLAN_H
#define CAIRN_CORE_PLAN_H

#include <stdbool.h>
#include <stddef.h>

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
	long id;         /* database id (never shown: people see number) */
	long inspection; /* inspection id */
	long number;     /* its number within the inspection's plan (1, 2, 3 in the order
	                    added), filled by app/followup/plan.c; 0 from store/ */
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

#endif
