"""The demo as the browser sees it, for the tests that walk it as every
demo account (web_links.py, web_forms_all.py): the demo database with the
accounts scripts/demo-web.sh makes, and the links of a page."""
import os
import re
import subprocess
import sys
import urllib.parse

from webtest import CAIRN, SRCDIR, cairn

HREF_RE = re.compile(r'<a\b[^>]*\bhref="([^"]*)"', re.I)


def demo_accounts():
    """The demo's accounts as scripts/demo-web.sh creates them:
    [(username, full name, role on both inspections or 'admin')]."""
    with open(os.path.join(SRCDIR, 'scripts', 'demo-web.sh'), encoding='utf-8') as f:
        text = f.read()
    m = re.search(r'^ACCOUNTS="(.*?)"', text, re.S | re.M)
    assert m, 'scripts/demo-web.sh has no ACCOUNTS list'
    return [tuple(line.split('|')) for line in m.group(1).splitlines() if line.strip()]


def password(user):
    return f'demo-{user}-pass'


def build_demo(d):
    """The demo database as `make demo` builds it, with the demo's accounts."""
    db = os.path.join(d, 'demo.db')
    rc, out, err = cairn(db, 'demo', '--out', os.path.join(d, 'out'))
    assert rc == 0, err
    p = subprocess.run([sys.executable, os.path.join(SRCDIR, 'scripts', 'demo_data.py'), CAIRN,
                        db, os.path.join(d, 'out')], capture_output=True, text=True,
                       timeout=600)
    assert p.returncode == 0 and 'skipped' not in p.stdout, p.stdout + p.stderr
    for user, name, role in demo_accounts():
        args = ['user', 'add', user, '--name', name] + (['--admin'] if role == 'admin' else [])
        rc, out, err = cairn(db, *args, stdin=password(user) + '\n')
        assert rc == 0, err
        if role != 'admin':
            for insp in ('1', '2'):
                rc, out, err = cairn(db, 'team', 'add', insp, user, '--role', role)
                assert rc == 0, err
    return db


def links(page):
    """The same-site links of an HTML page: paths, without fragments, in
    order of first appearance."""
    seen = []
    for href in HREF_RE.findall(page):
        href = href.replace('&amp;', '&')
        u = urllib.parse.urlsplit(href)
        if u.scheme or u.netloc or not u.path.startswith('/'):
            continue
        p = u.path + ('?' + u.query if u.query else '')
        if p not in seen:
            seen.append(p)
    return seen


def follow(c, path):
    """GETs path, following redirects within the site; returns the last
    response and the path it came from."""
    for _ in range(5):
        r = c.get(path)
        loc = r.header('Location')
        if r.status not in (301, 302, 303, 307, 308) or not loc:
            return r, path
        path = urllib.parse.urlsplit(loc).path + (
            '?' + urllib.parse.urlsplit(loc).query if urllib.parse.urlsplit(loc).query else '')
    return r, path
