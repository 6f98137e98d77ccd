/**
 * The one message protocol between the extension host and its webviews. Both sides import these types;
 * nothing else is posted. The webview announces `ready` once its script runs, and only then gets `render`.
 */
import type { ExcerptTarget, ExcerptView } from '../core/excerpt/excerptView';
import type { PanelTarget, PanelView } from '../core/panels/panelModels';

export type { ExcerptTarget, ExcerptView, PanelTarget, PanelView };

export type DarkPageMode = 'dim' | 'invert' | 'off';

export type HostToWebview =
  | { readonly type: 'render'; readonly view: PanelView }
  | { readonly type: 'excerpt'; readonly view: ExcerptView; readonly darkPage: DarkPageMode }
  /** The PDF's bytes for pdf.js in the webview; sent after `excerpt` when a PDF is present. */
  | { readonly type: 'pdfData'; readonly data: Uint8Array };

/** Commands a webview may ask the host to run: an allow-list, never an arbitrary command id. */
export type AllowedCommand = 'downloadPdfs' | 'attachPdf' | 'attachPdfFolder';

export type WebviewToHost =
  | { readonly type: 'ready' }
  | { readonly type: 'open'; readonly target: PanelTarget }
  | { readonly type: 'openSourceFile'; readonly file: string }
  | { readonly type: 'copy'; readonly text: string }
  | { readonly type: 'openExcerpt'; readonly target: ExcerptTarget }
  | { readonly type: 'runCommand'; readonly command: AllowedCommand; readonly paper: string }
  | { readonly type: 'openPdfFile'; readonly page: number }
  /** How pdf.js started in the webview: its worker (from a blob: URL) or the main-thread fallback. */
  | { readonly type: 'pdfStarted'; readonly mode: 'worker' | 'main-thread'; readonly ms: number }
  | { readonly type: 'excerptRendered'; readonly page: number; readonly highlights: number };

/** Persisted with `vscode.setState` so a serializer can restore the panel after a window reload. */
export interface PanelState {
  readonly target: PanelTarget;
  readonly scrollY?: number;
}

export const PANEL_VIEW_TYPE = 'literatureCompanion.panel';
export const EXCERPT_VIEW_TYPE = 'literatureCompanion.excerpt';

/** Persisted by the excerpt webview: which quote, and where the person was reading. */
export interface ExcerptState {
  readonly target: ExcerptTarget;
  readonly page?: number;
  readonly zoom?: number;
}

export function isExcerptTarget(value: unknown): value is ExcerptTarget {
  if (typeof value !== 'object' || value === null) return false;
  const target = value as Partial<ExcerptTarget>;
  return typeof target.paper === 'string' && typeof target.quote === 'string' && typeof target.page === 'number';
}

export function isPanelTarget(value: unknown): value is PanelTarget {
  if (typeof value !== 'object' || value === null) return false;
  const target = value as { kind?: unknown; id?: unknown };
  if (target.kind === 'claim') return typeof target.id === 'string' && typeof (value as { document?: unknown }).document === 'string';
  return (target.kind === 'paper' || target.kind === 'challenge') && typeof target.id === 'string';
}
