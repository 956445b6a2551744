#!/bin/sh
# The published report as PDF: render the demo inspection, extract its text
# with pdftotext (poppler-utils) and check the headings, the evaluations
# table, page numbers and that no child reference or internal marking
# appears in public outputs.  Page images for a person to look at are
# written with pdftoppm under the build directory (report-pages/).
. "$LIB"

run demo --out "$T/demo"
expect_rc 0 "cairn demo builds the demo inspection"
[ -s "$T/demo/report.pdf" ] && [ -s "$T/demo/young-people.pdf" ]
ok $? "cairn demo writes report.pdf and young-people.pdf"

run report 1 --format pdf --out "$T/r.pdf"
expect_rc 0 "cairn report --format pdf"
head -c 5 "$T/r.pdf" | grep -q '%PDF-'
ok $? "the output is a PDF"
pdfinfo "$T/r.pdf" >"$T/info" 2>&1
grep -q 'Page size: *595.27[0-9]* x 841.89 pts (A4)' "$T/info"
ok $? "pages are A4"
grep -q '^Title: *Services for children and young people in Glenmoor: report of a joint inspection' "$T/info"
ok $? "the PDF's title is the report title, in the 2012-2017 reports' style (cyp-2014 pack)"
pages=$(sed -n 's/^Pages: *//p' "$T/info")
[ "${pages:-0}" -ge 5 ]
ok $? "the report has several pages ($pages)"

pdftotext -layout "$T/r.pdf" "$T/r.txt"
for h in "Contents" "Introduction" "How we conducted the inspection" \
    "Our evaluations at a glance" "4. How well are the lives of children" \
    "7. Conclusion, areas of particular strength" \
    "Areas for improvement" "Our confidence in the partnership's capacity to improve" \
    "8. What happens next?" \
    "Appendix 1: Evaluated indicators of quality" \
    "Appendix 2: The terms we use in this report" \
    "Appendix 3: The quality indicator framework"; do
	grep -qF "$h" "$T/r.txt"
	ok $? "the PDF text has the heading '$h'"
done
# The evaluations table: every demo grade as a row (QI code ... label (value)).
for row in "1.1 .*Good (4)" "2.1 .*Very good (5)" "5.2 .*Adequate (3)" "9.4 .*Weak (2)"; do
	grep -q "^ *$row" "$T/r.txt"
	ok $? "the evaluations table has the row '$row'"
done
grep -qF "Page 1 of $pages" "$T/r.txt" && grep -qF "Page $pages of $pages" "$T/r.txt"
ok $? "pages are numbered 'Page N of $pages'"
# The contents page gives the page on which the appendix really starts.
app=$(grep -F "Appendix 1: Evaluated indicators of quality" "$T/r.txt" | head -1 | awk '{print $NF}')
pdftotext -f "$app" -l "$app" "$T/r.pdf" - | grep -qF "Appendix 1: Evaluated indicators"
ok $? "the contents page's page number for Appendix 1 ($app) is right"
grep -qF "Evaluations of the quality indicators" "$T/r.txt"
ok $? "the grade profile chart is drawn with its title"
# Structure: tagged (a structure tree and /MarkInfo), every section heading a
# named destination, the contents page's entries links to them, an outline.
grep -q '^Tagged: *yes' "$T/info"
ok $? "pdfinfo reports the PDF as tagged"
ntoc=$(sed -n '/^Contents/,/^ *Page 2 of/p' "$T/r.txt" | grep -c '[0-9]$')
pdfinfo -dests "$T/r.pdf" >"$T/dests"
ndest=$(grep -c '"sec[0-9]*"' "$T/dests")
[ "$ndest" -ge 10 ] && [ "$ndest" -ge "$ntoc" ]
ok $? "every heading is a named destination ($ndest; $ntoc contents lines)"
nlink=$(grep -ac "/Subtype /Link" "$T/r.pdf")
[ "$nlink" -eq "$ndest" ]
ok $? "each contents entry is an internal link ($nlink links)"
grep -aq "/Type /Outlines" "$T/r.pdf" && grep -aq "/Outlines [0-9]* 0 R" "$T/r.pdf"
ok $? "the PDF has a document outline (bookmarks)"
for tag in H1 H2 P L LI LBody Table TR TH TD Caption Figure TOC TOCI Link; do
	grep -aq "/S /$tag\b" "$T/r.pdf" || { echo "# no structure element $tag"; false; } || break
