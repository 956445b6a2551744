"""Issue 18, signed checkpoints on the web audit page, over HTTP against the
real server: the administrator sees the public key's fingerprint (checked
here with hashlib from DATABASE.sign.pub) and the latest checkpoint line,
and signs one with the button (the same app/ call as `cairn audit
checkpoint`); the line is the file's newest and verifies with the command
line's `audit verify --public-key`; a lead may neither see nor sign; a
failure is shown on the page.  Prints TAP."""
import hashlib
import html
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webtest import Client, Fixture, Server, Tap, cairn, csrf_of  # noqa: E402


def lines(db):
    try:
        with open(db + '.checkpoints') as f:
            return f.read().splitlines()
    except FileNotFoundError:
        return []


def summary(page, label):
    m = re.search(r'ds_summary-list__key">' + re.escape(label) +
                  r'</span>.*?ds_summary-list__answer">([^<]*)</span>', page, re.S)
    return html.unescape(m.group(1)).strip() if m else None


t = Tap()
fx = Fixture()
srv = Server(fx.db)
try:
    admin = Client(srv)
    admin.sign_in('admin')
    lead = Client(srv)
    lead.sign_in('lead')

    r = admin.get('/audit')
    t.ok(r.status == 200 and 'Signed checkpoints' in r.text,
         'the administrator\'s audit page has a signed checkpoints section', r.status)
    t.ok('No signing key yet' in (summary(r.text, 'Public key fingerprint') or ''),
         'a database from before signing says it has no key yet',
         summary(r.text, 'Public key fingerprint'))
    t.ok('Sign a checkpoint now' in r.text and 'action="/audit/checkpoint"' in r.text,
         'with the button that signs one')
    tok = csrf_of(r.text)

    # A lead: the inspection's audit page, no checkpoints, and may not sign.
    r = lead.get('/inspections/1/audit')
    t.ok(r.status == 200 and 'Signed checkpoints' not in r.text,
         'the lead\'s inspection audit page has no checkpoint section', r.status)
    r = lead.post('/audit/checkpoint', {'csrf': csrf_of(lead.get('/').text)})
    t.ok(r.status == 403, 'a lead may not sign a checkpoint', r.status)
    t.ok(lines(fx.db) == [], 'and nothing was signed', lines(fx.db))

    # The administrator signs one.
    r = admin.post('/audit/checkpoint', {'csrf': tok})
    t.ok(r.status == 303 and r.header('Location') == '/audit?checkpoint=signed',
         'signing redirects back to the audit page', (r.status, r.header('Location')))
    cps = lines(fx.db)
    t.ok(len(cps) == 1 and cps[0].startswith('cairn-checkpoint v1 entry='),
         'one checkpoint line was appended to DATABASE.checkpoints', cps)
    with open(fx.db + '.sign.pub') as f:
        pub = f.read().strip()
    t.ok(oct(os.stat(fx.db + '.sign').st_mode & 0o777) == '0o600',
         'the key pair was made on first use, the secret key mode 0600')
    r = admin.get('/audit?checkpoint=signed')
    fpr = hashlib.sha256(bytes.fromhex(pub)).hexdigest()[:16]
    t.ok(summary(r.text, 'Public key fingerprint') == fpr,
         'the page shows the public key\'s fingerprint (SHA-256, first 8 bytes)',
         (summary(r.text, 'Public key fingerprint'), fpr))
    t.ok(summary(r.text, 'Public key') == pub, 'and the public key')
    t.ok(cps and summary(r.text, 'Latest checkpoint') == cps[-1],
         'and the latest checkpoint line, to copy off the server',
         summary(r.text, 'Latest checkpoint'))
    t.ok('keep it off this server' in r.text, 'with a notice saying what to do with it')
    rc, out, err = cairn(fx.db, 'audit', 'verify', '--public-key', pub, '--checkpoint',
                         cps[-1] if cps else '')
    t.ok(rc == 0, 'the line verifies with the public key (cairn audit verify)', err)
    rc, out, err = cairn(fx.db, 'audit', 'list', '--json')
    ent = [e for e in json.loads(out) if e['action'] == 'audit.checkpoint']
    t.ok(len(ent) == 1 and ent[0]['actor'] == 'admin', 'signing is audited as the administrator',
         ent)

    # Without the CSRF token the form is refused.
    r = admin.post('/audit/checkpoint', {})
    t.ok(r.status in (400, 403) and len(lines(fx.db)) == 1,
         'a form without the CSRF token signs nothing', r.status)

    # A failure is shown on the page: the secret key gone while checkpoints exist.
    os.rename(fx.db + '.sign', fx.db + '.sign.saved')
    r = admin.post('/audit/checkpoint', {'csrf': tok})
    t.ok(r.status == 409 and 'signing key' in r.text and 'is missing' in r.text,
         'a checkpoint that cannot be signed says why on the page', r.status)
    t.ok(len(lines(fx.db)) == 1, 'and appends nothing')
    os.rename(fx.db + '.sign.saved', fx.db + '.sign')
    r = admin.post('/audit/checkpoint', {'csrf': tok})
    t.ok(r.status == 303 and len(lines(fx.db)) == 2, 'with the key back, a second checkpoint')
finally:
    srv.stop()
    fx.cleanup()
sys.exit(t.done())
