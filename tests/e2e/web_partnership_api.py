"""End-to-end tests of the partnership's JSON API against the real server on
the demo inspection (cyp-2014, sections D1 to D5, no word limit): the
notification (its required fields as JSON names, the co-ordinator refused),
a co-ordinator recorded, the pre-inspection return refused with each
problem's sheet, line and column and then stored, the position statement, a
supporting document in base64, a claim citing it and its test (refused
without evidence or a note, 404 for no such claim).  Prints TAP."""
import base64
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webtest import Client, Fixture, Server, Tap, cairn  # noqa: E402


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
P = '/api/v1/inspections/1/partnership'
try:
    tok = {}
    for u in ('lead', 'coord', 'inspector', 'young'):
        rc, out, err = cairn(fx.db, 'user', 'token', u)
        tok[u] = out.strip().split()[-1]
    r, j = api(srv, tok['coord'], 'GET', P)
    t.ok(r.status == 200 and j['return']['version'] == 0 and j['statement']['word_limit'] == 0,
         'the co-ordinator reads the partnership side (cyp-2014: no word limit)', (r.status, j))
    r, j = api(srv, tok['young'], 'GET', P)
    t.ok(r.status == 403, 'a young inspector does not', r.status)

    r, j = api(srv, tok['coord'], 'POST', P + '/notifications',
               {'council': 'Glenmoor Council', 'health_board': 'NHS Glenmoor'})
    t.ok(r.status == 403, 'the co-ordinator does not generate the notification', r.status)
    r, j = api(srv, tok['lead'], 'POST', P + '/notifications', {'council': 'Glenmoor Council'})
    t.ok(r.status == 400 and j.get('error', {}).get('field') == '/health_board',
         'the NHS board is required (the body is checked first)',
         (r.status, j))
    r, j = api(srv, tok['lead'], 'POST', P + '/notifications',
               {'council': 'Glenmoor Council', 'health_board': 'NHS Glenmoor',
                'date': '2026-01-05'})
    t.ok(r.status == 201 and j.get('notification') == 1, 'the lead generates notification 1',
         (r.status, j))
    r, j = api(srv, tok['lead'], 'PUT', P + '/contacts/inspection-coordinator',
               {'name': 'Rhona Reid', 'job': 'Head of service'})
    t.ok(r.status == 200, 'the inspection co-ordinator is recorded', (r.status, j))
    r, j = api(srv, tok['lead'], 'PUT', P + '/contacts/chair', {'name': 'x'})
    t.ok(r.status == 422 and j.get('error', {}).get('field') == '/kind', 'an unknown co-ordinator', (r.status, j))
    r, j = api(srv, tok['coord'], 'GET', P)
    letter = j['notifications'][0]['markdown']
    t.ok('- The Chief Executive, NHS Glenmoor' in letter and '5 January 2026' in letter and
         j['contacts']['inspection-coordinator']['name'] == 'Rhona Reid',
         'the frozen letter and the co-ordinator are in the API', j)

    bad = {'children': 'category,number,census_date,name\nOn the register,4x,2026-01-31,y\n',
           'services': 'service,agency,posts\nSocial work,Council,12\n'}
    r, j = api(srv, tok['coord'], 'POST', P + '/return', {'sheets': bad})
    errs = j.get('errors', [])
    t.ok(r.status == 422 and j.get('total') == 2, 'a return with two problems is refused',
         (r.status, j))
    t.ok({'sheet': 'children', 'line': 1, 'column': 4} ==
         {k: errs[0][k] for k in ('sheet', 'line', 'column')} and
         'personal identifier (name)' in errs[0]['message'],
         'the identifier column with its sheet, line and column', errs)
    t.ok({'sheet': 'children', 'line': 2, 'column': 2} ==
         {k: errs[1][k] for k in ('sheet', 'line', 'column')}, 'the bad number too', errs)
    r, j = api(srv, tok['coord'], 'GET', P)
    t.ok(j['return']['version'] == 0, 'nothing was stored', j['return'])
    good = {'children': 'category,number,census_date\nOn the register,4,2026-01-31\n',
            'services': 'service,agency,posts\nSocial work,Council,12\nHealth,NHS,3.5\n'}
    r, j = api(srv, tok['coord'], 'POST', P + '/return', {'sheets': good})
    t.ok(r.status == 201 and j.get('version') == 1 and j.get('rows') == 3,
         'the clean return is stored with its rows', (r.status, j))

    # The filled XLSX workbook, base64: a CHI number refused with its sheet,
    # row and column; a clean one stored.
    blank = os.path.join(os.path.dirname(fx.db), 'blank.xlsx')
    rc, out, err = cairn(fx.db, 'partnership', 'return-form', '1', '--output', blank)
    fill = os.path.join(os.environ['SRCDIR'], 'tests', 'e2e', 'xlsxfill.py')

    def workbook(name, rows):
        path = os.path.join(os.path.dirname(fx.db), name)
        subprocess.run([sys.executable, fill, 'fill', blank, path, json.dumps(rows)], check=True)
        with open(path, 'rb') as f:
            return base64.b64encode(f.read()).decode()
    chi = workbook('chi.xlsx', {'children': [['On the register', 4, '2026-01-31'],
                                             ['0101011237', 1, '2026-01-31']],
                                'services': [['Social work', 'Council', 12]]})
    r, j = api(srv, tok['coord'], 'POST', P + '/return', {'workbook_base64': chi})
    errs = j.get('errors', [])
    t.ok(r.status == 422 and errs and {'sheet': 'children', 'line': 3, 'column': 1} ==
         {k: errs[0][k] for k in ('sheet', 'line', 'column')} and
         'personal identifier (CHI number)' in errs[0]['message'],
         'a workbook with a CHI number: refused with its sheet, row and column', (r.status, j))
    clean = workbook('clean.xlsx', {'children': [['On the register', 4, '2026-01-31']],
                                    'services': [['Social work', 'Council', 12]]})
    r, j = api(srv, tok['coord'], 'POST', P + '/return', {'workbook_base64': clean})
    t.ok(r.status == 201 and j.get('version') == 2 and j.get('rows') == 2,
         'the clean workbook is stored', (r.status, j))
    r, j = api(srv, tok['coord'], 'POST', P + '/return', {'workbook_base64': 'UEsDBA=='})
    t.ok(r.status == 422 and 'damaged' in json.dumps(j), 'a damaged zip is refused', (r.status, j))

    r, j = api(srv, tok['coord'], 'PUT', P + '/statement',
               {'sections': {'D1': 'We know our outcomes.', 'D9': 'x'}})
    t.ok(r.status == 422 and j.get('error', {}).get('field') == '/section', 'an unknown section', (r.status, j))
    r, j = api(srv, tok['coord'], 'PUT', P + '/statement',
               {'sections': {'D1': 'We know our outcomes.', 'D5': 'Leaders meet weekly.'}})
    t.ok(r.status == 200 and j.get('words') == 7 and j.get('version') == 1,
         'the statement is stored with its 7 words', (r.status, j))

    doc = base64.b64encode(b'Self-evaluation evidence\n').decode()
    r, j = api(srv, tok['coord'], 'POST', P + '/documents',
               {'title': 'Evidence pack', 'filename': 'pack.txt', 'content_base64': doc})
    t.ok(r.status == 201 and j.get('document') == 1 and j.get('version') == 1,
         'a supporting document in base64', (r.status, j))
    r, j = api(srv, tok['coord'], 'POST', P + '/documents',
               {'document': 1, 'filename': 'pack2.txt', 'content_base64': doc})
    t.ok(r.status == 201 and j.get('version') == 2, 'and its second version', (r.status, j))
    r, j = api(srv, tok['coord'], 'POST', P + '/documents',
               {'title': 'x', 'filename': 'x.txt', 'content_base64': '!!!'})
    t.ok(r.status == 422 and j.get('error', {}).get('field') == '/content_base64', 'bad base64', (r.status, j))
    r, j = api(srv, tok['coord'], 'POST', P + '/claims',
               {'section': 'D1', 'text': 'Outcomes improve year on year', 'documents': '1'})
    t.ok(r.status == 201 and j.get('claim') == 1, 'a claim citing document 1', (r.status, j))

    rc, out, err = cairn(fx.db, 'evidence', 'add', '1', '--source', 'data', '--text',
                         'Outcomes rose in three of four years', '--qi', '1.1', '--status',
                         'strength', '--json')
    ev = json.loads(out)['number']
    r, j = api(srv, tok['coord'], 'POST', P + '/claims/1/test', {'qi': '1.1'})
    t.ok(r.status == 403, 'the co-ordinator does not test claims', r.status)
    r, j = api(srv, tok['inspector'], 'POST', P + '/claims/1/test',
               {'qi': '1.1', 'verdict': 'confirmed'})
    t.ok(r.status == 422 and j.get('error', {}).get('field') == '/evidence', 'a verdict needs evidence or a note',
         (r.status, j))
    r, j = api(srv, tok['inspector'], 'POST', P + '/claims/1/test',
               {'qi': '1.1', 'verdict': 'confirmed', 'evidence': ev})
    t.ok(r.status == 200 and j.get('verdict') == 'confirmed', 'an inspector confirms it',
         (r.status, j))
    r, j = api(srv, tok['inspector'], 'POST', P + '/claims/99/test', {'qi': '1.1'})
    t.ok(r.status == 404, 'no claim 99', (r.status, j))
    r, j = api(srv, tok['coord'], 'GET', P)
    c = j['claims'][0]
    t.ok(c['documents'] == [1] and c['tests'][0]['qi'] == '1.1' and
         c['tests'][0]['evidence'] == ev, 'the claim with its document and test', c)
    rc, out, err = cairn(fx.db, 'audit', 'verify')
    t.ok(rc == 0, 'the audit chain verifies', err)
finally:
    srv.stop()
    fx.cleanup()
t.done()
