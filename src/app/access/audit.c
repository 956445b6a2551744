/* The audit log: see audit.h. */
#include "app/access/audit.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/mem.h"
#include "store/store.h"
#include "store/work.h"

/* The hash of the (absent) entry before the first. */
static const char GENESIS[] = "0000000000000000000000000000000000000000000000000000000000000000";

/*
 * The actions whose subject or detail can hold child-level text (a child's
 * reference, a concern, a note, a reason): a purge removes their text and
 * keeps the entries, whose chain covers only the text's hash.
 */
static const char *const CHILD_LEVEL[] = {
	"concern.raise",
	"concern.decide",
	"concern.pass",
	"concern.respond",
	"concern.close",
	"concern.view",
	"reading.answer",
	"reading.correct",
	"reading.agencies",
	"reading.submit",
	"reading.resolve",
	"reading.view",
	"reading.compare.view",
	"reading.list",
	"reading.import",
	"reader.reassign",
	"sample.replace",
	"sample.view",
	"sample.export",
	"survey.comment.tag",
	"survey.comments.view",
	"evidence.withdraw", /* the reason may name a child */
	"evidence.reinstate",
};

static bool
child_level(const char *action)
{
	for (size_t i = 0; i < sizeof(CHILD_LEVEL) / sizeof(CHILD_LEVEL[0]); i++)
		if (strcmp(action, CHILD_LEVEL[i]) == 0)
			return true;
	return false;
}

/* Adds "|LEN:" and the field. */
static void
field_sha(crypto_hash_sha256_state *h, const char *f)
{
	char len[24];

	snprintf(len, sizeof(len), "|%zu:", strlen(f));
	crypto_hash_sha256_update(h, (const unsigned char *)len, strlen(len));
	crypto_hash_sha256_update(h, (const unsigned char *)f, strlen(f));
}

static void
field_mac(crypto_auth_hmacsha256_state *h, const char *f)
{
	char len[24];

	snprintf(len, sizeof(len), "|%zu:", strlen(f));
	crypto_auth_hmacsha256_update(h, (const unsigned char *)len, strlen(len));
	crypto_auth_hmacsha256_update(h, (const unsigned char *)f, strlen(f));
}

/*
 * Form 1 (entries written before migration 11): the hex SHA-256 of the
 * previous hash and each field with its length, so that no two different
 * entries can produce the same input.
 */
