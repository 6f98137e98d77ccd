/**
 * Messages between the extension host and the PDF viewer (the custom editor for `*.pdf`). Both sides import
 * these types, and each side checks what it receives with the guards below before acting on it: a webview
 * is a web page, and the host treats what it posts as untrusted input.
 */
import type { TextBox } from '../core/pdf/textModel';
import { DARK_PAGE_MODES, isCount, isPage, isPdfStarted, isRecord, type DarkPageMode, type PdfStartedMessage, type ReadyMessage } from './common';

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
export function isViewerToHost(value: unknown): value is ViewerToHost {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'ready':
      return true;
    case 'pdfStarted':
      return isPdfStarted(value);
    case 'pageRendered':
      return isPage(value.page) && isPage(value.pageCount) && isCount(value.highlights);
    case 'viewChanged':
      return isPage(value.page) && isViewerZoom(value.zoom);
    case 'searchResult':
      return typeof value.query === 'string' && isCount(value.current) && isCount(value.total);
    case 'useAsEvidence':
      return isPage(value.page) && typeof value.text === 'string' && value.text.trim().length > 0 && value.text.length <= 20_000;
    case 'error':
      return typeof value.message === 'string';
    default:
      return false;
  }
}

/** The viewer's check of what the host posts. */
export function isHostToViewer(value: unknown): value is HostToViewer {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'document':
      return value.data instanceof Uint8Array && typeof value.fileName === 'string' && DARK_PAGE_MODES.includes(value.darkPage as DarkPageMode) && (value.reveal === undefined || isViewerReveal(value.reveal));
    case 'reveal':
      return isViewerReveal(value.reveal);
    case 'darkPage':
      return DARK_PAGE_MODES.includes(value.mode as DarkPageMode);
    case 'find':
      return true;
    case 'notice':
      return typeof value.text === 'string' && ['info', 'success', 'error'].includes(value.tone as string);
    default:
      return false;
  }
}
