// Setting up in the browser (issue 17), against the real server in Debian's
// chromium through playwright-core: what only the command line did before.
// - The administrator's frameworks page lists the frameworks the command
//   line lists; a framework file with a JSON syntax error is refused with its
//   line and column beside the file input, one with a bad field names the
//   field, and nothing changes; a good one is imported and `cairn framework
//   list|show` then shows it.
// - Reading templates the same way (`cairn template list|show`).
// - The model packs page's "Check only" upload lists every problem of a bad
//   pack (each naming file and field) and says a good pack is valid; neither
//   stores anything (`cairn model list`).
// - The crosswalks page shows every link of each shipped crosswalk file, and
//   checks an uploaded one (line and column, field, or valid) as `cairn model
//   crosswalk FILE` does.
// - The lead checks the population (plain words, an audit entry; a population
//   changed behind Cairn's back is reported, 409, nothing written) and
//   replaces a sampled record: refused without a reason (at its input,
//   nothing changed), then done (`cairn sample list` shows the replacement
//   and reason); once the stratum's reserves are used, app/'s refusal is
//   shown at the record's input.
// - Each page refused to a wrong role (403); the JSON API routes
//   (POST /api/v1/frameworks, /api/v1/models/check, /api/v1/templates,
//   GET /api/v1/crosswalks) with their refusals.
// Every page state: axe 0 violations, valid HTML (html-validate), no console
// error, no sideways scroll at 390 px.  Prints TAP.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const {
  SRCDIR, NM, CHROMIUM, PASSWORD, chromium, ok, cairn, skipAll, startServer, axe, finish,
  htmlValidator, signIn, checkPage, submit, beside,
} = require('./browserlib.js');


const WIDTH = 390;
const M = path.join(SRCDIR, 'data', 'models');
let hv = null;
let browser = null;
let base = '';
let db = '';

// The shared kit (browserlib.js) at the phone's width.
const person = (user) => signIn(browser, base, user, WIDTH);
const check = (page, what) => checkPage(page, what, hv, WIDTH);

async function summary(page) {
  return page.evaluate(() => {
    const s = document.querySelector('.ds_error-summary');
    return s ? [...s.querySelectorAll('li')].map((li) => li.textContent.replace(/\s+/g, ' ').trim()) : [];
  });
}

function cli(args) {
  return JSON.parse(cairn(db, [...args, '--json']));
}

function audits(action) {
  return cli(['audit', 'list']).filter((a) => a.action === action);
}

// The files of shipped pack src with its code changed to code.
function packFiles(src, code) {
  const out = {};
  for (const name of fs.readdirSync(path.join(M, src)).sort()) {
    let text = fs.readFileSync(path.join(M, src, name), 'utf8');
    if (name === 'pack.json' || name === 'framework.json') text = text.replace(`"code": "${src}"`, `"code": "${code}"`);
    if (name === 'stages.json') text = text.replace(`"framework": "${src}"`, `"framework": "${code}"`);
    out[name] = text;
  }
  return out;
}

function asFiles(files) {
  return Object.entries(files).map(([name, text]) => ({ name, mimeType: 'application/json', buffer: Buffer.from(text) }));
}

