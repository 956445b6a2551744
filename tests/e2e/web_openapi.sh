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
print('%d %d' % (n - start, failed), file=open(sys.argv[1] + '.n', 'w'))
PY
# The python block printed its own TAP lines; account for them in the plan.
read -r more bad <"$T/out.n"
N=$((N + more))
FAILED=$((FAILED + bad))
done_testing
