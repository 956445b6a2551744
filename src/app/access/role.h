/*
 * Roles and what each may do: the one table that the command line and the
 * web application both ask.  Roles are held per inspection (a person can
 * be lead on one inspection and absent from another) except the global
 * administrator, who manages accounts and teams but reads no child's
 * records and grades nothing.
 *
 * Nobody sees an inspection they are not part of: the caller looks up the
 * person's role on the inspection (app_team_role() in app/setup/team.h) and only
 * then asks role_may(); a person with no role on an inspection may do
 * nothing with it.
 *
 * Rules that need more than a role (they depend on the stage or on whose
 * record it is) are separate actions whose meaning includes the condition;
 * the caller checks the condition:
 *   ACTION_FACTUAL_ACCURACY   see the draft report, only while the
 *                             inspection is at the factual accuracy stage;
 *   ACTION_UPDATE_OWN_EVIDENCE change evidence the person recorded;
 *   ACTION_READ_ASSIGNED_RECORDS read the children's records assigned to
 *                             the person, and no others;
 *   ACTION_COMMENT_ACCURACY   comment on the draft report, only while the
 *                             inspection is at the factual accuracy stage.
 */
#ifndef CAIRN_APP_ROLE_H
#define CAIRN_APP_ROLE_H

#include <stdbool.h>
#include <stddef.h>

/* A role: per inspection, except ROLE_ADMIN which is global. */
enum role {
	ROLE_LEAD = 0,                /* inspection lead */
	ROLE_DEPUTE,                  /* depute (deputy) inspection lead */
	ROLE_INSPECTOR,               /* inspector from any scrutiny body */
	ROLE_ASSOCIATE,               /* associate assessor (authorised person) */
	ROLE_YOUNG_INSPECTOR,         /* young inspection volunteer */
	ROLE_PANEL,                   /* Quality and Consistency Panel member */
	ROLE_PARTNERSHIP_COORDINATOR, /* the partnership's inspection co-ordinator */
	ROLE_LOCAL_READER,            /* a partnership's local records reader */
	ROLE_ADMIN,                   /* global administrator: accounts, teams */
	ROLE__MAX
};

