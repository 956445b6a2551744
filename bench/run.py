#!/usr/bin/env python3
"""Cairn's benchmark suite: `make bench` (not part of `make check`).

Each benchmark times Cairn and the tool users would otherwise reach for on
the same deterministically generated input, alternately, REPS times
(BENCH_REPEAT, default 5), and reports the medians and the ratio
Cairn / peer against the target of issue #10.  Every timed command runs
under /usr/bin/time, so CPU time and peak memory are recorded beside the
wall-clock time.  The results, the machine (CPU, cores, RAM, load average
at the start and the end), the versions of every tool and the command go
to bench/results.md (bench/results-quick.md with --quick).  A peer that is
not installed is reported as such, never guessed.

Usage: bench/run.py [--quick] [--reps N] [--only NAME,...] CAIRN_BINARY
Names: population, sample, agreement, outcomes, report, web, startup.

Inputs are made here from fixed 64-bit LCGs, so they are byte-identical on
every run and machine, and kept in bench/work/ (ignored by git).  Peers run
under Debian's /usr/bin/python3 (python3-pandas, python3-statsmodels),
Rscript (r-cran-sampling, r-cran-psych), node with bench/node_modules
(@duckdb/node-api), chromium, nginx and wrk: bench/deps.sh installs them.
"""
import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
WORK = os.path.join(HERE, 'work')
PY = '/usr/bin/python3' if os.path.exists('/usr/bin/python3') else 'python3'

# Sizes: full (issue #10) and --quick (for iterating on the suite itself).
FULL = {'population': 1_000_000, 'records': 10_000, 'items': 10, 'boot': 1000,
        'children': 10_000_000, 'report_reps': None, 'web_seconds': 30}
QUICK = {'population': 50_000, 'records': 2_000, 'items': 10, 'boot': 1000,
         'children': 300_000, 'report_reps': 2, 'web_seconds': 5}
# A peer whose first run takes longer than this is run at most SLOW_REPS times.
SLOW_SECONDS = 20.0
SLOW_REPS = 3


class Lcg:
    """A fixed 64-bit LCG (Knuth MMIX constants): identical inputs on every run."""

    def __init__(self, seed):
        self.x = seed & 0xFFFFFFFFFFFFFFFF

    def raw(self):
        self.x = (self.x * 6364136223846793005 + 1442695040888963407) & 0xFFFFFFFFFFFFFFFF
        return self.x >> 11

    def next(self, n):
        return self.raw() % n


# ---- timing ----------------------------------------------------------------

class Sample:
    """One timed run: wall-clock and CPU seconds, peak RSS in KiB."""

    def __init__(self, wall, cpu, rss):
        self.wall, self.cpu, self.rss = wall, cpu, rss


def timed(cmd, cwd=None, env=None, stdout=None):
    """Runs cmd under /usr/bin/time (fails loudly) and returns a Sample."""
    fd, tf = tempfile.mkstemp(prefix='bench-time.', dir=WORK)
    os.close(fd)
    try:
        t = time.perf_counter()
        r = subprocess.run(['/usr/bin/time', '-o', tf, '-f', '%U %S %M'] + cmd, cwd=cwd, env=env,
                           stdout=stdout if stdout is not None else subprocess.DEVNULL,
                           stderr=subprocess.PIPE, text=True)
        wall = time.perf_counter() - t
        if r.returncode != 0:
            raise RuntimeError(f'{" ".join(cmd)} failed ({r.returncode}): {r.stderr.strip()[-400:]}')
        with open(tf) as f:
            u, s, m = f.read().split()[-3:]
        return Sample(wall, float(u) + float(s), int(m))
    finally:
        os.remove(tf)


def sh(cmd, **kw):
    """Runs an untimed set-up command; returns its stdout."""
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        raise RuntimeError(f'{" ".join(cmd)} failed ({r.returncode}): {r.stderr.strip()[-400:]}')
    return r.stdout


def med(samples, field='wall'):
    return statistics.median(getattr(s, field) for s in samples)


def peak(samples):
    return max(s.rss for s in samples)


def alternate(reps, runners):
    """Runs each (name, prepare, run) of runners in turn, reps times; prepare is
    untimed.  A runner whose first run takes over SLOW_SECONDS runs at most
    SLOW_REPS times.  Returns {name: [Sample, ...]}."""
    out = {name: [] for name, _, _ in runners}
    for i in range(reps):
        for name, prepare, run in runners:
            if out[name] and out[name][0].wall > SLOW_SECONDS and len(out[name]) >= SLOW_REPS:
                continue
            if prepare:
                prepare()
            out[name].append(run())
            print(f'   {name:<28} run {i + 1}: {out[name][-1].wall:8.3f} s wall, '
                  f'{out[name][-1].cpu:8.3f} s CPU, {out[name][-1].rss / 1024:7.1f} MiB', flush=True)
    return out


