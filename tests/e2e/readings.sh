# Readings: import, add, submit, locking, compare, resolve, concerns,
# summary and agreement, checked against published values (irr anxiety
# data: R irr::kappa2; Newcombe 1998 Table I: Wilson interval of 1/29).
. "$LIB"
TD="$SRCDIR/tests/reference/stats"

run init
ID=$("$CAIRN" inspection create --partnership Testshire --framework cyp-2014)
python3 -c "
print('ref,category')
for i in range(300): print('C%03d,%s' % (i + 1, 'A' if i < 200 else 'B'))" >"$T/pop.csv"
"$CAIRN" population import "$ID" "$T/pop.csv" >/dev/null
"$CAIRN" sample draw "$ID" --size 100 --strata category --seed 2024 --reserve 1 --double-read 20 --json >"$T/sample.json"
for r in "Ann inspector" "Bob inspector" "Cat local" "Dan local"; do
	set -- $r
	"$CAIRN" reader add "$ID" "$1" --kind "$2" >/dev/null
done
"$CAIRN" reader assign "$ID" >/dev/null
python3 "$SRCDIR/tests/e2e/readings_gen.py" "$T/sample.json" "$TD/agreement/irr_anxiety.csv" "$T"
exp() { python3 -c "import json,sys; j=json.load(open(sys.argv[1])); print($1)" "$T/expected.json"; }
SINGLE=$(exp 'j["single"][0]')
DOUBLE=$(exp 'j["double"][0]')
RESERVE=$(python3 -c "import json; j=json.load(open('$T/sample.json')); print([m['ref'] for m in j['members'] if m['reserve']][0])")

# Bad input, each refused with one line and nothing stored.
run reading add 999 "$SINGLE" Cat child-plan 4
expect_rc 65 "unknown inspection: exit 65"
one_line_err "one line"
run reading add "$ID" "$SINGLE" Zed child-plan 4
expect_rc 65 "unknown reader: exit 65"
expect_err "unknown reader 'Zed'; valid: Ann, Bob, Cat, Dan" "lists the readers"
run reading add "$ID" "$SINGLE" Cat care-plan 4
expect_rc 65 "unknown item: exit 65"
expect_err "unknown item 'care-plan'; valid: initial-response" "lists the items"
run reading add "$ID" "$SINGLE" Cat child-plan 7
expect_rc 65 "six-point answer out of range: exit 65"
expect_err "'7' is not an answer to child-plan; valid: a level from 1 to 6" "says what is valid"
run reading add "$ID" "$SINGLE" Cat wellbeing-change better
expect_rc 65 "answer outside the item's choices: exit 65"
expect_err "valid: improved, same, worse" "lists the choices"
run reading add "$ID" "$SINGLE" Cat chronology-present maybe --agency health
expect_rc 65 "yes/no answer outside its choices: exit 65"
expect_err "valid: yes, no, na" "lists yes, no, na"
run reading add "$ID" "$SINGLE" Cat initial-response 4
expect_rc 65 "per-agency item without an agency: exit 65"
run reading add "$ID" "$SINGLE" Cat initial-response 4 --agency housing
expect_rc 65 "unknown agency: exit 65"
expect_err "valid: social-work, health, education, police, reporter" "lists the agencies"
run reading add "$ID" C999 Cat child-plan 4
expect_rc 65 "record not in the sample: exit 65"
expect_err "'C999' is not in the sample" "names the record"
run reading add "$ID" "$RESERVE" Cat child-plan 4
expect_rc 65 "an unused reserve is not read: exit 65"
run reading submit "$ID" "$SINGLE" Cat
expect_rc 65 "submitting nothing: exit 65"
run reading summary "$ID" --json
[ "$(json 'sum(i["n"] for i in j["items"])')" = 0 ]; ok $? "nothing stored by the refusals"

