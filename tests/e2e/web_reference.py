"""Issue 17, "the whole inspection in the browser": what was CLI-only, in the
browser and the JSON API against the real server.
- Published results of earlier inspections (history import) and outcome
  indicators (outcomes import), for the administrator: a bad file is refused
  with each problem's line and column listed beside its input and nothing
  stored, then a good file imports; the same through the API (422 with the
  problems, then 201); everyone else is refused.
- The reading template, chosen from a list by title.
- The news release's quote, who is quoted and the report's address on the
  report settings page and in the settings API, errors keyed by field, for
  the lead only.
What was stored is read back through the command line, and the imported
numbers are checked against the published sources (CI news 4110: Inverclyde
nine indicators) and the input files, never against the server's own answer.
Prints TAP."""
import html as htmllib
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webtest import Client, Fixture, Server, Tap, cairn, csrf_of, PASSWORD  # noqa: E402

SRC = os.environ.get('SRCDIR', os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))
HISTORY = os.path.join(SRC, 'data', 'history', 'cyp-2014-published.csv')
AGG = os.path.join(SRC, 'tests', 'e2e', 'data', 'outcomes_agg.csv')
META = os.path.join(SRC, 'tests', 'e2e', 'data', 'outcomes_meta.csv')

t = Tap()
fx = Fixture()


def must(*args, stdin=None):
    rc, out, err = cairn(fx.db, *args, stdin=stdin)
    assert rc == 0, (args, err)
    return out


def multipart(c, path, fields, files=()):
    b = 'cairnReference17Boundary'
    parts = []
    for k, v in fields:
        parts.append(f'--{b}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n'.encode() +
                     v.encode() + b'\r\n')
    for k, name, data in files:
        parts.append(f'--{b}\r\nContent-Disposition: form-data; name="{k}"; filename="{name}"\r\n'
                     f'Content-Type: text/csv\r\n\r\n'.encode() + data + b'\r\n')
    body = b''.join(parts) + f'--{b}--\r\n'.encode()
    return c.request('POST', path, body=body,
                     headers={'Content-Type': f'multipart/form-data; boundary={b}'})


def beside(html, field):
    """The message shown against input field, and whether the summary links
    to it or to a problem listed beside it."""
    m = re.search(r'id="' + re.escape(field) + r'-error"[^>]*>(.*?)</p>', html, re.S)
    msg = htmllib.unescape(re.sub(r'<[^>]+>', '', m.group(1)).strip()) if m else None
    linked = re.search(r'href="#' + re.escape(field) + r'(-problem-\d+)?"', html) is not None
    return msg, linked


def problems_after(html, field):
    """The problems listed right after the file input field (in order)."""
    i = html.find(f'id="{field}"')
    if i < 0:
        return []
    rest = html[i:]
    m = re.search(r'<ol[^>]*>(.*?)</ol>', rest, re.S)
    if not m or rest.find('<button') < m.start() and rest.find('type="file"', 10) < m.start():
        return []
    return [htmllib.unescape(re.sub(r'<[^>]+>', '', li)).strip()
            for li in re.findall(r'<li id="' + re.escape(field) + r'-problem-\d+"[^>]*>(.*?)</li>',
                                 m.group(1), re.S)]


def text_of(html):
    return htmllib.unescape(re.sub(r'\s+', ' ', re.sub(r'<[^>]+>', ' ', html)))


