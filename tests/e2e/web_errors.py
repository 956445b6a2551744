"""End-to-end test of the error states of every POST form (TAP): each form
of the route table is submitted empty and with invalid values against the
real server; every refusal must be a page for a person, whose error summary
links (href="#x") to an input that exists on the page (id="x"), and no page
or JSON error may name a command-line flag or a cairn command (webtest.py
checks every response).
"""
import json
import os
import re
import sys
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webtest import Client, Fixture, Server, Tap, cairn, csrf_of  # noqa: E402


def multipart(fields, files):
    """Encodes fields {name: value} and files {name: (filename, bytes)}."""
    b = '----cairnerrors' + uuid.uuid4().hex
    out = []
    for k, v in fields.items():
        out.append(f'--{b}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n'.encode() +
                   v.encode() + b'\r\n')
    for k, (fn, data) in files.items():
        out.append(f'--{b}\r\nContent-Disposition: form-data; name="{k}"; filename="{fn}"\r\n'
                   f'Content-Type: text/csv\r\n\r\n'.encode() + data + b'\r\n')
    out.append(f'--{b}--\r\n'.encode())
    return b''.join(out), f'multipart/form-data; boundary={b}'


def summary_links(html):
    """The ids the error summary links to, or None when there is no summary."""
    m = re.search(r'class="ds_error-summary__list">(.*?)</ul>', html, re.S)
    if m is None:
        return None
    return re.findall(r'href="#([^"]+)"', m.group(1))


def ids_of(html):
    return set(re.findall(r'\bid="([^"]+)"', html))


