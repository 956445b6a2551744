"""Every form a person is offered, tried as a new user would (issue "every
form, every role"): on the demo database as `make demo` builds it, each demo
account of scripts/demo-web.sh signs in to the real server (on its own copy
of the database, so one account's writes do not change another's walk),
gathers every <form method=post> of its home page, of each inspection's
overview and of the pages one and two links deep (as web_links.py walks
them), and submits each form once with every field empty (the CSRF token
and the page's hidden fields kept) and once per hostile value set in every
text input and textarea (10,000 characters, a script element, a NUL, dates
that do not exist, -1, 1e309, right-to-left text; choices left as the page
offered them).  Each answer must be:
  - never a 5xx;
  - never the script element reflected unescaped;
  - either a redirect (the change made), to a route the role may use
    (tests/e2e/authz_expect.tsv, written by hand from app/'s role table),
    and never one that took a date that does not exist, a count that is
    not one, or a NUL (which the web shows as U+FFFD and app/ refuses);
    or the page of a result that cannot be a redirect (RESULT_PAGE_RE);
  - or a page with the design system's error summary whose every link
    (href="#id") points at an input of that page with that id (or, for a
    refusal because of the inspection's state, 409, and the release
    check's findings, at what explains it);
  - never words telling a browser user to run a cairn command or a --flag
    (webtest.for_people, counted in the last TAP line).
Forms whose success would end the walk are not submitted (NOT_SUBMITTED,
with the reason).  Plain HTTP with a cookie jar, no browser.  Prints TAP."""
import html.parser
import os
import re
import shutil
import sqlite3
import sys
import tempfile
import urllib.parse
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webtest import SRCDIR, Client, Server, Tap, cairn  # noqa: E402
from demoweb import build_demo, demo_accounts, follow, links, password  # noqa: E402

# Left out two steps from home, as web_links.py: files.
FILE_RE = re.compile(r'\.(pdf|html|md|json|xlsx|csv|txt)$|/assets/|[?]')
# Of these, only the first page of each kind is opened.
SKIP_RE = re.compile(r'\.(pdf|html|md|json|xlsx|csv|txt)$|/(reading|compare|evidence|concerns|'
                     r'fieldwork|surveys|outcomes|grade|reviews)/[^/]+|/assets/|[?]')

# Forms not submitted, with the reason: their success cannot be undone in a
# way that ends the rest of the walk.  (pattern of the action, reason,
# whether it applies only to the signed-in person's own account)
NOT_SUBMITTED = [
    (r'^/signout$', 'signing out ends the session the walk runs in', False),
    (r'^/accounts/{me}/disable$', 'disabling one\'s own account ends the session', True),
    (r'^/accounts/{me}/unadmin$', 'giving up one\'s own administrator role ends the walk', True),
    (r'^/accounts/{me}/password$', 'a new password for oneself ends the session', True),
    (r'^/purge', 'purging deletes the inspection\'s records for good', False),
    (r'^/inspections/[0-9]+/purge', 'purging deletes the inspection\'s records for good', False),
]
# Forms submitted last (after every other form of the walk): their success
# moves the inspection on or removes people, which would take later forms
# away.
LAST_RE = re.compile(r'/(stage|publish|signoff|team/remove|readers/remove|disable|unadmin|'
                     r'revoke|withdraw|cancel|void)$')

HOSTILE = [
    ('10,000 characters', 'x' * 10000),
    ('a script element', '<script>alert(1)</script>'),
    ('a NUL', 'before\x00after'),
    ('31/02/2026', '31/02/2026'),
    ('2026-02-31', '2026-02-31'),
    ('-1', '-1'),
    ('1e309', '1e309'),
    ('right-to-left text', '\u05e9\u05dc\u05d5\u05dd \u202eevil\u202c \u0645\u0631\u062d\u0628\u0627'),
]
SCRIPT = '<script>alert(1)</script>'
# Value sets no date or count may take: a form holding a field of that kind
# (by its name) that answers a redirect has accepted it.
NOT_A_DATE = {'31/02/2026', '2026-02-31', '10,000 characters', 'a script element', '-1',
              '1e309', 'right-to-left text'}