static void
entry_hash_v1(const struct audit_entry *e, char out[static 65])
{
	char id[32], insp[32];
	unsigned char digest[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_state h;

	snprintf(id, sizeof(id), "%ld", e->id);
	snprintf(insp, sizeof(insp), "%ld", e->inspection);
	crypto_hash_sha256_init(&h);
	crypto_hash_sha256_update(&h, (const unsigned char *)e->prev_hash, strlen(e->prev_hash));
	field_sha(&h, id);
	field_sha(&h, e->at);
	field_sha(&h, e->actor);
	field_sha(&h, e->origin);
	field_sha(&h, e->action);
	field_sha(&h, insp);
	field_sha(&h, e->subject != NULL ? e->subject : "");
	field_sha(&h, e->detail != NULL ? e->detail : "");
	crypto_hash_sha256_final(&h, digest);
	sodium_bin2hex(out, 65, digest, sizeof(digest));
}

/* Form 2: HMAC-SHA256 keyed by the database's audit key over the previous
 * hash, the fields, and the SHA-256 of subject and detail (not the text). */
static void
entry_hash_v2(const struct audit_entry *e, const unsigned char key[static AUDIT_KEY_BYTES],
    char out[static 65])
{
	char id[32], insp[32];
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	crypto_auth_hmacsha256_state h;

	snprintf(id, sizeof(id), "%ld", e->id);
	snprintf(insp, sizeof(insp), "%ld", e->inspection);
	crypto_auth_hmacsha256_init(&h, key, AUDIT_KEY_BYTES);
	field_mac(&h, "cairn-audit-2");
	field_mac(&h, e->prev_hash);
	field_mac(&h, id);
	field_mac(&h, e->at);
	field_mac(&h, e->actor);
	field_mac(&h, e->origin);
	field_mac(&h, e->action);
	field_mac(&h, insp);
	field_mac(&h, e->subject_sha256 != NULL ? e->subject_sha256 : "");
	field_mac(&h, e->detail_sha256 != NULL ? e->detail_sha256 : "");
	crypto_auth_hmacsha256_final(&h, mac);
	sodium_bin2hex(out, 65, mac, sizeof(mac));
}

/* out = hex SHA-256 of text. */
static void
text_sha(const char *text, char out[static 65])
{
	unsigned char d[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(d, (const unsigned char *)text, strlen(text));
	sodium_bin2hex(out, 65, d, sizeof(d));
}

void
audit_key_path(struct store *st, struct buf *out)
{
	buf_reset(out);
	buf_printf(out, "%s.key", store_path(st));
}

/* Reads the key file; *found is false when it does not exist. */
static int
key_read(const char *path, unsigned char key[static AUDIT_KEY_BYTES], bool *found,
    struct cairn_err *err)
{
	ssize_t n;
	int fd;

	*found = false;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) < 0) {
		if (errno == ENOENT)
			return CAIRN_OK;
		return cairn_errf(err, CAIRN_EIO, "cannot read the audit key %s: %s", path,
		    strerror(errno));
	}
	n = read(fd, key, AUDIT_KEY_BYTES);
	close(fd);
	if (n != AUDIT_KEY_BYTES)
		return cairn_errf(err, CAIRN_EDATA,
		    "the audit key %s is damaged: it must hold %d bytes", path, AUDIT_KEY_BYTES);
	*found = true;
	return CAIRN_OK;
}

/* Creates a new random key file readable by its owner only. */
static int
key_create(const char *path, unsigned char key[static AUDIT_KEY_BYTES], struct cairn_err *err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);

	if (fd < 0)
		return cairn_errf(err, CAIRN_ECANTCREAT, "cannot create the audit key %s: %s", path,
		    strerror(errno));
	randombytes_buf(key, AUDIT_KEY_BYTES);
	if (fchmod(fd, 0600) != 0 || write(fd, key, AUDIT_KEY_BYTES) != AUDIT_KEY_BYTES ||
	    fsync(fd) != 0) {
		int e = errno;

		close(fd);
		unlink(path);
		return cairn_errf(err, CAIRN_ECANTCREAT, "cannot write the audit key %s: %s", path,
		    strerror(e));
	}
	close(fd);
	return CAIRN_OK;
}

int
audit_key(struct store *st, bool create, unsigned char key[static AUDIT_KEY_BYTES],
    struct cairn_err *err)
{
	struct buf path = BUF_INIT;
	bool found, keyed;
	int rc;

	audit_key_path(st, &path);
	if ((rc = key_read(buf_str(&path), key, &found, err)) != CAIRN_OK || found)
		goto out;
	if ((rc = store_audit_keyed(st, &keyed, err)) != CAIRN_OK)
		goto out;
	if (keyed || !create)
		rc = cairn_errf(err, CAIRN_EDATA,
		    "the audit key %s is missing: the audit log's keyed entries cannot be "
		    "checked or extended without it (restore it from the backup)",
		    buf_str(&path));
	else /* a new database (or one from before keyed entries) */
		rc = key_create(buf_str(&path), key, err);
out:
	buf_free(&path);
	return rc;
}

