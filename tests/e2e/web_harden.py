"""End-to-end tests of the HTTP layer's hardening (issue 18): a NUL in
the path or the query, conflicting Content-Length headers, sign-in
throttling behind a trusted proxy.  The real server on 127.0.0.1.
Prints TAP."""
import json
import os
import socket
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webtest import Client, Fixture, Server, Tap, cairn  # noqa: E402

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
finally:
    srv.stop()

fx.cleanup()
t.done()
