// School holidays on the stage page (issue 17: the page takes them as the
// CLI's --holidays and the API's ?holidays= do), against the real server in
// Debian's chromium through playwright-core:
// - Holidays written as people write them ("9 February 2026 to 13 February
//   2026", "6/4/2026 to 17/4/2026") move the week plan exactly as
//   GET /api/v1/inspections/1/timeline?holidays= moves it for the same
//   holidays: every stage's week and date, and the holiday weeks counted;
//   the API's own text typed into the page gives the same plan.
// - A date that is not one is refused (400) in the error summary and at the
//   input, naming it, and the plan is shown without holidays.
// Every page state: axe 0 violations, valid HTML (html-validate), no console
// error, no sideways scroll at 390 px.  Prints TAP.

'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const {
  CHROMIUM, chromium, ok, cairn, startServer, finish, htmlValidator, signIn, checkPage, submit,
  beside,
} = require('./browserlib.js');

const WIDTH = 390;
const API_HOLIDAYS = '2026-02-09..2026-02-13,2026-04-06..2026-04-17';
const WRITTEN = '9 February 2026 to 13 February 2026\n6/4/2026 to 17/4/2026';

// The plan's rows as the page shows them: [stage title, due (ISO or ''), status].
async function planRows(page) {
  return page.evaluate(() => {
    const cap = [...document.querySelectorAll('caption')]
      .find((c) => c.textContent.includes('The stages on the week plan'));
    if (!cap) return null;
    return [...cap.closest('table').querySelectorAll('tbody tr')].map((tr) => {
      const c = [...tr.children];
      const t = c[1] ? c[1].querySelector('time') : null;
      return [c[0].textContent.trim(), t ? t.getAttribute('datetime') : '',
        c[3] ? c[3].textContent.trim() : ''];
    });
  });
}

// The API's plan for holidays (a query value, or null), as planRows gives it.
async function apiPlan(base, token, holidays) {
  const q = holidays === null ? '' : `?holidays=${encodeURIComponent(holidays)}`;
  const r = await fetch(`${base}/api/v1/inspections/1/timeline${q}`,
    { headers: { Authorization: `Bearer ${token}` } });
  const j = await r.json();
  return { status: r.status, json: j };
}

const LABEL = {
  done: 'Done', current: 'Current stage', due: 'Due', overdue: 'Overdue', 'not planned': 'Not planned',
};

// The first row where a and b differ, for the diagnostics.
function firstDiff(a, b) {
  const n = Math.max((a || []).length, (b || []).length);
  for (let i = 0; i < n; i++) {
    if (JSON.stringify((a || [])[i]) !== JSON.stringify((b || [])[i])) {
      return { row: i, page: (a || [])[i], api: (b || [])[i] };
    }
  }
  return null;
}

function asRows(j) {
  return j.stages.map((s) => [s.title, s.due || '', LABEL[s.status]]);
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-holidays.'));
  const db = path.join(dir, 'cairn.db');
  const hv = htmlValidator();
  cairn(db, ['demo', '--out', path.join(dir, 'out')]);
  cairn(db, ['user', 'add', 'lena', '--name', 'Lena Lead'], 'correct horse battery\n');
  cairn(db, ['team', 'add', '1', 'lena', '--role', 'lead']);
  const token = cairn(db, ['user', 'token', 'lena']).trim().split(/\s+/).pop();
  const srv = await startServer(db);
  const base = srv.base;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const lena = await signIn(browser, base, 'lena', WIDTH);
    let resp = await lena.goto(`${base}/inspections/1/stage`);
    const before = await planRows(lena);
    const plain = await apiPlan(base, token, null);
    ok(resp.status() === 200 && before && before.length > 0 &&
       JSON.stringify(before) === JSON.stringify(asRows(plain.json)),
    'without holidays the stage page shows the plan the API gives',
    firstDiff(before, plain.json.stages ? asRows(plain.json) : null));
    ok(await lena.$('textarea#holidays') !== null, 'the stage page has the holidays input');
    await checkPage(lena, 'the stage page', hv, WIDTH);

    // Holidays as people write them.
    await lena.fill('#holidays', WRITTEN);
    resp = await submit(lena, 'Show the plan without the holidays');
    const written = await planRows(lena);
    const want = await apiPlan(base, token, API_HOLIDAYS);
    ok(resp.status() === 200 && want.status === 200 && want.json.holiday_weeks > 0,
      'the API counts holiday weeks for the same holidays', [resp.status(), want.json]);
    ok(JSON.stringify(written) === JSON.stringify(asRows(want.json)),
      'the page moves every stage exactly as the API does for the same holidays',
      firstDiff(written, asRows(want.json)));
    ok(JSON.stringify(written) !== JSON.stringify(before),
      'and the holidays did move the plan', written);
    const line = await lena.textContent('#holiday-weeks').catch(() => '');
    ok(line.includes(`${want.json.holiday_weeks} holiday week`),
      'the page says how many holiday weeks are not counted, as the API', line);
    ok((await lena.inputValue('#holidays')) === WRITTEN, 'the input keeps what was written');
    await checkPage(lena, 'the stage page with holidays', hv, WIDTH);

    // The API's own text in the page.
    await lena.fill('#holidays', API_HOLIDAYS);
    resp = await submit(lena, 'Show the plan without the holidays');
    ok(resp.status() === 200 &&
       JSON.stringify(await planRows(lena)) === JSON.stringify(asRows(want.json)),
    'the API\'s ?holidays= text typed into the page gives the same plan', resp.status());

    // A date that is not one.
    await lena.fill('#holidays', '9 February 2026 to 13 February 2026\n31 February 2026');
    resp = await submit(lena, 'Show the plan without the holidays');
    const s = await lena.evaluate(() => {
      const e = document.querySelector('.ds_error-summary');
      return e ? [...e.querySelectorAll('li a')].map((a) => [a.getAttribute('href'),
        a.textContent.replace(/\s+/g, ' ').trim()]) : [];
    });
    const msg = await beside(lena, 'holidays');
    ok(resp.status() === 400 && s.length === 1 && s[0][0] === '#holidays' &&
       s[0][1].includes('\'31 February 2026\' is not a date') &&
       msg.includes('\'31 February 2026\' is not a date'),
    'a bad date: 400, named in the summary and at the input', [resp.status(), s, msg]);
    ok(JSON.stringify(await planRows(lena)) === JSON.stringify(before),
      'and the plan is shown without holidays', null);
    await checkPage(lena, 'the stage page with a bad holiday', hv, WIDTH);
    await lena.fill('#holidays', '23 October 2026 to 12 October 2026');
    resp = await submit(lena, 'Show the plan without the holidays');
    ok(resp.status() === 400 && (await beside(lena, 'holidays')).includes('ends before it starts'),
      'a holiday that ends before it starts is refused at the input', resp.status());
  } finally {
    await browser.close();
    srv.proc.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
  finish();
}

main().catch((e) => {
  ok(false, 'the stage holidays test ran to the end', e.stack || String(e));
  finish(true);
});
