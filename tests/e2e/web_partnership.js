// Browser test of the partnership's side (issue #21), in Debian's chromium
// through playwright-core, the pages checked with axe-core: the lead
// generates the notification; the partnership's co-ordinator downloads it
// (Markdown and PDF) and the blank pre-inspection return (XLSX), returns it
// (first with an identifier column, refused with its sheet, line and
// column, then clean), submits a position statement over the 5,000-word
// limit (refused with the count) and then within it, uploads a supporting
// document and adds a claim citing it; an inspector tags the claim to 2.1
// and tests it against the evidence, and the grade page of 2.1 shows it.
// Prints TAP.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const {
  CHROMIUM, PASSWORD, chromium, ok, cairn, startServer, axe, finish,
} = require('./browserlib.js');

async function submit(page, button) {
  await Promise.all([page.waitForNavigation(), page.click(`button:has-text("${button}")`)]);
}

async function signIn(page, base, user) {
  await page.goto(`${base}/signin`);
  await page.fill('#username', user);
  await page.fill('#password', PASSWORD);
  await submit(page, 'Sign in');
}

async function checkPage(page, what) {
  const v = await axe(page);
  ok(v.length === 0, `axe: no WCAG 2.2 A/AA violations on ${what}`, v);
}

function words(n) {
  return Array(n).fill('word').join(' ');
}