def row(bench, cairn, peer_name, peer, target, note='', absolute=False):
    """A result row: Cairn's samples, the peer's (or None) and the target ratio."""
    return {'bench': bench, 'cairn': cairn, 'peer_name': peer_name, 'peer': peer,
            'target': target, 'note': note, 'absolute': absolute}


def rm_db(path):
    for ext in ('', '-wal', '-shm'):
        if os.path.exists(path + ext):
            os.remove(path + ext)


def have(tool):
    return shutil.which(tool) is not None or os.path.exists('/usr/sbin/' + tool)


def py_has(module):
    return subprocess.run([PY, '-c', f'import {module}'], capture_output=True).returncode == 0


def r_has(pkg):
    return have('Rscript') and subprocess.run(
        ['Rscript', '-e', f'suppressPackageStartupMessages(library({pkg}))'],
        capture_output=True).returncode == 0


def duckdb_ok():
    return have('node') and os.path.isdir(os.path.join(HERE, 'node_modules', '@duckdb', 'node-api'))


# ---- inputs ----------------------------------------------------------------

def population_csv(rows):
    """A population frame like a partnership's return: rows x 8 columns."""
    path = os.path.join(WORK, f'population-{rows}.csv')
    if os.path.exists(path):
        return path
    cats = ['cp-investigation', 'cp-register', 'looked-after-home', 'looked-after-away',
            'vulnerable-young-person', 'care-and-risk']
    locs = ['North', 'South', 'East', 'West', 'Central', 'Islands']
    r = Lcg(2026)
    with open(path + '.tmp', 'w', encoding='utf-8') as f:
        f.write('ref,category,age,sex,locality,simd_quintile,placement,team\n')
        lines = []
        for i in range(rows):
            x = r.raw()
            lines.append(f'C{i:07d},{cats[x % 6]},{(x >> 3) % 18},{"FM"[(x >> 8) & 1]},'
                         f'{locs[(x >> 9) % 6]},{1 + (x >> 12) % 5},P{(x >> 15) % 40},'
                         f'T{(x >> 21) % 25}\n')
            if len(lines) == 100_000:
                f.writelines(lines)
                lines = []
        f.writelines(lines)
    os.replace(path + '.tmp', path)
    return path


def agreement_files(records, items):
    """items files of records double-read records each: record, reader1, reader2
    on the six-point scale; the second reader agrees most of the time."""
    d = os.path.join(WORK, f'agree-{records}x{items}')
    if os.path.isdir(d):
        return sorted(os.path.join(d, f) for f in os.listdir(d) if re.fullmatch(r'item[0-9]+\.csv', f))
    os.makedirs(d + '.tmp', exist_ok=True)
    r = Lcg(1968)
    for it in range(items):
        with open(os.path.join(d + '.tmp', f'item{it + 1:02d}.csv'), 'w') as f:
            f.write('record,reader1,reader2\n')
            for i in range(records):
                x = r.raw()
                a = 1 + x % 6
                step = (x >> 4) % (6 + it)  # later items agree less
                b = a + (-1 if step == 0 else 1 if step == 1 else 2 if step == 2 else 0)
                f.write(f'R{i:05d},{a},{min(6, max(1, b))}\n')
    os.replace(d + '.tmp', d)
    return agreement_files(records, items)


def child_csv(rows):
    """One row per child: 32 areas, periods 2011-2020, SIMD quintile and 4 0/1
    indicators (the 4th empty, not recorded, for about 1 child in 10)."""
    path = os.path.join(WORK, f'children-{rows}.csv')
    if os.path.exists(path):
        return path
    names = [f'S12{a:06d},Area {a}' for a in range(32)]
    r = Lcg(2011)
    with open(path + '.tmp', 'w', encoding='utf-8') as f:
        f.write('area_code,area_name,period,group,ind1,ind2,ind3,ind4\n')
        lines = []
        for _ in range(rows):
            x = r.raw()
            y = r.raw()
            g = 1 + (x >> 5) % 5
            u1, u2, u3, u4, u5 = (y & 1023), ((y >> 10) & 1023), ((y >> 20) & 1023), \
                ((y >> 30) & 1023), ((y >> 40) & 1023)
            i4 = '' if u4 < 102 else ('1' if u5 < 205 + 20 * g else '0')
            lines.append(f'{names[x % 32]},{2011 + (x >> 10) % 10},{g},'
                         f'{int(u1 < 102 + 31 * (5 - g))},{int(u2 < 10 * (6 - g))},'
                         f'{int(u3 < 512)},{i4}\n')
            if len(lines) == 200_000:
                f.writelines(lines)
                lines = []
        f.writelines(lines)
    os.replace(path + '.tmp', path)
    return path


