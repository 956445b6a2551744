#!/bin/sh
# cairn stats dsr --non-independent and cairn stats isr: the real binary on
# PHEindicatormethods' test data (tests/reference/stats/phe), each value
# checked against PHE's published testresults_DSR and testresults_ISR, and
# the error files (testdata_err1..4) refused with their line and column.
. "$LIB"
TD="${CAIRN_TESTDATA:-$SRCDIR/tests/reference}/stats/phe"
REF="$TD/testdata_DSR_ISR__refdata.csv"

# --- DSR of non-independent events: testresults_DSR, "Dobson, with confidence
# adjusted for non-independent events", per 100000, given to 8 decimals.
for a in big dummy small tiny; do
	grep "^testdata_nonind_$a," "$TD/testdata_DSR_ISR__testdata_nonindepe.csv" | cut -d, -f2- |
		sed '1i ageband,count,pop,f1,f2,f3,f4' >"$T/ni_$a.csv"
done
# dsr_near FILE LEVEL VALUE LOWER UPPER DESCRIPTION
dsr_near() {
	run stats dsr "$1" --non-independent --level "$2" --json
	[ "$RC" -eq 0 ] && [ "$(json "abs(j['value'] - $3) < 5e-9 and abs(j['lower'] - $4) < 5e-9 and abs(j['upper'] - $5) < 5e-9 and j['independent_events'] is False and j['events'] == 895")" = True ]
	r=$?
	[ $r -eq 0 ] || echo "# got $(cat "$T/out" "$T/err")"
	ok $r "$6"
}
dsr_near "$T/ni_big.csv" 0.95 10430.24799147 9532.94977862 11373.07483298 \
	"non-independent DSR, testdata_nonind_big, 95%, matches PHE"
dsr_near "$T/ni_big.csv" 99.8 10430.24799147 9036.25631357 11929.24980749 \
	"non-independent DSR, testdata_nonind_big, 99.8%, matches PHE"
dsr_near "$T/ni_dummy.csv" 0.95 10430.24799147 9512.29883752 11394.77359633 \
	"non-independent DSR, testdata_nonind_dummy (same events, other spread), 95%"
dsr_near "$T/ni_dummy.csv" 0.998 10430.24799147 9004.17418121 11963.74870404 \
	"non-independent DSR, testdata_nonind_dummy, 99.8%"
run stats dsr "$T/ni_small.csv" --non-independent --json
[ "$(json 'abs(j["value"] - 1082.95419841) < 5e-9 and abs(j["lower"] - 817.68609755) < 5e-9 and abs(j["upper"] - 1393.55884927) < 5e-9 and j["events"] == 89')" = True ]
ok $? "non-independent DSR, testdata_nonind_small, matches PHE"
run stats dsr "$T/ni_tiny.csv" --non-independent
expect_rc 65 "testdata_nonind_tiny (9 events) has no DSR, as PHE"
expect_err "at least 10 events" "says why"
# The same file read as independent events gives the same DSR, narrower.
cut -d, -f1-3 "$T/ni_big.csv" >"$T/ind_big.csv"
run stats dsr "$T/ind_big.csv" --json
[ "$(json 'abs(j["value"] - 10430.24799147) < 5e-9 and j["lower"] > 9532.95 and j["independent_events"] is True')" = True ]
ok $? "independent events: same DSR, narrower interval"
run stats dsr "$T/ni_big.csv"
expect_rc 65 "frequency columns without --non-independent are refused"
expect_err "give --non-independent" "and the message says what to give"
sed 's/^00-04,127,/00-04,128,/' "$T/ni_big.csv" >"$T/ni_bad.csv"
run stats dsr "$T/ni_bad.csv" --non-independent
expect_rc 65 "a count that is not the events by frequency is refused"
expect_err "line 2, column 2: the count 128 is not the 127 events" "at its line and column"
sed '1s/f4/x4/' "$T/ni_big.csv" >"$T/ni_badh.csv"
run stats dsr "$T/ni_badh.csv" --non-independent
expect_rc 65 "a frequency column not named by a number is refused"
expect_err "line 1, column 7" "at its column"
sed '4s/,11,2,1,0$/,11,-2,1,4/' "$T/ni_big.csv" >"$T/ni_neg.csv"
run stats dsr "$T/ni_neg.csv" --non-independent
expect_err "line 4, column 5: the number of people '-2'" "a negative number of people is refused at its cell"

# --- DSR error files (testdata_err1..4), with the line and column.
run stats dsr "$TD/testdata_DSR_ISR__testdata_err1.csv"
expect_err "line 7, column 2: the count '-26'" "DSR err1: negative count refused at its cell"
awk -F, 'NR == 1 { print "band,count,population" } $1 == "Area1" { print NR - 1 "," $2 "," $3 }' \
	"$TD/testdata_DSR_ISR__testdata_err2.csv" >"$T/err2_area1.csv"
