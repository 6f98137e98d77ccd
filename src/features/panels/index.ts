import * as vscode from 'vscode';
import type { EvidenceNode, TreeNode } from '../../core/tree/corpusTree';
import { buildPanelView, type PanelTarget, type PanelView } from '../../core/panels/panelModels';
import { displayLine } from '../../core/render/untrustedText';
import { isPanelTarget, PANEL_VIEW_TYPE, type HostToWebview, type PanelState, type WebviewToHost } from '../../protocol/messages';
import type { CorpusService } from '../../services/corpusService';
import { panelHtml } from './panelHtml';

/** Paper and challenge panels: one per target, reused when opened again, restored after a reload. */
/** Builds the view of targets that do not come from the corpus alone (claims). */
export type ViewResolver = (target: PanelTarget) => Promise<PanelView | undefined>;

export class PanelManager implements vscode.Disposable {
  private readonly panels = new Map<string, CompanionPanel>();
  private resolver: ViewResolver = async () => undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly corpus: CorpusService,
  ) {
    this.disposables.push(corpus.onDidChange(() => this.panels.forEach((panel) => void panel.render())));
  }

  setViewResolver(resolver: ViewResolver): void {
    this.resolver = resolver;
  }

  /** Re-renders open panels of one kind (e.g. claims after an annotation changed). */
  refresh(kind: PanelTarget['kind']): void {
    this.panels.forEach((panel) => panel.target.kind === kind && void panel.render());
  }

  open(target: PanelTarget): CompanionPanel {
    const existing = this.panels.get(keyOf(target));
    if (existing) {
      existing.retarget(target);
      existing.panel.reveal(undefined, false);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, titleOf(target), vscode.ViewColumn.Active, this.options());
    return this.adopt(panel, target);
  }

  /** Called by the serializer with a panel VS Code recreated after a reload. */
  restore(panel: vscode.WebviewPanel, state: unknown): void {
    const target = (state as PanelState | undefined)?.target;
    if (!isPanelTarget(target)) {
      panel.dispose();
      return;
    }
    panel.webview.options = this.options();
    this.adopt(panel, target);
  }

  get openPanels(): readonly CompanionPanel[] {
    return [...this.panels.values()];
  }

  private options(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    // Scripts run only our bundled webview script (CSP + nonce); only media/ and dist/webview are readable.
    return {
      enableScripts: true,
      enableCommandUris: false,
      // The corpus folder too: summaries may show images stored beside their Markdown files.
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'media'), vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview'), vscode.Uri.file(this.corpus.root())],
    };
  }

  private adopt(panel: vscode.WebviewPanel, target: PanelTarget): CompanionPanel {
    const companion = new CompanionPanel(panel, target, this.extensionUri, this.corpus, (next) => this.open(next), (next) => this.resolver(next));
    this.panels.set(keyOf(target), companion);
    panel.onDidDispose(() => {
      if (this.panels.get(keyOf(companion.target)) === companion) this.panels.delete(keyOf(companion.target));
      companion.dispose();
    });
    return companion;
  }

  dispose(): void {
    this.panels.forEach((panel) => panel.panel.dispose());
    this.disposables.forEach((d) => d.dispose());
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
    this.disposables.push(panel.webview.onDidReceiveMessage((message: WebviewToHost) => void this.receive(message)));
  }

  retarget(target: PanelTarget): void {
    this.target = target;
    void this.render();
  }

  async render(): Promise<void> {
    if (!this.ready) return; // the `ready` handshake renders as soon as the script runs
    const imageUrl = (file: string) => this.panel.webview.asWebviewUri(vscode.Uri.file(file)).toString();
    const view = (await this.resolve(this.target)) ?? buildPanelView(await this.corpus.get(), this.target, imageUrl);
    this.panel.title = panelTitle(view, this.target);
    const message: HostToWebview = { type: 'render', view };
    await this.panel.webview.postMessage(message);
    this.renderedListeners.splice(0).forEach((listener) => listener());
  }

  /** Resolves after the next render has been posted to the webview. */
  whenRendered(): Promise<void> {
    return new Promise((resolve) => this.renderedListeners.push(resolve));
  }

  private async receive(message: WebviewToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        await this.render();
        return;
      case 'open':
        if (isPanelTarget(message.target)) this.openTarget(message.target);
        return;
      case 'openSourceFile': {
        const corpus = await this.corpus.get();
        // Only files that belong to the corpus: the webview must not be able to open arbitrary paths.
        const known = [...corpus.papers.values(), ...corpus.challenges.values()].some((item) => item.file === message.file);
        if (known) await vscode.window.showTextDocument(vscode.Uri.file(message.file), { viewColumn: vscode.ViewColumn.Beside });
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

/** The command arguments a tree item or a person (palette) may pass, turned into a target. */
export async function pickTarget(kind: 'paper' | 'challenge', argument: unknown, corpus: CorpusService): Promise<PanelTarget | undefined> {
  if (typeof argument === 'string') return { kind, id: argument };
  const node = argument as TreeNode | undefined;
  if (node?.kind === 'paper' && kind === 'paper') return { kind, id: node.paper.id };
  if (node?.kind === 'challenge' && kind === 'challenge') return { kind, id: node.challenge.id };
  if (node?.kind === 'paper' && kind === 'challenge' && node.challenge) return { kind, id: node.challenge.id };
  if (node?.kind === 'challenge' && kind === 'paper' && node.paper) return { kind, id: node.paper.id };
  const loaded = await corpus.get();
  const items =
    kind === 'paper'
      ? [...loaded.papers.values()].map((paper) => ({ label: displayLine(paper.title, 200), description: `${paper.year} · arXiv ${displayLine(paper.id, 40)}`, id: paper.id }))
      : [...loaded.challenges.values()].map((challenge) => ({ label: displayLine(`§${challenge.id} ${challenge.title}`, 200), description: '', id: challenge.id }));
  const picked = await vscode.window.showQuickPick(items, { title: kind === 'paper' ? vscode.l10n.t('Open paper summary') : vscode.l10n.t('Open challenge'), matchOnDescription: true });
  return picked && { kind, id: picked.id };
}

/** Evidence opens the challenge panel focused on that quote (the PDF excerpt panel builds on this). */
export function evidenceTarget(node: EvidenceNode): PanelTarget {
  return { kind: 'challenge', id: node.link.challenge, focus: { paper: node.link.paper, quote: node.index } };
}

export function activatePanels(context: vscode.ExtensionContext, corpus: CorpusService): PanelManager {
  const manager = new PanelManager(context.extensionUri, corpus);
  context.subscriptions.push(
    manager,
    vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state) => manager.restore(panel, state),
    }),
    vscode.commands.registerCommand('literatureCompanion.openPaper', async (argument?: unknown) => {
      const target = await pickTarget('paper', argument, corpus);
      return target && manager.open(target);
    }),
    vscode.commands.registerCommand('literatureCompanion.openChallenge', async (argument?: unknown) => {
      const target = await pickTarget('challenge', argument, corpus);
      return target && manager.open(target);
    }),
    vscode.commands.registerCommand('literatureCompanion.openEvidence', (node?: EvidenceNode) => node?.kind === 'evidence' && manager.open(evidenceTarget(node))),
  );
  return manager;
}