def fresh_cairn_db(cairn, db):
    """A new database with one inspection; returns its id."""
    rm_db(db)
    sh([cairn, '--db', db, 'init'])
    return sh([cairn, '--db', db, 'inspection', 'create', '--partnership', 'Bench',
               '--framework', 'cyp-2014']).strip()


# ---- the benchmarks ---------------------------------------------------------

def bench_population(cairn, reps, size):
    """1. Population import, rows x 8 columns, validated into the database."""
    csv = population_csv(size['population'])
    db, peer_db, pd_db = (os.path.join(WORK, n) for n in ('pop.db', 'pop-sqlite3.db', 'pop-pandas.db'))
    ident = []
    runners = [('cairn population import', lambda: ident.__setitem__(slice(None), [fresh_cairn_db(cairn, db)]),
                lambda: timed([cairn, '--db', db, 'population', 'import', ident[0], csv]))]
    if have('sqlite3'):
        runners.append(('sqlite3 .import', lambda: rm_db(peer_db),
                        lambda: timed(['sqlite3', peer_db, f'.import --csv {csv} population'])))
    if py_has('pandas'):
        runners.append(('pandas read_csv + to_sql', lambda: rm_db(pd_db),
                        lambda: timed([PY, os.path.join(HERE, 'population_pandas.py'), csv, pd_db])))
    t = alternate(reps, runners)
    n = f'{size["population"]:,} x 8'
    c = t['cairn population import']
    return [row(f'1. population import ({n})', c, 'sqlite3 .import (no validation)',
                t.get('sqlite3 .import'), 0.7, '' if have('sqlite3') else 'sqlite3 not installed'),
            row(f'1. population import ({n})', c, 'pandas read_csv + to_sql',
                t.get('pandas read_csv + to_sql'), 0.2,
                '' if py_has('pandas') else 'python3-pandas not installed')]


# Strata of two columns of the 8-column population: 6 categories x 2 sexes.
STRATA2 = 'category,sex'


