// The national overview compared with another programme on its page (issue
// 17: `cairn overview --framework A --compare B` in the browser), against the
// real server in Debian's chromium through playwright-core:
// - The overview page offers the programmes to compare with; choosing one
//   shows each indicator beside its counterparts with the sentence and the
//   counts `cairn overview --compare --json` gives.
// - An unknown programme in the address is refused at the form's input (400,
//   in the error summary).
// Every page state: axe 0 violations, valid HTML (html-validate), no console
// error, no sideways scroll at 390 px.  Prints TAP.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const {
  CHROMIUM, PASSWORD, chromium, ok, cairn, startServer, finish, htmlValidator, signIn, checkPage,
  submit, beside, summary,
} = require('./browserlib.js');

const WIDTH = 390;
let hv = null;
let browser = null;
let base = '';
let db = '';

// The shared kit (browserlib.js) at the phone's width.
const person = (user) => signIn(browser, base, user, WIDTH);
const check = (page, what) => checkPage(page, what, hv, WIDTH);

function cli(args) {
  return JSON.parse(cairn(db, [...args, '--json']));
}

async function compare(lena) {
  await lena.goto(`${base}/overview?framework=cyp-2014`);
  ok(await lena.$('#compare') !== null, 'the overview offers a programme to compare with');
  ok(await lena.$('table caption:has-text("cyp-2014 against")') === null,
    'no comparison before one is chosen');
  await check(lena, 'the overview with the compare form');
  await lena.selectOption('#compare', 'care-protection-2018');
  const resp = await submit(lena, 'Compare');
  const want = cli(['overview', '--framework', 'cyp-2014', '--compare', 'care-protection-2018']);
  const rows = await lena.evaluate(() => {
    const cap = [...document.querySelectorAll('table caption')]
      .find((c) => /cyp-2014 against care-protection-2018/.test(c.textContent));
    if (!cap) return [];
    return [...cap.closest('table').querySelectorAll('tbody tr')].map((tr) =>
      [...tr.querySelectorAll('th, td')].map((c) => c.textContent.replace(/\s+/g, ' ').trim()));
  });
  const expect = want.indicators.map((r) => [`${r.qi} ${r.title}`, r.sentence,
    r.comparable ? `${r.first.good_or_better} of ${r.first.n}` : '',
    r.comparable ? `${r.second.good_or_better} of ${r.second.n}` : '']);
  ok(resp.status() === 200 && lena.url().includes('compare=care-protection-2018') &&
     rows.length === expect.length && rows.length > 0 &&
     JSON.stringify(rows) === JSON.stringify(expect),
  'each indicator beside its counterparts, as `overview --compare --json` gives them',
  [resp.status(), rows.slice(0, 2), expect.slice(0, 2)]);
  await check(lena, 'the overview compared with care-protection-2018');
  const r2 = await lena.goto(`${base}/overview?framework=cyp-2014&compare=nosuch`);
  const s = await summary(lena);
  ok(r2.status() === 400 && s.length === 1 && s[0][0] === '#compare' &&
     (await beside(lena, 'compare')) !== '',
  'an unknown programme: 400, in the summary and at its input', [r2.status(), s]);
  await check(lena, 'the overview with an unknown programme');
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-parity2.'));
  db = path.join(dir, 'cairn.db');
  hv = htmlValidator();
  cairn(db, ['demo', '--out', path.join(dir, 'out')]);
  cairn(db, ['user', 'add', 'lena', '--name', 'Lena Lead'], `${PASSWORD}\n`);
  cairn(db, ['team', 'add', '1', 'lena', '--role', 'lead']);
  const srv = await startServer(db);
  base = srv.base;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const lena = await person('lena');
    await compare(lena);
  } finally {
    await browser.close();
    srv.proc.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
  finish();
}

main().catch((e) => {
  ok(false, 'the parity2 pages test ran to the end', e.stack || String(e));
  finish(true);
});
