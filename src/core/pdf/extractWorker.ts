/**
 * The PDF worker (bundled alone as dist/pdfWorker.js): reads PDFs' text with PDFium (pdfiumText.ts) in a
 * worker_thread so the extension host's event loop never does, and writes the text cache entry before replying.
 */
import { parentPort } from 'node:worker_threads';
import { readPdfFile } from './pdfFile';
import { readPdfLayoutPdfium } from './pdfiumText';
import { PdfReadError } from './pdfErrors';
import { encodePage, writeCachedPages } from './textCache';
import type { ExtractJob, ExtractReply } from './workerProtocol';

async function extract(job: ExtractJob): Promise<ExtractReply> {
  try {
    const pages = (await readPdfLayoutPdfium(job.file, job.data ?? (await readPdfFile(job.file, job.limits)), job.limits)).map(encodePage);
    // A cache that cannot be written (read-only folder, full disk) costs speed, not correctness.
    if (job.cacheDir) await writeCachedPages(job.cacheDir, job.sha256, pages, job.cacheKey).catch(() => undefined);
    return { id: job.id, ok: true, pages };
  } catch (error) {
    if (error instanceof PdfReadError) return { id: job.id, ok: false, kind: error.kind, message: error.message };
    return { id: job.id, ok: false, kind: 'internal', message: (error as Error).stack ?? String(error) };
  }
}

parentPort?.on('message', (job: ExtractJob) => {
  void extract(job).then((reply) => {
    const transfer = reply.ok ? reply.pages.map((page) => page.items.buffer as ArrayBuffer) : [];
    parentPort?.postMessage(reply, transfer);
  });
});
