#!/usr/bin/env python3
"""How Cairn's costs grow: the measurements behind docs/scaling.md.

Times Cairn alone (no peers) at several sizes, once each, with
/usr/bin/time (wall, CPU, peak memory), using the same deterministic inputs
as bench/run.py:
  - population import and stratified sample draw: 100,000 / 1,000,000 /
    3,000,000 children;
  - outcomes from a child-level file (import + gap --all): 1,000,000 /
    10,000,000 rows;
  - inspection list on 32 / 320 / 1,000 inspections;
  - the signed-in page under wrk at 8, 64 and 256 connections (bench/web.py).
Prints a Markdown table; with --out FILE also writes it there.

Usage: bench/scaling.py [--out FILE] [--skip web,...] CAIRN_BINARY
"""
import argparse
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402  (the suite's inputs and timing)


def line(what, size, s, extra=''):
    return f'| {what} | {size} | {s.wall:.2f} | {s.cpu:.2f} | {s.rss / 1024:.0f} | {extra} |'


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--out', default='')
    ap.add_argument('--skip', default='')
    ap.add_argument('cairn')
    a = ap.parse_args()
    cairn = os.path.abspath(a.cairn)
    skip = set(x for x in a.skip.split(',') if x)
    os.makedirs(run.WORK, exist_ok=True)
    load0 = os.getloadavg()
    rows = ['| What | Size | Wall s | CPU s | Peak MiB | Notes |', '|---|---|---|---|---|---|']
    if 'population' not in skip:
        for n in (100_000, 1_000_000, 3_000_000):
            csv = run.population_csv(n)
            db = os.path.join(run.WORK, 'scale-pop.db')
            ident = run.fresh_cairn_db(cairn, db)
            s = run.timed([cairn, '--db', db, 'population', 'import', ident, csv])
            size = os.path.getsize(db)
            rows.append(line('population import (8 columns)', f'{n:,}', s,
                             f'file {os.path.getsize(csv) / 1e6:.0f} MB; database {size / 1e6:.0f} MB'))
            print(rows[-1], flush=True)
            s = run.timed([cairn, '--db', db, 'sample', 'draw', ident, '--size', '100', '--strata',
                           'locality,sex', '--seed', '1'])
            rows.append(line('sample draw (100, 12 strata)', f'{n:,}', s))
            print(rows[-1], flush=True)
            run.rm_db(db)
    if 'outcomes' not in skip:
        meta = os.path.join(run.WORK, 'outcomes-meta.csv')
        with open(meta, 'w') as f:
            f.write('code,title,measure,polarity\nind1,Indicator 1,proportion,higher-worse\n'
                    'ind2,Indicator 2,rate per 1000,higher-worse\nind3,Indicator 3,proportion,none\n'
                    'ind4,Indicator 4,proportion,higher-better\n')
        for n in (1_000_000, 10_000_000):
            csv = run.child_csv(n)
            db = os.path.join(run.WORK, 'scale-out.db')
            run.rm_db(db)
            run.sh([cairn, '--db', db, 'init'])
            s = run.timed([cairn, '--db', db, 'outcomes', 'import', csv, '--child-level', '--indicators',
                           meta, '--q1', 'most-deprived', '--simd', '2020'])
            rows.append(line('outcomes import --child-level', f'{n:,}', s,
                             f'file {os.path.getsize(csv) / 1e6:.0f} MB'))
            print(rows[-1], flush=True)
            s = run.timed([cairn, '--db', db, 'outcomes', 'gap', '--all', '--reps', '0', '--json'])
            rows.append(line('outcomes gap --all (128 series)', f'{n:,}', s))
            print(rows[-1], flush=True)
            run.rm_db(db)
    if 'inspections' not in skip:
        db = os.path.join(run.WORK, 'scale-insp.db')
        run.fresh_cairn_db(cairn, db)
        have = 1
        for n in (32, 320, 1000):
            while have < n:
                run.sh([cairn, '--db', db, 'inspection', 'create', '--partnership', f'Area {have}',
                        '--framework', 'cyp-2014'])
                have += 1
            ss = sorted((run.timed([cairn, '--db', db, 'inspection', 'list', '--json']) for _ in range(9)),
                        key=lambda s: s.wall)
            rows.append(line('inspection list --json (median of 9)', f'{n:,} inspections', ss[4]))
            print(rows[-1], flush=True)
        run.rm_db(db)
    if 'web' not in skip:
        for c in (8, 64, 256):
            out = subprocess.run([sys.executable, os.path.join(run.HERE, 'web.py'), '--seconds', '10',
                                  '--connections', str(c), cairn], capture_output=True, text=True).stdout
            m = re.search(r'cairn page:\s+([0-9.]+) req/s\s+p99\s+([0-9.]+) ms\s+non-2xx ([0-9]+)', out)
            n = re.search(r'nginx static:\s+([0-9.]+) req/s\s+p99\s+([0-9.]+) ms', out)
            r = re.search(r'cairn RSS: start ([0-9]+) KiB, middle ([0-9]+) KiB, end ([0-9]+) KiB', out)
            if m:
                rows.append(f'| signed-in page under wrk | {c} connections | | | '
                            f'{int(r.group(3)) / 1024 if r else 0:.0f} | {float(m.group(1)):.0f} req/s, '
                            f'p99 {float(m.group(2)):.1f} ms, non-2xx {m.group(3)}; nginx '
                            f'{float(n.group(1)):.0f} req/s, p99 {float(n.group(2)):.1f} ms |')
            else:
                rows.append(f'| signed-in page under wrk | {c} connections | | | | web.py gave no figures |')
            print(rows[-1], flush=True)
    load1 = os.getloadavg()
    text = '\n'.join(rows) + (f'\n\nLoad average {load0[0]:.1f} at the start, {load1[0]:.1f} at the end '
                              f'({os.cpu_count()} cores).\n')
    print(text)
    if a.out:
        with open(a.out, 'w', encoding='utf-8') as f:
            f.write(text)
    return 0


if __name__ == '__main__':
    sys.exit(main())
