// Browser and API test of factual accuracy and the embargo (issue 21), in
// Debian's chromium through playwright-core, pages checked with axe-core:
// the partnership co-ordinator finds no draft before factual accuracy,
// then comments on a passage of the draft (a misquoted passage refused
// against its input first); the lead answers one comment accepted with the
// change and one not accepted with the reason (a missing reason refused
// beside its input); the co-ordinator downloads the log as CSV and it is
// checked cell by cell; the lead sets the embargo in the browser; after
// publishing, the co-ordinator is refused the published release and the
// media pack until 00:01 UK time on the embargo day and served them from
// then (two servers, with CAIRN_NOW a second before and at the minute);
// the JSON API does the same through tokens.  Prints TAP.
'use strict';

const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const {
  CHROMIUM, PASSWORD, chromium, ok, cairn, startServer, axe, finish,
} = require('./browserlib.js');

const BEFORE = '2026-08-17T23:00:59Z'; // 23:59:59 BST on Monday 17 August 2026
const AFTER = '2026-08-17T23:01:00Z'; // 00:01 BST on Tuesday 18 August 2026

async function submit(page, button) {
  await Promise.all([page.waitForNavigation(), page.click(`button:has-text("${button}")`)]);
}

async function newPage(browser, base, user) {
  const c = await browser.newContext({ acceptDownloads: true });
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

// Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF).
function parseCsv(text) {
  const rows = [];
  let row = [];
  let f = '';
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (q) {
      if (ch === '"' && text[i + 1] === '"') { f += '"'; i++; } else if (ch === '"') q = false;
      else f += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') { row.push(f); f = ''; } else if (ch === '\r') { /* CRLF */ } else if (ch === '\n') {
      row.push(f); rows.push(row); row = []; f = '';
    } else f += ch;
  }
  return rows;
}

