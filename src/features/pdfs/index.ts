import * as vscode from 'vscode';
import type { CorpusService } from '../../services/corpusService';
import { attachPdf } from './attachCommand';
import { downloadPdfs } from './downloadCommand';
import type { PdfLibrary } from '../../services/pdfLibrary';

export type { AttachPdfOptions, AttachPdfResult } from './attachCommand';
export type { DownloadPdfsOptions, DownloadPdfsResult, PaperDownloadOutcome } from './downloadCommand';

/**
 * "Download paper PDFs" (the pinned arXiv versions, after asking, never in an untrusted workspace) and
 * "Attach PDF…" (a local file, checked and copied in). Both return a result object for tests and callers.
 */
export function activatePdfCommands(context: vscode.ExtensionContext, library: PdfLibrary, corpus: CorpusService): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('literatureCompanion.downloadPdfs', (argument?: unknown) => downloadPdfs(context, library, corpus, argument)),
    vscode.commands.registerCommand('literatureCompanion.attachPdf', (target?: unknown, file?: unknown, options?: unknown) => attachPdf(library, corpus, target, file, options)),
  );
}
