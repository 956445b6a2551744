"""End-to-end tests of the fieldwork plan over HTTP against the real server,
with several roles: the plan page (dates written out, the add form for who
may plan), planning an activity, validation errors shown against their
inputs with nothing added, recording notes as evidence with indicators
chosen by their titles, the co-ordinator seeing the schedule but not the
notes, a young inspector recording only what they lead and their own page,
and the JSON API (list, add, record, refusals with the field as a JSON
pointer).  Prints TAP."""
import json
import os
import re
import sys
from urllib.parse import urlencode

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webtest import Client, Fixture, Server, Tap, cairn, csrf_of  # noqa: E402


def post_multi(client, path, pairs):
    """A form with repeated fields (ticked checkboxes)."""
    return client.request('POST', path, body=urlencode(pairs).encode(),
                          headers={'Content-Type': 'application/x-www-form-urlencoded'})


def plan(db):
    rc, out, err = cairn(db, 'fieldwork', 'list', '1', '--json')
    return json.loads(out) if rc == 0 else []


def api(srv, token, method, path, body=None):
    c = Client(srv)
    h = {'Authorization': 'Bearer ' + token}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        h['Content-Type'] = 'application/json'
    r = c.request(method, path, body=data, headers=h)
    try:
        j = json.loads(r.text)
    except ValueError:
        j = {}
    return r, j


