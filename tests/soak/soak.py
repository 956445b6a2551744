"""The soak test (`make soak`, not in make check): 64 connections mixing
reads and writes against the real `cairn serve` on 127.0.0.1 for
SOAK_SECONDS (default 600).  Passes when there were no errors (no 5xx, no
unexpected status, no connection failure), the server's resident memory
stayed flat, PRAGMA integrity_check is ok, `cairn audit verify` passes and
every evidence item the server acknowledged is in the database.

Memory flat: RSS is sampled every 2 s from the moment every connection has
signed in.  The first WINDOW (60 s, or a fifth of a shorter run) is the
warm-up; the mean of the window after it is the reference, and the mean of
the last window must be within 10 % + 4 MiB of it.  The samples are printed
(every 10 s) with the number of evidence items added by then, since the
evidence log is what grows during the run; so are the sizes of the pages
read, at the end, which must not grow with the log.

Environment: CAIRN (the binary), SRCDIR, SOAK_SECONDS, SOAK_CONNECTIONS.
Prints a summary and TAP."""
import json
import os
import sqlite3
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'e2e'))
from webtest import Client, Fixture, Server, Tap, cairn, csrf_of  # noqa: E402

SECONDS = int(os.environ.get('SOAK_SECONDS', '600'))
CONNS = int(os.environ.get('SOAK_CONNECTIONS', '64'))
USERS = ['lead', 'inspector', 'young']  # roles that may add evidence
# What the connections read, in turn.
READS = ['/', '/inspections/1', '/inspections/1/evidence', '/inspections/1/evidence?qi=2.1',
         '/assets/cairn.js']


def rss_kib(pid):
    """The process's resident set size in KiB."""
    with open(f'/proc/{pid}/status') as fh:
        for line in fh:
            if line.startswith('VmRSS:'):
                return int(line.split()[1])
    return 0


