"""End-to-end tests over HTTP against the real server (issue 17, "what a
person sees"): the audit pages show actions in plain words while the JSON
export keeps the codes; the fieldwork pages name an activity's lead as the
team page names people ("Name (username)"); the reading-list API answers
200 with an empty list and a plain-words note before there is a sample.
Prints TAP."""
import json
import os
import re
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webtest import Client, Fixture, Server, Tap, cairn, csrf_of  # noqa: E402


def api(srv, token, method, path):
    r = Client(srv).request(method, path, headers={'Authorization': 'Bearer ' + token})
    try:
        j = json.loads(r.text)
    except ValueError:
        j = {}
    return r, j


def cells(text):
    """The text of every table cell of a page."""
    return [re.sub(r'<[^>]+>', '', c).strip()
            for c in re.findall(r'<t[dh][^>]*>(.*?)</t[dh]>', text, re.S)]


t = Tap()
fx = Fixture()
srv = None
try:
    rc, out, err = cairn(fx.db, 'inspection', 'create', '--partnership', 'Labelshire',
                         '--framework', 'cyp-2014')
    assert rc == 0, err
    fresh = out.strip()
    for user, role in (('lead', 'lead'), ('reader', 'local-reader')):
        rc, out, err = cairn(fx.db, 'team', 'add', fresh, user, '--role', role)
        assert rc == 0, err
    tokens = {}
    for u in ('lead', 'reader', 'admin'):
        rc, out, err = cairn(fx.db, 'user', 'token', u)
        assert rc == 0, err
        tokens[u] = out.strip().split()[-1]
    srv = Server(fx.db)
    lead = Client(srv)
    lead.sign_in('lead')
    admin = Client(srv)
    admin.sign_in('admin')

    # ---- the administrator's home: every inspection, and no dead end ----
    r = admin.get('/')
    t.ok(r.status == 200 and 'Every inspection' in r.text and
         'href="/inspections/1/team"' in r.text and
         'href="/inspections/%s/team"' % fresh in r.text,
         'an administrator on no team finds every inspection on their home page', r.status)
    t.ok('href="/inspections/1"' not in r.text,
         'with no link to an inspection page they may not open')
    links = sorted({h for h in re.findall(r'href="(/[^"#?]*)', r.text)
                    if not h.startswith('/assets') and h != '/signout'})
    bad = [(h, admin.get(h).status) for h in links]
    bad = [x for x in bad if x[1] != 200]
    t.ok(links and not bad, 'every link the home page offers the administrator answers 200',
         bad)
    r = admin.get('/inspections/%s/team' % fresh)
    t.ok(r.status == 200 and 'Lena Lead (lead)' in r.text and 'name="person"' in r.text,
         'the team page shows the team by name, with the form to appoint', r.status)
    t.ok('href="/inspections/%s"' % fresh not in r.text,
         'and no breadcrumb to the inspection page they may not open')
    t.ok(admin.get('/inspections/%s' % fresh).status == 404 and
         admin.get('/inspections/1/sample').status in (403, 404),
         'the inspection itself and its child-level pages stay closed to them')
    r = lead.get('/')
    t.ok('Every inspection' not in r.text, 'someone who is not an administrator sees no such list')

    # ---- the audit pages: plain words; the export: codes ----
    r = admin.get('/audit')
    c = cells(r.text)
    t.ok(r.status == 200 and 'Account added' in c and 'Added to the team' in c,
         'the audit log page shows actions in plain words', r.status)
    t.ok('account.add' not in c and 'team.add' not in c,
         'and not as codes', [x for x in c if '.' in x][:10])
    r = lead.get('/inspections/1/audit')
    c = cells(r.text)
    t.ok(r.status == 200 and 'Added to the team' in c and 'team.add' not in c,
         "the inspection's audit page too", r.status)
    r, j = api(srv, tokens['admin'], 'GET', '/api/v1/audit')
    acts = {e.get('action') for e in (j.get('entries') or j.get('audit') or []
                                      if isinstance(j, dict) else j)}
    t.ok(r.status == 200 and 'account.add' in acts and 'Account added' not in acts,
         'the JSON export keeps the codes', (r.status, sorted(acts)[:10]))

    # ---- fieldwork: the lead by name ----
    r = lead.get('/inspections/1/fieldwork')
    tok = csrf_of(r.text)
    r = lead.post('/inspections/1/fieldwork', {'csrf': tok, 'kind': 'young-inspectors',
                                               'date': '2026-03-09', 'place': 'Youth hub',
                                               'lead': 'young', 'young-people': '6'})
    m = re.search(r'added=([0-9]+)', r.header('Location') or '')
    t.ok(r.status == 303 and m, 'an activity led by the young inspector is planned', r.status)
    n = m.group(1) if m else '0'
    r = lead.get('/inspections/1/fieldwork')
    c = cells(r.text)
    t.ok(r.status == 200 and 'Yasmin Young (young)' in c and 'young' not in c,
         'the plan names its lead "Name (username)", not the username alone', r.status)
    r = lead.get('/inspections/1/fieldwork/' + n)
    t.ok(r.status == 200 and 'Yasmin Young (young)' in r.text,
         "the activity's page names its lead the same way", r.status)
    r = lead.get('/inspections/1/young-inspectors')
    c = cells(r.text)
    t.ok(r.status == 200 and 'Yasmin Young (young)' in c,
         "the young inspectors' page too", r.status)

    # ---- the reading list before a sample ----
    r, j = api(srv, tokens['reader'], 'GET', '/api/v1/inspections/%s/readings' % fresh)
    t.ok(r.status == 200 and j.get('readings') == [] and
         'no records sample' in (j.get('note') or ''),
         'before a sample the reading list is 200, empty, with a plain-words note',
         (r.status, j))
    t.ok('cairn ' not in (j.get('note') or '') and '--' not in (j.get('note') or ''),
         'the note names no command', j)
    con = sqlite3.connect(fx.db)
    listed = con.execute("SELECT count(*) FROM audit WHERE action = 'reading.list' "
                         "AND inspection_id = ?", (int(fresh),)).fetchone()[0]
    con.close()
    t.ok(listed == 0, 'nothing child-level was shown, so nothing audited for it', listed)
finally:
    if srv is not None:
        code = srv.stop()
        errs = srv.proc.stderr.read()
        t.ok(code == 0, 'the server stopped cleanly', errs[-500:])
    fx.cleanup()
t.done()