async function frameworks(ada, lena) {
  const shipped = cli(['framework', 'list']).map((f) => f.code).sort();
  await ada.goto(`${base}/`);
  ok(await ada.isVisible('a[href="/frameworks"]') && await ada.isVisible('a[href="/templates"]') &&
    await ada.isVisible('a[href="/crosswalks"]'), "the administrator's home page links to frameworks, templates and crosswalks");
  await ada.click('a[href="/frameworks"]');
  const listed = await ada.$$eval('th[scope=row] a[href^="/frameworks/"]', (as) => as.map((a) => a.textContent.trim()).sort());
  ok(JSON.stringify(listed) === JSON.stringify(shipped), 'the frameworks page lists what the command line lists', { listed, shipped });
  await check(ada, 'the frameworks page');

  const good = fs.readFileSync(path.join(M, 'cyp-2014', 'framework.json'), 'utf8')
    .replace('"code": "cyp-2014"', '"code": "web-fw-2026"');
  // A syntax error on line 3: a missing comma after the title.
  const lines = good.split('\n');
  const li = lines.findIndex((l) => l.includes('"title"'));
  const broken = lines.map((l, i) => (i === li ? l.replace(/,\s*$/, '') : l)).join('\n');
  await ada.setInputFiles('#file', { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(broken) });
  let resp = await submit(ada, 'Import the framework');
  let msg = await beside(ada, 'file');
  ok(resp.status() === 400 && /^broken\.json: line [0-9]+ column [0-9]+: /.test(msg.replace(/^Error:\s*/, '')),
    'a framework with a syntax error: its line and column beside the file input (400)', msg);
  ok((await summary(ada)).some((s) => /line [0-9]+ column [0-9]+/.test(s)) &&
    await ada.isVisible('.ds_error-summary a[href="#file"]'), 'and in the error summary, linking to the input');
  await check(ada, 'the frameworks page with a refused file');
  const badField = good.replace('"key_question": "', '"key_question": "KQ99');
  await ada.setInputFiles('#file', { name: 'field.json', mimeType: 'application/json', buffer: Buffer.from(badField) });
  resp = await submit(ada, 'Import the framework');
  msg = await beside(ada, 'file');
  ok(resp.status() === 400 && /field\.json: field indicators\[0\]\.key_question/.test(msg),
    'a framework with a bad field: the field named beside the input', msg);
  ok(JSON.stringify(cli(['framework', 'list']).map((f) => f.code).sort()) === JSON.stringify(shipped) &&
    audits('framework.import').every((a) => a.subject !== 'web-fw-2026'), 'nothing was stored');
  await ada.setInputFiles('#file', { name: 'web-fw.json', mimeType: 'application/json', buffer: Buffer.from(good) });
  resp = await submit(ada, 'Import the framework');
  ok(ada.url().endsWith('/frameworks/web-fw-2026?imported=1') &&
    (await ada.textContent('.ds_notification')).includes('imported'), 'a good framework is imported; its page says so', ada.url());
  const shown = cli(['framework', 'show', 'web-fw-2026']);
  const page = await ada.textContent('main');
  ok(shown.indicators.length > 5 && shown.indicators.every((q) => page.includes(q.code) && page.includes(q.title)),
    "the command line shows the imported framework, and its page every indicator", shown.indicators.length);
  ok(audits('framework.import').some((a) => a.subject === 'web-fw-2026' && a.actor === 'ada'),
    "the import is in the audit log under the administrator's name");
  await check(ada, 'an imported framework');
  await ada.goto(`${base}/frameworks`);
  await ada.setInputFiles('#file', { name: 'again.json', mimeType: 'application/json', buffer: Buffer.from(good) });
  resp = await submit(ada, 'Import the framework');
  ok(resp.status() === 400 && (await beside(ada, 'file')).includes('already exists'), 'the same code again is refused beside the input');
  const r404 = await ada.goto(`${base}/frameworks/no-such`);
  ok(r404.status() === 404, 'an unknown framework is 404');
  for (const u of ['/frameworks', '/frameworks/cyp-2014', '/templates', '/templates/cyp-2014-records', '/crosswalks']) {
    const r = await lena.goto(`${base}${u}`);
    ok(r.status() === 403, `the lead may not see ${u} (403)`, r.status());
  }
  await check(lena, 'the refusal page');
}

