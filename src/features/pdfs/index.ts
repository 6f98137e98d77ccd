import * as vscode from 'vscode';
import type { CorpusService } from '../../services/corpusService';
import { attachPdf } from './attachCommand';
import { attachPdfFolder } from './attachFolderCommand';
import { downloadPdfs } from './downloadCommand';
import type { PdfLibrary } from '../../services/pdfLibrary';

export type { AttachPdfOptions, AttachPdfResult } from './attachCommand';
export type { AttachFolderResult } from './attachFolderCommand';
export type { DownloadPdfsOptions, DownloadPdfsResult, PaperDownloadOutcome } from './downloadCommand';

/**
 * "Download paper PDFs" (the pinned arXiv versions, after asking, never in an untrusted workspace) and
 * "Attach PDF…" (a local file, checked and copied in), and "Attach a Folder of PDFs…" (every PDF of a folder
 * that is a paper of the corpus). Each returns a result object for tests and callers.
 */
export function activatePdfCommands(context: vscode.ExtensionContext, library: PdfLibrary, corpus: CorpusService): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('literatureCompanion.downloadPdfs', (argument?: unknown) => downloadPdfs(context, library, corpus, argument)),
    vscode.commands.registerCommand('literatureCompanion.attachPdf', (target?: unknown, file?: unknown, options?: unknown) => attachPdf(context.globalState, library, corpus, target, file, options)),
    vscode.commands.registerCommand('literatureCompanion.attachPdfFolder', (folder?: unknown) => attachPdfFolder(context.globalState, library, corpus, folder)),
  );
}