/* One thing a person can do.  Codes are stable (JSON, tests, docs). */
enum action {
	ACTION_VIEW_INSPECTION = 0,       /* see the inspection: dates, stage, team */
	ACTION_CREATE_INSPECTION,         /* create a new inspection (global) */
	ACTION_EDIT_INSPECTION,           /* change the inspection's fields */
	ACTION_MOVE_STAGE,                /* move the inspection to another stage */
	ACTION_VIEW_EVALUATION,           /* see grades, rationales, evidence balance, benchmark */
	ACTION_GRADE,                     /* grade an indicator, findings, confidence */
	ACTION_VIEW_EVIDENCE,             /* see the evidence log */
	ACTION_ADD_EVIDENCE,              /* add evidence (as oneself) */
	ACTION_UPDATE_EVIDENCE,           /* change anyone's evidence */
	ACTION_UPDATE_OWN_EVIDENCE,       /* change evidence one recorded oneself */
	ACTION_VIEW_AGGREGATES,           /* see aggregated results (records, surveys) */
	ACTION_VIEW_CHILD_RECORDS,        /* see every child-level record */
	ACTION_READ_ASSIGNED_RECORDS,     /* read and grade the records assigned to oneself */
	ACTION_MANAGE_READERS,            /* add readers, pair them, assign records */
	ACTION_IMPORT_POPULATION,         /* upload the population (sampling frame) */
	ACTION_DRAW_SAMPLE,               /* draw the records sample */
	ACTION_UPLOAD_POSITION_STATEMENT, /* upload the position statement */
	ACTION_IMPORT_SURVEY,             /* import survey responses */
	ACTION_PANEL_REVIEW,              /* record the panel's view of a grade */
	ACTION_PANEL_SIGNOFF,             /* sign off the evaluations for the panel */
	ACTION_VIEW_DRAFT_REPORT,         /* see the draft report at any stage */
	ACTION_FACTUAL_ACCURACY,          /* see the draft during factual accuracy only */
	ACTION_PUBLISH,                   /* publish the report and news release */
	ACTION_MANAGE_TEAM,               /* add and remove team members */
	ACTION_MANAGE_ACCOUNTS,           /* create, disable accounts (global) */
	ACTION_VIEW_AUDIT,                /* read the audit log */
	ACTION_EXPORT,                    /* export data (CSV, XLSX, JSON) */
	ACTION_MAINTAIN_ACTION_PLAN,      /* add actions, change their status (the co-ordinator) */
	ACTION_COMMENT_ACTION_PLAN,       /* comment on actions (inspectors) */
	ACTION_AGREE_ACTION_PLAN,         /* mark the action plan agreed */
	ACTION_REVIEW_PROGRESS,           /* record a progress review and its re-evaluations */
	ACTION_MANAGE_REFERENCE,          /* import reference data (global): frameworks, reading
	                                     templates, outcome indicators, published results */
	ACTION_VIEW_FIELDWORK,            /* see the fieldwork plan (not its notes) */
	ACTION_PLAN_FIELDWORK,            /* add and cancel fieldwork activities */
	ACTION_RECORD_FIELDWORK,          /* record an activity's notes as evidence (a young
	                                     inspector only activities they lead) */
	ACTION_VIEW_ACCURACY,             /* see the factual accuracy log (and download it) */
	ACTION_COMMENT_ACCURACY,          /* comment on the draft, only at factual accuracy */
	ACTION_RESPOND_ACCURACY,          /* answer factual accuracy comments */
	ACTION_SET_EMBARGO,               /* set the embargo and the media contact */
	ACTION_VIEW_EMBARGOED,            /* see the published report before the embargo lifts */
	ACTION_VIEW_PARTNERSHIP,          /* see the notification, return, statement, claims */
	ACTION_NOTIFY,                    /* generate the notification; record the co-ordinators */
	ACTION_RETURN_PREINSPECTION,      /* return the pre-inspection return */
	ACTION_TEST_CLAIM,                /* tag a claim to an indicator and test it */
	ACTION_DECIDE_CONCERN,            /* decide whether a matter of concern is escalated */
	ACTION_FOLLOW_CONCERN,            /* pass a concern to the partnership, record its
	                                     response, close it */
	ACTION_PROGRESS_REVIEW_NEED,      /* record whether a progress review is needed */
	ACTION_AUDIT_CHECKPOINT,          /* sign a checkpoint of the audit log (global) */
	ACTION_VIEW_TEAM,                 /* see the inspection's name, stage and team (an
	                                     administrator too, to appoint its lead; never
	                                     child-level data) */
	ACTION__MAX
};

/* Names of a role, indexed by enum role. */
struct role_info {
	const char *code;   /* command-line and JSON code, e.g. "young-inspector" */
	const char *label;  /* e.g. "Young inspector" */
	const char *phrase; /* in running text, with its article: "a young inspector" */
	bool team;          /* held per inspection (false only for the administrator) */
};
extern const struct role_info role_table[ROLE__MAX];

/* Names of an action, indexed by enum action. */
struct action_info {
	const char *code;  /* e.g. "panel-review" */
	const char *label; /* what "you may not ..." goes on with, addressed to
	                      the person: "record the panel's view of a grade" */
};
extern const struct action_info action_table[ACTION__MAX];

/* Returns true if a person holding role may do action; false for values
 * out of range. */
bool role_may(enum role r, enum action a);

/* Returns true if a person holding role by may appoint a team member to
 * role target, or remove one who holds it; false for values out of range. */
bool role_may_appoint(enum role by, enum role target);

/* Parses a role code (exact, as in role_table); returns false if unknown. */
bool role_parse(const char *code, enum role *out);
/* Parses an action code; returns false if unknown. */
bool action_parse(const char *code, enum action *out);
/* Writes the codes of the roles held per inspection, comma-separated,
 * into out (for error messages). */
void role_team_codes(char *out, size_t outsz);

#endif