DATE_RE = re.compile(r'^(date|due|notified|fieldwork-from|fieldwork-to|published|from|to)$')
NOT_A_COUNT = {'-1', '1e309', '10,000 characters', 'a script element', '31/02/2026'}
COUNT_RE = re.compile(r'^(invited|size|count|people|n)$')
# Forms whose success is a page of its result rather than a redirect: the
# result cannot be shown again (a new password) or is the answer itself (a
# check of the stored population).
# The release check answers with what it found in the text, each finding
# linked to its explanation on the page.
FINDINGS_RE = re.compile(r'^/inspections/[0-9]+/release/check$')
RESULT_PAGE_RE = re.compile(r'^/accounts/[^/]+/password$|^/inspections/[0-9]+/population/check$')
TEXT_TYPES = {'text', 'search', 'email', 'tel', 'url', 'number', 'date', 'password',
              'datetime-local', 'time', 'month'}


def copy_demo(db, d):
    """A copy of the demo database with its key, anchor, signing keys and
    files (everything named demo.db*) in directory d; returns its path."""
    os.makedirs(d)
    src = os.path.dirname(db)
    con = sqlite3.connect(db)
    con.execute('PRAGMA wal_checkpoint(TRUNCATE)')
    con.close()
    for name in os.listdir(src):
        if not name.startswith('demo.db') or name.endswith(('-wal', '-shm')):
            continue
        s = os.path.join(src, name)
        if os.path.isdir(s):
            shutil.copytree(s, os.path.join(d, name))
        else:
            shutil.copy2(s, os.path.join(d, name))
    return os.path.join(d, 'demo.db')


def allowed_routes():
    """tests/e2e/authz_expect.tsv's POST lines: [(regex of the path, set of
    roles allowed)]."""
    out = []
    with open(os.path.join(SRCDIR, 'tests', 'e2e', 'authz_expect.tsv'), encoding='utf-8') as f:
        for line in f:
            if line.startswith('#') or not line.strip():
                continue
            method, pattern, _req, allowed, _body = line.rstrip('\n').split('\t')
            if method != 'POST' or pattern.startswith('/api/'):
                continue
            rx = '^' + re.sub(r'\\{[^}]*\\}', '[^/]+', re.escape(pattern)) + '$'
            out.append((re.compile(rx), pattern, set(allowed.split(','))))
    # A literal segment beats a parameter: longest literal text first.
    out.sort(key=lambda x: -len(re.sub(r'{[^}]*}', '', x[1])))
    return out


def route_of(routes, path):
    for rx, pattern, roles in routes:
        if rx.match(path):
            return pattern, roles
    return None, set()


