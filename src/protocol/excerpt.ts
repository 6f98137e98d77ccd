/** Messages between the host and the excerpt panel (a quote on its PDF page, drawn by pdf.js). */
import type { ExcerptTarget, ExcerptView } from '../core/excerpt/excerptView';
import { inboundGuard, isCount, isPage, isPdfStarted, isReady, isRecord, isShortText, type DarkPageMode, type PdfStartedMessage, type ReadyMessage } from './common';

export type { ExcerptTarget, ExcerptView };

export const EXCERPT_VIEW_TYPE = 'literatureCompanion.excerpt';

export type HostToExcerpt =
  | { readonly type: 'excerpt'; readonly view: ExcerptView; readonly darkPage: DarkPageMode }
  /** The PDF's bytes for pdf.js in the webview; sent after `excerpt` when a PDF is present. */
  | { readonly type: 'pdfData'; readonly data: Uint8Array };

/** Commands the excerpt page may ask the host to run: an allow-list, never an arbitrary command id. */
export type AllowedCommand = 'downloadPdfs' | 'attachPdf' | 'attachPdfFolder';
const ALLOWED_COMMANDS: readonly AllowedCommand[] = ['downloadPdfs', 'attachPdf', 'attachPdfFolder'];

/** One page the excerpt webview drew, with how many highlight boxes it put on it. */
export interface RenderedPage {
  readonly page: number;
  readonly highlights: number;
}

export type ExcerptToHost =
  | ReadyMessage
  | { readonly type: 'runCommand'; readonly command: AllowedCommand; readonly paper: string }
  | { readonly type: 'openPdfFile'; readonly page: number }
  | PdfStartedMessage
  /**
   * The excerpt webview drew its page(s): `page` is the first drawn, `highlights` the boxes on all of them,
   * `pages` each drawn page with its boxes (a quote across a page break draws and highlights both).
   */
  | { readonly type: 'excerptRendered'; readonly page: number; readonly highlights: number; readonly pages: readonly RenderedPage[] };

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

/** An excerpt target as a page's "Show in PDF" button sends it. */
export function isSafeExcerptTarget(value: unknown): value is ExcerptTarget {
  if (!isRecord(value) || !isExcerptTarget(value) || !isPage(value.page) || !isShortText(value.paper, 200) || !isShortText(value.quote)) return false;
  if (value.challenge !== undefined && !isShortText(value.challenge, 200)) return false;
  return value.source === undefined || value.source === 'pdf' || value.source === 'transcription';
}

const isRenderedPage = (value: unknown): value is RenderedPage => isRecord(value) && isPage(value.page) && isCount(value.highlights);

/** The host's check of everything the excerpt page posts. */
export const isExcerptInbound = inboundGuard<ExcerptToHost>({
  ready: isReady,
  runCommand: (message) => ALLOWED_COMMANDS.includes(message.command as AllowedCommand) && isShortText(message.paper, 200),
  openPdfFile: (message) => isPage(message.page),
  pdfStarted: isPdfStarted,
  excerptRendered: (message) => isPage(message.page) && isCount(message.highlights) && Array.isArray(message.pages) && message.pages.length <= 100 && message.pages.every(isRenderedPage),
});
