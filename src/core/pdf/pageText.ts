import { DEFAULT_PDF_LIMITS, type PdfLimits } from './limits';
import { readPdfLayoutWith } from './pdfjsLayout';
import { readPdfFile } from './pdfFile';
import { readPdfLayoutPdfium } from './pdfiumText';
import type { PageLayout } from './textModel';

export { PdfReadError } from './pdfErrors';
export { readPdfFile } from './pdfFile';

/** The text of one PDF page, in reading order, with line ends kept (hyphenation needs them). */
export interface PageText {
  readonly page: number;
  readonly text: string;
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | undefined;

/**
 * pdf.js is large (~2 MB): load it on first use only, never at activation. Its worker module is put on
 * `globalThis.pdfjsWorker` so pdf.js runs it in this same thread (we are already off the host's event loop
 * in a worker_thread) instead of importing it from a URL, which a bundle cannot resolve.
 */
function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= withoutWarnings(async () => {
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    return import('pdfjs-dist/legacy/build/pdf.mjs');
  });
  return pdfjs;
}

/** On load in Node, pdf.js warns that it cannot polyfill canvas APIs; only rendering needs them, not text. */
async function withoutWarnings<T>(load: () => Promise<T>): Promise<T> {
  const warn = console.warn;
  console.warn = () => undefined;
  try {
    return await load();
  } finally {
    console.warn = warn;
  }
}

/**
 * Reads every page's text and item positions with pdf.js: the engine before PDFium, kept to compare the two
 * (npm run bench, the highlight UI test). Errors are PdfReadErrors naming the file and what to do. */
export async function readPdfLayout(file: string, data: Uint8Array, limits: PdfLimits = DEFAULT_PDF_LIMITS): Promise<PageLayout[]> {
  return readPdfLayoutWith(loadPdfJs, file, data, limits);
}

/**
 * Extracts every page's text with the host engine (PDFium) IN THIS THREAD. For tests and tools only: the
 * extension and the CLI go through extractDocument (worker thread + cache).
 */
export async function extractPageTexts(file: string): Promise<PageLayout[]> {
  return readPdfLayoutPdfium(file, await readPdfFile(file));
}
