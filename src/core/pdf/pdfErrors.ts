import type { PdfLimits } from './limits';
/** Why a PDF could not be read. Each kind has a message that names the file and says what to do. */
export type PdfErrorKind =
  | 'missing'
  | 'empty'
  | 'not-pdf'
  | 'corrupt'
  | 'encrypted'
  | 'no-text'
  | 'too-many-pages'
  | 'too-large'
  | 'timeout'
  | 'memory'
  | 'worker-failed'
  | 'node-too-old';

export class PdfReadError extends Error {
  override readonly name = 'PdfReadError';
  constructor(
    readonly file: string,
    message: string,
    readonly kind: PdfErrorKind = 'corrupt',
  ) {
    super(`${file}: ${message}`);
  }
}

/** What a person should be told for each kind; `detail` is pdf.js's own words where it has some. */
export function pdfErrorMessage(kind: PdfErrorKind, detail = ''): string {
  switch (kind) {
    case 'missing':
      return 'the PDF file does not exist; download the paper or attach its PDF';
    case 'empty':
      return 'the file is empty (0 bytes); download or attach it again';
    case 'not-pdf':
      return 'this is not a PDF (no %PDF- header); it may be an HTML error page saved by mistake; download or attach the real PDF';
    case 'corrupt':
      return `the PDF cannot be read${detail ? ` (${detail})` : ''}; it may be corrupt or truncated; download or attach it again`;
    case 'encrypted':
      return 'the PDF is encrypted with a password; attach an unencrypted copy (e.g. print it to PDF or use `qpdf --decrypt`)';
    case 'no-text':
      return 'the PDF has no text layer (scanned page images only), so quotes cannot be found in it; attach a copy with text (e.g. run OCR with `ocrmypdf`)';
    case 'too-many-pages':
      return `the PDF has ${detail}; attach the paper itself rather than a whole volume`;
    case 'too-large':
      return `the file is too large (${detail}); attach the paper itself rather than a whole volume`;
    case 'timeout':
      return `reading the PDF's text took longer than ${detail} and was stopped; the file may be malformed or hostile; attach another copy`;
    case 'memory':
      return `reading the PDF's text needed more than ${detail} of memory and was stopped; it may be a compressed "bomb" (streams that inflate to gigabytes) or malformed; attach another copy`;
    case 'node-too-old':
      return `reading PDFs needs Node 22.13 or newer (pdf.js 6); this is Node ${detail}: run with a newer Node (VS Code 1.101+ brings one)`;
    case 'worker-failed':
      return `the PDF text reader stopped (${detail}); try again, or attach another copy of the PDF`;
  }
}

export function pdfError(file: string, kind: PdfErrorKind, detail?: string): PdfReadError {
  return new PdfReadError(file, pdfErrorMessage(kind, detail), kind);
}

/** Cheap checks on the first bytes, before pdf.js is asked (it gives vaguer errors for these). */
export function checkPdfBytes(file: string, head: Uint8Array, size: number): void {
  if (size === 0) throw pdfError(file, 'empty');
  // The spec allows junk before the header; readers accept it within the first 1 kB.
  if (!String.fromCharCode(...head.subarray(0, 1024)).includes('%PDF-')) throw pdfError(file, 'not-pdf');
}

/**
 * What both text engines check, in the same words: before parsing, a PDF's header, size and end (a download
 * cut short loses its last pages silently, as readers reconstruct what they can: refuse it instead); after,
 * its page count and that some page has text.
 */
export const pdfChecks = {
  beforeParsing(file: string, data: Uint8Array, limits: PdfLimits): void {
    checkPdfBytes(file, data, data.length);
    if (data.length > limits.maxBytes) throw pdfError(file, 'too-large', `${(data.length / 1048576).toFixed(0)} MiB; the limit is ${(limits.maxBytes / 1048576).toFixed(0)} MiB`);
    const tail = String.fromCharCode(...data.subarray(Math.max(0, data.length - 1024)));
    if (!tail.includes('%%EOF')) throw pdfError(file, 'corrupt', 'it is truncated: no %%EOF marker at its end');
  },
  pageCount(file: string, count: number, limits: PdfLimits): void {
    if (count > limits.maxPages) throw pdfError(file, 'too-many-pages', `${count} pages, more than the ${limits.maxPages} this extension reads`);
  },
  someText(file: string, pages: readonly { readonly text: string }[]): void {
    if (pages.every((page) => page.text.trim() === '')) throw pdfError(file, 'no-text');
  },
  /** Any other failure while reading becomes a PdfReadError naming the file. */
  located(file: string, error: unknown): PdfReadError {
    return error instanceof PdfReadError ? error : pdfError(file, 'corrupt', (error as Error).message);
  },
};
