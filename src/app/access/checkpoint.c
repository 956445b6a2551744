/* Signed checkpoints of the audit log: see checkpoint.h. */
#include "app/access/checkpoint.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/access/audit.h"
#include "app/access/authz.h"
#include "core/buf.h"
#include "core/mem.h"
#include "store/store.h"
#include "store/work.h"

/* The most bytes a public-key file or a checkpoints file line may hold. */
#define PUB_FILE_MAX 4096

/* One parsed checkpoint. */
struct checkpoint {
	long entry;                           /* the newest entry's id */
	char hash[65];                        /* its hash */
	long entries;                         /* entries up to it */
	char at[21];                          /* when (UTC) */
	char key[CHECKPOINT_FPR_MAX];         /* the signing key's fingerprint */
	unsigned char sig[crypto_sign_BYTES]; /* Ed25519 over the text before " sig=" */
	char where[192];                      /* "checkpoint N (line N of FILE)", or "the
	                                               --checkpoint line" */
	bool seen;                            /* its entry was found in the log */
};

void
audit_key_fingerprint(const unsigned char pk[static 32], char out[static CHECKPOINT_FPR_MAX])
{
	unsigned char d[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(d, pk, crypto_sign_PUBLICKEYBYTES);
	sodium_bin2hex(out, CHECKPOINT_FPR_MAX, d, 8);
}

/* path = the database's name + suffix. */
static void
side_path(struct store *st, const char *suffix, struct buf *out)
{
	buf_reset(out);
	buf_printf(out, "%s%s", store_path(st), suffix);
}

/* Whether s is exactly n lower- or upper-case hex digits. */
static bool
hex_exact(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f') ||
		        (s[i] >= 'A' && s[i] <= 'F')))
			return false;
	return s[n] == '\0';
}

/*
 * Reads at most max bytes of a regular file into a NUL-terminated buf;
 * *found false when it does not exist.
 */
static int
small_read(const char *path, size_t max, struct buf *out, bool *found, struct cairn_err *err)
{
	char chunk[4096];
	struct stat sb;
	ssize_t n;
	int fd;

	*found = false;
	buf_reset(out);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) < 0) {
		if (errno == ENOENT)
			return CAIRN_OK;
		return cairn_errf(err, CAIRN_EIO, "cannot read %s: %s", path, strerror(errno));
	}
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return cairn_errf(err, CAIRN_EIO, "cannot read %s: it is not a regular file", path);
	}
	while ((n = read(fd, chunk, sizeof(chunk))) > 0) {
		if (out->len + (size_t)n > max) {
			close(fd);
			return cairn_errf(err, CAIRN_EDATA, "%s is larger than %zu bytes", path,
			    max);
		}
		buf_append(out, chunk, (size_t)n);
	}
	close(fd);
	if (n < 0)
		return cairn_errf(err, CAIRN_EIO, "cannot read %s: %s", path, strerror(errno));
	*found = true;
	return CAIRN_OK;
}

/* Parses 64 hex digits (surrounding white space allowed) into pk. */
static bool
pub_parse(const char *text, unsigned char pk[static crypto_sign_PUBLICKEYBYTES])
{
	char hex[65];
	size_t len;

	text += strspn(text, " \t\r\n");
	len = strcspn(text, " \t\r\n");
	if (len != 64 || text[len + strspn(text + len, " \t\r\n")] != '\0')
		return false;
	memcpy(hex, text, 64);
	hex[64] = '\0';
	return hex_exact(hex, 64) &&
	    sodium_hex2bin(pk, crypto_sign_PUBLICKEYBYTES, hex, 64, NULL, NULL, NULL) == 0;
}

/* Writes a whole file (created, must not exist, given mode), fsynced. */
static int
file_create(const char *path, const void *data, size_t len, mode_t mode, struct cairn_err *err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode);

	if (fd < 0)
		return cairn_errf(err, CAIRN_ECANTCREAT, "cannot create %s: %s", path,
		    strerror(errno));
	if (fchmod(fd, mode) != 0 || write(fd, data, len) != (ssize_t)len || fsync(fd) != 0) {
		int e = errno;

		close(fd);
		unlink(path);
		return cairn_errf(err, CAIRN_ECANTCREAT, "cannot write %s: %s", path, strerror(e));
	}
	close(fd);
	return CAIRN_OK;
}

