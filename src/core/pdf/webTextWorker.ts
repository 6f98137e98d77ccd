/**
 * The web extension's PDF text worker (bundled alone as dist/web/pdfTextWorker.js, a classic IIFE script,
 * started from a Blob URL: code-server and vscode.dev refuse `new Worker(<extension URL>)`). pdf.js's
 * browser build runs its own worker code in this same thread (`globalThis.pdfjsWorker`), so the web
 * worker extension host never parses a PDF itself. The page model is the same as the desktop's (pdf.js
 * items laid out by readingOrder.ts), so anchoring and highlighting work alike.
 */
import * as pdfjs from 'pdfjs-dist/build/pdf.mjs';
import * as pdfjsWorker from 'pdfjs-dist/build/pdf.worker.mjs';
import { PdfReadError } from './pdfErrors';
import { readPdfLayoutWith } from './pdfjsLayout';
import type { WebTextJob, WebTextReply } from './webTextProtocol';

interface WorkerScope {
  onmessage: ((event: { data: WebTextJob }) => void) | null;
  postMessage(message: WebTextReply): void;
}

(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = pdfjsWorker;
const scope = globalThis as unknown as WorkerScope;

async function read(job: WebTextJob): Promise<WebTextReply> {
  try {
    return { id: job.id, ok: true, pages: await readPdfLayoutWith(async () => pdfjs, job.file, job.data, job.limits) };
  } catch (error) {
    if (error instanceof PdfReadError) return { id: job.id, ok: false, kind: error.kind, message: error.message };
    return { id: job.id, ok: false, kind: 'internal', message: (error as Error).stack ?? String(error) };
  }
}

scope.onmessage = (event) => void read(event.data).then((reply) => scope.postMessage(reply));
