// Locates (and on a fresh machine installs) Node 24, code-server and Chromium via ensure-tools.sh.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

let cached;
/** @returns {{node: string, codeServer: string, chromium: string}} */
export function ensureTools() {
  cached ??= JSON.parse(execFileSync('bash', [join(projectRoot, 'scripts', 'ensure-tools.sh')], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' }).trim().split('\n').pop());
  return cached;
}
