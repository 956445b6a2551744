#!/bin/sh
# Issue 18, "The audit chain proves what it claims", signed checkpoints.
# Root on the server can rewrite the database, its audit key and its anchor
# together: plain `cairn audit verify` then passes (shown here first).  A
# checkpoint signed with Ed25519 and kept off the server, checked with the
# public key the verifier holds, still finds it: a deleted tail, a chain
# recomputed with the key and the anchor rewritten, a checkpoint forged
# without the secret key, and a wrong public key.  The forgeries are made
# here independently (python3, sqlite3), from docs/reliability.md.
. "$LIB"
SQL() { sqlite3 -cmd ".timeout 5000" "$1" "$2" 2>&1; }

run init
expect_rc 0 "init"
PUB=$(cat "$CAIRN_DB.sign.pub")
[ "$(stat -c %a "$CAIRN_DB.sign")" = 600 ] && [ "$(stat -c %s "$CAIRN_DB.sign")" = 64 ]
ok $? "init makes the secret signing key beside the database, 64 bytes, mode 0600"
printf '%s' "$PUB" | grep -Eq '^[0-9a-f]{64}$'
ok $? "and the public key file: 64 hex digits"
expect_out "$PUB" "init prints the public key once"
run init
! grep -q "$PUB" "$T/out"
ok $? "a second init does not print it again (nor make a new key)"
[ "$(cat "$CAIRN_DB.sign.pub")" = "$PUB" ]
ok $? "the key pair is kept"

run demo --out "$T/demo"
expect_rc 0 "demo inspection built"
run audit checkpoint
expect_rc 0 "cairn audit checkpoint"
LINE=$(cat "$T/out")
LAST=$(SQL "$CAIRN_DB" "SELECT MAX(id) FROM audit WHERE action <> 'audit.checkpoint'")
HASH=$(SQL "$CAIRN_DB" "SELECT hash FROM audit WHERE id = $LAST")
printf '%s\n' "$LINE" | grep -Eq "^cairn-checkpoint v1 entry=$LAST hash=$HASH entries=$LAST at=20[0-9-]{8}T[0-9:]{8}Z key=[0-9a-f]{16} sig=[0-9a-f]{128}\$"
ok $? "it prints one line: the newest entry ($LAST), its hash, the count, the time, the key, the signature"
[ "$(tail -1 "$CAIRN_DB.checkpoints")" = "$LINE" ]
ok $? "the line is appended to DATABASE.checkpoints"
[ "$(SQL "$CAIRN_DB" "SELECT action FROM audit ORDER BY id DESC LIMIT 1")" = audit.checkpoint ]
ok $? "taking it is audited"

# An independent check of the signature (Ed25519 over the text before
# " sig="), with the public key only: OpenSSL, not libsodium.
printf '302a300506032b6570032100%s' "$PUB" | xxd -r -p >"$T/pub.der"
printf '%s' "${LINE% sig=*}" >"$T/msg"
printf '%s' "${LINE##* sig=}" | xxd -r -p >"$T/sig"
openssl pkeyutl -verify -pubin -keyform DER -inkey "$T/pub.der" -rawin -in "$T/msg" \
	-sigfile "$T/sig" >/dev/null 2>&1
ok $? "the signature verifies independently (OpenSSL Ed25519)"

run audit verify --public-key "$CAIRN_DB.sign.pub"
expect_rc 0 "the checkpoints verify with the public key file"
expect_out "1 signed checkpoint" "and says how many"
cp "$CAIRN_DB.sign.pub" "$T/held.pub"
run audit verify --public-key "$PUB" --checkpoint "$LINE"
expect_rc 0 "and with the key in hex and the line kept off the server"

# A key the verifier did not get from this server.
OTHER=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
run audit verify --public-key "$OTHER"
expect_rc 65 "a wrong public key is refused"
expect_err "signature does not verify" "the signature fails"
expect_err "checkpoint 1 (line 1 of cairn.db.checkpoints)" "naming the checkpoint line"
run audit verify --public-key nonsense
expect_rc 64 "a public key that is neither hex nor a file is a usage error"
expect_err "(--public-key)" "naming the option"
run audit verify --public-key "$PUB" --checkpoint "cairn-checkpoint v1 entry=1"
expect_rc 64 "a --checkpoint line that is not one is refused"
expect_err "(--checkpoint)" "naming the option"

