/// <reference lib="dom" />
// The excerpt webview: renders one PDF page with pdf.js (canvas + text layer), highlights the quote's
// boxes, shows the paragraph around it as text, and lets the person page and zoom through the PDF.
import * as pdfjs from 'pdfjs-dist/build/pdf.mjs';
import type { ExcerptFound, ExcerptUnavailable } from '../core/excerpt/excerptView';
import type { DarkPageMode, ExcerptState, HostToWebview } from '../protocol/messages';
import { el, titleText, vsCodeApi } from './dom';

const vscode = vsCodeApi<ExcerptState>();
const root = document.getElementById('root')!;
const WORKER_STALL_MS = 4000;
const ZOOMS = [0.75, 1, 1.25, 1.5, 2, 3];

let view: ExcerptFound | undefined;
let documentProxy: pdfjs.PDFDocumentProxy | undefined;
let loadingTask: { destroy(): Promise<void> } | undefined;
let currentPage = 1;
let zoom = vscode.getState()?.zoom ?? 1.25;
let renderToken = 0;

function saveState(): void {
  if (view) vscode.setState({ target: view.target, page: currentPage, zoom });
}

const STATUS_TEXT: Record<ExcerptFound['status'], (v: ExcerptFound) => string> = {
  found: (v) => `Found on page ${v.page}, as the corpus states${v.method === 'exact' ? '' : ` (${v.method} match${v.method === 'fuzzy' ? `, ${Math.round(v.score * 100)}% similar` : ''})`}.`,
  'found-elsewhere': (v) => `Found on page ${v.page}, not on page ${v.target.page} as the corpus states.`,
  'not-found': (v) => `Not found in this PDF. The corpus states page ${v.target.page}; the quote is listed below as stored.`,
};

function header(paperTitle: string, byline: string): HTMLElement {
  return el('header', {}, el('div', { class: 'kind' }, 'Excerpt'), titleText('h1', {}, paperTitle), el('div', { class: 'subtitle' }, byline));
}

function renderUnavailable(unavailable: ExcerptUnavailable): void {
  view = undefined;
  const paper = unavailable.paper;
  const actions = el('div', { class: 'actions' });
  if (unavailable.reason !== 'unknown-paper') {
    actions.append(
      el('button', { type: 'button', 'data-command': 'downloadPdfs' }, 'Download paper PDFs…'),
      el('button', { type: 'button', class: 'secondary', 'data-command': 'attachPdf' }, 'Attach PDF…'),
      el('button', { type: 'button', class: 'secondary', 'data-command': 'attachPdfFolder' }, 'Attach a folder of PDFs…'),
    );
  }
  root.replaceChildren(
    header(paper?.title ?? unavailable.target.paper, paper ? `${paper.authorsShort} · ${paper.year} · arXiv ${paper.id}${paper.version}` : ''),
    el('p', { class: unavailable.reason === 'pdf-error' ? 'error status' : 'status missing', role: 'status' }, unavailable.message),
    actions,
    el('h2', {}, `Stored quote (page ${unavailable.target.page}${unavailable.target.source === 'transcription' ? ', from a transcription, unverified' : ''})`),
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
    el('button', { type: 'button', 'data-nav': 'prev', title: 'Previous page' }, '‹ Prev'),
    el('span', { class: 'page-label', id: 'page-label' }, ''),
    el('button', { type: 'button', 'data-nav': 'next', title: 'Next page' }, 'Next ›'),
    el('button', { type: 'button', 'data-nav': 'quote', title: 'Back to the quote' }, 'Quote page'),
    el('span', { class: 'spacer' }),
    el('button', { type: 'button', 'data-zoom': 'out', title: 'Zoom out' }, '−'),
    el('span', { id: 'zoom-label' }, ''),
    el('button', { type: 'button', 'data-zoom': 'in', title: 'Zoom in' }, '+'),
    el('button', { type: 'button', class: 'secondary', 'data-open-pdf': '1', title: 'Open the whole PDF at this page' }, 'Open PDF'),
  );
  root.replaceChildren(
    header(found.paper.title, `${found.paper.authorsShort} · ${found.paper.year} · arXiv ${found.paper.id}${found.paper.version} · ${found.pdfName}`),
    el('p', { class: `status ${found.status}`, role: 'status', id: 'anchor-status' }, STATUS_TEXT[found.status](found)),
    found.otherVersion ? el('p', { class: 'status warning' }, 'This PDF is not the pinned version: page numbers may differ; the quote was found by its text.') : '',
    found.status === 'not-found' ? el('blockquote', { class: 'quote' }, el('p', {}, found.target.quote)) : el('section', { class: 'context' }, el('h2', {}, 'The paragraph around the quote'), paragraph),
    toolbar,
    el('div', { class: 'page-frame', id: 'page-frame' }, el('p', { class: 'loading' }, 'Rendering the page…')),
  );
  saveState();
}

