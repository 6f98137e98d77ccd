// UI test of the PDF viewer (custom editor for *.pdf) in the real workbench (code-server + Chromium): a
// workspace PDF opens in it, page 1 is drawn with its text layer, the person pages, searches with Ctrl+F,
// selects a sentence and uses it as evidence (through the read-only-corpus prompt and the folder dialog),
// and the quote written to their corpus verifies against the PDF. Screenshots go to test-results.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Frame, Page } from 'playwright-core';
import { loadCorpus } from '../../src/core/corpus/load';
import { PdfTextExtractor, verifyCorpusQuotes } from '../../src/core/pdf';
import { challengeFile, evidenceFile, paperFile } from '../support/corpusFixture';
import { buildPdf, column } from '../support/pdfFixtures';
import { frameWith, openWorkbench, papersDir, pickQuickItem, projectRoot, runCommand, screenshots, type Server } from './support';

const PAGE_ONE = ['Reward Models and Their Limits', 'A fixture paper written by the test itself'];
const PAGE_TWO = [
  'Reward models are trained on human comparisons of two summaries.',
  'When the policy is optimized too hard against the reward model,',
  'the summaries it writes become worse again by human judgment.',
  'We call this effect overoptimization of a learned proxy.',
];
const PAGE_THREE = ['A closing page about calibration and overoptimization.', 'Nothing else is printed here.'];
/** What the person selects on page 2: two whole lines. */
const SELECTED = `${PAGE_TWO[1]} ${PAGE_TWO[2]}`;
const PAPER = '1111.00001';

let workspace: string;
let corpusDir: string;
let server: Server;
let browser: Browser;
let page: Page;
let viewer: Frame;

function fixturePdf(): Buffer {
  return buildPdf([
    { texts: [{ x: 72, y: 700, text: PAGE_ONE[0]!, size: 24 }, { x: 72, y: 660, text: PAGE_ONE[1]!, size: 12 }] },
    { texts: column(PAGE_TWO, 72, 700, 16, 12) },
    { texts: column(PAGE_THREE, 72, 700, 16, 12) },
  ]);
}

function writeWorkspaceSettings(extra: Record<string, unknown>): void {
  mkdirSync(join(workspace, '.vscode'), { recursive: true });
  writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'git.openRepositoryInParentFolders': 'never', ...extra }, null, 2));
}

/** Non-white pixels of the page's canvas: a blank canvas (nothing drawn) has none. */
async function inkOn(frame: Frame, pageNumber: number): Promise<number> {
  return frame.locator(`.page[data-page-number="${pageNumber}"] canvas`).first().evaluate((canvas: HTMLCanvasElement) => {
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let ink = 0;
    for (let index = 0; index < data.length; index += 4) if (data[index]! < 200 && data[index + 3]! > 0) ink++;
    return ink;
  });
}

async function shoot(name: string): Promise<void> {
  await page.screenshot({ path: join(screenshots, name) });
}

