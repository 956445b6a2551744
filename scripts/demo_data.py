#!/usr/bin/env python3
"""The records-reading, evidence and survey part of `make demo`.

Usage: demo_data.py CAIRN DB OUTDIR

Adds to the fictional demo inspection 1 (built by `cairn demo`) what an
inspection gathers: a population return of 400 made-up children, a
stratified sample of 60 with reserves and double reads, two reader pairs,
their readings (deterministic, generated here; a tenth read twice), a
resolved difference, evidence items, the notes of the fieldwork activities the demo
planned (activities 1 to 5 held; 6 was cancelled), and the fictional staff survey; then
writes the outputs again so the report carries the new sections.  It also adds a
survey of children and young people, and a second inspection (Westerhaven)
taken past inspection 1's first stage: the panel's sign-off, factual accuracy
comments with the lead's answers, the embargo with its media contact,
publication, the joint action plan and a progress review.  Every
name and reference is invented: never real children.  Each step runs the
real `cairn` commands a user would run; a step whose command is missing
(a part of Cairn not built) is skipped with a note.
"""
import csv
import json
import os
import random
import shutil
import subprocess
import sys

CAIRN, DB, OUT = sys.argv[1], sys.argv[2], sys.argv[3]
TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(OUT, 'demo-inputs')


def cairn(*args, json_out=False, check=True):
    cmd = [CAIRN, '--db', DB] + (['--json'] if json_out else []) + list(args)
    p = subprocess.run(cmd, capture_output=True, text=True)
    if check and p.returncode != 0:
        raise RuntimeError(f'{" ".join(args[:3])}: {p.stderr.strip()}')
    return json.loads(p.stdout) if json_out and p.stdout.strip() else p.stdout


def step(name, fn):
    try:
        fn()
        print(f'  {name}')
    except (RuntimeError, OSError, KeyError, ValueError) as e:
        print(f'  {name}: skipped ({e})')


def population():
    r = random.Random(7)
    cats = ['cp-investigation', 'cp-register', 'looked-after-home', 'looked-after-away',
            'vulnerable-young-person']
    path = os.path.join(WORK, 'population.csv')
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(['ref', 'category', 'age', 'sex', 'locality', 'simd_quintile'])
        for i in range(1, 401):
            w.writerow([f'GM-{i:04d}', r.choice(cats), r.randint(0, 17), r.choice('FM'),
                        r.choice(['Glen North', 'Glen South', 'Moorside']), r.randint(1, 5)])
    cairn('population', 'import', '1', path)


def sample():
    cairn('sample', 'draw', '1', '--size', '60', '--strata', 'category', '--min-per-stratum', '5',
          '--seed', '20260302', '--reserve', '2', '--double-read', '10')


READERS = [('Isla Inspector', 'inspector', 'Care Inspectorate'),
           ('Hamish Inspector', 'inspector', 'Healthcare Improvement Scotland'),
           ('Lorna Reader', 'local', 'Social work'),
           ('Morag Reader', 'local', 'Health')]


def readers():
    for name, kind, agency in READERS:
        cairn('reader', 'add', '1', name, '--kind', kind, '--agency', agency)
    cairn('reader', 'assign', '1')


def readings():
    lst = cairn('reader', 'list', '1', json_out=True)
    pairs = {p['pair']: p for p in lst['pairs']}
    tmpl = cairn('template', 'show', 'cyp-2014-records', json_out=True)
    items = [i for i in tmpl['items'] if not i.get('per_agency') and i['answer'] != 'text']
    r = random.Random(11)
    path = os.path.join(WORK, 'readings.csv')
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(['ref', 'reader', 'item', 'answer'])
        for a in lst['assignments']:
            reader = pairs[a['pair']]['inspector'] if a['round'] == 1 else pairs[a['pair']]['local']
            base = r.choice([3, 4, 4, 5, 5, 4, 2, 6])
            for it in items:
                if it['answer'] == 'six-point':
                    ans = str(min(6, max(1, base + r.choice([-1, 0, 0, 0, 1]))))
                elif it['answer'] == 'yes-no-na':
                    ans = r.choice(['yes', 'yes', 'no'])
                else:
                    ans = r.choice(it['choices'][:2] + it['choices'][:1])
                w.writerow([a['ref'], reader, it['code'], ans])
    cairn('reading', 'import', '1', path, '--submit')
    cmp = cairn('reading', 'compare', '1', json_out=True)
    if cmp.get('items'):
        d = cmp['items'][0]
        cairn('reading', 'resolve', '1', d['ref'], d['item'], d['first']['answer'],
              '--note', 'agreed at moderation')


