"""Every link a person is offered leads somewhere they may go (issue 17,
"what a person sees"): on the demo database as `make demo` builds it
(`cairn demo`, then scripts/demo_data.py: inspection 1 at its first stage,
inspection 2, Westerhaven, published with its embargo lifted), each demo
account of scripts/demo-web.sh signs in to the real server and follows
every same-site link of its home page and of each inspection's overview,
and the links of the pages those open (files and one-item pages left out);
each must answer 200 (after any redirect), never 403, 404 or 500.  Once a
report is published and its embargo has lifted, every role's overview
offers the published report and news release, and they download.  The
partnership co-ordinator's draft report is offered only at factual accuracy:
before it, the overview offers no link to it, and the report, publish,
preview and release pages, the API and the command line refuse it in the
same words; with inspection 1 taken to factual accuracy, the overview offers
both links and each door opens (the rule is app_draft_check's, in app/).
Prints TAP."""
import json
import os
import re
import shutil
import sqlite3
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webtest import Client, Server, Tap, cairn  # noqa: E402
from demoweb import build_demo, demo_accounts, follow, links, password  # noqa: E402

# Left out one step further: files (each rendered on request) and the pages
# of one item among many (records, evidence items, concerns, activities).
SKIP_RE = re.compile(r'\.(pdf|html|md|json|xlsx|csv|txt)$|/(reading|compare|evidence|concerns|'
                     r'fieldwork|surveys|outcomes|grade|reviews)/[^/]+|/assets/|[?]')


def sign_in(srv, user):
    c = Client(srv)
    r = c.sign_in(user, password(user))
    return c if r.status in (302, 303) and c.cookies else None


def overview_ids(home):
    """The inspections linked from the home page."""
    return sorted({int(m) for m in re.findall(r'href="/inspections/([0-9]+)"', home)})


