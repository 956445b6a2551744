# Sample draw, list and replace: allocation, reproducibility, refusals.
. "$LIB"

run init
ID=$("$CAIRN" inspection create --partnership Testshire --framework cyp-2014)
python3 -c "
print('ref,category,sex')
cats=['CP-investigation']*30+['CP-register']*50+['LAC-home']*40+['LAC-away']*70+['vulnerable']*10
for i,c in enumerate(cats): print('C%04d,%s,%s' % (i+1, c, 'FM'[i % 2]))" >"$T/pop.csv"
run population import "$ID" "$T/pop.csv"
expect_rc 0 "population imported"

# Refusals before anything is stored.
run sample draw "$ID" --size 201 --strata category --seed 1
expect_rc 65 "sample larger than the population: exit 65"
expect_err "a sample of 201 is larger than the population of 200 children (--size)" "says so, naming the flag"
one_line_err "one line"
run sample draw "$ID" --size 50 --strata category,locality --seed 1
expect_rc 65 "unknown stratum column: exit 65"
expect_err "unknown stratum column 'locality'; the population's columns are: category, sex" "lists the valid columns"
one_line_err "one line"
run sample draw "$ID" --size 20 --strata category --seed 1 --min-per-stratum 5
expect_rc 65 "impossible minimum: exit 65"
expect_err "impossible minimum" "says the minimum is impossible"
run sample draw "$ID" --size 20 --strata category
expect_rc 64 "missing seed: exit 64"
expect_err "the seed is required: a whole number from 0 (--seed)" "says the seed is required, naming the flag"
run sample draw "$ID" --size ten --strata category --seed 1
expect_rc 64 "size not a number: exit 64"
expect_err "the sample size 'ten' is not a whole number from 1 to 1000000000 (--size)" "says the size is not a number, naming the flag"
run sample draw "$ID" --size 20 --strata category --seed 1 --min-per-stratum x
expect_rc 64 "minimum not a number: exit 64"
expect_err "the minimum per stratum 'x' is not a whole number from 0 to 1000000000 (--min-per-stratum)" "names the flag the table maps min-per to"
run sample list "$ID"
expect_rc 65 "nothing stored by the refused draws"

# Proportional allocation by largest remainder with a minimum of 8:
# vulnerable 10 -> 8 (minimum); the other 92 over 190 children:
# 14.53, 24.21, 33.89, 19.37 -> 14, 24, 33, 19 + the two largest remainders.
run sample draw "$ID" --size 100 --strata category --seed 42 --min-per-stratum 8 --reserve 2 --double-read 10 --json
expect_rc 0 "sample drawn"
cp "$T/out" "$T/draw1.json"
[ "$(json '[s["allocated"] for s in j["strata"]]')" = "[15, 24, 34, 19, 8]" ]; ok $? "allocation 15, 24, 34, 19, 8"
[ "$(json '[s["population"] for s in j["strata"]]')" = "[30, 50, 70, 40, 10]" ]; ok $? "strata populations"
[ "$(json 'j["strata"][0]["key"]["category"]')" = "CP-investigation" ]; ok $? "stratum key is an object"
[ "$(json 'sum(1 for m in j["members"] if not m["reserve"])')" = 100 ]; ok $? "100 selected"
[ "$(json 'sum(1 for m in j["members"] if m["reserve"])')" = 10 ]; ok $? "2 reserves in each of 5 strata"
[ "$(json 'sum(1 for m in j["members"] if m["double_read"])')" = 10 ]; ok $? "10% marked for double reading"
[ "$(json 'len(set(m["ref"] for m in j["members"]))')" = 110 ]; ok $? "no child drawn twice"
[ "$(json 'all(m["ref"] >= "C0191" for m in j["members"] if m["stratum"] == 4)')" = True ]; ok $? "members come from their own stratum"

