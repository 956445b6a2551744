"""End-to-end tests over HTTP against the real server (issue 17, "names, not
usernames", the places left over): the concern's timeline, the action
plan's history, the panel's progress-review line and sign-off, the
published versions and the audit log's "Who" column name a person "Name
(username)", never the username alone; a disabled account keeps its name;
someone with no account (recorded by the command line) shows as recorded.
Issue 17's follow-up: the evidence log, an evidence item and its history,
the factual accuracy log, the readers page, the paired readings and the
correction pages, and `evidence list|show`, `accuracy list`, `reader
list`, `reading show|compare` and `team list` (each role by its label).
The JSON API keeps the usernames and adds the name beside them; the audit
export keeps the raw username.  Prints TAP."""
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webtest import Client, Fixture, Server, Tap, cairn  # noqa: E402


def api(srv, token, path):
    r = Client(srv).request('GET', path, headers={'Authorization': 'Bearer ' + token})
    try:
        j = json.loads(r.text)
    except ValueError:
        j = {}
    return r, j


def text_of(html):
    return re.sub(r'\s+', ' ', re.sub(r'<[^>]+>', '', html)).strip()


def rows(html, caption):
    """The cells of each body row of the table captioned caption."""
    m = re.search(r'<table[^>]*>\s*<caption[^>]*>\s*' + re.escape(caption) + r'.*?</table>',
                  html, re.S)
    if not m:
        return []
    out = []
    for tr in re.findall(r'<tr[^>]*>(.*?)</tr>', m.group(0), re.S):
        cells = [text_of(c) for c in re.findall(r'<t[dh][^>]*>(.*?)</t[dh]>', tr, re.S)]
        if cells and '<th scope="col"' not in tr:
            out.append(cells)
    return out


LENA = 'Lena Lead (lead)'
PAT = 'Pat Panel (panel)'

