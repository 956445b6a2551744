# Crash safety: kill cairn with SIGKILL at random moments while it writes
# (an inspection, its grades, findings and confidence statement, each its own
# transaction), then check that the database is intact, that every operation
# is wholly present or wholly absent (each stored grade matches its latest
# audit entry; each finding and each inspection has its audit entry), and
# that the audit chain verifies.  CRASH_RUNS (default 100) times.
. "$LIB"
RUNS=${CRASH_RUNS:-100}
SQL() { sqlite3 -cmd ".timeout 5000" "$CAIRN_DB" "$1" 2>&1; }
run init

# How long one uninterrupted run takes here (sanitizer builds are slower),
# so that the kills land throughout it.
t0=$(date +%s%N)
"$CAIRN" demo --out "$T/demo" >/dev/null 2>&1
dur=$(( ($(date +%s%N) - t0) / 1000000 ))
[ "$dur" -ge 1 ] || dur=1
echo "# one demo run takes $dur ms"

bad=0
for r in $(seq 1 "$RUNS"); do
	"$CAIRN" demo --out "$T/demo" >/dev/null 2>&1 &
	w=$!
	# Sleep a pseudo-random part of one run, then kill it.
	ms=$(( (r * 7919) % dur ))
	sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
	kill -9 "$w" 2>/dev/null
	wait "$w" 2>/dev/null
	ic=$(SQL "PRAGMA integrity_check")
	if [ "$ic" != "ok" ]; then
		echo "# run $r: integrity_check: $ic"
		bad=$((bad + 1))
		continue
	fi
	mism=$(SQL "SELECT COUNT(*) FROM evaluation e WHERE
		'grade ' || e.grade <> (SELECT a.detail FROM audit a WHERE a.action = 'grade.set'
		AND a.inspection_id = e.inspection_id AND a.subject = e.qi_code ORDER BY a.id DESC LIMIT 1)")
	nf=$(SQL "SELECT COUNT(*) FROM finding")
	naf=$(SQL "SELECT COUNT(*) FROM audit WHERE action = 'finding.add'")
	ni=$(SQL "SELECT COUNT(*) FROM inspection")
	nai=$(SQL "SELECT COUNT(*) FROM audit WHERE action = 'inspection.create'")
	if [ "$mism" != "0" ] || [ "$nf" != "$naf" ] || [ "$ni" != "$nai" ]; then
		echo "# run $r: $mism grades differ from their audit entries; findings $nf/$naf; inspections $ni/$nai"
		bad=$((bad + 1))
	fi
done
[ "$bad" -eq 0 ]; ok $? "$RUNS SIGKILLs during writes: integrity_check ok and every operation whole"
run audit verify
expect_rc 0 "the audit chain verifies after $RUNS crashes"
n=$(SQL "SELECT COUNT(*) FROM evaluation")
p=$(SQL "SELECT COUNT(*) FROM inspection i WHERE (SELECT COUNT(*) FROM evaluation e WHERE e.inspection_id = i.id) BETWEEN 1 AND 8")
echo "# $n grades stored; $p inspections were cut off part-way through grading"
[ "$n" -gt 9 ]; ok $? "work got done between crashes"
[ "$p" -gt 0 ] || echo "# (no run was cut off part-way through grading this time)"
done_testing
