#!/usr/bin/env python3
"""Builds large inspections for the page and national benchmarks (issues 17 and 22).

One large inspection: 50,000 children in the population, 600 sampled (60 read
twice), 10 readers, every sampled record read and submitted, 25,000 evidence
items, a grade for every evaluated indicator resting on linked evidence, and
100,000 audit entries.

How each part is made (so that the data is what Cairn itself would hold):
  - through Cairn's own commands and import paths: `init`, `user add`,
    `inspection create`, `team add`, `population import` (the CSV import, with
    its checksum and stratum index), `sample draw`, `reader add`, `reader
    assign`, `reading import --submit`, `grade --evidence`, `outcomes import`;
  - directly with SQL consistent with the schema (data/sql/003_evidence.sql and
    011_audit_keyed.sql), because 25,000 `cairn evidence add` processes per
    inspection would take minutes: the evidence log (`evidence`, `evidence_qi`,
    numbered from 1 within the inspection as store_evidence_insert numbers
    them) and the audit entries, whose hash chain is computed here exactly as
    src/app/access/audit.c computes form 2 (HMAC-SHA256 keyed by DATABASE.key,
    over the previous hash, each field with its length, and the SHA-256 of the
    subject and detail), each appended to DATABASE.anchor, so that `cairn audit
    verify` passes on the generated log.

Everything is deterministic (fixed LCG seeds) and written under bench/work/.

Usage: bench/largegen.py [--db FILE] [--inspections N] [--evidence N] [--audit N]
                         [--population N] CAIRN_BINARY
(the national database is bench/national.py, which calls build_inspection).
"""
import argparse
import csv
import hashlib
import hmac
import json
import os
import sqlite3
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
WORK = os.path.join(HERE, 'work')
PASSWORD = 'bench password 1'
GENESIS = '0' * 64

SOURCES = ['position-statement', 'document', 'interview', 'focus-group', 'observation',
           'professional-discussion', 'staff-survey', 'cyp-survey', 'parent-carer-survey',
           'records-reading', 'data', 'young-inspectors']
STATUSES = ['strength', 'improvement', 'no-concern', 'uncertainty', 'concern']
ACTIONS = ['evidence.view', 'reading.view', 'sample.view', 'evidence.add', 'reading.answer',
           'report.download', 'concern.view', 'grade.set']


class Lcg:
    """A 64-bit LCG (Knuth MMIX), as bench/run.py's."""
    def __init__(self, seed):
        self.x = seed & 0xFFFFFFFFFFFFFFFF

    def raw(self):
        self.x = (self.x * 6364136223846793005 + 1442695040888963407) & 0xFFFFFFFFFFFFFFFF
        return self.x >> 33


def sh(cmd, stdin=None):
    p = subprocess.run(cmd, input=stdin, capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f'{" ".join(cmd[:6])}...: exit {p.returncode}: {p.stderr.strip()}')
    return p.stdout


def population_csv(rows, seed=2026):
    """A partnership's return: rows x 8 columns (as bench/run.py's)."""
    os.makedirs(WORK, exist_ok=True)
    path = os.path.join(WORK, f'large-pop-{rows}-{seed}.csv')
    if os.path.exists(path):
        return path
    cats = ['cp-investigation', 'cp-register', 'looked-after-home', 'looked-after-away',
            'vulnerable-young-person', 'care-and-risk']
    locs = ['North', 'South', 'East', 'West', 'Central', 'Islands']
    r = Lcg(seed)
    with open(path + '.tmp', 'w', encoding='utf-8') as f:
        f.write('ref,category,age,sex,locality,simd_quintile,placement,team\n')
        for i in range(rows):
            x = r.raw()
            f.write(f'C{i:07d},{cats[x % 6]},{(x >> 3) % 18},{"FM"[(x >> 8) & 1]},'
                    f'{locs[(x >> 9) % 6]},{1 + (x >> 12) % 5},P{(x >> 15) % 40},'
                    f'T{(x >> 21) % 25}\n')
    os.replace(path + '.tmp', path)
    return path


