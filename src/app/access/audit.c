/* The audit log: see audit.h. */
#include "app/access/audit.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/file.h"
#include "core/mem.h"
#include "core/text.h"
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

/* Records that the anchor file is missing though the log is keyed; returns
 * CAIRN_EDATA. */
static int
anchor_missing(struct store *st, struct cairn_err *err)
{
	return cairn_errf(err, CAIRN_EDATA,
	    "the audit anchor %s.anchor is missing: it records every keyed entry, so the end "
	    "of the log cannot be proved without it",
	    store_path(st));
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
			rc = anchor_missing(st, err);
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

/* Entries read by one query of a step. */
#define STEP_WINDOW 1000
/* The first line of the position file (DATABASE.verified). */
static const char POS_MAGIC[] = "cairn audit check 1\n";

/* Where the last step stopped: the position file's contents. */
struct check_pos {
	long last;     /* the last verified entry (0: none) */
	char hash[65]; /* its hash (GENESIS when last is 0) */
	long checked;  /* entries verified up to it */
	long offset;   /* the anchor file's bytes covering entries up to last */
	long *pending; /* (id, inspection) pairs of redacted entries awaiting a purge */
	size_t npending;
};

/* Writes the position file's name into out. */
static void
pos_path(struct store *st, struct buf *out)
{
	buf_reset(out);
	buf_printf(out, "%s.verified", store_path(st));
}

/* Writes p as the position file's text into out, ending with its MAC line
 * (keyed by key when have_key, else "none"). */
static void
pos_text(const struct check_pos *p, bool have_key, const unsigned char *key, struct buf *out)
{
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	char hex[2 * crypto_auth_hmacsha256_BYTES + 1];

	buf_reset(out);
	buf_puts(out, POS_MAGIC);
	buf_printf(out, "last %ld\nhash %s\nchecked %ld\nanchor %ld\n", p->last, p->hash,
	    p->checked, p->offset);
	for (size_t i = 0; i < p->npending; i++)
		buf_printf(out, "pending %ld %ld\n", p->pending[2 * i], p->pending[2 * i + 1]);
	if (have_key) {
		crypto_auth_hmacsha256(mac, (const unsigned char *)buf_str(out), out->len, key);
		sodium_bin2hex(hex, sizeof(hex), mac, sizeof(mac));
		buf_printf(out, "mac %s\n", hex);
	} else {
		buf_puts(out, "mac none\n");
	}
}

/* Reads the position file into p; leaves p at the first entry (last 0)
 * when it is missing, damaged or not authenticated by the key. */
static void
pos_load(struct store *st, bool have_key, const unsigned char *key, struct check_pos *p)
{
	struct buf path = BUF_INIT, again = BUF_INIT;
	struct check_pos q;
	struct cairn_err quiet = { 0 };
	char *text = NULL, *line, *save = NULL;
	size_t len = 0;
	bool ok = true;

	memset(p, 0, sizeof(*p));
	snprintf(p->hash, sizeof(p->hash), "%s", GENESIS);
	memset(&q, 0, sizeof(q));
	pos_path(st, &path);
	if (file_read_all(buf_str(&path), 1 << 24, &text, &len, &quiet) != CAIRN_OK ||
	    strlen(text) != len || strncmp(text, POS_MAGIC, strlen(POS_MAGIC)) != 0)
		goto out;
	for (line = strtok_r(text + strlen(POS_MAGIC), "\n", &save); line != NULL && ok;
	     line = strtok_r(NULL, "\n", &save)) {
		long a, b;
		char h[65];

		if (sscanf(line, "last %ld", &a) == 1)
			q.last = a;
		else if (sscanf(line, "hash %64[0-9a-f]", h) == 1 && strlen(h) == 64)
			snprintf(q.hash, sizeof(q.hash), "%s", h);
		else if (sscanf(line, "checked %ld", &a) == 1)
			q.checked = a;
		else if (sscanf(line, "anchor %ld", &a) == 1)
			q.offset = a;
		else if (sscanf(line, "pending %ld %ld", &a, &b) == 2) {
			q.pending = xreallocarray(q.pending, q.npending + 1, 2 * sizeof(long));
			q.pending[2 * q.npending] = a;
			q.pending[2 * q.npending + 1] = b;
			q.npending++;
		} else if (strncmp(line, "mac ", 4) != 0)
			ok = false;
	}
	if (!ok || q.last < 0 || q.checked < 0 || q.offset < 0 || strlen(q.hash) != 64)
		goto out;
	/* The file must be exactly what this position writes, MAC included. */
	pos_text(&q, have_key, key, &again);
	free(text);
	text = NULL;
	if (file_read_all(buf_str(&path), 1 << 24, &text, &len, &quiet) != CAIRN_OK ||
	    len != again.len || memcmp(text, buf_str(&again), len) != 0)
		goto out;
	*p = q;
	memset(&q, 0, sizeof(q));
out:
	free(q.pending);
	free(text);
	buf_free(&path);
	buf_free(&again);
}

/* Saves p as the position file. */
static int
pos_save(struct store *st, const struct check_pos *p, bool have_key, const unsigned char *key,
    struct cairn_err *err)
{
	struct buf path = BUF_INIT, text = BUF_INIT;
	int rc;

	pos_path(st, &path);
	pos_text(p, have_key, key, &text);
	rc = file_write_atomic(buf_str(&path), buf_str(&text), text.len, err);
	buf_free(&path);
	buf_free(&text);
	return rc;
}

/* An entry's expected hash, and whether the log holds it. */
struct hash_probe {
	const char *want; /* the hash the position recorded */
	bool same;        /* the entry has it */
};

/* Sets probe->same when the entry read has the hash the position recorded
 * (callback of store_audit_range): the position still describes this log,
 * not a restored or replaced database. */
static int
entry_has_hash(const struct audit_entry *e, void *arg)
{
	struct hash_probe *probe = arg;

	probe->same = e->hash != NULL && strcmp(e->hash, probe->want) == 0;
	return 1;
}

/* Milliseconds since t0. */
static long
ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long)((t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000);
}

