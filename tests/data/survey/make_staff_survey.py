#!/usr/bin/env python3
"""Writes the fictional demo staff survey used by the tests and the guide:
tests/data/survey/staff-glenmore.csv (responses as exported from an online
survey tool, one row per respondent) and staff-items.json (its statements
mapped to cyp-2014 quality indicators).  Glenmore is a fictional
partnership; every response is made up.  Seeded, so the file is the same
on every run: python3 tests/data/survey/make_staff_survey.py OUTDIR
"""
import csv
import json
import os
import random
import sys

STATEMENTS = [
    ("S01", "I am confident that children and young people at risk of harm are identified quickly", ["5.2"]),
    ("S02", "Children and young people get the help they need when they need it", ["5.1", "2.1"]),
    ("S03", "Plans for children and young people are of a good quality", ["5.3"]),
    ("S04", "Children, young people and families are involved in decisions that affect them", ["5.4", "6.3"]),
    ("S05", "Information is shared appropriately between agencies", ["6.1", "7.1"]),
    ("S06", "I have access to the training I need to do my job well", ["7.2", "4.1"]),
    ("S07", "Senior leaders communicate a clear vision for children's services", ["9.1", "9.2"]),
    ("S08", "Partners work well together to improve outcomes for children", ["9.4", "7.1"]),
    ("S09", "Self-evaluation leads to improvements in services", ["8.3", "6.4"]),
    ("S10", "I feel valued and supported by my managers", ["9.3", "4.1"]),
]
LEVELS = ["Strongly agree", "Agree", "Neither agree nor disagree", "Disagree",
          "Strongly disagree", "Don't know"]
# Agencies with their size and how positive their staff are (fictional).
AGENCIES = [("Social work", 96, 0.80), ("Health", 74, 0.70), ("Education", 58, 0.62),
            ("Police", 4, 0.75), ("Third sector", 9, 0.70)]
SERVICES = {"Social work": ["Children and families", "Criminal justice", "Residential"],
            "Health": ["Health visiting", "School nursing", "CAMHS"],
            "Education": ["Primary", "Secondary", "Early years"],
            "Police": ["Public protection unit"],
            "Third sector": ["Family support"]}
ROLES = ["Practitioner", "Practitioner", "Practitioner", "First-line manager", "Middle manager",
         "Senior manager"]
WORKING = ["Joint training with health colleagues has helped.",
           "The new referral pathway is much quicker than before.",
           "Good relationships with the school nurse team.",
           "Team around the child meetings work well.", ""]
IMPROVE = ["Caseloads are too high to do the work properly.",
           "We rarely hear back after making a referral.",
           "IT systems do not talk to each other.",
           "More time to see families, less time on paperwork.", "", ""]
# Some spellings seen in real exports: any case, curly apostrophes.
VARIANTS = {"Strongly agree": ["Strongly agree", "strongly agree", "STRONGLY AGREE"],
            "Agree": ["Agree", "agree"],
            "Don't know": ["Don't know", "Don\u2019t know", "don't know"]}


def answer(rng, p):
    r = rng.random()
    if r < 0.06:
        return ""  # not answered
    if r < 0.13:
        level = "Don't know"
    elif rng.random() < p:
        level = "Strongly agree" if rng.random() < 0.35 else "Agree"
    else:
        level = rng.choice(["Neither agree nor disagree", "Disagree", "Disagree",
                            "Strongly disagree"])
    return rng.choice(VARIANTS.get(level, [level]))


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    rng = random.Random(20160425)
    rows = []
    n = 0
    for agency, size, p in AGENCIES:
        for _ in range(size):
            n += 1
            rid = f"R{1000 + n * 7}"
            when = f"2016-05-{1 + rng.randrange(20):02d} {9 + rng.randrange(8):02d}:{rng.randrange(60):02d}:00"
            row = [rid, when, "3", "en", agency, rng.choice(SERVICES[agency]), rng.choice(ROLES)]
            row += [answer(rng, p) for _ in STATEMENTS]
            row += [rng.choice(WORKING), rng.choice(IMPROVE)]
            rows.append(row)
    rng.shuffle(rows)
    header = ["Response ID", "Date submitted", "Last page", "Start language", "Agency",
              "Service", "Role"] + [s[1] for s in STATEMENTS] + [
              "What is working well?", "What could be improved?"]
    with open(os.path.join(out, "staff-glenmore.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(header)
        w.writerows(rows)
    items = {"statements": [{"code": c, "text": t, "qis": q} for c, t, q in STATEMENTS],
             "attributes": ["Agency", "Service", "Role"]}
    with open(os.path.join(out, "staff-items.json"), "w", encoding="utf-8") as f:
        json.dump(items, f, indent=2, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
