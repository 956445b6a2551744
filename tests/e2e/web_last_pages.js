// The check of a news release written elsewhere on its page (issue 17:
// `cairn release check` in the browser), against the real server in Debian's
// chromium through playwright-core:
// - The release page links to the check; pasting a release whose counts do
//   not agree lists each disagreement `cairn release check --json` gives, in
//   the error summary and at the text box (400).
// - The generated release agrees; an empty text is refused at its input.
// Every page state: axe 0 violations, valid HTML (html-validate), no console
// error, no sideways scroll at 390 px.  Prints TAP.

'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const {
  SRCDIR, CHROMIUM, PASSWORD, chromium, ok, cairn, startServer, finish, htmlValidator, signIn,
  checkPage, submit, beside, summary,
} = require('./browserlib.js');

const WIDTH = 390;
let hv = null;
let browser = null;
let base = '';
let db = '';

// The shared kit (browserlib.js) at the phone's width.
const person = (user) => signIn(browser, base, user, WIDTH);
const check = (page, what) => checkPage(page, what, hv, WIDTH);

// The CLI's --json even when it exits 65 (the text disagrees).
function cliCheck(file) {
  try {
    return JSON.parse(cairn(db, ['release', 'check', file, '--inspection', '1', '--json']));
  } catch (e) {
    return JSON.parse(e.stdout);
  }
}

const COUNCIL = 'Across nine quality indicators, inspectors rated 4 as very good, 2 as good,\n' +
  '1 as excellent and 1 as adequate.\n\nParticipation of children was evaluated as excellent.\n';

async function releaseCheck(lena, dir) {
  await lena.goto(`${base}/inspections/1/release`);
  ok(await lena.$('a[href="/inspections/1/release/check"]') !== null,
    'the release page links to the check');
  await lena.click('a[href="/inspections/1/release/check"]');
  await lena.waitForURL(/\/release\/check$/);
  await check(lena, 'the release check form');
  const file = path.join(dir, 'council.txt');
  fs.writeFileSync(file, COUNCIL);
  const want = cliCheck(file);
  await lena.fill('#text', COUNCIL);
  const resp = await submit(lena, 'Check the release');
  const s = await summary(lena);
  ok(resp.status() === 400 && want.disagreements.length > 0 &&
     JSON.stringify(s.map((x) => x[1])) === JSON.stringify(want.disagreements) &&
     (await beside(lena, 'text')) !== '',
  'each disagreement `release check --json` gives, in the summary and at the text',
  [resp.status(), s, want.disagreements]);
  await check(lena, 'the release check with disagreements');
  const gen = cairn(db, ['release', '1']);
  await lena.fill('#text', gen);
  const r2 = await submit(lena, 'Check the release');
  ok(r2.status() === 200 && (await summary(lena)).length === 0 &&
     (await lena.textContent('body')).includes('The text agrees with the grades'),
  'the generated release agrees', r2.status());
  await check(lena, 'the release check that agrees');
  await lena.fill('#text', '');
  await lena.evaluate(() => document.getElementById('text').removeAttribute('required'));
  const r3 = await submit(lena, 'Check the release');
  const s3 = await summary(lena);
  ok(r3.status() === 400 && s3.length === 1 && s3[0][0] === '#text',
    'an empty text: 400, in the summary and at its input', [r3.status(), s3]);
  await check(lena, 'the release check with an empty text');
}

// The area's context page against `cairn context --json`.
async function contextPage(lena) {
  await lena.goto(`${base}/inspections/1/settings`);
  ok(await lena.$('a[href="/inspections/1/context"]') !== null,
    'the report settings link to the area\'s context');
  const resp = await lena.goto(`${base}/inspections/1/context`);
  const want = JSON.parse(cairn(db, ['context', 'South Ayrshire', '--json']));
  const body = await lena.textContent('main');
  ok(resp.status() === 200 && body.includes(`${want.children.aged_0_17}`) &&
     body.includes(want.area.code) &&
     want.care_services.by_service.every((k) => body.includes(k.service)),
  'the context page: the children and the services `context --json` gives', resp.status());
  await check(lena, 'the area\'s context');
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-last.'));
  db = path.join(dir, 'cairn.db');
  hv = htmlValidator();
  cairn(db, ['demo', '--out', path.join(dir, 'out')]);
  cairn(db, ['user', 'add', 'lena', '--name', 'Lena Lead'], `${PASSWORD}\n`);
  cairn(db, ['team', 'add', '1', 'lena', '--role', 'lead']);
  process.env.CAIRN_OPEN_DATA = path.join(SRCDIR, 'data', 'scotland');
  cairn(db, ['publication', 'set', '--inspection', '1', '--area', 'South Ayrshire']);
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
    await releaseCheck(lena, dir);
    await contextPage(lena);
  } finally {
    await browser.close();
    srv.proc.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
  finish();
}

main().catch((e) => {
  ok(false, 'the release check page test ran to the end', e.stack || String(e));
  finish(true);
});