async function templates(ada) {
  const before = cli(['template', 'list']);
  await ada.goto(`${base}/templates`);
  const rows = await ada.$$eval('tbody th[scope=row]', (ths) => ths.map((t) => t.textContent.trim()));
  ok(JSON.stringify(rows) === JSON.stringify(before), 'the templates page lists what the command line lists', { rows, before });
  await check(ada, 'the templates page');
  const good = fs.readFileSync(path.join(M, 'cyp-2014', 'records.json'), 'utf8')
    .replace('"code": "cyp-2014-records"', '"code": "web-records"');
  const broken = good.replace(/\}\s*$/, '');
  await ada.setInputFiles('#file', { name: 'tpl.json', mimeType: 'application/json', buffer: Buffer.from(broken) });
  let resp = await submit(ada, 'Import the template');
  const msg = await beside(ada, 'file');
  ok(resp.status() === 400 && /tpl\.json: line [0-9]+ column [0-9]+: /.test(msg), 'a broken template: line and column beside the input', msg);
  ok(JSON.stringify(cli(['template', 'list'])) === JSON.stringify(before), 'nothing was stored');
  await check(ada, 'the templates page with a refused file');
  await ada.setInputFiles('#file', { name: 'tpl.json', mimeType: 'application/json', buffer: Buffer.from(good) });
  resp = await submit(ada, 'Import the template');
  ok((await ada.textContent('.ds_notification')).includes('web-records') &&
    cli(['template', 'list']).includes('web-records'), 'a good template is imported, and the command line lists it');
  ok(cli(['template', 'show', 'web-records']).framework === 'cyp-2014', 'with its framework');
  await check(ada, 'an imported template');
  await ada.click('a[href="/templates/web-records"]');
  const shown = cli(['template', 'show', 'web-records']);
  const qs = await ada.$$eval('tbody th[scope=row]', (ths) => ths.map((t) => t.textContent.trim()));
  ok(qs.length === shown.items.length && shown.items.every((it, i) => qs[i] === it.text),
    "the template's page shows each of its questions, in order, as the command line does", { qs: qs.length, cli: shown.items.length });
  await check(ada, "an imported template's page");
  ok((await ada.goto(`${base}/templates/no-such`)).status() === 404, 'an unknown template is 404');
}

async function models(ada, lena) {
  const before = cli(['model', 'list']).map((p) => p.code).sort();
  await ada.goto(`${base}/models`);
  const bad = packFiles('at-risk-2021', 'check-pack');
  bad['framework.json'] = bad['framework.json'].replace('"code": "check-pack"', '"code": "other"');
  bad['stages.json'] = bad['stages.json'].replace('"framework": "check-pack"', '"framework": "cso-2025"');
  await ada.setInputFiles('#check-files', [...asFiles(bad), { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('x') }]);
  let resp = await submit(ada, 'Check only');
  const listed = await ada.$$eval('li[id^="check-files-problem-"]', (lis) => lis.map((l) => l.textContent));
  const sum = await summary(ada);
  ok(resp.status() === 400 && listed.length === 3 && listed[0].startsWith('notes.txt: not a file of a model pack') &&
    listed.some((l) => l.startsWith("framework.json: field code: 'other' must be the pack's code 'check-pack'")) &&
    listed.some((l) => l.startsWith('stages.json: field framework:')),
  'a bad pack checked: every problem listed beside the input, each naming file and field', listed);
  ok(sum.length === 3 && (await beside(ada, 'check-files')).includes('3 problems; nothing was stored'),
    'each in the error summary too', sum);
  ok(JSON.stringify(cli(['model', 'list']).map((p) => p.code).sort()) === JSON.stringify(before), 'nothing was stored');
  await check(ada, 'the model packs page with a checked bad pack');
  await ada.setInputFiles('#check-files', asFiles(packFiles('at-risk-2021', 'check-pack')));
  resp = await submit(ada, 'Check only');
  ok(resp.status() === 200 && (await ada.textContent('.ds_notification')).includes('check-pack version') &&
    (await ada.textContent('.ds_notification')).includes('is valid'), 'a good pack checked: the page says it is valid');
  ok(JSON.stringify(cli(['model', 'list']).map((p) => p.code).sort()) === JSON.stringify(before), 'and still nothing was stored');
  await check(ada, 'the model packs page with a checked good pack');
  ok(await ada.isVisible('a[href="/crosswalks"]'), 'the model packs page links to the crosswalks');
  await ada.click('a[href="/crosswalks"]');
  const files = fs.readdirSync(path.join(M, 'crosswalks')).filter((f) => f.endsWith('.json'));
  const caps = await ada.$$eval('caption', (cs) => cs.map((c) => c.textContent.replace(/\s+/g, ' ').trim()));
  const want = files.map((f) => {
    const j = JSON.parse(fs.readFileSync(path.join(M, 'crosswalks', f), 'utf8'));
    return `${j.from} to ${j.to}: ${j.links.length} link${j.links.length === 1 ? '' : 's'}`;
  });
  ok(want.length > 0 && want.every((w) => caps.includes(w)), 'the crosswalks page shows each shipped crosswalk with all its links', { caps, want });
  const cw = JSON.parse(fs.readFileSync(path.join(M, 'crosswalks', 'cyp-2014--care-protection-2018.json'), 'utf8'));
  const main = await ada.textContent('main');
  ok(cw.links.every((l) => l.from.every((c) => main.includes(c))) && main.includes('No successor') === cw.links.some((l) => l.relation === 'none'),
    "every indicator of a crosswalk is shown, with the relation in words");
  await check(ada, 'the crosswalks page');
  const cwText = fs.readFileSync(path.join(M, 'crosswalks', 'cyp-2014--care-protection-2018.json'), 'utf8');
  await ada.setInputFiles('#file', { name: 'cw.json', mimeType: 'application/json', buffer: Buffer.from(cwText.replace('"links"', '"links" x')) });
  let cr = await submit(ada, 'Check the crosswalk');
  ok(cr.status() === 400 && /^cw\.json: line [0-9]+ column [0-9]+: /.test(await beside(ada, 'file')),
    'a broken crosswalk file: its line and column beside the input', await beside(ada, 'file'));
  await check(ada, 'the crosswalks page with a refused file');
  await ada.setInputFiles('#file', { name: 'cw.json', mimeType: 'application/json', buffer: Buffer.from(cwText.replace('"relation": "same"', '"relation": "similar"')) });
  cr = await submit(ada, 'Check the crosswalk');
  ok(cr.status() === 400 && /^cw\.json: field links\[[0-9]+\]\.relation/.test(await beside(ada, 'file')),
    'a crosswalk with an unknown relation: the field named', await beside(ada, 'file'));
  await ada.setInputFiles('#file', { name: 'cw.json', mimeType: 'application/json', buffer: Buffer.from(cwText) });
  cr = await submit(ada, 'Check the crosswalk');
  const cwj = JSON.parse(cwText);
  ok(cr.status() === 200 && (await ada.textContent('.ds_notification')).includes(`from ${cwj.from} to ${cwj.to} is valid (${cwj.links.length} links)`),
    'a good crosswalk file: valid, with its number of links, as the command line says',
    cairn(db, ['model', 'crosswalk', path.join(M, 'crosswalks', 'cyp-2014--care-protection-2018.json')]));
  const r = await lena.goto(`${base}/models`);
  ok(r.status() === 403, 'the lead may not see the model packs page or check a pack (403)');
}

