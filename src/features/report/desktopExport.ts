// "Export Evidence Report…" on the desktop: its own bundle (dist/lazy-reportCommand.js), loaded when the
// command first runs.
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ReportWorkerAnswer, ReportWorkerData } from '../../core/report/workerProtocol';
import type { CorpusService } from '../../services/corpusService';
import { exportReport, type ClaimsOfDocument, type ExportReportResult } from './exportCommand';

/** The report core (with citeproc, ~1 MB) runs in a worker thread (dist/reportWorker.js). */
function makeReportInThread(data: ReportWorkerData): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(__dirname, 'reportWorker.js'), { workerData: data });
    worker.once('message', (answer: ReportWorkerAnswer) => {
      void worker.terminate();
      if (answer.text !== undefined) resolve(answer.text);
      else reject(new Error(answer.error ?? 'the report worker failed'));
    });
    worker.once('error', reject);
  });
}

export function exportReportOnDesktop(corpusService: CorpusService, claimsOf: ClaimsOfDocument, argument?: unknown): Promise<ExportReportResult> {
  return exportReport(corpusService, claimsOf, { makeReport: makeReportInThread, canOpenInBrowser: true }, argument);
}
