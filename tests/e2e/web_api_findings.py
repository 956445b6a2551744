"""End-to-end tests over HTTP against the real server (issue 17): the JSON
API for findings (list in order, add, replace, change some fields, move,
remove), the confidence statement and stage moves (the current stage with
what is due and overdue, moving to the next or a named stage, refusals with
app/'s message and field), and withdrawing and reinstating evidence through
the API and the evidence item page, each driven by roles that may and roles
that may not.  The database is read back with sqlite3 (and the due dates
worked out from the programme's week plan here), never from the server's
own answers.  Prints TAP."""
import datetime
import json
import os
import re
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webtest import Client, Fixture, Server, Tap, cairn, csrf_of  # noqa: E402

SRCDIR = os.environ.get('SRCDIR', os.path.join(os.path.dirname(__file__), '..', '..'))


def api(srv, token, method, path, body=None):
    """One API request with the token; returns (response, parsed JSON or {})."""
    c = Client(srv)
    h = {'Authorization': 'Bearer ' + token}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        h['Content-Type'] = 'application/json'
    r = c.request(method, path, body=data, headers=h)
    try:
        j = json.loads(r.text)
    except ValueError:
        j = {}
    return r, j


def err_of(j):
    """The error member of an error answer."""
    return j.get('error', {}) if isinstance(j, dict) else {}


def q(db, sql, *args):
    """Rows of a query against the real database file."""
    con = sqlite3.connect(db)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def findings(db):
    """(id, kind, text) of inspection 1's findings in the team's order."""
    return q(db, 'SELECT id, kind, text FROM finding WHERE inspection_id = 1 '
                 'ORDER BY position, id')


def balance(db, qi):
    """The team's evidence balance for qi from `cairn evaluation show`."""
    rc, out, err = cairn(db, 'evaluation', 'show', '1', qi, '--json')
    assert rc == 0, err
    return json.loads(out)['evaluations'][0]['balance']['total']


