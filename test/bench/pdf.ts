// The PDF benchmark's measuring program (built by scripts/bench/pdf.mjs into dist-bench/pdfBench.js and
// run there; type-checked with the tests). It prints one JSON object, every figure measured in this run,
// on the same files, beside poppler's pdftotext:
//   engines  the two text engines in this thread, one after the other (CPU and wall ms): pdf.js, PDFium
//   cold     extraction of every PDF through the worker, no cache: one worker, then the pool (cpuMs: this
//            process and its reader processes, so cpuRatio compares all the CPU both sides spent)
//   warm     the same files again from the text cache (goal ≤ 50 ms), then once more (againMs)
//   anchor   every stored quote of those papers: p50/p95 ms a quote
//   stall    the longest event-loop delay of this (the "host") thread during the cold runs (goal ≤ 50 ms)
// The machine this is measured on may be busy, so CPU times are given beside wall times: a ratio of CPU
// times is what holds under load.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loadCorpus } from '../../src/core/corpus/load';
import { anchorQuote } from '../../src/core/pdf/anchor';
import { PdfTextExtractor, poolSize } from '../../src/core/pdf/extractor';
import { readPdfLayout } from '../../src/core/pdf/pageText';
import { readPdfLayoutPdfium } from '../../src/core/pdf/pdfiumText';
import type { DocumentText } from '../../src/core/pdf/textModel';
import { ms, percentile, processCpuMs } from './stats';

const [papersDir = '', workerScript = '', corpusDir = ''] = process.argv.slice(2);

