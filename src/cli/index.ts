import { join } from 'node:path';
import { main } from './main';

// dist/cli.js sits one folder below the package root, beside which sources/ lives.
main(process.argv.slice(2), join(__dirname, '..', 'sources'), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`literature-companion: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
