"""End-to-end tests of the web application over HTTP: the real server on
127.0.0.1, driven like a browser (and like a script for the API).
Prints TAP."""
import http.client
import json
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webtest import (PASSWORD, Client, Fixture, PopulationUpload, Server, Tap, cairn,  # noqa: E402
                     csrf_of)

t = Tap()
fx = Fixture()
srv = Server(fx.db)
try:
    anon = Client(srv)

    # ---- headers, redirects, assets ----
    r = anon.get('/')
    t.ok(r.status == 303 and r.header('Location') == '/signin',
         'signed-out home redirects to /signin', (r.status, r.headers))
    csp = r.header('Content-Security-Policy') or ''
    t.ok("frame-ancestors 'none'" in csp and "default-src 'none'" in csp and
         'unsafe-inline' not in csp and "script-src 'self'" in csp,
         'strict CSP on every response, no unsafe-inline', csp)
    t.ok(r.header('X-Content-Type-Options') == 'nosniff', 'nosniff')
    t.ok(r.header('Referrer-Policy') == 'same-origin', 'Referrer-Policy same-origin')
    t.ok(r.header('Cache-Control') == 'no-store', 'Cache-Control no-store on pages')
    r = anon.get('/inspections/1')
    t.ok(r.status == 303 and r.header('Location') == '/signin?next=/inspections/1',
         'a protected page sends to sign-in with next', r.header('Location'))
    r = anon.get('/assets/ds/css/design-system.min.css')
    t.ok(r.status == 200 and r.header('Content-Type').startswith('text/css') and
         len(r.body) > 10000, 'design system CSS served by cairn itself', r.status)
    t.ok('max-age' in (r.header('Cache-Control') or ''), 'assets are cacheable')
    r = anon.get('/assets/cairn.js')
    t.ok(r.status == 200 and b'initAll' in r.body, "cairn's own script served")
    for bad in ('/assets/ds/../package.json', '/assets/ds/%2e%2e/package.json',
                '/assets/ds/css/../../package.json', '/assets/ds/.hidden.css'):
        r = anon.get(bad)
        t.ok(r.status == 404, f'asset path refused: {bad}', r.status)
    r = anon.get('/no/such/page')
    t.ok(r.status == 404, 'unknown page is 404')
    r = anon.request('DELETE', '/signin')
    t.ok(r.status == 405, 'unsupported method is 405', r.status)

    # ---- sign-in ----
    r = anon.get('/signin')
    t.ok(r.status == 200 and 'name="password"' in r.text and 'ds_button' in r.text,
         'sign-in form uses the design system')
    t.ok('<script>' not in r.text and '<style' not in r.text and ' style=' not in r.text and
         re.search(r'\son[a-z]+=', r.text) is None,
         'no inline script, style or event handler on the page')
    tok = csrf_of(r.text)
    r = anon.post('/signin', {'username': 'lead', 'password': PASSWORD})
    t.ok(r.status == 403, 'sign-in without the form token is refused', r.status)
    r = anon.post('/signin', {'csrf': tok, 'username': 'lead', 'password': 'wrong password!'})
    t.ok(r.status == 200 and 'The username or password is not right' in r.text and
         'ds_error-summary' in r.text and 'cairn_session' not in anon.cookies,
         'wrong password: error summary, no session')
    r = anon.post('/signin', {'csrf': csrf_of(r.text), 'username': '', 'password': ''})
    t.ok('Enter your username' in r.text and 'href="#username"' in r.text and
         'href="#password"' in r.text, 'empty fields: each error links to its field')

    # session fixation: a planted session id is replaced and never works
    lead = Client(srv)
    planted = 'ab' * 32
    r = lead.sign_in('lead', planted=planted)
    t.ok(r.status == 303 and r.header('Location') == '/', 'lead signs in', r.status)
    sc = ' '.join(r.all_headers('Set-Cookie'))
    t.ok('HttpOnly' in sc and 'SameSite=Lax' in sc, 'session cookie HttpOnly, SameSite=Lax', sc)
    t.ok(lead.cookies.get('cairn_session') not in (None, planted),
         'sign-in issues a new session id (no fixation)')
    fix = Client(srv)
    fix.cookies['cairn_session'] = planted
    t.ok(fix.get('/').status == 303, 'the planted id is not signed in')

    r = lead.get('/')
    t.ok(r.status == 200 and 'Glenmoor' in r.text and 'Inspection lead' in r.text,
         'home lists the inspection with the role')
    r = lead.get('/inspections/1')
    t.ok(r.status == 200 and 'Evaluations' in r.text and '/inspections/1/grade/' in r.text,
         'overview shows evaluations with grade links')
    t.ok(r.header('Cache-Control') == 'no-store', 'inspection page is no-store')

    # ---- grading: CSRF and validation ----
    r = lead.get('/inspections/1/grade/2.1')
    t.ok(r.status == 200 and 'type="radio"' in r.text, 'grade form shows the scale')
    ctok = csrf_of(r.text)
    before = json.loads(cairn(fx.db, 'inspection', 'show', '1', '--json')[1])

    def grade_of(j, qi):
        for e in j.get('evaluations', []):
            if e.get('qi') == qi:
                return e.get('grade')
        return None

    r = lead.post('/inspections/1/grade/2.1', {'grade': '1'})
    t.ok(r.status == 403, 'grade without CSRF token refused', r.status)
    r = lead.post('/inspections/1/grade/2.1', {'csrf': 'f' * 64, 'grade': '1'})
    t.ok(r.status == 403, 'grade with a wrong CSRF token refused', r.status)
    r = lead.post('/inspections/1/grade/2.1', {'csrf': ctok, 'grade': '1'},
                  headers={'Origin': 'http://evil.example'})
    t.ok(r.status == 403, 'grade from a foreign Origin refused', r.status)
    r = lead.post('/inspections/1/grade/2.1', {'csrf': ctok, 'grade': '1'},
                  headers={'Sec-Fetch-Site': 'cross-site'})
    t.ok(r.status == 403, 'grade with Sec-Fetch-Site: cross-site refused', r.status)
    after = json.loads(cairn(fx.db, 'inspection', 'show', '1', '--json')[1])
    t.ok(grade_of(after, '2.1') == grade_of(before, '2.1'), 'refused requests changed nothing')
    r = lead.post('/inspections/1/grade/2.1', {'csrf': ctok, 'grade': ''})
    t.ok(r.status == 400 and 'There is a problem' in r.text and 'Choose a grade' in r.text and
         'ds_question--error' in r.text and 'href="#grade"' in r.text,
         'missing grade: error summary and field error', r.status)
    r = lead.post('/inspections/1/grade/2.1', {'csrf': ctok, 'grade': '99'})
    t.ok(r.status == 400 and 'Choose one of the grades listed' in r.text, 'grade off the scale')
    r = lead.post('/inspections/1/grade/2.1', {'csrf': ctok, 'grade': '2',
                                               'rationale': '<script>x</script>'},
                  headers={'Origin': srv.origin, 'Sec-Fetch-Site': 'same-origin'})
    t.ok(r.status == 303 and r.header('Location') == '/inspections/1?graded=2.1',
         'valid grade saves and redirects', (r.status, r.header('Location')))
    after = json.loads(cairn(fx.db, 'inspection', 'show', '1', '--json')[1])
    t.ok(grade_of(after, '2.1') == 2, 'the grade is stored', grade_of(after, '2.1'))
    r = lead.get('/inspections/1?graded=2.1')
    t.ok('Quality indicator 2.1 graded.' in r.text, 'confirmation banner after saving')
    r = lead.get('/inspections/1/grade/2.1')
    t.ok('&lt;script&gt;x&lt;/script&gt;' in r.text and '<script>x' not in r.text,
         'stored text is escaped when shown')
    r = lead.get('/inspections/1/grade/9.9')
    t.ok(r.status == 404, 'unknown indicator is 404')

    # ---- each role ----
    clients = {'lead': lead}
    for user in ('inspector', 'young', 'panel', 'coord', 'reader', 'outsider', 'admin'):
        c = Client(srv)
        r = c.sign_in(user)
        t.ok(r.status == 303, f'{user} signs in', r.status)
        clients[user] = c
    expect = {
        # user: (overview status, evaluations visible, grade form status)
        'inspector': (200, True, 200),
        'young': (200, True, 403),
        'panel': (200, True, 403),
        'coord': (200, False, 403),
        'reader': (200, False, 403),
        'outsider': (404, False, 404),
        'admin': (404, False, 404),
    }
    for user, (ov, ev, gf) in expect.items():
        c = clients[user]
        r = c.get('/inspections/1')
        t.ok(r.status == ov, f'{user}: inspection overview {ov}', r.status)
        t.ok(('Evaluations' in r.text) == ev,
             f'{user}: evaluations {"shown" if ev else "not shown"}')
        r = c.get('/inspections/1/grade/2.1')
        t.ok(r.status == gf, f'{user}: grade form {gf}', r.status)
    c = clients['young']
    r = c.get('/inspections/1/grade/2.1')
    r = c.post('/inspections/1/grade/2.1', {'csrf': csrf_of(c.get('/').text), 'grade': '6'})
    t.ok(r.status == 403, 'young inspector may not grade (POST refused)', r.status)
    after = json.loads(cairn(fx.db, 'inspection', 'show', '1', '--json')[1])
    t.ok(grade_of(after, '2.1') == 2, "the refused grade changed nothing")
    r = clients['outsider'].get('/')
    t.ok('Glenmoor' not in r.text, 'outsider home lists no inspection')
    r = clients['admin'].get('/accounts')
    t.ok(r.status == 200 and 'outsider' in r.text, 'admin sees accounts')
    r = clients['admin'].get('/audit')
    t.ok(r.status == 200 and 'signin' in r.text and 'is intact' not in r.text and
         'Check the chain' in r.text, 'admin sees the audit log; the chain is checked on demand')
    r = clients['admin'].get('/audit?verify=1')
    t.ok(r.status == 200 and 'signin' in r.text and 'is intact' in r.text,
         'admin checks the chain: intact')
    # One page: the entries before ?before=, newest first.
    r = clients['admin'].get('/audit?before=4')
    cells = re.findall(r'<th[^>]*scope="row"[^>]*>([0-9]+)</th>', r.text)
    t.ok(r.status == 200 and cells == ['3', '2', '1'], 'the page before entry 4 shows 3, 2, 1',
         cells)
    t.ok(clients['admin'].get('/audit?before=x').status == 404, 'a bad ?before= is 404')
    for user in ('lead', 'reader'):
        t.ok(clients[user].get('/accounts').status == 403, f'{user} may not see accounts')
        t.ok(clients[user].get('/audit').status == 403, f'{user} may not see the global audit')

    # ---- evidence log ----
    c = clients['young']
    r = c.get('/inspections/1/evidence')
    t.ok(r.status == 200 and 'Add evidence' in r.text, 'young inspector sees the evidence log and form')
    etok = csrf_of(r.text)
    r = c.post('/inspections/1/evidence', {'csrf': etok, 'source': 'focus-group', 'text': '  ',
                                           'qis': '2.1', 'status': 'strength'})
    t.ok(r.status == 400 and 'Enter what was found' in r.text and 'href="#text"' in r.text,
         'evidence without text: error summary, nothing added', r.status)
    r = c.post('/inspections/1/evidence', {'csrf': etok, 'source': 'focus-group',
                                           'text': 'Young people said their views changed plans.',
                                           'qis': '2.1', 'status': 'strength'})
    t.ok(r.status == 303 and '/inspections/1/evidence?added=' in (r.header('Location') or ''),
         'young inspector adds evidence', (r.status, r.text[:300]))
    r = c.get('/inspections/1/evidence?qi=2.1&status=strength')
    t.ok('Young people said their views changed plans.' in r.text and 'yasmin' not in r.text,
         'the filtered log shows it')
    r = c.get('/inspections/1/evidence?source=document')
    t.ok('Young people said their views changed plans.' not in r.text, 'the source filter hides it')
    t.ok(clients['reader'].get('/inspections/1/evidence').status == 403,
         'a local reader may not see the evidence log')
    r = clients['panel'].get('/inspections/1/evidence')
    t.ok(r.status == 200 and 'Add evidence' not in r.text, 'the panel sees the log without the form')

    # ---- report downloads ----
    r = lead.get('/inspections/1/report')
    t.ok(r.status == 200 and 'report-internal.pdf' in r.text, 'lead sees the report downloads')
    r = lead.get('/inspections/1/report/report-internal.pdf')
    t.ok(r.status == 200 and r.body[:5] == b'%PDF-' and
         'attachment' in (r.header('Content-Disposition') or ''),
         'the internal PDF downloads as an attachment', (r.status, r.body[:100]))
    r = lead.get('/inspections/1/report/report-public.html')
    t.ok(r.status == 200 and b'<html' in r.body[:500].lower(), 'the public HTML downloads')
    t.ok(lead.get('/inspections/1/report/report-secret.exe').status == 404, 'unknown report file is 404')
    t.ok(clients['coord'].get('/inspections/1/report').status == 403,
         'the co-ordinator may not see the draft outside factual accuracy')
    t.ok(clients['reader'].get('/inspections/1/report/report-internal.pdf').status == 403,
         'a local reader may not download the report')

    r = lead.get('/inspections/1/audit')
    t.ok(r.status == 200 and 'Grade set' in r.text and 'grade.set' not in r.text and
         'Account added' not in r.text,
         "the lead sees the inspection's audit entries only")
    t.ok(clients['inspector'].get('/inspections/1/audit').status == 403,
         "an inspector may not see the inspection's audit log")
    t.ok(clients['outsider'].get('/inspections/1/audit').status == 404,
         "an outsider gets 404 for the inspection's audit log")

    # ---- sign-out ----
    c = clients['inspector']
    old = c.cookies['cairn_session']
    r = c.post('/signout', {'csrf': csrf_of(c.get('/').text)})
    t.ok(r.status == 303 and r.header('Location') == '/signin', 'sign-out redirects')
    c.cookies['cairn_session'] = old
    t.ok(c.get('/').status == 303, 'the old session no longer works after sign-out')

    # ---- throttling ----
    thr = Client(srv)
    for i in range(5):
        thr.sign_in('panel', password='not the password')
    r = thr.sign_in('panel')
    t.ok(r.status == 429 and 'too many failed attempts' in r.text,
         'sign-in throttled after 5 failures, even with the right password', r.status)

    # ---- JSON API ----
    rc, token, err = cairn(fx.db, 'user', 'token', 'lead')
    token = token.strip()
    t.ok(rc == 0 and len(token) == 64, 'cairn user token prints a token', err)
    api = Client(srv)
    r = api.get('/api/v1/inspections')
    t.ok(r.status == 401 and json.loads(r.body)['error']['status'] == 401,
         'API without a token: 401 JSON')
    auth = {'Authorization': 'Bearer ' + token}
    r = api.get('/api/v1/inspections', headers=auth)
    j = json.loads(r.body)
    t.ok(r.status == 200 and [i['id'] for i in j['inspections']] == [1] and
         j['inspections'][0]['role'] == 'lead', 'API lists the inspections', r.body[:300])
    r = api.get('/api/v1/inspections/1/evaluations', headers=auth)
    t.ok(r.status == 200 and any(e['qi'] == '2.1' and e['grade'] == 2
                                 for e in json.loads(r.body)['evaluations']),
         'API evaluations include the grade given on the page')
    jh = dict(auth, **{'Content-Type': 'application/json'})
    cases = [
        (b'{"grade": 4, "colour": "red"}', 400, 'colour', 'unknown field named'),
        (b'{"grade": [4]}', 400, 'grade', 'wrong type named'),
        (b'{"rationale": "x"}', 400, 'grade', 'missing field named'),
        (b'{"grade": 4, "rationale": 7}', 400, 'rationale', 'wrong rationale type named'),
        (b'{"grade": 4, "grade": 5}', 400, None, 'duplicate keys refused'),
        (b'[4]', 400, None, 'non-object refused'),
        (b'{"grade": 44}', 400, 'grade', 'grade off the scale named'),
        (b'{"grade": "' + b'x' * 70000 + b'"}', 413, None, 'oversize body refused'),
    ]
    for body, status, field, desc in cases:
        r = api.request('PUT', '/api/v1/inspections/1/evaluations/2.1', body=body, headers=jh)
        try:
            e = json.loads(r.body)['error']
        except (ValueError, KeyError):
            e = {}
        t.ok(r.status == status and (field is None or e.get('field') == '/' + field) and
             e.get('code'),
             f'API PUT: {desc}', (r.status, r.body[:200]))
    r = api.request('PUT', '/api/v1/inspections/1/evaluations/2.1', body=b'grade=4',
                    headers=dict(auth, **{'Content-Type': 'application/x-www-form-urlencoded'}))
    t.ok(r.status == 415, 'API PUT: non-JSON content type refused', r.status)
    after = json.loads(cairn(fx.db, 'inspection', 'show', '1', '--json')[1])
    t.ok(grade_of(after, '2.1') == 2, 'refused API requests changed nothing')
    r = api.request('PUT', '/api/v1/inspections/1/evaluations/2.1',
                    body=b'{"grade": "Good", "rationale": "from the API"}', headers=jh)
    t.ok(r.status == 200 and json.loads(r.body)['grade'] == 4, 'API PUT grades', r.body[:200])
    rc, otoken, err = cairn(fx.db, 'user', 'token', 'outsider')
    r = api.get('/api/v1/inspections/1', headers={'Authorization': 'Bearer ' + otoken.strip()})
    t.ok(r.status == 404, 'API: outsider cannot see the inspection', r.status)
    rc, ytoken, err = cairn(fx.db, 'user', 'token', 'young')
    r = api.request('PUT', '/api/v1/inspections/1/evaluations/2.1', body=b'{"grade": 6}',
                    headers={'Authorization': 'Bearer ' + ytoken.strip(),
                             'Content-Type': 'application/json'})
    t.ok(r.status == 403, 'API: young inspector may not grade', r.status)

    # ---- audit ----
    rc, out, err = cairn(fx.db, 'audit', 'verify')
    t.ok(rc == 0, 'audit chain verifies after the web session', err)
    rc, out, err = cairn(fx.db, 'audit', 'list', '--json')
    entries = json.loads(out)
    if isinstance(entries, dict):
        entries = entries.get('entries', [])
    actions = [(e.get('actor'), e.get('action'), e.get('origin')) for e in entries]
    t.ok(('lead', 'signin', '127.0.0.1') in actions, 'sign-in audited with the address')
    t.ok(('lead', 'signin.fail', '127.0.0.1') in actions, 'failed sign-in audited')
    t.ok(('panel', 'signin.throttled', '127.0.0.1') in actions, 'throttled sign-in audited')
    t.ok(any(a[0] == 'lead' and a[1] == 'grade.set' and a[2] == '127.0.0.1' for a in actions),
         'the grade change is audited as the lead from the address')
    t.ok(('lead', 'report.download', '127.0.0.1') in actions and
         any(a[0] == 'lead' and a[1] == 'report.export' for a in actions),
         'report downloads are audited as exports')
    t.ok(any(a[0] == 'young' and a[1].startswith('evidence') for a in actions),
         'evidence added on the page is audited as the young inspector')

    # ---- records reading: sample, my records, the reading form ----
    pop = os.path.join(fx.dir, 'pop.csv')
    with open(pop, 'w') as fh:
        fh.write('ref,category\n')
        for i in range(30):
            fh.write('C%03d,%s\n' % (i + 1, ['CP', 'LAC'][i % 2]))
    for args in (('population', 'import', '1', pop),
                 ('sample', 'draw', '1', '--size', '6', '--strata', 'category', '--seed', '7'),
                 ('reader', 'add', '1', 'inspector', '--kind', 'inspector'),
                 ('reader', 'add', '1', 'reader', '--kind', 'local'),
                 ('reader', 'add', '1', 'reader2', '--kind', 'local')):
        rc, out, err = cairn(fx.db, *args)
        t.ok(rc == 0, 'reading setup: ' + ' '.join(args[:2]), err)
    rc, out, err = cairn(fx.db, 'reader', 'assign', '1', '--json')
    plan = json.loads(out)
    mine = [a['ref'] for a in plan['assignments'] if a['pair'] == 1]
    other = [a['ref'] for a in plan['assignments'] if a['pair'] == 2]
    t.ok(len(mine) == 3 and len(other) == 3, 'six records over two pairs', plan['assignments'])
    rc, out, err = cairn(fx.db, 'user', 'add', 'reader2', '--name', 'Rhona Reader',
                         stdin=PASSWORD + '\n')
    rc2, out, err2 = cairn(fx.db, 'team', 'add', '1', 'reader2', '--role', 'local-reader')
    t.ok(rc == 0 and rc2 == 0, 'second local reader on the team', (err, err2))
    reader2 = Client(srv)
    t.ok(reader2.sign_in('reader2').status == 303, 'reader2 signs in')

    r = lead.get('/inspections/1')
    t.ok('/inspections/1/sample' in r.text and '/inspections/1/reading' in r.text,
         'overview links to the sample and to my records')
    r = lead.get('/inspections/1/sample')
    t.ok(r.status == 200 and 'Category: CP' in r.text and
         all(ref in r.text for ref in mine + other), 'lead sees strata and every member',
         r.status)
    t.ok(re.search(r'<td[^>]*>15</td>\s*<td[^>]*>3</td>', r.text) is not None,
         'stratum row: population 15, allocated 3')
    r = clients['young'].get('/inspections/1/sample')
    t.ok(r.status == 403 and mine[0] not in r.text, 'young inspector cannot see the sample',
         r.status)
    t.ok('/inspections/1/sample' not in clients['young'].get('/inspections/1').text,
         'no sample link for the young inspector')
    r = clients['reader'].get('/inspections/1/sample')
    t.ok(r.status == 403, 'a local reader cannot see the whole sample', r.status)
    r = clients['outsider'].get('/inspections/1/sample')
    t.ok(r.status == 404, 'an outsider gets 404 for the sample', r.status)

    rd = clients['reader']
    r = rd.get('/inspections/1/reading')
    t.ok(r.status == 200 and all(ref in r.text for ref in mine) and
         not any(ref in r.text for ref in other) and 'Not started' in r.text,
         'reader lists only their own records, not started', r.status)
    ref = mine[0]
    r = reader2.get('/inspections/1/reading/' + ref)
    t.ok(r.status == 404, "another reader cannot open the record", r.status)
    r = clients['young'].get('/inspections/1/reading/' + ref)
    t.ok(r.status in (403, 404), 'young inspector cannot open the record', r.status)
    r = rd.get('/inspections/1/reading/' + ref)
    t.ok(r.status == 200 and 'type="radio"' in r.text and '<textarea' in r.text and
         'name="do" value="submit"' in r.text, 'reading form: radios, textarea, buttons',
         r.status)
    rtok = csrf_of(r.text)
    radios = {}
    for name, value in re.findall(r'name="(a\.[^"@]+)" value="([^"]*)"', r.text):
        radios.setdefault(name, value)
    t.ok(len(radios) >= 3, 'several questions to answer', len(radios))
    before = json.loads(cairn(fx.db, 'reading', 'show', '1', ref, '--json')[1] or 'null')
    form = dict(radios, do='submit')
    r = rd.post('/inspections/1/reading/' + ref, form)
    t.ok(r.status == 403, 'reading form without CSRF token refused', r.status)
    r = rd.post('/inspections/1/reading/' + ref, dict(form, csrf='f' * 64))
    t.ok(r.status == 403, 'reading form with a wrong CSRF token refused', r.status)
    t.ok(json.loads(cairn(fx.db, 'reading', 'show', '1', ref, '--json')[1] or 'null') == before,
         'refused reading posts changed nothing')
    first = sorted(radios)[0]
    part = {k: v for k, v in radios.items() if k != first}
    r = rd.post('/inspections/1/reading/' + ref, dict(part, csrf=rtok, do='save'))
    t.ok(r.status == 303 and 'saved=1' in (r.header('Location') or ''), 'draft saved',
         (r.status, r.text[:300]))
    r = rd.get('/inspections/1/reading')
    t.ok('In progress' in r.text, 'the record is now in progress (a draft)')
    r = rd.post('/inspections/1/reading/' + ref, dict(part, csrf=rtok, do='submit'))
    t.ok(r.status == 400 and 'ds_error-summary' in r.text and
         'href="#item-%s"' % first[2:] in r.text,
         'submitting with an unanswered question: error summary links to it', r.status)
    r = rd.post('/inspections/1/reading/' + ref, dict(part, csrf=rtok, do='submit',
                                                      **{first: 'not-an-answer'}))
    t.ok(r.status == 400 and 'ds_question--error' in r.text, 'an invalid answer is refused')
    r = rd.post('/inspections/1/reading/' + ref, dict(form, csrf=rtok))
    t.ok(r.status == 303 and 'submitted=1' in (r.header('Location') or ''),
         'the reader submits their reading', (r.status, r.text[:300]))
    rc, out, err = cairn(fx.db, 'reading', 'show', '1', ref, '--json')
    t.ok(rc == 0 and '"submitted"' in out and '"reader"' in out,
         'the CLI shows the reading submitted by reader', out[:300])
    r = rd.get('/inspections/1/reading')
    t.ok('Submitted' in r.text, 'my records shows it submitted')
    r = rd.get('/inspections/1/reading/' + ref)
    t.ok(r.status == 200 and 'type="radio"' not in r.text and 'locked' in r.text,
         'a submitted reading is shown read-only')
    r = rd.post('/inspections/1/reading/' + ref, dict(form, csrf=rtok))
    t.ok(r.status == 409, 'a submitted reading cannot be posted again', r.status)
    rc, out, err = cairn(fx.db, 'audit', 'list', '--json')
    t.ok(rc == 0 and 'sample.view' in out and 'reading.view' in out,
         'sample and reading views are audited', err)

    # ---- online backup while the server runs ----
    bk = os.path.join(fx.dir, 'backup.db')
    rc, out, err = cairn(fx.db, 'backup', bk)
    t.ok(rc == 0 and os.path.exists(bk), 'cairn backup while the server runs', err)
    rc, out, err = cairn(bk, 'audit', 'verify')
    t.ok(rc == 0, 'the backup opens and its audit chain verifies', err)
    rc, out, err = cairn(bk, 'user', 'list', '--json')
    t.ok(rc == 0 and 'lead' in [u['username'] for u in json.loads(out)], 'the backup holds the accounts')
    rc, out, err = cairn(fx.db, 'backup', bk)
    t.ok(rc == 73 and 'already exists' in err, 'backup refuses to overwrite a file', (rc, err))

    # ---- idle time-out (a second server on the same database) ----
    srv2 = Server(fx.db, '--idle-timeout', '4')
    c = Client(srv2)
    c.sign_in('lead')
    t.ok(c.get('/').status == 200, 'signed in on the short-time-out server')
    time.sleep(5)
    t.ok(c.get('/').status == 303, 'idle session expires')
    t.ok(srv2.stop() == 0, 'second server stops cleanly')

    # ---- --timing: the time of each request inside the server ----
    srv3 = Server(fx.db, '--timing')
    c = Client(srv3)
    began = time.monotonic()
    codes = [c.get('/signin').status for _ in range(25)]
    wall_ms = (time.monotonic() - began) * 1000
    t.ok(srv3.stop() == 0 and codes == [200] * 25, 'a --timing server answers and stops', codes)
    err3 = srv3.proc.stderr.read()
    got = {}
    for m in re.finditer(r'cairn serve: (answered|sent): (\d+) requests, p50 ([0-9.]+) ms, '
                         r'p90 ([0-9.]+) ms, p99 ([0-9.]+) ms, p99\.9 ([0-9.]+) ms, '
                         r'max below ([0-9.]+) ms', err3):
        got[m.group(1)] = (int(m.group(2)), [float(x) for x in m.groups()[2:]])
    t.ok(set(got) == {'answered', 'sent'} and all(n == 25 for n, _ in got.values()),
         '--timing reports the 25 requests answered and sent when stopped', err3)
    t.ok(all(q == sorted(q) and 0 < q[-1] < wall_ms for _, q in got.values()),
         'its quantiles rise and the longest is shorter than the whole run', (got, wall_ms))
    t.ok(all(a <= s for a, s in zip(got['answered'][1], got['sent'][1])),
         'each answered quantile is at most the sent one', got)

    # ---- the threads: one connection thread per CPU, each on its own; the
    # page workers (--workers) wherever the scheduler puts them ----
    srv4 = Server(fx.db, '--workers', '3')
    conns = [http.client.HTTPConnection(srv4.host, srv4.port, timeout=30) for _ in range(16)]
    for k in conns:
        k.request('GET', '/signin')
        k.getresponse().read()
    allowed = sorted(os.sched_getaffinity(srv4.proc.pid))
    tasks = []
    for tid in os.listdir('/proc/%d/task' % srv4.proc.pid):
        with open('/proc/%d/task/%s/comm' % (srv4.proc.pid, tid)) as f:
            comm = f.read().strip()
        tasks.append((int(tid), comm, sorted(os.sched_getaffinity(int(tid)))))
    conn_threads = [cpus for tid, comm, cpus in tasks if comm.startswith('MHD')]
    others = [cpus for tid, comm, cpus in tasks
              if not comm.startswith('MHD') and tid != srv4.proc.pid]
    t.ok(len(conn_threads) == min(len(allowed), 64),
         'one connection thread per CPU the server may use', (len(conn_threads), allowed))
    pinned = [cpus[0] for cpus in conn_threads if len(cpus) == 1]
    t.ok(all(len(cpus) == 1 or cpus == allowed for cpus in conn_threads) and
         len(set(pinned)) == len(pinned) and (len(allowed) < 2 or len(pinned) >= 1),
         'each connection thread that took a connection runs on a CPU of its own',
         (conn_threads, allowed))
    t.ok(len(others) == 3 and all(cpus == allowed for cpus in others),
         'three page workers, not pinned', (others, allowed))
    for k in conns:
        k.close()

    # A request a page worker is answering when the server is told to stop
    # is answered before it stops.
    upload = PopulationUpload(fx.db, srv4, 300000, 'Stopshire').start()
    time.sleep(0.05)
    rc4 = srv4.stop()
    answer, ended = upload.wait()
    t.ok(rc4 == 0 and answer.startswith(b'HTTP/1.1 201'),
         'SIGTERM while an import is being stored: it is answered (201), then the server stops',
         (rc4, answer[:40]))
    rc, out, err = cairn(fx.db, 'population', 'show', upload.id)
    t.ok(rc == 0 and '300000' in out.replace(',', ''), 'and the 300,000 children are stored',
         (rc, out[:200], err))
finally:
    rc = srv.stop()
    t.ok(rc == 0, 'SIGTERM stops the server with status 0', rc)
    t.ok('requests, p50' not in srv.proc.stderr.read(), 'without --timing no times are printed')
    fx.cleanup()
sys.exit(t.done())