int
audit_record(struct store *st, const struct actor *who, const char *action, long inspection,
    const char *subject, const char *detail, struct cairn_err *err)
{
	struct audit_entry e;
	unsigned char key[AUDIT_KEY_BYTES];
	char prev[65], hash[65], ssha[65], dsha[65];
	int rc;

	memset(&e, 0, sizeof(e));
	/* A log that cannot be read fails here, and the caller's transaction
	 * rolls back: only a log that is really empty starts a new chain. */
	if ((rc = store_audit_last(st, &e.id, prev, err)) != CAIRN_OK)
		return rc;
	if ((rc = audit_key(st, true, key, err)) != CAIRN_OK)
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
	e.form = 2;
	if (subject != NULL) {
		text_sha(subject, ssha);
		e.subject_sha256 = ssha;
	}
	if (detail != NULL) {
		text_sha(detail, dsha);
		e.detail_sha256 = dsha;
	}
	entry_hash_v2(&e, key, hash);
	sodium_memzero(key, sizeof(key));
	e.hash = hash;
	return store_audit_append(st, &e, err);
}

int
audit_redact_child_level(struct store *st, long inspection, struct cairn_err *err)
{
	int rc = CAIRN_OK;

	for (size_t i = 0; i < sizeof(CHILD_LEVEL) / sizeof(CHILD_LEVEL[0]) && rc == CAIRN_OK; i++)
		rc = store_audit_redact(st, inspection, CHILD_LEVEL[i], err);
	return rc;
}

/* What verify_one carries from entry to entry. */
struct verify {
	char prev[65];
	long n;    /* good entries */
	long last; /* the last entry's id */
	long bad;  /* the first bad entry, or 0 */
	const char *why;
	bool have_key;
	unsigned char key[AUDIT_KEY_BYTES];
	const struct audit_anchor *anchors;
	size_t nanchors, ai;
	long *redacted; /* (id, inspection) pairs of redacted entries */
	size_t nredacted;
	long *purges; /* (id, inspection) pairs of purge entries */
	size_t npurges;
};

/* Whether a form-2 entry's stored text matches its stored hash. */
static bool
text_matches(const char *text, const char *sha)
{
	char h[65];

	if (text == NULL || sha == NULL)
		return text == NULL && sha == NULL;
	text_sha(text, h);
	return strcmp(h, sha) == 0;
}

static int
verify_fail(struct verify *v, long id, const char *why)
{
	v->bad = id;
	v->why = why;
	return 1;
}

/* Checks one entry against the chain (callback of store_audit_each). */
static int
verify_one(const struct audit_entry *e, void *arg)
{
	struct verify *v = arg;
	char hash[65];

	if (e->prev_hash == NULL || e->hash == NULL || strcmp(e->prev_hash, v->prev) != 0)
		return verify_fail(v, e->id, "it does not follow the entry before it");
	if (e->redacted && !child_level(e->action))
		return verify_fail(v, e->id, "its text was removed but it is not child-level");
	if (e->form == 2) {
		if (!v->have_key)
			return verify_fail(v, e->id, "it is keyed and the audit key is missing");
		if (e->redacted ? (e->subject != NULL || e->detail != NULL)
		                : (!text_matches(e->subject, e->subject_sha256) ||
		                      !text_matches(e->detail, e->detail_sha256)))
			return verify_fail(v, e->id, "its subject or detail was changed");
		entry_hash_v2(e, v->key, hash);
		if (strcmp(e->hash, hash) != 0)
			return verify_fail(v, e->id,
			    "its hash does not match (edited, or recomputed without the key)");
	} else if (e->form == 1) {
		/* A form-1 entry whose text a purge removed is proved by its
		 * place in the chain only: the next entry covers its hash. */
		if (!e->redacted) {
			entry_hash_v1(e, hash);
			if (strcmp(e->hash, hash) != 0)
				return verify_fail(v, e->id, "its hash does not match (edited)");
		}
	} else
		return verify_fail(v, e->id, "its form is unknown");
	if (e->redacted) {
		v->redacted = xreallocarray(v->redacted, v->nredacted + 1, 2 * sizeof(long));
		v->redacted[2 * v->nredacted] = e->id;
		v->redacted[2 * v->nredacted + 1] = e->inspection;
		v->nredacted++;
	}
	if (strcmp(e->action, "purge.child-level") == 0) {
		v->purges = xreallocarray(v->purges, v->npurges + 1, 2 * sizeof(long));
		v->purges[2 * v->npurges] = e->id;
		v->purges[2 * v->npurges + 1] = e->inspection;
		v->npurges++;
	}
	for (; v->ai < v->nanchors && v->anchors[v->ai].id <= e->id; v->ai++)
		if (v->anchors[v->ai].id < e->id || strcmp(v->anchors[v->ai].hash, e->hash) != 0)
			return verify_fail(v, e->id,
			    "it differs from the anchor file (an entry was rewritten or removed)");
	snprintf(v->prev, sizeof(v->prev), "%s", e->hash);
	v->last = e->id;
	v->n++;
	return 0;
}