/* Keeps in p's pending list the redacted entries (its own and v's) that no
 * purge of their inspection in v follows. */
static void
pending_update(struct check_pos *p, const struct verify *v)
{
	long *all = xcalloc(2 * (p->npending + v->nredacted) + 2, sizeof(long));
	size_t n = 0;

	for (size_t i = 0; i < p->npending + v->nredacted; i++) {
		const long *r =
		    i < p->npending ? &p->pending[2 * i] : &v->redacted[2 * (i - p->npending)];
		bool purged = false;

		for (size_t j = 0; j < v->npurges && !purged; j++)
			purged = v->purges[2 * j + 1] == r[1] && v->purges[2 * j] > r[0];
		if (!purged) {
			all[2 * n] = r[0];
			all[2 * n + 1] = r[1];
			n++;
		}
	}
	free(p->pending);
	p->pending = all;
	p->npending = n;
}

int
audit_check_step(struct store *st, bool full, long max_entries, long max_ms,
    struct audit_check *out, struct cairn_err *err)
{
	struct verify v;
	struct check_pos p;
	struct audit_anchor *anchors = NULL;
	struct timespec t0;
	size_t nanchors = 0;
	const char *env = getenv("CAIRN_AUDIT_STEP");
	char newest_hash[65];
	long total = 0, stepped = 0, envmax = 0;
	bool keyed, anchored = false;
	int rc;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	memset(out, 0, sizeof(*out));
	memset(&v, 0, sizeof(v));
	memset(&p, 0, sizeof(p));
	if (env != NULL && text_parse_long(env, 1, LONG_MAX, &envmax) &&
	    (max_entries <= 0 || envmax < max_entries))
		max_entries = envmax;
	if ((rc = store_audit_keyed(st, &keyed, err)) != CAIRN_OK ||
	    (rc = store_audit_last(st, &total, newest_hash, err)) != CAIRN_OK)
		return rc;
	out->total = total;
	if (keyed) {
		if ((rc = audit_key(st, false, v.key, err)) != CAIRN_OK)
			goto out;
		v.have_key = true;
	}
	pos_load(st, v.have_key, v.key, &p);
	if (!full && p.last > 0) {
		struct hash_probe probe = { p.hash, false };
		long n = 0;

		/* The position must describe this log (not a replaced database). */
		if (p.last <= total &&
		    (rc = store_audit_range(st, p.last - 1, p.last, entry_has_hash, &probe, &n,
		         err)) != CAIRN_OK)
			goto out;
		if (p.last > total || n != 1 || !probe.same)
			full = true;
	}
	if (full || p.last == 0) {
		free(p.pending);
		memset(&p, 0, sizeof(p));
		snprintf(p.hash, sizeof(p.hash), "%s", GENESIS);
	} else {
		out->resumed = true;
	}
	snprintf(v.prev, sizeof(v.prev), "%s", p.hash);
	while (p.last < total) {
		long upto = p.last + STEP_WINDOW, n = 0, offset = p.offset;

		if (max_entries > 0 && upto > p.last + (max_entries - stepped))
			upto = p.last + (max_entries - stepped);
		if (upto > total)
			upto = total;
		free(anchors);
		anchors = NULL;
		if ((rc = store_audit_anchor_read_from(st, &offset, upto, &anchors, &nanchors,
		         &anchored, err)) != CAIRN_OK)
			goto out;
		if (keyed && !anchored) {
			rc = anchor_missing(st, err);
			goto out;
		}
		v.anchors = anchors;
		v.nanchors = nanchors;
		v.ai = 0;
		v.nredacted = v.npurges = 0;
		if ((rc = store_audit_range(st, p.last, upto, verify_one, &v, &n, err)) != CAIRN_OK)
			goto out;
		if (v.bad == 0 && v.ai < v.nanchors)
			verify_fail(&v, v.anchors[v.ai].id,
			    "it is in the anchor file but not in the log (it was removed)");
		if (v.bad != 0) {
			struct cairn_err quiet = { 0 };

			/* Kept at the last good step, so that going on finds it again. */
			(void)pos_save(st, &p, v.have_key, v.key, &quiet);
			out->bad = v.bad;
			out->checked = p.checked + v.n;
			rc = cairn_errf(err, CAIRN_EDATA,
			    "audit log broken at entry %ld (after %ld good entries): %s", v.bad,
			    p.checked + v.n, v.why);
			goto out;
		}
		pending_update(&p, &v);
		p.checked += v.n;
		v.n = 0;
		p.last = upto;
		p.offset = offset;
		snprintf(p.hash, sizeof(p.hash), "%s", v.prev);
		stepped += n;
		if ((max_entries > 0 && stepped >= max_entries) ||
		    (max_ms > 0 && ms_since(&t0) >= max_ms))
			break;
	}
	out->checked = p.checked;
	out->total = total;
	if (p.last >= total) {
		long offset = p.offset;

		/* Anchored entries past the newest: entries were deleted from the end
		 * (unless they were added since total was read). */
		free(anchors);
		anchors = NULL;
		if ((rc = store_audit_anchor_read_from(st, &offset, LONG_MAX, &anchors, &nanchors,
		         &anchored, err)) != CAIRN_OK)
			goto out;
		if (nanchors > 0) {
			long now = 0;
			char h[65];

			if ((rc = store_audit_last(st, &now, h, err)) != CAIRN_OK)
				goto out;
			if (anchors[nanchors - 1].id > now) {
				out->bad = p.last + 1;
				rc = cairn_errf(err, CAIRN_EDATA,
				    "audit log broken: it ends at entry %ld but the anchor file "
				    "records entry %ld; entries were deleted from the end",
				    p.last, anchors[nanchors - 1].id);
				goto out;
			}
		}
		if (p.npending > 0) {
			out->bad = p.pending[0];
			rc = cairn_errf(err, CAIRN_EDATA,
			    "audit log broken at entry %ld: its text was removed but no purge of "
			    "its "
			    "inspection follows",
			    p.pending[0]);
			goto out;
		}
		out->done = nanchors == 0;
	}
	rc = pos_save(st, &p, v.have_key, v.key, err);
out:
	sodium_memzero(v.key, sizeof(v.key));
	free(v.redacted);
	free(v.purges);
	free(anchors);
	free(p.pending);
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
