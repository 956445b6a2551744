#!/bin/sh
# End-to-end: a draw on strata of several columns over a population of
# more distinct rows than the stratum index keeps (bench/notes.md, "2
# again, several columns") counts its strata from the columns' value
# codes (data/sql/024_population_code.sql) and reads only the blocks of
# the children it draws.  Each draw below is made twice on the same
# population, once through the codes and once with them deleted (the draw
# then reads every child, as before the codes): the two samples must be
# the same byte for byte.  Cases: two columns either way round, escaped
# values, an empty value, a column of 300 values (two-byte codes), 1,000
# values against 300 (a stage too large for a direct table), three
# columns, a column of more values than the index keeps (no codes: every
# child is read), three columns whose last stage is a hash table after a
# direct one, with about as many strata as children (most blocks hold
# hundreds of strata of one child), and the whole population drawn (every
# block decoded, each holding many chosen children of every stratum).  Then: the codes are what the draw used, damaged
# codes are refused with nothing stored, and the check rebuilds them.
. "$LIB"

"$CAIRN" init >/dev/null
python3 - "$T/pop.csv" <<'PY'
import csv, sys
x = 2026
def nxt():
    global x
    x = (x * 6364136223846793005 + 1442695040888963407) % (1 << 64)
    return x >> 33
areas = ['North', 'South', 'East', 'West', 'say "hi"', 'back\\slash', 'caf\u00e9', 'Zed, last']
with open(sys.argv[1], 'w', newline='') as f:
    w = csv.writer(f)
    w.writerow(['ref', 'area', 'visit', 'team', 'worker', 'legal', 'age', 'school'])
    for i in range(12345):
        v = [nxt() for _ in range(7)]
        w.writerow([f'J{i:06d}', areas[v[0] % 8] if i % 10 else 'North',
                    f'{2000 + v[1] % 20}-{1 + v[1] // 20 % 12:02d}-{1 + v[1] // 240 % 28:02d}',
                    f'T{v[2] % 5}', f'W{v[3] % 300:03d}', ['CIN', 'CP', 'LAC', ''][v[4] % 4],
                    str(v[5] % 18), f'S{v[6] % 1000:04d}'])
PY
cat >"$T/cases" <<'TSV'
area,team	120	7	1	2	10
team,area	120	7	1	2	10
worker,legal	300	42	0	1	20
legal,age,area	700	2026	1	0	0
worker,school	200	5	0	3	0
visit,team	90	11	0	0	10
area,worker,school	6000	8	0	0	5
team,legal	12345	3	0	0	50
TSV

# import_pop NAME: a new inspection with the population; prints its id.
import_pop() {
	i=$("$CAIRN" inspection create --partnership "$1" --framework cyp-2014) &&
		"$CAIRN" population import "$i" "$T/pop.csv" >/dev/null && echo "$i"
}
SQL() { sqlite3 "$CAIRN_DB" "$1"; }

n=0
while IFS="$(printf '\t')" read -r strata size seed minper reserve dr; do
	n=$((n + 1))
	A=$(import_pop "Codes $n")
	B=$(import_pop "Read all $n")
	SQL "DELETE FROM population_code WHERE inspection_id = $B"
	for id in "$A" "$B"; do
		"$CAIRN" sample draw "$id" --size "$size" --strata "$strata" --seed "$seed" \
			--min-per-stratum "$minper" --reserve "$reserve" --double-read "$dr" --json \
			>"$T/$id.json" 2>"$T/err" || echo "# draw $id failed: $(cat "$T/err")"
	done
	[ -s "$T/$A.json" ] && cmp -s "$T/$A.json" "$T/$B.json"
	ok $? "case $n ($strata, $size, seed $seed): the same sample through the codes as reading every child"
	[ $n -eq 1 ] && cp "$T/$A.json" "$T/first.json"
done <"$T/cases"
[ $n -eq 8 ]
ok $? "all 8 cases were drawn"

# The population has more distinct rows than the index of whole rows keeps;
# each column but 'visit' has its cells and one code per child per block.
[ "$(SQL "SELECT COUNT(*) FROM population_cell WHERE inspection_id = $A AND col = 0")" = 0 ] &&
	[ "$(SQL "SELECT COUNT(DISTINCT col) FROM population_code WHERE inspection_id = $A")" = 6 ] &&
	[ "$(SQL "SELECT COUNT(*) FROM population_code WHERE inspection_id = $A AND col = 2")" = 0 ] &&
	[ "$(SQL "SELECT SUM(length(codes) / width) FROM population_code WHERE inspection_id = $A AND col = 4")" = 12345 ] &&
	[ "$(SQL "SELECT group_concat(DISTINCT width) FROM population_code WHERE inspection_id = $A AND col = 4")" = 2 ] &&
	[ "$(SQL "SELECT group_concat(DISTINCT width) FROM population_code WHERE inspection_id = $A AND col = 1")" = 1 ] &&
	[ "$(SQL "SELECT COUNT(*) FROM population_code WHERE inspection_id = $A AND col = 1")" = 13 ]
ok $? "no index of whole rows; codes for every column of at most 4,096 values, 13 blocks, one and two bytes"

