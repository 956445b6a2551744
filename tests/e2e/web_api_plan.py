"""End-to-end tests over HTTP against the real server (issue 17): the joint
action plan, surveys, the news release and the national overview through
the JSON API, each the same app/ call as its page and the CLI.

- Actions are numbered within their inspection (1, 2, 3 in the order
  added), never by database id: two inspections each have an action 1; the
  API, the plan page and `cairn action list --json` show the same numbers
  and values; refusals answer 403/404/409/422 with the field and change
  nothing.
- Surveys: created, imported all or nothing (a bad row is named by line and
  column and nothing is stored), listed with the same summary as `cairn
  survey summary --json`, small numbers suppressed as the survey page does;
  comments listed (audited) and tagged.
- The release: the draft, then the published text once published (its
  SHA-256 that of the frozen file), refused under the embargo outside the
  team.
- The overview equals `cairn overview --framework CODE --json --as PERSON`.
Everything stored is read back through the CLI or sqlite3.  Prints TAP."""
import hashlib
import json
import os
import re
import sqlite3
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webtest import Client, Fixture, Server, Tap, cairn, csrf_of  # noqa: E402


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


def field(j):
    return j.get('error', {}).get('field') if isinstance(j, dict) else None


def sql(db, q, *args):
    con = sqlite3.connect(db)
    try:
        return con.execute(q, args).fetchall()
    finally:
        con.close()


def cli_json(db, *args):
    rc, out, err = cairn(db, *args, '--json')
    assert rc == 0, (args, err)
    return json.loads(out)


def cli_plan(db, insp):
    """{number: (improvement, text, status, due)} from `cairn action list ID --json`."""
    j = cli_json(db, 'action', 'list', str(insp))
    return {a['number']: (a['improvement'], a['text'], a['status'], a['due'])
            for i in j['improvements'] for a in i['actions']}


def api_plan(j):
    return {a['number']: (a['improvement'], a['text'], a['status'], a['due'])
            for i in j.get('improvements', []) for a in i['actions']}


def events(db):
    return sql(db, 'SELECT COUNT(*) FROM plan_action_event')[0][0]