def setup_db(cairn, db):
    """A new database with the accounts the benchmarks sign in as."""
    for ext in ('', '-wal', '-shm', '.key', '.anchor'):
        if os.path.exists(db + ext):
            os.remove(db + ext)
    sh([cairn, '--db', db, 'init'])
    sh([cairn, '--db', db, 'user', 'add', 'admin', '--name', 'Ada Admin', '--admin'],
       PASSWORD + '\n')
    for u in ['lead', 'panel1', 'analyst'] + [f'insp{k:02d}' for k in range(20)]:
        sh([cairn, '--db', db, 'user', 'add', u], PASSWORD + '\n')


def framework_qis(db, framework):
    """The framework's indicator codes and which of them are evaluated."""
    c = sqlite3.connect(db)
    try:
        rows = c.execute('SELECT q.code, q.evaluated FROM quality_indicator q JOIN framework f '
                         'ON f.id = q.framework_id WHERE f.code = ? ORDER BY q.position',
                         (framework,)).fetchall()
    finally:
        c.close()
    return [r[0] for r in rows], [r[0] for r in rows if r[1]]


def readings_csv(sample_json, path, readers):
    """Every sampled record read by its assigned reader (and the second reader of a
    double-read record), every item answered."""
    j = json.loads(sample_json)
    items = ['risk-assessment', 'child-views', 'family-involvement', 'wellbeing-impact']
    lines = ['ref,reader,item,answer,note,agency']
    r = Lcg(77)
    sel = [m for m in j['members'] if not m['reserve']]
    for k, m in enumerate(sel):
        who = [readers[k % len(readers)]]
        if m['double_read']:
            who.append(readers[(k + 1) % len(readers)])
        for w in who:
            for it in items:
                lines.append(f'{m["ref"]},{w},{it},{["good", "adequate", "weak", "very good"][r.raw() % 4]},,')
            lines.append(f'{m["ref"]},{w},child-plan,{1 + r.raw() % 6},,')
            lines.append(f'{m["ref"]},{w},wellbeing-change,{["improved", "same", "worse"][r.raw() % 3]},,')
            lines.append(f'{m["ref"]},{w},initial-response,{1 + r.raw() % 6},,social-work')
    with open(path, 'w') as f:
        f.write('\n'.join(lines) + '\n')


def add_evidence(db, ident, qis, n, seed):
    """n evidence items numbered from 1, each informing one or two indicators."""
    r = Lcg(seed)
    c = sqlite3.connect(db)
    try:
        c.execute('BEGIN')
        base = c.execute('SELECT COALESCE(MAX(number), 0) FROM evidence WHERE inspection_id = ?',
                         (ident,)).fetchone()[0]
        for i in range(n):
            x = r.raw()
            at = f'2026-{1 + (i * 12) // n:02d}-{1 + x % 28:02d}T10:{x % 60:02d}:00Z'
            cur = c.execute(
                'INSERT INTO evidence (inspection_id, number, source, text, status, participants, '
                'gathered_on, recorded_by, young_inspector, created_at, updated_at) '
                'VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)',
                (ident, base + i + 1, SOURCES[x % len(SOURCES)],
                 f'Finding {i + 1}: staff described how plans for children were reviewed and '
                 f'what changed for the child as a result (item {x % 997}).',
                 STATUSES[(x >> 5) % len(STATUSES)], f'{2 + x % 9} staff', at[:10],
                 f'insp{(x >> 9) % 20:02d}', at, at))
            eid = cur.lastrowid
            q1 = qis[(x >> 12) % len(qis)]
            c.execute('INSERT INTO evidence_qi (evidence_id, qi_code, inspection_id) VALUES (?, ?, ?)',
                      (eid, q1, ident))
            if (x >> 16) % 3 == 0:
                q2 = qis[(x >> 18) % len(qis)]
                if q2 != q1:
                    c.execute('INSERT INTO evidence_qi (evidence_id, qi_code, inspection_id) '
                              'VALUES (?, ?, ?)', (eid, q2, ident))
        c.execute('COMMIT')
    finally:
        c.close()


