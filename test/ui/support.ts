// What every UI test shares: where things are, the harness that starts code-server and Chromium, and the
// workbench selectors a person's clicks go through (facts from ../shared/vscode-here.md).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Frame, Page } from 'playwright-core';

export const projectRoot = join(__dirname, '..', '..');
export const screenshots = join(projectRoot, 'test-results', 'screenshots');
export const papersDir = process.env.LITCOMP_PAPERS || join(projectRoot, '..', 'shared', 'papers');
/** The Literature Companion view container in the side bar. */
export const CONTAINER = '[id="workbench.view.extension.literatureCompanion"]';

export interface Server {
  readonly port: number;
  workbenchUrl(options?: { folder?: string; openFile?: string; extensionTestsPath?: string; environment?: object }): string;
  stop(): void;
}

export interface Harness {
  startCodeServer(options: { folder: string; settings?: object; locale?: string }): Promise<Server>;
  launchBrowser(): Promise<Browser>;
  freePort(): Promise<number>;
}

/** The same harness the scripts use, loaded at run time (it is plain ESM beside them). */
export const harness = (): Promise<Harness> => import(pathToFileURL(join(projectRoot, 'scripts', 'lib', 'codeServer.mjs')).href);

// ——— what a person does in the workbench, shared by the UI suites ———

/** Runs a command through the palette (F1), as a person would. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur()); // F1 is lost while a webview has focus
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** Waits for an open quick pick titled `title` (when given), narrows it to `text` and accepts with Enter. */
export async function pickQuickItem(page: Page, text: string, title?: string): Promise<void> {
  if (title) await page.locator('.quick-input-widget .quick-input-title', { hasText: title }).waitFor({ timeout: 30_000 });
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(text);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** The webview frame (of several open ones) in which `selector` matches, optionally showing `text`. */
export async function frameWith(page: Page, selector: string, text?: string, timeoutMs = 30_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      if ((await frame.locator(selector, text ? { hasText: text } : {}).count().catch(() => 0)) > 0) return frame;
    }
    if (Date.now() > deadline) throw new Error(`no webview shows ${selector}${text ? ` "${text}"` : ''}`);
    await page.waitForTimeout(250);
  }
}

/**
 * Accepts VS Code's save dialog (code-server's own "simple" dialog, a quick input holding the proposed
 * path), optionally typing another path first.
 */
export async function acceptSaveDialog(page: Page, path?: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 20_000 });
  // The dialog's input holds a path; a quick pick before it (e.g. a format) may still be closing.
  await page.waitForFunction(() => (document.querySelector('.quick-input-widget input') as HTMLInputElement | null)?.value.includes('/'), undefined, { timeout: 20_000 });
  if (path) await input.fill(path);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 20_000 });
}

/** Opens a workspace file in the editor through Quick Open. */
export async function openFile(page: Page, name: string): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.tab.active', { hasText: name }).waitFor({ timeout: 20_000 });
}

/** The Literature Companion icon of the activity bar. */
export const ACTIVITY_ICON = '.activitybar a.action-label[aria-label^="Literature Companion"]';

/** Opens the Literature Companion side bar with its activity-bar icon, as a person does. */
export async function showSideBar(page: Page): Promise<void> {
  const icon = page.locator(ACTIVITY_ICON);
  await icon.waitFor({ timeout: 60_000 });
  await icon.click();
}

/** A row of the Literature Companion side bar that shows `text`, once it is visible. */
export async function row(page: Page, text: string | RegExp): Promise<ReturnType<Page['locator']>> {
  const locator = page.locator(`${CONTAINER} .monaco-list-row`, { hasText: text }).first();
  await locator.waitFor({ state: 'visible', timeout: 30_000 });
  return locator;
}

/** Expands a side-bar row with its twistie and waits until the tree says it is expanded. */
export async function expand(page: Page, text: string | RegExp): Promise<void> {
  const target = await row(page, text);
  if ((await target.getAttribute('aria-expanded')) !== 'true') await target.locator('.monaco-tl-twistie').click();
  await page.locator(`${CONTAINER} .monaco-list-row[aria-expanded="true"]`, { hasText: text }).first().waitFor();
}

export interface Workbench {
  readonly server: Server;
  readonly browser: Browser;
  readonly page: Page;
}

/**
 * code-server on `folder` and Chromium with one page on its workbench, loaded. `beforeOpen` gets the page
 * before the workbench loads (to listen for dialogs or console messages from the start).
 */
export async function openWorkbench(folder: string, options: { viewport: { width: number; height: number }; settings?: object; beforeOpen?: (page: Page) => void }): Promise<Workbench> {
  const { startCodeServer, launchBrowser } = await harness();
  const server = await startCodeServer({ folder, settings: options.settings });
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: options.viewport });
  options.beforeOpen?.(page);
  await page.goto(server.workbenchUrl());
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  return { server, browser, page };
}