async function api(base, token, method, p, body) {
  const r = await fetch(`${base}${p}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  let j = {};
  try { j = await r.json(); } catch (e) { /* not JSON */ }
  return { status: r.status, j };
}

function withNow(now, fn) {
  const was = process.env.CAIRN_NOW;
  process.env.CAIRN_NOW = now;
  try { return fn(); } finally {
    if (was === undefined) delete process.env.CAIRN_NOW; else process.env.CAIRN_NOW = was;
  }
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-accuracy.'));
  const db = path.join(dir, 'cairn.db');
  cairn(db, ['demo', '--out', path.join(dir, 'out')]);
  for (const [u, name, role] of [['lee', 'Lee Lead', 'lead'], ['cora', 'Cora Coordinator',
    'partnership-coordinator'], ['ivy', 'Ivy Inspector', 'inspector']]) {
    cairn(db, ['user', 'add', u, '--name', name], `${PASSWORD}\n`);
    cairn(db, ['team', 'add', '1', u, '--role', role]);
  }
  for (const [s, d] of [['scoping', '2026-02-02'], ['records-reading', '2026-02-09'],
    ['fieldwork', '2026-02-16'], ['analysis', '2026-03-02'], ['panel', '2026-03-09']]) {
    cairn(db, ['stage', '1', 'move', s, '--date', d]);
  }
  const token = (u) => cairn(db, ['user', 'token', u]).trim().split(/\s+/).pop();
  const tokens = { lee: token('lee'), cora: token('cora') };

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  let srv = await withNow(BEFORE, () => startServer(db));
  try {
    // 1. Before factual accuracy: no draft for the co-ordinator, no form.
    const cora = await newPage(browser, srv.base, 'cora');
    await cora.goto(`${srv.base}/inspections/1/accuracy`);
    let text = await cora.textContent('main');
    ok(text.includes('not at the factual accuracy stage') &&
      text.includes('only while the inspection is at the factual accuracy stage'),
      'before factual accuracy the co-ordinator is told, in plain words, when the draft is shared', text.slice(0, 400));
    ok(await cora.$('#passage') === null, 'and there is no comment form');
    let r = await api(srv.base, tokens.cora, 'POST', '/api/v1/inspections/1/accuracy/comments',
      { section: 'qi-2.1', paragraph: 2, passage: 'staff listened to them', comment: 'x' });
    ok(r.status === 409 && r.j.error && r.j.error.field === '/stage', 'the API refuses a comment with 409, field /stage', r);

    // 2. Factual accuracy: the co-ordinator comments from the draft.
    for (const qg of execFileSync('sqlite3', [db, "SELECT qi_code || ':' || grade FROM evaluation WHERE inspection_id = 1"], { encoding: 'utf8' }).trim().split('\n')) {
      const [qi, g] = qg.split(':');
      cairn(db, ['panel', 'review', '1', qi, '--grade', g, '--reason', 'Agreed']);
    }
    cairn(db, ['panel', 'signoff', '1']);
    cairn(db, ['stage', '1', 'move', 'factual-accuracy', '--date', '2026-03-16']);
    await cora.goto(`${srv.base}/inspections/1/accuracy`);
    text = await cora.textContent('main');
    ok(text.includes('qi-2.1, paragraph 2') && text.includes('Children and young people told us staff listened to them.'),
      'the draft shows each passage with its reference', text.slice(0, 300));
    await checkPage(cora, 'the factual accuracy page with the draft');
    await Promise.all([cora.waitForNavigation(), cora.click('a:has-text("Comment on qi-2.1, paragraph 2")')]);
    ok(await cora.inputValue('#section') === 'qi-2.1' && await cora.inputValue('#paragraph') === '2',
      'the passage\'s link fills in its reference');
    await cora.fill('#passage', 'staff ignored them');
    await cora.fill('#comment', 'Say which staff: social workers and teachers.');
    await submit(cora, 'Send the comment');
    text = await cora.textContent('main');
    ok(text.includes('the quoted passage is not in paragraph 2') &&
      (await cora.getAttribute('.ds_error-summary a', 'href')) === '#passage',
      'a passage that is not there is refused against the passage input', text.slice(0, 300));
    await checkPage(cora, 'the comment form with an error');
    await cora.fill('#passage', 'staff listened to them');
    await submit(cora, 'Send the comment');
    text = await cora.textContent('main');
    ok(text.includes('Your comment was recorded') && text.includes('Comment 1'),
      'the comment is recorded and listed');
    await cora.selectOption('#section', 'qi-1.1');
    await cora.fill('#paragraph', '2');
    await cora.fill('#passage', 'Most indicators of wellbeing improved');
    await cora.fill('#comment', '=HYPERLINK("http://evil") only two of five indicators improved');
    await submit(cora, 'Send the comment');
    ok((await cora.textContent('main')).includes('Comment 2'), 'a second comment');

    // 3. The lead answers: accepted with the change; not accepted with a reason.
    const lee = await newPage(browser, srv.base, 'lee');
    await lee.goto(`${srv.base}/inspections/1/accuracy`);
    await lee.click('label[for="response-1"]');
    await lee.fill('#after-1', 'social workers and teachers listened to them');
    await submit(lee, 'Save the answer');
    text = await lee.textContent('main');
    ok(text.includes('The answer was recorded') && text.includes('social workers and teachers listened to them'),
      'the lead accepts comment 1 with the change', text.slice(0, 300));
    await lee.click('label[for="response-2-1"]');
    await submit(lee, 'Save the answer');
    text = await lee.textContent('main');
    ok(text.includes('a comment that is not accepted needs the reason') &&
      (await lee.getAttribute('.ds_error-summary a', 'href')) === '#reason-2',
      'not accepted without a reason is refused beside comment 2\'s reason', text.slice(0, 300));
    await checkPage(lee, 'the answer forms with an error');
    await lee.click('label[for="response-2-1"]');
    await lee.fill('#reason-2', 'The wellbeing indicators did improve over three years.');
    await submit(lee, 'Save the answer');
    text = await lee.textContent('main');
    ok(text.includes('Not accepted') && text.includes('The wellbeing indicators did improve over three years.'),
      'comment 2 is not accepted, with the reason shown');

    const csrf = await lee.getAttribute('input[name="csrf"]', 'value');
    const resp9 = await lee.request.post(`${srv.base}/inspections/1/accuracy/9/response`, {
      form: { csrf, response: 'not-accepted', reason: 'x' }, headers: { Origin: srv.base },
    });
    ok(resp9.status() === 404, 'an answer to a comment that does not exist is 404', resp9.status());

    // 4. The co-ordinator downloads the log.
    await cora.goto(`${srv.base}/inspections/1/accuracy`);
    const [dl] = await Promise.all([cora.waitForEvent('download'),
      cora.click('a:has-text("Download the log of comments and answers (CSV)")')]);
    const rows = parseCsv(fs.readFileSync(await dl.path(), 'utf8'));
    const head = rows[0];
    const col = (row, name) => row[head.indexOf(name)];
    ok(rows.length === 3 && col(rows[1], 'section') === 'qi-2.1' && col(rows[1], 'paragraph') === '2' &&
      col(rows[1], 'response') === 'accepted' && col(rows[1], 'before') === 'staff listened to them' &&
      col(rows[1], 'after') === 'social workers and teachers listened to them' &&
      col(rows[1], 'commented_by') === 'cora' && col(rows[1], 'answered_by') === 'lee',
      'the CSV holds comment 1 with its change', rows);
    ok(col(rows[2], 'response') === 'not-accepted' &&
      col(rows[2], 'reason') === 'The wellbeing indicators did improve over three years.' &&
      col(rows[2], 'comment').startsWith("'=HYPERLINK"), 'and comment 2 with its reason, the formula neutralised', rows[2]);

    // The API: the same log; a third comment and its answer.
    r = await api(srv.base, tokens.cora, 'GET', '/api/v1/inspections/1/accuracy/comments');
    ok(r.status === 200 && r.j.open === true && r.j.comments.length === 2 &&
      r.j.comments[0].after === 'social workers and teachers listened to them', 'the API lists the log', r);
    r = await api(srv.base, tokens.cora, 'POST', '/api/v1/inspections/1/accuracy/comments',
      { section: 'qi-2.1', paragraph: 2, passage: 'Children and young people', comment: 'And carers.' });
    ok(r.status === 201 && r.j.number === 3, 'the co-ordinator comments through the API', r);
    r = await api(srv.base, tokens.lee, 'POST', '/api/v1/inspections/1/accuracy/comments/3/response',
      { response: 'accepted', after: 'Children and young people' });
    ok(r.status === 422 && r.j.error.field === '/after', 'an accepted answer that changes nothing is refused', r);
    r = await api(srv.base, tokens.lee, 'POST', '/api/v1/inspections/1/accuracy/comments/3/response',
      { response: 'not-accepted', reason: 'Carers were not asked.' });
    ok(r.status === 200, 'the lead answers through the API', r);
    r = await api(srv.base, tokens.lee, 'POST', '/api/v1/inspections/1/accuracy/comments/3/response',
      { response: 'not-accepted', reason: 'Again.' });
    ok(r.status === 409, 'a comment is answered once', r);
    r = await api(srv.base, tokens.lee, 'POST', '/api/v1/inspections/1/accuracy/comments/9/response',
      { response: 'not-accepted', reason: 'x' });
    ok(r.status === 404, 'a comment that does not exist is 404', r);

    // 5. The embargo, set by the lead in the browser.
    await lee.goto(`${srv.base}/inspections/1/embargo`);
    await lee.fill('#date', '2026-08-18');
    await lee.fill('#time', '25:00');
    await submit(lee, 'Save the embargo');
    ok((await lee.getAttribute('.ds_error-summary a', 'href')) === '#time', 'a time that is not a time is refused against the time');
    await lee.fill('#time', '');
    await lee.fill('#media-contact', 'Press office, 0345 600 9527');
    await submit(lee, 'Save the embargo');
    text = await lee.textContent('main');
    ok(text.includes('Embargoed until 00:01 Tuesday 18 August 2026') && text.includes('Not yet'),
      'the embargo is saved: 00:01 by default, not lifted yet', text.slice(0, 300));
    await checkPage(lee, 'the embargo page');
    r = await api(srv.base, tokens.cora, 'PUT', '/api/v1/inspections/1/embargo', { date: '2026-08-19' });
    ok(r.status === 403, 'the co-ordinator may not set the embargo', r);
    cairn(db, ['publish', '1']);

    // Before the embargo lifts: refused to the co-ordinator, served to the team.
    await cora.goto(`${srv.base}/inspections/1/release`);
    text = await cora.textContent('main');
    ok(text.includes('embargoed until 00:01 Tuesday 18 August 2026'), 'the published release is refused to the co-ordinator before 00:01', text.slice(0, 300));
    let resp = await cora.goto(`${srv.base}/inspections/1/published/1/release.txt`);
    ok(resp.status() === 403 && (await cora.textContent('main')).includes('embargoed until'),
      'and the frozen file', resp.status());
    resp = await cora.goto(`${srv.base}/inspections/1/media-pack`);
    ok(resp.status() === 403, 'and the media pack', resp.status());
    r = await api(srv.base, tokens.cora, 'GET', '/api/v1/inspections/1/media-pack');
    ok(r.status === 403 && r.j.error.field === '/embargo', 'and the media pack through the API', r);
    const ivy = await newPage(browser, srv.base, 'ivy');
    resp = await ivy.goto(`${srv.base}/inspections/1/media-pack`);
    text = await ivy.textContent('main');
    ok(resp.status() === 200 && text.includes('Embargoed until 00:01 Tuesday 18 August 2026') &&
      text.includes('Press office, 0345 600 9527'), 'the team has the media pack before it lifts', resp.status());
    await checkPage(ivy, 'the media pack');
    srv.proc.kill('SIGTERM');

    // From 00:01 UK time (BST): served.
    srv = await withNow(AFTER, () => startServer(db));
    const cora2 = await newPage(browser, srv.base, 'cora');
    resp = await cora2.goto(`${srv.base}/inspections/1/release`);
    text = await cora2.textContent('main');
    ok(resp.status() === 200 && text.includes('Embargoed until 00:01 Tuesday 18 August 2026') &&
      text.includes('Media enquiries: Press office, 0345 600 9527'),
      'from 00:01 the co-ordinator reads the published release, with its embargo line and contact', resp.status());
    const [dl2] = await Promise.all([cora2.waitForEvent('download'),
      cora2.click('a:has-text("Download the published news release")')]);
    ok(fs.readFileSync(await dl2.path(), 'utf8').startsWith('Embargoed until 00:01 Tuesday 18 August 2026\n'),
      'and downloads the frozen file');
    r = await api(srv.base, tokens.cora, 'GET', '/api/v1/inspections/1/media-pack');
    ok(r.status === 200 && r.j.published === true && r.j.media_contact === 'Press office, 0345 600 9527',
      'the media pack through the API', r.status);
    r = await api(srv.base, tokens.cora, 'GET', '/api/v1/inspections/1/embargo');
    ok(r.status === 200 && r.j.lifted === true && r.j.lifts_utc === '2026-08-17T23:01:00Z', 'the embargo reads lifted', r.j);
    const audit = execFileSync(CAIRN_BIN(), ['--db', db, 'audit', 'verify'], { encoding: 'utf8' });
    ok(/ok|verified/i.test(audit), 'the audit chain verifies', audit);
  } finally {
    await browser.close();
    srv.proc.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function CAIRN_BIN() {
  return require('./browserlib.js').CAIRN;
}

main().then(() => finish()).catch((e) => { console.log(`# ${e.stack}`); finish(true); });
