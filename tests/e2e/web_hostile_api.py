"""End-to-end tests of the JSON API against hostile requests, on the real
server and the real SQLite database.  The routes come from
docs/openapi.yaml, so a new route is covered as soon as it is documented:
  - every route with a request body gets: invalid JSON, an array, a number,
    null and a string instead of an object, duplicate keys, every member
    of the wrong type (string, number, object, array, null, a real, the
    string "NaN"), integers at the edges (-1, 0, 2^31, 2^63, 1e309, 1.5),
    strings of 0, limit + 1 and 100,000 bytes, invalid UTF-8, a NUL,
    right-to-left and combining characters beside a wrong member, nesting
    10,000 levels deep, a wrong Content-Type, a body over the limit;
  - every route with query parameters gets each of them hostile (numbers
    at the edges, invalid UTF-8, bidi and combining characters, 10,000
    bytes, the parameter twice);
  - every route with a path parameter gets unknown ids in it (0, -1,
    99999999999999999999, 10,000 bytes, bidi characters, invalid UTF-8).
Asserts: never a 5xx and always a JSON answer; a refused body is a 4xx
whose error names the member at fault where one is; nothing is written
(every table of the database is the same before and after, the audit log
included); the server neither crashed nor reported anything under ASan or
UBSan (its standard error is read at the end).  Prints TAP."""
import json
import os
import re
import sys

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from hostile import VOLATILE, Server, err_field, send, snapshot, stop_clean  # noqa: E402
from webtest import SRCDIR, Fixture, Tap, cairn  # noqa: E402

BODY_MAX = 65536


# ---- what the schema says a value is ----

def kinds(prop):
    """The JSON kinds a documented member accepts, and its limits."""
    if 'oneOf' in prop:
        ks = {}
        for x in prop['oneOf']:
            ks.update(kinds(x))
        return ks
    return {prop.get('type'): prop}


def verdict(prop, value):
    """None if value is acceptable for prop, else the status the validator
    answers (400 wrong type, 422 out of limits)."""
    ks = kinds(prop)
    if value is None:
        return None if prop.get('nullable') else 400
    if isinstance(value, bool):
        return None if 'boolean' in ks else 400
    if isinstance(value, int):
        p = ks.get('integer')
        if p is None:
            return 400
        lo, hi = p.get('minimum', -2**63), p.get('maximum', 2**63 - 1)
        return None if lo <= value <= hi else 422
    if isinstance(value, float):
        return 400
    if isinstance(value, str):
        p = ks.get('string')
        if p is None:
            return 400
        n = len(value.encode())
        return None if p.get('minLength', 0) <= n <= p.get('maxLength', 10**9) else 422
    if isinstance(value, list):
        p = ks.get('array')
        if p is None:
            return 400
        if len(value) > p.get('maxItems', 10**9):
            return 422
        for m in value:
            v = verdict(p.get('items', {}), m) if isinstance(m, str) else 400
            if v:
                return v
        return None
    if isinstance(value, dict):
        p = ks.get('object')
        if p is None:
            return 400
        if len(value) > p.get('maxProperties', 10**9):
            return 422
        for k, m in value.items():
            if not isinstance(m, str):
                return 400
            if not 1 <= len(k.encode()) <= 200:
                return 422
        for m in value.values():
            v = verdict(p.get('additionalProperties', {}), m) if isinstance(m, str) else 400
            if v:
                return v
        return None
    return 400


def resolve(spec, s):
    while '$ref' in s:
        s = spec['components']['schemas'][s['$ref'].rsplit('/', 1)[1]]
    return s


# Values for the path parameters that reach the handler on the demo
# inspection; unknown ones only change the refusal, which is checked too.
PATH_DEFAULTS = {'id': '1', 'qi': '2.1', 'n': '1', 'cid': '1', 'ref': 'R1', 'name': 'survey',
                 'username': 'lead', 'label': 'x', 'kind': 'lead', 'code': 'cyp-2014',
                 'improvement': '1', 'file': 'report.html', 'version': '1',
                 'indicator': 'x'}
