import * as path from 'node:path';
import * as vscode from 'vscode';
import { anchorQuote } from '../../core/pdf/anchor';
import type { DarkPageMode } from '../../protocol/common';
import { isViewerToHost, PDF_VIEWER_VIEW_TYPE, type HostToViewer, type ViewerReveal, type ViewerToHost, type ViewerZoom } from '../../protocol/viewer';
import type { CorpusService } from '../../services/corpusService';
import type { PdfLibrary } from '../../services/pdfLibrary';
import { EvidenceFromPdf, type EvidenceOutcome, type UseAsEvidenceOptions } from './evidence';
import { viewerHtml } from './viewerHtml';
import { pathOf, uriOfPath } from '../../services/workspacePaths';

export { PDF_VIEWER_VIEW_TYPE };
export type { EvidenceOutcome, UseAsEvidenceOptions };

/** What a viewer last reported, for tests and the benchmark. */
export interface ViewerReport {
  pdfStart?: { mode: 'worker' | 'main-thread'; ms: number };
  /** Pages drawn so far, with the number of quote boxes on each. */
  readonly rendered: Map<number, number>;
  pageCount?: number;
  view?: { page: number; zoom: ViewerZoom };
  search?: { query: string; current: number; total: number };
  evidence?: EvidenceOutcome;
  error?: string;
}

/** Where to open a PDF: a page, and a quote to find and highlight on it. */
export interface OpenPdfTarget {
  readonly file: string;
  readonly page?: number;
  readonly quote?: string;
  /** Open beside the active editor (from a panel) rather than in its place. */
  readonly beside?: boolean;
}

const darkPage = (): DarkPageMode => vscode.workspace.getConfiguration('literatureCompanion').get<DarkPageMode>('excerpt.darkPage', 'dim');

/** One open viewer: a webview showing one PDF file. */
export class PdfViewerEditor implements vscode.Disposable {
  readonly report: ViewerReport = { rendered: new Map() };
  private readonly disposables: vscode.Disposable[] = [];
  private readonly listeners: (() => void)[] = [];
  /** Options for the next "Use as Evidence…" (tests answer the pickers this way). */
  nextEvidenceOptions?: UseAsEvidenceOptions;

  constructor(
    readonly uri: vscode.Uri,
    readonly panel: vscode.WebviewPanel,
    private initialReveal: ViewerReveal | undefined,
    extensionUri: vscode.Uri,
    private readonly evidence: EvidenceFromPdf,
  ) {
    // The PDF arrives as bytes in a message: the webview can read nothing but its own scripts and styles.
    panel.webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.joinPath(extensionUri, 'dist', 'webview')] };
    panel.webview.html = viewerHtml(panel.webview, extensionUri);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: unknown) => {
        if (isViewerToHost(message)) void this.receive(message);
      }),
      vscode.workspace.onDidChangeConfiguration((event) => event.affectsConfiguration('literatureCompanion.excerpt.darkPage') && void this.post({ type: 'darkPage', mode: darkPage() })),
    );
  }

  /** Resolves once `probe` holds for the report (the webview has confirmed something). */
  until<T>(probe: (report: ViewerReport) => T | undefined | false): Promise<T> {
    return new Promise((resolve) => {
      const check = () => {
        const value = probe(this.report);
        if (value === undefined || value === false) return false;
        resolve(value);
        return true;
      };
      if (!check()) this.listeners.push(() => void check());
    });
  }

  private notify(): void {
    this.listeners.forEach((listener) => listener());
  }

  reveal(reveal: ViewerReveal): Thenable<boolean> {
    return this.post({ type: 'reveal', reveal });
  }

  find(): Thenable<boolean> {
    return this.post({ type: 'find' });
  }

  private post(message: HostToViewer): Thenable<boolean> {
    return this.panel.webview.postMessage(message);
  }

  private async receive(message: ViewerToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        await this.sendDocument();
        return;
      case 'pdfStarted':
        this.report.pdfStart = { mode: message.mode, ms: message.ms };
        break;
      case 'pageRendered':
        this.report.rendered.set(message.page, message.highlights);
        this.report.pageCount = message.pageCount;
        break;
      case 'viewChanged':
        this.report.view = { page: message.page, zoom: message.zoom };
        break;
      case 'searchResult':
        this.report.search = { query: message.query, current: message.current, total: message.total };
        break;
      case 'useAsEvidence':
        await this.useAsEvidence(message.page, message.text);
        break;
      case 'error':
        this.report.error = message.message;
        break;
    }
    this.notify();
  }

  /** (Re)sends the file: on first open, and whenever the webview was re-created (it keeps no bytes). */
  private async sendDocument(): Promise<void> {
    this.report.rendered.clear();
    try {
      // A plain Uint8Array of its own: what workspace.fs returns may be a view VS Code's message
      // serialiser does not transfer as bytes (it arrived in the webview as a plain object).
      const data = new Uint8Array(await vscode.workspace.fs.readFile(this.uri));
      const reveal = this.initialReveal;
      this.initialReveal = undefined; // later loads return to where the person was (webview state)
      await this.post({ type: 'document', data, fileName: path.basename(pathOf(this.uri)), darkPage: darkPage(), reveal });
    } catch (error) {
      this.report.error = (error as Error).message;
      await this.post({ type: 'notice', text: vscode.l10n.t('{0} could not be read: {1}', this.uri.fsPath, (error as Error).message), tone: 'error' });
    }
  }

  private async useAsEvidence(page: number, text: string): Promise<void> {
    const options = this.nextEvidenceOptions;
    this.nextEvidenceOptions = undefined;
    const outcome = await this.evidence.add(this.uri, page, text, options).catch((error: Error): EvidenceOutcome => ({ added: false, message: error.message }));
    this.report.evidence = outcome;
    if (outcome.added) {
      const where = outcome.target === 'link' ? vscode.l10n.t('§{0} of {1}', outcome.challenge ?? '', path.basename(outcome.file ?? '')) : vscode.l10n.t('the claim');
      const verified = outcome.verification === 'found' ? vscode.l10n.t('it verifies: found on page {0}', outcome.page) : vscode.l10n.t('but it does NOT verify ({0})', outcome.verification);
      const text = vscode.l10n.t('Added the quote from page {0} to {1}; {2}.', outcome.page, where, verified);
      await this.post({ type: 'notice', text, tone: outcome.verification === 'found' ? 'success' : 'error' });
      void vscode.window.setStatusBarMessage(`$(check) ${text}`, 8000);
    } else {
      await this.post({ type: 'notice', text: outcome.message, tone: outcome.cancelled ? 'info' : 'error' });
      if (!outcome.cancelled) void vscode.window.showWarningMessage(outcome.message);
    }
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}

