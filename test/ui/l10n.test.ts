// UI test (issue 10): under a Russian display language the webviews speak Russian. code-server runs with
// `--locale ru` and a minimal language pack (scripts/lib/languagePack.mjs: no Marketplace pack is reachable
// here, and without one code-server falls back to English). VS Code's own menus stay English (the pack
// translates none of them); the extension's words come from l10n/bundle.l10n.ru.json and
// package.nls.ru.json. What a person reads must be Russian: the challenge panel's headings and buttons, the
// CodeLens of the Russian talk, the claim panel, the evidence map's controls and the excerpt's status.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Frame, Page } from 'playwright-core';
import { acceptSaveDialog, frameWith, harness, openFile, papersDir, pickQuickItem, projectRoot, runCommand, screenshots, type Server } from './support';

const havePapers = existsSync(join(papersDir, '2009.01325.pdf'));
let workspace: string;
let server: Server;
let browser: Browser;
let page: Page;

/** The panel's own words (not the corpus's English titles and quotes): headings, labels, buttons, badges. */
const CHROME = 'header .kind, h2, button, .quote-meta, footer, .badge, p.empty, dt, legend, label, .legend, .hint, #anchor-status';
/** Words that are the same in Russian: names of formats, sites and the taxonomy's authors. */
const SAME_IN_RUSSIAN = /\b(PDF|arXiv|sha256|SVG|PNG|Enter|Casper et al\.)\b/g;

/** Latin words left in the frame's own words (an English string the host or the webview did not translate). */
async function englishLeft(frame: Frame): Promise<string[]> {
  const texts = await frame.locator(CHROME).allInnerTexts();
  return texts.flatMap((text) => text.replace(SAME_IN_RUSSIAN, '').match(/[A-Za-z]{2,}/g) ?? []);
}

