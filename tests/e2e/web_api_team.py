"""End-to-end tests over HTTP against the real server: the inspection's team
through the JSON API (GET and POST /api/v1/inspections/{id}/team, DELETE
/api/v1/inspections/{id}/team/{username}), the same app/ calls as the team
page and `cairn team add|list|remove`.  The lead (or an administrator)
appoints and removes; the rest of the team only reads; someone on no team
gets 404; bad input is refused at its field and changes nothing; the last
lead cannot be removed (409).  The stored team is read back through the CLI
and with sqlite3, never only from the server's own answer.  Prints TAP."""
import json
import os
import sqlite3
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webtest import Client, Fixture, PASSWORD, Server, Tap, cairn  # noqa: E402


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


def cli_team(db):
    """Inspection 1's team through `cairn team list --json`: {person: (role, agency)}."""
    rc, out, err = cairn(db, 'team', 'list', '1', '--json')
    assert rc == 0, err
    return {m['person']: (m['role'], m.get('agency')) for m in json.loads(out)}


def field(j):
    return j.get('error', {}).get('field') if isinstance(j, dict) else None


t = Tap()
fx = Fixture()
srv = None
try:
    for u in ('newbie', 'second'):
        rc, out, err = cairn(fx.db, 'user', 'add', u, '--name', 'Person ' + u,
                             stdin=PASSWORD + '\n')
        assert rc == 0, err
    srv = Server(fx.db)
    tokens = {}
    for u in ('lead', 'inspector', 'young', 'panel', 'coord', 'reader', 'outsider', 'admin'):
        rc, out, err = cairn(fx.db, 'user', 'token', u)
        assert rc == 0, err
        tokens[u] = out.strip().split()[-1]
    path = '/api/v1/inspections/1/team'
    before = cli_team(fx.db)

    r, j = api(srv, tokens['reader'], 'GET', path)
    got = {m['username']: m['role'] for m in j.get('team', [])}
    t.ok(r.status == 200 and got == {p: v[0] for p, v in before.items()} and
         got.get('lead') == 'lead' and got.get('reader') == 'local-reader',
         'a local reader on the team reads the team, as the CLI lists it', (r.status, j))
    lead = [m for m in j.get('team', []) if m['username'] == 'lead']
    t.ok(lead and lead[0].get('role_label') == 'Inspection lead' and lead[0].get('added_at'),
         'each member carries the role by its name and when added', lead)
    r, j = api(srv, tokens['outsider'], 'GET', path)
    t.ok(r.status == 404, 'someone not on the team gets 404', (r.status, j))

    for who in ('inspector', 'young', 'panel', 'coord', 'reader'):
        r, j = api(srv, tokens[who], 'POST', path, {'username': 'newbie', 'role': 'associate'})
        t.ok(r.status == 403 and 'newbie' not in cli_team(fx.db),
             f'the {who} may not add to the team (403, nothing stored)', (r.status, j))
    r, j = api(srv, tokens['outsider'], 'POST', path, {'username': 'newbie', 'role': 'associate'})
    t.ok(r.status == 404 and 'newbie' not in cli_team(fx.db),
         'someone on no team: 404, nothing stored', (r.status, j))

    r, j = api(srv, tokens['lead'], 'POST', path, {'username': 'nobody', 'role': 'associate'})
    t.ok(r.status == 422 and field(j) == '/username' and cli_team(fx.db) == before,
         'no such account: 422 at /username, nothing stored', (r.status, j))
    r, j = api(srv, tokens['lead'], 'POST', path, {'username': 'newbie', 'role': 'wizard'})
    t.ok(r.status == 422 and field(j) == '/role' and cli_team(fx.db) == before,
         'an unknown role: 422 at /role', (r.status, j))
    r, j = api(srv, tokens['lead'], 'POST', path, {'username': 'newbie', 'role': 'admin'})
    t.ok(r.status == 422 and field(j) == '/role' and cli_team(fx.db) == before,
         'the administrator role is not a team role: 422 at /role', (r.status, j))
    r, j = api(srv, tokens['lead'], 'POST', path, {'username': 'newbie'})
    t.ok(r.status == 400 and field(j) == '/role', 'a body without a role: 400 at /role',
         (r.status, j))
    r, j = api(srv, tokens['lead'], 'POST', path,
               {'username': 'newbie', 'role': 'associate', 'colour': 'red'})
    t.ok(r.status == 400 and field(j) == '/colour' and cli_team(fx.db) == before,
         'an unknown member: 400 at its pointer', (r.status, j))

    r, j = api(srv, tokens['lead'], 'POST', path,
               {'username': 'newbie', 'role': 'associate', 'agency': 'Education Scotland'})
    t.ok(r.status == 201 and j.get('username') == 'newbie' and j.get('role') == 'associate',
         'the lead adds an associate (201)', (r.status, j))
    t.ok(cli_team(fx.db).get('newbie') == ('associate', 'Education Scotland'),
         'the CLI lists them with role and agency', cli_team(fx.db))
    r, j = api(srv, tokens['lead'], 'POST', path, {'username': 'newbie', 'role': 'inspector'})
    t.ok(r.status == 409 and field(j) == '/username' and
         cli_team(fx.db).get('newbie') == ('associate', 'Education Scotland'),
         'someone already on the team: 409 at /username, unchanged', (r.status, j))
    r, j = api(srv, tokens['admin'], 'POST', path, {'username': 'second', 'role': 'lead'})
    t.ok(r.status == 201 and cli_team(fx.db).get('second', ('',))[0] == 'lead',
         'an administrator appoints a second lead', (r.status, j))

    for who in ('inspector', 'panel', 'reader'):
        r, j = api(srv, tokens[who], 'DELETE', path + '/newbie')
        t.ok(r.status == 403 and 'newbie' in cli_team(fx.db),
             f'the {who} may not remove (403, still there)', (r.status, j))
    r, j = api(srv, tokens['lead'], 'DELETE', path + '/ghost')
    t.ok(r.status == 404 and field(j) == '/username', 'a person not on the team: 404',
         (r.status, j))
    r, j = api(srv, tokens['lead'], 'DELETE', path + '/newbie')
    t.ok(r.status == 200 and j.get('removed') == 'newbie' and 'newbie' not in cli_team(fx.db),
         'the lead removes the associate; the CLI no longer lists them', (r.status, j))
    r, j = api(srv, tokens['admin'], 'DELETE', path + '/second')
    t.ok(r.status == 200 and 'second' not in cli_team(fx.db), 'the administrator removes a lead',
         (r.status, j))
    others = [p for p, v in cli_team(fx.db).items() if v[0] == 'lead' and p != 'lead']
    for p in others:  # the demo's own lead(s), so that 'lead' is the last
        r, j = api(srv, tokens['admin'], 'DELETE', path + '/' + urllib.parse.quote(p))
        assert r.status == 200, (p, r.status, j)
    r, j = api(srv, tokens['admin'], 'DELETE', path + '/lead')
    t.ok(r.status == 409 and field(j) == '/username' and cli_team(fx.db).get('lead', ('',))[0] == 'lead',
         'the last lead cannot be removed (409 at /username), still there', (r.status, j))

    con = sqlite3.connect(fx.db)
    adds = con.execute("SELECT count(*) FROM audit WHERE action = 'team.add' "
                       "AND subject IN ('newbie', 'second')").fetchone()[0]
    rems = con.execute("SELECT count(*) FROM audit WHERE action = 'team.remove' "
                       "AND subject IN ('newbie', 'second')").fetchone()[0]
    con.close()
    t.ok(adds == 2 and rems == 2, 'each change is audited (2 adds, 2 removals)', (adds, rems))

    # Nobody removes themselves (app/setup/team.c decides it for every door):
    # a second lead, not the last one, tries through the API and the CLI.
    r, j = api(srv, tokens['admin'], 'POST', path, {'username': 'second', 'role': 'lead'})
    assert r.status == 201, (r.status, j)
    rc, out, err = cairn(fx.db, 'user', 'token', 'second')
    assert rc == 0, err
    tok2 = out.strip().split()[-1]
    r, j = api(srv, tok2, 'DELETE', path + '/second')
    t.ok(r.status == 409 and field(j) == '/username' and
         'cannot remove yourself' in j.get('error', {}).get('message', '') and
         cli_team(fx.db).get('second', ('',))[0] == 'lead',
         'a lead removing themselves through the API: 409 at /username, still a lead',
         (r.status, j))
    t.ok('cairn ' not in r.text and '--' not in j.get('error', {}).get('message', ''),
         'the refusal names no command and no flag', r.text)
    rc, out, err = cairn(fx.db, 'team', 'remove', '1', 'second', '--as', 'second')
    t.ok(rc == 65 and 'cannot remove yourself' in err and
         cli_team(fx.db).get('second', ('',))[0] == 'lead',
         'and through the CLI (--as second): exit 65, still a lead', (rc, err))
    con = sqlite3.connect(fx.db)
    rems2 = con.execute("SELECT count(*) FROM audit WHERE action = 'team.remove' "
                        "AND subject = 'second'").fetchone()[0]
    con.close()
    t.ok(rems2 == 1, 'the refused removals left no audit entry', rems2)
    r, j = api(srv, tokens['lead'], 'DELETE', path + '/second')
    t.ok(r.status == 200 and 'second' not in cli_team(fx.db),
         'another lead removes them', (r.status, j))
    rc = srv.stop()
    t.ok(rc == 0, 'the server stops cleanly (no sanitizer report)',
         (rc, srv.proc.stderr.read()[-2000:] if srv.proc.stderr else ''))
finally:
    if srv is not None:
        srv.stop()
    fx.cleanup()
sys.exit(t.done())
