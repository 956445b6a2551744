#!/bin/sh
# cairn stats ... and cairn sample size: the real binary on the reference
# data in tests/reference/stats, checking the JSON against the published
# values to their published precision, and bad input.
. "$LIB"
D="${CAIRN_TESTDATA:-$SRCDIR/tests/reference}/stats"
A="$D/agreement"

# near VALUE WANT TOL: |VALUE - WANT| <= TOL (awk: no interpreter start-up)
near() {
	awk -v v="$1" -v w="$2" -v t="$3" 'BEGIN { d = v - w; if (d < 0) d = -d; exit !(v != "" && d <= t) }'
}
# jget KEY: prints KEY of the JSON on stdout (one level; numbers and strings).
jget() {
	sed -n "s/^ *\"$1\": \"\{0,1\}\([^\",]*\)\"\{0,1\},\{0,1\}\$/\1/p" "$T/out" | head -1
}
# expect_json KEY WANT TOL DESCRIPTION: the JSON on stdout has KEY near WANT.
expect_json() {
	v=$(jget "$1")
	near "$v" "$2" "$3"
	r=$?
	[ $r -eq 0 ] || echo "# $1 = $v, published $2 (tolerance $3)"
	ok $r "$4"
}
# expect_keys DESCRIPTION KEY...: the JSON on stdout is valid and has every KEY.
expect_keys() {
	d=$1
	shift
	python3 -c "import json,sys; j=json.load(open(sys.argv[1])); sys.exit(0 if all(k in j for k in sys.argv[2:]) else 1)" "$T/out" "$@"
	ok $? "$d"
}

# Two-rater files cut from irr's anxiety data.
cut -d, -f1,3,4 "$A/irr_anxiety.csv" >"$T/r23.csv"

# irr::kappa2 on raters 2 and 3 (published to 7 significant figures).
run stats kappa "$T/r23.csv" --json
expect_rc 0 "kappa runs"
expect_json kappa -0.006289308 5e-10 "unweighted kappa matches irr"
expect_json z -0.0604067 5e-8 "unweighted z matches irr"
expect_json p 0.9518317 5e-8 "unweighted p matches irr"
expect_json n 20 0 "n is the units rated by both"
expect_keys "kappa --json has kappa, se, z, p, ci_low, ci_high, n" kappa se z p ci_low ci_high n
run stats kappa "$T/r23.csv" --weights linear --json
expect_json kappa 0.1459075 5e-8 "linear weighted kappa (levels present) matches irr"
expect_json z 1.282472 5e-7 "linear z matches irr"
expect_json p 0.1996772 5e-8 "linear p matches irr"
[ "$(jget levels)" = present ]
ok $? "the output names the level convention"
run stats kappa "$T/r23.csv" --weights quadratic --json
expect_json kappa 0.2520325 5e-8 "quadratic weighted kappa matches irr"
expect_json z 1.437451 5e-7 "quadratic z matches irr"
expect_json p 0.1505898 5e-8 "quadratic p matches irr"
run stats kappa "$T/r23.csv" --weights quadratic --levels scale --scale 1..6 --json
expect_rc 0 "kappa on the full scale runs"
[ "$(jget levels)" = scale ] && ! near "$(jget kappa)" 0.2520325 0.001
ok $? "the full-scale convention is named and differs when a level is unused"

# scikit-learn's weighted kappa table 46,0,0;4,40,0;0,0,10 as a ratings file.
python3 - "$T/sk.csv" <<'PY'
import sys
rows = []
for i, row in enumerate([[46, 0, 0], [4, 40, 0], [0, 0, 10]]):
    for j, c in enumerate(row):
        rows += [(i, j)] * c
with open(sys.argv[1], "w") as f:
    f.write("unit,a,b\n")
    for u, (i, j) in enumerate(rows):
        f.write(f"{u + 1},{i},{j}\n")
PY
run stats kappa "$T/sk.csv" --json
expect_json kappa 0.9315 5e-5 "kappa matches scikit-learn"
run stats kappa "$T/sk.csv" --weights linear --json
expect_json kappa 0.9412 5e-5 "linear kappa matches scikit-learn"
run stats kappa "$T/sk.csv" --weights quadratic --json
expect_json kappa 0.9541 5e-5 "quadratic kappa matches scikit-learn"