EVIDENCE = [
    ('interview', 'Young people described staff who stayed with them through changes of placement.',
     '2.1', 'strength'),
    ('records-reading', 'Chronologies were missing or out of date in a third of records read.', '5.2',
     'improvement'),
    ('focus-group', 'Parents said they were not always told what would happen after a meeting.', '3.1',
     'uncertainty'),
    ('document', 'The children\'s services plan sets out shared priorities with measures.', '6.2',
     'strength'),
    ('staff-survey', 'Most staff were confident in recognising risk; fewer in using chronologies.',
     '5.2', 'no-concern'),
]


def evidence():
    for source, text, qi, status in EVIDENCE:
        cairn('evidence', 'add', '1', '--source', source, '--text', text, '--qi', qi,
              '--status', status)


# The notes of the demo's planned activities (cairn demo plans them), as each
# activity's lead records them: activity number, lead, notes, indicator, status.
FIELDWORK = [
    (1, 'Rory Inspector', 'Guidance staff described early help offered within days of a concern.',
     '2.1', 'strength'),
    (2, 'Eilidh Lead', 'Leaders shared a clear vision but improvement work was not always '
     'followed through.', '9.4', 'improvement'),
    (3, 'Skye Young', 'Young people said they trusted the staff who worked with them most.', '2.1',
     'strength'),
    (4, 'Rory Inspector', 'Parents were not always told what would happen after a meeting.', '3.1',
     'uncertainty'),
    (5, 'Eilidh Lead', 'The network of support around the child met often but chronologies were '
     'thin.', '5.2', 'improvement'),
]


def fieldwork():
    for number, lead, notes, qi, status in FIELDWORK:
        cairn('fieldwork', 'record', '1', str(number), '--as', lead, '--notes', notes, '--qi', qi,
              '--status', status)


def survey():
    d = os.path.join(TOP, 'tests', 'data', 'survey')
    cairn('survey', 'create', '1', '--name', 'staff', '--kind', 'staff', '--scale', 'agree5',
          '--items', os.path.join(d, 'staff-items.json'), '--invited', '640')
    cairn('survey', 'import', '1', 'staff', os.path.join(d, 'staff-glenmore.csv'),
          '--comment-columns', 'What is working well?,What could be improved?')


# The partnership's side (docs/guide-partnership.md): its co-ordinators, the
# notification letter, the pre-inspection return as CSV per sheet, and a
# position statement with a supporting document and a claim an inspector
# tested against the evidence.
COORDINATOR = 'Rhona Reid'
PANEL = 'Morven Kerr'


def partnership():
    cairn('team', 'add', '1', COORDINATOR, '--role', 'partnership-coordinator')
    cairn('partnership', 'contact', '1', '--kind', 'inspection-coordinator', '--name', COORDINATOR,
          '--job', "Head of children's services")
    cairn('partnership', 'contact', '1', '--kind', 'participation-coordinator', '--name',
          'Sam Lee')
    cairn('partnership', 'notify', '1', '--council', 'Glenmoor Council', '--health-board',
          'NHS Glenmoor', '--date', '2026-01-12', '--as', 'Eilidh Lead')
    sheets = {
        'children': [['category', 'number', 'census_date'],
                     ['On the child protection register', '38', '2026-01-31'],
                     ['Looked after at home', '112', '2026-01-31'],
                     ['Looked after away from home', '167', '2026-01-31']],
        'services': [['service', 'agency', 'posts', 'vacancies', 'commissioned'],
                     ['Social work children and families', 'Glenmoor Council', '64.5', '4', 'no'],
                     ['Health visiting', 'NHS Glenmoor', '41', '2', 'no'],
                     ['Family support', 'Glenmoor Family Trust', '12', '', 'yes']],
    }
    args = []
    for name, rows in sheets.items():
        path = os.path.join(WORK, f'return-{name}.csv')
        with open(path, 'w', newline='', encoding='utf-8') as f:
            csv.writer(f).writerows(rows)
        args.append(f'{name}={path}')
    cairn('partnership', 'return', '1', *args, '--as', COORDINATOR)
    doc = os.path.join(WORK, 'ird-audit.txt')
    with open(doc, 'w', encoding='utf-8') as f:
        f.write('Glenmoor inter-agency referral discussion audit 2025 (fictional).\n')
    cairn('partnership', 'document', '1', '--file', doc, '--title', 'IRD audit 2025',
          '--as', COORDINATOR)
    texts = {'D1': 'Most measures of wellbeing improved over three years.',
             'D2': 'Children and young people say staff listen to them and help them early.'}
    args = []
    for code, text in texts.items():
        path = os.path.join(WORK, f'statement-{code}.txt')
        with open(path, 'w', encoding='utf-8') as f:
            f.write(text + '\n')
        args.append(f'{code}={path}')
    cairn('partnership', 'statement', '1', *args, '--as', COORDINATOR)
    cairn('partnership', 'claim', '1', '--section', 'D2', '--text',
          'Every inter-agency referral discussion is held within 24 hours', '--documents', '1',
          '--as', COORDINATOR)
    cairn('partnership', 'test', '1', '1', '--qi', '2.1', '--verdict', 'qualified', '--evidence',
          '2', '--note', 'Most were, but chronologies show some took longer',
          '--as', 'Rory Inspector')


