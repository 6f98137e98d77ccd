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
