// Choosing a person from a list (issue 17), against the real server in
// Debian's chromium through playwright-core:
// - Every form that names a person offers the accounts that can sign in as
//   a select ("Lena Lead (lena)"), never a disabled one: the create form's
//   lead (the creator chosen first), the team, the readers and the lead of a
//   fieldwork activity (only team members there).  Choosing one works and the
//   command line then shows the same person; a refused submit keeps the
//   choice, with the error at its input and every error in the summary.
// - The accounts page shows each account's last sign-in and each API
//   token's last use as people write dates, in <time datetime>, equal to
//   `cairn user list|tokens --json`; the token form offers only accounts that
//   can sign in.
// Every page state: axe 0 violations, valid HTML (html-validate), no console
// error, no sideways scroll at 390 px, no cairn command or --flag named.
// Prints TAP.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const {
  NM, SRCDIR, CHROMIUM, PASSWORD, chromium, ok, cairn, skipAll, startServer, axe, finish,
  htmlValidator, signIn, checkPage, submit, beside,
} = require('./browserlib.js');


const WIDTH = 390;
let hv = null;
let browser = null;
let base = '';
let db = '';

// The shared kit (browserlib.js) at the phone's width.
const person = (user) => signIn(browser, base, user, WIDTH);
const check = (page, what) => checkPage(page, what, hv, WIDTH);

// The inputs the error summary links to.
async function summaryLinks(page) {
  return page.$$eval('.ds_error-summary a[href^="#"]', (as) => as.map((a) => a.getAttribute('href').slice(1)));
}

// The options of select id: [{ value, label }], the empty first one left out.
async function options(page, id) {
  return page.$$eval(`select#${id} option`, (os) => os.map((o) => ({ value: o.value, label: o.textContent.trim() }))
    .filter((o) => o.value !== ''));
}

function cli(args) {
  return JSON.parse(cairn(db, [...args, '--json']));
}

// The accounts that can sign in, as the pages should offer them.
function active() {
  return cli(['user', 'list']).filter((a) => !a.disabled)
    .map((a) => ({ value: a.username, label: a.name === a.username ? a.username : `${a.name} (${a.username})` }));
}

function same(a, b) {
  const key = (v) => JSON.stringify(v.map((x) => `${x.value}\t${x.label}`).sort());
  return key(a) === key(b);
}

async function createForm(ada) {
  await ada.goto(`${base}/`);
  await Promise.all([ada.waitForNavigation(), ada.click('a[href="/new-inspection"]')]);
  const offered = await options(ada, 'lead');
  ok(same(offered, active()), 'the create form offers as lead every account that can sign in, by name and username',
    { offered, active: active() });
  ok(offered.some((o) => o.label === 'Lena Lead (lena)') && !offered.some((o) => o.value === 'gone'),
    'as "Lena Lead (lena)", and never the disabled account', offered);
  ok(await ada.inputValue('#lead') === 'ada', 'the creator is chosen first');
  await check(ada, 'the create-inspection form');

  // Everything wrong at once: each error in the summary, the choice kept.
  await ada.selectOption('#lead', 'lena');
  await ada.fill('#notified', 'soon');
  let resp = await submit(ada, 'Create inspection');
  let links = await summaryLinks(ada);
  ok(resp.status() === 400 && links.includes('partnership') && links.includes('notified'),
    'a refused create lists every wrong field in the summary', { status: resp.status(), links });
  ok(await ada.inputValue('#lead') === 'lena', 'and keeps the chosen lead');
  await check(ada, 'the create form refused');
  const before = cli(['inspection', 'list']).length;

  // No lead chosen: the error at the select.
  await ada.fill('#partnership', 'Pickshire');
  await ada.fill('#notified', '');
  await ada.selectOption('#lead', '');
  resp = await submit(ada, 'Create inspection');
  links = await summaryLinks(ada);
  ok(resp.status() === 400 && links.includes('lead') && (await beside(ada, 'lead')).includes('Choose the inspection lead') &&
    await ada.getAttribute('#lead', 'aria-invalid') === 'true',
    'no lead chosen: the error is at the select and in the summary', { links, msg: await beside(ada, 'lead') });
  ok(await ada.inputValue('#partnership') === 'Pickshire', 'and the partnership typed is kept');
  ok(cli(['inspection', 'list']).length === before, 'nothing was created');
  await check(ada, 'the create form with no lead');

  await ada.selectOption('#lead', 'lena');
  await ada.selectOption('#framework', 'cyp-2014');
  await submit(ada, 'Create inspection');
  const m = ada.url().match(/\/\?created=([0-9]+)$/);
  ok(m, 'the inspection is created', ada.url());
  const id = m ? m[1] : '0';
  const team = cli(['team', 'list', id]);
  ok(team.length === 1 && team[0].person === 'lena' && team[0].role === 'lead',
    'the command line shows the chosen lead on its team', team);
  await check(ada, 'the home page after creating');
  return id;
}

