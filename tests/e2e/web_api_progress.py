"""End-to-end tests over HTTP against the real server: the panel's decision
on a progress review through the JSON API (GET and PUT
/api/v1/inspections/{id}/progress-review), the same app/ call as the panel
page's form and `cairn panel progress-review`.  Only the panel records it;
everyone on the team reads it; a needed review without a date or with a
date in the past is refused at its field and changes nothing; the stored
row is read back with sqlite3 and through the CLI, never only from the
server's own answer.  Prints TAP."""
import json
import os
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webtest import Client, Fixture, Server, Tap, cairn  # noqa: E402


def api(srv, token, method, path, body=None):
    """One API request with the token; returns (response, parsed JSON or {})."""
    h = {'Authorization': 'Bearer ' + token}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        h['Content-Type'] = 'application/json'
    r = Client(srv).request(method, path, body=data, headers=h)
    try:
        j = json.loads(r.text)
    except ValueError:
        j = {}
    return r, j


def stored(db):
    """The stored decision of inspection 1: (needed, due, focus, actor) or None."""
    con = sqlite3.connect(db)
    try:
        return con.execute('SELECT needed, due, focus, actor FROM progress_review_need '
                           'WHERE inspection_id = 1').fetchone()
    finally:
        con.close()


def field(j):
    return j.get('error', {}).get('field') if isinstance(j, dict) else None


t = Tap()
fx = Fixture()
srv = Server(fx.db)
try:
    tokens = {}
    for u in ('lead', 'inspector', 'young', 'panel', 'coord', 'reader', 'outsider'):
        rc, out, err = cairn(fx.db, 'user', 'token', u)
        assert rc == 0, err
        tokens[u] = out.strip().split()[-1]
    path = '/api/v1/inspections/1/progress-review'

    r, j = api(srv, tokens['coord'], 'GET', path)
    t.ok(r.status == 200 and j.get('recorded') is False and j.get('needed') is None and
         j.get('inspection') == 1, 'before the panel decides: recorded false', (r.status, j))
    r, j = api(srv, tokens['outsider'], 'GET', path)
    t.ok(r.status == 404, 'someone not on the team gets 404', r.status)

    for who in ('lead', 'inspector', 'coord'):
        r, j = api(srv, tokens[who], 'PUT', path,
                   {'needed': True, 'due': '2099-09-30', 'focus': 'Risk assessment'})
        t.ok(r.status == 403 and stored(fx.db) is None,
             f'the {who} may not record it (403, nothing stored)', (r.status, j))

    r, j = api(srv, tokens['panel'], 'PUT', path, {'needed': True, 'focus': 'Risk assessment'})
    t.ok(r.status == 422 and field(j) == '/due' and stored(fx.db) is None,
         'a needed review without a date: 422 at /due, nothing stored', (r.status, j))
    r, j = api(srv, tokens['panel'], 'PUT', path,
               {'needed': True, 'due': '2020-01-01', 'focus': 'Risk assessment'})
    t.ok(r.status == 422 and field(j) == '/due' and stored(fx.db) is None,
         'a date in the past: 422 at /due', (r.status, j))
    r, j = api(srv, tokens['panel'], 'PUT', path, {'needed': True, 'due': '2099-09-30'})
    t.ok(r.status == 422 and field(j) == '/focus', 'a needed review without a focus: 422 at /focus',
         (r.status, j))
    r, j = api(srv, tokens['panel'], 'PUT', path, {'needed': 'yes'})
    t.ok(r.status == 400 and field(j) == '/needed', 'needed must be a boolean: 400 at /needed',
         (r.status, j))
    r, j = api(srv, tokens['panel'], 'PUT', path, {'needed': False, 'colour': 'red'})
    t.ok(r.status == 400 and field(j) == '/colour' and stored(fx.db) is None,
         'an unknown member: 400 at its pointer', (r.status, j))

    r, j = api(srv, tokens['panel'], 'PUT', path,
               {'needed': True, 'due': '2099-09-30', 'focus': 'Chronologies and risk'})
    t.ok(r.status == 200 and j.get('needed') is True and j.get('due') == '2099-09-30' and
         j.get('focus') == 'Chronologies and risk' and j.get('recorded_by') == 'panel',
         'the panel records that one is needed', (r.status, j))
    t.ok(stored(fx.db) == (1, '2099-09-30', 'Chronologies and risk', 'panel'),
         'it is stored as sent', stored(fx.db))
    rc, out, err = cairn(fx.db, 'panel', 'progress-review', '1', '--json')
    cli = json.loads(out) if rc == 0 else {}
    t.ok(cli.get('due') == '2099-09-30' and cli.get('focus') == 'Chronologies and risk',
         'the CLI reads the same decision', (rc, out, err))
    r, j = api(srv, tokens['reader'], 'GET', path)
    t.ok(r.status == 200 and j.get('needed') is True and j.get('due') == '2099-09-30',
         'a local reader on the team reads it', (r.status, j))

    r, j = api(srv, tokens['panel'], 'PUT', path, {'needed': False})
    t.ok(r.status == 200 and j.get('needed') is False and j.get('due') is None and
         j.get('focus') is None and stored(fx.db)[0] == 0,
         'the panel changes its mind: none needed, no date or focus', (r.status, j))
    con = sqlite3.connect(fx.db)
    n = con.execute("SELECT count(*) FROM audit WHERE action = 'panel.progress-review'").fetchone()[0]
    con.close()
    t.ok(n == 2, 'each decision is audited (2)', n)
    rc = srv.stop()
    t.ok(rc == 0, 'the server stops cleanly (no sanitizer report)',
         (rc, srv.proc.stderr.read()[-2000:] if srv.proc.stderr else ''))
finally:
    srv.stop()
    fx.cleanup()
sys.exit(t.done())
