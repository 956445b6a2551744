#!/usr/bin/env python3
"""The signed-in page's cost per request, in what a busy machine does not
inflate: the server's CPU time, context switches and system calls per
request under wrk (issue 22).

Usage: bench/webcpu.py [--seconds N] [--connections C] [--workers W]
                       [--strace] [--dump FILE] [--attach CMD] CAIRN_BINARY

Starts `cairn serve` on a demo database as bench/web.py does, signs in,
runs wrk at C connections for N seconds against /inspections/1 and prints
the requests, the server's CPU time (all threads, from
/proc/PID/task/*/schedstat), voluntary and involuntary context switches (all
threads, /proc/PID/task/*/status) per request.  --strace runs a second,
shorter wrk with `strace -c -f` attached and prints the system calls per
request.  --dump writes the page's status line, headers (the Date header
left out) and body, to compare two binaries byte for byte.
"""
import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from urllib.parse import urlencode

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from web import PASSWORD, request  # noqa: E402


def usage(pid):
    """(CPU ms, voluntary, involuntary switches) of every thread of pid
    (CPU from schedstat, in nanoseconds)."""
    cpu = vol = inv = 0
    for t in os.listdir(f'/proc/{pid}/task'):
        try:
            with open(f'/proc/{pid}/task/{t}/schedstat') as f:
                cpu += int(f.read().split()[0])
            with open(f'/proc/{pid}/task/{t}/status') as f:
                for line in f:
                    if line.startswith('voluntary_ctxt_switches:'):
                        vol += int(line.split()[1])
                    elif line.startswith('nonvoluntary_ctxt_switches:'):
                        inv += int(line.split()[1])
        except FileNotFoundError:
            pass
    return cpu / 1e6, vol, inv


def wrk(url, seconds, connections, cookie):
    out = subprocess.run(['wrk', '-t2', f'-c{connections}', f'-d{seconds}s', '--latency',
                          '-H', f'Cookie: {cookie}', url],
                         capture_output=True, text=True, check=True).stdout
    n = int(re.search(r'([0-9]+) requests in', out).group(1))
    m = re.search(r'99%\s+([0-9.]+)(us|ms|s)', out)
    p99 = float(m.group(1)) * {'us': 0.001, 'ms': 1.0, 's': 1000.0}[m.group(2)]
    bad = re.search(r'Non-2xx or 3xx responses:\s+([0-9]+)', out)
    return n, p99, int(bad.group(1)) if bad else 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--seconds', type=int, default=10)
    ap.add_argument('--connections', type=int, default=64)
    ap.add_argument('--workers', type=int, default=4)
    ap.add_argument('--strace', action='store_true')
    ap.add_argument('--dump')
    ap.add_argument('--attach', help='a command run on the server during a second wrk run, '
                    '{pid} replaced by its process id, e.g. "perf record -g -p {pid}"')
    ap.add_argument('cairn')
    a = ap.parse_args()
    cairn = os.path.abspath(a.cairn)
    d = tempfile.mkdtemp(prefix='cairn-webcpu.')
    db = os.path.join(d, 'cairn.db')
    srv = None
    try:
        subprocess.run([cairn, '--db', db, 'demo', '--out', os.path.join(d, 'out')], check=True,
                       capture_output=True)
        subprocess.run([cairn, '--db', db, 'user', 'add', 'lead'], input=PASSWORD + '\n',
                       text=True, check=True, capture_output=True)
        subprocess.run([cairn, '--db', db, 'team', 'add', '1', 'lead', '--role', 'lead'],
                       check=True, capture_output=True)
        srv = subprocess.Popen([cairn, '--db', db, 'serve', '--listen', '127.0.0.1:0',
                                '--insecure-cookies', '--workers', str(a.workers),
                                '--per-ip', '1024'],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        host, port = re.search(r'http://([0-9.]+):([0-9]+)', srv.stdout.readline()).groups()
        port = int(port)
        st, hdrs, body = request(host, port, 'GET', '/signin')
        pre = [v for k, v in hdrs if k == 'Set-Cookie'][0].split(';')[0]
        tok = re.search(r'name="csrf" value="([0-9a-f]{64})"', body.decode()).group(1)
        st, hdrs, body = request(host, port, 'POST', '/signin', urlencode(
            {'csrf': tok, 'username': 'lead', 'password': PASSWORD, 'next': '/'}),
            {'Content-Type': 'application/x-www-form-urlencoded', 'Cookie': pre})
        cookie = [v for k, v in hdrs if k == 'Set-Cookie' and 'session' in v][0].split(';')[0]
        st, hdrs, page = request(host, port, 'GET', '/inspections/1', headers={'Cookie': cookie})
        assert st == 200, st
        if a.dump:
            st2, hdrs2, page2 = request(host, port, 'GET', '/inspections/1',
                                        headers={'Cookie': cookie})
            with open(a.dump, 'wb') as f:
                for s, h, p in ((st, hdrs, page), (st2, hdrs2, page2)):
                    f.write(f'{s}\n'.encode())
                    for k, v in h:
                        if k.lower() != 'date':
                            f.write(f'{k}: {v}\n'.encode())
                    f.write(b'\n' + p + b'\n')
        url = f'http://{host}:{port}/inspections/1'
        wrk(url, 2, a.connections, cookie)  # warm-up: every worker's cache filled
        cpu0, vol0, inv0 = usage(srv.pid)
        n, p99, bad = wrk(url, a.seconds, a.connections, cookie)
        cpu1, vol1, inv1 = usage(srv.pid)
        print(f'{a.cairn}: {n} requests in '
              f'{a.seconds} s at {a.connections} connections, non-2xx {bad}, p99 {p99:.2f} ms; '
              f'server CPU {1000 * (cpu1 - cpu0) / n:.1f} us/request, context switches '
              f'{(vol1 - vol0) / n:.3f} voluntary + {(inv1 - inv0) / n:.3f} involuntary '
              f'per request; load average {os.getloadavg()[0]:.1f}')
        if a.strace:
            out = os.path.join(d, 'strace.txt')
            tr = subprocess.Popen(['strace', '-c', '-f', '-o', out, '-p', str(srv.pid)],
                                  stderr=subprocess.DEVNULL)
            time.sleep(1)
            n, _, _ = wrk(url, min(5, a.seconds), a.connections, cookie)
            tr.send_signal(signal.SIGINT)
            tr.wait(timeout=30)
            with open(out) as f:
                text = f.read()
            total = 0
            rows = []
            for line in text.splitlines():
                parts = line.split()
                if len(parts) >= 5 and parts[0][0].isdigit() and parts[-1] != 'total':
                    calls = int(parts[3])
                    total += calls
                    rows.append((calls, parts[-1]))
            rows.sort(reverse=True)
            print(f'system calls per request under strace ({n} requests): {total / n:.2f}: ' +
                  ', '.join(f'{c / n:.2f} {name}' for c, name in rows[:10]))
        if a.attach:
            tr = subprocess.Popen(a.attach.replace('{pid}', str(srv.pid)), shell=True,
                                  start_new_session=True)
            time.sleep(1)
            n, _, _ = wrk(url, min(5, a.seconds), a.connections, cookie)
            os.killpg(tr.pid, signal.SIGINT)
            tr.wait(timeout=60)
            print(f'run with {a.attach.split()[0]} attached: {n} requests')
    finally:
        if srv is not None:
            srv.send_signal(signal.SIGTERM)
            try:
                srv.wait(timeout=20)
            except subprocess.TimeoutExpired:
                srv.kill()
        shutil.rmtree(d, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())
