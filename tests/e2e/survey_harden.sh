# Surveys (issues 18 and 19): a share that would reveal a small number
# agreeing or not is withheld with its counts from every output; groups
# differ where Newcombe's interval for the difference leaves out 0, with
# a Bonferroni adjustment on request.
. "$LIB"
REF="$SRCDIR/tests/reference/stats/proportion/prop_diff_R.csv"

run init
ID=$("$CAIRN" inspection create --partnership Glenmore --framework cyp-2014)

# ---- 7 responded, 6 agree: "85.7% agree" would tell that one did not ----
python3 - "$T/seven.csv" <<'PY'
import sys
labels = ["Agree"] * 6 + ["Disagree"]
with open(sys.argv[1], "w") as f:
    f.write("id,Team,Answer\n")
    for i, l in enumerate(labels):
        f.write("%d,A,%s\n" % (i + 1, l))
PY
run survey create "$ID" --name seven --kind staff --scale agree5; expect_rc 0 "a survey"
run survey import "$ID" seven "$T/seven.csv" --attribute-columns Team; expect_rc 0 "7 answers"
run survey summary "$ID" seven --json; expect_rc 0 "summary as JSON"
cp "$T/out" "$T/seven.json"
[ "$(json 'j["statements"][0]["overall"]["responses"]')" = 7 ]; ok $? "the 7 responses are shown"
[ "$(json 'j["statements"][0]["overall"]["share"]')" = None ]; ok $? "no share"
[ "$(json 'sorted(k for k in ("agree", "base", "distribution") if k in j["statements"][0]["overall"])')" = "[]" ]
ok $? "neither agree, base nor the distribution is in the JSON"
run survey summary "$ID" seven --by Team --json
[ "$(json '[k for c in j["statements"][0]["groups"] for k in ("agree", "base", "distribution", "share") if c.get(k) is not None]')" = "[]" ]
ok $? "nor in a group's cell"
run survey summary "$ID" seven --chart "$T/seven.svg"
expect_rc 0 "text and chart"
! grep -q "85.7\|86%\|6 of 7\|Agree 6" "$T/out" "$T/seven.svg"; ok $? "no output says 85.7%, 86% or 6 of 7"
grep -q "share withheld" "$T/out"; ok $? "the text says the share is withheld"

# ---- issue 19: Social work 25 of 28, Health 25 of 38, Education 30 of 40 ----
python3 - "$T/groups.csv" <<'PY'
import sys
rows = [("Social work", 25, 28), ("Health", 25, 38), ("Education", 30, 40)]
with open(sys.argv[1], "w") as f:
    f.write("id,Agency,Answer\n")
    k = 0
    for g, a, n in rows:
        for i in range(n):
            k += 1
            f.write("%d,%s,%s\n" % (k, g, "Agree" if i < a else "Disagree"))
PY
run publication set --inspection "$ID" --threshold 3; expect_rc 0 "threshold 3 (Social work's 3 not agreeing may be shown)"
run survey create "$ID" --name staff --kind staff --scale agree5
run survey import "$ID" staff "$T/groups.csv" --attribute-columns Agency; expect_rc 0 "106 answers"
run survey summary "$ID" staff --by Agency --json; expect_rc 0 "by agency"
cp "$T/out" "$T/by.json"
python3 - "$T/by.json" "$REF" <<'PY'
import csv, json, sys
j = json.load(open(sys.argv[1]))
st = j["statements"][0]
ref = [r for r in csv.reader(open(sys.argv[2])) if r and r[0][:1].isdigit()]
want = [r for r in ref if r[:4] == ["25", "28", "25", "38"] and abs(float(r[4]) - 0.95) < 1e-12][0]
p = [p for p in st["pairs"] if {p["a"], p["b"]} == {"Social work", "Health"}][0]
sign = 1 if p["a"] == "Social work" else -1
ok = abs(sign * p["difference"] - float(want[5])) < 1e-9 and \
    abs((p["lower"] if sign > 0 else -p["upper"]) - float(want[6])) < 1e-9 and \
    abs((p["upper"] if sign > 0 else -p["lower"]) - float(want[7])) < 1e-9
ok = ok and round(float(want[6]), 3) == 0.025 and round(float(want[7]), 3) == 0.409
ok = ok and {"higher": "Social work", "lower": "Health"} in \
    [{"higher": d["higher"], "lower": d["lower"]} for d in st["differences"]]
ok = ok and j["comparison"]["comparisons"] == 3 and j["comparison"]["adjustment"] == "none"
sys.exit(0 if ok else 1)
PY
ok $? "Social work against Health: Newcombe's 0.025 to 0.409 (R), flagged although the intervals overlap"
run survey summary "$ID" staff --by Agency --adjust bonferroni --json
expect_rc 0 "with the Bonferroni adjustment"
[ "$(json 'len(j["statements"][0]["differences"])')" = 0 ]; ok $? "adjusted for 3 comparisons, no difference is flagged"
[ "$(json 'round(j["comparison"]["level"], 6)')" = "0.983333" ]; ok $? "at the 98.3% level"
run survey summary "$ID" staff --by Agency
grep -q "Social work higher than Health by 23.5 points (95.0% interval 2.5 to 40.9)" "$T/out"
ok $? "the text gives the difference with its interval"
grep -q "3 comparisons" "$T/out"; ok $? "and says how many comparisons were made"
run survey summary "$ID" staff --by Agency --adjust holm
expect_rc 64 "an unknown adjustment is refused"

done_testing
