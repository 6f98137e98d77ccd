// PDF benchmark: `benchPdf({ papersDir, node24 })` returns a JSON-able object measured in ONE run on the
// papers' PDFs, beside poppler's pdftotext on the same files. The measuring program is
// test/bench/pdf.ts (what it reports is described there), bundled here into dist-bench/ with the PDF
// worker and PDFium's wasm beside it, and run by `node24` (pdf.js, measured for comparison, needs ≥ 22.13).
// Run alone: `node scripts/bench/pdf.mjs [papersDir] [node24]`.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { benchBundle } from '../lib/esbuildSettings.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outdir = join(root, 'dist-bench');

async function buildBench() {
  const node = { ...benchBundle, outdir };
  await esbuild.build({ ...node, entryPoints: { pdfWorker: join(root, 'src/core/pdf/extractWorker.ts'), pdfHost: join(root, 'src/core/pdf/extractHost.ts'), pdfBench: join(root, 'test/bench/pdf.ts') } });
  mkdirSync(outdir, { recursive: true });
  cpSync(join(root, 'node_modules/@embedpdf/pdfium/dist/pdfium.wasm'), join(outdir, 'pdfium.wasm'));
}

export async function benchPdf({ papersDir = join(root, '..', 'shared', 'papers'), node24 = process.execPath } = {}) {
  if (!existsSync(papersDir) || !readdirSync(papersDir).some((name) => name.endsWith('.pdf'))) {
    return { skipped: `no PDFs in ${papersDir} (set LITCOMP_PAPERS or pass papersDir)` };
  }
  if (spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).error) {
    return { skipped: 'pdftotext (poppler-utils) is not installed: apt-get install -y poppler-utils' };
  }
  await buildBench();
  const run = spawnSync(node24, [join(outdir, 'pdfBench.js'), papersDir, join(outdir, 'pdfWorker.js'), join(root, 'sources')], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`the PDF benchmark failed (${node24}): ${run.stderr || run.error}`);
  return JSON.parse(run.stdout);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [papersDir, node24] = process.argv.slice(2);
  console.log(JSON.stringify(await benchPdf({ papersDir: papersDir || process.env.LITCOMP_PAPERS || undefined, node24: node24 || undefined }), null, 2));
}
