// Issue 20: the report's charts as the browser draws them.  Opens an HTML
// report (argv[2]) in Debian's chromium through playwright-core, at a desk
// width and a phone width, and measures every text of every chart with
// getBBox() in the browser's own fonts: each must lie inside its <svg>'s
// viewBox, each bar label left of the bars, each value text right of them,
// and no chart may be wider than the column it sits in.  Prints one line
// per failure and exits 1 on any; exits 2 when the browser or
// node_modules is missing (the caller skips).
'use strict';

const fs = require('fs');
const path = require('path');

const SRCDIR = path.resolve(process.env.SRCDIR || '.');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const NM = path.join(SRCDIR, 'node_modules');
if (!fs.existsSync(CHROMIUM) || !fs.existsSync(path.join(NM, 'playwright-core'))) process.exit(2);
const { chromium } = require(path.join(NM, 'playwright-core'));

// Runs in the page: returns a list of problems and how many texts it saw.
function measure() {
  const bad = [];
  let texts = 0;
  for (const svg of document.querySelectorAll('figure.chart svg')) {
    const id = svg.closest('figure').id;
    const vb = svg.viewBox.baseVal;
    const rects = [...svg.querySelectorAll('rect')].map((r) => r.x.baseVal.value);
    const plotX0 = rects.length ? Math.min(...rects) : null;
    const axis = svg.querySelector('line[stroke="#333333"]:not([stroke-width])');
    for (const t of svg.querySelectorAll('text')) {
      const b = t.getBBox();
      const what = `${id} ${t.getAttribute('class')} "${t.textContent.slice(0, 40)}"`;
      texts++;
      if (b.x < -0.5 || b.y < -0.5 || b.x + b.width > vb.width + 0.5 || b.y + b.height > vb.height + 0.5)
        bad.push(`${what}: box ${b.x.toFixed(1)},${b.y.toFixed(1)} ${b.width.toFixed(1)}x${b.height.toFixed(1)} outside the viewBox ${vb.width}x${vb.height}`);
      if (t.classList.contains('chart-label') && plotX0 !== null && b.x + b.width > plotX0 + 0.5)
        bad.push(`${what}: runs into the bars (${(b.x + b.width).toFixed(1)} > ${plotX0.toFixed(1)})`);
      if (t.classList.contains('chart-value') && axis && b.x < axis.x2.baseVal.value - 0.5)
        bad.push(`${what}: starts inside the bars`);
    }
    const col = svg.closest('figure').parentElement.getBoundingClientRect();
    const r = svg.getBoundingClientRect();
    if (r.right > col.right + 0.5) bad.push(`${id}: the chart is wider than its column`);
  }
  return { bad, texts };
}

async function main() {
  const file = process.argv[2];
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  let fail = 0;
  try {
    for (const width of [1100, 380]) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      await page.goto('file://' + path.resolve(file));
      const { bad, texts } = await page.evaluate(measure);
      if (texts < 20) { console.log(`# only ${texts} chart texts at ${width}px`); fail++; }
      for (const b of bad) { console.log(`# ${width}px: ${b}`); fail++; }
      await page.close();
    }
  } finally {
    await browser.close();
  }
  process.exit(fail ? 1 : 0);
}

main().catch((e) => { console.log(`# ${e.stack}`); process.exit(1); });
