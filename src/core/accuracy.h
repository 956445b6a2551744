/*
 * Factual accuracy and the embargo (issue 21): the rows app/publication/
 * accuracy.c and embargo.c keep and the front ends show.  A comment is the
 * partnership's, on one passage of the draft report named by the report
 * model's section id and the block's number in that section; its answer is
 * the team's.  The embargo is when the published report and release may be
 * seen by anyone outside the inspection team.
 */
#ifndef CAIRN_CORE_ACCURACY_H
#define CAIRN_CORE_ACCURACY_H

#include <stdbool.h>
#include <stddef.h>

/* How the team answered a comment; indexes accuracy_response_table. */
enum accuracy_response {
	ACCURACY_OPEN = 0,     /* not answered yet */
	ACCURACY_ACCEPTED,     /* accepted: the text was changed */
	ACCURACY_NOT_ACCEPTED, /* not accepted, with the reason */
	ACCURACY_RESPONSE__MAX
};

/* Names of a response, indexed by enum accuracy_response. */
struct accuracy_response_info {
	const char *code;  /* stored, command-line and JSON code, e.g. "not-accepted" */
	const char *label; /* e.g. "Not accepted" */
};
extern const struct accuracy_response_info accuracy_response_table[ACCURACY_RESPONSE__MAX];
/* Returns the response whose code is s, or -1. */
int accuracy_response_parse(const char *s);

/* One factual accuracy comment and its answer.  Strings malloc'd, owned. */
struct accuracy_comment {
	long id;                         /* row id */
	long inspection;                 /* the inspection */
	long number;                     /* 1, 2, ... within the inspection */
	char *section;                   /* report model section id, e.g. "evaluations" */
	long paragraph;                  /* block number in that section, from 1 */
	char *passage;                   /* the quoted passage */
	char *comment;                   /* the partnership's comment */
	char *made_by;                   /* who commented */
	char made_at[21];                /* when, "YYYY-MM-DDTHH:MM:SSZ" */
	enum accuracy_response response; /* the answer, or ACCURACY_OPEN */
	char *before;                    /* accepted: the text before, else NULL */
	char *after;                     /* accepted: the text after, else NULL */
	char *reason;                    /* not accepted: why, else NULL */
	char *responded_by;              /* who answered, or NULL */
	char responded_at[21];           /* when, or "" */
};
/* Frees a comment's contents; a no-op on a zeroed struct. */
void accuracy_comment_free(struct accuracy_comment *c);
/* Frees n comments and the array. */
void accuracy_comments_free(struct accuracy_comment *v, size_t n);

/* An inspection's embargo.  Strings malloc'd, owned. */
struct embargo {
	bool set;             /* false: no embargo recorded */
	char lifts_local[17]; /* UK time it lifts, "YYYY-MM-DDTHH:MM" */
	long long lifts_at;   /* the same instant, seconds since 1970 UTC */
	char *media_contact;  /* the media contact, or NULL */
	char *set_by;         /* who set it, or NULL */
	char updated_at[21];  /* when it was set */
};
/* Frees an embargo's contents; a no-op on a zeroed struct. */
void embargo_free(struct embargo *e);
/* Returns true if there is no embargo or it has lifted at instant now
 * (core/clock.h): from the minute it lifts, not before. */
bool embargo_lifted(const struct embargo *e, long long now);
/* Writes the release's embargo line, "Embargoed until 00:01 Tuesday 3
 * March 2026" (UK time), into out (at least 64 bytes); "" when there is
 * no embargo. */
void embargo_line(const struct embargo *e, char *out, size_t outsz);

#endif
