#!/usr/bin/env node
// Walks the editor's whole flow in Debian's headless Chromium (playwright-core; no browser is downloaded),
// once with JavaScript and once without, and runs axe-core (WCAG 2.1 A/AA) on every editor page it meets:
//   sign in → a body's meetings → a new meeting from nothing → two items with presenters and positions in
//   their item forms → preview → publish → the public page → update with a change note in the källtext
//   view → attach the minutes (a link, then an uploaded PDF) → the history's diff → sign out by keyboard;
// then a second flow that starts from a pasted page text; then the 403 and 404 pages and, as the admin,
// the audit log, the accounts page and the newsletter's page (its CSV file, removing a subscriber). With JavaScript it also moves an item without leaving the page, and checks the
// autosave (the draft comes back after a reload, with a notice), the live preview and discarding the draft.
//
// Usage: node editor-flow.mjs BASE_URL EMAIL PASSWORD PAGE_TEXT_FILE ADMIN_EMAIL
// (the admin's password is PASSWORD too)
// Exit: 0 all good, 1 a step or an axe check failed, 2 a tool is missing or the arguments are wrong.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const [base, email, password, pageTextFile, adminEmail] = process.argv.slice(2);
if (!adminEmail) {
  console.error('usage: node editor-flow.mjs BASE_URL EMAIL PASSWORD PAGE_TEXT_FILE ADMIN_EMAIL');
  process.exit(2);
}
const pageText = readFileSync(pageTextFile, 'utf8');

function findChromium() {
  for (const name of ['chromium', 'chromium-browser']) {
    const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (found.status === 0 && found.stdout.trim()) return found.stdout.trim();
  }
  return null;
}
const executablePath = findChromium();
if (!executablePath) {
  console.error('chromium not found');
  process.exit(2);
}
const { chromium } = require('playwright-core');
const axeSource = require('axe-core').source;

let failed = false;
const checked = new Set();

function fail(message) {
  failed = true;
  console.log(`FAIL ${message}`);
}

// axe on the page as it is now, once per path and mode (and `state`, to check a path again in another
// state), in a separate CSP-bypassing page, so the editor's own strict policy stays in force for the flow.
async function axe(context, page, mode, state = '') {
  const url = page.url();
  const key = `${mode} ${new URL(url).pathname}${state ? ` (${state})` : ''}`;
  if (checked.has(key)) return;
  checked.add(key);
  const html = await page.content();
  const probe = await context.axeContext.newPage();
  await probe.route('**/*', (route) =>
    route.request().url() === url ? route.fulfill({ body: html, contentType: 'text/html' }) : route.continue(),
  );
  await probe.goto(url);
  await probe.addScriptTag({ content: axeSource });
  const result = await probe.evaluate(() =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
  );
  for (const v of result.violations) {
    fail(`axe ${key}: ${v.id} (${v.impact}): ${v.help}`);
    for (const node of v.nodes.slice(0, 5)) console.log(`    ${node.target.join(' ')}: ${node.failureSummary}`);
  }
  console.log(`axe ${key}: ${result.violations.length} violation(s)`);
  await probe.close();
}

function source(date, extra) {
  return `+++\nbody = "sro"\ndate = ${date}\n+++\n\n## Vårdavtalet${extra}\n\nFöredragande: Anna Berg, VGR\n\n` +
    `- Läget i arbetet.\n\nStällningstagande: SRO noterar informationen\n\n## Hemsjukvården\n\n` +
    `Föredragande: Per Ek, VästKom\n\n- Ny överenskommelse.\n\nStällningstagande: SRO ställer sig bakom förslaget\n`;
}

async function publicText(context, path, want) {
  const page = await context.newPage();
  for (let i = 0; i < 50; i++) {
    const response = await page.goto(`${base}${path}`);
    const text = await page.locator('body').innerText();
    if (response && response.status() === 200 && text.includes(want)) {
      await page.close();
      return true;
    }
    await page.waitForTimeout(100);
  }
  await page.close();
  return false;
}

async function signIn(context, page, mode, who = email) {
  await page.goto(`${base}/redaktor/`);
  if (!page.url().includes('/redaktor/logga-in')) fail(`${mode}: not sent to sign in (${page.url()})`);
  await axe(context, page, mode);
  await page.getByLabel('E-post').fill(who);
  await page.getByLabel('Lösenord').fill(password);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.waitForURL(`${base}/redaktor/`);
  await axe(context, page, mode);
}

