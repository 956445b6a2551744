"""End-to-end tests of downloading an evidence item's attached file
(GET /inspections/ID/evidence/N/file) on the real server: a file uploaded
through the evidence form comes back byte for byte to every role the role
table lets see the evidence log (lead, inspector, young inspector, panel),
with the headers of docs/guide-web.md (allowlisted Content-Type, an
attachment whose name is made safe per RFC 6266, nosniff, CSP, private
no-store); the partnership co-ordinator and local reader are refused (403),
someone on no team and the administrator get 404, anonymous is sent to
sign in; another inspection's item, an item without a file, a stored file
that has gone and hostile numbers ('../', encoded variants) are 404/400;
each download writes one audit entry naming the item; the evidence log
shows "Download NAME (SIZE)" escaped.  Expected values come from what this
test uploaded, never from the server's answers.  Prints TAP."""
import hashlib
import json
import os
import re
import sys
import uuid
from urllib.parse import quote

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webtest import Client, Fixture, Server, Tap, cairn, csrf_of  # noqa: E402

ALLOWED = ['lead', 'inspector', 'young', 'panel']      # view-evidence on inspection 1
FORBIDDEN = ['coord', 'reader']                         # on the team, without view-evidence
NOT_FOUND = ['outsider', 'admin']                       # on no team of inspection 1


def multipart(fields, files):
    """Encodes fields {name: value} and files {name: (filename, bytes)}; the
    filename is quoted with backslash escapes."""
    b = '----cairnattach' + uuid.uuid4().hex
    out = []
    for k, v in fields.items():
        out.append(f'--{b}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n'.encode() +
                   v.encode() + b'\r\n')
    for k, (fn, data) in files.items():
        esc = fn.replace('\\', '\\\\').replace('"', '\\"')
        out.append(f'--{b}\r\nContent-Disposition: form-data; name="{k}"; filename="{esc}"\r\n'
                   'Content-Type: application/octet-stream\r\n\r\n'.encode() + data + b'\r\n')
    out.append(f'--{b}--\r\n'.encode())
    return b''.join(out), f'multipart/form-data; boundary={b}'


def expected_disposition(name):
    """RFC 6266 as docs/guide-web.md describes it, written independently."""
    ascii_name = ''.join('_' if ord(c) < 0x20 or ord(c) >= 0x7f or c in '"\\/' else c
                         for c in name)
    return ('attachment; filename="' + ascii_name + '"; filename*=UTF-8\'\'' +
            quote(name.encode('utf-8'), safe="!#$&+-.^_`|~"))


def downloads(db, number):
    """Audit entries of downloads of evidence `number` of inspection 1."""
    rc, out, err = cairn(db, 'audit', 'list', '--inspection', '1', '--json')
    assert rc == 0, err
    return [e for e in json.loads(out)
            if e['action'] == 'evidence.file.download' and e['subject'] == f'evidence {number}']


def evidence_numbers(db, iid):
    rc, out, err = cairn(db, 'evidence', 'list', str(iid), '--json')
    assert rc == 0, err
    return json.loads(out)


