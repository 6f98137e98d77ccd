import { DEFAULT_PDF_LIMITS, type PdfLimits } from './limits';
import { pdfChecks, pdfError } from './pdfErrors';
import { layoutPage, type RawItem } from './readingOrder';
import type { PageLayout } from './textModel';

/** What is used of pdf.js: the same in its legacy (Node) and modern (browser) builds. */
type PdfJs = Pick<typeof import('pdfjs-dist'), 'getDocument'>;

/**
 * Reads every page's text and item positions with pdf.js, whichever build `loadPdfJs` gives: the legacy
 * one under Node (pageText.ts), the browser one in the web extension's PDF text worker (webTextWorker.ts).
 * Errors are PdfReadErrors naming the file and what to do.
 */
export async function readPdfLayoutWith(loadPdfJs: () => Promise<PdfJs>, file: string, data: Uint8Array, limits: PdfLimits = DEFAULT_PDF_LIMITS): Promise<PageLayout[]> {
  pdfChecks.beforeParsing(file, data, limits);
  const { getDocument } = await loadPdfJs();
  const loading = getDocument({ data, verbosity: 0, useSystemFonts: false, disableFontFace: true });
  try {
    const document = await loading.promise.catch((error: Error) => {
      if (error.name === 'PasswordException') throw pdfError(file, 'encrypted');
      throw pdfError(file, 'corrupt', error.message);
    });
    pdfChecks.pageCount(file, document.numPages, limits);
    const pages: PageLayout[] = [];
    for (let number = 1; number <= document.numPages; number++) pages.push(await readPage(document, number));
    pdfChecks.someText(file, pages);
    return pages;
  } catch (error) {
    throw pdfChecks.located(file, error);
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

