// The web extension's part of `npm run bench` (report.web); `node scripts/bench/web.mjs` runs it alone
// (after `node esbuild.mjs`). Measured, never asserted:
//   bundle – the web entry and its PDF text worker as `npm run package` ships them (minified, and gzip)
//   host   – in code-server's web worker extension host (no Node): activate(), the first corpus load and
//            tree through workspace.fs, an excerpt of a workspace PDF (first open, and again) (test/web/bench.ts)
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { runWebHostSuite } from '../lib/hostSuite.mjs';
import { projectRoot } from '../lib/tools.mjs';
import { webGuard } from '../lib/webGuard.mjs';

async function webBundleSizes() {
  const build = (entry, format) => esbuild.build({ entryPoints: [join(projectRoot, entry)], bundle: true, platform: 'browser', format, external: ['vscode'], minify: true, write: false, plugins: [webGuard] });
  const [entry, worker] = await Promise.all([build('src/web/extension.ts', 'cjs'), build('src/core/pdf/webTextWorker.ts', 'iife')]);
  const sizes = (output) => ({ productionBytes: output.contents.length, productionGzipBytes: gzipSync(output.contents).length });
  return { entry: sizes(entry.outputFiles[0]), pdfTextWorker: sizes(worker.outputFiles[0]) };
}

const round = (value) => (typeof value === 'number' ? Math.round(value * 100) / 100 : value);

export async function benchWeb() {
  const bundle = await webBundleSizes();
  const host = await runWebHostSuite({ testsPath: join(projectRoot, 'dist-test', 'web', 'bench.js'), marker: 'LITCOMP_BENCH' });
  return { bundle, host: Object.fromEntries(Object.entries(host).map(([key, value]) => [key, round(value)])) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${JSON.stringify(await benchWeb(), null, 2)}\n`);
  process.exit(0);
}
