/* Backups and restores: see backup.h. */
#include "app/access/backup.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/access/audit.h"
#include "app/access/checkpoint.h"
#include "app/evaluation/evidence.h"
#include "core/buf.h"
#include "core/mem.h"
#include "store/account.h"
#include "store/backup.h"
#include "store/store.h"
#include "store/work.h"

/* The parts of a backup beside the database, by suffix. */
static const char *const PARTS[] = { ".key", ".anchor", ".sign", ".sign.pub", ".checkpoints" };

/* Whether a path exists (without following a final symbolic link). */
static bool
exists(const char *path)
{
	struct stat sb;

	return lstat(path, &sb) == 0;
}

/*
 * Copies src to dst (created, mode mode, must not exist), hashing what is
 * read into sha (hex).  dst NULL: only hashes.
 */
static int
copy_hashed(const char *src, const char *dst, mode_t mode, char sha[static 65],
    struct cairn_err *err)
{
	unsigned char chunk[65536], d[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_state h;
	int in, out = -1, rc = CAIRN_OK;
	ssize_t n;

	if ((in = open(src, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) < 0)
		return cairn_errf(err, errno == ENOENT ? CAIRN_ENOINPUT : CAIRN_EIO,
		    "cannot read %s: %s", src, strerror(errno));
	if (dst != NULL &&
	    (out = open(dst, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode)) < 0) {
		rc =
		    cairn_errf(err, CAIRN_ECANTCREAT, "cannot create %s: %s", dst, strerror(errno));
		close(in);
		return rc;
	}
	crypto_hash_sha256_init(&h);
	while ((n = read(in, chunk, sizeof(chunk))) > 0) {
		crypto_hash_sha256_update(&h, chunk, (unsigned long long)n);
		if (out >= 0 && write(out, chunk, (size_t)n) != n) {
			rc =
			    cairn_errf(err, CAIRN_EIO, "cannot write %s: %s", dst, strerror(errno));
			break;
		}
	}
	if (n < 0 && rc == CAIRN_OK)
		rc = cairn_errf(err, CAIRN_EIO, "cannot read %s: %s", src, strerror(errno));
	if (out >= 0 && rc == CAIRN_OK && (fchmod(out, mode) != 0 || fsync(out) != 0))
		rc = cairn_errf(err, CAIRN_EIO, "cannot write %s: %s", dst, strerror(errno));
	if (out >= 0)
		close(out);
	close(in);
	crypto_hash_sha256_final(&h, d);
	sodium_bin2hex(sha, 65, d, sizeof(d));
	return rc;
}

/* Removes dest and what a backup writes beside it (best effort). */
static void
remove_unit(const char *dest)
{
	struct buf p = BUF_INIT;
	DIR *d;
	struct dirent *de;

	buf_printf(&p, "%s.files", dest);
	if ((d = opendir(buf_str(&p))) != NULL) {
		while ((de = readdir(d)) != NULL) {
			struct buf f = BUF_INIT;

			if (de->d_name[0] == '.')
				continue;
			buf_printf(&f, "%s/%s", buf_str(&p), de->d_name);
			unlink(buf_str(&f));
			buf_free(&f);
		}
		closedir(d);
		rmdir(buf_str(&p));
	}
	unlink(dest);
	for (size_t i = 0; i < sizeof(PARTS) / sizeof(PARTS[0]); i++) {
		buf_reset(&p);
		buf_printf(&p, "%s%s", dest, PARTS[i]);
		unlink(buf_str(&p));
	}
	buf_reset(&p);
	buf_printf(&p, "%s.manifest", dest);
	unlink(buf_str(&p));
	buf_free(&p);
}

/* Refuses when path or any part beside it exists. */
static int
unit_absent(const char *path, const char *what, struct cairn_err *err)
{
	static const char *const suffixes[] = { "", ".files", ".key", ".anchor", ".sign",
		".sign.pub", ".checkpoints", ".manifest" };
	struct buf p = BUF_INIT;
	int rc = CAIRN_OK;

	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]) && rc == CAIRN_OK; i++) {
		buf_reset(&p);
		buf_printf(&p, "%s%s", path, suffixes[i]);
		if (exists(buf_str(&p)))
			rc = cairn_errf(err, CAIRN_ECANTCREAT,
			    "%s already exists; give a new name for the %s", buf_str(&p), what);
	}
	buf_free(&p);
	return rc;
}