# copy NAME: a copy of the database with everything beside it.
copy() {
	mkdir -p "$T/$1"
	SQL "$CAIRN_DB" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
	for s in "" .key .anchor .sign .sign.pub .checkpoints; do
		cp "$CAIRN_DB$s" "$T/$1/c.db$s"
	done
	echo "$T/$1/c.db"
}
plain() { "$CAIRN" --db "$1" audit verify >"$T/out" 2>"$T/err"; RC=$?; }
signed() {
	db=$1
	shift
	"$CAIRN" --db "$db" audit verify --public-key "$T/held.pub" "$@" >"$T/out" 2>"$T/err"
	RC=$?
}
# reanchor DB: rewrites the anchor file from the database (root can).
reanchor() { SQL "$1" "SELECT id || ' ' || hash FROM audit ORDER BY id" >"$1.anchor"; }
# recompute DB FROM: rewrites entry FROM's detail and recomputes every hash
# from it on with the database's own key (the spec in docs/reliability.md).
recompute() {
	python3 - "$1" "$2" "$1.key" <<'PY'
import hashlib, hmac, sqlite3, sys
db, start, keyfile = sys.argv[1], int(sys.argv[2]), sys.argv[3]
key = open(keyfile, 'rb').read()
c = sqlite3.connect(db)
def f(s):
    s = s.encode()
    return b'|%d:' % len(s) + s
rows = c.execute('SELECT id, at, actor, origin, action, inspection_id, subject, detail, '
                 'prev_hash, subject_sha256, detail_sha256 FROM audit WHERE id >= ? '
                 'ORDER BY id', (start,)).fetchall()
prev = rows[0][8]
for (i, at, actor, origin, action, insp, subj, det, _, ssha, dsha) in rows:
    if i == start:
        det = 'grade 6'
        dsha = hashlib.sha256(det.encode()).hexdigest()
    msg = b''.join(f(x) for x in ('cairn-audit-2', prev, str(i), at, actor, origin, action,
                                  str(insp or 0), ssha or '', dsha or ''))
    h = hmac.new(key, msg, hashlib.sha256).hexdigest()
    c.execute('UPDATE audit SET detail = ?, detail_sha256 = ?, prev_hash = ?, hash = ? '
              'WHERE id = ?', (det, dsha, prev, h, i))
    prev = h
c.commit()
PY
}

# The tail below the checkpoint deleted, and the anchor cut to match.
DB=$(copy tail)
SQL "$DB" "DELETE FROM audit WHERE id > $LAST - 3" >/dev/null
reanchor "$DB"
plain "$DB"
expect_rc 0 "root's truncation with the anchor rewritten passes the plain verify (the threat)"
signed "$DB"
expect_rc 65 "the signed checkpoint finds the deleted tail"
expect_err "checkpoint 1 (line 1 of c.db.checkpoints) of entry $LAST" "naming the checkpoint"
expect_err "no longer holds entry $LAST" "and what failed"
one_line_err "one-line error"

# A grade rewritten, the chain recomputed with the key, the anchor rewritten.
G=$(SQL "$CAIRN_DB" "SELECT MIN(id) FROM audit WHERE action = 'grade.set'")
DB=$(copy recomputed)
recompute "$DB" "$G"
reanchor "$DB"
plain "$DB"
expect_rc 0 "a chain recomputed with the key and a rewritten anchor pass the plain verify"
signed "$DB"
expect_rc 65 "the signed checkpoint finds the recomputed chain"
expect_err "of entry $LAST" "naming the checkpointed entry"
expect_err "another hash" "and saying its hash changed"

# Then the checkpoint line rewritten to the new hash, without the secret key.
NEWHASH=$(SQL "$DB" "SELECT hash FROM audit WHERE id = $LAST")
sed -i "s/hash=$HASH/hash=$NEWHASH/" "$DB.checkpoints"
signed "$DB"
expect_rc 65 "a checkpoint rewritten without the secret key is found"
expect_err "signature does not verify" "by its signature"
expect_err "line 1 of c.db.checkpoints" "naming the line"

