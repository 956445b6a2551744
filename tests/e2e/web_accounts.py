"""End-to-end tests of the accounts pages (administrators) over HTTP
against the real server: adding an account (its password shown once and
working at sign-in), validation errors against their inputs, making an
administrator and taking the role away, resetting a password, disabling
and enabling, API tokens made (working on the API), listed and revoked,
refusals for people who are not administrators, what is stored (checked
through the command line) and the audit entries.  Prints TAP."""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webtest import Client, Fixture, Server, Tap, cairn, csrf_of  # noqa: E402


def accounts(db):
    rc, out, err = cairn(db, 'user', 'list', '--json')
    return {a['username']: a for a in json.loads(out)} if rc == 0 else {}


def tokens(db):
    rc, out, err = cairn(db, 'user', 'tokens', '--json')
    return json.loads(out) if rc == 0 else []


def audit_actions(db):
    rc, out, err = cairn(db, 'audit', 'list', '--json')
    try:
        return [e.get('action') for e in json.loads(out)]
    except ValueError:
        return []


def shown_secret(html, label):
    """The value of the summary row labelled label on a shown-once page."""
    m = re.search(r'ds_summary-list__key">' + re.escape(label) +
                  r'</span>.*?ds_summary-list__answer">([^<]+)</span>', html, re.S)
    return m.group(1) if m else None


def signs_in(srv, user, password):
    c = Client(srv)
    r = c.sign_in(user, password)
    return c, r.status == 303 and 'cairn_session' in c.cookies