def bench_sample(cairn, reps, size):
    """2. Stratified sample of 100 from the population, 6 strata; and on strata of
    two columns (12 strata; the population has about a million distinct rows)."""
    csv = population_csv(size['population'])
    base = os.path.join(WORK, 'sample-base.db')
    db = os.path.join(WORK, 'sample.db')
    ident = fresh_cairn_db(cairn, base)
    sh([cairn, '--db', base, 'population', 'import', ident, csv])

    def prepare():
        rm_db(db)
        shutil.copyfile(base, db)
        # The audit key and what lives beside it: the draw extends the keyed log.
        for ext in ('.key', '.anchor', '.sign', '.sign.pub', '.checkpoints'):
            if os.path.exists(base + ext):
                shutil.copyfile(base + ext, db + ext)
    runners = [('cairn sample draw', prepare,
                lambda: timed([cairn, '--db', db, 'sample', 'draw', ident, '--size', '100',
                               '--strata', 'locality', '--seed', '2024'])),
               ('cairn sample draw, 2 columns', prepare,
                lambda: timed([cairn, '--db', db, 'sample', 'draw', ident, '--size', '100',
                               '--strata', STRATA2, '--seed', '2024']))]
    notes = []
    have_r = r_has('sampling')
    have_rsqlite = have_r and r_has('RSQLite')
    if have_r:
        outf = os.path.join(WORK, 'strata.out')

        def run_r():
            with open(outf, 'w') as f:
                return timed(['Rscript', os.path.join(HERE, 'sample_strata.R'), csv, 'locality', '100'],
                             stdout=f)
        runners.append(('R sampling::strata', None, run_r))
    if have_rsqlite:
        outq = os.path.join(WORK, 'strata-sqlite.out')

        def run_rq():
            # The same database file Cairn draws from (base: its population, no sample yet).
            with open(outq, 'w') as f:
                return timed(['Rscript', os.path.join(HERE, 'sample_strata_sqlite.R'), base, ident,
                              'locality', '100'], stdout=f)
        runners.append(('R RSQLite + strata', None, run_rq))
    t = alternate(reps, runners)
    mem = mem2 = None
    if have_r:
        # R at its best: the data frame already in memory, only the draw timed
        # (in one R process, after the runs above, on the same population).
        def r_mem(strata, label):
            out = sh(['Rscript', os.path.join(HERE, 'sample_strata_mem.R'), csv, strata, '100',
                      str(reps)])
            got = [Sample(float(w), float(c), 0) for w, c in re.findall(r'draw ([0-9.]+) ([0-9.]+)', out)]
            for i, x in enumerate(got):
                print(f'   {label:<28} run {i + 1}: {x.wall:8.3f} s wall, {x.cpu:8.3f} s CPU',
                      flush=True)
            return got
        mem = r_mem('locality', 'R strata (in memory)')
        mem2 = r_mem(STRATA2, 'R strata, 2 cols (in memory)')
    # The last draw of the two-column runner is in db: its strata, for the note.
    got2 = json.loads(sh([cairn, '--db', db, 'sample', 'list', ident, '--json']))
    prepare()
    sh([cairn, '--db', db, 'sample', 'draw', ident, '--size', '100', '--strata', 'locality',
        '--seed', '2024'])
    got = json.loads(sh([cairn, '--db', db, 'sample', 'list', ident, '--json']))
    notes.append(f'Cairn drew {len(got["members"])} records in {len(got["strata"])} strata')
    notes_csv, notes_q, notes_m = list(notes), list(notes), list(notes)
    if 'R sampling::strata' in t:
        with open(os.path.join(WORK, 'strata.out')) as f:
            last = f.read().strip()
        m = re.search(r'read ([0-9.]+) s, strata ([0-9.]+) s', last)
        if m:
            notes_csv.append(f'R: read.csv {m.group(1)} s + strata() {m.group(2)} s (last run; Cairn reads '
                             f'its stored population, R its CSV)')
    if 'R RSQLite + strata' in t:
        with open(os.path.join(WORK, 'strata-sqlite.out')) as f:
            last = f.read().strip()
        m = re.search(r'sampled ([0-9]+) .*read ([0-9.]+) s, strata ([0-9.]+) s', last)
        if m:
            notes_q.append(f'R drew {m.group(1)}; RSQLite read of the same database {m.group(2)} s + '
                           f'strata() {m.group(3)} s (last run; both read the stored blocks of the '
                           f'same file and write nothing back: Cairn also stores the sample and its '
                           f'audit entry)')
    notes_m.append('R: only the allocation and strata() on a data frame already in memory, timed '
                   'inside R (no start-up, no read); Cairn: the whole process, start-up, reading '
                   'its database and storing the sample with its audit entry')
    name = f'2. stratified sample of 100 from {size["population"]:,}, 6 strata'
    rows = [row(name, t['cairn sample draw'], 'R sampling::strata (read.csv)', t.get('R sampling::strata'),
                0.1, '; '.join(notes_csv) if have_r else 'r-cran-sampling not installed'),
            row(name, t['cairn sample draw'], 'R RSQLite + strata (same database)',
                t.get('R RSQLite + strata'), 0.1,
                '; '.join(notes_q) if have_rsqlite else 'r-cran-rsqlite or r-cran-sampling not installed'),
            row(name, t['cairn sample draw'], 'R strata, data frame in memory', mem or None, 0.05,
                '; '.join(notes_m) if have_r else 'r-cran-sampling not installed')]
    name2 = (f'2. stratified sample of 100 from {size["population"]:,}, strata of two columns '
             f'({STRATA2})')
    note2 = (f'Cairn drew {len(got2["members"])} records in {len(got2["strata"])} strata, through '
             f'the value codes of the two columns (the population has more distinct rows than the '
             f'index of whole rows keeps); ' + notes_m[-1])
    rows.append(row(name2, t['cairn sample draw, 2 columns'], 'R strata, data frame in memory',
                    mem2 or None, 0.05, note2 if have_r else 'r-cran-sampling not installed'))
    return rows


