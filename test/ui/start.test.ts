// `npm start` as a newcomer runs it: on a fresh copy of the repository (no node_modules, no dist), in
// browser mode on a free port. It must print a URL that answers, the workbench behind it must show the
// product (the Literature Companion icon and view, the talk open), and Ctrl+C must stop every process it
// started. The last round shipped a crashing `npm start` under a green suite: this test is why it can't again.
import assert from 'node:assert/strict';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { ACTIVITY_ICON, CONTAINER, harness, projectRoot, screenshots } from './support';

/** The files git tracks: exactly what a fresh clone holds (falls back to a copy without build output). */
function freshCopy(): string {
  const target = mkdtempSync(join(tmpdir(), 'litcomp-fresh-'));
  let tracked: string[] | undefined;
  try {
    tracked = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: projectRoot, encoding: 'utf8' }).split('\0').filter(Boolean);
  } catch {
    /* not a git checkout: copy the tree without what a build or install adds */
  }
  if (tracked) {
    for (const file of tracked) cpSync(join(projectRoot, file), join(target, file), { force: true });
  } else {
    const skip = new Set(['node_modules', 'dist', 'dist-test', 'test-results', '.git']);
    cpSync(projectRoot, target, { recursive: true, filter: (source) => !skip.has(source.slice(projectRoot.length + 1).split('/')[0]!) });
  }
  return target;
}

/** Processes (other than this test's own) whose command line mentions `text`. */
function processesMentioning(text: string): string[] {
  const table = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return table.split('\n').filter((line) => line.includes(text) && !line.includes('ps -eo'));
}

describe('npm start on a fresh copy of the repository', { timeout: 600_000 }, () => {
  let copy: string;
  let start: ChildProcess;
  let output = '';
  let browser: Browser | undefined;

  before(async () => {
    copy = freshCopy();
    const { freePort } = await harness();
    const port = await freePort();
    // Its own process group, so that "Ctrl+C" below reaches npm and the script as a terminal would.
    start = spawn('npm', ['start'], { cwd: copy, detached: true, env: { ...process.env, LITCOMP_BROWSER: '1', PORT: String(port) } });
    start.stdout!.on('data', (chunk) => (output += String(chunk)));
    start.stderr!.on('data', (chunk) => (output += String(chunk)));
  });

  after(async () => {
    await browser?.close();
    try {
      process.kill(-start.pid!, 'SIGKILL');
    } catch {
      /* already stopped, as it should be */
    }
    rmSync(copy, { recursive: true, force: true });
  });

  it('prints a URL that answers, and the workbench shows the product: icon, view and the talk', async () => {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        const found = /(http:\/\/127\.0\.0\.1:\d+\/\?\S+)/.exec(output);
        if (found) return done(() => resolve(found[1]!));
        if (start.exitCode !== null) return done(() => reject(new Error(`npm start exited (${start.exitCode}) without a URL:\n${output}`)));
      }, 250);
      const done = (settle: () => void) => {
        clearInterval(timer);
        settle();
      };
    });
    assert.equal((await fetch(url)).status, 200, 'the printed URL answers');
    assert.doesNotMatch(output, /EBADENGINE/, 'no engine warnings for a newcomer to read');

    browser = await (await harness()).launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    await page.goto(url);
    await page.locator(ACTIVITY_ICON).waitFor({ timeout: 90_000 });
    // The first screen is the product: our view container is open (not the Explorer) and the talk is in an editor.
    await page.locator(`${CONTAINER} .monaco-list-row`, { hasText: 'Challenges with Obtaining Human Feedback' }).first().waitFor({ timeout: 60_000 });
    await page.locator('.tabs-container .tab', { hasText: 'talk-ru.md' }).waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('[id="workbench.view.explorer"]').isVisible().catch(() => false), false, 'the Explorer is not what a newcomer sees first');
    await page.screenshot({ path: join(screenshots, 'npm-start.png') });
    await page.close();
  });

  it('stops every process it started on Ctrl+C', async () => {
    assert.ok(processesMentioning(copy).length > 0, 'code-server runs on the copy before Ctrl+C');
    process.kill(-start.pid!, 'SIGINT');
    await new Promise<void>((resolve) => (start.exitCode !== null ? resolve() : start.once('exit', () => resolve())));
    const deadline = Date.now() + 15_000;
    let left = processesMentioning(copy);
    while (left.length > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      left = processesMentioning(copy);
    }
    assert.deepEqual(left, [], 'no code-server, file watcher or extension host outlives npm start');
  });
});
