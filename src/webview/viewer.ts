/// <reference lib="dom" />
// The PDF viewer (custom editor for *.pdf): pdf.js's own viewer component (continuous pages rendered as
// they scroll into view, text layers, find controller) on the pdf.js chunk the excerpt panel uses too.
// Adds what the companion needs: a toolbar, a find bar on Ctrl+F, the quote's highlight, dark-page modes,
// the reading position kept in the webview state, and "Use as Evidence…" for selected text.
// './pdfDocument' must come first: pdf.js sets globalThis.pdfjsLib, which pdf_viewer.mjs reads on load.
import { highlightBoxes, PdfLoader, pdfjs } from './pdfDocument';
import { EventBus, PDFFindController, PDFLinkService, PDFViewer } from 'pdfjs-dist/web/pdf_viewer.mjs';
import type { TextBox } from '../core/pdf/textModel';
import type { DarkPageMode } from '../protocol/common';
import { isHostToViewer, isViewerState, type HostToViewer, type ViewerReveal, type ViewerState, type ViewerToHost, type ViewerZoom } from '../protocol/viewer';
import { VIEWER_TEXT } from '../protocol/webviewText';
import { el, pageTexts, vsCodeApi } from './dom';

const vscode = vsCodeApi<ViewerState, ViewerToHost>();
const t = pageTexts(VIEWER_TEXT);
const ZOOM_STEPS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3, 4];
const ZOOM_CHOICES: readonly [string, string][] = [['page-width', t('fitWidth')], ['page-fit', t('fitPage')], ...ZOOM_STEPS.map((step): [string, string] => [String(step), `${Math.round(step * 100)}%`])];

const loader = new PdfLoader();
let viewer: PDFViewer | undefined;
let findController: PDFFindController | undefined;
let linkService: PDFLinkService | undefined;
const eventBus = new EventBus();
/** The quote to mark (from the excerpt panel's "Open PDF"); redrawn whenever its page is re-rendered. */
let highlight: { page: number; rects: readonly TextBox[] } | undefined;
/** A reveal that arrived before the pages were laid out. */
let pendingReveal: ViewerReveal | undefined;
let lastQuery = '';

// ——— the page's chrome ———

const pageInput = el('input', { type: 'text', id: 'page-input', inputmode: 'numeric', 'aria-label': t('pageNumber'), size: '4' });
const pageCount = el('span', { id: 'page-count', class: 'muted' }, '');
const zoomSelect = el('select', { id: 'zoom-select', 'aria-label': t('zoom') }, ...ZOOM_CHOICES.map(([value, label]) => el('option', { value }, label)));
const evidenceButton = el('button', { type: 'button', id: 'use-as-evidence', class: 'primary', title: t('useAsEvidenceTitle') }, t('useAsEvidence'));
const findInput = el('input', { type: 'search', id: 'find-input', placeholder: t('findInPdf'), 'aria-label': t('findInPdf') });
const findResult = el('span', { id: 'find-result', class: 'muted', role: 'status' }, '');
const findBar = el(
  'div',
  { class: 'findbar', id: 'findbar', role: 'search', hidden: '' },
  findInput,
  el('button', { type: 'button', 'data-find': 'previous', title: t('previousMatch') }, '↑'),
  el('button', { type: 'button', 'data-find': 'next', title: t('nextMatch') }, '↓'),
  findResult,
  el('button', { type: 'button', 'data-find': 'close', title: t('closeFind') }, '×'),
);
const statusLine = el('div', { id: 'viewer-status', role: 'status', hidden: '' }, '');
const floatingEvidence = el('button', { type: 'button', id: 'floating-evidence', class: 'primary floating', hidden: '' }, t('useAsEvidence'));
const viewerElement = el('div', { id: 'viewer', class: 'pdfViewer' });
const container = el('div', { id: 'viewer-container', tabindex: '0' }, viewerElement);

