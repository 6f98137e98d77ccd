// PDF benchmark: `benchPdf({ papersDir, node24 })` returns a JSON-able object measured in ONE run on the
// papers' PDFs, beside poppler's pdftotext on the same files. pdf.js 6 needs Node ≥ 22.13, so the
// measuring runs in a child `node24` process from a bundle built here (dist-bench/), not in the caller.
//   cold   extraction of all PDFs through the worker pool, no cache: wall ms and ratio to pdftotext (≤ 2.0)
//   warm   the same files from the sha256 text cache (≤ 50 ms in total)
//   anchor every stored quote of those papers: p50/p95 ms per quote (p95 ≤ 5 ms)
//   stall  the longest event-loop delay of the calling thread during cold extraction (≤ 50 ms)
//   memory peak RSS of the process (main thread + workers)
// Run alone: `node scripts/bench/pdf.mjs [papersDir] [node24]`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outdir = join(root, 'dist-bench');

// The measuring program, bundled with the core it measures. It prints one JSON object.
const MEASURE = `
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loadCorpus } from './src/core/corpus/load';
import { anchorQuote } from './src/core/pdf/anchor';
import { PdfTextExtractor } from './src/core/pdf/extractor';

const [papersDir, workerScript, corpusDir, workersArg] = process.argv.slice(2);
const workers = Number(workersArg) || 2;
const ms = (value) => Math.round(value * 100) / 100;
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

async function main() {
  const corpus = await loadCorpus(corpusDir);
  const ids = [...corpus.papers.keys()].filter((id) => require('node:fs').existsSync(join(papersDir, id + '.pdf')));
  const files = ids.map((id) => join(papersDir, id + '.pdf'));

  let started = performance.now();
  for (const file of files) spawnSync('pdftotext', [file, '-'], { stdio: ['ignore', 'ignore', 'ignore'] });
  const pdftotextMs = performance.now() - started;

  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage.rss()); }, 10);
  const cacheDir = mkdtempSync(join(tmpdir(), 'litcomp-bench-'));
  const extractor = new PdfTextExtractor({ workerScript, workers });
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  started = performance.now();
  const cold = await Promise.all(files.map((file) => extractor.extract(file, { cacheDir })));
  const coldMs = performance.now() - started;
  delay.disable();
  await extractor.dispose();

  const warmReader = new PdfTextExtractor({ workerScript });
  started = performance.now();
  const warm = [];
  for (const file of files) warm.push(await warmReader.extract(file, { cacheDir }));
  const warmMs = performance.now() - started;

  const timings = [];
  const statuses = {};
  for (const link of corpus.links) {
    const document = warm[ids.indexOf(link.paper)];
    if (!document) continue;
    for (const evidence of link.evidence) {
      const t = performance.now();
      const anchor = anchorQuote(document.pages, { exact: evidence.quote, page: evidence.page });
      timings.push(performance.now() - t);
      statuses[anchor.status] = (statuses[anchor.status] ?? 0) + 1;
    }
  }
  timings.sort((a, b) => a - b);
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage.rss(), process.resourceUsage().maxRSS * 1024);
  rmSync(cacheDir, { recursive: true, force: true });

  const ratio = coldMs / pdftotextMs;
  const stallMs = delay.max / 1e6;
  const p95 = percentile(timings, 0.95);
  return {
    node: process.version,
    files: ids.map((id, index) => ({ id, pages: cold[index].pageCount, fromCacheOnWarm: warm[index].fromCache })),
    pages: cold.reduce((sum, document) => sum + document.pageCount, 0),
    workers,
    cold: { ms: ms(coldMs), pdftotextMs: ms(pdftotextMs), ratio: ms(ratio), target: '≤ 2.0 × pdftotext', met: ratio <= 2 },
    warm: { ms: ms(warmMs), target: '≤ 50 ms', met: warmMs <= 50 },
    anchor: { quotes: timings.length, statuses, p50Ms: ms(percentile(timings, 0.5)), p95Ms: ms(p95), maxMs: ms(timings.at(-1) ?? 0), target: 'p95 ≤ 5 ms', met: p95 <= 5 },
    eventLoop: { maxStallMs: ms(stallMs), p99Ms: ms(delay.percentile(99) / 1e6), target: '≤ 50 ms', met: stallMs <= 50 },
    memory: { peakRssMb: Math.round(peakRss / 1048576) },
  };
}
main().then((result) => process.stdout.write(JSON.stringify(result)), (error) => { process.stderr.write(String(error.stack ?? error)); process.exit(1); });
`;

async function buildBench() {
  const node = { bundle: true, platform: 'node', format: 'cjs', target: 'node22', logLevel: 'warning', legalComments: 'none', outdir };
  await esbuild.build({ ...node, entryPoints: { pdfWorker: join(root, 'src/core/pdf/extractWorker.ts'), pdfHost: join(root, 'src/core/pdf/extractHost.ts') } });
  await esbuild.build({ ...node, stdin: { contents: MEASURE, resolveDir: root, sourcefile: 'pdfBench.ts', loader: 'ts' }, outfile: join(outdir, 'pdfBench.js'), outdir: undefined });
}

/** `workers`: 2 (the CLI's setting) by default; the extension host uses 1. */
export async function benchPdf({ papersDir = join(root, '..', 'shared', 'papers'), node24 = process.execPath, workers = 2 } = {}) {
  if (!existsSync(papersDir) || !readdirSync(papersDir).some((name) => name.endsWith('.pdf'))) {
    return { skipped: `no PDFs in ${papersDir} (set LITCOMP_PAPERS or pass papersDir)` };
  }
  if (spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).error) {
    return { skipped: 'pdftotext (poppler-utils) is not installed: apt-get install -y poppler-utils' };
  }
  await buildBench();
  const run = spawnSync(node24, [join(outdir, 'pdfBench.js'), papersDir, join(outdir, 'pdfWorker.js'), join(root, 'sources'), String(workers)], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`the PDF benchmark failed (${node24}): ${run.stderr || run.error}`);
  return JSON.parse(run.stdout);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [papersDir, node24] = process.argv.slice(2);
  console.log(JSON.stringify(await benchPdf({ papersDir: papersDir || process.env.LITCOMP_PAPERS || undefined, node24: node24 || undefined }), null, 2));
}
