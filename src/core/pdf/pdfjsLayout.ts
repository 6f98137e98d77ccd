import { DEFAULT_PDF_LIMITS, type PdfLimits } from './limits';
import { checkPdfBytes, pdfError, PdfReadError } from './pdfErrors';
import { layoutPage, type RawItem } from './readingOrder';
import type { PageLayout } from './textModel';

/** What is used of pdf.js: the same in its legacy (Node) and modern (browser) builds. */
type PdfJs = Pick<typeof import('pdfjs-dist'), 'getDocument'>;

/** A download cut short loses its last pages silently (pdf.js reconstructs what it can): refuse it instead. */
function checkNotTruncated(file: string, data: Uint8Array): void {
  const tail = String.fromCharCode(...data.subarray(Math.max(0, data.length - 1024)));
  if (!tail.includes('%%EOF')) throw pdfError(file, 'corrupt', 'it is truncated: no %%EOF marker at its end');
}

/**
 * Reads every page's text and item positions with pdf.js, whichever build `loadPdfJs` gives: the legacy
 * one under Node (pageText.ts), the browser one in the web extension's PDF text worker (webTextWorker.ts).
 * Errors are PdfReadErrors naming the file and what to do.
 */
export async function readPdfLayoutWith(loadPdfJs: () => Promise<PdfJs>, file: string, data: Uint8Array, limits: PdfLimits = DEFAULT_PDF_LIMITS): Promise<PageLayout[]> {
  checkPdfBytes(file, data, data.length);
  if (data.length > limits.maxBytes) throw pdfError(file, 'too-large', `${(data.length / 1048576).toFixed(0)} MiB; the limit is ${(limits.maxBytes / 1048576).toFixed(0)} MiB`);
  checkNotTruncated(file, data);
  const { getDocument } = await loadPdfJs();
  const loading = getDocument({ data, verbosity: 0, useSystemFonts: false, disableFontFace: true });
  try {
    const document = await loading.promise.catch((error: Error) => {
      if (error.name === 'PasswordException') throw pdfError(file, 'encrypted');
      throw pdfError(file, 'corrupt', error.message);
    });
    if (document.numPages > limits.maxPages) throw pdfError(file, 'too-many-pages', `${document.numPages} pages, more than the ${limits.maxPages} this extension reads`);
    const pages: PageLayout[] = [];
    for (let number = 1; number <= document.numPages; number++) pages.push(await readPage(document, number));
    if (pages.every((page) => page.text.trim() === '')) throw pdfError(file, 'no-text');
    return pages;
  } catch (error) {
    throw error instanceof PdfReadError ? error : pdfError(file, 'corrupt', (error as Error).message);
  } finally {
    await loading.destroy();
  }
}

type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;

async function readPage(document: PdfDocument, number: number): Promise<PageLayout> {
  const page = await document.getPage(number);
  const content = await page.getTextContent();
  const items: RawItem[] = [];
  for (const item of content.items) {
    if (!('str' in item)) continue;
    items.push({ str: item.str, x: item.transform[4], y: item.transform[5], width: item.width, height: item.height, hasEOL: item.hasEOL });
  }
  const view = page.view as [number, number, number, number];
  page.cleanup();
  return { page: number, view, ...layoutPage(items, view) };
}