class Stats:
    """Counts shared by the worker threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.reads = 0
        self.writes = 0
        self.errors = []
        self.evidence = set()  # texts the server acknowledged

    def add(self, kind, err=None, text=None):
        with self.lock:
            if err is not None:
                if len(self.errors) < 50:
                    self.errors.append(err)
                else:
                    self.errors.append('...')
                    self.errors = self.errors[:51]
                return
            if kind == 'r':
                self.reads += 1
            else:
                self.writes += 1
                if text is not None:
                    self.evidence.add(text)


def worker(n, srv, token, clock, st):
    """One connection's loop: signs in, waits for every other connection to
    have signed in (clock['ready']), then four reads and one write at a time
    until clock['deadline']."""
    user = USERS[n % len(USERS)]
    c = Client(srv)
    try:
        r = c.sign_in(user)
        if r.status != 303:
            st.add('r', f'worker {n}: sign-in {r.status}')
            return
    except OSError as e:
        st.add('r', f'worker {n}: sign-in {e}')
        return
    finally:
        clock['ready'].wait()
    clock['go'].wait()
    deadline = clock['deadline']
    i = 0
    while time.time() < deadline:
        i += 1
        try:
            if i % 5:
                path = READS[(n + i) % len(READS)]
                r = c.get(path)
                if r.status != 200:
                    st.add('r', f'worker {n}: GET {path}: {r.status}')
                else:
                    st.add('r')
            elif i % 10 == 0 and n % 4 == 0:
                body = json.dumps({'grade': 3 + (i // 10) % 3, 'rationale': f'soak {n} {i}'})
                r = c.request('PUT', '/api/v1/inspections/1/evaluations/2.1', body=body.encode(),
                              headers={'Authorization': 'Bearer ' + token,
                                       'Content-Type': 'application/json'})
                if r.status != 200:
                    st.add('w', f'worker {n}: PUT grade: {r.status} {r.body[:100]!r}')
                else:
                    st.add('w')
            else:
                tok = csrf_of(c.get('/inspections/1/evidence').text)
                text = f'soak evidence {n}-{i}'
                r = c.post('/inspections/1/evidence', {'csrf': tok, 'source': 'document',
                                                        'text': text, 'qis': '2.1',
                                                        'status': 'strength'})
                if r.status != 303:
                    st.add('w', f'worker {n}: POST evidence: {r.status}')
                else:
                    st.add('w', text=text)
        except OSError as e:
            st.add('r', f'worker {n}: {type(e).__name__}: {e}')


def main():
    t = Tap()
    fx = Fixture()
    srv = Server(fx.db, '--workers', '4')
    st = Stats()
    samples = []
    try:
        rc, token, err = cairn(fx.db, 'user', 'token', 'lead')
        token = token.strip()
        # Sign-ins (Argon2id, memory-hard) come first; the clock and the memory
        # samples start once every connection is signed in.
        clock = {'ready': threading.Barrier(CONNS + 1), 'go': threading.Event()}
        threads = [threading.Thread(target=worker, args=(n, srv, token, clock, st))
                   for n in range(CONNS)]
        for th in threads:
            th.start()
        clock['ready'].wait()
        rss_signed_in = rss_kib(srv.proc.pid)
        start = time.time()
        deadline = start + SECONDS
        clock['deadline'] = deadline
        clock['go'].set()
        while time.time() < deadline:
            with st.lock:
                added = len(st.evidence)
            samples.append((time.time() - start, rss_kib(srv.proc.pid), added))
            time.sleep(2)
        for th in threads:
            th.join(120)
        elapsed = time.time() - start
        window = min(60.0, SECONDS / 5)
        warm = [kib for at, kib, _ in samples if at <= window]
        ref = [kib for at, kib, _ in samples if window <= at <= 2 * window]
        last = [kib for at, kib, _ in samples if at >= SECONDS - window]
        w = sum(warm) / max(1, len(warm)) / 1024
        f = sum(ref) / max(1, len(ref)) / 1024
        la = sum(last) / max(1, len(last)) / 1024
        total = st.reads + st.writes
        print(f'# soak: {CONNS} connections, {elapsed:.0f} s, {st.reads} reads, '
              f'{st.writes} writes ({total / elapsed:.0f} requests/s), {len(st.errors)} errors')
        print(f'# server RSS after the sign-ins: {rss_signed_in / 1024:.1f} MiB')
        print(f'# server RSS: warm-up (first {window:.0f} s) mean {w:.1f} MiB, reference '
              f'({window:.0f}-{2 * window:.0f} s) mean {f:.1f} MiB, last {window:.0f} s mean '
              f'{la:.1f} MiB ({la - f:+.1f} MiB), peak {max(k for _, k, _ in samples) / 1024:.1f} '
              f'MiB; {len(st.evidence)} evidence items added')
        print('# page sizes at the end (bytes):')
        sizer = Client(srv)
        sizer.sign_in('lead')
        for path in READS:
            print(f'#   {path}: {len(sizer.get(path).body)}')
        print('# samples (s, RSS MiB, evidence items added):')
        for at, kib, added in samples[::5]:
            print(f'#   {at:6.0f} {kib / 1024:7.1f} {added:7d}')
        t.ok(not st.errors, f'no errors in {total} requests', '\n'.join(st.errors[:20]))
        t.ok(st.writes > 0 and st.reads > 0, 'both reads and writes were made')
        t.ok(la <= f * 1.10 + 4, 'server memory flat after the warm-up (the last window\'s mean '
             'within 10% + 4 MiB of the window after the warm-up)', (f, la))
        t.ok(srv.stop() == 0, 'the server stops cleanly')
        srv = None
        con = sqlite3.connect(fx.db)
        ic = con.execute('PRAGMA integrity_check').fetchone()[0]
        texts = {r[0] for r in con.execute("SELECT text FROM evidence WHERE text LIKE 'soak %'")}
        con.close()
        t.ok(ic == 'ok', 'PRAGMA integrity_check ok', ic)
        t.ok(st.evidence <= texts and len(texts) == len(st.evidence),
             f'every acknowledged evidence item stored ({len(st.evidence)}), none extra',
             (len(st.evidence), len(texts)))
        rc, out, err = cairn(fx.db, 'audit', 'verify')
        t.ok(rc == 0, 'cairn audit verify: ' + out.strip(), err)
    finally:
        if srv is not None:
            srv.stop()
        fx.cleanup()
    return t.done()


sys.exit(main())
