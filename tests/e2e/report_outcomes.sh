#!/bin/sh
# The report's context and outcomes chapters: the demo inspection (a
# made-up partnership, so its area is named with --area) and a South
# Ayrshire inspection (matched by its partnership's name) are rendered with
# the outcome data of tests/e2e/data and the open data of data/scotland.
# The PDF's extracted text (pdftotext) has the chapters, the sources and
# the suppressed cells and no child's reference; every format carries the
# tables behind the charts.
. "$LIB"
D="$SRCDIR/tests/e2e/data"
export CAIRN_OPEN_DATA="$SRCDIR/data/scotland"

run demo --out "$T/demo"
expect_rc 0 "cairn demo builds the demo inspection"
run outcomes import "$D/outcomes_agg.csv" --indicators "$D/outcomes_meta.csv" --q1 most-deprived --simd 2020
expect_rc 0 "outcome data imported for South Ayrshire, Orkney and Scotland"

# The demo's partnership (Glenmoor) is no council area: no outcome chapter.
run report 1 --format md
expect_rc 0 "the demo report without an area"
! grep -qF "Outcomes for children and young people" "$T/out"
ok $? "no outcomes chapter when the partnership matches no area"

run report 1 --format pdf --area "South Ayrshire" --out "$T/r.pdf"
expect_rc 0 "cairn report --format pdf --area 'South Ayrshire'"
pdftotext -layout "$T/r.pdf" "$T/r.txt"
for h in "Outcomes for children and young people" \
    "Outcome gap: Children with a concern at the 27-30 month review" \
    "Outcome gap: Young people aged 11-15 starting to be accommodated" \
    "The community planning partnership and context" \
    "Children aged 0-17 by SIMD 2020 quintile" \
    "Children's services benchmarking indicators" \
    "Registered children's care services by type"; do
	grep -qF "$h" "$T/r.txt"
	ok $? "the PDF text has '$h'"
done
grep -qF "Source: National Records of Scotland" "$T/r.txt" && grep -qF "Source: Improvement Service" "$T/r.txt" && grep -qF "Source: Care Inspectorate" "$T/r.txt"
ok $? "each context figure names its source"
# 168 of 600 children in the most deprived group had a concern in 2015/16: 28.0%.
grep -q "2015/16 *1 (most deprived) *600 *28.0%" "$T/r.txt"
ok $? "early-dev 2015/16, most deprived group: 28.0% (168 of 600, worked by hand)"
# acc-11-15 2015/16 group 4 had 4 events: never shown, the period's SII withheld.
grep -qF "not shown (fewer than" "$T/r.txt" && grep -q "2015/16 group 4 .*fewer than 5" "$T/r.txt" && grep -qF "withheld (small" "$T/r.txt"
ok $? "small counts are suppressed and the measures that could reveal them withheld"
grep -qF "Trend in South Ayrshire" "$T/r.txt" && grep -qF "Trend in Scotland" "$T/r.txt"
ok $? "the trend verdicts of the area and Scotland are given"
# South Ayrshire's children aged 0-17, counted here with Python's csv module.
EXP=$(python3 -c "import csv,sys; print(sum(sum(int(r['Age %d' % a]) for a in range(18)) for r in csv.DictReader(open(sys.argv[1])) if r['Council area code'] == 'S12000028'))" \
    "$SRCDIR/data/scotland/nrs_sape_2021_datazone_children_0_17.csv")