def bench_agreement(cairn, reps, size):
    """3. kappa, weighted kappa and alpha (1,000 bootstrap replicates) on
    records x items double-read ratings: one `cairn stats agreement` run over
    every item, as a reading team would run it."""
    files = agreement_files(size['records'], size['items'])
    boot = str(size['boot'])
    mine_json = os.path.join(WORK, 'agree-cairn.json')

    def run_cairn():
        with open(mine_json, 'w') as f:
            return timed([cairn, 'stats', 'agreement'] + files +
                         ['--weights', 'quadratic', '--level', 'ordinal', '--bootstrap', boot,
                          '--seed', '1', '--json'], stdout=f)
    runners = [('cairn stats agreement', None, run_cairn)]
    outs = {}
    if r_has('psych'):
        def run_psych():
            with open(os.path.join(WORK, 'agree-psych.out'), 'w') as f:
                return timed(['Rscript', os.path.join(HERE, 'agree_psych.R'), boot] + files, stdout=f)
        runners.append(('R psych', None, run_psych))
        outs['R psych'] = 'agree-psych.out'
    if py_has('statsmodels'):
        def run_sm():
            with open(os.path.join(WORK, 'agree-statsmodels.out'), 'w') as f:
                return timed([PY, os.path.join(HERE, 'agree_statsmodels.py'), boot] + files, stdout=f)
        runners.append(('Python statsmodels', None, run_sm))
        outs['Python statsmodels'] = 'agree-statsmodels.out'
    t = alternate(reps, runners)
    # The values must agree before the times mean anything: every item's
    # kappa, weighted kappa and alpha, from the one JSON.
    with open(mine_json) as f:
        items = {os.path.basename(i['file']): i for i in json.load(f)['items']}
    if sorted(items) != sorted(os.path.basename(f) for f in files):
        raise RuntimeError(f'cairn stats agreement gave items {sorted(items)}')
    worst = {}
    for peer, fn in outs.items():
        with open(os.path.join(WORK, fn)) as f:
            for line in f:
                p = line.split()
                it = items[p[0]]
                mine = {'kappa': it['kappa']['kappa'], 'wkappa': it['weighted_kappa']['kappa'],
                        'alpha': it['alpha']['alpha']}
                theirs = {'kappa': float(p[2]), 'wkappa': float(p[4]), 'alpha': float(p[6])}
                worst[peer] = max(worst.get(peer, 0), max(abs(mine[k] - theirs[k]) for k in mine))
    label = f'3. agreement ({size["records"]:,} records x {size["items"]} items; alpha {boot} bootstrap)'
    c = t['cairn stats agreement']
    res = []
    for peer, pkg in (('R psych', 'r-cran-psych'), ('Python statsmodels', 'python3-statsmodels')):
        note = (f'kappa, weighted kappa, alpha agree to {worst[peer]:.1e}' if peer in worst
                else f'{pkg} not installed')
        res.append(row(label, c, peer, t.get(peer), 0.1, note))
    return res


def bench_outcomes(cairn, reps, size):
    """4. Outcome aggregation and SII: 4 indicators x 32 areas x 10 periods x
    5 groups from a child-level file."""
    csv = child_csv(size['children'])
    meta = os.path.join(WORK, 'outcomes-meta.csv')
    with open(meta, 'w') as f:
        f.write('code,title,measure,polarity\nind1,Indicator 1,proportion,higher-worse\n'
                'ind2,Indicator 2,rate per 1000,higher-worse\nind3,Indicator 3,proportion,none\n'
                'ind4,Indicator 4,proportion,higher-better\n')
    db = os.path.join(WORK, 'outcomes.db')
    gaps = os.path.join(WORK, 'outcomes-cairn.json')
    script = os.path.join(WORK, 'outcomes-cairn.sh')
    with open(script, 'w') as f:
        f.write('#!/bin/sh\nset -e\n'
                '"$1" --db "$2" outcomes import "$3" --child-level --indicators "$4" '
                '--q1 most-deprived --simd 2020 --json >"$5.import"\n'
                '"$1" --db "$2" outcomes gap --all --reps 0 --json >"$5"\n')
    runners = [('cairn import + gap --all', lambda: (rm_db(db), sh([cairn, '--db', db, 'init'])),
                lambda: timed(['/bin/sh', script, cairn, db, csv, meta, gaps]))]
    duck = os.path.join(WORK, 'outcomes-duckdb.json')
    if duckdb_ok():
        runners.append(('DuckDB (npm)', None,
                        lambda: timed(['node', os.path.join(HERE, 'outcomes_duckdb.mjs'), csv, duck])))
    if py_has('pandas'):
        runners.append(('pandas', None, lambda: timed([PY, os.path.join(HERE, 'outcomes_pandas.py'), csv])))
    t = alternate(reps, runners)
    notes = []
    with open(gaps + '.import') as f:
        imp = json.load(f)
    notes.append(f'{imp["cells"]} cells, reader {imp.get("reader", "?")}')
    with open(gaps) as f:
        cg = json.load(f)
    mine = {}
    for g in cg['gaps']:
        scale = 100.0 if g['indicator']['measure'] == 'proportion' else 1.0
        for p in g['area']['periods']:
            if p.get('sii') is not None:
                mine[(g['indicator']['code'], g['area']['area_code'], p['period'])] = p['sii'] / scale
    notes.append(f'{len(mine)} SII values from Cairn')
    if duckdb_ok():
        with open(duck) as f:
            dd = json.load(f)
        diffs = [abs(abs(mine[(i, a, p)]) - abs(v)) for i, a, p, v in dd if (i, a, p) in mine]
        if diffs:
            notes.append(f'{len(diffs)} compared with DuckDB, |SII| agree to {max(diffs):.1e}')
    label = f'4. outcomes: {size["children"]:,} child rows -> SII for all'
    c = t['cairn import + gap --all']
    return [row(label, c, 'DuckDB (@duckdb/node-api)', t.get('DuckDB (npm)'), 1.0,
                '; '.join(notes) if duckdb_ok() else 'DuckDB not installed (bench/deps.sh)'),
            row(label, c, 'pandas', t.get('pandas'), 0.1,
                '' if py_has('pandas') else 'python3-pandas not installed')]


