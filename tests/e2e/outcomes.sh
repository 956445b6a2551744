#!/bin/sh
# End-to-end: cairn stats sii/rate against published PHE values, outcome
# imports (all-or-nothing with line/column errors), and import -> gap JSON.
. "$LIB"
D="$SRCDIR/tests/e2e/data"
TD="$SRCDIR/tests/reference/stats/phe"

run init
expect_rc 0 "init"

# --- stats sii: PHE testdata_SII records 11-20 (area2): sii 12.547846636351798,
# rii 1.180885620848795 (published by PHEindicatormethods).
run stats sii "$D/sii_phe_area2.csv" --convention phe --json
expect_rc 0 "stats sii --convention phe"
[ "$(json 'abs(j["sii"] - 12.547846636351798) < 1e-9')" = True ]
ok $? "PHE SII matches testdata_SII to 1e-9"
[ "$(json 'abs(j["rii"] - 1.180885620848795) < 1e-9')" = True ]
ok $? "PHE RII matches testdata_SII to 1e-9"
[ "$(json 'j["interval"] == "simulation" and j["convention"]["code"] == "phe"')" = True ]
ok $? "PHE convention named, simulated interval"
# Published Monte Carlo limits 11.936156426792138 .. 13.163020132396579 (5% as PHE's tests).
[ "$(json 'abs(j["sii_lower"] - 11.936156426792138) < 0.05*11.94 and abs(j["sii_upper"] - 13.163020132396579) < 0.05*13.16')" = True ]
ok $? "simulated SII interval close to PHE's published limits"
run stats sii "$D/sii_phe_area2.csv" --json --reps 0
[ "$(json 'abs(j["sii"] + 12.547846636351798) < 1e-9 and j["convention"]["code"] == "scotpho" and j["interval"] == "analytic"')" = True ]
ok $? "ScotPHO SII is minus the slope, analytic interval"
run stats sii "$D/sii_phe_area2.csv" --convention phe --json --seed 7 --reps 5000
A=$(json 'j["sii_lower"]')
run stats sii "$D/sii_phe_area2.csv" --convention phe --json --seed 7 --reps 5000
[ "$(json 'j["sii_lower"]')" = "$A" ]
ok $? "same seed, same simulated limits"
head -5 "$D/sii_phe_area2.csv" >"$T/four.csv"
run stats sii "$T/four.csv"
expect_rc 65 "SII refused with 4 of 10 groups... (fewer than 5 groups)"
expect_err "every deprivation group" "reason names the missing groups"
printf 'group,population,value\n1,100,5\n2,100,4\n4,100,3\n5,100,2\n6,100,1\n' >"$T/gap.csv"
run stats sii "$T/gap.csv"
expect_rc 65 "SII refused when group 3 is missing"
expect_err "missing" "reason says a group is missing"
run stats sii "$T/nonexistent.csv"
expect_rc 66 "missing file is exit 66"

# --- stats rate: testdata_Rate Area4, 65/100 per 100: 50.163187710459454 .. 82.849138545939837
run stats rate 65 100 --per 100 --json
[ "$(json 'abs(j["lower"] - 50.163187710459454) < 1e-9 and abs(j["upper"] - 82.849138545939837) < 1e-9 and j["method"] == "byars"')" = True ]
ok $? "rate 65/100 per 100 matches PHE Byar's limits"
# Area2, 5/100 per 100 (exact): 1.62348639011842 .. 11.668332079322669
run stats rate 5 100 --per 100 --json
[ "$(json 'abs(j["lower"] - 1.62348639011842) < 1e-9 and abs(j["upper"] - 11.668332079322669) < 1e-9 and j["method"] == "exact"')" = True ]
ok $? "rate 5/100 per 100 matches PHE exact limits"
run stats rate -1 100
expect_rc 64 "negative count is a usage error"