def main():
    t = Tap()
    fx = Fixture()
    srv = Server(fx.db)
    try:
        rc, out, err = cairn(fx.db, 'survey', 'create', '1', '--name', 'staff', '--kind',
                             'staff', '--scale', 'agree5')
        t.ok(rc == 0, 'a survey to import into', err)
        admin, lead, panel = Client(srv), Client(srv), Client(srv)
        admin.sign_in('admin')
        lead.sign_in('lead')
        panel.sign_in('panel')

        # A second inspection led by 'lead', with a population but no sample.
        tok = csrf_of(admin.get('/new-inspection').text)
        r = admin.post('/new-inspection', {'csrf': tok, 'partnership': 'Errorvale',
                                           'framework': 'cyp-2014', 'lead': 'lead'})
        m = re.fullmatch(r'/\?created=([0-9]+)', r.header('Location') or '')
        t.ok(r.status == 303 and m, 'a second inspection to draw a sample in', r.status)
        two = f'/inspections/{m.group(1) if m else 2}'
        csv = ('ref,area\n' + ''.join(f'C{i:03d},{"north" if i % 2 else "south"}\n'
                                      for i in range(1, 41))).encode()

        def send(who, page, path, form=None, files=None):
            """Submits form to path with the CSRF token of page; multipart
            when files is given."""
            fields = dict(form or {})
            fields['csrf'] = csrf_of(who.get(page).text)
            if files is None:
                return who.post(path, fields)
            body, ct = multipart(fields, files)
            return who.request('POST', path, body=body, headers={'Content-Type': ct})

        r = send(lead, two + '/population', two + '/population',
                 files={'file': ('population.csv', csv)})
        t.ok(r.status == 303, 'population imported into the second inspection', r.status)

        one = '/inspections/1'
        counts = {'cases': 0, 'summaries': 0}

        def check(cases):
            """Submits each case and checks the page that comes back."""
            for who, page, path, form, files, desc in cases:
                counts['cases'] += 1
                r = send(who, page, path, form, files)
                html = r.text if (r.header('Content-Type') or '').startswith('text/html') else ''
                links = summary_links(html)
                if links is not None:
                    counts['summaries'] += 1
                    missing = [x for x in links if x not in ids_of(html)]
                    t.ok(r.status in (400, 409, 422) and links and not missing,
                         f'{desc}: {r.status}, the error summary links to inputs on the page '
                         f'({", ".join(links)})', (r.status, missing))
                else:
                    t.ok(r.status in (303, 400, 403, 404, 409, 422),
                         f'{desc}: {r.status}, refused or done without an internal error',
                         (r.status, r.text[:300]))

        cases = [
            (admin, '/new-inspection', '/new-inspection', {}, None, 'create inspection: empty'),
            (admin, '/new-inspection', '/new-inspection',
             {'partnership': 'X', 'framework': 'cyp-2014', 'lead': 'lead',
              'notified': 'soon'}, None, 'create inspection: a notified date that is not one'),
            (admin, '/new-inspection', '/new-inspection',
             {'partnership': 'X', 'framework': 'cyp-2014', 'lead': 'lead',
              'fieldwork-from': '2026-10-05', 'fieldwork-to': '2026-10-01'}, None,
             'create inspection: fieldwork ending before it starts'),
            (admin, '/new-inspection', '/new-inspection',
             {'partnership': 'X', 'framework': 'no-such', 'lead': 'lead'}, None,
             'create inspection: an unknown framework'),
            (lead, one + '/team', one + '/team', {}, None, 'team add: empty'),
            (lead, one + '/team', one + '/team', {'person': 'ghost', 'role': 'inspector',
                                                   'agency': ' '}, None,
             'team add: a blank agency'),
            (lead, one + '/team', one + '/team/remove', {}, None, 'team remove: empty'),
            (lead, one + '/team', one + '/team/remove', {'person': 'ghost'}, None,
             'team remove: someone not on the team'),
            (lead, two + '/population', two + '/population', {}, {}, 'population: no file'),
            (lead, two + '/population', two + '/population', {},
             {'file': ('bad.csv', b'name,dob\nAnn,2010-01-01\n')},
             'population: a file with identifiers and no ref'),
            (lead, two + '/sample/draw', two + '/sample/draw', {}, None, 'sample draw: empty'),
            (lead, two + '/sample/draw', two + '/sample/draw',
             {'size': 'ten', 'strata': 'area', 'seed': '1'}, None,
             'sample draw: a size that is not a number'),
            (lead, two + '/sample/draw', two + '/sample/draw',
             {'size': '5', 'strata': 'colour', 'seed': '1'}, None,
             'sample draw: an unknown stratum column'),
            (lead, two + '/sample/draw', two + '/sample/draw',
             {'size': '5', 'strata': 'area', 'seed': '1', 'min-per': 'x'}, None,
             'sample draw: a minimum that is not a number'),
            (lead, two + '/sample/draw', two + '/sample/draw',
             {'size': '5', 'strata': 'area', 'seed': '1', 'double-read': '200'}, None,
             'sample draw: a double-read percentage over 100'),
            (lead, two + '/sample/draw', two + '/sample/draw',
             {'size': '500', 'strata': 'area', 'seed': '1'}, None,
             'sample draw: larger than the population'),
            (lead, two + '/readers', two + '/readers', {}, None, 'readers: empty'),
            (lead, two + '/readers', two + '/readers', {'name': 'x', 'kind': 'nobody'}, None,
             'readers: an unknown kind'),
            (lead, two + '/readers', two + '/readers/assign', {}, None,
             'readers assign: no readers'),
        ]
        check(cases)

        # A survey file with an identifier-like attribute column: refused with
        # one checkbox per column, accepted when allowed, and audited.
        data = b'id,Name,S1\nr1,north,Agree\nr2,south,Disagree\n'
        page = lead.get(one + '/surveys/staff').text
        body, ctype = multipart({'csrf': csrf_of(page), 'attribute-columns': 'Name'},
                                {'file': ('s.csv', data)})
        r = lead.request('POST', one + '/surveys/staff', body=body, headers={'Content-Type': ctype})
        t.ok(r.status == 400 and 'name="allow" value="Name"' in r.text and
             'This column holds no personal identifier: import it' in r.text and
             'href="#allow-1"' in r.text, 'survey import: a Name column is refused, '
             'with its checkbox', r.status)
        body, ctype = multipart({'csrf': csrf_of(r.text), 'attribute-columns': 'Name',
                                 'allow': 'Name'}, {'file': ('s.csv', data)})
        r = lead.request('POST', one + '/surveys/staff', body=body, headers={'Content-Type': ctype})
        t.ok(r.status == 303, 'survey import: accepted when the column is allowed', r.status)
        rc, out, err = cairn(fx.db, 'audit', 'list', '--json')
        t.ok(rc == 0 and any('survey' in json.dumps(e) and "'Name'" in json.dumps(e)
                             and 'allowed' in json.dumps(e) for e in json.loads(out or '[]')),
             'survey import: the audit entry names the allowed column', err)

        # The second inspection with a sample and readers, for the forms that need them.
        r = send(lead, two + '/sample/draw', two + '/sample/draw',
                 {'size': '10', 'strata': 'area', 'seed': '1', 'double-read': '20'})
        t.ok(r.status == 303, 'a sample drawn in the second inspection', r.status)
        for name, kind in (('lead', 'inspector'), ('inspector', 'inspector'),
                           ('reader', 'local'), ('young', 'local')):
            send(lead, two + '/readers', two + '/readers', {'name': name, 'kind': kind})
        r = send(lead, two + '/readers', two + '/readers/assign', {})
        t.ok(r.status == 303, 'readers paired and records assigned', r.status)
        rc, out, err = cairn(fx.db, 'sample', 'list', two.rsplit('/', 1)[1], '--json')
        refs = [mm['ref'] for mm in json.loads(out).get('members', [])
                if mm.get('status') == 'selected'] if rc == 0 else []
        ref = refs[0] if refs else 'C001'
        cases = [
            (lead, two + '/readers', two + '/readers/reassign', {}, None, 'reassign: empty'),
            (lead, two + '/readers', two + '/readers/reassign',
             {'ref': 'NOPE', 'round': '1', 'pair': '1', 'reason': 'x'}, None,
             'reassign: a record not in the sample'),
            (lead, two + '/readers', two + '/readers/reassign',
             {'ref': ref, 'round': '1', 'pair': '99', 'reason': 'x'}, None,
             'reassign: an unknown pair'),
            (lead, two + '/concerns', two + '/concerns', {}, None, 'concern: empty'),
            (lead, two + '/concerns', two + '/concerns', {'ref': 'NOPE', 'text': 'x'}, None,
             'concern: a record not in the sample'),
            (lead, one + '/concerns', one + '/concerns/999/close', {}, None,
             'concern close: empty'),
            (lead, one + '/concerns', one + '/concerns/999/close', {'note': 'x'}, None,
             'concern close: no such concern'),
            (lead, one + '/evidence', one + '/evidence', {}, {}, 'evidence: empty'),
            (lead, one + '/evidence', one + '/evidence',
             {'source': 'interview', 'text': 'x', 'status': 'strength', 'qis': '9.9'}, {},
             'evidence: an unknown indicator'),
            (lead, one + '/evaluations/2.1', one + '/grade/2.1', {}, None, 'grade: empty'),
            (lead, one + '/evaluations/2.1', one + '/grade/2.1', {'grade': '44'}, None,
             'grade: off the scale'),
            (panel, one + '/panel', one + '/panel/2.1', {}, None, 'panel review: empty'),
            (panel, one + '/panel', one + '/panel/2.1', {'grade': '44', 'reason': 'x'}, None,
             'panel review: a grade off the scale'),
            (panel, one + '/panel', one + '/signoff', {}, None, 'panel sign-off: empty'),
            (lead, one + '/publish', one + '/publish', {}, None, 'publish: empty'),
            (lead, one + '/plan', one + '/plan', {}, None, 'action plan add: empty'),
            (lead, one + '/plan', one + '/plan',
             {'improvement': '999', 'text': 'x', 'owner': 'y', 'due': '2027-01-01'}, None,
             'action plan add: not an area for improvement'),
            (lead, one + '/plan', one + '/plan',
             {'improvement': '3', 'text': 'x', 'owner': 'y', 'due': 'tomorrow'}, None,
             'action plan add: a due date that is not one'),
            (lead, one + '/plan', one + '/plan/999', {}, None, 'action update: empty'),
            (lead, one + '/plan', one + '/plan/999', {'status': 'done'}, None,
             'action update: no such action'),
            (lead, one + '/plan', one + '/plan-agree', {}, None, 'action plan agree: empty'),
            (lead, two + '/reading/' + ref, two + '/reading/' + ref + '/concern', {}, None,
             'reading concern: empty'),
            (lead, two + '/compare/' + ref, two + '/compare/' + ref, {}, None,
             'resolve: empty'),
            (lead, one + '/surveys', one + '/surveys/staff', {}, {}, 'survey import: no file'),
            (lead, one + '/surveys', one + '/surveys/staff', {},
             {'file': ('s.csv', b'nothing,here\n1,2\n')},
             'survey import: a file without respondent ids'),
        ]
        check(cases)
        t.ok(counts['summaries'] >= 25, f'{counts["summaries"]} of {counts["cases"]} refusals '
             'show an error summary', counts)
    finally:
        srv.stop()
        fx.cleanup()
    return t.done()


if __name__ == '__main__':
    sys.exit(main())
