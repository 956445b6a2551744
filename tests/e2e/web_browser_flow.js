// Browser test of the whole records-reading flow (issue #6), in Debian's
// chromium through playwright-core, every page checked with axe-core for
// WCAG 2.2 A/AA violations: a lead (who is also an administrator) creates
// an inspection, builds the team, uploads a population (a bad file first),
// draws a sample, adds readers and assigns records; a local reader reads
// and submits a record; a second reader double-reads it; the lead resolves
// the discrepancy, records evidence with a file, sees the evaluation and
// grades, and downloads the report.  The same flow runs once with
// JavaScript on and once in a context with JavaScript disabled.  Prints TAP.
//
// Environment: CAIRN (the binary), SRCDIR (with node_modules from npm ci),
// CHROMIUM (default /usr/bin/chromium).
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const {
  CHROMIUM, PASSWORD, chromium, ok, cairn, startServer, axe, finish,
} = require('./browserlib.js');

// axe needs script; a page of a context with JavaScript disabled is
// checked by writing its markup into a page of a context with script on
// that is at the same origin, so that its stylesheets load.
let axeCtx = null;
async function checkPage(page, what, always) {
  let v;
  // The pages are the same markup either way: with JavaScript off only the
  // pages that differ (errors) are checked again, to keep the run short.
  if (page._noJs && !always) return;
  if (!page._noJs) {
    v = await axe(page);
  } else {
    const html = await page.content();
    const twin = await axeCtx.newPage();
    await twin.goto(new URL('/signin', page.url()).href);
    await twin.setContent(html, { waitUntil: 'load' });
    v = await axe(twin);
    await twin.close();
  }
  ok(v.length === 0, `axe: no WCAG 2.2 A/AA violations on ${what}`, v);
}

async function submit(page, button) {
  await Promise.all([page.waitForNavigation(), page.click(`button:has-text("${button}")`)]);
}

async function signIn(page, base, user) {
  await page.goto(`${base}/signin`);
  await page.fill('#username', user);
  await page.fill('#password', PASSWORD);
  await submit(page, 'Sign in');
}

function population(nrows) {
  const rows = ['ref,area,age_band'];
  for (let i = 1; i <= nrows; i++) {
    rows.push(`C${String(i).padStart(3, '0')},${i % 2 ? 'north' : 'south'},${i % 3 ? '0-4' : '5-11'}`);
  }
  return Buffer.from(`${rows.join('\n')}\n`);
}

// Answers every radio group of the reading form that is not per agency:
// the first option, or the last for the group named last.
async function answerAll(page, last) {
  const groups = await page.$$eval('input[type=radio]', (els) => {
    const g = {};
    for (const e of els) (g[e.name] = g[e.name] || []).push(e.id);
    return g;
  });
  for (const [name, ids] of Object.entries(groups)) {
    if (name.includes('@')) continue;
    const id = name === last ? ids[ids.length - 1] : ids[0];
    await page.click(`label[for="${id}"]`);
  }
}

// Clicks the label of the radio button name=value (inside scope).
async function pick(page, name, value, scope = 'main') {
  const id = await page.getAttribute(`${scope} input[type=radio][name="${name}"][value="${value}"]`, 'id');
  await page.click(`label[for="${id}"]`);
}

