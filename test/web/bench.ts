// Loaded into code-server's WEB WORKER extension host by `npm run bench` (report.web): activation of the
// browser entry, the first corpus load and tree through workspace.fs, and an excerpt of the fixture PDF
// (read through workspace.fs, parsed by pdf.js in the Blob-URL worker, page rendered in the webview).
import * as vscode from 'vscode';
import type { ExcerptPanel } from '../../src/features/excerpt';
import type { WebCompanionApi } from '../../src/web/extension';

const EXTENSION_ID = 'literature-companion.literature-companion';

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension<WebCompanionApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
  const wasActive = extension.isActive;
  const started = performance.now();
  const api = await extension.activate();
  const activateCallMs = performance.now() - started;
  const corpusStarted = performance.now();
  await api.corpus.get();
  const firstCorpusLoadMs = performance.now() - corpusStarted;
  const treeStarted = performance.now();
  const roots = await api.trees.challenges.getChildren();
  const treeFirstLevelMs = performance.now() - treeStarted;
  await vscode.workspace.getConfiguration('literatureCompanion').update('corpusPath', 'web-corpus', vscode.ConfigurationTarget.Workspace);
  for (let tries = 0; tries < 200 && !(await api.corpus.get()).papers.has('1111.00001'); tries++) await new Promise((resolve) => setTimeout(resolve, 50));
  const excerpt = async () => {
    const opened = performance.now();
    const panel = await vscode.commands.executeCommand<ExcerptPanel>('literatureCompanion.openExcerpt', { paper: '1111.00001', page: 2, quote: 'Optimizing the policy too hard against the reward model makes the summaries worse again.' });
    const report = await panel.until((r) => r.view?.kind === 'excerpt-unavailable' || r.rendered !== undefined);
    const ms = performance.now() - opened;
    panel.panel.dispose();
    return { ms, found: report.view?.kind === 'excerpt' && report.view.status === 'found', highlights: report.rendered?.highlights ?? 0 };
  };
  const first = await excerpt(); // starts the PDF text worker, parses the PDF
  const second = await excerpt(); // text known by sha256: no parse
  console.log(`LITCOMP_BENCH ${JSON.stringify({ host: typeof (globalThis as { process?: unknown }).process === 'undefined' ? 'web worker (no Node)' : 'node', wasActiveBefore: wasActive, activateMs: api.activationMs, activateCallMs, firstCorpusLoadMs, treeFirstLevelMs, treeRoots: roots.length, excerptFirstMs: first.ms, excerptAgainMs: second.ms, excerptFound: first.found && second.found, highlights: first.highlights, vscodeVersion: vscode.version })}`);
}
