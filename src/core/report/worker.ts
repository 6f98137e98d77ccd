/**
 * Makes a report off the extension host's event loop: citeproc compiles a CSL style (APA: ~200 kB of XML)
 * before its first entry, which takes seconds on a slow machine. The host posts the report's input and
 * gets the finished text back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { makeReport } from './makeReport';
import type { ReportWorkerData } from './workerProtocol';

export type { ReportWorkerData } from './workerProtocol';

const { input, format, style } = workerData as ReportWorkerData;
try {
  parentPort!.postMessage({ text: makeReport({ ...input, date: new Date(input.date) }, format, style) });
} catch (error) {
  parentPort!.postMessage({ error: (error as Error).message });
}
