// Bundles: the extension (CJS, node, `vscode` external), the CLI, the webview script (browser, IIFE),
// and the test suites. pdf.js is never part of the activation bundle.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LAZY_VENDORS } from './scripts/lib/lazyVendors.mjs';
import { lazyEntryPoints } from './scripts/lib/lazyModules.mjs';
import { activationBundle, common as sharedCommon, NODE_FILE_SYSTEM } from './scripts/lib/esbuildSettings.mjs';
import { webGuard } from './scripts/lib/webGuard.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = { ...sharedCommon, sourcemap: !production, minify: production };
// Every Node bundle reads files through Node's fs unless a caller passes another FileSystem (core/platform).
const node = { ...common, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], inject: NODE_FILE_SYSTEM };

function testEntries(folder) {
  try {
    return readdirSync(join('test', folder)).filter((name) => name.endsWith('.ts')).map((name) => join('test', folder, name));
  } catch {
    return [];
  }
}

// The activation bundle and the parts it loads on first need, built beside it (scripts/lib/esbuildSettings.mjs).
const activation = { ...activationBundle, sourcemap: !production, minify: production };

const builds = [
  { ...activation, entryPoints: { extension: 'src/extension.ts' }, outdir: 'dist', metafile: true },
  { ...activation, entryPoints: lazyEntryPoints(), outdir: 'dist' },
  ...Object.entries(LAZY_VENDORS).map(([library, bundle]) => ({ ...node, stdin: { contents: `module.exports = require(${JSON.stringify(library)});`, resolveDir: '.', sourcefile: `${bundle}.js` }, outfile: `dist/${bundle}.js` })),
  { ...node, entryPoints: { cli: 'src/cli/index.ts' }, outdir: 'dist' },
  // Bibliography import (the BibTeX parser, ~1 MB): required by the import command on first use only.
  { ...node, entryPoints: { bibliographyImport: 'src/core/citations/import.ts' }, outdir: 'dist' },
  // The evidence report (citeproc and its CSL styles, ~1 MB) runs in a worker thread started by "Export
  // Evidence Report…": compiling the APA style takes seconds, never on the extension host's event loop.
  { ...node, entryPoints: { reportWorker: 'src/core/report/worker.ts' }, outdir: 'dist' },
  // The PDF text worker (worker_threads): PDFium's JS glue is bundled into it alone (its wasm copied beside it).
  { ...node, target: 'node22', entryPoints: { pdfWorker: 'src/core/pdf/extractWorker.ts' }, outdir: 'dist' },
  // The reader's own process, which runs pdfWorker.js and is stopped when it passes its memory cap.
  { ...node, target: 'node22', entryPoints: { pdfHost: 'src/core/pdf/extractHost.ts' }, outdir: 'dist' },
  { ...node, target: 'node22', entryPoints: { searchWorker: 'src/core/search/indexWorker.ts' }, outdir: 'dist' },
  // The web extension (package.json `browser`): the web worker extension host of vscode.dev, github.dev and
  // code-server. No Node shims: a Node built-in or global in its reach fails the build (webGuard).
  { ...common, platform: 'browser', format: 'cjs', target: 'es2022', external: ['vscode'], entryPoints: { extension: 'src/web/extension.ts' }, outdir: 'dist/web', metafile: true, plugins: [webGuard] },
  // Its PDF text worker: pdf.js (browser build) running its own worker code in the same thread; a classic
  // script (iife), started from a Blob URL (web workers from an extension's URL are refused).
  { ...common, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: { pdfTextWorker: 'src/core/pdf/webTextWorker.ts' }, outdir: 'dist/web', plugins: [webGuard] },
  // Its report worker: citeproc and the CSL styles off the web worker host's thread, started the same way.
  { ...common, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: { reportWorker: 'src/core/report/webWorker.ts' }, outdir: 'dist/web', plugins: [webGuard] },
  { ...common, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: { panel: 'src/webview/panel.ts' }, outdir: 'dist/webview' },
  { ...common, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: { map: 'src/webview/map.ts' }, outdir: 'dist/webview' },
  // The two PDF webviews (excerpt panel, PDF viewer) share one chunk of pdf.js's display layer (ES modules,
  // code splitting); its worker is copied beside them.
  { ...common, platform: 'browser', format: 'esm', target: 'es2022', splitting: true, chunkNames: 'chunks/[name]-[hash]', entryPoints: { excerpt: 'src/webview/excerpt.ts', viewer: 'src/webview/viewer.ts' }, outdir: 'dist/webview' },
];

/**
 * pdf.js files the PDF webviews load at run time: its worker, the standard (non-embedded) fonts, and the
 * viewer component's stylesheet with the images it names.
 */
