"""Matters of concern through the JSON API against the real server (issue
21): raising one (a bad kind refused with its field as a JSON pointer), the
list with step, age, due date and the overdue count, one concern with its
steps, every step as the role that may make it, refusals (an inspector's
decision 403, a skipped step 409 in plain words, a missing date 422 with
its field), and the audit log holding none of the text.  Prints TAP."""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webtest import Client, Fixture, Server, Tap, cairn  # noqa: E402


def api(srv, token, method, path, body=None):
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


t = Tap()
fx = Fixture()
# A sample to raise concerns about (scripts/demo_data.py, as the CLI tests do).
subprocess.run([sys.executable, os.path.join(os.environ.get('SRCDIR', '.'), 'scripts',
                                             'demo_data.py'),
                os.environ.get('CAIRN', 'build/cairn'), fx.db, os.path.join(fx.dir, 'out')],
               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
rc, out, err = cairn(fx.db, 'sample', 'list', '1', '--json')
refs = [m['ref'] for m in json.loads(out).get('members', [])
        if m.get('status') == 'selected'] if rc == 0 else []
t.ok(len(refs) > 0, 'the demo inspection has a sample', err)
for u, role in (('dee', 'depute'),):
    cairn(fx.db, 'user', 'add', u, '--name', 'Dee Depute', stdin='correct horse battery\n')
    cairn(fx.db, 'team', 'add', '1', u, '--role', role)
srv = Server(fx.db)
try:
    tokens = {}
    for u in ('lead', 'inspector', 'reader', 'dee', 'young'):
        rc, out, err = cairn(fx.db, 'user', 'token', u)
        tokens[u] = out.strip().split()[-1]
    base = '/api/v1/inspections/1/concerns'
    ref = refs[0] if refs else 'X'

    r, j = api(srv, tokens['lead'], 'POST', base, {'ref': ref, 'kind': 'rumour', 'text': 'x'})
    t.ok(r.status == 422 and j.get('error', {}).get('field') == '/kind', 'an unknown kind: 422 at /kind',
         (r.status, j))
    # The demo already holds one overdue concern awaiting the partnership.
    r, j = api(srv, tokens['lead'], 'GET', base)
    before = j.get('overdue')
    r, j = api(srv, tokens['lead'], 'POST', base,
               {'ref': ref, 'kind': 'child-protection', 'text': 'API-SECRET bruising'})
    t.ok(r.status == 201 and j.get('step') == 'raised', 'raised through the API', (r.status, j))
    cid = j.get('id', 0)
    r, j = api(srv, tokens['lead'], 'GET', base)
    c = [x for x in j.get('concerns', []) if x['id'] == cid]
    t.ok(r.status == 200 and c and c[0]['kind'] == 'child-protection' and
         c[0]['step'] == 'raised' and c[0]['due_on'] and c[0]['overdue'] is False and
         j.get('overdue') == before == 1,
         'listed with its kind, step and due date, not overdue (only the demo\'s one is)', j)
    r, j = api(srv, tokens['young'], 'GET', base)
    t.ok(r.status in (403, 404), 'a young inspector cannot list concerns', r.status)

    step = f'{base}/{cid}/step'
    r, j = api(srv, tokens['inspector'], 'POST', step, {'step': 'escalated', 'text': 'r'})
    t.ok(r.status == 403, 'an inspector\'s decision: 403', (r.status, j))
    r, j = api(srv, tokens['lead'], 'POST', step, {'step': 'passed', 'text': 'r',
                                                   'officer': 'Jo Smith, CSWO'})
    t.ok(r.status == 409 and 'the inspection lead first decides' in j.get('error', {}).get('message', ''),
         'a skipped step: 409 saying what comes next', (r.status, j))
    r, j = api(srv, tokens['lead'], 'POST', step, {'step': 'escalated', 'text': 'API-SECRET r'})
    t.ok(r.status == 200 and j.get('step') == 'escalated', 'the lead escalates it', (r.status, j))
    r, j = api(srv, tokens['dee'], 'POST', step, {'step': 'passed', 'text': 'API-SECRET p',
                                                  'officer': 'Jo Smith, CSWO'})
    t.ok(r.status == 422 and j.get('error', {}).get('field') == '/date', 'passing without a date: 422 at /date',
         (r.status, j))
    rc, out, err = cairn(fx.db, 'concern', 'show', '1', str(cid), '--json')
    today = json.loads(out)['step_on'] if rc == 0 else ''
    r, j = api(srv, tokens['dee'], 'POST', step, {'step': 'passed', 'text': 'API-SECRET p',
                                                  'officer': 'Jo Smith, CSWO', 'date': today})
    t.ok(r.status == 200 and j.get('step') == 'passed', 'the depute passes it', (r.status, j))
    r, j = api(srv, tokens['dee'], 'POST', step, {'step': 'responded', 'text': 'API-SECRET q',
                                                  'date': today, 'referral': today})
    t.ok(r.status == 200, 'the response and the referral', (r.status, j))
    r, j = api(srv, tokens['lead'], 'POST', step, {'step': 'closed', 'text': 'API-SECRET c'})
    t.ok(r.status == 200 and j.get('open') is False, 'closed', (r.status, j))
    r, j = api(srv, tokens['lead'], 'GET', f'{base}/{cid}')
    t.ok(r.status == 200 and [s['step'] for s in j.get('steps', [])] ==
         ['raised', 'escalated', 'passed', 'responded', 'closed'] and
         j['steps'][2]['officer'] == 'Jo Smith, CSWO' and j['steps'][3]['referral_on'] == today,
         'one concern: every step with who it was passed to and the referral', j)
    r, j = api(srv, tokens['lead'], 'GET', f'{base}/99999')
    t.ok(r.status == 404, 'no such concern: 404', r.status)
    rc, out, err = cairn(fx.db, 'audit', 'list', '--json')
    t.ok(rc == 0 and 'API-SECRET' not in out and '"concern.pass"' in out,
         'the audit log has the steps and none of their text')
finally:
    srv.stop()
    fx.cleanup()
sys.exit(t.done())