t = Tap()
fx = Fixture()
srv = None
try:
    db = fx.db
    # A second inspection with the lead on its team: a strength first, then two
    # areas for improvement, so neither findings nor actions share ids with 1.
    rc, out, err = cairn(db, 'inspection', 'create', '--partnership', 'Testshire',
                         '--framework', 'cyp-2014')
    two = int(out.strip())
    for args in (('finding', 'add', str(two), '--kind', 'strength', '--text', 'Staff knew children.'),
                 ('finding', 'add', str(two), '--kind', 'improvement', '--text', 'Review plans on time.'),
                 ('finding', 'add', str(two), '--kind', 'improvement', '--text', 'Record chronologies.'),
                 ('team', 'add', str(two), 'lead', '--role', 'lead'),
                 ('team', 'add', str(two), 'coord', '--role', 'partnership-coordinator')):
        rc, out, err = cairn(db, *args)
        assert rc == 0, (args, err)
    srv = Server(db)
    tokens = {}
    for u in ('lead', 'inspector', 'young', 'panel', 'coord', 'reader', 'outsider', 'admin'):
        rc, out, err = cairn(db, 'user', 'token', u)
        assert rc == 0, err
        tokens[u] = out.strip().split()[-1]
    one = '/api/v1/inspections/1/actions'
    other = f'/api/v1/inspections/{two}/actions'

    # ---- actions are numbered within their inspection ----
    act = {'improvement': 1, 'text': 'Audit chronologies', 'owner': 'Head of service',
           'due': '2027-01-31'}
    r, j = api(srv, tokens['coord'], 'POST', one, act)
    t.ok(r.status == 201 and j.get('number') == 1, 'the co-ordinator adds action 1 of inspection 1',
         (r.status, j))
    r, j = api(srv, tokens['lead'], 'POST', one, dict(act, improvement=2, text='Review plans',
                                                        agency='Testshire Council'))
    t.ok(r.status == 201 and j.get('number') == 2, 'the lead adds action 2 of inspection 1', j)
    r, j = api(srv, tokens['lead'], 'POST', other, dict(act, improvement=2, text='Keep chronologies'))
    t.ok(r.status == 201 and j.get('number') == 1,
         "the second inspection's first action is its action 1", j)
    ids = sql(db, 'SELECT id, inspection_id FROM plan_action ORDER BY id')
    t.ok(ids == [(1, 1), (2, 1), (3, two)],
         "in the database it is action 3 (so the API did not show the id)", ids)
    r, j = api(srv, tokens['lead'], 'GET', other)
    t.ok(r.status == 200 and api_plan(j) == cli_plan(db, two) ==
         {1: (2, 'Keep chronologies', 'planned', '2027-01-31')},
         'the API lists it as the CLI does: action 1 on area 2', (j, cli_plan(db, two)))
    t.ok([a['number'] for a in j['improvements']] == [1, 2] and
         j['improvements'][1]['text'] == 'Record chronologies.',
         'the areas are numbered 1 and 2 (strengths not counted)', j.get('improvements'))
    r, j = api(srv, tokens['inspector'], 'GET', one)
    t.ok(r.status == 200 and api_plan(j) == cli_plan(db, 1) and
         j['improvements'][1]['actions'][0].get('agency') == 'Testshire Council',
         'an inspector reads inspection 1\'s plan, as the CLI lists it', j)
    t.ok(all(a['history'][0]['change'] == 'created' for i in j['improvements']
             for a in i['actions']), 'each action carries its history')
    # The plan page shows the same numbers and posts its forms to them.
    lead = Client(srv)
    lead.sign_in('lead')
    page = lead.get(f'/inspections/{two}/plan')
    t.ok(page.status == 200 and f'action="/inspections/{two}/plan/1"' in page.text and
         f'/plan/3"' not in page.text and 'Action 1: history' in page.text,
         'the plan page names the action by its number 1, not its id 3', page.status)
    r = lead.post(f'/inspections/{two}/plan/1', {'csrf': csrf_of(page.text),
                                                'note': 'Started in the north team'})
    t.ok(r.status == 303 and sql(db, "SELECT action_id FROM plan_action_event WHERE note = "
                                     "'Started in the north team'") == [(3,)],
         "the page's comment on action 1 is stored on the database's action 3", r.status)
    rc, out, err = cairn(db, 'action', 'update', str(two), '1', '--status', 'in-progress',
                         '--as', 'lead')
    r, j = api(srv, tokens['lead'], 'GET', other)
    t.ok(rc == 0 and api_plan(j)[1][2] == 'in-progress' and
         [h['change'] for h in j['improvements'][1]['actions'][0]['history']] ==
         ['created', 'comment', 'status planned -> in-progress'],
         "`cairn action update ID 1` changes the same action; the API shows its history",
         (err, j))

    # ---- changes and refusals, each with its status and field, nothing stored ----
    n0, plan0 = events(db), cli_plan(db, 1)
    r, j = api(srv, tokens['inspector'], 'PATCH', f'{one}/1', {'note': 'Chronologies sampled'})
    t.ok(r.status == 200 and j.get('number') == 1 and events(db) == n0 + 1,
         'an inspector comments on action 1 (PATCH, a note only)', (r.status, j))
    n0 = events(db)
    r, j = api(srv, tokens['inspector'], 'PUT', f'{one}/1', {'status': 'in-progress'})
    t.ok(r.status == 403 and events(db) == n0 and cli_plan(db, 1) == plan0,
         'an inspector may not change the status (403, nothing stored)', (r.status, j))
    r, j = api(srv, tokens['panel'], 'PATCH', f'{one}/1', {'note': 'x'})
    t.ok(r.status == 403 and events(db) == n0, 'the panel may not comment (403)', r.status)
    r, j = api(srv, tokens['young'], 'POST', one, act)
    t.ok(r.status == 403 and len(cli_plan(db, 1)) == 2,
         'a young inspector may not add an action (403, nothing stored)', (r.status, j))
    r, j = api(srv, tokens['outsider'], 'GET', one)
    t.ok(r.status == 404, 'someone on no team gets 404', r.status)
    r, j = api(srv, tokens['reader'], 'GET', one)
    t.ok(r.status == 403, 'a local reader may not see the plan (403), as on the page', r.status)
    r, j = api(srv, tokens['lead'], 'PUT', f'{other}/2', {'note': 'x'})
    t.ok(r.status == 404 and field(j) == '/action' and 'valid: 1' in j['error']['message'] and
         events(db) == n0,
         'an action number the plan does not have: 404 at /action naming the valid ones', j)
    r, j = api(srv, tokens['lead'], 'PUT', f'{one}/two', {'note': 'x'})
    t.ok(r.status == 404 and field(j) == '/action', 'a number that is no number: 404', j)
    r, j = api(srv, tokens['lead'], 'POST', one, dict(act, improvement=9))
    t.ok(r.status == 422 and field(j) == '/improvement' and 'valid: 1, 2, 3' in
         j['error']['message'] and len(cli_plan(db, 1)) == 2,
         'an area the inspection does not have: 422 at /improvement', j)
    r, j = api(srv, tokens['lead'], 'POST', one, dict(act, due='31/01/2027'))
    t.ok(r.status == 422 and field(j) == '/due', 'a due date that is not a date: 422 at /due', j)
    r, j = api(srv, tokens['lead'], 'POST', one, {'improvement': 1, 'owner': 'x', 'due': '2027-01-01'})
    t.ok(r.status == 400 and field(j) == '/text' and len(cli_plan(db, 1)) == 2,
         'no text: refused by the body check (400) at /text', j)
    r, j = api(srv, tokens['lead'], 'PUT', f'{one}/1', {'status': 'done'})
    t.ok(r.status == 422 and field(j) == '/evidence' and cli_plan(db, 1) == plan0,
         'done without evidence: 422 at /evidence, unchanged', j)
    r, j = api(srv, tokens['lead'], 'PUT', f'{one}/1', {'status': 'done', 'evidence': 'Audit report'})
    t.ok(r.status == 200 and j.get('status') == 'done' and cli_plan(db, 1)[1][2] == 'done',
         'done with evidence', j)
    r, j = api(srv, tokens['lead'], 'PUT', f'{one}/1', {'status': 'dropped', 'note': 'x'})
    t.ok(r.status == 409 and field(j) == '/status' and cli_plan(db, 1)[1][2] == 'done',
         'done cannot become dropped: 409 at /status, unchanged', j)
    r, j = api(srv, tokens['lead'], 'PUT', f'{one}/1', {})
    t.ok(r.status == 422 and field(j) == '/status', 'nothing to change: 422', j)
    r, j = api(srv, tokens['coord'], 'POST', f'{other}/agree')
    t.ok(r.status == 403, 'the co-ordinator may not agree the plan (403)', r.status)
    r, j = api(srv, tokens['lead'], 'POST', f'{other}/agree')
    t.ok(r.status == 409 and 'area for improvement 1 has no action' in j['error']['message'] and
         not cli_json(db, 'action', 'list', str(two))['agreed'],
         'agreeing with area 1 uncovered: 409 naming it, not agreed', j)
    r, j = api(srv, tokens['coord'], 'POST', other, dict(act, improvement=1))
    t.ok(r.status == 201 and j.get('number') == 2, 'action 2 covers area 1', j)
    r, j = api(srv, tokens['lead'], 'POST', f'{other}/agree')
    t.ok(r.status == 200 and j.get('agreed') is True and j.get('agreed_by') == 'lead' and
         cli_json(db, 'action', 'list', str(two))['agreed'],
         'the lead agrees the plan; the CLI shows it agreed', j)
    r, j = api(srv, tokens['lead'], 'POST', f'{other}/agree')
    t.ok(r.status == 409, 'agreeing again: 409', r.status)
    r, j = api(srv, tokens['lead'], 'PUT', f'{other}/2', {'status': 'dropped', 'note': 'no budget'})
    t.ok(r.status == 409 and field(j) == '/status' and cli_plan(db, two)[2][2] == 'planned',
         'the last live action of an area of an agreed plan cannot be dropped (409)', j)

    # ---- surveys ----
    surveys = '/api/v1/inspections/1/surveys'
    r, j = api(srv, tokens['panel'], 'POST', surveys, {'name': 'pupils', 'kind': 'cyp',
                                                       'scale': 'agree5'})
    t.ok(r.status == 403 and cli_json(db, 'survey', 'list', '1') == [],
         'the panel may not create a survey (403, nothing stored)', r.status)
    r, j = api(srv, tokens['lead'], 'POST', surveys, {'name': 'pupils', 'kind': 'teachers',
                                                      'scale': 'agree5'})
    t.ok(r.status == 422 and field(j) == '/kind', 'an unknown kind: 422 at /kind', j)
    r, j = api(srv, tokens['lead'], 'POST', surveys, {'name': 'pupils', 'kind': 'cyp',
                                                      'scale': 'agree9'})
    t.ok(r.status == 422 and field(j) == '/scale', 'an unknown scale: 422 at /scale', j)
    items = json.dumps({'statements': [{'code': 'S1', 'text': 'I feel safe', 'qis': ['2.1']},
                                       {'code': 'S2', 'text': 'I am listened to'}],
                        'attributes': ['school']})
    r, j = api(srv, tokens['lead'], 'POST', surveys, {'name': 'pupils', 'kind': 'cyp',
                                                      'scale': 'agree5', 'invited': 40,
                                                      'items': items})
    t.ok(r.status == 201 and j.get('name') == 'pupils', 'the lead creates a survey with items', j)
    lst = cli_json(db, 'survey', 'list', '1')
    t.ok([(s['name'], s['kind'], s['invited'], [x['code'] for x in s['statements']])
          for s in lst] == [('pupils', 'cyp', 40, ['S1', 'S2'])],
         'the CLI lists it with its statements and the number invited', lst)
    r, j = api(srv, tokens['inspector'], 'POST', surveys, {'name': 'pupils', 'kind': 'cyp',
                                                           'scale': 'agree5'})
    t.ok(r.status == 409 and field(j) == '/name', 'a name already taken: 409 at /name', j)
    imp = surveys + '/pupils/responses'
    bad = ('id,school,I feel safe,I am listened to,Comments\n'
           'p1,North,Agree,Agree,Good teachers\n'
           'p2,North,Purple,Agree,\n')
    r, j = api(srv, tokens['inspector'], 'POST', imp, {'csv': bad, 'comment_columns': 'Comments'})
    errs = j.get('error', {}).get('errors', [])
    t.ok(r.status == 422 and field(j) == '/csv' and
         any(e['line'] == 3 and e['column'] == 3 for e in errs),
         'a bad answer is refused with its line (3) and column (3)', j)
    t.ok(sql(db, 'SELECT COUNT(*) FROM survey_respondent')[0][0] == 0 and sql(db, 'SELECT COUNT(*) FROM survey_answer')[0][0] == 0 and
         cli_json(db, 'survey', 'list', '1')[0]['respondents'] == 0,
         'nothing was stored (the good row neither)')
    good = 'id,school,I feel safe,I am listened to,Comments\n' + ''.join(
        f'p{i},{"North" if i % 2 else "South"},{"Strongly agree" if i % 3 else "Disagree"},'
        f'Agree,{"Kind staff" if i == 1 else ""}\n' for i in range(1, 4))
    r, j = api(srv, tokens['young'], 'POST', imp, {'csv': good})
    t.ok(r.status == 403 and cli_json(db, 'survey', 'list', '1')[0]['respondents'] == 0,
         'a young inspector may not import (403)', r.status)
    r, j = api(srv, tokens['inspector'], 'POST', imp, {'csv': good, 'comment_columns': 'Comments'})
    t.ok(r.status == 201 and j.get('respondents') == 3 and j.get('comments') == 1,
         'an inspector imports three respondents and a comment', j)
    t.ok(cli_json(db, 'survey', 'list', '1')[0]['respondents'] == 3, 'the CLI counts three')
    r, j = api(srv, tokens['young'], 'GET', surveys)
    sv = (j.get('surveys') or [{}])[0]
    cli_sum = cli_json(db, 'survey', 'summary', '1', 'pupils')
    t.ok(r.status == 200 and sv.get('respondents') is None and sv.get('threshold') == 5 and
         all(s['overall']['suppressed'] != 'shown' for s in sv.get('statements', [])) and
         'share' not in json.dumps(sv.get('statements')),
         'three respondents are below the threshold: no count, no share (suppressed)', sv)
    t.ok({k: v for k, v in sv.items() if k not in ('name', 'kind_label', 'attributes')} == cli_sum,
         'the summary is the one `cairn survey summary --json` prints', (sv, cli_sum))
    inspector = Client(srv)
    inspector.sign_in('inspector')
    page = inspector.get('/inspections/1/surveys/pupils')
    t.ok('Fewer than 5 (suppressed)' in page.text, 'the survey page suppresses it too')
    more = ''.join(f'q{i},North,Agree,Agree\n' for i in range(1, 6))
    r, j = api(srv, tokens['inspector'], 'POST', imp,
               {'csv': 'id,school,I feel safe,I am listened to\n' + more})
    t.ok(r.status == 201 and j.get('respondents') == 5, 'five more respondents are added', j)
    r, j = api(srv, tokens['panel'], 'GET', surveys)
    sv = (j.get('surveys') or [{}])[0]
    st = sv.get('statements', [{}, {}])
    s1, s2 = st[0].get('overall', {}), st[1].get('overall', {})
    t.ok(r.status == 200 and sv.get('respondents') == 8 and s2.get('suppressed') == 'shown' and
         s2.get('base') == 8 and s2.get('agree') == 8 and sv.get('attributes') == ['school'],
         'with eight respondents the count and the share of S2 are shown (8 of 8)', sv)
    t.ok(s1.get('responses') == 8 and s1.get('share') is None and 'agree' not in s1,
         'the share of S1 is withheld: one respondent disagreeing would be given away', s1)
    t.ok({k: v for k, v in sv.items() if k not in ('name', 'kind_label', 'attributes')} ==
         cli_json(db, 'survey', 'summary', '1', 'pupils'), 'still the CLI\'s summary')
    r, j = api(srv, tokens['inspector'], 'GET', surveys + '/pupils?by=school')
    groups = {g['name']: g for g in j.get('groups', [])}
    t.ok(r.status == 200 and groups.get('South', {}).get('suppressed') == 'below-threshold' and
         groups.get('North', {}).get('suppressed') == 'secondary' and
         not any('respondents' in g for g in groups.values()),
         'by school: South (1) suppressed, and North (7) too, or the total would give South '
         'away; no count shown', j.get('groups'))
    t.ok({k: v for k, v in j.items() if k not in ('name', 'kind_label', 'attributes')} ==
         cli_json(db, 'survey', 'summary', '1', 'pupils', '--by', 'school'),
         'the breakdown is the one `cairn survey summary --by school --json` prints')
    r, j = api(srv, tokens['inspector'], 'GET', surveys + '/pupils?by=postcode')
    t.ok(r.status == 422 and field(j) == '/by', 'an unknown breakdown: 422 at /by', j)
    r, j = api(srv, tokens['inspector'], 'GET', surveys + '/nothing?by=school')
    t.ok(r.status == 404 and field(j) == '/survey', 'an unknown survey: 404 at /survey', j)
    r, j = api(srv, tokens['coord'], 'GET', surveys)
    t.ok(r.status == 403, 'the co-ordinator may not see survey results (403)', r.status)
    # comments
    before = len(cli_json(db, 'audit', 'list'))
    r, j = api(srv, tokens['inspector'], 'GET', surveys + '/pupils/comments')
    t.ok(r.status == 200 and [c['text'] for c in j.get('comments', [])] == ['Kind staff'],
         'an inspector lists the comments', j)
    log = cli_json(db, 'audit', 'list')
    t.ok(len(log) > before and any(e.get('actor') == 'inspector' and 'comment' in
                                   (e.get('action') or '') for e in log[-3:] + log[:3]),
         'the listing is recorded in the audit log', log[:3])
    tag = surveys + '/pupils/comments/1'
    r, j = api(srv, tokens['inspector'], 'PUT', tag, {'qis': ['2.1'], 'as_evidence': 'maybe'})
    t.ok(r.status == 422 and field(j) == '/as_evidence', 'an unknown kind: 422 at /as_evidence', j)
    r, j = api(srv, tokens['inspector'], 'PUT', surveys + '/pupils/comments/9',
               {'as_evidence': 'strength'})
    t.ok(r.status == 404 and field(j) == '/comment', 'a comment that does not exist: 404', j)
    r, j = api(srv, tokens['panel'], 'PUT', tag, {'as_evidence': 'strength'})
    t.ok(r.status == 403, 'the panel may not tag a comment (403)', r.status)
    r, j = api(srv, tokens['inspector'], 'PUT', tag, {'qis': ['2.1'], 'as_evidence': 'strength'})
    c = cli_json(db, 'survey', 'comments', '1', 'pupils')[0]
    t.ok(r.status == 200 and j.get('evidence_number') and c['evidence'] == 'strength' and
         c['qis'] == ['2.1'] and c['evidence_number'] == j['evidence_number'],
         'tagged as a strength for 2.1: an evidence item, as the CLI shows', (j, c))
    r, j = api(srv, tokens['lead'], 'GET', '/api/v1/inspections/1/surveys/nothing/comments')
    t.ok(r.status == 404 and field(j) == '/survey', 'an unknown survey: 404 at /survey', j)

    # ---- the release: draft, then published under an embargo ----
    rel = '/api/v1/inspections/1/release'
    r, j = api(srv, tokens['lead'], 'GET', rel)
    rc, text, err = cairn(db, 'release', '1')
    title = sql(db, 'SELECT title FROM inspection WHERE id = 1')[0][0]
    t.ok(r.status == 200 and j.get('state') == 'draft' and j.get('text') == text,
         'the draft release is the text `cairn release` writes', (j.get('state'), err))
    t.ok(j.get('title') == title and len(j.get('paragraphs', [])) >= 3 and
         j['paragraphs'][0] in text and j.get('markdown', '').startswith('**') and
         '\n# ' in j['markdown'], 'with its title, paragraphs and Markdown', j.get('markdown'))
    page = lead.get('/inspections/1/release')
    t.ok('News release (draft)' in page.text, 'the page names it a draft too')
    r, j = api(srv, tokens['coord'], 'GET', rel)
    t.ok(r.status == 403 and field(j) == '/stage',
         'the co-ordinator sees no draft outside factual accuracy (403 at /stage)', j)
    r, j = api(srv, tokens['young'], 'GET', rel)
    t.ok(r.status == 403, 'a young inspector may not see the draft (403)', r.status)
    for qi, g in sql(db, 'SELECT qi_code, grade FROM evaluation WHERE inspection_id = 1'):
        rc, out, err = cairn(db, 'panel', 'review', '1', qi, '--grade', str(g), '--reason',
                             'Agreed', '--as', 'panel')
        assert rc == 0, err
    rc, out, err = cairn(db, 'panel', 'signoff', '1', '--as', 'panel')
    assert rc == 0, err
    rc, out, err = cairn(db, 'embargo', 'set', '1', '--date', '2099-01-05', '--as', 'lead')
    t.ok(rc == 0, 'an embargo until 2099', err)
    outdir = tempfile.mkdtemp(prefix='cairn-plan.')
    rc, out, err = cairn(db, 'publish', '1', '--out', outdir)
    t.ok(rc == 0, 'inspection 1 is published', err)
    r, j = api(srv, tokens['lead'], 'GET', rel)
    frozen = sql(db, "SELECT f.content, f.sha256 FROM publication_file f JOIN publication p ON "
                     "p.id = f.publication_id WHERE p.inspection_id = 1 AND f.name = 'release.txt'")
    data = frozen[0][0] if frozen else b''
    data = data.encode() if isinstance(data, str) else bytes(data)
    t.ok(r.status == 200 and j.get('state') == 'published' and j.get('version') == 1 and
         j.get('text', '').encode() == data and
         j.get('sha256') == hashlib.sha256(data).hexdigest(),
         'published: the frozen text, version 1, with its SHA-256', (j.get('state'), frozen[:0]))
    t.ok(j.get('embargo', '').startswith('Embargoed until') and j.get('title') == title,
         'it opens with the embargo line, then the title', j.get('embargo'))
    r, j = api(srv, tokens['coord'], 'GET', rel)
    t.ok(r.status == 403 and field(j) == '/embargo',
         'the co-ordinator is refused the published release until the embargo lifts', j)
    page = lead.get('/inspections/1/release')
    t.ok('News release (published)' in page.text, 'the page names it published too')

    # ---- the national overview ----
    r, j = api(srv, tokens['lead'], 'GET', '/api/v1/overview?framework=cyp-2014')
    cli = cli_json(db, 'overview', '--framework', 'cyp-2014', '--as', 'lead')['frameworks'][0]
    t.ok(r.status == 200 and j == cli, 'the overview equals `cairn overview --json` for the lead',
         (r.status, json.dumps(j)[:300], json.dumps(cli)[:300]))
    t.ok(any(p.get('inspection') == 1 for p in j.get('profiles', [])),
         'with the published inspection among the profiles')
    r, j2 = api(srv, tokens['lead'], 'GET', '/api/v1/overview')
    t.ok(r.status == 200 and j2 == j, 'without a filter, the page\'s choice (the framework with data)')
    r, j = api(srv, tokens['lead'], 'GET', '/api/v1/overview?framework=nothing')
    t.ok(r.status == 422 and field(j) == '/framework', 'an unknown framework: 422 at /framework', j)
    for who in ('coord', 'outsider', 'reader'):
        r, j = api(srv, tokens[who], 'GET', '/api/v1/overview')
        t.ok(r.status == 403, f'the {who} may not see the overview (403)', r.status)
finally:
    if srv is not None:
        t.ok(srv.stop() == 0, 'the server stops cleanly')
    fx.cleanup()
sys.exit(t.done())