function buildChrome(fileName: string): void {
  const toolbar = el(
    'div',
    { class: 'toolbar', role: 'toolbar', 'aria-label': t('toolbar') },
    el('button', { type: 'button', 'data-nav': 'previous', title: t('previousPage') }, '‹'),
    pageInput,
    pageCount,
    el('button', { type: 'button', 'data-nav': 'next', title: t('nextPage') }, '›'),
    el('span', { class: 'separator' }),
    el('button', { type: 'button', 'data-zoom': 'out', title: t('zoomOut') }, '−'),
    zoomSelect,
    el('button', { type: 'button', 'data-zoom': 'in', title: t('zoomIn') }, '+'),
    el('span', { class: 'file-name', title: fileName }, fileName),
    el('span', { class: 'spacer' }),
    el('button', { type: 'button', 'data-find': 'open', class: 'secondary', title: t('findTitle') }, t('find')),
    evidenceButton,
  );
  document.getElementById('root')!.replaceChildren(toolbar, findBar, statusLine, el('div', { id: 'viewer-area' }, container), floatingEvidence);
}

// ——— state ———

function currentZoom(): ViewerZoom {
  const value = viewer?.currentScaleValue ?? 'page-width';
  const number = Number(value);
  return Number.isFinite(number) && number > 0 ? number : (value as ViewerZoom);
}

function saveState(): void {
  if (!viewer?.pdfDocument) return;
  const state: ViewerState = { page: viewer.currentPageNumber, zoom: currentZoom() };
  vscode.setState(state);
  vscode.postMessage({ type: 'viewChanged', ...state });
}

function savedState(): ViewerState | undefined {
  const state = vscode.getState();
  return isViewerState(state) ? state : undefined;
}

function showZoom(): void {
  const value = String(viewer?.currentScaleValue ?? 'page-width');
  if (!Array.from(zoomSelect.querySelectorAll("option")).some((option) => option.value === value)) {
    zoomSelect.append(el('option', { value, 'data-custom': '1' }, `${Math.round(Number(value) * 100)}%`));
  }
  zoomSelect.value = value;
}

// ——— the document ———

function createViewer(): PDFViewer {
  linkService = new PDFLinkService({ eventBus });
  findController = new PDFFindController({ eventBus, linkService });
  const created = new PDFViewer({ container, viewer: viewerElement, eventBus, linkService, findController, textLayerMode: 1, annotationMode: pdfjs.AnnotationMode.ENABLE, removePageBorders: false });
  linkService.setViewer(created);
  return created;
}

async function openDocument(message: Extract<HostToViewer, { type: 'document' }>): Promise<void> {
  buildChrome(message.fileName);
  setDarkPage(message.darkPage);
  try {
    const opened = await loader.open(message.data);
    vscode.postMessage({ type: 'pdfStarted', mode: opened.mode, ms: opened.ms });
    viewer ??= createViewer();
    const saved = savedState();
    pendingReveal = message.reveal ?? (saved ? { page: saved.page } : undefined);
    highlight = message.reveal?.rects?.length ? { page: message.reveal.page, rects: message.reveal.rects } : undefined;
    zoomSelect.value = String(saved?.zoom ?? 'page-width');
    viewer.setDocument(opened.document);
    linkService!.setDocument(opened.document);
    findController!.setDocument(opened.document);
    pageCount.textContent = t('ofPages', opened.document.numPages);
  } catch (error) {
    showStatus(t('openFailed', (error as Error).message), 'error');
    vscode.postMessage({ type: 'error', message: (error as Error).message });
  }
}

/** Scrolls to a page; with a quote, to just above its first line, so the highlighted passage is in view. */
function reveal(target: ViewerReveal): void {
  if (!viewer?.pdfDocument) {
    pendingReveal = target;
    return;
  }
  const page = Math.min(Math.max(1, target.page), viewer.pagesCount);
  if (target.rects?.length) {
    highlight = { page, rects: target.rects };
    const top = Math.max(...target.rects.map((rect) => rect.y + rect.height)) + 36;
    viewer.scrollPageIntoView({ pageNumber: page, destArray: [null, { name: 'XYZ' }, 0, top, null] });
    drawHighlight(page);
  } else {
    viewer.currentPageNumber = page;
  }
}

