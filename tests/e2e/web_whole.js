// The whole inspection in the browser (issue #17), in Debian's chromium
// through playwright-core, at a phone's width (390 px): an administrator
// creates the inspection and appoints its lead; the lead builds the team;
// a depute moves it to its next stage; the lead uploads a population,
// draws a sample and pairs the readers; two local
// readers read (one record by both, with one answer different); the lead
// compares and resolves; an inspector raises a matter of concern and the
// lead closes it; an inspector records evidence with a file and a young
// inspector adds a view; the lead grades every indicator, records findings
// and the confidence statement, and sets the publication date; the panel
// reviews every grade and signs off; the lead publishes; the partnership's
// co-ordinator reads the release and adds to the action plan, which the
// lead marks agreed; the lead records a progress review.  Accounts are
// made with the command line before the first step; after that the test
// never calls cairn.
//
// Every page reached is checked: no axe-core WCAG 2.2 A/AA violation, no
// console error (a JavaScript error or a failed request such as a missing
// favicon), no page wider than the 390 px window, no text naming a `cairn`
// command or a `--flag`, and valid HTML (html-validate with .htmlvalidate.json,
// on the markup the server sent).  Prints TAP.
//
// Environment: CAIRN (the binary), SRCDIR (with node_modules from npm ci),
// CHROMIUM (default /usr/bin/chromium).
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
// The accounts: username, full name, and whether an administrator.
const PEOPLE = [
  ['ada', 'Ada Administrator', true],
  ['lena', 'Lena Lead', false],
  ['ian', 'Ian Inspector', false],
  ['yasmin', 'Yasmin Young', false],
  ['rory', 'Rory Reader', false],
  ['rhona', 'Rhona Reader', false],
  ['pat', 'Pat Panel', false],
  ['chris', 'Chris Coordinator', false],
  ['duncan', 'Duncan Depute', false],
];
// The indicators the cyp-2014 framework evaluates, with the team's grade.
const GRADES = [['1.1', 4], ['2.1', 5], ['3.1', 4], ['5.1', 4], ['5.2', 3], ['5.3', 4],
  ['6.2', 5], ['6.3', 4], ['9.4', 4]];

let hv = null;
const validated = new Set();
let browser = null;
let base = '';
let pagesChecked = 0;

// A page signed in as user, at the phone's width, collecting the console's
// errors, the page's uncaught exceptions and the server's last document.
async function person(user) {
  const ctx = await browser.newContext({ viewport: { width: WIDTH, height: 844 } });
  const page = await ctx.newPage();
  page.setDefaultTimeout(20000);
  page._errors = [];
  page._user = user;
  page.on('console', (m) => {
    if (m.type() === 'error') page._errors.push(`console: ${m.text()} ${JSON.stringify(m.location())}`);
  });
  page.on('pageerror', (e) => page._errors.push(`exception: ${e.message}`));
  // A request cut short because the page moved on (the test clicked a
  // button while the icon loaded) is not a failure of the site.
  page.on('requestfailed', (rq) => {
    const why = rq.failure() ? rq.failure().errorText : '';
    if (!/ERR_ABORTED/.test(why)) page._errors.push(`request failed: ${rq.url()} ${why}`);
  });
  page.on('response', (rs) => {
    const rq = rs.request();
    if (rq.isNavigationRequest() && rq.frame() === page.mainFrame() &&
        (rs.status() < 300 || rs.status() >= 400)) page._doc = rs;
    else if (rs.status() >= 400) page._errors.push(`HTTP ${rs.status()}: ${rs.url()}`);
  });
  await page.goto(`${base}/signin`);
  await page.fill('#username', user);
  await page.fill('#password', PASSWORD);
  await submit(page, 'Sign in');
  ok(!page.url().includes('/signin'), `${user} signs in`, page.url());
  return page;
}