/* Reads the secret key into sk; *found false when the file does not exist. */
static int
secret_read(struct store *st, unsigned char sk[static crypto_sign_SECRETKEYBYTES], bool *found,
    struct cairn_err *err)
{
	struct buf path = BUF_INIT;
	ssize_t n;
	int fd, rc = CAIRN_OK;

	*found = false;
	side_path(st, ".sign", &path);
	if ((fd = open(buf_str(&path), O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) < 0) {
		if (errno != ENOENT)
			rc = cairn_errf(err, CAIRN_EIO, "cannot read the signing key %s: %s",
			    buf_str(&path), strerror(errno));
		buf_free(&path);
		return rc;
	}
	n = read(fd, sk, crypto_sign_SECRETKEYBYTES);
	close(fd);
	if (n != crypto_sign_SECRETKEYBYTES)
		rc = cairn_errf(err, CAIRN_EDATA,
		    "the signing key %s is damaged: it must hold %d bytes", buf_str(&path),
		    crypto_sign_SECRETKEYBYTES);
	else
		*found = true;
	buf_free(&path);
	return rc;
}

/* Counts the lines of DATABASE.checkpoints into *n and copies the last
 * into latest (may be NULL). */
static int
checkpoints_count(struct store *st, long *n, char *latest, struct cairn_err *err)
{
	struct buf path = BUF_INIT, text = BUF_INIT;
	bool found;
	int rc;

	*n = 0;
	if (latest != NULL)
		latest[0] = '\0';
	side_path(st, ".checkpoints", &path);
	rc = small_read(buf_str(&path), (size_t)64 << 20, &text, &found, err);
	if (rc == CAIRN_OK && found) {
		const char *s = buf_str(&text), *line = s;

		for (const char *p = s; *p != '\0'; p++)
			if (*p == '\n') {
				size_t len = (size_t)(p - line);

				if (latest != NULL && len < CHECKPOINT_LINE_MAX) {
					memcpy(latest, line, len);
					latest[len] = '\0';
				}
				(*n)++;
				line = p + 1;
			}
	}
	buf_free(&path);
	buf_free(&text);
	return rc;
}

/*
 * Loads the key pair into sk and pub (hex), making it when the database has
 * none and may have one (no checkpoints yet); see checkpoint.h.
 */
static int
keys_load(struct store *st, unsigned char sk[static crypto_sign_SECRETKEYBYTES], bool *created,
    char pub[static CHECKPOINT_PUB_HEX], struct cairn_err *err)
{
	struct buf path = BUF_INIT, pubpath = BUF_INIT;
	unsigned char pk[crypto_sign_PUBLICKEYBYTES];
	char line[CHECKPOINT_PUB_HEX + 1];
	long n = 0;
	bool found;
	int rc;

	*created = false;
	pub[0] = '\0';
	if (strcmp(store_path(st), ":memory:") == 0)
		return cairn_errf(err, CAIRN_EUSAGE,
		    "a database in memory has no files beside it to keep a signing key in");
	if ((rc = secret_read(st, sk, &found, err)) != CAIRN_OK)
		return rc;
	side_path(st, ".sign", &path);
	side_path(st, ".sign.pub", &pubpath);
	if (!found) {
		if ((rc = checkpoints_count(st, &n, NULL, err)) != CAIRN_OK)
			goto out;
		if (n > 0) {
			rc = cairn_errf(err, CAIRN_EDATA,
			    "the signing key %s is missing but %s.checkpoints holds %ld "
			    "checkpoint%s: restore the key (or move the checkpoints file aside to "
			    "start a new key, and give verifiers the new public key)",
			    buf_str(&path), store_path(st), n, n == 1 ? "" : "s");
			goto out;
		}
		crypto_sign_keypair(pk, sk);
		sodium_bin2hex(pub, CHECKPOINT_PUB_HEX, pk, sizeof(pk));
		snprintf(line, sizeof(line), "%s\n", pub);
		unlink(buf_str(&pubpath)); /* a stale public key of no secret key */
		if ((rc = file_create(buf_str(&path), sk, crypto_sign_SECRETKEYBYTES, 0600, err)) !=
		        CAIRN_OK ||
		    (rc = file_create(buf_str(&pubpath), line, strlen(line), 0644, err)) !=
		        CAIRN_OK) {
			unlink(buf_str(&path));
			goto out;
		}
		*created = true;
		goto out;
	}
	/* The public key is the secret key's second half (libsodium's layout). */
	memcpy(pk, sk + crypto_sign_SECRETKEYBYTES - crypto_sign_PUBLICKEYBYTES, sizeof(pk));
	sodium_bin2hex(pub, CHECKPOINT_PUB_HEX, pk, sizeof(pk));
	if (access(buf_str(&pubpath), F_OK) != 0) {
		snprintf(line, sizeof(line), "%s\n", pub);
		rc = file_create(buf_str(&pubpath), line, strlen(line), 0644, err);
	}
out:
	buf_free(&path);
	buf_free(&pubpath);
	return rc;
}

int
audit_sign_init(struct store *st, bool *created, char pub[static CHECKPOINT_PUB_HEX],
    struct cairn_err *err)
{
	unsigned char sk[crypto_sign_SECRETKEYBYTES];
	int rc = keys_load(st, sk, created, pub, err);

