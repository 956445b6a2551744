/*
 * The position statement (the partnership's joint self-evaluation) as an
 * object.  The pack gives its sections and any word limit (data/models/
 * PACK/position.json: 5,000 words for at-risk-2021); a statement is
 * submitted whole, one text per section, as a new version, and refused
 * above the limit with the count.  Supporting documents are uploaded and
 * versioned by the co-ordinator; each claim of the statement (a sentence
 * the partnership asks the team to test, in one section) cites documents.
 * Inspectors tag a claim to an indicator and test it against the
 * evidence: confirmed, qualified or contradicted, optionally naming the
 * evidence; the grade page of that indicator lists its claims.
 *
 * Roles: view-partnership sees everything; upload-position-statement
 * submits, uploads documents and adds claims (the co-ordinator, lead and
 * depute); test-claim tags and tests (the lead, depute and inspectors).
 */
#ifndef CAIRN_APP_PARTNERSHIP_POSITION_H
#define CAIRN_APP_PARTNERSHIP_POSITION_H

#include <stdbool.h>
#include <stddef.h>

#include "app/access/actor.h"
#include "core/err.h"
#include "core/partnership.h"

struct store;

/* Longest section text, in bytes. */
#define POSITION_SECTION_MAX 200000
/* Longest claim, test note or document title, in bytes. */
#define POSITION_CLAIM_MAX 2000
/* Largest supporting document, in bytes. */
#define POSITION_DOCUMENT_MAX (20L << 20)
/* Most documents one claim cites. */
#define POSITION_CLAIM_DOCS_MAX 16

/* Parses a position.json (name names it in errors) into l. */
int position_layout_parse(const char *text, size_t len, const char *name, struct position_layout *l,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* Everything about inspection id's statement. */
struct position_state {
	struct position_layout layout;     /* the pack's sections and limit */
	char due[11];                      /* due date from the timeline, or "" */
	bool overdue;                      /* due before today and none submitted */
	struct position_statement stmt;    /* the latest version (version 0: none) */
	struct partnership_document *docs; /* the documents, latest versions */
	size_t ndocs;
	struct position_claim *claims; /* the claims, their documents and tests */
	size_t nclaims;
};
/* Frees a state's contents. */
void position_state_free(struct position_state *s);

/* Loads inspection id's statement, documents and claims. */
int app_position_state(struct store *st, const struct actor *who, long id, struct position_state *s,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* One section of a submission; strings borrowed. */
struct position_text {
	const char *code; /* the section's code */
	const char *text; /* may be NULL or "" */
};

/* Submits a statement (n sections, each code once): refused above the
 * pack's word limit, naming the count (field "statement"); sets *version
 * and *words. */
int app_position_submit(struct store *st, const struct actor *who, long id,
    const struct position_text *secs, size_t n, long *version, long *words, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Uploads a supporting document: a new one titled title when number is 0
 * (sets *number), else a new version of document number; sets *version. */
int app_position_document(struct store *st, const struct actor *who, long id, long *number,
    const char *title, const char *filename, const char *data, size_t len, long *version,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* Loads version (0: latest) of document number: *data and *filename
 * malloc'd; audited. */
int app_position_document_get(struct store *st, const struct actor *who, long id, long number,
    long version, char **data, size_t *len, char **filename, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Adds a claim in section, citing documents (comma-separated numbers, may
 * be NULL); sets *number. */
int app_position_claim(struct store *st, const struct actor *who, long id, const char *section,
    const char *text, const char *documents, long *number, struct cairn_err *err)
    __attribute__((warn_unused_result));

/* Tags claim number to indicator qi and records the verdict ("confirmed",
 * "qualified", "contradicted", or NULL/"" for tagged and not yet tested),
 * the evidence number tested against (text, may be NULL) and a note. */
int app_position_test(struct store *st, const struct actor *who, long id, long number,
    const char *qi, const char *verdict, const char *evidence, const char *note,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* One claim tagged to an indicator, with that indicator's test. */
struct claim_for_qi {
	long number;   /* the claim */
	char *section; /* malloc'd */
	char *body;    /* malloc'd */
	enum claim_verdict verdict;
	long evidence;   /* 0: none */
	char *note;      /* malloc'd or NULL */
	char *tested_by; /* malloc'd */
};
/* Frees n of them and the array. */
void claims_for_qi_free(struct claim_for_qi *v, size_t n);

/* Lists the claims of inspection id tagged to indicator qi (for the grade
 * page; needs view-evaluation). */
int app_position_claims_for(struct store *st, const struct actor *who, long id, const char *qi,
    struct claim_for_qi **out, size_t *n, struct cairn_err *err)
    __attribute__((warn_unused_result));

#endif