t = Tap()
fx = Fixture()
srv = None
try:
    d = fx.dir
    fw = json.loads(cairn(fx.db, 'inspection', 'show', '1', '--json')[1])['framework']
    rc, out, err = cairn(fx.db, 'inspection', 'create', '--partnership', 'Elsewhere',
                         '--framework', fw, '--json')
    assert rc == 0, err
    other = json.loads(out)['id']

    # An item without a file, and on the other inspection one with a file.
    rc, out, err = cairn(fx.db, 'evidence', 'add', '1', '--source', 'interview', '--text',
                         'no file here')
    assert rc == 0, err
    plain_no = evidence_numbers(fx.db, 1)[-1]['number']
    elsewhere = os.path.join(d, 'elsewhere.txt')
    with open(elsewhere, 'wb') as fh:
        fh.write(b'another inspection\'s file\n')
    rc, out, err = cairn(fx.db, 'evidence', 'add', str(other), '--source', 'document',
                         '--text', 'theirs', '--file', elsewhere)
    assert rc == 0, err

    # A file attached from the command line under a name with CR/LF, a
    # quote and a backslash (the stored name has '_' for the controls).
    cli_name = 'minutes\r\n"final" \\ v2.pdf'
    cli_path = os.path.join(d, cli_name)
    cli_bytes = b'%PDF-1.4\n% not really a PDF\n' + bytes(range(256))
    with open(cli_path, 'wb') as fh:
        fh.write(cli_bytes)
    rc, out, err = cairn(fx.db, 'evidence', 'add', '1', '--source', 'document', '--text',
                         'minutes of the meeting', '--file', cli_path)
    assert rc == 0, err
    cli_no = evidence_numbers(fx.db, 1)[-1]['number']
    cli_stored = 'minutes__"final" \\ v2.pdf'

    srv = Server(fx.db)
    lead = Client(srv)
    r = lead.sign_in('lead')
    assert r.status == 303, r.status

    # ---- upload through the evidence form ----
    web_name = 'Rapport "final" <script>alert(1)<script> é ü.txt'
    web_bytes = ('café ✓ line one\nline two\n'.encode('utf-8') +
                 os.urandom(1 << 20))  # 1 MiB more: served from the file, not a buffer
    tok = csrf_of(lead.get('/inspections/1/evidence').text)
    body, ct = multipart({'csrf': tok, 'source': 'document', 'text': 'uploaded with a file',
                          'qis': '', 'status': 'no-concern'}, {'file': (web_name, web_bytes)})
    r = lead.request('POST', '/inspections/1/evidence', body=body, headers={'Content-Type': ct})
    t.ok(r.status == 303 and '/inspections/1/evidence?added=' in (r.header('Location') or ''),
         'an item with a file is added through the evidence form', (r.status, r.text[:300]))
    items = evidence_numbers(fx.db, 1)
    web_item = items[-1]
    web_no = web_item['number']
    t.ok(web_item['file'] is not None and
         web_item['file']['sha256'] == hashlib.sha256(web_bytes).hexdigest() and
         web_item['file']['size'] == len(web_bytes),
         'the stored file is the one uploaded (sha256 and size, cairn evidence list)',
         web_item['file'])
    t.ok(web_item['file'] is not None and web_item['file']['name'] == web_name,
         'the name the browser gave is kept as the label', web_item['file'])

    url = f'/inspections/1/evidence/{web_no}/file'
    cli_url = f'/inspections/1/evidence/{cli_no}/file'

    # ---- the link in the evidence log ----
    page = lead.get('/inspections/1/evidence').text
    esc = (web_name.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')
           .replace('"', '&quot;'))
    t.ok(f'href="{url}"' in page, 'the evidence log links to the file', url)
    t.ok(f'Download {esc} (1.0 MB)' in page,
         'the link reads "Download NAME (SIZE)", escaped', esc)
    t.ok('<script>alert' not in page, 'no hostile markup from the file name in the page')
    t.ok(f'href="/inspections/1/evidence/{plain_no}/file"' not in page,
         'no link for the item without a file')

    # ---- each role that may see the evidence log downloads it ----
    clients = {'lead': lead}
    for user in ALLOWED + FORBIDDEN + NOT_FOUND:
        if user not in clients:
            c = Client(srv)
            r = c.sign_in(user)
            assert r.status == 303, (user, r.status)
            clients[user] = c
    before = len(downloads(fx.db, web_no))
    for user in ALLOWED:
        r = clients[user].get(url)
        t.ok(r.status == 200 and r.body == web_bytes,
             f'{user}: 200 and the bytes are identical', (r.status, len(r.body)))
        t.ok(r.header('Content-Type') == 'text/plain; charset=utf-8',
             f'{user}: .txt is text/plain; charset=utf-8', r.header('Content-Type'))
        t.ok(r.header('Content-Disposition') == expected_disposition(web_name),
             f'{user}: Content-Disposition attachment with the name made safe',
             (r.header('Content-Disposition'), expected_disposition(web_name)))
        t.ok(r.header('X-Content-Type-Options') == 'nosniff', f'{user}: nosniff')
        t.ok(r.header('Cache-Control') == 'private, no-store', f'{user}: private, no-store',
             r.header('Cache-Control'))
        t.ok((r.header('Content-Security-Policy') or '').startswith("default-src 'none'") and
             r.header('X-Frame-Options') == 'DENY', f'{user}: CSP and X-Frame-Options')
        t.ok(r.header('Content-Length') == str(len(web_bytes)),
             f'{user}: Content-Length is the file size', r.header('Content-Length'))
    after = downloads(fx.db, web_no)
    t.ok(len(after) - before == len(ALLOWED),
         f'one audit entry per download ({len(ALLOWED)})', len(after) - before)
    t.ok(sorted(e['actor'] for e in after[before:]) == sorted(ALLOWED),
         'the audit entries name who downloaded', [e['actor'] for e in after[before:]])

    # ---- roles without the right ----
    for user in FORBIDDEN:
        r = clients[user].get(url)
        t.ok(r.status == 403 and web_bytes[:20] not in r.body,
             f'{user}: 403 (the role table has no view-evidence)', r.status)
    for user in NOT_FOUND:
        r = clients[user].get(url)
        t.ok(r.status == 404 and web_bytes[:20] not in r.body,
             f'{user}: 404 (not on the team)', r.status)
    anon = Client(srv)
    r = anon.get(url)
    t.ok(r.status == 303 and (r.header('Location') or '').startswith('/signin'),
         'anonymous: redirected to sign in', (r.status, r.header('Location')))
    t.ok(len(downloads(fx.db, web_no)) == len(after), 'refusals write no download entry')

    # ---- the hostile CLI name, other content types ----
    r = lead.get(cli_url)
    t.ok(r.status == 200 and r.body == cli_bytes, 'a file attached with cairn evidence add',
         r.status)
    t.ok(r.header('Content-Type') == 'application/pdf', '.pdf is application/pdf',
         r.header('Content-Type'))
    disp = r.header('Content-Disposition') or ''
    t.ok(disp == expected_disposition(cli_stored),
         'CR/LF, quotes and backslash made safe in Content-Disposition',
         (disp, expected_disposition(cli_stored)))
    t.ok('\r' not in disp and '\n' not in disp and disp.count('"') == 2,
         'the header value has no CR/LF and only its own two quotes', disp)
    for name, want in (('page.html', 'application/octet-stream'),
                       ('script.svg', 'application/octet-stream'),
                       ('Photo.PNG', 'image/png'), ('pic.jpeg', 'image/jpeg'),
                       ('data.csv', 'text/csv; charset=utf-8'), ('noext', 'application/octet-stream')):
        data = f'<html><script>alert("{name}")</script></html>\n'.encode()
        tok = csrf_of(lead.get('/inspections/1/evidence').text)
        body, ct = multipart({'csrf': tok, 'source': 'document', 'text': 'type ' + name,
                              'qis': '', 'status': 'no-concern'}, {'file': (name, data)})
        r = lead.request('POST', '/inspections/1/evidence', body=body,
                         headers={'Content-Type': ct})
        assert r.status == 303, (name, r.status, r.text[:300])
        n = evidence_numbers(fx.db, 1)[-1]['number']
        r = lead.get(f'/inspections/1/evidence/{n}/file')
        t.ok(r.status == 200 and r.body == data and r.header('Content-Type') == want and
             r.header('Content-Disposition') == expected_disposition(name),
             f'{name}: served as {want}, as an attachment', (r.status, r.header('Content-Type')))

    # ---- what is not there ----
    r = lead.get(f'/inspections/1/evidence/{plain_no}/file')
    t.ok(r.status == 404, 'an item without a file: 404', r.status)
    r = lead.get('/inspections/1/evidence/999999/file')
    t.ok(r.status == 404, 'no such item: 404', r.status)
    theirs = evidence_numbers(fx.db, other)[-1]['number']
    r = lead.get(f'/inspections/{other}/evidence/{theirs}/file')
    t.ok(r.status == 404 and b'another inspection' not in r.body,
         "another inspection's item: 404", r.status)
    r = clients['admin'].get(f'/inspections/{other}/evidence/{theirs}/file')
    t.ok(r.status == 404, "the administrator (on no team) cannot download either: 404", r.status)
    for bad in ('..', '..%2F..%2Fcairn.db', '%2e%2e', '%2E%2E%2F', '1%2F..%2F1', '..%5C..',
                '0', '-1', '1.0', '+1', '%20' + str(web_no), str(web_no) + '%00', '0x1',
                '%252e%252e', '1e3', str(web_no) + '%2Ffile'):
        r = lead.get(f'/inspections/1/evidence/{bad}/file')
        t.ok(r.status in (400, 404) and web_bytes[:20] not in r.body and
             b'SQLite format' not in r.body, f'{{n}} = {bad!r}: {r.status}', r.status)
    for bad in ('/inspections/1/evidence/../../../etc/passwd/file',
                f'/inspections/1/evidence/{web_no}/../{web_no}/file',
                f'/inspections/1/evidence/{web_no}/file/..',
                f'/inspections/1/evidence/{web_no}/file%2F..%2F..%2F..%2Fcairn.db'):
        r = lead.get(bad)
        t.ok(r.status in (400, 404) and web_bytes[:20] not in r.body and
             b'SQLite format' not in r.body, f'{bad}: {r.status}', r.status)

    # A stored file that has gone (removed from DB.files) is 404, not 500.
    gone = os.path.join(d, 'gone.txt')
    with open(gone, 'wb') as fh:
        fh.write(b'this file will be removed ' + os.urandom(16).hex().encode())
    rc, out, err = cairn(fx.db, 'evidence', 'add', '1', '--source', 'document', '--text',
                         'its file goes', '--file', gone)
    assert rc == 0, err
    item = evidence_numbers(fx.db, 1)[-1]
    os.remove(os.path.join(fx.db + '.files', item['file']['sha256']))
    r = lead.get(f'/inspections/1/evidence/{item["number"]}/file')
    t.ok(r.status == 404, 'a stored file that is missing: 404 (not 500)', r.status)
    t.ok(not downloads(fx.db, item['number']), 'and no download entry for it')
finally:
    if srv is not None:
        srv.stop()
    fx.cleanup()
t.done()
