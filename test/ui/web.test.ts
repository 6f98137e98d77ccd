// UI test of the WEB extension: code-server's web worker extension host runs the package.json `browser`
// entry (user setting remote.extensionKind ["web"]), in Chromium, as on vscode.dev. What a person sees:
// the talk's CodeLens and gutter, a sentence linked and still linked after a reload, and an excerpt with
// the page rendered from a PDF in the workspace.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { prepareWebWorkspace, WEB_CORPUS, WEB_QUOTE } from '../web/fixtures';
import { CONTAINER, frameWith, harness, openFile, pickQuickItem, projectRoot, runCommand, screenshots, type Server } from './support';

const EXTENSION_ID = 'literature-companion.literature-companion';
let workspace: string;
let server: Server;
let browser: Browser;
let page: Page;

async function reload(): Promise<void> {
  const reloaded = page.waitForEvent('load', { timeout: 60_000 });
  await runCommand(page, 'Developer: Reload Window');
  await reloaded;
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
}

/** Expands the first tree row showing `text`, with its twistie. */
async function expand(text: string): Promise<void> {
  const row = page.locator(`${CONTAINER} .monaco-list-row`, { hasText: text }).first();
  await row.waitFor({ timeout: 60_000 });
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.locator('.monaco-tl-twistie').click();
  await page.locator(`${CONTAINER} .monaco-list-row[aria-expanded="true"]`, { hasText: text }).first().waitFor({ timeout: 30_000 });
}

/** The palette's rows for `text` (commands hidden with !isWeb are not there). */
async function paletteRows(text: string): Promise<string[]> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.fill(`>${text}`);
  await page.waitForTimeout(500);
  const rows = await page.locator('.quick-input-list .monaco-list-row').allInnerTexts();
  await page.keyboard.press('Escape');
  return rows;
}

