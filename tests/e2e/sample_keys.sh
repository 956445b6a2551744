#!/bin/sh
# End-to-end: the strata of a sample draw when stratum values need JSON
# escapes (quotes, backslashes, tabs) beside plain ones.  The draw reads
# plain stored rows without a JSON parser and escaped ones with jansson;
# the strata, their keys and their sizes must be those counted here by
# Python from the CSV, in key order.
. "$LIB"

"$CAIRN" init >/dev/null
ID=$("$CAIRN" inspection create --partnership Keys --framework cyp-2014)
python3 - "$T/pop.csv" <<'PY'
import csv, sys
vals = ['North', 'say "hi"', 'back\\slash', 'tab\there', 'Zed, the last', 'caf\u00e9']
with open(sys.argv[1], 'w', newline='') as f:
    w = csv.writer(f)
    w.writerow(['ref', 'team', 'area'])
    for i in range(600):
        w.writerow([f'R{i:04d}', f'T{i % 3}', vals[(i * 7) % len(vals)]])
PY
run population import "$ID" "$T/pop.csv"
expect_rc 0 "population with escaped values imported"
run sample draw "$ID" --size 60 --strata area,team --seed 5 --json
expect_rc 0 "sample drawn on area and team"
python3 - "$T/pop.csv" "$T/out" <<'PY'
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='')))
want = {}
for r in rows:
    k = json.dumps({'area': r['area'], 'team': r['team']}, separators=(',', ':'), ensure_ascii=False)
    want[k] = want.get(k, 0) + 1
got = json.load(open(sys.argv[2]))
strata = got['strata']
keys = [json.dumps(s['key'], separators=(',', ':'), ensure_ascii=False) for s in strata]
assert sorted(keys) == sorted(want), (keys, sorted(want))
assert all(s['population'] == want[k] for s, k in zip(strata, keys)), strata
assert sum(s['allocated'] for s in strata) == 60
PY
ok $? "18 strata with the keys and sizes counted from the CSV (escaped values included)"
[ "$(json 'len(j["members"])')" = 60 ]
ok $? "60 records drawn"
python3 - "$T/pop.csv" "$T/out" <<'PY'
import csv, json, sys
rows = {r['ref']: r for r in csv.DictReader(open(sys.argv[1], newline=''))}
got = json.load(open(sys.argv[2]))
for m in got['members']:
    key = got['strata'][m['stratum']]['key']
    assert rows[m['ref']]['area'] == key['area'] and rows[m['ref']]['team'] == key['team'], m
PY
ok $? "every drawn record belongs to the stratum it is drawn for"
done_testing