run stats dsr "$T/err2_area1.csv"
expect_err "line 3, column 3: '0' is not a positive number" "DSR err2: zero population refused at its cell"
run stats dsr "$TD/testdata_DSR_ISR__testdata_err3.csv"
expect_err "line 3, column 3: '-558'" "DSR err3: negative population refused at its cell"
run stats dsr "$TD/testdata_DSR_ISR__testdata_err4.csv"
expect_err "line 7, column 4: '-6000'" "DSR err4: negative standard refused at its cell"

# --- ISR: testresults_ISR (calculate_ISRatio, calculate_ISRate), 1e-9 relative.
# isr_check DESCRIPTION AREA OBS EXP VALUE LOWER UPPER [METHOD]
isr_check() {
	python3 - "$T/out" "$@" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
_, desc, area, o, e, v, lo, hi = sys.argv[1:9]
a = [x for x in j["areas"] if x["area"] == area][0]
rel = lambda g, w: abs(g - float(w)) <= 1e-9 * abs(float(w))
ok = a["observed"] == float(o) and rel(a["expected"], e) and rel(a["value"], v) \
    and rel(a["lower"], lo) and rel(a["upper"], hi)
if len(sys.argv) > 9:
    ok = ok and a["method"] == sys.argv[9]
if not ok:
    print("# got", a)
sys.exit(0 if ok else 1)
PY
	ok $? "$1"
}
run stats isr "$TD/testdata_DSR_ISR__testdata_multiarea_isr.csv" --json
expect_rc 0 "isr on PHE's own file (area, ageband, count, pop, refcount, refpop)"
isr_check "ISRatio testdata_big x 1, 95%" testdata_big 895 835.88356123117433 \
	1.0707232939020275 1.0017147712553987 1.1432332872498949 byars
isr_check "ISRatio testdata_small x 1, 95%" testdata_small 91 835.88356123117433 \
	0.10886683770400503 8.765040101829405E-2 0.13366576328418911 byars
isr_check "ISRatio testdata_tiny x 1, 95%, exact below 10" testdata_tiny 9 835.88356123117433 \
	1.0767049882813684E-2 4.9233808250957762E-3 2.043921455549973E-2 exact
run stats isr "$TD/testdata_DSR_ISR__testdata_multiarea.csv" --ref "$REF" --refvalue 100 \
	--level 99.8 --json
isr_check "ISRatio testdata_big x 100, 99.8%, reference from --ref" testdata_big 895 \
	835.88356123117433 107.07232939020275 96.351556196144372 118.60070415876287
isr_check "ISRatio testdata_tiny x 100, 99.8%" testdata_tiny 9 835.88356123117433 \
	1.0767049882813684 0.2933930655068262 2.7105896514690211 exact
run stats isr "$TD/testdata_DSR_ISR__testdata_multiarea.csv" --ref "$REF" --rate --json
[ "$(json 'abs(j["areas"][0]["ref_rate"] - 9349.8830922110192) < 1e-9 * 9349.9 and j["per"] == 100000')" = True ]
ok $? "reference rate per 100000 matches PHE"
isr_check "ISRate testdata_big per 100000, 95%" testdata_big 895 835.88356123117433 \
	10011.137622091057 9365.91600297888 10689.097582910616
isr_check "ISRate testdata_small per 100000, 95%" testdata_small 91 835.88356123117433 \
	1017.8922051511577 819.52100250646299 1249.7592601383201
run stats isr "$TD/testdata_DSR_ISR__testdata_multiarea.csv" --ref "$REF" --rate --per 1000 \
	--level 0.998 --json
isr_check "ISRate testdata_small per 1000, 99.8%" testdata_small 91 835.88356123117433 \
	10.178922051511577 7.1951329035282443 13.929381508991677
isr_check "ISRate testdata_tiny per 1000, 99.8%, exact" testdata_tiny 9 835.88356123117433 \
	1.0067065765231229 0.27431908625542339 2.5343696352192358 exact
# Observed totals by area (calculate_ISRate's observed_totals, testdata_multiarea_lookup).
cut -d, -f1,2,4-6 "$TD/testdata_DSR_ISR__testdata_multiarea_isr.csv" >"$T/nocount.csv"
run stats isr "$T/nocount.csv" --observed "$TD/testdata_DSR_ISR__testdata_multiarea_lookup.csv" \
	--rate --json
expect_rc 0 "isr with --observed totals"
isr_check "ISRate testdata_big from the lookup's totals" testdata_big 895 835.88356123117433 \
	10011.137622091057 9365.91600297888 10689.097582910616