must('user', 'add', 'depute', '--name', 'Dee Depute', stdin=PASSWORD + '\n')
must('team', 'add', '1', 'depute', '--role', 'depute')
tok = {u: must('user', 'token', u).strip() for u in ('admin', 'lead', 'depute', 'inspector')}
srv = Server(fx.db)
try:
    admin, lead, depute, inspector, outsider = (Client(srv) for _ in range(5))
    for c, u in ((admin, 'admin'), (lead, 'lead'), (depute, 'depute'), (inspector, 'inspector'),
                 (outsider, 'outsider')):
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

    def history_rows():
        return json.loads(must('history', 'list', '--json'))

    # ---- published results of earlier inspections ----
    r = admin.get('/')
    t.ok('href="/history"' in r.text and 'href="/outcome-indicators"' in r.text,
         "the administrator's home page links to both imports")
    r = admin.get('/history')
    t.ok(r.status == 200 and 'No published results have been imported yet.' in r.text and
         'type="file"' in r.text, 'the administrator sees the history page with its upload form',
         r.status)
    for who, c in (('the lead', lead), ('an inspector', inspector)):
        t.ok(c.get('/history').status == 403, f'{who} may not import published results (403)')
    csrf = csrf_of(admin.get('/history').text)
    r = multipart(admin, '/history', [('csrf', csrf)], [('file', 'empty.csv', b'')])
    t.ok(r.status == 400 and beside(r.text, 'file') == ('Choose a CSV file to import', True),
         'no file: the error is shown against the file input', beside(r.text, 'file'))
    bad = (b'partnership,published,framework,qi,grade,source\n'
           b'Fife,2016-03-23,cyp-2014,5.3,adequate,Fife Today\n'
           b'Fife,2016-3-23,cyp-2014,5.3,adequate,x\n'
           b'Fife,2016-03-23,cyp-2014,9.9,good,x\n')
    r = multipart(admin, '/history', [('csrf', csrf)], [('file', 'fife.csv', bad)])
    listed = problems_after(r.text, 'file')
    t.ok(r.status == 400 and beside(r.text, 'file')[0] ==
         'The file has 2 problems; nothing was imported' and beside(r.text, 'file')[1],
         'a bad file: the count beside the file input, the summary linking to the problems',
         (r.status, beside(r.text, 'file')))
    t.ok(len(listed) == 2 and listed[0].startswith("Line 3, column 2: published '2016-3-23'") and
         listed[1].startswith('Line 4, column 4:') and '9.9' in listed[1],
         'each problem is listed beside the input with its line and column', listed)
    t.ok(history_rows() == [], 'nothing was stored (the good first row neither)')
    with open(HISTORY, 'rb') as fh:
        good = fh.read()
    r = multipart(admin, '/history', [('csrf', csrf)], [('file', 'cyp-2014-published.csv', good)])
    t.ok(r.status == 303 and r.header('Location').startswith('/history?imported=1'),
         'the shipped 2012-2017 results import', (r.status, r.header('Location')))
    done = admin.get(r.header('Location'))
    rows = history_rows()
    nlines = len(good.decode().strip().splitlines()) - 1
    t.ok(len(rows) == nlines == 46, 'the command line sees every row of the file (46)', len(rows))
    t.ok(sum(x['count'] for x in rows if x['partnership'] == 'Inverclyde') == 9,
         'Inverclyde: nine indicators graded (CI news 4110)')
    t.ok('imported: 18 grades by indicator and 28 counts for 15 publications (0 stored rows '
         'replaced)' in text_of(done.text),
         'the banner says what was imported, as docs/guide-followup.md counts the file '
         '(18 grades, 28 rows of counts, 15 publications)')
    r = admin.get('/history')
    page = text_of(r.text)
    t.ok(
         re.search(r'Inverclyde \S+ cyp-2014 9 ', page) is not None,
         'the page lists each publication with its indicators graded (Inverclyde: 9)')

    s, j = api('GET', '/history?framework=cyp-2014', 'lead')
    t.ok(s == 200 and len(j) == 46, 'API: anyone with a token reads the published results', s)
    s, j = api('POST', '/history', 'lead', {'csv': bad.decode()})
    t.ok(s == 403, 'API: the lead may not import them (403)', (s, j))
    s, j = api('POST', '/history', 'admin', {'csv': bad.decode()})
    e = j.get('error', {})
    t.ok(s == 422 and e.get('field') == '/csv' and e.get('total') == 2 and
         [(x['line'], x['column']) for x in e.get('errors', [])] == [(3, 2), (4, 4)],
         'API: a bad file is refused (422) with each problem by line and column', (s, j))
    t.ok(len(history_rows()) == 46, 'API: nothing was stored by the refusal')
    one = ('partnership,published,framework,qi,grade,source\n'
           'Fife,2016-03-23,cyp-2014,5.3,adequate,Fife Today\n')
    s, j = api('POST', '/history', 'admin', {'csv': one})
    t.ok(s == 201 and j.get('grades') == 1 and j.get('publications') == 1,
         'API: the administrator imports a publication', (s, j))
    t.ok([(x['qi'], x['grade'], x['source']) for x in history_rows()
          if x['partnership'] == 'Fife'] == [('5.3', 3, 'Fife Today')],
         'the command line sees it (5.3 adequate, level 3)')

    # ---- outcome indicators ----
    def indicators():
        return json.loads(must('outcomes', 'indicators', '--json'))

    r = admin.get('/outcome-indicators')
    t.ok(r.status == 200 and 'No outcome indicators have been imported yet.' in r.text,
         'the administrator sees the outcome indicators page', r.status)
    t.ok(lead.get('/outcome-indicators').status == 403, 'the lead may not import them (403)')
    with open(AGG, 'rb') as fh:
        agg = fh.read()
    with open(META, 'rb') as fh:
        meta = fh.read()
    csrf = csrf_of(r.text)
    lines = agg.decode().splitlines()
    badagg = '\n'.join([lines[0], re.sub(r',(\d+),(\d+)$', r',abc,\2', lines[1])] +
                       lines[2:]).encode()
    form = [('csrf', csrf), ('kind', 'aggregate'), ('q1', 'most-deprived'), ('simd', '2020')]
    r = multipart(admin, '/outcome-indicators', form,
                  [('file', 'agg.csv', badagg), ('indicators', 'meta.csv', meta)])
    listed = problems_after(r.text, 'file')
    t.ok(r.status == 400 and beside(r.text, 'file')[0] ==
         'The file has 1 problem; nothing was imported' and
         len(listed) == 1 and
         listed[0].startswith("Line 2, column 6: the numerator 'abc' is not a number"),
         'a bad data file: its problem by line and column beside the data input',
         (r.status, beside(r.text, 'file'), listed))
    t.ok(indicators() == [], 'nothing was stored, not even the good indicator descriptions')
    badmeta = meta.replace(b'proportion', b'percentage', 1)
    r = multipart(admin, '/outcome-indicators', form,
                  [('file', 'agg.csv', agg), ('indicators', 'meta.csv', badmeta)])
    listed = problems_after(r.text, 'indicators')
    t.ok(r.status == 400 and beside(r.text, 'indicators')[0] is not None and
         len(listed) == 1 and listed[0].startswith('Line 2, column 3:') and
         problems_after(r.text, 'file') == [],
         "a bad descriptions file: its problem beside the descriptions' input",
         (r.status, listed))
    r = multipart(admin, '/outcome-indicators', [('csrf', csrf), ('kind', 'aggregate')],
                  [('file', 'agg.csv', agg), ('indicators', 'meta.csv', meta)])
    t.ok(r.status == 400 and beside(r.text, 'q1')[1] and beside(r.text, 'simd')[1] and
         'how group 1 is coded' in (beside(r.text, 'q1')[0] or '') and
         'SIMD version' in (beside(r.text, 'simd')[0] or ''),
         'how group 1 is coded and the SIMD version are required: both errors at once, each '
         'against its choice', (beside(r.text, 'q1'), beside(r.text, 'simd')))
    t.ok(indicators() == [], 'nothing was stored')
    r = multipart(admin, '/outcome-indicators', form,
                  [('file', 'agg.csv', agg), ('indicators', 'meta.csv', meta)])
    t.ok(r.status == 303 and r.header('Location').startswith('/outcome-indicators?imported=1'),
         'the good files import', (r.status, r.header('Location')))
    done = admin.get(r.header('Location'))
    t.ok(f'imported: {len(lines) - 1} values by quintile from {len(lines) - 1} rows.' in
         text_of(done.text), 'the banner counts one value per data row of the file, quintiles')
    want = sorted(ln.split(',')[0] for ln in meta.decode().strip().splitlines()[1:])
    t.ok(sorted(i['code'] for i in indicators()) == want,
         'the command line sees the indicators the descriptions file defines', indicators())
    r = admin.get('/outcome-indicators')
    t.ok(
         all(f'>{c}<' in r.text for c in want), 'the page lists them')

    s, j = api('GET', '/outcome-indicators', 'inspector')
    t.ok(s == 200 and sorted(i['code'] for i in j) == want, 'API: the indicators', s)
    body = {'csv': badagg.decode(), 'indicators': meta.decode(), 'q1': 'most-deprived',
            'simd': '2020'}
    s, j = api('POST', '/outcome-indicators', 'depute', body)
    t.ok(s == 403, 'API: a depute may not import (403)', s)
    s, j = api('POST', '/outcome-indicators', 'admin', body)
    e = j.get('error', {})
    t.ok(s == 422 and e.get('field') == '/csv' and
         [(x['line'], x['column']) for x in e.get('errors', [])] == [(2, 6)],
         'API: a bad file is refused with line and column (422)', (s, j))
    body['csv'] = agg.decode()
    body['simd'] = '2019'
    s, j = api('POST', '/outcome-indicators', 'admin', body)
    t.ok(s == 422 and j.get('error', {}).get('field') == '/simd',
         'API: an unknown SIMD version is refused against /simd', (s, j))
    body['simd'] = '2020'
    s, j = api('POST', '/outcome-indicators', 'admin', body)
    t.ok(s == 201 and j.get('cells') == len(lines) - 1 and j.get('groups') == 5,
         'API: imported, one cell per data row of the file, quintiles', (s, j))

    # ---- the reading template, chosen by title ----
    tpl = os.path.join(fx.dir, 'tpl.json')
    with open(tpl, 'w') as fh:
        json.dump({'code': 'glenmoor-records', 'framework': 'cyp-2014',
                   'title': 'Glenmoor short reading', 'agencies': [{'code': 'health',
                                                                    'name': 'Health'}],
                   'items': [{'code': 'plan', 'text': 'Is there a plan?', 'answer': 'six-point',
                              'qis': ['5.3']}]}, fh)
    must('template', 'import', tpl)
    r = lead.get('/inspections/1/readers')
    t.ok('href="/inspections/1/template"' in r.text, 'the readers page links to the template')
    r = lead.get('/inspections/1/template')
    opts = re.findall(r'<input[^>]*type="radio"[^>]*value="([^"]+)"[^>]*>\s*<label[^>]*>([^<]+)<',
                      r.text)
    t.ok(r.status == 200 and ('glenmoor-records', 'Glenmoor short reading') in
         [(v, htmllib.unescape(lab).strip()) for v, lab in opts] and len(opts) == 2,
         'the lead chooses among the programme\'s templates by title', (r.status, opts))
    t.ok(inspector.get('/inspections/1/template').status == 403,
         'an inspector may not choose the template (403)')
    csrf = csrf_of(r.text)
    r = lead.post('/inspections/1/template', {'csrf': csrf, 'template': 'nope'})
    t.ok(r.status == 400 and beside(r.text, 'template')[1] and
         'unknown template' in (beside(r.text, 'template')[0] or ''),
         'an unknown template is refused against the choice', beside(r.text, 'template'))
    s, j = api('GET', '/inspections/1/template', 'inspector')
    t.ok(s == 200 and j.get('template') == 'cyp-2014-records', 'nothing changed (API)', j)
    r = lead.post('/inspections/1/template', {'csrf': csrf, 'template': 'glenmoor-records'})
    t.ok(r.status == 303, 'the lead chooses the Glenmoor template', r.status)
    s, j = api('GET', '/inspections/1/template', 'inspector')
    t.ok(s == 200 and j.get('template') == 'glenmoor-records' and
         [c['title'] for c in j['choices'] if c['current']] == ['Glenmoor short reading'],
         'API: the inspection reads with it', j)
    s, j = api('PUT', '/inspections/1/template', 'inspector', {'template': 'cyp-2014-records'})
    t.ok(s == 403, 'API: an inspector may not choose (403)', s)
    s, j = api('PUT', '/inspections/1/template', 'lead', {'template': 'nope'})
    t.ok(s == 422 and j.get('error', {}).get('field') == '/template',
         'API: an unknown template is refused against /template', (s, j))
    s, j = api('PUT', '/inspections/1/template', 'lead', {'template': 'cyp-2014-records'})
    t.ok(s == 200 and j.get('template') == 'cyp-2014-records', 'API: the lead chooses back', j)

    # ---- the news release's text on the report settings page ----
    def release():
        return json.loads(must('inspection', 'release', '1', '--json'))

    before = release()
    r = lead.get('/inspections/1/settings')
    pub = re.search(r'name="published"[^>]*value="([^"]*)"', r.text)
    pub = pub.group(1) if pub else ''
    t.ok(r.status == 200 and 'name="quote"' in r.text and 'name="quote-by"' in r.text and
         'name="report-url"' in r.text, 'the lead sees the quote, who is quoted and the address')
    r = depute.get('/inspections/1/settings')
    t.ok(r.status == 200 and 'name="quote"' not in r.text,
         'the depute, who does not publish, is not offered them')
    csrf = csrf_of(lead.get('/inspections/1/settings').text)
    base = [('csrf', csrf), ('published', pub), ('organisation', ''), ('area', '')]
    r = multipart(lead, '/inspections/1/settings',
                  base + [('quote', 'Services have improved.'), ('quote-by', ''),
                          ('report-url', 'www.example.org/report')])
    qb, ru = beside(r.text, 'quote-by'), beside(r.text, 'report-url')
    t.ok(r.status == 400 and qb[1] and ru[1] and 'name and role' in (qb[0] or '') and
         'https://' in (ru[0] or ''),
         'a quote without who said it and an address without https://: both errors at once, '
         'each against its input', (r.status, qb, ru))
    t.ok('Services have improved.' in r.text, 'the typed quote is kept')
    t.ok(release() == before, 'nothing was stored', release())
    r = multipart(lead, '/inspections/1/settings',
                  base + [('quote', 'Services for children in Glenmoor have improved.'),
                          ('quote-by', 'Jackie Irvine, Chief Executive of the Care Inspectorate'),
                          ('report-url', 'https://www.careinspectorate.com/glenmoor')])
    t.ok(r.status == 303, 'the lead saves the release text', r.status)
    got = release()
    t.ok(got.get('quote') == 'Services for children in Glenmoor have improved.' and
         got.get('quote_by') == 'Jackie Irvine, Chief Executive of the Care Inspectorate' and
         got.get('report_url') == 'https://www.careinspectorate.com/glenmoor',
         'the command line sees the quote, who is quoted and the address', got)
    r = lead.get('/inspections/1/settings')
    t.ok('https://www.careinspectorate.com/glenmoor' in r.text, 'the page shows them again')
    s, j = api('GET', '/inspections/1/settings', 'inspector')
    t.ok(s == 200 and j.get('quote-by') == 'Jackie Irvine, Chief Executive of the Care Inspectorate'
         and j.get('report-url') == 'https://www.careinspectorate.com/glenmoor',
         'API: the settings carry the release text', j)
    s, j = api('PUT', '/inspections/1/settings', 'depute', {'quote': 'x', 'quote-by': 'y'})
    t.ok(s == 403 and release() == got, 'API: the depute may not change the quote (403)', (s, j))
    s, j = api('PUT', '/inspections/1/settings', 'lead', {'report-url': 'ftp://x'})
    t.ok(s in (400, 422) and j.get('error', {}).get('field') == '/report-url' and
         release() == got, 'API: a bad address is refused against /report-url', (s, j))
    s, j = api('PUT', '/inspections/1/settings', 'lead', {'quote': 'Much better.', 'quote-by': ''})
    t.ok(s in (400, 422) and j.get('error', {}).get('field') == '/quote-by' and release() == got,
         'API: a quote with its attribution cleared is refused against /quote-by', (s, j))
    s, j = api('PUT', '/inspections/1/settings', 'lead', {'quote': ''})
    t.ok(s == 200 and j.get('quote') is None and release().get('quote') is None and
         release().get('report_url') == got['report_url'],
         'API: the lead clears the quote, the address stays', (s, j))
finally:
    srv.stop()
    fx.cleanup()
t.done()
