// Browser test of records reading and surveys as pages (issue 17: what a
// team member does on the command line they can do in the browser), in
// Debian's chromium through playwright-core, every page checked with
// axe-core (WCAG 2.2 A/AA), html-validate, for console errors and for
// sideways scrolling at 390 px:
//   - readings import: an inspector who reads uploads a file with a bad
//     answer and a row for another reader (each refused with its line and
//     column at the file input, nothing stored), then a good one; the young
//     inspector and the panel are refused the page;
//   - whose records were read: recorded on the reading form (refused when
//     none is ticked), as the command line shows it afterwards;
//   - the results of the readings: as the panel, equal to the command
//     line's summary where shown, small numbers shown as "fewer than 5";
//     refused for the local reader and the co-ordinator;
//   - surveys: the lead creates one (a bad name refused at its input,
//     nothing stored), the inspector imports responses (a bad file refused
//     with line and column, nothing stored), the lead tags a comment to an
//     indicator as a strength (a bad indicator refused at its input); the
//     comments are refused to the local reader and the co-ordinator, shown
//     to the panel without the tag form, and each listing is audited.
// Prints TAP.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const {
  NM, CHROMIUM, PASSWORD, chromium, ok, cairn, skipAll, startServer, axe, finish,
} = require('./browserlib.js');

let HtmlValidate;
try {
  ({ HtmlValidate } = require(require.resolve('html-validate', { paths: [NM] })));
} catch (e) {
  skipAll('html-validate is not installed (npm ci)');
}

const WIDTH = 390;
const ID = '1';
let hv = null;
let base = '';
let browser = null;

async function submit(page, button) {
  await Promise.all([page.waitForNavigation(), page.click(`button:has-text("${button}")`)]);
}