describe('the PDF viewer in the workbench', { timeout: 420_000 }, () => {
  before(async () => {
    workspace = mkdtempSync(join(tmpdir(), 'litcomp-ui-viewer-'));
    writeFileSync(join(workspace, 'fixture-paper.pdf'), fixturePdf());
    // The person's own corpus: one paper, one challenge, one link; its PDF under pdf/ for verification.
    corpusDir = join(workspace, 'my-corpus');
    for (const folder of ['papers', 'taxonomy', 'evidence', 'pdf']) mkdirSync(join(corpusDir, folder), { recursive: true });
    writeFileSync(join(corpusDir, 'papers', `${PAPER}.md`), paperFile(PAPER));
    writeFileSync(join(corpusDir, 'taxonomy', '1.md'), challengeFile('1', 'Reward model misspecification'));
    writeFileSync(join(corpusDir, 'evidence', `${PAPER}.yaml`), evidenceFile(PAPER, [{ challenge: '1', page: 2, quote: PAGE_TWO[0]! }]));
    writeFileSync(join(corpusDir, 'pdf', `${PAPER}.pdf`), fixturePdf());
    if (existsSync(join(papersDir, '2009.01325.pdf'))) copyFileSync(join(papersDir, '2009.01325.pdf'), join(workspace, '2009.01325.pdf'));
    writeWorkspaceSettings({});
    ({ server, browser, page } = await openWorkbench(workspace, { viewport: { width: 1400, height: 900 } }));
  });

  /** Opens a workspace file as a person does: Quick Open (Ctrl+P), its name, Enter. */
  async function quickOpen(name: string): Promise<void> {
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').fill(name);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 30_000 });
    await page.keyboard.press('Enter');
  }

  after(async () => {
    await browser?.close();
    server?.stop();
  });

  it('opens a workspace PDF in the viewer: page 1 drawn, with its text layer', async () => {
    await quickOpen('fixture-paper.pdf');
    viewer = await frameWith(page, '.page[data-page-number="1"] .textLayer span', 'Reward Models and Their Limits', 90_000);
    await viewer.locator('.page[data-page-number="1"] canvas').first().waitFor();
    await page.waitForFunction(() => true); // let the first frame settle before reading pixels
    assert.ok((await inkOn(viewer, 1)) > 500, 'page 1 has text drawn on its canvas');
    assert.equal(await viewer.locator('#page-input').inputValue(), '1');
    assert.match(await viewer.locator('#page-count').innerText(), /of 3/);
    const tab = page.locator('.tabs-container .tab', { hasText: 'fixture-paper.pdf' });
    await tab.waitFor();
    await shoot('pdf-viewer-page1.png');
  });

  it('goes to a page typed in the toolbar, and pages with the buttons', async () => {
    await viewer.locator('#page-input').fill('3');
    await viewer.locator('#page-input').press('Enter');
    await viewer.locator('.page[data-page-number="3"] .textLayer span', { hasText: 'A closing page' }).waitFor({ timeout: 30_000 });
    await viewer.waitForFunction(() => (document.getElementById('page-input') as HTMLInputElement).value === '3');
    await viewer.locator('button[data-nav="previous"]').click();
    await viewer.waitForFunction(() => (document.getElementById('page-input') as HTMLInputElement).value === '2');
    assert.ok((await inkOn(viewer, 2)) > 500, 'page 2 drawn');
  });

  it('finds a word with Ctrl+F and marks the matches', async () => {
    await viewer.locator('#viewer-container').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+f');
    await viewer.locator('#findbar:not([hidden]) #find-input').waitFor();
    await viewer.locator('#find-input').fill('overoptimization');
    await viewer.locator('#find-result', { hasText: /of 2/ }).waitFor({ timeout: 30_000 });
    await viewer.locator('.textLayer .highlight').first().waitFor();
    await shoot('pdf-viewer-find.png');
    await viewer.locator('#find-input').press('Escape');
    await viewer.locator('#findbar[hidden]').waitFor({ state: 'attached' });
  });

  it('uses a selected passage as evidence: into the person\'s corpus, and the quote verifies', async () => {
    await viewer.locator('#page-input').fill('2');
    await viewer.locator('#page-input').press('Enter');
    const first = viewer.locator('.page[data-page-number="2"] .textLayer span', { hasText: 'When the policy' }).first();
    const next = viewer.locator('.page[data-page-number="2"] .textLayer span', { hasText: 'We call this effect' }).first();
    await first.waitFor();
    const from = (await first.boundingBox())!;
    const to = (await next.boundingBox())!;
    // A person's drag from the start of one line to the start of the line after the passage.
    await page.mouse.move(from.x + 1, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + 40, to.y - 4, { steps: 8 });
    await page.mouse.move(to.x + 1, to.y + to.height / 2, { steps: 4 });
    await page.mouse.up();
    assert.match(await viewer.evaluate(() => window.getSelection()?.toString() ?? ''), /When the policy[\s\S]*worse again/);
    await viewer.locator('#floating-evidence:not([hidden])').waitFor();
    await shoot('pdf-viewer-selection.png');
    await viewer.locator('#use-as-evidence').click();

    await pickQuickItem(page, 'paper ↔ challenge link', 'Use as Evidence');
    // The bundled corpus is in use: the viewer says it is read-only and offers a folder of the person's own.
    await pickQuickItem(page, 'Pick a corpus folder', 'The bundled corpus is read-only');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`${corpusDir}/`); // the folder dialog (code-server's simple dialog) takes a typed path
    await page.waitForTimeout(500);
    await page.keyboard.press('Enter');
    const paperQuestion = page.locator('.quick-input-widget .quick-input-title', { hasText: 'Which paper is fixture-paper.pdf' });
    if (!(await paperQuestion.isVisible().catch(() => false))) {
      await page.waitForTimeout(500);
      if (!(await paperQuestion.isVisible().catch(() => false))) await page.keyboard.press('Enter'); // the folder dialog's OK
    }
    await pickQuickItem(page, `Paper ${PAPER}`, 'Which paper is fixture-paper.pdf');
    await pickQuickItem(page, '§1 Reward model misspecification', 'for which challenge');

    const status = viewer.locator('#viewer-status.success');
    await status.waitFor({ timeout: 30_000 });
    assert.match(await status.innerText(), /it verifies: found on page 2/);
    await shoot('pdf-viewer-evidence-added.png');

    const yaml = readFileSync(join(corpusDir, 'evidence', `${PAPER}.yaml`), 'utf8');
    assert.ok(yaml.includes(`quote: "${SELECTED}"`), yaml);
    assert.ok(yaml.includes(`quote: "${PAGE_TWO[0]}"`), 'the quote already there is kept');
    // An independent check with the verifier the CLI and "Verify All Quotes" use.
    const extractor = new PdfTextExtractor({ workerScript: join(projectRoot, 'dist', 'pdfWorker.js') });
    const verdicts = await verifyCorpusQuotes(await loadCorpus(corpusDir), { pdfDir: join(corpusDir, 'pdf'), cacheDir: null, extractor }).finally(() => extractor.dispose());
    const added = verdicts.find((verdict) => verdict.quote === SELECTED);
    assert.equal(added?.status, 'found', JSON.stringify(verdicts));
    assert.equal(added?.page, 2);
    const settings = JSON.parse(readFileSync(join(workspace, '.vscode', 'settings.json'), 'utf8'));
    assert.equal(settings['literatureCompanion.corpusPath'], corpusDir);
  });

  it('restores the page after a window reload', async () => {
    await viewer.locator('#page-input').fill('3');
    await viewer.locator('#page-input').press('Enter');
    await viewer.waitForFunction(() => (document.getElementById('page-input') as HTMLInputElement).value === '3');
    await page.waitForTimeout(1000); // the workbench stores webview state on its own schedule
    const reloaded = page.waitForEvent('load', { timeout: 60_000 });
    await runCommand(page, 'Developer: Reload Window');
    await reloaded;
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    viewer = await frameWith(page, '.page[data-page-number="3"] .textLayer span', 'A closing page', 90_000);
    await viewer.waitForFunction(() => (document.getElementById('page-input') as HTMLInputElement).value === '3', undefined, { timeout: 30_000 });
    await shoot('pdf-viewer-restored.png');
  });

  it('dims the pages in a dark theme', async () => {
    writeWorkspaceSettings({ 'workbench.colorTheme': 'Default Dark Modern', 'literatureCompanion.corpusPath': corpusDir });
    await page.waitForFunction(() => document.querySelector('.monaco-workbench')?.classList.contains('vs-dark'), undefined, { timeout: 30_000 });
    await viewer.waitForFunction(() => document.body.classList.contains('vscode-dark'), undefined, { timeout: 30_000 });
    const filter = await viewer.locator('.page canvas').first().evaluate((canvas) => getComputedStyle(canvas).filter);
    assert.match(filter, /brightness/);
    await shoot('pdf-viewer-dark.png');
    writeWorkspaceSettings({ 'literatureCompanion.corpusPath': corpusDir });
  });

  it('shows a real paper at a page, for the README', { skip: existsSync(join(papersDir, '2009.01325.pdf')) ? false : `no PDFs in ${papersDir}` }, async () => {
    await quickOpen('2009.01325.pdf');
    const paper = await frameWith(page, '.page[data-page-number="1"] .textLayer span', 'Learning to summarize', 90_000);
    await paper.locator('#page-input').fill('8');
    await paper.locator('#page-input').press('Enter');
    await paper.locator('.page[data-page-number="8"] .textLayer span', { hasText: 'Under light optimization' }).first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(800);
    await shoot('pdf-viewer-paper.png');
  });
});
