/**
 * The one message protocol between the extension host and its webviews. Both sides import these types;
 * nothing else is posted. The webview announces `ready` once its script runs, and only then gets `render`.
 */
import type { ExcerptTarget, ExcerptView } from '../core/excerpt/excerptView';
import type { EvidenceMap, MapFilters, MapQuote } from '../core/map/model';
import type { MapPalette } from '../core/map/svg';
import type { PanelTarget, PanelView } from '../core/panels/panelModels';

export type { EvidenceMap, ExcerptTarget, ExcerptView, MapFilters, MapPalette, MapQuote, PanelTarget, PanelView };

export type DarkPageMode = 'dim' | 'invert' | 'off';

export type HostToWebview =
  | { readonly type: 'render'; readonly view: PanelView }
  | { readonly type: 'excerpt'; readonly view: ExcerptView; readonly darkPage: DarkPageMode }
  /** The PDF's bytes for pdf.js in the webview; sent after `excerpt` when a PDF is present. */
  | { readonly type: 'pdfData'; readonly data: Uint8Array }
  /** The evidence map to draw (built by the host from the corpus, the talk's claims and the filters). */
  | { readonly type: 'map'; readonly map: EvidenceMap; readonly title: string }
  /** The quotes behind the cell the person opened. */
  | { readonly type: 'mapQuotes'; readonly challenge: string; readonly paper: string; readonly quotes: readonly MapQuote[] }
  /** Draw this SVG on a canvas and answer with `mapPng` (the PNG export; the host has no canvas). */
  | { readonly type: 'rasterize'; readonly svg: string; readonly width: number; readonly height: number };

/** Commands a webview may ask the host to run: an allow-list, never an arbitrary command id. */
export type AllowedCommand = 'downloadPdfs' | 'attachPdf';

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
  | { readonly type: 'excerptRendered'; readonly page: number; readonly highlights: number }
  | { readonly type: 'mapFilters'; readonly filters: MapFilters }
  | { readonly type: 'mapCell'; readonly challenge: string; readonly paper: string }
  /** Export the current map; without a palette, in the print colours. */
  | { readonly type: 'exportMap'; readonly format: MapExportFormat; readonly palette?: Partial<MapPalette> }
  /** The PNG of a `rasterize` request, base64, or why it failed. */
  | { readonly type: 'mapPng'; readonly data?: string; readonly error?: string }
  /** The map is on screen: `cells` drawn, `ms` from the message's arrival to the next frame. */
  | { readonly type: 'mapRendered'; readonly cells: number; readonly ms: number };

export type MapExportFormat = 'svg' | 'png';

export const MAP_VIEW_TYPE = 'literatureCompanion.evidenceMap';

/** Persisted by the map webview: what was filtered and folded, and which cell was open. */
export interface MapState {
  readonly filters: MapFilters;
  readonly selected?: { readonly challenge: string; readonly paper: string };
}

const MAP_VERDICTS = ['supports', 'partially-supports', 'contradicts', 'not-addressed'];
const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

/** Filters from a webview or a restored state: only the known fields, of the right types. */
export function isMapFilters(value: unknown): value is MapFilters {
  if (typeof value !== 'object' || value === null) return false;
  const filters = value as Record<string, unknown>;
  if (filters.verdicts !== undefined && !(isStringList(filters.verdicts) && filters.verdicts.every((verdict) => MAP_VERDICTS.includes(verdict)))) return false;
  if (filters.papers !== undefined && !isStringList(filters.papers)) return false;
  if (filters.collapsed !== undefined && !isStringList(filters.collapsed)) return false;
  return filters.onlyCited === undefined || typeof filters.onlyCited === 'boolean';
}

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