# Root signs new checkpoints under a key pair of its own.
rm "$DB.sign" "$DB.sign.pub" "$DB.checkpoints"
"$CAIRN" --db "$DB" audit checkpoint >/dev/null 2>&1
ok $? "an attacker can make a new key pair and sign the rewritten log"
signed "$DB"
expect_rc 65 "but the public key the verifier holds refuses it"
expect_err "names another key" "saying it is another key"
# Or deletes the checkpoints file: the line kept off the server remains.
rm "$DB.checkpoints"
signed "$DB"
expect_rc 65 "without any checkpoint nothing is proved, and verify says so"
expect_err "no checkpoint to verify" "it says so"
signed "$DB" --checkpoint "$LINE"
expect_rc 65 "the line kept off the server finds the rewrite"
expect_err "the given checkpoint of entry $LAST" "naming that line"

# A missing secret key is not silently replaced while checkpoints exist.
DB=$(copy nokey)
rm "$DB.sign"
"$CAIRN" --db "$DB" audit checkpoint >"$T/out" 2>"$T/err"
RC=$?
expect_rc 65 "a checkpoint without the secret key is refused while checkpoints exist"
expect_err "signing key" "naming the missing key"

# A database from before signing: the first checkpoint makes the key pair.
DB=$(copy legacy)
rm "$DB.sign" "$DB.sign.pub" "$DB.checkpoints"
"$CAIRN" --db "$DB" audit checkpoint >"$T/out" 2>"$T/err"
RC=$?
expect_rc 0 "an existing database's first checkpoint makes its key pair"
[ -s "$DB.sign.pub" ] && [ "$(stat -c %a "$DB.sign")" = 600 ] && grep -qF "$(cat "$DB.sign.pub")" "$T/out"
ok $? "and prints the new public key"
"$CAIRN" --db "$DB" audit verify --public-key "$DB.sign.pub" >/dev/null 2>&1
ok $? "which verifies it"

# Publication is a milestone: a checkpoint is signed once it is committed.
signoff 1
run publish 1
expect_rc 0 "publish"
expect_out "cairn-checkpoint v1 entry=" "publishing prints its checkpoint"
P=$(SQL "$CAIRN_DB" "SELECT id FROM audit WHERE action = 'report.publish'")
grep -q "entry=$P " "$CAIRN_DB.checkpoints"
ok $? "the checkpoint covers the publication's entry ($P)"
run audit verify --public-key "$T/held.pub"
expect_rc 0 "and verifies"
# A checkpoint that cannot be written does not undo the publication.
mv "$CAIRN_DB.checkpoints" "$T/saved.checkpoints"
mkdir "$CAIRN_DB.checkpoints"
run publish 1 --supersede --reason "A corrected figure"
expect_rc 0 "a failing checkpoint leaves the publication standing"
expect_err "no audit checkpoint was signed" "and is reported"
[ "$(SQL "$CAIRN_DB" "SELECT count(*) FROM publication")" = 2 ]
ok $? "version 2 is recorded"
[ "$(SQL "$CAIRN_DB" "SELECT count(*) FROM audit WHERE action = 'audit.checkpoint.failed'")" = 1 ]
ok $? "the failure is in the audit log"
rmdir "$CAIRN_DB.checkpoints"
mv "$T/saved.checkpoints" "$CAIRN_DB.checkpoints"

# Backup and restore carry the key pair and the checkpoints.
run backup "$T/bk.db"
expect_rc 0 "backup"
[ -f "$T/bk.db.checkpoints" ] && [ -f "$T/bk.db.sign.pub" ] && [ -f "$T/bk.db.sign" ] &&
	[ "$(stat -c %a "$T/bk.db.sign")" = 600 ] && grep -q "bk.db.checkpoints" "$T/bk.db.manifest"
ok $? "the backup holds the checkpoints and the key pair, in its manifest"
run --db "$T/r.db" restore "$T/bk.db"
expect_rc 0 "restore"
run --db "$T/r.db" audit verify --public-key "$T/held.pub" --checkpoint "$LINE"
expect_rc 0 "the restored log verifies with the held public key and the kept line"
run --db "$T/r.db" audit checkpoint
expect_rc 0 "the restored server goes on signing"
run --db "$T/r.db" audit verify --public-key "$T/held.pub"
expect_rc 0 "under the same key"
done_testing