	sodium_memzero(sk, sizeof(sk));
	return rc;
}

/* What checkpoint_scan finds: the newest entry and the count. */
struct scan {
	long last;
	char hash[65];
	long n;
};

static int
scan_one(const struct audit_entry *e, void *arg)
{
	struct scan *s = arg;

	s->last = e->id;
	snprintf(s->hash, sizeof(s->hash), "%s", e->hash != NULL ? e->hash : "");
	s->n++;
	return 0;
}

/* Formats the signed text of a checkpoint into out. */
static void
signed_text(const struct checkpoint *c, char out[static CHECKPOINT_LINE_MAX])
{
	snprintf(out, CHECKPOINT_LINE_MAX,
	    "cairn-checkpoint v1 entry=%ld hash=%s entries=%ld at=%s key=%s", c->entry, c->hash,
	    c->entries, c->at, c->key);
}

/* Signs the newest entry and appends the line to DATABASE.checkpoints. */
static int
take(struct store *st, char line[static CHECKPOINT_LINE_MAX], bool *created,
    char pub[static CHECKPOINT_PUB_HEX], struct cairn_err *err)
{
	unsigned char sk[crypto_sign_SECRETKEYBYTES], pk[crypto_sign_PUBLICKEYBYTES];
	char text[CHECKPOINT_LINE_MAX], sighex[2 * crypto_sign_BYTES + 1];
	struct checkpoint c;
	struct scan s;
	struct buf path = BUF_INIT;
	size_t len;
	int fd, rc;

	memset(&s, 0, sizeof(s));
	memset(&c, 0, sizeof(c));
	line[0] = '\0';
	if ((rc = keys_load(st, sk, created, pub, err)) != CAIRN_OK)
		goto out;
	if ((rc = audit_list(st, scan_one, &s, err)) != CAIRN_OK)
		goto out;
	if (s.n == 0) {
		rc = cairn_errf(err, CAIRN_EDATA,
		    "the audit log is empty: there is nothing to sign");
		goto out;
	}
	c.entry = s.last;
	memcpy(c.hash, s.hash, sizeof(c.hash));
	c.entries = s.n;
	store_now(c.at);
	memcpy(pk, sk + crypto_sign_SECRETKEYBYTES - crypto_sign_PUBLICKEYBYTES, sizeof(pk));
	audit_key_fingerprint(pk, c.key);
	signed_text(&c, text);
	crypto_sign_detached(c.sig, NULL, (const unsigned char *)text, strlen(text), sk);
	sodium_bin2hex(sighex, sizeof(sighex), c.sig, sizeof(c.sig));
	if (snprintf(line, CHECKPOINT_LINE_MAX, "%s sig=%s", text, sighex) >= CHECKPOINT_LINE_MAX) {
		rc = cairn_errf(err, CAIRN_ESOFTWARE, "the checkpoint line is too long");
		goto out;
	}
	side_path(st, ".checkpoints", &path);
	fd = open(buf_str(&path), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fd < 0) {
		rc = cairn_errf(err, CAIRN_ECANTCREAT, "cannot open %s: %s", buf_str(&path),
		    strerror(errno));
		goto out;
	}
	/* One write() of the whole line: appends from two processes never mix. */
	len = strlen(line);
	line[len] = '\n';
	if (write(fd, line, len + 1) != (ssize_t)(len + 1) || fsync(fd) != 0)
		rc = cairn_errf(err, CAIRN_EIO, "cannot write %s: %s", buf_str(&path),
		    strerror(errno));
	line[len] = '\0';
	close(fd);
out:
	if (rc != CAIRN_OK)
		line[0] = '\0';
	sodium_memzero(sk, sizeof(sk));
	buf_free(&path);
	return rc;
}

/* Records an audit entry in its own transaction. */
static int
record(struct store *st, const struct actor *who, const char *action, const char *subject,
    const char *detail, struct cairn_err *err)
{
	int rc;

	if ((rc = store_begin(st, err)) != CAIRN_OK)
		return rc;
	if ((rc = audit_record(st, who, action, 0, subject, detail, err)) == CAIRN_OK)
		rc = store_commit(st, err);
	if (rc != CAIRN_OK)
		store_rollback(st);
	return rc;
}

int
audit_checkpoint(struct store *st, const struct actor *who, char line[static CHECKPOINT_LINE_MAX],
    bool *created, char pub[static CHECKPOINT_PUB_HEX], struct cairn_err *err)
{
	int rc;

	*created = false;
	line[0] = '\0';
	if ((rc = authz_check(st, who, 0, ACTION_AUDIT_CHECKPOINT, NULL, err)) != CAIRN_OK)
		return rc;
	if ((rc = take(st, line, created, pub, err)) != CAIRN_OK)
		return rc;
	return record(st, who, "audit.checkpoint", "signed checkpoint", line, err);
}

int
audit_checkpoint_milestone(struct store *st, const struct actor *who, const char *what,
    char line[static CHECKPOINT_LINE_MAX], struct cairn_err *err)
{
	char pub[CHECKPOINT_PUB_HEX];
	bool created;
	int rc;

	line[0] = '\0';
	if (strcmp(store_path(st), ":memory:") == 0)
		return CAIRN_OK; /* nowhere to keep a key or checkpoints */
	if ((rc = take(st, line, &created, pub, err)) == CAIRN_OK)
		return record(st, who, "audit.checkpoint", what, line, err);
	{
		struct cairn_err e2 = { 0 };

		/* The failure itself is recorded; if that fails too, the caller
		 * still reports the first error. */
		if (record(st, who, "audit.checkpoint.failed", what, err->msg, &e2) != CAIRN_OK)
			(void)e2;
	}
	return rc;
}

/* Parses one line into c; false when it is not a checkpoint line. */
static bool
line_parse(const char *line, struct checkpoint *c)
{
	char hash[65], at[21], key[CHECKPOINT_FPR_MAX], sig[2 * crypto_sign_BYTES + 1];
	char text[CHECKPOINT_LINE_MAX];
	long entry, entries;
	int end = -1;

	if (strlen(line) >= CHECKPOINT_LINE_MAX)
		return false;
	if (sscanf(line,
	        "cairn-checkpoint v1 entry=%ld hash=%64[0-9a-f] entries=%ld at=%20[0-9TZ:-] "
	        "key=%16[0-9a-f] sig=%128[0-9a-f]%n",
	        &entry, hash, &entries, at, key, sig, &end) != 6 ||
	    end < 0 || line[end] != '\0' || strlen(hash) != 64 || strlen(at) != 20 ||
	    strlen(key) != 16 || strlen(sig) != 128 || entry <= 0 || entries <= 0 ||
	    entries > entry)
		return false;
	c->entry = entry;
	memcpy(c->hash, hash, sizeof(c->hash));
	c->entries = entries;
	memcpy(c->at, at, sizeof(c->at));
	memcpy(c->key, key, sizeof(c->key));
	if (sodium_hex2bin(c->sig, sizeof(c->sig), sig, 128, NULL, NULL, NULL) != 0)
		return false;
	/* Only the canonical form: what is signed is exactly what was parsed. */
	signed_text(c, text);
	return strncmp(line, text, strlen(text)) == 0 &&
	    strncmp(line + strlen(text), " sig=", 5) == 0;
}

/* Checks a parsed checkpoint's signature with pk. */
static bool
sig_ok(const struct checkpoint *c, const unsigned char pk[static crypto_sign_PUBLICKEYBYTES])
{
	char text[CHECKPOINT_LINE_MAX];

	signed_text(c, text);
	return crypto_sign_verify_detached(c->sig, (const unsigned char *)text, strlen(text), pk) ==
	    0;
}

/* What match_one carries through the log. */
struct match {
	struct checkpoint *v;
	size_t n;
	long count;      /* entries so far */
	size_t bad;      /* index + 1 of the first checkpoint that fails */
	const char *why; /* what failed */
	char found[65];  /* the hash the log holds for it */
};

/* Compares each entry with the checkpoints naming it (callback of audit_list). */
static int
match_one(const struct audit_entry *e, void *arg)
{
	struct match *m = arg;

	m->count++;
	for (size_t i = 0; i < m->n; i++) {
		struct checkpoint *c = &m->v[i];

		if (c->entry != e->id)
			continue;
		c->seen = true;
		if (e->hash == NULL || strcmp(e->hash, c->hash) != 0) {
			m->bad = i + 1;
			m->why = "the log holds that entry with another hash (the entry or one "
			         "before it was rewritten and the chain recomputed)";
			return 1;
		}
		if (m->count != c->entries) {
			m->bad = i + 1;
			m->why = "the log holds another number of entries up to it (entries "
			         "before it were deleted or inserted)";
			return 1;
		}
	}
	return 0;
}

int
audit_checkpoint_verify(struct store *st, const char *public_key, const char *extra, long *nchecked,
    long *entries, struct cairn_err *err)
{
	unsigned char pk[crypto_sign_PUBLICKEYBYTES];
	char fpr[CHECKPOINT_FPR_MAX];
	struct buf path = BUF_INIT, text = BUF_INIT;
	struct checkpoint *v = NULL;
	struct match m;
	size_t n = 0;
	bool found;
	int rc = CAIRN_OK;

	*nchecked = 0;
	*entries = 0;
	memset(&m, 0, sizeof(m));
	/* The public key: hex, or a file holding it. */
	if (public_key == NULL || public_key[0] == '\0')
		return cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_REQUIRED, "public-key",
		    "give the public key you hold (64 hex digits, or the file holding them)");
	if (!pub_parse(public_key, pk)) {
		struct cairn_err rerr = { 0 }; /* the field's error is the one to give */

		if (small_read(public_key, PUB_FILE_MAX, &text, &found, &rerr) != CAIRN_OK ||
		    !found || !pub_parse(buf_str(&text), pk)) {
			rc = cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_INVALID, "public-key",
			    "the public key must be 64 hex digits, or a file holding them; '%.80s' "
			    "is neither",
			    public_key);
			goto out;
		}
	}
	audit_key_fingerprint(pk, fpr);
	/* The checkpoints: the file's lines, then the one kept off the server. */
	side_path(st, ".checkpoints", &path);
	if ((rc = small_read(buf_str(&path), (size_t)64 << 20, &text, &found, err)) != CAIRN_OK)
		goto out;
	if (found) {
		char *s = (char *)(uintptr_t)buf_str(&text), *save = NULL, *line;
		const char *bn = strrchr(buf_str(&path), '/');
		long lineno = 0;

		bn = bn != NULL ? bn + 1 : buf_str(&path);

		for (const char *p = s; *p != '\0'; p++)
			if (*p == '\n' && p[1] == '\n') {
				rc = cairn_errf(err, CAIRN_EDATA,
				    "%s is damaged: it holds an empty line", buf_str(&path));
				goto out;
			}
		for (line = strtok_r(s, "\n", &save); line != NULL;
		     line = strtok_r(NULL, "\n", &save)) {
			lineno++;
			v = xreallocarray(v, n + 1, sizeof(*v));
			memset(&v[n], 0, sizeof(v[n]));
			snprintf(v[n].where, sizeof(v[n].where),
			    "checkpoint %ld (line %ld of %.100s)", lineno, lineno, bn);
			if (!line_parse(line, &v[n])) {
				rc = cairn_errf(err, CAIRN_EDATA,
				    "checkpoint %ld (line %ld of %s) is not a checkpoint line: "
				    "it was changed or damaged",
				    lineno, lineno, buf_str(&path));
				goto out;
			}
			n++;
		}
	}
	if (extra != NULL) {
		v = xreallocarray(v, n + 1, sizeof(*v));
		memset(&v[n], 0, sizeof(v[n]));
		snprintf(v[n].where, sizeof(v[n].where), "the given checkpoint");
		if (!line_parse(extra, &v[n])) {
			rc = cairn_err_field(err, CAIRN_EUSAGE, CAIRN_CODE_INVALID, "checkpoint",
			    "the checkpoint line is not one Cairn wrote (cairn-checkpoint v1 "
			    "entry=... sig=...)");
			goto out;
		}
		n++;
	}
	if (n == 0) {
		rc = cairn_errf(err, CAIRN_EDATA,
		    "there is no checkpoint to verify: %s is missing or empty and no checkpoint "
		    "line was given",
		    buf_str(&path));
		goto out;
	}
	/* Every signature, with the key the verifier holds. */
	for (size_t i = 0; i < n; i++)
		if (!sig_ok(&v[i], pk)) {
			rc = cairn_errf(err, CAIRN_EDATA,
			    "%s of entry %ld: its signature does not verify with the public key "
			    "%s%s",
			    v[i].where, v[i].entry, fpr,
			    strcmp(v[i].key, fpr) != 0
			        ? " (it names another key: the wrong public key was given, or the "
			          "line was forged)"
			        : " (the line was changed or forged without the secret key)");
			goto out;
		}
	/* And the log still holds what each one signed. */
	m.v = v;
	m.n = n;
	if ((rc = audit_list(st, match_one, &m, err)) != CAIRN_OK)
		goto out;
	if (m.bad != 0) {
		const struct checkpoint *c = &v[m.bad - 1];

		rc = cairn_errf(err, CAIRN_EDATA, "%s of entry %ld (signed %s): %s", c->where,
		    c->entry, c->at, m.why);
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		if (!v[i].seen) {
			rc = cairn_errf(err, CAIRN_EDATA,
			    "%s of entry %ld (signed %s): the log no longer holds entry %ld "
			    "(entries were deleted from the end)",
			    v[i].where, v[i].entry, v[i].at, v[i].entry);
			goto out;
		}
	*nchecked = (long)n;
	/* Then the chain itself, with the key and anchor. */
	rc = audit_verify(st, entries, err);
out:
	free(v);
	buf_free(&path);
	buf_free(&text);
	return rc;
}

