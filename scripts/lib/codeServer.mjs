// A throwaway code-server (VS Code 1.139.1 in the browser) for tests and `npm start`:
// its own temp profile, bound to 127.0.0.1, stopped by killing its whole process group.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installLanguagePack } from './languagePack.mjs';
import { ensureTools, projectRoot } from './tools.mjs';

const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'chat.disableAIFeatures': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
  'update.mode': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.commandCenter.enabled': false,
};

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * `locale` (e.g. 'ru') runs the workbench in that display language, through a minimal language pack.
 * @param {{ folder: string, port?: number, settings?: object, locale?: string, log?: (line: string) => void }} options
 */
export async function startCodeServer({ folder, port, settings = {}, locale, log = () => {} }) {
  const tools = ensureTools();
  port ??= await freePort();
  const home = mkdtempSync(join(tmpdir(), 'litcomp-vscode-'));
  const userDataDir = join(home, 'user-data');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2));
  const config = join(home, 'config.yaml');
  writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  if (locale) installLanguagePack({ locale, extensionsDir: join(home, 'extensions'), userDataDir });
  const args = [
    tools.codeServer,
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override', '--config', config,
    '--user-data-dir', userDataDir, '--extensions-dir', join(home, 'extensions'),
    '--vscode-option', 'enable-smoke-test-driver', ...(locale ? ['--locale', locale] : []), folder,
  ];
  const child = spawn(tools.node, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, XDG_CONFIG_HOME: join(home, 'config'), XDG_DATA_HOME: join(home, 'data') },
  });
  child.stdout.on('data', (chunk) => log(String(chunk)));
  child.stderr.on('data', (chunk) => log(String(chunk)));
  const url = `http://127.0.0.1:${port}`;
  let exited = false;
  child.on('exit', () => (exited = true));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error('code-server exited during start-up; run with LITCOMP_DEBUG=1 to see its output');
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`code-server did not answer ${url}/healthz within 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  let stopped = false;
  return {
    url,
    port,
    home,
    /**
     * The workbench URL that loads this project (or the extension folder `extensionPath`) as an extension in
     * development mode (and opens `openFile`).
     */
    workbenchUrl({ folder: open = folder, extensionTestsPath, environment, openFile, extensionPath = projectRoot } = {}) {
      const remote = (path) => `vscode-remote://127.0.0.1:${port}${path}`;
      const payload = [['extensionDevelopmentPath', remote(extensionPath)]];
      if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
      if (environment) payload.push(['extensionEnvironment', JSON.stringify(environment)]);
      if (openFile) payload.push(['openFile', remote(openFile)]);
      return `${url}/?folder=${encodeURIComponent(open)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    },
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        process.kill(-child.pid, 'SIGTERM'); // the group: file watchers and extension hosts too
      } catch {
        /* already gone */
      }
      rmSync(home, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

const BROWSER_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

export async function launchBrowser() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: ensureTools().chromium, headless: true, args: BROWSER_ARGS });
}

/** Console lines of the workbench that say nothing about our extension (no internet here). */
export function isNoise(text) {
  if (/^(Resolving connection|Resolved connection|Creating a socket|\[reconnection|Updating additional|\[Service Worker|\[AgentHost|\[AccountPolicyGate|OverlayWebview|\s+at )/.test(text)) return true;
  return /open-vsx|ENOTFOUND|github\.com|Failed to load resource|marketplace|GitHub|net::ERR|gallery|vscode-unpkg|Content Security Policy|webgl|WebGL/i.test(text);
}
