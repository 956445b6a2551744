# Grades traced to evidence: --evidence links, the evidence balance by
# source, the grade history, and cairn evaluation show.
. "$LIB"

run init; expect_rc 0 "init"
run inspection create --partnership Glenmoor --framework cyp-2014 --notified 2026-01-12
run team add 1 ian --role inspector
run team add 1 yi --role young-inspector
run team add 1 cora --role partnership-coordinator
run evidence add 1 --source interview --text "Staff knew the children well" --qi 2.1,5.2 --status strength --as ian
run evidence add 1 --source records-reading --text "Chronologies were weak" --qi 5.2 --status improvement --as ian
run evidence add 1 --source records-reading --text "Risk assessments late" --qi 5.2 --status improvement --as ian
run evidence add 1 --source focus-group --text "Young people unsure who to call" --qi 5.2 --status uncertainty --as yi
run evidence add 1 --source data --text "Referral rates stable" --qi 2.1
[ "$(cat "$T/out")" = 5 ]; ok $? "five pieces of evidence"

run grade 1 5.2 adequate --rationale "Strengths outweighed by weak chronologies" --evidence 1,2,3 --as ian --json
expect_rc 0 "grade with --evidence"
[ "$(json 'j["evidence"]')" = "[1, 2, 3]" ]; ok $? "the links are shown"
[ "$(json 'j["balance"]["strength"]')" = 1 ]; ok $? "balance: one strength for 5.2"
[ "$(json 'j["balance"]["improvement"]')" = 2 ]; ok $? "balance: two areas for improvement"
[ "$(json 'j["balance"]["uncertainty"]')" = 1 ]; ok $? "balance: one open uncertainty"
run grade 1 5.2 adequate --evidence 1
expect_out "evidence balance for 5.2: 1 strength, 2 areas for improvement, 1 open uncertainty" "text output shows the balance"

# Refusals: nothing changes.
run grade 1 5.2 good --evidence 5
expect_rc 65 "evidence that does not inform the QI"; expect_err "evidence 5 does not inform 5.2" "says so"
one_line_err "one line"
run grade 1 5.2 good --evidence 99
expect_rc 65 "unknown evidence"; expect_err "has no evidence number 99" "says so"
run grade 1 5.2 good --evidence 1,1
expect_rc 65 "evidence listed twice"
run grade 1 5.2 good --evidence x
expect_rc 65 "not a number"
run grade 1 5.2 good --as yi
expect_rc 77 "a young inspector may not grade"

run evaluation show 1 5.2 --json
expect_rc 0 "evaluation show QI --json"
[ "$(json 'len(j["evaluations"])')" = 1 ]; ok $? "one indicator"
E='j["evaluations"][0]'
[ "$(json "$E"'["team_grade"]')" = 3 ]; ok $? "the grade after refusals is still 3"
[ "$(json "[e['number'] for e in $E['evidence']]")" = "[1]" ]; ok $? "the links are the last given"
[ "$(json "len($E['history'])")" = 2 ]; ok $? "both grades are in the history"
[ "$(json "$E['history'][0]['evidence']")" = "1,2,3" ]; ok $? "with the evidence linked each time"
[ "$(json "$E['history'][0]['by']")" = ian ]; ok $? "and who"
[ "$(json "$E['balance']['by_source']['records-reading']['improvement']")" = 2 ]
ok $? "balance by source: records reading gave two areas for improvement"
[ "$(json "$E['balance']['by_source']['focus-group']['uncertainty']")" = 1 ]
ok $? "balance by source: the focus group left one uncertainty open"
[ "$(json "'data' in $E['balance']['by_source']")" = False ]; ok $? "evidence for other QIs not counted"

run evidence update 1 4 --status strength --as yi
run evaluation show 1 5.2 --json
[ "$(json "$E['balance']['total']['uncertainty']")" = 0 ]; ok $? "a resolved uncertainty leaves the balance"
[ "$(json "$E['balance']['total']['strength']")" = 2 ]; ok $? "and counts as a strength"

run evaluation show 1 --json
[ "$(json 'len(j["evaluations"])')" = 9 ]; ok $? "all nine evaluated indicators of the 2014 framework"
[ "$(json '[e["team_grade"] for e in j["evaluations"] if e["qi"]=="9.4"][0]')" = None ]; ok $? "ungraded shown as null"
run confidence 1 --level confident --text "The partnership can improve."
run evaluation show 1
expect_out "Confidence: Confident. The partnership can improve." "the confidence statement is part of the evaluation"
expect_out "Team grade:  3 Adequate" "text shows the grade"
run evaluation show 1 7.7
expect_rc 65 "unknown QI"
run evaluation show 1 --as cora
expect_rc 77 "the co-ordinator does not see the evaluations"
run evaluation show 1 --as yi
expect_rc 0 "a young inspector sees them"
run evidence update 1 1 --qi 2.1
expect_rc 65 "evidence a grade rests on cannot drop that indicator"
expect_err "evidence 1 is linked to the grade of 5.2; unlink it from that grade first (--qi)" "says how"
run grade 1 5.2 adequate --evidence ""
run evaluation show 1 5.2 --json
[ "$(json "len($E['evidence'])")" = 0 ]; ok $? "--evidence \"\" clears the links"

# Records reading informs the indicators its template items name: child-plan
# informs 5.3 in the 2014 template.  Seven of ten plans read as good or
# better (levels 4-6) is 7/10 = 0.7.
run inspection create --partnership Readshire --framework cyp-2014
run evaluation show 2 5.3 --json
[ "$(json 'j["evaluations"][0]["records_reading"]')" = None ]; ok $? "no records reading yet: null"
python3 -c "
print('ref,category')
for i in range(40): print('C%03d,A' % (i + 1))" >"$T/pop.csv"
"$CAIRN" population import 2 "$T/pop.csv" >/dev/null
"$CAIRN" sample draw 2 --size 10 --strata category --seed 7 --json >"$T/sample.json"
"$CAIRN" reader add 2 Ann --kind inspector >/dev/null
"$CAIRN" reader add 2 Cat --kind local >/dev/null
"$CAIRN" reader assign 2 >/dev/null
i=0
for r in $(python3 -c "import json,sys; print(' '.join(m['ref'] for m in json.load(open(sys.argv[1]))['members'] if not m['reserve']))" "$T/sample.json"); do
	i=$((i + 1)); g=5; [ $i -gt 7 ] && g=2
	"$CAIRN" reading add 2 "$r" Cat child-plan $g >/dev/null
	for it in risk-assessment child-views family-involvement wellbeing-impact; do
		"$CAIRN" reading add 2 "$r" Cat $it 4 >/dev/null
	done
	"$CAIRN" reading add 2 "$r" Cat wellbeing-change same >/dev/null
	"$CAIRN" reading submit 2 "$r" Cat >/dev/null
done
run evaluation show 2 5.3 --json
R='[r for r in j["evaluations"][0]["records_reading"] if r["item"]=="child-plan"][0]'
[ "$(json "($R['x'], $R['of'])")" = "(7, 10)" ]; ok $? "records reading for 5.3: 7 of 10 plans good or better"
[ "$(json "round($R['proportion'], 3)")" = 0.7 ]; ok $? "proportion 0.7"
[ "$(json "len(j['evaluations'][0]['records_reading'])")" = 1 ]; ok $? "only the items that inform 5.3"
run evaluation show 2 5.3
expect_out "Records reading: child-plan: 7 of 10 good or better" "text output shows it"
done_testing