# Fleiss (1971) diagnoses, irr::kappam.fleiss.
run stats fleiss "$A/fleiss1971_diagnoses.csv" --json
expect_rc 0 "fleiss runs"
expect_json kappa 0.4302445 5e-8 "Fleiss' kappa matches irr"
expect_json z 17.65183 5e-5 "Fleiss' z matches irr"
expect_json p_bar 0.5556 0.001 "P_bar matches dkpro"
expect_json p_e 0.2201 0.001 "P_e matches dkpro"
expect_json n 30 0 "30 subjects"

# Krippendorff's alpha.
run stats alpha "$A/hayes_krippendorff2007_units_x_coders.csv" --level ordinal --json
expect_rc 0 "alpha runs"
expect_json alpha 0.7598 0.0001 "ordinal alpha matches Hayes & Krippendorff (2007)"
expect_keys "alpha --json has alpha, d_o, d_e, n_pairable" alpha d_o d_e n_pairable
lo1=$(jget ci_low); hi1=$(jget ci_high)
run stats alpha "$A/hayes_krippendorff2007_units_x_coders.csv" --level ordinal --seed 1 --json
[ -n "$lo1" ] && [ "$(jget ci_low)" = "$lo1" ] && [ "$(jget ci_high)" = "$hi1" ]
ok $? "the bootstrap interval is the same for the same seed"
run stats alpha "$A/hayes_krippendorff2007_units_x_coders.csv" --level ordinal --seed 2 --json
[ "$(jget ci_low)" != "$lo1" ]
ok $? "another seed gives another interval"
E2="$A/krippendorff1980_example2_units_x_coders.csv"
run stats alpha "$E2" --level nominal --json
expect_json alpha 0.642 0.001 "nominal alpha matches Krippendorff (1980)"
expect_json d_o 0.259 0.001 "D_o matches Krippendorff (1980)"
expect_json d_e 0.724 0.001 "D_e matches Krippendorff (1980)"
run stats alpha "$E2" --level interval --json
expect_json alpha 0.547 0.001 "interval alpha matches Krippendorff (1980)"
run stats alpha "$E2" --level ratio --json
expect_json alpha 0.483 0.001 "ratio alpha matches Krippendorff (1980)"
# The same data with raters in rows.
python3 - "$E2" "$T/rows.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1])))
with open(sys.argv[2], "w") as f:
    f.write("coder," + ",".join(r[0] for r in rows[1:]) + "\n")
    for c in range(1, len(rows[0])):
        f.write(rows[0][c] + "," + ",".join(r[c] for r in rows[1:]) + "\n")
PY
run stats alpha "$T/rows.csv" --level nominal --raters-in rows --json
expect_json alpha 0.642 0.001 "--raters-in rows reads the transposed file"
printf 'unit,a,b\n1,0,0\n2,1,1\n3,0,1\n4,0,0\n5,0,0\n6,0,1\n7,0,0\n8,0,1\n9,1,0\n10,0,0\n' >"$T/bin.csv"
run stats alpha "$T/bin.csv" --level nominal --bootstrap 0 --json
expect_json alpha 0.095 0.001 "binary alpha matches Krippendorff (1980)"
expect_json d_o 0.400 0.001 "binary D_o matches"
expect_json d_e 0.442 0.001 "binary D_e matches"

# Every row of Newcombe (1998) Table I.
tail -n +2 "$D/proportion/newcombe1998_tableI.csv" | while IFS=, read -r x n conf method lo hi dec rest; do
	case $method in
	wilson) m=wilson ;; wilson_cc) m=wilson-cc ;; clopper_pearson) m=exact ;; mid_p) m=midp ;;
	esac
	"$CAIRN" stats proportion "$x" "$n" --method "$m" --level "$conf" --json >"$T/out" || echo FAIL
	near "$(jget lower)" "$lo" 5e-5 && near "$(jget upper)" "$hi" 5e-5 &&
	    [ "$(jget method)" = "$m" ] || echo "FAIL $x/$n $m"
	echo "$x" >>"$T/newcombe.rows"
