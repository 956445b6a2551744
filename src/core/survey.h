/*
 * The vocabulary of surveys: the kinds of survey an inspection runs, their
 * response scales, statements mapped to quality indicators and the
 * attributes respondents are broken down by.  Strings are malloc'd and
 * owned by the struct that holds them; each *_free() releases a struct's
 * contents (never the struct itself) and is a no-op on a zeroed struct.
 */
#ifndef CAIRN_CORE_SURVEY_H
#define CAIRN_CORE_SURVEY_H

#include <stdbool.h>
#include <stddef.h>

/* Who a survey asks. */
enum survey_kind {
	SURVEY_STAFF = 0, /* staff across the partner agencies */
	SURVEY_CYP,       /* children and young people */
	SURVEY_PARENTS,   /* parents and carers */
	SURVEY_KIND__MAX
};

/* Names of the survey kinds, indexed by enum survey_kind. */
struct survey_kind_info {
	const char *code;  /* command-line, database and JSON code, e.g. "cyp" */
	const char *label; /* e.g. "Children and young people" */
};
extern const struct survey_kind_info survey_kind_table[SURVEY_KIND__MAX];
/* Returns the kind for a code, or -1 when unknown. */
int survey_kind_parse(const char *code);

/* One answer a respondent can give. */
struct survey_level {
	char *label;    /* as shown to respondents, e.g. "Strongly agree" */
	bool positive;  /* counts as agreeing (strongly agree, agree, yes) */
	bool dont_know; /* "don't know": excluded from the share, counted apart */
	char **aliases; /* other spellings accepted on import; may be NULL */
	size_t naliases;
};

/* A response scale: the answers in the order shown to respondents. */
struct survey_scale {
	char *code;                  /* e.g. "agree5" */
	char *name;                  /* e.g. "Strongly agree to strongly disagree..." */
	struct survey_level *levels; /* at least two */
	size_t nlevels;
};

/* One statement (question) respondents answer on the scale. */
struct survey_statement {
	char *code; /* short code and the usual column header, e.g. "S1" */
	char *text; /* the statement, e.g. "I am confident that ..." */
	char **qis; /* codes of the quality indicators it informs; may be NULL */
	size_t nqis;
};

/* A survey as stored. */
struct survey {
	long id;         /* database id */
	long inspection; /* inspection it belongs to */
	char *name;      /* unique within the inspection, e.g. "staff" */
	enum survey_kind kind;
	struct survey_scale scale;           /* copied from data/scales/ when made */
	long invited;                        /* number invited, 0 when not recorded */
	struct survey_statement *statements; /* in questionnaire order */
	size_t nstatements;
	char **attributes; /* names to break down by, e.g. "agency" */
	size_t nattributes;
	long nrespondents;   /* respondents imported so far */
	long ncomments;      /* free-text comments imported so far */
	char created_at[21]; /* UTC, YYYY-MM-DDTHH:MM:SSZ */
};

/* A free-text comment from a survey: internal only, never published. */
struct survey_comment {
	long number;      /* number within its survey, from 1 */
	char *respondent; /* the respondent's id as given in the file */
	char *question;   /* the comment column's header */
	char *text;       /* the comment */
	int kind;         /* an enum finding_kind once tagged, -1 before */
	char **qis;       /* indicators it is tagged to; may be NULL */
	size_t nqis;
	char tagged_at[21]; /* UTC time of the last tagging, "" if never */
	long evidence;      /* its number in the evidence log, 0 if none */
};

/* Releases the contents of a scale, a statement, a survey. */
void survey_scale_free(struct survey_scale *s);
void survey_statement_free(struct survey_statement *s);
void survey_free(struct survey *s);
/* Frees an array of n surveys and the array. */
void surveys_free(struct survey *v, size_t n);
/* Frees an array of n comments and the array. */
void survey_comments_free(struct survey_comment *v, size_t n);

/*
 * Returns the index of the level whose label or alias equals text,
 * ignoring ASCII case and surrounding white space, or -1 if none does.
 */
int survey_scale_match(const struct survey_scale *s, const char *text);
/* Returns the index of the "don't know" level, or -1 if the scale has none. */
int survey_scale_dont_know(const struct survey_scale *s);
/* Returns the index of the statement with this code, or -1. */
int survey_statement_find(const struct survey *s, const char *code);
/* Returns the index of the attribute with this name (ASCII case ignored), or -1. */
int survey_attribute_find(const struct survey *s, const char *name);

#endif
