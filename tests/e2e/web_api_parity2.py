"""End-to-end tests over HTTP against the real server: the rows of the
parity table (docs/guide-web.md) that had no API route, each the same app/
call as the CLI, the answers compared with the CLI's --json on the same
database; refusals carry their status and field and change nothing.
- POST /api/v1/audit/check: one bounded step of the chain's check, as the
  audit page's buttons (here 10 entries a step, CAIRN_AUDIT_STEP), for an
  administrator only; a changed entry is named by its number.
- GET /api/v1/inspections/{id}/publish/check, as `cairn publish ID --check`.
- GET /api/v1/inspections/{id}/sample/size, as `cairn sample size` for the
  inspection's population.
- POST /api/v1/inspections/{id}/readings, a text/csv body, as `cairn reading
  import` (all or nothing, problems by line and column, one's own rows).
- GET .../partnership/notifications/{n}/letter.{md,html,pdf} and
  .../partnership/return/blank.xlsx, the pages' downloads, as `cairn
  partnership letter` and `partnership return-form` write them.
- GET /api/v1/overview?framework=A&compare=B, as `cairn overview --compare`.
Prints TAP."""
import io
import json
import os
import sqlite3
import sys
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webtest import Client, Fixture, Server, Tap, cairn  # noqa: E402

STEP = 10


def xlsx_parts(data):
    """The parts of an XLSX (a zip) by name, without docProps/core.xml,
    which records the time the workbook was written."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist() if n != 'docProps/core.xml'}


def api(srv, token, method, path, body=None):
    """One API request with the token; returns (response, parsed JSON or {})."""
    h = {'Authorization': 'Bearer ' + token}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        h['Content-Type'] = 'application/json'
    r = Client(srv).request(method, path, body=data, headers=h)
    try:
        j = json.loads(r.text)
    except ValueError:
        j = {}
    return r, j


def cli(db, *args):
    """`cairn ARGS --json`, parsed; fails the run if the CLI fails."""
    rc, out, err = cairn(db, *args, '--json')
    assert rc == 0, (args, err)
    return json.loads(out)


def field(j):
    return j.get('error', {}).get('field') if isinstance(j, dict) else None


def newest(db):
    con = sqlite3.connect(db)
    n = con.execute('SELECT max(id) FROM audit').fetchone()[0]
    con.close()
    return n


def audit_count(db, action):
    con = sqlite3.connect(db)
    n = con.execute('SELECT count(*) FROM audit WHERE action = ?', (action,)).fetchone()[0]
    con.close()
    return n


def writes(db):
    """The number of audit entries that record a change (not a view nor a list)."""
    con = sqlite3.connect(db)
    n = con.execute("SELECT count(*) FROM audit WHERE action NOT LIKE '%view%' "
                    "AND action != 'reading.list'").fetchone()[0]
    con.close()
    return n


def recent(db):
    con = sqlite3.connect(db)
    n = con.execute("SELECT action, actor FROM audit ORDER BY id DESC LIMIT 6").fetchall()
    con.close()
    return n


def set_actor(db, ident, actor):
    con = sqlite3.connect(db)
    old = con.execute('SELECT actor FROM audit WHERE id = ?', (ident,)).fetchone()[0]
    con.execute('UPDATE audit SET actor = ? WHERE id = ?', (actor, ident))
    con.commit()
    con.close()
    return old


def position(db):
    """The kept position of the chain's check, or None."""
    try:
        with open(db + '.verified') as fh:
            return fh.read()
    except OSError:
        return None


