// `npm start`: install what is needed, build, then open VS Code with the extension in development mode on
// the bundled example workspace, with the talk open and the Literature Companion view in front.
// Desktop `code` when it is on PATH; otherwise code-server on 127.0.0.1 in the browser (the URL is printed).
// Ctrl+C (SIGINT) or SIGTERM stops everything it started.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startCodeServer } from './lib/codeServer.mjs';
import { ensureTools, projectRoot } from './lib/tools.mjs';

const workspace = join(projectRoot, 'example');
const talk = join(workspace, 'talk-ru.md');
const wantsBrowser = Boolean(process.env.LITCOMP_BROWSER) || spawnSync('code', ['--version'], { stdio: 'ignore' }).status !== 0;

// The browser needs Node 24 for code-server anyway; with it on PATH, the dev tools that require Node ≥ 22
// (vsce, test-electron, pdf.js) install without EBADENGINE warnings a newcomer should not have to read.
const node24 = wantsBrowser ? ensureTools().node : undefined;
const installEnv = node24 ? { ...process.env, PATH: `${join(node24, '..')}:${process.env.PATH}` } : process.env;

// A fresh clone has no node_modules yet: install exactly what the lockfile says.
if (!existsSync(join(projectRoot, 'node_modules', 'esbuild'))) {
  console.log('Installing npm dependencies (npm ci)…');
  const install = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: projectRoot, stdio: 'inherit', env: installEnv });
  if (install.status !== 0) process.exit(1);
}
if (spawnSync(process.execPath, ['esbuild.mjs'], { cwd: projectRoot, stdio: 'inherit' }).status !== 0) process.exit(1);

if (!wantsBrowser) {
  console.log('Opening desktop VS Code with Literature Companion in development mode…');
  const code = spawn('code', ['--new-window', `--extensionDevelopmentPath=${projectRoot}`, workspace, talk], { stdio: 'inherit' });
  code.on('exit', (status) => process.exit(status ?? 0));
} else {
  const port = Number(process.env.PORT) || undefined;
  console.log('Starting VS Code (code-server 4.139.1) in the browser…');
  const server = await startCodeServer({ folder: workspace, port });
  const stop = () => {
    console.log('\nStopping code-server…');
    server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.on('SIGHUP', stop);
  console.log(`\nLiterature Companion is running. Open this URL in a browser:\n\n  ${server.workbenchUrl({ openFile: talk })}\n\nPress Ctrl+C to stop.`);
  setInterval(() => {}, 1 << 30); // keep running until Ctrl+C
}
