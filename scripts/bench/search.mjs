// Evidence-suggestion benchmark: `benchSearch({ papersDir, node24 })` returns a JSON-able object measured in
// ONE run. The measuring program is bundled here (dist-bench/) and run by `node24` (pdf.js needs ≥ 22.13).
//   devset   the dev set (scripts/bench/search-devset.json: claim → gold paper and pages, English and
//            Russian) over the bundled corpus with the PDFs in papersDir: recall@1, recall@5, MRR, overall
//            and per language; Russian also without the lexicon, and with the talk's English gloss given
//            as context, to show what each adds; gold pages re-checked with pdftotext when it is installed
//   query    time per query (p50/p95) and index build time on the real papers
//   scale    a generated corpus of 500 papers × 40 pages: build, one paper added/removed, serialise,
//            search p95 (target ≤ 50 ms), heap
// Run alone: `node scripts/bench/search.mjs [papersDir] [node24]`.
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outdir = join(root, 'dist-bench');

const MEASURE = `
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCorpus } from './src/core/corpus/load';
import { PdfTextExtractor } from './src/core/pdf/extractor';
import { buildSearchIndex, deserializeSearchIndex, readCorpusDocuments, SearchIndex } from './src/core/search';

const [papersDir, workerScript, corpusDir, devsetFile, scalePapersArg] = process.argv.slice(2);
const ms = (value) => Math.round(value * 100) / 100;
const r3 = (value) => Math.round(value * 1000) / 1000;
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function evaluate(index, items, options = {}) {
  const groups = { all: [], en: [], ru: [] };
  for (const item of items) {
    const hits = index.search(item.query, { top: 10, ...(typeof options === 'function' ? options(item) : options) });
    const rank = hits.findIndex((hit) => hit.paper === item.paper && item.pages.includes(hit.page)) + 1;
    groups.all.push(rank);
    groups[item.lang].push(rank);
  }
  const summary = (ranks) => ranks.length === 0 ? undefined : {
    queries: ranks.length,
    recallAt1: r3(ranks.filter((rank) => rank === 1).length / ranks.length),
    recallAt5: r3(ranks.filter((rank) => rank >= 1 && rank <= 5).length / ranks.length),
    mrr: r3(ranks.reduce((sum, rank) => sum + (rank > 0 ? 1 / rank : 0), 0) / ranks.length),
  };
  return { all: summary(groups.all), en: summary(groups.en), ru: summary(groups.ru), misses: items.filter((_, i) => !(groups.all[i] >= 1 && groups.all[i] <= 5)).map((item) => item.query) };
}

function checkGold(items) {
  if (spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).error) return { skipped: 'pdftotext is not installed' };
  let pages = 0;
  const failed = [];
  for (const item of items) {
    for (const page of item.pages) {
      const file = join(papersDir, item.paper + '.pdf');
      if (!existsSync(file)) continue;
      const text = spawnSync('pdftotext', ['-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' }).stdout.replace(/-\\n/g, '').replace(/\\s+/g, ' ');
      pages++;
      if (!new RegExp(item.check, 'i').test(text)) failed.push(item.paper + ' p.' + page + ': ' + item.check);
    }
  }
  return { pagesChecked: pages, failed };
}

// A deterministic generator of paper-like text: a Zipf-distributed vocabulary of made-up words mixed with
// the domain's real words, in sentences of 8–30 words.
function random(seed) {
  let state = seed >>> 0;
  return () => ((state = (state * 1664525 + 1013904223) >>> 0) / 4294967296);
}
function syntheticCorpus(papers, pagesPerPaper, wordsPerPage) {
  const rand = random(7);
  const syllables = ['ra', 'to', 'mi', 'ne', 'lo', 'sa', 'ki', 'du', 'pe', 'vo', 'ti', 'ma', 'ga', 'ro', 'li', 'se', 'an', 'or', 'el', 'us'];
  const domain = 'reward model policy human feedback preference summarization dialogue harmless helpful toxicity labeler annotator evaluation oversight reinforcement learning alignment language training data comparison win rate baseline supervised fine-tuning critique revision principle constitution scaling bias sycophancy hacking distribution shift robustness'.split(' ');
  const vocabulary = [...domain];
  while (vocabulary.length < 30000) {
    let word = '';
    const length = 2 + Math.floor(rand() * 3);
    for (let i = 0; i < length; i++) word += syllables[Math.floor(rand() * syllables.length)];
    vocabulary.push(word);
  }
  // Zipf: word rank k drawn with probability ∝ 1/k, by inverse transform on the harmonic sums.
  const cumulative = new Float64Array(vocabulary.length);
  let total = 0;
  for (let k = 0; k < vocabulary.length; k++) cumulative[k] = total += 1 / (k + 1);
  const word = () => {
    const target = rand() * total;
    let low = 0, high = vocabulary.length - 1;
    while (low < high) { const mid = (low + high) >> 1; if (cumulative[mid] < target) low = mid + 1; else high = mid; }
    return vocabulary[low];
  };
  const documents = new Map();
  const queries = [];
  for (let p = 0; p < papers; p++) {
    const pages = [];
    for (let n = 1; n <= pagesPerPaper; n++) {
      const sentences = [];
      let count = 0;
      while (count < wordsPerPage) {
        const length = 8 + Math.floor(rand() * 22);
        const words = Array.from({ length }, word);
        words[0] = words[0][0].toUpperCase() + words[0].slice(1);
        sentences.push(words.join(' ') + '.');
        count += length;
        if (queries.length < 300 && rand() < 0.0005) queries.push(words.slice(0, 12).join(' '));
      }
      pages.push({ page: n, text: sentences.join(' ') });
    }
    documents.set('synthetic-' + p, { sha256: 'synthetic-' + p, pages });
  }
  return { documents, queries };
}

function scale() {
  const papers = Number(scalePapersArg) || 500, pagesPerPaper = 40, wordsPerPage = 450;
  let started = performance.now();
  const { documents, queries } = syntheticCorpus(papers + 1, pagesPerPaper, wordsPerPage);
  const generateMs = performance.now() - started;
  const extra = documents.get('synthetic-' + papers);
  documents.delete('synthetic-' + papers);
  const corpus = { papers: new Map([...documents.keys()].map((id) => [id, { id }])), links: [] };
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  started = performance.now();
  const index = buildSearchIndex(corpus, documents);
  const buildMs = performance.now() - started;
  global.gc?.();
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1048576;
  started = performance.now();
  index.setPaper('synthetic-' + papers, { document: extra });
  const addMs = performance.now() - started;
  started = performance.now();
  index.removePaper('synthetic-' + papers);
  const removeMs = performance.now() - started;
  const timings = [];
  for (const query of [...queries, ...queries.map((q) => q.split(' ').slice(0, 4).join(' '))]) {
    const t = performance.now();
    index.search(query, { top: 10 });
    timings.push(performance.now() - t);
  }
  timings.sort((a, b) => a - b);
  started = performance.now();
  const json = JSON.stringify(index.serialize());
  const serializeMs = performance.now() - started;
  started = performance.now();
  const restored = deserializeSearchIndex(JSON.parse(json));
  const deserializeMs = performance.now() - started;
  const p95 = percentile(timings, 0.95);
  return {
    papers, pages: papers * pagesPerPaper, words: papers * pagesPerPaper * wordsPerPage, passages: index.size, generateMs: ms(generateMs),
    buildMs: ms(buildMs), addPaperMs: ms(addMs), removePaperMs: ms(removeMs),
    serializedMb: ms(json.length / 1048576), serializeMs: ms(serializeMs), deserializeMs: ms(deserializeMs), restoredPassages: restored.size,
    heapMb: Math.round(heapMb),
    search: { queries: timings.length, p50Ms: ms(percentile(timings, 0.5)), p95Ms: ms(p95), maxMs: ms(timings.at(-1)), target: 'p95 ≤ 50 ms', met: p95 <= 50 },
  };
}

async function main() {
  const corpus = await loadCorpus(corpusDir);
  const devset = JSON.parse(readFileSync(devsetFile, 'utf8'));
  const items = devset.items;
  const cacheDir = mkdtempSync(join(tmpdir(), 'litcomp-search-bench-'));
  const extractor = new PdfTextExtractor({ workerScript, workers: 2 });
  const { documents, missing } = await readCorpusDocuments(corpus, { pdfDir: papersDir, cacheDir, extractor });
  await extractor.dispose();
  rmSync(cacheDir, { recursive: true, force: true });

  const builds = [];
  let index;
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    index = buildSearchIndex(corpus, documents);
    builds.push(performance.now() - started);
  }
  const timings = [];
  for (let round = 0; round < 5; round++) {
    for (const item of items) {
      const t = performance.now();
      index.search(item.query, { top: 10 });
      timings.push(performance.now() - t);
    }
  }
  timings.sort((a, b) => a - b);
  const russian = items.filter((item) => item.lang === 'ru');
  const english = new Map(items.filter((item) => item.lang === 'en').map((item) => [item.paper + item.check, item.query]));
  const quotesOnly = buildSearchIndex(corpus, new Map());
  return {
    node: process.version,
    pdfs: [...documents.keys()],
    storedQuotesOnly: missing,
    passages: index.size,
    indexBuildMs: ms(median(builds)),
    devset: { items: items.length, english: items.length - russian.length, russian: russian.length, gold: checkGold(items), ...evaluate(index, items), target: 'recall@5 ≥ 0.9' },
    russianVariants: {
      lexicon: evaluate(index, russian).ru,
      noLexicon: evaluate(index, russian, { lexicon: false }).ru,
      // The English twin of a Russian item (same gold and check), given as the gloss a claim would carry.
      lexiconAndGloss: {
        itemsWithAGloss: russian.filter((item) => english.has(item.paper + item.check)).length,
        ...evaluate(index, russian, (item) => ({ context: english.get(item.paper + item.check) })).ru,
      },
    },
    query: { runs: timings.length, p50Ms: ms(percentile(timings, 0.5)), p95Ms: ms(percentile(timings, 0.95)), maxMs: ms(timings.at(-1)) },
    quotesOnlyDevset: { note: 'the same dev set with no PDF at all (stored quotes only)', ...evaluate(quotesOnly, items).all },
    scale: scale(),
  };
}
main().then((result) => process.stdout.write(JSON.stringify(result)), (error) => { process.stderr.write(String(error.stack ?? error)); process.exit(1); });
`;