/* The last path component of path. */
static const char *
base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s != NULL ? s + 1 : path;
}

/* Writes the live anchor's lines up to entry last into path. */
static int
anchor_copy(struct store *st, long last, const char *path, bool *wrote, struct cairn_err *err)
{
	struct audit_anchor *a = NULL;
	size_t n = 0;
	bool found;
	FILE *f;
	int fd, rc;

	*wrote = false;
	if ((rc = store_audit_anchor_read(st, &a, &n, &found, err)) != CAIRN_OK || !found) {
		free(a);
		return rc;
	}
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600)) < 0 ||
	    (f = fdopen(fd, "w")) == NULL) {
		rc = cairn_errf(err, CAIRN_ECANTCREAT, "cannot create %s: %s", path,
		    strerror(errno));
		if (fd >= 0)
			close(fd);
		free(a);
		return rc;
	}
	for (size_t i = 0; i < n; i++)
		if (a[i].id <= last)
			fprintf(f, "%ld %s\n", a[i].id, a[i].hash);
	if (fflush(f) != 0 || fsync(fileno(f)) != 0)
		rc = cairn_errf(err, CAIRN_EIO, "cannot write %s: %s", path, strerror(errno));
	if (fclose(f) != 0 && rc == CAIRN_OK)
		rc = cairn_errf(err, CAIRN_EIO, "cannot write %s: %s", path, strerror(errno));
	free(a);
	*wrote = rc == CAIRN_OK;
	return rc;
}

/* Appends "SHA  NAME\n" for path (named name in the manifest). */
static int
manifest_add(struct buf *m, const char *path, const char *name, struct cairn_err *err)
{
	char sha[65];
	int rc = copy_hashed(path, NULL, 0, sha, err);

	if (rc == CAIRN_OK)
		buf_printf(m, "%s  %s\n", sha, name);
	return rc;
}

/* Writes text to path atomically (a temporary file renamed). */
static int
write_atomic(const char *path, const char *text, struct cairn_err *err)
{
	struct buf tmp = BUF_INIT;
	size_t len = strlen(text);
	int fd, rc = CAIRN_OK;

	buf_printf(&tmp, "%s.tmp", path);
	fd = open(buf_str(&tmp), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0 || write(fd, text, len) != (ssize_t)len || fsync(fd) != 0)
		rc =
		    cairn_errf(err, CAIRN_ECANTCREAT, "cannot write %s: %s", path, strerror(errno));
	if (fd >= 0)
		close(fd);
	if (rc == CAIRN_OK && rename(buf_str(&tmp), path) != 0)
		rc =
		    cairn_errf(err, CAIRN_ECANTCREAT, "cannot write %s: %s", path, strerror(errno));
	if (rc != CAIRN_OK)
		unlink(buf_str(&tmp));
	buf_free(&tmp);
	return rc;
}