# The three surveys of an inspection (docs/guide-surveys.md): who is asked,
# the statements (each tied to indicators of the inspection's framework when
# the survey is made), the attributes they are broken down by, the free-text
# questions, and the size of the survey.  Sizes are those published joint
# inspections report for a large partnership: staff invited across the
# agencies, a quarter to a half of them answering; a few hundred children and
# young people asked through services and schools, one in three to one in
# five answering; parents and carers fewer still.
SURVEYS = {
    'staff': {
        'scale': 'agree5',
        'statements': [
            'I am confident that children and young people at risk of harm are identified quickly',
            'Children and young people get the help they need when they need it',
            'Plans for children and young people are of a good quality',
            'Children, young people and families are involved in decisions that affect them',
            'Information is shared appropriately between agencies',
            'I have access to the training I need to do my job well',
            'Senior leaders communicate a clear vision for children\'s services',
            'Partners work well together to improve outcomes for children',
            'Self-evaluation leads to improvements in services',
            'I feel valued and supported by my managers',
        ],
        'attributes': {'Agency': ['Social work', 'Health', 'Education', 'Police', 'Third sector'],
                       'Role': ['Practitioner', 'First line manager', 'Middle manager',
                                'Senior manager']},
        'comments': ['What is working well?', 'What could be improved?'],
        'invited': (1500, 3000), 'rate': (25, 45)},
    'cyp': {
        'scale': 'agree5',
        'statements': [
            'I feel safe where I live',
            'There is an adult I trust that I can talk to',
            'The adults who help me listen to what I have to say',
            'I get the help I need when I need it',
            'I am asked what I think about plans for me',
            'The help I get is making things better for me',
        ],
        'attributes': {'Age group': ['8-11', '12-15', '16-17'],
                       'Living': ['At home', 'With relatives', 'Foster care', 'Residential care']},
        'comments': ['Is there anything else you want to tell us?'],
        'invited': (300, 600), 'rate': (20, 35)},
    'parents': {
        'scale': 'agree5',
        'statements': [
            'Workers listen to me and take my views into account',
            'I understand why services are involved with my family',
            'The help my family gets is making things better',
            'Workers from different services work well together',
            'I know who to contact if I am worried about my child',
        ],
        'attributes': {'Service': ['Social work', 'Health visitor', 'School', 'Family support']},
        'comments': [],
        'invited': (200, 400), 'rate': (20, 40)},
}
ANSWERS = ['Strongly agree', 'Agree', 'Neither agree nor disagree', 'Disagree',
           'Strongly disagree', "Don't know"]
COMMENTS = ['The new referral pathway is much quicker than before.',
            'Caseloads are too high to do the work properly.',
            'Joint meetings between agencies are well attended.',
            'It takes too long to hear back after a referral.',
            'My worker explains things so I understand.', '']


def add_surveys(cairn, db, ident, qis, seed):
    """The staff, children and young people, and parents and carers surveys of
    inspection ident, through `cairn survey create` and `cairn survey import`
    (a CSV export as the survey tool writes it: a response id, the attribute
    columns, one column per statement with the scale's labels, blank for no
    answer, and the free-text columns).  Returns {name: respondents}."""
    r = Lcg(seed)
    out = {}
    for k, (name, sv) in enumerate(SURVEYS.items()):
        items = {'statements': [{'code': f'S{i + 1:02d}', 'text': t,
                                 'qis': [qis[(3 * i + k) % len(qis)]]}
                                for i, t in enumerate(sv['statements'])],
                 'attributes': list(sv['attributes'])}
        lo, hi = sv['invited']
        invited = lo + r.raw() % (hi - lo + 1)
        rate = sv['rate'][0] + r.raw() % (sv['rate'][1] - sv['rate'][0] + 1)
        n = invited * rate // 100
        # How positive each statement is in this partnership (in tenths).
        lean = [4 + r.raw() % 5 for _ in sv['statements']]
        ipath = os.path.join(WORK, f'survey-{ident}-{name}-items.json')
        cpath = os.path.join(WORK, f'survey-{ident}-{name}.csv')
        with open(ipath, 'w') as f:
            json.dump(items, f)
        with open(cpath, 'w', newline='') as f:
            w = csv.writer(f)
            w.writerow(['Response ID', 'Date submitted'] + list(sv['attributes']) +
                       [s['code'] for s in items['statements']] + sv['comments'])
            for i in range(n):
                row = [f'{name[0].upper()}{i + 1:05d}', f'2026-02-{1 + r.raw() % 28:02d} 10:00:00']
                row += [vals[r.raw() % len(vals)] if r.raw() % 20 else ''
                        for vals in sv['attributes'].values()]
                for p in lean:
                    x = r.raw()
                    if x % 25 == 0:
                        row.append('')  # no answer
                    elif x % 13 == 0:
                        row.append(ANSWERS[5])
                    elif (x >> 8) % 10 < p:
                        row.append(ANSWERS[(x >> 12) % 2])
                    else:
                        row.append(ANSWERS[2 + (x >> 12) % 3])
                row += [COMMENTS[r.raw() % len(COMMENTS)] if r.raw() % 3 == 0 else ''
                        for _ in sv['comments']]
                w.writerow(row)
        sh([cairn, '--db', db, 'survey', 'create', str(ident), '--name', name, '--kind', name,
            '--scale', sv['scale'], '--items', ipath, '--invited', str(invited)])
        sh([cairn, '--db', db, 'survey', 'import', str(ident), name, cpath] +
           (['--comment-columns', ','.join(sv['comments'])] if sv['comments'] else []))
        os.remove(ipath)
        os.remove(cpath)
        out[name] = n
    return out


