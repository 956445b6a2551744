"""End-to-end tests over HTTP against the real server: the CLI actions that
had no API (issue 17).  GET /api/v1/inspections/{id}/outcomes/{indicator}
answers the object `cairn outcomes gap --json` prints for the partnership's
area beside Scotland (the outcomes page's call); a role that may not see
aggregates is refused (403), someone on no team gets 404 and an indicator
with no data for the area is 404 naming the indicator.  POST
/api/v1/inspections/{id}/release/check (text/plain or {"text"}) and the page
/inspections/{id}/release/check answer the findings of `cairn release check
--json`; GET /api/v1/inspections/{id}/context the object of `cairn context
--json` for the area the report uses.  Values are compared with the CLI's
own --json, never only with the server's answer.  Prints TAP."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import html as htmlmod

from webtest import Client, Fixture, Server, Tap, cairn, csrf_of  # noqa: E402


def api(srv, token, method, path, body=None, ctype='application/json'):
    """One API request with the token; returns (response, parsed JSON or {})."""
    h = {'Authorization': 'Bearer ' + token}
    data = None
    if body is not None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        h['Content-Type'] = ctype
    r = Client(srv).request(method, path, body=data, headers=h)
    try:
        j = json.loads(r.text)
    except ValueError:
        j = {}
    return r, j


def field(j):
    """The refused field, without the JSON pointer's leading '/'."""
    f = j.get('error', {}).get('field') if isinstance(j, dict) else None
    return f.lstrip('/') if isinstance(f, str) else f


os.environ['CAIRN_OPEN_DATA'] = os.path.join(os.environ.get('SRCDIR', '.'), 'data',
                                          'scotland')
