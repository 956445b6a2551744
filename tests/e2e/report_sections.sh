#!/bin/sh
# The optional sections of the report appear when their data exists:
# records reading (per item with its Wilson interval, disclosure control
# on the counts) and surveys (share agreeing with its interval).  The
# interval is checked against Newcombe (1998) Table I (1/29: 0.0061 to
# 0.1718), the readings built by tests/e2e/readings_gen.py.
. "$LIB"
TD="$SRCDIR/tests/reference/stats"
D="$SRCDIR/tests/data/survey"

run demo --out "$T/demo"
expect_rc 0 "cairn demo"
run report 1 --format csv --out "$T/before.csv"
! grep -q "^records-reading" "$T/before.csv" && ! grep -q "^survey-" "$T/before.csv"
ok $? "without readings or surveys the sections are absent"

# Records reading on inspection 1.
python3 -c "
print('ref,category')
for i in range(300): print('C%03d,%s' % (i + 1, 'A' if i < 200 else 'B'))" >"$T/pop.csv"
"$CAIRN" population import 1 "$T/pop.csv" >/dev/null
"$CAIRN" sample draw 1 --size 100 --strata category --seed 2024 --reserve 1 --double-read 20 --json >"$T/sample.json"
for r in "Ann inspector" "Bob inspector" "Cat local" "Dan local"; do
	set -- $r
	"$CAIRN" reader add 1 "$1" --kind "$2" >/dev/null
done
"$CAIRN" reader assign 1 >/dev/null
python3 "$SRCDIR/tests/e2e/readings_gen.py" "$T/sample.json" "$TD/agreement/irr_anxiety.csv" "$T"
run reading import 1 "$T/readings.csv" --submit
expect_rc 0 "readings imported"

# A survey on inspection 1.
run survey create 1 --name staff --kind staff --scale agree5 --items "$D/staff-items.json" --invited 640
expect_rc 0 "survey created"
run survey import 1 staff "$D/staff-glenmore.csv" --comment-columns "What is working well?,What could be improved?"
expect_rc 0 "survey imported"

run report 1 --format pdf --out "$T/r.pdf"
expect_rc 0 "PDF with the optional sections"
pdftotext "$T/r.pdf" "$T/r.txt"
grep -qF "What we found from reading children's records" "$T/r.txt"
ok $? "the records reading chapter appears"
grep -qF "What people told us in our surveys" "$T/r.txt"
ok $? "the surveys chapter appears"
grep -qF "Records good or better, with 95% intervals" "$T/r.txt" && grep -q "people responded to the survey .staff." "$T/r.txt"
ok $? "the records reading chart is drawn and the survey volume is in the methods"

run report 1 --format csv --out "$T/pub.csv"
expect_rc 0 "public CSV"
run report 1 --format csv --audience internal --out "$T/int.csv"
expect_rc 0 "internal CSV"
# initial-response (social work): 1 of 29 good or better.
grep '^records-reading,data,.* - social-work' "$T/int.csv" | grep -qF ',29,1,3.4% (0.6% to 17.2%)'
ok $? "internal: 1 of 29 with the Wilson interval of Newcombe (1998) Table I (0.0061 to 0.1718)"
grep '^records-reading,data,.* - social-work' "$T/pub.csv" | grep -qF ',29,fewer than 5,not shown'
ok $? "public: the count of 1 reads 'fewer than 5' and no percentage is given"
! grep -q "3.4% (0.6% to 17.2%)" "$T/pub.csv"
ok $? "public: the percentage that would reveal it appears nowhere"
grep -q '^survey-staff,data,' "$T/pub.csv"
ok $? "the survey table is in the CSV"
grep -q '^survey-staff-chart,data,' "$T/pub.csv"
ok $? "the numbers behind the survey chart are in the CSV"

run report 1 --format html --out "$T/r.html"
python3 - "$T/r.html" <<'PY'
import re, sys, xml.etree.ElementTree as ET
h = open(sys.argv[1], encoding="utf-8").read()
svgs = re.findall(r"<svg.*?</svg>", h, re.S)
assert len(svgs) >= 3, len(svgs)
for s in svgs:
    t = ET.fromstring(s)
    assert t.find("{http://www.w3.org/2000/svg}title").text
PY
ok $? "HTML: grade profile, records and survey charts, each well-formed with a title"

signoff 1; ok $? "the panel signs off"
run publish 1 --out "$T/pub"
expect_rc 0 "the inspection with readings and a survey publishes"
pdftotext "$T/pub/report.pdf" - | cat - "$T/pub/report.html" "$T/pub/report.csv" "$T/pub/report.json" \
    "$T/pub/release.txt" "$T/pub/young-people.html" >"$T/all.txt"
! grep -qE 'C[0-9]{3}' "$T/all.txt"
ok $? "no child's reference (C001...) in any public output"
done_testing
