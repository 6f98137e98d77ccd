// Evidence-suggestion benchmark: `benchSearch({ papersDir, node24 })` returns a JSON-able object measured in
// ONE run. The measuring program is bundled here (dist-bench/) and run by `node24` (pdf.js needs ≥ 22.13).
//   devset   the dev set (scripts/bench/search-devset.json: claim → gold papers and pages, English and
//            Russian, split once into a tuning and a test half) over the bundled corpus with the PDFs in
//            papersDir: recall@1, recall@5, MRR per half and language; Russian also without the lexicon,
//            and the talk lines with their English gloss as context; gold pages re-checked with pdftotext
//   query    time per query (p50/p95) and index build time on the real papers
//   scale    a generated corpus of 500 papers × 40 pages: build, one paper added/removed, serialise,
//            search p95 (target ≤ 50 ms), heap; `scale.worker`: the long-lived search worker (issue 14):
//            build, index file size, host's longest stall adding a paper (beside the old copied-index
//            update, `scale.copiedIndexUpdate`), time to search-ready after a restart
// Run alone: `node scripts/bench/search.mjs [papersDir] [node24]`.
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { benchBundle } from '../lib/esbuildSettings.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outdir = join(root, 'dist-bench');


async function buildBench() {
  const node = { ...benchBundle, outdir };
  await esbuild.build({ ...node, entryPoints: { pdfWorker: join(root, 'src/core/pdf/extractWorker.ts'), pdfHost: join(root, 'src/core/pdf/extractHost.ts'), searchWorker: join(root, 'src/core/search/indexWorker.ts') } });
  await esbuild.build({ ...node, entryPoints: [join(root, 'test/bench/search.ts')], outfile: join(outdir, 'searchBench.js'), outdir: undefined });
}

/** `scalePapers`: size of the generated corpus (500 by default, as issue 5 asks). */
export async function benchSearch({ papersDir = join(root, '..', 'shared', 'papers'), node24 = process.execPath, scalePapers = 500 } = {}) {
  // Without the PDFs the dev set runs on stored quotes only (see `pdfs`), and the scale figures still come.
  await buildBench();
  const devset = join(root, 'scripts', 'bench', 'search-devset.json');
  const run = spawnSync(node24, ['--expose-gc', join(outdir, 'searchBench.js'), papersDir, join(outdir, 'pdfWorker.js'), join(root, 'sources'), devset, String(scalePapers), join(outdir, 'searchWorker.js')], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`the search benchmark failed (${node24}): ${run.stderr || run.error}`);
  return JSON.parse(run.stdout);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [papersDir, node24, scalePapers] = process.argv.slice(2);
  console.log(JSON.stringify(await benchSearch({ papersDir: papersDir || process.env.LITCOMP_PAPERS || undefined, node24: node24 || undefined, scalePapers: Number(scalePapers) || undefined }), null, 2));
}
