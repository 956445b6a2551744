// Every page a person reaches is valid HTML (html-validate from npm, with
// the design system's conventions in .htmlvalidate.json): on a small demo
// database, signed in as each role in turn, the test follows every link from
// the home page (GET only, the site's own pages) and validates each HTML
// page it receives.  Prints TAP: one test per role that the crawl reached
// pages, one per page validated.  Skipped when node_modules has no
// html-validate (npm ci; or NODE_PATH naming a directory that holds it).
'use strict';

const { execFileSync, spawn } = require('child_process');
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');

const SRCDIR = path.resolve(process.env.SRCDIR || '.');
const CAIRN = process.env.CAIRN || path.join(SRCDIR, 'build', 'cairn');
const PASSWORD = 'correct horse battery';
// Pages followed per role at most (the demo has fewer; this bounds a loop).
const MAX_PAGES = 400;

let n = 0;
let failed = 0;
function ok(cond, desc, diag) {
  n++;
  console.log(`${cond ? 'ok' : 'not ok'} ${n} - ${desc}`);
  if (!cond) {
    failed++;
    if (diag) String(diag).split('\n').slice(0, 40).forEach((l) => console.log(`# ${l}`));
  }
  return cond;
}

let HtmlValidate;
try {
  const where = require.resolve('html-validate',
    { paths: [path.join(SRCDIR, 'node_modules'), ...(process.env.NODE_PATH || '').split(':')] });
  ({ HtmlValidate } = require(where));
} catch (e) {
  console.log('1..0 # SKIP html-validate is not installed (npm ci)');
  process.exit(0);
}

function cairn(db, args, input) {
  return execFileSync(CAIRN, ['--db', db, ...args], { input, encoding: 'utf8' });
}

// username, full name, role on inspection 1 (null: the administrator)
const ROLES = [
  ['lead', 'Lena Lead', 'lead'],
  ['depute', 'Duncan Depute', 'depute'],
  ['inspector', 'Ian Inspector', 'inspector'],
  ['young', 'Yasmin Young', 'young-inspector'],
  ['panel', 'Pat Panel', 'panel'],
  ['coord', 'Chris Coordinator', 'partnership-coordinator'],
  ['reader', 'Rory Reader', 'local-reader'],
  ['admin', 'Ada Admin', null],
];

function startServer(db) {
  return new Promise((resolve, reject) => {
    // No --assets: the server finds the design system itself.
    const p = spawn(CAIRN, ['--db', db, 'serve', '--listen', '127.0.0.1:0', '--insecure-cookies',
      '--workers', '2'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/([0-9.]+):([0-9]+)/);
      if (m) resolve({ proc: p, host: m[1], port: Number(m[2]) });
    });
    p.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
}

// One request; resolves to { status, type, location, body, cookies }.
function request(srv, jar, method, url, form) {
  return new Promise((resolve, reject) => {
    const body = form ? new URLSearchParams(form).toString() : null;
    const headers = {};
    if (body) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    if (Object.keys(jar).length) {
      headers.Cookie = Object.entries(jar).map(([k, v]) => `${k}=${v}`).join('; ');
    }
    const rq = http.request({ host: srv.host, port: srv.port, method, path: url, headers }, (rs) => {
      const chunks = [];
      rs.on('data', (c) => chunks.push(c));
      rs.on('end', () => {
        for (const sc of rs.headers['set-cookie'] || []) {
          const [pair] = sc.split(';');
          const i = pair.indexOf('=');
          const k = pair.slice(0, i);
          const v = pair.slice(i + 1);
          if (v === '' || /Max-Age=0/i.test(sc)) delete jar[k]; else jar[k] = v;
        }
        resolve({ status: rs.statusCode, type: rs.headers['content-type'] || '',
          location: rs.headers.location, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    rq.on('error', reject);
    if (body) rq.write(body);
    rq.end();
  });
}

async function signIn(srv, jar, user) {
  const page = await request(srv, jar, 'GET', '/signin');
  const m = page.body.match(/name="csrf" value="([0-9a-f]{64})"/);
  const r = await request(srv, jar, 'POST', '/signin',
    { csrf: m ? m[1] : '', username: user, password: PASSWORD, next: '/' });
  return r.status === 303 || r.status === 302;
}

// The site's own page links of an HTML page: no assets, no sign-out, no
// fragments; entities in href decoded.
function links(html) {
  const out = [];
  for (const m of html.matchAll(/<a\b[^>]*\bhref="([^"]*)"/g)) {
    const href = m[1].replace(/&amp;/g, '&').split('#')[0];
    if (!href.startsWith('/') || href.startsWith('//') || href.startsWith('/assets/') ||
        href.startsWith('/signout')) continue;
    out.push(href);
  }
  return out;
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-validate.'));
  const db = path.join(dir, 'cairn.db');
  cairn(db, ['demo', '--out', path.join(dir, 'out')]);
  for (const [user, name, role] of ROLES) {
    cairn(db, ['user', 'add', user, '--name', name, ...(role ? [] : ['--admin'])], `${PASSWORD}\n`);
    if (role) cairn(db, ['team', 'add', '1', user, '--role', role]);
  }
  const config = JSON.parse(fs.readFileSync(path.join(SRCDIR, '.htmlvalidate.json'), 'utf8'));
  delete config.root;
  const hv = new HtmlValidate({ ...config, root: true });
  const srv = await startServer(db);
  const validated = new Set();
  try {
    for (const [user] of ROLES) {
      const jar = {};
      if (!ok(await signIn(srv, jar, user), `${user} signs in`)) continue;
      const seen = new Set(['/']);
      const queue = ['/'];
      let pages = 0;
      while (queue.length && seen.size < MAX_PAGES) {
        const url = queue.shift();
        const r = await request(srv, jar, 'GET', url);
        if (!r.type.startsWith('text/html')) continue;
        pages++;
        for (const l of links(r.body)) {
          if (!seen.has(l)) {
            seen.add(l);
            queue.push(l);
          }
        }
        // A page seen by an earlier role is validated again only if it differs.
        const key = `${url}\n${r.body.length}`;
        if (validated.has(key)) continue;
        validated.add(key);
        const report = await hv.validateString(r.body, url);
        const msgs = report.valid ? [] : report.results.flatMap((x) => x.messages);
        ok(report.valid, `valid HTML: ${url} (as ${user}, ${r.status})`,
          msgs.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}` +
            (m.selector ? ` [${m.selector}]` : '')).join('\n'));
      }
      ok(pages >= 3, `the crawl as ${user} reached ${pages} pages from the home page`);
    }
  } finally {
    srv.proc.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(`1..${n}`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.log(`not ok ${n + 1} - the crawl ran\n# ${String(e.stack || e).split('\n').join('\n# ')}`);
  console.log(`1..${n + 1}`);
  process.exit(1);
});
