"""End-to-end tests over HTTP against the real server: the Quality and
Consistency Panel through the JSON API (GET /api/v1/inspections/{id}/panel,
PUT .../panel/{qi}, POST .../panel/signoff), the same app/ calls as the
panel page and `cairn panel review|signoff`.  Only the panel reviews and
signs off; sign-off is refused (409, the app's words) while a graded
indicator is unreviewed; bad input is refused at its field and changes
nothing; a review after sign-off voids it.  What is stored is read back
through the CLI (`cairn evaluation show --json`), never only from the
server's own answer.  Prints TAP."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webtest import Client, Fixture, Server, Tap, cairn  # noqa: E402


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


def shown(db):
    """The CLI's view of inspection 1: ({qi: (team, panel grade or None, final)}, standing)."""
    rc, out, err = cairn(db, 'evaluation', 'show', '1', '--json')
    assert rc == 0, err
    j = json.loads(out)
    ev = {e['qi']: (e['team_grade'], e['panel']['grade'] if e['panel'] else None,
                    e['final_grade']['grade'] if e['final_grade'] else None)
          for e in j['evaluations']}
    return ev, j['signoff']['standing'], j['signoff']['history']


t = Tap()
fx = Fixture()
srv = Server(fx.db)
try:
    tokens = {}
    for u in ('lead', 'inspector', 'young', 'panel', 'coord', 'reader', 'outsider'):
        rc, out, err = cairn(fx.db, 'user', 'token', u)
        assert rc == 0, err
        tokens[u] = out.strip().split()[-1]
    base = '/api/v1/inspections/1/panel'
    ev0, standing0, hist0 = shown(fx.db)
    graded = sorted(q for q, v in ev0.items() if v[0])
    t.ok(len(graded) >= 2 and not standing0 and all(v[1] is None for v in ev0.values()),
         'the demo: graded indicators, none reviewed, not signed off', (ev0, standing0))

    r, j = api(srv, tokens['lead'], 'GET', base)
    items = {i['qi']: i for i in j.get('indicators', [])}
    t.ok(r.status == 200 and j.get('signed_off') is False and j.get('last_signoff') is None and
         all(items[q]['state'] == 'not-reviewed' and items[q]['team_grade'] == ev0[q][0]
             for q in graded),
         'the lead reads the panel: every graded indicator not reviewed', (r.status, j))
    for who, want in (('young', 200), ('coord', (403, 404)), ('reader', (403, 404)),
                      ('outsider', 404)):
        r, j = api(srv, tokens[who], 'GET', base)
        ok = r.status == want if isinstance(want, int) else r.status in want
        t.ok(ok, f'GET as {who}: {want}', (r.status, j))

    r, j = api(srv, tokens['panel'], 'POST', base + '/signoff')
    msg = j.get('error', {}).get('message', '')
    t.ok(r.status == 409 and graded[0] in msg and 'cairn' not in msg,
         'sign-off with unreviewed indicators: 409 naming them', (r.status, j))
    t.ok(shown(fx.db)[1] is False and shown(fx.db)[2] == [], 'nothing was signed off',
         shown(fx.db)[2])

    q0, q1 = graded[0], graded[1]
    for who in ('lead', 'inspector', 'young'):
        r, j = api(srv, tokens[who], 'PUT', f'{base}/{q0}', {'grade': ev0[q0][0], 'reason': 'x'})
        t.ok(r.status == 403 and shown(fx.db)[0][q0][1] is None,
             f'the {who} may not review (403, nothing stored)', (r.status, j))
    r, j = api(srv, tokens['outsider'], 'PUT', f'{base}/{q0}', {'grade': 4, 'reason': 'x'})
    t.ok(r.status == 404, 'someone not on the team: 404', (r.status, j))

    r, j = api(srv, tokens['panel'], 'PUT', f'{base}/{q0}', {'grade': 9, 'reason': 'Too high'})
    t.ok(r.status == 422 and field(j) == '/grade' and shown(fx.db)[0][q0][1] is None,
         'a grade not on the scale: 422 at /grade, nothing stored', (r.status, j))
    r, j = api(srv, tokens['panel'], 'PUT', f'{base}/{q0}', {'grade': 4, 'reason': '   '})
    t.ok(r.status == 422 and field(j) == '/reason' and shown(fx.db)[0][q0][1] is None,
         'a blank reason: 422 at /reason', (r.status, j))
    r, j = api(srv, tokens['panel'], 'PUT', f'{base}/{q0}', {'grade': 4})
    t.ok(r.status in (400, 422) and field(j) == '/reason', 'no reason: refused at /reason',
         (r.status, j))
    r, j = api(srv, tokens['panel'], 'PUT', f'{base}/9.9', {'grade': 4, 'reason': 'x'})
    t.ok(r.status == 404, 'an indicator not in the framework: 404', (r.status, j))

    # Agree with the first, query the second with another grade, by label.
    r, j = api(srv, tokens['panel'], 'PUT', f'{base}/{q0}',
               {'grade': ev0[q0][0], 'reason': 'The panel agrees with the team.'})
    items = {i['qi']: i for i in j.get('indicators', [])}
    t.ok(r.status == 200 and items.get(q0, {}).get('state') == 'agrees' and
         items[q0]['review']['reviewer'] == 'panel', 'the panel agrees with one', (r.status, j))
    other = 3 if ev0[q1][0] != 3 else 4
    labels = {3: 'adequate', 4: 'good'}
    r, j = api(srv, tokens['panel'], 'PUT', f'{base}/{q1}',
               {'grade': labels[other], 'reason': 'Weaker than the evidence suggests.'})
    items = {i['qi']: i for i in j.get('indicators', [])}
    t.ok(r.status == 200 and items.get(q1, {}).get('state') == 'queried' and
         items[q1]['final_grade'] == other, 'the panel queries another, by label', (r.status, j))
    ev, standing, _ = shown(fx.db)
    t.ok(ev[q0][1:] == (ev0[q0][0], ev0[q0][0]) and ev[q1] == (ev0[q1][0], other, other),
         'the CLI shows both reviews and the panel grade as final', ev)

    if len(graded) > 2:
        r, j = api(srv, tokens['panel'], 'POST', base + '/signoff')
        t.ok(r.status == 409 and graded[2] in j.get('error', {}).get('message', ''),
             'still refused while one is unreviewed', (r.status, j))
    else:
        t.ok(True, 'only two graded indicators')
    for q in graded[2:]:
        r, j = api(srv, tokens['panel'], 'PUT', f'{base}/{q}',
                   {'grade': ev0[q][0], 'reason': 'Agreed.'})
        assert r.status == 200, (r.status, j)

    r, j = api(srv, tokens['lead'], 'POST', base + '/signoff')
    t.ok(r.status == 403 and shown(fx.db)[1] is False, 'the lead may not sign off (403)',
         (r.status, j))
    r, j = api(srv, tokens['panel'], 'POST', base + '/signoff')
    t.ok(r.status == 200 and j.get('signed_off') is True and
         j.get('last_signoff', {}).get('by') == 'panel', 'the panel signs off', (r.status, j))
    ev, standing, hist = shown(fx.db)
    t.ok(standing is True and len(hist) == 1 and hist[0]['signed_by'] == 'panel',
         'the CLI shows the sign-off standing', hist)
    r, j = api(srv, tokens['panel'], 'POST', base + '/signoff')
    t.ok(r.status == 409 and len(shown(fx.db)[2]) == 1, 'a second sign-off: 409', (r.status, j))

    r, j = api(srv, tokens['panel'], 'PUT', f'{base}/{q0}',
               {'grade': ev0[q0][0], 'reason': 'Agreed again.'})
    ls = j.get('last_signoff') or {}
    t.ok(r.status == 200 and j.get('signed_off') is False and ls.get('void_reason'),
         'a review after sign-off voids it, visibly', (r.status, j))
    ev, standing, hist = shown(fx.db)
    t.ok(standing is False and hist[-1].get('voided_at'), 'the CLI shows it voided', hist)

    # The panel's view ("agree" or "query") is app_panel_view's rule, the same
    # for the page, the API and the CLI: agreeing gives the team's grade and a
    # default note; a query needs a grade other than the team's and a note.
    def reviews():
        rc, out, err = cairn(fx.db, 'audit', 'list', '--json')
        assert rc == 0, err
        return sum(1 for e in json.loads(out) if e['action'] == 'panel.review')
    n0, tg0 = reviews(), ev0[q0][0]
    r, j = api(srv, tokens['panel'], 'PUT', f'{base}/{q0}',
               {'view': 'query', 'grade': tg0, 'reason': 'Same grade'})
    t.ok(r.status == 422 and field(j) == '/grade' and
         'other than the team' in j.get('error', {}).get('message', ''),
         "a query giving the team's own grade: 422 at /grade", (r.status, j))
    r, j = api(srv, tokens['panel'], 'PUT', f'{base}/{q0}', {'view': 'query', 'grade': other})
    t.ok(r.status == 422 and field(j) == '/reason', 'a query without a note: 422 at /reason',
         (r.status, j))
    r, j = api(srv, tokens['panel'], 'PUT', f'{base}/{q0}', {'view': 'maybe'})
    t.ok(r.status == 422 and field(j) == '/view', 'an unknown view: 422 at /view', (r.status, j))
    t.ok(reviews() == n0, 'the refused views recorded nothing', (reviews(), n0))
    r, j = api(srv, tokens['panel'], 'PUT', f'{base}/{q1}', {'view': 'agree', 'grade': other})
    items = {i['qi']: i for i in j.get('indicators', [])}
    rv = items.get(q1, {}).get('review') or {}
    t.ok(r.status == 200 and items[q1]['state'] == 'agrees' and rv.get('grade') == ev0[q1][0] and
         rv.get('reason') == "The panel agrees with the team's grade.",
         "agreeing without grade or note gives the team's grade and the default note "
         "(a grade sent is ignored)", (r.status, rv))
    ev, _, _ = shown(fx.db)
    t.ok(ev[q1] == (ev0[q1][0], ev0[q1][0], ev0[q1][0]), 'the CLI shows the agreement', ev[q1])
    rc, out, err = cairn(fx.db, 'panel', 'review', '1', q0, '--view', 'query', '--grade',
                         str(tg0), '--reason', 'Same', '--as', 'panel')
    t.ok(rc == 65 and '--grade' in err and 'other than the team' in err,
         'the CLI refuses the same query, naming --grade', (rc, err))
    rc, out, err = cairn(fx.db, 'panel', 'review', '1', q1, '--view', 'query', '--grade',
                         str(other), '--as', 'panel')
    t.ok(rc != 0 and '--reason' in err, 'the CLI refuses a query without a note, naming --reason',
         (rc, err))
    rc, out, err = cairn(fx.db, 'panel', 'review', '1', q0, '--view', 'agree', '--as', 'panel',
                         '--json')
    t.ok(rc == 0 and json.loads(out).get('panel_grade') == tg0,
         "the CLI's --view agree gives the team's grade", (rc, out, err))
    rc = srv.stop()
    t.ok(rc == 0, 'the server stops cleanly (no sanitizer report)',
         (rc, srv.proc.stderr.read()[-2000:] if srv.proc.stderr else ''))
finally:
    srv.stop()
    fx.cleanup()
sys.exit(t.done())
