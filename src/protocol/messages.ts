/**
 * The one message protocol between the extension host and its webviews. Both sides import these types;
 * nothing else is posted. The webview announces `ready` once its script runs, and only then gets `render`.
 */
import type { ExcerptTarget, ExcerptView } from '../core/excerpt/excerptView';
import type { EvidenceMap, MapFilters, MapQuote } from '../core/map/model';
import type { MapPalette } from '../core/map/svg';
import type { PanelTarget, PanelView } from '../core/panels/panelViews';

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
  /**
   * The excerpt webview drew its page(s): `page` is the first drawn, `highlights` the boxes on all of them,
   * `pages` each drawn page with its boxes (a quote across a page break draws and highlights both).
   */
  | { readonly type: 'excerptRendered'; readonly page: number; readonly highlights: number; readonly pages: readonly RenderedPage[] }
  | { readonly type: 'mapFilters'; readonly filters: MapFilters }
  | { readonly type: 'mapCell'; readonly challenge: string; readonly paper: string }
  /** Export the current map; without a palette, in the print colours. */
  | { readonly type: 'exportMap'; readonly format: MapExportFormat; readonly palette?: Partial<MapPalette> }
  /** The PNG of a `rasterize` request, base64, or why it failed. */
  | { readonly type: 'mapPng'; readonly data?: string; readonly error?: string }
  /** The map is on screen: `cells` drawn, `ms` from the message's arrival to the next frame. */
  | { readonly type: 'mapRendered'; readonly cells: number; readonly ms: number };

/** One page the excerpt webview drew, with how many highlight boxes it put on it. */
export interface RenderedPage {
  readonly page: number;
  readonly highlights: number;
}

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

/*
 * Inbound guards. A webview is a page that renders corpus text: if a bug ever let content run script
 * there, every message it posts is the attacker's. So the host checks each message's shape (never a cast)
 * and each webview may send only the messages its own page sends.
 */
type MessageOf<T extends WebviewToHost['type']> = Extract<WebviewToHost, { type: T }>;
export type PanelInbound = MessageOf<'ready' | 'open' | 'openSourceFile' | 'copy' | 'openExcerpt'>;
export type ExcerptInbound = MessageOf<'ready' | 'runCommand' | 'openPdfFile' | 'pdfStarted' | 'excerptRendered' | 'copy'>;

/** Longer than any quote or summary a person would copy; a bound on what the clipboard is handed. */
const MAX_COPY_CHARS = 1_000_000;
const ALLOWED_COMMANDS: readonly AllowedCommand[] = ['downloadPdfs', 'attachPdf'];

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isPage = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 100_000;
const isShortText = (value: unknown, max = 10_000): value is string => typeof value === 'string' && value.length <= max;

/** An excerpt target as the panel's "Show in PDF" button sends it. */
export function isSafeExcerptTarget(value: unknown): value is ExcerptTarget {
  if (!isRecord(value) || !isExcerptTarget(value) || !isPage(value.page) || !isShortText(value.paper, 200) || !isShortText(value.quote)) return false;
  if (value.challenge !== undefined && !isShortText(value.challenge, 200)) return false;
  return value.source === undefined || value.source === 'pdf' || value.source === 'transcription';
}

/** The panel links papers and challenges only; a claim panel is opened by the host, never by a page. */
function isLinkTarget(value: unknown): value is PanelTarget {
  if (!isRecord(value) || !isPanelTarget(value) || value.kind === 'claim' || !isShortText(value.id, 200)) return false;
  const focus = (value as Record<string, unknown>).focus;
  if (focus === undefined) return true;
  return value.kind === 'challenge' && isRecord(focus) && isShortText(focus.paper, 200) && Number.isInteger(focus.quote) && (focus.quote as number) >= 0;
}

export function isPanelInbound(value: unknown): value is PanelInbound {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'ready':
      return true;
    case 'open':
      return isLinkTarget(value.target);
    case 'openSourceFile':
      return isShortText(value.file, 4096);
    case 'copy':
      return isShortText(value.text, MAX_COPY_CHARS);
    case 'openExcerpt':
      return isSafeExcerptTarget(value.target);
    default:
      return false;
  }
}

export function isExcerptInbound(value: unknown): value is ExcerptInbound {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'ready':
      return true;
    case 'runCommand':
      return ALLOWED_COMMANDS.includes(value.command as AllowedCommand) && isShortText(value.paper, 200);
    case 'openPdfFile':
      return isPage(value.page);
    case 'pdfStarted':
      return (value.mode === 'worker' || value.mode === 'main-thread') && typeof value.ms === 'number' && Number.isFinite(value.ms);
    case 'excerptRendered':
      return isPage(value.page) && Number.isInteger(value.highlights) && (value.highlights as number) >= 0;
    case 'copy':
      return isShortText(value.text, MAX_COPY_CHARS);
    default:
      return false;
  }
}
