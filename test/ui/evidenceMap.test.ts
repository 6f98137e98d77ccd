// UI test (issue 13): what a person sees and clicks in the real workbench (code-server 1.139.1 in
// Chromium): the evidence map opens from the palette, a cell shows its quotes, a quote opens its excerpt,
// the keyboard moves through the grid, the SVG export is self-contained, the map comes back after a
// reload; the talk's HTML report is exported and opened in Chromium from disk, where it renders and runs
// no script.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Browser, Frame, Page } from 'playwright-core';
import { ACTIVITY_ICON, acceptSaveDialog, frameWith, openFile, openWorkbench, papersDir, pickQuickItem, projectRoot, runCommand, screenshots, type Server } from './support';

const havePapers = existsSync(join(papersDir, '2009.01325.pdf'));
let workspace: string;
let server: Server;
let browser: Browser;
let page: Page;

const mapFrame = (): Promise<Frame> => frameWith(page, 'table.grid', '', 60_000);

describe('the evidence map and the talk report in the workbench', { timeout: 400_000 }, () => {
  before(async () => {
    workspace = mkdtempSync(join(tmpdir(), 'litcomp-ui-map-'));
    cpSync(join(projectRoot, 'example'), workspace, { recursive: true });
    mkdirSync(join(workspace, '.vscode'), { recursive: true });
    writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify(havePapers ? { 'literatureCompanion.pdfFolder': papersDir } : {}, null, 2));
    ({ server, browser, page } = await openWorkbench(workspace, { viewport: { width: 1500, height: 900 } }));
    await page.locator(ACTIVITY_ICON).waitFor({ timeout: 60_000 });
  });

  after(async () => {
    await browser?.close();
    server?.stop();
  });

  it('opens the map from the palette: challenges as rows, papers as columns, counts and totals', async () => {
    await runCommand(page, 'Literature Companion: Open Evidence Map');
    const map = await mapFrame();
    await map.locator('td.cell').first().waitFor();
    const rows = await map.locator('th.row-header').allInnerTexts();
    assert.ok(rows.some((row) => row.includes('§3.2.2 Reward Misgeneralization and Hacking')), rows.join('\n'));
    const columns = await map.locator('th.col-header').allInnerTexts();
    assert.ok(columns.some((column) => column.includes('Stiennon et al. 2020')), columns.join('\n'));
    const cell = map.locator('td.cell[data-challenge="3.2.2"][data-paper="2009.01325"]');
    assert.equal((await cell.innerText()).trim(), '2');
    assert.match(await cell.getAttribute('aria-label') ?? '', /^2 quotes link Stiennon et al\. 2020 to §3\.2\.2/);
    assert.equal((await map.locator('td.cell[data-paper="2305.10403"]:not(.empty)').count()), 0, 'PaLM 2: an empty column, shown as a gap');
    assert.ok((await map.locator('.cell-dots .dot.verdict-contradicts').count()) > 0, 'contradicted claims marked');
    await page.screenshot({ path: join(screenshots, 'evidence-map.png') });
  });

  it('shows the quotes of a clicked cell, each opening its excerpt', async () => {
    const map = await mapFrame();
    await map.locator('td.cell[data-challenge="3.2.2"][data-paper="2009.01325"]').click();
    await map.locator('#details h2', { hasText: '§3.2.2' }).waitFor();
    const quotes = map.locator('#details li.quote');
    assert.equal(await quotes.count(), 2);
    assert.match(await quotes.first().locator('blockquote p').innerText(), /^Under light optimization, the models improve/);
    assert.match(await quotes.first().locator('.quote-meta').innerText(), /p\. 8/);
    await page.screenshot({ path: join(screenshots, 'evidence-map-quotes.png') });
    await quotes.first().locator('button', { hasText: 'Show in PDF' }).click();
    if (havePapers) {
      const excerpt = await frameWith(page, '#anchor-status', 'Found on page 8', 60_000);
      assert.ok(await excerpt.locator('#anchor-status').isVisible());
    } else {
      await frameWith(page, '#anchor-status, .status, h1', '', 30_000);
    }
  });

  it('moves through the grid with the arrow keys and opens a cell with Enter', async () => {
    await runCommand(page, 'Literature Companion: Open Evidence Map'); // back to the map (reused, not a second one)
    const map = await mapFrame();
    const start = map.locator('td.cell[data-challenge="3.1.1"][data-paper="2009.01325"]');
    await start.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    const focused = await map.evaluate(() => {
      const active = document.activeElement as HTMLElement;
      return { challenge: active.dataset.challenge, column: active.dataset.column };
    });
    assert.equal(focused.challenge, '3.1.2');
    await page.keyboard.press('Enter');
    await map.locator('#details h2', { hasText: '§3.1.2' }).waitFor();
  });

  it('exports the map as a self-contained 16:9 SVG', async () => {
    const map = await mapFrame();
    await map.locator('#export-colours').selectOption('print');
    await map.locator('button[data-export="svg"]').click();
    await acceptSaveDialog(page);
    const file = join(workspace, 'evidence-map.svg');
    for (let i = 0; i < 40 && !existsSync(file); i++) await page.waitForTimeout(250);
    const svg = readFileSync(file, 'utf8');
    assert.match(svg, /<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="1920" height="1080" viewBox="0 0 1920 1080"/);
    assert.doesNotMatch(svg, /<script|href=|url\(|@import|<image|<foreignObject|@font-face/i, 'no script, link, external font or embedded document');
    assert.ok(svg.includes('§3.1.2 Good Oversight is Difficult'));
    // The SVG on its own in the browser: it renders, and loads nothing.
    const viewer = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const requests: string[] = [];
    viewer.on('request', (request) => requests.push(request.url()));
    await viewer.goto(pathToFileURL(file).href);
    assert.deepEqual(requests.filter((url) => !url.startsWith('file:')), []);
    await viewer.screenshot({ path: join(screenshots, 'evidence-map-export.png') });
    await viewer.close();
  });

  it('comes back after a window reload with its open cell', async () => {
    const reloaded = page.waitForEvent('load', { timeout: 60_000 });
    await runCommand(page, 'Developer: Reload Window');
    await reloaded;
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    const map = await mapFrame();
    await map.locator('#details h2', { hasText: '§3.1.2' }).waitFor({ timeout: 60_000 });
  });

  it('exports the talk\'s report, which renders in Chromium from disk and runs no script', async () => {
    await openFile(page, 'talk-ru.md');
    await runCommand(page, 'Literature Companion: Export Evidence Report…');
    await pickQuickItem(page, 'HTML');
    await acceptSaveDialog(page);
    const file = join(workspace, 'talk-ru-evidence-report.html');
    for (let i = 0; i < 240 && !existsSync(file); i++) await page.waitForTimeout(250);
    if (!existsSync(file)) await page.screenshot({ path: join(screenshots, 'evidence-report-failure.png') });
    assert.ok(existsSync(file), `${file} written`);
    const reader = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
    const errors: string[] = [];
    reader.on('pageerror', (error) => errors.push(error.message));
    await reader.goto(pathToFileURL(file).href);
    assert.equal(await reader.locator('h1').innerText(), 'Evidence report: talk-ru.md');
    assert.equal(await reader.evaluate(() => document.scripts.length), 0, 'no <script> element');
    assert.equal(await reader.evaluate(() => document.querySelectorAll('[onload],[onerror],[onclick],iframe,object,embed').length), 0);
    const claims = await reader.locator('article.claim').count();
    assert.ok(claims >= 15, `${claims} claims`);
    assert.equal(await reader.locator('td[data-summary="claims"]').innerText(), String(claims));
    const link = reader.locator('article.claim a[href^="https://arxiv.org/pdf/"]').first();
    assert.match(await link.getAttribute('href') ?? '', /^https:\/\/arxiv\.org\/pdf\/\d{4}\.\d{5}v\d#page=\d+$/);
    assert.ok(await reader.locator('ol.bibliography li').first().isVisible(), 'the bibliography renders');
    await reader.screenshot({ path: join(screenshots, 'evidence-report.png') });
    await reader.emulateMedia({ media: 'print' });
    await reader.screenshot({ path: join(screenshots, 'evidence-report-print.png') });
    assert.deepEqual(errors, []);
    await reader.close();
  });
});