int
app_backup(struct store *st, const char *dest, struct backup_summary *sum, struct cairn_err *err)
{
	struct buf src = BUF_INIT, dst = BUF_INIT, name = BUF_INIT, man = BUF_INIT, dir = BUF_INIT;
	struct store *bk = NULL;
	char **shas = NULL, hash[65], sha[65];
	const char *bn = base_name(dest);
	size_t nshas = 0;
	long last = 0;
	bool wrote;
	int rc;

	memset(sum, 0, sizeof(*sum));
	if ((rc = unit_absent(dest, "backup", err)) != CAIRN_OK)
		return rc;
	/* The database first: what it refers to is then what is copied. */
	if ((rc = store_backup(st, dest, err)) != CAIRN_OK)
		return rc;
	if ((rc = store_open(dest, STORE_EXISTING, &bk, err)) != CAIRN_OK ||
	    (rc = store_backup_files(bk, &shas, &nshas, err)) != CAIRN_OK ||
	    (rc = store_audit_last(bk, &last, hash, err)) != CAIRN_OK)
		goto out;
	store_close(bk);
	bk = NULL;
	if ((rc = manifest_add(&man, dest, bn, err)) != CAIRN_OK)
		goto out;
	/* The evidence files, each checked against its name (its hash). */
	app_evidence_dir(st, &dir);
	buf_printf(&dst, "%s.files", dest);
	if (mkdir(buf_str(&dst), 0700) != 0) {
		rc = cairn_errf(err, CAIRN_ECANTCREAT, "cannot create %s: %s", buf_str(&dst),
		    strerror(errno));
		goto out;
	}
	for (size_t i = 0; i < nshas; i++) {
		buf_reset(&src);
		buf_reset(&dst);
		buf_printf(&src, "%s/%s", buf_str(&dir), shas[i]);
		buf_printf(&dst, "%s.files/%s", dest, shas[i]);
		if ((rc = copy_hashed(buf_str(&src), buf_str(&dst), 0600, sha, err)) != CAIRN_OK)
			goto out;
		if (strcmp(sha, shas[i]) != 0) {
			rc = cairn_errf(err, CAIRN_EDATA,
			    "the evidence file %s does not match its hash: it is damaged; "
			    "nothing was backed up",
			    buf_str(&src));
			goto out;
		}
		buf_printf(&man, "%s  %s.files/%s\n", sha, bn, shas[i]);
		sum->files++;
	}
	/* The audit key and the anchor lines of the entries the copy holds. */
	buf_reset(&src);
	audit_key_path(st, &src);
	buf_reset(&dst);
	buf_printf(&dst, "%s.key", dest);
	if (exists(buf_str(&src))) {
		if ((rc = copy_hashed(buf_str(&src), buf_str(&dst), 0600, sha, err)) != CAIRN_OK)
			goto out;
		buf_printf(&man, "%s  %s.key\n", sha, bn);
	}
	buf_reset(&dst);
	buf_printf(&dst, "%s.anchor", dest);
	if ((rc = anchor_copy(st, last, buf_str(&dst), &wrote, err)) != CAIRN_OK)
		goto out;
	buf_reset(&name);
	buf_printf(&name, "%s.anchor", bn);
	if (wrote && (rc = manifest_add(&man, buf_str(&dst), buf_str(&name), err)) != CAIRN_OK)
		goto out;
	/* The signing key pair (the secret key too, so that a restored server goes
	 * on signing under the public key its verifiers hold: docs/deployment.md)
	 * and the checkpoints of the entries the copy holds. */
	for (size_t k = 0; k < 2; k++) {
		const char *suf = k == 0 ? ".sign" : ".sign.pub";

		buf_reset(&src);
		buf_printf(&src, "%s%s", store_path(st), suf);
		buf_reset(&dst);
		buf_printf(&dst, "%s%s", dest, suf);
		if (!exists(buf_str(&src)))
			continue;
		if ((rc = copy_hashed(buf_str(&src), buf_str(&dst), k == 0 ? 0600 : 0644, sha,
		         err)) != CAIRN_OK)
			goto out;
		buf_printf(&man, "%s  %s%s\n", sha, bn, suf);
	}
	buf_reset(&dst);
	buf_printf(&dst, "%s.checkpoints", dest);
	if ((rc = audit_checkpoints_copy(st, last, buf_str(&dst), &wrote, err)) != CAIRN_OK)
		goto out;
	buf_reset(&name);
	buf_printf(&name, "%s.checkpoints", bn);
	if (wrote && (rc = manifest_add(&man, buf_str(&dst), buf_str(&name), err)) != CAIRN_OK)
		goto out;
	/* The manifest last: a backup without one is incomplete. */
	buf_reset(&dst);
	buf_printf(&dst, "%s.manifest", dest);
	rc = write_atomic(buf_str(&dst), buf_str(&man), err);
	sum->entries = last;
out:
	if (bk != NULL)
		store_close(bk);
	if (rc != CAIRN_OK)
		remove_unit(dest);
	for (size_t i = 0; i < nshas; i++)
		free(shas[i]);
	free(shas);
	buf_free(&src);
	buf_free(&dst);
	buf_free(&name);
	buf_free(&man);
	buf_free(&dir);
	return rc;
}

