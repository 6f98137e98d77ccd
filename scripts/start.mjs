// `npm start`: build, then open VS Code with the extension in development mode on the bundled example
// workspace. Desktop `code` when it is on PATH; otherwise code-server on 127.0.0.1 in the browser (the
// URL is printed). Ctrl+C stops everything it started.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { startCodeServer } from './lib/codeServer.mjs';
import { projectRoot } from './lib/tools.mjs';

const workspace = join(projectRoot, 'example');

// A fresh clone has no node_modules yet: install exactly what the lockfile says.
if (!existsSync(join(projectRoot, 'node_modules', 'esbuild'))) {
  console.log('Installing npm dependencies (npm ci)…');
  if (spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: projectRoot, stdio: 'inherit' }).status !== 0) process.exit(1);
}
if (spawnSync(process.execPath, ['esbuild.mjs'], { cwd: projectRoot, stdio: 'inherit' }).status !== 0) process.exit(1);

const hasDesktopCode = !process.env.LITCOMP_BROWSER && spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;
if (hasDesktopCode) {
  console.log('Opening desktop VS Code with Literature Companion in development mode…');
  const code = spawn('code', ['--new-window', `--extensionDevelopmentPath=${projectRoot}`, workspace], { stdio: 'inherit' });
  code.on('exit', (status) => process.exit(status ?? 0));
} else {
  const port = Number(process.env.PORT) || undefined;
  console.log('Starting VS Code (code-server 4.139.1) in the browser; the first run installs it (2–3 min)…');
  const server = await startCodeServer({ folder: workspace, port });
  const stop = () => {
    console.log('\nStopping code-server…');
    server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  console.log(`\nLiterature Companion is running. Open this URL in a browser:\n\n  ${server.workbenchUrl()}\n\nPress Ctrl+C to stop.`);
  setInterval(() => {}, 1 << 30); // keep running until Ctrl+C
}