async function population(lena, rory) {
  const n0 = audits('population.check').length;
  await lena.goto(`${base}/inspections/1/population`);
  let resp = await submit(lena, 'Check the population');
  const note = resp.status() === 200 ? await lena.textContent('.ds_notification') : '';
  ok(note.includes('The population is intact: its 60 children match the checksum'), 'the lead checks the population: in plain words, intact', note);
  ok(audits('population.check').length === n0 + 1 && audits('population.check').pop().actor === 'lena',
    'the check is in the audit log under her name');
  await check(lena, 'the population page after its check');
  resp = await rory.goto(`${base}/inspections/1/population`);
  ok(resp.status() === 403, 'an inspector may not see the population page or check it (403)', resp.status());
}

async function sample(lena, rory) {
  const before = cli(['sample', 'list', '1']);
  await lena.goto(`${base}/inspections/1/sample`);
  ok(await lena.isVisible('a[href="/inspections/1/sample/replace"]'), 'the sample page links to replacing a record');
  await lena.click('a[href="/inspections/1/sample/replace"]');
  await check(lena, 'the replace form');
  const selected = before.members.filter((m) => m.status === 'selected');
  const stratum = selected[0].stratum;
  const same = selected.filter((m) => m.stratum === stratum);
  await lena.selectOption('#ref', same[0].ref);
  let resp = await submit(lena, 'Replace the record');
  ok(resp.status() === 400 && (await beside(lena, 'reason')).includes('a reason is required') &&
    await lena.isVisible('.ds_error-summary a[href="#reason"]'), 'without a reason: refused at the reason (400)', await beside(lena, 'reason'));
  ok(JSON.stringify(cli(['sample', 'list', '1'])) === JSON.stringify(before), 'nothing changed');
  await check(lena, 'the replace form with an error');
  await lena.selectOption('#ref', same[0].ref);
  await lena.fill('#reason', 'The file was destroyed in a flood');
  await submit(lena, 'Replace the record');
  const after = cli(['sample', 'list', '1']);
  const was = after.members.find((m) => m.ref === same[0].ref);
  ok(was.status === 'replaced' && was.reason === 'The file was destroyed in a flood' &&
    (await lena.textContent('.ds_notification')).includes(`replaced by the reserve ${was.replaced_by}`),
  'replaced: the command line shows the record replaced, with the reason, and the page names the reserve', was);
  ok(audits('sample.replace').some((a) => a.subject === same[0].ref && a.actor === 'lena'), 'in the audit log');
  await check(lena, 'the sample page after a replacement');
  // The stratum's two reserves: use the second, then the third is refused.
  await lena.goto(`${base}/inspections/1/sample/replace`);
  await lena.selectOption('#ref', same[1].ref);
  await lena.fill('#reason', 'Records held by another authority');
  await submit(lena, 'Replace the record');
  const mid = cli(['sample', 'list', '1']);
  await lena.goto(`${base}/inspections/1/sample/replace`);
  await lena.selectOption('#ref', same[2].ref);
  await lena.fill('#reason', 'Missing');
  resp = await submit(lena, 'Replace the record');
  const m = await beside(lena, 'ref');
  ok(resp.status() === 400 && m.includes('no reserve is left in the stratum'), "with no reserve left: app/'s refusal at the record's input", m);
  ok(JSON.stringify(cli(['sample', 'list', '1'])) === JSON.stringify(mid), 'nothing changed');
  await check(lena, 'the replace form refused for want of a reserve');
  resp = await rory.goto(`${base}/inspections/1/sample/replace`);
  ok(resp.status() === 403, 'an inspector may not replace a record (403)', resp.status());
}