/** pdf.js worker from a blob: URL; if it does not answer in time, fall back to the main thread. */
async function openPdf(data: Uint8Array): Promise<pdfjs.PDFDocumentProxy> {
  const started = performance.now();
  const workerUrl = document.body.dataset.worker!;
  const options = { data, standardFontDataUrl: document.body.dataset.fonts, isEvalSupported: false, enableXfa: false } as Parameters<typeof pdfjs.getDocument>[0];
  try {
    const source = await (await fetch(workerUrl)).text();
    const blobUrl = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    pdfjs.GlobalWorkerOptions.workerPort = new Worker(blobUrl, { type: 'module' });
    const task = pdfjs.getDocument({ ...(options as object), data: data.slice() });
    loadingTask = task;
    const stalled = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('stalled')), WORKER_STALL_MS));
    const proxy = await Promise.race([task.promise, stalled]);
    vscode.postMessage({ type: 'pdfStarted', mode: 'worker', ms: Math.round(performance.now() - started) });
    return proxy;
  } catch {
    await loadingTask?.destroy().catch(() => undefined);
    pdfjs.GlobalWorkerOptions.workerPort?.terminate();
    pdfjs.GlobalWorkerOptions.workerPort = null;
    // Main thread: pdf.js uses an in-page "fake worker" when the worker module is already loaded.
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = await import(/* webpackIgnore: true */ workerUrl);
    const task = pdfjs.getDocument(options);
    loadingTask = task;
    const proxy = await task.promise;
    vscode.postMessage({ type: 'pdfStarted', mode: 'main-thread', ms: Math.round(performance.now() - started) });
    return proxy;
  }
}

async function renderPage(): Promise<void> {
  if (!view || !documentProxy) return;
  const token = ++renderToken;
  const frame = document.getElementById('page-frame')!;
  const page = await documentProxy.getPage(currentPage);
  const viewport = page.getViewport({ scale: zoom * (window.devicePixelRatio > 1 ? 1 : 1) });
  const outputScale = window.devicePixelRatio || 1;
  const canvas = el('canvas', { class: 'page-canvas' });
  canvas.width = Math.floor(viewport.width * outputScale);
  canvas.height = Math.floor(viewport.height * outputScale);
  canvas.style.width = `${Math.floor(viewport.width)}px`;
  canvas.style.height = `${Math.floor(viewport.height)}px`;
  const pageBox = el('div', { class: 'page', 'data-page': String(currentPage) }, canvas);
  pageBox.style.width = canvas.style.width;
  pageBox.style.height = canvas.style.height;
  const textLayer = el('div', { class: 'textLayer' });
  textLayer.style.setProperty('--total-scale-factor', String(viewport.scale));
  textLayer.style.setProperty('--scale-factor', String(viewport.scale));
  pageBox.append(textLayer);
  await page.render({ canvas, canvasContext: canvas.getContext('2d')!, viewport, transform: outputScale !== 1 ? [outputScale, 0, 0, outputScale, 0, 0] : undefined }).promise;
  await new pdfjs.TextLayer({ textContentSource: page.streamTextContent(), container: textLayer, viewport }).render();
  if (token !== renderToken) return;
  const highlights = currentPage === view.page ? view.rects : [];
  for (const rect of highlights) {
    const [x1, y1] = viewport.convertToViewportPoint(rect.x, rect.y) as [number, number];
    const [x2, y2] = viewport.convertToViewportPoint(rect.x + rect.width, rect.y + rect.height) as [number, number];
    const box = el('div', { class: 'highlight', 'aria-hidden': 'true' });
    box.style.left = `${Math.min(x1, x2) - 1}px`;
    box.style.top = `${Math.min(y1, y2) - 2}px`;
    box.style.width = `${Math.abs(x2 - x1) + 2}px`;
    box.style.height = `${Math.abs(y2 - y1) + 4}px`;
    pageBox.append(box);
  }
  frame.replaceChildren(pageBox);
  document.getElementById('page-label')!.textContent = `Page ${currentPage} of ${documentProxy.numPages}`;
  document.getElementById('zoom-label')!.textContent = `${Math.round(zoom * 100)}%`;
  if (highlights.length > 0) pageBox.querySelector('.highlight')?.scrollIntoView({ block: 'center' });
  saveState();
  vscode.postMessage({ type: 'excerptRendered', page: currentPage, highlights: highlights.length });
}

async function receivePdf(data: Uint8Array): Promise<void> {
  try {
    await loadingTask?.destroy();
    documentProxy = await openPdf(data);
    await renderPage();
  } catch (error) {
    document.getElementById('page-frame')?.replaceChildren(el('p', { class: 'error' }, `The page could not be rendered: ${(error as Error).message}`));
  }
}

window.addEventListener('message', (event: MessageEvent<HostToWebview>) => {
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
