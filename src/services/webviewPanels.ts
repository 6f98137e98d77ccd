import * as vscode from 'vscode';

/** What a registry keeps per open panel: the panel and whatever drives its content. */
export interface PanelContent<Target> extends vscode.Disposable {
  readonly panel: vscode.WebviewPanel;
  readonly target: Target;
  /** Called when the same key is opened again with a (possibly more specific) target. */
  retarget?(target: Target): void;
}

export interface WebviewPanelSpec<Target, Content extends PanelContent<Target>> {
  readonly viewType: string;
  readonly extensionUri: vscode.Uri;
  /** Folders the webview may read besides media/ and dist/webview (e.g. the corpus, for summary images). */
  readonly resourceRoots?: () => vscode.Uri[];
  /** One panel per key: opening the same key again reveals (and retargets) it. */
  readonly keyOf: (target: Target) => string;
  readonly titleOf: (target: Target) => string;
  /** The target saved in a restored panel's state, if it is one (state comes from the webview: check it). */
  readonly targetOfState: (state: unknown) => Target | undefined;
  /** Builds the content of a new or restored panel (sets its html, listens to its messages). */
  readonly create: (panel: vscode.WebviewPanel, target: Target) => Content;
}

/**
 * The one lifecycle every webview panel of the extension shares (after GitLens' registerWebviewPanel):
 * open or reveal by key, restore after a reload through the serializer, the same options (scripts only
 * from our bundles; media/ and dist/webview readable), and clean-up on close.
 */
export class WebviewPanelRegistry<Target, Content extends PanelContent<Target>> implements vscode.Disposable {
  private readonly contents = new Map<string, Content>();

  constructor(private readonly spec: WebviewPanelSpec<Target, Content>) {}

  /** Registers the serializer that brings panels back after a window reload. */
  register(context: vscode.ExtensionContext): this {
    context.subscriptions.push(
      this,
      vscode.window.registerWebviewPanelSerializer(this.spec.viewType, { deserializeWebviewPanel: async (panel, state) => void this.restore(panel, state) }),
    );
    return this;
  }

  open(target: Target): Content {
    const existing = this.contents.get(this.spec.keyOf(target));
    if (existing) {
      existing.retarget?.(target);
      existing.panel.reveal(undefined, false);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(this.spec.viewType, this.spec.titleOf(target), vscode.ViewColumn.Active, this.options());
    return this.adopt(panel, target);
  }

  /** A panel VS Code recreated after a reload: adopted when its saved state names a valid target. */
  restore(panel: vscode.WebviewPanel, state: unknown): Content | undefined {
    const target = this.spec.targetOfState(state);
    if (target === undefined) {
      panel.dispose();
      return undefined;
    }
    panel.webview.options = this.options();
    return this.adopt(panel, target);
  }

  get openPanels(): readonly Content[] {
    return [...this.contents.values()];
  }

  private options(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    // Scripts run only our bundled webview scripts (CSP + nonce); only media/ and dist/webview are readable.
    const root = this.spec.extensionUri;
    const extra = this.spec.resourceRoots?.() ?? [];
    return { enableScripts: true, enableCommandUris: false, localResourceRoots: [vscode.Uri.joinPath(root, 'media'), vscode.Uri.joinPath(root, 'dist', 'webview'), ...extra] };
  }

  private adopt(panel: vscode.WebviewPanel, target: Target): Content {
    const content = this.spec.create(panel, target);
    const key = this.spec.keyOf(target);
    this.contents.set(key, content);
    panel.onDidDispose(() => {
      if (this.contents.get(key) === content) this.contents.delete(key);
      content.dispose();
    });
    return content;
  }

  dispose(): void {
    this.contents.forEach((content) => content.panel.dispose());
  }
}

/**
 * A feature's panels of one view type: the registry's lifecycle (register, open, restore, the open panels,
 * disposal) as the feature's own API, so each feature adds only what is its own.
 */
export abstract class WebviewPanels<Target, Content extends PanelContent<Target>> implements vscode.Disposable {
  protected readonly disposables: vscode.Disposable[] = [];
  protected abstract readonly registry: WebviewPanelRegistry<Target, Content>;

  /** Registers the serializer that restores the panels after a reload. */
  register(context: vscode.ExtensionContext): this {
    this.registry.register(context);
    context.subscriptions.push(this);
    return this;
  }

  open(target: Target): Content {
    return this.registry.open(target);
  }

  /** Called by the serializer with a panel VS Code recreated after a reload. */
  restore(panel: vscode.WebviewPanel, state: unknown): void {
    this.registry.restore(panel, state);
  }

  get openPanels(): readonly Content[] {
    return this.registry.openPanels;
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}
