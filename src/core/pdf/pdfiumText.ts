import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { WrappedPdfiumModule } from '@embedpdf/pdfium';
import { DEFAULT_PDF_LIMITS, type PdfLimits } from './limits';
import { pdfChecks, pdfError } from './pdfErrors';
import { layoutPage, type RawItem } from './readingOrder';
import type { PageItem, PageLayout } from './textModel';

/**
 * The host-side text engine: PDFium compiled to WebAssembly (@embedpdf/pdfium). On the four shared papers
 * it reads every page's text and a box per character about 3 × faster than pdf.js's getTextContent (see
 * README, speed table), and it runs in the PDF worker only. pdf.js still renders pages in the webviews.
 *
 * PDFium gives characters in content order with the spaces and line ends it infers marked as generated.
 * They are grouped into word items (a word and the space after it) shaped like pdf.js text items
 * (x = origin of the first glyph, y = baseline, height = font size on the page) and laid out by the same
 * reading-order code, so anchoring and highlighting see the same model whichever engine produced it.
 */

let engine: Promise<WrappedPdfiumModule> | undefined;

/**
 * pdfium.wasm ships beside the bundle that loads it (esbuild.mjs copies it into dist/); tests and tools
 * running from sources find it in node_modules. Nothing is fetched at run time.
 */
export function pdfiumWasmFile(): string {
  const beside = join(__dirname, 'pdfium.wasm');
  if (existsSync(beside)) return beside;
  return join(dirname(createRequire(__filename).resolve('@embedpdf/pdfium')), 'pdfium.wasm');
}

function loadEngine(): Promise<WrappedPdfiumModule> {
  engine ??= (async () => {
    // The CommonJS build on purpose: the ESM one finds itself through import.meta.url, which a CJS bundle lacks.
    const { init } = require('@embedpdf/pdfium') as typeof import('@embedpdf/pdfium');
    const module = await init({ wasmBinary: readFileSync(pdfiumWasmFile()).buffer as ArrayBuffer });
    module.PDFiumExt_Init();
    return module;
  })();
  return engine;
}

/** The wasm memory (present at run time, missing from the package's types). Re-read after every call: it may grow. */
function heap(pdfium: WrappedPdfiumModule): Uint8Array {
  return (pdfium.pdfium as unknown as { HEAPU8: Uint8Array }).HEAPU8;
}

/** FPDF_GetLastError codes that mean something to a person. */
const FPDF_ERR_PASSWORD = 4;
const FPDF_ERR_SECURITY = 5;

/** Ligatures pdf.js expands (NFKC) in its text layer; PDFium keeps them as one code point. */
const LIGATURES: Record<number, string> = { 0xfb00: 'ff', 0xfb01: 'fi', 0xfb02: 'fl', 0xfb03: 'ffi', 0xfb04: 'ffl', 0xfb05: 'st', 0xfb06: 'st' };

/** Reads every page's text and word boxes with PDFium. Errors are PdfReadErrors naming the file and what to do. */
export async function readPdfLayoutPdfium(file: string, data: Uint8Array, limits: PdfLimits = DEFAULT_PDF_LIMITS): Promise<PageLayout[]> {
  pdfChecks.beforeParsing(file, data, limits);
  const pdfium = await loadEngine();
  const { malloc, free } = pdfium.pdfium.wasmExports;
  const bytes = malloc(data.length);
  heap(pdfium).set(data, bytes);
  const document = pdfium.FPDF_LoadMemDocument(bytes, data.length, '');
  try {
    if (!document) {
      const code = pdfium.FPDF_GetLastError();
      if (code === FPDF_ERR_PASSWORD || code === FPDF_ERR_SECURITY) throw pdfError(file, 'encrypted');
      throw pdfError(file, 'corrupt', `PDFium could not parse it (error ${code})`);
    }
    const pageCount = pdfium.FPDF_GetPageCount(document);
    pdfChecks.pageCount(file, pageCount, limits);
    if (pageCount === 0) throw pdfError(file, 'corrupt', 'it has no pages');
    const scratch = malloc(64);
    try {
      const pages: PageLayout[] = [];
      for (let index = 0; index < pageCount; index++) pages.push(readPage(pdfium, document, index, scratch));
      pdfChecks.someText(file, pages);
      return pages;
    } finally {
      free(scratch);
    }
  } catch (error) {
    throw pdfChecks.located(file, error);
  } finally {
    if (document) pdfium.FPDF_CloseDocument(document);
    free(bytes);
  }
}

