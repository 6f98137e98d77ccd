// `npm run bench`: prints one JSON object. Figures are measured here, in this run; none is asserted.
//   activation – activate() inside a real extension host (code-server 1.139.1), goal ≤ 20 ms
//   bundle     – size of the activation bundle (what VS Code loads to activate)
//   corpus     – loading the bundled corpus in plain Node
//   firstTree  – click on the view's icon → first tree row drawn, in the real workbench, goal ≤ 150 ms (test/bench/firstTree.ts)
//   pdf        – text extraction, cache, anchoring vs poppler's pdftotext (scripts/bench/pdf.mjs)
//   search     – evidence suggestions: dev set recall@1/@5 and MRR, ms per query, 500-paper scale (scripts/bench/search.mjs)
//   scale      – 500 papers/5,000 links: load and tree first level; a 2,000-claim document after an edit; memory (scripts/bench/scale.mjs)
//   fuzzy      – hand-written fuzzy search vs approx-string-match; quote anchoring and re-anchoring worst cases (scripts/bench/fuzzy.mjs)
//   annotations – annotation file of 2,000 / 10,000 claims: bytes, open, save, merge-save; two writer processes (scripts/bench/annotations.mjs)
//   web        – the web extension (package.json `browser`) in code-server's web worker host: activation, first
//                corpus load and tree, excerpt of a workspace PDF (first, and again); its bundle sizes
//   map        – the evidence map's first paint at 500 papers through the real webview, goal ≤ 300 ms (test/bench/mapFirstPaint.ts)
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import * as esbuild from 'esbuild';
import { runHostSuite } from './lib/hostSuite.mjs';
import { ensureTools, projectRoot } from './lib/tools.mjs';
import { activationBundle } from './lib/esbuildSettings.mjs';

const log = (text) => process.stderr.write(`[bench] ${text}\n`);
const tools = ensureTools();
if (spawnSync(process.execPath, ['esbuild.mjs'], { cwd: projectRoot, stdio: ['ignore', 2, 2] }).status !== 0) throw new Error('build failed');

/** The activation bundle as `npm run package` builds it (minified), in memory. */
async function productionExtension() {
  const production = await esbuild.build({
    ...activationBundle, entryPoints: [join(projectRoot, 'src', 'extension.ts')], minify: true, write: false, outdir: join(projectRoot, 'dist'),
  });
  return production.outputFiles[0].contents;
}

async function bundleSizes() {
  const minified = await productionExtension();
  return {
    developmentBytes: statSync(join(projectRoot, 'dist', 'extension.js')).size,
    productionBytes: minified.length,
    productionGzipBytes: gzipSync(minified).length,
    goalBytes: 300 * 1024,
    met: minified.length <= 300 * 1024,
  };
}

