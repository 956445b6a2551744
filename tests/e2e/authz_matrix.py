"""The generated authorisation matrix: every route of `cairn serve --routes`
x every principal (anonymous, one account per team role, the global
administrator) x own/other inspection, requested on the real server, and
the allowed set compared EXACTLY with tests/e2e/authz_expect.tsv, which is
written by hand from the role table in docs/ (not from the code).

Definitions (also at the top of authz_expect.tsv):
  allowed  the status is 2xx; or 3xx to anywhere but /signin; or a 4xx
           other than 401, 403 and 404 (a validation error such as 400,
           409, 413, 415 or 422 means the request got past the access check)
  denied   401, 403, 404, or a 3xx to /signin (unless it clears the session
           cookie: that is a sign-out)
  5xx      always a failure
Each principal is on the team of inspection 1 ("own") in one role and on
no team of inspection 2 ("other", led by someone else).  Nobody but the
administrator's global rights may reach the other inspection.  A route with
no expectation line, or a line for a route that no longer exists, fails.
Prints TAP."""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webtest import PASSWORD, Client, Server, Tap, cairn, csrf_of  # noqa: E402

os.environ.setdefault('CAIRN_OPEN_DATA', os.path.join(os.environ.get('SRCDIR', '.'), 'data',
                                                      'scotland'))

import shutil  # noqa: E402
import tempfile  # noqa: E402

EXPECT = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'authz_expect.tsv')


def role_codes():
    """The team role codes, from `cairn team add --help` (--role line)."""
    rc, out, err = cairn(':memory:', 'team', 'add', '--help')
    for line in out.splitlines():
        if line.strip().startswith('--role'):
            return [c.strip() for c in line.split('ROLE', 1)[1].split(',')]
    raise RuntimeError('no --role line in cairn team add --help')


def read_expect():
    """Returns {(method, pattern): (request, allowed set, body)} and errors."""
    lines, errors = {}, []
    with open(EXPECT) as fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip('\n')
            if not line.strip() or line.startswith('#'):
                continue
            f = line.split('\t')
            if len(f) != 5:
                errors.append(f'authz_expect.tsv:{n}: {len(f)} tab-separated fields, need 5')
                continue
            method, pattern, request, allowed, body = f
            key = (method, pattern)
            if key in lines:
                errors.append(f'authz_expect.tsv:{n}: second line for {method} {pattern}')
            lines[key] = (request, set(a for a in allowed.split(',') if a and a != '-'),
                          '' if body == '-' else body)
    return lines, errors


def allowed_status(r):
    """True if the response means the access check let the request through."""
    if r.status >= 500:
        return None
    if 200 <= r.status < 300:
        return True
    if 300 <= r.status < 400:
        # A sign-out also ends at /signin, but it clears the session cookie.
        signout = any('Max-Age=0' in c for c in r.all_headers('Set-Cookie'))
        return signout or not (r.header('Location') or '').startswith('/signin')
    return r.status not in (401, 403, 404)


class Principal:
    """One person (or nobody): a browser with a session and an API token."""

    def __init__(self, srv, db, name, role):
        self.name = name          # account name, or 'anonymous'
        self.role = role          # team role code on inspection 1, 'admin' or 'anonymous'
        self.srv = srv
        self.client = Client(srv)
        self.token = None
        if role != 'anonymous':
            self.sign_in()
            rc, out, err = cairn(db, 'user', 'token', name)
            assert rc == 0, err
            self.token = out.strip()

    def sign_in(self):
        self.client.cookies.clear()
        r = self.client.sign_in(self.name)
        assert r.status == 303, (self.name, r.status, r.text[:300])

    def request(self, auth, method, path, body):
        """Sends one request as this principal; returns the response."""
        c = self.client
        headers = {}
        if auth == 'token':
            c = Client(self.srv)  # no cookies for the API
            if self.token:
                headers['Authorization'] = 'Bearer ' + self.token
        data = None
        if method != 'GET':
            if auth == 'token':
                headers['Content-Type'] = 'application/json'
                data = body.encode()
            else:
                if auth == 'public':
                    # Public forms (sign-in) carry the pre-sign-in token, which only a
                    # browser without a session is given: post as one.
                    c = Client(self.srv)
                    tok = csrf_of(c.get('/signin').text)
                else:
                    tok = csrf_of(c.get('/').text)
                form = body.replace('@csrf', tok)
                headers['Content-Type'] = 'application/x-www-form-urlencoded'
                data = form.encode()
        r = c.request(method, path, body=data, headers=headers)
        if self.role != 'anonymous' and 'cairn_session' not in self.client.cookies:
            self.sign_in()  # e.g. after POST /signout
        return r


