/*
 * The partnership's side of an inspection (issue 21), as data: the
 * co-ordinators it appoints (staff, named as text), the notification letter
 * as stored, the pack's layout of the pre-inspection return and a return
 * as received, the pack's position statement sections, a statement, its
 * supporting documents, its claims and the inspectors' tests of them.
 * Depends only on libc.
 */
#ifndef CAIRN_CORE_PARTNERSHIP_H
#define CAIRN_CORE_PARTNERSHIP_H

#include <stdbool.h>
#include <stddef.h>

/* The two co-ordinators a partnership appoints on notification. */
enum contact_kind {
	CONTACT_INSPECTION = 0, /* the inspection co-ordinator: the team's main contact */
	CONTACT_PARTICIPATION,  /* the participation co-ordinator: children and families */
	CONTACT__MAX
};
/* A contact kind's code ("inspection-coordinator") and label. */
struct contact_kind_info {
	const char *code;
	const char *label;
};
extern const struct contact_kind_info contact_kind_table[CONTACT__MAX];
/* Returns the kind for code, or -1. */
int contact_kind_parse(const char *code);

/* One co-ordinator as recorded. */
struct partnership_contact {
	enum contact_kind kind;
	char *name;          /* their name (a member of staff); malloc'd */
	char *job;           /* their job title, malloc'd or NULL */
	char *updated_by;    /* who recorded it; malloc'd */
	char updated_at[21]; /* UTC time recorded */
};
/* Frees a contact's strings; a no-op on a zeroed one. */
void partnership_contact_free(struct partnership_contact *c);

/* A notification letter as generated and frozen. */
struct notification {
	long number;         /* 1, 2, ... within the inspection */
	char dated[11];      /* the letter's date, YYYY-MM-DD */
	char *body;          /* the letter as Markdown, frozen; malloc'd */
	char sha256[65];     /* hex SHA-256 of body */
	char *created_by;    /* malloc'd */
	char created_at[21]; /* UTC time generated */
};
/* Frees a notification's strings; a no-op on a zeroed one. */
void notification_free(struct notification *n);
/* Frees n notifications and the array. */
void notifications_free(struct notification *v, size_t n);

/* The type of a column of the pre-inspection return. */
enum preret_type {
	PRERET_TEXT = 0, /* any text (checked for personal identifiers) */
	PRERET_INTEGER,  /* a whole number, 0 or more */
	PRERET_NUMBER,   /* a number, 0 or more (full-time equivalents) */
	PRERET_DATE,     /* YYYY-MM-DD */
	PRERET_YESNO,    /* yes or no */
	PRERET__MAX
};
/* Each type's code ("integer") and how it is described in an error. */
struct preret_type_info {
	const char *code;
	const char *says; /* "a whole number of 0 or more" */
};
extern const struct preret_type_info preret_type_table[PRERET__MAX];
/* Returns the type for code, or -1. */
int preret_type_parse(const char *code);

/* A column of a sheet of the return. */
struct preret_column {
	char *name;  /* header as it must appear in the returned file; malloc'd */
	char *title; /* what it holds; malloc'd */
	enum preret_type type;
	bool required; /* every row must have a value */
};
/* A sheet of the return. */
struct preret_sheet {
	char *name;    /* sheet name and CSV file stem; malloc'd */
	char *title;   /* malloc'd */
	char *note;    /* guidance, malloc'd or NULL */
	bool required; /* the return must include this sheet */
	struct preret_column *cols;
	size_t ncols;
};
/* The pack's layout of the return (return.json). */
struct preret_layout {
	char *title;     /* malloc'd */
	char *due_stage; /* the stage of the timeline by whose start it is due; malloc'd */
	struct preret_sheet *sheets;
	size_t n;
};
/* Frees a layout's contents; a no-op on a zeroed one. */
void preret_layout_free(struct preret_layout *l);

