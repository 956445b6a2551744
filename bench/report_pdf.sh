#!/bin/sh
# Benchmark: a full PDF report for an inspection with 100 records read,
# 500 evidence items and three surveys, made by "cairn report --format pdf"
# (cairo and Pango), against headless Chromium printing Cairn's own HTML
# version of the same report to PDF.  Both are measured in the same run,
# alternately; the medians and their ratio are printed.  Not part of the
# test suite (timings vary by machine).  Chromium is in bench/deps.sh.
#
#   bench/report_pdf.sh [BUILD_DIR] [REPS]
set -eu
BUILD=${1:-build}
REPS=${2:-5}
SRC=$(cd "$(dirname "$0")/.." && pwd)
CAIRN="$(cd "$BUILD" && pwd)/cairn"
T=$(mktemp -d "${TMPDIR:-/tmp}/cairn-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT
export CAIRN_DB="$T/c.db"

# The demo inspection (grades, findings, confidence), then its data.
"$CAIRN" demo --out "$T/demo" >/dev/null
python3 -c "
print('ref,category')
for i in range(300): print('C%03d,%s' % (i + 1, 'A' if i < 200 else 'B'))" >"$T/pop.csv"
"$CAIRN" population import 1 "$T/pop.csv" >/dev/null
"$CAIRN" sample draw 1 --size 100 --strata category --seed 2024 --reserve 1 --double-read 20 \
    --json >"$T/sample.json"
for r in "Ann inspector" "Bob inspector" "Cat local" "Dan local"; do
	set -- $r
	"$CAIRN" reader add 1 "$1" --kind "$2" >/dev/null
done
"$CAIRN" reader assign 1 >/dev/null
python3 "$SRC/tests/e2e/readings_gen.py" "$T/sample.json" \
    "$SRC/tests/reference/stats/agreement/irr_anxiety.csv" "$T"
"$CAIRN" reading import 1 "$T/readings.csv" --submit >/dev/null
for s in staff children parents; do
	"$CAIRN" survey create 1 --name "$s" --kind staff --scale agree5 \
	    --items "$SRC/tests/data/survey/staff-items.json" >/dev/null
	"$CAIRN" survey import 1 "$s" "$SRC/tests/data/survey/staff-glenmore.csv" \
	    --comment-columns "What is working well?,What could be improved?" >/dev/null
done
i=1
while [ "$i" -le 500 ]; do
	"$CAIRN" evidence add 1 --source interview --text "Evidence item $i from the bench" \
	    --qi 2.1 --status uncertainty >/dev/null
	i=$((i + 1))
done
echo "inspection: 100 records read, $(sqlite3 "$CAIRN_DB" 'SELECT count(*) FROM evidence') evidence items, $(sqlite3 "$CAIRN_DB" 'SELECT count(*) FROM survey') surveys"

"$CAIRN" report 1 --format html --out "$T/r.html"
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
: >"$T/cairn.times"
: >"$T/chromium.times"
r=0
while [ "$r" -lt "$REPS" ]; do
	/usr/bin/time -a -o "$T/cairn.times" -f "%e %U %S" \
	    "$CAIRN" report 1 --format pdf --out "$T/cairn.pdf"
	if [ -n "$CHROMIUM" ]; then
		/usr/bin/time -a -o "$T/chromium.times" -f "%e %U %S" \
		    "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
		    --user-data-dir="$T/chromium-profile" --print-to-pdf="$T/chromium.pdf" \
		    "file://$T/r.html" >/dev/null 2>&1
	fi
	r=$((r + 1))
done
# median FILE FIELD: field 1 is wall-clock seconds; CPU is user + system.
median() { awk -v f="$2" '{ print f == 1 ? $1 : $2 + $3 }' "$1" | sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "none"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
c=$(median "$T/cairn.times" 1)
cc=$(median "$T/cairn.times" 2)
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo "cairn report --format pdf: median $c s wall, $cc s CPU over $REPS runs ($(pdfinfo "$T/cairn.pdf" | sed -n 's/^Pages: *//p') pages)"
if [ -n "$CHROMIUM" ]; then
	p=$(median "$T/chromium.times" 1)
	pc=$(median "$T/chromium.times" 2)
	echo "chromium --print-to-pdf:   median $p s wall, $pc s CPU over $REPS runs ($(pdfinfo "$T/chromium.pdf" | sed -n 's/^Pages: *//p') pages; $("$CHROMIUM" --version 2>/dev/null))"
	awk -v c="$c" -v p="$p" -v cc="$cc" -v pc="$pc" 'BEGIN {
		printf "ratio cairn / chromium:    wall %.3f (chromium %.1f times as long), CPU %.3f (%.1f times)\n",
		    c / p, p / c, cc / pc, pc / cc }'
else
	echo "chromium is not installed (bench/deps.sh installs it): no comparison"
fi
