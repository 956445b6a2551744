"""End-to-end tests of the imports against hostile files, through every
door each has: the command line, the JSON API and (the population and
published history) the page's upload.  The files: a byte-order mark,
CRLF, lone CR and embedded newlines in quoted cells (all read alike), and
refused ones: an unbalanced quote, 10,000 columns, a 1 MB cell, invalid
UTF-8 in a cell, an empty file, only a header, duplicate header
names, a NUL in the header, a column name over 60 bytes cut in the middle
of a character in its message.  Asserts: each door refuses a bad file
with the same problems by line and column (the API as a 4xx JSON error
listing them, the page beside its input), nothing is stored (every table
is the same before and after), an accepted file gives the same result
everywhere, and the server reports nothing under ASan or UBSan.  The JSON
imports (framework, reading template) and the release check get a BOM,
an empty file, invalid JSON, a NUL, duplicate keys and 10,000 levels of
nesting the same way.  Prints TAP."""
import html
import json
import os
import re
import shutil
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webtest import Client, Fixture, Tap, cairn, csrf_of  # noqa: E402
from hostile import VOLATILE, Server, send, snapshot, stop_clean  # noqa: E402

# "line L, column C" or "line L" (a problem with the whole row: column 0).
LC = re.compile(r'[Ll]ine (\d+)(?:, column (\d+))?')


def where_cli(err):
    """The (line, column) pairs of the command line's error lines."""
    return sorted({(int(a), int(b or 0)) for a, b in LC.findall(err)})


def where_api(j):
    e = (j or {}).get('error') or {}
    return sorted({(x.get('line'), x.get('column')) for x in e.get('errors') or []
                   if x.get('line')})


def where_page(html):
    return sorted({(int(a), int(b or 0)) for a, b in LC.findall(html)})


def multipart(c, path, fields, files):
    b = 'cairnHostile17Boundary'
    parts = []
    for k, v in fields:
        parts.append(f'--{b}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n'.encode() +
                     v.encode() + b'\r\n')
    for k, name, data in files:
        parts.append(f'--{b}\r\nContent-Disposition: form-data; name="{k}"; '
                     f'filename="{name}"\r\nContent-Type: text/csv\r\n\r\n'.encode() + data +
                     b'\r\n')
    body = b''.join(parts) + f'--{b}--\r\n'.encode()
    return c.request('POST', path, body=body,
                     headers={'Content-Type': f'multipart/form-data; boundary={b}'})


def csv_files(header, rows, col2):
    """The hostile variants of a CSV file (header and rows as lists of
    cells; col2 the header of column 2), keyed by name: (bytes, refused)."""
    def text(h, rs, nl='\n'):
        return nl.join(','.join(r) for r in [h] + rs) + nl
    good = text(header, rows)
    long_name = 'a' * 59 + '\u00e9'
    return {
        'bom': (b'\xef\xbb\xbf' + good.encode(), False),
        'crlf': (text(header, rows, '\r\n').encode(), False),
        'lone CR': (text(header, rows, '\r').encode(), False),
        'unbalanced quote': ((good + ','.join([rows[0][0] + 'x', '"' + rows[0][1]] +
                                               rows[0][2:]) + '\n').encode(), True),
        '10,000 columns': ((','.join(header + ['x%d' % i for i in range(10000)]) + '\n' +
                            ','.join(rows[0] + ['1'] * 10000) + '\n').encode(), True),
        'a 1 MB cell': (text(header, rows[:10] + [[rows[10][0], 'A' * (1 << 20)] +
                                                   rows[10][2:]]).encode(), True),
        'invalid UTF-8 in column 2 of the last line':
            (good.encode() + (rows[0][0] + 'y,').encode() + b'\xff\xfe' +
             ''.join(',' + c for c in rows[0][2:]).encode() + b'\n', True),
        'empty': (b'', True),
        'only a header': (text(header, []).encode(), True),
        'duplicate header names': (text(header + [col2], [r + [r[1]] for r in rows]).encode(),
                                   True),
        'a NUL in the header': (text([header[0], col2[:2] + '\x00' + col2[2:]] + header[2:],
                                     rows).encode(), True),
        'a cut column name': ((','.join(header + [long_name]) + '\n' +
                               ''.join(','.join(r + ['1']) + '\n' for r in rows) +
                               ','.join(rows[0] + ['"1']) + '\n').encode(), True),
    }