int
audit_checkpoint_status(struct store *st, const struct actor *who, struct checkpoint_status *s,
    struct cairn_err *err)
{
	struct buf path = BUF_INIT, text = BUF_INIT;
	unsigned char pk[crypto_sign_PUBLICKEYBYTES];
	bool found;
	int rc;

	memset(s, 0, sizeof(*s));
	if ((rc = authz_check(st, who, 0, ACTION_VIEW_AUDIT, NULL, err)) != CAIRN_OK)
		return rc;
	{
		struct cairn_err e2 = { 0 };

		s->may_sign =
		    authz_check(st, who, 0, ACTION_AUDIT_CHECKPOINT, NULL, &e2) == CAIRN_OK;
	}
	if (strcmp(store_path(st), ":memory:") == 0)
		return CAIRN_OK;
	side_path(st, ".sign.pub", &path);
	if ((rc = small_read(buf_str(&path), PUB_FILE_MAX, &text, &found, err)) == CAIRN_OK &&
	    found && pub_parse(buf_str(&text), pk)) {
		s->have_key = true;
		sodium_bin2hex(s->pub, sizeof(s->pub), pk, sizeof(pk));
		audit_key_fingerprint(pk, s->fingerprint);
	}
	if (rc == CAIRN_OK)
		rc = checkpoints_count(st, &s->count, s->latest, err);
	buf_free(&path);
	buf_free(&text);
	return rc;
}