def bench_report(cairn, reps, size):
    """5. Full PDF report of a large inspection vs headless Chromium printing
    Cairn's HTML version (bench/report_pdf.sh does the set-up and alternates)."""
    n = size['report_reps'] or reps
    build = os.path.dirname(cairn)
    out = subprocess.run(['sh', os.path.join(HERE, 'report_pdf.sh'), build, str(n)],
                         capture_output=True, text=True)
    txt = out.stdout
    c = re.search(r'cairn report --format pdf: median ([0-9.]+) s wall, ([0-9.]+) s CPU', txt)
    p = re.search(r'chromium --print-to-pdf: +median ([0-9.]+) s wall, ([0-9.]+) s CPU', txt)
    pages = re.findall(r'\(([0-9]+) pages', txt)
    if not c:
        return [row('5. PDF report of a large inspection', None, 'Chromium --print-to-pdf', None, 0.2,
                    'report_pdf.sh failed: ' + (out.stderr.strip()[-200:] or txt[-200:]))]
    cs = [Sample(float(c.group(1)), float(c.group(2)), 0)]
    ps = [Sample(float(p.group(1)), float(p.group(2)), 0)] if p else None
    insp = re.search(r'inspection: (.*)', txt)
    note = (insp.group(1) if insp else '') + (f'; pages: Cairn {pages[0]}, Chromium {pages[1]}'
                                              if len(pages) > 1 else '')
    note += f'; medians of {n} alternating runs by bench/report_pdf.sh'
    return [row('5. PDF report of a large inspection', cs, 'Chromium --print-to-pdf (headless)', ps, 0.2,
                note + ('' if p else '; chromium not installed'))]


def bench_web(cairn, reps, size):
    """6. A signed-in inspection page under wrk vs nginx serving the same
    bytes (bench/web.py, kept by the web engineers, does the run)."""
    secs = size['web_seconds']
    out = subprocess.run([sys.executable, os.path.join(HERE, 'web.py'), '--seconds', str(secs), cairn],
                         capture_output=True, text=True)
    txt = out.stdout
    n = re.search(r'nginx static:\s+([0-9.]+) req/s\s+p99\s+([0-9.]+) ms', txt)
    c = re.search(r'cairn page:\s+([0-9.]+) req/s\s+p99\s+([0-9.]+) ms', txt)
    rss = re.search(r'cairn RSS: start ([0-9]+) KiB, middle ([0-9]+) KiB, end ([0-9]+) KiB', txt)
    if not (n and c):
        return [{'bench': '6. signed-in page under wrk (64 connections)', 'web': None,
                 'note': 'web.py gave no figures: ' + (txt.strip()[-200:] or out.stderr.strip()[-200:])}]
    return [{'bench': f'6. signed-in page under wrk (64 connections, {secs} s)', 'web': {
        'nginx_rps': float(n.group(1)), 'nginx_p99': float(n.group(2)),
        'cairn_rps': float(c.group(1)), 'cairn_p99': float(c.group(2)),
        'rss': [int(x) for x in rss.groups()] if rss else None}, 'note': 'bench/web.py'}]


def bench_startup(cairn, reps, size):
    """7. Start-up: cairn --version and inspection list on 32 inspections;
    binary size and peak memory."""
    db = os.path.join(WORK, 'startup.db')
    fresh_cairn_db(cairn, db)
    for i in range(31):
        sh([cairn, '--db', db, 'inspection', 'create', '--partnership', f'Area {i}', '--framework',
            'cyp-2014'])
    n = max(20, reps * 4)
    v = [timed([cairn, '--version']) for _ in range(n)]
    lst = [timed([cairn, '--db', db, 'inspection', 'list']) for _ in range(n)]
    lstj = [timed([cairn, '--db', db, 'inspection', 'list', '--json']) for _ in range(n)]
    return [{'bench': '7. start-up', 'startup': {
        'version': v, 'list': lst, 'list_json': lstj, 'size': os.path.getsize(cairn), 'n': n}}]


