#!/usr/bin/env python3
"""Cairn's benchmark suite: `make bench`.

Each benchmark times Cairn and the tool users would otherwise reach for on
the same deterministically generated input, alternately, REPS times, and
reports the medians and the ratio Cairn / peer against the target.  The
results, the machine, the versions and the command go to bench/results.md.
A benchmark whose peer is not installed is reported as such, never guessed.

Usage: bench/run.py [--reps N] [--only NAME,...] CAIRN_BINARY
"""
import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
WORK = os.path.join(HERE, 'work')


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, **kw)


def timed(fn):
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def version(cmd):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except (OSError, subprocess.SubprocessError, IndexError):
        return 'not installed'


class Lcg:
    """A fixed 64-bit LCG (Knuth MMIX constants) so inputs are identical on every run."""

    def __init__(self, seed):
        self.x = seed & 0xFFFFFFFFFFFFFFFF

    def next(self, n):
        self.x = (self.x * 6364136223846793005 + 1442695040888963407) & 0xFFFFFFFFFFFFFFFF
        return (self.x >> 33) % n


def population_csv(path, rows):
    """A 1,000,000 x 8 population frame like a partnership's return."""
    if os.path.exists(path):
        return
    cats = ['cp-investigation', 'cp-register', 'looked-after-home', 'looked-after-away',
            'vulnerable-young-person', 'care-and-risk']
    locs = ['North', 'South', 'East', 'West', 'Central', 'Islands']
    r = Lcg(2026)
    with open(path + '.tmp', 'w', encoding='utf-8') as f:
        f.write('ref,category,age,sex,locality,simd_quintile,placement,team\n')
        for i in range(rows):
            f.write(f'C{i:07d},{cats[r.next(6)]},{r.next(18)},{"FM"[r.next(2)]},'
                    f'{locs[r.next(6)]},{1 + r.next(5)},P{r.next(40)},T{r.next(25)}\n')
    os.replace(path + '.tmp', path)


def fresh_cairn_db(cairn, db):
    for ext in ('', '-wal', '-shm'):
        if os.path.exists(db + ext):
            os.remove(db + ext)
    sh([cairn, '--db', db, 'init'])
    out = subprocess.run([cairn, '--db', db, 'inspection', 'create', '--partnership', 'Bench',
                          '--framework', 'cyp-2014'], check=True, capture_output=True, text=True)
    return out.stdout.strip()


def bench_population(cairn, reps):
    """1. Population import, 1,000,000 rows x 8 columns, validated into the database."""
    csv = os.path.join(WORK, 'population-1m.csv')
    population_csv(csv, 1_000_000)
    db = os.path.join(WORK, 'pop.db')
    peer_db = os.path.join(WORK, 'peer.db')
    rows = []
    if shutil.which('sqlite3') is None:
        return [('population import (1M x 8)', None, None, 'sqlite3 .import', 0.7, 'sqlite3 not installed')]
    c_times, p_times = [], []
    for _ in range(reps):
        ident = fresh_cairn_db(cairn, db)
        c_times.append(timed(lambda: sh([cairn, '--db', db, 'population', 'import', ident, csv])))
        if os.path.exists(peer_db):
            os.remove(peer_db)
        p_times.append(timed(lambda: sh(['sqlite3', peer_db, f'.import --csv {csv} population'])))
    rows.append(('population import (1M x 8)', statistics.median(c_times),
                 statistics.median(p_times), 'sqlite3 .import (no validation)', 0.7, ''))
    try:
        import pandas  # noqa: F401
        import sqlite3 as pysqlite
        pd_times = []
        for _ in range(max(1, reps // 2)):
            if os.path.exists(peer_db):
                os.remove(peer_db)

            def run_pandas():
                import pandas as pd
                df = pd.read_csv(csv, dtype=str)
                con = pysqlite.connect(peer_db)
                df.to_sql('population', con, index=False)
                con.close()
            pd_times.append(timed(run_pandas))
        rows.append(('population import (1M x 8)', statistics.median(c_times),
                     statistics.median(pd_times), 'pandas read_csv + to_sql', 0.2, ''))
    except ImportError:
        rows.append(('population import (1M x 8)', statistics.median(c_times), None,
                     'pandas read_csv + to_sql', 0.2, 'pandas not installed (apt-get install python3-pandas)'))
    return rows


def bench_startup(cairn, reps):
    """7. Start-up: cairn --version and inspection list on 32 inspections."""
    db = os.path.join(WORK, 'startup.db')
    fresh_cairn_db(cairn, db)
    for i in range(31):
        sh([cairn, '--db', db, 'inspection', 'create', '--partnership', f'Area {i}',
            '--framework', 'cyp-2014'])
    v = statistics.median(timed(lambda: sh([cairn, '--version'])) for _ in range(reps * 4))
    lst = statistics.median(timed(lambda: sh([cairn, '--db', db, 'inspection', 'list']))
                            for _ in range(reps * 4))
    size = os.path.getsize(cairn)
    return [('start-up: cairn --version', v, None, '(absolute)', None, f'{v * 1000:.1f} ms'),
            ('start-up: inspection list, 32 inspections', lst, None, '(absolute)', None,
             f'{lst * 1000:.1f} ms; binary {size / 1e6:.1f} MB')]


BENCHMARKS = {
    'population': bench_population,
    'startup': bench_startup,
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--reps', type=int, default=5)
    ap.add_argument('--only', default='')
    ap.add_argument('cairn')
    a = ap.parse_args()
    cairn = os.path.abspath(a.cairn)
    os.makedirs(WORK, exist_ok=True)
    only = [x for x in a.only.split(',') if x]
    rows = []
    for name, fn in BENCHMARKS.items():
        if only and name not in only:
            continue
        print(f'== {name}', flush=True)
        rows.extend(fn(cairn, a.reps))
    lines = ['# Benchmark results', '',
             f'Machine: {platform.node()}, {platform.machine()}, {os.cpu_count()} cores, '
             f'{platform.platform()}', '',
             'Versions: ' + '; '.join([version([cairn, '--version']), version(['sqlite3', '--version']),
                                       'Python ' + platform.python_version()]), '',
             f'Command: `make bench` (bench/run.py --reps {a.reps}); medians of {a.reps} alternating runs.', '',
             '| Benchmark | Cairn (s) | Peer | Peer (s) | Ratio | Target | Met | Notes |',
             '|---|---|---|---|---|---|---|---|']
    for name, c, p, peer, target, note in rows:
        ratio = c / p if (c is not None and p) else None
        met = '' if target is None or ratio is None else ('yes' if ratio <= target else 'NO')
        lines.append(f'| {name} | {c:.3f} | {peer} | {"" if p is None else f"{p:.3f}"} | '
                     f'{"" if ratio is None else f"{ratio:.2f}"} | '
                     f'{"" if target is None else f"<= {target}"} | {met} | {note} |')
    text = '\n'.join(lines) + '\n'
    print(text)
    if not only:
        with open(os.path.join(HERE, 'results.md'), 'w', encoding='utf-8') as f:
            f.write(text)
    return 0


if __name__ == '__main__':
    sys.exit(main())