# The same population, options and seed give the same sample.
CAIRN_DB="$T/other.db" "$CAIRN" init >/dev/null
ID2=$(CAIRN_DB="$T/other.db" "$CAIRN" inspection create --partnership Other --framework cyp-2014)
CAIRN_DB="$T/other.db" "$CAIRN" population import "$ID2" "$T/pop.csv" >/dev/null
CAIRN_DB="$T/other.db" "$CAIRN" sample draw "$ID2" --size 100 --strata category --seed 42 --min-per-stratum 8 --reserve 2 --double-read 10 --json >"$T/draw2.json"
cmp -s "$T/draw1.json" "$T/draw2.json"; ok $? "same seed, same sample"
CAIRN_DB="$T/other.db" "$CAIRN" inspection create --partnership Third --framework cyp-2014 >/dev/null
CAIRN_DB="$T/other.db" "$CAIRN" population import 2 "$T/pop.csv" >/dev/null
CAIRN_DB="$T/other.db" "$CAIRN" sample draw 2 --size 100 --strata category --seed 43 --min-per-stratum 8 --json >"$T/draw3.json"
! cmp -s "$T/draw1.json" "$T/draw3.json"; ok $? "another seed, another sample"

run sample draw "$ID" --size 100 --strata category --seed 42
expect_rc 65 "a second draw is refused"
run population import "$ID" "$T/pop.csv"
expect_rc 65 "re-import after a sample: exit 65"
expect_err "can no longer be replaced" "says why"

run sample list "$ID" --json
[ "$(json 'j["population_checksum"] != "" and j["seed"]')" = 42 ]; ok $? "seed and checksum stored"
FIRST=$(json '[m["ref"] for m in j["members"] if m["stratum"] == 4 and not m["reserve"]][0]')
RES=$(json '[m["ref"] for m in j["members"] if m["stratum"] == 4 and m["reserve"]][0]')
run sample replace "$ID" "$FIRST" --reason "records could not be found"
expect_rc 0 "replace"
expect_out "$FIRST replaced by $RES" "takes the first reserve of the same stratum"
run sample list "$ID" --csv
expect_out "$FIRST,4,\"{\"\"category\"\":\"\"vulnerable\"\"}\",0,0,replaced,$RES,records could not be found" "replacement recorded with its reason"
run sample replace "$ID" "$FIRST" --reason again
expect_rc 65 "replacing twice is refused"
run sample replace "$ID" NOPE --reason x
expect_rc 65 "record not in the sample: exit 65"
expect_err "'NOPE' is not in the sample" "names the record"
run sample replace "$ID" "$RES"
expect_rc 64 "a reason is required"
run audit list --json
grep -q '"sample.replace"' "$T/out"; ok $? "replacement audited"
grep -q '"sample.export"' "$T/out"; ok $? "the export of the sample list is audited"

# Allocation end to end against the published Hare-Niemeyer example
# (de.wikipedia, via polettif/proporz tests): 216, 310, 22, 32 -> 60 gives 23, 32, 2, 3.
CAIRN_DB="$T/hn.db" "$CAIRN" init >/dev/null
ID3=$(CAIRN_DB="$T/hn.db" "$CAIRN" inspection create --partnership HN --framework cyp-2014)
python3 -c "
print('ref,party')
n = 0
for p, k in (('a', 216), ('b', 310), ('c', 22), ('d', 32)):
    for i in range(k):
        n += 1
        print('R%d,%s' % (n, p))" >"$T/hn.csv"
CAIRN_DB="$T/hn.db" "$CAIRN" population import "$ID3" "$T/hn.csv" >/dev/null
CAIRN_DB="$T/hn.db" "$CAIRN" sample draw "$ID3" --size 60 --strata party --seed 1 --json >"$T/out"
[ "$(json '[s["allocated"] for s in j["strata"]]')" = "[23, 32, 2, 3]" ]; ok $? "largest remainder as published: 23, 32, 2, 3"

done_testing