# Import: bad files import nothing.
printf 'ref,reader,item,answer\n%s,Cat,child-plan,4\n%s,Cat,child-plan,5\nC999,Cat,child-plan,4\n%s,Zed,child-plan,4\n%s,Cat,child-plan,9\n' "$SINGLE" "$SINGLE" "$SINGLE" "$SINGLE" >"$T/bad.csv"
run reading import "$ID" "$T/bad.csv"
expect_rc 65 "bad readings file: exit 65"
expect_err "line 3, column 3: child-plan for '$SINGLE' by Cat is answered twice (also line 2)" "duplicate answer"
expect_err "line 4, column 1: 'C999' is not in the sample" "record not in the sample, with column"
expect_err "line 5, column 2: unknown reader 'Zed'" "unknown reader, with column"
expect_err "line 6, column 4: '9' is not an answer to child-plan" "bad answer, with column"
expect_err "has 4 errors; nothing was imported" "total"
printf 'ref,reader,question,answer\n' >"$T/badhead.csv"
run reading import "$ID" "$T/badhead.csv"
expect_rc 65 "bad header: exit 65"
expect_err "unknown column 'question'" "names the column"

# The real import.
run reading import "$ID" "$T/readings.csv" --submit --json
expect_rc 0 "readings imported and submitted"
[ "$(json 'j["readings"]')" = 120 ]; ok $? "120 readings (100 first, 20 second)"
[ "$(json 'j["submitted"]')" = 120 ]; ok $? "all submitted"
run reading import "$ID" "$T/readings.csv"
expect_rc 65 "re-importing into submitted readings is refused"
expect_err "submitted and locked" "says they are locked"

run reading submit "$ID" "$SINGLE" Cat
expect_rc 65 "double submission: exit 65"
expect_err "has already been submitted" "says so"
one_line_err "one line"
run reading add "$ID" "$SINGLE" Cat child-plan 6
expect_rc 65 "changing a submitted reading without a reason: exit 65"
expect_err "locked; give a reason to change it (--reason)" "asks for a reason, naming the flag"

# Summary, checked against values known by construction and published ones.
run reading summary "$ID" --json
expect_rc 0 "summary"
X=$(exp 'j["child_plan_x"]')
[ "$(json '[i["proportion"]["x"] for i in j["items"] if i["item"] == "child-plan"][0]')" = "$X" ]; ok $? "child-plan good or better: $X of 100"
[ "$(json '[i["n"] for i in j["items"] if i["item"] == "child-plan"][0]')" = 100 ]; ok $? "each child counted once"
python3 - "$T/out" "$T/expected.json" <<'PY'
import json, sys
j = json.load(open(sys.argv[1])); e = json.load(open(sys.argv[2]))
cp = [i for i in j["items"] if i["item"] == "child-plan"][0]
pe = cp["population_estimate"]
ok = abs(pe["estimate"] - e["strat_est"]) < 1e-9 and abs(pe["se"] - e["strat_se"]) < 1e-9
sys.exit(0 if ok and pe["population"] == 300 and pe["sampled"] == 100 else 1)
PY
ok $? "stratified estimate and its standard error (Cochran 5.3, with fpc)"
python3 - "$T/out" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
ir = [i for i in j["items"] if i["item"] == "initial-response" and i["agency"] == "social-work"][0]
p = ir["proportion"]
sys.exit(0 if p["x"] == 1 and p["n"] == 29 and round(p["lower"], 4) == 0.0061 and round(p["upper"], 4) == 0.1718 else 1)
PY
ok $? "Wilson interval of 1/29 as Newcombe (1998) Table I: 0.0061 to 0.1718"
[ "$(json '[i["quantifier"] for i in j["items"] if i["item"] == "initial-response"][0]')" = few ]; ok $? "1 of 29 is 'few'"
[ "$(json '[i["quantifier"] for i in j["items"] if i["item"] == "risk-assessment"][0]')" = "all" ]; ok $? "100 of 100 is 'all', never 'almost all' (the cyp-2014 pack's quantifiers)"
[ "$(json '[i["distribution"]["improved"] for i in j["items"] if i["item"] == "wellbeing-change"][0]')" = 100 ]; ok $? "list answers canonicalised and counted"