BENCHMARKS = {
    'population': bench_population,
    'sample': bench_sample,
    'agreement': bench_agreement,
    'outcomes': bench_outcomes,
    'report': bench_report,
    'web': bench_web,
    'startup': bench_startup,
}


# ---- the report -------------------------------------------------------------

def first_line(cmd):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
        return ((out.stdout or out.stderr).strip().splitlines() or ['?'])[0].strip()
    except (OSError, subprocess.SubprocessError):
        return 'not installed'


def versions(cairn):
    v = {'cairn': first_line([cairn, '--version']),
         'sqlite3': first_line(['sqlite3', '--version']).split(' 20')[0],
         'Python (peers)': first_line([PY, '--version'])}
    for mod in ('pandas', 'numpy', 'statsmodels'):
        v[mod] = first_line([PY, '-c', f'import {mod}; print({mod}.__version__)'])
    v['R'] = first_line(['Rscript', '--version'])
    for pkg in ('sampling', 'psych'):
        v[f'R {pkg}'] = first_line(['Rscript', '-e', f'cat(as.character(packageVersion("{pkg}")))'])
    v['node'] = first_line(['node', '--version'])
    try:
        with open(os.path.join(HERE, 'node_modules', '@duckdb', 'node-api', 'package.json')) as f:
            v['@duckdb/node-api'] = json.load(f)['version']
    except OSError:
        v['@duckdb/node-api'] = 'not installed'
    v['chromium'] = first_line(['chromium', '--version'])
    v['nginx'] = first_line(['/usr/sbin/nginx', '-v'])
    v['wrk'] = first_line(['wrk', '--version'])
    return v


def machine():
    cpu = '?'
    with open('/proc/cpuinfo') as f:
        for line in f:
            if line.startswith('model name'):
                cpu = line.split(':', 1)[1].strip()
                break
    with open('/proc/meminfo') as f:
        mem = int(f.readline().split()[1]) / 1024 / 1024
    return f'{cpu}; {os.cpu_count()} cores; {mem:.1f} GiB RAM; {platform.platform()}'


def fmt_s(x):
    return '' if x is None else (f'{x:.3f}' if x < 100 else f'{x:.1f}')


def table(rows):
    lines = ['| Benchmark | Cairn (s) | Peer | Peer (s) | Ratio | Target | Met | CPU ratio | '
             'Cairn peak MiB | Peer peak MiB | Notes |',
             '|---|---|---|---|---|---|---|---|---|---|---|']
    for r in rows:
        if 'web' in r or 'startup' in r:
            continue
        c, p = r['cairn'], r['peer']
        cw = med(c) if c else None
        pw = med(p) if p else None
        ratio = cw / pw if (cw is not None and pw) else None
        cr = med(c, 'cpu') / med(p, 'cpu') if (c and p and med(p, 'cpu') > 0) else None
        met = '' if ratio is None else ('yes' if ratio <= r['target'] else '**no**')
        lines.append(
            f'| {r["bench"]} | {fmt_s(cw)} | {r["peer_name"]} | {fmt_s(pw)} | '
            f'{"" if ratio is None else f"{ratio:.3f}"} | <= {r["target"]} | {met} | '
            f'{"" if cr is None else f"{cr:.3f}"} | '
            f'{"" if not c or not peak(c) else f"{peak(c) / 1024:.0f}"} | '
            f'{"" if not p or not peak(p) else f"{peak(p) / 1024:.0f}"} | {r["note"]} |')
    return lines


def web_lines(rows):
    out = []
    for r in rows:
        if 'web' not in r:
            continue
        w = r['web']
        if w is None:
            out += [f'{r["bench"]}: {r["note"]}', '']
            continue
        ratio = w['cairn_rps'] / w['nginx_rps']
        out += ['| Benchmark | Cairn req/s | nginx req/s | Ratio | Target | Met | Cairn p99 ms | '
                'nginx p99 ms | Cairn RSS start / middle / end KiB |', '|---|---|---|---|---|---|---|---|---|',
                f'| {r["bench"]} | {w["cairn_rps"]:.0f} | {w["nginx_rps"]:.0f} | {ratio:.3f} | >= 0.5 | '
                f'{"yes" if ratio >= 0.5 else "**no**"} | {w["cairn_p99"]:.2f} | {w["nginx_p99"]:.2f} | '
                f'{" / ".join(map(str, w["rss"])) if w["rss"] else ""} |', '']
    return out