# Two matters of concern (docs/guide-concerns.md), raised during fieldwork:
# one through every step to closed, one passed to the partnership's senior
# officer and still awaiting its response.
def concerns():
    refs = sorted(m['ref'] for m in cairn('sample', 'list', '1', json_out=True)['members']
                  if not m['reserve'])[-2:]
    os.environ['CAIRN_TODAY'] = '2026-03-10'
    try:
        lead = 'Eilidh Lead'
        c1 = cairn('concern', 'raise', '1', refs[0], '--kind', 'child-protection', '--text',
                   'Bruising noted in the record; no inter-agency referral discussion recorded',
                   '--as', lead, json_out=True)['id']
        c2 = cairn('concern', 'raise', '1', refs[1], '--kind', 'child', '--text',
                   'No contact with the allocated worker recorded for five months',
                   '--as', lead, json_out=True)['id']
        for c in (c1, c2):
            cairn('concern', 'decide', '1', str(c), '--escalate', 'yes', '--reasons',
                  'The record shows a possible risk not yet acted on', '--as', lead)
            cairn('concern', 'pass', '1', str(c), '--officer', 'Jo Smith, Chief Social Work Officer',
                  '--date', '2026-03-10', '--note', 'Passed by phone and confirmed by email',
                  '--as', lead)
        os.environ['CAIRN_TODAY'] = '2026-03-12'
        cairn('concern', 'respond', '1', str(c1), '--response',
              'A social worker visited; an inter-agency referral discussion was held',
              '--date', '2026-03-12', '--referral', '2026-03-11', '--as', lead)
        cairn('concern', 'close', '1', str(c1), '--note', 'A child protection plan is in place',
              '--as', lead)
    finally:
        del os.environ['CAIRN_TODAY']


def withdrawn():
    n = cairn('evidence', 'add', '1', '--source', 'interview', '--text',
              'Young people described staff who stayed with them (recorded twice).', '--qi',
              '2.1', '--status', 'strength', json_out=True)['number']
    cairn('evidence', 'withdraw', '1', str(n), '--reason', 'The same interview recorded twice',
          '--as', 'Eilidh Lead')


def progress_review():
    cairn('team', 'add', '1', PANEL, '--role', 'panel')
    cairn('panel', 'progress-review', '1', '--needed', 'yes', '--due', '2027-09-30', '--focus',
          'Chronologies and the assessment of risk', '--as', PANEL)


# A second survey: children and young people (fictional), answered on a
# three-point scale, with an age-group breakdown.
CYP_STATEMENTS = ['I feel safe where I live',
                  'There is an adult I trust who I can talk to',
                  'Adults listen to what I have to say',
                  'I get help when I need it']


def survey_cyp():
    r = random.Random(23)
    path = os.path.join(WORK, 'survey-cyp.csv')
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(['id', 'Age group'] + CYP_STATEMENTS)
        for i in range(1, 119):
            w.writerow([f'Y{i:03d}', r.choice(['8 to 11', '12 to 15', '16 and over'])] +
                       [r.choice(['Yes', 'Yes', 'Yes', 'No', 'Not sure']) for _ in CYP_STATEMENTS])
    cairn('survey', 'create', '1', '--name', 'young-people', '--kind', 'cyp', '--scale',
          'yesno3', '--invited', '300')
    cairn('survey', 'import', '1', 'young-people', path, '--attribute-columns', 'Age group')