# Agreement: child-plan of the 20 double reads is irr's anxiety rater2 vs rater3.
run agreement "$ID" --json
expect_rc 0 "agreement"
python3 - "$T/out" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
cp = [i for i in j["items"] if i["item"] == "child-plan"][0]
k, l, q = cp["kappa"], cp["weighted_kappa_linear_present"], cp["weighted_kappa_quadratic_present"]
ok = (cp["n"] == 20 and abs(k["kappa"] - -0.006289308) < 5e-9 and abs(k["z"] - -0.0604067) < 5e-7
      and abs(l["kappa"] - 0.1459075) < 5e-7 and abs(q["kappa"] - 0.2520325) < 5e-7 and cp["poor"])
sys.exit(0 if ok else 1)
PY
ok $? "kappa, linear and quadratic weighted kappa as R irr::kappa2 (published), flagged poor"
[ "$(json '[i["percent_agreement"] for i in j["items"] if i["item"] == "risk-assessment"][0]')" = 100.0 ]; ok $? "identical answers agree 100%"
[ "$(json 'j["overall"]["n"]')" = 100 ]; ok $? "overall pools the five six-point items of 20 records"
run agreement "$ID"
expect_err "warning: agreement is poor" "a warning where agreement is poor"

# Compare and resolve.
run reading compare "$ID" --json
D=$(exp 'j["diffs"]')
[ "$(json 'j["differences"]')" = "$D" ]; ok $? "compare lists the $D child-plan differences"
REF=$(json 'j["items"][0]["ref"]')
run reading resolve "$ID" "$REF" child-plan 4
expect_rc 64 "resolve without a note: exit 64"
run reading resolve "$ID" "$SINGLE" child-plan 4 --note agreed
expect_rc 65 "resolving a record read once: exit 65"
run reading resolve "$ID" "$REF" child-plan 4 --note "agreed at the moderation meeting"
expect_rc 0 "resolve"
run reading compare "$ID" --json
[ "$(json "[i['resolved'] for i in j['items'] if i['ref'] == '$REF'][0]")" = 4 ]; ok $? "the agreed answer is shown"
[ "$(json "[i['first']['answer'] != i['second']['answer'] for i in j['items'] if i['ref'] == '$REF'][0]")" = True ]; ok $? "neither reading was overwritten"

# A locked change with a reason is kept.
run reading add "$ID" "$SINGLE" Cat child-plan 6 --reason "misread the plan's date"
expect_rc 0 "change with a reason"
run audit list --json
grep -q "misread the plan" "$T/out"; ok $? "the change and its reason are in the audit log"
run reading show "$ID" "$SINGLE" --json
[ "$(json '[(c["old"], c["new"], c["reason"]) for c in j["readings"][0]["changes"]]')" = "[('5', '6', \"misread the plan's date\")]" ]; ok $? "the history keeps the old answer, the new one and the reason"