/* A return as stored: one version, its sheets and row counts. */
struct preret_return {
	long version;         /* 1, 2, ...; the latest counts */
	char *allowed;        /* columns allowed although identifier-like, or NULL; malloc'd */
	char sha256[65];      /* hex SHA-256 over the sheets as stored */
	char *returned_by;    /* malloc'd */
	char returned_at[21]; /* UTC */
	char **sheets;        /* sheet names, malloc'd */
	long *rows;           /* rows of each sheet */
	char **bodies;        /* each sheet's rows as JSON (array of arrays of text); malloc'd */
	size_t nsheets;
};
/* Frees a return's contents; a no-op on a zeroed one. */
void preret_return_free(struct preret_return *r);

/* A section of the position statement as the pack defines it. */
struct position_section_def {
	char *code;  /* e.g. "S1"; malloc'd */
	char *title; /* malloc'd */
};
/* The pack's position statement (position.json). */
struct position_layout {
	char *title;     /* malloc'd */
	char *due_stage; /* malloc'd */
	long word_limit; /* 0: none */
	struct position_section_def *sections;
	size_t n;
};
/* Frees a layout's contents; a no-op on a zeroed one. */
void position_layout_free(struct position_layout *l);

/* A statement as submitted (the latest version counts). */
struct position_statement {
	long version;          /* 0: none submitted */
	long words;            /* words counted in all its sections and claims */
	char sha256[65];       /* hex SHA-256 over its sections */
	char *submitted_by;    /* malloc'd */
	char submitted_at[21]; /* UTC */
	char **codes;          /* section codes, malloc'd */
	char **bodies;         /* section texts, malloc'd */
	size_t n;
};
/* Frees a statement's contents; a no-op on a zeroed one. */
void position_statement_free(struct position_statement *s);

/* A supporting document and its latest version. */
struct partnership_document {
	long id;           /* row id */
	long number;       /* 1, 2, ... within the inspection */
	char *title;       /* malloc'd */
	long version;      /* latest version */
	char *filename;    /* latest version's file name; malloc'd */
	long size;         /* bytes */
	char sha256[65];   /* latest version's hex SHA-256 */
	char *uploaded_by; /* malloc'd */
	char uploaded_at[21];
};
/* Frees n documents' contents and the array. */
void partnership_documents_free(struct partnership_document *v, size_t n);

/* How a claim stands against the evidence for one indicator. */
enum claim_verdict {
	VERDICT_UNTESTED = 0, /* tagged, not yet tested */
	VERDICT_CONFIRMED,    /* the evidence confirms it */
	VERDICT_QUALIFIED,    /* the evidence confirms part of it */
	VERDICT_CONTRADICTED, /* the evidence contradicts it */
	VERDICT__MAX
};
/* Codes ("confirmed"; "untested" for VERDICT_UNTESTED), by enum. */
extern const char *const claim_verdict_code[VERDICT__MAX];
/* Returns the verdict for code, or -1. */
int claim_verdict_parse(const char *code);

/* An inspector's test of a claim against an indicator. */
struct claim_test {
	char *qi; /* indicator code; malloc'd */
	enum claim_verdict verdict;
	long evidence;      /* the evidence number it was tested against, 0: none */
	char *note;         /* malloc'd or NULL */
	char *tested_by;    /* malloc'd */
	char tested_at[21]; /* UTC */
};

/* A claim of the statement: what the partnership says, the documents it
 * cites and the tests. */
struct position_claim {
	long id;         /* row id */
	long number;     /* 1, 2, ... within the inspection */
	char *section;   /* section code; malloc'd */
	char *body;      /* the claim; malloc'd */
	long *documents; /* numbers of the documents cited; malloc'd */
	size_t ndocuments;
	struct claim_test *tests; /* malloc'd */
	size_t ntests;
	char *created_by; /* malloc'd */
	char created_at[21];
};
/* Frees n tests' contents and the array. */
void claim_tests_free(struct claim_test *v, size_t n);
/* Frees n claims' contents and the array. */
void position_claims_free(struct position_claim *v, size_t n);

/* Counts the words of s: runs of characters other than ASCII white space
 * that hold at least one letter or digit (so a dash alone is no word). */
long partnership_word_count(const char *s);

#endif
