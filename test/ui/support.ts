// What every UI test shares: where things are, the harness that starts code-server and Chromium, and the
// workbench selectors a person's clicks go through (facts from ../shared/vscode-here.md).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';

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
