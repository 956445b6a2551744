#!/bin/sh
# cairn stats agreement FILE...: every item's kappa, weighted kappa and
# alpha in one run.  Checked against the published values the single
# statistics are checked against (tests/reference/stats/agreement), against
# the single-item commands' own output (the same numbers, interval
# included), across thread counts, and on bad input.
. "$LIB"
D="${CAIRN_TESTDATA:-$SRCDIR/tests/reference}/stats"
A="$D/agreement"

# check EXPR DESCRIPTION: a Python expression over the JSON on stdout (j) holds.
check() {
	r=$(json "$1" 2>&1)
	[ "$r" = True ]
	s=$?
	[ $s -eq 0 ] || echo "# $1 -> $r"
	ok $s "$2"
}

# Two-rater files cut from irr's anxiety data; Krippendorff's (1980) binary
# example as pairs.
cut -d, -f1,3,4 "$A/irr_anxiety.csv" >"$T/r23.csv"
cut -d, -f1,2,3 "$A/irr_anxiety.csv" >"$T/r12.csv"
cut -d, -f1,2,4 "$A/irr_anxiety.csv" >"$T/r13.csv"
printf 'unit,a,b\n1,0,0\n2,1,1\n3,0,1\n4,0,0\n5,0,0\n6,0,1\n7,0,0\n8,0,1\n9,1,0\n10,0,0\n' >"$T/bin.csv"
# 3,000 double-read records on a six-point scale (few patterns: the
# multinomial bootstrap), from a fixed LCG.
awk 'BEGIN { x = 12345; print "record,r1,r2";
	for (i = 1; i <= 3000; i++) { x = (x * 1103515245 + 12345) % 2147483648; a = 1 + int(x / 65536) % 6;
		s = int(x / 8) % 8; b = a + (s == 0 ? -1 : s == 1 ? 1 : 0); if (b < 1) b = 1; if (b > 6) b = 6;
		print "R" i "," a "," b } }' >"$T/big.csv"

run stats agreement "$T/r23.csv" "$T/r12.csv" "$T/r13.csv" "$T/big.csv" --json
expect_rc 0 "agreement runs over four items"
check '[i["file"].rsplit("/", 1)[1] for i in j["items"]] == ["r23.csv", "r12.csv", "r13.csv", "big.csv"]' \
	"one result per item, in the order given"
check 'j["weights"] == "quadratic" and j["level"] == "ordinal" and j["bootstrap"]["reps"] == 1000 and j["bootstrap"]["seed"] == 1' \
	"defaults: quadratic weights, ordinal alpha, 1000 replicates, seed 1"
# irr::kappa2 on raters 2 and 3, published to 7 significant figures.
check 'abs(j["items"][0]["kappa"]["kappa"] - -0.006289308) < 5e-10 and abs(j["items"][0]["kappa"]["z"] - -0.0604067) < 5e-8' \
	"item 1 unweighted kappa and z match irr"
check 'abs(j["items"][0]["weighted_kappa"]["kappa"] - 0.2520325) < 5e-8 and abs(j["items"][0]["weighted_kappa"]["p"] - 0.1505898) < 5e-8' \
	"item 1 quadratic kappa and p match irr"
check 'all(i["n"] == 20 for i in j["items"][:3]) and j["items"][3]["n"] == 3000' "n per item"
check 'j["items"][3]["alpha"]["draw"] == "multinomial" and j["items"][0]["alpha"]["draw"] == "units"' \
	"3,000 units in few patterns: multinomial draw; 20 units: unit draws"
check 'all(i["alpha"]["ci_low"] < i["alpha"]["alpha"] < i["alpha"]["ci_high"] for i in j["items"])' \
	"every alpha inside its interval"
cp "$T/out" "$T/all.json"

run stats agreement "$T/r23.csv" --weights linear --json
check 'abs(j["items"][0]["weighted_kappa"]["kappa"] - 0.1459075) < 5e-8 and abs(j["items"][0]["weighted_kappa"]["z"] - 1.282472) < 5e-7' \
	"--weights linear matches irr's equal weights"
run stats agreement "$T/bin.csv" --level nominal --bootstrap 0 --json
check 'abs(j["items"][0]["alpha"]["alpha"] - 0.095) < 0.001 and abs(j["items"][0]["alpha"]["d_o"] - 0.400) < 0.001 and abs(j["items"][0]["alpha"]["d_e"] - 0.442) < 0.001' \
	"nominal alpha, D_o, D_e match Krippendorff (1980)"
check '"ci_low" not in j["items"][0]["alpha"] and "bootstrap" not in j' "--bootstrap 0: no interval"

