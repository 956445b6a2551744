"""End-to-end tests of the evidence log's pages (/inspections/ID/evidence):
50 items a page, newest first, the count, the pagination links keeping the
filters, no such page -> 404, hostile text and filters shown escaped, and a
new item shown at once on page 1.  The expected numbers come from how this
test made the items (and are cross-checked against `cairn evidence list
--json`), never from the page itself.  Prints TAP."""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webtest import Client, Fixture, Server, Tap, cairn, csrf_of  # noqa: E402

N = 120        # items made
PER = 50       # items a page (EVIDENCE_PAGE_SIZE)
HOSTILE = 10   # the item whose text is hostile (on the last page)
HOSTILE_TEXT = '<script>alert(1)</script> & "quoted" \'single\''


def spec(k):
    """Source, indicator, status and text of item k (1..N)."""
    source = 'interview' if k % 30 == 0 else 'document'
    qi = '2.1' if k % 2 == 0 else '5.1'
    status = 'strength' if k % 4 == 0 else 'no-concern'
    text = HOSTILE_TEXT if k == HOSTILE else f'paging item {k}'
    return source, qi, status, text


def numbers(html):
    """The item numbers in the table's rows, in order."""
    return [int(n) for n in re.findall(r'<th scope="row"[^>]*>(?:<a [^>]*>)?(\d+)(?:</a>)?</th>', html)]


def pagination(html):
    """The pagination navigation's markup, or ''."""
    m = re.search(r'<nav class="ds_pagination".*?</nav>', html, re.S)
    return m.group(0) if m else ''