function drawHighlight(pageNumber: number): number {
  const pageView = viewer?.getPageView(pageNumber - 1);
  if (!pageView?.div) return 0;
  // Not '.highlight': pdf.js marks find matches in the text layer with that class.
  pageView.div.querySelectorAll(':scope > .quote-highlight').forEach((box: Element) => box.remove());
  if (highlight?.page !== pageNumber) return 0;
  const boxes = highlightBoxes(pageView.viewport, highlight.rects, 'quote-highlight');
  pageView.div.append(...boxes);
  return boxes.length;
}

function setDarkPage(mode: DarkPageMode): void {
  document.body.dataset.darkPage = mode;
}

eventBus.on('pagesinit', () => {
  if (!viewer) return;
  viewer.currentScaleValue = zoomSelect.value || 'page-width';
  const target = pendingReveal;
  pendingReveal = undefined;
  if (target) reveal(target);
  showZoom();
  showPage(viewer.currentPageNumber);
});

eventBus.on('pagechanging', ({ pageNumber }: { pageNumber: number }) => {
  showPage(pageNumber);
  saveState();
});

eventBus.on('scalechanging', () => {
  showZoom();
  saveState();
});

eventBus.on('textlayerrendered', ({ pageNumber }: { pageNumber: number }) => {
  const highlights = drawHighlight(pageNumber);
  vscode.postMessage({ type: 'pageRendered', page: pageNumber, pageCount: viewer?.pagesCount ?? pageNumber, highlights });
});

function showPage(pageNumber: number): void {
  if (document.activeElement !== pageInput) pageInput.value = String(pageNumber);
}

// ——— find ———

function openFind(): void {
  findBar.hidden = false;
  const selected = window.getSelection()?.toString().trim();
  if (selected && selected.length < 80 && !selected.includes('\n')) findInput.value = selected;
  findInput.focus();
  findInput.select();
  if (findInput.value) find('');
}

function closeFind(): void {
  findBar.hidden = true;
  findResult.textContent = '';
  lastQuery = '';
  eventBus.dispatch('findbarclose', { source: null });
  container.focus();
}

function find(type: '' | 'again', previous = false): void {
  const query = findInput.value;
  if (!query) {
    findResult.textContent = '';
    return;
  }
  eventBus.dispatch('find', { source: null, type: query === lastQuery ? type : '', query, caseSensitive: false, entireWord: false, highlightAll: true, findPrevious: previous, matchDiacritics: false });
  lastQuery = query;
}

function showMatches(current: number, total: number): void {
  findResult.textContent = total === 0 ? (findInput.value ? t('noMatches') : '') : t('matchOf', current, total);
  vscode.postMessage({ type: 'searchResult', query: findInput.value, current, total });
}

eventBus.on('updatefindmatchescount', ({ matchesCount }: { matchesCount: { current: number; total: number } }) => showMatches(matchesCount.current, matchesCount.total));
eventBus.on('updatefindcontrolstate', ({ state, matchesCount }: { state: number; matchesCount: { current: number; total: number } }) => {
  // state 1 is NOT_FOUND; 3 is PENDING (counts still coming in).
  if (state !== 3) showMatches(matchesCount.current, matchesCount.total);
});

findInput.addEventListener('input', () => find(''));
findInput.addEventListener('keydown', (event) => {
  if (event.key === 'Enter') {
    event.preventDefault();
    find('again', event.shiftKey);
  } else if (event.key === 'Escape') {
    event.preventDefault();
    closeFind();
  }
});

// ——— "Use as Evidence…" ———

/** The selection, if it lies in the text layer of one page. */
function selectedPassage(): { page: number; text: string } | { problem: string } {
  const selection = window.getSelection();
  const text = selection?.toString() ?? '';
  if (!selection || selection.rangeCount === 0 || !text.trim()) return { problem: t('selectFirst') };
  const pageOf = (node: Node | null) => (node instanceof Element ? node : node?.parentElement)?.closest<HTMLElement>('.page')?.dataset.pageNumber;
  const start = pageOf(selection.anchorNode);
  const end = pageOf(selection.focusNode);
  if (!start || start !== end) return { problem: t('onePage') };
  return { page: Number(start), text };
}

function useAsEvidence(): void {
  const passage = selectedPassage();
  floatingEvidence.hidden = true;
  if ('problem' in passage) {
    showStatus(passage.problem, 'info');
    return;
  }
  showStatus(t('adding', passage.page), 'info');
  vscode.postMessage({ type: 'useAsEvidence', page: passage.page, text: passage.text });
}

