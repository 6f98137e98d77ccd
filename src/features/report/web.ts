// "Export Evidence Report…" in the web worker extension host (src/web/extension.ts).
import * as vscode from 'vscode';
import type { ReportWorkerAnswer, ReportWorkerData } from '../../core/report/workerProtocol';
import { startBlobWorker } from '../../services/blobWorker';
import type { CorpusService } from '../../services/corpusService';
import { exportReport, type ClaimsOfDocument, type ReportMaker } from './exportCommand';

interface ReportWorker {
  postMessage(message: ReportWorkerData): void;
  onmessage: ((event: { data: ReportWorkerAnswer }) => void) | null;
  onerror: ((event: { message?: string }) => void) | null;
  terminate(): void;
}

/**
 * The same report core as the desktop's, citation styles included (citeproc bundled for the browser):
 * dist/web/reportWorker.js, a classic script started from a Blob URL, one worker per report.
 */
function blobReportMaker(extensionUri: vscode.Uri): ReportMaker {
  return async (data) => {
    const worker = await startBlobWorker<ReportWorker>(extensionUri, 'dist/web/reportWorker.js');
    return new Promise<string>((resolve, reject) => {
      worker.onmessage = ({ data: answer }) => {
        worker.terminate();
        if (answer.text !== undefined) resolve(answer.text);
        else reject(new Error(answer.error ?? 'the report worker failed'));
      };
      worker.onerror = (event) => {
        worker.terminate();
        reject(new Error(event.message ?? 'the report worker failed to start'));
      };
      worker.postMessage(data);
    });
  };
}

export function activateWebReport(context: vscode.ExtensionContext, corpus: CorpusService, claimsOf: ClaimsOfDocument): void {
  // "Open in Browser" (openExternal) cannot open a workspace file from the web; "Open" shows it in the editor.
  const host = { makeReport: blobReportMaker(context.extensionUri), canOpenInBrowser: false };
  context.subscriptions.push(vscode.commands.registerCommand('literatureCompanion.exportReport', (argument?: unknown) => exportReport(corpus, claimsOf, host, argument)));
}
