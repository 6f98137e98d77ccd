// `npm run check:vsix` (after `npm run package`): installs the .vsix into a fresh code-server and clicks
// through the tree and a panel, to show the packaged extension works, not only the development build.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTools, projectRoot } from './lib/tools.mjs';
import { launchBrowser, freePort } from './lib/codeServer.mjs';
import { spawn } from 'node:child_process';
const t = ensureTools();
const home = mkdtempSync(join(tmpdir(), 'vsix-'));
const ext = join(home, 'ext');
console.log(execFileSync(t.node, [t.codeServer, '--extensions-dir', ext, '--user-data-dir', join(home,'ud'), '--install-extension', join(projectRoot, 'dist', 'literature-companion.vsix')], { encoding: 'utf8', env: { ...process.env, XDG_CONFIG_HOME: join(home,'c'), XDG_DATA_HOME: join(home,'d') } }));
const port = await freePort();
const ws = mkdtempSync(join(tmpdir(), 'vsixws-')); cpSync(join(projectRoot, 'example'), ws, { recursive: true });
const cs = spawn(t.node, [t.codeServer, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--extensions-dir', ext, '--user-data-dir', join(home,'ud'), '--disable-telemetry', '--disable-workspace-trust', ws], { detached: true, stdio: 'ignore', env: { ...process.env, XDG_CONFIG_HOME: join(home,'c'), XDG_DATA_HOME: join(home,'d') } });
await new Promise(r => setTimeout(r, 3000));
const b = await launchBrowser(); const p = await b.newPage({ viewport: { width: 1300, height: 800 } });
await p.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}`);
const icon = p.locator('.activitybar a.action-label[aria-label^="Literature Companion"]');
await icon.waitFor({ timeout: 60000 }); await icon.click();
const row = p.locator('[id="workbench.view.extension.literatureCompanion"] .monaco-list-row', { hasText: 'Reward Model' }).first();
await row.waitFor({ timeout: 30000 }); await row.click();
await p.frameLocator('iframe.webview.ready >> nth=-1').frameLocator('#active-frame').locator('h1', { hasText: '§3.2' }).waitFor({ timeout: 30000 });
console.log('VSIX OK: tree + panel work in code-server from the installed .vsix');
await b.close();
process.kill(-cs.pid);
process.exit(0);