# Each item's numbers are exactly the single-item commands' numbers.
i=0
for f in r23 r12 r13 big; do
	"$CAIRN" stats kappa "$T/$f.csv" --json >"$T/$f.k.json"
	"$CAIRN" stats kappa "$T/$f.csv" --weights quadratic --json >"$T/$f.w.json"
	"$CAIRN" stats alpha "$T/$f.csv" --level ordinal --seed 1 --json >"$T/$f.a.json"
	python3 - "$T/all.json" "$i" "$T/$f" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))["items"][int(sys.argv[2])]
k, w, a = (json.load(open(sys.argv[3] + s)) for s in (".k.json", ".w.json", ".a.json"))
keys = ("kappa", "se", "z", "p", "ci_low", "ci_high", "n", "se0", "p_o", "p_e")
bad = [x for x in keys if j["kappa"][x] != k[x]] + [x for x in keys if j["weighted_kappa"][x] != w[x]]
bad += [x for x in ("alpha", "d_o", "d_e", "n_pairable", "units", "ci_low", "ci_high") if j["alpha"][x] != a[x]]
bad += [] if j["alpha"]["draw"] == a["bootstrap"]["draw"] else ["draw"]
print("# differs: " + " ".join(bad)) if bad else None
sys.exit(1 if bad else 0)
PY
	ok $? "$f: kappa, weighted kappa, alpha and its interval equal the single-item commands'"
	i=$((i + 1))
done

# The thread count does not change anything.
run stats agreement "$T/r23.csv" "$T/r12.csv" "$T/r13.csv" "$T/big.csv" --json --threads 1
cmp -s "$T/out" "$T/all.json"
ok $? "--threads 1 gives the same output as the default"
run stats agreement "$T/r23.csv" "$T/r12.csv" "$T/r13.csv" "$T/big.csv" --json --threads 3
cmp -s "$T/out" "$T/all.json"
ok $? "--threads 3 gives the same output"
run stats agreement "$T/big.csv" "$T/big.csv" --seed 2 --json
check 'j["items"][0]["alpha"]["ci_low"] == j["items"][1]["alpha"]["ci_low"] and j["bootstrap"]["seed"] == 2' \
	"every item is seeded with --seed"
check 'j["items"][0]["alpha"]["ci_low"] != json.load(open(sys.argv[1].rsplit("/", 1)[0] + "/all.json"))["items"][3]["alpha"]["ci_low"]' \
	"another seed gives another interval"

# Text output: one row per item.
run stats agreement "$T/r23.csv" "$T/big.csv"
expect_rc 0 "text output runs"
expect_out "Agreement of 2 items" "text names the items"
[ "$(grep -c 'csv' "$T/out")" -eq 2 ]
ok $? "text has a row per item"

# Bad input.
printf 'unit,a,b\n1,2,3\n2,4,x\n' >"$T/bad.csv"
run stats agreement "$T/r23.csv" "$T/bad.csv" "$T/nocol.csv"
expect_rc 65 "a bad rating: exit 65"
expect_err "bad.csv: line 3, column 3: 'x' is not a number" "the error names the file, line and column"
one_line_err "one line on stderr"
printf 'unit,a,b,c\n1,2,3,4\n' >"$T/three.csv"
run stats agreement "$T/r23.csv" "$T/three.csv"
expect_rc 65 "three rater columns: exit 65"
expect_err "three.csv has 3 rater columns" "names the file and its columns"
printf 'unit,a,b\n1,2,2\n2,2,2\n' >"$T/same.csv"
run stats agreement "$T/r23.csv" "$T/same.csv"
expect_rc 65 "an undefined statistic: exit 65"
expect_err "same.csv: unweighted kappa:" "names the file and the statistic"
run stats agreement "$T/missing.csv"
expect_rc 66 "a missing file: exit 66"
run stats agreement "$T/r23.csv" --bogus 1
expect_rc 64 "unknown option: exit 64"
expect_err "valid: --weights, --levels, --scale, --level, --bootstrap, --seed, --confidence, --threads" "names the valid options"
run stats agreement "$T/r23.csv" --weights none
expect_rc 64 "--weights none: exit 64"
expect_err "valid: linear, quadratic" "names the valid weights"
run stats agreement "$T/r23.csv" --level cardinal
expect_rc 64 "--level cardinal: exit 64"
run stats agreement "$T/r23.csv" --bootstrap 1
expect_rc 64 "--bootstrap 1: exit 64"
run stats agreement "$T/r23.csv" --threads 0
expect_rc 64 "--threads 0: exit 64"
run stats agreement
expect_rc 64 "no file: exit 64"
run stats agreement --help
expect_rc 0 "--help"
expect_out "FILE..." "--help shows the usage"

done_testing
