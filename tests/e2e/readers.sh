# Readers, pairs, assignment and reading templates.
. "$LIB"

run init
ID=$("$CAIRN" inspection create --partnership Testshire --framework cyp-2014)
python3 -c "
print('ref,category')
for i in range(60): print('C%03d,%s' % (i + 1, ['CP', 'LAC', 'YP'][i % 3]))" >"$T/pop.csv"
"$CAIRN" population import "$ID" "$T/pop.csv" >/dev/null
"$CAIRN" sample draw "$ID" --size 30 --strata category --seed 7 --reserve 2 --double-read 20 >/dev/null

run reader assign "$ID"
expect_rc 65 "assign without readers: exit 65"
expect_err "at least one inspector and one local reader" "says what is needed"
run reader add "$ID" Ann --kind inspector --agency "Care Inspectorate"
expect_rc 0 "inspector added"
run reader add "$ID" Ann --kind local
expect_rc 65 "duplicate reader name: exit 65"
run reader add "$ID" Zed --kind auditor
expect_rc 64 "unknown kind: exit 64"
expect_err "valid: inspector, local" "lists the kinds"
run reader add 999 Zed --kind local
expect_rc 65 "unknown inspection: exit 65"
"$CAIRN" reader add "$ID" Bob --kind inspector >/dev/null
"$CAIRN" reader add "$ID" Cat --kind local --agency Health >/dev/null
"$CAIRN" reader add "$ID" Dan --kind local --agency "Social work" >/dev/null
"$CAIRN" reader add "$ID" Eve --kind local --agency Education >/dev/null

run reader assign "$ID" --json
expect_rc 0 "assign"
[ "$(json 'len(j["pairs"])')" = 3 ]; ok $? "three pairs for two inspectors and three local readers"
[ "$(json '[p["local"] for p in j["pairs"]]')" = "['Cat', 'Dan', 'Eve']" ]; ok $? "every local reader paired"
[ "$(json '[p["inspector"] for p in j["pairs"]]')" = "['Ann', 'Bob', 'Ann']" ]; ok $? "inspectors cycle"
[ "$(json 'len(j["assignments"])')" = 36 ]; ok $? "30 first readings and 6 second readings"
[ "$(json '[p["records"] for p in j["pairs"]]')" = "[12, 12, 12]" ]; ok $? "spread evenly"
python3 - "$T/out" <<'PY'
import collections, json, sys
j = json.load(open(sys.argv[1]))
d = collections.defaultdict(dict)
for a in j["assignments"]: d[a["ref"]][a["round"]] = a["pair"]
sys.exit(0 if all(r[1] != r[2] for r in d.values() if 2 in r) and sum(1 for r in d.values() if 2 in r) == 6 else 1)
PY
ok $? "each second reading by a different pair"
REF=$(json '[a["ref"] for a in j["assignments"] if a["round"] == 1 and not any(b["ref"] == a["ref"] and b["round"] == 2 for b in j["assignments"])][0]')
P1=$(json "[a['pair'] for a in j['assignments'] if a['ref'] == '$REF'][0]")
NEW=$(( P1 % 3 + 1 ))

run reader assign "$ID" --json
[ "$(json 'j["added"]')" = 0 ]; ok $? "assigning again adds nothing"

run reader reassign "$ID" "$REF" --pair "$NEW"
expect_rc 64 "reassign without a reason: exit 64"
run reader reassign "$ID" "$REF" --pair 9 --reason "conflict of interest"
expect_rc 65 "unknown pair: exit 65"
expect_err "valid: 1 to 3" "lists the pairs"
run reader reassign "$ID" "$REF" --pair "$NEW" --reason "conflict of interest"
expect_rc 0 "reassign"
run reader list "$ID" --json
[ "$(json "[a['pair'] for a in j['assignments'] if a['ref'] == '$REF' and a['round'] == 1][0]")" = "$NEW" ]; ok $? "reassignment stored"
run audit list --json
grep -q "conflict of interest" "$T/out"; ok $? "reassignment audited with its reason"

# Replacing a record hands its assignment to the reserve.
run sample replace "$ID" "$REF" --reason "record missing" --json
BY=$(json 'j["replaced_by"]')
run reader list "$ID" --json
[ "$(json "[a['pair'] for a in j['assignments'] if a['ref'] == '$BY' and a['round'] == 1][0]")" = "$NEW" ]; ok $? "the replacement takes over the assignment"

# Templates.
run template list
expect_out "cyp-2014-records" "shipped template listed"
run template show cyp-2014-records --json
for item in initial-response chronology-present risk-assessment child-plan child-views family-involvement wellbeing-impact; do
	grep -q "\"$item\"" "$T/out"; ok $? "default template has $item"
done
[ "$(json '[i["answer"] for i in j["items"] if i["code"] == "wellbeing-change"][0]')" = list ]; ok $? "a fixed-list item"
[ "$(json '[i["per_agency"] for i in j["items"] if i["code"] == "initial-response"][0]')" = True ]; ok $? "a per-agency item"

cat >"$T/tpl.json" <<'JSON'
{"code": "my-records", "framework": "cyp-2014", "title": "Mine",
 "agencies": [{"code": "health", "name": "Health"}],
 "items": [{"code": "plan", "text": "Plan?", "answer": "six-point", "qis": ["5.3"]},
           {"code": "outcome", "text": "Outcome?", "answer": "stars", "qis": ["2.1"]}]}
JSON
run template import "$T/tpl.json"
expect_rc 65 "bad answer type: exit 65"
expect_err "items[1].answer: 'stars' is not an answer type; valid: six-point, yes-no-na, list, text" "precise error"
one_line_err "one line"
sed -i 's/"stars"/"list"/' "$T/tpl.json"
run template import "$T/tpl.json"
expect_rc 65 "list without choices: exit 65"
expect_err "items[1].choices" "names the field"
sed -i 's/"answer": "list", "qis": \["2.1"\]/"answer": "list", "choices": ["better", "worse"], "qis": ["9.9"]/' "$T/tpl.json"
run template import "$T/tpl.json"
expect_rc 65 "unknown QI: exit 65"
expect_err "items[1].qis[0]: '9.9' is not a quality indicator of cyp-2014" "names the QI"
sed -i 's/"9.9"/"2.1"/' "$T/tpl.json"
run template import "$T/tpl.json"
expect_rc 0 "good template imported"
run template import "$T/tpl.json"
expect_rc 65 "same code twice: exit 65"
printf '{"code": "x", ' >"$T/broken.json"
run template import "$T/broken.json"
expect_rc 65 "broken JSON: exit 65"
expect_err "line 1" "gives the position"
run template use "$ID" my-records
expect_rc 0 "inspection uses the user template"
run template use "$ID" nope
expect_rc 65 "unknown template: exit 65"
expect_err "valid: cyp-2014-records, my-records" "lists the templates"

done_testing
