# Crash safety of the larger writes: kill cairn with SIGKILL at spread-out
# moments during a population import (60,000 children), a batch of readings
# (every assigned record, submitted), a grade change and a publish, each run
# on a fresh copy of a prepared database.  After every kill: PRAGMA
# integrity_check is ok; the operation is wholly present (every row and its
# audit entry) or wholly absent (nothing, and no audit entry); the audit
# chain verifies.  CRASH_OP_RUNS (default 25) runs of each of the four.
. "$LIB"
RUNS=${CRASH_OP_RUNS:-25}
SQL() { sqlite3 -cmd ".timeout 5000" "$1" "$2" 2>&1; }

# ---- the prepared databases ----
BASE="$T/base.db"
"$CAIRN" --db "$BASE" demo --out "$T/demo" >/dev/null 2>&1
ok $? "demo inspection built"
signoff 1 "$BASE"; ok $? "the panel signs off (publishing needs it)"
python3 - "$T" <<'PY'
import random, sys
r = random.Random(5)
with open(sys.argv[1] + '/pop.csv', 'w') as f:
    f.write('ref,category,age\n')
    for i in range(60000):
        f.write('K%06d,%s,%d\n' % (i, r.choice(['CP', 'LAC', 'CIN']), r.randint(0, 17)))
PY
# For the readings: the population, a sample, two pairs, records assigned.
READY="$T/ready.db"
copy_db "$BASE" "$READY"
C() { "$CAIRN" --db "$READY" "$@" >/dev/null 2>"$T/err" || echo "# setup: $* failed: $(cat "$T/err")"; }
C population import 1 "$T/pop.csv"
C sample draw 1 --size 80 --strata category --seed 9
C reader add 1 "Isla Inspector" --kind inspector
C reader add 1 "Iain Inspector" --kind inspector
C reader add 1 "Lorna Reader" --kind local
C reader add 1 "Lewis Reader" --kind local
C reader assign 1
"$CAIRN" --db "$READY" reader list 1 --json >"$T/readers.json"
"$CAIRN" --db "$READY" template show cyp-2014-records --json >"$T/template.json"
python3 - "$T" <<'PY'
import csv, json, random, sys
d = sys.argv[1]
lst = json.load(open(d + '/readers.json'))
tmpl = json.load(open(d + '/template.json'))
pairs = {p['pair']: p for p in lst['pairs']}
items = [i for i in tmpl['items'] if not i.get('per_agency') and i['answer'] != 'text']
r = random.Random(3)
with open(d + '/readings.csv', 'w', newline='') as f:
    w = csv.writer(f)
    w.writerow(['ref', 'reader', 'item', 'answer', 'note'])
    for a in lst['assignments']:
        reader = pairs[a['pair']]['inspector'] if a['round'] == 1 else pairs[a['pair']]['local']
        for it in items:
            if it['answer'] == 'six-point':
                ans = str(r.randint(2, 6))
            elif it['answer'] == 'yes-no-na':
                ans = r.choice(['yes', 'no'])
            else:
                ans = it['choices'][0]
            w.writerow([a['ref'], reader, it['code'], ans, 'note %s' % a['ref']])
PY
NANS=$(($(wc -l <"$T/readings.csv") - 1))
echo "# prepared: 60000 children to import; $NANS answers in one readings batch"

# op NAME: the command for one operation, run against $DB.  It execs, so
# run it in a subshell: "(op NAME) &" makes $! cairn itself, the process
# that SIGKILL must hit.
op() {
	case "$1" in
	population) exec "$CAIRN" --db "$DB" population import 1 "$T/pop.csv" ;;
	readings) exec "$CAIRN" --db "$DB" reading import 1 "$T/readings.csv" --submit ;;
	grade) exec "$CAIRN" --db "$DB" grade 1 2.1 1 --rationale "changed under fire" ;;
	publish) exec "$CAIRN" --db "$DB" publish 1 ;;
	esac
}
# template NAME: the database an operation starts from.
template() { [ "$1" = readings ] && echo "$READY" || echo "$BASE"; }

