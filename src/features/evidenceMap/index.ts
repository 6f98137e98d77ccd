import * as vscode from 'vscode';
import type { Annotation } from '../../core/annotations';
import type { Claim } from '../../core/claims';
import { buildEvidenceMap, cellQuotes, mapClaimsFrom, type EvidenceMap, type MapClaim, type MapFilters } from '../../core/map/evidenceMap';
import { MAP_TEXT } from '../../core/map/mapText';
import { PRINT_PALETTE, renderMapSvg, sanitizePalette, type MapPalette } from '../../core/map/svg';
import { isMapFilters, isMapInbound, MAP_VIEW_TYPE, type HostToMap, type MapExportFormat, type MapState, type MapToHost } from '../../protocol/map';
import type { PanelManager } from '../../services/companionPanels';
import type { CorpusService } from '../../services/corpusService';
import { localized } from '../../services/localizedTexts';
import { MAP_WEBVIEW_TEXT } from '../../protocol/webviewText';
import { webviewPage } from '../../services/webviewPage';

/** Where the talk's claims come from; extension.ts hands in the claims service's. */
export interface TalkClaimsSource {
  readonly bundled: () => Promise<readonly Claim[]>;
  readonly annotations: () => Promise<readonly Annotation[]>;
  readonly onDidChange: vscode.Event<void>;
}

export interface EvidenceMapApi {
  /** The open map panel, if any (tests and the benchmark drive it). */
  readonly current: () => EvidenceMapPanel | undefined;
  open(filters?: MapFilters): Promise<EvidenceMapPanel>;
}

/** Slide size of the exports: 16:9. */
export const EXPORT_SIZE = { width: 1920, height: 1080 } as const;

/**
 * "Literature Companion: Open Evidence Map": one panel, restored after a reload with its filters. The
 * host builds the matrix (src/core/map) and the webview draws it; clicks come back as typed messages.
 */
export function activateEvidenceMap(context: vscode.ExtensionContext, corpus: CorpusService, panels: PanelManager, claims: TalkClaimsSource): EvidenceMapApi {
  let current: EvidenceMapPanel | undefined;
  const adopt = (panel: vscode.WebviewPanel, state: MapState | undefined) => {
    current?.panel.dispose();
    const created = new EvidenceMapPanel(panel, context.extensionUri, corpus, panels, claims, state);
    current = created;
    panel.onDidDispose(() => {
      if (current === created) current = undefined;
      created.dispose();
    });
    return created;
  };
  const api: EvidenceMapApi = {
    current: () => current,
    async open(filters) {
      if (current) {
        current.panel.reveal(undefined, false);
        if (filters) current.setFilters(filters);
        return current;
      }
      const panel = vscode.window.createWebviewPanel(MAP_VIEW_TYPE, vscode.l10n.t('Evidence Map'), vscode.ViewColumn.Active, panelOptions(context.extensionUri));
      return adopt(panel, filters ? { filters } : undefined);
    },
  };
  context.subscriptions.push(
    vscode.commands.registerCommand('literatureCompanion.openEvidenceMap', async (filters?: unknown) => {
      await api.open(isMapFilters(filters) ? filters : undefined);
    }),
    vscode.window.registerWebviewPanelSerializer(MAP_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
        panel.webview.options = panelOptions(context.extensionUri);
        const restored = state as Partial<MapState> | undefined;
        adopt(panel, restored && isMapFilters(restored.filters) ? { filters: restored.filters, selected: restored.selected } : undefined);
      },
    }),
    { dispose: () => current?.panel.dispose() },
  );
  return api;
}

function panelOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.joinPath(extensionUri, 'dist', 'webview')],
  };
}

