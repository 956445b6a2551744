"""End-to-end tests over HTTP against the real server: accounts, API tokens,
creating and changing inspections and the people to choose from, through the
JSON API (src/web/api_admin.c), the same app/ calls as the accounts, create
and team pages and `cairn user|inspection ...`.

Checked: an administrator lists, adds, changes and resets accounts and
nobody else may (403, nothing changed); a generated password or a token's
secret is in one answer only and never in a list; a person lists, makes and
revokes their own tokens and not another's; a revoked token and a disabled
account's token are refused (401); the last administrator cannot be disabled
or lose the role (409 at the field, and the CLI refuses too); an inspection
created through the API reads back with its values, a bad date is refused at
its field and nothing is stored; the people list offers active accounts
only.  State is read back through the CLI and sqlite3, not only from the
server's answers, and each change has its audit row.  Prints TAP."""
import json
import os
import re
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webtest import Client, Fixture, PASSWORD, Server, Tap, cairn  # noqa: E402


def api(srv, token, method, path, body=None):
    """One API request with the token; returns (response, parsed JSON or {})."""
    h = {'Authorization': 'Bearer ' + token}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        h['Content-Type'] = 'application/json'
    r = Client(srv).request(method, path, body=data, headers=h)
    try:
        j = json.loads(r.text)
    except ValueError:
        j = {}
    return r, j


def field(j):
    return j.get('error', {}).get('field') if isinstance(j, dict) else None


def cli_users(db):
    """`cairn user list --json` as {username: account}."""
    rc, out, err = cairn(db, 'user', 'list', '--json')
    assert rc == 0, err
    return {a['username']: a for a in json.loads(out)}


def cli_tokens(db, username):
    """`cairn user tokens --json` of one account as {label: revoked}."""
    rc, out, err = cairn(db, 'user', 'tokens', '--json')
    assert rc == 0, err
    return {x['label']: x['revoked'] for x in json.loads(out) if x['username'] == username}


def cli_inspection_ids(db):
    rc, out, err = cairn(db, 'inspection', 'list', '--json')
    assert rc == 0, err
    return sorted(x['id'] for x in json.loads(out))


def audit_count(db, action, subject=None):
    con = sqlite3.connect(db)
    if subject is None:
        n = con.execute('SELECT count(*) FROM audit WHERE action = ?', (action,)).fetchone()[0]
    else:
        n = con.execute('SELECT count(*) FROM audit WHERE action = ? AND subject = ?',
                        (action, subject)).fetchone()[0]
    con.close()
    return n


def signs_in(srv, user, password):
    r = Client(srv).sign_in(user, password)
    return r.status == 303 and not (r.header('Location') or '').startswith('/signin')


HEX64 = re.compile(r'^[0-9a-f]{64}$')

