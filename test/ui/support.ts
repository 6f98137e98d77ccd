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
  startCodeServer(options: { folder: string; settings?: object }): Promise<Server>;
  launchBrowser(): Promise<Browser>;
  freePort(): Promise<number>;
}

/** The same harness the scripts use, loaded at run time (it is plain ESM beside them). */
export const harness = (): Promise<Harness> => import(pathToFileURL(join(projectRoot, 'scripts', 'lib', 'codeServer.mjs')).href);

/** Runs a command from the palette (blurring first: F1 is lost while a webview has focus). */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** Narrows the open quick pick to `text` and accepts it with Enter (clicks race its animation). */
export async function pickQuickItem(page: Page, text: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(text);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** The webview frame (of several open panels) in which `selector` exists and shows `text`. */
export async function frameWith(page: Page, selector: string, text = '', timeoutMs = 30_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      if ((await frame.locator(selector, { hasText: text }).count().catch(() => 0)) > 0) return frame;
    }
    if (Date.now() > deadline) throw new Error(`no webview shows ${selector} "${text}"`);
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