describe('the webviews in Russian (code-server --locale ru)', { timeout: 400_000 }, () => {
  before(async () => {
    workspace = mkdtempSync(join(tmpdir(), 'litcomp-ui-l10n-'));
    cpSync(join(projectRoot, 'example'), workspace, { recursive: true });
    mkdirSync(join(workspace, '.vscode'), { recursive: true });
    writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify(havePapers ? { 'literatureCompanion.pdfFolder': papersDir } : {}, null, 2));
    const { startCodeServer, launchBrowser } = await harness();
    server = await startCodeServer({ folder: workspace, locale: 'ru' });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(server.workbenchUrl());
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.activitybar a.action-label[aria-label^="Literature Companion"]').waitFor({ timeout: 60_000 });
  });

  after(async () => {
    await browser?.close();
    server?.stop();
  });

  it('runs the workbench in Russian: the extension\'s commands have their Russian titles', async () => {
    assert.equal(await page.evaluate(() => (globalThis as { _VSCODE_NLS_LANGUAGE?: string })._VSCODE_NLS_LANGUAGE), 'ru');
    await runCommand(page, 'Literature Companion: Открыть проблему'); // package.nls.ru.json
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Открыть проблему' }).waitFor({ timeout: 30_000 }); // bundle.l10n.ru.json
    await pickQuickItem(page, 'Reward Misgeneralization and Hacking');
  });

  it('the challenge panel: Russian headings and buttons, vscode.env.language "ru" in the page', async () => {
    const panel = await frameWith(page, 'header .kind', 'Проблема', 60_000);
    await panel.locator('article.link blockquote').first().waitFor();
    assert.equal(await panel.evaluate(() => document.documentElement.lang), 'ru');
    assert.match(await panel.locator('section.links h2').innerText(), /^Статьи, в которых она обсуждается \(\d+\)$/);
    assert.match(await panel.locator('blockquote .quote-meta').first().innerText(), /^с\. \d+/);
    assert.ok(await panel.locator('button', { hasText: 'Показать в PDF' }).count() > 0);
    assert.equal(await panel.locator('footer button').innerText(), 'Изменить файл корпуса');
    assert.deepEqual(await englishLeft(panel), []);
    await page.screenshot({ path: join(screenshots, 'l10n-challenge-panel-ru.png') });
  });

  it('the Russian talk: its CodeLens counts sources in Russian and opens a Russian claim panel', async () => {
    await openFile(page, 'talk-ru.md');
    const lens = page.locator('.codelens-decoration a', { hasText: /\d+ источник(а|ов)? · (подтверждает|частично подтверждает|опровергает|не рассмотрено)/ }).first();
    await lens.waitFor({ timeout: 60_000 });
    assert.doesNotMatch(await page.locator('.codelens-decoration').first().innerText(), /source|supports|contradicts/);
    await lens.click();
    const claim = await frameWith(page, 'header .kind', 'Утверждение', 60_000);
    assert.match(await claim.locator('h2').first().innerText(), /^Источники \(\d+\)$/);
    assert.match(await claim.locator('p.status').innerText(), /^(подтверждает|частично подтверждает|опровергает|не рассмотрено) · \d+ источник/);
    assert.deepEqual(await englishLeft(claim), []);
    await page.screenshot({ path: join(screenshots, 'l10n-claim-panel-ru.png') });
  });

  it('the evidence report exported from the Russian talk is written in Russian', async () => {
    // Back to the talk's tab (behind the claim panel), as a person would.
    await page.locator('.tab', { hasText: 'talk-ru.md' }).first().click();
    await page.locator('.tab.active', { hasText: 'talk-ru.md' }).waitFor({ timeout: 20_000 });
    await runCommand(page, 'Literature Companion: Экспортировать отчёт о доказательствах…');
    await pickQuickItem(page, 'HTML', 'Экспорт отчёта');
    await acceptSaveDialog(page);
    const file = join(workspace, 'talk-ru-evidence-report.html');
    for (let i = 0; i < 240 && !existsSync(file); i++) await page.waitForTimeout(250);
    assert.ok(existsSync(file), `${file} written`);
    const html = readFileSync(file, 'utf8');
    assert.match(html, /<html lang="ru">/);
    assert.match(html, /<h1>Отчёт о доказательствах: talk-ru\.md<\/h1>/);
    assert.match(html, /<h2 id="summary">Сводка по источникам<\/h2>/);
    assert.match(html, /<span class="where">строка \d+ · \d+ цитат[аы]?<\/span>/);
  });

  it('the evidence map: Russian controls, legend and screen-reader labels with Russian plural forms', async () => {
    await runCommand(page, 'Literature Companion: Открыть карту доказательств');
    const map = await frameWith(page, 'table.grid', '', 60_000);
    await map.locator('td.cell').first().waitFor();
    assert.equal(await map.locator('[data-action="expand-all"]').innerText(), 'Развернуть все');
    assert.match(await map.locator('.legend').innerText(), /Цитаты:.*меньше → больше/s);
    const cell = map.locator('td.cell[data-challenge="3.2.2"][data-paper="2009.01325"]');
    assert.match(await cell.getAttribute('aria-label') ?? '', /^2 цитаты связывают Stiennon et al\. 2020 с §3\.2\.2/);
    assert.deepEqual(await englishLeft(map), []);
    await cell.click();
    await map.locator('#details h2', { hasText: '§3.2.2' }).waitFor();
    assert.match(await map.locator('#details .quote-meta').first().innerText(), /§3\.2\.2 · с\. \d+/);
    await page.screenshot({ path: join(screenshots, 'l10n-evidence-map-ru.png') });
    await map.locator('#details li.quote button', { hasText: 'Показать в PDF' }).first().click();
  });

  it('the excerpt panel: its status line is a Russian sentence', async () => {
    const excerpt = await frameWith(page, 'header .kind', 'Фрагмент', 60_000);
    if (havePapers) {
      await excerpt.locator('#anchor-status', { hasText: 'Найдено на странице 8' }).waitFor({ timeout: 60_000 });
      await excerpt.locator('#page-label', { hasText: /^Страница 8 из \d+$/ }).waitFor({ timeout: 60_000 });
    } else {
      console.log('# the papers are not in', papersDir, ': the excerpt shows its "no PDF" page (in Russian)');
      await excerpt.locator('h2', { hasText: 'Сохранённая цитата (страница 8)' }).waitFor({ timeout: 30_000 });
    }
    assert.deepEqual(await englishLeft(excerpt), []);
    await excerpt.evaluate(() => window.scrollTo(0, 0)); // the status line, above the page
    await page.screenshot({ path: join(screenshots, 'l10n-excerpt-ru.png') });
  });

  it('the PDF viewer: its toolbar and find bar in Russian', { skip: !havePapers && `the papers are not in ${papersDir}` }, async () => {
    const excerpt = await frameWith(page, 'header .kind', 'Фрагмент', 30_000);
    await excerpt.locator('[data-open-pdf]', { hasText: 'Открыть PDF' }).click();
    const viewer = await frameWith(page, '#use-as-evidence', 'Использовать как цитату…', 60_000);
    await viewer.locator('#page-count', { hasText: /^из \d+$/ }).waitFor({ timeout: 60_000 });
    assert.equal(await viewer.locator('#zoom-select option[value="page-width"]').innerText(), 'По ширине');
    assert.equal(await viewer.locator('[data-find="open"]').innerText(), 'Найти');
    assert.equal(await viewer.locator('#find-input').getAttribute('placeholder'), 'Поиск в PDF');
    assert.deepEqual(await englishLeft(viewer), []);
    await page.screenshot({ path: join(screenshots, 'l10n-pdf-viewer-ru.png') });
  });
});
