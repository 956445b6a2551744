#!/bin/sh
# End-to-end: cairn stats sii/rate against published PHE values, outcome
# imports (all-or-nothing with line/column errors), and import -> gap JSON.
. "$LIB"
D="$SRCDIR/tests/e2e/data"
TD="$SRCDIR/../shared/testdata/stats/phe"

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
run stats sii "$D/sii_phe_area2.csv" --json
[ "$(json 'abs(j["sii"] + 12.547846636351798) < 1e-9 and j["convention"]["code"] == "scotpho" and j["interval"] == "analytic"')" = True ]
ok $? "ScotPHO SII is minus the slope, analytic interval"
run stats sii "$D/sii_phe_area2.csv" --convention phe --json --seed 7
A=$(json 'j["sii_lower"]')
run stats sii "$D/sii_phe_area2.csv" --convention phe --json --seed 7
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
expect_err "--q1 is required" "says --q1 is required"
run outcomes import "$D/outcomes_agg.csv" --q1 most-deprived --simd 2020
expect_rc 65 "unknown indicators without metadata: nothing imported"
expect_err "unknown indicator 'early-dev'" "names the unknown indicator"
run outcomes import "$D/outcomes_agg.csv" --indicators "$D/outcomes_meta.csv" --q1 most-deprived --simd 2020 --json
expect_rc 0 "import with metadata"
[ "$(json 'j["cells"] == 100 and j["groups"] == 5')" = True ]
ok $? "100 cells, quintiles"

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
run outcomes import "$T/bad.csv" --q1 most-deprived --simd 2020 --json
[ "$(json 'j["total"] == 31 and len(j["errors"]) == 20 and j["errors"][0]["line"] == 2 and j["errors"][0]["column"] == 6')" = True ]
ok $? "JSON error list"

done_testing