t = Tap()
fx = Fixture()
srv = Server(fx.db)
try:
    before = len(plan(fx.db))
    lead = Client(srv)
    lead.sign_in('lead')
    coord = Client(srv)
    coord.sign_in('coord')
    young = Client(srv)
    young.sign_in('young')
    reader = Client(srv)
    reader.sign_in('reader')

    r = lead.get('/inspections/1/fieldwork')
    t.ok(r.status == 200 and 'Fieldwork plan' in r.text, 'the lead sees the plan', r.status)
    t.ok('3 March 2026' in r.text, 'dates are written out (the demo focus group, 2026-03-03)')
    t.ok('Plan an activity' in r.text and 'name="kind"' in r.text, 'with the form to plan one')
    tok = csrf_of(r.text)

    # Validation: each error beside its input, nothing added.
    r = lead.post('/inspections/1/fieldwork', {'csrf': tok, 'kind': 'interview',
                                               'date': '2026-02-30', 'place': 'Family centre',
                                               'lead': 'lead'})
    t.ok(r.status == 400 and 'href="#date"' in r.text and 'is not a date' in r.text,
         'a date that does not exist is shown against the date', r.status)
    r = lead.post('/inspections/1/fieldwork', {'csrf': tok, 'kind': 'interview',
                                               'date': '2026-03-09', 'place': 'EH4 2BT',
                                               'lead': 'lead'})
    t.ok(r.status == 400 and 'href="#place"' in r.text and 'postcode' in r.text,
         'a postcode as the place is refused against the place', r.status)
    r = lead.post('/inspections/1/fieldwork', {'csrf': tok, 'kind': 'interview',
                                               'date': '2026-03-09', 'place': 'Family centre',
                                               'lead': 'lead', 'staff': 'many'})
    t.ok(r.status == 400 and 'href="#staff"' in r.text,
         'a count that is not a number is refused against its input', r.status)
    r = lead.post('/inspections/1/fieldwork', {'csrf': tok, 'kind': 'interview',
                                               'date': '2026-03-09', 'place': 'Family centre',
                                               'lead': 'outsider'})
    t.ok(r.status == 400 and 'href="#lead"' in r.text and 'not on the team' in r.text,
         'a lead who is not on the team is refused against the lead', r.status)
    t.ok(len(plan(fx.db)) == before, 'the refusals added nothing')

    # Planned by the lead, led by the young inspector.
    r = lead.post('/inspections/1/fieldwork', {'csrf': tok, 'kind': 'young-inspectors',
                                               'date': '2026-03-09', 'place': 'Youth hub',
                                               'lead': 'young', 'young-people': '6'})
    m = re.search(r'added=([0-9]+)', r.header('Location') or '')
    t.ok(r.status == 303 and m, 'the lead plans a young inspectors\' meeting',
         (r.status, r.header('Location')))
    n = int(m.group(1)) if m else before + 1
    t.ok(len(plan(fx.db)) == before + 1, 'one activity was added')

    # The co-ordinator: the schedule, not the notes, no forms.
    r = coord.get('/inspections/1/fieldwork')
    t.ok(r.status == 200 and 'Youth hub' in r.text and 'Plan an activity' not in r.text,
         'the co-ordinator sees the schedule without the form', r.status)
    r = coord.get('/inspections/1/fieldwork/1')
    t.ok(r.status == 200 and 'Evidence from this activity' not in r.text and
         'Record notes' not in r.text, 'and an activity without its notes or forms', r.status)
    r = coord.post(f'/inspections/1/fieldwork/{n}/record', {'csrf': csrf_of(
        coord.get('/inspections/1/fieldwork').text), 'notes': 'x'})
    t.ok(r.status in (403, 404), 'the co-ordinator may not record', r.status)
    r = coord.get('/inspections/1/young-inspectors')
    t.ok(r.status in (403, 404), 'nor read the young inspectors\' write-ups', r.status)
    r = reader.get('/inspections/1/fieldwork')
    t.ok(r.status in (403, 404), 'a local reader does not see the plan', r.status)

    # The young inspector records their own, with indicators chosen by title.
    r = young.get(f'/inspections/1/fieldwork/{n}')
    t.ok(r.status == 200 and 'Record notes' in r.text and
         'Impact on children and young people' in r.text,
         'the young inspector gets the record form with indicators by title', r.status)
    ytok = csrf_of(r.text)
    r = post_multi(young, f'/inspections/1/fieldwork/{n}/record',
                   [('csrf', ytok), ('notes', ''), ('qis', '2.1')])
    t.ok(r.status == 400 and 'href="#notes"' in r.text, 'empty notes are refused against them',
         r.status)
    r = post_multi(young, f'/inspections/1/fieldwork/{n}/record',
                   [('csrf', ytok), ('notes', 'Young people felt listened to'), ('qis', '2.1'),
                    ('qis', '6.3'), ('status', 'strength'), ('young-people', '5')])
    m = re.search(r'recorded=([0-9]+)', r.header('Location') or '')
    t.ok(r.status == 303 and m, 'the young inspector records their own meeting', r.status)
    ev = int(m.group(1)) if m else 0
    rc, out, err = cairn(fx.db, 'evidence', 'show', '1', str(ev), '--json')
    e = json.loads(out) if rc == 0 else {}
    t.ok(e.get('source') == 'young-inspectors' and e.get('qis') == ['2.1', '6.3'] and
         e.get('status') == 'strength', 'it is evidence from source young-inspectors, tagged',
         e)
    a = [x for x in plan(fx.db) if x['number'] == n]
    t.ok(a and a[0]['status'] == 'held' and a[0]['people']['young-people'] == 5,
         'the activity is held with the number who came', a)
    r = post_multi(young, '/inspections/1/fieldwork/1/record',
                   [('csrf', ytok), ('notes', 'Not mine')])
    t.ok(r.status == 403, 'a young inspector may not record an activity led by another',
         r.status)
    r = young.get('/inspections/1/young-inspectors')
    t.ok(r.status == 200 and 'Young people felt listened to' in r.text and
         'Youth hub' in r.text, 'the young inspectors\' page shows their activities and '
         'write-ups', r.status)
    r = lead.get(f'/inspections/1/fieldwork/{n}')
    t.ok('Young people felt listened to' in r.text and '1 Strength' in r.text,
         'the lead sees the notes and the balance by activity')

    r = lead.get('/inspections/1/grade/2.1')
    t.ok(r.status == 200 and 'The evidence balance by source' in r.text and
         'Young inspectors' in r.text, 'the grade page reads the balance by source, '
         'young inspectors among them', r.status)

    # The JSON API.
    tokens = {}
    for u in ('lead', 'coord', 'young'):
        rc, out, err = cairn(fx.db, 'user', 'token', u)
        tokens[u] = out.strip().split()[-1]
    r, j = api(srv, tokens['coord'], 'GET', '/api/v1/inspections/1/fieldwork')
    t.ok(r.status == 200 and len(j.get('activities', [])) == before + 1,
         'the API lists the plan for the co-ordinator', r.status)
    r, j = api(srv, tokens['coord'], 'POST', '/api/v1/inspections/1/fieldwork',
               {'kind': 'interview', 'date': '2026-03-10', 'place': 'x', 'lead': 'lead'})
    t.ok(r.status == 403, 'the co-ordinator may not plan through the API', r.status)
    r, j = api(srv, tokens['lead'], 'POST', '/api/v1/inspections/1/fieldwork',
               {'kind': 'interview', 'date': '2026-03-10', 'place': 'Family centre',
                'lead': 'lead', 'parents-carers': -1})
    t.ok(r.status == 422, 'a negative count is refused', (r.status, j))
    r, j = api(srv, tokens['lead'], 'POST', '/api/v1/inspections/1/fieldwork',
               {'kind': 'party', 'date': '2026-03-10', 'place': 'Family centre', 'lead': 'lead'})
    t.ok(r.status == 422 and j.get('error', {}).get('field') == '/kind',
         'an unknown kind is refused with its field as a JSON pointer', (r.status, j))
    r, j = api(srv, tokens['lead'], 'POST', '/api/v1/inspections/1/fieldwork',
               {'kind': 'interview', 'date': '2026-03-10', 'place': 'Family centre',
                'lead': 'lead', 'parents-carers': 2})
    t.ok(r.status == 201 and j.get('status') == 'planned', 'the lead plans through the API',
         (r.status, j))
    m2 = j.get('number', 0)
    r, j = api(srv, tokens['lead'], 'POST', f'/api/v1/inspections/1/fieldwork/{m2}/record',
               {'notes': 'Parents were not told what happens next', 'qis': ['3.1'],
                'status': 'uncertainty'})
    t.ok(r.status == 201 and j.get('status') == 'held' and j.get('evidence', 0) > 0,
         'and records its notes', (r.status, j))
    r, j = api(srv, tokens['lead'], 'POST', '/api/v1/inspections/1/fieldwork/999/record',
               {'notes': 'x'})
    t.ok(r.status == 404, 'an activity that does not exist is 404', (r.status, j))
    r, j = api(srv, tokens['young'], 'POST', f'/api/v1/inspections/1/fieldwork/{m2}/record',
               {'notes': 'x'})
    t.ok(r.status == 403, 'a young inspector may not record another\'s through the API',
         (r.status, j))
    rc, out, err = cairn(fx.db, 'audit', 'verify')
    t.ok(rc == 0, 'the audit chain verifies', err)
finally:
    srv.stop()
    fx.cleanup()
t.done()
