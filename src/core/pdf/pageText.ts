import { readFile } from 'node:fs/promises';

/** The text of one PDF page, in reading order, with line ends kept (hyphenation needs them). */
export interface PageText {
  readonly page: number;
  readonly text: string;
}

export class PdfReadError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
  }
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | undefined;

/** pdf.js is large (~2 MB): load it on first use only, never at activation. */
function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjs;
}

/** Extracts every page's text with pdf.js. Errors name the file and say what is wrong with it. */
export async function extractPageTexts(file: string): Promise<PageText[]> {
  const data = new Uint8Array(await readFile(file));
  if (data.length === 0) throw new PdfReadError(file, 'the file is empty (0 bytes); download or attach it again');
  if (!Buffer.from(data.subarray(0, 1024)).toString('latin1').includes('%PDF-')) throw new PdfReadError(file, 'this is not a PDF (no %PDF- header)');
  const { getDocument } = await loadPdfJs();
  const loading = getDocument({ data, useSystemFonts: false, verbosity: 0 });
  let document;
  try {
    document = await loading.promise;
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'PasswordException') throw new PdfReadError(file, 'the PDF is encrypted with a password; attach an unencrypted copy');
    throw new PdfReadError(file, `the PDF cannot be read (${(error as Error).message}); it may be corrupt or truncated`);
  }
  try {
    const pages: PageText[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        text += item.str + (item.hasEOL ? '\n' : '');
      }
      pages.push({ page: number, text });
      page.cleanup();
    }
    return pages;
  } finally {
    await loading.destroy();
  }
}
