// `npm run test:desktop`: the SAME in-host suite (dist-test/host/index.js) under desktop VS Code, downloaded
// by @vscode/test-electron. Needs a machine that can reach VS Code's download host (a laptop, public CI).
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';

async function main(): Promise<void> {
  const projectRoot = join(__dirname, '..', '..');
  const workspace = mkdtempSync(join(tmpdir(), 'litcomp-desktop-ws-'));
  cpSync(join(projectRoot, 'example'), workspace, { recursive: true });
  await runTests({
    version: process.env.VSCODE_VERSION ?? '1.139.1',
    extensionDevelopmentPath: projectRoot,
    extensionTestsPath: join(projectRoot, 'dist-test', 'host', 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    extensionTestsEnv: { LITCOMP_PROJECT_ROOT: projectRoot, LITCOMP_PAPERS: process.env.LITCOMP_PAPERS ?? join(projectRoot, '..', 'shared', 'papers') },
  });
}

main().catch((error: unknown) => {
  console.error(`Desktop test run failed: ${(error as Error).message}`);
  process.exit(1);
});
