// UI test: the highlight rectangles computed from the host's text engine (PDFium) land on the words
// pdf.js draws. pdf.js renders the page's text layer in Chromium, as the excerpt panel does; each
// highlight box, placed with pdf.js's own viewport as the panel places it, must cover text-layer spans
// of the quote, and together they must cover the quote's words.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { loadCorpus } from '../../src/core/corpus/load';
import { anchorQuote } from '../../src/core/pdf/anchor';
import { matchKey } from '../../src/core/pdf/normalize';
import { extractPageTexts } from '../../src/core/pdf/pageText';
import type { PageLayout, TextBox } from '../../src/core/pdf/textModel';
import { harness, papersDir, projectRoot } from './support';

const PAPERS = ['2009.01325', '2212.08073', '2307.15217', '2309.00267'];
/** Quotes checked a paper, each on a different page. */
const QUOTES_PER_PAPER = 3;
const ORIGIN = 'http://pdfjs.test';

interface Probe {
  readonly quote: string;
  readonly page: number;
  readonly rects: TextBox[];
}

/** What the browser reports: how many text-layer characters each box covers, and those characters. */
interface Coverage {
  readonly charsPerBox: number[];
  readonly covered: string;
}

const pdfjsFiles: Record<string, { file: string; type: string }> = {
  '/pdf.mjs': { file: 'node_modules/pdfjs-dist/build/pdf.mjs', type: 'text/javascript' },
  '/pdf.worker.mjs': { file: 'node_modules/pdfjs-dist/build/pdf.worker.mjs', type: 'text/javascript' },
  '/pdf_viewer.css': { file: 'node_modules/pdfjs-dist/web/pdf_viewer.css', type: 'text/css' },
};

const have = PAPERS.every((id) => existsSync(join(papersDir, `${id}.pdf`)));

describe('highlights from the host engine on the words pdf.js draws', { skip: have ? false : `no PDFs in ${papersDir}`, timeout: 300_000 }, () => {
  let browser: Browser;
  let page: Page;

  before(async () => {
    browser = await (await harness()).launchBrowser();
    page = await browser.newPage();
    await page.route(`${ORIGIN}/**`, async (route) => {
      const path = new URL(route.request().url()).pathname;
      const asset = pdfjsFiles[path];
      if (asset) return route.fulfill({ body: readFileSync(join(projectRoot, asset.file)), contentType: asset.type });
      const paper = /^\/papers\/([\d.]+)\.pdf$/.exec(path)?.[1];
      if (paper && PAPERS.includes(paper)) return route.fulfill({ body: readFileSync(join(papersDir, `${paper}.pdf`)), contentType: 'application/pdf' });
      if (path === '/') return route.fulfill({ body: '<!doctype html><link rel="stylesheet" href="/pdf_viewer.css"><body></body>', contentType: 'text/html' });
      return route.fulfill({ status: 404 });
    });
    await page.goto(`${ORIGIN}/`);
  });

  after(() => browser?.close());

  for (const paper of PAPERS) {
    it(`${paper}: every highlight box lies on drawn characters, and the boxes cover the quote and little else`, async () => {
      const probes = await probesFor(paper);
      assert.equal(probes.length, QUOTES_PER_PAPER, `${QUOTES_PER_PAPER} stored quotes of ${paper} on different pages`);
      for (const probe of probes) {
        const { charsPerBox, covered } = await coverageInBrowser(page, paper, probe);
        const where = `p.${probe.page} "${probe.quote.slice(0, 50)}…"`;
        // Every box sits on drawn text, not on a margin or between lines.
        assert.ok(charsPerBox.every((count) => count > 0), `${where}: a box covers no drawn character (${charsPerBox.join(', ')})`);
        // Together the boxes cover the quote's words…
        const coveredKey = matchKey(covered);
        // Letters and digits only: a comma or full stop after a word is not always under the box.
        const quoteWords = probe.quote.split(/\s+/).map((word) => matchKey(word).replace(/[^\p{L}\p{N}]/gu, '')).filter((word) => word.length >= 4);
        const missing = quoteWords.filter((word) => !coveredKey.includes(word));
        assert.ok(missing.length <= Math.floor(quoteWords.length * 0.1), `${where}: words under no box: ${missing.join(', ')}; covered: ${covered}`);
        // …and little else (a box a line off, or too wide, covers other words).
        assert.ok(coveredKey.length <= matchKey(probe.quote).length * 1.15 + 8, `${where}: the boxes cover more than the quote: ${covered}`);
      }
    });
  }
});

