"""End-to-end tests of the HTTP layer's hardening (issue 18): a NUL in
the path or the query, conflicting Content-Length headers, sign-in
throttling behind a trusted proxy.  The real server on 127.0.0.1.
Prints TAP."""
import json
import os
import socket
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webtest import PASSWORD, Client, Fixture, Server, Tap, cairn, csrf_of  # noqa: E402

t = Tap()
fx = Fixture()


def raw(srv, data):
    """Sends bytes as they are; returns the status code (0 if none)."""
    s = socket.create_connection((srv.host, srv.port), timeout=30)
    s.sendall(data)
    got = b''
    while b'\r\n' not in got:
        chunk = s.recv(4096)
        if not chunk:
            break
        got += chunk
    s.close()
    try:
        return int(got.split(b' ', 2)[1])
    except (IndexError, ValueError):
        return 0


def signin(srv, user, password, forwarded):
    """Signs in as a browser behind a proxy that forwards the address."""
    c = Client(srv)
    r = c.get('/signin')
    return c.post('/signin', {'csrf': csrf_of(r.text), 'username': user, 'password': password,
                              'next': '/'}, headers={'X-Forwarded-For': forwarded})


def grade_of(show, qi):
    for e in show.get('evaluations', []):
        if e.get('qi') == qi:
            return e.get('grade')
    return None


srv = Server(fx.db)
try:
    anon = Client(srv)
    # ---- a NUL in the address ----
    r = anon.get('/assets/cairn.css')
    t.ok(r.status == 200, 'the stylesheet itself is served', r.status)
    r = anon.get('/assets/cairn.css%00.js')
    t.ok(r.status == 400, '/assets/cairn.css%00.js is 400, not the stylesheet', r.status)
    r = anon.get('/signin?next=/%00x')
    t.ok(r.status == 400, 'a NUL in a query value is 400', r.status)
    r = anon.get('/signin?ne%00xt=/')
    t.ok(r.status == 400, 'a NUL in a query name is 400', r.status)
    r = anon.get('/signin?next=/inspections')
    t.ok(r.status == 200, 'the same request without the NUL still works', r.status)

    rc, token, err = cairn(fx.db, 'user', 'token', 'lead')
    jh = {'Authorization': 'Bearer ' + token.strip(), 'Content-Type': 'application/json'}
    before = grade_of(json.loads(cairn(fx.db, 'inspection', 'show', '1', '--json')[1]), '2.1')
    r = anon.request('PUT', '/api/v1/inspections/1/evaluations/2.1%00', headers=jh,
                     body=b'{"grade": 6, "rationale": "through a NUL"}')
    after = grade_of(json.loads(cairn(fx.db, 'inspection', 'show', '1', '--json')[1]), '2.1')
    t.ok(r.status == 400 and after == before,
         'PUT .../evaluations/2.1%00 is 400 and stores no grade', (r.status, before, after))

    # ---- Content-Length ----
    st = raw(srv, b'POST /signin HTTP/1.1\r\nHost: x\r\nContent-Type: '
             b'application/x-www-form-urlencoded\r\nContent-Length: 5\r\n'
             b'Content-Length: 30\r\n\r\nab=cdefghijklmnopqrstuvwxyz0123')
    t.ok(st == 400, 'two different Content-Length headers are 400', st)
    st = raw(srv, b'GET /signin HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')
    t.ok(st == 200, 'a plain request on a fresh connection still works', st)

    # ---- a bidirectional control in a file name (U+202E) ----
    rlo = os.path.join(fx.dir, 'Report\u202efdp.exe')
    with open(rlo, 'w') as fh:
        fh.write('notes\n')
    rc, out, err = cairn(fx.db, 'evidence', 'add', '1', '--source', 'document', '--text',
                         'Bidi \u202eevidence', '--file', rlo, '--by', 'lead')
    no = out.split()[0] if out else ''
    lead = Client(srv)
    lead.sign_in('lead')
    r = lead.get('/inspections/1/evidence')
    t.ok(rc == 0 and r.status == 200 and '\u202e' not in r.text and
         'Report&lt;U+202E&gt;fdp.exe' in r.text,
         'the evidence page shows U+202E in a file name instead of obeying it',
         (rc, err, r.status))
    r = lead.get(f'/inspections/1/evidence/{no}/file')
    disp = r.header('Content-Disposition') or ''
    t.ok(r.status == 200 and '%E2%80%AE' not in disp.upper() and 'Reportfdp.exe' in disp,
         'the download name drops the bidirectional control', (r.status, disp))

    # ---- X-Forwarded-For from a peer that is not a trusted proxy ----
    # 11 failures on different names, each claiming another address: all
    # count against 127.0.0.1, so a name that failed is then slowed.
    for i in range(11):
        r = signin(srv, 'spoof%d' % i, 'wrong password', '203.0.113.%d' % (i + 1))
    r = signin(srv, 'spoof10', 'wrong password', '203.0.113.99')
    t.ok(r.status == 429, 'without --trusted-proxy, X-Forwarded-For is ignored', r.status)
finally:
    srv.stop()

# ---- behind a trusted proxy (the documented nginx on 127.0.0.1) ----
srv = Server(fx.db, '--trusted-proxy', '127.0.0.1')
try:
    # 21 wrong sign-ins from one client, on 21 names (no account locked)
    for i in range(21):
        r = signin(srv, 'ghost%d' % i, 'wrong password', '203.0.113.9')
    t.ok(r.status in (200, 429), 'an attacker fails 21 times through the proxy', r.status)
    r = signin(srv, 'lead', PASSWORD, '198.51.100.7')
    t.ok(r.status == 303, 'another user behind the same proxy signs in (not locked out)',
         r.status)
    r = signin(srv, 'young', PASSWORD, '203.0.113.9')
    t.ok(r.status == 303,
         "even from the attacker's address, a correct password for an account with no "
         'recent failures signs in', r.status)
    r = signin(srv, 'ghost0', 'wrong password', '203.0.113.9')
    t.ok(r.status == 429 and 'Wait a minute' in r.text,
         'the attacker, trying a name again at once, is slowed (429)', r.status)
    r = signin(srv, 'ghost0', 'wrong password', '198.51.100.7')
    t.ok(r.status == 200 and 'not right' in r.text,
         'the same name from another forwarded address is only a wrong password', r.status)
    r = signin(srv, 'ghost0', 'wrong password', '198.51.100.7, 127.0.0.1')
    t.ok(r.status == 200, 'trusted proxies in the chain are skipped (rightmost other address)',
         r.status)
    for i in range(5):
        r = signin(srv, 'inspector', 'wrong password', '192.0.2.%d' % (i + 1))
    r = signin(srv, 'inspector', PASSWORD, '192.0.2.77')
    t.ok(r.status == 429 and '15 minutes' in r.text,
         'per-account lockout as before: 5 failures lock the account from any address',
         r.status)
    rc, out, err = cairn(fx.db, 'audit', 'list', '--json')
    t.ok('203.0.113.9' in out and '198.51.100.7' in out,
         'the audit log records the forwarded client addresses')
finally:
    srv.stop()
rc, out, err = cairn(fx.db, 'serve', '--trusted-proxy', 'nginx.local', '--listen', '127.0.0.1:0')
t.ok(rc == 64 and 'nginx.local' in err and 'numeric' in err,
     '--trusted-proxy takes numeric addresses only', (rc, err))

fx.cleanup()
t.done()
