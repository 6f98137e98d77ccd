import * as path from 'node:path';
import * as vscode from 'vscode';
import { excerptFound, paperRefOf, type ExcerptTarget, type ExcerptView } from '../../core/excerpt/excerptView';
import { anchorQuote, PdfReadError } from '../../core/pdf';
import type { EvidenceNode } from '../../core/tree/corpusTree';
import { EXCERPT_VIEW_TYPE, isExcerptTarget, type DarkPageMode, type ExcerptState, type HostToWebview, type WebviewToHost } from '../../protocol/messages';
import type { CorpusService } from '../../services/corpusService';
import type { PdfLibrary } from '../../services/pdfLibrary';
import { excerptHtml } from './excerptHtml';

/** What the excerpt panel last reported, for tests and the benchmark. */
export interface ExcerptReport {
  view?: ExcerptView;
  pdfStart?: { mode: 'worker' | 'main-thread'; ms: number };
  rendered?: { page: number; highlights: number };
}

/** Excerpt panels: a stored quote found in its PDF, the page rendered with the quote highlighted. */
export class ExcerptPanels implements vscode.Disposable {
  private readonly panels = new Map<string, ExcerptPanel>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly corpus: CorpusService,
    private readonly library: PdfLibrary,
  ) {
    this.disposables.push(library.onDidChange((paper) => this.panels.forEach((panel) => panel.target.paper === paper && void panel.load())));
  }

  open(target: ExcerptTarget): ExcerptPanel {
    const key = keyOf(target);
    const existing = this.panels.get(key);
    if (existing) {
      existing.panel.reveal(undefined, false);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(EXCERPT_VIEW_TYPE, titleOf(target), vscode.ViewColumn.Active, this.options());
    return this.adopt(panel, target);
  }

  restore(panel: vscode.WebviewPanel, state: unknown): void {
    const target = (state as ExcerptState | undefined)?.target;
    if (!isExcerptTarget(target)) {
      panel.dispose();
      return;
    }
    panel.webview.options = this.options();
    this.adopt(panel, target);
  }

  get openPanels(): readonly ExcerptPanel[] {
    return [...this.panels.values()];
  }

  private options(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    // The PDF reaches the webview as bytes in a message, so no PDF folder needs to be readable by it.
    return { enableScripts: true, enableCommandUris: false, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'media'), vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview')] };
  }

  private adopt(panel: vscode.WebviewPanel, target: ExcerptTarget): ExcerptPanel {
    const excerpt = new ExcerptPanel(panel, target, this.extensionUri, this.corpus, this.library);
    const key = keyOf(target);
    this.panels.set(key, excerpt);
    panel.onDidDispose(() => {
      this.panels.delete(key);
      excerpt.dispose();
    });
    return excerpt;
  }

  dispose(): void {
    this.panels.forEach((panel) => panel.panel.dispose());
    this.disposables.forEach((d) => d.dispose());
  }
}

export class ExcerptPanel implements vscode.Disposable {
  readonly report: ExcerptReport = {};
  private ready = false;
  private pdfFile?: string;
  /** The bytes the text was read from, posted to the webview as they are (the file is read once). */
  private pdfData?: Uint8Array;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly reportListeners: (() => void)[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly target: ExcerptTarget,
    extensionUri: vscode.Uri,
    private readonly corpus: CorpusService,
    private readonly library: PdfLibrary,
  ) {
    panel.webview.html = excerptHtml(panel.webview, extensionUri);
    panel.iconPath = new vscode.ThemeIcon('quote');
    this.disposables.push(panel.webview.onDidReceiveMessage((message: WebviewToHost) => void this.receive(message)));
  }

  /** Resolves once `probe` holds for the report (the webview has confirmed something). */
  until(probe: (report: ExcerptReport) => boolean): Promise<ExcerptReport> {
    return new Promise((resolve) => {
      const check = () => {
        if (!probe(this.report)) return false;
        resolve(this.report);
        return true;
      };
      if (!check()) this.reportListeners.push(() => void check());
    });
  }

  private notify(): void {
    this.reportListeners.forEach((listener) => listener());
  }

