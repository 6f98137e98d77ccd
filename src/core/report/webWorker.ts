/**
 * The evidence report on the web (bundled alone as dist/web/reportWorker.js, a classic IIFE script started
 * from a Blob URL like the PDF text worker): citeproc compiles the CSL style before its first entry, which
 * takes seconds, so it runs here and not on the web worker extension host's own thread. Same input and
 * answer as the Node worker (worker.ts), over postMessage.
 */
import { makeReport } from './makeReport';
import type { ReportWorkerData } from './workerProtocol';

interface WorkerScope {
  onmessage: ((event: { data: ReportWorkerData }) => void) | null;
  postMessage(message: { text?: string; error?: string }): void;
}

const scope = globalThis as unknown as WorkerScope;

scope.onmessage = (event) => {
  const { input, format, style } = event.data;
  try {
    scope.postMessage({ text: makeReport({ ...input, date: new Date(input.date) }, format, style) });
  } catch (error) {
    scope.postMessage({ error: (error as Error).message });
  }
};