# Roles: a local reader records only their own readings and draws nothing.
"$CAIRN" team add "$ID" Cat --role local-reader >/dev/null
run sample draw "$ID" --size 5 --strata category --seed 1 --as Cat
expect_rc 77 "a local reader may not draw the sample: exit 77"
run reading add "$ID" "$SINGLE" Dan child-plan 4 --as Cat
expect_rc 77 "a local reader may not record another reader's reading: exit 77"
expect_err "may record only their own readings" "says why"
# A reader records only the records assigned to them, whatever the front end.
"$CAIRN" reader list "$ID" --json >"$T/plan.json"
plan() { python3 -c "import json,sys; j=json.load(open(sys.argv[1])); $1" "$T/plan.json"; }
MINE=$(plan "p=[q['pair'] for q in j['pairs'] if 'Cat' in (q['inspector'], q['local'])]; print([a['ref'] for a in j['assignments'] if a['pair'] in p][0])")
OTHER=$(plan "p=[q['pair'] for q in j['pairs'] if 'Cat' in (q['inspector'], q['local'])]; mine={a['ref'] for a in j['assignments'] if a['pair'] in p}; print([a['ref'] for a in j['assignments'] if a['ref'] not in mine][0])")
run reading add "$ID" "$OTHER" Cat child-plan 4 --reason "typo" --as Cat
expect_rc 77 "--as a local reader on another pair's record: exit 77"
expect_err "the record '$OTHER' is not assigned to Cat" "says the record is not theirs"
one_line_err "one line"
run reading agencies "$ID" "$OTHER" Cat health --as Cat
expect_rc 77 "nor the agencies of another pair's record"
run reading submit "$ID" "$OTHER" Cat --as Cat
expect_rc 77 "nor submit it"
run reading add "$ID" "$MINE" Cat wellbeing-change improved --reason "checked again" --as Cat
expect_rc 0 "a local reader records a record assigned to them"
printf 'ref,reader,item,answer\n%s,Cat,child-plan,4\n%s,Dan,child-plan,4\n' "$OTHER" "$OTHER" >"$T/theirs.csv"
run reading import "$ID" "$T/theirs.csv" --as Cat
expect_rc 77 "an import with another pair's record: exit 77"
expect_err "line 2, column 1: the record '$OTHER' is not assigned to Cat" "names the line and column of the record"
expect_err "line 3, column 2: Cat may record only their own readings, not Dan's" "and of another reader's row"
expect_err "nothing was imported" "all or nothing"
run reading show "$ID" "$OTHER" --json
[ "$(json "[c for r in j['readings'] for c in r['changes']]")" = "[]" ]; ok $? "the refusals changed nothing"
run agreement "$ID" --as Cat
expect_rc 77 "a local reader sees no aggregates: exit 77"
run reading summary "$ID" --as Nobody
expect_rc 77 "someone not on the team sees nothing: exit 77"

# Every command refuses an unknown inspection with one line, exit 65.
for cmd in "sample draw 999 --size 5 --strata category --seed 1" "sample list 999" \
    "sample replace 999 C001 --reason x" "reader add 999 Zed --kind local" "reader assign 999" \
    "reader list 999" "reading import 999 $T/readings.csv" "reading submit 999 C001 Cat" \
    "reading compare 999" "reading resolve 999 C001 child-plan 4 --note x" "reading summary 999" \
    "agreement 999" "concern raise 999 C001 --text x" "concern list 999" "population show 999" \
    "template use 999 cyp-2014-records"; do
	run $cmd
	[ "$RC" -eq 65 ] && [ "$(wc -l <"$T/err")" -eq 1 ]
	ok $? "unknown inspection refused in one line: $cmd"
done

# Matters of concern.
run concern raise "$ID" "$SINGLE" --reader Cat
expect_rc 64 "a concern needs text: exit 64"
run concern raise "$ID" C999 --text "x"
expect_rc 65 "concern about a child not in the sample: exit 65"
run concern raise "$ID" "$SINGLE" --reader Cat --text "No contact recorded for six months" --json
expect_rc 0 "concern raised"
CID=$(json 'j["id"]')
run concern list "$ID" --json
[ "$(json 'j[0]["raised_by"] + "|" + j[0]["ref"]')" = "Cat|$SINGLE" ]; ok $? "recorded with reader and child"
run concern close "$ID" "$CID" --note "passed to the lead inspector"
expect_rc 65 "a concern is not closed before the lead's decision: exit 65"
expect_err "the inspection lead first decides whether to escalate it" "the refusal says what comes next"
run concern decide "$ID" "$CID" --escalate no --reasons "already known to social work"
expect_rc 0 "the lead decided not to escalate"
run concern close "$ID" "$CID" --note "passed to the lead inspector"
expect_rc 0 "concern closed"
run concern list "$ID" --json
[ "$(json 'len(j)')" = 0 ]; ok $? "closed concerns leave the open list"
run concern close "$ID" "$CID" --note again
expect_rc 65 "closing twice: exit 65"