# The strata of the first case are those counted here from the CSV.
python3 - "$T/pop.csv" "$T/first.json" <<'PY'
import csv, json, sys
want = {}
for r in csv.DictReader(open(sys.argv[1], newline='')):
    k = json.dumps({'area': r['area'], 'team': r['team']}, separators=(',', ':'), ensure_ascii=False)
    want[k] = want.get(k, 0) + 1
got = json.load(open(sys.argv[2]))
keys = [json.dumps(s['key'], separators=(',', ':'), ensure_ascii=False) for s in got['strata']]
assert sorted(keys) == sorted(want) and len(keys) == 40, keys
assert all(s['population'] == want[k] for s, k in zip(got['strata'], keys))
rows = {r['ref']: r for r in csv.DictReader(open(sys.argv[1], newline=''))}
for m in got['members']:
    key = got['strata'][m['stratum']]['key']
    assert rows[m['ref']]['area'] == key['area'] and rows[m['ref']]['team'] == key['team'], m
PY
ok $? "case 1: 40 strata of the sizes counted from the CSV, each drawn child in its stratum"

# The codes are what the draw reads: with a child changed behind the
# checksum's back the draw through the codes goes on (it reads only the
# blocks of the children it draws), while reading every child finds it.
C=$(import_pop "Changed")
SQL "UPDATE population_block SET body = replace(body, 'J011111', 'J099999') WHERE inspection_id = $C"
run sample draw "$C" --size 120 --strata area,team --seed 7 --min-per-stratum 1 --reserve 2 \
	--double-read 10 --json
expect_rc 0 "through the codes the draw does not read the changed child's block for its strata"
C2=$(import_pop "Changed, read all")
SQL "UPDATE population_block SET body = replace(body, 'J011111', 'J099999') WHERE inspection_id = $C2;
     DELETE FROM population_code WHERE inspection_id = $C2"
run sample draw "$C2" --size 120 --strata area,team --seed 7
[ "$RC" -eq 70 ] && grep -q "does not match its checksum" "$T/err"
ok $? "without the codes it reads every child and finds the change (exit 70)"

# Each child found through the codes is checked against its stored values:
# with one team renamed in every block behind the codes' back, a drawn child
# of that team no longer matches and the draw is refused with nothing stored.
V=$(import_pop "Values changed")
SQL "UPDATE population_block SET body = replace(body, '\"T1\"', '\"T9\"') WHERE inspection_id = $V"
run sample draw "$V" --size 120 --strata area,team --seed 7 --min-per-stratum 1 --reserve 2
[ "$RC" -eq 70 ] && grep -q "do not match its block" "$T/err" &&
	[ "$(SQL "SELECT COUNT(*) FROM sample_member WHERE inspection_id = $V")" = 0 ]
ok $? "a drawn child whose values differ from its codes: refused (exit 70), no sample stored"

# Damaged codes: refused, nothing stored; the check rebuilds them.
D=$(import_pop "Damaged")
SQL "UPDATE population_code SET codes = zeroblob(length(codes) - 1) WHERE inspection_id = $D AND col = 3 AND block = 2"
run sample draw "$D" --size 120 --strata area,team --seed 7 --min-per-stratum 1 --reserve 2 \
	--double-read 10
[ "$RC" -eq 70 ] && grep -q "check the population" "$T/err"
ok $? "a block's codes of the wrong length: refused (exit 70), the message says to check the population"
SQL "UPDATE population_code SET codes = x'ff' || substr(codes, 2) WHERE inspection_id = $D AND col = 3 AND block = 1"
run sample draw "$D" --size 120 --strata area,team --seed 7
[ "$RC" -eq 70 ] && [ "$(SQL "SELECT COUNT(*) FROM sample WHERE inspection_id = $D")" = 0 ] &&
	[ "$(SQL "SELECT COUNT(*) FROM sample_member WHERE inspection_id = $D")" = 0 ]
ok $? "a code beyond the column's values: refused, no sample stored"
run population check "$D" --json
[ "$RC" -eq 0 ] && [ "$(SQL "SELECT COUNT(*) FROM population_code WHERE inspection_id = $D")" = 78 ]
ok $? "the check rebuilds the codes (6 columns x 13 blocks)"
run sample draw "$D" --size 120 --strata area,team --seed 7 --min-per-stratum 1 --reserve 2 \
	--double-read 10 --json
cmp -s "$T/out" "$T/first.json"
ok $? "and the draw through them gives case 1's sample again"

# A population from before the codes: the check adds them.
L=$(import_pop "Legacy")
SQL "DELETE FROM population_code WHERE inspection_id = $L"
run population check "$L" --json
[ "$RC" -eq 0 ] && [ "$(SQL "SELECT COUNT(*) FROM population_code WHERE inspection_id = $L")" = 78 ]
ok $? "the check of a population without codes adds them"

# Importing again (before a sample is drawn) replaces the codes with the new ones.
run population import "$L" "$T/pop.csv"
[ "$RC" -eq 0 ] && [ "$(SQL "SELECT COUNT(*) FROM population_code WHERE inspection_id = $L")" = 78 ]
ok $? "a second import keeps one set of codes"
done_testing