// Checks the page now shown, as `what`: axe, console errors since the
// last check, width, command-line text and the server's markup.
async function check(page, what) {
  const desc = `${what} (as ${page._user})`;
  pagesChecked++;
  const v = await axe(page);
  ok(v.length === 0, `axe: no WCAG 2.2 A/AA violation on ${desc}`, v);
  const errs = page._errors.splice(0);
  ok(errs.length === 0, `no console error on ${desc}`, errs);
  const wide = await page.evaluate(() => ({
    doc: document.documentElement.scrollWidth,
    body: document.body.scrollWidth,
    // The widest elements, to name the culprit.
    // The widest elements that do not scroll inside a table's region, to
    // name the culprit.
    culprits: [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 &&
        (!e.parentElement.closest('.cairn-table-scroll') || getComputedStyle(e).position !== 'static'))
      .slice(0, 5).map((e) => {
        const chain = [];
        for (let x = e; x && x !== document.body; x = x.parentElement) {
          chain.unshift(x.tagName.toLowerCase() + (x.className ? `.${String(x.className).split(' ')[0]}` : ''));
        }
        return `${chain.slice(-5).join(' > ')} ${Math.round(e.getBoundingClientRect().right)}`;
      }),
  }));
  ok(wide.doc <= WIDTH && wide.body <= WIDTH, `${desc} is no wider than ${WIDTH} px`, wide);
  // At a desktop's width too: nothing wider than the window, and a success
  // banner keeps its text inside it with the design system's padding.
  await page.setViewportSize({ width: 1280, height: 900 });
  const desk = await page.evaluate(() => {
    const out = { width: document.documentElement.scrollWidth, banners: [] };
    for (const n of document.querySelectorAll('.ds_notification')) {
      const b = n.getBoundingClientRect();
      const t = n.querySelector('.ds_notification__text').getBoundingClientRect();
      out.banners.push({ left: t.left - b.left, right: b.right - t.right, top: t.top - b.top,
        bottom: b.bottom - t.bottom });
    }
    return out;
  });
  await page.setViewportSize({ width: WIDTH, height: 844 });
  ok(desk.width <= 1280 && desk.banners.every((b) => b.left >= 16 && b.right >= 16 && b.top >= 12 &&
    b.bottom >= 12), `${desc} at 1280 px: no wider, banners padded`, desk);
  const text = await page.evaluate(() => document.body.innerText);
  const cmd = text.match(/\bcairn [a-z][a-z-]*|(^|[\s(`'"])--[a-z][a-z-]+/m);
  ok(cmd === null, `${desc} names no cairn command or --flag`, cmd && cmd[0]);
  // Labels, not codes: no stored timestamp or JSON shown as it is stored.
  const raw = text.match(/\b[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}[^\s]*|\{"[a-z_]+":/);
  ok(raw === null, `${desc} shows no raw timestamp or JSON`, raw && raw[0]);
  const doc = page._doc;
  if (doc) {
    const html = await doc.text().catch(() => '');
    const key = `${new URL(doc.url()).pathname}\n${html.length}`;
    if (!validated.has(key)) {
      validated.add(key);
      const report = await hv.validateString(html, doc.url());
      const msgs = report.valid ? [] : report.results.flatMap((x) => x.messages);
      ok(report.valid, `valid HTML: ${desc}`,
        msgs.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}` +
          (m.selector ? ` [${m.selector}]` : '')).join('\n'));
    }
  }
}

async function submit(page, button) {
  await Promise.all([page.waitForNavigation(), page.click(`button:has-text("${button}")`)]);
}

// Goes to url and checks the page.
async function visit(page, url, what) {
  await page.goto(url.startsWith('/') ? `${base}${url}` : url);
  await check(page, what);
}

// Clicks the label of the radio button name=value (inside scope).
async function pick(page, name, value, scope = 'main') {
  const id = await page.getAttribute(`${scope} input[type=radio][name="${name}"][value="${value}"]`, 'id');
  await page.click(`label[for="${id}"]`);
}

