#!/bin/sh
# Issue 18, "The audit chain proves what it claims".  Whoever can write the
# database file can delete the newest entries, or rewrite an entry and
# recompute every hash after it; cairn audit verify must find each, using
# what is kept outside the database: the key (DB.key, created at init,
# mode 0600) and the anchor file (DB.anchor, one line per committed entry).
# The recomputation is done here independently, from docs/reliability.md's
# description of the chain.  Entries written before migration 11 (form 1)
# keep verifying, and the log goes on from them.
. "$LIB"
SQL() { sqlite3 -cmd ".timeout 5000" "$1" "$2" 2>&1; }

run demo --out "$T/demo"
expect_rc 0 "demo inspection built"
[ -f "$CAIRN_DB.key" ] && [ "$(stat -c %a "$CAIRN_DB.key")" = 600 ] && [ "$(stat -c %s "$CAIRN_DB.key")" = 32 ]
ok $? "the audit key is created at init beside the database, 32 bytes, mode 0600"
run audit verify
expect_rc 0 "the untouched log verifies"
LAST=$(SQL "$CAIRN_DB" "SELECT MAX(id) FROM audit")
[ "$(wc -l <"$CAIRN_DB.anchor")" -ge "$LAST" ] && [ "$(tail -1 "$CAIRN_DB.anchor" | cut -d' ' -f1)" = "$LAST" ]
ok $? "the anchor file records every committed entry (last $LAST)"

# copy NAME: a copy of the database with its key and anchor.
copy() {
	mkdir -p "$T/$1"
	SQL "$CAIRN_DB" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
	cp "$CAIRN_DB" "$T/$1/c.db"
	cp "$CAIRN_DB.key" "$CAIRN_DB.anchor" "$T/$1/" 2>/dev/null
	mv "$T/$1/cairn.db.key" "$T/$1/c.db.key"
	mv "$T/$1/cairn.db.anchor" "$T/$1/c.db.anchor"
	echo "$T/$1/c.db"
}
verify() { "$CAIRN" --db "$1" audit verify >"$T/out" 2>"$T/err"; RC=$?; }

# The tail deleted.
DB=$(copy tail)
SQL "$DB" "DELETE FROM audit WHERE id > $LAST - 3" >/dev/null
verify "$DB"
expect_rc 65 "deleting the newest entries is found"
expect_err "deleted from the end" "and named as such"
one_line_err "one-line error"

# Every entry deleted.
DB=$(copy empty)
SQL "$DB" "DELETE FROM audit" >/dev/null
verify "$DB"
expect_rc 65 "deleting every entry is found"

# recompute DB FROM KEYFILE: rewrites entry FROM's detail and recomputes
# every hash from it on with KEYFILE's key (the spec in docs/reliability.md).
recompute() {
	python3 - "$1" "$2" "$3" <<'PY'
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
G=$(SQL "$CAIRN_DB" "SELECT MIN(id) FROM audit WHERE action = 'grade.set'")
[ -n "$G" ]
ok $? "a grade entry to rewrite ($G)"

# Rewritten without the key (a key of the attacker's own): the keyed hash fails.
DB=$(copy nokey)
head -c 32 /dev/urandom >"$T/attacker.key"
recompute "$DB" "$G" "$T/attacker.key"
verify "$DB"
expect_rc 65 "a rewritten entry with its chain recomputed without the key is found"
expect_err "entry $G" "naming the entry"

# Rewritten with the key itself: the anchor still finds it.
DB=$(copy withkey)
recompute "$DB" "$G" "$(dirname "$DB")/c.db.key"
sqlite3 "$DB" "SELECT hash FROM audit WHERE id = $G" >"$T/h"
verify "$DB"
expect_rc 65 "a rewritten entry with its chain recomputed with the key is found (the anchor)"
expect_err "anchor" "the anchor file is what finds it"

# Without its anchor file, or without its key, a keyed log does not verify
# at all (deleting the anchor must not hide a deleted tail).
DB=$(copy noanchor)
rm "$(dirname "$DB")/c.db.anchor"
verify "$DB"
expect_rc 65 "a keyed log without its anchor file is refused"
DB=$(copy nokeyfile)
rm "$(dirname "$DB")/c.db.key"
verify "$DB"
expect_rc 65 "a keyed log without its key is refused"
expect_err "key" "naming the missing key"

# A database from before migration 11: every entry in form 1 (plain
# SHA-256 over the text), no key, no anchor.  It verifies, and goes on.
DB=$(copy legacy)
rm "$(dirname "$DB")/c.db.key" "$(dirname "$DB")/c.db.anchor"
python3 - "$DB" <<'PY'
import hashlib, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
def f(s):
    s = s.encode()
    return b'|%d:' % len(s) + s
prev = '0' * 64
for (i, at, actor, origin, action, insp, subj, det) in c.execute(
        'SELECT id, at, actor, origin, action, inspection_id, subject, detail FROM audit '
        'ORDER BY id').fetchall():
    msg = prev.encode() + b''.join(f(x) for x in (str(i), at, actor, origin, action,
                                                   str(insp or 0), subj or '', det or ''))
    h = hashlib.sha256(msg).hexdigest()
    c.execute('UPDATE audit SET form = 1, subject_sha256 = NULL, detail_sha256 = NULL, '
              'prev_hash = ?, hash = ? WHERE id = ?', (prev, h, i))
    prev = h
c.commit()
PY
verify "$DB"
expect_rc 0 "a log of form-1 entries (before migration 11) still verifies"
"$CAIRN" --db "$DB" evidence add 1 --source document --text "after the upgrade" --qi 2.1 >/dev/null 2>&1
ok $? "a write after the upgrade"
verify "$DB"
expect_rc 0 "the log goes on keyed from the form-1 entries, and verifies"
[ -f "$(dirname "$DB")/c.db.key" ] && [ "$(SQL "$DB" "SELECT form FROM audit ORDER BY id DESC LIMIT 1")" = 2 ]
ok $? "the key was created with the first keyed entry"
SQL "$DB" "UPDATE audit SET detail = 'grade 6' WHERE id = $G" >/dev/null
verify "$DB"
expect_rc 65 "an edited form-1 entry is still found"
done_testing
