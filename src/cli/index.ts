import { join } from 'node:path';
import { main } from './main';
import { processIo, stripTerminalControls } from './terminal';

// dist/cli.js sits one folder below the package root, beside which sources/ lives.
main(process.argv.slice(2), join(__dirname, '..', 'sources'), processIo(process.stdout, process.stderr)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // One line a person can act on; the stack only when asked for (it means a bug worth reporting).
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    process.stderr.write(`literature-companion: unexpected error: ${stripTerminalControls(message ?? '')}\n`);
    if (process.env.LITCOMP_DEBUG) process.stderr.write(`${(error as Error).stack ?? ''}\n`);
    else process.stderr.write('Run again with LITCOMP_DEBUG=1 to see where it happened, and report it.\n');
    process.exitCode = 1;
  },
);