/* Every redacted entry must precede a purge of its inspection. */
static long
unpurged_redaction(const struct verify *v)
{
	for (size_t i = 0; i < v->nredacted; i++) {
		bool ok = false;

		for (size_t j = 0; j < v->npurges && !ok; j++)
			ok = v->purges[2 * j + 1] == v->redacted[2 * i + 1] &&
			    v->purges[2 * j] > v->redacted[2 * i];
		if (!ok)
			return v->redacted[2 * i];
	}
	return 0;
}

int
audit_verify(struct store *st, long *checked, struct cairn_err *err)
{
	struct verify v;
	struct audit_anchor *anchors = NULL;
	size_t nanchors = 0;
	bool anchored, keyed;
	long bad;
	int rc;

	memset(&v, 0, sizeof(v));
	*checked = 0;
	snprintf(v.prev, sizeof(v.prev), "%s", GENESIS);
	if ((rc = store_audit_keyed(st, &keyed, err)) != CAIRN_OK ||
	    (rc = store_audit_anchor_read(st, &anchors, &nanchors, &anchored, err)) != CAIRN_OK)
		return rc;
	if (keyed) {
		if ((rc = audit_key(st, false, v.key, err)) != CAIRN_OK)
			goto out;
		v.have_key = true;
		if (!anchored) {
			rc = cairn_errf(err, CAIRN_EDATA,
			    "the audit anchor %s.anchor is missing: it records every keyed entry, "
			    "so the end of the log cannot be proved without it",
			    store_path(st));
			goto out;
		}
	}
	v.anchors = anchors;
	v.nanchors = nanchors;
	rc = store_audit_each(st, verify_one, &v, err);
	*checked = v.n;
	if (rc != CAIRN_OK)
		goto out;
	if (v.bad != 0) {
		rc = cairn_errf(err, CAIRN_EDATA,
		    "audit log broken at entry %ld (after %ld good entries): %s", v.bad, v.n,
		    v.why);
		goto out;
	}
	if (v.ai < v.nanchors) {
		rc = cairn_errf(err, CAIRN_EDATA,
		    "audit log broken: it ends at entry %ld but the anchor file records entry %ld; "
		    "entries were deleted from the end",
		    v.last, v.anchors[v.nanchors - 1].id);
		goto out;
	}
	if ((bad = unpurged_redaction(&v)) != 0)
		rc = cairn_errf(err, CAIRN_EDATA,
		    "audit log broken at entry %ld: its text was removed but no purge of its "
		    "inspection follows",
		    bad);
out:
	sodium_memzero(v.key, sizeof(v.key));
	free(v.redacted);
	free(v.purges);
	free(anchors);
	return rc;
}

int
audit_list(struct store *st, int (*fn)(const struct audit_entry *e, void *arg), void *arg,
    struct cairn_err *err)
{
	return store_audit_each(st, fn, arg, err);
}

int
audit_list_page(struct store *st, long inspection, long before, long limit,
    int (*fn)(const struct audit_entry *e, void *arg), void *arg, struct cairn_err *err)
{
	return store_audit_page(st, inspection, before, limit, fn, arg, err);
}
