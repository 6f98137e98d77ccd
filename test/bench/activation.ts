// Loaded into a real extension host by `npm run bench`: measures activation and the first corpus load.
import * as vscode from 'vscode';
import type { LiteratureCompanionApi } from '../../src/extension';

const EXTENSION_ID = 'literature-companion.literature-companion';

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension<LiteratureCompanionApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
  const wasActive = extension.isActive;
  const started = performance.now();
  const api = await extension.activate();
  const activateCallMs = performance.now() - started;
  const corpusStarted = performance.now();
  const corpus = await api.corpus.get();
  const firstCorpusLoadMs = performance.now() - corpusStarted;
  const treeStarted = performance.now();
  const roots = await api.trees.challenges.getChildren();
  const treeFirstLevelMs = performance.now() - treeStarted;
  const pdfModulesLoaded = Object.keys(require.cache).filter((file) => /pdfjs|pdf\.mjs|pdfWorker/.test(file)).length;
  const result = {
    wasActiveBefore: wasActive,
    activateMs: api.activationMs,
    activateCallMs,
    firstCorpusLoadMs,
    treeFirstLevelMs,
    treeRoots: roots.length,
    papers: corpus.papers.size,
    pdfModulesLoadedAtActivation: pdfModulesLoaded,
    vscodeVersion: vscode.version,
  };
  console.log(`LITCOMP_BENCH ${JSON.stringify(result)}`);
}
