"""Issue 17, model packs in the browser and the JSON API (as `cairn model
list|import`), against the real server.
- The administrator's list shows the five shipped packs with their versions;
  a pack's page shows its indicators by key question, its stages and its
  report's sections, checked against the pack's own JSON files read here.
- A bad pack uploaded through the one multiple-file input is refused with
  the file and field named beside the input, and nothing is stored (the
  command line's `model list` still has five packs); a file that is not a
  pack's is refused by name; a good pack imports and is listed.
- The same through the API: 422 naming file and field with the JSON pointer
  /files, then 201; GET /api/v1/models and /api/v1/models/{code}.
- Everyone else is refused the pages and the import (403).
Prints TAP."""
import html as htmllib
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webtest import Client, Fixture, Server, Tap, cairn, csrf_of  # noqa: E402

SRC = os.environ.get('SRCDIR', os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))
M = os.path.join(SRC, 'data', 'models')

t = Tap()
fx = Fixture()


def must(*args, stdin=None):
    rc, out, err = cairn(fx.db, *args, stdin=stdin)
    assert rc == 0, (args, err)
    return out


def pack_files(src, code):
    """The files of shipped pack src with its code changed to code."""
    out = {}
    for name in sorted(os.listdir(os.path.join(M, src))):
        with open(os.path.join(M, src, name), encoding='utf-8') as f:
            text = f.read()
        if name in ('pack.json', 'framework.json'):
            text = text.replace(f'"code": "{src}"', f'"code": "{code}"')
        if name == 'stages.json':
            text = text.replace(f'"framework": "{src}"', f'"framework": "{code}"')
        out[name] = text
    return out


def multipart(c, path, fields, files):
    b = 'cairnModels17Boundary'
    parts = []
    for k, v in fields:
        parts.append(f'--{b}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n'.encode() +
                     v.encode() + b'\r\n')
    for k, name, data in files:
        parts.append(f'--{b}\r\nContent-Disposition: form-data; name="{k}"; filename="{name}"\r\n'
                     f'Content-Type: application/json\r\n\r\n'.encode() + data + b'\r\n')
    body = b''.join(parts) + f'--{b}--\r\n'.encode()
    return c.request('POST', path, body=body,
                     headers={'Content-Type': f'multipart/form-data; boundary={b}'})


def beside(page, field):
    m = re.search(r'id="' + re.escape(field) + r'-error"[^>]*>(.*?)</p>', page, re.S)
    return htmllib.unescape(re.sub(r'<[^>]+>', '', m.group(1)).strip()) if m else None


def text_of(page):
    return htmllib.unescape(re.sub(r'\s+', ' ', re.sub(r'<[^>]+>', ' ', page)))


def listed():
    return sorted(p['code'] for p in json.loads(must('model', 'list', '--json')))


