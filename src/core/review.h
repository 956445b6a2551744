/*
 * The rows of review that the front ends and app/ share: moved from
 * store/review.h (issue 16), which includes this header.  Depends only on libc.
 */
#ifndef CAIRN_CORE_REVIEW_H
#define CAIRN_CORE_REVIEW_H

#include <stdbool.h>
#include <stddef.h>

/* The decision on further review; indexes review_further_code. */
enum review_further {
	FURTHER_UNDECIDED = 0, /* not yet decided */
	FURTHER_NEEDED,        /* a further review is needed */
	FURTHER_NOT_NEEDED,    /* no further review is needed */
	FURTHER__MAX
};
/* Codes stored and shown ("", "needed", "not-needed"), by enum. */
extern const char *const review_further_code[FURTHER__MAX];

/* A progress review.  Strings malloc'd, owned by the struct. */
struct review {
	long id;                     /* database id */
	long inspection;             /* inspection id */
	int seq;                     /* 1, 2, ... within the inspection */
	char date[11];               /* YYYY-MM-DD */
	enum review_further further; /* the decision */
	char *decision_text;         /* why, may be NULL */
};

/* The progress judged on one area for improvement at a review. */
struct review_progress {
	long review;     /* review id */
	long finding;    /* area for improvement (finding id) */
	char *judgement; /* significant|some|limited|none */
	char *text;      /* what was found */
	char *evidence;  /* what it rests on, may be NULL */
};

/* A re-evaluation at a review. */
struct review_grade {
	long review;     /* review id */
	char *qi;        /* indicator code */
	int grade;       /* scale level value */
	char *rationale; /* may be NULL */
};

void review_free(struct review *r);
void reviews_free(struct review *v, size_t n);
void review_progress_free(struct review_progress *v, size_t n);
void review_grades_free(struct review_grade *v, size_t n);

#endif