UNKNOWN_IDS = ['0', '-1', '99999999999999999999', '1' * 10000, '%E2%80%AE1', '%FF%FE',
               '1%CC%81', '%20', '..']


def fill(path, override=None):
    def sub(m):
        k = m.group(1)
        if override and k in override:
            return override[k]
        return PATH_DEFAULTS.get(k, '1')
    return '/api/v1' + re.sub(r'\{(\w+)\}', sub, path)


t = Tap()
fx = Fixture()
db = fx.db
srv = None
try:
    spec = yaml.safe_load(open(os.path.join(SRCDIR, 'docs', 'openapi.yaml')))
    tok = {}
    for u in ('lead', 'inspector', 'young', 'panel', 'coord', 'reader', 'admin'):
        rc, out, err = cairn(db, 'user', 'token', u)
        assert rc == 0, err
        tok[u] = out.strip().split()[-1]

    # A sample of the demo inspection read by the lead and the local
    # reader, so that the reading routes reach their bodies.
    pop = os.path.join(fx.dir, 'pop.csv')
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
    rc, out, err = cairn(db, 'reader', 'list', '1', '--json')
    PATH_DEFAULTS['ref'] = json.loads(out)['assignments'][0]['ref']

    ops = []  # (method, path, op)
    for p, item in spec['paths'].items():
        for m, op in item.items():
            if m in ('get', 'put', 'post', 'patch', 'delete') and isinstance(op, dict):
                ops.append((m.upper(), p, op))
    with_body = [(m, p, op) for m, p, op in ops if op.get('requestBody')]
    with_query = [(m, p, op, [x for x in op.get('parameters', []) if x.get('in') == 'query'])
                  for m, p, op in ops]
    with_query = [x for x in with_query if x[3]]
    with_path = [(m, p, op) for m, p, op in ops if '{' in p]
    t.ok(len(with_body) >= 60 and len(with_query) >= 10 and len(with_path) >= 80,
         'openapi.yaml lists %d routes with a body, %d with query parameters and %d with '
         'path parameters' % (len(with_body), len(with_query), len(with_path)))

    srv = Server(db, os.path.join(fx.dir, 'server.err'))
    before = snapshot(db)

    # Every failure of the rules below, listed once per route at the end.
    fivexx, not_json, wrong_field, wrong_status, reached = [], [], [], [], set()

    def check(m, path, st, j, raw, what):
        """Records a 5xx, a closed connection, an answer that is not a
        JSON error, or a write accepted; returns True for a JSON error."""
        if st == 0 or st >= 500:
            fivexx.append('%s %s %s: %s %s' % (m, path[:80], what, st, raw[:200]))
            return False
        if not isinstance(j, dict) or 'error' not in j:
            if st >= 400 or st < 200:
                not_json.append('%s %s %s: %s %s' % (m, path[:80], what, st, raw[:120]))
            elif m != 'GET':
                # A hostile write that was accepted.
                wrong_status.append('%s %s %s: accepted (%s) %s' % (m, path[:80], what, st,
                                                                     raw[:120]))
            return False
        return True

    # Which account reaches each route's validator: the first whose array
    # body is answered "must be a JSON object" (400, no field) rather than
    # 403/404 for the route's rules.
    ORDER = ('lead', 'admin', 'coord', 'panel', 'inspector', 'reader', 'young')
    who = {}
    for m, p, op in with_body:
        path = fill(p)
        for u in ORDER:
            st, j, raw = send(srv, m, path, tok[u], b'[]')
            check(m, path, st, j, raw, 'array body as ' + u)
            if st in (400, 415) and err_field(j) is None:
                who[(m, p)] = u
                break
        else:
            who[(m, p)] = 'lead'

    for m, p, op in with_body:
        path = fill(p)
        u = tok[who[(m, p)]]
        content = op['requestBody']['content']
        is_json = 'application/json' in content
        if not is_json:
            # A text/csv body: the import tests below and in web_api_records.
            ctype = list(content)[0]
            for what, b in (('empty', b''), ('invalid UTF-8', b'ref\n\xff\xfe\n'),
                            ('NUL', b'ref\x00,a\n1,2\n'), ('lone CR', b'ref,a\r1\r'),
                            ('unbalanced quote', b'ref,a\n"1,2\n'),
                            ('JSON', b'{"a": 1}')):
                st, j, raw = send(srv, m, path, u, b, ctype)
                check(m, path, st, j, raw, what)
                if not (400 <= st < 500):
                    wrong_status.append('%s %s %s: %s' % (m, p, what, st))
            st, j, raw = send(srv, m, path, u, b'ref\n1\n', 'application/json')
            check(m, path, st, j, raw, 'CSV as JSON')
            if st != 415:
                wrong_status.append('%s %s CSV sent as JSON: %s not 415' % (m, p, st))
            continue
        schema = resolve(spec, content['application/json']['schema'])
        props = schema.get('properties', {})
        required = schema.get('required', [])

        def expect(what, body, status, field=None, ctype='application/json'):
            st, j, raw = send(srv, m, path, u, body, ctype)
            if not check(m, path, st, j, raw, what):
                return
            if st in (400, 413, 415, 422):
                reached.add((m, p))
            if st != status and not (status == 400 and st == 422 and field is None):
                wrong_status.append('%s %s %s: %s, expected %s: %s' % (
                    m, p, what, st, status, raw[:160]))
            elif field is not None and err_field(j) != '/' + field and \
                    not (field == '*' and err_field(j)):
                wrong_field.append('%s %s %s: field %r, expected %r' % (
                    m, p, what, err_field(j), field))

        # The body as a whole.
        expect('invalid JSON', b'{"a": ', 400)
        expect('trailing garbage', b'{} x', 400)
        for what, b in (('an array', b'[]'), ('a number', b'1'), ('null', b'null'),
                        ('a string', b'"x"'), ('true', b'true')):
            expect(what, b, 400)
        expect('invalid UTF-8', b'{"\xff": 1}', 400)
        expect('invalid UTF-8 in a value', b'{"x": "\xc3\x28"}', 400)
        expect('an overlong UTF-8 slash', b'{"x": "\xc0\xaf"}', 400)
        expect('a NUL in a key', b'{"a\\u0000b": 1}', 400)
        expect('a NUL', b'{"x": "a\x00b"}', 400)
        expect('10,000 levels of arrays', b'[' * 10000 + b']' * 10000, 400)
        expect('10,000 levels of objects', b'{"a":' * 10000 + b'1' + b'}' * 10000, 400)
        if 'text/plain' not in content:
            expect('a wrong Content-Type', b'{}', 415, ctype='text/plain; x=application/json')
        expect('a form Content-Type', b'a=1', 415, ctype='application/x-www-form-urlencoded')
        expect('a body over the limit', b'{"x": "' + b'a' * (BODY_MAX + 1) + b'"}', 413)
        expect('a string of 100,000 bytes', json.dumps(
            {next(iter(props), 'x'): 'a' * 100000}).encode(), 413)
        expect('an unknown member', b'{"no such member": 1}', 400, 'no such member')
        # A key cut by the message's limits in the middle of a character.
        for k in ('\u00e9' * 100, 'a' * 59 + '\u00e9', 'a' * 78 + '\u00e9', '\U0001f600' * 30,
                  '\u202e' * 30):
            expect('an unknown member of %d bytes' % len(k.encode()),
                   json.dumps({k: 1}).encode(), 400, '*')
        if props:
            f0 = next(iter(props))
            expect('duplicate keys', ('{"%s": null, "%s": null}' % (f0, f0)).encode(), 400)
        # Each member alone, every wrong kind and every edge.
        for name, prop in props.items():
            prop = resolve(spec, prop)
            n = prop.get('maxLength') or max((x.get('maxLength', 0) for x in
                                              prop.get('oneOf', [])), default=0)
            values = [('a string', 'x'), ('an empty string', ''), ('a number', 7),
                      ('an object', {}), ('an array', []), ('null', None), ('true', True),
                      ('a real', 1.5), ('"NaN"', 'NaN'), ('-1', -1), ('0', 0),
                      ('2^31', 2**31), ('2^53+1', 2**53 + 1), ('an array of a number', [1]),
                      ('an object of a number', {'a': 1}),
                      ('an object with an empty key', {'': 'x'})]
            if n:
                values.append(('limit + 1 bytes', 'a' * (n + 1)))
                values.append(('limit + 1 bytes of two-byte characters',
                               '\u00e9' * (n // 2 + 1)))
            for what, v in values:
                status = verdict(prop, v)
                body = {name: v}
                enc = json.dumps(body, ensure_ascii=False).encode()
                if len(enc) > BODY_MAX:
                    expect('%s = %s' % (name, what), enc, 413)
                elif status is None:
                    # Acceptable alone: make the body wrong after it, so
                    # nothing is written, and check the member is read.
                    body['no such member'] = 1
                    expect('%s = %s then an unknown member' % (name, what),
                           json.dumps(body).encode(), 400, 'no such member')
                else:
                    expect('%s = %s' % (name, what), enc, status, name)
            for what, raw_v in (('2^63', b'9223372036854775808'), ('1e309', b'1e309'),
                                ('-1e309', b'-1e309'), ('NaN', b'NaN'),
                                ('Infinity', b'Infinity'), ('a lone surrogate', b'"\\ud800"'),
                                ('an invalid escape', b'"\\x41"')):
                expect('%s = %s' % (name, what), b'{"%s": %s}' % (name.encode(), raw_v), 400)
            # Hostile text that is valid: read, then the body is refused.
            for what, s in (('right-to-left', '\u202egnp.exe\u202c \u05e9\u05dc\u05d5\u05dd'),
                            ('combining', 'e' + '\u0301' * 200),
                            ('zero-width', '\u200b\ufeff\u2060'),
                            ('a control', '\x1b[31m\x07\x08')):
                if verdict(prop, s) is None:
                    expect('%s = %s then an unknown member' % (name, what),
                           json.dumps({name: s, 'no such member': 1},
                                      ensure_ascii=False).encode(), 400,
                           'no such member')
        # A required member missing.
        if required:
            expect('{}', b'{}', 400, '*')

    for m, p, op, params in with_query:
        u = tok['lead'] if p.startswith('/inspections') else tok['admin']
        for prm in params:
            name = prm['name']
            for what, v in (('-1', '-1'), ('0', '0'), ('2^31', '2147483648'),
                            ('2^63', '9223372036854775808'), ('20 digits', '9' * 20),
                            ('1e309', '1e309'), ('NaN', 'NaN'), ('inf', 'inf'),
                            ('1.5', '1.5'), ('empty', ''), ('invalid UTF-8', '%FF%FE'),
                            ('an overlong slash', '%C0%AF'), ('bidi', '%E2%80%AEx'),
                            ('combining', 'e' + '%CC%81' * 50), ('10,000 bytes', 'a' * 10000),
                            ('commas', ',' * 50), ('a plus', '+1'), ('spaces', '%20%201')):
                path = fill(p) + '?%s=%s' % (name, v)
                st, j, raw = send(srv, m, path, u, b'' if m != 'GET' else None)
                check(m, path, st, j, raw, 'query %s=%s' % (name, what))
                if what in ('invalid UTF-8', 'an overlong slash') and \
                        (st != 400 or err_field(j) != '/' + name):
                    wrong_field.append('%s %s?%s=%s: %s at %r, expected 400 at the parameter'
                                       % (m, p, name, what, st, err_field(j)))
                # A documented number out of its range or not a number at
                # all is refused at the parameter.
                sch = prm.get('schema', {})
                if sch.get('type') in ('integer', 'number') and 200 <= st < 300:
                    try:
                        x = float(v) if sch['type'] == 'number' else int(v)
                        bad = not (sch.get('minimum', -1e300) <= x <=
                                   sch.get('maximum', 1e300)) or x != x or \
                            x in (float('inf'), float('-inf'))
                    except ValueError:
                        bad = True
                    if bad:
                        wrong_field.append('%s %s?%s=%s: accepted (%s)' % (m, p, name, what,
                                                                           st))
                elif sch.get('enum') and v not in sch['enum'] and 200 <= st < 300:
                    wrong_field.append('%s %s?%s=%s: accepted (%s), not one of %s' % (
                        m, p, name, what, st, sch['enum']))
                if m != 'GET' and 200 <= st < 300:
                    wrong_status.append('%s %s?%s=%s accepted (%s)' % (m, p, name, what, st))
            path = fill(p) + '?%s=1&%s=2' % (name, name)
            st, j, raw = send(srv, m, path, u, b'' if m != 'GET' else None)
            check(m, path, st, j, raw, 'query %s twice' % name)

    # A parameter after the first 200 is refused, not dropped: a filter
    # left out would answer with more than was asked for.
    q = '&'.join('x%d=1' % i for i in range(200)) + '&limit=1'
    st, j, raw = send(srv, 'GET', '/api/v1/inspections/1/evidence?' + q, tok['lead'])
    t.ok(st == 400 and err_field(j) == '/limit',
         'a 201st query parameter is refused (400 at it), not dropped', (st, raw[:300]))
    q = '&'.join('x%d=1' % i for i in range(199)) + '&limit=1'
    st, j, raw = send(srv, 'GET', '/api/v1/inspections/1/evidence?' + q, tok['lead'])
    t.ok(st == 400 and err_field(j) == '/x0',
         'with 200 the handler answers itself (its first unknown parameter)', (st, raw[:300]))

    for m, p, op in with_path:
        u = tok['lead'] if p.startswith('/inspections') else tok['admin']
        for k in re.findall(r'\{(\w+)\}', p):
            for v in UNKNOWN_IDS:
                path = fill(p, {k: v})
                body = b'[]' if op.get('requestBody') else None
                st, j, raw = send(srv, m, path, u, body)
                check(m, path, st, j, raw, '{%s} = %s' % (k, v[:30]))
                if 200 <= st < 300 and m != 'GET':
                    wrong_status.append('%s %s with {%s}=%s accepted (%s)' % (m, p, k, v[:30],
                                                                              st))

    t.ok(not fivexx, 'no hostile request is answered 5xx or with a closed connection',
         '\n'.join(fivexx[:20]))
    t.ok(not not_json, 'every refusal is a JSON error', '\n'.join(not_json[:20]))
    t.ok(not wrong_status, 'each hostile body is refused with the status of its fault '
         '(400, 413, 415 or 422) and none is accepted', '\n'.join(wrong_status[:20]))
    t.ok(not wrong_field, 'each refusal of a member names that member',
         '\n'.join(wrong_field[:20]))
    json_routes = [(m, p) for m, p, op in with_body
                   if 'application/json' in op['requestBody']['content']]
    missed = [' '.join(x) for x in json_routes if x not in reached]
    t.ok(not missed, 'the validator of each of the %d JSON bodies was reached' %
         len(json_routes), '\n'.join(missed))

    after = snapshot(db)
    changed = sorted(k for k in set(before) | set(after)
                     if before.get(k) != after.get(k) and k not in VOLATILE)
    t.ok(not changed, 'nothing was written: every table (the audit log among them) is as '
         'it was', ', '.join('%s %s -> %s' % (k, before.get(k, ('-',))[0],
                                               after.get(k, ('-',))[0]) for k in changed))
    rc, out, err = cairn(db, 'audit', 'verify')
    t.ok(rc == 0, 'the audit chain still verifies', err)
    alive, _, _ = send(srv, 'GET', '/api/v1/inspections', tok['lead'])
    t.ok(alive == 200, 'the server still answers', alive)
    stop_clean(t, srv)
    srv = None
finally:
    if srv is not None:
        srv.stop()
    fx.cleanup()
sys.exit(t.done())
