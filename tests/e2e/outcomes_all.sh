#!/bin/sh
# End-to-end: the child-level fast path and `outcomes gap --all`.  The
# aggregates are checked against counts made here with awk; every SII of
# --all equals the one `outcomes gap` gives for that area alone.
. "$LIB"

"$CAIRN" init >/dev/null
printf 'code,title,measure,polarity\ni1,One,proportion,higher-worse\ni2,Two,rate per 1000,higher-worse\n' >"$T/meta.csv"
awk 'BEGIN { print "area_code,area_name,period,group,i1,i2";
	for (i = 0; i < 6000; i++) {
		a = i % 3; g = 1 + (i % 13) % 5; p = 2018 + (i % 4);
		e = ((i * 7919) % 100) < (10 + 6 * (5 - g)) ? 1 : 0;
		c = (i % 11 == 0) ? "" : (((i * 31) % 97) < 30 ? 1 : 0);
		printf "S1200000%d,Area %d,%d,%d,%d,%s\n", a, a, p, g, e, c } }' >"$T/child.csv"

run outcomes import "$T/child.csv" --child-level --indicators "$T/meta.csv" --q1 most-deprived --simd 2020 --json
expect_rc 0 "plain child-level file imported"
[ "$(json 'j["reader"] + " " + str(j["rows"]) + " " + str(j["cells"])')" = "fast 6000 120" ]
ok $? "read by the fast path: 6000 rows, 3 areas x 4 periods x 5 groups x 2 indicators = 120 cells"

EXP=$(awk -F, 'NR > 1 && $1 == "S12000002" && $3 == 2020 && $4 == 4 && $6 != "" { n++; s += $6 } END { print s "/" n }' "$T/child.csv")
run outcomes gap --all --reps 0 --json
expect_rc 0 "gap --all"
[ "$(json 'j["count"]')" = 6 ]
ok $? "gap --all: 2 indicators x 3 areas"
GOT=$(json '[g for g in j["gaps"] if g["indicator"]["code"] == "i2" and g["area"]["area_code"] == "S12000002"][0]["area"]["periods"][2]["values"][3]' | python3 -c "import ast,sys; v=ast.literal_eval(sys.stdin.read()); print('%d/%d' % (v['numerator'], v['denominator']))")
[ "$GOT" = "$EXP" ]
ok $? "i2, S12000002, 2020, group 4: $GOT as counted by awk ($EXP)"
cp "$T/out" "$T/all.json"
same=0
for ind in i1 i2; do
	for a in S12000000 S12000001 S12000002; do
		run outcomes gap --indicator $ind --area $a --reps 0 --json
		python3 - "$T/all.json" "$T/out" $ind $a <<'PY' || same=1
import json, sys
allj = json.load(open(sys.argv[1]))
one = json.load(open(sys.argv[2]))
g = [x for x in allj["gaps"] if x["indicator"]["code"] == sys.argv[3] and x["area"]["area_code"] == sys.argv[4]]
assert len(g) == 1 and g[0] == one, (sys.argv[3], sys.argv[4])
PY
	done
done
ok $same "every gap of --all is exactly the single-area gap"

run outcomes gap --all --indicator i1 --reps 0 --json
[ "$(json 'j["count"], sorted(set(g["indicator"]["code"] for g in j["gaps"]))')" = "3 ['i1']" ]
ok $? "gap --all --indicator i1: the three areas of i1 only"
run outcomes gap --all --area S12000000
expect_rc 64 "gap --all with --area is a usage error"
one_line_err "one-line usage error"
run outcomes gap --all --indicator nope
expect_rc 65 "gap --all with an unknown indicator"
expect_err "indicator 'nope' is not known" "the unknown indicator named"
run outcomes gap --area S12000000
expect_rc 64 "gap without --indicator or --all"

# A file with a quoted cell takes the general reader; errors are the same as ever.
{ head -1 "$T/child.csv"; echo 'S12000000,"Area 0",2018,1,1,0'; } >"$T/quoted.csv"
run outcomes import "$T/quoted.csv" --child-level --q1 most-deprived --simd 2020 --json
expect_rc 0 "quoted child-level file imported"
expect_out '"reader": "general"' "read by the general reader"
{ head -1 "$T/child.csv"; echo 'S12000000,Area 0,2018,7x,1,0'; } >"$T/bad.csv"
run outcomes import "$T/bad.csv" --child-level --q1 most-deprived --simd 2020
expect_rc 65 "bad group: nothing imported"
expect_err "line 2, column 4: group '7x' is not a deprivation group" "error with line and column"

done_testing