export class EvidenceMapPanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private filters: MapFilters;
  private ready = false;
  private map?: EvidenceMap;
  private talkClaims?: Promise<MapClaim[]>;
  private pngRequest?: (message: Extract<MapToHost, { type: 'mapPng' }>) => void;
  private renderedListeners: ((rendered: { cells: number; ms: number }) => void)[] = [];
  /** When the panel was created: the benchmark's first paint counts from here. */
  readonly createdAt = performance.now();
  firstPaintMs?: number;
  /** From the panel's creation to the webview's `ready` (its page and script loaded). */
  readyMs?: number;
  /** The last build of the matrix model on the host. */
  lastBuildMs?: number;
  private prepared?: Promise<EvidenceMap>;

  constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly corpus: CorpusService,
    private readonly panels: PanelManager,
    private readonly claims: TalkClaimsSource,
    state: MapState | undefined,
  ) {
    this.filters = state?.filters ?? {};
    panel.iconPath = new vscode.ThemeIcon('table');
    panel.webview.html = webviewPage(panel.webview, {
      styles: [vscode.Uri.joinPath(extensionUri, 'media', 'map.css')],
      script: vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'map.js'),
      // The PNG export draws the SVG (a data: URL) on a canvas inside the webview.
      extraPolicy: (webview) => [`img-src ${webview.cspSource} data:`],
      loadingText: vscode.l10n.t('Loading the evidence map…'),
      texts: MAP_WEBVIEW_TEXT,
    });
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: unknown) => void (isMapInbound(message) && this.receive(message))),
      corpus.onDidChange(() => void this.render()),
      claims.onDidChange(() => {
        this.talkClaims = undefined;
        void this.render();
      }),
    );
    this.prepared = this.buildMap();
  }

  private loadClaims(): Promise<MapClaim[]> {
    this.talkClaims ??= Promise.all([this.claims.bundled(), this.claims.annotations()]).then(([bundled, annotations]) => mapClaimsFrom(bundled, annotations));
    return this.talkClaims;
  }

  get currentFilters(): MapFilters {
    return this.filters;
  }

  get currentMap(): EvidenceMap | undefined {
    return this.map;
  }

  setFilters(filters: MapFilters): void {
    this.filters = filters;
    this.prepared = undefined; // built for the old filters
    void this.render();
  }

  private async buildMap(): Promise<EvidenceMap> {
    const [corpus, claims] = await Promise.all([this.corpus.get(), this.loadClaims()]);
    const started = performance.now();
    const map = buildEvidenceMap(corpus, claims, this.filters);
    this.lastBuildMs = performance.now() - started;
    return map;
  }

  async render(): Promise<void> {
    if (!this.ready) return; // the `ready` handshake renders as soon as the script runs
    // The first map is built while the webview loads (see the constructor); later ones on demand.
    const prepared = this.prepared;
    this.prepared = undefined;
    this.map = await (prepared ?? this.buildMap());
    await this.post({ type: 'map', map: this.map, title: this.title() });
  }

  private title(): string {
    return vscode.l10n.t('Evidence map: the taxonomy against the papers');
  }

  /** Resolves when the webview has drawn the next map. */
  whenRendered(): Promise<{ cells: number; ms: number }> {
    return new Promise((resolve) => this.renderedListeners.push(resolve));
  }

  private post(message: HostToMap): Thenable<boolean> {
    return this.panel.webview.postMessage(message);
  }

  private async receive(message: MapToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.readyMs ??= performance.now() - this.createdAt;
        this.ready = true;
        await this.render();
        return;
      case 'mapRendered':
        this.firstPaintMs ??= performance.now() - this.createdAt;
        this.renderedListeners.splice(0).forEach((listener) => listener({ cells: message.cells, ms: message.ms }));
        return;
      case 'mapFilters':
        this.setFilters(message.filters);
        return;
      case 'mapCell':
        await this.showCell(message.challenge, message.paper);
        return;
      case 'open':
        this.panels.open(message.target);
        return;
      case 'openExcerpt':
        await vscode.commands.executeCommand('literatureCompanion.openExcerpt', message.target);
        return;
      case 'exportMap':
        await this.exportWithDialog(message.format, message.palette);
        return;
      case 'mapPng':
        this.pngRequest?.(message);
        return;
      default:
        return;
    }
  }

  private async showCell(challenge: string, paper: string): Promise<void> {
    const [corpus, claims] = await Promise.all([this.corpus.get(), this.loadClaims()]);
    await this.post({ type: 'mapQuotes', challenge, paper, quotes: cellQuotes(corpus, claims, challenge, paper) });
  }

  /** The current map as a slide-sized SVG, in the given (sanitised) theme colours or the print colours. */
  svg(palette?: Partial<MapPalette>): string {
    if (!this.map) throw new Error('the map has not been drawn yet');
    return renderMapSvg(this.map, palette ? sanitizePalette(palette) : PRINT_PALETTE, { ...EXPORT_SIZE, title: this.title(), texts: localized(MAP_TEXT) });
  }

  /** Writes the SVG or PNG of the current map to `file` (no dialog). */
  async exportTo(format: MapExportFormat, file: vscode.Uri, palette?: Partial<MapPalette>): Promise<void> {
    const svg = this.svg(palette);
    const bytes = format === 'svg' ? new TextEncoder().encode(svg) : await this.rasterize(svg);
    await vscode.workspace.fs.writeFile(file, bytes);
  }

  private rasterize(svg: string): Promise<Uint8Array> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the webview did not draw the PNG within 30 s')), 30_000);
      this.pngRequest = (answer) => {
        clearTimeout(timer);
        this.pngRequest = undefined;
        if (answer.data) resolve(Uint8Array.from(atob(answer.data), (char) => char.charCodeAt(0)));
        else reject(new Error(answer.error ?? 'the webview could not draw the PNG'));
      };
      void this.post({ type: 'rasterize', svg, ...EXPORT_SIZE });
    });
  }

  private async exportWithDialog(format: MapExportFormat, palette?: Partial<MapPalette>): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      title: vscode.l10n.t('Export Evidence Map'),
      defaultUri: folder ? vscode.Uri.joinPath(folder, `evidence-map.${format}`) : undefined,
      filters: format === 'svg' ? { SVG: ['svg'] } : { PNG: ['png'] },
      saveLabel: vscode.l10n.t('Export'),
    });
    if (!target) return;
    try {
      await this.exportTo(format, target, palette);
      void vscode.window.setStatusBarMessage(vscode.l10n.t('Evidence map exported to {0}', target.fsPath), 5000);
    } catch (error) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not export the evidence map to {0}: {1}', target.fsPath, (error as Error).message));
    }
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}
