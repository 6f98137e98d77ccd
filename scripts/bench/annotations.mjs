// Annotation store benchmark: `benchAnnotations({ node24 })` returns a JSON-able object measured in ONE run.
// The measuring program is test/bench/annotationStore.ts (file sizes, open/save/merge-save, two writer
// processes on one file), bundled here into dist-bench/ and run by `node24`.
// Run alone: `node scripts/bench/annotations.mjs [node24]`.
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { benchBundle } from '../lib/esbuildSettings.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outfile = join(root, 'dist-bench', 'annotationStoreBench.js');

export async function benchAnnotations({ node24 = process.execPath } = {}) {
  await esbuild.build({ entryPoints: [join(root, 'test', 'bench', 'annotationStore.ts')], ...benchBundle, outfile });
  const run = spawnSync(node24, [outfile], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`the annotation store benchmark failed (${node24}): ${run.stderr || run.error}`);
  return JSON.parse(run.stdout);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await benchAnnotations({ node24: process.argv[2] || undefined }), null, 2));
}
