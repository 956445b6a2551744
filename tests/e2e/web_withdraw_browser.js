// Withdrawing and reinstating evidence in a real browser (issue 17): Debian's
// chromium through playwright-core.  The lead opens an evidence item, is told
// beside the input that a reason is needed, withdraws it with one, sees it
// marked in the log and gone from the grade page's balance, and reinstates it;
// a young inspector is not offered the form on another's item.  Every page
// state (at 390 px wide) is checked with axe-core, and no JavaScript error
// may occur on the evidence item's page.  The result is read
// back with `cairn`.
// Prints TAP.
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
  await page.goto(`${base}/signin`);
  await page.fill('#username', user);
  await page.fill('#password', PASSWORD);
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Sign in")')]);
}

// The number in the grade page's "Strengths" summary row.
async function strengths(page) {
  return page.evaluate(() => {
    for (const li of document.querySelectorAll('.ds_summary-list__item')) {
      const k = li.querySelector('.ds_summary-list__key');
      if (k && k.textContent.trim() === 'Strengths') {
        return Number(li.querySelector('.ds_summary-list__answer').textContent.trim());
      }
    }
    return -1;
  });
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-withdraw.'));
  const db = path.join(dir, 'cairn.db');
  cairn(db, ['demo', '--out', path.join(dir, 'out')]);
  for (const [user, name, role] of [['lead', 'Lena Lead', 'lead'],
    ['young', 'Yasmin Young', 'young-inspector']]) {
    cairn(db, ['user', 'add', user, '--name', name], `${PASSWORD}\n`);
    cairn(db, ['team', 'add', '1', user, '--role', role]);
  }
  const before = JSON.parse(cairn(db, ['evaluation', 'show', '1', '2.1', '--json']))
    .evaluations[0].balance.total.strength;
  const num = Number(cairn(db, ['evidence', 'add', '1', '--source', 'interview', '--text',
    'Plans were reviewed on time', '--qi', '2.1', '--status', 'strength', '--as', 'lead']).trim());
  const srv = await startServer(db);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  // JavaScript errors on the item's page.  (A form refused with 400 is logged by the
  // browser as a failed load; that is the page answering, not an error.)
  const consoleErrors = [];
  const onItem = (u) => /\/evidence\/[0-9]+/.test(u);
  const watch = (page) => {
    page.on('console', (m) => {
      if (m.type() === 'error' && onItem(page.url()) && !/Failed to load resource/.test(m.text())) {
        consoleErrors.push(`${page.url()}: ${m.text()}`);
      }
    });
    page.on('pageerror', (e) => { if (onItem(page.url())) consoleErrors.push(`${page.url()}: ${e.stack}`); });
  };
  const item = `${srv.base}/inspections/1/evidence/${num}`;
  try {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await ctx.newPage();
    watch(page);
    await signIn(page, srv.base, 'lead');
    await page.goto(`${srv.base}/inspections/1/grade/2.1`);
    ok(await strengths(page) === before + 1, `the grade page counts ${before + 1} strengths for 2.1`);

    await page.goto(item);
    ok(await page.isVisible('h2:has-text("Withdraw this evidence")'), 'the lead is offered the withdraw form');
    await checkPage(page, 'the evidence item');
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Withdraw the evidence")')]);
    ok(await page.isVisible('.ds_error-summary a[href="#reason"]'),
      'without a reason: the error summary links to the reason');
    ok((await page.textContent('.ds_error-summary')).includes('say why the evidence is withdrawn'),
      'and says what is missing');
    await checkPage(page, 'the evidence item with an error');
    await page.fill('#reason', 'Said twice in one interview');
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Withdraw the evidence")')]);
    ok((await page.textContent('.ds_notification')).includes('Evidence withdrawn'), 'withdrawn: the banner says so');
    const main = await page.textContent('main');
    ok(main.includes('Said twice in one interview') && main.includes('Withdrawn by Lena Lead (lead)'),
      'the item shows who withdrew it and why');
    ok(await page.isVisible('button:has-text("Reinstate the evidence")') &&
      !(await page.isVisible('button:has-text("Save changes")')),
    'it offers reinstating, not changing');
    await checkPage(page, 'a withdrawn evidence item');

    await page.goto(`${srv.base}/inspections/1/evidence`);
    const row = await page.evaluate((n) => {
      const a = document.querySelector(`a[aria-label="Evidence ${n}"]`);
      return a ? a.closest('tr').textContent : '';
    }, num);
    ok(row.includes('Withdrawn'), 'the evidence log still lists it, marked Withdrawn', row);
    await checkPage(page, 'the evidence log with a withdrawn item');
    await page.goto(`${srv.base}/inspections/1/grade/2.1`);
    ok(await strengths(page) === before, 'the grade page no longer counts it');

    // A young inspector sees the item but no form for it.
    const c2 = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const p2 = await c2.newPage();
    watch(p2);
    await signIn(p2, srv.base, 'young');
    await p2.goto(item);
    ok(!(await p2.isVisible('button:has-text("Reinstate the evidence")')) &&
      (await p2.textContent('main')).includes('Withdrawn by Lena Lead (lead)'),
    'a young inspector sees the withdrawal but may not reinstate another\'s item');
    await checkPage(p2, 'a withdrawn item for a young inspector');
    await c2.close();

    await page.goto(item);
    await page.fill('#reason', 'A separate interview after all');
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Reinstate the evidence")')]);
    ok((await page.textContent('.ds_notification')).includes('reinstated'), 'reinstated: the banner says so');
    ok(await page.isVisible('h2:has-text("Withdraw this evidence")'), 'and the forms are back');
    await ctx.close();

    const shown = JSON.parse(cairn(db, ['evidence', 'show', '1', String(num), '--json']));
    const fields = shown.history.map((h) => h.field).slice(-2);
    ok(shown.withdrawn === false && fields[0] === 'withdrawn' && fields[1] === 'reinstated' &&
      shown.history[shown.history.length - 2].new === 'Said twice in one interview',
    'the command line shows it counting again, both changes in its history', shown.history);
    ok(JSON.parse(cairn(db, ['evaluation', 'show', '1', '2.1', '--json']))
      .evaluations[0].balance.total.strength === before + 1, 'and in the balance again');
    ok(consoleErrors.length === 0, 'no JavaScript error on the evidence item\'s page', consoleErrors);
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