grep -qF "In mid-2021, $EXP children" "$T/r.txt"
ok $? "the context gives South Ayrshire's $EXP children aged 0-17 (counted independently)"
# No child's reference (the inspection's population) in any public output.
printf 'ref,category\nGM-7731,CP\nGM-7732,LAC-home\nGM-7733,CP\n' >"$T/pop.csv"
run population import 1 "$T/pop.csv"
expect_rc 0 "a population with children's references"
printf 'GM-7731\nGM-7732\nGM-7733\n' >"$T/refs"
run report 1 --format pdf --area "South Ayrshire" --out "$T/r.pdf"
pdftotext -layout "$T/r.pdf" "$T/r.txt"
run report 1 --format html --area "South Ayrshire" --out "$T/r.html"
run report 1 --format csv --area "South Ayrshire" --out "$T/r.csv"
run report 1 --format json --area "South Ayrshire" --out "$T/r.json"
run report 1 --format md --area "South Ayrshire" --out "$T/r.md"
! grep -qFf "$T/refs" "$T/r.txt" "$T/r.html" "$T/r.csv" "$T/r.json" "$T/r.md"
ok $? "no child's reference in the PDF text, HTML, CSV, JSON or Markdown"
# The PDF's outline and contents links reach the outcome headings.
pdfinfo -dests "$T/r.pdf" >"$T/dests"
n=$(grep -c "sec[0-9]" "$T/dests")
secs=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['report']['sections']))" "$T/r.json")
[ "$n" -ge "$secs" ] && [ "$secs" -gt 10 ]
ok $? "every heading is a named destination ($n for $secs sections)"
grep -q "/Outlines" "$T/r.pdf" && [ "$(grep -ac "/Dest (sec\|/Dest /sec\|/Dest \[" "$T/r.pdf")" -ge 1 ]
ok $? "the PDF has an outline and internal links"

# HTML: the outcome charts are well-formed SVG with a title.
python3 - "$T/r.html" <<'EOF'
import re, sys, xml.etree.ElementTree as ET
h = open(sys.argv[1]).read()
svgs = [s for s in re.findall(r'<svg.*?</svg>', h, re.S) if 'deprivation group' in s or 'slope index' in s]
assert len(svgs) == 4, len(svgs)
for s in svgs:
    e = ET.fromstring(s)
    assert e.find('{http://www.w3.org/2000/svg}title') is not None or '<title' in s
EOF
ok $? "HTML: four outcome charts, each well-formed SVG with a title"
# JSON: the tables behind the charts, disclosure-controlled.
python3 - "$T/r.json" <<'EOF'
import json, sys
j = json.load(open(sys.argv[1]))
secs = {s['id']: s for s in j['report']['sections']}
acc = secs['outcome-acc-11-15']
t = {x['id']: x for x in acc['tables']}['values-acc-11-15']
rows = t['rows']
# 2015/16 is the first period; group 4 (row 4) had 4 events.
assert rows[3]['cells'][1] == '4' and rows[3]['cells'][3] == 'not shown (fewer than 5)', rows[3]
c = {x['id']: x for x in acc['charts']}['groups-acc-11-15']
assert c['bars'][3]['value'] is None and c['bars'][3]['shown_as'] == 'fewer than 5'
assert abs(c['bars'][0]['value'] - 15.0) < 1e-9   # 9 of 600, per 1000
ctx = {x['id']: x for x in secs['context']['tables']}
assert [r['cells'][0] for r in ctx['context-care-grades']['rows']][0] == '6 Excellent'
assert j['partnership'] == 'Glenmoor' and len(j['evaluations']) > 0
EOF
ok $? "JSON: the outcome tables and chart data, with the suppressed cell as null"
# CSV and XLSX: the table behind each chart.
grep -q "^groups-early-dev,data," "$T/r.csv" && grep -q "^sii-early-dev,data," "$T/r.csv"
ok $? "CSV: the numbers behind both outcome charts"
run report 1 --format xlsx --area "South Ayrshire" --out "$T/r.xlsx"
expect_rc 0 "cairn report --format xlsx --area"
python3 - "$T/r.xlsx" <<'EOF'
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
wb = z.read('xl/workbook.xml').decode()
assert 'chart groups-early-dev' in wb and 'context-children' in wb, wb[:2000]
EOF
ok $? "XLSX: sheets for the outcome charts and the context tables"

# Matching by the partnership's name, and --area errors.
run inspection create --partnership "South Ayrshire Community Planning Partnership" --framework cyp-2014
expect_rc 0 "a South Ayrshire inspection"
id=$(tr -d '[:space:]' <"$T/out")
run report "$id" --format md
grep -qF "Outcome gap: Children with a concern at the 27-30 month review" "$T/out" && grep -qF "In mid-2021, $EXP children" "$T/out"
ok $? "the partnership's name finds the area without --area"
run report "$id" --format md --version young-people
! grep -qF "Outcome gap" "$T/out"
ok $? "the young people's version has no outcome tables"
run report 1 --format md --area Atlantis
expect_rc 65 "an unknown --area is bad data"
expect_err "Atlantis" "the error names the area"
one_line_err "the error is one line"
CAIRN_OPEN_DATA="$T/nowhere" "$CAIRN" report "$id" --format md >"$T/out" 2>"$T/err"
RC=$?
expect_rc 0 "without the open data the report is still made"
grep -qF "Outcome gap" "$T/out" && ! grep -qF "Children aged 0-17 by SIMD" "$T/out"
ok $? "without the open data: outcomes, but no context figures"

done_testing
