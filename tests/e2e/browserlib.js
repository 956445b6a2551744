// What the browser tests (web_browser.js, web_browser_flow.js) share:
// paths from the environment, TAP output, running cairn, starting the real
// server, and axe-core's WCAG 2.x A/AA check.  Exits with a TAP skip when
// the browser or node_modules is missing.
'use strict';

const { execFileSync, spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const SRCDIR = path.resolve(process.env.SRCDIR || '.');
let CAIRN = process.env.CAIRN || path.join(SRCDIR, 'build', 'cairn');
// make check-valgrind sets CAIRN_VALGRIND: cairn runs under valgrind.
if (process.env.CAIRN_VALGRIND && !process.env.CAIRN_BIN) {
  process.env.CAIRN_BIN = CAIRN;
  CAIRN = path.join(SRCDIR, 'tests', 'valgrind', 'cairn.sh');
}
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const NM = path.join(SRCDIR, 'node_modules');
const ASSETS = path.join(NM, '@scottish-government', 'design-system', 'dist');
const PASSWORD = 'correct horse battery';

let n = 0;
let failed = 0;
function ok(cond, desc, diag) {
  n++;
  console.log(`${cond ? 'ok' : 'not ok'} ${n} - ${desc}`);
  if (!cond) {
    failed++;
    if (diag !== undefined) {
      String(typeof diag === 'string' ? diag : JSON.stringify(diag, null, 1))
        .split('\n').slice(0, 30).forEach((l) => console.log(`# ${l}`));
    }
  }
  return cond;
}

function cairn(db, args, input) {
  return execFileSync(CAIRN, ['--db', db, ...args], { input, encoding: 'utf8' });
}

function skipAll(why) {
  console.log(`1..0 # SKIP ${why}`);
  process.exit(0);
}

if (!fs.existsSync(CHROMIUM)) skipAll(`no browser at ${CHROMIUM} (apt-get install chromium)`);
if (!fs.existsSync(path.join(NM, 'playwright-core'))) skipAll('no node_modules (npm ci)');
const { chromium } = require(path.join(NM, 'playwright-core'));
const AXE = fs.readFileSync(path.join(NM, 'axe-core', 'axe.min.js'), 'utf8');

function startServer(db) {
  return new Promise((resolve, reject) => {
    const p = spawn(CAIRN, ['--db', db, 'serve', '--listen', '127.0.0.1:0', '--insecure-cookies',
      '--workers', '2', '--assets', ASSETS], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/([0-9.]+:[0-9]+)/);
      if (m) resolve({ proc: p, base: `http://${m[1]}` });
    });
    p.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
}

async function axe(page) {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((x) => x.html).slice(0, 3) }));
  });
}

// Prints the plan and exits: 1 if any test failed (or failure is forced).
function finish(forceFail) {
  console.log(`1..${n}`);
  process.exit(forceFail || failed ? 1 : 0);
}

module.exports = { SRCDIR, CAIRN, CHROMIUM, NM, ASSETS, PASSWORD, chromium, ok, cairn, skipAll,
  startServer, axe, finish };
