// `npm test`: installs what a fresh machine lacks (ensure-tools.sh), builds, then runs
//   unit  – src/core under Node's test runner (Node 24, which pdf.js needs)
//   host  – the mocha suite inside a real VS Code extension host (code-server 4.139.1)
//   web   – its web part again, in code-server's web worker extension host (the package.json `browser` entry)
//   ui    – Playwright + Chromium clicking through the real workbench
// and ends with one line "N passed, N failed". `npm test -- unit` (or host, web, ui) runs one phase.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runHostSuite, runWebHostSuite } from './lib/hostSuite.mjs';
import { ensureTools, projectRoot } from './lib/tools.mjs';

const phases = process.argv.slice(2).filter((arg) => ['unit', 'host', 'web', 'ui'].includes(arg));
const selected = phases.length > 0 ? phases : ['unit', 'host', 'web', 'ui'];
const results = [];

function section(title) {
  process.stdout.write(`\n=== ${title} ===\n`);
}

/** Runs node --test on compiled test files with Node 24, returning counts from a TAP copy of the output. */
function nodeTests(name, folder, extraEnv = {}) {
  const files = readdirSync(join(projectRoot, folder)).filter((file) => file.endsWith('.test.js')).map((file) => join(folder, file));
  if (files.length === 0) return { name, passed: 0, failed: 0, note: 'no test files' };
  const tap = join(projectRoot, 'test-results', `${name}.tap`);
  const run = spawnSync(ensureTools().node, ['--test', '--test-concurrency=1', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...files], {
    cwd: projectRoot,
    stdio: 'inherit',
    env: { ...process.env, ...extraEnv },
  });
  const text = readFileSync(tap, 'utf8');
  const count = (label) => Number(new RegExp(`^# ${label} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
  const failed = count('fail') + count('cancelled');
  return { name, passed: count('pass'), failed: failed || (run.status !== 0 && count('pass') === 0 ? 1 : failed), skipped: count('skipped') };
}

rmSync(join(projectRoot, 'test-results'), { recursive: true, force: true });
mkdirSync(join(projectRoot, 'test-results', 'screenshots'), { recursive: true });
// A fresh clone has no node_modules yet: install exactly what the lockfile says.
if (!existsSync(join(projectRoot, 'node_modules', 'esbuild'))) {
  console.log('Installing npm dependencies (npm ci)…');
  if (spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: projectRoot, stdio: 'inherit' }).status !== 0) process.exit(1);
}
section('tools');
const tools = ensureTools();
console.log(`Node 24: ${tools.node}\ncode-server: ${tools.codeServer}\nChromium: ${tools.chromium}`);
section('build');
if (spawnSync(process.execPath, ['esbuild.mjs'], { cwd: projectRoot, stdio: 'inherit' }).status !== 0) {
  console.log('build failed\n0 passed, 1 failed');
  process.exit(1);
}

// Static checks first: the rooms' boundaries (lint) and the types of host, webview and test code.
// Each counts as one test, so a broken boundary fails `npm test` like a failing test does.
if (phases.length === 0) {
  section('static checks');
  const check = (name, command, args) => {
    const run = spawnSync(command, args, { cwd: projectRoot, stdio: 'inherit' });
    console.log(`${run.status === 0 ? '✔' : '✖'} ${name}`);
    return run.status === 0;
  };
  const tsc = join(projectRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  const checks = [
    check('typecheck: host (no DOM)', process.execPath, [tsc, '-p', '.']),
    check('typecheck: webview (DOM, no Node)', process.execPath, [tsc, '-p', 'src/webview']),
    check('typecheck: tests', process.execPath, [tsc, '-p', 'test']),
    check('lint: room boundaries', process.execPath, [join(projectRoot, 'node_modules', 'eslint', 'bin', 'eslint.js'), '.']),
  ];
  results.push({ name: 'static', passed: checks.filter(Boolean).length, failed: checks.filter((ok) => !ok).length });
}

const papersDir = process.env.LITCOMP_PAPERS || join(projectRoot, '..', 'shared', 'papers');
const env = { LITCOMP_PAPERS: papersDir };
process.env.LITCOMP_PAPERS = papersDir; // read by the in-host suite's harness too
for (const phase of selected) {
  section(phase);
  try {
    if (phase === 'unit') results.push(nodeTests('unit', 'dist-test/unit', env));
    if (phase === 'host') results.push({ name: 'host', ...(await runHostSuite()) });
    if (phase === 'web') results.push({ name: 'web host', ...(await runWebHostSuite()) });
    if (phase === 'ui') results.push(nodeTests('ui', 'dist-test/ui', env));
  } catch (error) {
    console.error(`${phase}: ${error.stack ?? error}`);
    results.push({ name: phase, passed: 0, failed: 1, note: 'the phase could not run' });
  }
}

section('summary');
for (const r of results) console.log(`${r.name.padEnd(6)} ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''}${r.note ? ` (${r.note})` : ''}`);
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
if (passed + failed === 0) console.log('no test was executed');
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