t = Tap()
fx = Fixture()
os.environ['CAIRN_AUDIT_STEP'] = str(STEP)
srv = None
db = fx.db
try:
    srv = Server(db)
    tokens = {}
    for u in ('lead', 'inspector', 'young', 'panel', 'coord', 'reader', 'outsider', 'admin'):
        rc, out, err = cairn(db, 'user', 'token', u)
        assert rc == 0, err
        tokens[u] = out.strip().split()[-1]

    # ---- one step of the audit chain's check ----
    total = newest(db)
    t.ok(total > 3 * STEP, 'the demo log is longer than three steps', total)
    for who in ('lead', 'inspector', 'coord', 'reader'):
        r, j = api(srv, tokens[who], 'POST', '/api/v1/audit/check?full=true')
        t.ok(r.status == 403 and position(db) is None,
             f'the {who} may not check the chain (403); no position is kept', (r.status, j))
    for q, fld in (('full=maybe', '/full'), ('colour=red', '/colour')):
        r, j = api(srv, tokens['admin'], 'POST', '/api/v1/audit/check?' + q)
        t.ok(r.status == 400 and field(j) == fld and position(db) is None,
             f'?{q} is refused (400 at {fld}), nothing checked', (r.status, j))
    r, j = api(srv, tokens['admin'], 'POST', '/api/v1/audit/check?full=true')
    t.ok(r.status == 200 and j.get('checked') == STEP and j.get('total') == total and
         j.get('done') is False and j.get('intact') is True and j.get('first_bad') is None,
         f'an administrator checks one step: {STEP} of {total} entries, not done, intact so far',
         (r.status, j))
    steps = [j.get('checked')]
    for _ in range(1000):
        if j.get('done') or r.status != 200:
            break
        r, j = api(srv, tokens['admin'], 'POST', '/api/v1/audit/check')
        steps.append(j.get('checked'))
    t.ok(all(b - a == STEP for a, b in zip(steps, steps[1:-1])) and steps[-1] == total,
         f'each call goes on {STEP} entries further, to the last', steps[:4] + steps[-2:])
    verify = json.loads(cairn(db, 'audit', 'verify', '--json')[1])
    t.ok(r.status == 200 and j.get('done') is True and j.get('intact') is True and
         j.get('checked') == verify['entries'] == total,
         'the steps end done and intact, with the count `audit verify --json` gives', (j, verify))
    rc, out, err = cairn(db, 'grade', '1', '2.1', '4', '--rationale', 'Checked again.')
    assert rc == 0, err
    r, j = api(srv, tokens['admin'], 'POST', '/api/v1/audit/check')
    t.ok(r.status == 200 and j.get('done') is True and j.get('resumed') is True and
         j.get('checked') == newest(db) > total,
         'after a change, one call goes on from the kept position to the new entries',
         (r.status, j))

    old3 = set_actor(db, 3, 'mallory')
    r, j = api(srv, tokens['admin'], 'POST', '/api/v1/audit/check?full=true')
    rc, out, err = cairn(db, 'audit', 'verify')
    t.ok(r.status == 200 and j.get('intact') is False and j.get('done') is False and
         j.get('first_bad') == 3 and 'entry 3 ' in j.get('problem', '') and
         rc != 0 and 'broken at entry 3 ' in err,
         'entry 3 changed: intact false, first_bad 3, as the CLI finds it', (r.status, j, err))
    r, j = api(srv, tokens['admin'], 'POST', '/api/v1/audit/check')
    t.ok(r.status == 200 and j.get('first_bad') == 3,
         'going on does not pass over the broken entry', (r.status, j))
    set_actor(db, 3, old3)
    r, j = api(srv, tokens['admin'], 'POST', '/api/v1/audit/check?full=true')
    t.ok(r.status == 200 and j.get('intact') is True and j.get('first_bad') is None,
         'mended: a full check starts again, intact', (r.status, j))

    # ---- the publish checks alone ----
    audit_before = newest(db)
    pubs = cli(db, 'publication', 'list', '1')
    rc, out, err = cairn(db, 'publish', '1', '--check', '--json')
    want = json.loads(out)
    r, j = api(srv, tokens['lead'], 'GET', '/api/v1/inspections/1/publish/check')
    t.ok(r.status == 200 and j.get('id') == 1 and j.get('failures') == want['failures'] and
         j.get('failures') and j.get('ready') is False and rc != 0,
         'the lead gets the failed checks, each as `publish 1 --check --json` words it',
         (r.status, j, want))
    for who in ('inspector', 'panel'):
        r, j2 = api(srv, tokens[who], 'GET', '/api/v1/inspections/1/publish/check')
        t.ok(r.status == 200 and j2 == j, f'the {who} sees the same checks', (r.status, j2))
    for who in ('young', 'coord', 'reader'):
        r, j2 = api(srv, tokens[who], 'GET', '/api/v1/inspections/1/publish/check')
        t.ok(r.status == 403, f'the {who} may not see the draft\'s checks (403)', (r.status, j2))
    r, j2 = api(srv, tokens['outsider'], 'GET', '/api/v1/inspections/1/publish/check')
    t.ok(r.status == 404, 'someone on no team gets 404', (r.status, j2))
    t.ok(cli(db, 'publication', 'list', '1') == pubs and newest(db) == audit_before,
         'checking published nothing and wrote no audit entry', (newest(db), audit_before))

    # ---- the suggested sample size ----
    rc, out, err = cairn(db, 'inspection', 'create', '--partnership', 'Sampleshire',
                         '--framework', 'cyp-2014')
    assert rc == 0, err
    ID = out.strip()
    for user, role in (('lead', 'lead'), ('inspector', 'inspector'),
                       ('young', 'young-inspector'), ('coord', 'partnership-coordinator')):
        rc, out, err = cairn(db, 'team', 'add', ID, user, '--role', role)
        assert rc == 0, err
    path = '/api/v1/inspections/%s/sample/size' % ID
    r, j = api(srv, tokens['lead'], 'GET', path)
    t.ok(r.status == 409 and field(j) == '/population' and 'cairn' not in j['error']['message'],
         'no population yet: 409 at /population, in plain words', (r.status, j))
    csv = os.path.join(fx.dir, 'population.csv')
    with open(csv, 'w') as fh:
        fh.write('ref,category\n' + ''.join('C%04d,%s\n' % (k, 'AB'[k % 2])
                                             for k in range(1, 738)))
    rc, out, err = cairn(db, 'population', 'import', ID, csv)
    assert rc == 0, err
    pop = cli(db, 'population', 'show', ID)['rows']
    want = cli(db, 'sample', 'size', '--population', str(pop))
    r, j = api(srv, tokens['lead'], 'GET', path)
    t.ok(r.status == 200 and j == want and j['population'] == pop == 737,
         f'the size for the population of {pop} equals `sample size --population {pop} --json`',
         (r.status, j, want))
    want = cli(db, 'sample', 'size', '--population', str(pop), '--margin', '0.05',
               '--confidence', '0.9', '--round', 'nearest')
    r, j = api(srv, tokens['lead'], 'GET', path + '?margin=0.05&confidence=0.9&round=nearest')
    t.ok(r.status == 200 and j == want and j['size'] > 0,
         'with margin 0.05, confidence 0.9, nearest: as the CLI with the same flags',
         (r.status, j, want))
    for q, fld in (('margin=2', '/margin'), ('margin=abc', '/margin'),
                   ('confidence=0', '/confidence'), ('proportion=1', '/proportion'),
                   ('round=sideways', '/round'), ('population=5', '/population')):
        r, j = api(srv, tokens['lead'], 'GET', path + '?' + q)
        t.ok(r.status == 400 and field(j) == fld, f'?{q} is refused (400 at {fld})',
             (r.status, j))
    for who in ('inspector', 'young', 'coord'):
        r, j = api(srv, tokens[who], 'GET', path)
        t.ok(r.status == 403, f'the {who} may not (403): drawing the sample is the lead\'s',
             (r.status, j))
    r, j = api(srv, tokens['outsider'], 'GET', path)
    t.ok(r.status == 404, 'someone on no team gets 404', (r.status, j))

    # ---- a file of readings ----
    rc, out, err = cairn(db, 'team', 'add', ID, 'reader', '--role', 'local-reader')
    assert rc == 0, err
    rc, out, err = cairn(db, 'sample', 'draw', ID, '--size', '6', '--strata', 'category',
                         '--seed', '7')
    assert rc == 0, err
    for name, kind in (('inspector', 'inspector'), ('reader', 'local')):
        rc, out, err = cairn(db, 'reader', 'add', ID, name, '--kind', kind)
        assert rc == 0, err
    rc, out, err = cairn(db, 'reader', 'assign', ID)
    assert rc == 0, err
    rpath = '/api/v1/inspections/%s/readings' % ID

    def statuses(who):
        r, j = api(srv, tokens[who], 'GET', rpath)
        assert r.status == 200, (r.status, j)
        return {x['ref']: x['status'] for x in j['readings']}

    mine = sorted(statuses('reader'))
    t.ok(len(mine) >= 2 and set(statuses('reader').values()) == {'not-started'},
         'setup: the local reader has records to read, none started', mine)

    def rows(ref, who, first=None):
        items = [('risk-assessment', '4'), ('child-views', '4'), ('family-involvement', '4'),
                 ('wellbeing-impact', '4'), ('child-plan', '5'), ('wellbeing-change', 'same')]
        if first is not None:
            items[0] = first
        return ''.join('%s,%s,%s,%s\n' % (ref, who, it, a) for it, a in items)

    def send(who, body, query='', ctype='text/csv'):
        h = {'Authorization': 'Bearer ' + tokens[who], 'Content-Type': ctype}
        r = Client(srv).request('POST', rpath + query, body=body.encode(), headers=h)
        try:
            return r, json.loads(r.text)
        except ValueError:
            return r, {}

    head = 'ref,reader,item,answer\n'
    before = writes(db)
    bad = head + rows(mine[0], 'reader') + rows(mine[1], 'reader', ('no-such-item', '4'))
    r, j = send('reader', bad, '?submit=true')
    errs = j.get('error', {}).get('errors', [])
    t.ok(r.status == 422 and errs and errs[0]['line'] == 8 and errs[0]['column'] >= 1 and
         set(statuses('reader').values()) == {'not-started'} and writes(db) == before,
         'a file with an unknown item on line 8: 422 with its line and column; nothing '
         'stored, no audit entry', (r.status, errs, recent(db)))
    r, j = send('reader', head + rows(mine[0], 'inspector'))
    errs = j.get('error', {}).get('errors', [])
    t.ok(r.status == 403 and errs and errs[0]['line'] == 2 and
         set(statuses('inspector').values()) == {'not-started'} and writes(db) == before,
         "rows of another reader's reading: 403, each row named; nothing stored",
         (r.status, errs))
    r, j = send('reader', head + rows(mine[0], 'reader'), ctype='application/json')
    t.ok(r.status == 415 and writes(db) == before, 'a JSON body is refused (415)', r.status)
    r, j = send('reader', head + rows(mine[0], 'reader'), '?submit=perhaps')
    t.ok(r.status == 400 and field(j) == '/submit' and writes(db) == before,
         '?submit=perhaps is refused (400 at /submit)', (r.status, j))
    r, j = send('young', head + rows(mine[0], 'reader'))
    t.ok(r.status == 403 and writes(db) == before, 'a young inspector may not (403)',
         (r.status, j))
    r, j = send('reader', head + rows(mine[0], 'reader'), '?submit=true')
    csvfile = os.path.join(fx.dir, 'readings.csv')
    with open(csvfile, 'w') as fh:
        fh.write(head + rows(mine[1], 'reader'))
    want = cli(db, 'reading', 'import', ID, csvfile, '--submit')
    st = statuses('reader')
    t.ok(r.status == 201 and j == want == {'answers': 6, 'readings': 1, 'submitted': 1} and
         st[mine[0]] == 'submitted' and writes(db) > before,
         'the reader imports and submits their reading: as `reading import --submit --json` '
         'for the same rows; its status is submitted, audited', (r.status, j, want, st))

    # ---- the notification letter and the blank return ----
    def download(who, path):
        h = {'Authorization': 'Bearer ' + tokens[who]}
        return Client(srv).request('GET', path, headers=h)

    def cli_bytes(*args):
        out = os.path.join(fx.dir, 'cli.out')
        rc, _, err = cairn(db, *args, '--output', out)
        assert rc == 0, (args, err)
        with open(out, 'rb') as fh:
            return fh.read()

    note = cli(db, 'partnership', 'notify', '1', '--council', 'Glenmoor Council',
               '--health-board', 'NHS Glenmoor', '--date', '2026-02-02')
    N = str(note['notification'])
    letter = '/api/v1/inspections/1/partnership/notifications/%s/letter.' % N
    want_md = cli_bytes('partnership', 'letter', '1', N, '--format', 'md')
    downloads = audit_count(db, 'partnership.notify.download')
    r = download('lead', letter + 'md')
    t.ok(r.status == 200 and r.body == want_md and
         'attachment' in (r.header('Content-Disposition') or '') and
         audit_count(db, 'partnership.notify.download') == downloads + 1,
         'the lead downloads letter.md: the bytes `partnership letter 1 N --format md` '
         'writes, as an attachment, audited', (r.status, r.body[:80]))
    r = download('coord', letter + 'html')
    t.ok(r.status == 200 and r.body == cli_bytes('partnership', 'letter', '1', N, '--format',
                                                 'html'),
         'the co-ordinator downloads letter.html, as the CLI writes it', r.status)
    r = download('lead', letter + 'pdf')
    t.ok(r.status == 200 and r.body.startswith(b'%PDF-') and
         'pdf' in (r.header('Content-Type') or ''), 'letter.pdf is a PDF', r.status)
    for path, what in ((letter + 'doc', 'a format that does not exist'),
                       ('/api/v1/inspections/1/partnership/notifications/99/letter.md',
                        'a notification that does not exist')):
        r = download('lead', path)
        t.ok(r.status == 404 and json.loads(r.text).get('error', {}).get('status') == 404,
             f'{what}: 404 in JSON', (r.status, r.text[:200]))
    downloads = audit_count(db, 'partnership.notify.download')
    for who, status in (('young', 403), ('reader', 403), ('outsider', 404)):
        r = download(who, letter + 'md')
        t.ok(r.status == status and r.text.startswith('{'),
             f'the {who} may not ({status}, in JSON)', (r.status, r.text[:120]))
    t.ok(audit_count(db, 'partnership.notify.download') == downloads,
         'refused downloads are not recorded as downloads')
    blank = '/api/v1/inspections/1/partnership/return/blank.xlsx'
    r = download('coord', blank)
    want = cli_bytes('partnership', 'return-form', '1')
    t.ok(r.status == 200 and r.body.startswith(b'PK') and
         'spreadsheetml' in (r.header('Content-Type') or '') and
         xlsx_parts(r.body) == xlsx_parts(want),
         'the co-ordinator downloads the blank return: the XLSX the CLI writes, part by part '
         '(the workbook stamps its time of writing, so the bytes may differ)',
         (r.status, len(r.body), len(want)))
    r = download('young', blank)
    t.ok(r.status == 403, 'the young inspector may not (403)', r.status)

    # ---- the overview compared with another programme ----
    want = cli(db, 'overview', '--framework', 'cyp-2014', '--compare', 'care-protection-2018')
    r, j = api(srv, tokens['lead'], 'GET',
               '/api/v1/overview?framework=cyp-2014&compare=care-protection-2018')
    t.ok(r.status == 200 and j == want and j['indicators'] and j['first_publications'] >= 1,
         'the overview compared, as `overview --framework cyp-2014 --compare '
         'care-protection-2018 --json`', (r.status, str(j)[:300]))
    for q, fld in (('compare=care-protection-2018', '/framework'),
                   ('framework=cyp-2014&compare=nosuch', '/compare')):
        r, j = api(srv, tokens['lead'], 'GET', '/api/v1/overview?' + q)
        t.ok(r.status == 422 and field(j) == fld, f'?{q} is refused (422 at {fld})',
             (r.status, j))
    r, j = api(srv, tokens['outsider'], 'GET',
               '/api/v1/overview?framework=cyp-2014&compare=care-protection-2018')
    t.ok(r.status == 403, 'someone who sees no evaluations may not (403)', (r.status, j))

    t.ok(srv.stop() == 0, 'the server stops cleanly')
    srv = None
finally:
    if srv is not None:
        srv.stop()
    fx.cleanup()
t.done()
