/*
 * Matters of concern raised during an inspection, as a procedure: the
 * kinds (a child protection concern, a matter of concern about a child,
 * a concern about practice, a request for a management or learning
 * review) and the steps each runs through.  Who may make each step, what
 * may follow it and how long the next may take are the step table in
 * app/records/concern.c, which moves a concern only along it.  libc only.
 */
#ifndef CAIRN_CORE_CONCERN_H
#define CAIRN_CORE_CONCERN_H

#include <stdbool.h>
#include <stddef.h>

/* Which procedure a kind of concern runs. */
enum concern_proc {
	CONCERN_PROC_CONCERN = 0, /* a matter of concern: raise, decide, pass, respond, close */
	CONCERN_PROC_REVIEW,      /* a request for a management or learning review */
	CONCERN_PROC__MAX
};

/* What kind of concern. */
enum concern_kind {
	CONCERN_KIND_CHILD_PROTECTION = 0, /* a child protection concern */
	CONCERN_KIND_CHILD,                /* a matter of concern about a child */
	CONCERN_KIND_PRACTICE,             /* a concern about practice */
	CONCERN_KIND_REVIEW,               /* a request for a management or learning review */
	CONCERN_KIND__MAX
};
/* Names of a kind, by enum. */
struct concern_kind_info {
	const char *code;       /* e.g. "child-protection" */
	const char *label;      /* e.g. "Child protection concern" */
	enum concern_proc proc; /* the procedure it runs */
};
extern const struct concern_kind_info concern_kind_table[CONCERN_KIND__MAX];
/* Returns the kind for a code, or -1. */
int concern_kind_parse(const char *code);

/* Where a concern stands: the last step made. */
enum concern_step {
	CONCERN_RAISED = 0,    /* raised by whoever found it */
	CONCERN_ESCALATED,     /* the lead decided to escalate it, with reasons */
	CONCERN_NOT_ESCALATED, /* the lead decided not to escalate it, with reasons */
	CONCERN_PASSED,        /* passed to the partnership's designated senior officer */
	CONCERN_RESPONDED,     /* the partnership's response and local referral recorded */
	CONCERN_CLOSED,        /* closed, saying what was done */
	CONCERN_STEP__MAX
};

/* Stored and JSON codes of the steps ("raised", "escalated", ...), by enum. */
extern const char *const concern_step_code[CONCERN_STEP__MAX];
/* Returns the step for a stored code, or -1. */
int concern_step_parse(const char *code);

/* One step made, with what was recorded. */
struct concern_event {
	enum concern_step step;
	char *actor;          /* who made it, malloc'd */
	char at[21];          /* when it was recorded, ISO 8601 UTC */
	char on[11];          /* the date it happened, YYYY-MM-DD */
	char *text;           /* reasons, response or note (child-level), malloc'd, may be NULL */
	char *officer;        /* the senior officer (passed), malloc'd, may be NULL */
	char referral_on[11]; /* the local referral's date (responded), "" if none */
};

/* A matter of concern about a child and where it stands. */
struct concern {
	long id;
	char *ref; /* the child's ref */
	char *text;
	char *raised_by;
	char raised_at[21];
	char *closed_by; /* NULL while open */
	char closed_at[21];
	char *close_note;       /* may be NULL */
	enum concern_kind kind; /* what kind */
	enum concern_step step; /* the last step made */
	char step_on[11];       /* the date of the last step, YYYY-MM-DD */
	char raised_on[11];     /* the date it was raised, YYYY-MM-DD ("" if unknown) */
	/* Set by app/records/concern.c from the tables and today's date. */
	char due_on[11];              /* when the next step is due, "" if none */
	long age_days;                /* days since it was raised */
	bool overdue;                 /* the next step is past its due date */
	struct concern_event *events; /* its steps in order (loaded for one concern), owned */
	size_t nevents;
};
/* Frees n steps' contents and the array. */
void concern_events_free(struct concern_event *v, size_t n);
/* Frees one concern's contents; a no-op on a zeroed struct. */
void concern_free(struct concern *c);
/* Frees an array of n concerns. */
void concerns_free(struct concern *v, size_t n);

#endif
