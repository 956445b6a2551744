"""End-to-end tests of findings, the confidence statement, the stage page
and creating an inspection, in the browser over HTTP against the real
server: add, change, reorder and remove findings with their indicators and
evidence (checked through the CLI's JSON), validation errors against their
inputs, refusals for roles that may not, the confidence statement as the
report's prose, moving the stage with the rule explained when it refuses,
and where an administrator lands after creating an inspection.  Prints TAP."""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webtest import Client, Fixture, Server, Tap, cairn, csrf_of  # noqa: E402


def findings(db):
    rc, out, err = cairn(db, 'inspection', 'show', '1', '--json')
    return json.loads(out)['findings']


def error_for(html, field):
    """The message shown against input field, linked from the summary."""
    linked = re.search(r'href="#' + re.escape(field) + r'"', html) is not None
    m = re.search(r'id="' + re.escape(field) + r'-error"[^>]*>(.*?)</', html, re.S)
    return linked, (re.sub(r'<[^>]+>', '', m.group(1)).strip() if m else None)


t = Tap()
fx = Fixture()
rc, out, err = cairn(fx.db, 'evidence', 'add', '1', '--source', 'document', '--text',
                     'Chronologies were incomplete in 9 of 20 records.', '--qi', '5.2',
                     '--status', 'improvement')
