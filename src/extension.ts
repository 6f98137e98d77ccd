import * as path from 'node:path';
import * as vscode from 'vscode';
import { PdfTextExtractor } from './core/pdf/extractor';
import { CorpusService } from './services/corpusService';
import { readPrevalidatedFiles } from './services/keptCorpus';
import { activatePanels } from './features/panels';
import type { PanelManager } from './services/companionPanels';
import { activateTrees, type CorpusTreeProvider } from './features/tree';
import { registerCorpusCommands, revealOnStartup } from './features/tree/corpusCommands';
import { activateClaims, type ClaimsApi } from './features/claims';
import { registerGitMergeSetup } from './features/claims/gitMerge';
import { activateExcerpts, type ExcerptPanels } from './features/excerpt';
import { activatePdfCommands } from './features/pdfs';
import { activateVerify } from './features/verify';
import { activateCitations } from './features/citations';
import { activateReferences } from './features/references';
import { activateViewer, type PdfViewerProvider } from './features/viewer';
import { activateReport } from './features/report';
import { activateEvidenceMap, type EvidenceMapApi } from './features/evidenceMap';
import { PdfLibrary } from './services/pdfLibrary';
import type { ViewKind } from './core/tree/corpusTree';
import { once } from './core/common/once';

/** What activate() hands to other extensions and to the in-host tests. */
export interface LiteratureCompanionApi {
  readonly corpus: CorpusService;
  readonly panels: PanelManager;
  readonly trees: Readonly<Record<ViewKind, CorpusTreeProvider>>;
  readonly pdfs: PdfLibrary;
  readonly excerpts: ExcerptPanels;
  readonly claims: ClaimsApi;
  readonly viewer: PdfViewerProvider;
  readonly evidenceMap: EvidenceMapApi;
  /** Milliseconds spent inside activate(), for the benchmark. */
  readonly activationMs: number;
}

/** Only wiring: every feature lives in its own folder; nothing here reads the corpus or loads pdf.js. */
export function activate(context: vscode.ExtensionContext): LiteratureCompanionApi {
  const started = performance.now();
  const corpus = new CorpusService(context.extensionPath, () => readPrevalidatedFiles(context.extensionPath, context.globalStorageUri.fsPath));
  context.subscriptions.push(corpus);
  const pdfs = new PdfLibrary(context, corpus, () => new PdfTextExtractor({ workerScript: path.join(context.extensionPath, 'dist', 'pdfWorker.js') }));
  context.subscriptions.push(pdfs);
  const trees = activateTrees(context, corpus);
  activatePdfCommands(context, pdfs, corpus);
  const panels = activatePanels(context, corpus);
  const excerpts = activateExcerpts(context, corpus, pdfs);
  activateVerify(context, corpus, pdfs);
  // The PDF-text search (its own bundle, dist/lazy-evidenceSuggestions.js): made on first need.
  const suggestions = once(async () => new (await import('./features/claims/suggestions')).EvidenceSuggestions(corpus, pdfs, context.globalStorageUri.fsPath));
  const claims = activateClaims(context, corpus, suggestions, panels);
  activateCitations(context, corpus);
  activateReferences(context, corpus);
  const viewer = activateViewer(context, corpus, pdfs);
  activateReport(context, corpus, (document) => claims.service.claimsOf(document));
  const evidenceMap = activateEvidenceMap(context, corpus, panels, {
    bundled: async () => (await claims.service.bundledClaims()).claims,
    annotations: async () => (await claims.service.annotations())?.all() ?? [],
    onDidChange: claims.service.onDidChange,
  });
  context.subscriptions.push(
    registerGitMergeSetup(context),
    ...registerCorpusCommands(corpus),
  );
  // What needs Node (downloads, PDF folders, git, the report…) is hidden in a browser workbench unless this
  // Node extension host runs it: code-server's desktop-style host does; vscode.dev's web worker host does not.
  void vscode.commands.executeCommand('setContext', 'literatureCompanion.nodeHost', true);
  revealOnStartup();
  preloadCorpus(context, corpus);
  return { corpus, panels, trees, pdfs, excerpts, claims, viewer, evidenceMap, activationMs: performance.now() - started };
}

/**
 * The extension activates once the window has started (onStartupFinished), so a click on its icon finds
 * it active; loading the corpus a moment later, while the person has not clicked yet, lets the view's
 * first getChildren find it loaded. A click that comes sooner shares the same load.
 */
function preloadCorpus(context: vscode.ExtensionContext, corpus: CorpusService): void {
  const timer = setTimeout(() => void corpus.get().catch(() => undefined), PRELOAD_DELAY_MS);
  context.subscriptions.push({ dispose: () => clearTimeout(timer) });
}

/** Lets the extensions that also wait for the end of start-up activate first. */
const PRELOAD_DELAY_MS = 100;

export function deactivate(): void {}
