"""Progress reviews in the browser, against the real server: start a review,
judge progress on each area for improvement, re-evaluate indicators, decide,
download the report; refusals for the roles that may not and errors shown
against their inputs; what is stored checked through the command line.

The data are South Ayrshire's 2016 joint inspection (published 4 October
2016) and its progress review (Care Inspectorate, published 1 May 2018):
significant progress on leadership, some on planning, 9.4 re-evaluated from
weak to good and 6.2 from weak to very good, no further review needed (as
tests/e2e/review.sh on the command line).  Prints TAP."""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webtest import Client, Fixture, Server, Tap, cairn, csrf_of  # noqa: E402

t = Tap()
fx = Fixture()


def must(*args):
    rc, out, err = cairn(fx.db, *args)
    assert rc == 0, (args, err)
    return out


def south_ayrshire(name):
    """The 2016 inspection as published; returns its id and its two areas'
    finding ids."""
    out = must('inspection', 'create', '--partnership', name, '--framework', 'cyp-2014',
               '--published', '2016-10-04', '--json')
    iid = json.loads(out)['id']
    for g in ('1.1=adequate', '2.1=good', '3.1=good', '5.1=adequate', '5.2=good',
              '5.3=adequate', '6.2=weak', '6.3=adequate', '9.4=weak'):
        must('grade', str(iid), *g.split('='))
    areas = []
    for text, qi in (('Strengthen strategic leadership and direction.', '9.4'),
                     ("Plan more effectively through the integrated children's services plan.",
                      '6.2')):
        areas.append(json.loads(must('finding', 'add', str(iid), '--kind', 'improvement',
                                     '--text', text, '--qi', qi, '--json'))['id'])
    for user, role in (('lead', 'lead'), ('inspector', 'inspector'),
                       ('young', 'young-inspector'), ('panel', 'panel'),
                       ('coord', 'partnership-coordinator')):
        must('team', 'add', str(iid), user, '--role', role)
    return iid, areas


sa, _ = south_ayrshire('South Ayrshire')
sb, sb_areas = south_ayrshire('South Ayrshire (API)')
srv = Server(fx.db)
base = f'/inspections/{sa}'


def signed_in(user):
    c = Client(srv)
    r = c.sign_in(user)
    assert r.status == 303, (user, r.status)
    return c


def history(iid=None):
    return json.loads(must('review', 'history', str(iid or sa), '--json'))


def summary_links(html):
    m = re.search(r'ds_error-summary.*?</div>\s*</div>', html, re.S)
    return re.findall(r'href="#([^"]+)"', m.group(0)) if m else []


