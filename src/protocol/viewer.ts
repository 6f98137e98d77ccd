/**
 * Messages between the extension host and the PDF viewer (the custom editor for `*.pdf`). Both sides import
 * these types, and each side checks what it receives with the guards below before acting on it: a webview
 * is a web page, and the host treats what it posts as untrusted input.
 */
import type { TextBox } from '../core/pdf/textModel';
import { DARK_PAGE_MODES, inboundGuard, isCount, isPage, isPdfStarted, isReady, isRecord, type DarkPageMode, type PdfStartedMessage, type ReadyMessage } from './common';

export const PDF_VIEWER_VIEW_TYPE = 'literatureCompanion.pdfViewer';

/** Zoom: a factor (1 = 100 %) or one of pdf.js's named fits. */
export type ViewerZoom = number | 'page-width' | 'page-fit' | 'auto';

/** Where to go and what to mark: a page, and optionally a quote's boxes on it (PDF user space). */
export interface ViewerReveal {
  readonly page: number;
  readonly rects?: readonly TextBox[];
}

export type HostToViewer =
  /** The PDF's bytes (the webview reads no file itself); `reveal` wins over the page saved in its state. */
  | { readonly type: 'document'; readonly data: Uint8Array; readonly fileName: string; readonly darkPage: DarkPageMode; readonly reveal?: ViewerReveal }
  | { readonly type: 'reveal'; readonly reveal: ViewerReveal }
  | { readonly type: 'darkPage'; readonly mode: DarkPageMode }
  /** Opens the viewer's find bar (Ctrl+F while the workbench, not the webview, has the keyboard). */
  | { readonly type: 'find' }
  /** The outcome of "Use as Evidence…", shown in the viewer's status line. */
  | { readonly type: 'notice'; readonly text: string; readonly tone: 'info' | 'success' | 'error' };

export type ViewerToHost =
  | ReadyMessage
  | PdfStartedMessage
  /** A page was drawn (canvas and text layer); `highlights` counts the quote boxes drawn on it. */
  | { readonly type: 'pageRendered'; readonly page: number; readonly pageCount: number; readonly highlights: number }
  /** The page in view or the zoom changed (kept for the tests; the webview also keeps it in its state). */
  | { readonly type: 'viewChanged'; readonly page: number; readonly zoom: ViewerZoom }
  | { readonly type: 'searchResult'; readonly query: string; readonly current: number; readonly total: number }
  /** Selected text of one page's text layer, for "Use as Evidence…". */
  | { readonly type: 'useAsEvidence'; readonly page: number; readonly text: string }
  | { readonly type: 'error'; readonly message: string };

/** Persisted with `vscode.setState`: where the person was reading, restored after a reload. */
export interface ViewerState {
  readonly page: number;
  readonly zoom: ViewerZoom;
}

const NAMED_ZOOMS: readonly string[] = ['page-width', 'page-fit', 'auto'];


export function isViewerZoom(value: unknown): value is ViewerZoom {
  return (typeof value === 'number' && Number.isFinite(value) && value > 0 && value <= 10) || (typeof value === 'string' && NAMED_ZOOMS.includes(value));
}

function isTextBox(value: unknown): value is TextBox {
  return isRecord(value) && ['x', 'y', 'width', 'height'].every((key) => typeof value[key] === 'number' && Number.isFinite(value[key]));
}

export function isViewerReveal(value: unknown): value is ViewerReveal {
  return isRecord(value) && isPage(value.page) && (value.rects === undefined || (Array.isArray(value.rects) && value.rects.every(isTextBox)));
}

export function isViewerState(value: unknown): value is ViewerState {
  return isRecord(value) && isPage(value.page) && isViewerZoom(value.zoom);
}

/** The host's check of everything the viewer posts. */
export const isViewerToHost = inboundGuard<ViewerToHost>({
  ready: isReady,
  pdfStarted: isPdfStarted,
  pageRendered: (message) => isPage(message.page) && isPage(message.pageCount) && isCount(message.highlights),
  viewChanged: (message) => isPage(message.page) && isViewerZoom(message.zoom),
  searchResult: (message) => typeof message.query === 'string' && isCount(message.current) && isCount(message.total),
  useAsEvidence: (message) => isPage(message.page) && typeof message.text === 'string' && message.text.trim().length > 0 && message.text.length <= 20_000,
  error: (message) => typeof message.message === 'string',
});

/** The viewer's check of what the host posts (the same kind of guard, the other way). */
export const isHostToViewer = inboundGuard<HostToViewer>({
  document: (message) => message.data instanceof Uint8Array && typeof message.fileName === 'string' && DARK_PAGE_MODES.includes(message.darkPage as DarkPageMode) && (message.reveal === undefined || isViewerReveal(message.reveal)),
  reveal: (message) => isViewerReveal(message.reveal),
  darkPage: (message) => DARK_PAGE_MODES.includes(message.mode as DarkPageMode),
  find: () => true,
  notice: (message) => typeof message.text === 'string' && ['info', 'success', 'error'].includes(message.tone as string),
});