done >"$T/newcombe.out"
[ ! -s "$T/newcombe.out" ] && [ "$(wc -l <"$T/newcombe.rows")" -eq 16 ]
ok $? "every row of Newcombe (1998) Table I to 4 decimals $(cat "$T/newcombe.out")"
# The cases of issue 19 where GSL's beta inverse aborted (exit 134), against R's binom.test.
grep -E '^(5,2000,0.9|10,5000,0.95|5000,10000,0.95|99999,100000,0.9|12345,100000,0.99|7,1000000,0.95),' \
    "$D/proportion/binom_exact_R.csv" | while IFS=, read -r x n conf lo hi; do
	"$CAIRN" stats proportion "$x" "$n" --method exact --level "$conf" --json >"$T/out" 2>&1 ||
	    echo "FAIL $x/$n exit $?"
	near "$(jget lower)" "$lo" "$(awk -v v="$lo" 'BEGIN { print v * 1e-10 + 1e-300 }')" &&
	    near "$(jget upper)" "$hi" "$(awk -v v="$hi" 'BEGIN { print v * 1e-10 }')" ||
	    echo "FAIL $x/$n at $conf: $(cat "$T/out")"
	echo "$x" >>"$T/exact.rows"
done >"$T/exact.out"
[ ! -s "$T/exact.out" ] && [ "$(wc -l <"$T/exact.rows")" -eq 6 ]
ok $? "exact interval: issue 19's aborting cases match R's binom.test to 1e-10 $(cat "$T/exact.out")"
run stats proportion 81 263 --json
expect_keys "proportion --json has estimate, lower, upper, method" estimate lower upper method

# Every row of Krejcie & Morgan (1970) Table 1.
tail -n +2 "$D/sampling/krejcie_morgan1970_table1.csv" | tr -d '\r' | while IFS=, read -r n s; do
	got=$("$CAIRN" sample size --population "$n" --margin 0.05 --krejcie-morgan)
	case $got in "$s "*) ;; *) echo "N=$n: want $s, got $got" ;; esac
	echo "$n" >>"$T/km.rows"
done >"$T/km.out"
[ ! -s "$T/km.out" ] && [ "$(wc -l <"$T/km.rows")" -eq 90 ]
ok $? "every row of Krejcie & Morgan (1970) Table 1 $(head -3 "$T/km.out")"
run sample size --population 1000 --json
expect_rc 0 "sample size --json"
expect_json size 88 0 "default margin 0.1 at N=1000 gives 88"
# Issue 19: rounded up by default (Cochran), so N = 10 at margin 0.1 needs all 10, where Krejcie &
# Morgan's nearest whole number (9) achieves only 0.109.
run sample size --population 10 --json
expect_json size 10 0 "N=10, margin 0.1: 10 by default (rounded up)"
run sample size --population 10 --krejcie-morgan --json
expect_json size 9 0 "N=10, margin 0.1: 9 with --krejcie-morgan"
expect_json achieved_margin 0.10888 0.00001 "and --krejcie-morgan's 9 achieves only 0.109"

# Bad input: one line, the right exit code.
printf 'unit,a,b\n1,2,3\n2,4\n' >"$T/ragged.csv"
run stats kappa "$T/ragged.csv"
expect_rc 65 "a ragged CSV is bad data"
one_line_err "one line for a ragged CSV"
expect_err "line 3" "the ragged row's line is named"
printf 'unit,a,b\n1,2,3\n2,4,x\n' >"$T/nonnum.csv"
run stats kappa "$T/nonnum.csv"
expect_rc 65 "a non-numeric rating is bad data"
one_line_err "one line for a non-numeric rating"
expect_err "line 3, column 3" "line and column are named"
run stats kappa "$T/r23.csv" --wieghts linear
expect_rc 64 "an unknown option is a usage error"
one_line_err "one line for an unknown option"
run stats kappa "$T/r23.csv" --weights cubic
expect_rc 64 "an unknown weighting is a usage error"
expect_err "none, linear, quadratic" "valid weightings are listed"
run stats kappa "$T/missing.csv"
expect_rc 66 "a missing file is exit 66"
one_line_err "one line for a missing file"
run stats kappa "$A/irr_anxiety.csv"
expect_rc 65 "kappa refuses three raters"
expect_err "exactly 2" "and says why"
run stats alpha "$E2"
expect_rc 64 "alpha needs --level"
run stats alpha "$E2" --level nominal --raters-in diagonal
expect_rc 64 "--raters-in takes rows or columns"
run stats proportion 5 3
expect_rc 64 "X > N is refused"
one_line_err "one line for X > N"
run stats proportion 1.5 10 --method exact
expect_rc 64 "the exact interval needs whole numbers"
run sample size --margin 0.05
expect_rc 64 "sample size needs --population"
run sample size --population 100 --margin 2
expect_rc 64 "a margin above 1 is refused"
run stats
expect_rc 64 "stats without a sub-command is a usage error"
run stats kappa --help
expect_rc 0 "--help"
expect_out "irr::kappa2" "help names the convention"

done_testing