def startup_lines(rows):
    out = []
    for r in rows:
        if 'startup' not in r:
            continue
        s = r['startup']
        out += ['| Start-up (median of %d) | wall ms | CPU ms | peak RSS MiB |' % s['n'], '|---|---|---|---|']
        for name, key in (('cairn --version', 'version'), ('cairn inspection list (32 inspections)', 'list'),
                          ('cairn inspection list --json (32 inspections)', 'list_json')):
            v = s[key]
            out.append(f'| {name} | {med(v) * 1000:.1f} | {med(v, "cpu") * 1000:.0f} | '
                       f'{peak(v) / 1024:.1f} |')
        out += ['', f'Binary size: {s["size"] / 1e6:.2f} MB ({s["size"]:,} bytes, with debug info; '
                    f'`strip` makes it smaller).', '']
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--reps', type=int, default=int(os.environ.get('BENCH_REPEAT', '5')))
    ap.add_argument('--quick', action='store_true', help='small sizes, for iterating on the suite')
    ap.add_argument('--only', default='', help='comma-separated benchmark names')
    ap.add_argument('cairn')
    a = ap.parse_args()
    cairn = os.path.abspath(a.cairn)
    size = QUICK if a.quick else FULL
    os.makedirs(WORK, exist_ok=True)
    only = [x for x in a.only.split(',') if x]
    for x in only:
        if x not in BENCHMARKS:
            print(f'run.py: unknown benchmark {x}; use {", ".join(BENCHMARKS)}', file=sys.stderr)
            return 64
    load0 = os.getloadavg()
    start = datetime.datetime.now(datetime.timezone.utc)
    rows = []
    for name, fn in BENCHMARKS.items():
        if only and name not in only:
            continue
        print(f'== {name} ({datetime.datetime.now(datetime.timezone.utc):%H:%M:%S} UTC, '
              f'load {os.getloadavg()[0]:.1f})', flush=True)
        try:
            rows.extend(fn(cairn, a.reps, size))
        except (RuntimeError, OSError, ValueError, KeyError) as e:
            print(f'   {name} failed: {e}', flush=True)
            rows.append(row(name, None, '', None, 0, f'failed: {str(e)[:300]}'))
    load1 = os.getloadavg()
    end = datetime.datetime.now(datetime.timezone.utc)
    cmd = 'make bench' if not (a.quick or only or a.reps != 5) else \
        'python3 bench/run.py' + (' --quick' if a.quick else '') + \
        (f' --reps {a.reps}' if a.reps != 5 else '') + (f' --only {a.only}' if only else '') + ' build/cairn'
    lines = ['# Benchmark results', '',
             f'Written by `bench/run.py` on {start:%Y-%m-%d} from {start:%H:%M} to {end:%H:%M} UTC. '
             f'Reproduce with `{cmd}` (medians of {a.reps} runs, Cairn and each peer alternately; '
             f'a peer slower than {SLOW_SECONDS:.0f} s runs at most {SLOW_REPS} times).', '',
             f'Machine: {machine()}.', '',
             f'Load average (1, 5, 15 min): {load0[0]:.2f}, {load0[1]:.2f}, {load0[2]:.2f} at the start; '
             f'{load1[0]:.2f}, {load1[1]:.2f}, {load1[2]:.2f} at the end.' +
             (' **The machine was shared with other work while this ran: wall-clock times include '
              'waiting for a CPU, and the CPU-time ratio is the steadier comparison.**'
              if max(load0[0], load1[0]) > (os.cpu_count() or 1) * 0.5 else ''), '',
             'Ratio = Cairn median wall time / peer median wall time (lower is better); CPU ratio the same '
             'for user + system CPU time; peak memory is the largest resident set of the measured process '
             '(`/usr/bin/time`; for a script, of its largest single process).', '']
    if a.quick:
        lines += ['**Quick mode (`--quick`): small inputs for checking the suite; the targets are for the '
                  'full sizes.**', '']
    lines += table(rows) + [''] + web_lines(rows) + startup_lines(rows)
    lines += ['Versions: ' + '; '.join(f'{k} {v}' for k, v in versions(cairn).items()) + '.', '']
    for extra in ('sides.md', 'notes.md', 'results-web.md'):
        p = os.path.join(HERE, extra)
        if os.path.exists(p):
            with open(p, encoding='utf-8') as f:
                lines += [f.read().rstrip(), '']
    text = '\n'.join(lines)
    print(text)
    target = 'results-quick.md' if a.quick else 'results.md'
    if not only:
        with open(os.path.join(HERE, target), 'w', encoding='utf-8') as f:
            f.write(text)
        print(f'written to bench/{target}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
