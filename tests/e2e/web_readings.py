"""End-to-end tests of the readings part of issue 17 in the browser and the
JSON API, against the real server, as the lead, reader A (an inspector),
reader B (a local reader) and a young inspector:
  - each reader sees the state of their own reading, never their partner's;
  - a second reading of a record sampled for single reading is refused with a
    clear message (the API names the field);
  - the agreement page shows kappa, weighted kappa and alpha for the
    inspection and per item, checked against values computed by hand (R,
    base only: the formulas are in the comments below), and the API gives
    the same numbers;
  - the lead corrects a submitted reading with a reason (old answer kept,
    audited), refused without a reason or for a draft; the API too;
  - the lead removes a reader, their records going to another reader chosen
    from a list; refused when nobody is chosen and records would be left;
  - the young inspector is offered only what the role table lets them do.
Prints TAP."""
import csv
import html as htmllib
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webtest import PASSWORD, Client, Fixture, Server, Tap, cairn, csrf_of  # noqa: E402

# The hand-computed fixture: the ten double-read records' answers by reader
# A ('inspector') and reader B ('reader').
#   child-plan A: 4 4 5 3 2 6 4 5 3 4
#              B: 4 5 5 3 3 6 3 5 2 4
#   6 of 10 agree (60.0%); margins A {2:1,3:2,4:4,5:2,6:1}, B {2:1,3:3,4:2,5:3,6:1};
#   p_e = (1*1 + 2*3 + 4*2 + 2*3 + 1*1)/100 = 0.22, kappa = (0.6-0.22)/0.78 = 0.4871795.
#   Weighted on the scale's six levels (w = 1-|i-j|/5, 1-(i-j)^2/25):
#   linear 0.6875000, quadratic 0.8461538; Krippendorff's ordinal alpha 0.8711093
#   (coincidence matrix, delta^2 = (sum of n_g from c to k - (n_c+n_k)/2)^2).
#   wellbeing-change A: i i s s w i s i w s, B: i s s s w i i i w s (i improved,
#   s same, w worse): 8 of 10 agree (80.0%), kappa 0.6875000, nominal alpha 0.7031250.
CP_A = [4, 4, 5, 3, 2, 6, 4, 5, 3, 4]
CP_B = [4, 5, 5, 3, 3, 6, 3, 5, 2, 4]
WC = {'i': 'improved', 's': 'same', 'w': 'worse'}
WC_A = [WC[c] for c in 'iissw isiws'.replace(' ', '')]
WC_B = [WC[c] for c in 'isssw iiiws'.replace(' ', '')]
EXACT = {'child-plan': (0.4871795, 0.6875, 0.8461538, 0.8711093),
         'wellbeing-change': (0.6875, 0.7031250)}


def cells(html, label):
    """The cells of the table row whose header cell starts with label."""
    for row in re.findall(r'<tr[^>]*>(.*?)</tr>', html, re.S):
        m = re.search(r'<th[^>]*>(.*?)</th>', row, re.S)
        if m and htmllib.unescape(re.sub(r'<[^>]+>', '', m.group(1))).strip().startswith(label):
            return [htmllib.unescape(re.sub(r'<[^>]+>', '', c)).strip()
                    for c in re.findall(r'<td[^>]*>(.*?)</td>', row, re.S)]
    return None


def near(cell, want):
    """Whether the cell's first number is want shown to three decimals."""
    m = re.match(r'-?[0-9]+\.[0-9]{3}\b', cell or '')
    return m is not None and abs(float(m.group(0)) - want) <= 0.0005 + 1e-9


def error_for(html, field):
    """Whether the summary links to input field, and the message shown at it."""
    linked = re.search(r'href="#' + re.escape(field) + r'"', html) is not None
    m = re.search(r'id="' + re.escape(field) + r'-error"[^>]*>(.*?)</', html, re.S)
    return linked, (htmllib.unescape(re.sub(r'<[^>]+>', '', m.group(1))).strip() if m else None)