# --- outcomes import
run outcomes import "$D/outcomes_agg.csv" --simd 2020
expect_rc 64 "--q1 is required"
expect_err "the meaning of group 1 is required" "says the meaning of group 1 is required"
expect_err "in this file (--q1)" "names the flag --q1"
run outcomes import "$D/outcomes_agg.csv" --q1 most-deprived --simd 2020
expect_rc 65 "unknown indicators without metadata: nothing imported"
expect_err "unknown indicator 'early-dev'" "names the unknown indicator"
run outcomes import "$D/outcomes_agg.csv" --indicators "$D/outcomes_meta.csv" --q1 most-deprived --simd 2020 --json
expect_rc 0 "import with metadata"
[ "$(json 'j["cells"] == 150 and j["groups"] == 5')" = True ]
ok $? "150 cells, quintiles"

# A bad file: many errors, the first 20 listed with line and column, total given.
{
	echo "indicator,area_code,area_name,period,group,numerator,denominator"
	i=0
	while [ $i -lt 30 ]; do echo "early-dev,S1,X,2020,$((i % 5 + 1)),abc,100"; i=$((i + 1)); done
	echo "early-dev,S1,X,2020,11,1,100"
} >"$T/bad.csv"
run outcomes import "$T/bad.csv" --q1 most-deprived --simd 2020
expect_rc 65 "bad file exits 65"
expect_err "line 2, column 6: the numerator 'abc' is not a number" "error with line and column"
expect_err "and 11 more errors" "first 20 listed, the rest counted"
expect_err "has 31 errors (the first 20 are listed); nothing was imported" "total count"
[ "$(grep -c 'line' "$T/err")" -eq 20 ]
ok $? "exactly 20 errors listed"

# Issue 18: numbers are decimal and range-checked.  A numerator beyond any
# count was accepted and then shown as suppressed (an out-of-range double to
# long conversion); 0x10 was read as 16, and inf as infinity.
printf 'indicator,area_code,area_name,period,group,numerator,denominator\nearly-dev,S1,X,2020,1,99999999999999999999999,100000000000000000000000\nearly-dev,S1,X,2020,2,0x10,100\nearly-dev,S1,X,2020,3,5,inf\n' >"$T/num.csv"
run outcomes import "$T/num.csv" --indicators "$D/outcomes_meta.csv" --q1 most-deprived --simd 2020
expect_rc 65 "numbers out of range or not decimal: exit 65"
expect_err "line 2, column 6: the numerator '99999999999999999999999' is out of range" "a huge numerator with line and column"
expect_err "line 2, column 7: the denominator '100000000000000000000000' is out of range" "a huge denominator"
expect_err "line 3, column 6: the numerator '0x10' is not a number" "hex is not a number"
expect_err "line 4, column 7: the denominator 'inf' is not a number" "inf is not a number"
run outcomes import "$T/bad.csv" --q1 most-deprived --simd 2020 --json
[ "$(json 'j["total"] == 31 and len(j["errors"]) == 20 and j["errors"][0]["line"] == 2 and j["errors"][0]["column"] == 6')" = True ]
ok $? "JSON error list"