// A page signed in as user at the phone's width, collecting console
// errors and the last document the server sent.
async function person(user) {
  const ctx = await browser.newContext({ viewport: { width: WIDTH, height: 844 } });
  const page = await ctx.newPage();
  page.setDefaultTimeout(20000);
  page._errors = [];
  page._user = user;
  page.on('console', (m) => {
    if (m.type() === 'error') page._errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => page._errors.push(`exception: ${e.message}`));
  page.on('response', async (rs) => {
    const rq = rs.request();
    if (rq.isNavigationRequest() && rq.frame() === page.mainFrame()) page._doc = rs;
  });
  await page.goto(`${base}/signin`);
  await page.fill('#username', user);
  await page.fill('#password', PASSWORD);
  await submit(page, 'Sign in');
  return page;
}

// Checks the page shown: axe, console, width, no command-line text, valid HTML.
async function check(page, what) {
  const desc = `${what} (as ${page._user})`;
  const v = await axe(page);
  ok(v.length === 0, `axe: no violation on ${desc}`, v);
  // A page answered 400 (a refused form) logs the status as a console
  // error in Chromium; that is the page working, not a script error.
  const errs = page._errors.splice(0).filter((e) => !/status of 400/.test(e));
  ok(errs.length === 0, `no console error on ${desc}`, errs);
  const wide = await page.evaluate(() => Math.max(document.documentElement.scrollWidth,
    document.body.scrollWidth));
  ok(wide <= WIDTH, `${desc}: no sideways scroll at ${WIDTH} px`, wide);
  const text = await page.evaluate(() => document.body.innerText);
  const cmd = text.match(/\bcairn [a-z][a-z-]*|(^|[\s(`'"])--[a-z][a-z-]+/m);
  ok(cmd === null, `${desc} names no command or flag`, cmd && cmd[0]);
  if (page._doc) {
    const html = await page._doc.text().catch(() => '');
    const report = await hv.validateString(html, page._doc.url());
    const msgs = report.valid ? [] : report.results.flatMap((x) => x.messages);
    ok(report.valid, `valid HTML: ${desc}`,
      msgs.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`).join('\n'));
  }
}

async function visit(page, url, what) {
  const rs = await page.goto(`${base}${url}`);
  await check(page, what);
  return rs.status();
}

// The status of GET url for the page's person (without following links).
async function status(page, url) {
  const rs = await page.context().request.get(`${base}${url}`, { maxRedirects: 0 });
  return rs.status();
}

// The status of a POST of the form fields (with the page's CSRF token).
async function post(page, url, fields) {
  await page.goto(`${base}/inspections/${ID}`);
  const csrf = await page.getAttribute('input[name="csrf"]', 'value').catch(() => null);
  const form = { ...fields };
  if (csrf) form.csrf = csrf;
  const rs = await page.context().request.post(`${base}${url}`, {
    form, maxRedirects: 0, headers: { Origin: base, 'Sec-Fetch-Site': 'same-origin' },
  });
  return rs.status();
}

// The error shown at input id and whether the error summary links to it.
async function errorAt(page, id) {
  const linked = (await page.$(`.ds_error-summary a[href="#${id}"]`)) !== null;
  const msg = await page.$eval(`#${id}-error`, (e) => e.textContent.trim()).catch(() => null);
  return { linked, msg };
}

async function chooseFile(page, selector, name, text, mime) {
  await page.setInputFiles(selector, { name, mimeType: mime, buffer: Buffer.from(text) });
}

async function clickLabel(page, name, value) {
  const id = await page.getAttribute(`input[name="${name}"][value="${value}"]`, 'id');
  await page.click(`label[for="${id}"]`);
}

function cli(db, args) {
  return JSON.parse(cairn(db, [...args, '--json']));
}

// The cells of the results table's row whose header starts with label.
async function rowCells(page, label) {
  return page.evaluate((l) => {
    for (const tr of document.querySelectorAll('tbody tr')) {
      const th = tr.querySelector('th');
      if (th && th.textContent.trim().startsWith(l)) {
        return [...tr.querySelectorAll('td')].map((td) => td.textContent.trim());
      }
    }
    return null;
  }, label);
}

async function readings(db, dir, refs) {
  const tpl = JSON.parse(fs.readFileSync(path.join(process.env.SRCDIR || '.',
    'data', 'models', 'cyp-2014', 'records.json'), 'utf8'));
  const text = Object.fromEntries(tpl.items.map((i) => [i.code, i.text]));
  // ian reads every record: child-plan 5 for nine and 3 for five (shown),
  // risk-assessment 4 for twelve and 2 for two (suppressed), social work's
  // records answered for all.
  const rows = ['ref,reader,item,answer,agency'];
  refs.forEach((ref, k) => {
    rows.push(`${ref},ian,child-plan,${k < 9 ? 5 : 3},`);
    rows.push(`${ref},ian,risk-assessment,${k < 12 ? 4 : 2},`);
    for (const it of ['child-views', 'family-involvement', 'wellbeing-impact']) rows.push(`${ref},ian,${it},4,`);
    rows.push(`${ref},ian,wellbeing-change,same,`);
    rows.push(`${ref},ian,initial-response,4,social-work`);
    rows.push(`${ref},ian,chronology-present,yes,social-work`);
    rows.push(`${ref},ian,chronology-quality,4,social-work`);
  });
  return { good: `${rows.join('\n')}\n`, text };
}

async function readingFlow(db, dir) {
  const sample = cli(db, ['sample', 'list', ID]);
  const refs = (sample.members || []).filter((m) => !m.reserve).map((m) => m.ref);
  const { good, text } = await readings(db, dir, refs);
  const before = cli(db, ['reading', 'summary', ID]);

  // The young inspector and the panel may not import readings.
  const young = await person('yasmin');
  ok(await status(young, `/inspections/${ID}/readings/import`) === 403,
    'the young inspector is refused the readings import (403)');
  ok(await post(young, `/inspections/${ID}/readings/import`, { submit: 'no' }) === 403,
    'and a post to it (403)');
  const pat = await person('pat');
  ok(await status(pat, `/inspections/${ID}/readings/import`) === 403,
    'the panel member is refused the readings import (403)');

  // The inspector who reads: a bad file first.
  const ian = await person('ian');
  await ian.goto(`${base}/inspections/${ID}`);
  ok(await ian.$(`a[href="/inspections/${ID}/readings/import"]`) !== null,
    'the inspection page links to the import for a reader');
  await ian.goto(`${base}/inspections/${ID}/reading`);
  ok(await ian.$(`a[href="/inspections/${ID}/readings/import"]`) !== null,
    'and so does the list of their records');
  await visit(ian, `/inspections/${ID}/readings/import`, 'the readings import');
  const bad = `ref,reader,item,answer\n${refs[0]},ian,child-plan,7\n${refs[1]},rory,child-plan,4\n`;
  await chooseFile(ian, '#file', 'readings.csv', bad, 'text/csv');
  await submit(ian, 'Import the readings');
  let e = await errorAt(ian, 'file');
  const listed = await ian.textContent('main');
  const linked = (await ian.$('.ds_error-summary a[href="#file-problem-1"]')) !== null &&
    (await ian.$('#file-problem-1')) !== null;
  ok(linked && /The file has 2 problems; nothing was imported/.test(e.msg || ''),
    'a bad file is refused at its input, each problem linked from the summary', e);
  ok(/Line 2, column 4:/.test(listed) && /Line 3, column 2:/.test(listed),
    'each problem has its line and column (a bad answer; another reader\'s row)', listed);
  await check(ian, 'the readings import with a refused file');
  ok(JSON.stringify(cli(db, ['reading', 'summary', ID])) === JSON.stringify(before),
    'nothing of the refused file was stored');

  // A good file, kept as drafts.
  await ian.goto(`${base}/inspections/${ID}/readings/import`);
  await chooseFile(ian, '#file', 'readings.csv', good, 'text/csv');
  await submit(ian, 'Import the readings');
  ok(/answers in 14 readings, 0 submitted/.test(await ian.textContent('main')),
    'the good file is imported: 14 readings, as drafts', await ian.textContent('main'));
  await check(ian, 'the readings import after an import');

  // Whose records were read, on the reading form.
  const ref = refs[0];
  await visit(ian, `/inspections/${ID}/reading/${ref}`, 'the reading form with the agencies');
  await submit(ian, 'Record the agencies');
  e = await errorAt(ian, 'agencies');
  ok(e.linked && /give the agencies/.test(e.msg || ''), 'no agency ticked is refused at the boxes', e);
  await check(ian, 'the reading form with a refused agencies form');
  let show = cli(db, ['reading', 'show', ID, ref]);
  ok(show.readings.every((r) => !r.agencies), 'and nothing is recorded', show.readings);
  await clickLabel(ian, 'agencies', 'social-work');
  await submit(ian, 'Record the agencies');
  ok(/The agencies read were recorded/.test(await ian.textContent('main')), 'the agencies are recorded');
  show = cli(db, ['reading', 'show', ID, ref]);
  ok(show.readings.some((r) => r.reader === 'ian' && r.agencies === 'social-work'),
    'the command line shows social work read for the record', show.readings);
  ok(await ian.isChecked('input[name="agencies"][value="social-work"]'),
    'the form shows the box ticked afterwards');
  ok(await post(young, `/inspections/${ID}/reading/${refs[1]}/agencies`, { agencies: 'health' }) === 403,
    'the young inspector is refused recording agencies (403)');
  const chris0 = await person('chris');
  ok(await post(chris0, `/inspections/${ID}/reading/${refs[1]}/agencies`, { agencies: 'health' }) === 403,
    'and so is the co-ordinator (403)');
  ok(cli(db, ['reading', 'show', ID, refs[1]]).readings.every((r) => !r.agencies),
    'nothing is recorded for them');
  // Five more by the command line, as a reader typing up paper readings.
  for (const r of refs.slice(1, 6)) cairn(db, ['reading', 'agencies', ID, r, 'ian', 'social-work']);

  // Submit everything through the import.
  await ian.goto(`${base}/inspections/${ID}/readings/import`);
  await chooseFile(ian, '#file', 'readings.csv', good, 'text/csv');
  await clickLabel(ian, 'submit', 'yes');
  await submit(ian, 'Import the readings');
  ok(/14 submitted/.test(await ian.textContent('main')), 'the readings are submitted through the import',
    await ian.textContent('main'));

  // The results: refused for the local reader and the co-ordinator.
  const rory = await person('rory');
  ok(await status(rory, `/inspections/${ID}/readings/summary`) === 403,
    'the local reader is refused the results (aggregates; 403)');
  const chris = await person('chris');
  ok(await status(chris, `/inspections/${ID}/readings/summary`) === 403,
    'the co-ordinator is refused the results (403)');
  await pat.goto(`${base}/inspections/${ID}/agreement`);
  ok(await pat.$(`a[href="/inspections/${ID}/readings/summary"]`) !== null,
    'the agreement page links to the results');
  await pat.goto(`${base}/inspections/${ID}`);
  ok(await pat.$(`a[href="/inspections/${ID}/readings/summary"]`) !== null,
    'the inspection page links to the results for the panel');
  await visit(pat, `/inspections/${ID}/readings/summary`, 'the results of the readings');
  const sum = cli(db, ['reading', 'summary', ID]);
  const cp = sum.items.find((i) => i.item === 'child-plan');
  const cells = await rowCells(pat, text['child-plan']);
  const p = (v) => `${Math.round(100 * v)}%`;
  ok(cells && cells[0] === String(cp.n) && cells[3] === `${cp.proportion.x} of ${cp.proportion.n}` &&
    cells[4] === `${p(cp.proportion.estimate)} (${p(cp.proportion.lower)} to ${p(cp.proportion.upper)})`,
  'child-plan: records, good or better and the share as the command line computes them', { cells, cp });
  ok(cp.n === 14 && cp.proportion.x === 9, 'the command line counts 14 records, 9 good or better', cp);
  const pe = cp.population_estimate;
  ok(cells && pe && cells[5] === `${p(pe.estimate)} (${p(pe.lower)} to ${p(pe.upper)})` &&
    cells[6] === (cp.quantifier || ''), 'and the population estimate and the word', { cells, pe });
  const ra = await rowCells(pat, text['risk-assessment']);
  ok(ra && ra[3] === 'suppressed of 14' && ra[4] === 'Not shown (too few)' &&
    /2: fewer than 5/.test(ra[1]) && !/\b2: 2\b/.test(ra[1]),
  'risk-assessment: 2 records below 4 shown as "fewer than 5", the share withheld', ra);
  const sw = await rowCells(pat, 'Social work');
  const he = await rowCells(pat, 'Health');
  ok(sw && sw[0] === '6' && he && he[0] === '0', 'whose records were read: social work for 6 children', { sw, he });
  ok(!(await pat.textContent('main')).includes(refs[0]), 'no child\'s reference is shown');
}

async function surveyFlow(db) {
  const lena = await person('lena');
  await lena.goto(`${base}/inspections/${ID}`);
  ok(await lena.$(`a[href="/inspections/${ID}/surveys"]`) !== null, 'the inspection page links to the surveys');
  await visit(lena, `/inspections/${ID}/surveys`, 'the surveys with the create form');
  await lena.fill('#name', 'bad name!');
  await clickLabel(lena, 'kind', 'staff');
  await lena.selectOption('#scale', 'agree5');
  await submit(lena, 'Create the survey');
  let e = await errorAt(lena, 'name');
  ok(e.linked && /not valid/.test(e.msg || ''), 'a bad survey name is refused at its input', e);
  await check(lena, 'the surveys page with a refused survey');
  ok(cli(db, ['survey', 'list', ID]).length === 0, 'and no survey is stored');
  await lena.fill('#name', 'staff');
  await lena.fill('#invited', '20');
  await submit(lena, 'Create the survey');
  ok(/The survey was created/.test(await lena.textContent('main')), 'the lead creates the survey');
  let list = cli(db, ['survey', 'list', ID]);
  ok(list.length === 1 && list[0].name === 'staff' && list[0].kind === 'staff' &&
    list[0].scale === 'agree5' && list[0].invited === 20, 'the command line lists it as made', list);

  // The young inspector sees the surveys but may not create one.
  const young = await person('yasmin');
  await young.goto(`${base}/inspections/${ID}/surveys`);
  ok(await young.$('#name') === null, 'the young inspector has no create form');
  ok(await post(young, `/inspections/${ID}/surveys`, { name: 'y', kind: 'staff', scale: 'agree5' }) === 403,
    'and is refused creating one (403)');
  ok(cli(db, ['survey', 'list', ID]).length === 1, 'nothing more is stored');

  // The inspector imports responses: a bad file, then a good one.
  const ian = await person('ian');
  await visit(ian, `/inspections/${ID}/surveys/staff`, 'the survey page with the import form');
  const head = 'id,I feel supported,I know the plan,comments';
  const bad = `${head}\nr1,Agree,Agree,fine\nr2,Maybe,Agree,\n`;
  await chooseFile(ian, '#file', 'responses.csv', bad, 'text/csv');
  await ian.fill('#comment-columns', 'comments');
  await submit(ian, 'Import the responses');
  e = await errorAt(ian, 'file');
  ok(e.linked && /Line 3, column 2/.test(await ian.textContent('.ds_error-summary')),
    'a bad responses file is refused at its input with line and column', e);
  ok(cli(db, ['survey', 'list', ID])[0].respondents === 0, 'and nothing is stored');
  const rows = [head];
  for (let i = 1; i <= 8; i++) {
    rows.push(`r${i},${i % 3 ? 'Agree' : 'Disagree'},Strongly agree,${i <= 2 ? `Comment ${i} about support` : ''}`);
  }
  await ian.goto(`${base}/inspections/${ID}/surveys/staff`);
  await chooseFile(ian, '#file', 'responses.csv', `${rows.join('\n')}\n`, 'text/csv');
  await ian.fill('#comment-columns', 'comments');
  await submit(ian, 'Import the responses');
  ok(/The responses were imported/.test(await ian.textContent('main')), 'the good responses are imported');
  list = cli(db, ['survey', 'list', ID]);
  ok(list[0].respondents === 8 && list[0].comments === 2, 'the command line counts 8 respondents, 2 comments', list);

  // Comments: refused to the local reader and the co-ordinator.
  const rory = await person('rory');
  const chris = await person('chris');
  const curl = `/inspections/${ID}/surveys/staff/comments`;
  ok(await status(rory, curl) === 403, 'the local reader is refused the comments (403)');
  ok(await status(chris, curl) === 403, 'the co-ordinator is refused the comments (403)');
  const audits = () => cli(db, ['audit', 'list', '--inspection', ID])
    .filter((a) => a.action === 'survey.comments.view').length;
  const seen = audits();
  const pat = await person('pat');
  await visit(pat, curl, 'the comments (panel)');
  ok((await pat.textContent('main')).includes('Comment 1 about support') && await pat.$('#qi-1') === null,
    'the panel member reads the comments without the tag form');
  ok(audits() === seen + 1, 'the listing is recorded in the audit log');
  ok(await post(pat, `${curl}/1`, { qi: '2.1', 'as-evidence': 'strength' }) === 403,
    'the panel member is refused tagging (403)');

  // The lead tags comment 1.
  await lena.goto(`${base}/inspections/${ID}/surveys/staff`);
  ok(await lena.$(`a[href="${curl}"]`) !== null, 'the survey page links to its comments');
  await visit(lena, curl, 'the comments with the tag forms');
  await lena.fill('#qi-1', '99.9');
  await clickLabel(lena, 'as-evidence', 'strength');
  await submit(lena, 'Tag comment 1');
  e = await errorAt(lena, 'qi-1');
  ok(e.linked && /99\.9/.test(e.msg || ''), 'an unknown indicator is refused at the comment\'s input', e);
  await check(lena, 'the comments with a refused tag');
  let cm = cli(db, ['survey', 'comments', ID, 'staff']);
  ok(cm[0].qis.length === 0 && cm[0].evidence === null, 'and the comment is not tagged', cm[0]);
  await lena.fill('#qi-1', '2.1');
  await submit(lena, 'Tag comment 1');
  ok(/The comment was tagged/.test(await lena.textContent('main')), 'the lead tags the comment');
  cm = cli(db, ['survey', 'comments', ID, 'staff']);
  ok(cm[0].qis.join(',') === '2.1' && cm[0].evidence === 'strength' && cm[0].evidence_number > 0,
    'the command line shows it tagged to 2.1 as a strength, in the evidence log', cm[0]);
  ok((await lena.textContent('main')).includes(`evidence ${cm[0].evidence_number} in the evidence log`),
    'the page shows the same tags');
  ok(await post(lena, `${curl}/9`, { qi: '2.1' }) === 404, 'tagging a comment the survey does not have is 404');
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-readpages.'));
  const db = path.join(dir, 'cairn.db');
  cairn(db, ['init']);
  const people = [['lena', 'Lena Lead', 'lead'], ['ian', 'Ian Inspector', 'inspector'],
    ['rory', 'Rory Reader', 'local-reader'], ['yasmin', 'Yasmin Young', 'young-inspector'],
    ['pat', 'Pat Panel', 'panel'], ['chris', 'Chris Coordinator', 'partnership-coordinator']];
  for (const [u, name] of people) cairn(db, ['user', 'add', u, '--name', name], `${PASSWORD}\n`);
  cairn(db, ['inspection', 'create', '--partnership', 'Glenbrae', '--framework', 'cyp-2014',
    '--fieldwork', '2026-03-02..2026-03-27']);
  for (const [u, , role] of people) cairn(db, ['team', 'add', ID, u, '--role', role]);
  const pop = ['ref,category'];
  for (let i = 1; i <= 40; i++) pop.push(`C${String(i).padStart(3, '0')},${i <= 20 ? 'A' : 'B'}`);
  fs.writeFileSync(path.join(dir, 'pop.csv'), `${pop.join('\n')}\n`);
  cairn(db, ['population', 'import', ID, path.join(dir, 'pop.csv')]);
  cairn(db, ['sample', 'draw', ID, '--size', '14', '--strata', 'category', '--seed', '7']);
  cairn(db, ['reader', 'add', ID, 'ian', '--kind', 'inspector']);
  cairn(db, ['reader', 'add', ID, 'rory', '--kind', 'local']);
  cairn(db, ['reader', 'assign', ID]);
  hv = new HtmlValidate(JSON.parse(fs.readFileSync(path.join(process.env.SRCDIR || '.',
    '.htmlvalidate.json'), 'utf8')));
  const srv = await startServer(db);
  base = srv.base;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    await readingFlow(db, dir);
    await surveyFlow(db);
  } finally {
    await browser.close();
    srv.proc.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
  finish();
}

main().catch((e) => { console.log(`# ${e.stack}`); finish(true); });
