// Runs under Node, in the test harness, before code-server starts (scripts/lib/hostSuite.mjs): writes what
// the web suite and the web UI test need into the workspace, since the web worker host cannot build a PDF
// itself (no zlib, no Buffer). A small corpus of fixture papers in `web-corpus/` with its PDF in
// `web-corpus/pdf/`, whose page 2 holds the stored quote: no real paper's PDF is ever written or committed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { challengeFile, evidenceFile, paperFile } from '../support/corpusFixture';
import { buildPdf, column } from '../support/pdfFixtures';

export const WEB_CORPUS = 'web-corpus';
export const WEB_PAPER = '1111.00001';
export const WEB_QUOTE = 'Optimizing the policy too hard against the reward model makes the summaries worse again.';
const PAGE_TWO = ['Reward models are trained on human comparisons.', 'Optimizing the policy too hard against the reward', 'model makes the summaries worse again.'];

export function prepareWebWorkspace(workspace: string): void {
  const corpus = join(workspace, WEB_CORPUS);
  const files: Record<string, string | Uint8Array> = {
    [`papers/${WEB_PAPER}.md`]: paperFile(WEB_PAPER),
    'taxonomy/1.md': challengeFile('1', 'One'),
    [`evidence/${WEB_PAPER}.yaml`]: evidenceFile(WEB_PAPER, [{ challenge: '1', page: 2, quote: WEB_QUOTE }]),
    [`pdf/${WEB_PAPER}.pdf`]: buildPdf([{ texts: column(['Title page'], 72, 720) }, { texts: column(PAGE_TWO, 72, 700) }]),
  };
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(corpus, name)), { recursive: true });
    writeFileSync(join(corpus, name), content);
  }
}
