/*
 * Fieldwork: the engagement week and the fieldwork weeks as scheduled
 * activities (focus groups, interviews, discussions, observations, case
 * discussions, young inspectors' meetings), each with how many people of
 * each kind took part and never their names; and the counts the report's
 * and the release's methods paragraph is written from.  libc only.
 */
#ifndef CAIRN_CORE_FIELDWORK_H
#define CAIRN_CORE_FIELDWORK_H

#include <stddef.h>

/* What kind of activity. */
enum activity_kind {
	ACTIVITY_FOCUS_GROUP = 0,        /* a focus group */
	ACTIVITY_INTERVIEW,              /* a one-to-one interview */
	ACTIVITY_PARTNERSHIP_DISCUSSION, /* a partnership (professional) discussion */
	ACTIVITY_OBSERVATION,            /* an observation of practice */
	ACTIVITY_CASE_DISCUSSION,        /* a case discussion of a child's network of support */
	ACTIVITY_YOUNG_INSPECTORS, /* young inspectors' meeting with children and young people */
	ACTIVITY__MAX
};
/* Names of a kind, by enum. */
struct activity_kind_info {
	const char *code;     /* e.g. "focus-group" */
	const char *label;    /* e.g. "Focus group" */
	const char *singular; /* in a sentence: "focus group" */
	const char *plural;   /* in a sentence: "focus groups" */
	const char *source;   /* the evidence source its notes are recorded as */
};
extern const struct activity_kind_info activity_kind_table[ACTIVITY__MAX];
/* Returns the kind for a code, or -1. */
int activity_kind_parse(const char *code);

/* Where an activity stands. */
enum activity_status {
	ACTIVITY_PLANNED = 0, /* scheduled */
	ACTIVITY_HELD,        /* held: its notes have been recorded */
	ACTIVITY_CANCELLED,   /* cancelled, with a reason */
	ACTIVITY_STATUS__MAX
};
/* Codes of the statuses ("planned", "held", "cancelled"), by enum. */
extern const char *const activity_status_code[ACTIVITY_STATUS__MAX];
/* Returns the status for a code, or -1. */
int activity_status_parse(const char *code);

/* The kinds of people who take part (counted, never named). */
enum people_kind {
	PEOPLE_STAFF = 0,      /* staff */
	PEOPLE_LEADERS,        /* leaders (senior and strategic) */
	PEOPLE_CHILDREN,       /* children */
	PEOPLE_YOUNG_PEOPLE,   /* young people */
	PEOPLE_PARENTS_CARERS, /* parents and carers */
	PEOPLE__MAX
};
/* Names of a kind of people, by enum. */
struct people_kind_info {
	const char *code;     /* the input's name, e.g. "young-people" */
	const char *label;    /* e.g. "Young people" */
	const char *singular; /* in a sentence: "young person" */
	const char *plural;   /* in a sentence: "young people" */
};
extern const struct people_kind_info people_kind_table[PEOPLE__MAX];

/* One activity of the fieldwork plan. */
struct activity {
	long id;                  /* database id */
	long inspection;          /* the inspection */
	long number;              /* from 1 within the inspection */
	enum activity_kind kind;  /* what kind */
	char date[11];            /* YYYY-MM-DD */
	char *place;              /* where, malloc'd */
	char *lead;               /* who leads: a team member, malloc'd */
	char *agencies;           /* agencies taking part, malloc'd, may be NULL */
	char *roles;              /* roles taking part, malloc'd, may be NULL */
	long people[PEOPLE__MAX]; /* how many of each kind */
	enum activity_status status;
	char *cancel_reason; /* malloc'd, NULL unless cancelled */
	long nevidence;      /* evidence items recorded from it */
	char *created_by;    /* malloc'd */
	char created_at[21]; /* ISO 8601 UTC */
	char updated_at[21];
};
/* Frees an activity's contents; a no-op on a zeroed struct. */
void activity_free(struct activity *a);
/* Frees an array of n activities. */
void activity_list_free(struct activity *a, size_t n);

/* What the methods paragraph is written from: computed from the data,
 * never typed. */
struct fieldwork_methods {
	long records_read;        /* children's records with a submitted reading */
	long held[ACTIVITY__MAX]; /* activities held, by kind */
	long people[PEOPLE__MAX]; /* people met in held activities, by kind */
};

#endif
