/// <reference lib="dom" />
// The excerpt webview: renders one PDF page with pdf.js (canvas + text layer), highlights the quote's
// boxes, shows the paragraph around it as text, and lets the person page and zoom through the PDF.
import type { ExcerptFound, ExcerptUnavailable } from '../core/excerpt/excerptView';
import type { DarkPageMode } from '../protocol/common';
import type { ExcerptState, HostToExcerpt, RenderedPage } from '../protocol/excerpt';
import { EXCERPT_TEXT } from '../protocol/webviewText';
import { el, pageTexts, titleText, vsCodeApi } from './dom';
import { highlightBoxes, PdfLoader, pdfjs } from './pdfDocument';

const vscode = vsCodeApi<ExcerptState>();
const root = document.getElementById('root')!;
const t = pageTexts(EXCERPT_TEXT);
const ZOOMS = [0.75, 1, 1.25, 1.5, 2, 3];

let view: ExcerptFound | undefined;
let documentProxy: pdfjs.PDFDocumentProxy | undefined;
const loader = new PdfLoader();
let currentPage = 1;
let zoom = vscode.getState()?.zoom ?? 1.25;
let renderToken = 0;

function saveState(): void {
  if (view) vscode.setState({ target: view.target, page: currentPage, zoom });
}

function header(paperTitle: string, byline: string): HTMLElement {
  return el('header', {}, el('div', { class: 'kind' }, t('excerpt')), titleText('h1', {}, paperTitle), el('div', { class: 'subtitle' }, byline));
}

function renderUnavailable(unavailable: ExcerptUnavailable): void {
  view = undefined;
  const paper = unavailable.paper;
  const actions = el('div', { class: 'actions' });
  if (unavailable.reason !== 'unknown-paper') {
    actions.append(
      el('button', { type: 'button', 'data-command': 'downloadPdfs' }, t('downloadPdfs')),
      el('button', { type: 'button', class: 'secondary', 'data-command': 'attachPdf' }, t('attachPdf')),
      el('button', { type: 'button', class: 'secondary', 'data-command': 'attachPdfFolder' }, t('attachPdfFolder')),
    );
  }
  root.replaceChildren(
    header(paper?.title ?? unavailable.target.paper, paper ? `${paper.authorsShort} · ${paper.year} · arXiv ${paper.id}${paper.version}` : ''),
    el('p', { class: unavailable.reason === 'pdf-error' ? 'error status' : 'status missing', role: 'status' }, unavailable.message),
    actions,
    el('h2', {}, t(unavailable.target.source === 'transcription' ? 'storedTranscribedQuote' : 'storedQuote', unavailable.target.page)),
    el('blockquote', { class: 'quote' }, el('p', {}, unavailable.target.quote)),
  );
  vscode.setState({ target: unavailable.target });
}

function renderFound(found: ExcerptFound, darkPage: DarkPageMode): void {
  view = found;
  const state = vscode.getState();
  const sameTarget = state?.target.quote === found.target.quote && state.target.paper === found.target.paper;
  currentPage = sameTarget && state?.page ? state.page : found.page;
  document.body.dataset.darkPage = darkPage;
  const paragraph = el('p', { class: 'paragraph' }, found.paragraph.before, found.paragraph.match ? el('mark', {}, found.paragraph.match) : undefined, found.paragraph.after);
  const toolbar = el(
    'div',
    { class: 'toolbar', role: 'toolbar' },
    el('button', { type: 'button', 'data-nav': 'prev', title: t('previousPageTitle') }, t('previousPage')),
    el('span', { class: 'page-label', id: 'page-label' }, ''),
    el('button', { type: 'button', 'data-nav': 'next', title: t('nextPageTitle') }, t('nextPage')),
    el('button', { type: 'button', 'data-nav': 'quote', title: t('quotePageTitle') }, t('quotePage')),
    el('span', { class: 'spacer' }),
    el('button', { type: 'button', 'data-zoom': 'out', title: t('zoomOut') }, '−'),
    el('span', { id: 'zoom-label' }, ''),
    el('button', { type: 'button', 'data-zoom': 'in', title: t('zoomIn') }, '+'),
    el('button', { type: 'button', class: 'secondary', 'data-open-pdf': '1', title: t('openPdfTitle') }, t('openPdf')),
  );
  root.replaceChildren(
    header(found.paper.title, `${found.paper.authorsShort} · ${found.paper.year} · arXiv ${found.paper.id}${found.paper.version} · ${found.pdfName}`),
    el('p', { class: `status ${found.status}${found.method === 'fuzzy' ? ' approximate' : ''}`, role: 'status', id: 'anchor-status' }, found.statusText),
    found.otherVersion ? el('p', { class: 'status warning' }, t('otherVersion')) : '',
    found.status === 'not-found' ? el('blockquote', { class: 'quote' }, el('p', {}, found.target.quote)) : el('section', { class: 'context' }, el('h2', {}, t('paragraph')), paragraph),
    // An approximate match: the stored quote beside what the PDF says, so the differences can be read.
    found.status !== 'not-found' && found.method === 'fuzzy' ? el('section', { class: 'stored' }, el('h2', {}, t('storedAsQuoted')), el('blockquote', { class: 'quote' }, el('p', {}, found.target.quote))) : '',
    toolbar,
    el('div', { class: 'page-frame', id: 'page-frame' }, el('p', { class: 'loading' }, t('rendering'))),
  );
  saveState();
}

/** Starts pdf.js (shared with the PDF viewer) and reports how it started. */
async function openPdf(data: Uint8Array): Promise<pdfjs.PDFDocumentProxy> {
  const opened = await loader.open(data);
  vscode.postMessage({ type: 'pdfStarted', mode: opened.mode, ms: opened.ms });
  return opened.document;
}

