// Stryker's build step, run inside its sandbox (.stryker-tmp/sandbox-*): Stryker links node_modules only
// after the build, but esbuild.mjs copies pdf.js assets from ./node_modules, so link it first, then build.
import { existsSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';

if (!existsSync('node_modules')) symlinkSync(resolve('..', '..', 'node_modules'), 'node_modules', 'junction');
await import(join(process.cwd(), 'esbuild.mjs'));
