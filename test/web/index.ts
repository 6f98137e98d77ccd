// Entry point the WEB WORKER extension host loads (extensionTestsPath, with the user setting
// remote.extensionKind = ["web"] for this extension): the part of the in-host suite that applies to the
// web, bundled for the browser (esbuild platform browser; no Node in this host). Same contract as
// test/host/index.ts: export run(), print LITCOMP_RESULT {"passed","failed","skipped"}.
import './setup';
import './platform.test';
import './corpus.test';
import './claims.test';
import './excerpt.test';
import './citations.test';
import './viewer.test';
import './report.test';

export function run(): Promise<void> {
  return new Promise((resolve, reject) => {
    const runner = mocha.run(() => {
      const result = { passed: runner.stats?.passes ?? 0, failed: runner.stats?.failures ?? 0, skipped: runner.stats?.pending ?? 0 };
      console.log(`LITCOMP_RESULT ${JSON.stringify(result)}`);
      if (result.failed > 0) reject(new Error(`${result.failed} web-host test(s) failed`));
      else resolve();
    });
    runner.on('fail', (test, error: Error) => console.log(`✖ ${test.fullTitle()}: ${error.message}`));
  });
}