function readPage(pdfium: WrappedPdfiumModule, document: number, index: number, scratch: number): PageLayout {
  const page = pdfium.FPDF_LoadPage(document, index);
  if (!page) throw new Error(`page ${index + 1} could not be loaded`);
  const textPage = pdfium.FPDFText_LoadPage(page);
  try {
    const view = pageView(pdfium, page, scratch);
    const runs = runsOf(textPage ? wordItems(charApi(pdfium), textPage, scratch) : []);
    const laidOut = layoutPage(runs, view);
    return { page: index + 1, view, text: laidOut.text, items: splitIntoWords(laidOut.items, runs), columnsReordered: laidOut.columnsReordered };
  } finally {
    if (textPage) pdfium.FPDFText_ClosePage(textPage);
    pdfium.FPDF_ClosePage(page);
  }
}

/** The page's crop box as pdf.js's `page.view`: [x0, y0, x1, y1] in user space. */
function pageView(pdfium: WrappedPdfiumModule, page: number, scratch: number): [number, number, number, number] {
  pdfium.FPDF_GetPageBoundingBox(page, scratch);
  const [left, top, right, bottom] = new Float32Array(heap(pdfium).buffer, scratch, 4);
  return [left!, Math.min(top!, bottom!), right!, Math.max(top!, bottom!)];
}

interface OpenWord {
  str: string;
  x: number;
  y: number;
  right: number;
  height: number;
}

/**
 * The text functions called once a character, taken straight from the wasm exports: through the
 * package's cwrap wrappers the per-character calls cost more than PDFium's own parsing (measured on the
 * four shared papers: 3.5 s against 1.4 s with the raw exports; 495,000 characters).
 */
interface CharApi {
  FPDFText_CountChars(textPage: number): number;
  FPDFText_GetUnicode(textPage: number, index: number): number;
  FPDFText_IsGenerated(textPage: number, index: number): number;
  FPDFText_GetCharBox(textPage: number, index: number, left: number, right: number, bottom: number, top: number): number;
  FPDFText_GetCharOrigin(textPage: number, index: number, x: number, y: number): number;
  FPDFText_GetFontSize(textPage: number, index: number): number;
  FPDFText_GetMatrix(textPage: number, index: number, matrix: number): number;
  memory(): Uint8Array;
}

function charApi(pdfium: WrappedPdfiumModule): CharApi {
  const exports = pdfium.pdfium.wasmExports as unknown as Omit<CharApi, 'memory'>;
  return {
    FPDFText_CountChars: exports.FPDFText_CountChars,
    FPDFText_GetUnicode: exports.FPDFText_GetUnicode,
    FPDFText_IsGenerated: exports.FPDFText_IsGenerated,
    FPDFText_GetCharBox: exports.FPDFText_GetCharBox,
    FPDFText_GetCharOrigin: exports.FPDFText_GetCharOrigin,
    FPDFText_GetFontSize: exports.FPDFText_GetFontSize,
    FPDFText_GetMatrix: exports.FPDFText_GetMatrix,
    memory: () => heap(pdfium),
  };
}

/**
 * The page's characters as word items. A space (written or inferred) ends a word and belongs to it, so
 * the word's box reaches the next word and a highlight across words has no gaps; a line end ("\r\n",
 * inferred) sets hasEOL as pdf.js does.
 */
function wordItems(api: CharApi, textPage: number, scratch: number): RawItem[] {
  const items: RawItem[] = [];
  let word: OpenWord | undefined;
  let afterHyphen = false;
  const close = (hasEOL: boolean) => {
    if (word) items.push({ str: word.str, x: word.x, y: word.y, width: Math.max(0, word.right - word.x), height: word.height, hasEOL });
    else if (hasEOL && items.length > 0) items[items.length - 1] = { ...items[items.length - 1]!, hasEOL: true };
    word = undefined;
  };
  const count = api.FPDFText_CountChars(textPage);
  for (let index = 0; index < count; index++) {
    const code = api.FPDFText_GetUnicode(textPage, index);
    if (code === 13 || code === 0) continue;
    if (code === 10) {
      close(true);
      continue;
    }
    if (code === 32 || code === 0xa0) {
      if (word) {
        word.str += ' ';
        // A space in the file widens its word by its own width; one PDFium inferred from a gap has none
        // (its box sits at the next word, which may be across a column gutter).
        if (!api.FPDFText_IsGenerated(textPage, index)) word.right = Math.max(word.right, charRight(api, textPage, index, scratch));
      }
      close(false);
      continue;
    }
    const right = charRight(api, textPage, index, scratch);
    // PDFium marks a hyphen it reads as a line-end break with 0x02; the text keeps it as pdf.js does.
    const text = code === 2 ? '-' : (LIGATURES[code] ?? String.fromCharCode(code));
    if (word && afterHyphen && startsNewLine(api, textPage, index, scratch, word)) close(true);
    afterHyphen = code === 2 || code === 0x2d || code === 0xad;
    if (!word) word = startWord(api, textPage, index, scratch);
    word.str += text;
    word.right = Math.max(word.right, right);
  }
  close(false);
  return items;
}

