// The audit page's "Check the chain" in a real browser (issue 17): Debian's
// chromium through playwright-core, at a phone's width (390 px); the page
// needs no JavaScript (plain GET forms).  The check runs a step at a time (10 entries here,
// CAIRN_AUDIT_STEP): the administrator starts a full check, sees "Checked 10
// of N entries", continues with the button until the chain is intact, then
// finds an entry tampered with sqlite3 by its number.  Every page state is
// checked with axe-core (0 violations), html-validate (the server's markup,
// .htmlvalidate.json), for console errors and for sideways scrolling.
// Prints TAP.
'use strict';

const { execFileSync } = require('child_process');
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
const STEP = 10;

// Checks the page state now shown (resp: its response) as `what`.
async function check(page, resp, errors, hv, what) {
  const v = await axe(page);
  ok(v.length === 0, `axe: no WCAG 2.2 A/AA violation on ${what}`, v);
  const errs = errors.splice(0);
  ok(errs.length === 0, `no console error on ${what}`, errs);
  const wide = await page.evaluate(() => Math.max(document.documentElement.scrollWidth,
    document.body.scrollWidth));
  ok(wide <= WIDTH, `${what} is no wider than ${WIDTH} px`, wide);
  const report = await hv.validateString(await resp.text(), resp.url());
  const msgs = report.valid ? [] : report.results.flatMap((x) => x.messages);
  ok(report.valid, `valid HTML: ${what}`,
    msgs.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`).join('\n'));
  const text = await page.evaluate(() => document.body.innerText);
  const cmd = text.match(/\bcairn [a-z][a-z-]*|(^|[\s(`'"])--[a-z][a-z-]+/m);
  ok(cmd === null, `${what} names no cairn command or --flag`, cmd && cmd[0]);
  return text;
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-auditchunk.'));
  const db = path.join(dir, 'cairn.db');
  const config = JSON.parse(fs.readFileSync(path.join(SRCDIR, '.htmlvalidate.json'), 'utf8'));
  delete config.root;
  const hv = new HtmlValidate({ ...config, root: true });
  cairn(db, ['demo', '--out', path.join(dir, 'out')]);
  cairn(db, ['user', 'add', 'admin', '--name', 'Ada Admin', '--admin'], `${PASSWORD}\n`);
  process.env.CAIRN_AUDIT_STEP = String(STEP);
  const srv = await startServer(db);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const ctx = await browser.newContext({ viewport: { width: WIDTH, height: 844 } });
    const page = await ctx.newPage();
    const errors = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${srv.base}/signin`);
    await page.fill('#username', 'admin');
    await page.fill('#password', PASSWORD);
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Sign in")')]);
    let resp = await page.goto(`${srv.base}/audit`);
    await check(page, resp, errors, hv, 'the audit page before a check');
    [resp] = await Promise.all([page.waitForNavigation(),
      page.click('button:has-text("Check the whole chain again")')]);
    let text = await check(page, resp, errors, hv, 'the audit page after one step');
    const m = text.match(/Checked ([0-9]+) of ([0-9]+) entries/);
    ok(m !== null && Number(m[1]) === STEP, `one step: "Checked ${STEP} of N entries"`,
      m && m[0]);
    let steps = 1;
    while (!/The chain of [0-9]+ entries is intact/.test(text) && steps < 100) {
      [resp] = await Promise.all([page.waitForNavigation(),
        page.click('button:has-text("Continue checking")')]);
      text = await page.evaluate(() => document.body.innerText);
      steps++;
    }
    const total = JSON.parse(cairn(db, ['audit', 'verify', '--json'])).entries;
    ok(text.includes(`The chain of ${total} entries is intact`) &&
      steps === Math.ceil(total / STEP),
    `continuing step by step ends with the chain of ${total} entries intact`, [steps, total]);
    await check(page, resp, errors, hv, 'the audit page with the chain intact');
    execFileSync('sqlite3', [db, "UPDATE audit SET actor = 'mallory' WHERE id = 4"]);
    [resp] = await Promise.all([page.waitForNavigation(),
      page.click('button:has-text("Check the whole chain again")')]);
    text = await check(page, resp, errors, hv, 'the audit page with a broken chain');
    ok(/broken at entry 4 /.test(text) && !/is intact\./.test(text),
      'a full check finds entry 4 changed, by its number', text.slice(0, 400));
    await ctx.close();
  } finally {
    await browser.close();
    srv.proc.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
  finish();
}

main().catch((e) => {
  ok(false, 'browser test ran to the end', e.stack || String(e));
  finish(true);
});
