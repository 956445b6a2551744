/*
 * Signed checkpoints of the audit log (issue 18): proof of the chain that
 * does not rest on trusting the server's own key and anchor.  An Ed25519
 * key pair (libsodium) lives beside the database: DATABASE.sign (the
 * secret key, mode 0600) and DATABASE.sign.pub (the public key, 64 hex
 * digits).  A checkpoint is one line
 *
 *   cairn-checkpoint v1 entry=N hash=HEX entries=C at=UTC key=FPR sig=HEX
 *
 * signing the text before " sig=": the newest entry's id and hash, the
 * number of entries up to it, when, and the key's fingerprint.  Each is
 * appended to DATABASE.checkpoints (O_APPEND, fsync) and given to the
 * caller to keep off the server.  audit_checkpoint_verify() checks every
 * checkpoint against a public key the verifier holds independently and
 * against the log: truncation below a checkpoint, a chain recomputed with
 * the key (and a rewritten anchor), and a checkpoint rewritten without the
 * secret key are all found.  docs/reliability.md: the threat model.
 */
#ifndef CAIRN_APP_CHECKPOINT_H
#define CAIRN_APP_CHECKPOINT_H

#include <stdbool.h>

#include "app/access/actor.h"
#include "core/err.h"

struct store;

/* Room for one checkpoint line and its terminating NUL. */
#define CHECKPOINT_LINE_MAX 384
/* Room for a public key in hex (64 digits) and its NUL. */
#define CHECKPOINT_PUB_HEX 65
/* Room for a key's fingerprint (16 hex digits) and its NUL. */
#define CHECKPOINT_FPR_MAX 17

/*
 * Makes the signing key pair if the database has none (init, and an
 * existing database's first checkpoint).  Sets *created, and pub to the
 * public key in hex.  A secret key that is missing while DATABASE.checkpoints
 * holds checkpoints is CAIRN_EDATA (they cannot be extended under a new key
 * silently); CAIRN_ECANTCREAT when the files cannot be written.
 */
int audit_sign_init(struct store *st, bool *created, char pub[static CHECKPOINT_PUB_HEX],
    struct cairn_err *err) __attribute__((warn_unused_result));

/*
 * What the administrator asks for: checks that who may (ACTION_AUDIT_CHECKPOINT),
 * makes the key pair if needed (*created, pub), appends a signed checkpoint of
 * the newest entry to DATABASE.checkpoints, records "audit.checkpoint" in the
 * log, and copies the line into line.  CAIRN_EPERM, or as audit_sign_init.
 */
int audit_checkpoint(struct store *st, const struct actor *who,
    char line[static CHECKPOINT_LINE_MAX], bool *created, char pub[static CHECKPOINT_PUB_HEX],
    struct cairn_err *err) __attribute__((warn_unused_result));

/*
 * What the server does itself at a milestone (what, e.g. "report.publish of
 * inspection 3"): as audit_checkpoint without a permission check, to be
 * called after the milestone's transaction has committed.  A failure is
 * recorded in the log as "audit.checkpoint.failed" and returned; it never
 * undoes the milestone.
 */
int audit_checkpoint_milestone(struct store *st, const struct actor *who, const char *what,
    char line[static CHECKPOINT_LINE_MAX], struct cairn_err *err)
    __attribute__((warn_unused_result));

/*
 * Verifies the checkpoints of DATABASE.checkpoints and, when given, the line
 * kept off the server (extra, may be NULL), with public_key (64 hex digits,
 * or a file holding them; field "public-key"): each signature, and that the
 * log still holds the checkpointed entry with that hash and that many
 * entries up to it; then the chain as audit_verify() does.  Sets *nchecked
 * to the checkpoints checked and *entries to the entries verified.
 * CAIRN_EDATA naming the checkpoint (its line) and what failed, or as
 * audit_verify(); CAIRN_EUSAGE for a public key or line that cannot be read.
 */
int audit_checkpoint_verify(struct store *st, const char *public_key, const char *extra,
    long *nchecked, long *entries, struct cairn_err *err) __attribute__((warn_unused_result));

/* What the audit page shows. */
struct checkpoint_status {
	bool have_key;                        /* DATABASE.sign.pub exists */
	char pub[CHECKPOINT_PUB_HEX];         /* the public key, hex ("" without) */
	char fingerprint[CHECKPOINT_FPR_MAX]; /* its fingerprint ("" without) */
	long count;                           /* checkpoints in DATABASE.checkpoints */
	char latest[CHECKPOINT_LINE_MAX];     /* the newest line ("" when none) */
	bool may_sign;                        /* the actor may sign one (ACTION_AUDIT_CHECKPOINT) */
};

/* Fills s for who (ACTION_VIEW_AUDIT, globally).  CAIRN_EPERM, CAIRN_EIO. */
int audit_checkpoint_status(struct store *st, const struct actor *who, struct checkpoint_status *s,
    struct cairn_err *err) __attribute__((warn_unused_result));

/*
 * Writes the checkpoints of DATABASE.checkpoints whose entry is at most last
 * into path (created, must not exist, mode 0644), for a backup holding the
 * log up to last.  *wrote false when the database has no checkpoints file.
 */
int audit_checkpoints_copy(struct store *st, long last, const char *path, bool *wrote,
    struct cairn_err *err) __attribute__((warn_unused_result));

/* The fingerprint of a public key: the first 8 bytes of its SHA-256 in hex. */
void audit_key_fingerprint(const unsigned char pk[static 32], char out[static CHECKPOINT_FPR_MAX]);

#endif