t = Tap()
fx = Fixture()
srv = None
try:
    d = os.path.join(os.environ.get('SRCDIR', '.'), 'tests', 'e2e', 'data')
    rc, out, err = cairn(fx.db, 'outcomes', 'import', os.path.join(d, 'outcomes_agg.csv'),
                         '--indicators', os.path.join(d, 'outcomes_meta.csv'),
                         '--q1', 'most-deprived', '--simd', '2020')
    assert rc == 0, err
    rc, out, err = cairn(fx.db, 'inspection', 'create', '--partnership', 'South Ayrshire',
                         '--framework', 'cyp-2014', '--json')
    assert rc == 0, err
    sa = json.loads(out)['id']
    for who, role in (('lead', 'lead'), ('panel', 'panel'), ('coord', 'partnership-coordinator')):
        rc, out, err = cairn(fx.db, 'team', 'add', str(sa), who, '--role', role)
        assert rc == 0, (who, err)
    srv = Server(fx.db)
    tokens = {}
    for u in ('lead', 'panel', 'coord', 'inspector', 'outsider'):
        rc, out, err = cairn(fx.db, 'user', 'token', u)
        assert rc == 0, err
        tokens[u] = out.strip().split()[-1]

    # ---- 1. outcomes gap ----
    rc, out, err = cairn(fx.db, 'outcomes', 'gap', '--indicator', 'early-dev', '--area',
                         'South Ayrshire', '--compare', 'Scotland', '--reps', '0', '--json')
    if rc != 0:
        rc, out, err = cairn(fx.db, 'outcomes', 'gap', '--indicator', 'early-dev', '--area',
                             'South Ayrshire', '--reps', '0', '--json')
    t.ok(rc == 0, 'the CLI computes the gap of early-dev for South Ayrshire', err)
    want = json.loads(out) if rc == 0 else None
    path = f'/api/v1/inspections/{sa}/outcomes/early-dev'
    r, j = api(srv, tokens['lead'], 'GET', path)
    t.ok(r.status == 200 and j == want,
         'the lead gets the gap, equal to `cairn outcomes gap --json`', (r.status, j, want))
    g1 = [g for g in j.get('area', {}).get('periods', [{}])[0].get('values', [])
          if g.get('group') == 1] if r.status == 200 else []
    t.ok(g1 and abs(g1[0]['value'] - 28.0) < 1e-9 and g1[0]['numerator'] == 168 and
         g1[0]['denominator'] == 600,
         'group 1 of 2015/16: 168 of 600 = 28.0%', g1)
    r, j = api(srv, tokens['panel'], 'GET', path)
    t.ok(r.status == 200 and j == want, 'the panel member reads the same gap', r.status)
    r, j = api(srv, tokens['coord'], 'GET', path)
    t.ok(r.status == 403 and 'area' not in j,
         'the partnership co-ordinator may not (403, no figures)', (r.status, j))
    r, j = api(srv, tokens['inspector'], 'GET', path)
    t.ok(r.status == 404, 'someone not on that team gets 404', (r.status, j))
    r, j = api(srv, tokens['lead'], 'GET', f'/api/v1/inspections/{sa}/outcomes/nope')
    t.ok(r.status == 404 and field(j) == 'indicator',
         'an unknown indicator: 404 naming the indicator', (r.status, j))
    r, j = api(srv, tokens['lead'], 'GET', '/api/v1/inspections/1/outcomes/early-dev')
    t.ok(r.status == 404 and field(j) == 'indicator' and 'cairn' not in r.text and
         '--' not in j.get('error', {}).get('message', ''),
         'no data for this partnership\'s area: 404 at the indicator, in plain words',
         (r.status, j))

    # ---- 2. release check ----
    council = ('Across nine quality indicators, inspectors rated 4 as very good, 2 as good,\n'
               '1 as excellent and 1 as adequate.\n\nParticipation of children was '
               'evaluated as excellent.\n')
    rel = os.path.join(fx.dir, 'release.txt')
    with open(rel, 'w') as fh:
        fh.write(council)
    rc, out, err = cairn(fx.db, 'release', 'check', rel, '--inspection', '1', '--json')
    t.ok(rc in (0, 65), 'the CLI checks the text', err)
    want = json.loads(out) if rc in (0, 65) else None
    cpath = '/api/v1/inspections/1/release/check'
    r, j = api(srv, tokens['lead'], 'POST', cpath, {'text': council})
    t.ok(r.status == 200 and j == want and j.get('disagreements'),
         'JSON {"text"}: the same findings as `cairn release check --json`, disagreements listed',
         (r.status, j, want))
    r, j = api(srv, tokens['panel'], 'POST', cpath, council.encode(), 'text/plain; charset=utf-8')
    t.ok(r.status == 200 and j == want, 'a text/plain body: the same findings', (r.status, j))
    rc, gen, err = cairn(fx.db, 'release', '1')
    r, j = api(srv, tokens['lead'], 'POST', cpath, gen.encode(), 'text/plain')
    t.ok(rc == 0 and r.status == 200 and j.get('agrees') is True and j.get('disagreements') == [],
         'the generated release agrees with the stored grades', (r.status, j))
    r, j = api(srv, tokens['coord'], 'POST', cpath, {'text': council})
    t.ok(r.status == 403 and 'disagreements' not in j,
         'the partnership co-ordinator may not check (403, no findings)', (r.status, j))
    r, j = api(srv, tokens['lead'], 'POST', cpath, b'  \n', 'text/plain')
    t.ok(r.status == 422 and field(j) == 'text', 'an empty text: 422 at text', (r.status, j))
    r, j = api(srv, tokens['lead'], 'POST', cpath, {'text': council, 'extra': 1})
    t.ok(r.status in (400, 422) and field(j) == 'extra', 'an unknown field is refused at it',
         (r.status, j))
    r, j = api(srv, tokens['lead'], 'POST', cpath, {})
    t.ok(r.status in (400, 422) and field(j) == 'text', 'no text: refused at text', (r.status, j))

    # ---- 3. the area's context ----
    rc, out, err = cairn(fx.db, 'context', 'South Ayrshire', '--json')
    t.ok(rc == 0, 'the CLI gives the context of South Ayrshire', err)
    want_ctx = json.loads(out) if rc == 0 else None
    r, j = api(srv, tokens['coord'], 'GET', f'/api/v1/inspections/{sa}/context')
    t.ok(r.status == 200 and j == want_ctx and j['area']['code'] == 'S12000028' and
         j['children']['aged_0_17'] > 0,
         'the co-ordinator on its team gets the context, equal to `cairn context --json`',
         (r.status, str(j)[:300]))
    r, j = api(srv, tokens['inspector'], 'GET', f'/api/v1/inspections/{sa}/context')
    t.ok(r.status == 404, 'someone not on that team gets 404', (r.status, j))
    rc, out, err = cairn(fx.db, 'inspection', 'create', '--partnership', 'Atlantis',
                         '--framework', 'cyp-2014', '--json')
    at = json.loads(out)['id'] if rc == 0 else 0
    rc2, _, err2 = cairn(fx.db, 'team', 'add', str(at), 'lead', '--role', 'lead')
    r, j = api(srv, tokens['lead'], 'GET', f'/api/v1/inspections/{at}/context')
    t.ok(rc == 0 and rc2 == 0 and r.status == 404 and field(j) == 'area' and
         'cairn' not in r.text,
         'a partnership matching no council area: 404 at the area, in plain words',
         (r.status, j))

    # ---- 2b. the release check page ----
    lead = Client(srv)
    lead.sign_in('lead')
    r = lead.get('/inspections/1/release')
    t.ok(r.status == 200 and 'href="/inspections/1/release/check"' in r.text,
         'the release page links to the check', r.status)
    r = lead.get('/inspections/1/release/check')
    tok = csrf_of(r.text)
    t.ok(r.status == 200 and 'name="text"' in r.text and 'type="file"' in r.text,
         'the check page: a text box and a file input', r.status)
    r = lead.post('/inspections/1/release/check', {'csrf': tok, 'text': council})
    page = htmlmod.unescape(r.text)
    t.ok(r.status == 400 and 'ds_error-summary' in r.text and want is not None and
         all(i in page for i in want['disagreements']) and
         'href="#disagreement-1"' in r.text,
         'pasted text: each disagreement of the CLI in plain words, in the summary', r.status)
    r = lead.post('/inspections/1/release/check', {'csrf': tok, 'text': gen})
    t.ok(r.status == 200 and 'The text agrees with the grades' in r.text,
         'the generated release agrees', r.status)
    r = lead.post('/inspections/1/release/check', {'csrf': tok, 'text': ' '})
    t.ok(r.status == 400 and 'href="#text"' in r.text and 'the release text is empty' in r.text,
         'an empty text: refused at the text box', r.status)
    bnd = 'xYzBoundary42'
    mp = (f'--{bnd}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n{tok}\r\n'
          f'--{bnd}\r\nContent-Disposition: form-data; name="text"\r\n\r\n\r\n'
          f'--{bnd}\r\nContent-Disposition: form-data; name="file"; filename="r.txt"\r\n'
          f'Content-Type: text/plain\r\n\r\n{council}\r\n--{bnd}--\r\n').encode()
    r = lead.request('POST', '/inspections/1/release/check', body=mp,
                     headers={'Content-Type': 'multipart/form-data; boundary=' + bnd})
    t.ok(r.status == 400 and want is not None and
         all(i in htmlmod.unescape(r.text) for i in want['disagreements']),
         'an uploaded file: the same disagreements', r.status)
    co = Client(srv)
    co.sign_in('coord')
    r = co.get('/inspections/1/release/check')
    t.ok(r.status == 403, 'the co-ordinator may not open the check (403)', r.status)
    r = co.get('/inspections/1/release')
    t.ok('/release/check' not in r.text, 'nor is the link shown to them', r.status)
finally:
    if srv is not None:
        srv.stop()
    fx.cleanup()
sys.exit(t.done())
