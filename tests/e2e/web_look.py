"""End-to-end tests of what a person sees on the pages, over HTTP against
the real server: the design system served without --assets, dates as people
write them in <time datetime>, breadcrumbs naming the inspection, the design
system's table styles on the overview and the report preview, strata and
statuses by their labels, plurals, the draw form's defaults (a random seed
kept, a sample size suggested with its margin of error) and every error of
a form shown at once, and the success banner's padding.  Prints TAP."""
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webtest import CAIRN, Client, Fixture, Server, Tap, cairn, csrf_of, visible_text  # noqa: E402


def crumbs(html):
    """The breadcrumb trail's links, as (href, label)."""
    m = re.search(r'<nav[^>]*aria-label="Breadcrumb"[^>]*>(.*?)</nav>', html, re.S | re.I)
    if not m:
        m = re.search(r'class="ds_breadcrumbs"[^>]*>(.*?)</(?:ol|nav)>', html, re.S)
    return re.findall(r'<a[^>]*href="([^"]*)"[^>]*>([^<]*)</a>', m.group(1) if m else '')


def input_value(html, field):
    m = re.search(r'<input[^>]*\bid="' + re.escape(field) + r'"[^>]*>', html)
    v = re.search(r'\bvalue="([^"]*)"', m.group(0)) if m else None
    return v.group(1) if v else None


t = Tap()
fx = Fixture()
# A second inspection, led by 'lead', with 40 children in two categories.
rc, out, err = cairn(fx.db, 'inspection', 'create', '--partnership', 'Lookvale', '--framework',
                     'cyp-2014', '--json')
t.ok(rc == 0, 'setup: a second inspection', err)
two = re.search(r'"id":\s*([0-9]+)', out).group(1) if rc == 0 else '2'
rc, out, err = cairn(fx.db, 'team', 'add', two, 'lead', '--role', 'lead')
pop = os.path.join(fx.dir, 'pop.csv')
with open(pop, 'w') as f:
    f.write('ref,category\n' + ''.join(
        f'C{i:03d},{"cp-register" if i % 2 else "looked-after"}\n' for i in range(1, 41)))
rc, out, err = cairn(fx.db, 'population', 'import', two, pop)
t.ok(rc == 0, 'setup: 40 children imported', err)

# ---- the design system without --assets ----
# From a directory with no node_modules and no CAIRN_ASSETS, the server finds
# the design system beside the program (build/ in the source tree).
env = dict(os.environ)
env.pop('CAIRN_ASSETS', None)
with tempfile.TemporaryDirectory() as elsewhere:
    p = subprocess.Popen([os.path.abspath(CAIRN), '--db', fx.db, 'serve', '--listen',
                          '127.0.0.1:0', '--insecure-cookies', '--workers', '1'],
                         cwd=elsewhere, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True)
    line = p.stdout.readline()
    m = re.search(r'http://([0-9.]+):([0-9]+)', line)
    if m:
        class Bare:
            host, port = m.group(1), int(m.group(2))
        r = Client(Bare).get('/assets/ds/css/design-system.min.css')
        t.ok(r.status == 200 and b'ds_table' in r.body,
             'a plain cairn serve (no --assets, another directory) serves the design system',
             r.status)
    else:
        t.ok(False, 'a plain cairn serve starts', line)
    p.terminate()
    _, stderr = p.communicate(timeout=30)
    t.ok('no design system' not in stderr, 'and does not warn that it has none', stderr[:300])

