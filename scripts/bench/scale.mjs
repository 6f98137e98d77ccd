// Scale benchmark (issue 5): `benchScale({ node24 })` returns a JSON-able object measured in ONE run.
// The measuring program is test/bench/scale.ts, bundled here into dist-bench/ and run by `node24` with
// --expose-gc (so the memory figures are after a collection):
//   corpus   500 generated papers, a 30-node taxonomy, 5,000 evidence links: loadCorpus median of 5
//   tree     first level of both tree views and one expansion of each (target ≤ 200 ms)
//   claims   a 2,000-claim document: annotatedClaimsIn unchanged, after an edit near the top, in the
//            middle, and with a deleted claim (target ≤ 50 ms: the work before decorations/diagnostics)
//   memory   heap and RSS with all of it alive
// Run alone: `node scripts/bench/scale.mjs [node24]`.
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { benchBundle } from '../lib/esbuildSettings.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outfile = join(root, 'dist-bench', 'scaleBench.js');

export async function benchScale({ node24 = process.execPath } = {}) {
  await esbuild.build({ entryPoints: [join(root, 'test', 'bench', 'scale.ts')], ...benchBundle, outfile });
  const run = spawnSync(node24, ['--expose-gc', outfile], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`the scale benchmark failed (${node24}): ${run.stderr || run.error}`);
  return JSON.parse(run.stdout);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await benchScale({ node24: process.argv[2] || undefined }), null, 2));
}
