#!/usr/bin/env python3
"""A national inspectorate's peak, replayed against `cairn serve` (issue 22).

On the database bench/national.py builds: several inspections in fieldwork at
once, each with 20 people working (pages of the inspection, the evidence log
and its filters, evidence items, grade pages, the sample, readings, the
comparison and agreement, and adding evidence through the JSON API, a write
that empties every worker's page cache), the Quality and Consistency Panel
reviewing (the panel page, the inspection and its evidence log), and analysts running the national overview
of each pack and the API's list of inspections.  Each person sends a request
on average every THINK seconds (Poisson arrivals: an open loop, so a slow
server does not slow the load down), from a pool of client threads each with
its own keep-alive connection.

After --warmup seconds of the base load, not measured (the database's pages
read into memory, as on a server that has been running), the base load is
run for --seconds, then the same mix at 2, 4, 8, ... times
the rate up to --max-factor (or the first errors): the headroom is the largest
factor, doubling from 1, whose p99 stays within 100 ms.  The server's CPU time
at each level (all its threads, /proc/PID/task/*/schedstat) gives the
headroom the CPU alone would allow, the figure to read on a shared machine.  Prints per
route p50 and p99 at the base load, each factor's p50/p99/throughput, the
server's peak resident memory, the database's size and the time of `cairn
backup` of it.  Latency is from sending the request to the last byte of the
answer; a request that could not be sent on time because every client thread
was busy counts its wait too.

Usage: bench/load.py [--db FILE] [--seconds N] [--fieldwork K] [--think S]
                     [--workers W] [--max-factor F] [--warmup S] [--out FILE] CAIRN_BINARY
"""
import argparse
import collections
import glob
import http.client
import json
import os
import queue
import random
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import largegen  # noqa: E402
import pages  # noqa: E402

LIMIT_MS = 100.0


def rss_kib(pid):
    with open(f'/proc/{pid}/status') as f:
        for line in f:
            if line.startswith('VmRSS:'):
                return int(line.split()[1])
    return 0


def world(db, k):
    """The k newest inspections (in fieldwork), every inspection, the packs and
    each inspection's evaluated indicators."""
    c = sqlite3.connect(db)
    rows = c.execute('SELECT i.id, f.code FROM inspection i JOIN framework f ON f.id = i.framework_id '
                     'ORDER BY i.id').fetchall()
    qis = {}
    for fw in set(r[1] for r in rows):
        qis[fw] = [q[0] for q in c.execute(
            'SELECT q.code FROM quality_indicator q JOIN framework f ON f.id = q.framework_id '
            'WHERE f.code = ? AND q.evaluated = 1 ORDER BY q.position', (fw,))]
    nev = dict(c.execute('SELECT inspection_id, max(number) FROM evidence GROUP BY inspection_id'))
    c.close()
    return rows[-k:], rows, sorted(qis), qis, nev


def mix(fieldwork, allinsp, packs, qis, nev, think, writes=True):
    """(rate per second, who, method, path template) of every kind of request."""
    out = []
    people = 20 / think  # requests a second from one inspection's team
    for ident, fw in fieldwork:
        q = qis[fw]
        i = f'/inspections/{ident}'
        for w, who, meth, path in (
                (0.18, 'team', 'GET', i), (0.14, 'team', 'GET', f'{i}/evidence'),
                (0.08, 'team', 'GET', lambda r, q=q, i=i: f'{i}/evidence?qi={r.choice(q)}'),
                (0.10, 'team', 'GET', lambda r, i=i, n=nev.get(ident, 1): f'{i}/evidence/{r.randint(1, n)}'),
                (0.06, 'team', 'GET', lambda r, q=q, i=i: f'{i}/grade/{r.choice(q)}'),
                (0.05, 'team', 'GET', f'{i}/fieldwork'), (0.05, 'team', 'GET', f'{i}/sample'),
                (0.05, 'team', 'GET', f'{i}/reading'), (0.04, 'team', 'GET', f'{i}/compare'),
                (0.03, 'team', 'GET', f'{i}/agreement'), (0.04, 'lead', 'GET', f'{i}/readers'),
                (0.04, 'api', 'GET', f'/api/v1/inspections/{ident}/evidence'),
                (0.10, 'api', 'POST', (ident, q))):
            if meth == 'POST' and not writes:
                continue
            out.append((people * w, who, meth, path))
    # The panel: five people reviewing the inspections that finished fieldwork.
    done = allinsp[-len(fieldwork) - 6:-len(fieldwork)] or allinsp[:1]
    for ident, fw in done:
        out.append((5 / think / len(done) * 0.6, 'panel', 'GET', f'/inspections/{ident}/panel'))
        out.append((5 / think / len(done) * 0.2, 'panel', 'GET', f'/inspections/{ident}'))
        out.append((5 / think / len(done) * 0.2, 'panel', 'GET', f'/inspections/{ident}/evidence'))
    # Three analysts: the national overview of each pack, the list of inspections.
    for fw in packs:
        out.append((3 / think * 0.8 / len(packs), 'analyst', 'GET', f'/overview?framework={fw}'))
    out.append((3 / think * 0.2, 'api', 'GET', '/api/v1/inspections'))
    return out