async function mainText(page) {
  return page.textContent('main');
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

function population(nrows) {
  const rows = ['ref,area,age_band'];
  for (let i = 1; i <= nrows; i++) {
    rows.push(`C${String(i).padStart(3, '0')},${i % 2 ? 'north' : 'south'},${i % 3 ? '0-4' : '5-11'}`);
  }
  return Buffer.from(`${rows.join('\n')}\n`);
}

// The records listed on a reader's "records to read" page.
async function myRefs(page, insp) {
  await visit(page, `${insp}/reading`, 'my records to read');
  return page.$$eval(`main a[href*="/reading/"]`, (as) => as.map((a) => a.getAttribute('href').split('/').pop()));
}

async function flow() {
  // 1. The administrator creates the inspection and names its lead.
  const ada = await person('ada');
  await check(ada, 'the home page');
  await Promise.all([ada.waitForNavigation(), ada.click('a[href="/new-inspection"]')]);
  await check(ada, 'the create-inspection form');
  await ada.fill('#partnership', 'Glenbrae');
  await ada.selectOption('#framework', 'cyp-2014');
  await ada.selectOption('#lead', 'lena');
  await submit(ada, 'Create inspection');
  // Not on its team, the administrator goes home, where a banner names it.
  const m = ada.url().match(/\/\?created=([0-9]+)$/);
  ok(m && (await mainText(ada)).includes('Glenbrae was created'),
    'the administrator created the inspection and is told so', ada.url());
  await check(ada, 'the home page after creating the inspection');

  // 2. The lead finds it on their home page and appoints the team.
  const lena = await person('lena');
  await check(lena, 'the home page');
  await Promise.all([lena.waitForNavigation(), lena.click('main a:has-text("Glenbrae")')]);
  const insp = new URL(lena.url()).pathname;
  ok(m && insp === `/inspections/${m[1]}`, 'the lead reaches the inspection from the home page', insp);
  await check(lena, 'the inspection overview');
  await visit(lena, `${insp}/team`, 'the team page');
  for (const [u, role] of [['duncan', 'depute'], ['ian', 'inspector'], ['yasmin', 'young-inspector'],
    ['rory', 'local-reader'], ['rhona', 'local-reader'], ['pat', 'panel'],
    ['chris', 'partnership-coordinator']]) {
    await lena.selectOption('#person', u);
    await lena.selectOption('#role', role);
    await submit(lena, 'Add to the team');
  }
  ok((await mainText(lena)).includes('Chris Coordinator'), 'the team is appointed');
  await check(lena, 'the team page with the team');

  // The depute moves the inspection on to its next stage.
  const duncan = await person('duncan');
  await visit(duncan, `${insp}/stage`, 'the stage page');
  await duncan.selectOption('#stage', 'scoping');
  await submit(duncan, 'Move the inspection');
  ok((await mainText(duncan)).includes('The inspection moved to its new stage') &&
    /Current stage\s*Scoping 1/.test(await duncan.innerText('main')), 'the depute moves the stage to scoping');
  await check(duncan, 'the stage page after the move');

  // 3. The population.
  await visit(lena, `${insp}/population`, 'the population page');
  await lena.setInputFiles('#file', { name: 'population.csv', mimeType: 'text/csv', buffer: population(40) });
  await submit(lena, 'Upload population');
  ok((await mainText(lena)).includes('Population imported'), 'the population is imported');
  await check(lena, 'the population page after the upload');

  // 4. The sample.
  await visit(lena, `${insp}/sample`, 'the sample page');
  await Promise.all([lena.waitForNavigation(), lena.click('a:has-text("Draw the sample")')]);
  await check(lena, 'the draw form');
  await lena.fill('#size', '10');
  await lena.fill('#strata', 'area');
  await lena.fill('#seed', '20261001');
  await lena.fill('#double-read', '20');
  await submit(lena, 'Draw the sample');
  ok((await mainText(lena)).includes('Sample drawn'), 'the sample is drawn');
  await check(lena, 'the sample page after the draw');

  // 5. Readers, paired and assigned.
  await visit(lena, `${insp}/readers`, 'the readers page');
  for (const [u, kind] of [['ian', 'inspector'], ['lena', 'inspector'], ['rory', 'local'], ['rhona', 'local']]) {
    await lena.selectOption('#name', u);
    await pick(lena, 'kind', kind);
    await submit(lena, 'Add reader');
  }
  await submit(lena, 'Pair readers and assign records');
  ok((await mainText(lena)).includes('Which pair reads each record'), 'the records are assigned');
  await check(lena, 'the readers page with the pairs');

  // 6. Both local readers read; the record both were given is read twice.
  const rory = await person('rory');
  const rhona = await person('rhona');
  const roryRefs = await myRefs(rory, insp);
  const rhonaRefs = await myRefs(rhona, insp);
  const both = roryRefs.filter((x) => rhonaRefs.includes(x));
  ok(both.length > 0, 'a record is read by both local readers', [roryRefs, rhonaRefs]);
  const dref = both[0];
  await visit(rory, `${insp}/reading/${dref}`, 'the reading form');
  await answerAll(rory, null);
  await submit(rory, 'Save draft');
  ok((await mainText(rory)).includes('Draft saved'), 'the first reader saves a draft');
  await check(rory, 'the reading form with a draft');
  await submit(rory, 'Submit reading');
  ok((await mainText(rory)).includes('Reading submitted'), 'the first reader submits');
  await check(rory, 'the page after submitting a reading');
  await visit(rhona, `${insp}/reading/${dref}`, 'the reading form');
  await answerAll(rhona, 'a.risk-assessment');
  await submit(rhona, 'Submit reading');
  ok((await mainText(rhona)).includes('Reading submitted'), 'the second reader submits, one answer different');
  await check(rhona, 'the page after submitting a reading');

  // 7. The lead compares and resolves.
  await visit(lena, `${insp}/compare`, 'the paired readings');
  await Promise.all([lena.waitForNavigation(), lena.click(`a[href$="/compare/${dref}"]`)]);
  ok((await mainText(lena)).includes('1 difference'), 'the comparison shows the one difference');
  await check(lena, 'the side-by-side comparison');
  await pick(lena, 'answer', '4', 'form:has(input[name="item"][value="risk-assessment"])');
  await lena.fill('#note-risk-assessment', 'Agreed after discussing the chronology');
  await submit(lena, 'Record the agreed answer');
  ok((await mainText(lena)).includes('Agreed answer recorded'), 'the difference is resolved');
  await check(lena, 'the comparison after resolving');

  // 8. A matter of concern: an inspector raises it, the lead closes it.
  const ian = await person('ian');
  await visit(ian, `${insp}/concerns`, 'the matters of concern');
  await ian.selectOption('#ref', dref);
  await ian.fill('#text', 'No record of the child being seen alone in the last six months');
  await submit(ian, 'Raise concern');
  ok((await mainText(ian)).includes('No record of the child being seen alone'), 'the concern is raised');
  await check(ian, 'the matters of concern with one raised');
  await visit(lena, `${insp}/concerns`, 'the matters of concern');
  const note = 'Raised with the service manager, who arranged a visit';
  if (await lena.isVisible('main button:has-text("Mark followed up")')) {
    // Followed up in one step from the list.
    await lena.fill('main form:has(button:has-text("Mark followed up")) textarea, ' +
      'main form:has(button:has-text("Mark followed up")) input[name="note"]', note);
    await submit(lena, 'Mark followed up');
  } else {
    // The concerns procedure: the lead decides not to escalate it, then closes it.
    await Promise.all([lena.waitForNavigation(), lena.click('main a[href*="/concerns/"]')]);
    await check(lena, 'a matter of concern');
    for (const step of ['Not escalated by the lead', 'Closed']) {
      const form = `main form:has(button:has-text("${step}"))`;
      await lena.fill(`${form} textarea`, step === 'Closed' ? note : 'Already known to the service');
      await Promise.all([lena.waitForNavigation(), lena.click(`${form} button`)]);
      await check(lena, `a matter of concern after "${step}"`);
    }
  }
  ok((await mainText(lena)).includes(note), 'the lead closes the concern');
  await check(lena, 'the matters of concern with one closed');

  // 9. Evidence: an inspector's with a file, a young inspector's view.
  await visit(ian, `${insp}/evidence`, 'the evidence log');
  await ian.selectOption('#source', 'records-reading');
  await ian.fill('#text', 'Risk assessments were of good quality in most records read');
  await ian.fill('#qis', '2.1');
  await ian.selectOption('#status', 'strength');
  await ian.setInputFiles('#file', { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('reading notes\n') });
  await submit(ian, 'Add evidence');
  ok(ian.url().includes('added='), 'evidence is recorded with a file', ian.url());
  await check(ian, 'the evidence log with the evidence');
  const yasmin = await person('yasmin');
  await visit(yasmin, insp, 'the inspection overview');
  await visit(yasmin, `${insp}/evidence`, 'the evidence log');
  await yasmin.fill('#text', 'Young people said they knew who to talk to when worried');
  await yasmin.fill('#qis', '2.1');
  await yasmin.selectOption('#status', 'strength');
  await submit(yasmin, 'Add evidence');
  ok(yasmin.url().includes('added='), 'the young inspector records a view', yasmin.url());
  await check(yasmin, 'the evidence log after adding');

  // 10. The lead grades every indicator.
  for (const [qi, g] of GRADES) {
    await visit(lena, `${insp}/grade/${qi}`, `the grade page of ${qi}`);
    await pick(lena, 'grade', String(g));
    await lena.fill('#rationale', `The evidence for ${qi} supports this grade.`);
    await submit(lena, 'Save grade');
    ok(lena.url().includes(`graded=${qi}`), `${qi} graded ${g}`, lena.url());
  }
  await check(lena, 'the page after grading');

  // 11. Findings and the confidence statement.
  await visit(lena, `${insp}/findings`, 'the findings page');
  for (const [kind, text] of [['strength', 'Children were seen and heard by the staff who knew them.'],
    ['improvement', 'Improve the quality and consistency of chronologies.']]) {
    await pick(lena, 'kind', kind, 'form:has(button:has-text("Add the finding"))');
    await lena.fill('form:has(button:has-text("Add the finding")) textarea[name="text"]', text);
    await submit(lena, 'Add the finding');
    ok((await mainText(lena)).includes(text), `the ${kind} is added`);
  }
  await check(lena, 'the findings page with findings');
  await pick(lena, 'level', 'confident', 'form:has(button:has-text("Record the confidence statement"))');
  await lena.fill('form:has(button:has-text("Record the confidence statement")) textarea[name="statement"]',
    'We are confident that the partnership will make the improvements needed.');
  await submit(lena, 'Record the confidence statement');
  ok((await mainText(lena)).includes('The confidence statement was recorded'), 'the confidence statement is recorded');
  await check(lena, 'the findings page after the confidence statement');

  // 12. The publication date.
  await visit(lena, `${insp}/settings`, 'the report settings');
  await lena.fill('#published', '2027-03-02');
  await lena.fill('#organisation', 'Care Inspectorate');
  await submit(lena, 'Save the report settings');
  ok((await mainText(lena)).includes('The report settings are saved'), 'the publication date is set');
  await check(lena, 'the report settings after saving');
  await visit(lena, `${insp}/preview`, 'the report preview');
  ok((await mainText(lena)).includes('Children were seen and heard'), 'the preview carries the findings');
  await visit(lena, `${insp}/publish`, 'the publish page before the sign-off');
  ok((await mainText(lena)).includes('has not signed off'), 'publishing waits for the panel');

  // 13. The panel reviews every grade and signs off.
  const pat = await person('pat');
  await visit(pat, `${insp}/panel`, 'the panel page');
  for (const [qi] of GRADES) {
    const form = `form[action$="/panel/${qi}"]`;
    await pick(pat, 'view', 'agree', form);
    await pat.fill(`${form} textarea[name="note"]`, 'The evidence supports the grade.');
    await Promise.all([pat.waitForNavigation(), pat.click(`${form} button`)]);
    ok((await mainText(pat)).includes("The panel's view was recorded"), `the panel agrees with ${qi}`);
  }
  await check(pat, 'the panel page with every view');
  await submit(pat, 'Sign off the evaluations');
  ok((await mainText(pat)).includes('The evaluations are signed off'), 'the panel signs off');
  await check(pat, 'the panel page after the sign-off');

  // 14. The lead publishes.
  await visit(lena, `${insp}/publish`, 'the publish page');
  ok((await mainText(lena)).includes('Ready to publish'), 'the publish page says it is ready');
  await submit(lena, 'Publish the report');
  await check(lena, 'the page after publishing');
  ok(/published/i.test(await mainText(lena)), 'the report is published', await mainText(lena));

  await visit(lena, `${insp}/stage`, 'the stage page after publishing');
  ok(/Current stage\s*Published/.test(await lena.innerText('main')), 'the stage shows Published');

  // 15. The release, read by the partnership's co-ordinator, as published.
  const chris = await person('chris');
  await visit(chris, insp, 'the inspection overview');
  await visit(chris, `${insp}/release`, 'the news release');
  const rel = await mainText(chris);
  ok(rel.includes('Glenbrae') && rel.includes('Published') && rel.includes('version 1'),
    'the release page shows the published release');
  const relHref = await chris.getAttribute('main a[href*="/published/1/"]', 'href');
  const relFile = await chris.context().request.get(`${base}${relHref}`);
  const sha = require('crypto').createHash('sha256').update(await relFile.body()).digest('hex');
  ok(relFile.status() === 200 && (await relFile.text()).includes('Glenbrae') &&
    (await chris.textContent('main code')).trim() === sha,
  'the published release downloads, with the SHA-256 the page shows', [relHref, relFile.status(), sha]);

  // 16. The action plan: the co-ordinator adds, the lead agrees.
  await visit(chris, `${insp}/plan`, 'the action plan');
  await chris.selectOption('#improvement', '1');
  await chris.fill('#text', 'Audit every chronology each quarter');
  await chris.fill('#owner', 'Head of children\'s services');
  await chris.fill('#due', '2027-09-30');
  await submit(chris, 'Add the action');
  ok((await mainText(chris)).includes('Audit every chronology'), 'the co-ordinator adds an action');
  await check(chris, 'the action plan with an action');
  await visit(lena, `${insp}/plan`, 'the action plan');
  await submit(lena, 'Mark the plan agreed');
  await check(lena, 'the action plan after agreeing');
  ok(/agreed/i.test(await mainText(lena)), 'the plan is agreed');

  await visit(lena, '/overview', 'the national overview');

  // 17. A progress review.
  await visit(lena, `${insp}/followup`, 'the follow-up page');
  await lena.fill('#review-date', '2028-03-01');
  await submit(lena, 'Start the review');
  ok((await mainText(lena)).includes('The progress review was started'), 'a progress review is started');
  await check(lena, 'the follow-up page with a review');
  await lena.selectOption('#improvement', { index: 1 });
  await lena.click('form:has(button:has-text("Record the progress")) input[name="judgement"] + label');
  await lena.fill('#progress-text', 'Chronologies are audited each quarter.');
  await submit(lena, 'Record the progress');
  ok((await mainText(lena)).includes('The progress was recorded'), 'progress is recorded');
  await check(lena, 'the follow-up page with progress');
  await lena.selectOption('#review-qi', '2.1');
  await lena.selectOption('#review-grade', '5');
  await lena.fill('#review-rationale', 'Risk assessments are now consistently good.');
  await submit(lena, 'Record the re-evaluation');
  ok((await mainText(lena)).includes('The re-evaluation was recorded'), 'a re-evaluation is recorded');
  await check(lena, 'the follow-up page with a re-evaluation');

  for (const p of [ada, lena, duncan, rory, rhona, ian, yasmin, pat, chris]) await p.context().close();
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-whole.'));
  const db = path.join(dir, 'cairn.db');
  const config = JSON.parse(fs.readFileSync(path.join(SRCDIR, '.htmlvalidate.json'), 'utf8'));
  delete config.root;
  hv = new HtmlValidate({ ...config, root: true });
  // Setup: the accounts.  After this the test never calls cairn.
  cairn(db, ['init']);
  for (const [u, name, admin] of PEOPLE) {
    cairn(db, ['user', 'add', u, '--name', name, ...(admin ? ['--admin'] : [])], `${PASSWORD}\n`);
  }
  const srv = await startServer(db);
  base = srv.base;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    await flow();
    ok(pagesChecked >= 60, `the flow checked ${pagesChecked} pages`);
  } finally {
    await browser.close();
    srv.proc.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
  finish();
}

main().catch((e) => {
  ok(false, 'the whole inspection ran to the end', e.stack || String(e));
  finish(true);
});
