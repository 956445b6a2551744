# cairn overview with the real binary over the shipped 2012-2017 results
# (hand-computed from domain.md 4.2) and two inspections held here.
. "$LIB"

run init
run overview
expect_rc 0 "an empty overview is not an error"
expect_out "No published results yet" "and says how to get some"
run history import "$SRCDIR/data/history/cyp-2014-published.csv"
run overview --framework cyp-2014 --json
expect_rc 0 "overview --json"
[ "$(json 'j["frameworks"][0]["pooled"]["counts"]')" = "{'Excellent': 3, 'Very good': 39, 'Good': 44, 'Adequate': 27, 'Weak': 7, 'Unsatisfactory': 1}" ]
ok $? "pooled distribution: 3, 39, 44, 27, 7, 1 (121 published grades)"
[ "$(json '[(q["n"], q["unknown"], q["median"]) for q in j["frameworks"][0]["indicators"] if q["qi"] == "5.2"][0]')" = "(5, 10, 'Adequate')" ]
ok $? "5.2: five known grades, ten publications without it, median adequate"
[ "$(json '[y["year"] for y in j["frameworks"][0]["years"]]')" = "[2013, 2014, 2015, 2016, 2017, 2018]" ]
ok $? "trends by year 2013-2018"
[ "$(json '[(y["publications"], y["grades"], y["good_or_better"]) for y in j["frameworks"][0]["years"] if y["year"] == 2015][0]')" = "(6, 48, 35)" ]
ok $? "2015: six publications, 48 grades, 35 good or better"
[ "$(json 'len([n for n in j["frameworks"][0]["notes"] if "North Lanarkshire" in n and "10" in n])')" = "1" ]
ok $? "the note on North Lanarkshire's ten grades"

run inspection create --partnership Glenmoor --framework cyp-2014 --published 2026-05-01
run grade 1 5.2 good
run overview
expect_rc 0 "text overview"
expect_out "inspection 1, Glenmoor (2026-05-01)" "profile of the held inspection"
expect_out "5.2   Good            national n=5, median Adequate: 0 higher, 1 same, 4 lower" "5.2 against the five published"
expect_out "Where the data is partial:" "partial data section"
expect_out "known only as counts" "counts-only grades are flagged"

run overview --framework cyp-2014 --xlsx "$T/overview.xlsx"
expect_rc 0 "XLSX export"
python3 - "$T/overview.xlsx" <<'PY'
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = z.namelist()
strings = z.read("xl/sharedStrings.xml").decode() if "xl/sharedStrings.xml" in names else ""
sys.exit(0 if any(n.startswith("xl/worksheets/") for n in names) and "Assessing and responding" in strings else 1)
PY
ok $? "the workbook has the indicator table"
run overview --framework cyp-2014 --format html --out "$T/overview.html"
expect_rc 0 "HTML export"
[ "$(grep -c '<svg' "$T/overview.html")" -ge 2 ]
ok $? "the HTML has the two charts as SVG"
grep -q "Where the data is partial" "$T/overview.html"
ok $? "and the partial-data section"
run overview --framework cyp-2014 --format pdf --out "$T/overview.pdf"
expect_rc 0 "PDF export"
run overview --framework cyp-2014 --format docx --out "$T/x"
expect_rc 64 "an unknown format"
run overview --xlsx "$T/x.xlsx"
expect_rc 64 "--xlsx needs --framework"
run overview --framework nope
expect_rc 64 "unknown framework"
expect_err "valid: " "lists the frameworks"
done_testing