/* One line of a manifest. */
struct entry {
	char sha[65];
	char *suffix; /* the name after the backup's base name: "", ".key", ".files/SHA" */
};

static bool
is_hex64(const char *s)
{
	size_t i;

	for (i = 0; i < 64; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return s[64] == '\0';
}

/* Reads and checks the manifest's form; every name must be the backup's. */
static int
manifest_read(const char *path, const char *bn, struct entry **out, size_t *n,
    struct cairn_err *err)
{
	char line[1024];
	struct entry *v = NULL;
	size_t len = 0, bl = strlen(bn);
	long lineno = 0;
	bool db = false;
	FILE *f;
	int rc = CAIRN_OK;

	*out = NULL;
	*n = 0;
	if ((f = fopen(path, "re")) == NULL)
		return cairn_errf(err, CAIRN_ENOINPUT,
		    "cannot read the backup's manifest %s: %s; a backup without its manifest "
		    "cannot be checked and is not restored",
		    path, strerror(errno));
	while (fgets(line, sizeof(line), f) != NULL) {
		char *nl = strchr(line, '\n'), *name;
		const char *suf;

		lineno++;
		if (nl != NULL)
			*nl = '\0';
		name = line + 66;
		if (strlen(line) < 67 || line[64] != ' ' || line[65] != ' ' ||
		    strncmp(name, bn, bl) != 0) {
			rc = cairn_errf(err, CAIRN_EDATA,
			    "the manifest %s is damaged at line %ld: each line is a SHA-256 hash, "
			    "two spaces and a file of the backup",
			    path, lineno);
			break;
		}
		line[64] = '\0';
		suf = name + bl;
		if (!is_hex64(line) ||
		    !(strcmp(suf, "") == 0 || strcmp(suf, ".key") == 0 ||
		        strcmp(suf, ".anchor") == 0 || strcmp(suf, ".sign") == 0 ||
		        strcmp(suf, ".sign.pub") == 0 || strcmp(suf, ".checkpoints") == 0 ||
		        (strncmp(suf, ".files/", 7) == 0 && is_hex64(suf + 7)))) {
			rc = cairn_errf(err, CAIRN_EDATA,
			    "the manifest %s is damaged at line %ld: '%s' is not a file of a "
			    "backup",
			    path, lineno, name);
			break;
		}
		db = db || suf[0] == '\0';
		v = xreallocarray(v, len + 1, sizeof(*v));
		memcpy(v[len].sha, line, 65);
		v[len].suffix = xstrdup(suf);
		len++;
	}
	fclose(f);
	if (rc == CAIRN_OK && !db)
		rc = cairn_errf(err, CAIRN_EDATA, "the manifest %s does not list the database %s",
		    path, bn);
	if (rc != CAIRN_OK) {
		for (size_t i = 0; i < len; i++)
			free(v[i].suffix);
		free(v);
		return rc;
	}
	*out = v;
	*n = len;
	return CAIRN_OK;
}

int
app_restore(const char *backup, const char *target, struct backup_summary *sum,
    struct cairn_err *err)
{
	struct buf src = BUF_INIT, dst = BUF_INIT, tmp = BUF_INIT;
	struct entry *v = NULL;
	struct store *st = NULL;
	size_t n = 0;
	char sha[65];
	int rc;

	memset(sum, 0, sizeof(*sum));
	buf_printf(&src, "%s.manifest", backup);
	if ((rc = manifest_read(buf_str(&src), base_name(backup), &v, &n, err)) != CAIRN_OK)
		goto done;
	/* Every file checked before anything is written. */
	for (size_t i = 0; i < n; i++) {
		buf_reset(&src);
		buf_printf(&src, "%s%s", backup, v[i].suffix);
		if ((rc = copy_hashed(buf_str(&src), NULL, 0, sha, err)) != CAIRN_OK)
			goto done;
		if (strcmp(sha, v[i].sha) != 0) {
			rc = cairn_errf(err, CAIRN_EDATA,
			    "%s does not match the backup's manifest (line %zu): the backup is "
			    "damaged or was changed; nothing was restored",
			    buf_str(&src), i + 1);
			goto done;
		}
	}
	if ((rc = unit_absent(target, "restored database", err)) != CAIRN_OK)
		goto done;
	buf_reset(&dst);
	buf_printf(&dst, "%s.files", target);
	if (mkdir(buf_str(&dst), 0700) != 0) {
		rc = cairn_errf(err, CAIRN_ECANTCREAT, "cannot create %s: %s", buf_str(&dst),
		    strerror(errno));
		goto done;
	}
	/* The database last, under a temporary name until it is complete. */
	for (size_t pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < n; i++) {
			bool isdb = v[i].suffix[0] == '\0';

			if (isdb != (pass == 1))
				continue;
			buf_reset(&src);
			buf_reset(&dst);
			buf_printf(&src, "%s%s", backup, v[i].suffix);
			buf_printf(&dst, "%s%s%s", target, v[i].suffix, isdb ? ".restoring" : "");
			if ((rc = copy_hashed(buf_str(&src), buf_str(&dst), 0600, sha, err)) !=
			    CAIRN_OK)
				goto fail;
			if (strcmp(sha, v[i].sha) != 0) {
				rc = cairn_errf(err, CAIRN_EDATA,
				    "%s changed while it was restored; nothing was restored",
				    buf_str(&src));
				goto fail;
			}
			if (strncmp(v[i].suffix, ".files/", 7) == 0)
				sum->files++;
			if (isdb && rename(buf_str(&dst), target) != 0) {
				rc = cairn_errf(err, CAIRN_ECANTCREAT, "cannot create %s: %s",
				    target, strerror(errno));
				goto fail;
			}
		}
	/* A restored system is one whose audit log proves itself. */
	if ((rc = store_open(target, STORE_EXISTING, &st, err)) != CAIRN_OK)
		goto fail;
	/* With its checkpoints, checked against the public key that came with
	 * them (a consistency check: the verifier's own key is the proof). */
	buf_reset(&tmp);
	buf_printf(&tmp, "%s.checkpoints", target);
	buf_reset(&dst);
	buf_printf(&dst, "%s.sign.pub", target);
	if (exists(buf_str(&tmp)) && exists(buf_str(&dst))) {
		long k;

		rc = audit_checkpoint_verify(st, buf_str(&dst), NULL, &k, &sum->entries, err);
	} else
		rc = audit_verify(st, &sum->entries, err);
	if (rc != CAIRN_OK)
		goto fail;
	goto done;
fail:
	if (st != NULL)
		store_close(st);
	st = NULL;
	buf_reset(&tmp);
	buf_printf(&tmp, "%s.restoring", target);
	unlink(buf_str(&tmp));
	remove_unit(target);
done:
	if (st != NULL)
		store_close(st);
	for (size_t i = 0; i < n; i++)
		free(v[i].suffix);
	free(v);
	buf_free(&src);
	buf_free(&dst);
	buf_free(&tmp);
	return rc;
}
