# cairn backup while writers run: two writer processes add evidence items
# one by one (each its own transaction with its audit entry) and change a
# grade, while four backups are taken.  Each backup opens, passes
# integrity_check and cairn audit verify, and holds a prefix-consistent
# state: writer A's items are exactly 1..k for some k (and B's 1..m), each
# with its audit entry, and its audit log is an exact prefix of the live
# database's (same hashes), and the grade equals its latest audit entry.  A backup restored by cairn restore
# works: a new write and audit verify.
. "$LIB"
SQL() { sqlite3 -cmd ".timeout 5000" "$1" "$2" 2>&1; }
DB="$CAIRN_DB"
run demo --out "$T/demo"
expect_rc 0 "demo inspection built"
STOP="$T/stop"
# writer NAME: adds evidence "NAME i" for i = 1, 2, ... until $STOP exists.
writer() {
	i=1
	while [ ! -e "$STOP" ] && [ $i -le 400 ]; do
		"$CAIRN" evidence add 1 --source document --text "$1 $i" --qi 2.1 >/dev/null 2>>"$T/werr.$1" ||
			echo "writer $1: item $i failed" >>"$T/werr.$1"
		if [ "$1" = B ]; then
			"$CAIRN" grade 1 2.1 $((i % 6 + 1)) >/dev/null 2>>"$T/werr.$1" ||
				echo "writer $1: grade $i failed" >>"$T/werr.$1"
		fi
		i=$((i + 1))
	done
}
: >"$T/werr.A"
: >"$T/werr.B"
writer A &
wa=$!
writer B &
wb=$!
sleep 1
for b in 1 2 3 4; do
	"$CAIRN" backup "$T/backup$b.db" >/dev/null 2>"$T/berr$b"
	echo $? >"$T/brc$b"
	sleep 0.7
done
touch "$STOP"
wait $wa $wb
[ ! -s "$T/werr.A" ] && [ ! -s "$T/werr.B" ]
ok $? "writers ran without an error (busy waits included)"
cat "$T/werr.A" "$T/werr.B" | head -3 | sed 's/^/# /'
G=$(SQL "$DB" "SELECT COUNT(*) FROM audit WHERE action = 'grade.set' AND subject = '2.1'")
echo "# grade of 2.1 changed $G times meanwhile"
NA=$(SQL "$DB" "SELECT COUNT(*) FROM evidence WHERE text LIKE 'A %'")
echo "# writers stored $NA items of A and $(SQL "$DB" "SELECT COUNT(*) FROM evidence WHERE text LIKE 'B %'") of B"

# prefix WHO BACKUP: the largest i with "WHO 1".."WHO i" all present and no other.
prefix_ok() {
	python3 - "$1" "$2" <<'PY'
import sqlite3, sys
bk, live = sys.argv[1], sys.argv[2]
b = sqlite3.connect(bk)
l = sqlite3.connect(live)
msgs = []
for who in ('A', 'B'):
    nums = sorted(int(t.split()[1]) for (t,) in b.execute(
        "SELECT text FROM evidence WHERE text LIKE ? || ' %'", (who,)))
    if nums != list(range(1, len(nums) + 1)):
        msgs.append(f'{who}: items not a prefix: {nums[:5]}...{nums[-5:]}')
    msgs.append(f'# {who}: items 1..{len(nums)}')
top = b.execute('SELECT MAX(id) FROM audit').fetchone()[0]
bh = b.execute('SELECT id, hash FROM audit ORDER BY id').fetchall()
lh = l.execute('SELECT id, hash FROM audit WHERE id <= ? ORDER BY id', (top,)).fetchall()
if bh != lh:
    msgs.append('audit log is not a prefix of the live one')
nev = b.execute("SELECT COUNT(*) FROM evidence WHERE text LIKE 'A %' OR text LIKE 'B %'").fetchone()[0]
nad = b.execute("SELECT COUNT(*) FROM audit WHERE action LIKE 'evidence%' AND id > "
                "(SELECT MAX(id) FROM audit WHERE action = 'confidence.set')").fetchone()[0]
g = b.execute("SELECT grade FROM evaluation WHERE inspection_id = 1 AND qi_code = '2.1'").fetchone()
last = b.execute("SELECT detail FROM audit WHERE action = 'grade.set' AND subject = '2.1' "
                 "ORDER BY id DESC LIMIT 1").fetchone()
if g is None or last is None or last[0] != f'grade {g[0]}':
    msgs.append(f'grade {g} but latest audit {last}')
if nev != nad:
    msgs.append(f'{nev} items but {nad} evidence audit entries')
for m in msgs:
    print(m)
sys.exit(1 if any(not m.startswith('#') for m in msgs) else 0)
PY
}
for b in 1 2 3 4; do
	BK="$T/backup$b.db"
	[ "$(cat "$T/brc$b")" = 0 ] && [ -s "$BK" ]
	ok $? "backup $b taken while the writers ran"
	[ "$(SQL "$BK" "PRAGMA integrity_check")" = ok ]
	ok $? "backup $b: integrity_check ok"
	"$CAIRN" --db "$BK" audit verify >"$T/out" 2>"$T/err"
	ok $? "backup $b: audit verify ($(cat "$T/out"))"
	prefix_ok "$BK" "$DB" >"$T/pfx" 2>&1
	ok $? "backup $b: prefix-consistent (items 1..k of each writer, each audited; audit log a prefix of the live one)"
	sed -n '1,4p' "$T/pfx"
done
n1=$(SQL "$T/backup1.db" "SELECT COUNT(*) FROM evidence")
n4=$(SQL "$T/backup4.db" "SELECT COUNT(*) FROM evidence")
nl=$(SQL "$DB" "SELECT COUNT(*) FROM evidence")
[ "$n1" -lt "$nl" ] && [ "$n1" -le "$n4" ]
ok $? "the backups caught the writers part-way ($n1, $n4 of $nl items)"

# Restore: the backup (database, files, key, anchor) as a new database.
R="$T/restored.db"
"$CAIRN" --db "$R" restore "$T/backup2.db" >/dev/null 2>"$T/err"
ok $? "cairn restore brings the backup back ($(cat "$T/err"))"
"$CAIRN" --db "$R" evidence add 1 --source document --text "after restore" --qi 2.1 >/dev/null 2>"$T/err"
ok $? "the restored database takes a new write"
"$CAIRN" --db "$R" audit verify >/dev/null 2>"$T/err"
ok $? "the restored database's audit chain verifies"
done_testing
