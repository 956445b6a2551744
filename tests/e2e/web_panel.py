"""End-to-end tests of the panel, publish, follow-up and overview pages
(the real server on 127.0.0.1, driven like a browser).  Prints TAP."""
import html
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webtest import Client, Fixture, Server, Tap, cairn, csrf_of  # noqa: E402

t = Tap()
fx = Fixture()
srv = Server(fx.db)


def signed_in(user):
    c = Client(srv)
    r = c.sign_in(user)
    assert r.status == 303, (user, r.status)
    return c


def audit_actions(db):
    rc, out, err = cairn(db, 'audit', 'list', '--json')
    j = json.loads(out)
    entries = j if isinstance(j, list) else j.get('entries', [])
    return [e.get('action') for e in entries]


def panel_of(qi):
    rc, out, err = cairn(fx.db, 'evaluation', 'show', '1', qi, '--json')
    return json.loads(out)['evaluations'][0]['panel']


try:
    lead, panel, coord, young, reader, outsider, inspector = (
        signed_in(u) for u in ('lead', 'panel', 'coord', 'young', 'reader', 'outsider',
                               'inspector'))

    # ---- panel review and sign-off ----
    r = panel.get('/inspections/1/panel')
    t.ok(r.status == 200 and 'Panel review' in r.text and 'Record the panel' in r.text,
         'the panel member sees the panel page with its forms', r.status)
    t.ok('5 Very good' in r.text and 'Children and young people told us staff listened' in r.text,
         "the page shows the team's grade and rationale for 2.1")
    t.ok('Not signed off' in r.text, 'not signed off yet')
    ptok = csrf_of(r.text)
    r = lead.get('/inspections/1/panel')
    t.ok(r.status == 200 and 'Record the panel' not in r.text and 'Sign off the evaluations'
         not in r.text, 'the lead sees the page without the panel forms', r.status)
    r = coord.get('/inspections/1/panel')
    t.ok(r.status == 403, 'the co-ordinator may not see the evaluations (403)', r.status)
    r = reader.get('/inspections/1/panel')
    t.ok(r.status == 403, 'a local reader may not (403)', r.status)
    r = outsider.get('/inspections/1/panel')
    t.ok(r.status == 404, 'someone not on the team gets 404', r.status)
    ltok = csrf_of(lead.get('/').text)
    r = lead.post('/inspections/1/panel/2.1', {'csrf': ltok, 'view': 'agree'})
    t.ok(r.status == 403, 'the lead may not record the panel view (403)', r.status)
    r = lead.post('/inspections/1/signoff', {'csrf': ltok})
    t.ok(r.status == 403, 'the lead may not sign off (403)', r.status)
    r = panel.post('/inspections/1/panel/2.1', {'csrf': 'f' * 64, 'view': 'agree'})
    t.ok(r.status == 403 and 'expired' in r.text, 'panel review without a valid CSRF token refused',
         r.status)
    r = panel.post('/inspections/1/signoff', {'csrf': 'f' * 64})
    t.ok(r.status == 403, 'sign-off without a valid CSRF token refused', r.status)
    r = panel.post('/inspections/1/panel/2.1', {'csrf': ptok})
    t.ok(r.status == 400 and 'There is a problem' in r.text and 'href="#view-2.1"' in r.text,
         'no view chosen: error summary linking to the field', r.status)
    r = panel.post('/inspections/1/panel/2.1', {'csrf': ptok, 'view': 'query', 'grade': '4'})
    t.ok(r.status == 400 and 'href="#note-2.1"' in r.text,
         'a query needs a note', r.status)
    r = panel.post('/inspections/1/panel/2.1', {'csrf': ptok, 'view': 'query', 'grade': '',
                                                 'note': '  '})
    summary = re.search(r'ds_error-summary.*?</div>', r.text, re.S)
    t.ok(r.status == 400 and summary is not None and 'href="#grade-2.1"' in summary.group(0)
         and 'href="#note-2.1"' in summary.group(0),
         'a query with neither grade nor note: both problems in the error summary at once',
         r.status)
    r = panel.post('/inspections/1/panel/2.1', {'csrf': ptok, 'view': 'query', 'grade': '9',
                                                 'note': 'x'})
    t.ok(r.status == 400 and 'unknown grade' in r.text, 'an invalid grade is refused', r.status)
    t.ok(panel_of('2.1') is None, 'nothing was stored by the refused forms')
    sel = re.search(r'<select[^>]*id="grade-2\.1".*?</select>', panel.get('/inspections/1/panel').text, re.S)
    t.ok(sel is not None and re.search(r'<option value="5" selected', sel.group(0)) and
         sel.group(0).count('selected') == 1,
         "the panel's grade form starts from the team's grade (5)", sel and sel.group(0)[:400])
    r = panel.post('/inspections/1/panel/2.1', {'csrf': ptok, 'view': 'query', 'grade': '5',
                                                 'note': 'Same grade'})
    t.ok(r.status == 400 and 'href="#grade-2.1"' in r.text and 'other than the team' in r.text,
         "a query giving the team's own grade is refused against the grade", r.status)
    t.ok(panel_of('2.1') is None, 'nothing was stored by the refused forms')
    r = panel.post('/inspections/1/panel/9.9', {'csrf': ptok, 'view': 'agree'})
    t.ok(r.status == 404, 'an indicator that is not graded: 404', r.status)
    r = panel.post('/inspections/1/panel/2.1', {'csrf': ptok, 'view': 'query', 'grade': '4',
                                                 'note': 'Evidence supports good, not very good.'})
    t.ok(r.status == 303 and r.header('Location') == '/inspections/1/panel?reviewed=1',
         'a query with grade and note is recorded', (r.status, r.text[:300]))
    r = panel.get('/inspections/1/panel?reviewed=1')
    t.ok('Queried: the panel grades it 4 Good' in r.text and 'Evidence supports good' in r.text,
         "the panel's view is shown")
    rc, out, _ = cairn(fx.db, 'evaluation', 'show', '1', '2.1', '--json')
    e = json.loads(out)['evaluations'][0]
    t.ok(e['final_grade']['grade'] == 4 and e['team_grade'] == 5,
         'the final grade is now the panel grade, the team grade kept (CLI agrees)', e)
    r = panel.post('/inspections/1/panel/1.1', {'csrf': ptok, 'view': 'agree'})
    t.ok(r.status == 303, 'agreeing needs no note', r.status)
    t.ok('panel.review' in audit_actions(fx.db), 'the review is in the audit log')
    rc, out, _ = cairn(fx.db, 'evaluation', 'show', '1', '--json')
    team = {e['qi']: e['team_grade'] for e in json.loads(out)['evaluations']
            if e.get('team_grade')}
    r = panel.post('/inspections/1/signoff', {'csrf': ptok, 'confirm': 'signoff'})
    t.ok(r.status == 409 and 'href="#signoff"' in r.text and 'has not reviewed' in r.text and
         len(team) > 2, 'sign-off before every graded indicator is reviewed is refused',
         (r.status, team))
    rc, out, _ = cairn(fx.db, 'evaluation', 'show', '1', '--json')
    t.ok(json.loads(out)['signoff']['standing'] is False, 'and nothing was signed off')
    # The team regrades 1.1 after the panel agreed: the row says so, never
    # "Queried ... the panel agrees with the team's grade".
    g11 = team['1.1']
    other = g11 - 1 if g11 > 1 else g11 + 1
    rc, _, err = cairn(fx.db, 'grade', '1', '1.1', str(other))
    t.ok(rc == 0, 'the team regrades 1.1 after the review', err)
    r = panel.get('/inspections/1/panel')
    row = re.search(r'<tr[^>]*>\s*<t[hd][^>]*>1\.1 .*?</tr>', r.text, re.S)
    t.ok(row is not None and 'Not reviewed since the team regraded it' in row.group(0) and
         'Queried' not in row.group(0) and 'Agrees' not in row.group(0),
         'the 1.1 row says the team regraded it since the review', row and row.group(0)[-400:])
    r = panel.post('/inspections/1/signoff', {'csrf': ptok, 'confirm': 'signoff'})
    t.ok(r.status == 409 and '1.1 (regraded since the panel' in r.text,
         'sign-off names the indicator regraded since its review', r.status)
    rc, _, err = cairn(fx.db, 'grade', '1', '1.1', str(g11))
    t.ok(rc == 0, 'the team grades 1.1 back (the overview below counts it)', err)
    for qi in team:
        if qi == '2.1':
            continue
        r = panel.post('/inspections/1/panel/' + qi, {'csrf': ptok, 'view': 'agree'})
        if r.status != 303:
            t.ok(False, 'agree with ' + qi, r.status)
    r = panel.get('/inspections/1/panel')
    row = re.search(r'<tr[^>]*>\s*<t[hd][^>]*>1\.1 .*?</tr>', r.text, re.S)
    t.ok(row is not None and 'Agrees with the team' in row.group(0),
         'reviewed again, the 1.1 row agrees', row and row.group(0)[-300:])
    r = panel.post('/inspections/1/signoff', {'csrf': ptok, 'confirm': 'signoff'})
    t.ok(r.status == 303 and 'signed=1' in (r.header('Location') or ''), 'the panel signs off',
         (r.status, r.text[:500]))
    r = panel.get('/inspections/1/panel')
    t.ok('Signed off' in r.text and 'Sign off the evaluations' not in r.text,
         'the page shows the sign-off')
    r = panel.post('/inspections/1/signoff', {'csrf': ptok, 'confirm': 'signoff'})
    t.ok(r.status == 409 and 'There is a problem' in r.text and 'href="#signoff"' in r.text,
         'a second sign-off is refused with the error summary', r.status)
    t.ok('panel.signoff' in audit_actions(fx.db), 'the sign-off is in the audit log')

    # ---- preview, downloads and publish ----
    r = coord.get('/inspections/1/publish')
    t.ok(r.status == 403 and 'factual accuracy' in r.text,
         'the co-ordinator may not see the draft before factual accuracy (403)', r.status)
    t.ok(coord.get('/inspections/1/preview').status == 403, '... nor its preview')
    for st, day in (('scoping', '02'), ('records-reading', '03'), ('fieldwork', '04'),
                    ('analysis', '05'), ('panel', '06'), ('factual-accuracy', '07')):
        rc, out, err = cairn(fx.db, 'stage', '1', 'move', st, '--date', '2026-07-' + day)
        if rc != 0:
            t.ok(False, f'stage move to {st}', err)
    r = coord.get('/inspections/1/publish')
    t.ok(r.status == 200 and 'Preview the report' in r.text and 'Publish the report' not in r.text,
         'at factual accuracy the co-ordinator sees the draft, without the publish form', r.status)
    r = coord.get('/inspections/1/preview')
    t.ok(r.status == 200 and 'Glenmoor' in r.text and '<svg' in r.text,
         'the co-ordinator sees the preview with its chart', r.status)
    r = coord.post('/inspections/1/publish', {'csrf': csrf_of(r.text)})
    t.ok(r.status == 403, 'the co-ordinator may not publish (403)', r.status)
    t.ok(young.get('/inspections/1/publish').status == 403, 'a young inspector may not (403)')
    t.ok(outsider.get('/inspections/1/publish').status == 404, 'an outsider gets 404')
    r = lead.get('/inspections/1/preview?version=young-people')
    t.ok(r.status == 200 and 'Why we visited' in r.text, "the young people's preview")
    r = lead.get('/inspections/1/download/release.txt')
    t.ok(r.status == 200 and r.header('Content-Type').startswith('text/plain') and
         b'Glenmoor' in r.body and 'attachment' in (r.header('Content-Disposition') or ''),
         'the draft news release downloads', r.status)
    r = lead.get('/inspections/1/download/young-people.pdf')
    t.ok(r.status == 200 and r.body[:5] == b'%PDF-', "the young people's PDF downloads", r.status)
    t.ok(lead.get('/inspections/1/download/secret.txt').status == 404, 'unknown draft file: 404')
    draft_release = lead.get('/inspections/1/download/release.txt').text

    # ---- the news release as a page, named by its state ----
    r = lead.get('/inspections/1/release')
    first_para = next(p for p in draft_release.split('\n\n') if p.strip())
    t.ok(r.status == 200 and '<h1' in r.text and 'News release (draft)' in r.text and
         'Draft' in r.text and 'Download the draft news release (text)' in r.text and
         'href="/inspections/1/download/release.txt"' in r.text,
         'before publication the release page is the draft, named so, with its download',
         r.status)
    t.ok(html.escape(first_para.strip(), quote=True) in r.text or
         first_para.strip() in html.unescape(r.text),
         "the page shows the draft download's own text", first_para[:200])
    r = coord.get('/inspections/1/release')
    t.ok(r.status == 200 and 'News release (draft)' in r.text,
         'the co-ordinator reads the draft release at factual accuracy', r.status)
    t.ok(young.get('/inspections/1/release').status == 403,
         'a young inspector may not read the unpublished draft (403)')
    t.ok(outsider.get('/inspections/1/release').status == 404, 'an outsider gets 404')
    t.ok(lead.get('/inspections/1/published/1/release.txt').status == 404,
         'nothing published yet: no frozen file (404)')
    r = lead.get('/inspections/1/publish')
    t.ok('href="/inspections/1/release"' in r.text and 'Read the draft news release' in r.text,
         'the publish page links the draft release by its name')

    rc, out, err = cairn(fx.db, 'inspection', 'create', '--partnership', 'Testshire',
                         '--framework', 'cyp-2014', '--json')
    rc2, _, err2 = cairn(fx.db, 'team', 'add', '2', 'lead', '--role', 'lead')
    t.ok(rc == 0 and rc2 == 0, 'a second, unfinished inspection for the lead', err + err2)
    r = lead.get('/inspections/2/publish')
    t.ok(r.status == 200 and 'cannot be published until' in r.text and
         'the publication date is not set' in r.text, 'the page lists the failed checks')
    ltok = csrf_of(r.text)
    r = lead.post('/inspections/2/publish', {'csrf': ltok, 'confirm': 'publish'})
    t.ok(r.status == 409 and 'There is a problem' in r.text and 'href="#checks"' in r.text and
         'the publication date is not set' in r.text and 'is not evaluated' in r.text,
         'publishing an unfinished inspection is refused, listing each failure', r.status)
    rc, out, _ = cairn(fx.db, 'publication', 'list', '2')
    t.ok('has not been published' in out, 'nothing was published', out)
    r = lead.post('/inspections/1/publish', {'csrf': 'f' * 64})
    t.ok(r.status == 403, 'publish without a valid CSRF token refused', r.status)
    r = lead.post('/inspections/1/publish', {'csrf': ltok, 'confirm': 'publish'})
    t.ok(r.status == 303 and r.header('Location') == '/inspections/1/publish?published=1',
         'the lead publishes', (r.status, r.text[:600]))
    r = lead.get('/inspections/1/publish?published=1')
    shas = dict(re.findall(r'<th scope="row"><a href="/inspections/1/published/1/[a-z.-]+" '
                           r'class="ds_link">([a-z-]+\.[a-z]+)</a></th>\s*<td>[0-9]+</td>\s*'
                           r'<td><code>([0-9a-f]{64})</code>', r.text))
    t.ok('Version 1 of the report is published' in r.text and len(shas) == 8,
         'the page shows version 1 and its 8 files with SHA-256', shas)
    import hashlib
    out_dir = os.path.join(fx.dir, 'pub1')
    rc, out, err = cairn(fx.db, 'publication', 'get', '1', '--out', out_dir)
    same = rc == 0 and len(shas) == 8 and all(
        hashlib.sha256(open(os.path.join(out_dir, n), 'rb').read()).hexdigest() == h
        for n, h in shas.items())
    t.ok(same, 'every SHA-256 shown matches the frozen file written by the CLI', err)

    # ---- the frozen files and the published release ----
    got = {}
    for name in shas:
        r = lead.get('/inspections/1/published/1/' + name)
        got[name] = (r.status, hashlib.sha256(r.body).hexdigest(),
                     r.header('Content-Disposition') or '')
    t.ok(len(got) == 8 and all(st == 200 and h == shas[n] and
                               f'inspection-1-published-v1-{n}' in d
                               for n, (st, h, d) in got.items()),
         'each frozen file downloads byte for byte (its SHA-256 is the one shown), named '
         'by its version', {n: v[0] for n, v in got.items()})
    r = lead.get('/inspections/1/release')
    rel = lead.get('/inspections/1/published/1/release.txt').body.decode()
    t.ok(r.status == 200 and 'News release (published)' in r.text and 'Version 1' in r.text and
         shas.get('release.txt', '?') in r.text and
         'href="/inspections/1/published/1/release.txt"' in r.text and
         'Download the published news release, version 1 (text)' in r.text and
         'News release (draft)' not in r.text,
         'after publication the release page is the published text, named so, with its hash',
         r.status)
    para = next(p for p in rel.split('\n\n') if p.strip()).strip()
    t.ok(html.escape(para, quote=True) in r.text, 'the page shows the frozen text', para[:200])
    r = young.get('/inspections/1/release')
    t.ok(r.status == 200 and 'News release (published)' in r.text,
         'once published, a young inspector reads the release', r.status)
    t.ok(young.get('/inspections/1/published/1/young-people.pdf').body[:5] == b'%PDF-',
         "and downloads the published young people's version")
    t.ok(outsider.get('/inspections/1/published/1/report.pdf').status == 404,
         'an outsider gets 404')
    t.ok(lead.get('/inspections/1/published/1/secret.txt').status == 404 and
         lead.get('/inspections/1/published/9/report.pdf').status == 404 and
         lead.get('/inspections/1/published/x/report.pdf').status == 404,
         'an unknown file or version: 404')
    rc, out, _ = cairn(fx.db, 'audit', 'list', '--json')
    t.ok('published version 1, report.pdf' in out, 'frozen downloads are audited')
    r = lead.post('/inspections/1/publish', {'csrf': ltok, 'reason': 'x'})
    t.ok(r.status == 400, 'a post without the form\'s confirm field changes nothing', r.status)
    t.ok('publish' in ' '.join(a or '' for a in audit_actions(fx.db)), 'publishing is audited')
    r = lead.post('/inspections/1/publish', {'csrf': ltok, 'reason': '  ', 'confirm': 'publish'})
    t.ok(r.status == 409 and 'href="#reason"' in r.text,
         'a new version needs a reason', r.status)
    r = lead.post('/inspections/1/publish', {'csrf': ltok, 'confirm': 'publish',
                                             'reason': 'Corrected a date in the context.'})
    t.ok(r.status == 303, 'the lead supersedes with a reason', r.status)
    r = lead.get('/inspections/1/publish')
    t.ok('Superseded' in r.text and 'Corrected a date in the context.' in r.text and
         'Files of version 2' in r.text, 'version 2 is current, version 1 superseded')
    rc, out, _ = cairn(fx.db, 'publication', 'list', '1', '--json')
    t.ok(len(json.loads(out)) == 2, 'the CLI lists both versions', out)
    r = lead.get('/inspections/1/release')
    t.ok('Version 2' in r.text and 'href="/inspections/1/published/2/release.txt"' in r.text,
         'the release page follows the current version')
    r = lead.get('/inspections/1/published/1/release.txt')
    t.ok(r.status == 200 and hashlib.sha256(r.body).hexdigest() == shas.get('release.txt'),
         'the superseded version\'s files stay downloadable, unchanged', r.status)

    # ---- national overview: counts against a small hand-computed table ----
    hist = os.path.join(fx.dir, 'hist.csv')
    with open(hist, 'w') as fh:
        fh.write('partnership,published,framework,qi,grade,count,basis,source\n'
                 'Alpha,2015-03-01,cyp-2014,1.1,Good,,stated,test\n'
                 'Alpha,2015-03-01,cyp-2014,5.2,Weak,,stated,test\n'
                 'Beta,2016-05-01,cyp-2014,1.1,Adequate,,stated,test\n'
                 'Beta,2016-05-01,cyp-2014,,Good,3,stated,test\n')
    rc, out, err = cairn(fx.db, 'history', 'import', hist, '--as', 'lead')
    t.ok(rc == 77, 'history import --as a team member is refused (77)', (rc, err))
    rc, out, err = cairn(fx.db, 'history', 'import', hist)
    t.ok(rc == 0, 'the administrator imports two publications', err)

    def table_rows(html, tid):
        m = re.search(r'<table id="' + tid + r'-table"[^>]*>(.*?)</table>', html, re.S)
        rows = {}
        for tr in re.findall(r'<tr>(.*?)</tr>', m.group(1) if m else '', re.S):
            cells = [re.sub(r'<[^>]+>', '', c).strip()
                     for c in re.findall(r'<t[hd][^>]*>(.*?)</t[hd]>', tr, re.S)]
            if cells:
                rows[cells[0].split(' ')[0]] = cells[1:]
        return rows

    rc, out, err = cairn(fx.db, 'grade', '2', '5.2', 'good')
    t.ok(rc == 0, 'a grade on the unpublished second inspection', err)
    r = lead.get('/overview')
    t.ok(r.status == 200 and 'National overview' in r.text and '<svg' in r.text,
         'the lead sees the overview with its charts', r.status)
    ind = table_rows(r.text, 'indicators')
    # Levels: Excellent, Very good, Good, Adequate, Weak, Unsatisfactory, Known, Not known, Median.
    # 1.1: Alpha Good, Beta Adequate, Glenmoor (held, published 2026) Good.
    t.ok(ind.get('1.1') == ['0', '0', '2', '1', '0', '0', '3', '0', 'Good'],
         '1.1: 2 good, 1 adequate, 3 known, median good', ind.get('1.1'))
    # 5.2: Alpha Weak, Glenmoor Adequate, Beta unknown (counts only).
    t.ok(ind.get('5.2') == ['0', '0', '0', '1', '1', '0', '2', '1', 'Weak'],
         '5.2: 1 adequate, 1 weak, 1 publication without it, lower median weak', ind.get('5.2'))
    t.ok(ind.get('All', [''] * 7)[6] == '15',
         'pooled: 9 held + 2 (Alpha) + 4 (Beta, 3 only as counts) = 15 grades', ind.get('All'))
    yrs = table_rows(r.text, 'years')
    # Years: six levels, publications, grades, good or better.
    t.ok(yrs.get('2015') == ['0', '0', '1', '0', '1', '0', '1', '2', '1'],
         '2015: Alpha: one good, one weak; 1 publication, 2 grades, 1 good or better',
         yrs.get('2015'))
    t.ok(yrs.get('2016') == ['0', '0', '3', '1', '0', '0', '1', '4', '3'],
         '2016: Beta: 3 good (counts), 1 adequate; 1 publication, 4 grades, 3 good or better',
         yrs.get('2016'))
    t.ok('Where the data is partial' in r.text and 'The data is partial' in r.text,
         'the page says clearly where the data is partial')
    t.ok('Alpha (1 March 2015)' in r.text and 'Beta (1 May 2016)' in r.text,
         'the partnerships at each level are named')
    t.ok('Testshire' in r.text, "the lead sees the profile of their unpublished inspection")
    r = inspector.get('/overview')
    t.ok(r.status == 200 and 'Testshire' not in r.text,
         "an inspector not on that team does not see its unpublished profile", r.status)
    t.ok(young.get('/overview').status == 200, 'a young inspector (may see evaluations) may')
    for who, c in (('co-ordinator', coord), ('local reader', reader), ('outsider', outsider)):
        t.ok(c.get('/overview').status == 403, f'the {who} may not see the overview (403)')
        t.ok(c.get('/overview/export').status == 403, f'... nor export it')
    t.ok('href="/overview"' in lead.get('/').text and
         'href="/overview"' not in coord.get('/').text, 'the home page links to it only if allowed')
    r = lead.get('/overview/export?framework=cyp-2014')
    import io
    import zipfile
    try:
        z = zipfile.ZipFile(io.BytesIO(r.body))
        strings = z.read('xl/sharedStrings.xml').decode()
        good = any(n.startswith('xl/worksheets/') for n in z.namelist()) and 'Alpha' in strings
    except Exception as e:  # noqa: BLE001
        good = False
        strings = str(e)
    t.ok(r.status == 200 and good and 'attachment' in (r.header('Content-Disposition') or ''),
         'the XLSX export is a workbook naming the publications', strings[:200])
    t.ok('overview.export' in audit_actions(fx.db), 'the export is audited')
    rc, out, err = cairn(fx.db, 'overview', '--as', 'coord')
    t.ok(rc == 77 and 'you may not see the national overview: only an inspection lead, a depute '
         'inspection lead, an inspector, an associate assessor, a young inspector or a Quality '
         'and Consistency Panel member on at least one inspection may' in err,
         'CLI overview --as the co-ordinator: 77, saying in plain words who may', (rc, err))
    rc, out, err = cairn(fx.db, 'overview', '--framework', 'cyp-2014', '--as', 'inspector', '--json')
    prof = [p['partnership'] for p in json.loads(out)['frameworks'][0]['profiles']] if rc == 0 else []
    t.ok(rc == 0 and 'Glenmoor' in prof and 'Testshire' not in prof,
         'CLI overview --as an inspector: allowed, without the other team\'s unpublished profile',
         (rc, prof, err))
    xl = os.path.join(fx.dir, 'ov.xlsx')
    rc, out, err = cairn(fx.db, 'overview', '--framework', 'cyp-2014', '--format', 'xlsx',
                         '--out', xl)
    t.ok(rc == 0 and zipfile.is_zipfile(xl), 'cairn overview --format xlsx --out FILE', err)

    # ---- joint action plan ----
    r = coord.get('/inspections/1/plan')
    t.ok(r.status == 200 and 'Add an action' in r.text and 'Area for improvement 3' in r.text,
         'the co-ordinator sees the plan with the add form', r.status)
    r = inspector.get('/inspections/1/plan')
    t.ok(r.status == 200 and 'Add an action' not in r.text, 'an inspector sees it without the add form')
    t.ok(reader.get('/inspections/1/plan').status == 403, 'a local reader may not (403)')
    t.ok(outsider.get('/inspections/1/plan').status == 404, 'an outsider gets 404')
    ctok = csrf_of(coord.get('/inspections/1/plan').text)
    r = coord.post('/inspections/1/plan', {'csrf': ctok, 'improvement': '3'})
    t.ok(r.status == 400 and all(f'href="#{f}"' in r.text for f in ('text', 'owner', 'due')),
         'missing fields: error summary linking to each', r.status)
    r = coord.post('/inspections/1/plan', {'csrf': ctok, 'improvement': '3', 'text': 'Audit plans',
                                           'owner': 'Head of service', 'due': '2027-02-30'})
    t.ok(r.status == 400 and 'There is a problem' in r.text, 'an impossible due date is refused',
         r.status)
    r = coord.post('/inspections/1/plan', {'csrf': 'f' * 64, 'improvement': '3', 'text': 'x',
                                           'owner': 'y', 'due': '2027-01-31'})
    t.ok(r.status == 403, 'adding without a valid CSRF token refused', r.status)
    def plan_actions():
        rc, out, _ = cairn(fx.db, 'action', 'list', '1', '--json')
        return [a for imp in json.loads(out)['improvements'] for a in imp['actions']]

    t.ok(plan_actions() == [], 'nothing was stored by the refused forms')
    r = coord.post('/inspections/1/plan', {'csrf': ctok, 'improvement': '3',
                                           'text': 'Audit every child plan quarterly',
                                           'owner': 'Head of children\'s services',
                                           'due': '2027-01-31', 'agency': 'Council'})
    t.ok(r.status == 303 and 'saved=' in (r.header('Location') or ''), 'the co-ordinator adds an action',
         (r.status, r.text[:400]))
    aid = r.header('Location').rsplit('=', 1)[1]
    acts = plan_actions()
    t.ok(len(acts) == 1 and acts[0].get('owner') == "Head of children's services",
         'the CLI lists the action', acts)
    itok = csrf_of(inspector.get('/inspections/1/plan').text)
    r = inspector.post(f'/inspections/1/plan/{aid}', {'csrf': itok, 'status': 'done',
                                                      'evidence': 'x'})
    t.ok(r.status == 403, 'an inspector may not change the status (403)', r.status)
    r = inspector.post(f'/inspections/1/plan/{aid}', {'csrf': itok, 'note': ''})
    t.ok(r.status == 400 and f'href="#note-{aid}"' in r.text, 'an empty comment is refused', r.status)
    r = inspector.post(f'/inspections/1/plan/{aid}', {'csrf': itok,
                                                      'note': 'Include the health visitors.'})
    t.ok(r.status == 303, 'an inspector comments', r.status)
    r = coord.post(f'/inspections/1/plan/{aid}', {'csrf': ctok, 'status': 'done'})
    t.ok(r.status == 400 and 'There is a problem' in r.text, 'done without evidence is refused',
         r.status)
    r = coord.post(f'/inspections/1/plan/{aid}', {'csrf': ctok, 'status': 'in-progress'})
    t.ok(r.status == 303, 'the co-ordinator marks it in progress', r.status)
    r = coord.get('/inspections/1/plan')
    t.ok('Include the health visitors.' in r.text and 'In progress' in r.text,
         'the history and the new status are shown')
    t.ok(coord.post('/inspections/1/plan/99999', {'csrf': ctok, 'note': 'x'}).status == 404,
         'an action that does not exist: 404')
    ltok = csrf_of(lead.get('/inspections/1/plan').text)
    r = lead.post('/inspections/1/plan-agree', {'csrf': ltok, 'confirm': 'agree'})
    t.ok(r.status == 409 and 'href="#agreed"' in r.text,
         'agreeing while areas lack actions is refused with the reason', r.status)
    for imp in ('1', '2'):  # areas are numbered within the inspection
        coord.post('/inspections/1/plan', {'csrf': ctok, 'improvement': imp, 'text': 'Act',
                                           'owner': 'Chief officer', 'due': '2027-03-31'})
    t.ok(coord.post('/inspections/1/plan-agree', {'csrf': ctok, 'confirm': 'agree'}).status == 403,
         'the co-ordinator may not agree the plan (403)')
    r = lead.post('/inspections/1/plan-agree', {'csrf': ltok, 'confirm': 'agree'})
    t.ok(r.status == 303, 'the lead agrees the plan', r.status)
    rc, out, _ = cairn(fx.db, 'action', 'list', '1', '--json')
    t.ok(json.loads(out).get('agreed') is True, 'the CLI shows it agreed')
    t.ok('action' in ' '.join(a or '' for a in audit_actions(fx.db)), 'plan changes are audited')

    # ---- progress reviews and history ----
    r = lead.get('/inspections/1/followup')
    t.ok(r.status == 200 and 'No progress review yet' in r.text and 'History of the grades' in r.text,
         'the follow-up page before any review', r.status)
    for args in (('review', 'create', '1', '--date', '2027-06-01'),
                 ('review', 'grade', '1', '1', '9.4', 'adequate', '--rationale', 'Better.'),
                 ('review', 'progress', '1', '1', '--improvement', '3', '--judgement', 'some',
                  '--text', 'Plans audited twice.')):
        rc, out, err = cairn(fx.db, *args)
        t.ok(rc == 0, 'CLI: ' + ' '.join(args[:2]), err)
    r = lead.get('/inspections/1/followup')
    t.ok(r.status == 200 and 'Review 1 (1 June 2027)' in r.text and '3 Adequate' in r.text and
         '2 Weak' in r.text and 'Plans audited twice.' in r.text,
         'the history shows 9.4 weak then adequate, and the review\'s judgement', r.status)
    t.ok(coord.get('/inspections/1/followup').status == 403, 'the co-ordinator may not (403)')

    # ---- surveys: Newcombe (1998) Table I, 81 agreeing of 263 ----
    labels = (['Strongly agree'] * 40 + ['agree'] * 41 + ['Disagree'] * 100 +
              ['Neither agree nor disagree'] * 60 + ['strongly disagree'] * 22 + ["Don't know"] * 7)
    sv = os.path.join(fx.dir, 'survey.csv')
    with open(sv, 'w') as fh:
        fh.write('id,Answer,agency\n')
        for i, lab in enumerate(labels):
            fh.write(f'{i + 1},{lab},{"Police" if i >= len(labels) - 3 else "Health"}\n')
    rc, out, err = cairn(fx.db, 'survey', 'create', '1', '--name', 'parents', '--kind', 'parents',
                         '--scale', 'agree5')
    rc2, out, err2 = cairn(fx.db, 'survey', 'import', '1', 'parents', sv, '--attribute-columns',
                           'agency')
    t.ok(rc == 0 and rc2 == 0, 'a survey of 270 answers imported with the CLI', err + err2)
    ref = os.path.join(os.environ.get('SRCDIR', '.'), 'tests', 'reference', 'stats', 'proportion',
                       'newcombe1998_tableI.csv')
    lo = hi = None
    with open(ref) as fh:
        for row in fh:
            c = row.strip().split(',')
            if c[:2] == ['81', '263'] and c[3] == 'wilson':
                lo, hi = float(c[4]), float(c[5])
    r = inspector.get('/inspections/1/surveys')
    t.ok(r.status == 200 and 'href="/inspections/1/surveys/parents"' in r.text,
         'an inspector sees the list of surveys', r.status)
    r = inspector.get('/inspections/1/surveys/parents')
    want = f'{100 * lo:.1f}% to {100 * hi:.1f}%' if lo is not None else '?'
    t.ok(r.status == 200 and '<td>263</td>' in r.text and '<td>81</td>' in r.text and
         want in r.text and '30.8%' in r.text,
         f"81 of 263 agree (30.8%), Newcombe's interval {want}, don't know left out", r.status)
    t.ok('<svg' in r.text, 'the chart is on the page')
    r = inspector.get('/inspections/1/surveys/parents?by=agency')
    t.ok(r.status == 200 and 'Suppressed (fewer than 5)' in r.text and 'Health' in r.text,
         'by agency: the group of three is suppressed', r.status)
    t.ok(inspector.get('/inspections/1/surveys/parents?by=colour').status == 400,
         'an unknown breakdown is refused (400)')
    r = inspector.get('/inspections/1/surveys/nosuch')
    t.ok(r.status == 404 and 'Page not found' in r.text and r.header('Location') is None,
         'an unknown survey answers 404 with the not-found page', r.status)
    r = inspector.get('/inspections/1/surveys/nosuch?by=agency')
    t.ok(r.status == 404 and 'Page not found' in r.text,
         'an unknown survey with a breakdown also answers 404 (not 400)', r.status)
    r = inspector.get('/inspections/1/surveys/%3Cscript%3Ex')
    t.ok(r.status == 404 and '<script>x' not in r.text,
         'a hostile unknown survey name: 404, not echoed', r.status)
    t.ok(outsider.get('/inspections/1/surveys/nosuch').status == 404 and
         coord.get('/inspections/1/surveys/nosuch').status == 403,
         'authorisation first: an unknown survey is 403 for the co-ordinator, 404 outside')
    for who, c in (('co-ordinator', coord), ('local reader', reader)):
        t.ok(c.get('/inspections/1/surveys/parents').status == 403,
             f'the {who} may not see survey results (403)')
    t.ok(outsider.get('/inspections/1/surveys').status == 404, 'an outsider gets 404')

    # ---- survey upload (multipart; all or nothing) ----
    def upload(c, path, csrf, content, extra=None):
        b = 'cairnTestBoundary7'
        parts = [f'--{b}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n{csrf}\r\n']
        for k, v in (extra or {}).items():
            parts.append(f'--{b}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n')
        parts.append(f'--{b}\r\nContent-Disposition: form-data; name="file"; filename="r.csv"\r\n'
                     f'Content-Type: text/csv\r\n\r\n{content}\r\n--{b}--\r\n')
        return c.request('POST', path, body=''.join(parts).encode(),
                         headers={'Content-Type': f'multipart/form-data; boundary={b}'})

    rc, out, err = cairn(fx.db, 'survey', 'create', '1', '--name', 'staff2', '--kind', 'staff',
                         '--scale', 'agree5')
    t.ok(rc == 0, 'an empty staff survey', err)
    r = inspector.get('/inspections/1/surveys/staff2')
    t.ok(r.status == 200 and 'Import the responses' in r.text and 'multipart/form-data' in r.text,
         'an inspector sees the upload form', r.status)
    itok = csrf_of(r.text)
    t.ok('Import the responses' not in young.get('/inspections/1/surveys/parents').text,
         'a young inspector sees results without the upload form')
    good = 'id,Q1,Q2\n1,Agree,Disagree\n2,Strongly agree,Agree\n3,Agree,Agree\n'
    bad = 'id,Q1,Q2\n1,Agree,Disagree\n2,Perhaps,Agree\n3,Agree,Never\n'
    r = upload(inspector, '/inspections/1/surveys/staff2', 'f' * 64, good)
    t.ok(r.status == 403, 'upload without a valid CSRF token refused', r.status)
    r = upload(young, '/inspections/1/surveys/staff2', csrf_of(young.get('/').text), good)
    t.ok(r.status == 403, 'a young inspector may not import (403)', r.status)
    r = upload(inspector, '/inspections/1/surveys/staff2', itok, bad)
    t.ok(r.status == 400 and 'Line 3, column 2' in r.text and 'Line 4, column 3' in r.text and
         'href="#file"' in r.text, 'a file with two bad answers: both listed with line and column',
         r.status)
    rc, out, _ = cairn(fx.db, 'survey', 'list', '1', '--json')
    resp = [s_['respondents'] for s_ in json.loads(out) if s_['name'] == 'staff2']
    t.ok(resp == [0], 'nothing was imported', resp)
    r = inspector.post('/inspections/1/surveys/staff2', {'csrf': itok})
    t.ok(r.status == 400 and 'Choose a CSV file' in r.text, 'no file chosen', r.status)
    r = upload(inspector, '/inspections/1/surveys/staff2', itok, good)
    t.ok(r.status == 303 and 'imported=1' in (r.header('Location') or ''), 'the good file imports',
         (r.status, r.text[:300]))
    rc, out, _ = cairn(fx.db, 'survey', 'list', '1', '--json')
    resp = [s_['respondents'] for s_ in json.loads(out) if s_['name'] == 'staff2']
    t.ok(resp == [3], 'three respondents stored (CLI)', resp)

    # ---- outcomes for the partnership's area ----
    r = lead.get('/inspections/1/outcomes')
    t.ok(r.status == 200 and 'There are no outcome data' in r.text,
         'no outcome data yet: the page says so', r.status)
    d = os.path.join(os.environ.get('SRCDIR', '.'), 'tests', 'e2e', 'data')
    rc, out, err = cairn(fx.db, 'outcomes', 'import', os.path.join(d, 'outcomes_agg.csv'),
                         '--indicators', os.path.join(d, 'outcomes_meta.csv'),
                         '--q1', 'most-deprived', '--simd', '2020')
    rc2, out2, err2 = cairn(fx.db, 'inspection', 'create', '--partnership', 'South Ayrshire',
                            '--framework', 'cyp-2014', '--json')
    sa = json.loads(out2)['id'] if rc2 == 0 else 0
    rc3, _, err3 = cairn(fx.db, 'team', 'add', str(sa), 'lead', '--role', 'lead')
    t.ok(rc == 0 and rc2 == 0 and rc3 == 0, 'outcomes imported; a South Ayrshire inspection',
         err + err2 + err3)
    r = lead.get(f'/inspections/{sa}/outcomes')
    t.ok(r.status == 200 and f'href="/inspections/{sa}/outcomes/early-dev"' in r.text and
         f'href="/inspections/{sa}/outcomes/acc-11-15"' in r.text,
         'the indicators with data for the area are listed', r.status)
    r = lead.get(f'/inspections/{sa}/outcomes/early-dev')
    # Group 1 of 2015/16 in South Ayrshire: 168 of 600 in the data file = 28.0%.
    t.ok(r.status == 200 and '28.0' in r.text and r.text.count('<svg') >= 2 and
         'SII' in r.text and ('narrowing' in r.text or 'widening' in r.text or
                              'no clear change' in r.text),
         'the gap page: 168/600 = 28.0% for group 1, SII, the verdict, both charts', r.status)
    import math
    z, n, p = 1.959963984540054, 600, 168 / 600
    mid, half = (p + z * z / (2 * n)), z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    wl, wu = 100 * (mid - half) / (1 + z * z / n), 100 * (mid + half) / (1 + z * z / n)
    t.ok(f'28.0% ({wl:.1f} to {wu:.1f})' in r.text,
         f'its Wilson interval computed here: {wl:.1f} to {wu:.1f}')
    r = lead.get(f'/inspections/{sa}/outcomes/nope')
    t.ok(r.status == 404 and 'Page not found' in r.text and r.header('Location') is None,
         'an unknown indicator answers 404 with the not-found page', r.status)
    r = lead.get('/inspections/1/outcomes/early-dev')
    t.ok(r.status == 404 and 'Page not found' in r.text,
         'an indicator with no data for this area answers 404', r.status)
    t.ok(coord.get('/inspections/1/outcomes/nope').status == 403 and
         inspector.get(f'/inspections/{sa}/outcomes/nope').status == 404,
         'authorisation first: an unknown indicator is 403 for the co-ordinator')
    t.ok(coord.get('/inspections/1/outcomes').status == 403, 'the co-ordinator may not (403)')
    t.ok(inspector.get(f'/inspections/{sa}/outcomes').status == 404,
         'someone not on that team gets 404')
finally:
    rc = srv.stop()
    fx.cleanup()
sys.exit(t.done())