# A second fictional inspection, Westerhaven, taken through to the end: the
# panel's sign-off, the factual accuracy stage with the co-ordinator's
# comments and the lead's answers, the embargo with its media contact, the
# publication, the partnership's joint action plan (numbered actions) and a
# progress review.  Inspection 1 stays at its first stage so that every
# working page is open; this one shows what comes after.
W_LEAD, W_INSPECTOR = 'Eilidh Lead', 'Rory Inspector'
W_COORDINATOR = 'Fiona Grant'
W_GRADES = [('1.1', 'adequate', 'Some measures of wellbeing improved; others did not.'),
            ('2.1', 'good', 'Children and young people told us staff helped them early.'),
            ('3.1', 'good', 'Parents valued the family support service.'),
            ('5.1', 'adequate', 'Early help depended on where a family lived.'),
            ('5.2', 'weak', 'Risk was not always assessed when circumstances changed.'),
            ('5.3', 'adequate', 'Plans were written but not always reviewed on time.'),
            ('6.2', 'good', 'The partnership had a clear children\'s services plan.'),
            ('6.3', 'adequate', 'Young people were consulted but rarely shaped decisions.'),
            ('9.4', 'adequate', 'Leaders knew the partnership\'s weaknesses.')]
W_FINDINGS = [('strength', 'Families valued help offered early by health visitors.', '3.1'),
              ('improvement', 'Assess risk whenever a child\'s circumstances change.', '5.2'),
              ('improvement', 'Review every child\'s plan on time.', '5.3')]
W_STAGES = [('scoping', '2025-06-09'), ('records-reading', '2025-07-07'),
            ('fieldwork', '2025-09-01'), ('analysis', '2025-10-27'), ('panel', '2025-11-24')]


def completed():
    wid = str(cairn('inspection', 'create', '--partnership', 'Westerhaven', '--framework',
                    'cyp-2014', '--title', 'Joint inspection of services for children and young '
                    'people in Westerhaven (fictional demonstration)', '--notified', '2025-06-02',
                    '--fieldwork', '2025-09-01..2025-10-24', '--published', '2026-02-17',
                    '--agencies', 'Care Inspectorate, Education Scotland, Healthcare '
                    'Improvement Scotland, HM Inspectorate of Constabulary in Scotland',
                    '--context', 'Westerhaven is a fictional community planning partnership '
                    'invented for this demonstration. No real child, family or service is '
                    'described.', json_out=True)['id'])
    for person, role in [(W_LEAD, 'lead'), (W_INSPECTOR, 'inspector'), (PANEL, 'panel'),
                         (W_COORDINATOR, 'partnership-coordinator')]:
        cairn('team', 'add', wid, person, '--role', role)
    for qi, grade, why in W_GRADES:
        cairn('grade', wid, qi, grade, '--rationale', why, '--as', W_LEAD)
    for kind, text, qi in W_FINDINGS:
        cairn('finding', 'add', wid, '--kind', kind, '--text', text, '--qi', qi, '--as', W_LEAD)
    cairn('confidence', wid, '--level', 'confident', '--text', 'Leaders know what must improve '
          'and have begun to act.', '--as', W_LEAD)
    cairn('inspection', 'release', wid, '--quote', 'We welcome the report and will act on it.',
          '--quote-by', 'Chief Executive, Westerhaven Council (fictional)', '--as', W_LEAD)
    for stage, date in W_STAGES:
        cairn('stage', wid, 'move', stage, '--date', date, '--as', W_LEAD)
    for qi, grade, _ in W_GRADES:
        cairn('panel', 'review', wid, qi, '--grade', grade, '--reason',
              'The evidence supports the team\'s grade', '--as', PANEL)
    cairn('panel', 'signoff', wid, '--as', PANEL)
    cairn('stage', wid, 'move', 'factual-accuracy', '--date', '2025-12-15', '--as', W_LEAD)
    # The co-ordinator comments on two passages of the draft; the lead
    # accepts one with the change and answers the other with the reason.
    cairn('accuracy', 'comment', wid, '--section', 'qi-2.1', '--paragraph', '2', '--passage',
          'staff helped them early', '--comment', 'Say which staff: health visitors and teachers.',
          '--as', W_COORDINATOR)
    cairn('accuracy', 'comment', wid, '--section', 'qi-5.2', '--paragraph', '2', '--passage',
          'Risk was not always assessed', '--comment', 'Our audit found risk assessed in most '
          'cases; please say "not always" is from the records read.', '--as', W_COORDINATOR)
    cairn('accuracy', 'respond', wid, '1', '--response', 'accepted', '--after',
          'health visitors and teachers helped them early', '--as', W_LEAD)
    cairn('accuracy', 'respond', wid, '2', '--response', 'not-accepted', '--reason',
          'The records read and the staff survey both support the passage as written.',
          '--as', W_LEAD)
    cairn('embargo', 'set', wid, '--date', '2026-02-17', '--time', '00:01', '--media-contact',
          'Press office, Westerhaven Council (fictional), 01632 960123', '--as', W_LEAD)
    cairn('stage', wid, 'move', 'published', '--date', '2026-02-17', '--as', W_LEAD)
    published = os.path.join(OUT, 'westerhaven-published')
    shutil.rmtree(published, ignore_errors=True)
    cairn('publish', wid, '--out', published, '--as', W_LEAD)
    # The partnership's joint action plan: actions numbered 1, 2, 3 within
    # the inspection, against areas for improvement 1 and 2.
    for area, text, owner, due in [
            ('1', 'Train every team in the shared risk assessment', 'Chief Social Work Officer',
             '2026-06-30'),
            ('1', 'Audit risk assessments each quarter', 'Child Protection Committee',
             '2026-09-30'),
            ('2', 'Set a review date in every child\'s plan', 'Head of Children\'s Services',
             '2026-05-31')]:
        cairn('action', 'add', wid, '--improvement', area, '--text', text, '--owner', owner,
              '--due', due, '--as', W_COORDINATOR)
    cairn('action', 'update', wid, '1', '--status', 'done', '--evidence',
          'Training records: 212 staff trained by June 2026', '--as', W_COORDINATOR)
    cairn('action', 'update', wid, '3', '--status', 'in-progress', '--as', W_COORDINATOR)
    cairn('action', 'update', wid, '2', '--note', 'First audit due after the summer',
          '--as', W_INSPECTOR)
    cairn('action', 'update', wid, '2', '--status', 'done', '--evidence',
          'First quarterly audit, September 2026', '--as', W_COORDINATOR)
    cairn('action', 'update', wid, '3', '--due', '2027-03-31', '--note',
          'Delayed by the new case recording system', '--as', W_COORDINATOR)
    cairn('action', 'agree', wid, '--as', W_LEAD)
    # A progress review eight months after publication.
    n = str(cairn('review', 'create', wid, '--date', '2026-10-13', '--as', W_LEAD,
                  json_out=True)['review'])
    cairn('review', 'progress', wid, n, '--improvement', '1', '--judgement', 'significant',
          '--text', 'Risk is now assessed when circumstances change', '--evidence',
          'Quarterly audit, September 2026', '--as', W_INSPECTOR)
    cairn('review', 'progress', wid, n, '--improvement', '2', '--judgement', 'some',
          '--text', 'Most plans now carry a review date', '--as', W_INSPECTOR)
    cairn('review', 'grade', wid, n, '5.2', 'adequate', '--rationale',
          'Risk assessments improved across teams', '--as', W_INSPECTOR)
    cairn('review', 'decide', wid, n, '--further', 'not-needed', '--text',
          'Good progress on both areas for improvement', '--as', W_LEAD)


