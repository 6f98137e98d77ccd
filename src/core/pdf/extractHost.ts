/**
 * The PDF reader's own process (bundled as dist/pdfHost.js, forked by PdfTextExtractor). pdf.js runs in a
 * worker thread inside it; this thread only relays jobs and watches the process's resident memory. A
 * worker's heap cap does not count the ArrayBuffers pdf.js decodes streams into, so a 2 MB compressed
 * "bomb" could grow a shared process to gigabytes; here the whole process exits past its cap and the OS
 * takes every byte back, while the extension host and the CLI go on.
 */
import { Worker } from 'node:worker_threads';
import { MEMORY_EXIT_CODE, type HostSettings } from './workerProtocol';

const settings = JSON.parse(process.env.LITCOMP_PDF_HOST ?? '{}') as HostSettings;
const capBytes = settings.maxMemoryMb * 1024 * 1024;

const worker = new Worker(settings.workerScript, { resourceLimits: { maxOldGenerationSizeMb: settings.maxHeapMb } });
worker.on('message', (reply: unknown) => process.send?.(reply));
worker.on('error', () => process.exit(1));
worker.on('exit', (code) => process.exit(code || 1));
process.on('message', (job: unknown) => worker.postMessage(job));
// The parent went away (it was closed, or it killed this reader): nothing is left to read for.
process.on('disconnect', () => process.exit(0));

// 20 checks a second: inflating runs at about 1 GB/s, so the cap is overshot by some 50 MB at most.
setInterval(() => {
  if (process.memoryUsage.rss() > capBytes) process.exit(MEMORY_EXIT_CODE);
}, 50);
