// `npm run check:vsix` (after `npm run package`): installs the .vsix into a fresh code-server and clicks
// through the tree and a panel, to show the packaged extension works, not only the development build: in
// the Node extension host (`main`) and in the web worker extension host (`browser`).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTools, projectRoot } from './lib/tools.mjs';
import { launchBrowser, freePort } from './lib/codeServer.mjs';
import { spawn } from 'node:child_process';
const t = ensureTools();
const home = mkdtempSync(join(tmpdir(), 'vsix-'));
const ext = join(home, 'ext');
console.log(execFileSync(t.node, [t.codeServer, '--extensions-dir', ext, '--user-data-dir', join(home,'ud'), '--install-extension', join(projectRoot, 'dist', 'literature-companion.vsix')], { encoding: 'utf8', env: { ...process.env, XDG_CONFIG_HOME: join(home,'c'), XDG_DATA_HOME: join(home,'d') } }));
/**
 * One fresh code-server on the installed .vsix, in the desktop-style Node extension host or (user setting
 * remote.extensionKind ["web"]) in the browser's web worker extension host, which runs the `browser` entry.
 */
async function clickThrough(host) {
  const userData = join(home, `ud-${host}`);
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify(host === 'web' ? { 'remote.extensionKind': { 'literature-companion.literature-companion': ['web'] } } : {}));
  const port = await freePort();
  const ws = mkdtempSync(join(tmpdir(), 'vsixws-')); cpSync(join(projectRoot, 'example'), ws, { recursive: true });
  const cs = spawn(t.node, [t.codeServer, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--extensions-dir', ext, '--user-data-dir', userData, '--disable-telemetry', '--disable-workspace-trust', ws], { detached: true, stdio: 'ignore', env: { ...process.env, XDG_CONFIG_HOME: join(home,'c'), XDG_DATA_HOME: join(home,'d') } });
  try {
    await new Promise(r => setTimeout(r, 3000));
    const b = await launchBrowser(); const p = await b.newPage({ viewport: { width: 1300, height: 800 } });
    await p.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}`);
    const icon = p.locator('.activitybar a.action-label[aria-label^="Literature Companion"]');
    await icon.waitFor({ timeout: 60000 }); await icon.click();
    const row = p.locator('[id="workbench.view.extension.literatureCompanion"] .monaco-list-row', { hasText: 'Reward Model' }).first();
    await row.waitFor({ timeout: 30000 }); await row.click();
    await p.frameLocator('iframe.webview.ready >> nth=-1').frameLocator('#active-frame').locator('h1', { hasText: '§3.2' }).waitFor({ timeout: 30000 });
    // Which host runs it shows in the palette: the report (Node only) is offered by the Node host alone.
    await p.evaluate(() => document.activeElement?.blur());
    await p.keyboard.press('F1');
    await p.locator('.quick-input-widget input').fill('>Literature Companion: Export Evidence Report');
    await p.waitForTimeout(1000);
    const offered = (await p.locator('.quick-input-list .monaco-list-row', { hasText: 'Export Evidence Report' }).count()) > 0;
    await b.close();
    if (offered !== (host === 'node')) throw new Error(`${host} host: Export Evidence Report is ${offered ? '' : 'not '}offered`);
    console.log(`VSIX OK (${host} extension host): tree + panel work in code-server from the installed .vsix`);
  } finally {
    process.kill(-cs.pid);
  }
}
await clickThrough('node');
await clickThrough('web');
process.exit(0);