def outputs():
    for fmt, name in [('pdf', 'report.pdf'), ('html', 'report.html'), ('md', 'report.md'),
                      ('json', 'report.json'), ('xlsx', 'report.xlsx')]:
        cairn('report', '1', '--format', fmt, '--out', os.path.join(OUT, name), check=False)
    with open(os.path.join(OUT, 'release.txt'), 'w', encoding='utf-8') as f:
        f.write(cairn('release', '1'))
    with open(os.path.join(OUT, 'reading-summary.txt'), 'w', encoding='utf-8') as f:
        f.write(cairn('reading', 'summary', '1'))
    with open(os.path.join(OUT, 'agreement.txt'), 'w', encoding='utf-8') as f:
        f.write(cairn('agreement', '1'))


def main():
    os.makedirs(WORK, exist_ok=True)
    print('demo inspection 1: adding the inspection\'s working data')
    step('population return of 400 fictional children', population)
    step('stratified sample of 60 (seed 20260302, 2 reserves per stratum, 10% double read)', sample)
    step('two reader pairs, records assigned', readers)
    step('readings submitted, one difference resolved', readings)
    step('evidence log', evidence)
    step('fieldwork notes recorded (five activities held, one cancelled)', fieldwork)
    step('staff survey (fictional)', survey)
    step('the partnership: co-ordinators, notification, return, position statement', partnership)
    step('matters of concern: one closed, one awaiting the partnership', concerns)
    step('a withdrawn evidence item', withdrawn)
    step("the panel's decision on a progress review", progress_review)
    step('a survey of children and young people (fictional)', survey_cyp)
    step('inspection 2, Westerhaven: factual accuracy, embargo, published, action plan, '
         'progress review', completed)
    step('report, release, reading summary and agreement rewritten', outputs)
    return 0


if __name__ == '__main__':
    sys.exit(main())
