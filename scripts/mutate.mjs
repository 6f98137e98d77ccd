// `npm run mutate [-- FOLDER…]`: StrykerJS over src/core and src/cli (default), or the given folders
// (e.g. `npm run mutate -- src/core/render src/core/claims`). Incremental: mutants whose code and tests did
// not change since the last run (reports/stryker-incremental.json) are not run again. Not part of `npm test`:
// on a 2-core machine a full run takes hours; run it niced, a folder at a time.
//
// The tap runner starts each compiled test file with `node` from PATH, so Node 24 (pdf.js) goes first.
// Mutants are switched on by an environment variable, so they are live in the CLI processes the tests
// spawn too; but coverage is only seen in the test process, so CLI code reached only through a spawned
// CLI counts as "no coverage". `--cli` runs src/cli without coverage analysis (every CLI test file for
// every mutant, stopping at the first failure): slow, but it measures what the CLI tests catch.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { ensureTools, projectRoot } from './lib/tools.mjs';

const args = process.argv.slice(2);
const cli = args.includes('--cli');
const folders = args.filter((arg) => !arg.startsWith('--'));
const node = ensureTools().node;
const mutate = cli ? ['src/cli/**/*.ts'] : folders.length > 0 ? folders.map((folder) => `${folder.replace(/\/$/, '')}/**/*.ts`) : ['src/core/**/*.ts', 'src/cli/**/*.ts'];
const strykerArgs = ['run', 'stryker.config.json', '--mutate', [...mutate, '!src/**/*.d.ts'].join(',')];
if (cli) strykerArgs.push('--coverageAnalysis', 'off');
const stryker = join(projectRoot, 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js');
const result = spawnSync(node, [stryker, ...strykerArgs], {
  cwd: projectRoot,
  stdio: 'inherit',
  env: { ...process.env, PATH: `${dirname(node)}:${process.env.PATH}` },
});
process.exitCode = result.status ?? 1;