/** A small button by the end of a selection in the text layer, as a PDF reader's selection menu. */
function placeFloatingButton(): void {
  const selection = window.getSelection();
  const passage = selectedPassage();
  if (!selection || 'problem' in passage) {
    floatingEvidence.hidden = true;
    return;
  }
  const rects = selection.getRangeAt(0).getClientRects();
  const last = rects[rects.length - 1];
  if (!last) return;
  floatingEvidence.style.left = `${Math.min(last.right + 4, window.innerWidth - 140)}px`;
  floatingEvidence.style.top = `${Math.min(last.bottom + 4, window.innerHeight - 32)}px`;
  floatingEvidence.hidden = false;
}

let statusTimer: ReturnType<typeof setTimeout> | undefined;
function showStatus(text: string, tone: 'info' | 'success' | 'error'): void {
  statusLine.textContent = text;
  statusLine.className = `status ${tone}`;
  statusLine.hidden = false;
  clearTimeout(statusTimer);
  if (tone !== 'error') statusTimer = setTimeout(() => (statusLine.hidden = true), 12_000);
}

// ——— input ———

// Buttons must not take the selection away: act on mousedown's default being prevented.
for (const button of [evidenceButton, floatingEvidence]) {
  button.addEventListener('mousedown', (event) => event.preventDefault());
  button.addEventListener('click', useAsEvidence);
}

document.addEventListener('mouseup', (event) => {
  if ((event.target as Element | null)?.closest?.('.textLayer')) setTimeout(placeFloatingButton, 0);
});
container.addEventListener('scroll', () => !floatingEvidence.hidden && requestAnimationFrame(placeFloatingButton), { passive: true });

document.addEventListener('click', (event) => {
  const element = (event.target as Element | null)?.closest<HTMLElement>('[data-nav], [data-zoom], [data-find]');
  if (!element || !viewer) return;
  const { nav, zoom, find: findAction } = element.dataset;
  if (nav === 'previous') viewer.previousPage();
  if (nav === 'next') viewer.nextPage();
  if (zoom) stepZoom(zoom === 'in' ? 1 : -1);
  if (findAction === 'open') openFind();
  if (findAction === 'next' || findAction === 'previous') find('again', findAction === 'previous');
  if (findAction === 'close') closeFind();
});

function stepZoom(direction: 1 | -1): void {
  if (!viewer) return;
  const scale = viewer.currentScale;
  const next = direction > 0 ? ZOOM_STEPS.find((step) => step > scale + 0.01) : [...ZOOM_STEPS].reverse().find((step) => step < scale - 0.01);
  if (next) viewer.currentScaleValue = String(next);
}

zoomSelect.addEventListener('change', () => {
  if (viewer) viewer.currentScaleValue = zoomSelect.value;
});

pageInput.addEventListener('change', () => {
  const page = Number.parseInt(pageInput.value, 10);
  if (viewer && Number.isInteger(page) && page >= 1 && page <= viewer.pagesCount) viewer.currentPageNumber = page;
  else if (viewer) pageInput.value = String(viewer.currentPageNumber);
});

document.addEventListener('keydown', (event) => {
  const mod = event.ctrlKey || event.metaKey;
  if (mod && !event.altKey && event.key.toLowerCase() === 'f') {
    event.preventDefault();
    openFind();
  } else if (event.key === 'Escape' && !findBar.hidden) {
    closeFind();
  }
});

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = event.data;
  if (!isHostToViewer(message)) {
    console.warn('PDF viewer: ignored a message that is not in the protocol', (message as { type?: unknown } | null)?.type, Object.prototype.toString.call((message as { data?: unknown } | null)?.data));
    return;
  }
  switch (message.type) {
    case 'document':
      void openDocument(message);
      return;
    case 'reveal':
      reveal(message.reveal);
      return;
    case 'darkPage':
      setDarkPage(message.mode);
      return;
    case 'find':
      openFind();
      return;
    case 'notice':
      showStatus(message.text, message.tone);
      return;
  }
});

vscode.postMessage({ type: 'ready' });