/** The pages to draw: at the quote, every page it is on (two across a page break); elsewhere, the current one. */
function pagesToDraw(found: ExcerptFound): number[] {
  const quotePages = [...new Set([found.page, ...found.parts.map((part) => part.page)])];
  return currentPage === found.page ? quotePages : [currentPage];
}

/** The quote's boxes on one page: from its parts, or the first page's boxes when there are none. */
function rectsOn(found: ExcerptFound, page: number): ExcerptFound['rects'] {
  if (found.parts.length === 0) return page === found.page ? found.rects : [];
  return found.parts.filter((part) => part.page === page).flatMap((part) => part.rects);
}

/** One PDF page as a canvas with its text layer and the quote's highlight boxes. */
async function drawPage(proxy: pdfjs.PDFDocumentProxy, found: ExcerptFound, pageNumber: number): Promise<{ box: HTMLElement; highlights: number }> {
  const page = await proxy.getPage(pageNumber);
  const viewport = page.getViewport({ scale: zoom });
  const outputScale = window.devicePixelRatio || 1;
  const canvas = el('canvas', { class: 'page-canvas' });
  canvas.width = Math.floor(viewport.width * outputScale);
  canvas.height = Math.floor(viewport.height * outputScale);
  canvas.style.width = `${Math.floor(viewport.width)}px`;
  canvas.style.height = `${Math.floor(viewport.height)}px`;
  const pageBox = el('div', { class: 'page', 'data-page': String(pageNumber) }, canvas);
  pageBox.style.width = canvas.style.width;
  pageBox.style.height = canvas.style.height;
  const textLayer = el('div', { class: 'textLayer' });
  textLayer.style.setProperty('--total-scale-factor', String(viewport.scale));
  textLayer.style.setProperty('--scale-factor', String(viewport.scale));
  pageBox.append(textLayer);
  await page.render({ canvas, canvasContext: canvas.getContext('2d')!, viewport, transform: outputScale !== 1 ? [outputScale, 0, 0, outputScale, 0, 0] : undefined }).promise;
  await new pdfjs.TextLayer({ textContentSource: page.streamTextContent(), container: textLayer, viewport }).render();
  const highlights = rectsOn(found, pageNumber);
  pageBox.append(...highlightBoxes(viewport, highlights));
  return { box: pageBox, highlights: highlights.length };
}

async function renderPage(): Promise<void> {
  if (!view || !documentProxy) return;
  const found = view;
  const proxy = documentProxy;
  const token = ++renderToken;
  const numbers = pagesToDraw(found).filter((page) => page >= 1 && page <= proxy.numPages);
  const drawn: { box: HTMLElement; highlights: number }[] = [];
  for (const page of numbers) drawn.push(await drawPage(proxy, found, page));
  if (token !== renderToken) return;
  document.getElementById('page-frame')!.replaceChildren(...drawn.map((page) => page.box));
  const last = numbers[numbers.length - 1]!;
  document.getElementById('page-label')!.textContent = numbers.length > 1 ? t('pages', numbers[0]!, last, proxy.numPages) : t('pageOf', currentPage, proxy.numPages);
  document.getElementById('zoom-label')!.textContent = `${Math.round(zoom * 100)}%`;
  document.querySelector('.page .highlight')?.scrollIntoView({ block: 'center' });
  saveState();
  const pages: RenderedPage[] = numbers.map((page, index) => ({ page, highlights: drawn[index]!.highlights }));
  vscode.postMessage({ type: 'excerptRendered', page: numbers[0] ?? currentPage, highlights: pages.reduce((sum, page) => sum + page.highlights, 0), pages });
}

async function receivePdf(data: Uint8Array): Promise<void> {
  try {
    documentProxy = await openPdf(data);
    await renderPage();
  } catch (error) {
    document.getElementById('page-frame')?.replaceChildren(el('p', { class: 'error' }, t('renderFailed', (error as Error).message)));
  }
}

window.addEventListener('message', (event: MessageEvent<HostToExcerpt>) => {
  const message = event.data;
  if (message?.type === 'excerpt') {
    if (message.view.kind === 'excerpt') renderFound(message.view, message.darkPage);
    else renderUnavailable(message.view);
  } else if (message?.type === 'pdfData') {
    void receivePdf(message.data);
  }
});

document.addEventListener('click', (event) => {
  const element = (event.target as Element | null)?.closest<HTMLElement>('[data-nav], [data-zoom], [data-command], [data-open-pdf]');
  if (!element) return;
  event.preventDefault();
  const { nav, zoom: zoomStep, command, openPdf: open } = element.dataset;
  if (command === 'downloadPdfs' || command === 'attachPdf' || command === 'attachPdfFolder') {
    const paper = view?.target.paper ?? vscode.getState()?.target.paper ?? '';
    vscode.postMessage({ type: 'runCommand', command, paper });
  } else if (open) {
    vscode.postMessage({ type: 'openPdfFile', page: currentPage });
  } else if (nav && documentProxy && view) {
    const next = nav === 'prev' ? currentPage - 1 : nav === 'next' ? currentPage + 1 : view.page;
    if (next >= 1 && next <= documentProxy.numPages) {
      currentPage = next;
      void renderPage();
    }
  } else if (zoomStep) {
    const index = ZOOMS.findIndex((value) => value >= zoom);
    zoom = ZOOMS[Math.max(0, Math.min(ZOOMS.length - 1, (index < 0 ? ZOOMS.length - 1 : index) + (zoomStep === 'in' ? 1 : -1)))]!;
    void renderPage();
  }
});

vscode.postMessage({ type: 'ready' });