def _mac_field(h, f):
    b = f.encode()
    h.update(f'|{len(b)}:'.encode())
    h.update(b)


def add_audit(db, ident, n, seed):
    """n audit entries about inspection ident, chained after the last entry as
    src/app/access/audit.c chains them (form 2), each anchored."""
    with open(db + '.key', 'rb') as f:
        key = f.read()
    assert len(key) == 32
    r = Lcg(seed)
    c = sqlite3.connect(db)
    lines = []
    try:
        c.execute('BEGIN')
        row = c.execute('SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1').fetchone()
        last, prev = (row[0], row[1]) if row else (0, GENESIS)
        rows = []
        for i in range(n):
            x = r.raw()
            eid = last + i + 1
            at = f'2026-{1 + (i * 12) // n:02d}-{1 + x % 28:02d}T{x % 24:02d}:{(x >> 5) % 60:02d}:00Z'
            actor = f'insp{(x >> 11) % 20:02d}'
            action = ACTIONS[(x >> 3) % len(ACTIONS)]
            subject = f'{(x >> 7) % 25000 + 1}'
            ssha = hashlib.sha256(subject.encode()).hexdigest()
            h = hmac.new(key, digestmod=hashlib.sha256)
            for f in ('cairn-audit-2', prev, str(eid), at, actor, 'web', action, str(ident),
                      ssha, ''):
                _mac_field(h, f)
            digest = h.hexdigest()
            rows.append((eid, at, actor, 'web', action, ident, subject, None, prev, digest, 2,
                         ssha, None))
            lines.append(f'{eid} {digest}\n')
            prev = digest
            if len(rows) == 10000:
                c.executemany('INSERT INTO audit (id, at, actor, origin, action, inspection_id, '
                              'subject, detail, prev_hash, hash, form, subject_sha256, '
                              'detail_sha256) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)', rows)
                rows = []
        c.executemany('INSERT INTO audit (id, at, actor, origin, action, inspection_id, '
                      'subject, detail, prev_hash, hash, form, subject_sha256, '
                      'detail_sha256) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)', rows)
        c.execute('COMMIT')
    finally:
        c.close()
    with open(db + '.anchor', 'a') as f:
        f.writelines(lines)


_TEMPLATES = {}