t = Tap()
fx = Fixture()
srv = Server(fx.db)
try:
    admin = Client(srv)
    admin.sign_in('admin')
    lead = Client(srv)
    lead.sign_in('lead')

    # ---- who may ----
    r = lead.get('/accounts')
    t.ok(r.status == 403, 'a lead who is not an administrator may not see the accounts',
         r.status)
    r = lead.get('/')
    ltok = csrf_of(r.text)
    r = lead.post('/accounts', {'csrf': ltok, 'username': 'sneaky'})
    t.ok(r.status == 403 and 'sneaky' not in accounts(fx.db),
         'nor add one: 403 and nothing stored', r.status)

    r = admin.get('/accounts')
    tok = csrf_of(r.text)
    t.ok(r.status == 200 and 'action="/accounts"' in r.text and 'id="username"' in r.text and
         'action="/accounts/lead/disable"' in r.text and
         'action="/accounts/lead/password"' in r.text and
         'action="/accounts/admin/disable"' not in r.text and 'API tokens' in r.text,
         'the administrator sees the accounts with their actions (none to disable themself) '
         'and the add and token forms', r.status)

    # ---- add: validation ----
    r = admin.post('/accounts', {'csrf': tok, 'username': ''})
    t.ok(r.status == 400 and 'href="#username"' in r.text and
         'Enter a username for the new account' in r.text,
         'no username: the error summary links to the username input', r.status)
    r = admin.post('/accounts', {'csrf': tok, 'username': 'Bad Name', 'name': 'Bad'})
    t.ok(r.status == 400 and 'href="#username"' in r.text and 'is not a valid username' in
         r.text and 'value="Bad Name"' in r.text and 'Bad Name'.lower() not in
         accounts(fx.db), 'an invalid username: shown against its input with what was typed; '
         'nothing stored', r.status)
    r = admin.post('/accounts', {'csrf': tok, 'username': 'lead'})
    t.ok(r.status == 400 and 'href="#username"' in r.text and
         accounts(fx.db)['lead']['name'] == 'Lena Lead',
         'an existing username is refused and the account is unchanged', r.status)

    # ---- add ----
    r = admin.post('/accounts', {'csrf': tok, 'username': 'nia', 'name': 'Nia Newbie'})
    pw = shown_secret(r.text, 'Password')
    t.ok(r.status == 200 and pw is not None and len(pw) == 16 and
         'not shown again' in r.text and 'no-store' in (r.header('Cache-Control') or ''),
         'account added: its 16-character password shown once, never cached',
         (r.status, pw))
    a = accounts(fx.db).get('nia', {})
    t.ok(a.get('name') == 'Nia Newbie' and a.get('admin') is False and
         a.get('disabled') is False, 'stored: name, not an administrator, active', a)
    r = admin.get('/accounts')
    t.ok(pw is not None and pw not in r.text, 'the password is not on the accounts page')
    nia, ok = signs_in(srv, 'nia', pw or 'x')
    t.ok(ok, 'the new person signs in with the password shown')

    # ---- administrator ----
    r = admin.post('/accounts/nia/admin', {'csrf': tok})
    t.ok(r.status == 303 and r.header('Location') == '/accounts?done=admin' and
         accounts(fx.db)['nia']['admin'] is True,
         'made an administrator: stored', (r.status, r.header('Location')))
    r = admin.get('/accounts?done=admin')
    t.ok('is now an administrator' in r.text and 'action="/accounts/nia/unadmin"' in r.text,
         'the banner says so; the row now offers to remove the role')
    r = nia.get('/')
    t.ok(r.status in (302, 303) and '/signin' in (r.header('Location') or ''),
         'the change ended the person\'s session', r.status)
    r = admin.post('/accounts/nia/admin', {'csrf': tok})
    t.ok(r.status == 400 and 'already an administrator' in r.text,
         'making an administrator twice is refused with a clear message', r.status)
    r = admin.post('/accounts/admin/unadmin', {'csrf': tok})
    t.ok(r.status == 400 and 'your own administrator role' in r.text and
         accounts(fx.db)['admin']['admin'] is True,
         'an administrator cannot take away their own role', r.status)
    r = admin.post('/accounts/nia/unadmin', {'csrf': tok})
    t.ok(r.status == 303 and accounts(fx.db)['nia']['admin'] is False,
         'the administrator role taken away: stored', r.status)

    # ---- reset a password ----
    r = admin.post('/accounts/nia/password', {'csrf': tok})
    pw2 = shown_secret(r.text, 'New password')
    t.ok(r.status == 200 and pw2 is not None and len(pw2) == 16 and pw2 != pw and
         'no-store' in (r.header('Cache-Control') or ''),
         'password reset: a new one shown once', (r.status, pw2))
    _, ok_old = signs_in(srv, 'nia', pw or 'x')
    nia, ok_new = signs_in(srv, 'nia', pw2 or 'x')
    t.ok(not ok_old and ok_new, 'the old password no longer works; the new one does')
    r = admin.post('/accounts/nobody-here/password', {'csrf': tok})
    t.ok(r.status == 400 and 'nobody-here' in r.text, 'resetting an unknown account: 400 naming '
         'it', r.status)

    # ---- disable, enable ----
    r = admin.post('/accounts/nia/disable', {'csrf': tok})
    t.ok(r.status == 303 and accounts(fx.db)['nia']['disabled'] is True,
         'disabled: stored', r.status)
    r = nia.get('/')
    t.ok(r.status in (302, 303), 'the disabled person\'s session ended', r.status)
    _, ok = signs_in(srv, 'nia', pw2 or 'x')
    t.ok(not ok, 'a disabled account cannot sign in')
    r = lead.get('/inspections/1/team')
    t.ok(re.search(r'<select[^>]*id="person"', r.text) and 'value="inspector"' in r.text and
         'value="nia"' not in r.text,
         'the lead chooses a team member from a list of accounts, without disabled ones')
    r = admin.get('/accounts?done=disabled')
    t.ok('action="/accounts/nia/enable"' in r.text and 'Disabled' in r.text,
         'the row shows Disabled and offers Enable')
    r = admin.post('/accounts/nia/enable', {'csrf': tok})
    _, ok = signs_in(srv, 'nia', pw2 or 'x')
    t.ok(r.status == 303 and accounts(fx.db)['nia']['disabled'] is False and ok,
         'enabled: stored, and the person signs in again', r.status)
    r = lead.get('/inspections/1/team')
    t.ok('value="nia"' in r.text and 'Nia Newbie (nia)' in r.text,
         'once enabled the account is offered again, by name and username')
    r = admin.post('/accounts/admin/disable', {'csrf': tok})
    t.ok(r.status == 400 and 'cannot disable your own account' in r.text and
         accounts(fx.db)['admin']['disabled'] is False,
         'an administrator cannot disable their own account', r.status)

    # ---- API tokens ----
    r = admin.post('/accounts/tokens', {'csrf': tok, 'username': '', 'label': 'x'})
    t.ok(r.status == 400 and 'href="#token-account"' in r.text,
         'a token without an account: the error links to the account select', r.status)
    r = admin.post('/accounts/tokens', {'csrf': tok, 'username': 'lead',
                                        'label': 'nightly export'})
    api_token = shown_secret(r.text, 'Token')
    t.ok(r.status == 200 and api_token is not None and re.fullmatch(r'[0-9a-f]{64}', api_token)
         and 'no-store' in (r.header('Cache-Control') or ''),
         'token made and shown once', (r.status, api_token))
    api = Client(srv)
    r = api.get('/api/v1/inspections', headers={'Authorization': f'Bearer {api_token}'})
    t.ok(r.status == 200, 'the token works on the JSON API', r.status)
    tl = [x for x in tokens(fx.db) if x['label'] == 'nightly export']
    t.ok(len(tl) == 1 and tl[0]['username'] == 'lead' and tl[0]['revoked'] is False,
         'stored: one token for lead, labelled, in use', tl)
    tid = tl[0]['id'] if tl else 0
    r = admin.get('/accounts')
    t.ok('nightly export' in r.text and f'action="/accounts/tokens/{tid}/revoke"' in r.text and
         (api_token or 'x') not in r.text,
         'the token is listed with its label and a Revoke button, never the token itself')
    r = lead.post(f'/accounts/tokens/{tid}/revoke', {'csrf': ltok})
    t.ok(r.status == 403 and not tokens(fx.db)[0]['revoked'],
         'a lead may not revoke a token', r.status)
    r = admin.post(f'/accounts/tokens/{tid}/revoke', {'csrf': tok})
    t.ok(r.status == 303 and r.header('Location') == '/accounts?done=revoked',
         'token revoked', r.status)
    r = api.get('/api/v1/inspections', headers={'Authorization': f'Bearer {api_token}'})
    t.ok(r.status == 401, 'the revoked token no longer works', r.status)
    tl = [x for x in tokens(fx.db) if x['id'] == tid]
    t.ok(tl and tl[0]['revoked'] is True, 'stored as revoked', tl)
    r = admin.post(f'/accounts/tokens/{tid}/revoke', {'csrf': tok})
    t.ok(r.status == 400 and 'revoked already' in r.text,
         'revoking it again: a clear message', r.status)

    # ---- the audit log ----
    acts = audit_actions(fx.db)
    for a in ('account.add', 'account.admin', 'account.unadmin', 'account.passwd',
              'account.disable', 'account.enable', 'token.create', 'token.revoke'):
        t.ok(a in acts, f'audited: {a}')
    t.ok(acts.count('account.add') == 1 + 8, 'only the one account added in the browser was '
         'audited as added (8 by the fixture)', acts.count('account.add'))
finally:
    srv.stop()
    fx.cleanup()
sys.exit(t.done())