done
ok $? "the structure tree has headings, paragraphs, lists, tables, figures, the contents and links"
grep -aq "/Lang (en-GB)" "$T/r.pdf"
ok $? "the document language is set"
# Each chart's Figure element carries its text alternative (/Alt), in order.
python3 - "$T/r.pdf" <<'EOF'
import binascii, re, sys
d = open(sys.argv[1], 'rb').read()
alts = [binascii.unhexlify(h).decode('utf-16-be') for h in re.findall(rb'/Alt <FEFF([0-9A-F]+)>', d)]
figs = set(re.findall(rb'(\d+) 0 obj\s*<< /Type /StructElem\s+/S /Figure', d))
assert len(alts) == len(figs) >= 1, (len(alts), len(figs))
assert alts[0].startswith('Bar chart of the evaluations of 9 quality indicators'), alts[0]
EOF
ok $? "every Figure has its chart's text alternative as /Alt"
# The contents' page for Appendix 1 holds a destination (its heading's).
app1=$(grep -F "Appendix 1: Evaluated indicators of quality" "$T/r.txt" | head -1 | awk '{print $NF}')
grep -q "^ *$app1 .*\"sec[0-9]*\"" "$T/dests"
ok $? "a heading's destination is on the page the contents give (Appendix 1, page $app1)"
! grep -qi "not for publication" "$T/r.txt"
ok $? "the public PDF is not marked as internal"

run report 1 --format pdf --audience internal --out "$T/i.pdf"
expect_rc 0 "cairn report --audience internal"
ipages=$(pdfinfo "$T/i.pdf" | sed -n 's/^Pages: *//p')
marks=$(pdftotext "$T/i.pdf" - | grep -c "NOT FOR PUBLICATION")
[ "$marks" -ge "$ipages" ]
ok $? "every page of the internal PDF is marked NOT FOR PUBLICATION ($marks marks, $ipages pages)"
sqlite3 "$CAIRN_DB" "SELECT count(*) FROM audit WHERE action = 'report.export'" >"$T/n"
[ "$(cat "$T/n")" = "1" ]
ok $? "the internal export is recorded in the audit log"

run report 1 --format pdf --version young-people --out "$T/yp.pdf"
expect_rc 0 "cairn report --version young-people"
pdftotext "$T/yp.pdf" "$T/yp.txt"
grep -qF "What happens next" "$T/yp.txt" && grep -qF "very good: lots of important strengths" "$T/yp.txt"
ok $? "the young people's version gives the grades in words and what happens next"
ypages=$(pdfinfo "$T/yp.pdf" | sed -n 's/^Pages: *//p')
[ "$ypages" -lt "$pages" ]
ok $? "the young people's version is shorter ($ypages pages)"

run report 1 --format pdf
expect_rc 64 "--format pdf without --out is refused"
one_line_err "the refusal is one line"
run report 1 --format docx --out "$T/x"
expect_rc 64 "an unknown format is refused"
expect_err "valid: pdf, html, md, json, xlsx, csv" "the error lists the valid formats"
run report 1 --format pdf --audience press --out "$T/x"
expect_rc 64 "an unknown audience is refused"
run report 99 --format pdf --out "$T/x"
[ "$RC" -ne 0 ] && [ ! -e "$T/x" ]
ok $? "an unknown inspection writes nothing"

# Page images for a person to look at (not checked in; under the build dir).
pics="$(dirname "$CAIRN")/report-pages"
mkdir -p "$pics" && pdftoppm -r 60 -png "$T/r.pdf" "$pics/report" &&
    pdftoppm -r 60 -png "$T/yp.pdf" "$pics/young-people"
ok $? "pdftoppm renders page images into $pics"
done_testing
