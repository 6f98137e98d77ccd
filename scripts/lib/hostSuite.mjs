// Runs the in-host mocha suite (dist-test/host/index.js) inside a real VS Code extension host served by
// code-server, driven by Chromium: the workbench reports the end through window.codeAutomationExit.
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import { isNoise, launchBrowser, startCodeServer } from './codeServer.mjs';
import { projectRoot } from './tools.mjs';

const TIMEOUT_MS = 10 * 60_000;

/**
 * Loads `testsPath` (a module exporting run()) into a real extension host and returns the JSON its run
 * printed after `marker` (the in-host suite prints LITCOMP_RESULT {"passed":n,"failed":m}).
 */
export async function runHostSuite({ grep, testsPath = join(projectRoot, 'dist-test', 'host', 'index.js'), marker = 'LITCOMP_RESULT', settings, prepare } = {}) {
  const workspace = mkdtempSync(join(tmpdir(), 'litcomp-host-ws-'));
  cpSync(join(projectRoot, 'example'), workspace, { recursive: true });
  await prepare?.(workspace);
  const server = await startCodeServer({ folder: workspace, settings, log: process.env.LITCOMP_DEBUG ? (line) => process.stderr.write(line) : undefined });
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    let result;
    const finished = new Promise((resolve) => {
      page.exposeFunction('codeAutomationExit', (code) => resolve(code));
    });
    await page.exposeFunction('codeAutomationLog', (_level, args) => {
      const text = format(...(Array.isArray(args) ? args : [args]));
      const found = new RegExp(`${marker} (\\{.*\\})`).exec(text);
      if (found) result = JSON.parse(found[1]);
      else if (!isNoise(text)) process.stdout.write(`${text}\n`);
    });
    const environment = { LITCOMP_PROJECT_ROOT: projectRoot, LITCOMP_PAPERS: process.env.LITCOMP_PAPERS ?? '', LITCOMP_GREP: grep ?? '' };
    await page.goto(server.workbenchUrl({ extensionTestsPath: testsPath, environment }));
    const code = await Promise.race([finished, new Promise((resolve) => setTimeout(() => resolve('timeout'), TIMEOUT_MS))]);
    if (code === 'timeout') {
      await page.screenshot({ path: join(projectRoot, 'test-results', 'host-timeout.png') }).catch(() => {});
      throw new Error(`the in-host suite did not finish within ${TIMEOUT_MS / 60000} minutes`);
    }
    if (!result) throw new Error(`the in-host suite ended (code ${code}) without reporting results: did the extension host start?`);
    return result;
  } finally {
    await browser.close();
    server.stop();
  }
}

/** This extension's id, as the user setting `remote.extensionKind` names it. */
export const EXTENSION_ID = 'literature-companion.literature-companion';

/**
 * The web part of the suite (dist-test/web/index.js) in code-server's WEB WORKER extension host: the user
 * setting remote.extensionKind ["web"] makes code-server run this extension's `browser` entry there, in the
 * browser, without Node (see ../shared/vscode-here.md, "The same extension as a web extension").
 */
export function runWebHostSuite({ grep, testsPath = join(projectRoot, 'dist-test', 'web', 'index.js'), marker } = {}) {
  return runHostSuite({
    grep,
    testsPath,
    marker,
    settings: { 'remote.extensionKind': { [EXTENSION_ID]: ['web'] } },
    // Fixture PDFs are built with Node (zlib) before the server starts: the web host cannot.
    prepare: async (workspace) => (await import(join(projectRoot, 'dist-test', 'web', 'fixtures.js'))).prepareWebWorkspace(workspace),
  });
}