describe('the web extension in the browser (web worker extension host)', { timeout: 300_000 }, () => {
  before(async () => {
    workspace = mkdtempSync(join(tmpdir(), 'litcomp-ui-web-'));
    cpSync(join(projectRoot, 'example'), workspace, { recursive: true });
    prepareWebWorkspace(workspace);
    const { startCodeServer, launchBrowser } = await harness();
    server = await startCodeServer({ folder: workspace, settings: { 'remote.extensionKind': { [EXTENSION_ID]: ['web'] } } });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    await page.goto(server.workbenchUrl());
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  });

  after(async () => {
    await browser?.close();
    server?.stop();
  });

  it('shows the taxonomy tree, read from the bundled corpus in the browser', async () => {
    const icon = page.locator('.activitybar a.action-label[aria-label^="Literature Companion"]');
    await icon.waitFor({ timeout: 60_000 });
    await icon.click();
    await page.locator(`${CONTAINER} .monaco-list-row`, { hasText: 'Challenges with Obtaining Human Feedback' }).first().waitFor({ timeout: 60_000 });
    const text = (await page.locator(`${CONTAINER} .monaco-list-row`).allInnerTexts()).join('\n');
    assert.match(text, /4 sub-challenges · \d+ paper/);
    await page.screenshot({ path: join(screenshots, 'web-tree.png') });
  });

  it('offers what works in the browser and hides what needs Node', async () => {
    const report = await paletteRows('Literature Companion: Export Evidence Report');
    assert.ok(report.some((row) => /Evidence Report/.test(row)), `the evidence report is offered (made in a Blob-URL worker): ${report.join(' | ')}`);
    const git = await paletteRows('Literature Companion: Set Up Git Merge');
    assert.deepEqual(git.filter((row) => /Git Merge/.test(row)), [], 'the git merge set-up needs Node: hidden on the web');
    const attach = await paletteRows('Literature Companion: Attach PDF');
    assert.ok(attach.some((row) => /Attach PDF/.test(row)), `Attach PDF… (from the workspace) is offered: ${attach.join(' | ')}`);
    const map = await paletteRows('Literature Companion: Open Evidence Map');
    assert.ok(map.some((row) => /Evidence Map/.test(row)), `the evidence map is offered: ${map.join(' | ')}`);
  });

  it('shows the talk\'s claims in the editor: CodeLens and gutter', async () => {
    await openFile(page, 'talk-ru.md');
    await page.locator('.codelens-decoration', { hasText: /\d+ sources? .*· (supports|contradicts|partially supports)/ }).first().waitFor({ timeout: 60_000 });
    const gutter = page.locator('.monaco-editor .glyph-margin-widgets .codicon, .monaco-editor .margin-view-overlays [class*="codicon"], .monaco-editor .cgmr');
    await gutter.first().waitFor({ timeout: 30_000 });
    assert.ok((await gutter.count()) > 0, 'verdict icons in the gutter');
    await page.screenshot({ path: join(screenshots, 'web-talk-codelens-gutter.png') });
  });

  it('links a sentence to a stored quote; after a reload the annotation is still there', async () => {
    const claimLine = '§3.2.2, Misgeneralization/Hacking';
    const line = page.locator('.monaco-editor .view-line', { hasText: claimLine });
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget input').fill(':35');
    await page.keyboard.press('Enter');
    await line.waitFor({ timeout: 30_000 });
    await line.click();
    await page.keyboard.press('Home');
    await page.keyboard.press('Shift+End');
    await runCommand(page, 'Literature Companion: Link Claim to Evidence');
    // No PDF-text index on the web: the picker offers the corpus's stored quotes.
    await pickQuickItem(page, 'Pick a stored quote', 'Link claim to evidence');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Pick stored quotes' }).waitFor({ timeout: 30_000 });
    const input = page.locator('.quick-input-widget input');
    await input.fill('reward');
    const first = page.locator('.quick-input-list .monaco-list-row').first();
    await first.waitFor();
    await first.click(); // in a multi-select pick a click ticks the row's box
    await page.locator('.quick-input-list .monaco-list-row[aria-checked="true"]').first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'What does the evidence say' }).waitFor();
    await pickQuickItem(page, 'contradicts');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'A note on this claim' }).waitFor();
    await page.locator('.quick-input-widget input').fill('linked in the browser');
    await page.keyboard.press('Enter');
    const stored = join(workspace, '.literature', 'annotations.json');
    for (let tries = 0; tries < 100 && !existsSync(stored); tries++) await page.waitForTimeout(100);
    const saved = JSON.parse(readFileSync(stored, 'utf8')).documents['talk-ru.md'];
    assert.equal(saved.length, 1);
    assert.equal(saved[0].target.selector[0].exact, claimLine);
    assert.equal(saved[0].body.filter((body: { purpose: string }) => body.purpose === 'linking').length, 1, 'one stored quote as evidence');

    await reload();
    await line.waitFor({ timeout: 60_000 });
    await page.locator('.codelens-decoration', { hasText: '1 source · contradicts' }).waitFor({ timeout: 60_000 });
    await page.screenshot({ path: join(screenshots, 'web-linked-after-reload.png') });
    const again = JSON.parse(readFileSync(stored, 'utf8')).documents['talk-ru.md'];
    assert.equal(again.length, 1, 'the annotation is still in the file after the reload');
  });

  it('opens an excerpt with the page rendered from a PDF in the workspace', async () => {
    writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify({ ...JSON.parse(readFileSync(join(workspace, '.vscode', 'settings.json'), 'utf8')), 'literatureCompanion.corpusPath': WEB_CORPUS }, null, 2));
    // Challenges view: the fixture challenge, its paper, the quote on p. 2 (a click opens the excerpt).
    await expand('One');
    await expand('Paper 1111.00001');
    const quote = page.locator(`${CONTAINER} .monaco-list-row`, { hasText: /p\. 2/ }).first();
    await quote.waitFor({ timeout: 30_000 });
    await quote.click();
    const frame = await frameWith(page, 'canvas', undefined, 60_000);
    await frame.locator('.highlight, [class*="highlight"]').first().waitFor({ timeout: 60_000 });
    const text = await frame.locator('body').innerText();
    assert.match(text.replace(/\s+/g, ' '), new RegExp(WEB_QUOTE.slice(0, 30)));
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(screenshots, 'web-excerpt.png') });
  });
});
