/**
 * The message protocols between the extension host and its webviews, one module a webview: common.ts (the
 * `ready` handshake, shared checks), panel.ts, excerpt.ts, map.ts and viewer.ts (the PDF viewer). Both
 * sides import their webview's types; the host checks each inbound message with that webview's guard.
 * This module gathers the first four for the pages that import one place, and names their unions.
 */
import type { ExcerptToHost, HostToExcerpt } from './excerpt';
import type { HostToMap, MapToHost } from './map';
import type { HostToPanel, PanelToHost } from './panel';

export * from './common';
export * from './excerpt';
export * from './map';
export * from './panel';

/** What the host posts to the panel, excerpt and map pages. */
export type HostToWebview = HostToPanel | HostToExcerpt | HostToMap;
/** What those pages post to the host (each page only its own, checked by its guard). */
export type WebviewToHost = PanelToHost | ExcerptToHost | MapToHost;