t = Tap()
tmp = tempfile.mkdtemp(prefix='cairn-links.')
srv = None
try:
    db = build_demo(tmp)
    accounts = demo_accounts()
    t.ok(len(accounts) >= 9 and {a[2] for a in accounts} >= {
        'lead', 'depute', 'inspector', 'associate', 'young-inspector', 'panel',
        'partnership-coordinator', 'local-reader', 'admin'},
        f'scripts/demo-web.sh names one account per role ({len(accounts)})', accounts)
    rc, out, err = cairn(db, 'stage', '2', '--json')
    t.ok(rc == 0 and json.loads(out).get('stage') == 'published',
         'the demo\'s inspection 2 is published', out + err)
    srv = Server(db)
    bad = []       # (user, page, link, status)
    followed = 0
    published = {}  # user -> the published files linked from inspection 2's overview
    for user, name, role in accounts:
        c = sign_in(srv, user)
        if not t.ok(c is not None, f'{user} ({role}) signs in'):
            continue
        home, _ = follow(c, '/')
        pages = [('/', home)]
        for i in overview_ids(home.text):
            r, _ = follow(c, f'/inspections/{i}')
            if r.status != 200:
                bad.append((user, '/', f'/inspections/{i}', r.status))
                continue
            pages.append((f'/inspections/{i}', r))
        # The administrator is on no team, so sees no inspection's overview.
        t.ok(home.status == 200 and len(pages) == (1 if role == 'admin' else 3),
             f'{user}: the home page and each inspection\'s overview open '
             f'({len(pages) - 1} inspections)', [p for p, _ in pages])
        # One step further: the pages those links open offer links too
        # (downloads and one-item pages, many of a kind, are left out there).
        seen = {p for p, _ in pages}
        second = []
        for where, page in pages:
            for link in links(page.text):
                if link in seen:
                    continue
                seen.add(link)
                r, last = follow(c, link)
                followed += 1
                if r.status != 200:
                    bad.append((user, where, link, r.status))
                elif (r.header('Content-Type') or '').startswith('text/html'):
                    second.append((link, r))
            if where == '/inspections/2':
                published[user] = [x for x in links(page.text)
                                   if x.startswith('/inspections/2/published/')]
        for where, page in second:
            for link in links(page.text):
                if link in seen or SKIP_RE.search(link):
                    continue
                seen.add(link)
                r, last = follow(c, link)
                followed += 1
                if r.status != 200:
                    bad.append((user, where, link, r.status))
    t.ok(followed > 0 and not bad,
         f'every link of every account\'s home page and overviews answers 200 '
         f'({followed} followed, {len(bad)} not)',
         '\n'.join(f'{u} on {w}: {l} -> {s}' for u, w, l, s in bad))
    for user, name, role in accounts:
        if role == 'admin':
            continue
        files = published.get(user, [])
        t.ok(any(f.endswith('/report.pdf') for f in files) and
             any(f.endswith('/release.txt') for f in files),
             f'{user} ({role}): Westerhaven\'s overview links the published report and '
             'news release', files)

    # The co-ordinator's draft: one rule in app/ (app_draft_check) answered
    # alike by every door.  Inspection 1 is at its first stage, not at
    # factual accuracy, so neither overview link is offered and each door
    # refuses with the same words; the lead is offered both.
    c = sign_in(srv, 'coordinator')
    page = c.get('/inspections/1').text
    t.ok('/inspections/1/report' not in links(page) and
         '/inspections/1/publish' not in links(page),
         'the co-ordinator\'s overview offers no draft report before factual accuracy',
         links(page))
    lead = sign_in(srv, 'lead')
    page = lead.get('/inspections/1').text
    t.ok('/inspections/1/report' in links(page) and '/inspections/1/publish' in links(page),
         'the lead\'s overview offers the report and the publish page', links(page))
    msg = 'only while the inspection is at the factual accuracy stage; inspection 1 is at'
    for path in ('/inspections/1/report', '/inspections/1/publish', '/inspections/1/release',
                 '/inspections/1/preview', '/inspections/1/report/report-public.html'):
        r = c.get(path)
        t.ok(r.status == 403 and msg in ' '.join(r.text.split()),
             f'{path}: 403 for the co-ordinator, in app/\'s words', (r.status, r.text[-600:]))
    rc, out, err = cairn(db, 'user', 'token', 'coordinator')
    token = out.strip().split()[-1]
    for path in ('/api/v1/inspections/1/reports', '/api/v1/inspections/1/release'):
        r = c.get(path, headers={'Authorization': 'Bearer ' + token})
        try:
            j = json.loads(r.text).get('error', {})
        except ValueError:
            j = {}
        t.ok(r.status == 403 and j.get('field') == '/stage' and msg in j.get('message', ''),
             f'{path}: 403 at field /stage, the same words', (r.status, r.text[:400]))
    for args in (('report', '1', '--format', 'md'), ('release', '1')):
        rc, out, err = cairn(db, *args, '--as', 'coordinator')
        t.ok(rc == 77 and msg in err and out == '',
             f'cairn {" ".join(args)} --as coordinator: refused (77), the same words',
             (rc, err, out[:200]))
    rc, out, err = cairn(db, 'report', '1', '--format', 'md', '--as', 'lead')
    t.ok(rc == 0 and 'Glenmoor' in out, 'the lead\'s report through the CLI', (rc, err))

    # At factual accuracy the same rule opens the draft to the co-ordinator:
    # inspection 1 taken there through the real commands, the overview now
    # offers the report and the publish page, and each answers 200.
    for stage, date in (('scoping', '2026-02-02'), ('records-reading', '2026-02-09'),
                        ('fieldwork', '2026-02-16'), ('analysis', '2026-03-02'),
                        ('panel', '2026-03-09')):
        rc, out, err = cairn(db, 'stage', '1', 'move', stage, '--date', date)
        assert rc == 0, err
    con = sqlite3.connect(db)
    grades = con.execute('SELECT qi_code, grade FROM evaluation WHERE inspection_id = 1').fetchall()
    con.close()
    for qi, grade in grades:
        rc, out, err = cairn(db, 'panel', 'review', '1', qi, '--grade', str(grade), '--reason',
                             'Agreed')
        assert rc == 0, err
    for args in (('panel', 'signoff', '1'),
                 ('stage', '1', 'move', 'factual-accuracy', '--date', '2026-03-16')):
        rc, out, err = cairn(db, *args)
        assert rc == 0, err
    c = sign_in(srv, 'coordinator')
    page = c.get('/inspections/1').text
    offered = [x for x in links(page) if x in ('/inspections/1/report', '/inspections/1/publish')]
    t.ok(len(offered) == 2, 'at factual accuracy the co-ordinator\'s overview offers the report '
         'and the publish page', links(page))
    for path in offered + ['/inspections/1/release', '/inspections/1/preview']:
        r = c.get(path)
        t.ok(r.status == 200, f'{path}: 200 for the co-ordinator at factual accuracy', r.status)
    rc, out, err = cairn(db, 'report', '1', '--format', 'md', '--as', 'coordinator')
    t.ok(rc == 0 and 'Glenmoor' in out, 'and cairn report --as coordinator answers alike', (rc, err))
finally:
    if srv is not None:
        srv.stop()
    shutil.rmtree(tmp, ignore_errors=True)
sys.exit(t.done())
