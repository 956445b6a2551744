/*
 * The rows of work that the front ends and app/ share: moved from
 * store/work.h (issue 16), which includes this header.  Depends only on libc.
 */
#ifndef CAIRN_CORE_WORK_H
#define CAIRN_CORE_WORK_H

#include <stdbool.h>
#include <stddef.h>

/* ---- team (store/team.c) ---- */

/* One member of an inspection's team. */
struct team_member {
	char *person;      /* person or account name; malloc'd */
	char *role;        /* role code (app/access/role.h), malloc'd */
	char *agency;      /* agency, malloc'd, may be NULL */
	char added_at[21]; /* UTC time added */
	char *added_by;    /* who added them, malloc'd */
};
/* Frees an array of members and the array. */
void team_members_free(struct team_member *v, size_t n);

/* ---- stages (store/team.c) ---- */

/* One stage move. */
struct stage_move {
	long id;           /* row id, increasing */
	char stage[48];    /* stage code */
	char moved_on[11]; /* the date given, YYYY-MM-DD */
	char *moved_by;    /* who moved it; malloc'd */
	char recorded_at[21];
};
/* Frees an array of moves and the array. */
void stage_moves_free(struct stage_move *v, size_t n);

/* ---- the Quality and Consistency Panel, grade history, grade links
 * (store/panel.c) ---- */

/* The panel's view of one grade. */
struct panel_review {
	char *qi;             /* indicator code, malloc'd */
	int grade;            /* the panel's grade (scale level value) */
	char *reason;         /* why, malloc'd */
	char *reviewer;       /* panel member, malloc'd */
	char reviewed_at[21]; /* UTC time */
};
/* Frees an array of reviews and the array. */
void panel_reviews_free(struct panel_review *v, size_t n);

/* A panel sign-off; voided_at is "" while it stands. */
struct panel_signoff {
	long id;            /* row id, increasing */
	char *signed_by;    /* malloc'd */
	char signed_at[21]; /* UTC time */
	char voided_at[21]; /* UTC time it was voided, or "" */
	char *voided_by;    /* malloc'd, NULL while it stands */
	char *void_reason;  /* what changed, malloc'd, NULL while it stands */
};
/* Frees an array of sign-offs and the array. */
void panel_signoffs_free(struct panel_signoff *v, size_t n);

/* The panel's decision on a progress review (migration 19). */
struct progress_need {
	bool recorded; /* false until the panel records one */
	bool needed;   /* a progress review is needed */
	char due[11];  /* by when, YYYY-MM-DD, "" when not needed */
	char *focus;   /* on what, malloc'd, NULL when not needed */
	char *actor;   /* who recorded it, malloc'd */
	char at[21];   /* when, UTC */
};
/* Frees its contents; a no-op on a zeroed struct. */
void progress_need_free(struct progress_need *p);

/* One entry of a grade's history. */
struct grade_event {
	long id;         /* row id, increasing */
	char *qi;        /* indicator, malloc'd */
	char kind[8];    /* "team" or "panel" */
	int grade;       /* the grade given */
	char *rationale; /* rationale or panel reason, malloc'd, may be NULL */
	char *evidence;  /* linked evidence numbers "1,4", malloc'd, may be NULL */
	char *actor;     /* who, malloc'd */
	char at[21];     /* UTC time */
};
/* Frees an array of grade events and the array. */
void grade_events_free(struct grade_event *v, size_t n);

/* One final grade of an indicator in another inspection held. */
struct held_grade {
	long inspection;    /* its id */
	char *partnership;  /* malloc'd */
	char published[11]; /* its publication date, or "" */
	char *qi;           /* indicator code, malloc'd */
	int grade;          /* the final grade: the panel's where it reviewed */
};
/* Frees an array of held grades and the array. */
void held_grades_free(struct held_grade *v, size_t n);

/* ---- the evidence log (store/evidence.c) ---- */

/* One piece of evidence. */
struct evidence_item {
	long id;              /* row id */
	long number;          /* number within the inspection, from 1 */
	char *source;         /* source code (app/evaluation/evidence.h), malloc'd */
	char *text;           /* what was found, malloc'd */
	char status[16];      /* status code */
	char *participants;   /* who took part, malloc'd, may be NULL */
	char gathered_on[11]; /* date gathered, or "" */
	char *recorded_by;    /* person who gathered it, malloc'd */
	bool young_inspector; /* gathered by a young inspector */
	char file_sha256[65]; /* attached file's hex SHA-256, or "" */
	char *file_name;      /* attached file's original name (metadata only), may be NULL */
	long file_size;       /* attached file's size in bytes, 0 if none */
	char created_at[21];  /* UTC time recorded */
	char updated_at[21];  /* UTC time last changed */
	char **qis;           /* indicator codes it informs, malloc'd */
	size_t nqis;
	bool linked;            /* linked to at least one grade */
	char withdrawn_at[21];  /* UTC time withdrawn, or "" while it counts */
	char *withdrawn_by;     /* who withdrew it, malloc'd, NULL unless withdrawn */
	char *withdrawn_reason; /* why, malloc'd, NULL unless withdrawn ("purged" after a purge) */
};
/* Releases one item's contents. */
void evidence_item_free(struct evidence_item *e);
/* Frees an array of items and the array. */
void evidence_items_free(struct evidence_item *v, size_t n);

/* What a page of the log is filtered by; each NULL for any (borrowed). */
struct evidence_filter {
	const char *qi;     /* an indicator code the item informs */
	const char *status; /* a status code */
	const char *source; /* a source code */
};

/* One change to a piece of evidence. */
struct evidence_change {
	char at[21];     /* UTC time */
	char *actor;     /* who, malloc'd */
	char *field;     /* which field ("created", "status", "text", ...), malloc'd */
	char *old_value; /* malloc'd, may be NULL */
	char *new_value; /* malloc'd, may be NULL */
};
/* Frees an array of changes and the array. */
void evidence_changes_free(struct evidence_change *v, size_t n);

#endif
