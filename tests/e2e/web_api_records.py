"""End-to-end tests over HTTP against the real server: records reading
through the JSON API (src/web/api_records.c), each route the same app/ call
as the pages and `cairn reader|population|sample|reading ...`:
  - the population uploaded as a text/csv body (the co-ordinator), all or
    nothing: a bad row is refused with its line and column and nothing is
    stored; its counts by value and by stratum (never a ref), equal to the
    counts of the file; the integrity check;
  - the sample drawn without a seed: the seed chosen is returned and kept,
    and `cairn sample draw` with that seed on a copy of the database draws
    the very same records; a second draw and a new population after it are
    refused (409) and change nothing; a record replaced by its reserve;
  - readers added from accounts, paired and assigned (the list equal to
    `cairn reader list --json`), a reading moved to the other pair;
  - the paired readings' differences (equal to `cairn reading compare`),
    the agreed answer recorded with its note, the results per item (equal
    to `cairn reading summary`);
  - refusals from app/ with their status and field: 403 for a role that may
    not, 404 for someone on no team or a record that is not there, 409 for
    the state of the data, 422 at the field; audit rows for every change
    and every view of child-level data.
Prints TAP."""
import collections
import csv
import io
import json
import os
import shutil
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webtest import PASSWORD, Client, Fixture, Server, Tap, cairn  # noqa: E402


def api(srv, tok, method, path, body=None, raw=None, ctype=None):
    """One API request with the token: a JSON body, or raw bytes of ctype;
    returns (status, parsed JSON or None, text)."""
    h = {'Authorization': 'Bearer ' + tok}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        h['Content-Type'] = 'application/json'
    elif raw is not None:
        data = raw
        h['Content-Type'] = ctype
    r = Client(srv).request(method, path, body=data, headers=h)
    try:
        return r.status, json.loads(r.text), r.text
    except ValueError:
        return r.status, None, r.text


def field(j):
    return (j or {}).get('error', {}).get('field')


def cli_json(db, *args):
    rc, out, err = cairn(db, *args, '--json')
    assert rc == 0, (args, err)
    return json.loads(out)


def audit_count(db, action, insp, subject=None):
    con = sqlite3.connect(db)
    try:
        q = 'SELECT count(*) FROM audit WHERE action = ? AND inspection_id = ?'
        args = [action, int(insp)]
        if subject is not None:
            q += ' AND subject = ?'
            args.append(subject)
        return con.execute(q, args).fetchone()[0]
    finally:
        con.close()


def copy_db(db, dest):
    """A consistent copy of the live database (and its key and anchor)."""
    src = sqlite3.connect(db)
    dst = sqlite3.connect(dest)
    src.backup(dst)
    dst.close()
    src.close()
    for ext in ('.key', '.anchor', '.sign', '.sign.pub'):
        if os.path.exists(db + ext):
            shutil.copy(db + ext, dest + ext)


