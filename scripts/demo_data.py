#!/usr/bin/env python3
"""The records-reading, evidence and survey part of `make demo`.

Usage: demo_data.py CAIRN DB OUTDIR

Adds to the fictional demo inspection 1 (built by `cairn demo`) what an
inspection gathers: a population return of 400 made-up children, a
stratified sample of 60 with reserves and double reads, two reader pairs,
their readings (deterministic, generated here; a tenth read twice), a
resolved difference, evidence items, the notes of the fieldwork activities the demo
planned (activities 1 to 5 held; 6 was cancelled), and the fictional staff survey; then
writes the outputs again so the report carries the new sections.  Every
name and reference is invented: never real children.  Each step runs the
real `cairn` commands a user would run; a step whose command is missing
(a part of Cairn not built) is skipped with a note.
"""
import csv
import json
import os
import random
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
    step('report, release, reading summary and agreement rewritten', outputs)
    return 0


if __name__ == '__main__':
    sys.exit(main())