try:
    insp, young, coord, panel, outsider = (signed_in(u) for u in
                                           ('inspector', 'young', 'coord', 'panel', 'outsider'))

    # ---- who sees what ----
    r = insp.get(base + '/followup')
    t.ok(r.status == 200 and 'No progress review yet' in r.text and
         'Start a progress review' in r.text and 'id="review-date"' in r.text,
         'an inspector sees the follow-up page with the form to start a review', r.status)
    tok = csrf_of(r.text)
    r = young.get(base + '/followup')
    t.ok(r.status == 200 and 'Start a progress review' not in r.text,
         'a young inspector sees the page without the forms (the role table)', r.status)
    r = young.post(base + '/reviews', {'csrf': csrf_of(r.text), 'date': '2018-03-20'})
    t.ok(r.status == 403, 'a young inspector may not start a review (403)', r.status)
    r = panel.post(base + '/reviews', {'csrf': csrf_of(panel.get('/').text),
                                       'date': '2018-03-20'})
    t.ok(r.status == 403, 'nor may the panel (403)', r.status)
    t.ok('you are a Quality and Consistency Panel member on this inspection and may not record '
         'a progress review: only an inspection lead, a depute inspection lead or an inspector '
         'may' in r.text, 'the panel is told in plain words who may', r.text[-600:])
    t.ok(coord.get(base + '/followup').status == 403,
         "the co-ordinator may not see the evaluations' follow-up (403)")
    t.ok(outsider.get(base + '/followup').status == 404, 'someone not on the team gets 404')
    r = insp.post(base + '/reviews', {'csrf': 'f' * 64, 'date': '2018-03-20'})
    t.ok(r.status == 403, 'a form without a valid CSRF token is refused', r.status)
    t.ok(history()['reviews'] == [], 'nothing was stored by the refusals')

    # ---- start a review ----
    r = insp.post(base + '/reviews', {'csrf': tok, 'date': ''})
    t.ok(r.status == 400 and summary_links(r.text) == ['review-date'],
         'no date: the error summary links to the date input', (r.status, summary_links(r.text)))
    r = insp.post(base + '/reviews', {'csrf': tok, 'date': '2016-10-01'})
    t.ok(r.status == 400 and summary_links(r.text) == ['review-date'] and
         "not after the report&#39;s publication (2016-10-04)" in r.text.replace('&#x27;', '&#39;')
         and 'value="2016-10-01"' in r.text,
         'a date before the publication is refused against the date, the value kept',
         (r.status, summary_links(r.text)))
    t.ok(not re.search(r'cairn [a-z]+ |--[a-z]', re.sub(r'<[^>]+>', ' ', r.text)),
         'the page names no command and no flag')
    t.ok(history()['reviews'] == [], 'nothing was stored')
    r = insp.post(base + '/reviews', {'csrf': tok, 'date': '2018-03-20'})
    t.ok(r.status == 303 and r.header('Location') == f'{base}/followup?review=1&saved=created',
         'review 1 starts and the browser is sent to it', (r.status, r.header('Location')))
    r = insp.get(r.header('Location'))
    t.ok('The progress review was started.' in r.text and 'Progress at review 1' in r.text and
         'Decide review 1' in r.text and 'Start a progress review' not in r.text,
         'the banner, the open review\'s forms, no second review before a decision')
    t.ok([x['date'] for x in history()['reviews']] == ['2018-03-20'],
         'the command line sees review 1 of 2018-03-20')
    areas = re.findall(r'<option value="(\d+)"[^>]*>Area for improvement (\d): ([^<]*)<', r.text)
    t.ok([(a[0], a[1], a[2][:20]) for a in areas] == [('1', '1', 'Strengthen strategic'),
                                                      ('2', '2', 'Plan more effectivel')],
         'the areas for improvement are offered, and sent, by their number within the '
         'inspection, with their text', areas)
    a1, a2 = areas[0][0], areas[1][0]

    # ---- progress ----
    r = insp.post(base + '/reviews/1/progress', {'csrf': tok})
    t.ok(r.status == 400 and summary_links(r.text) == ['improvement', 'judgement',
                                                       'progress-text'],
         'an empty progress form: every error at once, each linked to its input',
         summary_links(r.text))
    r = insp.post(base + '/reviews/1/progress', {'csrf': tok, 'improvement': '999999',
                                                 'judgement': 'some', 'text': 'x'})
    t.ok(r.status == 400 and summary_links(r.text) == ['improvement'] and
         'there is no area for improvement 999999; valid: 1 to 2' in r.text,
         'an area number out of range is refused against the area, naming the valid range',
         summary_links(r.text))
    r = insp.post(base + '/reviews/1/progress', {'csrf': tok, 'improvement': a1,
                                                 'judgement': 'brilliant', 'text': 'x'})
    t.ok(r.status == 400 and summary_links(r.text) == ['judgement'] and
         'significant, some, limited, none' in r.text,
         'an unknown judgement is refused against the judgement', summary_links(r.text))
    r = insp.post(base + '/reviews/1/progress', {
        'csrf': tok, 'improvement': a1, 'judgement': 'significant',
        'text': 'Chief officers now meet monthly and lead improvement.',
        'evidence': 'COG minutes 2017-18'})
    t.ok(r.status == 303 and r.header('Location').endswith('review=1&saved=progress'),
         'progress on area 1 is recorded', r.status)
    r = insp.post(base + '/reviews/1/decide', {'csrf': tok, 'further': 'not-needed'})
    t.ok(r.status == 400 and summary_links(r.text) == ['further'],
         'deciding before every area is judged is refused, shown on the form', (
             r.status, summary_links(r.text)))
    t.ok(history()['reviews'][0]['further'] in ('', None), 'the review stays open',
         history()['reviews'])
    r = insp.post(base + '/reviews/1/progress', {
        'csrf': tok, 'improvement': a2, 'judgement': 'some',
        'text': 'The integrated plan was rewritten.'})
    t.ok(r.status == 303, 'progress on area 2 is recorded', r.status)

    # ---- re-evaluations ----
    r = insp.post(base + '/reviews/1/grade', {'csrf': tok})
    t.ok(r.status == 400 and summary_links(r.text) == ['review-qi', 'review-grade'],
         'an empty re-evaluation: both errors at once', summary_links(r.text))
    r = insp.post(base + '/reviews/1/grade', {'csrf': tok, 'qi': '9.4', 'grade': '9'})
    t.ok(r.status == 400 and summary_links(r.text) == ['review-grade'] and
         'unknown grade' in r.text, 'a grade off the scale is refused against the grade',
         summary_links(r.text))
    r = insp.post(base + '/reviews/1/grade', {'csrf': tok, 'qi': '9.4', 'grade': '4',
                                              'rationale': 'Leaders work effectively together'})
    t.ok(r.status == 303 and r.header('Location').endswith('saved=grade'), '9.4 re-evaluated',
         r.status)
    r = insp.post(base + '/reviews/1/grade', {'csrf': tok, 'qi': '6.2', 'grade': '5'})
    t.ok(r.status == 303, '6.2 re-evaluated', r.status)

    # ---- decide ----
    r = insp.post(base + '/reviews/1/decide', {'csrf': tok})
    t.ok(r.status == 400 and summary_links(r.text) == ['further'], 'no decision chosen: 400')
    r = insp.post(base + '/reviews/1/decide', {
        'csrf': tok, 'further': 'not-needed',
        'text': 'Good or very good progress; no further review work needed.'})
    t.ok(r.status == 303 and r.header('Location').endswith('saved=decided'), 'decided',
         r.status)
    r = insp.get(r.header('Location'))
    t.ok('The review was decided and is now closed.' in r.text and
         'Decide review 1' not in r.text and 'Start a progress review' not in r.text and
         'no further review is needed' in r.text,
         'the review is closed: no forms, and no next review after "not needed"')
    r = insp.post(base + '/reviews/1/grade', {'csrf': tok, 'qi': '5.2', 'grade': '5'})
    t.ok(r.status == 400 and 'decided and closed' in r.text,
         'a closed review refuses a re-evaluation', r.status)

    # ---- what is stored, through the command line ----
    h = history()
    got = [(q['qi'], q['original']['label'], [x['label'] for x in q['re_evaluations']],
            q['current']) for q in h['indicators'] if q['qi'] in ('9.4', '6.2', '5.2')]
    t.ok(got == [('5.2', 'Good', [], 4), ('6.2', 'Weak', ['Very good'], 5),
                 ('9.4', 'Weak', ['Good'], 4)],
         'the published review: 9.4 weak to good, 6.2 weak to very good, 5.2 unchanged', got)
    t.ok(h['reviews'][0]['date'] == '2018-03-20' and h['reviews'][0]['further'] == 'not-needed',
         'the decision is stored', h['reviews'])
    rc, out, _ = cairn(fx.db, 'audit', 'list', '--json')
    j = json.loads(out)
    acts = [e.get('action') for e in (j if isinstance(j, list) else j.get('entries', []))]
    t.ok(all(a in acts for a in ('review.create', 'review.progress', 'review.grade',
                                 'review.decide')), 'each change is in the audit log')

    # ---- the report, downloaded ----
    r = insp.get(base + '/reviews/1/report.json')
    rep = json.loads(r.body) if r.status == 200 else {}
    t.ok(r.status == 200 and [p['judgement'] for p in rep.get('progress', [])] ==
         ['significant', 'some'] and
         [(g['qi'], g['before'], g['grade']) for g in rep.get('re_evaluations', [])] ==
         [('6.2', 2, 5), ('9.4', 2, 4)],
         'the JSON report: the judgements and each re-evaluation beside the grade before',
         r.status)
    t.ok('attachment' in (r.header('Content-Disposition') or '') and
         'inspection-%d-review-1.json' % sa in r.header('Content-Disposition'),
         'downloaded as a named file', r.header('Content-Disposition'))
    r = insp.get(base + '/reviews/1/report.pdf')
    t.ok(r.status == 200 and r.body[:5] == b'%PDF-' and
         r.header('Content-Type') == 'application/pdf', 'the PDF report', r.status)
    rc, md, _ = cairn(fx.db, 'review', 'report', str(sa), '1', '--format', 'md')
    r = young.get(base + '/reviews/1/report.md')
    t.ok(r.status == 200 and r.text == md and 'Significant progress' in md,
         'the Markdown report is the command line\'s, byte for byte (same app/ call)', r.status)
    r = insp.get(base + '/followup?review=1')
    t.ok(f'href="{base}/reviews/1/report.pdf"' in r.text, 'the page links the downloads')
    t.ok(insp.get(base + '/reviews/1/report.exe').status == 404, 'an unknown format: 404')
    t.ok(insp.get(base + '/reviews/7/report.md').status == 404, 'an unknown review: 404')
    t.ok(coord.get(base + '/reviews/1/report.md').status == 403,
         'the co-ordinator may not download it (403)')
    t.ok(outsider.get(base + '/reviews/1/report.md').status == 404, 'an outsider gets 404')

    # ---- the same review through the JSON API, by the same app/ calls ----
    api = Client(srv)
    tok = {u: must('user', 'token', u).strip() for u in ('inspector', 'young', 'coord')}

    def send(user, method, path, body=None):
        h = {'Authorization': 'Bearer ' + tok[user]}
        if body is not None:
            h['Content-Type'] = 'application/json'
            body = json.dumps(body).encode()
        r = api.request(method, f'/api/v1/inspections/{sb}' + path, body=body, headers=h)
        try:
            return r, json.loads(r.body)
        except ValueError:
            return r, None

    def field(j):
        return ((j or {}).get('error') or {}).get('field')

    r, j = send('young', 'POST', '/reviews', {'date': '2018-03-20'})
    t.ok(r.status == 403, 'API: a young inspector may not start a review (403)', r.status)
    r, j = send('coord', 'GET', '/reviews')
    t.ok(r.status == 403, 'API: the co-ordinator may not read the follow-up (403)', r.status)
    r, j = send('inspector', 'POST', '/reviews', {})
    t.ok(r.status == 400 and field(j) == '/date', 'API: the date is required (400, /date)',
         (r.status, j))
    r, j = send('inspector', 'POST', '/reviews', {'date': '2016-10-01'})
    t.ok(r.status == 422 and 'date' in (field(j) or '') and '2016-10-04' in json.dumps(j),
         'API: a date before the publication is refused, naming the date', (r.status, j))
    t.ok(history(sb)['reviews'] == [], 'API: nothing was stored by the refusals')
    r, j = send('inspector', 'POST', '/reviews', {'date': '2018-03-20'})
    t.ok(r.status == 201 and j == {'inspection': sb, 'review': 1}, 'API: review 1 starts',
         (r.status, j))
    r, j = send('inspector', 'PUT', '/reviews/1/progress/%d' % sb_areas[1],
                {'judgement': 'some', 'text': 'x'})
    t.ok(r.status == 422 and field(j) == '/improvement' and
         'valid: 1 to 2' in j['error']['message'] and sb_areas[1] > 2,
         "API: an area's finding id is not its number: refused naming the valid range",
         (r.status, j))
    r, j = send('inspector', 'PUT', '/reviews/1/progress/1',
                {'judgement': 'significant',
                 'text': 'Chief officers now meet monthly and lead improvement.',
                 'evidence': 'COG minutes 2017-18'})
    t.ok(r.status == 200 and j['judgement'] == 'significant' and j['improvement'] == 1,
         'API: progress on area 1, answered by its number', (r.status, j))
    r, j = send('inspector', 'PUT', '/reviews/1/decision', {'further': 'not-needed'})
    t.ok(r.status == 422 and history(sb)['reviews'][0]['further'] in ('', None),
         'API: deciding before every area is judged is refused (422), the review stays open',
         (r.status, j))
    r, j = send('inspector', 'PUT', '/reviews/1/progress/999999',
                {'judgement': 'some', 'text': 'x'})
    t.ok(r.status == 422 and 'improvement' in (field(j) or ''),
         'API: an area of no such finding is refused against the improvement', (r.status, j))
    r, j = send('inspector', 'PUT', '/reviews/1/progress/2',
                {'judgement': 'some', 'text': 'The integrated plan was rewritten.'})
    t.ok(r.status == 200, 'API: progress on area 2', r.status)
    r, j = send('inspector', 'PUT', '/reviews/1/grades/9.4', {'grade': 'superb'})
    t.ok(r.status == 422 and 'grade' in (field(j) or ''), 'API: an unknown grade (422)',
         (r.status, j))
    r, j = send('inspector', 'PUT', '/reviews/1/grades/9.4',
                {'grade': 'good', 'rationale': 'Leaders work effectively together'})
    t.ok(r.status == 200 and j['grade'] == 4, 'API: 9.4 re-evaluated good (4)', (r.status, j))
    r, j = send('inspector', 'PUT', '/reviews/1/grades/6.2', {'grade': 5})
    t.ok(r.status == 200 and j['grade'] == 5, 'API: 6.2 re-evaluated very good (5)', r.status)
    r, j = send('inspector', 'PUT', '/reviews/1/decision', {'further': 'not-needed'})
    t.ok(r.status == 200, 'API: decided', (r.status, j))
    r, j = send('inspector', 'GET', '/reviews/1')
    t.ok(r.status == 200 and [(p['improvement'], p['judgement']) for p in j['progress']] ==
         [(1, 'significant'), (2, 'some')]
         and [(g['qi'], g['before'], g['grade']) for g in j['re_evaluations']] ==
         [('6.2', 2, 5), ('9.4', 2, 4)], 'API: the review report', r.status)
    r, j = send('young', 'GET', '/reviews')
    t.ok(r.status == 200 and j['indicators'] == h['indicators'],
         'API: the follow-up history equals the one recorded in the browser', r.status)
    r, j = send('inspector', 'GET', '/reviews/4')
    t.ok(r.status == 404, 'API: an unknown review: 404', r.status)
finally:
    srv.stop()
    fx.cleanup()
sys.exit(t.done())