// A population changed behind Cairn's back: the check says so, 409, and
// writes nothing.
async function tampered(lena) {
  const n0 = audits('population.check').length;
  const { execFileSync } = require('child_process');
  execFileSync('python3', ['-c', 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); ' +
    'c.execute("UPDATE population SET checksum=? WHERE inspection_id=1", ("0"*64,)); c.commit()', db]);
  await lena.goto(`${base}/inspections/1/population`);
  const resp = await submit(lena, 'Check the population');
  const warn = await lena.textContent('main');
  ok(resp.status() === 409 && warn.includes('The population has changed since it was uploaded: its 60 children no longer match') &&
    warn.includes('0'.repeat(64)), 'a population changed since its upload: the check says so in plain words, with both checksums (409)', resp.status());
  ok(audits('population.check').length === n0, 'and records nothing');
  await check(lena, 'the population page after a failed check');
}

async function api(ada) {
  const tok = {};
  for (const u of ['ada', 'lena']) tok[u] = cairn(db, ['user', 'token', u]).trim();
  const call = async (method, p, user, body) => {
    const r = await ada.context().request.fetch(`${base}/api/v1${p}`, {
      method,
      headers: { Authorization: `Bearer ${tok[user]}`, 'Content-Type': 'application/json' },
      data: body === undefined ? undefined : JSON.stringify(body),
    });
    let j = {};
    try { j = await r.json(); } catch (e) { j = {}; }
    return [r.status(), j];
  };
  const fw = fs.readFileSync(path.join(M, 'cyp-2014', 'framework.json'), 'utf8').replace('"code": "cyp-2014"', '"code": "api-fw"');
  let [s, b] = await call('POST', '/frameworks', 'ada', { file: fw.slice(0, 200), name: 'cut.json' });
  ok(s === 422 && b.error.field === '/file' && /^cut\.json: line [0-9]+ column [0-9]+/.test(b.error.message),
    'POST /api/v1/frameworks with a broken file: 422, line and column, field /file', [s, b]);
  [s, b] = await call('POST', '/frameworks', 'lena', { file: fw });
  ok(s === 403 && !cli(['framework', 'list']).some((f) => f.code === 'api-fw'), 'the lead may not (403); nothing stored', s);
  [s, b] = await call('POST', '/frameworks', 'ada', { file: fw });
  ok(s === 201 && b.code === 'api-fw' && cli(['framework', 'list']).some((f) => f.code === 'api-fw'),
    'the administrator imports a framework through the API (201) and the command line lists it', [s, b]);
  const tpl = fs.readFileSync(path.join(M, 'cyp-2014', 'records.json'), 'utf8').replace('"code": "cyp-2014-records"', '"code": "api-records"');
  [s, b] = await call('POST', '/templates', 'ada', { file: tpl.replace('"framework": "cyp-2014"', '"framework": "no-such"') });
  ok(s === 422 && b.error.field === '/file' && !cli(['template', 'list']).includes('api-records'),
    'POST /api/v1/templates naming an unknown framework: 422 at /file, nothing stored', [s, b]);
  [s, b] = await call('POST', '/templates', 'ada', { file: tpl });
  ok(s === 201 && b.code === 'api-records' && cli(['template', 'list']).includes('api-records'), 'a good template: 201, and the command line lists it', [s, b]);
  const bad = packFiles('at-risk-2021', 'api-check');
  bad['framework.json'] = '{';
  bad['stages.json'] = bad['stages.json'].replace('"framework": "api-check"', '"framework": "x"');
  [s, b] = await call('POST', '/models/check', 'ada', { files: bad });
  ok(s === 200 && b.valid === false && b.problems.length === 2 && /^framework\.json: line 1 column/.test(b.problems[0]) &&
    b.problems[1].startsWith('stages.json: field framework'), 'POST /api/v1/models/check: every problem of a bad pack', [s, b]);
  [s, b] = await call('POST', '/models/check', 'ada', { files: packFiles('at-risk-2021', 'api-check') });
  ok(s === 200 && b.valid === true && b.code === 'api-check' && !cli(['model', 'list']).some((p) => p.code === 'api-check'),
    'a good pack: valid, and nothing stored', [s, b]);
  [s] = await call('POST', '/models/check', 'lena', { files: {} });
  ok(s === 403, 'the lead may not check a pack through the API (403)', s);
  [s, b] = await call('GET', '/crosswalks', 'lena');
  const cw = JSON.parse(fs.readFileSync(path.join(M, 'crosswalks', 'cyp-2014--care-protection-2018.json'), 'utf8'));
  const got = Array.isArray(b) ? b.find((c) => c.from === cw.from && c.to === cw.to) : null;
  ok(s === 200 && got && got.links.length === cw.links.length &&
    got.links.every((l, i) => l.relation === cw.links[i].relation && JSON.stringify(l.from) === JSON.stringify(cw.links[i].from)),
  'GET /api/v1/crosswalks: each crosswalk with its links as its file says', s);
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-setup.'));
  db = path.join(dir, 'cairn.db');
  hv = htmlValidator();
  cairn(db, ['init']);
  for (const [u, name, admin] of [['ada', 'Ada Administrator', true], ['lena', 'Lena Lead', false],
    ['rory', 'Rory Inspector', false]]) {
    cairn(db, ['user', 'add', u, '--name', name, ...(admin ? ['--admin'] : [])], `${PASSWORD}\n`);
  }
  cairn(db, ['inspection', 'create', '--partnership', 'Testshire', '--framework', 'cyp-2014']);
  cairn(db, ['team', 'add', '1', 'lena', '--role', 'lead']);
  cairn(db, ['team', 'add', '1', 'rory', '--role', 'inspector']);
  let csv = 'ref,category\n';
  for (let i = 1; i <= 60; i++) csv += `C${String(i).padStart(4, '0')},${i <= 30 ? 'cp-register' : 'looked-after'}\n`;
  fs.writeFileSync(path.join(dir, 'pop.csv'), csv);
  cairn(db, ['population', 'import', '1', path.join(dir, 'pop.csv')]);
  cairn(db, ['sample', 'draw', '1', '--size', '10', '--strata', 'category', '--seed', '7', '--reserve', '2']);
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
    const lena = await person('lena');
    const rory = await person('rory');
    await frameworks(ada, lena);
    await templates(ada);
    await models(ada, lena);
    await population(lena, rory);
    await sample(lena, rory);
    await api(ada);
    await tampered(lena);
  } finally {
    await browser.close();
    srv.proc.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
  finish();
}

main().catch((e) => {
  ok(false, 'the setup pages test ran to the end', e.stack || String(e));
  finish(true);
});