class Worker(threading.Thread):
    """A client thread: sends queued requests on its own connection."""
    def __init__(self, host, port, q, creds, results):
        super().__init__(daemon=True)
        self.host, self.port, self.q, self.creds, self.results = host, port, q, creds, results
        self.c = None

    def run(self):
        while True:
            item = self.q.get()
            if item is None:
                return
            due, route, who, meth, path, body = item
            h = {}
            if who == 'api':
                h['Authorization'] = 'Bearer ' + self.creds['token']
            else:
                h['Cookie'] = self.creds[who]
            if body is not None:
                h['Content-Type'] = 'application/json'
            st = 0
            for attempt in range(2):
                try:
                    if self.c is None:
                        self.c = http.client.HTTPConnection(self.host, self.port, timeout=60)
                    self.c.request(meth, path, body=body, headers=h)
                    r = self.c.getresponse()
                    r.read()
                    st = r.status
                    break
                except (http.client.HTTPException, OSError):
                    self.c = None
            t = time.perf_counter()
            self.results.append((route, (t - due) * 1000.0, st))


def run_level(host, port, creds, m, factor, seconds, threads, seed):
    """Runs the mix at factor times its rate; returns [(route, ms, status)]."""
    rng = random.Random(seed)
    q = queue.Queue()
    results = []
    ws = [Worker(host, port, q, creds, results) for _ in range(threads)]
    for w in ws:
        w.start()
    total = sum(x[0] for x in m) * factor
    weights = [x[0] for x in m]
    t0 = time.perf_counter()
    t = t0
    n = 0
    while t - t0 < seconds:
        t += rng.expovariate(total)
        rate, who, meth, path = rng.choices(m, weights)[0]
        if meth == 'POST':
            ident, qs = path
            route = 'POST /api/v1/inspections/{id}/evidence'
            url = f'/api/v1/inspections/{ident}/evidence'
            body = json.dumps({'source': 'observation', 'text': f'Observed practice {n}',
                               'qis': [rng.choice(qs)], 'status': 'strength'})
        else:
            url = path(rng) if callable(path) else path
            route = 'GET ' + re.sub(r'/[0-9]+(?=/|$)', '/{n}', url.split('?')[0]) + \
                ('?' + url.split('?')[1].split('=')[0] if '?' in url else '')
            body = None
        wait = t - time.perf_counter()
        if wait > 0:
            time.sleep(wait)
        q.put((t, route, who, meth, url, body))
        n += 1
    for _ in ws:
        q.put(None)
    for w in ws:
        w.join(timeout=120)
    return results, n / seconds


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p * len(xs)))] if xs else 0.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--db', default=os.path.join(largegen.WORK, 'national.db'))
    ap.add_argument('--seconds', type=int, default=30)
    ap.add_argument('--fieldwork', type=int, default=6)
    ap.add_argument('--think', type=float, default=10.0)
    ap.add_argument('--workers', type=int, default=4)
    ap.add_argument('--threads', type=int, default=64)
    ap.add_argument('--max-factor', type=int, default=16)
    ap.add_argument('--no-backup', action='store_true')
    ap.add_argument('--warmup', type=int, default=10,
                    help='seconds of the base load run first and not measured (0: none)')
    ap.add_argument('--no-writes', action='store_true',
                    help='leave out adding evidence (to see what the writes cost)')
    ap.add_argument('--out', default='')
    ap.add_argument('cairn')
    a = ap.parse_args()
    cairn = os.path.abspath(a.cairn)
    lines = []

    def say(s=''):
        print(s, flush=True)
        lines.append(s)

    fieldwork, allinsp, packs, qis, nev = world(a.db, a.fieldwork)
    tok = largegen.sh([cairn, '--db', a.db, 'user', 'token', 'insp00']).strip()
    load0 = os.getloadavg()
    srv, host, port = pages.start(cairn, a.db, ['--workers', str(a.workers), '--per-ip', '100000'])
    peak = 0
    try:
        creds = {'token': tok}
        for who, user in (('team', 'insp01'), ('panel', 'panel1'), ('analyst', 'lead'),
                          ('lead', 'lead')):
            cl = pages.Client(host, port)
            cl.sign_in(user)
            creds[who] = cl.cookie
        m = mix(fieldwork, allinsp, packs, qis, nev, a.think, not a.no_writes)
        base = sum(x[0] for x in m)
        say(f'{len(allinsp)} inspections, {len(fieldwork)} in fieldwork with 20 people each, '
            f'5 on the panel, 3 analysts; one request per person every {a.think:g} s on average: '
            f'{base:.1f} requests a second at the base load; {a.workers} server workers; '
            f'load average {load0[0]:.1f} at the start')
        # Warm up, unmeasured: a server that has been running has the
        # database's pages in memory; the first reads after a restart (or
        # after the backup of a previous run) come from the disk.
        if a.warmup > 0:
            run_level(host, port, creds, m, 1, a.warmup, a.threads, 0)
        factor, headroom, levels = 1, 0, []
        while factor <= a.max_factor:
            stop = threading.Event()

            def watch():
                nonlocal peak
                while not stop.is_set():
                    peak = max(peak, rss_kib(srv.pid))
                    time.sleep(0.5)
            wt = threading.Thread(target=watch, daemon=True)
            wt.start()
            c0 = pages.cpu_ms(srv.pid)
            res, rate = run_level(host, port, creds, m, factor, a.seconds, a.threads, factor)
            cpu = (pages.cpu_ms(srv.pid) - c0) / 1000.0 / a.seconds
            stop.set()
            wt.join()
            ms = [r[1] for r in res]
            bad = sum(1 for r in res if not 200 <= r[2] < 400)
            p50, p99 = pct(ms, 0.5), pct(ms, 0.99)
            levels.append((factor, rate, len(res) / a.seconds, p50, p99, bad, cpu))
            errs = collections.Counter((r[0], r[2]) for r in res if not 200 <= r[2] < 400)
            if errs:
                say(f'errors: {dict(errs)}')
            say(f'x{factor}: {rate:.1f} req/s offered, {len(res) / a.seconds:.1f} answered, '
                f'p50 {p50:.1f} ms, p99 {p99:.1f} ms, errors {bad}, server CPU {cpu:.2f} cores, load average '
                f'{os.getloadavg()[0]:.1f}')
            if factor == 1:
                by = collections.defaultdict(list)
                for r in res:
                    by[r[0]].append(r[1])
                base_rows = sorted(by.items(), key=lambda kv: -len(kv[1]))
            if p99 <= LIMIT_MS and not bad and headroom == factor // 2:
                headroom = factor
            if bad:
                break
            factor *= 2
        say('')
        say('| Route (base load) | Requests | p50 ms | p99 ms |')
        say('|---|---|---|---|')
        for route, xs in base_rows:
            say(f'| `{route}` | {len(xs)} | {pct(xs, 0.5):.1f} | {pct(xs, 0.99):.1f} |')
        say('')
        say('| Load | Offered req/s | Answered req/s | p50 ms | p99 ms | Errors | Server CPU (cores) |')
        say('|---|---|---|---|---|---|---|')
        for f, rate, ans, p50, p99, bad, cpu in levels:
            say(f'| x{f} | {rate:.1f} | {ans:.1f} | {p50:.1f} | {p99:.1f} | {bad} | {cpu:.2f} |')
        say('')
        per = levels[0][6] / max(levels[0][2], 1e-9) * 1000.0
        say(f'Headroom measured: x{headroom} (the largest multiple of the base load, doubling from '
            f'x1, whose p99 stays within {LIMIT_MS:.0f} ms on this machine as loaded). The server '
            f'spent {per:.1f} ms of CPU per request at the base load: 2 cores would be saturated at '
            f'about {2000.0 / per:.0f} requests a second, x{2000.0 / per / levels[0][2]:.0f} the base '
            f'load, if nothing else ran. Server peak resident memory {peak / 1024:.0f} MiB.')
    finally:
        srv.send_signal(signal.SIGTERM)
        srv.wait(timeout=60)
    size = os.path.getsize(a.db)
    say(f'Database {size / 1e9:.2f} GB ({size:,} bytes).')
    if not a.no_backup:
        out = a.db + '.backup'
        for p in glob.glob(glob.escape(out) + '*'):
            subprocess.run(['rm', '-rf', p])
        t = time.time()
        r = subprocess.run(['/usr/bin/time', '-f', '%e %U %S %M', cairn, '--db', a.db, 'backup', out],
                           capture_output=True, text=True)
        wall = time.time() - t
        say(f'`cairn backup`: {wall:.1f} s wall ({r.stderr.strip().splitlines()[-1] if r.stderr else ""}'
            f' = wall, user, system s, peak KiB), exit {r.returncode}.')
        # The copy and what goes beside it (its anchor, files, key, signing keys).
        subprocess.run(['rm', '-rf'] + glob.glob(glob.escape(out) + '*'))
    load1 = os.getloadavg()
    say(f'Load average {load1[0]:.1f} at the end ({os.cpu_count()} cores, shared with other builds).')
    if a.out:
        with open(a.out, 'w') as f:
            f.write('\n'.join(lines) + '\n')
    return 0


if __name__ == '__main__':
    sys.exit(main())
