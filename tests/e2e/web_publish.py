"""End-to-end tests of publication in the browser and the JSON API against
the real server (issue 17): the report settings (publication date,
organisations, logo, the area chosen from the known areas) with their
validation errors against each input and refusals for roles that may not;
publishing needs the panel's standing sign-off, and a change after it is
named on the publish page instead of "Ready to publish"; after publication
the stage is Published and a change goes through supersede (the API too);
the action plan numbers its areas for improvement within the inspection.
Each check reads back what was stored through the CLI or the database.
Prints TAP."""
import base64
import hashlib
import html as htmllib
import http.client
import json
import os
import re
import sqlite3
import struct
import subprocess
import sys
import tempfile
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webtest import Client, Fixture, Server, Tap, cairn, csrf_of, PASSWORD  # noqa: E402

os.environ['CAIRN_OPEN_DATA'] = os.path.join(os.environ.get('SRCDIR', '.'), 'data', 'scotland')


def png(w, h):
    raw = b''.join(b'\0' + b'\x00\x65\xbd' * w for _ in range(h))

    def chunk(t, d):
        return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d))
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0)) +
            chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b''))


def multipart(c, path, fields, files=()):
    b = 'cairnPublishBoundary17'
    parts = []
    for k, v in fields:
        parts.append(f'--{b}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n'.encode() +
                     v.encode() + b'\r\n')
    for k, name, ctype, data in files:
        parts.append(f'--{b}\r\nContent-Disposition: form-data; name="{k}"; filename="{name}"\r\n'
                     f'Content-Type: {ctype}\r\n\r\n'.encode() + data + b'\r\n')
    body = b''.join(parts) + f'--{b}--\r\n'.encode()
    return c.request('POST', path, body=body,
                     headers={'Content-Type': f'multipart/form-data; boundary={b}'})


def error_for(html, field):
    """(linked from the summary, the message shown against the input)."""
    linked = re.search(r'href="#' + re.escape(field) + r'"', html) is not None
    m = re.search(r'id="' + re.escape(field) + r'-error"[^>]*>(.*?)</', html, re.S)
    return linked, (htmllib.unescape(re.sub(r'<[^>]+>', '', m.group(1)).strip()) if m else None)


def settings(db):
    con = sqlite3.connect(db)
    try:
        rows = dict(con.execute('SELECT name, value FROM publication_setting '
                                'WHERE inspection_id = 1'))
        pub = con.execute('SELECT published FROM inspection WHERE id = 1').fetchone()[0]
    finally:
        con.close()
    return pub, rows


def sql(db, q):
    con = sqlite3.connect(db)
    try:
        return con.execute(q).fetchall()
    finally:
        con.close()


t = Tap()
fx = Fixture()
for args in (('user', 'add', 'depute', '--name', 'Dee Depute'),):
    rc, out, err = cairn(fx.db, *args, stdin=PASSWORD + '\n')
    t.ok(rc == 0, 'setup: a depute account', err)
rc, out, err = cairn(fx.db, 'team', 'add', '1', 'depute', '--role', 'depute')
t.ok(rc == 0, 'setup: the depute joins the team', err)
tok = {}
for u in ('lead', 'inspector'):
    rc, out, err = cairn(fx.db, 'user', 'token', u)
    tok[u] = out.strip() if rc == 0 else ''
