// Browser test of matters of concern as the procedure runs (issue #21), in
// Debian's chromium through playwright-core, the pages checked with axe-core:
// the lead raises a child protection concern with the kind selector; a local
// reader cannot open it; an inspector sees its timeline but no form, and a
// decision posted anyway is refused in plain words; the depute may not
// decide either; skipping the decision is refused saying what comes next; a
// decision without reasons is shown against its input; then the lead
// escalates, the depute passes it to the senior officer and records the
// partnership's response and the local referral, and the lead closes it,
// each step on the timeline and in the audit log.  A request for a learning
// review reads under its own step names.  With the clock ten days on, an
// open concern is flagged overdue on the list.  The panel records that a
// progress review is needed (a missing date refused against its input).
// Prints TAP.
'use strict';

const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const {
  SRCDIR, CAIRN, CHROMIUM, PASSWORD, chromium, ok, cairn, startServer, axe, finish,
} = require('./browserlib.js');

async function submit(page, button) {
  await Promise.all([page.waitForNavigation(), page.click(`button:has-text("${button}")`)]);
}

async function signIn(browser, base, user) {
  const c = await browser.newContext();
  const p = await c.newPage();
  p.setDefaultTimeout(20000);
  await p.goto(`${base}/signin`);
  await p.fill('#username', user);
  await p.fill('#password', PASSWORD);
  await submit(p, 'Sign in');
  return p;
}

async function checkPage(page, what) {
  const v = await axe(page);
  ok(v.length === 0, `axe: no WCAG 2.2 A/AA violations on ${what}`, v);
}

// Posts a form as the page's own session (its CSRF token from the page).
async function postForm(page, url, fields) {
  const csrf = await page.getAttribute('input[name="csrf"]', 'value');
  const res = await page.context().request.post(url, {
    form: { csrf, ...fields }, maxRedirects: 0,
  });
  return { status: res.status(), text: await res.text() };
}

