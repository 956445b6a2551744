"""Issue 18, "Backups that restore".  A backup is one consistent unit: the
database, the evidence files it refers to (DB.files/), the audit key and
anchor, and a manifest of SHA-256 hashes (checked here with hashlib, and in
sha256sum's format).  `cairn restore` into a fresh directory brings back a
working system: the real server on the restored database serves an
attachment byte for byte, and the restored audit log verifies.  A backup
whose files do not match the manifest, or without a manifest, is refused and
nothing is written; a restore never overwrites an existing database.
Expected values come from what this test wrote.  Prints TAP."""
import hashlib
import json
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webtest import Client, Fixture, Server, Tap, cairn  # noqa: E402

t = Tap()
fx = Fixture()
srv = None
work = tempfile.mkdtemp(prefix='cairn-backup.')
try:
    att = os.path.join(fx.dir, 'case-notes.pdf')
    data = b'%PDF-1.4\n% attachment to survive a restore\n' + os.urandom(200000)
    with open(att, 'wb') as fh:
        fh.write(data)
    rc, out, err = cairn(fx.db, 'evidence', 'add', '1', '--source', 'document', '--text',
                         'minutes with a file', '--file', att)
    assert rc == 0, err
    rc, out, err = cairn(fx.db, 'evidence', 'list', '1', '--json')
    number = json.loads(out)[-1]['number']
    sha = hashlib.sha256(data).hexdigest()

    bdir = os.path.join(work, 'backups')
    os.mkdir(bdir)
    bk = os.path.join(bdir, 'cairn-2026.db')
    rc, out, err = cairn(fx.db, 'backup', bk, '--json')
    t.ok(rc == 0, 'cairn backup', err)
    t.ok(os.path.isfile(os.path.join(bk + '.files', sha)),
         'the backup holds the evidence file', os.listdir(bdir))
    t.ok(os.path.isfile(bk + '.key') and os.stat(bk + '.key').st_mode & 0o077 == 0,
         'and the audit key, readable by its owner only')
    manifest = {}
    with open(bk + '.manifest') as fh:
        for line in fh:
            h, name = line.rstrip('\n').split('  ', 1)
            manifest[name] = h
    names = {'cairn-2026.db', 'cairn-2026.db.key', 'cairn-2026.db.anchor',
             'cairn-2026.db.files/' + sha}
    t.ok(names <= set(manifest), 'the manifest lists the database, key, anchor and file',
         sorted(manifest))
    good = all(hashlib.sha256(open(os.path.join(bdir, n), 'rb').read()).hexdigest() == h
               for n, h in manifest.items())
    t.ok(good and manifest['cairn-2026.db.files/' + sha] == sha,
         'every hash in the manifest is the file\'s SHA-256')
    rc, out, err = cairn(fx.db, 'backup', bk)
    t.ok(rc == 73 and 'already exists' in err, 'a backup never overwrites one', (rc, err))

    # Restore into a fresh directory.
    fresh = os.path.join(work, 'fresh')
    os.mkdir(fresh)
    target = os.path.join(fresh, 'restored.db')
    rc, out, err = cairn(target, 'restore', bk)
    t.ok(rc == 0, 'cairn restore into a fresh directory', err)
    t.ok(open(os.path.join(target + '.files', sha), 'rb').read() == data,
         'the evidence file is back beside the restored database')
    rc, out, err = cairn(target, 'audit', 'verify')
    t.ok(rc == 0, 'the restored audit log verifies', err)
    srv = Server(target)
    lead = Client(srv)
    r = lead.sign_in('lead')
    t.ok(r.status == 303, 'signing in on the restored system', r.status)
    r = lead.get(f'/inspections/1/evidence/{number}/file')
    t.ok(r.status == 200 and r.body == data,
         'the attachment downloads byte for byte from the restored system',
         (r.status, len(r.body)))
    srv.stop()
    srv = None
    rc, out, err = cairn(target, 'restore', bk)
    t.ok(rc == 73 and 'already exists' in err, 'a restore never overwrites a database',
         (rc, err))

    # A damaged backup is refused, and nothing is written.
    bad = os.path.join(work, 'bad')
    shutil.copytree(bdir, bad)
    bbk = os.path.join(bad, 'cairn-2026.db')
    with open(os.path.join(bbk + '.files', sha), 'ab') as fh:
        fh.write(b'x')
    t2 = os.path.join(work, 'fresh2', 'r.db')
    os.mkdir(os.path.dirname(t2))
    rc, out, err = cairn(t2, 'restore', bbk)
    t.ok(rc == 65 and 'does not match' in err and sha in err,
         'a backup whose file does not match its manifest is refused, naming it', (rc, err))
    t.ok(os.listdir(os.path.dirname(t2)) == [], 'and nothing was restored',
         os.listdir(os.path.dirname(t2)))
    os.remove(bbk + '.manifest')
    rc, out, err = cairn(t2, 'restore', bbk)
    t.ok(rc == 66 and 'manifest' in err, 'a backup without its manifest is refused', (rc, err))
    t.ok(os.listdir(os.path.dirname(t2)) == [], 'and nothing was restored')
finally:
    if srv is not None:
        srv.stop()
    fx.cleanup()
    shutil.rmtree(work, ignore_errors=True)
t.done()