def template_for(cairn, db, framework):
    """A reading template for a pack that ships none: the shipped cyp-2014
    one (data/models/cyp-2014/records.json) with each item mapped to one of
    the pack's evaluated indicators, imported once (`cairn template import`)."""
    key = (db, framework)
    if key in _TEMPLATES:
        return _TEMPLATES[key]
    with open(os.path.join(HERE, '..', 'data', 'models', 'cyp-2014', 'records.json')) as f:
        t = json.load(f)
    _, evaluated = framework_qis(db, framework)
    t['code'] = f'{framework}-bench-records'
    t['framework'] = framework
    t['title'] = f'Bench reading template for {framework} (the cyp-2014 items)'
    for k, it in enumerate(t['items']):
        it['qis'] = [evaluated[k % len(evaluated)]]
    path = os.path.join(WORK, f'template-{framework}.json')
    with open(path, 'w') as f:
        json.dump(t, f)
    sh([cairn, '--db', db, 'template', 'import', path])
    _TEMPLATES[key] = t['code']
    return t['code']


def build_inspection(cairn, db, partnership, framework, seed, population=50_000, sample=600,
                     evidence=25_000, audit=100_000, year=2026, people=20, surveys=False):
    """One large inspection in db (set up by setup_db), with its three surveys
    if surveys; returns its id."""
    def c(*args, stdin=None):
        return sh([cairn, '--db', db] + list(args), stdin)
    ident = int(c('inspection', 'create', '--partnership', partnership, '--framework', framework,
                  '--fieldwork', f'{year}-03-02..{year}-03-27').strip())
    c('team', 'add', str(ident), 'lead', '--role', 'lead')
    c('team', 'add', str(ident), 'panel1', '--role', 'panel')
    for k in range(people - 2):
        c('team', 'add', str(ident), f'insp{k:02d}', '--role', 'inspector')
    c('population', 'import', str(ident), population_csv(population, 2026 + seed % 4))
    s = c('sample', 'draw', str(ident), '--size', str(sample), '--strata', 'locality',
          '--seed', str(seed), '--double-read', '10', '--json')
    readers = [f'R{k}' for k in range(10)]
    for k, name in enumerate(readers):
        c('reader', 'add', str(ident), name, '--kind', 'inspector' if k % 2 == 0 else 'local')
    if framework != 'cyp-2014':
        c('template', 'use', str(ident), template_for(cairn, db, framework))
    c('reader', 'assign', str(ident))
    rpath = os.path.join(WORK, f'readings-{ident}.csv')
    readings_csv(s, rpath, readers)
    try:
        c('reading', 'import', str(ident), rpath, '--submit')
    except SystemExit as e:  # assignment differs: the readings are left out, and said so
        print(f'readings not imported: {e}', file=sys.stderr)
    os.remove(rpath)
    allq, evaluated = framework_qis(db, framework)
    add_evidence(db, ident, allq, evidence, seed * 7919 + 1)
    # A grade for every evaluated indicator, resting on three linked items.
    con = sqlite3.connect(db)
    links = {}
    for q in evaluated:
        rows = con.execute('SELECT e.number FROM evidence e JOIN evidence_qi q ON q.evidence_id = e.id '
                           'WHERE e.inspection_id = ? AND q.qi_code = ? ORDER BY e.number LIMIT 3',
                           (ident, q)).fetchall()
        links[q] = ','.join(str(r[0]) for r in rows)
    con.close()
    for k, q in enumerate(evaluated):
        c('grade', str(ident), q, str(3 + (k + seed) % 3), '--rationale',
          'The evidence shows consistent practice.', '--evidence', links[q])
    if surveys:
        add_surveys(cairn, db, ident, evaluated or allq, seed * 31 + 5)
    add_audit(db, ident, audit, seed * 104729 + 3)
    return ident


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--db', default=os.path.join(WORK, 'large.db'))
    ap.add_argument('--population', type=int, default=50_000)
    ap.add_argument('--evidence', type=int, default=25_000)
    ap.add_argument('--audit', type=int, default=100_000)
    ap.add_argument('cairn')
    a = ap.parse_args()
    cairn = os.path.abspath(a.cairn)
    os.makedirs(WORK, exist_ok=True)
    setup_db(cairn, a.db)
    ident = build_inspection(cairn, a.db, 'Largeshire', 'cyp-2014', 1, a.population, 600,
                             a.evidence, a.audit)
    print(f'inspection {ident} in {a.db}: {os.path.getsize(a.db) / 1e6:.0f} MB')
    return 0


if __name__ == '__main__':
    sys.exit(main())
