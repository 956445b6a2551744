"""Builds the readings of tests/e2e/readings.sh from a sample (sample list
--json) and the published irr 'anxiety' ratings: the 20 double-read records'
child-plan answers are rater2 (first reading) and rater3 (second reading),
so that agreement can be checked against R irr::kappa2's published output.
Writes readings.csv and expected.json (counts known by construction)."""
import csv, json, sys

sample, anxiety, outdir = sys.argv[1], sys.argv[2], sys.argv[3]
j = json.load(open(sample))
rows = list(csv.DictReader(open(anxiety)))
r2 = [int(r["rater2"]) for r in rows]
r3 = [int(r["rater3"]) for r in rows]
sel = [m for m in j["members"] if not m["reserve"]]
double = [m for m in sel if m["double_read"]]
single = [m for m in sel if not m["double_read"]]
assert len(double) == 20 and len(single) == 80
items = ["risk-assessment", "child-views", "family-involvement", "wellbeing-impact"]
out = [("ref", "reader", "item", "answer", "note", "agency")]
plan = {}
# Single reads: child-plan good (5) for the first 60, weak (2) for the rest.
for i, m in enumerate(single):
    plan[m["ref"]] = 5 if i < 60 else 2
for i, m in enumerate(double):
    plan[m["ref"]] = r2[i]
for m in sel:
    for it in items:
        out.append((m["ref"], "Cat", it, "4", "", ""))
    out.append((m["ref"], "Cat", "child-plan", str(plan[m["ref"]]), "", ""))
    out.append((m["ref"], "Cat", "wellbeing-change", "improved", "", ""))
for i, m in enumerate(double):
    for it in items:
        out.append((m["ref"], "Dan", it, "good", "", ""))
    out.append((m["ref"], "Dan", "child-plan", str(r3[i]), "", ""))
    out.append((m["ref"], "Dan", "wellbeing-change", "Improved", "", ""))
# initial-response for social work on 29 single reads: 1 good or better
# (Newcombe 1998 Table I, 1/29).
for i, m in enumerate(single[:29]):
    out.append((m["ref"], "Cat", "initial-response", "5" if i == 0 else "2", "", "social-work"))
with open(outdir + "/readings.csv", "w", newline="") as f:
    csv.writer(f).writerows(out)
# Expected child-plan results, computed from the design.
key = {m["ref"]: m["stratum"] for m in sel}
strata = j["strata"]
x = sum(1 for m in sel if plan[m["ref"]] >= 4)
est, var = 0.0, 0.0
N = sum(s["population"] for s in strata)
for h, s in enumerate(strata):
    refs = [m["ref"] for m in sel if key[m["ref"]] == h]
    n_h = len(refs)
    p_h = sum(1 for r in refs if plan[r] >= 4) / n_h
    W = s["population"] / N
    est += W * p_h
    var += W * W * (1 - n_h / s["population"]) * p_h * (1 - p_h) / (n_h - 1)
diffs = sum(1 for a, b in zip(r2, r3) if a != b)
json.dump({"child_plan_x": x, "strat_est": est, "strat_se": var ** 0.5, "diffs": diffs,
           "double": [m["ref"] for m in double], "single": [m["ref"] for m in single]},
          open(outdir + "/expected.json", "w"))