async function flow(browser, base, db) {
  const insp = `${base}/inspections/1/partnership`;
  const ctx = async (user) => {
    const c = await browser.newContext();
    const p = await c.newPage();
    await signIn(p, base, user);
    return p;
  };
  // 1. The lead generates the notification.
  const lead = await ctx('lena');
  await lead.goto(insp);
  ok((await lead.textContent('main')).includes('Generate the notification'), 'the lead has the notification form');
  await checkPage(lead, 'the partnership page (lead)');
  await lead.fill('#notify-council', 'Glenbrae Council');
  await submit(lead, 'Generate the notification');
  ok((await lead.textContent('main')).includes('NHS board'), 'a missing NHS board is refused', lead.url());
  ok((await lead.textContent('.ds_error-summary')).includes("the NHS board's name is required"),
    'the error summary names it');
  await checkPage(lead, 'the partnership page with an error');
  await lead.fill('#notify-council', 'Glenbrae Council');
  await lead.fill('#notify-health-board', 'NHS Glenbrae');
  await lead.fill('#notify-date', '2026-01-05');
  await submit(lead, 'Generate the notification');
  ok(lead.url().includes('done=notify'), 'the notification is generated', lead.url());
  await lead.fill('#contact-name', 'Rhona Reid');
  await lead.fill('#contact-job', 'Head of children\'s services');
  await submit(lead, 'Record the co-ordinator');
  ok((await lead.textContent('main')).includes('Rhona Reid, Head of children'), 'the inspection co-ordinator is recorded');

  // 2. The co-ordinator downloads the letter and the blank return.
  const col = await ctx('col');
  await col.goto(insp);
  const main = await col.textContent('main');
  ok(!main.includes('Generate the notification') && main.includes('Return it'),
    'the co-ordinator has the return form, not the notification form');
  await checkPage(col, 'the partnership page (co-ordinator)');
  const md = await col.getAttribute('a[href$="/notification/1/letter.md"]', 'href');
  let res = await col.context().request.get(`${base}${md}`);
  const letter = await res.text();
  ok(res.status() === 200 && letter.includes('- The Chief Constable, Police Scotland') &&
    letter.includes('- The Chief Executive, NHS Glenbrae') && letter.includes('5 January 2026'),
  'the co-ordinator downloads the letter with its recipients and date', [res.status(), letter.slice(0, 300)]);
  res = await col.context().request.get(`${base}${md.replace(/md$/, 'pdf')}`);
  ok(res.status() === 200 && (await res.body()).subarray(0, 5).toString() === '%PDF-', 'and the PDF');
  res = await col.context().request.get(`${base}/inspections/1/partnership/return.xlsx`);
  ok(res.status() === 200 && (await res.body()).subarray(0, 2).toString() === 'PK', 'the blank return is an XLSX (zip)');

  // 3. The return: an identifier column refused with sheet, line and column.
  await col.setInputFiles('#sheet-children', { name: 'children.csv', mimeType: 'text/csv',
    buffer: Buffer.from('category,number,census_date,child_name\nOn the register,42,2026-01-31,x\n') });
  await col.setInputFiles('#sheet-services', { name: 'services.csv', mimeType: 'text/csv',
    buffer: Buffer.from('service,agency,posts\nSocial work,Council,12\n') });
  await submit(col, 'Return the pre-inspection return');
  const problems = await col.textContent('#return-problems');
  ok(problems.includes("Sheet children, line 1, column 4: column 'child_name' looks like a personal identifier (name)"),
    'the identifier column is refused with its sheet, line and column', problems);
  ok((await col.textContent('main')).includes('nothing was stored'), 'nothing was stored');
  await checkPage(col, 'the refused return');
  await col.setInputFiles('#sheet-children', { name: 'children.csv', mimeType: 'text/csv',
    buffer: Buffer.from('category,number,census_date\nOn the register,42,2026-01-31\n') });
  await col.setInputFiles('#sheet-services', { name: 'services.csv', mimeType: 'text/csv',
    buffer: Buffer.from('service,agency,posts\nSocial work,Council,12\n') });
  await submit(col, 'Return the pre-inspection return');
  ok(col.url().includes('done=return') &&
    (await col.textContent('main')).includes('Version 1, returned by Col Ordinator (col)'), 'the clean return is stored', col.url());

  // 3b. The filled workbook itself (XLSX): the blank return filled by editing
  // its sheets' XML; one with a CHI number refused with sheet, row and column,
  // a zip bomb refused, then a clean one stored.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-xlsx-'));
  const blank = path.join(tmp, 'blank.xlsx');
  fs.writeFileSync(blank, await res.body());
  const fill = (mode, out, ...args) => {
    const { execFileSync } = require('child_process');
    execFileSync('python3', [path.join(process.env.SRCDIR, 'tests/e2e/xlsxfill.py'), mode,
      ...(mode === 'bomb' ? [] : [blank]), out, ...args]);
    return { name: 'return.xlsx', mimeType: 'application/octet-stream', buffer: fs.readFileSync(out) };
  };
  const countReturns = () => Number(require('child_process').execFileSync('sqlite3',
    [db, 'SELECT count(*) FROM preret_return']).toString().trim());
  const before = countReturns();
  await col.setInputFiles('#workbook', fill('fill', path.join(tmp, 'chi.xlsx'), JSON.stringify({
    children: [['On the register', 42, '2026-01-31'], ['0101011237', 3, '2026-01-31']],
    services: [['Social work', 'Council', 12]] })));
  await submit(col, 'Return the pre-inspection return');
  const xproblems = await col.textContent('#return-problems');
  ok(xproblems.includes("Sheet 'children', row 3, column A: this value in column 'category' looks like a personal identifier (CHI number)"),
    'the CHI number in the workbook is refused with its sheet, row and column', xproblems);
  await checkPage(col, 'the refused workbook');
  await col.setInputFiles('#workbook', fill('bomb', path.join(tmp, 'bomb.xlsx')));
  await submit(col, 'Return the pre-inspection return');
  ok((await col.textContent('#return-problems')).includes('uncompresses to more than 50 MB'), 'a zip bomb is refused');
  await col.setInputFiles('#workbook', fill('entities', path.join(tmp, 'ent.xlsx')));
  await submit(col, 'Return the pre-inspection return');
  ok((await col.textContent('#return-problems')).includes('declares a DOCTYPE'), 'entity declarations are refused');
  ok(countReturns() === before, 'no refused workbook stored anything');
  await col.setInputFiles('#workbook', fill('fill', path.join(tmp, 'clean.xlsx'), JSON.stringify({
    children: [['On the register', 42, '2026-01-31']],
    services: [['Social work', 'Council', { f: '10+2', v: 12 }], ['Duty team', 'Council', 3]] })));
  await submit(col, 'Return the pre-inspection return');
  ok(col.url().includes('done=return') &&
    (await col.textContent('main')).includes('Version 2, returned by Col Ordinator (col)'), 'the clean workbook is stored', col.url());
  ok(countReturns() === before + 1, 'one more return stored');

  // 4. The position statement: over the limit refused with the count, then within it.
  await col.fill('#section-S1', words(4998));
  await col.fill('#section-S2', 'We act together.');
  await submit(col, 'Submit the position statement');
  const summary = await col.textContent('.ds_error-summary');
  ok(summary.includes('5001 words') && summary.includes('limit of 5000 words'),
    'a statement of 5,001 words is refused with its count', summary);
  ok((await col.inputValue('#section-S2')) === 'We act together.', 'the text typed is kept');
  await col.fill('#section-S1', words(400));
  await submit(col, 'Submit the position statement');
  ok((await col.textContent('main')).includes('Version 1, 403 words'), 'a statement within the limit is stored');

  // 5. A supporting document and a claim citing it.
  await col.fill('#doc-title', 'IRD audit 2025');
  await col.setInputFiles('#doc-file', { name: 'ird-audit.txt', mimeType: 'text/plain', buffer: Buffer.from('the audit\n') });
  await submit(col, 'Upload the document');
  ok(col.url().includes('done=document') && (await col.textContent('main')).includes('ird-audit.txt'),
    'the co-ordinator uploads a supporting document');
  res = await col.context().request.get(`${base}/inspections/1/partnership/documents/1`);
  ok(res.status() === 200 && (await res.text()) === 'the audit\n', 'it downloads as uploaded');
  await col.selectOption('#claim-section', 'S1');
  await col.fill('#claim-text', 'Every inter-agency referral discussion is held within a day');
  await col.fill('#claim-documents', '1');
  await submit(col, 'Add the claim');
  ok((await col.textContent('#claim-1')).includes('Supporting documents: 1'), 'the claim cites the document');
  ok(!(await col.textContent('main')).includes('Record the test'), 'the co-ordinator cannot test claims');

  // 6. An inspector tests the claim; the grade page shows it.
  cairn(db, ['evidence', 'add', '1', '--source', 'records-reading', '--text',
    'Two of ten IRDs took more than three days', '--qi', '2.1', '--status', 'concern', '--as', 'ian']);
  const ian = await ctx('ian');
  await ian.goto(insp);
  await ian.fill('#test-1-qi', '2.1');
  await ian.selectOption('#test-1-verdict', 'contradicted');
  await ian.fill('#test-1-evidence', '99');
  await submit(ian, 'Record the test');
  ok((await ian.textContent('.ds_error-summary')).includes('there is no evidence 99'),
    'an unknown evidence number is refused');
  await ian.fill('#test-1-qi', '2.1');
  await ian.selectOption('#test-1-verdict', 'contradicted');
  await ian.fill('#test-1-evidence', '1');
  await submit(ian, 'Record the test');
  ok((await ian.textContent('#claim-1')).includes('Contradicted'), 'the claim shows its verdict');
  await ian.goto(`${base}/inspections/1/grade/2.1`);
  const claims = await ian.textContent('#position-claims');
  ok(claims.includes('Contradicted') && claims.includes('within a day') && claims.includes('evidence 1'),
    'the grade page of 2.1 shows the claim contradicted by evidence 1', claims);
  await checkPage(ian, 'the grade page with the claims');
  for (const p of [lead, col, ian]) await p.context().close();
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-partnership.'));
  const db = path.join(dir, 'cairn.db');
  cairn(db, ['init']);
  for (const [u, name] of [['lena', 'Lena Lead'], ['ian', 'Ian Inspector'], ['col', 'Col Ordinator']]) {
    cairn(db, ['user', 'add', u, '--name', name], `${PASSWORD}\n`);
  }
  cairn(db, ['inspection', 'create', '--partnership', 'Glenbrae', '--framework', 'at-risk-2021',
    '--notified', '2026-01-05', '--fieldwork', '2026-03-02..2026-03-06']);
  for (const [u, role] of [['lena', 'lead'], ['ian', 'inspector'], ['col', 'partnership-coordinator']]) {
    cairn(db, ['team', 'add', '1', u, '--role', role]);
  }
  const srv = await startServer(db);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    await flow(browser, srv.base, db);
    const j = JSON.parse(cairn(db, ['partnership', 'show', '1', '--json']));
    ok(j.return.version === 2 && j.statement.version === 1 && j.claims[0].tests[0].verdict === 'contradicted',
      'the database holds what the browser did', j);
  } finally {
    await browser.close();
    srv.proc.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
  finish();
}

main().catch((e) => {
  ok(false, 'the browser flow ran', String(e && e.stack ? e.stack : e));
  finish(true);
});