def api(srv, tok, method, path, body=None):
    c = Client(srv)
    h = {'Authorization': 'Bearer ' + tok}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        h['Content-Type'] = 'application/json'
    r = c.request(method, path, body=data, headers=h)
    try:
        return r.status, json.loads(r.text)
    except ValueError:
        return r.status, None


def cli_json(db, *args):
    rc, out, err = cairn(db, *args, '--json')
    assert rc == 0, (args, err)
    return json.loads(out)


t = Tap()
fx = Fixture()
db = fx.db
rc, out, err = cairn(db, 'user', 'add', 'spare', '--name', 'Sam Spare', stdin=PASSWORD + '\n')
assert rc == 0, err
rc, out, err = cairn(db, 'inspection', 'create', '--partnership', 'Testshire', '--framework',
                     'cyp-2014')
assert rc == 0, err
ID = out.strip()
for user, role in (('lead', 'lead'), ('inspector', 'inspector'), ('reader', 'local-reader'),
                   ('young', 'young-inspector'), ('spare', 'inspector')):
    rc, out, err = cairn(db, 'team', 'add', ID, user, '--role', role)
    assert rc == 0, err
pop = os.path.join(fx.dir, 'pop.csv')
with open(pop, 'w') as f:
    f.write('ref,category\n')
    for i in range(40):
        f.write('C%03d,%s\n' % (i + 1, 'A' if i < 20 else 'B'))
rc, out, err = cairn(db, 'population', 'import', ID, pop)
assert rc == 0, err
sample = cli_json(db, 'sample', 'draw', ID, '--size', '14', '--strata', 'category', '--seed',
                  '7', '--double-read', '72')
members = [m for m in sample['members'] if not m['reserve']]
double = [m['ref'] for m in members if m['double_read']]
single = [m['ref'] for m in members if not m['double_read']]
t.ok(len(double) == 10 and len(single) == 4, 'setup: 10 double-read and 4 single-read records',
     (len(double), len(single)))
# Readers: A and the spare inspector, and B, the local reader: two pairs, so
# every record is with both of B's pairs and each of A and the spare once.
for name, kind in (('inspector', 'inspector'), ('spare', 'inspector'), ('reader', 'local')):
    rc, out, err = cairn(db, 'reader', 'add', ID, name, '--kind', kind)
    assert rc == 0, err
plan = cli_json(db, 'reader', 'assign', ID)
t.ok(len(plan['pairs']) == 2, 'setup: two pairs', plan['pairs'])
# A and B read the double-read records 1-8 (all A's and B's); 9 and 10 too,
# by the local administrator typing up paper readings.
rows = [('ref', 'reader', 'item', 'answer')]
six = ('risk-assessment', 'child-views', 'family-involvement', 'wellbeing-impact')
for k, ref in enumerate(double):
    for who, cp, wc in (('inspector', CP_A[k], WC_A[k]), ('reader', CP_B[k], WC_B[k])):
        rows += [(ref, who, it, '4') for it in six]
        rows += [(ref, who, 'child-plan', str(cp)), (ref, who, 'wellbeing-change', wc)]
readings = os.path.join(fx.dir, 'readings.csv')
with open(readings, 'w', newline='') as f:
    csv.writer(f).writerows(rows)
rc, out, err = cairn(db, 'reading', 'import', ID, readings, '--submit')
t.ok(rc == 0, 'setup: 20 readings of the double-read records submitted', err)
tok = {}
for u in ('lead', 'young', 'inspector'):
    rc, out, err = cairn(db, 'user', 'token', u)
    assert rc == 0, err
    tok[u] = out.strip().split()[-1]

