// Fuzzy search benchmark (issues 9 and 11): `benchFuzzy({ papersDir, node24 })` returns a JSON-able object
// measured in ONE run. The measuring program is test/bench/fuzzy.ts, bundled here into dist-bench/ and run
// by `node24`:
//   searchers  hand-written Sellers search vs approx-string-match (Myers), same text and quotes
//   anchor     the 3-slip quote with and without a page; a 120 KB quote (was 7.6 s)
//   reanchor   a 20k-character orphan in a 199k-character document (was 4.9 s a keystroke); 200 orphans
//              after one edit under the shared budget (goal ≤ 50 ms on the extension host)
// Run alone: `node scripts/bench/fuzzy.mjs [papersDir] [node24]`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { benchBundle } from '../lib/esbuildSettings.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outfile = join(root, 'dist-bench', 'fuzzyBench.js');

export async function benchFuzzy({ papersDir, node24 = process.execPath } = {}) {
  await esbuild.build({ entryPoints: [join(root, 'test', 'bench', 'fuzzy.ts')], ...benchBundle, outfile });
  const workerScript = join(root, 'dist', 'pdfWorker.js');
  const paperArgs = papersDir && existsSync(join(papersDir, '2009.01325.pdf')) && existsSync(workerScript) ? [papersDir, workerScript] : [];
  const run = spawnSync(node24, [outfile, ...paperArgs], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`the fuzzy benchmark failed (${node24}): ${run.stderr || run.error}`);
  return JSON.parse(run.stdout);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await benchFuzzy({ papersDir: process.argv[2], node24: process.argv[3] || undefined }), null, 2));
}
