/** Messages between the host and the evidence map (challenges × papers). */
import type { EvidenceMap, MapFilters, MapQuote } from '../core/map/model';
import type { MapPalette } from '../core/map/svg';
import type { ExcerptTarget } from '../core/excerpt/excerptView';
import type { PanelTarget } from '../core/panels/panelViews';
import { inboundGuard, isCount, isDuration, isReady, isRecord, isShortText, type ReadyMessage } from './common';
import { linkChecks } from './panel';

export type { EvidenceMap, MapFilters, MapPalette, MapQuote };

export const MAP_VIEW_TYPE = 'literatureCompanion.evidenceMap';

export type MapExportFormat = 'svg' | 'png';

export type HostToMap =
  /** The evidence map to draw (built by the host from the corpus, the talk's claims and the filters). */
  | { readonly type: 'map'; readonly map: EvidenceMap; readonly title: string }
  /** The quotes behind the cell the person opened. */
  | { readonly type: 'mapQuotes'; readonly challenge: string; readonly paper: string; readonly quotes: readonly MapQuote[] }
  /** Draw this SVG on a canvas and answer with `mapPng` (the PNG export; the host has no canvas). */
  | { readonly type: 'rasterize'; readonly svg: string; readonly width: number; readonly height: number };

export type MapToHost =
  | ReadyMessage
  | { readonly type: 'open'; readonly target: PanelTarget }
  | { readonly type: 'openExcerpt'; readonly target: ExcerptTarget }
  | { readonly type: 'mapFilters'; readonly filters: MapFilters }
  | { readonly type: 'mapCell'; readonly challenge: string; readonly paper: string }
  /** Export the current map; without a palette, in the print colours. */
  | { readonly type: 'exportMap'; readonly format: MapExportFormat; readonly palette?: Partial<MapPalette> }
  /** The PNG of a `rasterize` request, base64, or why it failed. */
  | { readonly type: 'mapPng'; readonly data?: string; readonly error?: string }
  /** The map is on screen: `cells` drawn, `ms` from the message's arrival to the next frame. */
  | { readonly type: 'mapRendered'; readonly cells: number; readonly ms: number };

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

/** A PNG as base64: bounded (a 1920×1080 map is well under it), the host decodes nothing else. */
const MAX_PNG_CHARS = 50_000_000;

/** The host's check of everything the map page posts. */
export const isMapInbound = inboundGuard<MapToHost>({
  ready: isReady,
  ...linkChecks,
  mapFilters: (message) => isMapFilters(message.filters),
  mapCell: (message) => isShortText(message.challenge, 200) && isShortText(message.paper, 200),
  exportMap: (message) => (message.format === 'svg' || message.format === 'png') && (message.palette === undefined || isRecord(message.palette)),
  mapPng: (message) => (message.data === undefined || isShortText(message.data, MAX_PNG_CHARS)) && (message.error === undefined || isShortText(message.error)),
  mapRendered: (message) => isCount(message.cells) && isDuration(message.ms),
});