/**
 * The custom editor for `*.pdf` (read-only): any PDF in the workspace opens in it, and the excerpt panel's
 * "Open PDF" opens its PDF here at the quote's page with the quote highlighted.
 */
export class PdfViewerProvider implements vscode.CustomReadonlyEditorProvider {
  private readonly editors = new Set<PdfViewerEditor>();
  private readonly pendingReveals = new Map<string, ViewerReveal>();
  private readonly opened = new vscode.EventEmitter<PdfViewerEditor>();
  readonly evidence: EvidenceFromPdf;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly library: PdfLibrary,
    state: vscode.Memento,
    corpus: CorpusService,
  ) {
    this.evidence = new EvidenceFromPdf(state, corpus, library);
  }

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): void {
    const key = document.uri.toString();
    const editor = new PdfViewerEditor(document.uri, panel, this.pendingReveals.get(key), this.extensionUri, this.evidence);
    this.pendingReveals.delete(key);
    this.editors.add(editor);
    panel.onDidDispose(() => {
      this.editors.delete(editor);
      editor.dispose();
    });
    this.opened.fire(editor);
  }

  get openEditors(): readonly PdfViewerEditor[] {
    return [...this.editors];
  }

  /** The viewer in front, for Ctrl+F from the workbench. */
  activeEditor(): PdfViewerEditor | undefined {
    return [...this.editors].find((editor) => editor.panel.active);
  }

  /** Opens (or reveals) a PDF in the viewer at a page, with a quote's boxes highlighted when it is found. */
  async open(target: OpenPdfTarget): Promise<PdfViewerEditor> {
    const uri = uriOfPath(target.file);
    const reveal = await this.revealFor(target);
    const existing = [...this.editors].find((editor) => editor.uri.toString() === uri.toString());
    if (existing) {
      existing.panel.reveal(existing.panel.viewColumn, false);
      if (reveal) await existing.reveal(reveal);
      return existing;
    }
    if (reveal) this.pendingReveals.set(uri.toString(), reveal);
    const resolved = new Promise<PdfViewerEditor>((resolve) => {
      const listener = this.opened.event((editor) => {
        if (editor.uri.toString() !== uri.toString()) return;
        listener.dispose();
        resolve(editor);
      });
    });
    await vscode.commands.executeCommand('vscode.openWith', uri, PDF_VIEWER_VIEW_TYPE, { preview: false, viewColumn: target.beside ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active });
    return resolved;
  }

  private async revealFor(target: OpenPdfTarget): Promise<ViewerReveal | undefined> {
    if (!target.quote) return target.page ? { page: target.page } : undefined;
    try {
      const document = await this.library.read(target.file);
      const anchor = anchorQuote(document.pages, { exact: target.quote, page: target.page });
      if (anchor.status !== 'not-found' && anchor.page) return { page: anchor.page, rects: anchor.rects };
    } catch {
      // The viewer still opens the file at the stated page; it will say itself if it cannot render it.
    }
    return target.page ? { page: target.page } : undefined;
  }

  dispose(): void {
    this.opened.dispose();
  }
}

function openTargetOf(argument: unknown): OpenPdfTarget | undefined {
  if (argument instanceof vscode.Uri) return { file: pathOf(argument) };
  if (typeof argument !== 'object' || argument === null) return undefined;
  const { file, page, quote, beside } = argument as Record<string, unknown>;
  if (typeof file !== 'string') return undefined;
  return { file, page: typeof page === 'number' && page >= 1 ? page : undefined, quote: typeof quote === 'string' ? quote : undefined, beside: beside === true };
}

export function activateViewer(context: vscode.ExtensionContext, corpus: CorpusService, library: PdfLibrary): PdfViewerProvider {
  const provider = new PdfViewerProvider(context.extensionUri, library, context.workspaceState, corpus);
  context.subscriptions.push(
    provider,
    // No retainContextWhenHidden: a hidden viewer is rebuilt from the file and its saved state (memory).
    vscode.window.registerCustomEditorProvider(PDF_VIEWER_VIEW_TYPE, provider, { supportsMultipleEditorsPerDocument: true }),
    vscode.commands.registerCommand('literatureCompanion.openPdfViewer', async (argument?: unknown) => {
      const target = openTargetOf(argument);
      if (target) return provider.open(target);
      const picked = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { PDF: ['pdf'] }, defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri });
      return picked?.[0] && provider.open({ file: pathOf(picked[0]) });
    }),
    vscode.commands.registerCommand('literatureCompanion.pdfViewer.find', () => provider.activeEditor()?.find()),
  );
  return provider;
}
