# The README's path: init, create an inspection, grade nine indicators,
# and get a release and report whose counts match the grades.
. "$LIB"

run init
expect_rc 0 "init creates the database"
run init
expect_rc 0 "init is idempotent"
run --json framework list
expect_rc 0 "framework list"
[ "$(json 'len(j)')" -eq 5 ]; ok $? "five frameworks are shipped (one per model pack)"
[ "$(json '[f for f in j if f["code"]=="cyp-2014"][0]["evaluated"]')" -eq 9 ]; ok $? "cyp-2014 has nine evaluated indicators"
[ "$(json '[f for f in j if f["code"]=="ilacs-2018"][0]["levels"]')" -eq 4 ]; ok $? "ilacs-2018 has a four-point scale"

run --json inspection create --partnership "South Ayrshire" --framework cyp-2014 \
	--fieldwork 2016-04-25..2016-06-10 --published 2016-10-04 \
	--agencies "Care Inspectorate,Education Scotland,Healthcare Improvement Scotland,HM Inspectorate of Constabulary in Scotland"
expect_rc 0 "inspection create"
ID=$(json 'j["id"]')
[ "$ID" -ge 1 ]; ok $? "create prints the new id as JSON"

# South Ayrshire 2016 (domain.md 4.1): 3 good, 4 adequate, 2 weak.
for g in 1.1=adequate 2.1=good 3.1=Good 5.1=3 5.2=4 5.3=ADEQUATE 6.2=weak 6.3=adequate 9.4=2; do
	run grade "$ID" "${g%%=*}" "${g#*=}"
	[ "$RC" -eq 0 ] || echo "# grade $g failed: $(cat "$T/err")"
done
run --json inspection show "$ID"
expect_rc 0 "inspection show"
[ "$(json 'len(j["evaluations"])')" -eq 9 ]; ok $? "nine evaluations shown"
[ "$(json '[e["label"] for e in j["evaluations"] if e["qi"]=="6.2"][0]')" = "Weak" ]; ok $? "6.2 is weak"
[ "$(json 'j["partnership"]')" = "South Ayrshire" ]; ok $? "show has the partnership"
[ "$(json 'len(j["agencies"])')" -eq 4 ]; ok $? "show has four agencies"

run --json release "$ID"
expect_rc 0 "release"
[ "$(json 'j["indicator_count"]')" -eq 9 ]; ok $? "release counts nine indicators"
[ "$(json 'j["counts"]["Good"]')" -eq 3 ]; ok $? "three good"
[ "$(json 'j["counts"]["Adequate"]')" -eq 4 ]; ok $? "four adequate"
[ "$(json 'j["counts"]["Weak"]')" -eq 2 ]; ok $? "two weak"
[ "$(json '"Excellent" in j["counts"]')" = "False" ]; ok $? "no zero counts"
json 'j["summary"]' | grep -qF 'Across nine quality indicators, inspectors found three were "good" while four were "adequate" and two were "weak".'
ok $? "summary sentence matches the published profile"
json 'j["summary"]' | grep -qF '"Planning and improving services" (6.2) and "Leadership of improvement and change" (9.4)'
ok $? "the weak indicators are named"
json 'j["text"]' | grep -qF 'between 25 April and 10 June 2016'
ok $? "release text has the fieldwork dates"

run finding add "$ID" --kind improvement --text "Strengthen strategic leadership and direction." --qi 9.4
expect_rc 0 "finding add"
run confidence "$ID" --level not-confident --text "Inspectors were not confident that leaders were working effectively together."
expect_rc 0 "confidence"
run release "$ID"
expect_out "Strengthen strategic leadership and direction." "release lists the area for improvement"
expect_out "Confidence statement: Not confident." "release states the confidence"

for f in html md json; do
	run report "$ID" --format $f --out "$T/report.$f"
	expect_rc 0 "report --format $f"
done
grep -q '<th scope="row">9.4</th>' "$T/report.html"; ok $? "HTML report has the evaluations table"
grep -q 'Weak (2)' "$T/report.html"; ok $? "HTML report shows the grade label"
python3 -c "import json,sys; j=json.load(open(sys.argv[1])); assert len(j['evaluations'])==9" "$T/report.json"
ok $? "JSON report is valid JSON with nine evaluations"
grep -q '^| 6.2 | Planning and improving services | Weak (2) |$' "$T/report.md"; ok $? "Markdown report table row"

run audit verify
expect_rc 0 "audit chain verifies"
run --json audit list --inspection "$ID"
[ "$(json 'len(j)')" -eq 12 ]; ok $? "every change is in the audit log (create, 9 grades, finding, confidence)"

run demo --out "$T/demo"
expect_rc 0 "demo"
for f in report.html report.md report.json release.txt; do
	[ -s "$T/demo/$f" ]; ok $? "demo wrote $f"
done
done_testing
