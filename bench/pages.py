#!/usr/bin/env python3
"""Server time of every page of a large inspection (issue 17, "Speed").

Builds (or reuses) bench/work/large.db with bench/largegen.py: 50,000 children,
600 sampled, 25,000 evidence items, 100,000 audit entries.  Starts `cairn serve
--no-cache` on it (every request is built from the database: no worker cache),
signs in as the lead and as an administrator, and requests each page (and the
JSON API's reads with a token) on one keep-alive connection over loopback: one
warm-up request, then --reps timed ones.  The time is from sending the request
to its last byte, so it is the server's time plus a loopback round trip (tens
of microseconds), and, because a shared machine makes wall-clock times wait for
a CPU, also the CPU time the server's threads spent on the request (from
/proc/PID/task/*/schedstat, in nanoseconds).  Prints a Markdown table, the
median and the largest wall time and the median CPU time of each, and exits 1
if any page's median CPU time is 20 ms or more (or its wall time, on a machine
whose load average is below 1).

Usage: bench/pages.py [--reps N] [--db FILE] [--rebuild] [--only A,B] [--dump DIR] CAIRN_BINARY
"""
import argparse
import http.client
import os
import re
import signal
import subprocess
import sys
import time
from urllib.parse import urlencode

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import largegen  # noqa: E402

LIMIT_MS = 20.0


def cpu_ms(pid):
    """CPU time of every thread of process pid so far, in ms (schedstat: ns)."""
    total = 0
    d = f'/proc/{pid}/task'
    for t in os.listdir(d):
        try:
            with open(f'{d}/{t}/schedstat') as f:
                total += int(f.read().split()[0])
        except (FileNotFoundError, ProcessLookupError):
            pass
    return total / 1e6


class Client:
    def __init__(self, host, port):
        self.c = http.client.HTTPConnection(host, port, timeout=60)
        self.cookie = None
        self.token = None

    def req(self, method, path, body=None, headers=None):
        h = dict(headers or {})
        if self.cookie:
            h['Cookie'] = self.cookie
        if self.token:
            h['Authorization'] = 'Bearer ' + self.token
        t0 = time.perf_counter()
        try:
            self.c.request(method, path, body=body, headers=h)
            r = self.c.getresponse()
        except (http.client.HTTPException, OSError):
            # The server closed an idle keep-alive connection: open another.
            self.c = http.client.HTTPConnection(self.c.host, self.c.port, timeout=60)
            t0 = time.perf_counter()
            self.c.request(method, path, body=body, headers=h)
            r = self.c.getresponse()
        data = r.read()
        t1 = time.perf_counter()
        return r.status, r.getheaders(), data, (t1 - t0) * 1000.0

    def sign_in(self, user):
        st, hdrs, body, _ = self.req('GET', '/signin')
        pre = [v for k, v in hdrs if k == 'Set-Cookie'][0].split(';')[0]
        tok = re.search(r'name="csrf" value="([0-9a-f]{64})"', body.decode()).group(1)
        self.cookie = pre
        st, hdrs, body, _ = self.req('POST', '/signin', urlencode(
            {'csrf': tok, 'username': user, 'password': largegen.PASSWORD, 'next': '/'}),
            {'Content-Type': 'application/x-www-form-urlencoded'})
        self.cookie = [v for k, v in hdrs if k == 'Set-Cookie' and 'session' in v][0].split(';')[0]


