"""End-to-end tests over HTTP against the real server: what the command line
did and the browser or the JSON API could not (issue 17, parity), each the
same app/ call as the CLI.  The answers are compared with the CLI's --json
on the same database; refusals carry their status and field and change
nothing (read back through the CLI); changes leave their audit rows.
- The audit log: GET /api/v1/audit (an administrator; ?inspection=,
  paged by ?before= and ?limit=) and GET /api/v1/inspections/{id}/audit (the
  lead), entries as `cairn audit list --json`; POST /api/v1/audit/checkpoint
  (an administrator) as `cairn audit checkpoint`.
- The number invited to a survey, by the API (PUT .../invited) and by the
  survey page's form, as `cairn survey invited`.
- Fieldwork: one activity (GET) and cancelling it (POST .../cancel).
- An evidence item (GET, as `evidence show`) and changing it (PATCH, as
  `evidence update`: anyone's with update-evidence, one's own otherwise).
- The week plan (GET .../timeline, with ?weeks= and ?holidays=).
- Frameworks and reading templates (GET, list and one).
- The published versions (GET .../publications) and the benchmark.
- The inspection's details page (as `inspection update`).
Prints TAP."""
import json
import os
import sqlite3
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webtest import Client, Fixture, PASSWORD, Server, Tap, cairn, csrf_of  # noqa: E402


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


def audit_count(db, action):
    con = sqlite3.connect(db)
    n = con.execute('SELECT count(*) FROM audit WHERE action = ?', (action,)).fetchone()[0]
    con.close()
    return n


def signed_in(srv, user):
    c = Client(srv)
    r = c.sign_in(user)
    assert r.status in (302, 303), r.status
    return c