  async load(): Promise<void> {
    if (!this.ready) return;
    const view = await this.buildView();
    this.report.view = view;
    this.report.rendered = undefined;
    this.panel.title = titleOf(this.target, view);
    const darkPage = vscode.workspace.getConfiguration('literatureCompanion').get<DarkPageMode>('excerpt.darkPage', 'dim');
    await this.post({ type: 'excerpt', view, darkPage });
    if (view.kind === 'excerpt' && this.pdfData) await this.post({ type: 'pdfData', data: this.pdfData });
    this.pdfData = undefined;
    this.notify();
  }

  private post(message: HostToWebview): Thenable<boolean> {
    return this.panel.webview.postMessage(message);
  }

  private async buildView(): Promise<ExcerptView> {
    const corpus = await this.corpus.get();
    const paper = corpus.papers.get(this.target.paper);
    if (!paper) return { kind: 'excerpt-unavailable', target: this.target, reason: 'unknown-paper', message: vscode.l10n.t('The paper "{0}" is not in the corpus.', this.target.paper) };
    this.pdfFile = this.library.find(paper.id);
    if (!this.pdfFile) {
      return {
        kind: 'excerpt-unavailable',
        target: this.target,
        paper: paperRefOf(paper),
        reason: 'pdf-missing',
        message: vscode.l10n.t('The PDF of this paper ({0}{1}) is not on this computer yet. Download the pinned version or attach a file you have; until then the stored quote below is shown as written in the corpus.', paper.id, paper.version),
      };
    }
    try {
      const { document, data } = await this.library.readWithBytes(this.pdfFile);
      this.pdfData = data;
      const anchor = anchorQuote(document.pages, { exact: this.target.quote, page: this.target.page });
      return excerptFound(this.target, paper, anchor, document.pageCount, path.basename(this.pdfFile), document.sha256);
    } catch (error) {
      const message = error instanceof PdfReadError ? error.message : `${this.pdfFile}: ${(error as Error).message}`;
      return { kind: 'excerpt-unavailable', target: this.target, paper: paperRefOf(paper), reason: 'pdf-error', message };
    }
  }

  private async receive(message: WebviewToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        await this.load();
        return;
      case 'runCommand':
        if (message.command === 'downloadPdfs') await vscode.commands.executeCommand('literatureCompanion.downloadPdfs');
        if (message.command === 'attachPdf') await vscode.commands.executeCommand('literatureCompanion.attachPdf', this.target.paper);
        return;
      case 'openPdfFile':
        if (this.pdfFile) await vscode.env.openExternal(vscode.Uri.file(this.pdfFile).with({ fragment: `page=${Number(message.page) || 1}` }));
        return;
      case 'pdfStarted':
        this.report.pdfStart = { mode: message.mode, ms: message.ms };
        this.notify();
        return;
      case 'excerptRendered':
        this.report.rendered = { page: message.page, highlights: message.highlights };
        this.notify();
        return;
      case 'copy':
        await vscode.env.clipboard.writeText(String(message.text));
        return;
      default:
        return;
    }
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}

function keyOf(target: ExcerptTarget): string {
  return `${target.paper}|${target.page}|${target.quote}`;
}

function titleOf(target: ExcerptTarget, view?: ExcerptView): string {
  const who = view?.paper ? `${view.paper.authorsShort} ${view.paper.year}` : `arXiv ${target.paper}`;
  const page = view?.kind === 'excerpt' ? view.page : target.page;
  return vscode.l10n.t('{0}, p. {1}', who, page);
}

/** An evidence tree node, a webview's target, or nothing (ask). */
export function excerptTargetOf(argument: unknown): ExcerptTarget | undefined {
  if (isExcerptTarget(argument)) return argument;
  const node = argument as EvidenceNode | undefined;
  if (node?.kind === 'evidence') {
    const evidence = node.link.evidence[node.index]!;
    return { paper: node.link.paper, quote: evidence.quote, page: evidence.page, challenge: node.link.challenge, source: evidence.source };
  }
  return undefined;
}

export function activateExcerpts(context: vscode.ExtensionContext, corpus: CorpusService, library: PdfLibrary): ExcerptPanels {
  const panels = new ExcerptPanels(context.extensionUri, corpus, library);
  context.subscriptions.push(
    panels,
    vscode.window.registerWebviewPanelSerializer(EXCERPT_VIEW_TYPE, { deserializeWebviewPanel: async (panel, state) => panels.restore(panel, state) }),
    vscode.commands.registerCommand('literatureCompanion.openExcerpt', (argument?: unknown) => {
      const target = excerptTargetOf(argument);
      return target && panels.open(target);
    }),
  );
  return panels;
}
