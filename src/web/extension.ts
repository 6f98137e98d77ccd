import * as vscode from 'vscode';
import { registerFileSystem } from '../core/platform/fileSystem';
import type { ViewKind } from '../core/tree/corpusTree';
import { activateClaims, type ClaimsApi } from '../features/claims';
import { StoredQuoteSuggestions } from '../features/claims/storedQuoteSuggestions';
import { activateEvidenceMap, type EvidenceMapApi } from '../features/evidenceMap';
import { activateExcerpts, type ExcerptPanels } from '../features/excerpt';
import { BrowserPdfText } from '../core/pdf/browserText';
import { startBlobWorker } from '../services/blobWorker';
import { PdfLibrary } from '../services/pdfLibrary';
import { activatePanels } from '../features/panels';
import { activateTrees, type CorpusTreeProvider } from '../features/tree';
import { registerCorpusCommands, revealOnStartup } from '../features/tree/corpusCommands';
import { activateVerify } from '../features/verify';
import { attachPdfInWorkspace, explainNoFolderAttach } from '../features/pdfs/attachInWorkspace';
import { activateViewer, type PdfViewerProvider } from '../features/viewer';
import { activateReferences } from '../features/references';
import { activateWebReport } from '../features/report/web';
import { exportBibliography } from '../features/citations/exportCommand';
import { insertCitation } from '../features/citations/insertCommand';
import { CITATION_SELECTOR, COMPLETION_TRIGGERS } from '../features/citations/selector';
import { CitationCompletionProvider, CitationDefinitionProvider, CitationHoverProvider } from '../features/citations/providers';
import type { PanelManager } from '../services/companionPanels';
import { CorpusService } from '../services/corpusService';
import { WorkspaceFileSystem } from '../services/workspaceFileSystem';
import { mapPathsToUris, readWorkspaceFilesThroughVscode } from '../services/workspacePaths';

/** What activate() hands to the web suite (test/web) and the bench. */
export interface WebCompanionApi {
  readonly platform: 'web';
  /** The file system core code reads through: 'workspace' (vscode.workspace.fs). */
  readonly files: string;
  readonly corpus: CorpusService;
  readonly trees: Readonly<Record<ViewKind, CorpusTreeProvider>>;
  readonly panels: PanelManager;
  readonly claims: ClaimsApi;
  readonly evidenceMap: EvidenceMapApi;
  readonly pdfs: PdfLibrary;
  readonly excerpts: ExcerptPanels;
  readonly viewer: PdfViewerProvider;
  readonly activationMs: number;
}

/**
 * The web entry (package.json `browser`): the same features as the desktop's, wired for the web worker
 * extension host of vscode.dev, github.dev and code-server, where there is no Node. Files go through
 * vscode.workspace.fs, PDF text is read by pdf.js and the evidence report made in Blob-URL workers; what
 * needs Node (the search index over the PDFs' text, downloads, git) is not wired here and its commands are
 * hidden on the web (`isWeb` in package.json).
 */
export function activate(context: vscode.ExtensionContext): WebCompanionApi {
  const started = performance.now();
  const files = new WorkspaceFileSystem([context.extensionUri, context.globalStorageUri]);
  registerFileSystem(files);
  readWorkspaceFilesThroughVscode();
  mapPathsToUris((path) => files.uriOf(path));
  const corpus = new CorpusService(context.extensionUri.path);
  context.subscriptions.push(corpus);
  // PDF text: pdf.js in a worker started from a Blob URL of dist/web/pdfTextWorker.js, on first use.
  const pdfs = new PdfLibrary(context, corpus, () => new BrowserPdfText(() => startBlobWorker(context.extensionUri, 'dist/web/pdfTextWorker.js')));
  context.subscriptions.push(pdfs);
  const trees = activateTrees(context, corpus);
  const panels = activatePanels(context, corpus);
  const excerpts = activateExcerpts(context, corpus, pdfs);
  activateVerify(context, corpus, pdfs);
  const viewer = activateViewer(context, corpus, pdfs);
  const claims = activateClaims(context, corpus, async () => new StoredQuoteSuggestions(), panels);
  activateReferences(context, corpus);
  activateWebReport(context, corpus, (document) => claims.service.claimsOf(document));
  activateWebCitations(context, corpus);
  const evidenceMap = activateEvidenceMap(context, corpus, panels, {
    bundled: async () => (await claims.service.bundledClaims()).claims,
    annotations: async () => (await claims.service.annotations())?.all() ?? [],
    onDidChange: claims.service.onDidChange,
  });
  context.subscriptions.push(
    ...registerCorpusCommands(corpus),
    vscode.commands.registerCommand('literatureCompanion.downloadPdfs', (options?: { quiet?: boolean }) => explainNoDownloads(options)),
    vscode.commands.registerCommand('literatureCompanion.attachPdf', (target?: unknown, file?: unknown, options?: unknown) => attachPdfInWorkspace(pdfs, corpus, target, file, options)),
    vscode.commands.registerCommand('literatureCompanion.attachPdfFolder', () => explainNoFolderAttach()),
  );
  revealOnStartup();
  return { platform: 'web', files: files.name, corpus, trees, panels, claims, evidenceMap, pdfs, excerpts, viewer, activationMs: performance.now() - started };
}

/**
 * Citations as on the desktop (features/citations/index.ts), without "Import Bibliography…": its BibTeX
 * parser is a Node bundle of its own (dist/bibliographyImport.js), loaded on first use with require.
 */
function activateWebCitations(context: vscode.ExtensionContext, corpus: CorpusService): void {
  context.subscriptions.push(
    vscode.languages.registerCompletionItemProvider(CITATION_SELECTOR, new CitationCompletionProvider(corpus), ...COMPLETION_TRIGGERS),
    vscode.languages.registerHoverProvider(CITATION_SELECTOR, new CitationHoverProvider(corpus)),
    vscode.languages.registerDefinitionProvider(CITATION_SELECTOR, new CitationDefinitionProvider(corpus)),
    vscode.commands.registerCommand('literatureCompanion.insertCitation', (argument?: unknown) => insertCitation(corpus, argument)),
    vscode.commands.registerCommand('literatureCompanion.exportBibliography', (argument?: unknown) => exportBibliography(corpus, argument)),
  );
}

/**
 * The command is hidden on the web, but a link or a keybinding may still run it: say why nothing is
 * downloaded and what works instead, never fail silently.
 */
function explainNoDownloads(options?: { quiet?: boolean }): string {
  const message = vscode.l10n.t('Downloading papers from arXiv does not work in the browser: arXiv does not allow cross-origin requests. Add the PDFs to this workspace and use "Attach PDF…", or set "literatureCompanion.pdfFolder" to a folder of them; Literature Companion on the desktop can download them.');
  if (!options?.quiet) {
    const settings = vscode.l10n.t('Open Settings');
    void vscode.window.showWarningMessage(message, settings).then((choice) => choice === settings && vscode.commands.executeCommand('workbench.action.openSettings', 'literatureCompanion.pdfFolder'));
  }
  return message;
}

export function deactivate(): void {}
