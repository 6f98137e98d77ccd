// UI tests: what a person sees and clicks in the real workbench (code-server 1.139.1 in Chromium).
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Frame, FrameLocator, Page } from 'playwright-core';
import { CONTAINER, expand, showSideBar, frameWith, openWorkbench, papersDir, pickQuickItem, projectRoot, row, runCommand, screenshots, type Server } from './support';

const havePapers = existsSync(join(papersDir, '2009.01325.pdf'));
let workspace: string;
let server: Server;
let browser: Browser;
let page: Page;

/** Workspace settings; the workbench picks up changes to the file while running. */
function writeWorkspaceSettings(extra: Record<string, unknown>): void {
  mkdirSync(join(workspace, '.vscode'), { recursive: true });
  const pdfFolder = havePapers ? { 'literatureCompanion.pdfFolder': papersDir } : {};
  writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify({ ...pdfFolder, ...extra }, null, 2));
}

function webview(): FrameLocator {
  return page.frameLocator('iframe.webview.ready >> nth=-1').frameLocator('#active-frame');
}

describe('the workbench with Literature Companion', { timeout: 300_000 }, () => {
  before(async () => {
    workspace = mkdtempSync(join(tmpdir(), 'litcomp-ui-ws-'));
    cpSync(join(projectRoot, 'example'), workspace, { recursive: true });
    writeWorkspaceSettings({});
    ({ server, browser, page } = await openWorkbench(workspace, { viewport: { width: 1400, height: 860 } }));
  });

  after(async () => {
    await browser?.close();
    server?.stop();
  });

  it('shows the activity-bar icon and the taxonomy tree', async () => {
    await showSideBar(page);
    await row(page, 'Challenges with Obtaining Human Feedback');
    const rows = await page.locator(`${CONTAINER} .monaco-list-row`).allInnerTexts();
    const text = rows.join('\n');
    for (const section of ['§3.1', '§3.2', '§3.3', '§3.4']) assert.ok(text.includes(section), `${section} in tree rows:\n${text}`);
    assert.match(text, /4 sub-challenges · \d+ paper/);
    assert.match(text, /Learning to summarize from human feedback/, 'the papers view lists the papers');
  });

  it('expands a challenge and opens its panel with the linked papers and quotes', async () => {
    // The twistie expands; a click on the label opens the panel (VS Code's behaviour for items with a command).
    await expand(page, 'Challenges with the Reward Model');
    const hacking = await row(page, 'Reward Misgeneralization and Hacking');
    await hacking.click();
    const view = webview();
    await view.locator('h1', { hasText: '§3.2.2' }).waitFor({ timeout: 30_000 });
    const papers = await view.locator('article.link h3').allInnerTexts();
    assert.ok(papers.some((title) => title.includes('Learning to summarize from human feedback')), papers.join('\n'));
    const quote = await view.locator('blockquote.quote p').first().innerText();
    assert.ok(quote.length > 40, 'a quote is shown');
    assert.match(await view.locator('.quote-meta').first().innerText(), /p\. \d+/);
    await page.screenshot({ path: join(screenshots, 'challenge-panel.png') });
  });

  it('opens an evidence item as an excerpt: the PDF page rendered, the quote highlighted', { skip: havePapers ? false : `no PDFs in ${papersDir}` }, async () => {
    // Expanded in order, each row under its parent comes before the Papers view's rows of the same name.
    await expand(page, 'Reward Misgeneralization and Hacking');
    await expand(page, 'Learning to summarize from human feedback');
    await (await row(page, /Under light optimization/)).click();
    const view = webview();
    await view.locator('#anchor-status', { hasText: 'Found on page 8' }).waitFor({ timeout: 60_000 });
    await view.locator('.page[data-page="8"] .highlight').first().waitFor({ timeout: 60_000 });
    assert.ok((await view.locator('.page .highlight').count()) >= 2, 'the quote spans several lines, each highlighted');
    assert.match(await view.locator('.paragraph mark').innerText(), /^Under light optimization, the models improve/);
    assert.match(await view.locator('#page-label').innerText(), /Page 8 of 45/);
    await page.screenshot({ path: join(screenshots, 'excerpt-panel.png') });
    await view.locator('button[data-nav="next"]').click();
    await view.locator('#page-label', { hasText: 'Page 9 of 45' }).waitFor();
    await view.locator('button[data-nav="quote"]').click();
    await view.locator('.page[data-page="8"] .highlight').first().waitFor();
  });

  it('"Open PDF" in the excerpt opens the whole PDF in the viewer at the quote\'s page, the quote highlighted', { skip: havePapers ? false : `no PDFs in ${papersDir}` }, async () => {
    await webview().locator('button[data-open-pdf]').click();
    const viewer = await frameWith(page, '.page[data-page-number="8"] .quote-highlight', '', 60_000);
    // The boxes are drawn one after another: wait for a second one before counting.
    await viewer.locator('.page[data-page-number="8"] .quote-highlight').nth(1).waitFor({ timeout: 30_000 }).catch(() => undefined);
    assert.ok((await viewer.locator('.page[data-page-number="8"] .quote-highlight').count()) >= 2, 'one box per line of the quote');
    assert.equal(await viewer.locator('#page-input').inputValue(), '8');
    assert.match(await viewer.locator('#page-count').innerText(), /of 45/);
    await page.locator('.tabs-container .tab', { hasText: '2009.01325.pdf' }).waitFor();
    await page.screenshot({ path: join(screenshots, 'pdf-viewer-from-excerpt.png') });
    // The tests that follow work with the excerpt: close everything (the viewer opened beside it, in a
    // group of its own) and open the excerpt again, so that its webview is the newest one.
    await runCommand(page, 'View: Close All Editors');
    await page.locator('.tabs-container .tab', { hasText: '2009.01325.pdf' }).waitFor({ state: 'detached' });
    await (await row(page, /Under light optimization/)).click();
    await webview().locator('#anchor-status', { hasText: 'Found on page 8' }).waitFor({ timeout: 60_000 });
  });

  it('dims the PDF page in a dark theme instead of showing a white page', { skip: havePapers ? false : `no PDFs in ${papersDir}` }, async () => {
    writeWorkspaceSettings({ 'workbench.colorTheme': 'Default Dark Modern' });
    const view = webview();
    await page.waitForFunction(() => document.querySelector('.monaco-workbench')?.classList.contains('vs-dark'), undefined, { timeout: 30_000 });
    const filter = await view.locator('.page-canvas').evaluate((canvas) => getComputedStyle(canvas).filter);
    assert.match(filter, /brightness/);
    await page.screenshot({ path: join(screenshots, 'excerpt-panel-dark.png') });
    writeWorkspaceSettings({});
    await page.waitForFunction(() => !document.querySelector('.monaco-workbench')?.classList.contains('vs-dark'), undefined, { timeout: 30_000 });
    await (await row(page, 'Reward Misgeneralization and Hacking')).click(); // back to the §3.2.2 panel for the next test
    await webview().locator('h1', { hasText: '§3.2.2' }).waitFor({ timeout: 30_000 });
  });

  it('follows a link inside the panel to the paper summary', async () => {
    await webview().locator('article.link h3 a', { hasText: 'Constitutional AI' }).first().click();
    const view = webview();
    await view.locator('header h1', { hasText: 'Constitutional AI' }).waitFor({ timeout: 30_000 });
    const summary = await view.locator('section.summary').innerText();
    assert.match(summary, /Key results/);
    assert.match(await view.locator('dl.meta').innerText(), /2212\.08073v1/);
    await page.screenshot({ path: join(screenshots, 'paper-panel.png') });
  });

  it('opens a paper summary from the command palette', async () => {
    await runCommand(page, 'Literature Companion: Open Paper Summary');
    await pickQuickItem(page, 'RLAIF vs. RLHF');
    await webview().locator('header h1', { hasText: 'RLAIF vs. RLHF' }).waitFor({ timeout: 30_000 });
  });

  it('restores the open panel after a window reload', async () => {
    // Through the workbench's own command, so it flushes its state the way a person's reload does.
    const reloaded = page.waitForEvent('load', { timeout: 60_000 });
    await runCommand(page, 'Developer: Reload Window');
    await reloaded;
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await webview().locator('header h1', { hasText: 'RLAIF vs. RLHF' }).waitFor({ timeout: 60_000 });
    assert.match(await webview().locator('section.summary').innerText(), /Human or AI feedback\?/);
    await page.screenshot({ path: join(screenshots, 'restored-after-reload.png') });
  });
  it('links a sentence of the talk to a suggested passage, and finds the annotation after a reload', async () => {
    const claimLine = '§3.2.2, Misgeneralization/Hacking';
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').fill('talk-ru.md');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'talk-ru.md' }).first().waitFor();
    await page.keyboard.press('Enter');
    const line = page.locator('.monaco-editor .view-line', { hasText: claimLine });
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget input').fill(':35');
    await page.keyboard.press('Enter');
    await line.waitFor({ timeout: 30_000 });
    await line.click(); // the editor, not a webview, must have the keyboard
    await page.keyboard.press('Home');
    await page.keyboard.press('Shift+End');
    await runCommand(page, 'Literature Companion: Link Claim to Evidence');
    const suggestion = page.locator('.quick-input-list .monaco-list-row', { hasText: /· p\. \d+/ }).first();
    await suggestion.waitFor({ timeout: 60_000 });
    await page.screenshot({ path: join(screenshots, 'link-claim-suggestions.png') });
    await page.keyboard.press('Enter'); // the first suggestion is focused
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'What does the evidence say' }).waitFor();
    await pickQuickItem(page, 'contradicts');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'A note on this claim' }).waitFor();
    await page.locator('.quick-input-widget input').fill('checked in the UI test');
    await page.keyboard.press('Enter');
    const stored = join(workspace, '.literature', 'annotations.json');
    for (let tries = 0; tries < 50 && !existsSync(stored); tries++) await page.waitForTimeout(100);
    const saved = JSON.parse(readFileSync(stored, 'utf8')).documents['talk-ru.md'];
    assert.equal(saved.length, 1);
    assert.equal(saved[0].target.selector[0].exact, claimLine);
    assert.ok(saved[0].body.some((body: { purpose: string; value?: string }) => body.purpose === 'commenting' && body.value === 'checked in the UI test'), JSON.stringify(saved[0].body));

    const reloaded = page.waitForEvent('load', { timeout: 60_000 });
    await runCommand(page, 'Developer: Reload Window');
    await reloaded;
    await line.waitFor({ timeout: 60_000 });
    // What the person sees of the annotation after the reload: its CodeLens above the line, and its note on hover.
    const lens = page.locator('.codelens-decoration', { hasText: '1 source · contradicts' });
    await lens.waitFor({ timeout: 30_000 });
    // The lens opens the claim panel. CodeLenses re-render while the window settles after a reload, and a
    // click on one being replaced is lost, so click again until the panel shows (as a person would).
    let panel: Frame | undefined;
    for (let attempt = 1; !panel; attempt++) {
      await lens.click();
      panel = await frameWith(page, 'header h1', claimLine, 10_000).catch(async (error: Error) => {
        await page.screenshot({ path: join(screenshots, `claim-lens-attempt-${attempt}.png`) });
        if (attempt === 3) throw error;
        return undefined;
      });
    }
    assert.match(await panel.locator('p.note').innerText(), /checked in the UI test/);
    await page.screenshot({ path: join(screenshots, 'claim-panel.png') });
  });

});
