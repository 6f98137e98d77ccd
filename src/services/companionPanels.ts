import * as vscode from 'vscode';
import { buildPanelView, mayOpenFromPanel, PANEL_MODEL_TEXT, type PanelTarget, type PanelView } from '../core/panels/panelModels';
import { isPanelInbound, isPanelTarget, PANEL_VIEW_TYPE, type HostToPanel, type PanelToHost, type PanelState } from '../protocol/panel';
import type { CorpusService } from './corpusService';
import { displayLine } from '../core/render/untrustedText';
import { PANEL_TEXT } from '../protocol/webviewText';
import { localized } from './localizedTexts';
import { webviewPage } from './webviewPage';
import { uriOfPath } from './workspacePaths';
import { WebviewPanelRegistry, WebviewPanels } from './webviewPanels';

/** Paper and challenge panels: one per target, reused when opened again, restored after a reload. */
/** Builds the view of targets that do not come from the corpus alone (claims). */
export type ViewResolver = (target: PanelTarget) => Promise<PanelView | undefined>;

export class PanelManager extends WebviewPanels<PanelTarget, CompanionPanel> {
  private resolver: ViewResolver = async () => undefined;
  protected readonly registry: WebviewPanelRegistry<PanelTarget, CompanionPanel>;

  constructor(extensionUri: vscode.Uri, corpus: CorpusService) {
    super();
    this.registry = new WebviewPanelRegistry<PanelTarget, CompanionPanel>({
      viewType: PANEL_VIEW_TYPE,
      extensionUri,
      // The corpus folder too: summaries may show images stored beside their Markdown files.
      resourceRoots: () => [uriOfPath(corpus.root())],
      keyOf,
      titleOf,
      targetOfState: (state) => {
        const target = (state as PanelState | undefined)?.target;
        return isPanelTarget(target) ? target : undefined;
      },
      create: (panel, target) => new CompanionPanel(panel, target, extensionUri, corpus, (next) => this.open(next), (next) => this.resolver(next)),
    });
    this.disposables.push(this.registry, corpus.onDidChange(() => this.openPanels.forEach((panel) => void panel.render())));
  }

  setViewResolver(resolver: ViewResolver): void {
    this.resolver = resolver;
  }

  /** Re-renders open panels of one kind (e.g. claims after an annotation changed). */
  refresh(kind: PanelTarget['kind']): void {
    this.openPanels.forEach((panel) => panel.target.kind === kind && void panel.render());
  }
}

export class CompanionPanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  /** Resolves each time the webview confirms a render; tests and commands can await it. */
  private renderedListeners: (() => void)[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    public target: PanelTarget,
    extensionUri: vscode.Uri,
    private readonly corpus: CorpusService,
    private readonly openTarget: (target: PanelTarget) => void,
    private readonly resolve: ViewResolver,
  ) {
    panel.webview.html = panelHtml(panel.webview, extensionUri);
    panel.iconPath = new vscode.ThemeIcon(target.kind === 'paper' ? 'book' : target.kind === 'claim' ? 'comment-discussion' : 'list-tree');
    // Checked, not cast: a message of the wrong shape or meant for another page is dropped.
    this.disposables.push(panel.webview.onDidReceiveMessage((message: unknown) => void (isPanelInbound(message) && this.receive(message))));
  }

  retarget(target: PanelTarget): void {
    this.target = target;
    void this.render();
  }

  async render(): Promise<void> {
    if (!this.ready) return; // the `ready` handshake renders as soon as the script runs
    const imageUrl = (file: string) => this.panel.webview.asWebviewUri(uriOfPath(file)).toString();
    const view = (await this.resolve(this.target)) ?? buildPanelView(await this.corpus.get(), this.target, imageUrl, localized(PANEL_MODEL_TEXT));
    this.panel.title = panelTitle(view, this.target);
    const message: HostToPanel = { type: 'render', view };
    await this.panel.webview.postMessage(message);
    this.renderedListeners.splice(0).forEach((listener) => listener());
  }

  /** Resolves after the next render has been posted to the webview. */
  whenRendered(): Promise<void> {
    return new Promise((resolve) => this.renderedListeners.push(resolve));
  }

  private async receive(message: PanelToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        await this.render();
        return;
      case 'open':
        if (mayOpenFromPanel(await this.corpus.get(), message.target)) this.openTarget(message.target);
        return;
      case 'openSourceFile': {
        const corpus = await this.corpus.get();
        // Only files that belong to the corpus: the webview must not be able to open arbitrary paths.
        const known = [...corpus.papers.values(), ...corpus.challenges.values()].some((item) => item.file === message.file);
        if (known) await vscode.window.showTextDocument(uriOfPath(message.file), { viewColumn: vscode.ViewColumn.Beside });
        return;
      }
      case 'copy':
        await vscode.env.clipboard.writeText(String(message.text));
        void vscode.window.setStatusBarMessage(vscode.l10n.t('Copied to the clipboard'), 2000);
        return;
      case 'openExcerpt':
        await vscode.commands.executeCommand('literatureCompanion.openExcerpt', message.target);
        return;
      default:
        return;
    }
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}

/** A tab title: one short line of untrusted text. */
function panelTitle(view: PanelView, target: PanelTarget): string {
  switch (view.kind) {
    case 'paper':
      return displayLine(`${view.paper.authorsShort} ${view.paper.year}: ${view.paper.title}`, 80);
    case 'challenge':
      return displayLine(`§${view.challenge.id} ${view.challenge.title}`, 80);
    case 'claim':
      return vscode.l10n.t('Claim: {0}', displayLine(view.text, 40));
    default:
      return titleOf(target);
  }
}

function keyOf(target: PanelTarget): string {
  return `${target.kind}:${target.id}`;
}

function titleOf(target: PanelTarget): string {
  if (target.kind === 'claim') return vscode.l10n.t('Claim');
  return target.kind === 'paper' ? `arXiv ${target.id}` : `§${target.id}`;
}


/** The paper/challenge panel page: panel.js renders whatever the host posts. */
export function panelHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  return webviewPage(webview, {
    styles: [vscode.Uri.joinPath(extensionUri, 'media', 'panel.css')],
    script: vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'panel.js'),
    loadingText: vscode.l10n.t('Loading…'),
    texts: PANEL_TEXT,
  });
}
