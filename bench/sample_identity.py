#!/usr/bin/env python3
"""Byte-identity of the draw between two binaries (bench/notes.md, issue 22).

Imports the benchmark population (bench/run.py's, ROWS x 8 columns) once with
each binary, then draws every case below from a fresh copy of each database,
with OLD (a binary from before a change to the draw) and NEW, and with NEW
again after the value codes are deleted (so that it reads every child), and
compares the three `sample draw --json` outputs byte for byte.

Usage: bench/sample_identity.py [--rows N] OLD_CAIRN NEW_CAIRN
Exits 1 if any draw differs.
"""
import argparse
import os
import shutil
import sqlite3
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402

# strata, size, seed, min-per-stratum, reserve, double-read %
CASES = [
    ('locality', 100, 2024, 0, 0, 0),
    ('category,sex', 100, 2024, 0, 0, 0),
    ('locality,team', 300, 7, 1, 2, 10),
    ('team,placement', 1200, 99, 1, 1, 15),
    ('sex,age,locality', 400, 5, 0, 3, 20),
    ('simd_quintile,category,placement', 1500, 123456789, 1, 0, 0),
]


def copy_db(src, dst):
    for ext in ('', '-wal', '-shm', '.key', '.anchor', '.sign', '.sign.pub', '.checkpoints'):
        if os.path.exists(dst + ext):
            os.remove(dst + ext)
        if os.path.exists(src + ext):
            shutil.copyfile(src + ext, dst + ext)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--rows', type=int, default=1_000_000)
    ap.add_argument('old')
    ap.add_argument('new')
    a = ap.parse_args()
    os.makedirs(run.WORK, exist_ok=True)
    csv = run.population_csv(a.rows)
    bases = {}
    for name, binary in (('old', a.old), ('new', a.new)):
        base = os.path.join(run.WORK, f'identity-{name}.db')
        ident = run.fresh_cairn_db(binary, base)
        run.sh([binary, '--db', base, 'population', 'import', ident, csv])
        bases[name] = (base, ident)
    db = os.path.join(run.WORK, 'identity.db')
    failed = 0
    for strata, size, seed, minper, reserve, dr in CASES:
        outs = []
        for name, binary, drop in (('old', a.old, False), ('new', a.new, False),
                                   ('new, every child read', a.new, True)):
            base, ident = bases['old' if name == 'old' else 'new']
            copy_db(base, db)
            if drop:
                c = sqlite3.connect(db)
                c.execute('DELETE FROM population_code')
                c.commit()
                c.close()
            outs.append(run.sh([binary, '--db', db, 'sample', 'draw', ident, '--size', str(size),
                                '--strata', strata, '--seed', str(seed), '--min-per-stratum',
                                str(minper), '--reserve', str(reserve), '--double-read', str(dr),
                                '--json']))
        same = outs[0] == outs[1] == outs[2]
        failed += not same
        print(f'{"same" if same else "DIFFERENT"}: {strata}, size {size}, seed {seed}, '
              f'min {minper}, reserve {reserve}, double-read {dr}% ({len(outs[0]):,} bytes)',
              flush=True)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