# --- import -> gap JSON
run outcomes gap --indicator early-dev --area "south ayrshire" --compare Scotland --json --reps 2000 --svg "$T/sa"
expect_rc 0 "gap with comparison"
[ "$(json 'j["area"]["area_name"] == "South Ayrshire" and j["compare"]["area_name"] == "Scotland" and len(j["area"]["periods"]) == 5')" = True ]
ok $? "gap: area and comparison, five periods"
[ "$(json 'j["convention"]["code"] == "scotpho" and j["unit"] == "%" and j["simd"] == "2020" and j["disclosure_threshold"] == 5')" = True ]
ok $? "gap: convention, unit, SIMD version, threshold named"
# Group 1 of 2015/16 in South Ayrshire: 168/600 in the data file.
[ "$(json 'abs(j["area"]["periods"][0]["values"][0]["value"] - 100*168/600) < 1e-9 and j["area"]["periods"][0]["values"][0]["method"] == "wilson"')" = True ]
ok $? "gap: group value is numerator/denominator as a percentage, Wilson interval"
[ "$(json 'all(p["sii_lower"] <= p["sii"] <= p["sii_upper"] for p in j["area"]["periods"])')" = True ]
ok $? "gap: every SII inside its interval"
[ "$(json 'j["area"]["trend"]["verdict"] in ("narrowing","widening","no clear change") and (j["area"]["trend"]["verdict"] == "no clear change") == (j["area"]["trend"]["lower"] <= 0 <= j["area"]["trend"]["upper"])')" = True ]
ok $? "gap: the verdict speaks only when the interval excludes zero"
[ "$(json 'j["compare"]["trend"]["verdict"]')" = narrowing ]
ok $? "gap: Scotland's gap (built to shrink) is narrowing"
python3 -c "import xml.dom.minidom as m; m.parse('$T/sa-groups.svg'); m.parse('$T/sa-sii.svg')"
ok $? "gap: both SVG charts written and well-formed"
# Small numbers: Orkney's counts below 5 are suppressed and the measures withheld.
run outcomes gap --indicator acc-11-15 --area "Orkney Islands" --json --reps 0
expect_rc 0 "gap for a small area"
[ "$(json 'any(g["suppressed"] and g["numerator"] is None and g["value"] is None for p in j["area"]["periods"] for g in p["values"])')" = True ]
ok $? "counts below 5 are suppressed"
[ "$(json 'all(p["sii"] is None and p["withheld"] for p in j["area"]["periods"] if any(g["suppressed"] for g in p["values"]))')" = True ]
ok $? "SII withheld where a group is suppressed"
run outcomes gap --indicator acc-11-15 --area "Orkney Islands"
! grep -Eq "group 1 +[0-9.]+ +\\([^)]*\\) +[1-4] /" "$T/out"
ok $? "text output never prints a count from 1 to 4"
run outcomes gap --indicator early-dev --area Atlantis
expect_rc 65 "unknown area"
expect_err "areas with data: Orkney Islands, Scotland, South Ayrshire" "names the valid areas"
run outcomes gap --indicator nope --area Scotland
expect_rc 65 "unknown indicator"
expect_err "known: acc-11-15, early-dev" "names the valid indicators"

# --- child-level: one row per child, aggregated in one pass.  The file is
# made here; the expected counts are worked out separately with awk.
awk 'BEGIN { print "area_code,area_name,period,group,early-dev,acc-11-15";
	for (i = 0; i < 3000; i++) {
		a = i % 2; g = 1 + (i % 7) % 5; p = 2020 + (i % 3);
		e = ((i * 7919) % 100) < (10 + 6 * (5 - g)) ? 1 : 0;
		c = (i % 11 == 0) ? "" : (((i * 31) % 97) < 9 ? 1 : 0);
		printf "CA%d,Child Area %d,%d,%d,%d,%s\n", a, a, p, g, e, c } }' >"$T/child.csv"
run outcomes import "$T/child.csv" --child-level --q1 most-deprived --simd 2020 --json
expect_rc 0 "child-level import"
[ "$(json 'j["rows"] == 3000 and j["kind"] == "child-level"')" = True ]
ok $? "3000 child rows read"
EXP=$(awk -F, 'NR > 1 && $1 == "CA0" && $3 == 2021 && $4 == 1 { n++; s += $5 } END { print s "/" n }' "$T/child.csv")
run outcomes gap --indicator early-dev --area "child area 0" --json --reps 0
GOT=$(json '"%d/%d" % (j["area"]["periods"][1]["values"][0]["numerator"], j["area"]["periods"][1]["values"][0]["denominator"])')
[ "$GOT" = "$EXP" ]
ok $? "aggregated counts for CA0, 2021, group 1 ($GOT) equal those counted by awk ($EXP)"
EXP=$(awk -F, 'NR > 1 && $1 == "CA1" && $3 == 2022 && $4 == 3 && $6 != "" { n++; s += $6 } END { print s "/" n }' "$T/child.csv")
run outcomes gap --indicator acc-11-15 --area CA1 --json --reps 0
GOT=$(json '"%d/%d" % (j["area"]["periods"][2]["values"][2]["numerator"] or 0, j["area"]["periods"][2]["values"][2]["denominator"])')
[ "${GOT#*/}" = "${EXP#*/}" ]
ok $? "empty cells are not counted in the denominator ($GOT vs $EXP)"
printf 'area_code,area_name,period,group,early-dev,bogus\nCA0,A,2020,1,2,0\nCA0,A,2020,9x,1,0\n' >"$T/childbad.csv"
run outcomes import "$T/childbad.csv" --child-level --q1 most-deprived --simd 2020
expect_rc 65 "bad child-level file imports nothing"
expect_err "line 1, column 6: column 'bogus' is not a known indicator" "unknown indicator column named"

