/*
 * One entry of the hash-chained audit log (moved from store/store.h,
 * issue 16); the chain's rules are in app/access/audit.c.
 */
#ifndef CAIRN_CORE_AUDIT_H
#define CAIRN_CORE_AUDIT_H

/* One audit entry; strings borrowed (from the caller or the statement). */
struct audit_entry {
	long id;                    /* position in the chain, from 1 */
	char at[21];                /* UTC time, YYYY-MM-DDTHH:MM:SSZ */
	const char *actor;          /* person or account */
	const char *origin;         /* "cli" or client address */
	const char *action;         /* e.g. "grade.set" */
	long inspection;            /* 0 if none */
	const char *subject;        /* what was acted on, may be NULL */
	const char *detail;         /* old -> new, may be NULL */
	const char *prev_hash;      /* hex SHA-256 of the previous entry */
	const char *hash;           /* hex SHA-256 (form 1) or HMAC-SHA256 (form 2) of this entry */
	int form;                   /* 1: hash over the text; 2: keyed, over the text's hashes */
	const char *subject_sha256; /* form 2: hex SHA-256 of subject, NULL if none */
	const char *detail_sha256;  /* form 2: hex SHA-256 of detail, NULL if none */
	int redacted;               /* subject and detail removed by a purge (hashes kept) */
};

/* The action's plain words ("Account added" for "account.add"), or code
 * itself when the table has no entry for it.  Static string, or code. */
const char *audit_action_label(const char *code);

/* The action's plain words, or NULL when the table has no entry for code
 * (tests/unit/test_auditlabel.c: the table names every code written). */
const char *audit_action_label_known(const char *code);

#endif