t = Tap()
fx = Fixture()
srv = None
try:
    db = fx.db
    srv = Server(db)
    tokens = {}
    for u in ('lead', 'inspector', 'outsider', 'admin'):
        rc, out, err = cairn(db, 'user', 'token', u)
        assert rc == 0, err
        tokens[u] = out.strip().split()[-1]

    # ---- accounts: only an administrator ----
    r, j = api(srv, tokens['inspector'], 'GET', '/api/v1/accounts')
    t.ok(r.status == 403 and 'accounts' not in j, 'an inspector may not list the accounts (403)',
         (r.status, j))
    r, j = api(srv, tokens['admin'], 'GET', '/api/v1/accounts')
    acc = {a['username']: a for a in j.get('accounts', [])}
    t.ok(r.status == 200 and acc.get('lead', {}).get('name') == 'Lena Lead' and
         acc['admin']['admin'] is True and acc['lead']['admin'] is False and
         set(acc) == set(cli_users(db)),
         'the administrator lists every account the CLI lists, with names and roles',
         (r.status, j))
    t.ok('$argon2' not in r.text and 'password' not in r.text and 'hash' not in r.text,
         'the list carries no password or hash', r.text[:300])
    t.ok(acc.get('lead', {}).get('last_signin_at', 'x') is None,
         'an account that never signed in has last_signin_at null', acc.get('lead'))
    t.ok(signs_in(srv, 'lead', PASSWORD), 'the lead signs in through the page')
    r, j = api(srv, tokens['admin'], 'GET', '/api/v1/accounts')
    lead_seen = {a['username']: a for a in j.get('accounts', [])}.get('lead', {})
    t.ok(re.match(r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$', lead_seen.get('last_signin_at') or ''),
         'after signing in, last_signin_at is the time', lead_seen)

    # ---- adding an account ----
    r, j = api(srv, tokens['inspector'], 'POST', '/api/v1/accounts', {'username': 'newbie'})
    t.ok(r.status == 403 and 'newbie' not in cli_users(db),
         'an inspector may not add an account (403, none stored)', (r.status, j))
    r, j = api(srv, tokens['admin'], 'POST', '/api/v1/accounts',
               {'username': 'newbie', 'name': 'Nia Newbie'})
    pw1 = j.get('password', '')
    t.ok(r.status == 201 and r.header('Location') == '/api/v1/accounts/newbie' and
         len(pw1) == 16 and j.get('name') == 'Nia Newbie' and j.get('admin') is False,
         'the administrator adds an account: 201, Location, a generated password',
         (r.status, r.header('Location'), j))
    t.ok('no-store' in (r.header('Cache-Control') or ''), 'the answer with a password is not cached',
         r.header('Cache-Control'))
    t.ok(cli_users(db).get('newbie', {}).get('name') == 'Nia Newbie',
         'the CLI lists the new account with its name', cli_users(db).get('newbie'))
    t.ok(signs_in(srv, 'newbie', pw1), 'the new account signs in with the generated password')
    r, j = api(srv, tokens['admin'], 'GET', '/api/v1/accounts/newbie')
    t.ok(r.status == 200 and j.get('username') == 'newbie' and pw1 not in r.text and
         'password' not in j, 'the account reads back without its password', (r.status, j))
    r2, j2 = api(srv, tokens['admin'], 'GET', '/api/v1/accounts')
    t.ok(pw1 not in r2.text, 'the generated password is never listed again')
    r, j = api(srv, tokens['admin'], 'POST', '/api/v1/accounts', {'username': 'newbie'})
    t.ok(r.status == 409 and field(j) == '/username', 'a username in use: 409 at /username',
         (r.status, j))
    r, j = api(srv, tokens['admin'], 'POST', '/api/v1/accounts', {'username': 'Bad Name'})
    t.ok(r.status == 422 and field(j) == '/username' and 'Bad Name' not in cli_users(db),
         'an invalid username: 422 at /username, nothing stored', (r.status, j))
    r, j = api(srv, tokens['admin'], 'GET', '/api/v1/accounts/ghost')
    t.ok(r.status == 404, 'an unknown account: 404', (r.status, j))

    # ---- resetting a password ----
    r, j = api(srv, tokens['inspector'], 'POST', '/api/v1/accounts/newbie/reset')
    t.ok(r.status == 403 and signs_in(srv, 'newbie', pw1),
         'an inspector may not reset a password (403, the old one still works)', (r.status, j))
    r, j = api(srv, tokens['admin'], 'POST', '/api/v1/accounts/newbie/reset')
    pw2 = j.get('password', '')
    t.ok(r.status == 200 and len(pw2) == 16 and pw2 != pw1 and
         'no-store' in (r.header('Cache-Control') or ''),
         'the administrator resets: a new generated password, once', (r.status, j))
    t.ok(not signs_in(srv, 'newbie', pw1) and signs_in(srv, 'newbie', pw2),
         'the old password no longer signs in; the new one does')

    # ---- tokens: one's own, or an administrator anyone's ----
    r, j = api(srv, tokens['lead'], 'POST', '/api/v1/accounts/lead/tokens', {'label': 'nightly'})
    nightly = j.get('token', '')
    t.ok(r.status == 201 and HEX64.match(nightly) and j.get('label') == 'nightly' and
         'no-store' in (r.header('Cache-Control') or ''),
         'the lead makes their own token: 201 with the secret once', (r.status, j))
    r, j = api(srv, tokens['lead'], 'GET', '/api/v1/accounts/lead/tokens')
    labels = {x['label']: x for x in j.get('tokens', [])}
    t.ok(r.status == 200 and set(labels) == {'api', 'nightly'} and
         set(cli_tokens(db, 'lead')) == {'api', 'nightly'},
         'the lead lists their own tokens, as the CLI does', (r.status, j))
    t.ok(nightly not in r.text and tokens['lead'] not in r.text and
         not re.search(r'[0-9a-f]{64}', r.text), 'the list never carries a secret', r.text[:300])
    t.ok(labels.get('nightly', {}).get('last_used_at', 'x') is None,
         'a token never used has last_used_at null', labels.get('nightly'))
    r, j = api(srv, nightly, 'GET', '/api/v1/inspections')
    t.ok(r.status == 200, 'the new token works', (r.status, j))
    r, j = api(srv, tokens['lead'], 'GET', '/api/v1/accounts/lead/tokens')
    used = {x['label']: x for x in j.get('tokens', [])}.get('nightly', {})
    t.ok(re.match(r'^\d{4}-\d\d-\d\dT', used.get('last_used_at') or ''),
         'after its use, the token shows when it was last used', used)
    rc, out, err = cairn(db, 'user', 'tokens', '--json')
    cli_used = [x.get('last_used_at') for x in json.loads(out)
                if x['username'] == 'lead' and x['label'] == 'nightly']
    t.ok(rc == 0 and cli_used == [used.get('last_used_at')],
         'the command line shows the same time of last use', (rc, cli_used, used))
    r, j = api(srv, tokens['lead'], 'POST', '/api/v1/accounts/lead/tokens', {'label': 'nightly'})
    t.ok(r.status == 409 and field(j) == '/label' and
         list(cli_tokens(db, 'lead')).count('nightly') == 1,
         'a label in use: 409 at /label, no second token', (r.status, j))

    before = cli_tokens(db, 'inspector')
    r, j = api(srv, tokens['lead'], 'GET', '/api/v1/accounts/inspector/tokens')
    t.ok(r.status == 403 and 'tokens' not in j, "the lead may not list another's tokens (403)",
         (r.status, j))
    r, j = api(srv, tokens['lead'], 'POST', '/api/v1/accounts/inspector/tokens', {'label': 'x'})
    t.ok(r.status == 403 and 'token' not in j and cli_tokens(db, 'inspector') == before,
         "the lead may not make a token for another (403, none made)", (r.status, j))
    r, j = api(srv, tokens['lead'], 'DELETE', '/api/v1/accounts/inspector/tokens/api')
    ok_after, _ = api(srv, tokens['inspector'], 'GET', '/api/v1/inspections')
    t.ok(r.status == 403 and ok_after.status == 200 and cli_tokens(db, 'inspector') == before,
         "the lead may not revoke another's token (403, it still works)", (r.status, j))
    r, j = api(srv, tokens['inspector'], 'GET', '/api/v1/accounts/admin/tokens')
    t.ok(r.status == 403, "an inspector may not list the administrator's tokens (403)",
         (r.status, j))
    r, j = api(srv, tokens['admin'], 'GET', '/api/v1/accounts/inspector/tokens')
    t.ok(r.status == 200 and [x['label'] for x in j.get('tokens', [])] == ['api'],
         "the administrator lists anyone's tokens", (r.status, j))
    r, j = api(srv, tokens['admin'], 'GET', '/api/v1/accounts/ghost/tokens')
    t.ok(r.status == 404 and field(j) == '/username', 'tokens of an unknown account: 404',
         (r.status, j))

    r, j = api(srv, tokens['lead'], 'DELETE', '/api/v1/accounts/lead/tokens/nightly')
    t.ok(r.status == 200 and j.get('revoked') is True and cli_tokens(db, 'lead').get('nightly'),
         'the lead revokes their own token (the CLI shows it revoked)', (r.status, j))
    r, j = api(srv, nightly, 'GET', '/api/v1/inspections')
    t.ok(r.status == 401, 'the revoked token is refused (401)', (r.status, j))
    r, j = api(srv, tokens['lead'], 'DELETE', '/api/v1/accounts/lead/tokens/nightly')
    t.ok(r.status == 404 and field(j) == '/label', 'revoking it again: 404 at /label',
         (r.status, j))
    r, j = api(srv, tokens['lead'], 'GET', '/api/v1/accounts/lead/tokens')
    t.ok({x['label']: x['revoked'] for x in j.get('tokens', [])} == {'api': False,
                                                                       'nightly': True},
         'the list shows it revoked, never its secret', j)

    r, j = api(srv, tokens['admin'], 'POST', '/api/v1/accounts/newbie/tokens', {})
    newbie_tok = j.get('token', '')
    t.ok(r.status == 201 and j.get('label') == 'api' and HEX64.match(newbie_tok),
         'the administrator makes a token for another account (label "api" by default)',
         (r.status, j))
    r, j = api(srv, tokens['admin'], 'POST', '/api/v1/accounts/newbie/tokens', {})
    t.ok(r.status == 201 and j.get('label') == 'api-2',
         'a second unlabelled token is "api-2"', (r.status, j))
    r, j = api(srv, tokens['admin'], 'DELETE', '/api/v1/accounts/newbie/tokens/api-2')
    t.ok(r.status == 200 and cli_tokens(db, 'newbie').get('api-2') is True,
         "the administrator revokes another's token", (r.status, j))

    # ---- changing an account; a disabled account's token ----
    r, j = api(srv, newbie_tok, 'GET', '/api/v1/inspections')
    t.ok(r.status == 200, "newbie's token works while the account is active", (r.status, j))
    r, j = api(srv, tokens['inspector'], 'PATCH', '/api/v1/accounts/newbie', {'disabled': True})
    t.ok(r.status == 403 and cli_users(db)['newbie']['disabled'] is False,
         'an inspector may not disable an account (403, unchanged)', (r.status, j))
    r, j = api(srv, tokens['admin'], 'PATCH', '/api/v1/accounts/newbie',
               {'disabled': True, 'name': 'Nia N. Newbie'})
    users = cli_users(db)
    t.ok(r.status == 200 and j.get('disabled') is True and j.get('name') == 'Nia N. Newbie' and
         users['newbie']['disabled'] is True and users['newbie']['name'] == 'Nia N. Newbie',
         'the administrator disables and renames in one change (the CLI agrees)', (r.status, j))
    r, j = api(srv, newbie_tok, 'GET', '/api/v1/inspections')
    t.ok(r.status == 401, "a disabled account's token is refused (401)", (r.status, j))
    t.ok(not signs_in(srv, 'newbie', pw2), 'a disabled account cannot sign in')
    r, j = api(srv, tokens['admin'], 'PATCH', '/api/v1/accounts/newbie', {'disabled': False})
    r2, j2 = api(srv, newbie_tok, 'GET', '/api/v1/inspections')
    t.ok(r.status == 200 and r2.status == 200, 'enabled again, its token works again',
         (r.status, r2.status))
    r, j = api(srv, tokens['admin'], 'PATCH', '/api/v1/accounts/newbie', {})
    t.ok(r.status == 422, 'a change of nothing: 422', (r.status, j))
    r, j = api(srv, tokens['admin'], 'PATCH', '/api/v1/accounts/newbie', {'admin': 'yes'})
    t.ok(r.status == 400 and field(j) == '/admin', 'admin must be true or false: 400 at /admin',
         (r.status, j))
    r, j = api(srv, tokens['admin'], 'PATCH', '/api/v1/accounts/ghost', {'disabled': True})
    t.ok(r.status == 404 and field(j) == '/username', 'changing an unknown account: 404',
         (r.status, j))

    # ---- the last administrator ----
    admins = [u for u, a in cli_users(db).items() if a['admin'] and not a['disabled']]
    for u in admins:
        if u != 'admin':
            r, j = api(srv, tokens['admin'], 'PATCH', '/api/v1/accounts/' + u, {'admin': False})
            assert r.status == 200, (u, r.status, j)
    r, j = api(srv, tokens['admin'], 'PATCH', '/api/v1/accounts/admin', {'disabled': True})
    t.ok(r.status == 409 and field(j) == '/disabled' and
         cli_users(db)['admin']['disabled'] is False,
         'the administrator cannot disable their own account: 409 at /disabled', (r.status, j))
    r, j = api(srv, tokens['admin'], 'PATCH', '/api/v1/accounts/admin', {'admin': False})
    t.ok(r.status == 409 and field(j) == '/admin' and cli_users(db)['admin']['admin'] is True,
         'nor take away their own role: 409 at /admin', (r.status, j))
    rc, out, err = cairn(db, 'user', 'disable', 'admin')
    t.ok(rc == 65 and 'last administrator' in err and
         cli_users(db)['admin']['disabled'] is False,
         'the command line cannot disable the last administrator either (exit 65)', (rc, err))
    rc, out, err = cairn(db, 'user', 'admin', 'admin', '--remove')
    t.ok(rc == 65 and 'last administrator' in err and cli_users(db)['admin']['admin'] is True,
         'nor take the role from the last administrator', (rc, err))
    r, j = api(srv, tokens['admin'], 'PATCH', '/api/v1/accounts/newbie', {'admin': True})
    t.ok(r.status == 200 and j.get('admin') is True, 'a second administrator is made',
         (r.status, j))
    rc, out, err = cairn(db, 'user', 'disable', 'admin')
    t.ok(rc == 0 and cli_users(db)['admin']['disabled'] is True,
         'with a second administrator, the first can be disabled', (rc, err))
    rc, out, err = cairn(db, 'user', 'enable', 'admin')
    assert rc == 0, err

    # ---- creating and changing an inspection ----
    rc, out, err = cairn(db, 'inspection', 'show', '1', '--json')
    fw = json.loads(out)['framework']
    ids = cli_inspection_ids(db)
    good = {'partnership': 'Eastbay', 'framework': fw, 'title': 'Eastbay joint inspection',
            'notified': '2026-09-01', 'fieldwork-from': '2026-10-05',
            'fieldwork-to': '2026-10-09',
            'agencies': ['Care Inspectorate', 'Education Scotland'], 'lead': 'lead'}
    r, j = api(srv, tokens['lead'], 'POST', '/api/v1/inspections', good)
    t.ok(r.status == 403 and cli_inspection_ids(db) == ids,
         'a lead may not create an inspection (403, none stored)', (r.status, j))
    for bad, fld, status in (({'fieldwork-from': '2026-13-40'}, '/fieldwork-from', 422),
                             ({'fieldwork-to': '2026-10-01'}, '/fieldwork-to', 422),
                             ({'notified': '1 Sept'}, '/notified', 422),
                             ({'framework': 'no-such-pack'}, '/framework', 422),
                             ({'lead': 'ghost'}, '/lead', 422),
                             ({'fieldwork-to': None}, '/fieldwork-to', 422),
                             ({'partnership': None}, '/partnership', 400)):
        body = dict(good, **bad)
        body = {k: v for k, v in body.items() if v is not None}
        r, j = api(srv, tokens['admin'], 'POST', '/api/v1/inspections', body)
        t.ok(r.status == status and field(j) == fld and cli_inspection_ids(db) == ids,
             'create with %s: %d at %s, nothing stored' % (json.dumps(bad), status, fld),
             (r.status, j))
    r, j = api(srv, tokens['admin'], 'POST', '/api/v1/inspections', good)
    new_id = j.get('id')
    t.ok(r.status == 201 and new_id and r.header('Location') == '/api/v1/inspections/%s' % new_id
         and cli_inspection_ids(db) == sorted(ids + [new_id]),
         'the administrator creates an inspection: 201 with its id and Location',
         (r.status, r.header('Location'), j))
    r, j = api(srv, tokens['lead'], 'GET', '/api/v1/inspections/%s' % new_id)
    t.ok(r.status == 200 and j.get('partnership') == 'Eastbay' and
         j.get('title') == 'Eastbay joint inspection' and j.get('framework') == fw and
         j.get('notified') == '2026-09-01' and j.get('fieldwork_from') == '2026-10-05' and
         j.get('fieldwork_to') == '2026-10-09' and
         j.get('agencies') == ['Care Inspectorate', 'Education Scotland'],
         'its lead reads it back with the values given', (r.status, j))
    rc, out, err = cairn(db, 'team', 'list', str(new_id), '--json')
    t.ok(rc == 0 and [(m['person'], m['role']) for m in json.loads(out)] == [('lead', 'lead')],
         'the lead named is on its team, as the CLI lists it', out)
    path = '/api/v1/inspections/%s' % new_id
    r, j = api(srv, tokens['inspector'], 'PATCH', path, {'title': 'X'})
    t.ok(r.status == 404, 'someone not on its team cannot change it (404)', (r.status, j))
    r, j = api(srv, tokens['inspector'], 'PATCH', '/api/v1/inspections/1', {'title': 'X'})
    t.ok(r.status == 403, 'an inspector on the team may not change the details (403)',
         (r.status, j))
    r, j = api(srv, tokens['lead'], 'PATCH', path,
               {'fieldwork-from': '2026-10-09', 'fieldwork-to': '2026-10-05'})
    r2, j2 = api(srv, tokens['lead'], 'GET', path)
    t.ok(r.status == 422 and field(j) == '/fieldwork-to' and
         j2.get('fieldwork_from') == '2026-10-05',
         'fieldwork ending before it starts: 422 at /fieldwork-to, unchanged', (r.status, j))
    r, j = api(srv, tokens['lead'], 'PATCH', path, {'published': 'soon'})
    t.ok(r.status == 422 and field(j) == '/published', 'a bad publication date: 422 at /published',
         (r.status, j))
    r, j = api(srv, tokens['lead'], 'PATCH', path, {})
    t.ok(r.status == 422, 'a change of nothing: 422', (r.status, j))
    r, j = api(srv, tokens['lead'], 'PATCH', path,
               {'title': 'Eastbay, revised', 'fieldwork-from': '2026-11-02',
                'fieldwork-to': '2026-11-06', 'methods': ['Records reading', 'Focus groups']})
    r2, j2 = api(srv, tokens['lead'], 'GET', path)
    t.ok(r.status == 200 and j2.get('title') == 'Eastbay, revised' and
         j2.get('fieldwork_from') == '2026-11-02' and j2.get('fieldwork_to') == '2026-11-06' and
         j2.get('methods') == ['Records reading', 'Focus groups'] and
         j2.get('partnership') == 'Eastbay' and j2.get('notified') == '2026-09-01',
         'the lead changes title, fieldwork and methods; the rest is left as it was', (r.status, j2))

    # ---- the people to choose from ----
    r, j = api(srv, tokens['admin'], 'PATCH', '/api/v1/accounts/outsider', {'disabled': True})
    assert r.status == 200, (r.status, j)
    r, j = api(srv, tokens['lead'], 'GET', '/api/v1/inspections/1/people')
    people = {p['username']: p['name'] for p in j.get('people', [])}
    active = {u: a['name'] for u, a in cli_users(db).items() if not a['disabled']}
    t.ok(r.status == 200 and people == active and 'outsider' not in people and
         people.get('newbie') == 'Nia N. Newbie',
         'the lead is offered every active account, by username and name (not a disabled one)',
         (r.status, j))
    r, j = api(srv, tokens['lead'], 'GET', '/api/v1/inspections/1/people?role=reader')
    t.ok(r.status == 200 and {p['username'] for p in j.get('people', [])} == set(active),
         'and the same people to add as a reader', (r.status, j))
    r, j = api(srv, tokens['inspector'], 'GET', '/api/v1/inspections/1/people')
    t.ok(r.status == 403 and 'people' not in j, 'an inspector, who appoints nobody: 403',
         (r.status, j))
    r, j = api(srv, tokens['admin'], 'GET', '/api/v1/inspections/1/people?role=lead')
    t.ok(r.status == 200 and j.get('people'), 'an administrator may choose a lead', (r.status, j))
    r, j = api(srv, tokens['admin'], 'GET', '/api/v1/inspections/1/people?role=reader')
    t.ok(r.status == 404 and 'people' not in j,
         'but not a reader, which only the team adds: as someone not on it (404)', (r.status, j))
    r, j = api(srv, tokens['lead'], 'GET', '/api/v1/inspections/1/people?role=wizard')
    t.ok(r.status == 422 and field(j) == '/role', 'an unknown role: 422 at /role', (r.status, j))

    # ---- audit ----
    counts = {k: audit_count(db, *k) for k in (
        ('account.add', 'newbie'), ('account.passwd', 'newbie'), ('account.disable', 'newbie'),
        ('account.enable', 'newbie'), ('account.name', 'newbie'), ('account.admin', 'newbie'),
        ('token.create', 'lead'), ('token.revoke', 'lead'), ('token.create', 'newbie'),
        ('token.revoke', 'newbie'))}
    t.ok(counts[('account.add', 'newbie')] == 1 and counts[('account.passwd', 'newbie')] == 1 and
         counts[('account.disable', 'newbie')] == 1 and counts[('account.enable', 'newbie')] == 1
         and counts[('account.name', 'newbie')] == 1 and counts[('account.admin', 'newbie')] == 1,
         'each change of the account has its audit row', counts)
    t.ok(counts[('token.create', 'lead')] == 2 and counts[('token.revoke', 'lead')] == 1 and
         counts[('token.create', 'newbie')] == 2 and counts[('token.revoke', 'newbie')] == 1,
         'each token made and revoked has its audit row (and no refused one)', counts)
    con = sqlite3.connect(db)
    rows = con.execute("SELECT action, actor FROM audit WHERE inspection_id = ? ORDER BY id",
                       (new_id,)).fetchall()
    con.close()
    t.ok(('inspection.create', 'admin') in rows and ('team.add', 'admin') in rows and
         ('inspection.update', 'lead') in rows and
         sum(1 for a, _ in rows if a == 'inspection.update') == 1,
         'the creation, the lead joining and the one accepted change are audited', rows)
    rc, out, err = cairn(db, 'audit', 'verify')
    t.ok(rc == 0, 'the audit chain verifies', err)
    rc = srv.stop()
    t.ok(rc == 0, 'the server stops cleanly (no sanitizer report)',
         (rc, srv.proc.stderr.read()[-2000:] if srv.proc.stderr else ''))
finally:
    if srv is not None:
        srv.stop()
    fx.cleanup()
sys.exit(t.done())