async function teamForm(lena, id) {
  // A member whose account was disabled after joining stays on the team
  // (a disabled account cannot be appointed: app_person_appointable).
  cairn(db, ['user', 'enable', 'gone']);
  cairn(db, ['team', 'add', id, 'gone', '--role', 'inspector']);
  cairn(db, ['user', 'disable', 'gone']);
  const insp = `${base}/inspections/${id}`;
  await lena.goto(`${insp}/team`);
  const offered = await options(lena, 'person');
  ok(same(offered, active()), 'the team form offers every account that can sign in, never the disabled one', offered);
  ok(await lena.inputValue('#role') === '', 'no role is chosen for the person before they pick one');
  await lena.selectOption('#person', 'rory');
  let resp = await submit(lena, 'Add to the team');
  ok(resp.status() === 400 && (await summaryLinks(lena)).includes('role') &&
    await lena.inputValue('#person') === 'rory', 'no role chosen: refused at the role, the person kept',
    await summaryLinks(lena));
  ok(!cli(['team', 'list', id]).some((t) => t.person === 'rory'), 'nobody was added');
  await check(lena, 'the team form refused');
  await lena.selectOption('#role', 'inspector');
  await submit(lena, 'Add to the team');
  await lena.selectOption('#person', 'ian');
  await lena.selectOption('#role', 'inspector');
  await submit(lena, 'Add to the team');
  const team = cli(['team', 'list', id]);
  ok(team.some((t) => t.person === 'rory' && t.role === 'inspector') &&
    team.some((t) => t.person === 'ian' && t.role === 'inspector'), 'the command line shows the people chosen', team);
  const rows = await lena.$$eval('tbody th[scope=row]', (ths) => ths.map((t) => t.textContent.trim()));
  ok(rows.includes('Lena Lead (lena)') && rows.includes('Rory Inspector (rory)') && rows.includes('ian') &&
    rows.includes('gone'), 'the team table names each member as a person (the disabled one by username)', rows);
  ok(await lena.isVisible('button[aria-label="Remove Rory Inspector (rory)"]'), 'and each remove button by that name');
  await check(lena, 'the team page');
}

async function readersForm(lena, id) {
  const insp = `${base}/inspections/${id}`;
  await lena.goto(`${insp}/readers`);
  const offered = await options(lena, 'name');
  ok(same(offered, active()), 'the readers form offers every account that can sign in', offered);
  await lena.selectOption('#name', 'rory');
  const resp = await submit(lena, 'Add reader');
  ok(resp.status() === 400 && (await summaryLinks(lena)).includes('kind') &&
    await lena.inputValue('#name') === 'rory', 'no kind chosen: refused at the kind, the reader kept');
  await check(lena, 'the readers form refused');
  await lena.click('label[for="kind"]');
  await submit(lena, 'Add reader');
  const readers = cli(['reader', 'list', id]).readers || [];
  ok(readers.some((r) => r.name === 'rory'), 'the command line lists the reader chosen', readers);
  const named = await lena.$$eval('tbody th[scope=row]', (ths) => ths.map((t) => t.textContent.trim()));
  ok(named.includes('Rory Inspector (rory)'), 'the readers table names the reader as a person', named);
  const removable = await options(lena, 'reader');
  ok(removable.some((o) => o.value === 'rory' && o.label === 'Rory Inspector (rory)'),
    'the remove form names the reader as a person', removable);
  await check(lena, 'the readers page with a reader');

  // Two pairs with records: the form that moves a reading names each pair's readers.
  cairn(db, ['reader', 'add', id, 'ian', '--kind', 'inspector']);
  cairn(db, ['reader', 'add', id, 'rhona', '--kind', 'local']);
  cairn(db, ['reader', 'add', id, 'rab', '--kind', 'local']);
  let csv = 'ref,area\n';
  for (let i = 1; i <= 20; i++) csv += `C${String(i).padStart(3, '0')},${i % 2 ? 'north' : 'south'}\n`;
  const pop = path.join(path.dirname(db), 'pop.csv');
  fs.writeFileSync(pop, csv);
  cairn(db, ['population', 'import', id, pop]);
  cairn(db, ['sample', 'draw', id, '--size', '6', '--strata', 'area', '--seed', '7']);
  cairn(db, ['reader', 'assign', id]);
  await lena.goto(`${insp}/readers`);
  const plan = cli(['reader', 'list', id]);
  const nameOf = (u) => {
    const a = active().find((x) => x.value === u);
    return a ? a.label : u;
  };
  const want = (plan.pairs || []).map((pr) => ({ value: String(pr.pair),
    label: `Pair ${pr.pair}: ${nameOf(pr.inspector)} and ${nameOf(pr.local)}` }));
  const pairs = await options(lena, 'pair');
  ok(want.length === 2 && same(pairs, want), 'the pairs to move a reading to are named by their readers', { pairs, want, plan: plan.pairs });
  await check(lena, 'the readers page with pairs');
}

