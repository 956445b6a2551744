// What the browser tests (web_browser.js, web_browser_flow.js) share:
// paths from the environment, TAP output, running cairn, starting the real
// server, and axe-core's WCAG 2.x A/AA check.  Exits with a TAP skip when
// the browser or node_modules is missing.
'use strict';

const { execFileSync, spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const SRCDIR = path.resolve(process.env.SRCDIR || '.');
let CAIRN = process.env.CAIRN || path.join(SRCDIR, 'build', 'cairn');
// make check-valgrind sets CAIRN_VALGRIND: cairn runs under valgrind.
if (process.env.CAIRN_VALGRIND && !process.env.CAIRN_BIN) {
  process.env.CAIRN_BIN = CAIRN;
  CAIRN = path.join(SRCDIR, 'tests', 'valgrind', 'cairn.sh');
}
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const NM = path.join(SRCDIR, 'node_modules');
const ASSETS = path.join(NM, '@scottish-government', 'design-system', 'dist');
const PASSWORD = 'correct horse battery';

let n = 0;
let failed = 0;
function ok(cond, desc, diag) {
  n++;
  console.log(`${cond ? 'ok' : 'not ok'} ${n} - ${desc}`);
  if (!cond) {
    failed++;
    if (diag !== undefined) {
      String(typeof diag === 'string' ? diag : JSON.stringify(diag, null, 1))
        .split('\n').slice(0, 30).forEach((l) => console.log(`# ${l}`));
    }
  }
  return cond;
}

function cairn(db, args, input) {
  return execFileSync(CAIRN, ['--db', db, ...args], { input, encoding: 'utf8' });
}

function skipAll(why) {
  console.log(`1..0 # SKIP ${why}`);
  process.exit(0);
}

if (!fs.existsSync(CHROMIUM)) skipAll(`no browser at ${CHROMIUM} (apt-get install chromium)`);
if (!fs.existsSync(path.join(NM, 'playwright-core'))) skipAll('no node_modules (npm ci)');
const { chromium } = require(path.join(NM, 'playwright-core'));
const AXE = fs.readFileSync(path.join(NM, 'axe-core', 'axe.min.js'), 'utf8');

function startServer(db) {
  return new Promise((resolve, reject) => {
    const p = spawn(CAIRN, ['--db', db, 'serve', '--listen', '127.0.0.1:0', '--insecure-cookies',
      '--workers', '2', '--assets', ASSETS], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/([0-9.]+:[0-9]+)/);
      if (m) resolve({ proc: p, base: `http://${m[1]}` });
    });
    p.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
}

async function axe(page) {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((x) => x.html).slice(0, 3) }));
  });
}

// The page-test kit the form tests share (web_setup_pages, web_pick,
// web_parity_pages, web_parity2_pages, web_last_pages): html-validate loaded once, a signed-in page at a
// phone's width, and one check of the page shown.
let HtmlValidate = null;

// Returns an HtmlValidate configured by the project's .htmlvalidate.json
// (skipping the whole test when html-validate is not installed).
function htmlValidator() {
  if (HtmlValidate === null) {
    try {
      ({ HtmlValidate } = require(require.resolve('html-validate', { paths: [NM] })));
    } catch (e) {
      skipAll('html-validate is not installed (npm ci)');
    }
  }
  const config = JSON.parse(fs.readFileSync(path.join(SRCDIR, '.htmlvalidate.json'), 'utf8'));
  delete config.root;
  return new HtmlValidate({ ...config, root: true });
}

// A page of browser signed in at base as user, width px wide, collecting
// console errors (page._errors) and the server's last document (page._doc).
async function signIn(browser, base, user, width) {
  const ctx = await browser.newContext({ viewport: { width, height: 844 } });
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

// Checks the page now shown (what names it): axe, console errors, no wider
// than width, no cairn command or --flag in its text, valid HTML (hv).
async function checkPage(page, what, hv, width) {
  const desc = `${what} (as ${page._user})`;
  const v = await axe(page);
  ok(v.length === 0, `axe: no WCAG 2.2 A/AA violation on ${desc}`, v);
  const errs = page._errors.splice(0);
  ok(errs.length === 0, `no console error on ${desc}`, errs);
  const wide = await page.evaluate(() => Math.max(document.documentElement.scrollWidth,
    document.body.scrollWidth));
  ok(wide <= width, `${desc} is no wider than ${width} px`, wide);
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

// Clicks the button labelled button and returns the navigation's response.
async function submit(page, button) {
  const [resp] = await Promise.all([page.waitForNavigation(),
    page.click(`button:has-text("${button}")`)]);
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

// Prints the plan and exits: 1 if any test failed (or failure is forced).
function finish(forceFail) {
  console.log(`1..${n}`);
  process.exit(forceFail || failed ? 1 : 0);
}

module.exports = { SRCDIR, CAIRN, CHROMIUM, NM, ASSETS, PASSWORD, chromium, ok, cairn, skipAll,
  startServer, axe, finish, htmlValidator, signIn, checkPage, submit, beside, summary };