function copyPdfJsAssets() {
  mkdirSync('dist/webview', { recursive: true });
  cpSync('node_modules/pdfjs-dist/build/pdf.worker.min.mjs', 'dist/webview/pdf.worker.min.mjs');
  cpSync('node_modules/pdfjs-dist/standard_fonts', 'dist/webview/standard_fonts', { recursive: true });
  cpSync('node_modules/pdfjs-dist/web/pdf_viewer.css', 'dist/webview/pdf_viewer.css');
  cpSync('node_modules/pdfjs-dist/web/images', 'dist/webview/images', { recursive: true });
}
/** PDFium's WebAssembly, read by the PDF worker from beside it (dist/pdfium.wasm): nothing is fetched at run time. */
function copyPdfiumWasm() {
  mkdirSync('dist', { recursive: true });
  cpSync('node_modules/@embedpdf/pdfium/dist/pdfium.wasm', 'dist/pdfium.wasm');
}
/**
 * dist/corpus-snapshot.json: the bundled corpus (sources/) parsed and checked now, so that the first tree
 * in a fresh extension host does not wait for the YAML parser (see src/core/corpus/snapshot.ts). Built by
 * running the same code the extension runs; a source file edited after the build is parsed as usual.
 */
async function writeCorpusSnapshot() {
  const script = await esbuild.build({
    ...node, sourcemap: false, write: false, logLevel: 'error',
    stdin: {
      contents: `import { writeFileSync } from 'node:fs';
import { buildCorpusSnapshot } from './src/core/corpus/snapshot';
void buildCorpusSnapshot(process.argv[2]).then((snapshot) => writeFileSync(process.argv[3], JSON.stringify(snapshot)));`,
      resolveDir: '.', sourcefile: 'corpus-snapshot.ts', loader: 'ts',
    },
  });
  const run = spawnSync(process.execPath, ['-', 'sources', join('dist', 'corpus-snapshot.json')], { input: script.outputFiles[0].text, stdio: ['pipe', 'inherit', 'inherit'] });
  if (run.status !== 0) throw new Error('could not write dist/corpus-snapshot.json');
}

/**
 * The source files the web entry reaches, for the lint rule that keeps Node out of them (eslint.config.mjs
 * reads this list; the build's own guard, webGuard, is the check that cannot be skipped). Kept outside
 * dist/, so a failed build (which clears dist/) does not shrink what lint checks.
 */
const WEB_GRAPH_DIR = join('node_modules', '.cache', 'literature-companion');
function writeWebGraph(result) {
  if (!result) return;
  const files = Object.keys(result.metafile.inputs).filter((file) => file.startsWith('src/') && file.endsWith('.ts')).sort();
  mkdirSync(WEB_GRAPH_DIR, { recursive: true });
  writeFileSync(join(WEB_GRAPH_DIR, 'webGraph.json'), `${JSON.stringify(files, null, 1)}\n`);
}

if (!production) {
  // Tests import the code under test from src/ so each suite is self-contained; mocha and the test
  // harness's own packages stay external and load from node_modules.
  const external = ['vscode', 'mocha', 'playwright-core', '@vscode/test-electron', 'pdfjs-dist'];
  builds.push(
    { ...node, external, entryPoints: testEntries('unit'), outdir: 'dist-test/unit' },
    { ...node, external, entryPoints: [...testEntries('host')], outdir: 'dist-test/host' },
    { ...node, external, entryPoints: testEntries('ui'), outdir: 'dist-test/ui' },
    { ...node, external, entryPoints: testEntries('desktop'), outdir: 'dist-test/desktop' },
    { ...node, external, entryPoints: testEntries('bench'), outdir: 'dist-test/bench' },
    // The part of the in-host suite that applies to the web, bundled for the web worker extension host.
    { ...common, platform: 'browser', format: 'cjs', target: 'es2022', external: ['vscode'], entryPoints: { index: 'test/web/index.ts', bench: 'test/web/bench.ts' }, outdir: 'dist-test/web', plugins: [webGuard] },
    // …and what its harness writes into the workspace first (Node: fixture PDFs need zlib).
    { ...node, external, entryPoints: { fixtures: 'test/web/fixtures.ts' }, outdir: 'dist-test/web' },
  );
}

if (!watch) {
  rmSync('dist', { recursive: true, force: true });
  rmSync('dist-test', { recursive: true, force: true });
}

copyPdfJsAssets();
copyPdfiumWasm();
await writeCorpusSnapshot();
const contexts = await Promise.all(builds.filter((b) => (Array.isArray(b.entryPoints) ? b.entryPoints.length > 0 : true)).map((b) => esbuild.context(b)));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('[esbuild] watching…');
} else {
  const results = await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
  writeWebGraph(results.find((result) => result.metafile && Object.keys(result.metafile.outputs).some((file) => file.startsWith('dist/web/'))));
  const bytes = Object.entries(results[0].metafile.outputs).find(([file]) => file.endsWith('extension.js'))[1].bytes;
  console.log(`[esbuild] built ${production ? 'production' : 'development'} bundles; dist/extension.js ${(bytes / 1024).toFixed(0)} kB`);
}
