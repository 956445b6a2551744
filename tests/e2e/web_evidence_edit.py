"""End-to-end tests of changing evidence in the browser, over HTTP against
the real server: the item page (what it says, by the names of its source
and status, its history), the edit form (statuses offered by name and only
those the item may become, indicators ticked from the framework's list),
a change kept in the history (checked through the command line), the
status rule and empty text refused against their inputs with nothing
changed, and refusals: a young inspector may change only their own
evidence, the panel none.  Prints TAP."""
import json
import os
import re
import sys
from urllib.parse import urlencode

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webtest import Client, Fixture, Server, Tap, cairn, csrf_of  # noqa: E402


def show(db, n):
    rc, out, err = cairn(db, 'evidence', 'show', '1', str(n), '--json')
    return json.loads(out) if rc == 0 else {}


def post_multi(client, path, pairs):
    """A form with repeated fields (ticked checkboxes)."""
    return client.request('POST', path, body=urlencode(pairs).encode(),
                          headers={'Content-Type': 'application/x-www-form-urlencoded'})


t = Tap()
fx = Fixture()
srv = Server(fx.db)
try:
    insp = Client(srv)
    insp.sign_in('inspector')
    young = Client(srv)
    young.sign_in('young')
    panel = Client(srv)
    panel.sign_in('panel')
    tok = csrf_of(insp.get('/inspections/1/evidence').text)

    # The inspector records an area of uncertainty (multipart, as the page's form).
    b = '----cairnedit'
    body = ''.join(f'--{b}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'
                   for k, v in (('csrf', tok), ('source', 'interview'),
                                ('text', 'Staff unsure of the escalation route'),
                                ('qis', '2.1'), ('status', 'uncertainty'))) + f'--{b}--\r\n'
    r = insp.request('POST', '/inspections/1/evidence', body=body.encode(),
                     headers={'Content-Type': f'multipart/form-data; boundary={b}'})
    m = re.search(r'added=([0-9]+)', r.header('Location') or '')
    t.ok(r.status == 303 and m, 'evidence added', (r.status, r.header('Location')))
    n = int(m.group(1)) if m else 1
    item = f'/inspections/1/evidence/{n}'

    r = insp.get('/inspections/1/evidence')
    t.ok(f'href="{item}"' in r.text and 'Area of uncertainty' in r.text,
         'the log links the item by its number and names its status')
    r = insp.get(item)
    t.ok(r.status == 200 and 'Area of uncertainty' in r.text and 'Interview' in r.text and
         'Staff unsure of the escalation route' in r.text and 'History' in r.text,
         'the item page shows what it says with the names of its source and status', r.status)
    opts = re.findall(r'<option value="([a-z-]+)"[^>]*>([^<]+)</option>',
                      r.text.split('id="status"', 1)[-1].split('</select>', 1)[0])
    t.ok(('strength', 'Strength') in opts and ('improvement', 'Area for improvement') in opts
         and ('uncertainty', 'Area of uncertainty') in opts,
         'statuses are offered by their names', opts)
    t.ok(re.search(r'<input[^>]*value="2\.1"[^>]*checked', r.text) and
         re.search(r'<input[^>]*type="checkbox"[^>]*value="5\.3"', r.text),
         'indicators are chosen from the framework\'s list, 2.1 ticked')

    # ---- a change, kept in the history ----
    r = post_multi(insp, item, [('csrf', tok), ('source', 'interview'), ('status', 'strength'),
                                ('text', 'Staff know the escalation route'), ('qis', '2.1'),
                                ('qis', '5.3'), ('participants', ''), ('date', '')])
    t.ok(r.status == 303 and r.header('Location') == item + '?updated=1',
         'saved: back to the item', (r.status, r.header('Location')))
    e = show(fx.db, n)
    t.ok(e.get('status') == 'strength' and e.get('text') == 'Staff know the escalation route'
         and e.get('qis') == ['2.1', '5.3'], 'stored: status, text and indicators', e)
    fields = [(h['field'], h.get('old'), h.get('new')) for h in e.get('history', [])]
    t.ok(('status', 'uncertainty', 'strength') in fields and
         any(f == 'text' and o == 'Staff unsure of the escalation route' for f, o, _ in fields),
         'the history keeps the old values', fields)
    r = insp.get(item + '?updated=1')
    t.ok('Evidence updated' in r.text and 'Staff unsure of the escalation route' in r.text,
         'the page says so and shows the history with the old text')
    hist = r.text[r.text.find('<h2>History</h2>'):]
    hist = hist[:hist.find('</table>')]
    t.ok(re.search(r'<time[^>]* datetime="', hist) and not re.search(r'>\d{4}-\d\d-\d\dT', hist),
         'the history dates each change as people write dates, not as a stored timestamp',
         re.findall(r".{80}>\d{4}-\d\d-\d\dT.{40}", hist))

    # ---- refused, nothing changed ----
    r = post_multi(insp, item, [('csrf', tok), ('source', 'interview'), ('status', 'concern'),
                                ('text', 'Changed again'), ('qis', '2.1')])
    t.ok(r.status == 400 and 'href="#status"' in r.text and
         show(fx.db, n).get('text') == 'Staff know the escalation route',
         'a strength cannot become a concern: shown against the status, nothing changed',
         r.status)
    r = post_multi(insp, item, [('csrf', tok), ('source', 'interview'), ('status', 'strength'),
                                ('text', '  ')])
    t.ok(r.status == 400 and 'href="#text"' in r.text and 'Enter what was found' in r.text and
         show(fx.db, n).get('qis') == ['2.1', '5.3'],
         'empty text: shown against the text, nothing changed', r.status)

    # ---- who may ----
    r = young.get(item)
    t.ok(r.status == 200 and 'Change this evidence' not in r.text,
         'a young inspector sees the inspector\'s evidence without an edit form', r.status)
    ytok = csrf_of(young.get('/inspections/1/evidence').text)
    r = post_multi(young, item, [('csrf', ytok), ('source', 'interview'),
                                 ('status', 'uncertainty'), ('text', 'Mine now')])
    t.ok(r.status == 403 and show(fx.db, n).get('text') == 'Staff know the escalation route',
         'nor change it: 403, nothing changed', r.status)
    r = panel.get(item)
    t.ok(r.status == 200 and 'Change this evidence' not in r.text,
         'the panel sees the item without an edit form', r.status)
    ptok = csrf_of(panel.get('/inspections/1/evidence').text)
    r = post_multi(panel, item, [('csrf', ptok), ('source', 'interview'),
                                 ('status', 'uncertainty'), ('text', 'Panel text')])
    t.ok(r.status == 403, 'the panel may not change evidence', r.status)
    r = insp.get('/inspections/1/evidence/999999')
    t.ok(r.status == 404, 'an item that does not exist: 404', r.status)
finally:
    srv.stop()
    fx.cleanup()
sys.exit(t.done())