/** A pdf.js-like text run (what the reading-order code reasons about) and the words it was made of. */
interface Run extends RawItem {
  readonly words: readonly RawItem[];
}

/**
 * Words run together while they sit on one baseline with no gap wider than an em: that is what pdf.js
 * calls an item, and what layoutPage's column detection expects (a title's words are one full-width run,
 * not words that fall left and right of the middle).
 */
function runsOf(words: readonly RawItem[]): Run[] {
  const runs: Run[] = [];
  let current: RawItem[] = [];
  const flush = () => {
    if (current.length === 0) return;
    const first = current[0]!;
    const last = current[current.length - 1]!;
    runs.push({ str: current.map((word) => word.str).join(''), x: first.x, y: first.y, width: last.x + last.width - first.x, height: Math.max(...current.map((word) => word.height)), hasEOL: last.hasEOL, words: current });
    current = [];
  };
  for (const word of words) {
    const previous = current[current.length - 1];
    if (previous && (word.x - (previous.x + previous.width) > previous.height || word.x < previous.x || Math.abs(word.y - previous.y) > previous.height * 0.5)) flush();
    current.push(word);
    if (word.hasEOL) flush();
  }
  flush();
  return runs;
}

/**
 * The laid-out runs back as words, at the offsets layout gave their run, so a highlight is measured
 * within a word, not spread over a whole line. A run that cannot be recognised stays whole.
 */
function splitIntoWords(items: readonly PageItem[], runs: readonly Run[]): PageItem[] {
  const place = (item: { x: number; y: number }) => `${item.x},${item.y}`;
  const byPlace = new Map<string, Run | undefined>();
  for (const run of runs) byPlace.set(place(run), byPlace.has(place(run)) ? undefined : run);
  const split: PageItem[] = [];
  for (const item of items) {
    const run = byPlace.get(place(item));
    if (!run || run.words.length < 2 || !item.str.startsWith(run.str)) {
      split.push(item);
      continue;
    }
    let at = item.start;
    run.words.forEach((word, index) => {
      // Layout may have added a space after the run (columns re-ordered): it belongs to the last word.
      const str = index === run.words.length - 1 ? word.str + item.str.slice(run.str.length) : word.str;
      split.push({ str, x: word.x, y: word.y, width: word.width, height: word.height, start: at, end: at + str.length });
      at += str.length;
    });
  }
  return split;
}

function charRight(api: CharApi, textPage: number, index: number, scratch: number): number {
  api.FPDFText_GetCharBox(textPage, index, scratch, scratch + 8, scratch + 16, scratch + 24);
  return new Float64Array(api.memory().buffer, scratch + 8, 1)[0]!;
}

/**
 * PDFium joins a word hyphenated across a line end ("on-" / "distribution") without the line break it
 * infers elsewhere; pdf.js keeps the break, and the hyphenation rules in normalize.ts need it.
 */
function startsNewLine(api: CharApi, textPage: number, index: number, scratch: number, word: OpenWord): boolean {
  api.FPDFText_GetCharOrigin(textPage, index, scratch + 32, scratch + 40);
  const [x, y] = new Float64Array(api.memory().buffer, scratch + 32, 2);
  return Math.abs(y! - word.y) > word.height * 0.5 || x! < word.x;
}

/** x = origin of the first glyph, y = its baseline, height = its font size as drawn on the page. */
function startWord(api: CharApi, textPage: number, index: number, scratch: number): OpenWord {
  api.FPDFText_GetCharOrigin(textPage, index, scratch + 32, scratch + 40);
  const [x, y] = new Float64Array(api.memory().buffer, scratch + 32, 2);
  const fontSize = api.FPDFText_GetFontSize(textPage, index);
  api.FPDFText_GetMatrix(textPage, index, scratch);
  const [, , c, d] = new Float32Array(api.memory().buffer, scratch, 6);
  const scale = Math.hypot(c!, d!) || 1;
  return { str: '', x: x!, y: y!, right: x!, height: fontSize * scale };
}
