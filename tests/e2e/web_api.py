"""End-to-end tests of the JSON API (/api/v1) beyond inspections and grades:
the records sample, readings, evidence, reports and the stage, with the
real server on 127.0.0.1 and tokens made by `cairn user token`.  For each
endpoint: who is allowed and who is refused (the same role table as the
pages), each validation error of the request bodies (unknown field, wrong
type, missing field, oversize body naming the limit, wrong content type),
that refused requests change nothing and that child-level reads are
audited.  Numbers are checked against the command line's own listing of
the same database.  Prints TAP."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webtest import PASSWORD, Client, Fixture, Server, Tap, cairn  # noqa: E402

t = Tap()
fx = Fixture()


def token(user):
    rc, out, err = cairn(fx.db, 'user', 'token', user)
    assert rc == 0, err
    return out.strip()


def audit_actions():
    rc, out, err = cairn(fx.db, 'audit', 'list', '--json')
    entries = json.loads(out)
    if isinstance(entries, dict):
        entries = entries.get('entries', [])
    return [(e.get('actor'), e.get('action'), e.get('subject')) for e in entries]


# The working data: a population, a sample, readers, evidence.
pop = os.path.join(fx.dir, 'pop.csv')
with open(pop, 'w') as fh:
    fh.write('ref,category\n')
    for i in range(30):
        fh.write('C%03d,%s\n' % (i + 1, ['CP', 'LAC'][i % 2]))
rc, out, err = cairn(fx.db, 'user', 'add', 'reader2', '--name', 'Rhona Reader',
                     stdin=PASSWORD + '\n')
assert rc == 0, err
for args in (('team', 'add', '1', 'reader2', '--role', 'local-reader'),
             ('population', 'import', '1', pop),
             ('sample', 'draw', '1', '--size', '6', '--strata', 'category', '--seed', '7'),
             ('reader', 'add', '1', 'inspector', '--kind', 'inspector'),
             ('reader', 'add', '1', 'reader', '--kind', 'local'),
             ('reader', 'add', '1', 'reader2', '--kind', 'local'),
             ('evidence', 'add', '1', '--source', 'interview', '--text', 'Plans are current',
              '--qi', '2.1', '--status', 'strength', '--by', 'lead'),
             ('evidence', 'add', '1', '--source', 'document', '--text', 'Chronologies late',
              '--qi', '2.1,5.3', '--status', 'concern', '--by', 'inspector'),
             ('evidence', 'add', '1', '--source', 'interview', '--text', 'Staff know children',
              '--qi', '5.3', '--by', 'inspector')):
    rc, out, err = cairn(fx.db, *args)
    assert rc == 0, (args, err)
rc, out, err = cairn(fx.db, 'reader', 'assign', '1', '--json')
plan = json.loads(out)
mine = sorted(a['ref'] for a in plan['assignments'] if a['pair'] == 1)
other = sorted(a['ref'] for a in plan['assignments'] if a['pair'] == 2)

srv = Server(fx.db)
try:
    api = Client(srv)
    tok = {u: token(u) for u in ('lead', 'inspector', 'young', 'coord', 'reader', 'reader2',
                                 'outsider')}

    def get(user, path, headers=None):
        h = dict(headers or {})
        if user is not None:
            h['Authorization'] = 'Bearer ' + tok.get(user, user)
        r = api.get('/api/v1' + path, headers=h)
        try:
            j = json.loads(r.body)
        except ValueError:
            j = None
        return r, j

    def send(user, method, path, body, ctype='application/json'):
        h = {'Authorization': 'Bearer ' + tok[user]}
        if ctype is not None:
            h['Content-Type'] = ctype
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
        r = api.request(method, '/api/v1' + path, body=body, headers=h)
        try:
            j = json.loads(r.body)
        except ValueError:
            j = None
        return r, j

    def err_of(j):
        return (j or {}).get('error', {}) if isinstance(j, dict) else {}

    # ---- token auth ----
    r, j = get(None, '/inspections/1/sample')
    t.ok(r.status == 401 and err_of(j).get('status') == 401, 'no token: 401 JSON', r.status)
    r, j = get('f' * 64, '/inspections/1/sample')
    t.ok(r.status == 401, 'an unknown token: 401', r.status)
    r, j = get(None, '/inspections/1/sample', {'Authorization': 'Basic bGVhZDp4'})
    t.ok(r.status == 401, 'basic auth is not a token: 401', r.status)
    rc, out, err = cairn(fx.db, 'user', 'disable', 'inspector')
    r, j = get('inspector', '/inspections/1/stage')
    t.ok(rc == 0 and r.status == 401, "a disabled account's token: 401", r.status)
    rc, out, err = cairn(fx.db, 'user', 'enable', 'inspector')
    r, j = get('inspector', '/inspections/1/stage')
    t.ok(r.status == 200, 'enabled again: the token works', r.status)

    # ---- sample ----
    r, j = get('lead', '/inspections/1/sample')
    t.ok(r.status == 200 and j['size'] == 6 and j['population'] == 30 and
         sorted(m['ref'] for m in j['members'] if m['status'] == 'selected') ==
         sorted(mine + other), 'lead reads the sample: 6 of 30, the assigned records',
         r.body[:300])
    t.ok(sorted(s['population'] for s in j['strata']) == [15, 15] and
         sum(s['allocated'] for s in j['strata']) == 6, 'sample strata: 15 + 15, 6 allocated',
         j['strata'])
    t.ok(('lead', 'sample.view', 'api') in audit_actions(), 'sample read is audited')
    for user, status in (('young', 403), ('reader', 403), ('coord', 403), ('outsider', 404)):
        r, j = get(user, '/inspections/1/sample')
        t.ok(r.status == status and 'members' not in (j or {}),
             f'sample: {user} refused with {status}', r.status)
    r, j = get('lead', '/inspections/99/sample')
    t.ok(r.status == 404, 'sample of an unknown inspection: 404', r.status)

    # ---- readings: list and one ----
    r, j = get('reader', '/inspections/1/readings')
    t.ok(r.status == 200 and sorted(x['ref'] for x in j['readings']) == mine and
         all(x['status'] == 'not-started' for x in j['readings']),
         "a local reader lists only their own records", r.body[:300])
    r, j = get('reader2', '/inspections/1/readings')
    t.ok(r.status == 200 and sorted(x['ref'] for x in j['readings']) == other,
         'the other reader lists the other pair\'s records', r.body[:300])
    t.ok(('reader', 'reading.list', 'reader') in audit_actions(), 'reading list is audited')
    ref = mine[0]
    r, j = get('reader', '/inspections/1/readings/' + ref)
    t.ok(r.status == 200 and j['ref'] == ref and j['status'] == 'not-started' and
         len(j['items']) >= 3 and j['answers'] == {}, 'reader opens an assigned record',
         r.body[:300])
    items = j['items'] if r.status == 200 else []
    t.ok(('reader', 'reading.view', ref) in audit_actions(), 'reading view is audited')
    r, j = get('reader2', '/inspections/1/readings/' + ref)
    t.ok(r.status == 404, "another reader gets 404 for the record", r.status)
    r, j = get('reader', '/inspections/1/readings/' + other[0])
    t.ok(r.status == 404, "a record of another pair: 404", r.status)
    r, j = get('young', '/inspections/1/readings/' + ref)
    t.ok(r.status in (403, 404), 'young inspector cannot open the record', r.status)
    r, j = get('outsider', '/inspections/1/readings')
    t.ok(r.status == 404, 'outsider: 404', r.status)

    # ---- readings: PUT / POST ----
    required = [i['key'] for i in items if i['required']]
    answers = {}
    for it in items:
        if it['required']:
            answers[it['key']] = {'six-point': '4', 'yes-no-na': 'yes'}.get(
                it['answer'], (it['choices'] or [None])[0])
    t.ok(required and all(v is not None for v in answers.values()),
         'the record lists each item with its kind of answer', items[:3])
    path = '/inspections/1/readings/' + ref
    before = cairn(fx.db, 'reading', 'show', '1', ref, '--json')[1]
    first = required[0] if required else 'x'
    cases = [
        ({'answers': answers, 'colour': 'red'}, 400, 'colour', 'unknown field named'),
        ({'answers': 'all yes'}, 400, 'answers', 'answers of the wrong type named'),
        ({'answers': {first: 4}}, 400, 'answers', 'an answer that is not a string named'),
        ({'submit': True}, 400, 'answers', 'missing answers named'),
        ({'answers': answers, 'submit': 'yes'}, 400, 'submit', 'submit of the wrong type named'),
        ({'answers': dict(answers, **{'no-such-item': 'yes'})}, 422, 'answers/no-such-item',
         'an unknown item refused (422) and named'),
        ({'answers': dict(answers, **{first: 'not-an-answer'})}, 422, 'answers/' + first,
         'an invalid answer refused (422) and named'),
        ({'answers': {first: 'x' * 20001}}, 422, 'answers', 'an answer over 20000 bytes (422)'),
    ]
    for body, status, field, desc in cases:
        r, j = send('reader', 'PUT', path, body)
        e = err_of(j)
        t.ok(r.status == status and e.get('field') == '/' + field and e.get('message') and
             e.get('code') in ('invalid', 'required', 'unknown'),
             f'reading PUT: {desc} (field as a JSON pointer, with a code)',
             (r.status, r.body[:200]))
    r, j = send('reader', 'PUT', path, b'{"answers": {}, "answers": {}}')
    t.ok(r.status == 400, 'reading PUT: duplicate keys refused', r.status)
    r, j = send('reader', 'PUT', path, b'{"answers": {', )
    t.ok(r.status == 400 and 'not valid JSON' in err_of(j).get('message', ''),
         'reading PUT: malformed JSON refused', r.body[:200])
    r, j = send('reader', 'PUT', path, b'[]')
    t.ok(r.status == 400, 'reading PUT: an array refused', r.status)
    big = json.dumps({'answers': {first: 'x' * 70000}}).encode()
    r, j = send('reader', 'PUT', path, big)
    t.ok(r.status == 413 and '65536' in err_of(j).get('message', ''),
         'reading PUT: oversize body refused with 413 naming the limit', r.body[:200])
    r, j = send('reader', 'PUT', path, b'answers=1', 'application/x-www-form-urlencoded')
    t.ok(r.status == 415, 'reading PUT: a form body refused with 415', r.status)
    r, j = send('reader', 'PUT', path, json.dumps({'answers': answers}).encode(), None)
    t.ok(r.status == 415, 'reading PUT: no content type refused with 415', r.status)
    r, j = send('reader2', 'PUT', path, {'answers': answers})
    t.ok(r.status == 404, "reading PUT: another reader's record is 404", r.status)
    r, j = send('young', 'PUT', path, {'answers': answers})
    t.ok(r.status in (403, 404), 'reading PUT: young inspector refused', r.status)
    t.ok(cairn(fx.db, 'reading', 'show', '1', ref, '--json')[1] == before,
         'refused reading requests changed nothing')
    part = {k: v for k, v in answers.items() if k != first}
    r, j = send('reader', 'PUT', path, {'answers': part})
    t.ok(r.status == 200 and j['status'] == 'draft' and j['answers'] == part,
         'reading PUT saves a draft', (r.status, r.body[:300]))
    r, j = send('reader', 'PUT', path, {'answers': {}, 'submit': True})
    t.ok(r.status == 422 and err_of(j).get('field') == '/submit',
         'submitting with a required item unanswered: 422', (r.status, r.body[:300]))
    r, j = send('reader', 'POST', path, {'answers': {first: answers[first]}, 'submit': True})
    t.ok(r.status == 200 and j['status'] == 'submitted' and j['answers'] == answers,
         'reading POST submits', (r.status, r.body[:300]))
    rc, out, err = cairn(fx.db, 'reading', 'show', '1', ref, '--json')
    t.ok(rc == 0 and '"submitted"' in out, 'the CLI shows the reading submitted', out[:300])
    r, j = send('reader', 'PUT', path, {'answers': part})
    t.ok(r.status == 409, 'a submitted reading cannot be changed through the API', r.status)

    # ---- evidence ----
    rc, out, err = cairn(fx.db, 'evidence', 'list', '1', '--json')
    cli_all = json.loads(out)
    r, j = get('lead', '/inspections/1/evidence')
    t.ok(r.status == 200 and [e['number'] for e in j['evidence']] ==
         [e['number'] for e in cli_all] and len(cli_all) == 3,
         'evidence list: the same items as the CLI', r.body[:300])
    rc, out, err = cairn(fx.db, 'evidence', 'list', '1', '--qi', '2.1', '--json')
    r, j = get('lead', '/inspections/1/evidence?qi=2.1')
    t.ok(r.status == 200 and [e['number'] for e in j['evidence']] ==
         [e['number'] for e in json.loads(out)] and len(j['evidence']) == 2,
         'evidence filtered by qi (2 items, as the CLI)', r.body[:300])
    r, j = get('lead', '/inspections/1/evidence?source=interview')
    t.ok(r.status == 200 and sorted(e['text'] for e in j['evidence']) ==
         ['Plans are current', 'Staff know children'], 'evidence filtered by source',
         r.body[:300])
    r, j = get('lead', '/inspections/1/evidence?status=concern&source=document')
    t.ok(r.status == 200 and [e['text'] for e in j['evidence']] == ['Chronologies late'],
         'evidence filtered by status and source', r.body[:300])
    # Pages from a cursor (issue 17): limit items with numbers above after, in order.
    r, j = get('lead', '/inspections/1/evidence?limit=2')
    first = [e['number'] for e in cli_all]
    t.ok(r.status == 200 and [e['number'] for e in j['evidence']] == first[:2] and
         j['next'] == first[1], 'evidence page 1 of 2: two items and the cursor', r.body[:300])
    r, j = get('lead', f'/inspections/1/evidence?limit=2&after={first[1]}')
    t.ok(r.status == 200 and [e['number'] for e in j['evidence']] == first[2:] and
         j['next'] is None, 'evidence page 2 of 2: the rest, no next', r.body[:300])
    r, j = get('lead', '/inspections/1/evidence?qi=2.1&limit=1')
    t.ok(r.status == 200 and len(j['evidence']) == 1 and j['next'] is not None,
         'a page of the evidence filtered by qi', r.body[:300])
    r, j2 = get('lead', f'/inspections/1/evidence?qi=2.1&limit=1&after={j["next"]}')
    rc, out, err = cairn(fx.db, 'evidence', 'list', '1', '--qi', '2.1', '--json')
    t.ok([e['number'] for e in j['evidence'] + j2['evidence']] ==
         [e['number'] for e in json.loads(out)] and j2['next'] is None,
         'the two pages by qi are the CLI list', (j, j2))
    for q, field in (('limit=0', 'limit'), ('limit=1001', 'limit'), ('after=-1', 'after'),
                     ('limit=x', 'limit')):
        r, j = get('lead', '/inspections/1/evidence?' + q)
        t.ok(r.status == 400 and err_of(j).get('field') == '/' + field,
             f'evidence page {q} refused and named', (r.status, r.body[:200]))
    for q, field in (('colour=red', 'colour'), ('status=awful', 'status'),
                     ('source=gossip', 'source'), ('qi=9.9', 'qi')):
        r, j = get('lead', '/inspections/1/evidence?' + q)
        t.ok(r.status == 400 and err_of(j).get('field') == '/' + field,
             f'evidence filter {q} refused and named', (r.status, r.body[:200]))
    for user, status in (('reader', 403), ('outsider', 404)):
        r, j = get(user, '/inspections/1/evidence')
        t.ok(r.status == status, f'evidence list: {user} refused with {status}', r.status)
    ev = {'source': 'observation', 'text': 'Warm relationships seen', 'qis': ['2.1'],
          'status': 'strength', 'date': '2026-11-02'}
    cases = [
        (dict(ev, mood='good'), 400, 'mood', 'unknown field named'),
        (dict(ev, qis='2.1'), 400, 'qis', 'qis as a string (not an array) named'),
        ({k: v for k, v in ev.items() if k != 'text'}, 400, 'text', 'missing text named'),
        (dict(ev, text=''), 422, 'text', 'empty text (422)'),
        (dict(ev, text='x' * 20001), 422, 'text', 'text over 20000 bytes (422)'),
        (dict(ev, source='gossip'), 422, 'source', 'unknown source (422)'),
        (dict(ev, status='awful'), 422, 'status', 'unknown status (422)'),
        (dict(ev, qis=['9.9']), 422, 'qis', 'unknown indicator (422)'),
        (dict(ev, date='2 Nov'), 422, 'date', 'a date that is not YYYY-MM-DD (422)'),
    ]
    for body, status, field, desc in cases:
        r, j = send('lead', 'POST', '/inspections/1/evidence', body)
        e = err_of(j)
        t.ok(r.status == status and e.get('field') == '/' + field and
             e.get('code') in ('invalid', 'required', 'unknown'),
             f'evidence POST: {desc}', (r.status, r.body[:200]))
    r, j = send('lead', 'POST', '/inspections/1/evidence', b'{"source": "data"' + b' ' * 66000 +
                b'}')
    t.ok(r.status == 413 and '65536' in err_of(j).get('message', ''),
         'evidence POST: oversize body 413 naming the limit', r.body[:200])
    r, j = send('reader', 'POST', '/inspections/1/evidence', ev)
    t.ok(r.status == 403, 'evidence POST: a local reader may not add', r.status)
    rc, out, err = cairn(fx.db, 'evidence', 'list', '1', '--json')
    t.ok(len(json.loads(out)) == 3, 'refused evidence requests changed nothing')
    r, j = send('lead', 'POST', '/inspections/1/evidence', ev)
    t.ok(r.status == 201 and j['number'] == 4, 'lead adds evidence: 201, number 4',
         (r.status, r.body[:200]))
    r, j = send('young', 'POST', '/inspections/1/evidence', dict(ev, text='Young voice'))
    t.ok(r.status == 201, 'a young inspector adds evidence', (r.status, r.body[:200]))
    rc, out, err = cairn(fx.db, 'evidence', 'list', '1', '--json')
    added = {e['text']: e for e in json.loads(out)}
    t.ok(added.get('Warm relationships seen', {}).get('recorded_by') == 'lead' and
         added.get('Warm relationships seen', {}).get('qis') == ['2.1'] and
         added.get('Young voice', {}).get('young_inspector') is True,
         'the CLI shows both, recorded by whoever held the token', out[:400])
    t.ok(any(a[0] == 'lead' and a[1].startswith('evidence') for a in audit_actions()),
         'evidence added through the API is audited')

    # ---- reports ----
    r, j = get('lead', '/inspections/1/reports')
    names = [f['name'] for f in j['files']] if r.status == 200 else []
    t.ok(r.status == 200 and 'report-public.md' in names and 'report-internal.pdf' in names and
         len(names) == 12, 'reports: 2 audiences x 6 formats', r.body[:300])
    r, j = get('lead', '/inspections/1/reports/report-public.md')
    t.ok(r.status == 200 and r.header('Content-Type').startswith('text/markdown') and
         b'Glenmoor' in r.body and 'attachment' in (r.header('Content-Disposition') or ''),
         'a rendered public report file', (r.status, r.body[:200]))
    t.ok(('lead', 'report.download', 'report-public.md') in audit_actions(),
         'the download is audited')
    r, j = get('lead', '/inspections/1/reports/report-public.exe')
    t.ok(r.status == 404 and err_of(j).get('status') == 404, 'an unknown report file: 404 JSON',
         r.status)
    for user, status in (('reader', 403), ('coord', 403), ('outsider', 404)):
        r, j = get(user, '/inspections/1/reports/report-internal.json')
        t.ok(r.status == status and err_of(j).get('status') == status,
             f'report file: {user} refused with {status} (JSON)', (r.status, r.body[:100]))

    # ---- stage ----
    rc, out, err = cairn(fx.db, 'stage', '1', 'show', '--json')
    r, j = get('coord', '/inspections/1/stage')
    t.ok(r.status == 200 and len(j['stages']) >= 5 and j['current'] in
         [s['code'] for s in j['stages']], 'the co-ordinator reads the stage', r.body[:300])
    try:
        cli_stage = json.loads(out)
        t.ok(rc == 0 and json.dumps(cli_stage).find('"%s"' % j['current']) >= 0,
             'the current stage agrees with cairn stage show', out[:200])
    except ValueError:
        t.ok(False, 'cairn stage show --json', (rc, out[:200], err[:200]))
    r, j = get('outsider', '/inspections/1/stage')
    t.ok(r.status == 404, 'stage: outsider 404', r.status)

    # ---- the route table documents every body's schema ----
    rc, out, err = cairn(fx.db, 'serve', '--routes')
    bodies = {(x['method'], x['path']): x.get('body') for x in json.loads(out)}
    t.ok(bodies.get(('PUT', '/api/v1/inspections/{id}/readings/{ref}'), {}).get('name') ==
         'ReadingBody' and bodies.get(('POST', '/api/v1/inspections/{id}/evidence'),
                                       {}).get('name') == 'EvidenceBody',
         'serve --routes shows each body schema')
    rc, out, err = cairn(fx.db, 'audit', 'verify')
    t.ok(rc == 0, 'the audit chain verifies after the API session', err)
finally:
    code = srv.stop()
    t.ok(code == 0, 'server stops cleanly', code)
    fx.cleanup()
sys.exit(t.done())