srv = Server(db)
try:
    lead, a, b, young = Client(srv), Client(srv), Client(srv), Client(srv)
    for c, u in ((lead, 'lead'), (a, 'inspector'), (b, 'reader'), (young, 'young')):
        r = c.sign_in(u)
        assert r.status == 303, (u, r.status)

    # ---- the agreement page, against the hand-computed values ----
    r = young.get('/inspections/%s/agreement' % ID)
    t.ok(r.status == 200 and 'Agreement between readers' in r.text,
         'the young inspector sees the agreement page (aggregates)', r.status)
    lr = lead.get('/inspections/%s/agreement' % ID)
    t.ok(lr.status == 200, 'the lead sees the agreement page', lr.status)
    cpq = [it for it in json.load(open(os.path.join(
        os.environ.get('SRCDIR', '.'), 'data', 'models', 'cyp-2014', 'records.json')))['items']]
    text = {it['code']: it['text'] for it in cpq}
    cp = cells(lr.text, text['child-plan'])
    t.ok(cp is not None and cp[0] == '10' and cp[1] == '60.0%',
         'child-plan: 10 records read twice, 60.0% exact agreement', cp)
    t.ok(cp is not None and near(cp[2], 0.4871795) and ' (' in cp[2],
         "child-plan: Cohen's kappa 0.487 (by hand: 0.38/0.78) with its interval", cp)
    t.ok(cp is not None and near(cp[3], 0.6875) and near(cp[4], 0.8461538),
         'child-plan: weighted kappa linear 0.6875, quadratic 0.846 (six levels)', cp)
    t.ok(cp is not None and near(cp[5], 0.8711093) and
         re.match(r'[0-9.]+ \(-?[0-9.]+ to [0-9.]+\)$', cp[5]) is not None,
         "child-plan: Krippendorff's ordinal alpha 0.871 with its bootstrap interval", cp)
    wc = cells(lr.text, text['wellbeing-change'])
    t.ok(wc is not None and wc[1] == '80.0%' and near(wc[2], 0.6875) and
         near(wc[5], 0.7031250),
         'wellbeing-change: 80.0%, kappa 0.6875, nominal alpha 0.703', wc)
    ov = cells(lr.text, 'All six-point items')
    t.ok(ov is not None and ov[0] == '50', 'the overall row pools the five six-point items', ov)
    st, j = api(srv, tok['young'], 'GET', '/api/v1/inspections/%s/agreement' % ID)
    item = {i['item']: i for i in (j or {}).get('items', [])}
    ok = st == 200 and 'child-plan' in item
    if ok:
        c = item['child-plan']
        e = EXACT['child-plan']
        ok = (abs(c['kappa']['kappa'] - e[0]) < 5e-7 and
              abs(c['weighted_kappa_linear']['kappa'] - e[1]) < 5e-7 and
              abs(c['weighted_kappa_quadratic']['kappa'] - e[2]) < 5e-7 and
              abs(c['alpha']['alpha'] - e[3]) < 5e-7 and
              c['alpha']['ci_low'] <= c['alpha']['alpha'] <= c['alpha']['ci_high'])
    t.ok(ok, 'the API gives the same numbers to 7 places (kappa, weighted, alpha)', (st, j))
    ok = st == 200 and 'wellbeing-change' in item and \
        abs(item['wellbeing-change']['kappa']['kappa'] - EXACT['wellbeing-change'][0]) < 5e-7 \
        and abs(item['wellbeing-change']['alpha']['alpha'] - EXACT['wellbeing-change'][1]) < 5e-7
    t.ok(ok, 'and for wellbeing-change: kappa 0.6875, nominal alpha 0.703125')
    rc, out, err = cairn(db, 'agreement', ID, '--json')
    t.ok(rc == 0 and json.loads(out) == j, 'the command line and the API give the same JSON')

    # ---- the young inspector is offered only what the role table allows ----
    forbidden = ('/readers', '/correct', '/compare', '/reading', '/sample', '/concerns')
    for path in ('/inspections/%s' % ID, '/inspections/%s/agreement' % ID):
        r = young.get(path)
        links = re.findall(r'href="([^"]+)"', r.text)
        # A forbidden page or one below it ('/reading' is not '/readings/summary').
        bad = [h for h in links if any(re.match(r'/inspections/%s%s(?:[/?#]|$)' % (ID, f), h)
                                       for f in forbidden)]
        t.ok(r.status == 200 and not bad, 'the young inspector is offered no reading action '
             'they may not do on %s' % path, bad)
    r = young.get('/inspections/%s' % ID)
    t.ok('/inspections/%s/agreement' % ID in r.text,
         'the inspection page offers the young inspector the agreement page')
    for path in ('/inspections/%s/correct' % ID, '/inspections/%s/readers' % ID,
                 '/inspections/%s/reading' % ID):
        r = young.get(path)
        t.ok(r.status in (403, 404), 'and refuses %s' % path, r.status)

    # ---- each reader sees the state of their own reading ----
    s1, s2 = single[0], single[1]
    r = a.get('/inspections/%s/reading/%s' % (ID, s1))
    t.ok(r.status == 200, 'reader A opens a single-read record assigned to them', r.status)
    r = a.post('/inspections/%s/reading/%s' % (ID, s1),
               {'csrf': csrf_of(r.text), 'a.child-plan': '5',
                'a.comments': 'Seen by A: plan reviewed in March', 'do': 'save'})
    t.ok(r.status == 303, 'reader A saves a draft', r.status)
    r = a.get('/inspections/%s/reading' % ID)
    row = cells(r.text, s1)
    t.ok(row is not None and row[0] == 'In progress', "A's list: their reading is in progress",
         row)
    r = b.get('/inspections/%s/reading' % ID)
    row = cells(r.text, s1)
    t.ok(row is not None and row[0] == 'Not started',
         "B's list shows B's own state (not started), not A's", row)
    row = cells(r.text, double[0])
    t.ok(row is not None and row[0] == 'Submitted', "B's list: B's submitted reading", row)
    r = b.get('/inspections/%s/reading/%s' % (ID, s1))
    t.ok(r.status == 200 and 'plan reviewed in March' not in r.text,
         "B's form for the record does not show A's answers", r.status)
    # ---- a second reading of a single-read record is refused ----
    r = b.post('/inspections/%s/reading/%s' % (ID, s1),
               {'csrf': csrf_of(r.text), 'a.child-plan': '2', 'do': 'save'})
    t.ok(r.status == 400 and 'sampled for a single reading' in r.text,
         "B's second reading of a single-read record is refused, saying why", r.status)
    rc, out, err = cairn(db, 'reading', 'show', ID, s1, '--json')
    t.ok(rc == 0 and [x['reader'] for x in json.loads(out)['readings']] == ['inspector'],
         'nothing of B was stored', out)
    rc, out, err = cairn(db, 'reading', 'add', ID, s1, 'reader', 'child-plan', '2')
    t.ok(rc == 65 and 'single reading' in err and '(--ref)' not in err,
         'the command line refuses it too, in one line', err)

    # ---- the lead corrects a submitted reading, with a reason ----
    ref = double[0]
    r = lead.get('/inspections/%s' % ID)
    t.ok('/inspections/%s/correct' % ID in r.text, 'the lead is offered the correction page')
    r = lead.get('/inspections/%s/correct' % ID)
    t.ok(r.status == 200 and ('correct?ref=' + ref) in r.text,
         'the correction page lists the records with submitted readings', r.status)
    r = lead.get('/inspections/%s/correct?ref=%s' % (ID, ref))
    t.ok(r.status == 200 and 'Reading by Ian Inspector (inspector) (submitted)' in r.text and
         'Reading by Rory Reader (reader) (submitted)' in r.text and 'name="reason"' in r.text,
         "the record's submitted readings, named as the team page names people, and the form",
         r.status)
    opts = dict((v, l) for v, l in re.findall(
        r'<option value="([^"]*)"[^>]*>([^<]*)</option>',
        (re.search(r'<select[^>]*name="reader".*?</select>', r.text, re.S) or
         re.search('$', '')).group(0)))
    t.ok(opts.get('inspector') == 'Ian Inspector (inspector)' and
         opts.get('reader') == 'Rory Reader (reader)',
         'the readers to choose from are named "Name (username)", their usernames the values',
         opts)
    csrf = csrf_of(r.text)
    r = lead.post('/inspections/%s/correct' % ID,
                  {'csrf': csrf, 'ref': ref, 'reader': 'inspector', 'item': 'risk-assessment',
                   'answer': '5', 'reason': ''})
    linked, msg = error_for(r.text, 'reason')
    t.ok(r.status == 400 and linked and msg, 'no reason: the error is at the reason input', msg)
    r = lead.post('/inspections/%s/correct' % ID,
                  {'csrf': csrf, 'ref': ref, 'reader': 'inspector', 'item': 'risk-assessment',
                   'answer': '9', 'reason': 'typo'})
    linked, msg = error_for(r.text, 'answer')
    t.ok(r.status == 400 and linked and msg and "'9'" in msg,
         'a bad answer: the error is at the answer input', msg)
    r = lead.post('/inspections/%s/correct' % ID,
                  {'csrf': csrf, 'ref': s1, 'reader': 'inspector', 'item': 'child-plan',
                   'answer': '3', 'reason': 'typo'})
    linked, msg = error_for(r.text, 'reader')
    t.ok(r.status == 400 and linked and msg and 'not submitted' in msg,
         "a draft is its reader's to change: refused at the reader input", (r.status, msg))
    show = cli_json(db, 'reading', 'show', ID, ref)
    t.ok(all(not x['changes'] for x in show['readings']), 'the refusals changed nothing')
    r = lead.post('/inspections/%s/correct' % ID,
                  {'csrf': csrf, 'ref': ref, 'reader': 'inspector', 'item': 'risk-assessment',
                   'answer': '5', 'reason': 'The assessment was updated in May'})
    t.ok(r.status == 303 and 'done=1' in (r.header('Location') or ''),
         'the correction redirects with a banner', r.status)
    r = lead.get(r.header('Location'))
    t.ok('Reading corrected' in r.text and 'The assessment was updated in May' in r.text,
         'the banner, and the history with the reason', r.status)
    show = cli_json(db, 'reading', 'show', ID, ref)
    ra = [x for x in show['readings'] if x['reader'] == 'inspector'][0]
    t.ok(ra['status'] == 'submitted' and
         [(c['item'], c['old'], c['new'], c['reason'], c['by']) for c in ra['changes']] ==
         [('risk-assessment', '4', '5', 'The assessment was updated in May', 'lead')],
         "the old answer is kept in the history; the reading stays A's and submitted",
         ra['changes'])
    hist = re.search(r'Changes to the reading by .*?</table>', r.text, re.S)
    htxt = hist.group(0) if hist else ''
    t.ok('How good is the assessment of risks and needs?' in htxt and
         'risk-assessment' not in htxt and
         re.search(r'<time [^>]*datetime="[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z"[^>]*>'
                   r'[0-9]{1,2} [A-Z][a-z]+ [0-9]{4} at [0-9]{2}:[0-9]{2} UTC</time>', htxt),
         'the history names the question, not its code, and dates the change as people '
         'write dates, in <time datetime>', htxt[:600])
    rc, out, err = cairn(db, 'audit', 'list', '--json')
    t.ok('reading.correct' in out and 'updated in May' in out, 'the correction is audited')
    r = a.post('/inspections/%s/correct' % ID,
               {'csrf': csrf_of(a.get('/inspections/%s/reading' % ID).text), 'ref': ref,
                'reader': 'inspector', 'item': 'risk-assessment', 'answer': '3',
                'reason': 'mine'})
    t.ok(r.status in (403, 404), 'a reader may not correct (not even their own)', r.status)
    st, j = api(srv, tok['lead'], 'POST', '/api/v1/inspections/%s/readings/%s/correction'
                % (ID, ref), {'reader': 'reader', 'reason': 'Agreed at moderation',
                              'answers': {'child-views': '5', 'child-plan': '4'}})
    t.ok(st == 200 and j.get('changed') == 1, 'the API corrects (one answer really changed)',
         (st, j))
    st, j = api(srv, tok['lead'], 'POST', '/api/v1/inspections/%s/readings/%s/correction'
                % (ID, ref), {'reader': 'reader', 'reason': 'x', 'answers': {'child-plan': '7'}})
    t.ok(st == 422 and j['error']['field'] == '/child-plan', 'the API names the bad answer',
         (st, j))
    st, j = api(srv, tok['inspector'], 'POST', '/api/v1/inspections/%s/readings/%s/correction'
                % (ID, ref), {'reader': 'reader', 'reason': 'x', 'answers': {'child-plan': '2'}})
    t.ok(st in (403, 404), 'an inspector may not correct through the API', st)

    # ---- removing a reader ----
    r = lead.get('/inspections/%s/readers' % ID)
    t.ok(r.status == 200 and 'Remove a reader' in r.text and
         re.search(r'<select[^>]*name="to"', r.text) is not None,
         'the readers page offers removal, the other reader chosen from a list', r.status)
    csrf = csrf_of(r.text)
    r = lead.post('/inspections/%s/readers/remove' % ID,
                  {'csrf': csrf, 'reader': 'spare', 'to': ''})
    linked, msg = error_for(r.text, 'to')
    t.ok(r.status == 400 and linked and msg and 'not yet read' in msg,
         'removal that would leave records unread is refused, at the "to" input', msg)
    r = lead.post('/inspections/%s/readers/remove' % ID,
                  {'csrf': csrf, 'reader': 'spare', 'to': 'reader'})
    linked, msg = error_for(r.text, 'to')
    t.ok(r.status == 400 and linked and msg and 'an inspector' in msg,
         'an inspector is replaced by an inspector', msg)
    plan = cli_json(db, 'reader', 'list', ID)
    t.ok(not any(x['removed'] for x in plan['readers']), 'the refusals removed nobody')
    spare_pairs = [p['pair'] for p in plan['pairs'] if p['inspector'] == 'spare']
    r = lead.post('/inspections/%s/readers/remove' % ID,
                  {'csrf': csrf, 'reader': 'spare', 'to': 'inspector'})
    t.ok(r.status == 303 and 'done=removed' in (r.header('Location') or ''),
         'the spare reader is removed, their records going to reader A', r.status)
    r = lead.get(r.header('Location'))
    t.ok('Reader removed' in r.text and 'Removed (submitted readings kept)' in r.text,
         'the banner, and the reader shown as removed', r.status)
    plan = cli_json(db, 'reader', 'list', ID)
    t.ok([x['name'] for x in plan['readers'] if x['removed']] == ['spare'] and
         all(p['inspector'] == 'inspector' for p in plan['pairs'] if p['pair'] in spare_pairs),
         "spare's pairs are now reader A's", plan['pairs'])
    show = cli_json(db, 'reading', 'show', ID, double[1])
    t.ok(sorted(x['reader'] for x in show['readings']) == ['inspector', 'reader'],
         'submitted readings stay, attributed to their readers')
    st, j = api(srv, tok['lead'], 'POST', '/api/v1/inspections/%s/readers/reader/remove' % ID,
                {})
    t.ok(st == 422 and j['error']['field'] == '/to', 'the API refuses to leave records unread, '
         'naming /to', (st, j))
    st, j = api(srv, tok['lead'], 'POST', '/api/v1/inspections/%s/readers/ghost/remove' % ID,
                {'to': 'inspector'})
    t.ok(st == 404, 'the API: an unknown reader is 404', (st, j))
finally:
    t.ok(srv.stop() == 0, 'the server stops cleanly')
    fx.cleanup()
t.done()