srv = Server(fx.db)
try:
    lead, admin = Client(srv), Client(srv)
    lead.sign_in('lead')
    admin.sign_in('admin')

    # ---- dates ----
    r = lead.get('/inspections/1')
    t.ok(re.search(r'<time[^>]*datetime="2026-03-02"[^>]*>2 March 2026</time> to '
                   r'<time[^>]*datetime="2026-04-24"[^>]*>24 April 2026</time>', r.text)
         is not None, 'fieldwork reads "2 March 2026 to 24 April 2026" with machine dates')
    t.ok(re.search(r'<time class="cairn-nowrap"[^>]*datetime="2026-01-12"', r.text) is not None,
         'a date never breaks across lines (white-space: nowrap)')
    t.ok(not re.search(r'\b20[0-9]{2}-[0-9]{2}-[0-9]{2}\b', visible_text(r.text)),
         'no ISO date is shown as text on the inspection page')
    r = lead.get('/assets/cairn.css')
    t.ok(re.search(r'\.cairn-nowrap\s*\{\s*white-space:\s*nowrap', r.text) is not None,
         'the stylesheet keeps dates and references whole')
    r = lead.get('/')
    t.ok('2 March 2026' in r.text and '2026-03-02 to' not in r.text,
         'the list of inspections shows fieldwork as people write it')

    # ---- breadcrumbs ----
    for page in ('sample', 'readers', 'concerns', 'stage', 'team', 'population'):
        r = lead.get(f'/inspections/1/{page}')
        c = crumbs(r.text)
        t.ok(r.status == 200 and ('/inspections/1', 'Glenmoor') in c and
             not any(label == 'Inspection' for _, label in c),
             f'the {page} page\'s breadcrumbs name the inspection (Glenmoor)', c)

    # ---- tables ----
    r = lead.get('/overview')
    t.ok(re.search(r'<table id="indicators-table" class="ds_table"', r.text) is not None,
         'the national overview\'s tables use the design system\'s table style')
    ids = re.findall(r'\bid="([^"]+)"', r.text)
    t.ok(len(ids) == len(set(ids)), 'no id is repeated on the overview',
         sorted({i for i in ids if ids.count(i) > 1}))
    r = lead.get('/inspections/1/preview')
    tables = re.findall(r'<table\b[^>]*>', r.text)
    t.ok(tables and all('ds_table' in x for x in tables),
         'every table of the report preview uses the design system\'s table style', tables[:3])
    t.ok('<figure class="chart"' in r.text, 'charts are figures')

    # ---- plurals ----
    r = lead.get('/inspections/1/panel')
    text = visible_text(r.text)
    t.ok(r.status == 200 and re.search(r'\b[0-9]+ strengths?, [0-9]+ areas? for improvement',
                                       text) is not None and
         not re.search(r'\b1 (strengths|areas for improvement|concerns|open uncertainties|'
                       r'grades)\b', text),
         'the panel page counts with correct plurals', r.status)
    r = admin.get('/audit?verify=1')
    t.ok(re.search(r'The chain of [0-9]+ entries is intact', r.text) is not None or
         'The chain of 1 entry is intact' in r.text, 'the audit page counts entries', r.status)

    # ---- the draw form: defaults ----
    base = f'/inspections/{two}'
    r = lead.get(base + '/sample/draw')
    # Hand computed (Cochran 1977, X^2 = 3.841459, P = 0.5, d = 0.1, N = 40):
    # 3.841459 * 40 * 0.25 / (0.01 * 39 + 0.960365) = 28.45, up to 29; its
    # margin sqrt(0.960365 * (40 - 29) / (29 * 39)) = 0.0966.
    t.ok(input_value(r.text, 'size') == '29', 'the draw form suggests 29 records of 40',
         input_value(r.text, 'size'))
    t.ok('within 9.7 percentage points' in r.text, 'with its margin of error (9.7 points)')
    seed1 = input_value(r.text, 'seed')
    seed2 = input_value(lead.get(base + '/sample/draw').text, 'seed')
    t.ok(seed1 is not None and seed1.isdigit() and seed2 is not None and seed2.isdigit(),
         'the draw form shows a seed', (seed1, seed2))
    tok = csrf_of(r.text)
    r = lead.post(base + '/sample/draw', {'csrf': tok, 'size': '29', 'seed': seed1})
    t.ok(r.status == 400 and input_value(r.text, 'seed') == seed1,
         'the seed shown is kept when the form comes back with an error',
         (r.status, input_value(r.text, 'seed')))

    # ---- every error at once ----
    r = lead.post(base + '/sample/draw', {'csrf': tok, 'size': 'ten', 'strata': 'colour',
                                          'seed': '-1', 'double-read': '200', 'reserve': 'x'})
    summary = re.search(r'class="ds_error-summary".*?</div>', r.text, re.S)
    links = re.findall(r'href="#([a-z-]+)"', summary.group(0) if summary else '')
    t.ok(r.status == 400 and set(links) >= {'size', 'strata', 'seed', 'double-read', 'reserve'},
         'the error summary lists every wrong field at once', links)
    t.ok('no column called' in r.text and 'colour' in r.text,
         'the unknown stratum column is named')

    atok = csrf_of(admin.get('/new-inspection').text)
    r = admin.post('/new-inspection', {'csrf': atok, 'partnership': '', 'framework': 'cyp-2014',
                                       'notified': 'soon', 'fieldwork-from': '2026-13-01',
                                       'fieldwork-to': '2026-10-01', 'lead': 'ghost'})
    summary = re.search(r'class="ds_error-summary".*?</div>', r.text, re.S)
    links = re.findall(r'href="#([a-z-]+)"', summary.group(0) if summary else '')
    t.ok(r.status == 400 and set(links) >= {'partnership', 'notified', 'fieldwork-from', 'lead'},
         'creating an inspection lists every wrong field at once', links)

    r = lead.post(f'/inspections/{two}/team', {'csrf': tok, 'person': '', 'role': ''})
    summary = re.search(r'class="ds_error-summary".*?</div>', r.text, re.S)
    links = re.findall(r'href="#([a-z-]+)"', summary.group(0) if summary else '')
    t.ok(r.status == 400 and set(links) >= {'person', 'role'},
         'adding to the team with nothing chosen names both the person and the role', links)

    # ---- labels, not codes ----
    r = lead.post(base + '/sample/draw', {'csrf': tok, 'size': '10', 'strata': 'category',
                                          'seed': '7'})
    t.ok(r.status == 303, 'the sample is drawn', r.status)
    r = lead.get(r.header('Location') or base + '/sample')
    t.ok('Category: cp-register' in r.text and 'Category: looked-after' in r.text,
         'strata are shown as "Category: cp-register"')
    t.ok('{&quot;category' not in r.text and '{"category' not in r.text,
         'no stratum is shown as JSON')
    t.ok(re.search(r'<th scope="row"><span class="cairn-nowrap">C0[0-9]{2}</span></th>', r.text)
         is not None, 'a record\'s reference never breaks across lines')
    t.ok('<td>Selected</td>' in r.text and '<td>selected</td>' not in r.text,
         'statuses are shown by their labels')
    t.ok(re.search(r'class="ds_notification[^"]*"[^>]*>\s*<div class="ds_wrapper">', r.text)
         is not None, 'the success banner is padded like the design system\'s banner')
finally:
    srv.stop()
    fx.cleanup()
t.done()