t = Tap()
fx = Fixture()
srv = None
db = fx.db
try:
    srv = Server(db)
    tokens = {}
    for u in ('lead', 'inspector', 'young', 'panel', 'coord', 'reader', 'outsider', 'admin'):
        rc, out, err = cairn(db, 'user', 'token', u)
        assert rc == 0, err
        tokens[u] = out.strip().split()[-1]
    rc, out, err = cairn(db, 'team', 'add', '1', 'outsider', '--role', 'associate')
    assert rc == 0, err
    rc, out, err = cairn(db, 'team', 'remove', '1', 'outsider')
    assert rc == 0, err

    # ---- the audit log ----
    every = cli(db, 'audit', 'list')
    newest = list(reversed(every))
    r, j = api(srv, tokens['admin'], 'GET', '/api/v1/audit?limit=5')
    t.ok(r.status == 200 and j.get('entries') == newest[:5] and j.get('next') == newest[4]['id'],
         'an administrator reads the newest 5 entries, as `audit list --json` has them, '
         'with the next page named', (r.status, j.get('next'), j.get('entries', [])[:1]))
    r2, j2 = api(srv, tokens['admin'], 'GET', '/api/v1/audit?limit=5&before=%d' % j.get('next', 0))
    t.ok(r2.status == 200 and j2.get('entries') == newest[5:10],
         'the next page continues where the first ended', (r2.status, j2.get('entries', [])[:1]))
    r, j = api(srv, tokens['admin'], 'GET', '/api/v1/audit?limit=1000')
    t.ok(r.status == 200 and j['entries'][len(newest):] == [] and
         j['entries'][:len(newest)] == newest and j['next'] is None,
         'the whole log on one page: every entry the CLI lists, no next page',
         (r.status, len(j.get('entries', [])), len(newest)))
    r, j = api(srv, tokens['admin'], 'GET', '/api/v1/audit?inspection=1&limit=1000')
    mine = [e for e in newest if e['inspection'] == 1]
    t.ok(r.status == 200 and j.get('inspection') == 1 and
         [e['id'] for e in j['entries']][:len(mine)] == [e['id'] for e in mine] and
         all(e['inspection'] == 1 for e in j['entries']),
         '?inspection=1: only that inspection\'s entries, as `audit list --inspection 1`',
         (r.status, len(j.get('entries', []))))
    for q, fld in (('limit=0', '/limit'), ('limit=x', '/limit'), ('before=-3', '/before'),
                   ('inspection=abc', '/inspection'), ('colour=red', '/colour')):
        r, j = api(srv, tokens['admin'], 'GET', '/api/v1/audit?' + q)
        t.ok(r.status == 400 and field(j) == fld, f'?{q} is refused (400 at {fld})',
             (r.status, j))
    for who in ('lead', 'inspector', 'reader', 'coord'):
        r, j = api(srv, tokens[who], 'GET', '/api/v1/audit')
        t.ok(r.status == 403, f'the {who} may not read the whole log (403)', (r.status, j))
    r, j = api(srv, tokens['lead'], 'GET', '/api/v1/inspections/1/audit?limit=1000')
    t.ok(r.status == 200 and j.get('entries') and
         all(e['inspection'] == 1 for e in j['entries']) and
         [e['id'] for e in j['entries']][:len(mine)] == [e['id'] for e in mine],
         'the lead reads their inspection\'s log, as the CLI lists it', (r.status, j.get('next')))
    r, j = api(srv, tokens['inspector'], 'GET', '/api/v1/inspections/1/audit')
    t.ok(r.status == 403, 'an inspector may not read the inspection\'s log (403)', (r.status, j))
    r, j = api(srv, tokens['outsider'], 'GET', '/api/v1/inspections/1/audit')
    t.ok(r.status == 404, 'someone on no team gets 404', (r.status, j))

    before = audit_count(db, 'audit.checkpoint')
    r, j = api(srv, tokens['lead'], 'POST', '/api/v1/audit/checkpoint')
    t.ok(r.status == 403 and audit_count(db, 'audit.checkpoint') == before,
         'the lead may not sign a checkpoint (403), none signed', (r.status, j))
    r, j = api(srv, tokens['admin'], 'POST', '/api/v1/audit/checkpoint')
    line = j.get('checkpoint', '')
    with open(db + '.checkpoints') as fh:
        kept = fh.read()
    t.ok(r.status == 201 and line and line in kept and j.get('new_public_key') and
         audit_count(db, 'audit.checkpoint') == before + 1,
         'an administrator signs a checkpoint: the line is kept beside the database, the new '
         'public key answered once, an audit row', (r.status, j))
    pub = j.get('new_public_key', '')
    rc, out, err = cairn(db, 'audit', 'verify', '--public-key', pub, '--checkpoint', line)
    t.ok(rc == 0, 'the CLI verifies the log against the checkpoint the API signed', err)
    r, j = api(srv, tokens['admin'], 'POST', '/api/v1/audit/checkpoint')
    t.ok(r.status == 201 and j.get('new_public_key') is None,
         'a second checkpoint is signed with the same key (no new public key)', (r.status, j))

    # ---- the number invited to a survey ----
    rc, out, err = cairn(db, 'survey', 'create', '1', '--name', 'staff', '--kind', 'staff',
                         '--scale', 'agree5')
    assert rc == 0, err

    def invited():
        return {s['name']: s.get('invited') for s in cli(db, 'survey', 'list', '1')}['staff']

    path = '/api/v1/inspections/1/surveys/staff/invited'
    r, j = api(srv, tokens['lead'], 'PUT', path, {'invited': 250})
    t.ok(r.status == 200 and j.get('invited') == 250 and invited() == 250 and
         audit_count(db, 'survey.invited') == 1,
         'the lead records 250 invited; `survey list` shows it; an audit row', (r.status, j))
    for body, status in (({'invited': 0}, 422), ({}, 400), ({'invited': 'many'}, 400)):
        r, j = api(srv, tokens['lead'], 'PUT', path, body)
        t.ok(r.status == status and field(j) == '/invited' and invited() == 250,
             f'{json.dumps(body)} is refused at /invited ({status}), unchanged', (r.status, j))
    for who in ('young', 'panel', 'coord'):
        r, j = api(srv, tokens[who], 'PUT', path, {'invited': 7})
        t.ok(r.status == 403 and invited() == 250, f'the {who} may not (403), unchanged',
             (r.status, j))
    r, j = api(srv, tokens['lead'], 'PUT', '/api/v1/inspections/1/surveys/nosuch/invited',
               {'invited': 7})
    t.ok(r.status == 404, 'an unknown survey is 404', (r.status, j))

    lead = signed_in(srv, 'lead')
    page = lead.get('/inspections/1/surveys/staff')
    tok = csrf_of(page.text)
    t.ok(page.status == 200 and 'id="invited"' in page.text and 'value="250"' in page.text,
         'the survey page offers the number invited, showing the one stored', page.status)
    r = lead.post('/inspections/1/surveys/staff/invited', {'csrf': tok, 'invited': 'lots'})
    t.ok(r.status == 400 and 'href="#invited"' in r.text and 'id="invited-error"' in r.text and
         invited() == 250,
         'the form refuses "lots" at its input, linked from the summary; unchanged', r.status)
    r = lead.post('/inspections/1/surveys/staff/invited', {'csrf': tok, 'invited': '120'})
    t.ok(r.status in (302, 303) and invited() == 120 and audit_count(db, 'survey.invited') == 2,
         'the form records 120; the CLI shows it; an audit row', r.status)
    ins = signed_in(srv, 'young')
    page = ins.get('/inspections/1/surveys/staff')
    t.ok(page.status == 200 and 'id="invited"' not in page.text,
         'a young inspector sees the survey without the form', page.status)

    # ---- fieldwork: one activity, cancelling ----
    act = cli(db, 'fieldwork', 'add', '1', '--kind', 'focus-group', '--date', '2026-03-04',
              '--place', 'Glenmoor Library', '--lead', 'inspector', '--staff', '6')
    n = act['number']
    apath = '/api/v1/inspections/1/fieldwork/%d' % n
    r, j = api(srv, tokens['lead'], 'GET', apath)
    t.ok(r.status == 200 and j == cli(db, 'fieldwork', 'show', '1', str(n)),
         'GET one activity equals `fieldwork show --json`', (r.status, j))
    r, j = api(srv, tokens['coord'], 'GET', apath)
    t.ok(r.status == 200 and 'evidence_items' not in j and j.get('number') == n,
         'the co-ordinator sees the activity without its evidence', (r.status, j))
    r, j = api(srv, tokens['lead'], 'POST', apath + '/cancel', {'reason': ''})
    t.ok(r.status == 422 and field(j) == '/reason' and
         cli(db, 'fieldwork', 'show', '1', str(n))['status'] == 'planned',
         'cancelling without a reason is refused at /reason (422), still planned', (r.status, j))
    r, j = api(srv, tokens['young'], 'POST', apath + '/cancel', {'reason': 'rain'})
    t.ok(r.status == 403 and cli(db, 'fieldwork', 'show', '1', str(n))['status'] == 'planned',
         'a young inspector may not cancel (403), still planned', (r.status, j))
    r, j = api(srv, tokens['inspector'], 'POST', apath + '/cancel', {'reason': 'The hall flooded'})
    shown = cli(db, 'fieldwork', 'show', '1', str(n))
    t.ok(r.status == 200 and j.get('status') == 'cancelled' and shown['status'] == 'cancelled' and
         shown['cancel_reason'] == 'The hall flooded' and
         audit_count(db, 'fieldwork.cancel') >= 1,
         'an inspector cancels it with the reason; the CLI shows both; an audit row',
         (r.status, j, shown.get('status')))
    r, j = api(srv, tokens['inspector'], 'POST', apath + '/cancel', {'reason': 'again'})
    t.ok(r.status == 409 and cli(db, 'fieldwork', 'show', '1', str(n))['cancel_reason'] ==
         'The hall flooded', 'a cancelled activity cannot be cancelled again (409)', (r.status, j))
    r, j = api(srv, tokens['lead'], 'GET', '/api/v1/inspections/1/fieldwork/999')
    t.ok(r.status == 404, 'an unknown activity is 404', (r.status, j))

    # ---- an evidence item ----
    ev = cli(db, 'evidence', 'add', '1', '--source', 'document', '--text', 'Plans are current',
             '--qi', '2.1', '--as', 'inspector')
    num = ev['number']
    epath = '/api/v1/inspections/1/evidence/%d' % num
    r, j = api(srv, tokens['young'], 'GET', epath)
    t.ok(r.status == 200 and j == cli(db, 'evidence', 'show', '1', str(num)),
         'GET an evidence item equals `evidence show --json`', (r.status, j))
    r, j = api(srv, tokens['young'], 'PATCH', epath, {'text': 'Changed by someone else'})
    t.ok(r.status == 403 and cli(db, 'evidence', 'show', '1', str(num))['text'] ==
         'Plans are current', 'a young inspector may not change another\'s evidence (403)',
         (r.status, j))
    r, j = api(srv, tokens['lead'], 'PATCH', epath, {'status': 'bogus'})
    t.ok(r.status == 422 and field(j) == '/status', 'an unknown status is refused at /status',
         (r.status, j))
    r, j = api(srv, tokens['lead'], 'PATCH', epath, {'qis': ['99.9']})
    t.ok(r.status == 422 and cli(db, 'evidence', 'show', '1', str(num))['qis'] == ['2.1'],
         'an unknown indicator is refused (422), the indicators unchanged', (r.status, j))
    r, j = api(srv, tokens['lead'], 'PATCH', epath,
               {'text': 'Plans are current and reviewed', 'status': 'strength'})
    shown = cli(db, 'evidence', 'show', '1', str(num))
    hist = {(h['field'], h['new']) for h in shown['history']}
    t.ok(r.status == 200 and j == {'inspection': 1, 'number': num, 'sha256': None} and
         shown['text'] == 'Plans are current and reviewed' and shown['status'] == 'strength' and
         shown['qis'] == ['2.1'] and ('status', 'strength') in hist,
         'the lead changes the text and status (the rest kept); the CLI shows them with '
         'their history', (r.status, j, shown.get('history')))
    r, j = api(srv, tokens['lead'], 'GET', '/api/v1/inspections/1/evidence/99999')
    t.ok(r.status == 404, 'an unknown evidence item is 404', (r.status, j))

    # ---- the week plan ----
    r, j = api(srv, tokens['reader'], 'GET', '/api/v1/inspections/1/timeline')
    t.ok(r.status == 200 and j == cli(db, 'timeline', '1'),
         'a local reader reads the week plan, equal to `timeline --json`', (r.status, j))
    hol = tempfile.NamedTemporaryFile('w', suffix='.txt', delete=False)
    hol.write('2026-02-09..2026-02-13\n2026-04-06..2026-04-17\n')
    hol.close()
    r, j = api(srv, tokens['lead'], 'GET', '/api/v1/inspections/1/timeline?weeks=35&holidays='
               '2026-02-09..2026-02-13,2026-04-06..2026-04-17')
    want = cli(db, 'timeline', '1', '--weeks', '35', '--holidays', hol.name)
    os.unlink(hol.name)
    t.ok(r.status == 200 and j == want and j['holiday_weeks'] == 3 and j['weeks'] == 35,
         '?weeks=35 and ?holidays= equal `timeline --weeks 35 --holidays FILE`', (r.status, j))
    for q, fld in (('weeks=1', '/weeks'), ('holidays=2026-13-01', '/holidays'),
                   ('week=3', '/week')):
        r, j = api(srv, tokens['lead'], 'GET', '/api/v1/inspections/1/timeline?' + q)
        t.ok(r.status == 400 and field(j) == fld, f'?{q} is refused at {fld} (400)', (r.status, j))
    r, j = api(srv, tokens['lead'], 'GET', '/api/v1/inspections/1/timeline?holidays='
               '2026-10-12..2026-10-16,2026-02-30')
    t.ok(r.status == 400 and field(j) == '/holidays' and
         "holiday 2: '2026-02-30' is not a date" in json.dumps(j),
         'a bad holiday is named, with its place in the list', (r.status, j))

    # ---- frameworks and reading templates ----
    r, j = api(srv, tokens['reader'], 'GET', '/api/v1/frameworks')
    t.ok(r.status == 200 and j.get('frameworks') == cli(db, 'framework', 'list'),
         'the frameworks equal `framework list --json`', r.status)
    r, j = api(srv, tokens['coord'], 'GET', '/api/v1/frameworks/cyp-2014')
    t.ok(r.status == 200 and j == cli(db, 'framework', 'show', 'cyp-2014'),
         'one framework equals `framework show --json`', r.status)
    r, j = api(srv, tokens['lead'], 'GET', '/api/v1/frameworks/no-such')
    t.ok(r.status == 404, 'an unknown framework is 404', (r.status, j))
    codes = cli(db, 'template', 'list')
    r, j = api(srv, tokens['young'], 'GET', '/api/v1/templates')
    t.ok(r.status == 200 and j.get('templates') == codes and codes,
         'the reading templates equal `template list --json`', (r.status, j))
    rc, out, err = cairn(db, 'template', 'list', '--json')
    t.ok(rc == 0 and out == json.dumps(codes, indent=2) + '\n' and
         r.text == '{"templates":' + json.dumps(codes, separators=(',', ':')) + '}\n',
         'the template list is the same bytes as before, by the CLI and by the API',
         (out, r.text))
    r, j = api(srv, tokens['inspector'], 'GET', '/api/v1/templates/' + codes[0])
    t.ok(r.status == 200 and j == cli(db, 'template', 'show', codes[0]),
         'one template equals `template show --json`', r.status)
    r, j = api(srv, tokens['inspector'], 'GET', '/api/v1/templates/no-such')
    t.ok(r.status == 404, 'an unknown template is 404', (r.status, j))

    # ---- published versions and the benchmark ----
    r, j = api(srv, tokens['reader'], 'GET', '/api/v1/inspections/1/publications')
    t.ok(r.status == 200 and [{k: v for k, v in x.items() if k != 'files'}
                              for x in j.get('versions', [None])] ==
         cli(db, 'publication', 'list', '1'),
         'the published versions equal `publication list --json`', (r.status, j))
    r, j = api(srv, tokens['outsider'], 'GET', '/api/v1/inspections/1/publications')
    t.ok(r.status == 404, 'someone on no team gets 404', (r.status, j))
    r, j = api(srv, tokens['panel'], 'GET', '/api/v1/inspections/1/benchmark')
    t.ok(r.status == 200 and j == cli(db, 'benchmark', '1'),
         'the benchmark equals `benchmark --json`', (r.status, j))
    r, j = api(srv, tokens['coord'], 'GET', '/api/v1/inspections/1/benchmark')
    t.ok(r.status == 403, 'the co-ordinator may not read the benchmark (403)', (r.status, j))

    # ---- the draft's passages for factual accuracy ----
    r, j = api(srv, tokens['lead'], 'GET', '/api/v1/inspections/1/accuracy/draft')
    rc, out, err = cairn(db, 'accuracy', 'draft', '1')
    lines = [ln for ln in out.splitlines() if not ln.startswith('== ')]
    got = ['%s %d [%s] %s' % (s['section'], p['paragraph'], p['kind'], p['text'][:100])
           for s in j.get('sections', []) for p in s['passages']]
    t.ok(r.status == 200 and rc == 0 and lines and
         [g.rstrip() for g in got] == [ln[:len(g)].rstrip() for ln, g in zip(lines, got)] and
         len(got) == len(lines),
         'the draft\'s passages carry the references `accuracy draft` lists, in its order',
         (r.status, got[:2], lines[:2]))
    r, j = api(srv, tokens['coord'], 'GET', '/api/v1/inspections/1/accuracy/draft')
    t.ok(r.status == 403, 'the co-ordinator may not read the draft before factual accuracy (403)',
         (r.status, j))
    r, j = api(srv, tokens['reader'], 'GET', '/api/v1/inspections/1/accuracy/draft')
    t.ok(r.status == 403, 'a local reader may not (403)', (r.status, j))

    # ---- the agencies of a reading ----
    pop = os.path.join(fx.dir, 'pop.csv')
    with open(pop, 'w') as fh:
        fh.write('ref,category\n')
        for i in range(20):
            fh.write('R%03d,%s\n' % (i + 1, ['CP', 'LAC'][i % 2]))
    for args in (('population', 'import', '1', pop),
                 ('sample', 'draw', '1', '--size', '4', '--strata', 'category', '--seed', '3'),
                 ('reader', 'add', '1', 'inspector', '--kind', 'inspector'),
                 ('reader', 'add', '1', 'reader', '--kind', 'local')):
        rc, out, err = cairn(db, *args)
        assert rc == 0, (args, err)
    ref = cli(db, 'reader', 'assign', '1')['assignments'][0]['ref']

    def agencies_of(who):
        got = [x.get('agencies') for x in cli(db, 'reading', 'show', '1', ref)['readings']
               if x['reader'] == who]
        return got[0] if got else None

    gpath = '/api/v1/inspections/1/readings/%s/agencies' % ref
    r, j = api(srv, tokens['reader'], 'PUT', gpath, {'agencies': ['social-work', 'health']})
    t.ok(r.status == 200 and j.get('agencies') == ['social-work', 'health'] and
         agencies_of('reader') == 'social-work,health',
         'the local reader records whose records were read; `reading show` has them',
         (r.status, j, agencies_of('reader')))
    r, j = api(srv, tokens['reader'], 'PUT', gpath, {'agencies': ['housing']})
    t.ok(r.status == 422 and field(j) == '/agencies' and
         agencies_of('reader') == 'social-work,health',
         'an agency the template does not have is refused at /agencies (422), unchanged',
         (r.status, j))
    r, j = api(srv, tokens['reader'], 'PUT', gpath, {'agencies': 'health'})
    t.ok(r.status == 400 and field(j) == '/agencies', 'a string, not an array: 400 at /agencies',
         (r.status, j))
    for who in ('young', 'panel'):
        r, j = api(srv, tokens[who], 'PUT', gpath, {'agencies': ['health']})
        t.ok(r.status == 403 and agencies_of('reader') == 'social-work,health',
             f'the {who} may not (403), unchanged', (r.status, j))
    r, j = api(srv, tokens['outsider'], 'PUT', gpath, {'agencies': ['health']})
    t.ok(r.status == 404, 'someone on no team gets 404', (r.status, j))

    # ---- the inspection's details page ----
    def shown_insp():
        return cli(db, 'inspection', 'show', '1')

    orig = shown_insp()
    page = lead.get('/inspections/1/details')
    tok = csrf_of(page.text)
    t.ok(page.status == 200 and 'id="partnership"' in page.text and 'id="methods"' in page.text,
         'the lead opens the details page', page.status)
    form = {'csrf': tok, 'partnership': orig['partnership'], 'title': 'A new title',
            'notified': '2026-13-40', 'fieldwork-from': orig.get('fieldwork_from') or '',
            'fieldwork-to': orig.get('fieldwork_to') or '',
            'agencies': ', '.join(orig.get('agencies') or []),
            'methods': '\n'.join(orig.get('methods') or [])}
    r = lead.post('/inspections/1/details', form)
    t.ok(r.status == 400 and 'href="#notified"' in r.text and 'id="notified-error"' in r.text and
         shown_insp() == orig,
         'a notification date that is no date is refused at its input; nothing changed',
         r.status)
    form['notified'] = orig.get('notified') or ''
    form['agencies'] = 'Care Inspectorate, Education Scotland'
    form['methods'] = 'read 40 records\nmet 12 staff'
    n_upd = audit_count(db, 'inspection.update')
    r = lead.post('/inspections/1/details', form)
    now = shown_insp()
    t.ok(r.status in (302, 303) and now['title'] == 'A new title' and
         now['agencies'] == ['Care Inspectorate', 'Education Scotland'] and
         now['methods'] == ['read 40 records', 'met 12 staff'] and
         now['partnership'] == orig['partnership'] and
         audit_count(db, 'inspection.update') == n_upd + 1,
         'the lead saves the title, inspectorates and methods; `inspection show` has them; '
         'one audit row', (r.status, now.get('title'), now.get('agencies'), now.get('methods')))
    insp = signed_in(srv, 'inspector')
    r = insp.get('/inspections/1/details')
    t.ok(r.status == 403, 'an inspector may not open the details page (403)', r.status)
    r = insp.post('/inspections/1/details', dict(form, csrf=csrf_of(
        insp.get('/inspections/1').text), title='Not allowed'))
    t.ok(r.status == 403 and shown_insp()['title'] == 'A new title',
         'nor save it (403), unchanged', r.status)

    rc = srv.stop()
    t.ok(rc == 0, 'the server stops cleanly (no sanitizer report)',
         (rc, srv.proc.stderr.read()[-2000:] if srv.proc.stderr else ''))
finally:
    if srv is not None:
        srv.stop()
    fx.cleanup()
sys.exit(t.done())