t.ok(rc == 0, 'setup: evidence 1 recorded', err)
srv = Server(fx.db)
try:
    lead = Client(srv)
    lead.sign_in('lead')
    r = lead.get('/inspections/1/findings')
    t.ok(r.status == 200 and 'Strengths' in r.text and 'Areas for improvement' in r.text,
         'the findings page lists strengths and areas for improvement', r.status)
    before = findings(fx.db)
    csrf = csrf_of(r.text)

    # Add: an area for improvement linked to 5.2 and evidence 1.
    r = lead.post('/inspections/1/findings', [('csrf', csrf), ('kind', 'improvement'),
                                              ('text', 'Keep chronologies complete.'),
                                              ('qis', '5.2'), ('qis', '5.3'),
                                              ('evidence', '1')])
    t.ok(r.status == 303 and 'done=added' in (r.header('Location') or ''),
         'adding a finding redirects with a banner', r.status)
    r = lead.get(r.header('Location'))
    t.ok('The finding was added.' in r.text, 'the banner says the finding was added')
    now = findings(fx.db)
    new = [f for f in now if f['text'] == 'Keep chronologies complete.']
    t.ok(len(new) == 1 and new[0]['kind'] == 'improvement' and
         sorted(new[0].get('qis', [])) == ['5.2', '5.3'],
         'stored: the new area for improvement with indicators 5.2 and 5.3', now)
    t.ok(len(now) == len(before) + 1, 'one finding more is stored')
    # The demo has three areas for improvement: the new one is the fourth.
    t.ok(re.search(r'<th[^>]*>4</th>\s*<td[^>]*>Keep chronologies complete\.</td>', r.text)
         is not None, 'the page numbers the new area 4 within the inspection, not by id')
    t.ok(re.search(r'Keep chronologies complete\.</td>\s*<td[^>]*>5\.2, 5\.3</td>\s*'
                   r'<td[^>]*>1</td>', r.text) is not None,
         'the page shows its indicators and its evidence number')

    # Validation: an unknown evidence number and an empty text, against their inputs.
    r = lead.post('/inspections/1/findings', {'csrf': csrf, 'kind': 'strength',
                                              'text': 'Good.', 'evidence': '99'})
    linked, msg = error_for(r.text, 'evidence')
    t.ok(r.status == 400 and linked and msg and 'no evidence 99' in msg,
         'an unknown evidence number is shown against the evidence input', msg)
    t.ok(len(findings(fx.db)) == len(now), 'the refused finding is not stored')
    t.ok('--evidence' not in r.text and 'cairn ' not in r.text,
         'the message names no command or flag')
    r = lead.post('/inspections/1/findings', {'csrf': csrf, 'kind': 'strength', 'text': ''})
    linked, msg = error_for(r.text, 'text')
    t.ok(r.status == 400 and linked and msg, 'an empty finding is shown against its text', msg)

    # Change it: now a strength... no, keep the kind, change its text and links.
    fid = new[0]['id']
    r = lead.get(f'/inspections/1/findings?edit={fid}')
    t.ok('Change a finding' in r.text and 'Keep chronologies complete.</textarea>' in r.text,
         'the change form starts from the finding')
    r = lead.post('/inspections/1/findings/edit', {'csrf': csrf, 'finding': str(fid),
                                                   'kind': 'improvement',
                                                   'text': 'Complete every chronology.',
                                                   'qis': '5.2'})
    t.ok(r.status == 303, 'changing a finding redirects', r.status)
    f = [x for x in findings(fx.db) if x['id'] == fid][0]
    t.ok(f['text'] == 'Complete every chronology.' and f.get('qis') == ['5.2'],
         'stored: the new text and only 5.2', f)

    # Reorder: move it up one place among the areas for improvement.
    order = [x['id'] for x in findings(fx.db) if x['kind'] == 'improvement']
    r = lead.post('/inspections/1/findings/move', {'csrf': csrf, 'finding': str(fid),
                                                   'direction': 'up'})
    t.ok(r.status == 303, 'moving a finding redirects', r.status)
    after = [x['id'] for x in findings(fx.db) if x['kind'] == 'improvement']
    t.ok(after == order[:-2] + [order[-1], order[-2]], 'stored: it moved up one place',
         (order, after))
    strengths = [x['id'] for x in findings(fx.db) if x['kind'] == 'strength']
    r = lead.post('/inspections/1/findings/move', {'csrf': csrf, 'finding': str(strengths[0]),
                                                   'direction': 'up'})
    t.ok(r.status == 400 and 'already first' in r.text,
         'the first strength cannot move up, with the reason', r.status)

    # Remove it.
    r = lead.post('/inspections/1/findings/remove', {'csrf': csrf, 'finding': str(fid)})
    t.ok(r.status == 303 and all(x['id'] != fid for x in findings(fx.db)),
         'removing a finding deletes it', r.status)

    # Confidence: level and text, shown as the report's prose.
    r = lead.post('/inspections/1/confidence', {'csrf': csrf, 'level': 'partially-confident',
                                                'statement': 'Leaders know what to do.'})
    t.ok(r.status == 303, 'recording the confidence statement redirects', r.status)
    r = lead.get('/inspections/1/findings')
    t.ok('<p>Partially confident.</p>' in r.text and '<p>Leaders know what to do.</p>' in r.text,
         'the statement is shown as the report carries it')
    rc, out, err = cairn(fx.db, 'inspection', 'show', '1')
    t.ok('Confidence: Partially confident. Leaders know what to do.' in out,
         'stored: the level and text', out[-300:])
    r = lead.post('/inspections/1/confidence', {'csrf': csrf, 'level': 'sure'})
    linked, msg = error_for(r.text, 'level')
    t.ok(r.status == 400 and linked and msg, 'an unknown level is shown against the level',
         msg)

    # Roles that may not.
    for user in ('young', 'panel', 'coord'):
        c = Client(srv)
        c.sign_in(user)
        page = c.get('/inspections/1/findings')
        r = c.post('/inspections/1/findings', {'csrf': csrf_of(page.text),
                                               'kind': 'strength', 'text': 'Mine.'})
        t.ok(r.status in (403, 404) and 'Add a finding' not in page.text,
             f'{user} sees no add form and may not add a finding', r.status)
        if user == 'young':
            t.ok(r.status == 403 and 'you are a young inspector on this inspection and may not '
                 'grade indicators and record findings: only an inspection lead, a depute '
                 'inspection lead or an inspector may' in r.text,
                 'the young inspector is told in plain words who may', r.text[-600:])
    t.ok(all(x['text'] != 'Mine.' for x in findings(fx.db)), 'nothing was stored for them')

    # Stage: the current stage and a refused move explained.
    r = lead.get('/inspections/1/stage')
    t.ok(r.status == 200 and 'Current stage' in r.text, 'the stage page shows the stage',
         r.status)
    rc, out, err = cairn(fx.db, 'stage', '1', '--json')
    cur = json.loads(out).get('stage') if rc == 0 else None
    r = lead.post('/inspections/1/stage', {'csrf': csrf_of(r.text), 'stage': 'published',
                                           'date': '2030-01-01'})
    linked, msg = error_for(r.text, 'stage')
    t.ok(r.status == 409 and linked and msg, 'a refused move is explained against the stage',
         (r.status, msg))
    r = lead.post('/inspections/1/stage', {'csrf': csrf, 'stage': 'notified', 'date': 'soon'})
    linked, msg = error_for(r.text, 'date')
    t.ok(r.status in (400, 409) and linked and msg and 'YYYY-MM-DD' in msg,
         'a bad date is shown against the date', msg)
    rc, out, err = cairn(fx.db, 'stage', '1', '--json')
    t.ok(rc == 0 and json.loads(out).get('stage') == cur, 'the stage did not change', out)
    r = lead.post('/inspections/1/stage', {'csrf': csrf, 'stage': 'scoping',
                                           'date': '2030-01-01'})
    t.ok(r.status == 303, 'a move to the next stage redirects', r.status)
    r = lead.get(r.header('Location') or '/')
    rc, out, err = cairn(fx.db, 'stage', '1', '--json')
    t.ok(json.loads(out).get('stage') == 'scoping' and 'moved to its new stage' in r.text,
         'stored: the inspection is at scoping, and the page says so', out[:80])
    c = Client(srv)
    c.sign_in('inspector')
    page = c.get('/inspections/1/stage')
    t.ok('Move the inspection' not in page.text, 'an inspector is not offered the move form')

    # Creating an inspection: the administrator lands on a page, never on 404.
    admin = Client(srv)
    admin.sign_in('admin')
    page = admin.get('/new-inspection')
    r = admin.post('/new-inspection', {'csrf': csrf_of(page.text), 'partnership': 'Fife',
                                       'framework': 'cyp-2014', 'lead': 'lead'})
    loc = r.header('Location') or ''
    t.ok(r.status == 303, 'creating an inspection redirects', r.status)
    r = admin.get(loc)
    t.ok(r.status == 200 and 'was created' in r.text,
         'the administrator lands on a page saying it was created', (loc, r.status))

    # Publishing the new, empty inspection: what is missing is said in words, with
    # links to where to do it.
    new_id = loc.rpartition('=')[2]
    r = lead.get(f'/inspections/{new_id}/publish')
    t.ok('cannot be published until' in r.text and 'confidence statement has not been made'
         in r.text and f'href="/inspections/{new_id}/findings"' in r.text and
         f'href="/inspections/{new_id}/panel"' in r.text,
         'the publish page says what is missing and links to where to put it right', r.status)
finally:
    srv.stop()
    fx.cleanup()
t.done()