# Issue 17: the lead corrects a submitted reading, giving a reason.
"$CAIRN" team add "$ID" Lee --role lead >/dev/null
run reading correct "$ID" "$DOUBLE" Dan child-plan=6 --reason "seen again" --as Cat
expect_rc 77 "a local reader may not correct a reading: exit 77"
run reading correct "$ID" "$DOUBLE" Dan child-plan=6 --as Lee
expect_rc 64 "a correction without a reason: exit 64"
expect_err "(--reason)" "names the flag"
one_line_err "one line"
run reading correct "$ID" "$DOUBLE" Dan child-plan=9 --reason "typo" --as Lee
expect_rc 65 "a bad corrected answer: exit 65"
expect_err "'9' is not an answer to child-plan" "says what is wrong"
run reading show "$ID" "$DOUBLE" --json
OLD=$(json "[a['answer'] for r in j['readings'] if r['reader'] == 'Dan' for a in r['answers'] if a['item'] == 'child-plan'][0]")
NEW=$([ "$OLD" = 6 ] && echo 1 || echo 6)
run reading correct "$ID" "$DOUBLE" Dan "child-plan=$NEW" --reason "the plan was found at moderation" --as Lee --json
expect_rc 0 "the lead corrects Dan's submitted reading"
[ "$(json 'j["changed"]')" = 1 ]; ok $? "one answer changed"
run reading show "$ID" "$DOUBLE" --json
[ "$(json "[(r['status'], [(c['old'], c['new'], c['reason'], c['by']) for c in r['changes']]) for r in j['readings'] if r['reader'] == 'Dan'][0]")" = "('submitted', [('$OLD', '$NEW', 'the plan was found at moderation', 'Lee')])" ]
ok $? "the history keeps the old answer with the reason and the lead's name; still Dan's, still submitted"
run audit list --json
grep -q '"reading.correct"' "$T/out"; ok $? "the correction is audited as reading.correct"
run reading correct "$ID" "$DOUBLE" Dan "child-plan=$NEW" --reason "again" --as Lee
expect_rc 65 "a correction that changes nothing: exit 65"

# Issue 17: a second reading of a record sampled for single reading is refused.
run reading add "$ID" "$SINGLE" Ann child-plan 4
expect_rc 65 "a second reading of a single-read record: exit 65"
expect_err "'$SINGLE' is sampled for a single reading and another reader has already begun it" "says why"
one_line_err "one line"

# Issue 17: a reader is removed, their unread records handed to another reader.
"$CAIRN" reader list "$ID" --json >"$T/plan.json"
run reader remove "$ID" Bob --as Lee
expect_rc 65 "removing a reader with records to read, handing them to nobody: exit 65"
expect_err "choose a reader to take them over before removing them (--to)" "asks for --to"
run reader remove "$ID" Bob --to Dan --as Lee
expect_rc 65 "an inspector is replaced by a local reader: exit 65"
run reader remove "$ID" Bob --to Ann --as Cat
expect_rc 77 "a local reader may not remove readers: exit 77"
run reader list "$ID" --json
[ "$(json '[r["name"] for r in j["readers"] if r["removed"]]')" = "[]" ]; ok $? "the refusals removed nobody"
run reader remove "$ID" Bob --to Ann --as Lee --json
expect_rc 0 "Bob removed, his records to Ann"
run reader list "$ID" --json
[ "$(json '[r["name"] for r in j["readers"] if r["removed"]]')" = "['Bob']" ]; ok $? "Bob is shown removed"
[ "$(json '[p for p in j["pairs"] if "Bob" in (p["inspector"], p["local"])]')" = "[]" ]; ok $? "no pair names Bob"
run reading summary "$ID" --json
[ "$(json '[i["n"] for i in j["items"] if i["item"] == "child-plan"][0]')" = 100 ]; ok $? "every submitted reading still counts"

done_testing
