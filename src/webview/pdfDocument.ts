/// <reference lib="dom" />
// What both PDF webviews (the excerpt panel and the PDF viewer) share of pdf.js: starting it (its worker
// from a blob: URL, or the main thread when the worker stalls) and drawing a quote's boxes over a page.
// pdf.js itself lands in one chunk that both bundles import (esbuild code splitting).
import * as pdfjs from 'pdfjs-dist/build/pdf.mjs';
import type { TextBox } from '../core/pdf/textModel';
import { el } from './dom';

export { pdfjs };

const WORKER_STALL_MS = 4000;

export interface OpenedPdf {
  readonly document: pdfjs.PDFDocumentProxy;
  /** How pdf.js started: its own worker, or the in-page fallback. */
  readonly mode: 'worker' | 'main-thread';
  readonly ms: number;
}

/** Opens one PDF at a time: a new `open` destroys the previous document and its worker. */
export class PdfLoader {
  private task?: { destroy(): Promise<void> };

  /** `data-worker` and `data-fonts` of the page's body name the worker script and the standard fonts. */
  async open(data: Uint8Array): Promise<OpenedPdf> {
    await this.destroy();
    const started = performance.now();
    const workerUrl = document.body.dataset.worker!;
    const options = { data, standardFontDataUrl: document.body.dataset.fonts, isEvalSupported: false, enableXfa: false } as Parameters<typeof pdfjs.getDocument>[0];
    try {
      // Webviews cannot start a worker from their own origin; a blob: URL of the same source can.
      const source = await (await fetch(workerUrl)).text();
      const blobUrl = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
      pdfjs.GlobalWorkerOptions.workerPort = new Worker(blobUrl, { type: 'module' });
      const task = pdfjs.getDocument({ ...(options as object), data: data.slice() });
      this.task = task;
      const stalled = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('stalled')), WORKER_STALL_MS));
      const proxy = await Promise.race([task.promise, stalled]);
      return { document: proxy, mode: 'worker', ms: Math.round(performance.now() - started) };
    } catch {
      await this.destroy();
      pdfjs.GlobalWorkerOptions.workerPort?.terminate();
      pdfjs.GlobalWorkerOptions.workerPort = null;
      // Main thread: pdf.js uses an in-page "fake worker" when the worker module is already loaded.
      (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = await import(/* webpackIgnore: true */ workerUrl);
      const task = pdfjs.getDocument(options);
      this.task = task;
      const proxy = await task.promise;
      return { document: proxy, mode: 'main-thread', ms: Math.round(performance.now() - started) };
    }
  }

  async destroy(): Promise<void> {
    const task = this.task;
    this.task = undefined;
    await task?.destroy().catch(() => undefined);
  }
}

/** Boxes over a rendered page for a quote's rectangles (PDF user space), positioned in viewport pixels. */
export function highlightBoxes(viewport: pdfjs.PageViewport, rects: readonly TextBox[], className = 'highlight'): HTMLElement[] {
  return rects.map((rect) => {
    const [x1, y1] = viewport.convertToViewportPoint(rect.x, rect.y) as [number, number];
    const [x2, y2] = viewport.convertToViewportPoint(rect.x + rect.width, rect.y + rect.height) as [number, number];
    const box = el('div', { class: className, 'aria-hidden': 'true' });
    box.style.left = `${Math.min(x1, x2) - 1}px`;
    box.style.top = `${Math.min(y1, y2) - 2}px`;
    box.style.width = `${Math.abs(x2 - x1) + 2}px`;
    box.style.height = `${Math.abs(y2 - y1) + 4}px`;
    return box;
  });
}