t = Tap()
fx = Fixture()
db = fx.db
srv = None
try:
    tok = {}
    for u in ('lead', 'coord', 'admin'):
        rc, out, err = cairn(db, 'user', 'token', u)
        assert rc == 0, err
        tok[u] = out.strip().split()[-1]
    srv = Server(db, os.path.join(fx.dir, 'server.err'))
    lead = Client(srv)
    r = lead.sign_in('lead')
    assert r.status in (302, 303), r.status
    admin = Client(srv)
    r = admin.sign_in('admin')
    assert r.status in (302, 303), r.status

    def files_of(name, data):
        path = os.path.join(fx.dir, name.replace(' ', '_').replace(',', '') + '.csv')
        with open(path, 'wb') as f:
            f.write(data)
        return path

    def compare(door_results, what):
        """door_results: {door: sorted (line, column) list}: all equal.  A
        file refused as a whole (no line anywhere, checked refused by each
        door already) passes; an empty file is refused before it is read by
        the API and the page (a required file or member), so only its
        refusals are compared."""
        if what.endswith(', empty'):
            return True
        vals = list(door_results.values())
        return t.ok(all(v == vals[0] for v in vals),
                    '%s: refused with the same lines and columns everywhere (%s)' % (
                        what, ', '.join(door_results)),
                    json.dumps(door_results)[:1500])

    # ---- the population: command line, API, page ----
    rc, out, err = cairn(db, 'inspection', 'create', '--partnership', 'Hostileshire',
                         '--framework', 'cyp-2014')
    assert rc == 0, err
    PID = out.strip()
    for user, role in (('lead', 'lead'), ('coord', 'partnership-coordinator')):
        rc, out, err = cairn(db, 'team', 'add', PID, user, '--role', role)
        assert rc == 0, err
    header = ['ref', 'category', 'sex']
    rows = [['C%03d' % i, 'AB'[i % 2], 'girl' if i % 3 else 'boy'] for i in range(1, 21)]
    variants = csv_files(header, rows, 'category')
    before = snapshot(db)
    accepted = {}
    for what, (data, refused) in variants.items():
        if not refused:
            continue
        path = files_of('pop ' + what, data)
        rc, out, err = cairn(db, 'population', 'import', PID, path)
        cli = where_cli(err)
        st, j, raw = send(srv, 'POST', '/api/v1/inspections/%s/population' % PID, tok['coord'],
                          data, 'text/csv')
        t.ok(rc != 0 and 400 <= st < 500 and isinstance(j, dict) and 'error' in j,
             'population, %s: the command line fails and the API answers a 4xx JSON error'
             % what, (rc, st, raw[:300]))
        pg = lead.get('/inspections/%s/population' % PID)
        r = multipart(lead, '/inspections/%s/population' % PID,
                      [('csrf', csrf_of(pg.text))], [('file', 'pop.csv', data)])
        t.ok(400 <= r.status < 500, 'population, %s: the page refuses the upload' % what,
             r.status)
        compare({'cli': cli, 'api': where_api(j), 'page': where_page(r.text)},
                'population, ' + what)
    after = snapshot(db)
    changed = [k for k in after if before.get(k) != after[k] and k not in VOLATILE]
    t.ok(not changed, 'population: nothing of the refused files was stored', changed)
    # The accepted variants read alike everywhere: the command line on a
    # copy of the database and the API on the live one.
    for what, (data, refused) in variants.items():
        if refused:
            continue
        path = files_of('pop ' + what, data)
        copy = os.path.join(fx.dir, 'copy.db')
        if os.path.exists(copy):
            os.remove(copy)
        src, dst = sqlite3.connect(db), sqlite3.connect(copy)
        src.backup(dst)
        dst.close()
        src.close()
        for ext in ('.key', '.anchor'):
            if os.path.exists(db + ext):
                shutil.copy(db + ext, copy + ext)
        rc, out, err = cairn(copy, 'population', 'import', PID, path)
        rc2, shown, err2 = cairn(copy, 'population', 'show', PID, '--json')
        st, j, raw = send(srv, 'POST', '/api/v1/inspections/%s/population' % PID, tok['coord'],
                          data, 'text/csv')
        cli = json.loads(shown) if rc == 0 and rc2 == 0 else {}
        t.ok(st == 201 and j.get('rows') == 20 and cli.get('rows') == 20 and
             cli.get('checksum') == j.get('checksum') and cli.get('columns') == header[1:],
             'population, %s: read alike by the command line and the API (20 children, '
             'the same checksum)' % what, (rc, err, st, raw[:300], cli))

    # ---- the published history: command line, API, page ----
    hheader = ['partnership', 'published', 'framework', 'qi', 'grade', 'source']
    hrows = [['Fife', '2016-03-%02d' % (i + 1), 'cyp-2014', '5.3', 'adequate', 'S%d' % i]
             for i in range(20)]
    variants = csv_files(hheader, hrows, 'published')
    before = snapshot(db)
    for what, (data, refused) in variants.items():
        if not refused:
            continue
        path = files_of('hist ' + what, data)
        rc, out, err = cairn(db, 'history', 'import', path)
        doors = {'cli': where_cli(err)}
        ok = rc != 0
        if len(data) <= 60000 and b'\x00' not in data and b'\xff' not in data:
            st, j, raw = send(srv, 'POST', '/api/v1/history', tok['admin'],
                              json.dumps({'csv': data.decode()}).encode())
            doors['api'] = where_api(j)
            ok = ok and st == 422
        else:
            st, j, raw = send(srv, 'POST', '/api/v1/history', tok['admin'],
                              json.dumps({'csv': data.decode('utf-8', 'surrogateescape')}).encode())
            ok = ok and st in (400, 413, 422)
        pg = admin.get('/history')
        r = multipart(admin, '/history', [('csrf', csrf_of(pg.text))],
                      [('file', 'h.csv', data)])
        doors['page'] = where_page(r.text)
        t.ok(ok and 400 <= r.status < 500,
             'history, %s: refused by the command line, the API and the page' % what,
             (rc, st, raw[:300], r.status))
        compare(doors, 'history, ' + what)
    after = snapshot(db)
    changed = [k for k in after if before.get(k) != after[k] and k not in VOLATILE]
    t.ok(not changed, 'history: nothing of the refused files was stored', changed)

    # ---- outcome indicators (aggregate and child-level): command line, API ----
    aheader = ['indicator', 'area_code', 'area_name', 'period', 'group', 'numerator',
               'denominator']
    arows = [['ind1', 'S12000001', 'Area', '2020', str(g % 5 + 1), '1', '10']
             for g in range(20)]
    cheader = ['area_code', 'area_name', 'period', 'group', 'ind1']
    crows = [['S12000001', 'Area', '2020', str(g % 5 + 1), '1'] for g in range(20)]
    before = snapshot(db)
    for kind, hdr, rs, extra in (('aggregate', aheader, arows, []),
                                 ('child-level', cheader, crows, ['--child-level'])):
        for what, (data, refused) in csv_files(hdr, rs, hdr[1]).items():
            if not refused:
                continue
            path = files_of('out ' + kind + what, data)
            rc, out, err = cairn(db, 'outcomes', 'import', path, '--q1', 'most-deprived',
                                 '--simd', '2020', *extra)
            doors = {'cli': where_cli(err)}
            body = {'csv': data.decode('utf-8', 'surrogateescape'), 'q1': 'most-deprived',
                    'simd': '2020'}
            if extra:
                body['child-level'] = True
            st, j, raw = send(srv, 'POST', '/api/v1/outcome-indicators', tok['admin'],
                              json.dumps(body).encode())
            representable = (len(data) <= 60000 and b'\x00' not in data and
                             b'\xff' not in data)
            if representable:
                doors['api'] = where_api(j)
            t.ok(rc != 0 and (st == 422 if representable else st in (400, 413, 422)),
                 'outcomes (%s), %s: refused by the command line and the API' % (kind, what),
                 (rc, err[-300:], st, raw[:300]))
            compare(doors, 'outcomes (%s), %s' % (kind, what))
    after = snapshot(db)
    changed = [k for k in after if before.get(k) != after[k] and k not in VOLATILE]
    t.ok(not changed, 'outcomes: nothing of the refused files was stored', changed)

    # ---- survey responses: command line, API ----
    rc, out, err = cairn(db, 'survey', 'create', PID, '--name', 'staff', '--kind', 'staff',
                         '--scale', 'agree5')
    assert rc == 0, err
    sheader = ['id', 'Team', 'Answer']
    srows = [[str(i + 1), 'AB'[i % 2], 'Agree'] for i in range(20)]
    before = snapshot(db)
    for what, (data, refused) in csv_files(sheader, srows, 'Team').items():
        if not refused:
            continue
        path = files_of('survey ' + what, data)
        rc, out, err = cairn(db, 'survey', 'import', PID, 'staff', path, '--attribute-columns',
                             'Team')
        doors = {'cli': where_cli(err)}
        st, j, raw = send(srv, 'POST', '/api/v1/inspections/%s/surveys/staff/responses' % PID,
                          tok['lead'], json.dumps({'csv': data.decode('utf-8', 'surrogateescape'),
                                                   'attribute_columns': 'Team'}).encode())
        representable = len(data) <= 60000 and b'\x00' not in data and b'\xff' not in data
        if representable:
            doors['api'] = where_api(j)
        pg = lead.get('/inspections/%s/surveys/staff' % PID)
        r = multipart(lead, '/inspections/%s/surveys/staff' % PID,
                      [('csrf', csrf_of(pg.text)), ('attribute-columns', 'Team')],
                      [('file', 's.csv', data)])
        doors['page'] = where_page(r.text)
        t.ok(rc != 0 and (st == 422 if representable else st in (400, 413, 422)) and
             400 <= r.status < 500,
             'survey responses, %s: refused by the command line, the API and the page' % what,
             (rc, err[-300:], st, raw[:300], r.status))
        compare(doors, 'survey responses, ' + what)
    after = snapshot(db)
    changed = [k for k in after if before.get(k) != after[k] and k not in VOLATILE]
    t.ok(not changed, 'survey responses: nothing of the refused files was stored', changed)

    # ---- readings: command line, API, page ----
    pop = os.path.join(fx.dir, 'pop1.csv')
    with open(pop, 'w') as f:
        f.write('ref,category\n' + ''.join('C%03d,%s\n' % (i + 1, 'AB'[i // 20])
                                           for i in range(40)))
    for args in (('population', 'import', '1', pop),
                 ('sample', 'draw', '1', '--size', '10', '--strata', 'category', '--seed', '1'),
                 ('reader', 'add', '1', 'lead', '--kind', 'inspector'),
                 ('reader', 'add', '1', 'reader', '--kind', 'local'),
                 ('reader', 'assign', '1')):
        rc, out, err = cairn(db, *args)
        assert rc == 0, (args, err)
    rheader = ['ref', 'reader', 'item', 'answer']
    rrows = [['C%03d' % (i + 1), 'lead', 'child-plan', '4'] for i in range(20)]
    before = snapshot(db)
    for what, (data, refused) in csv_files(rheader, rrows, 'reader').items():
        if not refused:
            continue
        path = files_of('readings ' + what, data)
        rc, out, err = cairn(db, 'reading', 'import', '1', path)
        st, j, raw = send(srv, 'POST', '/api/v1/inspections/1/readings', tok['lead'], data,
                          'text/csv')
        pg = lead.get('/inspections/1/readings/import')
        r = multipart(lead, '/inspections/1/readings/import', [('csrf', csrf_of(pg.text))],
                      [('file', 'r.csv', data)])
        t.ok(rc != 0 and 400 <= st < 500 and isinstance(j, dict) and 'error' in j and
             400 <= r.status < 500,
             'readings, %s: refused by the command line, the API and the page' % what,
             (rc, err[-300:], st, raw[:300], r.status))
        compare({'cli': where_cli(err), 'api': where_api(j), 'page': where_page(r.text)},
                'readings, ' + what)
    after = snapshot(db)
    changed = [k for k in after if before.get(k) != after[k] and k not in VOLATILE]
    t.ok(not changed, 'readings: nothing of the refused files was stored', changed)

    # ---- a crosswalk checked: command line, page (neither stores anything) ----
    for what, data in (('empty', b''), ('a BOM before a broken file', b'\xef\xbb\xbf{"from": '),
                       ('malformed at line 2', b'{"from": "cyp-2014",\n "to": }'),
                       ('a NUL', b'{"from": "cyp\x00-2014"}'),
                       ('invalid UTF-8', b'{"from": "\xff"}'),
                       ('10,000 levels', b'{"a":' * 10000 + b'1' + b'}' * 10000),
                       ('duplicate keys', b'{"from": "cyp-2014", "from": "cyp-2014"}')):
        path = files_of('crosswalk ' + what, data)
        rc, out, err = cairn(db, 'model', 'crosswalk', path)
        pg = admin.get('/crosswalks')
        r = multipart(admin, '/crosswalks/check', [('csrf', csrf_of(pg.text))],
                      [('file', 'c.json', data)])
        t.ok(rc != 0 and 400 <= r.status < 500,
             'crosswalk, %s: refused by the command line and the page' % what,
             (rc, err[-300:], r.status))
        if what == 'malformed at line 2':
            t.ok('line 2' in err and 'line 2' in r.text,
                 'crosswalk, %s: both name line 2' % what, (err, r.status))

    # ---- the JSON imports and the release check: command line, API ----
    before = snapshot(db)
    jfiles = {
        'a BOM before a broken file': b'\xef\xbb\xbf{"code": ',
        'empty': b'',
        'invalid JSON at line 3': b'{\n  "code": "x",\n  "name": ,\n}\n',
        'a NUL': b'{"code": "a\\u0000b"}',
        'duplicate keys': b'{"code": "x", "code": "y"}',
        '10,000 levels': b'[' * 10000 + b']' * 10000,
        'an array': b'[]',
        'invalid UTF-8': b'{"code": "\xff"}',
    }
    for kind, cmd, route in (('framework', 'framework', '/api/v1/frameworks'),
                             ('reading template', 'template', '/api/v1/templates')):
        for what, data in jfiles.items():
            path = files_of(kind + ' ' + what, data)
            rc, out, err = cairn(db, cmd, 'import', path)
            st, j, raw = send(srv, 'POST', route, tok['admin'],
                              json.dumps({'file': data.decode('utf-8', 'surrogateescape')}).encode())
            t.ok(rc != 0 and (st in (400, 422) if data else st == 422) and
                 isinstance(j, dict) and 'error' in j,
                 '%s, %s: refused by the command line and the API (4xx JSON)' % (kind, what),
                 (rc, err[-300:], st, raw[:300]))
            if what == 'invalid JSON at line 3':
                t.ok(re.search(r'line 3', err) and re.search(r'line 3', raw.decode()),
                     '%s, %s: both name line 3' % (kind, what), (err, raw))
    # A release checked alike by the command line (--json) and the API:
    # the same agreement and disagreements, or both refuse it.
    rfiles = {'invalid UTF-8': b'Across 9 quality indicators \xff\xfe',
              'a NUL before a false count': b'Across 9 quality indicators.\x00 Seven were weak.',
              'empty': b'', 'a BOM only': b'\xef\xbb\xbf',
              'right-to-left and combining': '\u202eAcross 9 quality indicators. Two were '
                                             've\u0301ry good.'.encode(),
              'CRLF and a lone CR': b'Across 9 quality indicators.\r\nTwo were very '
                                    b'good.\rFour were good.'}
    for what, data in rfiles.items():
        path = files_of('release ' + what, data)
        rc, out, err = cairn(db, 'release', 'check', path, '--inspection', '1', '--json')
        st, j, raw = send(srv, 'POST', '/api/v1/inspections/1/release/check', tok['lead'], data,
                          'text/plain')
        pg = lead.get('/inspections/1/release/check')
        r = multipart(lead, '/inspections/1/release/check', [('csrf', csrf_of(pg.text))],
                      [('file', 'release.txt', data)])
        shown = re.findall(r'<li id="disagreement-\d+">(.*?)</li>', r.text, re.S)
        try:
            cli = json.loads(out)
        except ValueError:
            cli = None
        if cli is None:
            t.ok(rc != 0 and 400 <= st < 500 and isinstance(j, dict) and 'error' in j and
                 r.status < 500 and not shown,
                 'release check, %s: refused by the command line, the API and the page'
                 % what, (rc, err[-300:], st, raw[:300], r.status))
        else:
            t.ok(st == 200 and (rc == 0) == cli.get('agrees') and
                 cli.get('agrees') == j.get('agrees') and
                 cli.get('disagreements') == j.get('disagreements') and
                 r.status < 500 and
                 [html.unescape(x) for x in shown] == cli.get('disagreements'),
                 'release check, %s: the same answer from the command line, the API and '
                 'the page' % what, (rc, cli, st, raw[:400], r.status, shown))
    after = snapshot(db)
    changed = [k for k in after if before.get(k) != after[k] and k not in VOLATILE]
    t.ok(not changed, 'JSON imports and release checks: nothing was stored', changed)

    stop_clean(t, srv)
    srv = None
finally:
    if srv is not None:
        srv.stop()
    fx.cleanup()
sys.exit(t.done())
