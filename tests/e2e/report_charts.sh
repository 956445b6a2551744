#!/bin/sh
# Issue 20, "Charts and tables that fit the page": the records-reading and
# survey charts are laid out from the measured text.  The report is
# rendered as PDF with records reading, the staff survey and a survey whose
# statements are long (one of 230 characters, one with a 90-letter word)
# and whose first statement is 41 agreeing of 60 ("68.3% (55.8% to 78.7%)",
# the Wilson interval: 0.5577 to 0.7869); then poppler's pdftotext gives
# every word's box: nothing in the text area may pass its margins, every
# chart's value text is on one line unbroken, every label is there in full
# (no ellipsis), and the tables' headings never break inside a word
# ("Respo-nses").
. "$LIB"
TD="$SRCDIR/tests/reference/stats"
D="$SRCDIR/tests/data/survey"

run demo --out "$T/demo"
expect_rc 0 "cairn demo"
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
run survey create 1 --name staff --kind staff --scale agree5 --items "$D/staff-items.json" --invited 640
expect_rc 0 "staff survey created"
run survey import 1 staff "$D/staff-glenmore.csv" --comment-columns "What is working well?,What could be improved?"
expect_rc 0 "staff survey imported"
python3 - "$T" <<'PY'
import csv, json, sys
t = sys.argv[1]
stm = ["When I think about everything that has happened to me and my family over the past "
       "year, I feel that the people who work with us listened to what I had to say, took my "
       "views seriously and explained clearly what would happen next and why",
       "Staff",
       "Pneumonoultramicroscopicsilicovolcanoconiosisandotherextraordinarilylongwordswithoutanyspaces"
       " are explained to me"]
json.dump({"statements": [{"code": "S%02d" % (i + 1), "text": s, "qis": ["5.2"]}
                          for i, s in enumerate(stm)]}, open(t + "/items.json", "w"))
w = csv.writer(open(t + "/long.csv", "w", newline=""))
w.writerow(["Response ID"] + stm)
for i in range(60):
    w.writerow(["R%03d" % i, "Agree" if i < 41 else "Disagree", "Agree" if i < 50 else "Disagree",
                "Strongly agree" if i < 30 else "Disagree"])
PY
run survey create 1 --name long --kind parents --scale agree5 --items "$T/items.json"
expect_rc 0 "a survey with long statements created"
run survey import 1 long "$T/long.csv"
expect_rc 0 "its 60 responses imported"

for aud in internal public; do
	run report 1 --format pdf --audience $aud --out "$T/$aud.pdf"
	expect_rc 0 "the $aud PDF"
	run report 1 --format csv --audience $aud --out "$T/$aud.csv"
	expect_rc 0 "the $aud CSV (the numbers and texts behind each chart)"
	pdftotext -bbox "$T/$aud.pdf" "$T/$aud.bbox"
	pdftotext -layout "$T/$aud.pdf" "$T/$aud.txt"
	pdftotext -raw "$T/$aud.pdf" "$T/$aud.raw"
	python3 - "$T/$aud" <<'PY'
import csv, re, sys
base = sys.argv[1]
PAGE_W, PAGE_H, MARGIN_X = 595.276, 841.890, 56.7
bbox = open(base + ".bbox", encoding="utf-8").read()
pages = re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', bbox, re.S)
assert pages, "no pages"
bad, words = [], []
for n, (pw, ph, body) in enumerate(pages, 1):
    for x0, y0, x1, y1, w in re.findall(
            r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</word>', body):
        x0, y0, x1, y1 = map(float, (x0, y0, x1, y1))
        words.append(w)
        # every glyph on the page; in the text area (between the header's
        # marking and the footer) within the margins
        if x0 < 0 or x1 > PAGE_W or y0 < 0 or y1 > PAGE_H:
            bad.append((n, w, x0, x1))
        elif y0 > 60 and y1 < PAGE_H - 50 and (x0 < MARGIN_X - 0.5 or x1 > PAGE_W - MARGIN_X + 0.5):
            bad.append((n, w, round(x0, 1), round(x1, 1)))
assert not bad, "outside the text area: %r" % bad[:10]
layout = open(base + ".txt", encoding="utf-8").read()
raw = re.sub(r"\s+", "", open(base + ".raw", encoding="utf-8").read()).replace("&amp;", "&")
# The charts' bars (label, value text) as the CSV gives them.
charts = {}
for row in csv.reader(open(base + ".csv", encoding="utf-8")):
    if len(row) == 7 and row[1] == "data" and (row[0].startswith("survey-") or row[0] == "records-reading-chart"):
        charts.setdefault(row[0], []).append((row[2], row[6]))
assert "records-reading-chart" in charts and len(charts) >= 1, sorted(charts)
n = 0
for cid, bars in charts.items():
    for label, shown in bars:
        if "%" in shown:
            # the value text whole on one line of the page
            assert re.search(r"(^|\s)" + re.escape(shown) + r"(\s|$)", layout, re.M), (cid, shown)
            n += 1
        assert re.sub(r"\s+", "", label) in raw, (cid, label)
assert n >= 10, n
if base.endswith("internal"):
    assert re.search(r"(^|\s)68\.3% \(55\.8% to 78\.7%\)(\s|$)", layout, re.M), "68.3% (55.8% to 78.7%)"
assert "\u2026" not in raw, "a label cut with an ellipsis"
assert "Responses" in words, "the heading 'Responses' is not one word"
assert not any(re.match(r"Respo-?$", w) for w in words), "a heading broken inside a word"
PY
	ok $? "$aud PDF: every word inside the page's text area, chart values on one line, labels whole, headings unbroken"
	# The same charts as SVG in the HTML report, measured by the browser.
	run report 1 --format html --audience $aud --out "$T/$aud.html"
	expect_rc 0 "the $aud HTML"
	if command -v node >/dev/null 2>&1; then
		node "$SRCDIR/tests/e2e/chart_boxes.js" "$T/$aud.html"
		rc=$?
		if [ $rc -eq 2 ]; then
			echo "ok $((N + 1)) # SKIP no chromium or node_modules"
			N=$((N + 1))
		else
			ok $rc "$aud HTML in Chromium: every chart text inside its SVG, labels left of the bars, values right of them, at 1100 and 380 px"
		fi
	fi
done
done_testing