async function flow(browser, javaScriptEnabled, date, importDate) {
  const mode = javaScriptEnabled ? 'js' : 'nojs';
  const context = await browser.newContext({ javaScriptEnabled });
  context.axeContext = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  const refused = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) refused.push(m.text());
  });
  await signIn(context, page, mode);

  await page.getByRole('link', { name: /Politiskt samrådsorgan/ }).click();
  await page.waitForURL(`${base}/redaktor/sro/`);
  await axe(context, page, mode);
  await page.getByLabel('Mötesdatum').fill(date);
  await page.getByRole('button', { name: 'Skapa mötet' }).click();
  await page.waitForURL(`${base}/redaktor/sro/${date}/`);
  await axe(context, page, mode);

  // Two items with presenters and positions, each through its own form.
  const items = [
    { title: 'Vårdavtalet', name: 'Anna Berg', org: 'VGR', kind: 'noterar', position: 'SRO noterar informationen' },
    { title: 'Hemsjukvården', name: 'Per Ek', org: 'VästKom', kind: 'bakom', position: 'SRO ställer sig bakom förslaget' },
  ];
  for (const item of items) {
    await page.getByRole('link', { name: 'Lägg till en punkt' }).click();
    await page.waitForURL(/\/punkt\/\d+$/);
    await axe(context, page, mode);
    await page.getByLabel('Rubrik', { exact: true }).fill(item.title);
    await page.getByLabel('Namn 1').fill(item.name);
    await page.getByLabel('Organisation 1').selectOption(item.org);
    await page.getByLabel(/^Innehåll/).fill('- Läget i arbetet.');
    await page.getByLabel('Slag').selectOption(item.kind);
    await page.getByLabel('Text', { exact: true }).fill(item.position);
    await page.getByRole('button', { name: 'Spara punkten' }).click();
    await page.waitForURL(`${base}/redaktor/sro/${date}/`);
  }
  if (!(await page.locator('textarea').inputValue()).includes('Per Ek')) fail(`${mode}: the items were lost`);

  // Moving an item down and back up (with JavaScript without leaving the page).
  await page.evaluate(() => { window.sammanMarker = 'kvar'; });
  const firstItem = async () => (await page.locator('#punkter > li').first().innerText()).trim();
  await page.getByRole('button', { name: /flytta punkt 1 ett steg ned/ }).click();
  await page.waitForFunction(() => document.querySelector('#punkter > li').innerText.startsWith('Hemsjukvården'));
  if (!(await page.locator('textarea').inputValue()).match(/## Hemsjukvården[\s\S]*## Vårdavtalet/)) {
    fail(`${mode}: the källtext does not follow the move`);
  }
  await page.getByRole('button', { name: /flytta punkt 2 ett steg upp/ }).click();
  await page.waitForFunction(() => document.querySelector('#punkter > li').innerText.startsWith('Vårdavtalet'));
  if (!(await firstItem()).startsWith('Vårdavtalet')) fail(`${mode}: the item did not move back`);
  const stayed = await page.evaluate(() => window.sammanMarker === 'kvar');
  if (javaScriptEnabled && !stayed) fail(`${mode}: moving an item reloaded the page`);
  if (javaScriptEnabled && !(await page.locator('#autosparat').innerText()).includes('flyttades')) {
    fail(`${mode}: the move was not announced`);
  }

  await page.getByRole('link', { name: 'Förhandsvisa' }).click();
  await page.waitForURL(/forhandsvisning/);
  const preview = await page.locator('body').innerText();
  if (!preview.includes('Per Ek') || !preview.includes('Hemsjukvården')) fail(`${mode}: the preview lacks the items`);
  await page.goBack();

  await page.getByRole('button', { name: 'Publicera' }).click();
  await page.waitForURL(`${base}/redaktor/sro/${date}/`);
  if (!(await page.locator('main').innerText()).includes('publicerad')) fail(`${mode}: not shown as published`);
  if (!(await publicText(context, `/sro/${date}/`, 'Hemsjukvården'))) fail(`${mode}: not on the public page`);

  if (javaScriptEnabled) {
    // Autosave: typed text is kept as a draft, previewed live, and back after a reload with a notice.
    await page.getByLabel('Hela mötet i källformatet').fill(source(date, ' i utkastet'));
    await page.waitForFunction(() => document.getElementById('autosparat').innerText.includes('sparades automatiskt'));
    const live = page.frameLocator('iframe[title="Förhandsvisning av texten du skriver"]');
    await live.locator('text=Vårdavtalet i utkastet').first().waitFor({ timeout: 5000 });
    await page.reload();
    if (!(await page.locator('textarea').inputValue()).includes(' i utkastet')) fail(`${mode}: the draft did not come back`);
    if (!(await page.locator('main').innerText()).includes('sparades automatiskt som utkast')) {
      fail(`${mode}: no notice about the restored draft`);
    }
    await axe(context, page, mode, 'med utkast och förhandsvisning');
    await page.getByRole('button', { name: 'Släng utkastet' }).click();
    await page.waitForURL(`${base}/redaktor/sro/${date}/`);
    if ((await page.locator('textarea').inputValue()).includes(' i utkastet')) fail(`${mode}: the draft was not discarded`);
  }

  await page.getByLabel('Hela mötet i källformatet').fill(source(date, ' och vårdvalet'));
  await page.getByLabel(/Ändringsnotering/).fill('Rubriken rättad');
  await page.getByRole('button', { name: 'Spara', exact: true }).click();
  await page.waitForURL(`${base}/redaktor/sro/${date}/`);
  if (!(await publicText(context, `/sro/${date}/`, 'och vårdvalet'))) fail(`${mode}: the update is not public`);

  // The minutes, attached as a link: the public page links them.
  await page.getByLabel(/[Ll]änk till protokollet/).fill('https://example.se/protokoll.pdf');
  await page.getByRole('button', { name: 'Spara protokollet' }).click();
  await page.waitForURL(`${base}/redaktor/sro/${date}/`);
  if (!(await page.locator('main').innerText()).includes('protokoll bifogat')) fail(`${mode}: minutes not attached`);
  const linked = await context.newPage();
  let found = false;
  for (let i = 0; i < 50 && !found; i++) {
    await linked.goto(`${base}/sro/${date}/`);
    found = (await linked.locator('a[href="https://example.se/protokoll.pdf"]').count()) > 0;
    if (!found) await linked.waitForTimeout(100);
  }
  await linked.close();
  if (!found) fail(`${mode}: the public page does not link the minutes`);

  // The minutes, uploaded as a PDF: served beside the page, which links them.
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  await page.getByLabel('Protokollet (PDF, högst 20 MB)').setInputFiles({ name: 'protokoll.pdf', mimeType: 'application/pdf', buffer: pdf });
  await page.getByRole('button', { name: 'Ladda upp protokollet' }).click();
  await page.waitForURL(`${base}/redaktor/sro/${date}/`);
  if (!(await page.locator('main').innerText()).includes('Protokollet är uppladdat')) fail(`${mode}: the PDF was not taken`);
  const uploaded = await context.newPage();
  found = false;
  for (let i = 0; i < 50 && !found; i++) {
    await uploaded.goto(`${base}/sro/${date}/`);
    found = (await uploaded.locator('a[href="protokoll.pdf"]').count()) > 0;
    if (!found) await uploaded.waitForTimeout(100);
  }
  const download = await uploaded.request.get(`${base}/sro/${date}/protokoll.pdf`);
  await uploaded.close();
  if (!found) fail(`${mode}: the public page does not link the uploaded minutes`);
  if (download.status() !== 200 || !(await download.body()).equals(pdf)) fail(`${mode}: the uploaded minutes are not served`);

  // The history and the difference the update made.
  await page.getByRole('link', { name: 'Versionshistorik' }).click();
  // (1 created, 2–3 the items, 4–5 moved down and up, 6 published, 7 the update)
  await page.getByLabel('Från version').fill('6');
  await page.getByLabel('till version').fill('7');
  await page.getByRole('button', { name: 'Jämför' }).click();
  await page.waitForURL(/historik\?fran=6&till=7/);
  await axe(context, page, mode);
  if (!(await page.locator('pre.diff').innerText()).includes('och vårdvalet')) fail(`${mode}: the diff lacks the update`);
  await page.goBack();
  await page.goBack();
  await page.waitForURL(`${base}/redaktor/sro/${date}/`);

  // Every action is reachable by keyboard: tabbing from the top reaches the sign-out button.
  let reached = false;
  await page.keyboard.press('Tab');
  for (let i = 0; i < 40 && !reached; i++) {
    reached = await page.evaluate(() => document.activeElement && document.activeElement.textContent === 'Logga ut');
    if (!reached) await page.keyboard.press('Tab');
  }
  if (!reached) fail(`${mode}: "Logga ut" not reachable by keyboard`);
  await page.keyboard.press('Enter');
  await page.waitForURL(/logga-in/);
  await page.goto(`${base}/redaktor/`);
  if (!page.url().includes('logga-in')) fail(`${mode}: still signed in after signing out`);

  // Starting from a pasted page text.
  await signIn(context, page, mode);
  await page.goto(`${base}/redaktor/sro/`);
  await page.getByLabel('Börja från').selectOption('sidtext');
  // The page names its own date; the second run gives another one (the form's date wins).
  if (importDate) await page.getByLabel('Mötesdatum').fill(importDate);
  await page.getByLabel(/Text att importera/).fill(pageText);
  await page.getByRole('button', { name: 'Skapa mötet' }).click();
  await page.waitForURL(/\/redaktor\/sro\/\d{4}-\d{2}-\d{2}\/$/);
  await axe(context, page, mode); // with check's findings listed
  const imported = await page.locator('textarea').inputValue();
  if (!imported.includes('##')) fail(`${mode}: the pasted page made no items`);
  console.log(`${mode}: imported ${page.url()} with ${(imported.match(/^## /gm) || []).length} item(s)`);

  // The 403 and 404 pages, then the admin's audit log.
  const forbidden = await page.goto(`${base}/redaktor/nvs/`);
  if (forbidden.status() !== 403) fail(`${mode}: another body answered ${forbidden.status()}`);
  await axe(context, page, mode);
  const missing = await page.goto(`${base}/redaktor/sro/1999-01-01/`);
  if (missing.status() !== 404) fail(`${mode}: a missing meeting answered ${missing.status()}`);
  await axe(context, page, mode);
  await page.goto(`${base}/redaktor/`);
  await page.getByRole('button', { name: 'Logga ut' }).click();
  await page.waitForURL(/logga-in/);
  await signIn(context, page, mode, adminEmail);
  await page.goto(`${base}/redaktor/logg`);
  if (!(await page.locator('main').innerText()).includes('minutes-upload')) fail(`${mode}: the audit log lacks the upload`);
  await axe(context, page, mode);
  await page.getByRole('link', { name: 'Redaktör' }).first().click();
  await page.getByRole('link', { name: 'Konton' }).click();
  await page.waitForURL(`${base}/redaktor/konton`);
  if (!(await page.locator('main').innerText()).includes(email)) fail(`${mode}: the accounts page lacks ${email}`);
  await axe(context, page, mode);

  // The newsletter's admin: the list from the start page, its CSV file, removing a subscriber.
  await page.getByRole('link', { name: 'Redaktör' }).first().click();
  await page.getByRole('link', { name: 'Nyhetsbrev Nära vård' }).click();
  await page.waitForURL(`${base}/redaktor/sro/nyhetsbrev`);
  await axe(context, page, mode);
  const file = await page.request.get(`${base}/redaktor/sro/nyhetsbrev.csv`);
  if (file.status() !== 200 || !file.headers()['content-type'].startsWith('text/csv')) {
    fail(`${mode}: the CSV file answered ${file.status()} ${file.headers()['content-type']}`);
  }
  const before = await page.getByRole('button', { name: /^Ta bort .*@/ }).count();
  if (before === 0) fail(`${mode}: no subscriber to remove`);
  await page.getByRole('button', { name: /^Ta bort .*@/ }).first().click();
  await page.waitForURL(`${base}/redaktor/sro/nyhetsbrev/ta-bort`);
  if (!(await page.locator('main').innerText()).includes('är borttagen från listan')) fail(`${mode}: not removed`);
  if ((await page.getByRole('button', { name: /^Ta bort .*@/ }).count()) !== before - 1) fail(`${mode}: still listed`);
  await axe(context, page, mode);

  for (const r of refused) fail(`${mode} csp: ${r}`);
  await context.axeContext.close();
  await context.close();
  console.log(`${mode}: flow done`);
}

const profile = mkdtempSync(join(tmpdir(), 'samman-editor-'));
const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
try {
  await flow(browser, true, '2026-03-13', '');
} catch (e) {
  fail(`js: ${e.message}`);
}
try {
  await flow(browser, false, '2026-03-20', '2021-12-11');
} catch (e) {
  fail(`nojs: ${e.message}`);
}
await browser.close();
rmSync(profile, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