async function flow(browser, base, db, js, tag) {
  const opts = js ? {} : { javaScriptEnabled: false };
  const how = js ? 'with JavaScript' : 'without JavaScript';
  const newPage = async (user) => {
    const c = await browser.newContext(opts);
    const p = await c.newPage();
    p._noJs = !js;
    p.setDefaultTimeout(20000);
    await signIn(p, base, user);
    return p;
  };
  const lead = await newPage('lena');
  // 1. create the inspection
  await Promise.all([lead.waitForNavigation(), lead.click('a[href="/new-inspection"]')]);
  await checkPage(lead, `the create-inspection form (${how})`, true);
  await lead.fill('#partnership', `Glenbrae ${tag}`);
  await lead.selectOption('#framework', 'cyp-2014');
  await submit(lead, 'Create inspection');
  const m = lead.url().match(/\/inspections\/([0-9]+)$/);
  ok(m, `the lead created an inspection (${how})`, lead.url());
  const id = m ? m[1] : '0';
  const insp = `${base}/inspections/${id}`;
  await checkPage(lead, `the new inspection's overview (${how})`);
  // 2. the team
  await lead.goto(`${insp}/team`);
  for (const [u, role] of [['ian', 'inspector'], ['rory', 'local-reader'], ['rhona', 'local-reader']]) {
    await lead.selectOption('#person', u);
    await lead.selectOption('#role', role);
    await submit(lead, 'Add to the team');
  }
  ok((await lead.textContent('main')).includes('rhona'), `team built (${how})`);
  await checkPage(lead, `the team page (${how})`);
  // 3. the population: a bad file first
  await lead.goto(`${insp}/population`);
  await lead.setInputFiles('#file', { name: 'bad.csv', mimeType: 'text/csv',
    buffer: Buffer.from('ref,area,name\nC001,north,Amy\nC001,south,Bob\n') });
  await submit(lead, 'Upload population');
  ok(await lead.isVisible('.ds_error-summary'), `a bad file shows the error summary (${how})`);
  ok(await lead.isVisible('.ds_error-summary a[href="#problem-1"]'),
    `the summary links to the first problem (${how})`);
  await checkPage(lead, `the population page with problems (${how})`, true);
  await lead.setInputFiles('#file', { name: 'population.csv', mimeType: 'text/csv', buffer: population(40) });
  await submit(lead, 'Upload population');
  ok((await lead.textContent('main')).includes('Population imported'), `population imported (${how})`);
  await checkPage(lead, `the population page (${how})`);
  // 4. draw the sample
  await lead.goto(`${insp}/sample`);
  await Promise.all([lead.waitForNavigation(), lead.click('a:has-text("Draw the sample")')]);
  await checkPage(lead, `the draw form (${how})`);
  await lead.fill('#size', '10');
  await lead.fill('#strata', 'area');
  await lead.fill('#seed', '20261001');
  await lead.fill('#double-read', '20');
  await submit(lead, 'Draw the sample');
  ok((await lead.textContent('main')).includes('Sample drawn'), `sample drawn (${how})`);
  await checkPage(lead, `the sample page (${how})`);
  // 5. readers
  await lead.goto(`${insp}/readers`);
  for (const [u, kind] of [['ian', 'inspector'], ['lena', 'inspector'], ['rory', 'local'], ['rhona', 'local']]) {
    await lead.selectOption('#name', u);
    await pick(lead, 'kind', kind);
    await submit(lead, 'Add reader');
  }
  await submit(lead, 'Pair readers and assign records');
  ok((await lead.textContent('main')).includes('Which pair reads each record'), `records assigned (${how})`);
  await checkPage(lead, `the readers page (${how})`);
  // Which readers read the double-read record, from the command line.
  const sample = JSON.parse(cairn(db, ['sample', 'list', id, '--json']));
  const dref = sample.members.find((x) => x.status === 'selected' && x.double_read).ref;
  const plan = JSON.parse(cairn(db, ['reader', 'list', id, '--json']));
  const pairOf = (round) => plan.assignments.find((a) => a.ref === dref && a.round === round).pair;
  const localOf = (pair) => plan.pairs.find((p) => p.pair === pair).local;
  const firstReader = localOf(pairOf(1));
  const secondReader = localOf(pairOf(2));
  ok(firstReader !== secondReader, `the double-read record goes to two readers (${how})`, [firstReader, secondReader]);
  // 6. the first reader reads and submits
  const r1 = await newPage(firstReader);
  await r1.goto(`${insp}/reading`);
  await checkPage(r1, `my records to read (${how})`);
  await Promise.all([r1.waitForNavigation(), r1.click(`a[href$="/reading/${dref}"]`)]);
  await checkPage(r1, `the reading form (${how})`);
  await answerAll(r1, null);
  await submit(r1, 'Save draft');
  ok((await r1.textContent('main')).includes('Draft saved'), `draft saved (${how})`);
  await submit(r1, 'Submit reading');
  ok((await r1.textContent('main')).includes('Reading submitted'), `the first reading is submitted (${how})`);
  // 7. the second reader, with one different answer
  const r2 = await newPage(secondReader);
  await r2.goto(`${insp}/reading/${dref}`);
  await answerAll(r2, 'a.risk-assessment');
  await submit(r2, 'Submit reading');
  ok((await r2.textContent('main')).includes('Reading submitted'), `the second reading is submitted (${how})`);
  // 8. the lead resolves the discrepancy
  await lead.goto(`${insp}/compare`);
  await checkPage(lead, `the paired readings list (${how})`);
  await Promise.all([lead.waitForNavigation(), lead.click(`a[href$="/compare/${dref}"]`)]);
  ok((await lead.textContent('main')).includes('1 difference'), `the comparison shows the difference (${how})`);
  await checkPage(lead, `the side-by-side comparison (${how})`);
  await pick(lead, 'answer', '4', 'form:has(input[name="item"][value="risk-assessment"])');
  await lead.fill('#note-risk-assessment', 'Agreed after discussing the chronology');
  await submit(lead, 'Record the agreed answer');
  ok((await lead.textContent('main')).includes('Agreed answer recorded'), `discrepancy resolved (${how})`);
  // 9. evidence with a file
  await lead.goto(`${insp}/evidence`);
  await lead.selectOption('#source', 'records-reading');
  await lead.fill('#text', 'Risk assessments were of good quality in most records read');
  await lead.fill('#qis', '2.1');
  await lead.selectOption('#status', 'strength');
  await lead.setInputFiles('#file', { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('reading notes\n') });
  await submit(lead, 'Add evidence');
  ok(lead.url().includes('added='), `evidence recorded with a file (${how})`, lead.url());
  await checkPage(lead, `the evidence log (${how})`);
  // 10. evaluation and grade
  await lead.goto(`${insp}/grade/2.1`);
  const main = await lead.textContent('main');
  ok(main.includes('Evidence for this indicator') && main.includes('Records reading'),
    `the grade page shows the evaluation (${how})`);
  await checkPage(lead, `the grade page with the evaluation (${how})`);
  await pick(lead, 'grade', '4');
  await submit(lead, 'Save grade');
  ok(lead.url().includes('graded=2.1'), `graded (${how})`, lead.url());
  // 11. the report
  await lead.goto(`${insp}/report`);
  await checkPage(lead, `the report page (${how})`);
  const href = await lead.getAttribute('a[href*="/report/report-"][href$=".html"]', 'href');
  const res = await lead.context().request.get(`${base}${href}`);
  ok(res.status() === 200 && (await res.text()).includes('Glenbrae'), `the report downloads (${how})`, [href, res.status()]);
  for (const p of [lead, r1, r2]) await p.context().close();
  return id;
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-flow.'));
  const db = path.join(dir, 'cairn.db');
  cairn(db, ['init']);
  cairn(db, ['user', 'add', 'lena', '--name', 'Lena Lead', '--admin'], `${PASSWORD}\n`);
  for (const [u, name] of [['ian', 'Ian Inspector'], ['rory', 'Rory Reader'], ['rhona', 'Rhona Reader']]) {
    cairn(db, ['user', 'add', u, '--name', name], `${PASSWORD}\n`);
  }
  const srv = await startServer(db);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    axeCtx = await browser.newContext();
    const a = await flow(browser, srv.base, db, true, 'A');
    const b = await flow(browser, srv.base, db, false, 'B');
    for (const id of [a, b]) {
      const out = JSON.parse(cairn(db, ['reading', 'compare', id, '--json']));
      ok(out.items.some((i) => i.resolved === '4'), `inspection ${id}: the resolution is stored`, out);
    }
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