# whole NAME: prints "absent", "present" or what is inconsistent about $DB.
whole() {
	case "$1" in
	population)
		rows=$(SQL "$DB" "SELECT COALESCE(SUM(nrows), 0) FROM population_block WHERE inspection_id = 1")
		head=$(SQL "$DB" "SELECT COUNT(*) FROM population WHERE inspection_id = 1")
		aud=$(SQL "$DB" "SELECT COUNT(*) FROM audit WHERE action = 'population.import'")
		if [ "$rows" = 0 ] && [ "$head" = 0 ] && [ "$aud" = 0 ]; then echo absent
		elif [ "$rows" = 60000 ] && [ "$head" = 1 ] && [ "$aud" = 1 ]; then echo present
		else echo "population rows $rows, head $head, audit $aud"; fi ;;
	readings)
		ans=$(SQL "$DB" "SELECT COUNT(*) FROM reading_answer")
		sub=$(SQL "$DB" "SELECT COUNT(*) FROM reading WHERE status = 'submitted'")
		all=$(SQL "$DB" "SELECT COUNT(*) FROM reading")
		aud=$(SQL "$DB" "SELECT COUNT(*) FROM audit WHERE action LIKE 'reading.%'")
		if [ "$ans" = 0 ] && [ "$all" = 0 ] && [ "$aud" = 0 ]; then echo absent
		elif [ "$ans" = "$NANS" ] && [ "$sub" = "$all" ] && [ "$aud" -ge 1 ]; then echo present
		else echo "answers $ans of $NANS, readings $sub/$all submitted, audit $aud"; fi ;;
	grade)
		g=$(SQL "$DB" "SELECT grade FROM evaluation WHERE inspection_id = 1 AND qi_code = '2.1'")
		last=$(SQL "$DB" "SELECT detail FROM audit WHERE action = 'grade.set' AND subject = '2.1' ORDER BY id DESC LIMIT 1")
		n=$(SQL "$DB" "SELECT COUNT(*) FROM audit WHERE action = 'grade.set' AND subject = '2.1'")
		if [ "$g" = 1 ] && [ "$last" = "grade 1" ] && [ "$n" = 2 ]; then echo present
		elif [ "$g" != 1 ] && [ "$last" = "grade $g" ] && [ "$n" = 1 ]; then echo absent
		else echo "grade $g, last audit '$last', $n grade entries"; fi ;;
	publish)
		p=$(SQL "$DB" "SELECT COUNT(*) FROM publication")
		f=$(SQL "$DB" "SELECT COUNT(*) FROM publication_file")
		aud=$(SQL "$DB" "SELECT COUNT(*) FROM audit WHERE action = 'report.publish'")
		if [ "$p" = 0 ] && [ "$f" = 0 ] && [ "$aud" = 0 ]; then echo absent
		elif [ "$p" = 1 ] && [ "$f" = "$NPUBFILES" ] && [ "$aud" -ge 1 ]; then echo present
		else echo "publications $p, files $f of $NPUBFILES, audit $aud"; fi ;;
	esac
}

total=0
for name in population readings grade publish; do
	# One uninterrupted run: how long it takes, and what "present" looks like.
	DB="$T/run.db"
	rm -f "$DB" "$DB-wal" "$DB-shm"
	copy_db "$(template $name)" "$DB"
	t0=$(date +%s%N)
	(op $name) >/dev/null 2>"$T/err"
	rc=$?
	dur=$(( ($(date +%s%N) - t0) / 1000000 ))
	[ "$dur" -ge 1 ] || dur=1
	[ $name = publish ] && NPUBFILES=$(SQL "$DB" "SELECT COUNT(*) FROM publication_file")
	[ $rc -eq 0 ] && [ "$(whole $name)" = present ]
	ok $? "$name: an uninterrupted run is wholly present ($dur ms)"
	[ $rc -eq 0 ] || echo "# $(cat "$T/err")"
	bad=0 present=0 absent=0
	for r in $(seq 1 "$RUNS"); do
		rm -f "$DB" "$DB-wal" "$DB-shm"
		copy_db "$(template $name)" "$DB"
		(op $name) >/dev/null 2>&1 &
		w=$!
		ms=$(( (r * 7919) % (dur + dur / 4 + 1) ))
		sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
		kill -9 "$w" 2>/dev/null
		wait "$w" 2>/dev/null
		total=$((total + 1))
		ic=$(SQL "$DB" "PRAGMA integrity_check")
		state=$(whole $name)
		if [ "$ic" != ok ]; then
			echo "# $name run $r (kill at $ms ms): integrity_check: $ic"
			bad=$((bad + 1))
		elif [ "$state" = present ]; then present=$((present + 1))
		elif [ "$state" = absent ]; then absent=$((absent + 1))
		else
			echo "# $name run $r (kill at $ms ms): $state"
			bad=$((bad + 1))
		fi
		if ! "$CAIRN" --db "$DB" audit verify >/dev/null 2>"$T/err"; then
			echo "# $name run $r: audit verify: $(cat "$T/err")"
			bad=$((bad + 1))
		fi
	done
	echo "# $name: $RUNS kills: $present wholly present, $absent wholly absent"
	[ "$bad" -eq 0 ]
	ok $? "$name: $RUNS SIGKILLs: integrity ok, wholly present or absent, audit verifies"
	[ "$absent" -gt 0 ] && [ "$present" -gt 0 ] ||
		echo "# $name: the kills did not land on both sides this time ($present present, $absent absent)"
done
echo "# $total kills in all"
done_testing
