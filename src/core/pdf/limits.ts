/**
 * Caps that keep a hostile or mistaken file from tying up the reader. Kept apart from pageText.ts so
 * that importing them never pulls pdf.js into a bundle.
 */
export interface PdfLimits {
  /** Default 2,000: a 1,000-page file is read (in a few seconds); a larger one is refused with a clear error. */
  readonly maxPages: number;
  /** Default 256 MiB. */
  readonly maxBytes: number;
}

export const DEFAULT_PDF_LIMITS: PdfLimits = { maxPages: 2000, maxBytes: 256 * 1024 * 1024 };
