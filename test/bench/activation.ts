// Loaded into a real extension host by `npm run bench`: measures activation and the first corpus load.
import { readFileSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { createAnnotation } from '../../src/core/annotations';
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
    // With onStartupFinished the extension is usually active before this runs and has started loading the
    // corpus 0.1 s after activate(): then this is what is left of that load, not a first load. The bundled
    // corpus's first load is measured in a fresh process instead (bench.mjs, corpus.firstLoadInFreshProcess).
    ...(wasActive && { firstCorpusLoadNote: 'extension active before the bench (onStartupFinished): the corpus was already loaded or loading' }),
    treeFirstLevelMs,
    treeRoots: roots.length,
    papers: corpus.papers.size,
    pdfModulesLoadedAtActivation: pdfModulesLoaded,
    vscodeVersion: vscode.version,
    saveEcho: await saveEcho(api),
  };
  console.log(`LITCOMP_BENCH ${JSON.stringify(result)}`);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the extension's watcher has handled a file event after `before`, then lets refreshes settle. */
async function watcherSettled(api: LiteratureCompanionApi, before: number): Promise<boolean> {
  const deadline = Date.now() + 5000;
  while (api.claims.service.fileEvents.handled === before && Date.now() < deadline) await pause(20);
  await pause(300);
  return api.claims.service.fileEvents.handled > before;
}

/**
 * Refreshes (ClaimsService.onDidChange: trees, panels, editors) per annotation save, with the watcher's
 * echo of the save delivered; and after one write by "another process" (plain fs, not the store).
 * Before issue 14, every handled watcher event refreshed again: `refreshesPerSaveBefore` counts them so.
 */
async function saveEcho(api: LiteratureCompanionApi) {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!root) return { skipped: 'no workspace folder' };
  const store = await api.claims.service.annotations();
  if (!store) return { skipped: 'no annotation store' };
  let refreshes = 0;
  const subscription = api.claims.service.onDidChange(() => refreshes++);
  const text = 'A claim the bench saves again and again.';
  const saves = 5;
  let eventsDelivered = 0;
  const start = { refreshes: 0, handled: api.claims.service.fileEvents.handled, echoes: api.claims.service.fileEvents.ownEchoes };
  for (let n = 0; n < saves; n++) {
    const before = api.claims.service.fileEvents.handled;
    await api.claims.service.save(createAnnotation({ id: 'urn:uuid:bench-echo', document: 'bench-echo.md', text, start: 0, end: text.length, verdict: 'supports', note: `save ${n}` }));
    if (await watcherSettled(api, before)) eventsDelivered++;
  }
  const saved = { refreshes, handled: api.claims.service.fileEvents.handled - start.handled, echoes: api.claims.service.fileEvents.ownEchoes - start.echoes };
  const external = refreshes;
  const before = api.claims.service.fileEvents.handled;
  writeFileSync(store.file, readFileSync(store.file, 'utf8').replace('save 4', 'edited elsewhere'));
  await watcherSettled(api, before);
  subscription.dispose();
  return {
    saves,
    savesWhoseWatcherEventArrived: eventsDelivered,
    refreshesPerSave: saved.refreshes / saves,
    refreshesPerSaveBefore: (saved.refreshes + saved.echoes) / saves,
    watcherEventsPerSave: saved.handled / saves,
    ownEchoesSkipped: saved.echoes,
    refreshesAfterAnExternalWrite: refreshes - external,
  };
}