t = Tap()
fx = Fixture()
srv = None
try:
    for k in range(1, N + 1):
        source, qi, status, text = spec(k)
        rc, out, err = cairn(fx.db, 'evidence', 'add', '1', '--source', source, '--text', text,
                             '--qi', qi, '--status', status)
        if rc != 0:
            raise RuntimeError(err)
    rc, out, err = cairn(fx.db, 'evidence', 'list', '1', '--json')
    stored = json.loads(out)
    t.ok(rc == 0 and len(stored) == N, f'{N} items in the log (cairn evidence list)', len(stored))

    srv = Server(fx.db)
    lead = Client(srv)
    lead.sign_in('lead')
    base = '/inspections/1/evidence'

    # ---- the pages of the whole log ----
    r = lead.get(base)
    t.ok(r.status == 200 and numbers(r.text) == list(range(N, N - PER, -1)),
         'page 1: the 50 newest items, newest first', numbers(r.text)[:5])
    t.ok(f'Showing items 1 to {PER} of {N}, newest first.' in r.text, 'page 1 shows the count')
    nav = pagination(r.text)
    t.ok('aria-label="Page 1" aria-current="page"' in nav and 'Previous' not in nav and
         f'href="{base}?page=2" rel="next"' in nav and f'href="{base}?page=3"' in nav,
         'page 1: current page marked, Next to page 2, no Previous', nav[:600])
    r2 = lead.get(base + '?page=1')
    t.ok(numbers(r2.text) == numbers(r.text), '?page=1 is the first page')
    r = lead.get(base + '?page=2')
    t.ok(r.status == 200 and numbers(r.text) == list(range(N - PER, N - 2 * PER, -1)),
         'page 2: items 70 down to 21', numbers(r.text)[:5])
    t.ok(f'Showing items {PER + 1} to {2 * PER} of {N}, newest first.' in r.text,
         'page 2 shows the count')
    nav = pagination(r.text)
    t.ok(f'href="{base}?page=1" rel="prev"' in nav and f'href="{base}?page=3" rel="next"' in nav
         and 'aria-label="Page 2" aria-current="page"' in nav, 'page 2: Previous and Next', nav)
    r = lead.get(base + '?page=3')
    t.ok(r.status == 200 and numbers(r.text) == list(range(N - 2 * PER, 0, -1)),
         'the last page: the 20 oldest items', numbers(r.text))
    t.ok('Showing items 101 to 120 of 120, newest first.' in r.text, 'the last page shows the count')
    nav = pagination(r.text)
    t.ok('Next' not in nav and f'href="{base}?page=2" rel="prev"' in nav,
         'the last page: no Next', nav)
    t.ok(HOSTILE in numbers(r.text) and
         '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot; &#39;single&#39;' in r.text
         and '<script>alert(1)' not in r.text, 'hostile text on the last page is shown escaped')
    for bad in ['4', '0', '-1', 'abc', '2x', '99999999999999999999', '']:
        r = lead.get(base + '?page=' + bad)
        want = 200 if bad == '' else 404
        t.ok(r.status == want, f'?page={bad!r}: {want}', r.status)

    # ---- filters: the count is the filtered one, and links keep them ----
    even = [k for k in range(1, N + 1) if spec(k)[1] == '2.1']
    r = lead.get(base + '?qi=2.1')
    t.ok(numbers(r.text) == sorted(even, reverse=True)[:PER],
         f'qi=2.1: the 50 newest of {len(even)} items for 2.1', numbers(r.text)[:5])
    t.ok(f'of {len(even)}, newest first.' in r.text, f'qi=2.1: the count is {len(even)}')
    t.ok(f'href="{base}?qi=2.1&amp;page=2" rel="next"' in pagination(r.text),
         'qi=2.1: the next link keeps the filter', pagination(r.text)[:400])
    r = lead.get(base + '?qi=2.1&page=2')
    t.ok(numbers(r.text) == sorted(even, reverse=True)[PER:],
         'qi=2.1, page 2: the rest', numbers(r.text))
    t.ok(f'href="{base}?qi=2.1&amp;page=1" rel="prev"' in pagination(r.text),
         'qi=2.1, page 2: the previous link keeps the filter')
    docs = [k for k in even if spec(k)[0] == 'document']
    r = lead.get(base + '?qi=2.1&source=document&page=2')
    t.ok(r.status == 200 and numbers(r.text) == sorted(docs, reverse=True)[PER:],
         f'qi=2.1 and source=document ({len(docs)} items), page 2', numbers(r.text))
    t.ok(f'href="{base}?qi=2.1&amp;source=document&amp;page=1" rel="prev"' in
         pagination(r.text), 'both filters kept, in order, in the links', pagination(r.text))
    strong = [k for k in range(1, N + 1) if spec(k)[0] == 'interview' and spec(k)[2] == 'strength']
    r = lead.get(base + '?source=interview&status=strength')
    t.ok(numbers(r.text) == sorted(strong, reverse=True) and
         f'Showing items 1 to {len(strong)} of {len(strong)}, newest first.' in r.text,
         f'source=interview and status=strength: {len(strong)} items, one page', numbers(r.text))
    t.ok(pagination(r.text) == '', 'one page: no pagination')
    r = lead.get(base + '?source=interview&status=strength&page=2')
    t.ok(r.status == 404, 'a filtered log has no page beyond its last', r.status)
    r = lead.get(base + '?status=concern')
    t.ok(r.status == 200 and 'No evidence matches.' in r.text and pagination(r.text) == '' and
         'Showing items' not in r.text, 'nothing matches: one empty page, no count, no pagination')
    t.ok(lead.get(base + '?status=concern&page=2').status == 404,
         'nothing matches: page 2 is 404')
    r = lead.get(base + '?qi=%3Cscript%3E&page=2')
    t.ok(r.status == 200 and numbers(r.text) == list(range(N - PER, N - 2 * PER, -1)) and
         '<script>' not in r.text and 'qi=%3C' not in r.text,
         'an unknown indicator filter shows everything, escaped and not kept in the links')

    # ---- a new item is first on page 1 at once (the page cache is dropped) ----
    tok = csrf_of(lead.get(base).text)
    r = lead.post(base, {'csrf': tok, 'source': 'document', 'text': 'the newest item',
                         'qis': '2.1', 'status': 'strength'})
    t.ok(r.status == 303, 'evidence added through the form', r.status)
    r = lead.get(base)
    t.ok(numbers(r.text)[:2] == [N + 1, N] and
         f'Showing items 1 to {PER} of {N + 1}, newest first.' in r.text and
         f'href="{base}?page=3"' in pagination(r.text),
         'the new item heads page 1 and the count moved', numbers(r.text)[:3])
    t.ok(numbers(lead.get(base + '?page=3').text) == list(range(N + 1 - 2 * PER, 0, -1)),
         'every item moved down one place')
finally:
    if srv is not None:
        srv.stop()
    fx.cleanup()
sys.exit(t.done())
