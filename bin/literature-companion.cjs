#!/usr/bin/env node
// Thin launcher: the CLI is bundled by esbuild into dist/cli.js (`npm run build`).
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const cli = join(__dirname, '..', 'dist', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write('literature-companion: dist/cli.js is missing; run `npm run build` in the project first.\n');
  process.exit(1);
}
require(cli);
