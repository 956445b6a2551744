#!/bin/sh
# docs/openapi.yaml against the route table: every /api/v1 route of
# `cairn serve --routes` is documented with its method, and every documented
# path and method exists.  Prints TAP.
. "$LIB"
run serve --routes
expect_rc 0 "cairn serve --routes prints the route table"
python3 - "$T/out" "$SRCDIR/docs/openapi.yaml" "$N" <<'PY'
import json, re, sys
routes = json.load(open(sys.argv[1]))
api = {(r['method'].lower(), r['path'][len('/api/v1'):]) for r in routes
       if r['path'].startswith('/api/v1/')}
doc, path, in_paths = set(), None, False
for line in open(sys.argv[2]):
    if re.match(r'^\S', line):
        in_paths = line.startswith('paths:')
        continue
    if not in_paths:
        continue
    m = re.match(r'^  (/\S*):\s*$', line)
    if m:
        path = m.group(1)
        continue
    m = re.match(r'^    (get|put|post|delete|patch):\s*$', line)
    if m and path:
        doc.add((m.group(1), path))
n = int(sys.argv[3])
start = n
failed = 0
def ok(cond, desc):
    global n, failed
    n += 1
    failed += 0 if cond else 1
    print(('ok' if cond else 'not ok'), n, '-', desc)
ok(len(api) >= 4, 'the route table has API routes (%d)' % len(api))
for m, p in sorted(api):
    ok((m, p) in doc, 'documented: %s /api/v1%s' % (m.upper(), p))
for m, p in sorted(doc - api):
    ok(False, 'documented but not served: %s /api/v1%s' % (m.upper(), p))
ok(doc == api, 'openapi.yaml and the route table agree')

# Each request body the server validates (the schema table in web/, shown by
# `cairn serve --routes`) is documented field by field: the same names,
# required fields, types and limits, and no other fields.
try:
    import yaml
except ImportError:
    yaml = None
if yaml is None:
    n += 1
    print('ok', n, '- # SKIP python3-yaml is not installed (scripts/deps.sh installs it)')
else:
    spec = yaml.safe_load(open(sys.argv[2]))
    schemas = spec['components']['schemas']

    def scalar_ok(f, s, kind):
        if kind == 'string':
            return (s.get('type') == 'string' and s.get('maxLength') == f['max'] and
                    s.get('minLength', 0) == f['min'])
        return (s.get('type') == 'integer' and s.get('minimum') == f['min'] and
                s.get('maximum') == f['max'])

    def field_ok(f, s):
        t = f['type']
        if f['nullable'] != bool(s.get('nullable', False)):
            return False
        if t == 'string':
            return scalar_ok(f, s, 'string')
        if t == 'integer':
            return scalar_ok(f, s, 'integer')
        if t == 'boolean':
            return s.get('type') == 'boolean'
        if t == 'string or integer':
            kinds = {x.get('type'): x for x in s.get('oneOf', [])}
            return (set(kinds) == {'string', 'integer'} and
                    scalar_ok(f, kinds['string'], 'string') and
                    scalar_ok(f, kinds['integer'], 'integer'))
        if t == 'array of strings':
            return (s.get('type') == 'array' and s.get('maxItems') == f['max_items'] and
                    scalar_ok(f, s.get('items', {}), 'string'))
        if t == 'object of strings':
            return (s.get('type') == 'object' and s.get('maxProperties') == f['max_items'] and
                    scalar_ok(f, s.get('additionalProperties', {}), 'string'))
        return False

    with_body = [r for r in routes if r.get('body')]
    ok(len(with_body) >= 2, 'the route table names the body schemas (%d)' % len(with_body))
    for r in with_body:
        m, p = r['method'].lower(), r['path'][len('/api/v1'):]
        body = r['body']
        op = spec['paths'].get(p, {}).get(m, {})
        ref = (op.get('requestBody', {}).get('content', {}).get('application/json', {})
               .get('schema', {}).get('$ref', ''))
        where = '%s /api/v1%s' % (m.upper(), p)
        ok(ref == '#/components/schemas/' + body['name'],
           '%s documents its body as %s' % (where, body['name']))
        s = schemas.get(body['name'], {})
        props = s.get('properties', {})
        names = [f['name'] for f in body['fields']]
        ok(sorted(props) == sorted(names) and s.get('additionalProperties') is False,
           '%s: the documented fields are exactly %s' % (body['name'], ', '.join(names)))
        ok(sorted(s.get('required', [])) == sorted(f['name'] for f in body['fields']
                                                   if f['required']),
           '%s: the same required fields' % body['name'])
        for f in body['fields']:
            ok(field_ok(f, props.get(f['name'], {})),
               '%s.%s: documented as %s within the same limits' % (body['name'], f['name'],
                                                                   f['type']))
print('%d %d' % (n - start, failed), file=open(sys.argv[1] + '.n', 'w'))
PY
# The python block printed its own TAP lines; account for them in the plan.
read -r more bad <"$T/out.n"
N=$((N + more))
FAILED=$((FAILED + bad))
done_testing