int
audit_checkpoints_copy(struct store *st, long last, const char *path, bool *wrote,
    struct cairn_err *err)
{
	struct buf src = BUF_INIT, text = BUF_INIT, out = BUF_INIT;
	bool found;
	int rc;

	*wrote = false;
	side_path(st, ".checkpoints", &src);
	if ((rc = small_read(buf_str(&src), (size_t)64 << 20, &text, &found, err)) != CAIRN_OK ||
	    !found)
		goto out;
	{
		const char *s = buf_str(&text), *line = s;

		for (const char *p = s; *p != '\0'; p++) {
			char one[CHECKPOINT_LINE_MAX];
			struct checkpoint c;
			size_t len = (size_t)(p - line);

			if (*p != '\n')
				continue;
			/* A line that is not a checkpoint is kept: verify names it. */
			if (len < sizeof(one)) {
				memcpy(one, line, len);
				one[len] = '\0';
			}
			if (len >= sizeof(one) || !line_parse(one, &c) || c.entry <= last)
				buf_append(&out, line, len + 1);
			line = p + 1;
		}
	}
	if ((rc = file_create(path, buf_str(&out), out.len, 0644, err)) == CAIRN_OK)
		*wrote = true;
out:
	buf_free(&src);
	buf_free(&text);
	buf_free(&out);
	return rc;
}