# --- stats dsr: PHEindicatormethods testresults_DSR (published), testdata_big per 100000 at 95%
# and 99.8%; testdata_tiny (9 events) has no DSR.
{
	echo "band,count,population"
	grep '^testdata_big,' "$TD/testdata_DSR_ISR__testdata_multiarea.csv" | cut -d, -f2-
} >"$T/dsr_big.csv"
run stats dsr "$T/dsr_big.csv" --json
expect_rc 0 "stats dsr"
[ "$(json 'abs(j["value"] - 10430.247991469423) < 1e-8 and abs(j["lower"] - 9717.709067985681) < 1e-8 and abs(j["upper"] - 11178.94091547925) < 1e-8 and j["standard"] == "esp2013" and j["events"] == 895')" = True ]
ok $? "DSR and Dobson interval match PHE's testresults_DSR (testdata_big, per 100000, 95%)"
run stats dsr "$T/dsr_big.csv" --level 99.8 --json
[ "$(json 'abs(j["lower"] - 9323.2878802199029) < 1e-8 and abs(j["upper"] - 11620.595999522058) < 1e-8')" = True ]
ok $? "99.8% Dobson interval matches PHE's"
{
	echo "band,count,population"
	grep '^testdata_tiny,' "$TD/testdata_DSR_ISR__testdata_multiarea.csv" | cut -d, -f2-
} >"$T/dsr_tiny.csv"
run stats dsr "$T/dsr_tiny.csv"
expect_rc 65 "no DSR below 10 events"
expect_err "at least 10 events" "says why"
head -5 "$T/dsr_big.csv" >"$T/dsr_short.csv"
run stats dsr "$T/dsr_short.csv"
expect_rc 65 "the European standard needs its 19 bands"

# --- issue 19's worked example: the trend rests on each period's sampling error
# and on the periods' years; values from R's weighted lm
# (tests/reference/stats/inequality/sii_trend_R.csv, made by tests/reference/R/sii_trend.R).
{
	echo "indicator,area_code,area_name,period,group,numerator,denominator"
	y=2015
	for nums in "356 278 231 174 142" "340 285 239 170 147" "366 285 216 192 148" \
	    "361 266 231 175 145" "363 280 230 171 137"; do
		g=1
		for x in $nums; do
			set -- 0 1500 1300 1200 1000 900
			shift $g
			echo "early-dev,S99000019,Issue Nineteen,$y/$((y + 1 - 2000)),$g,$x,$1"
			g=$((g + 1))
		done
		y=$((y + 1))
	done
} >"$T/i19.csv"
run outcomes import "$T/i19.csv" --indicators "$D/outcomes_meta.csv" --q1 most-deprived --simd 2020
expect_rc 0 "import issue 19's example"
run outcomes gap --indicator early-dev --area "Issue Nineteen" --json --reps 0
expect_rc 0 "gap of issue 19's example"
R19="$SRCDIR/tests/reference/stats/inequality/sii_trend_R.csv"
rv() { grep "^yearly,$1," "$R19" | cut -d, -f3; }
[ "$(json "j['area']['trend']['verdict'] == 'no clear change' and abs(j['area']['trend']['change_per_year'] - $(rv change)) < 1e-9 and abs(j['area']['trend']['lower'] - ($(rv lower))) < 1e-9 and abs(j['area']['trend']['upper'] - $(rv upper)) < 1e-9")" = True ]
ok $? "issue 19's example: no clear change, change and interval as R's weighted lm"

done_testing
