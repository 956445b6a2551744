"""End-to-end tests over HTTP against the real server and the real SQLite
file: the audit page's "Check the chain" runs in bounded steps (issue 17),
here 10 entries a step (CAIRN_AUDIT_STEP), going on from the position kept
in DATABASE.verified.  The steps add up to every entry and end with the
same count as `cairn audit verify`; a re-check reads only the entries added
since; an entry tampered with sqlite3, early or late in the chain, is found
by a full check with its number, through the page and the CLI alike; a
forged position file is not trusted.  Prints TAP."""
import os
import re
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webtest import Client, Fixture, Server, Tap, cairn  # noqa: E402

STEP = 10


def entries(db):
    con = sqlite3.connect(db)
    n = con.execute('SELECT max(id) FROM audit').fetchone()[0]
    con.close()
    return n


def progress(text):
    """(checked, total) from "Checked N of M entries so far", or None."""
    m = re.search(r'Checked ([0-9]+) of ([0-9]+) entr', text)
    return (int(m.group(1)), int(m.group(2))) if m else None


def run_to_end(client, path, first, limit):
    """Steps the check from the query `first` until it ends; returns the
    last page and the list of (checked, total) seen on the way."""
    seen = []
    r = client.get(path + '?verify=' + first)
    for _ in range(limit):
        p = progress(r.text)
        if p is None:
            break
        seen.append(p)
        r = client.get(path + '?verify=1')
    return r, seen


def set_actor(db, ident, actor):
    con = sqlite3.connect(db)
    old = con.execute('SELECT actor FROM audit WHERE id = ?', (ident,)).fetchone()[0]
    con.execute('UPDATE audit SET actor = ? WHERE id = ?', (actor, ident))
    con.commit()
    con.close()
    return old


t = Tap()
fx = Fixture()
os.environ['CAIRN_AUDIT_STEP'] = str(STEP)
srv = None
try:
    srv = Server(fx.db)
    admin = Client(srv)
    admin.sign_in('admin')
    total = entries(fx.db)
    t.ok(total > 3 * STEP, 'the demo log is longer than three steps', total)
    r = admin.get('/audit')
    t.ok(r.status == 200 and 'Check the chain' in r.text and
         'Check the whole chain again' in r.text and 'is intact' not in r.text,
         'the audit page offers the check and the full re-check without running either',
         r.status)

    r = admin.get('/audit?verify=full')
    p = progress(r.text)
    t.ok(r.status == 200 and p is not None and p[0] == STEP and p[1] >= total and
         'Continue checking' in r.text and 'The chain of' not in r.text,
         f'one step checks {STEP} entries and says "Checked {STEP} of N"', (r.status, p))
    t.ok('name="verify" value="1"' in r.text, 'with a button that continues the check', p)
    r, seen = run_to_end(admin, '/audit', '1', 1000)
    counts = [s[0] for s in seen]
    t.ok(all(b - a == STEP for a, b in zip(counts, counts[1:])),
         f'each further step adds {STEP} entries', counts[:5])
    total = entries(fx.db)  # the page views themselves are not audited, but be exact
    m = re.search(r'The chain of ([0-9]+) entries is intact', r.text)
    t.ok(m is not None and int(m.group(1)) == total,
         'the steps end with the whole chain intact, every entry counted',
         (total, m and m.group(0)))
    rc, out, err = cairn(fx.db, 'audit', 'verify')
    t.ok(rc == 0 and f'{total} entries verified' in out,
         'the CLI agrees on the same count', (rc, out, err))
    t.ok(os.path.exists(fx.db + '.verified'), 'the position is kept beside the database')

    # New entries: a re-check reads only them.
    rc, out, err = cairn(fx.db, 'grade', '1', '2.1', '4', '--rationale', 'Checked again.')
    t.ok(rc == 0, 'a change adds audit entries', err)
    total2 = entries(fx.db)
    r = admin.get('/audit?verify=1')
    m = re.search(r'The chain of ([0-9]+) entries is intact', r.text)
    t.ok(total2 > total and m is not None and int(m.group(1)) == total2 and
         'only the entries added since' in r.text,
         're-checking reads only the entries added since, and counts them all',
         (total, total2, m and m.group(0)))

    # Tamper with an early entry: a full check finds it, by its number.
    old3 = set_actor(fx.db, 3, 'mallory')
    rc, out, err = cairn(fx.db, 'audit', 'verify')
    t.ok(rc == 65 and 'broken at entry 3 ' in err, 'the CLI finds entry 3 changed', (rc, err))
    r = admin.get('/audit?verify=full')
    t.ok(r.status == 200 and 'broken at entry 3 ' in r.text and 'is intact' not in r.text,
         'a full check through the page finds entry 3 changed', r.status)
    r = admin.get('/audit?verify=1')
    t.ok('broken at entry 3 ' in r.text, 'continuing does not pass over it', r.status)
    rc, out, err = cairn(fx.db, 'audit', 'verify', '--since-last')
    t.ok(rc == 65 and 'broken at entry 3 ' in err,
         "the CLI's --since-last goes on from the same position and finds it", (rc, err))
    inspector = Client(srv)
    inspector.sign_in('lead')
    r = inspector.get('/inspections/1/audit?verify=full')
    t.ok(r.status == 200 and 'broken at entry 3 ' in r.text,
         "the lead's audit page of the inspection runs the same check", r.status)

    # A forged position claiming the whole log verified is not trusted.
    con = sqlite3.connect(fx.db)
    last, h = con.execute('SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1').fetchone()
    con.close()
    with open(fx.db + '.verified', 'w') as f:
        f.write(f'cairn audit check 1\nlast {last}\nhash {h}\nchecked {last}\nanchor 0\n'
                f'mac {"0" * 64}\n')
    r = admin.get('/audit?verify=1')
    t.ok('broken at entry 3 ' in r.text and 'is intact' not in r.text,
         'a position file without a valid MAC is ignored: the check starts again and finds it',
         r.status)

    # Mended, then an entry late in the chain: found on the step that reaches it.
    set_actor(fx.db, 3, old3)
    late = total2 - 5
    set_actor(fx.db, late, 'mallory')
    r, seen = run_to_end(admin, '/audit', 'full', 1000)
    t.ok(len(seen) >= 2 and f'broken at entry {late} ' in r.text,
         f'a full check passes the early steps and finds entry {late}', (len(seen), late))
    rc, out, err = cairn(fx.db, 'audit', 'verify')
    t.ok(rc == 65 and f'broken at entry {late} ' in err, 'and so does the CLI', (rc, err))

    rc = srv.stop()
    t.ok(rc == 0, 'the server stops cleanly (no sanitizer report)',
         (rc, srv.proc.stderr.read()[-2000:] if srv.proc.stderr else ''))
finally:
    if srv is not None:
        srv.stop()
    fx.cleanup()
sys.exit(t.done())
