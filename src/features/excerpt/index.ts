import * as path from 'node:path';
import * as vscode from 'vscode';
import { excerptFound, paperRefOf, type ExcerptTarget, type ExcerptView } from '../../core/excerpt/excerptView';
import { EXCERPT_STATUS_TEXT } from '../../core/excerpt/statusText';
import { anchorQuote } from '../../core/pdf/anchor';
import { PdfReadError } from '../../core/pdf/pdfErrors';
import type { EvidenceNode } from '../../core/tree/corpusTree';
import type { DarkPageMode } from '../../protocol/common';
import { EXCERPT_VIEW_TYPE, isExcerptInbound, isExcerptTarget, type ExcerptState, type ExcerptToHost, type HostToExcerpt, type RenderedPage } from '../../protocol/excerpt';
import type { CorpusService } from '../../services/corpusService';
import { localized } from '../../services/localizedTexts';
import type { PdfLibrary } from '../../services/pdfLibrary';
import { WebviewPanelRegistry, WebviewPanels } from '../../services/webviewPanels';
import { excerptHtml } from './excerptHtml';

/** What the excerpt panel last reported, for tests and the benchmark. */
export interface ExcerptReport {
  view?: ExcerptView;
  pdfStart?: { mode: 'worker' | 'main-thread'; ms: number };
  rendered?: { page: number; highlights: number; pages: readonly RenderedPage[] };
}

/** Excerpt panels: a stored quote found in its PDF, the page rendered with the quote highlighted. */
export class ExcerptPanels extends WebviewPanels<ExcerptTarget, ExcerptPanel> {
  // The PDF reaches the webview as bytes in a message, so no PDF folder needs to be readable by it.
  protected readonly registry: WebviewPanelRegistry<ExcerptTarget, ExcerptPanel>;

  constructor(extensionUri: vscode.Uri, corpus: CorpusService, library: PdfLibrary) {
    super();
    this.registry = new WebviewPanelRegistry<ExcerptTarget, ExcerptPanel>({
      viewType: EXCERPT_VIEW_TYPE,
      extensionUri,
      keyOf,
      titleOf: (target) => titleOf(target),
      targetOfState: (state) => {
        const target = (state as ExcerptState | undefined)?.target;
        return isExcerptTarget(target) ? target : undefined;
      },
      create: (panel, target) => new ExcerptPanel(panel, target, extensionUri, corpus, library),
    });
    this.disposables.push(this.registry, library.onDidChange((paper) => this.openPanels.forEach((panel) => panel.target.paper === paper && void panel.load())));
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
    // Checked, not cast: a message of the wrong shape or meant for another page is dropped.
    this.disposables.push(panel.webview.onDidReceiveMessage((message: unknown) => void (isExcerptInbound(message) && this.receive(message))));
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

  private post(message: HostToExcerpt): Thenable<boolean> {
    return this.panel.webview.postMessage(message);
  }

  private async buildView(): Promise<ExcerptView> {
    const corpus = await this.corpus.get();
    const paper = corpus.papers.get(this.target.paper);
    if (!paper) return { kind: 'excerpt-unavailable', target: this.target, reason: 'unknown-paper', message: vscode.l10n.t('The paper "{0}" is not in the corpus.', this.target.paper) };
    this.pdfFile = await this.library.locate(paper.id);
    if (!this.pdfFile) {
      return {
        kind: 'excerpt-unavailable',
        target: this.target,
        paper: paperRefOf(paper),
        reason: 'pdf-missing',
        message: vscode.l10n.t('The PDF of this paper ({0}{1}) is not on this computer yet. Download the pinned version, attach the file, or attach a folder of PDFs you have; until then the stored quote below is shown as written in the corpus.', paper.id, paper.version),
      };
    }
    try {
      const { document, data } = await this.library.readWithBytes(this.pdfFile);
      this.pdfData = data;
      const anchor = anchorQuote(document.pages, { exact: this.target.quote, page: this.target.page });
      return excerptFound(this.target, paper, anchor, document.pageCount, path.basename(this.pdfFile), document.sha256, localized(EXCERPT_STATUS_TEXT));
    } catch (error) {
      const message = error instanceof PdfReadError ? error.message : `${this.pdfFile}: ${(error as Error).message}`;
      return { kind: 'excerpt-unavailable', target: this.target, paper: paperRefOf(paper), reason: 'pdf-error', message };
    }
  }

  private async receive(message: ExcerptToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        await this.load();
        return;
      case 'runCommand':
        if (message.command === 'downloadPdfs') await vscode.commands.executeCommand('literatureCompanion.downloadPdfs');
        if (message.command === 'attachPdf') await vscode.commands.executeCommand('literatureCompanion.attachPdf', this.target.paper);
        if (message.command === 'attachPdfFolder') await vscode.commands.executeCommand('literatureCompanion.attachPdfFolder');
        return;
      case 'openPdfFile': {
        // The PDF viewer (its own feature) by command: at the page shown, with the quote marked when it is on it.
        if (!this.pdfFile || !Number.isInteger(message.page) || message.page < 1) return;
        const view = this.report.view;
        const quote = view?.kind === 'excerpt' && view.status !== 'not-found' && view.page === message.page ? this.target.quote : undefined;
        await vscode.commands.executeCommand('literatureCompanion.openPdfViewer', { file: this.pdfFile, page: message.page, quote, beside: true });
        return;
      }
      case 'pdfStarted':
        this.report.pdfStart = { mode: message.mode, ms: message.ms };
        this.notify();
        return;
      case 'excerptRendered':
        this.report.rendered = { page: message.page, highlights: message.highlights, pages: message.pages };
        this.notify();
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
  const panels = new ExcerptPanels(context.extensionUri, corpus, library).register(context);
  context.subscriptions.push(
    vscode.commands.registerCommand('literatureCompanion.openExcerpt', (argument?: unknown) => {
      const target = excerptTargetOf(argument);
      return target && panels.open(target);
    }),
  );
  return panels;
}