async function fieldworkForm(lena, id) {
  const insp = `${base}/inspections/${id}`;
  await lena.goto(`${insp}/fieldwork`);
  const offered = await options(lena, 'lead');
  const want = active().filter((a) => ['lena', 'rory', 'ian'].includes(a.value));
  ok(same(offered, want), 'the fieldwork form offers the team members who can sign in, by name (no disabled member, nobody off the team)',
    { offered, want });
  await lena.selectOption('#kind', { index: 0 });
  await lena.selectOption('#lead', 'ian');
  await lena.fill('#place', 'Pickshire Family Centre');
  await lena.fill('#date', 'someday');
  let resp = await submit(lena, 'Add the activity');
  ok(resp.status() === 400 && await lena.inputValue('#lead') === 'ian',
    'a refused activity keeps the lead chosen', resp.status());
  ok(cli(['fieldwork', 'list', id]).length === 0, 'no activity was added');
  await check(lena, 'the fieldwork form refused');
  await lena.fill('#date', '2026-10-06');
  resp = await submit(lena, 'Add the activity');
  const acts = cli(['fieldwork', 'list', id]);
  ok(acts.length === 1 && acts[0].lead === 'ian', 'the command line shows the lead chosen', acts);
  await check(lena, 'the fieldwork plan with an activity');
}