def main():
    t = Tap()
    d = tempfile.mkdtemp(prefix='cairn-authz.')
    db = os.path.join(d, 'cairn.db')
    srv = None
    try:
        roles = role_codes()
        t.ok(len(roles) >= 8 and 'lead' in roles and 'local-reader' in roles,
             'team role codes from cairn team add --help', roles)
        rc, out, err = cairn(db, 'demo', '--out', os.path.join(d, 'out'))
        assert rc == 0, err
        fw = json.loads(cairn(db, 'inspection', 'show', '1', '--json')[1])['framework']
        rc, out, err = cairn(db, 'inspection', 'create', '--partnership', 'Elsewhere',
                             '--framework', fw, '--json')
        assert rc == 0, err
        other = json.loads(out)['id']
        t.ok(other != 1, 'a second inspection to be "other"', out)
        users = [('u-' + code, code) for code in roles]
        for user, code in users + [('lead2', None), ('admin', None)]:
            extra = ['--admin'] if user == 'admin' else []
            rc, out, err = cairn(db, 'user', 'add', user, '--name', 'Person ' + user, *extra,
                                 stdin=PASSWORD + '\n')
            assert rc == 0, err
            if code:
                rc, out, err = cairn(db, 'team', 'add', '1', user, '--role', code)
                assert rc == 0, err
        rc, out, err = cairn(db, 'team', 'add', str(other), 'lead2', '--role', 'lead')
        assert rc == 0, err
        # Records reading on inspection 1: the lead (as an inspector reader)
        # and the local reader are the one pair, so each has a record.
        pop = os.path.join(d, 'pop.csv')
        with open(pop, 'w') as fh:
            fh.write('ref,category\n')
            for i in range(20):
                fh.write('R%03d,%s\n' % (i + 1, ['CP', 'LAC'][i % 2]))
        for args in (('population', 'import', '1', pop),
                     ('sample', 'draw', '1', '--size', '4', '--strata', 'category', '--seed', '3'),
                     ('reader', 'add', '1', 'u-lead', '--kind', 'inspector'),
                     ('reader', 'add', '1', 'u-local-reader', '--kind', 'local')):
            rc, out, err = cairn(db, *args)
            assert rc == 0, (args, err)
        # The survey and the outcome indicator the expectation lines name
        # (/surveys/staff, /outcomes/early-dev) exist on inspection 1, so an
        # allowed person reaches the page (an unknown one answers 404).
        outc = os.path.join(d, 'outcomes.csv')
        with open(outc, 'w') as fh:
            fh.write('indicator,area_code,area_name,period,group,numerator,denominator\n')
            for period in ('2015/16', '2016/17', '2017/18'):
                for g in range(1, 6):
                    fh.write('early-dev,X99000001,Glenmoor,%s,%d,%d,300\n'
                             % (period, g, 60 - 5 * g))
                    # The same for South Ayrshire, the area inspection 1 is
                    # set to below (its open-data context answers then).
                    fh.write('early-dev,S12000028,South Ayrshire,%s,%d,%d,300\n'
                             % (period, g, 60 - 5 * g))
        meta = os.path.join(os.environ.get('SRCDIR', '.'), 'tests', 'e2e', 'data',
                            'outcomes_meta.csv')
        for args in (('survey', 'create', '1', '--name', 'staff', '--kind', 'staff',
                      '--scale', 'agree5'),
                     ('outcomes', 'import', outc, '--indicators', meta, '--q1',
                      'most-deprived', '--simd', '2020')):
            rc, out, err = cairn(db, *args)
            assert rc == 0, (args, err)
        # Inspection 1's area is a real council area of the shipped open data,
        # so /api/v1/inspections/{id}/context answers an allowed person.
        rc, out, err = cairn(db, 'publication', 'set', '--inspection', '1', '--area',
                             'South Ayrshire')
        assert rc == 0, err
        rc, out, err = cairn(db, 'reader', 'assign', '1', '--json')
        assert rc == 0, err
        refs = [a['ref'] for a in json.loads(out)['assignments']]
        myref = refs[0]
        # Concern 1 and action 1 exist on inspection 1, so a form posted to
        # them is checked (an unknown one answers 404, as a refusal does).
        improvement = 1  # the first area for improvement (numbered within the inspection)
        for args in (('concern', 'raise', '1', myref, '--text', 'a concern'),
                     ('action', 'add', '1', '--improvement', str(improvement), '--text',
                      'an action', '--owner', 'someone', '--due', '2030-01-01')):
            rc, out, err = cairn(db, *args)
            assert rc == 0, (args, err)
        # Evidence 1 of each inspection carries a file, so that the download
        # route's refusals are refusals, not "no file".
        attached = os.path.join(d, 'attached.txt')
        with open(attached, 'w') as fh:
            fh.write('an attached file\n')
        for iid in ('1', str(other)):
            rc, out, err = cairn(db, 'evidence', 'add', iid, '--source', 'document',
                                 '--text', 'with a file', '--file', attached, '--json')
            assert rc == 0, err
            assert json.loads(out)['number'] == 1, out
            # Review 1 of each inspection exists, so that its report's
            # refusals are refusals, not "no such review".
            rc, out, err = cairn(db, 'review', 'create', iid, '--date', '2030-01-06')
            assert rc == 0, err

        # Notification 1 and supporting document 1 exist on inspection 1, so
        # their downloads answer an allowed person (an unknown one is 404).
        for args in (('partnership', 'notify', '1', '--council', 'Glenmoor Council',
                      '--health-board', 'NHS Glenmoor'),
                     ('partnership', 'document', '1', '--file', attached, '--title', 'a plan')):
            rc, out, err = cairn(db, *args)
            assert rc == 0, (args, err)

        routes = json.loads(cairn(db, 'serve', '--routes')[1])
        expect, errors = read_expect()
        t.ok(not errors, 'authz_expect.tsv is well formed', '\n'.join(errors))
        keys = {(r['method'], r['path']) for r in routes}
        missing = [f"{r['method']} {r['path']}" for r in routes
                   if (r['method'], r['path']) not in expect]
        t.ok(not missing, 'every route has an expectation line in tests/e2e/authz_expect.tsv',
             'missing: ' + '; '.join(missing))
        stale = [f'{m} {p}' for (m, p) in expect if (m, p) not in keys]
        t.ok(not stale, 'no expectation line for a route that does not exist', '; '.join(stale))
        for (m, p), (req, allowed, body) in expect.items():
            known = set(roles) | {'admin', 'public'}
            t.ok(allowed <= known, f'{m} {p}: allowed names are roles, admin or public',
                 allowed - known)

        srv = Server(db)
        people = [Principal(srv, db, 'anonymous', 'anonymous')]
        people += [Principal(srv, db, u, code) for u, code in users]
        people.append(Principal(srv, db, 'admin', 'admin'))

        cells = 0
        for route in routes:
            key = (route['method'], route['path'])
            if key not in expect:
                continue
            req, allowed, body = expect[key]
            sides = ['own', 'other'] if '{id}' in req else ['own']
            for side in sides:
                iid = '1' if side == 'own' else str(other)
                path = req.replace('{id}', iid).replace('{myref}', myref)
                got, want = set(), set()
                bad = []
                for pp in people:
                    if 'public' in allowed:
                        w = True
                    elif pp.role == 'admin':
                        w = 'admin' in allowed
                    elif pp.role == 'anonymous':
                        w = False
                    else:
                        w = side == 'own' and pp.role in allowed
                    r = pp.request(route['auth'], route['method'], path, body)
                    cells += 1
                    a = allowed_status(r)
                    if a is None:
                        bad.append(f'{pp.role}: {r.status} server error')
                    elif a != w:
                        bad.append(f'{pp.role}: got {r.status} '
                                   f'({"allowed" if a else "denied"}), expected '
                                   f'{"allowed" if w else "denied"}')
                    if a:
                        got.add(pp.role)
                    if w:
                        want.add(pp.role)
                t.ok(not bad, f'{route["method"]} {path} ({side}): allowed exactly '
                     f'{",".join(sorted(want)) or "nobody"}', '\n'.join(bad))
        rc, out, err = cairn(db, 'audit', 'verify')
        t.ok(rc == 0, 'audit chain verifies after the matrix', err)
        print(f'# matrix: {len(routes)} routes x {len(people)} principals x own/other '
              f'= {cells} requests')
    finally:
        if srv is not None:
            srv.stop()
        shutil.rmtree(d, ignore_errors=True)
    return t.done()


sys.exit(main())