async function corpusLoad() {
  const { loadCorpus } = await import(pathToFileURL(join(projectRoot, 'dist-test', 'bench', 'corpusLoad.js')).href).catch(() => ({}));
  if (!loadCorpus) return { skipped: 'dist-test/bench/corpusLoad.js missing' };
  const times = [];
  for (let i = 0; i < 20; i++) {
    const started = performance.now();
    await loadCorpus(join(projectRoot, 'sources'));
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { runs: times.length, medianMs: round(times[10]), maxMs: round(times.at(-1)) };
}

const round = (value) => Math.round(value * 100) / 100;

/**
 * The bundled corpus's first load in a fresh process (the parser's code still cold, as in a new extension
 * host), with the build-time snapshot (dist/corpus-snapshot.json, what the extension uses) and without
 * it (every file parsed). Wall and CPU ms, median of 3 processes each.
 */
function corpusFirstLoad() {
  const module = pathToFileURL(join(projectRoot, 'dist-test', 'bench', 'corpusLoad.js')).href;
  const once = (snapshot) => {
    const script = `const { loadCorpus, readCorpusSnapshot } = await import(${JSON.stringify(module)});
const cpu = process.cpuUsage(); const started = performance.now();
const prevalidated = ${snapshot ? `await readCorpusSnapshot(${JSON.stringify(join(projectRoot, 'dist', 'corpus-snapshot.json'))})` : 'undefined'};
const corpus = await loadCorpus(${JSON.stringify(join(projectRoot, 'sources'))}, { baseLexicon: ${JSON.stringify(join(projectRoot, 'sources', 'lexicon'))}, prevalidated });
const used = process.cpuUsage(cpu);
console.log(JSON.stringify({ wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000, papers: corpus.papers.size }));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`corpus first load failed: ${run.stderr}`);
    return JSON.parse(run.stdout);
  };
  const figures = (snapshot) => {
    const runs = [once(snapshot), once(snapshot), once(snapshot)];
    const median = (key) => round(runs.map((r) => r[key]).sort((a, b) => a - b)[1]);
    return { wallMs: median('wallMs'), cpuMs: median('cpuMs') };
  };
  return { withSnapshot: figures(true), parsed: figures(false) };
}

log('activation in a real extension host…');
const activation = await runHostSuite({ testsPath: join(projectRoot, 'dist-test', 'bench', 'activation.js'), marker: 'LITCOMP_BENCH' });
const report = {
  activation: { ...activation, activateMs: round(activation.activateMs), activateCallMs: round(activation.activateCallMs), goalMs: 20 },
  bundle: await bundleSizes(),
  corpus: { ...(await corpusLoad()), firstLoadInFreshProcess: corpusFirstLoad() },
};
log('first tree: opening the view in the real workbench…');
report.firstTree = await (await import(pathToFileURL(join(projectRoot, 'dist-test', 'bench', 'firstTree.js')).href)).benchFirstTree({ extensionJs: await productionExtension() });
const pdfBench = join(projectRoot, 'scripts', 'bench', 'pdf.mjs');
if (existsSync(pdfBench)) {
  log('PDF extraction, cache and anchoring beside pdftotext…');
  const { benchPdf } = await import(pathToFileURL(pdfBench).href);
  const papersDir = process.env.LITCOMP_PAPERS || join(projectRoot, '..', 'shared', 'papers');
  report.pdf = existsSync(papersDir) ? await benchPdf({ papersDir, node24: tools.node }) : { skipped: `no PDFs at ${papersDir}` };
}
const searchBench = join(projectRoot, 'scripts', 'bench', 'search.mjs');
if (existsSync(searchBench)) {
  log('evidence search: dev set recall, query time, 500-paper scale…');
  const { benchSearch } = await import(pathToFileURL(searchBench).href);
  report.search = await benchSearch({ papersDir: process.env.LITCOMP_PAPERS || join(projectRoot, '..', 'shared', 'papers'), node24: tools.node });
}
const scaleBench = join(projectRoot, 'scripts', 'bench', 'scale.mjs');
if (existsSync(scaleBench)) {
  log('scale: 500-paper corpus load and tree, 2,000-claim document edit, memory…');
  report.scale = await (await import(pathToFileURL(scaleBench).href)).benchScale({ node24: tools.node });
}
const fuzzyBench = join(projectRoot, 'scripts', 'bench', 'fuzzy.mjs');
if (existsSync(fuzzyBench)) {
  log('fuzzy search: hand-written vs approx-string-match, anchoring and re-anchoring worst cases…');
  report.fuzzy = await (await import(pathToFileURL(fuzzyBench).href)).benchFuzzy({ papersDir: process.env.LITCOMP_PAPERS || join(projectRoot, '..', 'shared', 'papers'), node24: tools.node });
}
const annotationsBench = join(projectRoot, 'scripts', 'bench', 'annotations.mjs');
if (existsSync(annotationsBench)) {
  log('annotation store: sizes, open/save/merge-save, two writer processes…');
  report.annotations = await (await import(pathToFileURL(annotationsBench).href)).benchAnnotations({ node24: tools.node });
}
log('web extension: bundle sizes; activation, corpus, excerpt in the web worker extension host…');
report.web = await (await import(pathToFileURL(join(projectRoot, 'scripts', 'bench', 'web.mjs')).href)).benchWeb();
log('evidence map: first paint at 500 papers in a real webview…');
report.map = await runHostSuite({ testsPath: join(projectRoot, 'dist-test', 'bench', 'mapFirstPaint.js'), marker: 'LITCOMP_BENCH' });
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
process.exit(0); // esbuild's service and the browser harness can keep handles open
