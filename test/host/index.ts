// Entry point the extension host loads (via extensionTestsPath): runs every *.test.js beside it with mocha,
// under code-server here or under @vscode/test-electron on a desktop. Same contract: export run().
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec', grep: process.env.LITCOMP_GREP || undefined });
  for (const file of readdirSync(__dirname).filter((name) => name.endsWith('.test.js')).sort()) mocha.addFile(join(__dirname, file));
  const failures = await new Promise<{ passed: number; failed: number; skipped: number }>((resolve) => {
    const runner = mocha.run(() => resolve({ passed: runner.stats?.passes ?? 0, failed: runner.stats?.failures ?? 0, skipped: runner.stats?.pending ?? 0 }));
  });
  console.log(`LITCOMP_RESULT ${JSON.stringify(failures)}`);
  if (failures.failed > 0) throw new Error(`${failures.failed} in-host test(s) failed`);
}
