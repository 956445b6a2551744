// Browser tests of the web application: Debian's chromium driven by
// playwright-core (no browser download), every page checked with axe-core
// for WCAG 2.2 A/AA violations, the main flow with JavaScript on and off,
// and no Content-Security-Policy violation anywhere.  Prints TAP.
//
// Environment: CAIRN (the binary), SRCDIR (the source tree, with
// node_modules from npm ci), CHROMIUM (default /usr/bin/chromium).
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const {
  CHROMIUM, PASSWORD, chromium, ok, cairn, startServer, axe, finish,
} = require('./browserlib.js');

async function checkPage(page, what) {
  const v = await axe(page);
  ok(v.length === 0, `axe: no WCAG 2.2 A/AA violations on ${what}`, v);
}

async function signIn(page, base, user) {
  await page.goto(`${base}/`);
  await page.fill('#username', user);
  await page.fill('#password', PASSWORD);
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Sign in")')]);
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-browser.'));
  const db = path.join(dir, 'cairn.db');
  cairn(db, ['demo', '--out', path.join(dir, 'out')]);
  for (const [user, name, role] of [['lead', 'Lena Lead', 'lead'], ['inspector', 'Ian Inspector', 'inspector'],
    ['reader', 'Rory Reader', 'local-reader'], ['young', 'Yasmin Young', 'young-inspector']]) {
    cairn(db, ['user', 'add', user, '--name', name], `${PASSWORD}\n`);
    cairn(db, ['team', 'add', '1', user, '--role', role]);
  }
  cairn(db, ['user', 'add', 'admin', '--name', 'Ada Admin', '--admin'], `${PASSWORD}\n`);
  const srv = await startServer(db);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const cspErrors = [];
  const watch = (page) => page.on('console', (m) => {
    if (/Content Security Policy|Refused to/.test(m.text())) cspErrors.push(m.text());
  });
  try {
    // ---- with JavaScript: the lead grades, with a validation error first ----
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    watch(page);
    await page.goto(`${srv.base}/`);
    ok(page.url().endsWith('/signin'), 'signed-out visit lands on the sign-in page', page.url());
    await checkPage(page, 'the sign-in page');
    const cssLoaded = await page.evaluate(() => getComputedStyle(document.querySelector('.ds_button')).backgroundColor);
    ok(cssLoaded && cssLoaded !== 'rgba(0, 0, 0, 0)', 'the design system stylesheet is applied', cssLoaded);
    await page.fill('#username', 'lead');
    await page.fill('#password', 'wrong password here');
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Sign in")')]);
    ok(await page.isVisible('.ds_error-summary'), 'a wrong password shows the error summary');
    await checkPage(page, 'the sign-in page with an error');
    await signIn(page, srv.base, 'lead');
    ok(page.url() === `${srv.base}/`, 'the lead reaches the home page', page.url());
    ok((await page.textContent('main')).includes('Glenmoor'), 'home lists the demo inspection');
    await checkPage(page, 'the home page');
    await Promise.all([page.waitForNavigation(), page.click('main a[href="/inspections/1"]')]);
    ok((await page.textContent('h1')).includes('Glenmoor'), 'the overview opens');
    await checkPage(page, 'the inspection overview');
    await Promise.all([page.waitForNavigation(), page.click('a[href="/inspections/1/grade/2.1"]')]);
    await checkPage(page, 'the grade form');
    // 4.1 is not graded in the demo: saving without a choice must fail.
    await page.goto(`${srv.base}/inspections/1/grade/4.1`);
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Save grade")')]);
    ok(await page.isVisible('.ds_error-summary'), 'saving without a grade shows the error summary');
    ok((await page.textContent('.ds_question__error-message')).includes('Choose a grade'),
      'the field shows its own error');
    await checkPage(page, 'the grade form with an error');
    await page.click('.ds_error-summary a[href="#grade"]');
    ok(await page.evaluate(() => document.activeElement && document.activeElement.id === 'grade' ||
      location.hash === '#grade'), 'the error summary link goes to the field');
    await page.click('label[for="grade-2"]');
    await page.fill('#rationale', 'Browser test rationale');
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Save grade")')]);
    ok((await page.textContent('.ds_notification')).includes('4.1 graded'), 'saved: confirmation banner');
    await checkPage(page, 'the overview after grading');
    await ctx.close();

    // ---- without JavaScript: an inspector grades ----
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const p2 = await noJs.newPage();
    watch(p2);
    await signIn(p2, srv.base, 'inspector');
    ok(p2.url() === `${srv.base}/`, 'sign-in works with JavaScript off', p2.url());
    await p2.goto(`${srv.base}/inspections/1/grade/4.2`);
    await p2.click('label[for="grade"]');
    await Promise.all([p2.waitForNavigation(), p2.click('button:has-text("Save grade")')]);
    ok(p2.url().endsWith('/inspections/1?graded=4.2'), 'grading works with JavaScript off', p2.url());
    await Promise.all([p2.waitForNavigation(), p2.click('button:has-text("Sign out")')]);
    ok(p2.url().endsWith('/signin'), 'sign-out works with JavaScript off', p2.url());
    await noJs.close();

    // ---- other roles' pages ----
    for (const [user, url, what] of [['reader', '/inspections/1', 'the overview as a local reader'],
      ['young', '/inspections/1', 'the overview as a young inspector'],
      ['admin', '/accounts', 'the accounts page'], ['admin', '/audit', 'the audit log page'],
      ['admin', '/', "the administrator's home with every inspection"],
      ['admin', '/inspections/1/team', 'the team page as an administrator on no team'],
      ['admin', '/inspections/1/audit', "an inspection's audit log as an administrator"],
      ['young', '/inspections/1/grade/2.1', 'the refusal page'],
      ['young', '/inspections/1/evidence', 'the evidence log'],
      ['lead', '/inspections/1/panel', 'the panel review page'],
      ['lead', '/inspections/1/publish', 'the preview and publish page'],
      ['lead', '/inspections/1/preview', 'the report preview'],
      ['lead', '/overview', 'the national overview'],
      ['lead', '/inspections/1/plan', 'the joint action plan'],
      ['lead', '/inspections/1/followup', 'the follow-up page'],
      ['lead', '/inspections/1/release', 'the news release page (draft)'],
      ['lead', '/inspections/1/surveys', 'the surveys list'],
      ['lead', '/inspections/1/outcomes', 'the outcomes page'],
      ['lead', '/inspections/1/report', 'the report downloads page']]) {
      const c = await browser.newContext();
      const p = await c.newPage();
      watch(p);
      await signIn(p, srv.base, user);
      await p.goto(`${srv.base}${url}`);
      await checkPage(p, what);
      await c.close();
    }
    ok(cspErrors.length === 0, 'no Content-Security-Policy violation on any page', cspErrors);
    const grades = JSON.parse(cairn(db, ['inspection', 'show', '1', '--json']));
    const g = Object.fromEntries((grades.evaluations || []).map((e) => [e.qi, e.grade]));
    ok(g['4.1'] === 4 && g['4.2'] === 6, 'the grades given in the browser are stored', g);
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
