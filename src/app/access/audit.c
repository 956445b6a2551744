/* The audit log: see audit.h. */
#include "app/access/audit.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "store/store.h"

/* The hash of the (absent) entry before the first. */
static const char GENESIS[] = "0000000000000000000000000000000000000000000000000000000000000000";

/*
 * Computes the hex SHA-256 of an entry: each field with its length, so that
 * no two different entries can produce the same input.
 */
static void
entry_hash(const struct audit_entry *e, char out[static 65])
{
	const char *fields[8];
	char id[32], insp[32];
	unsigned char digest[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_state h;

	snprintf(id, sizeof(id), "%ld", e->id);
	snprintf(insp, sizeof(insp), "%ld", e->inspection);
	fields[0] = id;
	fields[1] = e->at;
	fields[2] = e->actor;
	fields[3] = e->origin;
	fields[4] = e->action;
	fields[5] = insp;
	fields[6] = e->subject != NULL ? e->subject : "";
	fields[7] = e->detail != NULL ? e->detail : "";
	crypto_hash_sha256_init(&h);
	crypto_hash_sha256_update(&h, (const unsigned char *)e->prev_hash, strlen(e->prev_hash));
	for (size_t i = 0; i < 8; i++) {
		char len[24];

		snprintf(len, sizeof(len), "|%zu:", strlen(fields[i]));
		crypto_hash_sha256_update(&h, (const unsigned char *)len, strlen(len));
		crypto_hash_sha256_update(&h, (const unsigned char *)fields[i], strlen(fields[i]));
	}
	crypto_hash_sha256_final(&h, digest);
	sodium_bin2hex(out, 65, digest, sizeof(digest));
}

int
audit_record(struct store *st, const struct actor *who, const char *action, long inspection,
    const char *subject, const char *detail, struct cairn_err *err)
{
	struct audit_entry e;
	char prev[65], hash[65];
	int rc;

	memset(&e, 0, sizeof(e));
	/* A log that cannot be read fails here, and the caller's transaction
	 * rolls back: only a log that is really empty starts a new chain. */
	if ((rc = store_audit_last(st, &e.id, prev, err)) != CAIRN_OK)
		return rc;
	e.id = e.id + 1;
	if (prev[0] == '\0')
		snprintf(prev, sizeof(prev), "%s", GENESIS);
	store_now(e.at);
	e.actor = who != NULL ? who->name : "unknown";
	e.origin = who != NULL ? who->origin : "unknown";
	e.action = action;
	e.inspection = inspection;
	e.subject = subject;
	e.detail = detail;
	e.prev_hash = prev;
	entry_hash(&e, hash);
	e.hash = hash;
	return store_audit_append(st, &e, err);
}

/* Checks one entry against the chain (callback of store_audit_each). */
static int
verify_one(const struct audit_entry *e, void *arg)
{
	struct {
		char prev[65];
		long n;
		long bad;
	} *v = arg;
	char hash[65];

	entry_hash(e, hash);
	if (strcmp(e->prev_hash, v->prev) != 0 || strcmp(e->hash, hash) != 0) {
		v->bad = e->id;
		return 1;
	}
	snprintf(v->prev, sizeof(v->prev), "%s", e->hash);
	v->n++;
	return 0;
}

int
audit_verify(struct store *st, long *checked, struct cairn_err *err)
{
	struct {
		char prev[65];
		long n;
		long bad;
	} v;
	int rc;

	memset(&v, 0, sizeof(v));
	snprintf(v.prev, sizeof(v.prev), "%s", GENESIS);
	rc = store_audit_each(st, verify_one, &v, err);
	*checked = v.n;
	if (rc != CAIRN_OK)
		return rc;
	if (v.bad != 0)
		return cairn_errf(err, CAIRN_EDATA,
		    "audit log broken at entry %ld (after %ld good entries): an entry was edited, "
		    "inserted or deleted",
		    v.bad, v.n);
	return CAIRN_OK;
}

int
audit_list(struct store *st, int (*fn)(const struct audit_entry *e, void *arg), void *arg,
    struct cairn_err *err)
{
	return store_audit_each(st, fn, arg, err);
}