t = Tap()
fx = Fixture()
db = fx.db
srv = None
try:
    rc, out, err = cairn(db, 'inspection', 'create', '--partnership', 'Recordshire',
                         '--framework', 'cyp-2014')
    assert rc == 0, err
    ID = out.strip()
    for user, role in (('lead', 'lead'), ('inspector', 'inspector'), ('reader', 'local-reader'),
                       ('young', 'young-inspector'), ('coord', 'partnership-coordinator'),
                       ('panel', 'panel')):
        rc, out, err = cairn(db, 'team', 'add', ID, user, '--role', role)
        assert rc == 0, err
    tok = {}
    for u in ('lead', 'inspector', 'reader', 'young', 'coord', 'panel', 'outsider'):
        rc, out, err = cairn(db, 'user', 'token', u)
        assert rc == 0, err
        tok[u] = out.strip().split()[-1]
    srv = Server(db)
    base = '/api/v1/inspections/%s' % ID

    # ---- the population ----
    rows = [('C%03d' % (i + 1), 'A' if i < 24 else ('B' if i < 48 else 'C'),
             'girl' if i % 3 else 'boy') for i in range(60)]
    good = 'ref,category,sex\n' + ''.join('%s,%s,%s\n' % r for r in rows)
    # Line 4 (the third child) has no ref; line 6 repeats C001.
    bad_rows = list(rows[:6])
    bad_rows[2] = ('', 'A', 'girl')
    bad_rows[4] = ('C001', 'A', 'boy')
    bad = 'ref,category,sex\n' + ''.join('%s,%s,%s\n' % r for r in bad_rows)
    pop = base + '/population'

    st, j, _ = api(srv, tok['coord'], 'POST', pop, raw=bad.encode(), ctype='text/csv')
    errs = (j or {}).get('error', {}).get('errors', [])
    where = {(e['line'], e['column']) for e in errs}
    t.ok(st == 422 and (4, 1) in where and any(e['line'] == 6 for e in errs) and
         j['error'].get('total', 0) >= 2,
         'a CSV with a missing ref (line 4, column 1) and a repeated one (line 6) is refused '
         'with each line and column', (st, j))
    rc, out, err = cairn(db, 'population', 'show', ID)
    st2, j2, _ = api(srv, tok['lead'], 'GET', pop)
    t.ok(rc != 0 and st2 == 404 and audit_count(db, 'population.import', ID) == 0,
         'nothing of the refused file was stored (CLI and API: no population, no audit row)',
         (rc, out, st2, j2))
    st, j, _ = api(srv, tok['coord'], 'POST', pop,
                   raw=('ref,name,category\nC1,Ann,A\n').encode(), ctype='text/csv')
    ids = (j or {}).get('error', {}).get('identifier_columns', [])
    t.ok(st == 422 and any(c['column'] == 'name' and not c['allowed'] for c in ids),
         'a column that looks like a personal identifier is refused and named', (st, j))
    st, j, _ = api(srv, tok['coord'], 'POST', pop, body={'csv': good})
    t.ok(st == 415, 'a JSON body is not a CSV file (415)', (st, j))
    st, j, _ = api(srv, tok['coord'], 'POST', pop, raw=b'', ctype='text/csv')
    t.ok(st == 422, 'an empty body is refused (422)', (st, j))
    for who in ('inspector', 'young', 'reader', 'panel'):
        st, j, _ = api(srv, tok[who], 'POST', pop, raw=good.encode(), ctype='text/csv')
        t.ok(st == 403, f'the {who} may not upload the population (403)', (st, j))
    st, j, _ = api(srv, tok['outsider'], 'POST', pop, raw=good.encode(), ctype='text/csv')
    t.ok(st == 404, 'someone on no team gets 404', (st, j))
    big = b'ref,category,sex\n' + b''.join(b'X%07d,A,girl\n' % i for i in range(600000))
    st, j, _ = api(srv, tok['coord'], 'POST', pop, raw=big, ctype='text/csv')
    t.ok(len(big) > 8 << 20 and st == 413,
         'a body over the server\'s 8 MB request limit is refused (413)', (len(big), st))
    st2, j2, _ = api(srv, tok['lead'], 'GET', pop)
    t.ok(st2 == 404, 'still no population after the refusals', (st2, j2))

    st, j, _ = api(srv, tok['coord'], 'POST', pop, raw=good.encode(),
                   ctype='text/csv; charset=utf-8')
    shown = cli_json(db, 'population', 'show', ID)
    t.ok(st == 201 and j['rows'] == 60 and j['columns'] == 2 and not j['replaced'] and
         j['checksum'] == shown['checksum'] and shown['rows'] == 60 and
         shown['columns'] == ['category', 'sex'],
         'the co-ordinator uploads the population: 60 children, as the CLI then shows',
         (st, j, shown))
    t.ok(audit_count(db, 'population.import', ID) == 1, 'the import is audited')

    # ---- its counts: by value and by stratum, never a ref ----
    st, j, text = api(srv, tok['lead'], 'GET', pop + '?strata=category,SEX')
    by_cat = collections.Counter(r[1] for r in rows)
    by_sex = collections.Counter(r[2] for r in rows)
    by_both = collections.Counter((r[1], r[2]) for r in rows)
    cols = {c['name']: {v['value']: v['children'] for v in c['values']}
            for c in (j or {}).get('columns', [])}
    strata = (j or {}).get('strata') or {}
    got = {(s['key']['category'], s['key']['sex']): s['children']
           for s in strata.get('strata', [])}
    t.ok(st == 200 and j['rows'] == 60 and cols == {'category': dict(by_cat),
                                                    'sex': dict(by_sex)},
         'the summary counts children per value of each column, as in the file', (st, j))
    t.ok(st == 200 and strata.get('stratified_by') == 'category,sex' and
         got == dict(by_both) and strata.get('distinct') == 6,
         'and per stratum of the columns asked for (any case), keyed like a sample',
         strata)
    t.ok(st == 200 and 'C0' not in text, 'no child-level row (ref) is in the summary')
    st, j, _ = api(srv, tok['lead'], 'GET', pop + '?strata=category,postcode')
    t.ok(st == 422 and field(j) == '/strata', 'an unknown stratum column: 422 at strata',
         (st, j))
    st, j, _ = api(srv, tok['young'], 'GET', pop)
    t.ok(st == 403, 'the young inspector may not see the population (403)', (st, j))
    # A population with more distinct rows than the stratum index keeps (a
    # column unique per child): the counts are read from every child instead.
    rc, out, err = cairn(db, 'inspection', 'create', '--partnership', 'Wideshire',
                         '--framework', 'cyp-2014')
    assert rc == 0, err
    wide_id = out.strip()
    rc, out, err = cairn(db, 'team', 'add', wide_id, 'lead', '--role', 'lead')
    assert rc == 0, err
    wide = os.path.join(fx.dir, 'wide.csv')
    with open(wide, 'w') as f:
        f.write('ref,category,locality\n')
        for i in range(5000):
            f.write('W%05d,%s,L%05d\n' % (i, 'ABC'[i % 3], i))
    rc, out, err = cairn(db, 'population', 'import', wide_id, wide)
    assert rc == 0, err
    st, j, _ = api(srv, tok['lead'], 'GET',
                   '/api/v1/inspections/%s/population?strata=category' % wide_id)
    cols = {c['name']: c for c in (j or {}).get('columns', [])}
    cells = [(s['key'], s['children']) for s in ((j or {}).get('strata') or {}).get('strata', [])]
    t.ok(st == 200 and cols['locality']['distinct'] == 5000 and
         cols['locality']['values'] is None and
         {v['value']: v['children'] for v in cols['category']['values']} ==
         {'A': 1667, 'B': 1667, 'C': 1666} and
         cells == [({'category': 'A'}, 1667), ({'category': 'B'}, 1667),
                   ({'category': 'C'}, 1666)],
         'beyond the index (5,000 distinct rows) the counts are the same, read from every '
         'child; a column of 5,000 values gives only their number', (st, j))

    # ---- the integrity check ----
    st, j, _ = api(srv, tok['lead'], 'POST', pop + '/check')
    t.ok(st == 200 and j['matches'] and j['rows'] == 60 and j['checksum'] == shown['checksum']
         and j['computed'] == shown['checksum'] and j['index_cells'] > 0,
         'the check finds the stored population matching its checksum', (st, j))
    t.ok(audit_count(db, 'population.check', ID) == 1, 'the check is audited')
    st, j, _ = api(srv, tok['inspector'], 'POST', pop + '/check')
    t.ok(st == 403, 'an inspector may not run the check (403)', (st, j))
    st, j, _ = api(srv, tok['coord'], 'GET', pop + '/check')
    t.ok(st == 200 and j['matches'] and j['computed'] == shown['checksum'] and
         audit_count(db, 'population.check', ID) == 1,
         'GET checks the same and changes nothing (no new audit row)', (st, j))
    st, j, _ = api(srv, tok['young'], 'GET', pop + '/check')
    t.ok(st == 403, 'the young inspector may not check the population (403)', (st, j))
    # A stored population that no longer matches what was imported (the demo
    # inspection's, its recorded checksum altered behind Cairn's back).
    tamper = os.path.join(fx.dir, 'tamper.csv')
    with open(tamper, 'w') as f:
        f.write('ref,category\nT1,A\nT2,B\n')
    rc, out, err = cairn(db, 'population', 'import', '1', tamper)
    assert rc == 0, err
    con = sqlite3.connect(db)
    con.execute("UPDATE population SET checksum = ? WHERE inspection_id = 1", ('0' * 64,))
    con.commit()
    con.close()
    for method in ('GET', 'POST'):
        st, j, _ = api(srv, tok['lead'], method, '/api/v1/inspections/1/population/check')
        chk = (j or {}).get('check', {})
        t.ok(st == 409 and j['error']['code'] == 'conflict' and chk.get('matches') is False and
             chk.get('checksum') == '0' * 64 and chk.get('computed') != '0' * 64 and
             audit_count(db, 'population.check', 1) == 0,
             f'{method}: a population that does not match its checksum is 409 with the values',
             (st, j))

    # ---- the sample ----
    copy = os.path.join(fx.dir, 'copy.db')
    copy_db(db, copy)
    draw = base + '/sample'
    for who in ('inspector', 'coord', 'young'):
        st, j, _ = api(srv, tok[who], 'POST', draw, {'size': 14, 'strata': 'category'})
        t.ok(st == 403, f'the {who} may not draw the sample (403)', (st, j))
    st, j, _ = api(srv, tok['lead'], 'POST', draw, {'size': 0, 'strata': 'category'})
    t.ok(st == 422 and field(j) == '/size', 'a size of 0 is refused at size', (st, j))
    st, j, _ = api(srv, tok['lead'], 'POST', draw, {'size': 14, 'strata': 'postcode'})
    t.ok(st == 422 and field(j) == '/strata' and j['error']['code'] == 'unknown',
         "app/'s refusal of an unknown stratum column comes at strata", (st, j))
    st, j, _ = api(srv, tok['lead'], 'POST', draw, {'size': 61, 'strata': 'category'})
    t.ok(st == 422 and field(j) == '/size', 'a sample larger than the population: at size',
         (st, j))
    rc, out, err = cairn(db, 'sample', 'list', ID)
    t.ok(rc != 0 and audit_count(db, 'sample.draw', ID) == 0,
         'no sample was stored by the refusals', out)

    st, j, _ = api(srv, tok['lead'], 'POST', draw,
                   {'size': 14, 'strata': 'category', 'reserve': 2, 'double-read': 72})
    seed = (j or {}).get('seed')
    t.ok(st == 201 and isinstance(seed, int) and j['size'] == 14 and j['selected'] == 14 and
         j['double_read'] == 10 and j['reserves'] == 6 and j['stratified_by'] == 'category' and
         'members' not in j,
         'the lead draws without a seed: a seed is chosen and returned, counts given', (st, j))
    pops = [s['population'] for s in (j or {}).get('strata', [])]
    t.ok(pops == [by_cat['A'], by_cat['B'], by_cat['C']],
         "the strata's sizes are the summary's counts", pops)
    st2, sj, _ = api(srv, tok['lead'], 'GET', draw)
    t.ok(st2 == 200 and sj['seed'] == str(seed), 'the seed is kept with the sample',
         (st2, sj.get('seed') if sj else None))
    cli = cli_json(copy, 'sample', 'draw', ID, '--size', '14', '--strata', 'category',
                   '--reserve', '2', '--double-read', '72', '--seed', str(seed))
    mine = [(m['ref'], m['stratum'], m['reserve'], m['double_read'])
            for m in (sj or {}).get('members', [])]
    theirs = [(m['ref'], m['stratum'], m['reserve'], m['double_read']) for m in cli['members']]
    t.ok(mine and mine == theirs,
         '`cairn sample draw` with the returned seed on a copy draws the same records',
         (mine[:4], theirs[:4]))
    t.ok(audit_count(db, 'sample.draw', ID) == 1, 'the draw is audited')
    st, j, _ = api(srv, tok['lead'], 'POST', draw, {'size': 10, 'strata': 'sex', 'seed': 1})
    st2, sj2, _ = api(srv, tok['lead'], 'GET', draw)
    t.ok(st == 409 and j['error']['code'] == 'conflict' and sj2['members'] == sj['members'],
         'a second draw is refused (409) and the sample is unchanged', (st, j))
    st, j, _ = api(srv, tok['coord'], 'POST', pop, raw=good.encode(), ctype='text/csv')
    t.ok(st == 409 and cli_json(db, 'population', 'show', ID)['checksum'] == shown['checksum'],
         'a new population after the draw is refused (409) and nothing changes', (st, j))

    selected = [m['ref'] for m in sj['members'] if m['status'] == 'selected']
    double = [m['ref'] for m in sj['members'] if m['status'] == 'selected' and m['double_read']]
    single = [r for r in selected if r not in double]

    # ---- readers ----
    rd = base + '/readers'
    st, j, _ = api(srv, tok['young'], 'POST', rd, {'username': 'inspector', 'kind': 'inspector'})
    t.ok(st == 403, 'the young inspector may not add a reader (403)', (st, j))
    st, j, _ = api(srv, tok['outsider'], 'GET', rd)
    t.ok(st == 404, 'someone on no team: 404 for the readers', (st, j))
    for name, kind in (('inspector', 'inspector'), ('lead', 'inspector'), ('reader', 'local')):
        st, j, _ = api(srv, tok['lead'], 'POST', rd, {'username': name, 'kind': kind})
        t.ok(st == 201 and j['name'] == name and j['kind'] == kind,
             f'the lead adds {name} as a reader ({kind})', (st, j))
    st, j, _ = api(srv, tok['lead'], 'POST', rd, {'username': 'reader', 'kind': 'local'})
    t.ok(st == 409 and field(j) == '/username', 'the same reader twice: 409 at username',
         (st, j))
    st, j, _ = api(srv, tok['lead'], 'POST', rd, {'username': 'young', 'kind': 'sometimes'})
    t.ok(st == 422 and field(j) == '/kind', 'an unknown kind of reader: 422 at kind', (st, j))
    st, j, _ = api(srv, tok['lead'], 'POST', rd, {'username': 'nobody', 'kind': 'local'})
    t.ok(st == 422 and field(j) == '/username', 'no such account: 422 at username', (st, j))
    names = [r['name'] for r in cli_json(db, 'reader', 'list', ID)['readers']]
    t.ok(names == ['inspector', 'lead', 'reader'] and audit_count(db, 'reader.add', ID) == 3,
         'three readers stored and audited, the refused ones not', names)

    st, j, _ = api(srv, tok['inspector'], 'POST', rd + '/assign', {})
    t.ok(st == 403, 'an inspector may not pair and assign (403)', (st, j))
    st, j, _ = api(srv, tok['lead'], 'POST', rd + '/assign')
    plan = cli_json(db, 'reader', 'list', ID)
    t.ok(st == 200 and len(j['pairs']) == 2 and j['pairs'] == plan['pairs'] and
         j['added'] == 24 and j['assignments'] == 24 and 'C0' not in json.dumps(j),
         'the lead pairs the readers and assigns 14 + 10 readings (no refs in the answer)',
         (st, j))
    views = audit_count(db, 'reader.plan.view', ID, 'api')
    st, j, _ = api(srv, tok['lead'], 'GET', rd)
    del plan['added']
    plan['inspection'] = int(ID)
    t.ok(st == 200 and j == plan, 'the readers, pairs and assignments equal the CLI list',
         (st, j))
    t.ok(audit_count(db, 'reader.plan.view', ID, 'api') == views + 1,
         'reading the assignments (children\'s refs) is audited')

    ref = double[0]
    rounds = {a['round']: a['pair'] for a in plan['assignments'] if a['ref'] == ref}
    st, j, _ = api(srv, tok['lead'], 'POST', rd + '/reassign',
                   {'ref': ref, 'round': 1, 'pair': rounds[1], 'reason': 'same pair'})
    t.ok(st == 409 and field(j) == '/pair', 'moving a reading to the pair it is with: 409',
         (st, j))
    st, j, _ = api(srv, tok['lead'], 'POST', rd + '/reassign',
                   {'ref': ref, 'round': 1, 'pair': 9, 'reason': 'no such pair'})
    t.ok(st == 422 and field(j) == '/pair', 'no pair 9: 422 at pair', (st, j))
    st, j, _ = api(srv, tok['lead'], 'POST', rd + '/reassign',
                   {'ref': ref, 'round': 1, 'pair': rounds[2], 'reason': '   '})
    t.ok(st == 422 and field(j) == '/reason', 'a blank reason: 422 at reason', (st, j))
    st, j, _ = api(srv, tok['lead'], 'POST', rd + '/reassign',
                   {'ref': single[0], 'pair': 3 - [a['pair'] for a in plan['assignments']
                                                   if a['ref'] == single[0]][0],
                    'reason': 'the reader knows the family'})
    after = {(a['ref'], a['round']): a['pair']
             for a in cli_json(db, 'reader', 'list', ID)['assignments']}
    moved = 3 - [a['pair'] for a in plan['assignments'] if a['ref'] == single[0]][0]
    t.ok(st == 200 and after[(single[0], 1)] == moved and
         audit_count(db, 'reader.reassign', ID) == 1,
         'the lead moves a reading to the other pair with a reason (CLI shows it, audited)',
         (st, j))

    # ---- replacing a sampled record ----
    rep = base + '/sample/%s/replace'
    st, j, _ = api(srv, tok['inspector'], 'POST', rep % single[1], {'reason': 'lost'})
    t.ok(st == 403, 'an inspector may not replace a record (403)', (st, j))
    st, j, _ = api(srv, tok['lead'], 'POST', rep % 'X999', {'reason': 'lost'})
    t.ok(st == 404 and field(j) == '/ref', 'a record not in the sample: 404 at ref', (st, j))
    st, j, _ = api(srv, tok['lead'], 'POST', rep % single[1], {'reason': ' '})
    t.ok(st == 422 and field(j) == '/reason', 'a blank reason: 422 at reason', (st, j))
    st, j, _ = api(srv, tok['lead'], 'POST', rep % single[1], {'reason': 'file destroyed'})
    listed = {m['ref']: m for m in cli_json(db, 'sample', 'list', ID)['members']}
    t.ok(st == 200 and listed[single[1]]['status'] == 'replaced' and
         listed[single[1]].get('replaced_by') == j['replaced_by'] and
         listed[j['replaced_by']]['status'] == 'selected' and
         audit_count(db, 'sample.replace', ID) == 1,
         'the lead replaces a record by its stratum\'s next reserve (as the CLI lists)', (st, j))
    st, j, _ = api(srv, tok['lead'], 'POST', rep % single[1], {'reason': 'again'})
    t.ok(st == 409 and field(j) == '/ref', 'replacing it again: 409 at ref', (st, j))

    # ---- paired readings: differences and the agreed answer ----
    CP_A = [4, 4, 5, 3, 2, 6, 4, 5, 3, 4]
    CP_B = [4, 5, 5, 3, 3, 6, 3, 5, 2, 4]
    six = ('risk-assessment', 'child-views', 'family-involvement', 'wellbeing-impact')
    lines = [('ref', 'reader', 'item', 'answer')]
    for k, r in enumerate(double):
        for who, cp in (('inspector', CP_A[k]), ('reader', CP_B[k])):
            lines += [(r, who, it, '4') for it in six]
            lines += [(r, who, 'child-plan', str(cp)), (r, who, 'wellbeing-change', 'same')]
    path = os.path.join(fx.dir, 'readings.csv')
    with open(path, 'w', newline='') as f:
        csv.writer(f).writerows(lines)
    rc, out, err = cairn(db, 'reading', 'import', ID, path, '--submit')
    assert rc == 0, err
    cmp = base + '/compare'
    for who in ('young', 'reader', 'coord', 'panel'):
        st, j, _ = api(srv, tok[who], 'GET', cmp)
        t.ok(st == 403, f'the {who} may not see the paired readings (403)', (st, j))
    views = audit_count(db, 'reading.compare.view', ID, 'api')
    st, j, _ = api(srv, tok['inspector'], 'GET', cmp)
    want = cli_json(db, 'reading', 'compare', ID)
    want['inspection'] = int(ID)
    differing = [i for i in (j or {}).get('items', []) if i['item'] == 'child-plan']
    t.ok(st == 200 and j == want and j['differences'] == 4 and len(differing) == 4,
         'the differences equal `cairn reading compare`: 4 child-plan items', (st, j))
    t.ok(audit_count(db, 'reading.compare.view', ID, 'api') == views + 1,
         'the view of the paired readings is audited')
    diff = differing[0]['ref']
    res = base + '/compare/%s'
    st, j, _ = api(srv, tok['young'], 'POST', res % diff,
                   {'item': 'child-plan', 'answer': '4', 'note': 'agreed'})
    t.ok(st == 403, 'the young inspector may not record an agreed answer (403)', (st, j))
    st, j, _ = api(srv, tok['lead'], 'POST', res % 'X999',
                   {'item': 'child-plan', 'answer': '4', 'note': 'agreed'})
    t.ok(st == 404 and field(j) == '/ref', 'a record not in the sample: 404', (st, j))
    st, j, _ = api(srv, tok['lead'], 'POST', res % single[2],
                   {'item': 'child-plan', 'answer': '4', 'note': 'agreed'})
    t.ok(st == 409 and field(j) == '/ref', 'a single-read record has nothing to resolve: 409',
         (st, j))
    st, j, _ = api(srv, tok['lead'], 'POST', res % diff,
                   {'item': 'child-plan', 'answer': '4', 'note': '  '})
    t.ok(st == 422 and field(j) == '/note', 'a blank note: 422 at note', (st, j))
    st, j, _ = api(srv, tok['lead'], 'POST', res % diff,
                   {'item': 'child-plan', 'answer': '9', 'note': 'agreed'})
    t.ok(st == 422 and field(j) is not None, 'an answer off the scale: 422 at its field',
         (st, j))
    st, j, _ = api(srv, tok['lead'], 'POST', res % diff,
                   {'item': 'no-such-item', 'answer': '4', 'note': 'agreed'})
    t.ok(st == 422, 'an item not in the template: 422', (st, j))
    t.ok(audit_count(db, 'reading.resolve', ID) == 0, 'nothing was resolved by the refusals')
    st, j, _ = api(srv, tok['lead'], 'POST', res % diff,
                   {'item': 'child-plan', 'answer': '4', 'note': 'agreed at the pair meeting'})
    now = [i for i in cli_json(db, 'reading', 'compare', ID)['items']
           if i['ref'] == diff and i['item'] == 'child-plan']
    t.ok(st == 200 and now and now[0]['resolved'] == '4' and
         audit_count(db, 'reading.resolve', ID) == 1,
         'the lead records the agreed answer with a note (the CLI shows it, audited)', (st, j))

    # ---- the results per item ----
    st, j, _ = api(srv, tok['young'], 'GET', base + '/reading-summary')
    want = cli_json(db, 'reading', 'summary', ID)
    cp = [i for i in (j or {}).get('items', []) if i['item'] == 'child-plan']
    t.ok(st == 200 and j == want and cp and cp[0]['n'] == 10,
         'the young inspector reads the results per item, equal to `cairn reading summary`',
         (st, j))
    st, j, _ = api(srv, tok['reader'], 'GET', base + '/reading-summary')
    t.ok(st == 403, 'a local reader may not see the results (403)', (st, j))
    st, j, _ = api(srv, tok['outsider'], 'GET', base + '/reading-summary')
    t.ok(st == 404, 'someone on no team: 404', (st, j))
finally:
    if srv is not None:
        srv.stop()
    fx.cleanup()
sys.exit(t.done())
