import type { PdfLimits } from './limits';

/**
 * What text extraction produces: every page's text in reading order, and the positioned items it was
 * built from, so a match in the text maps back to rectangles on the page.
 *
 * Coordinates are PDF user space as pdf.js reports them (points, origin bottom-left, y up): `x` is the
 * left edge and `y` the baseline of an item; `height` is its font height. A webview turns them into
 * canvas pixels with pdf.js's `viewport.convertToViewportRectangle([x, y, x + width, y + height])`.
 */
export interface TextBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** One pdf.js text item: its string sits at `text.slice(start, end)` of its page. */
export interface PageItem extends TextBox {
  readonly str: string;
  readonly start: number;
  readonly end: number;
}

export interface PageLayout {
  /** 1-based physical page index, as `pdftotext -f N` counts. */
  readonly page: number;
  /** The page's box in user space: [x0, y0, x1, y1] (pdf.js `page.view`). */
  readonly view: readonly [number, number, number, number];
  /** Items joined in reading order; line ends are "\n" (hyphenation at a line end needs them). */
  readonly text: string;
  readonly items: readonly PageItem[];
  /** True when the content stream interleaved two columns line by line and the items were re-ordered. */
  readonly columnsReordered: boolean;
}

export interface DocumentText {
  /** Hex sha256 of the PDF file: the cache key. */
  readonly sha256: string;
  readonly file: string;
  readonly pageCount: number;
  readonly pages: readonly PageLayout[];
  /** Whether this came from the on-disk cache (no PDF was parsed). */
  readonly fromCache: boolean;
}

/**
 * What reads a PDF's text: on the desktop the PDF worker pool with its on-disk cache (PdfTextExtractor,
 * extractor.ts); on the web a Blob-URL worker running pdf.js (BrowserPdfText, browserText.ts).
 */
export interface PdfTextEngine {
  extract(file: string, options?: { readonly cacheDir?: string | null; readonly limits?: Partial<PdfLimits> }): Promise<DocumentText>;
  /** The text and the bytes it was read from (read once), for a panel that also shows the page. */
  extractWithBytes(file: string, options?: { readonly cacheDir?: string | null; readonly limits?: Partial<PdfLimits> }): Promise<{ document: DocumentText; data: Uint8Array }>;
  dispose(): Promise<void>;
}