SHIPPED = ['at-risk-2021', 'care-protection-2018', 'cso-2025', 'cyp-2014', 'ilacs-2018']
tok = {u: must('user', 'token', u).strip() for u in ('admin', 'lead')}
srv = Server(fx.db)
try:
    admin, lead, inspector = (Client(srv) for _ in range(3))
    for c, u in ((admin, 'admin'), (lead, 'lead'), (inspector, 'inspector')):
        c.sign_in(u)

    def api(method, path, user, body=None):
        h = {'Authorization': 'Bearer ' + tok[user]}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            h['Content-Type'] = 'application/json'
        r = Client(srv).request(method, '/api/v1' + path, body=data, headers=h)
        try:
            return r.status, json.loads(r.body)
        except ValueError:
            return r.status, {}

    # ---- the list and a pack's page ----
    t.ok('href="/models"' in admin.get('/').text, "the administrator's home page links to the packs")
    r = admin.get('/models')
    versions = {}
    for code in SHIPPED:
        with open(os.path.join(M, code, 'pack.json'), encoding='utf-8') as f:
            versions[code] = json.load(f)
    rows = {m.group(1): text_of(m.group(2)) for m in
            re.finditer(r'<th scope="row"[^>]*><a [^>]*href="/models/([^"]+)"[^>]*>.*?</a></th>(.*?)</tr>',
                        r.text, re.S)}
    t.ok(r.status == 200 and sorted(rows) == SHIPPED,
         'the list shows the five shipped packs, each linking to its page', sorted(rows))
    t.ok(all(versions[c]['version'] in rows[c] and versions[c]['years'] in rows[c] and
             'Shipped with Cairn' in rows[c] for c in SHIPPED if c in rows),
         "each row shows the pack's version and years from its pack.json, and that it is shipped")
    t.ok('type="file"' in r.text and re.search(r'<input[^>]*type="file"[^>]*multiple', r.text),
         'the import form has one file input taking several files')
    for who, c in (('the lead', lead), ('an inspector', inspector)):
        t.ok(c.get('/models').status == 403 and c.get('/models/cyp-2014').status == 403,
             f'{who} may not see the model pack pages (403)')

    with open(os.path.join(M, 'at-risk-2021', 'framework.json'), encoding='utf-8') as f:
        fw = json.load(f)
    with open(os.path.join(M, 'at-risk-2021', 'stages.json'), encoding='utf-8') as f:
        st = json.load(f)
    with open(os.path.join(M, 'at-risk-2021', 'report.json'), encoding='utf-8') as f:
        rep = json.load(f)
    r = admin.get('/models/at-risk-2021')
    page = text_of(r.text)
    t.ok(r.status == 200 and all(q['code'] in page and htmllib.unescape(q['title']) in page
                                  for q in fw['indicators']),
         "the pack's page shows every indicator of its framework.json with its title")
    with open(os.path.join(M, 'cyp-2014', 'framework.json'), encoding='utf-8') as f:
        cyp = json.load(f)
    r2 = admin.get('/models/cyp-2014')
    groups = {}
    for m in re.finditer(r'<caption[^>]*>(.*?)</caption>(.*?)</table>', r2.text, re.S):
        cap = text_of(m.group(1)).strip()
        groups[cap.split(':')[0]] = re.findall(r'<th scope="row"[^>]*>([^<]*)</th>', m.group(2))
    want = {}
    for q in cyp['indicators']:
        want.setdefault(q['key_question'], []).append(q['code'])
    t.ok(all(groups.get(k) == v for k, v in want.items()) and len(want) > 1,
         "cyp-2014's indicators are shown in a table per key question, as its framework.json groups them",
         (sorted(groups), sorted(want)))
    t.ok(all(s['title'] in page for s in st['stages']), 'every stage of stages.json is shown')
    titles = [s['title'] for s in rep['sections'] if 'title' in s]
    t.ok(all(htmllib.unescape(x) in page for x in titles), "every titled section of report.json is shown")
    t.ok(admin.get('/models/no-such-pack').status == 404, 'an unknown pack is 404')

    # ---- import in the browser ----
    csrf = csrf_of(admin.get('/models').text)
    r = multipart(admin, '/models', [('csrf', csrf)], [('files', '', b'')])
    t.ok(r.status == 400 and beside(r.text, 'files') == "Choose the pack's files to import",
         'no files: the error is shown against the file input', beside(r.text, 'files'))
    good = pack_files('at-risk-2021', 'web-pack-2026')
    bad = dict(good)
    bad['framework.json'] = bad['framework.json'].replace('"code": "web-pack-2026"', '"code": "other"')
    r = multipart(admin, '/models', [('csrf', csrf)],
                  [('files', n, v.encode()) for n, v in bad.items()])
    msg = beside(r.text, 'files') or ''
    t.ok(r.status == 400 and msg.startswith('framework.json: field code:') and
         "'other' must be the pack's code 'web-pack-2026'" in msg,
         'a pack whose framework has another code is refused, naming file and field beside the input', msg)
    t.ok('href="#files"' in r.text, 'the error summary links to the file input')
    t.ok(listed() == SHIPPED, 'nothing was stored', listed())
    r = multipart(admin, '/models', [('csrf', csrf)],
                  [('files', n, v.encode()) for n, v in good.items()] + [('files', 'notes.txt', b'x')])
    msg = beside(r.text, 'files') or ''
    t.ok(r.status == 400 and msg.startswith('notes.txt: not a file of a model pack'),
         'a file that is not one of a pack is refused by its name', msg)
    nopack = {k: v for k, v in good.items() if k != 'pack.json'}
    r = multipart(admin, '/models', [('csrf', csrf)],
                  [('files', n, v.encode()) for n, v in nopack.items()])
    t.ok(r.status == 400 and (beside(r.text, 'files') or '').startswith('pack.json: required'),
         'a pack without pack.json is refused naming it', beside(r.text, 'files'))
    t.ok(listed() == SHIPPED, 'still nothing stored', listed())
    r = multipart(lead, '/models', [('csrf', csrf_of(lead.get('/').text))],
                  [('files', n, v.encode()) for n, v in good.items()])
    t.ok(r.status == 403 and listed() == SHIPPED, 'the lead may not import a pack (403), nothing stored')
    r = multipart(admin, '/models', [('csrf', csrf)],
                  [('files', n, v.encode()) for n, v in good.items()])
    t.ok(r.status == 303 and (r.header('Location') or '').startswith('/models/web-pack-2026'),
         "a good pack is imported and the administrator lands on its page", (r.status, r.header('Location')))
    t.ok(listed() == sorted(SHIPPED + ['web-pack-2026']),
         'the command line lists the imported pack', listed())
    r = admin.get('/models')
    t.ok(re.search(r'href="/models/web-pack-2026"', r.text) and 'Imported' in r.text,
         'the list shows the imported pack as imported')
    r = admin.get('/models/web-pack-2026')
    t.ok(r.status == 200 and all(q['code'] in text_of(r.text) for q in
                                 fw['indicators']),
         "the imported pack's page shows its indicators from the stored files")
    r = multipart(admin, '/models', [('csrf', csrf)],
                  [('files', n, v.encode()) for n, v in good.items()])
    t.ok(r.status == 400 and 'already loaded' in (beside(r.text, 'files') or ''),
         'importing the same code again is refused beside the input')

    # ---- the API ----
    s, b = api('GET', '/models', 'lead')
    t.ok(s == 200 and sorted(p['code'] for p in b) == sorted(SHIPPED + ['web-pack-2026']),
         'GET /api/v1/models lists the packs', s)
    s, b = api('GET', '/models/at-risk-2021', 'lead')
    n_qis = len(fw['indicators'])
    t.ok(s == 200 and b.get('version') == versions['at-risk-2021']['version'] and
         sum(len(k['indicators']) for k in b['framework']['key_questions']) == n_qis and
         [x['code'] for x in b['stages']['stages']] == [x['code'] for x in st['stages']] and
         b['sources'] == versions['at-risk-2021']['sources'],
         "GET /api/v1/models/{code}: version, indicators, stages and sources as the pack's files say", s)
    t.ok(api('GET', '/models/nope', 'lead')[0] == 404, 'an unknown pack is 404 in the API')
    api_good = pack_files('at-risk-2021', 'api-pack-2026')
    api_bad = dict(api_good)
    api_bad['stages.json'] = api_bad['stages.json'].replace('"framework": "api-pack-2026"',
                                                            '"framework": "cso-2025"')
    s, b = api('POST', '/models', 'admin', {'files': api_bad})
    e = b.get('error', {})
    t.ok(s == 422 and e.get('field') == '/files' and
         e.get('message', '').startswith('stages.json: field framework:'),
         'a bad pack through the API: 422 naming file and field, pointer /files', (s, e))
    s, b = api('POST', '/models', 'lead', {'files': api_good})
    t.ok(s == 403, 'the lead may not import through the API (403)', s)
    t.ok('api-pack-2026' not in listed(), 'nothing was stored')
    s, b = api('POST', '/models', 'admin', {'files': api_good})
    t.ok(s == 201 and b.get('code') == 'api-pack-2026' and 'api-pack-2026' in listed(),
         'a good pack through the API: 201, and the command line lists it', (s, b))
    t.ok(api('POST', '/models', 'admin', {'files': {}})[0] == 422, 'no files: 422')

    # ---- the pack an inspection was created under ----
    fwcode = json.loads(must('inspection', 'show', '1', '--json'))
    fwcode = fwcode.get('framework') or fwcode.get('inspection', {}).get('framework')
    fwcode = fwcode.get('code') if isinstance(fwcode, dict) else fwcode
    with open(os.path.join(M, fwcode, 'pack.json'), encoding='utf-8') as f:
        pj = json.load(f)
        pv, ptitle = pj['version'], pj['title']
    s, b = api('GET', '/inspections/1/model', 'lead')
    t.ok(s == 200 and b.get('pack') == fwcode and b.get('version') == pv,
         "GET /api/v1/inspections/1/model: the inspection's framework's pack and its version", (s, b, fwcode, pv))
    r = lead.get('/inspections/1')
    t.ok(f'{ptitle} (version {pv})' in text_of(r.text) and f'{fwcode}, version' not in text_of(r.text),
         "the inspection's page shows its model pack by title (not its code) and version")
finally:
    srv.stop()
t.done()