/** The first stored quotes of a paper that anchor at their page, each on a page of its own. */
async function probesFor(paper: string): Promise<Probe[]> {
  const corpus = await loadCorpus(join(projectRoot, 'sources'));
  const pages: PageLayout[] = await extractPageTexts(join(papersDir, `${paper}.pdf`));
  const probes: Probe[] = [];
  for (const link of corpus.links.filter((candidate) => candidate.paper === paper)) {
    for (const evidence of link.evidence) {
      if (probes.length === QUOTES_PER_PAPER || probes.some((probe) => probe.page === evidence.page)) continue;
      const anchor = anchorQuote(pages, { exact: evidence.quote, page: evidence.page });
      if (anchor.status === 'found' && anchor.rects.length > 0) probes.push({ quote: evidence.quote, page: evidence.page, rects: anchor.rects });
    }
  }
  return probes;
}

/**
 * Renders the page's text layer with pdf.js at scale 1.5, places each rect with pdf.js's viewport as the
 * excerpt webview does, and reports the drawn characters the boxes overlap (on the boxes' lines).
 */
async function coverageInBrowser(page: Page, paper: string, probe: Probe): Promise<Coverage> {
  return page.evaluate(
    async ({ origin, paper, pageNumber, rects }) => {
      type PdfJs = {
        GlobalWorkerOptions: { workerSrc: string };
        getDocument(options: object): { promise: Promise<{ getPage(n: number): Promise<PdfPage> }> };
        TextLayer: new (options: object) => { render(): Promise<void> };
      };
      type PdfPage = { getViewport(options: object): Viewport; streamTextContent(): unknown };
      type Viewport = { scale: number; width: number; height: number; convertToViewportPoint(x: number, y: number): number[] };
      // Written as a Function so the test bundle (CommonJS) does not turn this browser import into a require.
      const importModule = new Function('url', 'return import(url)') as (url: string) => Promise<unknown>;
      const pdfjs = (await importModule(`${origin}/pdf.mjs`)) as PdfJs;
      pdfjs.GlobalWorkerOptions.workerSrc = `${origin}/pdf.worker.mjs`;
      const documentProxy = await pdfjs.getDocument({ url: `${origin}/papers/${paper}.pdf` }).promise;
      const pdfPage = await documentProxy.getPage(pageNumber);
      const viewport = pdfPage.getViewport({ scale: 1.5 });
      const container = document.createElement('div');
      container.className = 'textLayer';
      container.style.setProperty('--total-scale-factor', String(viewport.scale));
      container.style.setProperty('--scale-factor', String(viewport.scale));
      const pageBox = document.createElement('div');
      pageBox.style.position = 'relative';
      // The text layer places its spans in percentages of the page box, as in the excerpt panel.
      pageBox.style.width = `${Math.floor(viewport.width)}px`;
      pageBox.style.height = `${Math.floor(viewport.height)}px`;
      pageBox.append(container);
      document.body.replaceChildren(pageBox);
      await new pdfjs.TextLayer({ textContentSource: pdfPage.streamTextContent(), container, viewport }).render();
      const origin0 = pageBox.getBoundingClientRect();
      // Each drawn character's centre, measured on the text layer (its spans are scaled to the glyphs).
      const characters: { ch: string; left: number; right: number; y: number }[] = [];
      const range = document.createRange();
      for (const span of Array.from(container.querySelectorAll('span'))) {
        const node = span.firstChild;
        if (!node || node.nodeType !== Node.TEXT_NODE) continue;
        const text = node.textContent ?? '';
        for (let index = 0; index < text.length; index++) {
          range.setStart(node, index);
          range.setEnd(node, index + 1);
          const box = range.getBoundingClientRect();
          if (box.width > 0) characters.push({ ch: text[index]!, left: box.left, right: box.right, y: box.top + box.height / 2 });
        }
        characters.push({ ch: ' ', left: -2, right: -1, y: -1 });
      }
      const boxes = rects.map((rect) => {
        const [x1, y1] = viewport.convertToViewportPoint(rect.x, rect.y) as [number, number];
        const [x2, y2] = viewport.convertToViewportPoint(rect.x + rect.width, rect.y + rect.height) as [number, number];
        return { left: Math.min(x1, x2) + origin0.left, right: Math.max(x1, x2) + origin0.left, top: Math.min(y1, y2) + origin0.top, bottom: Math.max(y1, y2) + origin0.top };
      });
      // The text layer draws in a substitute font scaled to each run's width, so a character may sit a
      // little off its glyph: it counts when it overlaps the box and its line's middle is inside it.
      const inside = (box: (typeof boxes)[number], c: { left: number; right: number; y: number }) => c.right > box.left && c.left < box.right && c.y >= box.top && c.y <= box.bottom;
      return {
        charsPerBox: boxes.map((box) => characters.filter((c) => inside(box, c)).length),
        covered: characters.map((c) => (c.ch === ' ' || boxes.some((box) => inside(box, c)) ? c.ch : ' ')).join('').replace(/\s+/g, ' ').trim(),
      };
    },
    { origin: ORIGIN, paper, pageNumber: probe.page, rects: probe.rects },
  );
}