t = Tap()
fx = Fixture()
srv = Server(fx.db)
try:
    tokens = {}
    for u in ('lead', 'inspector', 'young', 'panel', 'coord', 'outsider'):
        rc, out, err = cairn(fx.db, 'user', 'token', u)
        assert rc == 0, err
        tokens[u] = out.strip().split()[-1]
    base = '/api/v1/inspections/1'

    # ---- findings ----
    rows = findings(fx.db)
    r, j = api(srv, tokens['panel'], 'GET', base + '/findings')
    t.ok(r.status == 200 and [f['id'] for f in j.get('findings', [])] == [x[0] for x in rows],
         'the panel lists the findings in the team\'s order', (r.status, j))
    kinds = [x[1] for x in rows]
    expect_numbers = [kinds[:i + 1].count(k) for i, k in enumerate(kinds)]
    t.ok([f['number'] for f in j.get('findings', [])] == expect_numbers and
         j.get('strengths') == kinds.count('strength') and
         j.get('improvements') == kinds.count('improvement'),
         'each numbered within its kind, with the counts of each', j)
    r, j = api(srv, tokens['outsider'], 'GET', base + '/findings')
    t.ok(r.status == 404, 'someone not on the team gets 404', r.status)

    r, j = api(srv, tokens['inspector'], 'POST', base + '/findings',
               {'kind': 'strength', 'text': 'Staff knew the children well', 'qis': ['2.1']})
    t.ok(r.status == 201 and j.get('finding', {}).get('number') == kinds.count('strength') + 1,
         'an inspector adds a strength; it goes after the others', (r.status, j))
    fid = j.get('finding', {}).get('id', 0)
    t.ok(findings(fx.db)[-1] == (fid, 'strength', 'Staff knew the children well') and
         q(fx.db, 'SELECT qi_code FROM finding_qi WHERE finding_id = ?', fid) == [('2.1',)],
         'it is stored with its indicator', findings(fx.db))
    r, j = api(srv, tokens['panel'], 'POST', base + '/findings',
               {'kind': 'strength', 'text': 'x'})
    t.ok(r.status == 403 and len(findings(fx.db)) == len(rows) + 1,
         'the panel may not add one (403, nothing added)', (r.status, j))
    t.ok(err_of(j).get('code') == 'forbidden' and err_of(j).get('message') ==
         'you are a Quality and Consistency Panel member on this inspection and may not grade '
         'indicators and record findings: only an inspection lead, a depute inspection lead or '
         'an inspector may', 'the refusal in plain words: the role and who may', j)
    r, j = api(srv, tokens['inspector'], 'POST', base + '/findings',
               {'kind': 'praise', 'text': 'x'})
    t.ok(r.status == 422 and err_of(j).get('field') == '/kind' and 'strength' in
         err_of(j).get('message', ''), 'an unknown kind: 422 on /kind, naming the valid ones',
         (r.status, j))
    r, j = api(srv, tokens['inspector'], 'POST', base + '/findings',
               {'kind': 'strength', 'text': 'x', 'qis': ['99.9']})
    t.ok(r.status == 422 and err_of(j).get('field') == '/qis', 'an unknown indicator: 422 on /qis',
         (r.status, j))
    r, j = api(srv, tokens['inspector'], 'POST', base + '/findings',
               {'kind': 'strength', 'text': 'x', 'evidence': '999'})
    t.ok(r.status == 422 and err_of(j).get('field') == '/evidence' and
         'no evidence 999' in err_of(j).get('message', ''),
         'evidence that does not exist: 422 on /evidence', (r.status, j))
    t.ok(len(findings(fx.db)) == len(rows) + 1, 'nothing was added by the refusals')

    r, j = api(srv, tokens['lead'], 'PUT', f'{base}/findings/{fid}',
               {'kind': 'strength', 'text': 'Staff knew every child well', 'qis': ['2.1', '5.2']})
    t.ok(r.status == 200 and j.get('finding', {}).get('text') == 'Staff knew every child well',
         'the lead replaces it', (r.status, j))
    r, j = api(srv, tokens['lead'], 'PATCH', f'{base}/findings/{fid}',
               {'text': 'Staff knew every child very well'})
    t.ok(r.status == 200 and findings(fx.db)[-1][2] == 'Staff knew every child very well' and
         sorted(x[0] for x in q(fx.db, 'SELECT qi_code FROM finding_qi WHERE finding_id = ?',
                               fid)) == ['2.1', '5.2'],
         'PATCH changes the text and keeps the kind and indicators', (r.status, j))
    r, j = api(srv, tokens['lead'], 'PATCH', f'{base}/findings/{fid}', {'qis': []})
    t.ok(r.status == 200 and
         q(fx.db, 'SELECT count(*) FROM finding_qi WHERE finding_id = ?', fid) == [(0,)],
         'PATCH with [] clears the indicators', (r.status, j))
    r, j = api(srv, tokens['lead'], 'PUT', f'{base}/findings/999999',
               {'kind': 'strength', 'text': 'x'})
    t.ok(r.status == 404, 'a finding that does not exist is 404', (r.status, j))
    r, j = api(srv, tokens['young'], 'PATCH', f'{base}/findings/{fid}', {'text': 'x'})
    t.ok(r.status == 403, 'a young inspector may not change one', (r.status, j))

    r, j = api(srv, tokens['lead'], 'POST', f'{base}/findings/{fid}/move', {'direction': 'up'})
    t.ok(r.status == 200 and j.get('finding', {}).get('number') == kinds.count('strength'),
         'moving it up gives it the place before', (r.status, j))
    strengths = [x[0] for x in findings(fx.db) if x[1] == 'strength']
    t.ok(strengths[-2] == fid, 'as stored', strengths)
    for _ in range(kinds.count('strength') - 1):
        api(srv, tokens['lead'], 'POST', f'{base}/findings/{fid}/move', {'direction': 'up'})
    r, j = api(srv, tokens['lead'], 'POST', f'{base}/findings/{fid}/move', {'direction': 'up'})
    t.ok(r.status == 409 and 'already first' in err_of(j).get('message', '') and
         [x[0] for x in findings(fx.db) if x[1] == 'strength'][0] == fid,
         'once first, moving up again is refused (409) saying why', (r.status, j))
    r, j = api(srv, tokens['lead'], 'POST', f'{base}/findings/{fid}/move',
               {'direction': 'sideways'})
    t.ok(r.status == 422 and err_of(j).get('field') == '/direction',
         'a direction other than up or down: 422 on /direction', (r.status, j))

    # An area for improvement that holds actions in the action plan is not removed.
    imp = [x[0] for x in findings(fx.db) if x[1] == 'improvement']
    rc, out, err = cairn(fx.db, 'action', 'add', '1', '--improvement', '1', '--text',
                         'An action', '--owner', 'someone', '--due', '2030-01-01')
    t.ok(rc == 0, 'an action on the first area for improvement', err)
    r, j = api(srv, tokens['lead'], 'DELETE', f'{base}/findings/{imp[0]}')
    t.ok(r.status == 409 and imp[0] in [x[0] for x in findings(fx.db)],
         'removing an area for improvement with actions is refused (409)', (r.status, j))
    r, j = api(srv, tokens['panel'], 'DELETE', f'{base}/findings/{fid}')
    t.ok(r.status == 403 and fid in [x[0] for x in findings(fx.db)],
         'the panel may not remove one', (r.status, j))
    r, j = api(srv, tokens['inspector'], 'DELETE', f'{base}/findings/{fid}')
    t.ok(r.status == 200 and fid not in [x[0] for x in findings(fx.db)],
         'an inspector removes the strength', (r.status, j))
    r, j = api(srv, tokens['inspector'], 'DELETE', f'{base}/findings/{fid}')
    t.ok(r.status == 404, 'removing it again is 404', (r.status, j))
    actions = [a for (a,) in q(fx.db, "SELECT action FROM audit WHERE action LIKE "
                                      "'finding.%' ORDER BY id")]
    t.ok(actions.count('finding.add') >= 1 and actions.count('finding.update') == 3 and
         actions.count('finding.remove') == 1 and 'finding.move' in actions,
         'each change is audited', actions)

    # ---- the confidence statement ----
    r, j = api(srv, tokens['coord'], 'GET', base + '/confidence')
    level = q(fx.db, 'SELECT confidence FROM inspection WHERE id = 1')[0][0]
    t.ok(r.status == 200 and j.get('level') == level and j.get('label'),
         'the co-ordinator reads the confidence statement (%s)' % level, (r.status, j))
    r, j = api(srv, tokens['inspector'], 'PUT', base + '/confidence',
               {'level': 'high-confidence', 'text': 'Leaders know their services well.'})
    t.ok(r.status == 200 and j.get('level') == 'high-confidence' and
         j.get('text') == 'Leaders know their services well.', 'an inspector records it',
         (r.status, j))
    t.ok(q(fx.db, 'SELECT confidence, confidence_text FROM inspection WHERE id = 1')[0] ==
         ('high-confidence', 'Leaders know their services well.'), 'as stored')
    r, j = api(srv, tokens['inspector'], 'PUT', base + '/confidence', {'level': 'certain'})
    t.ok(r.status == 422 and err_of(j).get('field') == '/level' and
         'partially-confident' in err_of(j).get('message', ''),
         'an unknown level: 422 on /level naming the valid ones', (r.status, j))
    r, j = api(srv, tokens['young'], 'PUT', base + '/confidence', {'level': 'confident'})
    t.ok(r.status == 403 and
         q(fx.db, 'SELECT confidence FROM inspection WHERE id = 1')[0][0] == 'high-confidence',
         'a young inspector may not (403, unchanged)', (r.status, j))
    t.ok(err_of(j).get('message', '').startswith(
         'you are a young inspector on this inspection and may not grade indicators'),
         'saying so in plain words', j)

    # ---- the stage ----
    notified = q(fx.db, 'SELECT notified FROM inspection WHERE id = 1')[0][0]
    plan = json.load(open(os.path.join(SRCDIR, 'data', 'models', 'cyp-2014', 'stages.json')))
    r, j = api(srv, tokens['coord'], 'GET', base + '/stage')
    t.ok(r.status == 200 and j.get('current') == 'notified' and j.get('next') == 'scoping',
         'the stage: notified, scoping next', (r.status, j))
    day0 = datetime.date.fromisoformat(notified)
    today = datetime.date.today()
    due_ok, overdue = True, 0
    for s in plan['stages']:
        got = next((x for x in j.get('stages', []) if x['code'] == s['code']), {})
        if s.get('week') is None:
            continue
        due = day0 + datetime.timedelta(days=7 * (s['week'] - 1))
        due_ok &= got.get('due') == due.isoformat()
        if s['code'] != 'notified' and due < today:
            overdue += 1
            due_ok &= got.get('status') == 'overdue'
    t.ok(due_ok, 'each stage is due on the first day of its week from notification (%s)'
         % notified, j.get('stages'))
    t.ok(j.get('overdue') == overdue, 'and %d stages are overdue today' % overdue, j)

    r, j = api(srv, tokens['inspector'], 'POST', base + '/stage', {'date': notified})
    t.ok(r.status == 403, 'an inspector may not move the stage', (r.status, j))
    r, j = api(srv, tokens['lead'], 'POST', base + '/stage',
               {'stage': 'fieldwork', 'date': notified})
    t.ok(r.status == 409 and err_of(j).get('field') == '/stage' and
         'skips the required stage scoping' in err_of(j).get('message', ''),
         'skipping a required stage: 409 on /stage with the rule', (r.status, j))
    r, j = api(srv, tokens['lead'], 'POST', base + '/stage', {'stage': 'elsewhere',
                                                              'date': notified})
    t.ok(r.status == 409 and 'valid: notified, scoping' in err_of(j).get('message', ''),
         'an unknown stage names the valid ones', (r.status, j))
    r, j = api(srv, tokens['lead'], 'POST', base + '/stage', {'date': '2025-12-31'})
    t.ok(r.status == 422 and err_of(j).get('field') == '/date',
         'a date before the current stage began: 422 on /date', (r.status, j))
    r, j = api(srv, tokens['lead'], 'POST', base + '/stage', {'date': '2026-02-30'})
    t.ok(r.status == 422 and err_of(j).get('field') == '/date', 'a date that does not exist',
         (r.status, j))
    t.ok(q(fx.db, 'SELECT count(*) FROM stage_move WHERE inspection_id = 1')[0][0] == 0 or
         q(fx.db, 'SELECT stage FROM stage_move WHERE inspection_id = 1 ORDER BY id DESC '
                  'LIMIT 1')[0][0] == 'notified', 'the refusals moved nothing')
    r, j = api(srv, tokens['lead'], 'POST', base + '/stage', {'date': '2026-01-20'})
    t.ok(r.status == 200 and j.get('current') == 'scoping' and j.get('since') == '2026-01-20',
         'the lead moves it to the next stage', (r.status, j))
    t.ok(q(fx.db, 'SELECT stage, moved_on, moved_by FROM stage_move WHERE inspection_id = 1 '
                  'ORDER BY id DESC LIMIT 1')[0] == ('scoping', '2026-01-20', 'lead'),
         'the move is stored with its date and who')
    r, j = api(srv, tokens['lead'], 'POST', base + '/stage', {'stage': 'scoping',
                                                              'date': '2026-01-21'})
    t.ok(r.status == 409 and 'already at stage scoping' in err_of(j).get('message', ''),
         'moving to the current stage is refused', (r.status, j))
    r, j = api(srv, tokens['coord'], 'GET', base + '/stage')
    t.ok(j.get('current') == 'scoping' and j.get('next') == 'scoping-engagement' and
         next(x for x in j['stages'] if x['code'] == 'scoping').get('reached') == '2026-01-20',
         'the stage reads back with the date it was reached', j)

    # ---- withdrawing evidence through the API ----
    before = balance(fx.db, '2.1')
    nums = []
    for who, text in (('inspector', 'Chronologies were thorough'),
                      ('inspector', 'Plans were reviewed on time'),
                      ('young', 'Young people felt listened to')):
        r, j = api(srv, tokens[who], 'POST', base + '/evidence',
                   {'source': 'interview', 'text': text, 'qis': ['2.1'], 'status': 'strength'})
        assert r.status == 201, (r.status, j)
        nums.append(j['number'])
    t.ok(balance(fx.db, '2.1')['strength'] == before['strength'] + 3,
         'three strengths for 2.1 join the balance', balance(fx.db, '2.1'))
    r, j = api(srv, tokens['young'], 'POST', f'{base}/evidence/{nums[0]}/withdraw',
               {'reason': 'not mine'})
    t.ok(r.status == 403 and err_of(j).get('message', '') ==
         'you are a young inspector on this inspection and may change only the evidence you '
         f'recorded: evidence {nums[0]} was recorded by inspector',
         'a young inspector may not withdraw another\'s, in plain words', (r.status, j))
    r, j = api(srv, tokens['panel'], 'POST', f'{base}/evidence/{nums[0]}/withdraw',
               {'reason': 'x'})
    t.ok(r.status == 403, 'nor may the panel', (r.status, j))
    r, j = api(srv, tokens['inspector'], 'POST', f'{base}/evidence/{nums[0]}/withdraw',
               {'reason': ' '})
    t.ok(r.status == 422 and err_of(j).get('field') == '/reason',
         'a blank reason: 422 on /reason', (r.status, j))
    r, j = api(srv, tokens['inspector'], 'POST', f'{base}/evidence/{nums[0]}/withdraw',
               {'reason': 'Recorded against the wrong partnership'})
    t.ok(r.status == 200 and j.get('withdrawn') is True, 'its recorder withdraws it',
         (r.status, j))
    row = q(fx.db, 'SELECT withdrawn_by, withdrawn_reason, withdrawn_at IS NOT NULL FROM '
                   'evidence WHERE inspection_id = 1 AND number = ?', nums[0])[0]
    t.ok(row == ('inspector', 'Recorded against the wrong partnership', 1),
         'stored with who and why', row)
    t.ok(balance(fx.db, '2.1')['strength'] == before['strength'] + 2,
         'it leaves the evidence balance', balance(fx.db, '2.1'))
    r, j = api(srv, tokens['panel'], 'GET', base + '/evidence')
    item = next((e for e in j.get('evidence', []) if e['number'] == nums[0]), {})
    t.ok(item.get('withdrawn') is True and
         item.get('withdrawal', {}).get('reason') == 'Recorded against the wrong partnership'
         and item.get('withdrawal', {}).get('by') == 'inspector',
         'the log still lists it, marked withdrawn with who and why', item)
    r, j = api(srv, tokens['young'], 'POST', f'{base}/evidence/{nums[2]}/withdraw',
               {'reason': 'Duplicate of my other note'})
    t.ok(r.status == 200, 'a young inspector withdraws their own', (r.status, j))
    r, j = api(srv, tokens['inspector'], 'POST', f'{base}/evidence/{nums[0]}/withdraw',
               {'reason': 'again'})
    t.ok(r.status == 409 and 'already withdrawn' in err_of(j).get('message', ''),
         'withdrawing it again: 409', (r.status, j))
    r, j = api(srv, tokens['lead'], 'POST', base + '/findings',
               {'kind': 'strength', 'text': 'x', 'evidence': str(nums[0])})
    t.ok(r.status == 409 and err_of(j).get('field') == '/evidence' and
         'withdrawn' in err_of(j).get('message', ''),
         'a finding cannot newly rest on withdrawn evidence (409 on /evidence)', (r.status, j))
    rc, out, err = cairn(fx.db, 'grade', '1', '2.1', '5', '--evidence', str(nums[0]),
                         '--as', 'lead')
    t.ok(rc == 65 and 'withdrawn' in err, 'nor can a grade', (rc, err))
    r, j = api(srv, tokens['inspector'], 'POST', f'{base}/evidence/999/withdraw',
               {'reason': 'x'})
    t.ok(r.status == 404, 'an item that does not exist is 404', (r.status, j))
    r, j = api(srv, tokens['young'], 'POST', f'{base}/evidence/999/withdraw', {'reason': 'x'})
    t.ok(r.status == 404, 'for a young inspector too', (r.status, j))
    r, j = api(srv, tokens['inspector'], 'POST', f'{base}/evidence/{nums[0]}/withdraw',
               {'reason': 'again'})
    t.ok(r.status == 409 and err_of(j).get('field') is None,
         'a refusal by the item\'s state names no input', (r.status, j))
    r, j = api(srv, tokens['inspector'], 'POST', f'{base}/evidence/{nums[1]}/reinstate', {})
    t.ok(r.status == 409 and 'not withdrawn' in err_of(j).get('message', ''),
         'reinstating an item that is not withdrawn: 409', (r.status, j))
    r, j = api(srv, tokens['inspector'], 'POST', f'{base}/evidence/{nums[0]}/reinstate',
               {'reason': 'It was ours after all'})
    t.ok(r.status == 200 and j.get('withdrawn') is False, 'its recorder reinstates it',
         (r.status, j))
    t.ok(balance(fx.db, '2.1')['strength'] == before['strength'] + 2,
         'it counts again (one of the three is still withdrawn)', balance(fx.db, '2.1'))
    hist = q(fx.db, 'SELECT field, new_value FROM evidence_history h JOIN evidence e ON '
                    'e.id = h.evidence_id WHERE e.inspection_id = 1 AND e.number = ? '
                    'ORDER BY h.id', nums[0])
    t.ok(hist[-2:] == [('withdrawn', 'Recorded against the wrong partnership'),
                       ('reinstated', 'It was ours after all')],
         'both are kept in its history', hist)

    # ---- withdrawing evidence in the browser ----
    lead = Client(srv)
    lead.sign_in('lead')
    young = Client(srv)
    young.sign_in('young')
    item = f'/inspections/1/evidence/{nums[1]}'
    r = lead.get(item)
    t.ok(r.status == 200 and 'Withdraw this evidence' in r.text and
         f'action="{item}/withdraw"' in r.text, 'the lead sees the withdraw form', r.status)
    tok = csrf_of(r.text)
    r = young.get(item)
    t.ok(r.status == 200 and 'Withdraw this evidence' not in r.text,
         'a young inspector does not, on another\'s item', r.status)
    r = lead.post(item + '/withdraw', {'csrf': tok, 'reason': ''})
    t.ok(r.status == 400 and 'href="#reason"' in r.text and
         'say why the evidence is withdrawn' in r.text,
         'no reason: shown against the reason, nothing withdrawn', r.status)
    t.ok(q(fx.db, 'SELECT withdrawn_at FROM evidence WHERE inspection_id = 1 AND number = ?',
           nums[1])[0][0] is None, 'as stored')
    r = young.post(item + '/withdraw', {'csrf': csrf_of(young.get(item).text),
                                        'reason': 'not mine'})
    t.ok(r.status == 403, 'a young inspector posting the form for another\'s item: 403',
         r.status)
    r = lead.post(item + '/withdraw', {'csrf': tok, 'reason': 'Said twice in one interview'})
    t.ok(r.status == 303 and 'withdrawn=1' in (r.header('Location') or ''),
         'the lead withdraws it', r.status)
    r = lead.get(item + '?withdrawn=1')
    t.ok('Evidence withdrawn' in r.text and 'Said twice in one interview' in r.text and
         'Reinstate this evidence' in r.text and 'Save changes' not in r.text,
         'the item shows who, why and the reinstate form, and no edit form', r.status)
    r = lead.post(item, {'csrf': tok, 'source': 'interview', 'status': 'strength',
                         'text': 'Changed after all'})
    t.ok(r.status == 400 and 'reinstate it before changing it' in r.text and
         'href="#reason"' in r.text,
         'a change posted from a stale form is refused, linked to the one input left', r.status)
    r = lead.get('/inspections/1/evidence')
    row = re.search(r'aria-label="Evidence %d".*?</tr>' % nums[1], r.text, re.S)
    t.ok(row is not None and 'Withdrawn' in row.group(0),
         'the evidence log marks it "Withdrawn"', row.group(0)[:400] if row else r.text[:300])
    r = lead.get('/inspections/1/grade/2.1')
    m = re.search(r'ds_summary-list__key">Strengths</span><span class="ds_summary-list__value">'
                  r'<span class="ds_summary-list__answer">(\d+)<', r.text)
    counted = q(fx.db, "SELECT count(*) FROM evidence e JOIN evidence_qi x ON x.evidence_id = "
                       "e.id WHERE e.inspection_id = 1 AND x.qi_code = '2.1' AND e.status = "
                       "'strength'")[0][0]
    t.ok(r.status == 200 and m is not None and int(m.group(1)) == counted - 2,
         'the grade page counts %d strengths: the two withdrawn items are left out'
         % (counted - 2), m.group(0) if m else r.text[:300])
    r = lead.post(item + '/reinstate', {'csrf': tok, 'reason': ''})
    t.ok(r.status == 303 and q(fx.db, 'SELECT withdrawn_at FROM evidence WHERE '
                                      'inspection_id = 1 AND number = ?', nums[1])[0][0]
         is None, 'the lead reinstates it', r.status)
    rc, out, err = cairn(fx.db, 'audit', 'verify')
    t.ok(rc == 0, 'the audit chain verifies', err)
    n = q(fx.db, "SELECT count(*) FROM audit WHERE action IN ('evidence.withdraw', "
                 "'evidence.reinstate')")[0][0]
    t.ok(n == 5, 'each withdrawal and reinstatement is audited (5)', n)
    rc = srv.stop()
    t.ok(rc == 0, 'the server stops cleanly (no sanitizer report)',
         (rc, srv.proc.stderr.read()[-2000:] if srv.proc.stderr else ''))
finally:
    srv.stop()
    fx.cleanup()
sys.exit(t.done())
