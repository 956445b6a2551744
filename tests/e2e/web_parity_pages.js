// The pages added for parity with the command line (issue 17), against the
// real server in Debian's chromium through playwright-core:
// - The lead changes the inspection's details (as `cairn inspection update`):
//   a date that is no date and fieldwork that ends before it starts are each
//   refused at their input, listed in the error summary, the typed values
//   kept, nothing changed (`cairn inspection show`); then saved, and the CLI
//   shows the new title, inspectorates and methods.
// - The lead records the number invited to a survey on its page (as `cairn
//   survey invited`): refused at its input when it is no number, then saved;
//   the CLI lists it and the page shows the response rate's base.
// - An inspector is refused the details page (403) and sees no invited form.
// Every page state: axe 0 violations, valid HTML (html-validate), no console
// error, no sideways scroll at 390 px.  Prints TAP.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const {
  SRCDIR, NM, CHROMIUM, PASSWORD, chromium, ok, cairn, skipAll, startServer, axe, finish,
  htmlValidator, signIn, checkPage, submit, beside, summary,
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

async function details(lena, rory) {
  const before = cli(['inspection', 'show', '1']);
  await lena.goto(`${base}/inspections/1/settings`);
  await Promise.all([lena.waitForNavigation(), lena.click('a:has-text("The inspection\'s details")')]);
  ok(lena.url().endsWith('/inspections/1/details'), 'the report settings link to the details page', lena.url());
  ok(await lena.inputValue('#partnership') === before.partnership &&
     await lena.inputValue('#fieldwork-from') === before.fieldwork_from,
  'the form shows the stored partnership and fieldwork dates');
  await check(lena, 'the details page');

  await lena.fill('#title', 'Services for children in Testshire');
  await lena.fill('#notified', '2026-02-30');
  let resp = await submit(lena, 'Save the details');
  const s = await summary(lena);
  ok(resp.status() === 400 && s.length === 1 && s[0][0] === '#notified' &&
     /notification date/.test(await beside(lena, 'notified')),
  'a date that is no date: 400, in the summary, beside its input', [resp.status(), s]);
  ok(await lena.inputValue('#title') === 'Services for children in Testshire',
    'the typed title is kept');
  ok(JSON.stringify(cli(['inspection', 'show', '1'])) === JSON.stringify(before),
    'nothing changed (cairn inspection show)');
  await check(lena, 'the details page with a refused date');

  await lena.fill('#notified', before.notified);
  await lena.fill('#fieldwork-from', '2026-05-10');
  await lena.fill('#fieldwork-to', '2026-05-01');
  resp = await submit(lena, 'Save the details');
  ok(resp.status() === 400 && (await summary(lena))[0][0] === '#fieldwork-to' &&
     /before it starts/.test(await beside(lena, 'fieldwork-to')),
  'fieldwork ending before it starts: refused at the last day', await summary(lena));
  ok(cli(['inspection', 'show', '1']).fieldwork_from === before.fieldwork_from, 'nothing changed');

  await lena.fill('#fieldwork-from', '2026-05-04');
  await lena.fill('#fieldwork-to', '2026-05-15');
  await lena.fill('#agencies', 'Care Inspectorate, Education Scotland');
  await lena.fill('#methods', 'read 60 records\nmet 20 staff');
  resp = await submit(lena, 'Save the details');
  const now = cli(['inspection', 'show', '1']);
  ok(resp.status() === 200 && lena.url().includes('saved=1') &&
     now.title === 'Services for children in Testshire' &&
     now.fieldwork_from === '2026-05-04' && now.fieldwork_to === '2026-05-15' &&
     JSON.stringify(now.agencies) === '["Care Inspectorate","Education Scotland"]' &&
     JSON.stringify(now.methods) === '["read 60 records","met 20 staff"]',
  'saved: cairn inspection show has the title, fieldwork, inspectorates and methods', now);
  const audit = cli(['audit', 'list']).filter((a) => a.action === 'inspection.update');
  ok(audit.length === 1, 'one audit entry for the change', audit);
  await check(lena, 'the details page, saved');

  resp = await rory.goto(`${base}/inspections/1/details`);
  ok(resp.status() === 403, 'an inspector is refused the details page (403)', resp.status());
}

async function invited(lena, rory) {
  await lena.goto(`${base}/inspections/1/surveys/staff`);
  ok(await lena.inputValue('#invited') === '', 'the survey page offers the number invited, empty');
  await check(lena, 'the survey page with the number invited');
  await lena.fill('#invited', 'forty');
  let resp = await submit(lena, 'Save the number invited');
  ok(resp.status() === 400 && (await summary(lena))[0][0] === '#invited' &&
     (await beside(lena, 'invited')) !== '' && await lena.inputValue('#invited') === 'forty',
  'no number: 400, at its input and in the summary, the typed value kept', await summary(lena));
  const list = () => cli(['survey', 'list', '1']).find((s) => s.name === 'staff');
  ok(list().invited === null, 'nothing stored (cairn survey list)', list());
  await check(lena, 'the survey page with a refused number');
  await lena.fill('#invited', '40');
  resp = await submit(lena, 'Save the number invited');
  ok(resp.status() === 200 && list().invited === 40 &&
     await lena.inputValue('#invited') === '40',
  'saved: cairn survey list shows 40 invited, the form shows it', list());
  await check(lena, 'the survey page, number saved');
  await rory.goto(`${base}/inspections/1/surveys/staff`);
  ok(await rory.$('#invited') !== null, 'an inspector (may import surveys) has the form too');
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-parity.'));
  db = path.join(dir, 'cairn.db');
  hv = htmlValidator();
  cairn(db, ['init']);
  for (const [u, name] of [['lena', 'Lena Lead'], ['rory', 'Rory Inspector']]) {
    cairn(db, ['user', 'add', u, '--name', name], `${PASSWORD}\n`);
  }
  cairn(db, ['inspection', 'create', '--partnership', 'Testshire', '--framework', 'cyp-2014',
    '--notified', '2026-01-12', '--fieldwork', '2026-03-02..2026-04-24']);
  cairn(db, ['team', 'add', '1', 'lena', '--role', 'lead']);
  cairn(db, ['team', 'add', '1', 'rory', '--role', 'inspector']);
  cairn(db, ['survey', 'create', '1', '--name', 'staff', '--kind', 'staff', '--scale', 'agree5']);
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
    const rory = await person('rory');
    await details(lena, rory);
    await invited(lena, rory);
  } finally {
    await browser.close();
    srv.proc.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
  finish();
}

main().catch((e) => {
  ok(false, 'the parity pages test ran to the end', e.stack || String(e));
  finish(true);
});
