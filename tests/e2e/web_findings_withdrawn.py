"""End-to-end test over HTTP against the real server: a finding's evidence
withdrawn after it was linked.  The findings page marks the number
"Withdrawn" as the evidence log marks the item (and no other number); after
reinstating, the mark goes; the edit form leaves a withdrawn item out of the
evidence field and says so, and saving it as it stands succeeds (a finding
cannot rest on withdrawn evidence).  The links are read back from the
database with sqlite3.  Prints TAP."""
import json
import os
import re
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webtest import Client, Fixture, Server, Tap, cairn, csrf_of  # noqa: E402

TAG = '<strong class="ds_tag ds_tag--grey">Withdrawn</strong>'


def add_evidence(db, text):
    rc, out, err = cairn(db, '--json', 'evidence', 'add', '1', '--source', 'document', '--text',
                         text, '--qi', '2.1', '--status', 'strength')
    assert rc == 0, err
    return json.loads(out)['number']


def row_of(html, text):
    """The table row (<tr>...</tr>) holding text, or ''."""
    for m in re.finditer(r'<tr[^>]*>(.*?)</tr>', html, re.S):
        if text in m.group(1):
            return m.group(1)
    return ''


def links(db, fid):
    con = sqlite3.connect(db)
    try:
        return [r[0] for r in con.execute('SELECT evidence_number FROM finding_evidence '
                                          'WHERE finding_id = ? ORDER BY 1', (fid,))]
    finally:
        con.close()


t = Tap()
fx = Fixture()
srv = Server(fx.db)
try:
    kept = add_evidence(fx.db, 'Plan seen by inspectors (kept)')
    gone = add_evidence(fx.db, 'Plan seen by inspectors (recorded twice)')
    rc, out, err = cairn(fx.db, '--json', 'finding', 'add', '1', '--kind', 'strength', '--text',
                         'FINDING-W staff knew the children', '--qi', '2.1', '--evidence',
                         f'{kept},{gone}')
    t.ok(rc == 0, 'a finding resting on two evidence items', err)
    con = sqlite3.connect(fx.db)
    fid = con.execute("SELECT id FROM finding WHERE text LIKE 'FINDING-W%'").fetchone()[0]
    con.close()
    rc, out, err = cairn(fx.db, 'evidence', 'withdraw', '1', str(gone), '--reason', 'twice')
    t.ok(rc == 0, f'evidence {gone} withdrawn', err)

    c = Client(srv)
    r = c.sign_in('lead')
    t.ok(r.status in (200, 303), 'the lead signs in', r.status)
    r = c.get('/inspections/1/findings')
    row = row_of(r.text, 'FINDING-W')
    t.ok(r.status == 200 and f'{gone} {TAG}' in row, 'the findings page marks the withdrawn '
         'number "Withdrawn"', row)
    t.ok(row.count(TAG) == 1 and re.search(rf'\b{kept}, {gone}\b', row) is not None,
         'and only that one; the kept number is plain', row)
    r = c.get('/inspections/1/evidence')
    t.ok(TAG in row_of(r.text, 'recorded twice') and TAG not in row_of(r.text, '(kept)'),
         'as the evidence log marks the same item', r.status)

    rc, out, err = cairn(fx.db, 'evidence', 'reinstate', '1', str(gone))
    r = c.get('/inspections/1/findings')
    t.ok(rc == 0 and TAG not in row_of(r.text, 'FINDING-W'), 'reinstated: no longer marked',
         (rc, err))
    cairn(fx.db, 'evidence', 'withdraw', '1', str(gone), '--reason', 'twice again')

    r = c.get(f'/inspections/1/findings?edit={fid}')
    m = re.search(r'<input[^>]*name="evidence"[^>]*>', r.text)
    val = re.search(r'value="([^"]*)"', m.group(0)).group(1) if m else None
    t.ok(val == str(kept), 'the edit form leaves the withdrawn item out of the field', val)
    t.ok(f'Withdrawn evidence ({gone}) is left out' in r.text, 'and its hint says so')
    r = c.post('/inspections/1/findings/edit',
               {'csrf': csrf_of(r.text), 'finding': str(fid), 'kind': 'strength',
                'text': 'FINDING-W staff knew the children', 'qis': '2.1', 'evidence': val})
    t.ok(r.status == 303 and links(fx.db, fid) == [kept],
         'saving the form as it stands succeeds and keeps the other link',
         (r.status, links(fx.db, fid)))
    rc = srv.stop()
    t.ok(rc == 0, 'the server stops cleanly (no sanitizer report)',
         (rc, srv.proc.stderr.read()[-2000:] if srv.proc.stderr else ''))
finally:
    srv.stop()
    fx.cleanup()
sys.exit(t.done())
