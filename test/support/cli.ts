// The CLI as a person runs it (a separate process: exit codes, stdout and stderr are what they see), and
// where the shared papers' PDFs are. Unit tests share these instead of each keeping a copy.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { join } from 'node:path';

/** The project root, from the compiled test file in dist-test/<phase>/. */
export const projectRoot = join(__dirname, '..', '..');
export const cliBin = join(projectRoot, 'bin', 'literature-companion.cjs');

/** ../shared/papers beside the project, or LITCOMP_PAPERS. Tests that need a PDF skip, saying so, when it is absent. */
export const papersDir = process.env.LITCOMP_PAPERS || join(projectRoot, '..', 'shared', 'papers');

/** Runs `literature-companion ARGS…` with the Node running the tests. */
export function runCli(...args: string[]): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [cliBin, ...args], { encoding: 'utf8' });
}