t.ok(all(tok.values()), 'setup: API tokens for the lead and an inspector')
srv = Server(fx.db)
try:
    lead, depute, inspector, panel, outsider = (Client(srv) for _ in range(5))
    for c, u in ((lead, 'lead'), (depute, 'depute'), (inspector, 'inspector'),
                 (panel, 'panel'), (outsider, 'outsider')):
        c.sign_in(u)

    def api(method, path, user, body=None):
        h = {'Authorization': 'Bearer ' + tok[user]}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            h['Content-Type'] = 'application/json'
        c = http.client.HTTPConnection(srv.host, srv.port, timeout=60)
        c.request(method, path, body=data, headers=h)
        resp = c.getresponse()
        status, text = resp.status, resp.read().decode()
        c.close()
        try:
            return status, json.loads(text)
        except ValueError:
            return status, {}

    # ---- the report settings page ----
    r = lead.get('/inspections/1/settings')
    t.ok(r.status == 200 and 'Report settings' in r.text and 'name="published"' in r.text and
         'type="file"' in r.text and 'enctype="multipart/form-data"' in r.text,
         'the lead sees the settings form with a file input', r.status)
    t.ok('<option value="S12000005">Clackmannanshire</option>' in r.text and
         'Match by the partnership' in r.text,
         'the area is chosen from the known council areas, not typed')
    t.ok(depute.get('/inspections/1/settings').status == 200, 'the depute may too')
    t.ok(inspector.get('/inspections/1/settings').status == 403,
         'an inspector may not change the settings (403)')
    t.ok(outsider.get('/inspections/1/settings').status == 404, 'an outsider gets 404')
    pub0, set0 = settings(fx.db)
    csrf = csrf_of(r.text)

    r = multipart(lead, '/inspections/1/settings', [('csrf', csrf), ('published', '2026-02-30'),
                                                     ('organisation', 'X'), ('area', '')])
    linked, msg = error_for(r.text, 'published')
    t.ok(r.status == 400 and linked and msg and "'2026-02-30' is not a date" in msg,
         'a date that is not a date is refused against its input', (r.status, msg))
    t.ok(settings(fx.db) == (pub0, set0), 'nothing was stored')

    r = multipart(lead, '/inspections/1/settings', [('csrf', csrf), ('published', '2026-03-02'),
                                                     ('organisation', 'X'), ('area', '')],
                  [('logo', 'logo.png', 'image/png', b'GIF89a not a png at all')])
    linked, msg = error_for(r.text, 'logo')
    t.ok(r.status == 400 and linked and msg and 'not a PNG or JPEG image' in msg,
         'a logo that is not an image is refused by its bytes (whatever its name)', (r.status, msg))
    t.ok(settings(fx.db) == (pub0, set0), 'nothing was stored, not even the valid date')

    r = multipart(lead, '/inspections/1/settings', [('csrf', csrf), ('published', '2026-03-02'),
                                                     ('area', 'Atlantis')])
    linked, msg = error_for(r.text, 'area')
    t.ok(r.status == 400 and linked and msg and "'Atlantis' is not a known area" in msg,
         'an area that is not on the list is refused', (r.status, msg))
    r = multipart(lead, '/inspections/1/settings', [('csrf', csrf), ('published', 'soon'),
                                                     ('organisation', 'Y'), ('area', 'Atlantis')],
                  [('logo', 'logo.jpg', 'image/jpeg', b'%PDF-1.4 not a jpeg')])
    shown = {f: error_for(r.text, f) for f in ('published', 'area', 'logo')}
    t.ok(r.status == 400 and all(l and m for l, m in shown.values()) and
         'organisation-error' not in r.text,
         'three bad inputs: every error at once, each against its input', shown)
    t.ok(settings(fx.db) == (pub0, set0), 'nothing was stored')
    r = multipart(lead, '/inspections/1/settings', [('csrf', csrf), ('published', '2026-03-02')],
                  [('logo', 'big.png', 'image/png', png(1, 1) + b'\0' * (1 << 20))])
    linked, msg = error_for(r.text, 'logo')
    t.ok(r.status == 400 and msg and 'larger than 1 MB' in msg, 'a logo over 1 MB is refused',
         (r.status, msg))

    logo = png(40, 20)
    r = multipart(lead, '/inspections/1/settings',
                  [('csrf', csrf), ('published', '2026-03-02'),
                   ('organisation', 'Glenmoor Joint Inspectorate'), ('area', 'S12000005')],
                  [('logo', 'crest.png', 'image/png', logo)])
    t.ok(r.status == 303 and r.header('Location') == '/inspections/1/settings?saved=1',
         'valid settings are saved', (r.status, r.text[:300]))
    pub, st = settings(fx.db)
    t.ok(pub == '2026-03-02' and st.get('organisation') == 'Glenmoor Joint Inspectorate' and
         st.get('area') == 'S12000005', 'stored: the date, the organisations and the area', (pub, st))
    sha = hashlib.sha256(logo).hexdigest()
    t.ok(st.get('logo', '').endswith('/' + sha) and open(st['logo'], 'rb').read() == logo,
         'the logo is kept by its SHA-256 in the files directory', st.get('logo'))
    t.ok(sql(fx.db, f"SELECT size FROM evidence_file WHERE sha256 = '{sha}'") == [(len(logo),)],
         'and recorded like an attachment (so backups carry it)')
    t.ok(sql(fx.db, "SELECT COUNT(*) FROM audit WHERE action = 'publication.settings'") == [(1,)],
         'one audit entry for the save')
    r = lead.get('/inspections/1/settings?saved=1')
    t.ok('The report settings are saved.' in r.text and 'value="2026-03-02"' in r.text and
         re.search(r'<option value="S12000005" selected', r.text) is not None and
         'A logo is set.' in r.text and 'value="Glenmoor Joint Inspectorate"' in r.text,
         'the page shows what was saved')
    d = tempfile.mkdtemp(prefix='cairn-pub17.')
    rc, out, err = cairn(fx.db, 'report', '1', '--format', 'pdf', '--out', d + '/r.pdf')
    txt = subprocess.run(['pdftotext', d + '/r.pdf', '-'], capture_output=True, text=True).stdout
    imgs = subprocess.run(['pdfimages', '-list', d + '/r.pdf'], capture_output=True,
                          text=True).stdout
    t.ok(rc == 0 and 'Glenmoor Joint Inspectorate' in txt, 'the PDF names the organisations', err)
    t.ok(re.search(r'\s40\s+20\s', imgs) is not None, 'the PDF cover carries the 40x20 logo')
    rc, out, err = cairn(fx.db, 'report', '1', '--format', 'md')
    t.ok(rc == 0 and 'Clackmannanshire' in out,
         'the report\'s context uses the chosen area (Clackmannanshire)', err[-300:])

    # ---- the same settings through the API ----
    st_, j = api('GET', '/api/v1/inspections/1/settings', 'inspector')
    t.ok(st_ == 200 and j.get('published') == '2026-03-02' and j.get('area') == 'S12000005' and
         j.get('area_name') == 'Clackmannanshire' and j.get('logo') is True,
         'GET settings shows what the page saved', j)
    st_, j = api('PUT', '/api/v1/inspections/1/settings', 'inspector', {'published': '2026-03-09'})
    t.ok(st_ == 403, 'an inspector may not change them through the API (403)', st_)
    st_, j = api('PUT', '/api/v1/inspections/1/settings', 'lead', {'published': 'next week'})
    t.ok(st_ == 400 and j.get('error', {}).get('field') == '/published',
         'a date that is not a date: 400 naming /published', j)
    st_, j = api('PUT', '/api/v1/inspections/1/settings', 'lead',
                 {'logo': base64.b64encode(b'not an image').decode()})
    t.ok(st_ == 400 and j.get('error', {}).get('field') == '/logo', 'a logo that is not an image: 400 naming /logo',
         j)
    t.ok(settings(fx.db)[0] == '2026-03-02', 'nothing was stored')
    st_, j = api('PUT', '/api/v1/inspections/1/settings', 'lead', {'area': 'dumfries and galloway'})
    t.ok(st_ == 200 and j.get('area') == 'S12000006' and j.get('published') == '2026-03-02',
         'an area by its name in any case is stored by its code; other settings are left alone', j)
    # A JPEG logo: only its frame header matters here (the PDF embeds its bytes as they are).
    jpeg = (b'\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00'
            b'\xff\xc0\x00\x11\x08\x00\x0f\x00\x1e\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01'
            b'\xff\xd9')
    st_, j = api('PUT', '/api/v1/inspections/1/settings', 'lead',
                 {'logo': base64.b64encode(jpeg).decode()})
    jsha = hashlib.sha256(jpeg).hexdigest()
    t.ok(st_ == 200 and j.get('logo') is True and
         settings(fx.db)[1].get('logo', '').endswith('/' + jsha),
         'a JPEG logo is accepted through the API and stored by its SHA-256', j)
    rc, out, err = cairn(fx.db, 'report', '1', '--format', 'pdf', '--out', d + '/j.pdf')
    imgs = subprocess.run(['pdfimages', '-list', d + '/j.pdf'], capture_output=True,
                          text=True).stdout
    t.ok(rc == 0 and re.search(r'\s30\s+15\s.*jpeg', imgs) is not None,
         'the PDF cover carries the 30x15 JPEG as it is', imgs)
    st_, j = api('PUT', '/api/v1/inspections/1/settings', 'lead',
                 {'logo': base64.b64encode(logo).decode()})
    t.ok(st_ == 200 and settings(fx.db)[1].get('logo', '').endswith('/' + sha),
         'the PNG logo back through the API')
    st_, j = api('PUT', '/api/v1/inspections/1/settings', 'lead', {'area': ''})
    t.ok(st_ == 200 and j.get('area') is None and 'area' not in settings(fx.db)[1],
         '"" returns to matching by the partnership\'s name', j)

    # ---- publishing needs the panel's standing sign-off ----
    r = lead.get('/inspections/1/publish')
    t.ok('Ready to publish' not in r.text and
         'the Quality and Consistency Panel has not signed off the evaluations' in r.text,
         'without a sign-off the publish page lists it, not "Ready to publish"')
    grades = sql(fx.db, 'SELECT qi_code, grade FROM evaluation WHERE inspection_id = 1')
    for qi, g in grades:
        rc, out, err = cairn(fx.db, 'panel', 'review', '1', qi, '--grade', str(g), '--reason',
                             'Agreed', '--as', 'panel')
    ptok = csrf_of(panel.get('/inspections/1/panel').text)
    r = panel.post('/inspections/1/signoff', {'csrf': ptok, 'confirm': 'signoff'})
    t.ok(r.status == 303, 'the panel signs off in the browser', r.status)
    r = lead.get('/inspections/1/publish')
    t.ok('Ready to publish' in r.text, 'with the sign-off every check passes')
    rc, out, err = cairn(fx.db, 'grade', '1', '2.1', '4', '--as', 'lead')
    t.ok(rc == 0, 'the lead regrades 2.1 (very good to good) after the sign-off', err)
    r = lead.get('/inspections/1/publish')
    m = re.search(r"The panel&#39;s sign-off was withdrawn on ([0-9]{1,2} [A-Z][a-z]+ [0-9]{4}) "
                  r"because grade of 2\.1 changed \(5 -&gt; 4\); the panel must sign off again",
                  r.text.replace('&#x27;', '&#39;').replace("'", '&#39;'))
    t.ok(m is not None and 'Ready to publish' not in r.text and 'id="signoff-withdrawn"' in r.text,
         'the publish page says the sign-off was withdrawn, when and why', r.text[:0])
    ltok = csrf_of(r.text)
    r = lead.post('/inspections/1/publish', {'csrf': ltok, 'confirm': 'publish'})
    t.ok(r.status == 409 and 'withdrawn' in r.text, 'publishing is refused with the reason', r.status)
    t.ok(sql(fx.db, 'SELECT COUNT(*) FROM publication') == [(0,)], 'nothing was published')
    rc, out, err = cairn(fx.db, 'panel', 'review', '1', '2.1', '--grade', '4', '--reason',
                         'Agreed', '--as', 'panel')
    ptok = csrf_of(panel.get('/inspections/1/panel').text)
    t.ok(panel.post('/inspections/1/signoff', {'csrf': ptok, 'confirm': 'signoff'}).status == 303,
         'the panel signs off again')

    # ---- publishing through the API; the stage; supersede ----
    st_, j = api('POST', '/api/v1/inspections/1/publish', 'inspector', {})
    t.ok(st_ == 403, 'an inspector may not publish (403)', st_)
    t.ok(j.get('error', {}).get('message') == 'you are an inspector on this inspection and may '
         'not publish the report: only an inspection lead may' and
         j.get('error', {}).get('code') == 'forbidden', 'the refusal in plain words', j)
    st_, j = api('POST', '/api/v1/inspections/1/publish', 'lead', {})
    t.ok(st_ == 201 and j.get('version') == 1 and len(j.get('files', [])) == 8,
         'the lead publishes through the API: version 1, eight files', j)
    t.ok(sql(fx.db, 'SELECT version FROM publication') == [(1,)], 'stored: version 1')
    r = lead.get('/inspections/1/stage')
    t.ok(re.search(r'Current stage</span>\s*<span[^>]*>\s*<span[^>]*>Published<', r.text)
         is not None,
         'the stage page shows "Published"')
    rc, out, err = cairn(fx.db, 'stage', '1', 'show', '--json')
    t.ok(json.loads(out).get('stage') == 'published', 'the CLI agrees: stage published')
    st_, j = api('POST', '/api/v1/inspections/1/publish', 'lead', {})
    t.ok(st_ == 409 and j.get('error', {}).get('field') == '/supersede',
         'publishing again without a reason: 409 naming supersede', j)
    st_, j = api('POST', '/api/v1/inspections/1/publish', 'lead',
                 {'reason': 'Corrected the organisations'})
    t.ok(st_ == 201 and j.get('version') == 2 and j.get('supersedes') == 1,
         'a change goes through supersede with a reason: version 2', j)
    t.ok(sql(fx.db, "SELECT reason FROM publication WHERE version = 2") ==
         [('Corrected the organisations',)], 'stored with its reason')
    r = lead.get('/inspections/1/publish')
    t.ok('Publish a new version' in r.text and 'name="reason"' in r.text,
         'the browser offers supersede with a reason')

    # ---- the action plan numbers its areas within the inspection ----
    imps = [i for (i,) in sql(fx.db, "SELECT id FROM finding WHERE inspection_id = 1 AND "
                                     "kind = 'improvement' ORDER BY position, id")]
    t.ok(imps == [3, 4, 5], 'setup: the demo\'s areas are findings 3, 4 and 5', imps)
    r = lead.get('/inspections/1/plan')
    heads = re.findall(r'<h2[^>]*>Area for improvement ([0-9]+)</h2>', r.text)
    opts = re.findall(r'<option value="([0-9]+)"', r.text)
    t.ok(heads == ['1', '2', '3'] and opts == ['1', '2', '3'],
         'the plan page numbers the areas 1, 2, 3 (headings and choices)', (heads, opts))
    r = lead.post('/inspections/1/plan', {'csrf': csrf_of(r.text), 'improvement': '1',
                                          'text': 'Audit chronologies', 'owner': 'Head of service',
                                          'due': '2027-01-31'})
    t.ok(r.status == 303, 'an action for area 1', r.status)
    t.ok(sql(fx.db, 'SELECT finding_id FROM plan_action') == [(3,)],
         'stored against the first area (finding 3)')
    rc, out, err = cairn(fx.db, 'action', 'list', '1', '--json')
    j = json.loads(out)
    t.ok([i['number'] for i in j['improvements']] == [1, 2, 3] and
         j['improvements'][0]['actions'][0]['improvement'] == 1,
         'the CLI shows the same numbers', j['improvements'][0])
    rc, out, err = cairn(fx.db, 'report', '1', '--format', 'md')
    t.ok('- 1. Improve the quality and consistency of chronologies.' in out and
         "- 2. Make sure every child's plan is reviewed on time." in out,
         'the report numbers its areas for improvement the same way')
finally:
    srv.stop()
    fx.cleanup()
t.done()
