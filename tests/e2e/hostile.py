"""Helpers of the hostile-input tests (web_hostile_api.py,
web_hostile_import.py): the real server with its standard error kept in a
file, one raw request with a token, and a digest of every table to show
that nothing was written."""
import hashlib
import http.client
import json
import re
import signal
import sqlite3
import subprocess

from webtest import ASSETS, CAIRN

# The tables whose rows may change while nothing is written: the time an
# API token or a session was last used.
VOLATILE = {'api_token', 'web_session'}


class Server:
    """`cairn serve` with its standard error kept in a file (a pipe nobody
    reads would fill and stall it)."""

    def __init__(self, db, errpath):
        self.err = open(errpath, 'w')
        self.errpath = errpath
        self.proc = subprocess.Popen(
            [CAIRN, '--db', db, 'serve', '--listen', '127.0.0.1:0', '--insecure-cookies',
             '--workers', '2', '--assets', ASSETS],
            stdout=subprocess.PIPE, stderr=self.err, text=True)
        line = self.proc.stdout.readline()
        m = re.search(r'http://([0-9.]+):([0-9]+)', line)
        if not m:
            self.proc.kill()
            raise RuntimeError('server did not start: ' + line)
        self.host, self.port = m.group(1), int(m.group(2))

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            rc = self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            rc = -1
        self.err.close()
        return rc

    def stderr(self):
        with open(self.errpath, errors='replace') as f:
            return f.read()


def send(srv, method, path, tok, body=None, ctype='application/json'):
    """Sends one request; returns (status, parsed JSON or None, raw bytes).
    Status 0: the connection was closed without an answer."""
    h = {'Authorization': 'Bearer ' + tok}
    if body is not None:
        h['Content-Type'] = ctype
    c = http.client.HTTPConnection(srv.host, srv.port, timeout=120)
    try:
        c.putrequest(method, path, skip_accept_encoding=True)
        for k, v in h.items():
            c.putheader(k, v)
        c.putheader('Content-Length', str(len(body) if body is not None else 0))
        c.endheaders()
        if body:
            c.send(body)
        r = c.getresponse()
        data = r.read()
        status = r.status
    except (http.client.HTTPException, OSError):
        return 0, None, b''
    finally:
        c.close()
    try:
        return status, json.loads(data), data
    except ValueError:
        return status, None, data


def err_field(j):
    return ((j or {}).get('error') or {}).get('field') if isinstance(j, dict) else None


def snapshot(db):
    """A digest of every table's rows (read in rowid order)."""
    con = sqlite3.connect(db)
    try:
        out = {}
        for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                   "AND name NOT LIKE 'sqlite_%' ORDER BY name"):
            h = hashlib.sha256()
            try:
                rows = con.execute('SELECT * FROM "%s" ORDER BY rowid' % name)
            except sqlite3.OperationalError:
                rows = con.execute('SELECT * FROM "%s"' % name)
            n = 0
            for row in rows:
                h.update(repr(row).encode())
                n += 1
            out[name] = (n, h.hexdigest())
        return out
    finally:
        con.close()


def stop_clean(t, srv):
    """Stops srv and checks that it exited 0 with nothing from ASan or UBSan
    on its standard error."""
    rc = srv.stop()
    errs = srv.stderr()
    bad = [ln for ln in errs.splitlines()
           if re.search(r'Sanitizer|runtime error:|SUMMARY:|Assertion|Segmentation', ln)]
    t.ok(rc == 0 and not bad, 'the server stopped cleanly with nothing reported by ASan or '
         'UBSan', 'exit %s\n%s' % (rc, '\n'.join(bad[:10]) or errs[-2000:]))