async function buildBench() {
  const node = { bundle: true, platform: 'node', format: 'cjs', target: 'node22', logLevel: 'warning', legalComments: 'none', outdir };
  await esbuild.build({ ...node, entryPoints: { pdfWorker: join(root, 'src/core/pdf/extractWorker.ts') } });
  await esbuild.build({ ...node, stdin: { contents: MEASURE, resolveDir: root, sourcefile: 'searchBench.ts', loader: 'ts' }, outfile: join(outdir, 'searchBench.js'), outdir: undefined });
}

/** `scalePapers`: size of the generated corpus (500 by default, as issue 5 asks). */
export async function benchSearch({ papersDir = join(root, '..', 'shared', 'papers'), node24 = process.execPath, scalePapers = 500 } = {}) {
  // Without the PDFs the dev set runs on stored quotes only (see `pdfs`), and the scale figures still come.
  await buildBench();
  const devset = join(root, 'scripts', 'bench', 'search-devset.json');
  const run = spawnSync(node24, ['--expose-gc', join(outdir, 'searchBench.js'), papersDir, join(outdir, 'pdfWorker.js'), join(root, 'sources'), devset, String(scalePapers)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`the search benchmark failed (${node24}): ${run.stderr || run.error}`);
  return JSON.parse(run.stdout);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [papersDir, node24, scalePapers] = process.argv.slice(2);
  console.log(JSON.stringify(await benchSearch({ papersDir: papersDir || process.env.LITCOMP_PAPERS || undefined, node24: node24 || undefined, scalePapers: Number(scalePapers) || undefined }), null, 2));
}
