#!/bin/sh
# The report as HTML, Markdown, CSV and XLSX, made from the same document
# as the PDF: self-contained accessible HTML with SVG charts that parse as
# XML, every table in the spreadsheet, the evaluations in the CSV.
. "$LIB"

run demo --out "$T/demo"
expect_rc 0 "cairn demo"
for f in report.pdf report.xlsx report.csv report.html young-people.pdf release.txt; do
	[ -s "$T/demo/$f" ]; ok $? "demo wrote $f"
done

run report 1 --format html --out "$T/r.html"
expect_rc 0 "cairn report --format html"
python3 - "$T/r.html" <<'PY'
import re, sys, xml.etree.ElementTree as ET
h = open(sys.argv[1], encoding="utf-8").read()
ns = "{http://www.w3.org/2000/svg}"
svgs = re.findall(r"<svg.*?</svg>", h, re.S)
assert len(svgs) >= 1, "no chart"
for s in svgs:
    root = ET.fromstring(s)          # raises if not well-formed
    assert root.find(ns + "title").text, "chart without a title"
    assert root.find(ns + "desc").text, "chart without a description"
    assert root.get("role") == "img"
# Self-contained: nothing loaded from elsewhere.
assert not re.search(r'<(script|link|img|iframe)\b', h), "external resource"
assert "@media print" in h, "no print stylesheet"
assert '<th scope="col">Quality indicator</th>' in h
assert '<th scope="row">9.4</th>' in h
assert re.search(r'<nav aria-label="Contents">', h)
assert h.count("<h1>") == 1
PY
ok $? "HTML: well-formed SVG charts with titles, self-contained, print stylesheet, table headers"

run report 1 --format csv --out "$T/r.csv"
expect_rc 0 "cairn report --format csv"
grep -q '^evaluations,data,5.2,Assessing and responding to risks and needs,Adequate (3)' "$T/r.csv"
ok $? "CSV has the evaluation rows"
grep -q '^grade-profile,data,9.4 Leadership of improvement and change,2,,,Weak (2)' "$T/r.csv"
ok $? "CSV has the numbers behind the grade profile chart"

run report 1 --format xlsx --out "$T/r.xlsx"
expect_rc 0 "cairn report --format xlsx"
python3 - "$T/r.xlsx" <<'PY'
import sys, zipfile, re
z = zipfile.ZipFile(sys.argv[1])
wb = z.read("xl/workbook.xml").decode()
names = re.findall(r'<sheet name="([^"]+)"', wb)
assert names[:1] == ["About"], names
assert "evaluations" in names and "chart grade-profile" in names, names
ss = z.read("xl/sharedStrings.xml").decode()
for s in ["Assessing and responding to risks and needs", "Weak (2)", "Very good (5)"]:
    assert s in ss, s
PY
ok $? "XLSX has the About, evaluations and chart data sheets with the grades"
run report 1 --format xlsx
expect_rc 64 "--format xlsx without --out is refused"

run report 1 --format md
expect_rc 0 "cairn report --format md to standard output"
expect_out "## Appendix 1: Evaluated indicators of quality" "Markdown has the appendix"
expect_out "| 5.2 | Assessing and responding to risks and needs | Adequate (3) |" "Markdown has the table"

run report 1 --format html --audience internal
expect_rc 0 "internal HTML"
[ "$(grep -c 'class="marking"' "$T/out")" -ge 2 ]
ok $? "internal HTML is marked at the top and the bottom"
run report 1 --format html --version young-people
expect_rc 0 "young people's HTML"
expect_out "What needs to get better" "the young people's version"
done_testing