function isoDay(offset) {
  const d = new Date(Date.now() + offset * 86400000);
  return d.toISOString().slice(0, 10);
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-concern.'));
  const db = path.join(dir, 'cairn.db');
  cairn(db, ['demo', '--out', path.join(dir, 'out')]);
  execFileSync('python3', [path.join(SRCDIR, 'scripts', 'demo_data.py'), CAIRN, db,
    path.join(dir, 'out')], { stdio: 'ignore' });
  const people = [['lena', 'Lena Lead', 'lead'], ['dora', 'Dora Depute', 'depute'],
    ['ian', 'Ian Inspector', 'inspector'], ['rory', 'Rory Reader', 'local-reader'],
    ['pam', 'Pat Panel', 'panel']];
  for (const [u, name, role] of people) {
    cairn(db, ['user', 'add', u, '--name', name], `${PASSWORD}\n`);
    cairn(db, ['team', 'add', '1', u, '--role', role]);
  }
  const sample = JSON.parse(cairn(db, ['sample', 'list', '1', '--json']));
  const refs = (sample.members || sample).filter((m) => m.status === 'selected').map((m) => m.ref);
  const today = isoDay(0);
  let srv = await startServer(db);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const base = srv.base;
    const insp = `${base}/inspections/1`;
    const lead = await signIn(browser, base, 'lena');
    // 1. The lead raises a child protection concern with the kind selector.
    await lead.goto(`${insp}/concerns`);
    ok(await lead.isVisible('select#kind'), 'the raise form has a kind selector');
    const kinds = await lead.$$eval('select#kind option', (os_) => os_.map((o) => o.value));
    ok(['child-protection', 'child', 'practice', 'review'].every((k) => kinds.includes(k)),
      'the kinds as the guide names them', kinds);
    await checkPage(lead, 'the matters of concern page');
    await lead.selectOption('#kind', 'child-protection');
    await lead.selectOption('#ref', refs[0]);
    await lead.fill('#text', 'Bruising noted in a health visitor entry; no IRD recorded');
    await submit(lead, 'Raise concern');
    const m = lead.url().match(/\/concerns\/([0-9]+)/);
    ok(m, 'raised, and on its own page', lead.url());
    const cid = m ? m[1] : '0';
    const page = `${insp}/concerns/${cid}`;
    let main = await lead.textContent('main');
    ok(main.includes('Child protection concern') && main.includes('Raised'),
      'the concern page shows its kind and the raised step', main.slice(0, 400));
    ok(await lead.isVisible('button:has-text("Escalated by the lead")') &&
      await lead.isVisible('button:has-text("Not escalated by the lead")'),
    'the lead is offered the decision, both ways');
    ok(!(await lead.isVisible('#passed-officer')), 'and nothing after it yet');
    await checkPage(lead, 'a concern page with the decision forms');

    // 2. A local reader cannot see it, let alone decide.
    const reader = await signIn(browser, base, 'rory');
    const rr = await reader.goto(page);
    const rtext = await reader.textContent('body');
    ok(rr.status() === 403 || rr.status() === 404, 'a local reader cannot open the concern',
      rr.status());
    ok(!rtext.includes('Bruising'), 'and sees nothing of it');
    const rpost = await postForm(reader, `${page}/step`, { step: 'escalated', text: 'x' });
    ok(rpost.status === 403 || rpost.status === 404, 'a local reader cannot decide', rpost.status);

    // 3. An inspector sees the timeline but no form; a decision posted
    // anyway is refused in plain words.
    const ian = await signIn(browser, base, 'ian');
    await ian.goto(page);
    main = await ian.textContent('main');
    ok(main.includes('Raised') && !(await ian.isVisible('button:has-text("Escalated by the lead")')),
      'an inspector sees the timeline and no decision form');
    ok(main.includes('the inspection lead first decides whether to escalate it'),
      'and is told what comes next');
    let res = await postForm(ian, `${page}/step`, { step: 'escalated', text: 'I think so' });
    ok(res.status === 403 && res.text.includes('you are an inspector on this inspection and may not '
      + 'decide whether a matter of concern is escalated: only an inspection lead may'),
      'an inspector\'s decision is refused in plain words', [res.status, res.text.slice(0, 200)]);

    // 4. The depute may not decide either (the lead decides).
    const dora = await signIn(browser, base, 'dora');
    await dora.goto(page);
    ok(!(await dora.isVisible('button:has-text("Escalated by the lead")')),
      'the depute is not offered the decision');

    // 5. Skipping the decision is refused, saying what comes next.
    res = await postForm(lead, `${page}/step`, {
      step: 'passed', officer: 'Jo Smith, Chief Social Work Officer', date: today, text: 'x',
    });
    ok(res.status === 409 && res.text.includes('the inspection lead first decides whether to escalate it'),
      'passing it before the decision is refused with what comes next', [res.status]);
    ok(!/(^|[^\w-])--[a-z]/.test(res.text.replace(/<[^>]*>/g, ' ')) &&
      !/\bcairn concern\b/.test(res.text),
      'the refusal names no command or flag');

    // 6. A decision without reasons: the error beside its input.
    await lead.goto(page);
    await submit(lead, 'Escalated by the lead');
    ok(await lead.isVisible('a[href="#escalated-text"]') &&
      (await lead.textContent('main')).includes('the reasons for the decision is required'),
    'a decision without reasons is shown against the reasons');
    await checkPage(lead, 'a concern page with an error');
    // 7. The lead escalates it.
    await lead.fill('#escalated-text', 'Possible non-accidental injury; immediate risk');
    await submit(lead, 'Escalated by the lead');
    main = await lead.textContent('main');
    ok(main.includes('The step was recorded') && main.includes('Escalated by the lead') &&
      main.includes('immediate risk'), 'escalated, with its reasons on the timeline');

    // 8. The depute passes it to the partnership's senior officer.
    await dora.goto(page);
    ok(await dora.isVisible('#passed-officer'), 'the depute is offered the next step');
    await dora.fill('#passed-officer', 'Jo Smith, Chief Social Work Officer');
    await dora.fill('#passed-date', today);
    await dora.fill('#passed-text', 'Told by telephone and in writing');
    await submit(dora, "Passed to the partnership's senior officer");
    main = await dora.textContent('main');
    ok(main.includes('To Jo Smith, Chief Social Work Officer'), 'passed: who, on the timeline');

    // 9. The partnership's response and the local referral.
    await dora.fill('#responded-date', '2001-01-01');
    await dora.fill('#responded-text', 'Visit made the same day');
    await submit(dora, "Partnership's response recorded");
    ok(await dora.isVisible('a[href="#responded-date"]') &&
      (await dora.textContent('main')).includes('before the concern\'s last step'),
    'a response dated before the concern was passed is refused against the date');
    await dora.fill('#responded-date', today);
    await dora.fill('#responded-referral', today);
    await dora.fill('#responded-text', 'Visit made the same day; referral to the CP team');
    await submit(dora, "Partnership's response recorded");
    main = await dora.textContent('main');
    ok(main.includes('Local referral') && main.includes('referral to the CP team'),
      'the response and the local referral are on the timeline');

    // 10. The lead closes it.
    await lead.goto(page);
    await lead.fill('#closed-text', 'Child protection plan in place; nothing further for us');
    await submit(lead, 'Closed');
    main = await lead.textContent('main');
    ok(main.includes('Closed') && !(await lead.isVisible('textarea')), 'closed, no form left');
    await checkPage(lead, 'a closed concern\'s timeline');
    const shown = JSON.parse(cairn(db, ['concern', 'show', '1', cid, '--json']));
    ok(shown.steps.map((s) => s.step).join(',') === 'raised,escalated,passed,responded,closed',
      'the CLI sees every step, in order', shown.steps.map((s) => s.step));
    ok(shown.steps[2].by === 'dora' && shown.steps[1].by === 'lena',
      'each step recorded who made it', shown.steps.map((s) => s.by));
    const audit = cairn(db, ['audit', 'list', '--json']);
    ok(['concern.raise', 'concern.decide', 'concern.pass', 'concern.respond', 'concern.close']
      .every((a) => audit.includes(`"${a}"`)), 'every step is in the audit log');
    ok(!audit.includes('Bruising') && !audit.includes('immediate risk'),
      'the audit log holds none of the concern\'s text');

    // 11. A request for a learning review reads under its own names.
    await lead.goto(`${insp}/concerns`);
    await lead.selectOption('#kind', 'review');
    await lead.selectOption('#ref', refs[1]);
    await lead.fill('#text', 'Criteria for a learning review may be met');
    await submit(lead, 'Raise concern');
    main = await lead.textContent('main');
    ok(main.includes('Review requested') &&
      await lead.isVisible('button:has-text("Request supported by the lead")'),
    'a review request is "requested" and "supported"');

    // 12. Ten days on, the open concern is overdue on the lead's list, beside
    // the demo's own concern awaiting the partnership (scripts/demo_data.py).
    srv.proc.kill('SIGTERM');
    process.env.CAIRN_TODAY = isoDay(10);
    srv = await startServer(db);
    delete process.env.CAIRN_TODAY;
    const later = await signIn(browser, srv.base, 'lena');
    await later.goto(`${srv.base}/inspections/1/concerns`);
    main = await later.textContent('main');
    ok(main.includes('2 concerns are overdue') && main.includes('Overdue'),
      'ten days on, the open request is flagged overdue', main.slice(0, 600));
    ok(main.includes('10 days'), 'with its age');
    await checkPage(later, 'the concerns list with an overdue concern');
    await later.goto(`${srv.base}/inspections/1`);
    ok(await later.isVisible('#concerns-overdue') &&
      (await later.textContent('#concerns-overdue')).includes('2 matters of concern are overdue'),
    'the inspection overview tells the lead one is overdue');
    const ianLater = await signIn(browser, srv.base, 'ian');
    await ianLater.goto(`${srv.base}/inspections/1`);
    ok(!(await ianLater.isVisible('#concerns-overdue')), 'but not an inspector');

    // 13. The panel records that a progress review is needed.
    const pam = await signIn(browser, srv.base, 'pam');
    await pam.goto(`${srv.base}/inspections/1/panel`);
    await pam.click('label[for="needed"]');
    await submit(pam, 'Record the decision');
    ok(await pam.isVisible('a[href="#due"]'), 'a needed review without a date is refused against the date');
    await pam.click('label[for="needed"]');
    await pam.fill('#due', isoDay(400));
    await pam.fill('#focus', 'Assessing and responding to risks and needs (QI 5.2)');
    await submit(pam, 'Record the decision');
    main = await pam.textContent('#progress-decision');
    ok(main.includes('A progress review is needed') && main.includes('QI 5.2'),
      'the panel page states the decision', main);
    await checkPage(pam, 'the panel page with the progress review decision');
    await ianLater.goto(`${srv.base}/inspections/1/panel`);
    ok(!(await ianLater.isVisible('button:has-text("Record the decision")')),
      'an inspector is not offered the panel\'s form');
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
