"""The table "The command line, the browser and the API side by side" in
docs/guide-web.md, read as a person reads it, against the program: every
`cairn COMMAND [SUBCOMMAND]` it names exists (`cairn COMMAND --help` exits 0
and names SUBCOMMAND among its commands or in its usage), every page path is
a route of `cairn serve --routes`, and every `METHOD /api/v1/...` is a route
with that method.  And the other way: every subcommand of the command
groups a team uses has its row.  Prints TAP."""
import json
import os
import re
import subprocess
import sys

CAIRN = os.environ.get('CAIRN', 'build/cairn')
SRCDIR = os.environ.get('SRCDIR', '.')
TITLE = '## The command line, the browser and the API side by side'
# The operator's commands and the file statistics, left out of the table.
LEFT_OUT = {'init', 'serve', 'backup', 'restore', 'purge', 'demo', 'stats'}

n = failed = 0


def ok(cond, desc, diag=None):
    global n, failed
    n += 1
    failed += 0 if cond else 1
    print(('ok' if cond else 'not ok'), n, '-', desc)
    if not cond and diag is not None:
        for line in str(diag).splitlines()[:20]:
            print('#', line)


def run(*args):
    p = subprocess.run([CAIRN, *args], capture_output=True, text=True, timeout=60)
    return p.returncode, p.stdout + p.stderr


text = open(os.path.join(SRCDIR, 'docs', 'guide-web.md'), encoding='utf-8').read()
ok(TITLE in text, 'docs/guide-web.md has the section')
section = text.split(TITLE, 1)[-1].split('\n## ', 1)[0]
rows = []
for line in section.splitlines():
    if not line.startswith('| `cairn '):
        continue
    cells = [c.strip() for c in line.strip().strip('|').split('|')]
    rows.append(cells)
ok(len(rows) >= 100, 'the table has a row per subcommand (%d rows)' % len(rows))
ok(all(len(c) == 3 for c in rows), 'each row has three cells: command line, browser, API',
   [c for c in rows if len(c) != 3][:3])

rc, out = run('serve', '--routes')
routes = json.loads(out) if rc == 0 else []
ok(rc == 0 and routes, 'cairn serve --routes prints the route table')
paths = {r['path'] for r in routes}
methods = {(r['method'], r['path']) for r in routes}

helps = {}


def help_of(cmd):
    if cmd not in helps:
        helps[cmd] = run(cmd, '--help')
    return helps[cmd]


named = set()
for cli, page, apis in rows:
    m = re.fullmatch(r'`cairn ([a-z-]+)(?: ([a-z-]+))?`', cli)
    ok(m is not None, 'the command cell is one command: %s' % cli)
    if m is None:
        continue
    cmd, sub = m.group(1), m.group(2)
    named.add((cmd, sub))
    rc, out = help_of(cmd)
    listed = sub is None or re.search(r'(^|[\s|\[])%s(\s|\]|$)' % re.escape(sub), out, re.M)
    ok(rc == 0 and listed, '%s exists (cairn %s --help)' % (cli, cmd), out[:400])
    pages = re.findall(r'`(/[^`\s]*)`', page)
    ok(pages or page.startswith('none'), '%s: a page, or "none" with what there is' % cli, page)
    for p in pages:
        ok(p.split('?')[0] in paths, '%s: the page %s is a route' % (cli, p))
    calls = re.findall(r'`(GET|POST|PUT|PATCH|DELETE) (/api/v1/[^`\s]*)`', apis)
    ok(calls or apis.startswith('none'), '%s: an API route, or "none"' % cli, apis)
    for meth, p in calls:
        ok((meth, p.split('?')[0]) in methods, '%s: %s %s is a route' % (cli, meth, p))

# Every subcommand of every command group a team uses has its row.
rc, out = run('--help')
groups = re.findall(r'^  ([a-z-]+)\s', out, re.M)
ok(rc == 0 and len(groups) > 30, 'cairn --help lists the command groups (%d)' % len(groups))
for g in groups:
    if g in LEFT_OUT:
        continue
    rc, h = help_of(g)
    subs = re.findall(r'^  ([a-z][a-z-]*)\s{2,}', h.split('Commands:', 1)[1], re.M) \
        if 'Commands:' in h else []
    if subs:
        missing = [s for s in subs if (g, s) not in named]
        ok(not missing, 'every subcommand of cairn %s has its row' % g, missing)
    else:
        ok(any(c == g for c, _ in named), 'cairn %s has its row' % g)
print('1..%d' % n)
sys.exit(1 if failed else 0)
