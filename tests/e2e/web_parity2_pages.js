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
  SRCDIR, NM, CHROMIUM, PASSWORD, chromium, ok, cairn, skipAll, startServer, axe, finish,
} = require('./browserlib.js');

let HtmlValidate;
try {
  ({ HtmlValidate } = require(require.resolve('html-validate', { paths: [NM] })));
} catch (e) {
  skipAll('html-validate is not installed (npm ci)');
}

const WIDTH = 390;
let hv = null;
let browser = null;
let base = '';
let db = '';

// A page signed in as user at the phone's width, collecting console errors
// and the server's last document.
async function person(user) {
  const ctx = await browser.newContext({ viewport: { width: WIDTH, height: 844 } });
  const page = await ctx.newPage();
  page.setDefaultTimeout(20000);
  page._errors = [];
  page._user = user;
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) {
      page._errors.push(`console: ${m.text()}`);
    }
  });
  page.on('pageerror', (e) => page._errors.push(`exception: ${e.message}`));
  page.on('response', (rs) => {
    const rq = rs.request();
    if (rq.isNavigationRequest() && rq.frame() === page.mainFrame()) page._doc = rs;
  });
  await page.goto(`${base}/signin`);
  await page.fill('#username', user);
  await page.fill('#password', PASSWORD);
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Sign in")')]);
  ok(!page.url().includes('/signin'), `${user} signs in`, page.url());
  return page;
}

// Checks the page now shown: axe, console errors, width, valid HTML.
async function check(page, what) {
  const desc = `${what} (as ${page._user})`;
  const v = await axe(page);
  ok(v.length === 0, `axe: no WCAG 2.2 A/AA violation on ${desc}`, v);
  const errs = page._errors.splice(0);
  ok(errs.length === 0, `no console error on ${desc}`, errs);
  const wide = await page.evaluate(() => Math.max(document.documentElement.scrollWidth,
    document.body.scrollWidth));
  ok(wide <= WIDTH, `${desc} is no wider than ${WIDTH} px`, wide);
  const text = await page.evaluate(() => document.body.innerText);
  const cmd = text.match(/\bcairn [a-z][a-z-]*|(^|[\s(`'"])--[a-z][a-z-]+/m);
  ok(cmd === null, `${desc} names no cairn command or --flag`, cmd && cmd[0]);
  if (page._doc) {
    const html = await page._doc.text().catch(() => '');
    const report = await hv.validateString(html, page._doc.url());
    const msgs = report.valid ? [] : report.results.flatMap((x) => x.messages);
    ok(report.valid, `valid HTML: ${desc}`,
      msgs.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`).join('\n'));
  }
}

async function submit(page, button) {
  const [resp] = await Promise.all([page.waitForNavigation(), page.click(`button:has-text("${button}")`)]);
  return resp;
}

// The text beside input id (its error message), or ''.
async function beside(page, id) {
  return page.evaluate((i) => {
    const e = document.getElementById(`${i}-error`);
    return e ? e.textContent.replace(/\s+/g, ' ').trim() : '';
  }, id);
}

// The error summary's links: [href, text].
async function summary(page) {
  return page.evaluate(() => {
    const s = document.querySelector('.ds_error-summary');
    return s ? [...s.querySelectorAll('li a')].map((a) => [a.getAttribute('href'),
      a.textContent.replace(/\s+/g, ' ').trim()]) : [];
  });
}

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
  const config = JSON.parse(fs.readFileSync(path.join(SRCDIR, '.htmlvalidate.json'), 'utf8'));
  delete config.root;
  hv = new HtmlValidate({ ...config, root: true });
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