def start(cairn, db, extra=()):
    srv = subprocess.Popen([cairn, '--db', db, 'serve', '--listen', '127.0.0.1:0',
                            '--insecure-cookies', '--per-ip', '100000'] + list(extra),
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    host, port = re.search(r'http://([0-9.]+):([0-9]+)', srv.stdout.readline()).groups()
    return srv, host, int(port)


def pages(db, ident):
    """The pages to time, as (who, path): every GET page of one inspection."""
    import sqlite3
    c = sqlite3.connect(db)
    fw = c.execute('SELECT f.code FROM inspection i JOIN framework f ON f.id = i.framework_id '
                   'WHERE i.id = ?', (ident,)).fetchone()[0]
    qi = c.execute("SELECT q.code FROM quality_indicator q JOIN framework f ON f.id = q.framework_id "
                   "WHERE f.code = ? AND q.evaluated = 1 ORDER BY q.position LIMIT 1", (fw,)).fetchone()[0]
    ref = c.execute('SELECT m.ref FROM sample_member m WHERE m.double_read = 1 AND '
                    'm.inspection_id = ? LIMIT 1', (ident,)).fetchone()
    c.close()
    i = f'/inspections/{ident}'
    out = [('lead', '/'), ('lead', i), ('lead', f'{i}/grade/{qi}'), ('lead', f'{i}/panel'),
           ('lead', f'{i}/evidence'), ('lead', f'{i}/evidence?qi={qi}'),
           ('lead', f'{i}/evidence?qi={qi}&page=20'), ('lead', f'{i}/evidence/1'),
           ('lead', f'{i}/audit'), ('admin', '/audit'), ('lead', f'{i}/sample'),
           ('lead', f'{i}/reading'), ('lead', f'{i}/population'), ('lead', f'{i}/sample/draw'),
           ('lead', f'{i}/readers'), ('lead', f'{i}/compare'), ('lead', f'{i}/concerns'),
           ('lead', f'{i}/agreement'), ('lead', f'{i}/team'), ('lead', f'{i}/findings'),
           ('lead', f'{i}/stage'), ('lead', f'{i}/settings'), ('lead', f'{i}/publish'),
           ('lead', f'{i}/preview'), ('lead', f'{i}/release'), ('lead', f'{i}/plan'),
           ('lead', f'{i}/followup'), ('lead', f'{i}/surveys'), ('lead', f'{i}/outcomes'),
           ('lead', f'{i}/fieldwork'), ('lead', f'{i}/young-inspectors'), ('lead', f'{i}/correct'),
           ('lead', f'{i}/report'), ('admin', '/overview'), ('admin', '/accounts'),
           ('admin', '/new-inspection'),
           ('api', f'/api/v1/inspections/{ident}'), ('api', f'/api/v1/inspections/{ident}/evaluations'),
           ('api', f'/api/v1/inspections/{ident}/evidence'),
           ('api', f'/api/v1/inspections/{ident}/evidence?qi={qi}'),
           ('api', f'/api/v1/inspections/{ident}/sample'), ('api', f'/api/v1/inspections/{ident}/readings'),
           ('api', f'/api/v1/inspections/{ident}/agreement'), ('api', f'/api/v1/inspections/{ident}/stage')]
    if ref:
        out.insert(12, ('lead', f'{i}/compare/{ref[0]}'))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--reps', type=int, default=7)
    ap.add_argument('--db', default=os.path.join(largegen.WORK, 'large.db'))
    ap.add_argument('--rebuild', action='store_true')
    ap.add_argument('--inspection', type=int, default=1,
                    help='the inspection whose pages to time (e.g. one of bench/national.py\'s)')
    ap.add_argument('--only', default='', help='comma-separated substrings of paths to time')
    ap.add_argument('--dump', default='', help='also write each body into this directory '
                    '(to compare two builds: the results must stay identical)')
    ap.add_argument('cairn')
    a = ap.parse_args()
    cairn = os.path.abspath(a.cairn)
    if a.rebuild or not os.path.exists(a.db):
        os.makedirs(largegen.WORK, exist_ok=True)
        largegen.setup_db(cairn, a.db)
        largegen.build_inspection(cairn, a.db, 'Largeshire', 'cyp-2014', 1)
    tok = largegen.sh([cairn, '--db', a.db, 'user', 'token', 'lead']).strip()
    srv, host, port = start(cairn, a.db, ['--no-cache'])
    try:
        who = {'lead': Client(host, port), 'admin': Client(host, port), 'api': Client(host, port)}
        who['lead'].sign_in('lead')
        who['admin'].sign_in('admin')
        who['api'].token = tok
        load0 = os.getloadavg()[0]
        rows, slow = ['| Page | As | Status | Bytes | Median ms | Largest ms | Server CPU ms (median) |',
                      '|---|---|---|---|---|---|---|'], []
        print('\n'.join(rows))
        for user, path in pages(a.db, a.inspection):
            if a.only and not any(s in path for s in a.only.split(',')):
                continue
            cl = who[user]
            st, _, body, _ = cl.req('GET', path)
            ts, cs = [], []
            for _ in range(a.reps):
                c0 = cpu_ms(srv.pid)
                st, _, body, ms = cl.req('GET', path)
                cs.append(cpu_ms(srv.pid) - c0)
                ts.append(ms)
            if a.dump:
                os.makedirs(a.dump, exist_ok=True)
                name = re.sub(r'[^A-Za-z0-9.]+', '_', path).strip('_') or 'home'
                text = re.sub(rb'[0-9a-f]{64}', b'HEX', body)
                with open(os.path.join(a.dump, f'{user}-{name}'), 'wb') as f:
                    f.write(text)
            ts.sort()
            cs.sort()
            med = ts[len(ts) // 2]
            cmed = cs[len(cs) // 2]
            rows.append(f'| `{path}` | {user} | {st} | {len(body):,} | {med:.1f} | {ts[-1]:.1f} | '
                        f'{cmed:.1f} |')
            print(rows[-1], flush=True)
            if cmed >= LIMIT_MS or (med >= LIMIT_MS and load0 < 1.0):
                slow.append(path)
        load1 = os.getloadavg()[0]
        print(f'\nload average {load0:.1f} at the start, {load1:.1f} at the end; '
              f'{len(slow)} pages at {LIMIT_MS:.0f} ms or more: {", ".join(slow)}')
        return 1 if slow else 0
    finally:
        srv.send_signal(signal.SIGTERM)
        srv.wait(timeout=20)


if __name__ == '__main__':
    sys.exit(main())
