"""Helpers for end-to-end tests of `cairn serve`: a temporary database
with the demo inspection and one account per role, the real server on a
free port of 127.0.0.1, an HTTP client with a cookie jar, and TAP output.

Environment (set by tests/e2e/meson.build): CAIRN (the binary), SRCDIR.
"""
import html as htmllib
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

CAIRN = os.environ.get('CAIRN', 'build/cairn')
SRCDIR = os.environ.get('SRCDIR', '.')
# make check-valgrind sets CAIRN_VALGRIND: cairn runs under valgrind.
if os.environ.get('CAIRN_VALGRIND') and not os.environ.get('CAIRN_BIN'):
    os.environ['CAIRN_BIN'] = CAIRN
    CAIRN = os.path.join(SRCDIR, 'tests', 'valgrind', 'cairn.sh')
ASSETS = os.path.join(SRCDIR, 'node_modules', '@scottish-government', 'design-system', 'dist')

# One account per role on the demo inspection (id 1), plus an outsider
# on no team and the global administrator.
ACCOUNTS = [
    ('lead', 'Lena Lead', 'lead'),
    ('inspector', 'Ian Inspector', 'inspector'),
    ('young', 'Yasmin Young', 'young-inspector'),
    ('panel', 'Pat Panel', 'panel'),
    ('coord', 'Chris Coordinator', 'partnership-coordinator'),
    ('reader', 'Rory Reader', 'local-reader'),
    ('outsider', 'Olive Outsider', None),
]
PASSWORD = 'correct horse battery'

# The words that follow "cairn " on a command line (src/cli/main.c's table).
COMMANDS = ('init framework inspection grade finding confidence release report publish '
            'publication audit team action review overview history population stage timeline '
            'sample outcomes stats context reader template evidence reading concern agreement '
            'evaluation survey panel benchmark user serve purge backup demo').split()
FLAG_RE = re.compile(r'(?<![\w-])--[a-z]')
COMMAND_RE = re.compile(r'\bcairn (?:%s)\b' % '|'.join(COMMANDS))
# What every response received was checked for (see for_people): the number
# of HTML pages and JSON error bodies seen, and the ones that named a
# command-line flag or a cairn command.
SEEN = {'checked': 0, 'violations': []}


def visible_text(html):
    """The text of an HTML page a person reads: no scripts, styles or tags
    (class names such as ds_button--small are not text)."""
    html = re.sub(r'(?is)<(script|style)\b.*?</\1>', ' ', html)
    html = re.sub(r'(?s)<[^>]*>', ' ', html)
    return htmllib.unescape(html)


def people_text(resp):
    """The text of a response meant for people: an HTML page's visible
    text, or a JSON error's message; None for anything else."""
    ctype = (resp.header('Content-Type') or '').lower()
    if ctype.startswith('text/html'):
        return visible_text(resp.text)
    if ctype.startswith('application/json') and resp.status >= 400:
        try:
            return json.loads(resp.body).get('error', {}).get('message', '')
        except (ValueError, AttributeError):
            return resp.text
    return None


def for_people(resp, method, path):
    """Records a response that names a command-line flag (--x) or a cairn
    command: a browser user or an API client has neither."""
    text = people_text(resp)
    if text is None:
        return
    SEEN['checked'] += 1
    for rx in (FLAG_RE, COMMAND_RE):
        m = rx.search(text)
        if m:
            a, b = max(0, m.start() - 60), m.end() + 60
            SEEN['violations'].append(f'{method} {path} ({resp.status}): '
                                      f'...{" ".join(text[a:b].split())}...')


class Tap:
    """Prints TAP lines and counts failures."""

    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, cond, desc, diag=None, todo=None):
        """todo: the reason a known failure is not fixed yet (TAP's TODO
        directive: reported, not counted as a failure)."""
        self.n += 1
        mark = f' # TODO {todo}' if todo else ''
        if cond:
            print(f'ok {self.n} - {desc}{mark}')
        else:
            self.failed += 0 if todo else 1
            print(f'not ok {self.n} - {desc}{mark}')
            if diag is not None:
                for line in str(diag).splitlines()[:20]:
                    print(f'# {line}')
        sys.stdout.flush()
        return cond

    def done(self):
        if SEEN['checked']:
            self.ok(not SEEN['violations'],
                    f'none of the {SEEN["checked"]} pages and JSON errors received names a '
                    'command-line flag or a cairn command', '\n'.join(SEEN['violations'][:20]))
        print(f'1..{self.n}')
        return 1 if self.failed else 0


def cairn(db, *args, stdin=None):
    """Runs the real binary; returns (exit status, stdout, stderr)."""
    p = subprocess.run([CAIRN, '--db', db, *args], input=stdin, capture_output=True,
                       text=True, timeout=120)
    return p.returncode, p.stdout, p.stderr


