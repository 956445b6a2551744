#!/usr/bin/env python3
"""Ten years of a national programme in one database (issue 22).

32 partnerships, each inspected every three years from 2017 to 2026 (about 107
inspections), the earlier ones on earlier packs of the programme's model
(care-protection-2018 until 2020, at-risk-2021 until 2023, cso-2025 since),
each at the size of a large inspection (bench/largegen.py: 50,000 children,
600 sampled and read, 25,000 evidence items, a grade for every evaluated
indicator, 100,000 audit entries, and its three surveys: staff, children and
young people, parents and carers, at the response counts of a large
partnership, through `cairn survey create` and `cairn survey import`), and
the outcome indicators of all 32 areas over ten periods from one
child-level file of 1,000,000 rows (`cairn outcomes import --child-level`).
How each part is made (Cairn's own commands and imports, or SQL consistent
with the schema) is said in bench/largegen.py.

Usage: bench/national.py [--db FILE] [--inspections N] [--scale F] CAIRN_BINARY
  --inspections N   stop after N inspections (default: all of the ten years)
  --scale F         multiply the children, evidence, audit and child-level
                    outcome sizes by F (default 1; the sample is 600, or a tenth
                    of a smaller population; the surveys keep their sizes), to
                    try the generator in minutes: --inspections 3 --scale 0.02
Writes bench/work/national.db (ignored by git) and prints what it built.
"""
import argparse
import os
import sqlite3
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import largegen  # noqa: E402

AREAS = ['Aberdeen City', 'Aberdeenshire', 'Angus', 'Argyll and Bute', 'City of Edinburgh',
         'Clackmannanshire', 'Dumfries and Galloway', 'Dundee City', 'East Ayrshire',
         'East Dunbartonshire', 'East Lothian', 'East Renfrewshire', 'Falkirk', 'Fife',
         'Glasgow City', 'Highland', 'Inverclyde', 'Midlothian', 'Moray', 'Na h-Eileanan Siar',
         'North Ayrshire', 'North Lanarkshire', 'Orkney Islands', 'Perth and Kinross',
         'Renfrewshire', 'Scottish Borders', 'Shetland Islands', 'South Ayrshire',
         'South Lanarkshire', 'Stirling', 'West Dunbartonshire', 'West Lothian']


def pack(year):
    """The model pack an inspection of that year used."""
    return 'care-protection-2018' if year <= 2020 else 'at-risk-2021' if year <= 2023 else 'cso-2025'


def plan():
    """(year, partnership) of every inspection: each area every three years,
    the first in 2017, 2018 or 2019 by its place in the list."""
    out = []
    for year in range(2017, 2027):
        for k, area in enumerate(AREAS):
            if (year - 2017 - k % 3) % 3 == 0:
                out.append((year, area))
    return out


def outcomes(cairn, db, rows):
    """The outcome indicators of every area from a child-level file."""
    import run  # noqa: E402  (the suite's deterministic child-level file)
    meta = os.path.join(largegen.WORK, 'outcomes-meta.csv')
    with open(meta, 'w') as f:
        f.write('code,title,measure,polarity\nind1,Indicator 1,proportion,higher-worse\n'
                'ind2,Indicator 2,rate per 1000,higher-worse\nind3,Indicator 3,proportion,none\n'
                'ind4,Indicator 4,proportion,higher-better\n')
    largegen.sh([cairn, '--db', db, 'outcomes', 'import', run.child_csv(rows), '--child-level',
                 '--indicators', meta, '--q1', 'most-deprived', '--simd', '2020'])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--db', default=os.path.join(largegen.WORK, 'national.db'))
    ap.add_argument('--inspections', type=int, default=0)
    ap.add_argument('--scale', type=float, default=1.0)
    ap.add_argument('cairn')
    a = ap.parse_args()
    cairn = os.path.abspath(a.cairn)
    os.makedirs(largegen.WORK, exist_ok=True)
    t0 = time.time()
    largegen.setup_db(cairn, a.db)
    todo = plan()
    if a.inspections:
        todo = todo[:a.inspections]
    children = max(100, int(50_000 * a.scale))
    for i, (year, area) in enumerate(todo):
        largegen.build_inspection(cairn, a.db, area, pack(year), 1 + i, children,
                                  min(600, children // 10), int(25_000 * a.scale),
                                  int(100_000 * a.scale), year, surveys=True)
        print(f'{i + 1}/{len(todo)} {year} {area} ({pack(year)}): '
              f'{os.path.getsize(a.db) / 1e9:.2f} GB, {time.time() - t0:.0f} s', flush=True)
    outcomes(cairn, a.db, max(1000, int(1_000_000 * a.scale)))
    subprocess.run(['sqlite3', a.db, 'PRAGMA wal_checkpoint(TRUNCATE)'], capture_output=True)
    con = sqlite3.connect(a.db)
    surveys = con.execute('SELECT v.kind, COUNT(DISTINCT v.id), COUNT(r.id) FROM survey v '
                          'LEFT JOIN survey_respondent r ON r.survey_id = v.id '
                          'GROUP BY v.kind ORDER BY v.kind').fetchall()
    con.close()
    print('surveys: ' + '; '.join(f'{k} {n} surveys, {m:,} respondents' for k, n, m in surveys))
    print(f'{len(todo)} inspections in {a.db}: {os.path.getsize(a.db) / 1e9:.2f} GB, '
          f'built in {time.time() - t0:.0f} s')
    return 0


if __name__ == '__main__':
    sys.exit(main())
