#!/usr/bin/env node
// Checks the search of a static site written by `samman build` in Debian's headless Chromium
// (playwright-core; no browser is downloaded). The site is served from OUT by a few lines of Node's own
// http server, without any headers but the media type — as a plain static host would.
//   1. /sok/?q=vårdavtalen finds the item "Vårdavtalet" (Swedish stemming), linking to its anchor;
//      nothing is refused by the page's own Content-Security-Policy (a <meta>: script-src 'self');
//   2. a word the corpus does not hold gives "Inga träffar";
//   3. with JavaScript disabled, the page says that searching needs JavaScript and links to the archive;
//   4. axe-core (WCAG 2.1 A/AA) finds no violation on the page with hits.
//
// Usage: node static-search.mjs OUT   Exit: 0 all well, 1 a check failed, 2 a tool is missing.

import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = process.argv[2];
if (!root || !existsSync(join(root, 'sok', 'index.html'))) {
  console.error('usage: node static-search.mjs OUT (a folder written by samman build)');
  process.exit(2);
}
const chromiumPath = ['chromium', 'chromium-browser']
  .map((n) => spawnSync('sh', ['-c', `command -v ${n}`], { encoding: 'utf8' }).stdout.trim())
  .find(Boolean);
if (!chromiumPath) {
  console.error('chromium not found (Debian: apt-get install chromium)');
  process.exit(2);
}
const { chromium } = require('playwright-core');
const axeSource = require('fs').readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const TYPES = { '.html': 'text/html; charset=utf-8', '.json': 'application/json', '.js': 'text/javascript',
  '.css': 'text/css', '.ics': 'text/calendar', '.atom': 'application/atom+xml' };
const server = createServer((req, res) => {
  let path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
  if (path.includes('..')) { res.writeHead(400); res.end(); return; }
  let file = join(root, path);
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file)) { res.writeHead(404); res.end(); return; }
  res.writeHead(200, { 'Content-Type': TYPES[extname(file)] || 'application/octet-stream' });
  createReadStream(file).pipe(res);
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${server.address().port}`;

let failed = false;
const check = (ok, what) => { console.log(`${ok ? 'ok' : 'FAILED'}: ${what}`); failed ||= !ok; };
const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
try {
  const context = await browser.newContext();
  const page = await context.newPage();
  const refused = [];
  page.on('console', (m) => { if (/Content Security Policy|Refused to/i.test(m.text())) refused.push(m.text()); });
  await page.goto(`${base}/sok/?q=v%C3%A5rdavtalen`);
  await page.waitForSelector('ol.traffar a, #traffar h2', { timeout: 10000 });
  const link = await page.locator('ol.traffar a').first();
  const title = (await link.count()) ? await link.textContent() : '';
  const href = (await link.count()) ? await link.getAttribute('href') : '';
  check(title === 'Vårdavtalet' && /^\.\.\/sro\/2020-02-14\/#punkt-1$/.test(href),
    `stemmed hit (”vårdavtalen” → ${title} ${href})`);
  check(await page.locator('#kraver-js').isHidden(), 'the JavaScript notice hides when the script runs');
  check(await page.inputValue('#q') === 'vårdavtalen', 'the form shows the words searched for');
  check(refused.length === 0, `nothing refused by the page's policy ${refused.join(' | ')}`);
  // The page's policy rightly forbids injecting axe; check the same page with the policy bypassed.
  const open = await browser.newContext({ bypassCSP: true });
  const p2 = await open.newPage();
  await p2.goto(`${base}/sok/?q=v%C3%A5rdavtalen`);
  await p2.waitForSelector('ol.traffar a');
  await p2.addScriptTag({ content: axeSource });
  const rules = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
  const v = await p2.evaluate(async (r) => (await window.axe.run(document, { runOnly: r })).violations.map((x) => x.id), rules);
  check(v.length === 0, `axe: no violations (${v.join(', ')})`);
  await open.close();

  await page.goto(`${base}/sok/?q=flygplatsen`);
  await page.waitForSelector('#traffar h2', { timeout: 10000 });
  check((await page.locator('#traffar h2').textContent()) === 'Inga träffar', 'no hits');

  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const plain = await noJs.newPage();
  await plain.goto(`${base}/sok/?q=v%C3%A5rd`);
  const notice = plain.locator('#kraver-js');
  check(await notice.isVisible() && /behöver sökningen\s+JavaScript/.test(await notice.textContent())
    && (await notice.locator('a[href="../"]').count()) === 1, 'without javascript: the page says so and links home');
  await noJs.close();
} finally {
  await browser.close();
  server.close();
}
process.exit(failed ? 1 : 0);