class Fixture:
    """A temporary database with the demo inspection and accounts."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix='cairn-web.')
        self.db = os.path.join(self.dir, 'cairn.db')
        rc, out, err = cairn(self.db, 'demo', '--out', os.path.join(self.dir, 'out'))
        assert rc == 0, err
        for user, name, role in ACCOUNTS:
            rc, out, err = cairn(self.db, 'user', 'add', user, '--name', name,
                                 stdin=PASSWORD + '\n')
            assert rc == 0, err
            if role:
                rc, out, err = cairn(self.db, 'team', 'add', '1', user, '--role', role)
                assert rc == 0, err
        rc, out, err = cairn(self.db, 'user', 'add', 'admin', '--name', 'Ada Admin', '--admin',
                             stdin=PASSWORD + '\n')
        assert rc == 0, err

    def cleanup(self):
        shutil.rmtree(self.dir, ignore_errors=True)


class Server:
    """The real `cairn serve` on 127.0.0.1, port chosen by the kernel."""

    def __init__(self, db, *extra):
        self.proc = subprocess.Popen(
            [CAIRN, '--db', db, 'serve', '--listen', '127.0.0.1:0', '--insecure-cookies',
             '--workers', '2', '--assets', ASSETS, *extra],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        m = re.search(r'http://([0-9.]+):([0-9]+)', line)
        if not m:
            self.proc.kill()
            raise RuntimeError('server did not start: ' + line + self.proc.stderr.read())
        self.host, self.port = m.group(1), int(m.group(2))
        self.origin = f'http://{self.host}:{self.port}'

    def stop(self):
        """Sends SIGTERM and returns the exit status."""
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return -1


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    def all_headers(self, name):
        return [v for k, v in self.headers if k.lower() == name.lower()]

    @property
    def text(self):
        return self.body.decode('utf-8', 'replace')


class Client:
    """An HTTP client with a cookie jar, like one browser."""

    def __init__(self, server):
        self.server = server
        self.cookies = {}

    def request(self, method, path, body=None, headers=None, form=None):
        h = dict(headers or {})
        if form is not None:
            from urllib.parse import urlencode
            body = urlencode(form).encode()
            h.setdefault('Content-Type', 'application/x-www-form-urlencoded')
        if self.cookies:
            h['Cookie'] = '; '.join(f'{k}={v}' for k, v in self.cookies.items())
        c = http.client.HTTPConnection(self.server.host, self.server.port, timeout=60)
        c.request(method, path, body=body, headers=h)
        r = c.getresponse()
        resp = Response(r.status, r.getheaders(), r.read())
        c.close()
        for_people(resp, method, path)
        for sc in resp.all_headers('Set-Cookie'):
            name, _, rest = sc.partition('=')
            value = rest.split(';', 1)[0]
            if 'Max-Age=0' in sc or value == '':
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return resp

    def get(self, path, **kw):
        return self.request('GET', path, **kw)

    def post(self, path, form, **kw):
        return self.request('POST', path, form=form, **kw)

    def sign_in(self, user, password=PASSWORD, planted=None):
        r = self.get('/signin')
        token = csrf_of(r.text)
        if planted is not None:
            self.cookies['cairn_session'] = planted
        return self.post('/signin', {'csrf': token, 'username': user, 'password': password,
                                     'next': '/'})


class PopulationUpload:
    """A population of n children sent to the API in the background, to keep
    a page worker busy: a new inspection with lead as its lead (from the
    command line), then one POST on its own connection.  sent is set once
    the body is handed to the kernel; wait() returns the raw answer and the
    monotonic time it ended."""

    def __init__(self, db, srv, n, partnership):
        rc, out, err = cairn(db, 'inspection', 'create', '--partnership', partnership,
                             '--framework', 'cyp-2014')
        assert rc == 0, err
        self.id = out.strip()
        rc, out, err = cairn(db, 'team', 'add', self.id, 'lead', '--role', 'lead')
        assert rc == 0, err
        rc, out, err = cairn(db, 'user', 'token', 'lead')
        assert rc == 0, err
        token = out.strip().split()[-1]
        body = ('ref,category,sex\n' + ''.join(
            'C%07d,%s,%s\n' % (i, 'ABC'[i % 3], 'girl' if i % 2 else 'boy')
            for i in range(n))).encode()
        self.request = ('POST /api/v1/inspections/%s/population HTTP/1.1\r\nHost: x\r\n'
                        'Authorization: Bearer %s\r\nContent-Type: text/csv\r\n'
                        'Content-Length: %d\r\nConnection: close\r\n\r\n'
                        % (self.id, token, len(body))).encode() + body
        self.srv = srv
        self.sent = threading.Event()
        self.answer = b''
        self.ended = None
        self.thread = threading.Thread(target=self._run)

    def _run(self):
        s = socket.create_connection((self.srv.host, self.srv.port), timeout=120)
        s.sendall(self.request)
        self.sent.set()
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            self.answer += chunk
        self.ended = time.monotonic()
        s.close()

    def start(self):
        """Starts sending; returns once the whole request is sent."""
        self.thread.start()
        self.sent.wait(120)
        return self

    def wait(self):
        self.thread.join(300)
        return self.answer, self.ended


def csrf_of(html):
    m = re.search(r'name="csrf" value="([0-9a-f]{64})"', html)
    return m.group(1) if m else ''