t = Tap()
fx = Fixture()
srv = None
try:
    # The demo's second inspection (published, with its action plan) and a
    # sample on the first (scripts/demo_data.py, as the CLI tests do).
    subprocess.run([sys.executable, os.path.join(os.environ.get('SRCDIR', '.'), 'scripts',
                                                 'demo_data.py'),
                    os.environ.get('CAIRN', 'build/cairn'), fx.db,
                    os.path.join(fx.dir, 'out')],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    rc, out, err = cairn(fx.db, 'sample', 'list', '1', '--json')
    refs = [m['ref'] for m in json.loads(out).get('members', [])] if rc == 0 else []
    rc2, out2, err2 = cairn(fx.db, 'team', 'add', '2', 'lead', '--role', 'lead')
    t.ok(refs and rc2 == 0, 'setup: a sample on inspection 1, Lena on the team of 2', err + err2)
    steps = [
        ('concern', 'raise', '1', refs[0] if refs else 'X', '--text', 'Bruising seen',
         '--as', 'lead'),
        ('panel', 'progress-review', '1', '--needed', 'yes', '--due', '2030-06-03',
         '--focus', 'Plans for children', '--as', 'panel'),
        ('action', 'update', '2', '3', '--status', 'done', '--evidence', 'Review dates',
         '--as', 'lead'),
        ('publish', '2', '--supersede', '--reason', 'A corrected name', '--as', 'lead'),
    ]
    bad = []
    for s in steps:
        rc, out, err = cairn(fx.db, *s)
        if rc != 0:
            bad.append((s[:2], err))
    t.ok(not bad, 'setup: Lena and Pat raise a concern, decide on a progress review, update '
         'an action and publish a new version, through the command line as themselves', bad)
    # Evidence recorded by Ian, changed and withdrawn by Lena; Ian reads in
    # the place of a demo reader (no account) and Lena corrects a reading.
    rc, out, err = cairn(fx.db, 'evidence', 'add', '1', '--source', 'document', '--text',
                         'Named evidence', '--as', 'inspector')
    evn = out.strip() if rc == 0 else '0'
    plan = json.loads(cairn(fx.db, 'reader', 'list', '1', '--json')[1] or '{}')
    gone = (plan.get('pairs') or [{}])[0].get('inspector', '')
    cmp = json.loads(cairn(fx.db, 'reading', 'compare', '1', '--json')[1] or '{}')
    diff = (cmp.get('items') or [{}])[0]
    steps = [
        ('evidence', 'update', '1', evn, '--status', 'strength', '--as', 'lead'),
        ('evidence', 'withdraw', '1', evn, '--reason', 'A duplicate', '--as', 'lead'),
        ('reader', 'add', '1', 'inspector', '--kind', 'inspector'),
        ('reader', 'remove', '1', gone, '--to', 'inspector'),
        ('reading', 'correct', '1', diff.get('ref', 'X'), diff.get('first', {}).get('reader', 'X'),
         '%s=%s' % (diff.get('item', 'X'),
                    '2' if diff.get('first', {}).get('answer') != '2' else '3'),
         '--reason', 'Misread', '--as', 'lead'),
    ]
    # A third inspection taken to factual accuracy: Chris comments, Lena answers.
    rc, out, err = cairn(fx.db, 'inspection', 'create', '--partnership', 'Testshire',
                         '--framework', 'cyp-2014', '--title', 'Names at factual accuracy',
                         '--notified', '2025-06-02', '--fieldwork', '2025-09-01..2025-10-24',
                         '--published', '2026-02-17', '--json')
    fa = str(json.loads(out)['id']) if rc == 0 else '0'
    qis = ('1.1', '2.1', '3.1', '5.1', '5.2', '5.3', '6.2', '6.3', '9.4')
    steps += [('team', 'add', fa, u, '--role', role)
              for u, role in (('lead', 'lead'), ('coord', 'partnership-coordinator'),
                              ('panel', 'panel'))]
    steps += [('grade', fa, q, 'adequate', '--rationale',
               'Children and young people told us staff helped them early.', '--as', 'lead')
              for q in qis]
    steps += [('stage', fa, 'move', st, '--date', d, '--as', 'lead')
              for st, d in (('scoping', '2025-06-09'), ('records-reading', '2025-07-07'),
                            ('fieldwork', '2025-09-01'), ('analysis', '2025-10-27'),
                            ('panel', '2025-11-24'))]
    steps += [('panel', 'review', fa, q, '--grade', 'adequate', '--reason', 'Supported',
               '--as', 'panel') for q in qis]
    steps += [('panel', 'signoff', fa, '--as', 'panel'),
              ('stage', fa, 'move', 'factual-accuracy', '--date', '2025-12-15', '--as', 'lead'),
              ('accuracy', 'comment', fa, '--section', 'qi-2.1', '--paragraph', '2',
               '--passage', 'staff helped them early', '--comment', 'Which staff?',
               '--as', 'coord'),
              ('accuracy', 'respond', fa, '1', '--response', 'not-accepted', '--reason',
               'As written.', '--as', 'lead')]
    # Chris returns the return and submits the statement of the third
    # inspection; Lena adds Yasmin to its team.
    pfiles = {}
    for name, text in (('children', 'category,number,census_date\n'
                                    'On the register,4,2026-01-31\n'),
                       ('services', 'service,agency,posts\nSocial work,Council,12\n'),
                       ('D1', 'We know our outcomes.\n')):
        pfiles[name] = os.path.join(fx.dir, 'names-%s.txt' % name)
        with open(pfiles[name], 'w') as f:
            f.write(text)
    steps += [('partnership', 'return', fa, 'children=' + pfiles['children'],
               'services=' + pfiles['services'], '--as', 'coord'),
              ('partnership', 'statement', fa, 'D1=' + pfiles['D1'], '--as', 'coord'),
              ('team', 'add', fa, 'young', '--role', 'young-inspector', '--as', 'lead')]
    bad = []
    for s in steps:
        rc, out, err = cairn(fx.db, *s)
        if rc != 0:
            bad.append((s[:3], err))
    t.ok(evn != '0' and gone and diff and fa != '0' and not bad,
         'setup: Ian records evidence that Lena changes and withdraws; Ian reads in a demo '
         'reader\'s place; Lena corrects a reading; Chris comments on a third inspection\'s '
         'draft and Lena answers', bad)
    con = json.loads(cairn(fx.db, 'concern', 'list', '1', '--all', '--json')[1] or '{}')
    cid = max([c['id'] for c in (con.get('concerns', con) if isinstance(con, dict) else con)]
              or [0])
    tokens = {}
    for u in ('lead', 'admin'):
        rc, out, err = cairn(fx.db, 'user', 'token', u)
        tokens[u] = out.strip().split()[-1]
    srv = Server(fx.db)
    lead = Client(srv)
    lead.sign_in('lead')
    admin = Client(srv)
    admin.sign_in('admin')

    # ---- the concern's timeline ----
    r = lead.get('/inspections/1/concerns/%d' % cid)
    by = [x[2] for x in rows(r.text, 'Every step of this concern') if len(x) == 4]
    t.ok(r.status == 200 and by == [LENA],
         'the concern\'s timeline names who raised it "Name (username)"', (r.status, by))
    r = lead.get('/inspections/1/concerns/2')
    by = [x[2] for x in rows(r.text, 'Every step of this concern') if len(x) == 4]
    rc, out, err = cairn(fx.db, 'concern', 'show', '1', '2', '--json')
    want = [s['by'] for s in json.loads(out).get('steps', [])] if rc == 0 else None
    t.ok(r.status == 200 and by and by == want,
         'steps recorded by someone with no account show them as recorded', (by, want))

    # ---- the action plan's history ----
    r = lead.get('/inspections/2/plan')
    hist = [text_of(x) for x in re.findall(r'<li[^>]*>(.*?)</li>', r.text, re.S)]
    mine = [h for h in hist if 'Review dates' in h]
    t.ok(r.status == 200 and len(mine) == 1 and (', %s: ' % LENA) in mine[0],
         'the action plan\'s history names who changed the action', (r.status, mine))
    t.ok(not any(', lead: ' in h for h in hist), 'and never by the username alone', hist)

    # ---- the panel's progress-review line ----
    r = lead.get('/inspections/1/panel')
    m = re.search(r'<p id="progress-decision">(.*?)</p>', r.text, re.S)
    line = text_of(m.group(1)) if m else ''
    t.ok(r.status == 200 and ('recorded by %s on' % PAT) in line,
         'the panel\'s progress-review line names who recorded it', (r.status, line))

    # ---- a disabled account keeps its name ----
    rc, out, err = cairn(fx.db, 'user', 'disable', 'panel')
    r = lead.get('/inspections/1/panel')
    m = re.search(r'<p id="progress-decision">(.*?)</p>', r.text, re.S)
    line = text_of(m.group(1)) if m else ''
    t.ok(rc == 0 and ('recorded by %s on' % PAT) in line,
         'after Pat\'s account is disabled the line still names Pat', (rc, err, line))

    # ---- the published versions ----
    r = lead.get('/inspections/2/publish')
    vs = rows(r.text, 'Published versions')
    t.ok(r.status == 200 and len(vs) == 2 and vs[1][2] == LENA,
         'the published versions name who published "Name (username)"', (r.status, vs))

    # ---- the audit log's Who column ----
    for who, path in ((lead, '/inspections/1/audit'), (admin, '/audit')):
        r = who.get(path)
        rs = rows(r.text, 'The latest entries, newest first')
        col = [x[2] for x in rs if len(x) == 7]
        t.ok(r.status == 200 and LENA in col and PAT in col,
             'the audit log %s names people "Name (username)"' % path, (r.status, col[:8]))
        t.ok('lead' not in col and 'panel' not in col,
             'and never by the username alone (%s)' % path, sorted(set(col)))

    # ---- the API: usernames kept, the name beside them ----
    base = '/api/v1/inspections/%d'
    r, j = api(srv, tokens['lead'], (base % 1) + '/concerns/%d' % cid)
    st = (j.get('steps') or [{}])[0]
    t.ok(r.status == 200 and j.get('raised_by') == 'lead' and
         j.get('raised_by_name') == 'Lena Lead' and st.get('by') == 'lead' and
         st.get('by_name') == 'Lena Lead',
         'the concern API keeps raised_by and by, with raised_by_name and by_name', j)
    r, j = api(srv, tokens['lead'], (base % 1) + '/concerns/2')
    t.ok(r.status == 200 and all(x.get('by') and x.get('by_name', 0) is None
                                 for x in j.get('steps', [])),
         'someone with no account: by as recorded, by_name null', j.get('steps'))
    r, j = api(srv, tokens['lead'], (base % 1) + '/concerns')
    mine = [c for c in j.get('concerns', []) if c.get('id') == cid]
    t.ok(r.status == 200 and mine and mine[0].get('raised_by') == 'lead' and
         mine[0].get('raised_by_name') == 'Lena Lead',
         'the concern list too', mine)
    r, j = api(srv, tokens['lead'], (base % 2) + '/actions')
    hist = [e for a in j.get('improvements', []) for x in a.get('actions', [])
            for e in x.get('history', [])]
    mine = [e for e in hist if e.get('evidence') == 'Review dates']
    t.ok(r.status == 200 and len(mine) == 1 and mine[0].get('actor') == 'lead' and
         mine[0].get('actor_name') == 'Lena Lead' and 'agreed_by_name' in j,
         'the action plan API: actor kept, actor_name beside it', (r.status, mine))
    r, j = api(srv, tokens['lead'], (base % 1) + '/progress-review')
    t.ok(r.status == 200 and j.get('recorded_by') == 'panel' and
         j.get('recorded_by_name') == 'Pat Panel',
         'the progress-review API: recorded_by kept, recorded_by_name (a disabled account '
         'keeps its name)', j)
    r, j = api(srv, tokens['lead'], (base % 2) + '/publications')
    vs = j.get('versions', [])
    t.ok(r.status == 200 and len(vs) == 2 and vs[1].get('by') == 'lead' and
         vs[1].get('by_name') == 'Lena Lead' and 'by_name' in vs[0],
         'the publications API: by kept, by_name beside it',
         [(v.get('by'), v.get('by_name')) for v in vs])
    r, j = api(srv, tokens['admin'], '/api/v1/audit')
    ents = j.get('entries') or j.get('audit') or [] if isinstance(j, dict) else j
    actors = {e.get('actor') for e in ents}
    t.ok(r.status == 200 and 'lead' in actors and LENA not in actors,
         'the audit export keeps the raw username', sorted(a for a in actors if a)[:10])

    # ---- the command line: its listings name people as the pages do ----
    def lines(*args):
        rc, out, err = cairn(fx.db, *args)
        return rc, out.splitlines(), err

    def cj(*args):
        rc, out, err = cairn(fx.db, *args, '--json')
        return json.loads(out) if rc == 0 else {'rc': rc, 'err': err}

    rc, out, err = lines('concern', 'show', '1', str(cid))
    step = [ln for ln in out if ln.endswith(' ' + LENA)]
    t.ok(rc == 0 and len(step) == 1 and not any(ln.endswith(' lead') for ln in out),
         '`concern show` names who raised it "Name (username)"', out)
    j = cj('concern', 'show', '1', str(cid))
    st = (j.get('steps') or [{}])[0]
    t.ok(j.get('raised_by') == 'lead' and j.get('raised_by_name') == 'Lena Lead' and
         st.get('by') == 'lead' and st.get('by_name') == 'Lena Lead',
         '`concern show --json` keeps the usernames, with the names beside them as the API', j)
    j = cj('concern', 'show', '1', '2')
    rc, out, err = lines('concern', 'show', '1', '2')
    t.ok(j.get('steps') and all(x.get('by') and x.get('by_name', 0) is None
                                for x in j['steps']) and
         all(any(ln.endswith(' ' + x['by']) for ln in out) for x in j['steps']),
         'someone with no account: shown as recorded, by_name null', (j.get('steps'), out))
    j = cj('concern', 'list', '1', '--all')
    mine = [c for c in j if c.get('id') == cid] if isinstance(j, list) else []
    t.ok(mine and mine[0].get('raised_by') == 'lead' and
         mine[0].get('raised_by_name') == 'Lena Lead', '`concern list --json` too', mine)

    rc, out, err = lines('action', 'list', '2', '--history')
    mine = [ln for ln in out if 'Review dates' in ln]
    t.ok(rc == 0 and len(mine) == 1 and (' %s: ' % LENA) in mine[0] and
         ' lead: ' not in mine[0],
         '`action list --history` names who changed the action', mine)
    j = cj('action', 'list', '2', '--history')
    hist = [e for a in j.get('improvements', []) for x in a.get('actions', [])
            for e in x.get('history', [])]
    mine = [e for e in hist if e.get('evidence') == 'Review dates']
    t.ok(len(mine) == 1 and mine[0].get('actor') == 'lead' and
         mine[0].get('actor_name') == 'Lena Lead' and 'agreed_by_name' in j,
         '`action list --json`: actor kept, actor_name beside it, as the API', mine)

    rc, out, err = lines('panel', 'progress-review', '1')
    t.ok(rc == 0 and len(out) == 1 and ('(recorded by %s at ' % PAT) in out[0],
         '`panel progress-review` names who recorded it (a disabled account keeps its name)',
         out)
    j = cj('panel', 'progress-review', '1')
    t.ok(j.get('recorded_by') == 'panel' and j.get('recorded_by_name') == 'Pat Panel',
         '`panel progress-review --json`: recorded_by kept, recorded_by_name beside it', j)

    rc, out, err = lines('publication', 'list', '2')
    t.ok(rc == 0 and len(out) == 2 and ('  by %s  (current)' % LENA) in out[1],
         '`publication list` names who published "Name (username)"', out)
    j = cj('publication', 'list', '2')
    t.ok(len(j) == 2 and j[1].get('by') == 'lead' and j[1].get('by_name') == 'Lena Lead' and
         'by_name' in j[0], '`publication list --json`: by kept, by_name beside it', j)
    rc, out, err = lines('publication', 'list', '2', '--as', 'lead')
    t.ok(rc == 0 and ('  by %s  (current)' % LENA) in out[-1],
         'and the same for a person acting with --as', out)

    rc, out, err = lines('team', 'list', '2')
    t.ok(rc == 0 and any(ln.startswith(LENA + ' ') and ' Inspection lead ' in ln
                         for ln in out) and
         not any(ln.split()[:1] == ['lead'] for ln in out),
         '`team list` names each member "Name (username)" and the role by its label', out)
    rc, out, err = lines('team', 'list', '1')
    t.ok(rc == 0 and any(ln.startswith('Yasmin Young (young) ') and ' Young inspector ' in ln
                         for ln in out) and not any(' young-inspector ' in ln for ln in out),
         '`team list`: "Young inspector", never the code young-inspector', out)
    j = cj('team', 'list', '1')
    t.ok(any(m.get('person') == 'young' and m.get('role') == 'young-inspector' for m in j),
         '`team list --json` keeps the role\'s code', j)

    names = {u['username']: u.get('name') for u in cj('user', 'list')}

    def label(u):
        n = names.get(u)
        return '%s (%s)' % (n, u) if n and n != u else u

    # The demo's activities are led by names no account holds: one led by Lena.
    rc, out, err = cairn(fx.db, 'fieldwork', 'add', '1', '--kind', 'interview', '--date',
                         '2026-03-06', '--place', 'Council offices', '--lead', 'lead')
    acts = cj('fieldwork', 'list', '1')
    rc, out, err = lines('fieldwork', 'list', '1')
    named = [a for a in acts if label(a['lead']) != a['lead']] if isinstance(acts, list) else []
    t.ok(rc == 0 and [a['lead'] for a in named] == ['lead'] and len(out) == len(acts) + 1 and
         all(label(a['lead']) in ln for a, ln in zip(acts, out[1:])) and
         any(LENA in ln for ln in out),
         '`fieldwork list` names each activity\'s lead "Name (username)", a name no account '
         'holds as recorded', out)
    rc, out, err = lines('fieldwork', 'show', '1', str(named[0]['number']) if named else '1')
    t.ok(rc == 0 and named and ('  Led by:   %s' % label(named[0]['lead'])) in out,
         '`fieldwork show` too', out[:4])

    rc, out, err = lines('audit', 'list', '--inspection', '1')
    who = [ln for ln in out if 'concern.raise' in ln or 'panel.progress-review' in ln]
    t.ok(rc == 0 and any(LENA in ln for ln in who) and any(PAT in ln for ln in who),
         '`audit list` names people "Name (username)"', who[:4])
    j = cj('audit', 'list', '--inspection', '1')
    actors = {e.get('actor') for e in j} if isinstance(j, list) else set()
    t.ok('lead' in actors and LENA not in actors and
         not any('actor_name' in e for e in j),
         '`audit list --json` keeps the raw username, as the audit export', sorted(actors)[:8])

    # ---- evidence, accuracy, readers and readings (a disabled account
    # keeps its name; someone with no account shows as recorded) ----
    IAN = 'Ian Inspector (inspector)'
    CHRIS = 'Chris Coordinator (coord)'
    for u in ('inspector', 'coord'):
        rc, out, err = cairn(fx.db, 'user', 'disable', u)
        t.ok(rc == 0, 'setup: %s\'s account disabled' % u, err)

    def summary(html):
        """The summary list's rows as {key: value}."""
        keys = re.findall(r'class="ds_summary-list__key"[^>]*>(.*?)</span>\s*'
                          r'<span class="ds_summary-list__value"[^>]*>\s*'
                          r'<span class="ds_summary-list__answer"[^>]*>(.*?)</span>', html, re.S)
        return [(text_of(k), text_of(v)) for k, v in keys]

    r = lead.get('/inspections/1/evidence/%s' % evn)
    sm = dict(summary(r.text))
    hist = [x[1] for x in rows(r.text, 'Every change, oldest first')]
    t.ok(r.status == 200 and sm.get('Recorded by') == IAN and sm.get('Withdrawn by') == LENA,
         'the evidence item names who recorded it and who withdrew it "Name (username)", '
         'a disabled account by its name', (r.status, sm))
    t.ok(IAN in hist and LENA in hist and 'lead' not in hist and 'inspector' not in hist,
         'its history names who made each change', hist)
    t.ok(('Withdrawn by %s: A duplicate' % LENA) in text_of(r.text),
         'and the withdrawal\'s warning too', '')
    r = lead.get('/inspections/1/evidence/1')
    sm = dict(summary(r.text))
    rc, out, err = cairn(fx.db, 'evidence', 'show', '1', '1', '--json')
    demo_by = json.loads(out).get('recorded_by') if rc == 0 else None
    t.ok(r.status == 200 and demo_by and sm.get('Recorded by') == demo_by,
         'evidence recorded by someone with no account shows them as recorded', (sm, demo_by))
    r = lead.get('/inspections/1/evidence')
    ev = {x[0]: x[5] for x in rows(r.text, 'Evidence') if len(x) == 7}
    t.ok(r.status == 200 and ev.get(evn) == IAN and demo_by in ev.values(),
         'the evidence log names who recorded each item', (r.status, ev))

    r, j = api(srv, tokens['lead'], (base % 1) + '/evidence/%s' % evn)
    hb = {(h.get('by'), h.get('by_name')) for h in j.get('history', [])}
    t.ok(r.status == 200 and j.get('recorded_by') == 'inspector' and
         j.get('recorded_by_name') == 'Ian Inspector' and
         j.get('withdrawal', {}).get('by') == 'lead' and
         j.get('withdrawal', {}).get('by_name') == 'Lena Lead' and
         hb == {('inspector', 'Ian Inspector'), ('lead', 'Lena Lead')},
         'the evidence item API keeps recorded_by and by, with recorded_by_name and by_name', j)
    t.ok(j == cj('evidence', 'show', '1', evn),
         '`evidence show --json` answers the same, names and all', cj('evidence', 'show', '1',
                                                                       evn))
    r, j = api(srv, tokens['lead'], (base % 1) + '/evidence/1')
    t.ok(r.status == 200 and j.get('recorded_by') == demo_by and
         j.get('recorded_by_name', 0) is None,
         'no account: recorded_by as recorded, recorded_by_name null', j)
    r, j = api(srv, tokens['lead'], (base % 1) + '/evidence?limit=1000')
    mine = [e for e in j.get('evidence', []) if str(e.get('number')) == evn]
    t.ok(r.status == 200 and mine and mine[0].get('recorded_by_name') == 'Ian Inspector' and
         mine[0].get('withdrawal', {}).get('by_name') == 'Lena Lead',
         'the evidence log API too', mine)
    j = cj('evidence', 'list', '1')
    mine = [e for e in j if str(e.get('number')) == evn] if isinstance(j, list) else []
    t.ok(mine and mine[0].get('recorded_by') == 'inspector' and
         mine[0].get('recorded_by_name') == 'Ian Inspector', '`evidence list --json` too', mine)

    rc, out, err = lines('evidence', 'show', '1', evn)
    t.ok(rc == 0 and ('Gathered by %s' % IAN) in out and
         any(ln.startswith('Withdrawn ') and (' by %s: A duplicate' % LENA) in ln
             for ln in out) and
         any(IAN in ln and 'created' in ln for ln in out) and
         any(LENA in ln and 'status' in ln for ln in out),
         '`evidence show` names who recorded, withdrew and changed it', out)
    rc, out, err = lines('evidence', 'list', '1')
    mine = [ln for ln in out if ln.split()[:1] == [evn]]
    t.ok(rc == 0 and len(mine) == 1 and IAN in mine[0] and
         any(ln.split()[:1] == ['1'] and demo_by in ln for ln in out),
         '`evidence list` names who recorded each item', mine)

    # ---- factual accuracy ----
    r = lead.get('/inspections/%s/accuracy' % fa)
    sm = summary(r.text)
    made = [v for k, v in sm if k == 'Made by']
    ans = [v for k, v in sm if k == 'Answered by']
    t.ok(r.status == 200 and len(made) == 1 and made[0].startswith(CHRIS + ', ') and
         len(ans) == 1 and ans[0].startswith(LENA + ', '),
         'the factual accuracy log names who commented and who answered', (r.status, sm))
    r = lead.get('/inspections/2/accuracy')
    made = [v for k, v in summary(r.text) if k == 'Made by']
    rc, out, err = cairn(fx.db, 'accuracy', 'list', '2', '--json')
    who2 = {c['commented_by'] for c in json.loads(out)} if rc == 0 else set()
    t.ok(r.status == 200 and made and all(m.split(', ')[0] in who2 for m in made),
         'a comment by someone with no account shows them as recorded', (made, who2))
    r, j = api(srv, tokens['lead'], '/api/v1/inspections/%s/accuracy/comments' % fa)
    c0 = (j.get('comments') or [{}])[0]
    t.ok(r.status == 200 and c0.get('commented_by') == 'coord' and
         c0.get('commented_by_name') == 'Chris Coordinator' and
         c0.get('answered_by') == 'lead' and c0.get('answered_by_name') == 'Lena Lead',
         'the accuracy API keeps commented_by and answered_by, with their _name', c0)
    t.ok(j.get('comments') == cj('accuracy', 'list', fa),
         '`accuracy list --json` answers the same comments', j.get('comments'))
    r, j = api(srv, tokens['lead'], '/api/v1/inspections/2/accuracy/comments')
    t.ok(r.status == 200 and j.get('comments') and
         all(c.get('commented_by_name', 0) is None for c in j['comments']),
         'no account: commented_by_name null', j.get('comments'))
    rc, out, err = lines('accuracy', 'list', fa)
    t.ok(rc == 0 and any((', by %s: ' % CHRIS) in ln for ln in out) and
         any(ln.strip().startswith('Not accepted by %s: ' % LENA) for ln in out),
         '`accuracy list` names who commented and who answered', out)
    rc, out, err = cairn(fx.db, 'accuracy', 'export', fa)
    t.ok('Chris Coordinator' not in out, 'the CSV log keeps the usernames', out[:300])

    # ---- readers ----
    r = lead.get('/inspections/1/readers')
    rd = [x[0] for x in rows(r.text, 'Readers of children')]
    pr = rows(r.text, 'Reading pairs')
    t.ok(r.status == 200 and IAN in rd and gone in rd and 'inspector' not in rd and
         any(x[1] == IAN for x in pr if len(x) == 4),
         'the readers page names each reader "Name (username)" (a disabled account too), '
         'a reader with no account as added', (r.status, rd))
    rc, out, err = lines('reader', 'list', '1')
    t.ok(rc == 0 and any(ln.split()[:1] == ['1'] and IAN in ln for ln in out) and
         any(('reader %s removed' % gone) in ln for ln in out),
         '`reader list` names each pair\'s readers', out)
    r, j = api(srv, tokens['lead'], (base % 1) + '/readers')
    rj = {x.get('name'): x.get('full_name', 0) for x in j.get('readers', [])}
    p1 = (j.get('pairs') or [{}])[0]
    t.ok(r.status == 200 and rj.get('inspector') == 'Ian Inspector' and rj.get(gone, 0) is None
         and p1.get('inspector') == 'inspector' and p1.get('inspector_name') == 'Ian Inspector'
         and 'local_name' in p1,
         'the readers API keeps name, inspector and local, with full_name, inspector_name '
         'and local_name', j.get('pairs'))
    j2 = cj('reader', 'list', '1')
    t.ok(j2.get('readers') == j.get('readers') and j2.get('pairs') == j.get('pairs'),
         '`reader list --json` answers the same readers and pairs', j2.get('pairs'))

    # ---- readings ----
    ref, first = diff.get('ref', ''), diff.get('first', {}).get('reader', '')
    r = lead.get('/inspections/1/compare/%s' % ref)
    t.ok(r.status == 200 and ('First reading (%s)' % first) in r.text,
         'the paired readings name a reader with no account as recorded', r.status)
    r = lead.get('/inspections/1/correct?ref=%s' % ref)
    by = [x[4] for x in rows(r.text, 'Changes to the reading by %s after it was submitted'
                             % first) if len(x) == 6]
    t.ok(r.status == 200 and by == [LENA],
         'the correction page names who corrected a reading "Name (username)"', (r.status, by))
    rc, out, err = lines('reading', 'show', '1', ref)
    t.ok(rc == 0 and any(ln.strip().startswith('changed ') and ('(%s, ' % LENA) in ln
                         for ln in out) and
         any(ln.startswith('%s by %s: ' % (ref, first)) for ln in out),
         '`reading show` names who changed a reading, a reader with no account as recorded',
         out)
    rc, out, err = lines('reading', 'compare', '1')
    t.ok(rc == 0 and any(ln.startswith(ref + ' ') and first in ln for ln in out),
         '`reading compare` shows a reader with no account as recorded', out[:3])
    r, j = api(srv, tokens['lead'], (base % 1) + '/compare')
    it = (j.get('items') or [{}])[0]
    t.ok(r.status == 200 and it.get('first', {}).get('reader') == first and
         'reader_name' in it.get('first', {}) and
         it['first']['reader_name'] is None,
         'the compare API keeps reader, with reader_name (null: no account)', it)
    jc = cj('reading', 'compare', '1')
    t.ok(jc.get('items') == j.get('items'), '`reading compare --json` answers the same items',
         jc.get('items', [])[:1])

    # ---- the partnership: who returned and who submitted (Chris's
    # account is disabled; the demo's co-ordinator has none) ----
    r = lead.get('/inspections/%s/partnership' % fa)
    sm = dict(summary(r.text))
    t.ok(r.status == 200 and sm.get('Returned', '').startswith(
        'Version 1, returned by %s on ' % CHRIS) and
         sm.get('Submitted', '').startswith('Version 1, 4 words, by %s on ' % CHRIS),
         'the partnership page names who returned the return and who submitted the statement '
         '"Name (username)", a disabled account by its name', (r.status, sm))
    demo = cj('partnership', 'show', '1')
    who1 = demo.get('return', {}).get('returned_by', '')
    r = lead.get('/inspections/1/partnership')
    sm = dict(summary(r.text))
    t.ok(r.status == 200 and who1 and
         sm.get('Returned', '').startswith('Version 1, returned by %s on ' % who1) and
         demo.get('return', {}).get('returned_by_name', 0) is None,
         'someone with no account shows as recorded (returned_by_name null)', (sm, who1))
    r, j = api(srv, tokens['lead'], (base % int(fa)) + '/partnership')
    t.ok(r.status == 200 and j.get('return', {}).get('returned_by') == 'coord' and
         j['return'].get('returned_by_name') == 'Chris Coordinator' and
         j.get('statement', {}).get('submitted_by') == 'coord' and
         j['statement'].get('submitted_by_name') == 'Chris Coordinator',
         'the partnership API gives returned_by and submitted_by with their _name',
         (j.get('return'), j.get('statement')))
    jc = cj('partnership', 'show', fa)
    t.ok(jc.get('return') == {k: v for k, v in j.get('return', {}).items() if k != 'sheets'} and
         {k: v for k, v in jc.get('statement', {}).items()} ==
         {k: v for k, v in j.get('statement', {}).items() if k not in ('sections',)},
         '`partnership show --json` answers the same members', (jc.get('return'),
                                                                jc.get('statement')))
    r, j = api(srv, tokens['lead'], '/api/v1/inspections/1/partnership')
    tests1 = [x for c in j.get('claims', []) for x in c.get('tests', [])]
    t.ok(r.status == 200 and tests1 and all(x.get('tested_by') and
                                            x.get('tested_by_name', 0) is None
                                            for x in tests1) and
         j.get('return', {}).get('returned_by') == who1,
         'the API\'s claim tests keep tested_by with tested_by_name (null: no account)', tests1)
    rc, out, err = lines('partnership', 'show', fa)
    t.ok(rc == 0 and any(('returned by %s' % CHRIS) in ln for ln in out) and
         any(('submitted by %s' % CHRIS) in ln for ln in out),
         '`partnership show` names who returned and who submitted', out)

    # ---- the panel's sign-off and its voiding ----
    r = lead.get('/inspections/%s/panel' % fa)
    t.ok(r.status == 200 and ('Signed off by %s on' % PAT) in text_of(r.text),
         'the panel page names who signed off (a disabled account by its name)', r.status)
    rc, out, err = lines('evaluation', 'show', fa)
    t.ok(rc == 0 and any(ln.startswith('Panel sign-off: signed off by %s at ' % PAT)
                         for ln in out),
         '`evaluation show` names who signed off', out[:4])
    r, j = api(srv, tokens['lead'], (base % int(fa)) + '/panel')
    ls = j.get('last_signoff') or {}
    t.ok(r.status == 200 and ls.get('by') == 'panel' and ls.get('by_name') == 'Pat Panel',
         'the panel API keeps by, with by_name', ls)
    so = cj('evaluation', 'show', fa).get('signoff', {}).get('history', [{}])[-1]
    t.ok(so.get('signed_by') == 'panel' and so.get('signed_by_name') == 'Pat Panel',
         '`evaluation show --json` keeps signed_by, with signed_by_name', so)
    rc, out, err = cairn(fx.db, 'grade', fa, '1.1', 'good', '--rationale',
                         'Changed after the sign-off because new evidence arrived.',
                         '--as', 'lead')
    r = lead.get('/inspections/%s/panel' % fa)
    t.ok(rc == 0 and r.status == 200 and
         (' by %s: grade of 1.1 changed' % LENA) in text_of(r.text),
         'the panel page names who voided the sign-off', (rc, err, r.status))
    rc, out, err = lines('evaluation', 'show', fa)
    t.ok(rc == 0 and any(ln.startswith('Panel sign-off: VOID since ') and
                         ('by %s); sign off again' % LENA) in ln for ln in out),
         '`evaluation show` names who voided it', out[:4])
    r, j = api(srv, tokens['lead'], (base % int(fa)) + '/panel')
    ls = j.get('last_signoff') or {}
    so = cj('evaluation', 'show', fa).get('signoff', {}).get('history', [{}])[-1]
    t.ok(r.status == 200 and ls.get('voided_by') == 'lead' and
         ls.get('voided_by_name') == 'Lena Lead' and ls.get('by_name') == 'Pat Panel' and
         so.get('voided_by') == 'lead' and so.get('voided_by_name') == 'Lena Lead',
         'the API and --json keep voided_by, with voided_by_name', (ls, so))
    rc, out, err = lines('evaluation', 'show', '2')
    so = cj('evaluation', 'show', '2').get('signoff', {}).get('history', [{}])[-1]
    t.ok(rc == 0 and so.get('signed_by') and so.get('signed_by_name', 0) is None and
         ('Panel sign-off: signed off by %s at ' % so['signed_by']) in '\n'.join(out),
         'a sign-off by someone with no account shows them as recorded', (so, out[:4]))

    # ---- the stage's moves ----
    r = lead.get('/inspections/%s/stage' % fa)
    mv = rows(r.text, 'The moves from stage to stage, oldest first')
    t.ok(r.status == 200 and len(mv) == 6 and all(x[2] == LENA for x in mv) and
         mv[0][1].startswith('Scoping'),
         'the stage page lists the moves and names who made each "Name (username)"',
         (r.status, mv))
    r = lead.get('/inspections/2/stage')
    mv = rows(r.text, 'The moves from stage to stage, oldest first')
    j2 = cj('stage', '2')
    t.ok(r.status == 200 and mv and [x[2] for x in mv] ==
         [m.get('by') for m in j2.get('moves', [])] and
         all(m.get('by_name', 0) is None for m in j2.get('moves', [])),
         'moves by someone with no account show them as recorded (by_name null)', mv[:2])
    rc, out, err = lines('stage', fa)
    mv = [ln for ln in out if '->' in ln]
    t.ok(rc == 0 and len(mv) == 6 and all(ln.endswith(' by ' + LENA) for ln in mv),
         '`stage` names who made each move', out)
    r, j = api(srv, tokens['lead'], (base % int(fa)) + '/stage')
    jc = cj('stage', fa)
    t.ok(r.status == 200 and len(j.get('moves', [])) == 6 and
         all(m.get('by') == 'lead' and m.get('by_name') == 'Lena Lead' for m in j['moves']) and
         j['moves'] == jc.get('moves'),
         'the stage API lists the moves with by and by_name, as `stage --json`', j.get('moves'))

    # ---- the team: who added each member ----
    r, j = api(srv, tokens['lead'], (base % int(fa)) + '/team')
    yj = [m for m in j.get('team', []) if m.get('username') == 'young']
    t.ok(r.status == 200 and yj and yj[0].get('added_by') == 'lead' and
         yj[0].get('added_by_name') == 'Lena Lead',
         'the team API keeps added_by, with added_by_name', yj)
    jc = cj('team', 'list', fa)
    yc = [m for m in jc if m.get('person') == 'young'] if isinstance(jc, list) else []
    others = [m for m in jc if m.get('person') != 'young'] if isinstance(jc, list) else []
    t.ok(yc and yc[0].get('added_by') == 'lead' and yc[0].get('added_by_name') == 'Lena Lead'
         and others and all('added_by_name' in m for m in others) and
         [m.get('added_by_name') for m in j.get('team', [])] ==
         [m.get('added_by_name') for m in jc],
         '`team list --json` adds added_by_name as the API does', jc)
finally:
    if srv is not None:
        code = srv.stop()
        errs = srv.proc.stderr.read()
        t.ok(code == 0, 'the server stopped cleanly', errs[-500:])
    fx.cleanup()
t.done()