/** CPU ms of this process's waited-for children (Linux /proc; undefined elsewhere). */
function childrenCpuMs(): number | undefined {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    // After the ") ": field 3 is state, so cutime and cstime (fields 16 and 17 of stat) are at 13 and 14.
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

function pdftotext(files: readonly string[]): { wallMs: number; cpuMs: number | undefined } {
  const cpuBefore = childrenCpuMs();
  const started = performance.now();
  for (const file of files) spawnSync('pdftotext', [file, '-'], { stdio: ['ignore', 'ignore', 'ignore'] });
  const wallMs = performance.now() - started;
  const cpuAfter = childrenCpuMs();
  return { wallMs, cpuMs: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore };
}

async function engine(read: typeof readPdfLayout, files: readonly string[]): Promise<{ wallMs: number; cpuMs: number; chars: number }> {
  const cpu = processCpuMs();
  const started = performance.now();
  let chars = 0;
  for (const file of files) for (const page of await read(file, new Uint8Array(readFileSync(file)))) chars += page.text.length;
  return { wallMs: ms(performance.now() - started), cpuMs: ms(processCpuMs() - cpu), chars };
}

async function cold(files: readonly string[], workers: number, reference: ReturnType<typeof pdftotext>) {
  const cacheDir = mkdtempSync(join(tmpdir(), 'litcomp-bench-'));
  const extractor = new PdfTextExtractor({ workerScript, workers });
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const cpu = processCpuMs();
  const readersCpu = childrenCpuMs();
  const started = performance.now();
  const documents = await Promise.all(files.map((file) => extractor.extract(file, { cacheDir })));
  const wallMs = performance.now() - started;
  const cpuMs = processCpuMs() - cpu;
  delay.disable();
  // The reader processes' CPU counts once they have exited and been waited for.
  await extractor.dispose();
  const readersCpuMs = readersCpu === undefined ? undefined : childrenCpuMs()! - readersCpu;
  const totalCpuMs = cpuMs + (readersCpuMs ?? 0);
  const ratio = wallMs / reference.wallMs;
  return {
    result: {
      workers,
      ms: ms(wallMs),
      pdftotextMs: ms(reference.wallMs),
      ratio: ms(ratio),
      cpuMs: ms(totalCpuMs),
      callerCpuMs: ms(cpuMs),
      readersCpuMs: readersCpuMs === undefined ? null : ms(readersCpuMs),
      pdftotextCpuMs: reference.cpuMs === undefined ? null : ms(reference.cpuMs),
      cpuRatio: reference.cpuMs && readersCpuMs !== undefined ? ms(totalCpuMs / reference.cpuMs) : null,
      maxStallMs: ms(delay.max / 1e6),
      target: '≤ 1.5 × pdftotext',
      met: ratio <= 1.5,
    },
    documents,
    cacheDir,
  };
}

async function main() {
  const corpus = await loadCorpus(corpusDir);
  const ids = [...corpus.papers.keys()].filter((id) => existsSync(join(papersDir, `${id}.pdf`)));
  const files = ids.map((id) => join(papersDir, `${id}.pdf`));
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 10);

  // Each cold run is measured right after its own pdftotext run, so both see the same machine load.
  const single = await cold(files, 1, pdftotext(files));
  rmSync(single.cacheDir, { recursive: true, force: true });
  const pool = await cold(files, poolSize(0), pdftotext(files));

  const warmReader = new PdfTextExtractor({ workerScript });
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  let cpu = processCpuMs();
  let started = performance.now();
  const warm: DocumentText[] = [];
  for (const file of files) warm.push(await warmReader.extract(file, { cacheDir: pool.cacheDir }));
  const warmMs = performance.now() - started;
  const warmCpuMs = processCpuMs() - cpu;
  delay.disable();
  // Once more: the first pass also pays for compiling this code path after the cold runs' garbage.
  cpu = processCpuMs();
  started = performance.now();
  for (const file of files) await warmReader.extract(file, { cacheDir: pool.cacheDir });
  const warmAgainMs = performance.now() - started;
  const warmAgainCpuMs = processCpuMs() - cpu;
  await warmReader.dispose();
  rmSync(pool.cacheDir, { recursive: true, force: true });

  const timings: number[] = [];
  const statuses: Record<string, number> = {};
  for (const link of corpus.links) {
    const document = warm[ids.indexOf(link.paper)];
    if (!document) continue;
    for (const evidence of link.evidence) {
      started = performance.now();
      const anchor = anchorQuote(document.pages, { exact: evidence.quote, page: evidence.page });
      timings.push(performance.now() - started);
      statuses[anchor.status] = (statuses[anchor.status] ?? 0) + 1;
    }
  }
  timings.sort((a, b) => a - b);

  // The engines head to head, last, so neither warms the other's cold runs.
  const reference = pdftotext(files);
  const pdfium = await engine(readPdfLayoutPdfium, files);
  const pdfjs = await engine(readPdfLayout, files);
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage.rss(), process.resourceUsage().maxRSS * 1024);

  const p95 = percentile(timings, 0.95);
  const stallMs = Math.max(single.result.maxStallMs, pool.result.maxStallMs);
  return {
    node: process.version,
    files: ids.map((id, index) => ({ id, pages: single.documents[index]!.pageCount, fromCacheOnWarm: warm[index]!.fromCache })),
    pages: single.documents.reduce((sum, document) => sum + document.pageCount, 0),
    engines: {
      pdftotext: { wallMs: ms(reference.wallMs), cpuMs: reference.cpuMs === undefined ? null : ms(reference.cpuMs) },
      pdfium,
      pdfjs,
      chosen: 'pdfium',
    },
    cold: { oneWorker: single.result, pool: pool.result },
    warm: { ms: ms(warmMs), cpuMs: ms(warmCpuMs), againMs: ms(warmAgainMs), againCpuMs: ms(warmAgainCpuMs), maxStallMs: ms(delay.max / 1e6), target: '≤ 50 ms', met: warmMs <= 50 },
    anchor: { quotes: timings.length, statuses, p50Ms: ms(percentile(timings, 0.5)), p95Ms: ms(p95), maxMs: ms(timings.at(-1) ?? 0), target: 'p95 ≤ 5 ms', met: p95 <= 5 },
    eventLoop: { maxStallMs: stallMs, target: '≤ 50 ms', met: stallMs <= 50 },
    memory: { peakRssMb: Math.round(peakRss / 1048576) },
  };
}

main().then(
  (result) => process.stdout.write(JSON.stringify(result)),
  (error: Error) => {
    process.stderr.write(String(error.stack ?? error));
    process.exit(1);
  },
);
