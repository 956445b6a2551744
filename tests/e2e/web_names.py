"""End-to-end tests over HTTP against the real server (issue 17, "names, not
usernames", the places left over): the concern's timeline, the action
plan's history, the panel's progress-review line and sign-off, the
published versions and the audit log's "Who" column name a person "Name
(username)", never the username alone; a disabled account keeps its name;
someone with no account (recorded by the command line) shows as recorded.
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
    t.ok(rc == 0 and any(ln.startswith(LENA + ' ') and ' lead ' in ln for ln in out) and
         not any(ln.split()[:1] == ['lead'] for ln in out),
         '`team list` names each member "Name (username)"', out)

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
finally:
    if srv is not None:
        code = srv.stop()
        errs = srv.proc.stderr.read()
        t.ok(code == 0, 'the server stopped cleanly', errs[-500:])
    fx.cleanup()
t.done()