isr_check "ISRate testdata_tiny from the lookup's totals" testdata_tiny 9 835.88356123117433 \
	100.6706576523123 46.033035133078933 191.10426659054028 exact
run stats isr "$TD/testdata_DSR_ISR__testdata_multiarea_isr.csv" \
	--observed "$TD/testdata_DSR_ISR__testdata_multiarea_lookup.csv"
expect_rc 65 "counts and --observed together are refused"
expect_err "line 1, column 3: 'count' is not a column of this file" "naming the column"
grep -v testdata_small "$TD/testdata_DSR_ISR__testdata_multiarea_lookup.csv" >"$T/lookup2.csv"
run stats isr "$T/nocount.csv" --observed "$T/lookup2.csv"
expect_rc 65 "an area without a total is refused"
expect_err "no total for the area testdata_small" "naming the area"
# testdata_err2: a population of 0 in one band, which calculate_ISRatio accepts.
run stats isr "$TD/testdata_DSR_ISR__testdata_err2.csv" --ref "$REF" --refvalue 100 --json
isr_check "ISRatio Area1 (a zero population) x 100" Area1 895 808.32174009182529 \
	110.72323749430866 103.58708281676485 118.22147841228508
isr_check "ISRatio Area2 x 100" Area2 91 835.88356123117433 \
	10.886683770400502 8.7650401018294044 13.366576328418912
run stats isr "$TD/testdata_DSR_ISR__testdata_err2.csv" --ref "$REF" --rate --json
isr_check "ISRate Area1 (a zero population) per 100000" Area1 895 808.32174009182529 \
	10352.493261629017 9685.2711419993229 11053.570021432142
# The other error files: refused with line and column.
cut -d, -f1-3 "$TD/testdata_DSR_ISR__testdata_err1.csv" >"$T/err1.csv"
run stats isr "$T/err1.csv" --ref "$REF"
expect_rc 65 "ISR err1 refused"
expect_err "line 7, column 2: the count '-26' is not a number of at least 0" "at the negative count"
cut -d, -f1-3 "$TD/testdata_DSR_ISR__testdata_err3.csv" >"$T/err3.csv"
run stats isr "$T/err3.csv" --ref "$REF"
expect_err "line 3, column 3: the population '-558'" "ISR err3: negative population refused at its cell"
for e in 1 3 4; do
	run stats isr "$TD/testdata_DSR_ISR__testdata_err$e.csv" --ref "$REF"
	expect_err "line 1, column 4: 'stdpop' is not a column of this file" \
		"ISR err$e as published: its standard population column is refused at the header"
done
# Reference and data must agree band by band.
sed '3s/^5-9/5-10/' "$REF" >"$T/ref_bad.csv"
run stats isr "$TD/testdata_DSR_ISR__testdata_multiarea.csv" --ref "$T/ref_bad.csv"
expect_err "line 3, column 1: this band differs from the data's" "a band that differs is refused"
head -10 "$REF" >"$T/ref_short.csv"
run stats isr "$TD/testdata_DSR_ISR__testdata_multiarea.csv" --ref "$T/ref_short.csv"
expect_err "has 9 age bands" "a reference with too few bands is refused"
sed '3s/,2824,/,2824,x/' "$REF" >"$T/ref_nan.csv"
run stats isr "$TD/testdata_DSR_ISR__testdata_multiarea.csv" --ref "$T/ref_nan.csv"
expect_err "line 3, column 3: the reference population" "a bad reference population is refused"
run stats isr "$TD/testdata_DSR_ISR__testdata_multiarea.csv"
expect_rc 64 "no reference rates is a usage error"
run stats isr "$TD/testdata_DSR_ISR__testdata_multiarea.csv" --ref "$REF" --per 1000
expect_rc 64 "--per without --rate is a usage error"
{ sed -n 1,20p "$TD/testdata_DSR_ISR__testdata_multiarea.csv"; sed -n 40,58p "$TD/testdata_DSR_ISR__testdata_multiarea.csv"; sed -n 21,39p "$TD/testdata_DSR_ISR__testdata_multiarea.csv"; sed -n 2p "$TD/testdata_DSR_ISR__testdata_multiarea.csv"; } >"$T/split.csv"
run stats isr "$T/split.csv" --ref "$REF"
expect_err "line 59, column 1: this area's rows are not together: testdata_big" "an area split in two is refused"
run stats isr "$TD/testdata_DSR_ISR__testdata_multiarea_isr.csv"
expect_rc 0 "text output"
expect_out "testdata_tiny: ISR 0.010767 (95% exact Poisson interval" "names the exact interval below 10"

done_testing