async function accountsPage(ada) {
  // Both of the add form's inputs wrong: both in the summary at once.
  await ada.goto(`${base}/accounts`);
  const nusers = cli(['user', 'list']).length;
  await ada.fill('#username', '9 bad');
  await ada.fill('#name', 'N'.repeat(201));
  let resp0 = await submit(ada, 'Add account');
  const links = await summaryLinks(ada);
  ok(resp0.status() === 400 && links.includes('username') && links.includes('name') &&
    (await beside(ada, 'name')).includes('200'), 'a bad username and a too-long name: both in the error summary, each at its input', links);
  ok(cli(['user', 'list']).length === nusers, 'no account was added');
  await check(ada, 'the accounts page with two errors');

  // A token for lena, made from the list, then used once.
  await ada.goto(`${base}/accounts`);
  const offered = await options(ada, 'token-account');
  ok(same(offered, active()), 'the token form offers only the accounts that can sign in, by name', offered);
  let resp = await submit(ada, 'Make token');
  ok(resp.status() === 400 && (await summaryLinks(ada)).includes('token-account'),
    'no account chosen: refused at the select', resp.status());
  await check(ada, 'the token form refused');
  await ada.selectOption('#token-account', 'lena');
  await ada.fill('#label', 'pick test');
  await submit(ada, 'Make token');
  const token = (await ada.textContent('.ds_summary-list__answer, .ds_summary-list__value')).trim();
  const r = await ada.context().request.fetch(`${base}/api/v1/inspections`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  ok(r.status() === 200, 'the token works once', r.status());

  await ada.goto(`${base}/accounts`);
  const users = cli(['user', 'list']);
  const rows = await ada.$$eval('table', (ts) => ts.map((t) => [...t.querySelectorAll('tbody tr')].map((tr) =>
    [...tr.children].map((c) => ({ text: c.textContent.replace(/\s+/g, ' ').trim(),
      time: c.querySelector('time') ? c.querySelector('time').getAttribute('datetime') : null })))));
  const acc = rows[0] || [];
  const heads = await ada.$$eval('table', (ts) => ts.map((t) => [...t.querySelectorAll('thead th')].map((th) => th.textContent.trim())));
  const si = (heads[0] || []).indexOf('Last signed in');
  const shown = acc.map((row) => ({ user: row[0].text, time: si >= 0 ? row[si].time : undefined, text: si >= 0 ? row[si].text : '' }));
  const want = users.map((u) => ({ user: u.username, time: u.last_signin_at }));
  ok(si > 0 && want.every((w) => shown.some((s) => s.user === w.user && s.time === w.time)),
    'each account\'s last sign-in is shown in <time datetime>, equal to the command line\'s', { shown, want });
  ok(shown.some((s) => s.user === 'ada' && /^[0-9]{1,2} [A-Z][a-z]+ 20[0-9]{2} at [0-9]{2}:[0-9]{2} UTC$/.test(s.text)) &&
    shown.some((s) => s.user === 'gone' && s.text === 'Never'),
    'written as people write dates ("2 March 2026 at 14:05 UTC"), "Never" when never', shown);
  const tokens = cli(['user', 'tokens']);
  const ti = (heads[1] || []).indexOf('Last used');
  const trow = (rows[1] || []).find((row) => row[1].text === 'lena');
  ok(ti > 0 && trow && tokens.length === 1 && tokens[0].last_used_at && trow[ti].time === tokens[0].last_used_at,
    'the token\'s last use is shown in <time datetime>, equal to the command line\'s', { trow, tokens });
  await check(ada, 'the accounts page with sign-ins and a used token');
}

// What a new administrator sees first: the audit log's times as people
// write them, and an inspection's programme by its title.
async function firstPages(ada, lena, id) {
  await ada.goto(`${base}/audit`);
  const rows = await ada.$$eval('tbody tr', (trs) => trs.map((tr) => {
    const c = [...tr.children];
    const t = c[1] ? c[1].querySelector('time') : null;
    return { id: c[0].textContent.trim(), time: t ? t.getAttribute('datetime') : null, text: c[1] ? c[1].textContent.trim() : '' };
  }));
  const log = cli(['audit', 'list']);
  ok(rows.length > 0 && rows.every((r) => {
    const e = log.find((x) => String(x.id) === r.id);
    return e && r.time === e.at && /^[0-9]{1,2} [A-Z][a-z]+ 20[0-9]{2} at [0-9]{2}:[0-9]{2} UTC$/.test(r.text);
  }), 'the audit log gives each entry\'s time as people write it, in <time datetime> equal to the command line\'s',
  rows.slice(0, 3));
  await check(ada, 'the audit log');
  await lena.goto(`${base}/inspections/${id}`);
  const model = cli(['model', 'list']).find((m) => m.code === 'cyp-2014');
  const text = await lena.innerText('main');
  ok(model && text.includes(`${model.title} (version`) && !text.includes('cyp-2014, version'),
    "the inspection's overview names its model pack by title, not code", model);
  await check(lena, 'the inspection overview');
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-pick.'));
  db = path.join(dir, 'cairn.db');
  hv = htmlValidator();
  cairn(db, ['init']);
  for (const [u, name, admin] of [['ada', 'Ada Administrator', true], ['lena', 'Lena Lead', false],
    ['rory', 'Rory Inspector', false], ['ian', 'ian', false], ['gone', 'Gone Away', false],
    ['rhona', 'Rhona Reader', false], ['rab', 'Rab Reader', false]]) {
    cairn(db, ['user', 'add', u, '--name', name, ...(admin ? ['--admin'] : [])], `${PASSWORD}\n`);
  }
  cairn(db, ['user', 'disable', 'gone']);
  const srv = await startServer(db);
  base = srv.base;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const ada = await person('ada');
    const id = await createForm(ada);
    const lena = await person('lena');
    await teamForm(lena, id);
    await readersForm(lena, id);
    await fieldworkForm(lena, id);
    await accountsPage(ada);
    await firstPages(ada, lena, id);
  } finally {
    await browser.close();
    srv.proc.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
  finish();
}

main().catch((e) => {
  ok(false, 'the person-choosing test ran to the end', e.stack || String(e));
  finish(true);
});