class Forms(html.parser.HTMLParser):
    """The POST forms of a page: [{'action', 'enctype', 'fields': [(kind,
    name, value, extra)]}] where kind is hidden, text, textarea, select,
    radio, checkbox, file or submit."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self.cur = None
        self.select = None
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == 'form':
            if (a.get('method') or 'get').lower() == 'post':
                self.cur = {'action': a.get('action') or '', 'fields': [],
                            'enctype': a.get('enctype') or ''}
                self.forms.append(self.cur)
            else:
                self.cur = None
            return
        if self.cur is None:
            return
        name = a.get('name')
        if tag == 'input' and name:
            t = (a.get('type') or 'text').lower()
            kind = ('hidden' if t == 'hidden' else 'text' if t in TEXT_TYPES else
                    'radio' if t == 'radio' else 'checkbox' if t == 'checkbox' else
                    'file' if t == 'file' else 'submit' if t in ('submit', 'image') else t)
            self.cur['fields'].append([kind, name, a.get('value') or
                                       ('on' if kind in ('radio', 'checkbox') else ''),
                                       'checked' in a,
                                       t if t != 'text' else a.get('inputmode', 'text')])
        elif tag == 'button' and name and (a.get('type') or 'submit') == 'submit':
            self.cur['fields'].append(['submit', name, a.get('value') or '', False, ''])
        elif tag == 'textarea' and name:
            self.textarea = ['textarea', name, '', False, '']
            self.cur['fields'].append(self.textarea)
        elif tag == 'select' and name:
            self.select = ['select', name, None, False, '']
            self.cur['fields'].append(self.select)
        elif tag == 'option' and self.select is not None:
            v = a.get('value', '')
            if self.select[2] is None or 'selected' in a:
                self.select[2] = v

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[2] += data

    def handle_endtag(self, tag):
        if tag == 'form':
            self.cur = None
        elif tag == 'select':
            self.select = None
        elif tag == 'textarea':
            self.textarea = None


def forms_of(page):
    p = Forms()
    p.feed(page)
    return p.forms


def body_of(form, value):
    """The fields a browser would send: hidden fields as given; text inputs
    and textareas set to value (None: empty, with every choice empty too);
    otherwise choices as the page offered them, and the first named submit
    button.  Returns [(name, value)]."""
    out = []
    radios = set()
    button = False
    for kind, name, v, checked, _t in form['fields']:
        if kind == 'hidden':
            out.append((name, v))
        elif kind in ('text', 'textarea'):
            out.append((name, '' if value is None else value))
        elif kind == 'select':
            out.append((name, '' if value is None else (v or '')))
        elif kind == 'radio':
            if value is not None and checked and name not in radios:
                radios.add(name)
                out.append((name, v))
        elif kind == 'checkbox':
            if value is not None and checked:
                out.append((name, v))
        elif kind == 'submit' and not button:
            button = True
            out.append((name, v))
    return out


def submit(c, form, value):
    pairs = body_of(form, value)
    if form['enctype'].lower().startswith('multipart/'):
        boundary = 'cairn' + uuid.uuid4().hex
        parts = []
        for name, v in pairs:
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"'
                         f'\r\n\r\n'.encode() + v.encode('utf-8') + b'\r\n')
        for kind, name, _v, _c, _t in form['fields']:
            if kind == 'file':
                parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                             f'filename=""\r\nContent-Type: application/octet-stream\r\n\r\n\r\n'
                             .encode())
        body = b''.join(parts) + f'--{boundary}--\r\n'.encode()
        return c.request('POST', form['action'], body=body, headers={
            'Content-Type': f'multipart/form-data; boundary={boundary}'})
    body = urllib.parse.urlencode(pairs).encode()
    return c.request('POST', form['action'], body=body, headers={
        'Content-Type': 'application/x-www-form-urlencoded'})


SUMMARY_RE = re.compile(r'<div class="ds_error-summary"[^>]*>(.*?)</ul>', re.S)


def judge(r, role, routes, form, label):
    """What is wrong with one answer to form submitted with the value set
    label, or None."""
    path = form['action']
    if r.status >= 500:
        return f'{r.status}'
    if SCRIPT in r.text:
        return 'the script element reflected unescaped'
    success = r.status in (301, 302, 303, 307, 308) or (
        r.status == 200 and RESULT_PAGE_RE.search(path))
    if success:
        loc = r.header('Location') or ''
        if loc.startswith('/signin'):
            return f'{r.status} to {loc}'
        texts = [f[1] for f in form['fields'] if f[0] in ('text', 'textarea')]
        if label in NOT_A_DATE and any(DATE_RE.match(n) for n in texts):
            return f'{r.status}: {label} accepted as a date'
        if label in NOT_A_COUNT and any(COUNT_RE.match(n) for n in texts):
            return f'{r.status}: {label} accepted as a number'
        # The web shows a NUL as U+FFFD, which app/'s text checks refuse.
        if label == 'a NUL' and texts:
            return f'{r.status}: a NUL accepted (stored as U+FFFD)'
        pattern, roles = route_of(routes, path)
        if pattern is None:
            return f'{r.status}: no line in authz_expect.tsv for POST {path}'
        if role not in roles:
            return f'{r.status}: a change the {role} may not make ({pattern})'
        return None
    if not (r.header('Content-Type') or '').startswith('text/html'):
        return f'{r.status} {r.header("Content-Type")}, neither a redirect nor a page'
    m = SUMMARY_RE.search(r.text)
    if not m:
        title = re.search(r'<h1[^>]*>(.*?)</h1>', r.text, re.S)
        text = re.search(r'<main\b.*?</h1>(.*?)</main>', r.text, re.S)
        return (f'{r.status} without an error summary: '
                f'{" ".join(re.sub("<[^>]*>", " ", title.group(1) if title else "").split())}'
                f' / {" ".join(re.sub("<[^>]*>", " ", text.group(1) if text else "").split())[:200]}')
    anchors = re.findall(r'href="#([^"]*)"', m.group(1))
    if not anchors:
        return f'{r.status}: an error summary with no link'
    for a in anchors:
        # The element of that id: an input (or a radio group's fieldset);
        # a refusal for the state of the inspection (409) or the release
        # check's findings may point at the section that explains them.
        tags = r'[a-z0-9]+' if r.status == 409 or FINDINGS_RE.search(path) else \
            r'input|select|textarea|button|fieldset'
        if not re.search(r'<(%s)\b[^>]*\bid="%s"' % (tags, re.escape(a)), r.text):
            msg = re.search(r'href="#%s"[^>]*>(.*?)</a>' % re.escape(a), m.group(1), re.S)
            return (f'{r.status}: the summary links to #{a}, which is not on the page '
                    f'("{" ".join((msg.group(1) if msg else "").split())[:160]}")')
    return None


def collect(c, role):
    """Every POST form of the account's walk: [(page, form)], one per
    route and set of field names, in the order met."""
    home, _ = follow(c, '/')
    pages = [('/', home)]
    for i in sorted({int(m) for m in re.findall(r'href="/inspections/([0-9]+)"', home.text)}):
        r, _ = follow(c, f'/inspections/{i}')
        if r.status == 200:
            pages.append((f'/inspections/{i}', r))
    seen = {p for p, _ in pages}
    found = list(pages)
    for where, page in pages:
        for link in links(page.text):
            if link in seen:
                continue
            seen.add(link)
            r, _ = follow(c, link)
            if r.status == 200 and (r.header('Content-Type') or '').startswith('text/html'):
                found.append((link, r))
    kinds = {}  # kind of one-item page -> 2 per page opened, 1 per page refused
    for where, page in list(found[len(pages):]):
        for link in links(page.text):
            if link in seen or FILE_RE.search(link):
                continue
            # Of the pages of one item among many, the first two of each kind.
            kind = None
            if SKIP_RE.search(link):
                kind = re.sub(r'/[^/]*[0-9][^/]*', '/N', link)
                if kinds.get(kind, 0) >= 4:
                    continue
            seen.add(link)
            r, _ = follow(c, link)
            if r.status == 200 and (r.header('Content-Type') or '').startswith('text/html'):
                found.append((link, r))
                if kind:
                    kinds[kind] = kinds.get(kind, 0) + 2
            elif kind:
                kinds[kind] = kinds.get(kind, 0) + 1
    return found


t = Tap()
tmp = tempfile.mkdtemp(prefix='cairn-forms.')
srv = None
try:
    db = build_demo(tmp)
    routes = allowed_routes()
    accounts = demo_accounts()
    total = 0
    bad = []
    skipped = {}
    offered = {}
    for user, name, role in accounts:
        copy = copy_demo(db, os.path.join(tmp, user))
        srv = Server(copy)
        try:
            c = Client(srv)
            r = c.sign_in(user, password(user))
            if not t.ok(r.status in (302, 303) and c.cookies, f'{user} ({role}) signs in'):
                continue
            pages = collect(c, role)
            todo = {}
            for where, page in pages:
                for form in forms_of(page.text):
                    action = urllib.parse.urlsplit(form['action'].replace('&amp;', '&')).path or where
                    form['action'] = action
                    form['page'] = where
                    reason = None
                    for rx, why, own in NOT_SUBMITTED:
                        if re.search(rx.replace('{me}', re.escape(user)), action):
                            reason = why
                    pattern, _roles = route_of(routes, action)
                    if reason:
                        skipped.setdefault(pattern or action, reason)
                        continue
                    key = (pattern or action, tuple(sorted(f[1] for f in form['fields'])))
                    todo.setdefault(key, form)
            forms = sorted(todo.values(), key=lambda f: bool(LAST_RE.search(f['action'])))
            offered[user] = len(forms)
            for form in forms:
                for label, value in [('every field empty', None)] + HOSTILE:
                    if value is not None and not any(
                            f[0] in ('text', 'textarea') for f in form['fields']):
                        continue
                    r = submit(c, form, value)
                    total += 1
                    why = judge(r, role, routes, form, label)
                    if os.environ.get('FORMS_TRACE'):
                        print(f'# trace {user} {form["action"]} {label}: {r.status} '
                              f'{r.header("Location") or ""} '
                              f'{[(f[0], f[1], f[4]) for f in form["fields"]]}')
                    if why:
                        bad.append(f'{user} ({role}): {form["action"]} (from {form["page"]}), '
                                   f'{label}: {why}')
        finally:
            srv.stop()
            srv = None
    t.ok(all(offered.get(u, 0) > 0 for u, _n, r in accounts if r in ('lead', 'admin')),
         'the lead and the administrator are offered forms to submit', offered)
    for pattern, why in sorted(skipped.items()):
        print(f'# not submitted: {pattern}: {why}')
    t.ok(total > 0 and not bad,
         f'every form of every account, empty and with hostile values, answers with a '
         f'redirect it may make or its error summary at existing inputs, never 5xx '
         f'({total} submissions, {len(bad)} wrong)', '\n'.join(bad))
    if bad:
        for line in bad[20:]:
            print(f'# {line}')

    # What the walk found, each fixed, kept by its smallest assertion (on a
    # fresh copy of the demo).
    srv = Server(copy_demo(db, os.path.join(tmp, 'regressions')))
    lead, depute = Client(srv), Client(srv)
    lead.sign_in('lead', password('lead'))
    depute.sign_in('depute', password('depute'))

    def summary_links(r):
        m = SUMMARY_RE.search(r.text)
        return re.findall(r'href="#([^"]*)"', m.group(1)) if m else []

    def csrf(c, path):
        return re.search(r'name="csrf" value="([0-9a-f]{64})"', c.get(path).text).group(1)

    # A NUL pasted into a section: the page again, the reason at that section,
    # nothing stored (it was a plain-text 400 "Malformed form data").
    P = '/inspections/1/partnership'
    rdb = os.path.join(tmp, 'regressions', 'demo.db')
    rc, before, err = cairn(rdb, 'partnership', 'show', '1')
    r = lead.post(P + '/statement', {'csrf': csrf(lead, P), 'section-D1': 'We know\x00 this'})
    t.ok(r.status == 400 and summary_links(r) == ['section-D1'] and
         'cannot be stored' in r.text and 'id="section-D1"' in r.text,
         'a NUL in a section: 400, the reason at that section', (r.status, summary_links(r)))
    rc, out, err = cairn(rdb, 'partnership', 'show', '1')
    t.ok(rc == 0 and 'position statements submitted' in out and out == before,
         'and no statement was stored (partnership show unchanged)', out[-400:])
    # An empty statement: shown at its first section (it linked to an empty div).
    r = lead.post(P + '/statement', {'csrf': csrf(lead, P)})
    t.ok(r.status == 400 and summary_links(r) == ['section-D1'],
         'an empty position statement: the reason at its first section', summary_links(r))
    # A depute is offered no Remove button for the lead (app/ refuses it),
    # and a removal app/ refuses is shown on the team page at an input.
    T = '/inspections/1/team'
    page = depute.get(T).text
    def remove_for(text, user):
        return re.search(r'aria-label="Remove [^"]*\(%s\)"' % user, text) is not None
    t.ok(not remove_for(page, 'lead') and remove_for(page, 'inspector'),
         'the depute\'s team page offers no Remove for the lead, one for the inspector')
    t.ok(not remove_for(lead.get(T).text, 'lead'),
         'the lead\'s team page offers no Remove for themselves')
    r = depute.post(T + '/remove', {'csrf': csrf(depute, T), 'person': 'lead'})
    links_ = summary_links(r)
    t.ok(r.status == 403 and links_ == ['person'] and 'id="person"' in r.text and
         'you are a depute inspection lead on this inspection and may not remove an inspection '
         'lead: only an inspection lead or an administrator may' in r.text,
         'a depute removing the lead: 403 on the team page, '
         'the reason at an input', (r.status, links_))
    rc, out, err = cairn(rdb, 'team', 'list', '1')
    # The list names each member "Name (username)", then the role's label.
    t.ok(rc == 0 and any(re.match(r'.*\(lead\)\s+Inspection lead\s', line)
                         for line in out.splitlines()),
         'and the lead is still on the team', out)
    # A reason for a new version that is too long: at the reason (it linked
    # to the checks).
    U = '/inspections/2/publish'
    r = lead.post(U, {'csrf': csrf(lead, U), 'reason': 'x' * 3000, 'confirm': 'publish'})
    t.ok(r.status == 409 and summary_links(r) == ['reason'] and 'id="reason"' in r.text,
         'a reason too long: shown at the reason', (r.status, summary_links(r)))
    # The fieldwork plan and its forms were linked from no page a person
    # reaches: the overview links it for the roles that may see it.
    reader = Client(srv)
    reader.sign_in('reader', password('reader'))
    t.ok('href="/inspections/1/fieldwork"' in lead.get('/inspections/1').text and
         'href="/inspections/1/fieldwork"' not in reader.get('/inspections/1').text,
         'the overview links the fieldwork plan for the lead, not for a local reader')
    srv.stop()
    srv = None
finally:
    if srv is not None:
        srv.stop()
    shutil.rmtree(tmp, ignore_errors=True)
sys.exit(t.done())
